// SPDX-License-Identifier: MIT
/*
 * Memory the device tree says is in use (Linux's drivers/of/of_reserved_mem.c,
 * with the reserved-memory scan of drivers/of/fdt.c and the two
 * "shared-dma-pool" checks of kernel/dma/).
 *
 * Boot pipeline: setup_arch() -> arm_memblock_init() (boot/arm/mm.c) ->
 * early_init_fdt_scan_reserved_mem(), after the kernel image, the initrd and
 * the page table are reserved.  Two sources:
 *   - the header's memory reservation block, what dtc writes for a
 *     "/memreserve/ <address> <size>;" line: memblock_reserve();
 *   - the children of /reserved-memory.  One with a reg is reserved where it
 *     says: memblock_reserve(), or with "no-map" memblock_mark_nomap() — the
 *     range stays in memblock.memory, flagged NOMAP, so it is described but
 *     never allocated from nor put in the linear map.  One without a reg but
 *     with a "size" is allocated from memblock (its "alignment" and
 *     "alloc-ranges" permitting) in a second pass, once every fixed region is
 *     reserved.
 * Then each region whose "compatible" a handler knows is offered to it, as
 * Linux's RESERVEDMEM_OF_DECLARE table does; a region its handler refuses is
 * given back.  bootmm knows Linux's two "shared-dma-pool" handlers: a CMA
 * area must be "reusable" (the page allocator may lend it out until a device
 * needs it), a DMA-coherent pool must not be (and on ARM must be "no-map").
 * Neither pool is built here — that is later boot, outside bootmm — but which
 * regions are kept, and the messages, are Linux 6.1's.
 *
 * Messages: the scan came from Linux's fdt.c, so its lines carry "OF: fdt: ",
 * the rest "OF: reserved mem: ", and the pool lines none, as in Linux 6.1.
 */
#define pr_fmt(fmt) "OF: reserved mem: " fmt

#include <asm/page.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/of_fdt.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <libfdt.h>	/* after kernel/kernel.h: its <limits.h> may redefine ULONG_MAX, ours may not */
#include <string.h>	/* after kernel/: glibc's cdefs.h must come second (host) */
#include "of_private.h"

/* The messages of the part that is drivers/of/fdt.c in Linux. */
#define fdt_pr_err(fmt, ...)	printk(KERN_ERR "OF: fdt: " fmt, ##__VA_ARGS__)
#define fdt_pr_debug(fmt, ...)	printk(KERN_DEBUG "OF: fdt: " fmt, ##__VA_ARGS__)

/**
 * struct reserved_mem - one /reserved-memory child (Linux's include/linux/of_reserved_mem.h)
 * @name: the node's name, e.g. "secure@4f000000"
 * @fdt_node: its offset in the blob
 * @phandle: its phandle, 0 if none (devices point at regions with it)
 * @base: physical start; 0 until a dynamic region is allocated
 * @size: length; 0 marks a dynamic region not yet allocated
 */
struct reserved_mem {
	const char *name;
	int fdt_node;
	u32 phandle;
	phys_addr_t base;
	phys_addr_t size;
};

#define MAX_RESERVED_REGIONS	64
static struct reserved_mem reserved_mem[MAX_RESERVED_REGIONS] __initdata;
static int reserved_mem_count __initdata;

/*
 * The smallest CMA area alignment: one pageblock, the unit in which the page
 * allocator tracks migrate types (Linux's CMA_MIN_ALIGNMENT_BYTES).  A
 * pageblock is MAX_ORDER_NR_PAGES, 4 MiB, in a kernel without huge pages, as
 * bootmm is (an LPAE kernel with CONFIG_HUGETLB_PAGE uses one 2 MiB section).
 */
#define CMA_MIN_ALIGNMENT_BYTES	(PAGE_SIZE << 10)

static bool __init has_prop(const void *fdt, int node, const char *name)
{
	return fdt_getprop(fdt, node, name, NULL) != NULL;
}

/* --- first pass: the scan (Linux's drivers/of/fdt.c) -------------------------- */

/*
 * Reserve one range; with @nomap, keep it out of the linear map instead.
 * no-map over something already reserved (the kernel, the initrd, the DTB,
 * a /memreserve/) is refused: that memory is in use and mapped, so unmapping
 * it would pull it from under its user.  A no-map range that is not RAM at
 * all is fine: it would never be mapped anyway.
 */
