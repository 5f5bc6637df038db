// SPDX-License-Identifier: GPL-2.0+
/*
 * Fixed machines for the soak and the host differential test: the shapes
 * a memory map takes in device trees, kept near 1,000 to 6,000 pages so
 * that the model's linear searches stay fast.
 */

#include "sim.h"

#define MB		(1ULL << 20)
#define GB		(1ULL << 30)
/* [TOP(n), 2^64): the last n bytes of the address space. */
#define TOP(n)		(0 - (phys_addr_t)(n))

/* One reg entry per bank: node 0 as two ranges that touch (issue 11). */
static const struct sim_range adjacent[] = {
	{ 0, GB, 2 * MB },
	{ 0, GB + 2 * MB, 2 * MB },
	{ 1, 2 * GB, 4 * MB },
};

/* Three nodes of five ranges each, touching: 1 2 0 1 2 0 ... */
#define WAY(i)		{ ((i) + 1) % 3, GB + (i) * 256 * 1024, 256 * 1024 }
static const struct sim_range interleaved[] = {
	WAY(0), WAY(1), WAY(2), WAY(3), WAY(4), WAY(5), WAY(6), WAY(7),
	WAY(8), WAY(9), WAY(10), WAY(11), WAY(12), WAY(13), WAY(14),
};

/* Holes between nodes, and a node of two banks ending at 2^64. */
static const struct sim_range sparse[] = {
	{ 0, 0x40000000, 2 * MB },
	{ 0, 0x48000000, 512 * 1024 },
	{ 1, 0x8000000000ULL, 1 * MB + 0x5000 },
	{ 2, TOP(2 * MB), 1 * MB },
	{ 2, TOP(1 * MB), 1 * MB },
};

/* RAM from address 0. */
static const struct sim_range page_zero[] = {
	{ 0, 0, 1 * MB },
	{ 1, 1 * MB, 1 * MB },
	{ 2, 2 * MB, 1 * MB },
	{ 3, 3 * MB, 1 * MB },
};

/*
 * Node 0 in two banks, the second across 4 GiB, then single pages, the
 * last with half a page more: a partial page.
 */
static const struct sim_range four_gb[] = {
	{ 0, 4 * GB - 3 * MB, 1 * MB },
	{ 0, 4 * GB - 2 * MB, 4 * MB },
	{ 1, 4 * GB + 2 * MB, 1 * MB },
	{ 0, 4 * GB + 3 * MB, 4096 },
	{ 1, 4 * GB + 3 * MB + 4096, 4096 },
	{ 1, 4 * GB + 3 * MB + 8192, 4096 + 2048 },
};

/* 64 nodes of 16 pages each, touching, then two single pages. */
#define NODE(n)		{ (n), GB + (n) * 64 * 1024, 64 * 1024 }
#define NODES4(n)	NODE(n), NODE((n) + 1), NODE((n) + 2), NODE((n) + 3)
#define NODES16(n)	NODES4(n), NODES4((n) + 4), NODES4((n) + 8), \
			NODES4((n) + 12)
static const struct sim_range nodes64[] = {
	NODES16(0), NODES16(16), NODES16(32), NODES16(48),
	{ 0, 2 * GB, 4096 },
	{ 63, 2 * GB + 4096, 4096 },
};

#define TOPOLOGY(r, nodes, ...) \
	{ .name = #r, .ranges = r, .nr_ranges = ARRAY_SIZE(r), \
	  .nr_nodes = nodes, __VA_ARGS__ }

const struct sim_topology sim_topologies[] = {
	TOPOLOGY(adjacent, 2),
	TOPOLOGY(interleaved, 3, .asymmetric = true, .no_cpu0 = true),
	TOPOLOGY(sparse, 4),
	TOPOLOGY(page_zero, 4),
	TOPOLOGY(four_gb, 2, .asymmetric = true),
	TOPOLOGY(nodes64, 64, .asymmetric = true),
};

const unsigned int sim_nr_topologies = ARRAY_SIZE(sim_topologies);
