// SPDX-License-Identifier: MIT
/*
 * The buddy allocator: freeing and allocating blocks of pages (Linux 6.1's
 * mm/page_alloc.c, the core of it).
 *
 * Every zone keeps its free memory as blocks of 2^order pages, order 0 to
 * MAX_ORDER - 1 (one page to 4 MiB), each aligned to its own size: a block
 * of order n starts at a pfn that is a multiple of 2^n.  So every block has
 * exactly one "buddy", the other half of the block of order n + 1 that
 * contains both: the pfn with bit n flipped.  zone->free_area[n] lists the
 * free blocks of order n, one list per migrate type; the first page of a free
 * block is marked PageBuddy and remembers n in page->private.
 *
 *   Allocating order n: take a block from free_area[n]; if there is none,
 *   take a bigger one and split it (expand()), putting the halves that are
 *   not needed back on the lower lists.
 *   Freeing order n: while the buddy is free and of the same order, take it
 *   off its list and merge; put the result on its list (__free_one_page()).
 *
 * On top of that, as in Linux:
 *   - pageblocks (pageblock_nr_pages pages) carry a migrate type; allocations
 *     prefer blocks of their own type and steal from others by a fixed
 *     fallback table when they must (__rmqueue_fallback());
 *   - orders 0..3 go through per-CPU lists first (rmqueue_pcplist(),
 *     free_unref_page()), which move pages to and from the buddy lists in
 *     batches;
 *   - zones are tried in zonelist order, each only if its free pages stay
 *     above a watermark (get_page_from_freelist(), mm/watermark.c);
 *   - pages are checked for a sane state as they are freed and handed out,
 *     and a bad one is reported and left out (check_free_page()).
 *
 * Boot pipeline: nothing here runs before the early allocator hands its free
 * pages over (mm/page_alloc_init.c, from free_all_bootmem()).  bootmm runs
 * on one CPU with interrupts off, so there is no zone->lock: Linux takes it
 * around every list operation below.
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include "page_alloc_internal.h"

/* The boot pageset: high 0, batch 1, so pages pass straight through it. */
struct per_cpu_pages boot_pageset;

unsigned long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

/* ------------------------------------------------------------------------ */
/* The free lists                                                             */
/* ------------------------------------------------------------------------ */

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

/* At the tail: the block will be handed out last (it may merge soon). */
static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

