// SPDX-License-Identifier: MIT
/*
 * The bootmem API on top of memblock (Linux's mm/nobootmem.c, built with
 * CONFIG_NO_BOOTMEM until Linux 4.20 folded it into mm/memblock.c).
 *
 * Boot pipeline: the same place as mm/bootmem.c (make EARLY_ALLOCATOR=memblock
 * builds this file instead of that one), but there is no second allocator to
 * set up: bootmem_init_from_memblock() only sets the page-frame limits, and
 * memblock stays the allocator until mem_init().  alloc_bootmem*() become
 * memblock allocations (top-down, below memblock.current_limit, with the goal
 * as the lowest address), free_bootmem*() and reserve_bootmem*() edit
 * memblock.reserved, and free_all_bootmem() hands each free range of memblock
 * to the buddy allocator in the largest aligned blocks that fit it.
 *
 * Differences a caller can see, all Linux's: memblock records bytes, so
 * free_bootmem() of a partial page frees those bytes (whole pages are only
 * counted at the hand-off); nodes do not matter to free and reserve; a range
 * need not be RAM; and freeing what is not reserved goes unnoticed.
 */
#include <string.h>
#include <asm/page.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>		/* MAX_ORDER: the largest block is 2^(MAX_ORDER - 1) pages */

/**
 * bootmem_init_from_memblock - with memblock as the early allocator: nothing to build
 *
 * Only says that memblock stays the allocator: free_all_bootmem() will hand
 * over memblock's free memory below max_low_pfn, which the arch has set.
 *
 * Context: once, from the arch's setup, after memblock is complete.
 */
void __init bootmem_init_from_memblock(void)
{
	pr_info("bootmem: none: memblock stays the early allocator\n");
}

/* ------------------------------------------------------------------------ */
/* Allocating                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Find, reserve and zero a block on @nid (NUMA_NO_NODE: any) in [@goal,
 * @limit); @limit 0 means memblock.current_limit, the end of the direct map,
 * and so does anything above it.
 */
static void *__init __alloc_memory_core_early(int nid, unsigned long size,
					       unsigned long align,
					       unsigned long goal,
					       unsigned long limit)
{
	phys_addr_t end = limit, addr;
	void *ptr;

	if (end == 0 || end > memblock.current_limit)
		end = memblock.current_limit;

	/* "No alignment" to bootmem; memblock wants a power of two, and 1 is one. */
	addr = memblock_alloc_range_nid(size, align ? align : 1, goal, end, nid, true);
	if (!addr)
		return NULL;

	ptr = __va(addr);
	memset(ptr, 0, size);
	return ptr;
}

/**
 * ___alloc_bootmem_nopanic - allocate from memblock, from a goal, below a limit
 * @size: bytes
 * @align: a power of two, or 0
 * @goal: lowest physical address wanted, dropped if nothing fits above it
 * @limit: highest physical address + 1 (0: the end of the direct map)
 *
 * The core of the _nopanic wrappers in include/mm/bootmem.h.
 *
 * Return: the zeroed block's virtual address, or NULL.
 */
void *__init ___alloc_bootmem_nopanic(unsigned long size, unsigned long align,
				      unsigned long goal, unsigned long limit)
{
	void *ptr;

	bootmem_check_request(size, align);
	for (;;) {
		ptr = __alloc_memory_core_early(NUMA_NO_NODE, size, align, goal, limit);
		if (ptr || !goal)
			return ptr;
		goal = 0;
	}
}

/**
 * ___alloc_bootmem_node_nopanic - allocate on a node first, then on any node
 * @nid: the preferred node
 * @size: bytes
 * @align: a power of two, or 0
 * @goal: lowest physical address wanted, dropped if nothing fits above it
 * @limit: highest physical address + 1 (0: the end of the direct map)
 *
 * Return: the zeroed block's virtual address, or NULL.
 */
void *__init ___alloc_bootmem_node_nopanic(int nid, unsigned long size,
					   unsigned long align, unsigned long goal,
					   unsigned long limit)
{
	void *ptr;

	bootmem_check_request(size, align);
	for (;;) {
		ptr = __alloc_memory_core_early(nid, size, align, goal, limit);
		if (ptr)
			return ptr;
		ptr = __alloc_memory_core_early(NUMA_NO_NODE, size, align, goal, limit);
		if (ptr || !goal)
			return ptr;
		goal = 0;
	}
}

