// SPDX-License-Identifier: MIT
/*
 * Unit tests of drivers/of/fdt.c: checking a device tree blob, reading the
 * root's cell counts, /chosen and the memory nodes into memblock.
 *
 * The trees are real blobs, compiled by dtc from tests/unit/dts/ (one
 * comment at the top of each says what it holds), or built here with libfdt
 * when a test needs a shape dtc will not write.  Expected messages are Linux
 * 6.1's where Linux prints one, and bootmm's own where Linux is silent.
 */
#include "test_fdt.h"
#include <kernel/initrd.h>
#include <libfdt.h>	/* after kernel/kernel.h (ULONG_MAX), through test_fdt.h */

static struct memblock_type *const mem = &memblock.memory;

/* --- checking the blob ------------------------------------------------------- */

static void test_verify_accepts_good_tree(void **state)
{
	(void)state;
	load_tree("cells1");
	assert_string_equal(of_flat_dt_get_machine_name(), "bootmm test, 1 cell");
	assert_no_log("device tree");
}

static void test_verify_rejects_null(void **state)
{
	(void)state;
	assert_false(early_init_dt_verify_blob(NULL, 4096));
	assert_null(initial_boot_params);
}

/* The first byte of the magic is wrong: refused before any other libfdt call. */
static void test_verify_rejects_bad_magic(void **state)
{
	(void)state;
	test_blob = read_dtb("cells1", &test_blob_size);
	((unsigned char *)test_blob)[0] = 0x00;		/* d0 0d fe ed -> 00 0d fe ed */
	assert_false(early_init_dt_verify_blob(test_blob, test_blob_size));
	assert_null(initial_boot_params);
	assert_log("OF: fdt: corrupt device tree: FDT_ERR_BADMAGIC (magic 0x000dfeed, expected 0xd00dfeed)\n");
}

/* Fewer bytes than a header: nothing is read at all. */
static void test_verify_rejects_truncated_header(void **state)
{
	(void)state;
	test_blob = read_dtb("cells1", &test_blob_size);
	assert_false(early_init_dt_verify_blob(test_blob, 16));
	assert_null(initial_boot_params);
	assert_log("device tree: only 16 bytes, less than its 40-byte header\n");
}

/* A header promising more bytes than there are: a cut-off blob. */
static void test_verify_rejects_truncated_blob(void **state)
{
	char want[160];

	(void)state;
	test_blob = read_dtb("cells1", &test_blob_size);
	assert_false(early_init_dt_verify_blob(test_blob, test_blob_size - 4));
	assert_null(initial_boot_params);
	snprintf(want, sizeof(want),
		 "device tree is %u bytes long (its header's totalsize) but only %u are there: truncated\n",
		 (unsigned int)test_blob_size, (unsigned int)test_blob_size - 4);
	assert_log(want);
}

/* A sane header over a broken structure block: fdt_check_full() catches it. */
static void test_verify_rejects_corrupt_structure(void **state)
{
	uint32_t *tag;

	(void)state;
	test_blob = read_dtb("cells1", &test_blob_size);
	assert_int_equal(fdt_check_header(test_blob), 0);
	tag = (uint32_t *)((char *)test_blob + fdt_off_dt_struct(test_blob));
	*tag = cpu_to_fdt32(0x0badcafe);		/* not FDT_BEGIN_NODE */
	assert_false(early_init_dt_verify_blob(test_blob, test_blob_size));
	assert_null(initial_boot_params);
	assert_log("OF: fdt: corrupt device tree: FDT_ERR_");
}

/* --- cells, /chosen, memory nodes --------------------------------------------------- */

/*
 * One-cell addresses and sizes; a node with two banks and one with one.
 *   memory  [0x80000000+256M]  [0xa0000000+256M]  [0xc0000000+512M]
 */
static void test_cells1_memory_and_chosen(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("cells1"));

	assert_int_equal(dt_root_addr_cells, 1);
	assert_int_equal(dt_root_size_cells, 1);
	assert_regions(mem, { 0x80000000, 0x10000000 }, { 0xa0000000, 0x10000000 },
		       { 0xc0000000, 0x20000000 });
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_int_equal(mem->total_size, 0x40000000);

	assert_string_equal(boot_command_line, "console=ttyAMA0 loglevel=8");
	assert_int_equal(phys_initrd_start, 0x88000000);
	assert_int_equal(phys_initrd_size, 0x123456);
	assert_log("OF: fdt: memory scan node memory@80000000, reg size 16,\n");
	assert_log("OF: fdt:  - a0000000, 10000000\n");
	assert_no_log("Ignoring");
}

