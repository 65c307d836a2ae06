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
 * (asm/memory_model.h: 0xf8000000-0xf9ffffff).
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
#include <mm/memblock.h>
#include <mm/sparse.h>

#define PGDIR_SHIFT		22
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PTRS_PER_PGD		1024
#define _PAGE_PRESENT		0x001
#define _PAGE_RW		0x002	/* writable (CR0.WP: even by the kernel) */
#define _PAGE_PSE		0x080	/* PS: a 4 MiB page, no page table */

extern u32 initial_page_dir[PTRS_PER_PGD];	/* boot/x86/head.S */

BUILD_BUG_ON(VMEMMAP_START % PGDIR_SIZE || VMEMMAP_SIZE % PGDIR_SIZE);

/**
 * vmemmap_populate - map [@start, @end) of the VMEMMAP window with 4 MiB pages
 * @start: first virtual address (rounded down to 4 MiB)
 * @end: end, exclusive
 * @node: the node whose memory backs it, if it has room
 *
 * Entries already present (a neighbouring section's) are kept.  The memory is
 * not zeroed: memmap_init() writes every struct page of a present section.
 *
 * Return: 0, or -ENOMEM if memblock had no aligned 4 MiB left.
 */
int __init vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	for (unsigned long addr = ALIGN_DOWN(start, PGDIR_SIZE); addr < end; addr += PGDIR_SIZE) {
		u32 *pde = &initial_page_dir[addr >> PGDIR_SHIFT];
		phys_addr_t phys;

		if (*pde & _PAGE_PRESENT)
			continue;
		phys = memblock_phys_alloc_try_nid(PGDIR_SIZE, PGDIR_SIZE, node);
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

#endif /* CONFIG_SPARSEMEM_VMEMMAP */
