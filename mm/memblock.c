// SPDX-License-Identifier: MIT
/*
 * memblock, the boot-time memory manager (Linux's mm/memblock.c).
 *
 * Boot pipeline: setup_arch() calls memblock_add() for each RAM range the
 * firmware reports and memblock_reserve() for what is already in use (kernel
 * image, initrd, boot page tables).  From then until mem_init() every early
 * allocation (page tables, the mem_map, per-node data) is memblock_alloc():
 * find a free range (memory minus reserved) and reserve it.  The page allocator
 * is then seeded from for_each_free_mem_range().
 *
 * Both lists are arrays of regions kept sorted, non-overlapping and merged, so
 * each operation is a walk over one array.  They start as static arrays of
 * INIT_MEMBLOCK_REGIONS entries; when one fills up it is doubled with memory
 * that memblock itself allocates and reserves.  Linux 6.1 behaviour, messages
 * and memblock=debug output are reproduced; the code is bootmm's own.
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/page_alloc.h>
#include <asm/page.h>
#include <kernel/errno.h>

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS] __initdata_memblock;
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS] __initdata_memblock;

/* An empty type is one zero-size region, so regions[0] and regions[cnt - 1] always exist. */
#define MEMBLOCK_TYPE_INIT(array, type_name)					\
	{ .cnt = 1, .max = ARRAY_SIZE(array), .regions = array, .name = type_name }

unsigned long min_low_pfn, max_low_pfn, max_pfn;

struct memblock memblock __initdata_memblock = {
	.bottom_up = false,
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
	.memory = MEMBLOCK_TYPE_INIT(memblock_memory_init_regions, "memory"),
	.reserved = MEMBLOCK_TYPE_INIT(memblock_reserved_init_regions, "reserved"),
};

static int memblock_debug __initdata_memblock;
static int memblock_can_resize __initdata_memblock;
static bool system_has_some_mirror __initdata_memblock;
static bool movable_node_enabled __initdata_memblock;
static bool memblock_warned_max_numnodes __initdata_memblock;

#define memblock_dbg(fmt, ...)							\
	do {									\
		if (memblock_debug)						\
			pr_info(fmt, ##__VA_ARGS__);				\
	} while (0)

/* The memblock=debug line of the functions that take a range. */
static void __init_memblock memblock_dbg_range(const char *func, phys_addr_t base,
					       phys_addr_t size, unsigned long caller)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] %pS\n", func, &base, &end, (void *)caller);
}

/* Linux warns about this once per boot and then treats it as "any node". */
static inline int memblock_fix_nid(int nid)
{
	if (nid != MAX_NUMNODES)
		return nid;
	if (!memblock_warned_max_numnodes) {
		memblock_warned_max_numnodes = true;
		WARN(1, "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead\n");
	}
	return NUMA_NO_NODE;
}

/* Once any RAM is mirrored, allocations try mirrored RAM first. */
static inline enum memblock_flags choose_memblock_flags(void)
{
	return system_has_some_mirror ? MEMBLOCK_MIRROR : MEMBLOCK_NONE;
}

/*
 * Clip *@size so that @base + *@size does not wrap around the top of the
 * physical address space.  Callers rely on this: memblock_remove(x,
 * PHYS_ADDR_MAX) means "everything from x up".
 */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	if (*size > PHYS_ADDR_MAX - base)
		*size = PHYS_ADDR_MAX - base;
	return *size;
}

static phys_addr_t memblock_region_end(const struct memblock_region *r)
{
	return r->base + r->size;
}

/**
 * memblock_overlaps_region - does any region of @type intersect a range?
 * @type: memblock.memory or memblock.reserved
 * @base: start of the range
 * @size: length of the range
 *
 * Return: true if [@base, @base + @size) intersects a region of @type.
 */
bool __init_memblock memblock_overlaps_region(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long i;

	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base < end && base < memblock_region_end(r))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------------ */
/* Finding free space                                                         */
/* ------------------------------------------------------------------------ */

/* Lowest @align-aligned @size-byte hole inside [@start, @end), or 0. */
static phys_addr_t __init_memblock
__memblock_find_range_bottom_up(phys_addr_t start, phys_addr_t end,
				phys_addr_t size, phys_addr_t align, int nid,
				enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		cand = round_up(this_start, align);
		if (cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

/* Highest @align-aligned @size-byte hole inside [@start, @end), or 0. */
static phys_addr_t __init_memblock
__memblock_find_range_top_down(phys_addr_t start, phys_addr_t end,
			       phys_addr_t size, phys_addr_t align, int nid,
			       enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);

		if (this_end < size)
			continue;
		cand = round_down(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

/*
 * Find (but do not reserve) @size bytes aligned to @align inside [@start, @end)
 * on node @nid, in the current direction.  Address 0 is the failure value, so
 * the first page is never handed out, as in Linux.
 */
static phys_addr_t __init_memblock
memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
			    phys_addr_t start, phys_addr_t end, int nid,
			    enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE || end == MEMBLOCK_ALLOC_NOLEAKTRACE)
		end = memblock.current_limit;

	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);

	if (memblock_bottom_up())
		return __memblock_find_range_bottom_up(start, end, size, align,
						       nid, flags);
	return __memblock_find_range_top_down(start, end, size, align, nid, flags);
}

static void __init_memblock memblock_warn_no_mirror(phys_addr_t size)
{
	pr_warn("Could not allocate %pap bytes of mirrored memory\n", &size);
}

