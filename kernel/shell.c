// SPDX-License-Identifier: MIT
/*
 * The serial shell: a prompt on the console once the boot is over.
 *
 * Boot pipeline: the very end.  start_kernel() -> kernel_finish_boot()
 * (kernel/poweroff.c) -> shell_run(), unless "poweroff" is on the command
 * line.  Linux would start init here (init/main.c: kernel_init), and a
 * student would then read /proc and /sys/kernel/debug from a user-space
 * shell; bootmm has no user space, so its commands are built into the kernel
 * and print what those files print, in their format (see `help`).
 *
 * This file is the shell itself: reading a line with simple editing, cutting
 * it into words, finding the command, and the commands that are not about
 * memory (dmesg, cmdline, halt, poweroff, reboot).  The memory commands live
 * in kernel/shell_mm.c, the buddy allocator's in kernel/shell_buddy.c.
 *
 * Input is polled: no interrupt is ever enabled in bootmm, so the shell asks
 * again and again whether a character has arrived (console_read()).  That
 * keeps one host CPU busy while QEMU sits at the prompt; a kernel with
 * interrupts would sleep in hlt/wfi until the UART raised one.
 *
 * The characters come from the console's receive buffer (<kernel/tty_flip.h>,
 * drivers/tty/tty_buffer.c), not straight from the UART: the serial driver has
 * been moving what the UART receives into it since the console came up, for
 * every character printed, and console_read() moves what has come since.  So
 * typeahead is kept, as by Linux's tty: a line typed during the boot, or a
 * whole script piped into `make run` (`printf 'meminfo\npoweroff\n' | make
 * run`), is read here in order, without anyone waiting for the prompt.  The
 * shell echoes each character as it reads it, so a piped session looks as if
 * typed at the prompt.  tests/boot/cases_shell.py drives it both ways: a line
 * after each prompt, and everything at once (the *-shell-pipe* cases).
 */
#include <string.h>
#include <kernel/console.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>
#include <kernel/shell.h>

#define SHELL_LINE_MAX	128	/* longer input rings the bell and is dropped */
#define SHELL_MAX_ARGS	8
#define SHELL_OUT_MAX	1100	/* one shell_printf(): a whole log record fits */

/* Control characters a terminal sends. */
#define CTRL(c)		((c) & 0x1f)
#define KEY_BS		0x08	/* Ctrl-H, what some terminals send for backspace */
#define KEY_DEL		0x7f	/* what most send for backspace */
#define KEY_ESC		0x1b

void shell_puts(const char *s)
{
	console_write(s, strlen(s));
}

void shell_printf(const char *fmt, ...)
{
	static char buf[SHELL_OUT_MAX];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	console_write(buf, n);
}

/* --- numbers ------------------------------------------------------------- */

bool shell_parse_u64(const char *s, u64 *val)
{
	unsigned int base = 10;
	u64 v = 0;

	if (!s || !*s)
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return false;
	}
	for (; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return false;
		if (v > (U64_MAX - d) / base)
			return false;		/* would not fit: refuse rather than wrap */
		v = v * base + d;
	}
	*val = v;
	return true;
}

bool shell_parse_ulong(const char *cmd, const char *what, const char *s, unsigned long *val)
{
	u64 v;

	if (!shell_parse_u64(s, &v)) {
		shell_printf("%s: %s '%s' is not a number (decimal, or hex with 0x)\n", cmd, what, s);
		return false;
	}
	if (v > ULONG_MAX) {
		shell_printf("%s: %s %s is too large (at most %#lx)\n", cmd, what, s, ULONG_MAX);
		return false;
	}
	*val = (unsigned long)v;
	return true;
}

/* --- reading a line -------------------------------------------------------- */

static inline void cpu_relax(void)
{
#if defined(__i386__)
	asm volatile("pause" ::: "memory");	/* a spin-wait hint, as Linux's cpu_relax() */
#elif defined(__arm__)
	asm volatile("yield" ::: "memory");
#endif
}

/* The next character typed, waiting for it.  -1 if the console cannot read. */
static int shell_getc(void)
{
	char c;
	int n;

	while ((n = console_read(&c, 1)) == 0)
		cpu_relax();
	return n < 0 ? -1 : (unsigned char)c;
}

