// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/memblock.c, part 1: building the two region lists and asking
 * them questions (Linux's tools/testing/memblock/tests/basic_api.c covers the
 * same ground).  Nothing here allocates, so the addresses are plain numbers and
 * nothing is ever dereferenced; allocation, array doubling and everything that
 * writes to "physical" memory is in test_memblock_alloc.c.
 *
 * Each diagram shows the address line before and after the call under test:
 * [==r1==] are regions, "add"/"rm" lines show the range passed in.
 */
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "hostlog.h"
#include "hostparam.h"

#ifndef SZ_256M
#define SZ_256M		(256 * SZ_1M)
#endif
#ifndef SZ_512M
#define SZ_512M		(512 * SZ_1M)
#endif

#include "test_memblock.h"

static int reset(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	host_log_reset();
	return 0;
}

/*
 * The overlap cases are the same for both lists, so they run twice: once with
 * memblock_add()/memblock_remove() on memory, once with memblock_reserve()/
 * memblock_phys_free() on reserved (the cmocka initial state says which).
 */
struct range_api {
	int (*add)(phys_addr_t base, phys_addr_t size);
	int (*remove)(phys_addr_t base, phys_addr_t size);
	struct memblock_type *type;
};

static const struct range_api memory_api = { memblock_add, memblock_remove, &memblock.memory };
static const struct range_api reserved_api = { memblock_reserve, memblock_phys_free, &memblock.reserved };

#define API(state)	((const struct range_api *)*(state))

/* ------------------------------------------------------------------------ */
/* Initial state                                                             */
/* ------------------------------------------------------------------------ */

/*
 * Nothing added yet: each list is one zero-size dummy region.
 *
 *   memory    |                                   |   cnt 1, size 0
 *   reserved  |                                   |   cnt 1, size 0
 */
