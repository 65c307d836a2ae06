// SPDX-License-Identifier: MIT
/*
 * Unit tests of memory hot-plug (mm/memory_hotplug.c over
 * mm/sparse_hotplug.c, the SPARSEMEM seam of sparsemem.c and
 * mm/bootmem_info.c) with a PAE PC's section geometry, 512 MiB sections;
 * test_memory_hotplug_sparsemem_arm.c is the same program with ARM's, 256 MiB.
 * The machine and the helpers are in test_memory_hotplug.h.
 *
 * What they pin, Linux's behaviour (6.1's mm/memory_hotplug.c, mm/sparse.c)
 * unless said otherwise:
 *   - add_memory(): its refusals and that they change nothing; a hot-added
 *     section is present and valid, not early, offline, every struct page
 *     reserved in its node, its map and usage from the buddy allocator;
 *   - zone_for_pfn_range(): online_kernel, online_movable, online, with
 *     bootmm's HighMem rule for 32-bit;
 *   - online_pages()/offline_pages(): zone and node spans grow and shrink as
 *     move_pfn_range_to_zone()/remove_pfn_range_from_zone() make them, every
 *     count moves by exactly the block, a busy page refuses the offline and
 *     leaves nothing changed;
 *   - remove_memory(): only offline blocks; the metadata pages go back
 *     (hot-added ones to the buddy allocator, boot ones through
 *     put_page_bootmem(), a shared usage page with its last section).
 *
 * With the x86 geometry on the 64-bit host a section's memory map is 7 MiB,
 * an order-11 block that the buddy allocator (MAX_ORDER 11) cannot give, so
 * add_memory() always fails there with -ENOMEM (test_add_memory_enomem pins
 * the rollback): the tests of hot-added sections run with ARM's geometry
 * only (HOTADD_TESTS); the others use the boot's sections, which can be
 * offlined, onlined and removed in both.
 */
#include "test_memory_hotplug.h"

/* --- the block and the memory map ---------------------------------------------------- */

/*
 * A memory block is a section (memory_block_size_bytes()); a hot-added
 * section's map is one block of MEMMAP_ORDER: 10 on the host with ARM's
 * geometry (3.5 MiB), 11 with the x86 one (7 MiB; 4 MiB in the kernel).
 * The program's choice of tests rests on this.
 */
static void test_block_size_and_memmap_order(void **state)
{
	(void)state;
	assert_true(memory_hotplug_supported());
	assert_int_equal(memory_block_size_bytes(), X86_GEOMETRY ? MiB(512) : MiB(256));
	assert_int_equal(memory_block_size_bytes(), SEC_BYTES);
	assert_int_equal(MEMMAP_ORDER, X86_GEOMETRY ? 11 : 10);
	assert_int_equal(USAGE_ORDER, 0);
	assert_int_equal(MEMMAP_PAGES, X86_GEOMETRY ? 1792 : 896);
}

/* Pages of [@p, @p + @size) whose address memblock.memory holds. */
static unsigned long memory_pages_of(const void *p, size_t size)
{
	unsigned long n = 0;

	for (unsigned long pfn = PFN_DOWN(__pa(p)); pfn < PFN_UP(__pa(p) + size); pfn++)
		n += memblock_is_memory(PFN_PHYS(pfn));
	return n;
}

/* Does [@p, @p + @size) touch the page at @pfn? */
static bool touches(const void *p, size_t size, unsigned long pfn)
{
	return PFN_DOWN(__pa(p)) <= pfn && pfn < PFN_UP(__pa(p) + size);
}

/* The registrations a page of metadata has: the usages and pglist_data touching it. */
static unsigned long registrations_of(unsigned long pfn)
{
	unsigned long n = 0;

	for (unsigned long nr = 0; nr < NR_MEM_SECTIONS; nr++)
		if (valid_section(__nr_to_section(nr)) && early_section(__nr_to_section(nr)))
			n += touches(__nr_to_section(nr)->usage, mem_section_usage_size(), pfn);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			n += touches(NODE_DATA(nid), sizeof(pg_data_t), pfn);
	return n;
}

/*
 * mem_init()'s register_page_bootmem_info() tags every boot section's map
 * (SECTION_INFO, owner the section) and usage (MIX_SECTION_INFO), and each
 * node's pglist_data (NODE_INFO): one reference per registration, counted
 * on the "bootmem_info:" line.  Oracle: the pages each object touches.
 */
static void test_boot_registers_metadata(void **state)
{
	unsigned long want = 0, sections = 0, nr = pfn_to_section_nr(HB2);
	struct mem_section *ms = __nr_to_section(nr);
	struct page *map, *usage_page;
	char line[160];

	(void)state;
	boot_two_nodes();
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (NODE_DATA(nid))
			want += memory_pages_of(NODE_DATA(nid), sizeof(pg_data_t));
	for (unsigned long n = 0; n < NR_MEM_SECTIONS; n++) {
		const struct mem_section *s = __nr_to_section(n);

		if (!valid_section(s))
			continue;
		assert_true(early_section(s) && online_section(s));
		sections++;
		want += MEMMAP_PAGES + memory_pages_of(s->usage, mem_section_usage_size());
	}
	assert_int_equal(sections, 6);	/* bank A's, HB1-3, N1A, N1B */
	snprintf(line, sizeof(line),
		 "bootmem_info: %lu metadata pages registered (pglist_data, section memmap and usage)\n", want);
	if (!host_log_contains(line))
		fail_msg("no line \"%s\" in:\n%s", line, host_log());

	map = virt_to_page(sparse_decode_mem_map(ms->section_mem_map, nr));
	for (struct page *p = map; p < map + MEMMAP_PAGES; p++) {
		assert_int_equal(p->index, SECTION_INFO);
		assert_int_equal(page_private(p), nr);
		assert_true(PagePrivate(p) && PageReserved(p));
		assert_int_equal(page_ref_count(p), 2);
	}
	/* Boot packs a node's usages together: one reference per object on the page. */
	usage_page = virt_to_page(ms->usage);
	assert_true(usage_page->index >= MEMORY_HOTPLUG_MIN_BOOTMEM_TYPE &&
		    usage_page->index <= MEMORY_HOTPLUG_MAX_BOOTMEM_TYPE);
	assert_true(PageReserved(usage_page) && PagePrivate(usage_page));
	assert_true(registrations_of(page_to_pfn(usage_page)) >= 4);	/* node 0's four sections */
	assert_int_equal(page_ref_count(usage_page), 1 + registrations_of(page_to_pfn(usage_page)));
}

/* --- add_memory(): refusals ----------------------------------------------------------- */

/*
 * check_hotplug_memory_range(), mhp_range_allowed(), the node check and
 * register_memory_resource(): unaligned start or size -EINVAL, beyond
 * sparse_max_pfn() -E2BIG (without overflowing), RAM already there -EEXIST,
 * no such node -EINVAL.  Each refusal leaves memblock, every section and
 * every count as they were.
 */