/* A block already on a list changes migrate type (stealing, isolation). */
static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	list_move_tail(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static inline struct page *get_page_from_free_area(struct free_area *area, int migratetype)
{
	return list_first_entry_or_null(&area->free_list[migratetype], struct page, lru);
}

static inline bool free_area_empty(const struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

/*
 * NR_FREE_PAGES counts the pages an allocation could get: isolated
 * pageblocks' free pages are left out (their callers never pass them here).
 */
static inline void __mod_zone_freepage_state(struct zone *zone, long nr_pages, int migratetype)
{
	(void)migratetype;	/* Linux also counts NR_FREE_CMA_PAGES here */
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

/*
 * The struct page @delta pfns from @page's.  Only for pfns of the same
 * pageblock: every memory model keeps a pageblock's struct pages together
 * (include/mm/memory_model.h), and a block of the free lists, with its buddy
 * below pageblock_order, never leaves its pageblock.  Linux does the same
 * pointer arithmetic; elsewhere it takes pfn_to_page().
 */
static inline struct page *page_in_block(struct page *page, long delta)
{
	return page + delta;
}

/*
 * find_buddy_page_pfn - the buddy of a free block, if it can merge with it
 *
 * The buddy merges only if it is itself a free block of the same order
 * (PageBuddy, page_private == order) in the same zone of the same node.
 * A buddy pfn without a struct page (a hole the memory model skips: only
 * possible for a whole pageblock), a hole's reserved page, a page in use or
 * on a per-CPU list, a smaller free block inside the buddy's range, or a
 * page of the next zone: none merges.
 */
static struct page *find_buddy_page_pfn(struct page *page, unsigned long pfn,
					unsigned int order, unsigned long *buddy_pfn)
{
	unsigned long bpfn = __find_buddy_pfn(pfn, order);
	struct page *buddy;

	if (buddy_pfn)
		*buddy_pfn = bpfn;
	if (likely(order < pageblock_order))
		buddy = page_in_block(page, (long)bpfn - (long)pfn);
	else if (pfn_valid(bpfn))
		buddy = pfn_to_page(bpfn);
	else
		return NULL;
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return NULL;
	if (!page_zone_id_equal(page, buddy))
		return NULL;
	return buddy;
}

/*
 * If the block just freed is one merge away from a bigger free block (its
 * merged block's buddy is free), put it at the tail of its list so that it is
 * not handed out at once and may merge when its buddy comes back.
 */
static bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn,
			       struct page *page, unsigned int order)
{
	unsigned long higher_page_pfn;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_page_pfn = buddy_pfn & pfn;
	return find_buddy_page_pfn(page_in_block(page, (long)higher_page_pfn - (long)pfn),
				   higher_page_pfn, order + 1, NULL) != NULL;
}

/**
 * __free_one_page - put a free block on the free lists, merging it with its buddies
 * @page: the block's first page
 * @pfn: its pfn, aligned to 2^@order
 * @zone: its zone
 * @order: its order
 * @migratetype: the free list to put it on (its pageblock's type)
 * @fpi_flags: FPI_TO_TAIL to put it last
 *
 * While the buddy is a free block of the same order, the two become one block
 * of the next order: the buddy leaves its list and the merged block starts at
 * the lower of the two pfns (pfn & buddy_pfn).  This stops at MAX_ORDER - 1
 * or at the first buddy that is not free.  Watch it in GDB: `break
 * __free_one_page`, then `p order` and `p/x pfn` as it loops.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1L << order, migratetype);

	while (order < MAX_ORDER - 1) {
		buddy = find_buddy_page_pfn(page, pfn, order, &buddy_pfn);
		if (!buddy)
			break;

		/*
		 * Whole pageblocks of an isolated (or highatomic) type do not
		 * merge with ordinary ones, or the free-page counts would go
		 * wrong.  With pageblock_order = MAX_ORDER - 1 this never comes
		 * up in bootmm; with huge pages (smaller pageblocks) it would.
		 */
		if (unlikely(order >= pageblock_order)) {
			int buddy_mt = get_pageblock_migratetype(buddy);

			if (migratetype != buddy_mt &&
			    (!migratetype_is_mergeable(migratetype) ||
			     !migratetype_is_mergeable(buddy_mt)))
				break;
		}

		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page_in_block(page, (long)combined_pfn - (long)pfn);
		pfn = combined_pfn;
		order++;
	}

	set_buddy_order(page, order);

	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);

	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

/* ------------------------------------------------------------------------ */
/* Checking pages as they are freed and handed out                           */
/* ------------------------------------------------------------------------ */

/* Every field a free page (or one about to be handed out) must have so. */
static inline bool page_expected_state(const struct page *page, unsigned long check_flags)
{
	if (unlikely(page->_mapcount != -1))
		return false;
	if (unlikely((unsigned long)page->mapping | (unsigned long)page_ref_count(page) |
		     (page->flags & check_flags)))
		return false;
	return true;
}

static int check_free_page(struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_FREE)))
		return 0;
	bad_page(page, page_bad_reason(page, PAGE_FLAGS_CHECK_AT_FREE));
	return 1;
}

static bool check_new_pages(struct page *page, unsigned int order)
{
	for (long i = 0; i < (1L << order); i++) {
		struct page *p = page_in_block(page, i);

		if (unlikely(!page_expected_state(p, PAGE_FLAGS_CHECK_AT_PREP))) {
			bad_page(p, page_bad_reason(p, PAGE_FLAGS_CHECK_AT_PREP));
			return true;
		}
	}
	return false;
}

/*
 * Compound pages (__GFP_COMP): the head has PG_head; every tail page points
 * at the head with bit 0 set in compound_head; the first tail page keeps the
 * order (Linux keeps it in a field of its own there).
 */
static inline bool PageTail(const struct page *page)
{
	return page->compound_head & 1;
}