/* memblock_find_in_range_node() on any node, falling back from mirrored RAM. */
static phys_addr_t __init_memblock memblock_find_in_range(phys_addr_t start,
							  phys_addr_t end,
							  phys_addr_t size,
							  phys_addr_t align)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t ret;

	for (;;) {
		ret = memblock_find_in_range_node(size, align, start, end,
						  NUMA_NO_NODE, flags);
		if (ret || !(flags & MEMBLOCK_MIRROR))
			return ret;
		memblock_warn_no_mirror(size);
		flags &= ~MEMBLOCK_MIRROR;
	}
}

/* ------------------------------------------------------------------------ */
/* Keeping a region array sorted, merged and big enough                       */
/* ------------------------------------------------------------------------ */

static void __init_memblock memblock_remove_region(struct memblock_type *type,
						   unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;

	/* Never leave zero regions: the empty type is one zero-size dummy. */
	if (type->cnt == 0) {
		WARN_ON(type->total_size != 0);
		type->cnt = 1;
		type->regions[0].base = 0;
		type->regions[0].size = 0;
		type->regions[0].flags = MEMBLOCK_NONE;
		memblock_set_region_node(&type->regions[0], MAX_NUMNODES);
	}
}

/**
 * memblock_allow_resize - let full region arrays be doubled from now on
 *
 * Doubling takes memory from memblock itself, so it must wait until every
 * range that must not be handed out (kernel, initrd, firmware tables) has been
 * reserved; setup_arch() calls this at that point (Linux on x86: first thing
 * in e820__memblock_setup()).  Until then a full array is an error.
 */
void __init memblock_allow_resize(void)
{
	memblock_can_resize = 1;
}

/* Which arrays came from the buddy allocator (Linux's memblock_*_in_slab). */
static bool memblock_memory_in_buddy, memblock_reserved_in_buddy;

/*
 * After the hand-over memblock's free ranges are the buddy allocator's
 * (memory hot-plug adds regions long after boot): a new array must come
 * from there, as Linux takes it from kmalloc() once slab_is_available().
 * Return: its physical address, or 0.
 */
static phys_addr_t memblock_array_from_buddy(phys_addr_t size)
{
	struct page *page = alloc_pages(GFP_KERNEL, get_order((unsigned long)size));

	return page ? page_to_phys(page) : 0;
}

/*
 * Give @type an array twice as big, taken from memblock (page-aligned, so it
 * can be freed by whole pages later) and reserved, or after the hand-over
 * from the buddy allocator.  When the reserved array is doubled in the
 * middle of reserving [@new_area_start, +@new_area_size), that range is not
 * reserved yet, so the new array must avoid it.
 * Return: 0, or -1 if resizing is not allowed yet or there is no room.
 */
static int __init_memblock memblock_double_array(struct memblock_type *type,
						 phys_addr_t new_area_start,
						 phys_addr_t new_area_size)
{
	struct memblock_region *new_array, *old_array;
	phys_addr_t old_size, new_size, old_alloc_size, new_alloc_size;
	phys_addr_t addr, new_end;
	bool *in_buddy = type == &memblock.memory ? &memblock_memory_in_buddy :
						    &memblock_reserved_in_buddy;
	bool use_buddy = buddy_allocator_is_up(), old_in_buddy = *in_buddy;

	if (!memblock_can_resize) {
		pr_err("memblock: %s array is full (%lu entries) and resizing is not allowed yet\n",
		       type->name, type->max);
		return -1;
	}

	old_size = type->max * sizeof(struct memblock_region);
	new_size = old_size << 1;
	old_alloc_size = ALIGN(old_size, PAGE_SIZE);
	new_alloc_size = ALIGN(new_size, PAGE_SIZE);

	if (type != &memblock.reserved)
		new_area_start = new_area_size = 0;

	if (use_buddy)
		addr = memblock_array_from_buddy(new_alloc_size);
	else
		addr = memblock_find_in_range(new_area_start + new_area_size,
					      memblock.current_limit, new_alloc_size,
					      PAGE_SIZE);
	if (!addr && new_area_size && !use_buddy)
		addr = memblock_find_in_range(0, min(new_area_start, memblock.current_limit),
					      new_alloc_size, PAGE_SIZE);
	if (!addr) {
		pr_err("memblock: Failed to double %s array from %lu to %lu entries !\n",
		       type->name, type->max, type->max * 2);
		return -1;
	}

	new_end = addr + new_size - 1;
	memblock_dbg("memblock: %s is doubled to %lu at [%pa-%pa]\n",
		     type->name, type->max * 2, &addr, &new_end);

	/* Copy before reserving: the array being doubled may be reserved's own. */
	new_array = __va(addr);
	memcpy(new_array, type->regions, (size_t)old_size);
	memset(new_array + type->max, 0, (size_t)old_size);
	old_array = type->regions;
	type->regions = new_array;
	type->max <<= 1;

	*in_buddy = use_buddy;
	if (old_in_buddy)
		__free_pages(virt_to_page(old_array), get_order((unsigned long)old_alloc_size));
	else if (old_array != memblock_memory_init_regions &&
		 old_array != memblock_reserved_init_regions)
		memblock_free(old_array, (size_t)old_alloc_size);

	/* There is room now, so reserving cannot fail; if it did, memblock is corrupt. */
	if (!use_buddy)
		BUG_ON(memblock_reserve(addr, new_alloc_size));
	return 0;
}

