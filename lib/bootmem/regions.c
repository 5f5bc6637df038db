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

/**
 * bm_region_remove_allocated() - forget the owners of freed pages [lo, hi)
 * @lo:		first page
 * @hi:		one past the last page
 *
 * An owner record cut in two by the free needs a second slot; when the
 * table is full, the upper part stays in use but loses its label.
 */
void bm_region_remove_allocated(u64 lo, u64 hi)
{
	unsigned int i = 0;

	while (i < bm.nr_regions) {
		struct bm_region *r = &bm.region[i];
		u64 end = r->pfn + r->pages;

		if (r->kind != BOOTMEM_ALLOCATED || end <= lo || r->pfn >= hi) {
			i++;
			continue;
		}
		if (r->pfn >= lo && end <= hi) {
			region_delete(i);
			continue;
		}
		if (r->pfn < lo && end > hi)
			bm_region_add(hi, end, BOOTMEM_ALLOCATED, r->flags,
				      r->label);
		if (r->pfn < lo) {
			r->pages = lo - r->pfn;
		} else {
			r->pages = end - hi;
			r->pfn = hi;
		}
		i++;
	}
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
 * bm_owner_at() - who owns the page in use at @pfn, and for how long
 * @pfn:	page in use
 * @endp:	set to the first page after @pfn where the owner may change
 *
 * Reservations take precedence over allocation records: a forced
 * reservation may cover part of an allocation.
 *
 * Return: the owner record, or NULL for an unlabelled allocation
 */
const struct bm_region *bm_owner_at(u64 pfn, u64 *endp)
{
	const struct bm_region *res = NULL, *alloc = NULL, *owner;
	u64 end = BM_NOT_FOUND;
	unsigned int i;

	for (i = 0; i < bm.nr_regions; i++) {
		const struct bm_region *r = &bm.region[i];

		if (r->pfn > pfn && r->pfn < end)
			end = r->pfn;
		if (!covers(r, pfn))
			continue;
		if (r->kind == BOOTMEM_ALLOCATED)
			alloc = r;
		else if (more_inner(r, res))
			res = r;
	}
	owner = res ? res : alloc;
	if (owner && owner->pfn + owner->pages < end)
		end = owner->pfn + owner->pages;
	*endp = end;

	return owner;
}
