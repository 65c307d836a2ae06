/* SPDX-License-Identifier: MIT */
/*
 * The console's receive buffer: characters the UART has received and nobody
 * has read yet, the typeahead (Linux's include/linux/tty_flip.h and the flip
 * buffer of drivers/tty/tty_buffer.c, with n_tty's read buffer behind it).
 *
 * A UART holds very little: a 16550 one byte, or 16 with its FIFO on, a
 * PL011 16 or 32.  Whatever arrives while the kernel is still booting would
 * overrun it, so the console drivers move received characters here each time
 * they touch the UART — for every character they send, and whenever
 * console_poll_input() is called — from the moment the console is up, as
 * Linux's UART interrupt handler does (serial8250_rx_chars() ->
 * tty_insert_flip_char()).  The serial shell then reads from here, so a line
 * typed, or piped into `make run`, before the prompt is kept.
 *
 * One buffer, the console's.  When it is full the driver leaves the rest in the
 * UART: on QEMU the serial backend then waits (it stops reading its input), on
 * hardware the UART would overrun — as Linux's n_tty does once its 4 KiB read
 * buffer is full and the line is not throttled.
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
	char data[TTY_BUFFER_SIZE];
};

/* The console's (kernel/printk.c reads it, the console driver fills it). */
extern struct tty_buffer console_rx;

/* How many more bytes @tb takes: the driver stops reading the UART at 0. */
unsigned int tty_buffer_space(const struct tty_buffer *tb);
/* Bytes waiting to be read. */
unsigned int tty_buffer_count(const struct tty_buffer *tb);
/* Stores @c: 1, or 0 if the buffer is full (the character is not taken). */
int tty_insert_flip_char(struct tty_buffer *tb, char c);
/* Up to @n waiting bytes into @s, oldest first; returns how many. */
unsigned int tty_buffer_read(struct tty_buffer *tb, char *s, unsigned int n);

#endif
