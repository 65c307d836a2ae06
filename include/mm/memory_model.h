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
 * The two sparse models share mm/sparse.c, as Linux's do; each adds its own
 * way of placing a section's memory map.
 *
 * Boot pipeline: free_area_init() (mm/mm_init.c) calls memmap_prepare(),
 * then memmap_alloc_node() for each node once it knows the node's span, then
 * initialises every struct page (memmap_init(): __init_single_page() for
 * each pfn of memory, reserved ones for holes) and prints the map's cost
 * (memmap_nr_pages()) and memmap_report()'s lines; from then on pfn_to_page()/page_to_pfn() work.  With `memmap_check`
 * on the command line, mm/memmap_check.c then verifies all of it.
 */
#ifndef BOOTMM_MM_MEMORY_MODEL_H
#define BOOTMM_MM_MEMORY_MODEL_H

#include <asm/page.h>
#include <kernel/compiler.h>
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
 * memmap_nr_pages - how many struct pages the model's map holds.  mm/mm_init.c
 * prints what that costs, one line of the same shape for every model, so that
 * boots compare:
 *
 *   Memory model: <NAME>: mem_map <K> KiB for <N> pfns (<P> present, <H> in holes)
 *
 * N is this figure, P how many pfns are memory (the nodes' present pages),
 * H = N - P the struct pages paid for nothing.
 */
unsigned long memmap_nr_pages(void);

/* memmap_report - the model's own lines after that one (FLATMEM has none). */
void memmap_report(void);

/*
 * memmap_granule - how many pfns the model gives struct pages, or none, at
 * once: FLATMEM a pageblock (ARM's pfn_valid() answers by pageblocks),
 * SPARSEMEM a section.  A power of two.  memmap_init() initialises the
 * map's tail past the end of memory up to it; memmap_check walks whole ones.
 */
unsigned long memmap_granule(void);

/*
 * memmap_maps_holes - does the map pay for the holes inside a node's span
 * (FLATMEM: one array for the span) or only for the memory (SPARSEMEM: a
 * section without memory has no map)?  Linux's calc_memmap_size() asks it.
 */
bool memmap_maps_holes(void);

/*
 * memmap_check_pfn - the model's own checks of @pfn for memmap_check, which
 * walks every pfn (and, of a granule without memory, the first): @valid is
 * pfn_valid(@pfn).  SPARSEMEM checks each section's flags against memblock
 * there.  Failures go to memmap_check_fail().
 */
void memmap_check_pfn(unsigned long pfn, bool valid, bool after_boot);

/*
 * memmap_pfn_online - false if @pfn's struct page belongs to a memory block
 * memory hot-plug has taken offline (its section is not online); true for a
 * model without hot-plug.
 */
bool memmap_pfn_online(unsigned long pfn);

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
/* memmap_check_fail - one failure of the check at @pfn (printf-like @fmt, no newline). */
__printf(2, 3) void memmap_check_fail(unsigned long pfn, const char *fmt, ...);

/* Conversions every model gets from the two above. */
#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)
#define phys_to_page(phys)	pfn_to_page((unsigned long)((phys) >> PAGE_SHIFT))
#define virt_to_page(addr)	pfn_to_page((unsigned long)(__pa(addr) >> PAGE_SHIFT))
/* Low memory only: HighMem pages have no permanent virtual address. */
#define page_address(page)	__va(page_to_phys(page))

#endif
