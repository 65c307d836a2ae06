// SPDX-License-Identifier: MIT
/*
 * Unit tests of SPARSEMEM_VMEMMAP (mm/memory_model/vmemmap.c over sparse.c)
 * with a PAE PC's section geometry (512 MiB sections); test_memory_model_vmemmap_arm.c
 * is the same program with ARM's (256 MiB).
 *
 * The kernel's vmemmap_populate() writes page-table entries
 * (boot/<arch>/vmemmap.c), which a host process cannot; tests/host/vmemmap_host.c
 * gives it a stand-in with the same contract, over a window of reserved
 * address space whose slices become accessible as they are populated, and
 * records each call for the tests below.
 */
#include "test_memory_model.h"
#include "test_memory_model_sparse.h"
#include "vmemmap_host.h"

static int window_setup(void **state)
{
	return vmemmap_host_map() ? -1 : ram_setup(state);
}

static int window_teardown(void **state)
{
	vmemmap_host_unmap();
	return ram_teardown(state);
}

/* A new boot: no section, and the whole window without access again. */
static void model_reset(void)
{
	sparse_reset_for_tests();
	assert_int_equal(vmemmap_host_reset(), 0);
}

/*
 * pfn_to_page() is vmemmap + pfn, whatever the section; vmemmap_populate()
 * is asked for exactly the present sections' slices, one call each, and the
 * memory they take comes from memblock (its reserved size grows by them).
 */
static void test_vmemmap_arithmetic(void **state)
{
	const struct bank banks[] = { { RAM_BASE, MiB(512), 0 }, { GiB(3), GiB(1), 0 } };
	const unsigned long slice = PAGES_PER_SECTION * sizeof(struct page);
	const struct page *vmemmap = (const struct page *)vmemmap_host_start;
	int i = 0;

	(void)state;
	boot(banks, 2);
	for (unsigned long pfn = 0; pfn < PFN(GiB(4)); pfn += 4099)
		if (pfn_valid(pfn)) {
			assert_ptr_equal(pfn_to_page(pfn), vmemmap + pfn);
			assert_int_equal(page_to_pfn(vmemmap + pfn), pfn);
		}
	assert_int_equal(vmemmap_host_nr_populated, X86_GEOMETRY ? 3 : 6);
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		if (!present_section_nr(nr))
			continue;
		const struct vmemmap_host_call *call = &vmemmap_host_populated[i];

		assert_int_equal(call->start, vmemmap_host_start + section_nr_to_pfn(nr) * sizeof(struct page));
		assert_int_equal(call->end, call->start + slice);
		assert_int_equal(call->node, 0);
		i++;
	}
	assert_true(memblock_reserved_size() >= (phys_addr_t)vmemmap_host_nr_populated * slice);
	/* The hole's sections: not asked for. */
	for (i = 0; i < vmemmap_host_nr_populated; i++)
		assert_false(vmemmap_host_populated[i].start <= (unsigned long)(vmemmap + PFN(GiB(2))) &&
			     (unsigned long)(vmemmap + PFN(GiB(2))) < vmemmap_host_populated[i].end);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MEMORY_MODEL_TESTS,
		SPARSE_TESTS,
		cmocka_unit_test_setup(test_vmemmap_arithmetic, reset),
	};

	return cmocka_run_group_tests(tests, window_setup, window_teardown);
}
