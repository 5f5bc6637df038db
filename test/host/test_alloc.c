// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem_alloc() and bootmem_alloc_at(): argument checks, direction,
 * alignment, goal and limit, node locality, fallback by distance, crossing
 * node boundaries but never holes, and large runs in a fragmented map.
 */

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_port.h"

#define GB	(1ULL << 30)
#define MB	(1ULL << 20)
#define ANY	NUMA_NO_NODE
#define TOP	BOOTMEM_ALLOC_ANYWHERE

static int setup(void **state)
{
	(void)state;
	host_reset();
	return 0;
}

static void enable(void)
{
	phys_addr_t base;
	phys_size_t size;

	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	/* Tests reason about the free space: keep the bitmap out of it. */
	bootmem_map_location(&base, &size);
	assert_true(size <= MB);
}

/* QEMU's layout: node 0 at 1 GiB, node 1 right above it. */
static void two_nodes(void)
{
	assert_int_equal(bootmem_add_range(0, 0x40000000, 64 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x40000000 + 64 * MB, 64 * MB), 0);
	enable();
}

static phys_addr_t alloc(phys_size_t size, phys_size_t align, phys_addr_t goal,
			 phys_addr_t limit, int nid, unsigned int flags)
{
	phys_addr_t addr = ~0ULL;

	assert_int_equal(bootmem_alloc(size, align, goal, limit, nid, flags,
				       NULL, &addr), 0);
	return addr;
}

static int try_alloc(phys_size_t size, phys_size_t align, int nid,
		     unsigned int flags)
{
	phys_addr_t addr;

	return bootmem_alloc(size, align, 0, TOP, nid, flags, NULL, &addr);
}

static void alloc_needs_enable(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 64 * MB), 0);
	assert_int_equal(try_alloc(4096, 4096, ANY, 0), -EAGAIN);
	assert_int_equal(bootmem_alloc_at(0x40000000, 4096, 0, NULL), -EAGAIN);
}

static void alloc_rejects_bad_arguments(void **state)
{
	(void)state;
	two_nodes();
	assert_int_equal(try_alloc(0, 4096, ANY, 0), -EINVAL);
	assert_int_equal(try_alloc(4096, 0, ANY, 0), -EINVAL);
	assert_int_equal(try_alloc(4096, 3 * 4096, ANY, 0), -EINVAL);
	assert_int_equal(try_alloc(4096, 4096, ANY, 1U << 12), -EINVAL);
	assert_int_equal(try_alloc(4096, 4096, ANY, BOOTMEM_FORCE), -EINVAL);
	assert_int_equal(try_alloc(~0ULL - 10, 4096, ANY, 0), -EOVERFLOW);
	assert_int_equal(try_alloc(4096, 4096, 2, 0), -ENODEV);
	assert_int_equal(try_alloc(4096, 4096, -2, 0), -ENODEV);
	assert_int_equal(try_alloc(4096, 4096, BOOTMEM_MAX_NODES, 0), -ENODEV);
	assert_int_equal(try_alloc(1ULL << 40, 4096, ANY, 0), -ENOMEM);
	assert_true(bootmem_is_free(0x40000000, 64 * MB));
}

/*
 * A negative node id other than NUMA_NO_NODE is refused whatever the fast
 * path remembers: after a free its hint is "none", which is a negative id
 * too, and must not match one.
 */
static void alloc_refuses_negative_nodes_after_a_free(void **state)
{
	static const int bad[] = { -2, -3, -7, INT_MIN };
	phys_addr_t a, b;
	unsigned int i;

	(void)state;
	two_nodes();
	a = alloc(4096, 4096, 0, TOP, ANY, 0);
	b = alloc(4096, 4096, 0, TOP, ANY, 0);
	assert_int_equal(bootmem_free(a, 4096), 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		assert_int_equal(try_alloc(4096, 4096, bad[i], 0), -ENODEV);
		assert_true(bootmem_is_free(a, 4096));
		assert_false(bootmem_is_free(b, 4096));
	}
	assert_int_equal(alloc(4096, 4096, 0, TOP, ANY, 0), a);
}