static void test_add_memory_refusals(void **state)
{
	const u64 max = (u64)sparse_max_pfn() << PAGE_SHIFT;
	const struct {
		int nid;
		u64 start, size;
		int err;
		const char *msg;
	} cases[] = {
		{ 0, PHYS(LOW1) + PAGE_SIZE, SEC_BYTES, -EINVAL, "Section-unaligned hotplug range" },
		{ 0, PHYS(LOW1) + SEC_BYTES / 2, SEC_BYTES, -EINVAL, "Section-unaligned hotplug range" },
		{ 0, PHYS(LOW1), SEC_BYTES / 2, -EINVAL, "Section-unaligned hotplug range" },
		{ 0, PHYS(LOW1), SEC_BYTES + MiB(2), -EINVAL, "Section-unaligned hotplug range" },
		{ 0, PHYS(LOW1), 0, -EINVAL, "Section-unaligned hotplug range" },
		{ 0, max, SEC_BYTES, -E2BIG, "exceeds maximum addressable range" },
		{ 0, max - SEC_BYTES, 2 * SEC_BYTES, -E2BIG, "exceeds maximum addressable range" },
		{ 0, PHYS(HA_ABOVE), ALIGN_DOWN(~0ULL, SEC_BYTES), -E2BIG, "exceeds maximum addressable range" },
		{ 0, PHYS(BANK_A), SEC_BYTES, -EEXIST, "Unable to reserve System RAM region" },
		{ 0, PHYS(LOW1), 2 * SEC_BYTES, -EEXIST, "Unable to reserve System RAM region" },
		{ 0, PHYS(HB3), 2 * SEC_BYTES, -EEXIST, "Unable to reserve System RAM region" },
		{ 1, PHYS(LOW1), SEC_BYTES, -EINVAL, "add_memory: node 1 is not online" },
		{ -1, PHYS(LOW1), SEC_BYTES, -EINVAL, "add_memory: node -1 is not online" },
		{ MAX_NUMNODES, PHYS(LOW1), SEC_BYTES, -EINVAL, "is not online" },
	};
	struct counts before, after;

	(void)state;
	boot_one_node();
	counts_take(&before);
	layout_take(&layout_before);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int ret;

		host_log_reset();
		ret = add_memory(cases[i].nid, cases[i].start, cases[i].size);
		if (ret != cases[i].err)
			fail_msg("case %zu: add_memory(%d, %#llx, %#llx) returned %d, not %d", i,
				 cases[i].nid, (unsigned long long)cases[i].start,
				 (unsigned long long)cases[i].size, ret, cases[i].err);
		if (!host_log_contains(cases[i].msg))
			fail_msg("case %zu: no \"%s\" in:\n%s", i, cases[i].msg, host_log());
		layout_assert_same(&layout_before);
		counts_take(&after);
		counts_assert(&before, &after);
	}
}

/*
 * No memory for the map: -ENOMEM, and what was done is undone (the usage
 * page freed, the section not present, memblock as it was).  With the x86
 * geometry on the host the map can never be had (order 11); with ARM's,
 * every block of its order is taken first.
 */
static void test_add_memory_enomem(void **state)
{
	struct page *held[256];
	unsigned int n = 0;
	struct counts before, after;

	(void)state;
	boot_one_node();
	if (MEMMAP_ORDER < MAX_ORDER) {
		struct page *page;

		while ((page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, MEMMAP_ORDER))) {
			assert_true(n < ARRAY_SIZE(held));
			held[n++] = page;
		}
		assert_true(n > 0);
	}
	counts_take(&before);
	layout_take(&layout_before);
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), -ENOMEM);
	assert_int_equal(add_memory(0, PHYS(HA_ABOVE), 2 * SEC_BYTES), -ENOMEM);
	layout_assert_same(&layout_before);
	counts_take(&after);
	counts_ignore_types(&before, &after);
	counts_assert(&before, &after);
	assert_false(pfn_valid(LOW1) || pfn_valid(HA_ABOVE));
	while (n)
		__free_pages(held[--n], MEMMAP_ORDER);
	pa_check();
}

/*
 * memory_add_physaddr_to_nid(): the node whose span holds the address (a
 * hole in it too), else node 0, with arm64's "Unknown node" warning on a
 * machine of several nodes.
 */
static void test_memory_add_physaddr_to_nid(void **state)
{
	(void)state;
	boot_two_nodes();
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(N1A)), 1);
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(N1B + SEC) - 1), 1);
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(BANK_A)), 0);
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(HB3 + SEC) - 1), 0);
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(LOW1)), 0);
	assert_false(host_log_contains("Unknown node"));
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(GAP)), 0);
	assert_true(host_log_contains("Unknown node for memory at 0x"));
	host_log_reset();
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(N1_ABOVE)), 0);
	assert_true(host_log_contains("assuming node 0"));

	/* One node: node 0 without a word. */
	reset(NULL);
	boot_one_node();
	assert_int_equal(memory_add_physaddr_to_nid(PHYS(GAP)), 0);
	assert_false(host_log_contains("Unknown node"));
}

/* --- zone_for_pfn_range() --------------------------------------------------------------- */

/*
 * online_kernel: the first kernel zone below Normal the block meets, else
 * Normal (Linux's default_kernel_zone_for_pfn()); bootmm's 32-bit rule: a
 * block reaching past max_low_pfn goes to HighMem whatever it meets.
 * zone_can_hold_pfn_range() says which zone may take which pfns.  The boot
 * zones span their holes (Normal holds LOW1).
 */
static void test_zone_for_pfn_range_kernel(void **state)
{
	struct zone *dma, *normal, *high, *movable;

	(void)state;
	boot_one_node();
	dma = zone_of_node(0, ZONE_DMA);
	normal = zone_of_node(0, ZONE_NORMAL);
	high = zone_of_node(0, ZONE_HIGHMEM);
	movable = zone_of_node(0, ZONE_MOVABLE);
	assert_int_equal(max_low_pfn, LOW_END);
	assert_int_equal(dma->zone_start_pfn, BANK_A);
	assert_int_equal(zone_end_pfn(dma), DMA_END);
	assert_int_equal(normal->zone_start_pfn, DMA_END);
	assert_int_equal(zone_end_pfn(normal), LOW_END);
	assert_int_equal(high->zone_start_pfn, HB1);
	assert_int_equal(zone_end_pfn(high), HB3 + SEC);

	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, BANK_A, SEC), dma);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, DMA_END, 0x1000), normal);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW1, SEC), normal);
	/* Ending at max_low_pfn is low memory; one pfn further is not. */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW_END - 1, 1), normal);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW_END - 1, 2), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW1, 2 * SEC), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HB2, SEC), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HA_ABOVE, SEC), high);
	/* Even a block that meets DMA, if it reaches past max_low_pfn. */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, BANK_A, LOW_END - BANK_A + 1), high);

	assert_true(zone_can_hold_pfn_range(normal, LOW1, SEC));
	assert_true(zone_can_hold_pfn_range(dma, LOW1, SEC));
	assert_false(zone_can_hold_pfn_range(normal, HA_ABOVE, SEC));
	assert_false(zone_can_hold_pfn_range(dma, HB1, SEC));
	assert_false(zone_can_hold_pfn_range(normal, LOW_END - 1, 2));
	assert_true(zone_can_hold_pfn_range(high, LOW1, SEC));
	assert_true(zone_can_hold_pfn_range(high, HA_ABOVE, SEC));
	/* ZONE_MOVABLE comes from HighMem here (the highest zone with pages): anywhere. */
	assert_true(is_highmem(movable));
	assert_true(zone_can_hold_pfn_range(movable, HA_ABOVE, SEC));
	assert_true(zone_can_hold_pfn_range(movable, LOW1, SEC));

	/* Meeting no zone at all, in low memory: Normal. */
	reset(NULL);
	boot_lowmem_only();
	assert_int_equal(zone_end_pfn(zone_of_node(0, ZONE_NORMAL)), BANK_A_END);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, LOW1, SEC), zone_of_node(0, ZONE_NORMAL));
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HB1, SEC), zone_of_node(0, ZONE_HIGHMEM));

	/* Node 1's blocks go to node 1's zones. */
	reset(NULL);
	boot_two_nodes();
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 1, N1_ABOVE, SEC),
			 zone_of_node(1, ZONE_HIGHMEM));
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_MOVABLE, 1, N1_ABOVE, SEC),
			 zone_of_node(1, ZONE_MOVABLE));
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 1, N1B, SEC), zone_of_node(1, ZONE_HIGHMEM));
}

