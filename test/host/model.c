// SPDX-License-Identifier: GPL-2.0+
/*
 * Reference model of bootmem. Written for obviousness, not speed: every
 * rule of the API is spelled out here once more, by brute force over a
 * plain list of byte intervals and a flag per page, without the bitmap,
 * the sorted table, its running maxima or any hint. What a byte is comes
 * afresh from every record that covers it.
 */

#include <stdlib.h>
#include "host_port.h"
#include "model.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define NOT_FOUND	(~(u64)0)
#define LAST		(~(u64)0)
#define PFN_END		(LAST / PAGE + 1)
#define HANDOFF		(BOOTMEM_KEEP | BOOTMEM_NOMAP)
#define CLAIMS		(BOOTMEM_REPLACEABLE | BOOTMEM_LOAD_BUFFER)
#define TAG_MASK	BOOTMEM_TAG(0xff)
#define RECORD_FLAGS	(HANDOFF | CLAIMS | TAG_MASK)

/* Which records a cut takes bytes from (as the library's enum bm_cut). */
enum cut { CUT_REPLACEABLE, CUT_ALLOCATED, CUT_ALL };

void model_init(struct model *m, bool on_heap)
{
	memset(m, 0, sizeof(*m));
	m->on_heap = on_heap;
}

void model_free_all(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++)
		free(m->range[i].bare);
	free(m->rec);
	model_init(m, m->on_heap);
}

static u64 range_end(const struct model_range *r)
{
	return r->pfn + r->pages;
}

static u64 max_u64(u64 a, u64 b)
{
	return a > b ? a : b;
}

static u64 min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static u64 page_last(u64 pfn)
{
	return pfn * PAGE + PAGE - 1;
}

struct model_range *model_page(const struct model *m, u64 pfn, u64 *idxp)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];

		if (pfn >= r->pfn && pfn < range_end(r)) {
			*idxp = pfn - r->pfn;
			return (struct model_range *)r;
		}
	}

	return NULL;
}

static bool overlaps(const struct model_rec *r, u64 base, u64 last)
{
	return r->base <= last && base <= r->last;
}

static bool touched(const struct model *m, u64 pfn)
{
	int i;

	for (i = 0; i < m->nr_recs; i++)
		if (overlaps(&m->rec[i], pfn * PAGE, page_last(pfn)))
			return true;

	return false;
}

static bool bare(const struct model *m, u64 pfn)
{
	u64 idx;
	const struct model_range *r = model_page(m, pfn, &idx);

	return r && r->bare[idx];
}

bool model_page_used(const struct model *m, u64 pfn)
{
	return bare(m, pfn) || touched(m, pfn);
}

/*
 * Whether @a names a byte it shares with @b: a reservation before an
 * allocation; the smallest reservation, then the lowest, then the first
 * label; a replaceable claim before the buffer it lies in.
 */
static bool names_over(const struct model_rec *a, const struct model_rec *b)
{
	if (!b)
		return true;
	if (a->kind != b->kind)
		return a->kind == BOOTMEM_RESERVED;
	if (a->kind == BOOTMEM_ALLOCATED &&
	    (a->flags & BOOTMEM_REPLACEABLE) != (b->flags & BOOTMEM_REPLACEABLE))
		return a->flags & BOOTMEM_REPLACEABLE;
	if (a->last - a->base != b->last - b->base)
		return a->last - a->base < b->last - b->base;
	if (a->base != b->base)
		return a->base < b->base;
	if (strcmp(a->label, b->label) != 0)
		return strcmp(a->label, b->label) < 0;
	if (a->flags != b->flags)
		return a->flags < b->flags;

	return a->tag < b->tag;
}

/* What byte @x is, from the records of @list (those covering it count). */
static void byte_from(const struct model *m, const struct model_rec *const *list,
		      int n, u64 x, struct model_byte *b)
{
	const struct model_rec *name = NULL;
	unsigned int flags = 0;
	int i;

	for (i = 0; i < n; i++) {
		const struct model_rec *r = list[i];

		if (!overlaps(r, x, x))
			continue;
		flags |= r->flags & HANDOFF;
		if (names_over(r, name))
			name = r;
	}
	b->tag = 0;
	b->label = "";
	b->flags = 0;
	b->recordless = false;
	if (name) {
		b->kind = name->kind;
		b->flags = flags | (name->flags & CLAIMS);
		b->tag = name->tag;
		b->label = name->label;
	} else {
		b->recordless = bare(m, x / PAGE);
		b->kind = b->recordless ? BOOTMEM_ALLOCATED : BOOTMEM_FREE;
	}
}

void model_byte_at(const struct model *m, u64 x, struct model_byte *b)
{
	const struct model_rec **list = host_zalloc((m->nr_recs + 1) *
						   sizeof(*list));
	int i;

	for (i = 0; i < m->nr_recs; i++)
		list[i] = &m->rec[i];
	byte_from(m, list, m->nr_recs, x, b);
	free(list);
}

/* Whether byte @x lies in a whole page of RAM. */
static bool ram(const struct model *m, u64 x)
{
	u64 idx;

	return model_page(m, x / PAGE, &idx);
}

/* Every byte of [base, last] is RAM. */
static bool all_ram(const struct model *m, u64 base, u64 last)
{
	u64 pfn;

	for (pfn = base / PAGE; pfn <= last / PAGE; pfn++)
		if (!ram(m, pfn * PAGE))
			return false;

	return true;
}

