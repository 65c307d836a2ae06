// SPDX-License-Identifier: MIT
/*
 * Unit tests of mm/memblock.c, part 2: allocation and array doubling (Linux's
 * tools/testing/memblock/tests/alloc_*.c cover the same ground).
 *
 * memblock_alloc() zeroes what it returns and memblock_double_array() copies
 * regions into the new array, so here "physical memory" must be real: as in
 * Linux's test suite, one 64 MiB buffer is allocated and its address range is
 * what the tests memblock_add().  __va() and __pa() are the identity on the
 * host.  Offsets in the diagrams are from the start of that buffer (P = 0).
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <asm/page.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "hostlog.h"
#include "hostparam.h"

#define BUF_SIZE	(64 * SZ_1M)
#ifndef SZ_64K
#define SZ_64K		(64 * SZ_1K)
#endif
#ifndef SZ_128K
#define SZ_128K		(128 * SZ_1K)
#endif
#ifndef SZ_256K
#define SZ_256K		(256 * SZ_1K)
#endif

static void *buf;
static phys_addr_t P;		/* physical address of the buffer */

/* @off bytes into the buffer, as a physical address. */
#define PHYS(off)	(P + (phys_addr_t)(off))

#include "test_memblock.h"

static int group_setup(void **state)
{
	(void)state;
	buf = aligned_alloc(SZ_16M, BUF_SIZE);
	if (!buf)
		return -1;
	P = __pa(buf);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(buf);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	host_log_reset();
	return 0;
}

/* The usual layout: 16 MiB of RAM at the start of the buffer. */
static void add_16m(void)
{
	memblock_add(PHYS(0), SZ_16M);
}

/* ------------------------------------------------------------------------ */
/* Direction                                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Top-down by default; consecutive blocks merge in memblock.reserved.
 *
 *   memory    |[================16M================]|
 *   alloc 1   |                                 [a1]|
 *   alloc 2   |                             [a2]    |
 *   reserved  |                             [=a2a1=]|   one region
 */
static void test_alloc_top_down(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_16M - SZ_4K));
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_16M - 2 * SZ_4K));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, PHYS(SZ_16M - 2 * SZ_4K), 2 * SZ_4K);
	assert_int_equal(memblock_reserved_size(), 2 * SZ_4K);
	assert_string_equal(host_log(), "");
}

/*
 *   memory    |[================16M================]|
 *   reserved  |                              [=1M==]|
 *   alloc     |                          [a]        |   just below, merged
 */
static void test_alloc_top_down_skips_reserved(void **state)
{
	(void)state;
	add_16m();
	memblock_reserve(PHYS(15 * SZ_1M), SZ_1M);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(15 * SZ_1M - SZ_4K));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, PHYS(15 * SZ_1M - SZ_4K), SZ_1M + SZ_4K);
}

/*
 * A hole exactly the requested size is used; everything merges.
 *
 *   memory    |[================16M================]|
 *   reserved  |                [==r2==]64K[===r1===]|
 *   alloc 64K |                        [a]          |
 *   reserved  |                [=======r2+a+r1=====]|
 */
static void test_alloc_top_down_fits_hole(void **state)
{
	(void)state;
	add_16m();
	memblock_reserve(PHYS(12 * SZ_1M), SZ_4M);
	memblock_reserve(PHYS(8 * SZ_1M), SZ_4M - SZ_64K);
	assert_int_equal(memblock_phys_alloc(SZ_64K, SZ_4K), PHYS(12 * SZ_1M - SZ_64K));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, PHYS(8 * SZ_1M), 8 * SZ_1M);
}

/*
 * A hole too small is skipped.
 *
 *   memory    |[================16M================]|
 *   reserved  |                [==r2==]32K[===r1===]|
 *   alloc 64K |            [a]                      |
 */
