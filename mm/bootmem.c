// SPDX-License-Identifier: MIT
/*
 * bootmem, the bitmap boot allocator (Linux's mm/bootmem.c, as it was until
 * Linux 4.20 removed it).
 *
 * Boot pipeline: setup_arch() has filled memblock; the arch code calls
 * bootmem_init_from_memblock() (as 32-bit ARM's bootmem_init() did), which
 * gives each node a bitmap with one bit per page frame, 1 meaning reserved.
 * Every bit starts at 1; the RAM memblock knows is then freed and what
 * memblock has reserved is reserved again, and from that point memblock is no
 * longer asked for memory: alloc_bootmem*() scans these bitmaps, first fit,
 * until mem_init() calls free_all_bootmem(), which hands every 0 bit to the
 * buddy allocator and then the bitmaps' own pages.
 *
 * What it costs, next to memblock: an allocation is a scan over bits, from the
 * node's start (or the caller's goal, or a hint), so it is as slow as the
 * reserved memory below the first hole is large, whatever the number of
 * reservations; freeing and reserving cost one bit per page and never fail;
 * the bitmaps take 32 KiB of RAM per GiB (docs/boot-allocators.md).
 *
 * Behaviour and bootmem_debug output follow Linux 4.19; the code is bootmm's
 * own.  The comments marked "bootmm:" are where it deliberately differs.
 */
#include <string.h>
#include <asm/page.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>

bootmem_data_t bootmem_node_data[MAX_NUMNODES] __initdata;

/* Every initialised node, sorted by node_min_pfn: allocations walk it in order. */
static bootmem_data_t *bdata_list __initdata;

static int bootmem_debug __initdata;

static int __init bootmem_debug_setup(char *buf)
{
	(void)buf;
	bootmem_debug = 1;
	return 0;
}
early_param("bootmem_debug", bootmem_debug_setup);

