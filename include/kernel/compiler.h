/* SPDX-License-Identifier: MIT */
/*
 * Compiler attributes under Linux's names (include/linux/compiler_attributes.h).
 */
#ifndef BOOTMM_COMPILER_H
#define BOOTMM_COMPILER_H

#define __section(s)		__attribute__((__section__(s)))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __noreturn		__attribute__((__noreturn__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#ifndef __always_inline		/* glibc defines it too, the same way */
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* The caller's address, as Linux's _RET_IP_ (used by memblock=debug). */
#define _RET_IP_		((unsigned long)__builtin_return_address(0))

#endif
