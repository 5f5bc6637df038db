// SPDX-License-Identifier: GPL-2.0+
/*
 * Differential test: random operations, with fixed seeds, on bootmem and
 * on the reference model, through the engine the fuzzer and the soak use
 * (test/fuzz/sim.c), on each fixed topology of test/fuzz/topologies.c.
 * Results and the owner records must agree after every step; every run,
 * flag, query and the /reserved-memory hand-off every FULL_CHECK steps; a
 * refused call must change nothing. A mismatch names topology, seed and
 * step. Each topology must have seen every kind of call work, byte-exact
 * and replaceable claims, claims in load buffers, push and pop, the owner
 * table grow in RAM more than once, and a growth refused for want of RAM.
 * Every seed runs twice, with bootmem's fast path on and off: both must
 * agree with the model, and the fast path must have served requests.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "host_port.h"
#include "sim.h"

#define SEEDS		3
#define STEPS		4000
#define FULL_CHECK	32

static void fail_test(const char *msg)
{
	fail_msg("%s", msg);
}

static void run_topology(const struct sim_topology *t)
{
	static struct sim s;
	unsigned long ok[SIM_NR_KINDS] = { 0 }, grew = 0, grow_failed = 0;
	unsigned long fast_hits = 0;
	char name[96];
	u64 seed, x;
	int k;

	for (seed = 1; seed <= 2 * SEEDS; seed++) {
		bootmem_fast_path = seed <= SEEDS;
		bootmem_fast_path_hits = 0;
		snprintf(name, sizeof(name), "topology %s seed %llu, fast path %s",
			 t->name, (unsigned long long)(seed - 1) % SEEDS + 1,
			 bootmem_fast_path ? "on" : "off");
		x = ((seed - 1) % SEEDS + 1) * 7919 + 1;
		host_reset();
		sim_fail_hook = fail_test;
		sim_start(&s, sim_prng_byte, &x, name);
		s.full_every = FULL_CHECK;
		assert_true(sim_setup(&s, t));
		while (s.step < STEPS)
			sim_step(&s);
		sim_check(&s);
		for (k = 0; k < SIM_NR_KINDS; k++)
			ok[k] += s.ok[k];
		grew += s.model.grew;
		grow_failed += s.model.grow_failed;
		fast_hits += bootmem_fast_path_hits;
		if (!bootmem_fast_path && bootmem_fast_path_hits)
			fail_msg("%s: the fast path served %lu requests while off",
				 name, bootmem_fast_path_hits);
		sim_finish(&s);
	}
	bootmem_fast_path = true;
	if (!fast_hits)
		fail_msg("%s: the fast path served no request", t->name);
	host_port_reset();
	for (k = 0; k < SIM_NR_KINDS; k++)
		if (!ok[k])
			fail_msg("%s: no call of kind %d worked", t->name, k);
	if (grew < 2 || !grow_failed)
		fail_msg("%s: the owner table grew %lu times, refused %lu",
			 t->name, grew, grow_failed);
}

#define TOPOLOGY_TEST(name, idx) \
	static void name(void **state) \
	{ \
		(void)state; \
		run_topology(&sim_topologies[idx]); \
	}

TOPOLOGY_TEST(differential_adjacent_banks_of_one_node, 0)
TOPOLOGY_TEST(differential_interleaved_nodes, 1)
TOPOLOGY_TEST(differential_sparse_nodes_up_to_the_top, 2)
TOPOLOGY_TEST(differential_ram_at_address_zero, 3)
TOPOLOGY_TEST(differential_ranges_across_4_gib, 4)
TOPOLOGY_TEST(differential_64_nodes, 5)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(differential_adjacent_banks_of_one_node),
		cmocka_unit_test(differential_interleaved_nodes),
		cmocka_unit_test(differential_sparse_nodes_up_to_the_top),
		cmocka_unit_test(differential_ram_at_address_zero),
		cmocka_unit_test(differential_ranges_across_4_gib),
		cmocka_unit_test(differential_64_nodes),
	};

	assert_int_equal(ARRAY_SIZE(tests), sim_nr_topologies);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