static inline struct page *compound_head(const struct page *page)
{
	return PageTail(page) ? (struct page *)(page->compound_head - 1) : (struct page *)page;
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	for (long i = 1; i < (1L << order); i++) {
		struct page *p = page_in_block(page, i);

		p->compound_head = (unsigned long)page + 1;
		if (i == 1)
			p->_pad[0] = order;
	}
}

/* A tail page of a compound block being freed: is it consistent?  Clear it. */
static int free_tail_pages_check(struct page *head_page, struct page *page)
{
	int ret = 1;

	if (unlikely(!PageTail(page)))
		bad_page(page, "PageTail not set");
	else if (unlikely(compound_head(page) != head_page))
		bad_page(page, "compound_head not consistent");
	else
		ret = 0;
	page->compound_head = 0;
	page->_pad[0] = 0;
	INIT_LIST_HEAD(&page->lru);
	return ret;
}

/*
 * free_pages_prepare - check a block being freed and clear it for the free lists
 *
 * Every page of the block is checked (bootmm checks as Linux does with
 * CONFIG_DEBUG_VM: at once, not when the per-CPU list is drained).  A bad
 * page is reported and the whole block is kept out of the allocator: better
 * to lose it than to hand out a page someone still uses.  With init_on_free
 * the contents are zeroed here.
 *
 * Return: true if the block may go to the free lists.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	int bad = 0;

	if (unlikely(PageTail(page))) {
		bad_page(page, "freeing a tail page");
		return false;
	}
	if (unlikely(order)) {
		bool compound = PageHead(page);

		for (long i = 1; i < (1L << order); i++) {
			struct page *p = page_in_block(page, i);

			if (compound)
				bad += free_tail_pages_check(page, p);
			if (unlikely(check_free_page(p))) {
				bad++;
				continue;
			}
			p->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		}
	}
	bad += check_free_page(page);
	if (bad)
		return false;

	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	if (want_init_on_free())
		kernel_init_pages(page, 1 << order);
	return true;
}

/* The page is about to be handed out: one reference, zeroed if asked. */
static void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	bool init = !want_init_on_free() && want_init_on_alloc(gfp_flags);

	set_page_private(page, 0);
	init_page_count(page);
	if (init)
		kernel_init_pages(page, 1 << order);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	post_alloc_hook(page, order, gfp_flags);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
}

/* ------------------------------------------------------------------------ */
/* Freeing                                                                    */
/* ------------------------------------------------------------------------ */

/* The buddy lists directly, bypassing the per-CPU lists (orders above 3, boot). */
void __free_pages_ok(struct page *page, unsigned int order, fpi_t fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;
	__free_one_page(page, pfn, page_zone(page), order,
			get_pageblock_migratetype(page), fpi_flags);
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int migratetype, fpi_t fpi_flags)
{
	/* A pageblock may have been isolated since the type was read. */
	if (unlikely(zone->nr_isolate_pageblock || is_migrate_isolate(migratetype)))
		migratetype = get_pageblock_migratetype(page);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
}

/*
 * The per-CPU lists: one per (order, PCP migrate type), orders 0 to
 * PAGE_ALLOC_COSTLY_ORDER: lists[MIGRATE_PCPTYPES * order + migratetype].
 */
static inline unsigned int order_to_pindex(int migratetype, unsigned int order)
{
	return MIGRATE_PCPTYPES * order + (unsigned int)migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}

static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER;
}

void per_cpu_pages_init(struct per_cpu_pages *pcp)
{
	memset(pcp, 0, sizeof(*pcp));
	for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++)
		INIT_LIST_HEAD(&pcp->lists[pindex]);
	/* Boot values: nothing stays on the lists (see zone_pcp_init()). */
	pcp->high = 0;
	pcp->batch = 1;
	pcp->free_factor = 0;
}

