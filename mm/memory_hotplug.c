// SPDX-License-Identifier: MIT
/*
 * Offlining and onlining memory blocks (Linux's mm/memory_hotplug.c,
 * offline_pages() and online_pages(); include/mm/memory_hotplug.h).
 *
 * A memory block is one section.  Offline, as Linux does it, but without
 * migration (bootmm cannot move a page): isolate every pageblock
 * (set_migratetype_isolate(), so nothing is allocated from them any more and
 * their free pages leave NR_FREE_PAGES), then check that every page is a
 * free buddy block; if one is not, undo the isolation and name it.  Then
 * take the free blocks off the ISOLATE free lists (__offline_isolated_pages),
 * mark every page reserved, and lower the zone's managed and present counts,
 * the node's present count and totalram_pages; the section loses
 * SECTION_IS_ONLINE.  Online is the reverse: the pages are freed to the
 * buddy allocator a pageblock at a time, their pageblocks MIGRATE_MOVABLE,
 * and the counts come back.
 *
 * Remove (Linux's sparse_remove_section()/section_deactivate()): an offline
 * section loses its memory map and usage.  Boot allocated them from
 * memblock, so they go back through put_page_bootmem(), which frees a page
 * once no section uses it; a section added later had them from the buddy
 * allocator and frees them there.  Add (section_activate()) allocates them
 * from the buddy allocator and initialises every struct page reserved, in
 * the zone that spans it, for online to free.  bootmm leaves zone and node
 * spans as boot set them (Linux shrinks them on remove), which is also how
 * add knows where a section belongs.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem_info.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_hotplug.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif
#include "page_alloc_internal.h"

bool memory_hotplug_supported(void)
{
#ifdef CONFIG_SPARSEMEM
	return true;
#else
	return false;
#endif
}

#ifdef CONFIG_SPARSEMEM
/* The migrate types before isolation, to restore on failure: a section's pageblocks. */
static unsigned char saved_mt[PAGES_PER_SECTION / pageblock_nr_pages];

static void set_section_online(unsigned long start_pfn, unsigned long nr_pages, bool online)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn += PAGES_PER_SECTION) {
		struct mem_section *ms = __pfn_to_section(pfn);

		if (online)
			ms->section_mem_map |= SECTION_IS_ONLINE;
		else
			ms->section_mem_map &= ~SECTION_IS_ONLINE;
	}
}

/*
 * Whether totalhigh_pages counts the block: boot counted the pages above
 * max_low_pfn (free_highmem_page()), whatever their zone; a Movable zone cut
 * from low memory counts as low there, so it must here too.
 */
static bool block_is_highmem(unsigned long pfn)
{
	return pfn >= max_low_pfn;
}

static bool range_online(unsigned long start_pfn, unsigned long nr_pages, bool online)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn += PAGES_PER_SECTION)
		if (!valid_section(__pfn_to_section(pfn)) || online_section(__pfn_to_section(pfn)) != online)
			return false;
	return true;
}
#endif

