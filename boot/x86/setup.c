// SPDX-License-Identifier: MIT
/*
 * setup_arch() for x86: the architecture's part of the boot (Linux's
 * arch/x86/kernel/setup.c).
 *
 * Boot pipeline: head.S -> start_kernel() -> here.  The order matters: the
 * clock first, for timestamps; then the multiboot hand-over, which gives the
 * command line; then the early options (quiet, loglevel=), which decide what
 * the console shows; then the console, which prints every line printk has kept
 * so far and each new one.  Only then may the boot stop on an error, so the
 * reason is always on the screen.
 */
#include <asm/page.h>
#include <boot/multiboot.h>
#include <kernel/bug.h>
#include <kernel/params.h>
#include <kernel/setup.h>

extern u32 boot_magic, boot_info;		/* saved by head.S */
void early_serial_init(void);			/* drivers/tty/serial/8250_early.c */
void tsc_init(void);				/* drivers/clocksource/tsc.c */

static struct multiboot_boot mb __initdata;

void __init setup_arch(void)
{
	tsc_init();				/* the clock behind printk's timestamps */
	if (multiboot_parse(boot_magic, boot_info, &mb) == 0)
		set_boot_command_line(mb.cmdline);
	parse_early_param();			/* loglevel=, quiet, ...: before the console shows anything */
	early_serial_init();			/* COM1: prints the log so far, then each line */
	if (mb.version == 0)
		panic("multiboot: cannot continue without the loader's boot information");
}
