/* SPDX-License-Identifier: MIT */
/*
 * ARM page size and the kernel's address-space layout (Linux's
 * arch/arm/include/asm/memory.h).
 *
 * QEMU's virt machine puts RAM at physical 0x40000000 (PHYS_OFFSET).  The
 * kernel owns the top 1 GiB of virtual space (the 3G/1G split) and sees low
 * memory at PAGE_OFFSET: virtual PAGE_OFFSET + x is physical PHYS_OFFSET + x.
 * Linux finds PHYS_OFFSET at run time and patches its code; bootmm targets one
 * machine, so it is a constant here.
 */
#ifndef BOOTMM_ARM_PAGE_H
#define BOOTMM_ARM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define PAGE_OFFSET	0xC0000000UL
#define ARCH_PFN_OFFSET	(PHYS_OFFSET >> PAGE_SHIFT)	/* the memory map starts with RAM, not at pfn 0 */
#define PHYS_OFFSET	0x40000000UL
#define TEXT_OFFSET	0x00010000UL	/* QEMU loads the image at RAM + 64 KiB */

/*
 * head.S maps 768 MiB: Linux's lowmem on this machine, the virtual space left
 * between PAGE_OFFSET and VMALLOC_END (0xff800000) once 240 MiB of vmalloc
 * space and an 8 MiB guard gap are set aside (arm_lowmem_limit = 0x70000000).
 */
#define LOWMEM_MAP_SIZE	0x30000000UL

/* The PL011 UART: kept mapped 1:1 as device memory (drivers/tty/serial/amba-pl011.c). */
#define UART_PHYS	0x09000000UL

/* What freed __init memory is filled with (mm/initmem.c): udf #0: a permanently undefined instruction. */
#define INIT_POISON_WORD	0xe7f000f0U

#ifndef __ASSEMBLY__
#include <kernel/types.h>
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET + PHYS_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) - PHYS_OFFSET + PAGE_OFFSET))
#endif

#endif
