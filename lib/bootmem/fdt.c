// SPDX-License-Identifier: GPL-2.0+
/*
 * The device tree reader: memory nodes, numa-node-id, the distance map and
 * firmware reservations, fed into the registry through the public API.
 *
 * The blob may come from anywhere (firmware, a fuzzer), so every property
 * length is checked before a cell is read, and every libfdt error other
 * than "not found" is treated as a corrupt blob.
 */

#include <bootmem.h>
#include <bootmem_fdt.h>
#include "bootmem_internal.h"

#define FDT_PATH_LEN	128
#define FDT_PATH_DEPTH	8

/**
 * struct fdt_scan - state of one bootmem_fdt_scan()
 * @fdt:	the blob
 * @ac:		root #address-cells
 * @sc:		root #size-cells
 * @numa:	memory nodes carry numa-node-id
 * @known:	node ids that received memory or CPUs in this scan
 */
struct fdt_scan {
	const void *fdt;
	int ac;
	int sc;
	bool numa;
	bool known[BOOTMEM_MAX_NODES];
};

/* A (from, to) pair of the distance map: one bit per pair. */
#define DIST_PAIRS	(BOOTMEM_MAX_NODES * BOOTMEM_MAX_NODES)
#define DIST_WORDS	((DIST_PAIRS + 63) / 64)

/*
 * The node's own name, for messages that can repeat once per node: a full
 * path costs a walk from the root each time, quadratic over a large tree.
 */
static const char *node_name(const struct fdt_scan *s, int off)
{
	const char *name = fdt_get_name(s->fdt, off, NULL);

	return name ? name : "?";
}

/*
 * The node's full path, for error messages. libfdt's fdt_get_path() can
 * step outside its buffer on a corrupt tree, so walk the tree here,
 * keeping the name of each ancestor, and fall back to the bare name.
 */
static const char *node_path(const struct fdt_scan *s, int target, char *buf)
{
	const char *names[FDT_PATH_DEPTH] = { NULL };
	int lens[FDT_PATH_DEPTH] = { 0 };
	int off = 0, depth = 0, pos = 0, d;

	while (off >= 0 && off < target && depth >= 0) {
		off = fdt_next_node(s->fdt, off, &depth);
		if (off >= 0 && depth > 0 && depth < FDT_PATH_DEPTH)
			names[depth] = fdt_get_name(s->fdt, off, &lens[depth]);
	}
	if (!target)
		return "/";
	/* depth 0 past the root: a second top-level node, a corrupt tree */
	if (off != target || depth <= 0 || depth >= FDT_PATH_DEPTH)
		return node_name(s, target);
	for (d = 1; d <= depth && pos < FDT_PATH_LEN - 1; d++) {
		if (!names[d])
			return node_name(s, target);
		pos += snprintf(buf + pos, FDT_PATH_LEN - pos, "/%.*s",
				lens[d], names[d]);
	}
	return buf;
}

/* libfdt failed for a reason other than "not found": the blob is bad. */
static int bad_blob(const struct fdt_scan *s, int off, const char *what,
		    int fdt_err)
{
	char buf[FDT_PATH_LEN];

	log_err("bootmem: %s: %s: corrupt device tree (%s, %d)\n",
		off >= 0 ? node_path(s, off, buf) : "/", what,
		fdt_strerror(fdt_err), fdt_err);
	return -EFAULT;
}

/*
 * Look a property up. Return it with its length in *lenp, or NULL with
 * *lenp = -ENOENT when it is absent, or -EFAULT (reported) when the blob is
 * corrupt.
 */
static const void *get_prop(const struct fdt_scan *s, int off,
			    const char *name, int *lenp)
{
	const void *p;

	p = fdt_getprop(s->fdt, off, name, lenp);
	if (p)
		return p;
	if (*lenp == -FDT_ERR_NOTFOUND)
		*lenp = -ENOENT;
	else
		*lenp = bad_blob(s, off, name, *lenp);
	return NULL;
}

/* Does the property hold exactly this string (and its NUL)? */
static bool prop_is(const struct fdt_scan *s, int off, const char *name,
		    const char *val)
{
	const char *p;
	int len;

	p = fdt_getprop(s->fdt, off, name, &len);
	return p && len == (int)strlen(val) + 1 && !memcmp(p, val, len);
}

