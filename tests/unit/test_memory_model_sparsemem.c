// SPDX-License-Identifier: MIT
/*
 * Unit tests of SPARSEMEM (mm/memory_model/sparsemem.c over sparse.c) with
 * a PAE PC's section geometry: 128 sections of 512 MiB (tests/tests.mk picks
 * boot/x86/include/asm/memory_model.h for this file; test_memory_model_sparsemem_arm.c
 * is the same program with ARM's).
 * The tests are in test_memory_model.h (every model) and
 * test_memory_model_sparse.h (both sparse models).
 */
#include "test_memory_model.h"
#include "test_memory_model_sparse.h"

static void model_reset(void)
{
	sparse_reset_for_tests();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MEMORY_MODEL_TESTS,
		SPARSE_TESTS,
	};

	return cmocka_run_group_tests(tests, ram_setup, ram_teardown);
}