static void test_initial_state(void **state)
{
	(void)state;
	assert_int_equal(mem->cnt, 1);
	assert_int_equal(mem->max, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(mem->total_size, 0);
	assert_region(mem, 0, 0, 0);
	assert_string_equal(mem->name, "memory");
	assert_int_equal(rsv->cnt, 1);
	assert_int_equal(rsv->max, INIT_MEMBLOCK_REGIONS);
	assert_region(rsv, 0, 0, 0);
	assert_string_equal(rsv->name, "reserved");
	assert_false(memblock.bottom_up);
	assert_false(memblock_bottom_up());
	assert_int_equal(memblock.current_limit, MEMBLOCK_ALLOC_ANYWHERE);
	assert_int_equal(memblock_get_current_limit(), MEMBLOCK_ALLOC_ANYWHERE);
	assert_int_equal(MEMBLOCK_ALLOC_ACCESSIBLE, 0);
	assert_int_equal(NUMA_NO_NODE, -1);
	assert_int_equal(MAX_NUMNODES, 4);
	assert_int_equal(MEMBLOCK_HOTPLUG, 0x1);
	assert_int_equal(MEMBLOCK_MIRROR, 0x2);
	assert_int_equal(MEMBLOCK_NOMAP, 0x4);
}

/* ------------------------------------------------------------------------ */
/* memblock_add / memblock_reserve: every overlap case                       */
/* ------------------------------------------------------------------------ */

/*
 *   before    |                                   |
 *   add       |        [==r1==]                   |
 *   after     |        [==r1==]                   |
 */
static void test_add_simple(void **state)
{
	const struct range_api *api = API(state);

	assert_int_equal(api->add(SZ_256M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, SZ_16M);
	assert_int_equal(api->type->total_size, SZ_16M);
	assert_int_equal(api->type->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(api->type->regions[0].nid, MAX_NUMNODES);
}

/*
 * Added out of order, kept sorted:
 *
 *   before    |                       [==r2==]    |
 *   add       |     [==r1==]                      |
 *   after     |     [==r1==]          [==r2==]    |
 */
static void test_add_disjoint(void **state)
{
	const struct range_api *api = API(state);

	assert_int_equal(api->add(SZ_1G, SZ_16M), 0);
	assert_int_equal(api->add(SZ_256M, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 2);
	assert_region(api->type, 0, SZ_256M, SZ_4M);
	assert_region(api->type, 1, SZ_1G, SZ_16M);
	assert_int_equal(api->type->total_size, SZ_16M + SZ_4M);
}

/*
 * Touching regions merge:
 *
 *   before    |     [==r1==]                      |
 *   add       |             [==r2==]              |
 *   after     |     [=======r1+r2===]             |
 */
static void test_add_touching(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->add(SZ_256M + SZ_16M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 2 * SZ_16M);
	assert_int_equal(api->type->total_size, 2 * SZ_16M);
}

/*
 * The new range overlaps the top of r1:
 *
 *   before    |     [==r1==]                      |
 *   add       |         [==r2==]                  |
 *   after     |     [====r1+r2=]                  |
 */
static void test_add_overlap_top(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->add(SZ_256M + 8 * SZ_1M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 24 * SZ_1M);
	assert_int_equal(api->type->total_size, 24 * SZ_1M);
}

/*
 * The new range overlaps the bottom of r1:
 *
 *   before    |         [==r1==]                  |
 *   add       |     [==r2==]                      |
 *   after     |     [=r2+r1====]                  |
 */
static void test_add_overlap_bottom(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->add(SZ_256M - 8 * SZ_1M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M - 8 * SZ_1M, 24 * SZ_1M);
	assert_int_equal(api->type->total_size, 24 * SZ_1M);
}

/*
 * The new range lies inside r1: nothing changes.
 *
 *   before    |     [=====r1=====]                |
 *   add       |         [r2]                      |
 *   after     |     [=====r1=====]                |
 */
static void test_add_within(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->add(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, SZ_16M);
	assert_int_equal(api->type->total_size, SZ_16M);
}

/*
 * The new range covers two regions and the hole between them:
 *
 *   before    |       [r1]      [r2]              |
 *   add       |    [==========r3==========]       |
 *   after     |    [==========r3==========]       |
 */
static void test_add_covering(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_4M);
	api->add(SZ_256M + SZ_16M, SZ_4M);
	assert_int_equal(api->add(SZ_256M - 8 * SZ_1M, 64 * SZ_1M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M - 8 * SZ_1M, 64 * SZ_1M);
	assert_int_equal(api->type->total_size, 64 * SZ_1M);
}

/*
 * The same range twice: counted once.
 *
 *   before    |     [==r1==]                      |
 *   add       |     [==r1==]                      |
 *   after     |     [==r1==]                      |
 */
static void test_add_twice(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->add(SZ_256M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, SZ_16M);
	assert_int_equal(api->type->total_size, SZ_16M);
}

/*
 * The new range exactly fills the hole between two regions: all three merge.
 *
 *   before    |     [=r1=]    [=r2=]              |
 *   add       |           [r3]                    |
 *   after     |     [======r1+r3+r2==]            |
 */
static void test_add_fill_gap(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_4M);
	api->add(SZ_256M + 8 * SZ_1M, SZ_4M);
	assert_int_equal(api->add(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 12 * SZ_1M);
	assert_int_equal(api->type->total_size, 12 * SZ_1M);
}

/*
 * The new range overlaps the top of r1 and the bottom of r2:
 *
 *   before    |     [=r1=]      [=r2=]            |
 *   add       |         [===r3====]               |
 *   after     |     [=====r1+r3+r2===]            |
 */
static void test_add_overlap_both(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, 8 * SZ_1M);
	api->add(SZ_256M + SZ_16M, 8 * SZ_1M);
	assert_int_equal(api->add(SZ_256M + SZ_4M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 24 * SZ_1M);
	assert_int_equal(api->type->total_size, 24 * SZ_1M);
}

/*
 * base + size wraps past 2^64: clipped so the region ends at PHYS_ADDR_MAX.
 *
 *   add       |                            [==r1==|==>  (wraps)
 *   after     |                            [=r1=] |     end = PHYS_ADDR_MAX
 */
static void test_add_wraparound(void **state)
{
	const struct range_api *api = API(state);
	phys_addr_t base = PHYS_ADDR_MAX - SZ_1M + 1;

	assert_int_equal(api->add(base, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, base, SZ_1M - 1);
	assert_int_equal(api->type->total_size, SZ_1M - 1);
}

/*
 * Zero size: nothing happens.
 *
 *   before    |                                   |
 *   add       |        |  (size 0)                |
 *   after     |                                   |
 */
static void test_add_zero_size(void **state)
{
	const struct range_api *api = API(state);

	assert_int_equal(api->add(SZ_256M, 0), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, 0, 0);
	assert_int_equal(api->type->total_size, 0);
}

/* ------------------------------------------------------------------------ */
/* memblock_remove / memblock_phys_free: every overlap case                  */
/* ------------------------------------------------------------------------ */

/*
 *   before    |     [=r1=]        [=r2=]          |
 *   rm        |     [=r1=]                        |
 *   after     |                   [=r2=]          |
 */
static void test_remove_simple(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	api->add(SZ_1G, SZ_16M);
	assert_int_equal(api->remove(SZ_256M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_1G, SZ_16M);
	assert_int_equal(api->type->total_size, SZ_16M);
}

/*
 * Removing the last region leaves the zero-size dummy (cnt stays 1).
 *
 *   before    |     [=r1=]                        |
 *   rm        |     [=r1=]                        |
 *   after     |                                   |   cnt 1, size 0
 */
static void test_remove_all(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->remove(SZ_256M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, 0, 0);
	assert_int_equal(api->type->regions[0].nid, MAX_NUMNODES);
	assert_int_equal(api->type->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(api->type->total_size, 0);
}

/*
 * The dummy left behind forgets the node and flags of what was removed.
 *
 *   before    |     [=r1 n2 HOTPLUG=]             |
 *   rm        |     [=======rm======]             |
 *   after     |                                   |   nid MAX_NUMNODES, flags 0
 */
static void test_remove_all_resets_node(void **state)
{
	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, 2, MEMBLOCK_HOTPLUG);
	assert_int_equal(memblock_remove(SZ_256M, SZ_16M), 0);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, 0, 0);
	assert_int_equal(mem->regions[0].nid, MAX_NUMNODES);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
}

/*
 * A range in the hole changes nothing.
 *
 *   before    |     [=r1=]        [=r2=]          |
 *   rm        |            [rm]                   |
 *   after     |     [=r1=]        [=r2=]          |
 */
static void test_remove_absent(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	api->add(SZ_1G, SZ_16M);
	assert_int_equal(api->remove(SZ_512M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 2);
	assert_region(api->type, 0, SZ_256M, SZ_16M);
	assert_region(api->type, 1, SZ_1G, SZ_16M);
	assert_int_equal(api->type->total_size, 2 * SZ_16M);
}

/*
 *   before    |     [===r1===]                    |
 *   rm        |         [===rm===]                |
 *   after     |     [r1]                          |
 */
static void test_remove_overlap_top(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->remove(SZ_256M + 8 * SZ_1M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 8 * SZ_1M);
	assert_int_equal(api->type->total_size, 8 * SZ_1M);
}

/*
 *   before    |         [===r1===]                |
 *   rm        |     [===rm===]                    |
 *   after     |              [r1]                 |
 */
static void test_remove_overlap_bottom(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->remove(SZ_256M - 8 * SZ_1M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(api->type->total_size, 8 * SZ_1M);
}

/*
 * A hole in the middle splits the region in two.
 *
 *   before    |     [=======r1=======]            |
 *   rm        |           [rm]                    |
 *   after     |     [r1a] |  | [=r1b=]            |
 */
static void test_remove_within(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	assert_int_equal(api->remove(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 2);
	assert_region(api->type, 0, SZ_256M, SZ_4M);
	assert_region(api->type, 1, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(api->type->total_size, 12 * SZ_1M);
}

/*
 *   before    |       [r1]      [r2]              |
 *   rm        |    [==========rm==========]       |
 *   after     |                                   |   cnt 1, size 0
 */
static void test_remove_covering(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_4M);
	api->add(SZ_256M + SZ_16M, SZ_4M);
	assert_int_equal(api->remove(SZ_256M - 8 * SZ_1M, 64 * SZ_1M), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, 0, 0);
	assert_int_equal(api->type->total_size, 0);
}

/*
 * The range takes the top of r1 and the bottom of r2.
 *
 *   before    |     [==r1==]    [==r2==]          |
 *   rm        |         [=====rm===]              |
 *   after     |     [r1]           [r2]           |
 */
static void test_remove_across(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, 8 * SZ_1M);
	api->add(SZ_256M + SZ_16M, 8 * SZ_1M);
	assert_int_equal(api->remove(SZ_256M + SZ_4M, SZ_16M), 0);
	assert_int_equal(api->type->cnt, 2);
	assert_region(api->type, 0, SZ_256M, SZ_4M);
	assert_region(api->type, 1, SZ_256M + 20 * SZ_1M, SZ_4M);
	assert_int_equal(api->type->total_size, 8 * SZ_1M);
}

/*
 * Removing the same range twice: the second call finds nothing to do.
 *
 *   before    |     [=======r1=======]            |
 *   rm, rm    |           [rm]                    |
 *   after     |     [r1a]      [=r1b=]            |
 */
static void test_remove_twice(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	api->remove(SZ_256M + SZ_4M, SZ_4M);
	assert_int_equal(api->remove(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(api->type->cnt, 2);
	assert_region(api->type, 0, SZ_256M, SZ_4M);
	assert_region(api->type, 1, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(api->type->total_size, 12 * SZ_1M);
}

/*
 * size = PHYS_ADDR_MAX means "from base to the top": clipped, not wrapped.
 *
 *   before    |     [==r1==]          [==r2==]    |
 *   rm        |         [=====================rm==|==>
 *   after     |     [r1]                          |
 */
static void test_remove_to_top(void **state)
{
	const struct range_api *api = API(state);

	api->add(SZ_256M, SZ_16M);
	api->add(SZ_1G, SZ_16M);
	assert_int_equal(api->remove(SZ_256M + 8 * SZ_1M, PHYS_ADDR_MAX), 0);
	assert_int_equal(api->type->cnt, 1);
	assert_region(api->type, 0, SZ_256M, 8 * SZ_1M);
	assert_int_equal(api->type->total_size, 8 * SZ_1M);
}

/*
 * memblock_free() takes a virtual address (the identity on the host); NULL is
 * ignored.
 *
 *   reserved  |     [=======r1=======]            |
 *   free      |           [ptr]                   |
 *   after     |     [r1a]      [=r1b=]            |
 */
static void test_free_virtual(void **state)
{
	(void)state;
	memblock_reserve(SZ_256M, SZ_16M);
	memblock_free(NULL, SZ_4M);
	assert_int_equal(rsv->cnt, 1);
	memblock_free(__va(SZ_256M + SZ_4M), SZ_4M);
	assert_int_equal(rsv->cnt, 2);
	assert_region(rsv, 0, SZ_256M, SZ_4M);
	assert_region(rsv, 1, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(memblock_reserved_size(), 12 * SZ_1M);
}

/* ------------------------------------------------------------------------ */
/* Flags                                                                      */
/* ------------------------------------------------------------------------ */

/*
 *   memory    |     [=====r1=====]                |
 *   mark      |     [==HOTPLUG===]                |
 *   after     |     [=====r1=====] flags 0x1      |
 */
static void test_mark_hotplug_whole(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_int_equal(memblock_mark_hotplug(SZ_256M, SZ_16M), 0);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, SZ_16M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_HOTPLUG);
	assert_true(memblock_is_hotpluggable(&mem->regions[0]));
	assert_int_equal(memblock_clear_hotplug(SZ_256M, SZ_16M), 0);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
}

/*
 * Marking the middle splits the region; clearing merges it back.
 *
 *   memory    |     [=======r1=======]            |
 *   mark      |           [NM]                    |
 *   after     |     [r1a ][NM][=r1c=]             |   3 regions
 *   clear     |           [NM]                    |
 *   after     |     [=======r1=======]            |   1 region again
 */
static void test_mark_nomap_splits_and_merges(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_int_equal(memblock_mark_nomap(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(mem->cnt, 3);
	assert_region(mem, 0, SZ_256M, SZ_4M);
	assert_region(mem, 1, SZ_256M + SZ_4M, SZ_4M);
	assert_region(mem, 2, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_NOMAP);
	assert_int_equal(mem->regions[2].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, SZ_16M);

	assert_int_equal(memblock_clear_nomap(SZ_256M + SZ_4M, SZ_4M), 0);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, SZ_16M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, SZ_16M);
}

/*
 * A range across a hole marks both sides and does not fill the hole.
 *
 *   memory    |     [==r1==]      [==r2==]        |
 *   mark      |         [====HOTPLUG==]           |
 *   after     |     [r1][H1]      [H2][r2]        |   4 regions
 */
static void test_mark_across_hole(void **state)
{
	(void)state;
	memblock_add(SZ_256M, 8 * SZ_1M);
	memblock_add(SZ_256M + SZ_16M, 8 * SZ_1M);
	assert_int_equal(memblock_mark_hotplug(SZ_256M + SZ_4M, SZ_16M), 0);
	assert_int_equal(mem->cnt, 4);
	assert_region(mem, 0, SZ_256M, SZ_4M);
	assert_region(mem, 1, SZ_256M + SZ_4M, SZ_4M);
	assert_region(mem, 2, SZ_256M + SZ_16M, SZ_4M);
	assert_region(mem, 3, SZ_256M + 20 * SZ_1M, SZ_4M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_HOTPLUG);
	assert_int_equal(mem->regions[2].flags, MEMBLOCK_HOTPLUG);
	assert_int_equal(mem->regions[3].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, SZ_16M);
}

/*
 * Flags add up; clearing one keeps the other.
 *
 *   memory    |     [=====r1=====]                |
 *   mark H, N |     [=====H|N====] flags 0x5      |
 *   clear H   |     [======N=====] flags 0x4      |
 */
static void test_flags_combine(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	memblock_mark_hotplug(SZ_256M, SZ_16M);
	memblock_mark_nomap(SZ_256M, SZ_16M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_HOTPLUG | MEMBLOCK_NOMAP);
	memblock_clear_hotplug(SZ_256M, SZ_16M);
	assert_int_equal(mem->cnt, 1);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NOMAP);
	assert_true(memblock_is_nomap(&mem->regions[0]));
}

/*
 *   memory    |     [=====r1=====]                |
 *   mark      |            [MIRR]                 |
 *   after     |     [=r1a=][MIRR]                 |
 */
static void test_mark_mirror(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_int_equal(memblock_mark_mirror(SZ_256M + 8 * SZ_1M, 8 * SZ_1M), 0);
	assert_int_equal(mem->cnt, 2);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_MIRROR);
	assert_true(memblock_is_mirror(&mem->regions[1]));
}

/*
 * Touching regions with different flags stay apart.
 *
 *   add       |     [=r1=]                        |   flags 0x1 (hotplug)
 *   add       |          [=r2=]                   |   flags 0
 *   after     |     [=r1=][=r2=]                  |   2 regions
 */
static void test_touching_different_flags(void **state)
{
	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	memblock_add(SZ_256M + SZ_16M, SZ_16M);
	assert_int_equal(mem->cnt, 2);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_HOTPLUG);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, 2 * SZ_16M);
}

/*
 * Marking where there is no memory changes nothing.
 *
 *   memory    |     [==r1==]                      |
 *   mark      |                  [NM]             |
 *   after     |     [==r1==]                      |
 */
static void test_mark_outside_memory(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_int_equal(memblock_mark_nomap(SZ_1G, SZ_16M), 0);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, SZ_16M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                      */
/* ------------------------------------------------------------------------ */

/*
 *   add_node  |     [==r1==]                      |   nid 1, flags 0
 */
static void test_add_node_simple(void **state)
{
	(void)state;
	assert_int_equal(memblock_add_node(SZ_256M, SZ_16M, 1, MEMBLOCK_NONE), 0);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, SZ_16M);
	assert_int_equal(mem->regions[0].nid, 1);
	assert_int_equal(memblock_get_region_node(&mem->regions[0]), 1);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
}

/*
 * Touching regions merge only on the same node.
 *
 *   add_node  |     [=n1=][=n1=]      [=n0=][=n2=]|
 *   after     |     [===n1=====]      [=n0=][=n2=]|   3 regions
 */
static void test_add_node_merge_same_nid(void **state)
{
	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_add_node(SZ_256M + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_add_node(SZ_1G, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_1G + SZ_16M, SZ_16M, 2, MEMBLOCK_NONE);
	assert_int_equal(mem->cnt, 3);
	assert_region(mem, 0, SZ_256M, 2 * SZ_16M);
	assert_int_equal(mem->regions[0].nid, 1);
	assert_region(mem, 1, SZ_1G, SZ_16M);
	assert_int_equal(mem->regions[1].nid, 0);
	assert_region(mem, 2, SZ_1G + SZ_16M, SZ_16M);
	assert_int_equal(mem->regions[2].nid, 2);
}

/*
 * memblock_set_node() over all of memory, as a UMA setup_arch() does.
 *
 *   memory    |     [=r1 ?=]          [=r2 ?=]    |   nid MAX_NUMNODES
 *   set_node  |[===============0==================|==>
 *   after     |     [=r1 0=]          [=r2 0=]    |
 */
static void test_set_node_all(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	memblock_add(SZ_1G, SZ_16M);
	assert_int_equal(memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0), 0);
	assert_int_equal(mem->cnt, 2);
	assert_int_equal(mem->regions[0].nid, 0);
	assert_int_equal(mem->regions[1].nid, 0);
	assert_int_equal(mem->total_size, 2 * SZ_16M);
}

/*
 * Part of a region moves to another node: split in three.
 *
 *   memory    |     [=======r1=======]            |   nid MAX_NUMNODES
 *   set_node  |           [n2]                    |
 *   after     |     [ ? ][n2][  ?  ]              |
 */
static void test_set_node_splits(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_int_equal(memblock_set_node(SZ_256M + SZ_4M, SZ_4M, &memblock.memory, 2), 0);
	assert_int_equal(mem->cnt, 3);
	assert_region(mem, 0, SZ_256M, SZ_4M);
	assert_int_equal(mem->regions[0].nid, MAX_NUMNODES);
	assert_region(mem, 1, SZ_256M + SZ_4M, SZ_4M);
	assert_int_equal(mem->regions[1].nid, 2);
	assert_region(mem, 2, SZ_256M + 8 * SZ_1M, 8 * SZ_1M);
	assert_int_equal(mem->regions[2].nid, MAX_NUMNODES);
	assert_int_equal(mem->total_size, SZ_16M);
}

/*
 * Touching regions of two nodes merge once they are on the same node.
 *
 *   memory    |     [=n0=][=n1=]                  |   2 regions
 *   set_node  |     [====1=====]                  |
 *   after     |     [====n1====]                  |   1 region
 */
static void test_set_node_merges(void **state)
{
	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_256M + SZ_16M, SZ_16M, 1, MEMBLOCK_NONE);
	assert_int_equal(mem->cnt, 2);
	memblock_set_node(SZ_256M, 2 * SZ_16M, &memblock.memory, 1);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, 2 * SZ_16M);
	assert_int_equal(mem->regions[0].nid, 1);
}

/*
 * Adding a range that reaches below a region of another node warns, as
 * Linux's CONFIG_NUMA build does; the old region keeps its node.
 *
 *   memory    |         [=n0=]                    |
 *   add       |     [======?======]               |
 *   after     |     [?][=n0=][?]                  |   + WARNING
 */
static void test_add_over_other_node_warns(void **state)
{
	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, 0, MEMBLOCK_NONE);
	assert_int_equal(memblock_add(SZ_256M - SZ_4M, SZ_16M + 2 * SZ_4M), 0);
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at mm/memblock.c:"));
	assert_int_equal(mem->cnt, 3);
	assert_int_equal(mem->regions[1].nid, 0);
	assert_region(mem, 1, SZ_256M, SZ_16M);
	assert_int_equal(mem->total_size, SZ_16M + 2 * SZ_4M);
}

/* ------------------------------------------------------------------------ */
/* Sizes and queries                                                          */
/* ------------------------------------------------------------------------ */

/*
 *   memory    |     [==r1==]          [==r2==]    |
 *   reserved  |       [rs]                        |
 *             ^ start_of_DRAM                 end_of_DRAM ^
 */
static void test_sizes_and_edges(void **state)
{
	(void)state;
	assert_int_equal(memblock_start_of_DRAM(), 0);
	assert_int_equal(memblock_end_of_DRAM(), 0);
	memblock_add(SZ_256M, SZ_16M);
	memblock_add(SZ_1G, SZ_16M);
	memblock_reserve(SZ_256M + SZ_1M, SZ_1M);
	assert_int_equal(memblock_phys_mem_size(), 2 * SZ_16M);
	assert_int_equal(memblock_reserved_size(), SZ_1M);
	assert_int_equal(memblock_start_of_DRAM(), SZ_256M);
	assert_int_equal(memblock_end_of_DRAM(), SZ_1G + SZ_16M);
}

/*
 *   memory    |     [==r1==]          [NM][r2]    |
 *   probes    |    ^ ^      ^    ^      ^   ^  ^  |
 */
static void test_is_memory(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	memblock_add(SZ_1G, SZ_16M);
	memblock_mark_nomap(SZ_1G, SZ_4M);

	assert_false(memblock_is_memory(SZ_256M - 1));
	assert_true(memblock_is_memory(SZ_256M));
	assert_true(memblock_is_memory(SZ_256M + SZ_16M - 1));
	assert_false(memblock_is_memory(SZ_256M + SZ_16M));
	assert_false(memblock_is_memory(SZ_512M));
	assert_true(memblock_is_memory(SZ_1G));
	assert_false(memblock_is_map_memory(SZ_1G));
	assert_false(memblock_is_map_memory(SZ_1G + SZ_4M - 1));
	assert_true(memblock_is_map_memory(SZ_1G + SZ_4M));
	assert_true(memblock_is_map_memory(SZ_256M));
	assert_false(memblock_is_map_memory(SZ_512M));
	assert_false(memblock_is_memory(SZ_1G + SZ_16M));
}

/*
 * A range is "region memory" only if one region holds all of it.
 *
 *   memory    |     [==r1==][=NM=]    [==r2==]    |
 *   yes       |       [==]                        |
 *   no        |           [==]   [==]  [=]        |
 */
static void test_is_region_memory(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	memblock_add(SZ_1G, SZ_16M);
	memblock_mark_nomap(SZ_256M + 8 * SZ_1M, 8 * SZ_1M);

	assert_true(memblock_is_region_memory(SZ_256M, SZ_4M));
	assert_true(memblock_is_region_memory(SZ_1G, SZ_16M));
	assert_false(memblock_is_region_memory(SZ_256M + SZ_4M, 8 * SZ_1M));
	assert_false(memblock_is_region_memory(SZ_1G - SZ_1M, SZ_4M));
	assert_false(memblock_is_region_memory(SZ_1G + SZ_16M - SZ_1M, SZ_4M));
	assert_false(memblock_is_region_memory(SZ_512M, SZ_4M));
}

/*
 * Touching a reserved region is not overlapping it.
 *
 *   reserved  |         [=rs=]                    |
 *   no        |     [==]      [==]                |
 *   yes       |        [==]  [=]   (and inside)   |
 */
static void test_is_region_reserved(void **state)
{
	(void)state;
	memblock_reserve(SZ_256M, SZ_16M);
	assert_false(memblock_is_region_reserved(SZ_256M - SZ_4M, SZ_4M));
	assert_false(memblock_is_region_reserved(SZ_256M + SZ_16M, SZ_4M));
	assert_true(memblock_is_region_reserved(SZ_256M - SZ_4M, SZ_4M + 1));
	assert_true(memblock_is_region_reserved(SZ_256M + SZ_16M - 1, SZ_4M));
	assert_true(memblock_is_region_reserved(SZ_256M + SZ_1M, SZ_1M));
	assert_true(memblock_overlaps_region(&memblock.reserved, 0, PHYS_ADDR_MAX));
	assert_true(memblock_is_reserved(SZ_256M));
	assert_false(memblock_is_reserved(SZ_256M + SZ_16M));
}

/*
 *   memory    |     [==r1 n3==]                   |
 *   pfn           ^ inside: node 3, [start, end) pfns of r1
 */
static void test_search_pfn_nid(void **state)
{
	unsigned long start = 0, end = 0;

	(void)state;
	memblock_add_node(SZ_256M, SZ_16M, 3, MEMBLOCK_NONE);
	assert_int_equal(memblock_search_pfn_nid(PHYS_PFN(SZ_256M + SZ_1M), &start, &end), 3);
	assert_int_equal(start, PHYS_PFN(SZ_256M));
	assert_int_equal(end, PHYS_PFN(SZ_256M + SZ_16M));
	assert_int_equal(memblock_search_pfn_nid(PHYS_PFN(SZ_1G), &start, &end), -1);
}

/* ------------------------------------------------------------------------ */
/* mem= and capping                                                           */
/* ------------------------------------------------------------------------ */

/*
 * mem=384M keeps the first 384 MiB of RAM, wherever it lies.
 *
 *   memory    |  [====256M====]      [====256M====]       |
 *   reserved  |                         [64M]   [16M]     |
 *   limit     |  [====256M====]      [128M]|cut           |
 *   after     |  [====256M====]      [128M]               |
 *   reserved  |                         [64M]             |
 */
static void test_enforce_memory_limit(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_256M);
	memblock_add(SZ_1G, SZ_256M);
	memblock_reserve(SZ_1G + 64 * SZ_1M, 64 * SZ_1M);
	memblock_reserve(SZ_1G + 192 * SZ_1M, SZ_16M);

	memblock_enforce_memory_limit(384 * SZ_1M);
	assert_int_equal(mem->cnt, 2);
	assert_region(mem, 0, SZ_256M, SZ_256M);
	assert_region(mem, 1, SZ_1G, 128 * SZ_1M);
	assert_int_equal(memblock_phys_mem_size(), 384 * SZ_1M);
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, SZ_1G + 64 * SZ_1M, 64 * SZ_1M);
}

/*
 * A limit that ends exactly at the end of a region cuts there, so a
 * reservation in the hole above goes too.
 *
 *   memory    |  [====256M====]      [====256M====]       |
 *   reserved  |                 [r]                       |
 *   limit     |  [====256M====]|cut                       |
 *   after     |  [====256M====]                           |
 */
static void test_enforce_memory_limit_region_end(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_256M);
	memblock_add(SZ_1G, SZ_256M);
	memblock_reserve(600 * SZ_1M, SZ_1M);
	memblock_enforce_memory_limit(SZ_256M);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M, SZ_256M);
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, 0, 0);
}

