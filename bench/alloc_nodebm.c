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
#include "words.h"

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

static void mark(struct node_map *n, u64 lo, u64 hi, bool used)
{
	words_fill(n->map, lo, hi, used);
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

/* Search node @n for pages [lo_pfn, hi_pfn): the page, or WORDS_NONE. */
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
		return WORDS_NONE;
	s = top_down ? words_find_down(n->map, lo, hi, len, align, n->pfn) :
		       words_find_up(n->map, lo, hi, len, align, n->pfn);
	if (s == WORDS_NONE)
		return WORDS_NONE;
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
		if (pfn != WORDS_NONE || (flags & B_EXACT_NODE))
			return pfn;
	}
	for (i = 0; i < nr_nodes; i++) {
		int id = order[top_down ? nr_nodes - 1 - i : i];

		if (id == nid)
			continue;
		pfn = search(&node[id], lo, hi, len, align, top_down);
		if (pfn != WORDS_NONE)
			return pfn;
	}

	return WORDS_NONE;
}

static int nb_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		    unsigned int flags, u64 *addr)
{
	struct words_req q = words_request(size, align, goal, limit);
	u64 pfn;

	if (nid != ANY_NODE && (nid < 0 || nid >= (int)nr_nodes))
		return -ENODEV;
	pfn = search_nodes(q.lo, q.hi, q.len, q.align, nid, flags);
	if (pfn == WORDS_NONE && q.lo)
		pfn = search_nodes(0, q.hi, q.len, q.align, nid, flags);
	if (pfn == WORDS_NONE)
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

/*
 * Pages [addr, addr + size) in use (@used) or free; unless @err is 0, all
 * of them must be in the other state first, or that is the error.
 */
static int change(u64 addr, u64 size, bool used, int err)
{
	struct node_map *n;
	u64 lo, hi;

	n = span(addr, size, &lo, &hi);
	if (!n)
		return -ERANGE;
	if (err && words_next(n->map, lo, hi, used) < hi)
		return err;
	mark(n, lo, hi, used);

	return 0;
}

static int nb_alloc_at(u64 addr, u64 size)
{
	return change(addr, size, true, -EBUSY);
}

static int nb_reserve(u64 addr, u64 size)
{
	return change(addr, size, true, 0);
}

static int nb_free(u64 addr, u64 size)
{
	return change(addr, size, false, -ENOENT);
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
		words_fill(n->map, 0, n->nbits, true);
		n->hi_hint = n->nbits;
		for (j = i = 0; i < nr_nodes; i++)
			if (node[i].pfn < n->pfn)
				j++;
		order[j] = nid;
	}
	for (i = 0; i < t->nr; i++) {
		struct node_map *n = &node[t->nid[i]];

		words_fill(n->map, t->base[i] / PAGE - n->pfn,
			   t->base[i] / PAGE - n->pfn + t->size[i] / PAGE,
			   false);
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
	.state = nb_state,
};
