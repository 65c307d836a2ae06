/* SPDX-License-Identifier: MIT */
/*
 * What the early-allocator tests share (test_bootmem_*.c for mm/bootmem.c,
 * test_nobootmem.c for mm/nobootmem.c): "physical memory" that is real, the
 * page allocator's side of free_all_bootmem() as a recorder, and a way to
 * look at a node's bitmap as a string of 0s and 1s.
 *
 * As in test_memblock_alloc.c, physical memory is a malloc'd buffer: bootmem
 * writes its bitmaps into it and zeroes what it allocates, and __va()/__pa()
 * are the identity on the host.  Offsets in the diagrams count from the
 * buffer's start; a bitmap string's first character is the node's first page.
 *
 * Each test program includes this file once, so the two hooks the allocators
 * call (include/mm/bootmem.h: mm/page_alloc.c will define them in the kernel)
 * are defined here, recording every block handed on.
 */
#ifndef BOOTMM_TEST_BOOTMEM_H
#define BOOTMM_TEST_BOOTMEM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <asm/page.h>
#include <kernel/kernel.h>
#include <mm/bootmem.h>
#include <mm/memblock.h>
#include "hostlog.h"
#include "hostparam.h"

#define BUF_SIZE	(64 * SZ_1M)

static void *buf;
static unsigned long P;		/* physical address of the buffer, 16 MiB aligned */

/* @off bytes into the buffer, as a physical address; its page frame. */
#define PHYS(off)	(P + (unsigned long)(off))
#define PFN(off)	PFN_DOWN(PHYS(off))
#define PG(n)		((unsigned long)(n) * PAGE_SIZE)	/* n pages, in bytes */
#define PAGE_UP(x)	ALIGN((unsigned long)(x), PAGE_SIZE)

/* ------------------------------------------------------------------------ */
/* The page allocator's side: what free_all_bootmem() handed on               */
/* ------------------------------------------------------------------------ */

struct handoff {
	unsigned long pfn;
	unsigned int order;
};

static struct handoff *handoffs;
static size_t nr_handoffs, handoffs_cap;
static int reset_managed_calls;		/* reset_all_zones_managed_pages() */
static size_t handoffs_at_reset;	/* blocks handed on before it was called */

void __free_pages_bootmem(unsigned long pfn, unsigned int order)
{
	if (nr_handoffs == handoffs_cap) {
		handoffs_cap = handoffs_cap ? handoffs_cap * 2 : 1024;
		handoffs = realloc(handoffs, handoffs_cap * sizeof(*handoffs));
		if (!handoffs)
			abort();
	}
	handoffs[nr_handoffs].pfn = pfn;
	handoffs[nr_handoffs].order = order;
	nr_handoffs++;
}

void reset_all_zones_managed_pages(void)
{
	reset_managed_calls++;
	handoffs_at_reset = nr_handoffs;
}

static inline void handoffs_reset(void)
{
	nr_handoffs = 0;
	reset_managed_calls = 0;
	handoffs_at_reset = 0;
}

/*
 * How often each frame of [@first, @first + @n) was handed on, in @count;
 * fails the test if a block lies partly or wholly outside that window.
 */
static inline void handoff_counts(unsigned long first, unsigned long n, unsigned char *count)
{
	memset(count, 0, n);
	for (size_t i = 0; i < nr_handoffs; i++) {
		unsigned long pfn = handoffs[i].pfn, pages = 1UL << handoffs[i].order;

		if (pfn < first || pfn + pages > first + n)
			fail_msg("block pfn %#lx order %u is outside the test's memory",
				 pfn, handoffs[i].order);
		for (unsigned long p = pfn; p < pfn + pages; p++)
			count[p - first]++;
	}
}

/* Every block is aligned to its size, as the buddy allocator requires. */
static inline void assert_handoffs_aligned(void)
{
	for (size_t i = 0; i < nr_handoffs; i++)
		if (!IS_ALIGNED(handoffs[i].pfn, 1UL << handoffs[i].order))
			fail_msg("block pfn %#lx order %u is not aligned to its size",
				 handoffs[i].pfn, handoffs[i].order);
}

#ifndef TEST_NOBOOTMEM
/* ------------------------------------------------------------------------ */
/* mm/bootmem.c's bitmaps                                                     */
/* ------------------------------------------------------------------------ */

/* Is bit @idx of node @nid's bitmap set (page node_min_pfn + @idx reserved)? */
static inline bool bit(int nid, unsigned long idx)
{
	const unsigned long *map = bootmem_node_data[nid].node_bootmem_map;

	return (map[idx / BITS_PER_LONG] >> (idx % BITS_PER_LONG)) & 1;
}

/* Bits [@from, @from + @n) of node @nid's bitmap, "1" reserved, "0" free. */
static inline const char *bits(int nid, unsigned long from, unsigned long n)
{
	static char s[256];

	assert_true(n < sizeof(s));
	for (unsigned long i = 0; i < n; i++)
		s[i] = bit(nid, from + i) ? '1' : '0';
	s[n] = '\0';
	return s;
}

/* How many of node @nid's pages are free. */
static inline unsigned long free_pages(int nid)
{
	const bootmem_data_t *bdata = &bootmem_node_data[nid];
	unsigned long n = 0;

	for (unsigned long i = 0; i < bdata->node_low_pfn - bdata->node_min_pfn; i++)
		n += !bit(nid, i);
	return n;
}
#endif

/* ------------------------------------------------------------------------ */
/* Setup                                                                      */
/* ------------------------------------------------------------------------ */

static int group_setup(void **state)
{
	(void)state;
	buf = aligned_alloc(SZ_16M, BUF_SIZE);
	if (!buf)
		return -1;
	P = (unsigned long)__pa(buf);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(buf);
	free(handoffs);
	return 0;
}

/* Every test starts with no node, an empty memblock and nothing handed on. */
static int reset(void **state)
{
	(void)state;
	bootmem_reset_for_tests();
	memblock_reset_for_tests();
	min_low_pfn = max_low_pfn = max_pfn = 0;
	handoffs_reset();
	host_log_reset();
	return 0;
}

#define TEST(f)		cmocka_unit_test_setup_teardown(f, reset, NULL)

/*
 * @size bytes of memory below 2 GiB (mmap's MAP_32BIT), for what must lie
 * below 4 GiB: the _low allocators' limit, or init_bootmem()'s node that
 * starts at frame 0.  Unmapped by the caller.
 */
static inline void *low_buffer(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	assert_true(p != MAP_FAILED);
	assert_true((unsigned long)p + size <= 0x80000000UL);
	return p;
}

#endif
