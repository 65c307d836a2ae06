/* SPDX-License-Identifier: MIT */
/*
 * The bootmem API: how every boot stage after memblock's setup allocates
 * memory before the buddy allocator exists (Linux 4.19's include/linux/bootmem.h).
 *
 * Boot pipeline: setup_arch() fills memblock from the firmware's map and
 * reserves what is in use; the arch code then calls bootmem_init_from_memblock();
 * from there until mem_init(), early allocations are alloc_bootmem*() and
 * early frees free_bootmem*(); mem_init() ends the early stage with
 * free_all_bootmem(), which hands every free page to the buddy allocator.
 *
 * The API has two implementations, as in Linux 4.x, and mm/mm.mk builds one
 * (EARLY_ALLOCATOR=bootmem, the default, or EARLY_ALLOCATOR=memblock):
 *   mm/bootmem.c    one bitmap per node, one bit per page frame: the classic
 *                   allocator Linux used until 4.20 (docs/boot-allocators.md);
 *   mm/nobootmem.c  the same calls on top of memblock (CONFIG_NO_BOOTMEM), what
 *                   every architecture used once memblock could do it all.
 * Code that allocates through this header works with either.
 *
 * Nodes: Linux names a node by its pg_data_t (NODE_DATA(nid)), whose ->bdata is
 * &bootmem_node_data[nid].  bootmm's pg_data_t (include/mm/mmzone.h) has no
 * bdata and is made by numa_init(), which may come later, so the _node
 * functions here take the node id: where Linux says
 * alloc_bootmem_node(NODE_DATA(nid), x), bootmm says alloc_bootmem_node(nid, x).
 *
 * Addresses are physical and unsigned long, as in Linux: bootmem only manages
 * lowmem, which lies below 4 GiB on a 32-bit kernel.
 */
#ifndef BOOTMM_MM_BOOTMEM_H
#define BOOTMM_MM_BOOTMEM_H

#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/pfn.h>
#include <kernel/types.h>
#include <mm/memblock.h>
#include <kernel/errno.h>

/* 32 in the kernels, 64 on the x86-64 host that runs the unit tests. */
#ifndef BITS_PER_LONG
#define BITS_PER_LONG		(__SIZEOF_LONG__ * 8)
#endif
#ifndef BITS_PER_BYTE
#define BITS_PER_BYTE		8
#endif

/*
 * The page-frame limits min_low_pfn, max_low_pfn and max_pfn are memblock's
 * (include/mm/memblock.h), set by the arch's setup; bootmem manages the RAM
 * below max_low_pfn, lowmem, and so does free_all_bootmem() with memblock.
 */

/* --- mm/bootmem.c only: the bitmaps ------------------------------------------ */

/**
 * struct bootmem_data - one node's bitmap (bootmem_data_t)
 * @node_min_pfn: the node's first page frame
 * @node_low_pfn: the frame after its last lowmem frame
 * @node_bootmem_map: the bitmap, one bit per frame from @node_min_pfn, 1 =
 *	reserved (holes included); NULL before init_bootmem_node() and after
 *	free_all_bootmem()
 * @last_end_off: byte offset from the node's start where the last allocation
 *	ended; the next small one may start in the same page
 * @hint_idx: bit index from which to start looking for free pages: the end of
 *	the last allocation, lowered by every free below it
 * @next: the next node on the list, sorted by @node_min_pfn (Linux: a struct
 *	list_head; nodes are only ever added and walked, so one link does)
 */
typedef struct bootmem_data {
	unsigned long node_min_pfn;
	unsigned long node_low_pfn;
	void *node_bootmem_map;
	unsigned long last_end_off;
	unsigned long hint_idx;
	struct bootmem_data *next;
} bootmem_data_t;

extern bootmem_data_t bootmem_node_data[MAX_NUMNODES];

unsigned long bootmem_bootmap_pages(unsigned long pages);
unsigned long init_bootmem_node(int nid, unsigned long freepfn,
				unsigned long startpfn, unsigned long endpfn);
unsigned long init_bootmem(unsigned long start, unsigned long pages);

/* --- setting up, from memblock ----------------------------------------------- */

/*
 * The arch calls this once memblock is complete and max_low_pfn is set (as
 * Linux 4.x's ARM bootmem_init() did).  mm/bootmem.c builds the bitmaps from
 * memblock, which is not used for allocation afterwards; mm/nobootmem.c
 * keeps memblock as the allocator.  Either way it prints what it did.
 */
void bootmem_init_from_memblock(void);

