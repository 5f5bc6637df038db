// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem_reserve(), bootmem_free(), owner labels and the map queries.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_port.h"

#define MB	(1ULL << 20)
#define BASE	0x40000000ULL
#define ANY	NUMA_NO_NODE
#define TOP	BOOTMEM_ALLOC_ANYWHERE

static int setup(void **state)
{
	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, BASE, 32 * MB), 0);
	assert_int_equal(bootmem_add_range(1, BASE + 32 * MB, 32 * MB), 0);
	assert_int_equal(bootmem_enable(1, TOP), 0);
	return 0;
}

static phys_addr_t alloc_label(phys_size_t size, const char *label)
{
	phys_addr_t a;

	assert_int_equal(bootmem_alloc(size, 4096, 0, TOP, 0,
				       BOOTMEM_EXACT_NODE, label, &a), 0);
	return a;
}

/* The run holding @addr. */
static struct bootmem_run run_at(phys_addr_t addr)
{
	struct bootmem_run run;

	for_each_bootmem_run(&run)
		if (addr >= run.base && addr - run.base < run.size)
			return run;
	fail_msg("no run holds %#llx", (unsigned long long)addr);
	return run;
}

static void reserve_rejects_bad_arguments(void **state)
{
	(void)state;
	assert_int_equal(bootmem_reserve(BASE, 0, 0, NULL), -EINVAL);
	assert_int_equal(bootmem_reserve(BASE, 4096, BOOTMEM_EXACT_NODE, NULL),
			 -EINVAL);
	assert_int_equal(bootmem_reserve(~0ULL - 4095, 8192, 0, NULL),
			 -EOVERFLOW);
	assert_int_equal(bootmem_reserve(0x1000, 4096, 0, NULL), -ERANGE);
	assert_true(bootmem_is_free(BASE, 4096));
}

static void reserve_rounds_outward_to_pages(void **state)
{
	(void)state;
	assert_int_equal(bootmem_reserve(BASE + 0xfff, 2, 0, "edge"), 0);
	assert_false(bootmem_is_free(BASE, 4096));
	assert_false(bootmem_is_free(BASE + 4096, 4096));
	assert_true(bootmem_is_free(BASE + 8192, 4096));
}

static void reserve_may_nest(void **state)
{
	struct bootmem_run run;

	(void)state;
	assert_int_equal(bootmem_reserve(BASE, 4 * MB, 0, "initrd"), 0);
	assert_int_equal(bootmem_reserve(BASE + MB, 64 * 1024, 0, "fdt"), 0);
	run = run_at(BASE);
	assert_int_equal(run.kind, BOOTMEM_RESERVED);
	assert_string_equal(run.label, "initrd");
	assert_int_equal(run.size, MB);
	run = run_at(BASE + MB);
	assert_string_equal(run.label, "fdt");
	assert_int_equal(run.size, 64 * 1024);
	assert_string_equal(run_at(BASE + 2 * MB).label, "initrd");
}

static void reserve_over_an_allocation_conflicts(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(MB, "kernel");
	assert_int_equal(bootmem_reserve(a + 4096, 4096, 0, "fw"), -EBUSY);
	assert_int_equal(run_at(a + 4096).kind, BOOTMEM_ALLOCATED);
	assert_int_equal(bootmem_reserve(a + 4096, 4096, BOOTMEM_FORCE, "fw"), 0);
	assert_int_equal(run_at(a + 4096).kind, BOOTMEM_RESERVED);
	assert_int_equal(bootmem_free(a, MB), -EACCES);
	assert_int_equal(bootmem_free(a + 8192, MB - 8192), 0);
}

static void reserve_exclusive_fails_on_any_page_in_use(void **state)
{
	(void)state;
	assert_int_equal(bootmem_reserve(BASE, MB, 0, "fw"), 0);
	assert_int_equal(bootmem_reserve(BASE + MB - 4096, MB, BOOTMEM_EXCLUSIVE,
					 "x"), -EBUSY);
	assert_true(bootmem_is_free(BASE + MB, MB));
	assert_int_equal(bootmem_reserve(BASE + MB, MB, BOOTMEM_EXCLUSIVE, "x"),
			 0);
}

