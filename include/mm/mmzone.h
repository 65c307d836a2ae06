/* SPDX-License-Identifier: MIT */
/*
 * Nodes and zones (Linux's include/linux/mmzone.h).
 *
 * A node (struct pglist_data, "pg_data_t") is a bank of memory with its own
 * distance to the CPUs: a PC has one, a NUMA machine several.  Each node's
 * memory is cut into zones by what may live there:
 *
 *   ZONE_DMA      memory old devices can reach (below 16 MiB on a PC; on
 *                 ARM virt, all of low memory)
 *   ZONE_NORMAL   the rest of low memory: mapped permanently at PAGE_OFFSET
 *   ZONE_HIGHMEM  memory above what the kernel's 1 GiB window can map; a
 *                 32-bit kernel maps it page by page when it needs it
 *   ZONE_MOVABLE  memory whose pages may only hold data that can be moved,
 *                 so it can be emptied (kernelcore=, movablecore=, movable_node)
 *
 * free_area_init() (mm/mm_init.c) fills these structures from memblock.
 */
#ifndef BOOTMM_MM_MMZONE_H
#define BOOTMM_MM_MMZONE_H

#include <kernel/types.h>
#include <mm/memblock.h>
#include <mm/mm_types.h>

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	MAX_NR_ZONES
};

/* Buddy blocks go up to order 10 (4 MiB of 4 KiB pages), as in Linux 6.1. */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))

/*
 * A pageblock is the unit the page allocator gives a migrate type to (Linux's
 * include/linux/pageblock-flags.h).  Without huge pages it is the largest
 * buddy block: 1024 pages, 4 MiB.  Each pageblock has NR_PAGEBLOCK_BITS bits
 * in a bitmap the memory model keeps (pfn_to_pageblock_bits()).
 */
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1UL << pageblock_order)
#define NR_PAGEBLOCK_BITS	4

struct pglist_data;

/*
 * Migrate types: what kind of data a pageblock holds, so that pages that can
 * be moved (user data) and pages that cannot (kernel structures) stay in
 * separate pageblocks and large free blocks can be made again by moving the
 * movable ones (Linux's enum migratetype).  The first three come from the
 * allocation's GFP flags (gfp_migratetype(), include/mm/gfp.h) and are the
 * ones the per-CPU lists keep; HIGHATOMIC pageblocks are set aside for
 * high-order atomic allocations; ISOLATE pageblocks are being emptied, and
 * nothing is allocated from them.  (Linux 6.1 also has MIGRATE_CMA with
 * CONFIG_CMA; bootmm has no contiguous-memory allocator.)  Each pageblock
 * records its type in its pageblock bits (get_pageblock_migratetype(),
 * include/mm/pageblock.h).
 */
#define MIGRATE_UNMOVABLE	0
#define MIGRATE_MOVABLE		1
#define MIGRATE_RECLAIMABLE	2
#define MIGRATE_PCPTYPES	3	/* the types the per-CPU lists keep */
#define MIGRATE_HIGHATOMIC	MIGRATE_PCPTYPES
#define MIGRATE_ISOLATE		4	/* cannot allocate from here */
#define MIGRATE_TYPES		5

/**
 * struct free_area - the free blocks of one order in one zone
 * @free_list: one list per migrate type of the first pages (struct page,
 *	linked by ->lru) of free blocks of this order; each is PageBuddy with
 *	page_private() = the order
 * @nr_free: blocks on all the lists together
 */
struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;
};

/* A zone's three watermarks, in pages (and PROMO, for memory tiering). */
enum zone_watermarks {
	WMARK_MIN,	/* below: only __GFP_HIGH/atomic/reclaim-context allocations */
	WMARK_LOW,	/* below: kswapd would be woken to reclaim */
	WMARK_HIGH,	/* above: kswapd would go back to sleep */
	WMARK_PROMO,
	NR_WMARK
};

/*
 * The per-CPU page lists: order-0..PAGE_ALLOC_COSTLY_ORDER pages freed on
 * this CPU wait here, one list per order and PCP migrate type, so that the
 * next allocation takes one without touching the zone's free lists (Linux's
 * struct per_cpu_pages).  bootmm runs on one CPU; the structure is Linux's.
 */
#define PAGE_ALLOC_COSTLY_ORDER	3
#define NR_PCP_LISTS		(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

/**
 * struct per_cpu_pages - one CPU's lists of free pages of one zone
 * @count: pages on the lists (a page of order n counts 2^n)
 * @high: when @count reaches this, some go back to the buddy allocator
 * @batch: pages moved to or from the buddy allocator at a time
 * @free_factor: frees in a row without an allocation double the batch freed
 * @lists: NR_PCP_LISTS lists, indexed by order_to_pindex()
 */
struct per_cpu_pages {
	int count;
	int high;
	int batch;
	short free_factor;
	struct list_head lists[NR_PCP_LISTS];
};

/* Per-zone counters (Linux's enum zone_stat_item; bootmm keeps the one it uses). */
enum zone_stat_item {
	NR_FREE_PAGES,		/* pages on the free lists (not the per-CPU lists) */
	NR_VM_ZONE_STAT_ITEMS
};

