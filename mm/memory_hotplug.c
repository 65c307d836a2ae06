// SPDX-License-Identifier: MIT
/*
 * Memory hot-plug: adding, onlining, offlining and removing memory blocks
 * (Linux's mm/memory_hotplug.c: add_memory(), online_pages(),
 * offline_pages(), try_remove_memory(); include/mm/memory_hotplug.h).
 *
 * Boot pipeline: not part of it.  The shell's `memory` command
 * (kernel/shell_memory.c) drives it, as writes to /sys/devices/system/memory
 * drive Linux's.  A memory block is one section, so mm/mm.mk builds this
 * file with the sparse models only (Linux: MEMORY_HOTPLUG needs SPARSEMEM).
 *
 * Zones and nodes follow the blocks, as in Linux 6.1: a block belongs to no
 * zone until it is onlined; online_pages() puts it in the zone the caller
 * chose (zone_for_pfn_range()), initialising its struct pages for that zone
 * and growing the zone's and the node's spans to hold it
 * (move_pfn_range_to_zone()); offline_pages() shrinks them again if the block
 * was at an edge (remove_pfn_range_from_zone()).  So a block that left
 * Movable may come back in HighMem, and the zone's span in zoneinfo says
 * where its online blocks are.
 *
 * Offline, as Linux does it but without migration (bootmm cannot move a
 * page): isolate every pageblock (set_migratetype_isolate(): nothing is
 * allocated from them any more and their free pages leave NR_FREE_PAGES),
 * check that every page is a free buddy block; if one is not, undo the
 * isolation and name it.  Then take the free blocks off the ISOLATE free
 * lists (__offline_isolated_pages), mark every page reserved, and lower
 * the counts.
 *
 * 32-bit HighMem, which Linux's hot-plug never meets (its 32-bit kernels
 * have no CONFIG_MEMORY_HOTPLUG): pages at or above max_low_pfn have no
 * place in the linear map, so a zone of low memory cannot take them, and
 * totalhigh_pages counts a block's pages by pfn (pfn >= max_low_pfn), as the
 * boot counted them, so that offline and online undo each other exactly.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_hotplug.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>
#include <mm/sparse.h>
#include "page_alloc_internal.h"

u64 memory_block_size_bytes(void)
{
	return (u64)PAGES_PER_SECTION << PAGE_SHIFT;
}

int memory_add_physaddr_to_nid(u64 start)
{
	unsigned long pfn = (unsigned long)(start >> PAGE_SHIFT);
	int nodes = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		nodes++;
		if (pgdat->node_start_pfn <= pfn && pfn < pgdat_end_pfn(pgdat))
			return nid;
	}
	if (nodes > 1)
		pr_warn("Unknown node for memory at 0x%llx, assuming node 0\n", (unsigned long long)start);
	return 0;
}

/* --- zones and nodes follow the blocks ------------------------------------------- */

/* Whether any of [@start_pfn, +@nr_pages) lies in @zone's span (Linux's zone_intersects()). */
static bool zone_intersects(const struct zone *zone, unsigned long start_pfn, unsigned long nr_pages)
{
	if (!zone->spanned_pages)
		return false;
	return start_pfn < zone_end_pfn(zone) && zone->zone_start_pfn < start_pfn + nr_pages;
}

/*
 * Linux's default_kernel_zone_for_pfn(): the first kernel zone the block
 * meets, else Normal.  bootmm adds HighMem: a block reaching max_low_pfn
 * goes there, whatever it meets.
 */
static struct zone *default_kernel_zone_for_pfn(int nid, unsigned long start_pfn,
						unsigned long nr_pages)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	if (start_pfn + nr_pages > max_low_pfn)
		return &pgdat->node_zones[ZONE_HIGHMEM];
	for (int zid = 0; zid < ZONE_NORMAL; zid++)
		if (zone_intersects(&pgdat->node_zones[zid], start_pfn, nr_pages))
			return &pgdat->node_zones[zid];
	return &pgdat->node_zones[ZONE_NORMAL];
}

