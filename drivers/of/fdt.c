// SPDX-License-Identifier: MIT
/*
 * Reading the flattened device tree at boot (Linux's drivers/of/fdt.c).
 *
 * Boot pipeline: head.S saved r2 (or found a tree appended to the image) ->
 * setup_arch() -> early_init_dt_verify() checks the blob -> "Machine model" ->
 * early_init_dt_scan_nodes(): the root's #address-cells/#size-cells, /chosen
 * (command line, initrd, usable-memory range) and every memory node, handed
 * to memblock_add().  Then parse_early_param() (mem= may rewrite memory) and
 * arm_memblock_init() (boot/arm/mm.c), which reserves what the tree says is in
 * use (drivers/of/of_reserved_mem.c).
 *
 * The blob is parsed with libfdt, the device tree compiler's own library, as
 * Debian ships it (see README.md: how libfdt gets into the build).  Nothing in
 * it is trusted: the pointer must lie in mapped RAM and the whole blob must
 * pass fdt_check_full() before any other libfdt call.  Only the pointer checks
 * are ARM's; everything else takes the blob as an argument and is unit-tested
 * on the host (tests/unit/test_fdt*.c) with trees dtc compiled.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <asm/page.h>
#include <kernel/init.h>
#include <kernel/initrd.h>
#include <kernel/kernel.h>
#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <libfdt.h>	/* after kernel/kernel.h: its <limits.h> may redefine ULONG_MAX, ours may not */
#include <string.h>	/* after kernel/: glibc's cdefs.h must come second (host) */
#include "of_private.h"

void *initial_boot_params;
int dt_root_addr_cells __initdata;
int dt_root_size_cells __initdata;

/* Linux keeps these in init/do_mounts_initrd.c; the tree is their only source here. */
phys_addr_t phys_initrd_start __initdata;
unsigned long phys_initrd_size __initdata;

/* /chosen's offset, found by early_init_dt_scan_chosen() for the usable-memory range. */
static int chosen_node_offset __initdata = -FDT_ERR_NOTFOUND;

/*
 * The lowest and highest physical addresses memblock may be given (Linux's
 * defaults are __pa(PAGE_OFFSET) and (phys_addr_t)~0).  Below PHYS_OFFSET
 * nothing can be in the linear map.  At the top, Linux 6.1's arm keeps the
 * default while arm64 uses its PHYS_MASK: bootmm is an LPAE kernel, whose
 * page-table entries hold 40-bit output addresses (Linux's MAX_PHYSMEM_BITS
 * for LPAE, arch/arm/include/asm/sparsemem.h), so memory above 1 TiB could
 * never be mapped and is refused here, with the generic code's messages.
 */
#define MIN_MEMBLOCK_ADDR	__pa(PAGE_OFFSET)
#define LPAE_PHYSMEM_BITS	40
#define MAX_MEMBLOCK_ADDR	((phys_addr_t)((1ULL << LPAE_PHYSMEM_BITS) - 1))

/* The oldest device tree version bootmm reads: 16, node names as leaves (see below). */
#define FDT_OLDEST_READ_VERSION	16

/* --- reading properties -------------------------------------------------- */

/**
 * of_read_number - a big-endian number of @size cells
 * @cell: the first cell (need not be aligned)
 * @size: cells; only the last two fit in the result
 *
 * Return: the number.
 */
u64 of_read_number(const fdt32_t *cell, int size)
{
	u64 r = 0;

	while (size-- > 0)
		r = (r << 32) | fdt32_ld(cell++);
	return r;
}

/**
 * dt_mem_next_cell - read one address or size of a reg tuple and step past it
 * @s: its cell count (#address-cells or #size-cells)
 * @cellp: the cursor, advanced by @s cells
 *
 * Return: the number.
 */
u64 dt_mem_next_cell(int s, const fdt32_t **cellp)
{
	const fdt32_t *p = *cellp;

	*cellp = p + s;
	return of_read_number(p, s);
}

/**
 * of_fdt_prop_is_string - does a property hold exactly this string?
 * @fdt: the blob
 * @node: node offset
 * @name: property name
 * @value: the expected string
 *
 * Unlike strcmp() on fdt_getprop()'s result, this never reads past the
 * property, whose value a corrupt tree need not NUL-terminate.
 *
 * Return: true on an exact match (terminating NUL included).
 */