static void alloc_is_top_down_by_default(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	two_nodes();
	bootmem_map_location(&base, &size);
	assert_int_equal(base + size, 0x40000000 + 128 * MB);
	assert_int_equal(alloc(4096, 4096, 0, TOP, ANY, 0), base - 4096);
}

static void alloc_bottom_up_takes_the_lowest_fit(void **state)
{
	(void)state;
	two_nodes();
	assert_int_equal(alloc(100, 4096, 0, TOP, ANY, BOOTMEM_BOTTOM_UP),
			 0x40000000);
	assert_int_equal(alloc(100, 4096, 0, TOP, ANY, BOOTMEM_BOTTOM_UP),
			 0x40001000);
}

static void alloc_rounds_size_up_to_pages(void **state)
{
	phys_addr_t a;

	(void)state;
	two_nodes();
	a = alloc(4097, 4096, 0, TOP, ANY, BOOTMEM_BOTTOM_UP);
	assert_false(bootmem_is_free(a + 4096, 1));
	assert_true(bootmem_is_free(a + 8192, 4096));
}

static void alloc_honours_alignment(void **state)
{
	phys_addr_t a;

	(void)state;
	two_nodes();
	alloc(4096, 4096, 0, TOP, ANY, BOOTMEM_BOTTOM_UP);
	a = alloc(4096, 2 * MB, 0, TOP, ANY, BOOTMEM_BOTTOM_UP);
	assert_int_equal(a, 0x40000000 + 2 * MB);
	a = alloc(3 * MB, 16 * MB, 0, TOP, ANY, 0);
	assert_int_equal(a % (16 * MB), 0);
}

static void alloc_honours_goal_then_drops_it(void **state)
{
	(void)state;
	two_nodes();
	assert_int_equal(alloc(4096, 4096, 0x40000000 + 100 * MB, TOP, ANY,
			       BOOTMEM_BOTTOM_UP), 0x40000000 + 100 * MB);
	/* Nothing fits above the goal: it is dropped, not failed. */
	assert_int_equal(alloc(8 * MB, 4096, 0x40000000 + 125 * MB, TOP, ANY,
			       BOOTMEM_BOTTOM_UP), 0x40000000);
}

static void alloc_honours_limit(void **state)
{
	(void)state;
	two_nodes();
	assert_int_equal(alloc(MB, 4096, 0, 0x40000000 + 10 * MB, ANY, 0),
			 0x40000000 + 9 * MB);
	assert_int_equal(bootmem_alloc(MB, 4096, 0, 0x40000000, ANY, 0, NULL,
				       &(phys_addr_t){0}), -ENOMEM);
}

static void alloc_low_stays_below_4g(void **state)
{
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0xf0000000, 512 * MB), 0);
	enable();
	a = alloc(MB, 4096, 0, TOP, ANY, BOOTMEM_LOW);
	assert_int_equal(a + MB, 1ULL << 32);
}

static void alloc_exact_node_returns_only_that_node(void **state)
{
	int i;

	(void)state;
	/* Node 0 owns two ranges around node 1's. */
	assert_int_equal(bootmem_add_range(0, 0x40000000, 8 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x40800000, 8 * MB), 0);
	assert_int_equal(bootmem_add_range(0, 0x41000000, 8 * MB), 0);
	enable();
	for (i = 0; i < 2048; i++) {
		phys_addr_t a = alloc(4096, 4096, 0, TOP, 1, BOOTMEM_EXACT_NODE);

		assert_int_equal(bootmem_addr_to_nid(a), 1);
	}
	/* Node 1 is full; node 0 still has room, and is not used. */
	assert_int_equal(try_alloc(4096, 4096, 1, BOOTMEM_EXACT_NODE), -ENOMEM);
	assert_int_equal(try_alloc(4096, 4096, 0, BOOTMEM_EXACT_NODE), 0);
}

