// SPDX-License-Identifier: MIT
/*
 * The hand-over to the page allocator, and Linux's "Memory:" line (Linux's
 * mem_init in arch/x86/mm/init_32.c and arch/arm/mm/init.c, memblock_free_all
 * in mm/memblock.c, mem_init_print_info in mm/page_alloc.c).
 *
 * Boot pipeline: start_kernel() -> mem_init(), once the zones and their
 * struct pages exist.  Until now the early allocator (EARLY_ALLOCATOR:
 * bootmem's bitmaps, or memblock) owned all free memory.  mem_init():
 *   1. marks every page memblock has reserved (the kernel image, firmware
 *      areas, the memory map itself, ...) and every NOMAP page PageReserved:
 *      those are never handed over;
 *   2. has the early allocator hand each free page of low memory to the buddy
 *      allocator, in the largest aligned blocks it can (free_all_bootmem);
 *   3. hands over high memory, which the early allocator never managed, from
 *      memblock's free ranges above max_low_pfn, page by page as Linux does;
 *   4. prints the accounting line, computed as Linux computes it.
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/bootmem_info.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* Step 1: Linux's memmap_init_reserved_pages(). */
static void __init memmap_init_reserved_pages(void)
{
	struct memblock_region *region;
	phys_addr_t start, end;
	u64 i;

	for_each_reserved_mem_range(i, &start, &end)
		reserve_bootmem_region(start, end);
	for_each_mem_region(region)
		if (memblock_is_nomap(region))
			reserve_bootmem_region(region->base, region->base + region->size);
}

/* Step 3: x86's set_highmem_pages_init(), ARM's free_highpages(). */
static void __init free_highpages(void)
{
	phys_addr_t start, end;
	u64 i;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		unsigned long pfn = max(PFN_UP(start), max_low_pfn);
		unsigned long end_pfn = PFN_DOWN(end);

		for (; pfn < end_pfn; pfn++)
			if (pfn_valid(pfn))
				free_highmem_page(pfn_to_page(pfn));
	}
}

static unsigned long __init get_num_physpages(void)
{
	unsigned long pages = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			pages += NODE_DATA(nid)->node_present_pages;
	return pages;
}

/*
 * Linux's mem_init_print_info(): free pages / present pages, then the kernel
 * image's sections from the linker script, and what is neither free nor the
 * kernel's: "reserved" (firmware, memory map, page tables, ...).
 */
static void __init mem_init_print_info(void)
{
	unsigned long physpages = get_num_physpages();
	unsigned long codesize = _etext - _stext;
	unsigned long datasize = _edata - _sdata;
	unsigned long rosize = __end_rodata - __start_rodata;
	unsigned long bss_size = __bss_stop - __bss_start;
	unsigned long init_size = __init_end - __init_begin;

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved, %luK highmem)\n",
		K(nr_free_pages()), K(physpages), codesize >> 10, datasize >> 10, rosize >> 10,
		init_size >> 10, bss_size >> 10, K(physpages - totalram_pages()), 0UL,
		K(totalhigh_pages()));
}

/**
 * mem_init - hand all free memory to the buddy allocator and report it
 *
 * Context: once, after free_area_init() and build_all_zonelists().
 */
void __init mem_init(void)
{
	/*
	 * With movable_node, memblock's allocations stayed off hotpluggable
	 * memory; its free pages go to the buddy allocator all the same (into
	 * ZONE_MOVABLE), as in Linux's free_low_memory_core_early().
	 */
	memblock_clear_hotplug(0, PHYS_ADDR_MAX);
	memmap_init_reserved_pages();
	totalram_pages_add(free_all_bootmem());	/* low memory: mm/bootmem.c or nobootmem.c */
	free_highpages();
	mem_init_print_info();
	register_page_bootmem_info();	/* mm/bootmem_info.c: metadata pages hot-remove can free */
}
