// SPDX-License-Identifier: GPL-2.0+
/*
 * The node registry: which RAM, CPUs and distances each node has, the
 * spans of RAM a search walks, and marking pages in the bitmap. The layer
 * above the bitmap; bootmem_enable(), which closes the registry, is in
 * state.c, above the owner table and the allocator it needs.
 *
 * The registry's tables grow on the port's heap as nodes and ranges are
 * registered: nothing here is sized at compile time. bootmem_enable()
 * moves them next to the bitmap, where they stay.
 */

#include "bootmem_internal.h"

struct bm_state bm_state;

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

	for (i = 0; i < bm_state.nr_ranges; i++)
		if (bm_state.range[i].nid == nid)
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
	unsigned int lo = 0, hi = bm_state.nr_ranges;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (bm_range_end(&bm_state.range[mid]) <= pfn)
			lo = mid + 1;
		else
			hi = mid;
	}

	return lo < bm_state.nr_ranges ? &bm_state.range[lo] : NULL;
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
 * bm_bytes_present() - whether every byte of [base, last] is RAM to allocate
 * @base:	first byte
 * @last:	last byte, at or above @base
 *
 * The partial pages at the ends of a registered range are not.
 *
 * Return: true if every byte lies in a whole page of a range
 */
bool bm_bytes_present(phys_addr_t base, phys_addr_t last)
{
	return bm_pfns_present(bm_pfn(base), bm_pfn(last) + 1);
}

/**
 * bm_heap_grow() - a larger copy of a heap table
 * @old:	the table, or NULL
 * @old_bytes:	its size
 * @new_bytes:	the size wanted, larger; the new part is zeroed
 *
 * Return: the new table, @old freed; NULL (@old kept) if the heap is full
 */
void *bm_heap_grow(void *old, size_t old_bytes, size_t new_bytes)
{
	void *p = bootmem_port_alloc(new_bytes);

	if (!p)
		return NULL;
	memset(p, 0, new_bytes);
	if (old)
		memcpy(p, old, old_bytes);
	bootmem_port_free(old);

	return p;
}

/*
 * A copy of the distance matrix for @want nodes, the first @n rows and
 * columns kept; NULL if the heap is full.
 */
static u8 *distances_resized(unsigned int n, unsigned int want)
{
	u8 *dist = bm_heap_grow(NULL, 0, (size_t)want * want);
	unsigned int i;

	for (i = 0; dist && i < n; i++)
		memcpy(dist + i * want, bm_state.distance + i * n, n);

	return dist;
}

/*
 * Make room for node id @nid: the node table (CPU masks, then CPU counts)
 * grows to @nid + 1 nodes, and so does the distance matrix if there is
 * one. With @distances the matrix is made if there is none: until a
 * distance is set, every one is the default and there is no matrix.
 * Nothing changes on failure.
 */
static int nodes_room(int nid, bool distances)
{
	unsigned int n = bm_state.nr_nodes, want = nid + 1;
	bool grow_dist;
	u64 *cpumask = NULL;
	u8 *dist = NULL;

	if (want < n)
		want = n;
	grow_dist = bm_state.distance ? want > n : distances;
	if (want > n)
		cpumask = bm_heap_grow(NULL, 0, want * BM_NODE_BYTES);
	if (grow_dist)
		dist = distances_resized(bm_state.distance ? n : 0, want);
	if ((want > n && !cpumask) || (grow_dist && !dist)) {
		bootmem_port_free(cpumask);
		bootmem_port_free(dist);
		return -ENOMEM;
	}
	if (cpumask) {
		if (n) {
			memcpy(cpumask, bm_state.cpumask, n * sizeof(u64));
			memcpy(cpumask + want, bm_nr_cpus(),
			       n * sizeof(unsigned int));
		}
		bootmem_port_free(bm_state.cpumask);
		bm_state.cpumask = cpumask;
	}
	if (dist) {
		bootmem_port_free(bm_state.distance);
		bm_state.distance = dist;
	}
	bm_state.nr_nodes = want;

	return 0;
}

