// SPDX-License-Identifier: MIT
/*
 * The shell's memory commands: memblock, iomem, zoneinfo, page, pfn, memmap.
 *
 * Boot pipeline: these run at the prompt, once start_kernel() is done, and
 * read what the boot left behind: memblock (setup_arch), the nodes and zones
 * (free_area_init, mm/mm_init.c), the memory map of struct pages
 * (mm/memory_model/).  Each prints what the Linux file it mirrors prints:
 *
 *   memblock memory|reserved  /sys/kernel/debug/memblock/{memory,reserved}
 *                             (mm/memblock.c, memblock_debug_show)
 *   iomem                     /proc/iomem (kernel/resource.c, r_show), built
 *                             from memblock as the arch's setup.c does
 *   zoneinfo                  /proc/zoneinfo (mm/vmstat.c, zoneinfo_show_print);
 *                             its free counts, watermarks and protection
 *                             only with the buddy allocator (SHELL_HAVE_BUDDY)
 *   page <pfn>                dump_page() (mm/debug.c), flags as %pGp
 *                             (lib/vsprintf.c, format_page_flags)
 *   pfn, memmap               bootmm's own: conversions, and a bar of memory
 *                             that scripts/gdb's mm-memmap draws the same way
 *
 * memblock is __initdata unless the arch keeps it (CONFIG_ARCH_KEEP_MEMBLOCK,
 * include/mm/memblock.h): Linux frees it with the init sections and has no
 * debugfs memblock files then.  bootmm's arches do not keep it, so
 * shell_save_boot_state() copies both tables at the end of boot, before init
 * memory can go, and the commands show that copy and say so.
 */
#include <string.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <kernel/shell.h>
#include <mm/memblock.h>
#include <mm/memory_model.h>
#include <mm/mm_types.h>
#include <mm/mmzone.h>
#include <mm/page_flags.h>
#if SHELL_HAVE_BUDDY
#include <mm/page_alloc.h>
#include <mm/pageblock.h>
#endif

/* --- memblock, kept past the init sections ------------------------------------ */

struct memblock_copy {
	unsigned long cnt;		/* regions memblock had */
	unsigned long saved;		/* how many of them fit here */
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
};

static struct memblock_copy memory_copy, reserved_copy;
static bool boot_state_saved;

static void copy_type(struct memblock_copy *copy, const struct memblock_type *type)
{
	copy->cnt = type->cnt;
	copy->saved = min_t(unsigned long, type->cnt, INIT_MEMBLOCK_REGIONS);
	memcpy(copy->regions, type->regions, copy->saved * sizeof(copy->regions[0]));
}

void shell_save_boot_state(void)
{
	copy_type(&memory_copy, &memblock.memory);
	copy_type(&reserved_copy, &memblock.reserved);
	boot_state_saved = true;
}

/* The regions of memblock.memory (@reserved false) or .reserved, live or copied. */
static const struct memblock_region *memblock_regions(bool reserved, unsigned long *cnt)
{
#ifdef CONFIG_ARCH_KEEP_MEMBLOCK
	const struct memblock_type *type = reserved ? &memblock.reserved : &memblock.memory;

	*cnt = type->cnt;
	return type->regions;
#else
	const struct memblock_copy *copy = reserved ? &reserved_copy : &memory_copy;

	if (!boot_state_saved)
		shell_save_boot_state();	/* the shell started some other way: copy now */
	*cnt = copy->saved;
	return copy->regions;
#endif
}

