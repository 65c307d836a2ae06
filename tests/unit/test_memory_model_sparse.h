/* SPDX-License-Identifier: MIT */
/*
 * Tests of SPARSEMEM's sections (mm/sparse.c), shared by the
 * SPARSEMEM and SPARSEMEM_VMEMMAP programs of both geometries
 * (test_memory_model_{sparsemem,vmemmap}[_arm].c): the section arithmetic,
 * the section_mem_map encoding and flags, the subsection map behind
 * pfn_valid(), the usemaps, and memory the sections cannot hold.
 * Include after test_memory_model.h.
 */
#ifndef BOOTMM_TEST_MEMORY_MODEL_SPARSE_H
#define BOOTMM_TEST_MEMORY_MODEL_SPARSE_H

#include "test_memory_model.h"

#define X86_GEOMETRY	(SECTION_SIZE_BITS == 29)	/* else ARM's, 28 */

/*
 * The numbers Linux's headers give: a PAE PC has 128 sections of 512 MiB
 * (2^17 pfns), ARM LPAE 4096 of 256 MiB (2^16 pfns); 2 MiB subsections; 4
 * pageblock bits for each of the 128 or 64 pageblocks of a section.
 */
static void test_section_geometry(void **state)
{
	(void)state;
	assert_int_equal(PAGES_PER_SECTION, X86_GEOMETRY ? 1UL << 17 : 1UL << 16);
	assert_int_equal(NR_MEM_SECTIONS, X86_GEOMETRY ? 128 : 4096);
	assert_int_equal(SECTIONS_SHIFT, X86_GEOMETRY ? 7 : 12);
	assert_int_equal(SUBSECTIONS_PER_SECTION, X86_GEOMETRY ? 256 : 128);
	assert_int_equal(SECTION_BLOCKFLAGS_BITS, X86_GEOMETRY ? 512 : 256);
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	assert_int_equal(SECTIONS_WIDTH, 0);	/* page_to_pfn() is a subtraction */
#else
	assert_int_equal(SECTIONS_WIDTH, SECTIONS_SHIFT);
#endif
	/* 3 GiB: section 6 of 512 MiB, 12 of 256 MiB. */
	assert_int_equal(pfn_to_section_nr(PFN(GiB(3))), X86_GEOMETRY ? 6 : 12);
	assert_int_equal(pfn_to_section_nr(PFN(GiB(3)) - 1), X86_GEOMETRY ? 5 : 11);
	assert_int_equal(section_nr_to_pfn(X86_GEOMETRY ? 6 : 12), PFN(GiB(3)));
	/* 5 MiB into a section: the third 2 MiB subsection. */
	assert_int_equal(subsection_map_index(PFN(GiB(3) + MiB(5))), 2);
	assert_int_equal(subsection_map_index(PFN(GiB(3)) - 1), SUBSECTIONS_PER_SECTION - 1);
	/* Past the last section: no struct mem_section, no valid pfn. */
	assert_null(__nr_to_section(NR_MEM_SECTIONS));
	assert_false(pfn_valid(section_nr_to_pfn(NR_MEM_SECTIONS)));
	assert_int_equal(sizeof(struct mem_section), 2 * sizeof(long));
}

/*
 * section_mem_map holds the map biased by the section's first pfn, so that
 * "encoded + pfn" is the pfn's struct page; the flags live in the low bits,
 * which a page-aligned map leaves free.  A misaligned map is a BUG.
 */
static void test_encode_decode(void **state)
{
	struct page *map = (struct page *)ram;
	unsigned long pnum = X86_GEOMETRY ? 6 : 12, pfn = section_nr_to_pfn(pnum);
	unsigned long coded = sparse_encode_mem_map(map, pnum);

	(void)state;
	assert_int_equal(coded & ~SECTION_MAP_MASK, 0);
	assert_int_equal(coded + pfn * sizeof(struct page), (unsigned long)map);
	assert_ptr_equal(sparse_decode_mem_map(coded | SECTION_HAS_MEM_MAP | SECTION_IS_EARLY, pnum), map);
	assert_int_equal(coded + (pfn + 1000) * sizeof(struct page), (unsigned long)&map[1000]);
	assert_int_equal(SECTION_MAP_MASK, ~0xfUL);
	expect_assert_failure(sparse_encode_mem_map((struct page *)((char *)map + 8), pnum));
}

