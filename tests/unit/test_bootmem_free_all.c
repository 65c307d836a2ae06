// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/bootmem.c, part 3: the end of bootmem, free_all_bootmem(),
 * and a property test of the whole allocator against a model.
 *
 * free_all_bootmem() hands every free page to the page allocator, which here
 * is the recorder in test_bootmem.h: a block of BITS_PER_LONG pages where a
 * whole bitmap word is free and its first frame aligned to it (order
 * ilog2(BITS_PER_LONG): 6 on this 64-bit host, 5 in the 32-bit kernels),
 * single pages elsewhere, then the bitmap's own pages.  W below is
 * BITS_PER_LONG.
 */
#include "test_bootmem.h"

#define W		BITS_PER_LONG
#define WORD_ORDER	((unsigned int)__builtin_ctz(BITS_PER_LONG))
#define NODE_OFF	SZ_1M
#define NPG(i)		(NODE_OFF + PG(i))	/* page i from 1 MiB, as an offset */

static void free_node(int nid, unsigned long map_off, unsigned long first,
		      unsigned long pages)
{
	init_bootmem_node(nid, PFN(map_off), PFN(NPG(first)), PFN(NPG(first + pages)));
	free_bootmem_node(nid, PHYS(NPG(first)), PG(pages));
}

static void assert_handoff(size_t i, unsigned long pfn, unsigned int order)
{
	assert_true(i < nr_handoffs);
	assert_int_equal(handoffs[i].pfn, pfn);
	assert_int_equal(handoffs[i].order, order);
}

/*
 * An aligned node of 4 words: words 0 and 2 all free go as one block each;
 * words 1 and 3 hold reserved pages and go page by page; then the bitmap's
 * page.
 *
 *   page     0 ...... W-1 | W ... W+6 ... 2W-1 | 2W ... 3W-1 | 3W ... 3W+8 3W+9 ... 4W-1
 *   bitmap   0 ...... 0   | 0 ...  1  ...  0   | 0  ...  0   | 0  ...  1    1   ...  0
 *   handed   [order 6 ]   | singles            | [order 6 ]  | singles
 */
static void test_words_and_single_pages(void **state)
{
	size_t i = 0;

	(void)state;
	free_node(0, 0, 0, 4 * W);
	reserve_bootmem(PHYS(NPG(W + 6)), PG(1), BOOTMEM_DEFAULT);
	reserve_bootmem(PHYS(NPG(3 * W + 8)), PG(2), BOOTMEM_DEFAULT);

	assert_int_equal(free_all_bootmem(), 4 * W - 3 + 1);
	assert_int_equal(reset_managed_calls, 1);
	assert_int_equal(handoffs_at_reset, 0);		/* reset first, then the pages */

	assert_handoff(i++, PFN(NPG(0)), WORD_ORDER);
	for (unsigned long p = W; p < 2 * W; p++)
		if (p != W + 6)
			assert_handoff(i++, PFN(NPG(p)), 0);
	assert_handoff(i++, PFN(NPG(2 * W)), WORD_ORDER);
	for (unsigned long p = 3 * W; p < 4 * W; p++)
		if (p != 3 * W + 8 && p != 3 * W + 9)
			assert_handoff(i++, PFN(NPG(p)), 0);
	assert_handoff(i++, PFN(0), 0);			/* the bitmap */
	assert_int_equal(nr_handoffs, i);
	assert_null(bootmem_node_data[0].node_bootmem_map);
}

/*
 * A node that starts 3 frames past a word boundary and ends 10 frames into
 * a word: its bits straddle words, so free_all_bootmem() combines two words
 * to look at frames from an aligned one.  The last 10 frames are in the
 * bitmap's third word; Linux 4.19 never read it (it needed a whole word of
 * frames left) and lost them.
 *
 *   frame mod W    3 ...... W-1 | 0 ...... W-1 | 0 ... W-1 | 0 .. 9
 *   bit            0 ...... W-4 | W-3 ... 2W-4 | ........  | .. 2W+6
 *   handed         singles      | [order 6]    |  ...      | singles
 */