/*
 * No limit (0) or a limit above the RAM size: nothing changes.
 *
 *   memory    |     [==r1==]          [==r2==]    |
 *   limit 0, limit 1G: unchanged
 */
static void test_enforce_memory_limit_noop(void **state)
{
	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	memblock_add(SZ_1G, SZ_16M);
	memblock_enforce_memory_limit(0);
	memblock_enforce_memory_limit(SZ_1G);
	memblock_enforce_memory_limit(2 * SZ_16M);
	assert_int_equal(mem->cnt, 2);
	assert_int_equal(memblock_phys_mem_size(), 2 * SZ_16M);
}

/*
 * Only [768M, 800M) stays, plus NOMAP regions (firmware still needs them).
 *
 *   memory    |  [==r1==]   [=NOMAP=]   [==r3==]      |
 *   reserved  |   [a]                 [==b==]  [c]    |
 *   cap       |                         [cap]         |
 *   after     |             [=NOMAP=]   [r3]          |
 *   reserved  |                         [b]           |
 */
static void test_cap_memory_range(void **state)
{
	(void)state;
	memblock_add(SZ_256M, 64 * SZ_1M);
	memblock_add(SZ_512M, 64 * SZ_1M);
	memblock_mark_nomap(SZ_512M, 64 * SZ_1M);
	memblock_add(768 * SZ_1M, 64 * SZ_1M);
	memblock_reserve(SZ_256M, SZ_1M);
	memblock_reserve(760 * SZ_1M, 16 * SZ_1M);
	memblock_reserve(820 * SZ_1M, SZ_1M);

	memblock_cap_memory_range(768 * SZ_1M, 32 * SZ_1M);
	assert_int_equal(mem->cnt, 2);
	assert_region(mem, 0, SZ_512M, 64 * SZ_1M);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NOMAP);
	assert_region(mem, 1, 768 * SZ_1M, 32 * SZ_1M);
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, 768 * SZ_1M, 8 * SZ_1M);
}

