/* SPDX-License-Identifier: MIT */
/*
 * memblock: the boot-time memory manager (Linux's include/linux/memblock.h).
 *
 * Before the page allocator exists, the kernel describes physical memory as two
 * sorted lists of [base, base + size) ranges: memblock.memory (the RAM the
 * firmware reported: e820 on x86, the device tree on ARM) and memblock.reserved
 * (what is in use: the kernel image, the initrd, the boot page tables, and every
 * memblock_alloc()).  setup_arch() fills both; early allocations take the free
 * part (memory minus reserved); mem_init() later hands that free part to the
 * buddy allocator.  The names, signatures, flag values and iterator macros are
 * Linux 6.1's so this file reads beside Linux's.
 */
#ifndef BOOTMM_MM_MEMBLOCK_H
#define BOOTMM_MM_MEMBLOCK_H

#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/pfn.h>
#include <kernel/types.h>

/* Node numbers (Linux: include/linux/numa.h, with CONFIG_NODES_SHIFT = 2). */
#ifndef MAX_NUMNODES
#define MAX_NUMNODES		4
#endif
#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE		(-1)
#endif

#ifndef PHYS_ADDR_MAX
#define PHYS_ADDR_MAX		(~(phys_addr_t)0)
#endif

/* L1 line size of both CPUs (Linux: include/linux/cache.h); the default alignment. */
#ifndef SMP_CACHE_BYTES
#define SMP_CACHE_BYTES		64
#endif

/* Entries in each static region array before memblock_double_array() is needed. */
#define INIT_MEMBLOCK_REGIONS	128

/*
 * Linux discards memblock with the init sections unless the architecture selects
 * CONFIG_ARCH_KEEP_MEMBLOCK (arm64 and, for pfn_valid(), arm do).  An arch.mk
 * that wants to query memblock after boot defines that macro.
 */
#ifdef CONFIG_ARCH_KEEP_MEMBLOCK
#define __init_memblock
#define __initdata_memblock
#else
#define __init_memblock		__init
#define __initdata_memblock	__initdata
#endif

/**
 * enum memblock_flags - attributes of a memory region (Linux 6.1 values)
 * @MEMBLOCK_NONE: ordinary RAM
 * @MEMBLOCK_HOTPLUG: the firmware says it may be unplugged later; with
 *	"movable_node" on the command line, allocations stay away from it
 * @MEMBLOCK_MIRROR: hardware-mirrored RAM; once any exists, allocations
 *	prefer it
 * @MEMBLOCK_NOMAP: not in the kernel's direct map (firmware tables, for
 *	instance); never allocated from, but still covered by the memory map
 *
 * Linux 6.1 also has MEMBLOCK_DRIVER_MANAGED (0x8) for memory that only a
 * driver adds after boot; bootmm has no such driver.
 */
enum memblock_flags {
	MEMBLOCK_NONE		= 0x0,
	MEMBLOCK_HOTPLUG	= 0x1,
	MEMBLOCK_MIRROR		= 0x2,
	MEMBLOCK_NOMAP		= 0x4,
};

/**
 * struct memblock_region - one range of a memblock_type
 * @base: physical start address
 * @size: length in bytes
 * @flags: enum memblock_flags
 * @nid: NUMA node, MAX_NUMNODES while unknown
 */
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

/**
 * struct memblock_type - a sorted, non-overlapping array of regions
 * @cnt: regions in use; an empty type holds one zero-size region, so cnt >= 1
 * @max: capacity of @regions
 * @total_size: sum of the sizes
 * @regions: the array, static at first and doubled from memblock when full
 * @name: "memory" or "reserved", for messages
 */
struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	char *name;
};

/**
 * struct memblock - the whole allocator state
 * @bottom_up: allocate from low addresses up (default: from the top down)
 * @current_limit: allocations stay below this physical address
 * @memory: the RAM the firmware described
 * @reserved: the parts of it that are in use
 */
