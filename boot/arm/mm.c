// SPDX-License-Identifier: MIT
/*
 * ARM's part of memblock's setup: the mem= option and what the kernel already
 * uses (Linux's early_mem and arm_add_memory in arch/arm/kernel/setup.c,
 * arm_memblock_init in arch/arm/mm/init.c, arm_mm_memblock_reserve in
 * arch/arm/mm/mmu.c, reserve_initrd_mem in init/initramfs.c).
 *
 * Boot pipeline, in setup_arch() (boot/arm/setup.c): the device tree's memory
 * nodes fill memblock.memory (drivers/of/fdt.c); parse_early_param() runs
 * early_mem() if mem= is given, which replaces that memory by its own; the
 * console comes up; then arm_memblock_init() reserves, in Linux's order, the
 * kernel image, the initrd, the boot page table, the DTB and what the tree
 * reserves (drivers/of/of_reserved_mem.c), and caps memblock's allocations
 * at the end of lowmem, the only RAM head.S mapped.  start_kernel() then
 * calls free_area_init() (mm/mm_init.c), which reads memblock.
 */
#include <asm/page.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/initrd.h>
#include <kernel/kernel.h>
#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <kernel/errno.h>

extern char swapper_pg_dir[];		/* boot/arm/head.S: the first-level page table */
#define SWAPPER_PG_DIR_SIZE	0x4000	/* 4096 short descriptors of 4 bytes, one per MiB */

#define PAGE_ALIGN(x)		ALIGN(x, (__typeof__(x))PAGE_SIZE)

/*
 * Add a bank given on the command line.  Whole pages only (start rounded up,
 * size down), and nothing below PHYS_OFFSET, where the linear map cannot
 * reach.  Linux also refuses memory above 4 GiB unless phys_addr_t is 64-bit;
 * bootmm's is, as in Debian's LPAE kernel, so that check is not made.
 */
phys_addr_t arm_lowmem_limit;	/* the end of low memory: the first byte not mapped at PAGE_OFFSET */

static int __init arm_add_memory(u64 start, u64 size)
{
	u64 aligned_start;

	/*
	 * Ensure that start/size are aligned to a page boundary.
	 * Size is rounded down, start is rounded up.
	 */
	aligned_start = PAGE_ALIGN(start);
	if (aligned_start > start + size)
		size = 0;
	else
		size -= aligned_start - start;

	if (aligned_start < PHYS_OFFSET) {
		if (aligned_start + size <= PHYS_OFFSET) {
			pr_info("Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
				aligned_start, aligned_start + size);
			return -EINVAL;
		}

		pr_info("Ignoring memory below PHYS_OFFSET: 0x%08llx-0x%08llx\n",
			aligned_start, (u64)PHYS_OFFSET);

		size -= PHYS_OFFSET - aligned_start;
		aligned_start = PHYS_OFFSET;
	}

	start = aligned_start;
	size = size & ~(u64)(PAGE_SIZE - 1);

	/* Check whether this memory region has non-zero size. */
	if (size == 0)
		return -EINVAL;

	memblock_add(start, size);
	return 0;
}

/*
 * mem=size[@start]: the RAM is this, whatever the device tree said.  The
 * first mem= throws away all memory found so far; each one then adds its bank
 * (start defaults to PHYS_OFFSET), so mem=512M@0x40000000 mem=256M@0xc0000000
 * describes two banks.  Reservations are not touched.
 */