static void memblock_show(bool reserved)
{
	const struct memblock_region *reg;
	unsigned long cnt;

	reg = memblock_regions(reserved, &cnt);
#ifdef CONFIG_ARCH_KEEP_MEMBLOCK
	shell_printf("# memblock/%s: live (this arch keeps memblock after boot: CONFIG_ARCH_KEEP_MEMBLOCK)\n",
		     reserved ? "reserved" : "memory");
#else
	shell_printf("# memblock/%s: the copy made at the end of boot (memblock is __initdata "
		     "without CONFIG_ARCH_KEEP_MEMBLOCK)\n", reserved ? "reserved" : "memory");
	{
		const struct memblock_copy *copy = reserved ? &reserved_copy : &memory_copy;

		if (copy->saved < copy->cnt)
			shell_printf("# only the first %lu of %lu regions were copied\n",
				     copy->saved, copy->cnt);
	}
#endif
	for (unsigned long i = 0; i < cnt; i++) {
		phys_addr_t base = reg[i].base;
		phys_addr_t end = reg[i].base + reg[i].size - 1;	/* an empty table: all ones, as Linux */

		shell_printf("%4lu: %pa..%pa\n", i, &base, &end);
	}
}

static int cmd_memblock(int argc, char **argv)
{
	if (argc == 1) {
		memblock_show(false);
		memblock_show(true);
		return 0;
	}
	if (argc != 2)
		return SHELL_USAGE;
	if (!strcmp(argv[1], "memory"))
		memblock_show(false);
	else if (!strcmp(argv[1], "reserved"))
		memblock_show(true);
	else
		return SHELL_USAGE;
	return 0;
}

/* --- iomem --------------------------------------------------------------------- */

struct iomem_entry {
	phys_addr_t start, end;		/* inclusive, as struct resource */
	const char *name;
};

#define IOMEM_CHILDREN_MAX	64

static void iomem_line(int depth, phys_addr_t start, phys_addr_t end, const char *name)
{
	/* r_show(): width 8 for the memory root, numbers wider when they need it. */
	shell_printf("%*s%08llx-%08llx : %s\n", depth * 2, "", (unsigned long long)start,
		     (unsigned long long)end, name);
}

static void iomem_sort(struct iomem_entry *e, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && e[j].start < e[j - 1].start; j--) {
			struct iomem_entry t = e[j];

			e[j] = e[j - 1];
			e[j - 1] = t;
		}
}

/*
 * The children of one "System RAM" range: the kernel image's parts, as Linux
 * names them on x86 (arch/x86/kernel/setup.c), and every memblock.reserved
 * range cut around them, as arm64's reserve_memblock_reserved_regions() does,
 * so that what boot reserved is visible.  The gap between "Kernel data" and
 * "Kernel bss" is the init sections, reserved until init memory is freed.
 */
static int iomem_children(phys_addr_t start, phys_addr_t end, struct iomem_entry *out)
{
	const struct iomem_entry image[] = {
		{ __pa(_text), __pa(_etext) - 1, "Kernel code" },
		{ __pa(__start_rodata), __pa(__end_rodata) - 1, "Kernel rodata" },
		{ __pa(_sdata), __pa(_edata) - 1, "Kernel data" },
		{ __pa(__bss_start), __pa(__bss_stop) - 1, "Kernel bss" },
	};
	const struct memblock_region *res;
	unsigned long nres;
	int n = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(image); i++)
		if (image[i].start >= start && image[i].end <= end && image[i].end >= image[i].start)
			out[n++] = image[i];

	res = memblock_regions(true, &nres);
	for (unsigned long r = 0; r < nres && n < IOMEM_CHILDREN_MAX; r++) {
		phys_addr_t s, e;

		if (!res[r].size)
			continue;
		s = max(res[r].base, start);
		e = min(res[r].base + res[r].size - 1, end);
		/* Walk the piece from left to right, stepping over the image's parts. */
		while (s <= e && n < IOMEM_CHILDREN_MAX) {
			phys_addr_t piece_end = e;
			bool covered = false;

			for (unsigned int i = 0; i < ARRAY_SIZE(image); i++) {
				if (image[i].end < image[i].start)
					continue;
				if (s >= image[i].start && s <= image[i].end) {
					s = image[i].end + 1;	/* inside a part: skip past it */
					covered = true;
					break;
				}
				if (image[i].start > s && image[i].start - 1 < piece_end)
					piece_end = image[i].start - 1;
			}
			if (covered) {
				if (s == 0)
					break;		/* wrapped past the top of the address space */
				continue;
			}
			out[n++] = (struct iomem_entry){ s, piece_end, "reserved" };
			if (piece_end == e)
				break;
			s = piece_end + 1;
		}
	}
	iomem_sort(out, n);
	return n;
}

