/* SPDX-License-Identifier: MIT */
/*
 * bootmem_info: marking the pages that hold memory-management metadata
 * allocated at boot (Linux's include/linux/bootmem_info.h, mm/bootmem_info.c).
 *
 * A node's pglist_data, a section's memory map and its mem_section_usage were
 * allocated from memblock before the buddy allocator existed, so they are
 * PageReserved and nobody owns them.  Memory hot-remove must later give them
 * back; to know what each page holds and for whom, register_page_bootmem_info_node()
 * tags them: page->index = the kind (SECTION_INFO, MIX_SECTION_INFO,
 * NODE_INFO), page->private = the owner (section number or node id),
 * PagePrivate set, and one extra reference per registration.  The last
 * put_page_bootmem() frees the page to the buddy allocator.
 */
#ifndef BOOTMM_MM_BOOTMEM_INFO_H
#define BOOTMM_MM_BOOTMEM_INFO_H

#include <mm/mm_types.h>

struct pglist_data;

/*
 * The kinds of metadata page, Linux's values: page->index holds one.  They
 * start at 12 so that an ordinary page's index (0 ... 11 for a page that
 * never had one set) is not mistaken for a tag.
 */
enum bootmem_type {
	MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE = 12,
	SECTION_INFO = MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE,	/* a section's memory map */
	MIX_SECTION_INFO,				/* a section's mem_section_usage */
	NODE_INFO,					/* a node's pglist_data */
	MEMORY_HOTPLUG_MAX_BOOTMEM_TYPE = NODE_INFO,
};

/* get_page_bootmem - tag @page as metadata of kind @type for owner @info, take a reference. */
void get_page_bootmem(unsigned long info, struct page *page, unsigned long type);

/*
 * put_page_bootmem - drop a reference taken by get_page_bootmem(); at the
 * last one (refcount back to 1, the boot reference) untag the page and free
 * it to the buddy allocator.  A page whose index is not a bootmem type is a
 * BUG: it was never registered, and freeing it would corrupt its user.
 */
void put_page_bootmem(struct page *page);

/*
 * put_range_bootmem - put_page_bootmem() on each page of [@addr, @addr +
 * @size) (lowmem addresses) that has a struct page: a section's memory map
 * or usage, going away with it.  SPARSEMEM only.
 *
 * Return: the pages that went back to the buddy allocator (their last user).
 */
unsigned long put_range_bootmem(const void *addr, size_t size);

/*
 * register_page_bootmem_info_node - tag @pgdat's own pages and the memory map
 * and usage pages of every present section the node owns.  SPARSEMEM only
 * (FLATMEM has no sections and no hot-plug): elsewhere it does nothing.
 *
 * Return: the number of pages tagged (for the boot line and the tests).
 */
unsigned long register_page_bootmem_info_node(struct pglist_data *pgdat);

/* register_page_bootmem_info - the above for every node, one "bootmem_info:" line. */
void register_page_bootmem_info(void);

#endif