static void reserve_exclusive_ignores_overlaps_in_holes(void **state)
{
	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, BASE, MB), 0);
	assert_int_equal(bootmem_add_range(0, BASE + 2 * MB, MB), 0);
	/* The last page of RAM and the first of the hole. */
	assert_int_equal(bootmem_reserve(BASE + MB - 4096, 8192, 0, "a"), 0);
	/* Overlaps "a" in the hole only, which holds nothing. */
	assert_int_equal(bootmem_reserve(BASE + MB, MB + 4096, BOOTMEM_EXCLUSIVE,
					 "b"), 0);
	assert_int_equal(bootmem_reserve(BASE + MB - 4096, 4096,
					 BOOTMEM_EXCLUSIVE, "c"), -EBUSY);
	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	assert_int_equal(bootmem_reserve(BASE + MB - 4096, 4096,
					 BOOTMEM_EXCLUSIVE, "c"), -EBUSY);
}

static void reserve_skips_pages_in_holes(void **state)
{
	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, BASE, 8 * MB), 0);
	assert_int_equal(bootmem_add_range(0, BASE + 16 * MB, 8 * MB), 0);
	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	assert_int_equal(bootmem_reserve(BASE + 7 * MB, 10 * MB, 0, "span"), 0);
	assert_false(bootmem_is_free(BASE + 7 * MB, MB));
	assert_false(bootmem_is_free(BASE + 16 * MB, MB));
}

/* The OS must keep all of ramoops, the fdt page inside it included. */
static void nested_reservation_keeps_the_flags_around_it(void **state)
{
	const unsigned int keep_nomap = BOOTMEM_KEEP | BOOTMEM_NOMAP;
	struct bootmem_run run;

	(void)state;
	assert_int_equal(bootmem_reserve(BASE + 16 * MB, MB, keep_nomap,
					 "ramoops"), 0);
	assert_int_equal(bootmem_reserve(BASE + 16 * MB + 64 * 1024, 4096, 0,
					 "fdt"), 0);
	run = run_at(BASE + 16 * MB + 64 * 1024);
	assert_string_equal(run.label, "fdt");
	assert_int_equal(run.size, 4096);
	assert_int_equal(run.flags, keep_nomap);
	run = run_at(BASE + 16 * MB);
	assert_int_equal(run.size, 64 * 1024);
	assert_int_equal(run.flags, keep_nomap);
	assert_int_equal(run_at(BASE + 16 * MB + 68 * 1024).flags, keep_nomap);
}

static void forced_reservation_keeps_the_flags_of_the_allocation(void **state)
{
	struct bootmem_run run;
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_alloc(MB, 4096, 0, TOP, 0, BOOTMEM_KEEP,
				       "log", &a), 0);
	assert_int_equal(bootmem_reserve(a + 4096, 4096, BOOTMEM_FORCE, "fw"), 0);
	run = run_at(a + 4096);
	assert_int_equal(run.kind, BOOTMEM_RESERVED);
	assert_string_equal(run.label, "fw");
	assert_int_equal(run.size, 4096);
	assert_int_equal(run.flags, BOOTMEM_KEEP);
	assert_int_equal(run_at(a + 8192).flags, BOOTMEM_KEEP);
}

/* What is reported for memory never depends on calls that did not touch it. */
static void reported_flags_do_not_depend_on_unrelated_calls(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(4096, "unrelated");
	assert_int_equal(bootmem_reserve(BASE, MB, BOOTMEM_KEEP, "fw"), 0);
	assert_int_equal(bootmem_reserve(BASE, MB, 0, "fw"), 0);
	assert_int_equal(run_at(BASE).flags, BOOTMEM_KEEP);
	assert_int_equal(bootmem_free(a, 4096), 0);
	assert_int_equal(run_at(BASE).flags, BOOTMEM_KEEP);
	assert_int_equal(run_at(BASE).size, MB);
}

