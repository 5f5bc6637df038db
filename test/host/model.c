// SPDX-License-Identifier: GPL-2.0+
/*
 * Reference model of bootmem. Written for obviousness, not speed: every
 * rule of the API is spelled out here once more, page by page, without the
 * bitmap, the summaries or the hints. The owner records are a plain list
 * of the table's size; what a page reports is worked out afresh from every
 * record that covers it, whenever one of them changes.
 */

#include <stdlib.h>
#include "bootmem_internal.h"
#include "model.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define NOT_FOUND	(~(u64)0)
#define HANDOFF		(BOOTMEM_KEEP | BOOTMEM_NOMAP)

/*
 * for_each_model_page - every page of [lo, hi) that is RAM
 * @m:		the model
 * @r:		struct model_range * cursor
 * @idx:	u64 cursor, the page's index in @r
 */
#define for_each_model_page(m, r, idx, lo, hi) \
	for ((r) = (m)->range; (r) < (m)->range + (m)->nr_ranges; (r)++) \
		for ((idx) = (lo) > (r)->pfn ? (lo) - (r)->pfn : 0; \
		     (idx) < (r)->pages && (r)->pfn + (idx) < (hi); (idx)++)

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
}

void model_free_all(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		free(m->range[i].state);
		free(m->range[i].owner);
		free(m->range[i].flags);
	}
	model_init(m);
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

/* Whether a reservation names a page rather than another: the smallest,
 * then the lowest, then the first label in byte order.
 */
static bool more_inner(const struct model_owner *a, const struct model_owner *b)
{
	if (a->pages != b->pages)
		return a->pages < b->pages;
	if (a->pfn != b->pfn)
		return a->pfn < b->pfn;

	return strcmp(a->label ? a->label : "", b->label ? b->label : "") < 0;
}

/* Whether @w names a page rather than @cur: a reservation before an
 * allocation record, and the innermost reservation.
 */
static bool names_over(const struct model_owner *w,
		       const struct model_owner *cur)
{
	if (w->kind != cur->kind)
		return w->kind == MODEL_RESERVED;

	return w->kind == MODEL_RESERVED && more_inner(w, cur);
}

/* Work out owner and flags of the pages of [lo, hi) from every record. */
static void settle(struct model *m, u64 lo, u64 hi)
{
	struct model_range *r;
	u64 idx;
	int o;

	for_each_model_page(m, r, idx, lo, hi) {
		r->owner[idx] = -1;
		r->flags[idx] = 0;
	}
	for (o = 0; o < MODEL_MAX_OWNERS; o++) {
		const struct model_owner *w = &m->owner[o];
		u64 s = max_u64(lo, w->pfn), e = min_u64(hi, w->pfn + w->pages);

		if (!w->live)
			continue;
		for_each_model_page(m, r, idx, s, e) {
			short *cur = &r->owner[idx];

			r->flags[idx] |= w->flags;
			if (*cur < 0 || names_over(w, &m->owner[*cur]))
				*cur = o;
		}
	}
}

static void set_state(struct model *m, u64 lo, u64 hi, enum model_page state)
{
	struct model_range *r;
	u64 idx;

	for_each_model_page(m, r, idx, lo, hi)
		r->state[idx] = state;
}

/* Counts the pages of [lo, hi) in @state; *holes counts pages not RAM. */
static u64 count_pages(const struct model *m, u64 lo, u64 hi,
		       enum model_page state, u64 *holes)
{
	const struct model_range *r;
	u64 idx, n = 0, ram = 0;

	for_each_model_page(m, r, idx, lo, hi) {
		ram++;
		n += r->state[idx] == state;
	}
	*holes = hi - lo - ram;

	return n;
}

bool model_table_full(const struct model *m)
{
	return m->nr_owners == MODEL_MAX_OWNERS;
}

