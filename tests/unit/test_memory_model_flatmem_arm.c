// SPDX-License-Identifier: MIT
/*
 * Unit tests of FLATMEM as ARM has it (HAVE_ARCH_PFN_VALID in
 * boot/arm/include/asm/memory_model.h): the same array as a PC's, but a pfn
 * is valid only if its pageblock overlaps memory (Linux's arch/arm/mm/init.c),
 * so the holes between banks have no struct pages to initialise or report.
 * The shared tests are in test_memory_model.h.
 */
#include "test_memory_model.h"

extern struct page *mem_map;

static void model_reset(void)
{
}

/*
 * Pageblock granularity: [RAM + 1 MiB, RAM + 5 MiB + 8 KiB) makes pageblock
 * 0 (RAM .. +4 MiB) and pageblock 1 (+4 .. +8 MiB) valid, pageblock 2 not,
 * though the array covers it; in pageblock 0 the first MiB is a reserved hole.
 */
static void test_pfn_valid_asks_memblock(void **state)
{
	const struct bank banks[] = { { RAM_BASE + MiB(1), MiB(4) + 0x2000, 0 },
				      { RAM_BASE + MiB(64), MiB(64), 0 } };

	(void)state;
	boot(banks, 2);
	assert_true(pfn_valid(PFN(RAM_BASE)));
	assert_true(PageReserved(pfn_to_page(PFN(RAM_BASE))));
	assert_true(pfn_valid(PFN(RAM_BASE + MiB(8)) - 1));
	assert_true(PageReserved(pfn_to_page(PFN(RAM_BASE + MiB(8)) - 1)));
	assert_false(pfn_valid(PFN(RAM_BASE + MiB(8))));
	assert_false(pfn_valid(PFN(RAM_BASE + MiB(64)) - 1));
	assert_false(pfn_valid(PFN(RAM_BASE) - 1));
	assert_ptr_equal(pfn_to_page(PFN(RAM_BASE + MiB(64))), mem_map + PFN(RAM_BASE + MiB(64)));
	/* The holes' valid pages: 256 before the bank, 766 after it, to pageblock 1's end. */
	assert_true(host_log_contains("On node 0, zone DMA: 256 pages in unavailable ranges\n"
				      "On node 0, zone DMA: 766 pages in unavailable ranges\n"));
	assert_int_equal(__memmap_check(false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MEMORY_MODEL_TESTS,
		cmocka_unit_test_setup(test_pfn_valid_asks_memblock, reset),
	};

	return cmocka_run_group_tests(tests, ram_setup, ram_teardown);
}