static int cmd_iomem(int argc __maybe_unused, char **argv __maybe_unused)
{
	static struct iomem_entry children[IOMEM_CHILDREN_MAX];
	const struct memblock_region *mem;
	unsigned long cnt;

	mem = memblock_regions(false, &cnt);
	for (unsigned long i = 0; i < cnt; i++) {
		phys_addr_t start = mem[i].base, end = mem[i].base + mem[i].size - 1;
		int n;

		if (!mem[i].size)
			continue;
		/* Memory outside the direct map (NOMAP) is "reserved", as on arm64. */
		if (memblock_is_nomap(&mem[i])) {
			iomem_line(0, start, end, "reserved");
			continue;
		}
		iomem_line(0, start, end, "System RAM");
		n = iomem_children(start, end, children);
		for (int c = 0; c < n; c++)
			iomem_line(1, children[c].start, children[c].end, children[c].name);
	}
	return 0;
}

/* --- nodes and zones ------------------------------------------------------------- */

/* The zone whose span holds @pfn, by the zone tables (not by the struct page). */
static struct zone *zone_of_pfn(unsigned long pfn)
{
	struct zone *zone;
	int nid, z;

	shell_for_each_zone(nid, z, zone)
		if (zone->spanned_pages && pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone))
			return zone;
	return NULL;
}

static int cmd_zoneinfo(int argc __maybe_unused, char **argv __maybe_unused)
{
	struct zone *zone;
	int nid, z;

	shell_for_each_zone(nid, z, zone) {
		shell_printf("Node %d, zone %8s\n", nid, zone_names[z]);
#if SHELL_HAVE_BUDDY
		shell_printf("  pages free     %lu\n"
			     "        boost    %lu\n"
			     "        min      %lu\n"
			     "        low      %lu\n"
			     "        high     %lu\n",
			     zone_page_state(zone, NR_FREE_PAGES), zone->watermark_boost,
			     min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone));
#endif
		shell_printf("        spanned  %lu\n"
			     "        present  %lu\n"
			     "        managed  %lu\n",
			     zone->spanned_pages, zone->present_pages, zone->managed_pages);
#if SHELL_HAVE_BUDDY
		shell_printf("        protection: (%ld", zone->lowmem_reserve[0]);
		for (int i = 1; i < MAX_NR_ZONES; i++)
			shell_printf(", %ld", zone->lowmem_reserve[i]);
		shell_puts(")\n");
#endif
		/* An empty zone has nothing more to show, as in Linux. */
		if (!populated_zone(zone))
			continue;
#if SHELL_HAVE_BUDDY
		shell_printf("      nr_free_pages %lu\n", zone_page_state(zone, NR_FREE_PAGES));
		if (zone->per_cpu_pageset)
			shell_printf("  pagesets\n"
				     "    cpu: 0\n"
				     "              count: %d\n"
				     "              high:  %d\n"
				     "              batch: %d\n",
				     zone->per_cpu_pageset->count, zone->per_cpu_pageset->high,
				     zone->per_cpu_pageset->batch);
		shell_puts("  node_unreclaimable:  0\n");
#endif
		shell_printf("  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
	return 0;
}

/* --- one struct page ---------------------------------------------------------------- */

#if SHELL_HAVE_BUDDY
/* %pGp: the buddy allocator's format_page_flags() (mm/page_alloc_debug.c) names the flags. */
static void print_page_flags(unsigned long flags)
{
	char buf[128];

	format_page_flags(buf, sizeof(buf), flags);
	shell_puts(buf);
}
#else
/*
 * Without the buddy allocator there is no table of flag names: the set
 * flags print as numbers, as %pGp prints one it has no name for, then the
 * numbers the top bits hold.
 */
static void print_page_flags(unsigned long flags)
{
	const char *sep = "";

	shell_printf("%#lx(", flags);
	for (int bit = 0; bit < NR_PAGEFLAGS; bit++) {
		if (flags & (1UL << bit)) {
			shell_printf("%s%#lx", sep, 1UL << bit);
			sep = "|";
		}
	}
	if (SECTIONS_WIDTH) {
		shell_printf("%ssection=%lu", sep, (flags >> (SECTIONS_PGOFF % BITS_PER_LONG)) & SECTIONS_MASK);
		sep = "|";
	}
	shell_printf("%snode=%lu|zone=%lu)", sep, (flags >> NODES_PGOFF) & NODES_MASK,
		     (flags >> ZONES_PGOFF) & ZONES_MASK);
}
#endif

/*
 * Is @pfn in a free buddy block?  The block's head has PageBuddy and its
 * order in page->private; a page inside it has neither, so look at the heads
 * of the blocks of each order that would contain it (Linux's
 * is_free_buddy_page()).  Returns the head's pfn and order.
 */
static bool find_free_block(unsigned long pfn, unsigned long *head_pfn, unsigned int *order)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long head = pfn & ~((1UL << o) - 1);
		struct page *page;

		if (!pfn_valid(head))
			break;
		page = pfn_to_page(head);
		if (PageBuddy(page) && page_private(page) >= o) {
			*head_pfn = head;
			*order = (unsigned int)page_private(page);
			return true;
		}
	}
	return false;
}

