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
 * (asm/memory_model.h: 0xf0000000-0xf1ffffff); mem_init() ->
 * register_page_bootmem_info() walks the same entries to tag the memory
 * behind them.  After boot, memory hot-plug maps a slice again or unmaps it
 * (vmemmap_free()).
 *
 * The hardware: head.S runs the MMU with short descriptors and one
 * first-level table, swapper_pg_dir: 4096 entries of 4 bytes, one per MiB of
 * virtual space.  A "section" entry (bits 1:0 = 0b10) maps its MiB directly:
 * bits 31:20 hold the physical address, which must be 1 MiB aligned.  A
 * section's map on ARM is 2 MiB (2^16 pfns * 32 bytes): two entries, each
 * backed by a MiB of its own, so that each can be freed on its own.  The attributes are head.S's for
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
#include <mm/bootmem_info.h>
#include <mm/memory_model.h>
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

/*
 * Make the entries [@pmd, @pmd + @count) seen by the walker, and forget the
 * MiBs from @addr: for an entry just written, or just cleared (a cleared
 * one must also leave the TLB before its memory is reused).
 */
static void flush_pmd_entries(u32 *pmd, unsigned long addr, unsigned long count)
{
	for (unsigned long i = 0; i < count; i++)	/* DCCMVAU: clean to PoU */
		asm volatile("mcr p15, 0, %0, c7, c11, 1" : : "r"(&pmd[i]) : "memory");
	asm volatile("dsb ishst" : : : "memory");
	for (unsigned long i = 0; i < count; i++)	/* TLBIMVA */
		asm volatile("mcr p15, 0, %0, c8, c7, 1" : : "r"(addr + i * SECTION_SIZE) : "memory");
	asm volatile("dsb ish\n\tisb" : : : "memory");
}

static u32 *pmd_of(unsigned long addr)
{
	return &swapper_pg_dir[addr >> SECTION_SHIFT];
}

/* The physical MiB an entry of ours maps (bits 31:20 of a section descriptor). */
static phys_addr_t pmd_phys(u32 pmd)
{
	return pmd & ~(SECTION_SIZE - 1);
}

/**
 * vmemmap_populate - map [@start, @end) of the VMEMMAP window with 1 MiB sections
 * @start: first virtual address (rounded down to 1 MiB)
 * @end: end, exclusive (rounded up)
 * @node: the node whose memory backs it, if it has room
 *
 * Each empty entry gets a MiB of its own from vmemmap_alloc_block()
 * (memblock at boot, the buddy allocator after); entries already present (a
 * neighbouring section's) are kept.  The memory is not zeroed: every
 * struct page of a section is written before use (memmap_init() at boot,
 * sparse_add_section() after).
 *
 * Return: 0, or -ENOMEM if there was no memory left.
 */
int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	for (unsigned long addr = ALIGN_DOWN(start, SECTION_SIZE); addr < end; addr += SECTION_SIZE) {
		u32 *pmd = pmd_of(addr);
		phys_addr_t phys;

		if (*pmd)
			continue;
		phys = vmemmap_alloc_block(SECTION_SIZE, node);
		if (!phys)
			return -ENOMEM;
		*pmd = (u32)phys | SECT_VMEMMAP;
		flush_pmd_entries(pmd, addr, 1);
		/* Linux's vmemmap_populate_print_last() line, one per entry. */
		pr_debug("vmemmap: [%08lx-%08lx] SECTION -> [mem %#010Lx-%#010Lx] on node %d\n",
			 addr, addr + SECTION_SIZE - 1, (u64)phys, (u64)(phys + SECTION_SIZE - 1), node);
	}
	return 0;
}

/**
 * vmemmap_free - unmap [@start, @end) of the window and free its memory
 * @start: first virtual address (a section's slice: 1 MiB aligned)
 * @end: end, exclusive
 *
 * Each entry is cleared and flushed before its MiB is freed, so no stale
 * translation can reach memory the buddy allocator hands out again.
 *
 * Return: the pages that went back to the buddy allocator.
 */
unsigned long vmemmap_free(unsigned long start, unsigned long end)
{
	unsigned long freed = 0;

	for (unsigned long addr = ALIGN_DOWN(start, SECTION_SIZE); addr < end; addr += SECTION_SIZE) {
		u32 *pmd = pmd_of(addr);
		phys_addr_t phys;

		if (!*pmd)
			continue;
		phys = pmd_phys(*pmd);
		*pmd = 0;
		flush_pmd_entries(pmd, addr, 1);
		freed += vmemmap_free_block(phys, SECTION_SIZE);
	}
	return freed;
}

/**
 * register_page_bootmem_memmap - tag the memory behind a section's slice
 * @section_nr: the section, the tags' owner
 * @map: its first struct page, in the window
 * @nr_pages: how many struct pages
 *
 * The slice's first-level entries say where its memory is: each maps one
 * MiB, 256 pages tagged SECTION_INFO.  There is no page-table page to tag
 * (Linux's x86-64 tags its PMD and PTE pages MIX_SECTION_INFO): the entries
 * live in swapper_pg_dir, inside the kernel image.
 *
 * Return: the number of pages tagged.
 */
unsigned long __init register_page_bootmem_memmap(unsigned long section_nr, struct page *map,
						  unsigned long nr_pages)
{
	unsigned long end = (unsigned long)(map + nr_pages), n = 0;

	for (unsigned long addr = ALIGN_DOWN((unsigned long)map, SECTION_SIZE); addr < end;
	     addr += SECTION_SIZE) {
		u32 pmd = *pmd_of(addr);
		unsigned long pfn = PHYS_PFN(pmd_phys(pmd));

		if (!pmd)
			continue;
		for (unsigned long i = 0; i < SECTION_SIZE / PAGE_SIZE; i++, n++)
			get_page_bootmem(section_nr, pfn_to_page(pfn + i), SECTION_INFO);
	}
	return n;
}

#endif /* CONFIG_SPARSEMEM_VMEMMAP */