bool zone_can_hold_pfn_range(const struct zone *zone, unsigned long start_pfn, unsigned long nr_pages)
{
	return start_pfn + nr_pages <= max_low_pfn || is_highmem(zone);
}

struct zone *zone_for_pfn_range(int online_type, int nid, unsigned long start_pfn,
				unsigned long nr_pages)
{
	struct zone *kernel_zone = default_kernel_zone_for_pfn(nid, start_pfn, nr_pages);
	struct zone *movable_zone = &NODE_DATA(nid)->node_zones[ZONE_MOVABLE];
	bool in_kernel, in_movable;

	if (online_type == MMOP_ONLINE_KERNEL)
		return kernel_zone;
	if (online_type == MMOP_ONLINE_MOVABLE)
		return movable_zone;
	/* Linux's default_zone_for_pfn(): keep a block with the zone it already touches. */
	in_kernel = zone_intersects(kernel_zone, start_pfn, nr_pages);
	in_movable = zone_intersects(movable_zone, start_pfn, nr_pages);
	if (in_kernel ^ in_movable)
		return in_kernel ? kernel_zone : movable_zone;
	if (movable_node_is_enabled() && zone_can_hold_pfn_range(movable_zone, start_pfn, nr_pages))
		return movable_zone;
	return kernel_zone;
}

/* Grow @zone's span to hold [@start_pfn, +@nr_pages) (Linux's resize_zone_range()). */
static void resize_zone_range(struct zone *zone, unsigned long start_pfn, unsigned long nr_pages)
{
	unsigned long old_end_pfn = zone_end_pfn(zone);

	if (!zone->spanned_pages || start_pfn < zone->zone_start_pfn)
		zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = max(start_pfn + nr_pages, zone->spanned_pages ? old_end_pfn : 0) -
			      zone->zone_start_pfn;
}

/* The node's span: that of its zones (Linux's update_pgdat_span()). */
static void update_pgdat_span(pg_data_t *pgdat)
{
	unsigned long node_start_pfn = 0, node_end_pfn = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!zone->spanned_pages)
			continue;
		if (!node_end_pfn) {
			node_start_pfn = zone->zone_start_pfn;
			node_end_pfn = zone_end_pfn(zone);
			continue;
		}
		node_start_pfn = min(node_start_pfn, zone->zone_start_pfn);
		node_end_pfn = max(node_end_pfn, zone_end_pfn(zone));
	}
	pgdat->node_start_pfn = node_start_pfn;
	pgdat->node_spanned_pages = node_end_pfn - node_start_pfn;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (pgdat->node_zones[z].spanned_pages)
			pgdat->nr_zones = z + 1;
}

/* An online pfn of @zone on node @nid: where a zone's span may end. */
static bool pfn_is_zones(unsigned long pfn, int nid, const struct zone *zone)
{
	struct page *page;

	if (!pfn_valid(pfn) || !online_section(__pfn_to_section(pfn)))
		return false;
	page = pfn_to_page(pfn);
	return page_to_nid(page) == nid && page_zone(page) == zone;
}

/*
 * The first (or, with @last, the last) pfn of [@start_pfn, @end_pfn) that
 * still belongs to @zone, looking at one pfn each subsection as Linux's
 * find_smallest_section_pfn()/find_biggest_section_pfn() do; 0 if none.
 */
static unsigned long find_zone_edge_pfn(const struct zone *zone, unsigned long start_pfn,
					unsigned long end_pfn, bool last)
{
	int nid = zone->zone_pgdat->node_id;

	if (!last) {
		for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += PAGES_PER_SUBSECTION)
			if (pfn_is_zones(pfn, nid, zone))
				return pfn;
		return 0;
	}
	for (unsigned long pfn = end_pfn; pfn > start_pfn;) {
		pfn = max(ALIGN_DOWN(pfn - 1, PAGES_PER_SUBSECTION), start_pfn);
		if (pfn_is_zones(pfn, nid, zone))
			return pfn;
	}
	return 0;
}

