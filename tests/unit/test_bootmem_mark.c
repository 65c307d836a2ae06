// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/bootmem.c, part 1: setting nodes up and marking pages free
 * or reserved (init_bootmem_node, free_bootmem*, reserve_bootmem*), the
 * bitmap's size, and what a bad call does.
 *
 * The usual node: its bitmap in the buffer's first page, its pages from 1 MiB
 * into the buffer.  Bitmap strings and diagrams number pages from the node's
 * first one: "1" reserved, "0" free.
 */
#include "test_bootmem.h"

#define NODE_OFF	SZ_1M			/* where node 0 starts in the buffer */
#define NPG(i)		(NODE_OFF + PG(i))	/* page i of node 0, as an offset */

/* Node @nid over pages [@first, @first + @pages) of node 0's numbering, bitmap at @map_off. */
static unsigned long make_node(int nid, unsigned long map_off, unsigned long first,
			       unsigned long pages)
{
	return init_bootmem_node(nid, PFN(map_off), PFN(NPG(first)), PFN(NPG(first + pages)));
}

/* ------------------------------------------------------------------------ */
/* Sizes and setup                                                            */
/* ------------------------------------------------------------------------ */

/* One bit a page, rounded up to whole longs, then to whole pages: 32 KiB per GiB. */
static void test_bootmap_pages(void **state)
{
	(void)state;
	assert_int_equal(bootmem_bootmap_pages(0), 0);
	assert_int_equal(bootmem_bootmap_pages(1), 1);
	assert_int_equal(bootmem_bootmap_pages(128 * SZ_1M / PAGE_SIZE), 1);	/* 4096 bytes */
	assert_int_equal(bootmem_bootmap_pages(128 * SZ_1M / PAGE_SIZE + 1), 2);
	assert_int_equal(bootmem_bootmap_pages(SZ_1G / PAGE_SIZE), 8);
	assert_int_equal(bootmem_bootmap_pages(3 * (SZ_1G / PAGE_SIZE)), 24);
}

/*
 * init_bootmem_node() returns the bitmap's bytes: whole longs, so 100 pages
 * (13 bytes of bits) take 16 bytes and 65 pages (9 bytes) 12 or 16 bytes
 * depending on the size of a long.  All of it is 0xff, padding included, and
 * not one byte more is written.
 */
static void test_init_sets_every_bit(void **state)
{
	unsigned char *map = buf;

	(void)state;
	memset(map, 0xab, 64);
	assert_int_equal(make_node(0, 0, 0, 100), 16);
	for (int i = 0; i < 16; i++)
		assert_int_equal(map[i], 0xff);
	assert_int_equal(map[16], 0xab);

	assert_ptr_equal(bootmem_node_data[0].node_bootmem_map, buf);
	assert_int_equal(bootmem_node_data[0].node_min_pfn, PFN(NPG(0)));
	assert_int_equal(bootmem_node_data[0].node_low_pfn, PFN(NPG(100)));
	assert_int_equal(free_pages(0), 0);

	assert_int_equal(make_node(1, PG(1), 100, 65), ALIGN(9, sizeof(long)));
	assert_int_equal(make_node(2, PG(2), 200, 1), sizeof(long));
}

/*
 * init_bootmem(): the single node of a PC, from frame 0 to @pages, with its
 * bitmap at @start, which becomes min_low_pfn.  Frame 0 is physical address 0,
 * so this test's memory must be low: a MAP_32BIT buffer; the node spans every
 * frame below its end.
 */
