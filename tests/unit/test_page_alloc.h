/* SPDX-License-Identifier: MIT */
/*
 * What the buddy allocator's unit tests (tests/unit/test_page_alloc*.c) share:
 * building zones over the host memory model, the early allocator's
 * hand-over done by hand, and a checker of every invariant of the free lists.
 *
 * A test describes memory with memblock_add_node() as an arch would, calls
 * pa_boot() with the zone limits (free_area_init(), then memmap_init()
 * initialises every struct page), and hands free ranges over with
 * pa_handover(), which cuts them into maximal aligned blocks as
 * free_all_bootmem() does.  pa_check() then verifies, zone by zone:
 *   - every block on a free list is PageBuddy, of the list's order, aligned,
 *     inside its zone, and no page is on two lists (or a list and a per-CPU
 *     list);
 *   - nr_free matches the lists, NR_FREE_PAGES matches the pages on them
 *     (isolated ones excepted), pcp->count the per-CPU lists;
 *   - no two free buddies of the same order are left unmerged.
 * The layouts are in pfns; "|" marks zone limits, "#" memory, "." holes.
 */
#ifndef BOOTMM_TEST_PAGE_ALLOC_H
#define BOOTMM_TEST_PAGE_ALLOC_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>
#include "../../mm/page_alloc_internal.h"
#include "hostlog.h"
#include "hostparam.h"

#define MiB(x)		((phys_addr_t)(x) << 20)
#define PFN_MiB(x)	((unsigned long)(x) << (20 - PAGE_SHIFT))

static struct pglist_data pa_nodes[MAX_NUMNODES];

/* Everything the allocator keeps in globals, back to a fresh boot. */
static inline void pa_reset(void)
{
	memblock_reset_for_tests();
	zone_movable_reset_for_tests();
	memset(pa_nodes, 0, sizeof(pa_nodes));
	memset(node_data, 0, sizeof(node_data));
	memset(vm_zone_stat, 0, sizeof(vm_zone_stat));
	_totalram_pages = 0;
	_totalhigh_pages = 0;
	totalreserve_pages = 0;
	page_group_by_mobility_disabled = 0;
	min_free_kbytes = 1024;
	user_min_free_kbytes = -1;
	init_on_alloc = false;
	init_on_free = false;
	per_cpu_pages_init(&boot_pageset);
	host_log_reset();
}

static inline int pa_setup(void **state)
{
	(void)state;
	pa_reset();
	return 0;
}

/*
 * Zones over what memblock holds, on @nr_nodes nodes: free_area_init() with
 * these limits (as a PC's zone_sizes_init(): DMA below @dma_end, Normal below
 * @low_end, HighMem below @high_end), then the zonelists.
 */
static inline void pa_boot_nodes(int nr_nodes, unsigned long dma_end, unsigned long low_end,
				 unsigned long high_end)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { dma_end, low_end, high_end, 0 };

	for (int nid = 0; nid < nr_nodes; nid++)
		node_data[nid] = &pa_nodes[nid];
	free_area_init(max_zone_pfn);
	build_all_zonelists(NULL);
}

static inline void pa_boot(unsigned long dma_end, unsigned long low_end, unsigned long high_end)
{
	pa_boot_nodes(1, dma_end, low_end, high_end);
}

/* [@start, @end) to the buddy allocator in maximal aligned blocks (nobootmem's way). */
static inline unsigned long pa_free_range(unsigned long start, unsigned long end)
{
	unsigned long count = end - start;

	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		if (start)
			order = min(order, (unsigned int)__builtin_ctzl(start));
		while (start + (1UL << order) > end)
			order--;
		__free_pages_bootmem(start, order);
		start += 1UL << order;
	}
	return count;
}

/* free_all_bootmem()'s part: zero managed counts, free the ranges, count them. */
static inline void pa_handover_begin(void)
{
	reset_all_zones_managed_pages();
}

static inline void pa_handover(unsigned long start, unsigned long end)
{
	totalram_pages_add((long)pa_free_range(start, end));
}

/* Every memblock.memory range, handed over whole (nothing reserved). */
static inline void pa_handover_all(void)
{
	unsigned long start, end;
	int i, nid;

	pa_handover_begin();
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid)
		pa_handover(start, end);
}

static inline struct zone *pa_zone(int nid, enum zone_type z)
{
	return &NODE_DATA(nid)->node_zones[z];
}

/*
 * The layout most tests use: one Normal zone of 32 MiB, handed over whole,
 * eight order-10 blocks (enough pages for grouping by mobility to be on).
 *   pfn 0      0x400      0x800  ...                           0x2000
 *       |#########################################################|  Normal
 */
static inline struct zone *pa_boot_32m(void)
{
	memblock_add_node(0, MiB(32), 0, MEMBLOCK_NONE);
	pa_boot(0, 0x2000, 0x2000);
	assert_true(host_log_contains("Built 1 zonelists, mobility grouping on.  Total pages: "));
	pa_handover_all();
	return pa_zone(0, ZONE_NORMAL);
}

/* alloc_pages()/__free_pages() by pfn; ~0UL for no page. */
static inline unsigned long pa_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? page_to_pfn(page) : ~0UL;
}

static inline void pa_free(unsigned long pfn, unsigned int order)
{
	__free_pages(pfn_to_page(pfn), order);
}

/* --- looking at the free lists ---------------------------------------------------- */

/* The number of blocks on @zone's list of @order and @mt. */
static inline unsigned long pa_list_len(struct zone *zone, unsigned int order, int mt)
{
	unsigned long n = 0;
	struct list_head *head = &zone->free_area[order].free_list[mt];

	for (struct list_head *pos = head->next; pos != head; pos = pos->next)
		n++;
	return n;
}