/*
 * online (MMOP_ONLINE), Linux's default_zone_for_pfn(): a block that meets
 * only the kernel zone or only Movable stays with it; one that meets both or
 * neither goes to Movable with movable_node (if Movable may hold it), else
 * to the kernel zone.  online_movable is ZONE_MOVABLE whatever it meets.
 * Movable gets a block by offlining HB3 and onlining it movable.
 */
static void test_zone_for_pfn_range_default(void **state)
{
	struct zone *normal, *high, *movable;

	(void)state;
	boot_one_node();
	normal = zone_of_node(0, ZONE_NORMAL);
	high = zone_of_node(0, ZONE_HIGHMEM);
	movable = zone_of_node(0, ZONE_MOVABLE);
	assert_int_equal(movable->spanned_pages, 0);

	/* Movable empty: the kernel zone, or what online_movable says. */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, LOW1, SEC), normal);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HA_ABOVE, SEC), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB2, SEC), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_MOVABLE, 0, LOW1, SEC), movable);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_MOVABLE, 0, HB2, SEC), movable);

	offline(HB3);
	assert_ptr_equal(online(MMOP_ONLINE_MOVABLE, 0, HB3, SEC), movable);
	assert_int_equal(movable->zone_start_pfn, HB3);
	assert_int_equal(movable->spanned_pages, SEC);
	assert_int_equal(zone_end_pfn(high), HB3);

	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB3, SEC), movable);	/* only Movable */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB2, SEC), high);	/* only HighMem */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB2, 2 * SEC), high);	/* both */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HA_ABOVE, SEC), high);	/* neither */
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HB3, SEC), high);

	/* movable_node: both and neither go to Movable; the others stay. */
	assert_int_equal(host_early_param("movable_node", NULL), 0);
	assert_true(movable_node_is_enabled());
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB2, 2 * SEC), movable);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HA_ABOVE, SEC), movable);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB3, SEC), movable);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB2, SEC), high);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, LOW1, SEC), normal);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_KERNEL, 0, HA_ABOVE, SEC), high);

	/*
	 * No HighMem at boot: Movable is carved from Normal, low memory, and
	 * cannot take a block past max_low_pfn; movable_node then gives the
	 * kernel zone, HighMem.  A low block meeting no zone goes to Movable.
	 */
	reset(NULL);
	assert_int_equal(host_early_param("movable_node", NULL), 0);
	boot_lowmem_only();
	movable = zone_of_node(0, ZONE_MOVABLE);
	assert_false(is_highmem(movable));
	assert_false(zone_can_hold_pfn_range(movable, HB1, SEC));
	assert_true(zone_can_hold_pfn_range(movable, LOW1, SEC));
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, HB1, SEC), zone_of_node(0, ZONE_HIGHMEM));
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE, 0, LOW1, SEC), movable);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_MOVABLE, 0, HB1, SEC), movable);
}

/* --- online_pages() and offline_pages() of boot sections ----------------------------------- */

/*
 * online_pages() takes whole offline sections only (-EINVAL otherwise: one
 * online already, unaligned, no map), and no block past max_low_pfn into a
 * zone of low memory (-ERANGE, with a message).  Nothing changes.
 */
static void test_online_pages_refusals(void **state)
{
	struct zone *dma, *normal, *high;
	struct counts before, after;

	(void)state;
	boot_one_node();
	dma = zone_of_node(0, ZONE_DMA);
	normal = zone_of_node(0, ZONE_NORMAL);
	high = zone_of_node(0, ZONE_HIGHMEM);
	offline(HB3);
	counts_take(&before);
	layout_take(&layout_before);

	assert_int_equal(online_pages(HB2, SEC, high), -EINVAL);		/* online already */
	assert_int_equal(online_pages(HB2, 2 * SEC, high), -EINVAL);		/* one of two online */
	assert_int_equal(online_pages(HB3 + pageblock_nr_pages, SEC, high), -EINVAL);
	assert_int_equal(online_pages(HB3, SEC / 2, high), -EINVAL);
	assert_int_equal(online_pages(HB3, 0, high), -EINVAL);
	assert_int_equal(online_pages(HA_ABOVE, SEC, high), -EINVAL);	/* no such section */
	assert_int_equal(online_pages(HB3, 2 * SEC, high), -EINVAL);	/* HA_ABOVE with it */
	host_log_reset();
	assert_int_equal(online_pages(HB3, SEC, normal), -ERANGE);
	assert_true(host_log_contains("zone Normal is low memory and the block reaches past max_low_pfn"));
	assert_int_equal(online_pages(HB3, SEC, dma), -ERANGE);
	assert_true(host_log_contains("zone DMA is low memory"));

	layout_assert_same(&layout_before);
	counts_take(&after);
	counts_assert(&before, &after);
	assert_false(online_section(section_of(HB3)));
	assert_offline_pages(HB3, 0, ZONE_HIGHMEM);
}

/*
 * Offlining the blocks of a zone from its edges (Linux's shrink_zone_span()):
 * the first block moves the start up, the last moves the end down, the only
 * one left empties the zone (start 0, spanned 0) and its per-CPU lists go
 * back to the boot pageset; the node's span follows its zones.  Every
 * count drops by exactly the block: present, managed, free, totalram, and
 * totalhigh for pfns above max_low_pfn.  The pages stay reserved in their
 * zone.  Onlining them back (move_pfn_range_to_zone()): an empty zone takes
 * the block's span, a non-empty one grows down or up to it; in the end every
 * count is what the boot left.
 */
