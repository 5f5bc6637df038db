// SPDX-License-Identifier: GPL-2.0+
/*
 * Allocation policy on top of the bitmap: which spans of RAM to search, in
 * which order (the node, then the others by distance, then anywhere), and
 * the rules for reserving and freeing.
 */

#include "bootmem_internal.h"

bool bootmem_debug;

#define ALLOC_FLAGS	(BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP | BOOTMEM_LOW | \
			 BOOTMEM_KEEP | BOOTMEM_NOMAP)
#define RESERVE_FLAGS	(BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE | BOOTMEM_KEEP | \
			 BOOTMEM_NOMAP)

/**
 * struct bm_search - one allocation request, in pages
 * @len:	pages wanted
 * @align:	alignment in pages, a power of two
 * @lo:		lowest page the run may use
 * @hi:		one past the highest page the run may use
 * @top_down:	prefer the highest fit
 */
struct bm_search {
	u64 len;
	u64 align;
	u64 lo;
	u64 hi;
	bool top_down;
};

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
		if (used)
			bm_set(&bm.map, b, e);
		else
			bm_clear(&bm.map, b, e);
	}
}

/*
 * Search ranges [first, last] as one contiguous span of RAM, and take the
 * run found: the span's bits are contiguous too.
 */
static u64 search_span(const struct bm_search *q, const struct bm_range *first,
		       const struct bm_range *last)
{
	u64 lo = q->lo > first->pfn ? q->lo : first->pfn;
	u64 hi = q->hi < bm_range_end(last) ? q->hi : bm_range_end(last);
	u64 bit;

	if (lo >= hi || hi - lo < q->len)
		return BM_NOT_FOUND;
	bit = bm_find_run(&bm.map, bm_pfn_to_bit(first, lo),
			  bm_pfn_to_bit(first, hi), q->len, q->align,
			  first->pfn - first->bit, q->top_down);
	if (bit == BM_NOT_FOUND)
		return BM_NOT_FOUND;
	bm_set(&bm.map, bit, bit + q->len);

	return first->pfn + (bit - first->bit);
}

/*
 * Search the spans of node @nid's RAM, or with NUMA_NO_NODE every span of
 * contiguous RAM (an allocation may then cross a node boundary), highest
 * first when top-down.
 */
static u64 search_node(const struct bm_search *q, int nid)
{
	const struct bm_range *first, *last;
	unsigned int pos;
	u64 pfn;

	for_each_span(nid, q->top_down, pos, first, last) {
		pfn = search_span(q, first, last);
		if (pfn != BM_NOT_FOUND)
			return pfn;
	}

	return BM_NOT_FOUND;
}

/* Nodes with memory other than @nid, nearest first, ties by node id. */
static unsigned int fallback_order(int nid, int *order)
{
	unsigned int n = 0, i;
	int cand;

	for (cand = 0; cand < BOOTMEM_MAX_NODES; cand++) {
		if (cand == nid || !bm_node_has_memory(cand))
			continue;
		for (i = n++; i && bootmem_distance(nid, order[i - 1]) >
		     bootmem_distance(nid, cand); i--)
			order[i] = order[i - 1];
		order[i] = cand;
	}

	return n;
}

static u64 search(const struct bm_search *q, int nid, bool exact)
{
	int order[BOOTMEM_MAX_NODES];
	unsigned int i, n;
	u64 pfn;

	if (nid == NUMA_NO_NODE)
		return search_node(q, NUMA_NO_NODE);
	pfn = search_node(q, nid);
	if (pfn != BM_NOT_FOUND || exact)
		return pfn;
	n = fallback_order(nid, order);
	for (i = 0; i < n; i++) {
		pfn = search_node(q, order[i]);
		if (pfn != BM_NOT_FOUND)
			return pfn;
	}

	return search_node(q, NUMA_NO_NODE);
}

/* memblock=debug's counterpart: every call, its range, node and owner. */
static void debug_log(const char *what, phys_addr_t addr, phys_size_t size,
		      int nid, const char *label, int ret)
{
	log_info("bootmem: %s [%#llx-%#llx] %#llx bytes node %d '%s': %s\n",
		 what, (unsigned long long)addr,
		 (unsigned long long)(addr + size - 1), (unsigned long long)size,
		 nid, label ? label : "", ret ? bootmem_strerror(ret) : "ok");
}

