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
	/*
	 * Move what the UART has received into console_rx (<kernel/tty_flip.h>),
	 * without waiting: the work of a UART's receive interrupt in Linux
	 * (serial8250_rx_chars()), done by polling since bootmm enables no
	 * interrupt.  The driver also does it for each character it writes.
	 * NULL for an output-only console.
	 */
	void (*poll)(void);
};

void register_console(struct console *con);
void console_flush(void);		/* before the machine stops */

/*
 * Raw console I/O for the serial shell (kernel/shell.c): what a command prints
 * is its answer, not a kernel message, so it bypasses the log buffer and its
 * timestamps.  console_read() takes up to n characters from the receive
 * buffer, typeahead first, without waiting (0 if none); -1 if no console can
 * read.
 */
void console_write(const char *s, unsigned int n);
int console_read(char *s, unsigned int n);

/*
 * Reading the printk log buffer back, record by record, oldest first (what
 * dmesg shows; Linux's syslog/kmsg readers).  *pos is a record number: start
 * with 0; each call fills @rec and advances *pos, and returns false after the
 * newest record.  The buffer is a ring: the text is not NUL-terminated and
 * stays valid until the next printk (which may overwrite the oldest records).
 */
struct printk_record {
	u64 ts_nsec;		/* sched_clock() when the line began */
	int level;		/* 0 (emerg) .. 7 (debug) */
	const char *text;
	unsigned int text_len;
};

bool printk_log_next(u32 *pos, struct printk_record *rec);
u32 printk_log_dropped(void);	/* the oldest records, overwritten by newer ones */

extern int console_loglevel;
extern bool ignore_loglevel;

/*
 * Nanoseconds since the kernel started, from the arch's clock (TSC on x86, the
 * generic timer on ARM).  Returns 0 until the clock is calibrated, which is why
 * Linux's first log lines all read [    0.000000].
 */
u64 sched_clock(void);

#endif