/*
 * free_pcppages_bulk - give @count pages of a per-CPU list set back to the buddy lists
 *
 * Round-robin over the lists, starting after @pindex, oldest page first
 * (the list's tail), each to __free_one_page() with the migrate type it was
 * freed with, unless its pageblock has been isolated since.
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp,
			       int pindex)
{
	int min_pindex = 0, max_pindex = NR_PCP_LISTS - 1;

	count = min(pcp->count, count);
	pindex = pindex - 1;
	while (count > 0) {
		struct list_head *list;
		unsigned int order;
		int nr_pages;

		do {
			if (++pindex > max_pindex)
				pindex = min_pindex;
			list = &pcp->lists[pindex];
			if (!list_empty(list))
				break;
			if (pindex == max_pindex)
				max_pindex--;
			if (pindex == min_pindex)
				min_pindex++;
		} while (1);

		order = pindex_to_order((unsigned int)pindex);
		nr_pages = 1 << order;
		do {
			struct page *page = list_last_entry(list, struct page, lru);
			int mt = get_pcppage_migratetype(page);

			list_del(&page->lru);
			count -= nr_pages;
			pcp->count -= nr_pages;
			/* Its pageblock may have been isolated meanwhile. */
			if (unlikely(zone->nr_isolate_pageblock))
				mt = get_pageblock_migratetype(page);
			__free_one_page(page, page_to_pfn(page), zone, order, mt, FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
}

/*
 * How many pages to give back once the lists reach @high: a batch, doubled
 * for each free in a row without an allocation in between (free_factor),
 * leaving at least a batch behind.
 */
static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch, bool free_high)
{
	int min_nr_free, max_nr_free;

	if (unlikely(free_high))
		return pcp->count;
	if (unlikely(high < batch))		/* the boot pageset */
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free)
		pcp->free_factor++;
	return clamp(batch, min_nr_free, max_nr_free);
}

static int nr_pcp_high(struct per_cpu_pages *pcp, bool free_high)
{
	if (unlikely(!pcp->high || free_high))
		return 0;
	return pcp->high;	/* (Linux lowers it while kswapd reclaims) */
}

static void free_unref_page_commit(struct zone *zone, struct per_cpu_pages *pcp,
				   struct page *page, int migratetype, unsigned int order)
{
	unsigned int pindex = order_to_pindex(migratetype, order);
	bool free_high;
	int high;

	list_add(&page->lru, &pcp->lists[pindex]);
	pcp->count += 1 << order;

	/*
	 * Higher-order pages piling up on the lists while nothing is allocated
	 * would fragment memory: then they all go back at once.
	 */
	free_high = pcp->free_factor && order && order <= PAGE_ALLOC_COSTLY_ORDER;
	high = nr_pcp_high(pcp, free_high);
	if (pcp->count >= high)
		free_pcppages_bulk(zone, nr_pcp_free(pcp, high, pcp->batch, free_high), pcp,
				   (int)pindex);
}

/**
 * free_unref_page - free a block of order 0..3 through the per-CPU lists
 * @page: its first page, reference count already 0
 * @order: its order
 *
 * Isolated pageblocks' pages go straight to the buddy lists; HIGHATOMIC ones
 * wait on the MOVABLE list but remember their type for when they go back.
 */
void free_unref_page(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);
	int migratetype;

	if (!free_pages_prepare(page, order))
		return;
	migratetype = get_pageblock_migratetype(page);
	set_pcppage_migratetype(page, migratetype);
	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(zone, page, pfn, order, migratetype, FPI_NONE);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	free_unref_page_commit(zone, zone->per_cpu_pageset, page, migratetype, order);
}

static inline void free_the_page(struct page *page, unsigned int order)
{
	if (pcp_allowed_order(order))
		free_unref_page(page, order);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/**
 * __free_pages - drop a reference to a block from alloc_pages()
 * @page: the struct page alloc_pages() returned
 * @order: the order it was allocated with (not checked: get it right)
 *
 * The block is freed when the last reference goes.  If someone else still
 * holds a reference to the first page, the rest of a non-compound block is
 * freed now, in halves, and the first page when they drop theirs.
 * A page whose count is already 0 is being freed twice: that is reported
 * ("Bad page state", as a CONFIG_DEBUG_VM Linux does) and nothing is freed.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(page_ref_count(page) <= 0)) {
		/* Reported, not touched: it may sit on a free list right now. */
		bad_page_report(page, "VM_BUG_ON_PAGE(page_ref_count(page) == 0)");
		return;
	}
	if (page_ref_dec_and_test(page)) {
		free_the_page(page, order);
		return;
	}
	if (PageHead(page))
		return;
	while (order-- > 0)
		free_the_page(page_in_block(page, 1L << order), order);
}

