// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the early allocators (`make bench`): the same bootmem
 * API calls timed against mm/bootmem.c (bitmaps) and mm/nobootmem.c
 * (memblock), with 128 MiB and 3 GiB of RAM.
 *
 * This file only calls include/mm/bootmem.h, so tests/bench/bench.mk builds
 * it twice, once with each allocator, runs both and prints their figures side
 * by side.  Each run starts as the boot would: memblock holds the RAM and the
 * kernel's first MiB, the arch has set max_low_pfn, and
 * bootmem_init_from_memblock() has built the bitmaps (or not).  The RAM is an
 * anonymous mapping reserved but not committed, so 3 GiB costs only the pages
 * the allocators write: their bitmaps and what they hand out and zero.  Each
 * workload runs RUNS times from a fresh start, once more beforehand untimed
 * so that page faults are not counted, and the median is printed as
 * "workload|RAM|n|ns per op", one line each, for bench.mk to join.
 */
#include <asm/page.h>
#include <kernel/kernel.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "hostlog.h"
#include "bench.h"

#define RUNS		7
#define MAX_RAM		(3UL * SZ_1G)

static unsigned long P;		/* physical (= virtual) start of the RAM */
static unsigned long ram;	/* bytes of RAM in this run */
static unsigned long handed;	/* pages free_all_bootmem() handed on */

/* The page allocator's side of free_all_bootmem(): count, as fast as possible. */
void __free_pages_bootmem(unsigned long pfn, unsigned int order)
{
	(void)pfn;
	handed += 1UL << order;
}

void reset_all_zones_managed_pages(void)
{
}

static void check(bool ok, const char *what)
{
	bench_check("bench_bootmem", ok, what);
}

/* setup_arch()'s part, then the allocator's own setup (timed in one workload). */
static void boot_memblock(void)
{
	memblock_reset_for_tests();
	bootmem_reset_for_tests();
	memblock_allow_resize();
	memblock_add(P, ram);
	memblock_reserve(P, SZ_1M);		/* the kernel image */
	memblock_set_current_limit(P + ram);
	max_low_pfn = PFN_DOWN(P + ram);
}

static void boot(void)
{
	boot_memblock();
	bootmem_init_from_memblock();
	host_log_reset();
}

/* --- workloads: setup() is not timed, run() is and returns its op count ---- */

#define NR_SMALL	10000
static void *blocks[NR_SMALL];

static unsigned long run_alloc_64(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		check(alloc_bootmem(64) != NULL, "alloc_bootmem(64)");
	return n;
}

static unsigned long run_alloc_pages(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		check(alloc_bootmem_pages(PAGE_SIZE) != NULL, "alloc_bootmem_pages");
	return n;
}

static unsigned long run_alloc_2m(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		check(__alloc_bootmem(SZ_2M, SZ_2M, 0) != NULL, "__alloc_bootmem(2M, 2M)");
	return n;
}

static void setup_free_pages(unsigned long n)
{
	boot();
	for (unsigned long i = 0; i < n; i++)
		blocks[i] = alloc_bootmem_pages(PAGE_SIZE);
}

static unsigned long run_free_pages(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		free_bootmem(__pa(blocks[i]), PAGE_SIZE);
	return n;
}

/* Every other page of 16 MiB from the middle of RAM: separate reservations. */
static unsigned long run_reserve_scattered(unsigned long n)
{
	unsigned long base = P + ram / 2;

	for (unsigned long i = 0; i < n; i++)
		check(reserve_bootmem(base + 2 * i * PAGE_SIZE, PAGE_SIZE, BOOTMEM_DEFAULT) == 0,
		      "reserve_bootmem");
	return n;
}

/* The lower half of RAM in use: a first fit has to scan past all of it. */
static void setup_low_half_used(unsigned long n)
{
	(void)n;
	boot();
	reserve_bootmem(P, ram / 2, BOOTMEM_DEFAULT);
}

static unsigned long run_first_alloc(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		check(alloc_bootmem_pages(PAGE_SIZE) != NULL, "alloc_bootmem_pages");
	return n;
}

static void setup_init(unsigned long n)
{
	(void)n;
	boot_memblock();
}

static unsigned long run_init(unsigned long n)
{
	(void)n;
	bootmem_init_from_memblock();
	return 1;
}

static unsigned long run_free_all(unsigned long n)
{
	(void)n;
	handed = 0;
	check(free_all_bootmem() == handed, "free_all_bootmem's count");
	check(handed > ram / PAGE_SIZE - 512, "free_all_bootmem released the RAM");
	return 1;
}

static void setup_boot(unsigned long n)
{
	(void)n;
	boot();
}

struct workload {
	const char *name;
	unsigned long n;
	void (*setup)(unsigned long n);
	unsigned long (*run)(unsigned long n);
};

static const struct workload workloads[] = {
	{ "alloc_bootmem(64)", NR_SMALL, setup_boot, run_alloc_64 },
	{ "alloc_bootmem_pages(4 KiB)", NR_SMALL, setup_boot, run_alloc_pages },
	{ "__alloc_bootmem(2 MiB, 2 MiB-aligned)", 16, setup_boot, run_alloc_2m },
	{ "free_bootmem(4 KiB)", NR_SMALL, setup_free_pages, run_free_pages },
	{ "reserve_bootmem(4 KiB), every other", 2000, setup_boot, run_reserve_scattered },
	{ "first alloc, lower half in use", 1, setup_low_half_used, run_first_alloc },
	{ "bootmem_init_from_memblock", 1, setup_init, run_init },
	{ "free_all_bootmem (all of RAM)", 1, setup_boot, run_free_all },
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double measure(const struct workload *w)
{
	double ns_per_op[RUNS];

	for (int r = -1; r < RUNS; r++) {	/* run -1 faults the pages in */
		unsigned long ops;
		u64 t0, t1;

		host_log_reset();
		w->setup(w->n);
		t0 = now_ns();
		ops = w->run(w->n);
		t1 = now_ns();
		if (r >= 0)
			ns_per_op[r] = (double)(t1 - t0) / (double)ops;
	}
	qsort(ns_per_op, RUNS, sizeof(ns_per_op[0]), cmp_double);
	return ns_per_op[RUNS / 2];
}

int main(void)
{
	static const unsigned long sizes[] = { 128 * SZ_1M, MAX_RAM };
	/* Reserved, not committed: only what is written becomes real memory. */
	void *map = mmap(NULL, MAX_RAM + SZ_4M, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (map == MAP_FAILED) {
		perror("bench_bootmem: mmap");
		return 1;
	}
	P = ALIGN((unsigned long)map, SZ_4M);	/* whole buddy blocks */

	for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
		ram = sizes[s];
		for (size_t i = 0; i < ARRAY_SIZE(workloads); i++)
			printf("%s|%luM|%lu|%.2f\n", workloads[i].name, ram / SZ_1M,
			       workloads[i].n, measure(&workloads[i]));
	}
	munmap(map, MAX_RAM + SZ_4M);
	return 0;
}
