// SPDX-License-Identifier: MIT
/*
 * SPARSEMEM's sections, shared by the two sparse models (Linux's
 * mm/sparse.c): mm/memory_model/sparsemem.c and vmemmap.c each add the one
 * thing they do differently, __populate_section_memmap(), and their
 * pfn_to_page()/page_to_pfn().  mm/mm.mk builds this file with them.
 *
 * Boot pipeline: free_area_init() calls memmap_prepare() = sparse_init():
 *   1. memory the sections cannot describe (above MAX_PHYSMEM_BITS, or
 *      beyond the VMEMMAP window) is refused, with Linux's warning;
 *   2. memblocks_present(): every section memblock.memory touches is marked
 *      present, remembering its node in the bits the map will use later;
 *   3. sparse_init_nid(), node by node: one allocation holds the
 *      mem_section_usage of all the node's present sections, then each
 *      section gets its memory map and section_mem_map encodes it;
 *   4. the subsection maps record which 2 MiB pieces have memory (Linux
 *      does this in free_area_init(), under "Early memory node ranges").
 * A section without memory gets nothing: on ARM's twobanks machine the 1.5
 * GiB hole is six absent sections and costs 48 bytes of mem_section[].
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/sparse.h>

struct mem_section mem_section[NR_SECTION_ROOTS][SECTIONS_PER_ROOT];

/* The highest present section: loops over sections stop there. */
unsigned long __highest_present_section_nr;

static unsigned long nr_present_sections;	/* marked present */
static unsigned long nr_memmap_sections;	/* with a memory map */

/* The next present section after @section_nr (-1 to start), or -1 if none. */
static long next_present_section_nr(long section_nr)
{
	while (++section_nr <= (long)__highest_present_section_nr)
		if (present_section_nr((unsigned long)section_nr))
			return section_nr;
	return -1;
}

#define for_each_present_section_nr(start, nr)					\
	for (nr = next_present_section_nr((long)(start) - 1); nr != -1;	\
	     nr = next_present_section_nr(nr))

/*
 * Until its map exists, a present section keeps its node above the flag
 * bits of section_mem_map (Linux's sparse_encode_early_nid()).
 */
static unsigned long sparse_encode_early_nid(int nid)
{
	return (unsigned long)nid << SECTION_NID_SHIFT;
}

static int sparse_early_nid(const struct mem_section *section)
{
	return (int)(section->section_mem_map >> SECTION_NID_SHIFT);
}

/**
 * sparse_max_pfn - the first pfn the sparse model cannot describe
 *
 * 2^(MAX_PHYSMEM_BITS - PAGE_SHIFT); under VMEMMAP at most as many pfns as
 * the window holds struct pages.
 */
unsigned long sparse_max_pfn(void)
{
	unsigned long max = 1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT);

#ifdef CONFIG_SPARSEMEM_VMEMMAP
	max = min(max, (unsigned long)(VMEMMAP_SIZE / sizeof(struct page)));
#endif
	return max;
}

/*
 * Linux's mminit_validate_memmodel_limits(): a range reaching past what the
 * sections describe is clipped, with a warning.  Linux prints the mminit
 * line only with mminit_loglevel=, and its WARN_ON_ONCE's report always;
 * bootmm prints both.
 */
static void __init mminit_validate_memmodel_limits(unsigned long *start_pfn,
						   unsigned long *end_pfn)
{
	unsigned long max_sparsemem_pfn = sparse_max_pfn();

	if (*start_pfn > max_sparsemem_pfn) {
		pr_warn("mminit::pfnvalidation Start of range %lu -> %lu exceeds SPARSEMEM max %lu\n",
			*start_pfn, *end_pfn, max_sparsemem_pfn);
		WARN_ON_ONCE(1);
		*start_pfn = max_sparsemem_pfn;
		*end_pfn = max_sparsemem_pfn;
	} else if (*end_pfn > max_sparsemem_pfn) {
		pr_warn("mminit::pfnvalidation End of range %lu -> %lu exceeds SPARSEMEM max %lu\n",
			*start_pfn, *end_pfn, max_sparsemem_pfn);
		WARN_ON_ONCE(1);
		*end_pfn = max_sparsemem_pfn;
	}
}

/*
 * Memory the sections cannot describe has no struct pages, so nothing past
 * this point may see it: memblock forgets it.  (Linux only clips the range
 * it marks present and leaves memblock alone; its arch code never hands
 * such memory over.  Here a bank above MAX_PHYSMEM_BITS can only come from
 * a unit test, since e820.c and fdt.c refuse it first; VMEMMAP's 4 GiB
 * window is met by a PC with more than 3.5 GiB.)
 */
