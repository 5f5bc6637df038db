// SPDX-License-Identifier: GPL-2.0+
/*
 * Reference model of bootmem. Written for obviousness, not speed: every
 * rule of the API is spelled out here once more, page by page, without the
 * bitmap, the summaries, the hints or the owner table.
 */

#include <stdlib.h>
#include "bootmem_internal.h"
#include "model.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define NOT_FOUND	(~(u64)0)

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
}

void model_free_all(struct model *m)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		free(m->range[i].state);
		free(m->range[i].label);
		free(m->range[i].res);
	}
	model_init(m);
}

int model_add_range(struct model *m, int nid, u64 pfn, u64 pages)
{
	int i = m->nr_ranges++;

	while (i && m->range[i - 1].pfn > pfn) {
		m->range[i] = m->range[i - 1];
		i--;
	}
	m->range[i] = (struct model_range){
		.pfn = pfn, .pages = pages, .nid = nid,
		.state = calloc(pages, 1),
		.label = calloc(pages, sizeof(char *)),
		.res = malloc(pages * sizeof(short)),
	};
	memset(m->range[i].res, 0xff, pages * sizeof(short));
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

/* The range and index of page @pfn, or NULL in a hole. */
static struct model_range *page_of(const struct model *m, u64 pfn, u64 *idx)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++) {
		const struct model_range *r = &m->range[i];

		if (pfn >= r->pfn && pfn < r->pfn + r->pages) {
			*idx = pfn - r->pfn;
			return (struct model_range *)r;
		}
	}

	return NULL;
}

static bool node_has_memory(const struct model *m, int nid)
{
	int i;

	for (i = 0; i < m->nr_ranges; i++)
		if (m->range[i].nid == nid)
			return true;

	return false;
}