bool of_fdt_prop_is_string(const void *fdt, int node, const char *name, const char *value)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	return p && len == (int)strlen(value) + 1 && memcmp(p, value, len) == 0;
}

/**
 * of_fdt_device_is_available - is a node's status "okay" (or absent)?
 * @fdt: the blob
 * @node: node offset
 *
 * Return: false for "disabled", "fail", ... as Linux's of_fdt_device_is_available().
 */
bool of_fdt_device_is_available(const void *fdt, int node)
{
	if (!fdt_getprop(fdt, node, "status", NULL))
		return true;
	return of_fdt_prop_is_string(fdt, node, "status", "ok") ||
	       of_fdt_prop_is_string(fdt, node, "status", "okay");
}

/* --- checking the blob ---------------------------------------------------- */

/**
 * early_init_dt_verify_blob - check a device tree before anything reads it
 * @blob: its first byte
 * @avail: how many bytes from @blob on may be read
 *
 * Linux's early_init_dt_verify() only checks the header; bootmm also checks
 * that the blob fits in what is there and walks its whole structure
 * (fdt_check_full), so that a truncated or corrupt tree is refused here and
 * not half-read later.  On success the blob becomes initial_boot_params.
 *
 * Return: true if the blob is a usable tree; otherwise false, having said why.
 */
bool __init early_init_dt_verify_blob(void *blob, size_t avail)
{
	int err;

	if (!blob)
		return false;
	if (avail < sizeof(struct fdt_header)) {
		pr_err("device tree: only %u bytes, less than its %u-byte header\n",
		       (u32)avail, (u32)sizeof(struct fdt_header));
		return false;
	}
	err = fdt_check_header(blob);
	if (err) {
		pr_err("corrupt device tree: %s (magic %#010x, expected %#010x)\n",
		       fdt_strerror(err), (u32)fdt_magic(blob), (u32)FDT_MAGIC);
		return false;
	}
	/*
	 * bootmm's own check (Linux's early_init_dt_verify() takes any version
	 * fdt_check_header() takes, 2 and up).  Before version 16 node names
	 * were full paths, and libfdt 1.6.1's fdt_get_name() returns NULL for
	 * a node whose name has no '/', which fdt_check_full() then
	 * dereferences: a root node named "" in a version-5 header is a read
	 * of address 0, a data abort.  dtc has written version 17 since 2007.
	 */
	if (fdt_version(blob) < FDT_OLDEST_READ_VERSION) {
		pr_err("device tree version %u (last compatible %u) is older than %u: refused, libfdt cannot check it safely\n",
		       (u32)fdt_version(blob), (u32)fdt_last_comp_version(blob),
		       (u32)FDT_OLDEST_READ_VERSION);
		return false;
	}
	if (fdt_totalsize(blob) > avail) {
		pr_err("device tree is %u bytes long (its header's totalsize) but only %u are there: truncated\n",
		       (u32)fdt_totalsize(blob), (u32)avail);
		return false;
	}
	err = fdt_check_full(blob, fdt_totalsize(blob));
	if (err) {
		pr_err("corrupt device tree: %s\n", fdt_strerror(err));
		return false;
	}
	initial_boot_params = blob;
	return true;
}

#ifdef __KERNEL__
#include <asm/traps.h>

/*
 * ARM only: r2 is a physical address and only lowmem is mapped yet (head.S:
 * PHYS_OFFSET .. PHYS_OFFSET + LOWMEM_MAP_SIZE), so a blob must lie there,
 * 8-byte aligned (the DT spec's rule), before anything dereferences it.
 *
 * Mapped is not RAM: head.S maps 768 MiB whatever QEMU's -m, and a read
 * where no RAM is takes an external abort.  Before the device tree nothing
 * says where RAM ends, so the blob's first word and the last word its
 * totalsize claims are read with a probe that survives the abort (QEMU's RAM
 * is one block: if both ends are there, so is the rest).  Linux 6.1 has
 * none of this and dies without a word on such a pointer; the messages are
 * bootmm's.  Returns the blob's virtual address and how many bytes from it
 * on may be read, or NULL.
 */
