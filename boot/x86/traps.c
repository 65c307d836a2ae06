// SPDX-License-Identifier: MIT
/*
 * Reporting CPU exceptions on x86 (Linux's arch/x86/kernel/traps.c, idt.c and
 * arch/x86/mm/fault.c, reduced to their messages).
 *
 * Boot pipeline: setup_arch() calls trap_init() first thing, so that from then
 * on a fault is reported instead of ending in a triple fault — which resets
 * the machine, and with QEMU's -no-reboot just makes QEMU exit in silence.
 * bootmm expects no exception at all: each is a bug (a NULL pointer, a jump
 * into freed __init memory) and is reported in Linux's words, then panics.
 */
#include <asm/page.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/types.h>
#include <mm/initmem.h>

/* The stack as boot/x86/entry.S leaves it: pushal, vector, error code, CPU frame. */
struct exception_frame {
	u32 edi, esi, ebp, esp, ebx, edx, ecx, eax;
	u32 vector, error_code;
	u32 eip, cs, eflags;
};

/* An interrupt gate: handler address split in two, code segment, type and present bit. */
struct idt_gate {
	u16 offset_low;
	u16 segment;
	u8 zero;
	u8 type_attr;		/* 0x8e: present, ring 0, 32-bit interrupt gate */
	u16 offset_high;
} __packed;

static struct idt_gate idt_table[32] __aligned(8);
extern const u32 exception_stubs[32];	/* boot/x86/entry.S */

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "reserved",
	"coprocessor error", "alignment check", "machine check", "SIMD exception",
	"virtualization exception", "control protection", [22 ... 31] = "reserved",
};

void __init trap_init(void)
{
	struct {
		u16 limit;
		u32 base;
	} __packed idtr = { sizeof(idt_table) - 1, (u32)idt_table };

	for (int v = 0; v < 32; v++) {
		idt_table[v].offset_low = exception_stubs[v] & 0xffff;
		idt_table[v].offset_high = exception_stubs[v] >> 16;
		idt_table[v].segment = 0x08;	/* head.S's code segment */
		idt_table[v].type_attr = 0x8e;
	}
	asm volatile("lidt %0" : : "m"(idtr));
}

void do_exception(struct exception_frame *regs)
{
	const char *name = exception_names[regs->vector & 31];

	if (regs->vector == 14) {		/* the faulting address is in CR2 */
		u32 cr2;

		asm volatile("mov %%cr2, %0" : "=r"(cr2));
		pr_alert("BUG: unable to handle page fault for address: %08x\n", cr2);
		pr_alert("#PF: supervisor %s access in kernel mode\n",
			 regs->error_code & 16 ? "instruction fetch" :
			 regs->error_code & 2 ? "write" : "read");
	} else if (regs->vector == 3 && in_freed_initmem(regs->eip - 1)) {
		/* int3 (0xcc) is what free_initmem() filled the __init sections with. */
		pr_alert("BUG: kernel tried to execute freed __init memory at %08x\n", regs->eip - 1);
		pr_alert("free_initmem() gave the __init sections to the page allocator and filled them with int3: an __init function was called after boot\n");
	} else if (regs->vector == 3 || regs->vector == 6) {
		pr_alert("BUG: %s at %08x: executing corrupted code?\n", name,
			 regs->eip - (regs->vector == 3));
	}
	pr_emerg("%s: %04x [#1] PREEMPT SMP\n", name, regs->error_code);
	pr_emerg("EIP: %08x EFLAGS: %08x CS: %04x\n", regs->eip, regs->eflags, regs->cs);
	pr_emerg("EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n", regs->eax, regs->ebx, regs->ecx, regs->edx);
	pr_emerg("ESI: %08x EDI: %08x EBP: %08x\n", regs->esi, regs->edi, regs->ebp);
	panic("Fatal exception: %s", name);
}