/*
 *   memory    |                                   |   (empty)
 *   cap       |     [cap]                         |   -> warning, no change
 */
static void test_cap_memory_range_no_memory(void **state)
{
	(void)state;
	memblock_cap_memory_range(SZ_256M, SZ_16M);
	assert_true(host_log_contains("memblock_cap_memory_range: No memory registered yet\n"));
	assert_int_equal(mem->cnt, 1);
	assert_int_equal(mem->total_size, 0);
}

/*
 * mem=96M on an arch that keeps NOMAP regions described.
 *
 *   memory    |  [==64M==]   [==64M==]   [NOMAP]  |
 *   limit     |  [==64M==]   [32M]|cut            |
 *   after     |  [==64M==]   [32M]       [NOMAP]  |
 */
static void test_mem_limit_remove_map(void **state)
{
	(void)state;
	memblock_add(SZ_256M, 64 * SZ_1M);
	memblock_add(SZ_512M, 64 * SZ_1M);
	memblock_add(SZ_1G, SZ_16M);
	memblock_mark_nomap(SZ_1G, SZ_16M);

	memblock_mem_limit_remove_map(96 * SZ_1M);
	assert_int_equal(mem->cnt, 3);
	assert_region(mem, 0, SZ_256M, 64 * SZ_1M);
	assert_region(mem, 1, SZ_512M, 32 * SZ_1M);
	assert_region(mem, 2, SZ_1G, SZ_16M);
	assert_int_equal(mem->regions[2].flags, MEMBLOCK_NOMAP);
}

