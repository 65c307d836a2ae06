// SPDX-License-Identifier: MIT
/*
 * `memmap_check` on the command line: verify the memory map, pfn by pfn,
 * once free_area_init() has built it (bootmm's own check, in the spirit of
 * Linux's CONFIG_DEBUG_MEMORY_INIT mminit_verify_page_links()).
 *
 * Boot pipeline: the last step of free_area_init() (mm/mm_init.c), after
 * memmap_init() and the memory model's "Memory model: ..." line.  Whatever
 * MEMORY_MODEL= chose, every pfn from the first node's start to the last
 * node's end (widened to whole sections, or pageblocks, the units the models
 * map) is walked beside memblock.memory, and:
 *   - a pfn of memory must be pfn_valid();
 *   - the model's own tables agree (memmap_check_pfn(): under SPARSEMEM, a
 *     pfn of a section without memory must not be valid, and a section
 *     with memory must be present, early, online and have a map);
 *   - a valid pfn round-trips: page_to_pfn(pfn_to_page(pfn)) == pfn and
 *     pfn_to_page(page_to_pfn(page)) == page, and its struct page is
 *     initialised (one reference, no mapping);
 *   - a page of memory names, in page->flags, the node memblock gives it and
 *     a zone whose span holds it (and its section, when flags hold one); it
 *     is not reserved yet, and the pageblocks it starts are MIGRATE_MOVABLE;
 *   - a valid pfn outside memory (a hole, a section's tail) is PageReserved
 *     and names a populated zone.
 * Each failure is printed (the first MEMMAP_CHECK_SHOWN), then one line:
 * "memmap_check: <model>: ... OK (N pfns ...)" or "... FAILED".
 *
 * The shell's `memmap_check` runs it again after boot (memory hot-plug
 * changes sections, zones and memblock), with the checks that still hold.
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>
#include <stdarg.h>

#define MEMMAP_CHECK_SHOWN	10	/* failures printed one by one */

static bool memmap_check_requested __initdata;

static int __init memmap_check_setup(char *arg)
{
	(void)arg;
	memmap_check_requested = true;
	return 0;
}
early_param("memmap_check", memmap_check_setup);

static unsigned long errors;

void memmap_check_fail(unsigned long pfn, const char *fmt, ...)
{
	char text[160];
	va_list args;

	if (++errors > MEMMAP_CHECK_SHOWN)
		return;
	va_start(args, fmt);
	vsnprintf(text, sizeof(text), fmt, args);
	va_end(args);
	pr_err("memmap_check: pfn %#lx: %s\n", pfn, text);
}
#define memmap_fail memmap_check_fail	/* the short name, in this file */

/* A pfn with a struct page: the round trip, and what page->flags says. */
static void check_page(unsigned long pfn, const struct memblock_region *mem,
		       unsigned long *reserved, bool after_boot)
{
	struct page *page = pfn_to_page(pfn);
	int nid = page_to_nid(page);
	enum zone_type zid = page_zonenum(page);
	const struct zone *zone;

	if (page_to_pfn(page) != pfn) {
		memmap_fail(pfn, "page_to_pfn(pfn_to_page()) is %#lx", page_to_pfn(page));
		return;
	}
	if (pfn_to_page(page_to_pfn(page)) != page) {
		memmap_fail(pfn, "pfn_to_page(page_to_pfn(page)) is not the page");
		return;
	}
	if (!after_boot && (page_ref_count(page) != 1 || page->_mapcount != -1)) {
		memmap_fail(pfn, "struct page not initialised (flags %#lx, _refcount %d, _mapcount %d)",
			    page->flags, page_ref_count(page), page->_mapcount);
		return;
	}
#if SECTIONS_WIDTH
	if (page_to_section(page) != pfn_to_section_nr(pfn))
		memmap_fail(pfn, "section %lu in page->flags, it is in %lu", page_to_section(page),
			    pfn_to_section_nr(pfn));
#endif
	if (nid >= MAX_NUMNODES || !NODE_DATA(nid)) {
		memmap_fail(pfn, "node %d in page->flags does not exist", nid);
		return;
	}
	zone = &NODE_DATA(nid)->node_zones[zid];
	if (!mem) {			/* a hole or a tail: reserved, in a real zone */
		if (!PageReserved(page))
			memmap_fail(pfn, "not memory, but not PageReserved");
		if (!populated_zone(zone))
			memmap_fail(pfn, "hole page in empty zone %s of node %d", zone_names[zid], nid);
		++*reserved;
		return;
	}
	if (nid != memblock_get_region_node(mem))
		memmap_fail(pfn, "node %d in page->flags, memblock says %d", nid,
			    memblock_get_region_node(mem));
	if (after_boot && !memmap_pfn_online(pfn)) {
		/* An offline block: in no zone's care, every page reserved. */
		if (!PageReserved(page))
			memmap_fail(pfn, "in an offline memory block, but not PageReserved");
		return;
	}
	if (pfn < zone->zone_start_pfn || pfn >= zone_end_pfn(zone))
		memmap_fail(pfn, "zone %s of node %d in page->flags spans [%#lx-%#lx), not it",
			    zone_names[zid], nid, zone->zone_start_pfn, zone_end_pfn(zone));
	if (after_boot)
		return;		/* allocated, freed, reserved: the buddy allocator's business now */
	if (PageReserved(page))
		memmap_fail(pfn, "memory page PageReserved before the buddy allocator's hand-over");
	if (pageblock_aligned(pfn) && get_pageblock_migratetype(page) != MIGRATE_MOVABLE)
		memmap_fail(pfn, "pageblock migrate type %d, not MIGRATE_MOVABLE",
			    get_pageblock_migratetype(page));
}

