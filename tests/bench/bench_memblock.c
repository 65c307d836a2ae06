// SPDX-License-Identifier: MIT
/*
 * Host benchmark of mm/memblock.c (`make bench`): how long the boot-time
 * allocator's operations take, in nanoseconds per operation.
 *
 * memblock's cost is a walk over a sorted array, so it grows with the number
 * of regions; these workloads show that growth (1000 vs 10000 regions, with
 * the array doubling along the way) next to the constant-time common cases
 * (consecutive allocations merging into one reserved region).  As in the unit
 * tests, "physical memory" is a real buffer wherever memblock writes to it
 * (zeroed allocations, doubled arrays); ranges memblock only records are plain
 * numbers above that buffer.  Each workload runs RUNS times from a fresh
 * memblock and the median is printed.
 */
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "hostlog.h"
#include "bench.h"

#define RUNS		7
#define BUF_SIZE	(256 * SZ_1M)
#define NR_RANDOM	10000

static void *buf;
static phys_addr_t P;			/* physical address of the buffer */
static phys_addr_t fake;		/* start of address space only recorded, never touched */

#define PHYS(off)	(P + (phys_addr_t)(off))

static struct { phys_addr_t base, size; } random_ranges[NR_RANDOM];

static void check(bool ok, const char *what)
{
	bench_check("bench_memblock", ok, what);
}

/* --- workloads: setup() is not timed, run() is and returns its op count ---- */

struct workload {
	const char *name;
	unsigned long n;
	void (*setup)(unsigned long n);
	unsigned long (*run)(unsigned long n);
	void (*verify)(unsigned long n);
};

/* Room at the top of the buffer for the doubled arrays (16384 entries: 384 KiB). */
static void setup_add(unsigned long n)
{
	(void)n;
	memblock_allow_resize();
	memblock_add(PHYS(BUF_SIZE - SZ_4M), SZ_4M);
}

/* Ascending, as firmware reports RAM: each add walks the whole array. */
static unsigned long run_add(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		memblock_add(PHYS(i * 2 * SZ_4K), SZ_4K);
	return n;
}

static void verify_add(unsigned long n)
{
	check(memblock.memory.cnt == n + 1, "one memory region per add");
	check(memblock.memory.max >= n + 1, "the memory array was doubled");
}

/* A fixed pseudo-random sequence (xorshift), the same on every run. */
static void setup_reserve_random(unsigned long n)
{
	u64 x = 0x9e3779b97f4a7c15ULL;

	memblock_allow_resize();
	memblock_add(PHYS(0), SZ_16M);
	for (unsigned long i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		random_ranges[i].base = fake + (x % (1UL << 20)) * SZ_4K;	/* 4 GiB window */
		random_ranges[i].size = (1 + (x >> 40) % 16) * SZ_4K;
	}
}

static unsigned long run_reserve_random(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(random_ranges[i].base, random_ranges[i].size);
	return n;
}

static void verify_reserve_random(unsigned long n)
{
	check(memblock.reserved.cnt > n / 2, "most random ranges are separate regions");
}

static void setup_alloc_real(unsigned long n)
{
	memblock_add(PHYS(0), n * SZ_4K + SZ_1M);
}

static unsigned long run_phys_alloc_4k(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		memblock_phys_alloc(SZ_4K, SZ_4K);
	return n;
}

static unsigned long run_alloc_4k(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		memblock_alloc(SZ_4K, SZ_4K);
	return n;
}

static void verify_alloc_4k(unsigned long n)
{
	check(memblock_reserved_size() == n * SZ_4K, "every 4 KiB allocation succeeded");
}

/* 10000 x 2 MiB is 20 GiB: address space only, memblock_phys_alloc() never touches it. */
static void setup_alloc_2m(unsigned long n)
{
	memblock_add(fake, (phys_addr_t)n * SZ_2M + SZ_1G);
}

static unsigned long run_phys_alloc_2m(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		memblock_phys_alloc(SZ_2M, SZ_2M);
	return n;
}

static void verify_alloc_2m(unsigned long n)
{
	check(memblock_reserved_size() == (phys_addr_t)n * SZ_2M, "every 2 MiB allocation succeeded");
}

