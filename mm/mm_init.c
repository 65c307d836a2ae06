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
 *   5. initialises every struct page (memmap_init): each pfn of memory gets
 *      its zone and node, each pageblock on memory MIGRATE_MOVABLE, and the
 *      pfns of holes that have a struct page are marked reserved ("On node
 *      N, zone Z: N pages in unavailable ranges"); then the memory model
 *      prints what its map costs, and `memmap_check` verifies it all.
 *
 * All the arithmetic is on pfns (page frame numbers); ranges are [start, end).
 * The memory model (mm/memory_model/, chosen with MEMORY_MODEL=) owns the
 * struct page arrays; this file only goes through pfn_to_page().
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>

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
 * Pages of memory map a zone costs: a struct page per spanned pfn.  (Where
 * the model does not map holes, SPARSEMEM's sections without memory, Linux
 * counts only present pages when the zone is mostly holes.)
 */
static unsigned long __init calc_memmap_size(unsigned long spanned_pages,
					     unsigned long present_pages)
{
	unsigned long pages = spanned_pages;

	if (!memmap_maps_holes() && spanned_pages > present_pages + (present_pages >> 4))
		pages = present_pages;
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

/* --- pageblock bits (Linux's mm/page_alloc.c) ------------------------------- */

/**
 * get_pfnblock_flags_mask - read the bits of @pfn's pageblock
 * @page: the struct page of @pfn (unused: the model finds the bitmap by pfn)
 * @pfn: any pfn of the pageblock
 * @mask: which bits, e.g. MIGRATETYPE_MASK
 */
unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask)
{
	unsigned long bitidx, *bitmap = pfn_to_pageblock_bits(pfn, &bitidx);

	(void)page;
	return (bitmap[bitidx / BITS_PER_LONG] >> (bitidx % BITS_PER_LONG)) & mask;
}

/**
 * set_pfnblock_flags_mask - write the bits of @pfn's pageblock
 * @page: the struct page of @pfn (unused, as above)
 * @flags: the new value of the bits in @mask
 * @pfn: any pfn of the pageblock
 * @mask: which bits
 *
 * Linux uses cmpxchg: other CPUs may change the same word.  bootmm runs on
 * one CPU with interrupts off, so a plain read-modify-write is enough.
 */
void set_pfnblock_flags_mask(struct page *page, unsigned long flags, unsigned long pfn,
			     unsigned long mask)
{
	unsigned long bitidx, *bitmap = pfn_to_pageblock_bits(pfn, &bitidx);
	unsigned long *word = &bitmap[bitidx / BITS_PER_LONG];
	unsigned int shift = bitidx % BITS_PER_LONG;

	(void)page;
	*word = (*word & ~(mask << shift)) | ((flags & mask) << shift);
}

int get_pageblock_migratetype(const struct page *page)
{
	return (int)get_pfnblock_flags_mask(page, page_to_pfn(page), MIGRATETYPE_MASK);
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	set_pfnblock_flags_mask(page, (unsigned long)migratetype, page_to_pfn(page),
				MIGRATETYPE_MASK);
}

/* --- struct page initialisation --------------------------------------------- */

/*
 * The layout of page->flags, at debug level, in Linux's words (its
 * mminit_verify_pageflags_layout(), which prints them with mminit_loglevel=4).
 * bootmm has no last-cpupid, KASAN tag or multi-generation LRU fields: 0.
 */
static void __init mminit_verify_pageflags_layout(void)
{
	int shift = BITS_PER_LONG;
	int width = shift - SECTIONS_WIDTH - NODES_WIDTH - ZONES_WIDTH;
	unsigned long or_mask, add_mask;

	pr_debug("mminit::pageflags_layout_widths Section %d Node %d Zone %d Lastcpupid %d Kasantag %d Gen %d Tier %d Flags %d\n",
		 SECTIONS_WIDTH, NODES_WIDTH, ZONES_WIDTH, 0, 0, 0, 0, NR_PAGEFLAGS);
	pr_debug("mminit::pageflags_layout_shifts Section %d Node %d Zone %d Lastcpupid %d Kasantag %d\n",
		 SECTIONS_SHIFT, NODES_SHIFT, ZONES_SHIFT, 0, 0);
	pr_debug("mminit::pageflags_layout_pgshifts Section %lu Node %lu Zone %lu Lastcpupid %lu Kasantag %lu\n",
		 (unsigned long)SECTIONS_PGSHIFT, (unsigned long)NODES_PGSHIFT,
		 (unsigned long)ZONES_PGSHIFT, 0UL, 0UL);
	pr_debug("mminit::pageflags_layout_nodezoneid Node/Zone ID: %lu -> %lu\n",
		 (unsigned long)(ZONEID_PGOFF + ZONEID_SHIFT), (unsigned long)ZONEID_PGOFF);
	pr_debug("mminit::pageflags_layout_usage location: %d -> %d layout %d -> %d unused %d -> %d page-flags\n",
		 shift, width, width, NR_PAGEFLAGS, NR_PAGEFLAGS, 0);

	/* The fields are packed from the top, in this order, without overlap. */
	if (SECTIONS_WIDTH) {
		shift -= SECTIONS_WIDTH;
		BUG_ON(shift != SECTIONS_PGSHIFT);
	}
	shift -= NODES_WIDTH;
	BUG_ON(shift != NODES_PGSHIFT);
	shift -= ZONES_WIDTH;
	BUG_ON(shift != ZONES_PGSHIFT);
	or_mask = (ZONES_MASK << ZONES_PGSHIFT) | (NODES_MASK << NODES_PGSHIFT) |
		  (SECTIONS_MASK << (SECTIONS_PGSHIFT % BITS_PER_LONG));
	add_mask = (ZONES_MASK << ZONES_PGSHIFT) + (NODES_MASK << NODES_PGSHIFT) +
		   (SECTIONS_MASK << (SECTIONS_PGSHIFT % BITS_PER_LONG));
	BUG_ON(or_mask != add_mask);
}

/*
 * The pages of memory [start_pfn, start_pfn + size) of one zone: each gets
 * its zone and node, each pageblock that starts here MIGRATE_MOVABLE, so
 * that the boot's unmovable allocations do not scatter over all of them
 * (Linux's memmap_init_range() for MEMINIT_EARLY).  A pageblock without
 * struct pages (a memory model that failed to map it) is skipped:
 * memmap_check reports it.
 */
static void __init memmap_init_range(unsigned long size, int nid, enum zone_type zone,
				     unsigned long start_pfn)
{
	unsigned long pfn = start_pfn, end_pfn = start_pfn + size;

	while (pfn < end_pfn) {
		unsigned long block_end = min(pageblock_end_pfn(pfn), end_pfn);
		struct page *page;

		if (!pfn_valid(pfn)) {
			pfn = block_end;
			continue;
		}
		page = pfn_to_page(pfn);
		for (; pfn < block_end; pfn++, page++) {
			__init_single_page(page, pfn, zone, nid);
			if (pageblock_aligned(pfn))
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
}

/*
 * Pages in holes between memory ranges, inside a zone, still get a struct
 * page (marked reserved) so that pfn walkers find something sane there:
 * every pfn the memory model gives a struct page.  A whole pageblock without
 * one is skipped at once (no model maps less than a pageblock).  Linux's
 * init_unavailable_range(); returns the count, which it prints.
 */
static unsigned long __init __init_unavailable_range(unsigned long spfn, unsigned long epfn,
						     int zone, int node)
{
	unsigned long pfn, pgcnt = 0;

	for (pfn = spfn; pfn < epfn; pfn++) {
		if (!pfn_valid(pageblock_start_pfn(pfn))) {
			pfn = pageblock_end_pfn(pfn) - 1;
			continue;
		}
		if (!pfn_valid(pfn))	/* past max_pfn in a PC's last pageblock */
			continue;
		__init_single_page(pfn_to_page(pfn), pfn, zone, node);
		__SetPageReserved(pfn_to_page(pfn));
		pgcnt++;
	}
	return pgcnt;
}

static void __init init_unavailable_range(unsigned long spfn, unsigned long epfn,
					  int zone, int node)
{
	unsigned long pgcnt = __init_unavailable_range(spfn, epfn, zone, node);

	if (pgcnt)
		pr_info("On node %d, zone %s: %lu pages in unavailable ranges\n",
			node, zone_names[zone], pgcnt);
}

/* One range's part of one zone, and the hole before it: Linux's memmap_init_zone_range(). */
static void __init memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
					  unsigned long end_pfn, unsigned long *hole_pfn)
{
	unsigned long zone_start_pfn = zone->zone_start_pfn, zone_end = zone_end_pfn(zone);
	int nid = zone->zone_pgdat->node_id, zone_id = zone_idx(zone);

	start_pfn = clamp(start_pfn, zone_start_pfn, zone_end);
	end_pfn = clamp(end_pfn, zone_start_pfn, zone_end);
	if (start_pfn >= end_pfn)
		return;
	memmap_init_range(end_pfn - start_pfn, nid, zone_id, start_pfn);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_id, nid);
	*hole_pfn = end_pfn;
}

/*
 * Every struct page, memory range by memory range and zone by zone, holes
 * included (Linux's memmap_init()).  A hole takes the zone and node of the
 * range after it; what lies after the last range takes the last one's.
 *
 * That last part: a model's map may go on past the end of memory.  Under
 * SPARSEMEM it runs to the end of the last section (98336 pfns on a 128 MiB
 * PC, whose memory ends at pfn 0x7fe0 in a 512 MiB section); under ARM's
 * FLATMEM to the end of the last pageblock.  Linux 6.1 initialises the
 * section's tail as reserved and reports it as one more "On node N, zone Z:
 * ... pages in unavailable ranges" line.  bootmm initialises it the same way
 * but says so in a line of its own, so that the zone block stays that of the
 * Linux logs the boot tests compare with (Debian's kernels are FLATMEM, see
 * docs/memory-models.md).
 */
static void __init memmap_init(void)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0, tail_end, pgcnt;
	int i, zone_id = 0, nid = 0;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		struct pglist_data *node = NODE_DATA(nid);

		for (int j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = &node->node_zones[j];

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, start_pfn, end_pfn, &hole_pfn);
			zone_id = j;
		}
	}

	tail_end = round_up(end_pfn, memmap_granule());	/* a section, or a pageblock */
	if (hole_pfn >= tail_end)
		return;
	pgcnt = __init_unavailable_range(hole_pfn, tail_end, zone_id, nid);
	if (pgcnt)
		pr_info("memmap_init: %lu pages in unavailable ranges after the end of memory, pfns %#lx-%#lx, reserved in node %d, zone %s\n",
			pgcnt, hole_pfn, tail_end - 1, nid, zone_names[zone_id]);
}

