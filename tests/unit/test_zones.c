// SPDX-License-Identifier: MIT
/*
 * Unit tests of zone sizing: mm/mm_init.c (free_area_init and the per-zone
 * arithmetic) and mm/zone_movable.c (kernelcore=, movablecore=, movable_node).
 *
 * Each test builds memblock by hand, gives free_area_init() the zone limits
 * an arch would, and checks the zones' pfns and the log.  Layouts are drawn
 * in pfns (4 KiB pages); "|" marks zone limits, "#" memory, "." holes.
 * Expected figures for the PC layouts are Linux's own for the same QEMU
 * machine (tests/golden/linux/i386-*.log and their zoneinfo).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <mm/memblock.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/numa.h>
#include "hostlog.h"
#include "hostparam.h"

#define MiB(x)		((phys_addr_t)(x) << 20)

static struct pglist_data nodes[MAX_NUMNODES];

static int setup(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	zone_movable_reset_for_tests();
	memset(nodes, 0, sizeof(nodes));
	memset(node_data, 0, sizeof(node_data));
	host_log_reset();
	return 0;
}

/* The nodes' pglist_data, as numa_init() would give them. */
static void online_nodes(int count)
{
	for (int nid = 0; nid < count; nid++)
		node_data[nid] = &nodes[nid];
}

static void init_pc(unsigned long max_low, unsigned long max_high)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { min(0x1000UL, max_low), max_low, max_high, 0 };

	free_area_init(max_zone_pfn);
}

static struct zone *zone(int nid, enum zone_type z)
{
	return &NODE_DATA(nid)->node_zones[z];
}

static void assert_zone(int nid, enum zone_type z, unsigned long start, unsigned long spanned,
			unsigned long present)
{
	assert_int_equal(zone(nid, z)->zone_start_pfn, start);
	assert_int_equal(zone(nid, z)->spanned_pages, spanned);
	assert_int_equal(zone(nid, z)->present_pages, present);
}

/* QEMU's PC at -m size: [4K, 636K) and [1M, size - 128K) once the BIOS took its part. */
static void pc_memory(phys_addr_t size)
{
	memblock_add_node(0x1000, 0x9e000, 0, MEMBLOCK_NONE);
	memblock_add_node(0x100000, size - 0x20000 - 0x100000, 0, MEMBLOCK_NONE);
}

/*
 * QEMU -m 128M on a PC:
 *   pfn  0  1         0x9f    0x100       0x1000                     0x7fe0
 *        |. |#########|.......|###########|##########################|
 *        DMA ................................ Normal ..................  (HighMem empty)
 * Linux: DMA spanned 4095 (from pfn 1), present 3998; two holes reported.
 */
static void test_pc_128m(void **state)
{
	(void)state;
	pc_memory(MiB(128));
	online_nodes(1);
	init_pc(0x7fe0, 0x7fe0);
	assert_zone(0, ZONE_DMA, 0x1, 4095, 3998);
	assert_zone(0, ZONE_NORMAL, 0x1000, 0x7fe0 - 0x1000, 0x7fe0 - 0x1000);
	assert_zone(0, ZONE_HIGHMEM, 0, 0, 0);
	assert_zone(0, ZONE_MOVABLE, 0, 0, 0);
	assert_true(host_log_contains("Zone ranges:\n  DMA      [mem 0x0000000000001000-0x0000000000ffffff]\n"
				      "  Normal   [mem 0x0000000001000000-0x0000000007fdffff]\n"
				      "  HighMem  empty\nMovable zone start for each node\n"));
	assert_true(host_log_contains("Initmem setup node 0 [mem 0x0000000000001000-0x0000000007fdffff]\n"));
	assert_true(host_log_contains("On node 0, zone DMA: 1 pages in unavailable ranges\n"
				      "On node 0, zone DMA: 97 pages in unavailable ranges\n"));
	assert_int_equal(NODE_DATA(0)->node_present_pages, 3998 + 0x7fe0 - 0x1000);
	assert_int_equal(NODE_DATA(0)->nr_zones, 2);
}

