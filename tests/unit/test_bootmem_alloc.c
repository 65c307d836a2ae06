// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/bootmem.c, part 2: the first-fit allocator
 * (alloc_bootmem_bdata() and every wrapper in include/mm/bootmem.h).
 *
 * The usual node: 256 pages from 1 MiB into the buffer, bitmap in the
 * buffer's first page, every page free.  Diagrams number pages from the
 * node's first; "1" reserved, "0" free, and the allocation a test makes is
 * drawn where it lands.
 */
#include "test_bootmem.h"

#define NODE_OFF	SZ_1M
#define NPG(i)		(NODE_OFF + PG(i))	/* page i of node 0, as an offset */
#define VA(off)		((void *)__va(PHYS(off)))

/* Node @nid over node-0 pages [@first, @first + @pages), all free. */
static void free_node(int nid, unsigned long map_off, unsigned long first,
		      unsigned long pages)
{
	init_bootmem_node(nid, PFN(map_off), PFN(NPG(first)), PFN(NPG(first + pages)));
	free_bootmem_node(nid, PHYS(NPG(first)), PG(pages));
}

static void node0(void)
{
	free_node(0, 0, 0, 256);
}

/* ------------------------------------------------------------------------ */
/* First fit, the hint, the goal                                              */
/* ------------------------------------------------------------------------ */

/*
 * First fit from the node's start; then from hint_idx, the end of the last
 * allocation, so a hole left behind is not looked at again.
 *
 *   page     0 1 2 3 4 5 6 7
 *   before   1 1 0 1 0 0 0 0
 *   2 pages          [4 5]        page 2 alone is too small
 *   1 page               [6]      from the hint (6), not from page 2
 */
static void test_first_fit_then_hint(void **state)
{
	(void)state;
	node0();
	reserve_bootmem(PHYS(NPG(0)), PG(2), BOOTMEM_DEFAULT);
	reserve_bootmem(PHYS(NPG(3)), PG(1), BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem(PG(2), PAGE_SIZE, 0), VA(NPG(4)));
	assert_int_equal(bootmem_node_data[0].hint_idx, 6);
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, 0), VA(NPG(6)));
	assert_string_equal(bits(0, 0, 8), "11011110");
}

/*
 * Nothing fits from the hint to the end: the scan starts again from the
 * node's start (the fallback), and finds the hole the goal skipped.
 *
 *   page     0 1 2 3 4 5 6 7 | end
 *   goal 6, 1 page           [6]        hint = 7
 *   2 pages  [0 1]                       from the hint only page 7 is left
 */
static void test_hint_fallback_to_start(void **state)
{
	(void)state;
	free_node(0, 0, 0, 8);
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, PHYS(NPG(6))), VA(NPG(6)));
	assert_int_equal(bootmem_node_data[0].hint_idx, 7);
	assert_ptr_equal(__alloc_bootmem(PG(2), PAGE_SIZE, 0), VA(NPG(0)));
	assert_int_equal(bootmem_node_data[0].hint_idx, 2);
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, 0), VA(NPG(2)));
	assert_string_equal(bits(0, 0, 8), "11100010");
}

/* A free below the hint lowers it: the freed page is the next first fit. */
static void test_free_lowers_hint(void **state)
{
	(void)state;
	node0();
	for (int i = 0; i < 4; i++)
		assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(NPG(i)));
	assert_int_equal(bootmem_node_data[0].hint_idx, 4);
	free_bootmem(PHYS(NPG(1)), PG(1));
	assert_int_equal(bootmem_node_data[0].hint_idx, 1);
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(NPG(1)));
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(NPG(4)));
}

/*
 * A goal inside the node is where the scan starts; a reserved goal moves on
 * to the next free run.
 *
 *   page     0 ... 99 100 101 102 ...
 *   goal           ^100
 *   reserved           1   1
 *   goal 100, 2 pages          [102 103]
 */
