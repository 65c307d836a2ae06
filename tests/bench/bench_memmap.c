// SPDX-License-Identifier: MIT
/*
 * Host benchmark of the memory models (`make bench`): what it costs to build
 * and initialise the memory map, per page, with 1 GiB and 3 GiB of RAM, beside
 * a plain memset() of the same bytes; and what one pfn_to_page() +
 * page_to_pfn() round trip costs.
 *
 * tests/bench/bench.mk builds this file once per model (MEMORY_MODEL_CONFIG_*
 * of mm/mm.mk, the x86 section geometry) with the real mm/memory_model/ files
 * and the mm core, at -O2 without sanitizers, runs the three and joins their
 * "workload|RAM|n|ns" lines into one table.
 *
 * What is timed is free_area_init() from a fresh memblock, as the boot runs
 * it: the model's memmap_prepare() (SPARSEMEM: sections and their maps),
 * each node's sizing and memmap_alloc_node(), memmap_init() (one
 * __init_single_page() per pfn, the pageblock bits) and the report, divided
 * by the pages memmap_init() initialised.  RAM is [0, size); the models
 * allocate their maps from memblock, so the part where they do, 256 MiB from
 * 0x10000000, is real memory (mapped at that address: __va() is the
 * identity on the host); the rest is never touched but through struct pages.
 * The VMEMMAP window is tests/host/vmemmap_host.c's, as the unit tests':
 * a reserved range the stand-in vmemmap_populate() makes writable.  Each figure is the median of RUNS
 * runs, after one untimed run that takes the page faults.
 */
#include <asm/memory_model.h>
#include <asm/page.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/numa.h>
#include <mm/page_flags.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "hostlog.h"
#include "vmemmap_host.h"

#define RUNS		7
#define REAL_BASE	0x10000000UL	/* where allocations land: real memory */
#define REAL_SIZE	(256UL << 20)
#define LOOKUPS		(1UL << 22)


static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 median(u64 *v)
{
	qsort(v, RUNS, sizeof(*v), cmp_u64);
	return v[RUNS / 2];
}

/* One boot's free_area_init() over [0, @ram): returns its nanoseconds. */
static u64 boot(unsigned long ram)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	u64 t;

	memblock_reset_for_tests();
	memset(node_data, 0, sizeof(node_data));
#ifdef CONFIG_SPARSEMEM
	sparse_reset_for_tests();
#endif
	host_log_reset();
	memblock_add(0, ram);
	memblock_set_current_limit(REAL_BASE + REAL_SIZE);
	max_pfn = PFN_DOWN(ram);
	max_low_pfn = min(max_pfn, PFN_DOWN(REAL_BASE + REAL_SIZE));
	numa_init();
	max_zone_pfn[ZONE_DMA] = max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
	t = now_ns();
	free_area_init(max_zone_pfn);
	return now_ns() - t;
}

static void bench(unsigned long ram, const char *name)
{
	unsigned long pages = PFN_DOWN(ram), pfns = 0;
	size_t bytes = pages * sizeof(struct page);
	u64 init[RUNS], set[RUNS], look[RUNS];
	void *buf = malloc(bytes);
	volatile unsigned long sink = 0;

	if (!buf) {
		fprintf(stderr, "bench_memmap: no memory for %zu bytes\n", bytes);
		exit(1);
	}
	boot(ram);				/* page faults, untimed */
	memset(buf, 1, bytes);
	for (unsigned long pfn = 0; pfn < pages; pfn++)
		pfns += pfn_valid(pfn);
	if (pfns != pages || !host_log_contains("Memory model: ")) {
		fprintf(stderr, "bench_memmap: %lu of %lu pfns valid\n%s", pfns, pages, host_log());
		exit(1);
	}
	for (int r = 0; r < RUNS; r++) {
		u64 t;

		init[r] = boot(ram);
		t = now_ns();
		memset(buf, r, bytes);
		set[r] = now_ns() - t;
		t = now_ns();
		for (unsigned long i = 0, pfn = 12345; i < LOOKUPS; i++, pfn = (pfn + 7919) % pages)
			sink += page_to_pfn(pfn_to_page(pfn));
		look[r] = now_ns() - t;
	}
	(void)sink;
	printf("init|%s|%lu|%.2f\n", name, pages, (double)median(init) / pages);
	printf("memset|%s|%lu|%.2f\n", name, pages, (double)median(set) / pages);
	printf("lookup|%s|%lu|%.2f\n", name, LOOKUPS, (double)median(look) / LOOKUPS);
	free(buf);
}

int main(void)
{
	void *real = mmap((void *)REAL_BASE, REAL_SIZE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);

	if (real != (void *)REAL_BASE) {
		fprintf(stderr, "bench_memmap: cannot map memory at %#lx\n", REAL_BASE);
		return 1;
	}
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	if (vmemmap_host_map())
		return 1;
#endif
	bench(SZ_1G, "1 GiB");
	bench(3 * SZ_1G, "3 GiB");
	return 0;
}
