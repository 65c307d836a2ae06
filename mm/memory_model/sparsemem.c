// SPDX-License-Identifier: MIT
/*
 * SPARSEMEM: one memory map per present section, wherever memblock finds
 * room for it (Linux's CONFIG_SPARSEMEM without VMEMMAP: the
 * __populate_section_memmap() of mm/sparse.c and the __pfn_to_page() of
 * include/asm-generic/memory_model.h).
 *
 * Boot pipeline: free_area_init() -> memmap_prepare() = sparse_init()
 * (mm/sparse.c, shared with vmemmap.c) marks the present
 * sections and calls __populate_section_memmap() below once per section.
 *
 * The maps of two sections are unrelated arrays, so pfn_to_page() must first
 * find the pfn's section (its top bits index mem_section[]), then add the
 * pfn to the section's encoded map; page_to_pfn() needs the section too, and
 * takes it from page->flags, where set_page_links() wrote it (SECTIONS_WIDTH
 * bits: 7 on a PAE PC, 12 on ARM).  Two table reads where FLATMEM has none;
 * in exchange, a hole the size of a section costs nothing.  `make run
 * ARCH=arm DTS=twobanks MEMORY_MODEL=sparsemem` shows it on the boot line.
 *
 * Memory hot-plug (mm/sparse_hotplug.c): a section added later
 * gets its array from the buddy allocator, one block of 2^order pages, and
 * gives it back there; a boot section's array goes back page by page
 * through put_page_bootmem().
 */
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <mm/bootmem_info.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/page_flags.h>
#include <mm/sparse.h>

const char memory_model_name[] = "SPARSEMEM";

/*
 * A section's map: PAGES_PER_SECTION struct pages (4 MiB on a PC, 2 MiB on
 * ARM), not zeroed, since memmap_init() initialises every one of them: the
 * pfns of memory, the holes, and the tail after the end of memory.
 */
struct page * __init __populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid)
{
	phys_addr_t size = ALIGN((phys_addr_t)sizeof(struct page) * nr_pages, PAGE_SIZE);
	struct page *map;

	map = memblock_alloc_try_nid_raw(size, PAGE_SIZE, MEMBLOCK_LOW_LIMIT,
					 MEMBLOCK_ALLOC_ACCESSIBLE, nid);
	if (!map)
		panic("%s: Failed to allocate %llu bytes for the memory map of pfn %#lx nid=%d",
		      __func__, (unsigned long long)size, pfn, nid);
	return map;
}

static unsigned int memmap_order(unsigned long nr_pages)
{
	return get_order(sizeof(struct page) * nr_pages);
}

/* After boot: 2^order pages of low memory (Linux uses kvmalloc_node()). */
struct page *populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid)
{
	struct page *page = alloc_pages_node(nid, GFP_KERNEL, memmap_order(nr_pages));

	(void)pfn;
	return page ? page_address(page) : NULL;
}

unsigned long depopulate_section_memmap(struct page *memmap, unsigned long nr_pages)
{
	__free_pages(virt_to_page(memmap), memmap_order(nr_pages));
	return 1UL << memmap_order(nr_pages);
}

/* Linux's free_map_bootmem(): every page of the array was tagged SECTION_INFO. */
unsigned long free_map_bootmem(struct page *memmap)
{
	return put_range_bootmem(memmap, sizeof(struct page) * PAGES_PER_SECTION);
}

/* The encoded map of the pfn's section, plus the pfn (integer arithmetic: see sparse.c). */
struct page *pfn_to_page(unsigned long pfn)
{
	const struct mem_section *ms = __pfn_to_section(pfn);

	return (struct page *)((ms->section_mem_map & SECTION_MAP_MASK) + pfn * sizeof(struct page));
}

unsigned long page_to_pfn(const struct page *page)
{
	const struct mem_section *ms = __nr_to_section(page_to_section(page));

	return ((unsigned long)page - (ms->section_mem_map & SECTION_MAP_MASK)) / sizeof(struct page);
}
