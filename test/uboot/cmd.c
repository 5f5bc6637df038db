// SPDX-License-Identifier: GPL-2.0+
/*
 * The bootmem command, driven through run_command() with the console
 * recorded, on the fake machine of bootmem_ut.h. Every bad command that
 * needs no live machine is here, once; test/qemu/test_bootmem_cmd.py has
 * only those that need U-Boot's and QEMU's own reservations.
 */

#include <command.h>
#include <console.h>
#include <env.h>
#include <test/ut.h>
#include "bootmem_ut.h"

#define USAGE_LINE	"bootmem - NUMA boot memory allocator"
#define NOT_A_NUMBER	"is not a number: hex, or decimal with K, M, G or T (100M = 100 MiB)"

/*
 * Reserve the top page of node 2 as firmware would, without the prompt's
 * tag: a reservation the command must keep. Return: its address.
 */
static phys_addr_t fw_page(void)
{
	phys_addr_t fw = bmt_node_base(2) + bmt_node_size(2) - BMT_PAGE;

	return bootmem_reserve(fw, BMT_PAGE, BOOTMEM_DEFAULT, "ut firmware") ?
	       0 : fw;
}

/* The run at @addr, or NULL. */
static bool run_at(phys_addr_t addr, struct bootmem_run *run)
{
	for_each_bootmem_run(run) {
		if (run->base == addr)
			return true;
	}

	return false;
}

static unsigned int nr_owners(void)
{
	struct bootmem_owner_table table;

	bootmem_owner_table(&table);

	return table.nr;
}

/* alloc prints the address, size and node, sets the variable, honours -x. */
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
		ut_assert_nextline("ut_addr=%#llx: 0x100000 bytes (1 MiB) on node %d",
				   addr, nid);
		ut_assert_console_end();
	}
	ut_assert(run_at(addr, &run));
	ut_asserteq(BOOTMEM_ALLOCATED, run.kind);
	ut_asserteq_str("bootmem alloc", run.label);
	/* A shell buffer, not kept for the OS: loads may land in it */
	ut_asserteq(BOOTMEM_LOAD_BUFFER, run.flags);
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_alloc, UTF_CONSOLE);

/*
 * alloc and boot take the boot node (CPU 0's) unless -n says otherwise,
 * and every answer names the node the memory came from.
 */
static int bootmem_test_cmd_default_node_body(struct unit_test_state *uts)
{
	phys_addr_t addr;

	ut_assertok(run_command("bootmem info", 0));
	ut_assert_nextline("4 nodes, boot node 0 (alloc and boot use it unless -n)");
	console_record_reset();

	ut_assertok(run_command("bootmem alloc 1M -v ut_addr", 0));
	addr = env_get_hex("ut_addr", 0);
	ut_assert(bmt_on_node(addr, SZ_1M, 0));
	ut_assert_nextline("ut_addr=%#llx: 0x100000 bytes (1 MiB) on node 0",
			   addr);
	/* -x alone keeps to the boot node. */
	ut_assertok(run_command("bootmem alloc 2M -x -v ut_addr", 0));
	ut_assert(bmt_on_node(env_get_hex("ut_addr", 0), SZ_2M, 0));
	ut_assert_skipline();
	/* Node 0 has 1 MiB left; node 1 is nearer than node 2 but too small. */
	ut_assertok(run_command("bootmem alloc 5M -v ut_addr", 0));
	addr = env_get_hex("ut_addr", 0);
	ut_assert(bmt_on_node(addr, 5 * SZ_1M, 2));
	ut_assert_nextline("ut_addr=%#llx: 0x500000 bytes (5 MiB) on node 2 (node 0 had no room)",
			   addr);
	/* A node without memory lends from the nearest that has some. */
	ut_assertok(run_command("bootmem alloc 1M -n 3 -v ut_addr", 0));
	addr = env_get_hex("ut_addr", 0);
	ut_assert(bmt_on_node(addr, SZ_1M, 0));
	ut_assert_nextline("ut_addr=%#llx: 0x100000 bytes (1 MiB) on node 0 (node 3 had no room)",
			   addr);
	ut_assert_console_end();
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_default_node, UTF_CONSOLE);

