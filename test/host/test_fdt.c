// SPDX-License-Identifier: GPL-2.0+
/*
 * The device tree reader against the trees in dts/: every good tree fills
 * the registry with exactly what it says, every broken tree is refused
 * with its own error and leaves the registry empty, and damaged blobs are
 * refused without a read outside them.
 *
 * The compiled trees are read from $BOOTMEM_DTB_DIR (scripts/dts.mk sets
 * it to $(BUILD)/dtb), else $BUILD/dtb, else build/dtb.
 */

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include <bootmem.h>
#include <bootmem_fdt.h>
#include "host_port.h"

#define GiB	(1ULL << 30)
#define MiB	(1ULL << 20)
#define KiB	(1ULL << 10)

struct exp_node {
	int nid;
	unsigned int nr_cpus;
	u64 cpumask;
};

struct exp_range {
	int nid;
	u64 base;
	u64 size;
};

struct exp_dist {
	int from;
	int to;
	int distance;
};

struct exp_rsv {
	u64 base;
	u64 size;
	unsigned int flags;
	const char *label;
};

/* Lists end with a zero entry (size 0, or nr_cpus 0 and nid -1). */
struct good_tree {
	const char *name;
	const struct exp_node *nodes;
	const struct exp_range *ranges;
	const struct exp_dist *dists;	/* explicit ones; others 10 / 20 */
	const struct exp_rsv *rsvs;
};

static void *load_blob(const char *name, size_t *sizep)
{
	const char *dir = getenv("BOOTMEM_DTB_DIR");
	const char *build = getenv("BUILD");
	char path[512];
	size_t size;
	void *blob;
	FILE *f;

	if (dir)
		snprintf(path, sizeof(path), "%s/%s", dir, name);
	else
		snprintf(path, sizeof(path), "%s/dtb/%s",
			 build ? build : "build", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (set BOOTMEM_DTB_DIR, run make dtbs)",
			 path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	blob = malloc(size);
	assert_non_null(blob);
	assert_int_equal(fread(blob, 1, size, f), size);
	fclose(f);
	assert_true(size >= sizeof(struct fdt_header));
	assert_int_equal(fdt_totalsize(blob), size);
	if (sizep)
		*sizep = size;
	return blob;
}

static int scan_file(const char *name)
{
	void *blob = load_blob(name, NULL);
	int ret = bootmem_fdt_scan(blob);

	free(blob);
	return ret;
}

static int setup(void **state)
{
	(void)state;
	host_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	host_reset();
	return 0;
}

static bool registry_empty(void)
{
	struct bootmem_owner o;
	int nid;

	for_each_bootmem_node(nid)
		return false;
	return !bootmem_enabled() && bootmem_owner(0, &o) == -ENOENT;
}

static const struct exp_node *find_node(const struct good_tree *t, int nid)
{
	const struct exp_node *n;

	for (n = t->nodes; n->nid >= 0; n++)
		if (n->nid == nid)
			return n;
	return NULL;
}

static void check_nodes(const struct good_tree *t)
{
	struct bootmem_node_info info;
	const struct exp_range *r;
	const struct exp_node *n;
	unsigned int nr_ranges;
	u64 present;
	int nid;

	for (nid = 0; nid < BOOTMEM_MAX_NODES; nid++) {
		n = find_node(t, nid);
		if (!n) {
			assert_int_equal(bootmem_node_info(nid, &info), -ENODEV);
			continue;
		}
		assert_int_equal(bootmem_node_info(nid, &info), 0);
		assert_int_equal(info.nr_cpus, n->nr_cpus);
		assert_int_equal(info.cpumask, n->cpumask);
		nr_ranges = 0;
		present = 0;
		for (r = t->ranges; r->size; r++) {
			if (r->nid != nid)
				continue;
			nr_ranges++;
			present += r->size;
		}
		assert_int_equal(info.nr_ranges, nr_ranges);
		assert_int_equal(info.present, present);
	}
}

/* Each node's ranges, lowest first, as the tree gives them. */
static void check_ranges(const struct good_tree *t)
{
	const struct exp_node *n;
	const struct exp_range *r;
	phys_addr_t base;
	phys_size_t size;
	unsigned int idx;

	for (n = t->nodes; n->nid >= 0; n++) {
		idx = 0;
		for (r = t->ranges; r->size; r++) {
			if (r->nid != n->nid)
				continue;
			assert_int_equal(bootmem_node_range(n->nid, idx++,
							    &base, &size), 0);
			assert_int_equal(base, r->base);
			assert_int_equal(size, r->size);
		}
		assert_int_equal(bootmem_node_range(n->nid, idx, &base, &size),
				 -ENOENT);
	}
}

static int expected_distance(const struct good_tree *t, int from, int to)
{
	const struct exp_dist *d;

	for (d = t->dists; d && d->distance; d++)
		if (d->from == from && d->to == to)
			return d->distance;
	return from == to ? BOOTMEM_LOCAL_DISTANCE : BOOTMEM_REMOTE_DISTANCE;
}

static void check_distances(const struct good_tree *t)
{
	const struct exp_node *a, *b;

	for (a = t->nodes; a->nid >= 0; a++)
		for (b = t->nodes; b->nid >= 0; b++)
			assert_int_equal(bootmem_distance(a->nid, b->nid),
					 expected_distance(t, a->nid, b->nid));
}

static const struct exp_rsv *rsv_holding(const struct good_tree *t,
					 const struct bootmem_run *run)
{
	const struct exp_rsv *r;

	for (r = t->rsvs; r && r->size; r++)
		if (run->base >= r->base &&
		    run->base + run->size <= r->base + r->size)
			return r;
	return NULL;
}

/*
 * After enabling, every reserved run is the bitmap or a part of one
 * expected reservation with its label and flags, and the parts of each
 * add up to the whole: nothing skipped that should be kept, nothing kept
 * that should be skipped.
 */
static void check_reservations(const struct good_tree *t)
{
	u64 covered[16] = { 0 };
	const struct exp_rsv *r;
	struct bootmem_run run;
	phys_addr_t map;
	phys_size_t map_size;

	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 0);
	bootmem_map_location(&map, &map_size);
	for_each_bootmem_run(&run) {
		if (run.kind != BOOTMEM_RESERVED)
			continue;
		if (run.base >= map && run.base + run.size <= map + map_size)
			continue;
		r = rsv_holding(t, &run);
		if (!r)
			fail_msg("unexpected reservation %#llx + %#llx \"%s\"",
				 (unsigned long long)run.base,
				 (unsigned long long)run.size, run.label);
		assert_string_equal(run.label, r->label);
		assert_int_equal(run.flags, r->flags);
		assert_int_equal(run.nid, bootmem_addr_to_nid(run.base));
		covered[r - t->rsvs] += run.size;
	}
	for (r = t->rsvs; r && r->size; r++)
		assert_int_equal(covered[r - t->rsvs], r->size);
}

