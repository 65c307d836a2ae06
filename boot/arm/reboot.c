// SPDX-License-Identifier: MIT
/*
 * Stopping the virt machine (Linux's drivers/firmware/psci/psci.c for power-off,
 * and ARM's semihosting interface for an exit status).
 *
 * - machine_power_off(): PSCI SYSTEM_OFF, the firmware call real ARM boards use.
 *   QEMU implements PSCI itself; the device tree's /psci "method" says whether
 *   the call is made with hvc or smc (on virt without EL2/EL3: hvc).  QEMU
 *   exits with status 0.
 * - machine_exit(status): semihosting SYS_EXIT_EXTENDED, which QEMU honours when
 *   started with -semihosting-config enable=on (make run does): r0 = 0x20,
 *   r1 -> { ADP_Stopped_ApplicationExit, status }, then "svc 0x123456" in ARM
 *   state.  Without semihosting the svc lands in boot/arm/traps.c, which says so.
 */
#include <libfdt.h>
#include <string.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/of_fdt.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>

#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define SYS_EXIT_EXTENDED		0x20
#define ADP_Stopped_ApplicationExit	0x20026

static bool psci_use_smc;

void __init psci_init(void)
{
	int node = fdt_node_offset_by_compatible(initial_boot_params, -1, "arm,psci-0.2");
	const char *method;

	pr_info("psci: probing for conduit method from DT.\n");
	if (node < 0)
		node = fdt_path_offset(initial_boot_params, "/psci");
	method = node < 0 ? NULL : fdt_getprop(initial_boot_params, node, "method", NULL);
	if (!method) {
		pr_warn("psci: no /psci method in the device tree; trying hvc\n");
		return;
	}
	psci_use_smc = strcmp(method, "smc") == 0;
}

void machine_halt(void)
{
	for (;;)
		asm volatile("cpsid if\n\twfi");
}

/*
 * The call number goes in r0 and the result comes back there; r1-r3 may be
 * changed too.  Explicit movs, because a "register asm" variable does not
 * survive a function call made between its assignment and the asm.
 */
static int psci_system_off(void)
{
	int ret;

	if (psci_use_smc)
		asm volatile(".arch_extension sec\n\tmov r0, %1\n\tsmc #0\n\tmov %0, r0"
			     : "=r"(ret) : "r"(PSCI_0_2_FN_SYSTEM_OFF) : "r0", "r1", "r2", "r3", "memory");
	else
		asm volatile(".arch_extension virt\n\tmov r0, %1\n\thvc #0\n\tmov %0, r0"
			     : "=r"(ret) : "r"(PSCI_0_2_FN_SYSTEM_OFF) : "r0", "r1", "r2", "r3", "memory");
	return ret;
}

void machine_power_off(void)
{
	console_flush();
	pr_emerg("reboot: PSCI SYSTEM_OFF returned %d; halting\n", psci_system_off());
	machine_halt();
}

void machine_exit(int status)
{
	static u32 block[2];

	console_flush();
	block[0] = ADP_Stopped_ApplicationExit;
	block[1] = (u32)status;
	asm volatile("mov r0, %0\n\tmov r1, %1\n\tsvc 0x123456"
		     : : "r"(SYS_EXIT_EXTENDED), "r"(block) : "r0", "r1", "memory");
	pr_emerg("reboot: semihosting exit returned; halting\n");
	machine_halt();
}
