// SPDX-License-Identifier: GPL-2.0+
/*
 * The classic bootmem calls: zeroed memory, panic or NULL on failure as in
 * Linux, node preference with fallback, and forgiving frees.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <bootmem_compat.h>
#include "host_port.h"

#define MB	(1ULL << 20)
#define GB	(1ULL << 30)

static jmp_buf panic_jump;

static int setup(void **state)
{
	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, 0xf0000000, 128 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 0x100000000 + 128 * MB, 16 * MB), 0);
	assert_int_equal(bootmem_enable(1, BOOTMEM_ALLOC_ANYWHERE), 0);
	return 0;
}

static phys_addr_t pa(void *p)
{
	assert_non_null(p);
	return host_virt_to_phys(p);
}

static void alloc_bootmem_returns_zeroed_memory(void **state)
{
	unsigned char *p;
	int i;

	(void)state;
	p = alloc_bootmem(5000);
	assert_non_null(p);
	for (i = 0; i < 5000; i++)
		assert_int_equal(p[i], 0);
	assert_false(bootmem_is_free(pa(p), 5000));
}

static void alloc_bootmem_panics_when_out_of_memory(void **state)
{
	(void)state;
	host_panic_jump = &panic_jump;
	if (setjmp(panic_jump) == 0) {
		alloc_bootmem(GB);
		fail_msg("alloc_bootmem() returned instead of panicking");
	}
	host_panic_jump = NULL;
}

static void nopanic_calls_return_null(void **state)
{
	(void)state;
	assert_null(__alloc_bootmem_nopanic(GB, 64, 0));
	assert_null(alloc_bootmem_node_nopanic(0, GB));
	assert_null(__alloc_bootmem_nopanic(0, 64, 0));
}

static void alloc_bootmem_pages_is_page_aligned(void **state)
{
	(void)state;
	assert_int_equal(pa(alloc_bootmem_pages(100)) % 4096, 0);
	assert_int_equal(pa(alloc_bootmem_align(100, 2 * MB)) % (2 * MB), 0);
}

static void alloc_bootmem_low_stays_below_4g(void **state)
{
	phys_addr_t a;

	(void)state;
	a = pa(alloc_bootmem_low(8192));
	assert_true(a + 8192 <= 1ULL << 32);
	a = pa(alloc_bootmem_low_pages(8192));
	assert_true(a + 8192 <= 1ULL << 32);
}

static void alloc_bootmem_node_prefers_the_node(void **state)
{
	(void)state;
	assert_int_equal(bootmem_addr_to_nid(pa(alloc_bootmem_node(0, 4096))), 0);
	assert_int_equal(bootmem_addr_to_nid(pa(alloc_bootmem_node(1, 4096))), 1);
	assert_int_equal(bootmem_addr_to_nid(pa(alloc_bootmem_pages_node(1, 4096))),
			 1);
	/* Too big for node 1: falls back to node 0 rather than panic. */
	assert_int_equal(bootmem_addr_to_nid(pa(alloc_bootmem_node(1, 64 * MB))),
			 0);
}

static void reserve_bootmem_exclusive_reports_busy(void **state)
{
	(void)state;
	assert_int_equal(reserve_bootmem(0xf0000000, MB, BOOTMEM_DEFAULT), 0);
	assert_int_equal(reserve_bootmem(0xf0000000, MB, BOOTMEM_DEFAULT), 0);
	assert_int_equal(reserve_bootmem(0xf0000000, MB, BOOTMEM_EXCLUSIVE),
			 -EBUSY);
	assert_int_equal(reserve_bootmem(0xf0000000, MB, BOOTMEM_FORCE),
			 -EINVAL);
}

static void reserve_bootmem_node_checks_the_node(void **state)
{
	(void)state;
	assert_int_equal(reserve_bootmem_node(1, 0xf0000000, MB, 0), -EINVAL);
	assert_true(bootmem_is_free(0xf0000000, MB));
	assert_int_equal(reserve_bootmem_node(0, 0xf0000000, MB, 0), 0);
}

/* Node 0 = [1G, +4M) and [1G + 8M, +4M), node 1 between them. */
static int setup_interleaved(void **state)
{
	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, GB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(1, GB + 4 * MB, 4 * MB), 0);
	assert_int_equal(bootmem_add_range(0, GB + 8 * MB, 4 * MB), 0);
	assert_int_equal(bootmem_enable(1, BOOTMEM_ALLOC_ANYWHERE), 0);
	return 0;
}

static void reserve_bootmem_node_checks_every_page(void **state)
{
	(void)state;
	assert_int_equal(reserve_bootmem_node(0, GB, 12 * MB, 0), -EINVAL);
	assert_true(bootmem_is_free(GB, 4 * MB));
	assert_true(bootmem_is_free(GB + 8 * MB, 4 * MB));
	/* Both ends in holes used to pass for NUMA_NO_NODE. */
	assert_int_equal(reserve_bootmem_node(NUMA_NO_NODE, GB - MB, 14 * MB, 0),
			 -EINVAL);
	assert_int_equal(reserve_bootmem_node(0, GB - 4096, 8192, 0), -EINVAL);
	assert_true(bootmem_is_free(GB, 4 * MB));
	assert_int_equal(reserve_bootmem_node(0, GB + 8 * MB, 4 * MB, 0), 0);
	assert_false(bootmem_is_free(GB + 8 * MB, 4096));
}