/* --- freeing and reserving ----------------------------------------------------- */

/*
 * Flags of reserve_bootmem().  With BOOTMEM_DEFAULT it always succeeds; with
 * BOOTMEM_EXCLUSIVE it fails with -EBUSY, changing nothing, if any page of the
 * range is reserved already.
 */
#define BOOTMEM_DEFAULT		0
#define BOOTMEM_EXCLUSIVE	(1 << 0)

unsigned long free_all_bootmem(void);
void free_bootmem_node(int nid, unsigned long physaddr, unsigned long size);
void free_bootmem(unsigned long physaddr, unsigned long size);
int reserve_bootmem(unsigned long addr, unsigned long size, int flags);
int reserve_bootmem_node(int nid, unsigned long physaddr, unsigned long size,
			 int flags);

/* --- allocating ---------------------------------------------------------------- */

/*
 * Each implementation provides the two cores; everything else in this section
 * is the same for all of them, so it lives here.
 *
 * Every allocator returns zeroed memory by its virtual address (__va of the
 * physical one).  @align is a power of two (0: no alignment); @goal is the
 * physical address the caller would like the block at or above, dropped if
 * nothing fits there; @limit is the highest address + 1, 0 for no limit but
 * the allocator's own.  The _node variants try node @nid first, then any.
 */
void *___alloc_bootmem_nopanic(unsigned long size, unsigned long align,
			       unsigned long goal, unsigned long limit);
void *___alloc_bootmem_node_nopanic(int nid, unsigned long size,
				    unsigned long align, unsigned long goal,
				    unsigned long limit);

/**
 * bootmem_check_request - BUG() on a request no allocator can honour
 * @size: bytes, not 0
 * @align: a power of two, or 0
 *
 * A bad request is the caller's bug, as in Linux (BUG_ON in alloc_bootmem_bdata()).
 */
static inline void bootmem_check_request(unsigned long size, unsigned long align)
{
	if (!size) {
		pr_crit("bootmem: zero-size allocation\n");
		BUG();
	}
	if (align & (align - 1)) {
		pr_crit("bootmem: alignment %#lx is not a power of 2\n", align);
		BUG();
	}
}

/**
 * bootmem_alloc_or_panic - what the panicking variants do with a NULL
 * @ptr: the _nopanic core's result
 * @size: the request, for the message
 * @func: the variant called
 * @caller: the function that called it
 *
 * Linux's two lines, with who asked: "bootmem alloc of N bytes failed!", then
 * "Kernel panic - not syncing: Out of memory: __alloc_bootmem(N bytes) from f()".
 *
 * Return: @ptr, when it is not NULL.
 */
static inline void *bootmem_alloc_or_panic(void *ptr, unsigned long size,
					   const char *func, const char *caller)
{
	if (unlikely(!ptr)) {
		pr_alert("bootmem alloc of %lu bytes failed!\n", size);
		panic("Out of memory: %s(%lu bytes) from %s()", func, size, caller);
	}
	return ptr;
}

/* __alloc_bootmem_nopanic - any node; NULL if nothing fits. */
static inline void *__alloc_bootmem_nopanic(unsigned long size, unsigned long align,
					    unsigned long goal)
{
	return ___alloc_bootmem_nopanic(size, align, goal, 0);
}

/* __alloc_bootmem_node_nopanic - node @nid first; NULL if nothing fits. */
static inline void *__alloc_bootmem_node_nopanic(int nid, unsigned long size,
						 unsigned long align, unsigned long goal)
{
	return ___alloc_bootmem_node_nopanic(nid, size, align, goal, 0);
}

/* __alloc_bootmem_low_nopanic - below ARCH_LOW_ADDRESS_LIMIT (4 GiB); NULL if nothing fits. */
static inline void *__alloc_bootmem_low_nopanic(unsigned long size, unsigned long align,
						unsigned long goal)
{
	return ___alloc_bootmem_nopanic(size, align, goal, ARCH_LOW_ADDRESS_LIMIT);
}

/*
 * The panicking variants are macros so that the message can name the
 * function that called them (bootmm has no symbol table to turn a return
 * address into a name).  Each argument is evaluated once.
 *
 * __alloc_bootmem(size, align, goal): any node.
 * __alloc_bootmem_node(nid, size, align, goal): node @nid first.
 * __alloc_bootmem_low(size, align, goal): below 4 GiB.
 * __alloc_bootmem_low_node(nid, size, align, goal): below 4 GiB, @nid first
 *	(bootmm: Linux 4.19 dropped the limit on this one; this keeps it).
 */
