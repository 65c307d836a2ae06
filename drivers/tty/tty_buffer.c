// SPDX-License-Identifier: MIT
/*
 * The console's receive buffer, a ring of TTY_BUFFER_SIZE bytes that keeps
 * typeahead (Linux's drivers/tty/tty_buffer.c, the flip buffer, together with
 * n_tty's read buffer that the reader takes lines from).
 *
 * Boot pipeline: filled from the moment the console driver starts in
 * setup_arch() (drivers/tty/serial/), every time the driver touches its UART;
 * read by the serial shell at the end of the boot (kernel/shell.c through
 * console_read()).  Nothing here touches hardware, so the host unit test
 * (tests/unit/test_tty_buffer.c) runs it as it is.
 *
 * Linux's flip buffer is a list of pages filled in interrupt context and
 * pushed to the line discipline by a work item; bootmm has no interrupts and
 * one reader, so one ring is both: the polling driver is the producer, the
 * shell the consumer, and they never run at the same time.
 *
 * A full ring: the drivers look at tty_buffer_space() and leave what does not
 * fit in the UART (throttling the sender: QEMU waits, nothing is lost).  A
 * character stored all the same is dropped, never written over an older one,
 * and counted as an overrun, as the UART's own overruns are
 * (tty_flip_overrun()).  The reader reports the count with Linux's line,
 * "ttyS ttyS0: 1 input overrun(s)" (n_tty_receive_overrun()), at most once a
 * second, so a lost character is never silent.
 */
#include <kernel/printk.h>
#include <kernel/tty_flip.h>

#define NSEC_PER_SEC	1000000000ULL

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
	if (!tty_buffer_space(tb)) {
		tty_flip_overrun(tb);
		return 0;
	}
	tb->data[tb->tail++ % TTY_BUFFER_SIZE] = c;
	return 1;
}

void tty_flip_overrun(struct tty_buffer *tb)
{
	if (tb->overrun + 1)			/* saturates rather than wrap to 0 */
		tb->overrun++;
}

unsigned int tty_buffer_read(struct tty_buffer *tb, char *s, unsigned int n)
{
	unsigned int got = 0;

	while (got < n && tty_buffer_count(tb))
		s[got++] = tb->data[tb->head++ % TTY_BUFFER_SIZE];
	return got;
}

unsigned int tty_buffer_report_overrun(struct tty_buffer *tb, const char *name, u64 now_ns)
{
	unsigned int lost = tb->overrun;
	int driver_len = 0;

	if (!lost)
		return 0;
	if (tb->overrun_reported && now_ns - tb->overrun_time < NSEC_PER_SEC)
		return 0;			/* the count goes on, into the next report */
	/* Linux's tty_warn() names the driver ("ttyS"), then the tty ("ttyS0"). */
	while (name[driver_len] && !(name[driver_len] >= '0' && name[driver_len] <= '9'))
		driver_len++;
	pr_warn("%.*s %s: %u input overrun(s)\n", driver_len, name, name, lost);
	tb->overrun = 0;
	tb->overrun_reported = true;
	tb->overrun_time = now_ns;
	return lost;
}
