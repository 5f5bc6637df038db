// SPDX-License-Identifier: GPL-2.0+
/*
 * The bootmem command, driven through run_command() with the console
 * recorded, on the fake machine of bootmem_ut.h.
 */

#include <command.h>
#include <console.h>
#include <env.h>
#include <test/ut.h>
#include "bootmem_ut.h"

#define USAGE_LINE	"bootmem - NUMA boot memory allocator"

/* The allocated run at @addr, or NULL. */
static bool run_at(phys_addr_t addr, struct bootmem_run *run)
{
	for_each_bootmem_run(run) {
		if (run->base == addr)
			return true;
	}

	return false;
}

/* alloc prints the address, sets the variable and honours -n -x. */
static int bootmem_test_cmd_alloc_body(struct unit_test_state *uts)
{
	struct bootmem_run run;
	phys_addr_t addr;
	int nid;

	for (nid = 0; nid < 3; nid++) {
		ut_assertok(run_commandf("bootmem alloc 1M -n %d -x -v ut_addr",
					 nid));
		addr = env_get_hex("ut_addr", 0);
		ut_assert(bmt_on_node(addr, SZ_1M, nid));
		ut_assert_nextline("ut_addr=0x%llx on node %d", addr, nid);
		ut_assert_console_end();
	}
	ut_assert(run_at(addr, &run));
	ut_asserteq(BOOTMEM_ALLOCATED, run.kind);
	ut_asserteq_str("bootmem alloc", run.label);
	ut_asserteq(0, run.flags);
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_alloc, UTF_CONSOLE);

/* -u, -a, -k, -l, -g, -b and the default variable. */
static int bootmem_test_cmd_alloc_options_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(0), addr;
	struct bootmem_run run;

	ut_assertok(run_command("bootmem alloc 2M -n 0 -x -u -a 200000 -k -l ut-keep",
				0));
	ut_asserteq_64(base, env_get_hex("bootmem_addr", 0));
	ut_assert_nextline("bootmem_addr=0x%llx on node 0", base);
	ut_assert(run_at(base, &run));
	ut_asserteq_64(SZ_2M, run.size);
	ut_asserteq(BOOTMEM_KEEP, run.flags);
	ut_asserteq_str("ut-keep", run.label);

	ut_assertok(run_commandf("bootmem alloc 1000 -u -g %llx -v ut_addr",
				 base + SZ_2M + SZ_1M));
	ut_asserteq_64(base + SZ_2M + SZ_1M, env_get_hex("ut_addr", 0));
	ut_assertok(run_commandf("bootmem alloc 1000 -b %llx -v ut_addr",
				 base + SZ_2M + SZ_1M));
	addr = env_get_hex("ut_addr", 0);
	ut_asserteq_64(base + SZ_2M + SZ_1M - BMT_PAGE, addr);

	console_record_reset();
	ut_assertok(run_command("bootmem map 0", 0));
	ut_assert_skip_to_line("[%#011llx-%#011llx]      2 MiB   0  allocated  ut-keep [keep]",
			       base, base + SZ_2M - 1);
	env_set("ut_addr", NULL);
	env_set("bootmem_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_alloc_options, UTF_CONSOLE);

/* Sizes: hex with or without 0x, K/M/G suffixes in either case. */
static int bootmem_test_cmd_sizes_body(struct unit_test_state *uts)
{
	static const struct {
		const char *arg;
		phys_size_t size;
	} sizes[] = {
		{ "2000", 0x2000 }, { "0x2000", 0x2000 }, { "0X3000", 0x3000 },
		{ "8K", SZ_8K }, { "10k", SZ_16K }, { "1M", SZ_1M },
		{ "0x1m", SZ_1M }, { "1001", 0x2000 },
	};
	struct bootmem_run run;
	phys_addr_t addr;
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		ut_assertok(run_commandf("bootmem alloc %s -n 2 -x -u -l s%d -v ut_addr",
					 sizes[i].arg, i));
		addr = env_get_hex("ut_addr", 0);
		ut_assert(run_at(addr, &run));
		ut_asserteq_64(sizes[i].size, run.size);
	}
	/* 1G is a size, just not one this machine has. */
	ut_asserteq(1, run_command("bootmem alloc 1G -v ut_addr", 0));
	console_record_reset();
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_sizes, UTF_CONSOLE);