static void check_good_tree(const struct good_tree *t)
{
	assert_int_equal(scan_file(t->name), 0);
	check_nodes(t);
	check_ranges(t);
	check_distances(t);
	check_reservations(t);
}

#define NODES_END	{ .nid = -1 }

static void test_single_node_without_numa_is_node_0(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 2, 0x3 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 1 * GiB }, { 0 },
	};
	static const struct good_tree t = {
		"single.dtb", nodes, ranges, NULL, NULL,
	};

	(void)state;
	check_good_tree(&t);
	assert_int_equal(bootmem_boot_node(), 0);
}

static void test_two_nodes_as_qemu_writes_them(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 2, 0x3 }, { 1, 2, 0xc }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 2 * GiB }, { 1, 0xc0000000, 2 * GiB }, { 0 },
	};
	static const struct good_tree t = {
		"two-nodes.dtb", nodes, ranges, NULL, NULL,
	};

	(void)state;
	check_good_tree(&t);
}

static void test_distance_map_is_mirrored_where_one_way(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 2, 0x03 }, { 1, 2, 0x0c }, { 2, 2, 0x30 }, { 3, 2, 0xc0 },
		NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 1 * GiB }, { 1, 0x80000000, 1 * GiB },
		{ 2, 0xc0000000, 1 * GiB }, { 3, 0x100000000, 1 * GiB },
		{ 0 },
	};
	static const struct exp_dist dists[] = {
		{ 0, 1, 20 }, { 1, 0, 20 }, { 0, 2, 30 }, { 2, 0, 30 },
		{ 0, 3, 40 }, { 3, 0, 35 }, { 1, 2, 20 }, { 2, 1, 20 },
		{ 1, 3, 30 }, { 3, 1, 30 }, { 2, 3, 20 }, { 3, 2, 20 },
		{ 0 },
	};
	static const struct good_tree t = {
		"four-nodes-dist.dtb", nodes, ranges, dists, NULL,
	};

	(void)state;
	check_good_tree(&t);
}

