/* SPDX-License-Identifier: MIT */
/*
 * GFP flags and the page allocator's interface (Linux's include/linux/gfp.h
 * and gfp_types.h, as of 6.1).
 *
 * Every page allocation says, in a gfp_t ("get free pages" flags), where
 * its pages may come from and how hard the allocator may try:
 *   - zone modifiers (__GFP_DMA, __GFP_HIGHMEM, __GFP_MOVABLE): the highest
 *     zone the pages may be in (gfp_zone());
 *   - mobility (__GFP_MOVABLE, __GFP_RECLAIMABLE): the migrate type whose
 *     pageblocks it prefers (gfp_migratetype());
 *   - watermark modifiers (__GFP_HIGH, __GFP_ATOMIC, __GFP_MEMALLOC): how
 *     far below the zone's watermarks it may dig;
 *   - reclaim modifiers (__GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM, ...):
 *     whether it may sleep and reclaim (bootmm has nothing to reclaim yet);
 *   - action modifiers (__GFP_ZERO, __GFP_NOWARN, __GFP_COMP, ...).
 * The bit values are Linux's, so "mode:0xcc0(GFP_KERNEL)" in a bootmm
 * allocation-failure report means what it means in a Linux one.
 *
 * Boot pipeline: the buddy allocator works once the early allocator has
 * handed its free pages over (free_all_bootmem(), mem_init()); from then on
 * alloc_pages() and friends are how the kernel gets pages.  The functions
 * are in mm/page_alloc.c.
 */
#ifndef BOOTMM_MM_GFP_H
#define BOOTMM_MM_GFP_H

#include <kernel/bug.h>
#include <kernel/types.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

typedef unsigned int gfp_t;

/* The bits, as in Linux 6.1 (without KASAN's and lockdep's). */
#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_RECLAIMABLE	0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_ATOMIC		0x200u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_WRITE		0x1000u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_NOFAIL		0x8000u
#define ___GFP_NORETRY		0x10000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_NOMEMALLOC	0x80000u
#define ___GFP_HARDWALL		0x100000u
#define ___GFP_THISNODE		0x200000u
#define ___GFP_ACCOUNT		0x400000u
#define ___GFP_ZEROTAGS		0x800000u

/* Zone modifiers: which zones (see gfp_zone()). */
#define __GFP_DMA		((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32		((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE		((gfp_t)___GFP_MOVABLE)	/* also a mobility hint */
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Mobility: which pageblocks (see gfp_migratetype()). */
#define __GFP_RECLAIMABLE	((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE		((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL		((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE		((gfp_t)___GFP_THISNODE)	/* this node only */
#define __GFP_ACCOUNT		((gfp_t)___GFP_ACCOUNT)

/* Watermark modifiers: how deep into the reserves. */
#define __GFP_ATOMIC		((gfp_t)___GFP_ATOMIC)		/* cannot sleep: ALLOC_HARDER */
#define __GFP_HIGH		((gfp_t)___GFP_HIGH)		/* high priority: ALLOC_HIGH */
#define __GFP_MEMALLOC		((gfp_t)___GFP_MEMALLOC)	/* ignore watermarks */
#define __GFP_NOMEMALLOC	((gfp_t)___GFP_NOMEMALLOC)	/* never the emergency reserves */