/*
 * Two-cell addresses and sizes.  The 8 GiB bank at 0xff00000000 crosses the
 * 40-bit limit: the 4 GiB above 1 TiB go.  The bank at 2 TiB goes entirely.
 *   memory  [0+1G]  [4G+4G]  [0xff00000000 .. 1T)
 */
static void test_cells2_memory_above_4g_and_40_bits(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("cells2"));

	assert_int_equal(dt_root_addr_cells, 2);
	assert_int_equal(dt_root_size_cells, 2);
	assert_regions(mem, { 0x0, 0x40000000 }, { 0x100000000ULL, 0x100000000ULL },
		       { 0xff00000000ULL, 0x100000000ULL });
	assert_int_equal(memblock_end_of_DRAM(), 1ULL << 40);
	assert_log("OF: fdt: Ignoring memory range 0x10000000000 - 0x10100000000\n");
	assert_log("OF: fdt: Ignoring memory block 0x20000000000 - 0x20010000000\n");

	/* a 64-bit initrd, and no bootargs: the command line stays empty */
	assert_int_equal(phys_initrd_start, 0x10000000);
	assert_int_equal(phys_initrd_size, 0x200000);
	assert_string_equal(boot_command_line, "");
	assert_string_equal(of_flat_dt_get_machine_name(), "bootmm,test-2cells");
}

/*
 * No memory node (one is named memory@ but has another device_type), no
 * /chosen, no cell counts on the root: the defaults apply, memblock stays
 * empty and both absences are reported.
 */
static void test_no_memory_node(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("nomemory"));

	assert_int_equal(dt_root_addr_cells, OF_ROOT_NODE_ADDR_CELLS_DEFAULT);
	assert_int_equal(dt_root_size_cells, OF_ROOT_NODE_SIZE_CELLS_DEFAULT);
	assert_int_equal(memblock_phys_mem_size(), 0);
	assert_int_equal(mem->cnt, 1);		/* the empty dummy */
	assert_log("OF: fdt: No chosen node found, continuing without\n");
	assert_log("OF: fdt: no memory node in the device tree (a node with device_type = \"memory\" and a reg)\n");

	host_log_reset();
	assert_int_equal(early_init_dt_scan_memory(test_blob), 0);
}

/*
 * Every kind of bad memory node (tests/unit/dts/badregs.dts), and what is left:
 *   [0x10000000 +24M]  zero-size pair warned; the overlapping node merged in
 *   0x20000800 +1K     less than a page: ignored
 *   [0x30001000 +4K]   0x30000800 +8K trimmed to its whole page
 *   0x40000000         disabled: not read
 *   [0x50000000 +1M]   status "okay"
 *   [0x60000000 +1M]   no device_type, taken by name, warned
 *   [0x70000000 +1M]   "ram@", device_type memory
 *   0x90000000         no reg: not read
 *   [0xa0000000 +1M]   a stray third cell, warned
 *   [0xc0000000 +2M]   linux,usable-memory instead of its 256M reg
 */
static void test_bad_memory_regs(void **state)
{
	(void)state;
	load_tree("badregs");
	assert_int_equal(early_init_dt_scan_root(test_blob), 0);
	assert_int_equal(early_init_dt_scan_memory(test_blob), 9);

	assert_regions(mem, { 0x10000000, 0x1800000 }, { 0x30001000, 0x1000 },
		       { 0x50000000, 0x100000 }, { 0x60000000, 0x100000 },
		       { 0x70000000, 0x100000 }, { 0xa0000000, 0x100000 },
		       { 0xc0000000, 0x200000 });

	assert_log("OF: fdt: memory@10000000: zero-size reg at 0x10000000 skipped\n");
	assert_log("OF: fdt: Ignoring memory block 0x20000800 - 0x20000c00\n");
	assert_log("OF: fdt: memory@60000000 has no device_type = \"memory\": taken as memory by its name (Linux 6.1 would skip it)\n");
	assert_log("OF: fdt: memory@a0000000: reg is 12 bytes, not whole (address, size) pairs of 2 cells: the last 4 bytes are ignored\n");
	assert_no_log("memory@40000000");	/* the disabled node is not even looked at */
}