/* Join neighbours that touch and have the same node and flags. */
static void __init_memblock memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = this + 1;

		if (memblock_region_end(this) != next->base ||
		    memblock_get_region_node(this) != memblock_get_region_node(next) ||
		    this->flags != next->flags) {
			BUG_ON(memblock_region_end(this) > next->base);
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

/* Put a new region at @idx; the caller made room and keeps the order. */
static void __init_memblock memblock_insert_region(struct memblock_type *type,
						   unsigned long idx,
						   phys_addr_t base,
						   phys_addr_t size, int nid,
						   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	memblock_set_region_node(rgn, nid);
	type->cnt++;
	type->total_size += size;
}

/*
 * Walk the parts of [@base, @end) that no region of @type covers yet.  With
 * @insert false, only count them; with @insert true, also insert them (the
 * array must have room for the count).  Existing regions are left as they are.
 */
static unsigned long __init_memblock
memblock_fill_gaps(struct memblock_type *type, phys_addr_t base, phys_addr_t end,
		   int nid, enum memblock_flags flags, bool insert)
{
	unsigned long idx, nr_new = 0;

	for (idx = 0; idx < type->cnt; idx++) {
		phys_addr_t rbase = type->regions[idx].base;
		phys_addr_t rend = memblock_region_end(&type->regions[idx]);

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase > base) {
			nr_new++;
			if (insert) {
				/* The new piece would touch a region of another kind. */
				WARN_ON(nid != memblock_get_region_node(&type->regions[idx]));
				WARN_ON(flags != type->regions[idx].flags);
				memblock_insert_region(type, idx++, base, rbase - base,
						       nid, flags);
			}
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid, flags);
	}
	return nr_new;
}

/*
 * Add [@base, @base + @size) to @type.  It may overlap existing regions, which
 * keep their node and flags; only the uncovered parts are added, and the array
 * is merged afterwards.
 */
static int __init_memblock memblock_add_range(struct memblock_type *type,
					      phys_addr_t base, phys_addr_t size,
					      int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long nr_new;

	if (!size)
		return 0;

	if (type->regions[0].size == 0) {
		WARN_ON(type->cnt != 1 || type->total_size);
		type->regions[0].base = base;
		type->regions[0].size = size;
		type->regions[0].flags = flags;
		memblock_set_region_node(&type->regions[0], nid);
		type->total_size = size;
		return 0;
	}

	/*
	 * The range adds at most cnt + 1 pieces (one per gap).  If that fits,
	 * insert straight away; otherwise count first, so that a doubling never
	 * happens half-way through inserting.
	 */
	if (type->cnt * 2 + 1 > type->max) {
		nr_new = memblock_fill_gaps(type, base, end, nid, flags, false);
		if (!nr_new)
			return 0;
		while (type->cnt + nr_new > type->max)
			if (memblock_double_array(type, base, size) < 0)
				return -ENOMEM;
	}
	if (memblock_fill_gaps(type, base, end, nid, flags, true))
		memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_add_node - add RAM that belongs to a known node
 * @base: physical start
 * @size: length in bytes
 * @nid: node of the range
 * @flags: enum memblock_flags of the range
 *
 * Return: 0, or -ENOMEM if the array was full and could not be doubled.
 */
int __init_memblock memblock_add_node(phys_addr_t base, phys_addr_t size,
				      int nid, enum memblock_flags flags)
{
	phys_addr_t end = base + size - 1;

	memblock_dbg("%s: [%pa-%pa] nid=%d flags=%x %pS\n", __func__,
		     &base, &end, nid, flags, (void *)_RET_IP_);
	return memblock_add_range(&memblock.memory, base, size, nid, flags);
}

/**
 * memblock_add - add RAM to memblock.memory
 * @base: physical start
 * @size: length in bytes; a range that would wrap past the top is clipped
 *
 * The node is left unknown (MAX_NUMNODES) until memblock_set_node().
 *
 * Return: 0, or -ENOMEM if the array was full and could not be doubled.
 */
int __init_memblock memblock_add(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_add_range(&memblock.memory, base, size, MAX_NUMNODES, 0);
}

/*
 * Split the regions of @type that cross the edges of [@base, @base + @size), so
 * that the range is exactly the regions [*@start_rgn, *@end_rgn) (an empty
 * interval if nothing is inside).  At most two regions are added.
 */
static int __init_memblock memblock_isolate_range(struct memblock_type *type,
						  phys_addr_t base, phys_addr_t size,
						  unsigned long *start_rgn,
						  unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx = 0;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;

	while (type->cnt + 2 > type->max)
		if (memblock_double_array(type, base, size) < 0)
			return -ENOMEM;

	while (idx < type->cnt) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = memblock_region_end(rgn);

		if (rbase >= end)
			break;
		if (rend <= base) {
			idx++;
			continue;
		}
		if (rbase < base) {
			/* Cut off the part below @base, then look at the rest. */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx++, rbase, base - rbase,
					       memblock_get_region_node(rgn), rgn->flags);
			continue;
		}
		if (rend > end) {
			/* Cut off the part above @end; the lower piece, now at @idx, is inside. */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx, rbase, end - rbase,
					       memblock_get_region_node(rgn), rgn->flags);
			continue;
		}
		if (!*end_rgn)
			*start_rgn = idx;
		*end_rgn = ++idx;
	}
	return 0;
}

static int __init_memblock memblock_remove_range(struct memblock_type *type,
						 phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn, i;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = end_rgn; i > start_rgn; i--)
		memblock_remove_region(type, i - 1);
	return 0;
}

