// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/x86/e820.c: sanitising firmware memory maps, editing the
 * table (update, remove, mem=, memmap=), and handing it to memblock.
 *
 * The reference map is QEMU's for -m 128M, as Linux 6.1 prints it
 * (tests/golden/linux: "BIOS-e820" lines of the i386 128M boot).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <boot/e820.h>
#include <kernel/params.h>
#include <mm/memblock.h>
#include "hostlog.h"

static struct e820_table fw;

static void fw_reset(void)
{
	memset(&fw, 0, sizeof(fw));
}

static void fw_add(u64 addr, u64 size, u32 type)
{
	fw.entries[fw.nr_entries].addr = addr;
	fw.entries[fw.nr_entries].size = size;
	fw.entries[fw.nr_entries].type = type;
	fw.nr_entries++;
}

/* QEMU's six entries for -m 128M, in QEMU's (sorted) order. */
static void fw_qemu_128m(void)
{
	fw_reset();
	fw_add(0x0, 0x9fc00, E820_TYPE_RAM);
	fw_add(0x9fc00, 0x400, E820_TYPE_RESERVED);
	fw_add(0xf0000, 0x10000, E820_TYPE_RESERVED);
	fw_add(0x100000, 0x7ee0000, E820_TYPE_RAM);
	fw_add(0x7fe0000, 0x20000, E820_TYPE_RESERVED);
	fw_add(0xfffc0000, 0x40000, E820_TYPE_RESERVED);
}

static void assert_entry(int i, u64 addr, u64 size, u32 type)
{
	assert_int_equal(e820_table.entries[i].addr, addr);
	assert_int_equal(e820_table.entries[i].size, size);
	assert_int_equal(e820_table.entries[i].type, type);
}

static int setup(void **state)
{
	(void)state;
	host_log_reset();
	memset(&e820_table, 0, sizeof(e820_table));
	return 0;
}

/* Early options, through the kernel's own option table. */
static void early_options(const char *cmdline)
{
	char buf[COMMAND_LINE_SIZE];

	strcpy(buf, cmdline);
	parse_param_table(buf, __setup_start, __setup_end, true, NULL);
	e820__finish_early_params();
}

/* A clean map passes through unchanged and prints exactly Linux's lines. */
static void test_qemu_map_printed_like_linux(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	assert_int_equal(e820_table.nr_entries, 6);
	assert_entry(0, 0x0, 0x9fc00, E820_TYPE_RAM);
	assert_entry(5, 0xfffc0000, 0x40000, E820_TYPE_RESERVED);
	assert_true(host_log_contains("BIOS-provided physical RAM map:\n"));
	assert_true(host_log_contains("BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"));
	assert_true(host_log_contains("BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved\n"));
	assert_true(host_log_contains("BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved\n"));
	assert_false(host_log_contains("WARN"));
	assert_false(host_log_contains("overlap"));
}

/*
 * Unsorted input is sorted, with a warning.
 *   given:  [1M ----- RAM ----- 128M)  [0 - RAM - 640K)
 *   result: [0 - RAM - 640K)  [1M ----- RAM ----- 128M)
 */
static void test_unsorted_map_sorted(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x100000, 0x7f00000, E820_TYPE_RAM);
	fw_add(0x0, 0xa0000, E820_TYPE_RAM);
	e820__memory_setup(&fw, "BIOS-e820");
	assert_int_equal(e820_table.nr_entries, 2);
	assert_entry(0, 0x0, 0xa0000, E820_TYPE_RAM);
	assert_entry(1, 0x100000, 0x7f00000, E820_TYPE_RAM);
	assert_true(host_log_contains("not sorted"));
}

/*
 * Overlap: the higher type wins where they overlap, and RAM keeps the rest.
 *   RAM:       [0x100000 ------------------------- 0x800000)
 *   reserved:            [0x300000 -- 0x400000)
 *   result:    [RAM 1M-3M)[reserved 3M-4M)[RAM 4M-8M)
 */
static void test_overlap_higher_type_wins(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x100000, 0x700000, E820_TYPE_RAM);
	fw_add(0x300000, 0x100000, E820_TYPE_RESERVED);
	e820__memory_setup(&fw, "BIOS-e820");
	assert_int_equal(e820_table.nr_entries, 3);
	assert_entry(0, 0x100000, 0x200000, E820_TYPE_RAM);
	assert_entry(1, 0x300000, 0x100000, E820_TYPE_RESERVED);
	assert_entry(2, 0x400000, 0x400000, E820_TYPE_RAM);
	assert_true(host_log_contains("overlap; the higher type (2) wins"));
}

