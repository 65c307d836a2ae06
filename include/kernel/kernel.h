/* SPDX-License-Identifier: MIT */
/*
 * Small helpers every file wants: sizes, alignment, min/max (include/linux/kernel.h,
 * include/linux/align.h, include/linux/sizes.h in Linux).
 */
#ifndef BOOTMM_KERNEL_H
#define BOOTMM_KERNEL_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define SZ_1K			0x00000400UL
#define SZ_4K			0x00001000UL
#define SZ_64K			0x00010000UL
#define SZ_1M			0x00100000UL
#define SZ_2M			0x00200000UL
#define SZ_4M			0x00400000UL
#define SZ_16M			0x01000000UL
#define SZ_1G			0x40000000UL

/* a must be a power of two; the type of x is kept, so this works on phys_addr_t. */
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y)		ALIGN(x, y)
#define round_down(x, y)	ALIGN_DOWN(x, y)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define is_power_of_2(n)	((n) != 0 && (((n) & ((n) - 1)) == 0))

#define min(a, b)		({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)		({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(t, a, b)		min((t)(a), (t)(b))
#define max_t(t, a, b)		max((t)(a), (t)(b))
#define clamp(v, lo, hi)	min(max(v, lo), hi)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), #cond)

#define U64_MAX			((u64)~0ULL)
#ifndef ULONG_MAX		/* <limits.h> may have it already */
#define ULONG_MAX		(~0UL)
#endif

#endif