static int add_owner(struct model *m, u64 lo, u64 hi, enum model_page kind,
		     unsigned int flags, const char *label)
{
	int o;

	if (model_table_full(m))
		return -ENOSPC;
	for (o = 0; m->owner[o].live; o++)
		;
	m->owner[o] = (struct model_owner){
		.pfn = lo, .pages = hi - lo, .kind = kind,
		.flags = flags & HANDOFF, .label = label, .live = true,
	};
	m->nr_owners++;

	return 0;
}

int model_add_range(struct model *m, int nid, u64 pfn, u64 pages)
{
	struct model_range *r;
	int i = m->nr_ranges++, o;

	while (i && m->range[i - 1].pfn > pfn) {
		m->range[i] = m->range[i - 1];
		i--;
	}
	r = &m->range[i];
	*r = (struct model_range){
		.pfn = pfn, .pages = pages, .nid = nid,
		.state = calloc(pages, 1),
		.owner = malloc(pages * sizeof(short)),
		.flags = calloc(pages, 1),
	};
	m->has_node[nid] = true;
	/* Reservations made before take the pages of theirs it holds. */
	for (o = 0; o < MODEL_MAX_OWNERS; o++)
		if (m->owner[o].live)
			set_state(m, max_u64(pfn, m->owner[o].pfn),
				  min_u64(pfn + pages, m->owner[o].pfn +
					  m->owner[o].pages), MODEL_RESERVED);
	settle(m, pfn, pfn + pages);

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

/* Highest (or lowest) aligned free run in ranges [first, last] ∩ [lo, hi). */
static u64 search_span(const struct model *m, int first, int last, u64 lo,
		       u64 hi, u64 len, u64 align, bool top_down)
{
	const struct model_range *r = &m->range[last];
	u64 start = max_u64(lo, m->range[first].pfn);
	u64 end = min_u64(hi, range_end(r));
	u64 n, i, *run, found = NOT_FOUND;

	if (start >= end)
		return NOT_FOUND;
	n = end - start;
	run = calloc(n + 1, sizeof(*run));
	for (i = n; i-- > 0;) {
		while (start + i < r->pfn)
			r--;
		run[i] = r->state[start + i - r->pfn] == MODEL_FREE ?
			 run[i + 1] + 1 : 0;
	}
	for (i = 0; i < n; i++) {
		u64 k = top_down ? n - 1 - i : i;

		if ((start + k) % align == 0 && run[k] >= len) {
			found = start + k;
			break;
		}
	}
	free(run);

	return found;
}

/* Every span of @nid's RAM (of any RAM for NUMA_NO_NODE), highest first
 * when top-down.
 */
static u64 search_node(const struct model *m, int nid, u64 lo, u64 hi,
		       u64 len, u64 align, bool top_down)
{
	int n = m->nr_ranges, i, first, last;
	u64 pfn;

	for (i = 0; i < n; i++) {
		first = top_down ? n - 1 - i : i;
		last = first;
		if (nid != NUMA_NO_NODE && m->range[first].nid != nid)
			continue;
		while (first > 0 && joins(m, first - 1, nid))
			first--;
		while (last + 1 < n && joins(m, last, nid))
			last++;
		i += last - first;
		pfn = search_span(m, first, last, lo, hi, len, align, top_down);
		if (pfn != NOT_FOUND)
			return pfn;
	}

	return NOT_FOUND;
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

static u64 search(const struct model *m, int nid, bool exact, u64 lo, u64 hi,
		  u64 len, u64 align, bool top_down)
{
	int order[MODEL_MAX_NODES], n, i;
	u64 pfn;

	if (nid == NUMA_NO_NODE)
		return search_node(m, NUMA_NO_NODE, lo, hi, len, align,
				   top_down);
	pfn = search_node(m, nid, lo, hi, len, align, top_down);
	if (pfn != NOT_FOUND || exact)
		return pfn;
	n = fallback_order(m, nid, order);
	for (i = 0; i < n; i++) {
		pfn = search_node(m, order[i], lo, hi, len, align, top_down);
		if (pfn != NOT_FOUND)
			return pfn;
	}

	return search_node(m, NUMA_NO_NODE, lo, hi, len, align, top_down);
}

static bool span(phys_addr_t addr, phys_size_t size, u64 *lo, u64 *hi)
{
	if (!size || addr + size - 1 < addr)
		return false;
	*lo = addr / PAGE;
	*hi = (addr + size - 1) / PAGE + 1;

	return true;
}

/* Allocate [lo, hi): an owner record if it has a label or flags and fits. */
static void take(struct model *m, u64 lo, u64 hi, unsigned int flags,
		 const char *label)
{
	set_state(m, lo, hi, MODEL_ALLOCATED);
	if (label || (flags & HANDOFF))
		add_owner(m, lo, hi, MODEL_ALLOCATED, flags, label);
	settle(m, lo, hi);
}

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp)
{
	const unsigned int ok = BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP |
				BOOTMEM_LOW | HANDOFF;
	bool exact = flags & BOOTMEM_EXACT_NODE;
	bool top_down = !(flags & BOOTMEM_BOTTOM_UP);
	u64 len, align_pages, lo, hi, pfn;

	if (!size || !align || (align & (align - 1)) || (flags & ~ok))
		return -EINVAL;
	if (size + PAGE - 1 < size)
		return -ERANGE;
	if (nid != NUMA_NO_NODE &&
	    (nid < 0 || nid >= MODEL_MAX_NODES || !m->has_node[nid]))
		return -ENODEV;
	if ((flags & HANDOFF) && model_table_full(m))
		return -ENOSPC;

	len = (size + PAGE - 1) / PAGE;
	align_pages = align > PAGE ? align / PAGE : 1;
	if ((flags & BOOTMEM_LOW) && limit > (1ULL << 32))
		limit = 1ULL << 32;
	/* The end of the allocation is at most the limit; ~0 is none. */
	hi = limit == BOOTMEM_ALLOC_ANYWHERE ? BM_PFN_END : limit / PAGE;
	lo = goal + PAGE - 1 < goal ? hi : (goal + PAGE - 1) / PAGE;

	pfn = search(m, nid, exact, lo, hi, len, align_pages, top_down);
	if (pfn == NOT_FOUND && lo)
		pfn = search(m, nid, exact, 0, hi, len, align_pages, top_down);
	if (pfn == NOT_FOUND)
		return -ENOMEM;
	take(m, pfn, pfn + len, flags, label);
	*addrp = pfn * PAGE;

	return 0;
}

/* alloc_at and free take page-aligned ranges of RAM only. */
static int check_ram(const struct model *m, phys_addr_t addr,
		     phys_size_t size, u64 *lo, u64 *hi)
{
	u64 holes;

	if (!size || addr % PAGE)
		return -EINVAL;
	if (!span(addr, size, lo, hi))
		return -ERANGE;
	count_pages(m, *lo, *hi, MODEL_FREE, &holes);

	return holes ? -ERANGE : 0;
}

int model_alloc_at(struct model *m, phys_addr_t addr, phys_size_t size,
		   unsigned int flags, const char *label)
{
	u64 lo, hi, holes;
	int ret;

	if (flags & ~HANDOFF)
		return -EINVAL;
	ret = check_ram(m, addr, size, &lo, &hi);
	if (ret)
		return ret;
	if ((flags & HANDOFF) && model_table_full(m))
		return -ENOSPC;
	if (count_pages(m, lo, hi, MODEL_FREE, &holes) != hi - lo)
		return -EBUSY;
	take(m, lo, hi, flags, label);

	return 0;
}

int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label)
{
	const unsigned int ok = BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE | HANDOFF;
	u64 lo, hi, holes, free_pages;
	int ret;

	if (!size || (flags & ~ok))
		return -EINVAL;
	if (!span(addr, size, &lo, &hi))
		return -ERANGE;
	free_pages = count_pages(m, lo, hi, MODEL_FREE, &holes);
	if (holes == hi - lo)
		return -ERANGE;
	if ((flags & BOOTMEM_EXCLUSIVE) && free_pages + holes != hi - lo)
		return -EBUSY;
	if (!(flags & BOOTMEM_FORCE) &&
	    count_pages(m, lo, hi, MODEL_ALLOCATED, &holes))
		return -EBUSY;
	ret = add_owner(m, lo, hi, MODEL_RESERVED, flags, label);
	if (ret)
		return ret;
	set_state(m, lo, hi, MODEL_RESERVED);
	settle(m, lo, hi);

	return 0;
}