/* Some byte of [base, last] is RAM. */
static bool some_ram(const struct model *m, u64 base, u64 last)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];

		if (r->pfn * PAGE <= last && base <= page_last(range_end(r) - 1))
			return true;
	}

	return false;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * The starts of the stretches of [base, last] over which what a byte is
 * cannot change: @base, record edges, and page edges where a page's
 * record-less state changes. Sorted, unique; *@np of them.
 */
static u64 *edges(const struct model *m, u64 base, u64 last, int *np)
{
	int cap = 2 * m->nr_recs + 64, n = 0, i, k;
	u64 *p = host_zalloc(cap * sizeof(*p)), pfn, lo, hi;

#define ADD(v) do { \
		if (n == cap) \
			p = host_realloc(p, (cap *= 2) * sizeof(*p)); \
		p[n++] = (v); \
	} while (0)

	ADD(base);
	for (i = 0; i < m->nr_recs; i++) {
		const struct model_rec *r = &m->rec[i];

		if (r->base > base && r->base <= last)
			ADD(r->base);
		if (r->last >= base && r->last < last)
			ADD(r->last + 1);
	}
	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];

		lo = max_u64(base / PAGE, r->pfn);
		hi = min_u64(last / PAGE, range_end(r) - 1);
		if (lo > hi)
			continue;
		if (lo > base / PAGE)
			ADD(lo * PAGE);
		for (pfn = lo + 1; pfn <= hi; pfn++)
			if (r->bare[pfn - r->pfn] != r->bare[pfn - 1 - r->pfn])
				ADD(pfn * PAGE);
	}
#undef ADD
	qsort(p, n, sizeof(*p), cmp_u64);
	for (i = 0, k = 0; i < n; i++)
		if (!k || p[i] != p[k - 1])
			p[k++] = p[i];
	*np = k;

	return p;
}

/**
 * struct seg - a stretch of bytes that are all the same
 * @start:	its first byte (it ends where the next one starts)
 * @b:		what its bytes are
 */
struct seg {
	u64 start;
	struct model_byte b;
};

static int cmp_base(const void *a, const void *b)
{
	const struct model_rec *x = *(const struct model_rec *const *)a;
	const struct model_rec *y = *(const struct model_rec *const *)b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/*
 * The stretches of [base, last], each with what its bytes are: a sweep
 * over the edges, with the records covering each edge at hand.
 */
static struct seg *segments(const struct model *m, u64 base, u64 last,
			    int *np)
{
	const struct model_rec **in = host_zalloc((m->nr_recs + 1) *
						  sizeof(*in));
	const struct model_rec **on = host_zalloc((m->nr_recs + 1) *
						  sizeof(*on));
	int n, nr = 0, non = 0, i, j, k;
	u64 *p = edges(m, base, last, &n);
	struct seg *sg = host_zalloc(n * sizeof(*sg));

	for (i = 0; i < m->nr_recs; i++)
		if (overlaps(&m->rec[i], base, last))
			in[nr++] = &m->rec[i];
	if (nr)
		qsort(in, nr, sizeof(*in), cmp_base);
	for (k = 0, i = 0; k < n; k++) {
		while (i < nr && in[i]->base <= p[k])
			on[non++] = in[i++];
		for (j = 0; j < non;)
			if (on[j]->last < p[k])
				on[j] = on[--non];
			else
				j++;
		sg[k].start = p[k];
		byte_from(m, on, non, p[k], &sg[k].b);
	}
	free(p);
	free(in);
	free(on);
	*np = n;

	return sg;
}

/*
 * Per page of [start, end), all in ranges [first, last] of one span,
 * whether it is in use (@bits) or only touched by a record.
 */
static u8 *page_states(const struct model *m, int first, int last, u64 start,
		       u64 end, bool bits)
{
	u8 *used = host_zalloc(end - start + 1);
	u64 pfn, lo, hi;
	int i;

	for (i = first; bits && i <= last; i++) {
		const struct model_range *r = &m->range[i];

		lo = max_u64(start, r->pfn);
		hi = min_u64(end, range_end(r));
		for (pfn = lo; pfn < hi; pfn++)
			used[pfn - start] = r->bare[pfn - r->pfn];
	}
	for (i = 0; i < m->nr_recs; i++) {
		const struct model_rec *r = &m->rec[i];

		lo = max_u64(start, r->base / PAGE);
		hi = min_u64(end, r->last / PAGE + 1);
		for (pfn = lo; pfn < hi; pfn++)
			used[pfn - start] = 1;
	}

	return used;
}

/**
 * struct scan - what the RAM bytes of a range hold (as the library's)
 * @free:	a byte is free
 * @reserved:	a byte is reserved
 * @allocated:	a byte is allocated
 * @recordless:	a byte is in a page used without a record
 * @cut:	such a page is not wholly inside the range
 * @replaceable: every allocated byte is named by a replaceable record
 */
struct scan {
	bool free, reserved, allocated, recordless, cut, replaceable;
};

static void scan(const struct model *m, u64 base, u64 last, struct scan *s)
{
	int n, i;
	struct seg *sg = segments(m, base, last, &n);

	memset(s, 0, sizeof(*s));
	s->replaceable = true;
	for (i = 0; i < n; i++) {
		const struct model_byte *b = &sg[i].b;

		if (!ram(m, sg[i].start))
			continue;
		s->free |= b->kind == BOOTMEM_FREE;
		s->reserved |= b->kind == BOOTMEM_RESERVED;
		s->allocated |= b->kind == BOOTMEM_ALLOCATED;
		if (b->recordless) {
			s->recordless = true;
			s->replaceable = false;
		} else if (b->kind == BOOTMEM_ALLOCATED &&
			   !(b->flags & BOOTMEM_REPLACEABLE)) {
			s->replaceable = false;
		}
	}
	/* A record-less page the range holds only part of, at either end. */
	if (base % PAGE && ram(m, base) && sg[0].b.recordless)
		s->cut = true;
	if (last % PAGE != PAGE - 1 && ram(m, last) && sg[n - 1].b.recordless)
		s->cut = true;
	free(sg);
}

int model_add_range(struct model *m, int nid, u64 pfn, u64 pages)
{
	struct model_range *r;
	int i = m->nr_ranges++;

	while (i && m->range[i - 1].pfn > pfn) {
		m->range[i] = m->range[i - 1];
		i--;
	}
	r = &m->range[i];
	*r = (struct model_range){
		.pfn = pfn, .pages = pages, .nid = nid,
		.bare = host_zalloc(pages),
	};
	m->has_node[nid] = true;

	return 0;
}

void model_add_node(struct model *m, int nid)
{
	m->has_node[nid] = true;
}

void model_set_distance(struct model *m, int from, int to, unsigned int d)
{
	m->distance[from][to] = d;
}

static int distance(const struct model *m, int from, int to)
{
	if (m->distance[from][to])
		return m->distance[from][to];

	return from == to ? 10 : 20;
}

static bool node_has_memory(const struct model *m, int nid)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++)
		if (m->range[i].nid == nid)
			return true;

	return false;
}