static void *__init dt_phys_to_virt(phys_addr_t dt_phys, const char *what, size_t *avail)
{
	const phys_addr_t lowmem_end = PHYS_OFFSET + LOWMEM_MAP_SIZE;
	u32 word, totalsize;
	void *fdt;

	if (dt_phys < PHYS_OFFSET || dt_phys + sizeof(struct fdt_header) > lowmem_end ||
	    (dt_phys & 7)) {
		pr_err("device tree pointer %#llx (%s) is not an aligned address in mapped RAM\n",
		       (unsigned long long)dt_phys, what);
		return NULL;
	}
	*avail = (size_t)(lowmem_end - dt_phys);
	fdt = __va(dt_phys);

	if (arm_probe_read_u32(fdt, &word) ||
	    arm_probe_read_u32((u32 *)fdt + 1, &totalsize)) {
		pr_err("device tree pointer %#llx (%s) is not in RAM: reading it faults\n",
		       (unsigned long long)dt_phys, what);
		return NULL;
	}
	totalsize = fdt32_to_cpu(totalsize);
	if (totalsize >= sizeof(struct fdt_header) && totalsize <= *avail &&
	    arm_probe_read_u32((u32 *)((char *)fdt + ((totalsize - 4) & ~3u)), &word)) {
		pr_err("device tree at %#llx (%s) claims %u bytes, but RAM ends before them: refused\n",
		       (unsigned long long)dt_phys, what, totalsize);
		return NULL;
	}
	return fdt;
}

/* What only the boot loader knows: QEMU's -append and -initrd. */
static const char *const loader_chosen_props[] __initconst = {
	"bootargs", "linux,initrd-start", "linux,initrd-end",
};

/*
 * A tree appended to the image describes the machine (memory, reserved
 * memory, NUMA), but the command line and the initrd are the boot loader's:
 * copy them from r2's /chosen into the appended tree, which grows in place
 * (nothing lies above it: head.S put it past _end).  This is what Linux's
 * CONFIG_ARM_ATAG_DTB_COMPAT does with an old loader's ATAGs, in its "use the
 * boot loader's command line if it has one" flavour.
 */
static void __init early_init_dt_merge_loader_chosen(void *fdt, size_t avail,
						     phys_addr_t loader_dt_phys)
{
	size_t loader_avail, need = 256;	/* a /chosen node, if it must be made */
	const void *loader;
	const void *val;
	unsigned int i;
	int lnode, node, len, err;

	loader = dt_phys_to_virt(loader_dt_phys, "r2", &loader_avail);
	if (!loader || fdt_check_header(loader) || fdt_totalsize(loader) > loader_avail ||
	    fdt_check_full(loader, fdt_totalsize(loader))) {
		pr_warn("r2's device tree is unusable: the appended tree's /chosen stays as it is\n");
		return;
	}
	lnode = fdt_path_offset(loader, "/chosen");
	if (lnode < 0)
		return;

	for (i = 0; i < ARRAY_SIZE(loader_chosen_props); i++)
		if (fdt_getprop(loader, lnode, loader_chosen_props[i], &len))
			need += len + strlen(loader_chosen_props[i]) + 1 + 16;
	if (fdt_totalsize(fdt) + need > avail ||
	    fdt_open_into(fdt, fdt, fdt_totalsize(fdt) + need) != 0) {
		pr_warn("no room to merge r2's /chosen into the appended tree\n");
		return;
	}
	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_add_subnode(fdt, 0, "chosen");
	for (i = 0; node >= 0 && i < ARRAY_SIZE(loader_chosen_props); i++) {
		const char *name = loader_chosen_props[i];

		val = fdt_getprop(loader, lnode, name, &len);
		/* An empty command line from the loader leaves the tree's own. */
		if (!val || (strcmp(name, "bootargs") == 0 && len <= 1))
			continue;
		err = fdt_setprop(fdt, node, name, val, len);
		if (err)
			pr_warn("cannot copy r2's /chosen/%s: %s\n", name, fdt_strerror(err));
	}
	fdt_pack(fdt);
}

/**
 * early_init_dt_verify - check the device tree head.S found, and adopt it
 * @dt_phys: its physical address: r2, or the tree appended to the image
 * @loader_dt_phys: r2 when @dt_phys is an appended tree, else 0; its /chosen
 *	(command line, initrd) is merged into the appended one
 *
 * Return: true if there is a usable tree (now initial_boot_params); otherwise
 * false, having said why.
 */
