// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem's allocation policy and refusals, inside U-Boot, on the fake
 * machine of bootmem_ut.h.
 */

#include <test/ut.h>
#include "bootmem_ut.h"

static int alloc_mb(int nid, unsigned int flags, phys_addr_t *addrp)
{
	return bootmem_alloc(SZ_1M, BMT_PAGE, 0, BOOTMEM_ALLOC_ANYWHERE, nid,
			     flags, "ut", addrp);
}

/* Allocate all of node @nid that 1 MiB pieces can take. */
static int fill_node(struct unit_test_state *uts, int nid)
{
	phys_addr_t addr;
	int n = 0;

	while (!alloc_mb(nid, BOOTMEM_EXACT_NODE, &addr)) {
		ut_assert(bmt_on_node(addr, SZ_1M, nid));
		ut_assert(++n <= bmt_node_size(nid) / SZ_1M);
	}
	ut_assert(n >= 1);

	return 0;
}

/* The registry matches the fake machine. */
static int bootmem_test_topology_body(struct unit_test_state *uts)
{
	struct bootmem_node_info info;
	phys_addr_t base;
	phys_size_t size;

	ut_assertok(bootmem_node_info(0, &info));
	ut_asserteq(SZ_4M, info.present);
	ut_asserteq(SZ_4M, info.free);
	ut_asserteq(2, info.nr_cpus);
	ut_asserteq(0x3, info.cpumask);
	ut_assertok(bootmem_node_info(2, &info));
	ut_asserteq(SZ_4M + SZ_2M, info.present);
	ut_asserteq(0, info.reserved);	/* the bitmap is on the heap */
	ut_asserteq(0, info.nr_cpus);
	ut_assertok(bootmem_node_info(3, &info));
	ut_asserteq(0, info.present);
	ut_asserteq(0, info.nr_ranges);
	ut_asserteq(0x8, info.cpumask);
	ut_asserteq(-ENODEV, bootmem_node_info(4, NULL));

	ut_assertok(bootmem_node_range(1, 0, &base, &size));
	ut_asserteq_64(bmt_node_base(1), base);
	ut_asserteq(-ENOENT, bootmem_node_range(1, 1, &base, &size));
	ut_asserteq(0, bootmem_boot_node());
	ut_asserteq(15, bootmem_distance(2, 1));
	ut_asserteq(12, bootmem_distance(0, 3));
	ut_asserteq(10, bootmem_distance(3, 3));
	ut_asserteq(NUMA_NO_NODE, bootmem_addr_to_nid(bmt_base + SZ_8M));

	return 0;
}

BOOTMEM_TEST(bootmem_test_topology, 0);

/* A node-exact allocation lands on that node, whichever it is. */
static int bootmem_test_exact_node_body(struct unit_test_state *uts)
{
	phys_addr_t addr;
	int nid;

	for (nid = 0; nid < 3; nid++) {
		ut_assertok(alloc_mb(nid, BOOTMEM_EXACT_NODE, &addr));
		ut_assert(bmt_on_node(addr, SZ_1M, nid));
		ut_asserteq(nid, bootmem_addr_to_nid(addr));
	}

	return 0;
}

BOOTMEM_TEST(bootmem_test_exact_node, 0);

/* A full node refuses node-exact requests and changes nothing. */
static int bootmem_test_exact_node_full_body(struct unit_test_state *uts)
{
	phys_addr_t addr;

	ut_assertok(fill_node(uts, 1));
	bmt_snap();
	ut_asserteq(-ENOMEM, alloc_mb(1, BOOTMEM_EXACT_NODE, &addr));
	ut_asserteq(-ENOMEM, bootmem_alloc(BMT_PAGE, BMT_PAGE, 0,
					   BOOTMEM_ALLOC_ANYWHERE, 1,
					   BOOTMEM_EXACT_NODE, NULL, &addr));
	ut_assert(bmt_unchanged());

	return 0;
}

BOOTMEM_TEST(bootmem_test_exact_node_full, 0);

/* A node with CPUs and no memory has nothing node-exact to give. */
static int bootmem_test_exact_cpu_only_node_body(struct unit_test_state *uts)
{
	phys_addr_t addr;

	ut_asserteq(-ENXIO, alloc_mb(3, BOOTMEM_EXACT_NODE, &addr));
	ut_asserteq(-ENODEV, alloc_mb(4, BOOTMEM_EXACT_NODE, &addr));
	ut_asserteq(-ENODEV, alloc_mb(-2, 0, &addr));

	return 0;
}

BOOTMEM_TEST(bootmem_test_exact_cpu_only_node, 0);

/* Without -x a full node falls back to the nearest node, then the next. */
static int bootmem_test_fallback_nearest_body(struct unit_test_state *uts)
{
	phys_addr_t addr;

	ut_assertok(fill_node(uts, 1));
	ut_assertok(alloc_mb(1, 0, &addr));
	ut_assert(bmt_on_node(addr, SZ_1M, 2));	/* 1-2 is 15, 1-0 is 20 */
	ut_assertok(fill_node(uts, 2));
	ut_assertok(alloc_mb(1, 0, &addr));
	ut_assert(bmt_on_node(addr, SZ_1M, 0));

	return 0;
}

