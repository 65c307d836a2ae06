// SPDX-License-Identifier: MIT
/*
 * Reporting CPU exceptions on ARM (Linux's arch/arm/kernel/traps.c and
 * arch/arm/mm/fault.c, reduced to their messages).
 *
 * Boot pipeline: head.S points VBAR at its vector table before start_kernel();
 * every exception lands in arm_exception() with the interrupted registers.
 * bootmm expects none — no interrupts are enabled, no user space runs — so
 * each is a bug: a NULL pointer, a jump into freed __init memory, a semihosting
 * call without semihosting.  The report names the fault in Linux's words,
 * with the fault address and status registers, and panics.
 */
#include <kernel/bug.h>
#include <kernel/printk.h>
#include <mm/initmem.h>

static const char *const exception_names[] = {
	"reset", "undefined instruction", "supervisor call (SVC)", "prefetch abort",
	"data abort", "reserved", "IRQ", "FIQ",
};

struct exception_regs {
	u32 r[13];		/* r0-r12, pushed by the vector */
	u32 pc;			/* the faulting instruction (lr, corrected) */
	u32 cpsr;		/* the interrupted mode's status register (spsr) */
};

void arm_exception(int type, struct exception_regs *regs)
{
	u32 far = 0, fsr = 0;

	if (type == 3) {		/* prefetch abort: IFAR / IFSR */
		asm volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(far));
		asm volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(fsr));
	} else if (type == 4) {		/* data abort: DFAR / DFSR */
		asm volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(far));
		asm volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(fsr));
	}
	if (type == 1 && in_freed_initmem(regs->pc)) {
		/* udf is what free_initmem() filled the __init sections with. */
		pr_alert("BUG: kernel tried to execute freed __init memory at %08x\n", regs->pc);
		pr_alert("free_initmem() gave the __init sections to the page allocator and filled them with udf: an __init function was called after boot\n");
	}
	if (type == 3 || type == 4)
		pr_alert("Unable to handle kernel paging request at virtual address %08x\n", far);
	pr_emerg("Internal error: %s: fsr %08x [#1] ARM\n", exception_names[type & 7], fsr);
	pr_emerg("PC is at %08x, CPSR %08x\n", regs->pc, regs->cpsr);
	pr_emerg("r0 : %08x  r1 : %08x  r2 : %08x  r3 : %08x\n",
		 regs->r[0], regs->r[1], regs->r[2], regs->r[3]);
	panic("Fatal exception: %s", exception_names[type & 7]);
}