/* -u, -a, -k, -l, -g, -b, options before the size, the default variable. */
static int bootmem_test_cmd_alloc_options_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(0), addr;
	struct bootmem_run run;

	ut_assertok(run_command("bootmem alloc -n 0 -xu -a 200000 -k -l ut-keep 2M",
				0));
	ut_asserteq_64(base, env_get_hex("bootmem_addr", 0));
	ut_assert_nextline("bootmem_addr=%#llx: 0x200000 bytes (2 MiB) on node 0",
			   base);
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

/*
 * Sizes: hex without a suffix (0x optional), as U-Boot reads $filesize;
 * with K, M, G or T decimal unless 0x: 100K is 100 KiB, 0x10K is 16 KiB.
 */
static int bootmem_test_cmd_sizes_body(struct unit_test_state *uts)
{
	static const struct {
		const char *arg;
		phys_size_t size;
	} sizes[] = {
		{ "2000", 0x2000 }, { "0x2000", 0x2000 }, { "0X3000", 0x3000 },
		{ "8K", SZ_8K }, { "12k", 12 * SZ_1K }, { "100K", 100 * SZ_1K },
		{ "0x10K", SZ_16K }, { "1M", SZ_1M }, { "0x1m", SZ_1M },
		{ "1001", 0x2000 }, { "016K", 16 * SZ_1K },
	};
	struct bootmem_run run;
	phys_addr_t addr;
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		ut_assertok(run_commandf("bootmem alloc %s -n 2 -x -u -l s%d -v ut_addr",
					 sizes[i].arg, i));
		addr = env_get_hex("ut_addr", 0);
		ut_assert(run_at(addr, &run));
		ut_asserteq_64(ALIGN(sizes[i].size, BMT_PAGE), run.size);
	}
	console_record_reset();
	/* The answer says what the size came to, in bytes and in words. */
	ut_assertok(run_command("bootmem alloc 100K -n 1 -v ut_addr", 0));
	addr = env_get_hex("ut_addr", 0);
	ut_assert_nextline("ut_addr=%#llx: 0x19000 bytes (100 KiB) on node 1",
			   addr);
	ut_assert_console_end();
	env_set("ut_addr", NULL);

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_sizes, UTF_CONSOLE);