/**
 * memblock_remove - take a range out of memblock.memory
 * @base: physical start
 * @size: length in bytes; regions that straddle the range are split
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_remove(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_remove_range(&memblock.memory, base, size);
}

/**
 * memblock_free - free a memblock allocation given by its virtual address
 * @ptr: what memblock_alloc*() returned; NULL is ignored
 * @size: its size
 *
 * The memory returns to memblock, not to the page allocator.
 */
void __init_memblock memblock_free(void *ptr, size_t size)
{
	if (ptr)
		memblock_phys_free(__pa(ptr), size);
}

/**
 * memblock_phys_free - unreserve a physical range
 * @base: physical start
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * memblock_reserve - mark a physical range as in use
 * @base: physical start
 * @size: length in bytes
 *
 * The range need not be inside memblock.memory.
 *
 * Return: 0, or -ENOMEM if the array was full and could not be doubled.
 */
int __init_memblock memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	memblock_dbg_range(__func__, base, size, _RET_IP_);
	return memblock_add_range(&memblock.reserved, base, size, MAX_NUMNODES, 0);
}

/* Set (@set true) or clear @flag on memblock.memory inside a range. */
static int __init_memblock memblock_setclr_flag(phys_addr_t base, phys_addr_t size,
						bool set, enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i, start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	return 0;
}

/**
 * memblock_mark_hotplug - flag memory as hot-removable (MEMBLOCK_HOTPLUG)
 * @base: physical start
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_clear_hotplug - clear MEMBLOCK_HOTPLUG
 * @base: physical start
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_HOTPLUG);
}

/**
 * memblock_mark_mirror - flag memory as mirrored (MEMBLOCK_MIRROR)
 * @base: physical start
 * @size: length in bytes
 *
 * From then on allocations prefer mirrored memory.  Linux honours this only
 * with kernelcore=mirror; bootmm has no kernelcore= option and always does.
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_mark_mirror(phys_addr_t base, phys_addr_t size)
{
	system_has_some_mirror = true;
	return memblock_setclr_flag(base, size, true, MEMBLOCK_MIRROR);
}

/**
 * memblock_mark_nomap - keep memory out of the direct map (MEMBLOCK_NOMAP)
 * @base: physical start
 * @size: length in bytes
 *
 * NOMAP memory stays in memblock.memory (it has struct pages, marked
 * reserved) but is never allocated from and never mapped.
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

/**
 * memblock_clear_nomap - clear MEMBLOCK_NOMAP
 * @base: physical start
 * @size: length in bytes
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

/**
 * memblock_set_node - assign a node to the regions of @type inside a range
 * @base: physical start
 * @size: length in bytes
 * @type: usually &memblock.memory
 * @nid: the node
 *
 * Return: 0, or -ENOMEM if a split needed room that could not be found.
 */
int __init_memblock memblock_set_node(phys_addr_t base, phys_addr_t size,
				      struct memblock_type *type, int nid)
{
	unsigned long i, start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;

	for (i = start_rgn; i < end_rgn; i++)
		memblock_set_region_node(&type->regions[i], nid);
	memblock_merge_regions(type);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* movable_node: Linux keeps it in mm/memory_hotplug.c, which bootmm does not */
/* have; memblock is its only user so far.                                    */
/* ------------------------------------------------------------------------ */

/**
 * movable_node_is_enabled - was "movable_node" given on the command line?
 *
 * Not __init: every iterator step asks, so it should stay inlinable.
 *
 * Return: true if hotpluggable memory must be kept free for the movable zone.
 */
bool movable_node_is_enabled(void)
{
	return movable_node_enabled;
}

static int __init cmdline_parse_movable_node(char *p)
{
	(void)p;
	movable_node_enabled = true;
	return 0;
}
early_param("movable_node", cmdline_parse_movable_node);

/* ------------------------------------------------------------------------ */
/* Iterators                                                                  */
/* ------------------------------------------------------------------------ */

/* Which memory regions an iterator passes over; reserved ones are never skipped. */
static inline bool should_skip_region(struct memblock_type *type,
				      const struct memblock_region *m,
				      int nid, enum memblock_flags flags)
{
	if (type != &memblock.memory)
		return false;
	if (nid != NUMA_NO_NODE && nid != memblock_get_region_node(m))
		return true;
	if (movable_node_is_enabled() && memblock_is_hotpluggable(m) &&
	    !(flags & MEMBLOCK_HOTPLUG))
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !memblock_is_mirror(m))
		return true;
	/* NOMAP memory is only seen by those who ask for it. */
	if (!(flags & MEMBLOCK_NOMAP) && memblock_is_nomap(m))
		return true;
	return false;
}

/*
 * Gap @i of @type: the space below region @i and above region @i - 1.  Gap 0
 * starts at 0 and gap cnt ends at PHYS_ADDR_MAX, so cnt + 1 gaps cover all
 * that @type does not.
 */
static inline void memblock_gap(const struct memblock_type *type,
				unsigned long i, phys_addr_t *start,
				phys_addr_t *end)
{
	*start = i ? memblock_region_end(&type->regions[i - 1]) : 0;
	*end = i < type->cnt ? type->regions[i].base : PHYS_ADDR_MAX;
}

static inline void memblock_set_out(phys_addr_t *out_start,
				    phys_addr_t *out_end, int *out_nid,
				    phys_addr_t start, phys_addr_t end, int nid)
{
	if (out_start)
		*out_start = start;
	if (out_end)
		*out_end = end;
	if (out_nid)
		*out_nid = nid;
}

/* The cursor: the index into @type_a in the low half, the gap of @type_b in the high. */
static inline u64 memblock_pack_idx(u32 idx_a, u32 idx_b)
{
	return (u64)idx_a | (u64)idx_b << 32;
}

