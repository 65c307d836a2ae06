/* SPDX-License-Identifier: MIT */
/*
 * What the memory-model tests share (tests/unit/test_memory_model_*.c, one
 * program per model and section geometry; tests/tests.mk builds each with its
 * model's CONFIG_ symbols and the real mm/memory_model/ files).
 *
 * "Physical memory" must be real where the models allocate (memory maps,
 * usemaps, pglist_data): as in test_memblock_alloc.c, __va()/__pa() are the
 * identity on the host, so RAM_SIZE bytes are mapped at the host address
 * RAM_BASE = 0x40000000, which is also where QEMU's ARM virt board has RAM,
 * and memblock allocates below its end only (memblock.current_limit).  Banks
 * elsewhere are made up: nothing reads or writes the pages themselves, only
 * their struct pages, which live in the real part.
 *
 * A test describes banks, then boot() runs what the kernel runs from
 * numa_init() on: free_area_init() with the model's memmap_prepare(),
 * memmap_init() and memmap_report().  The checks then walk pfns against an
 * oracle that reads memblock only (expect_valid()).  struct page is 56 bytes
 * on the x86-64 host, against 32 in the kernels: sizes are computed with
 * sizeof(struct page), section counts are the kernels'.
 */
#ifndef BOOTMM_TEST_MEMORY_MODEL_H
#define BOOTMM_TEST_MEMORY_MODEL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <asm/memory_model.h>
#include <asm/page.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/numa.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>
#ifdef CONFIG_SPARSEMEM
#include <mm/sparse.h>
#endif
#include "hostlog.h"
#include "hostparam.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(256UL << 20)
#define RAM_END		(RAM_BASE + RAM_SIZE)
#define MiB(x)		((phys_addr_t)(x) << 20)
#define GiB(x)		((phys_addr_t)(x) << 30)
#define PFN(addr)	((unsigned long)((addr) >> PAGE_SHIFT))

struct bank {
	phys_addr_t base, size;
	int nid;
};

static void *ram;

static int ram_setup(void **state)
{
	(void)state;
	ram = mmap((void *)RAM_BASE, RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (ram != (void *)RAM_BASE) {
		fprintf(stderr, "cannot map the test's RAM at %#lx\n", RAM_BASE);
		return -1;
	}
	return 0;
}

static int ram_teardown(void **state)
{
	(void)state;
	munmap(ram, RAM_SIZE);
	return 0;
}

static void model_reset(void);	/* each program's: forget the model's state */

static int reset(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	zone_movable_reset_for_tests();
	memset(node_data, 0, sizeof(node_data));
	max_pfn = max_low_pfn = min_low_pfn = 0;
	model_reset();
	host_log_reset();
	return 0;
}

/*
 * What setup_arch() and start_kernel() do up to the end of free_area_init():
 * memblock gets @banks, allocations stay in the real RAM, low memory ends
 * there too (ZONE_DMA up to it, HighMem above: ARM's zones).
 */
static void boot(const struct bank *banks, int n)
{
	for (int i = 0; i < n; i++)
		assert_int_equal(memblock_add_node(banks[i].base, banks[i].size, banks[i].nid,
						   MEMBLOCK_NONE), 0);
	memblock_set_current_limit(RAM_END);
	min_low_pfn = PFN(memblock_start_of_DRAM());
	max_pfn = PFN(memblock_end_of_DRAM());
	max_low_pfn = min(max_pfn, PFN(RAM_END));
	numa_init();
	{
		unsigned long max_zone_pfn[MAX_NR_ZONES] = { max_low_pfn, max_low_pfn, max_pfn, 0 };

		free_area_init(max_zone_pfn);
	}
}

static __maybe_unused bool range_has_memory(unsigned long start_pfn, unsigned long nr)
{
	return memblock_overlaps_region(&memblock.memory, PFN_PHYS(start_pfn), PFN_PHYS(nr));
}

/*
 * The oracle: does this program's model give @pfn a struct page?  Read from
 * memblock and the model's rule as the docs state it, not from the model's
 * own tables.
 */
static bool expect_valid(unsigned long pfn)
{
	if (memblock_is_memory(PFN_PHYS(pfn)))
		return true;
#if defined(CONFIG_SPARSEMEM)
	return range_has_memory(pfn & ~(PAGES_PER_SECTION - 1), PAGES_PER_SECTION);
#elif defined(HAVE_ARCH_PFN_VALID)
	return range_has_memory(pageblock_start_pfn(pfn), pageblock_nr_pages);
#else
	return pfn - ARCH_PFN_OFFSET < max_pfn - ARCH_PFN_OFFSET;
#endif
}

/* The zone of node @nid whose span holds @pfn, or NULL. */
static struct zone *zone_of(int nid, unsigned long pfn)
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(nid)->node_zones[z];

		if (zone->spanned_pages && pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone))
			return zone;
	}
	return NULL;
}

