// SPDX-License-Identifier: GPL-2.0+
/*
 * The operation engine behind fuzz_alloc, the soak and the host
 * differential test. Every call goes to bootmem and to the reference
 * model; results and addresses must agree at once, which pages are in use
 * every pages_every steps, and every run, owner, flag, query and the
 * /reserved-memory hand-off every full_every steps. A refused call must
 * leave the owner table and the bitmap exactly as they were.
 *
 * Where the model has nothing to say (the registry, enabling, queries) the
 * expected answer is worked out here, by brute force, from the documented
 * API. Node ids stay below MODEL_MAX_NODES (BOOTMEM_MAX_NODES); the owner
 * table may fill, and the model knows what a full table refuses.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <bootmem_boot.h>
#include "sim.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define NR_LABELS	ARRAY_SIZE(labels)
#define HANDOFF		(BOOTMEM_KEEP | BOOTMEM_NOMAP)
/* The hand-off is checked every this many map checks (and by sim_check()). */
#define HANDOFF_EVERY	8
/* The bitmap and its two summaries for SIM_MAX_PAGES pages, in words. */
#define SNAP_WORDS	((SIM_MAX_PAGES / BM_BLOCK_BITS + 1) * BM_BLOCK_WORDS + 2)

static const char *const labels[] = {
	NULL, "", "kernel", "initrd", "fdt", "board: node1 scratch",
};

void (*sim_fail_hook)(const char *msg);

