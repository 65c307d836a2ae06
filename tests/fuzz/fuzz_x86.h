/* SPDX-License-Identifier: MIT */
/*
 * The x86 memory pipeline after the e820 table is filled, shared by the
 * multiboot and command-line fuzz targets: boot/x86/setup.c setup_arch()
 * from e820__finish_early_params() to memblock_set_node() (with the kernel
 * image's range kept RAM and reserved, as setup.c and reserve.c do), with
 * boot/x86/mm.c's low-memory limit (find_low_pfn_range) and
 * reserve_real_mode()'s first megabyte, then one early allocation.
 */
#ifndef BOOTMM_FUZZ_X86_H
#define BOOTMM_FUZZ_X86_H

#include <asm/page.h>
#include <boot/e820.h>
#include <kernel/kernel.h>
#include <kernel/pfn.h>
#include <mm/memblock.h>
#include "fuzz.h"

/* Where the kernel image lies: linked at 1 MiB, about 300 KiB (linker/x86). */
#define FUZZ_X86_IMAGE_START	0x100000ULL
#define FUZZ_X86_IMAGE_SIZE	0x47000ULL

/* boot/x86/reserve.c early_reserve_memory(): the image, before the map is read. */
static inline void fuzz_x86_reserve_image(void)
{
	memblock_reserve(FUZZ_X86_IMAGE_START, FUZZ_X86_IMAGE_SIZE);
}

/* boot/x86/mm.c: low memory ends at 686-pae's MAXMEM. */
#define FUZZ_X86_MAXMEM_PFN	PFN_DOWN(0xfeffe000UL - 0xc0000000UL - (128UL << 20))

/* Returns false where the pipeline stopped (a known bug's input stepped around). */
static inline bool fuzz_x86_memblock(void)
{
	e820__finish_early_params();
	/* setup.c e820_add_kernel_range(): the running image is RAM whatever the map says */
	if (!e820__mapped_all(FUZZ_X86_IMAGE_START, FUZZ_X86_IMAGE_START + FUZZ_X86_IMAGE_SIZE,
			      E820_TYPE_RAM)) {
		e820__range_remove(FUZZ_X86_IMAGE_START, FUZZ_X86_IMAGE_SIZE, E820_TYPE_RAM, false);
		e820__range_add(FUZZ_X86_IMAGE_START, FUZZ_X86_IMAGE_SIZE, E820_TYPE_RAM);
	}
	e820__trim_bios_range();
	max_pfn = e820__end_of_ram_pfn();
	max_low_pfn = max_pfn <= FUZZ_X86_MAXMEM_PFN ? max_pfn : FUZZ_X86_MAXMEM_PFN;
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
	e820__memblock_setup();
	fuzz_check_memblock("after e820__memblock_setup()");
	memblock_reserve(0, 0x100000);		/* reserve_real_mode() */
	memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0);
	fuzz_check_memblock("after memblock_set_node()");
	fuzz_check_alloc(PAGE_SIZE, PAGE_SIZE);
	return true;
}

#endif
