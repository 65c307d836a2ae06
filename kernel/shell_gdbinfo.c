// SPDX-License-Identifier: MIT
/*
 * Constants for the debugger: the numbers behind the macros that the GDB
 * helpers (scripts/gdb/) need and cannot see, since -g keeps no macros.
 *
 * Linux does the same twice: scripts/gdb/linux/constants.py.in is compiled
 * against the kernel's headers so that its GDB scripts get PAGE_SHIFT, the
 * page-flags layout and so on, and kernel/crash_core.c's VMCOREINFO hands such
 * numbers to crash and makedumpfile.  Here they are one structure in the
 * kernel image, filled by the compiler from the same headers the kernel uses,
 * so a change to include/mm/page_flags.h or to a memory model reaches the
 * helpers without anyone copying a number by hand.
 *
 * Boot pipeline: none; it is read-only data that GDB reads at any breakpoint,
 * even before start_kernel().  It lives with the shell because the shell and
 * the GDB helpers show the same things; nothing in the kernel reads it.
 */
#include <asm/page.h>
#include <kernel/compiler.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_flags.h>	/* and, under CONFIG_SPARSEMEM, mm/sparse.h's section geometry */

/**
 * struct bootmm_gdbinfo - what scripts/gdb/bootmm_mm.py reads as "gdbinfo"
 * @version: bumped when a field changes meaning, so the helpers can tell
 * The others are the macros of the same name (lower case).
 */
struct bootmm_gdbinfo {
	unsigned int version;
	unsigned long page_shift;
	unsigned long page_offset;
	unsigned long phys_offset;
	unsigned long arch_pfn_offset;
	unsigned long lowmem_map_size;
	unsigned int bits_per_long;
	unsigned int nr_pageflags;
	unsigned int zones_pgoff, nodes_pgoff, sections_pgoff;
	unsigned long zones_mask, nodes_mask, sections_mask;
	unsigned int sections_width;
	unsigned int max_order;
	unsigned int order_pageblock;	/* pageblock_order (a macro of that name is in the way) */
	unsigned int nr_pageblock_bits;
	unsigned int max_numnodes;
	unsigned int max_nr_zones;
	unsigned int page_type_base;
	unsigned int pg_buddy;
	unsigned int sizeof_struct_page;
	/* SPARSEMEM and SPARSEMEM_VMEMMAP (0 where the arch has no sections). */
	unsigned int section_size_bits;
	unsigned int pfn_section_shift;
	unsigned long section_map_mask;
	unsigned long vmemmap_start;
};

const struct bootmm_gdbinfo bootmm_gdbinfo __used = {
	.version = 1,
	.page_shift = PAGE_SHIFT,
	.page_offset = PAGE_OFFSET,
	.phys_offset = PHYS_OFFSET,
	.arch_pfn_offset = ARCH_PFN_OFFSET,
	.lowmem_map_size = LOWMEM_MAP_SIZE,
	.bits_per_long = BITS_PER_LONG,
	.nr_pageflags = NR_PAGEFLAGS,
	.zones_pgoff = ZONES_PGOFF,
	.nodes_pgoff = NODES_PGOFF,
	.sections_pgoff = SECTIONS_PGOFF % BITS_PER_LONG,
	.zones_mask = ZONES_MASK,
	.nodes_mask = NODES_MASK,
	.sections_mask = SECTIONS_MASK,
	.sections_width = SECTIONS_WIDTH,
	.max_order = MAX_ORDER,
	.order_pageblock = pageblock_order,
	.nr_pageblock_bits = NR_PAGEBLOCK_BITS,
	.max_numnodes = MAX_NUMNODES,
	.max_nr_zones = MAX_NR_ZONES,
	.page_type_base = PAGE_TYPE_BASE,
	.pg_buddy = PG_buddy,
	.sizeof_struct_page = sizeof(struct page),
#ifdef PFN_SECTION_SHIFT
	.section_size_bits = SECTION_SIZE_BITS,
	.pfn_section_shift = PFN_SECTION_SHIFT,
	.section_map_mask = SECTION_MAP_MASK,
#endif
#ifdef VMEMMAP_START
	.vmemmap_start = VMEMMAP_START,
#endif
};