/*
 * QEMU -m 1G: low memory ends at 686-pae's MAXMEM_PFN 0x36ffe, HighMem above.
 * Linux's zoneinfo: DMA present 3998, Normal 221182, HighMem 36834.  The
 * managed estimate is present minus the memory map: DMA's 4095 struct pages
 * of 32 bytes take 32 pages; HighMem pays nothing (its map is in low memory).
 */
static void test_pc_1g_highmem(void **state)
{
	(void)state;
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	assert_zone(0, ZONE_DMA, 0x1, 4095, 3998);
	assert_zone(0, ZONE_NORMAL, 0x1000, 221182, 221182);
	assert_zone(0, ZONE_HIGHMEM, 0x36ffe, 36834, 36834);
	assert_int_equal(zone(0, ZONE_DMA)->managed_pages, 3998 - PFN_UP(4095 * sizeof(struct page)));
	assert_int_equal(zone(0, ZONE_NORMAL)->managed_pages,
			 221182 - PFN_UP(221182 * sizeof(struct page)));
	assert_int_equal(zone(0, ZONE_HIGHMEM)->managed_pages, 36834);
	assert_true(host_log_contains("  HighMem  [mem 0x0000000036ffe000-0x000000003ffdffff]\n"));
}

/*
 * A zone boundary inside a hole:
 *   pfn 0        0x800      0x1000   0x1400                 0x4000
 *       |########|..........|........|######################|
 *       DMA ----------------| Normal -----------------------|
 * DMA ends in the hole; the hole [0x800, 0x1400) is reported once, under the
 * zone of the range that follows it (Normal), as Linux's memmap_init does.
 */
static void test_zone_ends_in_hole(void **state)
{
	(void)state;
	memblock_add_node(0, MiB(8), 0, MEMBLOCK_NONE);
	memblock_add_node(MiB(20), MiB(44), 0, MEMBLOCK_NONE);
	online_nodes(1);
	init_pc(0x4000, 0x4000);
	assert_zone(0, ZONE_DMA, 0, 0x1000, 0x800);
	assert_zone(0, ZONE_NORMAL, 0x1000, 0x3000, 0x2c00);
	assert_true(host_log_contains("On node 0, zone Normal: 3072 pages in unavailable ranges\n"));
	assert_false(host_log_contains("zone DMA:"));
}

/*
 * No memory below 16 MiB: ZONE_DMA is "empty", and so is every zone whose
 * limit lies below the first memory.
 *   pfn 0x2000 ########## 0x4000
 */
static void test_empty_dma_zone(void **state)
{
	(void)state;
	memblock_add_node(MiB(32), MiB(32), 0, MEMBLOCK_NONE);
	online_nodes(1);
	init_pc(0x4000, 0x4000);
	assert_true(host_log_contains("  DMA      empty\n"));
	assert_true(host_log_contains("  Normal   [mem 0x0000000002000000-0x0000000003ffffff]\n"));
	assert_zone(0, ZONE_DMA, 0, 0, 0);
	assert_zone(0, ZONE_NORMAL, 0x2000, 0x2000, 0x2000);
}

/*
 * kernelcore=512M on QEMU -m 1G (Linux: "Node 0: 0x0000000037000000").
 * The movable zone is taken from HighMem, the highest zone; everything below
 * HighMem (879 MiB) already counts as kernel memory, which is more than
 * 512M, so ZONE_MOVABLE starts at HighMem's first MAX_ORDER boundary.
 *   |DMA|Normal ............ 0x36ffe|HM 0x37000|Movable ........ 0x3ffe0|
 */
