// SPDX-License-Identifier: MIT
/*
 * Stopping a PC under QEMU (Linux's arch/x86/kernel/reboot.c, for the two ways
 * QEMU offers).
 *
 * - machine_power_off(): ACPI soft-off.  SeaBIOS puts the PIIX4 power-management
 *   registers at I/O port 0x600; writing SLP_TYP=0 with SLP_EN (bit 13) to
 *   PM1a_CNT (0x604) enters S5 and QEMU exits with status 0.  Linux reads the
 *   port and SLP_TYP from the ACPI tables; these are the values QEMU's pc
 *   machine always has.
 * - machine_exit(status): QEMU's isa-debug-exit device at port 0xf4 (added by
 *   `make run` and the tests) ends QEMU with status (v << 1) | 1 for a write of
 *   v, so only odd statuses can be made.  Without the device the write does
 *   nothing and we halt instead: a silent exit 0 after a failure would be worse.
 */
#include <asm/io.h>
#include <kernel/console.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>

#define ACPI_PM1A_CNT		0x604
#define ACPI_SLP_EN		(1 << 13)
#define ISA_DEBUG_EXIT_PORT	0xf4

void machine_halt(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

void machine_power_off(void)
{
	console_flush();
	outw(ACPI_SLP_EN, ACPI_PM1A_CNT);
	/* QEMU acts on the request from its main loop: give it a moment. */
	for (volatile unsigned long spin = 0; spin < 50000000UL; spin++)
		;
	pr_emerg("reboot: ACPI power-off did not work; halting\n");
	machine_halt();
}

void machine_exit(int status)
{
	console_flush();
	outl((u32)status >> 1, ISA_DEBUG_EXIT_PORT);
	for (volatile unsigned long spin = 0; spin < 50000000UL; spin++)
		;
	pr_emerg("reboot: no isa-debug-exit device to report status %d; halting\n", status);
	machine_halt();
}