void sim_fail(struct sim *s, const char *fmt, ...)
{
	char msg[512], all[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(all, sizeof(all), "sim: %s, step %lu: %s", s->name, s->step,
		 msg);
	fprintf(stderr, "%s\n", all);
	if (sim_fail_hook)
		sim_fail_hook(all);
	abort();
}

static void expect(struct sim *s, const char *op, int got, int want)
{
	if (got != want)
		sim_fail(s, "%s: bootmem %d (%s), expected %d (%s)", op, got,
			 bootmem_strerror(got), want, bootmem_strerror(want));
}

/*
 * What a refused call must leave as it was: the registry, the owner
 * table and the bitmap with its summaries. (A failed search may tighten
 * the run-length bounds, which say nothing about who owns what.)
 */
static struct {
	bool enabled;
	unsigned int nr_ranges, nr_regions;
	struct bm_range range[BOOTMEM_MAX_RANGES];
	struct bm_region region[BOOTMEM_MAX_REGIONS];
	u64 words[SNAP_WORDS];
} snap;

static u64 map_words(void)
{
	return bm.enabled ? bm.map.nblocks * BM_BLOCK_WORDS +
			    2 * ((bm.map.nblocks + 63) / 64) : 0;
}

static void snap_take(struct sim *s)
{
	if (map_words() > SNAP_WORDS)
		sim_fail(s, "bitmap of %llu words, more than the snapshot holds",
			 (unsigned long long)map_words());
	snap.enabled = bm.enabled;
	snap.nr_ranges = bm.nr_ranges;
	snap.nr_regions = bm.nr_regions;
	memcpy(snap.range, bm.range, bm.nr_ranges * sizeof(*bm.range));
	memcpy(snap.region, bm.region, bm.nr_regions * sizeof(*bm.region));
	if (bm.enabled)
		memcpy(snap.words, bm.map.words, map_words() * sizeof(u64));
}

/* Whether the allocator is as snap_take() found it. */
static bool snap_same(void)
{
	return snap.enabled == bm.enabled && snap.nr_ranges == bm.nr_ranges &&
	       snap.nr_regions == bm.nr_regions &&
	       !memcmp(snap.range, bm.range, bm.nr_ranges * sizeof(*bm.range)) &&
	       !memcmp(snap.region, bm.region,
		       bm.nr_regions * sizeof(*bm.region)) &&
	       (!bm.enabled ||
		!memcmp(snap.words, bm.map.words, map_words() * sizeof(u64)));
}

/* After a call: if it was refused, nothing may have changed. */
static void expect_unchanged(struct sim *s, const char *op, int ret)
{
	if (ret && !snap_same())
		sim_fail(s, "%s refused (%d) but changed the allocator", op,
			 ret);
}

/* Big-endian number of @bytes bytes from the source. */
static u64 take(struct sim *s, int bytes)
{
	u64 v = 0;

	while (bytes--)
		v = v << 8 | s->next_byte(s);
	return v;
}

/* A number below @n, reading no more bytes than @n needs. */
static u64 pick(struct sim *s, u64 n)
{
	int bytes = n <= 0x100 ? 1 : n <= 0x10000 ? 2 : n <= 1ULL << 32 ? 4 : 8;

	return n ? take(s, bytes) % n : 0;
}

u8 sim_prng_byte(struct sim *s)
{
	u64 *x = s->ctx;

	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return (*x * 0x2545f4914f6cdd1dULL) >> 56;
}

static const char *pick_label(struct sim *s)
{
	return labels[pick(s, NR_LABELS)];
}

static bool node_has_memory(const struct sim *s, int nid)
{
	int i;

	for (i = 0; i < s->model.nr_ranges; i++)
		if (s->model.range[i].nid == nid)
			return true;
	return false;
}

static bool node_exists(const struct sim *s, int nid)
{
	return nid >= 0 && nid < MODEL_MAX_NODES &&
	       (s->nr_cpus[nid] || node_has_memory(s, nid));
}

/* A node id: mostly a real one, sometimes none, unknown or out of range. */
static int pick_nid(struct sim *s)
{
	static const int odd[] = { NUMA_NO_NODE, -7, BOOTMEM_MAX_NODES - 1,
				   BOOTMEM_MAX_NODES, 1000 };
	u8 b = take(s, 1);

	if (b < 0xe0 && s->model.nr_ranges && b & 1)
		return s->model.range[pick(s, s->model.nr_ranges)].nid;
	if (b < 0xe0)
		return pick(s, MODEL_MAX_NODES);
	return odd[b % ARRAY_SIZE(odd)];
}

/* A live owner record of the model, or NULL if there is none. */
static const struct model_owner *pick_owner(struct sim *s)
{
	int k, o;

	if (!s->model.nr_owners)
		return NULL;
	k = pick(s, s->model.nr_owners);
	for (o = 0; o < MODEL_MAX_OWNERS; o++)
		if (s->model.owner[o].live && !k--)
			return &s->model.owner[o];
	return NULL;
}

/*
 * A range inside a reservation or a labelled allocation: to nest
 * reservations, or to free part of one. False if there is none.
 */
static bool pick_in_owner(struct sim *s, phys_addr_t *addrp,
			  phys_size_t *sizep)
{
	const struct model_owner *w = pick_owner(s);
	u64 off, len;

	if (!w)
		return false;
	off = pick(s, w->pages);
	len = 1 + pick(s, w->pages - off);
	*addrp = (w->pfn + off) * PAGE;
	*sizep = len * PAGE;
	if (take(s, 1) & 1) {
		*addrp += pick(s, PAGE);
		*sizep -= pick(s, PAGE);
	}
	return true;
}

/* An address near RAM: inside a range, at its edges, or anywhere. */
static phys_addr_t pick_addr(struct sim *s)
{
	const struct model_range *r;
	u8 mode = take(s, 1);

	if (!s->model.nr_ranges || mode % 8 == 0)
		return take(s, 8);
	r = &s->model.range[pick(s, s->model.nr_ranges)];
	if (mode % 8 == 1)
		return (r->pfn + (mode & 0x80 ? r->pages : 0)) * PAGE +
		       (pick(s, 33) - 16) * PAGE;
	return (r->pfn + pick(s, r->pages)) * PAGE +
	       (mode & 0x80 ? pick(s, PAGE) : 0);
}

static phys_size_t pick_size(struct sim *s)
{
	switch (take(s, 1) % 12) {
	case 0:
		return 0;
	case 1:
		return take(s, 8);
	case 2:
		return ~(phys_size_t)0 - pick(s, 2 * PAGE);
	case 3:
		return pick(s, 64 * PAGE) + 1;
	case 4:
		return (pick(s, s->pages + 1) + 1) * PAGE;
	default:
		return (pick(s, 16) + 1) * PAGE - pick(s, 2);
	}
}

static phys_size_t pick_align(struct sim *s)
{
	switch (take(s, 1) % 8) {
	case 0:
		return 1ULL << pick(s, 64);
	case 1:
		return pick(s, 0x10000);	/* often not a power of two */
	default:
		return 1ULL << (12 + pick(s, 12));
	}
}

/* A limit: none, an address near RAM, or one just below a page's end. */
static phys_addr_t pick_limit(struct sim *s)
{
	u8 b = take(s, 1);

	if (b % 3)
		return BOOTMEM_ALLOC_ANYWHERE;
	return pick_addr(s) | (b & 0x80 ? PAGE - 1 : 0);
}

static void remember(struct sim *s, phys_addr_t addr, phys_size_t size)
{
	if (s->nr_live < SIM_MAX_LIVE)
		s->live[s->nr_live++] = (struct sim_live){ addr, size };
}

void sim_start(struct sim *s, u8 (*next_byte)(struct sim *s), void *ctx,
	       const char *name)
{
	bootmem_reset();
	memset(s, 0, sizeof(*s));
	model_init(&s->model);
	s->next_byte = next_byte;
	s->ctx = ctx;
	s->name = name;
	s->pages_every = 1;
	s->full_every = 8;
	s->cpu0_nid = NUMA_NO_NODE;
}

void sim_finish(struct sim *s)
{
	model_free_all(&s->model);
	bootmem_reset();
}

/* Whether a byte of [start, last] was registered already. */
static bool overlaps_bytes(const struct sim *s, phys_addr_t start,
			   phys_addr_t last)
{
	int i;

	for (i = 0; i < s->model.nr_ranges; i++)
		if (start <= s->bytes[i].last && s->bytes[i].start <= last)
			return true;
	return false;
}

/*
 * Register a range (skipped if the model could not follow it), expecting
 * the error bootmem_add_range() documents: the whole pages inside
 * [base, base + size), computed here in 128 bits; overlap by bytes.
 */
void sim_add_range(struct sim *s, int nid, phys_addr_t base, phys_size_t size)
{
	unsigned __int128 end = (unsigned __int128)base + size;
	u64 lo = (base >> 12) + !!(base & 0xfff);
	u64 hi = (u64)(end >> 12);
	int want, got;

	if (s->enabled)
		want = -EPERM;
	else if (nid < 0 || nid >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	else if (end > (unsigned __int128)1 << 64)
		want = -ERANGE;
	else if (lo >= hi)
		want = -EINVAL;
	else if (overlaps_bytes(s, base, base + size - 1))
		want = -EEXIST;
	else
		want = 0;
	/* Beyond what the model or the time budget holds: not asked. */
	if (!want && (s->model.nr_ranges == MODEL_MAX_RANGES ||
		      s->pages + (hi - lo) > SIM_MAX_PAGES))
		return;
	snap_take(s);
	got = bootmem_add_range(nid, base, size);
	expect(s, "add_range", got, want);
	expect_unchanged(s, "add_range", got);
	if (want)
		return;
	s->bytes[s->model.nr_ranges] = (struct sim_bytes){ base,
							   base + size - 1 };
	model_add_range(&s->model, nid, lo, hi - lo);
	s->pages += hi - lo;
}

/*
 * A registration at an edge of a range registered before, byte-exact: it
 * touches it, or overlaps it by less than a page, so that only the bytes
 * (partial pages included) tell whether it is refused.
 */
static void probe_edge(struct sim *s)
{
	const struct sim_bytes *b;
	phys_addr_t base;
	phys_size_t size = (1 + pick(s, 3)) * PAGE + pick(s, PAGE);
	u8 mode = take(s, 1);

	if (!s->model.nr_ranges)
		return;
	b = &s->bytes[pick(s, s->model.nr_ranges)];
	if (mode & 1)
		base = b->last + 1 - (mode & 2 ? pick(s, PAGE) : 0);
	else
		base = b->start - size + (mode & 2 ? pick(s, PAGE) : 0);
	sim_add_range(s, mode & 4 ? pick_nid(s) : 0, base, size);
}

void sim_add_cpu(struct sim *s, int nid, unsigned int cpu)
{
	u64 bit = cpu < 64 ? 1ULL << cpu : 0;
	int want = 0, i;

	if (s->enabled)
		want = -EPERM;
	else if (nid < 0 || nid >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	for (i = 0; !want && i < MODEL_MAX_NODES; i++)
		if (s->cpumask[i] & bit)
			want = -EEXIST;
	expect(s, "add_cpu", bootmem_add_cpu(nid, cpu), want);
	if (want)
		return;
	s->cpumask[nid] |= bit;
	s->nr_cpus[nid]++;
	if (cpu == 0)
		s->cpu0_nid = nid;
	model_add_node(&s->model, nid);
}

/* What bootmem_set_distance() must answer. */
static int distance_error(const struct sim *s, int from, int to,
			  unsigned int distance)
{
	if (s->enabled)
		return -EPERM;
	if (from < 0 || from >= BOOTMEM_MAX_NODES ||
	    to < 0 || to >= BOOTMEM_MAX_NODES)
		return -ENODEV;
	if (from == to ? distance != 10 : distance < 11 || distance > 255)
		return -EINVAL;
	return 0;
}

void sim_set_distance(struct sim *s, int from, int to, unsigned int distance)
{
	int want = distance_error(s, from, to, distance);

	expect(s, "set_distance", bootmem_set_distance(from, to, distance),
	       want);
	if (want)
		return;
	s->dist[from][to] = distance;
	model_set_distance(&s->model, from, to, distance);
}

static bool window_free(const struct model *m, u64 start, u64 pages)
{
	const struct model_range *r;
	u64 pfn, idx;

	for (pfn = start; pfn < start + pages; pfn++) {
		r = model_page(m, pfn, &idx);
		if (r->state[idx] != MODEL_FREE)
			return false;
	}
	return true;
}

/* Whether range @i ends where range @i + 1 begins, both of @nid or any. */
static bool touches(const struct model *m, int i, int nid)
{
	const struct model_range *a = &m->range[i], *b = &m->range[i + 1];

	return a->pfn + a->pages == b->pfn &&
	       (nid == NUMA_NO_NODE || (a->nid == nid && b->nid == nid));
}

/*
 * Where bootmem_enable() must put a bitmap of @pages pages: the highest
 * window ending by page @limit, clear of every reservation, inside a span
 * of RAM: ranges that touch, of @nid only (of any node for NUMA_NO_NODE).
 * BM_NOT_FOUND if there is none.
 */
static u64 bitmap_place(const struct sim *s, u64 pages, int nid, u64 limit)
{
	const struct model *m = &s->model;
	int first, last;
	u64 end;

	for (last = m->nr_ranges - 1; last >= 0; last = first - 1) {
		first = last;
		while (first > 0 && touches(m, first - 1, nid))
			first--;
		if (nid != NUMA_NO_NODE && m->range[last].nid != nid)
			continue;
		end = m->range[last].pfn + m->range[last].pages;
		for (end = end < limit ? end : limit;
		     end >= m->range[first].pfn + pages; end--)
			if (window_free(m, end - pages, pages))
				return end - pages;
	}
	return BM_NOT_FOUND;
}

void sim_enable(struct sim *s, int nid, phys_addr_t limit)
{
	u64 pages = (bm_map_bytes(s->pages) + PAGE - 1) / PAGE, pfn = 0;
	u64 end = limit == BOOTMEM_ALLOC_ANYWHERE ? BM_PFN_END : limit / PAGE;
	phys_addr_t base;
	phys_size_t size;
	int want = 0, got;

	if (s->enabled)
		want = -EALREADY;
	else if (nid != NUMA_NO_NODE && !node_has_memory(s, nid))
		want = -ENODEV;
	else if (!s->model.nr_ranges)
		want = -ENOMEM;
	else if (model_table_full(&s->model))
		want = -ENOSPC;
	else
		pfn = bitmap_place(s, pages, nid, end);
	if (!want && pfn == BM_NOT_FOUND)
		want = -ENOMEM;
	snap_take(s);
	got = bootmem_enable(nid, limit);
	expect(s, "enable", got, want);
	expect_unchanged(s, "enable", got);
	if (want)
		return;
	bootmem_map_location(&base, &size);
	if (base != pfn * PAGE || size != pages * PAGE)
		sim_fail(s, "enable: bitmap at %#llx +%#llx, expected %#llx +%#llx",
			 (unsigned long long)base, (unsigned long long)size,
			 (unsigned long long)pfn * PAGE,
			 (unsigned long long)pages * PAGE);
	expect(s, "bitmap reservation", model_enable(&s->model, base, size), 0);
	s->enabled = true;
}

/* Some of @ok, often KEEP and NOMAP from @handoff, sometimes a bad flag. */
static unsigned int pick_flags(struct sim *s, unsigned int ok,
			       unsigned int handoff)
{
	static const unsigned int bad[] = {
		BOOTMEM_EXCLUSIVE, BOOTMEM_FORCE, BOOTMEM_EXACT_NODE,
		BOOTMEM_LOW, 1U << 7, 1U << 31,
	};
	unsigned int b = take(s, 1), flags = 0, i;

	for (i = 0; i < 5; i++)
		if (b & (1U << i))
			flags |= 1U << i;
	flags &= ok;
	if (b & 0x20)
		flags |= handoff & (b & 0x40 ? BOOTMEM_NOMAP : BOOTMEM_KEEP);
	if ((b & 0x60) == 0x60)
		flags |= handoff;
	if ((b & 0x80) && !(take(s, 1) % 8))
		flags |= bad[pick(s, ARRAY_SIZE(bad))];
	return flags;
}

/* Count a call's outcome: what worked, and what a full table refused. */
static void tally(struct sim *s, enum sim_kind kind, int ret)
{
	s->ok[kind] += !ret;
	s->full += ret == -ENOSPC;
}

void sim_reserve(struct sim *s)
{
	phys_addr_t addr;
	phys_size_t size;
	unsigned int flags = pick_flags(s, BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE,
					HANDOFF);
	const char *label = pick_label(s);
	int want, got;

	if (take(s, 1) % 3 || !pick_in_owner(s, &addr, &size)) {
		addr = pick_addr(s);
		size = take(s, 1) & 3 ? pick(s, 8 * PAGE) + 1 : pick_size(s);
	}
	want = model_reserve(&s->model, addr, size, flags, label);
	snap_take(s);
	got = bootmem_reserve(addr, size, flags, label);
	expect(s, "reserve", got, want);
	expect_unchanged(s, "reserve", got);
	tally(s, SIM_RESERVE, got);
}

static void op_alloc(struct sim *s)
{
	phys_size_t size = pick_size(s), align = pick_align(s);
	phys_addr_t goal = take(s, 1) % 3 ? 0 : pick_addr(s);
	phys_addr_t limit = pick_limit(s);
	int nid = take(s, 1) % 4 ? pick_nid(s) : NUMA_NO_NODE;
	unsigned int flags = pick_flags(s, BOOTMEM_EXACT_NODE |
					BOOTMEM_BOTTOM_UP | BOOTMEM_LOW,
					HANDOFF);
	const char *label = pick_label(s);
	phys_addr_t got = 0, want = 0;
	int ret_got, ret_want;

	ret_want = s->enabled ? model_alloc(&s->model, size, align, goal, limit,
					    nid, flags, label, &want) :
		   -EAGAIN;
	snap_take(s);
	ret_got = bootmem_alloc(size, align, goal, limit, nid, flags, label,
				&got);
	if (ret_got != ret_want || (!ret_got && got != want))
		sim_fail(s, "alloc(%#llx, %#llx, %#llx, %#llx, %d, %#x): %d @%#llx, not %d @%#llx",
			 (unsigned long long)size, (unsigned long long)align,
			 (unsigned long long)goal, (unsigned long long)limit,
			 nid, flags, ret_got, (unsigned long long)got,
			 ret_want, (unsigned long long)want);
	expect_unchanged(s, "alloc", ret_got);
	tally(s, SIM_ALLOC, ret_got);
	if (!ret_got)
		remember(s, got, size);
}

static void op_alloc_at(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s);
	unsigned int flags = pick_flags(s, 0, HANDOFF);
	const char *label = pick_label(s);
	int want, got;

	if (take(s, 1) % 8)
		addr &= ~(PAGE - 1);
	want = s->enabled ? model_alloc_at(&s->model, addr, size, flags, label) :
	       -EAGAIN;
	snap_take(s);
	got = bootmem_alloc_at(addr, size, flags, label);
	expect(s, "alloc_at", got, want);
	expect_unchanged(s, "alloc_at", got);
	tally(s, SIM_ALLOC_AT, got);
	if (!got)
		remember(s, addr, size);
}

/* All or part of a live allocation, or any range at all. */
static void pick_to_free(struct sim *s, phys_addr_t *addrp,
			 phys_size_t *sizep)
{
	if (s->nr_live && take(s, 1) % 4) {
		int i = pick(s, s->nr_live);
		struct sim_live l = s->live[i];
		u64 pages = (l.size + PAGE - 1) / PAGE;
		u64 first = take(s, 1) % 3 ? 0 : pick(s, pages);
		u64 n = take(s, 1) % 3 ? pages - first : pick(s, pages - first) + 1;

		*addrp = l.addr + first * PAGE;
		*sizep = n * PAGE;
		s->live[i] = s->live[--s->nr_live];
		if (first)
			remember(s, l.addr, first * PAGE);
		if (first + n < pages)
			remember(s, *addrp + *sizep, (pages - first - n) * PAGE);
	} else {
		*addrp = pick_addr(s);
		*sizep = pick_size(s);
		if (take(s, 1) % 8)
			*addrp &= ~(PAGE - 1);
	}
}

/*
 * bootmem_free(), or with @release bootmem_release(), which frees
 * reservations too and so aims at them as well.
 */
static void op_free(struct sim *s, bool release)
{
	const char *op = release ? "release" : "free";
	phys_addr_t addr;
	phys_size_t size;
	int want, got;

	if (!release || take(s, 1) % 2 || !pick_in_owner(s, &addr, &size))
		pick_to_free(s, &addr, &size);
	if (!s->enabled)
		want = -EAGAIN;
	else if (release)
		want = model_release(&s->model, addr, size);
	else
		want = model_free(&s->model, addr, size);
	snap_take(s);
	got = release ? bootmem_release(addr, size) : bootmem_free(addr, size);
	expect(s, op, got, want);
	expect_unchanged(s, op, got);
	tally(s, release ? SIM_RELEASE : SIM_FREE, got);
}

static void op_is_free(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s) % (s->pages * PAGE + 2 * PAGE);
	bool want = s->enabled && size && addr + size - 1 >= addr;
	const struct model_range *r;
	u64 pfn, idx;

	for (pfn = addr / PAGE; want && pfn <= (addr + size - 1) / PAGE; pfn++) {
		r = model_page(&s->model, pfn, &idx);
		want = r && r->state[idx] == MODEL_FREE;
	}
	if (bootmem_is_free(addr, size) != want)
		sim_fail(s, "is_free(%#llx, %#llx): bootmem %d, expected %d",
			 (unsigned long long)addr, (unsigned long long)size,
			 !want, want);
}

static void op_addr_to_nid(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	const struct model_range *r;
	u64 idx;

	r = model_page(&s->model, addr / PAGE, &idx);
	expect(s, "addr_to_nid", bootmem_addr_to_nid(addr),
	       r ? r->nid : NUMA_NO_NODE);
}

/* bootmem_range_nid(): every page touched on one node, else none. */
static void op_range_nid(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s) % (s->pages * PAGE + 2 * PAGE);
	int want = NUMA_NO_NODE;
	const struct model_range *r;
	u64 pfn, idx;

	if (size && addr + size - 1 >= addr) {
		r = model_page(&s->model, addr / PAGE, &idx);
		want = r ? r->nid : NUMA_NO_NODE;
	}
	for (pfn = addr / PAGE; want != NUMA_NO_NODE &&
	     pfn <= (addr + size - 1) / PAGE; pfn++) {
		r = model_page(&s->model, pfn, &idx);
		if (!r || r->nid != want)
			want = NUMA_NO_NODE;
	}
	expect(s, "range_nid", bootmem_range_nid(addr, size), want);
}

