// SPDX-License-Identifier: MIT
/*
 * Resetting the machine for the shell's `reboot` (Linux's machine_restart():
 * arch/x86/kernel/reboot.c's "kbd" method, drivers/firmware/psci/psci.c's
 * SYSTEM_RESET on ARM).
 *
 * Boot pipeline: none; only the shell (kernel/shell.c) resets the machine.
 * This is the one arch-specific piece of the shell, kept in one small file;
 * its natural home is boot/<arch>/reboot.c beside machine_power_off(), as a
 * machine_restart() in include/kernel/reboot.h.
 *
 * - x86: the 8042 keyboard controller's command 0xFE pulses the CPU's reset
 *   line, the oldest way to reset a PC and the one QEMU's pc machine always
 *   has.  Linux waits for the controller's input buffer to drain first.
 * - ARM: PSCI SYSTEM_RESET (function 0x84000009), through hvc or smc as the
 *   device tree's /psci "method" says, as boot/arm/reboot.c does for
 *   SYSTEM_OFF.
 *
 * `make run` starts QEMU with -no-reboot, so a reset makes QEMU exit (status
 * 0) rather than boot again: the same command that restarts a real machine
 * ends the session here.
 */
#include <kernel/console.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>
#include <kernel/shell.h>

#if defined(__i386__)
#include <asm/io.h>

#define KBD_STATUS_PORT		0x64
#define KBD_STAT_IBF		0x02	/* input buffer full: not ready for a command */
#define KBD_CMD_PULSE_RESET	0xfe

void shell_machine_restart(void)
{
	for (int tries = 0; tries < 10; tries++) {
		for (int spin = 0; spin < 100000 && (inb(KBD_STATUS_PORT) & KBD_STAT_IBF); spin++)
			;
		outb(KBD_CMD_PULSE_RESET, KBD_STATUS_PORT);
		for (volatile unsigned long spin = 0; spin < 10000000UL; spin++)
			;
	}
	pr_emerg("reboot: the keyboard controller did not reset the machine; halting\n");
	machine_halt();
}

#elif defined(__arm__)
#include <libfdt.h>
#include <string.h>
#include <kernel/of_fdt.h>

#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009

/* hvc unless the device tree says smc (QEMU virt without EL2/EL3: hvc). */
static bool psci_conduit_is_smc(void)
{
	const char *method = NULL;
	int node;

	if (!initial_boot_params)
		return false;
	node = fdt_node_offset_by_compatible(initial_boot_params, -1, "arm,psci-0.2");
	if (node < 0)
		node = fdt_path_offset(initial_boot_params, "/psci");
	if (node >= 0)
		method = fdt_getprop(initial_boot_params, node, "method", NULL);
	return method && !strcmp(method, "smc");
}

void shell_machine_restart(void)
{
	int ret;

	if (psci_conduit_is_smc())
		asm volatile(".arch_extension sec\n\tmov r0, %1\n\tsmc #0\n\tmov %0, r0"
			     : "=r"(ret) : "r"(PSCI_0_2_FN_SYSTEM_RESET) : "r0", "r1", "r2", "r3", "memory");
	else
		asm volatile(".arch_extension virt\n\tmov r0, %1\n\thvc #0\n\tmov %0, r0"
			     : "=r"(ret) : "r"(PSCI_0_2_FN_SYSTEM_RESET) : "r0", "r1", "r2", "r3", "memory");
	pr_emerg("reboot: PSCI SYSTEM_RESET returned %d; halting\n", ret);
	machine_halt();
}

#else
#error "shell_machine_restart: no reset method for this architecture"
#endif