/* Linux 2.6.27 ignores a goal outside the node and stays on the node. */
static void alloc_bootmem_node_ignores_a_goal_outside_the_node(void **state)
{
	phys_addr_t a;

	(void)state;
	a = pa(__alloc_bootmem_node(0, 4096, 4096, 0x100000000 + 128 * MB));
	assert_int_equal(bootmem_addr_to_nid(a), 0);
	a = pa(__alloc_bootmem_node_nopanic(0, 4096, 4096, ~0ULL - 4095));
	assert_int_equal(bootmem_addr_to_nid(a), 0);
	/* A goal on the node is honoured. */
	a = pa(__alloc_bootmem_node(1, 4096, 4096, 0x100000000 + 130 * MB));
	assert_true(a >= 0x100000000 + 130 * MB);
}

/* In Linux only BOOTMEM_EXCLUSIVE refuses memory already in use. */
static void reserve_bootmem_over_allocated_memory_succeeds(void **state)
{
	phys_addr_t a;

	(void)state;
	a = pa(alloc_bootmem_pages(2 * 4096));
	assert_int_equal(reserve_bootmem(a, 4096, BOOTMEM_EXCLUSIVE), -EBUSY);
	assert_int_equal(reserve_bootmem(a, 4096, BOOTMEM_DEFAULT), 0);
	assert_false(bootmem_is_free(a, 2 * 4096));
}

/* An initrd or firmware table reserved early, freed once used. */
static void free_bootmem_frees_reserved_memory(void **state)
{
	(void)state;
	assert_int_equal(reserve_bootmem(0xf0000000, 3 * 4096, 0), 0);
	free_bootmem(0xf0000000, 3 * 4096);
	assert_true(bootmem_is_free(0xf0000000, 3 * 4096));
}

/* Linux frees the whole pages inside the range, and leaves partial ones. */
static void free_bootmem_frees_the_whole_pages_inside(void **state)
{
	phys_addr_t a;

	(void)state;
	a = pa(alloc_bootmem_pages(4 * 4096));
	free_bootmem(a + 100, 4 * 4096 - 100);
	assert_false(bootmem_is_free(a, 4096));
	assert_true(bootmem_is_free(a + 4096, 3 * 4096));
	/* No whole page inside: nothing at all. */
	free_bootmem(a + 1, 4094);
	assert_false(bootmem_is_free(a, 4096));
}

static void free_bootmem_of_zero_bytes_does_nothing(void **state)
{
	void *p;

	(void)state;
	p = alloc_bootmem(4096);
	free_bootmem(pa(p), 0);
	assert_false(bootmem_is_free(pa(p), 4096));
	free_bootmem(pa(p), 4096);
	assert_true(bootmem_is_free(pa(p), 4096));
}

static void free_bootmem_of_free_memory_changes_nothing(void **state)
{
	phys_addr_t a;

	(void)state;
	a = pa(alloc_bootmem_node(0, 8192));
	free_bootmem(a, 4096);
	free_bootmem(a, 8192);
	assert_false(bootmem_is_free(a + 4096, 4096));
	free_bootmem_node(1, a + 4096, 4096);
	assert_false(bootmem_is_free(a + 4096, 4096));
	free_bootmem_node(0, a + 4096, 4096);
	assert_true(bootmem_is_free(a, 8192));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(alloc_bootmem_returns_zeroed_memory, setup),
		cmocka_unit_test_setup(alloc_bootmem_panics_when_out_of_memory, setup),
		cmocka_unit_test_setup(nopanic_calls_return_null, setup),
		cmocka_unit_test_setup(alloc_bootmem_pages_is_page_aligned, setup),
		cmocka_unit_test_setup(alloc_bootmem_low_stays_below_4g, setup),
		cmocka_unit_test_setup(alloc_bootmem_node_prefers_the_node, setup),
		cmocka_unit_test_setup(reserve_bootmem_exclusive_reports_busy, setup),
		cmocka_unit_test_setup(reserve_bootmem_node_checks_the_node, setup),
		cmocka_unit_test_setup(reserve_bootmem_node_checks_every_page, setup_interleaved),
		cmocka_unit_test_setup(alloc_bootmem_node_ignores_a_goal_outside_the_node, setup),
		cmocka_unit_test_setup(reserve_bootmem_over_allocated_memory_succeeds, setup),
		cmocka_unit_test_setup(free_bootmem_frees_reserved_memory, setup),
		cmocka_unit_test_setup(free_bootmem_frees_the_whole_pages_inside, setup),
		cmocka_unit_test_setup(free_bootmem_of_zero_bytes_does_nothing, setup),
		cmocka_unit_test_setup(free_bootmem_of_free_memory_changes_nothing, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
