// SPDX-License-Identifier: MIT
/*
 * The shell's buddy-allocator commands: meminfo, buddyinfo, pagetypeinfo,
 * and alloc/free to watch blocks split and merge.
 *
 * Boot pipeline: they run at the prompt, after mem_init() handed the free
 * memory to the buddy allocator (mm/page_alloc*.c), and read its state:
 *
 *   meminfo        /proc/meminfo, the lines that apply to a kernel without
 *                  user space (fs/proc/meminfo.c, meminfo_proc_show)
 *   buddyinfo      /proc/buddyinfo (mm/vmstat.c, frag_show_print)
 *   pagetypeinfo   /proc/pagetypeinfo (mm/vmstat.c, pagetypeinfo_show)
 *   alloc, free    alloc_pages() and __free_pages() themselves
 *
 * Orders up to PAGE_ALLOC_COSTLY_ORDER go through the per-CPU lists, which
 * keep a batch of pages back from the buddy allocator on every allocation
 * and every free.  alloc and free drain them afterwards (drain_local_pages),
 * so that buddyinfo shows the buddy allocator's own split and merge — and an
 * alloc followed by its free leaves buddyinfo exactly as it was.
 *
 * alloc and free must not be a way to corrupt the allocator: free only
 * takes back what the shell's own alloc handed out, with the same order, so
 * the shell keeps a small table of its allocations and checks it first —
 * the double frees and wrong orders that Linux would catch as "Bad page
 * state" never reach __free_pages().
 *
 * Built only when the buddy allocator's interface exists (SHELL_HAVE_BUDDY,
 * include/kernel/shell.h).
 */
#include <kernel/shell.h>

#if SHELL_HAVE_BUDDY
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/memory_model.h>
#include <mm/mmzone.h>
#include <mm/page_alloc.h>
#include <mm/page_flags.h>
#include <mm/pageblock.h>

#define SHELL_ALLOCS_MAX	32

/* --- walking the free lists ------------------------------------------------------ */

/*
 * Blocks on one free list, counted up to @cap (Linux stops at 100000 and
 * prints ">" so that a huge list cannot stall the reader).  A zone whose
 * lists were never initialised has NULL pointers: empty.
 */
static unsigned long list_count(const struct list_head *head, unsigned long cap, bool *overflow)
{
	unsigned long n = 0;

	*overflow = false;
	if (!head->next)
		return 0;
	for (const struct list_head *pos = head->next; pos != head; pos = pos->next) {
		if (++n >= cap) {
			*overflow = true;
			break;
		}
	}
	return n;
}

void shell_for_each_free_block(void (*fn)(unsigned long pfn, unsigned int order, void *arg), void *arg)
{
	struct zone *zone;
	int nid, z;

	shell_for_each_zone(nid, z, zone) {
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				const struct list_head *head = &zone->free_area[order].free_list[mt];

				if (!head->next)
					continue;
				for (const struct list_head *pos = head->next; pos != head; pos = pos->next)
					fn(page_to_pfn(container_of(pos, struct page, lru)), order, arg);
			}
		}
	}
}

/* --- meminfo ------------------------------------------------------------------------ */

