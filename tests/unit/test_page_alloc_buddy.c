// SPDX-License-Identifier: MIT
/*
 * Unit tests of the buddy core (mm/page_alloc.c, mm/page_alloc_init.c):
 * the hand-over from the early allocator, splitting and merging at every
 * order, buddies of buddies, the tail placement of likely merges, and the
 * places where blocks must not merge: zone limits, node limits and holes.
 *
 * Most layouts are pa_boot_32m()'s: one Normal zone of 32 MiB, pfns 0 to
 * 0x2000, eight blocks of order 10.  Allocations ask for GFP_HIGHUSER_MOVABLE (so MIGRATE_MOVABLE,
 * the type memmap_init() gave every pageblock: no fallback between types
 * here; see test_page_alloc_fallback.c).  The per-CPU lists are the boot
 * pageset's (nothing stays on them) until a test sets them up.
 */
#include "test_page_alloc.h"

#define GFP_PLAIN	(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN)

/* The hand-over: eight order-10 blocks, counted exactly, on the MOVABLE list. */
static void test_handover(void **state)
{
	struct zone *normal;

	(void)state;
	normal = pa_boot_32m();
	assert_int_equal(normal->managed_pages, 0x2000);
	assert_int_equal(pa_nr_free(normal, 10), 8);
	for (unsigned int order = 0; order < 10; order++)
		assert_int_equal(pa_nr_free(normal, order), 0);
	assert_int_equal(pa_list_len(normal, 10, MIGRATE_MOVABLE), 8);
	/* Fresh blocks go to the tail: the list is in pfn order. */
	assert_int_equal(pa_first_pfn(normal, 10, MIGRATE_MOVABLE), 0);
	assert_int_equal(zone_page_state(normal, NR_FREE_PAGES), 0x2000);
	assert_int_equal(nr_free_pages(), 0x2000);
	assert_int_equal(totalram_pages(), 0x2000);
	assert_int_equal(page_ref_count(pfn_to_page(0x123)), 0);
	pa_check();
}

/*
 * Order-0 pages handed over one by one merge into the same two blocks: each
 * page finds its buddy free and climbs as far as it can.
 */
static void test_handover_page_by_page_merges(void **state)
{
	struct zone *normal;

	(void)state;
	memblock_add_node(0, MiB(32), 0, MEMBLOCK_NONE);
	pa_boot(0, 0x2000, 0x2000);
	pa_handover_begin();	/* page by page, not pa_handover_all() */
	/* Backwards and odd pfns first, to merge in an unusual order. */
	for (unsigned long pfn = 0x2000; pfn-- > 0;)
		if (pfn & 1)
			__free_pages_bootmem(pfn, 0);
	for (unsigned long pfn = 0; pfn < 0x2000; pfn += 2)
		__free_pages_bootmem(pfn, 0);
	normal = pa_zone(0, ZONE_NORMAL);
	assert_int_equal(pa_nr_free(normal, 10), 8);
	assert_int_equal(pa_zone_free(normal), 0x2000);
	assert_int_equal(normal->managed_pages, 0x2000);
	pa_check();
}

/*
 * Splitting an order-10 block for order k: the lower half is split again,
 * the upper halves wait on the lists, one of each order k..9:
 *
 *   order 0 from [0, 1024): pfn 0 returned; free: 1 (o0), 2 (o1), 4 (o2),
 *   ..., 512 (o9), and the other seven o10 blocks untouched.
 * Freeing it merges all the way back.
 */
