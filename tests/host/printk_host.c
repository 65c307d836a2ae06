// SPDX-License-Identifier: MIT
/*
 * printk() and panic() for the host build of the mm core (see hostlog.h).  The
 * kernel's own versions live in kernel/printk.c and kernel/panic.c and need a
 * console and a clock; here messages go into a buffer the tests can read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/bug.h>
#include <kernel/printk.h>
#include "hostlog.h"

static char *log_text;
static size_t log_len, log_cap;
static bool bug_reports_expected;

void host_expect_bug_reports(bool expected)
{
	bug_reports_expected = expected;
}

static void log_append(const char *s, size_t n)
{
	if (log_len + n + 1 > log_cap) {
		log_cap = (log_len + n + 1) * 2;
		log_text = realloc(log_text, log_cap);
		if (!log_text)
			abort();
	}
	memcpy(log_text + log_len, s, n);
	log_len += n;
	log_text[log_len] = '\0';
}

void host_log_reset(void)
{
	log_len = 0;
	if (log_text)
		log_text[0] = '\0';
}

const char *host_log(void)
{
	return log_text ? log_text : "";
}

bool host_log_contains(const char *needle)
{
	return strstr(host_log(), needle) != NULL;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	int n;

	/* Drop the KERN_SOH level marker, as the console does. */
	while (fmt[0] == '\001' && fmt[1] != '\0')
		fmt += 2;
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	log_append(buf, n);
	if (getenv("HOST_LOG"))
		fputs(buf, stderr);
	/*
	 * A "BUG:" report (a bad page state) means the mm core is broken.  The
	 * kernel reports it and goes on, as Linux does; a test that goes on too
	 * can spend minutes in an allocator whose lists are wrong, so the report
	 * fails the running test here and now, unless the test is about it.
	 */
	if (!bug_reports_expected && strncmp(buf, "BUG: ", 5) == 0)
		fail_msg("unexpected report: %s", buf);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	mock_assert(0, buf, __FILE__, __LINE__);
	abort();	/* mock_assert() does not return */
}