/**
 * bootmem_alloc() - allocate pages
 * @size:	bytes, rounded up to whole pages; not 0
 * @align:	alignment in bytes, a power of two; below a page means a page
 * @goal:	preferred lowest address; if nothing fits above it, it is
 *		dropped (0 for none)
 * @limit:	the allocation ends at or below this address: its end, one
 *		past its last byte, is at most @limit (an unaligned limit
 *		rounds down to a page); BOOTMEM_ALLOC_ANYWHERE for none
 *		(the top page of the address space included)
 * @nid:	preferred node, or NUMA_NO_NODE
 * @flags:	BOOTMEM_EXACT_NODE: only @nid, no fallback;
 *		BOOTMEM_BOTTOM_UP: lowest fit (default: highest, as memblock);
 *		BOOTMEM_LOW: below BOOTMEM_LOW_ADDRESS_LIMIT;
 *		BOOTMEM_KEEP, BOOTMEM_NOMAP: hand the pages to the OS
 * @label:	owner, or NULL; when the owner table is full the allocation
 *		is made unlabelled
 * @addrp:	set to the physical address on success
 *
 * A node's ranges that follow each other without a hole (one reg entry
 * per bank) are searched as one span.
 *
 * Without BOOTMEM_EXACT_NODE a request that does not fit on @nid falls
 * back to the other nodes, nearest first, and finally to any contiguous
 * RAM, even across a node boundary.
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, an
 * alignment that is not a power of two or unknown flags; -ERANGE if the
 * size overflows; -ENODEV for an unknown node; -ENOSPC if BOOTMEM_KEEP or
 * BOOTMEM_NOMAP is asked and the owner table is full; -ENOMEM if nothing
 * fits.
 */
int bootmem_alloc(phys_size_t size, phys_size_t align, phys_addr_t goal,
		  phys_addr_t limit, int nid, unsigned int flags,
		  const char *label, phys_addr_t *addrp)
{
	struct bm_search q = { .top_down = !(flags & BOOTMEM_BOTTOM_UP) };
	u64 pfn;
	int ret = 0;

	if (!bm.enabled)
		return -EAGAIN;
	if (!size || !align || (align & (align - 1)) || (flags & ~ALLOC_FLAGS))
		return -EINVAL;
	if (size + BM_PAGE_MASK < size)
		return -ERANGE;
	if (nid != NUMA_NO_NODE && bootmem_node_info(nid, NULL))
		return -ENODEV;
	if ((flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP)) && bm_regions_full())
		return -ENOSPC;

	q.len = (size + BM_PAGE_MASK) >> BOOTMEM_PAGE_SHIFT;
	q.align = align > BOOTMEM_PAGE_SIZE ? bm_pfn(align) : 1;
	if (flags & BOOTMEM_LOW && limit > BOOTMEM_LOW_ADDRESS_LIMIT)
		limit = BOOTMEM_LOW_ADDRESS_LIMIT;
	q.hi = bm_limit_pfn(limit);
	q.lo = bm_pfn(goal + BM_PAGE_MASK);
	if (goal + BM_PAGE_MASK < goal)
		q.lo = q.hi;

	pfn = search(&q, nid, flags & BOOTMEM_EXACT_NODE);
	if (pfn == BM_NOT_FOUND && q.lo) {
		q.lo = 0;
		pfn = search(&q, nid, flags & BOOTMEM_EXACT_NODE);
	}
	if (pfn == BM_NOT_FOUND) {
		ret = -ENOMEM;
	} else {
		if (label || (flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP)))
			bm_region_add(pfn, pfn + q.len, BOOTMEM_ALLOCATED,
				      flags, label);
		*addrp = bm_addr(pfn);
	}
	if (bootmem_debug)
		debug_log("alloc", ret ? 0 : bm_addr(pfn), size, nid, label,
			  ret);

	return ret;
}

/* Whether any page of [lo, hi) is in use, or allocated when @alloc_only. */
static bool span_in_use(u64 lo, u64 hi, bool alloc_only)
{
	const struct bm_range *r;
	u64 b, e, run;

	for_each_range_in(r, lo, hi) {
		bm_clip_bits(r, lo, hi, &b, &e);
		while ((b = bm_next_used(&bm.map, b, e)) < e) {
			run = bm_next_free(&bm.map, b, e);
			if (!alloc_only ||
			    !bm_reserved_cover(r->pfn + (b - r->bit),
					       r->pfn + (run - r->bit)))
				return true;
			b = run;
		}
	}

	return false;
}

