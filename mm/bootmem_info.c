// SPDX-License-Identifier: MIT
/*
 * bootmem_info: tagging the pages of memory-management metadata that were
 * allocated at boot, so that memory hot-remove can give them back (Linux's
 * mm/bootmem_info.c; include/mm/bootmem_info.h says what the tags mean).
 *
 * Boot pipeline: mem_init() calls register_page_bootmem_info() once the
 * buddy allocator owns free memory, as Linux's x86 mem_init() does.  Under
 * FLATMEM there is nothing to do: its one mem_map can never be removed.
 *
 * What is tagged, per node: the pages of its pglist_data (NODE_INFO), and
 * for each present section it owns, the pages of its memory map
 * (SECTION_INFO) and of its mem_section_usage (MIX_SECTION_INFO: Linux
 * packs several sections' usages in one allocation, so one page can be
 * "mixed", tagged once per section it serves, and is freed only when the
 * last of them is removed — the reference count does that bookkeeping).
 *
 * SPARSEMEM_VMEMMAP: the memory map lives at a virtual address in the
 * VMEMMAP window, so virt_to_page() cannot find the pages behind it; the
 * arch's register_page_bootmem_memmap() walks the page tables that map the
 * section's slice (boot/<arch>/vmemmap.c), as Linux's does.
 */
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/bootmem_info.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/numa.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif

void get_page_bootmem(unsigned long info, struct page *page, unsigned long type)
{
	/* page->index is free: a reserved page has no mapping and no offset in one. */
	page->index = type;
	__SetPagePrivate(page);
	set_page_private(page, info);
	page_ref_inc(page);
}

void put_page_bootmem(struct page *page)
{
	unsigned long type = page->index;

	if (type < MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE || type > MEMORY_HOTPLUG_MAX_BOOTMEM_TYPE)
		panic("put_page_bootmem: pfn %#lx has type %lu, not a bootmem_info type (%d..%d)",
		      page_to_pfn(page), type, MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE,
		      MEMORY_HOTPLUG_MAX_BOOTMEM_TYPE);

	/*
	 * One reference is memmap_init()'s own, the page's "reserved" state;
	 * the others are registrations.  Dropping the last registration leaves
	 * the page as boot left it, and free_reserved_page() then frees it.
	 */
	page->_refcount--;
	if (page->_refcount == 1) {
		page->index = 0;
		__ClearPagePrivate(page);
		set_page_private(page, 0);
		INIT_LIST_HEAD(&page->lru);
		free_reserved_page(page);
	}
}

#ifdef CONFIG_SPARSEMEM
unsigned long put_range_bootmem(const void *addr, size_t size)
{
	unsigned long freed = 0;

	for (unsigned long pfn = PFN_DOWN(__pa(addr)); pfn < PFN_UP(__pa(addr) + size); pfn++) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;	/* never tagged: see get_range_bootmem() */
		page = pfn_to_page(pfn);
		put_page_bootmem(page);
		freed += !PageReserved(page);	/* the last user: it is free now */
	}
	return freed;
}

/* Tag the whole pages of [@addr, @addr + @size), lowmem addresses. */
static unsigned long get_range_bootmem(unsigned long info, const void *addr, size_t size,
				       unsigned long type)
{
	unsigned long start = PFN_DOWN(__pa(addr)), end = PFN_UP(__pa(addr) + size);
	unsigned long n = 0;

	/*
	 * Only pages with a struct page: with mem= leaving the kernel image
	 * outside RAM (ARM's mem=256M@0x50000000), a static pglist_data lies
	 * in no section at all.
	 */
	for (unsigned long pfn = start; pfn < end; pfn++) {
		if (!pfn_valid(pfn))
			continue;
		get_page_bootmem(info, pfn_to_page(pfn), type);
		n++;
	}
	return n;
}

/* Linux's register_page_bootmem_info_section(): one section's map and usage. */
static unsigned long register_page_bootmem_info_section(unsigned long start_pfn)
{
	unsigned long section_nr = pfn_to_section_nr(start_pfn);
	struct mem_section *ms = __nr_to_section(section_nr);
	unsigned long n = 0;

	if (!valid_section(ms))
		return 0;
	/* The encoded map is biased by the section's first pfn: decode it. */
	struct page *memmap = sparse_decode_mem_map(ms->section_mem_map, section_nr);

#ifdef CONFIG_SPARSEMEM_VMEMMAP
	n += register_page_bootmem_memmap(section_nr, memmap, PAGES_PER_SECTION);
#else
	n += get_range_bootmem(section_nr, memmap, sizeof(struct page) * PAGES_PER_SECTION,
			       SECTION_INFO);
#endif
	n += get_range_bootmem(section_nr, ms->usage, mem_section_usage_size(), MIX_SECTION_INFO);
	return n;
}
#endif

unsigned long __init register_page_bootmem_info_node(struct pglist_data *pgdat)
{
	unsigned long n = 0;
#ifdef CONFIG_SPARSEMEM
	int node = pgdat->node_id;

	n += get_range_bootmem((unsigned long)node, pgdat, sizeof(*pgdat), NODE_INFO);
	/*
	 * A section shared by two nodes is registered once, by the node of its
	 * first pfn of memory: Linux asks early_pfn_to_nid() of the section's
	 * first pfn, which there falls back to node 0 for a hole; here a hole
	 * (pfn 0 on a PC) has no node, so ask of the node's first pfn instead.
	 */
	for (unsigned long pfn = pgdat->node_start_pfn & PAGE_SECTION_MASK; pfn < pgdat_end_pfn(pgdat);
	     pfn += PAGES_PER_SECTION) {
		unsigned long first = max(pfn, pgdat->node_start_pfn);

		if (pfn_valid(pfn) && early_pfn_to_nid(first) == node)
			n += register_page_bootmem_info_section(pfn);
	}
#else
	(void)pgdat;
#endif
	return n;
}

void __init register_page_bootmem_info(void)
{
#ifdef CONFIG_SPARSEMEM
	unsigned long n = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid] && node_data[nid]->node_spanned_pages)
			n += register_page_bootmem_info_node(node_data[nid]);
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	pr_info("bootmem_info: %lu metadata pages registered (pglist_data, section usage, vmemmap pages from the page tables)\n", n);
#else
	pr_info("bootmem_info: %lu metadata pages registered (pglist_data, section memmap and usage)\n", n);
#endif
#endif
}