static void test_offline_online_zone_edges(void **state)
{
	struct counts boot_counts, want, got;
	struct zone *high;

	(void)state;
	boot_one_node();
	high = zone_of_node(0, ZONE_HIGHMEM);
	counts_take(&boot_counts);
	assert_int_equal(high->zone_start_pfn, HB1);
	assert_int_equal(high->spanned_pages, 3 * SEC);
	assert_int_equal(boot_counts.zone[0][ZONE_HIGHMEM].free, 3 * SEC);
	assert_int_equal(boot_counts.totalhigh, 3 * SEC);
	assert_int_equal(boot_counts.node[0].start, BANK_A);
	assert_int_equal(boot_counts.node[0].spanned, HB3 + SEC - BANK_A);

#define BLOCK_LEFT(zid)								\
	do {									\
		want.zone[0][zid].present -= SEC;				\
		want.zone[0][zid].managed -= SEC;				\
		want.zone[0][zid].free -= SEC;					\
		want.zone[0][zid].free_by_type[MIGRATE_MOVABLE] -= SEC;		\
		want.node[0].present -= SEC;					\
		want.free -= SEC;						\
		want.totalram -= SEC;						\
		want.totalhigh -= SEC;						\
	} while (0)
	/* The first block: the zone starts at the next one. */
	want = boot_counts;
	offline(HB1);
	want.zone[0][ZONE_HIGHMEM].start = HB2;
	want.zone[0][ZONE_HIGHMEM].spanned = 2 * SEC;
	BLOCK_LEFT(ZONE_HIGHMEM);
	counts_take(&got);
	counts_assert(&want, &got);
	assert_false(online_section(section_of(HB1)));
	assert_true(valid_section(section_of(HB1)) && early_section(section_of(HB1)));
	assert_offline_pages(HB1, 0, ZONE_HIGHMEM);
	assert_true(pfn_valid(HB1) && pfn_valid(HB1 + SEC - 1));

	/* The last block: the zone ends at the one before, and the node with it. */
	offline(HB3);
	want.zone[0][ZONE_HIGHMEM].spanned = SEC;
	want.node[0].spanned = HB2 + SEC - BANK_A;
	BLOCK_LEFT(ZONE_HIGHMEM);
	counts_take(&got);
	counts_assert(&want, &got);

	/* The only block left: an empty zone, the node back to its low zones' span. */
	host_log_reset();
	offline(HB2);
	want.zone[0][ZONE_HIGHMEM].start = 0;
	want.zone[0][ZONE_HIGHMEM].spanned = 0;
	want.node[0].spanned = LOW_END - BANK_A;
	BLOCK_LEFT(ZONE_HIGHMEM);
	counts_take(&got);
	counts_assert(&want, &got);
	assert_int_equal(got.totalhigh, 0);
	assert_false(populated_zone(high));
	assert_ptr_equal(high->per_cpu_pageset, &boot_pageset);
	assert_true(host_log_contains("Built 1 zonelists"));
#undef BLOCK_LEFT

	/* Back, middle first: the empty zone takes the block's span... */
	host_log_reset();
	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HB2, SEC), high);
	assert_int_equal(high->zone_start_pfn, HB2);
	assert_int_equal(high->spanned_pages, SEC);
	assert_ptr_equal(high->per_cpu_pageset, &high->pcp);
	assert_true(host_log_contains("Built 1 zonelists"));
	assert_int_equal(NODE_DATA(0)->node_spanned_pages, HB2 + SEC - BANK_A);
	/* ...grows down to the first... */
	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HB1, SEC), high);
	assert_int_equal(high->zone_start_pfn, HB1);
	assert_int_equal(high->spanned_pages, 2 * SEC);
	/* ...and up to the last: everything as the boot left it. */
	assert_ptr_equal(online(MMOP_ONLINE, 0, HB3, SEC), high);
	counts_take(&got);
	counts_assert(&boot_counts, &got);
	for (unsigned long pfn = HB1; pfn < HB3 + SEC; pfn += 97) {
		assert_false(PageReserved(pfn_to_page(pfn)));
		assert_int_equal(page_zonenum(pfn_to_page(pfn)), ZONE_HIGHMEM);
	}
	assert_pageblocks(HB1, 3 * SEC, MIGRATE_MOVABLE);
	assert_true(online_section(section_of(HB1)) && online_section(section_of(HB3)));
	pa_check();
}

/*
 * A block offlined in the middle of a zone leaves a hole in its span (Linux
 * shrinks only at the edges); when an edge block goes later, the new edge
 * skips the offline hole.  Onlining the hole back grows the zone to it.
 */
static void test_offline_middle_keeps_span(void **state)
{
	struct zone *high;

	(void)state;
	boot_one_node();
	high = zone_of_node(0, ZONE_HIGHMEM);
	offline(HB2);
	assert_int_equal(high->zone_start_pfn, HB1);
	assert_int_equal(high->spanned_pages, 3 * SEC);
	assert_int_equal(high->present_pages, 2 * SEC);
	assert_int_equal(high->managed_pages, 2 * SEC);
	assert_int_equal(NODE_DATA(0)->node_spanned_pages, HB3 + SEC - BANK_A);
	pa_check();

	offline(HB1);
	assert_int_equal(high->zone_start_pfn, HB3);
	assert_int_equal(high->spanned_pages, SEC);
	assert_int_equal(high->present_pages, SEC);

	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HB2, SEC), high);
	assert_int_equal(high->zone_start_pfn, HB2);
	assert_int_equal(high->spanned_pages, 2 * SEC);
	assert_int_equal(zone_page_state(high, NR_FREE_PAGES), 2 * SEC);
	pa_check();
}

/*
 * offline_pages() with a page in use (Linux's test_pages_isolated() failing;
 * bootmm cannot migrate it): -EBUSY naming the first pfn in use, the
 * pageblocks' isolation undone to the migrate type each had (one of them
 * RECLAIMABLE here), every count and free list as before.  Freed, the block
 * goes offline.  Also -EINVAL: not one whole online section, or a section
 * of two zones (test_pages_in_a_zone()).
 */
static void test_offline_busy(void **state)
{
	unsigned long pfns[5], busy, first = ~0UL, block;
	unsigned int orders[5] = { 0, 0, 2, 0, 0 };
	int lowest = 0;
	struct counts before, after;
	struct zone *high;
	unsigned long rpb;

	(void)state;
	boot_one_node();
	high = zone_of_node(0, ZONE_HIGHMEM);
	for (int i = 0; i < 5; i++) {
		pfns[i] = pa_alloc(GFP_HIGHUSER_MOVABLE, orders[i]);
		assert_int_not_equal(pfns[i], ~0UL);
		assert_ptr_equal(page_zone(pfn_to_page(pfns[i])), high);
	}
	/* The lowest page of the block goes back: the first one in use is further in. */
	block = pfns[0] & PAGE_SECTION_MASK;
	for (int i = 1; i < 5; i++)
		if ((pfns[i] & PAGE_SECTION_MASK) == block && pfns[i] < pfns[lowest])
			lowest = i;
	pa_free(pfns[lowest], orders[lowest]);
	pfns[lowest] = ~0UL;
	for (int i = 0; i < 5; i++)
		if ((pfns[i] & PAGE_SECTION_MASK) == block)
			first = min(first, pfns[i]);
	assert_true(first > block && first < block + SEC);
	/* A pageblock of the block without our pages, made RECLAIMABLE with its free pages. */
	for (rpb = block; rpb < block + SEC; rpb += pageblock_nr_pages) {
		bool mine = false;

		for (int i = 0; i < 5; i++)
			mine |= pfns[i] >= rpb && pfns[i] < rpb + pageblock_nr_pages;
		if (!mine)
			break;
	}
	assert_true(rpb < block + SEC);
	set_pageblock_migratetype(pfn_to_page(rpb), MIGRATE_RECLAIMABLE);
	move_freepages_block(high, pfn_to_page(rpb), MIGRATE_RECLAIMABLE, NULL);

	counts_take(&before);
	layout_take(&layout_before);
	assert_int_not_equal(before.zone[0][ZONE_HIGHMEM].free_by_type[MIGRATE_RECLAIMABLE], 0);
	host_log_reset();
	busy = 0;
	assert_int_equal(offline_pages(block, SEC, &busy), -EBUSY);
	assert_int_equal(busy, first);
	assert_true(host_log_contains("failed due to unmovable page"));
	counts_take(&after);
	counts_assert(&before, &after);
	layout_assert_same(&layout_before);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(rpb)), MIGRATE_RECLAIMABLE);
	assert_pageblocks(block, rpb - block, MIGRATE_MOVABLE);
	assert_pageblocks(rpb + pageblock_nr_pages, block + SEC - rpb - pageblock_nr_pages,
			  MIGRATE_MOVABLE);
	pa_check();

	/* Not a whole online section, or one of two zones: -EINVAL, nothing isolated. */
	assert_int_equal(offline_pages(block + 1, SEC, &busy), -EINVAL);
	assert_int_equal(offline_pages(block, SEC / 2, &busy), -EINVAL);
	assert_int_equal(offline_pages(HB1, 2 * SEC, &busy), -EINVAL);
	assert_int_equal(offline_pages(HA_ABOVE, SEC, &busy), -EINVAL);
	assert_int_equal(offline_pages(BANK_A, SEC, &busy), -EINVAL);	/* DMA and Normal */
	counts_take(&after);
	counts_assert(&before, &after);

	/* Everything freed: it goes. */
	for (int i = 0; i < 5; i++)
		if (pfns[i] != ~0UL)
			pa_free(pfns[i], orders[i]);
	offline(block);
	assert_int_equal(offline_pages(block, SEC, &busy), -EINVAL);	/* offline already */
	assert_offline_pages(block, 0, ZONE_HIGHMEM);
	assert_int_equal(high->present_pages, 2 * SEC);
	assert_int_equal(high->nr_isolate_pageblock, 0);
	pa_check();
}

