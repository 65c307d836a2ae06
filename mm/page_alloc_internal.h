/* SPDX-License-Identifier: MIT */
/*
 * What the buddy allocator's files share and nobody else needs (Linux's
 * mm/internal.h, the page-allocator part): the allocation context and
 * ALLOC_* flags, the free-list helpers, finding a block's buddy, and the
 * few list operations the free lists use.
 *
 * The files: mm/page_alloc.c (freeing and allocating), mm/page_alloc_init.c
 * (the boot-time hand-over), mm/zonelist.c, mm/watermark.c (watermarks and
 * per-CPU list sizes), mm/page_alloc_debug.c (bad-page and allocation-
 * failure reports), mm/mem_auto_init.c (init_on_alloc/init_on_free),
 * mm/page_isolation.c.  Unit tests include this header to check the lists.
 */
#ifndef BOOTMM_MM_PAGE_ALLOC_INTERNAL_H
#define BOOTMM_MM_PAGE_ALLOC_INTERNAL_H

#include <kernel/kernel.h>
#include <mm/gfp.h>
#include <mm/memory_model.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>

/* --- doubly linked lists (Linux's include/linux/list.h, the part used here) --- */

static inline void __list_link(struct list_head *new, struct list_head *prev,
			       struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* Insert @new right after @head: a stack. */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_link(new, head, head->next);
}

/* Insert @new right before @head: a queue. */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_link(new, head->prev, head);
}

/* Unlink @entry; it points at itself afterwards (Linux poisons it instead). */
static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	INIT_LIST_HEAD(entry);
}

static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	list_del(entry);
	list_add_tail(entry, head);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)
#define list_first_entry_or_null(head, type, member) \
	(list_empty(head) ? NULL : list_first_entry(head, type, member))

/* --- pageblock migrate types (get/set_pageblock_migratetype(): include/mm/pageblock.h) --- */

static inline bool is_migrate_isolate(int migratetype)
{
	return migratetype == MIGRATE_ISOLATE;
}

static inline bool is_migrate_highatomic(int migratetype)
{
	return migratetype == MIGRATE_HIGHATOMIC;
}

/* Pageblocks of these types may merge with each other into larger blocks. */
static inline bool migratetype_is_mergeable(int migratetype)
{
	return migratetype < MIGRATE_PCPTYPES;
}

/* --- allocation flags and context (Linux's mm/internal.h) --------------------- */

/* The low bits index zone->_watermark[]: which watermark to check against. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* do not check watermarks at all */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08	/* an OOM victim: deeper still */
#define ALLOC_HARDER		0x10	/* atomic: 1/4 below min, and HIGHATOMIC blocks */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH: 1/2 below min */
#define ALLOC_CPUSET		0x40	/* check cpusets (bootmm has none) */
#define ALLOC_CMA		0x80	/* may use CMA areas (bootmm has none) */
#define ALLOC_NOFRAGMENT	0x100	/* no fallback to other types' blocks (needs ZONE_DMA32) */
#define ALLOC_KSWAPD		0x800	/* may wake kswapd (= __GFP_KSWAPD_RECLAIM) */

/**
 * struct alloc_context - what one allocation carries through the zonelist walk
 * @zonelist: the zones to try, in order
 * @nodemask: the nodes allowed (NULL: all)
 * @preferred_zoneref: where the walk starts (the first usable zone)
 * @migratetype: gfp_migratetype() of the request
 * @highest_zoneidx: gfp_zone() of the request: zones above are skipped
 */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	struct zoneref *preferred_zoneref;
	int migratetype;
	int highest_zoneidx;
};

static inline bool zone_allowed(const struct zone *zone, const nodemask_t *nodemask)
{
	return !nodemask || (nodemask->bits & (1UL << zone->zone_pgdat->node_id));
}

/* The first zone of @zonelist at or below @highest_zoneidx on an allowed node. */
static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
						   int highest_zoneidx, nodemask_t *nodemask)
{
	struct zoneref *z = zonelist->_zonerefs;

	while (z->zone && (z->zone_idx > highest_zoneidx || !zone_allowed(z->zone, nodemask)))
		z++;
	return z;
}

/* Every zone of @zonelist from @z on, at or below @highidx, on an allowed node. */
#define for_next_zone_zonelist_nodemask(zone, z, highidx, nodemask)		\
	for (z = first_zones_zonelist_from(z, highidx, nodemask), zone = (z)->zone; \
	     zone;								\
	     z = first_zones_zonelist_from((z) + 1, highidx, nodemask), zone = (z)->zone)

