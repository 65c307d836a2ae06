// SPDX-License-Identifier: MIT
/*
 * From memblock to nodes and zones: free_area_init() (Linux 6.1's
 * mm/page_alloc.c; the code moved to mm/mm_init.c in Linux 6.4).
 *
 * Boot pipeline: setup_arch() filled memblock; numa_init() (mm/numa.c) gave
 * every region a node; the arch's zone_sizes_init() says where each zone may
 * end (max_zone_pfn[]: DMA below 16 MiB on a PC, lowmem's end, the end of
 * RAM) and calls free_area_init(), which
 *   1. turns those limits into each zone's possible pfn range and prints
 *      "Zone ranges:",
 *   2. asks mm/zone_movable.c where ZONE_MOVABLE starts on each node
 *      (kernelcore=, movablecore=, movable_node): "Movable zone start…",
 *   3. prints every node's memory ("Early memory node ranges"),
 *   4. sizes each zone of each node — spanned pfns, present pages, pages
 *      left once the memory map (one struct page per pfn) is paid for — and
 *      prints "Initmem setup node N",
 *   5. walks the holes inside zones: their pages will get a struct page
 *      marked reserved ("On node N, zone Z: N pages in unavailable ranges").
 *
 * All the arithmetic is on pfns (page frame numbers); ranges are [start, end).
 */
#include <string.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

struct pglist_data *node_data[MAX_NUMNODES];
const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem", "Movable" };

unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];

/* Pages the arch keeps out of ZONE_DMA beyond the memory map (x86-64's set_dma_reserve). */
static unsigned long dma_reserve;

/* The lowest and highest pfn of memory on node @nid (both 0 if it has none). */
void __init get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	unsigned long this_start, this_end;
	int i;

	*start_pfn = ~0UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start, &this_end, NULL) {
		*start_pfn = min(*start_pfn, this_start);
		*end_pfn = max(*end_pfn, this_end);
	}
	if (*start_pfn == ~0UL)
		*start_pfn = 0;
}

/* Pfns in [start_pfn, end_pfn) that no memblock.memory region of @nid covers. */
unsigned long __init __absent_pages_in_range(int nid, unsigned long range_start_pfn,
					     unsigned long range_end_pfn)
{
	unsigned long nr_absent = range_end_pfn - range_start_pfn;
	unsigned long start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr_absent -= end_pfn - start_pfn;
	}
	return nr_absent;
}

unsigned long __init absent_pages_in_range(unsigned long start_pfn, unsigned long end_pfn)
{
	return __absent_pages_in_range(MAX_NUMNODES, start_pfn, end_pfn);
}

/* The part of the node inside the zone's possible range, after ZONE_MOVABLE's cut. */
static unsigned long __init zone_spanned_pages_in_node(int nid, enum zone_type zone_type,
						       unsigned long node_start_pfn,
						       unsigned long node_end_pfn,
						       unsigned long *zone_start_pfn,
						       unsigned long *zone_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	*zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn, node_end_pfn,
					   zone_start_pfn, zone_end_pfn);
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;
	*zone_end_pfn = min(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max(*zone_start_pfn, node_start_pfn);
	return *zone_end_pfn - *zone_start_pfn;
}

static unsigned long __init zone_absent_pages_in_node(int nid, enum zone_type zone_type,
						      unsigned long node_start_pfn,
						      unsigned long node_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];
	unsigned long zone_start_pfn, zone_end_pfn;

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn, node_end_pfn,
					   &zone_start_pfn, &zone_end_pfn);
	return __absent_pages_in_range(nid, zone_start_pfn, zone_end_pfn) +
	       zone_movable_absent_pages(nid, zone_type, zone_start_pfn, zone_end_pfn);
}

static void __init calculate_node_totalpages(struct pglist_data *pgdat,
					     unsigned long node_start_pfn,
					     unsigned long node_end_pfn)
{
	unsigned long totalpages = 0, realtotalpages = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned long zone_start_pfn = 0, zone_end_pfn = 0, spanned, absent;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i, node_start_pfn,
						     node_end_pfn, &zone_start_pfn, &zone_end_pfn);
		absent = zone_absent_pages_in_node(pgdat->node_id, i, node_start_pfn, node_end_pfn);
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		totalpages += spanned;
		realtotalpages += spanned - absent;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	pr_debug("On node %d totalpages: %lu\n", pgdat->node_id, realtotalpages);
}

/*
 * Pages of memory map a zone costs: a struct page per spanned pfn.  (Under
 * SPARSEMEM, Linux counts only present pages when the zone is mostly holes,
 * since sections without memory get no memory map.)
 */
static unsigned long __init calc_memmap_size(unsigned long spanned_pages,
					     unsigned long present_pages)
{
	unsigned long pages = spanned_pages;

#ifdef CONFIG_SPARSEMEM
	if (spanned_pages > present_pages + (present_pages >> 4))
		pages = present_pages;
#else
	(void)present_pages;
#endif
	return PFN_UP((u64)pages * sizeof(struct page));
}

/*
 * How many pages the per-CPU lists move at a time: about 0.1% of the zone,
 * at most 1 MiB, divided by four, then clamped to 2^n - 1 (powers of two
 * alias badly in caches).  Linux's zone_batchsize().
 */
int zone_batchsize(struct zone *zone)
{
	unsigned long batch = min(zone->managed_pages >> 10, SZ_1M / PAGE_SIZE) / 4;
	unsigned long pow = 1;

	if (batch < 1)
		batch = 1;
	batch += batch / 2;
	while (pow * 2 <= batch)
		pow *= 2;
	return (int)(pow - 1);
}