static int cmd_page(int argc, char **argv)
{
	unsigned long pfn, head_pfn;
	unsigned int order;
	struct page *page;
	struct zone *zone;
	const u32 *raw;

	if (argc != 2)
		return SHELL_USAGE;
	if (!shell_parse_ulong("page", "pfn", argv[1], &pfn))
		return SHELL_FAILED;
	if (!pfn_valid(pfn)) {
		shell_printf("page: pfn %#lx has no struct page (pfn_valid() is false under %s): "
			     "not RAM the memory map covers\n", pfn, memory_model_name);
		return SHELL_FAILED;
	}
	page = pfn_to_page(pfn);

	/* mm/debug.c's lines; %p there is hashed, here the real address. */
	shell_printf("page:%08lx refcount:%d mapcount:%d mapping:%08lx index:%#lx pfn:%#lx\n",
		     (unsigned long)page, page_ref_count(page), page->_mapcount + 1,
		     (unsigned long)page->mapping, page->index, pfn);
	shell_puts("flags: ");
	print_page_flags(page->flags);
	shell_puts("\nraw:");
	raw = (const u32 *)page;
	for (unsigned int i = 0; i < sizeof(*page) / sizeof(u32); i++)
		shell_printf(" %08x", raw[i]);
	shell_puts("\n");

	/* bootmm's own lines: what the flags and page_type mean here. */
	zone = zone_of_pfn(pfn);
	if (zone)
		shell_printf("bootmm: pfn %#lx is in node %d, zone %s by the zone spans; its flags say "
			     "node %d, zone %s\n", pfn, zone->zone_pgdat->node_id, zone->name,
			     page_to_nid(page), zone_names[page_zonenum(page)]);
	else
		shell_printf("bootmm: pfn %#lx is in no zone's span\n", pfn);
	if (find_free_block(pfn, &head_pfn, &order)) {
		if (head_pfn == pfn)
			shell_printf("bootmm: buddy: free, the head of a block of order %u (%lu pages)\n",
				     order, 1UL << order);
		else
			shell_printf("bootmm: buddy: free, inside the block of order %u at pfn %#lx\n",
				     order, head_pfn);
	} else {
		shell_printf("bootmm: buddy: not free (no block of the buddy allocator holds it)\n");
	}
#if SHELL_HAVE_BUDDY
	{
		int mt = get_pageblock_migratetype(page);

		shell_printf("bootmm: pageblock at pfn %#lx: %s\n", pfn & ~(pageblock_nr_pages - 1),
			     mt >= 0 && mt < MIGRATE_TYPES ? migratetype_names[mt] : "(bad type)");
	}
#endif
	return 0;
}

