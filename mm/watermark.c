// SPDX-License-Identifier: MIT
/*
 * Watermarks, lowmem reserves and per-CPU list sizes: how much of each zone
 * the allocator keeps back, and from whom (Linux 6.1's mm/page_alloc.c:
 * calculate_min_free_kbytes(), __setup_per_zone_wmarks(),
 * setup_per_zone_lowmem_reserve(), zone_highsize(), __zone_watermark_ok()).
 *
 *   min_free_kbytes   = sqrt(16 * lowmem in KiB), clamped to [128 KiB, 256 MiB]:
 *                       what lowmem should always have free (4 MiB on 1 GiB)
 *   WMARK_MIN         each lowmem zone's share of it, by managed pages;
 *                       HighMem gets a token managed/1024 in [32, 128]
 *   WMARK_LOW, _HIGH  min + d and min + 2d, d = max(min/4, 0.1% of the zone)
 *   lowmem_reserve[j] pages zone i keeps from allocations that could have
 *                       used zone j > i: (managed pages of zones i+1..j) / ratio
 *                       with ratio 256 for DMA, 32 for Normal
 *   pcp high, batch   per-CPU lists: flush at the low watermark, move batches
 *                       of about 0.1% of the zone (zone_batchsize())
 *
 * An ordinary allocation takes pages from a zone only while its free pages
 * stay above low + lowmem_reserve; GFP_ATOMIC and __GFP_HIGH ones may go
 * below min (by 1/4 and 1/2).  Between low and min, Linux's kswapd would
 * reclaim in the background; bootmm has no kswapd (and no boosting of the
 * watermarks, which only kswapd undoes).
 *
 * Boot pipeline: init_per_zone_wmark_min() once the hand-over has made
 * managed_pages exact (Linux: a postcore initcall); setup_per_cpu_pageset()
 * before it (start_kernel, after mm_init).  Memory hot-plug runs
 * init_per_zone_wmark_min() again after each online and offline, and
 * setup_zone_pageset()/zone_pcp_reset() for a zone it populates or empties.
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include "page_alloc_internal.h"

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;	/* 0.1% of a zone between watermarks, at least */
int watermark_boost_factor;		/* Linux: 15000 (150%); 0 disables boosting */
int percpu_pagelist_high_fraction;	/* 0: pcp high follows the low watermark */
unsigned long totalreserve_pages;

/*
 * The lowmem reserve ratios of Linux 6.1 on a 32-bit machine: an allocation
 * that could have used Normal leaves 1/256 of what lies above DMA in DMA;
 * one that could have used HighMem leaves 1/32 of HighMem's size in Normal.
 */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256,
	[ZONE_NORMAL] = 32,
	[ZONE_HIGHMEM] = 0,
	[ZONE_MOVABLE] = 0,
};

#define SWAP_CLUSTER_MAX	32UL

/* floor(sqrt(x)), one result bit at a time from the top. */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit;

	if (x <= 1)
		return x;
	bit = 1UL << ((8 * sizeof(long) - 2) & ~1UL);
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

/* @n * @num / @den without overflowing, as Linux's mult_frac(). */
static unsigned long mult_frac(unsigned long n, unsigned long num, unsigned long den)
{
	unsigned long q = n / den, r = n % den;

	return q * num + r * num / den;
}

/**
 * calculate_totalreserve_pages - pages user space can never have
 *
 * For each zone, its largest lowmem reserve plus its high watermark (capped
 * at the zone's size): memory the allocator keeps back whatever happens.
 */
void calculate_totalreserve_pages(void)
{
	unsigned long reserve_pages = 0;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		pgdat->totalreserve_pages = 0;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			unsigned long managed_pages = zone_managed_pages(zone);
			long max = 0;

			for (int j = i; j < MAX_NR_ZONES; j++)
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			max += (long)high_wmark_pages(zone);
			if ((unsigned long)max > managed_pages)
				max = (long)managed_pages;
			pgdat->totalreserve_pages += (unsigned long)max;
			reserve_pages += (unsigned long)max;
		}
	}
	totalreserve_pages = reserve_pages;
}

