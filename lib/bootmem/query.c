// SPDX-License-Identifier: GPL-2.0+
/*
 * Read-only views of the allocator: nodes, distances, the runs of the map
 * and error messages.
 */

#include "bootmem_internal.h"

/*
 * One past the last bit, from @bit (in use) on, with the same owner and
 * flags; @change is where the records covering @bit may change.
 */
static u64 owned_run_end(const struct bm_range *r, u64 bit, u64 end,
			 const struct bm_region *owner, unsigned int flags,
			 u64 change)
{
	const struct bm_region *next;
	unsigned int next_flags;
	u64 stop;

	for (;;) {
		stop = bm_next_free(&bm.map, bit, end);
		if (change - r->pfn < stop - r->bit)
			stop = r->bit + (change - r->pfn);
		if (stop == end || !bm_test(&bm.map, stop))
			return stop;
		next = bm_owner_at(r->pfn + (stop - r->bit), &next_flags,
				   &change);
		if (next != owner || next_flags != flags)
			return stop;
		bit = stop;
	}
}

/* Fill @run with the run of pages that starts at @pfn in range @r. */
static void run_at(const struct bm_range *r, u64 pfn, struct bootmem_run *run)
{
	u64 bit = bm_pfn_to_bit(r, pfn), end = bm_pfn_to_bit(r, bm_range_end(r));
	const struct bm_region *owner;
	unsigned int flags;
	u64 stop, change;

	run->nid = r->nid;
	run->kind = BOOTMEM_FREE;
	run->flags = 0;
	run->label = "";
	if (!bm_test(&bm.map, bit)) {
		stop = bm_next_used(&bm.map, bit, end);
	} else {
		owner = bm_owner_at(pfn, &flags, &change);
		run->kind = owner ? owner->kind : BOOTMEM_ALLOCATED;
		run->flags = flags;
		if (owner)
			run->label = owner->label;
		stop = owned_run_end(r, bit, end, owner, flags, change);
	}
	run->base = bm_addr(pfn);
	run->size = bm_addr(stop - bit);
}

/**
 * bootmem_next_run() - step to the next run of the map
 * @run:	cursor; a run of size 0 starts from the lowest page
 *
 * Runs never span two ranges. Use for_each_bootmem_run().
 *
 * Return: false when there is no further run, or before bootmem_enable()
 */
bool bootmem_next_run(struct bootmem_run *run)
{
	u64 pfn = run->size ? bm_pfn(run->base) + bm_pfn(run->size) : 0;
	const struct bm_range *r;

	if (!bm.enabled)
		return false;
	r = bm_range_of(pfn);
	if (!r)
		return false;
	run_at(r, pfn > r->pfn ? pfn : r->pfn, run);

	return true;
}

/**
 * bootmem_node_info() - what a node holds
 * @nid:	node id
 * @info:	filled in, or NULL to ask only whether the node exists
 *
 * Free, reserved and allocated sizes are counted once enabled; before,
 * everything present counts as free.
 *
 * Return: 0; -ENODEV if @nid has neither memory nor CPUs
 */
int bootmem_node_info(int nid, struct bootmem_node_info *info)
{
	struct bootmem_run run;
	unsigned int i;
	u64 pfn;

	if (!bm_node_valid(nid) ||
	    (!bm.node[nid].nr_cpus && !bm_node_has_memory(nid)))
		return -ENODEV;
	if (!info)
		return 0;

	memset(info, 0, sizeof(*info));
	info->nr_cpus = bm.node[nid].nr_cpus;
	info->cpumask = bm.node[nid].cpumask;
	for (i = 0; i < bm.nr_ranges; i++) {
		const struct bm_range *r = &bm.range[i];

		if (r->nid != nid)
			continue;
		info->nr_ranges++;
		info->present += bm_addr(r->pages);
		for (pfn = r->pfn; bm.enabled && pfn < bm_range_end(r);
		     pfn += bm_pfn(run.size)) {
			run_at(r, pfn, &run);
			if (run.kind == BOOTMEM_FREE)
				info->free += run.size;
			else if (run.kind == BOOTMEM_RESERVED)
				info->reserved += run.size;
			else
				info->allocated += run.size;
		}
	}
	if (!bm.enabled)
		info->free = info->present;

	return 0;
}

/**
 * bootmem_next_node() - the next node with memory or CPUs
 * @nid:	the node before, or -1 to start
 *
 * Use for_each_bootmem_node().
 *
 * Return: the lowest such node id above @nid, or NUMA_NO_NODE
 */
int bootmem_next_node(int nid)
{
	while (++nid < BOOTMEM_MAX_NODES)
		if (!bootmem_node_info(nid, NULL))
			return nid;

	return NUMA_NO_NODE;
}

/**
 * bootmem_node_range() - the @idx-th memory range of a node, lowest first
 * @nid:	node id
 * @idx:	index among the node's ranges
 * @basep:	set to the physical address
 * @sizep:	set to the size in bytes
 *
 * Return: 0; -ENODEV for a bad node id; -ENOENT past the last range
 */
int bootmem_node_range(int nid, unsigned int idx, phys_addr_t *basep,
		       phys_size_t *sizep)
{
	unsigned int i;

	if (!bm_node_valid(nid))
		return -ENODEV;
	for (i = 0; i < bm.nr_ranges; i++) {
		if (bm.range[i].nid != nid || idx--)
			continue;
		*basep = bm_addr(bm.range[i].pfn);
		*sizep = bm_addr(bm.range[i].pages);
		return 0;
	}

	return -ENOENT;
}

