// SPDX-License-Identifier: MIT
/*
 * Unit tests of migrate types in the buddy allocator (mm/page_alloc.c,
 * mm/page_isolation.c): the fallback table, stealing whole pageblocks or
 * single blocks, the "half the pageblock" rule, HIGHATOMIC reserves and
 * isolation.
 *
 * Layout: one Normal zone of 32 MiB, pfns 0 to 0x2000, eight pageblocks of
 * 1024 pages, all MIGRATE_MOVABLE after memmap_init(), handed over as eight
 * order-10 blocks on the MOVABLE lists, in pfn order.
 */
#include "test_page_alloc.h"

#define NOWARN		__GFP_NOWARN
#define GFP_MOV		(GFP_HIGHUSER_MOVABLE | NOWARN)
#define GFP_UNMOV	(GFP_KERNEL | NOWARN)
#define GFP_RECL	(GFP_KERNEL | __GFP_RECLAIMABLE | NOWARN)

static struct zone *normal;

static void boot_32m(void)
{
	normal = pa_boot_32m();
}

static int block_mt(unsigned long pfn)
{
	return get_pageblock_migratetype(pfn_to_page(pfn));
}

/* Free pages on @mt's lists, all orders. */
static unsigned long free_of_type(int mt)
{
	unsigned long n = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		n += pa_list_len(normal, order, mt) << order;
	return n;
}

/*
 * An unmovable page with only movable pageblocks free: the largest movable
 * block is taken, and as it is a whole pageblock, the pageblock becomes
 * UNMOVABLE; what the split leaves waits on the UNMOVABLE lists.
 */
static void test_unmovable_steals_whole_pageblock(void **state)
{
	(void)state;
	boot_32m();
	assert_int_equal(pa_alloc(GFP_UNMOV, 0), 0);
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	assert_int_equal(block_mt(0x400), MIGRATE_MOVABLE);
	assert_int_equal(free_of_type(MIGRATE_UNMOVABLE), 1023);
	assert_int_equal(free_of_type(MIGRATE_MOVABLE), 7 * 1024);
	/* The next unmovable pages come from the same pageblock. */
	assert_int_equal(pa_alloc(GFP_UNMOV, 0), 1);
	assert_int_equal(pa_alloc(GFP_UNMOV, 3), 8);
	/* Movable ones never touch it while movable blocks remain. */
	assert_int_equal(pa_alloc(GFP_MOV, 0), 0x400);
	pa_check();

	/* Freed, the unmovable pages merge back into an UNMOVABLE pageblock. */
	pa_free(8, 3);
	pa_free(1, 0);
	pa_free(0, 0);
	assert_true(pa_is_free_block(0, 10));
	assert_int_equal(pa_list_len(normal, 10, MIGRATE_UNMOVABLE), 1);
	pa_check();
}

/* The fallback order: reclaimable takes unmovable blocks before movable ones. */
static void test_fallback_table(void **state)
{
	(void)state;
	boot_32m();
	/* Make pageblock 0 UNMOVABLE and free. */
	pa_free(pa_alloc(GFP_UNMOV, 10), 10);
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	/* Reclaimable: fallbacks = { UNMOVABLE, MOVABLE }: pageblock 0. */
	assert_int_equal(pa_alloc(GFP_RECL, 0), 0);
	assert_int_equal(block_mt(0), MIGRATE_RECLAIMABLE);
	pa_free(0, 0);
	/* Unmovable: { RECLAIMABLE, MOVABLE }: the reclaimable block, though movable ones are free. */
	assert_int_equal(pa_alloc(GFP_UNMOV, 0), 0);
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	pa_free(0, 0);

	/* Pageblock 0 UNMOVABLE, 0x400 RECLAIMABLE, the six others in use. */
	assert_int_equal(pa_alloc(GFP_UNMOV, 10), 0);
	assert_int_equal(pa_alloc(GFP_RECL, 10), 0x400);
	assert_int_equal(block_mt(0x400), MIGRATE_RECLAIMABLE);
	for (unsigned long pfn = 0x800; pfn < 0x2000; pfn += 0x400)
		assert_int_equal(pa_alloc(GFP_MOV, 10), pfn);
	pa_free(0, 10);
	pa_free(0x400, 10);
	assert_int_equal(free_of_type(MIGRATE_MOVABLE), 0);
	/* Movable: { RECLAIMABLE, UNMOVABLE }: pageblock 0x400, claimed. */
	assert_int_equal(pa_alloc(GFP_MOV, 0), 0x400);
	assert_int_equal(block_mt(0x400), MIGRATE_MOVABLE);
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	pa_check();
}

/*
 * A movable request that may not claim a pageblock (its block is small)
 * splits the smallest fallback block, not the largest, and leaves the
 * pageblock's type alone: movable pages can be moved out later.
 *   all pageblocks UNMOVABLE and fully allocated, then freed: pfns 0 and 2
 *   (order 0) and 8..11 (an order-2 block).  A movable page: pfn 0 or 2,
 *   not a piece of 8..11.
 */
