// SPDX-License-Identifier: MIT
/*
 * setup_arch() for ARM: the architecture's part of the boot (Linux's
 * arch/arm/kernel/setup.c and devtree.c).
 *
 * Boot pipeline: head.S -> start_kernel() -> here.  The order matters: the
 * clock first, for timestamps; then the device tree QEMU passed in r2, which
 * names the machine and holds the command line; then the early options (quiet,
 * loglevel=), which decide what the console shows; then the console, which
 * prints every line printk has kept so far.  Only then may the boot stop on an
 * error, so the reason is always on the screen.
 */
#include <kernel/bug.h>
#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/setup.h>

extern u32 boot_dtb_phys, boot_machine_nr;	/* saved by head.S */
void arch_timer_init(void);			/* drivers/clocksource/arm_arch_timer.c */
void pl011_early_init(void);			/* drivers/tty/serial/amba-pl011.c */
void psci_init(void);				/* boot/arm/reboot.c */

void __init setup_arch(void)
{
	bool have_dt;

	arch_timer_init();			/* the clock behind printk's timestamps */
	have_dt = early_init_dt_verify(boot_dtb_phys);
	if (have_dt) {
		pr_info("OF: fdt: Machine model: %s\n", of_flat_dt_get_machine_name());
		set_boot_command_line(early_init_dt_scan_chosen());
	}
	parse_early_param();			/* loglevel=, quiet, ...: before the console shows anything */
	pl011_early_init();			/* the PL011: prints the log so far, then each line */
	if (!have_dt) {
		/* Linux's words for the same situation (arch/arm/kernel/setup.c). */
		pr_emerg("Error: invalid dtb and unrecognized/unsupported machine ID\n");
		pr_emerg("  r1=0x%08x, r2=0x%08x\n", boot_machine_nr, boot_dtb_phys);
		panic("no usable device tree: cannot find memory or the command line");
	}
	psci_init();				/* how to power off: PSCI, through hvc or smc */
}
