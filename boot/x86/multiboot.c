// SPDX-License-Identifier: MIT
/*
 * Reading what the multiboot loader handed over (no single Linux counterpart:
 * Linux on a PC is started through its own boot protocol, arch/x86/boot/, and
 * reads the same facts from boot_params).
 *
 * Boot pipeline: head.S saved eax/ebx -> setup_arch() -> multiboot_parse() ->
 * the command line, and the BIOS memory map as an e820 table for
 * boot/x86/e820.c, which feeds memblock.  The loader's own data (the info
 * block, the command line, the map) is listed so that it can be reserved.
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

static void note_used(struct multiboot_boot *boot, phys_addr_t start, phys_addr_t end)
{
	if (boot->nr_used < MULTIBOOT_MAX_RANGES && end > start) {
		boot->used[boot->nr_used].start = start;
		boot->used[boot->nr_used].end = end;
		boot->nr_used++;
	}
}

static void add_map_entry(struct multiboot_boot *boot, u64 addr, u64 len, u32 type)
{
	struct e820_table *map = &boot->map;

	if (map->nr_entries == E820_MAX_ENTRIES) {
		pr_warn("multiboot: memory map has more than %d entries; ignoring [mem %#018llx-%#018llx]\n",
			E820_MAX_ENTRIES, (unsigned long long)addr, (unsigned long long)(addr + len - 1));
		return;
	}
	map->entries[map->nr_entries].addr = addr;
	map->entries[map->nr_entries].size = len;
	map->entries[map->nr_entries].type = type;
	map->nr_entries++;
}

/*
 * v1's map: entries of varying size, each led by a size that excludes itself.
 * The walk is bounded by mmap_length, counted as a remaining length rather than
 * an end address, so neither a huge mmap_length nor a huge entry size can wrap
 * the 32-bit address around and start the walk again (bootmm's own checks and
 * words: Linux is never handed a multiboot map).
 */
static void parse_v1_mmap(const struct multiboot_info *mbi, struct multiboot_boot *boot)
{
	phys_addr_t p = mbi->mmap_addr;
	u32 left = mbi->mmap_length;

	if (!REACHABLE(p, left)) {
		pr_err("multiboot: memory map at %#x (%u bytes) is outside low memory, ignored\n",
		       mbi->mmap_addr, mbi->mmap_length);
		return;
	}
	note_used(boot, p, p + left);
	while (left >= sizeof(struct multiboot_mmap_entry)) {
		const struct multiboot_mmap_entry *e = __va(p);

		if (e->size < sizeof(*e) - sizeof(e->size) || e->size > left - sizeof(e->size)) {
			pr_err("multiboot: memory map entry at %#llx has a bad size (%u); map cut short\n",
			       (unsigned long long)p, e->size);
			return;
		}
		add_map_entry(boot, e->addr, e->len, e->type);
		left -= e->size + sizeof(e->size);
		p += e->size + sizeof(e->size);
	}
	if (left)
		pr_warn("multiboot: %u bytes after the last memory map entry ignored\n", left);
}

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

	if (!REACHABLE(info, sizeof(*mbi))) {
		pr_err("multiboot: boot information at %#llx runs past low memory\n",
		       (unsigned long long)info);
		return -1;
	}
	note_used(boot, info, info + sizeof(*mbi));
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline) {
		if (!REACHABLE((phys_addr_t)mbi->cmdline, COMMAND_LINE_MAX)) {
			pr_err("multiboot: command line at %#x is outside low memory, ignored\n",
			       mbi->cmdline);
		} else {
			const char *cmdline = __va(mbi->cmdline);

			note_used(boot, mbi->cmdline, mbi->cmdline + strlen(cmdline) + 1);
			boot->cmdline = skip_image_name(cmdline);
		}
	}
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		parse_v1_mmap(mbi, boot);
	} else if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		/* Only the two sizes (KiB below 640K, KiB above 1M): Linux's e801 fallback. */
		add_map_entry(boot, 0, (u64)mbi->mem_lower << 10, E820_TYPE_RAM);
		add_map_entry(boot, 0x100000, (u64)mbi->mem_upper << 10, E820_TYPE_RAM);
		boot->map_source = "BIOS-e801";
	}
	return 0;
}

/*
 * The smallest size each tag type bootmm reads must have, header included:
 * a command line needs at least its NUL, a memory map its entry_size and
 * entry_version.  Other tags are skipped, so only their header must fit.
 */