static void free_returns_pages(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(MB, "scratch");
	assert_int_equal(bootmem_free(a, MB), 0);
	assert_true(bootmem_is_free(a, MB));
	assert_int_equal(bootmem_alloc_at(a, MB, 0, NULL), 0);
}

static void free_may_take_part_of_an_allocation(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(16 * 4096, "buf");
	assert_int_equal(bootmem_free(a + 4 * 4096, 4 * 4096), 0);
	assert_string_equal(run_at(a).label, "buf");
	assert_int_equal(run_at(a).size, 4 * 4096);
	assert_int_equal(run_at(a + 4 * 4096).kind, BOOTMEM_FREE);
	assert_string_equal(run_at(a + 8 * 4096).label, "buf");
	assert_int_equal(run_at(a + 8 * 4096).size, 8 * 4096);
}

static void free_refuses_a_double_free(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(MB, NULL);
	assert_int_equal(bootmem_free(a, MB / 2), 0);
	assert_int_equal(bootmem_free(a, MB), -ENOENT);
	assert_false(bootmem_is_free(a + MB / 2, MB / 2));
	assert_int_equal(bootmem_free(a, MB / 2), -ENOENT);
}

static void free_refuses_what_was_never_allocated(void **state)
{
	(void)state;
	assert_int_equal(bootmem_free(BASE, 4096), -ENOENT);
	assert_int_equal(bootmem_free(BASE + 1, 4096), -EINVAL);
	assert_int_equal(bootmem_free(BASE, 0), -EINVAL);
	assert_int_equal(bootmem_free(0x1000, 4096), -ERANGE);
	assert_int_equal(bootmem_free(~0ULL - 4095, 8192), -EOVERFLOW);
}

static void free_refuses_reserved_pages(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_reserve(BASE, MB, 0, "u-boot"), 0);
	assert_int_equal(bootmem_free(BASE, MB), -EACCES);
	bootmem_map_location(&base, &size);
	assert_int_equal(bootmem_free(base, size), -EACCES);
	assert_false(bootmem_is_free(BASE, 4096));
}

static void release_frees_reserved_and_allocated_pages(void **state)
{
	phys_addr_t a;

	(void)state;
	assert_int_equal(bootmem_reserve(BASE, 4 * 4096, BOOTMEM_KEEP, "initrd"),
			 0);
	a = alloc_label(2 * 4096, "buf");
	assert_int_equal(bootmem_reserve(a, 4096, BOOTMEM_FORCE, "fw"), 0);
	assert_int_equal(bootmem_release(BASE, 4 * 4096), 0);
	assert_true(bootmem_is_free(BASE, 4 * 4096));
	assert_int_equal(bootmem_release(a, 2 * 4096), 0);
	assert_true(bootmem_is_free(a, 2 * 4096));
	assert_int_equal(run_at(a).kind, BOOTMEM_FREE);
}

static void release_leaves_partial_pages(void **state)
{
	(void)state;
	assert_int_equal(bootmem_reserve(BASE, 4 * 4096, 0, "initrd"), 0);
	assert_int_equal(bootmem_release(BASE + 1, 3 * 4096), 0);
	assert_false(bootmem_is_free(BASE, 4096));
	assert_true(bootmem_is_free(BASE + 4096, 2 * 4096));
	assert_false(bootmem_is_free(BASE + 3 * 4096, 4096));
	/* Cut in two: the ends keep their owner. */
	assert_string_equal(run_at(BASE + 3 * 4096).label, "initrd");
	assert_int_equal(bootmem_release(BASE + 1, 4094), 0);
	assert_false(bootmem_is_free(BASE, 4096));
}