/*
 * The boot line every memory model gets: what its map costs, for how many
 * pfns, of which memory (the nodes' present pages) and holes: one shape for
 * every model, so that boots compare; then the model's own lines.
 */
static void __init memmap_report_cost(void)
{
	unsigned long pfns = memmap_nr_pages(), present = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			present += NODE_DATA(nid)->node_present_pages;
	pr_info("Memory model: %s: mem_map %llu KiB for %lu pfns (%lu present, %lu in holes)\n",
		memory_model_name, (unsigned long long)pfns * sizeof(struct page) >> 10,
		pfns, present, pfns - present);
	memmap_report();
}

/**
 * reserve_bootmem_region - mark the pages of [@start, @end) PageReserved
 * @start: first byte (rounded down to its page)
 * @end: end, exclusive (rounded up)
 *
 * Called when the early allocator hands its memory to the buddy allocator,
 * for each range of memblock.reserved (and bootmem's reserved bits): those
 * pages must never reach the free lists.  Every model initialises all its
 * struct pages in memmap_init(), so there is nothing to initialise here
 * first (Linux's init_reserved_page() does it for DEFERRED_STRUCT_PAGE_INIT);
 * pfns without a struct page (reserved ranges outside memory) are skipped.
 */
void __init reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_DOWN(start), end_pfn = PFN_UP(end);

	for (; start_pfn < end_pfn; start_pfn++) {
		if (pfn_valid(start_pfn)) {
			struct page *page = pfn_to_page(start_pfn);

			INIT_LIST_HEAD(&page->lru);	/* Linux: no false PageTail() */
			__SetPageReserved(page);
		}
	}
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

	mminit_verify_pageflags_layout();

	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		free_area_init_node(nid);	/* a node without memory says so and stays empty */
	}
	memmap_init();
	memmap_report_cost();			/* "Memory model: ...", and the model's lines */
	memmap_check();				/* mm/memmap_check.c, if asked for */
}
