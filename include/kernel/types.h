/* SPDX-License-Identifier: MIT */
/*
 * Basic kernel types, the same names Linux uses (include/linux/types.h).
 *
 * phys_addr_t is 64 bits on both arches, as in Debian's 686-pae and armmp-lpae
 * kernels: a 32-bit CPU with PAE/LPAE can see physical memory above 4 GiB, so a
 * physical address does not fit in a pointer.  Everything here comes from the
 * compiler's freestanding headers, so the same file serves the kernel and the
 * host build of the mm core.
 */
#ifndef BOOTMM_TYPES_H
#define BOOTMM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Spelled out rather than taken from <stdint.h>: arm-none-eabi's uint32_t is
 * "unsigned long", which would make printk's %x and %u differ between arches.
 * These are Linux's choices (asm-generic/int-ll64.h) on every 32- and 64-bit CPU.
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

typedef u64 phys_addr_t;	/* a physical (bus) address */
typedef phys_addr_t resource_size_t;

#endif
