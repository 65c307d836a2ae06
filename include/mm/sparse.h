/* SPDX-License-Identifier: MIT */
/*
 * SPARSEMEM's sections (the CONFIG_SPARSEMEM part of Linux's
 * include/linux/mmzone.h, and the interface of mm/sparse.c and
 * mm/sparse-vmemmap.c).
 *
 * Physical address space is cut into sections of 2^SECTION_SIZE_BITS bytes
 * (512 MiB on a PAE PC, 256 MiB on ARM LPAE: asm/memory_model.h).  Each has
 * a struct mem_section in mem_section[]; a section with memory has a memory
 * map (struct pages for all its pfns) and a struct mem_section_usage
 * (its pageblock bits, its subsection map); a section without memory has
 * neither and costs 8 bytes.  A pfn's section is its top bits:
 *
 *   pfn  = | section number (SECTIONS_SHIFT) | pfn in section (PFN_SECTION_SHIFT) |
 *
 * Boot pipeline: free_area_init() calls memmap_prepare(), which is
 * sparse_init() (mm/sparse.c): memblocks_present() marks the
 * sections memblock.memory touches, then each present section gets its
 * memory map from the model's __populate_section_memmap():
 * mm/memory_model/sparsemem.c allocates it from memblock, vmemmap.c maps it
 * into the VMEMMAP window.
 *
 * Only the sparse models include this header (through page_flags.h when
 * CONFIG_SPARSEMEM is set, or directly).
 */
#ifndef BOOTMM_MM_SPARSE_H
#define BOOTMM_MM_SPARSE_H

#include <asm/memory_model.h>
#include <kernel/kernel.h>
#include <kernel/types.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <kernel/errno.h>

#ifndef BITS_PER_LONG
#define BITS_PER_LONG		(__SIZEOF_LONG__ * 8)
#endif
#define BITS_TO_LONGS(nr)	DIV_ROUND_UP(nr, BITS_PER_LONG)
/*
 * The VMEMMAP window is a kernel address (asm/memory_model.h); a host unit
 * test reserves one of its own and says where (test_memory_model_vmemmap.c).
 */
#if defined(CONFIG_SPARSEMEM_VMEMMAP) && !defined(__KERNEL__)
extern unsigned long vmemmap_host_start, vmemmap_host_size;
#define VMEMMAP_START		vmemmap_host_start
#define VMEMMAP_SIZE		vmemmap_host_size
#endif

/* --- the geometry ---------------------------------------------------------- */

