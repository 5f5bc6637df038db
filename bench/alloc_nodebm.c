// SPDX-License-Identifier: GPL-2.0+
/*
 * The reference per-node bitmaps, as classic bootmem had them: one bitmap
 * per node over the node's span (holes inside it marked in use), searched
 * 64 bits at a time (find_next_zero_bit style) without summaries. A run
 * never crosses a node. A request for a node tries that node, then, unless
 * node-exact, every other node; "any node" tries the nodes from the top
 * down (or bottom up).
 */

#include <errno.h>
#include <string.h>
#include "bench.h"

#define NOT_FOUND	(~0ULL)

/**
 * struct node_map - one node's bitmap
 * @map:	one bit per page of the span, 1 = in use
 * @pfn:	first page of the span
 * @nbits:	pages in the span
 * @lo_hint:	every bit below is in use
 * @hi_hint:	every bit at or above is in use
 */
struct node_map {
	u64 *map;
	u64 pfn;
	u64 nbits;
	u64 lo_hint;
	u64 hi_hint;
};

static struct node_map node[MAX_TOPO];
/* Node ids by the address of their span, lowest first. */
static int order[MAX_TOPO];
static unsigned int nr_nodes;

static void fill(u64 *map, u64 lo, u64 hi, bool used)
{
	for (; lo < hi && lo % 64; lo++)
		map[lo / 64] = used ? map[lo / 64] | 1ULL << (lo % 64) :
				      map[lo / 64] & ~(1ULL << (lo % 64));
	for (; lo + 64 <= hi; lo += 64)
		map[lo / 64] = used ? ~0ULL : 0;
	for (; lo < hi; lo++)
		map[lo / 64] = used ? map[lo / 64] | 1ULL << (lo % 64) :
				      map[lo / 64] & ~(1ULL << (lo % 64));
}

static void mark(struct node_map *n, u64 lo, u64 hi, bool used)
{
	fill(n->map, lo, hi, used);
	if (!used) {
		n->lo_hint = lo < n->lo_hint ? lo : n->lo_hint;
		n->hi_hint = hi > n->hi_hint ? hi : n->hi_hint;
		return;
	}
	if (lo <= n->lo_hint && n->lo_hint < hi)
		n->lo_hint = hi;
	if (lo < n->hi_hint && n->hi_hint <= hi)
		n->hi_hint = lo;
}

/* First bit in [lo, hi) equal to @used, else @hi. */
static u64 next_bit(const u64 *map, u64 lo, u64 hi, bool used)
{
	u64 flip = used ? 0 : ~0ULL, w;

	if (lo >= hi)
		return hi;
	w = (map[lo / 64] ^ flip) & (~0ULL << (lo % 64));
	for (lo &= ~63ULL; !w; w = map[lo / 64] ^ flip) {
		lo += 64;
		if (lo >= hi)
			return hi;
	}
	lo += __builtin_ctzll(w);

	return lo < hi ? lo : hi;
}

/* One past the last bit in [lo, hi) equal to @used, else @lo. */
static u64 prev_end(const u64 *map, u64 lo, u64 hi, bool used)
{
	u64 flip = used ? 0 : ~0ULL, i, w;

	if (lo >= hi)
		return lo;
	i = (hi - 1) / 64;
	w = (map[i] ^ flip) & (~0ULL >> (63 - (hi - 1) % 64));
	while (!w) {
		if (i * 64 <= lo)
			return lo;
		w = map[--i] ^ flip;
	}
	i = i * 64 + 63 - __builtin_clzll(w);

	return i >= lo ? i + 1 : lo;
}

static u64 find_up(const struct node_map *n, u64 lo, u64 hi, u64 len,
		   u64 align)
{
	u64 s = lo, used;

	for (;;) {
		s = next_bit(n->map, s, hi, false);
		s = ((n->pfn + s + align - 1) & ~(align - 1)) - n->pfn;
		if (s >= hi || hi - s < len)
			return NOT_FOUND;
		used = next_bit(n->map, s, s + len, true);
		if (used == s + len)
			return s;
		s = used + 1;
	}
}