struct memblock {
	bool bottom_up;
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/*
 * The pfn limits the arch finds from memblock (Linux keeps them in
 * mm/memblock.c too): min_low_pfn, the first pfn of RAM; max_low_pfn, the end
 * of low memory (mapped at PAGE_OFFSET); max_pfn, the end of all RAM.
 */
extern unsigned long min_low_pfn, max_low_pfn, max_pfn;

/* Values of @end / @max_addr for the allocation functions. */
#define MEMBLOCK_ALLOC_ANYWHERE		(~(phys_addr_t)0)	/* no upper bound */
#define MEMBLOCK_ALLOC_ACCESSIBLE	0	/* below memblock.current_limit */
#define MEMBLOCK_ALLOC_NOLEAKTRACE	1	/* same, not tracked by kmemleak */
#define MEMBLOCK_LOW_LIMIT		0

#ifndef ARCH_LOW_ADDRESS_LIMIT
#define ARCH_LOW_ADDRESS_LIMIT		0xffffffffUL
#endif

/* --- describing memory: setup_arch() ------------------------------------- */
void memblock_allow_resize(void);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);
void memblock_trim_memory(phys_addr_t align);
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);

/* The "movable_node" command-line option (Linux: mm/memory_hotplug.c). */
bool movable_node_is_enabled(void);

/* --- allocating ----------------------------------------------------------- */
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t start, phys_addr_t end,
				     int nid, bool exact_nid);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);
void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr,
			     int nid);

/**
 * memblock_phys_alloc - allocate physical memory below memblock.current_limit
 * @size: bytes
 * @align: alignment, a power of two
 *
 * Return: the physical address, or 0 on failure.
 */
static __always_inline phys_addr_t memblock_phys_alloc(phys_addr_t size,
							phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE);
}

/**
 * memblock_alloc - allocate zeroed, directly mapped memory
 * @size: bytes
 * @align: alignment, a power of two
 *
 * Return: the virtual address, or NULL on failure.
 */
static __always_inline void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/**
 * memblock_alloc_raw - memblock_alloc() without zeroing
 * @size: bytes
 * @align: alignment, a power of two
 *
 * Return: the virtual address, or NULL on failure.
 */
static inline void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid_raw(size, align, MEMBLOCK_LOW_LIMIT,
					  MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/**
 * memblock_alloc_from - memblock_alloc() preferring addresses >= @min_addr
 * @size: bytes
 * @align: alignment, a power of two
 * @min_addr: preferred lower bound, dropped if nothing fits above it
 *
 * Return: the virtual address, or NULL on failure.
 */
static inline void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr)
{
	return memblock_alloc_try_nid(size, align, min_addr,
				      MEMBLOCK_ALLOC_ACCESSIBLE, NUMA_NO_NODE);
}

/**
 * memblock_alloc_low - memblock_alloc() below 4 GiB (ARCH_LOW_ADDRESS_LIMIT)
 * @size: bytes
 * @align: alignment, a power of two
 *
 * Return: the virtual address, or NULL on failure.
 */
static inline void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      ARCH_LOW_ADDRESS_LIMIT, NUMA_NO_NODE);
}

/**
 * memblock_alloc_node - memblock_alloc() preferring node @nid
 * @size: bytes
 * @align: alignment, a power of two
 * @nid: preferred node; any node is used if it has no room
 *
 * Return: the virtual address, or NULL on failure.
 */
static inline void *memblock_alloc_node(phys_addr_t size, phys_addr_t align,
					int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT,
				      MEMBLOCK_ALLOC_ACCESSIBLE, nid);
}

/**
 * memblock_set_bottom_up - choose the allocation direction
 * @enable: true for bottom-up, false for the default top-down
 */
static inline void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

/**
 * memblock_bottom_up - tell the allocation direction
 *
 * Return: true if memblock allocates from low addresses up.
 */
