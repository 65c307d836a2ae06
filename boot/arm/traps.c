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
 *
 * An exception may come before setup_arch() has started the console (a
 * device tree that lies, libfdt reading where it should not): the report then
 * starts the PL011 itself, which prints the log kept so far and the report,
 * as Linux's earlycon would.  No early fault is silent.
 *
 * One fault is expected: a data abort on arm_probe_read_u32(), which reads a
 * word that may not exist (r2 past the end of RAM is still inside head.S's
 * 768 MiB map, and QEMU answers a read of unbacked addresses with an external
 * abort).  Its fixup address is in arm_fault_fixup; the handler resumes
 * there and the probe returns -EFAULT (Linux's exception tables, one entry).
 */
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <mm/initmem.h>

void pl011_early_init(void);		/* drivers/tty/serial/amba-pl011.c */
bool pl011_console_enabled(void);

/* Where a probing load resumes if it aborts; 0 when no probe is running. */
static volatile u32 arm_fault_fixup;

/**
 * arm_probe_read_u32 - read a word that may not be there
 * @addr: a mapped virtual address (a fault on an unmapped one is caught too)
 * @val: gets the word
 *
 * Return: 0, or -EFAULT if the load took a data abort.
 */
int noinline arm_probe_read_u32(const volatile u32 *addr, u32 *val)
{
	u32 v = 0;
	int failed = 0;

	/*
	 * On an abort the vector saves every register as it is at label 1,
	 * arm_exception() puts pc at label 2 and the vector restores them:
	 * so failed is still 0 there, and becomes 1.
	 */
	asm volatile("	adr	ip, 2f\n"
		     "	str	ip, [%[fix]]\n"
		     "1:	ldr	%[v], [%[addr]]\n"
		     "	b	3f\n"
		     "2:	mov	%[failed], #1\n"
		     "3:	mov	ip, #0\n"
		     "	str	ip, [%[fix]]\n"
		     : [v] "+r"(v), [failed] "+r"(failed)
		     : [addr] "r"(addr), [fix] "r"(&arm_fault_fixup)
		     : "ip", "memory");
	if (failed)
		return -EFAULT;
	*val = v;
	return 0;
}

static const char *const exception_names[] = {
	"reset", "undefined instruction", "supervisor call (SVC)", "prefetch abort",
	"data abort", "reserved", "IRQ", "FIQ",
};

struct exception_regs {
	u32 r[13];		/* r0-r12, pushed by the vector */
	u32 lr;			/* the interrupted SVC code's lr */
	u32 pc;			/* the faulting instruction (lr, corrected) */
	u32 cpsr;		/* the interrupted mode's status register (spsr) */
};

void arm_exception(int type, struct exception_regs *regs)
{
	u32 far = 0, fsr = 0;

	if (type == 4 && arm_fault_fixup) {	/* a probe's load: resume at its fixup */
		regs->pc = arm_fault_fixup;
		arm_fault_fixup = 0;
		return;
	}
	/* Before setup_arch() started the console: start it now, or the report is lost. */
	if (!pl011_console_enabled()) {
		pl011_early_init();
		pr_emerg("Exception before the console was started: the console is up now, to report it\n");
	}

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