static void test_kernelcore_size(void **state)
{
	(void)state;
	assert_int_equal(host_early_param("kernelcore", "512M"), 0);
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	assert_int_equal(zone_movable_pfn[0], 0x37000);
	assert_true(host_log_contains("Movable zone start for each node\n  Node 0: 0x0000000037000000\n"));
	assert_zone(0, ZONE_HIGHMEM, 0x36ffe, 2, 2);
	assert_zone(0, ZONE_MOVABLE, 0x37000, 0x3ffe0 - 0x37000, 0x3ffe0 - 0x37000);
	assert_zone(0, ZONE_NORMAL, 0x1000, 221182, 221182);
}

/*
 * movablecore=25% on ARM virt -m 2G (Linux armhf: "Node 0: 0x00000000a0000000").
 * 25% of 524288 pages (rounded up to MAX_ORDER_NR_PAGES) is movable, so the
 * kernel keeps 393216 pages counted from the bottom: pfn 0x40000 + 0x60000.
 * The movable zone comes out of HighMem, the top zone.
 *   0x40000 DMA ...... 0x70000 | HighMem ... 0xa0000 | Movable ... 0xc0000
 */
static void test_movablecore_percent_arm(void **state)
{
	(void)state;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0x70000, 0x70000, 0xc0000, 0 };

	assert_int_equal(host_early_param("movablecore", "25%"), 0);
	memblock_add_node(0x40000000, MiB(2048), 0, MEMBLOCK_NONE);
	online_nodes(1);
	free_area_init(max_zone_pfn);
	/* 524288 pages: movable = 131072, kernel = 393216 from pfn 0x40000 = 0xa0000. */
	assert_int_equal(zone_movable_pfn[0], 0xa0000);
	assert_zone(0, ZONE_HIGHMEM, 0x70000, 0x30000, 0x30000);
	assert_zone(0, ZONE_MOVABLE, 0xa0000, 0x20000, 0x20000);
}

/* kernelcore=50% on the PC -m 1G layout: percentages of all memory, rounded down. */
static void test_kernelcore_percent(void **state)
{
	(void)state;
	unsigned long total = (0x9f - 0x1) + (0x3ffe0 - 0x100);

	assert_int_equal(host_early_param("kernelcore", "50%"), 0);
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	/* Half of memory is below HighMem already: the movable zone starts at HighMem. */
	assert_true(total / 2 < 0x36ffe);
	assert_int_equal(zone_movable_pfn[0], 0x37000);
}

/* kernelcore= larger than memory: no ZONE_MOVABLE at all. */
static void test_kernelcore_larger_than_memory(void **state)
{
	(void)state;
	assert_int_equal(host_early_param("kernelcore", "4G"), 0);
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	assert_int_equal(zone_movable_pfn[0], 0);
	assert_zone(0, ZONE_MOVABLE, 0, 0, 0);
	assert_true(host_log_contains("Movable zone start for each node\nEarly memory node ranges\n"));
}

/* Garbage is taken as 0 (no limit), as Linux does, but bootmm says so. */
static void test_kernelcore_garbage(void **state)
{
	(void)state;
	assert_int_equal(host_early_param("kernelcore", "lots"), 0);
	assert_true(host_log_contains("kernelcore=lots: not a size"));
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	assert_int_equal(zone_movable_pfn[0], 0);
}

/* movablecore=150%: Linux warns and ends up with no movable zone. */
static void test_movablecore_over_100_percent(void **state)
{
	(void)state;
	assert_int_equal(host_early_param("movablecore", "150%"), 0);
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at mm/zone_movable.c:"));
	pc_memory(MiB(1024));
	online_nodes(1);
	init_pc(0x36ffe, 0x3ffe0);
	assert_int_equal(zone_movable_pfn[0], 0);
}

/*
 * Without HighMem the movable zone is cut from Normal, at the exact page
 * where kernelcore is used up, rounded up to MAX_ORDER_NR_PAGES (1024).
 *   pfn 0 ## 0x1000 (DMA) ####### 0x8000 (Normal)
 *   kernelcore=64M: 16384 pages from pfn 0 -> cut at 0x4000
 */
