// SPDX-License-Identifier: MIT
/*
 * Unit tests for drivers/tty/tty_buffer.c, the console's receive ring that
 * keeps typeahead from the moment the console is up until the shell reads it.
 *
 * An empty ring; a full one (TTY_BUFFER_SIZE bytes kept, the next dropped and
 * counted, never written over the oldest); wrapping, both around the array
 * and of the 32-bit counters; the UART's own overruns; and the report, Linux's
 * n_tty line "ttyS ttyS0: N input overrun(s)", at most once a second, with
 * what was lost in between carried into the next report.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/tty_flip.h>
#include "hostlog.h"

#define SEC	1000000000ULL

static struct tty_buffer tb;

static int setup(void **state)
{
	(void)state;
	memset(&tb, 0, sizeof(tb));
	host_log_reset();
	return 0;
}

/* A byte that tells its position: a lost or reordered one shows. */
static char nth(unsigned int i)
{
	return (char)(i * 7 + i / 251);
}

static void test_empty(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(tty_buffer_count(&tb), 0);
	assert_int_equal(tty_buffer_space(&tb), TTY_BUFFER_SIZE);
	assert_int_equal(tty_buffer_read(&tb, buf, sizeof(buf)), 0);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 5 * SEC), 0);
	assert_string_equal(host_log(), "");
}

static void test_order_kept(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(tty_insert_flip_char(&tb, 'l'), 1);
	assert_int_equal(tty_insert_flip_char(&tb, 's'), 1);
	assert_int_equal(tty_insert_flip_char(&tb, '\n'), 1);
	assert_int_equal(tty_buffer_count(&tb), 3);
	assert_int_equal(tty_buffer_read(&tb, buf, 2), 2);	/* no more than asked */
	assert_memory_equal(buf, "ls", 2);
	assert_int_equal(tty_buffer_read(&tb, buf, sizeof(buf)), 1);
	assert_int_equal(buf[0], '\n');
	assert_int_equal(tty_buffer_count(&tb), 0);
}

static void test_full_drops_the_newest(void **state)
{
	static char buf[TTY_BUFFER_SIZE + 16];
	unsigned int i;

	(void)state;
	for (i = 0; i < TTY_BUFFER_SIZE; i++)
		assert_int_equal(tty_insert_flip_char(&tb, nth(i)), 1);
	assert_int_equal(tty_buffer_space(&tb), 0);
	assert_int_equal(tty_buffer_count(&tb), TTY_BUFFER_SIZE);
	assert_int_equal(tb.overrun, 0);

	/* Three more: refused, counted; the oldest byte is still the first one. */
	for (i = 0; i < 3; i++)
		assert_int_equal(tty_insert_flip_char(&tb, 'X'), 0);
	assert_int_equal(tb.overrun, 3);
	assert_int_equal(tty_buffer_count(&tb), TTY_BUFFER_SIZE);

	assert_int_equal(tty_buffer_read(&tb, buf, sizeof(buf)), TTY_BUFFER_SIZE);
	for (i = 0; i < TTY_BUFFER_SIZE; i++)
		assert_int_equal(buf[i], nth(i));

	/* Room again: stored, and nothing else is counted. */
	assert_int_equal(tty_insert_flip_char(&tb, 'y'), 1);
	assert_int_equal(tb.overrun, 3);
}

/* Writer ahead of the reader by up to 3000 bytes, round the array five times. */
static void test_wraps_around_the_array(void **state)
{
	static char buf[3000];
	unsigned int written = 0, read = 0, i, n;

	(void)state;
	while (read < 5 * TTY_BUFFER_SIZE + 123) {
		while (tty_buffer_space(&tb) && written - read < 3000)
			assert_int_equal(tty_insert_flip_char(&tb, nth(written++)), 1);
		n = tty_buffer_read(&tb, buf, 1 + read % 2999);
		assert_true(n > 0);
		for (i = 0; i < n; i++)
			assert_int_equal(buf[i], nth(read + i));
		read += n;
		assert_int_equal(tty_buffer_count(&tb), written - read);
	}
	assert_int_equal(tb.overrun, 0);
}