/*
 * Every pfn in [lo, hi): valid as the oracle says; a valid one round-trips,
 * and its struct page is initialised, memory ones in their zone and node,
 * not reserved, their pageblocks MIGRATE_MOVABLE; the others reserved.
 */
static void check_pfns(unsigned long lo, unsigned long hi)
{
	for (unsigned long pfn = lo; pfn < hi; pfn++) {
		bool valid = expect_valid(pfn);
		struct page *page;
		unsigned long start, end;
		int nid;

		if (pfn_valid(pfn) != valid)
			fail_msg("pfn %#lx: pfn_valid() is %d, expected %d", pfn, !valid, valid);
		if (!valid)
			continue;
		page = pfn_to_page(pfn);
		if (page_to_pfn(page) != pfn)
			fail_msg("pfn %#lx: page_to_pfn(pfn_to_page()) = %#lx", pfn, page_to_pfn(page));
		assert_int_equal(page_ref_count(page), 1);
		assert_int_equal(page->_mapcount, -1);
		nid = memblock_search_pfn_nid(pfn, &start, &end);
		if (nid < 0) {
			if (!PageReserved(page))
				fail_msg("pfn %#lx: a hole page, not reserved", pfn);
			continue;
		}
		if (PageReserved(page))
			fail_msg("pfn %#lx: a memory page, reserved", pfn);
		assert_int_equal(page_to_nid(page), nid);
		assert_ptr_equal(page_zone(page), zone_of(nid, pfn));
		if (pageblock_aligned(pfn))
			assert_int_equal(get_pageblock_migratetype(page), MIGRATE_MOVABLE);
	}
}

/* "Memory model: ..." as memmap_report() prints it for @pfns struct pages. */
static void assert_boot_line(unsigned long pfns, unsigned long present)
{
	char want[256];

	snprintf(want, sizeof(want),
		 "Memory model: %s: mem_map %llu KiB for %lu pfns (%lu present, %lu in holes)\n",
		 memory_model_name, (unsigned long long)pfns * sizeof(struct page) >> 10, pfns,
		 present, pfns - present);
	if (!host_log_contains(want))
		fail_msg("no line \"%s\" in:\n%s", want, host_log());
}

/*
 * The PC's FLATMEM on the host: its map starts at pfn 0 (ARCH_PFN_OFFSET)
 * and every pfn below max_pfn is valid, so memory at RAM_BASE follows a
 * 1 GiB hole of reserved struct pages, reported in Linux's line.
 */
#if !defined(CONFIG_SPARSEMEM) && !defined(HAVE_ARCH_PFN_VALID)
#define LEADING_HOLE	1
#else
#define LEADING_HOLE	0
#endif

/* No "On node" line but the one LEADING_HOLE explains. */
static void assert_no_hole_lines(unsigned long first_pfn)
{
	char want[128];

	if (LEADING_HOLE) {
		snprintf(want, sizeof(want), "On node 0, zone DMA: %lu pages in unavailable ranges\n",
			 first_pfn);
		assert_true(host_log_contains(want));
		assert_ptr_equal(strstr(host_log(), "On node 0, zone"), strstr(host_log(), want));
		assert_null(strstr(strstr(host_log(), want) + 1, "On node 0, zone"));
	} else {
		assert_false(host_log_contains("On node 0, zone"));
	}
}

/* How many of the kernels' struct pages this model holds for the banks. */
#if defined(CONFIG_SPARSEMEM)
#define MAP_PFNS(flat, sections)	((sections) * PAGES_PER_SECTION)
#else
#define MAP_PFNS(flat, sections)	(flat)
#endif

/* ------------------------------------------------------------------------ */
/* Tests every model passes                                                   */
/* ------------------------------------------------------------------------ */

