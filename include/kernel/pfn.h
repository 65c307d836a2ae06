/* SPDX-License-Identifier: MIT */
/*
 * Page frame numbers (include/linux/pfn.h): a pfn is a physical address shifted
 * right by PAGE_SHIFT, the index of a 4 KiB page frame in physical memory.
 */
#ifndef BOOTMM_PFN_H
#define BOOTMM_PFN_H

#include <asm/page.h>

#define PFN_UP(x)	((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#endif