static inline struct zoneref *first_zones_zonelist_from(struct zoneref *z, int highest_zoneidx,
							nodemask_t *nodemask)
{
	while (z->zone && (z->zone_idx > highest_zoneidx || !zone_allowed(z->zone, nodemask)))
		z++;
	return z;
}

#define for_each_zone_zonelist(zone, z, zlist, highidx)				\
	for (z = (zlist)->_zonerefs,						\
	     z = first_zones_zonelist_from(z, highidx, NULL), zone = (z)->zone;	\
	     zone;								\
	     z = first_zones_zonelist_from((z) + 1, highidx, NULL), zone = (z)->zone)

/* Every node that has a pglist_data (Linux: every online node). */
#define for_each_online_pgdat(pgdat)						\
	for (int __nid = 0; __nid < MAX_NUMNODES; __nid++)			\
		if (!((pgdat) = NODE_DATA(__nid))) {				\
		} else

/* Every zone of every node, populated or not, and the populated ones. */
#define for_each_zone(zone)							\
	for (zone = first_zone(); zone; zone = next_zone(zone))
#define for_each_populated_zone(zone)						\
	for_each_zone(zone)							\
		if (!populated_zone(zone)) {					\
		} else

struct zone *first_zone(void);
struct zone *next_zone(struct zone *zone);

/* --- the buddy of a block --------------------------------------------------- */

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page_private(page);
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

/*
 * The buddy of the block of 2^@order pages at @pfn: the other half of the
 * block of order + 1 that contains it, i.e. @pfn with bit @order flipped.
 * Merging the two gives the block at pfn & buddy_pfn.
 */
static inline unsigned long __find_buddy_pfn(unsigned long pfn, unsigned int order)
{
	return pfn ^ (1UL << order);
}

/* Same zone and same node: pages may only merge inside one zone. */
static inline bool page_zone_id_equal(const struct page *a, const struct page *b)
{
	return page_zonenum(a) == page_zonenum(b) && page_to_nid(a) == page_to_nid(b);
}

static inline bool PageHighMem(const struct page *page)
{
	return is_highmem_idx(page_zonenum(page));
}

/* The migrate type a page on a per-CPU list was freed with (kept in ->index). */
static inline int get_pcppage_migratetype(const struct page *page)
{
	return (int)page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = (unsigned long)migratetype;
}

/* --- page flags the checks look at (Linux's page-flags.h) ------------------- */

/* Flags a page must not have when freed. */
#define PAGE_FLAGS_CHECK_AT_FREE						\
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |		\
	 1UL << PG_reserved | 1UL << PG_slab | 1UL << PG_active)
/* Every PG_* flag: none may be set on a page being handed out. */
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << NR_PAGEFLAGS) - 1)

/* _mapcount as Linux's page_mapcount_reset() leaves it: no mappings, no type. */
static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount = -1;
}

/* --- shared between the files ---------------------------------------------------- */

/* Freeing-path flags (Linux's fpi_t). */
typedef int fpi_t;
#define FPI_NONE		0
#define FPI_SKIP_REPORT_NOTIFY	(1 << 0)	/* (no free-page reporting in bootmm) */
#define FPI_TO_TAIL		(1 << 1)	/* put the block at the tail of its list */

/* mm/page_alloc.c */
void __free_pages_ok(struct page *page, unsigned int order, fpi_t fpi_flags);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags);
int move_freepages(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn,
		   int migratetype, int *num_movable);
void per_cpu_pages_init(struct per_cpu_pages *pcp);
extern struct per_cpu_pages boot_pageset;

/* mm/page_alloc_init.c */
void pgdat_init_allocator(pg_data_t *pgdat);

/* mm/page_alloc_debug.c */
void bad_page(struct page *page, const char *reason);
void bad_page_report(struct page *page, const char *reason);
const char *page_bad_reason(const struct page *page, unsigned long flags);
__printf(3, 4) void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...);

/* mm/mem_auto_init.c: zero the contents of @numpages pages from @page. */
void kernel_init_pages(struct page *page, int numpages);

/* mm/zonelist.c */
unsigned long nr_free_zone_pages(int offset);

/* mm/watermark.c */
int zone_highsize(struct zone *zone, int batch, int cpu_online);
bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags);
void calculate_totalreserve_pages(void);

#endif