/**
 * free_pages - free a block by its address (lowmem only)
 * @addr: what __get_free_pages() returned; 0 is ignored
 * @order: its order
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/* ------------------------------------------------------------------------ */
/* Allocating from one zone                                                   */
/* ------------------------------------------------------------------------ */

/*
 * expand - split a block of order @high down to order @low
 *
 * The block at @page is of order @high; the caller wants its first 2^@low
 * pages.  Each step halves it: the upper half goes on the free list of the
 * order below, the lower half is split further.  Example, order 0 wanted
 * from an order-3 block at pfn 8: pfns 12-15 go to order 2, 10-11 to
 * order 1, 9 to order 0, and pfn 8 is returned.
 */
static inline void expand(struct zone *zone, struct page *page, unsigned int low,
			  unsigned int high, int migratetype)
{
	long size = 1L << high;

	while (high > low) {
		struct page *half;

		high--;
		size >>= 1;
		half = page_in_block(page, size);
		add_to_free_list(half, zone, high, migratetype);
		set_buddy_order(half, high);
	}
}

/* The smallest free block of @migratetype that fits order @order, split to size. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	for (unsigned int current_order = order; current_order < MAX_ORDER; ++current_order) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
}

/*
 * When a migrate type's lists are empty, which other types to take from, in
 * order (Linux's fallbacks[]): unmovable and reclaimable allocations prefer
 * each other's blocks to movable ones; movable ones take reclaimable first.
 * HIGHATOMIC and ISOLATE blocks are never fallen back to.
 */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE,   MIGRATE_TYPES },
};

/**
 * move_freepages - move the free blocks in [@start_pfn, @end_pfn] to @migratetype's lists
 * @zone: their zone
 * @start_pfn: first pfn
 * @end_pfn: last pfn (inclusive)
 * @migratetype: the new type
 * @num_movable: if not NULL, counts pages in use that look movable (on an LRU)
 *
 * Return: the number of free pages moved.
 */
int move_freepages(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn,
		   int migratetype, int *num_movable)
{
	int pages_moved = 0;

	for (unsigned long pfn = start_pfn; pfn <= end_pfn;) {
		struct page *page;
		unsigned int order;

		if (!pfn_valid(pfn)) {
			pfn++;
			continue;
		}
		page = pfn_to_page(pfn);
		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

/**
 * move_freepages_block - move the free blocks of @page's pageblock to @migratetype
 * @zone: the zone
 * @page: a page of the pageblock
 * @migratetype: the new type
 * @num_movable: see move_freepages()
 *
 * Return: pages moved; 0 if the pageblock ends outside the zone.
 */
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable)
{
	unsigned long pfn = page_to_pfn(page), start_pfn, end_pfn;

	if (num_movable)
		*num_movable = 0;
	start_pfn = pfn & ~(pageblock_nr_pages - 1);
	end_pfn = start_pfn + pageblock_nr_pages - 1;
	/* Do not cross zone boundaries */
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = pfn;
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, start_pfn, end_pfn, migratetype, num_movable);
}

static void change_pageblock_range(struct page *pageblock_page, unsigned int start_order,
				   int migratetype)
{
	unsigned long pfn = page_to_pfn(pageblock_page);
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pfn_to_page(pfn), migratetype);
		pfn += pageblock_nr_pages;
	}
}

