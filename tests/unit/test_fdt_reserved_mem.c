// SPDX-License-Identifier: MIT
/*
 * Unit tests of drivers/of/of_reserved_mem.c: the /memreserve/ entries of a
 * blob's header and the children of /reserved-memory, into memblock.
 *
 * Each test reads a tree dtc compiled from tests/unit/dts/ (reserved*.dts),
 * scans it as setup_arch() does (memory nodes first, so that memblock knows
 * the RAM), then runs early_init_fdt_scan_reserved_mem() and looks at both of
 * memblock's lists and at the messages, which are Linux 6.1's.
 */
#include "test_fdt.h"

static struct memblock_type *const mem = &memblock.memory;
static struct memblock_type *const rsv = &memblock.reserved;

/* Scan @name as the boot does: memory, then what is reserved. */
static void scan_reserved(const char *name)
{
	early_init_dt_scan_nodes(load_tree(name));
	early_init_fdt_scan_reserved_mem(test_blob);
}

/*
 * tests/unit/dts/reserved.dts, 1 GiB at 0x40000000.  What memblock ends with:
 *
 *   memory    [0x40000000 .. 0x47ffffff]            flags 0
 *             [0x48000000 +1M]                      NOMAP   nomap@48000000
 *             [0x48100000 .. 0x6fbfffff]            flags 0
 *             [0x6fc00000 +4M]                      NOMAP   pool (allocated, no-map)
 *             [0x70000000 .. 0x7fffffff]            flags 0
 *
 *   reserved  [0x04000000 +1M]     outside@4000000 (not RAM)
 *             [0x41000000 +64K]    /memreserve/
 *             [0x49000000 +2M]     plain@49000000
 *             [0x4a000000 +4K]     two@4a000000, first pair
 *             [0x4a100000 +4K]     two@4a000000, second pair
 *             [0x4ff00000 +1M]     /memreserve/ (busy@4ff00000's no-map refused)
 *             [0x6fc00000 +4M]     pool
 *             [0x7f400000 +8M]     linux,cma (4 MiB aligned, below "anywhere")
 *             [0x7ff00000 +1M]     anywhere (top-down: the top of RAM)
 */
static void test_reserved_memory_layout(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_regions(mem, { 0x40000000, 0x08000000 }, { 0x48000000, 0x00100000 },
		       { 0x48100000, 0x6fc00000 - 0x48100000 }, { 0x6fc00000, 0x00400000 },
		       { 0x70000000, 0x10000000 });
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_NOMAP);
	assert_int_equal(mem->regions[2].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->regions[3].flags, MEMBLOCK_NOMAP);
	assert_int_equal(mem->regions[4].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, 0x40000000);	/* NOMAP is still memory */

	assert_regions(rsv, { 0x04000000, 0x100000 }, { 0x41000000, 0x10000 },
		       { 0x49000000, 0x200000 }, { 0x4a000000, 0x1000 }, { 0x4a100000, 0x1000 },
		       { 0x4ff00000, 0x100000 }, { 0x6fc00000, 0x400000 },
		       { 0x7f400000, 0x800000 }, { 0x7ff00000, 0x100000 });
}

/* no-map keeps a range in memory, out of the linear map, and not reserved. */
static void test_no_map_is_memory_but_not_mapped(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_true(memblock_is_memory(0x48000000));
	assert_false(memblock_is_map_memory(0x48000000));
	assert_false(memblock_is_reserved(0x48000000));
	assert_true(memblock_is_map_memory(0x48100000));
	assert_log("OF: fdt: Reserved memory: reserved region for node 'nomap@48000000': base 0x0000000048000000, size 1 MiB\n");
	assert_log("OF: fdt: Reserved memory: reserved region for node 'plain@49000000': base 0x0000000049000000, size 2 MiB\n");
}

/* no-map over a /memreserve/ entry: refused, with Linux's error, and left as it was. */
static void test_no_map_on_reserved_range_refused(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_log("OF: fdt: Reserved memory: failed to reserve memory for node 'busy@4ff00000': base 0x000000004ff00000, size 1 MiB\n");
	assert_true(memblock_is_map_memory(0x4ff00000));	/* not NOMAP */
	assert_true(memblock_is_reserved(0x4ff00000));	/* still the /memreserve/ */
}

/*
 * Reserved memory outside RAM: reserved all the same (Linux 6.1 says nothing
 * more); bootmm adds a debug line saying what that means.  A no-map one
 * outside RAM touches neither list.
 */
