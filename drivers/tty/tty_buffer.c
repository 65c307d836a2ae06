// SPDX-License-Identifier: MIT
/*
 * The console's receive buffer, a ring of TTY_BUFFER_SIZE bytes that keeps
 * typeahead (Linux's drivers/tty/tty_buffer.c, the flip buffer, together with
 * n_tty's read buffer that the reader takes lines from).
 *
 * Boot pipeline: filled from the moment the console driver starts in
 * setup_arch() (drivers/tty/serial/), every time the driver touches its UART;
 * read by the serial shell at the end of the boot (kernel/shell.c through
 * console_read()).  Nothing here touches hardware, so the host unit tests
 * (tests/unit/test_tty_buffer.c) run it as it is.
 *
 * Linux's flip buffer is a list of pages filled in interrupt context and
 * pushed to the line discipline by a work item; bootmm has no interrupts and
 * one reader, so one ring is both: the polling driver is the producer, the
 * shell the consumer, and they never run at the same time.
 */
#include <kernel/tty_flip.h>

/* The counters wrap at 2^32: the ring's size must divide that for % to stay right. */
_Static_assert((TTY_BUFFER_SIZE & (TTY_BUFFER_SIZE - 1)) == 0, "TTY_BUFFER_SIZE: a power of two");

struct tty_buffer console_rx;

unsigned int tty_buffer_count(const struct tty_buffer *tb)
{
	return tb->tail - tb->head;		/* exact even after the counters wrap */
}

unsigned int tty_buffer_space(const struct tty_buffer *tb)
{
	return TTY_BUFFER_SIZE - tty_buffer_count(tb);
}

int tty_insert_flip_char(struct tty_buffer *tb, char c)
{
	if (!tty_buffer_space(tb))
		return 0;
	tb->data[tb->tail++ % TTY_BUFFER_SIZE] = c;
	return 1;
}

unsigned int tty_buffer_read(struct tty_buffer *tb, char *s, unsigned int n)
{
	unsigned int got = 0;

	while (got < n && tty_buffer_count(tb))
		s[got++] = tb->data[tb->head++ % TTY_BUFFER_SIZE];
	return got;
}
