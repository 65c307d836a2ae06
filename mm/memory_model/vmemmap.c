// SPDX-License-Identifier: MIT
/*
 * SPARSEMEM_VMEMMAP: SPARSEMEM's sections, but every section's memory map
 * sits at its place in one virtually contiguous array, vmemmap, so that
 * pfn_to_page() is "vmemmap + pfn" again, as under FLATMEM (Linux's
 * mm/sparse-vmemmap.c and the CONFIG_SPARSEMEM_VMEMMAP __pfn_to_page() of
 * include/asm-generic/memory_model.h).
 *
 * Boot pipeline: free_area_init() -> memmap_prepare() = sparse_init()
 * (mm/sparse.c) calls __populate_section_memmap() below for
 * each present section; it asks the arch's vmemmap_populate()
 * (boot/<arch>/vmemmap.c) to back that section's slice of the window with
 * memory from memblock, through real page-table entries: 4 MiB
 * page-directory entries on x86, 1 MiB first-level sections on ARM.  Slices
 * of absent sections stay unmapped: a stray pfn_to_page() there faults.
 *
 * The window (asm/memory_model.h) holds the struct pages of the first 4 GiB:
 * 32 MiB of virtual space, of which a 128 MiB PC maps 4 MiB.  The costs are
 * SPARSEMEM's (whole sections), plus page-table entries, minus the section
 * lookups: page->flags needs no section number (SECTIONS_WIDTH is 0).
 *
 * Memory hot-plug (mm/sparse_hotplug.c): adding a section maps
 * its slice again, with memory from the buddy allocator this time
 * (vmemmap_alloc_block() knows which); removing one unmaps the slice and
 * frees what was behind it (vmemmap_free() in the arch code, which finds
 * the memory by walking the page tables, and vmemmap_free_block() below).
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <mm/bootmem_info.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/sparse.h>

const char memory_model_name[] = "SPARSEMEM_VMEMMAP";

#define vmemmap		((struct page *)VMEMMAP_START)

/* [pfn, pfn + nr_pages) of the window, backed by memory; NULL if none was left. */
struct page *populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid)
{
	unsigned long start = (unsigned long)pfn_to_page(pfn);
	unsigned long end = start + nr_pages * sizeof(struct page);

	if (pfn + nr_pages > VMEMMAP_SIZE / sizeof(struct page))
		return NULL;		/* beyond the window: sparse.c refused it already */
	if (vmemmap_populate(start, end, nid))
		return NULL;
	return pfn_to_page(pfn);
}

/* At boot the same: vmemmap_alloc_block() takes from memblock until mem_init(). */
struct page * __init __populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid)
{
	return populate_section_memmap(pfn, nr_pages, nid);
}

unsigned long depopulate_section_memmap(struct page *memmap, unsigned long nr_pages)
{
	return vmemmap_free((unsigned long)memmap, (unsigned long)(memmap + nr_pages));
}

/* Boot's blocks too: vmemmap_free_block() tells them apart by their tags. */
unsigned long free_map_bootmem(struct page *memmap)
{
	return depopulate_section_memmap(memmap, PAGES_PER_SECTION);
}

phys_addr_t vmemmap_alloc_block(unsigned long size, int node)
{
	struct page *page;

	if (!buddy_allocator_is_up())
		return memblock_phys_alloc_try_nid(size, size, node);
	/* A buddy block of 2^order pages is aligned to its size: what a large entry needs. */
	page = alloc_pages_node(node, GFP_KERNEL, get_order(size));
	return page ? page_to_phys(page) : 0;
}

unsigned long vmemmap_free_block(phys_addr_t phys, unsigned long size)
{
	struct page *page = pfn_to_page(PHYS_PFN(phys));
	unsigned long nr = size >> PAGE_SHIFT, freed = 0;

	if (!PageReserved(page)) {		/* a hot-add's: one buddy block */
		__free_pages(page, get_order(size));
		return nr;
	}
	for (unsigned long i = 0; i < nr; i++, page++) {	/* boot's: page by page */
		if (page->index == SECTION_INFO || page->index == MIX_SECTION_INFO)
			put_page_bootmem(page);
		else
			free_reserved_page(page);
		freed += !PageReserved(page);
	}
	return freed;
}

struct page *pfn_to_page(unsigned long pfn)
{
	return vmemmap + pfn;
}

unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - vmemmap);
}