static void test_movable_takes_smallest_fallback(void **state)
{
	unsigned long n = 0, pfn;

	(void)state;
	boot_32m();
	while ((pfn = pa_alloc(GFP_UNMOV, 0)) != ~0UL)
		assert_int_equal(pfn, n++);
	assert_int_equal(n, 0x2000);
	for (unsigned long p = 0; p < 0x2000; p += 0x400)
		assert_int_equal(block_mt(p), MIGRATE_UNMOVABLE);
	pa_free(0, 0);
	pa_free(2, 0);
	for (unsigned long p = 8; p < 12; p++)
		pa_free(p, 0);
	assert_true(pa_is_free_block(8, 2));

	pfn = pa_alloc(GFP_MOV, 0);
	assert_true(pfn == 0 || pfn == 2);
	assert_true(pa_is_free_block(8, 2));
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	pa_check();

	/* An order-1 movable request now has only the order-2 block: split, not claimed. */
	assert_int_equal(pa_alloc(GFP_MOV, 1), 8);
	assert_int_equal(block_mt(8), MIGRATE_UNMOVABLE);
	assert_true(pa_is_free_block(10, 1));
	pa_check();
}

/*
 * Stealing part of a pageblock: an unmovable request takes the largest free
 * block of a movable pageblock that is partly used.  Its free blocks all
 * move to the UNMOVABLE lists; the pageblock itself becomes UNMOVABLE only if
 * at least half of it is free or already unmovable-like (pages in use that
 * are not on an LRU list count as such; LRU pages are movable).
 */
static void steal_partial(unsigned long used, bool lru, int expect_mt)
{
	unsigned long pfn;

	boot_32m();
	for (unsigned long i = 0; i < used; i++) {
		assert_int_equal(pa_alloc(GFP_MOV, 0), i);
		if (lru)
			__SetPageLRU(pfn_to_page(i));
	}
	/* Every other pageblock in use: only pageblock 0's free pages remain. */
	while (pa_alloc(GFP_MOV, 10) != ~0UL)
		;
	assert_int_equal(free_of_type(MIGRATE_MOVABLE), 1024 - used);

	pfn = pa_alloc(GFP_UNMOV, 0);
	assert_true(pfn >= used && pfn < 1024);
	assert_int_equal(free_of_type(MIGRATE_UNMOVABLE), 1024 - used - 1);
	assert_int_equal(free_of_type(MIGRATE_MOVABLE), 0);
	assert_int_equal(block_mt(0), expect_mt);
	pa_check();
	for (unsigned long i = 0; i < used; i++)
		__ClearPageLRU(pfn_to_page(i));
}

static void test_steal_claims_pageblock_when_half_alike(void **state)
{
	(void)state;
	/* 600 pages in use, none on an LRU: 424 free + 600 alike >= 512. */
	steal_partial(600, false, MIGRATE_UNMOVABLE);
}

static void test_steal_leaves_pageblock_when_mostly_movable(void **state)
{
	(void)state;
	/* 600 LRU pages in use: 424 free + 0 alike < 512: the type stays MOVABLE. */
	steal_partial(600, true, MIGRATE_MOVABLE);
}

/*
 * HIGHATOMIC: a high-order atomic allocation that needed the reserves below
 * the low watermark gets its pageblock set aside for more of its kind.  The
 * reserve does not count as free for ordinary allocations, nor do they get
 * its pages; an allocation that may sleep and fails gets it back.
 */