/* The bitmap reserves itself; it can never be released. */
int model_enable(struct model *m, phys_addr_t base, phys_size_t size)
{
	int ret = model_reserve(m, base, size, 0, "bootmem bitmap");

	m->map_lo = base / PAGE;
	m->map_hi = (base + size - 1) / PAGE + 1;

	return ret;
}

/* Records freeing [lo, hi) removes: allocations, or any with @reserved. */
static bool freed_with(const struct model_owner *w, bool reserved)
{
	return w->live && (reserved || w->kind == MODEL_ALLOCATED);
}

/* Whether freeing [lo, hi) cuts more records in two than slots are free. */
static bool too_many_splits(const struct model *m, u64 lo, u64 hi,
			    bool reserved)
{
	int o, n = 0;

	for (o = 0; o < MODEL_MAX_OWNERS; o++) {
		const struct model_owner *w = &m->owner[o];

		n += freed_with(w, reserved) && w->pfn < lo &&
		     w->pfn + w->pages > hi;
	}

	return n > MODEL_MAX_OWNERS - m->nr_owners;
}

/* Free [lo, hi): records inside go, records across its ends are cut. */
static void give_back(struct model *m, u64 lo, u64 hi, bool reserved)
{
	u64 first = lo, last = hi;
	int o;

	set_state(m, lo, hi, MODEL_FREE);
	for (o = 0; o < MODEL_MAX_OWNERS; o++) {
		struct model_owner w = m->owner[o];
		u64 end = w.pfn + w.pages;

		if (!freed_with(&w, reserved) || end <= lo || w.pfn >= hi)
			continue;
		first = min_u64(first, w.pfn);
		last = max_u64(last, end);
		if (w.pfn >= lo && end <= hi) {
			m->owner[o].live = false;
			m->nr_owners--;
			continue;
		}
		if (w.pfn < lo)
			m->owner[o].pages = lo - w.pfn;
		else
			m->owner[o] = (struct model_owner){
				.pfn = hi, .pages = end - hi, .kind = w.kind,
				.flags = w.flags, .label = w.label, .live = true,
			};
		if (w.pfn < lo && end > hi)
			add_owner(m, hi, end, w.kind, w.flags, w.label);
	}
	settle(m, first, last);
}

