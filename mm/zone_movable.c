// SPDX-License-Identifier: MIT
/*
 * Where ZONE_MOVABLE starts on each node: kernelcore=, movablecore= and
 * movable_node (Linux 6.1's find_zone_movable_pfns_for_nodes and friends in
 * mm/page_alloc.c).
 *
 * Boot pipeline: free_area_init() (mm/mm_init.c) has the zone limits from the
 * arch; before it sizes the zones it asks here how much of each node must stay
 * usable by the kernel ("kernelcore") and how much may become ZONE_MOVABLE,
 * which only holds pages that can be migrated — so that memory can later be
 * emptied and unplugged.  The answer is zone_movable_pfn[nid]: the first pfn
 * of the node's movable zone, or 0 for none.
 *
 * ZONE_MOVABLE is carved out of the highest populated zone ("movable_zone":
 * HighMem when there is any, else Normal or DMA).  Memory below that zone
 * always counts as kernel memory.  The kernel's share is spread as evenly as
 * possible over the nodes, and each node's movable zone starts on a
 * MAX_ORDER_NR_PAGES boundary.
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>

unsigned long zone_movable_pfn[MAX_NUMNODES];
int movable_zone;

static unsigned long required_kernelcore __initdata;		/* pages */
static unsigned long required_kernelcore_percent __initdata;
static unsigned long required_movablecore __initdata;		/* pages */
static unsigned long required_movablecore_percent __initdata;
static bool mirrored_kernelcore __initdata;

/*
 * "nn[KMG]" (bytes) or "nn%" (of all memory).  Linux takes garbage as 0,
 * which means "no such limit"; bootmm does the same but says so.
 */
static int __init cmdline_parse_core(const char *name, char *p, unsigned long *core,
				     unsigned long *percent)
{
	unsigned long long coremem;
	char *end;

	if (!p)
		return -1;
	coremem = simple_strtoull(p, &end, 0);
	if (*end == '%') {
		WARN_ON(coremem > 100);		/* Linux warns, then uses it anyway */
		*percent = (unsigned long)coremem;
		return 0;
	}
	coremem = memparse(p, &end);
	if (end == p || *end) {
		pr_warn("%s=%s: not a size (nn[KMG]) or a percentage (nn%%); taken as 0, as Linux does\n",
			name, p);
		coremem = 0;
	}
	*core = (unsigned long)(coremem >> PAGE_SHIFT);
	*percent = 0;
	return 0;
}

static int __init cmdline_parse_kernelcore(char *p)
{
	if (p && strcmp(p, "mirror") == 0) {
		mirrored_kernelcore = true;
		return 0;
	}
	return cmdline_parse_core("kernelcore", p, &required_kernelcore,
				  &required_kernelcore_percent);
}
early_param("kernelcore", cmdline_parse_kernelcore);

static int __init cmdline_parse_movablecore(char *p)
{
	return cmdline_parse_core("movablecore", p, &required_movablecore,
				  &required_movablecore_percent);
}
early_param("movablecore", cmdline_parse_movablecore);

/* The highest zone with any pages possible: the one ZONE_MOVABLE is taken from. */
static void __init find_usable_zone_for_movable(void)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[zone_index] >
		    arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	BUG_ON(zone_index < 0);
	movable_zone = zone_index;
}

static unsigned long __init early_calculate_totalpages(int *nodes_with_memory)
{
	unsigned long totalpages = 0, start_pfn, end_pfn;
	bool seen[MAX_NUMNODES] = { false };
	int i, nid;

	*nodes_with_memory = 0;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		totalpages += end_pfn - start_pfn;
		if (end_pfn > start_pfn && nid >= 0 && nid < MAX_NUMNODES && !seen[nid]) {
			seen[nid] = true;
			(*nodes_with_memory)++;
		}
	}
	return totalpages;
}

static unsigned long __init min_nonzero(unsigned long current, unsigned long pfn)
{
	return current ? min(current, pfn) : pfn;
}

/* movable_node: each node's movable zone starts at its first hotpluggable region. */
static void __init movable_from_hotplug_regions(void)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		int nid = memblock_get_region_node(r);

		if (memblock_is_hotpluggable(r) && nid >= 0 && nid < MAX_NUMNODES)
			zone_movable_pfn[nid] = min_nonzero(zone_movable_pfn[nid], PFN_DOWN(r->base));
	}
}

/* kernelcore=mirror: the kernel gets mirrored memory, the rest above 4 GiB is movable. */
static void __init movable_from_mirror(void)
{
	bool mem_below_4gb_not_mirrored = false;
	struct memblock_region *r;

	for_each_mem_region(r) {
		unsigned long start_pfn = memblock_region_memory_base_pfn(r);
		int nid = memblock_get_region_node(r);

		if (memblock_is_mirror(r) || nid < 0 || nid >= MAX_NUMNODES)
			continue;
		if (start_pfn < PHYS_PFN(4ULL << 30)) {
			mem_below_4gb_not_mirrored = true;
			continue;
		}
		zone_movable_pfn[nid] = min_nonzero(zone_movable_pfn[nid], start_pfn);
	}
	if (mem_below_4gb_not_mirrored)
		pr_warn("This configuration results in unmirrored kernel memory.\n");
}

/*
 * Give each node its share of required_kernelcore, walking its ranges from
 * the bottom; the movable zone starts where the share is used up.  If some
 * node was too small for its share, go round again with one node fewer.
 */