/*
 * Trimming to pages: ragged edges go, a region without a whole page goes.
 *
 *   memory    |  [.==r1==.]         [.r2.]        |   . = partial page
 *   after     |   [==r1==]                        |
 */
static void test_trim_memory(void **state)
{
	(void)state;
	memblock_add(SZ_256M + 100, SZ_16M);
	memblock_add(SZ_1G + 10, 4000);
	memblock_trim_memory(PAGE_SIZE);
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, SZ_256M + PAGE_SIZE, SZ_16M - PAGE_SIZE);
	assert_int_equal(mem->total_size, SZ_16M - PAGE_SIZE);
}

/* ------------------------------------------------------------------------ */
/* Iterators                                                                  */
/* ------------------------------------------------------------------------ */

struct range {
	phys_addr_t start, end;
	int nid;
};

static struct range got[16];
static unsigned int nr_got;

static void got_add(phys_addr_t start, phys_addr_t end, int nid)
{
	assert_true(nr_got < ARRAY_SIZE(got));
	got[nr_got++] = (struct range){ start, end, nid };
}

static void assert_got(const struct range *want, unsigned int n)
{
	assert_int_equal(nr_got, n);
	for (unsigned int i = 0; i < n; i++) {
		assert_int_equal(got[i].start, want[i].start);
		assert_int_equal(got[i].end, want[i].end);
		assert_int_equal(got[i].nid, want[i].nid);
	}
	nr_got = 0;
}

