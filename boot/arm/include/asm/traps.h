/* SPDX-License-Identifier: MIT */
/*
 * ARM's fault-tolerant load (boot/arm/traps.c): a word read that returns
 * -EFAULT instead of panicking when the address takes a data abort, for
 * checking a boot loader's pointer (r2) before anything trusts it
 * (drivers/of/fdt.c).  Linux gets the same from get_kernel_nofault() and its
 * exception tables.
 */
#ifndef BOOTMM_ASM_TRAPS_H
#define BOOTMM_ASM_TRAPS_H

#include <kernel/types.h>

int arm_probe_read_u32(const volatile u32 *addr, u32 *val);

#endif