static void test_goal(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, PHYS(NPG(100))), VA(NPG(100)));
	reserve_bootmem(PHYS(NPG(101)), PG(1), BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem(PG(2), PAGE_SIZE, PHYS(NPG(100))), VA(NPG(102)));
	assert_string_equal(bits(0, 99, 6), "011110");
}

/*
 * A goal past the node's end is no goal: from the start.  A goal inside the
 * node with no room above it is dropped: the scan starts again from the start.
 *
 *   page     0 ......... 200 ........... 255 | end    goal 300 -> page 0
 *   reserved              [1 ............ 1]           goal 200 -> page 1
 */
static void test_goal_past_end_and_goal_full(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, PHYS(NPG(300))), VA(NPG(0)));
	reserve_bootmem(PHYS(NPG(200)), PG(56), BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, PHYS(NPG(200))), VA(NPG(1)));
	assert_ptr_equal(__alloc_bootmem_nopanic(PG(1), PAGE_SIZE, PHYS(NPG(250))), VA(NPG(2)));
}

/* ------------------------------------------------------------------------ */
/* Alignment                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Alignment is of the physical address, not of the bit index: a node that
 * starts 3 pages past a 64 KiB boundary gets its first 64 KiB-aligned block
 * at its bit 13.
 *
 *   page (buffer)   3 4 ... 15 16 17 ...
 *   node bit        0 1 ... 12 13 14 ...
 *   64 KiB-aligned            [16 ...]
 */
static void test_align_is_physical(void **state)
{
	void *p;

	(void)state;
	free_node(0, 0, 3, 100);
	p = __alloc_bootmem(PG(2), SZ_64K, 0);
	assert_ptr_equal(p, VA(NPG(16)));
	assert_true(IS_ALIGNED(__pa(p), SZ_64K));
	assert_string_equal(bits(0, 0, 16), "0000000000000110");

	/* Then 8 KiB-aligned: from the hint (bit 15, page 18), which is aligned. */
	assert_ptr_equal(__alloc_bootmem(PG(1), SZ_4K * 2, 0), VA(NPG(18)));
}

/*
 *   page     0 1 2 3 4 5
 *   taken    1 0 0 0 0 0
 *   8 KiB aligned, 1 page: [2]     page 1 is free but not aligned
 *   4 KiB, then 0 (none): [3] [4]   from the hint; page 1 stays free
 */
static void test_align_pages(void **state)
{
	(void)state;
	node0();
	reserve_bootmem(PHYS(NPG(0)), PG(1), BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem(PG(1), 2 * PAGE_SIZE, 0), VA(NPG(2)));
	assert_ptr_equal(__alloc_bootmem(PG(1), PAGE_SIZE, 0), VA(NPG(3)));
	assert_ptr_equal(__alloc_bootmem(PG(1), 0, 0), VA(NPG(4)));
	assert_string_equal(bits(0, 0, 6), "101110");
}

static void test_align_not_power_of_2_bugs(void **state)
{
	(void)state;
	node0();
	expect_assert_failure(__alloc_bootmem(100, 48, 0));
	assert_true(host_log_contains("bootmem: alignment 0x30 is not a power of 2\n"));
	expect_assert_failure(__alloc_bootmem_node_nopanic(0, 100, 3, 0));
	assert_true(host_log_contains("bootmem: alignment 0x3 is not a power of 2\n"));
}

static void test_zero_size_bugs(void **state)
{
	(void)state;
	node0();
	expect_assert_failure(__alloc_bootmem_nopanic(0, 8, 0));
	assert_true(host_log_contains("bootmem: zero-size allocation\n"));
}

/* ------------------------------------------------------------------------ */
/* Sub-page packing                                                           */
/* ------------------------------------------------------------------------ */

/*
 * Consecutive small allocations share pages: each starts where the last
 * ended (aligned), and only pages not yet reserved are reserved.
 *
 *   byte of page 0/1   0    100 128   328              4096+232
 *   alloc 100, al 64  [a1 )
 *   alloc 200, al 64          [a2  )                              same page
 *   alloc 4000, al 8               [a3 ..............|.... )     spills into page 1
 *   alloc 8, al 8                                         [a4)   page 1
 *   bitmap             1 1 0 0 ...
 */