/*
 * Two RAM entries that overlap and one that touches merge into one.
 *   [0x1000 -- 0x5000)
 *         [0x3000 -- 0x8000)
 *                       [0x8000 -- 0x9000)
 *   result: [0x1000 ------------- 0x9000)
 */
static void test_overlapping_and_touching_ram_merge(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x1000, 0x4000, E820_TYPE_RAM);
	fw_add(0x3000, 0x5000, E820_TYPE_RAM);
	fw_add(0x8000, 0x1000, E820_TYPE_RAM);
	e820__memory_setup(&fw, "BIOS-e820");
	assert_int_equal(e820_table.nr_entries, 1);
	assert_entry(0, 0x1000, 0x8000, E820_TYPE_RAM);
}

/* Zero-length entries vanish, with a count. */
static void test_zero_length_entries_dropped(void **state)
{
	(void)state;
	fw_qemu_128m();
	fw_add(0x200000, 0, E820_TYPE_RESERVED);
	fw_add(0x5000, 0, E820_TYPE_RAM);
	e820__memory_setup(&fw, "BIOS-e820");
	assert_int_equal(e820_table.nr_entries, 6);
	assert_true(host_log_contains("dropping 2 empty entries"));
}

/* An entry that wraps past 2^64 makes the table unsanitisable (Linux: -1). */
static void test_wrapping_entry_rejected(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x1000, 0x1000, E820_TYPE_RAM);
	fw_add(0xfffffffffffff000ULL, 0x2000, E820_TYPE_RAM);
	e820_table = fw;
	assert_int_equal(e820__update_table(&e820_table), -1);
	assert_int_equal(e820_table.nr_entries, 2);
}

/* Fewer than two entries: nothing to sanitise (Linux: -1), table kept. */
static void test_single_entry_kept(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x0, 0x100000, E820_TYPE_RAM);
	e820_table = fw;
	assert_int_equal(e820__update_table(&e820_table), -1);
	assert_int_equal(e820_table.nr_entries, 1);
}

/*
 * Linux's trim_bios_range on QEMU's map: page 0 becomes reserved and the
 * 640K-1M hole loses any RAM; the log lines are Linux's.
 */
static void test_trim_bios_range(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	e820__trim_bios_range();
	assert_entry(0, 0x0, 0x1000, E820_TYPE_RESERVED);
	assert_entry(1, 0x1000, 0x9ec00, E820_TYPE_RAM);
	assert_true(host_log_contains("e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n"));
	assert_true(host_log_contains("e820: remove [mem 0x000a0000-0x000fffff] usable\n"));
}

/*
 * Updating the middle of an entry splits it in three.
 *   [RAM 0 ------------------------------- 16M)
 *   update [4M - 8M) to reserved
 *   [RAM 0 - 4M)[reserved 4M - 8M)[RAM 8M - 16M)
 */
static void test_update_splits_entry(void **state)
{
	(void)state;
	fw_reset();
	fw_add(0x0, 0x1000000, E820_TYPE_RAM);
	e820_table = fw;
	assert_int_equal(e820__range_update(0x400000, 0x400000, E820_TYPE_RAM, E820_TYPE_RESERVED),
			 0x400000);
	e820__update_table(&e820_table);
	assert_int_equal(e820_table.nr_entries, 3);
	assert_entry(0, 0x0, 0x400000, E820_TYPE_RAM);
	assert_entry(1, 0x400000, 0x400000, E820_TYPE_RESERVED);
	assert_entry(2, 0x800000, 0x800000, E820_TYPE_RAM);
}

/* Removing with check_type leaves other types alone. */
static void test_remove_checks_type(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820_table = fw;
	/* Remove all RAM from 64M up: the reserved entries above stay. */
	assert_int_equal(e820__range_remove(0x4000000, U64_MAX - 0x4000000, E820_TYPE_RAM, true),
			 0x7fe0000 - 0x4000000);
	e820__update_table(&e820_table);
	assert_int_equal(e820_table.nr_entries, 6);
	assert_entry(3, 0x100000, 0x3f00000, E820_TYPE_RAM);
	assert_entry(4, 0x7fe0000, 0x20000, E820_TYPE_RESERVED);
}