/*
 * Whether range @i ends where range @i + 1 begins, both of @nid (of any
 * node for NUMA_NO_NODE): one span of RAM to search.
 */
static bool joins(const struct model *m, int i, int nid)
{
	const struct model_range *a = &m->range[i], *b = &m->range[i + 1];

	return range_end(a) == b->pfn &&
	       (nid == NUMA_NO_NODE || (a->nid == nid && b->nid == nid));
}

/**
 * struct req - one search
 * @bytes:	free bytes rather than free pages
 * @len:	pages (page search)
 * @align:	alignment in pages (page search)
 * @lo:		first page it may use (page search)
 * @hi:		one past the last (page search)
 * @xlo:	first page it must not use (page search)
 * @xhi:	one past the last
 * @size:	bytes (byte search)
 * @balign:	alignment in bytes (byte search)
 * @blo:	first byte it may use (byte search)
 * @blast:	last byte it may use (byte search)
 * @top_down:	highest fit
 */
struct req {
	bool bytes;
	u64 len, align, lo, hi, xlo, xhi;
	u64 size, balign, blo, blast;
	bool top_down;
};

/* Highest (or lowest) aligned free run of pages in ranges [first, last]. */
static u64 search_pages(const struct model *m, int first, int last,
			const struct req *q)
{
	const struct model_range *r = &m->range[last];
	u64 start = max_u64(q->lo, m->range[first].pfn);
	u64 end = min_u64(q->hi, range_end(r));
	u64 n, i, k, *run, found = NOT_FOUND;
	u8 *used;

	if (start >= end)
		return NOT_FOUND;
	n = end - start;
	used = page_states(m, first, last, start, end, true);
	run = host_zalloc((n + 1) * sizeof(*run));
	for (i = n; i-- > 0;)
		run[i] = used[i] ? 0 : run[i + 1] + 1;
	for (i = 0; i < n; i++) {
		k = q->top_down ? n - 1 - i : i;
		if ((start + k) % q->align || run[k] < q->len)
			continue;
		if (start + k < q->xhi && q->xlo < start + k + q->len)
			continue;
		found = start + k;
		break;
	}
	free(run);
	free(used);

	return found;
}

/* Whether free bytes [f, g] hold the request; where, in *@ap. */
static bool fits(const struct req *q, u64 f, u64 g, u64 *ap)
{
	u64 a;

	if (g - f < q->size - 1)
		return false;
	if (q->top_down) {
		a = (g - (q->size - 1)) & ~(q->balign - 1);
		*ap = a;
		return a >= f;
	}
	a = (f + q->balign - 1) & ~(q->balign - 1);
	*ap = a;

	return a >= f && a <= g && g - a >= q->size - 1;
}

/*
 * The highest (lowest) fit among the free bytes of ranges [first, last],
 * in *@addrp. Any address is an answer, ~0 included (one byte at the top
 * of the address space), so whether there is one is the return value.
 */
static bool search_bytes(const struct model *m, int first, int last,
			 const struct req *q, u64 *addrp)
{
	u64 wlo = max_u64(q->blo, m->range[first].pfn * PAGE);
	u64 wlast = min_u64(q->blast, page_last(range_end(&m->range[last]) - 1));
	u64 f = 0, a;
	bool in_free = false, found = false;
	struct seg *sg;
	int n, i;

	if (wlo > wlast)
		return false;
	sg = segments(m, wlo, wlast, &n);
	for (i = 0; i < n; i++) {
		u64 seg_last = i + 1 < n ? sg[i + 1].start - 1 : wlast;
		bool is_free = sg[i].b.kind == BOOTMEM_FREE;

		if (is_free && !in_free) {
			f = sg[i].start;
			in_free = true;
		}
		if (in_free && (!is_free || seg_last == wlast)) {
			in_free = false;
			if (fits(q, f, is_free ? seg_last : sg[i].start - 1,
				 &a)) {
				*addrp = a;
				found = true;
				if (!q->top_down)
					break;
			}
		}
	}
	free(sg);

	return found;
}

