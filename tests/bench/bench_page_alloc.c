// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the buddy allocator (`make bench`): nanoseconds per
 * operation on 1 GiB worth of pages (262144 struct pages, one Normal zone),
 * built at -O2 without sanitizers.
 *
 * The zone is set up as at boot: free_area_init() over the host memory model,
 * the hand-over in maximal blocks, then (unless a row says "boot pageset")
 * the per-CPU lists and the watermarks.  The pages' contents are never
 * touched (the "physical" addresses are made up), so no zeroing is measured.
 * Each workload runs RUNS times from a fresh zone; the median is printed.
 *
 *   hand-over             __free_pages_bootmem() of the whole GiB, in
 *                         order-10 blocks, or page by page (merging up)
 *   alloc all order-0     every page the watermarks allow, one by one
 *   free all, random      then all of them back in a random order
 *   mixed orders          orders 0-10 at random, about half the pages live
 *   tight loop            alloc_pages() + __free_pages() of one block, over
 *                         and over (two operations per round)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <kernel/kernel.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include "hostlog.h"

#define RUNS		5
#define NR_PAGES	(SZ_1G / PAGE_SIZE)
#define GFP_BENCH	(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN)

static struct pglist_data node;
static struct page **pages;		/* what a workload holds */
static unsigned int *orders;
static uint64_t rng_state;


static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "bench_page_alloc: unexpected result: %s\n%s", what, host_log());
		exit(1);
	}
}

/* A fresh Normal zone of 1 GiB; handed over unless @handover is false. */
static void boot(bool handover, bool running)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0, NR_PAGES, NR_PAGES, 0 };

	memblock_reset_for_tests();
	zone_movable_reset_for_tests();
	memset(&node, 0, sizeof(node));
	memset(node_data, 0, sizeof(node_data));
	memset(vm_zone_stat, 0, sizeof(vm_zone_stat));
	_totalram_pages = 0;
	memblock_add_node(0, SZ_1G, 0, MEMBLOCK_NONE);
	node_data[0] = &node;
	free_area_init(max_zone_pfn);
	build_all_zonelists(NULL);
	reset_all_zones_managed_pages();
	if (!handover)
		return;
	for (unsigned long pfn = 0; pfn < NR_PAGES; pfn += MAX_ORDER_NR_PAGES)
		__free_pages_bootmem(pfn, MAX_ORDER - 1);
	if (running) {
		setup_per_cpu_pageset();
		page_alloc_init_late();
		init_per_zone_wmark_min();
	}
	host_log_reset();
}

/* --- workloads: each returns the number of operations timed, in *ns the time ---- */

static unsigned long handover_blocks(uint64_t *ns)
{
	uint64_t t;

	boot(false, false);
	t = now_ns();
	for (unsigned long pfn = 0; pfn < NR_PAGES; pfn += MAX_ORDER_NR_PAGES)
		__free_pages_bootmem(pfn, MAX_ORDER - 1);
	*ns = now_ns() - t;
	check(nr_free_pages() == NR_PAGES, "hand-over in blocks");
	return NR_PAGES / MAX_ORDER_NR_PAGES;
}

static unsigned long handover_pages(uint64_t *ns)
{
	uint64_t t;

	boot(false, false);
	t = now_ns();
	for (unsigned long pfn = 0; pfn < NR_PAGES; pfn++)
		__free_pages_bootmem(pfn, 0);
	*ns = now_ns() - t;
	check(node.node_zones[ZONE_NORMAL].free_area[MAX_ORDER - 1].nr_free ==
	      NR_PAGES / MAX_ORDER_NR_PAGES, "hand-over page by page merges");
	return NR_PAGES;
}

static unsigned long nr_held;

static unsigned long alloc_all(uint64_t *ns)
{
	struct page *page;
	uint64_t t;

	boot(true, true);
	nr_held = 0;
	t = now_ns();
	while ((page = alloc_pages(GFP_BENCH, 0)))
		pages[nr_held++] = page;
	*ns = now_ns() - t;
	check(nr_held > NR_PAGES - NR_PAGES / 50, "most pages allocated");
	return nr_held;
}

static unsigned long free_all_random(uint64_t *ns)
{
	uint64_t t, ignored;

	alloc_all(&ignored);
	rng_state = 0x5eed;
	for (unsigned long i = nr_held - 1; i > 0; i--) {	/* Fisher-Yates */
		unsigned long j = rng() % (i + 1);
		struct page *tmp = pages[i];

		pages[i] = pages[j];
		pages[j] = tmp;
	}
	t = now_ns();
	for (unsigned long i = 0; i < nr_held; i++)
		__free_pages(pages[i], 0);
	*ns = now_ns() - t;
	drain_all_pages(NULL);
	check(nr_free_pages() == NR_PAGES, "everything back");
	return nr_held;
}