static void test_node_with_cpus_and_no_memory(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 2, 0x03 }, { 1, 2, 0x0c }, { 2, 2, 0x30 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 2 * GiB }, { 1, 0xc0000000, 2 * GiB }, { 0 },
	};
	static const struct exp_dist dists[] = {
		{ 0, 2, 25 }, { 2, 0, 25 }, { 1, 2, 30 }, { 2, 1, 30 }, { 0 },
	};
	static const struct good_tree t = {
		"cpu-only-node.dtb", nodes, ranges, dists, NULL,
	};

	(void)state;
	check_good_tree(&t);
}

static void test_interleaved_nodes_keep_their_ranges(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x1 }, { 1, 1, 0x2 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 1 * GiB }, { 0, 0xc0000000, 1 * GiB },
		{ 1, 0x80000000, 1 * GiB }, { 0 },
	};
	static const struct good_tree t = {
		"interleaved.dtb", nodes, ranges, NULL, NULL,
	};

	(void)state;
	check_good_tree(&t);
	assert_int_equal(bootmem_addr_to_nid(0x7fffffff), 0);
	assert_int_equal(bootmem_addr_to_nid(0x80000000), 1);
	assert_int_equal(bootmem_addr_to_nid(0xc0000000), 0);
}

/* Banks of one node that touch are one block of RAM to allocate from. */
static void test_adjacent_banks_of_a_node_are_one_block(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x1 }, { 1, 1, 0x2 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 4 * MiB }, { 0, 0x40400000, 4 * MiB },
		{ 1, 0x80000000, 8 * MiB }, { 0 },
	};
	static const struct good_tree t = {
		"banks.dtb", nodes, ranges, NULL, NULL,
	};
	phys_addr_t a;

	(void)state;
	check_good_tree(&t);
	assert_int_equal(bootmem_alloc(6 * MiB, 4096, 0, BOOTMEM_ALLOC_ANYWHERE,
				       0, BOOTMEM_EXACT_NODE, NULL, &a), 0);
	assert_int_equal(a, 0x40200000);
}

static void test_sparse_high_memory(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x1 }, { 1, 1, 0x2 }, { 2, 1, 0x4 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 2 * GiB }, { 1, 0x8000000000, 4 * GiB },
		{ 2, 0x10000000000, 1 * GiB }, { 0 },
	};
	static const struct exp_dist dists[] = {
		{ 0, 1, 40 }, { 1, 0, 40 }, { 0, 2, 60 }, { 2, 0, 60 },
		{ 1, 2, 40 }, { 2, 1, 40 }, { 0 },
	};
	static const struct good_tree t = {
		"sparse-high.dtb", nodes, ranges, dists, NULL,
	};

	(void)state;
	check_good_tree(&t);
}

static void test_32bit_cells_and_disabled_memory(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x1 }, { 1, 1, 0x2 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 1 * GiB }, { 1, 0x80000000, 512 * MiB },
		{ 0 },
	};
	static const struct exp_rsv rsvs[] = {
		{ 0x40000000, 4 * KiB, 0, "memreserve" },
		{ 0x7ff00000, 1 * MiB, BOOTMEM_NOMAP, "fw@7ff00000" },
		{ 0 },
	};
	static const struct good_tree t = {
		"cells32.dtb", nodes, ranges, NULL, rsvs,
	};

	(void)state;
	check_good_tree(&t);
}

/*
 * Skipped: the /memreserve/ entry and flash@8000000 (outside memory),
 * off@50000000 (disabled) and linux,cma (dynamic).
 */
