// SPDX-License-Identifier: MIT
/*
 * The end of boot: what the kernel does once start_kernel() has nothing left.
 *
 * Linux would start init here (rest_init -> kernel_init).  bootmm has no user
 * space, so with "poweroff" on the command line it powers QEMU off (exit
 * status 0) — which is how `make run CMDLINE=poweroff`, scripts and tests read
 * a whole boot log and get control back — and otherwise it starts the serial
 * shell (kernel/shell.c), where a student reads the kernel's memory state
 * with commands named after Linux's /proc and debugfs files.
 */
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>
#include <kernel/shell.h>
#include <mm/initmem.h>
#include <mm/page_alloc.h>

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
	shell_save_boot_state();	/* memblock is __initdata: the shell keeps a copy first */
	free_initmem();			/* mm/initmem.c: nothing __init runs after this */
	drain_all_pages(NULL);		/* per-CPU list pages back to the free lists: all views agree */
	if (poweroff_requested) {
		pr_emerg("reboot: Power down\n");	/* emergency level, as Linux: shown even with quiet */
		machine_power_off();
	}
	pr_notice("bootmm: boot finished; starting the shell (add 'poweroff' to the command line to exit QEMU instead)\n");
	shell_run();
}