static void test_alloc_top_down_hole_too_small(void **state)
{
	(void)state;
	add_16m();
	memblock_reserve(PHYS(12 * SZ_1M), SZ_4M);
	memblock_reserve(PHYS(8 * SZ_1M), SZ_4M - 32 * SZ_1K);
	assert_int_equal(memblock_phys_alloc(SZ_64K, SZ_4K), PHYS(8 * SZ_1M - SZ_64K));
	assert_int_equal(rsv->cnt, 2);
	assert_region(rsv, 0, PHYS(8 * SZ_1M - SZ_64K), SZ_4M - 32 * SZ_1K + SZ_64K);
}

/*
 *   memory    |[================16M================]|
 *   bottom-up |[a1][a2]                             |
 *   reserved  |[a1a2]                               |
 */
static void test_alloc_bottom_up(void **state)
{
	(void)state;
	add_16m();
	memblock_set_bottom_up(true);
	assert_true(memblock_bottom_up());
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(0));
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_4K));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, PHYS(0), 2 * SZ_4K);
	memblock_set_bottom_up(false);
	assert_false(memblock_bottom_up());
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_16M - SZ_4K));
}

/*
 *   memory    |[================16M================]|
 *   reserved  |[=1M=]                               |
 *   bottom-up |     [a]                             |
 */
static void test_alloc_bottom_up_skips_reserved(void **state)
{
	(void)state;
	add_16m();
	memblock_reserve(PHYS(0), SZ_1M);
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_1M));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, PHYS(0), SZ_1M + SZ_4K);
}

/* ------------------------------------------------------------------------ */
/* Alignment and bad arguments                                                */
/* ------------------------------------------------------------------------ */

/*
 * The block is aligned, not the memory: 4 KiB in from each end.
 *
 *   memory    |  [==============16M-8K============]  |
 *   2M marks  |  |        |2M      ...    |14M       |
 *   top-down  |                           [a]        |   at 14M
 *   bottom-up |           [b]                        |   at 2M
 */
static void test_alloc_alignment(void **state)
{
	(void)state;
	memblock_add(PHYS(SZ_4K), SZ_16M - 2 * SZ_4K);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_2M), PHYS(14 * SZ_1M));
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_2M), PHYS(SZ_2M));
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_4K));
	assert_int_equal(rsv->cnt, 3);
}

/*
 * align = 0 is a caller bug: warn, then use SMP_CACHE_BYTES.
 *
 *   memory    |[================16M================]|
 *   alloc 100 |                                  [a]|   64-byte aligned
 */
static void test_alloc_align_zero(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc(100, 0), PHYS(SZ_16M - 128));
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at mm/memblock.c:"));
	assert_true(host_log_contains("memblock: align 0 requested, using SMP_CACHE_BYTES (64)\n"));
}

/*
 * A non-power-of-two alignment is refused, with the reason and a failure line;
 * nothing is reserved.
 */
static void test_alloc_bad_align(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc(SZ_4K, 3), 0);
	assert_true(host_log_contains("memblock: memblock_alloc_range_nid: alignment 0x3 is not a power of 2\n"));
	assert_true(host_log_contains("memblock: memblock_phys_alloc_range: Failed to allocate 4096 bytes align=0x3"));
	assert_null(memblock_alloc(SZ_4K, 0x3000));
	assert_int_equal(memblock_reserved_size(), 0);
}

/* A zero-size request is refused rather than returning an unreserved address. */
static void test_alloc_zero_size(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc(0, SZ_4K), 0);
	assert_true(host_log_contains("memblock: memblock_alloc_range_nid: zero-size allocation requested\n"));
	assert_int_equal(rsv->cnt, 1);
	assert_int_equal(memblock_reserved_size(), 0);
}

/*
 * Too big: 0 / NULL and a message; memblock is untouched.
 *
 *   memory    |[================16M================]|
 *   alloc 32M |[==================32M==================...]  no
 */