/*
 * Each zone's managed pages, first estimate: present pages minus the memory
 * map (not for HighMem: its memory map lives in low memory) and, in
 * ZONE_DMA, dma_reserve.  The boot allocator's hand-over makes it exact.
 */
static void __init free_area_init_core(struct pglist_data *pgdat)
{
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = &pgdat->node_zones[j];
		unsigned long size = zone->spanned_pages, freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(size, freesize);

		if (!is_highmem_idx(j)) {
			if (freesize >= memmap_pages) {
				freesize -= memmap_pages;
				if (memmap_pages)
					pr_debug("  %s zone: %lu pages used for memmap\n",
						 zone_names[j], memmap_pages);
			} else {
				pr_warn("  %s zone: %lu memmap pages exceeds freesize %lu\n",
					zone_names[j], memmap_pages, freesize);
			}
		}
		if (j == 0 && freesize > dma_reserve) {
			freesize -= dma_reserve;
			pr_debug("  %s zone: %lu pages reserved\n", zone_names[0], dma_reserve);
		}
		zone->managed_pages = freesize;
		zone->name = zone_names[j];
		zone->zone_pgdat = pgdat;
		if (!size)
			continue;
		/* Linux 2.6-4.x printed this; 6.1 dropped it.  Seen with loglevel=8. */
		pr_debug("  %s zone: %lu pages, LIFO batch:%d\n", zone_names[j], freesize,
			 zone_batchsize(zone));
	}
}

static void __init free_area_init_node(int nid)
{
	struct pglist_data *pgdat = NODE_DATA(nid);
	unsigned long start_pfn, end_pfn;

	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	if (start_pfn != end_pfn)
		pr_info("Initmem setup node %d [mem %#018Lx-%#018Lx]\n", nid,
			(u64)start_pfn << PAGE_SHIFT, end_pfn ? ((u64)end_pfn << PAGE_SHIFT) - 1 : 0);
	else
		pr_info("Initmem setup node %d as memoryless\n", nid);
	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	memmap_alloc_node(pgdat);		/* mm/memory_model/: the node's struct pages */
	free_area_init_core(pgdat);
	for (int j = 0; j < MAX_NR_ZONES; j++)
		if (pgdat->node_zones[j].spanned_pages)
			pgdat->nr_zones = j + 1;
}

/*
 * Pages in holes between memory ranges, inside a zone, still get a struct
 * page (marked reserved) so that pfn walkers find something sane there.
 * Linux's init_unavailable_range(); the memory model does the marking.
 */
static void __init init_unavailable_range(unsigned long spfn, unsigned long epfn,
					  int zone, int node)
{
	unsigned long pgcnt;

	/* Only pfns the memory model gives a struct page (none below ARCH_PFN_OFFSET). */
	for (pgcnt = 0; spfn < epfn; spfn++)
		if (pfn_valid(spfn))
			pgcnt++;

	if (pgcnt)
		pr_info("On node %d, zone %s: %lu pages in unavailable ranges\n",
			node, zone_names[zone], pgcnt);
}

/* Walk memory ranges zone by zone, as Linux's memmap_init(), to find the holes. */
static void __init memmap_init(void)
{
	unsigned long start_pfn, end_pfn, hole_pfn = 0;
	int i, zone_id = 0, nid = 0;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		struct pglist_data *node = NODE_DATA(nid);

		for (int j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = &node->node_zones[j];
			unsigned long zs, ze;

			if (!populated_zone(zone))
				continue;
			zs = clamp(start_pfn, zone->zone_start_pfn, zone_end_pfn(zone));
			ze = clamp(end_pfn, zone->zone_start_pfn, zone_end_pfn(zone));
			if (zs >= ze)
				continue;
			if (hole_pfn < zs)
				init_unavailable_range(hole_pfn, zs, j, nid);
			hole_pfn = ze;
			zone_id = j;
		}
	}
	/* Under FLATMEM the memory map ends with the last range: no tail hole. */
	init_unavailable_range(hole_pfn, end_pfn, zone_id, nid);
}

/**
 * free_area_init - size every node's zones from memblock and the arch's limits
 * @max_zone_pfn: for each zone but ZONE_MOVABLE, the pfn it may not reach
 *
 * Context: once, at boot, after numa_init(); prints Linux's zone block.
 */
void __init free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn = PHYS_PFN(memblock_start_of_DRAM()), end_pfn;
	int i, nid;

	/* Each zone starts where the one below it ends. */
	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		end_pfn = max(max_zone_pfn[i], start_pfn);
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end_pfn;
		start_pfn = end_pfn;
	}

	memmap_prepare();			/* mm/memory_model/: the model's own tables */
	find_zone_movable_pfns_for_nodes();

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018Lx-%#018Lx]\n",
				(u64)arch_zone_lowest_possible_pfn[i] << PAGE_SHIFT,
				((u64)arch_zone_highest_possible_pfn[i] << PAGE_SHIFT) - 1);
	}

	pr_info("Movable zone start for each node\n");
	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (zone_movable_pfn[nid])
			pr_info("  Node %d: %#018Lx\n", nid, (u64)zone_movable_pfn[nid] << PAGE_SHIFT);

	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid)
		pr_info("  node %3d: [mem %#018Lx-%#018Lx]\n", nid,
			(u64)start_pfn << PAGE_SHIFT, ((u64)end_pfn << PAGE_SHIFT) - 1);

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		free_area_init_node(nid);	/* a node without memory says so and stays empty */
	}
	memmap_init();
	memmap_report();
}
