/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The one operation engine, shared by the allocator fuzzer, the soak test
 * and the host differential test: it decodes a stream of bytes into
 * bootmem calls, makes the same calls on the reference model
 * (test/host/model.c) and stops at the first difference. It uses the
 * public API only (<bootmem.h>).
 *
 * The fuzzer feeds it libFuzzer's input, the soak and the differential
 * test a seeded PRNG; all get the same decoder, so a failure found by one
 * replays in the others.
 */

#ifndef __SIM_H
#define __SIM_H

#include "model.h"

#define SIM_MAX_LIVE	256
#define SIM_MAX_PAGES	16384	/* pages of RAM at most, to keep runs fast */

enum sim_kind {
	SIM_ALLOC,
	SIM_ALLOC_AT,
	SIM_RESERVE,
	SIM_FREE,
	SIM_RELEASE,
	SIM_BYTES,	/* byte-exact calls among the above */
	SIM_REPLACE,	/* replaceable claims that took bytes of another */
	SIM_NESTED,	/* claims in a load buffer */
	SIM_PUSH,	/* bootmem_push() .. bootmem_pop() rounds */
	SIM_NR_KINDS,
};

struct sim_live {
	phys_addr_t addr;
	phys_size_t size;
};

/* Bytes given to bootmem_add_range() and accepted: overlap is by bytes. */
struct sim_bytes {
	phys_addr_t start;
	phys_addr_t last;
};

/**
 * struct sim - one run of the engine
 * @model:	the reference model, in step with the library
 * @next_byte:	the byte source; sets @done when a finite one is used up
 * @ctx:	the source's state
 * @done:	the source has no more bytes (the rest read as 0)
 * @name:	what to print on a mismatch (a seed, a topology)
 * @step:	operations so far
 * @pages_every: compare the owner records every this many steps
 * @full_every:	compare every run, owner, flag, node and the hand-off with
 *		the model every this many steps (and call sim_check() at the
 *		end)
 * @pages:	pages of RAM registered
 * @enabled:	bootmem_enable() succeeded
 * @nested:	a run inside bootmem_push(): the outer run is @outer
 * @outer:	see @nested
 * @bytes:	the byte extent of each range registered
 * @cpumask:	CPUs 0..63 registered per node
 * @nr_cpus:	CPUs registered per node
 * @cpu0_nid:	node of CPU 0, or NUMA_NO_NODE
 * @dist:	distances set, 0 where unset
 * @live:	allocations made and not (wholly) freed, for frees to aim at
 * @nr_live:	entries in @live
 * @ok:		calls that succeeded, by kind, to show the run did work
 */
struct sim {
	struct model model;
	u8 (*next_byte)(struct sim *s);
	void *ctx;
	bool done;
	const char *name;
	unsigned long step;
	unsigned int pages_every;
	unsigned int full_every;
	u64 pages;
	bool enabled;
	bool nested;
	struct sim *outer;
	struct sim_bytes bytes[MODEL_MAX_RANGES];
	u64 cpumask[MODEL_MAX_NODES];
	unsigned int nr_cpus[MODEL_MAX_NODES];
	int cpu0_nid;
	u8 dist[MODEL_MAX_NODES][MODEL_MAX_NODES];
	struct sim_live live[SIM_MAX_LIVE];
	int nr_live;
	unsigned long ok[SIM_NR_KINDS];
};

/**
 * struct sim_topology - a fixed machine for the soak and differential test
 * @name:	what to print
 * @ranges:	{ nid, base, size } of each bootmem_add_range()
 * @nr_ranges:	how many
 * @nr_nodes:	nodes 0 .. @nr_nodes - 1 get a CPU each and distances
 * @asymmetric:	every pair of nodes its own distance, each way another;
 *		else node 0 to node i only
 * @no_cpu0:	CPUs from 1 on: the boot node is the lowest id with memory
 */
struct sim_topology {
	const char *name;
	const struct sim_range {
		int nid;
		phys_addr_t base;
		phys_size_t size;
	} *ranges;
	int nr_ranges;
	int nr_nodes;
	bool asymmetric;
	bool no_cpu0;
};

extern const struct sim_topology sim_topologies[];
extern const unsigned int sim_nr_topologies;

/* Called with the message before a failure aborts; may not return. */
extern void (*sim_fail_hook)(const char *msg);

/* Print where the run stands and what differs, and abort. */
void sim_fail(struct sim *s, const char *fmt, ...);

void sim_start(struct sim *s, u8 (*next_byte)(struct sim *s), void *ctx,
	       const char *name);
void sim_finish(struct sim *s);

/* A byte source: xorshift64* over the u64 state in ctx. */
u8 sim_prng_byte(struct sim *s);

/* The registry, checked against what the API promises. */
void sim_add_range(struct sim *s, int nid, phys_addr_t base, phys_size_t size);
void sim_add_cpu(struct sim *s, int nid, unsigned int cpu);
void sim_set_distance(struct sim *s, int from, int to, unsigned int distance);
void sim_reserve(struct sim *s);
void sim_enable(struct sim *s, int nid, phys_addr_t limit);

/* A registry decoded from the byte source: ranges, CPUs, distances. */
void sim_decode_registry(struct sim *s);
/* Firmware reservations and bootmem_enable() decoded from the source. */
void sim_decode_enable(struct sim *s);
/*
 * A fixed topology, two firmware reservations, then bootmem_enable().
 * False if the reservations left the bitmap no room (as the model knew).
 */
bool sim_setup(struct sim *s, const struct sim_topology *t);
/* One operation decoded from the byte source. */
void sim_step(struct sim *s);
/* Every byte, run, record, flag, query and the hand-off against the model. */
void sim_check(struct sim *s);

#endif /* __SIM_H */
