/* SPDX-License-Identifier: MIT */
/*
 * What struct page's flags word holds, and the accessors for it (Linux's
 * include/linux/page-flags.h, page-flags-layout.h, mm.h and page_ref.h).
 *
 * page->flags has two parts.  The low bits are PG_* flags (reserved, private,
 * ...).  The top bits are numbers: the page's zone and node, and under
 * SPARSEMEM without VMEMMAP its section, so that page_zone(), page_to_nid()
 * and SPARSEMEM's page_to_pfn() need no table:
 *
 *   bit 31                                                         bit 0
 *   | SECTION (SECTIONS_WIDTH) | NODE (2) | ZONE (2) | ...unused... | PG_* |
 *
 * SECTIONS_WIDTH follows the memory model (mm/mm.mk puts its CONFIG_ symbols
 * in every file): SECTIONS_SHIFT bits under SPARSEMEM (7 on a PAE PC, 12 on
 * ARM LPAE), 0 under FLATMEM and SPARSEMEM_VMEMMAP, whose page_to_pfn() is a
 * subtraction.  set_page_links() writes the numbers when memmap_init()
 * initialises each page; with loglevel=8, free_area_init() prints the layout
 * as Linux's mminit_verify_pageflags_layout() does ("mminit::pageflags_layout_...").
 *
 * PageBuddy is not a flag but a "page type": for a page nobody maps,
 * _mapcount is reused as page_type, -1 meaning none; a type is one bit
 * cleared under PAGE_TYPE_BASE, as in Linux.
 */
#ifndef BOOTMM_MM_PAGE_FLAGS_H
#define BOOTMM_MM_PAGE_FLAGS_H

#include <kernel/kernel.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif

#ifndef BITS_PER_LONG
#define BITS_PER_LONG		(__SIZEOF_LONG__ * 8)
#endif

enum pageflags {
	PG_locked,		/* being read or written: do not touch */
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,
	PG_reserved,		/* never handed to the page allocator (kernel, holes, firmware) */
	PG_private,		/* page->private holds data (bootmem_info: the owner) */
	PG_head,		/* first page of a compound (multi-page) allocation */
	NR_PAGEFLAGS
};

/*
 * The *_SHIFT are how many bits each number needs, the *_WIDTH how many it
 * gets in page->flags (Linux: 0 when a number lives elsewhere, as the section
 * of a VMEMMAP page, found by subtraction), the *_PGOFF where the field would
 * start and the *_PGSHIFT where it does (0 if absent), as page-flags-layout.h.
 */
#define ZONES_SHIFT		2	/* MAX_NR_ZONES (4) fits */
#define NODES_SHIFT		2	/* MAX_NUMNODES (4) fits: Linux's CONFIG_NODES_SHIFT */
#define ZONES_WIDTH		ZONES_SHIFT
#define NODES_WIDTH		NODES_SHIFT
#ifndef SECTIONS_SHIFT
#define SECTIONS_SHIFT		0	/* FLATMEM: no sections */
#endif
#ifndef SECTIONS_WIDTH
#if defined(CONFIG_SPARSEMEM) && !defined(CONFIG_SPARSEMEM_VMEMMAP)
#define SECTIONS_WIDTH		SECTIONS_SHIFT
#else
#define SECTIONS_WIDTH		0
#endif
#endif

#define SECTIONS_PGOFF		(BITS_PER_LONG - SECTIONS_WIDTH)
#define NODES_PGOFF		(SECTIONS_PGOFF - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define SECTIONS_PGSHIFT	(SECTIONS_PGOFF * (SECTIONS_WIDTH != 0))
#define NODES_PGSHIFT		(NODES_PGOFF * (NODES_WIDTH != 0))
#define ZONES_PGSHIFT		(ZONES_PGOFF * (ZONES_WIDTH != 0))
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define SECTIONS_MASK		(SECTIONS_WIDTH ? (1UL << (SECTIONS_WIDTH % BITS_PER_LONG)) - 1 : 0)

/* page_zone_id(): node and zone together, the key of Linux's zone tables. */
#define ZONEID_SHIFT		(NODES_SHIFT + ZONES_SHIFT)
#define ZONEID_PGOFF		(NODES_PGOFF < ZONES_PGOFF ? NODES_PGOFF : ZONES_PGOFF)

