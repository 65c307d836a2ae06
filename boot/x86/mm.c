// SPDX-License-Identifier: MIT
/*
 * Low memory, high memory and the zone limits of a 32-bit PC (Linux's
 * arch/x86/mm/init_32.c find_low_pfn_range / initmem_init and
 * arch/x86/mm/init.c zone_sizes_init).
 *
 * Boot pipeline (x86): setup_arch() found max_pfn, the end of RAM, in the
 * e820 map; here the end of *low* memory is decided — what the kernel's
 * 1 GiB window can map permanently at PAGE_OFFSET — and, after numa_init(),
 * the zone limits go to free_area_init().
 *
 * The window is 1 GiB, but its top is kept for vmalloc, kmap and fixed
 * mappings: on Debian's 686-pae kernel VMALLOC_END is 0xfeffe000 (just below
 * the persistent-kmap area at 0xff000000) and 128 MiB under it are reserved
 * for vmalloc, so low memory ends at
 *     MAXMEM = VMALLOC_END - PAGE_OFFSET - 128 MiB = 0x36ffe000 (879.99 MiB).
 * RAM beyond that is HighMem, mapped a page at a time when needed.
 */
#include <asm/page.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>

#define VMALLOC_END		0xfeffe000UL
#define VMALLOC_RESERVE		(128UL << 20)
#define MAXMEM			(VMALLOC_END - PAGE_OFFSET - VMALLOC_RESERVE)
#define MAXMEM_PFN		PFN_DOWN(MAXMEM)
#define MAX_DMA_PFN		((16UL << 20) >> PAGE_SHIFT)	/* ISA DMA reaches 16 MiB */

#define pages_to_mb(x)		((x) >> (20 - PAGE_SHIFT))

/**
 * find_low_pfn_range - where low memory ends: max_low_pfn
 *
 * All of RAM if it fits below MAXMEM, otherwise MAXMEM_PFN; memblock's
 * allocations stay below it, since only low memory is mapped.
 */
void __init find_low_pfn_range(void)
{
	max_low_pfn = max_pfn <= MAXMEM_PFN ? max_pfn : MAXMEM_PFN;
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
}

/* Linux's initmem_init() for one node: report the split. */
void __init initmem_init(void)
{
	unsigned long highstart_pfn = max_pfn > max_low_pfn ? max_low_pfn : max_pfn;

	pr_notice("%luMB HIGHMEM available.\n", pages_to_mb(max_pfn - highstart_pfn));
	pr_notice("%luMB LOWMEM available.\n", pages_to_mb(max_low_pfn));
	/* head.S mapped more than this; Linux maps exactly low memory by now. */
	pr_info("  mapped low ram: 0 - %08lx\n", max_low_pfn << PAGE_SHIFT);
	pr_info("  low ram: 0 - %08lx\n", max_low_pfn << PAGE_SHIFT);
}

/**
 * zone_sizes_init - DMA below 16 MiB, Normal to the end of low memory, HighMem above
 */
void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = { 0 };

	max_zone_pfns[ZONE_DMA] = min(MAX_DMA_PFN, max_low_pfn);
	max_zone_pfns[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfns[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfns);
}
