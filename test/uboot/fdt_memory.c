// SPDX-License-Identifier: GPL-2.0+
/*
 * U-Boot's generic device tree memory fix-up, fdt_fixup_memory_banks(),
 * on trees with one memory node per NUMA node: it must fit each node to
 * the banks and never merge them into one.
 */

#include <fdt_support.h>
#include <test/ut.h>
#include <linux/libfdt.h>
#include <linux/sizes.h>
#include "bootmem_ut.h"

#define FIX_TREE_SIZE	SZ_4K
#define FIX_BASE	0x40000000ULL
#define FIX_MAX_NODES	4

static u8 fix_tree[FIX_TREE_SIZE] __aligned(8);

/* A memory node as the test sees it: name, one reg entry, node id. */
struct fix_node {
	const char *name;
	u64 base;
	u64 size;
	int nid;
};

/*
 * A root with 2/2 cells and the given memory nodes (nid < 0: none), in
 * that order: libfdt adds a subnode before its siblings.
 */
static int fix_build(struct unit_test_state *uts, const struct fix_node *n,
		     int count)
{
	fdt64_t reg[2];
	int i, node;

	ut_assertok(fdt_create_empty_tree(fix_tree, sizeof(fix_tree)));
	ut_assertok(fdt_setprop_u32(fix_tree, 0, "#address-cells", 2));
	ut_assertok(fdt_setprop_u32(fix_tree, 0, "#size-cells", 2));
	for (i = count - 1; i >= 0; i--) {
		node = fdt_add_subnode(fix_tree, 0, n[i].name);
		ut_assert(node >= 0);
		ut_assertok(fdt_setprop_string(fix_tree, node, "device_type",
					       "memory"));
		reg[0] = cpu_to_fdt64(n[i].base);
		reg[1] = cpu_to_fdt64(n[i].size);
		ut_assertok(fdt_setprop(fix_tree, node, "reg", reg,
					sizeof(reg)));
		if (n[i].nid >= 0)
			ut_assertok(fdt_setprop_u32(fix_tree, node,
						    "numa-node-id", n[i].nid));
	}

	return 0;
}

/* The memory nodes of the tree, in tree order, are exactly @want. */
static int fix_check(struct unit_test_state *uts, const struct fix_node *want,
		     int count)
{
	const fdt64_t *reg;
	const fdt32_t *nid;
	int node, len, i = 0;

	fdt_for_each_subnode(node, fix_tree, 0) {
		if (strncmp(fdt_get_name(fix_tree, node, NULL), "memory", 6))
			continue;
		ut_assert(i < count);
		ut_asserteq_str(want[i].name,
				fdt_get_name(fix_tree, node, NULL));
		reg = fdt_getprop(fix_tree, node, "reg", &len);
		ut_asserteq(sizeof(*reg) * 2, len);
		ut_asserteq_64(want[i].base, fdt64_to_cpu(reg[0]));
		ut_asserteq_64(want[i].size, fdt64_to_cpu(reg[1]));
		nid = fdt_getprop(fix_tree, node, "numa-node-id", &len);
		ut_assertnonnull(nid);
		ut_asserteq(want[i].nid, fdt32_to_cpu(*nid));
		i++;
	}
	ut_asserteq(count, i);

	return 0;
}

/*
 * Build a tree of @n_in memory nodes, fix it up for @banks banks, and
 * check that it holds the @n_want memory nodes @want.
 */
static int fix_expect(struct unit_test_state *uts, const struct fix_node *in,
		      int n_in, u64 start[], u64 size[], int banks,
		      const struct fix_node *want, int n_want)
{
	ut_assertok(fix_build(uts, in, n_in));
	ut_assertok(fdt_fixup_memory_banks(fix_tree, start, size, banks));

	return fix_check(uts, want, n_want);
}

/* The fix-up for one bank is refused and leaves the tree as it was. */
static int fix_refused(struct unit_test_state *uts, const struct fix_node *in,
		       int n_in, u64 start, u64 size)
{
	static u8 before[FIX_TREE_SIZE];

	ut_assertok(fix_build(uts, in, n_in));
	memcpy(before, fix_tree, sizeof(before));
	ut_assert(fdt_fixup_memory(fix_tree, start, size) < 0);
	ut_assertok(memcmp(before, fix_tree, sizeof(before)));

	return 0;
}