/*
 * Every span of @nid's RAM (of any RAM for NUMA_NO_NODE), highest first
 * when top-down; the address found in *@addrp.
 */
static bool search_node(const struct model *m, int nid, const struct req *q,
			u64 *addrp)
{
	int n = m->nr_ranges, i, first, last;
	u64 pfn;

	for (i = 0; i < n; i++) {
		first = q->top_down ? n - 1 - i : i;
		last = first;
		if (nid != NUMA_NO_NODE && m->range[first].nid != nid)
			continue;
		while (first > 0 && joins(m, first - 1, nid))
			first--;
		while (last + 1 < n && joins(m, last, nid))
			last++;
		i += last - first;
		if (q->bytes) {
			if (search_bytes(m, first, last, q, addrp))
				return true;
			continue;
		}
		pfn = search_pages(m, first, last, q);
		if (pfn != NOT_FOUND) {
			*addrp = pfn * PAGE;
			return true;
		}
	}

	return false;
}

/* Nodes with memory but @nid, nearest first, ties by node id. */
static int fallback_order(const struct model *m, int nid, int *order)
{
	int n = 0, cand, i, t;

	for (cand = 0; cand < MODEL_MAX_NODES; cand++)
		if (cand != nid && node_has_memory(m, cand))
			order[n++] = cand;
	for (i = 1; i < n; i++) {
		for (t = i; t > 0 && distance(m, nid, order[t - 1]) >
		     distance(m, nid, order[t]); t--) {
			cand = order[t];
			order[t] = order[t - 1];
			order[t - 1] = cand;
		}
	}

	return n;
}

/* Whether the request fits: the node, the others by distance, anywhere. */
static bool search(const struct model *m, int nid, bool exact,
		   const struct req *q, u64 *addrp)
{
	int order[MODEL_MAX_NODES], n, i;

	if (nid == NUMA_NO_NODE)
		return search_node(m, NUMA_NO_NODE, q, addrp);
	if (search_node(m, nid, q, addrp))
		return true;
	if (exact)
		return false;
	n = fallback_order(m, nid, order);
	for (i = 0; i < n; i++)
		if (search_node(m, order[i], q, addrp))
			return true;

	return search_node(m, NUMA_NO_NODE, q, addrp);
}

static bool same_owner(const struct model_rec *a, const struct model_rec *b)
{
	return a->kind == b->kind && a->flags == b->flags &&
	       a->tag == b->tag && a->self == b->self &&
	       !strcmp(a->label, b->label);
}

/* The load buffer a replaceable claim lies in (its base), LAST if none. */
static u64 container(const struct model *m, const struct model_rec *r)
{
	int i;

	if (r->kind != BOOTMEM_ALLOCATED || !(r->flags & BOOTMEM_REPLACEABLE))
		return LAST;
	for (i = 0; i < m->nr_recs; i++) {
		const struct model_rec *c = &m->rec[i];

		if (c->kind == BOOTMEM_ALLOCATED &&
		    (c->flags & BOOTMEM_LOAD_BUFFER) && overlaps(c, r->base, r->base))
			return c->base;
	}

	return LAST;
}

static void push_rec(struct model *m, const struct model_rec *r)
{
	m->rec = host_realloc(m->rec, (m->nr_recs + 1) * sizeof(*r));
	m->rec[m->nr_recs++] = *r;
}

static void drop_rec(struct model *m, int i)
{
	m->rec[i] = m->rec[--m->nr_recs];
}

/* Whether records @a and @b are one owner's and touch or overlap. */
static bool mergeable(const struct model *m, const struct model_rec *a,
		      const struct model_rec *b)
{
	return !a->self && same_owner(a, b) &&
	       a->base <= (b->last == LAST ? LAST : b->last + 1) &&
	       b->base <= (a->last == LAST ? LAST : a->last + 1) &&
	       container(m, a) == container(m, b);
}

/*
 * Add a record, merged with every one it may merge with. No two records
 * may merge before (model_merged() checks it), and cutting records never
 * makes two mergeable, so only the new one needs looking at.
 */
static void add_rec(struct model *m, u64 base, u64 last,
		    enum bootmem_kind kind, unsigned int flags,
		    const char *label, bool self)
{
	struct model_rec r = {
		.base = base, .last = last, .kind = kind,
		.flags = flags & (HANDOFF | CLAIMS), .tag = flags >> 24,
		.self = self,
	};
	int i = 0, n;

	snprintf(r.label, sizeof(r.label), "%s", label ? label : "");
	push_rec(m, &r);
	n = m->nr_recs - 1;
	while (i < m->nr_recs) {
		if (i == n || !mergeable(m, &m->rec[n], &m->rec[i])) {
			i++;
			continue;
		}
		m->rec[n].base = min_u64(m->rec[n].base, m->rec[i].base);
		m->rec[n].last = max_u64(m->rec[n].last, m->rec[i].last);
		r = m->rec[n];
		drop_rec(m, i);
		/* The merged record moved if it was the last one. */
		n = n == m->nr_recs ? i : n;
		m->rec[n] = r;
		i = 0;
	}
}

bool model_merged(const struct model *m)
{
	int i, j;

	for (i = 0; i < m->nr_recs; i++)
		for (j = 0; j < m->nr_recs; j++)
			if (i != j && mergeable(m, &m->rec[i], &m->rec[j]))
				return false;

	return true;
}