/* --- remove_memory() of boot sections ---------------------------------------------------------- */

/*
 * The counts a boot section's metadata pages make when they go back through
 * put_page_bootmem() -> free_reserved_page(): each is free and managed in
 * its zone (lowmem, bank A: totalhigh does not move).
 */
static void expect_freed_pages(struct counts *want, unsigned long first_pfn, unsigned long nr)
{
	for (unsigned long pfn = first_pfn; pfn < first_pfn + nr; pfn++) {
		int z = pfn < DMA_END ? ZONE_DMA : ZONE_NORMAL;

		assert_true(pfn >= BANK_A && pfn < BANK_A_END);
		want->zone[0][z].managed++;
		want->zone[0][z].free++;
		want->zone[0][z].free_by_type[get_pageblock_migratetype(pfn_to_page(pfn))]++;
		want->free++;
		want->totalram++;
	}
}

/*
 * remove_memory() of a boot section (Linux's try_remove_memory() and
 * section_deactivate()): -EBUSY while online, -EINVAL for a range not all
 * there or unaligned; offline, its memory map goes back to the buddy
 * allocator page by page through put_page_bootmem() (MEMMAP_PAGES), its
 * usage page not (the node's other sections use it: one reference less);
 * memblock.memory loses the range; no pfn of it is valid.  Then added
 * again: a section of the buddy allocator's (with the x86 geometry on the
 * host, -ENOMEM and nothing changed).
 */
static void test_remove_boot_section(void **state)
{
	struct mem_section *ms = section_of(HB3);
	struct page *map, *usage_page;
	unsigned long freed = 1234, refs;
	struct counts want, got;

	(void)state;
	boot_one_node();
	map = virt_to_page(sparse_decode_mem_map(ms->section_mem_map, pfn_to_section_nr(HB3)));
	usage_page = virt_to_page(ms->usage);
	refs = page_ref_count(usage_page);
	assert_true(refs > 2);

	counts_take(&want);
	layout_take(&layout_before);
	assert_int_equal(remove_memory(PHYS(HB3), SEC_BYTES, &freed), -EBUSY);
	assert_int_equal(freed, 0);
	assert_int_equal(remove_memory(PHYS(HB2), 2 * SEC_BYTES, &freed), -EBUSY);
	assert_int_equal(remove_memory(PHYS(HA_ABOVE), SEC_BYTES, &freed), -EINVAL);
	assert_int_equal(remove_memory(PHYS(LOW1), 2 * SEC_BYTES, &freed), -EINVAL);
	assert_int_equal(remove_memory(PHYS(HB3) + PAGE_SIZE, SEC_BYTES, &freed), -EINVAL);
	assert_int_equal(remove_memory(PHYS(HB3), SEC_BYTES / 2, &freed), -EINVAL);
	layout_assert_same(&layout_before);
	counts_take(&got);
	counts_assert(&want, &got);

	offline(HB3);
	assert_int_equal(remove_memory(PHYS(HB3), 2 * SEC_BYTES, &freed), -EINVAL);	/* HA_ABOVE */
	counts_take(&want);
	assert_int_equal(remove_memory(PHYS(HB3), SEC_BYTES, &freed), 0);
	assert_int_equal(freed, MEMMAP_PAGES);
	expect_freed_pages(&want, page_to_pfn(map), MEMMAP_PAGES);
	counts_take(&got);
	counts_assert(&want, &got);
	for (struct page *p = map; p < map + MEMMAP_PAGES; p++)
		assert_false(PageReserved(p) || PagePrivate(p));
	assert_true(PageReserved(usage_page));
	assert_int_equal(page_ref_count(usage_page), refs - 1);

	assert_int_equal(ms->section_mem_map, 0);
	assert_null(ms->usage);
	assert_true(memblock_has_none(HB3, SEC));
	assert_true(memblock_has(HB1, 2 * SEC, 0));
	for (unsigned long pfn = HB3; pfn < HB3 + SEC; pfn++)
		if (pfn_valid(pfn))
			fail_msg("pfn %#lx valid after remove_memory()", pfn);
	assert_int_equal(remove_memory(PHYS(HB3), SEC_BYTES, &freed), -EINVAL);	/* gone */
	pa_check();

	layout_take(&layout_before);
	counts_take(&want);
	if (MEMMAP_ORDER >= MAX_ORDER) {
		assert_int_equal(add_memory(0, PHYS(HB3), SEC_BYTES), -ENOMEM);
		layout_assert_same(&layout_before);
		counts_take(&got);
		counts_ignore_types(&want, &got);
		counts_assert(&want, &got);
		return;
	}
	assert_int_equal(add_memory(0, PHYS(HB3), SEC_BYTES), 0);
	assert_true(valid_section(ms) && !early_section(ms) && !online_section(ms));
	assert_offline_pages(HB3, 0, -1);
	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HB3, SEC), zone_of_node(0, ZONE_HIGHMEM));
	assert_int_equal(zone_end_pfn(zone_of_node(0, ZONE_HIGHMEM)), HB3 + SEC);
	pa_check();
}

/*
 * A usage page shared by two boot sections goes back with the last of its
 * users, not before (bootmm's own: Linux keeps boot usages for good).  Node
 * 1's two sections: boot packed their usages in one allocation of whole
 * pages (sparse_init_nid()), so the page is theirs alone, whatever the
 * geometry: the second removal frees it with the second map.  Oracle: the
 * registered objects touching the page (registrations_of()).  The maps go
 * with each section.  Node 1 is then empty: no span, no present pages,
 * nothing in memblock.
 */