static void test_small_allocations_pack(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(100, 64, 0), VA(NPG(0)));
	assert_ptr_equal(__alloc_bootmem(200, 64, 0), VA(NPG(0) + 128));
	assert_string_equal(bits(0, 0, 4), "1000");
	assert_ptr_equal(__alloc_bootmem(4000, 8, 0), VA(NPG(0) + 328));
	assert_string_equal(bits(0, 0, 4), "1100");
	assert_ptr_equal(__alloc_bootmem(8, 8, 0), VA(NPG(1) + 232));
	assert_int_equal(bootmem_node_data[0].last_end_off, PG(1) + 240);
	assert_string_equal(bits(0, 0, 4), "1100");
}

/* A request that does not fit the rest of the page still starts in it. */
static void test_packing_spills_over(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(3000, 8, 0), VA(NPG(0)));
	assert_ptr_equal(__alloc_bootmem(PG(2), 8, 0), VA(NPG(0) + 3000));
	/* 3000 + 8192 ends 3000 bytes into page 2: pages 1 and 2 are new. */
	assert_string_equal(bits(0, 0, 4), "1110");
	assert_int_equal(bootmem_node_data[0].hint_idx, 3);
}

/*
 * No packing for page-aligned requests, nor when the next free page does not
 * follow the partial one.
 *
 *   page     0    1    2    3
 *   alloc 100 [a)
 *   1 page        [b]               page-aligned: a page of its own
 *   reserve            1
 *   alloc 100               [c)     the run starts at 3, not after a
 */
static void test_no_packing(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(100, 8, 0), VA(NPG(0)));
	assert_ptr_equal(alloc_bootmem_pages(100), VA(NPG(1)));
	reserve_bootmem(PHYS(NPG(2)), 1, BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem(100, 8, 0), VA(NPG(3)));
	assert_ptr_equal(__alloc_bootmem(100, 8, 0), VA(NPG(3) + 104));
}

/*
 * The partial page was freed meanwhile: no packing into it.  (Linux 4.19
 * would return page 0 + 100 here, a block in a page its bitmap calls free.)
 *
 *   page     0    1
 *   alloc 100 [a)            last_end_off = 100
 *   free     0               page 0 free again
 *   alloc 100, goal page 1   -> page 1, not page 0 + 100
 */
static void test_no_packing_into_freed_page(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(__alloc_bootmem(100, 8, 0), VA(NPG(0)));
	free_bootmem(PHYS(NPG(0)), PG(1));
	assert_ptr_equal(__alloc_bootmem(100, 8, PHYS(NPG(1))), VA(NPG(1)));
	assert_string_equal(bits(0, 0, 3), "010");
}

/* Zeroed: exactly the bytes asked for, not the rest of the page. */
static void test_allocation_is_zeroed(void **state)
{
	unsigned char *p;

	(void)state;
	node0();
	memset(VA(NPG(0)), 0xaa, PG(2));
	p = __alloc_bootmem(100, 8, 0);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(p[100], 0xaa);
	p = __alloc_bootmem(5000, 8, 0);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(p[5000], 0xaa);
}

/* ------------------------------------------------------------------------ */
/* Limits, nodes, failures                                                    */
/* ------------------------------------------------------------------------ */

/*
 *   page     0 1 2 3 4 5 6 7 | limit
 *   reserved 1 1 1 1 1 1
 *   4 pages below the limit: only 6-7 left -> NULL;  2 pages -> [6 7]
 */