static bool cut_takes(const struct model_rec *r, enum cut cut)
{
	if (cut == CUT_ALL)
		return true;
	if (r->kind != BOOTMEM_ALLOCATED)
		return false;

	return cut == CUT_ALLOCATED || (r->flags & BOOTMEM_REPLACEABLE);
}

static unsigned int splits(const struct model *m, u64 base, u64 last,
			   enum cut cut)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < m->nr_recs; i++)
		n += cut_takes(&m->rec[i], cut) && m->rec[i].base < base &&
		     m->rec[i].last > last;

	return n;
}

/* Take [base, last] from the records @cut takes bytes from. */
static void cut(struct model *m, u64 base, u64 last, enum cut cut)
{
	int i = 0;

	while (i < m->nr_recs) {
		struct model_rec r = m->rec[i];

		if (!overlaps(&r, base, last) || !cut_takes(&r, cut)) {
			i++;
			continue;
		}
		drop_rec(m, i);
		if (r.base < base) {
			struct model_rec low = r;

			low.last = base - 1;
			push_rec(m, &low);
		}
		if (r.last > last) {
			struct model_rec high = r;

			high.base = last + 1;
			push_rec(m, &high);
		}
	}
}

static void set_bare(struct model *m, u64 lo, u64 hi, u8 value)
{
	u64 pfn, idx;
	struct model_range *r;

	for (pfn = lo; pfn < hi; pfn++) {
		r = model_page(m, pfn, &idx);
		if (r)
			r->bare[idx] = value;
	}
}

static u64 limit_pfn(phys_addr_t limit)
{
	return limit == BOOTMEM_ALLOC_ANYWHERE ? PFN_END : limit / PAGE;
}

/*
 * Room for @need more records. Once enabled (outside a pushed state) a
 * full table moves into RAM, or doubles there: as many pages as hold the
 * records, the first time (and the table's own record), then twice as
 * many as before, found top-down like an allocation on bootmem_enable()'s
 * node and below its limit, clear of pages [xlo, xhi).
 */
static int room(struct model *m, unsigned int need, u64 xlo, u64 xhi)
{
	unsigned int want = m->nr_recs + need;
	u64 old = m->tab_hi - m->tab_lo, pages = old ? 2 * old : 1, at;
	struct req q = {
		.align = 1, .hi = limit_pfn(m->table_limit), .xlo = xlo,
		.xhi = xhi, .top_down = true,
	};
	int i;

	if (want <= m->cap || !m->enabled || m->on_heap)
		return 0;
	want += !old;
	while (pages * PAGE / m->record_size < want)
		pages *= 2;
	q.len = pages;
	if (!search(m, m->table_nid, false, &q, &at)) {
		m->grow_failed++;
		return -ENOMEM;
	}
	for (i = 0; i < m->nr_recs; i++)
		if (m->rec[i].self && m->rec[i].base == m->tab_lo * PAGE && old)
			drop_rec(m, i);
	m->tab_lo = at / PAGE;
	m->tab_hi = at / PAGE + pages;
	add_rec(m, at, page_last(m->tab_hi - 1), BOOTMEM_RESERVED, 0,
		"bootmem owners", true);
	m->cap = pages * PAGE / m->record_size;
	m->grew++;

	return 0;
}

/* Where the bitmap goes: as bootmem_enable() says, clear of reservations. */
static u64 place_map(const struct model *m, u64 pages, int nid, u64 limit)
{
	int first, last;
	u64 end, start, run;
	u8 *touch;

	for (last = m->nr_ranges - 1; last >= 0; last = first - 1) {
		first = last;
		while (first > 0 && joins(m, first - 1, nid))
			first--;
		if (nid != NUMA_NO_NODE && m->range[last].nid != nid)
			continue;
		start = m->range[first].pfn;
		end = min_u64(range_end(&m->range[last]), limit);
		if (end < start + pages)
			continue;
		touch = page_states(m, first, last, start, end, false);
		for (run = 0; end > start; end--) {
			run = touch[end - 1 - start] ? 0 : run + 1;
			if (run == pages)
				break;
		}
		free(touch);
		if (run == pages)
			return end - 1;
	}

	return NOT_FOUND;
}

int model_enable(struct model *m, int nid, phys_addr_t limit, u64 map_pages,
		 u64 *pfnp)
{
	u64 pfn;

	if (m->on_heap) {
		m->enabled = true;
		return 0;
	}
	pfn = place_map(m, map_pages, nid, limit_pfn(limit));
	if (pfn == NOT_FOUND)
		return -ENOMEM;
	*pfnp = pfn;
	m->map_lo = pfn;
	m->map_hi = pfn + map_pages;
	add_rec(m, pfn * PAGE, page_last(pfn + map_pages - 1),
		BOOTMEM_RESERVED, 0, "bootmem bitmap", true);
	m->table_nid = nid;
	m->table_limit = limit;
	m->enabled = true;

	return 0;
}

static bool whole_pages(u64 base, u64 last)
{
	return base % PAGE == 0 && last % PAGE == PAGE - 1;
}

