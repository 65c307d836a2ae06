// SPDX-License-Identifier: MIT
/*
 * printk: the kernel log (Linux's kernel/printk/printk.c, in the simpler record
 * format Linux used from 3.5 to 5.9).
 *
 * Every message becomes a record in __log_buf: a struct printk_log header
 * (timestamp, level, length) followed by the text of one line, without the
 * newline.  The buffer is a ring, as Linux's was: records run from
 * log_first_idx to log_next_idx, numbered log_first_seq to log_next_seq; a
 * record that does not fit before the end of the array goes to its start, left
 * behind by a header of len 0 (the wrap mark), and the oldest records are
 * dropped to make room (log_make_free_space()).  So a full buffer loses its
 * oldest lines, never the newest, and the console keeps getting every new one.
 * The buffer is a plain array so GDB can read it (scripts/gdb/, mm-dmesg).
 *
 * Messages go to the console as they arrive, if one is registered and their
 * level is below console_loglevel.  Before the first console exists they wait
 * in the buffer and register_console() prints them, so that options parsed
 * early (quiet, loglevel=) decide even about the first lines, as in Linux.
 */
#include <string.h>
#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/tty_flip.h>

#define LOG_BUF_LEN	(1 << 17)	/* Debian's CONFIG_LOG_BUF_SHIFT=17 */
#define LOG_LINE_MAX	1024
#define LOG_ALIGN	__alignof__(struct printk_log)	/* as Linux: records keep their u64 aligned */

struct printk_log {
	u64 ts_nsec;		/* sched_clock() when the line began */
	u16 len;		/* whole record, header + text, rounded up to LOG_ALIGN; 0: wrap mark */
	u16 text_len;
	u8 level;		/* 0 (emerg) .. 7 (debug) */
	u8 open;		/* 1 while the line has no newline yet (KERN_CONT may follow) */
} __aligned(4);

char __log_buf[LOG_BUF_LEN] __aligned(4);
u32 log_first_idx;		/* the oldest record */
u32 log_next_idx;		/* where the next record goes */
u32 log_first_seq;		/* the oldest record's number (= records dropped so far) */
u32 log_next_seq;		/* the next record's number */
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

/* The record after the one at @idx: past a wrap mark (len 0), the array's start. */
static u32 log_next(u32 idx)
{
	if (log_at(idx)->len == 0)
		return log_at(0)->len;
	return idx + log_at(idx)->len;
}

/* The index of the record at @idx itself, if @idx is a wrap mark. */
static u32 log_resolve(u32 idx)
{
	return log_at(idx)->len == 0 ? 0 : idx;
}

/*
 * Room for @size bytes at log_next_idx, with a header's worth to spare for a
 * wrap mark (Linux's logbuf_has_space()).  With records in the ring, the free
 * space is either after the newest (up to the end, or from the start up to
 * the oldest once wrapped) or between the newest and the oldest.
 */
static bool logbuf_has_space(u32 size, bool empty)
{
	u32 free;

	if (log_next_idx > log_first_idx || empty)
		free = max_t(u32, LOG_BUF_LEN - log_next_idx, log_first_idx);
	else
		free = log_first_idx - log_next_idx;
	return free >= size + sizeof(struct printk_log);
}

