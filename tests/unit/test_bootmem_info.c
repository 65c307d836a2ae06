// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/bootmem_info.c, over the host build's buddy allocator:
 *   - get_page_bootmem() tags a page (index = type, PagePrivate, private =
 *     owner) and takes a reference per registration;
 *   - put_page_bootmem() drops them; only the last frees the page to the
 *     buddy allocator, untagged, and the zone's free and managed counts and
 *     totalram_pages grow by one;
 *   - a page that was never registered (or whose type was overwritten) is a
 *     BUG, with the type and the valid range in the message;
 *   - without SPARSEMEM (the host build) registering a node tags nothing.
 */
#include <mm/bootmem_info.h>
#include "test_page_alloc.h"

#define KEPT	0x1f00UL	/* pfns [KEPT, 0x2000) stay reserved at the hand-over */

/* 32 MiB in one Normal zone, its last 256 pages kept back as boot metadata. */
static struct zone *boot_with_reserved_tail(void)
{
	memblock_add_node(0, MiB(32), 0, MEMBLOCK_NONE);
	pa_boot(0, 0x2000, 0x2000);
	pa_handover_begin();
	pa_handover(0, KEPT);
	for (unsigned long pfn = KEPT; pfn < 0x2000; pfn++)
		__SetPageReserved(pfn_to_page(pfn));
	return pa_zone(0, ZONE_NORMAL);
}

static void test_type_values_are_linux(void **state)
{
	(void)state;
	assert_int_equal(MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE, 12);
	assert_int_equal(SECTION_INFO, 12);
	assert_int_equal(MIX_SECTION_INFO, 13);
	assert_int_equal(NODE_INFO, 14);
	assert_int_equal(MEMORY_HOTPLUG_MAX_BOOTMEM_TYPE, NODE_INFO);
}

static void test_get_tags_and_counts(void **state)
{
	struct page *page;

	(void)state;
	boot_with_reserved_tail();
	page = pfn_to_page(KEPT);
	assert_int_equal(page->_refcount, 1);
	get_page_bootmem(7, page, SECTION_INFO);
	assert_int_equal(page->index, SECTION_INFO);
	assert_true(PagePrivate(page));
	assert_int_equal(page_private(page), 7);
	assert_int_equal(page->_refcount, 2);
	get_page_bootmem(8, page, MIX_SECTION_INFO);	/* a usage page shared by two sections */
	assert_int_equal(page->index, MIX_SECTION_INFO);
	assert_int_equal(page_private(page), 8);
	assert_int_equal(page->_refcount, 3);
	assert_true(PageReserved(page));
}

static void test_last_put_frees_to_buddy(void **state)
{
	struct zone *normal;
	struct page *page;
	unsigned long free, managed, total;

	(void)state;
	normal = boot_with_reserved_tail();
	free = pa_zone_free(normal);
	managed = normal->managed_pages;
	total = totalram_pages();
	assert_int_equal(free, KEPT);

	page = pfn_to_page(KEPT + 1);
	get_page_bootmem(3, page, MIX_SECTION_INFO);
	get_page_bootmem(4, page, MIX_SECTION_INFO);
	put_page_bootmem(page);		/* section 3 removed: section 4 still uses it */
	assert_int_equal(page->_refcount, 2);
	assert_true(PageReserved(page));
	assert_int_equal(pa_zone_free(normal), free);

	put_page_bootmem(page);		/* the last user: back to the buddy allocator */
	assert_false(PageReserved(page));
	assert_false(PagePrivate(page));
	/* index and private now belong to the allocator (a per-CPU list's migrate type...). */
	assert_int_equal(page->_refcount, 0);
	assert_int_equal(pa_zone_free(normal), free + 1);
	assert_int_equal(normal->managed_pages, managed + 1);
	assert_int_equal(totalram_pages(), total + 1);
	pa_check();
}

/* Every page of the kept tail registered then put: they merge into one block. */
static void test_all_freed_pages_merge(void **state)
{
	struct zone *normal;

	(void)state;
	normal = boot_with_reserved_tail();
	for (unsigned long pfn = KEPT; pfn < 0x2000; pfn++)
		get_page_bootmem(0, pfn_to_page(pfn), NODE_INFO);
	for (unsigned long pfn = KEPT; pfn < 0x2000; pfn++)
		put_page_bootmem(pfn_to_page(pfn));
	assert_int_equal(pa_zone_free(normal), 0x2000);
	assert_int_equal(pa_nr_free(normal, 10), 8);
	pa_check();
}

static void test_put_of_unregistered_page_is_a_bug(void **state)
{
	struct page *page;

	(void)state;
	boot_with_reserved_tail();
	page = pfn_to_page(KEPT + 2);
	expect_assert_failure(put_page_bootmem(page));
	assert_true(host_log_contains("Kernel panic - not syncing: put_page_bootmem: pfn 0x1f02 has type 0, "
				      "not a bootmem_info type (12..14)"));
	assert_int_equal(page->_refcount, 1);	/* untouched */

	get_page_bootmem(1, page, NODE_INFO);
	page->index = NODE_INFO + 1;		/* scribbled over */
	host_log_reset();
	expect_assert_failure(put_page_bootmem(page));
	assert_true(host_log_contains("has type 15, not a bootmem_info type"));
}

static void test_flat_model_registers_nothing(void **state)
{
	(void)state;
	boot_with_reserved_tail();
	assert_int_equal(register_page_bootmem_info_node(NODE_DATA(0)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_values_are_linux),
		cmocka_unit_test_setup(test_get_tags_and_counts, pa_setup),
		cmocka_unit_test_setup(test_last_put_frees_to_buddy, pa_setup),
		cmocka_unit_test_setup(test_all_freed_pages_merge, pa_setup),
		cmocka_unit_test_setup(test_put_of_unregistered_page_is_a_bug, pa_setup),
		cmocka_unit_test_setup(test_flat_model_registers_nothing, pa_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
