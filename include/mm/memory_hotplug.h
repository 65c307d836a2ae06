/* SPDX-License-Identifier: MIT */
/*
 * Memory hot-plug, one section a memory block (Linux's
 * include/linux/memory_hotplug.h, mm/memory_hotplug.c and the memory blocks
 * of drivers/base/memory.c, /sys/devices/system/memory/memoryN).
 *
 * A block's life, as Linux's:
 *   add_memory()      memblock learns the range; each section gets a memory
 *                     map and usage (mm/sparse_hotplug.c), its
 *                     pages reserved and in no zone yet: the block is offline.
 *   online_pages()    the block joins a zone (zone_for_pfn_range() chooses;
 *                     the zone's and node's spans grow to hold it) and its
 *                     pages go to the buddy allocator.
 *   offline_pages()   isolate, check that every page is free, take them out
 *                     of the allocator; the spans shrink if the block was at
 *                     an edge.
 *   remove_memory()   the sections lose their map and usage (boot's go back
 *                     through put_page_bootmem()), memblock forgets the range.
 * SPARSEMEM only: FLATMEM has no sections, and memory_hotplug_supported()
 * says so.
 */
#ifndef BOOTMM_MM_MEMORY_HOTPLUG_H
#define BOOTMM_MM_MEMORY_HOTPLUG_H

#include <kernel/errno.h>
#include <kernel/types.h>

struct zone;

/* How to online a block: Linux's MMOP_* (what is written to memoryN/state). */
enum {
	MMOP_OFFLINE = 0,
	MMOP_ONLINE,		/* "online": the default zone */
	MMOP_ONLINE_KERNEL,	/* "online_kernel" */
	MMOP_ONLINE_MOVABLE,	/* "online_movable" */
};

/* Whether this kernel's memory model can hot-plug (a section model). */
static inline bool memory_hotplug_supported(void)
{
#ifdef CONFIG_SPARSEMEM
	return true;
#else
	return false;
#endif
}

/* The rest: mm/memory_hotplug.c, built with the sparse models only. */

/* Bytes in one memory block: one section (Linux's memory_block_size_bytes()). */
u64 memory_block_size_bytes(void);

/*
 * memory_add_physaddr_to_nid - the node new memory at @start belongs to: the
 * node whose span holds it, else node 0 (on a NUMA machine with Linux's
 * "Unknown node" warning, as arm64's arch_numa.c prints).
 */
int memory_add_physaddr_to_nid(u64 start);

/*
 * add_memory - add [@start, @start + @size) to node @nid, offline: checked
 * as Linux checks it (section-aligned, addressable, not RAM already, an
 * online node), then memblock_add_node() and a memory map per section.
 *
 * Return: 0; -EINVAL (unaligned, or no such node), -E2BIG (beyond what the
 * sections can address), -EEXIST (overlaps RAM), -ENOMEM.
 */
int add_memory(int nid, u64 start, u64 size);

/*
 * remove_memory - remove [@start, @start + @size), every block of it
 * offline: memory maps and usages freed, memblock_remove().  *@freed counts
 * the metadata pages that went back to the buddy allocator at once (a usage
 * page other sections share stays until the last of them goes).
 *
 * Return: 0; -EINVAL (unaligned or not all there), -EBUSY (a block online).
 */
int remove_memory(u64 start, u64 size, unsigned long *freed);

/*
 * zone_for_pfn_range - the zone @online_type puts [@start_pfn, +@nr_pages)
 * of node @nid in (Linux's, with 32-bit HighMem added): MOVABLE is
 * ZONE_MOVABLE; KERNEL is the lowmem zone it meets (else Normal), or HighMem
 * for any block reaching max_low_pfn, whose pages the linear map does not
 * hold; ONLINE is whichever of the two the block already meets, else Movable
 * with movable_node (if it can hold the block), else the kernel zone.
 */
struct zone *zone_for_pfn_range(int online_type, int nid, unsigned long start_pfn,
				unsigned long nr_pages);

/*
 * zone_can_hold_pfn_range - whether @zone may take [@start_pfn, +@nr_pages):
 * a zone of low memory only below max_low_pfn (its pages must be in the
 * linear map); HighMem, and a Movable zone carved from HighMem, anywhere.
 */
bool zone_can_hold_pfn_range(const struct zone *zone, unsigned long start_pfn, unsigned long nr_pages);

/*
 * online_pages - give offline [@start_pfn, +@nr_pages) to @zone's buddy
 * allocator; the zone's and node's spans grow to hold it, a zone that was
 * empty gets its per-CPU lists and the zonelists are rebuilt.
 *
 * Return: 0; -EINVAL (not one offline block), -ERANGE (pfns above
 * max_low_pfn for a zone of low memory: refused with a message).
 */
int online_pages(unsigned long start_pfn, unsigned long nr_pages, struct zone *zone);

/*
 * offline_pages - take [@start_pfn, @start_pfn + @nr_pages) away from the
 * page allocator.  Every pageblock is isolated first; if a page is not free,
 * the isolation is undone and *@busy_pfn names it.
 *
 * Return: 0, -EBUSY (a page in use), or -EINVAL (not one online zone).
 */
int offline_pages(unsigned long start_pfn, unsigned long nr_pages, unsigned long *busy_pfn);

#endif
