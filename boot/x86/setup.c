// SPDX-License-Identifier: MIT
/*
 * setup_arch() for x86: the architecture's part of the boot (Linux's
 * arch/x86/kernel/setup.c).
 *
 * Boot pipeline: head.S -> start_kernel() -> here, one step a line, in the
 * order Linux takes them.  The clock comes first, for timestamps; then the
 * multiboot hand-over, which gives the command line and the memory map; the
 * early options (quiet, loglevel=, mem=, memmap=) are read before the console
 * starts, since they decide what it shows — printk keeps every line until
 * then and the console replays them.  Only after that may the boot stop on an
 * error, so the reason is always on the screen.  The memory map then goes
 * from the firmware's table, through the BIOS quirks, into memblock.
 */
#include <asm/page.h>
#include <boot/e820.h>
#include <boot/multiboot.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <kernel/params.h>
#include <kernel/setup.h>
#include <mm/memblock.h>

extern u32 boot_magic, boot_info;		/* saved by head.S */
void early_serial_init(void);			/* drivers/tty/serial/8250_early.c */
void tsc_init(void);				/* drivers/clocksource/tsc.c */
void trap_init(void);				/* boot/x86/traps.c */
void early_reserve_memory(const struct multiboot_boot *boot);	/* boot/x86/reserve.c */
void reserve_real_mode(void);			/* boot/x86/reserve.c */
void find_low_pfn_range(void);			/* boot/x86/mm.c */
void initmem_init(void);			/* boot/x86/mm.c */

static struct multiboot_boot mb __initdata;

/*
 * The kernel is running from its image, so that range is RAM whatever the
 * table says — after memmap=exactmap or a memmap=…$… over it, for instance.
 * Linux's e820_add_kernel_range(): complain and make it RAM again.
 */
static void __init e820_add_kernel_range(void)
{
	u64 start = __pa(_text), size = __pa(_end) - start;

	if (e820__mapped_all(start, start + size, E820_TYPE_RAM))
		return;
	pr_warn(".text .data .bss are not marked as E820_TYPE_RAM!\n");
	e820__range_remove(start, size, E820_TYPE_RAM, false);
	e820__range_add(start, size, E820_TYPE_RAM);
}

void __init setup_arch(void)
{
	trap_init();				/* traps.c: faults are reported, not a silent reset */
	tsc_init();				/* the clock behind printk's timestamps */
	if (multiboot_parse(boot_magic, boot_info, &mb) == 0)
		set_boot_command_line(mb.cmdline);	/* multiboot.c: command line and memory map */
	early_reserve_memory(&mb);		/* reserve.c: kernel image, BIOS areas, loader data */
	e820__memory_setup(&mb.map, mb.map_source);	/* e820.c: "BIOS-provided physical RAM map" */
	parse_early_param();			/* loglevel=, quiet, mem=, memmap=, ... */
	early_serial_init();			/* COM1: prints the log so far, then each line */
	if (mb.version == 0)
		panic("multiboot: cannot continue without the loader's boot information");
	if (mb.map.nr_entries == 0)
		panic("multiboot: no memory map: cannot tell where RAM is");
	e820__finish_early_params();		/* e820.c: the "user-defined" map, if mem=/memmap= */
	e820_add_kernel_range();		/* our own image is RAM, whatever the map says */
	e820__trim_bios_range();		/* e820.c: page 0 and 640K-1M are the BIOS's */
	max_pfn = e820__end_of_ram_pfn();	/* e820.c: "last_pfn = ...": the end of RAM */
	find_low_pfn_range();			/* mm.c: max_low_pfn, the end of low memory */
	e820__memblock_setup();			/* e820.c: usable RAM -> memblock.memory */
	reserve_real_mode();			/* reserve.c: the first megabyte */
	memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0);	/* a PC is one node */
	initmem_init();				/* mm.c: "NNNMB HIGHMEM/LOWMEM available." */
}
