// SPDX-License-Identifier: MIT
/*
 * Unit tests of watermarks, lowmem reserves, per-CPU list sizes and the
 * zonelist summary line (mm/watermark.c, mm/zonelist.c), checked against
 * Linux 6.1's own figures: the /proc/zoneinfo of Debian's 686-pae and
 * armmp-lpae kernels booted on the same QEMU machines
 * (tests/golden/linux/{i386,armhf}-m{128M,1G,3G}-initrd.log) and their "Built 1 zonelists"
 * lines (tests/golden/linux/).
 *
 * Linux's zones do not hold bootmm's page counts (its struct page is 40
 * bytes on 686-pae and 36 on armmp-lpae, bootmm's 32; its kernel, initrd and
 * reservations differ), so each case gives the formulas Linux's inputs:
 *   - managed pages when the watermarks were computed (a postcore initcall):
 *     zoneinfo's managed, less the initrd and init memory freed later
 *     (i386: 260 + 232 pages, armhf: 216 + 512);
 *   - min_free_kbytes: on machines of 512 MiB and more, Debian's transparent
 *     huge pages make khugepaged raise it (to 2 pageblocks + 9 per lowmem
 *     zone, at most 5% of lowmem); there it is given, as recovered from
 *     zoneinfo's min.  On 128 MiB THP is off and calculate_min_free_kbytes()
 *     computes it: the test checks that too.
 * With those, bootmm must give exactly Linux's min, low, high, protection
 * (lowmem_reserve), and per-CPU high and batch.
 */
#include "test_page_alloc.h"

struct linux_case {
	const char *name;
	phys_addr_t ram_base, ram_size;	/* 0 base: a PC, with its BIOS holes */
	unsigned long zone_end[3];	/* max_zone_pfn for DMA, Normal, HighMem */
	unsigned long managed[MAX_NR_ZONES];
	int min_free_kbytes;		/* given; 0: computed, expect ... */
	int expect_min_free_kbytes;
	unsigned long wmark[MAX_NR_ZONES][3];	/* min, low, high */
	long protection[MAX_NR_ZONES][MAX_NR_ZONES];
	int pcp_high[MAX_NR_ZONES], pcp_batch[MAX_NR_ZONES];	/* populated zones */
	unsigned long managed_estimate[MAX_NR_ZONES];	/* free_area_init()'s, with Linux's struct page */
	const char *built;
};

