// SPDX-License-Identifier: MIT
/*
 * start_kernel(): the boot, one step a line (Linux's init/main.c).
 *
 * The arch's entry code (boot/<arch>/head.S) has turned the MMU on, so the
 * kernel runs at PAGE_OFFSET with low memory mapped, and has set up a stack.
 * From here on the boot is C, and this function is its table of contents:
 * each line is one step, in the order Linux takes them, and each step lives
 * in the file its name suggests.
 */
#include <kernel/init.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/reboot.h>
#include <kernel/setup.h>
#include <mm/bootmem.h>
#include <mm/mem_init.h>
#include <mm/numa.h>
#include <mm/page_alloc.h>

void __init start_kernel(void)
{
	pr_notice("%s", linux_banner);		/* kernel/version.c: who we are */
	setup_arch();				/* boot/<arch>/setup.c: console, clock, boot info, memblock */
	numa_init();				/* mm/numa.c: a pglist_data for each node with memory */
	zone_sizes_init();			/* boot/<arch>/mm.c -> mm/mm_init.c: zones, struct pages */
	bootmem_init_from_memblock();		/* mm/bootmem.c: the early allocator (EARLY_ALLOCATOR) */
	build_all_zonelists(NULL);		/* mm/zonelist.c: "Built N zonelists" */
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_kernel_params();			/* kernel/cmdline.c: the other options; unknown ones reported */
	init_mem_debugging_and_hardening();	/* mm/mem_auto_init.c: init_on_alloc=, init_on_free= */
	report_meminit();			/* mm/mem_auto_init.c: "mem auto-init: ..." */
	mem_init();				/* mm/mem_init.c: free memory -> buddy allocator; "Memory:" */
	setup_per_cpu_pageset();		/* mm/watermark.c: per-CPU lists' batch and high */
	page_alloc_init_late();			/* mm/page_alloc_init.c: zones found contiguous or not */
	init_per_zone_wmark_min();		/* mm/watermark.c: min_free_kbytes, watermarks */
	page_alloc_selftest();			/* mm/page_alloc_selftest.c: with "page_alloc_selftest" */
	kernel_finish_boot();			/* kernel/poweroff.c: free __init memory, then power off or the shell */
}
