// SPDX-License-Identifier: MIT
/*
 * Unit tests of what the page allocator checks and says (mm/page_alloc.c,
 * mm/page_alloc_debug.c, mm/mem_auto_init.c, mm/page_alloc_init.c):
 *   - "BUG: Bad page state" for a reserved page freed, a page freed twice,
 *     a page in use in a block being freed, a page with a mapping or a
 *     mapcount, and a corrupted free page found at allocation; the page is
 *     never put back (or handed out);
 *   - "page allocation failure" with the GFP flags decoded as Linux's %pGg,
 *     and the memory summary after it; silence with __GFP_NOWARN;
 *   - init_on_alloc= / init_on_free= and the "mem auto-init:" line, and the
 *     zeroing itself (over real memory, mapped at a fixed address so that
 *     the host's __va() reaches it);
 *   - free_reserved_area()'s line.
 */
#include <sys/mman.h>
#include "test_page_alloc.h"

#define GFP_MOV		(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN)

/* The flags word as dump_page() prints it, for a page of zone @z of node 0. */
static const char *flags_line(unsigned long pgflags, enum zone_type z)
{
	static char buf[128];
	unsigned long word = pgflags | ((unsigned long)z << ZONES_PGOFF);

	snprintf(buf, sizeof(buf), "flags: %#lx(%s%snode=0|zone=%d)\n", word,
		 pgflags == 1UL << PG_reserved ? "reserved" : "", pgflags ? "|" : "", (int)z);
	return buf;
}

static const char *bug_line(unsigned long pfn)
{
	static char buf[96];

	snprintf(buf, sizeof(buf), "BUG: Bad page state in process swapper  pfn:%05lx\n", pfn);
	return buf;
}

/*
 *   pfn 0          0x200    0x300                           0x2000
 *       |###########|........|###############################|  Normal
 */