static void show_val_kb(const char *name, unsigned long pages)
{
	/* Linux pads the name to 16 columns and the number to 8. */
	shell_printf("%-16s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

static int cmd_meminfo(int argc __maybe_unused, char **argv __maybe_unused)
{
	unsigned long total, free, high_total, high_free;
	long available;

	/* Per-CPU list pages count as free here: back to the free lists first, as buddyinfo. */
	drain_all_pages(NULL);
	total = totalram_pages();
	free = nr_free_pages();
	high_total = totalhigh_pages();
	high_free = nr_free_highpages();
	/*
	 * si_mem_available(): free pages minus what the watermarks and lowmem
	 * reserves keep back; bootmm has no page cache or slab to reclaim.
	 */
	available = (long)free - (long)totalreserve_pages;
	if (available < 0)
		available = 0;
	show_val_kb("MemTotal:", total);
	show_val_kb("MemFree:", free);
	show_val_kb("MemAvailable:", (unsigned long)available);
	show_val_kb("HighTotal:", high_total);
	show_val_kb("HighFree:", high_free);
	show_val_kb("LowTotal:", total - high_total);
	show_val_kb("LowFree:", free - high_free);
	return 0;
}

/* --- buddyinfo, pagetypeinfo ---------------------------------------------------------- */

static int cmd_buddyinfo(int argc __maybe_unused, char **argv __maybe_unused)
{
	struct zone *zone;
	int nid, z;

	/*
	 * Pages on the per-CPU lists are free but in no free_area; put them back
	 * first, so the table counts every free page (Linux's file does not).
	 */
	drain_all_pages(NULL);
	shell_for_each_zone(nid, z, zone) {
		if (!populated_zone(zone))
			continue;
		shell_printf("Node %d, zone %8s ", nid, zone->name);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			shell_printf("%6lu ", zone->free_area[order].nr_free);
		shell_puts("\n");
	}
	return 0;
}

static void pagetypeinfo_node(pg_data_t *pgdat)
{
	shell_printf("Page block order: %d\n", pageblock_order);
	shell_printf("Pages per block:  %lu\n\n", pageblock_nr_pages);

	shell_printf("%-43s ", "Free pages count per migrate type at order");
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		shell_printf("%6u ", order);
	shell_puts("\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			shell_printf("Node %4d, zone %8s, type %12s ", pgdat->node_id, zone->name,
				     migratetype_names[mt]);
			for (unsigned int order = 0; order < MAX_ORDER; order++) {
				bool overflow;
				unsigned long n = list_count(&zone->free_area[order].free_list[mt], 100000,
							     &overflow);

				shell_printf("%s%6lu ", overflow ? ">" : "", n);
			}
			shell_puts("\n");
		}
	}

	shell_printf("\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		shell_printf("%12s ", migratetype_names[mt]);
	shell_puts("\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long count[MIGRATE_TYPES] = { 0 };

		if (!populated_zone(zone))
			continue;
		/* Each pageblock that starts on a page of this zone, by its type. */
		for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
		     pfn += pageblock_nr_pages) {
			struct page *page;
			int mt;

			if (!pfn_valid(pfn))
				continue;
			page = pfn_to_page(pfn);
			if (page_zone(page) != zone)
				continue;
			mt = get_pageblock_migratetype(page);
			if (mt >= 0 && mt < MIGRATE_TYPES)
				count[mt]++;
		}
		shell_printf("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			shell_printf("%12lu ", count[mt]);
		shell_puts("\n");
	}
}

static int cmd_pagetypeinfo(int argc __maybe_unused, char **argv __maybe_unused)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid) && NODE_DATA(nid)->node_present_pages)
			pagetypeinfo_node(NODE_DATA(nid));
	return 0;
}

/* --- alloc and free --------------------------------------------------------------------- */

struct shell_alloc {
	struct page *page;		/* NULL: a free slot */
	unsigned long pfn;
	unsigned int order;
	gfp_t gfp;
};

static struct shell_alloc shell_allocs[SHELL_ALLOCS_MAX];