static void alloc_falls_back_by_distance(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 16 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x80000000, 16 * MB), 0);
	assert_int_equal(bootmem_add_range(2, 0xc0000000, 16 * MB), 0);
	assert_int_equal(bootmem_set_distance(2, 0, 15), 0);
	assert_int_equal(bootmem_set_distance(2, 1, 30), 0);
	enable();
	assert_int_equal(bootmem_addr_to_nid(alloc(8 * MB, 4096, 0, TOP, 2, 0)), 2);
	assert_int_equal(bootmem_addr_to_nid(alloc(12 * MB, 4096, 0, TOP, 2, 0)), 0);
}

static void alloc_for_a_memoryless_node_uses_the_nearest(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 16 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x80000000, 16 * MB), 0);
	assert_int_equal(bootmem_add_cpu(2, 0), 0);
	assert_int_equal(bootmem_set_distance(2, 1, 12), 0);
	enable();
	assert_int_equal(bootmem_addr_to_nid(alloc(4096, 4096, 0, TOP, 2, 0)), 1);
	/* Only that node, which has none: said so, not "out of memory". */
	assert_int_equal(try_alloc(4096, 4096, 2, BOOTMEM_EXACT_NODE), -ENXIO);
}

/* One reg entry per bank: a seam between two ranges of a node is no hole. */
static void alloc_searches_adjacent_ranges_of_a_node_as_one(void **state)
{
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_add_range(0, GB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(0, GB + 4 * MB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 2 * GB, 8 * MB), 0);
	assert_int_equal(bootmem_add_range(2, 3 * GB, 8 * MB), 0);
	assert_int_equal(bootmem_set_distance(1, 0, 15), 0);
	assert_int_equal(bootmem_set_distance(1, 2, 30), 0);
	enable();
	a = alloc(6 * MB, 4096, 0, TOP, 0, BOOTMEM_EXACT_NODE);
	assert_int_equal(a, GB + 2 * MB);
	assert_int_equal(bootmem_free(a, 6 * MB), 0);
	assert_int_equal(alloc(6 * MB, 4096, 0, TOP, 0, 0), GB + 2 * MB);
	assert_int_equal(bootmem_free(GB + 2 * MB, 6 * MB), 0);
	assert_int_equal(alloc(6 * MB, 4096, 0, TOP, 0, BOOTMEM_BOTTOM_UP), GB);
	assert_int_equal(bootmem_free(GB, 6 * MB), 0);
	/* Node 1 full: its nearest node, 0, takes it, seam and all. */
	assert_int_equal(alloc(6 * MB, 4096, 0, TOP, 1, BOOTMEM_EXACT_NODE),
			 2 * GB + 2 * MB);
	assert_int_equal(alloc(6 * MB, 4096, 0, TOP, 1, 0), GB + 2 * MB);
}

/* Node 0, node 1, node 0: node 0's two ranges do not touch each other. */
static void alloc_never_joins_a_node_across_another(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, GB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(1, GB + 4 * MB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(0, GB + 8 * MB, 4 * MB), 0);
	enable();
	assert_int_equal(try_alloc(6 * MB, 4096, 0, BOOTMEM_EXACT_NODE), -ENOMEM);
	/* Without EXACT_NODE, any contiguous RAM: across both boundaries. */
	assert_int_equal(alloc(6 * MB, 4096, 0, TOP, 0, BOOTMEM_BOTTOM_UP), GB);
}

/* The limit is where the allocation must end by; unaligned, it rounds down. */
static void alloc_ends_at_or_below_its_limit(void **state)
{
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_add_range(0, GB, 64 * MB), 0);
	enable();
	a = alloc(4096, 4096, 0, GB + 16 * MB + 0xfff, ANY, 0);
	assert_int_equal(a, GB + 16 * MB - 4096);
	a = alloc(4096, 4096, 0, GB + 16 * MB, ANY, 0);
	assert_int_equal(a, GB + 16 * MB - 8192);
	assert_int_equal(bootmem_alloc(4096, 4096, 0, GB + 0xfff, ANY, 0, NULL,
				       &a), -ENOMEM);
}