static void test_split_and_merge_every_order(void **state)
{
	struct pa_snapshot before;
	struct zone *normal;

	(void)state;
	normal = pa_boot_32m();
	pa_snapshot_take(&before);
	for (unsigned int k = 0; k < MAX_ORDER; k++) {
		unsigned long pfn = pa_alloc(GFP_PLAIN, k);

		assert_int_equal(pfn, 0);
		assert_int_equal(page_ref_count(pfn_to_page(0)), 1);
		assert_false(PageBuddy(pfn_to_page(0)));
		for (unsigned int j = 0; j < k; j++)
			assert_int_equal(pa_nr_free(normal, j), 0);
		for (unsigned int j = k; j < MAX_ORDER - 1; j++) {
			assert_int_equal(pa_nr_free(normal, j), 1);
			assert_int_equal(pa_first_pfn(normal, j, MIGRATE_MOVABLE), 1UL << j);
			assert_true(pa_is_free_block(1UL << j, j));
		}
		assert_int_equal(pa_nr_free(normal, 10), 7);
		assert_int_equal(pa_first_pfn(normal, 10, MIGRATE_MOVABLE), 0x400);
		assert_int_equal(nr_free_pages(), 0x2000 - (1UL << k));
		pa_check();

		pa_free(pfn, k);
		assert_int_equal(nr_free_pages(), 0x2000);
		pa_snapshot_assert_same(&before);
		pa_check();
	}
	pa_snapshot_free(&before);
}

/* Allocations in a row come out in ascending pfn order from a split block. */
static void test_consecutive_allocations_ascend(void **state)
{
	(void)state;
	pa_boot_32m();
	for (unsigned long i = 0; i < 64; i++)
		assert_int_equal(pa_alloc(GFP_PLAIN, 0), i);
	assert_int_equal(pa_alloc(GFP_PLAIN, 2), 64);
	assert_int_equal(pa_alloc(GFP_PLAIN, 1), 68);
	assert_int_equal(pa_alloc(GFP_PLAIN, 0), 70);
	pa_check();
}

/*
 * Buddies of buddies: four order-0 pages 0..3 freed as 1, 3, 0, 2.
 *   free 1: buddy 0 in use                 -> o0 {1}
 *   free 3: buddy 2 in use                 -> o0 {3, 1}
 *   free 0: buddy 1 free: o1 at 0; its buddy (o1 at 2) in use
 *                                          -> o0 {3}, o1 {0}
 *   free 2: buddy 3 free: o1 at 2; buddy o1 at 0 free: o2 at 0; buddy o2
 *           at 4 free (left by the splits) ... up to o10 at 0.
 */
static void test_buddy_of_buddy(void **state)
{
	struct zone *normal;

	(void)state;
	normal = pa_boot_32m();
	for (unsigned long i = 0; i < 4; i++)
		assert_int_equal(pa_alloc(GFP_PLAIN, 0), i);

	pa_free(1, 0);
	assert_true(pa_is_free_block(1, 0));
	assert_int_equal(pa_nr_free(normal, 0), 1);
	pa_free(3, 0);
	assert_int_equal(pa_nr_free(normal, 0), 2);
	assert_int_equal(pa_first_pfn(normal, 0, MIGRATE_MOVABLE), 3);
	pa_check();

	pa_free(0, 0);
	assert_true(pa_is_free_block(0, 1));
	assert_false(PageBuddy(pfn_to_page(1)));	/* no longer a block's head */
	assert_int_equal(pa_nr_free(normal, 0), 1);
	assert_int_equal(pa_nr_free(normal, 1), 1);
	pa_check();

	pa_free(2, 0);
	assert_true(pa_is_free_block(0, 10));
	for (unsigned int order = 0; order < 10; order++)
		assert_int_equal(pa_nr_free(normal, order), 0);
	assert_int_equal(pa_nr_free(normal, 10), 8);
	pa_check();
}

/*
 * A freed block one merge away from a bigger free block goes to the tail of
 * its list (buddy_merge_likely()), so the next allocation does not take it:
 *   pages 0..7 in use; free 5 (o0 list: 5); free 2, 3 (merge: o1 at 2);
 *   free 1: its buddy 0 is in use, but o1 at 2 is free: 1 goes after 5.
 */