static inline bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/* --- trimming and querying ------------------------------------------------ */
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
void memblock_enforce_memory_limit(phys_addr_t limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);
int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn);

void memblock_dump_all(void);
void __memblock_dump_all(void);

/* --- region helpers ------------------------------------------------------- */
static inline bool memblock_is_hotpluggable(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(const struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

/*
 * Memory regions should be page aligned but reserved ones need not be: a memory
 * region owns only the whole pages inside it, a reserved one every page it
 * touches.
 */
static inline unsigned long memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

static inline unsigned long memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

static inline unsigned long memblock_region_reserved_base_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base);
}

static inline unsigned long memblock_region_reserved_end_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base + reg->size);
}

/* --- iterators ------------------------------------------------------------ */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a, struct memblock_type *type_b,
		      phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

/*
 * __for_each_mem_range - walk the parts of @type_a not covered by @type_b (all
 * of @type_a when @type_b is NULL), in ascending order.  @i is a u64 cursor;
 * @p_start, @p_end and @p_nid may be NULL.  Regions of memblock.memory are
 * filtered by @nid and @flags (see should_skip_region() in mm/memblock.c).
 */
#define __for_each_mem_range(i, type_a, type_b, nid, flags, p_start, p_end, p_nid) \
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b,		\
				     p_start, p_end, p_nid);			\
	     i != U64_MAX;							\
	     __next_mem_range(&i, nid, flags, type_a, type_b,			\
			      p_start, p_end, p_nid))

/* __for_each_mem_range_rev - the same, in descending order. */
#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags, p_start, p_end, p_nid) \
	for (i = U64_MAX, __next_mem_range_rev(&i, nid, flags, type_a, type_b,	\
					       p_start, p_end, p_nid);		\
	     i != U64_MAX;							\
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b,		\
				  p_start, p_end, p_nid))

/* for_each_mem_range - every memory range, hotpluggable ones included. */
#define for_each_mem_range(i, p_start, p_end)					\
	__for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,		\
			     MEMBLOCK_HOTPLUG, p_start, p_end, NULL)

/* for_each_mem_range_rev - the same, from the top down. */
#define for_each_mem_range_rev(i, p_start, p_end)				\
	__for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE,	\
				 MEMBLOCK_HOTPLUG, p_start, p_end, NULL)

/* for_each_reserved_mem_range - every reserved range. */
#define for_each_reserved_mem_range(i, p_start, p_end)				\
	__for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,	\
			     MEMBLOCK_NONE, p_start, p_end, NULL)

/* for_each_free_mem_range - memory && !reserved, on @nid (NUMA_NO_NODE: any). */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)		\
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved,		\
			     nid, flags, p_start, p_end, p_nid)

/* for_each_free_mem_range_reverse - the same, from the top down. */
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid)	\
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved,	\
				 nid, flags, p_start, p_end, p_nid)

/*
 * for_each_mem_pfn_range - the whole pages of each memory region on @nid
 * (MAX_NUMNODES: every node); @i is an int, regions without a whole page are
 * skipped.
 */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)			\
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid);	\
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

/* for_each_mem_region - @region points at each struct memblock_region of memory. */
#define for_each_mem_region(region)						\
	for (region = memblock.memory.regions;					\
	     region < memblock.memory.regions + memblock.memory.cnt; region++)

/* for_each_reserved_mem_region - the same for memblock.reserved. */
#define for_each_reserved_mem_region(region)					\
	for (region = memblock.reserved.regions;				\
	     region < memblock.reserved.regions + memblock.reserved.cnt; region++)

#ifndef __KERNEL__
/*
 * Host unit tests and benchmarks only: put memblock back in its boot-time state
 * (static arrays, debug off, resizing not allowed, top-down, no limit), and run
 * one of this file's early_param() handlers as the command line would.
 */
void memblock_reset_for_tests(void);
#endif

#endif