/*
 * The layout most iterator tests walk.
 *
 *   memory    |  [====r1 n0====]    [=r2 n1=]    [=r3 n1=]      |
 *   reserved  |  [a]   [b]          [===c===]          [=d=]  [e]
 *   free      |     [f1][===f2==]                [=f3=]
 */
#define L_R1	SZ_256M
#define L_R2	SZ_512M
#define L_R3	SZ_1G

static void build_layout(void)
{
	nr_got = 0;
	memblock_add_node(L_R1, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(L_R2, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_add_node(L_R3, SZ_16M, 1, MEMBLOCK_NONE);
	memblock_reserve(L_R1, SZ_1M);				/* a: bottom of r1 */
	memblock_reserve(L_R1 + 8 * SZ_1M, SZ_1M);		/* b: inside r1 */
	memblock_reserve(L_R2, SZ_16M);				/* c: all of r2 */
	memblock_reserve(L_R3 + 15 * SZ_1M, 2 * SZ_1M);	/* d: top of r3 and beyond */
	memblock_reserve(2 * SZ_1G, SZ_1M);			/* e: outside memory */
}

static const struct range layout_free[] = {
	{ L_R1 + SZ_1M, L_R1 + 8 * SZ_1M, 0 },
	{ L_R1 + 9 * SZ_1M, L_R1 + SZ_16M, 0 },
	{ L_R3, L_R3 + 15 * SZ_1M, 1 },
};

/* for_each_free_mem_range: memory minus reserved, bottom up. */
static void test_for_each_free_mem_range(void **state)
{
	phys_addr_t start, end;
	int nid;
	u64 i;

	(void)state;
	build_layout();
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, &nid)
		got_add(start, end, nid);
	assert_got(layout_free, ARRAY_SIZE(layout_free));
}

/* for_each_free_mem_range_reverse: the same ranges, top down. */
static void test_for_each_free_mem_range_reverse(void **state)
{
	const struct range want[] = { layout_free[2], layout_free[1], layout_free[0] };
	phys_addr_t start, end;
	int nid;
	u64 i;

	(void)state;
	build_layout();
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, &nid)
		got_add(start, end, nid);
	assert_got(want, ARRAY_SIZE(want));
}

/* A node filter keeps node 1's free ranges only; NULL outputs are allowed. */
static void test_for_each_free_mem_range_nid(void **state)
{
	phys_addr_t start;
	unsigned int n = 0;
	int nid;
	u64 i;

	(void)state;
	build_layout();
	for_each_free_mem_range(i, 1, MEMBLOCK_NONE, &start, NULL, &nid) {
		assert_int_equal(start, L_R3);
		assert_int_equal(nid, 1);
		n++;
	}
	assert_int_equal(n, 1);
	for_each_free_mem_range_reverse(i, 0, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 3);
}