static void test_reservations_of_both_kinds(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x1 }, { 1, 1, 0x2 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 2 * GiB }, { 1, 0xc0000000, 2 * GiB }, { 0 },
	};
	static const struct exp_rsv rsvs[] = {
		{ 0x48000000, 64 * KiB, 0, "memreserve" },
		{ 0x4e000000, 2 * MiB, BOOTMEM_NOMAP, "secmon@4e000000" },
		{ 0xbfe00000, 4 * MiB, 0, "ramoops@bfe00000" },
		{ 0x60000000, 64 * KiB, 0, "split@60000000" },
		{ 0xd0000000, 128 * KiB, 0, "split@60000000" },
		{ 0 },
	};
	static const struct good_tree t = {
		"reservations.dtb", nodes, ranges, NULL, rsvs,
	};

	(void)state;
	check_good_tree(&t);
	assert_true(bootmem_is_free(0x50000000, 0x100000));
}

static void test_cpu_without_nid_lands_on_node_0(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 1, 0x2 }, { 1, 2, 0x5 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 1 * GiB }, { 1, 0x80000000, 1 * GiB }, { 0 },
	};
	static const struct good_tree t = {
		"cpu-default-node.dtb", nodes, ranges, NULL, NULL,
	};

	(void)state;
	check_good_tree(&t);
	assert_int_equal(bootmem_boot_node(), 1);
}

static void test_cpu_nids_ignored_when_memory_is_not_numa(void **state)
{
	static const struct exp_node nodes[] = {
		{ 0, 2, 0x3 }, NODES_END,
	};
	static const struct exp_range ranges[] = {
		{ 0, 0x40000000, 2 * GiB }, { 0 },
	};
	static const struct good_tree t = {
		"cpu-nid-ignored.dtb", nodes, ranges, NULL, NULL,
	};

	(void)state;
	check_good_tree(&t);
}

/* A refused tree leaves nothing behind, and the registry still works. */
static void check_refused(const char *name, int err)
{
	assert_int_equal(scan_file(name), err);
	assert_true(registry_empty());
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 -ENOMEM);
	assert_int_equal(scan_file("two-nodes.dtb"), 0);
	assert_int_equal(bootmem_node_info(1, NULL), 0);
}

#define BAD_TREE_TEST(fn, file, err) \
	static void fn(void **state) \
	{ \
		(void)state; \
		check_refused("bad/" file ".dtb", err); \
	}

BAD_TREE_TEST(test_bad_root_address_cells, "address-cells", -EDOM)
BAD_TREE_TEST(test_bad_root_size_cells_length, "size-cells-length", -EDOM)
BAD_TREE_TEST(test_bad_reserved_memory_cells, "rsv-cells", -EDOM)
BAD_TREE_TEST(test_bad_reg_length, "reg-length", -EMSGSIZE)
BAD_TREE_TEST(test_bad_reg_missing, "reg-missing", -EMSGSIZE)
BAD_TREE_TEST(test_bad_nid_length, "nid-length", -EMSGSIZE)
BAD_TREE_TEST(test_bad_reserved_reg_length, "rsv-reg-length", -EMSGSIZE)
BAD_TREE_TEST(test_bad_zero_size_range, "zero-size", -EINVAL)
BAD_TREE_TEST(test_bad_wrapping_range, "wrap", -EOVERFLOW)
BAD_TREE_TEST(test_bad_wrapping_reservation, "rsv-wrap", -EOVERFLOW)
BAD_TREE_TEST(test_bad_overlapping_nodes, "overlap", -EEXIST)
BAD_TREE_TEST(test_bad_memory_nid_too_big, "nid-too-big", -ENODEV)
BAD_TREE_TEST(test_bad_cpu_nid_too_big, "cpu-nid-too-big", -ENODEV)
BAD_TREE_TEST(test_bad_nid_on_some_memory_only, "nid-mixed", -ENODATA)
BAD_TREE_TEST(test_bad_no_memory_node, "no-memory", -ENODEV)
BAD_TREE_TEST(test_bad_distance_matrix_length, "dist-length", -EBADMSG)
BAD_TREE_TEST(test_bad_distance_matrix_missing, "dist-missing", -EBADMSG)
BAD_TREE_TEST(test_bad_distance_unknown_node, "dist-unknown", -EBADMSG)
BAD_TREE_TEST(test_bad_local_distance, "dist-local", -EBADMSG)
BAD_TREE_TEST(test_bad_remote_distance, "dist-remote", -EBADMSG)
BAD_TREE_TEST(test_bad_distance_above_255, "dist-big", -EBADMSG)