static int bootmem_test_cmd_info_body(struct unit_test_state *uts)
{
	int nid;

	ut_assert(fw_page());
	ut_assertok(run_command("bootmem info", 0));
	ut_assert_nextline("4 nodes, boot node 0 (alloc and boot use it unless -n)");
	/* The fake machine's bitmap lives on the heap. */
	ut_assert_nextline("bitmap: on the heap");
	ut_assert_nextline("node 0: cpus 0-1 (2), 1 memory range");
	ut_assert_nextline("  [%#011llx-%#011llx]  4 MiB", bmt_node_base(0),
			   bmt_node_base(0) + SZ_4M - 1);
	ut_assert_nextline("  present          0x400000  4 MiB");
	ut_assert_nextline("  free             0x400000  4 MiB");
	ut_assert_nextline("  reserved              0x0  0 Bytes");
	ut_assert_nextline("  allocated             0x0  0 Bytes");
	ut_assert_nextline("node 1: cpus 2 (1), 1 memory range");
	for (nid = 0; nid < 5; nid++)
		ut_assert_skipline();
	ut_assert_nextline("node 2: cpus none (0), 1 memory range");
	ut_assert_nextline("  [%#011llx-%#011llx]  6 MiB", bmt_node_base(2),
			   bmt_node_base(2) + SZ_4M + SZ_2M - 1);
	ut_assert_nextline("  present          0x600000  6 MiB");
	/* print_size() rounds to the nearest tenth: 5.996 MiB. */
	ut_assert_nextline("  free             0x5ff000  6 MiB");
	ut_assert_nextline("  reserved           0x1000  4 KiB");
	ut_assert_nextline("  allocated             0x0  0 Bytes");
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
	phys_addr_t n1 = bmt_node_base(1), n2 = bmt_node_base(2);
	phys_addr_t addr, fw = fw_page();

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
			   n2, fw - 1);
	ut_assert_nextline("[%#011llx-%#011llx]      4 KiB   2  reserved   ut firmware",
			   fw, fw + BMT_PAGE - 1);
	ut_assert_nextline("%s", "");
	ut_assert_nextline("node  0 |................................................................| 64 KiB/char");
	ut_assert_nextline("node  1 |AAAAAAAAAAAAAAAA................................................| 64 KiB/char");
	ut_assert_nextline("node  2 |...............................................................r| 96 KiB/char");
	ut_assert_nextline("node  3 |no memory|");
	ut_assert_nextline("'.' free, 'a'/'r' partly and 'A'/'R' mostly allocated/reserved");
	ut_assert_console_end();

	ut_assertok(run_command("bootmem map 2", 0));
	ut_assert_skipline();
	ut_assert_nextline("[%#011llx-%#011llx]      6 MiB   2  free",
			   n2, fw - 1);
	ut_assert_skipline();
	ut_assert_skipline();
	ut_assert_nextline("node  2 |...............................................................r| 96 KiB/char");
	ut_assert_skipline();
	ut_assert_console_end();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_map, UTF_CONSOLE);

/*
 * A reservation made at the prompt can be undone there; it cannot be
 * freed as if it were allocated, and the map is as it was afterwards.
 */
static int bootmem_test_cmd_reserve_unreserve_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(1);
	struct bootmem_node_info before, after;
	unsigned int owners = nr_owners();
	struct bootmem_run run;

	ut_assertok(bootmem_node_info(1, &before));
	ut_assertok(run_commandf("bootmem reserve %llx 2000 -l ut-res", base));
	ut_assert_nextline("reserved [%#llx-%#llx] 0x2000 bytes (8 KiB) on node 1",
			   base, base + 0x1fff);
	ut_assert(run_at(base, &run));
	ut_asserteq(BOOTMEM_RESERVED, run.kind);
	ut_asserteq_str("ut-res", run.label);

	ut_asserteq(1, run_commandf("bootmem free %llx 2000", base));
	ut_assert_nextline("bootmem free %#llx 0x2000 bytes (8 KiB): %#llx is reserved by 'ut-res', not allocated",
			   base, base);
	ut_assertok(run_commandf("bootmem unreserve %llx 2000", base));
	ut_assert_nextline("unreserved [%#llx-%#llx] 0x2000 bytes (8 KiB) on node 1",
			   base, base + 0x1fff);
	ut_assert_console_end();
	ut_assertok(bootmem_node_info(1, &after));
	ut_asserteq_mem(&before, &after, sizeof(before));
	ut_asserteq(owners, nr_owners());

	/* Partial pages are reserved whole, as the answer says. */
	ut_assertok(run_commandf("bootmem reserve %llx 1000", base + 0x800));
	ut_assert_nextline("reserved [%#llx-%#llx] 0x2000 bytes (8 KiB) on node 1",
			   base, base + 0x1fff);
	ut_assertok(run_commandf("bootmem unreserve %llx 1000", base + 0x1000));
	ut_assert_skipline();
	ut_assertok(run_commandf("bootmem unreserve %llx 1000", base));
	ut_assert_skipline();
	ut_assert_console_end();
	ut_assertok(bootmem_node_info(1, &after));
	ut_asserteq_mem(&before, &after, sizeof(before));

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_reserve_unreserve, UTF_CONSOLE);