static void __init sparse_refuse_unmappable_memory(void)
{
	unsigned long start_pfn, end_pfn, max_pfn_ok = sparse_max_pfn();
	phys_addr_t limit = PFN_PHYS(max_pfn_ok);
	int i;

	if (memblock_end_of_DRAM() <= limit)
		return;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, NULL) {
		unsigned long s = start_pfn, e = end_pfn;

		if (end_pfn <= max_pfn_ok)
			continue;
		mminit_validate_memmodel_limits(&s, &e);
		pr_warn("%s: ignoring memory [mem %#018Lx-%#018Lx]: no section can hold pfns from %#lx (%s)\n",
			memory_model_name, (u64)PFN_PHYS(max(start_pfn, max_pfn_ok)),
			(u64)PFN_PHYS(end_pfn) - 1, max_pfn_ok,
#ifdef CONFIG_SPARSEMEM_VMEMMAP
			max_pfn_ok < 1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT) ?
			"the end of the VMEMMAP window" :
#endif
			"MAX_PHYSMEM_BITS");
	}
	memblock_remove(limit, PHYS_ADDR_MAX - limit);
}

/* Record a memory range against its node: its sections become present. */
static void __init memory_present(int nid, unsigned long start, unsigned long end)
{
	start &= PAGE_SECTION_MASK;
	mminit_validate_memmodel_limits(&start, &end);
	for (unsigned long pfn = start; pfn < end; pfn += PAGES_PER_SECTION) {
		unsigned long section_nr = pfn_to_section_nr(pfn);
		struct mem_section *ms = __nr_to_section(section_nr);

		/* A section shared by two nodes belongs to the first. */
		if (ms->section_mem_map)
			continue;
		ms->section_mem_map = sparse_encode_early_nid(nid) | SECTION_IS_ONLINE |
				      SECTION_MARKED_PRESENT;
		if (section_nr > __highest_present_section_nr)
			__highest_present_section_nr = section_nr;
		nr_present_sections++;
	}
}

/* Every memblock.memory range's sections are present (Linux's memblocks_present()). */
static void __init memblocks_present(void)
{
	unsigned long start, end;
	int i, nid;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid)
		memory_present(nid, start, end);
}

/**
 * sparse_encode_mem_map - the section_mem_map bits for a section's map
 * @mem_map: the struct page of the section's first pfn
 * @pnum: the section number
 *
 * The pointer is biased by the section's first pfn, so that pfn_to_page(pfn)
 * is "encoded + pfn" for every pfn of the section.  The bias may point below
 * any object (or wrap round), so it is computed on integers.
 */
unsigned long sparse_encode_mem_map(struct page *mem_map, unsigned long pnum)
{
	unsigned long coded_mem_map = (unsigned long)mem_map -
				      section_nr_to_pfn(pnum) * sizeof(struct page);

	BUILD_BUG_ON(SECTION_MAP_LAST_BIT > PFN_SECTION_SHIFT);
	BUG_ON(coded_mem_map & ~SECTION_MAP_MASK);
	return coded_mem_map;
}

/**
 * sparse_decode_mem_map - the struct page of section @pnum's first pfn
 * @coded_mem_map: a section_mem_map (its flag bits are ignored)
 * @pnum: the section number
 */
struct page *sparse_decode_mem_map(unsigned long coded_mem_map, unsigned long pnum)
{
	coded_mem_map &= SECTION_MAP_MASK;
	return (struct page *)(coded_mem_map + section_nr_to_pfn(pnum) * sizeof(struct page));
}

static void __init sparse_init_one_section(struct mem_section *ms, unsigned long pnum,
					   struct page *mem_map,
					   struct mem_section_usage *usage, unsigned long flags)
{
	ms->section_mem_map &= ~SECTION_MAP_MASK;	/* the early node goes */
	ms->section_mem_map |= sparse_encode_mem_map(mem_map, pnum) | SECTION_HAS_MEM_MAP | flags;
	ms->usage = usage;
	nr_memmap_sections++;
}

static unsigned long usemap_size(void)
{
	return BITS_TO_LONGS(SECTION_BLOCKFLAGS_BITS) * sizeof(unsigned long);
}

/* One section's struct mem_section_usage, pageblock bits included. */
size_t mem_section_usage_size(void)
{
	return sizeof(struct mem_section_usage) + usemap_size();
}

/*
 * The present sections [@pnum_begin, @pnum_end) of node @nid, @map_count of
 * them: their usages in one zeroed allocation (every pageblock starts
 * MIGRATE_UNMOVABLE, no subsection marked), then a memory map each.
 */