/* Is there a free block of @order at @pfn (on any list of its zone)? */
static inline bool pa_is_free_block(unsigned long pfn, unsigned int order)
{
	struct page *page = pfn_to_page(pfn);

	return PageBuddy(page) && buddy_order(page) == order;
}

/* The first block on @zone's list of @order and @mt, or ~0UL. */
static inline unsigned long pa_first_pfn(struct zone *zone, unsigned int order, int mt)
{
	struct page *page = list_first_entry_or_null(&zone->free_area[order].free_list[mt],
						     struct page, lru);

	return page ? page_to_pfn(page) : ~0UL;
}

/* Free pages of @zone on the buddy lists, all types. */
static inline unsigned long pa_zone_free(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free << order;
	return n;
}

/* Blocks of @order on @zone's lists, all types. */
static inline unsigned long pa_nr_free(struct zone *zone, unsigned int order)
{
	return zone->free_area[order].nr_free;
}

/*
 * The invariants, for every zone of every node.  @seen (optional, one byte
 * per pfn up to @nr_pfns) gets 1 for pages on the buddy lists and 2 for pages
 * on per-CPU lists.  Fails the test at the first broken one.
 */
static inline void pa_check_zones(unsigned char *seen, unsigned long nr_pfns)
{
	unsigned char *mark = seen;
	unsigned long limit = nr_pfns;

	if (!mark) {
		limit = PFN_UP(memblock_end_of_DRAM());
		mark = calloc(limit ? limit : 1, 1);
		assert_non_null(mark);
	} else {
		memset(mark, 0, nr_pfns);
	}

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = pa_zone(nid, z);
			unsigned long counted = 0;

			if (!zone->initialized)
				continue;
			for (unsigned int order = 0; order < MAX_ORDER; order++) {
				unsigned long blocks = 0;

				for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
					struct list_head *head = &zone->free_area[order].free_list[mt];

					for (struct list_head *pos = head->next; pos != head;
					     pos = pos->next) {
						struct page *page = container_of(pos, struct page, lru);
						unsigned long pfn = page_to_pfn(page);

						blocks++;
						assert_true(PageBuddy(page));
						assert_int_equal(buddy_order(page), order);
						assert_int_equal(pfn & ((1UL << order) - 1), 0);
						assert_true(zone_spans_pfn(zone, pfn));
						assert_true(zone_spans_pfn(zone, pfn + (1UL << order) - 1));
						assert_ptr_equal(page_zone(page), zone);
						assert_true(pfn + (1UL << order) <= limit);
						for (unsigned long i = 0; i < (1UL << order); i++) {
							assert_int_equal(mark[pfn + i], 0);
							mark[pfn + i] = 1;
						}
						if (!is_migrate_isolate(mt))
							counted += 1UL << order;
						/* Maximally merged: the buddy is not a free block of this order. */
						if (order < MAX_ORDER - 1) {
							unsigned long bpfn = __find_buddy_pfn(pfn, order);

							if (bpfn < limit && pfn_valid(bpfn) &&
							    page_zone_id_equal(page, pfn_to_page(bpfn)) &&
							    get_pageblock_migratetype(page) != MIGRATE_ISOLATE)
								assert_false(pa_is_free_block(bpfn, order));
						}
					}
				}
				assert_int_equal(blocks, zone->free_area[order].nr_free);
			}
			assert_int_equal(counted, zone_page_state(zone, NR_FREE_PAGES));

			if (zone->per_cpu_pageset && zone->per_cpu_pageset != &boot_pageset) {
				struct per_cpu_pages *pcp = zone->per_cpu_pageset;
				long on_lists = 0;

				for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
					struct list_head *head = &pcp->lists[pindex];
					unsigned int order = (unsigned int)pindex / MIGRATE_PCPTYPES;

					for (struct list_head *pos = head->next; pos != head;
					     pos = pos->next) {
						struct page *page = container_of(pos, struct page, lru);
						unsigned long pfn = page_to_pfn(page);

						assert_false(PageBuddy(page));
						assert_int_equal(page_ref_count(page), 0);
						assert_ptr_equal(page_zone(page), zone);
						for (unsigned long i = 0; i < (1UL << order); i++) {
							assert_int_equal(mark[pfn + i], 0);
							mark[pfn + i] = 2;
						}
						on_lists += 1L << order;
					}
				}
				assert_int_equal(on_lists, pcp->count);
			}
		}
	}
	assert_int_equal(boot_pageset.count, 0);
	if (!seen)
		free(mark);
}

static inline void pa_check(void)
{
	pa_check_zones(NULL, 0);
}

/* A snapshot of the free blocks: bit (pfn) set where a free block of the order starts. */
struct pa_snapshot {
	unsigned long nr_pfns;
	signed char *order_at;	/* -1: no block starts here */
};

static inline void pa_snapshot_take(struct pa_snapshot *s)
{
	s->nr_pfns = PFN_UP(memblock_end_of_DRAM());
	s->order_at = malloc(s->nr_pfns);
	assert_non_null(s->order_at);
	for (unsigned long pfn = 0; pfn < s->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(pfn);

		s->order_at[pfn] = PageBuddy(page) ? (signed char)buddy_order(page) : -1;
	}
}

static inline void pa_snapshot_assert_same(const struct pa_snapshot *s)
{
	for (unsigned long pfn = 0; pfn < s->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(pfn);
		signed char now = PageBuddy(page) ? (signed char)buddy_order(page) : -1;

		if (now != s->order_at[pfn])
			fail_msg("pfn %#lx: free block of order %d, was %d", pfn, now, s->order_at[pfn]);
	}
}

static inline void pa_snapshot_free(struct pa_snapshot *s)
{
	free(s->order_at);
	s->order_at = NULL;
}

#endif