/**
 * bm_tables_bytes() - bytes of the registry's tables
 *
 * The ranges, the nodes' CPU masks and counts, and the distances if one
 * is set: what bm_tables_move() copies.
 *
 * Return: bytes, a multiple of 8 up to the distances
 */
size_t bm_tables_bytes(void)
{
	size_t n = bm_state.nr_nodes;

	return bm_state.nr_ranges * sizeof(struct bm_range) +
	       n * BM_NODE_BYTES +
	       (bm_state.distance ? n * n : 0);
}

/**
 * bm_tables_move() - move the registry's tables from the heap to @mem
 * @mem:	bm_tables_bytes() bytes, 8-byte aligned
 *
 * bootmem_enable() puts them after the bitmap, in the pages it reserves
 * for itself: the registry is closed from then on, so they never grow
 * again, and the port's heap gets their memory back.
 */
void bm_tables_move(void *mem)
{
	size_t n = bm_state.nr_nodes;
	size_t ranges = bm_state.nr_ranges * sizeof(struct bm_range);
	size_t nodes = n * BM_NODE_BYTES;
	u8 *p = mem;

	memcpy(p, bm_state.range, ranges);
	bootmem_port_free(bm_state.range);
	bm_state.range = (struct bm_range *)p;
	p += ranges;
	if (n)
		memcpy(p, bm_state.cpumask, nodes);
	bootmem_port_free(bm_state.cpumask);
	bm_state.cpumask = n ? (u64 *)p : NULL;
	p += nodes;
	if (bm_state.distance) {
		memcpy(p, bm_state.distance, n * n);
		bootmem_port_free(bm_state.distance);
		bm_state.distance = p;
	}
}

/**
 * bm_tables_free() - free the registry's tables, if on the heap
 *
 * Once bootmem_enable() has moved them next to the bitmap (outside a
 * bootmem_push() state) they are in RAM, and are simply dropped.
 */
void bm_tables_free(void)
{
	if (bm_state.enabled && !bm_state.on_heap)
		return;
	bootmem_port_free(bm_state.range);
	bootmem_port_free(bm_state.cpumask);
	bootmem_port_free(bm_state.distance);
}

/*
 * Room for one more range. Ranges are registered once, one at a time, so
 * the table grows by one each time: it holds what is registered and no
 * more, and a copy per range costs nothing next to the bitmap.
 */
static int ranges_room(void)
{
	unsigned int n = bm_state.nr_ranges;
	struct bm_range *r;

	r = bm_heap_grow(bm_state.range, n * sizeof(*r), (n + 1) * sizeof(*r));
	if (!r)
		return -ENOMEM;
	bm_state.range = r;

	return 0;
}

static phys_addr_t range_start(const struct bm_range *r)
{
	return bm_addr(r->pfn) - r->head;
}