static void test_reserved_outside_ram(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_true(memblock_is_reserved(0x04000000));
	assert_false(memblock_is_memory(0x04000000));
	assert_log("OF: fdt: Reserved memory: node 'outside@4000000' [0x0000000004000000-0x00000000040fffff] is not RAM: only memblock.reserved records it\n");

	assert_false(memblock_is_reserved(0x08000000));
	assert_false(memblock_is_memory(0x08000000));
	assert_log("OF: fdt: Reserved memory: node 'outside-nomap@8000000' [0x0000000008000000-0x00000000080fffff] is not RAM: no-map changes nothing in memblock\n");
}

/* Children that are disabled, or whose reg or size is malformed. */
static void test_bad_children(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_false(memblock_is_reserved(0x4b000000));		/* disabled */
	assert_no_log("disabled@4b000000");
	assert_false(memblock_is_reserved(0x4c000000));
	assert_log("OF: fdt: Reserved memory: invalid reg property in 'badreg@4c000000', skipping node.\n");
	assert_log("OF: reserved mem: invalid size property in 'badsize' node.\n");
	assert_log("OF: reserved mem: failed to allocate memory for node 'toobig': size 2048 MiB\n");
}

/* Regions without reg are allocated top-down, inside alloc-ranges if given. */
static void test_dynamic_allocation(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_log("OF: reserved mem: allocated memory for 'pool' node: base 0x000000006fc00000, size 4 MiB\n");
	assert_log("OF: reserved mem: allocated memory for 'anywhere' node: base 0x000000007ff00000, size 1 MiB\n");
	assert_log("OF: reserved mem: allocated memory for 'linux,cma' node: base 0x000000007f400000, size 8 MiB\n");
}

/*
 * "shared-dma-pool": a reusable one is a CMA area; a DMA-coherent one without
 * no-map is refused on ARM and given back.
 */
static void test_shared_dma_pool_handlers(void **state)
{
	(void)state;
	scan_reserved("reserved");

	assert_log("Reserved memory: created CMA memory pool at 0x000000007f400000, size 8 MiB\n");
	assert_log("OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool\n");

	assert_log("Reserved memory: regions without no-map are not yet supported\n");
	assert_log("OF: reserved mem: node dma-mapped@4d000000 compatible matching fail\n");
	assert_false(memblock_is_reserved(0x4d000000));		/* freed again */
	assert_no_log("OVERLAP");
}

/* Two overlapping children are both reserved and reported; a misaligned CMA area is freed. */
static void test_overlap_and_misaligned_cma(void **state)
{
	(void)state;
	scan_reserved("reserved-overlap");

	assert_log("OF: reserved mem: OVERLAP DETECTED!\nfirst@48000000 (0x0000000048000000--0x0000000048200000) overlaps with second@48100000 (0x0000000048100000--0x0000000048300000)\n");
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, 0x48000000, 0x300000);

	assert_log("Reserved memory: incorrect alignment of CMA region\n");
	assert_log("OF: reserved mem: node cma@49100000 compatible matching fail\n");
	assert_false(memblock_is_reserved(0x49100000));
}

/* /reserved-memory with its own cell counts is refused whole; /memreserve/ still counts. */
static void test_unsupported_reserved_memory_node(void **state)
{
	(void)state;
	scan_reserved("reserved-badroot");

	assert_log("OF: fdt: Reserved memory: unsupported node format, ignoring\n");
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, 0x41000000, 0x1000);
	assert_false(memblock_is_reserved(0x48000000));
}

/* A tree without /reserved-memory nor /memreserve/ reserves nothing, silently. */
static void test_nothing_to_reserve(void **state)
{
	(void)state;
	scan_reserved("cells1");

	assert_int_equal(memblock_reserved_size(), 0);
	assert_no_log("Reserved memory");
	assert_no_log("reserved mem");

	early_init_fdt_scan_reserved_mem(NULL);		/* no tree: nothing */
	assert_int_equal(memblock_reserved_size(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FDT_TEST(test_reserved_memory_layout),
		FDT_TEST(test_no_map_is_memory_but_not_mapped),
		FDT_TEST(test_no_map_on_reserved_range_refused),
		FDT_TEST(test_reserved_outside_ram),
		FDT_TEST(test_bad_children),
		FDT_TEST(test_dynamic_allocation),
		FDT_TEST(test_shared_dma_pool_handlers),
		FDT_TEST(test_overlap_and_misaligned_cma),
		FDT_TEST(test_unsupported_reserved_memory_node),
		FDT_TEST(test_nothing_to_reserve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
