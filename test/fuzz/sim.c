// SPDX-License-Identifier: GPL-2.0+
/*
 * The operation engine behind fuzz_alloc, the soak and the host
 * differential test. Every call goes to bootmem and to the reference
 * model; results and addresses must agree at once, the owner records
 * every pages_every steps, and every run, flag, node, query and the
 * /reserved-memory hand-off every full_every steps. A refused call must
 * leave the records, the map and the registry exactly as they were.
 *
 * Calls are page-granular and byte-exact (BOOTMEM_BYTES), replaceable
 * claims land on earlier ones and inside load buffers, labels are many
 * enough that records pile up and the owner table grows several times,
 * and a fill op exhausts RAM so that a growth fails. A push op runs a
 * whole nested engine inside bootmem_push() and checks that
 * bootmem_pop() brings the state back byte for byte.
 *
 * Where the model has nothing to say (the registry, enabling, queries) the
 * expected answer is worked out here, by brute force, from the documented
 * API. Only the public API is used.
 */

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <bootmem_fdt.h>
#include "host_port.h"
#include "sim.h"

#define PAGE		BOOTMEM_PAGE_SIZE
#define PFN_END		(~0ULL / PAGE + 1)
#define NR_LABELS	ARRAY_SIZE(labels)
#define HANDOFF		(BOOTMEM_KEEP | BOOTMEM_NOMAP)
#define CLAIMS		(BOOTMEM_REPLACEABLE | BOOTMEM_LOAD_BUFFER)
/* The hand-off is checked every this many map checks (and by sim_check()). */
#define HANDOFF_EVERY	8
/* Allocations a fill op makes at most. */
#define FILL_MAX	64

static const char *const labels[] = {
	NULL, "", "kernel", "initrd", "fdt", "board: node1 scratch",
	"load: Image", "load: initrd", "efi", "lmb",
	"board: node0 scratch buffer for DMA",
};

void (*sim_fail_hook)(const char *msg);

