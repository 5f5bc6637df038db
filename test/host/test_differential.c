// SPDX-License-Identifier: GPL-2.0+
/*
 * Differential test: random operations, with fixed seeds, on bootmem and on
 * the reference model, across topologies (single node, QEMU-style
 * contiguous nodes, interleaved, sparse, page 0 as RAM). Results and the
 * state of every page must agree after every step, owners and labels of
 * every run after every FULL_CHECK steps; a mismatch names seed and step.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>
#include "bootmem_internal.h"
#include "host_port.h"
#include "model.h"

#define SEEDS		4
#define STEPS		10000
#define FULL_CHECK	8
#define MB		(1ULL << 20)

struct topo_range {
	int nid;
	phys_addr_t base;
	phys_size_t size;
};

struct topology {
	const struct topo_range *ranges;
	int nr_ranges;
	int cpu_only_node;	/* a node with CPUs and no memory, or -1 */
	int nr_nodes;
};

static const struct topo_range single[] = {
	{ 0, 0x40000000, 24 * MB },
};

static const struct topo_range qemu_two[] = {
	{ 1, 0x40000000 + 12 * MB, 12 * MB },
	{ 0, 0x40000000, 12 * MB },
};

static const struct topo_range interleaved[] = {
	{ 0, 0x40000000, 6 * MB },
	{ 1, 0x40000000 + 6 * MB, 7 * MB + 0x3000 },
	{ 0, 0x40000000 + 13 * MB + 0x3000, 5 * MB },
};

static const struct topo_range sparse[] = {
	{ 0, 0x40000000, 10 * MB },
	{ 0, 0x48000000, 3 * MB },
	{ 1, 0x8000000000ULL, 9 * MB + 0x5000 },
	{ 2, 0x10000000000ULL - 4 * MB, 4 * MB },
};

static const struct topo_range page_zero[] = {
	{ 0, 0, 5 * MB },
	{ 1, 5 * MB, 5 * MB },
	{ 2, 10 * MB, 5 * MB },
	{ 3, 15 * MB, 5 * MB },
};

static const struct topology topologies[] = {
	{ single, ARRAY_SIZE(single), -1, 1 },
	{ qemu_two, ARRAY_SIZE(qemu_two), -1, 2 },
	{ interleaved, ARRAY_SIZE(interleaved), 2, 3 },
	{ sparse, ARRAY_SIZE(sparse), 3, 4 },
	{ page_zero, ARRAY_SIZE(page_zero), -1, 4 },
};

static const char *const labels[] = { "kernel", "initrd", "fdt", "scratch" };

struct live {
	phys_addr_t addr;
	phys_size_t size;
};

struct run {
	struct model model;
	const struct topology *topo;
	unsigned int seed;
	unsigned int step;
	phys_addr_t lowest, highest;
	struct live live[4096];
	int nr_live;
};

static u64 rnd(struct run *t, u64 n)
{
	(void)t;
	return n ? (u64)random() % n : 0;
}

static u64 rnd64(struct run *t)
{
	return ((u64)random() << 33) ^ ((u64)random() << 11) ^ rnd(t, 2048);
}

static void mismatch(struct run *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("topology %td seed %u step %u: %s", t->topo - topologies,
		 t->seed, t->step, msg);
}

static void expect_same(struct run *t, const char *op, int got, int want,
			phys_addr_t got_addr, phys_addr_t want_addr)
{
	if (got != want || (!got && got_addr != want_addr))
		mismatch(t, "%s: bootmem %d @%#llx, model %d @%#llx", op, got,
			 (unsigned long long)got_addr, want,
			 (unsigned long long)want_addr);
}

/* An address near RAM: inside, just outside, or anywhere. */
static phys_addr_t rnd_addr(struct run *t)
{
	switch (rnd(t, 8)) {
	case 0:
		return rnd64(t);
	case 1:
		return t->highest + rnd(t, 16) * BOOTMEM_PAGE_SIZE;
	default:
		return t->lowest + rnd(t, t->highest - t->lowest);
	}
}