static u64 find_down(const struct node_map *n, u64 lo, u64 hi, u64 len,
		     u64 align)
{
	u64 e = hi, s, used;

	for (;;) {
		e = prev_end(n->map, lo, e, false);
		if (e - lo < len)
			return NOT_FOUND;
		s = ((n->pfn + e - len) & ~(align - 1)) - n->pfn;
		if (n->pfn + e - len < n->pfn + lo + ((n->pfn + e - len) &
		    (align - 1)))
			return NOT_FOUND;
		used = prev_end(n->map, s, s + len, true);
		if (used == s)
			return s;
		e = used - 1;
	}
}

/* Search node @n for pages [lo_pfn, hi_pfn); returns the page or NOT_FOUND. */
static u64 search(struct node_map *n, u64 lo_pfn, u64 hi_pfn, u64 len,
		  u64 align, bool top_down)
{
	u64 lo = lo_pfn > n->pfn ? lo_pfn - n->pfn : 0;
	u64 hi = hi_pfn > n->pfn ? hi_pfn - n->pfn : 0;
	u64 s;

	hi = hi < n->nbits ? hi : n->nbits;
	if (top_down)
		hi = hi < n->hi_hint ? hi : n->hi_hint;
	else
		lo = lo > n->lo_hint ? lo : n->lo_hint;
	if (lo >= hi || hi - lo < len)
		return NOT_FOUND;
	s = top_down ? find_down(n, lo, hi, len, align) :
		       find_up(n, lo, hi, len, align);
	if (s == NOT_FOUND)
		return NOT_FOUND;
	mark(n, s, s + len, true);

	return n->pfn + s;
}

static u64 search_nodes(u64 lo, u64 hi, u64 len, u64 align, int nid,
			unsigned int flags)
{
	bool top_down = !(flags & B_BOTTOM_UP);
	unsigned int i;
	u64 pfn;

	if (nid != ANY_NODE) {
		pfn = search(&node[nid], lo, hi, len, align, top_down);
		if (pfn != NOT_FOUND || (flags & B_EXACT_NODE))
			return pfn;
	}
	for (i = 0; i < nr_nodes; i++) {
		int id = order[top_down ? nr_nodes - 1 - i : i];

		if (id == nid)
			continue;
		pfn = search(&node[id], lo, hi, len, align, top_down);
		if (pfn != NOT_FOUND)
			return pfn;
	}

	return NOT_FOUND;
}

static int nb_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		    unsigned int flags, u64 *addr)
{
	u64 len = (size + PAGE - 1) / PAGE;
	u64 al = align > PAGE ? align / PAGE : 1;
	u64 hi = limit == NO_LIMIT ? ~0ULL / PAGE : limit / PAGE;
	u64 lo = (goal + PAGE - 1) / PAGE;
	u64 pfn;

	if (nid != ANY_NODE && (nid < 0 || nid >= (int)nr_nodes))
		return -ENODEV;
	pfn = search_nodes(lo, hi, len, al, nid, flags);
	if (pfn == NOT_FOUND && lo)
		pfn = search_nodes(0, hi, len, al, nid, flags);
	if (pfn == NOT_FOUND)
		return -ENOMEM;
	*addr = pfn * PAGE;

	return 0;
}

/* The node whose span holds [addr, addr + size) and the bits, or NULL. */
static struct node_map *span(u64 addr, u64 size, u64 *lo, u64 *hi)
{
	unsigned int i;

	for (i = 0; i < nr_nodes; i++) {
		struct node_map *n = &node[i];

		if (addr / PAGE < n->pfn || addr / PAGE >= n->pfn + n->nbits)
			continue;
		*lo = addr / PAGE - n->pfn;
		*hi = (addr + size + PAGE - 1) / PAGE - n->pfn;
		return *hi <= n->nbits ? n : NULL;
	}

	return NULL;
}

static int nb_alloc_at(u64 addr, u64 size)
{
	struct node_map *n;
	u64 lo, hi;

	n = span(addr, size, &lo, &hi);
	if (!n)
		return -ERANGE;
	if (next_bit(n->map, lo, hi, true) < hi)
		return -EBUSY;
	mark(n, lo, hi, true);

	return 0;
}

static int nb_reserve(u64 addr, u64 size)
{
	struct node_map *n;
	u64 lo, hi;

	n = span(addr, size, &lo, &hi);
	if (!n)
		return -ERANGE;
	mark(n, lo, hi, true);

	return 0;
}

