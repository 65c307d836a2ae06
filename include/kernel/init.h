/* SPDX-License-Identifier: MIT */
/*
 * __init markers and command-line option registration (include/linux/init.h).
 *
 * Code and data marked __init / __initdata go to .init.text / .init.data, which
 * the linker script gathers between __init_begin and __init_end.  Once boot is
 * over that range is freed to the page allocator (free_initmem), so nothing
 * marked __init may be used after boot.
 *
 * early_param("name", fn) and __setup("name", fn) put a struct obs_kernel_param
 * in the .init.setup section; kernel/params.c walks that table.  Early ones run
 * from parse_early_param() inside setup_arch(), before memory is set up; the
 * others run from parse_args() in start_kernel().
 */
#ifndef BOOTMM_INIT_H
#define BOOTMM_INIT_H

#include <kernel/compiler.h>

#define __init		__section(".init.text") noinline
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")

struct obs_kernel_param {
	const char *str;		/* "loglevel=" or "quiet" */
	int (*setup_func)(char *);	/* gets the text after the name; 0 = ok */
	int early;			/* 1: handled by parse_early_param() */
};

/*
 * The kernel's linker script gathers the table and names its bounds.  A host
 * build has no linker script, but GNU ld bounds any section whose name is a
 * C identifier with __start_<name>/__stop_<name> (tests/host/host.h maps our
 * names onto those), so the host uses such a name.
 */
#ifdef __KERNEL__
#define SETUP_SECTION		".init.setup"
#else
#define SETUP_SECTION		"init_setup"
#endif

/* Each registration gets names of its own, even when one handler serves several options. */
#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#define ___setup_param(str, id, fn, early)					\
	static const char __setup_str_##id[] __initconst = str;		\
	static const struct obs_kernel_param __setup_##id			\
		__used __section(SETUP_SECTION) __aligned(sizeof(long)) =	\
		{ __setup_str_##id, fn, early }
#define __setup_param(str, id, fn, early) ___setup_param(str, id, fn, early)

#define __setup(str, fn)	__setup_param(str, __UNIQUE_ID(fn), fn, 0)
#define early_param(str, fn)	__setup_param(str, __UNIQUE_ID(fn), fn, 1)

/* Bounds of the .init.setup table, from the linker script. */
extern const struct obs_kernel_param __setup_start[], __setup_end[];

/* Section bounds from linker/<arch>.lds, named as in Linux's asm/sections.h. */
extern char _text[], _stext[], _etext[], __start_rodata[], __end_rodata[];
extern char _sdata[], _edata[], __init_begin[], __init_end[];
extern char __bss_start[], __bss_stop[], _end[];

void start_kernel(void);

#endif
