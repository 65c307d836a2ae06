// SPDX-License-Identifier: MIT
/*
 * The buddy allocator's start: the early allocator hands its free pages over,
 * and reserved pages join later (Linux 6.1's mm/page_alloc.c: the boot-time
 * part, __free_pages_core(), memblock_free_pages(), set_zone_contiguous(),
 * page_alloc_init_late(), adjust_managed_page_count(), free_reserved_area();
 * Linux 6.4 moved most of it to mm/mm_init.c).
 *
 * Boot pipeline: free_area_init() sized the zones and memmap_init() gave every
 * page a struct page with one reference, "in use".  At mem_init(), the early
 * allocator (mm/bootmem.c or mm/nobootmem.c) calls
 * reset_all_zones_managed_pages() once, then __free_pages_bootmem() for each
 * free, naturally aligned block of its memory: each block's pages drop their
 * reference, count as managed by their zone, and go to the free lists,
 * merging into the largest blocks they can.  What the early allocator kept
 * (the kernel image, the memory map, page tables) stays out: managed_pages
 * becomes exact.  Later, __init memory and other reserved pages join one by
 * one (free_reserved_area(), free_reserved_page()), HighMem through
 * free_highmem_page().
 */
#include <string.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include "page_alloc_internal.h"

unsigned long _totalram_pages;
unsigned long _totalhigh_pages;

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

/**
 * zone_init_free_lists - empty free lists for @zone
 * @zone: the zone
 *
 * Linux does this in free_area_init_core() (init_currently_empty_zone());
 * pgdat_init_allocator() does it for any zone still without.
 */
void zone_init_free_lists(struct zone *zone)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
	zone->initialized = true;
}

/**
 * zone_pcp_init - point @zone at the boot pageset
 * @zone: the zone
 *
 * Until setup_per_cpu_pageset() every zone shares one boot pageset whose
 * high is 0 and batch 1: each page freed through it goes straight on to the
 * buddy lists, each allocation takes exactly one page.
 */
void zone_pcp_init(struct zone *zone)
{
	if (!boot_pageset.lists[0].next)
		per_cpu_pages_init(&boot_pageset);
	zone->per_cpu_pageset = &boot_pageset;
	zone->pageset_high = boot_pageset.high;
	zone->pageset_batch = boot_pageset.batch;
}

/**
 * pgdat_init_allocator - free lists and boot pageset for every zone of @pgdat still without
 * @pgdat: the node
 *
 * Linux sets them up in free_area_init_core(); bootmm's free_area_init()
 * (mm/mm_init.c) may not yet, so build_all_zonelists() and
 * reset_all_zones_managed_pages(), which come before any allocation or free,
 * make sure.  Zones already set up are left alone.
 */
void pgdat_init_allocator(pg_data_t *pgdat)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!zone->initialized)
			zone_init_free_lists(zone);
		if (!zone->per_cpu_pageset)
			zone_pcp_init(zone);
		if (!zone->zone_pgdat)
			zone->zone_pgdat = pgdat;
	}
}

/**
 * reset_all_zones_managed_pages - zero every zone's managed-page count
 *
 * free_area_init() estimated managed_pages (present minus the memory map);
 * the hand-over makes it exact by counting each page freed to the buddy
 * allocator, starting from zero.  Called once by free_all_bootmem(), before
 * the first __free_pages_bootmem().
 *
 * Weak, as __free_pages_bootmem() (below) is, for the early allocators' tests.
 */
__attribute__((weak)) void __init reset_all_zones_managed_pages(void)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		pgdat_init_allocator(pgdat);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pgdat->node_zones[z].managed_pages = 0;
	}
}

/**
 * __free_pages_core - give a block of boot memory to the buddy allocator
 * @page: its first page
 * @order: its order (the block is 2^@order pages, aligned to that)
 *
 * memmap_init() left every page with one reference and the hand-over's
 * pages are not reserved: each page loses its reference and its reserved
 * flag, the zone counts them as managed, and the block goes to the tail of
 * its free list (merging as it can), bypassing the per-CPU lists.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned long nr_pages = 1UL << order;

	/* A block's struct pages are consecutive (include/mm/memory_model.h). */
	for (struct page *p = page; p < page + nr_pages; p++) {
		__ClearPageReserved(p);
		set_page_count(p, 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	__free_pages_ok(page, order, FPI_TO_TAIL);
}

/**
 * memblock_free_pages - the early allocator's free block, to the buddy allocator
 * @page: the struct page of @pfn
 * @pfn: first pfn of the block
 * @order: its order
 *
 * (Linux skips pages whose struct page is initialised later, with
 * CONFIG_DEFERRED_STRUCT_PAGE_INIT; bootmm initialises them all at once.)
 */
void __init memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order)
{
	(void)pfn;
	__free_pages_core(page, order);
}

/* Does [pfn, pfn + 2^order) lie in one zone of one node? */
static bool block_in_one_zone(unsigned long pfn, unsigned int order)
{
	return page_zone_id_equal(pfn_to_page(pfn), pfn_to_page(pfn + (1UL << order) - 1));
}

/**
 * __free_pages_bootmem - the early allocator's hand-over of one free block
 * @pfn: first pfn, aligned to 2^@order
 * @order: the block's order
 *
 * The early allocators hand over maximal aligned blocks of their free ranges
 * without looking at zones.  Zone limits are usually aligned to MAX_ORDER
 * blocks, but not always (lowmem's end on a PC is pfn 0x36ffe): a block that
 * straddles a zone or node limit is halved until each part lies in one zone,
 * as a block of the free lists must.
 *
 * Weak, so that the early allocators' own unit tests can put a recorder in
 * its place (tests/unit/test_bootmem.h).
 */