static int __init early_init_dt_reserve_memory(phys_addr_t base, phys_addr_t size, bool nomap)
{
	if (nomap) {
		if (memblock_overlaps_region(&memblock.memory, base, size) &&
		    memblock_is_region_reserved(base, size))
			return -EBUSY;

		return memblock_mark_nomap(base, size);
	}
	return memblock_reserve(base, size);
}

/* Linux 6.1 says nothing here; bootmm notes what "reserved" means for non-RAM. */
static void __init note_outside_ram(const char *uname, phys_addr_t base, phys_addr_t size,
				    bool nomap)
{
	phys_addr_t end = base + size - 1;

	if (memblock_overlaps_region(&memblock.memory, base, size))
		return;
	fdt_pr_debug("Reserved memory: node '%s' [%pa-%pa] is not RAM: %s\n", uname, &base, &end,
		     nomap ? "no-map changes nothing in memblock" :
			     "only memblock.reserved records it");
}

/* Reserve every (address, size) pair of a child's reg. */
static int __init __reserved_mem_reserve_reg(const void *fdt, int node, const char *uname)
{
	const int t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	phys_addr_t base, size;
	const fdt32_t *prop;
	bool first = true;
	bool nomap;
	int len;

	prop = fdt_getprop(fdt, node, "reg", &len);
	if (!prop)
		return -ENOENT;

	if (len && len % t_len != 0) {
		fdt_pr_err("Reserved memory: invalid reg property in '%s', skipping node.\n", uname);
		return -EINVAL;
	}

	nomap = has_prop(fdt, node, "no-map");

	while (len >= t_len) {
		base = dt_mem_next_cell(dt_root_addr_cells, &prop);
		size = dt_mem_next_cell(dt_root_size_cells, &prop);

		if (size && early_init_dt_reserve_memory(base, size, nomap) == 0) {
			fdt_pr_debug("Reserved memory: reserved region for node '%s': base %pa, size %lu MiB\n",
				     uname, &base, (unsigned long)(size >> 20));
			note_outside_ram(uname, base, size, nomap);
		} else {
			fdt_pr_err("Reserved memory: failed to reserve memory for node '%s': base %pa, size %lu MiB\n",
				   uname, &base, (unsigned long)(size >> 20));
		}

		len -= t_len;
		if (first) {
			fdt_reserved_mem_save_node(node, uname, base, size);
			first = false;
		}
	}
	return 0;
}

/*
 * /reserved-memory's children are read with the root's cell counts, so the
 * node must repeat them, and its "ranges" must say (by being empty) that its
 * addresses are the root's.
 */
static int __init __reserved_mem_check_root(const void *fdt, int node)
{
	const fdt32_t *prop;
	int len;

	prop = fdt_getprop(fdt, node, "#size-cells", &len);
	if (!prop || len != sizeof(*prop) || (int)fdt32_ld(prop) != dt_root_size_cells)
		return -EINVAL;

	prop = fdt_getprop(fdt, node, "#address-cells", &len);
	if (!prop || len != sizeof(*prop) || (int)fdt32_ld(prop) != dt_root_addr_cells)
		return -EINVAL;

	if (!has_prop(fdt, node, "ranges"))
		return -EINVAL;
	return 0;
}

/* The children of /reserved-memory: fixed ones reserved now, dynamic ones noted. */
static int __init fdt_scan_reserved_mem(const void *fdt)
{
	int node, child;

	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node < 0)
		return -ENODEV;

	if (__reserved_mem_check_root(fdt, node) != 0) {
		fdt_pr_err("Reserved memory: unsupported node format, ignoring\n");
		return -EINVAL;
	}

	fdt_for_each_subnode(child, fdt, node) {
		const char *uname;
		int err;

		if (!of_fdt_device_is_available(fdt, child))
			continue;

		uname = fdt_get_name(fdt, child, NULL);

		err = __reserved_mem_reserve_reg(fdt, child, uname);
		if (err == -ENOENT && has_prop(fdt, child, "size"))
			fdt_reserved_mem_save_node(child, uname, 0, 0);
	}
	return 0;
}