BOOTMEM_TEST(bootmem_test_fallback_nearest, 0);

/* A CPU-only node's allocations come from its nearest node. */
static int bootmem_test_fallback_cpu_only_node_body(struct unit_test_state *uts)
{
	phys_addr_t addr;

	ut_assertok(alloc_mb(3, 0, &addr));
	ut_assert(bmt_on_node(addr, SZ_1M, 0));	/* 3-0 is 12 */

	return 0;
}

BOOTMEM_TEST(bootmem_test_fallback_cpu_only_node, 0);

/* Top-down by default, bottom-up on request; limit and goal hold. */
static int bootmem_test_placement_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(0), addr;

	ut_assertok(alloc_mb(0, BOOTMEM_EXACT_NODE, &addr));
	ut_asserteq_64(base + SZ_4M - SZ_1M, addr);
	ut_assertok(alloc_mb(0, BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP, &addr));
	ut_asserteq_64(base, addr);
	ut_assertok(bootmem_alloc(SZ_1M, BMT_PAGE, 0, base + SZ_2M + SZ_1M,
				  0, BOOTMEM_EXACT_NODE, NULL, &addr));
	ut_asserteq_64(base + SZ_2M, addr);
	ut_assertok(bootmem_alloc(BMT_PAGE, SZ_1M, base + SZ_1M,
				  BOOTMEM_ALLOC_ANYWHERE, 0,
				  BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP, NULL,
				  &addr));
	ut_asserteq_64(base + SZ_1M, addr);

	return 0;
}

BOOTMEM_TEST(bootmem_test_placement, 0);

/* Every wrong free is refused and leaves the map as it was. */
static int bootmem_test_free_errors_body(struct unit_test_state *uts)
{
	phys_addr_t addr, res = bmt_node_base(1), hole = bmt_base + SZ_8M;

	ut_assertok(alloc_mb(0, 0, &addr));
	ut_assertok(bootmem_reserve(res, BMT_PAGE, 0, "ut"));
	bmt_snap();
	ut_asserteq(-ENOENT, bootmem_free(bmt_base, BMT_PAGE));
	ut_asserteq(-ENOENT, bootmem_free(addr, SZ_1M + BMT_PAGE));
	ut_asserteq(-ENOENT, bootmem_free(addr - BMT_PAGE, BMT_PAGE * 2));
	ut_asserteq(-EACCES, bootmem_free(res, BMT_PAGE));
	ut_asserteq(-EINVAL, bootmem_free(addr + 1, BMT_PAGE));
	ut_asserteq(-EINVAL, bootmem_free(addr, 0));
	ut_asserteq(-ERANGE, bootmem_free(hole, BMT_PAGE));
	ut_asserteq(-EOVERFLOW, bootmem_free(addr, ~(phys_size_t)0));
	ut_assert(bmt_unchanged());

	ut_assertok(bootmem_free(addr, SZ_1M));
	bmt_snap();
	ut_asserteq(-ENOENT, bootmem_free(addr, SZ_1M));
	ut_assert(bmt_unchanged());

	return 0;
}

BOOTMEM_TEST(bootmem_test_free_errors, 0);

/* Reservations over allocations, outside RAM or of size 0 are refused. */
static int bootmem_test_reserve_errors_body(struct unit_test_state *uts)
{
	phys_addr_t addr, res = bmt_node_base(0);

	ut_assertok(alloc_mb(1, 0, &addr));
	ut_assertok(bootmem_reserve(res, BMT_PAGE, 0, "ut"));
	bmt_snap();
	ut_asserteq(-EBUSY, bootmem_reserve(addr, BMT_PAGE, 0, "ut"));
	ut_asserteq(-EBUSY, bootmem_reserve(addr - BMT_PAGE, BMT_PAGE * 2,
					    0, "ut"));
	ut_asserteq(-EBUSY, bootmem_reserve(res, BMT_PAGE, BOOTMEM_EXCLUSIVE,
					    "ut"));
	ut_asserteq(-EINVAL, bootmem_reserve(bmt_base, 0, 0, "ut"));
	ut_asserteq(-ERANGE, bootmem_reserve(bmt_base + SZ_8M, SZ_2M, 0,
					     "ut"));
	ut_asserteq(-EOVERFLOW, bootmem_reserve(~(phys_addr_t)0, 2, 0, "ut"));
	ut_assert(bmt_unchanged());

	/* A reservation is for good: it cannot be freed. */
	ut_asserteq(-EACCES, bootmem_free(res, BMT_PAGE));

	return 0;
}

BOOTMEM_TEST(bootmem_test_reserve_errors, 0);