/*
 * Taking a big block from another type's pageblock is a sign that more will
 * follow: then take the whole pageblock, not just the block.  Unmovable and
 * reclaimable allocations always do (scattering them is what fragments
 * memory for good); movable ones only for blocks of half a pageblock or more.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	if (order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	    start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled)
		return true;
	return false;
}

/*
 * steal_suitable_fallback - make a fallback block (and maybe its pageblock) ours
 *
 * A block of a pageblock or more changes type outright.  Otherwise every
 * free block of its pageblock moves to our lists, and if at least half the
 * pageblock is free or already holds our kind of data, the pageblock itself
 * becomes ours, so its pages come back to our lists when freed.  (Linux also
 * boosts the watermarks here to make kswapd compact; bootmm has no kswapd.)
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page, int start_type,
				    bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type = get_pageblock_migratetype(page);

	if (is_migrate_highatomic(old_block_type))
		goto single_page;
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		goto single_page;
	}
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE) {
		alike_pages = movable_pages;
	} else {
		/*
		 * An unmovable or reclaimable allocation in a movable pageblock
		 * counts every non-movable page as alike; between unmovable and
		 * reclaimable blocks nothing is known to be alike.
		 */
		if (old_block_type == MIGRATE_MOVABLE)
			alike_pages = (int)pageblock_nr_pages - (free_pages + movable_pages);
		else
			alike_pages = 0;
	}
	if (!free_pages)		/* the pageblock crosses the zone's end */
		goto single_page;
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

/* The first type in @migratetype's fallback list with a free block in @area, or -1. */
static int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
				  bool only_stealable, bool *can_steal)
{
	if (area->nr_free == 0)
		return -1;
	*can_steal = false;
	for (int i = 0;; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (fallback_mt == MIGRATE_TYPES)
			break;
		if (free_area_empty(area, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * __rmqueue_fallback - move a block of another migrate type to @start_migratetype's lists
 *
 * The largest free block of a fallback type is taken (it likely sits in the
 * emptiest pageblock, the best one to claim), except for a movable request
 * that may not claim the pageblock: that one splits the smallest block, as
 * movable pages can be moved out again.  The block (or its whole pageblock)
 * lands on our lists, and the caller's __rmqueue_smallest() tries again.
 */
static bool __rmqueue_fallback(struct zone *zone, int order, int start_migratetype)
{
	struct free_area *area;
	int current_order, fallback_mt = -1;
	bool can_steal = false;
	struct page *page;

	for (current_order = MAX_ORDER - 1; current_order >= order; --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE && current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt != -1)
			break;
	}

do_steal:
	page = get_page_from_free_area(area, fallback_mt);
	steal_suitable_fallback(zone, page, start_migratetype, can_steal);
	return true;
}

/* Remove a block of order @order from @zone's free lists, falling back if need be. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page;

retry:
	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page) && __rmqueue_fallback(zone, (int)order, migratetype))
		goto retry;
	return page;
}

/*
 * Reserve a pageblock for high-order atomic allocations (they cannot wait
 * for memory to be freed): at most about 1% of the zone plus one pageblock.
 */
static void reserve_highatomic_pageblock(struct page *page, struct zone *zone)
{
	unsigned long max_managed = zone_managed_pages(zone) / 100 + pageblock_nr_pages;
	int mt;

	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	mt = get_pageblock_migratetype(page);
	if (migratetype_is_mergeable(mt)) {
		zone->nr_reserved_highatomic += pageblock_nr_pages;
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
	}
}

/*
 * An allocation is about to fail: give one HIGHATOMIC pageblock back to
 * ordinary use (keeping one unless @force).
 */
static bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		if (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			struct page *page = get_page_from_free_area(area, MIGRATE_HIGHATOMIC);

			if (!page)
				continue;
			if (is_migrate_highatomic(get_pageblock_migratetype(page)))
				zone->nr_reserved_highatomic -= min(pageblock_nr_pages,
								   zone->nr_reserved_highatomic);
			set_pageblock_migratetype(page, ac->migratetype);
			if (move_freepages_block(zone, page, ac->migratetype, NULL))
				return true;
		}
	}
	return false;
}

/* Up to @count blocks from the buddy lists onto a per-CPU list, in pfn order. */
static int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
			struct list_head *list, int migratetype)
{
	int allocated = 0;
	unsigned long i;

	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (unlikely(page == NULL))
			break;
		list_add_tail(&page->lru, list);
		allocated++;
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(i << order));
	return allocated;
}