__attribute__((weak)) void __init __free_pages_bootmem(unsigned long pfn, unsigned int order)
{
	if (order && !block_in_one_zone(pfn, order)) {
		__free_pages_bootmem(pfn, order - 1);
		__free_pages_bootmem(pfn + (1UL << (order - 1)), order - 1);
		return;
	}
	memblock_free_pages(pfn_to_page(pfn), pfn, order);
}

/*
 * The struct page of the first pfn of [@start_pfn, @end_pfn), if the range
 * has memory at both ends and both ends are in @zone (Linux's
 * __pageblock_pfn_to_page(): checking the ends is enough, as a node or zone
 * limit may cut a pageblock once but not twice).
 */
static struct page *__pageblock_pfn_to_page(unsigned long start_pfn, unsigned long end_pfn,
					    struct zone *zone)
{
	struct page *start_page, *end_page;

	end_pfn--;
	if (!pfn_valid(start_pfn) || !pfn_valid(end_pfn))
		return NULL;
	start_page = pfn_to_page(start_pfn);
	if (page_zone(start_page) != zone)
		return NULL;
	end_page = pfn_to_page(end_pfn);
	if (!page_zone_id_equal(start_page, end_page))
		return NULL;
	return start_page;
}

/**
 * set_zone_contiguous - note whether @zone's span is all its own memory
 * @zone: the zone
 *
 * A contiguous zone has, in every pageblock of its span, struct pages of
 * this zone only, so compaction's scanners may walk it without checking each
 * pageblock.  Holes with a reserved struct page count as memory here, as in
 * Linux; only pfns without a struct page, or another zone's, break it.
 */
void set_zone_contiguous(struct zone *zone)
{
	unsigned long block_start_pfn = zone->zone_start_pfn;
	unsigned long block_end_pfn = ALIGN(block_start_pfn + 1, pageblock_nr_pages);

	for (; block_start_pfn < zone_end_pfn(zone);
	     block_start_pfn = block_end_pfn, block_end_pfn += pageblock_nr_pages) {
		block_end_pfn = min(block_end_pfn, zone_end_pfn(zone));
		if (!__pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone))
			return;
	}
	zone->contiguous = true;
}

void clear_zone_contiguous(struct zone *zone)
{
	zone->contiguous = false;
}

/**
 * page_alloc_init_late - the last step of the page allocator's setup
 *
 * Linux waits here for deferred struct-page initialisation and throws away
 * memblock's private data; what remains for bootmm is set_zone_contiguous()
 * for each populated zone.  Call after the hand-over.
 */
void __init page_alloc_init_late(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		set_zone_contiguous(zone);
}

/**
 * adjust_managed_page_count - pages join (or leave) the buddy allocator's care
 * @page: a page of the zone concerned
 * @count: how many pages (negative: leaving)
 *
 * Keeps the zone's managed_pages, totalram_pages and, for HighMem,
 * totalhigh_pages in step.
 */
void adjust_managed_page_count(struct page *page, long count)
{
	page_zone(page)->managed_pages += (unsigned long)count;
	totalram_pages_add(count);
	if (PageHighMem(page))
		totalhigh_pages_add(count);
}

/* A reserved page becomes an ordinary free one (Linux's __free_reserved_page()). */
static void __free_reserved_page(struct page *page)
{
	__ClearPageReserved(page);
	init_page_count(page);
	__free_page(page);
}

/**
 * free_reserved_page - give a page reserved at boot to the buddy allocator
 * @page: a reserved page, one reference (as memmap_init() left it)
 */
void free_reserved_page(struct page *page)
{
	__free_reserved_page(page);
	adjust_managed_page_count(page, 1);
}

/**
 * free_highmem_page - give a HighMem page to the buddy allocator at boot
 * @page: the page
 *
 * The early allocators only hand over lowmem; the arch's mem_init() frees
 * every free HighMem page with this (x86's set_highmem_pages_init(), ARM's
 * free_highpages()).
 */
void __init free_highmem_page(struct page *page)
{
	__free_reserved_page(page);
	totalram_pages_add(1);
	page_zone(page)->managed_pages++;
	totalhigh_pages_add(1);
}

/**
 * free_reserved_area - free the whole pages of a reserved range, by address
 * @start: first byte (rounded up to a page)
 * @end: end (rounded down)
 * @poison: byte to fill the pages with first, or -1 for none
 * @s: what to call it in "Freeing %s memory: %ldK", or NULL for silence
 *
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pos = ALIGN((unsigned long)start, PAGE_SIZE);
	unsigned long stop = (unsigned long)end & PAGE_MASK;
	unsigned long pages = 0;

	for (; pos < stop; pos += PAGE_SIZE, pages++) {
		if ((unsigned int)poison <= 0xff)
			memset((void *)pos, poison, PAGE_SIZE);
		free_reserved_page(virt_to_page((void *)pos));
	}
	if (pages && s)
		pr_info("Freeing %s memory: %ldK\n", s, (long)K(pages));
	return pages;
}

/**
 * nr_free_highpages - free pages in HighMem zones (and a Movable zone carved from it)
 *
 * Return: pages on the buddy lists of those zones.
 */
unsigned long nr_free_highpages(void)
{
	unsigned long pages = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		if (is_highmem(zone))
			pages += zone_page_state(zone, NR_FREE_PAGES);
	return pages;
}