static void test_limit(void **state)
{
	(void)state;
	node0();
	reserve_bootmem(PHYS(NPG(0)), PG(6), BOOTMEM_DEFAULT);
	assert_null(___alloc_bootmem_node_nopanic(0, PG(4), PAGE_SIZE, 0, PHYS(NPG(8))));
	assert_ptr_equal(___alloc_bootmem_node_nopanic(0, PG(2), PAGE_SIZE, 0, PHYS(NPG(8))),
			 VA(NPG(6)));
	/* A limit the goal already breaks is dropped. */
	assert_ptr_equal(___alloc_bootmem_node_nopanic(0, PG(1), PAGE_SIZE, PHYS(NPG(100)),
						      PHYS(NPG(8))), VA(NPG(100)));
}

/*
 * _node: the node asked for first, then the others in address order.
 *
 *   node 0: pages 0-63     node 1: pages 64-127
 */
static void test_node_preference_and_fallback(void **state)
{
	(void)state;
	free_node(0, 0, 0, 64);
	free_node(1, PG(1), 64, 64);
	assert_ptr_equal(alloc_bootmem_pages_node(1, PAGE_SIZE), VA(NPG(64)));
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(NPG(0)));
	assert_ptr_equal(alloc_bootmem_node(1, 10), VA(NPG(65)));
	assert_ptr_equal(alloc_bootmem_node(1, 10), VA(NPG(65) + SMP_CACHE_BYTES));
	reserve_bootmem_node(1, PHYS(NPG(64)), PG(64), BOOTMEM_DEFAULT);
	assert_ptr_equal(__alloc_bootmem_node(1, PG(2), PAGE_SIZE, 0), VA(NPG(1)));
	assert_ptr_equal(alloc_bootmem_pages_node_nopanic(1, PAGE_SIZE), VA(NPG(3)));
	assert_ptr_equal(alloc_bootmem_node_nopanic(1, 1), VA(NPG(4)));
}

/* The everyday wrappers: SMP_CACHE_BYTES or PAGE_SIZE alignment, goal 0. */
static void test_wrappers(void **state)
{
	(void)state;
	node0();
	assert_ptr_equal(alloc_bootmem(10), VA(NPG(0)));
	assert_ptr_equal(alloc_bootmem(10), VA(NPG(0) + SMP_CACHE_BYTES));
	assert_ptr_equal(alloc_bootmem_nopanic(10), VA(NPG(0) + 2 * SMP_CACHE_BYTES));
	assert_ptr_equal(alloc_bootmem_align(10, 256), VA(NPG(0) + 256));
	assert_ptr_equal(alloc_bootmem_pages(10), VA(NPG(1)));
	assert_ptr_equal(alloc_bootmem_pages_nopanic(10), VA(NPG(2)));
}

/* Too big: NULL from _nopanic, a panic naming the size and the caller otherwise. */
static void test_out_of_memory(void **state)
{
	(void)state;
	free_node(0, 0, 0, 16);
	assert_null(__alloc_bootmem_nopanic(PG(17), PAGE_SIZE, 0));
	assert_null(__alloc_bootmem_node_nopanic(0, PG(17), PAGE_SIZE, 0));
	assert_string_equal(host_log(), "");
	expect_assert_failure(__alloc_bootmem(PG(17), PAGE_SIZE, 0));
	assert_true(host_log_contains("bootmem alloc of 69632 bytes failed!\n"));
	assert_true(host_log_contains(
		"Kernel panic - not syncing: Out of memory: __alloc_bootmem(69632 bytes)"
		" from test_out_of_memory()\n"));
	expect_assert_failure(alloc_bootmem_node(0, PG(20)));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_node(81920 bytes) from test_out_of_memory()\n"));
}

/* Without any node there is nothing to allocate from. */
static void test_no_node(void **state)
{
	(void)state;
	assert_null(alloc_bootmem_nopanic(8));
	expect_assert_failure(alloc_bootmem(8));
	assert_true(host_log_contains("bootmem alloc of 8 bytes failed!\n"));
}

/*
 * The _low allocators stay below 4 GiB.  Node 0 is low (a MAP_32BIT buffer),
 * node 1 is the usual buffer, above 4 GiB on an x86-64 host.
 *
 *   node 0 (below 4 GiB): 16 pages     node 1 (above): 256 pages
 */