/*
 * Shrink @zone's span after [@start_pfn, @end_pfn) left it, if that was at
 * an edge (Linux's shrink_zone_span()); a hole in the middle stays in it.
 */
static void shrink_zone_span(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;

	if (zone->zone_start_pfn == start_pfn) {
		pfn = find_zone_edge_pfn(zone, end_pfn, zone_end_pfn(zone), false);
		if (pfn) {
			zone->spanned_pages = zone_end_pfn(zone) - pfn;
			zone->zone_start_pfn = pfn;
		} else {
			zone->zone_start_pfn = 0;
			zone->spanned_pages = 0;
		}
	} else if (zone_end_pfn(zone) == end_pfn) {
		pfn = find_zone_edge_pfn(zone, zone->zone_start_pfn, start_pfn, true);
		if (pfn) {
			/* The last pfn found starts a subsection: the span keeps all of it. */
			zone->spanned_pages = min(pfn + PAGES_PER_SUBSECTION, start_pfn) -
					      zone->zone_start_pfn;
		} else {
			zone->zone_start_pfn = 0;
			zone->spanned_pages = 0;
		}
	}
}

/*
 * The block joins @zone (Linux's move_pfn_range_to_zone()): the spans grow,
 * each struct page is initialised for the zone and node, reserved until
 * online_pages() frees it, each pageblock MIGRATE_MOVABLE.
 */
static void move_pfn_range_to_zone(struct zone *zone, unsigned long start_pfn, unsigned long nr_pages)
{
	int nid = zone->zone_pgdat->node_id;

	resize_zone_range(zone, start_pfn, nr_pages);
	update_pgdat_span(zone->zone_pgdat);
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn++) {
		struct page *page = pfn_to_page(pfn);

		__init_single_page(page, pfn, zone_idx(zone), nid);
		__SetPageReserved(page);
		if (pageblock_aligned(pfn))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
}

static void set_section_online(unsigned long start_pfn, unsigned long nr_pages, bool online)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn += PAGES_PER_SECTION) {
		struct mem_section *ms = __pfn_to_section(pfn);

		if (online)
			ms->section_mem_map |= SECTION_IS_ONLINE;
		else
			ms->section_mem_map &= ~SECTION_IS_ONLINE;
	}
}

/* Whole sections, each with a map and in the given state. */
static bool range_online(unsigned long start_pfn, unsigned long nr_pages, bool online)
{
	if (!nr_pages || start_pfn % PAGES_PER_SECTION || nr_pages % PAGES_PER_SECTION)
		return false;
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn += PAGES_PER_SECTION)
		if (!valid_section(__pfn_to_section(pfn)) || online_section(__pfn_to_section(pfn)) != online)
			return false;
	return true;
}

/* How many of [@start_pfn, @end_pfn) lie at or above max_low_pfn: HighMem to totalhigh_pages. */
static unsigned long highmem_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	return end_pfn > max_low_pfn ? end_pfn - max(start_pfn, max_low_pfn) : 0;
}

/* A zone populated or emptied: its per-CPU lists and every zonelist follow. */
static void zone_population_changed(struct zone *zone)
{
	if (populated_zone(zone))
		setup_zone_pageset(zone);
	else
		zone_pcp_reset(zone);
	build_all_zonelists(NULL);
}