/* "bootmem::<function> ...", Linux's bootmem_debug format. */
#define bdebug(fmt, ...)							\
	do {									\
		if (unlikely(bootmem_debug))					\
			pr_info("bootmem::%s " fmt, __func__, ##__VA_ARGS__);	\
	} while (0)

/* The node number of @bdata, as bootmem_debug prints it (%td). */
#define bdata_nid(bdata)	((bdata) - bootmem_node_data)

/* A block that runs a whole bitmap word is freed as one block of this order. */
#define BOOTMEM_WORD_ORDER	((unsigned int)__builtin_ctz(BITS_PER_LONG))

/* ------------------------------------------------------------------------ */
/* The bitmap: non-atomic bit operations (the boot runs on one CPU)           */
/* ------------------------------------------------------------------------ */

static bool map_test(const unsigned long *map, unsigned long idx)
{
	return (map[idx / BITS_PER_LONG] >> (idx % BITS_PER_LONG)) & 1;
}

static bool map_test_and_set(unsigned long *map, unsigned long idx)
{
	unsigned long mask = 1UL << (idx % BITS_PER_LONG);
	unsigned long *word = &map[idx / BITS_PER_LONG];
	bool old = *word & mask;

	*word |= mask;
	return old;
}

static bool map_test_and_clear(unsigned long *map, unsigned long idx)
{
	unsigned long mask = 1UL << (idx % BITS_PER_LONG);
	unsigned long *word = &map[idx / BITS_PER_LONG];
	bool old = *word & mask;

	*word &= ~mask;
	return old;
}

/*
 * The first 0 bit at or after @idx, or @size if there is none below @size.
 * A word at a time: a fully reserved word is skipped with one comparison,
 * which is what makes a scan over reserved memory 32 or 64 pages a step.
 */
static unsigned long map_next_zero(const unsigned long *map, unsigned long size,
				   unsigned long idx)
{
	while (idx < size) {
		unsigned long free = ~map[idx / BITS_PER_LONG] >> (idx % BITS_PER_LONG);

		if (free)
			return min(idx + (unsigned long)__builtin_ctzl(free), size);
		idx = ALIGN(idx + 1, BITS_PER_LONG);
	}
	return size;
}

/* Bytes of bitmap for @pages frames: whole longs, as the scans read longs. */
static unsigned long __init bootmap_bytes(unsigned long pages)
{
	unsigned long bytes = DIV_ROUND_UP(pages, BITS_PER_BYTE);

	return ALIGN(bytes, sizeof(long));
}

/**
 * bootmem_bootmap_pages - how many pages a node's bitmap takes
 * @pages: page frames the bitmap describes (the node's span, holes included)
 *
 * Return: whole pages for bootmap_bytes(@pages), one bit a frame rounded up
 * to whole longs: 1 page per 128 MiB of span.
 */
unsigned long __init bootmem_bootmap_pages(unsigned long pages)
{
	return PFN_UP(bootmap_bytes(pages));
}

/* ------------------------------------------------------------------------ */
/* Setting a node up                                                          */
/* ------------------------------------------------------------------------ */

/* Insert @bdata in bdata_list, after every node that starts at or below it. */
static void __init link_bootmem(bootmem_data_t *bdata)
{
	bootmem_data_t **link = &bdata_list;

	for (bootmem_data_t *ent = bdata_list; ent; ent = ent->next)
		if (ent == bdata) {
			/* Linux would link it twice and loop forever walking the list. */
			pr_crit("bootmem: node %td is initialised twice\n", bdata_nid(bdata));
			BUG();
		}

	while (*link && (*link)->node_min_pfn <= bdata->node_min_pfn)
		link = &(*link)->next;
	bdata->next = *link;
	*link = bdata;
}

/*
 * Give the node [@start, @end) the bitmap at page frame @mapstart, every bit
 * set: nothing is free until the caller frees the RAM it knows about.
 */
static unsigned long __init init_bootmem_core(bootmem_data_t *bdata,
					      unsigned long mapstart,
					      unsigned long start, unsigned long end)
{
	unsigned long mapsize;

	if (end < start) {
		pr_crit("bootmem: node %td ends (pfn %#lx) before it starts (pfn %#lx)\n",
			bdata_nid(bdata), end, start);
		BUG();
	}
	mapsize = bootmap_bytes(end - start);
	bdata->node_bootmem_map = __va(PFN_PHYS(mapstart));
	bdata->node_min_pfn = start;
	bdata->node_low_pfn = end;
	bdata->last_end_off = 0;
	bdata->hint_idx = 0;
	link_bootmem(bdata);

	memset(bdata->node_bootmem_map, 0xff, mapsize);

	bdebug("nid=%td start=%lx map=%lx end=%lx mapsize=%lx\n",
	       bdata_nid(bdata), start, mapstart, end, mapsize);
	return mapsize;
}

static bootmem_data_t *__init nid_bdata(int nid)
{
	if (nid < 0 || nid >= MAX_NUMNODES) {
		pr_crit("bootmem: node %d does not exist (MAX_NUMNODES is %d)\n",
			nid, MAX_NUMNODES);
		BUG();
	}
	return &bootmem_node_data[nid];
}

/**
 * init_bootmem_node - give a node its bitmap
 * @nid: the node
 * @freepfn: page frame where the bitmap starts; the caller has made sure
 *	bootmem_bootmap_pages() pages there are unused and stay reserved
 * @startpfn: the node's first frame
 * @endpfn: the frame after the node's last (lowmem) frame
 *
 * Every page starts reserved; free_bootmem_node() the RAM next.
 *
 * Return: the bitmap's size in bytes.
 */
unsigned long __init init_bootmem_node(int nid, unsigned long freepfn,
				       unsigned long startpfn, unsigned long endpfn)
{
	return init_bootmem_core(nid_bdata(nid), freepfn, startpfn, endpfn);
}

/**
 * init_bootmem - set up a single node from frame 0 (the classic PC path)
 * @start: page frame where the bitmap starts (also the first free frame:
 *	min_low_pfn)
 * @pages: frames of lowmem (max_low_pfn)
 *
 * Return: the bitmap's size in bytes.
 */
unsigned long __init init_bootmem(unsigned long start, unsigned long pages)
{
	max_low_pfn = pages;
	min_low_pfn = start;
	return init_bootmem_core(&bootmem_node_data[0], start, 0, pages);
}

/* ------------------------------------------------------------------------ */
/* Marking pages free or reserved                                             */
/* ------------------------------------------------------------------------ */

/* Clear bits [@sidx, @eidx); each must be set, or the range is freed twice. */
static void __init __free(bootmem_data_t *bdata, unsigned long sidx,
			  unsigned long eidx)
{
	bdebug("nid=%td start=%lx end=%lx\n", bdata_nid(bdata),
	       sidx + bdata->node_min_pfn, eidx + bdata->node_min_pfn);

	if (WARN_ON(bdata->node_bootmem_map == NULL))
		return;		/* free_all_bootmem() has run */

	/* The next allocation must look here again. */
	if (bdata->hint_idx > sidx)
		bdata->hint_idx = sidx;

	for (unsigned long idx = sidx; idx < eidx; idx++)
		if (!map_test_and_clear(bdata->node_bootmem_map, idx)) {
			pr_crit("bootmem: freeing pfn %#lx on node %td, which is not reserved"
				" (double free?)\n", idx + bdata->node_min_pfn, bdata_nid(bdata));
			BUG();
		}
}

/*
 * Set bits [@sidx, @eidx).  A bit already set is fine by default; with
 * BOOTMEM_EXCLUSIVE it undoes what this call set and fails.
 */
static int __init __reserve(bootmem_data_t *bdata, unsigned long sidx,
			    unsigned long eidx, int flags)
{
	bool exclusive = flags & BOOTMEM_EXCLUSIVE;

	bdebug("nid=%td start=%lx end=%lx flags=%x\n", bdata_nid(bdata),
	       sidx + bdata->node_min_pfn, eidx + bdata->node_min_pfn, flags);

	if (WARN_ON(bdata->node_bootmem_map == NULL))
		return 0;

	for (unsigned long idx = sidx; idx < eidx; idx++)
		if (map_test_and_set(bdata->node_bootmem_map, idx)) {
			if (exclusive) {
				__free(bdata, sidx, idx);
				return -EBUSY;
			}
			bdebug("silent double reserve of PFN %lx\n",
			       idx + bdata->node_min_pfn);
		}
	return 0;
}

/* Free or reserve page frames [@start, @end), which must all be on @bdata. */
static int __init mark_bootmem_node(bootmem_data_t *bdata, unsigned long start,
				    unsigned long end, int reserve, int flags)
{
	bdebug("nid=%td start=%lx end=%lx reserve=%d flags=%x\n",
	       bdata_nid(bdata), start, end, reserve, flags);

	if (start < bdata->node_min_pfn || end > bdata->node_low_pfn) {
		pr_crit("bootmem: %s of pfns %#lx-%#lx: not inside node %td (pfns %#lx-%#lx)\n",
			reserve ? "reserve" : "free", start, end, bdata_nid(bdata),
			bdata->node_min_pfn, bdata->node_low_pfn);
		BUG();
	}

	if (reserve)
		return __reserve(bdata, start - bdata->node_min_pfn,
				 end - bdata->node_min_pfn, flags);
	__free(bdata, start - bdata->node_min_pfn, end - bdata->node_min_pfn);
	return 0;
}

/*
 * Free or reserve [@start, @end) across as many nodes as it spans.  The nodes
 * must follow one another with no gap; an exclusive reservation that fails on
 * a later node frees what it reserved on the earlier ones.
 */
static int __init mark_bootmem(unsigned long start, unsigned long end,
			       int reserve, int flags)
{
	unsigned long pos = start;

	/* bootmm: a range with no whole page in it marks nothing, on a node or not. */
	if (start >= end)
		return 0;

	for (bootmem_data_t *bdata = bdata_list; bdata; bdata = bdata->next) {
		unsigned long max;
		int err;

		if (pos < bdata->node_min_pfn || pos >= bdata->node_low_pfn) {
			if (pos != start)
				break;		/* a gap after the first node */
			continue;
		}

		max = min(bdata->node_low_pfn, end);
		err = mark_bootmem_node(bdata, pos, max, reserve, flags);
		if (reserve && err) {
			mark_bootmem(start, pos, 0, 0);
			return err;
		}
		if (max == end)
			return 0;
		pos = bdata->node_low_pfn;
	}

	pr_crit("bootmem: %s of pfns %#lx-%#lx: pfn %#lx is on no node\n",
		reserve ? "reserve" : "free", start, end, pos);
	BUG();
}

/**
 * free_bootmem_node - mark a node's range free
 * @nid: the node, which must hold the whole range
 * @physaddr: physical start
 * @size: bytes
 *
 * Only whole pages are freed: partial pages at either end stay reserved.
 * Freeing a page that is not reserved is a bug (a double free).
 */
void __init free_bootmem_node(int nid, unsigned long physaddr, unsigned long size)
{
	unsigned long start = PFN_UP(physaddr);
	unsigned long end = PFN_DOWN((phys_addr_t)physaddr + size);

	mark_bootmem_node(nid_bdata(nid), start, end, 0, 0);
}

/**
 * free_bootmem - mark a range free
 * @physaddr: physical start
 * @size: bytes
 *
 * Like free_bootmem_node(), but the range may span nodes that follow one
 * another.  Partial pages stay reserved; a double free is a bug.
 */
void __init free_bootmem(unsigned long physaddr, unsigned long size)
{
	mark_bootmem(PFN_UP(physaddr), PFN_DOWN((phys_addr_t)physaddr + size), 0, 0);
}

/**
 * reserve_bootmem_node - mark a node's range reserved
 * @nid: the node, which must hold the whole range
 * @physaddr: physical start
 * @size: bytes
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Every page the range touches is reserved, partial ones included.
 *
 * Return: 0, or -EBUSY (nothing changed) if @flags is BOOTMEM_EXCLUSIVE and
 * a page was reserved already.
 */
int __init reserve_bootmem_node(int nid, unsigned long physaddr,
				unsigned long size, int flags)
{
	unsigned long start = PFN_DOWN(physaddr);
	unsigned long end = PFN_UP((phys_addr_t)physaddr + size);

	return mark_bootmem_node(nid_bdata(nid), start, end, 1, flags);
}

/**
 * reserve_bootmem - mark a range reserved
 * @addr: physical start
 * @size: bytes
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Like reserve_bootmem_node(), but the range may span nodes that follow one
 * another; a range outside every node is a bug.
 *
 * Return: 0, or -EBUSY (nothing changed) for an exclusive conflict.
 */
int __init reserve_bootmem(unsigned long addr, unsigned long size, int flags)
{
	return mark_bootmem(PFN_DOWN(addr), PFN_UP((phys_addr_t)addr + size), 1, flags);
}

/* ------------------------------------------------------------------------ */
/* Allocating: first fit                                                      */
/* ------------------------------------------------------------------------ */

/*
 * Alignment is of the physical address, but bits count from the node's start,
 * which need not be aligned: align the frame, then go back to an index.
 */
static unsigned long __init align_idx(const bootmem_data_t *bdata,
				      unsigned long idx, unsigned long step)
{
	unsigned long base = bdata->node_min_pfn;

	return ALIGN(base + idx, step) - base;
}

/* The same for a byte offset from the node's start (lowmem: fits a long). */
static unsigned long __init align_off(const bootmem_data_t *bdata,
				      unsigned long off, unsigned long align)
{
	unsigned long base = bdata->node_min_pfn << PAGE_SHIFT;

	return ALIGN(base + off, align) - base;
}

/* Bit index of the first reserved page in [@sidx, @eidx), or @eidx. */
static unsigned long __init first_reserved(const bootmem_data_t *bdata,
					   unsigned long sidx, unsigned long eidx)
{
	while (sidx < eidx && !map_test(bdata->node_bootmem_map, sidx))
		sidx++;
	return sidx;
}

/*
 * First fit on one node: the lowest run of free pages, from @goal if it lies
 * inside the node, big enough and @align-aligned, below @limit (0: none).
 * The scan starts at hint_idx when that is further on, and comes back to the
 * start if nothing is found past it.  A small request may start inside the
 * last allocation's final page, right after it (sub-page packing).
 */
static void *__init alloc_bootmem_bdata(bootmem_data_t *bdata,
					unsigned long size, unsigned long align,
					unsigned long goal, unsigned long limit)
{
	unsigned long *map = bdata->node_bootmem_map;
	unsigned long fallback = 0;
	unsigned long min, max, start, sidx, midx, step;

	bdebug("nid=%td size=%lx [%lu pages] align=%lx goal=%lx limit=%lx\n",
	       bdata_nid(bdata), size, PFN_UP(size), align, goal, limit);

	bootmem_check_request(size, align);
	if (limit && goal + size > limit) {
		pr_crit("bootmem: goal %#lx + size %#lx is above the limit %#lx\n",
			goal, size, limit);
		BUG();
	}
	if (!map)
		return NULL;	/* free_all_bootmem() has run */
	if (!align)
		align = 1;

	min = bdata->node_min_pfn;
	max = bdata->node_low_pfn;
	goal >>= PAGE_SHIFT;
	limit >>= PAGE_SHIFT;
	if (limit && max > limit)
		max = limit;
	if (max <= min)
		return NULL;

	step = max(align >> PAGE_SHIFT, 1UL);
	if (goal && min < goal && goal < max)
		start = ALIGN(goal, step);
	else
		start = ALIGN(min, step);

	sidx = start - min;
	midx = max - min;

	/*
	 * Everything between the start and the hint was in use when last
	 * looked at, so begin at the hint; fallback (off by one, so that 0
	 * means "none") remembers where to try again if that fails.
	 */
	if (bdata->hint_idx > sidx) {
		fallback = sidx + 1;
		sidx = align_idx(bdata, bdata->hint_idx, step);
	}

	for (;;) {
		unsigned long eidx, busy, start_off, end_off;
		bool merge;
		void *region;

		sidx = map_next_zero(map, midx, sidx);
		sidx = align_idx(bdata, sidx, step);
		eidx = sidx + PFN_UP(size);

		if (sidx >= midx || eidx > midx) {
			if (!fallback)
				return NULL;
			sidx = align_idx(bdata, fallback - 1, step);
			fallback = 0;
			continue;
		}

		busy = first_reserved(bdata, sidx, eidx);
		if (busy < eidx) {
			/* Not enough room: go on from the reserved page. */
			sidx = align_idx(bdata, busy, step);
			if (sidx == busy)
				sidx += step;
			continue;
		}

		/*
		 * The last allocation ended part-way into the page just before
		 * this run: start right after it, in that page.  bootmm: only if
		 * that page is still reserved; Linux would also pack into it
		 * after it had been freed, handing out a page marked free.
		 */
		if ((bdata->last_end_off & (PAGE_SIZE - 1)) &&
		    PFN_DOWN(bdata->last_end_off) + 1 == sidx &&
		    map_test(map, sidx - 1))
			start_off = align_off(bdata, bdata->last_end_off, align);
		else
			start_off = sidx << PAGE_SHIFT;

		merge = PFN_DOWN(start_off) < sidx;
		end_off = start_off + size;

		bdata->last_end_off = end_off;
		bdata->hint_idx = PFN_UP(end_off);

		/* The shared page is reserved already: reserve from the next one. */
		if (__reserve(bdata, PFN_DOWN(start_off) + merge, PFN_UP(end_off),
			      BOOTMEM_EXCLUSIVE))
			BUG();

		region = __va(PFN_PHYS(min) + start_off);
		memset(region, 0, size);
		return region;
	}
}

/* Each node in address order, skipping those below @goal or above @limit. */
static void *__init alloc_bootmem_core(unsigned long size, unsigned long align,
				       unsigned long goal, unsigned long limit)
{
	for (bootmem_data_t *bdata = bdata_list; bdata; bdata = bdata->next) {
		void *region;

		if (goal && bdata->node_low_pfn <= PFN_DOWN(goal))
			continue;
		if (limit && bdata->node_min_pfn >= PFN_DOWN(limit))
			break;

		region = alloc_bootmem_bdata(bdata, size, align, goal, limit);
		if (region)
			return region;
	}
	return NULL;
}

/**
 * ___alloc_bootmem_nopanic - first fit on any node, from a goal, below a limit
 * @size: bytes
 * @align: a power of two, or 0
 * @goal: preferred lowest physical address, dropped if nothing fits above it
 * @limit: highest physical address + 1, or 0 for none
 *
 * The core of the _nopanic wrappers in include/mm/bootmem.h: nodes in
 * address order, with the goal, then without it.
 *
 * Return: the zeroed block's virtual address, or NULL.
 */
void *__init ___alloc_bootmem_nopanic(unsigned long size, unsigned long align,
				      unsigned long goal, unsigned long limit)
{
	void *ptr;

	bootmem_check_request(size, align);
	for (;;) {
		ptr = alloc_bootmem_core(size, align, goal, limit);
		if (ptr || !goal)
			return ptr;
		goal = 0;
	}
}

/**
 * ___alloc_bootmem_node_nopanic - first fit on a node, then on any node
 * @nid: the preferred node
 * @size: bytes
 * @align: a power of two, or 0
 * @goal: preferred lowest physical address, dropped if nothing fits above it
 * @limit: highest physical address + 1 (0: none); dropped if @goal + @size
 *	is above it
 *
 * Return: the zeroed block's virtual address, or NULL.
 */
void *__init ___alloc_bootmem_node_nopanic(int nid, unsigned long size,
					   unsigned long align, unsigned long goal,
					   unsigned long limit)
{
	bootmem_data_t *bdata = nid_bdata(nid);
	void *ptr;

	bootmem_check_request(size, align);
	for (;;) {
		/* A limit the goal already breaks would be a bug below: drop it. */
		if (limit && goal + size > limit)
			limit = 0;

		ptr = alloc_bootmem_bdata(bdata, size, align, goal, limit);
		if (ptr)
			return ptr;
		ptr = alloc_bootmem_core(size, align, goal, limit);
		if (ptr || !goal)
			return ptr;
		goal = 0;
	}
}

/* ------------------------------------------------------------------------ */
/* The end: handing the free pages to the buddy allocator                     */
/* ------------------------------------------------------------------------ */

/*
 * Hand over one node's free pages: a bitmap word's worth at once where it is
 * all free and its first frame is aligned to it, one page at a time
 * elsewhere; then the bitmap's own pages, which stayed reserved until now.
 */
static unsigned long __init free_all_bootmem_core(bootmem_data_t *bdata)
{
	unsigned long *map = bdata->node_bootmem_map;
	unsigned long start, end, pfn, pages, count = 0;

	if (!map)
		return 0;

	start = bdata->node_min_pfn;
	end = bdata->node_low_pfn;
	bdebug("nid=%td start=%lx end=%lx\n", bdata_nid(bdata), start, end);

	while (start < end) {
		unsigned long idx = start - bdata->node_min_pfn;
		unsigned int shift = idx % BITS_PER_LONG;
		/* Bit i of vec: frame start + i is free; at most a word of them. */
		unsigned long vec = ~map[idx / BITS_PER_LONG] >> shift;

		/*
		 * The frames from start to the next aligned frame may run into the
		 * next word when the node does not start aligned.  bootmm: read it
		 * whenever the node has frames in it; Linux only when a whole word
		 * of frames is left, which loses a short tail of such a node.
		 */
		if (shift && idx - shift + BITS_PER_LONG < end - bdata->node_min_pfn)
			vec |= ~map[idx / BITS_PER_LONG + 1] << (BITS_PER_LONG - shift);

		if (IS_ALIGNED(start, BITS_PER_LONG) && vec == ~0UL) {
			__free_pages_bootmem(start, BOOTMEM_WORD_ORDER);
			count += BITS_PER_LONG;
			start += BITS_PER_LONG;
		} else {
			unsigned long cur = start;

			start = ALIGN(start + 1, BITS_PER_LONG);
			for (; vec && cur != start; vec >>= 1, cur++)
				if (vec & 1) {
					__free_pages_bootmem(cur, 0);
					count++;
				}
		}
	}

	/* bootmm: the bitmap's own frames (Linux 4.19 passed the node's first ones). */
	pfn = PFN_DOWN(__pa(map));
	pages = bootmem_bootmap_pages(bdata->node_low_pfn - bdata->node_min_pfn);
	count += pages;
	while (pages--)
		__free_pages_bootmem(pfn++, 0);
	bdata->node_bootmem_map = NULL;

	bdebug("nid=%td released=%lx\n", bdata_nid(bdata), count);
	return count;
}

/**
 * free_all_bootmem - release every free page to the buddy allocator
 *
 * The end of bootmem: each node's free pages go to __free_pages_bootmem(),
 * then the bitmaps' pages; allocations fail from then on.  Called once, by
 * mem_init().
 *
 * Return: the number of pages released.
 */
unsigned long __init free_all_bootmem(void)
{
	unsigned long total_pages = 0;

	reset_all_zones_managed_pages();
	for (bootmem_data_t *bdata = bdata_list; bdata; bdata = bdata->next)
		total_pages += free_all_bootmem_core(bdata);
	return total_pages;
}

/* ------------------------------------------------------------------------ */
/* From memblock to bootmem (Linux 4.x's ARM bootmem_init/arm_bootmem_init)   */
/* ------------------------------------------------------------------------ */

/* Regions added without a node belong to node 0, as on a machine without NUMA. */
static int __init region_nid(const struct memblock_region *r)
{
	int nid = memblock_get_region_node(r);

	return nid >= 0 && nid < MAX_NUMNODES ? nid : 0;
}

/* Each node's span of lowmem, [start, end) in frames; empty if start == end. */
static void __init find_node_spans(unsigned long *node_start, unsigned long *node_end)
{
	struct memblock_region *r;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		node_start[nid] = node_end[nid] = 0;

	for_each_mem_region(r) {
		int nid = region_nid(r);
		unsigned long start = memblock_region_memory_base_pfn(r);
		unsigned long end = min(memblock_region_memory_end_pfn(r), max_low_pfn);

		if (start >= end)
			continue;
		if (node_start[nid] == node_end[nid]) {
			node_start[nid] = start;
			node_end[nid] = end;
		} else {
			node_start[nid] = min(node_start[nid], start);
			node_end[nid] = max(node_end[nid], end);
		}
	}
}

/* [*start, *end) cut to [lo, hi); true if something is left. */
static bool __init clip(unsigned long *start, unsigned long *end,
			unsigned long lo, unsigned long hi)
{
	*start = max(*start, lo);
	*end = min(*end, hi);
	return *start < *end;
}

/**
 * bootmem_init_from_memblock - hand memblock's picture of memory to bootmem
 *
 * For each node with lowmem (below max_low_pfn): a bitmap from memblock,
 * page-aligned, preferably
 * on the node (so memblock records it as reserved), and init_bootmem_node().
 * Then every memblock.memory region's whole pages inside its node are freed
 * (NOMAP ones stay reserved: they are not in the direct map), and every page
 * a memblock.reserved region touches is reserved again, the bitmaps among
 * them.  Prints "bootmem: node N bitmap at ..., N pages" for each node.
 *
 * From then on memblock is not used for allocation: alloc_bootmem*() takes
 * from the bitmaps, and memblock_alloc() would hand out pages bootmem does
 * not know are taken.
 *
 * Context: once, from the arch's setup, when memblock is complete and
 * max_low_pfn and memblock.current_limit mark the end of the direct map.
 */
void __init bootmem_init_from_memblock(void)
{
	unsigned long node_start[MAX_NUMNODES], node_end[MAX_NUMNODES];
	phys_addr_t bitmap[MAX_NUMNODES];
	struct memblock_region *r;
	int nid;

	if (WARN(!max_low_pfn, "bootmem: max_low_pfn is not set: no lowmem to manage\n"))
		return;
	find_node_spans(node_start, node_end);

	/* All bitmaps first, so each is in memblock.reserved when it is copied. */
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long pages;

		if (node_start[nid] == node_end[nid])
			continue;
		pages = bootmem_bootmap_pages(node_end[nid] - node_start[nid]);
		bitmap[nid] = memblock_phys_alloc_try_nid(PFN_PHYS(pages), PAGE_SIZE, nid);
		if (!bitmap[nid])
			panic("bootmem: no room for node %d's bitmap (%lu pages)", nid, pages);
		pr_info("bootmem: node %d bitmap at %pa, %lu pages\n", nid, &bitmap[nid], pages);
	}

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_start[nid] != node_end[nid])
			init_bootmem_node(nid, PFN_DOWN(bitmap[nid]), node_start[nid],
					  node_end[nid]);

	for_each_mem_region(r) {
		unsigned long start = memblock_region_memory_base_pfn(r);
		unsigned long end = memblock_region_memory_end_pfn(r);

		nid = region_nid(r);
		if (memblock_is_nomap(r) || !clip(&start, &end, node_start[nid], node_end[nid]))
			continue;
		free_bootmem_node(nid, PFN_PHYS(start), PFN_PHYS(end - start));
	}

	/* A reserved region need not be RAM nor on one node: each node takes its part. */
	for_each_reserved_mem_region(r) {
		for (nid = 0; nid < MAX_NUMNODES; nid++) {
			unsigned long start = memblock_region_reserved_base_pfn(r);
			unsigned long end = memblock_region_reserved_end_pfn(r);

			if (!r->size || !clip(&start, &end, node_start[nid], node_end[nid]))
				continue;
			reserve_bootmem_node(nid, PFN_PHYS(start), PFN_PHYS(end - start),
					     BOOTMEM_DEFAULT);
		}
	}
}

#ifndef __KERNEL__
void bootmem_reset_for_tests(void)
{
	memset(bootmem_node_data, 0, sizeof(bootmem_node_data));
	bdata_list = NULL;
	bootmem_debug = 0;
}
#endif