static void print_info(const char *who, const struct bootmem_node_info *i)
{
	fprintf(stderr, "%s: present %#llx free %#llx reserved %#llx allocated %#llx\n",
		who, (unsigned long long)i->present,
		(unsigned long long)i->free, (unsigned long long)i->reserved,
		(unsigned long long)i->allocated);
	fprintf(stderr, "%s: ranges %u cpus %u cpumask %#llx\n", who,
		i->nr_ranges, i->nr_cpus, (unsigned long long)i->cpumask);
}

static void check_node_info(struct sim *s, int nid)
{
	struct bootmem_node_info got, want = { 0 };
	phys_size_t *count[] = { &want.free, &want.reserved, &want.allocated };
	int i, ret;
	u64 p;

	ret = bootmem_node_info(nid, &got);
	expect(s, "node_info", ret, node_exists(s, nid) ? 0 : -ENODEV);
	if (ret)
		return;
	want.nr_cpus = s->nr_cpus[nid];
	want.cpumask = s->cpumask[nid];
	for (i = 0; i < s->model.nr_ranges; i++) {
		const struct model_range *r = &s->model.range[i];

		if (r->nid != nid)
			continue;
		want.nr_ranges++;
		want.present += r->pages * PAGE;
		for (p = 0; p < r->pages; p++)
			*count[s->enabled ? r->state[p] : MODEL_FREE] += PAGE;
	}
	if (memcmp(&got, &want, sizeof(got)) != 0) {
		print_info("bootmem", &got);
		print_info("model", &want);
		sim_fail(s, "node_info(%d) differs", nid);
	}
}

