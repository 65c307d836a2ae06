// SPDX-License-Identifier: MIT
/*
 * The end of boot: what the kernel does once start_kernel() has nothing left.
 *
 * Linux would start init here (rest_init -> kernel_init).  bootmm has no user
 * space, so with "poweroff" on the command line it powers QEMU off (exit
 * status 0) — which is how `make run CMDLINE=poweroff`, scripts and tests read
 * a whole boot log and get control back — and otherwise it halts and waits.
 */
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>

bool poweroff_requested;

static int __init poweroff_setup(char *arg)
{
	(void)arg;
	poweroff_requested = true;
	return 0;
}
early_param("poweroff", poweroff_setup);

void kernel_finish_boot(void)
{
	if (poweroff_requested) {
		pr_emerg("reboot: Power down\n");	/* emergency level, as Linux: shown even with quiet */
		machine_power_off();
	}
	pr_notice("bootmm: boot finished; nothing more to run, halting (add 'poweroff' to the command line to exit QEMU)\n");
	machine_halt();
}