/* U-Boot's, firmware's and the board's reservations stay. */
static int bootmem_test_cmd_unreserve_permanent_body(struct unit_test_state *uts)
{
	phys_addr_t base = bmt_node_base(1);

	ut_assertok(bootmem_reserve(base, SZ_8K, BOOTMEM_DEFAULT,
				    "firmware: tables"));
	ut_assertok(run_commandf("bootmem reserve %llx 1000", base + SZ_8K));
	ut_assert_skipline();
	bmt_snap();

	ut_asserteq(1, run_commandf("bootmem unreserve %llx 1000", base));
	ut_assert_nextline("bootmem unreserve %#llx 0x1000 bytes (4 KiB): %#llx is reserved by 'firmware: tables', not at the prompt: it stays",
			   base, base);
	/* Half the prompt's and half firmware's is refused whole. */
	ut_asserteq(1, run_commandf("bootmem unreserve %llx 2000",
				    base + SZ_4K));
	ut_assert_nextline("bootmem unreserve %#llx 0x2000 bytes (8 KiB): %#llx is reserved by 'firmware: tables', not at the prompt: it stays",
			   base + SZ_4K, base + SZ_4K);
	ut_assert_console_end();
	ut_assert(bmt_unchanged());

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_unreserve_permanent, UTF_CONSOLE);

/**
 * struct bad_cmd - a command to refuse
 * @cmd:	the command; its %llx take @arg in order
 * @arg:	addresses the test fills in
 * @msg:	the one line it must print; its %llx take @arg in order
 */
struct bad_cmd {
	const char *cmd;
	phys_addr_t arg[3];
	const char *msg;
};

static int check_refused(struct unit_test_state *uts, const struct bad_cmd *c)
{
	ut_asserteq(1, run_commandf(c->cmd, c->arg[0], c->arg[1], c->arg[2]));
	ut_assert_nextline(c->msg, c->arg[0], c->arg[1], c->arg[2]);
	ut_assert_console_end();
	ut_assert(bmt_unchanged());

	return 0;
}

