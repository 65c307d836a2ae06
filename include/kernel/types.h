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

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

typedef u64 phys_addr_t;	/* a physical (bus) address */
typedef phys_addr_t resource_size_t;

#endif