static void test_alloc_too_big(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc(2 * SZ_16M, SZ_4K), 0);
	assert_true(host_log_contains(
		"memblock: memblock_phys_alloc_range: Failed to allocate 33554432 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000\n"));
	assert_null(memblock_alloc(2 * SZ_16M, SZ_4K));
	assert_true(host_log_contains("memblock: memblock_alloc_try_nid: Failed to allocate 33554432 bytes"));
	assert_int_equal(memblock_phys_alloc_try_nid(2 * SZ_16M, SZ_4K, 0), 0);
	assert_true(host_log_contains("memblock: memblock_phys_alloc_try_nid: Failed to allocate 33554432 bytes align=0x1000 nid=0"));
	assert_int_equal(rsv->cnt, 1);
	assert_int_equal(memblock_reserved_size(), 0);
	assert_int_equal(mem->cnt, 1);
}

/*
 * memblock_alloc() zeroes, memblock_alloc_raw() does not; both return
 * directly mapped (here: identical) addresses; memblock_free() undoes them.
 *
 *   memory    |[================16M================]|   filled with 0xaa
 *   alloc     |                              [raw][z]|
 */
static void test_alloc_zeroed_and_raw(void **state)
{
	unsigned char *zeroed, *raw;

	(void)state;
	add_16m();
	memset(buf, 0xaa, SZ_16M);
	zeroed = memblock_alloc(256, 64);
	raw = memblock_alloc_raw(256, 64);
	assert_non_null(zeroed);
	assert_non_null(raw);
	assert_int_equal(__pa(zeroed), PHYS(SZ_16M - 256));
	assert_int_equal(__pa(raw), PHYS(SZ_16M - 512));
	for (int i = 0; i < 256; i++) {
		assert_int_equal(zeroed[i], 0);
		assert_int_equal(raw[i], 0xaa);
	}
	assert_int_equal(memblock_reserved_size(), 512);
	memblock_free(zeroed, 256);
	memblock_free(raw, 256);
	assert_int_equal(memblock_reserved_size(), 0);
	assert_int_equal(rsv->cnt, 1);
}

/* ------------------------------------------------------------------------ */
/* Limits                                                                     */
/* ------------------------------------------------------------------------ */

/*
 * current_limit bounds the "accessible" allocations (memblock_alloc*, and
 * memblock_phys_alloc), not an explicit MEMBLOCK_ALLOC_ANYWHERE range.
 *
 *   memory    |[================16M================]|
 *   limit     |                  |8M                 |
 *   allocs    |            [c][b][a]            [d]  |
 */
static void test_alloc_current_limit(void **state)
{
	void *p;

	(void)state;
	add_16m();
	memblock_set_current_limit(PHYS(8 * SZ_1M));
	assert_int_equal(memblock_get_current_limit(), PHYS(8 * SZ_1M));
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(8 * SZ_1M - SZ_4K));
	p = memblock_alloc(SZ_4K, SZ_4K);
	assert_int_equal(__pa(p), PHYS(8 * SZ_1M - 2 * SZ_4K));
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE, NUMA_NO_NODE);
	assert_int_equal(__pa(p), PHYS(8 * SZ_1M - 3 * SZ_4K));
	assert_int_equal(memblock_phys_alloc_range(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ANYWHERE),
			 PHYS(SZ_16M - SZ_4K));
}

/*
 * An explicit [min, max) window, both directions; an impossible one fails.
 *
 *   memory    |[================16M================]|
 *   window    |     [2M========4M]                  |
 *   top-down  |              [a]                    |   ends at 4M
 *   bottom-up |     [b]                             |   starts at 2M
 */
static void test_alloc_range(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, PHYS(SZ_2M), PHYS(SZ_4M)),
			 PHYS(SZ_4M - SZ_64K));
	memblock_set_bottom_up(true);
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, PHYS(SZ_2M), PHYS(SZ_4M)),
			 PHYS(SZ_2M));
	assert_int_equal(memblock_phys_alloc_range(SZ_64K, SZ_4K, PHYS(SZ_2M), PHYS(SZ_2M + 32 * SZ_1K)), 0);
	assert_true(host_log_contains("memblock_phys_alloc_range: Failed to allocate 65536 bytes"));
	assert_int_equal(rsv->cnt, 2);
}

