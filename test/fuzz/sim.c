// SPDX-License-Identifier: GPL-2.0+
/*
 * The operation engine behind fuzz_alloc and the soak test. Every call goes
 * to bootmem and to the reference model; results, addresses and (every
 * full_every steps) every page, run and label must agree. Where the model
 * has nothing to say (the registry, enabling, queries) the expected answer
 * is worked out here, by brute force, from the documented API.
 *
 * Two limits keep the comparison exact: node ids stay below the model's
 * MODEL_MAX_NODES, and the owner table never fills (labels are best-effort
 * then, which the model does not imitate).
 */

#include <stdarg.h>
#include <stdlib.h>
#include "sim.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define NR_LABELS	ARRAY_SIZE(labels)

static const char *const labels[] = {
	NULL, "", "kernel", "initrd", "fdt", "board: node1 scratch",
};

void sim_fail(struct sim *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "sim: %s, step %lu: %s\n", s->name, s->step, msg);
	abort();
}

static void expect(struct sim *s, const char *op, int got, int want)
{
	if (got != want)
		sim_fail(s, "%s: bootmem %d (%s), expected %d (%s)", op, got,
			 bootmem_strerror(got), want, bootmem_strerror(want));
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

/* Keep the owner table from filling: see the file comment. */
static bool table_has_room(void)
{
	return bm.nr_regions + 2 < BOOTMEM_MAX_REGIONS;
}

static const char *pick_label(struct sim *s)
{
	return table_has_room() ? labels[pick(s, NR_LABELS)] : NULL;
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
				   BOOTMEM_MAX_NODES, MODEL_MAX_NODES };
	u8 b = take(s, 1);

	if (b < 0xe0)
		return b % MODEL_MAX_NODES;
	return odd[b % ARRAY_SIZE(odd)];
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

static bool overlaps_model(const struct sim *s, u64 lo, u64 hi)
{
	int i;

	for (i = 0; i < s->model.nr_ranges; i++) {
		const struct model_range *r = &s->model.range[i];

		if (lo < r->pfn + r->pages && r->pfn < hi)
			return true;
	}
	return false;
}

/*
 * Register a range (skipped if the model could not follow it), expecting
 * the error bootmem_add_range() documents: the whole pages inside
 * [base, base + size), computed here in 128 bits.
 */
void sim_add_range(struct sim *s, int nid, phys_addr_t base, phys_size_t size)
{
	unsigned __int128 end = (unsigned __int128)base + size;
	u64 lo = (base >> 12) + !!(base & 0xfff);
	u64 hi = (u64)(end >> 12);
	int want;

	if (s->enabled)
		want = -EPERM;
	else if (nid < 0 || nid >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	else if (end > (unsigned __int128)1 << 64)
		want = -ERANGE;
	else if (lo >= hi)
		want = -EINVAL;
	else if (overlaps_model(s, lo, hi))
		want = -EEXIST;
	else
		want = 0;
	/* Beyond what the model or the time budget holds: not asked. */
	if (!want && (nid >= MODEL_MAX_NODES ||
		      s->model.nr_ranges == MODEL_MAX_RANGES ||
		      s->pages + (hi - lo) > SIM_MAX_PAGES || s->model.nr_res))
		return;
	expect(s, "add_range", bootmem_add_range(nid, base, size), want);
	if (want)
		return;
	model_add_range(&s->model, nid, lo, hi - lo);
	s->pages += hi - lo;
}

void sim_add_cpu(struct sim *s, int nid, unsigned int cpu)
{
	u64 bit = cpu < 64 ? 1ULL << cpu : 0;
	int want = 0, i;

	if (s->enabled)
		want = -EPERM;
	else if (nid < 0 || nid >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	else if (nid >= MODEL_MAX_NODES)
		return;
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

	if (!want && (from >= MODEL_MAX_NODES || to >= MODEL_MAX_NODES))
		return;
	expect(s, "set_distance", bootmem_set_distance(from, to, distance),
	       want);
	if (want)
		return;
	s->dist[from][to] = distance;
	model_set_distance(&s->model, from, to, distance);
}

static bool window_free(const struct model_range *r, u64 start, u64 pages)
{
	u64 i;

	for (i = 0; i < pages; i++)
		if (r->state[start - r->pfn + i] != MODEL_FREE)
			return false;
	return true;
}

/*
 * Where bootmem_enable() must put a bitmap of @pages pages: the highest
 * window inside one range (of @nid, if given), ending at or below @limit,
 * clear of every reservation. NOT_FOUND if there is none.
 */
static u64 bitmap_place(const struct sim *s, u64 pages, int nid, u64 limit)
{
	int i;

	for (i = s->model.nr_ranges - 1; i >= 0; i--) {
		const struct model_range *r = &s->model.range[i];
		u64 end = r->pfn + r->pages < limit ? r->pfn + r->pages : limit;

		if (nid != NUMA_NO_NODE && r->nid != nid)
			continue;
		for (; end >= r->pfn + pages; end--)
			if (window_free(r, end - pages, pages))
				return end - pages;
	}
	return BM_NOT_FOUND;
}

void sim_enable(struct sim *s, int nid, phys_addr_t limit)
{
	u64 pages = (bm_map_bytes(s->pages) + PAGE - 1) / PAGE, pfn = 0;
	phys_addr_t base;
	phys_size_t size;
	int want = 0;

	if (s->enabled)
		want = -EALREADY;
	else if (nid != NUMA_NO_NODE && !node_has_memory(s, nid))
		want = -ENODEV;
	else if (s->model.nr_ranges)
		pfn = bitmap_place(s, pages, nid, limit >> 12);
	if (!want && (!s->model.nr_ranges || pfn == BM_NOT_FOUND))
		want = -ENOMEM;
	expect(s, "enable", bootmem_enable(nid, limit), want);
	if (want)
		return;
	bootmem_map_location(&base, &size);
	if (base != pfn * PAGE || size != pages * PAGE)
		sim_fail(s, "enable: bitmap at %#llx +%#llx, expected %#llx +%#llx",
			 (unsigned long long)base, (unsigned long long)size,
			 (unsigned long long)pfn * PAGE,
			 (unsigned long long)pages * PAGE);
	expect(s, "bitmap reservation",
	       model_reserve(&s->model, base, size, 0, "bootmem bitmap"), 0);
	s->enabled = true;
}

static unsigned int pick_flags(struct sim *s, unsigned int ok,
			       unsigned int keep)
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
	if (table_has_room() && (b & 0x20))
		flags |= keep;
	if ((b & 0xc0) == 0xc0)
		flags |= bad[pick(s, ARRAY_SIZE(bad))];
	return flags;
}

/*
 * Pages [addr, addr + size) spans, or 0 if it wraps. The model walks a
 * span page by page, so spans far larger than the RAM are settled here.
 */
static u64 span_pages(phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi;

	return bm_span_pfns(addr, size, &lo, &hi) ? hi - lo : 0;
}

/* Expected result of alloc_at or free of a span larger than all RAM. */
static bool huge_span(const struct sim *s, phys_addr_t addr,
		      phys_size_t size, int *want)
{
	if (span_pages(addr, size) <= s->pages)
		return false;
	*want = !size || (addr & (PAGE - 1)) ? -EINVAL : -ERANGE;
	return true;
}

void sim_reserve(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = take(s, 1) & 3 ? pick(s, 8 * PAGE) + 1 :
			   pick_size(s);
	unsigned int flags = pick_flags(s, BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE,
					BOOTMEM_KEEP | BOOTMEM_NOMAP);
	const char *label = labels[pick(s, NR_LABELS)];
	int want;

	/* The model could not walk it: a reservation over a vast hole. */
	if (!table_has_room() || span_pages(addr, size) > 16 * SIM_MAX_PAGES)
		return;
	want = model_reserve(&s->model, addr, size, flags, label);
	expect(s, "reserve", bootmem_reserve(addr, size, flags, label), want);
	s->ok[SIM_RESERVE] += !want;
}

static void op_alloc(struct sim *s)
{
	phys_size_t size = pick_size(s), align = pick_align(s);
	phys_addr_t goal = take(s, 1) % 3 ? 0 : pick_addr(s);
	phys_addr_t limit = take(s, 1) % 3 ? BOOTMEM_ALLOC_ANYWHERE :
			    pick_addr(s);
	int nid = take(s, 1) % 4 ? pick_nid(s) : NUMA_NO_NODE;
	unsigned int flags = pick_flags(s, BOOTMEM_EXACT_NODE |
					BOOTMEM_BOTTOM_UP | BOOTMEM_LOW,
					BOOTMEM_KEEP | BOOTMEM_NOMAP);
	const char *label = pick_label(s);
	phys_addr_t got = 0, want = 0;
	int ret_got, ret_want;

	ret_got = bootmem_alloc(size, align, goal, limit, nid, flags, label,
				&got);
	ret_want = s->enabled ? model_alloc(&s->model, size, align, goal, limit,
					    nid, flags, label, &want) :
		   -EAGAIN;
	if (ret_got != ret_want || (!ret_got && got != want))
		sim_fail(s, "alloc(%#llx, %#llx, %#llx, %#llx, %d, %#x): %d @%#llx, not %d @%#llx",
			 (unsigned long long)size, (unsigned long long)align,
			 (unsigned long long)goal, (unsigned long long)limit,
			 nid, flags, ret_got, (unsigned long long)got,
			 ret_want, (unsigned long long)want);
	if (!ret_got) {
		remember(s, got, size);
		s->ok[SIM_ALLOC]++;
	}
}

static void op_alloc_at(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s);
	unsigned int flags = pick_flags(s, 0, BOOTMEM_KEEP | BOOTMEM_NOMAP);
	const char *label = pick_label(s);
	int want;

	if (take(s, 1) % 8)
		addr &= ~(PAGE - 1);
	if (!s->enabled)
		want = -EAGAIN;
	else if (flags & ~(BOOTMEM_KEEP | BOOTMEM_NOMAP))
		want = -EINVAL;
	else if (!huge_span(s, addr, size, &want))
		want = model_alloc_at(&s->model, addr, size, label);
	expect(s, "alloc_at", bootmem_alloc_at(addr, size, flags, label), want);
	if (!want) {
		remember(s, addr, size);
		s->ok[SIM_ALLOC_AT]++;
	}
}

/* Would freeing [addr, addr + size) cut an owner record in two? */
static bool free_splits(phys_addr_t addr, phys_size_t size)
{
	u64 lo, hi;
	unsigned int i;

	if (!bm_span_pfns(addr, size, &lo, &hi))
		return false;
	for (i = 0; i < bm.nr_regions; i++)
		if (bm.region[i].kind == BOOTMEM_ALLOCATED &&
		    bm.region[i].pfn < lo &&
		    bm.region[i].pfn + bm.region[i].pages > hi)
			return true;
	return false;
}

/* Free all or part of a live allocation, or any range at all. */
static void op_free(struct sim *s)
{
	phys_addr_t addr;
	phys_size_t size;
	int want;

	if (s->nr_live && take(s, 1) % 4) {
		int i = pick(s, s->nr_live);
		struct sim_live l = s->live[i];
		u64 pages = (l.size + PAGE - 1) / PAGE;
		u64 first = take(s, 1) % 3 ? 0 : pick(s, pages);
		u64 n = take(s, 1) % 3 ? pages - first : pick(s, pages - first) + 1;

		addr = l.addr + first * PAGE;
		size = n * PAGE;
		if (!table_has_room() && free_splits(addr, size))
			return;
		s->live[i] = s->live[--s->nr_live];
		if (first)
			remember(s, l.addr, first * PAGE);
		if (first + n < pages)
			remember(s, addr + size, (pages - first - n) * PAGE);
	} else {
		addr = pick_addr(s);
		size = pick_size(s);
		if (take(s, 1) % 8)
			addr &= ~(PAGE - 1);
		if (!table_has_room() && free_splits(addr, size))
			return;
	}
	if (!s->enabled)
		want = -EAGAIN;
	else if (!huge_span(s, addr, size, &want))
		want = model_free(&s->model, addr, size);
	expect(s, "free", bootmem_free(addr, size), want);
	s->ok[SIM_FREE] += !want;
}

/* The model's page @pfn, or NULL in a hole. */
static const u8 *model_page(const struct sim *s, u64 pfn, int *nidp)
{
	int i;

	for (i = 0; i < s->model.nr_ranges; i++) {
		const struct model_range *r = &s->model.range[i];

		if (pfn >= r->pfn && pfn - r->pfn < r->pages) {
			if (nidp)
				*nidp = r->nid;
			return &r->state[pfn - r->pfn];
		}
	}
	return NULL;
}

static void op_is_free(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s) % (s->pages * PAGE + 2 * PAGE);
	bool want = s->enabled && size && addr + size - 1 >= addr;
	u64 pfn;

	for (pfn = addr / PAGE; want && pfn <= (addr + size - 1) / PAGE; pfn++) {
		const u8 *state = model_page(s, pfn, NULL);

		want = state && *state == MODEL_FREE;
	}
	if (bootmem_is_free(addr, size) != want)
		sim_fail(s, "is_free(%#llx, %#llx): bootmem %d, expected %d",
			 (unsigned long long)addr, (unsigned long long)size,
			 !want, want);
}

