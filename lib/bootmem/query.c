// SPDX-License-Identifier: GPL-2.0+
/*
 * Read-only views of the allocator: nodes, distances, the runs of the map,
 * the owner records and error messages.
 */

#include "bootmem_internal.h"

static const char *label_of(const struct bm_byte *b)
{
	return b->name ? b->name->label : "";
}

static u8 tag_of(const struct bm_byte *b)
{
	return b->name ? b->name->tag : 0;
}

/* Whether two stretches of bytes show as one run. */
static bool same_run(const struct bm_byte *a, const struct bm_byte *b)
{
	return a->kind == b->kind && a->flags == b->flags &&
	       tag_of(a) == tag_of(b) && !strcmp(label_of(a), label_of(b));
}

/* Fill @run with the run of bytes that starts at @x in range @r. */
static void run_at(const struct bm_range *r, phys_addr_t x,
		   struct bootmem_run *run)
{
	phys_addr_t wlast = bm_page_last(bm_range_end(r) - 1), last;
	struct bm_byte b, next;

	bm_byte_at(x, wlast, &b);
	for (last = b.last; last < wlast; last = next.last) {
		bm_byte_at(last + 1, wlast, &next);
		if (!same_run(&b, &next))
			break;
	}
	run->base = x;
	run->size = last - x + 1;
	run->nid = r->nid;
	run->kind = b.kind;
	run->flags = b.flags;
	run->tag = tag_of(&b);
	run->label = label_of(&b);
}

/**
 * bootmem_next_run() - step to the next run of the map
 * @run:	cursor; a run of size 0 starts from the lowest byte
 *
 * Runs never span two ranges. Labels point into the owner table: they
 * hold until the next allocation, reservation or free. Use
 * for_each_bootmem_run().
 *
 * Return: false when there is no further run, or before bootmem_enable()
 */
bool bootmem_next_run(struct bootmem_run *run)
{
	const struct bm_range *r;
	phys_addr_t x = 0;

	if (!bm_state.enabled)
		return false;
	if (run->size) {
		x = run->base + run->size;
		/* The last run ended at the top of the address space. */
		if (!x)
			return false;
	}
	r = bm_range_of(bm_pfn(x));
	if (!r)
		return false;
	run_at(r, x > bm_addr(r->pfn) ? x : bm_addr(r->pfn), run);

	return true;
}

/**
 * bootmem_run_at() - the run of the map from a given byte on
 * @addr:	physical address
 * @run:	filled in: @addr's owner, from @addr (@run->base) to where
 *		the run ends
 *
 * What LMB asks of one address: whether it is free, and for how long
 * (lmb_get_free_size()), or whose it is (lmb_is_reserved_flags()).
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -ERANGE if @addr is not in
 * a whole page of registered RAM
 */
int bootmem_run_at(phys_addr_t addr, struct bootmem_run *run)
{
	const struct bm_range *r;

	if (!bm_state.enabled)
		return -EAGAIN;
	r = bm_range_of(bm_pfn(addr));
	if (!r || r->pfn > bm_pfn(addr))
		return -ERANGE;
	run_at(r, addr, run);

	return 0;
}

/**
 * bootmem_is_free() - whether a range is RAM and entirely free
 * @addr:	physical address
 * @size:	bytes
 *
 * Return: true once enabled if every byte @addr .. @addr + @size - 1 is
 * RAM (in a whole page of a registered range) and free
 */
bool bootmem_is_free(phys_addr_t addr, phys_size_t size)
{
	phys_addr_t last = addr + size - 1, x = addr;
	struct bootmem_run run;

	if (!bm_state.enabled || !size || last < addr ||
	    !bm_bytes_present(addr, last))
		return false;
	for (;;) {
		run_at(bm_range_of(bm_pfn(x)), x, &run);
		if (run.kind != BOOTMEM_FREE)
			return false;
		if (run.size > last - x)
			return true;
		x += run.size;
	}
}

/**
 * bootmem_owner() - one owner record
 * @idx:	its index, from 0 (the lowest base) up
 * @owner:	filled in; the label holds until the next change
 *
 * Reservations made before bootmem_enable() are records too. Use
 * for_each_bootmem_owner().
 *
 * Return: 0; -ENOENT past the last record
 */
int bootmem_owner(unsigned int idx, struct bootmem_owner *owner)
{
	const struct bm_owner *o;

	if (idx >= bm_state.own.nr)
		return -ENOENT;
	o = &bm_state.own.rec[idx];
	owner->base = o->base;
	owner->last = o->last;
	owner->kind = o->kind;
	owner->flags = o->flags & BM_RECORD_FLAGS;
	owner->tag = o->tag;
	owner->label = o->label;

	return 0;
}

/**
 * bootmem_owner_table() - how many records there are, and where
 * @table:	filled in
 */
void bootmem_owner_table(struct bootmem_owner_table *table)
{
	const struct bm_owners *t = &bm_state.own;

	table->nr = t->nr;
	table->capacity = t->cap;
	table->base = t->pages ? bm_addr(t->pfn) : 0;
	table->size = bm_addr(t->pages);
	table->record_size = sizeof(*t->rec);
}

/**
 * bootmem_node_info() - what a node holds
 * @nid:	node id
 * @info:	filled in, or NULL to ask only whether the node exists
 *
 * Free, reserved and allocated bytes are counted once enabled; before,
 * everything present counts as free.
 *
 * Return: 0; -ENODEV if @nid has neither memory nor CPUs
 */
