// SPDX-License-Identifier: GPL-2.0+
/*
 * The node registry: which RAM, CPUs and distances each node has, and the
 * step that closes it, bootmem_enable(), which sizes and places the bitmap.
 */

#include "bootmem_internal.h"

struct bootmem_state bm;

/**
 * bm_span_pfns() - the pages a byte range touches
 * @addr:	first byte
 * @size:	bytes
 * @lop:	set to the first page
 * @hip:	set to one past the last page
 *
 * Return: false if @size is 0 or the range wraps past the top
 */
bool bm_span_pfns(phys_addr_t addr, phys_size_t size, u64 *lop, u64 *hip)
{
	phys_addr_t last = addr + size - 1;

	if (!size || last < addr)
		return false;
	*lop = bm_pfn(addr);
	*hip = bm_pfn(last) + 1;

	return true;
}

/**
 * bm_inner_pfns() - the whole pages inside a byte range
 * @addr:	first byte
 * @size:	bytes; the range must not wrap
 * @lop:	set to the first whole page
 * @hip:	set to one past the last whole page
 *
 * Return: false if no whole page lies inside
 */
bool bm_inner_pfns(phys_addr_t addr, phys_size_t size, u64 *lop, u64 *hip)
{
	phys_addr_t last = addr + size - 1;

	if (!size)
		return false;
	*lop = bm_pfn(addr) + !!(addr & BM_PAGE_MASK);
	*hip = bm_pfn(last) + ((last & BM_PAGE_MASK) == BM_PAGE_MASK);

	return *lop < *hip;
}

bool bm_node_valid(int nid)
{
	return nid >= 0 && nid < BOOTMEM_MAX_NODES;
}

bool bm_node_has_memory(int nid)
{
	unsigned int i;

	for (i = 0; i < bm.nr_ranges; i++)
		if (bm.range[i].nid == nid)
			return true;

	return false;
}

/**
 * bm_range_of() - the range holding page @pfn, or the next one above it
 * @pfn:	page
 *
 * Return: the range, or NULL when no range ends above @pfn
 */
const struct bm_range *bm_range_of(u64 pfn)
{
	unsigned int lo = 0, hi = bm.nr_ranges;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (bm_range_end(&bm.range[mid]) <= pfn)
			lo = mid + 1;
		else
			hi = mid;
	}

	return lo < bm.nr_ranges ? &bm.range[lo] : NULL;
}

/**
 * bm_pfns_present() - whether every page of [lo, hi) is registered RAM
 * @lo:		first page
 * @hi:		one past the last page
 *
 * Return: true if no page of the span lies in a hole
 */
bool bm_pfns_present(u64 lo, u64 hi)
{
	while (lo < hi) {
		const struct bm_range *r = bm_range_of(lo);

		if (!r || r->pfn > lo)
			return false;
		lo = bm_range_end(r);
	}

	return true;
}

/**
 * bootmem_add_range() - register RAM of a node
 * @nid:	node id, 0 .. BOOTMEM_MAX_NODES - 1
 * @base:	physical address; a partial first page is left out
 * @size:	bytes; a partial last page is left out
 *
 * A node may own several ranges; ranges of different nodes may interleave.
 *
 * Return: 0; -EPERM once enabled; -ENODEV for a bad node id; -EINVAL if
 * the range holds no whole page; -ERANGE if it wraps past the top of the
 * address space; -EEXIST if a byte of it, partial pages included, is
 * registered already; -ENOSPC when BOOTMEM_MAX_RANGES ranges are
 * registered. On error nothing changes.
 */
int bootmem_add_range(int nid, phys_addr_t base, phys_size_t size)
{
	phys_addr_t last = base + size - 1;
	u64 lo, hi;
	unsigned int i;

	if (bm.enabled)
		return -EPERM;
	if (!bm_node_valid(nid))
		return -ENODEV;
	if (size && last < base)
		return -ERANGE;
	if (!bm_inner_pfns(base, size, &lo, &hi))
		return -EINVAL;
	for (i = 0; i < bm.nr_ranges; i++)
		if (base <= bm.range[i].last && bm.range[i].start <= last)
			return -EEXIST;
	if (bm.nr_ranges == BOOTMEM_MAX_RANGES)
		return -ENOSPC;

	for (i = bm.nr_ranges++; i && bm.range[i - 1].pfn > lo; i--)
		bm.range[i] = bm.range[i - 1];
	bm.range[i] = (struct bm_range){ .pfn = lo, .pages = hi - lo,
					 .start = base, .last = last,
					 .nid = nid };

	return 0;
}