/*
 * min_addr is only a preference for the virtual allocators: with nothing free
 * above it they retry from 0.
 *
 *   memory    |[================16M================]|
 *   min_addr  |                                     |16M+ (nothing there)
 *   alloc     |                                  [a]|   no failure message
 *   bottom-up, min_addr 8M:    [b] at 8M
 */
static void test_alloc_min_addr_fallback(void **state)
{
	void *p;

	(void)state;
	add_16m();
	p = memblock_alloc_from(SZ_4K, SZ_4K, PHYS(SZ_16M));
	assert_int_equal(__pa(p), PHYS(SZ_16M - SZ_4K));
	assert_false(host_log_contains("Failed"));
	memblock_set_bottom_up(true);
	p = memblock_alloc_try_nid(SZ_4K, SZ_4K, PHYS(8 * SZ_1M), MEMBLOCK_ALLOC_ACCESSIBLE,
				   NUMA_NO_NODE);
	assert_int_equal(__pa(p), PHYS(8 * SZ_1M));
	/* memblock_alloc_low(): below 4 GiB, which the host buffer may not be. */
	p = memblock_alloc_low(SZ_4K, SZ_4K);
	if (PHYS(SZ_16M) <= ARCH_LOW_ADDRESS_LIMIT)
		assert_non_null(p);
	else
		assert_null(p);
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                      */
/* ------------------------------------------------------------------------ */

/* Node 0 in the low 8 MiB, node 1 in the high 8 MiB. */
static void add_two_nodes(void)
{
	memblock_add_node(PHYS(0), 8 * SZ_1M, 0, MEMBLOCK_NONE);
	memblock_add_node(PHYS(8 * SZ_1M), 8 * SZ_1M, 1, MEMBLOCK_NONE);
}

/*
 *   memory    |[=======node 0=======][=======node 1=======]|
 *   nid 0     |                   [a]                      |
 *   nid 1     |                                         [b]|
 *   any       |                                      [c]   |
 */
static void test_alloc_node(void **state)
{
	void *p;

	(void)state;
	add_two_nodes();
	assert_int_equal(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0), PHYS(8 * SZ_1M - SZ_4K));
	assert_int_equal(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 1), PHYS(SZ_16M - SZ_4K));
	assert_int_equal(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, NUMA_NO_NODE),
			 PHYS(SZ_16M - 2 * SZ_4K));
	p = memblock_alloc_node(SZ_4K, SZ_4K, 0);
	assert_int_equal(__pa(p), PHYS(8 * SZ_1M - 2 * SZ_4K));
	p = memblock_alloc_exact_nid_raw(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 1);
	assert_int_equal(__pa(p), PHYS(SZ_16M - 3 * SZ_4K));
}

/*
 * Node 0 is full: "try" falls back to another node, "exact" fails.
 *
 *   memory    |[=======node 0=======][=======node 1=======]|
 *   reserved  |[====================]                      |
 *   try nid 0 |                                         [a]|
 *   exact 0   |  NULL + "Failed to allocate"               |
 */
static void test_alloc_node_fallback(void **state)
{
	(void)state;
	add_two_nodes();
	memblock_reserve(PHYS(0), 8 * SZ_1M);
	assert_int_equal(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, 0), PHYS(SZ_16M - SZ_4K));
	assert_null(memblock_alloc_exact_nid_raw(SZ_4K, SZ_4K, 0, MEMBLOCK_ALLOC_ACCESSIBLE, 0));
	assert_true(host_log_contains(
		"memblock: memblock_alloc_exact_nid_raw: Failed to allocate 4096 bytes align=0x1000 nid=0"));
	assert_int_equal(memblock_reserved_size(), 8 * SZ_1M + SZ_4K);
}

/* MAX_NUMNODES as a node is deprecated: a warning, then "any node". */
static void test_alloc_max_numnodes(void **state)
{
	(void)state;
	add_16m();
	assert_int_equal(memblock_phys_alloc_try_nid(SZ_4K, SZ_4K, MAX_NUMNODES),
			 PHYS(SZ_16M - SZ_4K));
	assert_true(host_log_contains("Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n"));
}

