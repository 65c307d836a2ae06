/* SPDX-License-Identifier: MIT */
/*
 * struct page: what the kernel knows about one physical page frame (Linux's
 * include/linux/mm_types.h, laid out as on a 32-bit Linux without the
 * optional fields).
 *
 * There is one struct page for every page frame the memory model covers
 * (mem_map, see mm/<model>.c), so its size is a cost paid per 4 KiB of RAM:
 * 32 bytes here, 0.8% of memory.  Debian's 686-pae struct page is 40 bytes
 * (memcg and more), armmp-lpae's 36: their "pages used for memmap" are
 * larger than ours by that ratio.
 */
#ifndef BOOTMM_MM_MM_TYPES_H
#define BOOTMM_MM_MM_TYPES_H

#include <kernel/kernel.h>
#include <kernel/types.h>

struct list_head {
	struct list_head *next, *prev;
};

struct page {
	unsigned long flags;		/* PG_* bits, and zone/node/section numbers at the top */
	union {
		struct {		/* page allocator, page cache */
			struct list_head lru;		/* free lists, LRU lists */
			void *mapping;
			unsigned long index;
			unsigned long private;		/* buddy order when free */
		};
		struct {		/* the head of a compound page */
			unsigned long compound_head;
			unsigned long _pad[4];
		};
	};
	union {
		int _mapcount;		/* page tables mapping it, minus one */
		unsigned int page_type;	/* or, for pages nobody maps: PG_buddy etc. (page_flags.h) */
	};
	int _refcount;			/* users; 0 when free */
};

BUILD_BUG_ON(sizeof(unsigned long) == 4 && sizeof(struct page) != 32);

#endif