/**
 * bootmem_add_cpu() - register a logical CPU on a node
 * @nid:	node id; a node may have CPUs and no memory
 * @cpu:	logical CPU number; CPU 0 is the boot CPU
 *
 * Return: 0; -EPERM once enabled; -ENODEV for a bad node id; -EEXIST if
 * CPU 0..63 is already registered.
 */
int bootmem_add_cpu(int nid, unsigned int cpu)
{
	u64 bit = cpu < 64 ? 1ULL << cpu : 0;
	int i;

	if (bm.enabled)
		return -EPERM;
	if (!bm_node_valid(nid))
		return -ENODEV;
	for (i = 0; i < BOOTMEM_MAX_NODES; i++)
		if (bm.node[i].cpumask & bit)
			return -EEXIST;

	bm.node[nid].cpumask |= bit;
	bm.node[nid].nr_cpus++;

	return 0;
}

/**
 * bootmem_set_distance() - set the distance from one node to another
 * @from:	node id
 * @to:		node id
 * @distance:	10 for a node to itself; 11 .. 255 between two nodes
 *
 * Only the one direction is set; unset distances default to 10 (local)
 * and 20 (remote).
 *
 * Return: 0; -EPERM once enabled; -ENODEV for a bad node id; -EINVAL
 * for a distance out of range.
 */
int bootmem_set_distance(int from, int to, unsigned int distance)
{
	if (bm.enabled)
		return -EPERM;
	if (!bm_node_valid(from) || !bm_node_valid(to))
		return -ENODEV;
	if (from == to ? distance != BOOTMEM_LOCAL_DISTANCE :
	    distance <= BOOTMEM_LOCAL_DISTANCE || distance > 255)
		return -EINVAL;

	bm.distance[from][to] = distance;

	return 0;
}

/**
 * bootmem_reset() - forget every node, reservation and allocation
 *
 * Afterwards the registry is open again. The bitmap's memory is not
 * touched: it is simply no longer used.
 */
void bootmem_reset(void)
{
	memset(&bm, 0, sizeof(bm));
}

/**
 * bootmem_enabled() - whether bootmem_enable() has run
 *
 * Return: true once the registry is closed and allocation open
 */
bool bootmem_enabled(void)
{
	return bm.enabled;
}

/*
 * Whether range @i ends where range @i + 1 begins, both of node @nid (of
 * any node for NUMA_NO_NODE): a seam, which is no hole.
 */
static bool joins_next(unsigned int i, int nid)
{
	const struct bm_range *r = &bm.range[i];

	return bm_range_end(r) == r[1].pfn &&
	       (nid == NUMA_NO_NODE || (r->nid == nid && r[1].nid == nid));
}

/**
 * bm_next_span() - the next span of contiguous RAM of a node
 * @nid:	node, or NUMA_NO_NODE for RAM of any node
 * @top_down:	walk from the highest span down
 * @pos:	cursor: 0 to start; counts the ranges walked
 * @firstp:	set to the span's lowest range
 * @lastp:	set to its highest range
 *
 * A span is a maximal run of ranges that follow each other without a
 * hole and, for a node, without another node's range in between: a node
 * described by one reg entry per bank is searched as the one block of RAM
 * it is. A span's bits are contiguous in the bitmap. Use for_each_span().
 *
 * Return: false once every span has been walked
 */
bool bm_next_span(int nid, bool top_down, unsigned int *pos,
		  const struct bm_range **firstp, const struct bm_range **lastp)
{
	unsigned int n = bm.nr_ranges, first = 0, last;

	for (; *pos < n; (*pos)++) {
		first = top_down ? n - 1 - *pos : *pos;
		if (nid == NUMA_NO_NODE || bm.range[first].nid == nid)
			break;
	}
	if (*pos >= n)
		return false;
	last = first;
	while (top_down && first > 0 && joins_next(first - 1, nid))
		first--;
	while (!top_down && last + 1 < n && joins_next(last, nid))
		last++;
	*pos += last - first + 1;
	*firstp = &bm.range[first];
	*lastp = &bm.range[last];

	return true;
}