static const struct linux_case linux_cases[] = {
	{
		.name = "i386 -m 128M",
		.ram_size = MiB(128), .zone_end = { 0x1000, 0x7fe0, 0x7fe0 },
		.managed = { 3840, 24131, 0, 0 },
		.expect_min_free_kbytes = 1337,
		.wmark = { { 45, 56, 67 }, { 288, 360, 432 }, { 32, 32, 32 }, { 0, 0, 0 } },
		.protection = { { 0, 94, 94, 94 } },
		.pcp_high = { 56, 360 }, .pcp_batch = { 1, 3 },
		.managed_estimate = { 3958, 28360, 0, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 32318\n",
	},
	{
		.name = "i386 -m 1G",
		.ram_size = MiB(1024), .zone_end = { 0x1000, 0x36ffe, 0x3ffe0 },
		.managed = { 3840, 214265, 36834, 0 },
		.min_free_kbytes = 43340,
		.wmark = { { 190, 237, 284 }, { 10644, 13305, 15966 }, { 35, 492, 949 }, { 32, 32, 32 } },
		.protection = { { 0, 836, 980, 980 }, { 0, 0, 1151, 1151 } },
		.pcp_high = { 237, 13305, 492 }, .pcp_batch = { 1, 63, 7 },
		.managed_estimate = { 3958, 219022, 36834, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 259814\n",
	},
	{
		.name = "i386 -m 3G",
		.ram_size = MiB(3072), .zone_end = { 0x1000, 0x36ffe, 0xbffe0 },
		.managed = { 3840, 209145, 561122, 0 },
		.min_free_kbytes = 42320,
		.wmark = { { 190, 237, 284 }, { 10389, 12986, 15583 }, { 128, 7096, 14064 },
			   { 32, 32, 32 } },
		.protection = { { 0, 816, 3008, 3008 }, { 0, 0, 17535, 17535 } },
		.pcp_high = { 237, 12986, 7096 }, .pcp_batch = { 1, 63, 63 },
		.managed_estimate = { 3958, 219022, 561122, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 784102\n",
	},
	{
		.name = "armhf -m 128M",
		.ram_base = 0x40000000, .ram_size = MiB(128), .zone_end = { 0x48000, 0x48000, 0x48000 },
		.managed = { 26805, 0, 0, 0 },
		.expect_min_free_kbytes = 1309,
		.wmark = { { 327, 408, 489 }, { 0, 0, 0 }, { 32, 32, 32 }, { 0, 0, 0 } },
		.pcp_high = { 408 }, .pcp_batch = { 7 },
		.managed_estimate = { 32480, 0, 0, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 32480\n",
	},
	{
		.name = "armhf -m 1G",
		.ram_base = 0x40000000, .ram_size = MiB(1024), .zone_end = { 0x70000, 0x70000, 0x80000 },
		.managed = { 188469, 0, 65536, 0 },
		.min_free_kbytes = 22528,
		.wmark = { { 5632, 7040, 8448 }, { 0, 0, 0 }, { 64, 553, 1042 }, { 32, 32, 32 } },
		.protection = { { 0, 0, 256, 256 } },
		.pcp_high = { 7040, 0, 553 }, .pcp_batch = { 63, 0, 15 },
		.managed_estimate = { 194880, 0, 65536, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 260416\n",
	},
	{
		.name = "armhf -m 3G",
		.ram_base = 0x40000000, .ram_size = MiB(3072), .zone_end = { 0x70000, 0x70000, 0x100000 },
		.managed = { 167349, 0, 589824, 0 },
		.min_free_kbytes = 22528,
		.wmark = { { 5632, 7040, 8448 }, { 0, 0, 0 }, { 128, 5090, 10052 }, { 32, 32, 32 } },
		.protection = { { 0, 0, 2304, 2304 } },
		.pcp_high = { 7040, 0, 5090 }, .pcp_batch = { 31, 0, 63 },
		.managed_estimate = { 194880, 0, 589824, 0 },
		.built = "Built 1 zonelists, mobility grouping on.  Total pages: 784704\n",
	},
};

/* The machine's memory, as its firmware reports it to memblock. */
static void linux_case_memory(const struct linux_case *c)
{
	if (c->ram_base) {
		memblock_add_node(c->ram_base, c->ram_size, 0, MEMBLOCK_NONE);
		return;
	}
	/* QEMU's PC: [4K, 636K) and [1M, size - 128K), below 3.5 GiB. */
	memblock_add_node(0x1000, 0x9e000, 0, MEMBLOCK_NONE);
	memblock_add_node(0x100000, c->ram_size - 0x20000 - 0x100000, 0, MEMBLOCK_NONE);
}

static void check_linux_case(const struct linux_case *c)
{
	print_message("  %s\n", c->name);
	pa_reset();
	linux_case_memory(c);
	pa_boot(c->zone_end[0], c->zone_end[1], c->zone_end[2]);

	/* The summary line, from free_area_init()'s estimates with Linux's struct page. */
	for (int z = 0; z < MAX_NR_ZONES; z++)
		pa_zone(0, z)->managed_pages = c->managed_estimate[z];
	host_log_reset();
	build_all_zonelists(NULL);
	assert_string_equal(host_log(), c->built);

	/* The hand-over's exact counts, then what init_per_zone_wmark_min() does. */
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = pa_zone(0, z);

		zone->managed_pages = c->managed[z];
		if (populated_zone(zone))
			assert_true(zone->managed_pages <= zone->present_pages);
	}
	setup_per_cpu_pageset();
	if (c->min_free_kbytes) {
		min_free_kbytes = c->min_free_kbytes;
		setup_per_zone_wmarks();
		setup_per_zone_lowmem_reserve();
	} else {
		init_per_zone_wmark_min();
		assert_int_equal(min_free_kbytes, c->expect_min_free_kbytes);
	}

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = pa_zone(0, z);

		assert_int_equal(min_wmark_pages(zone), c->wmark[z][0]);
		assert_int_equal(low_wmark_pages(zone), c->wmark[z][1]);
		assert_int_equal(high_wmark_pages(zone), c->wmark[z][2]);
		for (int j = 0; j < MAX_NR_ZONES; j++)
			assert_int_equal(zone->lowmem_reserve[j], c->protection[z][j]);
		if (populated_zone(zone)) {
			assert_int_equal(zone->per_cpu_pageset->high, c->pcp_high[z]);
			assert_int_equal(zone->per_cpu_pageset->batch, c->pcp_batch[z]);
		}
	}
}

static void test_linux_zoneinfo(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(linux_cases); i++)
		check_linux_case(&linux_cases[i]);
}

/* calculate_min_free_kbytes(): sqrt(16 * lowmem KiB), clamped to [128, 262144]. */
static void test_min_free_kbytes_formula(void **state)
{
	static const struct {
		unsigned long lowmem_pages;
		int kbytes;
	} table[] = {
		/* Linux's comment: 16MB: 512k, 64MB: 1024k, 1024MB: 4096k, 16384MB: 16384k */
		{ 4096, 512 }, { 16384, 1024 }, { 262144, 4096 }, { 4194304, 16384 },
		{ 100, 128 },		/* tiny: the floor */
		{ 1UL << 31, 262144 },	/* 8 TiB of lowmem: the ceiling */
	};

	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	pa_boot(0x1000, 0x4000, 0x4000);
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		pa_zone(0, ZONE_DMA)->managed_pages = 0;
		pa_zone(0, ZONE_NORMAL)->managed_pages = table[i].lowmem_pages;
		for (int z = 0; z < MAX_NR_ZONES; z++)
			pa_zone(0, z)->_watermark[WMARK_HIGH] = 0;
		calculate_min_free_kbytes();
		assert_int_equal(min_free_kbytes, table[i].kbytes);
	}
	/* A value set by the user wins over a smaller computed one, and says so. */
	user_min_free_kbytes = 8192;
	min_free_kbytes = 8192;
	pa_zone(0, ZONE_NORMAL)->managed_pages = 4096;
	calculate_min_free_kbytes();
	assert_int_equal(min_free_kbytes, 8192);
	assert_true(host_log_contains("min_free_kbytes is not updated to 512 because user defined value 8192 is preferred\n"));
}

/*
 * The watermarks at work, on a PC-like 64 MiB (DMA 0-0x1000, Normal to
 * 0x3000, HighMem to 0x4000) after the hand-over and init_per_zone_wmark_min():
 * GFP_KERNEL allocations take Normal down to its low watermark (the fast
 * path's mark), then DMA down to its low; then the slow path takes each zone
 * down to min, DMA keeping also its reserve against allocations that could
 * have used Normal.  GFP_ATOMIC may go further: min/2, then a quarter of
 * that less; __GFP_MEMALLOC to nothing.  The boot pageset keeps the per-CPU
 * lists out of the count.
 */
static void test_watermarks_stop_allocations(void **state)
{
	struct zone *dma, *normal, *high;
	long dma_floor, atomic_min;
	struct page *page;

	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	pa_boot(0x1000, 0x3000, 0x4000);
	pa_handover_all();
	init_per_zone_wmark_min();
	dma = pa_zone(0, ZONE_DMA);
	normal = pa_zone(0, ZONE_NORMAL);
	high = pa_zone(0, ZONE_HIGHMEM);
	assert_true(min_wmark_pages(normal) > 0);
	assert_int_equal(dma->lowmem_reserve[ZONE_NORMAL], 0x2000 / 256);
	assert_int_equal(dma->lowmem_reserve[ZONE_HIGHMEM], 0x3000 / 256);
	assert_int_equal(normal->lowmem_reserve[ZONE_HIGHMEM], 0x1000 / 32);
	assert_int_equal(high->lowmem_reserve[ZONE_MOVABLE], 0);
	/* HighMem's min is the token clamp(managed / 1024, 32, 128). */
	assert_int_equal(min_wmark_pages(high), 32);
	assert_int_equal(totalreserve_pages,
			 high_wmark_pages(dma) + dma->lowmem_reserve[ZONE_HIGHMEM] +
			 high_wmark_pages(normal) + normal->lowmem_reserve[ZONE_HIGHMEM] +
			 high_wmark_pages(high));

	/* GFP_KERNEL takes Normal down to its low watermark, then (the fast path) DMA... */
	while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)) && page_zone(page) == normal)
		;
	assert_non_null(page);
	assert_ptr_equal(page_zone(page), dma);
	assert_int_equal(zone_page_state(normal, NR_FREE_PAGES), low_wmark_pages(normal));
	/* ...and once every zone is at low, the slow path goes down to min: in
	 * DMA, min plus its reserve against allocations that could use Normal. */
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;
	assert_int_equal(zone_page_state(normal, NR_FREE_PAGES), min_wmark_pages(normal));
	dma_floor = (long)min_wmark_pages(dma) + dma->lowmem_reserve[ZONE_NORMAL];
	assert_int_equal(zone_page_state(dma, NR_FREE_PAGES), dma_floor);
	/* GFP_ATOMIC: ALLOC_HIGH halves min, ALLOC_HARDER takes a quarter off that. */
	atomic_min = (long)min_wmark_pages(dma) - (long)min_wmark_pages(dma) / 2;
	atomic_min -= atomic_min / 4;
	while (alloc_pages_node(0, GFP_ATOMIC | __GFP_NOWARN | __GFP_DMA, 0))
		;
	assert_int_equal(zone_page_state(dma, NR_FREE_PAGES),
			 atomic_min + dma->lowmem_reserve[ZONE_DMA]);
	/* __GFP_MEMALLOC ignores the watermarks. */
	while (alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_DMA | __GFP_NOWARN, 0))
		;
	assert_int_equal(zone_page_state(dma, NR_FREE_PAGES), 0);
	/* HighMem was never touched by GFP_KERNEL. */
	assert_int_equal(zone_page_state(high, NR_FREE_PAGES), 0x1000);
	pa_check();
}