/**
 * setup_per_zone_lowmem_reserve - each zone's reserve against higher-zone allocations
 *
 * zone[i].lowmem_reserve[j] = (managed pages of zones i+1..j) / ratio[i];
 * zero if the ratio is 0 or the zone manages nothing.  A GFP_HIGHUSER
 * allocation falling back to ZONE_NORMAL must leave that many pages in it,
 * for the kernel's own allocations that cannot use HighMem.
 */
void setup_per_zone_lowmem_reserve(void)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed_pages = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : (long)(managed_pages /
									    (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages();
}

/*
 * Each zone's watermarks from min_free_kbytes.  Lowmem zones share
 * min_free_kbytes in proportion to their managed pages.  HighMem (and a
 * Movable zone carved from it) gets only a small min: the allocations that
 * may dig below min (__GFP_HIGH, reclaim) are kernel ones that cannot use
 * HighMem anyway; its low and high still grow with its size, as they pace
 * background reclaim.
 */
static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_pages += zone_managed_pages(zone);

	for_each_zone(zone) {
		u64 tmp = 0;

		if (lowmem_pages)
			tmp = (u64)pages_min * zone_managed_pages(zone) / lowmem_pages;
		if (is_highmem(zone)) {
			unsigned long min_pages = zone_managed_pages(zone) / 1024;

			zone->_watermark[WMARK_MIN] = clamp(min_pages, SWAP_CLUSTER_MAX, 128UL);
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}

		/* The distance between watermarks: a quarter of min, or 0.1% of the zone. */
		tmp = max_t(u64, tmp >> 2, mult_frac(zone_managed_pages(zone),
						     (unsigned long)watermark_scale_factor, 10000));
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + (unsigned long)tmp;
		zone->_watermark[WMARK_PROMO] = high_wmark_pages(zone) + (unsigned long)tmp;
	}
	calculate_totalreserve_pages();
}

/**
 * setup_per_zone_wmarks - set every zone's watermarks from min_free_kbytes
 *
 * The per-CPU lists' high follows the low watermark, so it is updated too.
 */
void setup_per_zone_wmarks(void)
{
	struct zone *zone;

	__setup_per_zone_wmarks();
	for_each_zone(zone)
		zone_pcp_update(zone, 0);
}

/**
 * calculate_min_free_kbytes - min_free_kbytes from the size of lowmem
 *
 * sqrt(16 * lowmem in KiB): 512 KiB for 16 MiB, 4 MiB for 1 GiB, 16 MiB
 * for 16 GiB; more memory needs a reserve, but not a proportional one.
 * Lowmem is nr_free_buffer_pages(), so the zonelists must be built.
 */
void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	int new_min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > user_min_free_kbytes)
		min_free_kbytes = clamp(new_min_free_kbytes, 128, 262144);
	else
		pr_warn("min_free_kbytes is not updated to %d because user defined value %d is preferred\n",
			new_min_free_kbytes, user_min_free_kbytes);
}

/**
 * init_per_zone_wmark_min - watermarks and reserves for every zone
 *
 * Context: at boot after the hand-over (managed_pages exact) and
 * setup_per_cpu_pageset(); again whenever memory hot-plug changes a zone.  Linux runs it as a postcore initcall; with
 * transparent huge pages, khugepaged raises min_free_kbytes afterwards
 * (Debian's 686-pae and armmp kernels do), bootmm has none.
 *
 * Return: 0.
 */
int init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	return 0;
}

/* --- per-CPU list sizes ---------------------------------------------------------- */

/*
 * zone_highsize - how many pages a CPU's lists may hold before flushing
 *
 * The zone's low watermark, split between the CPUs of its node (bootmm: one),
 * so that full per-CPU lists never push the zone below low by themselves;
 * at least four batches.
 */
int zone_highsize(struct zone *zone, int batch, int cpu_online)
{
	unsigned long total_pages;
	int high, nr_split_cpus;

	if (!percpu_pagelist_high_fraction)
		total_pages = low_wmark_pages(zone);
	else
		total_pages = zone_managed_pages(zone) / (unsigned long)percpu_pagelist_high_fraction;

	/* The CPUs on the zone's node (bootmm's CPU is on node 0), else all online ones. */
	nr_split_cpus = (zone->zone_pgdat->node_id == numa_node_id()) + cpu_online;
	if (!nr_split_cpus)
		nr_split_cpus = 1;
	high = (int)(total_pages / (unsigned long)nr_split_cpus);
	return max(high, batch << 2);
}

