// SPDX-License-Identifier: MIT
/*
 * Memory nodes: one pglist_data per node that has memory (Linux's
 * drivers/base/arch_numa.c, which arm64 uses; and contig_page_data, the one
 * node of a kernel without NUMA).
 *
 * Boot pipeline: setup_arch() put every memblock.memory region on a node —
 * node 0 on a PC and on ARM unless the device tree's memory nodes carry
 * numa-node-id — and numa_init() gives each node its struct pglist_data,
 * before free_area_init() sizes their zones.
 *
 * With one node there is nothing to choose: pglist_data is a static variable,
 * as in Linux without CONFIG_NUMA (Debian's armmp and 686-pae kernels).  With
 * several, each node's pglist_data is allocated from memblock on that node,
 * so the CPU reads it from near memory, and reported as arm64 Linux does:
 * "NUMA: NODE_DATA [mem …]".  32-bit ARM Linux has no NUMA at all; this is
 * arm64's behaviour carried over (see docs/zones.md).
 */
#define pr_fmt(fmt) "NUMA: " fmt

#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include <mm/numa.h>

static struct pglist_data contig_page_data;

/* The node of the memory region that holds @pfn, or -1 if no region does. */
int __init early_pfn_to_nid(unsigned long pfn)
{
	unsigned long start_pfn, end_pfn;

	return memblock_search_pfn_nid(pfn, &start_pfn, &end_pfn);
}

static void __init setup_node_data(int nid, unsigned long start_pfn, unsigned long end_pfn)
{
	const size_t nd_size = round_up(sizeof(pg_data_t), SMP_CACHE_BYTES);
	phys_addr_t nd_pa = memblock_phys_alloc_try_nid(nd_size, SMP_CACHE_BYTES, nid);
	int tnid;

	if (!nd_pa)
		panic("Cannot allocate %zu bytes for node %d data", nd_size, nid);
	pr_info("NODE_DATA [mem %#010Lx-%#010Lx]\n", (u64)nd_pa, (u64)(nd_pa + nd_size - 1));
	tnid = early_pfn_to_nid(PHYS_PFN(nd_pa));
	if (tnid != nid)
		pr_info("NODE_DATA(%d) on node %d\n", nid, tnid);
	node_data[nid] = __va(nd_pa);
	memset(node_data[nid], 0, sizeof(pg_data_t));
	node_data[nid]->node_id = nid;
	node_data[nid]->node_start_pfn = start_pfn;
	node_data[nid]->node_spanned_pages = end_pfn - start_pfn;
}

/**
 * numa_init - give every node with memory its pglist_data
 *
 * Context: after setup_arch() has assigned memblock regions to nodes.
 */
void __init numa_init(void)
{
	struct memblock_region *r;
	unsigned long start_pfn, end_pfn;
	int nid, nodes = 0, only = 0;

	memset(node_data, 0, sizeof(node_data));
	for_each_mem_region(r) {
		nid = memblock_get_region_node(r);
		if (nid < 0 || nid >= MAX_NUMNODES) {
			pr_warn("Warning: invalid memblk node %d [mem %#018Lx-%#018Lx]; all memory goes to node 0\n",
				nid, (u64)r->base, (u64)(r->base + r->size - 1));
			memblock_set_node(0, PHYS_ADDR_MAX, &memblock.memory, 0);
			break;
		}
	}
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (start_pfn < end_pfn) {
			nodes++;
			only = nid;
		}
	}
	if (nodes <= 1) {
		node_data[only] = &contig_page_data;
		memset(&contig_page_data, 0, sizeof(contig_page_data));
		return;
	}
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (start_pfn < end_pfn)
			setup_node_data(nid, start_pfn, end_pfn);
	}
}
