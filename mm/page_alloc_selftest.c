// SPDX-License-Identifier: MIT
/*
 * A boot-time self test of the buddy allocator (no Linux counterpart; the
 * closest are the checks CONFIG_DEBUG_VM adds).
 *
 * Boot pipeline: with "page_alloc_selftest" on the command line, start_kernel()
 * runs this once the page allocator owns all free memory.  For every zone
 * that has pages, and every order from 0 to MAX_ORDER - 1, it allocates a
 * block with the GFP flags that reach that zone, checks the block (aligned to
 * its order, in an allowed zone, one reference, not marked free), frees it,
 * and at the end checks that every zone's free counts — per order and in
 * total — are exactly what they were: nothing lost, nothing doubled.  The
 * result is one line, or a line per failure and a panic (the tests look for
 * either).
 */
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>

static bool selftest_requested __initdata;

static int __init page_alloc_selftest_setup(char *arg)
{
	(void)arg;
	selftest_requested = true;
	return 0;
}
early_param("page_alloc_selftest", page_alloc_selftest_setup);

/* The GFP flags whose zone is @z: DMA, Normal (kernel), HighMem/Movable (user). */
static gfp_t __init gfp_for_zone(enum zone_type z)
{
	switch (z) {
	case ZONE_DMA:		return GFP_KERNEL | __GFP_DMA;
	case ZONE_NORMAL:	return GFP_KERNEL;
	default:		return GFP_HIGHUSER_MOVABLE;
	}
}

struct free_counts {
	unsigned long nr_free[MAX_NUMNODES][MAX_NR_ZONES][MAX_ORDER];
	unsigned long total;
};

static void __init count_free(struct free_counts *c)
{
	drain_all_pages(NULL);		/* per-CPU list pages back to the free lists */
	c->total = nr_free_pages();
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; nid < MAX_NUMNODES && NODE_DATA(nid) && z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				c->nr_free[nid][z][o] = NODE_DATA(nid)->node_zones[z].free_area[o].nr_free;
}

static int __init check_block(struct page *page, unsigned int order, enum zone_type want)
{
	unsigned long pfn = page_to_pfn(page);
	enum zone_type got = page_zonenum(page);

	if (pfn & ((1UL << order) - 1)) {
		pr_err("page_alloc_selftest: order-%u block at pfn %#lx is not aligned\n", order, pfn);
		return 1;
	}
	/* A zone's allocation may fall back to a lower zone, never to a higher one. */
	if (got > want) {
		pr_err("page_alloc_selftest: order-%u for zone %s came from zone %s\n",
		       order, zone_names[want], zone_names[got]);
		return 1;
	}
	if (page_ref_count(page) != 1 || PageBuddy(page) || PageReserved(page)) {
		pr_err("page_alloc_selftest: pfn %#lx: refcount %d, buddy %d, reserved %d after allocation\n",
		       pfn, page_ref_count(page), PageBuddy(page), PageReserved(page));
		return 1;
	}
	return 0;
}

void __init page_alloc_selftest(void)
{
	static struct free_counts before __initdata, after __initdata;
	unsigned long allocations = 0;
	int errors = 0, zones = 0;

	if (!selftest_requested)
		return;
	count_free(&before);
	for (enum zone_type z = ZONE_DMA; z < ZONE_MOVABLE; z++) {
		bool populated = false;

		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			if (NODE_DATA(nid) && populated_zone(&NODE_DATA(nid)->node_zones[z]))
				populated = true;
		if (!populated)
			continue;
		zones++;
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct page *page = alloc_pages(gfp_for_zone(z) | __GFP_NOWARN, order);

			if (!page)
				continue;	/* no block that big left: not an error */
			allocations++;
			errors += check_block(page, order, z);
			__free_pages(page, order);
		}
	}
	count_free(&after);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; NODE_DATA(nid) && z < MAX_NR_ZONES; z++)
			for (int o = 0; o < MAX_ORDER; o++)
				if (before.nr_free[nid][z][o] != after.nr_free[nid][z][o]) {
					pr_err("page_alloc_selftest: node %d zone %s order %d: %lu free blocks before, %lu after\n",
					       nid, zone_names[z], o, before.nr_free[nid][z][o],
					       after.nr_free[nid][z][o]);
					errors++;
				}
	if (before.total != after.total) {
		pr_err("page_alloc_selftest: %lu free pages before, %lu after\n", before.total, after.total);
		errors++;
	}
	if (errors)
		panic("page_alloc_selftest: %d errors", errors);
	pr_info("page_alloc_selftest: %lu allocations of orders 0-%d in %d zones: free lists restored, OK\n",
		allocations, MAX_ORDER - 1, zones);
}
