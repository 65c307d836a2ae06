/* SPDX-License-Identifier: MIT */
/*
 * What the device-tree tests (test_fdt.c, test_fdt_reserved_mem.c) share:
 * loading a tree dtc compiled from tests/unit/dts/ (tests/tests.mk puts them
 * in BOOTMM_TEST_DTB_DIR), putting every boot-time state back between tests,
 * and looking at memblock's regions.
 */
#ifndef BOOTMM_TEST_FDT_H
#define BOOTMM_TEST_FDT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <mm/memblock.h>
#include "hostlog.h"

static void *test_blob;		/* the tree of the current test, freed by fdt_teardown() */
static size_t test_blob_size;

/* Read build/host/tests/dts/<name>.dtb into fresh, 8-byte aligned memory. */
static void *read_dtb(const char *name, size_t *size)
{
	char path[512];
	FILE *f;
	long len;
	void *buf;

	snprintf(path, sizeof(path), "%s/%s.dtb", BOOTMM_TEST_DTB_DIR, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (built by `make unit-tests`)", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = aligned_alloc(8, ((size_t)len + 7) & ~(size_t)7);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

/* Load a tree that must pass early_init_dt_verify_blob(); it becomes test_blob. */
static void *load_tree(const char *name)
{
	test_blob = read_dtb(name, &test_blob_size);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));
	assert_ptr_equal(initial_boot_params, test_blob);
	return test_blob;
}

/* Every test starts from a kernel that has read no tree and knows no memory. */
static int fdt_setup(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	of_fdt_reset_for_tests();
	of_reserved_mem_reset_for_tests();
	boot_command_line[0] = '\0';
	host_log_reset();
	test_blob = NULL;
	return 0;
}

static int fdt_teardown(void **state)
{
	(void)state;
	of_reserved_mem_reset_for_tests();	/* its table points into the blob */
	free(test_blob);
	test_blob = NULL;
	return 0;
}

/* One entry of a test table: the test, run between fdt_setup() and fdt_teardown(). */
#define FDT_TEST(fn)	cmocka_unit_test_setup_teardown(fn, fdt_setup, fdt_teardown)

#define assert_region(type, idx, b, s)						\
	do {									\
		assert_int_equal((type)->regions[idx].base, (b));		\
		assert_int_equal((type)->regions[idx].size, (s));		\
	} while (0)

/* A whole list at once: assert_regions(&memblock.memory, { base, size }, ...). */
struct want_region {
	unsigned long long base, size;
};

static void check_regions(const struct memblock_type *type, const struct want_region *want,
			  size_t n)
{
	size_t i;

	if (type->cnt != n)
		fail_msg("%s has %lu regions, expected %zu", type->name, type->cnt, n);
	for (i = 0; i < n; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base != want[i].base || r->size != want[i].size)
			fail_msg("%s[%zu] is [%#llx +%#llx], expected [%#llx +%#llx]", type->name, i,
				 (unsigned long long)r->base, (unsigned long long)r->size,
				 want[i].base, want[i].size);
	}
}

#define assert_regions(type, ...)						\
	do {									\
		const struct want_region __want[] = { __VA_ARGS__ };		\
		check_regions(type, __want, sizeof(__want) / sizeof(__want[0]));	\
	} while (0)

#define assert_log(text)	assert_true(host_log_contains(text))
#define assert_no_log(text)	assert_false(host_log_contains(text))

#endif
