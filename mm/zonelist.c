// SPDX-License-Identifier: MIT
/*
 * Zonelists: the order in which an allocation tries zones (Linux 6.1's
 * build_all_zonelists() and friends in mm/page_alloc.c).
 *
 * An allocation may use its highest allowed zone (gfp_zone()) and any zone
 * below it.  It tries them highest first, so that the scarce low zones (DMA,
 * and lowmem on a 32-bit machine) are used only when the higher ones run
 * low: a GFP_HIGHUSER_MOVABLE page comes from Movable, then HighMem, then
 * Normal, then DMA.  Each node's zonelist holds its own zones that way, then
 * the other nodes' zones.
 *
 * With one node (Linux without CONFIG_NUMA, Debian's 686-pae and armmp
 * kernels), the other nodes are taken in order after this one.  With several
 * (bootmm's DT NUMA scenarios; arm64's behaviour) they are ranked by distance
 * as Linux's find_next_best_node() does, and the order is printed
 * ("Fallback order for Node 0: 0 1").  bootmm has no distance table: every
 * other node is REMOTE_DISTANCE away.
 *
 * Boot pipeline: start_kernel() calls build_all_zonelists(NULL) once
 * free_area_init() has sized the zones, before the hand-over; the line it
 * prints counts pages with free_area_init()'s managed estimates and no
 * watermarks yet: "Built 1 zonelists, mobility grouping on.  Total pages: N".
 * After boot, memory hot-plug (mm/memory_hotplug.c) calls it again whenever
 * a zone gains its first pages or loses its last, and the line comes again.
 */
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/printk.h>
#include "page_alloc_internal.h"

int page_group_by_mobility_disabled;
unsigned int nr_online_nodes = 1;

/* The highest zone an allocation policy may bind (NUMA; ZONE_MOVABLE excluded). */
static enum zone_type policy_zone;

#define LOCAL_DISTANCE			10
#define REMOTE_DISTANCE			20
#define PENALTY_FOR_NODE_WITH_CPUS	1

static inline bool node_online(int nid)
{
	return nid >= 0 && nid < MAX_NUMNODES && NODE_DATA(nid);
}

/* Nodes with memory (Linux's N_MEMORY). */
static inline bool node_has_memory(int nid)
{
	return node_online(nid) && NODE_DATA(nid)->node_present_pages;
}

static inline int node_distance(int from, int to)
{
	return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
}

/* bootmm's one CPU is on node 0. */
static inline bool node_has_cpus(int nid)
{
	return nid == numa_node_id();
}

/**
 * first_zone - the first zone of the first online node
 *
 * Return: the zone, or NULL if no node is online.
 */
struct zone *first_zone(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			return NODE_DATA(nid)->node_zones;
	return NULL;
}

/* The zone after @zone: the next of its node, else the first of the next node. */
struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	for (int nid = pgdat->node_id + 1; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			return NODE_DATA(nid)->node_zones;
	return NULL;
}

static void check_highest_zone(enum zone_type k)
{
	if (k > policy_zone && k != ZONE_MOVABLE)
		policy_zone = k;
}

/* The populated zones of @pgdat, highest first, into @zonerefs. */
static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zonerefs)
{
	int nr_zones = 0;

	for (int zone_type = MAX_NR_ZONES - 1; zone_type >= 0; zone_type--) {
		struct zone *zone = &pgdat->node_zones[zone_type];

		if (populated_zone(zone)) {
			zonerefs[nr_zones].zone = zone;
			zonerefs[nr_zones].zone_idx = zone_type;
			nr_zones++;
			check_highest_zone((enum zone_type)zone_type);
		}
	}
	return nr_zones;
}

static void zonelist_terminate(struct zoneref *zonerefs)
{
	zonerefs->zone = NULL;
	zonerefs->zone_idx = 0;
}

/* --- several nodes: by distance ---------------------------------------------- */

static int node_load[MAX_NUMNODES];

/*
 * find_next_best_node - the next node for @node's fallback list
 *
 * @node itself first; then the nearest node not used yet, preferring nodes
 * after @node to those before it, nodes without CPUs (less pressure), and
 * among equals the less loaded (so that nodes at the same distance take turns
 * across the lists).
 */
