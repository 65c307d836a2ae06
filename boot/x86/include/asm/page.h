/* SPDX-License-Identifier: MIT */
/*
 * x86 page size and the kernel's address-space layout (Linux's
 * arch/x86/include/asm/page_32_types.h).
 *
 * The 3G/1G split: user space would own 0 - 3 GiB, the kernel the top 1 GiB.
 * Physical address p of low memory is mapped at virtual PAGE_OFFSET + p, so
 * __va()/__pa() are an addition and a subtraction.  boot/x86/head.S sets that
 * mapping up for the first LOWMEM_MAP_SIZE bytes before any C code runs.
 */
#ifndef BOOTMM_X86_PAGE_H
#define BOOTMM_X86_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define PAGE_OFFSET	0xC0000000UL
#define ARCH_PFN_OFFSET	0UL	/* RAM starts at pfn 0 on a PC */
#define PHYS_OFFSET	0x0UL		/* RAM starts at physical 0 on a PC */

/*
 * head.S maps 896 MiB (224 page-directory entries of 4 MiB): Linux's classic
 * lowmem size, what the 1 GiB kernel window holds after reserving 128 MiB of
 * virtual space for vmalloc and fixed mappings.
 */
#define LOWMEM_MAP_SIZE	0x38000000UL

/* What freed __init memory is filled with (mm/initmem.c): int3, int3, ...: Linux poisons freed init memory with 0xcc. */
#define INIT_POISON_WORD	0xccccccccU

#ifndef __ASSEMBLY__
#include <kernel/types.h>
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET + PHYS_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) - PHYS_OFFSET + PAGE_OFFSET))
#endif

#endif
