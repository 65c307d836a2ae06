// SPDX-License-Identifier: MIT
/*
 * The shell's `memory` command: memory blocks as Linux shows them in
 * /sys/devices/system/memory/memoryN (drivers/base/memory.c), one section
 * a block, and their offlining and onlining (mm/memory_hotplug.c):
 *
 *   memory list                      state, zone (valid_zones if offline), node of every block
 *   memory offline <n>               echo offline > memoryN/state
 *   memory online <n> [movable|kernel]  echo online/online_movable/online_kernel > memoryN/state
 *   memory remove <n>                remove_memory() of the block (ACPI's eject, or a driver's)
 *   memory add <phys> <size>         echo phys > /sys/devices/system/memory/probe
 *
 * add takes whole sections anywhere the memory model can describe: RAM a
 * hotpluggable bank gave back, or RAM the machine has and the device tree
 * (or mem=) held back.  Like Linux's probe file, it trusts its caller that
 * the RAM is there.  FLATMEM has no sections and refuses it all.
 *
 * memmap_check runs the memory model's check (mm/memmap_check.c) again.
 */
#include <kernel/shell.h>

#include <string.h>
#include <kernel/kernel.h>
#include <mm/memory_hotplug.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif


#ifdef CONFIG_SPARSEMEM
static bool get_block(const char *s, unsigned long *nr)
{
	if (!shell_parse_ulong("memory", "block", s, nr))
		return false;
	if (*nr >= NR_MEM_SECTIONS || !valid_section_nr(*nr)) {
		shell_printf("memory: there is no memory%lu (no section with a memory map there)\n", *nr);
		return false;
	}
	return true;
}

/* The node of a block: its struct pages say, online or not. */
static int block_nid(unsigned long nr)
{
	return page_to_nid(pfn_to_page(section_nr_to_pfn(nr)));
}

/*
 * Linux's valid_zones of an offline block: the zone plain "online" would
 * choose, then the other one online_kernel or online_movable would (not a
 * Movable zone of low memory for a block above max_low_pfn: refused).
 */
static void print_valid_zones(unsigned long nr)
{
	unsigned long pfn = section_nr_to_pfn(nr);
	int nid = block_nid(nr);
	const struct zone *def = zone_for_pfn_range(MMOP_ONLINE, nid, pfn, PAGES_PER_SECTION);
	const struct zone *kernel = zone_for_pfn_range(MMOP_ONLINE_KERNEL, nid, pfn, PAGES_PER_SECTION);
	const struct zone *movable = zone_for_pfn_range(MMOP_ONLINE_MOVABLE, nid, pfn, PAGES_PER_SECTION);

	shell_printf("valid_zones %s", def->name);
	if (kernel != def)
		shell_printf(" %s", kernel->name);
	if (movable != def && zone_can_hold_pfn_range(movable, pfn, PAGES_PER_SECTION))
		shell_printf(" %s", movable->name);
}

static int memory_list(void)
{
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		phys_addr_t start = (phys_addr_t)section_nr_to_pfn(nr) << PAGE_SHIFT;
		const struct zone *zone;

		if (!valid_section_nr(nr))
			continue;
		shell_printf("memory%lu: [mem %#010llx-%#010llx] ", nr, (unsigned long long)start,
			     (unsigned long long)(start + memory_block_size_bytes() - 1));
		if (!online_section_nr(nr)) {
			shell_printf("state offline node %d ", block_nid(nr));
			print_valid_zones(nr);
			shell_printf("\n");
			continue;
		}
		zone = page_zone(pfn_to_page(section_nr_to_pfn(nr)));
		shell_printf("state online zone %s node %d removable %d\n", zone->name, block_nid(nr),
			     zone_idx(zone) == ZONE_MOVABLE);
	}
	return 0;
}

static int memory_offline(unsigned long nr)
{
	unsigned long busy = 0, pfn = section_nr_to_pfn(nr);
	int ret;

	if (!online_section_nr(nr)) {
		shell_printf("memory offline: memory%lu is offline already\n", nr);
		return SHELL_FAILED;
	}
	ret = offline_pages(pfn, PAGES_PER_SECTION, &busy);
	if (ret == -EBUSY) {
		char flags[128];
		struct page *page = pfn_to_page(busy);

		format_page_flags(flags, sizeof(flags), page->flags);
		shell_printf("memory offline: memory%lu is busy: pfn %#lx is in use (refcount %d, flags %s); "
			     "isolation undone\n", nr, busy, page->_refcount, flags);
		return SHELL_FAILED;
	}
	if (ret) {
		shell_printf("memory offline: memory%lu spans more than one zone: refused\n", nr);
		return SHELL_FAILED;
	}
	shell_printf("memory offline: memory%lu offline, %lu pages (%luK) taken from the page allocator\n", nr,
		     PAGES_PER_SECTION, PAGES_PER_SECTION << (PAGE_SHIFT - 10));
	return 0;
}

static int memory_remove(unsigned long nr)
{
	unsigned long freed;
	int ret;

	ret = remove_memory((u64)section_nr_to_pfn(nr) << PAGE_SHIFT, memory_block_size_bytes(), &freed);
	if (ret == -EBUSY) {
		shell_printf("memory remove: memory%lu is online: offline it first\n", nr);
		return SHELL_FAILED;
	}
	if (ret) {
		shell_printf("memory remove: memory%lu could not be removed\n", nr);
		return SHELL_FAILED;
	}
	shell_printf("memory remove: memory%lu removed, %lu metadata pages freed\n", nr, freed);
	return 0;
}