/**
 * __memmap_check - walk the memory map and report what disagrees
 * @after_boot: false at boot, right after memmap_init(); true later (the
 *	shell's memmap_check, after memory hot-plug): then the pages' state
 *	(references, reserved, migrate types) is the allocator's and is not
 *	checked, sections may be hot-added or offline (an offline one's pages
 *	must be reserved and need no zone), and the walk covers memblock's
 *	memory as well as the nodes' spans, which offline blocks have left.
 *
 * Context: the command line is not consulted.
 * Return: the number of failures.
 */
unsigned long __memmap_check(bool after_boot)
{
	unsigned long lo = ~0UL, hi = 0, pfn, valid = 0, reserved = 0;
	const struct memblock_region *r = memblock.memory.regions;
	const struct memblock_region *r_end = r + memblock.memory.cnt;
	/* The unit the model maps or not: a pfn past the nodes may still be in it. */
	const unsigned long granule = memmap_granule();

	errors = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid) || !NODE_DATA(nid)->node_spanned_pages)
			continue;
		lo = min(lo, NODE_DATA(nid)->node_start_pfn);
		hi = max(hi, pgdat_end_pfn(NODE_DATA(nid)));
	}
	if (after_boot && memblock.memory.cnt && memblock_end_of_DRAM()) {
		lo = min(lo, PFN_DOWN(memblock_start_of_DRAM()));
		hi = max(hi, PFN_UP(memblock_end_of_DRAM()));
	}
	if (lo >= hi) {
		pr_info("memmap_check: %s: no node has memory: nothing to check\n", memory_model_name);
		return 0;
	}
	lo = round_down(lo, granule);
	hi = round_up(hi, granule);

	for (pfn = lo; pfn < hi; pfn++) {
		const struct memblock_region *mem = NULL;
		bool ok;

		/* memblock.memory is sorted: move along it with the pfn. */
		while (r < r_end && memblock_region_memory_end_pfn(r) <= pfn)
			r++;
		if (r < r_end && memblock_region_memory_base_pfn(r) <= pfn)
			mem = r;
		/*
		 * A whole granule without memory nor struct pages (an absent
		 * section, an ARM hole's pageblock) is checked at its ends and
		 * skipped: an LPAE node may span a terabyte of them.
		 */
		if (!(pfn & (granule - 1)) && !mem &&
		    !(r < r_end && memblock_region_memory_base_pfn(r) < pfn + granule) &&
		    !pfn_valid(pfn) && !pfn_valid(pfn + granule - 1)) {
			memmap_check_pfn(pfn, false, after_boot);
			pfn += granule - 1;
			continue;
		}
		ok = pfn_valid(pfn);
		memmap_check_pfn(pfn, ok, after_boot);	/* the model's own tables */
		if (mem && !ok)
			memmap_fail(pfn, "in memblock.memory [mem %#018Lx-%#018Lx] but not pfn_valid()",
				    (u64)mem->base, (u64)(mem->base + mem->size - 1));
		if (!ok)
			continue;
		valid++;
		check_page(pfn, mem, &reserved, after_boot);
	}

	if (errors > MEMMAP_CHECK_SHOWN)
		pr_err("memmap_check: ... and %lu more\n", errors - MEMMAP_CHECK_SHOWN);
	if (errors)
		pr_err("memmap_check: %s: %lu errors in pfns %#lx-%#lx: FAILED\n",
		       memory_model_name, errors, lo, hi - 1);
	else
		pr_info("memmap_check: %s: pfn_valid, pfn_to_page/page_to_pfn, zones, nodes and holes agree with memblock: OK (%lu pfns, %lu with a struct page, %lu reserved)\n",
			memory_model_name, hi - lo, valid, reserved);
	return errors;
}

unsigned long __init memmap_check(void)
{
	return memmap_check_requested ? __memmap_check(false) : 0;
}
