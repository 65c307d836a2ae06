// SPDX-License-Identifier: MIT
/*
 * What the page allocator says when something is wrong, in Linux's words:
 * "BUG: Bad page state" for a page freed or found in a state it must not be
 * in, "page allocation failure" when an allocation cannot be met, and the
 * memory summary that follows it (Linux 6.1's bad_page() and warn_alloc() in
 * mm/page_alloc.c, __dump_page() in mm/debug.c, show_free_areas() and
 * show_mem() in mm/page_alloc.c and lib/show_mem.c, and the %pGp / %pGg
 * flag decoding of lib/vsprintf.c).
 *
 * A bad page report reads, for a reserved page freed by mistake (i386):
 *
 *   BUG: Bad page state in process swapper  pfn:0009f
 *   page:c7fa13e0 refcount:0 mapcount:0 mapping:00000000 index:0x0 pfn:0x9f
 *   flags: 0x80(reserved|node=0|zone=0)
 *   raw: 00000080 c7fa13e4 c7fa13e4 00000000 00000000 00000000 ffffffff 00000000
 *   page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set
 *
 * The node/zone fields are where bootmm's page->flags keeps them
 * (include/mm/page_flags.h); Linux's 686-pae kernel has no node field.  Linux
 * then dumps the stack and taints the kernel; bootmm has neither.  Pointers
 * are printed as they are (Linux hashes them).  The process is "swapper":
 * bootmm has no other.
 */
#include <stdarg.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include "page_alloc_internal.h"

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* --- decoding flags ------------------------------------------------------------- */

static const char *const pageflag_names[NR_PAGEFLAGS] = {
	[PG_locked] = "locked",
	[PG_referenced] = "referenced",
	[PG_uptodate] = "uptodate",
	[PG_dirty] = "dirty",
	[PG_lru] = "lru",
	[PG_active] = "active",
	[PG_slab] = "slab",
	[PG_reserved] = "reserved",
	[PG_private] = "private",
	[PG_head] = "head",
};

/**
 * format_page_flags - page->flags as Linux's %pGp prints it
 * @buf: where
 * @size: its size
 * @flags: the flags word
 *
 * "0x1000080(reserved|node=0|zone=0)": the word, then the PG_* flags set by
 * name, then the numbers kept in the top bits (section, if the memory model
 * keeps one, node, zone).
 *
 * Return: the length written (scnprintf's).
 */
int format_page_flags(char *buf, size_t size, unsigned long flags)
{
	unsigned long main_flags = flags & ((1UL << NR_PAGEFLAGS) - 1);
	int len = scnprintf(buf, size, "%#lx(", flags);
	const char *sep = "";

	for (int i = 0; i < NR_PAGEFLAGS; i++) {
		if (!(main_flags & (1UL << i)))
			continue;
		if (pageflag_names[i])
			len += scnprintf(buf + len, size - (size_t)len, "%s%s", sep, pageflag_names[i]);
		else
			len += scnprintf(buf + len, size - (size_t)len, "%s%#lx", sep, 1UL << i);
		sep = "|";
	}
	if (SECTIONS_WIDTH) {
		len += scnprintf(buf + len, size - (size_t)len, "%ssection=%lu", sep,
				 (flags >> (SECTIONS_PGOFF % BITS_PER_LONG)) & SECTIONS_MASK);
		sep = "|";
	}
	len += scnprintf(buf + len, size - (size_t)len, "%snode=%lu|zone=%lu)", sep,
			 (flags >> NODES_PGOFF) & NODES_MASK, (flags >> ZONES_PGOFF) & ZONES_MASK);
	return len;
}

/*
 * GFP flag names, as Linux's %pGg matches them: the combinations first (a
 * name is used when all its bits are set, and its bits are then taken out),
 * then single bits; what is left is printed as a number.
 */
static const struct {
	gfp_t mask;
	const char *name;
} gfpflag_names[] = {
	{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_THISNODE, "__GFP_THISNODE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ __GFP_WRITE, "__GFP_WRITE" },
	{ __GFP_RECLAIM, "__GFP_RECLAIM" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ __GFP_ZEROTAGS, "__GFP_ZEROTAGS" },
};

/**
 * format_gfp_flags - GFP flags as Linux's %pGg prints them
 * @buf: where
 * @size: its size
 * @gfp: the flags
 *
 * "GFP_KERNEL", "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "" for none.
 *
 * Return: the length written.
 */
int format_gfp_flags(char *buf, size_t size, gfp_t gfp)
{
	int len = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; gfp && i < ARRAY_SIZE(gfpflag_names); i++) {
		gfp_t mask = gfpflag_names[i].mask;

		if ((gfp & mask) != mask)
			continue;
		gfp &= ~mask;
		len += scnprintf(buf + len, size - (size_t)len, "%s%s", gfpflag_names[i].name,
				 gfp ? "|" : "");
	}
	if (gfp)
		len += scnprintf(buf + len, size - (size_t)len, "%#x", gfp);
	return len;
}

