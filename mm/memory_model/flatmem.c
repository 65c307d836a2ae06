// SPDX-License-Identifier: MIT
/*
 * FLATMEM: one array of struct page for all of physical memory, holes and
 * all (Linux's CONFIG_FLATMEM: alloc_node_mem_map in mm/page_alloc.c and
 * the __pfn_to_page of include/asm-generic/memory_model.h).
 *
 * Boot pipeline: free_area_init() asks for each node's memory map once the
 * node's span is known; the first call allocates mem_map from the early
 * allocator, covering every pfn from ARCH_PFN_OFFSET (the first page of RAM)
 * to the end of memory, rounded out to MAX_ORDER blocks as the buddy
 * allocator needs.  pfn_to_page() is then one subtraction and one addition.
 *
 * The price is paid for holes too: a pfn without RAM still has its 32 bytes.
 * That is why machines with large holes use SPARSEMEM; `make run ARCH=arm
 * DTS=twobanks` shows the difference on the boot line.  Linux allows FLATMEM
 * with one node only; bootmm lets several nodes share the one array, each
 * node_mem_map pointing at its first pfn.
 *
 * pfn_valid(): on a PC every pfn of the array is valid, holes included (they
 * get reserved struct pages).  ARM asks memblock instead (HAVE_ARCH_PFN_VALID
 * in asm/memory_model.h, Linux's arch/arm/mm/init.c): a pfn is valid when its
 * pageblock overlaps memory, so a hole between banks has no valid pfns and
 * memmap_init() leaves its part of the array alone, as Linux's does.
 */
#include <asm/memory_model.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>

const char memory_model_name[] = "FLATMEM";

struct page *mem_map;		/* the struct page of pfn ARCH_PFN_OFFSET */
unsigned long max_mapnr;	/* how many pfns from there are valid */
static unsigned long map_pfns;	/* how many the array holds (MAX_ORDER-rounded) */
static unsigned long *pageblock_flags;	/* NR_PAGEBLOCK_BITS per pageblock of mem_map */

void __init memmap_prepare(void)
{
	mem_map = NULL;
	pageblock_flags = NULL;
	max_mapnr = map_pfns = 0;
}

void __init memmap_alloc_node(struct pglist_data *pgdat)
{
	if (!pgdat->node_spanned_pages)
		return;
	if (!mem_map) {
		unsigned long end = ALIGN(max_pfn, MAX_ORDER_NR_PAGES);
		phys_addr_t size;

		/* Unsigned: a node below ARCH_PFN_OFFSET wraps round to a huge value. */
		BUG_ON(pgdat->node_start_pfn - ARCH_PFN_OFFSET >= max_pfn);
		map_pfns = end - ARCH_PFN_OFFSET;
		max_mapnr = max_pfn - ARCH_PFN_OFFSET;
		size = (phys_addr_t)map_pfns * sizeof(struct page);
		/* Not zeroed, as Linux's memmap_alloc(): memmap_init() writes every valid pfn. */
		mem_map = memblock_alloc_try_nid_raw(size, SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
						     MEMBLOCK_ALLOC_ACCESSIBLE, pgdat->node_id);
		if (!mem_map)
			panic("Failed to allocate %llu bytes for the memory map",
			      (unsigned long long)size);
		size = DIV_ROUND_UP(map_pfns / pageblock_nr_pages * NR_PAGEBLOCK_BITS, 8);
		pageblock_flags = memblock_alloc(round_up(size, sizeof(long)), sizeof(long));
		if (!pageblock_flags)
			panic("Failed to allocate %llu bytes for the pageblock flags",
			      (unsigned long long)size);
	}
	pgdat->node_mem_map = mem_map + (pgdat->node_start_pfn - ARCH_PFN_OFFSET);
	pr_debug("%s: node %d, pgdat %08lx, node_mem_map %08lx\n", __func__, pgdat->node_id,
		 (unsigned long)pgdat, (unsigned long)pgdat->node_mem_map);
}

unsigned long __init memmap_nr_pages(void)
{
	return map_pfns;
}

void __init memmap_report(void)
{
}

/* ARM's pfn_valid() answers by pageblocks (below); the PC's map has no holes of its own. */
unsigned long memmap_granule(void)
{
	return pageblock_nr_pages;
}

/* One array for the whole span: every hole inside it has its struct pages. */
bool __init memmap_maps_holes(void)
{
	return true;
}

/* Nothing beyond the generic checks: one array, no tables of its own. */
void memmap_check_pfn(unsigned long pfn, bool valid, bool after_boot)
{
	(void)pfn;
	(void)valid;
	(void)after_boot;
}

/* No memory hot-plug under FLATMEM (Linux's needs SPARSEMEM too). */
bool memmap_pfn_online(unsigned long pfn)
{
	(void)pfn;
	return true;
}

bool pfn_valid(unsigned long pfn)
{
#ifdef HAVE_ARCH_PFN_VALID
	phys_addr_t addr = PFN_PHYS(pfn);
	const phys_addr_t pageblock_size = PAGE_SIZE * pageblock_nr_pages;

	/*
	 * The array is MAX_ORDER-aligned and pageblocks are smaller, so a
	 * pageblock that overlaps memory lies inside it; memory outside the
	 * array (below PHYS_OFFSET) is refused by the arch before memblock.
	 */
	if (PHYS_PFN(addr) != pfn || pfn - ARCH_PFN_OFFSET >= map_pfns)
		return false;
	return memblock_overlaps_region(&memblock.memory, ALIGN_DOWN(addr, pageblock_size),
					pageblock_size);
#else
	return pfn - ARCH_PFN_OFFSET < max_mapnr;	/* below the offset wraps: invalid */
#endif
}

struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - ARCH_PFN_OFFSET);
}

unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map) + ARCH_PFN_OFFSET;
}

unsigned long *pfn_to_pageblock_bits(unsigned long pfn, unsigned long *bitidx)
{
	*bitidx = (pfn - ARCH_PFN_OFFSET) / pageblock_nr_pages * NR_PAGEBLOCK_BITS;
	return pageblock_flags;
}
