// SPDX-License-Identifier: MIT
/*
 * Sections created and torn down after boot, for memory hot-plug (the
 * CONFIG_MEMORY_HOTPLUG part of Linux's mm/sparse.c: sparse_add_section(),
 * sparse_remove_section(), section_activate(), section_deactivate()).
 *
 * Boot pipeline: not part of it.  mm/memory_hotplug.c calls these from the
 * shell's `memory add` and `memory remove`, long after sparse_init()
 * (sparse.c) gave the boot's sections their maps from memblock.
 *
 * A section added here gets its mem_section_usage (subsection map and
 * pageblock bits) and its memory map from the buddy allocator; the memory
 * model says how the map is made (populate_section_memmap(): an array from
 * alloc_pages() under SPARSEMEM, the window's slice mapped again under
 * VMEMMAP).  Every struct page starts reserved, in no zone yet: online
 * chooses the zone.  The section is not SECTION_IS_EARLY, which is how
 * remove knows whose memory the map and usage are.
 *
 * Removing a boot section gives back what memblock allocated: its map
 * through free_map_bootmem() (put_page_bootmem() on the pages bootmem_info
 * tagged) and its usage likewise.  Boot packed a node's usages into one
 * allocation, so a usage page is shared ("mixed") and goes back only with
 * the last section that uses it; sparse_init_nid() gives that allocation
 * whole pages, so nothing else shares them.  (Linux keeps boot usages for
 * good; bootmm returns them, which is what the MIX_SECTION_INFO tag is for.)
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem_info.h>
#include <mm/gfp.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/sparse.h>

/* A new section's usage: one zeroed page holds it (every pageblock MIGRATE_UNMOVABLE). */
static struct mem_section_usage *alloc_section_usage(void)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(mem_section_usage_size()));

	return page ? page_address(page) : NULL;
}

int sparse_add_section(int nid, unsigned long section_nr)
{
	struct mem_section *ms = __nr_to_section(section_nr);
	unsigned long pfn = section_nr_to_pfn(section_nr);
	struct mem_section_usage *usage;
	struct page *memmap;

	if (!ms || pfn + PAGES_PER_SECTION > sparse_max_pfn())
		return -E2BIG;
	if (present_section(ms))
		return -EEXIST;
	usage = alloc_section_usage();
	if (!usage)
		return -ENOMEM;
	memmap = populate_section_memmap(pfn, PAGES_PER_SECTION, nid);
	if (!memmap) {
		__free_pages(virt_to_page(usage), get_order(mem_section_usage_size()));
		return -ENOMEM;
	}
	/* The whole section has memory: every subsection valid (pfn_valid()). */
	for (unsigned long i = 0; i < SUBSECTIONS_PER_SECTION; i++)
		usage->subsection_map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);

	/*
	 * Offline pages: reserved, one reference, the node known, the zone not
	 * yet (Linux fills the map with a poison pattern here, and
	 * move_pfn_range_to_zone() initialises it when the block goes online;
	 * bootmm gives every field a sane value, for the shell's `page`).
	 */
	for (unsigned long i = 0; i < PAGES_PER_SECTION; i++) {
		__init_single_page(&memmap[i], pfn + i, 0, nid);
		__SetPageReserved(&memmap[i]);
	}
	ms->usage = usage;
	ms->section_mem_map = sparse_encode_mem_map(memmap, section_nr) |
			      SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP;
	if (section_nr > __highest_present_section_nr)
		__highest_present_section_nr = section_nr;
	return 0;
}

unsigned long sparse_remove_section(unsigned long section_nr)
{
	struct mem_section *ms = __nr_to_section(section_nr);
	struct mem_section_usage *usage = ms->usage;
	unsigned long freed;
	struct page *memmap = sparse_decode_mem_map(ms->section_mem_map, section_nr);
	bool early = early_section(ms);

	/* pfn_valid() says no from here on: nothing may look at the map we free. */
	ms->section_mem_map = 0;
	ms->usage = NULL;
	if (early) {
		freed = free_map_bootmem(memmap);
		freed += put_range_bootmem(usage, mem_section_usage_size());
	} else {
		freed = depopulate_section_memmap(memmap, PAGES_PER_SECTION);
		__free_pages(virt_to_page(usage), get_order(mem_section_usage_size()));
		freed += 1UL << get_order(mem_section_usage_size());
	}
	return freed;
}