static int __init early_mem(char *p)
{
	static int usermem __initdata;
	u64 size, start;
	char *endp;

	if (!p)			/* Linux would dereference NULL for a bare "mem" */
		return -EINVAL;
	/*
	 * Linux's memparse() wraps a size too big for 64 bits
	 * ("mem=99999999999G") into an unrelated number; bootmm refuses it
	 * (its own line, then "Malformed early option 'mem'") before any
	 * memory is thrown away, as x86's parse_memopt() does.
	 */
	if (memparse_overflows(p)) {
		pr_err("mem: %s is too big for a 64-bit size\n", p);
		return -EINVAL;
	}
	size = memparse(p, &endp);
	if (endp == p)
		return -EINVAL;		/* no number at all: "Malformed early option 'mem'" */
	if (*endp == '@' && memparse_overflows(endp + 1)) {
		pr_err("mem: %s is too big for a 64-bit address\n", endp + 1);
		return -EINVAL;
	}

	/*
	 * If the user specifies memory size, we
	 * blow away any automatically generated
	 * size.
	 */
	if (usermem == 0) {
		usermem = 1;
		memblock_remove(memblock_start_of_DRAM(),
				memblock_end_of_DRAM() - memblock_start_of_DRAM());
	}

	start = PHYS_OFFSET;
	if (*endp == '@') {
		char *s = endp + 1;

		start = memparse(s, &endp);
		if (endp == s)
			pr_warn("mem: no start address after '@' in \"%s\": 0 taken, as Linux does\n", p);
	}
	/* Linux ignores what follows the size in silence; bootmm names it. */
	if (*endp)
		pr_warn("mem: ignoring \"%s\" after \"mem=%.*s\"\n", endp, (int)(endp - p), p);

	/*
	 * arm_add_memory() refuses a bank of no whole page (mem=0, mem=1K) or
	 * below PHYS_OFFSET; Linux says nothing of the first and the boot then
	 * panics with no memory at all.  bootmm names the option.
	 */
	if (arm_add_memory(start, size) && size < PAGE_SIZE)
		pr_warn("mem=%s: no whole page of memory in it: this bank is not added\n", p);

	return 0;
}
early_param("mem", early_mem);

/*
 * The initrd /chosen names (phys_initrd_start/size, drivers/of/fdt.c): reserve
 * the whole pages it touches, if it is in memory and nothing else has them.
 * Otherwise it is dropped, with Linux's messages.
 */
static void __init reserve_initrd_mem(void)
{
	phys_addr_t start;
	unsigned long size;

	if (!phys_initrd_size)
		return;
	/*
	 * Round the memory region to page boundaries as per free_initrd_mem()
	 * This allows us to detect whether the pages overlapping the initrd
	 * are in use, but more importantly, reserves the entire set of pages
	 * as we don't want these pages allocated for other purposes.
	 */
	start = round_down(phys_initrd_start, (phys_addr_t)PAGE_SIZE);
	size = phys_initrd_size + (unsigned long)(phys_initrd_start - start);
	size = round_up(size, PAGE_SIZE);

	if (!memblock_is_region_memory(start, size)) {
		pr_err("INITRD: 0x%08llx+0x%08lx is not a memory region",
		       (u64)start, size);
		goto disable;
	}

	if (memblock_is_region_reserved(start, size)) {
		pr_err("INITRD: 0x%08llx+0x%08lx overlaps in-use memory region\n",
		       (u64)start, size);
		goto disable;
	}

	memblock_reserve(start, size);
	return;
disable:
	pr_cont(" - disabling initrd\n");
	phys_initrd_start = 0;
	phys_initrd_size = 0;
}

/*
 * The boot page table.  Linux's lies just below the kernel (PAGE_OFFSET +
 * TEXT_OFFSET - PG_DIR_SIZE), outside the image, hence a reservation of its
 * own.  bootmm's swapper_pg_dir is in .bss (head.S), inside _stext.._end,
 * which arm_memblock_init() has reserved already: this memblock_reserve()
 * finds nothing new to add (memblock=debug still shows the call), and is kept
 * so the sequence reads as Linux's.
 */
static void __init arm_mm_memblock_reserve(void)
{
	/*
	 * Reserve the page tables.  These are already in use,
	 * and can only be in node 0.
	 */
	memblock_reserve(__pa(swapper_pg_dir), SWAPPER_PG_DIR_SIZE);
}

/*
 * Memory whose memory node had no numa-node-id goes to node 0.  Linux's armhf
 * kernels have no NUMA: memblock keeps no node there, and every region reads
 * as node 0.  bootmm keeps a tree's numa-node-id (as arm64's of_numa does)
 * and, as arm64's dummy_numa_init() does when there is no NUMA description,
 * puts the rest on node 0.  (arm64 would instead give up NUMA altogether if
 * only some memory had a node.)  Each memblock_set_node() may split or merge
 * regions, so the walk starts over after each.
 */