static void test_init_bootmem_single_node(void **state)
{
	const size_t size = 8 * SZ_1M;
	char *low = low_buffer(size);
	unsigned long start = PFN_DOWN((unsigned long)low);
	unsigned long end = PFN_DOWN((unsigned long)low + size);
	unsigned long mapsize;

	(void)state;
	mapsize = init_bootmem(start, end);
	assert_int_equal(mapsize, ALIGN(DIV_ROUND_UP(end, 8), sizeof(long)));
	assert_int_equal(min_low_pfn, start);
	assert_int_equal(max_low_pfn, end);
	assert_int_equal(bootmem_node_data[0].node_min_pfn, 0);
	assert_int_equal(bootmem_node_data[0].node_low_pfn, end);

	/* Free what follows the bitmap: the first allocation lands right there. */
	free_bootmem((unsigned long)low + PAGE_UP(mapsize),
		     size - PAGE_UP(mapsize));
	assert_ptr_equal(alloc_bootmem_pages(PAGE_SIZE), low + PAGE_UP(mapsize));
	munmap(low, size);
}

/* ------------------------------------------------------------------------ */
/* Freeing and reserving: partial pages                                       */
/* ------------------------------------------------------------------------ */

/*
 * free_bootmem() frees whole pages only: a page the range covers partly
 * stays reserved.
 *
 *   page      0    1    2    3    4    5
 *   free         [.8K ............... .8K)      [page 0 + 0x800, page 4 + 0x800)
 *   bitmap    1    0    0    0    1    1
 */
static void test_free_partial_pages(void **state)
{
	(void)state;
	make_node(0, 0, 0, 6);
	assert_string_equal(bits(0, 0, 6), "111111");
	free_bootmem(PHYS(NPG(0) + 0x800), PG(4));
	assert_string_equal(bits(0, 0, 6), "100011");
}

/* The same through free_bootmem_node(), with a range ending on a page boundary. */
static void test_free_node_partial_pages(void **state)
{
	(void)state;
	make_node(0, 0, 0, 6);
	free_bootmem_node(0, PHYS(NPG(1) + 1), PG(4) - 1);	/* [page 1 + 1, page 5) */
	assert_string_equal(bits(0, 0, 6), "110001");
}

/* Less than a page, or a range inside one page: nothing to free. */
static void test_free_sub_page_is_nothing(void **state)
{
	(void)state;
	make_node(0, 0, 0, 4);
	free_bootmem(PHYS(NPG(1) + 0x100), 0x200);
	free_bootmem_node(0, PHYS(NPG(2) + 0x800), PAGE_SIZE);
	assert_string_equal(bits(0, 0, 4), "1111");
}

/*
 * reserve_bootmem() reserves every page the range touches.
 *
 *   page      0    1    2    3    4    5
 *   reserve        [.8K ...... .1K)              [page 1 + 0x800, page 3 + 0x100)
 *   bitmap    0    1    1    1    0    0
 */
static void test_reserve_partial_pages(void **state)
{
	(void)state;
	make_node(0, 0, 0, 6);
	free_bootmem(PHYS(NPG(0)), PG(6));
	assert_string_equal(bits(0, 0, 6), "000000");
	assert_int_equal(reserve_bootmem(PHYS(NPG(1) + 0x800), PG(2) - 0x700, BOOTMEM_DEFAULT), 0);
	assert_string_equal(bits(0, 0, 6), "011100");
}

/* reserve_bootmem_node(): a single byte reserves its page. */
static void test_reserve_node_one_byte(void **state)
{
	(void)state;
	make_node(0, 0, 0, 4);
	free_bootmem_node(0, PHYS(NPG(0)), PG(4));
	assert_int_equal(reserve_bootmem_node(0, PHYS(NPG(2) + 0xfff), 1, BOOTMEM_DEFAULT), 0);
	assert_string_equal(bits(0, 0, 4), "0010");
}

/* BOOTMEM_DEFAULT on reserved pages is fine, and bootmem_debug says so. */
static void test_reserve_default_twice(void **state)
{
	char line[128];

	(void)state;
	make_node(0, 0, 0, 4);
	free_bootmem(PHYS(NPG(0)), PG(4));
	assert_int_equal(reserve_bootmem(PHYS(NPG(1)), PG(1), BOOTMEM_DEFAULT), 0);
	host_early_param("bootmem_debug", NULL);
	assert_int_equal(reserve_bootmem(PHYS(NPG(0)), PG(3), BOOTMEM_DEFAULT), 0);
	assert_string_equal(bits(0, 0, 4), "1110");
	snprintf(line, sizeof(line), "bootmem::__reserve silent double reserve of PFN %lx\n",
		 PFN(NPG(1)));
	assert_true(host_log_contains(line));
}