static void test_low_allocations(void **state)
{
	const size_t size = 32 * PAGE_SIZE;
	char *low = low_buffer(size);
	unsigned long lpfn = PFN_DOWN((unsigned long)low);

	(void)state;
	assert_true(P > ARCH_LOW_ADDRESS_LIMIT);
	init_bootmem_node(0, lpfn, lpfn + 1, lpfn + 17);	/* bitmap in its first page */
	free_bootmem_node(0, (unsigned long)low + PAGE_SIZE, PG(16));
	free_node(1, PG(1), 0, 256);

	assert_ptr_equal(alloc_bootmem_low_pages(PAGE_SIZE), low + PAGE_SIZE);
	assert_ptr_equal(alloc_bootmem_low(10), low + 2 * PAGE_SIZE);
	assert_ptr_equal(__alloc_bootmem_low_nopanic(PG(2), PAGE_SIZE, 0), low + 3 * PAGE_SIZE);
	/* Node 1 asked for, but it is high: the low node serves it (Linux 4.19 did not). */
	assert_ptr_equal(alloc_bootmem_low_pages_node(1, PAGE_SIZE), low + 5 * PAGE_SIZE);

	assert_null(__alloc_bootmem_low_nopanic(PG(12), PAGE_SIZE, 0));
	assert_null(alloc_bootmem_low_pages_nopanic(PG(12)));
	expect_assert_failure(__alloc_bootmem_low(PG(12), PAGE_SIZE, 0));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_low(49152 bytes) from test_low_allocations()\n"));
	expect_assert_failure(__alloc_bootmem_low_node(1, PG(12), PAGE_SIZE, 0));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_low_node(49152 bytes)"
		" from test_low_allocations()\n"));

	/* Without the limit the same request is served from the high node. */
	assert_ptr_equal(__alloc_bootmem(PG(12), PAGE_SIZE, 0), VA(NPG(0)));
	munmap(low, size);
}

/*
 * goal + size above the limit is the caller's bug (Linux's BUG_ON).  It takes
 * a node across 4 GiB to get that far; its pages are never touched.
 */
static void test_goal_above_limit_bugs(void **state)
{
	(void)state;
	init_bootmem_node(0, PFN(0), 0xfff00, 0x100100);
	expect_assert_failure(__alloc_bootmem_low(8, 8, 0xfffffffc));
	assert_true(host_log_contains(
		"bootmem: goal 0xfffffffc + size 0x8 is above the limit 0xffffffff\n"));
}

/* bootmem_debug: Linux 4.19's line for each node tried. */
static void test_debug_line(void **state)
{
	char want[160];

	(void)state;
	node0();
	host_early_param("bootmem_debug", NULL);
	alloc_bootmem(100);
	snprintf(want, sizeof(want),
		 "bootmem::alloc_bootmem_bdata nid=0 size=64 [1 pages] align=40 goal=0 limit=0\n"
		 "bootmem::__reserve nid=0 start=%lx end=%lx flags=1\n",
		 PFN(NPG(0)), PFN(NPG(1)));
	assert_string_equal(host_log(), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_first_fit_then_hint),
		TEST(test_hint_fallback_to_start),
		TEST(test_free_lowers_hint),
		TEST(test_goal),
		TEST(test_goal_past_end_and_goal_full),
		TEST(test_align_is_physical),
		TEST(test_align_pages),
		TEST(test_align_not_power_of_2_bugs),
		TEST(test_zero_size_bugs),
		TEST(test_small_allocations_pack),
		TEST(test_packing_spills_over),
		TEST(test_no_packing),
		TEST(test_no_packing_into_freed_page),
		TEST(test_allocation_is_zeroed),
		TEST(test_limit),
		TEST(test_node_preference_and_fallback),
		TEST(test_wrappers),
		TEST(test_out_of_memory),
		TEST(test_no_node),
		TEST(test_low_allocations),
		TEST(test_goal_above_limit_bugs),
		TEST(test_debug_line),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