static void __init sparse_init_nid(int nid, unsigned long pnum_begin, unsigned long pnum_end,
				   unsigned long map_count)
{
	struct mem_section_usage *usage;
	long pnum;

	/*
	 * Whole pages of their own: memory hot-remove frees a usage page once
	 * its last section goes (put_page_bootmem()), which would free anything
	 * else memblock had packed into it.  (Linux never frees boot usages and
	 * packs them with SMP_CACHE_BYTES alignment.)
	 */
	usage = memblock_alloc_node(ALIGN(mem_section_usage_size() * map_count, PAGE_SIZE), PAGE_SIZE,
				    nid);
	if (!usage) {
		pr_err("%s: node[%d] usemap allocation failed", __func__, nid);
		goto failed;
	}
	for_each_present_section_nr(pnum_begin, pnum) {
		unsigned long pfn = section_nr_to_pfn((unsigned long)pnum);
		struct page *map;

		if ((unsigned long)pnum >= pnum_end)
			break;
		map = __populate_section_memmap(pfn, PAGES_PER_SECTION, nid);
		if (!map) {
			pr_err("%s: node[%d] memory map backing failed. Some memory will not be available.",
			       __func__, nid);
			pnum_begin = (unsigned long)pnum;
			goto failed;
		}
		sparse_init_one_section(__nr_to_section((unsigned long)pnum), (unsigned long)pnum,
					map, usage, SECTION_IS_EARLY);
		usage = (void *)((char *)usage + mem_section_usage_size());
	}
	return;
failed:
	/*
	 * The rest of the node's sections have no map: they are not present.
	 * Their memory leaves memblock too, so that "Some memory will not be
	 * available" is what happens: nothing later (memmap_init(), the free
	 * of boot memory to the buddy allocator) may reach a pfn that has no
	 * struct page.  Linux leaves memblock alone there and VMEMMAP then
	 * faults in __free_pages_core() on the first such pfn.
	 */
	for_each_present_section_nr(pnum_begin, pnum) {
		phys_addr_t base;

		if ((unsigned long)pnum >= pnum_end)
			break;
		__nr_to_section((unsigned long)pnum)->section_mem_map = 0;
		nr_present_sections--;
		base = PFN_PHYS(section_nr_to_pfn((unsigned long)pnum));
		memblock_remove(base, (phys_addr_t)PAGES_PER_SECTION << PAGE_SHIFT);
	}
}

/**
 * subsection_map_init - mark the subsections [@pfn, @pfn + @nr_pages) touches
 * @pfn: the first pfn of a memory range
 * @nr_pages: its length
 *
 * Context: after sparse_init() has given the range's sections their usage.
 */
void __init subsection_map_init(unsigned long pfn, unsigned long nr_pages)
{
	while (nr_pages) {
		struct mem_section *ms = __pfn_to_section(pfn);
		unsigned long pfns = min(nr_pages, PAGES_PER_SECTION - (pfn & ~PAGE_SECTION_MASK));
		unsigned long idx = subsection_map_index(pfn);
		unsigned long end = subsection_map_index(pfn + pfns - 1);

		if (valid_section(ms))
			for (; idx <= end; idx++)
				ms->usage->subsection_map[idx / BITS_PER_LONG] |= 1UL << (idx % BITS_PER_LONG);
		pfn += pfns;
		nr_pages -= pfns;
	}
}

/**
 * sparse_init - SPARSEMEM's memmap_prepare(): sections and their maps
 *
 * Context: once, from free_area_init(), after numa_init() (the nodes'
 * pglist_data exist) and before any node is sized.
 */
void __init sparse_init(void)
{
	unsigned long start, end, map_count = 0, pnum_begin = 0;
	int i, nid_begin = -1;
	long pnum;

	sparse_refuse_unmappable_memory();
	memblocks_present();

	for_each_present_section_nr(0, pnum) {
		int nid = sparse_early_nid(__nr_to_section((unsigned long)pnum));

		if (nid == nid_begin) {
			map_count++;
			continue;
		}
		if (map_count)		/* the sections [pnum_begin, pnum) are nid_begin's */
			sparse_init_nid(nid_begin, pnum_begin, (unsigned long)pnum, map_count);
		nid_begin = nid;
		pnum_begin = (unsigned long)pnum;
		map_count = 1;
	}
	if (map_count)
		sparse_init_nid(nid_begin, pnum_begin, NR_MEM_SECTIONS, map_count);
	/*
	 * No section has a memory map: no page can ever be used.  Stop with
	 * the reason here, as FLATMEM's and SPARSEMEM's failed allocations do,
	 * rather than boot with "mem_map 0 KiB" and fault later (bootmm's own
	 * words).
	 */
	if (!nr_memmap_sections)
		panic("%s: no memory section got a memory map: no memory can be used",
		      memory_model_name);

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, NULL)
		subsection_map_init(start, end - start);
}

