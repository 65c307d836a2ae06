// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the kernel command line, through every early_param() handler
 * of the host build (mem=, memmap=, memblock=, movable_node, kernelcore=,
 * movablecore=, init_on_alloc=, init_on_free=, memmap_check, ...; the
 * console ones, loglevel= and panic=, live in kernel/printk.c and panic.c,
 * which the host build replaces), then the x86 pipeline: the e820 "user"
 * map, memblock, nodes (numa_init) and zones (free_area_init with the PC's
 * DMA / Normal / HighMem limits, ZONE_MOVABLE from kernelcore= or
 * movablecore=).  Linux's init/main.c parse_early_param(),
 * arch/x86/kernel/e820.c, mm/page_alloc.c free_area_init().
 *
 * Input: byte 0 picks the firmware map (QEMU's PC at -m 16M to 3G; the
 * large ones, whose struct pages cost tens of milliseconds an input, less often);
 * the rest is the command line.  After the zones: each node's zones must
 * lie inside it, hold no more present pages than they span, and add up to
 * the memory memblock gives the node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <boot/e820.h>
#include <kernel/params.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/numa.h>
#include "fuzz.h"
#include "fuzz_x86.h"
#include "hostlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The host memory model allocates a struct page per pfn below the end of
 * memory on every input, so zones are built only up to this end: 4 GiB.
 */
#define FUZZ_ZONES_MAX_PFN	0x100000UL

static void qemu_pc_map(struct e820_table *fw, unsigned int which)
{
	static const u64 ram_end[] = { 16ULL << 20, 64ULL << 20, 128ULL << 20, 128ULL << 20,
				       256ULL << 20, 512ULL << 20, 1024ULL << 20, 3072ULL << 20 };
	u64 end = ram_end[which % 8];

	memset(fw, 0, sizeof(*fw));
	fw->entries[0] = (struct e820_entry){ 0x0, 0x9fc00, E820_TYPE_RAM };
	fw->entries[1] = (struct e820_entry){ 0x9fc00, 0x400, E820_TYPE_RESERVED };
	fw->entries[2] = (struct e820_entry){ 0xf0000, 0x10000, E820_TYPE_RESERVED };
	fw->entries[3] = (struct e820_entry){ 0x100000, end - 0x20000 - 0x100000, E820_TYPE_RAM };
	fw->entries[4] = (struct e820_entry){ end - 0x20000, 0x20000, E820_TYPE_RESERVED };
	fw->entries[5] = (struct e820_entry){ 0xfffc0000, 0x40000, E820_TYPE_RESERVED };
	fw->nr_entries = 6;
}

static void zone_fail(int nid, const char *what)
{
	fprintf(stderr, "fuzz: node %d: %s\n", nid, what);
	fputs(host_log(), stderr);
	abort();
}

static void check_zones(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		const struct pglist_data *pgdat = node_data[nid];
		unsigned long present = 0, start, end, mem = 0, s, e;
		int i;

		if (!pgdat)
			continue;
		for_each_mem_pfn_range(i, nid, &s, &e, NULL)
			mem += e - s;
		start = pgdat->node_start_pfn;
		end = start + pgdat->node_spanned_pages;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &pgdat->node_zones[z];

			present += zone->present_pages;
			if (zone->present_pages > zone->spanned_pages)
				zone_fail(nid, "a zone has more present pages than it spans");
			if (zone->managed_pages > zone->present_pages)
				zone_fail(nid, "a zone manages more pages than are present");
			if (zone->spanned_pages &&
			    (zone->zone_start_pfn < start ||
			     zone->zone_start_pfn + zone->spanned_pages > end))
				zone_fail(nid, "a zone lies outside its node");
		}
		if (present != pgdat->node_present_pages)
			zone_fail(nid, "the zones' present pages do not add up to the node's");
		if (present != mem)
			zone_fail(nid, "the node's present pages are not the memory memblock gives it");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct e820_table fw;
	static char cmdline[COMMAND_LINE_SIZE];
	size_t n = size > 0 ? size - 1 : 0;

	if (n >= sizeof(cmdline))
		n = sizeof(cmdline) - 1;
	memcpy(cmdline, data + 1, n);
	cmdline[n] = '\0';
	qemu_pc_map(&fw, size ? data[0] : 0);

	fuzz_reset();
	fuzz_panic_armed = true;
	if (setjmp(fuzz_panic_jmp) == 0) {
		unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };

		fuzz_x86_reserve_image();
		e820__memory_setup(&fw, "BIOS-e820");
		set_boot_command_line(cmdline);
		fuzz_parse_early_options(boot_command_line);
		if (!fuzz_x86_memblock())
			goto out;
		numa_init();
		max_zone_pfn[ZONE_DMA] = min(0x1000UL, max_low_pfn);
		max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
		max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
		if (PFN_UP(memblock_end_of_DRAM()) <= FUZZ_ZONES_MAX_PFN) {
			free_area_init(max_zone_pfn);
			check_zones();
		}
	}
out:
	fuzz_panic_armed = false;
	return 0;
}