#define PA_SECTION_SHIFT	SECTION_SIZE_BITS
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define SECTIONS_SHIFT		(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
#define NR_MEM_SECTIONS		(1UL << SECTIONS_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK	(~(PAGES_PER_SECTION - 1))

/*
 * Subsections: 2 MiB pieces of a section, the unit memory hot-plug can add
 * (Linux 5.3 and later).  Each section's usage has one bit per subsection
 * that has memory; pfn_valid() consults it for sections added after boot.
 */
#define SUBSECTION_SHIFT	21
#define SUBSECTION_SIZE		(1UL << SUBSECTION_SHIFT)
#define PFN_SUBSECTION_SHIFT	(SUBSECTION_SHIFT - PAGE_SHIFT)
#define PAGES_PER_SUBSECTION	(1UL << PFN_SUBSECTION_SHIFT)
#define PAGE_SUBSECTION_MASK	(~(PAGES_PER_SUBSECTION - 1))
#define SUBSECTIONS_PER_SECTION	(1UL << (SECTION_SIZE_BITS - SUBSECTION_SHIFT))

/* The pageblock bits of one section: NR_PAGEBLOCK_BITS per pageblock. */
#define SECTION_BLOCKFLAGS_BITS	((1UL << (PFN_SECTION_SHIFT - pageblock_order)) * NR_PAGEBLOCK_BITS)

/* A buddy block may not straddle two sections: one may have no memory map. */
BUILD_BUG_ON(MAX_ORDER - 1 + PAGE_SHIFT > SECTION_SIZE_BITS);
BUILD_BUG_ON(SUBSECTION_SHIFT > SECTION_SIZE_BITS);

/**
 * struct mem_section_usage - what a section with memory keeps besides its map
 * @subsection_map: one bit per SUBSECTION_SIZE piece that has memory
 * @pageblock_flags: NR_PAGEBLOCK_BITS per pageblock (the migrate type),
 *	SECTION_BLOCKFLAGS_BITS in all; the array runs past the structure
 *
 * Linux 6.1 has @subsection_map only with SPARSEMEM_VMEMMAP; bootmm keeps it
 * for both sparse models so that pfn_valid() reads the same in both.
 */
struct mem_section_usage {
	unsigned long subsection_map[BITS_TO_LONGS(SUBSECTIONS_PER_SECTION)];
	unsigned long pageblock_flags[];
};

/**
 * struct mem_section - one section of physical address space
 * @section_mem_map: the encoded memory map and flags, see below
 * @usage: the section's struct mem_section_usage, NULL while it has no map
 */
struct mem_section {
	unsigned long section_mem_map;
	struct mem_section_usage *usage;
};

/*
 * @section_mem_map, bit by bit:
 *
 *   | (unsigned long)(mem_map - section_start_pfn) ... | EARLY | ONLINE | HAS_MEM_MAP | PRESENT |
 *
 * The top bits are a struct page pointer "biased" by the section's first pfn:
 * the struct page of pfn p is then that pointer + p, with no subtraction of
 * the section's start (sparse_encode_mem_map()).  A struct page is 32 bytes
 * and memory maps are page aligned, so the low bits are always zero and hold
 * the flags.  Before the map exists (between memory_present() and
 * sparse_init()), the bits above the flags hold the section's node instead.
 */
enum {
	SECTION_MARKED_PRESENT_BIT,	/* memblock has memory in it */
	SECTION_HAS_MEM_MAP_BIT,	/* its memory map exists: pfn_valid() */
	SECTION_IS_ONLINE_BIT,		/* its pages are in the page allocator's hands */
	SECTION_IS_EARLY_BIT,		/* present at boot (not hot-added) */
	SECTION_MAP_LAST_BIT,
};
#define SECTION_MARKED_PRESENT	(1UL << SECTION_MARKED_PRESENT_BIT)
#define SECTION_HAS_MEM_MAP	(1UL << SECTION_HAS_MEM_MAP_BIT)
#define SECTION_IS_ONLINE	(1UL << SECTION_IS_ONLINE_BIT)
#define SECTION_IS_EARLY	(1UL << SECTION_IS_EARLY_BIT)
#define SECTION_MAP_MASK	(~((1UL << SECTION_MAP_LAST_BIT) - 1))
#define SECTION_NID_SHIFT	SECTION_MAP_LAST_BIT

/*
 * SPARSEMEM_STATIC: mem_section[] is one static array with a root per
 * section.  Linux's SPARSEMEM_EXTREME allocates a page of sections per root
 * on demand, for 64-bit machines with 2^19 sections or more; with 2^7
 * (i386 PAE) or 2^12 (ARM LPAE) sections of 8 bytes, 1 KiB or 32 KiB, the
 * static array costs less than EXTREME's page-per-root bookkeeping.  The
 * two-level indexing is kept so the code reads like Linux's.
 */
#define SECTIONS_PER_ROOT	1UL
#define NR_SECTION_ROOTS	DIV_ROUND_UP(NR_MEM_SECTIONS, SECTIONS_PER_ROOT)
#define SECTION_NR_TO_ROOT(sec)	((sec) / SECTIONS_PER_ROOT)
#define SECTION_ROOT_MASK	(SECTIONS_PER_ROOT - 1)

extern struct mem_section mem_section[NR_SECTION_ROOTS][SECTIONS_PER_ROOT];
extern unsigned long __highest_present_section_nr;

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline unsigned long section_nr_to_pfn(unsigned long sec)
{
	return sec << PFN_SECTION_SHIFT;
}

static inline struct mem_section *__nr_to_section(unsigned long nr)
{
	if (SECTION_NR_TO_ROOT(nr) >= NR_SECTION_ROOTS)
		return NULL;
	return &mem_section[SECTION_NR_TO_ROOT(nr)][nr & SECTION_ROOT_MASK];
}

static inline struct mem_section *__pfn_to_section(unsigned long pfn)
{
	return __nr_to_section(pfn_to_section_nr(pfn));
}

/* The section's encoded map: add a pfn of the section to get its struct page. */
static inline struct page *__section_mem_map_addr(const struct mem_section *section)
{
	return (struct page *)(section->section_mem_map & SECTION_MAP_MASK);
}

static inline bool present_section(const struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_MARKED_PRESENT);
}

static inline bool present_section_nr(unsigned long nr)
{
	return present_section(__nr_to_section(nr));
}

static inline bool valid_section(const struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_HAS_MEM_MAP);
}

static inline bool valid_section_nr(unsigned long nr)
{
	return valid_section(__nr_to_section(nr));
}

static inline bool early_section(const struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_IS_EARLY);
}

static inline bool online_section(const struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_IS_ONLINE);
}

static inline bool online_section_nr(unsigned long nr)
{
	return online_section(__nr_to_section(nr));
}

static inline unsigned long *section_to_usemap(const struct mem_section *section)
{
	return section->usage->pageblock_flags;
}

/* Which bit of the subsection map covers @pfn. */
static inline unsigned long subsection_map_index(unsigned long pfn)
{
	return (pfn & ~PAGE_SECTION_MASK) / PAGES_PER_SUBSECTION;
}

static inline bool pfn_section_valid(const struct mem_section *ms, unsigned long pfn)
{
	unsigned long idx = subsection_map_index(pfn);

	return ms->usage->subsection_map[idx / BITS_PER_LONG] & (1UL << (idx % BITS_PER_LONG));
}

