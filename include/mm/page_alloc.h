/* SPDX-License-Identifier: MIT */
/*
 * The buddy allocator's boot-time and bookkeeping interface: the hand-over
 * from the early allocator, zonelists, watermarks, per-CPU lists, the
 * counters behind /proc/meminfo, and the reports (Linux 6.1's
 * mm/page_alloc.c and the parts of include/linux/mm.h, mmzone.h, vmstat.h
 * and swap.h that describe them).  Allocating and freeing are in
 * include/mm/gfp.h.
 *
 * Boot pipeline, in start_kernel() order (Linux's):
 *
 *   free_area_init()               zones sized (mm/mm_init.c); each zone's
 *                                  free lists and boot pageset set up
 *                                  (zone_init_free_lists(), zone_pcp_init())
 *   build_all_zonelists(NULL)      "Built 1 zonelists, mobility grouping on.
 *                                   Total pages: N"
 *   init_mem_debugging_and_hardening()  init_on_alloc=/init_on_free= take effect
 *   report_meminit()               "mem auto-init: stack:off, heap alloc:off, ..."
 *   mem_init():                    the early allocator hands over
 *     free_all_bootmem()           -> reset_all_zones_managed_pages(), then
 *                                     __free_pages_bootmem() per free block
 *     totalram_pages_add(count)    (Linux 4.19's free_all_bootmem() did this)
 *     free_highmem_page()          per free HighMem page (the arch's loop)
 *   setup_per_cpu_pageset()        the per-CPU lists get their batch and high
 *   page_alloc_init_late()         set_zone_contiguous() for each zone
 *   init_per_zone_wmark_min()      min_free_kbytes, watermarks, lowmem_reserve
 *   free_reserved_area(...)        "Freeing unused kernel image (initmem) memory"
 */
#ifndef BOOTMM_MM_PAGE_ALLOC_H
#define BOOTMM_MM_PAGE_ALLOC_H

#include <kernel/init.h>
#include <kernel/types.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

/* --- the hand-over from the early allocator (mm/page_alloc_init.c) ------- */

void __free_pages_core(struct page *page, unsigned int order);
void __free_pages_bootmem(unsigned long pfn, unsigned int order);
void memblock_free_pages(struct page *page, unsigned long pfn, unsigned int order);
void reset_all_zones_managed_pages(void);
void zone_init_free_lists(struct zone *zone);
void zone_pcp_init(struct zone *zone);
void set_zone_contiguous(struct zone *zone);
void clear_zone_contiguous(struct zone *zone);
void page_alloc_init_late(void);

/* Pages that were never the buddy allocator's (reserved at boot) join it. */
void adjust_managed_page_count(struct page *page, long count);
void free_reserved_page(struct page *page);
void free_highmem_page(struct page *page);
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);

/* --- counters: what /proc/meminfo and "Memory:" are made of --------------- */

extern unsigned long _totalram_pages;	/* pages the buddy allocator manages */
extern unsigned long _totalhigh_pages;	/* of which HighMem */
extern unsigned long totalreserve_pages;	/* high watermarks + lowmem reserves */

static inline unsigned long totalram_pages(void)
{
	return _totalram_pages;
}

static inline void totalram_pages_add(long count)
{
	_totalram_pages += (unsigned long)count;
}

static inline unsigned long totalhigh_pages(void)
{
	return _totalhigh_pages;
}

static inline void totalhigh_pages_add(long count)
{
	_totalhigh_pages += (unsigned long)count;
}

/*
 * Whether the buddy allocator owns memory yet: the hand-over has counted a
 * page.  From then on memblock must not allocate (its free ranges are the
 * buddy allocator's) and late memory comes from alloc_pages(); Linux asks
 * slab_is_available() the same question.
 */
static inline bool buddy_allocator_is_up(void)
{
	return totalram_pages() != 0;
}

/* The global side of each zone counter (Linux's vm_zone_stat). */
extern unsigned long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return zone->vm_stat[item];
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	return vm_zone_stat[item];
}

static inline void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += (unsigned long)delta;
	vm_zone_stat[item] += (unsigned long)delta;
}

/* Free pages in the buddy allocator (not on per-CPU lists), all zones. */
static inline unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

unsigned long nr_free_highpages(void);
unsigned long nr_free_buffer_pages(void);

/* --- zonelists (mm/zonelist.c) ------------------------------------------- */

extern unsigned int nr_online_nodes;

void build_all_zonelists(pg_data_t *pgdat);

/**
 * node_zonelist - the zonelist an allocation on node @nid walks
 * @nid: the node
 * @flags: GFP flags: __GFP_THISNODE picks the node-only list
 */
static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return &NODE_DATA(nid)->node_zonelists[(flags & __GFP_THISNODE) && nr_online_nodes > 1 ?
					       ZONELIST_NOFALLBACK : ZONELIST_FALLBACK];
}

/* --- watermarks and per-CPU lists (mm/watermark.c) ------------------------ */

extern int min_free_kbytes;
extern int user_min_free_kbytes;
extern int watermark_scale_factor;
extern int watermark_boost_factor;
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
extern int percpu_pagelist_high_fraction;

int init_per_zone_wmark_min(void);
void calculate_min_free_kbytes(void);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
void setup_per_cpu_pageset(void);
void setup_zone_pageset(struct zone *zone);
void zone_pcp_reset(struct zone *zone);
void zone_pcp_update(struct zone *zone, int cpu_online);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);

/* Spill the per-CPU lists back into the buddy allocator (NULL: every zone). */
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

/* --- memory auto-init (mm/mem_auto_init.c) -------------------------------- */

void init_mem_debugging_and_hardening(void);
void page_alloc_selftest(void);		/* mm/page_alloc_selftest.c */
void report_meminit(void);

/* --- reports (mm/page_alloc_debug.c) -------------------------------------- */

void dump_page(struct page *page, const char *reason);
void show_free_areas(void);
void show_mem(void);
int format_page_flags(char *buf, size_t size, unsigned long flags);
int format_gfp_flags(char *buf, size_t size, gfp_t gfp);

/* --- migrate types of pageblocks -------------------------------------------- */

extern const char *const migratetype_names[MIGRATE_TYPES];
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable);

/* mm/page_isolation.c: take a pageblock's free pages out of use, and back */
int set_migratetype_isolate(struct page *page);
void unset_migratetype_isolate(struct page *page, int migratetype);
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, unsigned long *busy_pfn);

/* mm/page_alloc.c: memory hot-unplug takes an isolated, all-free range out of the allocator. */
void __offline_isolated_pages(unsigned long start_pfn, unsigned long end_pfn);

#endif