static int bootmem_test_cmd_info_body(struct unit_test_state *uts)
{
	int nid;

	ut_assertok(run_command("bootmem info", 0));
	ut_assert_nextline("bootmem: 4 nodes, boot node 0, debug off");
	/* The fake machine's bitmap is on the heap (bootmem_push()). */
	ut_assert_skipline();
	ut_assert_nextline("node 0: cpus 0-1 (2), 1 memory range");
	ut_assert_nextline("  [%#011llx-%#011llx]  4 MiB", bmt_node_base(0),
			   bmt_node_base(0) + SZ_4M - 1);
	ut_assert_nextline("  present          0x400000  4 MiB");
	ut_assert_nextline("  free             0x400000  4 MiB");
	ut_assert_nextline("  reserved              0x0  0 B");
	ut_assert_nextline("  allocated             0x0  0 B");
	ut_assert_nextline("node 1: cpus 2 (1), 1 memory range");
	for (nid = 0; nid < 5; nid++)
		ut_assert_skipline();
	ut_assert_nextline("node 2: cpus none (0), 1 memory range");
	ut_assert_nextline("  [%#011llx-%#011llx]  6 MiB", bmt_node_base(2),
			   bmt_node_base(2) + SZ_4M + SZ_2M - 1);
	ut_assert_nextline("  present          0x600000  6 MiB");
	ut_assert_nextline("  free             0x600000  6 MiB");
	ut_assert_nextline("  reserved              0x0  0 B");
	ut_assert_nextline("  allocated             0x0  0 B");
	ut_assert_nextline("node 3: cpus 3 (1), 0 memory ranges");
	for (nid = 0; nid < 4; nid++)
		ut_assert_skipline();
	ut_assert_nextline("distances:");
	ut_assert_nextline("  from\\to    0    1    2    3");
	ut_assert_nextline("        0   10   20   30   12");
	ut_assert_nextline("        1   20   10   15   25");
	ut_assert_nextline("        2   30   15   10   35");
	ut_assert_nextline("        3   12   25   35   10");
	ut_assert_console_end();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_info, UTF_CONSOLE);

static int bootmem_test_cmd_map_body(struct unit_test_state *uts)
{
	phys_addr_t n1 = bmt_node_base(1), n2 = bmt_node_base(2), addr;

	ut_assertok(bootmem_alloc(SZ_1M, SZ_1M, 0, BOOTMEM_ALLOC_ANYWHERE, 1,
				  BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP,
				  "ut map", &addr));
	ut_asserteq_64(n1, addr);
	ut_assertok(run_command("bootmem map", 0));
	ut_assert_nextline("range                           size  node kind       owner");
	ut_assert_nextline("[%#011llx-%#011llx]      4 MiB   0  free",
			   bmt_node_base(0), bmt_node_base(0) + SZ_4M - 1);
	ut_assert_nextline("[%#011llx-%#011llx]      1 MiB   1  allocated  ut map",
			   n1, n1 + SZ_1M - 1);
	ut_assert_nextline("[%#011llx-%#011llx]      3 MiB   1  free",
			   n1 + SZ_1M, n1 + SZ_4M - 1);
	ut_assert_nextline("[%#011llx-%#011llx]      6 MiB   2  free",
			   n2, n2 + SZ_4M + SZ_2M - 1);
	ut_assert_nextline("%s", "");
	ut_assert_nextline("node  0 |................................................................| 64 KiB/char");
	ut_assert_nextline("node  1 |AAAAAAAAAAAAAAAA................................................| 64 KiB/char");
	ut_assert_nextline("node  2 |................................................................| 96 KiB/char");
	ut_assert_nextline("node  3 |no memory|");
	ut_assert_nextline("'.' free, 'a'/'r' partly and 'A'/'R' mostly allocated/reserved");
	ut_assert_console_end();

	ut_assertok(run_command("bootmem map 2", 0));
	ut_assert_skipline();
	ut_assert_nextline("[%#011llx-%#011llx]      6 MiB   2  free",
			   n2, n2 + SZ_4M + SZ_2M - 1);
	ut_assert_skipline();
	ut_assert_nextline("node  2 |................................................................| 96 KiB/char");
	ut_assert_skipline();
	ut_assert_console_end();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_map, UTF_CONSOLE);

