/* SPDX-License-Identifier: MIT */
/*
 * Shared by the memblock unit tests: short names for the two region lists and
 * an assertion on one region.
 */
#ifndef BOOTMM_TEST_MEMBLOCK_H
#define BOOTMM_TEST_MEMBLOCK_H

#include <mm/memblock.h>

#define assert_region(type, idx, b, s)						\
	do {									\
		assert_int_equal((type)->regions[idx].base, (b));		\
		assert_int_equal((type)->regions[idx].size, (s));		\
	} while (0)

static struct memblock_type *const mem = &memblock.memory;
static struct memblock_type *const rsv = &memblock.reserved;

#endif