static void test_unaligned_node(void **state)
{
	const unsigned long pages = 3 * W - 3 + 10, skip = NODE_OFF / PAGE_SIZE;
	unsigned char count[NODE_OFF / PAGE_SIZE + 4 * 64];
	size_t blocks = 0;

	(void)state;
	free_node(0, 0, 3, pages);
	assert_int_equal(free_all_bootmem(), pages + 1);
	assert_handoffs_aligned();
	handoff_counts(PFN(0), skip + 4 * W, count);
	assert_int_equal(count[0], 1);			/* the bitmap */
	for (unsigned long p = 1; p < skip; p++)
		assert_int_equal(count[p], 0);
	for (unsigned long p = 0; p < 4 * W; p++)
		assert_int_equal(count[skip + p], p >= 3 && p < 3 + pages);
	for (size_t i = 0; i < nr_handoffs; i++)
		blocks += handoffs[i].order == WORD_ORDER;
	assert_int_equal(blocks, 2);			/* the two whole aligned words */
}

/*
 * The bitmap of a node spanning 40000 frames takes two pages: both are
 * handed on at the end.  (The node runs past the buffer; those frames stay
 * reserved and are never touched.)
 */
static void test_bitmap_pages_handed_on(void **state)
{
	(void)state;
	init_bootmem_node(0, PFN(0), PFN(NPG(0)), PFN(NPG(0)) + 40000);
	free_bootmem(PHYS(NPG(0)), PG(W));
	assert_int_equal(free_all_bootmem(), W + 2);
	assert_int_equal(nr_handoffs, 3);
	assert_handoff(0, PFN(NPG(0)), WORD_ORDER);
	assert_handoff(1, PFN(0), 0);
	assert_handoff(2, PFN(0) + 1, 0);
}

/* Nodes are handed on in address order; the count is the sum. */
static void test_two_nodes(void **state)
{
	(void)state;
	free_node(0, 0, W, W);
	free_node(1, PG(1), 0, W);
	reserve_bootmem(PHYS(NPG(0)), PG(1), BOOTMEM_DEFAULT);
	assert_int_equal(free_all_bootmem(), (W - 1) + 1 + W + 1);
	assert_handoff(0, PFN(NPG(1)), 0);		/* node 1 first: it is lower */
	assert_handoff(W - 1, PFN(PG(1)), 0);		/* node 1's bitmap */
	assert_handoff(W, PFN(NPG(W)), WORD_ORDER);	/* node 0 */
	assert_handoff(W + 1, PFN(0), 0);		/* node 0's bitmap */
	assert_int_equal(nr_handoffs, W + 2);
}

/*
 * After free_all_bootmem() the bitmaps are gone: allocations fail, marking
 * warns and does nothing, a second free_all_bootmem() releases nothing.
 * free_bootmem_late() gives whole pages straight to the page allocator.
 */
static void test_after_free_all(void **state)
{
	(void)state;
	free_node(0, 0, 0, W);
	free_all_bootmem();
	handoffs_reset();

	assert_null(alloc_bootmem_nopanic(8));
	free_bootmem(PHYS(NPG(0)), PG(1));
	assert_true(host_log_contains(" at mm/bootmem.c:"));
	assert_true(host_log_contains(" __free\n"));
	host_log_reset();
	assert_int_equal(reserve_bootmem(PHYS(NPG(0)), PG(1), BOOTMEM_EXCLUSIVE), 0);
	assert_true(host_log_contains(" __reserve\n"));
	assert_int_equal(free_all_bootmem(), 0);
	assert_int_equal(nr_handoffs, 0);

	free_bootmem_late(PHYS(NPG(0) + 0x800), PG(3));	/* [0 + 2K, 3 + 2K): pages 1, 2 */
	assert_int_equal(nr_handoffs, 2);
	assert_handoff(0, PFN(NPG(1)), 0);
	assert_handoff(1, PFN(NPG(2)), 0);
}

static void test_debug_lines(void **state)
{
	char want[256];
	unsigned long s = PFN(NPG(0));

	(void)state;
	free_node(0, 0, 0, W);
	host_early_param("bootmem_debug", NULL);
	free_all_bootmem();
	snprintf(want, sizeof(want),
		 "bootmem::free_all_bootmem_core nid=0 start=%lx end=%lx\n"
		 "bootmem::free_all_bootmem_core nid=0 released=%lx\n",
		 s, s + W, (unsigned long)W + 1);
	assert_string_equal(host_log(), want);
}