/* Zero cells per address and size: no reg can be read; no hang, no memory. */
static void test_zero_cells_refused(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("cells0"));
	early_init_fdt_scan_reserved_mem(test_blob);

	assert_log("OF: fdt: root #address-cells = 0, #size-cells = 0: bootmm reads 1 or 2 cells each, so no reg property can be read\n");
	assert_int_equal(memblock_phys_mem_size(), 0);
	assert_int_equal(memblock_reserved_size(), 0);
}

/*
 * /chosen linux,usable-memory-range: the first range caps memory, the second
 * is added back.
 *   tree    [0x40000000 ------------------- 1G ------------------ 0x80000000)
 *   result               [0x50000000+256M)        [0x70000000+16M)
 */
static void test_usable_memory_range(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("usable"));

	assert_regions(mem, { 0x50000000, 0x10000000 }, { 0x70000000, 0x1000000 });
}

/*
 * numa-node-id puts a node's banks on that node; hotpluggable flags them;
 * a node id past MAX_NUMNODES is refused (the bank's node stays unknown).
 */
static void test_numa_node_id_and_hotplug(void **state)
{
	(void)state;
	early_init_dt_scan_nodes(load_tree("numa"));

	assert_int_equal(mem->cnt, 3);
	assert_region(mem, 0, 0x40000000, 0x20000000);
	assert_int_equal(memblock_get_region_node(&mem->regions[0]), 0);
	assert_int_equal(mem->regions[0].flags, MEMBLOCK_NONE);
	assert_region(mem, 1, 0x60000000, 0x20000000);
	assert_int_equal(memblock_get_region_node(&mem->regions[1]), 1);
	assert_int_equal(mem->regions[1].flags, MEMBLOCK_HOTPLUG);
	assert_region(mem, 2, 0x80000000, 0x10000000);
	assert_int_equal(memblock_get_region_node(&mem->regions[2]), MAX_NUMNODES);
	assert_log("OF: NUMA: Node id 7 exceeds maximum value\n");
}

/* early_init_dt_add_memory_arch()'s edges, called directly. */
static void test_add_memory_arch_limits(void **state)
{
	(void)state;

	/* crosses 1 TiB: the part above is cut off */
	early_init_dt_add_memory_arch(0xffffff0000ULL, 0x20000);
	assert_log("OF: fdt: Ignoring memory range 0x10000000000 - 0x10000010000\n");
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, 0xffffff0000ULL, 0x10000);
	assert_int_equal(memblock_end_of_DRAM(), 1ULL << 40);

	/* starts at 1 TiB: all of it goes */
	early_init_dt_add_memory_arch(0x10000000000ULL, 0x1000);
	assert_log("OF: fdt: Ignoring memory block 0x10000000000 - 0x10000001000\n");

	/* nothing, or less than a page */
	early_init_dt_add_memory_arch(0x1000, 0);
	assert_log("OF: fdt: Ignoring memory block 0x1000 - 0x1000\n");
	early_init_dt_add_memory_arch(0x2000, 0xfff);
	assert_log("OF: fdt: Ignoring memory block 0x2000 - 0x2fff\n");

	assert_int_equal(mem->cnt, 1);
}

/* The blob reserves itself: every byte of totalsize. */
static void test_reserve_self(void **state)
{
	(void)state;
	early_init_fdt_reserve_self(NULL);
	assert_int_equal(memblock_reserved_size(), 0);

	load_tree("cells1");
	early_init_fdt_reserve_self(test_blob);
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_region(&memblock.reserved, 0, (uintptr_t)test_blob, fdt_totalsize(test_blob));
}

/* A tree made here: /chosen@0 and a command line longer than the kernel keeps. */
static void test_long_bootargs_truncated(void **state)
{
	char *args = malloc(1500);
	int node;

	(void)state;
	test_blob_size = 8192;
	test_blob = aligned_alloc(8, test_blob_size);
	assert_int_equal(fdt_create_empty_tree(test_blob, (int)test_blob_size), 0);
	node = fdt_add_subnode(test_blob, 0, "chosen@0");
	assert_true(node >= 0);
	memset(args, 'a', 1499);
	args[1499] = '\0';
	assert_int_equal(fdt_setprop_string(test_blob, node, "bootargs", args), 0);
	free(args);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));

	assert_int_equal(early_init_dt_scan_chosen(test_blob, boot_command_line), 0);
	/* cut to what fits, as Linux's strscpy() does; bootmm says so (Linux does not) */
	assert_int_equal(strlen(boot_command_line), COMMAND_LINE_SIZE - 1);
	assert_log("Kernel command line truncated to 1023 characters\n");
	assert_int_equal(boot_command_line[0], 'a');
}