int offline_pages(unsigned long start_pfn, unsigned long nr_pages, unsigned long *busy_pfn)
{
#ifdef CONFIG_SPARSEMEM
	unsigned long end_pfn = start_pfn + nr_pages, pfn, nr_blocks = nr_pages / pageblock_nr_pages;
	struct zone *zone;
	unsigned long i;

	if (nr_pages > PAGES_PER_SECTION || !range_online(start_pfn, nr_pages, true))
		return -EINVAL;
	zone = page_zone(pfn_to_page(start_pfn));
	/* Linux refuses a block that straddles two zones (test_pages_in_a_zone()). */
	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages)
		if (page_zone(pfn_to_page(pfn)) != zone)
			return -EINVAL;

	for (i = 0; i < nr_blocks; i++) {
		struct page *page = pfn_to_page(start_pfn + i * pageblock_nr_pages);

		saved_mt[i] = (unsigned char)get_pageblock_migratetype(page);
		if (set_migratetype_isolate(page)) {
			/* Isolated already, by someone else: not ours to undo. */
			*busy_pfn = start_pfn + i * pageblock_nr_pages;
			goto undo;
		}
	}

	/* Linux's test_pages_isolated(): every page a free block on the ISOLATE lists. */
	for (pfn = start_pfn; pfn < end_pfn;) {
		struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page)) {
			*busy_pfn = pfn;
			goto undo;
		}
		pfn += 1UL << buddy_order(page);
	}

	/* Linux's __offline_isolated_pages(): the free blocks leave the allocator. */
	for (pfn = start_pfn; pfn < end_pfn;) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order = buddy_order(page);

		list_del(&page->lru);
		zone->free_area[order].nr_free--;
		__ClearPageBuddy(page);
		for (struct page *p = page; p < page + (1UL << order); p++) {
			set_page_private(p, 0);
			__SetPageReserved(p);
			init_page_count(p);
		}
		pfn += 1UL << order;
	}
	zone->nr_isolate_pageblock -= nr_blocks;
	clear_zone_contiguous(zone);	/* a hole now: walkers must ask pfn_valid() */
	zone->managed_pages -= nr_pages;
	totalram_pages_add(-(long)nr_pages);
	if (block_is_highmem(start_pfn))
		totalhigh_pages_add(-(long)nr_pages);
	zone->present_pages -= nr_pages;
	zone->zone_pgdat->node_present_pages -= nr_pages;
	set_section_online(start_pfn, nr_pages, false);
	setup_per_zone_wmarks();
	calculate_totalreserve_pages();
	return 0;

undo:
	while (i-- > 0)
		unset_migratetype_isolate(pfn_to_page(start_pfn + i * pageblock_nr_pages), saved_mt[i]);
	return -EBUSY;
#else
	(void)start_pfn;
	(void)nr_pages;
	(void)busy_pfn;
	return -EINVAL;
#endif
}

int online_pages(unsigned long start_pfn, unsigned long nr_pages)
{
#ifdef CONFIG_SPARSEMEM
	unsigned long end_pfn = start_pfn + nr_pages;
	struct zone *zone;

	if (nr_pages > PAGES_PER_SECTION || !range_online(start_pfn, nr_pages, false))
		return -EINVAL;
	zone = page_zone(pfn_to_page(start_pfn));
	zone->present_pages += nr_pages;
	zone->zone_pgdat->node_present_pages += nr_pages;
	/* Straight from ISOLATE to MOVABLE: Linux's undo_isolate_page_range(). */
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages)
		set_pageblock_migratetype(pfn_to_page(pfn), MIGRATE_MOVABLE);
	set_section_online(start_pfn, nr_pages, true);
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		__free_pages_core(pfn_to_page(pfn), pageblock_order);
		totalram_pages_add((long)pageblock_nr_pages);
		if (block_is_highmem(pfn))
			totalhigh_pages_add((long)pageblock_nr_pages);
	}
	setup_per_zone_wmarks();
	calculate_totalreserve_pages();
	return 0;
#else
	(void)start_pfn;
	(void)nr_pages;
	return -EINVAL;
#endif
}

#ifdef CONFIG_SPARSEMEM
/* The order of the smallest buddy block of @size bytes (Linux's get_order()). */
static unsigned int order_for(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

#ifdef CONFIG_SPARSEMEM_VMEMMAP
/* Sections whose VMEMMAP pages are still mapped after a remove: add uses them again. */
static unsigned long vmemmap_kept[BITS_TO_LONGS(NR_MEM_SECTIONS)];
#endif

/*
 * Release the pages of [@addr, @addr + @size): through put_page_bootmem() if
 * boot allocated them (every page the range touches was registered), else
 * the one buddy block add_memory_section() allocated.
 */
static unsigned long release_range(void *addr, size_t size, bool early)
{
	unsigned long start = (unsigned long)__pa(addr) >> PAGE_SHIFT;
	unsigned long end = ((unsigned long)__pa(addr) + size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	unsigned long freed = 0;

	if (!early) {
		__free_pages(virt_to_page(addr), order_for(size));
		return 1UL << order_for(size);
	}
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;	/* never registered: see get_range_bootmem() */
		page = pfn_to_page(pfn);
		put_page_bootmem(page);
		freed += !PageReserved(page);	/* the last user: it is free now */
	}
	return freed;
}

/* The zone whose span holds @pfn, on any node; NULL if none. */
static struct zone *zone_spanning(unsigned long pfn)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!NODE_DATA(nid))
			continue;
		for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[z];

			if (zone->spanned_pages && zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone))
				return zone;
		}
	}
	return NULL;
}
#endif

