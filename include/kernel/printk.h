/* SPDX-License-Identifier: MIT */
/*
 * printk and its log levels (include/linux/printk.h, include/linux/kern_levels.h).
 *
 * A message starts with KERN_SOH ("\001") and a level digit, exactly as in Linux,
 * so pr_info("x") is printk("\0016x").  Whether it reaches the console depends on
 * console_loglevel (loglevel=, quiet, ignore_loglevel); every message is kept in
 * the log buffer either way.  The host build of the mm core provides its own
 * printk (tests/host/printk_host.c) that records output for the tests.
 */
#ifndef BOOTMM_PRINTK_H
#define BOOTMM_PRINTK_H

#include <stdarg.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"	/* system is unusable */
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"	/* continues the previous line */

#define LOGLEVEL_DEFAULT		-1
#define MESSAGE_LOGLEVEL_DEFAULT	4	/* printk() without a level: warning */
#define CONSOLE_LOGLEVEL_DEFAULT	7	/* Debian's CONFIG_CONSOLE_LOGLEVEL_DEFAULT */
#define CONSOLE_LOGLEVEL_QUIET		4	/* "quiet" on the command line */
#define CONSOLE_LOGLEVEL_DEBUG		10	/* loglevel=8+ shows debug */

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list args);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* kernel/vsprintf.c: the formatter behind printk (no floating point). */
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#endif