bool __init early_init_dt_verify(phys_addr_t dt_phys, phys_addr_t loader_dt_phys)
{
	size_t avail;
	void *fdt;

	if (!dt_phys) {
		pr_err("no device tree: r2 is 0 (an ELF given to QEMU's -kernel is started bare, without one; boot the raw image)\n");
		return false;
	}
	fdt = dt_phys_to_virt(dt_phys, loader_dt_phys ? "appended" : "r2", &avail);
	if (!fdt || !early_init_dt_verify_blob(fdt, avail))
		return false;
	if (loader_dt_phys) {
		pr_info("using the device tree appended to the image (at %#llx), not r2's (at %#llx); r2's /chosen is merged in\n",
			(unsigned long long)dt_phys, (unsigned long long)loader_dt_phys);
		early_init_dt_merge_loader_chosen(fdt, avail, loader_dt_phys);
	}
	return true;
}
#endif /* __KERNEL__ */

/* The root's "model", or failing that its first "compatible" string. */
const char *__init of_flat_dt_get_machine_name(void)
{
	const char *name = fdt_getprop(initial_boot_params, 0, "model", NULL);

	if (!name)
		name = fdt_getprop(initial_boot_params, 0, "compatible", NULL);
	return name ? name : "<unknown>";
}

/* --- the root and /chosen -------------------------------------------------- */

/* One cell count of the root: 4 bytes, or the default when absent. */
static int __init dt_root_cells(const void *fdt, const char *name, int dflt)
{
	int len;
	const fdt32_t *prop = fdt_getprop(fdt, 0, name, &len);

	if (!prop || len < (int)sizeof(*prop))
		return dflt;
	return (int)fdt32_ld(prop);
}

/*
 * bootmm reads addresses and sizes of 1 or 2 cells (up to 64 bits), which is
 * all a 32-bit or 64-bit machine's root uses.  Linux reads any count, and
 * would loop for ever on a root with #address-cells = #size-cells = 0.
 */
bool __init dt_root_cells_usable(void)
{
	return dt_root_addr_cells >= 1 && dt_root_addr_cells <= 2 &&
	       dt_root_size_cells >= 1 && dt_root_size_cells <= 2;
}

/**
 * early_init_dt_scan_root - read the root's #address-cells and #size-cells
 * @fdt: the blob
 *
 * They say how many 32-bit cells make an address and a size in the root's
 * children's reg properties, memory nodes included.
 *
 * Return: 0, or -ENODEV if the tree has no root node.
 */
int __init early_init_dt_scan_root(const void *fdt)
{
	if (fdt_path_offset(fdt, "/") < 0)
		return -ENODEV;

	dt_root_size_cells = dt_root_cells(fdt, "#size-cells", OF_ROOT_NODE_SIZE_CELLS_DEFAULT);
	pr_debug("dt_root_size_cells = %x\n", dt_root_size_cells);
	dt_root_addr_cells = dt_root_cells(fdt, "#address-cells", OF_ROOT_NODE_ADDR_CELLS_DEFAULT);
	pr_debug("dt_root_addr_cells = %x\n", dt_root_addr_cells);

	if (!dt_root_cells_usable())
		pr_err("root #address-cells = %d, #size-cells = %d: bootmm reads 1 or 2 cells each, so no reg property can be read\n",
		       dt_root_addr_cells, dt_root_size_cells);
	return 0;
}

/* /chosen linux,initrd-start and -end: 32- or 64-bit numbers, end exclusive. */
static void __init early_init_dt_check_for_initrd(const void *fdt, int node)
{
	const fdt32_t *prop;
	u64 start, end;
	int len;

	pr_debug("Looking for initrd properties... ");

	prop = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	if (!prop)
		return;
	start = of_read_number(prop, len / 4);

	prop = fdt_getprop(fdt, node, "linux,initrd-end", &len);
	if (!prop)
		return;
	end = of_read_number(prop, len / 4);
	if (start > end) {
		/* Linux 6.1 returns silently here; the message is bootmm's. */
		pr_warn("initrd ignored: linux,initrd-end 0x%llx is below linux,initrd-start 0x%llx\n",
			(unsigned long long)end, (unsigned long long)start);
		return;
	}

	phys_initrd_start = start;
	phys_initrd_size = (unsigned long)(end - start);

	pr_debug("initrd_start=0x%llx  initrd_end=0x%llx\n",
		 (unsigned long long)start, (unsigned long long)end);
}