static void test_null_blob_is_refused(void **state)
{
	(void)state;
	assert_int_equal(bootmem_fdt_scan(NULL), -EFAULT);
	assert_true(registry_empty());
}

static void test_bad_magic_is_refused(void **state)
{
	struct fdt_header *h = load_blob("two-nodes.dtb", NULL);

	(void)state;
	h->magic = cpu_to_fdt32(0x12345678);
	assert_int_equal(bootmem_fdt_scan(h), -EFAULT);
	assert_true(registry_empty());
	free(h);
}

static void test_oversized_totalsize_is_refused(void **state)
{
	struct fdt_header *h = load_blob("two-nodes.dtb", NULL);

	(void)state;
	h->totalsize = cpu_to_fdt32(BOOTMEM_FDT_MAX_SIZE + 1);
	assert_int_equal(bootmem_fdt_scan(h), -EFAULT);
	assert_true(registry_empty());
	free(h);
}

static void test_corrupt_structure_is_refused(void **state)
{
	struct fdt_header *h = load_blob("two-nodes.dtb", NULL);
	fdt32_t *tag = (fdt32_t *)((char *)h + fdt_off_dt_struct(h));

	(void)state;
	*tag = cpu_to_fdt32(0x0badc0de);
	assert_int_equal(bootmem_fdt_scan(h), -EFAULT);
	assert_true(registry_empty());
	free(h);
}

/* Thousands of refused blobs would print thousands of messages. */
static void quiet(int saved[2])
{
	int null = open("/dev/null", O_WRONLY);

	fflush(stdout);
	fflush(stderr);
	saved[0] = dup(STDOUT_FILENO);
	saved[1] = dup(STDERR_FILENO);
	dup2(null, STDOUT_FILENO);
	dup2(null, STDERR_FILENO);
	close(null);
}

static void unquiet(const int saved[2])
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved[0], STDOUT_FILENO);
	dup2(saved[1], STDERR_FILENO);
	close(saved[0]);
	close(saved[1]);
}

/*
 * Cut a tree at every length and say so in its header, in a buffer of
 * exactly that length: under ASan any read past the cut is caught.
 */
static void test_truncated_blobs_are_refused(void **state)
{
	size_t size, len, bad_len = 0;
	void *blob = load_blob("reservations.dtb", &size);
	int saved[2], ret, bad_ret = 0;
	char *cut;

	(void)state;
	quiet(saved);
	for (len = sizeof(struct fdt_header); len < size && !bad_len; len++) {
		cut = malloc(len);
		assert_non_null(cut);
		memcpy(cut, blob, len);
		fdt_set_totalsize(cut, len);
		ret = bootmem_fdt_scan(cut);
		if (ret != -EFAULT || !registry_empty()) {
			bad_len = len;
			bad_ret = ret;
		}
		free(cut);
	}
	unquiet(saved);
	free(blob);
	if (bad_len)
		fail_msg("cut at %zu bytes: %d, registry %s", bad_len, bad_ret,
			 registry_empty() ? "empty" : "not empty");
}

/*
 * A property length that sends libfdt's walk back onto the property's own
 * tag (-12), before it (-16), or below zero, for every property of a tree.
 * libfdt accepts the first two and would loop for ever: the alarm turns a
 * hang into a failure.
 */
static void test_property_lengths_that_go_backwards_are_refused(void **state)
{
	static const u32 lens[] = { 0xfffffff4, 0xfffffff0, 0x80000000 };
	size_t size, i;
	char *blob = load_blob("reservations.dtb", &size);
	char *copy = malloc(size);
	int off = 0, next, props = 0, bad_off = -1, saved[2], ret;
	fdt32_t *lenp;
	u32 tag, bad_len = 0;

	(void)state;
	assert_non_null(copy);
	quiet(saved);
	alarm(10);
	do {
		tag = fdt_next_tag(blob, off, &next);
		for (i = 0; tag == FDT_PROP && i < ARRAY_SIZE(lens); i++) {
			memcpy(copy, blob, size);
			lenp = (fdt32_t *)(copy + fdt_off_dt_struct(copy) + off +
					   sizeof(fdt32_t));
			*lenp = cpu_to_fdt32(lens[i]);
			ret = bootmem_fdt_scan(copy);
			if (bad_off < 0 && (ret != -EFAULT || !registry_empty())) {
				bad_off = off;
				bad_len = lens[i];
			}
		}
		props += tag == FDT_PROP;
		off = next;
	} while (tag != FDT_END && next > 0);
	alarm(0);
	unquiet(saved);
	free(copy);
	free(blob);
	assert_true(props > 10);
	if (bad_off >= 0)
		fail_msg("length %#x at structure offset %d not refused",
			 bad_len, bad_off);
}

