// SPDX-License-Identifier: GPL-2.0+
/*
 * Soak: millions of random operations on bootmem and the reference model,
 * through the same engine as fuzz_alloc (test/fuzz/sim.c), over the fixed
 * topologies of test/fuzz/topologies.c with fixed seeds. Each run is short
 * (RUN_OPS operations, then a fresh allocator), so the map keeps moving
 * instead of settling full. Every result is compared at once; the owner
 * records every PAGES_EVERY operations; every run, flag, node and the
 * hand-off every FULL_EVERY operations and at the end of every run. A
 * seed whose firmware reservations leave the bitmap no room makes no
 * operations. Odd seeds run with bootmem's fast path on, even ones with
 * it off.
 *
 *   soak [OPS]	OPS operations in all (default 10,000,000)
 *
 * Prints one line per topology and "soak: N operations, ... ok"; on a
 * difference, the topology, seed and step, and exits non-zero.
 */

#include <stdlib.h>
#include <time.h>
#include "host_port.h"
#include "sim.h"

#define RUN_OPS		2000
#define PAGES_EVERY	16
#define FULL_EVERY	256

/*
 * Successful calls of each kind over all runs of a topology; owner table
 * growths, and calls refused because it could not grow.
 */
static unsigned long ok[SIM_NR_KINDS], grew, grow_failed;

/* Up to @ops operations on a fresh allocator; how many were made. */
static u64 run(struct sim *s, const struct sim_topology *t, u64 seed, u64 ops)
{
	static char name[96];
	u64 x = seed * 0x9e3779b97f4a7c15ULL + 1;
	int i;

	bootmem_fast_path = seed & 1;
	snprintf(name, sizeof(name), "topology %s seed %llu, fast path %s",
		 t->name, (unsigned long long)seed,
		 bootmem_fast_path ? "on" : "off");
	host_reset();
	sim_start(s, sim_prng_byte, &x, name);
	s->pages_every = PAGES_EVERY;
	s->full_every = FULL_EVERY;
	if (sim_setup(s, t)) {
		while (s->step < ops)
			sim_step(s);
		sim_check(s);
	}
	for (i = 0; i < SIM_NR_KINDS; i++)
		ok[i] += s->ok[i];
	grew += s->model.grew;
	grow_failed += s->model.grow_failed;
	ops = s->step;
	sim_finish(s);

	return ops;
}

int main(int argc, char **argv)
{
	static struct sim s;
	u64 total = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000;
	u64 per_topo = total / sim_nr_topologies, done = 0, seed, n;
	clock_t start = clock();
	unsigned int t;

	for (t = 0; t < sim_nr_topologies; t++) {
		u64 topo_done = 0;

		for (seed = 1; topo_done < per_topo; seed++) {
			n = per_topo - topo_done < RUN_OPS ?
			    per_topo - topo_done : RUN_OPS;
			topo_done += run(&s, &sim_topologies[t], seed, n);
		}
		printf("soak: %-12s %llu operations, %llu seeds (fast path served %lu); succeeded: %lu alloc, %lu alloc_at, %lu reserve, %lu free, %lu release (%lu byte-exact, %lu replacing, %lu in a load buffer), %lu push/pop; owner table grew %lu times, %lu calls refused for want of RAM for it\n",
		       sim_topologies[t].name, (unsigned long long)topo_done,
		       (unsigned long long)(seed - 1), bootmem_fast_path_hits,
		       ok[SIM_ALLOC],
		       ok[SIM_ALLOC_AT], ok[SIM_RESERVE], ok[SIM_FREE],
		       ok[SIM_RELEASE], ok[SIM_BYTES], ok[SIM_REPLACE],
		       ok[SIM_NESTED], ok[SIM_PUSH], grew, grow_failed);
		memset(ok, 0, sizeof(ok));
		grew = 0;
		grow_failed = 0;
		bootmem_fast_path_hits = 0;
		done += topo_done;
	}
	host_port_reset();
	printf("soak: %llu operations in %.1f s, no difference from the model\n",
	       (unsigned long long)done,
	       (double)(clock() - start) / CLOCKS_PER_SEC);

	return 0;
}
