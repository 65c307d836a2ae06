// SPDX-License-Identifier: MIT
/*
 * From memblock to the kernel's memory map: free_area_init() (Linux 6.1's
 * mm/page_alloc.c; the code moved to mm/mm_init.c in Linux 6.4).
 *
 * Boot pipeline: setup_arch() has filled memblock from the firmware's map and
 * reserved what is in use; start_kernel() calls free_area_init() next.  It
 * prints, in Linux's words and format, the ranges of whole pages each node
 * has: "Early memory node ranges".  Partial pages at the edges of a region do
 * not count (for_each_mem_pfn_range rounds inwards), which is why a PC's
 * 0x9fc00-byte first bank ends at 0x9efff here.
 */
#include <mm/memblock.h>
#include <mm/mm_init.h>
#include <kernel/printk.h>

static void __init print_early_node_ranges(void)
{
	unsigned long start_pfn, end_pfn;
	int i, nid;

	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid)
		pr_info("  node %3d: [mem %#018Lx-%#018Lx]\n", nid,
			(u64)start_pfn << PAGE_SHIFT, ((u64)end_pfn << PAGE_SHIFT) - 1);
}

/**
 * free_area_init - describe every node's memory, from memblock
 *
 * Context: once, at boot, after setup_arch() has filled memblock.
 */
void __init free_area_init(void)
{
	print_early_node_ranges();
}