/* mem=64M: no RAM above 64M, and the "user-defined" map is printed. */
static void test_mem_option(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("mem=64M");
	assert_entry(3, 0x100000, 0x3f00000, E820_TYPE_RAM);
	assert_true(host_log_contains("user-defined physical RAM map:\n"));
	assert_true(host_log_contains("user: [mem 0x0000000000100000-0x0000000003ffffff] usable\n"));
	assert_int_equal(e820__end_of_ram_pfn(), 0x4000);
}

/* mem= with garbage is refused in Linux's words, and the map is untouched. */
static void test_mem_option_garbage(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("mem=lots");
	assert_true(host_log_contains("Malformed early option 'mem'"));
	assert_false(host_log_contains("user-defined"));
	assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
	early_options("mem=0");
	assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
}

/*
 * memmap=16M$32M reserves [32M, 48M) out of RAM; memmap=1M@200M adds RAM.
 *   [RAM 1M - 32M)[reserved 32M - 48M)[RAM 48M - 0x7fe0000) ... [RAM 200M - 201M)
 */
static void test_memmap_option(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=16M$32M,1M@200M");
	assert_entry(3, 0x100000, 0x1f00000, E820_TYPE_RAM);
	assert_entry(4, 0x2000000, 0x1000000, E820_TYPE_RESERVED);
	assert_entry(5, 0x3000000, 0x7fe0000 - 0x3000000, E820_TYPE_RAM);
	assert_entry(7, 0xc800000, 0x100000, E820_TYPE_RAM);
	assert_true(host_log_contains("user: [mem 0x0000000002000000-0x0000000002ffffff] reserved\n"));
}

/* memmap=exactmap then explicit RAM: only what was given. */
static void test_memmap_exactmap(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=exactmap memmap=640K@0 memmap=63M@1M");
	assert_int_equal(e820_table.nr_entries, 2);
	assert_entry(0, 0x0, 0xa0000, E820_TYPE_RAM);
	assert_entry(1, 0x100000, 0x3f00000, E820_TYPE_RAM);
}

/* memmap= with a stray suffix is reported as malformed. */
static void test_memmap_garbage(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=16M$32Mjunk");
	assert_true(host_log_contains("Malformed early option 'memmap'"));
	early_options("memmap=xyz");
	assert_true(host_log_contains("Malformed early option 'memmap'"));
}

/*
 * mem=64Mjunk: Linux's memparse() stops at 'j' and x86 parse_memopt() takes
 * 64M; bootmm does the same and names what it ignored.
 */
static void test_mem_option_trailing_junk(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("mem=64Mjunk");
	assert_true(host_log_contains("mem: ignoring \"junk\" after the size 0x4000000\n"));
	assert_false(host_log_contains("Malformed early option 'mem'"));
	assert_entry(3, 0x100000, 0x3f00000, E820_TYPE_RAM);
}

/* mem=99999999999G does not fit in 64 bits: refused, not wrapped, map untouched. */
static void test_mem_option_overflow(void **state)
{
	static const char *const huge[] = { "mem=99999999999G", "mem=99999999999999999999",
					    "mem=0x10000000000000000", "mem=16E" };

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(huge); i++) {
		setup(NULL);
		fw_qemu_128m();
		e820__memory_setup(&fw, "BIOS-e820");
		early_options(huge[i]);
		assert_true(host_log_contains("is too big for a 64-bit size\n"));
		assert_true(host_log_contains("Malformed early option 'mem'"));
		assert_false(host_log_contains("user-defined"));
		assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
	}
	/* The largest size that fits is taken (and, above all RAM, removes none). */
	setup(NULL);
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("mem=15E");
	assert_false(host_log_contains("Malformed early option 'mem'"));
	assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
}

/* memmap=0@16M: nothing to add, and the kernel says so (Linux drops it silently). */
static void test_memmap_zero_size(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=0@16M");
	assert_true(host_log_contains("memmap: size 0 in \"0@16M\": nothing to do\n"));
	assert_false(host_log_contains("Malformed early option 'memmap'"));
	assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
	assert_int_equal(e820_table.nr_entries, 6);
}

/*
 * memmap=256M@0x10000000 on a 128M machine: Linux trusts it; the kernel would
 * then use memory that is not there.  bootmm names the range at once.
 */