static void release_refuses_what_it_cannot_free(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_reserve(BASE, 2 * 4096, 0, "fw"), 0);
	assert_int_equal(bootmem_release(BASE, 3 * 4096), -ENOENT);
	assert_false(bootmem_is_free(BASE, 2 * 4096));
	assert_int_equal(bootmem_release(BASE, 0), -EINVAL);
	assert_int_equal(bootmem_release(~0ULL - 4095, 8192), -EOVERFLOW);
	assert_int_equal(bootmem_release(BASE - 4096, 2 * 4096), -ERANGE);
	bootmem_map_location(&base, &size);
	assert_int_equal(bootmem_release(base, size), -EBUSY);
	assert_false(bootmem_is_free(base, size));
	bootmem_reset();
	assert_int_equal(bootmem_release(BASE, 4096), -EAGAIN);
}

static void runs_cover_the_map_with_owners(void **state)
{
	struct bootmem_run run;
	phys_addr_t bitmap, next = BASE;
	phys_size_t size;
	int n = 0;

	(void)state;
	bootmem_map_location(&bitmap, &size);
	assert_int_equal(bootmem_addr_to_nid(bitmap), 1);
	alloc_label(MB, "kernel");
	for_each_bootmem_run(&run) {
		assert_int_equal(run.base, next);
		assert_int_equal(run.nid, bootmem_addr_to_nid(run.base));
		next = run.base + run.size;
		n++;
	}
	assert_int_equal(next, BASE + 64 * MB);
	/* free, kernel | free, bitmap, for two ranges */
	assert_int_equal(n, 4);
	run = run_at(bitmap);
	assert_string_equal(run.label, "bootmem bitmap");
	assert_int_equal(run.kind, BOOTMEM_RESERVED);
}

static void node_info_counts_free_reserved_allocated(void **state)
{
	struct bootmem_node_info info;
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	alloc_label(3 * MB, "a");
	assert_int_equal(bootmem_reserve(BASE, MB, 0, "r"), 0);
	assert_int_equal(bootmem_node_info(0, &info), 0);
	assert_int_equal(info.present, 32 * MB);
	assert_int_equal(info.allocated, 3 * MB);
	assert_int_equal(info.reserved, MB);
	assert_int_equal(info.free, 28 * MB);
	bootmem_map_location(&base, &size);
	assert_int_equal(bootmem_node_info(1, &info), 0);
	assert_int_equal(info.reserved, size);
	assert_int_equal(bootmem_node_info(7, &info), -ENODEV);
}

static void addr_to_nid_knows_holes(void **state)
{
	(void)state;
	assert_int_equal(bootmem_addr_to_nid(BASE), 0);
	assert_int_equal(bootmem_addr_to_nid(BASE + 32 * MB), 1);
	assert_int_equal(bootmem_addr_to_nid(BASE - 1), NUMA_NO_NODE);
	assert_int_equal(bootmem_addr_to_nid(BASE + 64 * MB), NUMA_NO_NODE);
	assert_false(bootmem_is_free(BASE + 64 * MB - 4096, 8192));
}

static void range_nid_needs_every_page_on_one_node(void **state)
{
	(void)state;
	assert_int_equal(bootmem_range_nid(BASE, 32 * MB), 0);
	assert_int_equal(bootmem_range_nid(BASE + 32 * MB - 1, 2), NUMA_NO_NODE);
	assert_int_equal(bootmem_range_nid(BASE + 32 * MB, 32 * MB), 1);
	assert_int_equal(bootmem_range_nid(BASE + 64 * MB - 1, 2), NUMA_NO_NODE);
	assert_int_equal(bootmem_range_nid(BASE, 0), NUMA_NO_NODE);
	assert_int_equal(bootmem_range_nid(~0ULL, 2), NUMA_NO_NODE);
}

