// SPDX-License-Identifier: GPL-2.0+
/*
 * Soak: millions of random operations on bootmem and the reference model,
 * through the same engine as fuzz_alloc (test/fuzz/sim.c), over fixed
 * topologies with fixed seeds. Each run is short (RUN_OPS operations, then
 * a fresh allocator), so the owner table and the map keep moving instead
 * of settling full. Every result is compared at once; which pages are in
 * use every PAGES_EVERY operations; every run, owner and node every
 * FULL_EVERY operations and at the end of every run.
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

#define MB		(1ULL << 20)
#define RUN_OPS		2000
#define PAGES_EVERY	16
#define FULL_EVERY	256

struct topo_range {
	int nid;
	phys_addr_t base;
	phys_size_t size;
};

struct topology {
	const char *name;
	const struct topo_range *ranges;
	int nr_ranges;
	int nr_nodes;		/* nodes 0 .. nr_nodes - 1 get a CPU each */
};

/* Sizes stay near 1,000 pages: the model's searches are linear. */
static const struct topo_range interleaved[] = {
	{ 0, 0x40000000, 1 * MB },
	{ 1, 0x40000000 + 1 * MB, 1 * MB + 0x3000 },
	{ 0, 0x40000000 + 2 * MB + 0x3000, 1 * MB },
	{ 2, 0x40000000 + 3 * MB + 0x3000, 512 * 1024 },
};

static const struct topo_range sparse[] = {
	{ 0, 0x40000000, 2 * MB },
	{ 0, 0x48000000, 512 * 1024 },
	{ 1, 0x8000000000ULL, 1 * MB + 0x5000 },
	{ 2, 0xfffffffffff00000ULL, 1 * MB },	/* the top of the address space */
};

static const struct topo_range page_zero[] = {
	{ 0, 0, 1 * MB },
	{ 1, 1 * MB, 1 * MB },
	{ 2, 2 * MB, 1 * MB },
	{ 3, 3 * MB, 1 * MB },
};

static const struct topo_range many_nodes[] = {
	{ 7, 0x40000000, 512 * 1024 },
	{ 6, 0x40080000, 512 * 1024 },
	{ 5, 0x40100000, 512 * 1024 },
	{ 4, 0x40180000, 512 * 1024 },
	{ 3, 0x40200000, 512 * 1024 },
	{ 2, 0x40280000, 512 * 1024 },
	{ 1, 0x40300000, 512 * 1024 },
	{ 0, 0x40380000, 512 * 1024 },
	{ 0, 0x80000000, 256 * 1024 },	/* node 0 again, after a hole */
};

static const struct topology topologies[] = {
	{ "interleaved", interleaved, ARRAY_SIZE(interleaved), 4 },
	{ "sparse", sparse, ARRAY_SIZE(sparse), 4 },
	{ "page-zero", page_zero, ARRAY_SIZE(page_zero), 4 },
	{ "many-nodes", many_nodes, ARRAY_SIZE(many_nodes), 8 },
};

/* xorshift64*: fast, and the same numbers on every machine. */
static u8 prng_byte(struct sim *s)
{
	u64 *x = s->ctx;

	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return (*x * 0x2545f4914f6cdd1dULL) >> 56;
}

/* Successful calls of each kind, over all runs of a topology. */
static unsigned long ok[SIM_NR_KINDS];

static void run(struct sim *s, const struct topology *t, u64 seed, u64 ops)
{
	static char name[96];
	u64 x = seed * 0x9e3779b97f4a7c15ULL + 1;
	int i;

	snprintf(name, sizeof(name), "topology %s seed %llu", t->name,
		 (unsigned long long)seed);
	host_reset();
	sim_start(s, prng_byte, &x, name);
	s->pages_every = PAGES_EVERY;
	s->full_every = FULL_EVERY;
	for (i = 0; i < t->nr_ranges; i++)
		sim_add_range(s, t->ranges[i].nid, t->ranges[i].base,
			      t->ranges[i].size);
	for (i = 0; i < t->nr_nodes; i++)
		sim_add_cpu(s, i, t->nr_nodes - 1 - i);
	for (i = 1; i < t->nr_nodes; i++)
		sim_set_distance(s, 0, i, 10 + 5 * i);
	sim_reserve(s);
	sim_reserve(s);
	sim_enable(s, NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
	if (!s->enabled) {
		fprintf(stderr, "soak: %s: bootmem_enable() failed\n", name);
		exit(1);
	}
	while (s->step < ops)
		sim_step(s);
	sim_check(s);
	for (i = 0; i < SIM_NR_KINDS; i++)
		ok[i] += s->ok[i];
	sim_finish(s);
}

int main(int argc, char **argv)
{
	static struct sim s;
	u64 total = argc > 1 ? strtoull(argv[1], NULL, 0) : 10000000;
	u64 per_topo = total / ARRAY_SIZE(topologies), done = 0, seed, n;
	clock_t start = clock();
	unsigned int t;

	for (t = 0; t < ARRAY_SIZE(topologies); t++) {
		u64 topo_done = 0;

		for (seed = 1; topo_done < per_topo; seed++) {
			n = per_topo - topo_done < RUN_OPS ?
			    per_topo - topo_done : RUN_OPS;
			run(&s, &topologies[t], seed, n);
			topo_done += n;
		}
		printf("soak: %-12s %llu operations, %llu seeds; succeeded: %lu alloc, %lu alloc_at, %lu reserve, %lu free\n",
		       topologies[t].name, (unsigned long long)topo_done,
		       (unsigned long long)(seed - 1), ok[SIM_ALLOC],
		       ok[SIM_ALLOC_AT], ok[SIM_RESERVE], ok[SIM_FREE]);
		memset(ok, 0, sizeof(ok));
		done += topo_done;
	}
	host_port_reset();
	printf("soak: %llu operations in %.1f s, no difference from the model\n",
	       (unsigned long long)done,
	       (double)(clock() - start) / CLOCKS_PER_SEC);

	return 0;
}