/* --- bad pages ------------------------------------------------------------------ */

/**
 * dump_page - print a struct page, Linux's __dump_page() layout
 * @page: the page
 * @reason: the "page dumped because:" line, or NULL
 *
 * mapcount is page_mapcount(): _mapcount + 1, so -128 for a free buddy page
 * (its page_type sits in _mapcount).
 */
void dump_page(struct page *page, const char *reason)
{
	const unsigned long *raw = (const unsigned long *)page;
	const int words = (int)(sizeof(struct page) / sizeof(long));
	const int width = 2 * (int)sizeof(long);
	char flags[128];

	pr_warn("page:%0*lx refcount:%d mapcount:%d mapping:%0*lx index:%#lx pfn:%#lx\n",
		width, (unsigned long)page, page_ref_count(page), page->_mapcount + 1,
		width, (unsigned long)page->mapping, page->index, page_to_pfn(page));
	format_page_flags(flags, sizeof(flags), page->flags);
	pr_warn("flags: %s\n", flags);
	/* Linux's print_hex_dump(): 32 bytes a line, in longs. */
	for (int i = 0; i < words; i += 32 / (int)sizeof(long)) {
		printk(KERN_WARNING "raw:");
		for (int j = i; j < words && j < i + 32 / (int)sizeof(long); j++)
			pr_cont(" %0*lx", width, raw[j]);
		pr_cont("\n");
	}
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}

/**
 * bad_page_report - report a page in a state it must not be in, changing nothing
 * @page: the page
 * @reason: what is wrong
 */
void bad_page_report(struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", "swapper", page_to_pfn(page));
	dump_page(page, reason);
}

/**
 * bad_page - report a bad page and keep it out of use
 * @page: the page
 * @reason: what is wrong (page_bad_reason())
 *
 * The caller leaves the page (and its block) out of the free lists or the
 * allocation: it is lost, which is safer than handing out memory in an
 * unknown state.  Its fields are left for the debugger, except a page type
 * in _mapcount (PageBuddy would make it look free).  Linux rate-limits these
 * reports to 60 a minute; bootmm has no clock to do so.
 */
void bad_page(struct page *page, const char *reason)
{
	bad_page_report(page, reason);
	page_mapcount_reset(page);
}

/**
 * page_bad_reason - why a page fails the free or allocation check
 * @page: the page
 * @flags: the flags it must not have (PAGE_FLAGS_CHECK_AT_FREE or _AT_PREP)
 *
 * Return: Linux's wording of the last failing test, in Linux's order.
 */
const char *page_bad_reason(const struct page *page, unsigned long flags)
{
	const char *bad_reason = NULL;

	if (unlikely(page->_mapcount != -1))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		bad_reason = "nonzero _refcount";
	if (unlikely(page->flags & flags)) {
		if (flags == PAGE_FLAGS_CHECK_AT_PREP)
			bad_reason = "PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
		else
			bad_reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	}
	return bad_reason;
}

/* --- the memory summary ----------------------------------------------------------- */

static void show_node(const struct zone *zone)
{
	if (nr_online_nodes > 1)
		printk("Node %d ", zone->zone_pgdat->node_id);
}

static unsigned long zone_pcp_count(const struct zone *zone)
{
	return zone->per_cpu_pageset ? (unsigned long)zone->per_cpu_pageset->count : 0;
}

/**
 * show_free_areas - the free memory of every zone, as Linux prints it under "Mem-Info:"
 *
 * Per zone: free pages and watermarks in kB, the lowmem reserves, then the
 * free blocks of each order with the migrate types that have some
 * (U unmovable, M movable, E reclaimable, H highatomic, I isolate):
 * "Normal: 3*4kB (UM) 0*8kB ... 205*4096kB (M) = 842500kB".  bootmm does
 * not track the LRU, slab or page-table counters: they print as 0.
 */
