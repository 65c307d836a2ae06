// SPDX-License-Identifier: MIT
/*
 * ARM: back part of the VMEMMAP window with memory, through 1 MiB sections
 * of the first-level page table (Linux's vmemmap_populate() idea, as arm64
 * does with block entries; 32-bit ARM Linux has no vmemmap).
 *
 * Boot pipeline: only MEMORY_MODEL=vmemmap builds and calls this:
 * free_area_init() -> sparse_init() -> __populate_section_memmap()
 * (mm/memory_model/vmemmap.c), once per present section, with that
 * section's slice of the window
 * (asm/memory_model.h: 0xf0000000-0xf1ffffff).
 *
 * The hardware: head.S runs the MMU with short descriptors and one
 * first-level table, swapper_pg_dir: 4096 entries of 4 bytes, one per MiB of
 * virtual space.  A "section" entry (bits 1:0 = 0b10) maps its MiB directly:
 * bits 31:20 hold the physical address, which must be 1 MiB aligned.  A
 * section's map on ARM is 2 MiB (2^16 pfns * 32 bytes): two entries, backed
 * by one 2 MiB block when both are empty.  The attributes are head.S's for
 * RAM (normal memory, write-back write-allocate, shareable, kernel
 * read/write) plus XN: nothing executes from a memory map.  The same memory
 * is also in the linear map at PAGE_OFFSET with the same attributes, which
 * ARMv7 allows (mismatched attributes would not be).
 *
 * Making the entries visible: the table walker reads memory, not the data
 * cache, unless the CPU says its walks are coherent (Cortex-A15's are; not
 * every ARMv7 CPU's).  So each entry's cache line is cleaned to the point of
 * unification (DCCMVAU), a DSB makes that complete, then each MiB's TLB entry
 * is invalidated by address (TLBIMVA: ARMv7 does not cache faulting
 * translations, but the rule for a changed entry is the same), and a DSB and
 * an ISB make sure the next access walks the new table.  Linux's
 * flush_pmd_entry() and local_flush_tlb_kernel_page() do these steps.
 */
#ifdef CONFIG_SPARSEMEM_VMEMMAP	/* the other models have no window to map */
#include <asm/memory_model.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/sparse.h>

#define SECTION_SHIFT		20
#define SECTION_SIZE		(1UL << SECTION_SHIFT)

/* First-level section descriptor bits (ARM ARM B3.5.1), as in head.S. */
#define PMD_TYPE_SECT		(2 << 0)
#define PMD_SECT_B		(1 << 2)
#define PMD_SECT_C		(1 << 3)
#define PMD_SECT_XN		(1 << 4)	/* never execute */
#define PMD_SECT_AP_KERN	(1 << 10)	/* AP = 01: kernel read/write only */
#define PMD_SECT_TEX1		(1 << 12)	/* with C and B: write-back write-allocate */
#define PMD_SECT_S		(1 << 16)	/* shareable */
#define SECT_VMEMMAP		(PMD_TYPE_SECT | PMD_SECT_TEX1 | PMD_SECT_C | PMD_SECT_B | \
				 PMD_SECT_S | PMD_SECT_AP_KERN | PMD_SECT_XN)

extern u32 swapper_pg_dir[4096];	/* boot/arm/head.S */

BUILD_BUG_ON(VMEMMAP_START % SECTION_SIZE || VMEMMAP_SIZE % SECTION_SIZE);

/* Make @count entries from @pmd seen by the walker, and forget [addr, addr + count MiB). */
static void __init flush_new_sections(u32 *pmd, unsigned long addr, unsigned long count)
{
	for (unsigned long i = 0; i < count; i++)	/* DCCMVAU: clean to PoU */
		asm volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(&pmd[i]) : "memory");
	asm volatile("dsb ishst" : : : "memory");
	for (unsigned long i = 0; i < count; i++)	/* TLBIMVA */
		asm volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(addr + i * SECTION_SIZE) : "memory");
	asm volatile("dsb ish\n\tisb" : : : "memory");
}

/**
 * vmemmap_populate - map [@start, @end) of the VMEMMAP window with 1 MiB sections
 * @start: first virtual address (rounded down to 1 MiB)
 * @end: end, exclusive (rounded up)
 * @node: the node whose memory backs it, if it has room
 *
 * Each run of empty entries gets one physically contiguous block; entries
 * already present (a neighbouring section's) are kept.  The memory is not
 * zeroed: memmap_init() writes every struct page of a present section.
 *
 * Return: 0, or -ENOMEM if memblock had no room.
 */
int __init vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	unsigned long addr = ALIGN_DOWN(start, SECTION_SIZE);

	end = ALIGN(end, SECTION_SIZE);
	while (addr < end) {
		u32 *pmd = &swapper_pg_dir[addr >> SECTION_SHIFT];
		unsigned long run = 0;
		phys_addr_t phys;

		if (*pmd) {
			addr += SECTION_SIZE;
			continue;
		}
		while (addr + run * SECTION_SIZE < end && !pmd[run])
			run++;
		phys = memblock_phys_alloc_try_nid(run * SECTION_SIZE, SECTION_SIZE, node);
		if (!phys)
			return -ENOMEM;
		for (unsigned long i = 0; i < run; i++)
			pmd[i] = (u32)(phys + i * SECTION_SIZE) | SECT_VMEMMAP;
		flush_new_sections(pmd, addr, run);
		/* Linux's vmemmap_populate_print_last() line, one per block. */
		pr_debug("vmemmap: [%08lx-%08lx] SECTION -> [mem %#010Lx-%#010Lx] on node %d\n",
			 addr, addr + run * SECTION_SIZE - 1, (u64)phys,
			 (u64)(phys + run * SECTION_SIZE - 1), node);
		addr += run * SECTION_SIZE;
	}
	return 0;
}

#endif /* CONFIG_SPARSEMEM_VMEMMAP */
