// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/bootmem.c, part 4: bootmem_init_from_memblock(), the
 * hand-over from memblock to the bitmaps (Linux 4.x's ARM bootmem_init()).
 *
 * Each test describes memory to memblock as setup_arch() would, sets
 * max_low_pfn and memblock.current_limit as the arch does, and checks that
 * the bitmaps say exactly what memblock said: a page is free in bootmem if
 * and only if it is a whole page of memblock.memory that no memblock.reserved
 * region touches, the new bitmaps being reserved too.  Offsets are from the
 * buffer's start (P).
 */
#include "test_bootmem.h"

#define BUF_PAGES	(BUF_SIZE / PAGE_SIZE)

/* The arch's part: lowmem ends at @low bytes into the buffer. */
static void set_lowmem(unsigned long low)
{
	max_low_pfn = PFN(low);
	memblock_set_current_limit(PHYS(low));
}

/*
 * The pages memblock calls free now: whole pages of memory (NOMAP excluded)
 * that no reservation touches, below max_low_pfn; one flag per buffer page.
 */
static void memblock_free_pages(bool *free_page)
{
	phys_addr_t start, end;
	u64 i;

	memset(free_page, 0, BUF_PAGES);
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		for (unsigned long pfn = PFN_UP(start); pfn < PFN_DOWN(end); pfn++)
			if (pfn < max_low_pfn)
				free_page[pfn - PFN(0)] = true;
}

/*
 * free_all_bootmem() hands on exactly @free_page, plus each bitmap page,
 * once each.
 */
static void assert_handed_on(const bool *free_page, const phys_addr_t *bitmaps, int nr_bitmaps)
{
	static unsigned char count[BUF_PAGES];

	assert_handoffs_aligned();
	handoff_counts(PFN(0), BUF_PAGES, count);
	for (unsigned long pg = 0; pg < BUF_PAGES; pg++) {
		bool is_bitmap = false;

		for (int b = 0; b < nr_bitmaps; b++)
			is_bitmap |= PFN_DOWN(bitmaps[b]) == PFN(0) + pg;
		if (count[pg] != (free_page[pg] || is_bitmap))
			fail_msg("buffer page %lu handed on %u times, expected %d", pg,
				 count[pg], free_page[pg] || is_bitmap);
	}
}

/* The bitmap memblock placed for node @nid: from the log line. */
static phys_addr_t logged_bitmap(int nid, unsigned long pages)
{
	char prefix[64], tail[64];
	const char *line;
	unsigned long long addr;

	snprintf(prefix, sizeof(prefix), "bootmem: node %d bitmap at ", nid);
	line = strstr(host_log(), prefix);
	assert_non_null(line);
	assert_int_equal(sscanf(line + strlen(prefix), "%llx", &addr), 1);
	snprintf(tail, sizeof(tail), ", %lu pages\n", pages);
	assert_non_null(strstr(line, tail));
	return (phys_addr_t)addr;
}

/*
 * One node, 32 MiB: the kernel's 1 MiB, a reservation covering two partial
 * pages; the bitmap (8192 frames: 1 KiB, one page) goes where memblock puts
 * it, at the top, and is reserved in itself.
 *
 *   memory    [0 ................................................ 32M)
 *   reserved        [1M==2M)      [5M+2K..5M+6K)               [bm]
 *   bootmem    0 0 0 1 1 1 0 0 0 ...  1  1 ...           0 0 0  1
 */
static void test_one_node(void **state)
{
	static bool free_page[BUF_PAGES];
	phys_addr_t bm;
	void *p;

	(void)state;
	memblock_add(PHYS(0), 32 * SZ_1M);
	memblock_reserve(PHYS(SZ_1M), SZ_1M);
	memblock_reserve(PHYS(5 * SZ_1M + 0x800), PAGE_SIZE);
	set_lowmem(32 * SZ_1M);

	bootmem_init_from_memblock();
	bm = logged_bitmap(0, 1);
	assert_int_equal(bm, PHYS(32 * SZ_1M - PAGE_SIZE));
	assert_true(memblock_is_region_reserved(bm, PAGE_SIZE));
	assert_ptr_equal(bootmem_node_data[0].node_bootmem_map, __va(bm));
	assert_int_equal(bootmem_node_data[0].node_min_pfn, PFN(0));
	assert_int_equal(bootmem_node_data[0].node_low_pfn, PFN(32 * SZ_1M));

	/* The partial pages are reserved whole; the bitmap's page too. */
	assert_string_equal(bits(0, PFN_DOWN(5 * SZ_1M) - 1, 4), "0110");
	assert_true(bit(0, 8191));
	assert_int_equal(free_pages(0), 8192 - 256 - 2 - 1);

	memblock_free_pages(free_page);
	free_page[PFN_DOWN(bm) - PFN(0)] = false;	/* reserved in memblock by now */

	/* memblock is done: allocating takes from the bitmap, bottom up. */
	p = alloc_bootmem_pages(PAGE_SIZE);
	assert_ptr_equal(p, __va(PHYS(0)));
	assert_int_equal(memblock.reserved.cnt, 3);	/* memblock did not see it */
	free_bootmem(PHYS(0), PAGE_SIZE);

	assert_int_equal(free_all_bootmem(), 8192 - 256 - 2 - 1 + 1);
	assert_handed_on(free_page, &bm, 1);
}

/*
 * Only lowmem goes to bootmem: RAM above max_low_pfn is not in any node,
 * nor handed on (highmem is the arch's to free).  NOMAP memory stays
 * reserved, holes inside the node too, and a reservation outside all memory
 * is simply nobody's.
 *
 *   memory    [0 ===== 8M) hole [12M ===== 32M)
 *   nomap                             [20M=21M)
 *   lowmem    [0 .......................... 24M) | highmem
 *   reserved                                          [40M=41M)  no memory there
 */
static void test_lowmem_nomap_holes(void **state)
{
	static bool free_page[BUF_PAGES];
	phys_addr_t bm;

	(void)state;
	memblock_add(PHYS(0), 8 * SZ_1M);
	memblock_add(PHYS(12 * SZ_1M), 20 * SZ_1M);
	memblock_mark_nomap(PHYS(20 * SZ_1M), SZ_1M);
	memblock_reserve(PHYS(40 * SZ_1M), SZ_1M);
	set_lowmem(24 * SZ_1M);

	bootmem_init_from_memblock();
	bm = logged_bitmap(0, 1);
	assert_int_equal(bm, PHYS(24 * SZ_1M - PAGE_SIZE));
	assert_int_equal(bootmem_node_data[0].node_low_pfn, PFN(24 * SZ_1M));
	assert_true(bit(0, PFN_DOWN(8 * SZ_1M)));		/* the hole */
	assert_true(bit(0, PFN_DOWN(20 * SZ_1M)));		/* NOMAP */
	assert_false(bit(0, PFN_DOWN(21 * SZ_1M)));
	assert_int_equal(free_pages(0), (8 + 8 + 3) * 256 - 1);

	memblock_free_pages(free_page);
	free_page[PFN_DOWN(bm) - PFN(0)] = false;
	assert_int_equal(free_all_bootmem(), (8 + 8 + 3) * 256);
	assert_handed_on(free_page, &bm, 1);
}

/*
 * Two nodes: a bitmap for each, on its own node; a reservation across the
 * boundary is reserved on both; node 1 is set up even though node 0's
 * bitmap came first.
 *
 *   memory    [node 0: 0 ===== 16M) [node 1: 16M ===== 32M)
 *   reserved               [16M-8K == 16M+8K)
 */
static void test_two_nodes(void **state)
{
	static bool free_page[BUF_PAGES];
	phys_addr_t bm[2];

	(void)state;
	memblock_add_node(PHYS(0), 16 * SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(PHYS(16 * SZ_1M), 16 * SZ_1M, 1, MEMBLOCK_NONE);
	memblock_reserve(PHYS(16 * SZ_1M - 2 * PAGE_SIZE), 4 * PAGE_SIZE);
	set_lowmem(32 * SZ_1M);

	bootmem_init_from_memblock();
	bm[0] = logged_bitmap(0, 1);
	bm[1] = logged_bitmap(1, 1);
	assert_int_equal(bm[0], PHYS(16 * SZ_1M - 3 * PAGE_SIZE));	/* under the reserved */
	assert_int_equal(bm[1], PHYS(32 * SZ_1M - PAGE_SIZE));
	assert_string_equal(bits(0, 4092, 4), "0111");
	assert_string_equal(bits(1, 0, 3), "110");
	assert_int_equal(free_pages(0), 4096 - 3);
	assert_int_equal(free_pages(1), 4096 - 3);

	/* Node 1 allocations stay on node 1. */
	assert_ptr_equal(alloc_bootmem_pages_node(1, PAGE_SIZE),
			 __va(PHYS(16 * SZ_1M + 2 * PAGE_SIZE)));
	free_bootmem(PHYS(16 * SZ_1M + 2 * PAGE_SIZE), PAGE_SIZE);

	memblock_free_pages(free_page);
	free_page[PFN_DOWN(bm[0]) - PFN(0)] = free_page[PFN_DOWN(bm[1]) - PFN(0)] = false;
	assert_int_equal(free_all_bootmem(), 2 * (4096 - 3) + 2);
	assert_handed_on(free_page, bm, 2);
}

/* Memory that does not start on a page boundary: the partial page stays out. */
static void test_ragged_memory(void **state)
{
	(void)state;
	memblock_add(PHYS(0x800), 4 * SZ_1M - 0x1000);
	set_lowmem(4 * SZ_1M);
	bootmem_init_from_memblock();
	assert_int_equal(bootmem_node_data[0].node_min_pfn, PFN(PAGE_SIZE));
	assert_int_equal(bootmem_node_data[0].node_low_pfn, PFN(4 * SZ_1M - PAGE_SIZE));
	assert_int_equal(free_pages(0), 1024 - 2 - 1);
}

/* The arch must have set max_low_pfn: without it there is no lowmem to manage. */
static void test_no_max_low_pfn(void **state)
{
	(void)state;
	memblock_add(PHYS(0), 4 * SZ_1M);
	bootmem_init_from_memblock();
	assert_true(host_log_contains("bootmem: max_low_pfn is not set: no lowmem to manage\n"));
	assert_null(bootmem_node_data[0].node_bootmem_map);
	assert_null(alloc_bootmem_nopanic(8));
}

/* No room anywhere for a bitmap: a panic that says so. */
static void test_no_room_for_bitmap(void **state)
{
	(void)state;
	memblock_add(PHYS(0), 4 * SZ_1M);
	memblock_reserve(PHYS(0), 4 * SZ_1M);
	set_lowmem(4 * SZ_1M);
	expect_assert_failure(bootmem_init_from_memblock());
	assert_true(host_log_contains("bootmem: no room for node 0's bitmap (1 pages)"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_one_node),
		TEST(test_lowmem_nomap_holes),
		TEST(test_two_nodes),
		TEST(test_ragged_memory),
		TEST(test_no_max_low_pfn),
		TEST(test_no_room_for_bitmap),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
