/* SPDX-License-Identifier: MIT */
/*
 * Memory hot-plug, one section a memory block (Linux's
 * include/linux/memory_hotplug.h, mm/memory_hotplug.c and the memory blocks
 * of drivers/base/memory.c, /sys/devices/system/memory/memoryN).
 *
 * Offline isolates a block's pageblocks, succeeds only if every page is
 * free, and takes the free pages out of the buddy allocator; online gives
 * them back.  Remove tears an offline section down: its memory map and usage
 * go back to the buddy allocator, through put_page_bootmem() if boot
 * allocated them (mm/bootmem_info.c).  Add creates a section again, with a
 * memory map and usage from the buddy allocator, offline until onlined.
 * SPARSEMEM only: FLATMEM has no sections, and memory_hotplug_supported()
 * says so.
 */
#ifndef BOOTMM_MM_MEMORY_HOTPLUG_H
#define BOOTMM_MM_MEMORY_HOTPLUG_H

#include <kernel/errno.h>
#include <kernel/types.h>

/* Whether this kernel's memory model can hot-plug (a section model). */
bool memory_hotplug_supported(void);

/*
 * offline_pages - take [@start_pfn, @start_pfn + @nr_pages) away from the
 * page allocator.  Every pageblock is isolated first; if a page is not free,
 * the isolation is undone and *@busy_pfn names it.
 *
 * Return: 0, -EBUSY (a page in use), or -EINVAL (not one online zone).
 */
int offline_pages(unsigned long start_pfn, unsigned long nr_pages, unsigned long *busy_pfn);

/*
 * online_pages - give an offline range back to the buddy allocator, in the
 * zone its struct pages already name (its pageblocks become MIGRATE_MOVABLE).
 *
 * Return: 0, or -EINVAL if the range is not offline.
 */
int online_pages(unsigned long start_pfn, unsigned long nr_pages);

/*
 * remove_memory_section - tear down offline section @nr: its memory map and
 * usage freed (SPARSEMEM_VMEMMAP keeps the map's pages mapped in the VMEMMAP
 * window: unmapping it is not written).  *@freed counts the pages that went
 * back to the buddy allocator at once (a usage page other sections share
 * stays until the last of them goes).
 *
 * Return: 0, or -EINVAL if the section is not an offline one.
 */
int remove_memory_section(unsigned long nr, unsigned long *freed);

/*
 * add_memory_section - create section @nr again, offline: a memory map
 * (SPARSEMEM: 2^order pages from the buddy allocator; VMEMMAP: the window's
 * pages, still mapped if the section was there at boot) and a usage page.
 * The struct pages belong to the zone whose span holds the section.
 *
 * Return: 0; -EINVAL (present already, or outside every zone's span, or
 * VMEMMAP with no mapping), -ENOMEM.
 */
int add_memory_section(unsigned long nr);

#endif