/* for_each_reserved_mem_range: every reserved range, in order. */
static void test_for_each_reserved_mem_range(void **state)
{
	const struct range want[] = {
		{ L_R1, L_R1 + SZ_1M, MAX_NUMNODES },
		{ L_R1 + 8 * SZ_1M, L_R1 + 9 * SZ_1M, MAX_NUMNODES },
		{ L_R2, L_R2 + SZ_16M, MAX_NUMNODES },
		{ L_R3 + 15 * SZ_1M, L_R3 + 17 * SZ_1M, MAX_NUMNODES },
		{ 2 * SZ_1G, 2 * SZ_1G + SZ_1M, MAX_NUMNODES },
	};
	struct memblock_region *r;
	phys_addr_t start, end;
	unsigned int n = 0;
	u64 i;

	(void)state;
	build_layout();
	for_each_reserved_mem_range(i, &start, &end)
		got_add(start, end, MAX_NUMNODES);
	assert_got(want, ARRAY_SIZE(want));
	for_each_reserved_mem_region(r)
		n++;
	assert_int_equal(n, ARRAY_SIZE(want));
}

/*
 * for_each_mem_range takes hotpluggable memory but not NOMAP memory.
 *
 *   memory    |  [=r1=]    [=r2 HOTPLUG=]    [=r3 NOMAP=]   |
 *   forward   |  r1, r2            reverse   |  r2, r1      |
 */
static void test_for_each_mem_range(void **state)
{
	const struct range fwd[] = { { L_R1, L_R1 + SZ_16M, 0 }, { L_R2, L_R2 + SZ_16M, 0 } };
	const struct range rev[] = { fwd[1], fwd[0] };
	struct memblock_region *r;
	phys_addr_t start, end;
	unsigned int n = 0;
	u64 i;

	(void)state;
	memblock_add(L_R1, SZ_16M);
	memblock_add_node(L_R2, SZ_16M, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	memblock_add_node(L_R3, SZ_16M, MAX_NUMNODES, MEMBLOCK_NOMAP);
	host_early_param("movable_node", NULL);

	for_each_mem_range(i, &start, &end)
		got_add(start, end, 0);
	assert_got(fwd, ARRAY_SIZE(fwd));
	for_each_mem_range_rev(i, &start, &end)
		got_add(start, end, 0);
	assert_got(rev, ARRAY_SIZE(rev));
	for_each_mem_region(r)
		n++;
	assert_int_equal(n, 3);
}

/*
 * Free ranges and region flags: hotpluggable memory is skipped only with
 * movable_node; NOMAP memory only if asked for; MIRROR asks for mirror only.
 *
 *   memory    |  [=r1=]    [=r2 HOTPLUG=]    [=r3 MIRROR=]  |
 */
static void test_free_range_flags(void **state)
{
	unsigned int n;
	u64 i;

	(void)state;
	memblock_add(L_R1, SZ_16M);
	memblock_add_node(L_R2, SZ_16M, MAX_NUMNODES, MEMBLOCK_HOTPLUG);
	memblock_add(L_R3, SZ_16M);
	memblock_mark_mirror(L_R3, SZ_16M);

	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 3);

	host_early_param("movable_node", NULL);
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 2);
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_HOTPLUG, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 3);

	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_MIRROR, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 1);

	memblock_mark_nomap(L_R1, SZ_16M);
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 1);
	n = 0;
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NOMAP, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, 2);
}

/*
 * Whole pages only; a region smaller than a page yields nothing.
 *
 *   memory    |  [.==r1 n0==.]   [.]   [==r3 n2==]  |   . = partial page
 *   pfns      |   [ pfns r1 ]          [ pfns r3 ]  |
 */
static void test_for_each_mem_pfn_range(void **state)
{
	unsigned long start, end;
	int i, nid, n = 0;

	(void)state;
	memblock_add_node(SZ_256M + 100, SZ_16M, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_512M + 8, 2048, 0, MEMBLOCK_NONE);
	memblock_add_node(SZ_1G, SZ_16M, 2, MEMBLOCK_NONE);

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start, &end, &nid) {
		if (n == 0) {
			assert_int_equal(start, PFN_UP(SZ_256M + 100));
			assert_int_equal(end, PFN_DOWN(SZ_256M + SZ_16M + 100));
			assert_int_equal(nid, 0);
		} else {
			assert_int_equal(start, PHYS_PFN(SZ_1G));
			assert_int_equal(end, PHYS_PFN(SZ_1G + SZ_16M));
			assert_int_equal(nid, 2);
		}
		n++;
	}
	assert_int_equal(n, 2);
	assert_int_equal(start, PHYS_PFN(SZ_1G));
	assert_int_equal(i, -1);

	n = 0;
	for_each_mem_pfn_range(i, 2, &start, NULL, NULL)
		n++;
	assert_int_equal(n, 1);
	assert_int_equal(start, PHYS_PFN(SZ_1G));
}