/**
 * early_init_fdt_scan_reserved_mem - reserve what the device tree says is in use
 * @fdt: the blob (initial_boot_params); NULL does nothing
 *
 * The header's /memreserve/ entries, then /reserved-memory (both passes).
 * Call it once memblock knows all memory and the kernel's own ranges are
 * reserved: dynamic regions are allocated from what is left.
 */
void __init early_init_fdt_scan_reserved_mem(const void *fdt)
{
	uint64_t base, size;	/* libfdt's type: unsigned long on a 64-bit host */
	int n;

	if (!fdt)
		return;

	/* Process header /memreserve/ fields */
	for (n = 0; n < fdt_num_mem_rsv(fdt); n++) {
		if (fdt_get_mem_rsv(fdt, n, &base, &size) || !size)
			break;
		/*
		 * memblock_reserve() clips a range that runs past the top
		 * of the physical address space; Linux 6.1 does so without
		 * a word, bootmm says so.
		 */
		if (size - 1 > (uint64_t)PHYS_ADDR_MAX - base)
			pr_warn("/memreserve/ entry %d: 0x%llx + 0x%llx wraps past the top of physical memory: reserved up to 0x%llx\n",
				n, (unsigned long long)base, (unsigned long long)size,
				(unsigned long long)PHYS_ADDR_MAX);
		memblock_reserve(base, size);
	}

	/* No reg can be read without usable cell counts (early_init_dt_scan_root()). */
	if (!dt_root_cells_usable())
		return;
	fdt_scan_reserved_mem(fdt);
	fdt_init_reserved_mem(fdt);
}

/* --- second pass (Linux's drivers/of/of_reserved_mem.c) ------------------------ */

/**
 * fdt_reserved_mem_save_node - remember a /reserved-memory child for the second pass
 * @node: its offset in the blob
 * @uname: its name
 * @base: where its first reg put it (0 for a dynamic region)
 * @size: its first reg's size (0 for a dynamic region)
 */
void __init fdt_reserved_mem_save_node(int node, const char *uname, phys_addr_t base,
				       phys_addr_t size)
{
	struct reserved_mem *rmem = &reserved_mem[reserved_mem_count];

	if (reserved_mem_count == ARRAY_SIZE(reserved_mem)) {
		pr_err("not enough space for all defined regions.\n");
		return;
	}

	rmem->fdt_node = node;
	rmem->name = uname;
	rmem->base = base;
	rmem->size = size;

	reserved_mem_count++;
}

/* memblock_phys_alloc_range() for a dynamic region; with @nomap, unmapped too. */
static int __init early_init_dt_alloc_reserved_memory_arch(phys_addr_t size, phys_addr_t align,
							   phys_addr_t start, phys_addr_t end,
							   bool nomap, phys_addr_t *res_base)
{
	phys_addr_t base;
	int err = 0;

	end = !end ? MEMBLOCK_ALLOC_ANYWHERE : end;
	align = !align ? SMP_CACHE_BYTES : align;
	base = memblock_phys_alloc_range(size, align, start, end);
	if (!base)
		return -ENOMEM;

	*res_base = base;
	if (nomap) {
		err = memblock_mark_nomap(base, size);
		if (err)
			memblock_phys_free(base, size);
	}
	return err;
}