void show_free_areas(void)
{
	static const char types[MIGRATE_TYPES] = { 'U', 'M', 'E', 'H', 'I' };
	unsigned long free_pcp = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		free_pcp += zone_pcp_count(zone);

	printk("active_anon:0 inactive_anon:0 isolated_anon:0\n"
	       " active_file:0 inactive_file:0 isolated_file:0\n"
	       " unevictable:0 dirty:0 writeback:0\n"
	       " slab_reclaimable:0 slab_unreclaimable:0\n"
	       " mapped:0 shmem:0 pagetables:0 bounce:0\n"
	       " kernel_misc_reclaimable:0\n"
	       " free:%lu free_pcp:%lu free_cma:0\n",
	       global_zone_page_state(NR_FREE_PAGES), free_pcp);

	for_each_populated_zone(zone) {
		show_node(zone);
		printk(KERN_CONT "%s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
		       " reserved_highatomic:%luKB active_anon:0kB inactive_anon:0kB"
		       " active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB"
		       " present:%lukB managed:%lukB mlocked:0kB bounce:0kB free_pcp:%lukB"
		       " local_pcp:%lukB free_cma:0kB\n",
		       zone->name, K(zone_page_state(zone, NR_FREE_PAGES)), K(zone->watermark_boost),
		       K(min_wmark_pages(zone)), K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
		       K(zone->nr_reserved_highatomic), K(zone->present_pages),
		       K(zone_managed_pages(zone)), K(zone_pcp_count(zone)), K(zone_pcp_count(zone)));
		printk("lowmem_reserve[]:");
		for (int i = 0; i < MAX_NR_ZONES; i++)
			printk(KERN_CONT " %ld", zone->lowmem_reserve[i]);
		printk(KERN_CONT "\n");
	}

	for_each_populated_zone(zone) {
		unsigned long total = 0;

		show_node(zone);
		printk(KERN_CONT "%s: ", zone->name);
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			char tmp[MIGRATE_TYPES + 1], *p = tmp;

			total += area->nr_free << order;
			printk(KERN_CONT "%lu*%lukB ", area->nr_free, K(1UL) << order);
			if (!area->nr_free)
				continue;
			for (int type = 0; type < MIGRATE_TYPES; type++)
				if (!list_empty(&area->free_list[type]))
					*p++ = types[type];
			*p = '\0';
			printk(KERN_CONT "(%s) ", tmp);
		}
		printk(KERN_CONT "= %lukB\n", K(total));
	}
	printk("0 total pagecache pages\n");
}

/**
 * show_mem - "Mem-Info:", the free areas and the page totals (lib/show_mem.c)
 */
void show_mem(void)
{
	unsigned long total = 0, reserved = 0, highmem = 0;
	struct zone *zone;

	printk("Mem-Info:\n");
	show_free_areas();
	for_each_populated_zone(zone) {
		total += zone->present_pages;
		reserved += zone->present_pages - zone_managed_pages(zone);
		if (is_highmem(zone))
			highmem += zone->present_pages;
	}
	printk("%lu pages RAM\n", total);
	printk("%lu pages HighMem/MovableOnly\n", highmem);
	printk("%lu pages reserved\n", reserved);
}

/* Does any node's ZONE_DMA manage pages? */
static bool has_managed_dma(void)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		if (zone_managed_pages(&pgdat->node_zones[ZONE_DMA]))
			return true;
	return false;
}

/**
 * warn_alloc - report an allocation failure, unless the caller said __GFP_NOWARN
 * @gfp_mask: the allocation's flags
 * @nodemask: its nodes (NULL: all)
 * @fmt: what failed ("page allocation failure: order:%u")
 *
 * "swapper: page allocation failure: order:11, mode:0xcc0(GFP_KERNEL),
 * nodemask=(null)", then show_mem().  Not for __GFP_NOWARN, nor for a
 * __GFP_DMA request when there is no DMA memory at all.  (Linux also dumps
 * the stack, adds the cpuset with CONFIG_CPUSETS, and says it at most once
 * per 10 s.)
 */
void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...)
{
	char what[96], gfp[256];
	va_list args;

	/* A DMA request on a machine without DMA memory is expected to fail. */
	if ((gfp_mask & __GFP_NOWARN) || ((gfp_mask & __GFP_DMA) && !has_managed_dma()))
		return;
	va_start(args, fmt);
	vsnprintf(what, sizeof(what), fmt, args);
	va_end(args);
	format_gfp_flags(gfp, sizeof(gfp), gfp_mask);
	if (nodemask)
		pr_warn("%s: %s, mode:%#x(%s), nodemask=%#lx\n", "swapper", what, gfp_mask, gfp,
			nodemask->bits);
	else
		pr_warn("%s: %s, mode:%#x(%s), nodemask=(null)\n", "swapper", what, gfp_mask, gfp);
	show_mem();
}