/* ------------------------------------------------------------------------ */
/* Region flags                                                               */
/* ------------------------------------------------------------------------ */

/*
 * NOMAP memory is never allocated from.
 *
 *   memory    |[============12M============][NOMAP 4M]|
 *   alloc     |                          [a]          |
 */
static void test_alloc_skips_nomap(void **state)
{
	(void)state;
	add_16m();
	memblock_mark_nomap(PHYS(12 * SZ_1M), SZ_4M);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(12 * SZ_1M - SZ_4K));
	memblock_set_bottom_up(true);
	memblock_mark_nomap(PHYS(0), SZ_1M);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_1M));
}

/*
 * Hotpluggable memory is avoided only with movable_node.
 *
 *   memory    |[============12M============][HOTPLUG 4M]|
 *   plain     |                                     [a]|
 *   movable   |                          [b]           |
 */
static void test_alloc_hotplug_movable_node(void **state)
{
	(void)state;
	add_16m();
	memblock_mark_hotplug(PHYS(12 * SZ_1M), SZ_4M);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(SZ_16M - SZ_4K));
	host_early_param("movable_node", NULL);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(12 * SZ_1M - SZ_4K));
}

/*
 * Once some memory is mirrored, allocations go there first and fall back,
 * with a warning, when it is too small.
 *
 *   memory    |    [MIRROR 1M]                      |
 *   alloc 4K  |             [a]                     |   top of the mirror
 *   alloc 2M  |                             [==b==] |   warning, then anywhere
 */
static void test_alloc_prefers_mirror(void **state)
{
	(void)state;
	add_16m();
	memblock_mark_mirror(PHYS(SZ_4M), SZ_1M);
	assert_int_equal(memblock_phys_alloc(SZ_4K, SZ_4K), PHYS(5 * SZ_1M - SZ_4K));
	assert_false(host_log_contains("mirrored"));
	assert_int_equal(memblock_phys_alloc(SZ_2M, SZ_4K), PHYS(SZ_16M - SZ_2M));
	assert_true(host_log_contains("Could not allocate 0x0000000000200000 bytes of mirrored memory\n"));
}

/* ------------------------------------------------------------------------ */
/* memblock=debug                                                             */
/* ------------------------------------------------------------------------ */

/* Each allocator names itself, its arguments and its caller; so does the reserve. */
static void test_alloc_debug_lines(void **state)
{
	char debug[] = "debug", want[128];
	phys_addr_t got;

	(void)state;
	add_16m();
	host_early_param("memblock", debug);
	got = memblock_phys_alloc(SZ_4K, SZ_4K);
	assert_true(host_log_contains(
		"memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000000 0x"));
	snprintf(want, sizeof(want), "memblock_reserve: [0x%016llx-0x%016llx] 0x",
		 (unsigned long long)got, (unsigned long long)(got + SZ_4K - 1));
	assert_true(host_log_contains(want));

	assert_non_null(memblock_alloc(64, 64));
	assert_true(host_log_contains(
		"memblock_alloc_try_nid: 64 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 0x"));
	assert_non_null(memblock_alloc_raw(64, 64));
	assert_true(host_log_contains("memblock_alloc_try_nid_raw: 64 bytes align=0x40 nid=-1 "));
	assert_non_null(memblock_alloc_exact_nid_raw(64, 64, 0, 0, NUMA_NO_NODE));
	assert_true(host_log_contains("memblock_alloc_exact_nid_raw: 64 bytes align=0x40 nid=-1 "));
}

/* ------------------------------------------------------------------------ */
/* Array doubling                                                             */
/* ------------------------------------------------------------------------ */

/* @n disjoint memory regions of @size every @stride bytes from the buffer start. */
static int add_disjoint(unsigned int n, phys_addr_t size, phys_addr_t stride)
{
	for (unsigned int i = 0; i < n; i++) {
		int ret = memblock_add(PHYS(i * stride), size);

		if (ret)
			return ret;
	}
	return 0;
}

