/* SPDX-License-Identifier: MIT */
/*
 * The console's receive buffer: characters the UART has received and nobody
 * has read yet, the typeahead (Linux's include/linux/tty_flip.h and the flip
 * buffer of drivers/tty/tty_buffer.c, with n_tty's read buffer behind it).
 *
 * A UART holds very little: a 16550 one byte, or 16 with its FIFO on, a
 * PL011 one, or 16 with its FIFO on.  Whatever arrives while the kernel is
 * still booting would overrun it, so the console drivers move received
 * characters here each time they touch the UART — for every character they
 * send, and whenever the shell asks for input (console_read()) — from the
 * moment the console is up, as Linux's UART interrupt handler does
 * (serial8250_rx_chars() -> tty_insert_flip_char()).  The serial shell then
 * reads from here, so a line typed, or piped into `make run`, before the
 * prompt is kept.
 *
 * When the buffer is full the drivers stop taking characters from the UART
 * (tty_buffer_space() is 0): the UART stays full, as a Linux tty throttles its
 * driver when n_tty's read buffer fills.  Under QEMU the serial backend then
 * simply waits, and nothing is lost however much is piped in.  A real UART
 * would overrun instead; it says so (16550 LSR.OE, PL011 DR.OE) and the
 * driver counts it with tty_flip_overrun().  A character stored into a full
 * buffer is dropped — never written over an older one — and counted too.
 * The count is reported by tty_buffer_report_overrun(), with Linux's line
 * (n_tty_receive_overrun()): "ttyS ttyS0: 1 input overrun(s)".
 */
#ifndef BOOTMM_TTY_FLIP_H
#define BOOTMM_TTY_FLIP_H

#include <kernel/types.h>

#define TTY_BUFFER_SIZE	4096	/* Linux's N_TTY_BUF_SIZE; a power of two */

/*
 * A ring: @head and @tail count bytes read and written since the start and
 * only grow (they wrap as unsigned ints), so tail - head is how many are
 * waiting, and the buffer is never ambiguous between empty and full.
 */
struct tty_buffer {
	unsigned int head;		/* bytes read so far */
	unsigned int tail;		/* bytes stored so far */
	unsigned int overrun;		/* characters lost, not reported yet */
	bool overrun_reported;		/* a report was printed, at overrun_time */
	u64 overrun_time;		/* ns, the last report's time */
	char data[TTY_BUFFER_SIZE];
};

/* The console's (kernel/printk.c reads it, the console driver fills it). */
extern struct tty_buffer console_rx;

/* How many more bytes @tb takes: the driver stops reading the UART at 0. */
unsigned int tty_buffer_space(const struct tty_buffer *tb);
/* Bytes waiting to be read. */
unsigned int tty_buffer_count(const struct tty_buffer *tb);
/* Stores @c: 1, or 0 if the buffer is full (@c is dropped and counted as an overrun). */
int tty_insert_flip_char(struct tty_buffer *tb, char c);
/* The UART lost a character before the driver could read it (its overrun flag). */
void tty_flip_overrun(struct tty_buffer *tb);
/* Up to @n waiting bytes into @s, oldest first; returns how many. */
unsigned int tty_buffer_read(struct tty_buffer *tb, char *s, unsigned int n);
/*
 * If characters were lost since the last report, prints
 * "<driver> <name>: <count> input overrun(s)" (@name is the console's, as
 * "ttyS0"; the driver's name is it without the digits) and starts counting
 * again — at most once a second (@now_ns, from sched_clock()), as Linux.
 * Returns the number reported, 0 if nothing was printed.
 */
unsigned int tty_buffer_report_overrun(struct tty_buffer *tb, const char *name, u64 now_ns);

#endif