int bootmem_node_info(int nid, struct bootmem_node_info *info)
{
	bool known = bm_node_valid(nid) &&
		     (unsigned int)nid < bm_state.nr_nodes;
	struct bootmem_run run;
	phys_addr_t x, last;
	unsigned int i;

	if (!known || (!bm_nr_cpus()[nid] && !bm_node_has_memory(nid)))
		return -ENODEV;
	if (!info)
		return 0;

	memset(info, 0, sizeof(*info));
	info->nr_cpus = bm_nr_cpus()[nid];
	info->cpumask = bm_state.cpumask[nid];
	for (i = 0; i < bm_state.nr_ranges; i++) {
		const struct bm_range *r = &bm_state.range[i];

		if (r->nid != nid)
			continue;
		info->nr_ranges++;
		info->present += bm_addr(r->pages);
		last = bm_page_last(bm_range_end(r) - 1);
		for (x = bm_addr(r->pfn); bm_state.enabled; x += run.size) {
			run_at(r, x, &run);
			if (run.kind == BOOTMEM_FREE)
				info->free += run.size;
			else if (run.kind == BOOTMEM_RESERVED)
				info->reserved += run.size;
			else
				info->allocated += run.size;
			if (run.size > last - x)
				break;
		}
	}
	if (!bm_state.enabled)
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
	for (i = 0; i < bm_state.nr_ranges; i++) {
		if (bm_state.range[i].nid != nid || idx--)
			continue;
		*basep = bm_addr(bm_state.range[i].pfn);
		*sizep = bm_addr(bm_state.range[i].pages);
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
 * Return: 0; -ENODEV if @nid is no node; -ENXIO if it has no memory
 */
int bootmem_node_bounds(int nid, phys_addr_t *firstp, phys_addr_t *lastp)
{
	int i, lowest = -1, highest = -1;

	for (i = 0; i < (int)bm_state.nr_ranges; i++) {
		if (bm_state.range[i].nid != nid)
			continue;
		if (lowest < 0)
			lowest = i;
		highest = i;
	}
	if (lowest < 0)
		return bootmem_node_info(nid, NULL) ? -ENODEV : -ENXIO;
	*firstp = bm_addr(bm_state.range[lowest].pfn);
	*lastp = bm_addr(bm_range_end(&bm_state.range[highest])) - 1;

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

	for (i = 0; i < bm_state.nr_nodes; i++)
		if (bm_state.cpumask[i] & 1)
			return i;
	for (i = 0; i < bm_state.nr_ranges; i++)
		if (nid == NUMA_NO_NODE || bm_state.range[i].nid < nid)
			nid = bm_state.range[i].nid;

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
	unsigned int n;

	if (!bm_node_valid(from) || !bm_node_valid(to))
		return -ENODEV;
	n = bm_state.nr_nodes;
	if (bm_state.distance && (unsigned int)from < n &&
	    (unsigned int)to < n && bm_state.distance[from * n + to])
		return bm_state.distance[from * n + to];

	return from == to ? BOOTMEM_LOCAL_DISTANCE : BOOTMEM_REMOTE_DISTANCE;
}

/**
 * bootmem_map_location() - where the bitmap, its summaries and the
 *			    registry's tables live
 * @basep:	set to the physical address (0 before bootmem_enable(), and
 *		in a bootmem_push() state, where it is on the heap)
 * @sizep:	set to the size in bytes (0 likewise)
 */
void bootmem_map_location(phys_addr_t *basep, phys_size_t *sizep)
{
	u64 pages = bm_map_pages();

	*basep = pages ? bm_addr(bm_state.map.pfn) : 0;
	*sizep = bm_addr(pages);
}

/**
 * bootmem_map_size() - the bytes the bitmap takes
 *
 * Before bootmem_enable(), what it will take for the RAM registered so far.
 *
 * Return: bytes, whole pages, summaries and the registry's tables (which
 * bootmem_enable() moves beside it) included
 */
phys_size_t bootmem_map_size(void)
{
	u64 pages = 0;
	unsigned int i;

	for (i = 0; i < bm_state.nr_ranges; i++)
		pages += bm_state.range[i].pages;

	return bm_addr(bm_map_pages_for(pages));
}

/**
 * bootmem_strerror() - what a bootmem error code means
 * @err:	a negative errno returned by a bootmem call
 *
 * Each code has one meaning, whichever call returns it; each call's
 * documentation says when. Iterations (bootmem_node_range(),
 * bootmem_owner()) end with -ENOENT, which users never see.
 *
 * Return: a short message, never NULL
 */
const char *bootmem_strerror(int err)
{
	switch (-err) {
	case EINVAL:
		return "invalid argument";
	case EOVERFLOW:
		return "past the top of the address space";
	case ERANGE:
		return "not RAM";
	case ENODEV:
		return "no such node";
	case ENXIO:
		return "node has no memory";
	case EEXIST:
		return "already registered";
	case ENOMEM:
		return "out of memory";
	case EBUSY:
		return "in use";
	case ENOENT:
		return "not allocated";
	case EACCES:
		return "reserved, not allocated";
	case EALREADY:
		return "already enabled";
	case EPERM:
		return "registry closed: bootmem is enabled";
	case EAGAIN:
		return "bootmem is not enabled yet";
	case ENOSPC:
		return "no room in the device tree";
	case EFAULT:
		return "malformed device tree";
	case EDOM:
		return "bad #address-cells or #size-cells";
	case EMSGSIZE:
		return "device tree property of the wrong length";
	case ENODATA:
		return "numa-node-id on some memory nodes only";
	case EBADMSG:
		return "malformed distance-matrix";
	case EFBIG:
		return "device tree larger than 2 MiB";
	case ENOEXEC:
		return "not an arm64 Image";
	default:
		return "unexpected error";
	}
}