/**
 * bootmem_is_free() - whether a range is RAM and entirely free
 * @addr:	physical address
 * @size:	bytes
 *
 * Return: true if every page @addr..@addr + @size - 1 touches is free
 */
bool bootmem_is_free(phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi;

	return bm.enabled && bm_span_pfns(addr, size, &lo, &hi) &&
	       bm_pfns_present(lo, hi) && !span_in_use(lo, hi, false);
}

static bool span_has_free(u64 lo, u64 hi)
{
	const struct bm_range *r;
	u64 b, e;

	for_each_range_in(r, lo, hi) {
		bm_clip_bits(r, lo, hi, &b, &e);
		if (bm_next_free(&bm.map, b, e) < e)
			return true;
	}

	return false;
}

/* Whether a reservation holds a registered page of [lo, hi). */
static bool reservations_overlap(u64 lo, u64 hi)
{
	const struct bm_range *r;
	unsigned int i;

	for (i = 0; i < bm.nr_regions; i++) {
		const struct bm_region *res = &bm.region[i];
		u64 s = lo > res->pfn ? lo : res->pfn;
		u64 e = hi < res->pfn + res->pages ? hi : res->pfn + res->pages;

		if (res->kind != BOOTMEM_RESERVED || s >= e)
			continue;
		/* Pages in holes are never in use. */
		r = bm_range_of(s);
		if (r && r->pfn < e)
			return true;
	}

	return false;
}

/**
 * bootmem_alloc_at() - allocate pages at a given address
 * @addr:	physical address, page aligned
 * @size:	bytes, rounded up to whole pages; not 0
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP
 * @label:	owner, or NULL; when the owner table is full the allocation
 *		is made unlabelled
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, an
 * unaligned address or unknown flags; -ERANGE if the range wraps or is
 * not all RAM; -EBUSY if a page is in use; -ENOSPC if flags need an owner
 * record and the table is full.
 */
int bootmem_alloc_at(phys_addr_t addr, phys_size_t size, unsigned int flags,
		     const char *label)
{
	u64 lo, hi;
	int ret = 0;

	if (!bm.enabled)
		return -EAGAIN;
	if (!size || (addr & BM_PAGE_MASK) ||
	    (flags & ~(BOOTMEM_KEEP | BOOTMEM_NOMAP)))
		return -EINVAL;
	if (!bm_span_pfns(addr, size, &lo, &hi) || !bm_pfns_present(lo, hi))
		return -ERANGE;
	if ((flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP)) && bm_regions_full())
		return -ENOSPC;

	if (span_in_use(lo, hi, false)) {
		ret = -EBUSY;
	} else {
		bm_mark(lo, hi, true);
		if (label || flags)
			bm_region_add(lo, hi, BOOTMEM_ALLOCATED, flags, label);
	}
	if (bootmem_debug)
		debug_log("alloc_at", addr, size, bootmem_addr_to_nid(addr),
			  label, ret);

	return ret;
}

/**
 * bootmem_reserve() - keep a range of pages from being allocated
 * @addr:	physical address; partial pages at either end are reserved whole
 * @size:	bytes; not 0
 * @flags:	BOOTMEM_EXCLUSIVE: fail if any page is already in use;
 *		BOOTMEM_FORCE: take over allocated pages instead of failing;
 *		BOOTMEM_KEEP, BOOTMEM_NOMAP: how the OS must treat the pages
 * @label:	owner, or NULL
 *
 * Reservations may overlap each other (firmware reservations nest) and
 * may be made before bootmem_enable(). Pages in holes are ignored.
 * Reservations are permanent: bootmem_free() refuses reserved pages.
 *
 * Return: 0; -EINVAL for a zero size or unknown flags; -ERANGE if the
 * range wraps or holds no registered page; -EBUSY if it overlaps an
 * allocation (or, with BOOTMEM_EXCLUSIVE, anything in use); -ENOSPC if
 * the owner table is full. On error nothing changes.
 */
