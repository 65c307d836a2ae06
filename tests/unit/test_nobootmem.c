// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/nobootmem.c: the bootmem API on top of memblock
 * (make EARLY_ALLOCATOR=memblock).  tests/tests.mk links this program with
 * mm/nobootmem.c whichever allocator the kernel build chose.
 *
 * Allocations are memblock's: top-down below memblock.current_limit, the goal
 * a lowest address; frees and reservations edit memblock.reserved; and
 * free_all_bootmem() hands memblock's free ranges on in maximal aligned
 * blocks.  Offsets are from the buffer's start (P), 16 MiB aligned, so a
 * frame's alignment is that of its offset.
 */
#define TEST_NOBOOTMEM
#include "test_bootmem.h"
#include <mm/mmzone.h>

#define BUF_PAGES	(BUF_SIZE / PAGE_SIZE)
#define VA(off)		((void *)__va(PHYS(off)))

static struct memblock_type *const rsv = &memblock.reserved;

/* @size bytes of RAM at the buffer's start, all of it lowmem. */
static void ram(unsigned long size)
{
	memblock_add(PHYS(0), size);
	memblock_set_current_limit(PHYS(size));
	max_low_pfn = PFN(size);
}

static void assert_reserved(unsigned long idx, unsigned long off, unsigned long size)
{
	assert_true(idx < rsv->cnt);
	assert_int_equal(rsv->regions[idx].base, PHYS(off));
	assert_int_equal(rsv->regions[idx].size, size);
}

static void assert_handoff(size_t i, unsigned long pfn, unsigned int order)
{
	assert_true(i < nr_handoffs);
	assert_int_equal(handoffs[i].pfn, pfn);
	assert_int_equal(handoffs[i].order, order);
}

/* Nothing to build: one line, memblock untouched. */
static void test_init_keeps_memblock(void **state)
{
	(void)state;
	ram(16 * SZ_1M);
	bootmem_init_from_memblock();
	assert_string_equal(host_log(), "bootmem: none: memblock stays the early allocator\n");
	assert_int_equal(memblock_reserved_size(), 0);
}

/* ------------------------------------------------------------------------ */
/* Allocating                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Top-down, each block below the last; memblock records them as reserved,
 * merged; the memory is zeroed.
 *
 *   memory    [0 ............................................. 16M)
 *   alloc 100, align 64                                   [a]16M-128
 *   1 page                                         [ b  ]          16M-8K
 */
static void test_alloc_top_down(void **state)
{
	unsigned char *a;

	(void)state;
	ram(16 * SZ_1M);
	memset(VA(16 * SZ_1M - 2 * PAGE_SIZE), 0xaa, 2 * PAGE_SIZE);
	a = alloc_bootmem(100);
	assert_ptr_equal(a, VA(16 * SZ_1M - 128));
	for (int i = 0; i < 100; i++)
		assert_int_equal(a[i], 0);
	assert_int_equal(a[100], 0xaa);
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(16 * SZ_1M - 2 * PAGE_SIZE));
	assert_int_equal(rsv->cnt, 2);
	assert_reserved(0, 16 * SZ_1M - 2 * PAGE_SIZE, PAGE_SIZE);
	assert_reserved(1, 16 * SZ_1M - 128, 100);
}

/*
 * The goal is the lowest acceptable address; with nothing free above it,
 * it is dropped.
 *
 *   memory    [0 ............................ 16M)
 *   reserved                   [12M ======== 16M)
 *   goal 4M:  top of [4M, 12M)       -> 12M - 4K
 *   goal 13M: nothing above it        -> 12M - 8K
 */
static void test_goal(void **state)
{
	(void)state;
	ram(16 * SZ_1M);
	memblock_reserve(PHYS(12 * SZ_1M), 4 * SZ_1M);
	assert_ptr_equal(__alloc_bootmem(PAGE_SIZE, PAGE_SIZE, PHYS(4 * SZ_1M)),
			 VA(12 * SZ_1M - PAGE_SIZE));
	assert_ptr_equal(__alloc_bootmem_nopanic(PAGE_SIZE, PAGE_SIZE, PHYS(13 * SZ_1M)),
			 VA(12 * SZ_1M - 2 * PAGE_SIZE));
	/* Above current_limit is never used, even with memory there. */
	memblock_phys_free(PHYS(12 * SZ_1M), 4 * SZ_1M);
	memblock_set_current_limit(PHYS(8 * SZ_1M));
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(8 * SZ_1M - PAGE_SIZE));
}