/* bootmem_node_bounds(): first byte of the lowest range, last of the highest. */
static void check_node_bounds(struct sim *s, int nid)
{
	phys_addr_t first = 0, last = 0, want_first = 0, want_last = 0;
	int i, want = -ENODEV, got;

	for (i = 0; i < s->model.nr_ranges; i++) {
		const struct model_range *r = &s->model.range[i];

		if (r->nid != nid)
			continue;
		if (want)
			want_first = r->pfn * PAGE;
		want_last = (r->pfn + r->pages) * PAGE - 1;
		want = 0;
	}
	got = bootmem_node_bounds(nid, &first, &last);
	expect(s, "node_bounds", got, want);
	if (!got && (first != want_first || last != want_last))
		sim_fail(s, "node_bounds(%d): %#llx..%#llx, expected %#llx..%#llx",
			 nid, (unsigned long long)first,
			 (unsigned long long)last,
			 (unsigned long long)want_first,
			 (unsigned long long)want_last);
}

/* Without CPU 0, the lowest node id with memory. */
static int boot_node(const struct sim *s)
{
	int nid = NUMA_NO_NODE, i;

	if (s->cpu0_nid != NUMA_NO_NODE)
		return s->cpu0_nid;
	for (i = 0; i < s->model.nr_ranges; i++)
		if (nid == NUMA_NO_NODE || s->model.range[i].nid < nid)
			nid = s->model.range[i].nid;
	return nid;
}

