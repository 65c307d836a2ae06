/* SPDX-License-Identifier: MIT */
/*
 * The memory model: where the struct page of each page frame lives, and how
 * to get from a pfn to its struct page and back (Linux's
 * include/asm-generic/memory_model.h, mm/sparse.c, mm/sparse-vmemmap.c).
 *
 * Students swap models with `make MEMORY_MODEL=flatmem|sparsemem|vmemmap`:
 * each is one file, mm/memory_model/<name>.c, implementing the functions
 * below; mm/mm.mk builds the one named, and gives every file the model's
 * CONFIG_ symbols (CONFIG_FLATMEM, CONFIG_SPARSEMEM, ...), as Linux's Kconfig
 * would.  A new model is one new file there (docs/memory-models.md says how).
 * The two sparse models share mm/sparse.c, as Linux's share
 * mm/sparse.c; each adds its own way of placing a section's memory map.
 *
 * Boot pipeline: free_area_init() (mm/mm_init.c) calls memmap_prepare(),
 * then memmap_alloc_node() for each node once it knows the node's span, then
 * initialises every struct page (memmap_init(): __init_single_page() for
 * each pfn of memory, reserved ones for holes) and prints memmap_report()'s
 * line; from then on pfn_to_page()/page_to_pfn() work.  With `memmap_check`
 * on the command line, mm/memmap_check.c then verifies all of it.
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

/*
 * memmap_report - print the model and what its memory map costs, one line
 * of the same shape for every model, so that boots compare:
 *
 *   Memory model: <NAME>: mem_map <K> KiB for <N> pfns (<P> present, <H> in holes)
 *
 * N is how many struct pages the model holds, P how many pfns are memory
 * (the nodes' present pages), H = N - P the struct pages paid for nothing.
 * The model prints it with memmap_report_line(N), then any lines of its own.
 */
void memmap_report(void);

/*
 * pfn_valid - true if @pfn has a struct page.  Not that it is RAM: pfns of
 * holes inside FLATMEM's map or inside a present section have struct pages
 * too, marked PageReserved by memmap_init().
 */
bool pfn_valid(unsigned long pfn);

/*
 * pfn_to_page/page_to_pfn - the struct page of a valid pfn, and back.  Every
 * model keeps the struct pages of one pageblock consecutive, so that
 * memmap_init() may step through a pageblock with page++.
 */
struct page *pfn_to_page(unsigned long pfn);
unsigned long page_to_pfn(const struct page *page);

/*
 * pfn_to_pageblock_bits - where @pfn's pageblock keeps its NR_PAGEBLOCK_BITS
 * bits (the migrate type): a bitmap and, in *@bitidx, the first bit's index.
 * FLATMEM keeps one bitmap beside mem_map (Linux: zone->pageblock_flags);
 * SPARSEMEM one per section, in its mem_section_usage.
 */
unsigned long *pfn_to_pageblock_bits(unsigned long pfn, unsigned long *bitidx);

/* --- mm/mm_init.c: struct pages, whatever the model ------------------------ */

/* memmap_report_line - "Memory model: ..." for a map of @pfns struct pages. */
void memmap_report_line(unsigned long pfns);

/*
 * reserve_bootmem_region - mark the pages of [@start, @end) PageReserved
 *
 * For the hand-over to the buddy allocator: memory memblock.reserved holds
 * (the kernel, memblock's own allocations, ...) must never be freed to it.
 * Pfns without a struct page are skipped.  Linux's name and behaviour.
 */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);

/*
 * memmap_check - with `memmap_check` on the command line, walk every pfn of
 * every node and verify the memory map against memblock and the zones
 * (mm/memmap_check.c); prints "memmap_check: ... OK (N pfns)" or each failure.
 * Called at the end of free_area_init().
 *
 * Return: the number of failures (0 when the option is absent).
 */
unsigned long memmap_check(void);
/*
 * __memmap_check - the same walk, asked for or not (the unit tests call it);
 * @after_boot: the shell's later run, with the checks that hold after the
 * hand-over and memory hot-plug.
 */
unsigned long __memmap_check(bool after_boot);

/* Conversions every model gets from the two above. */
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(phys)	pfn_to_page((unsigned long)((phys) >> PAGE_SHIFT))
#define virt_to_page(addr)	pfn_to_page((unsigned long)(__pa(addr) >> PAGE_SHIFT))
/* Low memory only: HighMem pages have no permanent virtual address. */
#define page_address(page)	__va(page_to_phys(page))

#endif