/* Take [base, last], all it may take: the library's take(). */
static int take(struct model *m, u64 base, u64 last, unsigned int flags,
		const char *label, bool record)
{
	bool replace = flags & BOOTMEM_REPLACEABLE;
	unsigned int need = record;
	int ret;

	if (replace)
		need += splits(m, base, last, CUT_REPLACEABLE);
	ret = room(m, need, base / PAGE, last / PAGE + 1);
	if (ret)
		return ret;
	if (replace)
		cut(m, base, last, CUT_REPLACEABLE);
	if (record)
		add_rec(m, base, last, BOOTMEM_ALLOCATED, flags, label, false);
	else
		set_bare(m, base / PAGE, last / PAGE + 1, 1);

	return 0;
}

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp)
{
	const unsigned int ok = BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP |
				BOOTMEM_LOW | BOOTMEM_BYTES | RECORD_FLAGS;
	bool exact = flags & BOOTMEM_EXACT_NODE;
	struct req q = { .top_down = !(flags & BOOTMEM_BOTTOM_UP) };
	u64 addr, last;
	bool found;
	int ret;

	if (!size || !align || (align & (align - 1)) || (flags & ~ok) ||
	    (flags & CLAIMS) == CLAIMS)
		return -EINVAL;
	if (size + PAGE - 1 < size)
		return -EOVERFLOW;
	if (nid != NUMA_NO_NODE &&
	    (nid < 0 || nid >= MODEL_MAX_NODES || !m->has_node[nid]))
		return -ENODEV;
	if (exact && nid != NUMA_NO_NODE && !node_has_memory(m, nid))
		return -ENXIO;

	if ((flags & BOOTMEM_LOW) && limit > (1ULL << 32))
		limit = 1ULL << 32;
	q.bytes = (flags & BOOTMEM_BYTES) && (size % PAGE || align < PAGE);
	q.len = (size + PAGE - 1) / PAGE;
	q.align = align > PAGE ? align / PAGE : 1;
	/* The end of the allocation is at most the limit; ~0 is none. */
	q.hi = limit_pfn(limit);
	q.lo = goal + PAGE - 1 < goal ? q.hi : (goal + PAGE - 1) / PAGE;
	q.size = size;
	q.balign = align;
	q.blo = goal;
	q.blast = limit == BOOTMEM_ALLOC_ANYWHERE ? LAST : limit - 1;
	if (q.bytes && !limit)
		return -ENOMEM;

	found = search(m, nid, exact, &q, &addr);
	if (!found && goal) {
		q.lo = 0;
		q.blo = 0;
		found = search(m, nid, exact, &q, &addr);
	}
	if (!found)
		return -ENOMEM;
	last = q.bytes ? addr + size - 1 : addr + q.len * PAGE - 1;
	ret = take(m, addr, last, flags, label,
		   label || (flags & RECORD_FLAGS) || !whole_pages(addr, last));
	if (!ret)
		*addrp = addr;

	return ret;
}

/* The bytes a call covers: exact, or the whole pages touched. */
static bool covered(u64 addr, u64 size, unsigned int flags, u64 *basep,
		    u64 *lastp)
{
	if (!size || addr + size - 1 < addr)
		return false;
	*basep = (flags & BOOTMEM_BYTES) ? addr : addr / PAGE * PAGE;
	*lastp = (flags & BOOTMEM_BYTES) ? addr + size - 1 :
		 page_last((addr + size - 1) / PAGE);

	return true;
}

/* A replaceable claim refused: see bootmem_alloc_at(). */
static bool replace_refused(const struct model *m, u64 base, u64 last,
			    const struct scan *s)
{
	int i;

	if (s->recordless)
		return true;
	for (i = 0; i < m->nr_recs; i++) {
		const struct model_rec *r = &m->rec[i];

		if (!overlaps(r, base, last))
			continue;
		if (r->kind == BOOTMEM_ALLOCATED &&
		    (r->flags & BOOTMEM_REPLACEABLE))
			continue;
		if (r->kind != BOOTMEM_ALLOCATED ||
		    !(r->flags & BOOTMEM_LOAD_BUFFER) || r->base > base ||
		    r->last < last)
			return true;
	}

	return false;
}

int model_alloc_at(struct model *m, phys_addr_t addr, phys_size_t size,
		   unsigned int flags, const char *label)
{
	const unsigned int ok = BOOTMEM_BYTES | RECORD_FLAGS;
	u64 base, last;
	struct scan s;
	bool busy;

	if (!size || (flags & ~ok) || (flags & CLAIMS) == CLAIMS ||
	    (!(flags & BOOTMEM_BYTES) && addr % PAGE))
		return -EINVAL;
	if (!covered(addr, size, flags, &base, &last))
		return -EOVERFLOW;
	if (!all_ram(m, base, last))
		return -ERANGE;
	scan(m, base, last, &s);
	if (flags & BOOTMEM_REPLACEABLE)
		busy = replace_refused(m, base, last, &s);
	else
		busy = s.reserved || s.allocated;
	if (busy)
		return -EBUSY;

	return take(m, base, last, flags, label,
		    label || (flags & RECORD_FLAGS) || !whole_pages(base, last));
}

int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label)
{
	const unsigned int ok = BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE | HANDOFF |
				BOOTMEM_BYTES | TAG_MASK;
	u64 base, last;
	struct scan s;
	bool busy = false;
	int i, ret;

	if (!size || (flags & ~ok))
		return -EINVAL;
	if (!covered(addr, size, flags, &base, &last))
		return -EOVERFLOW;
	if (!some_ram(m, base, last))
		return -ERANGE;
	if (!m->enabled) {
		for (i = 0; i < m->nr_recs && (flags & BOOTMEM_EXCLUSIVE); i++)
			if (overlaps(&m->rec[i], base, last) &&
			    some_ram(m, max_u64(base, m->rec[i].base),
				     min_u64(last, m->rec[i].last)))
				busy = true;
	} else {
		scan(m, base, last, &s);
		if (flags & BOOTMEM_EXCLUSIVE)
			busy = s.reserved || s.allocated;
		else if (!(flags & BOOTMEM_FORCE))
			busy = s.allocated;
		else
			busy = s.cut;
	}
	if (busy)
		return -EBUSY;
	ret = room(m, 1, base / PAGE, last / PAGE + 1);
	if (ret)
		return ret;
	add_rec(m, base, last, BOOTMEM_RESERVED, flags, label, false);

	return 0;
}