/* _node: memblock's regions carry the node; the node asked for, then any. */
static void test_nodes(void **state)
{
	(void)state;
	memblock_add_node(PHYS(0), 8 * SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(PHYS(8 * SZ_1M), 8 * SZ_1M, 1, MEMBLOCK_NONE);
	max_low_pfn = PFN(16 * SZ_1M);
	assert_ptr_equal(alloc_bootmem_pages_node(0, PAGE_SIZE), VA(8 * SZ_1M - PAGE_SIZE));
	assert_ptr_equal(alloc_bootmem_pages_node(1, PAGE_SIZE), VA(16 * SZ_1M - PAGE_SIZE));
	memblock_reserve(PHYS(0), 8 * SZ_1M);
	assert_ptr_equal(__alloc_bootmem_node(0, PAGE_SIZE, PAGE_SIZE, 0),
			 VA(16 * SZ_1M - 2 * PAGE_SIZE));
	assert_ptr_equal(alloc_bootmem_node_nopanic(0, 8), VA(16 * SZ_1M - 2 * PAGE_SIZE - 64));
	assert_ptr_equal(alloc_bootmem_pages_node_nopanic(1, 1), VA(16 * SZ_1M - 3 * PAGE_SIZE));
}

/* The _low variants: below 4 GiB, so from the MAP_32BIT buffer. */
static void test_low(void **state)
{
	const size_t size = 16 * PAGE_SIZE;
	char *low = low_buffer(size);

	(void)state;
	assert_true(P > ARCH_LOW_ADDRESS_LIMIT);
	memblock_add((unsigned long)low, size);
	memblock_add(PHYS(0), 16 * SZ_1M);
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), VA(16 * SZ_1M - PAGE_SIZE));
	assert_ptr_equal(alloc_bootmem_low_pages(PAGE_SIZE), low + size - PAGE_SIZE);
	assert_ptr_equal(alloc_bootmem_low(64), low + size - PAGE_SIZE - 64);
	/* Below that 64-byte block: page-aligned, so one page further down. */
	assert_ptr_equal(__alloc_bootmem_low_nopanic(PAGE_SIZE, PAGE_SIZE, 0),
			 low + size - 3 * PAGE_SIZE);
	assert_ptr_equal(alloc_bootmem_low_pages_node(0, PAGE_SIZE), low + size - 4 * PAGE_SIZE);
	assert_null(__alloc_bootmem_low_nopanic(16 * PAGE_SIZE, PAGE_SIZE, 0));
	expect_assert_failure(__alloc_bootmem_low(16 * PAGE_SIZE, PAGE_SIZE, 0));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_low(65536 bytes) from test_low()\n"));
	expect_assert_failure(__alloc_bootmem_low_node(0, 16 * PAGE_SIZE, PAGE_SIZE, 0));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_low_node(65536 bytes) from test_low()\n"));
	munmap(low, size);
}

/* Failures: NULL from _nopanic, a panic naming size and caller otherwise. */
static void test_out_of_memory(void **state)
{
	(void)state;
	ram(SZ_1M);
	assert_null(__alloc_bootmem_nopanic(2 * SZ_1M, PAGE_SIZE, 0));
	assert_null(alloc_bootmem_pages_nopanic(2 * SZ_1M));
	assert_null(__alloc_bootmem_node_nopanic(0, 2 * SZ_1M, PAGE_SIZE, 0));
	expect_assert_failure(alloc_bootmem(2 * SZ_1M));
	assert_true(host_log_contains("bootmem alloc of 2097152 bytes failed!\n"));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem(2097152 bytes) from test_out_of_memory()\n"));
	expect_assert_failure(alloc_bootmem_node(0, 2 * SZ_1M));
	assert_true(host_log_contains(
		"Out of memory: __alloc_bootmem_node(2097152 bytes) from test_out_of_memory()\n"));
}

/* The same bad requests as the bitmap allocator, the same BUG. */
static void test_bad_requests_bug(void **state)
{
	(void)state;
	ram(SZ_1M);
	expect_assert_failure(__alloc_bootmem(64, 96, 0));
	assert_true(host_log_contains("bootmem: alignment 0x60 is not a power of 2\n"));
	expect_assert_failure(__alloc_bootmem_node(0, 0, 8, 0));
	assert_true(host_log_contains("bootmem: zero-size allocation\n"));
	/* 0 is "no alignment", as with the bitmaps. */
	assert_ptr_equal(__alloc_bootmem(3, 0, 0), VA(SZ_1M - 3));
}

