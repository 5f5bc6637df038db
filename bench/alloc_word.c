// SPDX-License-Identifier: GPL-2.0+
/*
 * Two plain single bitmaps, the yardsticks of issue 14: one bit per
 * present page (ranges take consecutive bits, as in bootmem, so holes cost
 * nothing), 1 = in use, searched 64 bits at a time with no summaries.
 *
 *   word	every search starts from the end of its range
 *   floor	the same with a hint per range: every page at or above @top
 *		(below @bottom) is in use, so repeated small allocations are
 *		O(1) -- the least a bitmap allocator can cost
 *
 * A request tries the ranges of its node, highest first when top-down,
 * then, unless node-exact, every range; a run never crosses ranges.
 */

#include <errno.h>
#include <string.h>
#include "words.h"

/**
 * struct word_range - one registered range
 * @pfn:	first page
 * @pages:	pages
 * @bit:	bit of its first page
 * @nid:	node
 * @top:	bits at or above are in use (range-relative; floor only)
 * @bottom:	bits below are in use (floor only)
 */
struct word_range {
	u64 pfn;
	u64 pages;
	u64 bit;
	int nid;
	u64 top;
	u64 bottom;
};

static struct word_range range[MAX_TOPO];
static unsigned int nr_ranges;
static u64 *map;
static bool hinted;

static int wd_init_common(const struct topo *t, bool hint)
{
	u64 bits = 0;
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		range[i] = (struct word_range){
			.pfn = t->base[i] / PAGE, .pages = t->size[i] / PAGE,
			.bit = bits, .nid = t->nid[i], .top = t->size[i] / PAGE,
		};
		bits += range[i].pages;
	}
	map = bench_arena((bits + 63) / 64 * 8);
	if (!map)
		return -E2BIG;
	memset(map, 0, (bits + 63) / 64 * 8);
	nr_ranges = t->nr;
	hinted = hint;

	return 0;
}

static int wd_init(const struct topo *t)
{
	return wd_init_common(t, false);
}

static int fl_init(const struct topo *t)
{
	return wd_init_common(t, true);
}

static void wd_fini(void)
{
	nr_ranges = 0;
}

/* Pages [lo, hi) of range @r (range-relative) in use or free. */
static void mark(struct word_range *r, u64 lo, u64 hi, bool used)
{
	words_fill(map, r->bit + lo, r->bit + hi, used);
	if (!hinted)
		return;
	if (!used) {
		r->top = hi > r->top ? hi : r->top;
		r->bottom = lo < r->bottom ? lo : r->bottom;
		return;
	}
	if (lo < r->top && hi >= r->top)
		r->top = lo;
	if (hi > r->bottom && lo <= r->bottom)
		r->bottom = hi;
}

/* Search range @r within pages [lo_pfn, hi_pfn) and take the run found. */
static u64 search(struct word_range *r, u64 lo_pfn, u64 hi_pfn, u64 len,
		  u64 align, bool top_down)
{
	u64 lo = lo_pfn > r->pfn ? lo_pfn - r->pfn : 0;
	u64 hi = hi_pfn > r->pfn ? hi_pfn - r->pfn : 0;
	u64 s;

	hi = hi < r->pages ? hi : r->pages;
	if (hinted && top_down)
		hi = hi < r->top ? hi : r->top;
	else if (hinted)
		lo = lo > r->bottom ? lo : r->bottom;
	if (lo >= hi || hi - lo < len)
		return WORDS_NONE;
	s = top_down ?
		words_find_down(map, r->bit + lo, r->bit + hi, len, align,
				r->pfn - r->bit) :
		words_find_up(map, r->bit + lo, r->bit + hi, len, align,
			      r->pfn - r->bit);
	if (s == WORDS_NONE)
		return WORDS_NONE;
	mark(r, s - r->bit, s - r->bit + len, true);

	return r->pfn + s - r->bit;
}

/* Ranges of @nid (every range for ANY_NODE), in search order. */
static u64 search_node(u64 lo, u64 hi, u64 len, u64 align, int nid,
		       bool top_down)
{
	unsigned int i;
	u64 pfn;

	for (i = 0; i < nr_ranges; i++) {
		struct word_range *r = &range[top_down ? nr_ranges - 1 - i : i];

		if (nid != ANY_NODE && r->nid != nid)
			continue;
		pfn = search(r, lo, hi, len, align, top_down);
		if (pfn != WORDS_NONE)
			return pfn;
	}

	return WORDS_NONE;
}