int model_free(struct model *m, phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi, holes;
	int ret = check_ram(m, addr, size, &lo, &hi);

	if (ret)
		return ret;
	if (count_pages(m, lo, hi, MODEL_FREE, &holes))
		return -ENOENT;
	if (count_pages(m, lo, hi, MODEL_RESERVED, &holes))
		return -EACCES;
	if (too_many_splits(m, lo, hi, false))
		return -ENOSPC;
	give_back(m, lo, hi, false);

	return 0;
}

/* Linux's free_bootmem(): the whole pages inside, reserved or allocated. */
int model_release(struct model *m, phys_addr_t addr, phys_size_t size)
{
	unsigned __int128 end = (unsigned __int128)addr + size;
	u64 lo = (addr + PAGE - 1) / PAGE, hi, holes;

	if (!size)
		return -EINVAL;
	if (end > (unsigned __int128)1 << 64)
		return -ERANGE;
	if (addr % PAGE && addr / PAGE == BM_PFN_END - 1)
		return 0;	/* no whole page: lo would wrap */
	hi = (u64)(end / PAGE);
	if (lo >= hi)
		return 0;
	count_pages(m, lo, hi, MODEL_FREE, &holes);
	if (holes)
		return -ERANGE;
	if (count_pages(m, lo, hi, MODEL_FREE, &holes))
		return -ENOENT;
	if (lo < m->map_hi && m->map_lo < hi)
		return -EACCES;
	if (too_many_splits(m, lo, hi, true))
		return -ENOSPC;
	give_back(m, lo, hi, true);

	return 0;
}