/* Highest (or lowest) aligned free run in ranges [first, last] ∩ [lo, hi). */
static u64 search_span(const struct model *m, int first, int last, u64 lo,
		       u64 hi, u64 len, u64 align, bool top_down)
{
	u64 start = m->range[first].pfn;
	u64 end = m->range[last].pfn + m->range[last].pages;
	u64 n, i, *run, found = NOT_FOUND;

	if (lo > start)
		start = lo;
	if (hi < end)
		end = hi;
	if (start >= end)
		return NOT_FOUND;
	n = end - start;
	run = calloc(n + 1, sizeof(*run));
	for (i = n; i-- > 0;) {
		u64 idx;
		struct model_range *r = page_of(m, start + i, &idx);

		run[i] = r->state[idx] == MODEL_FREE ? run[i + 1] + 1 : 0;
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

static u64 search_node(const struct model *m, int nid, u64 lo, u64 hi,
		       u64 len, u64 align, bool top_down)
{
	int n = m->nr_ranges, i, first, last;
	u64 pfn;

	for (i = 0; i < n; i++) {
		first = top_down ? n - 1 - i : i;
		last = first;
		if (nid == NUMA_NO_NODE) {
			while (first > 0 && m->range[first - 1].pfn +
			       m->range[first - 1].pages == m->range[first].pfn)
				first--;
			while (last + 1 < n && m->range[last].pfn +
			       m->range[last].pages == m->range[last + 1].pfn)
				last++;
			i += last - first;
		} else if (m->range[first].nid != nid) {
			continue;
		}
		pfn = search_span(m, first, last, lo, hi, len, align, top_down);
		if (pfn != NOT_FOUND)
			return pfn;
	}

	return NOT_FOUND;
}

static u64 search(const struct model *m, int nid, bool exact, u64 lo, u64 hi,
		  u64 len, u64 align, bool top_down)
{
	bool tried[MODEL_MAX_NODES] = { false };
	u64 pfn;
	int d, cand;

	if (nid == NUMA_NO_NODE)
		return search_node(m, NUMA_NO_NODE, lo, hi, len, align,
				   top_down);
	pfn = search_node(m, nid, lo, hi, len, align, top_down);
	if (pfn != NOT_FOUND || exact)
		return pfn;
	/* Other nodes, nearest first, ties by node id. */
	for (d = 0; d < 256; d++) {
		for (cand = 0; cand < MODEL_MAX_NODES; cand++) {
			if (cand == nid || tried[cand] ||
			    !node_has_memory(m, cand) ||
			    distance(m, nid, cand) != d)
				continue;
			tried[cand] = true;
			pfn = search_node(m, cand, lo, hi, len, align,
					  top_down);
			if (pfn != NOT_FOUND)
				return pfn;
		}
	}

	return search_node(m, NUMA_NO_NODE, lo, hi, len, align, top_down);
}

static void set_pages(struct model *m, u64 lo, u64 hi, enum model_page state,
		      const char *label)
{
	u64 pfn, idx;

	for (pfn = lo; pfn < hi; pfn++) {
		struct model_range *r = page_of(m, pfn, &idx);

		if (!r)
			continue;
		r->state[idx] = state;
		r->label[idx] = label;
	}
}

/* Counts the pages of [lo, hi) in @state; *holes counts pages not RAM. */
static u64 count_pages(const struct model *m, u64 lo, u64 hi,
		       enum model_page state, u64 *holes)
{
	u64 pfn, idx, n = 0;

	*holes = 0;
	for (pfn = lo; pfn < hi; pfn++) {
		struct model_range *r = page_of(m, pfn, &idx);

		if (!r)
			(*holes)++;
		else if (r->state[idx] == state)
			n++;
	}

	return n;
}

static bool span(phys_addr_t addr, phys_size_t size, u64 *lo, u64 *hi)
{
	if (!size || addr + size - 1 < addr)
		return false;
	*lo = addr / PAGE;
	*hi = (addr + size - 1) / PAGE + 1;

	return true;
}

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp)
{
	const unsigned int ok = BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP |
				BOOTMEM_LOW | BOOTMEM_KEEP | BOOTMEM_NOMAP;
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

	len = (size + PAGE - 1) / PAGE;
	align_pages = align > PAGE ? align / PAGE : 1;
	if ((flags & BOOTMEM_LOW) && limit > (1ULL << 32))
		limit = 1ULL << 32;
	hi = limit / PAGE + (limit % PAGE == PAGE - 1);
	lo = goal + PAGE - 1 < goal ? hi : (goal + PAGE - 1) / PAGE;

	pfn = search(m, nid, exact, lo, hi, len, align_pages, top_down);
	if (pfn == NOT_FOUND && lo)
		pfn = search(m, nid, exact, 0, hi, len, align_pages, top_down);
	if (pfn == NOT_FOUND)
		return -ENOMEM;
	set_pages(m, pfn, pfn + len, MODEL_ALLOCATED, label);
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
		   const char *label)
{
	u64 lo, hi, holes;
	int ret = check_ram(m, addr, size, &lo, &hi);

	if (ret)
		return ret;
	if (count_pages(m, lo, hi, MODEL_FREE, &holes) != hi - lo)
		return -EBUSY;
	set_pages(m, lo, hi, MODEL_ALLOCATED, label);

	return 0;
}

/* The innermost reservation of a page names its owner. */
static bool more_inner(const struct model_res *r, const struct model_res *best)
{
	if (r->pages != best->pages)
		return r->pages < best->pages;
	if (r->pfn != best->pfn)
		return r->pfn < best->pfn;

	return strcmp(r->label ? r->label : "", best->label ? best->label : "") < 0;
}

int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label)
{
	const unsigned int ok = BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE |
				BOOTMEM_KEEP | BOOTMEM_NOMAP;
	u64 lo, hi, holes, free_pages, pfn, idx;

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
	if (m->nr_res == MODEL_MAX_RES)
		return -ENOSPC;
	m->res[m->nr_res] = (struct model_res){ lo, hi - lo, label };
	set_pages(m, lo, hi, MODEL_RESERVED, NULL);
	for (pfn = lo; pfn < hi; pfn++) {
		struct model_range *r = page_of(m, pfn, &idx);

		if (r && (r->res[idx] < 0 ||
			  more_inner(&m->res[m->nr_res], &m->res[r->res[idx]])))
			r->res[idx] = m->nr_res;
	}
	m->nr_res++;

	return 0;
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
	set_pages(m, lo, hi, MODEL_FREE, NULL);

	return 0;
}

static const char *reservation_label(const struct model *m,
				     const struct model_range *r, u64 idx)
{
	const char *label = m->res[r->res[idx]].label;

	return label ? label : "";
}

bool model_matches(const struct model *m, char *why, size_t len)
{
	static const enum bootmem_kind kinds[] = {
		[MODEL_FREE] = BOOTMEM_FREE,
		[MODEL_RESERVED] = BOOTMEM_RESERVED,
		[MODEL_ALLOCATED] = BOOTMEM_ALLOCATED,
	};
	struct bootmem_run run;
	int ri = 0;
	u64 next = m->range[0].pfn, pfn, idx;

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
			const char *want;

			if (!page_of(m, pfn, &idx) || pfn >= r->pfn + r->pages ||
			    r->nid != run.nid) {
				snprintf(why, len, "run [%#llx +%#llx] leaves its range",
					 (unsigned long long)run.base,
					 (unsigned long long)run.size);
				return false;
			}
			want = r->state[idx] == MODEL_RESERVED ?
			       reservation_label(m, r, idx) :
			       r->label[idx] ? r->label[idx] : "";
			if (kinds[r->state[idx]] != run.kind ||
			    strcmp(want, run.label)) {
				snprintf(why, len,
					 "page %#llx: kind %d '%s', expected %d '%s'",
					 (unsigned long long)(pfn * PAGE),
					 run.kind, run.label,
					 kinds[r->state[idx]], want);
				return false;
			}
		}
		next = pfn;
		if (next == r->pfn + r->pages && ++ri < m->nr_ranges)
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