/*
 * One bank of 128 MiB at 0x40000000 (ARM virt -m 128M):
 *   FLATMEM: pfns 0 (ARCH_PFN_OFFSET on the host) to 0x48000;
 *   SPARSEMEM: the one section holding it (x86: 512 MiB, ARM: 256 MiB).
 */
static void test_one_bank(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(128), 0 } };

	(void)state;
	boot(banks, 1);
	check_pfns(0, PFN(RAM_BASE) + 2 * PFN(MiB(512)));
	assert_boot_line(MAP_PFNS(0x48000UL, 1UL), 0x8000);
	assert_no_hole_lines(PFN(RAM_BASE));
	assert_int_equal(__memmap_check(false), 0);
	assert_true(host_log_contains("memmap_check: "));
	assert_true(host_log_contains(" OK ("));
}

/*
 * Memory that ends inside a section (or a pageblock): the rest of it has
 * struct pages too, initialised as reserved, and said so in bootmm's own
 * line, not as a Linux "On node" line (docs/memory-models.md).
 *   bank [0x40000000, +100 MiB + 64 KiB): end pfn 0x46410
 *   x86 sections: tail to 0x60000 = 105456 pages; ARM's: to 0x50000 = 39920;
 *   ARM FLATMEM: to the pageblock's end, 0x46800 = 1008; PC FLATMEM: none
 *   (pfn_valid() stops at max_pfn).
 */
static void test_tail_of_memory(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(100) + 0x10000, 0 } };
	unsigned long tail;

	(void)state;
	boot(banks, 1);
#if defined(CONFIG_SPARSEMEM)
	tail = SECTION_SIZE_BITS == 29 ? 105456 : 39920;
#elif defined(HAVE_ARCH_PFN_VALID)
	tail = 1008;
#else
	tail = 0;
#endif
	if (tail) {
		char want[160];

		snprintf(want, sizeof(want), "memmap_init: %lu pages in unavailable ranges after the end of memory, pfns 0x46410-%#lx, reserved in node 0, zone DMA\n",
			 tail, 0x46410 + tail - 1);
		if (!host_log_contains(want))
			fail_msg("no line \"%s\" in:\n%s", want, host_log());
		assert_true(PageReserved(pfn_to_page(0x46410 + tail - 1)));
		assert_int_equal(page_zonenum(pfn_to_page(0x46410)), ZONE_DMA);
	} else {
		assert_false(host_log_contains("memmap_init:"));
	}
	assert_no_hole_lines(PFN(RAM_BASE));
	check_pfns(PFN(RAM_BASE), 0x46410 + tail + 1);
	assert_int_equal(__memmap_check(false), 0);
}

/*
 * ARM's twobanks.dts: 512 MiB at 0x40000000, 1 GiB at 0xc0000000, and a 1.5
 * GiB hole.  FLATMEM pays for the hole; SPARSEMEM does not (x86 sections:
 * 2, 6, 7; ARM's: 4, 5, 12-15: 393216 pfns either way).
 */
static void test_twobanks(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(512), 0 }, { GiB(3), GiB(1), 0 } };

	(void)state;
	boot(banks, 2);
	assert_boot_line(MAP_PFNS(0x100000UL, SECTION_SIZE_BITS == 29 ? 3UL : 6UL), 393216);
	check_pfns(0x50000, 0x100000);
#if defined(CONFIG_SPARSEMEM) || defined(HAVE_ARCH_PFN_VALID)
	assert_false(pfn_valid(0x60000));
	assert_false(pfn_valid(0xbffff));
	assert_false(host_log_contains("On node 0, zone HighMem"));
#else
	/* The PC's FLATMEM: the whole hole has reserved struct pages. */
	assert_true(pfn_valid(0x60000));
	assert_true(PageReserved(pfn_to_page(0x60000)));
	assert_true(host_log_contains("On node 0, zone HighMem: 393216 pages in unavailable ranges\n"));
#endif
	assert_int_equal(__memmap_check(false), 0);
}

/*
 * Banks that start and end anywhere in their sections, one made-up bank
 * across a section boundary (0xa0000000: a boundary for both geometries):
 *   [RAM + 3 MiB, +60 MiB)  [RAM + 130 MiB, +5 MiB + 8 KiB)  [0x9ff00000, +2 MiB)
 */
