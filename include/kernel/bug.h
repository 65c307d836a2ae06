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

/*
 * Linux's report line; it has no symbol table here, so the function is named
 * without an offset.  bootmm runs one task on CPU 0.
 */
#define __WARN_LINE()							\
	printk(KERN_WARNING "WARNING: CPU: 0 PID: 0 at %s:%d %s\n",	\
	       __FILE__, __LINE__, __func__)

/* WARN(cond, fmt, ...): the message, then the report line, as Linux prints them. */
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn)) {					\
		printk(KERN_WARNING fmt, ##__VA_ARGS__);		\
		__WARN_LINE();						\
	}								\
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__WARN_LINE();						\
	unlikely(__ret_warn);						\
})
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret = !!(cond);						\
	if (unlikely(__ret) && !__warned) {				\
		__warned = true;					\
		__WARN_LINE();						\
	}								\
	unlikely(__ret);						\
})

#endif