/*
 * bootargs without its NUL (a hand-made tree): never read past, and, as in
 * Linux, the last byte makes room for the terminator.
 */
static void test_bootargs_without_nul(void **state)
{
	int node;

	(void)state;
	test_blob_size = 4096;
	test_blob = aligned_alloc(8, test_blob_size);
	assert_int_equal(fdt_create_empty_tree(test_blob, (int)test_blob_size), 0);
	node = fdt_add_subnode(test_blob, 0, "chosen");
	assert_int_equal(fdt_setprop(test_blob, node, "bootargs", "quiet", 5), 0);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));

	assert_int_equal(early_init_dt_scan_chosen(test_blob, boot_command_line), 0);
	assert_string_equal(boot_command_line, "quie");
}

/*
 * A version-5 header over a valid tree (issue 19: the 449-byte blob that made
 * the ARM kernel take a data abort in fdt_check_full(), where libfdt's
 * fdt_get_name() returns NULL for a pre-16 node name without a '/').  Refused
 * on its version, before fdt_check_full() reads a byte of its structure.
 */
static void test_verify_rejects_old_version(void **state)
{
	static const uint32_t versions[] = { 5, 15, 2 };

	(void)state;
	for (unsigned int i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		char want[200];

		host_log_reset();
		test_blob = read_dtb("cells1", &test_blob_size);
		fdt_set_version(test_blob, versions[i]);
		fdt_set_last_comp_version(test_blob, 2);
		assert_false(early_init_dt_verify_blob(test_blob, test_blob_size));
		assert_null(initial_boot_params);
		snprintf(want, sizeof(want), "device tree version %u (last compatible 2) is older than 16: "
			 "refused, libfdt cannot check it safely\n", versions[i]);
		assert_log(want);
		free(test_blob);
		test_blob = NULL;
	}
	/* 16 and 17 are read. */
	test_blob = read_dtb("cells1", &test_blob_size);
	fdt_set_version(test_blob, 16);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));
}

/*
 * A bank of 2^64 - 1 bytes: Linux's base + size - 1 wraps to base - 2, the
 * 40-bit clip never fires.  Here the clip fires and the end printed is the
 * top of the 64-bit space, not a wrapped number.
 */
static void test_add_memory_arch_size_wraps(void **state)
{
	(void)state;
	early_init_dt_add_memory_arch(0x40000000, ~0ULL);
	assert_log("OF: fdt: Ignoring memory range 0x10000000000 - 0xffffffffffffffff\n");
	assert_int_equal(mem->cnt, 1);
	assert_region(mem, 0, 0x40000000, (1ULL << 40) - 0x40000000);

	early_init_dt_add_memory_arch(0xffffffffffff0000ULL, 0x20000);	/* base + size wraps to 0x10000 */
	assert_log("OF: fdt: Ignoring memory block 0xffffffffffff0000 - ");
	assert_int_equal(mem->cnt, 1);
}

/*
 * #address-cells and #size-cells of 0x7fffffff: their sum overflows an int.
 * Refused with the counts named before any sum is made (UBSan would report
 * a signed overflow here).
 */
static void test_huge_cell_counts(void **state)
{
	int node;

	(void)state;
	test_blob_size = 4096;
	test_blob = aligned_alloc(8, test_blob_size);
	assert_int_equal(fdt_create_empty_tree(test_blob, (int)test_blob_size), 0);
	assert_int_equal(fdt_setprop_u32(test_blob, 0, "#address-cells", 0x7fffffff), 0);
	assert_int_equal(fdt_setprop_u32(test_blob, 0, "#size-cells", 0x7fffffff), 0);
	node = fdt_add_subnode(test_blob, 0, "memory@40000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(test_blob, node, "device_type", "memory"), 0);
	assert_int_equal(fdt_setprop_u64(test_blob, node, "reg", 0x4000000010000000ULL), 0);
	node = fdt_add_subnode(test_blob, 0, "chosen");
	assert_int_equal(fdt_setprop_u64(test_blob, node, "linux,usable-memory-range", 1), 0);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));

	early_init_dt_scan_nodes(test_blob);
	early_init_fdt_scan_reserved_mem(test_blob);
	assert_log("OF: fdt: root #address-cells = 2147483647, #size-cells = 2147483647: bootmm reads 1 or 2 cells each, so no reg property can be read\n");
	assert_int_equal(memblock_phys_mem_size(), 0);
}