/*
 * Flip each byte of a tree in turn: whatever the outcome, no crash, no
 * read outside the blob, and an error leaves an empty registry.
 */
static void test_every_flipped_byte_is_safe(void **state)
{
	size_t size, i, bad = 0;
	char *blob = load_blob("reservations.dtb", &size);
	int saved[2], ret;

	(void)state;
	quiet(saved);
	for (i = 0; i < size && !bad; i++) {
		blob[i] ^= 0xff;
		ret = bootmem_fdt_scan(blob);
		if (ret > 0 || (ret && !registry_empty()))
			bad = i + 1;
		host_reset();
		blob[i] ^= 0xff;
	}
	unquiet(saved);
	free(blob);
	if (bad)
		fail_msg("byte %zu flipped: registry left filled", bad - 1);
}

/*
 * A blob at an odd address: libfdt >= 1.6 refuses it (FDT_ERR_ALIGNMENT),
 * U-Boot's older copy reads it; either way our own reads of its cells must
 * not trap (UBSan checks alignment).
 */
static void test_unaligned_blob_is_refused_or_read(void **state)
{
	size_t size;
	void *blob = load_blob("reservations.dtb", &size);
	char *odd = malloc(size + 1);
	phys_addr_t base;
	phys_size_t len;
	int ret;

	(void)state;
	assert_non_null(odd);
	memcpy(odd + 1, blob, size);
	ret = bootmem_fdt_scan(odd + 1);
	if (ret) {
		assert_int_equal(ret, -EFAULT);
		assert_true(registry_empty());
	} else {
		assert_int_equal(bootmem_node_range(1, 0, &base, &len), 0);
		assert_int_equal(base, 0xc0000000);
		assert_int_equal(len, 2 * GiB);
	}
	free(odd);
	free(blob);
}

static void test_busy_when_registry_has_nodes(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(5, 0x40000000, 1 * GiB), 0);
	assert_int_equal(scan_file("two-nodes.dtb"), -EEXIST);
	/* Not reset: what the caller registered stays. */
	assert_int_equal(bootmem_node_range(5, 0, &base, &size), 0);
	assert_int_equal(bootmem_node_info(0, NULL), -ENODEV);
}

static void test_busy_when_enabled(void **state)
{
	(void)state;
	assert_int_equal(scan_file("single.dtb"), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 0);
	assert_int_equal(scan_file("single.dtb"), -EPERM);
	assert_true(bootmem_enabled());
}

/* A tree with one memory node of @n reg entries, 1 MiB each, 2 MiB apart. */
static char *many_ranges(int n)
{
	size_t bufsize = 64 * KiB;
	char *fdt = malloc(bufsize);
	fdt64_t *reg;
	int i;

	assert_non_null(fdt);
	assert_int_equal(fdt_create(fdt, bufsize), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_u32(fdt, "#address-cells", 2), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);
	assert_int_equal(fdt_begin_node(fdt, "memory@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	assert_int_equal(fdt_property_placeholder(fdt, "reg", n * 16,
						  (void **)&reg), 0);
	for (i = 0; i < n; i++) {
		fdt64_st(reg + 2 * i, 0x40000000 + 2ULL * i * MiB);
		fdt64_st(reg + 2 * i + 1, 1 * MiB);
	}
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);

	return fdt;
}

/* The registry has no fixed number of ranges: 300 in one node are read. */
static void test_many_ranges_are_read(void **state)
{
	struct bootmem_node_info info;
	char *fdt = many_ranges(300);

	(void)state;
	assert_int_equal(bootmem_fdt_scan(fdt), 0);
	assert_int_equal(bootmem_node_info(0, &info), 0);
	assert_int_equal(info.nr_ranges, 300);
	free(fdt);
}