static u64 search_all(u64 lo, u64 hi, u64 len, u64 align, int nid,
		      unsigned int flags)
{
	bool top_down = !(flags & B_BOTTOM_UP);
	u64 pfn = search_node(lo, hi, len, align, nid, top_down);

	if (pfn != WORDS_NONE || nid == ANY_NODE || (flags & B_EXACT_NODE))
		return pfn;

	return search_node(lo, hi, len, align, ANY_NODE, top_down);
}

/*
 * The floor's fast path: one page, top-down, no goal or limit, taken from
 * the word below the hint of the first range of the node (any node: the
 * highest range). Anything else takes the general path.
 */
static bool floor_page(int nid, u64 *addr)
{
	struct word_range *r = &range[nr_ranges - 1];
	u64 bit, w;

	while (nid != ANY_NODE && r->nid != nid)
		if (r-- == range)
			return false;
	if (!r->top)
		return false;
	bit = r->bit + r->top - 1;
	w = ~map[bit / 64] & (~0ULL >> (63 - bit % 64));
	if (!w || bit / 64 * 64 + 63 - __builtin_clzll(w) < r->bit)
		return false;
	bit = bit / 64 * 64 + 63 - __builtin_clzll(w);
	map[bit / 64] |= 1ULL << (bit % 64);
	if (bit == r->bit + r->top - 1)
		r->top--;
	*addr = (r->pfn + bit - r->bit) * PAGE;

	return true;
}

static int wd_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		    unsigned int flags, u64 *addr)
{
	struct words_req q = words_request(size, align, goal, limit);
	u64 pfn;

	if (hinted && q.len == 1 && q.align == 1 && !goal &&
	    limit == NO_LIMIT && !(flags & B_BOTTOM_UP) && floor_page(nid, addr))
		return 0;
	pfn = search_all(q.lo, q.hi, q.len, q.align, nid, flags);
	if (pfn == WORDS_NONE && q.lo)
		pfn = search_all(0, q.hi, q.len, q.align, nid, flags);
	if (pfn == WORDS_NONE)
		return -ENOMEM;
	*addr = pfn * PAGE;

	return 0;
}

/* The range that holds [addr, addr + size), with its pages, or NULL. */
static struct word_range *span(u64 addr, u64 size, u64 *lo, u64 *hi)
{
	unsigned int i;

	for (i = 0; i < nr_ranges; i++) {
		struct word_range *r = &range[i];

		if (addr / PAGE < r->pfn || addr / PAGE >= r->pfn + r->pages)
			continue;
		*lo = addr / PAGE - r->pfn;
		*hi = (addr + size + PAGE - 1) / PAGE - r->pfn;
		return *hi <= r->pages ? r : NULL;
	}

	return NULL;
}

/*
 * Pages [addr, addr + size) in use (@used) or free; unless @err is 0, all
 * of them must be in the other state first, or that is the error.
 */
static int change(u64 addr, u64 size, bool used, int err)
{
	struct word_range *r;
	u64 lo, hi;

	r = span(addr, size, &lo, &hi);
	if (!r)
		return -ERANGE;
	if (err && words_next(map, r->bit + lo, r->bit + hi, used) <
	    r->bit + hi)
		return err;
	mark(r, lo, hi, used);

	return 0;
}

static int wd_alloc_at(u64 addr, u64 size)
{
	return change(addr, size, true, -EBUSY);
}

static int wd_reserve(u64 addr, u64 size)
{
	return change(addr, size, true, 0);
}

static int wd_free(u64 addr, u64 size)
{
	return change(addr, size, false, -ENOENT);
}

static void wd_state(struct state_bytes *sb)
{
	const struct word_range *last = &range[nr_ranges - 1];

	sb->map = (last->bit + last->pages + 63) / 64 * 8;
	sb->summary = 0;
	sb->fixed = sizeof(range) + sizeof(map) + sizeof(nr_ranges);
}

const struct allocator bench_word = {
	.name = "word",
	.init = wd_init,
	.fini = wd_fini,
	.alloc = wd_alloc,
	.alloc_at = wd_alloc_at,
	.reserve = wd_reserve,
	.free = wd_free,
	.state = wd_state,
};

const struct allocator bench_floor = {
	.name = "floor",
	.init = fl_init,
	.fini = wd_fini,
	.alloc = wd_alloc,
	.alloc_at = wd_alloc_at,
	.reserve = wd_reserve,
	.free = wd_free,
	.state = wd_state,
};