static u32 v2_tag_min_size(u32 type)
{
	switch (type) {
	case MULTIBOOT2_TAG_CMDLINE:
		return sizeof(struct multiboot2_tag) + 1;
	case MULTIBOOT2_TAG_MMAP:
		return sizeof(struct multiboot2_tag_mmap);
	default:
		return sizeof(struct multiboot2_tag);
	}
}

/* The tag's size is checked against its type already: entry_size is inside it. */
static void parse_v2_mmap(const struct multiboot2_tag_mmap *tag, struct multiboot_boot *boot)
{
	u32 left = tag->size - sizeof(*tag);
	const u8 *p = (const u8 *)(tag + 1);

	if (tag->entry_size < sizeof(struct multiboot2_mmap_entry)) {
		pr_err("multiboot2: memory map entries of %u bytes are too small; map ignored\n",
		       tag->entry_size);
		return;
	}
	/* The spec promises a multiple of 8; another size would misalign every u64 read. */
	if (tag->entry_size % 8) {
		pr_err("multiboot2: memory map entry size %u is not a multiple of 8; map ignored\n",
		       tag->entry_size);
		return;
	}
	for (; left >= tag->entry_size; left -= tag->entry_size, p += tag->entry_size) {
		const struct multiboot2_mmap_entry *e = (const void *)p;

		add_map_entry(boot, e->addr, e->len, e->type);
	}
}

/*
 * v2: 8-byte aligned tags up to an end tag, all inside total_size bytes.  Each
 * step is checked as a length left (total_size minus the offset), never as a
 * pointer sum, so a tag size such as 0xffffffff (which would wrap a 32-bit
 * pointer, and which ALIGN() rounds to 0) ends the walk instead of looping on
 * one tag for ever.  A bad block is refused whole; the messages are bootmm's
 * own (Linux has no multiboot reader).
 */
static int parse_v2(phys_addr_t info, struct multiboot_boot *boot)
{
	const struct multiboot2_info_header *hdr = __va(info);
	const u8 *base = (const u8 *)hdr;
	u32 total = hdr->total_size, off = sizeof(*hdr);

	if (total < sizeof(*hdr) + sizeof(struct multiboot2_tag) || !REACHABLE(info, total)) {
		pr_err("multiboot2: boot information at %#llx has a bad size (%u bytes)\n",
		       (unsigned long long)info, total);
		return -1;
	}
	note_used(boot, info, info + total);	/* tags, command line and map are inside */

	while (total - off >= sizeof(struct multiboot2_tag)) {
		const struct multiboot2_tag *tag = (const void *)(base + off);
		u32 left = total - off;

		if (tag->type == MULTIBOOT2_TAG_END)
			return 0;
		if (tag->size < v2_tag_min_size(tag->type) || tag->size > left) {
			pr_err("multiboot2: tag %u at offset %u has a bad size (%u bytes; %u needed, %u left in the block)\n",
			       tag->type, off, tag->size, v2_tag_min_size(tag->type), left);
			break;
		}
		if (tag->type == MULTIBOOT2_TAG_CMDLINE) {
			const char *s = (const char *)(tag + 1);

			if (!memchr(s, '\0', tag->size - sizeof(*tag))) {
				pr_err("multiboot2: command line tag at offset %u is not NUL-terminated\n", off);
				break;
			}
			boot->cmdline = s;
		}
		if (tag->type == MULTIBOOT2_TAG_MMAP)
			parse_v2_mmap((const struct multiboot2_tag_mmap *)tag, boot);
		/* Tags start on 8-byte boundaries; size <= left < 2^32 - 8 here, so no wrap. */
		if (ALIGN(tag->size, 8) >= left)
			break;			/* no room left for the end tag */
		off += ALIGN(tag->size, 8);
	}
	pr_err("multiboot2: boot information at %#llx has a corrupt tag list\n",
	       (unsigned long long)info);
	boot->map.nr_entries = 0;		/* nothing of a refused block is used */
	boot->cmdline = "";
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
	boot->map_source = "BIOS-e820";

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
		if (parse_v1(info, boot) < 0) {
			boot->version = 0;
			return -1;
		}
	} else {
		boot->version = 2;
		if (parse_v2(info, boot) < 0) {
			boot->version = 0;
			return -1;
		}
	}
	if (boot->map.nr_entries == 0)
		pr_err("multiboot: the loader passed no memory map\n");
	return 0;
}