int remove_memory_section(unsigned long nr, unsigned long *freed)
{
#ifdef CONFIG_SPARSEMEM
	struct mem_section *ms = __nr_to_section(nr);
	struct mem_section_usage *usage;
	bool early;

	*freed = 0;
	if (!ms || !valid_section(ms) || online_section(ms))
		return -EINVAL;
	early = early_section(ms);
	usage = ms->usage;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	/* Unmapping the window's pages is not written: they stay, for add to use again. */
	vmemmap_kept[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
	ms->section_mem_map = 0;
#else
	struct page *memmap = sparse_decode_mem_map(ms->section_mem_map, nr);

	/* pfn_valid() says no from here on: nothing may look at the map we free. */
	ms->section_mem_map = 0;
	*freed += release_range(memmap, sizeof(struct page) * PAGES_PER_SECTION, early);
#endif
	ms->usage = NULL;
	*freed += release_range(usage, mem_section_usage_size(), early);
	return 0;
#else
	(void)nr;
	*freed = 0;
	return -EINVAL;
#endif
}

int add_memory_section(unsigned long nr)
{
#ifdef CONFIG_SPARSEMEM
	struct mem_section *ms = __nr_to_section(nr);
	unsigned long start_pfn = section_nr_to_pfn(nr);
	struct mem_section_usage *usage;
	struct page *memmap, *page;
	struct zone *zone;

	if (!ms || valid_section(ms) || present_section(ms))
		return -EINVAL;
	zone = zone_spanning(start_pfn);
	if (!zone || start_pfn + PAGES_PER_SECTION > zone_end_pfn(zone))
		return -EINVAL;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	if (!(vmemmap_kept[nr / BITS_PER_LONG] & (1UL << (nr % BITS_PER_LONG))))
		return -EINVAL;		/* populating the window after boot is not written */
	memmap = pfn_to_page(start_pfn);
#else
	page = alloc_pages(GFP_KERNEL, order_for(sizeof(struct page) * PAGES_PER_SECTION));
	if (!page)
		return -ENOMEM;
	memmap = page_address(page);
#endif
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order_for(mem_section_usage_size()));
	if (!page) {
#ifndef CONFIG_SPARSEMEM_VMEMMAP
		__free_pages(virt_to_page(memmap),
			     order_for(sizeof(struct page) * PAGES_PER_SECTION));
#endif
		return -ENOMEM;
	}
	usage = page_address(page);
	for (unsigned long i = 0; i < SUBSECTIONS_PER_SECTION; i++)
		usage->subsection_map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);

	/* Linux's memmap_init_range(MEMINIT_HOTPLUG): every page reserved until online. */
	for (unsigned long i = 0; i < PAGES_PER_SECTION; i++) {
		__init_single_page(&memmap[i], start_pfn + i, zone_idx(zone), zone->zone_pgdat->node_id);
		__SetPageReserved(&memmap[i]);
	}
	ms->usage = usage;
	/* Not SECTION_IS_EARLY: remove frees this map and usage to the buddy allocator. */
	ms->section_mem_map = sparse_encode_mem_map(memmap, nr) | SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	vmemmap_kept[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
#endif
	return 0;
#else
	(void)nr;
	return -EINVAL;
#endif
}