/* Give [base, last] back: the library's give_back(). */
static int give_back(struct model *m, u64 base, u64 last, enum cut kind)
{
	int ret = room(m, splits(m, base, last, kind), 0, 0);

	if (ret)
		return ret;
	cut(m, base, last, kind);
	set_bare(m, base / PAGE, last / PAGE + 1, 0);

	return 0;
}

int model_free(struct model *m, phys_addr_t addr, phys_size_t size,
	       unsigned int flags)
{
	u64 base, last;
	struct scan s;

	if (!size || (flags & ~BOOTMEM_BYTES) ||
	    (!(flags & BOOTMEM_BYTES) && addr % PAGE))
		return -EINVAL;
	if (!covered(addr, size, flags, &base, &last))
		return -EOVERFLOW;
	if (!all_ram(m, base, last))
		return -ERANGE;
	scan(m, base, last, &s);
	if (s.free)
		return -ENOENT;
	if (s.reserved)
		return -EACCES;
	if (s.cut)
		return -EINVAL;

	return give_back(m, base, last, s.replaceable ? CUT_REPLACEABLE :
			 CUT_ALLOCATED);
}

/* Linux's free_bootmem(): the whole pages inside, reserved or allocated. */
int model_release(struct model *m, phys_addr_t addr, phys_size_t size)
{
	unsigned __int128 end = (unsigned __int128)addr + size;
	u64 lo = (addr + PAGE - 1) / PAGE, hi;
	struct scan s;

	if (!size)
		return -EINVAL;
	if (end > (unsigned __int128)1 << 64)
		return -EOVERFLOW;
	if (addr % PAGE && addr / PAGE == PFN_END - 1)
		return 0;	/* no whole page: lo would wrap */
	hi = (u64)(end / PAGE);
	if (lo >= hi)
		return 0;
	if (!all_ram(m, lo * PAGE, page_last(hi - 1)))
		return -ERANGE;
	scan(m, lo * PAGE, page_last(hi - 1), &s);
	if (s.free)
		return -ENOENT;
	if ((lo < m->map_hi && m->map_lo < hi) ||
	    (lo < m->tab_hi && m->tab_lo < hi))
		return -EBUSY;

	return give_back(m, lo * PAGE, page_last(hi - 1), CUT_ALL);
}

void model_count(const struct model *m, int nid, u64 *freep, u64 *reservedp,
		 u64 *allocatedp)
{
	u64 *count[] = { freep, reservedp, allocatedp };
	struct seg *sg;
	int i, n, k;

	*freep = 0;
	*reservedp = 0;
	*allocatedp = 0;
	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];
		u64 last = page_last(range_end(r) - 1);

		if (r->nid != nid)
			continue;
		if (!m->enabled) {
			*freep += r->pages * PAGE;
			continue;
		}
		sg = segments(m, r->pfn * PAGE, last, &n);
		for (k = 0; k < n; k++)
			*count[sg[k].b.kind] += (k + 1 < n ? sg[k + 1].start :
						 last + 1) - sg[k].start;
		free(sg);
	}
}

static int cmp_rec(const void *a, const void *b)
{
	const struct model_rec *x = a, *y = b;

	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->flags != y->flags)
		return x->flags < y->flags ? -1 : 1;
	if (x->tag != y->tag)
		return x->tag < y->tag ? -1 : 1;

	return strcmp(x->label, y->label);
}

bool model_matches_records(const struct model *m, char *why, size_t len)
{
	struct model_rec *want = host_zalloc((m->nr_recs + 1) * sizeof(*want));
	struct model_rec *got = host_zalloc((m->nr_recs + 1) * sizeof(*got));
	struct bootmem_owner_table t;
	struct bootmem_owner o;
	unsigned int i, n = 0;
	bool ok = true;

	if (m->nr_recs)
		memcpy(want, m->rec, m->nr_recs * sizeof(*want));
	for_each_bootmem_owner(i, &o) {
		if ((int)i == m->nr_recs) {
			ok = false;
			break;
		}
		got[i] = (struct model_rec){
			.base = o.base, .last = o.last, .kind = o.kind,
			.flags = o.flags, .tag = o.tag,
		};
		snprintf(got[i].label, sizeof(got[i].label), "%s", o.label);
		n++;
	}
	if (!ok || (int)n != m->nr_recs) {
		snprintf(why, len, "%u records or more, expected %d", n,
			 m->nr_recs);
		ok = false;
	}
	qsort(want, m->nr_recs, sizeof(*want), cmp_rec);
	qsort(got, n, sizeof(*got), cmp_rec);
	for (i = 0; ok && i < n; i++) {
		want[i].self = false;
		if (cmp_rec(&want[i], &got[i])) {
			snprintf(why, len,
				 "record [%#llx-%#llx] %d %#x tag %u '%s', expected [%#llx-%#llx] %d %#x tag %u '%s'",
				 (unsigned long long)got[i].base,
				 (unsigned long long)got[i].last, got[i].kind,
				 got[i].flags, got[i].tag, got[i].label,
				 (unsigned long long)want[i].base,
				 (unsigned long long)want[i].last,
				 want[i].kind, want[i].flags, want[i].tag,
				 want[i].label);
			ok = false;
		}
	}
	bootmem_owner_table(&t);
	if (ok && (t.base != m->tab_lo * PAGE ||
		   t.size != (m->tab_hi - m->tab_lo) * PAGE)) {
		snprintf(why, len, "owner table at %#llx +%#llx, expected %#llx +%#llx",
			 (unsigned long long)t.base, (unsigned long long)t.size,
			 (unsigned long long)m->tab_lo * PAGE,
			 (unsigned long long)(m->tab_hi - m->tab_lo) * PAGE);
		ok = false;
	}
	free(want);
	free(got);

	return ok;
}