#ifndef __KERNEL__
void sparse_reset_for_tests(void)
{
	memset(mem_section, 0, sizeof(mem_section));
	__highest_present_section_nr = 0;
	nr_present_sections = nr_memmap_sections = 0;
}
#endif

/* --- the seam (include/mm/memory_model.h), for both sparse models ---------- */

void __init memmap_prepare(void)
{
	sparse_init();
}

/* Every node's sections got their maps in sparse_init(): nothing per node. */
void __init memmap_alloc_node(struct pglist_data *pgdat)
{
	pgdat->node_mem_map = NULL;	/* FLATMEM's; sparse maps are per section */
}

unsigned long __init memmap_nr_pages(void)
{
	return nr_memmap_sections * PAGES_PER_SECTION;
}

void __init memmap_report(void)
{
	pr_info("%s: %lu of %lu sections of %lu MiB have a mem_map; mem_section[] %lu KiB, usemaps %lu bytes\n",
		memory_model_name, nr_memmap_sections, NR_MEM_SECTIONS,
		1UL << (SECTION_SIZE_BITS - 20), (unsigned long)(sizeof(mem_section) >> 10),
		(unsigned long)(nr_memmap_sections * mem_section_usage_size()));
}

/* The sections: each has its map, or none (memmap_check walks whole ones). */
unsigned long memmap_granule(void)
{
	return PAGES_PER_SECTION;
}

/* A section without memory gets no map: the holes between sections cost nothing. */
bool __init memmap_maps_holes(void)
{
	return false;
}

/* memmap_check: a section's flags agree with memblock: present, early, online and mapped iff it has memory. */
static void check_section(unsigned long pfn, bool after_boot)
{
	unsigned long nr = pfn_to_section_nr(pfn);
	const struct mem_section *ms = __nr_to_section(nr);
	bool has_memory = memblock_overlaps_region(&memblock.memory, PFN_PHYS(pfn),
						   PFN_PHYS(PAGES_PER_SECTION));

	if (!ms) {
		if (has_memory)
			memmap_check_fail(pfn, "section %lu has memory but no struct mem_section", nr);
		return;
	}
	/* After boot, hot-plug may have added sections (not early) and offlined some. */
	if (has_memory && !(present_section(ms) && valid_section(ms) && ms->usage &&
			    (after_boot || (early_section(ms) && online_section(ms)))))
		memmap_check_fail(pfn, "section %lu has memory but section_mem_map is %#lx", nr,
			    ms->section_mem_map);
	if (!has_memory && (present_section(ms) || valid_section(ms)))
		memmap_check_fail(pfn, "section %lu has no memory but section_mem_map is %#lx", nr,
			    ms->section_mem_map);
}

void memmap_check_pfn(unsigned long pfn, bool valid, bool after_boot)
{
	if (!(pfn & ~PAGE_SECTION_MASK))
		check_section(pfn, after_boot);
	if (valid && !pfn_in_present_section(pfn))
		memmap_check_fail(pfn, "pfn_valid() in section %lu, which has no memory",
				  pfn_to_section_nr(pfn));
}

/* Hot-plug takes memory offline a section at a time (mm/memory_hotplug.c). */
bool memmap_pfn_online(unsigned long pfn)
{
	return online_section(__pfn_to_section(pfn));
}

/*
 * A pfn has a struct page if its section has a map; a section added after
 * boot (not "early") may have one for part of it only, which its
 * subsection map says (Linux 6.1's pfn_valid()).  Every section is early
 * in bootmm, which has no memory hot-plug: the subsection test is for them.
 */
bool pfn_valid(unsigned long pfn)
{
	struct mem_section *ms;

	if (PHYS_PFN(PFN_PHYS(pfn)) != pfn)
		return false;
	if (pfn_to_section_nr(pfn) >= NR_MEM_SECTIONS)
		return false;
	ms = __pfn_to_section(pfn);
	if (!valid_section(ms))
		return false;
	return early_section(ms) || pfn_section_valid(ms, pfn);
}

unsigned long *pfn_to_pageblock_bits(unsigned long pfn, unsigned long *bitidx)
{
	*bitidx = ((pfn & ~PAGE_SECTION_MASK) >> pageblock_order) * NR_PAGEBLOCK_BITS;
	return section_to_usemap(__pfn_to_section(pfn));
}
