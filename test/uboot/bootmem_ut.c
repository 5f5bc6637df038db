// SPDX-License-Identifier: GPL-2.0+
/*
 * The 'ut bootmem' suite and its fake machine (see bootmem_ut.h).
 */

#include <command.h>
#include <lmb.h>
#include <mapmem.h>
#include <test/suites.h>
#include <test/ut.h>
#include "bootmem_ut.h"

phys_addr_t bmt_base;

static const struct {
	phys_size_t off;
	phys_size_t size;
} bmt_ram[] = {
	{ 0, SZ_4M },
	{ SZ_4M, SZ_4M },
	{ SZ_8M + SZ_2M, SZ_4M + SZ_2M },
};

/* The node of CPU n is bmt_cpu_node[n]. */
static const int bmt_cpu_node[] = { 0, 0, 1, 3 };

static const struct {
	int from;
	int to;
	unsigned int distance;
} bmt_dist[] = {
	{ 0, 1, 20 }, { 0, 2, 30 }, { 1, 2, 15 },
	{ 3, 0, 12 }, { 3, 1, 25 }, { 3, 2, 35 },
};

/**
 * bmt_node_base() - where a node's RAM starts in the fake machine
 * @nid:	node id
 *
 * Return: the physical address; 0 for a node without memory
 */
phys_addr_t bmt_node_base(int nid)
{
	return nid < ARRAY_SIZE(bmt_ram) ? bmt_base + bmt_ram[nid].off : 0;
}

/**
 * bmt_node_size() - how much RAM a node has in the fake machine
 * @nid:	node id
 *
 * Return: bytes; 0 for a node without memory
 */
phys_size_t bmt_node_size(int nid)
{
	return nid < ARRAY_SIZE(bmt_ram) ? bmt_ram[nid].size : 0;
}

/**
 * bmt_on_node() - whether a block lies wholly in a node's fake RAM
 * @addr:	physical address
 * @size:	bytes
 * @nid:	node id
 *
 * Return: true if [@addr, @addr + @size) is within node @nid
 */
bool bmt_on_node(phys_addr_t addr, phys_size_t size, int nid)
{
	phys_addr_t base = bmt_node_base(nid);

	return addr >= base && size <= bmt_node_size(nid) &&
	       addr - base <= bmt_node_size(nid) - size;
}

static struct {
	struct bootmem_state state;
	u8 map[BMT_PAGE];
} bmt_saved;

/**
 * bmt_snap() - remember the allocator's whole state
 *
 * The state object and the bitmap page, byte for byte, for
 * bmt_unchanged().
 */
void bmt_snap(void)
{
	memcpy(&bmt_saved.state, &bm, sizeof(bm));
	memcpy(bmt_saved.map, bm.map.words, sizeof(bmt_saved.map));
}

/**
 * bmt_unchanged() - whether the state is still what bmt_snap() saw
 *
 * Return: true if neither the state object nor the bitmap changed
 */
bool bmt_unchanged(void)
{
	return !memcmp(&bmt_saved.state, &bm, sizeof(bm)) &&
	       !memcmp(bmt_saved.map, bm.map.words, sizeof(bmt_saved.map));
}

/* Register the fake machine and enable bootmem on it. */
static int bmt_setup(struct unit_test_state *uts)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(bmt_ram); i++)
		ut_assertok(bootmem_add_range(i, bmt_node_base(i),
					      bmt_node_size(i)));
	for (i = 0; i < ARRAY_SIZE(bmt_cpu_node); i++)
		ut_assertok(bootmem_add_cpu(bmt_cpu_node[i], i));
	for (i = 0; i < ARRAY_SIZE(bmt_dist); i++) {
		ut_assertok(bootmem_set_distance(bmt_dist[i].from,
						 bmt_dist[i].to,
						 bmt_dist[i].distance));
		ut_assertok(bootmem_set_distance(bmt_dist[i].to,
						 bmt_dist[i].from,
						 bmt_dist[i].distance));
	}
	ut_assertok(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE));
	/* The snapshot holds one page of bitmap: the fake machine's. */
	ut_asserteq(1, bm.map.pages);

	return 0;
}

/**
 * bmt_run() - run a test body on the fake machine
 * @uts:	test state
 * @body:	the test
 *
 * The fake RAM is allocated from the live allocator first, so the fake
 * bitmap and anything a test writes land in memory the test owns. The
 * live state is copied aside and put back unchanged, then the buffer is
 * freed; a failing body cannot skip that. LMB, which the command keeps in
 * step with bootmem, gets an empty test map for as long.
 *
 * Return: what @body returned; -EAGAIN (skip) without bootmem
 */
int bmt_run(struct unit_test_state *uts,
	    int (*body)(struct unit_test_state *uts))
{
	static struct bootmem_state live;
	bool debug = bootmem_debug;
	struct lmb live_lmb;
	phys_addr_t buf;
	int ret;

	if (!bootmem_enabled()) {
		printf("Skipping: bootmem is not enabled\n");
		return -EAGAIN;
	}
	ut_assertok(bootmem_alloc(BMT_SIZE, SZ_2M, 0, BOOTMEM_ALLOC_ANYWHERE,
				  NUMA_NO_NODE, 0, "ut bootmem", &buf));
	ret = lmb_push(&live_lmb);
	if (ret) {
		bootmem_free(buf, BMT_SIZE);
		ut_assertok(ret);
	}
	memcpy(&live, &bm, sizeof(bm));
	bootmem_reset();
	bootmem_debug = false;
	bmt_base = buf;

	ret = bmt_setup(uts);
	if (!ret)
		ret = body(uts);

	memcpy(&bm, &live, sizeof(bm));
	bootmem_debug = debug;
	lmb_pop(&live_lmb);
	ut_assertok(bootmem_free(buf, BMT_SIZE));

	return ret;
}

/**
 * do_ut_bootmem() - the 'ut bootmem' command: run the bootmem suite
 * @cmdtp:	command
 * @flag:	command flags
 * @argc:	arguments, "bootmem" first
 * @argv:	[-r<runs>] [-f] [<test>]
 *
 * Return: 0 if every test passed, else CMD_RET_FAILURE
 */
int do_ut_bootmem(struct cmd_tbl *cmdtp, int flag, int argc,
		  char *const argv[])
{
	struct unit_test *tests = UNIT_TEST_SUITE_START(bootmem_test);
	const int n_ents = UNIT_TEST_SUITE_COUNT(bootmem_test);

	return cmd_ut_category("bootmem", "bootmem_test_", tests, n_ents,
			       argc, argv);
}