/* From the buddy lists directly (orders above 3, or the per-CPU path came back empty). */
static struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
				  unsigned int alloc_flags, int migratetype)
{
	struct page *page;

	do {
		page = NULL;
		/* Atomic high-order requests may use the HIGHATOMIC reserve first. */
		if (order > 0 && (alloc_flags & ALLOC_HARDER))
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
		if (!page) {
			page = __rmqueue(zone, order, migratetype);
			if (!page)
				return NULL;
		}
		__mod_zone_freepage_state(zone, -(1L << order), get_pcppage_migratetype(page));
	} while (check_new_pages(page, order));
	return page;
}

static struct page *__rmqueue_pcplist(struct zone *zone, unsigned int order, int migratetype,
				      struct per_cpu_pages *pcp, struct list_head *list)
{
	struct page *page;

	do {
		if (list_empty(list)) {
			int batch = pcp->batch;
			int alloced;

			/* Fewer of the bigger blocks; the boot pageset takes one. */
			if (batch > 1)
				batch = max(batch >> order, 2);
			alloced = rmqueue_bulk(zone, order, (unsigned long)batch, list, migratetype);
			pcp->count += alloced << order;
			if (unlikely(list_empty(list)))
				return NULL;
		}
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count -= 1 << order;
	} while (check_new_pages(page, order));
	return page;
}

static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order, int migratetype)
{
	struct per_cpu_pages *pcp = zone->per_cpu_pageset;

	pcp->free_factor >>= 1;	/* an allocation: frees may batch less */
	return __rmqueue_pcplist(zone, order, migratetype, pcp,
				 &pcp->lists[order_to_pindex(migratetype, order)]);
}

/* One block of order @order from @zone: per-CPU lists for orders 0..3. */
static struct page *rmqueue(struct zone *zone, unsigned int order, unsigned int alloc_flags,
			    int migratetype)
{
	struct page *page;

	if (likely(pcp_allowed_order(order))) {
		page = rmqueue_pcplist(zone, order, migratetype);
		if (likely(page))
			return page;
	}
	return rmqueue_buddy(zone, order, alloc_flags, migratetype);
}

/* ------------------------------------------------------------------------ */
/* Allocating: the zonelist walk                                              */
/* ------------------------------------------------------------------------ */

/*
 * get_page_from_freelist - try each zone of the zonelist in turn
 *
 * A zone is used only if its free pages stay above the watermark the
 * allocation is entitled to (plus the lowmem reserve it keeps from
 * allocations that could have gone higher).
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zoneref *z = ac->preferred_zoneref;
	struct zone *zone;

	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx, ac->nodemask) {
		unsigned long mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		struct page *page;

		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags) &&
		    !(alloc_flags & ALLOC_NO_WATERMARKS))
			continue;
		page = rmqueue(zone, order, alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask);
			if (unlikely(order && (alloc_flags & ALLOC_HARDER)))
				reserve_highatomic_pageblock(page, zone);
			return page;
		}
	}
	return NULL;
}

/* The watermark and reserves the slow path may use (Linux's gfp_to_alloc_flags()). */
static unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	BUILD_BUG_ON(___GFP_HIGH != ALLOC_HIGH);
	BUILD_BUG_ON(___GFP_KSWAPD_RECLAIM != ALLOC_KSWAPD);
	alloc_flags |= gfp_mask & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM);
	if (gfp_mask & __GFP_ATOMIC) {
		if (!(gfp_mask & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	return alloc_flags;
}

/*
 * __alloc_pages_slowpath - the first try failed: dig deeper, then give up loudly
 *
 * Linux would now wake kswapd, reclaim, compact, retry and finally call the
 * OOM killer.  bootmm has nothing to reclaim yet, so: try again down to the
 * min watermark (further for __GFP_HIGH/atomic requests), with no watermark
 * at all for __GFP_MEMALLOC; a request that may sleep also gets the per-CPU
 * lists drained and the highatomic reserves back (one, then all), as Linux's
 * direct reclaim and retry loop do when reclaim frees nothing.  Then report
 * the failure.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp_mask);
	struct page *page;

	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		return page;

	if ((gfp_mask & __GFP_MEMALLOC) && !(gfp_mask & __GFP_NOMEMALLOC)) {
		page = get_page_from_freelist(gfp_mask, order, ALLOC_NO_WATERMARKS, ac);
		if (page)
			return page;
	}

	if (gfpflags_allow_blocking(gfp_mask)) {
		/* What direct reclaim does when it frees nothing: drain, unreserve one. */
		unreserve_highatomic_pageblock(ac, false);
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
		if (page)
			return page;
		/* What the retry loop does once it gives up on reclaim: all of them. */
		while (unreserve_highatomic_pageblock(ac, true)) {
			page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
			if (page)
				return page;
		}
	}

	/* __GFP_NOFAIL: Linux would loop for ever; try once with the atomic reserves. */
	if (gfp_mask & __GFP_NOFAIL) {
		page = get_page_from_freelist(gfp_mask, order, ALLOC_HARDER, ac);
		if (page)
			return page;
	}

	warn_alloc(gfp_mask, ac->nodemask, "page allocation failure: order:%u", order);
	return NULL;
}

