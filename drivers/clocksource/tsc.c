// SPDX-License-Identifier: MIT
/*
 * The x86 clock behind printk timestamps: the Time Stamp Counter, calibrated
 * against the PIT (Linux's arch/x86/kernel/tsc.c, pit_calibrate_tsc).
 *
 * Boot pipeline: started by setup_arch() right after the console, so every
 * later log line has a real time; the lines before it read 0.000000, as
 * Linux's first lines do.
 *
 * The TSC counts CPU cycles, but nothing tells us how many per second.  The
 * 8254 PIT does run at a known rate, 1.193182 MHz: we let its channel 2 count
 * down CAL_MS milliseconds (the counter's OUT pin, visible in bit 5 of port
 * 0x61, rises when it reaches zero) and count TSC cycles meanwhile.
 */
#include <asm/io.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/printk.h>

#define PIT_TICK_RATE	1193182u	/* Hz */
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61		/* bit 0: channel 2 gate, bit 1: speaker, bit 5: OUT2 */
#define CAL_MS		10

static u64 tsc_start;			/* the TSC when the clock started */
static unsigned long tsc_khz;		/* cycles per millisecond; 0: not calibrated */

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static unsigned long __init pit_calibrate_tsc(void)
{
	u32 latch = PIT_TICK_RATE / (1000 / CAL_MS);
	unsigned long spins = 0;
	u64 t1, t2;

	outb((inb(PIT_GATE) & ~0x02) | 0x01, PIT_GATE);	/* gate on, speaker off */
	outb(0xb0, PIT_MODE);		/* channel 2, lobyte/hibyte, mode 0, binary */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);

	t1 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))
		if (++spins > 100000000UL)	/* no PIT: do not hang the boot */
			return 0;
	t2 = rdtsc();
	return (unsigned long)((t2 - t1) / CAL_MS);
}

void __init tsc_init(void)
{
	tsc_start = rdtsc();
	tsc_khz = pit_calibrate_tsc();
	if (!tsc_khz) {
		pr_warn("tsc: Unable to calibrate against PIT; timestamps stay at 0\n");
		return;
	}
	pr_info("tsc: Detected %lu.%03lu MHz processor\n", tsc_khz / 1000, tsc_khz % 1000);
}

u64 sched_clock(void)
{
	if (!tsc_khz)
		return 0;
	/* ns = cycles * 10^6 / kHz; fine for centuries of uptime at GHz rates. */
	return (rdtsc() - tsc_start) * 1000000 / tsc_khz;
}