/**
 * bootmem_addr_to_nid() - the node that owns an address
 * @addr:	physical address
 *
 * Return: the node id, or NUMA_NO_NODE outside registered RAM
 */
int bootmem_addr_to_nid(phys_addr_t addr)
{
	const struct bm_range *r = bm_range_of(bm_pfn(addr));

	return r && r->pfn <= bm_pfn(addr) ? r->nid : NUMA_NO_NODE;
}

/**
 * bootmem_range_nid() - the node that owns every page of a range
 * @addr:	physical address
 * @size:	bytes; the partial pages at either end count
 *
 * Return: the node id; NUMA_NO_NODE if a page lies in a hole or on
 * another node, or if @size is 0 or the range wraps
 */
int bootmem_range_nid(phys_addr_t addr, phys_size_t size)
{
	const struct bm_range *r;
	u64 lo, hi;
	int nid;

	if (!bm_span_pfns(addr, size, &lo, &hi) || !bm_pfns_present(lo, hi))
		return NUMA_NO_NODE;
	nid = bm_range_of(lo)->nid;
	for_each_range_in(r, lo, hi)
		if (r->nid != nid)
			return NUMA_NO_NODE;

	return nid;
}

/**
 * bootmem_node_bounds() - the lowest and the highest byte of a node's RAM
 * @nid:	node id
 * @firstp:	set to the first byte of its lowest range
 * @lastp:	set to the last byte of its highest range
 *
 * Holes and other nodes' ranges may lie in between.
 *
 * Return: 0; -ENODEV if @nid has no memory
 */
int bootmem_node_bounds(int nid, phys_addr_t *firstp, phys_addr_t *lastp)
{
	int i, lowest = -1, highest = -1;

	for (i = 0; i < (int)bm.nr_ranges; i++) {
		if (bm.range[i].nid != nid)
			continue;
		if (lowest < 0)
			lowest = i;
		highest = i;
	}
	if (lowest < 0)
		return -ENODEV;
	*firstp = bm_addr(bm.range[lowest].pfn);
	*lastp = bm_addr(bm_range_end(&bm.range[highest])) - 1;

	return 0;
}

/**
 * bootmem_boot_node() - the node of the boot CPU (logical CPU 0)
 *
 * Return: that node; without CPU 0 registered the lowest node id with
 * memory; NUMA_NO_NODE if there is neither
 */
int bootmem_boot_node(void)
{
	int nid = NUMA_NO_NODE;
	unsigned int i;

	for (i = 0; i < BOOTMEM_MAX_NODES; i++)
		if (bm.node[i].cpumask & 1)
			return i;
	for (i = 0; i < bm.nr_ranges; i++)
		if (nid == NUMA_NO_NODE || bm.range[i].nid < nid)
			nid = bm.range[i].nid;

	return nid;
}

/**
 * bootmem_distance() - distance between two nodes
 * @from:	node id
 * @to:		node id
 *
 * Return: the distance set, else 10 for a node to itself and 20 between
 * nodes; -ENODEV for a bad node id
 */
int bootmem_distance(int from, int to)
{
	if (!bm_node_valid(from) || !bm_node_valid(to))
		return -ENODEV;
	if (bm.distance[from][to])
		return bm.distance[from][to];

	return from == to ? BOOTMEM_LOCAL_DISTANCE : BOOTMEM_REMOTE_DISTANCE;
}

/**
 * bootmem_map_location() - where the bitmap and its summaries live
 * @basep:	set to the physical address (0 before bootmem_enable())
 * @sizep:	set to the size in bytes (0 before bootmem_enable())
 */
void bootmem_map_location(phys_addr_t *basep, phys_size_t *sizep)
{
	*basep = bm.enabled ? bm_addr(bm.map.pfn) : 0;
	*sizep = bm.enabled ? bm_addr(bm.map.pages) : 0;
}

/**
 * bootmem_strerror() - what a bootmem error code means
 * @err:	a negative errno returned by a bootmem call
 *
 * Return: a short message, never NULL
 */
const char *bootmem_strerror(int err)
{
	switch (-err) {
	case EINVAL:
		return "invalid argument (zero size, bad alignment or flag, unaligned address)";
	case ERANGE:
		return "range wraps around or is not RAM";
	case ENODEV:
		return "no such node";
	case EEXIST:
		return "overlaps something already registered";
	case ENOSPC:
		return "table full";
	case ENOMEM:
		return "out of memory: nothing fits";
	case EBUSY:
		return "range is in use";
	case ENOENT:
		return "not allocated (double free?)";
	case EACCES:
		return "range is reserved, not allocated";
	case EALREADY:
		return "already enabled";
	case EPERM:
		return "registry closed: bootmem is already enabled";
	case EAGAIN:
		return "bootmem is not enabled yet";
	case EFAULT:
		return "malformed device tree";
	case EDOM:
		return "bad #address-cells or #size-cells";
	case EMSGSIZE:
		return "device tree property of the wrong length";
	case EOVERFLOW:
		return "device tree range wraps past the top of the address space";
	case ENODATA:
		return "numa-node-id on some memory nodes only";
	case EBADMSG:
		return "malformed distance-matrix";
	case EFBIG:
		return "too large";
	case ENOEXEC:
		return "not an arm64 Image";
	default:
		return "unexpected error";
	}
}
