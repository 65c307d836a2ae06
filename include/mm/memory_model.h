/* SPDX-License-Identifier: MIT */
/*
 * The memory model: where the struct page of each page frame lives, and how
 * to get from a pfn to its struct page and back (Linux's
 * include/asm-generic/memory_model.h, mm/sparse.c, mm/sparse-vmemmap.c).
 *
 * Students swap models with `make MEMORY_MODEL=flatmem|sparsemem|vmemmap`:
 * each is one file, mm/memory_model/<name>.c, implementing exactly the
 * functions below; mm/mm.mk builds the one named.  A new model is one new
 * file there (docs/memory-models.md says how).
 *
 * Boot pipeline: free_area_init() (mm/mm_init.c) calls memmap_alloc_node()
 * for each node once it knows the node's span, then initialises every
 * struct page (memmap_init); from then on pfn_to_page()/page_to_pfn() work.
 */
#ifndef BOOTMM_MM_MEMORY_MODEL_H
#define BOOTMM_MM_MEMORY_MODEL_H

#include <asm/page.h>
#include <kernel/types.h>
#include <mm/mm_types.h>

struct pglist_data;

/* "FLATMEM", "SPARSEMEM", "SPARSEMEM_VMEMMAP": for the boot line and tools. */
extern const char memory_model_name[];

/*
 * memmap_prepare - set up the model's own tables before any node's map
 * (SPARSEMEM: mark the present sections from memblock and allocate their
 * maps, Linux's sparse_init()).  FLATMEM has nothing to do here.
 */
void memmap_prepare(void);

/*
 * memmap_alloc_node - make sure every pfn of @pgdat's span that the model
 * covers has a struct page (FLATMEM: one array for the node's span, Linux's
 * alloc_node_mem_map()).  Memory comes from the early allocator.
 */
void memmap_alloc_node(struct pglist_data *pgdat);

/* memmap_report - print the model and what its memory map costs (one line). */
void memmap_report(void);

/* True if @pfn has a struct page (which says whether it is usable RAM). */
bool pfn_valid(unsigned long pfn);

struct page *pfn_to_page(unsigned long pfn);
unsigned long page_to_pfn(const struct page *page);

/*
 * pfn_to_pageblock_bits - where @pfn's pageblock keeps its NR_PAGEBLOCK_BITS
 * bits (the migrate type): a bitmap and, in *@bitidx, the first bit's index.
 * FLATMEM keeps one bitmap beside mem_map (Linux: zone->pageblock_flags);
 * SPARSEMEM one per section, in its mem_section_usage.
 */
unsigned long *pfn_to_pageblock_bits(unsigned long pfn, unsigned long *bitidx);

/* Conversions every model gets from the two above. */
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(phys)	pfn_to_page((unsigned long)((phys) >> PAGE_SHIFT))
#define virt_to_page(addr)	pfn_to_page((unsigned long)(__pa(addr) >> PAGE_SHIFT))
/* Low memory only: HighMem pages have no permanent virtual address. */
#define page_address(page)	__va(page_to_phys(page))

#endif