/*
 * After a boot on twobanks: sections with memory are present, have a map,
 * are online and early and have a usage; the others are all zero; the
 * decoded map gives pfn_to_page(); the highest present section is known.
 */
static void test_section_flags(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(512), 0 }, { GiB(3), GiB(1), 0 } };
	unsigned long present = 0;

	(void)state;
	boot(banks, 2);
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		const struct mem_section *ms = __nr_to_section(nr);
		unsigned long pfn = section_nr_to_pfn(nr);

		if (!range_has_memory(pfn, PAGES_PER_SECTION)) {
			assert_int_equal(ms->section_mem_map, 0);
			assert_null(ms->usage);
			continue;
		}
		present++;
		assert_true(present_section(ms) && valid_section(ms) && online_section(ms) &&
			    early_section(ms));
		assert_non_null(ms->usage);
		assert_ptr_equal(sparse_decode_mem_map(ms->section_mem_map, nr), pfn_to_page(pfn));
		assert_int_equal((ms->section_mem_map & SECTION_MAP_MASK) + (pfn + 5) * sizeof(struct page),
				 (unsigned long)pfn_to_page(pfn + 5));
	}
	assert_int_equal(present, X86_GEOMETRY ? 3 : 6);
	assert_int_equal(__highest_present_section_nr, pfn_to_section_nr(PFN(GiB(4)) - 1));
	assert_true(host_log_contains(X86_GEOMETRY ?
		": 3 of 128 sections of 512 MiB have a mem_map; mem_section[] 2 KiB, usemaps " :
		": 6 of 4096 sections of 256 MiB have a mem_map; mem_section[] 64 KiB, usemaps "));
}

/* The section number in page->flags (SPARSEMEM only): page_to_pfn() needs it. */
static void test_page_section_bits(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(64), 0 }, { GiB(3) + MiB(3), MiB(5), 0 } };

	(void)state;
	boot(banks, 2);
	for (unsigned long pfn = PFN(GiB(3) + MiB(3)); pfn < PFN(GiB(3) + MiB(8)); pfn += 97)
		assert_int_equal(page_to_section(pfn_to_page(pfn)),
				 SECTIONS_WIDTH ? pfn_to_section_nr(pfn) : 0);
	assert_int_equal(page_to_section(pfn_to_page(PFN(RAM_BASE))),
			 SECTIONS_WIDTH ? pfn_to_section_nr(PFN(RAM_BASE)) : 0);
}

/*
 * The subsection map has a bit per 2 MiB with memory.  Boot sections are
 * "early" and valid whole; a section added later would be valid only where
 * its subsection map says (Linux 6.1's pfn_valid()): dropping the early flag
 * shows it.  Memory [3G + 3 MiB, 3G + 8 MiB): subsections 1, 2, 3.
 */
static void test_subsection_map(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(64), 0 }, { GiB(3) + MiB(3), MiB(5), 0 } };
	struct mem_section *ms;

	(void)state;
	boot(banks, 2);
	ms = __pfn_to_section(PFN(GiB(3)));
	assert_int_equal(ms->usage->subsection_map[0] & 0x1f, 0xe);
	assert_true(pfn_valid(PFN(GiB(3))));			/* early: the whole section */
	assert_true(pfn_valid(PFN(GiB(3) + MiB(100))));
	ms->section_mem_map &= ~SECTION_IS_EARLY;
	assert_false(pfn_valid(PFN(GiB(3))));			/* subsection 0: no memory */
	assert_true(pfn_valid(PFN(GiB(3) + MiB(2))));		/* subsection 1 has some */
	assert_true(pfn_valid(PFN(GiB(3) + MiB(8)) - 1));	/* subsection 3 */
	assert_false(pfn_valid(PFN(GiB(3) + MiB(8))));		/* subsection 4: none */
	ms->section_mem_map |= SECTION_IS_EARLY;
}