static int find_next_best_node(int node, unsigned long *used_node_mask)
{
	int min_val = 0x7fffffff, best_node = NUMA_NO_NODE;

	if (!(*used_node_mask & (1UL << node))) {
		*used_node_mask |= 1UL << node;
		return node;
	}
	for (int n = 0; n < MAX_NUMNODES; n++) {
		int val;

		if (!node_has_memory(n) || (*used_node_mask & (1UL << n)))
			continue;
		val = node_distance(node, n);
		val += (n < node);
		if (node_has_cpus(n))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		*used_node_mask |= 1UL << best_node;
	return best_node;
}

static void build_zonelists_numa(pg_data_t *pgdat)
{
	int node_order[MAX_NUMNODES], nr_nodes = 0, node;
	int local_node = pgdat->node_id, prev_node = local_node;
	unsigned long used_mask = 0;
	struct zoneref *zonerefs;

	while ((node = find_next_best_node(local_node, &used_mask)) >= 0) {
		/* The first node of each distance group gets a penalty: round robin. */
		if (node_distance(local_node, node) != node_distance(local_node, prev_node))
			node_load[node] += 1;
		node_order[nr_nodes++] = node;
		prev_node = node;
	}

	zonerefs = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (int i = 0; i < nr_nodes; i++)
		zonerefs += build_zonerefs_node(NODE_DATA(node_order[i]), zonerefs);
	zonelist_terminate(zonerefs);

	/* __GFP_THISNODE: this node's zones and no other. */
	zonerefs = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	zonerefs += build_zonerefs_node(pgdat, zonerefs);
	zonelist_terminate(zonerefs);

	pr_info("Fallback order for Node %d: ", local_node);
	for (int i = 0; i < nr_nodes; i++)
		pr_cont("%d ", node_order[i]);
	pr_cont("\n");
}

/* --- one node: the others follow in order --------------------------------------- */

static void build_zonelists_flat(pg_data_t *pgdat)
{
	int local_node = pgdat->node_id;
	struct zoneref *zonerefs = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;

	zonerefs += build_zonerefs_node(pgdat, zonerefs);
	/* Node N's list goes on with N + 1, ..., wrapping round: no node is everyone's second. */
	for (int node = local_node + 1; node < MAX_NUMNODES; node++)
		if (node_online(node))
			zonerefs += build_zonerefs_node(NODE_DATA(node), zonerefs);
	for (int node = 0; node < local_node; node++)
		if (node_online(node))
			zonerefs += build_zonerefs_node(NODE_DATA(node), zonerefs);
	zonelist_terminate(zonerefs);
	zonelist_terminate(pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs);
}

/**
 * nr_free_zone_pages - pages above the high watermark in the zones up to @offset
 * @offset: the highest zone index to count
 *
 * For each zone of this node's zonelist at or below @offset: managed pages
 * minus the high watermark (Linux's "free" here means "could be handed out
 * without kswapd having to work").
 *
 * Return: the sum.
 */
unsigned long nr_free_zone_pages(int offset)
{
	struct zonelist *zonelist;
	unsigned long sum = 0;
	struct zoneref *z;
	struct zone *zone;

	if (!node_online(numa_node_id()))
		return 0;
	zonelist = node_zonelist(numa_node_id(), GFP_KERNEL);
	for_each_zone_zonelist(zone, z, zonelist, offset) {
		unsigned long size = zone_managed_pages(zone);
		unsigned long high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

/**
 * nr_free_buffer_pages - nr_free_zone_pages() of the zones GFP_USER may use
 *
 * Lowmem: ZONE_DMA and ZONE_NORMAL.  min_free_kbytes is computed from it.
 *
 * Return: pages.
 */
unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

/**
 * build_all_zonelists - build every node's zonelists and print the summary
 * @pgdat: unused (Linux passes a hot-added node); NULL at boot
 *
 * Again after boot whenever memory hot-plug populates or empties a zone
 * (mm/memory_hotplug.c), printing the summary again, as Linux does.
 *
 * Grouping by mobility is switched off when there are fewer pages than one
 * pageblock per migrate type: with so little memory the pageblocks could not
 * be kept apart anyway.
 */
void build_all_zonelists(pg_data_t *pgdat)
{
	unsigned long vm_total_pages;

	(void)pgdat;
	nr_online_nodes = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_online(nid))
			nr_online_nodes++;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		node_load[nid] = 0;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_online(nid))
			continue;
		pgdat_init_allocator(NODE_DATA(nid));
		if (nr_online_nodes > 1)
			build_zonelists_numa(NODE_DATA(nid));
		else
			build_zonelists_flat(NODE_DATA(nid));
	}
	vm_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	page_group_by_mobility_disabled = vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;

	pr_info("Built %u zonelists, mobility grouping %s.  Total pages: %ld\n",
		nr_online_nodes, page_group_by_mobility_disabled ? "off" : "on",
		(long)vm_total_pages);
	if (nr_online_nodes > 1)
		pr_info("Policy zone: %s\n", zone_names[policy_zone]);
}