/* --- conversions ------------------------------------------------------------------- */

static bool pfn_is_lowmem(unsigned long pfn)
{
	/* Unsigned: below ARCH_PFN_OFFSET wraps round to a huge value (as pfn_valid). */
	return pfn - ARCH_PFN_OFFSET < max_low_pfn - ARCH_PFN_OFFSET;
}

/*
 * May page_to_pfn() look at @addr?  Under SPARSEMEM it reads page->flags (the
 * section number), so a typed address must be mapped before it is tried:
 * low memory, where the memory map is allocated, or the VMEMMAP window, where
 * page_to_pfn() is a subtraction that reads nothing.
 */
static bool struct_page_address_mapped(unsigned long addr)
{
	unsigned long last = addr + sizeof(struct page) - 1;

	if (last < addr)
		return false;
	if (addr >= PAGE_OFFSET && pfn_is_lowmem(PHYS_PFN(__pa(addr))) && pfn_is_lowmem(PHYS_PFN(__pa(last))))
		return true;
#ifdef VMEMMAP_START
	if (addr >= VMEMMAP_START && last < VMEMMAP_END)
		return true;
#endif
	return false;
}

static void pfn_show(phys_addr_t phys)
{
	unsigned long pfn = PHYS_PFN(phys);
	struct zone *zone = zone_of_pfn(pfn);

	shell_printf("phys:        %pa\n", &phys);
	shell_printf("pfn:         %#lx (%lu), offset %#lx in the page\n", pfn, pfn,
		     (unsigned long)(phys & ~PAGE_MASK));
	if (pfn_is_lowmem(pfn))
		shell_printf("virt:        %#lx (lowmem: __va(phys))\n", (unsigned long)__va(phys));
	else
		shell_printf("virt:        none (not lowmem: below the first pfn or at/above max_low_pfn %#lx)\n",
			     max_low_pfn);
	if (pfn_valid(pfn))
		shell_printf("struct page: %#lx (%s pfn_to_page)\n", (unsigned long)pfn_to_page(pfn),
			     memory_model_name);
	else
		shell_printf("struct page: none (pfn_valid() is false under %s)\n", memory_model_name);
	if (zone)
		shell_printf("zone:        node %d, zone %s\n", zone->zone_pgdat->node_id, zone->name);
	else
		shell_printf("zone:        none\n");
}

static int cmd_pfn(int argc, char **argv)
{
	u64 addr;

	if (argc == 2) {
		if (!shell_parse_u64(argv[1], &addr)) {
			shell_printf("pfn: address '%s' is not a number (decimal, or hex with 0x)\n", argv[1]);
			return SHELL_FAILED;
		}
		if ((addr >> PAGE_SHIFT) > ULONG_MAX) {
			/* A pfn is an unsigned long: the page frame would be cut to 32 bits. */
			shell_printf("pfn: %#llx is past the last address a pfn can name (%#llx: pfns are %u-bit)\n",
				     (unsigned long long)addr,
				     ((unsigned long long)ULONG_MAX << PAGE_SHIFT) | (PAGE_SIZE - 1),
				     (unsigned int)(sizeof(unsigned long) * 8));
			return SHELL_FAILED;
		}
		pfn_show(addr);
		return 0;
	}
	if (argc != 3)
		return SHELL_USAGE;
	if (!shell_parse_u64(argv[2], &addr) || addr > ULONG_MAX) {
		shell_printf("pfn: address '%s' is not a 32-bit number (decimal, or hex with 0x)\n", argv[2]);
		return SHELL_FAILED;
	}
	if (!strcmp(argv[1], "virt")) {
		if (addr < PAGE_OFFSET || !pfn_is_lowmem(PHYS_PFN(__pa((unsigned long)addr)))) {
			shell_printf("pfn: %#llx is not a lowmem address (PAGE_OFFSET %#lx up to "
				     "__va(max_low_pfn))\n", addr, PAGE_OFFSET);
			return SHELL_FAILED;
		}
		pfn_show(__pa((unsigned long)addr));
		return 0;
	}
	if (!strcmp(argv[1], "page")) {
		const struct page *page = (const struct page *)(unsigned long)addr;
		unsigned long pfn = 0;

		/* Only a real struct page converts back to itself. */
		if (struct_page_address_mapped((unsigned long)addr))
			pfn = page_to_pfn(page);
		if (!struct_page_address_mapped((unsigned long)addr) || !pfn_valid(pfn) ||
		    pfn_to_page(pfn) != page) {
			shell_printf("pfn: %#llx is not the address of a struct page in the memory map\n",
				     addr);
			return SHELL_FAILED;
		}
		pfn_show(PFN_PHYS(pfn));
		return 0;
	}
	return SHELL_USAGE;
}

