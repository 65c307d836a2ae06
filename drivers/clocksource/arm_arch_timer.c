// SPDX-License-Identifier: MIT
/*
 * The ARM clock behind printk timestamps: the generic timer's virtual counter
 * (Linux's drivers/clocksource/arm_arch_timer.c).
 *
 * Boot pipeline: started first thing in setup_arch(), so every later log line
 * has a real time.  Unlike the x86 TSC this counter comes with its frequency:
 * firmware (here QEMU) writes it to CNTFRQ, 62.5 MHz on virt.  CNTVCT, the
 * 64-bit count, is read with one mrrc instruction; the isb before it keeps the
 * CPU from reading the counter early, out of program order.
 */
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/printk.h>

static u64 counter_start;
static u32 arch_timer_rate;		/* Hz; 0: not started */

static inline u64 arch_counter_get_cntvct(void)
{
	u32 lo, hi;

	asm volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((u64)hi << 32) | lo;
}

void __init arch_timer_init(void)
{
	u32 rate;

	asm volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(rate));	/* CNTFRQ */
	if (!rate) {
		pr_warn("arch_timer: frequency not available; timestamps stay at 0\n");
		return;
	}
	counter_start = arch_counter_get_cntvct();
	arch_timer_rate = rate;
	pr_info("arch_timer: cp15 timer(s) running at %lu.%02luMHz (virt).\n",
		(unsigned long)(rate / 1000000), (unsigned long)(rate / 10000 % 100));
}

u64 sched_clock(void)
{
	u64 cyc;

	if (!arch_timer_rate)
		return 0;
	cyc = arch_counter_get_cntvct() - counter_start;
	/* Whole seconds and the rest apart, so cyc * 10^9 cannot overflow. */
	return cyc / arch_timer_rate * 1000000000ULL +
	       cyc % arch_timer_rate * 1000000000ULL / arch_timer_rate;
}
