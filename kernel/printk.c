// SPDX-License-Identifier: MIT
/*
 * printk: the kernel log (Linux's kernel/printk/printk.c, in the simpler record
 * format Linux used from 3.5 to 5.9).
 *
 * Every message becomes a record in __log_buf: a struct printk_log header
 * (timestamp, level, length) followed by the text of one line, without the
 * newline.  The buffer is a plain array so GDB can read it (scripts/gdb/);
 * when it is full, new records are counted in log_dropped instead of stored —
 * a boot log is a few KiB, far below the 128 KiB here.
 *
 * Messages go to the console as they arrive, if one is registered and their
 * level is below console_loglevel.  Before the first console exists they wait
 * in the buffer and register_console() prints them, so that options parsed
 * early (quiet, loglevel=) decide even about the first lines, as in Linux.
 */
#include <string.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/tty_flip.h>

#define LOG_BUF_LEN	(1 << 17)	/* Debian's CONFIG_LOG_BUF_SHIFT=17 */
#define LOG_LINE_MAX	1024

struct printk_log {
	u64 ts_nsec;		/* sched_clock() when the line began */
	u16 len;		/* whole record, header + text, rounded up to 4 */
	u16 text_len;
	u8 level;		/* 0 (emerg) .. 7 (debug) */
	u8 open;		/* 1 while the line has no newline yet (KERN_CONT may follow) */
} __aligned(4);

char __log_buf[LOG_BUF_LEN] __aligned(4);
u32 log_next_idx;		/* where the next record goes */
u32 log_dropped;		/* records that did not fit */
static u32 log_last_idx = ~0u;	/* the newest record, for KERN_CONT */

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
bool ignore_loglevel;
static struct console *console;

static bool suppress(int level)
{
	return !ignore_loglevel && level >= console_loglevel;
}

static void console_prefix(const struct printk_log *msg)
{
	char buf[32];
	u64 sec = msg->ts_nsec / 1000000000;
	unsigned long usec = (unsigned long)(msg->ts_nsec % 1000000000) / 1000;
	int n = snprintf(buf, sizeof(buf), "[%5lu.%06lu] ", (unsigned long)sec, usec);

	console->write(buf, n);
}

static struct printk_log *log_at(u32 idx)
{
	return (struct printk_log *)(__log_buf + idx);
}

static char *log_text(struct printk_log *msg)
{
	return (char *)(msg + 1);
}

/* Ends the console's current line if the newest record is still open. */
static void console_close_line(void)
{
	if (log_last_idx != ~0u && log_at(log_last_idx)->open) {
		log_at(log_last_idx)->open = 0;
		if (console && !suppress(log_at(log_last_idx)->level))
			console->write("\n", 1);
	}
}

static void log_store(int level, bool cont, const char *text, u16 len, bool newline)
{
	struct printk_log *msg;
	u32 size;

	if (cont && log_last_idx != ~0u && log_at(log_last_idx)->open) {
		msg = log_at(log_last_idx);
		if (log_last_idx + sizeof(*msg) + msg->text_len + len <= LOG_BUF_LEN) {
			memcpy(log_text(msg) + msg->text_len, text, len);
			msg->text_len += len;
			msg->len = ALIGN(sizeof(*msg) + msg->text_len, 4);
			log_next_idx = log_last_idx + msg->len;
			msg->open = !newline;
			if (console && !suppress(msg->level)) {
				console->write(text, len);
				if (newline)
					console->write("\n", 1);
			}
			return;
		}
	}
	console_close_line();

	size = ALIGN(sizeof(*msg) + len, 4);
	if (log_next_idx + size > LOG_BUF_LEN) {
		log_dropped++;
		return;
	}
	msg = log_at(log_next_idx);
	msg->ts_nsec = sched_clock();
	msg->level = level;
	msg->text_len = len;
	msg->len = size;
	msg->open = !newline;
	memcpy(log_text(msg), text, len);
	log_last_idx = log_next_idx;
	log_next_idx += size;

	if (console && !suppress(level)) {
		console_prefix(msg);
		console->write(text, len);
		if (newline)
			console->write("\n", 1);
	}
}

