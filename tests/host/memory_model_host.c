// SPDX-License-Identifier: MIT
/*
 * The memory model for host unit tests of the mm core: a flat struct page
 * array from the heap, covering pfn 0 to the end of memblock's memory.
 *
 * Tests describe "physical memory" with made-up addresses (a PC's 0x1000,
 * ARM's 0x40000000) that are not the test process's memory, so the kernel's
 * models, which allocate their maps from memblock and use them through
 * __va(), cannot run there.  This one behaves as FLATMEM does — pfn_valid()
 * for every pfn from ARCH_PFN_OFFSET to the end of memory — with calloc().
 * The real models are tested on their own, over real buffers
 * (tests/unit/test_memory_model*.c).
 */
#include <stdlib.h>
#include <kernel/bug.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>

const char memory_model_name[] = "host";

static struct page *map;
static unsigned long map_pfns;
static unsigned long *pageblock_flags;

void memmap_prepare(void)
{
	free(map);
	free(pageblock_flags);
	map_pfns = ALIGN(PFN_UP(memblock_end_of_DRAM()), pageblock_nr_pages);
	map = calloc(map_pfns ? map_pfns : 1, sizeof(struct page));
	pageblock_flags = calloc(map_pfns / pageblock_nr_pages * NR_PAGEBLOCK_BITS / 8 + sizeof(long), 1);
	BUG_ON(!map || !pageblock_flags);
}

void memmap_alloc_node(struct pglist_data *pgdat)
{
	pgdat->node_mem_map = map + pgdat->node_start_pfn;
}

unsigned long memmap_nr_pages(void)
{
	return map_pfns;
}

void memmap_report(void)
{
}

/*
 * The four questions generic code asks a model, answered as
 * mm/memory_model/flatmem.c answers them (on purpose the same: this stand-in
 * is a FLATMEM without the kernel's allocations).
 */
unsigned long memmap_granule(void)
{
	return pageblock_nr_pages;
}

bool memmap_maps_holes(void)
{
	return true;
}

void memmap_check_pfn(unsigned long pfn, bool valid, bool after_boot)
{
	(void)pfn;
	(void)valid;
	(void)after_boot;
}

bool memmap_pfn_online(unsigned long pfn)
{
	(void)pfn;
	return true;
}

bool pfn_valid(unsigned long pfn)
{
	return pfn < map_pfns && pfn - ARCH_PFN_OFFSET < map_pfns;	/* unsigned: below ARCH_PFN_OFFSET wraps */
}

struct page *pfn_to_page(unsigned long pfn)
{
	return map + pfn;
}

unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - map);
}

unsigned long *pfn_to_pageblock_bits(unsigned long pfn, unsigned long *bitidx)
{
	*bitidx = pfn / pageblock_nr_pages * NR_PAGEBLOCK_BITS;
	return pageblock_flags;
}