static void test_movable_cut_from_normal(void **state)
{
	(void)state;
	assert_int_equal(host_early_param("kernelcore", "64M"), 0);
	memblock_add_node(0, MiB(128), 0, MEMBLOCK_NONE);
	online_nodes(1);
	init_pc(0x8000, 0x8000);
	assert_int_equal(zone_movable_pfn[0], 0x4000);
	assert_zone(0, ZONE_NORMAL, 0x1000, 0x3000, 0x3000);
	assert_zone(0, ZONE_MOVABLE, 0x4000, 0x4000, 0x4000);
	/* 65M is not on a MAX_ORDER boundary: the cut moves up to 68M. */
	setup(NULL);
	assert_int_equal(host_early_param("kernelcore", "65M"), 0);
	memblock_add_node(0, MiB(128), 0, MEMBLOCK_NONE);
	online_nodes(1);
	init_pc(0x8000, 0x8000);
	assert_int_equal(zone_movable_pfn[0], 0x4400);
}

/*
 * movable_node: a hotpluggable region starts the node's movable zone, and
 * kernelcore= is ignored (arm64's behaviour; 32-bit Linux has no movable_node).
 *   0x40000 ######## 0x60000 [hotplug ########] 0x80000
 */
static void test_movable_node_hotplug(void **state)
{
	(void)state;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0x70000, 0x70000, 0x80000, 0 };

	assert_int_equal(host_early_param("movable_node", NULL), 0);
	assert_int_equal(host_early_param("kernelcore", "100M"), 0);
	memblock_add_node(0x40000000, MiB(512), 0, MEMBLOCK_NONE);
	memblock_add_node(0x60000000, MiB(512), 0, MEMBLOCK_NONE);
	memblock_mark_hotplug(0x60000000, MiB(512));
	online_nodes(1);
	free_area_init(max_zone_pfn);
	assert_int_equal(zone_movable_pfn[0], 0x60000);
	assert_zone(0, ZONE_DMA, 0x40000, 0x20000, 0x20000);
	assert_zone(0, ZONE_MOVABLE, 0x60000, 0x20000, 0x20000);
	assert_zone(0, ZONE_HIGHMEM, 0, 0, 0);
}

/*
 * Two nodes of 512 MiB (ARM virt 1G, numa2): each node gets its own zones,
 * and kernelcore= is spread evenly over them.
 *   node 0: 0x40000 - 0x60000        node 1: 0x60000 - 0x80000
 *   DMA ............................ 0x70000 | HighMem ....... 0x80000
 */
static void test_two_nodes(void **state)
{
	(void)state;
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0x70000, 0x70000, 0x80000, 0 };

	memblock_add_node(0x40000000, MiB(512), 0, MEMBLOCK_NONE);
	memblock_add_node(0x60000000, MiB(512), 1, MEMBLOCK_NONE);
	online_nodes(2);
	free_area_init(max_zone_pfn);
	assert_zone(0, ZONE_DMA, 0x40000, 0x20000, 0x20000);
	assert_zone(0, ZONE_HIGHMEM, 0, 0, 0);
	assert_zone(1, ZONE_DMA, 0x60000, 0x10000, 0x10000);
	assert_zone(1, ZONE_HIGHMEM, 0x70000, 0x10000, 0x10000);
	assert_true(host_log_contains("  node   0: [mem 0x0000000040000000-0x000000005fffffff]\n"
				      "  node   1: [mem 0x0000000060000000-0x000000007fffffff]\n"));
	assert_true(host_log_contains("Initmem setup node 1 [mem 0x0000000060000000-0x000000007fffffff]\n"));
}