/* True if @pfn lies in a section memblock had memory in (map or not). */
static inline bool pfn_in_present_section(unsigned long pfn)
{
	return present_section(__pfn_to_section(pfn));
}

/* --- mm/sparse.c ---------------------------------------------- */

void sparse_init(void);
void subsection_map_init(unsigned long pfn, unsigned long nr_pages);
unsigned long sparse_encode_mem_map(struct page *mem_map, unsigned long pnum);
struct page *sparse_decode_mem_map(unsigned long coded_mem_map, unsigned long pnum);
size_t mem_section_usage_size(void);
unsigned long sparse_max_pfn(void);
#ifndef __KERNEL__
void sparse_reset_for_tests(void);	/* forget every section */
#endif

/*
 * __populate_section_memmap - give [@pfn, @pfn + @nr_pages) struct pages
 *
 * The one thing the two sparse models do differently (Linux's
 * mm/sparse.c and mm/sparse-vmemmap.c): SPARSEMEM allocates the array from
 * memblock, anywhere; SPARSEMEM_VMEMMAP places it at vmemmap + @pfn and
 * backs that virtual range with memory (vmemmap_populate()).
 *
 * Return: the struct page of @pfn, or NULL if there was no memory for it.
 */
struct page *__populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid);

/*
 * populate_section_memmap - the same after boot, for a hot-added section:
 * SPARSEMEM allocates from the buddy allocator; SPARSEMEM_VMEMMAP maps the
 * window's slice again, with pages from the buddy allocator.
 *
 * Return: the struct page of @pfn, or NULL if there was no memory for it.
 */
struct page *populate_section_memmap(unsigned long pfn, unsigned long nr_pages, int nid);

/*
 * depopulate_section_memmap - free the map of @nr_pages struct pages from
 * @memmap that populate_section_memmap() made.  free_map_bootmem - free a
 * section's map boot made, whose pages bootmem_info tagged: through
 * put_page_bootmem().  The section's section_mem_map is cleared already.
 *
 * Return: the pages that went back to the buddy allocator.
 */
unsigned long depopulate_section_memmap(struct page *memmap, unsigned long nr_pages);
unsigned long free_map_bootmem(struct page *memmap);

/* --- mm/sparse_hotplug.c --------------------------------------- */

/*
 * sparse_add_section - create section @section_nr for node @nid: usage and
 * memory map from the buddy allocator, every struct page reserved (offline).
 *
 * Return: 0, -EEXIST (present already), -E2BIG (beyond the sections'
 * reach), -ENOMEM.
 */
int sparse_add_section(int nid, unsigned long section_nr);

/*
 * sparse_remove_section - tear down offline section @section_nr: its map and
 * usage freed (boot's through put_page_bootmem()).
 *
 * Return: the pages that went back to the buddy allocator at once.
 */
unsigned long sparse_remove_section(unsigned long section_nr);

/* --- boot/<arch>/vmemmap.c: the page tables behind the window ------------------ */

/*
 * vmemmap_populate - map [@start, @end) of the VMEMMAP window with memory
 * from @node (page-directory or first-level entries), from
 * vmemmap_alloc_block().
 *
 * Return: 0, or -ENOMEM.
 */
int vmemmap_populate(unsigned long start, unsigned long end, int node);

/*
 * vmemmap_free - unmap [@start, @end) of the window and free the memory
 * behind it, each block by vmemmap_free_block().
 *
 * Return: the pages that went back to the buddy allocator.
 */
unsigned long vmemmap_free(unsigned long start, unsigned long end);

/*
 * register_page_bootmem_memmap - tag the pages behind section @section_nr's
 * slice of the window [@map, @map + @nr_pages) as its SECTION_INFO, by
 * walking the page tables (there is no other way to find them).
 *
 * Return: the number of pages tagged.
 */
unsigned long register_page_bootmem_memmap(unsigned long section_nr, struct page *map,
					   unsigned long nr_pages);

/* --- mm/memory_model/vmemmap.c: the window's memory, for the arch code --------- */

/*
 * vmemmap_alloc_block - @size bytes, @size-aligned, for the window: from
 * memblock while booting, from the buddy allocator once it owns memory
 * (Linux's vmemmap_alloc_block(), which asks slab_is_available()).
 *
 * Return: the physical address, or 0.
 */
phys_addr_t vmemmap_alloc_block(unsigned long size, int node);

/*
 * vmemmap_free_block - give back a block vmemmap_alloc_block() returned
 * (Linux's free_pagetable()): boot's pages through put_page_bootmem() if
 * bootmem_info tagged them, else free_reserved_page(); a hot-add's to the
 * buddy allocator.
 *
 * Return: the pages that went back to the buddy allocator.
 */
unsigned long vmemmap_free_block(phys_addr_t phys, unsigned long size);

#endif