/**
 * __next_mem_range - step of for_each_free_mem_range() and friends
 * @idx: the u64 cursor; 0 to start, U64_MAX once the walk is over
 * @nid: node filter, NUMA_NO_NODE for all
 * @flags: MEMBLOCK_HOTPLUG/MIRROR/NOMAP: which memory regions to include
 * @type_a: where ranges come from
 * @type_b: what is cut out of them, or NULL
 * @out_start: set to the range's start (may be NULL)
 * @out_end: set to the range's end, exclusive (may be NULL)
 * @out_nid: set to the range's node (may be NULL)
 *
 * Both arrays are sorted, so the regions of @type_a and the gaps of @type_b
 * are walked together, like a merge, and each intersection is one range.
 */
void __init_memblock __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
				      struct memblock_type *type_a,
				      struct memblock_type *type_b,
				      phys_addr_t *out_start, phys_addr_t *out_end,
				      int *out_nid)
{
	unsigned long idx_a = (u32)*idx;
	unsigned long idx_b = (u32)(*idx >> 32);

	nid = memblock_fix_nid(nid);

	for (; idx_a < type_a->cnt; idx_a++) {
		const struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = memblock_region_end(m);
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			memblock_set_out(out_start, out_end, out_nid, m_start, m_end, m_nid);
			*idx = memblock_pack_idx(idx_a + 1, idx_b);
			return;
		}

		for (; idx_b < type_b->cnt + 1; idx_b++) {
			phys_addr_t r_start, r_end;

			memblock_gap(type_b, idx_b, &r_start, &r_end);
			if (r_start >= m_end)
				break;	/* past this region: take the next one */
			if (m_start < r_end) {
				memblock_set_out(out_start, out_end, out_nid,
						 max(m_start, r_start),
						 min(m_end, r_end), m_nid);
				/* Whichever ends first is done with. */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = memblock_pack_idx(idx_a, idx_b);
				return;
			}
		}
	}
	*idx = U64_MAX;
}

/**
 * __next_mem_range_rev - __next_mem_range() from the top down
 * @idx: the u64 cursor; U64_MAX to start and once the walk is over
 * @nid: node filter, NUMA_NO_NODE for all
 * @flags: MEMBLOCK_HOTPLUG/MIRROR/NOMAP: which memory regions to include
 * @type_a: where ranges come from
 * @type_b: what is cut out of them, or NULL
 * @out_start: set to the range's start (may be NULL)
 * @out_end: set to the range's end, exclusive (may be NULL)
 * @out_nid: set to the range's node (may be NULL)
 */
void __init_memblock __next_mem_range_rev(u64 *idx, int nid,
					  enum memblock_flags flags,
					  struct memblock_type *type_a,
					  struct memblock_type *type_b,
					  phys_addr_t *out_start,
					  phys_addr_t *out_end, int *out_nid)
{
	/* Signed: the walk ends when an index drops below 0 (stored as 0xffffffff). */
	int idx_a = (int)(u32)*idx;
	int idx_b = (int)(u32)(*idx >> 32);

	nid = memblock_fix_nid(nid);

	if (*idx == U64_MAX) {
		idx_a = (int)type_a->cnt - 1;
		idx_b = type_b ? (int)type_b->cnt : 0;
	}

	for (; idx_a >= 0; idx_a--) {
		const struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = memblock_region_end(m);
		int m_nid = memblock_get_region_node(m);

		if (should_skip_region(type_a, m, nid, flags))
			continue;

		if (!type_b) {
			memblock_set_out(out_start, out_end, out_nid, m_start, m_end, m_nid);
			*idx = memblock_pack_idx(idx_a - 1, idx_b);
			return;
		}

		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start, r_end;

			memblock_gap(type_b, idx_b, &r_start, &r_end);
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				memblock_set_out(out_start, out_end, out_nid,
						 max(m_start, r_start),
						 min(m_end, r_end), m_nid);
				/* Whichever starts last is done with. */
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = memblock_pack_idx(idx_a, idx_b);
				return;
			}
		}
	}
	*idx = U64_MAX;
}

/**
 * __next_mem_pfn_range - step of for_each_mem_pfn_range()
 * @idx: the int cursor; -1 to start, -1 again once the walk is over
 * @nid: node filter, MAX_NUMNODES for all
 * @out_start_pfn: set to the first whole page frame (may be NULL)
 * @out_end_pfn: set to the frame after the last whole one (may be NULL)
 * @out_nid: set to the region's node (may be NULL)
 */