/* --- the picture ----------------------------------------------------------------------- */

#define MEMMAP_COLUMNS	64

/* First pfn of [lo, hi) inside [s, e), or ~0UL if they do not meet. */
static unsigned long first_common(unsigned long lo, unsigned long hi, unsigned long s, unsigned long e)
{
	if (s >= hi || e <= lo || s >= e)
		return ~0UL;
	return max(s, lo);
}

/*
 * One character per column of [lo, hi): what the memblock tables say, the
 * strongest wins: R (a reserved range touches it), X (NOMAP memory), = (memory),
 * blank (a hole).  scripts/gdb/bootmm_mm.py draws the same rows by the same rules.
 */
static char memblock_char(unsigned long lo, unsigned long hi)
{
	const struct memblock_region *r;
	unsigned long cnt;
	char c = ' ';

	r = memblock_regions(true, &cnt);
	for (unsigned long i = 0; i < cnt; i++)
		if (r[i].size && first_common(lo, hi, memblock_region_reserved_base_pfn(&r[i]),
					      memblock_region_reserved_end_pfn(&r[i])) != ~0UL)
			return 'R';
	r = memblock_regions(false, &cnt);
	for (unsigned long i = 0; i < cnt; i++) {
		if (!r[i].size || first_common(lo, hi, memblock_region_memory_base_pfn(&r[i]),
					       memblock_region_memory_end_pfn(&r[i])) == ~0UL)
			continue;
		if (memblock_is_nomap(&r[i]))
			c = 'X';
		else if (c == ' ')
			c = '=';
	}
	return c;
}

/* The node, then the zone, that holds the column's first pfn that any of them holds. */
static char node_char(unsigned long lo, unsigned long hi)
{
	unsigned long best = ~0UL;
	char c = ' ';

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long f;

		if (!pgdat || !pgdat->node_spanned_pages)
			continue;
		f = first_common(lo, hi, pgdat->node_start_pfn, pgdat_end_pfn(pgdat));
		if (f < best) {
			best = f;
			c = (char)('0' + nid);
		}
	}
	return c;
}

static char zone_char(unsigned long lo, unsigned long hi)
{
	static const char letters[MAX_NR_ZONES] = { 'D', 'N', 'H', 'M' };
	unsigned long best = ~0UL, f;
	struct zone *zone;
	char c = ' ';
	int nid, z;

	shell_for_each_zone(nid, z, zone) {
		if (!zone->spanned_pages)
			continue;
		f = first_common(lo, hi, zone->zone_start_pfn, zone_end_pfn(zone));
		if (f < best) {
			best = f;
			c = letters[z];
		}
	}
	return c;
}

#if SHELL_HAVE_BUDDY
struct free_count {
	unsigned long lo, hi, free;
};

static void count_free(unsigned long pfn, unsigned int order, void *arg)
{
	struct free_count *fc = arg;
	unsigned long end = pfn + (1UL << order);

	if (pfn < fc->hi && end > fc->lo)
		fc->free += min(end, fc->hi) - max(pfn, fc->lo);
}

/*
 * How much of the column's memory the buddy allocator has free: @ all of it,
 * + more than half, - some, . none; blank where there is no memory.
 */