/* Reclaim modifiers. */
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM	((gfp_t)___GFP_DIRECT_RECLAIM)	/* may sleep and reclaim */
#define __GFP_KSWAPD_RECLAIM	((gfp_t)___GFP_KSWAPD_RECLAIM)	/* may wake kswapd */
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_RETRY_MAYFAIL	((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL		((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY		((gfp_t)___GFP_NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)	/* no allocation-failure report */
#define __GFP_COMP		((gfp_t)___GFP_COMP)	/* a compound page (PG_head) */
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)	/* zeroed pages */
#define __GFP_ZEROTAGS		((gfp_t)___GFP_ZEROTAGS)

/* The combinations callers use. */
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | \
				  __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE		(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

/* The mobility bits, shifted, are the migrate type (MIGRATE_MOVABLE = 1, ...). */
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

/* Grouping pages by mobility is off on tiny machines (mm/zonelist.c). */
extern int page_group_by_mobility_disabled;

/**
 * gfp_migratetype - the migrate type an allocation prefers
 * @gfp_flags: the allocation's flags
 *
 * Both mobility bits at once are a caller's bug: shifted, they are 3,
 * MIGRATE_HIGHATOMIC, which has no per-CPU list (pcp->lists[] holds
 * MIGRATE_PCPTYPES types per order, so order 3 would index one past the end)
 * and no row in fallbacks[].  Linux checks it with VM_WARN_ON() (a WARNING
 * under CONFIG_DEBUG_VM); bootmm always warns, and then treats the request as
 * MIGRATE_UNMOVABLE, the type every other path can take, so nothing is read
 * out of bounds.
 *
 * Return: MIGRATE_MOVABLE for __GFP_MOVABLE, MIGRATE_RECLAIMABLE for
 * __GFP_RECLAIMABLE, else MIGRATE_UNMOVABLE (always, with mobility grouping
 * off, or with both bits).
 */
static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	BUILD_BUG_ON((___GFP_MOVABLE >> GFP_MOVABLE_SHIFT) != MIGRATE_MOVABLE);
	BUILD_BUG_ON((___GFP_RECLAIMABLE >> GFP_MOVABLE_SHIFT) != MIGRATE_RECLAIMABLE);

	if (WARN_ON((gfp_flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK))
		return MIGRATE_UNMOVABLE;
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return (int)((gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/**
 * gfp_zone - the highest zone an allocation may use
 * @flags: the allocation's flags
 *
 * Linux packs this table into one constant (GFP_ZONE_TABLE); here it is a
 * switch.  No modifier: ZONE_NORMAL.  __GFP_DMA: ZONE_DMA.  __GFP_HIGHMEM:
 * ZONE_HIGHMEM.  __GFP_MOVABLE alone is only a mobility hint (ZONE_NORMAL);
 * with __GFP_HIGHMEM it allows ZONE_MOVABLE.  bootmm has no ZONE_DMA32:
 * __GFP_DMA32 means ZONE_NORMAL, as on a 32-bit Linux.  Contradictory
 * combinations (__GFP_DMA with __GFP_HIGHMEM) are a bug; they get ZONE_DMA.
 *
 * Return: the zone index, the top of the zonelist walk.
 */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	switch (flags & GFP_ZONEMASK) {
	case 0:
	case __GFP_MOVABLE:
	case __GFP_DMA32:
	case __GFP_DMA32 | __GFP_MOVABLE:
		return ZONE_NORMAL;
	case __GFP_HIGHMEM:
		return ZONE_HIGHMEM;
	case __GFP_HIGHMEM | __GFP_MOVABLE:
		return ZONE_MOVABLE;
	default:			/* __GFP_DMA, alone or not */
		return ZONE_DMA;
	}
}

/* True if the allocation may sleep (and so, in Linux, reclaim). */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/*
 * A set of nodes (Linux's nodemask_t, reduced to one word: MAX_NUMNODES is
 * small).  A NULL nodemask means every node.
 */
typedef struct {
	unsigned long bits;
} nodemask_t;

/* bootmm runs on CPU 0, which is on node 0. */
static inline int numa_node_id(void)
{
	return 0;
}

/*
 * get_order - the order of the smallest block of at least @size bytes
 * (Linux's asm-generic/getorder.h): 1 byte and 4096 bytes are order 0,
 * 4097 bytes order 1.
 */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* mm/page_alloc.c: allocating */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask);
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp_mask);

/* mm/page_alloc.c: freeing */
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void free_unref_page(struct page *page, unsigned int order);

/**
 * alloc_pages_node - 2^@order contiguous pages, preferably from node @nid
 * @nid: the node to try first (NUMA_NO_NODE: this CPU's node)
 * @gfp_mask: GFP flags
 * @order: log2 of the number of pages
 *
 * Return: the first page's struct page, or NULL.
 */
static inline struct page *alloc_pages_node(int nid, gfp_t gfp_mask, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	return __alloc_pages(gfp_mask, order, nid, NULL);
}

/**
 * alloc_pages - 2^@order contiguous pages
 * @gfp: GFP flags (GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER_MOVABLE, ...)
 * @order: log2 of the number of pages, 0 to MAX_ORDER - 1
 *
 * Context: bootmm has one CPU and no interrupts yet, so any time after the
 * early allocator's hand-over.
 * Return: the first page's struct page, or NULL (reported unless __GFP_NOWARN).
 */
static inline struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return alloc_pages_node(numa_node_id(), gfp, order);
}

#define alloc_page(gfp_mask)		alloc_pages(gfp_mask, 0)
#define __get_free_page(gfp_mask)	__get_free_pages((gfp_mask), 0)
#define __get_dma_pages(gfp_mask, order) __get_free_pages((gfp_mask) | GFP_DMA, (order))
#define __free_page(page)		__free_pages((page), 0)
#define free_page(addr)			free_pages((addr), 0)

/* mm/mem_auto_init.c: init_on_alloc= / init_on_free= (zeroing) */
extern bool init_on_alloc;
extern bool init_on_free;

/* Zero the pages of this allocation? (__GFP_ZERO, or init_on_alloc) */
static inline bool want_init_on_alloc(gfp_t flags)
{
	return init_on_alloc || (flags & __GFP_ZERO);
}

/* Zero pages as they are freed? (init_on_free) */
static inline bool want_init_on_free(void)
{
	return init_on_free;
}

#endif