static void assert_disjoint(unsigned int n, phys_addr_t size, phys_addr_t stride)
{
	assert_int_equal(mem->cnt, n);
	for (unsigned int i = 0; i < n; i++)
		assert_region(mem, i, PHYS(i * stride), size);
	assert_int_equal(mem->total_size, n * size);
}

/*
 * The 129th memory region doubles memory's array; the new array (256 entries,
 * 8 KiB page-aligned) comes from the top free memory and is reserved.
 *
 *   memory    |[r0] [r1] ... [r127]                 |   array full (128)
 *   add       |                    [r128]           |
 *   after     |[r0] [r1] ... [r127:arr] [r128]      |   max 256, arr reserved
 */
static void test_double_memory_array(void **state)
{
	char debug[] = "debug", want[96];
	phys_addr_t arr;

	(void)state;
	memblock_allow_resize();
	host_early_param("memblock", debug);
	assert_int_equal(add_disjoint(INIT_MEMBLOCK_REGIONS + 1, SZ_128K, SZ_256K), 0);
	assert_int_equal(mem->max, 2 * INIT_MEMBLOCK_REGIONS);
	assert_disjoint(INIT_MEMBLOCK_REGIONS + 1, SZ_128K, SZ_256K);

	arr = __pa(mem->regions);
	assert_int_equal(arr, PHYS(127 * SZ_256K + SZ_128K - 2 * SZ_4K));
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, arr, ALIGN(2 * INIT_MEMBLOCK_REGIONS * sizeof(struct memblock_region), PAGE_SIZE));
	assert_true(memblock_is_region_reserved(arr, 2 * SZ_4K));
	snprintf(want, sizeof(want), "memblock: memory is doubled to 256 at [0x%016llx-0x%016llx]\n",
		 (unsigned long long)arr,
		 (unsigned long long)(arr + 256 * sizeof(struct memblock_region) - 1));
	assert_true(host_log_contains(want));
}

/*
 * Doubling twice: the second, bigger array replaces the first, which is freed
 * (it is not the static one), so only the 512-entry array stays reserved.
 *
 *   memory    |[r0][r1] ...                 [r299]  |   300 regions
 *   reserved  |                       [arr512]      |   arr256 freed
 */
static void test_double_memory_array_twice(void **state)
{
	phys_addr_t arr_size = ALIGN(512 * sizeof(struct memblock_region), PAGE_SIZE);

	(void)state;
	memblock_allow_resize();
	assert_int_equal(add_disjoint(300, SZ_64K, SZ_128K), 0);
	assert_int_equal(mem->max, 512);
	assert_disjoint(300, SZ_64K, SZ_128K);
	assert_int_equal(rsv->cnt, 1);
	assert_region(rsv, 0, __pa(mem->regions), arr_size);
	assert_int_equal(memblock_reserved_size(), arr_size);
}

/*
 * The 129th reservation doubles reserved's array; the new array is itself
 * reserved, so reserved ends with 130 regions.
 *
 *   memory    |[================16M================]|
 *   reserved  |                                 [arr] [x0] [x1] ... [x128]
 */
static void test_double_reserved_array(void **state)
{
	(void)state;
	add_16m();
	memblock_allow_resize();
	for (unsigned int i = 0; i <= INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_reserve(PHYS(32 * SZ_1M + i * SZ_64K), SZ_4K), 0);
	assert_int_equal(rsv->max, 2 * INIT_MEMBLOCK_REGIONS);
	assert_int_equal(rsv->cnt, INIT_MEMBLOCK_REGIONS + 2);
	assert_int_equal(__pa(rsv->regions), PHYS(SZ_16M - 2 * SZ_4K));
	assert_region(rsv, 0, PHYS(SZ_16M - 2 * SZ_4K), 2 * SZ_4K);
	for (unsigned int i = 0; i <= INIT_MEMBLOCK_REGIONS; i++)
		assert_region(rsv, i + 1, PHYS(32 * SZ_1M + i * SZ_64K), SZ_4K);
}