/* ------------------------------------------------------------------------ */
/* Freeing and reserving                                                      */
/* ------------------------------------------------------------------------ */

/* free_bootmem() gives memblock back the exact bytes, on any node. */
static void test_free_exact_bytes(void **state)
{
	void *a, *b;

	(void)state;
	ram(16 * SZ_1M);
	a = alloc_bootmem(100);
	b = alloc_bootmem(100);
	free_bootmem(__pa(a), 100);
	assert_int_equal(rsv->cnt, 1);
	assert_reserved(0, 16 * SZ_1M - 256, 100);
	free_bootmem_node(0, __pa(b), 100);
	assert_int_equal(memblock_reserved_size(), 0);
}

/*
 * reserve_bootmem() keeps the bitmap allocator's contract: every page the
 * range touches, and -EBUSY without a change for an exclusive conflict.
 *
 *   page      0    1    2    3
 *   reserve     [.8K ... .8K)        -> pages 0-1 in memblock.reserved
 *   exclusive           [2 ... 4)    -> fine
 *   exclusive      [1 ...  3)        -> -EBUSY, nothing changes
 */
static void test_reserve_pages(void **state)
{
	(void)state;
	ram(16 * SZ_1M);
	assert_int_equal(reserve_bootmem(PHYS(0x800), PAGE_SIZE, BOOTMEM_DEFAULT), 0);
	assert_reserved(0, 0, 2 * PAGE_SIZE);
	assert_int_equal(reserve_bootmem_node(0, PHYS(2 * PAGE_SIZE), 2 * PAGE_SIZE,
					      BOOTMEM_EXCLUSIVE), 0);
	assert_reserved(0, 0, 4 * PAGE_SIZE);
	assert_int_equal(reserve_bootmem(PHYS(PAGE_SIZE), 2 * PAGE_SIZE, BOOTMEM_EXCLUSIVE),
			 -EBUSY);
	assert_int_equal(memblock_reserved_size(), 4 * PAGE_SIZE);
	assert_int_equal(reserve_bootmem(PHYS(PAGE_SIZE), 2 * PAGE_SIZE, BOOTMEM_DEFAULT), 0);
	assert_int_equal(reserve_bootmem(PHYS(PAGE_SIZE), 0, BOOTMEM_EXCLUSIVE), 0);
	assert_int_equal(memblock_reserved_size(), 4 * PAGE_SIZE);
}

/* ------------------------------------------------------------------------ */
/* free_all_bootmem: maximal aligned blocks                                   */
/* ------------------------------------------------------------------------ */

/*
 * One free range, pages [5, 1030): each block is as large as the frame it
 * starts at is aligned and as the range allows.
 *
 *   page   5 | 6-7 | 8-15 | 16-31 | ... | 512-1023 | 1024-1027 | 1028-1029
 *   order  0 |  1  |  3   |   4   | ... |    9     |     2     |     1
 */
static void test_free_all_blocks(void **state)
{
	static const struct { unsigned long page; unsigned int order; } want[] = {
		{ 5, 0 }, { 6, 1 }, { 8, 3 }, { 16, 4 }, { 32, 5 }, { 64, 6 }, { 128, 7 },
		{ 256, 8 }, { 512, 9 }, { 1024, 2 }, { 1028, 1 },
	};

	(void)state;
	ram(16 * SZ_1M);
	memblock_reserve(PHYS(0), 5 * PAGE_SIZE);
	memblock_reserve(PHYS(1030 * PAGE_SIZE), 16 * SZ_1M - 1030 * PAGE_SIZE);
	assert_int_equal(free_all_bootmem(), 1025);
	assert_int_equal(reset_managed_calls, 1);
	assert_int_equal(handoffs_at_reset, 0);
	assert_int_equal(nr_handoffs, ARRAY_SIZE(want));
	for (size_t i = 0; i < ARRAY_SIZE(want); i++)
		assert_handoff(i, PFN(0) + want[i].page, want[i].order);
}

/* Never above MAX_ORDER - 1 (4 MiB); only below max_low_pfn; partial pages kept. */
static void test_free_all_limits(void **state)
{
	(void)state;
	ram(16 * SZ_1M);
	max_low_pfn = PFN(10 * SZ_1M);
	memblock_reserve(PHYS(8 * SZ_1M + 0x10), 8);	/* spoils page 2048 */
	assert_int_equal(free_all_bootmem(), 2048 + 511);
	assert_handoff(0, PFN(0), MAX_ORDER - 1);
	assert_handoff(1, PFN(4 * SZ_1M), MAX_ORDER - 1);
	assert_handoff(2, PFN(8 * SZ_1M + PAGE_SIZE), 0);
	assert_handoff(3, PFN(8 * SZ_1M + 2 * PAGE_SIZE), 1);
	assert_handoff(nr_handoffs - 1, PFN(9 * SZ_1M), 8);
	assert_handoffs_aligned();
}