/*
 * zone_watermark_ok() for higher orders: the order-0 test passes, but no
 * free block of the order exists.
 */
static void test_watermark_ok_needs_a_block_of_the_order(void **state)
{
	struct zone *normal;

	(void)state;
	normal = pa_boot_32m();
	assert_true(zone_watermark_ok(normal, 10, 0, ZONE_NORMAL, 0));
	/* Take every other page: plenty free, nothing bigger than order 0. */
	for (unsigned long pfn = 0; pfn < 0x2000; pfn++)
		assert_non_null(alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	for (unsigned long pfn = 0; pfn < 0x2000; pfn += 2)
		__free_pages(pfn_to_page(pfn), 0);
	assert_int_equal(zone_page_state(normal, NR_FREE_PAGES), 0x1000);
	assert_true(zone_watermark_ok(normal, 0, 100, ZONE_NORMAL, 0));
	assert_false(zone_watermark_ok(normal, 1, 100, ZONE_NORMAL, 0));
	assert_false(zone_watermark_ok(normal, 0, 0x1000, ZONE_NORMAL, 0));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1));
	pa_check();
}

/*
 * The per-CPU lists: an allocation refills a batch, frees stay until the
 * lists hold `high` pages, then a batch (doubling while frees go on without
 * allocations) goes back; draining empties them.  NR_FREE_PAGES never counts
 * what waits on them.
 */