#define __alloc_bootmem(size, align, goal) ({					\
	unsigned long __bm_size = (size);					\
	bootmem_alloc_or_panic(___alloc_bootmem_nopanic(__bm_size, align, goal, 0), \
			       __bm_size, "__alloc_bootmem", __func__);		\
})
#define __alloc_bootmem_node(nid, size, align, goal) ({			\
	unsigned long __bm_size = (size);					\
	bootmem_alloc_or_panic(___alloc_bootmem_node_nopanic(nid, __bm_size, align, \
							     goal, 0),		\
			       __bm_size, "__alloc_bootmem_node", __func__);	\
})
#define __alloc_bootmem_low(size, align, goal) ({				\
	unsigned long __bm_size = (size);					\
	bootmem_alloc_or_panic(___alloc_bootmem_nopanic(__bm_size, align, goal,	\
							ARCH_LOW_ADDRESS_LIMIT), \
			       __bm_size, "__alloc_bootmem_low", __func__);	\
})
#define __alloc_bootmem_low_node(nid, size, align, goal) ({			\
	unsigned long __bm_size = (size);					\
	bootmem_alloc_or_panic(___alloc_bootmem_node_nopanic(nid, __bm_size, align, \
							     goal,		\
							     ARCH_LOW_ADDRESS_LIMIT), \
			       __bm_size, "__alloc_bootmem_low_node", __func__); \
})

/*
 * The goal of the everyday wrappers.  Linux's bitmap build used
 * __pa(MAX_DMA_ADDRESS), 16 MiB on a PC, to keep ISA DMA memory for drivers;
 * bootmm has no DMA zone yet, so allocations may start at the bottom.
 */
#define BOOTMEM_LOW_LIMIT	0

#define alloc_bootmem(x) \
	__alloc_bootmem(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_align(x, align) \
	__alloc_bootmem(x, align, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_nopanic(x) \
	__alloc_bootmem_nopanic(x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages(x) \
	__alloc_bootmem(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_nopanic(x) \
	__alloc_bootmem_nopanic(x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node(nid, x) \
	__alloc_bootmem_node(nid, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_node_nopanic(nid, x) \
	__alloc_bootmem_node_nopanic(nid, x, SMP_CACHE_BYTES, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_node(nid, x) \
	__alloc_bootmem_node(nid, x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_pages_node_nopanic(nid, x) \
	__alloc_bootmem_node_nopanic(nid, x, PAGE_SIZE, BOOTMEM_LOW_LIMIT)
#define alloc_bootmem_low(x) \
	__alloc_bootmem_low(x, SMP_CACHE_BYTES, 0)
#define alloc_bootmem_low_pages(x) \
	__alloc_bootmem_low(x, PAGE_SIZE, 0)
#define alloc_bootmem_low_pages_nopanic(x) \
	__alloc_bootmem_low_nopanic(x, PAGE_SIZE, 0)
#define alloc_bootmem_low_pages_node(nid, x) \
	__alloc_bootmem_low_node(nid, x, PAGE_SIZE, 0)

/* --- the hand-off to the page allocator ------------------------------------------ */

/*
 * Both are defined by mm/page_alloc.c, the buddy allocator (a later stage of
 * bootmm).  free_all_bootmem() calls reset_all_zones_managed_pages() once, to
 * zero every zone's managed-page count, then __free_pages_bootmem() for each
 * free block: 2^@order pages from page frame @pfn, @pfn aligned to 2^@order.
 * Linux passes the block's struct page as well; the frame number names the
 * block here, and the page allocator finds its struct page from it.
 */
void __free_pages_bootmem(unsigned long pfn, unsigned int order);
void reset_all_zones_managed_pages(void);

/**
 * free_bootmem_late - give a range straight to the page allocator
 * @physaddr: physical start
 * @size: bytes
 *
 * For memory found free after free_all_bootmem(), when the early allocator
 * is gone: each whole page goes to __free_pages_bootmem(); partial pages are
 * kept.
 */
static inline void free_bootmem_late(unsigned long physaddr, unsigned long size)
{
	unsigned long end = PFN_DOWN((phys_addr_t)physaddr + size);

	for (unsigned long pfn = PFN_UP(physaddr); pfn < end; pfn++)
		__free_pages_bootmem(pfn, 0);
}

#ifndef __KERNEL__
/* Host unit tests and benchmarks only: forget every node, limit and hint. */
void bootmem_reset_for_tests(void);
#endif

#endif
