// SPDX-License-Identifier: MIT
/*
 * Pageblock isolation: taking a pageblock's free pages out of use while its
 * memory is being emptied, and putting them back (Linux 6.1's
 * mm/page_isolation.c, the part that changes a single pageblock).
 *
 * Memory hot-unplug and contiguous allocations (CMA, alloc_contig_range())
 * first isolate the pageblocks they want: the pageblock's migrate type
 * becomes MIGRATE_ISOLATE, its free blocks move to the ISOLATE lists, which
 * nothing allocates from and which NR_FREE_PAGES does not count, and pages
 * freed into it later go there too (the free paths look at the pageblock's
 * type).  Undoing it moves the free blocks back to the type given.
 *
 * Boot pipeline: none.  Memory hot-unplug (mm/memory_hotplug.c's
 * offline_pages()) isolates a block's pageblocks, then asks
 * test_pages_isolated() whether every page is free; bootmm has no CMA yet.
 * The unit tests also use this to check that isolated pages stay out of
 * allocations.
 */
#include "page_alloc_internal.h"
#include <kernel/errno.h>

/**
 * set_migratetype_isolate - isolate @page's pageblock
 * @page: a page of the pageblock
 *
 * Its free pages leave NR_FREE_PAGES; the per-CPU lists are drained so that
 * pages of the pageblock waiting there land on the ISOLATE lists too.
 * (Linux first checks that the pageblock holds no unmovable pages; bootmm
 * cannot move pages, so the caller must know.)
 *
 * Return: 0, or -EBUSY if the pageblock is isolated already.
 */
int set_migratetype_isolate(struct page *page)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);
	int nr_pages;

	if (is_migrate_isolate(mt))
		return -EBUSY;
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock++;
	nr_pages = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, -nr_pages);
	drain_all_pages(zone);
	return 0;
}

/**
 * unset_migratetype_isolate - give an isolated pageblock back to @migratetype
 * @page: a page of the pageblock
 * @migratetype: its type from now on
 *
 * (Linux also re-merges a free block of a whole pageblock with its buddy
 * here; with pageblock_order = MAX_ORDER - 1 there is no bigger block to
 * merge into.)
 */
void unset_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	int nr_pages;

	if (!is_migrate_isolate(get_pageblock_migratetype(page)))
		return;
	nr_pages = move_freepages_block(zone, page, migratetype, NULL);
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
	set_pageblock_migratetype(page, migratetype);
	zone->nr_isolate_pageblock--;
}

/**
 * test_pages_isolated - whether every page of [@start_pfn, @end_pfn) is free
 * @start_pfn: first pfn, its pageblocks isolated
 * @end_pfn: end, exclusive
 * @busy_pfn: set to the first pfn that is not in a free block
 *
 * Isolated pageblocks keep their free pages on the ISOLATE lists, as free
 * buddy blocks: walking block by block, every pfn must start one.  (Linux
 * also accepts pages it may offline anyway, hwpoisoned ones.)
 *
 * Return: 0, or -EBUSY with *@busy_pfn set.
 */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, unsigned long *busy_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page)) {
			*busy_pfn = pfn;
			return -EBUSY;
		}
		pfn += 1UL << buddy_order(page);
	}
	return 0;
}