static void test_likely_merge_goes_to_tail(void **state)
{
	struct zone *normal;

	(void)state;
	normal = pa_boot_32m();
	for (unsigned long i = 0; i < 8; i++)
		assert_int_equal(pa_alloc(GFP_PLAIN, 0), i);
	pa_free(5, 0);
	pa_free(2, 0);
	pa_free(3, 0);
	assert_true(pa_is_free_block(2, 1));
	pa_free(1, 0);
	assert_int_equal(pa_list_len(normal, 0, MIGRATE_MOVABLE), 2);
	assert_int_equal(pa_first_pfn(normal, 0, MIGRATE_MOVABLE), 5);
	/* And the allocator hands out 5 first, keeping 1 to merge. */
	assert_int_equal(pa_alloc(GFP_PLAIN, 0), 5);
	pa_check();
}

/* A block whose first page someone else still holds is freed in halves, all but that page. */
static void test_free_pages_with_extra_reference(void **state)
{
	struct page *page;

	(void)state;
	pa_boot_32m();
	page = alloc_pages(GFP_PLAIN, 3);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), 0);
	/* Someone else holds the first page: the rest comes back in halves. */
	page_ref_inc(page);
	__free_pages(page, 3);
	assert_int_equal(page_ref_count(page), 1);
	assert_true(pa_is_free_block(4, 2));
	assert_true(pa_is_free_block(2, 1));
	assert_true(pa_is_free_block(1, 0));
	assert_int_equal(nr_free_pages(), 0x2000 - 1);
	pa_check();
	__free_pages(page, 0);		/* the last reference: everything merges */
	assert_true(pa_is_free_block(0, 10));
	pa_check();
}

/*
 * Zone limits not aligned to a block: DMA ends at 0x300.
 *   pfn 0        0x200     0x300    0x400                    0x2000
 *       |#########|#########|########|#########################|
 *       DMA --------------- | Normal ------------------------- |
 * The hand-over's [0, 0x400) block straddles the limit: it is halved until
 * each part lies in one zone: DMA o9 at 0, o8 at 0x200; Normal o8 at 0x300,
 * o10 from 0x400.  0x200 and 0x300 are buddies of order 8 and never merge.
 */
static void test_zone_limit_splits_and_blocks_merging(void **state)
{
	struct zone *dma, *normal;
	struct pa_snapshot before;
	static unsigned long pfns[0x1d00];
	int n = 0;

	(void)state;
	memblock_add_node(0, MiB(32), 0, MEMBLOCK_NONE);
	pa_boot(0x300, 0x2000, 0x2000);
	pa_handover_all();
	dma = pa_zone(0, ZONE_DMA);
	normal = pa_zone(0, ZONE_NORMAL);
	assert_int_equal(dma->managed_pages, 0x300);
	assert_int_equal(normal->managed_pages, 0x1d00);
	assert_true(pa_is_free_block(0, 9));
	assert_true(pa_is_free_block(0x200, 8));
	assert_true(pa_is_free_block(0x300, 8));
	assert_true(pa_is_free_block(0x400, 10));
	assert_int_equal(pa_zone_free(dma), 0x300);
	assert_int_equal(pa_zone_free(normal), 0x1d00);
	pa_check();
	pa_snapshot_take(&before);

	/* Empty Normal page by page (GFP_KERNEL never reaches DMA while Normal has pages). */
	for (;;) {
		unsigned long pfn = pa_alloc(GFP_KERNEL | __GFP_NOWARN, 0);

		if (pfn == ~0UL || pfn < 0x300) {
			if (pfn != ~0UL)
				pa_free(pfn, 0);
			break;
		}
		pfns[n++] = pfn;
	}
	assert_int_equal(n, 0x1d00);
	assert_int_equal(pa_zone_free(normal), 0);
	assert_int_equal(pa_zone_free(dma), 0x300);
	/* Free in reverse: 0x300's block gets back to order 8 and stops there. */
	while (n--)
		pa_free(pfns[n], 0);
	pa_snapshot_assert_same(&before);
	pa_check();

	/* DMA's o8 at 0x200 comes and goes without touching Normal. */
	assert_int_equal(pa_alloc(GFP_DMA | __GFP_MOVABLE, 8), 0x200);
	pa_free(0x200, 8);
	pa_snapshot_assert_same(&before);
	pa_snapshot_free(&before);
	pa_check();
}