void __init_memblock __next_mem_pfn_range(int *idx, int nid,
					  unsigned long *out_start_pfn,
					  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;
	const struct memblock_region *r = NULL;

	while ((unsigned long)++*idx < type->cnt) {
		r = &type->regions[*idx];
		if (PFN_UP(r->base) >= PFN_DOWN(memblock_region_end(r)))
			continue;	/* not one whole page */
		if (nid == MAX_NUMNODES || nid == memblock_get_region_node(r))
			break;
	}
	if ((unsigned long)*idx >= type->cnt) {
		*idx = -1;
		return;
	}

	if (out_start_pfn)
		*out_start_pfn = PFN_UP(r->base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(memblock_region_end(r));
	if (out_nid)
		*out_nid = memblock_get_region_node(r);
}

/* ------------------------------------------------------------------------ */
/* Allocation                                                                 */
/* ------------------------------------------------------------------------ */

static void __init memblock_alloc_failed(const char *func, phys_addr_t size,
					 phys_addr_t align, int nid,
					 phys_addr_t min_addr, phys_addr_t max_addr)
{
	struct memblock_region *r;
	bool all_hotplug = memblock.memory.cnt > 0;

	pr_err("memblock: %s: Failed to allocate %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa\n",
	       func, (unsigned long long)size, (unsigned long long)align, nid,
	       &min_addr, &max_addr);
	/*
	 * movable_node keeps memblock out of hotpluggable memory; if that is
	 * all there is, nothing can ever be allocated (bootmm's own line:
	 * Linux fails the same way without naming it).
	 */
	for_each_mem_region(r)
		if (!memblock_is_hotpluggable(r))
			all_hotplug = false;
	if (movable_node_is_enabled() && all_hotplug)
		pr_err("memblock: movable_node is given and every memory region is hotpluggable: "
		       "memblock may allocate from none of them\n");
}

/**
 * memblock_alloc_range_nid - find and reserve a block: the core of every allocation
 * @size: bytes
 * @align: a power of two; 0 is taken as SMP_CACHE_BYTES after a warning
 * @start: lowest acceptable physical address
 * @end: highest one (exclusive), or MEMBLOCK_ALLOC_ACCESSIBLE for
 *	memblock.current_limit, or MEMBLOCK_ALLOC_ANYWHERE
 * @nid: preferred node, NUMA_NO_NODE for any
 * @exact_nid: if false, fall back to any node when @nid has no room
 *
 * With mirrored memory present, mirrored memory is tried first, then any
 * (with a warning).  Nothing is printed on plain failure: the public
 * functions above this one do that.
 *
 * Return: the physical address of the block, or 0.
 */
phys_addr_t __init memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
					    phys_addr_t start, phys_addr_t end,
					    int nid, bool exact_nid)
{
	enum memblock_flags flags = choose_memblock_flags();
	phys_addr_t found;

	nid = memblock_fix_nid(nid);

	if (!align) {
		/* Linux dumps the stack here: a caller forgot to say what it needs. */
		WARN(1, "memblock: align 0 requested, using SMP_CACHE_BYTES (%d)\n",
		     SMP_CACHE_BYTES);
		align = SMP_CACHE_BYTES;
	}
	if (!is_power_of_2(align)) {
		pr_err("memblock: %s: alignment 0x%llx is not a power of 2\n",
		       __func__, (unsigned long long)align);
		return 0;
	}
	if (!size) {
		pr_err("memblock: %s: zero-size allocation requested\n", __func__);
		return 0;
	}

	for (;;) {
		found = memblock_find_in_range_node(size, align, start, end, nid, flags);
		if (found && !memblock_reserve(found, size))
			return found;

		if (nid != NUMA_NO_NODE && !exact_nid) {
			found = memblock_find_in_range_node(size, align, start, end,
							    NUMA_NO_NODE, flags);
			if (found && !memblock_reserve(found, size))
				return found;
		}

		if (!(flags & MEMBLOCK_MIRROR))
			return 0;
		flags &= ~MEMBLOCK_MIRROR;
		memblock_warn_no_mirror(size);
	}
}

/**
 * memblock_phys_alloc_range - allocate inside [@start, @end)
 * @size: bytes
 * @align: a power of two
 * @start: lowest acceptable physical address
 * @end: highest one (exclusive), or MEMBLOCK_ALLOC_ACCESSIBLE / _ANYWHERE
 *
 * Return: the physical address of the block, or 0 (with a message).
 */
phys_addr_t __init memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
					     phys_addr_t start, phys_addr_t end)
{
	phys_addr_t found;

	memblock_dbg("%s: %llu bytes align=0x%llx from=%pa max_addr=%pa %pS\n",
		     __func__, (unsigned long long)size, (unsigned long long)align,
		     &start, &end, (void *)_RET_IP_);
	found = memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE, false);
	if (!found)
		memblock_alloc_failed(__func__, size, align, NUMA_NO_NODE, start, end);
	return found;
}

/**
 * memblock_phys_alloc_try_nid - allocate from node @nid, else from any node
 * @size: bytes
 * @align: a power of two
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: the physical address of the block, or 0 (with a message).
 */
phys_addr_t __init memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					       int nid)
{
	phys_addr_t found;

	found = memblock_alloc_range_nid(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE,
					 nid, false);
	if (!found)
		memblock_alloc_failed(__func__, size, align, nid, 0,
				      MEMBLOCK_ALLOC_ACCESSIBLE);
	return found;
}

/*
 * The virtual-address allocators: below current_limit, because the block is
 * used through the direct map; @min_addr is only a preference.  @func and
 * @caller name the public function and its caller for the messages.
 */
static void *__init memblock_alloc_internal(const char *func, phys_addr_t size,
					    phys_addr_t align, phys_addr_t min_addr,
					    phys_addr_t max_addr, int nid,
					    bool exact_nid, unsigned long caller)
{
	phys_addr_t alloc;

	memblock_dbg("%s: %llu bytes align=0x%llx nid=%d from=%pa max_addr=%pa %pS\n",
		     func, (unsigned long long)size, (unsigned long long)align, nid,
		     &min_addr, &max_addr, (void *)caller);
	if (max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;

	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid, exact_nid);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid, exact_nid);
	if (!alloc) {
		memblock_alloc_failed(func, size, align, nid, min_addr, max_addr);
		return NULL;
	}
	return __va(alloc);
}