/* reserve, then free: reserved pages stay; allocated ones go. */
static int bootmem_test_cmd_reserve_free_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(1);
	struct bootmem_node_info info;
	struct bootmem_run run;

	ut_assertok(run_commandf("bootmem reserve %llx 2000 -l ut-res", base));
	ut_assert(run_at(base, &run));
	ut_asserteq(BOOTMEM_RESERVED, run.kind);
	ut_asserteq_str("ut-res", run.label);
	ut_asserteq(1, run_commandf("bootmem free %llx 2000", base));
	ut_assert_nextline("bootmem: free %#llx 0x2000: reserved, not allocated",
			   base);

	ut_assertok(run_command("bootmem alloc 1M -n 2 -x -v ut_addr", 0));
	ut_assertok(run_command("bootmem free ${ut_addr} 100000", 0));
	ut_assertok(bootmem_node_info(2, &info));
	ut_asserteq(0, info.allocated);
	ut_asserteq(1, run_command("bootmem free ${ut_addr} 100000", 0));
	console_record_reset();
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_reserve_free, UTF_CONSOLE);

/**
 * struct bad_cmd - a command to refuse
 * @cmd:	the command; at most one %llx, given @addr
 * @addr:	what the test fills in
 * @msg:	the one line it must print; at most one %llx, given @addr
 */
struct bad_cmd {
	const char *cmd;
	phys_addr_t addr;
	const char *msg;
};

static int check_refused(struct unit_test_state *uts, const struct bad_cmd *c)
{
	ut_asserteq(1, run_commandf(c->cmd, c->addr));
	ut_assert_nextline(c->msg, c->addr);
	ut_assert_console_end();
	ut_assert(bmt_unchanged());

	return 0;
}

/* Every malformed or refused request: one line, failure, no change. */
static int bootmem_test_cmd_bad_input_body(struct unit_test_state *uts)
{
	phys_addr_t n1 = bmt_node_base(1), hole = bmt_base + SZ_8M, a;
	phys_addr_t res = bmt_node_base(2) + SZ_4M + SZ_2M - BMT_PAGE;
	const struct bad_cmd bad[] = {
		{ "bootmem alloc 0", 0, "bootmem: bad size '0': must not be 0" },
		{ "bootmem alloc 0x", 0, "bootmem: bad size '0x': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc 1x", 0, "bootmem: bad size '1x': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc 1MB", 0, "bootmem: bad size '1MB': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc -1", 0, "bootmem: bad size '-1': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc +1", 0, "bootmem: bad size '+1': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc 99999999999G", 0, "bootmem: bad size '99999999999G': too large" },
		{ "bootmem alloc 10000000000000000", 0, "bootmem: bad size '10000000000000000': too large" },
		{ "bootmem alloc 400000000G", 0, "bootmem: bad size '400000000G': too large" },
		{ "bootmem alloc 1G", 0, "bootmem: alloc 0x40000000: out of memory" },
		{ "bootmem alloc ffffffffffffffff", 0, "bootmem: alloc 0xffffffffffffffff: past the top of the address space" },
		{ "bootmem alloc 8M -n 1 -x", 0, "bootmem: alloc 0x800000 on node 1: out of memory" },
		{ "bootmem alloc 1M -n 3 -x", 0, "bootmem: alloc 0x100000 on node 3: node has no memory" },
		{ "bootmem alloc 1M -n 4", 0, "bootmem: no node '4'" },
		{ "bootmem alloc 1M -n -1", 0, "bootmem: no node '-1'" },
		{ "bootmem alloc 1M -n 1x", 0, "bootmem: no node '1x'" },
		{ "bootmem alloc 1M -n 4294967296", 0, "bootmem: no node '4294967296'" },
		{ "bootmem alloc 1M -x", 0, "bootmem: -x needs a node (-n)" },
		{ "bootmem alloc 1M -a 3000", 0, "bootmem: alloc 0x100000: invalid argument" },
		{ "bootmem alloc 1M -a 0", 0, "bootmem: bad alignment '0': must not be 0" },
		{ "bootmem alloc 1M -b 1000", 0, "bootmem: alloc 0x100000: out of memory" },
		{ "bootmem alloc 1M -b zz", 0, "bootmem: bad limit 'zz': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc 1M -g 1G1", 0, "bootmem: bad goal '1G1': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem alloc 1M -l 123456789012345678901234", 0, "bootmem: label '123456789012345678901234' must have 1 to 23 characters" },
		{ "bootmem alloc 1M -v a=b", 0, "bootmem: bad variable name 'a=b'" },
		{ "bootmem free %llx 1000", n1, "bootmem: free %#llx 0x1000: not allocated" },
		{ "bootmem free %llx 0", n1, "bootmem: bad size '0': must not be 0" },
		{ "bootmem free %llx 800", n1, "bootmem: free %#llx 0x800: not a multiple of 0x1000" },
		{ "bootmem free %llx 1000", n1 + 1, "bootmem: free %#llx 0x1000: not a multiple of 0x1000" },
		{ "bootmem free %llx 1000", res, "bootmem: free %#llx 0x1000: reserved, not allocated" },
		{ "bootmem free %llx 1000", hole, "bootmem: free %#llx 0x1000: not RAM" },
		{ "bootmem free %llx 10000000", res, "bootmem: free %#llx 0x10000000: not RAM" },
		{ "bootmem free %llx -1", n1, "bootmem: bad size '-1': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem free x%llx 1000", n1, "bootmem: bad address 'x%llx': not a hex number (K, M or G suffix allowed)" },
		{ "bootmem reserve %llx 1000", res, "bootmem: reserve %#llx 0x1000: in use" },
		{ "bootmem reserve %llx 1000", hole, "bootmem: reserve %#llx 0x1000: not RAM" },
		{ "bootmem reserve %llx 0", n1, "bootmem: bad size '0': must not be 0" },
		{ "bootmem reserve fffffffffffff000 2000", 0, "bootmem: reserve 0xfffffffffffff000 0x2000: past the top of the address space" },
		{ "bootmem reserve %llx 1000 -l 123456789012345678901234", n1, "bootmem: label '123456789012345678901234' must have 1 to 23 characters" },
		{ "bootmem map 4", 0, "bootmem: no node '4'" },
		{ "bootmem map -1", 0, "bootmem: no node '-1'" },
	};
	const struct bad_cmd twice = {
		"bootmem free %llx 100000", 0,
		"bootmem: free %#llx 0x100000: not allocated"
	};
	struct bad_cmd c;
	int i;

	ut_assertok(bootmem_alloc(SZ_1M, BMT_PAGE, 0, BOOTMEM_ALLOC_ANYWHERE,
				  0, BOOTMEM_EXACT_NODE, "ut", &a));
	ut_assertok(bootmem_reserve(res, BMT_PAGE, 0, "ut reserved"));
	bmt_snap();
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ut_assertok(check_refused(uts, &bad[i]));

	c = (struct bad_cmd){ "bootmem reserve %llx 1000", a,
			      "bootmem: reserve %#llx 0x1000: in use" };
	ut_assertok(check_refused(uts, &c));
	c = (struct bad_cmd){ "bootmem free %llx 200000", a,
			      "bootmem: free %#llx 0x200000: not allocated" };
	ut_assertok(check_refused(uts, &c));

	ut_assertok(run_commandf("bootmem free %llx 100000", a));
	bmt_snap();
	c = twice;
	c.addr = a;
	ut_assertok(check_refused(uts, &c));

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_bad_input, UTF_CONSOLE);