/* A region without reg: "size" bytes, "alignment"-aligned, inside one of "alloc-ranges". */
static int __init __reserved_mem_alloc_size(const void *fdt, int node, const char *uname,
					    phys_addr_t *res_base, phys_addr_t *res_size)
{
	const int t_len = (dt_root_addr_cells + dt_root_size_cells) * sizeof(fdt32_t);
	phys_addr_t start = 0, end = 0;
	phys_addr_t base = 0, align = 0, size;
	const fdt32_t *prop;
	bool nomap;
	int len, ret;

	prop = fdt_getprop(fdt, node, "size", &len);
	if (!prop)
		return -EINVAL;

	if (len != dt_root_size_cells * (int)sizeof(fdt32_t)) {
		pr_err("invalid size property in '%s' node.\n", uname);
		return -EINVAL;
	}
	size = dt_mem_next_cell(dt_root_size_cells, &prop);

	prop = fdt_getprop(fdt, node, "alignment", &len);
	if (prop) {
		if (len != dt_root_addr_cells * (int)sizeof(fdt32_t)) {
			pr_err("invalid alignment property in '%s' node.\n", uname);
			return -EINVAL;
		}
		align = dt_mem_next_cell(dt_root_addr_cells, &prop);
	}

	nomap = has_prop(fdt, node, "no-map");

	/* Need adjust the alignment to satisfy the CMA requirement */
	if (fdt_node_check_compatible(fdt, node, "shared-dma-pool") == 0 &&
	    has_prop(fdt, node, "reusable") && !nomap)
		align = max_t(phys_addr_t, align, CMA_MIN_ALIGNMENT_BYTES);

	prop = fdt_getprop(fdt, node, "alloc-ranges", &len);
	if (prop) {
		if (len % t_len != 0) {
			pr_err("invalid alloc-ranges property in '%s', skipping node.\n", uname);
			return -EINVAL;
		}

		base = 0;

		while (len > 0) {
			start = dt_mem_next_cell(dt_root_addr_cells, &prop);
			end = start + dt_mem_next_cell(dt_root_size_cells, &prop);

			ret = early_init_dt_alloc_reserved_memory_arch(size, align, start, end,
								       nomap, &base);
			if (ret == 0) {
				pr_debug("allocated memory for '%s' node: base %pa, size %lu MiB\n",
					 uname, &base, (unsigned long)(size >> 20));
				break;
			}
			len -= t_len;
		}
	} else {
		ret = early_init_dt_alloc_reserved_memory_arch(size, align, 0, 0, nomap, &base);
		if (ret == 0)
			pr_debug("allocated memory for '%s' node: base %pa, size %lu MiB\n",
				 uname, &base, (unsigned long)(size >> 20));
	}

	if (base == 0) {
		pr_err("failed to allocate memory for node '%s': size %lu MiB\n",
		       uname, (unsigned long)(size >> 20));
		return -ENOMEM;
	}

	*res_base = base;
	*res_size = size;
	return 0;
}

/*
 * The handlers of "shared-dma-pool" (Linux's rmem_cma_setup in
 * kernel/dma/contiguous.c and rmem_dma_setup in kernel/dma/coherent.c, tried
 * in that order).  They decide whether the region is kept; the pools
 * themselves are not built.
 */
static int __init rmem_cma_setup(const void *fdt, struct reserved_mem *rmem)
{
	int node = rmem->fdt_node;

	if (!has_prop(fdt, node, "reusable") || has_prop(fdt, node, "no-map"))
		return -EINVAL;

	if (!IS_ALIGNED(rmem->base | rmem->size, (phys_addr_t)CMA_MIN_ALIGNMENT_BYTES)) {
		printk(KERN_ERR "Reserved memory: incorrect alignment of CMA region\n");
		return -EINVAL;
	}

	printk(KERN_INFO "Reserved memory: created CMA memory pool at %pa, size %ld MiB\n",
	       &rmem->base, (long)(rmem->size >> 20));
	return 0;
}

static int __init rmem_dma_setup(const void *fdt, struct reserved_mem *rmem)
{
	int node = rmem->fdt_node;

	if (has_prop(fdt, node, "reusable"))
		return -EINVAL;

	/* ARM maps RAM cacheable; a coherent pool must not be in that map too. */
	if (!has_prop(fdt, node, "no-map")) {
		printk(KERN_ERR "Reserved memory: regions without no-map are not yet supported\n");
		return -EINVAL;
	}

	printk(KERN_INFO "Reserved memory: created DMA memory pool at %pa, size %ld MiB\n",
	       &rmem->base, (long)(rmem->size >> 20));
	return 0;
}

static const struct {
	const char *compatible;
	int (*initfn)(const void *fdt, struct reserved_mem *rmem);
} reservedmem_of_table[] __initconst = {
	{ "shared-dma-pool", rmem_cma_setup },
	{ "shared-dma-pool", rmem_dma_setup },
};

/* Offer the region to each handler of its compatible; -ENOENT if none matches. */
static int __init __reserved_mem_init_node(const void *fdt, struct reserved_mem *rmem)
{
	unsigned int i;
	int ret = -ENOENT;

	for (i = 0; i < ARRAY_SIZE(reservedmem_of_table); i++) {
		const char *compat = reservedmem_of_table[i].compatible;

		if (fdt_node_check_compatible(fdt, rmem->fdt_node, compat) != 0)
			continue;

		ret = reservedmem_of_table[i].initfn(fdt, rmem);
		if (ret == 0) {
			pr_info("initialized node %s, compatible id %s\n", rmem->name, compat);
			break;
		}
	}
	return ret;
}