/* ------------------------------------------------------------------------ */
/* Property: random reserve/free/alloc against a model of used pages          */
/* ------------------------------------------------------------------------ */

/*
 * Two adjacent nodes, both starting off a word boundary, their bitmaps in
 * the buffer's first two pages:
 *
 *   page (from 1 MiB)   3 ............ 302 | 303 ......... 502
 *                           node 0         |     node 1
 *
 * The model is one bool per page.  After every step the bitmaps must equal
 * it; at the end the pages free_all_bootmem() hands on must be exactly the
 * model's free pages plus the two bitmap pages, each once.
 */
#define PT_FIRST	3
#define PT_SPLIT	303
#define PT_END		503
#define PT_PAGES	(PT_END - PT_FIRST)

static bool used[PT_END];	/* indexed by page from 1 MiB */
static u64 rng;

static u64 next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static unsigned long rand_below(unsigned long n)
{
	return (unsigned long)(next_rand() % n);
}

static int node_of(unsigned long page)
{
	return page < PT_SPLIT ? 0 : 1;
}

static void check_model(void)
{
	for (unsigned long p = PT_FIRST; p < PT_END; p++) {
		int nid = node_of(p);
		unsigned long idx = p - (nid ? PT_SPLIT : PT_FIRST);

		if (bit(nid, idx) != used[p])
			fail_msg("page %lu: bitmap says %s, model says %s", p,
				 bit(nid, idx) ? "reserved" : "free", used[p] ? "used" : "free");
	}
}

/* Reserve a random byte range: partial pages count whole. */
static void step_reserve(void)
{
	unsigned long a = PT_FIRST * PAGE_SIZE + rand_below(PT_PAGES * PAGE_SIZE);
	unsigned long len = 1 + rand_below(6 * PAGE_SIZE);
	int flags = rand_below(2) ? BOOTMEM_EXCLUSIVE : BOOTMEM_DEFAULT;
	unsigned long first, end;
	bool busy = false;
	int ret;

	if (a + len > PT_END * PAGE_SIZE)
		len = PT_END * PAGE_SIZE - a;
	first = a / PAGE_SIZE;
	end = DIV_ROUND_UP(a + len, PAGE_SIZE);
	for (unsigned long p = first; p < end; p++)
		busy |= used[p];

	ret = reserve_bootmem(PHYS(NODE_OFF + a), len, flags);
	if (flags == BOOTMEM_EXCLUSIVE && busy) {
		assert_int_equal(ret, -EBUSY);
		return;
	}
	assert_int_equal(ret, 0);
	for (unsigned long p = first; p < end; p++)
		used[p] = true;
}

/* Free a run of used pages, the range sometimes ragged at either end. */
static void step_free(void)
{
	unsigned long first = PT_FIRST + rand_below(PT_PAGES), end = first;
	unsigned long addr, size;

	while (end < PT_END && used[end] && end - first < 8)
		end++;
	if (end == first)
		return;
	end = first + 1 + rand_below(end - first);

	addr = first * PAGE_SIZE - (rand_below(2) ? rand_below(PAGE_SIZE) : 0);
	size = end * PAGE_SIZE + (rand_below(2) ? rand_below(PAGE_SIZE) : 0) - addr;
	if (rand_below(2))
		free_bootmem(PHYS(NODE_OFF + addr), size);
	else if (node_of(first) == node_of(end - 1))
		free_bootmem_node(node_of(first), PHYS(NODE_OFF + addr), size);
	else
		return;
	for (unsigned long p = first; p < end; p++)
		used[p] = false;
}

/* Is there an @align-aligned run of @n free pages on @nid (the model's view)? */
static bool fits(int nid, unsigned long n, unsigned long align)
{
	unsigned long lo = nid ? PT_SPLIT : PT_FIRST, hi = nid ? PT_END : PT_SPLIT;
	unsigned long step = max(align / PAGE_SIZE, 1UL);

	for (unsigned long p = lo; p + n <= hi; p++) {
		bool ok = (PFN(NPG(p)) % step) == 0;

		for (unsigned long q = p; ok && q < p + n; q++)
			ok = !used[q];
		if (ok)
			return true;
	}
	return false;
}

static unsigned long last_end[2];	/* where each node's last allocation ended, from 1 MiB */

