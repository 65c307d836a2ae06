/* SPDX-License-Identifier: MIT */
/*
 * What the memory models need to know about ARM (QEMU virt, LPAE): the
 * SPARSEMEM section geometry (Linux's arch/arm/include/asm/sparsemem.h and,
 * for LPAE, pgtable-3level.h), how FLATMEM answers pfn_valid() here
 * (HAVE_ARCH_PFN_VALID, arch/arm/mm/init.c), and where the SPARSEMEM_VMEMMAP
 * array lives in the kernel's virtual space (bootmm's own: 32-bit ARM Linux
 * has no vmemmap).
 *
 * Boot pipeline: read by include/mm/sparse.h (mm/sparse.c, from
 * free_area_init()), by mm/memory_model/flatmem.c and by boot/arm/vmemmap.c.
 *
 * Sections.  Debian's armmp-lpae kernel uses LPAE page tables, whose entries
 * hold 40-bit physical addresses (1 TiB); Linux cuts that into 256 MiB
 * sections, 2^(40-28) = 4096 of them: a 32 KiB mem_section[] array, small
 * enough to be static (SPARSEMEM_STATIC, which ARM selects).
 *
 * pfn_valid() under FLATMEM.  A board's RAM banks may be far apart, and
 * Linux's ARM FLATMEM does not trust "inside mem_map" as the generic code
 * does: it says a pfn is valid if its pageblock overlaps memblock.memory.
 * Pages in a hole between banks are then invalid (their part of mem_map is
 * later freed by free_unused_memmap()), and memmap_init() reports no
 * unavailable pages there: `make run ARCH=arm DTS=twobanks` prints no "On
 * node 0, zone HighMem: ... pages in unavailable ranges", as Linux does not.
 * Linux keeps memblock after boot on ARM for this (ARCH_KEEP_MEMBLOCK).
 *
 * The VMEMMAP window: the struct pages of the first 4 GiB of physical
 * memory, 2^20 pfns * 32 bytes = 32 MiB, right after the 768 MiB head.S maps
 * at PAGE_OFFSET:
 *
 *   0xc0000000 - 0xefffffff   low memory, 1 MiB sections mapped by head.S
 *   0xf0000000 - 0xf1ffffff   VMEMMAP: 1 MiB sections, only for present sections
 *   0xf2000000 - 0xffffffff   free (Linux: vmalloc up to 0xff800000, then fixmap)
 *
 * QEMU's virt board with highmem=off has no RAM above 4 GiB, so the window
 * covers all of it; the first 8 MiB (pfns below PHYS_OFFSET) stay unmapped.
 */
#ifndef BOOTMM_ARM_MEMORY_MODEL_H
#define BOOTMM_ARM_MEMORY_MODEL_H

#include <asm/page.h>

#define SECTION_SIZE_BITS	28	/* 256 MiB sections */
#define MAX_PHYSMEM_BITS	40	/* LPAE: 1 TiB of physical address space */

#define HAVE_ARCH_PFN_VALID	1	/* FLATMEM's pfn_valid() asks memblock */

/* A kernel address; the host tests of the VMEMMAP model place their own window. */
#ifdef __KERNEL__
#define VMEMMAP_START		(PAGE_OFFSET + LOWMEM_MAP_SIZE)	/* 0xf0000000 */
#define VMEMMAP_SIZE		(32UL << 20)
#define VMEMMAP_END		(VMEMMAP_START + VMEMMAP_SIZE)
#endif

#endif
