// SPDX-License-Identifier: MIT
/*
 * Host benchmark of memory hot-plug (`make bench`): what one memory block
 * costs to offline, online, remove and add, in all and per page, over the
 * real SPARSEMEM model with ARM's geometry (256 MiB sections, 65536 pages).
 *
 * tests/bench/bench.mk builds it as the unit tests build
 * test_memory_hotplug_sparsemem_arm (whose machine it borrows from
 * tests/unit/test_memory_hotplug.h: 256 MiB of low memory at 0x40000000 and
 * three HighMem sections of node 0), at -O2 without sanitizers.  Each run
 * boots that machine again (untimed), then times, on a boot HighMem section,
 * offline_pages() and online_pages(); on the section above low memory,
 * add_memory() (a memory map of 2^10 pages from the buddy allocator, 65536
 * struct pages initialised), online_pages() into Normal, offline_pages() and
 * remove_memory().  Each figure is the median of RUNS runs.  struct page is
 * 56 bytes on the host (32 in the kernels), so the map work is larger here.
 */
/* The machine's helpers: this program uses the boot ones only. */
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "../unit/test_memory_hotplug.h"
#include "bench.h"

#define RUNS	7

enum { OFFLINE_BOOT, ONLINE_BOOT, ADD, ONLINE_ADDED, OFFLINE_ADDED, REMOVE, NR_OPS };

static const char *const op_names[NR_OPS] = {
	"offline_pages, boot HighMem section", "online_pages, back into HighMem",
	"add_memory, one section (map from buddy)", "online_pages, added section (Normal)",
	"offline_pages, added section", "remove_memory, added section",
};

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void one_run(u64 ns[NR_OPS])
{
	unsigned long busy = 0, freed = 0;
	struct zone *zone;
	u64 t;

	reset(NULL);
	boot_one_node();

	t = now_ns();
	bench_check("offline", !offline_pages(HB2, SEC, &busy), "offline_pages(HB2) failed");
	ns[OFFLINE_BOOT] = now_ns() - t;
	zone = zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HB2, SEC);
	t = now_ns();
	bench_check("online", !online_pages(HB2, SEC, zone), "online_pages(HB2) failed");
	ns[ONLINE_BOOT] = now_ns() - t;

	t = now_ns();
	bench_check("add", !add_memory(0, PHYS(LOW1), SEC_BYTES), "add_memory(LOW1) failed");
	ns[ADD] = now_ns() - t;
	zone = zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW1, SEC);
	t = now_ns();
	bench_check("online", !online_pages(LOW1, SEC, zone), "online_pages(LOW1) failed");
	ns[ONLINE_ADDED] = now_ns() - t;
	t = now_ns();
	bench_check("offline", !offline_pages(LOW1, SEC, &busy), "offline_pages(LOW1) failed");
	ns[OFFLINE_ADDED] = now_ns() - t;
	t = now_ns();
	bench_check("remove", !remove_memory(PHYS(LOW1), SEC_BYTES, &freed), "remove_memory(LOW1) failed");
	ns[REMOVE] = now_ns() - t;
	bench_check("remove", freed == (1UL << MEMMAP_ORDER) + 1, "remove freed another count of pages");
}

int main(void)
{
	u64 ns[RUNS][NR_OPS], col[RUNS];

	if (ram_setup(NULL))
		return 1;
	one_run(ns[0]);			/* untimed: takes the page faults */
	for (int r = 0; r < RUNS; r++)
		one_run(ns[r]);
	printf("\nmemory hot-plug: one block of %lu pages, SPARSEMEM with ARM's sections (host, -O2, no "
	       "sanitizers, struct page of %zu bytes; median of %d runs)\n\n", SEC, sizeof(struct page), RUNS);
	printf("%-42s %12s %10s\n", "operation", "us/block", "ns/page");
	printf("%-42s %12s %10s\n", "------------------------------------------", "------------", "----------");
	for (int op = 0; op < NR_OPS; op++) {
		for (int r = 0; r < RUNS; r++)
			col[r] = ns[r][op];
		qsort(col, RUNS, sizeof(col[0]), cmp_u64);
		printf("%-42s %12.1f %10.2f\n", op_names[op], col[RUNS / 2] / 1000.0,
		       (double)col[RUNS / 2] / (double)SEC);
	}
	ram_teardown(NULL);
	return 0;
}
