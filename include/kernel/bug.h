/* SPDX-License-Identifier: MIT */
/*
 * panic(), BUG() and WARN() (include/linux/panic.h, include/asm-generic/bug.h).
 *
 * panic() prints "Kernel panic - not syncing: <reason>" and stops the machine
 * (kernel/panic.c); BUG() is a panic that names the file and line; WARN_ON()
 * prints a warning and goes on.  The host build implements these so that a test
 * can expect a panic (tests/host/).
 */
#ifndef BOOTMM_BUG_H
#define BOOTMM_BUG_H

#include <kernel/compiler.h>
#include <kernel/printk.h>

__printf(1, 2) __noreturn void panic(const char *fmt, ...);

#define BUG() panic("kernel BUG at %s:%d!", __FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		printk(KERN_WARNING "WARNING: at %s:%d %s: " fmt,	\
		       __FILE__, __LINE__, __func__, ##__VA_ARGS__);	\
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond) WARN(cond, "%s\n", #cond)
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret = !!(cond);						\
	if (unlikely(__ret) && !__warned) {				\
		__warned = true;					\
		WARN(1, "%s\n", #cond);					\
	}								\
	unlikely(__ret);						\
})

#endif