/*
 * An escape sequence (an arrow key sends ESC [ A) ends at its first byte in
 * 0x40-0x7e.  There is no history to move through, so it is swallowed rather
 * than let "[A" into the line.
 */
static void skip_escape_sequence(void)
{
	int c = shell_getc();

	if (c != '[' && c != 'O')
		return;
	do
		c = shell_getc();
	while (c >= 0 && !(c >= 0x40 && c <= 0x7e));
}

/*
 * shell_readline - one line into @buf, echoed, with backspace, Ctrl-U (erase
 * the line) and Ctrl-C (abandon it).  A terminal sends CR for Enter, a script
 * LF, some CR LF: each ends the line, and an LF right after a CR is skipped.
 * Returns the length, or -1 if the console cannot read.
 */
static int shell_readline(char *buf, unsigned int size)
{
	static bool last_was_cr;
	unsigned int len = 0;

	for (;;) {
		int c = shell_getc();

		if (c < 0)
			return -1;
		if (c == '\n' && last_was_cr) {
			last_was_cr = false;
			continue;
		}
		last_was_cr = c == '\r';
		switch (c) {
		case '\r':
		case '\n':
			shell_puts("\n");
			buf[len] = '\0';
			return (int)len;
		case KEY_BS:
		case KEY_DEL:
			if (len) {
				len--;
				shell_puts("\b \b");	/* back, blank it out, back again */
			}
			break;
		case CTRL('u'):
			for (; len; len--)
				shell_puts("\b \b");
			break;
		case CTRL('c'):
			shell_puts("^C\n");
			buf[0] = '\0';
			return 0;
		case KEY_ESC:
			skip_escape_sequence();
			break;
		case '\t':
			c = ' ';
			/* fall through */
		default:
			if (c < ' ' || c > '~')
				break;			/* other control characters: ignored */
			if (len + 1 >= size) {
				shell_puts("\a");	/* full: the bell, as a terminal would */
				break;
			}
			buf[len++] = (char)c;
			console_write(&buf[len - 1], 1);
		}
	}
}

/* Cuts @line into words at spaces, in place; returns how many. */
static int shell_split(char *line, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		while (*line == ' ')
			*line++ = '\0';
		if (!*line)
			return argc;
		if (argc == max)
			return max + 1;		/* too many: the caller says so */
		argv[argc++] = line;
		while (*line && *line != ' ')
			line++;
	}
}

/* --- the core commands ------------------------------------------------------- */

static const struct shell_cmd shell_core_cmds[];
static const struct shell_cmd *const shell_tables[] = {
	shell_core_cmds, shell_mm_cmds,
#if SHELL_HAVE_BUDDY
	shell_buddy_cmds,
	shell_memory_cmds,
#endif
};

static const struct shell_cmd *shell_find(const char *name)
{
	for (unsigned int t = 0; t < ARRAY_SIZE(shell_tables); t++)
		for (const struct shell_cmd *cmd = shell_tables[t]; cmd->name; cmd++)
			if (!strcmp(cmd->name, name))
				return cmd;
	return NULL;
}

static void shell_usage(const struct shell_cmd *cmd)
{
	shell_printf("usage: %s%s%s\n", cmd->name, cmd->args ? " " : "", cmd->args ? cmd->args : "");
}

static int cmd_help(int argc, char **argv)
{
	if (argc == 2) {
		const struct shell_cmd *cmd = shell_find(argv[1]);

		if (!cmd) {
			shell_printf("help: no command '%s'\n", argv[1]);
			return SHELL_FAILED;
		}
		shell_usage(cmd);
		shell_printf("  %s\n", cmd->help);
		return 0;
	}
	shell_puts("bootmm shell: each command prints what the Linux file or tool it is named after\n"
		   "prints.  Numbers are decimal, or hex with 0x.  Keys: Backspace, Ctrl-U (erase\n"
		   "the line), Ctrl-C (drop it).  Quit QEMU with Ctrl-A x.\n");
	for (unsigned int t = 0; t < ARRAY_SIZE(shell_tables); t++) {
		for (const struct shell_cmd *cmd = shell_tables[t]; cmd->name; cmd++) {
			char head[40];

			snprintf(head, sizeof(head), "%s%s%s", cmd->name, cmd->args ? " " : "",
				 cmd->args ? cmd->args : "");
			shell_printf("  %-28s %s\n", head, cmd->help);
		}
	}
	return 0;
}