/* n reserved pages scattered over the buffer: n + 1 free ranges. */
static void setup_fragmented(unsigned long n)
{
	memblock_allow_resize();
	memblock_add(PHYS(0), BUF_SIZE);
	for (unsigned long i = 0; i < n; i++)
		memblock_reserve(PHYS(SZ_16M + i * 4 * SZ_4K), SZ_4K);
}

#define ITER_PASSES	20

/* Whole walks over the free ranges, so per-range cost includes restarting. */
static unsigned long iterate_free(bool reverse)
{
	unsigned long ranges = 0;
	phys_addr_t start, end, sum = 0;
	u64 i;

	for (int pass = 0; pass < ITER_PASSES; pass++) {
		if (reverse) {
			for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE,
							&start, &end, NULL) {
				sum += end - start;
				ranges++;
			}
		} else {
			for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE,
						&start, &end, NULL) {
				sum += end - start;
				ranges++;
			}
		}
	}
	check(sum > 0, "free memory was found");
	return ranges;
}

static unsigned long run_iterate_free(unsigned long n)
{
	(void)n;
	return iterate_free(false);
}

static unsigned long run_iterate_free_reverse(unsigned long n)
{
	(void)n;
	return iterate_free(true);
}

static void verify_fragmented(unsigned long n)
{
	check(memblock.reserved.cnt >= n, "the reservations stayed separate");
}

static const struct workload workloads[] = {
	{ "memblock_add, disjoint (doubling)", 1000, setup_add, run_add, verify_add },
	{ "memblock_add, disjoint (doubling)", 10000, setup_add, run_add, verify_add },
	{ "memblock_reserve, random ranges", NR_RANDOM, setup_reserve_random,
	  run_reserve_random, verify_reserve_random },
	{ "memblock_phys_alloc 4 KiB", 10000, setup_alloc_real, run_phys_alloc_4k, verify_alloc_4k },
	{ "memblock_alloc 4 KiB (zeroed)", 10000, setup_alloc_real, run_alloc_4k, verify_alloc_4k },
	{ "memblock_phys_alloc 2 MiB", 10000, setup_alloc_2m, run_phys_alloc_2m, verify_alloc_2m },
	{ "for_each_free_mem_range, per range", 10000, setup_fragmented, run_iterate_free,
	  verify_fragmented },
	{ "for_each_free_mem_range_reverse", 10000, setup_fragmented, run_iterate_free_reverse,
	  verify_fragmented },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double measure(const struct workload *w)
{
	double ns_per_op[RUNS];

	for (int r = 0; r < RUNS; r++) {
		unsigned long ops;
		u64 t0, t1;

		memblock_reset_for_tests();
		host_log_reset();
		w->setup(w->n);
		t0 = now_ns();
		ops = w->run(w->n);
		t1 = now_ns();
		w->verify(w->n);
		ns_per_op[r] = (double)(t1 - t0) / (double)ops;
	}
	qsort(ns_per_op, RUNS, sizeof(ns_per_op[0]), cmp_double);
	return ns_per_op[RUNS / 2];
}

int main(void)
{
	buf = aligned_alloc(SZ_16M, BUF_SIZE);
	if (!buf) {
		fprintf(stderr, "bench_memblock: cannot allocate %lu MiB\n", BUF_SIZE / SZ_1M);
		return 1;
	}
	memset(buf, 0, BUF_SIZE);	/* fault the pages in before timing */
	P = __pa(buf);
	fake = ALIGN(P + BUF_SIZE + SZ_1G, (phys_addr_t)SZ_1G);

	printf("memblock benchmark (host, -O2, no sanitizers; median of %d runs)\n\n", RUNS);
	printf("%-40s %8s %10s\n", "workload", "n", "ns/op");
	printf("%-40s %8s %10s\n", "----------------------------------------", "--------",
	       "----------");
	for (size_t i = 0; i < ARRAY_SIZE(workloads); i++)
		printf("%-40s %8lu %10.1f\n", workloads[i].name, workloads[i].n,
		       measure(&workloads[i]));

	memblock_reset_for_tests();
	free(buf);
	return 0;
}
