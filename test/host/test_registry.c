// SPDX-License-Identifier: GPL-2.0+
/*
 * The node registry and bootmem_enable(): what is accepted, what is
 * rejected with which error, and that a rejection changes nothing.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_port.h"

#define GB	(1ULL << 30)
#define MB	(1ULL << 20)

static int setup(void **state)
{
	(void)state;
	host_reset();
	return 0;
}

static void assert_range(int nid, unsigned int idx, phys_addr_t base,
			 phys_size_t size)
{
	phys_addr_t b;
	phys_size_t s;

	assert_int_equal(bootmem_node_range(nid, idx, &b, &s), 0);
	assert_int_equal(b, base);
	assert_int_equal(s, size);
}

static void registry_accepts_interleaved_nodes(void **state)
{
	struct bootmem_node_info info;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0xc0000000, GB), 0);
	assert_int_equal(bootmem_add_range(1, 0x80000000, GB), 0);
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);

	assert_range(0, 0, 0x40000000, GB);
	assert_range(0, 1, 0xc0000000, GB);
	assert_range(1, 0, 0x80000000, GB);
	assert_int_equal(bootmem_node_range(0, 2, &(phys_addr_t){0},
					    &(phys_size_t){0}), -ENOENT);
	assert_int_equal(bootmem_node_info(0, &info), 0);
	assert_int_equal(info.present, 2 * GB);
	assert_int_equal(info.nr_ranges, 2);
}

static void registry_accepts_node_with_cpus_and_no_memory(void **state)
{
	struct bootmem_node_info info;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_add_cpu(1, 0), 0);
	assert_int_equal(bootmem_add_cpu(1, 1), 0);
	assert_int_equal(bootmem_node_info(1, &info), 0);
	assert_int_equal(info.present, 0);
	assert_int_equal(info.nr_cpus, 2);
	assert_int_equal(info.cpumask, 0x3);
	assert_int_equal(bootmem_boot_node(), 1);
	assert_int_equal(bootmem_node_info(2, NULL), -ENODEV);
}

static void boot_node_without_cpu0_is_the_lowest_node_with_memory(void **state)
{
	(void)state;
	assert_int_equal(bootmem_boot_node(), NUMA_NO_NODE);
	assert_int_equal(bootmem_add_range(3, GB, GB), 0);
	assert_int_equal(bootmem_add_range(1, 2 * GB, GB), 0);
	assert_int_equal(bootmem_add_cpu(0, 5), 0);
	assert_int_equal(bootmem_boot_node(), 1);
	assert_int_equal(bootmem_add_cpu(3, 0), 0);
	assert_int_equal(bootmem_boot_node(), 3);
}

static void registry_rejects_a_cpu_twice(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_cpu(0, 5), 0);
	assert_int_equal(bootmem_add_cpu(1, 5), -EEXIST);
	assert_int_equal(bootmem_node_info(1, NULL), -ENODEV);
}

static void registry_rejects_overlap(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_add_range(1, 0x40000000 + GB - 4096, MB),
			 -EEXIST);
	assert_int_equal(bootmem_add_range(0, 0x3ff00000, 2 * MB), -EEXIST);
	assert_int_equal(bootmem_node_info(1, NULL), -ENODEV);
	assert_range(0, 0, 0x40000000, GB);
}

static void registry_rejects_ranges_whose_bytes_overlap(void **state)
{
	(void)state;
	/* One whole page, [1G, 1G + 4K), and half of the next. */
	assert_int_equal(bootmem_add_range(0, GB, 0x1800), 0);
	/* No whole page in common, but the bytes 1G + 4K .. 1G + 6K. */
	assert_int_equal(bootmem_add_range(1, GB + 0x1000, 0x2000), -EEXIST);
	assert_int_equal(bootmem_add_range(1, GB - 0x1800, 0x1801), -EEXIST);
	assert_int_equal(bootmem_node_info(1, NULL), -ENODEV);
	/* Touching is not overlapping. */
	assert_int_equal(bootmem_add_range(1, GB + 0x1800, 0x2800), 0);
	assert_range(1, 0, GB + 0x2000, 0x2000);
}

static void registry_rejects_zero_size(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 0), -EINVAL);
	/* Less than one whole page after trimming is as good as nothing. */
	assert_int_equal(bootmem_add_range(0, 0x40000800, 0x1000), -EINVAL);
	assert_int_equal(bootmem_node_info(0, NULL), -ENODEV);
}

static void registry_trims_partial_pages(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000800, 0x3000), 0);
	assert_range(0, 0, 0x40001000, 0x2000);
}