/* Drop the oldest records until @size bytes fit (Linux's log_make_free_space()). */
static void log_make_free_space(u32 size)
{
	while (log_first_seq < log_next_seq && !logbuf_has_space(size, false)) {
		if (log_first_idx == log_last_idx)
			log_last_idx = ~0u;	/* the open line goes too: no KERN_CONT into it */
		log_first_idx = log_next(log_first_idx);
		log_first_seq++;
	}
	if (log_first_seq == log_next_seq)	/* empty: start again at the array's start */
		log_first_idx = log_next_idx = 0;
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

/* A new record for @len bytes of @text, the oldest dropped to make room. */
static struct printk_log *log_put(int level, u64 ts_nsec, const char *text, u16 len, bool open)
{
	struct printk_log *msg;
	u32 size = ALIGN(sizeof(*msg) + len, LOG_ALIGN);

	log_make_free_space(size);
	if (log_next_idx + size + sizeof(*msg) > LOG_BUF_LEN) {
		/* No room before the end (with a header to spare): wrap mark, then the start. */
		memset(log_at(log_next_idx), 0, sizeof(*msg));
		log_next_idx = 0;
	}
	msg = log_at(log_next_idx);
	msg->ts_nsec = ts_nsec;
	msg->level = level;
	msg->text_len = len;
	msg->len = size;
	msg->open = open;
	memmove(log_text(msg), text, len);
	log_last_idx = log_next_idx;
	log_next_idx += size;
	log_next_seq++;
	return msg;
}

/*
 * KERN_CONT text goes into the newest record while it is open.  In place if
 * the bytes after it are free (once wrapped, the oldest records there make
 * way); otherwise, at the array's end, the line moves to a new record with
 * the same timestamp, so a line is one record however the ring turns.
 */
static bool log_extend(const char *text, u16 len, bool newline)
{
	static char line[2 * LOG_LINE_MAX];
	struct printk_log *msg = log_at(log_last_idx);
	u32 size = ALIGN(sizeof(*msg) + msg->text_len + len, LOG_ALIGN);
	u32 limit;

	if (msg->text_len + len > sizeof(line))
		return false;			/* a line this long: a new record */
	while (log_first_seq + 1 < log_next_seq && log_last_idx < log_first_idx &&
	       log_first_idx - log_last_idx < size + sizeof(*msg)) {
		log_first_idx = log_next(log_first_idx);
		log_first_seq++;
	}
	limit = log_last_idx < log_first_idx ? log_first_idx : LOG_BUF_LEN;
	if (log_last_idx + size + sizeof(*msg) <= limit) {
		memcpy(log_text(msg) + msg->text_len, text, len);
		msg->text_len += len;
		msg->len = size;
		log_next_idx = log_last_idx + size;
		msg->open = !newline;
	} else {
		u16 old = msg->text_len;
		int level = msg->level;
		u64 ts = msg->ts_nsec;

		memcpy(line, log_text(msg), old);
		memcpy(line + old, text, len);
		log_next_idx = log_last_idx;	/* take the record back ... */
		log_next_seq--;
		log_last_idx = ~0u;
		if (log_first_seq == log_next_seq)
			log_first_idx = log_next_idx = 0;
		log_put(level, ts, line, old + len, !newline);	/* ... and store it again */
		msg = log_at(log_last_idx);
	}
	if (console && !suppress(msg->level)) {
		console->write(text, len);
		if (newline)
			console->write("\n", 1);
	}
	return true;
}

static void log_store(int level, bool cont, const char *text, u16 len, bool newline)
{
	struct printk_log *msg;

	if (cont && log_last_idx != ~0u && log_at(log_last_idx)->open &&
	    log_extend(text, len, newline))
		return;
	console_close_line();

	msg = log_put(level, sched_clock(), text, len, !newline);
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
	u32 idx = log_first_idx;

	console = con;
	for (u32 seq = log_first_seq; seq < log_next_seq; seq++, idx = log_next(idx)) {
		struct printk_log *msg = log_at(log_resolve(idx));

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
 * The log as dmesg reads it: every record, whatever its level.  *pos is a
 * record number; one the ring has dropped since reads on from the oldest
 * still there.  The reader's place is cached, so reading the whole log is one
 * walk, not one per record.
 */
bool printk_log_next(u32 *pos, struct printk_record *rec)
{
	static u32 cached_seq = ~0u, cached_idx;
	struct printk_log *msg;
	u32 idx;

	if (*pos < log_first_seq)
		*pos = log_first_seq;
	if (*pos >= log_next_seq)
		return false;
	if (*pos == cached_seq) {
		idx = cached_idx;
	} else {
		idx = log_first_idx;
		for (u32 seq = log_first_seq; seq < *pos; seq++)
			idx = log_next(idx);
	}
	idx = log_resolve(idx);
	msg = log_at(idx);
	rec->ts_nsec = msg->ts_nsec;
	rec->level = msg->level;
	rec->text = log_text(msg);
	rec->text_len = msg->text_len;
	(*pos)++;
	cached_seq = *pos;
	cached_idx = log_next(idx);
	return true;
}

/* Records the ring has dropped to make room for newer ones. */
u32 printk_log_dropped(void)
{
	return log_first_seq;
}

/*
 * loglevel=N.  As Linux's loglevel(): only a number changes console_loglevel,
 * so "loglevel=abc" or "loglevel=" cannot set it to 0 and silence the boot
 * (and a later panic); parse_param_table() prints "Malformed early option
 * 'loglevel'" for the -EINVAL and the level stays what it was.
 */
static int __init loglevel_setup(char *arg)
{
	int newlevel;

	if (get_option(&arg, &newlevel)) {
		console_loglevel = newlevel;
		return 0;
	}
	return -EINVAL;
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
