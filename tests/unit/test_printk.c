// SPDX-License-Identifier: MIT
/*
 * Unit tests for kernel/printk.c itself, the kernel log (not the host's
 * stand-in, tests/host/printk_host.c, that every other program links): this
 * program links the real printk.c with a console that records what it is
 * given and a clock that counts.
 *
 * The log buffer is a ring as Linux's (3.5 to 5.9) was: filled past its
 * 128 KiB, it drops the oldest records, dmesg's reader (printk_log_next())
 * shows the newest, and the console still prints every new line — a full
 * buffer must never silence the console.  Also loglevel=, whose bad values
 * must be refused as Linux refuses them ("Malformed early option 'loglevel'")
 * and leave the level alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>

#define LOG_BUF_LEN	(1 << 17)	/* kernel/printk.c's */

extern char __log_buf[];
extern u32 log_first_idx, log_next_idx, log_first_seq, log_next_seq;

static u64 clock_ns;

u64 sched_clock(void)
{
	return clock_ns += 1000;
}

/* What the console was given, all of it. */
static char *console_out;
static size_t console_len, console_cap;

static void con_write(const char *s, unsigned int n)
{
	if (console_len + n + 1 > console_cap) {
		console_cap = (console_len + n + 1) * 2;
		console_out = realloc(console_out, console_cap);
		assert_non_null(console_out);
	}
	memcpy(console_out + console_len, s, n);
	console_len += n;
	console_out[console_len] = '\0';
}

static struct console test_console = { .name = "ttyT0", .write = con_write };

static void registered_once(void)
{
	static bool done;

	if (!done)
		register_console(&test_console);
	done = true;
}

static unsigned int count_in(const char *hay, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Every record dmesg would show, as "text\n" lines. */
static char *dmesg_text(unsigned int *records)
{
	size_t cap = 4 * LOG_BUF_LEN, len = 0;
	char *out = calloc(1, cap);
	struct printk_record rec;
	u32 pos = 0;

	assert_non_null(out);
	*records = 0;
	while (printk_log_next(&pos, &rec)) {
		assert_true(len + rec.text_len + 2 < cap);
		memcpy(out + len, rec.text, rec.text_len);
		len += rec.text_len;
		out[len++] = '\n';
		(*records)++;
	}
	return out;
}

static void test_ring_wraps_and_console_goes_on(void **state)
{
	/* ~100-byte records: 2000 are ~200 KiB, well past the 128 KiB buffer, twice over. */
	const unsigned int n = 3000;
	unsigned int records;
	char want[128];
	char *dmesg;
	u32 first;

	(void)state;
	registered_once();
	for (unsigned int i = 0; i < n; i++)
		pr_info("memmap_check: line %05u of a log that outgrows its buffer ..........................\n", i);

	/* The console printed every one, the last ones too. */
	assert_int_equal(count_in(console_out, "of a log that outgrows"), n);
	snprintf(want, sizeof(want), "line %05u of a log", n - 1);
	assert_non_null(strstr(console_out, want));

	/* The ring dropped the oldest and kept the newest, in order, none missing. */
	first = printk_log_dropped();
	assert_true(first > 0);
	assert_true(log_first_seq == first && log_next_seq > first);
	dmesg = dmesg_text(&records);
	assert_int_equal(records, log_next_seq - log_first_seq);
	assert_true(records > 1000 && records < n);
	assert_true(strlen(dmesg) < LOG_BUF_LEN);
	snprintf(want, sizeof(want), "line %05u of a log", n - 1);
	assert_non_null(strstr(dmesg, want));
	assert_null(strstr(dmesg, "line 00000 of a log"));
	for (unsigned int i = n - records + 1; i < n; i++) {
		char prev[32], cur[32];

		snprintf(prev, sizeof(prev), "line %05u ", i - 1);
		snprintf(cur, sizeof(cur), "line %05u ", i);
		assert_true(strstr(dmesg, prev) < strstr(dmesg, cur));
	}
	free(dmesg);
	/* The indices stay inside the array. */
	assert_true(log_first_idx < LOG_BUF_LEN && log_next_idx < LOG_BUF_LEN);
}

static void test_ring_keeps_cont_lines_whole(void **state)
{
	unsigned int records;
	char *dmesg;

	(void)state;
	registered_once();
	/* A line built from pieces, many times over, across several wraps. */
	for (unsigned int i = 0; i < 4000; i++) {
		pr_info("piece %04u:", i);
		pr_cont(" a");
		pr_cont(" b");
		pr_cont(" c\n");
	}
	assert_int_equal(count_in(console_out, ": a b c\n"), 4000);
	dmesg = dmesg_text(&records);
	assert_non_null(strstr(dmesg, "piece 3999: a b c\n"));
	/* Every record of the pieces is whole (the oldest may be partly old lines). */
	assert_int_equal(count_in(dmesg, "piece "), count_in(dmesg, ": a b c\n"));
	free(dmesg);
}

static void test_ring_replay_on_register(void **state)
{
	(void)state;
	/* register_console() replays the ring from its oldest record: already done once;
	 * a second console sees only what is left, newest last. */
	console_len = 0;
	if (console_out)
		console_out[0] = '\0';
	register_console(&test_console);
	assert_non_null(strstr(console_out, "piece 3999: a b c\n"));
	assert_null(strstr(console_out, "line 00000 "));
	assert_non_null(strstr(console_out, "printk: console [ttyT0] enabled"));
}

/* --- loglevel= ----------------------------------------------------------------- */

static void early(const char *line)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", line);
	parse_param_table(buf, __setup_start, __setup_end, true, NULL);
}

static void test_loglevel(void **state)
{
	static const char *const bad[] = { "loglevel=abc", "loglevel=", "loglevel", "loglevel=-" };

	(void)state;
	registered_once();
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	early("loglevel=3");
	assert_int_equal(console_loglevel, 3);
	early("loglevel=0x5");			/* get_option(): base 0 */
	assert_int_equal(console_loglevel, 5);
	early("loglevel=8junk");		/* get_option() takes the leading number */
	assert_int_equal(console_loglevel, 8);

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
		console_len = 0;
		console_out[0] = '\0';
		early(bad[i]);
		assert_int_equal(console_loglevel, CONSOLE_LOGLEVEL_DEFAULT);	/* kept */
		assert_non_null(strstr(console_out, "Malformed early option 'loglevel'\n"));
		/* and the console still shows a later emergency */
		pr_emerg("Kernel panic - not syncing: test\n");
		assert_non_null(strstr(console_out, "Kernel panic - not syncing: test"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_wraps_and_console_goes_on),
		cmocka_unit_test(test_ring_keeps_cont_lines_whole),
		cmocka_unit_test(test_ring_replay_on_register),
		cmocka_unit_test(test_loglevel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
