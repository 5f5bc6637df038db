// SPDX-License-Identifier: GPL-2.0+
/*
 * The owner table: every reservation, and every allocation that carries a
 * label or flags, as a tagged range of pages. The bitmap says whether a page
 * is in use; this table says who uses it.
 */

#include "bootmem_internal.h"

bool bm_regions_full(void)
{
	return bm.nr_regions == BOOTMEM_MAX_REGIONS;
}

/**
 * bm_region_add() - record an owner for pages [lo, hi)
 * @lo:		first page
 * @hi:		one past the last page
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP
 * @label:	owner, may be NULL; longer labels are cut to fit
 *
 * Return: 0, or -ENOSPC when the table is full
 */
int bm_region_add(u64 lo, u64 hi, enum bootmem_kind kind, unsigned int flags,
		  const char *label)
{
	struct bm_region *r;

	if (bm_regions_full())
		return -ENOSPC;
	r = &bm.region[bm.nr_regions++];
	r->pfn = lo;
	r->pages = hi - lo;
	r->kind = kind;
	r->flags = flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP);
	snprintf(r->label, sizeof(r->label), "%s", label ? label : "");

	return 0;
}

static void region_delete(unsigned int i)
{
	bm.region[i] = bm.region[--bm.nr_regions];
}

/* Whether freeing pages removes record @r: allocations, or any with @reserved. */
static bool freed_with(const struct bm_region *r, bool reserved)
{
	return reserved || r->kind == BOOTMEM_ALLOCATED;
}

/* How many records freeing [lo, hi) would cut in two. */
static unsigned int splits(u64 lo, u64 hi, bool reserved)
{
	unsigned int i, n = 0;

	for (i = 0; i < bm.nr_regions; i++) {
		const struct bm_region *r = &bm.region[i];

		n += freed_with(r, reserved) && r->pfn < lo &&
		     r->pfn + r->pages > hi;
	}

	return n;
}

/**
 * bm_region_remove() - forget the owners of pages [lo, hi) being freed
 * @lo:		first page
 * @hi:		one past the last page
 * @reserved:	reservations too, not only allocation records
 *
 * Records inside the range go, records across an end are cut back, and a
 * record the range cuts in two takes a second slot for its upper part.
 * Without enough free slots nothing changes: the upper part would have
 * pages in use with no owner, or kept memory no longer kept.
 *
 * Return: 0, or -ENOSPC (nothing changed)
 */
int bm_region_remove(u64 lo, u64 hi, bool reserved)
{
	unsigned int i = 0;

	if (splits(lo, hi, reserved) > BOOTMEM_MAX_REGIONS - bm.nr_regions)
		return -ENOSPC;
	while (i < bm.nr_regions) {
		struct bm_region *r = &bm.region[i];
		u64 end = r->pfn + r->pages;

		if (!freed_with(r, reserved) || end <= lo || r->pfn >= hi) {
			i++;
			continue;
		}
		if (r->pfn >= lo && end <= hi) {
			region_delete(i);
			continue;
		}
		if (r->pfn < lo && end > hi)
			bm_region_add(hi, end, r->kind, r->flags, r->label);
		if (r->pfn < lo) {
			r->pages = lo - r->pfn;
		} else {
			r->pages = end - hi;
			r->pfn = hi;
		}
		i++;
	}

	return 0;
}

/* Whether reservation @r names the owner of its pages rather than @best. */
static bool more_inner(const struct bm_region *r, const struct bm_region *best)
{
	if (!best || r->pages != best->pages)
		return !best || r->pages < best->pages;
	if (r->pfn != best->pfn)
		return r->pfn < best->pfn;

	return strcmp(r->label, best->label) < 0;
}

static bool covers(const struct bm_region *r, u64 pfn)
{
	return pfn >= r->pfn && pfn - r->pfn < r->pages;
}

/**
 * bm_reserved_at() - the innermost reservation that covers page @pfn
 * @pfn:	page
 *
 * Reservations nest (an FDT inside an initrd, say): the smallest one that
 * covers a page names its owner (then the lowest, then the first label in
 * byte order), whatever order they were made in.
 *
 * Return: the reservation, or NULL
 */
const struct bm_region *bm_reserved_at(u64 pfn)
{
	const struct bm_region *best = NULL;
	unsigned int i;

	for (i = 0; i < bm.nr_regions; i++) {
		const struct bm_region *r = &bm.region[i];

		if (r->kind == BOOTMEM_RESERVED && covers(r, pfn) &&
		    more_inner(r, best))
			best = r;
	}

	return best;
}

/**
 * bm_reserved_cover() - whether reservations cover every page of [lo, hi)
 * @lo:		first page
 * @hi:		one past the last page
 *
 * Return: true if each page lies in some reservation
 */
bool bm_reserved_cover(u64 lo, u64 hi)
{
	while (lo < hi) {
		const struct bm_region *r = bm_reserved_at(lo);

		if (!r)
			return false;
		lo = r->pfn + r->pages;
	}

	return true;
}

/**
 * bm_owner_at() - who owns the page in use at @pfn, and how it is handed over
 * @pfn:	page in use
 * @flagsp:	set to BOOTMEM_KEEP / BOOTMEM_NOMAP of every record covering
 *		@pfn: the OS must keep a page that any of its owners keeps
 * @endp:	set to the first page after @pfn where the records covering
 *		it may change
 *
 * The innermost reservation names the owner, else the allocation record:
 * a reservation may nest in another or, forced, cover part of an
 * allocation. The flags do not depend on which record names the owner,
 * nor on the order of the table.
 *
 * Return: the owner record, or NULL for an unlabelled allocation
 */
const struct bm_region *bm_owner_at(u64 pfn, unsigned int *flagsp, u64 *endp)
{
	const struct bm_region *res = NULL, *alloc = NULL;
	unsigned int i, flags = 0;
	u64 end = BM_NOT_FOUND;

	for (i = 0; i < bm.nr_regions; i++) {
		const struct bm_region *r = &bm.region[i];
		u64 r_end = r->pfn + r->pages;

		if (r->pfn > pfn && r->pfn < end)
			end = r->pfn;
		if (!covers(r, pfn))
			continue;
		if (r_end < end)
			end = r_end;
		flags |= r->flags;
		if (r->kind == BOOTMEM_ALLOCATED)
			alloc = r;
		else if (more_inner(r, res))
			res = r;
	}
	*flagsp = flags;
	*endp = end;

	return res ? res : alloc;
}