/* ------------------------------------------------------------------------ */
/* Freeing and reserving: memblock.reserved                                   */
/* ------------------------------------------------------------------------ */

/**
 * free_bootmem - unreserve a range
 * @physaddr: physical start
 * @size: bytes
 *
 * memblock_phys_free(): the exact bytes, on whatever nodes.
 */
void __init free_bootmem(unsigned long physaddr, unsigned long size)
{
	memblock_phys_free(physaddr, size);
}

/**
 * free_bootmem_node - unreserve a range (the node does not matter to memblock)
 * @nid: the node that holds the range
 * @physaddr: physical start
 * @size: bytes
 */
void __init free_bootmem_node(int nid, unsigned long physaddr, unsigned long size)
{
	(void)nid;
	memblock_phys_free(physaddr, size);
}

/**
 * reserve_bootmem - reserve every page a range touches
 * @addr: physical start
 * @size: bytes
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Linux's nobootmem had no reserve_bootmem (callers used memblock_reserve());
 * this one keeps the bitmap allocator's contract: whole pages, and -EBUSY
 * without a change when an exclusive range is partly reserved already.
 *
 * Return: 0, -EBUSY, or memblock_reserve()'s error.
 */
int __init reserve_bootmem(unsigned long addr, unsigned long size, int flags)
{
	phys_addr_t start = PFN_PHYS(PFN_DOWN(addr));
	phys_addr_t end = PFN_PHYS(PFN_UP((phys_addr_t)addr + size));

	if (start >= end)
		return 0;
	if ((flags & BOOTMEM_EXCLUSIVE) && memblock_is_region_reserved(start, end - start))
		return -EBUSY;
	return memblock_reserve(start, end - start);
}

/**
 * reserve_bootmem_node - reserve_bootmem() (the node does not matter to memblock)
 * @nid: the node that holds the range
 * @physaddr: physical start
 * @size: bytes
 * @flags: BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Return: 0, -EBUSY, or memblock_reserve()'s error.
 */
int __init reserve_bootmem_node(int nid, unsigned long physaddr,
				unsigned long size, int flags)
{
	(void)nid;
	return reserve_bootmem(physaddr, size, flags);
}

/* ------------------------------------------------------------------------ */
/* The end: handing the free pages to the buddy allocator                     */
/* ------------------------------------------------------------------------ */

/*
 * Frames [@start, @end) in blocks as large as their alignment allows, up to
 * the buddy allocator's largest: a block of order k starts at a multiple of
 * 2^k frames, so each step takes the largest k that @start's alignment and
 * the room left both permit.
 */
static void __init __free_pages_memory(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		if (start)	/* frame 0 is aligned to everything */
			order = min(order, (unsigned int)__builtin_ctzl(start));
		while (start + (1UL << order) > end)
			order--;

		__free_pages_bootmem(start, order);
		start += 1UL << order;
	}
}

/* The whole lowmem pages of the free range [@start, @end). */
static unsigned long __init __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min_t(unsigned long, PFN_DOWN(end), max_low_pfn);

	if (start_pfn >= end_pfn)
		return 0;
	__free_pages_memory(start_pfn, end_pfn);
	return end_pfn - start_pfn;
}

/**
 * free_all_bootmem - release memblock's free lowmem to the buddy allocator
 *
 * Every range of memblock.memory not in memblock.reserved (NOMAP memory
 * excluded), cut at max_low_pfn, goes to __free_pages_bootmem() in maximal
 * aligned blocks (Linux's free_low_memory_core_early()).  Called once, by
 * mem_init(); highmem is the arch's to free.
 *
 * Return: the number of pages released.
 */
unsigned long __init free_all_bootmem(void)
{
	phys_addr_t start, end;
	unsigned long count = 0;
	u64 i;

	reset_all_zones_managed_pages();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL)
		count += __free_memory_core(start, end);
	return count;
}

#ifndef __KERNEL__
void bootmem_reset_for_tests(void)
{
}
#endif
