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
 */
struct zone {
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;
	struct pglist_data *zone_pgdat;
	const char *name;
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
 */
typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	struct page *node_mem_map;
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