/* dmesg: every record of the log buffer, whatever console_loglevel hid. */
static int cmd_dmesg(int argc __maybe_unused, char **argv __maybe_unused)
{
	struct printk_record rec;
	u32 pos = 0;

	/* bootmm's own line: Linux's dmesg just starts at the oldest record left. */
	if (printk_log_dropped())
		shell_printf("dmesg: the %u oldest records were overwritten (the log buffer is a ring)\n",
			     printk_log_dropped());
	while (printk_log_next(&pos, &rec)) {
		unsigned long sec = (unsigned long)(rec.ts_nsec / 1000000000);
		unsigned long usec = (unsigned long)(rec.ts_nsec % 1000000000) / 1000;

		shell_printf("[%5lu.%06lu] ", sec, usec);
		console_write(rec.text, rec.text_len);
		shell_puts("\n");
	}
	return 0;
}

/* /proc/cmdline: the command line as the boot loader passed it. */
static int cmd_cmdline(int argc __maybe_unused, char **argv __maybe_unused)
{
	shell_printf("%s\n", boot_command_line);
	return 0;
}

/* The messages are Linux's (kernel/reboot.c, pr_fmt "reboot: "), printed as such. */
static int cmd_halt(int argc __maybe_unused, char **argv __maybe_unused)
{
	pr_emerg("reboot: System halted\n");
	shell_puts("(QEMU keeps running with the CPU stopped: quit it with Ctrl-A x)\n");
	console_flush();
	machine_halt();
}

static int cmd_poweroff(int argc __maybe_unused, char **argv __maybe_unused)
{
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}

static int cmd_reboot(int argc __maybe_unused, char **argv __maybe_unused)
{
	pr_emerg("reboot: Restarting system\n");
	console_flush();
	shell_machine_restart();
}

static const struct shell_cmd shell_core_cmds[] = {
	{ "help", "[command]", "this list, or one command's usage", cmd_help, 1 },
	{ "dmesg", NULL, "the kernel log buffer, every level (dmesg; kernel/printk)", cmd_dmesg, 0 },
	{ "cmdline", NULL, "the kernel command line (/proc/cmdline)", cmd_cmdline, 0 },
	{ "halt", NULL, "stop the CPU; QEMU stays until Ctrl-A x (halt -f)", cmd_halt, 0 },
	{ "poweroff", NULL, "power QEMU off: it exits with status 0 (poweroff -f)", cmd_poweroff, 0 },
	{ "reboot", NULL, "reset the machine; with -no-reboot (make run) QEMU exits (reboot -f)",
	  cmd_reboot, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

/* --- the loop ------------------------------------------------------------------ */

static void shell_execute(char *line)
{
	char *argv[SHELL_MAX_ARGS];
	const struct shell_cmd *cmd;
	int argc = shell_split(line, argv, SHELL_MAX_ARGS);

	if (argc == 0)
		return;
	if (argc > SHELL_MAX_ARGS) {
		shell_printf("bootmm: too many words (at most %d)\n", SHELL_MAX_ARGS);
		return;
	}
	cmd = shell_find(argv[0]);
	if (!cmd) {
		shell_printf("bootmm: unknown command '%s' (try 'help')\n", argv[0]);
		return;
	}
	if (argc - 1 > cmd->max_args || cmd->fn(argc, argv) == SHELL_USAGE)
		shell_usage(cmd);
}

void shell_run(void)
{
	static char line[SHELL_LINE_MAX];

	shell_puts("\nbootmm shell: 'help' lists the commands.\n");
	for (;;) {
		shell_puts(SHELL_PROMPT);
		if (shell_readline(line, sizeof(line)) < 0) {
			pr_emerg("bootmm: the console cannot read input; halting\n");
			machine_halt();
		}
		shell_execute(line);
	}
}