static void test_memmap_ram_not_in_firmware_map(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=256M@0x10000000");
	assert_true(host_log_contains("e820: user-defined RAM [mem 0x0000000010000000-0x000000001fffffff] "
				      "is not RAM in the firmware's map"));
	assert_entry(5, 0x10000000, 0x10000000, E820_TYPE_RAM);

	/* RAM the firmware has, given again: no warning. */
	setup(NULL);
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=16M@16M");
	assert_false(host_log_contains("is not RAM in the firmware's map"));

	/* Past the end of RAM (the reserved 0x7fe0000-0x7ffffff wins its part): only the new part is named. */
	setup(NULL);
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=64M@96M");
	assert_true(host_log_contains("[mem 0x0000000008000000-0x0000000009ffffff] is not RAM"));
}

/* An address too big for 64 bits in memmap= is refused too. */
static void test_memmap_overflow(void **state)
{
	(void)state;
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	early_options("memmap=16M@99999999999G");
	assert_true(host_log_contains("memmap: 99999999999G is too big for a 64-bit address\n"));
	assert_true(host_log_contains("Malformed early option 'memmap'"));
	assert_entry(3, 0x100000, 0x7ee0000, E820_TYPE_RAM);
}

/*
 * To memblock: only usable RAM, partial pages trimmed — exactly Linux's
 * "Early memory node ranges" for QEMU -m 128M:
 *   node 0: [mem 0x1000-0x9efff], [mem 0x100000-0x7fdffff]
 */
static void test_memblock_setup_matches_linux(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	fw_qemu_128m();
	e820__memory_setup(&fw, "BIOS-e820");
	e820__trim_bios_range();
	e820__memblock_setup();
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock.memory.regions[0].base, 0x1000);
	assert_int_equal(memblock.memory.regions[0].size, 0x9e000);
	assert_int_equal(memblock.memory.regions[1].base, 0x100000);
	assert_int_equal(memblock.memory.regions[1].size, 0x7ee0000);
	assert_int_equal(e820__end_of_ram_pfn(), 0x7fe0);
	assert_true(host_log_contains("last_pfn = 0x7fe0 max_arch_pfn = 0x1000000\n"));
}

/* RAM above 64 GiB (36 bits) is beyond 686-pae: left out with a warning. */
static void test_ram_beyond_arch_limit_ignored(void **state)
{
	(void)state;
	memblock_reset_for_tests();
	fw_qemu_128m();
	fw_add(0x1000000000ULL, 0x40000000, E820_TYPE_RAM);	/* 64G - 65G */
	e820__memory_setup(&fw, "BIOS-e820");
	e820__memblock_setup();
	assert_int_equal(memblock.memory.cnt, 2);
	assert_true(host_log_contains("ignoring RAM [mem 0x0000001000000000-0x000000103fffffff] above the 36-bit"));
	assert_int_equal(e820__end_of_ram_pfn(), 0x7fe0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_qemu_map_printed_like_linux, setup),
		cmocka_unit_test_setup(test_unsorted_map_sorted, setup),
		cmocka_unit_test_setup(test_overlap_higher_type_wins, setup),
		cmocka_unit_test_setup(test_overlapping_and_touching_ram_merge, setup),
		cmocka_unit_test_setup(test_zero_length_entries_dropped, setup),
		cmocka_unit_test_setup(test_wrapping_entry_rejected, setup),
		cmocka_unit_test_setup(test_single_entry_kept, setup),
		cmocka_unit_test_setup(test_trim_bios_range, setup),
		cmocka_unit_test_setup(test_update_splits_entry, setup),
		cmocka_unit_test_setup(test_remove_checks_type, setup),
		cmocka_unit_test_setup(test_mem_option, setup),
		cmocka_unit_test_setup(test_mem_option_garbage, setup),
		cmocka_unit_test_setup(test_memmap_option, setup),
		cmocka_unit_test_setup(test_memmap_exactmap, setup),
		cmocka_unit_test_setup(test_memmap_garbage, setup),
		cmocka_unit_test_setup(test_mem_option_trailing_junk, setup),
		cmocka_unit_test_setup(test_mem_option_overflow, setup),
		cmocka_unit_test_setup(test_memmap_zero_size, setup),
		cmocka_unit_test_setup(test_memmap_ram_not_in_firmware_map, setup),
		cmocka_unit_test_setup(test_memmap_overflow, setup),
		cmocka_unit_test_setup(test_memblock_setup_matches_linux, setup),
		cmocka_unit_test_setup(test_ram_beyond_arch_limit_ignored, setup),
	};

	return cmocka_run_group_tests_name("e820", tests, NULL, NULL);
}