int bootmem_reserve(phys_addr_t addr, phys_size_t size, unsigned int flags,
		    const char *label)
{
	const struct bm_range *r;
	u64 lo, hi;
	bool busy;
	int ret;

	if (!size || (flags & ~RESERVE_FLAGS))
		return -EINVAL;
	if (!bm_span_pfns(addr, size, &lo, &hi))
		return -ERANGE;
	r = bm_range_of(lo);
	if (!r || r->pfn >= hi)
		return -ERANGE;

	if (!bm.enabled)
		busy = (flags & BOOTMEM_EXCLUSIVE) && reservations_overlap(lo, hi);
	else if (flags & BOOTMEM_EXCLUSIVE)
		busy = span_in_use(lo, hi, false);
	else
		busy = !(flags & BOOTMEM_FORCE) && span_in_use(lo, hi, true);

	ret = busy ? -EBUSY : bm_region_add(lo, hi, BOOTMEM_RESERVED, flags,
					    label);
	if (!ret && bm.enabled)
		bm_mark(lo, hi, true);
	if (bootmem_debug)
		debug_log("reserve", addr, size, bootmem_addr_to_nid(addr),
			  label, ret);

	return ret;
}

/* Whether any page of [lo, hi) holds the bitmap. */
static bool holds_map(u64 lo, u64 hi)
{
	return lo < bm.map.pfn + bm.map.pages && bm.map.pfn < hi;
}

/* Free pages [lo, hi), all in use; reservations too when @reserved. */
static int free_pages(u64 lo, u64 hi, bool reserved)
{
	int ret;

	if (span_has_free(lo, hi))
		return -ENOENT;
	if (reserved ? holds_map(lo, hi) : reservations_overlap(lo, hi))
		return -EACCES;
	ret = bm_region_remove(lo, hi, reserved);
	if (!ret)
		bm_mark(lo, hi, false);

	return ret;
}

/**
 * bootmem_free() - return allocated pages
 * @addr:	physical address, page aligned
 * @size:	bytes, rounded up to whole pages; not 0
 *
 * Any part of an allocation may be freed. Every page must be allocated:
 * free pages (a double free, or a range never allocated) and reserved
 * pages are refused. Freeing the middle of a labelled or kept allocation
 * cuts its owner record in two, which needs a free slot in the owner
 * table: with the table full, the free is refused rather than the label
 * or BOOTMEM_KEEP of the upper part lost.
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size or
 * an unaligned address; -ERANGE if the range wraps or is not all RAM;
 * -ENOENT if a page is free; -EACCES if a page is reserved; -ENOSPC if an
 * owner record would be cut in two and the owner table is full. On error
 * nothing changes.
 */
int bootmem_free(phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi;
	int ret;

	if (!bm.enabled)
		return -EAGAIN;
	if (!size || (addr & BM_PAGE_MASK))
		return -EINVAL;
	if (!bm_span_pfns(addr, size, &lo, &hi) || !bm_pfns_present(lo, hi))
		return -ERANGE;

	ret = free_pages(lo, hi, false);
	if (bootmem_debug)
		debug_log("free", addr, size, bootmem_addr_to_nid(addr), NULL,
			  ret);

	return ret;
}

/**
 * bootmem_release() - free the whole pages of a range, reserved or allocated
 * @addr:	physical address
 * @size:	bytes; not 0
 *
 * What Linux's free_bootmem() does, which tells no reservation from an
 * allocation: an initrd or firmware table reserved at boot is given back
 * once used. Only the whole pages inside the range are freed; partial
 * pages at either end stay as they are, so a range holding no whole page
 * frees nothing. Every such page must be in use; reservations and owner
 * records over them are cut back, and one cut in two needs a free slot
 * in the owner table. The bitmap's own pages are never released.
 *
 * Return: 0 (also when no whole page lies inside); -EAGAIN before
 * bootmem_enable(); -EINVAL for a zero size; -ERANGE if the range wraps or
 * its whole pages are not all RAM; -ENOENT if one of them is free; -EACCES
 * if one holds the bitmap; -ENOSPC if an owner record would be cut in two
 * and the owner table is full. On error nothing changes.
 */
int bootmem_release(phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi;
	int ret;

	if (!bm.enabled)
		return -EAGAIN;
	if (!size)
		return -EINVAL;
	if (addr + size - 1 < addr)
		return -ERANGE;
	if (!bm_inner_pfns(addr, size, &lo, &hi))
		return 0;
	if (!bm_pfns_present(lo, hi))
		return -ERANGE;

	ret = free_pages(lo, hi, true);
	if (bootmem_debug)
		debug_log("release", addr, size, bootmem_addr_to_nid(addr),
			  NULL, ret);

	return ret;
}