static void step_alloc(void)
{
	static const unsigned long aligns[] = { 0, 8, 64, PAGE_SIZE, 2 * PAGE_SIZE, SZ_64K };
	unsigned long size = rand_below(2) ? 1 + rand_below(200) : 1 + rand_below(3 * PAGE_SIZE);
	unsigned long align = aligns[rand_below(ARRAY_SIZE(aligns))];
	unsigned long goal = rand_below(3) ? 0 : PHYS(NPG(rand_below(PT_END + 20)));
	int nid = (int)rand_below(3) - 1;	/* -1: any node */
	unsigned long off, first, end;
	unsigned char *p;

	if (nid < 0)
		p = __alloc_bootmem_nopanic(size, align, goal);
	else
		p = __alloc_bootmem_node_nopanic(nid, size, align, goal);

	if (!p) {
		assert_false(fits(0, PFN_UP(size), align));
		assert_false(fits(1, PFN_UP(size), align));
		return;
	}
	off = (unsigned long)__pa(p) - P - NODE_OFF;
	first = off / PAGE_SIZE;
	end = DIV_ROUND_UP(off + size, PAGE_SIZE);
	assert_true(first >= PT_FIRST && end <= PT_END);
	assert_int_equal(node_of(first), node_of(end - 1));
	if (align)
		assert_true(IS_ALIGNED((unsigned long)__pa(p), align));
	for (unsigned long i = 0; i < size; i++)
		assert_int_equal(p[i], 0);

	/* Only the page the node's last allocation ended in may be shared. */
	for (unsigned long q = first; q < end; q++) {
		unsigned long last = last_end[node_of(q)];

		if (used[q] && !(q == first && off % PAGE_SIZE &&
				 q == last / PAGE_SIZE && off >= last))
			fail_msg("allocation [%#lx, +%#lx) overlaps used page %lu", off, size, q);
	}
	for (unsigned long q = first; q < end; q++)
		used[q] = true;
	last_end[node_of(first)] = off + size;
	memset(p, 0x5a, size);		/* the next allocation must zero what it reuses */
}

static void run_property(u64 seed, int steps)
{
	unsigned char count[PT_END + NODE_OFF / PAGE_SIZE];
	unsigned long free_count = 0, released;

	bootmem_reset_for_tests();
	handoffs_reset();
	rng = seed;
	memset(used, 0, sizeof(used));
	last_end[0] = last_end[1] = 0;

	init_bootmem_node(1, PFN(PG(1)), PFN(NPG(PT_SPLIT)), PFN(NPG(PT_END)));
	init_bootmem_node(0, PFN(0), PFN(NPG(PT_FIRST)), PFN(NPG(PT_SPLIT)));
	free_bootmem(PHYS(NPG(PT_FIRST)), PG(PT_PAGES));
	check_model();

	for (int i = 0; i < steps; i++) {
		switch (rand_below(3)) {
		case 0:
			step_reserve();
			break;
		case 1:
			step_free();
			break;
		default:
			step_alloc();
			break;
		}
		check_model();
	}

	released = free_all_bootmem();
	assert_handoffs_aligned();
	handoff_counts(PFN(0), PT_END + NODE_OFF / PAGE_SIZE, count);
	for (unsigned long pg = 0; pg < PT_END + NODE_OFF / PAGE_SIZE; pg++) {
		unsigned long p = pg - NODE_OFF / PAGE_SIZE;	/* page from 1 MiB, if >= 0 */
		bool want;

		if (pg < 2)
			want = true;			/* the two bitmaps */
		else if (pg < NODE_OFF / PAGE_SIZE + PT_FIRST)
			want = false;
		else
			want = !used[p];
		if (count[pg] != want)
			fail_msg("seed %llu: buffer frame %lu handed on %u times, expected %d",
				 (unsigned long long)seed, pg, count[pg], want);
		free_count += want;
	}
	assert_int_equal(released, free_count);
}

static void test_property_random_sequences(void **state)
{
	(void)state;
	for (u64 seed = 1; seed <= 40; seed++)
		run_property(seed * 0x9e3779b97f4a7c15ULL, 1500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_words_and_single_pages),
		TEST(test_unaligned_node),
		TEST(test_bitmap_pages_handed_on),
		TEST(test_two_nodes),
		TEST(test_after_free_all),
		TEST(test_debug_lines),
		TEST(test_property_random_sequences),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
