// SPDX-License-Identifier: MIT
/*
 * start_kernel(): the boot, one step a line (Linux's init/main.c).
 *
 * The arch's entry code (boot/<arch>/head.S) has turned the MMU on, so the
 * kernel runs at PAGE_OFFSET with low memory mapped, and has set up a stack.
 * From here on the boot is C, and this function is its table of contents:
 * each line is one step, in the order Linux takes them, and each step lives
 * in the file its name suggests.
 */
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>
#include <kernel/setup.h>
#include <mm/numa.h>

void __init start_kernel(void)
{
	pr_notice("%s", linux_banner);		/* kernel/version.c: who we are */
	setup_arch();				/* boot/<arch>/setup.c: console, clock, boot info, memblock */
	numa_init();				/* mm/numa.c: a pglist_data for each node with memory */
	zone_sizes_init();			/* boot/<arch>/mm.c -> mm/mm_init.c: zones of each node */
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_kernel_params();			/* kernel/cmdline.c: the other options; unknown ones reported */
	kernel_finish_boot();			/* kernel/poweroff.c: power off or halt (no user space yet) */
}
