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

/* Records and runs the fake machine's snapshot holds: plenty for a test. */
#define BMT_SNAP_MAX	64

/*
 * A run or an owner record as the snapshot keeps it: every field spelt
 * out, so that two snapshots compare byte for byte with no padding.
 */
struct bmt_rec {
	u64 base;
	u64 end;
	u32 nid;
	u32 kind;
	u32 flags;
	u32 tag;
	char label[BOOTMEM_LABEL_LEN];
};

/**
 * struct bmt_state - what the public API shows of the whole state
 * @table:	bootmem_owner_table(): records, capacity, base, size
 * @info:	bootmem_node_info() of every node of the fake machine
 * @nr_runs:	runs in @run
 * @nr_owners:	records in @owner
 * @whole:	no more runs or records than there is room for
 * @run:	every run, lowest first
 * @owner:	every owner record, lowest first
 */
struct bmt_state {
	u64 table[4];
	struct bootmem_node_info info[BMT_NODES];
	u32 nr_runs;
	u32 nr_owners;
	u32 whole;
	u32 unused;
	struct bmt_rec run[BMT_SNAP_MAX];
	struct bmt_rec owner[BMT_SNAP_MAX];
};

static struct bmt_state bmt_saved, bmt_now;

static void bmt_rec_set(struct bmt_rec *r, u64 base, u64 end, int nid,
			enum bootmem_kind kind, unsigned int flags, u8 tag,
			const char *label)
{
	*r = (struct bmt_rec){ .base = base, .end = end, .nid = nid,
			       .kind = kind, .flags = flags, .tag = tag };
	strlcpy(r->label, label, sizeof(r->label));
}

static void bmt_fill(struct bmt_state *p)
{
	struct bootmem_owner_table table;
	struct bootmem_owner o;
	struct bootmem_run run;
	unsigned int i;
	int nid;

	memset(p, 0, sizeof(*p));
	p->whole = true;
	bootmem_owner_table(&table);
	p->table[0] = table.nr;
	p->table[1] = table.capacity;
	p->table[2] = table.base;
	p->table[3] = table.size;
	for (nid = 0; nid < BMT_NODES; nid++)
		bootmem_node_info(nid, &p->info[nid]);
	for_each_bootmem_run(&run) {
		if (p->nr_runs == BMT_SNAP_MAX) {
			p->whole = false;
			break;
		}
		bmt_rec_set(&p->run[p->nr_runs++], run.base, run.size,
			    run.nid, run.kind, run.flags, run.tag, run.label);
	}
	for_each_bootmem_owner(i, &o) {
		if (i == BMT_SNAP_MAX) {
			p->whole = false;
			break;
		}
		bmt_rec_set(&p->owner[p->nr_owners++], o.base, o.last,
			    NUMA_NO_NODE, o.kind, o.flags, o.tag, o.label);
	}
}

/**
 * bmt_snap() - remember the allocator's whole state
 *
 * What the public API shows of it: every run and owner record with its
 * label, the owner table, and every node's counts, for bmt_unchanged().
 */
void bmt_snap(void)
{
	bmt_fill(&bmt_saved);
}

/**
 * bmt_unchanged() - whether the state is still what bmt_snap() saw
 *
 * Return: true if no run, record, table or node count changed (false
 * also when the state was too large for the snapshot to hold)
 */
bool bmt_unchanged(void)
{
	bmt_fill(&bmt_now);

	return bmt_saved.whole && bmt_now.whole &&
	       !memcmp(&bmt_saved, &bmt_now, sizeof(bmt_now));
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

	return 0;
}

/**
 * bmt_run() - run a test body on the fake machine
 * @uts:	test state
 * @body:	the test
 *
 * The fake RAM is allocated from the live allocator first, so that
 * anything a test writes lands in memory the test owns. The live state is
 * put aside (bootmem_push()) and restored exactly (bootmem_pop()), then
 * the buffer is freed; a failing body cannot skip that. LMB, which the
 * command keeps in step with bootmem, gets an empty test map for as long.
 *
 * Return: what @body returned; -EAGAIN (skip) without bootmem
 */
int bmt_run(struct unit_test_state *uts,
	    int (*body)(struct unit_test_state *uts))
{
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
	if (!ret) {
		ret = bootmem_push();
		if (ret)
			lmb_pop(&live_lmb);
	}
	if (ret) {
		bootmem_free(buf, BMT_SIZE);
		ut_assertok(ret);
	}
	bmt_base = buf;

	ret = bmt_setup(uts);
	if (!ret)
		ret = body(uts);

	ut_assertok(bootmem_pop());
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
