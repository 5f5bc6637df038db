// SPDX-License-Identifier: GPL-2.0+
/*
 * Where boot images go: kernel, initrd and device tree kept together on
 * one node (bootmem_place_all(), on the fake machine of bootmem_ut.h), and
 * EFI's page allocations on the live machine.
 */

#include <bootmem_place.h>
#include <bootmem_load.h>
#include <efi_loader.h>
#include <mapmem.h>
#include <test/ut.h>
#include <asm/global_data.h>
#include "bootmem_ut.h"

DECLARE_GLOBAL_DATA_PTR;

/* A kernel of 1 MiB (2 MiB aligned), an initrd of 1 MiB, a 64 KiB tree. */
static const struct bootmem_arm64_image small_kernel = {
	.image_size = SZ_1M,
	.anywhere = true,
};

/* Nodes with memory by distance from 3: 0 (12), 1 (25), 2 (35). */
static int bootmem_test_next_nearest_body(struct unit_test_state *uts)
{
	ut_asserteq(0, bootmem_next_nearest(3, NUMA_NO_NODE));
	ut_asserteq(1, bootmem_next_nearest(3, 0));
	ut_asserteq(2, bootmem_next_nearest(3, 1));
	ut_asserteq(NUMA_NO_NODE, bootmem_next_nearest(3, 2));
	ut_asserteq(2, bootmem_next_nearest(2, NUMA_NO_NODE));
	ut_asserteq(1, bootmem_next_nearest(2, 2));

	return 0;
}

BOOTMEM_TEST(bootmem_test_next_nearest, 0);

/*
 * The map as runs. A refused placement may have placed and given back an
 * image on the way, which leaves the allocator's search hints changed:
 * what must be as it was is the map, not the state byte for byte.
 */
#define MAX_RUNS	32

struct map_snap {
	struct bootmem_run run[MAX_RUNS];
	int count;
};

static void snap_map(struct map_snap *snap)
{
	struct bootmem_run run;

	snap->count = 0;
	for_each_bootmem_run(&run) {
		if (snap->count < MAX_RUNS)
			snap->run[snap->count] = run;
		snap->count++;
	}
}

static bool same_map(const struct map_snap *a, const struct map_snap *b)
{
	int i;

	if (a->count != b->count || a->count > MAX_RUNS)
		return false;
	for (i = 0; i < a->count; i++) {
		if (a->run[i].base != b->run[i].base ||
		    a->run[i].size != b->run[i].size ||
		    a->run[i].kind != b->run[i].kind ||
		    a->run[i].flags != b->run[i].flags ||
		    strcmp(a->run[i].label, b->run[i].label))
			return false;
	}

	return true;
}

static int all_on(struct unit_test_state *uts,
		  const struct bootmem_placement *out, int nid)
{
	int i;

	for (i = 0; i < BOOTMEM_NR_IMAGES; i++) {
		ut_asserteq(nid, out[i].nid);
		ut_assert(bmt_on_node(out[i].base, out[i].size, nid));
	}

	return 0;
}

/* Node 0 holds the three; they all go there. */
static int bootmem_test_place_all_body(struct unit_test_state *uts)
{
	struct bootmem_placement out[BOOTMEM_NR_IMAGES];

	ut_assertok(bootmem_place_all(&small_kernel, SZ_1M, SZ_64K, 0, false,
				      out));
	ut_assertok(all_on(uts, out, 0));
	ut_asserteq(0, out[BOOTMEM_KERNEL].base % SZ_2M);

	return 0;
}

BOOTMEM_TEST(bootmem_test_place_all, 0);

/*
 * Node 0 can take the kernel but not the initrd after it: all three move
 * to node 1, the nearest, instead of splitting; with exact, nothing is
 * placed at all.
 */