void sim_fail(struct sim *s, const char *fmt, ...)
{
	char msg[512], all[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(all, sizeof(all), "sim: %s%s, step %lu: %s",
		 s->nested ? "nested in " : "", s->name, s->step, msg);
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

/* expect() for a call on a range: the call is named in full. */
static void expect_on(struct sim *s, const char *op, phys_addr_t addr,
		      phys_size_t size, unsigned int flags, const char *label,
		      int got, int want)
{
	char call[160];

	snprintf(call, sizeof(call), "%s(%#llx, %#llx, %#x, '%s')", op,
		 (unsigned long long)addr, (unsigned long long)size, flags,
		 label ? label : "(null)");
	expect(s, call, got, want);
}

/**
 * struct snap - what the public API shows of the whole state
 * @enabled:	bootmem_enabled()
 * @info:	bootmem_node_info() of every node id before bootmem_enable()
 *		(then the runs say it all), -ENODEV or 0 in @ret
 * @ret:	see @info
 * @table:	bootmem_owner_table()
 * @map_base:	bootmem_map_location()
 * @map_size:	see @map_base
 * @nr_owners:	records
 * @owner:	every record, its label copied into @olabel
 * @nr_runs:	runs
 * @run:	every run, its label copied into @rlabel
 * @olabel:	labels of @owner
 * @rlabel:	labels of @run
 * @cap:	entries each array has room for
 */
struct snap {
	bool enabled;
	struct bootmem_node_info info[MODEL_MAX_NODES];
	int ret[MODEL_MAX_NODES];
	struct bootmem_owner_table table;
	phys_addr_t map_base;
	phys_size_t map_size;
	unsigned int nr_owners, nr_runs;
	struct bootmem_owner *owner;
	struct bootmem_run *run;
	char (*olabel)[BOOTMEM_LABEL_LEN];
	char (*rlabel)[BOOTMEM_LABEL_LEN];
	unsigned int cap;
};

static struct snap snap, pushed;

/* Room for @n records and @n runs in @p. */
static void snap_room(struct snap *p, unsigned int n)
{
	if (n < p->cap)
		return;
	p->cap = 2 * n + 64;
	p->owner = host_realloc(p->owner, p->cap * sizeof(*p->owner));
	p->run = host_realloc(p->run, p->cap * sizeof(*p->run));
	p->olabel = host_realloc(p->olabel, p->cap * sizeof(*p->olabel));
	p->rlabel = host_realloc(p->rlabel, p->cap * sizeof(*p->rlabel));
}

/* Labels are at most BOOTMEM_LABEL_LEN - 1 characters: copied whole. */
static void copy_label(char *dst, const char *src)
{
	size_t n = strnlen(src, BOOTMEM_LABEL_LEN - 1);

	memcpy(dst, src, n);
	dst[n] = 0;
}

static void snap_fill(struct snap *p)
{
	struct bootmem_owner o;
	struct bootmem_run r;
	unsigned int i;
	int nid;

	p->enabled = bootmem_enabled();
	/* Once enabled, the runs say all the counts of a node could. */
	for (nid = 0; nid < MODEL_MAX_NODES; nid++)
		p->ret[nid] = p->enabled ? bootmem_node_info(nid, NULL) :
			      bootmem_node_info(nid, &p->info[nid]);
	bootmem_owner_table(&p->table);
	bootmem_map_location(&p->map_base, &p->map_size);
	p->nr_owners = 0;
	p->nr_runs = 0;
	for_each_bootmem_owner(i, &o) {
		snap_room(p, i + 1);
		p->owner[i] = o;
		copy_label(p->olabel[i], o.label);
		p->nr_owners++;
	}
	for_each_bootmem_run(&r) {
		snap_room(p, p->nr_runs + 1);
		p->run[p->nr_runs] = r;
		copy_label(p->rlabel[p->nr_runs], r.label);
		p->nr_runs++;
	}
}

/* Whether the state is what @p saw. */
static bool snap_same(const struct snap *p)
{
	struct snap now = { 0 };
	unsigned int i;
	int nid;
	bool same;

	snap_fill(&now);
	same = now.enabled == p->enabled && now.nr_owners == p->nr_owners &&
	       now.nr_runs == p->nr_runs && now.map_base == p->map_base &&
	       now.map_size == p->map_size && now.table.nr == p->table.nr &&
	       now.table.capacity == p->table.capacity &&
	       now.table.base == p->table.base &&
	       now.table.size == p->table.size;
	for (nid = 0; same && nid < MODEL_MAX_NODES; nid++)
		same = now.ret[nid] == p->ret[nid] &&
		       (now.ret[nid] || now.enabled ||
			!memcmp(&now.info[nid], &p->info[nid],
				sizeof(now.info[nid])));
	for (i = 0; same && i < now.nr_owners; i++)
		same = now.owner[i].base == p->owner[i].base &&
		       now.owner[i].last == p->owner[i].last &&
		       now.owner[i].kind == p->owner[i].kind &&
		       now.owner[i].flags == p->owner[i].flags &&
		       now.owner[i].tag == p->owner[i].tag &&
		       !strcmp(now.olabel[i], p->olabel[i]);
	for (i = 0; same && i < now.nr_runs; i++)
		same = now.run[i].base == p->run[i].base &&
		       now.run[i].size == p->run[i].size &&
		       now.run[i].kind == p->run[i].kind &&
		       now.run[i].flags == p->run[i].flags &&
		       now.run[i].tag == p->run[i].tag &&
		       !strcmp(now.rlabel[i], p->rlabel[i]);
	free(now.owner);
	free(now.run);
	free(now.olabel);
	free(now.rlabel);

	return same;
}

/*
 * Before a call the model expects refused: remember the state, to prove
 * the refusal changed nothing. A snapshot costs two walks of the whole
 * map, so it is taken every other step for refusals that depend on the
 * state (in use, not allocated, reserved, no memory), and every 16th for
 * bad arguments, which no state is read for.
 */
static bool snapped;

static void snap_take(struct sim *s, int want)
{
	bool state = want == -EBUSY || want == -ENOENT || want == -EACCES ||
		     want == -ENOMEM || want == -EEXIST;

	snapped = want && (s->step % (state ? 2 : 16) == 0);
	if (snapped)
		snap_fill(&snap);
}

/* After a call: if it was refused, nothing may have changed. */
static void expect_unchanged(struct sim *s, const char *op, int ret)
{
	if (ret && snapped && !snap_same(&snap))
		sim_fail(s, "%s refused (%d) but changed the allocator", op,
			 ret);
}

/* The model reads how many records the table holds before it grows. */
static void model_sync(struct sim *s)
{
	struct bootmem_owner_table t;
	char why[256];

	bootmem_owner_table(&t);
	if ((int)t.nr != s->model.nr_recs &&
	    !model_matches_records(&s->model, why, sizeof(why)))
		sim_fail(s, "records differ: %s", why);
	s->model.cap = t.capacity;
	s->model.record_size = t.record_size;
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

/*
 * A node id: mostly a real one, sometimes none, unknown or out of range;
 * negative ones besides NUMA_NO_NODE too, since the library may use one
 * internally (the fast path's hint says "no node" with -2).
 */
static int pick_nid(struct sim *s)
{
	static const int odd[] = { NUMA_NO_NODE, -7, BOOTMEM_MAX_NODES - 1,
				   BOOTMEM_MAX_NODES, 1000, -2, -3, INT_MIN };
	u8 b = take(s, 1);

	if (b < 0xe0 && s->model.nr_ranges && b & 1)
		return s->model.range[pick(s, s->model.nr_ranges)].nid;
	if (b < 0xe0)
		return pick(s, MODEL_MAX_NODES);
	return odd[b % ARRAY_SIZE(odd)];
}

/* A live owner record of the model (not bootmem's own), or NULL. */
static const struct model_rec *pick_rec(struct sim *s, bool (*ok)(const struct model_rec *r))
{
	int k, i, n = 0;

	for (i = 0; i < s->model.nr_recs; i++)
		n += !s->model.rec[i].self && (!ok || ok(&s->model.rec[i]));
	if (!n)
		return NULL;
	k = pick(s, n);
	for (i = 0; i < s->model.nr_recs; i++)
		if (!s->model.rec[i].self && (!ok || ok(&s->model.rec[i])) &&
		    !k--)
			return &s->model.rec[i];
	return NULL;
}

static bool is_buffer(const struct model_rec *r)
{
	return r->kind == BOOTMEM_ALLOCATED &&
	       (r->flags & BOOTMEM_LOAD_BUFFER);
}

static bool is_replaceable(const struct model_rec *r)
{
	return r->kind == BOOTMEM_ALLOCATED &&
	       (r->flags & BOOTMEM_REPLACEABLE);
}

static bool is_allocated(const struct model_rec *r)
{
	return r->kind == BOOTMEM_ALLOCATED;
}

/*
 * Bytes inside record @r: all of it, a part, or (with @edges) a part that
 * may stick out at either end by a few bytes. Page-granular when @pages.
 */
static void pick_in(struct sim *s, const struct model_rec *r, bool pages,
		    bool edges, phys_addr_t *addrp, phys_size_t *sizep)
{
	u64 len = r->last - r->base + 1, off = 0, n = len;
	u8 mode = take(s, 1);

	if (mode % 4) {
		off = pick(s, len);
		n = 1 + pick(s, len - off);
	}
	*addrp = r->base + off;
	*sizep = n;
	if (edges && (mode & 0x10)) {
		*addrp -= pick(s, 9);
		*sizep += pick(s, 17);
	}
	if (pages) {
		*sizep += *addrp % PAGE;
		*addrp -= *addrp % PAGE;
	}
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
	switch (take(s, 1) % 14) {
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
	case 5:
	case 6:
		return 1 + pick(s, 2 * PAGE);	/* less than a page or two */
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
	case 2:
	case 3:
		return 1ULL << pick(s, 13);	/* byte alignments */
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
	return pick_addr(s) | (b & 0x80 ? PAGE - 1 - pick(s, 4) : 0);
}

static void remember(struct sim *s, phys_addr_t addr, phys_size_t size)
{
	if (s->nr_live < SIM_MAX_LIVE)
		s->live[s->nr_live++] = (struct sim_live){ addr, size };
}

static void init(struct sim *s, u8 (*next_byte)(struct sim *s), void *ctx,
		 const char *name, bool on_heap)
{
	memset(s, 0, sizeof(*s));
	model_init(&s->model, on_heap);
	s->next_byte = next_byte;
	s->ctx = ctx;
	s->name = name;
	s->pages_every = 1;
	s->full_every = 8;
	s->cpu0_nid = NUMA_NO_NODE;
}

void sim_start(struct sim *s, u8 (*next_byte)(struct sim *s), void *ctx,
	       const char *name)
{
	bootmem_reset();
	init(s, next_byte, ctx, name, false);
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
		want = -EOVERFLOW;
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
	snap_take(s, want);
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

void sim_enable(struct sim *s, int nid, phys_addr_t limit)
{
	u64 pages = bootmem_map_size() / PAGE, pfn = 0;
	phys_addr_t base;
	phys_size_t size;
	int want, got;

	model_sync(s);
	if (s->enabled)
		want = -EALREADY;
	else if (nid != NUMA_NO_NODE && !node_exists(s, nid))
		want = -ENODEV;
	else if (nid != NUMA_NO_NODE && !node_has_memory(s, nid))
		want = -ENXIO;
	else if (!s->model.nr_ranges)
		want = -ENOMEM;
	else
		want = model_enable(&s->model, nid, limit, pages, &pfn);
	snap_take(s, want);
	got = bootmem_enable(nid, limit);
	expect(s, "enable", got, want);
	expect_unchanged(s, "enable", got);
	if (want)
		return;
	if (s->model.on_heap)
		pages = 0;
	bootmem_map_location(&base, &size);
	if (base != pfn * PAGE || size != pages * PAGE)
		sim_fail(s, "enable: bitmap at %#llx +%#llx, expected %#llx +%#llx",
			 (unsigned long long)base, (unsigned long long)size,
			 (unsigned long long)pfn * PAGE,
			 (unsigned long long)pages * PAGE);
	s->enabled = true;
}

/* Some of @ok, often KEEP and NOMAP from @handoff, sometimes a bad flag. */
static unsigned int pick_flags(struct sim *s, unsigned int ok,
			       unsigned int handoff)
{
	static const unsigned int bad[] = {
		BOOTMEM_EXCLUSIVE, BOOTMEM_FORCE, BOOTMEM_EXACT_NODE,
		BOOTMEM_LOW, BOOTMEM_REPLACEABLE, BOOTMEM_LOAD_BUFFER,
		1U << 10, 1U << 23,
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
	b = take(s, 1);
	if (b & 1)
		flags |= BOOTMEM_BYTES & ok;
	if ((b & 6) == 2)
		flags |= BOOTMEM_REPLACEABLE & ok;
	if ((b & 6) == 4)
		flags |= BOOTMEM_LOAD_BUFFER & ok;
	if ((b & 0x18) == 0x18)
		flags |= BOOTMEM_TAG(take(s, 1)) & ok;
	if ((b & 0x80) && !(take(s, 1) % 8))
		flags |= bad[pick(s, ARRAY_SIZE(bad))];
	return flags;
}

/* Count a call's outcome, and what kind of call it was. */
static void tally(struct sim *s, enum sim_kind kind, int ret,
		  unsigned int flags)
{
	s->ok[kind] += !ret;
	s->ok[SIM_BYTES] += !ret && (flags & BOOTMEM_BYTES);
}

void sim_reserve(struct sim *s)
{
	phys_addr_t addr;
	phys_size_t size;
	unsigned int flags = pick_flags(s, BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE |
					BOOTMEM_BYTES | BOOTMEM_TAG(0xff),
					HANDOFF);
	const char *label = pick_label(s);
	const struct model_rec *r;
	int want, got;

	r = take(s, 1) % 3 ? NULL : pick_rec(s, NULL);
	if (r) {
		pick_in(s, r, !(flags & BOOTMEM_BYTES), true, &addr, &size);
	} else {
		addr = pick_addr(s);
		size = take(s, 1) & 3 ? pick(s, 8 * PAGE) + 1 : pick_size(s);
	}
	model_sync(s);
	want = model_reserve(&s->model, addr, size, flags, label);
	snap_take(s, want);
	got = bootmem_reserve(addr, size, flags, label);
	expect_on(s, "reserve", addr, size, flags, label, got, want);
	expect_unchanged(s, "reserve", got);
	tally(s, SIM_RESERVE, got, flags);
}

static void op_alloc(struct sim *s)
{
	phys_size_t size = pick_size(s), align = pick_align(s);
	phys_addr_t goal = take(s, 1) % 3 ? 0 : pick_addr(s);
	phys_addr_t limit = pick_limit(s);
	int nid = take(s, 1) % 4 ? pick_nid(s) : NUMA_NO_NODE;
	unsigned int flags = pick_flags(s, BOOTMEM_EXACT_NODE |
					BOOTMEM_BOTTOM_UP | BOOTMEM_LOW |
					BOOTMEM_BYTES | CLAIMS |
					BOOTMEM_TAG(0xff), HANDOFF);
	const char *label = pick_label(s);
	phys_addr_t got = 0, want = 0;
	int ret_got, ret_want;

	model_sync(s);
	ret_want = s->enabled ? model_alloc(&s->model, size, align, goal, limit,
					    nid, flags, label, &want) :
		   -EAGAIN;
	snap_take(s, ret_want);
	ret_got = bootmem_alloc(size, align, goal, limit, nid, flags, label,
				&got);
	if (ret_got != ret_want || (!ret_got && got != want))
		sim_fail(s, "alloc(%#llx, %#llx, %#llx, %#llx, %d, %#x): %d @%#llx, not %d @%#llx",
			 (unsigned long long)size, (unsigned long long)align,
			 (unsigned long long)goal, (unsigned long long)limit,
			 nid, flags, ret_got, (unsigned long long)got,
			 ret_want, (unsigned long long)want);
	expect_unchanged(s, "alloc", ret_got);
	tally(s, SIM_ALLOC, ret_got, flags);
	if (!ret_got)
		remember(s, got, size);
}

/*
 * A claim: at a random place; inside a load buffer; over an earlier
 * replaceable claim (a second load to one address); or right after one,
 * as tftp claims block after block.
 */
static void op_alloc_at(struct sim *s)
{
	unsigned int flags = pick_flags(s, BOOTMEM_BYTES | CLAIMS |
					BOOTMEM_TAG(0xff), HANDOFF);
	const char *label = pick_label(s);
	const struct model_rec *r = NULL;
	char same[BOOTMEM_LABEL_LEN];
	u8 mode = take(s, 1);
	phys_addr_t addr;
	phys_size_t size;
	bool nested = false;
	int want, got;

	if (mode % 4)
		r = pick_rec(s, mode % 4 == 1 ? is_buffer : is_replaceable);
	if (r && mode % 4 == 1) {
		flags = (flags & ~CLAIMS) | BOOTMEM_REPLACEABLE;
		pick_in(s, r, !(flags & BOOTMEM_BYTES), mode & 0x80, &addr,
			&size);
		nested = true;
	} else if (r && mode % 4 == 2) {
		flags = (flags & ~CLAIMS) | BOOTMEM_REPLACEABLE;
		pick_in(s, r, !(flags & BOOTMEM_BYTES), true, &addr, &size);
	} else if (r) {
		flags = BOOTMEM_BYTES | BOOTMEM_REPLACEABLE;
		snprintf(same, sizeof(same), "%s", r->label);
		label = same;
		addr = r->last + 1;
		size = 1 + pick(s, 2 * PAGE);
	} else {
		addr = pick_addr(s);
		size = pick_size(s);
		if (take(s, 1) % 8 && !(flags & BOOTMEM_BYTES))
			addr &= ~(PAGE - 1);
	}
	model_sync(s);
	want = s->enabled ? model_alloc_at(&s->model, addr, size, flags, label) :
	       -EAGAIN;
	snap_take(s, want);
	got = bootmem_alloc_at(addr, size, flags, label);
	expect_on(s, "alloc_at", addr, size, flags, label, got, want);
	expect_unchanged(s, "alloc_at", got);
	tally(s, SIM_ALLOC_AT, got, flags);
	s->ok[SIM_NESTED] += !got && nested;
	s->ok[SIM_REPLACE] += !got && mode % 4 == 2;
	if (!got)
		remember(s, addr, size);
}

/* All or part of a live allocation or a record, or any range at all. */
static void pick_to_free(struct sim *s, unsigned int flags,
			 phys_addr_t *addrp, phys_size_t *sizep)
{
	const struct model_rec *r;
	u8 mode = take(s, 1);

	if (s->nr_live && mode % 4 == 1) {
		int i = pick(s, s->nr_live);
		struct sim_live l = s->live[i];
		u64 pages = (l.size + PAGE - 1) / PAGE;
		u64 first = take(s, 1) % 3 ? 0 : pick(s, pages);
		u64 n = take(s, 1) % 3 ? pages - first : pick(s, pages - first) + 1;

		*addrp = l.addr + first * PAGE;
		*sizep = n * PAGE;
		if ((flags & BOOTMEM_BYTES) && first + n == pages)
			*sizep = l.addr + l.size - *addrp;
		s->live[i] = s->live[--s->nr_live];
		if (first)
			remember(s, l.addr, first * PAGE);
		if (first + n < pages)
			remember(s, *addrp + n * PAGE, (pages - first - n) * PAGE);
		return;
	}
	r = mode % 4 >= 2 ? pick_rec(s, is_allocated) : NULL;
	if (r) {
		pick_in(s, r, !(flags & BOOTMEM_BYTES), mode & 0x80, addrp,
			sizep);
	} else {
		*addrp = pick_addr(s);
		*sizep = pick_size(s);
		if (take(s, 1) % 8)
			*addrp &= ~(PAGE - 1);
	}
}

/*
 * bootmem_free_flags(), or with @release bootmem_release(), which frees
 * reservations too and so aims at them as well.
 */
static void op_free(struct sim *s, bool release)
{
	const char *op = release ? "release" : "free";
	unsigned int flags = take(s, 1) & 1 ? BOOTMEM_BYTES : 0;
	const struct model_rec *r;
	phys_addr_t addr;
	phys_size_t size;
	int want, got;

	if (!(take(s, 1) % 16))
		flags |= 1U << pick(s, 32);
	r = release && take(s, 1) % 2 ? pick_rec(s, NULL) : NULL;
	if (r)
		pick_in(s, r, false, true, &addr, &size);
	else
		pick_to_free(s, flags, &addr, &size);
	model_sync(s);
	if (!s->enabled)
		want = -EAGAIN;
	else if (release)
		want = model_release(&s->model, addr, size);
	else
		want = model_free(&s->model, addr, size, flags);
	snap_take(s, want);
	got = release ? bootmem_release(addr, size) :
	      bootmem_free_flags(addr, size, flags);
	expect_on(s, op, addr, size, flags, NULL, got, want);
	expect_unchanged(s, op, got);
	tally(s, release ? SIM_RELEASE : SIM_FREE, got, release ? 0 : flags);
}

/*
 * Allocate until nothing fits, a page-granular allocation without a
 * record at a time (which never needs the owner table to grow): the next
 * call that needs the table to grow then finds no memory for it.
 */
static void op_fill(struct sim *s)
{
	phys_size_t size = s->pages * PAGE;
	phys_addr_t got = 0, want = 0;
	int i, ret_got, ret_want;

	for (i = 0; i < FILL_MAX && size >= PAGE; i++) {
		model_sync(s);
		ret_want = model_alloc(&s->model, size, PAGE, 0,
				       BOOTMEM_ALLOC_ANYWHERE, NUMA_NO_NODE, 0,
				       NULL, &want);
		ret_got = bootmem_alloc(size, PAGE, 0, BOOTMEM_ALLOC_ANYWHERE,
					NUMA_NO_NODE, 0, NULL, &got);
		if (ret_got != ret_want || (!ret_got && got != want))
			sim_fail(s, "fill: alloc(%#llx): %d @%#llx, not %d @%#llx",
				 (unsigned long long)size, ret_got,
				 (unsigned long long)got, ret_want,
				 (unsigned long long)want);
		if (ret_got)
			size /= 2;
		else
			remember(s, got, size);
	}
}

static void op_is_free(struct sim *s)
{
	phys_addr_t addr = pick_addr(s);
	phys_size_t size = pick_size(s) % (s->pages * PAGE + 2 * PAGE);
	const struct model_rec *r;
	bool want;

	r = take(s, 1) % 2 ? pick_rec(s, NULL) : NULL;
	if (r)
		pick_in(s, r, false, true, &addr, &size);
	want = s->enabled && model_is_free(&s->model, addr, size);
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
	int i, ret;

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
	}
	model_count(&s->model, nid, &want.free, &want.reserved,
		    &want.allocated);
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
	int i, want = node_exists(s, nid) ? -ENXIO : -ENODEV, got;

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
		0x40000, 0, 0x100000 - 256, PFN_END - SIM_MAX_PAGES,
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
			base = (PFN_END - pages) * PAGE;
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
static void step(struct sim *s, u8 op);

/*
 * A whole nested engine inside bootmem_push(): a registry of its own,
 * enabled on the heap, a few operations (no push among them), checked
 * against a model of its own; then bootmem_pop() must bring back the
 * state byte for byte.
 */
static void op_push_pop(struct sim *s)
{
	struct sim *in;
	int n;

	snap_fill(&pushed);
	expect(s, "push", bootmem_push(), 0);
	in = host_zalloc(sizeof(*in));
	init(in, s->next_byte, s->ctx, s->name, true);
	in->nested = true;
	in->outer = s;
	in->full_every = 4;
	sim_decode_registry(in);
	sim_decode_enable(in);
	for (n = take(s, 1) % 48; n > 0 && !in->done; n--)
		step(in, take(in, 1));
	sim_check(in);
	s->done |= in->done;
	model_free_all(&in->model);
	free(in);
	expect(s, "pop", bootmem_pop(), 0);
	expect(s, "pop again", bootmem_pop(), -ENOENT);
	if (!snap_same(&pushed))
		sim_fail(s, "pop: the state is not what push put aside");
	s->ok[SIM_PUSH]++;
	if (s->enabled)
		check_map(s);
}

/* One operation @op, then the checks due. */
static void step(struct sim *s, u8 op)
{
	char why[256];

	s->step++;
	switch (op % 24) {
	case 0:
	case 1:
		sim_reserve(s);
		break;
	case 2:
	case 3:
	case 4:
		op_alloc_at(s);
		break;
	case 5:
	case 6:
	case 7:
	case 8:
		op_free(s, false);
		break;
	case 9:
		op_is_free(s);
		break;
	case 10:
		op_addr_to_nid(s);
		break;
	case 11:
		op_node_queries(s);
		break;
	case 12:
		op_registry(s);
		break;
	case 13:
	case 14:
		op_free(s, true);
		break;
	case 15:
		op_range_nid(s);
		break;
	case 16:
		if (s->enabled && !(op & 0xe0))
			op_fill(s);
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
		 !model_matches_records(&s->model, why, sizeof(why)))
		sim_fail(s, "records differ: %s", why);
}

void sim_step(struct sim *s)
{
	u8 op = take(s, 1);

	/* One step in 24 of the push op's kind: half of them push. */
	if (op % 24 == 16 && (op & 0x20)) {
		s->step++;
		op_push_pop(s);
		return;
	}
	step(s, op);
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

/**
 * struct handed - one /reserved-memory child
 * @base:	first byte
 * @last:	last byte
 * @nomap:	it has no-map
 */
struct handed {
	u64 base, last;
	bool nomap;
};

static int cmp_handed(const void *a, const void *b)
{
	const struct handed *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* The children of /reserved-memory, sorted; *np of them. */
static struct handed *handed_over(struct sim *s, const void *fdt, int *np)
{
	int rm = fdt_path_offset(fdt, "/reserved-memory"), node, n = 0;
	struct handed *h = NULL;
	u64 base = 0, size = 0;

	if (rm >= 0) {
		fdt_for_each_subnode(node, fdt, rm) {
			if (!reg_of(fdt, node, &base, &size) || !size)
				sim_fail(s, "hand-off: a node without a 2+2 cell reg");
			h = host_realloc(h, (n + 1) * sizeof(*h));
			h[n++] = (struct handed){
				base, base + size - 1,
				!!fdt_getprop(fdt, node, "no-map", NULL),
			};
		}
	}
	if (n)
		qsort(h, n, sizeof(*h), cmp_handed);
	*np = n;
	return h;
}

/*
 * Every kept byte is in /reserved-memory, with no-map where any of its
 * owners asked for it, and nothing else is: the map's runs, walked
 * against the nodes.
 */
static void check_handoff(struct sim *s)
{
	static char fdt[1 << 20];
	struct bootmem_run run;
	struct model_byte b;
	struct handed *h;
	int ret, n, i;
	u64 last;

	if (fdt_create_empty_tree(fdt, sizeof(fdt)))
		sim_fail(s, "hand-off: no empty tree");
	ret = bootmem_fdt_add_reserved(fdt);
	if (ret < 0)
		sim_fail(s, "hand-off: %d (%s)", ret, bootmem_strerror(ret));
	h = handed_over(s, fdt, &n);
	for (i = 0; i + 1 < n; i++)
		if (h[i].last >= h[i + 1].base)
			sim_fail(s, "hand-off: %#llx handed over twice",
				 (unsigned long long)h[i + 1].base);
	i = 0;
	for_each_bootmem_run(&run) {
		last = run.base + run.size - 1;
		model_byte_at(&s->model, run.base, &b);
		while (i < n && h[i].last < run.base)
			i++;
		if (b.kind == BOOTMEM_FREE || !(b.flags & BOOTMEM_KEEP)) {
			if (i < n && h[i].base <= last)
				sim_fail(s, "hand-off: [%#llx-%#llx] handed over: flags %#x",
					 (unsigned long long)h[i].base,
					 (unsigned long long)h[i].last, b.flags);
			continue;
		}
		if (i == n || h[i].base > run.base || h[i].last < last ||
		    h[i].nomap != !!(b.flags & BOOTMEM_NOMAP))
			sim_fail(s, "hand-off: run [%#llx-%#llx] flags %#x not handed over",
				 (unsigned long long)run.base,
				 (unsigned long long)last, b.flags);
	}
	free(h);
}

/*
 * The invariant of owners.c: a page in use without a record is touched
 * by no record, or covered wholly by records (a forced reservation).
 */
static void check_invariant(struct sim *s)
{
	u64 pfn = 0;

	if (model_invariant_broken(&s->model, &pfn))
		sim_fail(s, "page %#llx is record-less and shares a record",
			 (unsigned long long)pfn * PAGE);
	if (!model_merged(&s->model))
		sim_fail(s, "the model holds two records that should be one");
}

/* Every byte, run, owner, flag and node against the model. */
static void check_map(struct sim *s)
{
	char why[256];
	int nid;

	if (!model_matches(&s->model, why, sizeof(why)))
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
	check_invariant(s);
	check_handoff(s);
}