/*
 * When the range being reserved caused the doubling, the new array must not
 * land on it (it is free until the reservation completes).
 *
 *   memory    |[================16M================]|
 *   reserved  |                                      [x0] ... [x127]
 *   reserve   |                              [=new=]|   triggers doubling
 *   array     |                         [arr]       |   just below it
 */
static void test_double_reserved_avoids_new_range(void **state)
{
	(void)state;
	add_16m();
	memblock_allow_resize();
	for (unsigned int i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		memblock_reserve(PHYS(32 * SZ_1M + i * SZ_64K), SZ_4K);
	assert_int_equal(memblock_reserve(PHYS(SZ_16M - SZ_64K), SZ_64K), 0);
	assert_int_equal(__pa(rsv->regions), PHYS(SZ_16M - SZ_64K - 2 * SZ_4K));
	assert_int_equal(rsv->cnt, INIT_MEMBLOCK_REGIONS + 1);
	assert_region(rsv, 0, PHYS(SZ_16M - SZ_64K - 2 * SZ_4K), SZ_64K + 2 * SZ_4K);
}

/*
 * Before memblock_allow_resize() a full array cannot grow: -ENOMEM and a
 * message, and the 128 regions are intact.
 */
static void test_double_not_allowed(void **state)
{
	(void)state;
	assert_int_equal(add_disjoint(INIT_MEMBLOCK_REGIONS, SZ_128K, SZ_256K), 0);
	assert_int_equal(memblock_add(PHYS(INIT_MEMBLOCK_REGIONS * SZ_256K), SZ_128K), -12);
	assert_true(host_log_contains(
		"memblock: memory array is full (128 entries) and resizing is not allowed yet\n"));
	assert_int_equal(mem->max, INIT_MEMBLOCK_REGIONS);
	assert_disjoint(INIT_MEMBLOCK_REGIONS, SZ_128K, SZ_256K);
}

/*
 * No free block of 8 KiB anywhere: Linux's "Failed to double" message.
 *
 *   memory    |[4K] [4K] [4K] ... [4K]              |   128 regions
 *   add       |                        [4K]         |   no room for the array
 */
static void test_double_no_room(void **state)
{
	(void)state;
	memblock_allow_resize();
	assert_int_equal(add_disjoint(INIT_MEMBLOCK_REGIONS, SZ_4K, 2 * SZ_4K), 0);
	assert_int_equal(memblock_add(PHYS(INIT_MEMBLOCK_REGIONS * 2 * SZ_4K), SZ_4K), -12);
	assert_true(host_log_contains("memblock: Failed to double memory array from 128 to 256 entries !\n"));
	assert_disjoint(INIT_MEMBLOCK_REGIONS, SZ_4K, 2 * SZ_4K);
	assert_int_equal(memblock_reserved_size(), 0);
}

#define TEST(f)		cmocka_unit_test_setup_teardown(f, reset, NULL)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_alloc_top_down),
		TEST(test_alloc_top_down_skips_reserved),
		TEST(test_alloc_top_down_fits_hole),
		TEST(test_alloc_top_down_hole_too_small),
		TEST(test_alloc_bottom_up),
		TEST(test_alloc_bottom_up_skips_reserved),
		TEST(test_alloc_alignment),
		TEST(test_alloc_align_zero),
		TEST(test_alloc_bad_align),
		TEST(test_alloc_zero_size),
		TEST(test_alloc_too_big),
		TEST(test_alloc_zeroed_and_raw),
		TEST(test_alloc_current_limit),
		TEST(test_alloc_range),
		TEST(test_alloc_min_addr_fallback),
		TEST(test_alloc_node),
		TEST(test_alloc_node_fallback),
		TEST(test_alloc_max_numnodes),
		TEST(test_alloc_skips_nomap),
		TEST(test_alloc_hotplug_movable_node),
		TEST(test_alloc_prefers_mirror),
		TEST(test_alloc_debug_lines),
		TEST(test_double_memory_array),
		TEST(test_double_memory_array_twice),
		TEST(test_double_reserved_array),
		TEST(test_double_reserved_avoids_new_range),
		TEST(test_double_not_allowed),
		TEST(test_double_no_room),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
