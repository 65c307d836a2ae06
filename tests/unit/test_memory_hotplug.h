/* SPDX-License-Identifier: MIT */
/*
 * What the memory hot-plug tests share (tests/unit/test_memory_hotplug_*.c):
 * a machine booted as start_kernel() boots it, up to mem_init(), over the
 * real sparse memory model, and snapshots of everything hot-plug may change.
 * tests/tests.mk builds each program like the memory-model tests: the real
 * mm/memory_model/<model>.c, sparse.c and sparse_hotplug.c, the mm core with
 * the model's CONFIG_ symbols, and the section geometry of x86 (512 MiB) or,
 * for a name ending in _arm, ARM (256 MiB).
 *
 * Host memory: as in test_memory_model.h, __va()/__pa() are the identity,
 * and what the kernel writes must be real.  [REAL_BASE, REAL_END) = 512 MiB
 * at 0x40000000 is mapped (lazily: MAP_NORESERVE).  Boot's low memory is its
 * first 256 MiB, and memblock allocates there only; the rest is the one
 * section above it that ARM's geometry can hot-add as low memory (its pages
 * may then hold memory maps and usages).  Every other bank is made up:
 * HighMem and Movable pages are never written, only their struct pages.
 *
 * The machine, in sections after the one of 0x40000000 (x86: section 2,
 * ARM: section 4), SPFN(i) being the first pfn of the i-th.  Zones span
 * from their arch limit (or the node's start) to the node's end, holes
 * included, as Linux's zone_spanned_pages_in_node() makes them:
 *
 *   SPFN(0)    bank A: [0x40000000, +256 MiB), node 0: DMA (16 MiB), Normal
 *   SPFN(1)    LOW1: no memory at boot, a hole inside Normal's span (but
 *              above it with boot_lowmem_only(), where the node ends at bank A)
 *   SPFN(2)    max_low_pfn (x86 2 GiB, ARM 1.5 GiB)
 *   SPFN(2-4)  HB1 HB2 HB3: boot HighMem of node 0, one bank of three sections
 *   SPFN(5)    HA_ABOVE: no memory at boot, just above them
 *   SPFN(6)    GAP: no memory, between the nodes
 *   SPFN(7-8)  N1A N1B: boot HighMem of node 1 (boot_two_nodes() only)
 *   SPFN(9)    N1_ABOVE: no memory at boot, just above node 1
 *
 * struct page is 56 bytes on the x86-64 host, 32 in the kernels: sizes are
 * computed with sizeof(struct page).  A hot-added section's memory map is
 * one block of MEMMAP_ORDER from the buddy allocator: order 10 with ARM's
 * geometry, but 11 >= MAX_ORDER with the x86 one on the host (7 MiB; 4 MiB,
 * order 10, in the kernel), where add_memory() can only fail with -ENOMEM.
 */
#ifndef BOOTMM_TEST_MEMORY_HOTPLUG_H
#define BOOTMM_TEST_MEMORY_HOTPLUG_H

#include <stdio.h>
#include <sys/mman.h>
#include <asm/memory_model.h>
#include <mm/bootmem_info.h>
#include <mm/memory_hotplug.h>
#include <mm/numa.h>
#include <mm/sparse.h>
#include "test_page_alloc.h"

#define REAL_BASE	0x40000000UL
#define REAL_SIZE	(512UL << 20)
#define RAM_END		(REAL_BASE + (256UL << 20))	/* boot's low memory, memblock's limit */
#define PFN(addr)	((unsigned long)((addr) >> PAGE_SHIFT))

#define X86_GEOMETRY	(SECTION_SIZE_BITS == 29)
#define SEC		PAGES_PER_SECTION
#define SEC_BYTES	((u64)PAGES_PER_SECTION << PAGE_SHIFT)
#define SEC0		pfn_to_section_nr(PFN(REAL_BASE))
#define SPFN(i)		section_nr_to_pfn(SEC0 + (i))

#define DMA_END		PFN(REAL_BASE + MiB(16))
#define BANK_A		SPFN(0)
#define BANK_A_END	PFN(RAM_END)
#define LOW1		SPFN(1)
#define LOW_END		SPFN(2)		/* max_low_pfn */
#define HB1		SPFN(2)
#define HB2		SPFN(3)
#define HB3		SPFN(4)
#define HA_ABOVE	SPFN(5)
#define GAP		SPFN(6)		/* between the nodes */
#define N1A		SPFN(7)
#define N1B		SPFN(8)
#define N1_ABOVE	SPFN(9)
#define PHYS(pfn)	((u64)(pfn) << PAGE_SHIFT)