/*
 * BOOTMEM_EXCLUSIVE fails on a page already reserved and undoes what it did.
 *
 *   page       0 1 2 3 4 5 6 7
 *   before     0 0 0 0 0 1 0 0
 *   exclusive      [2 ..... 7)      sets 2, 3, 4, meets 5: clears 2-4, -EBUSY
 *   after      0 0 0 0 0 1 0 0      unchanged
 */
static void test_reserve_exclusive_conflict(void **state)
{
	(void)state;
	make_node(0, 0, 0, 8);
	free_bootmem(PHYS(NPG(0)), PG(8));
	reserve_bootmem(PHYS(NPG(5)), PG(1), BOOTMEM_DEFAULT);
	assert_int_equal(reserve_bootmem(PHYS(NPG(2)), PG(5), BOOTMEM_EXCLUSIVE), -EBUSY);
	assert_string_equal(bits(0, 0, 8), "00000100");
	assert_int_equal(reserve_bootmem_node(0, PHYS(NPG(4)), PG(2), BOOTMEM_EXCLUSIVE), -EBUSY);
	assert_string_equal(bits(0, 0, 8), "00000100");
}

/* Without a conflict BOOTMEM_EXCLUSIVE is an ordinary reservation. */
static void test_reserve_exclusive_free_range(void **state)
{
	(void)state;
	make_node(0, 0, 0, 8);
	free_bootmem(PHYS(NPG(0)), PG(8));
	assert_int_equal(reserve_bootmem(PHYS(NPG(1)), PG(3), BOOTMEM_EXCLUSIVE), 0);
	assert_int_equal(reserve_bootmem_node(0, PHYS(NPG(6)), PG(2), BOOTMEM_EXCLUSIVE), 0);
	assert_string_equal(bits(0, 0, 8), "01110011");
}

/* ------------------------------------------------------------------------ */
/* Several nodes                                                              */
/* ------------------------------------------------------------------------ */

/*
 * A range may cross from one node into the next.
 *
 *   page      ... 60 61 62 63 | 64 65 ... 69 70 ...
 *                   node 0    |     node 1
 *   free          [60 ......................70)
 */
static void test_free_across_nodes(void **state)
{
	(void)state;
	make_node(0, 0, 0, 64);
	make_node(1, PG(1), 64, 64);
	free_bootmem(PHYS(NPG(60)), PG(10));
	assert_string_equal(bits(0, 56, 8), "11110000");
	assert_string_equal(bits(1, 0, 8), "00000011");
	assert_int_equal(free_pages(0) + free_pages(1), 10);

	assert_int_equal(reserve_bootmem(PHYS(NPG(62)), PG(4), BOOTMEM_EXCLUSIVE), 0);
	assert_string_equal(bits(0, 56, 8), "11110011");
	assert_string_equal(bits(1, 0, 8), "11000011");
}

/*
 * An exclusive reservation that fails on the second node frees what it
 * reserved on the first: mark_bootmem() undoes node 0's part.
 *
 *   page      ... 60 61 62 63 | 64 65 66 67 ...
 *   before         0  0  0  0 |  0  0  1  0
 *   exclusive     [60 ..................70)
 *   after          0  0  0  0 |  0  0  1  0
 */
static void test_reserve_exclusive_undone_across_nodes(void **state)
{
	(void)state;
	make_node(0, 0, 0, 64);
	make_node(1, PG(1), 64, 64);
	free_bootmem(PHYS(NPG(0)), PG(128));
	reserve_bootmem(PHYS(NPG(66)), 1, BOOTMEM_DEFAULT);
	assert_int_equal(reserve_bootmem(PHYS(NPG(60)), PG(10), BOOTMEM_EXCLUSIVE), -EBUSY);
	assert_string_equal(bits(0, 56, 8), "00000000");
	assert_string_equal(bits(1, 0, 8), "00100000");
	assert_int_equal(free_pages(0) + free_pages(1), 127);
}