/* BOOTMEM_ALLOC_ANYWHERE sets no limit: RAM may end at the top of 2^64. */
static void alloc_anywhere_reaches_the_top_page(void **state)
{
	const phys_addr_t base = ~0ULL - 4 * MB + 1;
	phys_addr_t map, a;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, base, 4 * MB), 0);
	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	bootmem_map_location(&map, &size);
	assert_int_equal(map + size, 0);
	assert_int_equal(bootmem_free(map, size), -EACCES);
	a = alloc(4096, 4096, 0, TOP, ANY, 0);
	assert_int_equal(a, map - 4096);
	assert_int_equal(alloc(4096, 4096, 0, map - 4096, ANY, 0), map - 8192);
}

/*
 * Bytes up to the last one of the address space are RAM like any other:
 * with the bitmap on node 0, one byte top-down lands on ~0, then the next
 * one below it.
 */
static void a_byte_alloc_reaches_the_last_byte(void **state)
{
	phys_addr_t a = 0, b = 0;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 64 * MB), 0);
	assert_int_equal(bootmem_add_range(1, ~0ULL - 4 * MB + 1, 4 * MB), 0);
	assert_int_equal(bootmem_enable(0, TOP), 0);
	assert_int_equal(bootmem_alloc(1, 1, 0x10000, TOP, ANY, BOOTMEM_BYTES,
				       "top", &a), 0);
	assert_true(a == ~0ULL);
	assert_int_equal(bootmem_alloc(1, 1, 0, TOP, 1, BOOTMEM_BYTES |
				       BOOTMEM_EXACT_NODE, "below", &b), 0);
	assert_true(b == ~0ULL - 1);
	assert_int_equal(bootmem_free_flags(a, 1, BOOTMEM_BYTES), 0);
}

static void alloc_crosses_contiguous_nodes_but_not_holes(void **state)
{
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 64 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x44000000, 64 * MB), 0);
	assert_int_equal(bootmem_add_range(2, 0x50000000, 64 * MB), 0);
	enable();
	a = alloc(100 * MB, 4096, 0, TOP, 0, 0);
	assert_int_equal(bootmem_addr_to_nid(a), 0);
	assert_int_equal(bootmem_addr_to_nid(a + 100 * MB - 1), 1);
	/* 64 MiB free on node 2, 28 on nodes 0-1: never across the hole. */
	assert_int_equal(try_alloc(80 * MB, 4096, ANY, 0), -ENOMEM);
	assert_int_equal(try_alloc(100 * MB, 4096, 0, BOOTMEM_EXACT_NODE),
			 -ENOMEM);
}

static void alloc_can_return_address_zero(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0, 16 * MB), 0);
	enable();
	assert_int_equal(alloc(4096, 4096, 0, TOP, ANY, BOOTMEM_BOTTOM_UP), 0);
	assert_false(bootmem_is_free(0, 4096));
}

static void alloc_finds_a_large_run_in_a_fragmented_map(void **state)
{
	const phys_addr_t base = 0x40000000, top = base + 8 * GB;
	const phys_addr_t hole = base + 3 * GB, hole_end = hole + 516 * MB;
	phys_addr_t p;
	int nid;

	(void)state;
	for (nid = 0; nid < 4; nid++)
		assert_int_equal(bootmem_add_range(nid, base + nid * 2 * GB,
						   2 * GB), 0);
	enable();
	/* Every other page below the top GiB, but for one 516 MiB window. */
	for (p = base; p < top - GB; p += 8192)
		if (p < hole || p >= hole_end)
			assert_int_equal(bootmem_alloc_at(p, 4096, 0, NULL), 0);
	assert_int_equal(alloc(512 * MB, 2 * MB, 0, top - GB, ANY, 0),
			 hole + 4 * MB);
	assert_int_equal(bootmem_free(hole + 4 * MB, 512 * MB), 0);
	assert_int_equal(alloc(512 * MB, 2 * MB, 0, TOP, ANY,
			       BOOTMEM_BOTTOM_UP), hole);
	assert_int_equal(bootmem_alloc(600 * MB, 2 * MB, 0, top - GB, ANY, 0,
				       NULL, &p), -ENOMEM);
}