static int nb_free(u64 addr, u64 size)
{
	struct node_map *n;
	u64 lo, hi;

	n = span(addr, size, &lo, &hi);
	if (!n)
		return -ERANGE;
	if (next_bit(n->map, lo, hi, false) < hi)
		return -ENOENT;
	mark(n, lo, hi, false);

	return 0;
}

/*
 * Every other page of [lo, hi) in use, from the page at @lo: the state
 * alloc_at() of each page leaves, in whole words. Only the first and last
 * page of a node can move its hints, so only those go through mark().
 */
static void nb_fragment(u64 lo, u64 hi)
{
	u64 lo_pfn = lo / PAGE, hi_pfn = hi / PAGE;
	unsigned int i;

	for (i = 0; i < nr_nodes; i++) {
		struct node_map *n = &node[i];
		u64 end = n->pfn + n->nbits;
		u64 b = (lo_pfn > n->pfn ? lo_pfn : n->pfn) - n->pfn;
		u64 e = (hi_pfn < end ? hi_pfn : end) - n->pfn, last, p;

		if (hi_pfn <= n->pfn || lo_pfn >= end)
			continue;
		b += (n->pfn + b - lo_pfn) % 2;
		if (b >= e)
			continue;
		last = b + (e - 1 - b) / 2 * 2;
		p = b % 2;
		for (; b < last && b % 64 != p; b += 2)
			fill(n->map, b, b + 1, true);
		for (; b + 64 <= last; b += 64)
			n->map[b / 64] |= p ? 0xaaaaaaaaaaaaaaaaULL :
					      0x5555555555555555ULL;
		for (; b < last; b += 2)
			fill(n->map, b, b + 1, true);
		mark(n, last, last + 1, true);
		b = (lo_pfn > n->pfn ? lo_pfn : n->pfn) - n->pfn;
		b += (n->pfn + b - lo_pfn) % 2;
		mark(n, b, b + 1, true);
	}
}

static int nb_init(const struct topo *t)
{
	u64 bytes = 0, *mem;
	unsigned int i, j;
	int nid;

	memset(node, 0, sizeof(node));
	nr_nodes = 0;
	for (i = 0; i < t->nr; i++) {
		struct node_map *n = &node[t->nid[i]];
		u64 lo = t->base[i] / PAGE, hi = lo + t->size[i] / PAGE;

		if (t->nid[i] >= (int)nr_nodes)
			nr_nodes = t->nid[i] + 1;
		if (!n->nbits || lo < n->pfn) {
			n->nbits += n->nbits ? n->pfn - lo : hi - lo;
			n->pfn = lo;
		}
		if (hi > n->pfn + n->nbits)
			n->nbits = hi - n->pfn;
	}
	for (nid = 0; nid < (int)nr_nodes; nid++)
		bytes += (node[nid].nbits + 63) / 64 * 8;
	mem = bench_arena(bytes);
	if (!mem)
		return -E2BIG;
	for (nid = 0; nid < (int)nr_nodes; nid++) {
		struct node_map *n = &node[nid];

		n->map = mem;
		mem += (n->nbits + 63) / 64;
		fill(n->map, 0, n->nbits, true);
		n->hi_hint = n->nbits;
		for (j = i = 0; i < nr_nodes; i++)
			if (node[i].pfn < n->pfn)
				j++;
		order[j] = nid;
	}
	for (i = 0; i < t->nr; i++) {
		struct node_map *n = &node[t->nid[i]];

		fill(n->map, t->base[i] / PAGE - n->pfn,
		     t->base[i] / PAGE - n->pfn + t->size[i] / PAGE, false);
	}

	return 0;
}

static void nb_fini(void)
{
	nr_nodes = 0;
}

static void nb_state(struct state_bytes *sb)
{
	unsigned int i;

	sb->map = 0;
	for (i = 0; i < nr_nodes; i++)
		sb->map += (node[i].nbits + 63) / 64 * 8;
	sb->summary = 0;
	sb->fixed = sizeof(node) + sizeof(order);
}

const struct allocator bench_nodebm = {
	.name = "per-node",
	.init = nb_init,
	.fini = nb_fini,
	.alloc = nb_alloc,
	.alloc_at = nb_alloc_at,
	.reserve = nb_reserve,
	.free = nb_free,
	.fragment = nb_fragment,
	.state = nb_state,
};