static void test_remove_shared_usage_page(void **state)
{
	struct mem_section *a = section_of(N1A), *b = section_of(N1B);
	struct page *usage_page, *map_a, *map_b;
	unsigned long freed, users;
	struct counts want, got;

	(void)state;
	boot_two_nodes();
	usage_page = virt_to_page(a->usage);
	map_a = virt_to_page(sparse_decode_mem_map(a->section_mem_map, pfn_to_section_nr(N1A)));
	map_b = virt_to_page(sparse_decode_mem_map(b->section_mem_map, pfn_to_section_nr(N1B)));
	assert_true(touches(b->usage, mem_section_usage_size(), page_to_pfn(usage_page)));
	users = registrations_of(page_to_pfn(usage_page));
	assert_int_equal(page_ref_count(usage_page), 1 + users);
	assert_int_equal(users, 2);		/* N1A's and N1B's only: no other object shares it */
	assert_false(touches(section_of(BANK_A)->usage, mem_section_usage_size(), page_to_pfn(usage_page)));

	offline(N1A);
	counts_take(&want);
	assert_int_equal(remove_memory(PHYS(N1A), SEC_BYTES, &freed), 0);
	assert_int_equal(freed, MEMMAP_PAGES);
	expect_freed_pages(&want, page_to_pfn(map_a), MEMMAP_PAGES);
	counts_take(&got);
	counts_assert(&want, &got);
	assert_true(PageReserved(usage_page));
	assert_int_equal(page_ref_count(usage_page), users);

	offline(N1B);
	counts_take(&want);
	assert_int_equal(remove_memory(PHYS(N1B), SEC_BYTES, &freed), 0);
	expect_freed_pages(&want, page_to_pfn(map_b), MEMMAP_PAGES);
	assert_int_equal(freed, MEMMAP_PAGES + 1);
	expect_freed_pages(&want, page_to_pfn(usage_page), 1);
	assert_false(PageReserved(usage_page) || PagePrivate(usage_page));
	counts_take(&got);
	counts_assert(&want, &got);

	assert_int_equal(NODE_DATA(1)->node_spanned_pages, 0);
	assert_int_equal(NODE_DATA(1)->node_present_pages, 0);
	assert_true(memblock_has_none(N1A, 2 * SEC));
	assert_false(pfn_valid(N1A) || pfn_valid(N1B + SEC - 1));
	pa_check();
}

/* --- hot-added sections (the map from the buddy allocator: ARM's geometry on the host) ----------- */

#if !X86_GEOMETRY	/* test_block_size_and_memmap_order: order 10 here, 11 with x86's */

/*
 * memblock.memory full when add_memory() records the new range: with
 * resizing not allowed, memblock_add_node() fails and add_memory() returns
 * -ENOMEM with nothing changed (Linux's add_memory_resource() checks it
 * too).  Allowed, the array is doubled with pages from the buddy allocator,
 * as Linux's memblock_double_array() takes kmalloc() once slab is up: not
 * from memblock's free ranges, which the buddy allocator owns after the
 * hand-over, and not reserved in memblock.
 */
static void test_add_memory_memblock_full(void **state)
{
	unsigned long array_pages = 1UL << get_order(ALIGN(2 * INIT_MEMBLOCK_REGIONS *
							   sizeof(struct memblock_region), PAGE_SIZE));
	struct counts before, after;
	unsigned long reserved_cnt;
	phys_addr_t reserved_size;

	(void)state;
	boot_one_node();
	/* One-page regions far above the machine, a page apart, until the array is full. */
	for (phys_addr_t base = MiB(65536); memblock.memory.cnt < memblock.memory.max; base += 2 * PAGE_SIZE)
		assert_int_equal(memblock_add(base, PAGE_SIZE), 0);
	layout_take(&layout_before);
	counts_take(&before);
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), -ENOMEM);
	layout_assert_same(&layout_before);
	counts_take(&after);
	counts_assert(&before, &after);
	assert_false(present_section(section_of(LOW1)));

	memblock_allow_resize();
	reserved_cnt = memblock.reserved.cnt;
	reserved_size = memblock.reserved.total_size;
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), 0);
	assert_int_equal(memblock.memory.max, 2 * INIT_MEMBLOCK_REGIONS);
	assert_true(memblock_has(LOW1, SEC, 0));
	assert_int_equal(memblock.reserved.cnt, reserved_cnt);
	assert_int_equal(memblock.reserved.total_size, reserved_size);
	counts_take(&after);
	/* The map, the usage page and the new array: all from the buddy allocator. */
	assert_int_equal(after.free, before.free - (1UL << MEMMAP_ORDER) - (1UL << USAGE_ORDER) - array_pages);
	assert_int_equal(after.totalram, before.totalram);
	pa_check();
}

/*
 * add_memory() of one section (Linux's add_memory_resource() and
 * sparse_add_section()): memblock.memory gains it for the node; the section
 * is present and valid, not early (it is not the boot's) and offline; every
 * struct page reserved, one reference, of the node, its pfn found again;
 * the subsection map full, so every pfn valid; the buddy allocator gave
 * exactly the map (2^MEMMAP_ORDER pages) and a usage page, from Normal;
 * no zone, node span or total changed (the block is in no zone yet).
 */
static void test_add_one_section(void **state)
{
	struct mem_section *ms = section_of(LOW1);
	struct counts want, got;

	(void)state;
	boot_one_node();
	counts_take(&want);
	assert_false(present_section(ms));
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), 0);

	assert_true(memblock_has(LOW1, SEC, 0));
	assert_true(present_section(ms) && valid_section(ms));
	assert_false(early_section(ms) || online_section(ms));
	assert_non_null(ms->usage);
	for (unsigned long i = 0; i < SUBSECTIONS_PER_SECTION; i++)
		assert_true(ms->usage->subsection_map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)));
	for (unsigned long pfn = LOW1; pfn < LOW1 + SEC; pfn++)
		if (!pfn_valid(pfn))
			fail_msg("pfn %#lx not valid after add_memory()", pfn);
	assert_offline_pages(LOW1, 0, -1);
	/* Map and usage are the buddy allocator's pages now: allocated, not reserved. */
	assert_false(PageReserved(virt_to_page(sparse_decode_mem_map(ms->section_mem_map,
								     pfn_to_section_nr(LOW1)))));
	assert_false(PageReserved(virt_to_page(ms->usage)));

	want.zone[0][ZONE_NORMAL].free -= (1UL << MEMMAP_ORDER) + 1;
	want.free -= (1UL << MEMMAP_ORDER) + 1;
	counts_take(&got);
	counts_ignore_types(&want, &got);
	counts_assert(&want, &got);
	/* Present now: -EEXIST. */
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), -EEXIST);
	pa_check();
}

/*
 * Two sections at once, above every boot section: both present, the
 * highest present section moves up; twice the map and usage.  Removing
 * them at once gives all of it back: every count and memblock as before.
 */