/* As Linux: a node counts unless its status says otherwise. */
static bool node_available(const struct fdt_scan *s, int off)
{
	if (!fdt_getprop(s->fdt, off, "status", NULL))
		return true;
	return prop_is(s, off, "status", "okay") ||
	       prop_is(s, off, "status", "ok");
}

static u64 read_cells(const fdt32_t *p, int n)
{
	u64 val = 0;

	while (n--)
		val = (val << 32) | bm_fdt_cell(p++);
	return val;
}

/* A u32 property; -ENOENT when absent. */
static int get_u32(const struct fdt_scan *s, int off, const char *name,
		   u32 *valp)
{
	char buf[FDT_PATH_LEN];
	const fdt32_t *p;
	int len;

	p = get_prop(s, off, name, &len);
	if (!p)
		return len;
	if (len != sizeof(*p)) {
		log_err("bootmem: %s: %s: %d bytes, expected 4\n",
			node_path(s, off, buf), name, len);
		return -EMSGSIZE;
	}
	*valp = bm_fdt_cell(p);
	return 0;
}

/* #address-cells or #size-cells: 1 or 2, @dflt when absent. */
static int get_cells(const struct fdt_scan *s, int off, const char *name,
		     int dflt, int *cellsp)
{
	char buf[FDT_PATH_LEN];
	u32 val = 0;
	int ret;

	ret = get_u32(s, off, name, &val);
	if (ret == -ENOENT) {
		*cellsp = dflt;
		return 0;
	}
	if (ret == -EFAULT)
		return ret;
	if (ret)	/* already reported: not one cell */
		return -EDOM;
	if (val < 1 || val > 2) {
		log_err("bootmem: %s: %s: must be <1> or <2>\n",
			node_path(s, off, buf), name);
		return -EDOM;
	}
	*cellsp = val;
	return 0;
}

/* Does [base, base + size) run past the top of the address space? */
static bool range_wraps(u64 base, u64 size)
{
	return size && size - 1 > ~base;
}

typedef int (*reg_fn)(struct fdt_scan *s, int off, u64 base, u64 size,
		      void *arg);

/* Call @fn for every entry of the node's reg, with @ac/@sc cells each. */
static int walk_reg(struct fdt_scan *s, int off, int ac, int sc,
		    reg_fn fn, void *arg)
{
	int entry = (ac + sc) * (int)sizeof(fdt32_t);
	char buf[FDT_PATH_LEN];
	const fdt32_t *p;
	int len, i, ret;

	p = get_prop(s, off, "reg", &len);
	if (!p && len != -ENOENT)
		return len;
	if (!p || !len || len % entry) {
		log_err("bootmem: %s: reg: %s, expected a multiple of %d bytes\n",
			node_path(s, off, buf),
			p ? "bad length" : "missing", entry);
		return -EMSGSIZE;
	}
	for (i = 0; i < len / entry; i++, p += ac + sc) {
		ret = fn(s, off, read_cells(p, ac), read_cells(p + ac, sc), arg);
		if (ret)
			return ret;
	}
	return 0;
}

static int add_memory(struct fdt_scan *s, int off, u64 base, u64 size,
		      void *arg)
{
	int nid = *(int *)arg;
	char buf[FDT_PATH_LEN];
	int ret;

	if (!size) {
		log_err("bootmem: %s: reg: range at %#llx has size 0\n",
			node_path(s, off, buf), (unsigned long long)base);
		return -EINVAL;
	}
	if (range_wraps(base, size)) {
		log_err("bootmem: %s: reg: range %#llx + %#llx wraps\n",
			node_path(s, off, buf), (unsigned long long)base,
			(unsigned long long)size);
		return -EOVERFLOW;
	}
	ret = bootmem_add_range(nid, base, size);
	if (ret) {
		log_err("bootmem: %s: reg: range %#llx + %#llx of node %d: %s\n",
			node_path(s, off, buf), (unsigned long long)base,
			(unsigned long long)size, nid, bootmem_strerror(ret));
		return ret;
	}
	s->known[nid] = true;
	return 0;
}