static phys_addr_t range_last(const struct bm_range *r)
{
	return bm_addr(bm_range_end(r)) - 1 + r->tail;
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
 * the range holds no whole page; -EOVERFLOW if it passes the top of the
 * address space; -EEXIST if a byte of it, partial pages included, is
 * registered already; -ENOMEM if the heap has no room for the registry.
 * On error nothing changes.
 */
int bootmem_add_range(int nid, phys_addr_t base, phys_size_t size)
{
	phys_addr_t last = base + size - 1;
	u64 lo, hi;
	unsigned int i;

	if (bm_state.enabled)
		return -EPERM;
	if (!bm_node_valid(nid))
		return -ENODEV;
	if (size && last < base)
		return -EOVERFLOW;
	if (!bm_inner_pfns(base, size, &lo, &hi))
		return -EINVAL;
	for (i = 0; i < bm_state.nr_ranges; i++)
		if (base <= range_last(&bm_state.range[i]) &&
		    range_start(&bm_state.range[i]) <= last)
			return -EEXIST;
	if (nodes_room(nid, false) || ranges_room())
		return -ENOMEM;

	for (i = bm_state.nr_ranges++; i && bm_state.range[i - 1].pfn > lo; i--)
		bm_state.range[i] = bm_state.range[i - 1];
	bm_state.range[i] = (struct bm_range){
		.pfn = lo, .pages = hi - lo, .nid = nid,
		.head = bm_addr(lo) - base, .tail = last + 1 - bm_addr(hi),
	};

	return 0;
}

/**
 * bootmem_add_cpu() - register a logical CPU on a node
 * @nid:	node id; a node may have CPUs and no memory
 * @cpu:	logical CPU number; CPU 0 is the boot CPU
 *
 * Return: 0; -EPERM once enabled; -ENODEV for a bad node id; -EEXIST if
 * CPU 0..63 is already registered; -ENOMEM if the heap has no room for
 * the registry.
 */
int bootmem_add_cpu(int nid, unsigned int cpu)
{
	u64 bit = cpu < 64 ? 1ULL << cpu : 0;
	unsigned int i;

	if (bm_state.enabled)
		return -EPERM;
	if (!bm_node_valid(nid))
		return -ENODEV;
	for (i = 0; i < bm_state.nr_nodes; i++)
		if (bm_state.cpumask[i] & bit)
			return -EEXIST;
	if (nodes_room(nid, false))
		return -ENOMEM;

	bm_state.cpumask[nid] |= bit;
	bm_nr_cpus()[nid]++;

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
 * for a distance out of range; -ENOMEM if the heap has no room for the
 * registry.
 */
int bootmem_set_distance(int from, int to, unsigned int distance)
{
	if (bm_state.enabled)
		return -EPERM;
	if (!bm_node_valid(from) || !bm_node_valid(to))
		return -ENODEV;
	if (from == to ? distance != BOOTMEM_LOCAL_DISTANCE :
	    distance <= BOOTMEM_LOCAL_DISTANCE || distance > 255)
		return -EINVAL;
	if (nodes_room(from > to ? from : to, true))
		return -ENOMEM;

	bm_state.distance[from * bm_state.nr_nodes + to] = distance;

	return 0;
}

/*
 * Whether range @i ends where range @i + 1 begins, both of node @nid (of
 * any node for NUMA_NO_NODE): a seam, which is no hole.
 */
static bool joins_next(unsigned int i, int nid)
{
	const struct bm_range *r = &bm_state.range[i];

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
	unsigned int n = bm_state.nr_ranges, first = 0, last;

	for (; *pos < n; (*pos)++) {
		first = top_down ? n - 1 - *pos : *pos;
		if (nid == NUMA_NO_NODE || bm_state.range[first].nid == nid)
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
	*firstp = &bm_state.range[first];
	*lastp = &bm_state.range[last];

	return true;
}

/**
 * bm_mark() - mark the present pages of [lo, hi) in use or free
 * @lo:		first page
 * @hi:		one past the last page; pages in holes are skipped
 * @used:	in use rather than free
 */
void bm_mark(u64 lo, u64 hi, bool used)
{
	const struct bm_range *r;
	u64 b, e;

	for_each_range_in(r, lo, hi) {
		bm_clip_bits(r, lo, hi, &b, &e);
		if (b >= e)
			continue;
		if (used)
			bm_set(&bm_state.map, b, e);
		else
			bm_clear(&bm_state.map, b, e);
	}
}

/**
 * bm_page_used() - whether a byte of the present page @pfn is in use
 * @pfn:	a page of registered RAM
 *
 * Return: its bit
 */
bool bm_page_used(u64 pfn)
{
	return bm_test(&bm_state.map, bm_pfn_to_bit(bm_range_of(pfn), pfn));
}