static void __init spread_kernelcore(unsigned long required, int usable_nodes)
{
	unsigned long usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone];

	while (usable_nodes) {
		unsigned long kernelcore_node = required / usable_nodes;

		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			unsigned long start_pfn, end_pfn, kernelcore_remaining;
			int i;

			get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
			if (start_pfn >= end_pfn)	/* only nodes with memory */
				continue;
			if (required < kernelcore_node)
				kernelcore_node = required / usable_nodes;
			kernelcore_remaining = kernelcore_node;

			for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
				unsigned long size_pages;

				start_pfn = max(start_pfn, zone_movable_pfn[nid]);
				if (start_pfn >= end_pfn)
					continue;
				/* Below the movable zone's zone every page is the kernel's anyway. */
				if (start_pfn < usable_startpfn) {
					unsigned long kernel_pages = min(end_pfn, usable_startpfn) - start_pfn;

					kernelcore_remaining -= min(kernel_pages, kernelcore_remaining);
					required -= min(kernel_pages, required);
					if (end_pfn <= usable_startpfn) {
						/* Counted: a later round must not count it again. */
						zone_movable_pfn[nid] = end_pfn;
						continue;
					}
					start_pfn = usable_startpfn;
				}
				size_pages = min(end_pfn - start_pfn, kernelcore_remaining);
				zone_movable_pfn[nid] = start_pfn + size_pages;
				required -= min(required, size_pages);
				kernelcore_remaining -= size_pages;
				if (!kernelcore_remaining)
					break;
			}
		}
		usable_nodes--;
		if (!(usable_nodes && required > (unsigned long)usable_nodes))
			break;
	}
}

/**
 * find_zone_movable_pfns_for_nodes - decide where ZONE_MOVABLE starts on each node
 *
 * Context: free_area_init(), once arch_zone_{lowest,highest}_possible_pfn are set.
 */
void __init find_zone_movable_pfns_for_nodes(void)
{
	int usable_nodes;
	unsigned long totalpages = early_calculate_totalpages(&usable_nodes);

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	find_usable_zone_for_movable();

	if (movable_node_is_enabled()) {	/* kernelcore= and movablecore= are ignored */
		movable_from_hotplug_regions();
	} else if (mirrored_kernelcore) {	/* movablecore= is ignored */
		movable_from_mirror();
	} else {
		unsigned long kernelcore = required_kernelcore;
		unsigned long movablecore = required_movablecore;

		if (required_kernelcore_percent)
			kernelcore = totalpages * 100 * required_kernelcore_percent / 10000UL;
		if (required_movablecore_percent)
			movablecore = totalpages * 100 * required_movablecore_percent / 10000UL;
		/*
		 * movablecore= is turned into the kernelcore that leaves that much
		 * movable, rounded so ZONE_MOVABLE is at least what was asked; if
		 * kernelcore= asks for more kernel memory, kernelcore= wins.
		 */
		if (movablecore) {
			movablecore = min(totalpages, round_up(movablecore, MAX_ORDER_NR_PAGES));
			kernelcore = max(kernelcore, totalpages - movablecore);
		}
		/* No request, or one for all of memory or more: no ZONE_MOVABLE. */
		if (!kernelcore || kernelcore >= totalpages)
			return;
		spread_kernelcore(kernelcore, usable_nodes);
	}

	/* Start on a MAX_ORDER boundary; a movable zone past the node's end is none. */
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		zone_movable_pfn[nid] = round_up(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (zone_movable_pfn[nid] >= end_pfn)
			zone_movable_pfn[nid] = 0;
	}
}

/**
 * adjust_zone_range_for_zone_movable - cut a zone's range where ZONE_MOVABLE begins
 *
 * ZONE_MOVABLE runs from zone_movable_pfn[nid] to the end of the movable_zone;
 * the zone it is cut from ends there, and zones wholly above are empty.
 */
void __init adjust_zone_range_for_zone_movable(int nid, enum zone_type zone_type,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	(void)node_start_pfn;
	if (!zone_movable_pfn[nid])
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = zone_movable_pfn[nid];
		*zone_end_pfn = min(node_end_pfn, arch_zone_highest_possible_pfn[movable_zone]);
	} else if (!mirrored_kernelcore && *zone_start_pfn < zone_movable_pfn[nid] &&
		   *zone_end_pfn > zone_movable_pfn[nid]) {
		*zone_end_pfn = zone_movable_pfn[nid];
	} else if (*zone_start_pfn >= zone_movable_pfn[nid]) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

/*
 * With kernelcore=mirror, ZONE_NORMAL and ZONE_MOVABLE overlap: mirrored
 * memory in the movable range belongs to Normal, the rest to Movable, and
 * each zone counts the other's pages as absent.
 */
unsigned long __init zone_movable_absent_pages(int nid, enum zone_type zone_type,
					       unsigned long zone_start_pfn,
					       unsigned long zone_end_pfn)
{
	unsigned long nr_absent = 0;
	struct memblock_region *r;

	if (!mirrored_kernelcore || !zone_movable_pfn[nid])
		return 0;
	for_each_mem_region(r) {
		unsigned long start_pfn = clamp(memblock_region_memory_base_pfn(r),
						zone_start_pfn, zone_end_pfn);
		unsigned long end_pfn = clamp(memblock_region_memory_end_pfn(r),
					      zone_start_pfn, zone_end_pfn);

		if (zone_type == ZONE_MOVABLE && memblock_is_mirror(r))
			nr_absent += end_pfn - start_pfn;
		if (zone_type == ZONE_NORMAL && !memblock_is_mirror(r))
			nr_absent += end_pfn - start_pfn;
	}
	return nr_absent;
}

#ifndef __KERNEL__
void zone_movable_reset_for_tests(void)
{
	required_kernelcore = required_kernelcore_percent = 0;
	required_movablecore = required_movablecore_percent = 0;
	mirrored_kernelcore = false;
}
#endif