#define MIXED_OPS	2000000UL

static unsigned long mixed_orders(uint64_t *ns)
{
	unsigned long live_pages = 0, n = 0;
	uint64_t t;

	boot(true, true);
	rng_state = 0xb0d;
	t = now_ns();
	for (unsigned long op = 0; op < MIXED_OPS; op++) {
		if (live_pages < NR_PAGES / 2 || n == 0) {
			unsigned int order = (unsigned int)(rng() % MAX_ORDER);
			struct page *page = alloc_pages(GFP_BENCH, order);

			if (page) {
				pages[n] = page;
				orders[n++] = order;
				live_pages += 1UL << order;
			}
		} else {
			unsigned long i = rng() % n;

			__free_pages(pages[i], orders[i]);
			live_pages -= 1UL << orders[i];
			pages[i] = pages[--n];
			orders[i] = orders[n];
		}
	}
	*ns = now_ns() - t;
	while (n--)
		__free_pages(pages[n], orders[n]);
	drain_all_pages(NULL);
	check(nr_free_pages() == NR_PAGES, "mixed: everything back");
	return MIXED_OPS;
}

#define LOOP_ROUNDS	2000000UL

static unsigned long tight_loop(unsigned int order, bool running, uint64_t *ns)
{
	unsigned long rounds = order >= 8 ? LOOP_ROUNDS / 20 : LOOP_ROUNDS;
	uint64_t t;

	boot(true, running);
	t = now_ns();
	for (unsigned long i = 0; i < rounds; i++) {
		struct page *page = alloc_pages(GFP_BENCH, order);

		__free_pages(page, order);
	}
	*ns = now_ns() - t;
	drain_all_pages(NULL);
	check(nr_free_pages() == NR_PAGES, "tight loop: everything back");
	return 2 * rounds;
}

static unsigned long loop_o0(uint64_t *ns) { return tight_loop(0, true, ns); }
static unsigned long loop_o0_boot(uint64_t *ns) { return tight_loop(0, false, ns); }
static unsigned long loop_o3(uint64_t *ns) { return tight_loop(3, true, ns); }
static unsigned long loop_o4(uint64_t *ns) { return tight_loop(4, true, ns); }
static unsigned long loop_o10(uint64_t *ns) { return tight_loop(10, true, ns); }

static const struct {
	const char *name;
	unsigned long (*run)(uint64_t *ns);
} workloads[] = {
	{ "hand-over, order-10 blocks", handover_blocks },
	{ "hand-over, page by page (merging)", handover_pages },
	{ "alloc all, order 0", alloc_all },
	{ "free all, order 0, random order", free_all_random },
	{ "mixed orders 0-10, half live", mixed_orders },
	{ "tight loop, order 0 (per-CPU lists)", loop_o0 },
	{ "tight loop, order 0 (boot pageset)", loop_o0_boot },
	{ "tight loop, order 3 (per-CPU lists)", loop_o3 },
	{ "tight loop, order 4 (split/merge 10->4)", loop_o4 },
	{ "tight loop, order 10", loop_o10 },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	pages = malloc(NR_PAGES * sizeof(*pages));
	orders = malloc(NR_PAGES * sizeof(*orders));
	check(pages && orders, "memory for the bench");

	printf("\nbuddy allocator: 1 GiB of pages (%lu), one zone (host, -O2, no sanitizers;"
	       " median of %d runs)\n\n", (unsigned long)NR_PAGES, RUNS);
	printf("%-42s %10s %10s\n", "workload", "ops", "ns/op");
	printf("%-42s %10s %10s\n", "------------------------------------------",
	       "----------", "----------");
	for (size_t w = 0; w < sizeof(workloads) / sizeof(workloads[0]); w++) {
		double per_op[RUNS];
		unsigned long ops = 0;

		for (int r = 0; r < RUNS; r++) {
			uint64_t ns = 0;

			ops = workloads[w].run(&ns);
			per_op[r] = (double)ns / (double)ops;
		}
		qsort(per_op, RUNS, sizeof(per_op[0]), cmp_double);
		printf("%-42s %10lu %10.1f\n", workloads[w].name, ops, per_op[RUNS / 2]);
	}
	free(pages);
	free(orders);
	return 0;
}