/* A numa-node-id, checked against the registry's bound. */
static int get_nid(const struct fdt_scan *s, int off, int *nidp)
{
	char buf[FDT_PATH_LEN];
	u32 nid = 0;
	int ret;

	ret = get_u32(s, off, "numa-node-id", &nid);
	if (ret)
		return ret;
	if (nid >= BOOTMEM_MAX_NODES) {
		log_err("bootmem: %s: numa-node-id: %u, the maximum is %d\n",
			node_path(s, off, buf), nid, BOOTMEM_MAX_NODES - 1);
		return -ENODEV;
	}
	*nidp = nid;
	return 0;
}

#define for_each_memory_node(s, off) \
	for ((off) = fdt_node_offset_by_prop_value((s)->fdt, -1, \
			"device_type", "memory", sizeof("memory")); \
	     (off) >= 0; \
	     (off) = fdt_node_offset_by_prop_value((s)->fdt, (off), \
			"device_type", "memory", sizeof("memory")))

/*
 * Decide whether memory is NUMA: the binding wants numa-node-id on every
 * memory node or on none, and a half-tagged tree would give Linux and us
 * different views of the untagged memory.
 */
static int memory_mode(struct fdt_scan *s)
{
	int with = -1, without = -1, off, nodes = 0;
	char buf[FDT_PATH_LEN], buf2[FDT_PATH_LEN];

	for_each_memory_node(s, off) {
		if (!node_available(s, off))
			continue;
		nodes++;
		if (fdt_getprop(s->fdt, off, "numa-node-id", NULL))
			with = with < 0 ? off : with;
		else
			without = without < 0 ? off : without;
	}
	if (off != -FDT_ERR_NOTFOUND)
		return bad_blob(s, off, "device_type", off);
	if (!nodes) {
		log_err("bootmem: /: no memory node (device_type = \"memory\")\n");
		return -ENODEV;
	}
	if (with >= 0 && without >= 0) {
		log_err("bootmem: %s: numa-node-id: missing, but %s has one\n",
			node_path(s, without, buf), node_path(s, with, buf2));
		return -ENODATA;
	}
	s->numa = with >= 0;
	return 0;
}

static int scan_memory(struct fdt_scan *s)
{
	int off, nid, ret;

	ret = memory_mode(s);
	if (ret)
		return ret;
	for_each_memory_node(s, off) {
		if (!node_available(s, off))
			continue;
		nid = 0;
		if (s->numa) {
			ret = get_nid(s, off, &nid);
			if (ret)
				return ret;
		}
		ret = walk_reg(s, off, s->ac, s->sc, add_memory, &nid);
		if (ret)
			return ret;
	}
	return 0;
}

/* The node of one CPU: see bootmem_fdt.h for the rules. */
static int cpu_nid(struct fdt_scan *s, int off, unsigned int cpu, int *nidp)
{
	int ret;

	*nidp = 0;
	ret = get_nid(s, off, nidp);
	if (ret == -ENOENT) {
		if (s->numa)
			log_warning("bootmem: /cpus/%s: no numa-node-id, CPU %u on node 0\n",
				    node_name(s, off), cpu);
		return 0;
	}
	if (ret)
		return ret;
	if (!s->numa) {
		log_warning("bootmem: /cpus/%s: numa-node-id ignored: memory is not NUMA\n",
			    node_name(s, off));
		*nidp = 0;
	}
	return 0;
}

static int scan_cpus(struct fdt_scan *s)
{
	char buf[FDT_PATH_LEN];
	unsigned int cpu = 0;
	int cpus, off, nid, ret;

	cpus = fdt_path_offset(s->fdt, "/cpus");
	if (cpus == -FDT_ERR_NOTFOUND)
		return 0;
	if (cpus < 0)
		return bad_blob(s, -1, "/cpus", cpus);
	fdt_for_each_subnode(off, s->fdt, cpus) {
		if (!prop_is(s, off, "device_type", "cpu"))
			continue;
		ret = cpu_nid(s, off, cpu, &nid);
		if (ret)
			return ret;
		ret = bootmem_add_cpu(nid, cpu);
		if (ret) {
			log_err("bootmem: %s: CPU %u on node %d: %s\n",
				node_path(s, off, buf), cpu, nid,
				bootmem_strerror(ret));
			return ret;
		}
		s->known[nid] = true;
		cpu++;
	}
	if (off != -FDT_ERR_NOTFOUND)
		return bad_blob(s, cpus, "subnodes", off);
	return 0;
}