/* The pages of one section's memory map: from memblock at boot, from the buddy allocator later. */
#define MEMMAP_BYTES	(sizeof(struct page) * PAGES_PER_SECTION)
#define MEMMAP_PAGES	PFN_UP(MEMMAP_BYTES)
#define MEMMAP_ORDER	get_order(MEMMAP_BYTES)
/* One usage: a page of its own when hot-added. */
#define USAGE_ORDER	get_order(mem_section_usage_size())

static void *real_ram;

static int ram_setup(void **state)
{
	(void)state;
	real_ram = mmap((void *)REAL_BASE, REAL_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (real_ram != (void *)REAL_BASE) {
		fprintf(stderr, "cannot map the test's RAM at %#lx\n", REAL_BASE);
		return -1;
	}
	return 0;
}

static int ram_teardown(void **state)
{
	(void)state;
	munmap(real_ram, REAL_SIZE);
	return 0;
}

/* Everything a boot sets, forgotten. */
static int reset(void **state)
{
	(void)state;
	pa_reset();
	sparse_reset_for_tests();
	max_pfn = max_low_pfn = min_low_pfn = 0;
	return 0;
}

struct bank {
	unsigned long start, end;	/* pfns */
	int nid;
};

/*
 * What setup_arch() and start_kernel() do up to the end of mem_init(), the
 * way a PC lays out zones: memblock gets @banks, DMA below 16 MiB of RAM,
 * Normal to max_low_pfn = LOW_END, HighMem above (none with !@highmem: the
 * Movable zone then comes from Normal); the zones, their maps and the
 * zonelists (free_area_init()); the hand-over (reserved pages marked, free
 * ones to the buddy allocator, HighMem counted in totalhigh_pages as
 * free_highpages() counts it); the per-CPU lists, watermarks, and the
 * metadata pages tagged (register_page_bootmem_info()).
 */
static void boot(const struct bank *banks, int n, bool highmem)
{
	phys_addr_t start, end;
	u64 i;

	for (int b = 0; b < n; b++)
		assert_int_equal(memblock_add_node(PFN_PHYS(banks[b].start),
						   PFN_PHYS(banks[b].end - banks[b].start),
						   banks[b].nid, MEMBLOCK_NONE), 0);
	memblock_set_current_limit(RAM_END);
	min_low_pfn = PFN(memblock_start_of_DRAM());
	max_pfn = PFN(memblock_end_of_DRAM());
	max_low_pfn = LOW_END;
	numa_init();
	{
		unsigned long max_zone_pfn[MAX_NR_ZONES] = {
			DMA_END, LOW_END, highmem ? max(max_pfn, LOW_END) : LOW_END, 0
		};

		free_area_init(max_zone_pfn);
	}
	build_all_zonelists(NULL);

	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);
	reset_all_zones_managed_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		unsigned long s = PFN_UP(start), e = PFN_DOWN(end);

		if (s >= e)
			continue;
		totalram_pages_add((long)pa_free_range(s, e));
		if (e > max_low_pfn)
			totalhigh_pages_add((long)(e - max(s, max_low_pfn)));
	}
	setup_per_cpu_pageset();
	page_alloc_init_late();
	init_per_zone_wmark_min();
	register_page_bootmem_info();
}

/* Bank A and the three HighMem sections, node 0. */
static void boot_one_node(void)
{
	const struct bank banks[] = { { BANK_A, BANK_A_END, 0 }, { HB1, HB3 + SEC, 0 } };

	boot(banks, 2, true);
}

/* The same, and two HighMem sections of node 1. */
static void boot_two_nodes(void)
{
	const struct bank banks[] = { { BANK_A, BANK_A_END, 0 }, { HB1, HB3 + SEC, 0 },
				      { N1A, N1B + SEC, 1 } };

	boot(banks, 3, true);
}

/* Bank A alone, no HighMem zone: ZONE_MOVABLE would be carved from Normal. */
static void boot_lowmem_only(void)
{
	const struct bank banks[] = { { BANK_A, BANK_A_END, 0 } };

	boot(banks, 1, false);
}

