// SPDX-License-Identifier: MIT
/*
 * panic(): stop with a reason (Linux's kernel/panic.c).
 *
 * A panic prints "Kernel panic - not syncing: <reason>" and Linux's closing
 * "---[ end Kernel panic ... ]---" line, then either waits forever (panic=0,
 * the default, so a student can read the screen and attach GDB) or, with
 * panic=N (N != 0) or poweroff on the command line, ends QEMU with exit status
 * PANIC_EXIT_STATUS so scripts and tests see the failure at once.
 */
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>

static long panic_timeout;	/* panic=: seconds before reboot; <0 at once; 0 never */

/*
 * Start the console if the arch has not yet (ARM: before setup_arch() does,
 * boot/arm/setup.c), so that a panic while reading the boot loader's tables
 * is printed, with the log kept so far.  Nothing to do by default.
 */
void __attribute__((weak)) panic_early_console(void)
{
}

void panic(const char *fmt, ...)
{
	static char buf[256];
	static bool in_panic;
	va_list args;

	if (in_panic)		/* a panic while panicking: just stop */
		machine_halt();
	in_panic = true;
	panic_early_console();

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);

	/* A real kernel would wait panic_timeout seconds; under QEMU, exit now. */
	if (panic_timeout != 0 || poweroff_requested)
		machine_exit(PANIC_EXIT_STATUS);
	machine_halt();
}

/*
 * panic=N.  Linux's is core_param(panic, panic_timeout, int): parse_args()
 * reads it with kstrtoint(), and a value that is not a whole number is
 * refused with "Booting kernel: `abc' invalid for parameter `panic'" and
 * panic_timeout keeps its value.  bootmm reads it early (a panic during
 * memory setup must already know it) but refuses with Linux's words, so
 * "panic=abc" is not a silent 0 and "panic=5s" not a silent 5.
 */
static int __init panic_setup(char *arg)
{
	int timeout;

	if (kstrtoint(arg, 0, &timeout)) {
		pr_err("Booting kernel: `%s' invalid for parameter `panic'\n", arg ? arg : "");
		return 0;	/* said already: no "Malformed early option" as well */
	}
	panic_timeout = timeout;
	return 0;
}
early_param("panic", panic_setup);