static void node_bounds_span_holes_and_other_nodes(void **state)
{
	phys_addr_t first, last;

	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, BASE, MB), 0);
	assert_int_equal(bootmem_add_range(1, BASE + MB, MB), 0);
	assert_int_equal(bootmem_add_range(0, BASE + 8 * MB, MB), 0);
	assert_int_equal(bootmem_add_cpu(2, 0), 0);
	assert_int_equal(bootmem_node_bounds(0, &first, &last), 0);
	assert_int_equal(first, BASE);
	assert_int_equal(last, BASE + 9 * MB - 1);
	assert_int_equal(bootmem_node_bounds(1, &first, &last), 0);
	assert_int_equal(first, BASE + MB);
	assert_int_equal(last, BASE + 2 * MB - 1);
	assert_int_equal(bootmem_node_bounds(2, &first, &last), -ENXIO);
	assert_int_equal(bootmem_node_bounds(3, &first, &last), -ENODEV);
	assert_int_equal(bootmem_node_bounds(-1, &first, &last), -ENODEV);
}

static void labels_are_cut_to_fit(void **state)
{
	phys_addr_t a;

	(void)state;
	a = alloc_label(4096, "board: node0 scratch buffer for DMA");
	assert_int_equal(strlen(run_at(a).label), BOOTMEM_LABEL_LEN - 1);
}

static void strerror_names_every_error(void **state)
{
	static const int errs[] = { EINVAL, ERANGE, ENODEV, ENXIO, EEXIST,
				    ENOSPC, ENOMEM, EBUSY, ENOENT, EACCES,
				    EALREADY, EFBIG, ENOEXEC,
				    EPERM, EAGAIN, EFAULT, EDOM, EMSGSIZE,
				    EOVERFLOW, ENODATA, EBADMSG };
	unsigned int i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(errs); i++) {
		assert_string_not_equal(bootmem_strerror(-errs[i]),
					bootmem_strerror(-9999));
		/* One meaning per code: no two share a message. */
		for (j = 0; j < i; j++)
			assert_string_not_equal(bootmem_strerror(-errs[i]),
						bootmem_strerror(-errs[j]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reserve_rejects_bad_arguments, setup),
		cmocka_unit_test_setup(reserve_rounds_outward_to_pages, setup),
		cmocka_unit_test_setup(reserve_may_nest, setup),
		cmocka_unit_test_setup(reserve_over_an_allocation_conflicts, setup),
		cmocka_unit_test_setup(reserve_exclusive_fails_on_any_page_in_use, setup),
		cmocka_unit_test_setup(reserve_exclusive_ignores_overlaps_in_holes, setup),
		cmocka_unit_test_setup(reserve_skips_pages_in_holes, setup),
		cmocka_unit_test_setup(nested_reservation_keeps_the_flags_around_it, setup),
		cmocka_unit_test_setup(forced_reservation_keeps_the_flags_of_the_allocation, setup),
		cmocka_unit_test_setup(reported_flags_do_not_depend_on_unrelated_calls, setup),
		cmocka_unit_test_setup(free_returns_pages, setup),
		cmocka_unit_test_setup(free_may_take_part_of_an_allocation, setup),
		cmocka_unit_test_setup(free_refuses_a_double_free, setup),
		cmocka_unit_test_setup(free_refuses_what_was_never_allocated, setup),
		cmocka_unit_test_setup(free_refuses_reserved_pages, setup),
		cmocka_unit_test_setup(release_frees_reserved_and_allocated_pages, setup),
		cmocka_unit_test_setup(release_leaves_partial_pages, setup),
		cmocka_unit_test_setup(release_refuses_what_it_cannot_free, setup),
		cmocka_unit_test_setup(runs_cover_the_map_with_owners, setup),
		cmocka_unit_test_setup(node_info_counts_free_reserved_allocated, setup),
		cmocka_unit_test_setup(addr_to_nid_knows_holes, setup),
		cmocka_unit_test_setup(range_nid_needs_every_page_on_one_node, setup),
		cmocka_unit_test_setup(node_bounds_span_holes_and_other_nodes, setup),
		cmocka_unit_test_setup(labels_are_cut_to_fit, setup),
		cmocka_unit_test_setup(strerror_names_every_error, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