static int bootmem_test_place_all_moves_together_body(struct unit_test_state *uts)
{
	struct bootmem_placement out[BOOTMEM_NR_IMAGES];
	struct map_snap before, after;
	phys_addr_t addr;

	/* Leave node 0 one 2 MiB aligned block free, for the kernel only. */
	ut_assertok(bootmem_alloc(SZ_2M, BMT_PAGE, 0, BOOTMEM_ALLOC_ANYWHERE,
				  0, BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP,
				  "ut", &addr));
	snap_map(&before);
	ut_asserteq(-ENOMEM, bootmem_place_all(&small_kernel, SZ_1M + SZ_1M,
					       SZ_64K, 0, true, out));
	snap_map(&after);
	ut_assert(same_map(&before, &after));
	ut_assertok(bootmem_place_all(&small_kernel, SZ_1M + SZ_1M, SZ_64K, 0,
				      false, out));
	ut_assertok(all_on(uts, out, 1));

	return 0;
}

BOOTMEM_TEST(bootmem_test_place_all_moves_together, 0);

/* Too big for any node: refused, nothing placed. */
static int bootmem_test_place_all_too_big_body(struct unit_test_state *uts)
{
	struct bootmem_placement out[BOOTMEM_NR_IMAGES];
	struct bootmem_arm64_image huge = small_kernel;

	huge.image_size = SZ_8M;
	bmt_snap();
	ut_asserteq(-ENOMEM, bootmem_place_all(&huge, SZ_1M, SZ_64K, 0, false,
					       out));
	ut_assert(bmt_unchanged());
	ut_asserteq(-EFBIG, bootmem_place_all(&small_kernel, SZ_1M,
					      SZ_2M + 1, 0, false, out));
	ut_assert(bmt_unchanged());

	return 0;
}

BOOTMEM_TEST(bootmem_test_place_all_too_big, 0);

#if CONFIG_IS_ENABLED(EFI_LOADER) && CONFIG_IS_ENABLED(BOOTMEM_LOAD)
/* U-Boot's own code, where the live bootmem holds it. */
static bool uboot_in_bootmem(void)
{
	return bootmem_enabled() && bootmem_addr_to_nid(gd->relocaddr) >= 0 &&
	       !bootmem_is_free(gd->relocaddr, EFI_PAGE_SIZE);
}

/* AllocatePages(AllocateAddress) over U-Boot's own code is refused. */
static int bootmem_test_efi_allocate_address_over_uboot(struct unit_test_state *uts)
{
	u64 addr = gd->relocaddr & ~(u64)EFI_PAGE_MASK;

	if (!uboot_in_bootmem())
		return -EAGAIN;
	ut_asserteq_64(EFI_NOT_FOUND,
		       efi_allocate_pages(EFI_ALLOCATE_ADDRESS, EFI_LOADER_DATA,
					  1, &addr));

	return 0;
}

BOOTMEM_UNIT_TEST(bootmem_test_efi_allocate_address_over_uboot, 0);

/* AllocatePages and AllocatePool take the boot node's memory. */
static int bootmem_test_efi_pages_on_boot_node(struct unit_test_state *uts)
{
	int nid = bootmem_load_node();
	void *pool;
	u64 addr;

	if (!uboot_in_bootmem())
		return -EAGAIN;
	ut_asserteq_64(EFI_SUCCESS,
		       efi_allocate_pages(EFI_ALLOCATE_ANY_PAGES,
					  EFI_LOADER_DATA, 16, &addr));
	ut_asserteq(nid, bootmem_range_nid(map_to_sysmem((void *)(uintptr_t)addr),
					   16 * EFI_PAGE_SIZE));
	ut_asserteq_64(EFI_SUCCESS, efi_free_pages(addr, 16));
	ut_asserteq_64(EFI_SUCCESS,
		       efi_allocate_pool(EFI_LOADER_DATA, SZ_1M, &pool));
	ut_asserteq(nid, bootmem_range_nid(map_to_sysmem(pool), SZ_1M));
	ut_asserteq_64(EFI_SUCCESS, efi_free_pool(pool));

	return 0;
}

BOOTMEM_UNIT_TEST(bootmem_test_efi_pages_on_boot_node, 0);
#endif