/* head and tail only grow: across 2^32 they wrap, and count/space stay right. */
static void test_counters_wrap(void **state)
{
	static char buf[TTY_BUFFER_SIZE];
	unsigned int i;

	(void)state;
	tb.head = tb.tail = UINT_MAX - 10;
	for (i = 0; i < TTY_BUFFER_SIZE; i++)
		assert_int_equal(tty_insert_flip_char(&tb, nth(i)), 1);
	assert_true(tb.tail < tb.head);			/* tail has wrapped, head not yet */
	assert_int_equal(tty_buffer_count(&tb), TTY_BUFFER_SIZE);
	assert_int_equal(tty_buffer_space(&tb), 0);
	assert_int_equal(tty_insert_flip_char(&tb, 'X'), 0);
	assert_int_equal(tty_buffer_read(&tb, buf, sizeof(buf)), TTY_BUFFER_SIZE);
	for (i = 0; i < TTY_BUFFER_SIZE; i++)
		assert_int_equal(buf[i], nth(i));
	assert_int_equal(tty_buffer_count(&tb), 0);
	assert_int_equal(tty_buffer_space(&tb), TTY_BUFFER_SIZE);
}

/* The UART lost bytes (its OE flag): counted, the data untouched. */
static void test_uart_overrun_counted(void **state)
{
	char c;

	(void)state;
	assert_int_equal(tty_insert_flip_char(&tb, 'a'), 1);
	tty_flip_overrun(&tb);
	tty_flip_overrun(&tb);
	assert_int_equal(tb.overrun, 2);
	assert_int_equal(tty_buffer_count(&tb), 1);
	assert_int_equal(tty_buffer_read(&tb, &c, 1), 1);
	assert_int_equal(c, 'a');

	tb.overrun = UINT_MAX;				/* saturates: never back to "none lost" */
	tty_flip_overrun(&tb);
	assert_int_equal(tb.overrun, UINT_MAX);
}

static void test_report_line(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < TTY_BUFFER_SIZE + 2; i++)
		tty_insert_flip_char(&tb, 'z');
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 3 * SEC), 2);
	assert_string_equal(host_log(), "ttyS ttyS0: 2 input overrun(s)\n");
	assert_int_equal(tb.overrun, 0);

	/* Nothing new: nothing printed. */
	host_log_reset();
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 10 * SEC), 0);
	assert_string_equal(host_log(), "");
}

static void test_report_pl011_name(void **state)
{
	(void)state;
	tty_flip_overrun(&tb);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyAMA0", 0), 1);
	assert_string_equal(host_log(), "ttyAMA ttyAMA0: 1 input overrun(s)\n");
}

/* At most one line a second; what is lost meanwhile goes into the next one. */
static void test_report_once_a_second(void **state)
{
	(void)state;
	tty_flip_overrun(&tb);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 2 * SEC), 1);
	tty_flip_overrun(&tb);
	tty_flip_overrun(&tb);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 2 * SEC + SEC / 2), 0);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 3 * SEC - 1), 0);
	assert_int_equal(tb.overrun, 2);		/* kept, not forgotten */
	tty_flip_overrun(&tb);
	assert_int_equal(tty_buffer_report_overrun(&tb, "ttyS0", 3 * SEC), 3);
	assert_string_equal(host_log(), "ttyS ttyS0: 1 input overrun(s)\nttyS ttyS0: 3 input overrun(s)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test_setup(test_order_kept, setup),
		cmocka_unit_test_setup(test_full_drops_the_newest, setup),
		cmocka_unit_test_setup(test_wraps_around_the_array, setup),
		cmocka_unit_test_setup(test_counters_wrap, setup),
		cmocka_unit_test_setup(test_uart_overrun_counted, setup),
		cmocka_unit_test_setup(test_report_line, setup),
		cmocka_unit_test_setup(test_report_pl011_name, setup),
		cmocka_unit_test_setup(test_report_once_a_second, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