unsigned int model_handoff_flags(const struct model_range *r, u64 idx)
{
	unsigned int flags = r->flags[idx];

	return r->state[idx] != MODEL_FREE && (flags & BOOTMEM_KEEP) ? flags : 0;
}

/* What the library must report for page @idx of @r. */
static void expected(const struct model *m, const struct model_range *r,
		     u64 idx, enum bootmem_kind *kind, const char **label,
		     unsigned int *flags)
{
	static const enum bootmem_kind kinds[] = {
		[MODEL_FREE] = BOOTMEM_FREE,
		[MODEL_RESERVED] = BOOTMEM_RESERVED,
		[MODEL_ALLOCATED] = BOOTMEM_ALLOCATED,
	};
	int o = r->owner[idx];

	*kind = kinds[r->state[idx]];
	*label = "";
	*flags = 0;
	if (r->state[idx] == MODEL_FREE)
		return;
	*flags = r->flags[idx];
	if (o >= 0 && m->owner[o].label)
		*label = m->owner[o].label;
}

bool model_matches(const struct model *m, char *why, size_t len)
{
	struct bootmem_run run;
	int ri = 0;
	u64 next = m->range[0].pfn, pfn;

	for_each_bootmem_run(&run) {
		const struct model_range *r;

		if (ri == m->nr_ranges || run.base / PAGE != next || !run.size) {
			snprintf(why, len, "run at %#llx, expected %#llx",
				 (unsigned long long)run.base,
				 (unsigned long long)(next * PAGE));
			return false;
		}
		r = &m->range[ri];
		for (pfn = next; pfn < next + run.size / PAGE; pfn++) {
			enum bootmem_kind kind;
			const char *label;
			unsigned int flags;

			if (pfn >= range_end(r) || r->nid != run.nid) {
				snprintf(why, len, "run [%#llx +%#llx] leaves its range",
					 (unsigned long long)run.base,
					 (unsigned long long)run.size);
				return false;
			}
			expected(m, r, pfn - r->pfn, &kind, &label, &flags);
			if (kind != run.kind || strcmp(label, run.label) ||
			    flags != run.flags) {
				snprintf(why, len,
					 "page %#llx: kind %d '%s' flags %#x, expected %d '%s' %#x",
					 (unsigned long long)(pfn * PAGE),
					 run.kind, run.label, run.flags, kind,
					 label, flags);
				return false;
			}
		}
		next = pfn;
		if (next == range_end(r) && ++ri < m->nr_ranges)
			next = m->range[ri].pfn;
	}
	if (ri != m->nr_ranges) {
		snprintf(why, len, "runs end early at %#llx",
			 (unsigned long long)(next * PAGE));
		return false;
	}

	return true;
}

bool model_matches_pages(const struct model *m, char *why, size_t len)
{
	u64 bit = 0, idx;
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];

		for (idx = 0; idx < r->pages; idx++, bit++) {
			if (bm_test(&bm.map, bit) == (r->state[idx] != MODEL_FREE))
				continue;
			snprintf(why, len, "page %#llx: in use %d, expected %d",
				 (unsigned long long)((r->pfn + idx) * PAGE),
				 bm_test(&bm.map, bit),
				 r->state[idx] != MODEL_FREE);
			return false;
		}
	}

	return true;
}
