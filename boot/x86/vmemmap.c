// SPDX-License-Identifier: MIT
/*
 * x86: back part of the VMEMMAP window with memory, through 4 MiB
 * page-directory entries (Linux's vmemmap_populate() of
 * arch/x86/mm/init_64.c, which does the same with 2 MiB PMD entries on
 * x86-64; 32-bit Linux has no vmemmap).
 *
 * Boot pipeline: only MEMORY_MODEL=vmemmap builds and calls this:
 * free_area_init() -> sparse_init() -> __populate_section_memmap()
 * (mm/memory_model/vmemmap.c), once per present section, with that
 * section's slice of the window
 * (asm/memory_model.h: 0xf8000000-0xf9ffffff); mem_init() ->
 * register_page_bootmem_info() walks the same entries to tag the memory
 * behind them.  After boot, memory hot-plug maps a slice again or unmaps it
 * (vmemmap_free()).
 *
 * The hardware: head.S runs the CPU with 32-bit paging and CR4.PSE set, and
 * one page directory, initial_page_dir: 1024 entries of 4 bytes, one per
 * 4 MiB of virtual space.  An entry with PS (bit 7) set maps its 4 MiB
 * directly ("a 4 MiB page"): bits 31:22 hold the physical address, which
 * must then be 4 MiB aligned, and no page table is needed.  A section's map
 * on a PC is exactly 4 MiB (2^17 pfns * 32 bytes), so each present section
 * costs one entry and one aligned 4 MiB block of low memory.
 *
 * The TLB: x86 never caches a translation whose page-directory entry is not
 * present (Intel SDM vol. 3, 4.10.2.3), so filling an empty entry needs no
 * flush.  invlpg follows each write all the same: it is the rule whenever an
 * entry changes, and costs nothing here.
 */
#ifdef CONFIG_SPARSEMEM_VMEMMAP	/* the other models have no window to map */
#include <asm/memory_model.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem_info.h>
#include <mm/memory_model.h>
#include <mm/sparse.h>

#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PTRS_PER_PGD		1024
#define _PAGE_PRESENT		0x001
#define _PAGE_RW		0x002	/* writable (CR0.WP: even by the kernel) */
#define _PAGE_PSE		0x080	/* PS: a 4 MiB page, no page table */

extern u32 initial_page_dir[PTRS_PER_PGD];	/* boot/x86/head.S */

BUILD_BUG_ON(VMEMMAP_START % PGDIR_SIZE || VMEMMAP_SIZE % PGDIR_SIZE);

static u32 *pde_of(unsigned long addr)
{
	return &initial_page_dir[addr >> PGDIR_SHIFT];
}

/* The physical 4 MiB a PSE entry maps (bits 31:22). */
static phys_addr_t pde_phys(u32 pde)
{
	return pde & ~(PGDIR_SIZE - 1);
}

/**
 * vmemmap_populate - map [@start, @end) of the VMEMMAP window with 4 MiB pages
 * @start: first virtual address (rounded down to 4 MiB)
 * @end: end, exclusive
 * @node: the node whose memory backs it, if it has room
 *
 * Each empty entry gets an aligned 4 MiB from vmemmap_alloc_block()
 * (memblock at boot, an order-10 buddy block after); entries already
 * present (a neighbouring section's) are kept.  The memory is not zeroed:
 * every struct page of a section is written before use.
 *
 * Return: 0, or -ENOMEM if there was no aligned 4 MiB left.
 */
int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	for (unsigned long addr = ALIGN_DOWN(start, PGDIR_SIZE); addr < end; addr += PGDIR_SIZE) {
		u32 *pde = pde_of(addr);
		phys_addr_t phys;

		if (*pde & _PAGE_PRESENT)
			continue;
		phys = vmemmap_alloc_block(PGDIR_SIZE, node);
		if (!phys)
			return -ENOMEM;
		*pde = (u32)phys | _PAGE_PSE | _PAGE_RW | _PAGE_PRESENT;
		asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
		/* Linux's vmemmap_populate_print_last() line (not indented here: an
		 * indented line would join the block printed before it). */
		pr_debug("vmemmap: [%08lx-%08lx] PDE -> [mem %#010Lx-%#010Lx] on node %d\n",
			 addr, addr + PGDIR_SIZE - 1, (u64)phys, (u64)(phys + PGDIR_SIZE - 1), node);
	}
	return 0;
}

/**
 * vmemmap_free - unmap [@start, @end) of the window and free its memory
 * @start: first virtual address (a section's slice: 4 MiB aligned)
 * @end: end, exclusive
 *
 * Here the flush matters: the entry was present, so the TLB may hold its
 * translation; invlpg drops it before the memory behind it is freed.
 *
 * Return: the pages that went back to the buddy allocator.
 */
unsigned long vmemmap_free(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	for (unsigned long addr = ALIGN_DOWN(start, PGDIR_SIZE); addr < end; addr += PGDIR_SIZE) {
		u32 *pde = pde_of(addr);
		phys_addr_t phys;

		if (!(*pde & _PAGE_PRESENT))
			continue;
		phys = pde_phys(*pde);
		*pde = 0;
		asm volatile("invlpg (%0)" : : "r"(addr) : "memory");
		freed += vmemmap_free_block(phys, PGDIR_SIZE);
	}
	return freed;
}

/**
 * register_page_bootmem_memmap - tag the memory behind a section's slice
 * @section_nr: the section, the tags' owner
 * @map: its first struct page, in the window
 * @nr_pages: how many struct pages
 *
 * The slice's page-directory entries say where its memory is: each maps
 * 4 MiB, 1024 pages tagged SECTION_INFO, as Linux's x86-64 tags the pages
 * of a 2 MiB PMD mapping.  There is no page-table page to tag (Linux tags
 * its PMD and PTE pages MIX_SECTION_INFO): the entries live in
 * initial_page_dir, inside the kernel image.
 *
 * Return: the number of pages tagged.
 */
unsigned long __init register_page_bootmem_memmap(unsigned long section_nr, struct page *map,
						  unsigned long nr_pages)
{
	unsigned long end = (unsigned long)(map + nr_pages), n = 0;

	for (unsigned long addr = ALIGN_DOWN((unsigned long)map, PGDIR_SIZE); addr < end;
	     addr += PGDIR_SIZE) {
		u32 pde = *pde_of(addr);
		unsigned long pfn = PHYS_PFN(pde_phys(pde));

		if (!(pde & _PAGE_PRESENT))
			continue;
		for (unsigned long i = 0; i < PGDIR_SIZE / PAGE_SIZE; i++, n++)
			get_page_bootmem(section_nr, pfn_to_page(pfn + i), SECTION_INFO);
	}
	return n;
}

#endif /* CONFIG_SPARSEMEM_VMEMMAP */