/*
 * bdata_list is sorted by start, whatever the order nodes are set up in:
 * node 1 below node 0 is walked first, so a range from node 1 into node 0
 * is marked (walked unsorted, it would seem to fall off the end).
 *
 *   page      0 ............. 63 | 64 .............. 127
 *                  node 1        |      node 0
 */
static void test_nodes_sorted_by_start(void **state)
{
	(void)state;
	make_node(0, 0, 64, 64);
	make_node(1, PG(1), 0, 64);
	free_bootmem(PHYS(NPG(60)), PG(8));
	assert_string_equal(bits(1, 60, 4), "0000");
	assert_string_equal(bits(0, 0, 4), "0000");
	assert_int_equal(free_pages(0) + free_pages(1), 8);
}

/* ------------------------------------------------------------------------ */
/* Bad calls: BUG() with a message                                            */
/* ------------------------------------------------------------------------ */

/* Freeing a page twice is a bug: bootmem cannot tell whose page it frees. */
static void test_double_free_bugs(void **state)
{
	char line[160];

	(void)state;
	make_node(0, 0, 0, 8);
	free_bootmem(PHYS(NPG(2)), PG(2));
	expect_assert_failure(free_bootmem(PHYS(NPG(0)), PG(4)));
	snprintf(line, sizeof(line),
		 "bootmem: freeing pfn %#lx on node 0, which is not reserved (double free?)\n",
		 PFN(NPG(2)));
	assert_true(host_log_contains(line));
	assert_true(host_log_contains("Kernel panic - not syncing: kernel BUG at mm/bootmem.c:"));
}

/* A reservation that no node holds: Linux's BUG() in mark_bootmem(). */
static void test_reserve_outside_nodes_bugs(void **state)
{
	char line[160];

	(void)state;
	make_node(0, 0, 0, 8);
	expect_assert_failure(reserve_bootmem(PHYS(NPG(100)), PG(1), BOOTMEM_DEFAULT));
	snprintf(line, sizeof(line), "bootmem: reserve of pfns %#lx-%#lx: pfn %#lx is on no node\n",
		 PFN(NPG(100)), PFN(NPG(101)), PFN(NPG(100)));
	assert_true(host_log_contains(line));
}

/*
 * A range that runs off a node into a gap is a bug even though it started on
 * a node.
 *
 *   page      0 ..... 63 | 64 ... 127 | 128 ..... 191
 *               node 0   |    gap     |   node 1
 *   free            [60 ......... 70)
 */
static void test_free_into_gap_bugs(void **state)
{
	char line[160];

	(void)state;
	make_node(0, 0, 0, 64);
	make_node(1, PG(1), 128, 64);
	expect_assert_failure(free_bootmem(PHYS(NPG(60)), PG(10)));
	snprintf(line, sizeof(line), "bootmem: free of pfns %#lx-%#lx: pfn %#lx is on no node\n",
		 PFN(NPG(60)), PFN(NPG(70)), PFN(NPG(64)));
	assert_true(host_log_contains(line));
}

/* The _node variants want the range on that node. */
static void test_node_range_outside_node_bugs(void **state)
{
	char line[160];

	(void)state;
	make_node(0, 0, 0, 8);
	make_node(1, PG(1), 8, 8);
	expect_assert_failure(reserve_bootmem_node(0, PHYS(NPG(6)), PG(4), BOOTMEM_DEFAULT));
	snprintf(line, sizeof(line),
		 "bootmem: reserve of pfns %#lx-%#lx: not inside node 0 (pfns %#lx-%#lx)\n",
		 PFN(NPG(6)), PFN(NPG(10)), PFN(NPG(0)), PFN(NPG(8)));
	assert_true(host_log_contains(line));
	expect_assert_failure(free_bootmem_node(1, PHYS(NPG(0)), PG(1)));
	assert_true(host_log_contains("bootmem: free of pfns"));
}