static bool pair_test(const u64 *pairs, u32 from, u32 to)
{
	u32 bit = from * BOOTMEM_MAX_NODES + to;

	return pairs[bit / 64] & (1ULL << (bit % 64));
}

static void pair_set(u64 *pairs, u32 from, u32 to)
{
	u32 bit = from * BOOTMEM_MAX_NODES + to;

	pairs[bit / 64] |= 1ULL << (bit % 64);
}

/* Check every triplet before the registry sees any of them. */
static int check_matrix(struct fdt_scan *s, int off, const fdt32_t *p,
			int n, u64 *pairs)
{
	char buf[FDT_PATH_LEN];
	u32 from, to, dist;
	int i;

	for (i = 0; i < n; i++, p += 3) {
		from = bm_fdt_cell(p);
		to = bm_fdt_cell(p + 1);
		dist = bm_fdt_cell(p + 2);
		if (from >= BOOTMEM_MAX_NODES || to >= BOOTMEM_MAX_NODES ||
		    !s->known[from] || !s->known[to]) {
			log_err("bootmem: %s: distance-matrix: entry %d names node %u, which has no memory or CPUs\n",
				node_path(s, off, buf), i,
				from >= BOOTMEM_MAX_NODES || !s->known[from] ?
				from : to);
			return -EBADMSG;
		}
		if (from == to ? dist != BOOTMEM_LOCAL_DISTANCE :
		    dist <= BOOTMEM_LOCAL_DISTANCE || dist > 255) {
			log_err("bootmem: %s: distance-matrix: %u -> %u = %u: %s\n",
				node_path(s, off, buf), from, to, dist,
				from == to ? "local distance must be 10" :
				"remote distance must be 11..255");
			return -EBADMSG;
		}
		pair_set(pairs, from, to);
	}
	return 0;
}

static int set_distance(const struct fdt_scan *s, int off, u32 from, u32 to,
			u32 dist)
{
	char buf[FDT_PATH_LEN];
	int ret;

	ret = bootmem_set_distance(from, to, dist);
	if (ret)
		log_err("bootmem: %s: distance-matrix: %u -> %u = %u: %s\n",
			node_path(s, off, buf), from, to, dist,
			bootmem_strerror(ret));
	return ret;
}

/*
 * As Linux: a pair given one way only is symmetric; one given both ways
 * keeps both values. Later duplicates override earlier ones.
 */
static int fill_distances(struct fdt_scan *s, int off, const fdt32_t *p,
			  int n, const u64 *pairs)
{
	const fdt32_t *t;
	u32 from, to;
	int i, ret;

	for (i = 0, t = p; i < n; i++, t += 3) {
		ret = set_distance(s, off, bm_fdt_cell(t), bm_fdt_cell(t + 1),
				   bm_fdt_cell(t + 2));
		if (ret)
			return ret;
	}
	for (i = 0, t = p; i < n; i++, t += 3) {
		from = bm_fdt_cell(t);
		to = bm_fdt_cell(t + 1);
		if (pair_test(pairs, to, from))
			continue;
		ret = set_distance(s, off, to, from, bm_fdt_cell(t + 2));
		if (ret)
			return ret;
	}
	return 0;
}

static int scan_distances(struct fdt_scan *s)
{
	const int triplet = 3 * sizeof(fdt32_t);
	u64 pairs[DIST_WORDS] = { 0 };
	char buf[FDT_PATH_LEN];
	const fdt32_t *p;
	int off, len, ret;

	off = fdt_node_offset_by_compatible(s->fdt, -1, "numa-distance-map-v1");
	if (off == -FDT_ERR_NOTFOUND)
		return 0;
	if (off < 0)
		return bad_blob(s, -1, "compatible", off);
	p = get_prop(s, off, "distance-matrix", &len);
	if (!p && len != -ENOENT)
		return len;
	if (!p || !len || len % triplet) {
		log_err("bootmem: %s: distance-matrix: %s, expected (from, to, distance) triplets\n",
			node_path(s, off, buf), p ? "bad length" : "missing");
		return -EBADMSG;
	}
	ret = check_matrix(s, off, p, len / triplet, pairs);
	if (ret)
		return ret;
	return fill_distances(s, off, p, len / triplet, pairs);
}

