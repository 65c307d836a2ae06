// SPDX-License-Identifier: MIT
/*
 * Reading what the multiboot loader handed over (no single Linux counterpart:
 * Linux on a PC is started through its own boot protocol, arch/x86/boot/, and
 * reads the same facts from boot_params).
 *
 * Boot pipeline: head.S saved eax/ebx -> setup_arch() -> multiboot_parse() ->
 * the command line now, the memory map for memblock later.
 *
 * Everything here is a physical address from the loader, turned into a pointer
 * with __va(); that is only valid inside the linear map head.S set up, so every
 * pointer is checked first.  Nothing is trusted: a wrong magic number (we were
 * not started by a multiboot loader) or an info block outside reachable memory
 * is reported in words, and the caller stops the boot.
 */
#include <string.h>
#include <asm/page.h>
#include <boot/multiboot.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>

#ifdef LOWMEM_MAP_SIZE
#define REACHABLE(pa, len)	((pa) + (len) <= LOWMEM_MAP_SIZE && (pa) + (len) >= (pa))
#else				/* host build: every address is reachable */
#define REACHABLE(pa, len)	true
#endif

/*
 * QEMU and GRUB put the kernel's own file name first on a v1 command line
 * ("/boot/bootmm.elf quiet"); Linux's loaders do not, so it is dropped.
 */
static const char *skip_image_name(const char *cmdline)
{
	while (*cmdline && *cmdline != ' ')
		cmdline++;
	while (*cmdline == ' ')
		cmdline++;
	return cmdline;
}

static int parse_v1(phys_addr_t info, struct multiboot_boot *boot)
{
	const struct multiboot_info *mbi = __va(info);

	boot->info_end = info + sizeof(*mbi);
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline) {
		if (!REACHABLE((phys_addr_t)mbi->cmdline, COMMAND_LINE_MAX)) {
			pr_err("multiboot: command line at %#x is outside low memory, ignored\n",
			       mbi->cmdline);
			return 0;
		}
		boot->cmdline = skip_image_name(__va(mbi->cmdline));
	}
	return 0;
}

static int parse_v2(phys_addr_t info, struct multiboot_boot *boot)
{
	const struct multiboot2_info_header *hdr = __va(info);
	const u8 *p = (const u8 *)(hdr + 1);
	const u8 *end = (const u8 *)hdr + hdr->total_size;

	if (hdr->total_size < sizeof(*hdr) + sizeof(struct multiboot2_tag) ||
	    !REACHABLE(info, hdr->total_size)) {
		pr_err("multiboot2: boot information at %#llx has a bad size (%u bytes)\n",
		       (unsigned long long)info, hdr->total_size);
		return -1;
	}
	boot->info_end = info + hdr->total_size;

	while (p + sizeof(struct multiboot2_tag) <= end) {
		const struct multiboot2_tag *tag = (const void *)p;

		if (tag->type == MULTIBOOT2_TAG_END)
			return 0;
		if (tag->size < sizeof(*tag) || p + tag->size > end)
			break;
		if (tag->type == MULTIBOOT2_TAG_CMDLINE)
			boot->cmdline = (const char *)(tag + 1);
		p += ALIGN(tag->size, 8);	/* tags start on 8-byte boundaries */
	}
	pr_err("multiboot2: boot information at %#llx has a corrupt tag list\n",
	       (unsigned long long)info);
	return -1;
}

/**
 * multiboot_parse - check and read the loader's hand-over
 * @magic: eax at entry
 * @info: ebx at entry, the physical address of the boot information
 * @boot: filled with what was found
 *
 * Returns 0, or -1 after printing why the hand-over cannot be used.
 */
int multiboot_parse(u32 magic, phys_addr_t info, struct multiboot_boot *boot)
{
	memset(boot, 0, sizeof(*boot));
	boot->cmdline = "";
	boot->info_start = info;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC && magic != MULTIBOOT2_BOOTLOADER_MAGIC) {
		pr_err("multiboot: bad magic %#010x in eax (expected %#010x or %#010x): not started by a multiboot loader, so there is no memory map\n",
		       magic, MULTIBOOT_BOOTLOADER_MAGIC, MULTIBOOT2_BOOTLOADER_MAGIC);
		return -1;
	}
	if (info == 0 || !REACHABLE(info, 8)) {
		pr_err("multiboot: boot information pointer %#llx in ebx is not in low memory\n",
		       (unsigned long long)info);
		return -1;
	}
	if (magic == MULTIBOOT_BOOTLOADER_MAGIC) {
		boot->version = 1;
		return parse_v1(info, boot);
	}
	boot->version = 2;
	return parse_v2(info, boot);
}
