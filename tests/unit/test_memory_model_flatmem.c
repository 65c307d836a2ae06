// SPDX-License-Identifier: MIT
/*
 * Unit tests of FLATMEM (mm/memory_model/flatmem.c) as a PC has it: one
 * struct page array from ARCH_PFN_OFFSET (0 on the host) to the end of
 * memory, every pfn of it valid, holes included.  The shared tests are in
 * test_memory_model.h; test_memory_model_flatmem_arm.c is ARM's pfn_valid().
 */
#include "test_memory_model.h"

extern struct page *mem_map;
extern unsigned long max_mapnr;

static void model_reset(void)
{
	/* memmap_prepare() forgets the previous map at each boot. */
}

/*
 * The array: pfn_to_page() is one addition, node_mem_map points at the
 * node's first pfn, max_mapnr is max_pfn - ARCH_PFN_OFFSET, and pfn_valid()
 * stops there even though the array runs on to a MAX_ORDER boundary.
 */
static void test_flat_array(void **state)
{
	const struct bank banks[] = { { RAM_BASE + MiB(1), MiB(63) + 0x3000, 0 } };
	unsigned long end = PFN(RAM_BASE + MiB(64)) + 3;

	(void)state;
	boot(banks, 1);
	assert_ptr_equal(pfn_to_page(0), mem_map);
	assert_ptr_equal(pfn_to_page(end - 1), mem_map + end - 1);
	assert_ptr_equal(NODE_DATA(0)->node_mem_map, pfn_to_page(PFN(RAM_BASE + MiB(1))));
	assert_int_equal(max_mapnr, end);
	assert_true(pfn_valid(end - 1));
	assert_false(pfn_valid(end));
	assert_boot_line(ALIGN(end, MAX_ORDER_NR_PAGES), end - PFN(RAM_BASE + MiB(1)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MEMORY_MODEL_TESTS,
		cmocka_unit_test_setup(test_flat_array, reset),
	};

	return cmocka_run_group_tests(tests, ram_setup, ram_teardown);
}