/**
 * struct fdt_rsv - one reservation source
 * @label:	label for bootmem_reserve(): "memreserve" or the child's name
 * @flags:	flags for bootmem_reserve()
 */
struct fdt_rsv {
	const char *label;
	unsigned int flags;
};

/*
 * "/memreserve/" (@off < 0) or "/reserved-memory/<child>", for messages,
 * without a path walk: there may be one per reg entry.
 */
static const char *rsv_where(const struct fdt_scan *s, int off, char *buf)
{
	if (off < 0)
		return "/memreserve/";
	snprintf(buf, FDT_PATH_LEN, "/reserved-memory/%s", node_name(s, off));
	return buf;
}

static int reserve(struct fdt_scan *s, int off, u64 base, u64 size,
		   void *arg)
{
	const struct fdt_rsv *rsv = arg;
	char buf[FDT_PATH_LEN];
	int ret;

	if (!size) {
		log_warning("bootmem: %s: reservation at %#llx of size 0 skipped\n",
			    rsv_where(s, off, buf), (unsigned long long)base);
		return 0;
	}
	if (range_wraps(base, size)) {
		log_err("bootmem: %s: reservation %#llx + %#llx wraps\n",
			rsv_where(s, off, buf), (unsigned long long)base,
			(unsigned long long)size);
		return -EOVERFLOW;
	}
	ret = bootmem_reserve(base, size, rsv->flags, rsv->label);
	if (ret == -ERANGE) {
		log_info("bootmem: %s: reservation %#llx + %#llx is outside memory, skipped\n",
			 rsv_where(s, off, buf), (unsigned long long)base,
			 (unsigned long long)size);
		return 0;
	}
	if (ret)
		log_err("bootmem: %s: reservation %#llx + %#llx: %s\n",
			rsv_where(s, off, buf), (unsigned long long)base,
			(unsigned long long)size, bootmem_strerror(ret));
	return ret;
}

static int scan_memreserve(struct fdt_scan *s)
{
	struct fdt_rsv rsv = { .label = "memreserve", .flags = 0 };
	uint64_t base, size;
	int i, n, ret;

	n = fdt_num_mem_rsv(s->fdt);
	if (n < 0)
		return bad_blob(s, -1, "/memreserve/", n);
	for (i = 0; i < n; i++) {
		ret = fdt_get_mem_rsv(s->fdt, i, &base, &size);
		if (ret)
			return bad_blob(s, -1, "/memreserve/", ret);
		ret = reserve(s, -1, base, size, &rsv);
		if (ret)
			return ret;
	}
	return 0;
}

static int reserve_child(struct fdt_scan *s, int off, int ac, int sc)
{
	struct fdt_rsv rsv = { .flags = 0 };
	char buf[FDT_PATH_LEN];
	const fdt32_t *p;
	int len;

	rsv.label = fdt_get_name(s->fdt, off, &len);
	if (!rsv.label)
		return bad_blob(s, off, "name", len);
	if (get_prop(s, off, "no-map", &len))
		rsv.flags |= BOOTMEM_NOMAP;
	else if (len != -ENOENT)
		return len;
	if (get_prop(s, off, "reg", &len))
		return walk_reg(s, off, ac, sc, reserve, &rsv);
	if (len != -ENOENT)
		return len;

	p = get_prop(s, off, "size", &len);
	if (!p && len != -ENOENT)
		return len;
	if (p && len == sc * (int)sizeof(*p))
		log_info("bootmem: %s: dynamic reservation of %#llx bytes not allocated\n",
			 rsv_where(s, off, buf), (unsigned long long)read_cells(p, sc));
	else
		log_warning("bootmem: %s: neither reg nor a valid size, ignored\n",
			    rsv_where(s, off, buf));
	return 0;
}