static void test_unaligned_banks(void **state)
{
	const struct bank banks[] = {
		{ RAM_BASE + MiB(3), MiB(60), 0 },
		{ RAM_BASE + MiB(130), MiB(5) + 0x2000, 0 },
		{ 0x9ff00000, MiB(2), 0 },
	};

	(void)state;
	boot(banks, 3);
	check_pfns(0, PFN(0xc0000000));
	/* The first pfn of memory and the last of each bank. */
	assert_true(pfn_valid(PFN(RAM_BASE + MiB(3))));
	assert_true(pfn_valid(PFN(RAM_BASE + MiB(135) + 0x1000)));
	assert_true(pfn_valid(PFN(0xa00ff000)));
#if defined(CONFIG_SPARSEMEM)
	/* Before the first bank, in its section: a reserved struct page. */
	assert_true(pfn_valid(PFN(RAM_BASE)));
	assert_true(PageReserved(pfn_to_page(PFN(RAM_BASE))));
	/* The section after 0xa0100000's: none. */
	assert_false(pfn_valid(PFN(0xa0000000) + PAGES_PER_SECTION));
#endif
	assert_int_equal(__memmap_check(false), 0);
}

/* Two nodes: each page names its node; the check agrees. */
static void test_two_nodes(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(256), 0 }, { GiB(2), MiB(512), 1 } };

	(void)state;
	boot(banks, 2);
	assert_int_equal(page_to_nid(pfn_to_page(PFN(RAM_BASE))), 0);
	assert_int_equal(page_to_nid(pfn_to_page(PFN(GiB(2)))), 1);
	assert_int_equal(page_to_nid(pfn_to_page(PFN(GiB(2) + MiB(512)) - 1)), 1);
	check_pfns(PFN(RAM_BASE), PFN(GiB(2) + MiB(512)));
	assert_int_equal(__memmap_check(false), 0);
}

/* reserve_bootmem_region() marks whole pages, skips pfns without struct pages. */
static void test_reserve_bootmem_region(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(64), 0 }, { GiB(3), MiB(64), 0 } };
	unsigned long first = PFN(RAM_BASE + MiB(1));

	(void)state;
	boot(banks, 2);
	assert_false(PageReserved(pfn_to_page(first)));
	/* Not page aligned: the pages it touches, as Linux's PFN_DOWN/PFN_UP. */
	reserve_bootmem_region(RAM_BASE + MiB(1) + 100, RAM_BASE + MiB(1) + 3 * PAGE_SIZE + 1);
	for (unsigned long pfn = first; pfn < first + 4; pfn++)
		assert_true(PageReserved(pfn_to_page(pfn)));
	assert_false(PageReserved(pfn_to_page(first - 1)));
	assert_false(PageReserved(pfn_to_page(first + 4)));
	/* Across the hole between the banks: no crash, the banks' pages marked. */
	reserve_bootmem_region(RAM_BASE + MiB(64) - PAGE_SIZE, GiB(3) + PAGE_SIZE);
	assert_true(PageReserved(pfn_to_page(PFN(RAM_BASE + MiB(64)) - 1)));
	assert_true(PageReserved(pfn_to_page(PFN(GiB(3)))));
	assert_false(PageReserved(pfn_to_page(PFN(GiB(3)) + 1)));
}

/* Migrate types: per pageblock, four bits each, neighbours untouched. */
static void test_pageblock_migratetype(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(64), 0 } };
	unsigned long pb = PFN(RAM_BASE) + 3 * pageblock_nr_pages;

	(void)state;
	boot(banks, 1);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb)), MIGRATE_MOVABLE);
	set_pageblock_migratetype(pfn_to_page(pb + 17), MIGRATE_RECLAIMABLE);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb)), MIGRATE_RECLAIMABLE);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb + pageblock_nr_pages - 1)),
			 MIGRATE_RECLAIMABLE);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb - 1)), MIGRATE_MOVABLE);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb + pageblock_nr_pages)),
			 MIGRATE_MOVABLE);
	set_pageblock_migratetype(pfn_to_page(pb), MIGRATE_UNMOVABLE);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb)), MIGRATE_UNMOVABLE);
	/* The skip bit above the type is left alone. */
	set_pfnblock_flags_mask(pfn_to_page(pb), 1UL << PB_migrate_skip, pb, 1UL << PB_migrate_skip);
	set_pageblock_migratetype(pfn_to_page(pb), MIGRATE_MOVABLE);
	assert_int_equal(get_pfnblock_flags_mask(pfn_to_page(pb), pb, 1UL << PB_migrate_skip),
			 1UL << PB_migrate_skip);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(pb)), MIGRATE_MOVABLE);
}

