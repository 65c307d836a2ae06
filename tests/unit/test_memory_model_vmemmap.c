// SPDX-License-Identifier: MIT
/*
 * Unit tests of SPARSEMEM_VMEMMAP (mm/memory_model/vmemmap.c over sparse.c)
 * with a PAE PC's section geometry (512 MiB sections); test_memory_model_vmemmap_arm.c
 * is the same program with ARM's (256 MiB).
 *
 * The kernel's vmemmap_populate() writes page-table entries
 * (boot/<arch>/vmemmap.c), which a host process cannot; this program gives
 * it a stand-in with the same contract.  The window is a range of host
 * address space reserved with no access at all, big enough for the struct
 * pages of 4 GiB as in the kernels; the stand-in makes a section's slice
 * readable and writable (and takes the same memory from memblock as the
 * kernel would), so that touching the struct page of a pfn in a section
 * without memory faults here as it would in the kernel.
 */
#include "test_memory_model.h"
#include "test_memory_model_sparse.h"

unsigned long vmemmap_host_start, vmemmap_host_size;

#define MAX_POPULATED	64
static struct { unsigned long start, end; int node; } populated[MAX_POPULATED];
static int nr_populated;

int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	assert_true(start >= vmemmap_host_start && end <= vmemmap_host_start + vmemmap_host_size);
	assert_int_equal(start % PAGE_SIZE, 0);
	assert_int_equal(end % PAGE_SIZE, 0);
	assert_true(nr_populated < MAX_POPULATED);
	if (!memblock_phys_alloc_try_nid(end - start, PAGE_SIZE, node))
		return -ENOMEM;
	assert_int_equal(mprotect((void *)start, end - start, PROT_READ | PROT_WRITE), 0);
	populated[nr_populated].start = start;
	populated[nr_populated].end = end;
	populated[nr_populated++].node = node;
	return 0;
}

/* The stand-in's undo: the slice faults again (the memory is memblock's, not freed). */
unsigned long vmemmap_free(unsigned long start, unsigned long end)
{
	assert_true(start >= vmemmap_host_start && end <= vmemmap_host_start + vmemmap_host_size);
	assert_int_equal(mprotect((void *)start, end - start, PROT_NONE), 0);
	return 0;
}

/* No page tables here to walk: nothing is tagged (these tests do not register). */
unsigned long register_page_bootmem_memmap(unsigned long section_nr, struct page *map,
					   unsigned long nr_pages)
{
	(void)section_nr;
	(void)map;
	(void)nr_pages;
	return 0;
}

static int window_setup(void **state)
{
	void *window;

	vmemmap_host_size = (1UL << (32 - PAGE_SHIFT)) * sizeof(struct page);
	window = mmap(NULL, vmemmap_host_size, PROT_NONE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (window == MAP_FAILED)
		return -1;
	vmemmap_host_start = (unsigned long)window;
	return ram_setup(state);
}

static int window_teardown(void **state)
{
	munmap((void *)vmemmap_host_start, vmemmap_host_size);
	return ram_teardown(state);
}

/* A new boot: no section, and the whole window without access again. */
static void model_reset(void)
{
	sparse_reset_for_tests();
	nr_populated = 0;
	assert_ptr_equal(mmap((void *)vmemmap_host_start, vmemmap_host_size, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0),
			 (void *)vmemmap_host_start);
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
	assert_int_equal(nr_populated, X86_GEOMETRY ? 3 : 6);
	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++) {
		if (!present_section_nr(nr))
			continue;
		assert_int_equal(populated[i].start, vmemmap_host_start + section_nr_to_pfn(nr) * sizeof(struct page));
		assert_int_equal(populated[i].end, populated[i].start + slice);
		assert_int_equal(populated[i].node, 0);
		i++;
	}
	assert_true(memblock_reserved_size() >= (phys_addr_t)nr_populated * slice);
	/* The hole's sections: not asked for. */
	for (i = 0; i < nr_populated; i++)
		assert_false(populated[i].start <= (unsigned long)(vmemmap + PFN(GiB(2))) &&
			     (unsigned long)(vmemmap + PFN(GiB(2))) < populated[i].end);
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
