/* SPDX-License-Identifier: MIT */
/*
 * Pageblock bits: each pageblock (pageblock_nr_pages pages, 4 MiB) records
 * its migrate type in NR_PAGEBLOCK_BITS bits of a bitmap the memory model
 * keeps (Linux's include/linux/pageblock-flags.h and the
 * get/set_pfnblock_flags_mask() of mm/page_alloc.c).
 *
 * Boot pipeline: memmap_init() (mm/mm_init.c) marks every pageblock that
 * starts on memory MIGRATE_MOVABLE, so that the kernel's early unmovable
 * allocations do not scatter over all of them; the buddy allocator later
 * reads and changes the types as it steals blocks between free lists.
 * Where the bits are depends on the model: FLATMEM keeps one bitmap beside
 * mem_map, SPARSEMEM one per section in its mem_section_usage; both answer
 * pfn_to_pageblock_bits() (include/mm/memory_model.h).
 *
 * The four bits of a pageblock, low to high:
 *
 *   | PB_migrate_skip | PB_migrate (3 bits): enum migratetype |
 */
#ifndef BOOTMM_MM_PAGEBLOCK_H
#define BOOTMM_MM_PAGEBLOCK_H

#include <kernel/kernel.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>

/* The values the buddy allocator expects (include/mm/mmzone.h may have them). */
#ifndef MIGRATE_UNMOVABLE
#define MIGRATE_UNMOVABLE	0
#define MIGRATE_MOVABLE		1
#define MIGRATE_RECLAIMABLE	2
#endif

enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,	/* 3 bits: up to 8 migrate types */
	PB_migrate_skip,			/* compaction skips the block */
	NR_PAGEBLOCK_BITS_USED
};

#define PB_migratetype_bits	3
#define MIGRATETYPE_MASK	((1UL << PB_migratetype_bits) - 1)

BUILD_BUG_ON(NR_PAGEBLOCK_BITS_USED != NR_PAGEBLOCK_BITS);
/* A pageblock's bits never straddle two words of the bitmap. */
BUILD_BUG_ON((8 * sizeof(unsigned long)) % NR_PAGEBLOCK_BITS != 0);

unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags, unsigned long pfn,
			     unsigned long mask);

/**
 * get_pageblock_migratetype - the migrate type of @page's pageblock
 * @page: any page of the block
 *
 * Return: MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, ...
 */
int get_pageblock_migratetype(const struct page *page);

/**
 * set_pageblock_migratetype - give @page's pageblock a migrate type
 * @page: any page of the block
 * @migratetype: MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, ...
 */
void set_pageblock_migratetype(struct page *page, int migratetype);

static inline bool pageblock_aligned(unsigned long pfn)
{
	return IS_ALIGNED(pfn, pageblock_nr_pages);
}

static inline unsigned long pageblock_start_pfn(unsigned long pfn)
{
	return ALIGN_DOWN(pfn, pageblock_nr_pages);
}

static inline unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return ALIGN(pfn + 1, pageblock_nr_pages);
}

#endif