/* A node without memory is reported in Linux's words and left empty: not fatal. */
static void test_memoryless_node(void **state)
{
	(void)state;
	memblock_add_node(0, MiB(64), 0, MEMBLOCK_NONE);
	online_nodes(2);
	init_pc(0x1000, 0x4000);
	assert_true(host_log_contains("Initmem setup node 1 as memoryless\n"));
	for (int z = 0; z < MAX_NR_ZONES; z++)
		assert_zone(1, z, 0, 0, 0);
	assert_int_equal(NODE_DATA(1)->node_present_pages, 0);
}

/* numa_init: one node gets the static pglist_data, two get one each from memblock. */
static void test_numa_init_nodes(void **state)
{
	static char ram[MiB(4)] __attribute__((aligned(4096)));
	phys_addr_t base = (phys_addr_t)(uintptr_t)ram;

	(void)state;
	memblock_add_node(base, MiB(2), 0, MEMBLOCK_NONE);
	numa_init();
	assert_non_null(NODE_DATA(0));
	assert_null(NODE_DATA(1));
	assert_false(host_log_contains("NODE_DATA"));

	setup(NULL);
	memblock_add_node(base, MiB(2), 0, MEMBLOCK_NONE);
	memblock_add_node(base + MiB(2), MiB(2), 1, MEMBLOCK_NONE);
	numa_init();
	assert_non_null(NODE_DATA(0));
	assert_non_null(NODE_DATA(1));
	/* Each node's data lies in that node's own memory, as arm64 Linux places it. */
	assert_true((uintptr_t)NODE_DATA(0) >= base && (uintptr_t)NODE_DATA(0) < base + MiB(2));
	assert_true((uintptr_t)NODE_DATA(1) >= base + MiB(2) && (uintptr_t)NODE_DATA(1) < base + MiB(4));
	assert_int_equal(NODE_DATA(1)->node_id, 1);
	assert_true(host_log_contains("NUMA: NODE_DATA [mem 0x"));
}

/* Linux's zone_batchsize: ~0.1% of the zone, at most 1 MiB, /4, then 2^n - 1. */
static void test_zone_batchsize(void **state)
{
	struct zone z = { 0 };

	(void)state;
	z.managed_pages = 3966;		/* DMA on a PC: 3966 >> 10 = 3, /4 = 0 -> 1 -> 1 */
	assert_int_equal(zone_batchsize(&z), 0);
	z.managed_pages = 219454;	/* min(214, 256) / 4 = 53; 79 -> 64 - 1 */
	assert_int_equal(zone_batchsize(&z), 63);
	z.managed_pages = 10UL << 20;	/* capped: 256 / 4 = 64; 96 -> 64 - 1 */
	assert_int_equal(zone_batchsize(&z), 63);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_pc_128m, setup),
		cmocka_unit_test_setup(test_pc_1g_highmem, setup),
		cmocka_unit_test_setup(test_zone_ends_in_hole, setup),
		cmocka_unit_test_setup(test_empty_dma_zone, setup),
		cmocka_unit_test_setup(test_kernelcore_size, setup),
		cmocka_unit_test_setup(test_movablecore_percent_arm, setup),
		cmocka_unit_test_setup(test_kernelcore_percent, setup),
		cmocka_unit_test_setup(test_kernelcore_larger_than_memory, setup),
		cmocka_unit_test_setup(test_kernelcore_garbage, setup),
		cmocka_unit_test_setup(test_movablecore_over_100_percent, setup),
		cmocka_unit_test_setup(test_movable_cut_from_normal, setup),
		cmocka_unit_test_setup(test_movable_node_hotplug, setup),
		cmocka_unit_test_setup(test_two_nodes, setup),
		cmocka_unit_test_setup(test_memoryless_node, setup),
		cmocka_unit_test_setup(test_numa_init_nodes, setup),
		cmocka_unit_test_setup(test_zone_batchsize, setup),
	};

	return cmocka_run_group_tests_name("zones", tests, NULL, NULL);
}