static void test_highatomic_reserve(void **state)
{
	unsigned long pfn, n = 0, low;

	(void)state;
	boot_32m();
	init_per_zone_wmark_min();
	low = low_wmark_pages(normal);
	assert_true(low > 0);

	/* Down to the low watermark with movable pages. */
	while (zone_page_state(normal, NR_FREE_PAGES) > low + 16 && pa_alloc(GFP_MOV, 0) != ~0UL)
		n++;
	/* Movable pages below low: the fast path fails, the slow path (min) succeeds. */
	while (zone_page_state(normal, NR_FREE_PAGES) > low - 4)
		assert_int_not_equal(pa_alloc(GFP_MOV, 0), ~0UL);
	assert_int_equal(normal->nr_reserved_highatomic, 0);

	pfn = pa_alloc(GFP_ATOMIC | NOWARN, 2);
	assert_int_not_equal(pfn, ~0UL);
	assert_int_equal(block_mt(pfn), MIGRATE_HIGHATOMIC);
	assert_int_equal(normal->nr_reserved_highatomic, pageblock_nr_pages);
	assert_true(free_of_type(MIGRATE_HIGHATOMIC) > 0);
	pa_check();

	/*
	 * All that is free now sits in the reserved pageblock.  Another atomic
	 * order-2 request finds nothing through the usual lists (HIGHATOMIC is
	 * in no fallback list), then takes from the reserve (rmqueue_buddy()).
	 */
	assert_int_equal(free_of_type(MIGRATE_HIGHATOMIC), nr_free_pages());
	{
		unsigned long again = pa_alloc(GFP_ATOMIC | NOWARN, 2);

		assert_int_not_equal(again, ~0UL);
		assert_int_equal(again & ~(pageblock_nr_pages - 1), pfn & ~(pageblock_nr_pages - 1));
		pa_free(again, 2);
	}

	/* Allocations that cannot sleep stop at min, and never get the reserve... */
	{
		unsigned long reserved_free = free_of_type(MIGRATE_HIGHATOMIC);

		while (pa_alloc(GFP_NOWAIT | __GFP_HIGHMEM | __GFP_MOVABLE | NOWARN, 0) != ~0UL)
			;
		assert_int_equal(free_of_type(MIGRATE_HIGHATOMIC), reserved_free);
	}
	/* ...one that may sleep gets it back once everything else failed. */
	assert_int_not_equal(pa_alloc(GFP_UNMOV, 0), ~0UL);
	assert_int_equal(normal->nr_reserved_highatomic, 0);
	assert_int_equal(block_mt(pfn), MIGRATE_UNMOVABLE);
	assert_int_equal(free_of_type(MIGRATE_HIGHATOMIC), 0);
	pa_check();
	(void)n;
}

/*
 * Isolation: an isolated pageblock's free pages leave NR_FREE_PAGES and the
 * allocator, pages freed into it stay out too; undoing it brings them back.
 */
static void test_isolate_pageblock(void **state)
{
	unsigned long a, b;

	(void)state;
	boot_32m();
	a = pa_alloc(GFP_MOV, 0);
	b = pa_alloc(GFP_MOV, 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	assert_int_equal(set_migratetype_isolate(pfn_to_page(0)), 0);
	assert_int_equal(set_migratetype_isolate(pfn_to_page(5)), -16);	/* -EBUSY */
	assert_int_equal(block_mt(0), MIGRATE_ISOLATE);
	assert_int_equal(nr_free_pages(), 0x2000 - 1024);
	assert_int_equal(free_of_type(MIGRATE_ISOLATE), 1022);
	pa_check();

	pa_free(a, 0);		/* straight to the ISOLATE list, not counted */
	assert_int_equal(nr_free_pages(), 0x2000 - 1024);
	assert_int_equal(free_of_type(MIGRATE_ISOLATE), 1023);
	for (int i = 0; i < 7 * 1024; i++)
		assert_true(pa_alloc(GFP_MOV, 0) >= 0x400);
	assert_int_equal(pa_alloc(GFP_MOV, 0), ~0UL);	/* the isolated pages are not handed out */
	pa_check();

	unset_migratetype_isolate(pfn_to_page(0), MIGRATE_MOVABLE);
	assert_int_equal(block_mt(0), MIGRATE_MOVABLE);
	assert_int_equal(nr_free_pages(), 1023);
	pa_free(b, 0);
	assert_true(pa_is_free_block(0, 10));
	assert_int_equal(nr_free_pages(), 1024);
	pa_check();
}

/*
 * Too little memory to keep pageblocks apart (fewer pages than
 * pageblock_nr_pages * MIGRATE_TYPES = 5120): grouping by mobility is off,
 * every allocation is unmovable, and a fallback always claims the pageblock.
 */
static void test_mobility_grouping_off(void **state)
{
	(void)state;
	memblock_add_node(0, MiB(16), 0, MEMBLOCK_NONE);
	pa_boot(0, 0x1000, 0x1000);
	assert_true(host_log_contains("Built 1 zonelists, mobility grouping off.  Total pages: "));
	assert_int_equal(page_group_by_mobility_disabled, 1);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_UNMOVABLE);
	pa_handover_all();
	normal = pa_zone(0, ZONE_NORMAL);
	assert_int_equal(pa_alloc(GFP_MOV, 0), 0);
	assert_int_equal(block_mt(0), MIGRATE_UNMOVABLE);
	assert_int_equal(free_of_type(MIGRATE_UNMOVABLE), 1023);
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_unmovable_steals_whole_pageblock, pa_setup),
		cmocka_unit_test_setup(test_fallback_table, pa_setup),
		cmocka_unit_test_setup(test_movable_takes_smallest_fallback, pa_setup),
		cmocka_unit_test_setup(test_steal_claims_pageblock_when_half_alike, pa_setup),
		cmocka_unit_test_setup(test_steal_leaves_pageblock_when_mostly_movable, pa_setup),
		cmocka_unit_test_setup(test_highatomic_reserve, pa_setup),
		cmocka_unit_test_setup(test_isolate_pageblock, pa_setup),
		cmocka_unit_test_setup(test_mobility_grouping_off, pa_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