static void boot_with_hole(void)
{
	memblock_add_node(0, 0x200 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	memblock_add_node(0x300 * PAGE_SIZE, 0x1d00 * PAGE_SIZE, 0, MEMBLOCK_NONE);
	pa_boot(0, 0x2000, 0x2000);
	pa_handover_all();
}

/* A hole's page is reserved: freeing it is a bug, reported, and it stays out. */
static void test_free_reserved_page_is_bad(void **state)
{
	struct page *page;

	(void)state;
	boot_with_hole();
	page = pfn_to_page(0x250);
	assert_true(PageReserved(page));
	assert_int_equal(page_ref_count(page), 1);
	host_log_reset();
	__free_pages(page, 0);
	assert_true(host_log_contains(bug_line(0x250)));
	assert_true(host_log_contains(" refcount:0 mapcount:0 mapping:"));
	assert_true(host_log_contains(" index:0x0 pfn:0x250\n"));
	assert_true(host_log_contains(flags_line(1UL << PG_reserved, ZONE_NORMAL)));
	assert_true(host_log_contains("\nraw: "));
	assert_true(host_log_contains("page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n"));
	assert_false(PageBuddy(page));
	assert_int_equal(nr_free_pages(), 0x1f00);
	pa_check();
}

/* Freed twice: the second time the count is already 0; reported, nothing touched. */
static void test_double_free_is_bad(void **state)
{
	struct page *page;

	(void)state;
	boot_with_hole();
	/* The smallest movable block is o8 at 0x300: its first page. */
	page = alloc_pages(GFP_MOV, 0);
	assert_int_equal(page_to_pfn(page), 0x300);
	__free_pages(page, 0);
	assert_true(pa_is_free_block(0x300, 8));
	host_log_reset();
	__free_pages(page, 0);
	assert_true(host_log_contains(bug_line(0x300)));
	/* The page heads a free block: its page_type shows as mapcount -128. */
	assert_true(host_log_contains(" refcount:0 mapcount:-128 mapping:"));
	assert_true(host_log_contains("page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) == 0)\n"));
	assert_true(pa_is_free_block(0x300, 8));
	assert_int_equal(nr_free_pages(), 0x1f00);
	pa_check();

	/* A page inside a merged free block: refcount 0 too, same report. */
	host_log_reset();
	__free_pages(pfn_to_page(0x305), 0);
	assert_true(host_log_contains(bug_line(0x305)));
	assert_true(host_log_contains(" refcount:0 mapcount:0 mapping:"));
	assert_int_equal(nr_free_pages(), 0x1f00);
	pa_check();
}

/*
 * A block freed while one of its pages is still in use (its own reference),
 * mapped (a mapping), or mapped into page tables (a mapcount): each is
 * reported and the whole block is kept out.
 */
static void test_bad_tail_pages_keep_block_out(void **state)
{
	struct page *page;
	unsigned long pfn;

	(void)state;
	boot_with_hole();
	page = alloc_pages(GFP_MOV, 2);
	pfn = page_to_pfn(page);
	page_ref_inc(pfn_to_page(pfn + 1));
	pfn_to_page(pfn + 2)->mapping = (void *)0x1000;
	pfn_to_page(pfn + 3)->_mapcount = 0;
	host_log_reset();
	__free_pages(page, 2);
	assert_true(host_log_contains(bug_line(pfn + 1)));
	assert_true(host_log_contains("page dumped because: nonzero _refcount\n"));
	assert_true(host_log_contains(bug_line(pfn + 2)));
	assert_true(host_log_contains("page dumped because: non-NULL mapping\n"));
	assert_true(host_log_contains(bug_line(pfn + 3)));
	assert_true(host_log_contains("page dumped because: nonzero mapcount\n"));
	assert_int_equal(nr_free_pages(), 0x1f00 - 4);
	for (int i = 0; i < 4; i++)
		assert_false(PageBuddy(pfn_to_page(pfn + (unsigned long)i)));
	pa_check();
}

/* A free page found corrupted as it is handed out: reported, skipped, another block given. */
static void test_bad_page_at_allocation(void **state)
{
	struct page *page;

	(void)state;
	boot_with_hole();
	/* pfn 0x1ff ends the first free block (o9 at 0); mark it dirty behind the allocator's back. */
	__SetPageLRU(pfn_to_page(0x1ff));
	host_log_reset();
	page = alloc_pages(GFP_MOV, 9);
	assert_non_null(page);
	assert_true(host_log_contains(bug_line(0x1ff)));
	assert_true(host_log_contains("page dumped because: PAGE_FLAGS_CHECK_AT_PREP flag(s) set\n"));
	assert_int_not_equal(page_to_pfn(page), 0);	/* the corrupted block was skipped */
	assert_false(PageBuddy(pfn_to_page(0)));	/* and lost */
	__ClearPageLRU(pfn_to_page(0x1ff));
	pa_check();
}

/* Freeing a tail page of a compound page is a bug; freeing the head frees it all. */
static void test_compound_pages(void **state)
{
	struct page *page;
	unsigned long pfn;

	(void)state;
	boot_with_hole();
	page = alloc_pages(GFP_MOV | __GFP_COMP, 3);
	pfn = page_to_pfn(page);
	assert_true(PageHead(page));
	host_log_reset();
	__free_pages(pfn_to_page(pfn + 2), 0);
	assert_true(host_log_contains("page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) == 0)\n"));
	__free_pages(page, 3);
	assert_false(PageHead(page));
	assert_true(pa_is_free_block(0, 9));
	pa_check();
}

/* --- allocation failures -------------------------------------------------------- */

static void exhaust(void)
{
	while (alloc_pages(GFP_MOV, 0))
		;
}

static void test_allocation_failure_report(void **state)
{
	(void)state;
	boot_with_hole();
	/* Every other page of [0x300, 0x2000) free: 3712 pages, no two together. */
	exhaust();
	for (unsigned long pfn = 0x300; pfn < 0x2000; pfn += 2)
		__free_pages(pfn_to_page(pfn), 0);
	host_log_reset();
	assert_null(alloc_pages(GFP_KERNEL, 9));
	assert_true(host_log_contains(
		"swapper: page allocation failure: order:9, mode:0xcc0(GFP_KERNEL), nodemask=(null)\n"
		"Mem-Info:\n"));
	assert_true(host_log_contains(" free:3712 free_pcp:0 free_cma:0\n"));
	assert_true(host_log_contains("Normal free:14848kB boost:0kB min:0kB low:0kB high:0kB"
				      " reserved_highatomic:0KB"));
	assert_true(host_log_contains(" present:31744kB managed:31744kB "));
	assert_true(host_log_contains("lowmem_reserve[]: 0 0 0 0\n"));
	assert_true(host_log_contains("Normal: 3712*4kB (M) 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB"
				      " 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 14848kB\n"));
	assert_true(host_log_contains("7936 pages RAM\n0 pages HighMem/MovableOnly\n0 pages reserved\n"));

	/* __GFP_NOWARN: silent. */
	host_log_reset();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 9));
	assert_string_equal(host_log(), "");

	/* The mode decoded for other requests. */
	exhaust();
	host_log_reset();
	assert_null(alloc_pages(GFP_ATOMIC, 0));
	assert_true(host_log_contains("swapper: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)\n"));
	host_log_reset();
	assert_null(alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0));
	assert_true(host_log_contains("mode:0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), nodemask=(null)\n"));
	/* No DMA memory on this machine: a GFP_DMA failure is expected, and silent. */
	host_log_reset();
	assert_null(alloc_pages(GFP_DMA, 0));
	assert_string_equal(host_log(), "");
	pa_check();
}