/**
 * __alloc_pages - the heart of the zoned buddy allocator
 * @gfp: GFP flags
 * @order: log2 of the number of pages
 * @preferred_nid: the node whose zonelist to walk
 * @nodemask: nodes allowed (NULL: all)
 *
 * The fast path tries every zone of the zonelist down to its low watermark;
 * the slow path goes further (__alloc_pages_slowpath()).
 *
 * Return: the first page of the block, one reference held, or NULL.
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   nodemask_t *nodemask)
{
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct alloc_context ac = { 0 };
	struct page *page;

	if (unlikely(order >= MAX_ORDER)) {
		if (!(gfp & __GFP_NOWARN))
			WARN_ON_ONCE(1);
		return NULL;
	}

	ac.highest_zoneidx = gfp_zone(gfp);
	ac.zonelist = node_zonelist(preferred_nid, gfp);
	ac.nodemask = nodemask;
	ac.migratetype = gfp_migratetype(gfp);
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx, nodemask);
	alloc_flags |= gfp & __GFP_KSWAPD_RECLAIM;	/* = ALLOC_KSWAPD */

	page = get_page_from_freelist(gfp, order, alloc_flags, &ac);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp, order, &ac);
}

/**
 * __get_free_pages - allocate lowmem pages and return their address
 * @gfp_mask: GFP flags (__GFP_HIGHMEM is dropped: HighMem has no address)
 * @order: log2 of the number of pages
 *
 * Return: the kernel virtual address of the block, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);

	if (!page)
		return 0;
	return (unsigned long)page_address(page);
}

/* One zeroed lowmem page, by address, or 0. */
unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* ------------------------------------------------------------------------ */
/* Draining the per-CPU lists                                                 */
/* ------------------------------------------------------------------------ */

/**
 * drain_local_pages - give this CPU's per-CPU pages back to the buddy lists
 * @zone: that zone only, or NULL for every populated zone
 */
void drain_local_pages(struct zone *zone)
{
	if (zone) {
		struct per_cpu_pages *pcp = zone->per_cpu_pageset;

		if (pcp && pcp->count)
			free_pcppages_bulk(zone, pcp->count, pcp, 0);
		return;
	}
	for_each_populated_zone(zone)
		drain_local_pages(zone);
}

/* Every CPU's: with one CPU, this one's. */
void drain_all_pages(struct zone *zone)
{
	drain_local_pages(zone);
}

/**
 * __offline_isolated_pages - take an isolated, all-free range out of the allocator
 * @start_pfn: first pfn (test_pages_isolated() said every page is free)
 * @end_pfn: end, exclusive
 *
 * Memory hot-unplug's last step before the pages go (Linux's, here too):
 * each free block leaves its ISOLATE list, which NR_FREE_PAGES never
 * counted.  bootmm then marks every page reserved with one reference, the
 * state of a page no allocator owns, as memmap_init() leaves a hole's.
 */
void __offline_isolated_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *zone = page_zone(pfn_to_page(start_pfn));

	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order = buddy_order(page);

		del_page_from_free_list(page, zone, order);
		for (struct page *p = page; p < page + (1UL << order); p++) {
			__SetPageReserved(p);
			init_page_count(p);
		}
		pfn += 1UL << order;
	}
}
