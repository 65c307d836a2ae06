/* SPDX-License-Identifier: MIT */
/*
 * Consoles and the clock behind printk timestamps (include/linux/console.h,
 * include/linux/sched/clock.h).
 *
 * A console is a driver that can write characters (drivers/tty/serial/).  Until
 * one is registered, printk only stores messages; register_console() replays
 * the stored ones, filtered by console_loglevel, as Linux's boot console does.
 */
#ifndef BOOTMM_CONSOLE_H
#define BOOTMM_CONSOLE_H

#include <kernel/types.h>

struct console {
	const char *name;		/* as in "printk: console [ttyS0] enabled" */
	void (*write)(const char *s, unsigned int n);
	void (*flush)(void);		/* wait until the hardware has sent everything */
};

void register_console(struct console *con);
void console_flush(void);		/* before the machine stops */

extern int console_loglevel;
extern bool ignore_loglevel;

/*
 * Nanoseconds since the kernel started, from the arch's clock (TSC on x86, the
 * generic timer on ARM).  Returns 0 until the clock is calibrated, which is why
 * Linux's first log lines all read [    0.000000].
 */
u64 sched_clock(void);

#endif