static void op_node_queries(struct sim *s)
{
	int nid = pick_nid(s), to = pick_nid(s), want, i;
	unsigned int idx = pick(s, 4), n = 0;
	phys_addr_t base = 0;
	phys_size_t size = 0;

	check_node_info(s, nid);
	check_node_bounds(s, nid);

	if (nid < 0 || nid >= BOOTMEM_MAX_NODES || to < 0 ||
	    to >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	else if (s->dist[nid][to])
		want = s->dist[nid][to];
	else
		want = nid == to ? 10 : 20;
	expect(s, "distance", bootmem_distance(nid, to), want);

	want = nid < 0 || nid >= BOOTMEM_MAX_NODES ? -ENODEV : -ENOENT;
	for (i = 0; want == -ENOENT && i < s->model.nr_ranges; i++)
		if (s->model.range[i].nid == nid && n++ == idx)
			want = i;
	if (want >= 0) {
		expect(s, "node_range", bootmem_node_range(nid, idx, &base,
							   &size), 0);
		if (base != s->model.range[want].pfn * PAGE ||
		    size != s->model.range[want].pages * PAGE)
			sim_fail(s, "node_range(%d, %u): %#llx +%#llx", nid,
				 idx, (unsigned long long)base,
				 (unsigned long long)size);
	} else {
		expect(s, "node_range", bootmem_node_range(nid, idx, &base,
							   &size), want);
	}

	expect(s, "boot_node", bootmem_boot_node(), boot_node(s));
	expect(s, "enabled", bootmem_enabled(), s->enabled);
}

/* Registry calls and enable at any time: closed once enabled. */
static void op_registry(struct sim *s)
{
	switch (take(s, 1) % 4) {
	case 0:
		sim_add_range(s, pick_nid(s), pick_addr(s), pick_size(s));
		break;
	case 1:
		sim_add_cpu(s, pick_nid(s), take(s, 1) % 72);
		break;
	case 2:
		sim_set_distance(s, pick_nid(s), pick_nid(s), take(s, 1));
		break;
	default:
		sim_enable(s, take(s, 1) % 4 ? NUMA_NO_NODE : pick_nid(s),
			   pick_limit(s));
	}
}

/*
 * Ranges from where RAM starts on real machines, from address 0, from
 * just below 4 GiB (across it) or near the top of the address space, or
 * ending exactly there. Each range follows the one before, touching it
 * (two banks of one node, or interleaved nodes) or after a small hole; a
 * range may be a single page or have partial pages at its ends.
 */
void sim_decode_registry(struct sim *s)
{
	static const u64 bases[] = {
		0x40000, 0, 0x100000 - 256, BM_PFN_END - SIM_MAX_PAGES,
	};
	u8 shape = take(s, 1);
	int n = 1 + take(s, 1) % 24, ways = 2 + shape % 4, nid = 0, i;
	u64 pfn = bases[(shape >> 2) % ARRAY_SIZE(bases)];

	for (i = 0; i < n; i++) {
		u8 b = take(s, 1);
		u64 pages = b % 4 ? 1 + pick(s, b & 4 ? 64 : 1024) : 1;
		phys_addr_t base = pfn * PAGE;
		phys_size_t size;

		switch ((b >> 4) % 4) {
		case 0:
			break;			/* the same node again */
		case 1:
			nid = i % ways;		/* interleaved */
			break;
		default:
			nid = pick_nid(s);
		}
		if ((b & 0x48) == 0x48)
			base = (BM_PFN_END - pages) * PAGE;
		else if (b & 0x40)
			base = (bases[b % ARRAY_SIZE(bases)] +
				pick(s, SIM_MAX_PAGES)) * PAGE;
		size = pages * PAGE;
		if (b & 0x80) {
			base += pick(s, PAGE);
			size -= pick(s, PAGE);
		}
		sim_add_range(s, nid, base, size);
		pfn = base / PAGE + pages + ((b & 0x48) == 0x08 ? pick(s, 64) : 0);
		if (!(b & 0x0f))
			probe_edge(s);
	}
	for (n = take(s, 1) % 9, i = 0; i < n; i++)
		sim_add_cpu(s, pick_nid(s), take(s, 1) % 72);
	/* One way only, so most pairs end up asymmetric. */
	for (n = take(s, 1) % 24, i = 0; i < n; i++)
		sim_set_distance(s, pick_nid(s), pick_nid(s),
				 take(s, 1) + (take(s, 1) & 1) * 256);
}

/* Firmware reservations, then bootmem_enable(), decoded from the source. */
void sim_decode_enable(struct sim *s)
{
	int n = take(s, 1) % 6, i;

	for (i = 0; i < n; i++)
		sim_reserve(s);
	sim_enable(s, take(s, 1) % 4 ? NUMA_NO_NODE : pick_nid(s),
		   pick_limit(s));
}

bool sim_setup(struct sim *s, const struct sim_topology *t)
{
	int i, j;

	for (i = 0; i < t->nr_ranges; i++)
		sim_add_range(s, t->ranges[i].nid, t->ranges[i].base,
			      t->ranges[i].size);
	for (i = 0; i < 8; i++)
		probe_edge(s);
	for (i = 0; i < t->nr_nodes; i++)
		sim_add_cpu(s, i, t->nr_nodes - i - !t->no_cpu0);
	for (i = 0; i < t->nr_nodes; i++)
		for (j = 0; j < t->nr_nodes; j++)
			if (i != j && (t->asymmetric || !i))
				sim_set_distance(s, i, j, t->asymmetric ?
						 11 + (i * 7 + j * 13) % 60 :
						 10 + 5 * j);
	sim_reserve(s);
	sim_reserve(s);
	sim_enable(s, NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);

	return s->enabled;
}

static void check_map(struct sim *s);

void sim_step(struct sim *s)
{
	u8 op = take(s, 1);
	char why[256];

	s->step++;
	switch (op % 20) {
	case 0:
	case 1:
		sim_reserve(s);
		break;
	case 2:
	case 3:
		op_alloc_at(s);
		break;
	case 4:
	case 5:
	case 6:
	case 7:
		op_free(s, false);
		break;
	case 8:
		op_is_free(s);
		break;
	case 9:
		op_addr_to_nid(s);
		break;
	case 10:
		op_node_queries(s);
		break;
	case 11:
		op_registry(s);
		break;
	case 12:
	case 13:
		op_free(s, true);
		break;
	case 14:
		op_range_nid(s);
		break;
	default:
		op_alloc(s);
	}
	if (!s->enabled)
		return;
	if (s->step % (HANDOFF_EVERY * s->full_every) == 0)
		sim_check(s);
	else if (s->step % s->full_every == 0)
		check_map(s);
	else if (s->step % s->pages_every == 0 &&
		 !model_matches_pages(&s->model, why, sizeof(why)))
		sim_fail(s, "pages differ: %s", why);
}

/* Index of page @pfn among all pages of RAM, lowest first; -1 in a hole. */
static long page_index(const struct sim *s, u64 pfn)
{
	long base = 0;
	int i;

	for (i = 0; i < s->model.nr_ranges; i++) {
		const struct model_range *r = &s->model.range[i];

		if (pfn >= r->pfn && pfn - r->pfn < r->pages)
			return base + (long)(pfn - r->pfn);
		base += r->pages;
	}
	return -1;
}

/* A /reserved-memory child's reg: two cells of address, two of size. */
static bool reg_of(const void *fdt, int node, u64 *basep, u64 *sizep)
{
	int len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || len != 4 * sizeof(*reg))
		return false;
	*basep = (u64)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]);
	*sizep = (u64)fdt32_to_cpu(reg[2]) << 32 | fdt32_to_cpu(reg[3]);
	return true;
}