static void registry_rejects_wrapping_range(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, ~0ULL - MB + 1, 2 * MB),
			 -EOVERFLOW);
	assert_int_equal(bootmem_node_info(0, NULL), -ENODEV);
	/* Ending exactly at the top of the address space is fine. */
	assert_int_equal(bootmem_add_range(0, ~0ULL - MB + 1, MB), 0);
}

static void registry_rejects_node_beyond_max(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(BOOTMEM_MAX_NODES, 0, GB), -ENODEV);
	assert_int_equal(bootmem_add_range(-1, 0, GB), -ENODEV);
	assert_int_equal(bootmem_add_cpu(BOOTMEM_MAX_NODES, 0), -ENODEV);
	assert_int_equal(bootmem_set_distance(0, BOOTMEM_MAX_NODES, 20),
			 -ENODEV);
}

/* The registry's tables grow on the heap: no compile-time maximum. */
static void registry_grows_with_every_range(void **state)
{
	struct bootmem_node_info info;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		assert_int_equal(bootmem_add_range(i % 4, i * 2 * MB, MB), 0);
	assert_int_equal(bootmem_add_cpu(BOOTMEM_MAX_NODES - 1, 5), 0);
	assert_int_equal(bootmem_node_info(3, &info), 0);
	assert_int_equal(info.nr_ranges, 250);
	assert_range(3, 249, 1998 * MB, MB);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 0);
	assert_int_equal(bootmem_node_info(BOOTMEM_MAX_NODES - 1, &info), 0);
	assert_int_equal(info.nr_cpus, 1);
}

/* With the heap full, registering is refused and changes nothing. */
static void registry_out_of_heap_changes_nothing(void **state)
{
	struct bootmem_node_info info;
	int i;

	(void)state;
	for (i = 0; i < 8; i++)
		assert_int_equal(bootmem_add_range(0, i * 2 * MB, MB), 0);
	host_heap_fail_after = 0;
	/* A ninth range needs a larger table, a new node a larger matrix. */
	assert_int_equal(bootmem_add_range(0, 100 * MB, MB), -ENOMEM);
	assert_int_equal(bootmem_add_cpu(9, 1), -ENOMEM);
	assert_int_equal(bootmem_set_distance(0, 9, 30), -ENOMEM);
	assert_int_equal(bootmem_reserve(0, MB, 0, "fw"), -ENOMEM);
	assert_int_equal(bootmem_node_info(0, &info), 0);
	assert_int_equal(info.nr_ranges, 8);
	assert_int_equal(bootmem_node_info(9, NULL), -ENODEV);
	assert_int_equal(bootmem_distance(0, 9), 20);
	/* What the heap already holds still works. */
	assert_int_equal(bootmem_add_cpu(0, 1), 0);
	host_heap_fail_after = -1;
	assert_int_equal(bootmem_add_range(0, 100 * MB, MB), 0);
	assert_int_equal(bootmem_set_distance(0, 9, 30), 0);
	assert_int_equal(bootmem_distance(0, 9), 30);
}

static void registry_closes_when_enabled(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	assert_true(bootmem_enabled());
	assert_int_equal(bootmem_add_range(1, 0x100000000, GB), -EPERM);
	assert_int_equal(bootmem_add_cpu(0, 0), -EPERM);
	assert_int_equal(bootmem_set_distance(0, 0, 10), -EPERM);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 -EALREADY);
	assert_int_equal(bootmem_node_info(1, NULL), -ENODEV);
}

static void distances_default_to_10_and_20(void **state)
{
	(void)state;
	assert_int_equal(bootmem_distance(0, 0), 10);
	assert_int_equal(bootmem_distance(0, 3), 20);
	assert_int_equal(bootmem_set_distance(0, 3, 31), 0);
	assert_int_equal(bootmem_distance(0, 3), 31);
	assert_int_equal(bootmem_distance(3, 0), 20);
}

/*
 * The registry's tables hold what is registered: a range takes 32 bytes,
 * a node id 12 (its CPU mask and count), and there is no distance matrix
 * until a distance is set; then it is n x n bytes.
 */
static void registry_tables_hold_what_is_registered(void **state)
{
	size_t before = host_heap_live;
	int nid;

	(void)state;
	for (nid = 0; nid < 4; nid++)
		assert_int_equal(bootmem_add_range(nid, 0x40000000 +
						   nid * 64 * MB, 64 * MB), 0);
	assert_int_equal(bootmem_add_cpu(3, 0), 0);
	assert_int_equal(host_heap_live - before, 4 * 32 + 4 * 12);
	assert_int_equal(bootmem_set_distance(0, 1, 12), 0);
	assert_int_equal(host_heap_live - before, 4 * 32 + 4 * 12 + 4 * 4);
}