static void test_bad_node_bugs(void **state)
{
	(void)state;
	expect_assert_failure(init_bootmem_node(MAX_NUMNODES, PFN(0), PFN(NPG(0)), PFN(NPG(8))));
	assert_true(host_log_contains("bootmem: node 4 does not exist (MAX_NUMNODES is 4)\n"));
	expect_assert_failure(free_bootmem_node(-1, PHYS(NPG(0)), PG(1)));
	assert_true(host_log_contains("bootmem: node -1 does not exist"));
}

static void test_init_twice_bugs(void **state)
{
	(void)state;
	make_node(0, 0, 0, 8);
	expect_assert_failure(make_node(0, PG(1), 8, 8));
	assert_true(host_log_contains("bootmem: node 0 is initialised twice\n"));
}

static void test_node_ending_before_start_bugs(void **state)
{
	(void)state;
	expect_assert_failure(init_bootmem_node(0, PFN(0), PFN(NPG(8)), PFN(NPG(4))));
	assert_true(host_log_contains("bootmem: node 0 ends (pfn "));
}

/* ------------------------------------------------------------------------ */
/* bootmem_debug                                                              */
/* ------------------------------------------------------------------------ */

/* Quiet by default; with bootmem_debug each step prints Linux 4.19's line. */
static void test_debug_lines(void **state)
{
	unsigned long s = PFN(NPG(0));
	char want[512];

	(void)state;
	make_node(0, 0, 0, 8);
	free_bootmem(PHYS(NPG(0)), PG(8));
	assert_string_equal(host_log(), "");

	bootmem_reset_for_tests();
	assert_int_equal(host_early_param("bootmem_debug", NULL), 0);
	make_node(0, 0, 0, 8);
	free_bootmem(PHYS(NPG(0)), PG(8));
	reserve_bootmem(PHYS(NPG(2)), PG(2), BOOTMEM_EXCLUSIVE);
	snprintf(want, sizeof(want),
		 "bootmem::init_bootmem_core nid=0 start=%lx map=%lx end=%lx mapsize=%lx\n"
		 "bootmem::mark_bootmem_node nid=0 start=%lx end=%lx reserve=0 flags=0\n"
		 "bootmem::__free nid=0 start=%lx end=%lx\n"
		 "bootmem::mark_bootmem_node nid=0 start=%lx end=%lx reserve=1 flags=1\n"
		 "bootmem::__reserve nid=0 start=%lx end=%lx flags=1\n",
		 s, PFN(0), s + 8, (unsigned long)sizeof(long),
		 s, s + 8, s, s + 8, s + 2, s + 4, s + 2, s + 4);
	assert_string_equal(host_log(), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_bootmap_pages),
		TEST(test_init_sets_every_bit),
		TEST(test_init_bootmem_single_node),
		TEST(test_free_partial_pages),
		TEST(test_free_node_partial_pages),
		TEST(test_free_sub_page_is_nothing),
		TEST(test_reserve_partial_pages),
		TEST(test_reserve_node_one_byte),
		TEST(test_reserve_default_twice),
		TEST(test_reserve_exclusive_conflict),
		TEST(test_reserve_exclusive_free_range),
		TEST(test_free_across_nodes),
		TEST(test_reserve_exclusive_undone_across_nodes),
		TEST(test_nodes_sorted_by_start),
		TEST(test_double_free_bugs),
		TEST(test_reserve_outside_nodes_bugs),
		TEST(test_free_into_gap_bugs),
		TEST(test_node_range_outside_node_bugs),
		TEST(test_bad_node_bugs),
		TEST(test_init_twice_bugs),
		TEST(test_node_ending_before_start_bugs),
		TEST(test_debug_lines),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