static void __init arm_numa_init(void)
{
	struct memblock_region *r;
	bool again = true;

	while (again) {
		again = false;
		for_each_mem_region(r) {
			if (r->size && memblock_get_region_node(r) == MAX_NUMNODES) {
				/*
				 * memblock_set_node() isolates the range first, which
				 * wants two free slots in the array even for a whole
				 * region, and the array cannot grow yet: with 127 or
				 * more regions it fails (and a retry would fail for
				 * ever).  The region is whole, so nothing needs
				 * splitting: set its node in place.  32-bit Linux,
				 * without NUMA, has every region on node 0 from the
				 * start; a 130-bank tree boots there with the 128
				 * ranges memblock could hold.
				 */
				if (memblock.memory.cnt + 2 > memblock.memory.max ||
				    memblock_set_node(r->base, r->size, &memblock.memory, 0))
					memblock_set_region_node(r, 0);
				again = true;
				break;
			}
		}
	}
}

/*
 * Linux's adjust_lowmem_bounds(): low memory ends at the end of the last RAM
 * bank that starts below the vmalloc area (PHYS_OFFSET + LOWMEM_MAP_SIZE,
 * what head.S mapped), and no later than that.  memblock_alloc(), whose
 * memory is used through __va(), must stay below it — rounded down to a 2 MiB
 * boundary, as Linux does so that the last block is fully mapped.
 */
static void __init adjust_lowmem_bounds(void)
{
	const phys_addr_t vmalloc_limit = PHYS_OFFSET + LOWMEM_MAP_SIZE;
	phys_addr_t lowmem_limit = 0, start, end;
	u64 i;

	for_each_mem_range(i, &start, &end)
		if (start < vmalloc_limit && end > lowmem_limit)
			lowmem_limit = min(vmalloc_limit, end);
	arm_lowmem_limit = lowmem_limit;
	memblock_set_current_limit(round_down(lowmem_limit, SZ_2M));
}

/**
 * zone_sizes_init - ARM's zones: DMA is all of low memory, HighMem above
 *
 * Linux's find_limits() and zone_sizes_init() (arch/arm/mm/init.c) for the
 * armmp kernel: with no machine-specific DMA limit, ZONE_DMA reaches the end
 * of low memory, so ZONE_NORMAL is empty.
 */
void __init zone_sizes_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };
	const unsigned long arm_dma_pfn_limit = 0xffffffffUL >> PAGE_SHIFT;

	min_low_pfn = PFN_UP(memblock_start_of_DRAM());
	max_low_pfn = PFN_DOWN(memblock_get_current_limit());
	max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	max_zone_pfn[ZONE_DMA] = min(arm_dma_pfn_limit, max_low_pfn);
	max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfn);
}

/**
 * arm_memblock_init - reserve what is already in use, as Linux's ARM does
 *
 * memblock.memory holds the RAM by now (device tree, maybe mem=).  Reserve
 * the kernel image (KERNEL_START.._end: _stext.._end, .bss and the boot
 * stack included), the initrd, the page table and the DTB, then whatever the
 * device tree reserves, and print memblock's table if memblock=debug.
 *
 * Context: setup_arch(), once the console is up, so a panic here is seen.
 */
void __init arm_memblock_init(void)
{
	/*
	 * Linux carries on and fails at its first allocation, in paging_init();
	 * bootmm stops here, where the reason is plain.
	 */
	if (!memblock_phys_mem_size())
		panic("no usable memory: memblock.memory is empty (see the messages above)");

	adjust_lowmem_bounds();

	/* Register the kernel text, kernel data and initrd with memblock. */
	memblock_reserve(__pa(_stext), _end - _stext);

	reserve_initrd_mem();

	arm_mm_memblock_reserve();

	/*
	 * Linux 6.1 reserves the DTB in setup_arch(), right after reading it
	 * (since 5.10 it is mapped at a fixed address, not in the linear map,
	 * so __pa() cannot be used on it); older ARM kernels called
	 * early_init_fdt_reserve_self() here.  The DTB is in lowmem here, so
	 * bootmm does that.
	 */
	early_init_fdt_reserve_self(initial_boot_params);
	early_init_fdt_scan_reserved_mem(initial_boot_params);

	arm_numa_init();

	memblock_dump_all();
}