/*
 * bootmem_enable() moves the registry's tables from the heap to just after
 * the bitmap, in the pages it reserves (bootmem_map_size() counts them):
 * two registries that differ only by a distance matrix hold the same heap
 * once enabled, and every table still reads as registered.
 */
static void enable_moves_the_tables_beside_the_bitmap(void **state)
{
	struct bootmem_node_info info;
	size_t heap[2];
	phys_size_t want, size;
	phys_addr_t base;
	int pass, nid;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		bootmem_reset();
		for (nid = 0; nid < 4; nid++) {
			assert_int_equal(bootmem_add_range(nid, 0x40000000 +
							   nid * 64 * MB,
							   64 * MB), 0);
			assert_int_equal(bootmem_add_cpu(nid, nid), 0);
		}
		if (pass)
			assert_int_equal(bootmem_set_distance(2, 3, 17), 0);
		want = bootmem_map_size();
		assert_int_equal(bootmem_enable(NUMA_NO_NODE,
						BOOTMEM_ALLOC_ANYWHERE), 0);
		bootmem_map_location(&base, &size);
		assert_int_equal(size, want);
		assert_int_equal(bootmem_distance(2, 3), pass ? 17 : 20);
		assert_int_equal(bootmem_distance(3, 2), 20);
		assert_int_equal(bootmem_node_info(3, &info), 0);
		assert_int_equal(info.nr_cpus, 1);
		assert_int_equal(info.cpumask, 1ULL << 3);
		assert_int_equal(info.nr_ranges, 1);
		assert_int_equal(bootmem_addr_to_nid(0x40000000 + 3 * 64 * MB),
				 3);
		heap[pass] = host_heap_live;
	}
	assert_int_equal(heap[0], heap[1]);
}

/*
 * There is no distance matrix until a distance is set; the first one set
 * makes it, of defaults, and later nodes grow it with every distance kept.
 * Without heap, setting the first distance changes nothing.
 */
static void distances_are_kept_as_nodes_grow(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(1, 0x40000000, 64 * MB), 0);
	assert_int_equal(bootmem_add_range(3, 0x80000000, 64 * MB), 0);
	host_heap_fail_after = 0;
	assert_int_equal(bootmem_set_distance(1, 3, 17), -ENOMEM);
	host_heap_fail_after = -1;
	assert_int_equal(bootmem_distance(1, 3), 20);
	assert_int_equal(bootmem_set_distance(1, 3, 17), 0);
	assert_int_equal(bootmem_set_distance(3, 1, 19), 0);
	assert_int_equal(bootmem_add_range(6, 0xc0000000, 64 * MB), 0);
	assert_int_equal(bootmem_set_distance(6, 1, 40), 0);
	assert_int_equal(bootmem_add_cpu(9, 0), 0);
	assert_int_equal(bootmem_distance(1, 3), 17);
	assert_int_equal(bootmem_distance(3, 1), 19);
	assert_int_equal(bootmem_distance(6, 1), 40);
	assert_int_equal(bootmem_distance(1, 6), 20);
	assert_int_equal(bootmem_distance(9, 9), 10);
	assert_int_equal(bootmem_distance(3, 9), 20);
}

static void distances_reject_bad_values(void **state)
{
	(void)state;
	assert_int_equal(bootmem_set_distance(1, 1, 20), -EINVAL);
	assert_int_equal(bootmem_set_distance(0, 1, 10), -EINVAL);
	assert_int_equal(bootmem_set_distance(0, 1, 256), -EINVAL);
	assert_int_equal(bootmem_distance(0, 1), 20);
	assert_int_equal(bootmem_distance(-1, 1), -ENODEV);
}

static void enable_needs_memory(void **state)
{
	(void)state;
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 -ENOMEM);
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_enable(1, BOOTMEM_ALLOC_ANYWHERE), -ENODEV);
	assert_int_equal(bootmem_add_cpu(1, 0), 0);
	assert_int_equal(bootmem_enable(1, BOOTMEM_ALLOC_ANYWHERE), -ENXIO);
	assert_false(bootmem_enabled());
}

static void bitmap_scales_with_memory_not_span(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 4 * GB), 0);
	assert_int_equal(bootmem_add_range(1, 0x8000000000ULL, 4 * GB), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&base, &size);
	/*
	 * 2 Mi pages: 256 KiB of bits plus 5 KiB of summaries (two bits and
	 * a byte per block of 512 pages), in pages.
	 */
	assert_int_equal(size, 256 * 1024 + 8192);
	/* Top-down, like every allocation: the end of the highest node. */
	assert_int_equal(base + size, 0x8000000000ULL + 4 * GB);
}