int vprintk(const char *fmt, va_list args)
{
	static char line[LOG_LINE_MAX];
	int level = LOGLEVEL_DEFAULT;
	bool cont = false;
	char *text, *nl;
	int n;

	n = vsnprintf(line, sizeof(line), fmt, args);
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;

	/* KERN_SOH + level digit (or 'c' for a continuation), as in Linux. */
	text = line;
	while (text[0] == KERN_SOH[0] && text[1]) {
		if (text[1] >= '0' && text[1] <= '7')
			level = text[1] - '0';
		else if (text[1] == 'c')
			cont = true;
		text += 2;
	}
	if (level == LOGLEVEL_DEFAULT) {
		if (cont && log_last_idx != ~0u)
			level = log_at(log_last_idx)->level;
		else
			level = MESSAGE_LOGLEVEL_DEFAULT;
	}

	/* One record per line; a message with several newlines makes several. */
	for (;;) {
		nl = strchr(text, '\n');
		if (!nl) {
			if (*text)
				log_store(level, cont, text, strlen(text), false);
			break;
		}
		log_store(level, cont, text, nl - text, true);
		cont = false;
		text = nl + 1;
		if (!*text)
			break;
	}
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

/**
 * register_console - start printing the log on @con
 *
 * Everything logged so far is printed first (subject to console_loglevel),
 * then the console gets each new message as it comes.  One console at a time.
 */
void register_console(struct console *con)
{
	u32 idx;

	console = con;
	for (idx = 0; idx < log_next_idx; idx += log_at(idx)->len) {
		struct printk_log *msg = log_at(idx);

		if (suppress(msg->level))
			continue;
		console_prefix(msg);
		con->write(log_text(msg), msg->text_len);
		if (!msg->open)
			con->write("\n", 1);
	}
	pr_info("printk: console [%s] enabled\n", con->name);
}

void console_flush(void)
{
	if (console && console->flush)
		console->flush();
}

void console_write(const char *s, unsigned int n)
{
	if (console)
		console->write(s, n);
}

/*
 * What the UART received since the last look goes behind what is already
 * waiting, so the reader gets every character in the order it was typed.
 * Characters lost on the way (a full buffer, the UART's overrun) are reported
 * here, by the reader, as Linux's n_tty reports them: not from the drivers,
 * which run inside printk's own console output.
 */
int console_read(char *s, unsigned int n)
{
	if (!console || !console->poll)
		return -1;
	console->poll();
	tty_buffer_report_overrun(&console_rx, console->name, sched_clock());
	return (int)tty_buffer_read(&console_rx, s, n);
}

/*
 * The log as dmesg reads it: every record, whatever its level.  Read-only: the
 * buffer is only ever appended to, so a position stays valid.
 */
bool printk_log_next(u32 *pos, struct printk_record *rec)
{
	struct printk_log *msg;

	if (*pos >= log_next_idx)
		return false;
	msg = log_at(*pos);
	rec->ts_nsec = msg->ts_nsec;
	rec->level = msg->level;
	rec->text = log_text(msg);
	rec->text_len = msg->text_len;
	*pos += msg->len;
	return true;
}

u32 printk_log_dropped(void)
{
	return log_dropped;
}

static int __init loglevel_setup(char *arg)
{
	if (!arg)
		return -1;
	console_loglevel = (int)simple_strtol(arg, NULL, 0);
	return 0;
}
early_param("loglevel", loglevel_setup);

static int __init quiet_setup(char *arg)
{
	(void)arg;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
early_param("quiet", quiet_setup);

static int __init debug_setup(char *arg)
{
	(void)arg;
	console_loglevel = CONSOLE_LOGLEVEL_DEBUG;
	return 0;
}
early_param("debug", debug_setup);

static int __init ignore_loglevel_setup(char *arg)
{
	(void)arg;
	ignore_loglevel = true;
	pr_info("printk: debug: ignoring loglevel setting.\n");
	return 0;
}
early_param("ignore_loglevel", ignore_loglevel_setup);

/*
 * console= and earlycon pick consoles in Linux.  bootmm has exactly one, the
 * arch's serial port, always on; it takes the options so that "Unknown kernel
 * command line parameters" names the same options Linux's does.
 */
static int __init console_setup(char *arg)
{
	(void)arg;
	return 0;
}
early_param("console", console_setup);
early_param("earlycon", console_setup);
