// SPDX-License-Identifier: MIT
/*
 * What is already in use on a PC before the kernel allocates anything
 * (Linux's early_reserve_memory in arch/x86/kernel/setup.c,
 * reserve_bios_regions in arch/x86/kernel/ebda.c and reserve_real_mode in
 * arch/x86/realmode/init.c).
 *
 * Boot pipeline (x86): setup_arch() calls early_reserve_memory() before the
 * e820 map reaches memblock — memblock.reserved may name ranges that
 * memblock.memory does not have yet — and reserve_real_mode() after.
 * Everything reserved here is kept away from memblock's allocations and, at
 * the end of boot, from the page allocator.
 */
#include <asm/page.h>
#include <boot/multiboot.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>

#define BIOS_RAM_SIZE_KB_PTR	0x413	/* BIOS data area: KiB of base memory */
#define BIOS_EBDA_SEGMENT_PTR	0x40e	/* BIOS data area: real-mode segment of the EBDA */
#define BIOS_START_MIN		0x20000U	/* 128 KiB: a BIOS claiming less is wrong */
#define BIOS_START_MAX		0x9f000U	/* 636 KiB: as far up as base memory goes */

/*
 * The top of base memory (below 640 KiB) belongs to the BIOS: its Extended BIOS
 * Data Area and more.  Two words in the BIOS data area say where that starts;
 * both are checked for sanity, and everything from there to 1 MiB is reserved.
 */
static void __init reserve_bios_regions(void)
{
	unsigned int bios_start = *(u16 *)__va(BIOS_RAM_SIZE_KB_PTR) << 10;
	unsigned int ebda_start = *(u16 *)__va(BIOS_EBDA_SEGMENT_PTR) << 4;

	if (bios_start < BIOS_START_MIN || bios_start > BIOS_START_MAX)
		bios_start = BIOS_START_MAX;
	if (ebda_start >= BIOS_START_MIN && ebda_start < bios_start)
		bios_start = ebda_start;
	memblock_reserve(bios_start, 0x100000 - bios_start);
}

/**
 * early_reserve_memory - reserve the kernel, the BIOS's memory and the loader's data
 * @boot: what multiboot_parse() found, for the loader's own ranges
 */
void __init early_reserve_memory(const struct multiboot_boot *boot)
{
	memblock_reserve(__pa(_text), _end - _text);	/* the kernel image, .bss included */
	/*
	 * Page 0 holds the real-mode interrupt vectors and BIOS data; some BIOSes
	 * scribble on the first 64 KiB, so Linux keeps all of it.
	 */
	memblock_reserve(0, SZ_64K);
	/* Linux's boot_params sit inside its image; ours are wherever the loader put them. */
	for (int i = 0; i < boot->nr_used; i++)
		memblock_reserve(boot->used[i].start, boot->used[i].end - boot->used[i].start);
	reserve_bios_regions();
}

/*
 * Linux allocates its real-mode trampoline (for waking other CPUs) below
 * 1 MiB here, then reserves the whole first megabyte unconditionally: too
 * many BIOSes use parts of it without saying so.  bootmm starts no other
 * CPU, so only the reservation is left.
 */
void __init reserve_real_mode(void)
{
	memblock_reserve(0, SZ_1M);
}