static phys_size_t rnd_size(struct run *t)
{
	switch (rnd(t, 10)) {
	case 0:
		return 0;
	case 1:
		return rnd(t, 8 * MB) + 1;
	case 2:
	case 3:
		return rnd(t, 512) * BOOTMEM_PAGE_SIZE + rnd(t, 4096) + 1;
	default:
		return (rnd(t, 16) + 1) * BOOTMEM_PAGE_SIZE - rnd(t, 2);
	}
}

static void remember(struct run *t, phys_addr_t addr, phys_size_t size)
{
	if (t->nr_live < (int)ARRAY_SIZE(t->live))
		t->live[t->nr_live++] = (struct live){ addr, size };
}

static bool table_has_room(void)
{
	return bm.nr_regions + 8 < BOOTMEM_MAX_REGIONS;
}

static void op_alloc(struct run *t)
{
	static const unsigned int flag_bits[] = {
		BOOTMEM_EXACT_NODE, BOOTMEM_BOTTOM_UP, BOOTMEM_LOW,
	};
	phys_size_t size = rnd_size(t);
	phys_size_t align = rnd(t, 3) ? 1ULL << (12 + rnd(t, 11)) :
			    1ULL << rnd(t, 12);
	phys_addr_t goal = rnd(t, 3) ? 0 : rnd_addr(t);
	phys_addr_t limit = rnd(t, 3) ? BOOTMEM_ALLOC_ANYWHERE : rnd_addr(t);
	int nid = rnd(t, 4) ? (int)rnd(t, t->topo->nr_nodes + 1) : NUMA_NO_NODE;
	const char *label = rnd(t, 3) || !table_has_room() ? NULL :
			    labels[rnd(t, ARRAY_SIZE(labels))];
	phys_addr_t got = 0, want = 0;
	unsigned int flags = 0, i;
	int ret_got, ret_want;

	for (i = 0; i < ARRAY_SIZE(flag_bits); i++)
		if (!rnd(t, 3))
			flags |= flag_bits[i];
	if (!rnd(t, 50))
		align = 3 << 12;
	if (!rnd(t, 40))
		nid = rnd(t, 2) ? 63 : -7;
	ret_got = bootmem_alloc(size, align, goal, limit, nid, flags, label,
				&got);
	ret_want = model_alloc(&t->model, size, align, goal, limit, nid, flags,
			       label, &want);
	expect_same(t, "alloc", ret_got, ret_want, got, want);
	if (!ret_got)
		remember(t, got, size);
}

static void op_alloc_at(struct run *t)
{
	phys_addr_t addr = rnd_addr(t) & ~(phys_addr_t)(rnd(t, 10) ? 0xfff : 0);
	phys_size_t size = rnd_size(t);
	const char *label = table_has_room() ? labels[rnd(t, 4)] : NULL;
	int got, want;

	got = bootmem_alloc_at(addr, size, 0, label);
	want = model_alloc_at(&t->model, addr, size, label);
	expect_same(t, "alloc_at", got, want, 0, 0);
	if (!got)
		remember(t, addr, size);
}

static void op_reserve(struct run *t)
{
	phys_addr_t addr = rnd_addr(t);
	phys_size_t size = rnd(t, 4) ? rnd(t, 64 * BOOTMEM_PAGE_SIZE) + 1 :
			   rnd_size(t);
	unsigned int flags = (rnd(t, 4) ? 0 : BOOTMEM_EXCLUSIVE) |
			     (rnd(t, 8) ? 0 : BOOTMEM_FORCE);
	const char *label = labels[rnd(t, 4)];
	int got, want;

	if (!table_has_room())
		return;
	got = bootmem_reserve(addr, size, flags, label);
	want = model_reserve(&t->model, addr, size, flags, label);
	expect_same(t, "reserve", got, want, 0, 0);
}