/* The hand-off marks each page: 1 in /reserved-memory, 2 with no-map. */
static void mark_handoff(struct sim *s, const void *fdt, u8 *mark)
{
	int rm = fdt_path_offset(fdt, "/reserved-memory"), node;
	u64 base = 0, size = 0, pfn;
	long i;

	if (rm < 0)
		return;
	fdt_for_each_subnode(node, fdt, rm) {
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL);

		if (!reg_of(fdt, node, &base, &size))
			sim_fail(s, "hand-off: a node without a 2+2 cell reg");
		for (pfn = base / PAGE; pfn < base / PAGE + size / PAGE; pfn++) {
			i = page_index(s, pfn);
			if (i < 0 || mark[i])
				sim_fail(s, "hand-off: page %#llx %s",
					 (unsigned long long)pfn * PAGE,
					 i < 0 ? "is no RAM" : "in two nodes");
			mark[i] = 1 | nomap << 1;
		}
	}
}

/*
 * Every kept page is in /reserved-memory, with no-map where any of its
 * owners asked for it, and nothing else is.
 */
static void check_handoff(struct sim *s)
{
	static char fdt[1 << 20];
	const struct model_range *r;
	u8 *mark = calloc(s->pages + 1, 1);
	long i = 0;
	u64 idx;
	int ret;

	if (fdt_create_empty_tree(fdt, sizeof(fdt)))
		sim_fail(s, "hand-off: no empty tree");
	ret = bootmem_fdt_add_reserved(fdt);
	if (ret < 0)
		sim_fail(s, "hand-off: %d (%s)", ret, bootmem_strerror(ret));
	mark_handoff(s, fdt, mark);
	for (r = s->model.range; r < s->model.range + s->model.nr_ranges; r++) {
		for (idx = 0; idx < r->pages; idx++, i++) {
			unsigned int want = model_handoff_flags(r, idx);
			u8 got = mark[i];

			if (!(want & BOOTMEM_KEEP) == !got &&
			    !(want & BOOTMEM_NOMAP) == !(got & 2))
				continue;
			sim_fail(s, "hand-off: page %#llx %s, expected flags %#x",
				 (unsigned long long)(r->pfn + idx) * PAGE,
				 !got ? "not handed over" :
				 got & 2 ? "handed over no-map" :
				 "handed over", want);
		}
	}
	free(mark);
}

/* Every page, run, owner, flag and node against the model. */
static void check_map(struct sim *s)
{
	char why[256];
	int nid;

	if (!model_matches_pages(&s->model, why, sizeof(why)) ||
	    !model_matches(&s->model, why, sizeof(why)))
		sim_fail(s, "maps differ: %s", why);
	for (nid = 0; nid < MODEL_MAX_NODES; nid++) {
		if (!node_exists(s, nid))
			continue;
		check_node_info(s, nid);
		check_node_bounds(s, nid);
	}
}

void sim_check(struct sim *s)
{
	struct bootmem_run run;

	if (!s->enabled) {
		run.size = 0;
		if (bootmem_next_run(&run))
			sim_fail(s, "a run before enable");
		return;
	}
	check_map(s);
	check_handoff(s);
}