int online_pages(unsigned long start_pfn, unsigned long nr_pages, struct zone *zone)
{
	unsigned long end_pfn = start_pfn + nr_pages;
	bool was_populated;

	if (!range_online(start_pfn, nr_pages, false))
		return -EINVAL;
	if (!zone_can_hold_pfn_range(zone, start_pfn, nr_pages)) {
		pr_warn("online_pages [mem %#010llx-%#010llx]: zone %s is low memory and the block reaches past max_low_pfn %#lx; online it as kernel (HighMem)\n",
			(unsigned long long)PFN_PHYS(start_pfn), (unsigned long long)PFN_PHYS(end_pfn) - 1,
			zone->name, max_low_pfn);
		return -ERANGE;
	}
	was_populated = populated_zone(zone);
	move_pfn_range_to_zone(zone, start_pfn, nr_pages);
	zone->present_pages += nr_pages;
	zone->zone_pgdat->node_present_pages += nr_pages;
	set_section_online(start_pfn, nr_pages, true);
	/* Linux's online_pages_range(): the largest aligned blocks, to the free lists. */
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		__free_pages_core(pfn_to_page(pfn), pageblock_order);
		totalram_pages_add((long)pageblock_nr_pages);
	}
	totalhigh_pages_add((long)highmem_pages_in(start_pfn, end_pfn));
	clear_zone_contiguous(zone);	/* spans may hold other zones' blocks now */
	if (!was_populated)
		zone_population_changed(zone);
	init_per_zone_wmark_min();	/* min_free_kbytes, watermarks, reserves, pcp sizes */
	return 0;
}

/* The migrate types before isolation, to restore on failure: a block's pageblocks. */
static unsigned char saved_mt[PAGES_PER_SECTION / pageblock_nr_pages];

int offline_pages(unsigned long start_pfn, unsigned long nr_pages, unsigned long *busy_pfn)
{
	unsigned long end_pfn = start_pfn + nr_pages, pfn, nr_blocks = nr_pages / pageblock_nr_pages;
	struct zone *zone;
	unsigned long i;

	if (nr_pages != PAGES_PER_SECTION || !range_online(start_pfn, nr_pages, true))
		return -EINVAL;
	zone = page_zone(pfn_to_page(start_pfn));
	/* Linux refuses a block that straddles two zones (test_pages_in_a_zone()). */
	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages)
		if (page_zone(pfn_to_page(pfn)) != zone)
			return -EINVAL;

	for (i = 0; i < nr_blocks; i++) {
		struct page *page = pfn_to_page(start_pfn + i * pageblock_nr_pages);

		saved_mt[i] = (unsigned char)get_pageblock_migratetype(page);
		if (set_migratetype_isolate(page)) {
			/* Isolated already, by someone else: not ours to undo. */
			*busy_pfn = start_pfn + i * pageblock_nr_pages;
			goto undo;
		}
	}

	if (test_pages_isolated(start_pfn, end_pfn, busy_pfn))
		goto undo;
	__offline_isolated_pages(start_pfn, end_pfn);	/* the free blocks leave the allocator */
	zone->nr_isolate_pageblock -= nr_blocks;
	clear_zone_contiguous(zone);	/* a hole now: walkers must ask pfn_valid() */
	zone->managed_pages -= nr_pages;
	totalram_pages_add(-(long)nr_pages);
	totalhigh_pages_add(-(long)highmem_pages_in(start_pfn, end_pfn));
	zone->present_pages -= nr_pages;
	zone->zone_pgdat->node_present_pages -= nr_pages;
	set_section_online(start_pfn, nr_pages, false);
	/* Linux's remove_pfn_range_from_zone(). */
	shrink_zone_span(zone, start_pfn, end_pfn);
	update_pgdat_span(zone->zone_pgdat);
	if (!populated_zone(zone))
		zone_population_changed(zone);
	init_per_zone_wmark_min();
	return 0;

undo:
	while (i-- > 0)
		unset_migratetype_isolate(pfn_to_page(start_pfn + i * pageblock_nr_pages), saved_mt[i]);
	pr_info("memory offlining [mem %#010llx-%#010llx] failed due to unmovable page\n",
		(unsigned long long)PFN_PHYS(start_pfn), (unsigned long long)PFN_PHYS(end_pfn) - 1);
	return -EBUSY;
}