/**
 * memblock_alloc_exact_nid_raw - allocate on node @nid only, not zeroed
 * @size: bytes
 * @align: a power of two
 * @min_addr: preferred lowest physical address
 * @max_addr: highest (exclusive), or MEMBLOCK_ALLOC_ACCESSIBLE
 * @nid: the node
 *
 * Return: the virtual address of the block, or NULL (with a message).
 */
void *__init memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr, phys_addr_t max_addr,
					  int nid)
{
	return memblock_alloc_internal(__func__, size, align, min_addr, max_addr,
				       nid, true, _RET_IP_);
}

/**
 * memblock_alloc_try_nid_raw - allocate preferring node @nid, not zeroed
 * @size: bytes
 * @align: a power of two
 * @min_addr: preferred lowest physical address
 * @max_addr: highest (exclusive), or MEMBLOCK_ALLOC_ACCESSIBLE
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: the virtual address of the block, or NULL (with a message).
 */
void *__init memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr, phys_addr_t max_addr,
					int nid)
{
	return memblock_alloc_internal(__func__, size, align, min_addr, max_addr,
				       nid, false, _RET_IP_);
}

/**
 * memblock_alloc_try_nid - allocate zeroed memory preferring node @nid
 * @size: bytes
 * @align: a power of two
 * @min_addr: preferred lowest physical address
 * @max_addr: highest (exclusive), or MEMBLOCK_ALLOC_ACCESSIBLE
 * @nid: preferred node, NUMA_NO_NODE for any
 *
 * Return: the virtual address of the block, or NULL (with a message).
 */
void *__init memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid)
{
	void *ptr = memblock_alloc_internal(__func__, size, align, min_addr,
					    max_addr, nid, false, _RET_IP_);

	if (ptr)
		memset(ptr, 0, (size_t)size);
	return ptr;
}

/* ------------------------------------------------------------------------ */
/* Sizes, limits and queries                                                  */
/* ------------------------------------------------------------------------ */

/**
 * memblock_phys_mem_size - total size of memblock.memory
 *
 * Return: bytes of RAM memblock knows about.
 */
phys_addr_t __init_memblock memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

/**
 * memblock_reserved_size - total size of memblock.reserved
 *
 * Return: bytes reserved.
 */
phys_addr_t __init_memblock memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

/**
 * memblock_start_of_DRAM - lowest RAM address
 *
 * Return: the base of the first memory region (0 if there is none).
 */
phys_addr_t __init_memblock memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

/**
 * memblock_end_of_DRAM - end of the highest RAM region
 *
 * Return: the address just past the last memory region (0 if there is none).
 */
phys_addr_t __init_memblock memblock_end_of_DRAM(void)
{
	return memblock_region_end(&memblock.memory.regions[memblock.memory.cnt - 1]);
}

/* The address below which the first @limit bytes of RAM lie, or PHYS_ADDR_MAX. */
static phys_addr_t __init_memblock __find_max_addr(phys_addr_t limit)
{
	struct memblock_region *r;

	for_each_mem_region(r) {
		if (limit <= r->size)
			return r->base + limit;
		limit -= r->size;
	}
	return PHYS_ADDR_MAX;
}

/**
 * memblock_enforce_memory_limit - keep only the first @limit bytes of RAM (mem=)
 * @limit: bytes; 0 means no limit
 *
 * Memory and reservations above the cut are dropped.
 */
void __init memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;		/* there is less RAM than that anyway */

	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
}

/**
 * memblock_cap_memory_range - keep only [@base, @base + @size) of RAM
 * @base: physical start
 * @size: length in bytes; 0 does nothing
 *
 * NOMAP regions outside the range stay (firmware still needs them described);
 * reservations outside it are dropped.  Used by crash kernels and mem=.
 */
void __init memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	struct memblock_type *mem = &memblock.memory;
	unsigned long start_rgn, end_rgn, i;

	if (!size)
		return;
	if (!mem->total_size) {
		pr_warn("%s: No memory registered yet\n", __func__);
		return;
	}
	if (memblock_isolate_range(mem, base, size, &start_rgn, &end_rgn))
		return;

	for (i = mem->cnt; i > end_rgn; i--)
		if (!memblock_is_nomap(&mem->regions[i - 1]))
			memblock_remove_region(mem, i - 1);
	for (i = start_rgn; i > 0; i--)
		if (!memblock_is_nomap(&mem->regions[i - 1]))
			memblock_remove_region(mem, i - 1);

	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
}

/**
 * memblock_mem_limit_remove_map - mem= for arches that keep NOMAP regions
 * @limit: bytes of RAM to keep; 0 means no limit
 *
 * Like memblock_enforce_memory_limit(), but NOMAP regions above the cut stay.
 */
void __init memblock_mem_limit_remove_map(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = __find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_cap_memory_range(0, max_addr);
}