static void test_pcp_batch_and_high(void **state)
{
	static struct page *pages[4096];
	struct per_cpu_pages *pcp;
	struct zone *normal;
	int batch, high;

	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	pa_boot(0, 0x4000, 0x4000);
	pa_handover_all();
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	normal = pa_zone(0, ZONE_NORMAL);
	pcp = normal->per_cpu_pageset;
	assert_ptr_equal(pcp, &normal->pcp);
	batch = pcp->batch;
	high = pcp->high;
	assert_int_equal(batch, zone_batchsize(normal));
	assert_int_equal(high, (int)low_wmark_pages(normal));
	assert_int_equal(batch, 3);	/* 0x4000 pages: 16 >> 2 = 4, +2 = 6, 2^2 - 1 */

	pages[0] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	assert_int_equal(pcp->count, batch - 1);
	assert_int_equal(nr_free_pages(), 0x4000 - batch);
	/* An order-2 refill takes max(batch >> 2, 2) blocks. */
	pages[1] = alloc_pages(GFP_HIGHUSER_MOVABLE, 2);
	assert_int_equal(pcp->count, batch - 1 + 4);
	pa_check();
	__free_pages(pages[1], 2);
	__free_pages(pages[0], 0);
	drain_all_pages(NULL);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(nr_free_pages(), 0x4000);
	pa_check();

	/* Frees pile up to high, then go back in batches. */
	for (int i = 0; i < high + 10 && i < 4096; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	drain_all_pages(NULL);
	for (int i = 0; i < high - 1; i++) {
		__free_pages(pages[i], 0);
		assert_int_equal(pcp->count, i + 1);
	}
	__free_pages(pages[high - 1], 0);
	assert_true(pcp->count < high);
	assert_true(pcp->count >= batch);
	pa_check();
	for (int i = high; i < high + 10; i++)
		__free_pages(pages[i], 0);
	drain_all_pages(NULL);
	assert_int_equal(nr_free_pages(), 0x4000);
	assert_true(pa_is_free_block(0, 10));
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_linux_zoneinfo, pa_setup),
		cmocka_unit_test_setup(test_min_free_kbytes_formula, pa_setup),
		cmocka_unit_test_setup(test_watermarks_stop_allocations, pa_setup),
		cmocka_unit_test_setup(test_watermark_ok_needs_a_block_of_the_order, pa_setup),
		cmocka_unit_test_setup(test_pcp_batch_and_high, pa_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