static void op_addr_to_nid(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	int want = NUMA_NO_NODE;

	model_page(s, addr / PAGE, &want);
	expect(s, "addr_to_nid", bootmem_addr_to_nid(addr), want);
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

static void op_node_queries(struct sim *s)
{
	int nid = pick_nid(s), to = pick_nid(s), want, i;
	unsigned int idx = pick(s, 4), n = 0;
	phys_addr_t base = 0;
	phys_size_t size = 0;

	check_node_info(s, nid);

	if (nid < 0 || nid >= BOOTMEM_MAX_NODES || to < 0 ||
	    to >= BOOTMEM_MAX_NODES)
		want = -ENODEV;
	else if (nid < MODEL_MAX_NODES && to < MODEL_MAX_NODES &&
		 s->dist[nid][to])
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

	want = s->cpu0_nid != NUMA_NO_NODE ? s->cpu0_nid :
	       s->model.nr_ranges ? s->model.range[0].nid : NUMA_NO_NODE;
	expect(s, "boot_node", bootmem_boot_node(), want);
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
			   take(s, 1) % 4 ? BOOTMEM_ALLOC_ANYWHERE :
			   pick_addr(s));
	}
}

void sim_decode_registry(struct sim *s)
{
	static const u64 bases[] = {
		0, 0x40000, 0x8000000, (1ULL << 52) - SIM_MAX_PAGES,
	};
	int n = 1 + take(s, 1) % 6, i;
	u64 pfn = bases[take(s, 1) % ARRAY_SIZE(bases)];

	/* Ranges mostly follow each other, contiguous or with small holes. */
	for (i = 0; i < n; i++) {
		u64 pages = 1 + pick(s, 4096);
		u8 b = take(s, 1);
		phys_addr_t base = pfn * PAGE + (b & 0x80 ? pick(s, PAGE) : 0);

		if (b & 0x40)
			base = bases[b % ARRAY_SIZE(bases)] * PAGE +
			       pick(s, SIM_MAX_PAGES) * PAGE;
		sim_add_range(s, b & 0x20 ? pick_nid(s) : (int)(b % 4), base,
			      pages * PAGE - (b & 0x10 ? pick(s, PAGE) : 0));
		pfn += pages + (b & 8 ? pick(s, 64) : 0);
	}
	for (n = take(s, 1) % 5, i = 0; i < n; i++)
		sim_add_cpu(s, pick_nid(s), take(s, 1) % 72);
	for (n = take(s, 1) % 4, i = 0; i < n; i++)
		sim_set_distance(s, pick_nid(s), pick_nid(s),
				 take(s, 1) + (take(s, 1) & 1) * 256);
}