/* Passing MAX_NUMNODES as a node filter warns once and means "any node". */
static void test_max_numnodes_deprecated(void **state)
{
	unsigned int n = 0;
	u64 i;

	(void)state;
	build_layout();
	for_each_free_mem_range(i, MAX_NUMNODES, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_int_equal(n, ARRAY_SIZE(layout_free));
	assert_true(host_log_contains("Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n"));
	host_log_reset();
	for_each_free_mem_range(i, MAX_NUMNODES, MEMBLOCK_NONE, NULL, NULL, NULL)
		n++;
	assert_false(host_log_contains("deprecated"));
}

/* ------------------------------------------------------------------------ */
/* memblock=debug, movable_node and the dump                                  */
/* ------------------------------------------------------------------------ */

/* The command-line options, as parse_early_param() would run them. */
static void test_early_params(void **state)
{
	char debug[] = "debug", other[] = "foo";

	(void)state;
	memblock_reserve(SZ_256M, SZ_1M);
	assert_int_equal(host_early_param("memblock", other), 0);
	assert_int_equal(host_early_param("memblock", NULL), 0);
	memblock_dump_all();
	assert_string_equal(host_log(), "");

	assert_int_equal(host_early_param("memblock", debug), 0);
	memblock_dump_all();
	assert_true(host_log_contains("MEMBLOCK configuration:\n"));

	assert_false(movable_node_is_enabled());
	assert_int_equal(host_early_param("movable_node", NULL), 0);
	assert_true(movable_node_is_enabled());
	assert_int_equal(host_early_param("nosuch", NULL), -1);
}

/*
 * memblock=debug: each call says what it did and who called it (%pS, printed
 * as an address since bootmm has no symbol table).
 *
 *   memory    |     [==r1==]                      |
 *   reserved  |       [r]                         |
 */
static void test_debug_lines(void **state)
{
	char debug[] = "debug";

	(void)state;
	memblock_add(SZ_256M, SZ_16M);
	assert_string_equal(host_log(), "");

	host_early_param("memblock", debug);
	memblock_add(SZ_256M, SZ_16M);
	memblock_add_node(SZ_1G, SZ_16M, 1, MEMBLOCK_HOTPLUG);
	memblock_reserve(SZ_256M, SZ_1M);
	memblock_phys_free(SZ_256M, SZ_4K);
	memblock_remove(SZ_1G, SZ_16M);
	assert_true(host_log_contains("memblock_add: [0x0000000010000000-0x0000000010ffffff] 0x"));
	assert_true(host_log_contains("memblock_add_node: [0x0000000040000000-0x0000000040ffffff] nid=1 flags=1 0x"));
	assert_true(host_log_contains("memblock_reserve: [0x0000000010000000-0x00000000100fffff] 0x"));
	assert_true(host_log_contains("memblock_phys_free: [0x0000000010000000-0x0000000010000fff] 0x"));
	assert_true(host_log_contains("memblock_remove: [0x0000000040000000-0x0000000040ffffff] 0x"));
}

/*
 * The exact table Linux 6.1 prints; regions with a known node say so.
 *
 *   memory    |[==r0 n0==]      [=====r1=====][NM]        |
 *   reserved  |   [r]                                     |
 */
static void test_dump_format(void **state)
{
	static const char want[] =
		"MEMBLOCK configuration:\n"
		" memory size = 0x0000000018000000 reserved size = 0x0000000000100000\n"
		" memory.cnt  = 0x3\n"
		" memory[0x0]\t[0x0000000000000000-0x0000000007ffffff], 0x0000000008000000 bytes on node 0 flags: 0x0\n"
		" memory[0x1]\t[0x0000000010000000-0x000000001fefffff], 0x000000000ff00000 bytes flags: 0x0\n"
		" memory[0x2]\t[0x000000001ff00000-0x000000001fffffff], 0x0000000000100000 bytes flags: 0x4\n"
		" reserved.cnt  = 0x1\n"
		" reserved[0x0]\t[0x0000000000100000-0x00000000001fffff], 0x0000000000100000 bytes flags: 0x0\n";

	(void)state;
	memblock_add_node(0, 0x8000000, 0, MEMBLOCK_NONE);
	memblock_add(0x10000000, 0x10000000);
	memblock_mark_nomap(0x1ff00000, 0x100000);
	memblock_reserve(0x100000, 0x100000);
	__memblock_dump_all();
	assert_string_equal(host_log(), want);
}

/* The empty lists: one zero-size dummy each, whose end wraps to all ones. */
static void test_dump_empty(void **state)
{
	(void)state;
	__memblock_dump_all();
	assert_true(host_log_contains(" memory size = 0x0000000000000000 reserved size = 0x0000000000000000\n"));
	assert_true(host_log_contains(" memory.cnt  = 0x1\n"));
	assert_true(host_log_contains(" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n"));
	assert_true(host_log_contains(" reserved.cnt  = 0x1\n"));
}

#define TEST(f)		cmocka_unit_test_setup_teardown(f, reset, NULL)
#define TEST_BOTH(f)								\
	{ #f " (memory)", f, reset, NULL, (void *)&memory_api },		\
	{ #f " (reserved)", f, reset, NULL, (void *)&reserved_api }

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_initial_state),
		TEST_BOTH(test_add_simple),
		TEST_BOTH(test_add_disjoint),
		TEST_BOTH(test_add_touching),
		TEST_BOTH(test_add_overlap_top),
		TEST_BOTH(test_add_overlap_bottom),
		TEST_BOTH(test_add_within),
		TEST_BOTH(test_add_covering),
		TEST_BOTH(test_add_twice),
		TEST_BOTH(test_add_fill_gap),
		TEST_BOTH(test_add_overlap_both),
		TEST_BOTH(test_add_wraparound),
		TEST_BOTH(test_add_zero_size),
		TEST_BOTH(test_remove_simple),
		TEST_BOTH(test_remove_all),
		TEST(test_remove_all_resets_node),
		TEST_BOTH(test_remove_absent),
		TEST_BOTH(test_remove_overlap_top),
		TEST_BOTH(test_remove_overlap_bottom),
		TEST_BOTH(test_remove_within),
		TEST_BOTH(test_remove_covering),
		TEST_BOTH(test_remove_across),
		TEST_BOTH(test_remove_twice),
		TEST_BOTH(test_remove_to_top),
		TEST(test_free_virtual),
		TEST(test_mark_hotplug_whole),
		TEST(test_mark_nomap_splits_and_merges),
		TEST(test_mark_across_hole),
		TEST(test_flags_combine),
		TEST(test_mark_mirror),
		TEST(test_touching_different_flags),
		TEST(test_mark_outside_memory),
		TEST(test_add_node_simple),
		TEST(test_add_node_merge_same_nid),
		TEST(test_set_node_all),
		TEST(test_set_node_splits),
		TEST(test_set_node_merges),
		TEST(test_add_over_other_node_warns),
		TEST(test_sizes_and_edges),
		TEST(test_is_memory),
		TEST(test_is_region_memory),
		TEST(test_is_region_reserved),
		TEST(test_search_pfn_nid),
		TEST(test_enforce_memory_limit),
		TEST(test_enforce_memory_limit_region_end),
		TEST(test_enforce_memory_limit_noop),
		TEST(test_cap_memory_range),
		TEST(test_cap_memory_range_no_memory),
		TEST(test_mem_limit_remove_map),
		TEST(test_trim_memory),
		TEST(test_for_each_free_mem_range),
		TEST(test_for_each_free_mem_range_reverse),
		TEST(test_for_each_free_mem_range_nid),
		TEST(test_for_each_reserved_mem_range),
		TEST(test_for_each_mem_range),
		TEST(test_free_range_flags),
		TEST(test_for_each_mem_pfn_range),
		TEST(test_max_numnodes_deprecated),
		TEST(test_early_params),
		TEST(test_debug_lines),
		TEST(test_dump_format),
		TEST(test_dump_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
