/* SPDX-License-Identifier: MIT */
/*
 * Host build of the mm core: physical addresses are plain process addresses, as in
 * Linux's tools/testing/memblock, so __va()/__pa() are the identity.
 */
#ifndef BOOTMM_HOST_ASM_PAGE_H
#define BOOTMM_HOST_ASM_PAGE_H

#include <kernel/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_OFFSET	0UL
#define ARCH_PFN_OFFSET	0UL
#define PHYS_OFFSET	0UL

#define __pa(x)		((phys_addr_t)(uintptr_t)(x))
#define __va(x)		((void *)(uintptr_t)(x))

#endif