/* Firmware reservations, then bootmem_enable(), decoded from the source. */
void sim_decode_enable(struct sim *s)
{
	int n = take(s, 1) % 4, i;

	for (i = 0; i < n; i++)
		sim_reserve(s);
	sim_enable(s, take(s, 1) % 4 ? NUMA_NO_NODE : pick_nid(s),
		   take(s, 1) % 4 ? BOOTMEM_ALLOC_ANYWHERE : pick_addr(s));
}

void sim_step(struct sim *s)
{
	u8 op = take(s, 1);
	char why[256];

	s->step++;
	switch (op % 16) {
	case 0:
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
		op_free(s);
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
	default:
		op_alloc(s);
	}
	if (!s->enabled)
		return;
	if (s->step % s->full_every == 0)
		sim_check(s);
	else if (s->step % s->pages_every == 0 &&
		 !model_matches_pages(&s->model, why, sizeof(why)))
		sim_fail(s, "pages differ: %s", why);
}

void sim_check(struct sim *s)
{
	struct bootmem_run run;
	char why[256];
	int nid;

	if (!s->enabled) {
		run.size = 0;
		if (bootmem_next_run(&run))
			sim_fail(s, "a run before enable");
		return;
	}
	if (!model_matches_pages(&s->model, why, sizeof(why)) ||
	    !model_matches(&s->model, why, sizeof(why)))
		sim_fail(s, "maps differ: %s", why);
	for (nid = 0; nid < MODEL_MAX_NODES; nid++)
		check_node_info(s, nid);
}