/* A heap too small for the registry: refused, the registry left empty. */
static void test_heap_exhaustion_leaves_the_registry_empty(void **state)
{
	char *fdt = many_ranges(300);

	(void)state;
	host_heap_fail_after = 3;
	assert_int_equal(bootmem_fdt_scan(fdt), -ENOMEM);
	host_heap_fail_after = -1;
	assert_true(registry_empty());
	free(fdt);
}

/* Scan with stderr caught in @msg: what the user would read. */
static int scan_captured(const void *fdt, char *msg, size_t len)
{
	FILE *f = tmpfile();
	int saved, ret;
	size_t n;

	assert_non_null(f);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(f), STDERR_FILENO);
	ret = bootmem_fdt_scan(fdt);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(f);
	n = fread(msg, 1, len - 1, f);
	msg[n] = '\0';
	fclose(f);
	return ret;
}

/*
 * A second top-level node after the root, holding a broken distance map.
 * libfdt's fdt_get_path() walks off the front of its buffer on such a
 * tree; the error message must name the node without doing so.
 */
static void test_second_top_level_node_is_safe(void **state)
{
	fdt32_t matrix[2] = { cpu_to_fdt32(0), cpu_to_fdt32(1) };
	size_t bufsize = 4 * KiB;
	char *fdt = malloc(bufsize);
	char msg[256];
	fdt64_t reg[2];

	(void)state;
	assert_non_null(fdt);
	fdt64_st(&reg[0], 0x40000000);
	fdt64_st(&reg[1], 1 * GiB);
	assert_int_equal(fdt_create(fdt, bufsize), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	assert_int_equal(fdt_property_u32(fdt, "#size-cells", 2), 0);
	assert_int_equal(fdt_begin_node(fdt, "memory@40000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	assert_int_equal(fdt_property(fdt, "reg", reg, sizeof(reg)), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "distance-map"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible",
					     "numa-distance-map-v1"), 0);
	assert_int_equal(fdt_property(fdt, "distance-matrix", matrix,
				      sizeof(matrix)), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);

	assert_int_equal(scan_captured(fdt, msg, sizeof(msg)), -EBADMSG);
	assert_true(registry_empty());
	assert_string_equal(msg, "bootmem: distance-map: distance-matrix: bad length, expected (from, to, distance) triplets\n");
	free(fdt);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_single_node_without_numa_is_node_0),
		T(test_two_nodes_as_qemu_writes_them),
		T(test_distance_map_is_mirrored_where_one_way),
		T(test_node_with_cpus_and_no_memory),
		T(test_interleaved_nodes_keep_their_ranges),
		T(test_adjacent_banks_of_a_node_are_one_block),
		T(test_sparse_high_memory),
		T(test_32bit_cells_and_disabled_memory),
		T(test_reservations_of_both_kinds),
		T(test_cpu_without_nid_lands_on_node_0),
		T(test_cpu_nids_ignored_when_memory_is_not_numa),
		T(test_bad_root_address_cells),
		T(test_bad_root_size_cells_length),
		T(test_bad_reserved_memory_cells),
		T(test_bad_reg_length),
		T(test_bad_reg_missing),
		T(test_bad_nid_length),
		T(test_bad_reserved_reg_length),
		T(test_bad_zero_size_range),
		T(test_bad_wrapping_range),
		T(test_bad_wrapping_reservation),
		T(test_bad_overlapping_nodes),
		T(test_bad_memory_nid_too_big),
		T(test_bad_cpu_nid_too_big),
		T(test_bad_nid_on_some_memory_only),
		T(test_bad_no_memory_node),
		T(test_bad_distance_matrix_length),
		T(test_bad_distance_matrix_missing),
		T(test_bad_distance_unknown_node),
		T(test_bad_local_distance),
		T(test_bad_remote_distance),
		T(test_bad_distance_above_255),
		T(test_null_blob_is_refused),
		T(test_bad_magic_is_refused),
		T(test_oversized_totalsize_is_refused),
		T(test_corrupt_structure_is_refused),
		T(test_truncated_blobs_are_refused),
		T(test_property_lengths_that_go_backwards_are_refused),
		T(test_every_flipped_byte_is_safe),
		T(test_unaligned_blob_is_refused_or_read),
		T(test_second_top_level_node_is_safe),
		T(test_busy_when_registry_has_nodes),
		T(test_busy_when_enabled),
		T(test_many_ranges_are_read),
		T(test_heap_exhaustion_leaves_the_registry_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