/* GFP names a student may type, joined with '|' (Linux's spelling). */
static const struct {
	const char *name;
	gfp_t gfp;
} gfp_names[] = {
	{ "GFP_KERNEL", GFP_KERNEL }, { "GFP_ATOMIC", GFP_ATOMIC }, { "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_USER", GFP_USER }, { "GFP_HIGHUSER", GFP_HIGHUSER },
	{ "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE }, { "GFP_DMA", GFP_DMA },
	{ "__GFP_DMA", __GFP_DMA }, { "__GFP_HIGHMEM", __GFP_HIGHMEM },
	{ "__GFP_MOVABLE", __GFP_MOVABLE }, { "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE },
	{ "__GFP_HIGH", __GFP_HIGH }, { "__GFP_ATOMIC", __GFP_ATOMIC }, { "__GFP_ZERO", __GFP_ZERO },
	{ "__GFP_COMP", __GFP_COMP }, { "__GFP_NOWARN", __GFP_NOWARN },
};

/*
 * "GFP_KERNEL", "GFP_HIGHUSER|__GFP_ZERO" or a number.  Flags that would make
 * the allocator wait for memory nobody will free (__GFP_NOFAIL) or that are
 * not allocation requests at all are refused rather than passed on.
 */
/* How many of the three zone modifiers are set. */
static unsigned int hweight_zone_bits(gfp_t gfp)
{
	return !!(gfp & __GFP_DMA) + !!(gfp & __GFP_DMA32) + !!(gfp & __GFP_HIGHMEM);
}

static bool parse_gfp(const char *s, gfp_t *gfp)
{
	char word[32];
	u64 num;

	*gfp = 0;
	while (*s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		bool found = false;

		if (len == 0 || len >= sizeof(word)) {
			shell_printf("alloc: '%s' is not a GFP name\n", s);
			return false;
		}
		memcpy(word, s, len);
		word[len] = '\0';
		for (unsigned int i = 0; i < ARRAY_SIZE(gfp_names); i++) {
			if (!strcmp(word, gfp_names[i].name)) {
				*gfp |= gfp_names[i].gfp;
				found = true;
				break;
			}
		}
		if (!found) {
			if (!shell_parse_u64(word, &num) || num > 0xffffffffu) {
				shell_printf("alloc: unknown GFP flags '%s' (try GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER, "
					     "GFP_DMA, __GFP_ZERO..., joined with |, or a number)\n", word);
				return false;
			}
			*gfp |= (gfp_t)num;
		}
		s += len;
		if (*s == '|')
			s++;
	}
	if (*gfp & (__GFP_NOFAIL | __GFP_MEMALLOC)) {
		shell_puts("alloc: __GFP_NOFAIL and __GFP_MEMALLOC are refused here: with nothing to "
			   "reclaim the first could wait forever, the second empties the reserves\n");
		return false;
	}
	if (hweight_zone_bits(*gfp) > 1) {
		/* Linux's GFP_ZONE_BAD: gfp_zone() would VM_BUG_ON(); bootmm's gfp_zone() falls back to DMA. */
		shell_printf("alloc: %#x names more than one zone (__GFP_DMA, __GFP_DMA32, __GFP_HIGHMEM): "
			     "a bad combination (Linux's GFP_ZONE_BAD), refused\n", *gfp);
		return false;
	}
	if ((*gfp & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK) {
		/*
		 * gfp_migratetype() would WARN (Linux's VM_WARN_ON): no migrate
		 * type is both.  Refused here, at the boundary, before any
		 * allocator sees it.
		 */
		shell_puts("alloc: __GFP_MOVABLE and __GFP_RECLAIMABLE together are a bad combination: "
			   "an allocation is movable or reclaimable, not both (gfp_migratetype() warns)\n");
		return false;
	}
	if (*gfp & ~(gfp_t)0xffffffu) {
		shell_printf("alloc: %#x has bits no GFP flag uses\n", *gfp);
		return false;
	}
	return true;
}

static void list_allocs(void)
{
	bool any = false;

	for (unsigned int i = 0; i < SHELL_ALLOCS_MAX; i++) {
		const struct shell_alloc *a = &shell_allocs[i];

		if (!a->page)
			continue;
		if (!any)
			shell_puts("the shell's allocations (free them with: free <pfn> <order>):\n");
		any = true;
		shell_printf("  pfn %#lx order %u (%lu pages) gfp %#x zone %s\n", a->pfn, a->order,
			     1UL << a->order, a->gfp, page_zone(a->page)->name);
	}
	if (!any)
		shell_puts("the shell has no allocations\n");
}

static int cmd_alloc(int argc, char **argv)
{
	struct shell_alloc *slot = NULL;
	unsigned long order;
	struct page *page;
	gfp_t gfp = GFP_KERNEL;
	phys_addr_t phys;

	if (argc == 1) {
		list_allocs();
		return 0;
	}
	if (!shell_parse_ulong("alloc", "order", argv[1], &order))
		return SHELL_FAILED;
	if (order >= MAX_ORDER) {
		shell_printf("alloc: order %lu is too large: the buddy allocator's blocks go up to order %d\n",
			     order, MAX_ORDER - 1);
		return SHELL_FAILED;
	}
	if (argc == 3 && !parse_gfp(argv[2], &gfp))
		return SHELL_FAILED;
	for (unsigned int i = 0; i < SHELL_ALLOCS_MAX && !slot; i++)
		if (!shell_allocs[i].page)
			slot = &shell_allocs[i];
	if (!slot) {
		shell_printf("alloc: the shell keeps at most %d allocations: free one first\n",
			     SHELL_ALLOCS_MAX);
		return SHELL_FAILED;
	}

	page = alloc_pages(gfp, (unsigned int)order);
	drain_local_pages(NULL);	/* the batch the per-CPU list took goes back */
	if (!page) {
		shell_printf("alloc: no free block of order %lu for gfp %#x\n", order, gfp);
		return SHELL_FAILED;
	}
	*slot = (struct shell_alloc){ page, page_to_pfn(page), (unsigned int)order, gfp };
	phys = PFN_PHYS(slot->pfn);
	shell_printf("alloc: order %lu (%lu pages) at pfn %#lx, phys %pa, struct page %#lx, node %d, zone %s\n",
		     order, 1UL << order, slot->pfn, &phys, (unsigned long)page, page_to_nid(page),
		     page_zone(page)->name);
	return 0;
}

static int cmd_free(int argc, char **argv)
{
	struct shell_alloc *a = NULL;
	unsigned long pfn, order;

	if (argc != 3)
		return SHELL_USAGE;
	if (!shell_parse_ulong("free", "pfn", argv[1], &pfn) ||
	    !shell_parse_ulong("free", "order", argv[2], &order))
		return SHELL_FAILED;
	for (unsigned int i = 0; i < SHELL_ALLOCS_MAX && !a; i++)
		if (shell_allocs[i].page && shell_allocs[i].pfn == pfn)
			a = &shell_allocs[i];
	if (!a) {
		shell_printf("free: pfn %#lx was not allocated by the shell's alloc: refusing to free "
			     "it (the kernel owns it, or it is free already)\n", pfn);
		list_allocs();
		return SHELL_FAILED;
	}
	if (a->order != order) {
		shell_printf("free: pfn %#lx was allocated with order %u, not %lu: a wrong order "
			     "would corrupt the free lists\n", pfn, a->order, order);
		return SHELL_FAILED;
	}
	__free_pages(a->page, a->order);
	drain_local_pages(NULL);	/* from the per-CPU list into the buddy allocator: merged */
	shell_printf("free: order %u (%lu pages) at pfn %#lx back to the buddy allocator\n", a->order,
		     1UL << a->order, pfn);
	a->page = NULL;
	return 0;
}

const struct shell_cmd shell_buddy_cmds[] = {
	{ "meminfo", NULL, "memory totals and free memory (/proc/meminfo)", cmd_meminfo, 0 },
	{ "buddyinfo", NULL, "free blocks of each order in each zone (/proc/buddyinfo)", cmd_buddyinfo, 0 },
	{ "pagetypeinfo", NULL, "free blocks and pageblocks by migrate type (/proc/pagetypeinfo)",
	  cmd_pagetypeinfo, 0 },
	{ "alloc", "<order> [gfp]", "alloc_pages(gfp, order); alone: the shell's allocations", cmd_alloc, 2 },
	{ "free", "<pfn> <order>", "__free_pages() of a block the shell's alloc handed out", cmd_free, 2 },
	{ NULL, NULL, NULL, NULL, 0 }
};

#endif /* SHELL_HAVE_BUDDY */