static void alloc_at_takes_exactly_that_range(void **state)
{
	(void)state;
	two_nodes();
	assert_int_equal(bootmem_alloc_at(0x40100000, 8192, 0, "x"), 0);
	assert_false(bootmem_is_free(0x40100000, 8192));
	assert_true(bootmem_is_free(0x40102000, 4096));
	assert_int_equal(bootmem_alloc_at(0x40101000, 8192, 0, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(0x40102800, 4096, 0, NULL), -EINVAL);
	assert_int_equal(bootmem_alloc_at(0x40102000, 0, 0, NULL), -EINVAL);
	assert_int_equal(bootmem_alloc_at(0x3ffff000, 8192, 0, NULL), -ERANGE);
	assert_int_equal(bootmem_alloc_at(~0ULL - 4095, 8192, 0, NULL),
			 -EOVERFLOW);
	assert_int_equal(bootmem_alloc_at(0x40102000, 4096, BOOTMEM_FORCE, NULL),
			 -EINVAL);
	assert_true(bootmem_is_free(0x40102000, 4096));
	/* Across the node boundary is fine where RAM is contiguous. */
	assert_int_equal(bootmem_alloc_at(0x43fff000, 8192, 0, NULL), 0);
}

/*
 * Each named form is bootmem_alloc() with the arguments its name says: on
 * two nodes of 64 MiB, node 1's highest free MiB, the lowest one, one
 * below a limit, and KEEP for the OS; a full node falls back, except
 * node-exact.
 */
static void named_forms_say_what_they_mean(void **state)
{
	phys_addr_t n1 = 0x40000000 + 64 * MB, addr;
	struct bootmem_run run;

	(void)state;
	two_nodes();
	/* The bitmap holds the top page: node 1's highest free MiB is below. */
	assert_int_equal(bootmem_alloc_node(MB, MB, 1, "node", &addr), 0);
	assert_int_equal(addr, n1 + 62 * MB);
	assert_int_equal(bootmem_alloc_lowest(MB, MB, "lowest", &addr), 0);
	assert_int_equal(addr, 0x40000000);
	assert_int_equal(bootmem_alloc_below(MB, MB, n1 + MB, 1, "below",
					     &addr), 0);
	assert_int_equal(addr, n1);
	assert_int_equal(bootmem_alloc_for_os(MB, MB, 0, "os", &addr), 0);
	assert_int_equal(bootmem_addr_to_nid(addr), 0);
	assert_int_equal(bootmem_run_at(addr, &run), 0);
	assert_int_equal(run.flags, BOOTMEM_KEEP);
	assert_string_equal(run.label, "os");

	/* Node 1 full: the node form falls back, the exact one does not. */
	while (!bootmem_alloc_exact_node(MB, MB, 1, NULL, &addr))
		assert_int_equal(bootmem_addr_to_nid(addr), 1);
	assert_int_equal(bootmem_alloc_exact_node(MB, MB, 1, NULL, &addr),
			 -ENOMEM);
	assert_int_equal(bootmem_alloc_node(MB, MB, 1, NULL, &addr), 0);
	assert_int_equal(bootmem_addr_to_nid(addr), 0);
}

/*
 * The fragmented map of a benchmark in one call: every other page in use,
 * across the seam of the two nodes; a block in use or in a hole refuses
 * the whole call with nothing changed.
 */
static void alloc_at_every_takes_each_block(void **state)
{
	phys_addr_t seam = 0x40000000 + 64 * MB, lo = seam - 8 * 4096, p;
	struct bootmem_node_info before, after;

	(void)state;
	two_nodes();
	assert_int_equal(bootmem_alloc_at_every(lo, 4096, 2 * 4096,
						seam + 8 * 4096), 0);
	for (p = lo; p < seam + 8 * 4096; p += 4096)
		assert_int_equal(bootmem_is_free(p, 4096), (p - lo) % 8192 != 0);
	assert_int_equal(bootmem_free(lo + 2 * 4096, 4096), 0);
	assert_int_equal(bootmem_alloc_at(lo + 2 * 4096, 4096, 0, NULL), 0);

	assert_int_equal(bootmem_node_info(0, &before), 0);
	/* The last block, [lo, lo + 8 KiB), holds a page in use. */
	assert_int_equal(bootmem_alloc_at_every(0x40000000, 2 * 4096, 4 * 4096,
						lo + 2 * 4096), -EBUSY);
	assert_int_equal(bootmem_alloc_at_every(0x40000000 - 4096, 4096, 4096,
						0x40000000 + 4096), -ERANGE);
	assert_int_equal(bootmem_alloc_at_every(0x40000000, 4096, 2048,
						lo), -EINVAL);
	assert_int_equal(bootmem_alloc_at_every(0x40000000, 8192, 4096,
						lo), -EINVAL);
	assert_int_equal(bootmem_alloc_at_every(lo, 4096, 8192, lo), -EINVAL);
	assert_int_equal(bootmem_node_info(0, &after), 0);
	assert_memory_equal(&before, &after, sizeof(before));
	assert_true(bootmem_is_free(0x40000000, 4096));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(alloc_needs_enable, setup),
		cmocka_unit_test_setup(alloc_rejects_bad_arguments, setup),
		cmocka_unit_test_setup(alloc_refuses_negative_nodes_after_a_free,
				       setup),
		cmocka_unit_test_setup(alloc_is_top_down_by_default, setup),
		cmocka_unit_test_setup(alloc_bottom_up_takes_the_lowest_fit, setup),
		cmocka_unit_test_setup(alloc_rounds_size_up_to_pages, setup),
		cmocka_unit_test_setup(alloc_honours_alignment, setup),
		cmocka_unit_test_setup(alloc_honours_goal_then_drops_it, setup),
		cmocka_unit_test_setup(alloc_honours_limit, setup),
		cmocka_unit_test_setup(alloc_low_stays_below_4g, setup),
		cmocka_unit_test_setup(alloc_exact_node_returns_only_that_node, setup),
		cmocka_unit_test_setup(alloc_falls_back_by_distance, setup),
		cmocka_unit_test_setup(alloc_for_a_memoryless_node_uses_the_nearest, setup),
		cmocka_unit_test_setup(alloc_searches_adjacent_ranges_of_a_node_as_one, setup),
		cmocka_unit_test_setup(alloc_never_joins_a_node_across_another, setup),
		cmocka_unit_test_setup(alloc_ends_at_or_below_its_limit, setup),
		cmocka_unit_test_setup(alloc_anywhere_reaches_the_top_page, setup),
		cmocka_unit_test_setup(a_byte_alloc_reaches_the_last_byte, setup),
		cmocka_unit_test_setup(alloc_crosses_contiguous_nodes_but_not_holes, setup),
		cmocka_unit_test_setup(alloc_can_return_address_zero, setup),
		cmocka_unit_test_setup(alloc_finds_a_large_run_in_a_fragmented_map, setup),
		cmocka_unit_test_setup(alloc_at_takes_exactly_that_range, setup),
		cmocka_unit_test_setup(named_forms_say_what_they_mean, setup),
		cmocka_unit_test_setup(alloc_at_every_takes_each_block, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