/*
 * A hole in the middle of a zone:
 *   pfn 0         0x200   0x300    0x400                    0x2000
 *       |##########|.......|########|#########################|  Normal
 * The hole's pages are reserved (memmap_init()), never PageBuddy: o9 at 0
 * and o8 at 0x300 find no buddy there, whatever is freed around them.
 */
static void test_hole_blocks_merging(void **state)
{
	struct pa_snapshot before;
	struct zone *normal;

	(void)state;
	memblock_add_node(0, 0x200 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	memblock_add_node(0x300 * PAGE_SIZE, 0x1d00 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	pa_boot(0, 0x2000, 0x2000);
	pa_handover_all();
	normal = pa_zone(0, ZONE_NORMAL);
	assert_int_equal(normal->spanned_pages, 0x2000);
	assert_int_equal(normal->present_pages, 0x1f00);
	assert_int_equal(normal->managed_pages, 0x1f00);
	assert_true(PageReserved(pfn_to_page(0x250)));
	assert_true(pa_is_free_block(0, 9));
	assert_true(pa_is_free_block(0x300, 8));
	assert_true(pa_is_free_block(0x400, 10));
	pa_check();

	pa_snapshot_take(&before);
	/* Take everything, give it back: the hole is never crossed. */
	{
		static unsigned long got[0x1f00];
		int n = 0;

		for (unsigned long pfn; (pfn = pa_alloc(GFP_PLAIN, 0)) != ~0UL;) {
			assert_true(pfn < 0x200 || pfn >= 0x300);
			got[n++] = pfn;
		}
		assert_int_equal(n, 0x1f00);
		for (int i = 0; i < n; i += 2)
			pa_free(got[i], 0);
		pa_check();
		for (int i = 1; i < n; i += 2)
			pa_free(got[i], 0);
	}
	pa_snapshot_assert_same(&before);
	pa_snapshot_free(&before);
	assert_int_equal(zone_page_state(normal, NR_FREE_PAGES), 0x1f00);
	pa_check();

	/* The zone spans a hole with struct pages: still contiguous. */
	page_alloc_init_late();
	assert_true(normal->contiguous);
}

/*
 * Two nodes; node 1 starts at 0x1e00, inside what would be a block of order 10:
 *   pfn 0                       0x1e00       0x2000
 *       |#########################|############|
 *       node 0                    | node 1
 * o9 at 0x1c00 (node 0) and o9 at 0x1e00 (node 1) are buddies and stay
 * apart.  Each node's zonelist tries its own zones first.
 */
static void test_two_nodes_never_merge(void **state)
{
	struct zone *n0, *n1;
	struct page *page;

	(void)state;
	memblock_add_node(0, 0x1e00 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	memblock_add_node(0x1e00 * PAGE_SIZE, 0x200 * PAGE_SIZE, 1, MEMBLOCK_NONE);
	pa_boot_nodes(2, 0, 0x2000, 0x2000);
	assert_true(host_log_contains("Fallback order for Node 0: 0 1 \n"));
	assert_true(host_log_contains("Fallback order for Node 1: 1 0 \n"));
	assert_true(host_log_contains("Built 2 zonelists, mobility grouping on.  Total pages: "));
	assert_true(host_log_contains("Policy zone: Normal\n"));
	pa_handover_all();
	n0 = pa_zone(0, ZONE_NORMAL);
	n1 = pa_zone(1, ZONE_NORMAL);
	assert_true(pa_is_free_block(0x1800, 10));
	assert_true(pa_is_free_block(0x1c00, 9));
	assert_true(pa_is_free_block(0x1e00, 9));
	assert_int_equal(n0->managed_pages, 0x1e00);
	assert_int_equal(n1->managed_pages, 0x200);
	assert_ptr_equal(node_zonelist(1, GFP_KERNEL)->_zonerefs[0].zone, n1);
	assert_ptr_equal(node_zonelist(1, GFP_KERNEL)->_zonerefs[1].zone, n0);
	pa_check();

	/* Node 1 first, then node 0 once node 1 is empty; __GFP_THISNODE stops there. */
	page = alloc_pages_node(1, GFP_PLAIN, 9);
	assert_non_null(page);
	assert_int_equal(page_to_pfn(page), 0x1e00);
	assert_null(alloc_pages_node(1, GFP_PLAIN | __GFP_THISNODE, 0));
	assert_int_equal(page_to_pfn(alloc_pages_node(1, GFP_PLAIN, 0)), 0x1c00);
	__free_pages(page, 9);
	__free_pages(pfn_to_page(0x1c00), 0);
	assert_true(pa_is_free_block(0x1c00, 9));
	assert_true(pa_is_free_block(0x1e00, 9));
	pa_check();
}

/*
 * A PC-like 64 MiB with DMA, Normal and HighMem: each allocation's zones,
 * highest first (its zonelist), and gfp_zone()'s table.
 *   pfn 0      0x1000            0x3000           0x4000
 *       | DMA  |     Normal       |    HighMem     |
 */
static void test_zonelist_order(void **state)
{
	struct zone *dma, *normal, *high;
	enum zone_type last = ZONE_HIGHMEM;
	unsigned long n = 0;
	struct zonelist *zl;
	struct page *page;

	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	pa_boot(0x1000, 0x3000, 0x4000);
	pa_handover_all();
	dma = pa_zone(0, ZONE_DMA);
	normal = pa_zone(0, ZONE_NORMAL);
	high = pa_zone(0, ZONE_HIGHMEM);

	zl = node_zonelist(0, GFP_KERNEL);
	assert_ptr_equal(zl->_zonerefs[0].zone, high);
	assert_ptr_equal(zl->_zonerefs[1].zone, normal);
	assert_ptr_equal(zl->_zonerefs[2].zone, dma);
	assert_null(zl->_zonerefs[3].zone);

	assert_int_equal(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ATOMIC), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_zone(GFP_HIGHUSER), ZONE_HIGHMEM);
	assert_int_equal(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	assert_int_equal(gfp_zone(GFP_KERNEL | __GFP_MOVABLE), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_DMA | __GFP_MOVABLE), ZONE_DMA);
	assert_int_equal(gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	assert_int_equal(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	assert_int_equal(gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
	/* Both mobility bits: a WARNING and MIGRATE_UNMOVABLE, never 3 (MIGRATE_HIGHATOMIC). */
	host_log_reset();
	assert_int_equal(gfp_migratetype(__GFP_MOVABLE | __GFP_RECLAIMABLE), MIGRATE_UNMOVABLE);
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at "));
	for (unsigned int order = 0; order <= PAGE_ALLOC_COSTLY_ORDER + 1; order++) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_MOVABLE | __GFP_RECLAIMABLE, order);

		assert_non_null(p);
		assert_ptr_equal(page_zone(p), normal);
		__free_pages(p, order);
	}

	assert_ptr_equal(page_zone(alloc_pages(GFP_HIGHUSER_MOVABLE, 0)), high);
	assert_ptr_equal(page_zone(alloc_pages(GFP_HIGHUSER, 0)), high);
	assert_ptr_equal(page_zone(alloc_pages(GFP_KERNEL, 0)), normal);
	assert_ptr_equal(page_zone(alloc_pages(GFP_DMA, 0)), dma);
	/* HighMem pages have no kernel address: __get_free_pages() drops __GFP_HIGHMEM. */
	assert_true(__get_free_pages(GFP_HIGHUSER, 0) >= 0x1000 * PAGE_SIZE);
	assert_true(__get_free_pages(GFP_HIGHUSER, 0) < 0x3000 * PAGE_SIZE);
	assert_int_equal(nr_free_highpages(), 0x1000 - 2);
	pa_check();

	/* GFP_DMA never leaves DMA, however much Normal has. */
	while ((page = alloc_pages(GFP_DMA | __GFP_NOWARN, 0)))
		assert_ptr_equal(page_zone(page), dma);
	assert_int_equal(pa_zone_free(dma), 0);
	assert_true(pa_zone_free(normal) > 0);

	/* GFP_HIGHUSER takes HighMem, then Normal, never going back up. */
	while ((page = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN, 0))) {
		assert_true(page_zonenum(page) <= last);
		last = page_zonenum(page);
		n++;
	}
	assert_int_equal(last, ZONE_NORMAL);
	assert_int_equal(n, 0x3000 - 5);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	pa_check();
}

/* Reserved pages joining later: managed, totalram, totalhigh follow. */
static void test_free_reserved_and_highmem_pages(void **state)
{
	struct zone *normal, *high;

	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	pa_boot(0x1000, 0x3000, 0x4000);
	/* The early allocator hands over lowmem only, less a "kernel" at 0x1000-0x1100. */
	pa_handover_begin();
	pa_handover(0, 0x1000);
	pa_handover(0x1100, 0x3000);
	normal = pa_zone(0, ZONE_NORMAL);
	high = pa_zone(0, ZONE_HIGHMEM);
	assert_int_equal(normal->managed_pages, 0x1f00);
	assert_int_equal(high->managed_pages, 0);
	assert_int_equal(totalram_pages(), 0x2f00);
	pa_check();

	/* The arch frees HighMem page by page (free_highmem_page()). */
	for (unsigned long pfn = 0x3000; pfn < 0x4000; pfn++)
		free_highmem_page(pfn_to_page(pfn));
	assert_int_equal(high->managed_pages, 0x1000);
	assert_int_equal(totalhigh_pages(), 0x1000);
	assert_int_equal(totalram_pages(), 0x3f00);
	assert_int_equal(nr_free_highpages(), 0x1000);
	assert_true(pa_is_free_block(0x3000, 10));

	/* "init memory": 0x1080-0x1100 was reserved; free_reserved_page() each. */
	for (unsigned long pfn = 0x1080; pfn < 0x1100; pfn++) {
		__SetPageReserved(pfn_to_page(pfn));
		free_reserved_page(pfn_to_page(pfn));
	}
	assert_int_equal(normal->managed_pages, 0x1f80);
	assert_int_equal(totalram_pages(), 0x3f80);
	assert_true(pa_is_free_block(0x1080, 7));
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_handover, pa_setup),
		cmocka_unit_test_setup(test_handover_page_by_page_merges, pa_setup),
		cmocka_unit_test_setup(test_split_and_merge_every_order, pa_setup),
		cmocka_unit_test_setup(test_consecutive_allocations_ascend, pa_setup),
		cmocka_unit_test_setup(test_buddy_of_buddy, pa_setup),
		cmocka_unit_test_setup(test_likely_merge_goes_to_tail, pa_setup),
		cmocka_unit_test_setup(test_free_pages_with_extra_reference, pa_setup),
		cmocka_unit_test_setup(test_zone_limit_splits_and_blocks_merging, pa_setup),
		cmocka_unit_test_setup(test_hole_blocks_merging, pa_setup),
		cmocka_unit_test_setup(test_two_nodes_never_merge, pa_setup),
		cmocka_unit_test_setup(test_zonelist_order, pa_setup),
		cmocka_unit_test_setup(test_free_reserved_and_highmem_pages, pa_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
