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

static int __init panic_setup(char *arg)
{
	if (!arg)
		return -1;
	panic_timeout = simple_strtol(arg, NULL, 0);
	return 0;
}
early_param("panic", panic_setup);