/**
 * early_init_dt_scan_chosen - read /chosen: initrd and command line
 * @fdt: the blob
 * @cmdline: gets /chosen/bootargs (COMMAND_LINE_SIZE bytes); left alone if
 *	there is none
 *
 * Return: 0, or -ENOENT if there is no /chosen (nor /chosen@0).
 */
int __init early_init_dt_scan_chosen(const void *fdt, char *cmdline)
{
	const char *p;
	int l, node;

	node = fdt_path_offset(fdt, "/chosen");
	if (node < 0)
		node = fdt_path_offset(fdt, "/chosen@0");
	if (node < 0)
		return -ENOENT;

	chosen_node_offset = node;

	early_init_dt_check_for_initrd(fdt, node);

	/*
	 * Retrieve command line: Linux's strscpy(cmdline, p, min(l,
	 * COMMAND_LINE_SIZE)), which copies at most one byte less than that
	 * and always terminates.  So a property without its NUL loses its
	 * last character, and nothing is ever read past the property.  Linux
	 * cuts a longer line silently; bootmm says so, in the words its x86
	 * side uses for a multiboot command line (kernel/cmdline.c).
	 */
	p = fdt_getprop(fdt, node, "bootargs", &l);
	if (p && l > 0) {
		size_t n = strnlen(p, (size_t)min(l, COMMAND_LINE_SIZE) - 1);

		if (n == COMMAND_LINE_SIZE - 1 && strnlen(p, (size_t)l) > n)
			printk(KERN_WARNING "Kernel command line truncated to %d characters\n",
			       COMMAND_LINE_SIZE - 1);
		memcpy(cmdline, p, n);
		cmdline[n] = '\0';
	}

	pr_debug("Command line is: %s\n", cmdline);
	return 0;
}

/*
 * linux,usable-memory-range in /chosen: a crash-dump kernel must stay inside
 * the memory its first kernel set aside for it, whatever the memory nodes
 * say.  The first range caps memory (NOMAP regions outside it stay); a second
 * one, if any, is added back.
 */
#define MAX_USABLE_RANGES	2

/**
 * early_init_dt_check_for_usable_mem_range - apply /chosen linux,usable-memory-range
 * @fdt: the blob
 *
 * Runs after the memory nodes are in memblock: it trims what they added.
 */
void __init early_init_dt_check_for_usable_mem_range(const void *fdt)
{
	struct { phys_addr_t base, size; } rgn[MAX_USABLE_RANGES] = { { 0, 0 } };
	const fdt32_t *prop, *endp;
	int len, i, tuple;

	if (chosen_node_offset < 0 || !dt_root_cells_usable())
		return;
	/* Only now: the sum of two unchecked counts may overflow an int. */
	tuple = dt_root_addr_cells + dt_root_size_cells;

	pr_debug("Looking for usable-memory-range property... ");

	prop = fdt_getprop(fdt, chosen_node_offset, "linux,usable-memory-range", &len);
	/* Linux compares the byte length with the cell count here; bytes are meant. */
	if (!prop || len % (tuple * (int)sizeof(*prop)))
		return;

	endp = prop + len / sizeof(*prop);
	for (i = 0; i < MAX_USABLE_RANGES && prop < endp; i++) {
		rgn[i].base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		rgn[i].size = dt_mem_next_cell(dt_root_size_cells, &prop);

		pr_debug("cap_mem_regions[%d]: base=%pa, size=%pa\n",
			 i, &rgn[i].base, &rgn[i].size);
	}

	memblock_cap_memory_range(rgn[0].base, rgn[0].size);
	for (i = 1; i < MAX_USABLE_RANGES && rgn[i].size; i++)
		memblock_add(rgn[i].base, rgn[i].size);
}

/* --- memory nodes ------------------------------------------------------------ */

/**
 * early_init_dt_add_memory_arch - hand one memory bank to memblock
 * @base: physical start, as the tree says
 * @size: length in bytes
 *
 * Only whole pages are kept, and only what lies between MIN_MEMBLOCK_ADDR
 * (PHYS_OFFSET) and MAX_MEMBLOCK_ADDR (1 TiB with LPAE); what is cut off is
 * reported with Linux's warnings: "Ignoring memory block" when all of the
 * bank goes, "Ignoring memory range" for the part of it that does.
 */
