/* SPDX-License-Identifier: MIT */
/*
 * Where the boot loader put the initial ramdisk (Linux's include/linux/initrd.h).
 *
 * On ARM the device tree's /chosen says so (linux,initrd-start/-end, read by
 * drivers/of/fdt.c); arm_memblock_init() then reserves it (boot/arm/mm.c).
 * Physical addresses: the initrd need not be in the kernel's linear map.
 */
#ifndef BOOTMM_INITRD_H
#define BOOTMM_INITRD_H

#include <kernel/types.h>

extern phys_addr_t phys_initrd_start;	/* 0: no initrd */
extern unsigned long phys_initrd_size;

#endif