static int scan_reserved_memory(struct fdt_scan *s)
{
	int rm, off, ac, sc, ret;

	rm = fdt_path_offset(s->fdt, "/reserved-memory");
	if (rm == -FDT_ERR_NOTFOUND)
		return 0;
	if (rm < 0)
		return bad_blob(s, -1, "/reserved-memory", rm);
	if (!node_available(s, rm))
		return 0;
	ret = get_cells(s, rm, "#address-cells", s->ac, &ac);
	if (!ret)
		ret = get_cells(s, rm, "#size-cells", s->sc, &sc);
	if (ret)
		return ret;
	fdt_for_each_subnode(off, s->fdt, rm) {
		if (!node_available(s, off))
			continue;
		ret = reserve_child(s, off, ac, sc);
		if (ret)
			return ret;
	}
	if (off != -FDT_ERR_NOTFOUND)
		return bad_blob(s, rm, "subnodes", off);
	return 0;
}

/*
 * Walk the structure block once, tag by tag, before anything else does.
 * libfdt (the host's 1.6.1, and U-Boot's copy) takes a property length so
 * large that the offset wraps back onto the property's own tag: every
 * later walk of the tree would then loop for ever. Each tag must move the
 * walk forward, and the walk must reach FDT_END.
 */
static int check_tags(const void *fdt)
{
	int off = 0, next;
	u32 tag;

	do {
		tag = fdt_next_tag(fdt, off, &next);
		if (next <= off) {
			log_err("bootmem: device tree: tag at offset %d: %s\n",
				off, next < 0 ? fdt_strerror(next) :
				"length wraps the offset back");
			return -EFAULT;
		}
		off = next;
	} while (tag != FDT_END);
	return 0;
}

/**
 * bm_fdt_check() - whether libfdt may walk a blob
 * @fdt:	the blob
 *
 * Return: 0 if its header is sound, its size at most BOOTMEM_FDT_MAX_SIZE
 * and every tag of its structure block moves a walk forward to FDT_END;
 * -EFAULT (printed) otherwise
 */
int bm_fdt_check(const void *fdt)
{
	int ret;

	if (!fdt) {
		log_err("bootmem: no device tree\n");
		return -EFAULT;
	}
	ret = fdt_check_header(fdt);
	if (ret) {
		log_err("bootmem: device tree header: %s (%d)\n",
			fdt_strerror(ret), ret);
		return -EFAULT;
	}
	if (fdt_totalsize(fdt) > BOOTMEM_FDT_MAX_SIZE) {
		log_err("bootmem: device tree header: totalsize %u above %u\n",
			fdt_totalsize(fdt), BOOTMEM_FDT_MAX_SIZE);
		return -EFAULT;
	}
	return check_tags(fdt);
}

/* No node and no reservation: a failed scan may reset the registry. */
static bool registry_empty(void)
{
	struct bootmem_owner o;
	int nid;

	for_each_bootmem_node(nid)
		return false;
	return bootmem_owner(0, &o) == -ENOENT;
}

static int scan(struct fdt_scan *s)
{
	int ret;

	ret = bm_fdt_check(s->fdt);
	if (!ret)
		ret = get_cells(s, 0, "#address-cells", 2, &s->ac);
	if (!ret)
		ret = get_cells(s, 0, "#size-cells", 1, &s->sc);
	if (!ret)
		ret = scan_memory(s);
	if (!ret)
		ret = scan_cpus(s);
	if (!ret)
		ret = scan_distances(s);
	if (!ret)
		ret = scan_memreserve(s);
	if (!ret)
		ret = scan_reserved_memory(s);
	return ret;
}

int bootmem_fdt_scan(const void *fdt)
{
	struct fdt_scan s = { .fdt = fdt };
	int ret;

	if (bootmem_enabled()) {
		log_err("bootmem: device tree: %s\n", bootmem_strerror(-EPERM));
		return -EPERM;
	}
	if (!registry_empty()) {
		log_err("bootmem: device tree: registry already filled\n");
		return -EEXIST;
	}
	ret = scan(&s);
	if (ret)
		bootmem_reset();
	return ret;
}