/* Binary search: the index of the region of @type holding @addr, or -1. */
static int __init_memblock memblock_search(const struct memblock_type *type,
					   phys_addr_t addr)
{
	unsigned long left = 0, right = type->cnt;

	while (left < right) {
		unsigned long mid = left + (right - left) / 2;
		const struct memblock_region *r = &type->regions[mid];

		if (addr < r->base)
			right = mid;
		else if (addr >= memblock_region_end(r))
			left = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

/**
 * memblock_is_reserved - is @addr reserved?
 * @addr: physical address
 *
 * Return: true if a reserved region contains @addr.
 */
bool __init_memblock memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

/**
 * memblock_is_memory - is @addr RAM?
 * @addr: physical address
 *
 * Return: true if a memory region contains @addr.
 */
bool __init_memblock memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

/**
 * memblock_is_map_memory - is @addr RAM that may be in the direct map?
 * @addr: physical address
 *
 * Return: true if a memory region without MEMBLOCK_NOMAP contains @addr.
 */
bool __init_memblock memblock_is_map_memory(phys_addr_t addr)
{
	int i = memblock_search(&memblock.memory, addr);

	return i != -1 && !memblock_is_nomap(&memblock.memory.regions[i]);
}

/**
 * memblock_search_pfn_nid - the memory region around a page frame
 * @pfn: page frame number
 * @start_pfn: set to the region's first frame
 * @end_pfn: set to the frame after the region
 *
 * Return: the region's node, or -1 if @pfn is not in memory.
 */
int __init_memblock memblock_search_pfn_nid(unsigned long pfn,
					    unsigned long *start_pfn,
					    unsigned long *end_pfn)
{
	struct memblock_type *type = &memblock.memory;
	int mid = memblock_search(type, PFN_PHYS(pfn));

	if (mid == -1)
		return -1;
	*start_pfn = PFN_DOWN(type->regions[mid].base);
	*end_pfn = PFN_DOWN(memblock_region_end(&type->regions[mid]));
	return memblock_get_region_node(&type->regions[mid]);
}

/**
 * memblock_is_region_memory - is a whole range inside one memory region?
 * @base: physical start
 * @size: length in bytes
 *
 * Return: true if one memory region contains [@base, @base + @size).
 */
bool __init_memblock memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	int idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return memblock_region_end(&memblock.memory.regions[idx]) >= end;
}

/**
 * memblock_is_region_reserved - does a range touch reserved memory?
 * @base: physical start
 * @size: length in bytes
 *
 * Return: true if [@base, @base + @size) intersects a reserved region.
 */
bool __init_memblock memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	return memblock_overlaps_region(&memblock.reserved, base, size);
}

/**
 * memblock_trim_memory - shrink every memory region to @align boundaries
 * @align: a power of two, usually PAGE_SIZE
 *
 * Regions with no whole @align block are removed.
 */
void __init_memblock memblock_trim_memory(phys_addr_t align)
{
	struct memblock_type *mem = &memblock.memory;
	unsigned long i = 0;

	while (i < mem->cnt) {
		struct memblock_region *r = &mem->regions[i];
		phys_addr_t start = round_up(r->base, align);
		phys_addr_t end = round_down(memblock_region_end(r), align);

		if (start < end) {
			mem->total_size -= r->size - (end - start);
			r->base = start;
			r->size = end - start;
			i++;
		} else if (r->size) {
			memblock_remove_region(mem, i);
		} else {
			i++;	/* the empty dummy */
		}
	}
}

/**
 * memblock_set_current_limit - set the highest address allocations may use
 * @limit: physical address, or MEMBLOCK_ALLOC_ANYWHERE
 *
 * setup_arch() lowers it while only part of RAM is mapped (lowmem on
 * 32-bit), so that memblock_alloc()'s result can be used through __va().
 */
void __init_memblock memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

/**
 * memblock_get_current_limit - the highest address allocations may use
 *
 * Return: memblock.current_limit.
 */
phys_addr_t __init_memblock memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/* ------------------------------------------------------------------------ */
/* memblock=debug and the configuration dump                                  */
/* ------------------------------------------------------------------------ */

static void __init_memblock memblock_dump(const struct memblock_type *type)
{
	unsigned long idx;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);

	for (idx = 0; idx < type->cnt; idx++) {
		const struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t base = rgn->base;
		phys_addr_t size = rgn->size;
		phys_addr_t end = base + size - 1;
		char nid_buf[32] = "";

		if (memblock_get_region_node(rgn) != MAX_NUMNODES)
			snprintf(nid_buf, sizeof(nid_buf), " on node %d",
				 memblock_get_region_node(rgn));
		pr_info(" %s[%#x]\t[%pa-%pa], %pa bytes%s flags: %#x\n",
			type->name, (unsigned int)idx, &base, &end, &size, nid_buf,
			(unsigned int)rgn->flags);
	}
}

/**
 * __memblock_dump_all - print the "MEMBLOCK configuration:" table
 *
 * Always prints; memblock_dump_all() is the memblock=debug-only version.
 */
void __init_memblock __memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %pa reserved size = %pa\n",
		&memblock.memory.total_size, &memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

/**
 * memblock_dump_all - print the memblock configuration if memblock=debug
 */
void __init_memblock memblock_dump_all(void)
{
	if (memblock_debug)
		__memblock_dump_all();
}

static int __init early_memblock(char *p)
{
	if (p && strstr(p, "debug"))
		memblock_debug = 1;
	return 0;
}
early_param("memblock", early_memblock);

#ifndef __KERNEL__
void memblock_reset_for_tests(void)
{
	static const struct memblock pristine = {
		.bottom_up = false,
		.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
		.memory = MEMBLOCK_TYPE_INIT(memblock_memory_init_regions, "memory"),
		.reserved = MEMBLOCK_TYPE_INIT(memblock_reserved_init_regions, "reserved"),
	};

	memset(memblock_memory_init_regions, 0, sizeof(memblock_memory_init_regions));
	memset(memblock_reserved_init_regions, 0, sizeof(memblock_reserved_init_regions));
	memblock = pristine;
	memblock_debug = 0;
	memblock_can_resize = 0;
	memblock_memory_in_buddy = memblock_reserved_in_buddy = false;
	system_has_some_mirror = false;
	movable_node_enabled = false;
	memblock_warned_max_numnodes = false;
}
#endif