/* A made-up tree of 2-cell root: /chosen and a memory node, for the weak cases. */
static int weak_tree(void)
{
	int node;

	test_blob_size = 4096;
	test_blob = aligned_alloc(8, test_blob_size);
	assert_int_equal(fdt_create_empty_tree(test_blob, (int)test_blob_size), 0);
	assert_int_equal(fdt_setprop_u32(test_blob, 0, "#address-cells", 2), 0);
	assert_int_equal(fdt_setprop_u32(test_blob, 0, "#size-cells", 2), 0);
	node = fdt_add_subnode(test_blob, 0, "memory@40000000");
	assert_int_equal(fdt_setprop_string(test_blob, node, "device_type", "memory"), 0);
	assert_int_equal(fdt_appendprop_u64(test_blob, node, "reg", 0x40000000), 0);
	assert_int_equal(fdt_appendprop_u64(test_blob, node, "reg", 0x10000000), 0);
	return node;
}

/* initrd end below its start: dropped, and now said (Linux 6.1 returns in silence). */
static void test_initrd_end_below_start(void **state)
{
	int chosen;

	(void)state;
	weak_tree();
	chosen = fdt_add_subnode(test_blob, 0, "chosen");
	assert_int_equal(fdt_setprop_u64(test_blob, chosen, "linux,initrd-start", 0x48000000), 0);
	assert_int_equal(fdt_setprop_u64(test_blob, chosen, "linux,initrd-end", 0x47000000), 0);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));
	early_init_dt_scan_nodes(test_blob);
	assert_int_equal(phys_initrd_size, 0);
	assert_log("initrd ignored: linux,initrd-end 0x47000000 is below linux,initrd-start 0x48000000\n");
}

/* An empty linux,usable-memory wins over reg, as in Linux: no memory, but a word. */
static void test_empty_usable_memory(void **state)
{
	int node;

	(void)state;
	node = weak_tree();
	assert_int_equal(fdt_setprop(test_blob, node, "linux,usable-memory", NULL, 0), 0);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));
	early_init_dt_scan_nodes(test_blob);
	assert_int_equal(memblock_phys_mem_size(), 0);
	assert_log("memory@40000000: linux,usable-memory is empty: none of this node's memory is used\n");
}

/* A /memreserve/ entry that wraps past 2^64: clipped by memblock, and now said. */
static void test_memreserve_wraps(void **state)
{
	(void)state;
	test_blob_size = 4096;
	test_blob = aligned_alloc(8, test_blob_size);
	assert_int_equal(fdt_create_empty_tree(test_blob, (int)test_blob_size), 0);
	assert_int_equal(fdt_add_mem_rsv(test_blob, 0xfffffffffff00000ULL, 0x200000), 0);
	assert_true(early_init_dt_verify_blob(test_blob, test_blob_size));
	early_init_fdt_scan_reserved_mem(test_blob);
	assert_log("/memreserve/ entry 0: 0xfffffffffff00000 + 0x200000 wraps past the top of physical memory: "
		   "reserved up to 0xffffffffffffffff\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FDT_TEST(test_verify_accepts_good_tree),
		FDT_TEST(test_verify_rejects_null),
		FDT_TEST(test_verify_rejects_bad_magic),
		FDT_TEST(test_verify_rejects_truncated_header),
		FDT_TEST(test_verify_rejects_truncated_blob),
		FDT_TEST(test_verify_rejects_corrupt_structure),
		FDT_TEST(test_verify_rejects_old_version),
		FDT_TEST(test_add_memory_arch_size_wraps),
		FDT_TEST(test_huge_cell_counts),
		FDT_TEST(test_initrd_end_below_start),
		FDT_TEST(test_empty_usable_memory),
		FDT_TEST(test_memreserve_wraps),
		FDT_TEST(test_cells1_memory_and_chosen),
		FDT_TEST(test_cells2_memory_above_4g_and_40_bits),
		FDT_TEST(test_no_memory_node),
		FDT_TEST(test_bad_memory_regs),
		FDT_TEST(test_zero_cells_refused),
		FDT_TEST(test_usable_memory_range),
		FDT_TEST(test_numa_node_id_and_hotplug),
		FDT_TEST(test_add_memory_arch_limits),
		FDT_TEST(test_reserve_self),
		FDT_TEST(test_long_bootargs_truncated),
		FDT_TEST(test_bootargs_without_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