static struct zone *zone_of_node(int nid, enum zone_type z)
{
	return &NODE_DATA(nid)->node_zones[z];
}

static struct mem_section *section_of(unsigned long pfn)
{
	return __pfn_to_section(pfn);
}

/* --- snapshots ------------------------------------------------------------------ */

/*
 * Every count hot-plug may change.  Free pages are counted after draining
 * the per-CPU lists, so that an order-0 allocation counts one page, not a
 * batch; per migrate type too, from the free lists themselves.
 */
struct zone_counts {
	unsigned long start, spanned, present, managed, free, isolated_blocks;
	unsigned long free_by_type[MIGRATE_TYPES];
};

struct counts {
	unsigned long free, totalram, totalhigh;
	struct zone_counts zone[MAX_NUMNODES][MAX_NR_ZONES];
	struct {
		unsigned long start, spanned, present;
	} node[MAX_NUMNODES];
};

static void counts_take(struct counts *c)
{
	memset(c, 0, sizeof(*c));
	drain_all_pages(NULL);
	c->free = nr_free_pages();
	c->totalram = totalram_pages();
	c->totalhigh = totalhigh_pages();
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (!pgdat)
			continue;
		c->node[nid].start = pgdat->node_start_pfn;
		c->node[nid].spanned = pgdat->node_spanned_pages;
		c->node[nid].present = pgdat->node_present_pages;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			struct zone_counts *zc = &c->zone[nid][z];

			zc->start = zone->zone_start_pfn;
			zc->spanned = zone->spanned_pages;
			zc->present = zone->present_pages;
			zc->managed = zone->managed_pages;
			zc->free = zone_page_state(zone, NR_FREE_PAGES);
			zc->isolated_blocks = zone->nr_isolate_pageblock;
			for (unsigned int order = 0; order < MAX_ORDER; order++)
				for (int mt = 0; mt < MIGRATE_TYPES; mt++)
					zc->free_by_type[mt] += pa_list_len(zone, order, mt) << order;
		}
	}
}

#define COUNT_EQ(what, want, got)							\
	do {										\
		if ((want) != (got))							\
			fail_msg("%s: %lu (%#lx), expected %lu (%#lx)", what,		\
				 (unsigned long)(got), (unsigned long)(got),		\
				 (unsigned long)(want), (unsigned long)(want));		\
	} while (0)

/* @got is @want in every count, each failure naming the count. */
static void counts_assert(const struct counts *want, const struct counts *got)
{
	char what[96];

	COUNT_EQ("free pages", want->free, got->free);
	COUNT_EQ("totalram_pages", want->totalram, got->totalram);
	COUNT_EQ("totalhigh_pages", want->totalhigh, got->totalhigh);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		snprintf(what, sizeof(what), "node %d start", nid);
		COUNT_EQ(what, want->node[nid].start, got->node[nid].start);
		snprintf(what, sizeof(what), "node %d spanned", nid);
		COUNT_EQ(what, want->node[nid].spanned, got->node[nid].spanned);
		snprintf(what, sizeof(what), "node %d present", nid);
		COUNT_EQ(what, want->node[nid].present, got->node[nid].present);
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone_counts *w = &want->zone[nid][z], *g = &got->zone[nid][z];

#define ZONE_EQ(field)									\
	do {										\
		snprintf(what, sizeof(what), "node %d zone %s " #field, nid, zone_names[z]); \
		COUNT_EQ(what, w->field, g->field);					\
	} while (0)
			ZONE_EQ(start);
			ZONE_EQ(spanned);
			ZONE_EQ(present);
			ZONE_EQ(managed);
			ZONE_EQ(free);
			ZONE_EQ(isolated_blocks);
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				snprintf(what, sizeof(what), "node %d zone %s free %s", nid,
					 zone_names[z], migratetype_names[mt]);
				COUNT_EQ(what, w->free_by_type[mt], g->free_by_type[mt]);
			}
#undef ZONE_EQ
		}
	}
}

/*
 * Allocating may steal a pageblock for another migrate type (the fallback),
 * which freeing does not undo: where a test allocates, it compares the free
 * pages of each zone, not how they are split by type.
 */