/* Every malformed or refused request: one line, failure, no change. */
static int bootmem_test_cmd_bad_input_body(struct unit_test_state *uts)
{
	phys_addr_t a, fw = fw_page();
	phys_addr_t n1 = bmt_node_base(1), hole = bmt_base + SZ_8M;
	phys_addr_t below = bmt_base - BMT_PAGE, top = bmt_base + SZ_16M;
	const struct bad_cmd bad[] = {
		{ "bootmem alloc 0", { 0, 0 }, "bootmem alloc: size '0' is zero" },
		{ "bootmem alloc 0x", { 0, 0 }, "bootmem alloc: size '0x' " NOT_A_NUMBER },
		{ "bootmem alloc 1x", { 0, 0 }, "bootmem alloc: size '1x' " NOT_A_NUMBER },
		{ "bootmem alloc 1MB", { 0, 0 }, "bootmem alloc: size '1MB' " NOT_A_NUMBER },
		{ "bootmem alloc 1.5M", { 0, 0 }, "bootmem alloc: size '1.5M' " NOT_A_NUMBER },
		{ "bootmem alloc 1aK", { 0, 0 }, "bootmem alloc: size '1aK' " NOT_A_NUMBER },
		{ "bootmem alloc K", { 0, 0 }, "bootmem alloc: size 'K' " NOT_A_NUMBER },
		{ "bootmem alloc -1", { 0, 0 }, "bootmem alloc: size '-1' " NOT_A_NUMBER },
		{ "bootmem alloc -", { 0, 0 }, "bootmem alloc: size '-' " NOT_A_NUMBER },
		{ "bootmem alloc +1", { 0, 0 }, "bootmem alloc: size '+1' " NOT_A_NUMBER },
		{ "bootmem alloc 99999999999G", { 0, 0 }, "bootmem alloc: size '99999999999G' does not fit in 64 bits" },
		{ "bootmem alloc 17179869184G", { 0, 0 }, "bootmem alloc: size '17179869184G' does not fit in 64 bits" },
		{ "bootmem alloc 18446744073709551615K", { 0, 0 }, "bootmem alloc: size '18446744073709551615K' does not fit in 64 bits" },
		{ "bootmem alloc 18446744073709551616M", { 0, 0 }, "bootmem alloc: size '18446744073709551616M' does not fit in 64 bits" },
		{ "bootmem alloc 10000000000000000", { 0, 0 }, "bootmem alloc: size '10000000000000000' does not fit in 64 bits" },
		{ "bootmem alloc 0x400000000g", { 0, 0 }, "bootmem alloc: size '0x400000000g' does not fit in 64 bits" },
		{ "bootmem alloc ffffffffffffffff", { 0, 0 }, "bootmem alloc 0xffffffffffffffff bytes (16 EiB) on node 0: rounded up to whole pages it passes 2^64" },
		{ "bootmem alloc 17179869183G", { 0, 0 }, "bootmem alloc 0xffffffffc0000000 bytes (16 EiB) on node 0: more than the machine's RAM, 0xe00000 bytes (14 MiB)" },
		{ "bootmem alloc 1G", { 0, 0 }, "bootmem alloc 0x40000000 bytes (1 GiB) on node 0: more than the machine's RAM, 0xe00000 bytes (14 MiB)" },
		{ "bootmem alloc 8M -n 1 -x", { 0, 0 }, "bootmem alloc 0x800000 bytes (8 MiB) on node 1: more than the node's RAM, 0x400000 bytes (4 MiB)" },
		{ "bootmem alloc 1M -n 3 -x", { 0, 0 }, "bootmem alloc 0x100000 bytes (1 MiB) on node 3: node 3 has no memory" },
		{ "bootmem alloc 4M -x", { 0, 0 }, "bootmem alloc 0x400000 bytes (4 MiB) on node 0: nothing free that large on it" },
		{ "bootmem alloc 1M -b 1000", { 0, 0 }, "bootmem alloc 0x100000 bytes (1 MiB) on node 0: nothing free that large on it or a fallback node below the limit" },
		{ "bootmem alloc 1M -n 4", { 0, 0 }, "bootmem alloc: no node '4'" },
		{ "bootmem alloc 1M -n -1", { 0, 0 }, "bootmem alloc: no node '-1'" },
		{ "bootmem alloc 1M -n 1x", { 0, 0 }, "bootmem alloc: no node '1x'" },
		{ "bootmem alloc 1M -n 4294967296", { 0, 0 }, "bootmem alloc: no node '4294967296'" },
		{ "bootmem alloc 1M -a 3000", { 0, 0 }, "bootmem alloc: alignment 0x3000 bytes (12 KiB) is not a power of two" },
		{ "bootmem alloc 1M -a 0", { 0, 0 }, "bootmem alloc: alignment '0' is zero" },
		{ "bootmem alloc 1M -b zz", { 0, 0 }, "bootmem alloc: limit 'zz' " NOT_A_NUMBER },
		{ "bootmem alloc 1M -g 1G1", { 0, 0 }, "bootmem alloc: goal '1G1' " NOT_A_NUMBER },
		{ "bootmem alloc 1M -l 123456789012345678901234", { 0, 0 }, "bootmem alloc: label '123456789012345678901234' must have 1 to 23 characters" },
		{ "bootmem alloc 1M -v a=b", { 0, 0 }, "bootmem alloc: bad variable name 'a=b'" },
		{ "bootmem free %llx 1000", { n1, n1 }, "bootmem free %#llx 0x1000 bytes (4 KiB): %#llx is free, not allocated" },
		{ "bootmem free %llx 0", { n1, 0 }, "bootmem free: size '0' is zero" },
		{ "bootmem free %llx 800", { n1, 0 }, "bootmem free %#llx 0x800 bytes (2 KiB): not whole pages of 0x1000 bytes" },
		{ "bootmem free %llx 1000", { n1 + 1, 0 }, "bootmem free %#llx 0x1000 bytes (4 KiB): not whole pages of 0x1000 bytes" },
		{ "bootmem free %llx 1000", { fw, fw }, "bootmem free %#llx 0x1000 bytes (4 KiB): %#llx is reserved by 'ut firmware', not allocated" },
		{ "bootmem free %llx 1000", { hole, hole }, "bootmem free %#llx 0x1000 bytes (4 KiB): %#llx is in a hole between RAM ranges" },
		{ "bootmem free %llx 1000", { below, below, bmt_base }, "bootmem free %#llx 0x1000 bytes (4 KiB): %#llx is below RAM, which starts at %#llx" },
		{ "bootmem free %llx 10000000", { fw, top, top - 1 }, "bootmem free %#llx 0x10000000 bytes (256 MiB): %#llx is above RAM, which ends at %#llx" },
		{ "bootmem free fffffffffffff000 2000", { 0, 0 }, "bootmem free 0xfffffffffffff000 0x2000 bytes (8 KiB): passes the top of the address space" },
		{ "bootmem free %llx -1", { n1, 0 }, "bootmem free: size '-1' " NOT_A_NUMBER },
		{ "bootmem free x%llx 1000", { n1, n1 }, "bootmem free: address 'x%llx' " NOT_A_NUMBER },
		{ "bootmem reserve %llx 1000", { fw, fw }, "bootmem reserve %#llx 0x1000 bytes (4 KiB): %#llx is reserved by 'ut firmware'" },
		{ "bootmem reserve %llx 1000", { hole, hole }, "bootmem reserve %#llx 0x1000 bytes (4 KiB): %#llx is in a hole between RAM ranges" },
		{ "bootmem reserve %llx 2000", { below, below, bmt_base }, "bootmem reserve %#llx 0x2000 bytes (8 KiB): %#llx is below RAM, which starts at %#llx" },
		{ "bootmem reserve %llx 0", { n1, 0 }, "bootmem reserve: size '0' is zero" },
		{ "bootmem reserve fffffffffffff000 2000", { 0, 0 }, "bootmem reserve 0xfffffffffffff000 0x2000 bytes (8 KiB): passes the top of the address space" },
		{ "bootmem reserve %llx 1000 -l 123456789012345678901234", { n1, 0 }, "bootmem reserve: label '123456789012345678901234' must have 1 to 23 characters" },
		{ "bootmem unreserve %llx 1000", { n1, n1 }, "bootmem unreserve %#llx 0x1000 bytes (4 KiB): %#llx is free, not reserved" },
		{ "bootmem unreserve %llx 800", { n1, 0 }, "bootmem unreserve %#llx 0x800 bytes (2 KiB): not whole pages of 0x1000 bytes" },
		{ "bootmem unreserve %llx 1000", { hole, hole }, "bootmem unreserve %#llx 0x1000 bytes (4 KiB): %#llx is in a hole between RAM ranges" },
		{ "bootmem map 4", { 0, 0 }, "bootmem map: no node '4'" },
		{ "bootmem map -1", { 0, 0 }, "bootmem map: no node '-1'" },
		{ "bootmem boot virtio 0:1 Image -n 4", { 0, 0 }, "bootmem boot: no node '4'" },
	};
	struct bad_cmd c;
	int i;

	ut_assertok(bootmem_alloc(SZ_1M, BMT_PAGE, 0, BOOTMEM_ALLOC_ANYWHERE,
				  0, BOOTMEM_EXACT_NODE, "ut", &a));
	bmt_snap();
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ut_assertok(check_refused(uts, &bad[i]));

	c = (struct bad_cmd){ "bootmem reserve %llx 1000", { a, a },
			      "bootmem reserve %#llx 0x1000 bytes (4 KiB): %#llx is allocated by 'ut'" };
	ut_assertok(check_refused(uts, &c));
	c = (struct bad_cmd){ "bootmem unreserve %llx 1000", { a, a },
			      "bootmem unreserve %#llx 0x1000 bytes (4 KiB): %#llx is allocated by 'ut', not reserved" };
	ut_assertok(check_refused(uts, &c));
	c = (struct bad_cmd){ "bootmem free %llx 200000", { a, a + SZ_1M },
			      "bootmem free %#llx 0x200000 bytes (2 MiB): %#llx is free, not allocated" };
	ut_assertok(check_refused(uts, &c));

	ut_assertok(run_commandf("bootmem free %llx 100000", a));
	ut_assert_nextline("freed [%#llx-%#llx] 0x100000 bytes (1 MiB) on node 0",
			   a, a + SZ_1M - 1);
	bmt_snap();
	c = (struct bad_cmd){ "bootmem free %llx 100000", { a, a },
			      "bootmem free %#llx 0x100000 bytes (1 MiB): %#llx is free, not allocated" };
	ut_assertok(check_refused(uts, &c));

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_bad_input, UTF_CONSOLE);

