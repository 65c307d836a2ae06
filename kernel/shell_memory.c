// SPDX-License-Identifier: MIT
/*
 * The shell's `memory` command: memory blocks as Linux shows them in
 * /sys/devices/system/memory/memoryN (drivers/base/memory.c), one section
 * a block, and their offlining and onlining (mm/memory_hotplug.c):
 *
 *   memory list                      state, zone, node and removable of every block
 *   memory offline <n>               echo offline > memoryN/state
 *   memory online <n> [movable|kernel]  echo online_movable/online_kernel > memoryN/state
 *   memory remove <n>                echo N > /sys/devices/system/memory/... (remove_memory())
 *   memory add <phys> <size>         echo phys > /sys/devices/system/memory/probe
 *
 * add takes one section, inside what the zones spanned at boot (memory
 * removed earlier, or a hotpluggable bank); RAM beyond the device tree is
 * not written yet.  FLATMEM has no sections and refuses it all.
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

static int memory_list(void)
{
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		unsigned long pfn = section_nr_to_pfn(nr);
		const struct zone *zone;
		phys_addr_t start;

		if (!valid_section_nr(nr))
			continue;
		start = (phys_addr_t)pfn << PAGE_SHIFT;
		zone = page_zone(pfn_to_page(pfn));
		shell_printf("memory%lu: [mem %#010llx-%#010llx] state %s zone %s node %d removable %d\n", nr,
			     (unsigned long long)start,
			     (unsigned long long)(start + ((phys_addr_t)PAGES_PER_SECTION << PAGE_SHIFT) - 1),
			     online_section_nr(nr) ? "online" : "offline", zone_names[zone_idx(zone)],
			     page_to_nid(pfn_to_page(pfn)), zone_idx(zone) == ZONE_MOVABLE);
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

	if (online_section_nr(nr)) {
		shell_printf("memory remove: memory%lu is online: offline it first\n", nr);
		return SHELL_FAILED;
	}
	if (remove_memory_section(nr, &freed)) {
		shell_printf("memory remove: memory%lu could not be removed\n", nr);
		return SHELL_FAILED;
	}
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	shell_printf("memory remove: memory%lu removed, %lu metadata pages freed "
		     "(its vmemmap pages stay mapped)\n", nr, freed);
#else
	shell_printf("memory remove: memory%lu removed, %lu metadata pages freed\n", nr, freed);
#endif
	return 0;
}

static int memory_add(const char *phys_s, const char *size_s)
{
	u64 phys, size;
	unsigned long nr;
	int ret;

	if (!shell_parse_u64(phys_s, &phys) || !shell_parse_u64(size_s, &size))
		return SHELL_USAGE;
	if (size != (u64)PAGES_PER_SECTION << PAGE_SHIFT || phys & (size - 1)) {
		shell_printf("memory add: a block is one section: %#llx bytes at a multiple of it\n",
			     (unsigned long long)((u64)PAGES_PER_SECTION << PAGE_SHIFT));
		return SHELL_FAILED;
	}
	nr = pfn_to_section_nr((unsigned long)(phys >> PAGE_SHIFT));
	if (nr >= NR_MEM_SECTIONS || valid_section_nr(nr)) {
		shell_printf("memory add: memory%lu exists already\n", nr);
		return SHELL_FAILED;
	}
	ret = add_memory_section(nr);
	if (ret == -ENOMEM) {
		shell_printf("memory add: no memory for memory%lu's memory map\n", nr);
		return SHELL_FAILED;
	}
	if (ret) {
		shell_printf("memory add: %#llx is outside every zone bootmm spans (or its vmemmap "
			     "was never mapped): not written yet\n", (unsigned long long)phys);
		return SHELL_FAILED;
	}
	shell_printf("memory add: memory%lu added, offline, zone %s node %d\n", nr,
		     zone_names[zone_idx(page_zone(pfn_to_page(section_nr_to_pfn(nr))))],
		     page_to_nid(pfn_to_page(section_nr_to_pfn(nr))));
	return 0;
}

static int memory_online(unsigned long nr, const char *how)
{
	unsigned long pfn = section_nr_to_pfn(nr);
	const struct zone *zone = page_zone(pfn_to_page(pfn));
	bool movable = zone_idx(zone) == ZONE_MOVABLE;

	if (online_section_nr(nr)) {
		shell_printf("memory online: memory%lu is online already\n", nr);
		return SHELL_FAILED;
	}
	if (how && strcmp(how, "movable") && strcmp(how, "kernel"))
		return SHELL_USAGE;
	/* The struct pages keep their zone: moving a block to another zone is not written yet. */
	if (how && (!strcmp(how, "movable")) != movable) {
		shell_printf("memory online: memory%lu was in zone %s; bootmm onlines a block back into "
			     "the zone it left (online %s)\n", nr, zone_names[zone_idx(zone)],
			     movable ? "movable" : "kernel");
		return SHELL_FAILED;
	}
	if (online_pages(pfn, PAGES_PER_SECTION)) {
		shell_printf("memory online: memory%lu could not be onlined\n", nr);
		return SHELL_FAILED;
	}
	shell_printf("memory online: memory%lu online in zone %s, %lu pages (%luK) freed to the buddy allocator\n",
		     nr, zone_names[zone_idx(zone)], PAGES_PER_SECTION, PAGES_PER_SECTION << (PAGE_SHIFT - 10));
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

const struct shell_cmd shell_memory_cmds[] = {
	{ "memory", "list | offline <n> | online <n> [movable|kernel] | remove <n> | add <phys> <size>",
	  "memory blocks (/sys/devices/system/memory): list, offline, online, remove, add", cmd_memory, 3 },
	{ NULL, NULL, NULL, NULL, 0 }
};