static char free_char(unsigned long lo, unsigned long hi)
{
	struct free_count fc = { lo, hi, 0 };
	const struct memblock_region *r;
	unsigned long cnt, mem = 0;

	r = memblock_regions(false, &cnt);
	for (unsigned long i = 0; i < cnt; i++) {
		unsigned long s = memblock_region_memory_base_pfn(&r[i]);
		unsigned long e = memblock_region_memory_end_pfn(&r[i]);

		if (r[i].size && first_common(lo, hi, s, e) != ~0UL)
			mem += min(e, hi) - max(s, lo);
	}
	if (!mem)
		return ' ';
	shell_for_each_free_block(count_free, &fc);
	if (fc.free >= mem)
		return '@';
	if (2 * fc.free > mem)
		return '+';
	return fc.free ? '-' : '.';
}
#endif

static int cmd_memmap(int argc __maybe_unused, char **argv __maybe_unused)
{
	char row[MEMMAP_COLUMNS + 1];
	const struct memblock_region *mem;
	unsigned long cnt, start, end, per, cols;
	phys_addr_t first, last;

	mem = memblock_regions(false, &cnt);
	if (!cnt || !mem[0].size) {
		shell_puts("memmap: memblock.memory is empty: no memory to draw\n");
		return SHELL_FAILED;
	}
	start = PFN_DOWN(mem[0].base);
	end = PFN_UP(mem[cnt - 1].base + mem[cnt - 1].size);
	per = DIV_ROUND_UP(end - start, MEMMAP_COLUMNS);
	cols = DIV_ROUND_UP(end - start, per);
	first = PFN_PHYS(start);
	last = PFN_PHYS(end) - 1;

	shell_printf("memmap: [mem %#018llx-%#018llx], %lu columns of %lu pages (%lu KiB)\n",
		     (unsigned long long)first, (unsigned long long)last, cols, per, per << (PAGE_SHIFT - 10));
	row[cols] = '\0';
	for (unsigned long c = 0; c < cols; c++)
		row[c] = node_char(start + c * per, min(start + (c + 1) * per, end));
	shell_printf("node     |%s|\n", row);
	for (unsigned long c = 0; c < cols; c++)
		row[c] = zone_char(start + c * per, min(start + (c + 1) * per, end));
	shell_printf("zone     |%s|\n", row);
	for (unsigned long c = 0; c < cols; c++)
		row[c] = memblock_char(start + c * per, min(start + (c + 1) * per, end));
	shell_printf("memblock |%s|\n", row);
#if SHELL_HAVE_BUDDY
	for (unsigned long c = 0; c < cols; c++)
		row[c] = free_char(start + c * per, min(start + (c + 1) * per, end));
	shell_printf("free     |%s|\n", row);
#endif
	shell_puts("legend: node = its number; zone D DMA, N Normal, H HighMem, M Movable;\n"
		   "        memblock = memory, R reserved, X nomap, blank = hole");
	shell_puts(SHELL_HAVE_BUDDY ? "; free @ all, + over half, - some, . none\n" : "\n");
	return 0;
}

const struct shell_cmd shell_mm_cmds[] = {
	{ "memblock", "[memory|reserved]",
	  "memblock's tables (/sys/kernel/debug/memblock/memory, reserved)", cmd_memblock, 1 },
	{ "iomem", NULL, "RAM, the kernel and what boot reserved (/proc/iomem)", cmd_iomem, 0 },
	{ "zoneinfo", NULL, "every zone of every node (/proc/zoneinfo)", cmd_zoneinfo, 0 },
	{ "page", "<pfn>", "one struct page, as dump_page() prints it (mm/debug.c)", cmd_page, 1 },
	{ "pfn", "<phys>|virt <v>|page <p>",
	  "one page's pfn, addresses and struct page, from any of them", cmd_pfn, 2 },
	{ "memmap", NULL, "a bar of physical memory: nodes, zones, memblock", cmd_memmap, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};