/**
 * struct zone - one zone of one node
 * @zone_start_pfn: first pfn of the zone (0 if the zone is empty)
 * @spanned_pages: pfns from the first to the last, holes included
 * @present_pages: pages that exist: spanned minus holes
 * @managed_pages: pages the page allocator will manage: present minus what
 *	the kernel keeps (memmap, reserved); an estimate until the boot
 *	allocator hands its pages over
 * @zone_pgdat: the node this zone belongs to
 * @name: "DMA", "Normal", "HighMem", "Movable"
 *
 * The page allocator's part (mm/page_alloc*.c, mm/watermark.c):
 * @_watermark: min, low, high (and promo) watermarks, in pages
 *	(setup_per_zone_wmarks(); read them with min_wmark_pages() etc.)
 * @watermark_boost: a temporary raise of the watermarks after fragmenting
 *	fallbacks; always 0 in bootmm, which has no kswapd to lower it again
 * @nr_reserved_highatomic: pages in MIGRATE_HIGHATOMIC pageblocks
 * @nr_isolate_pageblock: MIGRATE_ISOLATE pageblocks (the free paths then
 *	look at each page's pageblock again)
 * @lowmem_reserve: pages this zone keeps back from allocations that could
 *	have used a higher zone, indexed by the allocation's highest zone
 * @per_cpu_pageset: the per-CPU lists (bootmm: one CPU); the boot pageset
 *	until setup_per_cpu_pageset()
 * @pageset_high: @per_cpu_pageset's high, as last computed
 * @pageset_batch: @per_cpu_pageset's batch, as last computed
 * @pcp: the storage @per_cpu_pageset points to once set up
 * @initialized: the free lists are initialised (zone_init_free_lists())
 * @contiguous: every pageblock of the span has memory of this zone only
 *	(set_zone_contiguous())
 * @free_area: the free blocks, by order
 * @vm_stat: counters (NR_FREE_PAGES, ...)
 */
struct zone {
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;
	struct pglist_data *zone_pgdat;
	const char *name;

	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	unsigned long nr_isolate_pageblock;
	long lowmem_reserve[MAX_NR_ZONES];
	struct per_cpu_pages *per_cpu_pageset;
	int pageset_high;
	int pageset_batch;
	struct per_cpu_pages pcp;
	bool initialized;
	bool contiguous;
	struct free_area free_area[MAX_ORDER];
	unsigned long vm_stat[NR_VM_ZONE_STAT_ITEMS];
};

/*
 * Zonelists: the zones an allocation may use, in the order to try them
 * (mm/zonelist.c, Linux's build_all_zonelists()).  Each node has two: the
 * fallback list (its own zones from the highest down, then the other nodes')
 * and, with several nodes, the one for __GFP_THISNODE (its own zones only).
 */
enum {
	ZONELIST_FALLBACK,
	ZONELIST_NOFALLBACK,
	MAX_ZONELISTS
};

struct zoneref {
	struct zone *zone;	/* NULL ends the list */
	int zone_idx;		/* zone_idx(zone), kept here to skip zones quickly */
};

struct zonelist {
	struct zoneref _zonerefs[MAX_NUMNODES * MAX_NR_ZONES + 1];
};

/**
 * struct pglist_data - one memory node
 * @node_zones: its zones, ZONE_DMA first
 * @nr_zones: zones up to the highest populated one
 * @node_start_pfn: the node's first pfn
 * @node_present_pages: pages that exist
 * @node_spanned_pages: pfns spanned, holes included
 * @node_id: the node's number
 * @node_mem_map: FLATMEM's memory map for this node: the struct page of
 *	node_start_pfn (the array itself may start a little lower, on a
 *	MAX_ORDER boundary)
 * @node_zonelists: where allocations on this node look for pages
 *	(build_all_zonelists())
 * @totalreserve_pages: pages of the node's zones kept back from user space
 *	(high watermarks plus lowmem reserves)
 */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	struct page *node_mem_map;
	struct zonelist node_zonelists[MAX_ZONELISTS];
	unsigned long totalreserve_pages;
} pg_data_t;

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

/* Every node's pglist_data; NULL for nodes that do not exist. */
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[(nid)])

extern const char *const zone_names[MAX_NR_ZONES];

/* The zone after the arch's limits and the command line: see mm/zone_movable.c. */
extern unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
extern unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
extern unsigned long zone_movable_pfn[MAX_NUMNODES];
extern int movable_zone;

static inline bool is_highmem_idx(enum zone_type idx)
{
	return idx == ZONE_HIGHMEM || (idx == ZONE_MOVABLE && movable_zone == ZONE_HIGHMEM);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool is_highmem(const struct zone *zone)
{
	return is_highmem_idx((enum zone_type)zone_idx(zone));
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

/* The watermarks an allocation is checked against (boost included). */
#define wmark_pages(z, i)	((z)->_watermark[i] + (z)->watermark_boost)
#define min_wmark_pages(z)	wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z)	wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z)	wmark_pages(z, WMARK_HIGH)

/* mm/mm_init.c */
void free_area_init(unsigned long *max_zone_pfn);
void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn);
unsigned long absent_pages_in_range(unsigned long start_pfn, unsigned long end_pfn);
unsigned long __absent_pages_in_range(int nid, unsigned long start_pfn, unsigned long end_pfn);
int zone_batchsize(struct zone *zone);
void pglist_setup_node_data(void);

/* mm/zone_movable.c */
void find_zone_movable_pfns_for_nodes(void);
void adjust_zone_range_for_zone_movable(int nid, enum zone_type zone_type,
					unsigned long node_start_pfn, unsigned long node_end_pfn,
					unsigned long *zone_start_pfn, unsigned long *zone_end_pfn);
unsigned long zone_movable_absent_pages(int nid, enum zone_type zone_type,
					unsigned long zone_start_pfn, unsigned long zone_end_pfn);
#ifndef __KERNEL__
void zone_movable_reset_for_tests(void);	/* forget kernelcore=/movablecore= */
#endif

#endif