static void test_add_remove_two_sections(void **state)
{
	struct counts boot_counts, want, got;
	unsigned long freed;

	(void)state;
	boot_one_node();
	counts_take(&boot_counts);
	layout_take(&layout_before);
	assert_int_equal(add_memory(0, PHYS(HA_ABOVE), 2 * SEC_BYTES), 0);
	assert_true(memblock_has(HA_ABOVE, 2 * SEC, 0));
	assert_true(valid_section(section_of(HA_ABOVE)) && valid_section(section_of(HA_ABOVE + SEC)));
	assert_int_equal(__highest_present_section_nr, SEC0 + 6);
	assert_true(pfn_valid(HA_ABOVE + 2 * SEC - 1));
	assert_false(pfn_valid(HA_ABOVE + 2 * SEC));
	want = boot_counts;
	want.zone[0][ZONE_NORMAL].free -= 2 * ((1UL << MEMMAP_ORDER) + 1);
	want.free -= 2 * ((1UL << MEMMAP_ORDER) + 1);
	counts_take(&got);
	counts_ignore_types(&want, &got);
	counts_assert(&want, &got);

	assert_int_equal(remove_memory(PHYS(HA_ABOVE), 2 * SEC_BYTES, &freed), 0);
	assert_int_equal(freed, 2 * ((1UL << MEMMAP_ORDER) + (1UL << USAGE_ORDER)));
	counts_take(&got);
	counts_ignore_types(&boot_counts, &got);
	counts_assert(&boot_counts, &got);
	layout_assert_same(&layout_before);
	pa_check();
}

/*
 * A hot-added section's whole life in low memory, above the node's end
 * (boot_lowmem_only()): online_kernel puts it in Normal, whose span grows
 * up to it, and the node's with it; present, managed, free and totalram
 * grow by the section, totalhigh not (below max_low_pfn); its pages are
 * the allocator's, MOVABLE pageblocks.  Offline: Normal's span and the
 * node's shrink back to bank A's end, the counts are those of after the
 * add.  Removed: its map and usage go back to the buddy allocator
 * (2^MEMMAP_ORDER + 1 pages); memblock, every section and count are the
 * boot's again.  (In boot_one_node() LOW1 is a hole Normal spans already:
 * onlining it changes no span.)
 */
static void test_lowmem_section_life(void **state)
{
	struct counts boot_counts, added, want, got;
	struct zone *normal;
	unsigned long freed;

	(void)state;
	boot_lowmem_only();
	normal = zone_of_node(0, ZONE_NORMAL);
	counts_take(&boot_counts);
	layout_take(&layout_before);
	assert_int_equal(boot_counts.node[0].spanned, BANK_A_END - BANK_A);
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), 0);
	counts_take(&added);

	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, LOW1, SEC), normal);
	assert_true(online_section(section_of(LOW1)));
	want = added;
	want.zone[0][ZONE_NORMAL].spanned = LOW1 + SEC - DMA_END;
	want.zone[0][ZONE_NORMAL].present += SEC;
	want.zone[0][ZONE_NORMAL].managed += SEC;
	want.zone[0][ZONE_NORMAL].free += SEC;
	want.zone[0][ZONE_NORMAL].free_by_type[MIGRATE_MOVABLE] += SEC;
	want.node[0].spanned = LOW1 + SEC - BANK_A;
	want.node[0].present += SEC;
	want.free += SEC;
	want.totalram += SEC;
	counts_take(&got);
	counts_assert(&want, &got);
	for (unsigned long pfn = LOW1; pfn < LOW1 + SEC; pfn += 61)
		assert_ptr_equal(page_zone(pfn_to_page(pfn)), normal);
	assert_pageblocks(LOW1, SEC, MIGRATE_MOVABLE);
	assert_int_equal(online_pages(LOW1, SEC, normal), -EINVAL);	/* online already */
	assert_int_equal(remove_memory(PHYS(LOW1), SEC_BYTES, &freed), -EBUSY);
	pa_check();

	offline(LOW1);
	counts_take(&got);
	counts_assert(&added, &got);
	assert_offline_pages(LOW1, 0, ZONE_NORMAL);

	assert_int_equal(remove_memory(PHYS(LOW1), SEC_BYTES, &freed), 0);
	assert_int_equal(freed, (1UL << MEMMAP_ORDER) + 1);
	counts_take(&got);
	counts_ignore_types(&boot_counts, &got);
	counts_assert(&boot_counts, &got);
	layout_assert_same(&layout_before);
	assert_false(pfn_valid(LOW1));
	pa_check();

	/* With HighMem memory the node spans LOW1 already, and so does Normal. */
	reset(NULL);
	boot_one_node();
	counts_take(&want);
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), 0);
	assert_ptr_equal(online(MMOP_ONLINE, 0, LOW1, SEC), zone_of_node(0, ZONE_NORMAL));
	counts_take(&got);
	COUNT_EQ("Normal start", want.zone[0][ZONE_NORMAL].start, got.zone[0][ZONE_NORMAL].start);
	COUNT_EQ("Normal spanned", want.zone[0][ZONE_NORMAL].spanned, got.zone[0][ZONE_NORMAL].spanned);
	COUNT_EQ("Normal present", want.zone[0][ZONE_NORMAL].present + SEC, got.zone[0][ZONE_NORMAL].present);
	COUNT_EQ("node spanned", want.node[0].spanned, got.node[0].spanned);
	COUNT_EQ("totalhigh_pages", want.totalhigh, got.totalhigh);
}

/*
 * Hot-added HighMem: online_kernel extends HighMem up (and the node's
 * span), totalhigh grows; offlined, both shrink back.  online_movable then
 * populates the empty Movable zone: it takes the block's span, gets its
 * per-CPU lists, the zonelists are rebuilt; a movable allocation comes from
 * it and makes the offline -EBUSY at its pfn; freed, the offline empties
 * Movable again.
 */
static void test_highmem_and_movable_sections(void **state)
{
	struct zone *high, *movable;
	struct counts added, want, got;
	unsigned long pfn, other, busy;

	(void)state;
	boot_one_node();
	high = zone_of_node(0, ZONE_HIGHMEM);
	movable = zone_of_node(0, ZONE_MOVABLE);
	assert_int_equal(add_memory(0, PHYS(HA_ABOVE), SEC_BYTES), 0);
	counts_take(&added);

	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HA_ABOVE, SEC), high);
	want = added;
	want.zone[0][ZONE_HIGHMEM].spanned += SEC;
	want.zone[0][ZONE_HIGHMEM].present += SEC;
	want.zone[0][ZONE_HIGHMEM].managed += SEC;
	want.zone[0][ZONE_HIGHMEM].free += SEC;
	want.zone[0][ZONE_HIGHMEM].free_by_type[MIGRATE_MOVABLE] += SEC;
	want.node[0].spanned += SEC;
	want.node[0].present += SEC;
	want.free += SEC;
	want.totalram += SEC;
	want.totalhigh += SEC;
	counts_take(&got);
	counts_assert(&want, &got);
	offline(HA_ABOVE);
	counts_take(&got);
	counts_assert(&added, &got);

	host_log_reset();
	assert_ptr_equal(online(MMOP_ONLINE_MOVABLE, 0, HA_ABOVE, SEC), movable);
	assert_true(host_log_contains("Built 1 zonelists"));
	assert_int_equal(movable->zone_start_pfn, HA_ABOVE);
	assert_int_equal(movable->spanned_pages, SEC);
	assert_int_equal(movable->present_pages, SEC);
	assert_int_equal(movable->managed_pages, SEC);
	assert_ptr_equal(movable->per_cpu_pageset, &movable->pcp);
	assert_int_equal(NODE_DATA(0)->node_spanned_pages, HA_ABOVE + SEC - BANK_A);
	assert_int_equal(totalhigh_pages(), added.totalhigh + SEC);	/* pfns above max_low_pfn */
	assert_int_equal(zone_end_pfn(high), HB3 + SEC);

	/* Two pages from Movable, the lower one given back: the other is busy. */
	pfn = pa_alloc(GFP_HIGHUSER_MOVABLE, 0);
	other = pa_alloc(GFP_HIGHUSER_MOVABLE, 0);
	assert_true(pfn >= HA_ABOVE && pfn < HA_ABOVE + SEC);
	assert_true(other >= HA_ABOVE && other < HA_ABOVE + SEC);
	pa_free(min(pfn, other), 0);
	pfn = max(pfn, other);
	assert_int_equal(offline_pages(HA_ABOVE, SEC, &busy), -EBUSY);
	assert_int_equal(busy, pfn);
	assert_int_equal(movable->nr_isolate_pageblock, 0);
	pa_free(pfn, 0);
	offline(HA_ABOVE);
	assert_int_equal(movable->zone_start_pfn, 0);
	assert_int_equal(movable->spanned_pages, 0);
	assert_ptr_equal(movable->per_cpu_pageset, &boot_pageset);
	counts_take(&got);
	counts_assert(&added, &got);
	pa_check();
}