/* Free all or part of a live allocation, or a random range. */
static void op_free(struct run *t)
{
	phys_addr_t addr;
	phys_size_t size;
	int got, want, i;

	if (t->nr_live && rnd(t, 5)) {
		struct live *l = &t->live[i = rnd(t, t->nr_live)];
		u64 pages = (l->size + BOOTMEM_PAGE_SIZE - 1) >> 12;
		u64 first = rnd(t, 3) ? 0 : rnd(t, pages);
		u64 n = rnd(t, 3) ? pages - first : rnd(t, pages - first) + 1;

		addr = l->addr + (first << 12);
		size = n << 12;
		if (!table_has_room() && first && first + n < pages)
			return;
		*l = t->live[--t->nr_live];
		if (first)
			remember(t, l->addr, first << 12);
		if (first + n < pages)
			remember(t, addr + size, (pages - first - n) << 12);
	} else {
		/* It may cut a labelled allocation in two. */
		if (!table_has_room())
			return;
		addr = rnd_addr(t) & ~(phys_addr_t)0xfff;
		size = rnd_size(t);
	}
	got = bootmem_free(addr, size);
	want = model_free(&t->model, addr, size);
	expect_same(t, "free", got, want, 0, 0);
}

static void setup(struct run *t, const struct topology *topo)
{
	phys_addr_t map_base;
	phys_size_t map_size;
	int i;

	host_reset();
	model_init(&t->model);
	t->topo = topo;
	t->nr_live = 0;
	t->lowest = BOOTMEM_ALLOC_ANYWHERE;
	t->highest = 0;
	for (i = 0; i < topo->nr_ranges; i++) {
		const struct topo_range *r = &topo->ranges[i];

		assert_int_equal(bootmem_add_range(r->nid, r->base, r->size), 0);
		model_add_range(&t->model, r->nid, r->base >> 12, r->size >> 12);
		if (r->base < t->lowest)
			t->lowest = r->base;
		if (r->base + r->size > t->highest)
			t->highest = r->base + r->size;
	}
	if (topo->cpu_only_node >= 0) {
		assert_int_equal(bootmem_add_cpu(topo->cpu_only_node, 0), 0);
		model_add_node(&t->model, topo->cpu_only_node);
	}
	for (i = 1; i < topo->nr_nodes; i++) {
		assert_int_equal(bootmem_set_distance(0, i, 10 + 5 * i), 0);
		model_set_distance(&t->model, 0, i, 10 + 5 * i);
	}
	/* Firmware reservations made before the bitmap exists. */
	for (i = 0; i < 3; i++)
		op_reserve(t);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&map_base, &map_size);
	assert_int_equal(model_reserve(&t->model, map_base, map_size, 0,
				       "bootmem bitmap"), 0);
}

static void run_topology(const struct topology *topo)
{
	static struct run t;
	char why[256];

	for (t.seed = 1; t.seed <= SEEDS; t.seed++) {
		srandom(t.seed * 7919 + (topo - topologies));
		t.step = 0;
		setup(&t, topo);
		for (t.step = 1; t.step <= STEPS; t.step++) {
			switch (rnd(&t, 10)) {
			case 0:
				op_reserve(&t);
				break;
			case 1:
				op_alloc_at(&t);
				break;
			case 2:
			case 3:
			case 4:
			case 5:
				op_free(&t);
				break;
			default:
				op_alloc(&t);
			}
			if (!model_matches_pages(&t.model, why, sizeof(why)) ||
			    (t.step % FULL_CHECK == 0 &&
			     !model_matches(&t.model, why, sizeof(why))))
				mismatch(&t, "maps differ: %s", why);
		}
		model_free_all(&t.model);
	}
}

#define TOPOLOGY_TEST(name, idx) \
	static void name(void **state) \
	{ \
		(void)state; \
		run_topology(&topologies[idx]); \
	}

TOPOLOGY_TEST(differential_single_node, 0)
TOPOLOGY_TEST(differential_qemu_two_nodes, 1)
TOPOLOGY_TEST(differential_interleaved_nodes, 2)
TOPOLOGY_TEST(differential_sparse_nodes, 3)
TOPOLOGY_TEST(differential_ram_at_page_zero, 4)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(differential_single_node),
		cmocka_unit_test(differential_qemu_two_nodes),
		cmocka_unit_test(differential_interleaved_nodes),
		cmocka_unit_test(differential_sparse_nodes),
		cmocka_unit_test(differential_ram_at_page_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