/* Wrong forms show the help text, fail and change nothing. */
static int bootmem_test_cmd_usage_body(struct unit_test_state *uts)
{
	static const char *const forms[] = {
		"bootmem", "bootmem nosuch", "bootmem debug on",
		"bootmem info extra", "bootmem info -x", "bootmem map 0 1",
		"bootmem alloc", "bootmem alloc 1M 2M", "bootmem alloc 1M -q",
		"bootmem alloc 1M -n", "bootmem alloc -- -n 1",
		"bootmem reserve 1000", "bootmem reserve 1000 1000 -x y",
		"bootmem reserve 1000 1000 -l", "bootmem free 1000",
		"bootmem free 1000 1000 1000", "bootmem free -l x 1000 1000",
		"bootmem unreserve 1000", "bootmem unreserve 1000 1000 1000",
		"bootmem boot virtio 0", "bootmem boot a b c d e",
		"bootmem boot virtio 0 Image -q", "bootmem boot virtio 0 Image -n",
		"bootmem boot virtio 0 Image initrd -x 1",
		"bootmem boot virtio 0 Image initrd -x -y",
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

/* One line per form; the detail is in doc/usage/cmd/bootmem.rst. */
static int bootmem_test_cmd_help_body(struct unit_test_state *uts)
{
	/* help answers with the usage, which fails like any usage. */
	ut_asserteq(1, run_command("help bootmem", 0));
	ut_assert_nextline(USAGE_LINE);
	ut_assert_nextline("%s", "");
	ut_assert_nextline("Usage:");
	ut_assert_nextline("bootmem info - nodes, their memory, CPUs and distances; the bitmap");
	ut_assert_nextline("bootmem map [node] - every run of memory with its owner; a bar per node");
	ut_assert_nextline("bootmem alloc <size> [-n node] [-x] [-a align] [-b limit] [-g goal] [-u] [-k] [-l label] [-v var] - allocate");
	ut_assert_nextline("bootmem reserve <addr> <size> [-l label] - reserve free memory");
	ut_assert_nextline("bootmem unreserve <addr> <size> - undo a reservation made here");
	ut_assert_nextline("bootmem free <addr> <size> - free allocated memory");
	ut_assert_nextline("bootmem boot <iface> <dev[:part]> <kernel> [<initrd>] [-n node] [-x] - place and boot Linux");
	ut_assert_nextline("Numbers are hex; with K, M, G or T decimal (100M = 100 MiB) unless 0x.");
	ut_assert_nextline("Node: the boot node unless -n. Details: doc/usage/cmd/bootmem.rst");
	ut_assert_console_end();

	return 0;
}

BOOTMEM_TEST(bootmem_test_cmd_help, UTF_CONSOLE);