/* Beyond MAX_ORDER: a warning (Linux's WARN_ON_ONCE_GFP), unless __GFP_NOWARN. */
static void test_order_too_large(void **state)
{
	(void)state;
	boot_with_hole();
	host_log_reset();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	assert_string_equal(host_log(), "");
	assert_null(alloc_pages(GFP_KERNEL, MAX_ORDER));
	assert_true(host_log_contains("WARNING: CPU: 0 PID: 0 at mm/page_alloc.c:"));
}

static void test_gfp_flag_names(void **state)
{
	static const struct {
		gfp_t gfp;
		const char *text;
	} table[] = {
		{ 0, "" },
		{ GFP_KERNEL, "GFP_KERNEL" },
		{ GFP_ATOMIC, "GFP_ATOMIC" },
		{ GFP_NOWAIT, "GFP_NOWAIT" },
		{ GFP_USER, "GFP_USER" },
		{ GFP_HIGHUSER, "GFP_HIGHUSER" },
		{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
		{ GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN, "GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO" },
		{ GFP_KERNEL | GFP_DMA, "GFP_KERNEL|GFP_DMA" },
		{ GFP_KERNEL | __GFP_COMP, "GFP_KERNEL|__GFP_COMP" },
		{ __GFP_HIGHMEM | __GFP_MOVABLE, "__GFP_HIGHMEM|__GFP_MOVABLE" },
		{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
		{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
		{ GFP_KERNEL | 0x4000000, "GFP_KERNEL|0x4000000" },
	};
	char buf[256];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
		format_gfp_flags(buf, sizeof(buf), table[i].gfp);
		assert_string_equal(buf, table[i].text);
	}
	assert_int_equal(GFP_KERNEL, 0xcc0);
	assert_int_equal(GFP_ATOMIC, 0xa20);
	assert_int_equal(GFP_HIGHUSER_MOVABLE, 0x100cca);
}

static void test_page_flag_names(void **state)
{
	char buf[128], expect[128];
	unsigned long word = (1UL << PG_reserved) | (1UL << PG_head) | (2UL << ZONES_PGOFF) |
			     (1UL << NODES_PGOFF);

	(void)state;
	format_page_flags(buf, sizeof(buf), word);
	snprintf(expect, sizeof(expect), "%#lx(reserved|head|node=1|zone=2)", word);
	assert_string_equal(buf, expect);
	format_page_flags(buf, sizeof(buf), 0);
	assert_string_equal(buf, "0x0(node=0|zone=0)");
}

/* --- memory auto-init -------------------------------------------------------------- */

static void test_mem_auto_init_line(void **state)
{
	(void)state;
	init_mem_debugging_and_hardening();
	report_meminit();
	assert_string_equal(host_log(), "mem auto-init: stack:off, heap alloc:off, heap free:off\n");

	assert_int_equal(host_early_param("init_on_alloc", "1"), 0);
	host_log_reset();
	init_mem_debugging_and_hardening();
	report_meminit();
	assert_string_equal(host_log(), "mem auto-init: stack:off, heap alloc:on, heap free:off\n");

	assert_int_equal(host_early_param("init_on_alloc", "off"), 0);
	assert_int_equal(host_early_param("init_on_free", "y"), 0);
	host_log_reset();
	init_mem_debugging_and_hardening();
	report_meminit();
	assert_string_equal(host_log(), "mem auto-init: stack:off, heap alloc:off, heap free:on\n"
					"mem auto-init: clearing system memory may take some time...\n");
	assert_true(want_init_on_free());

	/* Not a boolean: the handler fails ("Malformed early option"), nothing changes. */
	assert_int_not_equal(host_early_param("init_on_free", "maybe"), 0);
	assert_int_not_equal(host_early_param("init_on_alloc", NULL), 0);
	assert_int_equal(host_early_param("init_on_free", "0"), 0);
	init_mem_debugging_and_hardening();
	assert_false(want_init_on_free());
	assert_true(want_init_on_alloc(__GFP_ZERO));
	assert_false(want_init_on_alloc(GFP_KERNEL));
}

/*
 * Real memory for the pages' contents: 16 MiB mapped at 256 MiB (pfn
 * 0x10000), where the host build's __va() (the identity) reaches it.
 *   pfn 0x10000          0x10800          0x11000
 *       |   Normal         |   HighMem      |
 */
#define REAL_BASE	0x10000000UL
#define REAL_SIZE	MiB(16)

static void *real_mem;

static int real_setup(void **state)
{
	pa_setup(state);
	real_mem = mmap((void *)REAL_BASE, REAL_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (real_mem != (void *)REAL_BASE)
		fail_msg("cannot map 16 MiB at %#lx", REAL_BASE);
	memset(real_mem, 0x5a, REAL_SIZE);
	memblock_add_node(REAL_BASE, REAL_SIZE, 0, MEMBLOCK_NONE);
	pa_boot(0, 0x10800, 0x11000);
	return 0;
}

static int real_teardown(void **state)
{
	(void)state;
	munmap(real_mem, REAL_SIZE);
	init_on_alloc = init_on_free = false;
	assert_int_equal(host_early_param("init_on_alloc", "0"), 0);
	assert_int_equal(host_early_param("init_on_free", "0"), 0);
	return 0;
}

static bool page_is(struct page *page, unsigned char byte)
{
	const unsigned char *p = page_address(page);

	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/* Without init_on_*, a page keeps what it held; __GFP_ZERO and get_zeroed_page() zero. */
static void test_zeroing_on_request(void **state)
{
	struct page *page;
	unsigned long addr;

	(void)state;
	pa_handover_all();
	page = alloc_pages(GFP_KERNEL, 0);
	assert_true(page_is(page, 0x5a));
	memset(page_address(page), 0xaa, PAGE_SIZE);
	__free_pages(page, 0);
	page = alloc_pages(GFP_KERNEL, 0);		/* the same page, LIFO */
	assert_true(page_is(page, 0xaa));
	__free_pages(page, 0);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);
	assert_true(page_is(page, 0));
	memset(page_address(page), 0xbb, PAGE_SIZE);
	__free_pages(page, 0);
	addr = get_zeroed_page(GFP_KERNEL);
	assert_ptr_equal((void *)addr, page_address(page));
	assert_true(page_is(page, 0));
	free_pages(addr, 0);
	/* Order 3: every page. */
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	for (unsigned long i = 0; i < 8; i++)
		assert_true(page_is(pfn_to_page(page_to_pfn(page) + i), 0));
	pa_check();
}

static void test_init_on_alloc(void **state)
{
	struct page *page;

	(void)state;
	assert_int_equal(host_early_param("init_on_alloc", "1"), 0);
	init_mem_debugging_and_hardening();
	pa_handover_all();
	page = alloc_pages(GFP_KERNEL, 1);
	assert_true(page_is(page, 0));
	assert_true(page_is(pfn_to_page(page_to_pfn(page) + 1), 0));
	memset(page_address(page), 0xaa, 2 * PAGE_SIZE);
	__free_pages(page, 1);
	assert_true(page_is(page, 0xaa));	/* freed as it was */
	page = alloc_pages(GFP_KERNEL, 1);
	assert_true(page_is(page, 0));
	pa_check();
}

static void test_init_on_free(void **state)
{
	struct page *page;

	(void)state;
	assert_int_equal(host_early_param("init_on_free", "on"), 0);
	init_mem_debugging_and_hardening();
	/* The hand-over itself zeroes lowmem (Linux: "clearing system memory..."). */
	pa_handover_all();
	assert_true(page_is(pfn_to_page(0x10000), 0));
	assert_true(page_is(pfn_to_page(0x107ff), 0));
	assert_true(host_log_contains("mem auto-init: HighMem pages are not zeroed (no kmap yet)\n"));
	assert_true(page_is(pfn_to_page(0x10800), 0x5a));

	page = alloc_pages(GFP_KERNEL, 0);
	memset(page_address(page), 0xcc, PAGE_SIZE);
	__free_pages(page, 0);
	assert_true(page_is(page, 0));
	pa_check();
}

/* Init memory given back: "Freeing %s memory: %ldK", poisoned first. */
static void test_free_reserved_area(void **state)
{
	unsigned long freed;
	char *start = (char *)REAL_BASE + 0x100 * PAGE_SIZE;

	(void)state;
	pa_handover_begin();
	pa_handover(0x10000, 0x10100);
	pa_handover(0x10140, 0x10800);
	/* [0x10100, 0x10140) was the kernel's: memmap_init()'s pages, reserved by the arch. */
	for (unsigned long pfn = 0x10100; pfn < 0x10140; pfn++)
		__SetPageReserved(pfn_to_page(pfn));
	host_log_reset();
	/* Not page-aligned ends: only the whole pages inside are freed. */
	freed = free_reserved_area(start + 100, start + 0x40 * PAGE_SIZE, 0xcc,
				   "unused kernel image (initmem)");
	assert_int_equal(freed, 0x3f);
	assert_string_equal(host_log(), "Freeing unused kernel image (initmem) memory: 252K\n");
	assert_true(PageReserved(pfn_to_page(0x10100)));
	assert_true(page_is(pfn_to_page(0x10101), 0xcc));
	assert_int_equal(pa_zone(0, ZONE_NORMAL)->managed_pages, 0x800 - 0x40 + 0x3f);
	assert_int_equal(totalram_pages(), 0x800 - 0x40 + 0x3f);
	pa_check();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_free_reserved_page_is_bad, pa_setup),
		cmocka_unit_test_setup(test_double_free_is_bad, pa_setup),
		cmocka_unit_test_setup(test_bad_tail_pages_keep_block_out, pa_setup),
		cmocka_unit_test_setup(test_bad_page_at_allocation, pa_setup),
		cmocka_unit_test_setup(test_compound_pages, pa_setup),
		cmocka_unit_test_setup(test_allocation_failure_report, pa_setup),
		cmocka_unit_test_setup(test_order_too_large, pa_setup),
		cmocka_unit_test_setup(test_gfp_flag_names, pa_setup),
		cmocka_unit_test_setup(test_page_flag_names, pa_setup),
		cmocka_unit_test_setup(test_mem_auto_init_line, pa_setup),
		cmocka_unit_test_setup_teardown(test_zeroing_on_request, real_setup, real_teardown),
		cmocka_unit_test_setup_teardown(test_init_on_alloc, real_setup, real_teardown),
		cmocka_unit_test_setup_teardown(test_init_on_free, real_setup, real_teardown),
		cmocka_unit_test_setup_teardown(test_free_reserved_area, real_setup, real_teardown),
	};

	/* These tests provoke "BUG: Bad page state" reports and check them. */
	host_expect_bug_reports(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
