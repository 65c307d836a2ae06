/* SPDX-License-Identifier: MIT */
/*
 * x86 port I/O (arch/x86/include/asm/io.h): the PC's legacy devices — the 16550
 * UART, the PIT, QEMU's debug-exit and ACPI ports — live in a separate 64 KiB
 * I/O address space reached with the in/out instructions.
 */
#ifndef BOOTMM_X86_IO_H
#define BOOTMM_X86_IO_H

#include <kernel/types.h>

static inline void outb(u8 value, u16 port)
{
	asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 value;

	asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outw(u16 value, u16 port)
{
	asm volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(u32 value, u16 port)
{
	asm volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

#endif