void __init early_init_dt_add_memory_arch(u64 base, u64 size)
{
	const u64 phys_offset = MIN_MEMBLOCK_ADDR;

	if (size < PAGE_SIZE - (base & ~PAGE_MASK)) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}

	if (base & ~PAGE_MASK) {
		size -= PAGE_SIZE - (base & ~PAGE_MASK);
		base = ALIGN(base, (u64)PAGE_SIZE);
	}
	size &= PAGE_MASK;

	if (base > MAX_MEMBLOCK_ADDR) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}

	/*
	 * Linux tests base + size - 1 > MAX_MEMBLOCK_ADDR, which a size near
	 * 2^64 wraps to a small number: the clip never fires and a bank of
	 * 0xffffffffffffffff bytes goes on as if it were small.  Compared as
	 * size - 1 against the room left (base <= MAX_MEMBLOCK_ADDR here), no
	 * sum can wrap; the end printed is then the top of the 64-bit space.
	 */
	if (size - 1 > MAX_MEMBLOCK_ADDR - base) {
		u64 end = size > U64_MAX - base ? U64_MAX : base + size;

		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n",
			(unsigned long long)MAX_MEMBLOCK_ADDR + 1, (unsigned long long)end);
		size = MAX_MEMBLOCK_ADDR - base + 1;
	}

	if (base + size < phys_offset) {
		pr_warn("Ignoring memory block 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)(base + size));
		return;
	}
	if (base < phys_offset) {
		pr_warn("Ignoring memory range 0x%llx - 0x%llx\n",
			(unsigned long long)base, (unsigned long long)phys_offset);
		size -= phys_offset - base;
		base = phys_offset;
	}
	memblock_add(base, size);
}

/*
 * Is @node a memory node?  Linux 6.1 asks for device_type = "memory".  A node
 * with no device_type but named "memory" or "memory@<addr>" is taken too, with
 * a warning: the DT spec requires device_type, and Linux 6.1 would skip it
 * (only old PPC32 kernels accepted a bare "memory@0").
 */
static bool __init dt_is_memory_node(const void *fdt, int node)
{
	const char *name;

	if (fdt_getprop(fdt, node, "device_type", NULL))
		return of_fdt_prop_is_string(fdt, node, "device_type", "memory");

	name = fdt_get_name(fdt, node, NULL);
	if (!name || strncmp(name, "memory", 6) != 0 || (name[6] != '\0' && name[6] != '@'))
		return false;
	pr_warn("%s has no device_type = \"memory\": taken as memory by its name (Linux 6.1 would skip it)\n",
		name);
	return true;
}

/* numa-node-id (as arm64's drivers/of/of_numa.c reads it), or NUMA_NO_NODE. */
static int __init dt_memory_nid(const void *fdt, int node, const char *uname)
{
	int len;
	const fdt32_t *prop = fdt_getprop(fdt, node, "numa-node-id", &len);
	u32 nid;

	if (!prop || len != sizeof(*prop))
		return NUMA_NO_NODE;
	nid = fdt32_ld(prop);
	if (nid >= MAX_NUMNODES) {
		printk(KERN_WARNING "OF: NUMA: Node id %u exceeds maximum value\n", nid);
		pr_warn("%s: numa-node-id %u ignored: its memory goes to node 0\n", uname, nid);
		return NUMA_NO_NODE;
	}
	return (int)nid;
}

/**
 * early_init_dt_scan_memory - add every memory node's banks to memblock
 * @fdt: the blob
 *
 * Looks at the root's children with device_type = "memory" whose status is
 * okay.  Their reg (or linux,usable-memory, which a kexec'd kernel is given
 * instead) is a list of (address, size) pairs of the root's cell counts; each
 * pair goes through early_init_dt_add_memory_arch().  Overlapping banks are
 * fine (memblock merges them).  "hotpluggable" marks the banks
 * MEMBLOCK_HOTPLUG; "numa-node-id" puts them on that node — Linux's arm64
 * does this later, from the unflattened tree (of_numa_init); armhf has no
 * NUMA at all, so there every bank is node 0.
 *
 * Return: the number of memory nodes found with a reg property.
 */