static bool same_byte(const struct model_byte *b, const struct bootmem_run *run)
{
	return b->kind == run->kind && b->flags == run->flags &&
	       b->tag == run->tag && !strcmp(b->label, run->label);
}

/*
 * Whether run @run agrees with the stretches @sg[*@ip..] of its range
 * that it covers, and ends where they change. *@ip moves to the stretch
 * holding the byte after the run.
 */
static bool run_matches(const struct bootmem_run *run, const struct seg *sg,
			int n, int *ip, char *why, size_t len)
{
	u64 last = run->base + run->size - 1;
	const struct model_byte *b;
	int i = *ip;

	while (i + 1 < n && sg[i + 1].start <= run->base)
		i++;
	for (; i < n && sg[i].start <= last; i++) {
		if (same_byte(&sg[i].b, run))
			continue;
		b = &sg[i].b;
		snprintf(why, len,
			 "byte %#llx in run [%#llx-%#llx] kind %d flags %#x tag %u '%s': expected kind %d flags %#x tag %u '%s'",
			 (unsigned long long)(sg[i].start > run->base ?
					      sg[i].start : run->base),
			 (unsigned long long)run->base,
			 (unsigned long long)last, run->kind, run->flags,
			 run->tag, run->label, b->kind, b->flags, b->tag,
			 b->label);
		return false;
	}
	*ip = i - 1;
	/* Runs are maximal: the byte after one, in its range, differs. */
	if (i < n && sg[i].start == last + 1 && same_byte(&sg[i].b, run)) {
		snprintf(why, len, "run [%#llx-%#llx] '%s' ends early",
			 (unsigned long long)run->base,
			 (unsigned long long)last, run->label);
		return false;
	}

	return true;
}

bool model_matches(const struct model *m, char *why, size_t len)
{
	struct bootmem_run run;
	struct seg *sg = NULL;
	int ri = 0, n = 0, si = 0;
	u64 next = m->nr_ranges ? m->range[0].pfn * PAGE : 0, idx;
	bool ok = model_matches_records(m, why, len);

	for_each_bootmem_run(&run) {
		const struct model_range *r;

		if (!ok)
			break;
		if (ri == m->nr_ranges || run.base != next || !run.size) {
			snprintf(why, len, "run at %#llx, expected %#llx",
				 (unsigned long long)run.base,
				 (unsigned long long)next);
			ok = false;
			break;
		}
		r = &m->range[ri];
		if (model_page(m, (run.base + run.size - 1) / PAGE, &idx) != r ||
		    r->nid != run.nid) {
			snprintf(why, len, "run [%#llx +%#llx] leaves its range",
				 (unsigned long long)run.base,
				 (unsigned long long)run.size);
			ok = false;
			break;
		}
		if (!sg) {
			sg = segments(m, r->pfn * PAGE,
				      page_last(range_end(r) - 1), &n);
			si = 0;
		}
		ok = run_matches(&run, sg, n, &si, why, len);
		next = run.base + run.size;
		if (next == range_end(r) * PAGE) {
			free(sg);
			sg = NULL;
			if (++ri < m->nr_ranges)
				next = m->range[ri].pfn * PAGE;
		}
	}
	free(sg);
	if (ok && ri != m->nr_ranges) {
		snprintf(why, len, "runs end early at %#llx",
			 (unsigned long long)next);
		ok = false;
	}

	return ok;
}

bool model_is_free(const struct model *m, phys_addr_t addr, phys_size_t size)
{
	u64 last = addr + size - 1;
	bool free_all = true;
	struct seg *sg;
	int n, i;

	if (!size || last < addr || !all_ram(m, addr, last))
		return false;
	sg = segments(m, addr, last, &n);
	for (i = 0; i < n && free_all; i++)
		free_all = sg[i].b.kind == BOOTMEM_FREE;
	free(sg);

	return free_all;
}

bool model_invariant_broken(const struct model *m, u64 *pfnp)
{
	u8 *touch;
	struct seg *sg;
	u64 pfn;
	int i, n, k;
	bool broken = false;

	for (i = 0; i < m->nr_ranges && !broken; i++) {
		const struct model_range *r = &m->range[i];

		touch = page_states(m, i, i, r->pfn, range_end(r), false);
		for (pfn = r->pfn; pfn < range_end(r) && !broken; pfn++) {
			if (!r->bare[pfn - r->pfn] || !touch[pfn - r->pfn])
				continue;
			sg = segments(m, pfn * PAGE, page_last(pfn), &n);
			for (k = 0; k < n; k++)
				broken |= sg[k].b.recordless;
			free(sg);
			*pfnp = pfn;
		}
		free(touch);
	}

	return broken;
}