static void counts_ignore_types(struct counts *want, const struct counts *got)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			memcpy(want->zone[nid][z].free_by_type, got->zone[nid][z].free_by_type,
			       sizeof(want->zone[nid][z].free_by_type));
}

/* memblock.memory, region by region, and every section's two words. */
struct layout {
	unsigned long cnt;
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
	struct mem_section sections[NR_MEM_SECTIONS];
};

static struct layout layout_before, layout_after;

static void layout_take(struct layout *l)
{
	memset(l, 0, sizeof(*l));
	l->cnt = memblock.memory.cnt;
	assert_true(l->cnt <= INIT_MEMBLOCK_REGIONS);
	memcpy(l->regions, memblock.memory.regions, l->cnt * sizeof(l->regions[0]));
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++)
		l->sections[nr] = *__nr_to_section(nr);
}

static void layout_assert_same(const struct layout *want)
{
	layout_take(&layout_after);
	COUNT_EQ("memblock.memory regions", want->cnt, layout_after.cnt);
	for (unsigned long r = 0; r < want->cnt; r++) {
		const struct memblock_region *w = &want->regions[r], *g = &layout_after.regions[r];

		if (w->base != g->base || w->size != g->size || w->nid != g->nid)
			fail_msg("memblock.memory[%lu] is [%#llx +%#llx] node %d, was [%#llx +%#llx] node %d",
				 r, (unsigned long long)g->base, (unsigned long long)g->size, g->nid,
				 (unsigned long long)w->base, (unsigned long long)w->size, w->nid);
	}
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section *w = &want->sections[nr], *g = &layout_after.sections[nr];

		if (w->section_mem_map != g->section_mem_map || w->usage != g->usage)
			fail_msg("section %lu: section_mem_map %#lx usage %p, was %#lx %p", nr,
				 g->section_mem_map, (void *)g->usage, w->section_mem_map, (void *)w->usage);
	}
}

/* Is [@start_pfn, +@nr) memory of node @nid in memblock, all of it? */
static bool memblock_has(unsigned long start_pfn, unsigned long nr, int nid)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr;) {
		unsigned long s, e;

		if (memblock_search_pfn_nid(pfn, &s, &e) != nid)
			return false;
		pfn = e;
	}
	return true;
}

/* Does memblock.memory know none of [@start_pfn, +@nr)? */
static bool memblock_has_none(unsigned long start_pfn, unsigned long nr)
{
	return !memblock_overlaps_region(&memblock.memory, PFN_PHYS(start_pfn), PFN_PHYS(nr));
}

/* Every pageblock of [@start_pfn, +@nr) is of @mt. */
static void assert_pageblocks(unsigned long start_pfn, unsigned long nr, int mt)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr; pfn += pageblock_nr_pages)
		if (get_pageblock_migratetype(pfn_to_page(pfn)) != mt)
			fail_msg("pfn %#lx: pageblock of type %d, expected %d", pfn,
				 get_pageblock_migratetype(pfn_to_page(pfn)), mt);
}

/*
 * A whole offline section: every page reserved, one reference, not free,
 * of node @nid (and of zone @z unless -1), its pfn found again.
 */
static void assert_offline_pages(unsigned long start_pfn, int nid, int z)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + SEC; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!PageReserved(page) || PageBuddy(page) || page_ref_count(page) != 1 ||
		    page_to_nid(page) != nid || (z >= 0 && (int)page_zonenum(page) != z) ||
		    page_to_pfn(page) != pfn)
			fail_msg("pfn %#lx: reserved %d buddy %d refcount %d node %d zone %d pfn %#lx",
				 pfn, PageReserved(page), PageBuddy(page), page_ref_count(page),
				 page_to_nid(page), page_zonenum(page), page_to_pfn(page));
	}
}

/* Online [@start_pfn, +@nr) with the zone @online_type chooses, and say it worked. */
static struct zone *online(int online_type, int nid, unsigned long start_pfn, unsigned long nr)
{
	struct zone *zone = zone_for_pfn_range(online_type, nid, start_pfn, nr);

	assert_int_equal(online_pages(start_pfn, nr, zone), 0);
	return zone;
}

static void offline(unsigned long start_pfn)
{
	unsigned long busy = ~0UL;

	assert_int_equal(offline_pages(start_pfn, SEC, &busy), 0);
	assert_int_equal(busy, ~0UL);
}

#endif