static const struct fix_node fix_two_nodes[] = {
	{ "memory@80000000", FIX_BASE + SZ_1G, SZ_1G, 1 },
	{ "memory@40000000", FIX_BASE, SZ_1G, 0 },
};

/* Banks that match the nodes leave them as they are. */
static int bootmem_test_fdt_fixup_numa_same(struct unit_test_state *uts)
{
	u64 start[] = { FIX_BASE, FIX_BASE + SZ_1G };
	u64 size[] = { SZ_1G, SZ_1G };

	return fix_expect(uts, fix_two_nodes, 2, start, size, 2,
			  fix_two_nodes, 2);
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_numa_same, 0);

/* One bank over both nodes is split between them, not merged. */
static int bootmem_test_fdt_fixup_numa_split(struct unit_test_state *uts)
{
	u64 start = FIX_BASE, size = SZ_2G;

	return fix_expect(uts, fix_two_nodes, 2, &start, &size, 1,
			  fix_two_nodes, 2);
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_numa_split, 0);

/*
 * Banks smaller than the nodes shrink them: the unit address follows the
 * new start, and a node left without RAM goes.
 */
static int bootmem_test_fdt_fixup_numa_shrink(struct unit_test_state *uts)
{
	static const struct fix_node three[] = {
		{ "memory@40000000", FIX_BASE, SZ_1G, 0 },
		{ "memory@80000000", FIX_BASE + SZ_1G, SZ_1G, 1 },
		{ "memory@c0000000", FIX_BASE + SZ_2G, SZ_1G, 2 },
	};
	static const struct fix_node want[] = {
		{ "memory@40000000", FIX_BASE, SZ_512M, 0 },
		{ "memory@a0000000", FIX_BASE + SZ_1G + SZ_512M, SZ_512M, 1 },
	};
	u64 start[] = { FIX_BASE, FIX_BASE + SZ_1G + SZ_512M };
	u64 size[] = { SZ_512M, SZ_512M };

	return fix_expect(uts, three, 3, start, size, 2, want, 2);
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_numa_shrink, 0);

/* RAM that no NUMA node holds is refused. */
static int bootmem_test_fdt_fixup_numa_orphan(struct unit_test_state *uts)
{
	return fix_refused(uts, fix_two_nodes, 2, FIX_BASE, SZ_2G + SZ_1G);
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_numa_orphan, 0);

/* Some memory nodes with numa-node-id and some without is refused. */
static int bootmem_test_fdt_fixup_numa_mixed(struct unit_test_state *uts)
{
	static const struct fix_node mixed[] = {
		{ "memory@40000000", FIX_BASE, SZ_1G, 0 },
		{ "memory@80000000", FIX_BASE + SZ_1G, SZ_1G, -1 },
	};

	return fix_refused(uts, mixed, 2, FIX_BASE, SZ_2G);
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_numa_mixed, 0);

/* A tree without numa-node-id keeps U-Boot's usual single memory node. */
static int bootmem_test_fdt_fixup_no_numa(struct unit_test_state *uts)
{
	static const struct fix_node one = {
		"memory@40000000", FIX_BASE, SZ_1G, -1
	};
	u64 start[] = { FIX_BASE, FIX_BASE + SZ_2G };
	u64 size[] = { SZ_1G, SZ_1G };
	const fdt64_t *reg;
	int node, len;

	ut_assertok(fix_build(uts, &one, 1));
	ut_assertok(fdt_fixup_memory_banks(fix_tree, start, size, 2));
	node = fdt_path_offset(fix_tree, "/memory@40000000");
	ut_assert(node >= 0);
	reg = fdt_getprop(fix_tree, node, "reg", &len);
	ut_asserteq(sizeof(*reg) * 4, len);
	ut_asserteq_64(FIX_BASE + SZ_2G, fdt64_to_cpu(reg[2]));

	return 0;
}

BOOTMEM_UNIT_TEST(bootmem_test_fdt_fixup_no_numa, 0);
