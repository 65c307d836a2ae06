// SPDX-License-Identifier: MIT
/*
 * setup_arch() for ARM: the architecture's part of the boot (Linux's
 * arch/arm/kernel/setup.c and devtree.c).
 *
 * Boot pipeline: head.S -> start_kernel() -> here.  The order matters: the
 * clock first, for timestamps; then the device tree QEMU passed in r2 (or the
 * one appended to the image, docs/device-tree.md), which names the machine,
 * holds the command line and describes memory (into memblock); then the early
 * options (quiet, loglevel=, mem=), which decide what the console shows; then
 * the console, which prints every line printk has kept so far.  Only then may
 * the boot stop on an error, so the reason is always on the screen; and only
 * then is what is in use reserved in memblock, where a mistake means a panic.
 * Should anything stop the boot before that — a CPU exception, a BUG() — the
 * report starts the console itself (arm_exception(), panic_early_console()),
 * so that no failure while reading the tree is silent.
 */
#include <kernel/bug.h>
#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/setup.h>

extern u32 boot_dtb_phys, boot_machine_nr;	/* saved by head.S */
extern u32 boot_loader_dtb_phys;		/* head.S: r2, if a tree appended to the image replaced it */
extern u32 boot_appended_dtb_refused;		/* head.S: the totalsize of an appended tree it did not take */
void arch_timer_init(void);			/* drivers/clocksource/arm_arch_timer.c */
void arm_memblock_init(void);			/* boot/arm/mm.c */
void pl011_early_init(void);			/* drivers/tty/serial/amba-pl011.c */
void psci_init(void);				/* boot/arm/reboot.c */

/* kernel/panic.c: a panic before setup_arch() starts the console starts it. */
void panic_early_console(void)
{
	pl011_early_init();
}

void __init setup_arch(void)
{
	bool have_dt;

	arch_timer_init();			/* the clock behind printk's timestamps */
#ifdef BOOTMM_TEST_EARLY_FAULT
	/*
	 * Only in the test kernel of tests/boot/cases_hostile.py
	 * (arm-hostile-early-fault): a data abort before the console is up,
	 * which arm_exception() must still report.
	 */
	(void)*(volatile u32 *)0;
#endif
#ifdef BOOTMM_TEST_R2
	/* Only in the test kernel of arm-hostile-r2-past-ram: a boot loader's r2 past the end of RAM. */
	boot_dtb_phys = BOOTMM_TEST_R2;
#endif
	/*
	 * Linux's arch/arm/boot/compressed/head.S skips an appended tree over
	 * 1 MiB ("assume it's garbage") in silence; the message is bootmm's.
	 */
	if (boot_appended_dtb_refused)
		pr_warn("OF: fdt: a device tree is appended to the image, but its totalsize (%u bytes) is not between 40 bytes and 1 MiB: ignored, r2's is used\n",
			boot_appended_dtb_refused);
	have_dt = early_init_dt_verify(boot_dtb_phys, boot_loader_dtb_phys);	/* r2's tree, or one appended to the image */
	if (have_dt) {
		pr_info("OF: fdt: Machine model: %s\n", of_flat_dt_get_machine_name());
		early_init_dt_scan_nodes(initial_boot_params);	/* /chosen (command line, initrd), memory nodes -> memblock */
	}
	parse_early_param();			/* loglevel=, quiet, mem=, ...: before the console shows anything */
	pl011_early_init();			/* the PL011: prints the log so far, then each line */
	if (!have_dt) {
		/* Linux's words for the same situation (arch/arm/kernel/setup.c). */
		pr_emerg("Error: invalid dtb and unrecognized/unsupported machine ID\n");
		pr_emerg("  r1=0x%08x, r2=0x%08x\n", boot_machine_nr,
			 boot_loader_dtb_phys ? boot_loader_dtb_phys : boot_dtb_phys);
		panic("no usable device tree: cannot find memory or the command line");
	}
	arm_memblock_init();			/* boot/arm/mm.c: reserve the kernel, initrd, page table, DTB, /reserved-memory */
	psci_init();				/* how to power off: PSCI, through hvc or smc */
}