/*
 * No HighMem at boot (Movable from Normal): online_movable of a block past
 * max_low_pfn is refused (-ERANGE, nothing changes); online_kernel puts it
 * in the empty HighMem zone, counted in totalhigh; a low block may go to
 * Movable, not counted there.
 */
static void test_movable_from_normal(void **state)
{
	struct zone *high, *movable;
	struct counts before, got;

	(void)state;
	boot_lowmem_only();
	high = zone_of_node(0, ZONE_HIGHMEM);
	movable = zone_of_node(0, ZONE_MOVABLE);
	assert_int_equal(add_memory(0, PHYS(HB1), SEC_BYTES), 0);
	assert_int_equal(add_memory(0, PHYS(LOW1), SEC_BYTES), 0);
	counts_take(&before);
	layout_take(&layout_before);
	assert_ptr_equal(zone_for_pfn_range(MMOP_ONLINE_MOVABLE, 0, HB1, SEC), movable);
	assert_int_equal(online_pages(HB1, SEC, movable), -ERANGE);
	assert_true(host_log_contains("zone Movable is low memory"));
	counts_take(&got);
	counts_assert(&before, &got);
	layout_assert_same(&layout_before);

	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 0, HB1, SEC), high);
	assert_int_equal(high->zone_start_pfn, HB1);
	assert_int_equal(high->spanned_pages, SEC);
	assert_int_equal(totalhigh_pages(), SEC);
	assert_int_equal(NODE_DATA(0)->node_spanned_pages, HB1 + SEC - BANK_A);

	assert_ptr_equal(online(MMOP_ONLINE_MOVABLE, 0, LOW1, SEC), movable);
	assert_int_equal(movable->zone_start_pfn, LOW1);
	assert_int_equal(totalhigh_pages(), SEC);
	assert_int_equal(totalram_pages(), before.totalram + 2 * SEC);
	pa_check();
}

/*
 * A section added to node 1: memblock knows it as node 1's, its pages are
 * node 1's, zone_for_pfn_range() picks node 1's zones and onlining grows
 * node 1's HighMem and span, node 0's untouched.
 */
static void test_add_to_second_node(void **state)
{
	struct counts before, got;
	struct zone *high1;

	(void)state;
	boot_two_nodes();
	high1 = zone_of_node(1, ZONE_HIGHMEM);
	counts_take(&before);
	assert_int_equal(add_memory(1, PHYS(N1_ABOVE), SEC_BYTES), 0);
	assert_true(memblock_has(N1_ABOVE, SEC, 1));
	assert_true(memblock_has(N1A, 3 * SEC, 1));
	assert_offline_pages(N1_ABOVE, 1, -1);
	assert_ptr_equal(online(MMOP_ONLINE_KERNEL, 1, N1_ABOVE, SEC), high1);
	assert_int_equal(high1->zone_start_pfn, N1A);
	assert_int_equal(high1->spanned_pages, 3 * SEC);
	assert_int_equal(NODE_DATA(1)->node_spanned_pages, 3 * SEC);
	assert_int_equal(NODE_DATA(1)->node_present_pages, 3 * SEC);
	assert_int_equal(page_to_nid(pfn_to_page(N1_ABOVE + 5)), 1);
	counts_take(&got);
	COUNT_EQ("node 0 spanned", before.node[0].spanned, got.node[0].spanned);
	COUNT_EQ("node 0 present", before.node[0].present, got.node[0].present);
	COUNT_EQ("node 0 HighMem managed", before.zone[0][ZONE_HIGHMEM].managed,
		 got.zone[0][ZONE_HIGHMEM].managed);
	COUNT_EQ("totalhigh_pages", before.totalhigh + SEC, got.totalhigh);
	pa_check();
}

#endif /* !X86_GEOMETRY */

#define HOTPLUG_TESTS								\
	cmocka_unit_test_setup(test_block_size_and_memmap_order, reset),	\
	cmocka_unit_test_setup(test_boot_registers_metadata, reset),		\
	cmocka_unit_test_setup(test_add_memory_refusals, reset),		\
	cmocka_unit_test_setup(test_add_memory_enomem, reset),			\
	cmocka_unit_test_setup(test_memory_add_physaddr_to_nid, reset),		\
	cmocka_unit_test_setup(test_zone_for_pfn_range_kernel, reset),		\
	cmocka_unit_test_setup(test_zone_for_pfn_range_default, reset),		\
	cmocka_unit_test_setup(test_online_pages_refusals, reset),		\
	cmocka_unit_test_setup(test_offline_online_zone_edges, reset),		\
	cmocka_unit_test_setup(test_offline_middle_keeps_span, reset),		\
	cmocka_unit_test_setup(test_offline_busy, reset),			\
	cmocka_unit_test_setup(test_remove_boot_section, reset),		\
	cmocka_unit_test_setup(test_remove_shared_usage_page, reset)

/* Hot-added sections: only where the buddy allocator can give their map. */
#define HOTADD_TESTS								\
	cmocka_unit_test_setup(test_add_memory_memblock_full, reset),		\
	cmocka_unit_test_setup(test_add_one_section, reset),			\
	cmocka_unit_test_setup(test_add_remove_two_sections, reset),		\
	cmocka_unit_test_setup(test_lowmem_section_life, reset),		\
	cmocka_unit_test_setup(test_highmem_and_movable_sections, reset),	\
	cmocka_unit_test_setup(test_movable_from_normal, reset),		\
	cmocka_unit_test_setup(test_add_to_second_node, reset)

int main(void)
{
	const struct CMUnitTest tests[] = {
		HOTPLUG_TESTS,
#if !X86_GEOMETRY
		HOTADD_TESTS,
#endif
	};

	return cmocka_run_group_tests(tests, ram_setup, ram_teardown);
}
