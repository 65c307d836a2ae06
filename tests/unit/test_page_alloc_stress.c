// SPDX-License-Identifier: MIT
/*
 * A randomized stress of the buddy allocator: millions of allocations and
 * frees of mixed orders and GFP flags, seeded and so deterministic, over a
 * layout with every difficulty at once, checked against a shadow map of
 * which pages the test holds.
 *
 *   pfn 0      0x1000        0x2100 0x2180      0x2ffe          0x4000
 *       | DMA  |  Normal       |.hole.|  Normal   |   HighMem      |
 *
 * (Normal ends at 0x2ffe as lowmem ends at 0x36ffe on a PC: not on a block
 * boundary.)  The per-CPU lists and the watermarks are set up as at boot, so
 * batches, highatomic reserves and fallbacks all happen.
 *
 * After each allocation: the block is aligned, inside a zone the GFP flags
 * allow, and made of pages the test does not hold.  Every CHECK_EVERY
 * operations, pa_check_zones() verifies the lists and counters, and the
 * pages on the buddy and per-CPU lists must be exactly the managed pages the
 * test does not hold: nothing both free and allocated, nothing lost.  At the
 * end everything is freed and the free lists must be the hand-over's
 * maximal blocks again.
 */
#include "test_page_alloc.h"

#define NR_PFNS		0x4000UL
#define OPS		3000000UL
#define CHECK_EVERY	1000UL
#define MAX_LIVE	4096

struct live {
	unsigned long pfn;
	unsigned int order;
};

static struct live live[MAX_LIVE];
static unsigned int nr_live;
static unsigned char held[NR_PFNS];	/* 1: the test holds it */
static unsigned char managed[NR_PFNS];	/* 1: handed over to the allocator */
static unsigned char seen[NR_PFNS];
static unsigned long got[MAX_ORDER];	/* successful allocations by order */
static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned int random_order(void)
{
	unsigned int r = (unsigned int)(rng() % 100);

	if (r < 55)
		return 0;
	if (r < 70)
		return 1;
	if (r < 80)
		return 2;
	if (r < 87)
		return 3;
	return 4 + (unsigned int)(rng() % (MAX_ORDER - 4));
}

static const gfp_t gfps[] = {
	GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER, GFP_ATOMIC,
	GFP_KERNEL | __GFP_RECLAIMABLE, GFP_DMA, GFP_NOWAIT, GFP_KERNEL | __GFP_COMP,
};

static void do_alloc(void)
{
	gfp_t gfp = gfps[rng() % ARRAY_SIZE(gfps)] | __GFP_NOWARN;
	unsigned int order = random_order();
	struct page *page = alloc_pages(gfp, order);
	unsigned long pfn;

	if (!page)
		return;
	pfn = page_to_pfn(page);
	assert_int_equal(pfn & ((1UL << order) - 1), 0);
	assert_true(pfn + (1UL << order) <= NR_PFNS);
	assert_true(page_zonenum(page) <= gfp_zone(gfp));
	assert_ptr_equal(page_zone(pfn_to_page(pfn + (1UL << order) - 1)), page_zone(page));
	assert_int_equal(page_ref_count(page), 1);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		assert_true(managed[pfn + i]);
		assert_false(held[pfn + i]);
		held[pfn + i] = 1;
	}
	live[nr_live].pfn = pfn;
	live[nr_live].order = order;
	nr_live++;
	got[order]++;
}

static void do_free(void)
{
	unsigned int i = (unsigned int)(rng() % nr_live);
	struct live l = live[i];

	live[i] = live[--nr_live];
	for (unsigned long j = 0; j < (1UL << l.order); j++)
		held[l.pfn + j] = 0;
	__free_pages(pfn_to_page(l.pfn), l.order);
}

/* The lists hold exactly the managed pages the test does not. */
static void full_check(void)
{
	pa_check_zones(seen, NR_PFNS);
	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++) {
		bool free_now = seen[pfn] != 0;

		if (free_now == (managed[pfn] && !held[pfn]))
			continue;
		fail_msg("pfn %#lx: %s the free lists, managed %d, held %d", pfn,
			 free_now ? "on" : "not on", managed[pfn], held[pfn]);
	}
}

static void stress(uint64_t seed, bool running)
{
	struct pa_snapshot initial;
	unsigned long initial_free, allocs = 0, failures = 0;

	pa_reset();
	memset(held, 0, sizeof(held));
	memset(managed, 0, sizeof(managed));
	memset(got, 0, sizeof(got));
	nr_live = 0;
	rng_state = seed;

	memblock_add_node(0, 0x2100 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	memblock_add_node(0x2180 * PAGE_SIZE, (NR_PFNS - 0x2180) * PAGE_SIZE, 0, MEMBLOCK_NONE);
	pa_boot(0x1000, 0x2ffe, NR_PFNS);
	pa_handover_begin();
	/* The early allocator keeps a few ranges: pfn 0-0x10 (firmware), a "kernel" at 0x1000. */
	pa_handover(0x10, 0x1000);
	pa_handover(0x1400, 0x2100);
	pa_handover(0x2180, NR_PFNS);
	for (unsigned long pfn = 0; pfn < NR_PFNS; pfn++)
		managed[pfn] = (pfn >= 0x10 && pfn < 0x1000) || (pfn >= 0x1400 && pfn < 0x2100) ||
			       pfn >= 0x2180;
	if (running) {		/* as after boot; otherwise as during the hand-over */
		setup_per_cpu_pageset();
		page_alloc_init_late();
		init_per_zone_wmark_min();
	}
	full_check();
	pa_snapshot_take(&initial);
	initial_free = nr_free_pages();

	for (unsigned long op = 1; op <= OPS; op++) {
		if (nr_live < MAX_LIVE && (nr_live == 0 || rng() % 100 < 52)) {
			unsigned int before = nr_live;

			do_alloc();
			allocs++;
			failures += nr_live == before;
		} else {
			do_free();
		}
		if (op % CHECK_EVERY == 0)
			full_check();
	}
	print_message("  seed %#llx, %s: %lu allocations (%lu failed), %u blocks held at the end\n",
		      (unsigned long long)seed, running ? "per-CPU lists and watermarks" : "boot pageset",
		      allocs, failures, nr_live);
	print_message("  by order:");
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		print_message(" %lu", got[order]);
	print_message("\n");
	/* Some of everything happened: failures, and successes at every order. */
	assert_true(failures > 0);
	assert_true(failures < allocs / 2);
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		assert_true(got[order] > 0);

	while (nr_live)
		do_free();
	full_check();
	drain_all_pages(NULL);
	full_check();
	assert_int_equal(nr_free_pages(), initial_free);
	pa_snapshot_assert_same(&initial);
	pa_snapshot_free(&initial);
}

static void test_stress_running(void **state)
{
	(void)state;
	stress(0x9e3779b97f4a7c15ULL, true);
	stress(0x0123456789abcdefULL, true);
}

static void test_stress_boot_pageset(void **state)
{
	(void)state;
	stress(0xdeadbeefcafef00dULL, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stress_running),
		cmocka_unit_test(test_stress_boot_pageset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