BUILD_BUG_ON(MAX_NR_ZONES > (1 << ZONES_WIDTH));
BUILD_BUG_ON(MAX_NUMNODES > (1 << NODES_WIDTH));
BUILD_BUG_ON(ZONES_PGOFF < NR_PAGEFLAGS);
BUILD_BUG_ON(SECTIONS_WIDTH && SECTIONS_WIDTH != SECTIONS_SHIFT);

static inline bool test_page_flag(const struct page *page, enum pageflags flag)
{
	return page->flags & (1UL << flag);
}

#define PAGEFLAG(uname, lname)							\
static inline bool Page##uname(const struct page *page)			\
	{ return test_page_flag(page, PG_##lname); }				\
static inline void __SetPage##uname(struct page *page)				\
	{ page->flags |= 1UL << PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)			\
	{ page->flags &= ~(1UL << PG_##lname); }

PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Head, head)
PAGEFLAG(Slab, slab)
PAGEFLAG(LRU, lru)

/* Page types, in page_type (see above). */
#define PAGE_TYPE_BASE		0xf0000000u
#define PG_buddy		0x00000080u	/* free, in the buddy allocator; private = order */
#define PG_table		0x00000200u	/* a page-table page */

#define PAGE_TYPE_OPS(uname, lname)						\
static inline bool Page##uname(const struct page *page)			\
	{ return (page->page_type & (PAGE_TYPE_BASE | lname)) == PAGE_TYPE_BASE; } \
static inline void __SetPage##uname(struct page *page)				\
	{ page->page_type &= ~lname; }						\
static inline void __ClearPage##uname(struct page *page)			\
	{ page->page_type |= lname; }

PAGE_TYPE_OPS(Buddy, PG_buddy)
PAGE_TYPE_OPS(Table, PG_table)

/* The zone, node (and section) numbers in the top bits. */
static inline enum zone_type page_zonenum(const struct page *page)
{
	return (enum zone_type)((page->flags >> ZONES_PGOFF) & ZONES_MASK);
}

static inline int page_to_nid(const struct page *page)
{
	return (int)((page->flags >> NODES_PGOFF) & NODES_MASK);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline unsigned long page_to_section(const struct page *page)
{
	return SECTIONS_WIDTH ? (page->flags >> (SECTIONS_PGOFF % BITS_PER_LONG)) & SECTIONS_MASK : 0;
}

/*
 * set_page_links - write @page's zone, node and (if page->flags has room for
 * it) section numbers; the section is the top bits of @pfn.
 */
static inline void set_page_links(struct page *page, enum zone_type zone, int nid,
				  unsigned long pfn)
{
	page->flags &= ~((ZONES_MASK << ZONES_PGOFF) | (NODES_MASK << NODES_PGOFF));
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGOFF;
	page->flags |= ((unsigned long)nid & NODES_MASK) << NODES_PGOFF;
#if SECTIONS_WIDTH
	page->flags &= ~(SECTIONS_MASK << (SECTIONS_PGOFF % BITS_PER_LONG));
	page->flags |= (pfn_to_section_nr(pfn) & SECTIONS_MASK) << (SECTIONS_PGOFF % BITS_PER_LONG);
#else
	(void)pfn;
#endif
}

/* Reference counts (page_ref.h).  A page in use has _refcount >= 1. */
static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	page->_refcount++;
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return --page->_refcount == 0;
}

/* page->private: the buddy order of a free block, bootmem_info's owner, ... */
static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list->prev = list;
}

/**
 * __init_single_page - a struct page as memmap_init() leaves it
 * @page: the struct page of @pfn
 * @pfn: its page frame
 * @zone: the zone it belongs to
 * @nid: the node it belongs to
 *
 * Zeroed, one reference, no mappings, no type, linked to its zone, node and
 * (SPARSEMEM) section, its lru an empty list.
 */
static inline void __init_single_page(struct page *page, unsigned long pfn,
				      enum zone_type zone, int nid)
{
	*page = (struct page){ 0 };
	set_page_links(page, zone, nid, pfn);
	init_page_count(page);
	page->_mapcount = -1;
	INIT_LIST_HEAD(&page->lru);
}

#endif