/* The first reservation that holds a page of [lo, hi), or NULL; before
 * bootmem_enable() every owner record is a reservation.
 */
static const struct bm_region *reservation_in(u64 lo, u64 hi)
{
	unsigned int i;

	for (i = 0; i < bm.nr_regions; i++)
		if (bm.region[i].pfn < hi &&
		    lo < bm.region[i].pfn + bm.region[i].pages)
			return &bm.region[i];

	return NULL;
}

/*
 * Where the bitmap goes: the highest window of @pages pages in a span of
 * @nid's RAM (of any RAM for NUMA_NO_NODE, as an allocation would), ending
 * by page @limit, clear of every reservation made so far.
 */
static u64 place_map(u64 pages, int nid, u64 limit)
{
	const struct bm_range *first, *last;
	const struct bm_region *res;
	unsigned int pos;

	for_each_span(nid, true, pos, first, last) {
		u64 end = bm_range_end(last) < limit ? bm_range_end(last) : limit;

		while (end >= first->pfn + pages) {
			res = reservation_in(end - pages, end);
			if (!res)
				return end - pages;
			end = res->pfn;
		}
	}

	return BM_NOT_FOUND;
}

/* Pages registered; with @assign, ranges take consecutive bitmap indices. */
static u64 number_bits(bool assign)
{
	u64 nbits = 0;
	unsigned int i;

	for (i = 0; i < bm.nr_ranges; i++) {
		if (assign)
			bm.range[i].bit = nbits;
		nbits += bm.range[i].pages;
	}

	return nbits;
}

/**
 * bootmem_enable() - close the registry, place the bitmap, open allocation
 * @nid:	node to hold the bitmap, or NUMA_NO_NODE for any
 * @limit:	the bitmap ends at or below this address, as an allocation
 *		does (see bootmem_alloc()); BOOTMEM_ALLOC_ANYWHERE for none
 *
 * The bitmap takes one bit per registered page, holes squeezed out, plus
 * under 1% for summaries. It goes as high as it fits, clear of every
 * reservation, and reserves itself; then every reservation made so far is
 * marked in it. Like an allocation, it may use adjacent ranges of @nid
 * together, or with NUMA_NO_NODE any contiguous RAM.
 *
 * Return: 0; -EALREADY if enabled; -ENODEV if @nid has no memory; -ENOMEM
 * if no memory is registered or the bitmap fits nowhere; -ENOSPC if the
 * owner table has no room for the bitmap's own reservation.
 */
int bootmem_enable(int nid, phys_addr_t limit)
{
	u64 nbits, pages, pfn;
	unsigned int i;

	if (bm.enabled)
		return -EALREADY;
	if (nid != NUMA_NO_NODE && !bm_node_has_memory(nid))
		return -ENODEV;
	if (!bm.nr_ranges)
		return -ENOMEM;
	if (bm_regions_full())
		return -ENOSPC;

	nbits = number_bits(false);
	pages = (bm_map_bytes(nbits) + BM_PAGE_MASK) >> BOOTMEM_PAGE_SHIFT;
	pfn = place_map(pages, nid, bm_limit_pfn(limit));
	if (pfn == BM_NOT_FOUND)
		return -ENOMEM;

	number_bits(true);
	bm_map_init(&bm.map, bootmem_port_map(bm_addr(pfn), bm_addr(pages)),
		    nbits);
	bm.map.pfn = pfn;
	bm.map.pages = pages;
	bm.enabled = true;
	for (i = 0; i < bm.nr_regions; i++)
		bm_mark(bm.region[i].pfn,
			bm.region[i].pfn + bm.region[i].pages, true);
	bm_region_add(pfn, pfn + pages, BOOTMEM_RESERVED, 0, "bootmem bitmap");
	bm_mark(pfn, pfn + pages, true);

	return 0;
}
