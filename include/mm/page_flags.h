/* SPDX-License-Identifier: MIT */
/*
 * What struct page's flags word holds, and the accessors for it (Linux's
 * include/linux/page-flags.h, page-flags-layout.h, mm.h and page_ref.h).
 *
 * page->flags has two parts.  The low bits are PG_* flags (reserved, private,
 * ...).  The top bits are numbers: the page's zone and node, and under
 * SPARSEMEM without VMEMMAP its section, so that page_zone() and
 * page_to_nid() need no table:
 *
 *   bit 31                                                         bit 0
 *   | SECTION (SECTIONS_WIDTH) | NODE (2) | ZONE (2) | ...unused... | PG_* |
 *
 * A memory model that needs section bits defines SECTIONS_WIDTH (see
 * mm/memory_model/); otherwise it is 0.  set_page_links() writes the numbers
 * when memmap_init() initialises each page.
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

#define BITS_PER_LONG		(8 * (int)sizeof(long))

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

#define ZONES_WIDTH		2	/* MAX_NR_ZONES (4) fits */
#define NODES_WIDTH		2	/* MAX_NUMNODES (4) fits */
#ifndef SECTIONS_WIDTH
#define SECTIONS_WIDTH		0
#endif

#define SECTIONS_PGOFF		(BITS_PER_LONG - SECTIONS_WIDTH)
#define NODES_PGOFF		(SECTIONS_PGOFF - NODES_WIDTH)
#define ZONES_PGOFF		(NODES_PGOFF - ZONES_WIDTH)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
#define NODES_MASK		((1UL << NODES_WIDTH) - 1)
#define SECTIONS_MASK		(SECTIONS_WIDTH ? (1UL << (SECTIONS_WIDTH % BITS_PER_LONG)) - 1 : 0)

BUILD_BUG_ON(MAX_NR_ZONES > (1 << ZONES_WIDTH));
BUILD_BUG_ON(MAX_NUMNODES > (1 << NODES_WIDTH));
BUILD_BUG_ON(ZONES_PGOFF < NR_PAGEFLAGS);

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
	return SECTIONS_WIDTH ? (page->flags >> SECTIONS_PGOFF) & SECTIONS_MASK : 0;
}

static inline void set_page_links(struct page *page, enum zone_type zone, int nid,
				  unsigned long section)
{
	page->flags &= ~((ZONES_MASK << ZONES_PGOFF) | (NODES_MASK << NODES_PGOFF));
	page->flags |= ((unsigned long)zone & ZONES_MASK) << ZONES_PGOFF;
	page->flags |= ((unsigned long)nid & NODES_MASK) << NODES_PGOFF;
	if (SECTIONS_WIDTH) {
		page->flags &= ~(SECTIONS_MASK << (SECTIONS_PGOFF % BITS_PER_LONG));
		page->flags |= (section & SECTIONS_MASK) << (SECTIONS_PGOFF % BITS_PER_LONG);
	}
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

/*
 * __init_single_page - a struct page as memmap_init() leaves it: zeroed, one
 * reference, no mappings, no type, on its zone and node.
 */
static inline void __init_single_page(struct page *page, unsigned long pfn,
				      enum zone_type zone, int nid, unsigned long section)
{
	(void)pfn;
	*page = (struct page){ 0 };
	set_page_links(page, zone, nid, section);
	init_page_count(page);
	page->_mapcount = -1;
	INIT_LIST_HEAD(&page->lru);
}

#endif