int __init early_init_dt_scan_memory(const void *fdt)
{
	int node, found = 0, tuple;

	if (!dt_root_cells_usable())
		return 0;
	/* Only now: the sum of two unchecked counts may overflow an int. */
	tuple = dt_root_addr_cells + dt_root_size_cells;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *uname = fdt_get_name(fdt, node, NULL);
		const fdt32_t *reg, *endp;
		bool hotpluggable;
		int l, nid;

		/* We are scanning "memory" nodes only */
		if (!dt_is_memory_node(fdt, node))
			continue;
		if (!of_fdt_device_is_available(fdt, node))
			continue;

		reg = fdt_getprop(fdt, node, "linux,usable-memory", &l);
		if (reg && l == 0)
			/* As in Linux, it still wins over reg; the message is bootmm's. */
			pr_warn("%s: linux,usable-memory is empty: none of this node's memory is used\n",
				uname);
		if (!reg)
			reg = fdt_getprop(fdt, node, "reg", &l);
		if (!reg)
			continue;
		found++;

		endp = reg + l / sizeof(*reg);
		hotpluggable = fdt_getprop(fdt, node, "hotpluggable", NULL) != NULL;
		nid = dt_memory_nid(fdt, node, uname);

		pr_debug("memory scan node %s, reg size %d,\n", uname, l);
		if (l % (tuple * (int)sizeof(*reg)))
			pr_warn("%s: reg is %d bytes, not whole (address, size) pairs of %d cells: the last %d bytes are ignored\n",
				uname, l, tuple, l % (tuple * (int)sizeof(*reg)));

		while (endp - reg >= tuple) {
			u64 base, size;

			base = dt_mem_next_cell(dt_root_addr_cells, &reg);
			size = dt_mem_next_cell(dt_root_size_cells, &reg);

			if (size == 0) {
				/* Linux skips these silently; a zero size is a mistake in the tree. */
				pr_warn("%s: zero-size reg at 0x%llx skipped\n", uname,
					(unsigned long long)base);
				continue;
			}
			pr_debug(" - %llx, %llx\n", (unsigned long long)base,
				 (unsigned long long)size);

			early_init_dt_add_memory_arch(base, size);

			if (nid != NUMA_NO_NODE && memblock_set_node(base, size, &memblock.memory, nid))
				pr_warn("failed to put range 0x%llx - 0x%llx on node %d\n",
					(unsigned long long)base, (unsigned long long)(base + size), nid);

			if (!hotpluggable)
				continue;

			if (memblock_mark_hotplug(base, size))
				pr_warn("failed to mark hotplug range 0x%llx - 0x%llx\n",
					(unsigned long long)base, (unsigned long long)(base + size));
		}
	}

	if (!found)
		pr_err("no memory node in the device tree (a node with device_type = \"memory\" and a reg)\n");
	return found;
}

/**
 * early_init_dt_scan_nodes - what setup_arch() needs from the tree first
 * @fdt: the blob (initial_boot_params)
 *
 * The root's cell counts, /chosen (the command line into boot_command_line,
 * the initrd), the memory nodes into memblock, and /chosen's usable-memory
 * range, in Linux's order.
 */
void __init early_init_dt_scan_nodes(const void *fdt)
{
	int rc;

	/* Initialize {size,address}-cells info */
	early_init_dt_scan_root(fdt);

	/* Retrieve various information from the /chosen node */
	rc = early_init_dt_scan_chosen(fdt, boot_command_line);
	if (rc)
		pr_warn("No chosen node found, continuing without\n");

	/* Setup memory, calling early_init_dt_add_memory_arch */
	early_init_dt_scan_memory(fdt);

	/* Handle linux,usable-memory-range property */
	early_init_dt_check_for_usable_mem_range(fdt);
}

/**
 * early_init_fdt_reserve_self - reserve the blob itself
 * @fdt: the blob (initial_boot_params)
 *
 * The tree stays in use (later stages read it again), so its bytes must not
 * be handed out.
 */
void __init early_init_fdt_reserve_self(const void *fdt)
{
	if (!fdt)
		return;

	/* Reserve the dtb region */
	memblock_reserve(__pa(fdt), fdt_totalsize(fdt));
}

#ifndef __KERNEL__
void of_fdt_reset_for_tests(void)
{
	initial_boot_params = NULL;
	dt_root_addr_cells = 0;
	dt_root_size_cells = 0;
	phys_initrd_start = 0;
	phys_initrd_size = 0;
	chosen_node_offset = -FDT_ERR_NOTFOUND;
}
#endif