/* Wrong forms show the help text, fail and change nothing. */
static int bootmem_test_cmd_usage_body(struct unit_test_state *uts)
{
	static const char *const forms[] = {
		"bootmem", "bootmem nosuch", "bootmem info extra",
		"bootmem map 0 1", "bootmem alloc", "bootmem alloc 1M 2M",
		"bootmem alloc 1M -q", "bootmem alloc 1M -n",
		"bootmem reserve 1000", "bootmem reserve 1000 1000 -x y",
		"bootmem reserve 1000 1000 -l", "bootmem free 1000",
		"bootmem free 1000 1000 1000", "bootmem debug maybe",
	};
	int i;

	bmt_snap();
	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		console_record_reset();
		ut_asserteq(1, run_command(forms[i], 0));
		ut_assert_nextline(USAGE_LINE);
		ut_assert(bmt_unchanged());
	}
	console_record_reset();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_usage, UTF_CONSOLE);

static int bootmem_test_cmd_debug_body(struct unit_test_state *uts)
{
	ut_assertok(run_command("bootmem debug on", 0));
	ut_assert_nextline("bootmem debug on");
	ut_assert(bootmem_debug);
	ut_assertok(run_command("bootmem debug", 0));
	ut_assert_nextline("bootmem debug on");
	ut_assertok(run_command("bootmem debug off", 0));
	ut_assert_nextline("bootmem debug off");
	ut_assert(!bootmem_debug);
	ut_assert_console_end();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_debug, UTF_CONSOLE);