/* The check finds what is wrong, says which pfn, and counts it. */
static void test_memmap_check_reports(void **state)
{
	/* The hole's pfn shares a pageblock with memory: valid under every model. */
	const struct bank banks[] = { { RAM_BASE + MiB(4), MiB(60) - 0x2000, 0 },
				      { RAM_BASE + MiB(96), MiB(32), 0 } };
	unsigned long hole = 0x43fff, mem = PFN(RAM_BASE + MiB(100));

	(void)state;
	boot(banks, 2);
	assert_int_equal(__memmap_check(false), 0);
	host_log_reset();
	__ClearPageReserved(pfn_to_page(hole));
	set_page_links(pfn_to_page(mem), ZONE_HIGHMEM, 0, mem);
	set_pageblock_migratetype(pfn_to_page(PFN(RAM_BASE + MiB(8))), MIGRATE_UNMOVABLE);
	assert_int_equal(__memmap_check(false), 3);
	assert_true(host_log_contains("memmap_check: pfn 0x43fff: not memory, but not PageReserved\n"));
	assert_true(host_log_contains("memmap_check: pfn 0x46400: zone HighMem of node 0 in page->flags spans"));
	assert_true(host_log_contains("memmap_check: pfn 0x40800: pageblock migrate type 0, not MIGRATE_MOVABLE\n"));
	assert_true(host_log_contains(": 3 errors in pfns "));
	assert_true(host_log_contains("FAILED\n"));
}

/* `memmap_check` on the command line: free_area_init() runs it. */
static void test_memmap_check_option(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(32), 0 } };

	(void)state;
	boot(banks, 1);
	assert_false(host_log_contains("memmap_check:"));
	memblock_reset_for_tests();
	memset(node_data, 0, sizeof(node_data));
	model_reset();
	host_log_reset();
	assert_int_equal(host_early_param("memmap_check", NULL), 0);
	boot(banks, 1);
	assert_true(host_log_contains("memmap_check: "));
	assert_true(host_log_contains(" OK ("));
}

/* Linux's mminit::pageflags_layout_* lines, with this model's widths. */
static void test_pageflags_layout(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(32), 0 } };
	char want[256];
	int section_width = SECTIONS_WIDTH, flags_width = BITS_PER_LONG - SECTIONS_WIDTH - 4;

	(void)state;
	boot(banks, 1);
	snprintf(want, sizeof(want), "mminit::pageflags_layout_widths Section %d Node 2 Zone 2 Lastcpupid 0 Kasantag 0 Gen 0 Tier 0 Flags %d\n",
		 section_width, NR_PAGEFLAGS);
	assert_true(host_log_contains(want));
	snprintf(want, sizeof(want), "mminit::pageflags_layout_shifts Section %d Node 2 Zone 2 Lastcpupid 0 Kasantag 0\n",
		 SECTIONS_SHIFT);
	assert_true(host_log_contains(want));
	snprintf(want, sizeof(want), "mminit::pageflags_layout_usage location: %d -> %d layout %d -> %d unused %d -> 0 page-flags\n",
		 BITS_PER_LONG, flags_width, flags_width, NR_PAGEFLAGS, NR_PAGEFLAGS);
	assert_true(host_log_contains(want));
}

#define MEMORY_MODEL_TESTS							\
	cmocka_unit_test_setup(test_one_bank, reset),				\
	cmocka_unit_test_setup(test_tail_of_memory, reset),			\
	cmocka_unit_test_setup(test_twobanks, reset),				\
	cmocka_unit_test_setup(test_unaligned_banks, reset),			\
	cmocka_unit_test_setup(test_two_nodes, reset),				\
	cmocka_unit_test_setup(test_reserve_bootmem_region, reset),		\
	cmocka_unit_test_setup(test_pageblock_migratetype, reset),		\
	cmocka_unit_test_setup(test_memmap_check_reports, reset),		\
	cmocka_unit_test_setup(test_pageflags_layout, reset),			\
	cmocka_unit_test_setup(test_memmap_check_option, reset)

#endif