/* Pageblock bits live in the section's usage, NR_PAGEBLOCK_BITS each. */
static void test_usemap(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(64), 0 }, { GiB(3), MiB(64), 0 } };
	unsigned long bitidx, pfn = PFN(GiB(3)) + 5 * pageblock_nr_pages + 3;

	(void)state;
	boot(banks, 2);
	assert_ptr_equal(pfn_to_pageblock_bits(pfn, &bitidx),
			 __pfn_to_section(pfn)->usage->pageblock_flags);
	assert_int_equal(bitidx, 5 * NR_PAGEBLOCK_BITS);
	assert_int_equal(mem_section_usage_size(),
			 sizeof(struct mem_section_usage) + SECTION_BLOCKFLAGS_BITS / 8);
	/* Every pageblock of memory MOVABLE (0x1 in each nibble), the rest 0. */
	assert_int_equal(__pfn_to_section(pfn)->usage->pageblock_flags[0],
			 0x1111111111111111UL);
	assert_int_equal(__pfn_to_section(pfn)->usage->pageblock_flags[2], 0);
}

/*
 * A bank reaching past what the sections describe (MAX_PHYSMEM_BITS, or the
 * VMEMMAP window) is clipped with Linux's mminit warning and a WARNING line,
 * the part beyond leaves memblock, and the boot goes on.  A bank wholly
 * above is refused as well ("Start of range").
 */
static void test_memory_above_max_physmem_bits(void **state)
{
	unsigned long limit = sparse_max_pfn();
	const struct bank banks[] = {
		{ RAM_BASE, MiB(64), 0 },
		{ PFN_PHYS(limit) - MiB(16), MiB(32), 0 },
		{ PFN_PHYS(limit) + GiB(1), GiB(1), 0 },
	};
	char want[200];

	(void)state;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	assert_int_equal(limit, 1UL << 20);			/* the host window: 4 GiB */
#else
	assert_int_equal(limit, 1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT));
#endif
	boot(banks, 3);
	snprintf(want, sizeof(want), "mminit::pfnvalidation End of range %lu -> %lu exceeds SPARSEMEM max %lu\n",
		 limit - PFN(MiB(16)), limit + PFN(MiB(16)), limit);
	assert_true(host_log_contains(want));
	snprintf(want, sizeof(want), "mminit::pfnvalidation Start of range %lu -> %lu exceeds SPARSEMEM max %lu\n",
		 limit + PFN(GiB(1)), limit + PFN(GiB(2)), limit);
	assert_true(host_log_contains(want));
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at "));
	snprintf(want, sizeof(want), "%s: ignoring memory [mem %#018llx-%#018llx]: no section can hold pfns from %#lx",
		 memory_model_name, (unsigned long long)PFN_PHYS(limit),
		 (unsigned long long)PFN_PHYS(limit) + MiB(16) - 1, limit);
	assert_true(host_log_contains(want));
	assert_int_equal(memblock_end_of_DRAM(), PFN_PHYS(limit));
	assert_true(pfn_valid(limit - 1));
	assert_false(pfn_valid(limit));
	assert_int_equal(__memmap_check(false), 0);
}

#define SPARSE_TESTS								\
	cmocka_unit_test_setup(test_section_geometry, reset),			\
	cmocka_unit_test_setup(test_encode_decode, reset),			\
	cmocka_unit_test_setup(test_section_flags, reset),			\
	cmocka_unit_test_setup(test_page_section_bits, reset),			\
	cmocka_unit_test_setup(test_subsection_map, reset),			\
	cmocka_unit_test_setup(test_usemap, reset),				\
	cmocka_unit_test_setup(test_memory_above_max_physmem_bits, reset)

#endif