/* NOMAP memory is not free memory. */
static void test_free_all_skips_nomap(void **state)
{
	(void)state;
	ram(8 * SZ_1M);
	memblock_mark_nomap(PHYS(4 * SZ_1M), 4 * SZ_1M);
	assert_int_equal(free_all_bootmem(), 1024);
	assert_int_equal(nr_handoffs, 1);
	assert_handoff(0, PFN(0), MAX_ORDER - 1);
}

/* After the hand-off, free_bootmem_late() goes straight to the page allocator. */
static void test_free_bootmem_late(void **state)
{
	(void)state;
	free_bootmem_late(PHYS(0x800), 3 * PAGE_SIZE);
	assert_int_equal(nr_handoffs, 2);
	assert_handoff(0, PFN(PAGE_SIZE), 0);
	assert_handoff(1, PFN(2 * PAGE_SIZE), 0);
}

/*
 * Property: for random memory layouts (holes, reservations, partial pages,
 * max_low_pfn anywhere) the blocks cover exactly the whole free pages below
 * max_low_pfn, once each, each aligned and maximal: the next larger block
 * at the same frame would be misaligned, too big for MAX_ORDER, or run past
 * the free range.
 */
static u64 rng;

static unsigned long rand_below(unsigned long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng % n);
}

static void run_free_all_property(u64 seed)
{
	static bool want[BUF_PAGES];
	static unsigned char count[BUF_PAGES];
	phys_addr_t start, end;
	unsigned long expect = 0;
	u64 it;

	memblock_reset_for_tests();
	handoffs_reset();
	rng = seed;

	for (int i = 0; i < 6; i++)
		memblock_add(PHYS(rand_below(BUF_SIZE - SZ_4M)), 1 + rand_below(SZ_16M));
	for (int i = 0; i < 40; i++)
		memblock_reserve(PHYS(rand_below(BUF_SIZE)), 1 + rand_below(SZ_1M));
	max_low_pfn = PFN(rand_below(BUF_SIZE));

	memset(want, 0, sizeof(want));
	for_each_free_mem_range(it, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		for (unsigned long pfn = PFN_UP(start); pfn < min(PFN_DOWN(end), max_low_pfn);
		     pfn++)
			if (pfn < PFN(BUF_SIZE)) {
				want[pfn - PFN(0)] = true;
				expect++;
			}

	assert_int_equal(free_all_bootmem(), expect);
	assert_handoffs_aligned();
	handoff_counts(PFN(0), BUF_PAGES, count);
	for (unsigned long pg = 0; pg < BUF_PAGES; pg++)
		if (count[pg] != want[pg])
			fail_msg("seed %llu: page %lu handed on %u times, expected %d",
				 (unsigned long long)seed, pg, count[pg], want[pg]);

	for (size_t i = 0; i < nr_handoffs; i++) {
		unsigned long pg = handoffs[i].pfn - PFN(0), o = handoffs[i].order;
		unsigned long run_end = pg;

		while (run_end < BUF_PAGES && want[run_end])
			run_end++;
		if (o < MAX_ORDER - 1 && IS_ALIGNED(handoffs[i].pfn, 2UL << o) &&
		    pg + (2UL << o) <= run_end)
			fail_msg("seed %llu: block at page %lu order %lu could have been order %lu",
				 (unsigned long long)seed, pg, o, o + 1);
	}
}

static void test_free_all_property(void **state)
{
	(void)state;
	for (u64 seed = 1; seed <= 200; seed++)
		run_free_all_property(seed * 0x2545f4914f6cdd1dULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_init_keeps_memblock),
		TEST(test_alloc_top_down),
		TEST(test_goal),
		TEST(test_nodes),
		TEST(test_low),
		TEST(test_out_of_memory),
		TEST(test_bad_requests_bug),
		TEST(test_free_exact_bytes),
		TEST(test_reserve_pages),
		TEST(test_free_all_blocks),
		TEST(test_free_all_limits),
		TEST(test_free_all_skips_nomap),
		TEST(test_free_bootmem_late),
		TEST(test_free_all_property),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