static void bitmap_goes_on_the_requested_node_below_limit(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_add_range(1, 0x80000000, GB), 0);
	assert_int_equal(bootmem_enable(0, 0x60000000), 0);
	bootmem_map_location(&base, &size);
	assert_true(base + size <= 0x60000000);
	assert_int_equal(bootmem_addr_to_nid(base), 0);
}

/* Node 0 registered as two adjacent ranges, each smaller than the bitmap. */
static void bitmap_is_placed_across_a_seam_of_one_node(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, GB, 2 * MB), 0);
	assert_int_equal(bootmem_add_range(0, GB + 2 * MB, 2 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 8 * GB, 64 * GB), 0);
	assert_int_equal(bootmem_enable(0, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&base, &size);
	assert_true(size > 2 * MB);
	assert_int_equal(base + size, GB + 4 * MB);
}

/* bootmem_enable() reads its limit as bootmem_alloc() does: an end. */
static void bitmap_ends_at_or_below_the_limit(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, GB, 64 * MB), 0);
	assert_int_equal(bootmem_enable(0, GB + 32 * MB + 0xfff), 0);
	bootmem_map_location(&base, &size);
	assert_int_equal(base + size, GB + 32 * MB);
}

/* RAM at the very top of the address space: the bitmap may use its top page. */
static void bitmap_may_use_the_top_page(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, ~0ULL - MB + 1, MB), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&base, &size);
	assert_int_equal(base, ~0ULL - size + 1);
}

static void bitmap_avoids_and_marks_early_reservations(void **state)
{
	phys_addr_t base;
	phys_size_t size;

	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 64 * MB), 0);
	assert_int_equal(bootmem_reserve(0x40000000 + 63 * MB, MB, 0, "fw"), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&base, &size);
	assert_int_equal(base + size, 0x40000000 + 63 * MB);
	assert_false(bootmem_is_free(0x40000000 + 63 * MB, 4096));
	assert_false(bootmem_is_free(base, size));
	assert_true(bootmem_is_free(base - 4096, 4096));
}

static void bitmap_fails_when_it_fits_nowhere(void **state)
{
	(void)state;
	assert_int_equal(bootmem_add_range(0, 0x40000000, 4096), 0);
	assert_int_equal(bootmem_reserve(0x40000000, 4096, 0, "fw"), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE),
			 -ENOMEM);
	assert_false(bootmem_enabled());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(registry_accepts_interleaved_nodes, setup),
		cmocka_unit_test_setup(registry_accepts_node_with_cpus_and_no_memory, setup),
		cmocka_unit_test_setup(boot_node_without_cpu0_is_the_lowest_node_with_memory, setup),
		cmocka_unit_test_setup(registry_rejects_a_cpu_twice, setup),
		cmocka_unit_test_setup(registry_rejects_overlap, setup),
		cmocka_unit_test_setup(registry_rejects_ranges_whose_bytes_overlap, setup),
		cmocka_unit_test_setup(registry_rejects_zero_size, setup),
		cmocka_unit_test_setup(registry_trims_partial_pages, setup),
		cmocka_unit_test_setup(registry_rejects_wrapping_range, setup),
		cmocka_unit_test_setup(registry_rejects_node_beyond_max, setup),
		cmocka_unit_test_setup(registry_grows_with_every_range, setup),
		cmocka_unit_test_setup(registry_out_of_heap_changes_nothing, setup),
		cmocka_unit_test_setup(registry_closes_when_enabled, setup),
		cmocka_unit_test_setup(distances_default_to_10_and_20, setup),
		cmocka_unit_test_setup(distances_are_kept_as_nodes_grow, setup),
		cmocka_unit_test_setup(enable_moves_the_tables_beside_the_bitmap,
				       setup),
		cmocka_unit_test_setup(registry_tables_hold_what_is_registered,
				       setup),
		cmocka_unit_test_setup(distances_reject_bad_values, setup),
		cmocka_unit_test_setup(enable_needs_memory, setup),
		cmocka_unit_test_setup(bitmap_scales_with_memory_not_span, setup),
		cmocka_unit_test_setup(bitmap_goes_on_the_requested_node_below_limit, setup),
		cmocka_unit_test_setup(bitmap_is_placed_across_a_seam_of_one_node, setup),
		cmocka_unit_test_setup(bitmap_ends_at_or_below_the_limit, setup),
		cmocka_unit_test_setup(bitmap_may_use_the_top_page, setup),
		cmocka_unit_test_setup(bitmap_avoids_and_marks_early_reservations, setup),
		cmocka_unit_test_setup(bitmap_fails_when_it_fits_nowhere, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