static void zone_set_pageset_high_and_batch(struct zone *zone, int cpu_online)
{
	int new_batch = max(1, zone_batchsize(zone));
	int new_high = zone_highsize(zone, new_batch, cpu_online);

	if (zone->pageset_high == new_high && zone->pageset_batch == new_batch)
		return;
	zone->pageset_high = new_high;
	zone->pageset_batch = new_batch;
	zone->per_cpu_pageset->high = new_high;
	zone->per_cpu_pageset->batch = new_batch;
}

/**
 * zone_pcp_update - recompute @zone's per-CPU high and batch
 * @zone: the zone
 * @cpu_online: a CPU coming online not counted yet (0 at boot)
 *
 * Zones still on the shared boot pageset (empty ones) keep its values.
 */
void zone_pcp_update(struct zone *zone, int cpu_online)
{
	if (!zone->per_cpu_pageset || zone->per_cpu_pageset == &boot_pageset)
		return;
	zone_set_pageset_high_and_batch(zone, cpu_online);
}

/**
 * setup_per_cpu_pageset - give every populated zone its own per-CPU lists
 *
 * Until now they shared the boot pageset, which keeps nothing.  Context:
 * after the hand-over (batch comes from managed_pages).
 */
void __init setup_per_cpu_pageset(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		setup_zone_pageset(zone);
}

/**
 * setup_zone_pageset - give @zone its own per-CPU lists
 * @zone: a populated zone (at boot, or one memory hot-plug just populated)
 */
void setup_zone_pageset(struct zone *zone)
{
	per_cpu_pages_init(&zone->pcp);
	zone->per_cpu_pageset = &zone->pcp;
	zone_set_pageset_high_and_batch(zone, 0);
}

/**
 * zone_pcp_reset - put @zone back on the boot pageset
 * @zone: a zone memory hot-plug just emptied (its lists drained already:
 *	  offlining isolated every pageblock, which drains them)
 */
void zone_pcp_reset(struct zone *zone)
{
	zone->per_cpu_pageset = &boot_pageset;
	zone->pageset_high = boot_pageset.high;
	zone->pageset_batch = boot_pageset.batch;
}

/* --- the watermark check ------------------------------------------------------------- */

/* Free pages this allocation may not count: the highatomic reserve, unless atomic. */
static inline long __zone_watermark_unusable_free(struct zone *z, unsigned int order,
						  unsigned int alloc_flags)
{
	long unusable_free = (1L << order) - 1;

	if (likely(!(alloc_flags & (ALLOC_HARDER | ALLOC_OOM))))
		unusable_free += (long)z->nr_reserved_highatomic;
	return unusable_free;
}

/**
 * __zone_watermark_ok - may an allocation take 2^@order pages from @z?
 * @z: the zone
 * @order: the allocation's order
 * @mark: the watermark it is held to (min, low or high)
 * @highest_zoneidx: the highest zone it could have used (for lowmem_reserve)
 * @alloc_flags: ALLOC_HIGH lowers @mark by half, ALLOC_HARDER by a quarter
 * @free_pages: the zone's free pages
 *
 * Order 0: free pages (minus what the allocation may not count) must stay
 * above @mark plus the zone's reserve against @highest_zoneidx.  Higher
 * orders must pass that too, and a free block of the order must exist.
 *
 * Return: true if it may.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;
	const bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (unlikely(alloc_harder)) {
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
		else
			min -= min / 4;
	}

	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;

	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if (alloc_harder && !list_empty(&area->free_list[MIGRATE_HIGHATOMIC]))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

/* The allocation fast path's check: order 0 without walking the free lists. */
bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);

	if (!order) {
		long usable_free = free_pages;
		long reserved = __zone_watermark_unusable_free(z, 0, alloc_flags);

		usable_free -= min(usable_free, reserved);
		if (usable_free > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages);
}
