// SPDX-License-Identifier: MIT
/*
 * SPARSEMEM_VMEMMAP: SPARSEMEM's sections, but every section's memory map
 * sits at its place in one virtually contiguous array, vmemmap, so that
 * pfn_to_page() is "vmemmap + pfn" again, as under FLATMEM (Linux's
 * mm/sparse-vmemmap.c and the CONFIG_SPARSEMEM_VMEMMAP __pfn_to_page() of
 * include/asm-generic/memory_model.h).
 *
 * Boot pipeline: free_area_init() -> memmap_prepare() = sparse_init()
 * (mm/memory_model/sparse.c) calls __populate_section_memmap() below for
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
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <mm/memory_model.h>
#include <mm/sparse.h>

const char memory_model_name[] = "SPARSEMEM_VMEMMAP";

#define vmemmap		((struct page *)VMEMMAP_START)

/* [pfn, pfn + nr_pages) of the window, backed by memory; NULL if none was left. */
struct page * __init __populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid)
{
	unsigned long start = (unsigned long)pfn_to_page(pfn);
	unsigned long end = start + nr_pages * sizeof(struct page);

	if (pfn + nr_pages > VMEMMAP_SIZE / sizeof(struct page))
		return NULL;		/* beyond the window: sparse.c refused it already */
	if (vmemmap_populate(start, end, nid))
		return NULL;
	return pfn_to_page(pfn);
}

struct page *pfn_to_page(unsigned long pfn)
{
	return vmemmap + pfn;
}

unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - vmemmap);
}