/*
 * Linux's check_hotplug_memory_range() and mhp_range_allowed(): whole
 * blocks, and pfns the sections (and the VMEMMAP window) can describe.
 * The range starts at PHYS_OFFSET (ARCH_PFN_OFFSET): on ARM, memory below
 * 0x40000000 has no place in the linear map (__va() would wrap under
 * PAGE_OFFSET) nor in a memory map that starts at ARCH_PFN_OFFSET, as
 * arm64's arch_get_mappable_range() starts at the linear map's first
 * physical address.  On x86 it is 0.
 */
static int check_hotplug_memory_range(u64 start, u64 size)
{
	u64 block = memory_block_size_bytes(), max = (u64)sparse_max_pfn() << PAGE_SHIFT;
	u64 min = (u64)ARCH_PFN_OFFSET << PAGE_SHIFT;

	if (!size || start % block || size % block) {
		pr_err("Section-unaligned hotplug range: start 0x%llx, size 0x%llx\n",
		       (unsigned long long)start, (unsigned long long)size);
		return -EINVAL;
	}
	if (start < min || start >= max || size > max - start) {
		pr_warn("Hotplug memory [%#llx-%#llx] exceeds maximum addressable range [%#llx-%#llx]\n",
			(unsigned long long)start, (unsigned long long)(start + size),
			(unsigned long long)min, (unsigned long long)max - 1);
		return -E2BIG;
	}
	return 0;
}

int add_memory(int nid, u64 start, u64 size)
{
	unsigned long first = (unsigned long)(start >> PAGE_SHIFT) / PAGES_PER_SECTION, nr;
	unsigned long last;
	int ret = check_hotplug_memory_range(start, size);

	if (ret)
		return ret;
	last = first + (unsigned long)(size >> PAGE_SHIFT) / PAGES_PER_SECTION;
	if (nid < 0 || nid >= MAX_NUMNODES || !NODE_DATA(nid)) {
		pr_err("add_memory: node %d is not online; bootmm cannot bring up a new node\n", nid);
		return -EINVAL;
	}
	/* Linux's register_memory_resource(): RAM may not be added twice. */
	if (memblock_overlaps_region(&memblock.memory, start, size)) {
		pr_warn("Unable to reserve System RAM region: %016llx->%016llx\n",
			(unsigned long long)start, (unsigned long long)(start + size - 1));
		return -EEXIST;
	}
	/* ARCH_KEEP_MEMBLOCK: memblock keeps describing RAM (ARM's pfn_valid() reads it). */
	if (memblock_add_node(start, size, nid, MEMBLOCK_NONE))
		return -ENOMEM;		/* memblock's array full and no page to double it */
	for (nr = first; nr < last; nr++) {
		ret = sparse_add_section(nid, nr);
		if (ret)
			break;
	}
	if (!ret)
		return 0;
	while (nr-- > first)
		sparse_remove_section(nr);
	memblock_remove(start, size);
	return ret;
}

int remove_memory(u64 start, u64 size, unsigned long *freed)
{
	unsigned long first = (unsigned long)(start >> PAGE_SHIFT) / PAGES_PER_SECTION, last, nr;
	int ret = check_hotplug_memory_range(start, size);

	*freed = 0;
	if (ret)
		return ret;
	last = first + (unsigned long)(size >> PAGE_SHIFT) / PAGES_PER_SECTION;
	/* Linux's try_remove_memory(): every block there, and offline. */
	for (nr = first; nr < last; nr++) {
		if (!valid_section_nr(nr))
			return -EINVAL;
		if (online_section_nr(nr))
			return -EBUSY;
	}
	for (nr = first; nr < last; nr++)
		*freed += sparse_remove_section(nr);
	memblock_phys_free(start, size);
	memblock_remove(start, size);
	return 0;
}