/* Dynamic regions (base 0, size 0) sort first, so they never look like overlaps. */
static bool __init rmem_before(const struct reserved_mem *a, const struct reserved_mem *b)
{
	if (a->base != b->base)
		return a->base < b->base;
	return a->size < b->size;
}

/* Sort the table by address and report regions that overlap. */
static void __init rmem_swap(int a, int b)
{
	struct reserved_mem tmp = reserved_mem[a];

	reserved_mem[a] = reserved_mem[b];
	reserved_mem[b] = tmp;
}

static void __init rmem_sift_down(int root, int n)
{
	for (;;) {
		int child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && rmem_before(&reserved_mem[child], &reserved_mem[child + 1]))
			child++;
		if (!rmem_before(&reserved_mem[root], &reserved_mem[child]))
			return;
		rmem_swap(root, child);
		root = child;
	}
}

/*
 * Sort by base, then size, with a heapsort, as Linux's sort() is.  A heapsort
 * does not keep equal entries in their order, and that shows: the size-only
 * regions (all still base 0, size 0 here) are then allocated — and reported —
 * in the order the sort leaves them, which for two such regions is the
 * reverse of the tree's, in Linux 6.1 and here alike.
 */
static void __init sort_reserved_mem(void)
{
	int i, n = reserved_mem_count;

	for (i = n / 2 - 1; i >= 0; i--)		/* build a max-heap */
		rmem_sift_down(i, n);
	for (i = n - 1; i > 0; i--) {			/* move the largest to the end */
		rmem_swap(0, i);
		rmem_sift_down(0, i);
	}
}

static void __init __rmem_check_for_overlap(void)
{
	int i;

	if (reserved_mem_count < 2)
		return;

	sort_reserved_mem();
	for (i = 0; i < reserved_mem_count - 1; i++) {
		struct reserved_mem *this = &reserved_mem[i];
		struct reserved_mem *next = &reserved_mem[i + 1];

		if (this->base + this->size > next->base) {
			phys_addr_t this_end = this->base + this->size;
			phys_addr_t next_end = next->base + next->size;

			pr_err("OVERLAP DETECTED!\n%s (%pa--%pa) overlaps with %s (%pa--%pa)\n",
			       this->name, &this->base, &this_end,
			       next->name, &next->base, &next_end);
		}
	}
}

/**
 * fdt_init_reserved_mem - the second pass over the saved /reserved-memory children
 * @fdt: the blob
 *
 * Allocates the dynamic regions, then offers every region to the handler of
 * its compatible; a region a handler refuses is given back (its NOMAP
 * cleared, or its reservation freed).
 */
void __init fdt_init_reserved_mem(const void *fdt)
{
	int i;

	/* check for overlapping reserved regions */
	__rmem_check_for_overlap();

	for (i = 0; i < reserved_mem_count; i++) {
		struct reserved_mem *rmem = &reserved_mem[i];
		int node = rmem->fdt_node;
		const fdt32_t *prop;
		int len, err = 0;
		bool nomap;

		nomap = has_prop(fdt, node, "no-map");
		prop = fdt_getprop(fdt, node, "phandle", &len);
		if (!prop)
			prop = fdt_getprop(fdt, node, "linux,phandle", &len);
		if (prop)
			rmem->phandle = (u32)of_read_number(prop, len / 4);

		if (rmem->size == 0)
			err = __reserved_mem_alloc_size(fdt, node, rmem->name,
							&rmem->base, &rmem->size);
		if (err == 0) {
			err = __reserved_mem_init_node(fdt, rmem);
			if (err != 0 && err != -ENOENT) {
				pr_info("node %s compatible matching fail\n", rmem->name);
				if (nomap)
					memblock_clear_nomap(rmem->base, rmem->size);
				else
					memblock_phys_free(rmem->base, rmem->size);
			}
		}
	}
}

#ifndef __KERNEL__
void of_reserved_mem_reset_for_tests(void)
{
	memset(reserved_mem, 0, sizeof(reserved_mem));
	reserved_mem_count = 0;
}
#endif
