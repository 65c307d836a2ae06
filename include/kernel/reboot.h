/* SPDX-License-Identifier: MIT */
/*
 * Stopping the machine (include/linux/reboot.h).  The arch code implements these
 * for QEMU: on x86 ACPI power-off (exit status 0) and the isa-debug-exit port
 * (any odd status); on ARM PSCI SYSTEM_OFF (status 0) and semihosting SYS_EXIT.
 */
#ifndef BOOTMM_REBOOT_H
#define BOOTMM_REBOOT_H

#include <kernel/compiler.h>

/* QEMU's exit status after a panic, when the command line asks to exit. */
#define PANIC_EXIT_STATUS	3

__noreturn void machine_halt(void);		/* stop this CPU for good */
__noreturn void machine_power_off(void);	/* QEMU exits with status 0 */
__noreturn void machine_exit(int status);	/* QEMU exits with @status (odd on x86) */

/* kernel/poweroff.c: the end of boot, as the command line asks. */
extern bool poweroff_requested;
__noreturn void kernel_finish_boot(void);

#endif