static int memory_add(const char *phys_s, const char *size_s)
{
	unsigned long first, last;
	u64 phys, size;
	int nid, ret;

	if (!shell_parse_u64(phys_s, &phys) || !shell_parse_u64(size_s, &size))
		return SHELL_USAGE;
	nid = memory_add_physaddr_to_nid(phys);
	ret = add_memory(nid, phys, size);
	switch (ret) {
	case 0:
		break;
	case -EINVAL:
		shell_printf("memory add: a block is one section: %#llx bytes, at a multiple of it\n",
			     (unsigned long long)memory_block_size_bytes());
		return SHELL_FAILED;
	case -E2BIG:
		shell_printf("memory add: %s cannot describe memory there (only pfns %#lx-%#lx)\n",
			     memory_model_name, (unsigned long)ARCH_PFN_OFFSET, sparse_max_pfn() - 1);
		return SHELL_FAILED;
	case -EEXIST:
		shell_printf("memory add: [mem %#010llx-%#010llx] is RAM already\n", (unsigned long long)phys,
			     (unsigned long long)(phys + size - 1));
		return SHELL_FAILED;
	default:
		shell_printf("memory add: no memory for the new memory maps\n");
		return SHELL_FAILED;
	}
	first = pfn_to_section_nr((unsigned long)(phys >> PAGE_SHIFT));
	last = first + (unsigned long)(size / memory_block_size_bytes()) - 1;
	for (unsigned long nr = first; nr <= last; nr++) {
		shell_printf("memory add: memory%lu added, offline, node %d, ", nr, nid);
		print_valid_zones(nr);
		shell_printf("\n");
	}
	return 0;
}

static int memory_online(unsigned long nr, const char *how)
{
	unsigned long pfn = section_nr_to_pfn(nr);
	int type = MMOP_ONLINE, ret;
	struct zone *zone;

	if (online_section_nr(nr)) {
		shell_printf("memory online: memory%lu is online already\n", nr);
		return SHELL_FAILED;
	}
	if (how && !strcmp(how, "kernel"))
		type = MMOP_ONLINE_KERNEL;
	else if (how && !strcmp(how, "movable"))
		type = MMOP_ONLINE_MOVABLE;
	else if (how)
		return SHELL_USAGE;
	zone = zone_for_pfn_range(type, block_nid(nr), pfn, PAGES_PER_SECTION);
	ret = online_pages(pfn, PAGES_PER_SECTION, zone);
	if (ret == -ERANGE) {
		shell_printf("memory online: memory%lu reaches above low memory (max_low_pfn %#lx) and zone %s "
			     "is low memory here: refused (online kernel puts it in HighMem)\n",
			     nr, max_low_pfn, zone->name);
		return SHELL_FAILED;
	}
	if (ret) {
		shell_printf("memory online: memory%lu could not be onlined\n", nr);
		return SHELL_FAILED;
	}
	shell_printf("memory online: memory%lu online in zone %s, %lu pages (%luK) freed to the buddy allocator\n",
		     nr, zone->name, PAGES_PER_SECTION, PAGES_PER_SECTION << (PAGE_SHIFT - 10));
	return 0;
}
#endif

static int cmd_memory(int argc, char **argv __maybe_unused)
{
	if (argc < 2)
		return SHELL_USAGE;
	if (!memory_hotplug_supported()) {
		shell_printf("memory: %s has no sections: memory hot-plug needs MEMORY_MODEL=sparsemem or vmemmap\n",
			     memory_model_name);
		return SHELL_FAILED;
	}
#ifdef CONFIG_SPARSEMEM
	unsigned long nr;

	if (!strcmp(argv[1], "list"))
		return argc == 2 ? memory_list() : SHELL_USAGE;
	if (!strcmp(argv[1], "offline") && argc == 3)
		return get_block(argv[2], &nr) ? memory_offline(nr) : SHELL_FAILED;
	if (!strcmp(argv[1], "online") && (argc == 3 || argc == 4))
		return get_block(argv[2], &nr) ? memory_online(nr, argc == 4 ? argv[3] : NULL) : SHELL_FAILED;
	if (!strcmp(argv[1], "remove") && argc == 3)
		return get_block(argv[2], &nr) ? memory_remove(nr) : SHELL_FAILED;
	if (!strcmp(argv[1], "add") && argc == 4)
		return memory_add(argv[2], argv[3]);
#endif
	return SHELL_USAGE;
}

/*
 * The memory model's own check (mm/memmap_check.c, `memmap_check` on the
 * command line at boot), again now: after blocks came and went, pfn_valid(),
 * the sections, the zones' spans and the nodes must still agree with
 * memblock.
 */
static int cmd_memmap_check(int argc, char **argv __maybe_unused)
{
	unsigned long errors;

	if (argc != 1)
		return SHELL_USAGE;
	errors = __memmap_check(true);
	shell_printf("memmap_check: %lu errors\n", errors);
	return errors ? SHELL_FAILED : 0;
}

const struct shell_cmd shell_memory_cmds[] = {
	{ "memory", "list | offline <n> | online <n> [movable|kernel] | remove <n> | add <phys> <size>",
	  "memory blocks (/sys/devices/system/memory): list, offline, online, remove, add", cmd_memory, 3 },
	{ "memmap_check", NULL, "the memory model's boot check, again (after memory hot-plug)",
	  cmd_memmap_check, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};
