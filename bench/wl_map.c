// SPDX-License-Identifier: GPL-2.0+
/*
 * Workloads on large maps: one 1 GiB allocation in a fragmented map, and
 * setting an allocator up on 1 GiB .. 16 TiB with 1 .. 64 nodes.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

#define SPARSE_STRIDE	(16 * TiB)

static void size_name(char *buf, size_t len, u64 bytes)
{
	if (bytes >= TiB)
		snprintf(buf, len, "%llu TiB", (unsigned long long)(bytes / TiB));
	else
		snprintf(buf, len, "%llu GiB", (unsigned long long)(bytes / GiB));
}

/**
 * struct frag - how a map is fragmented
 * @name:	for the tables
 * @unit:	bytes per block of the pattern
 * @every:	every @every-th block from the bottom is in use; 0: each block
 *		with probability 1/2 (a fixed seed)
 */
struct frag {
	const char *name;
	u64 unit;
	unsigned int every;
};

static const struct frag frags[] = {
	{ "every other page", PAGE, 2 },
	{ "every other 2 MiB", 2 * MiB, 2 },
	{ "every third 2 MiB", 2 * MiB, 3 },
	{ "random half of 2 MiB", 2 * MiB, 0 },
};

/* Whether block @i of the pattern is in use; rnd_seed() first for random. */
static bool block_used(const struct frag *f, u64 i)
{
	return f->every ? !(i % f->every) : rnd() & 1;
}

/* Reservations a region list needs for the pattern on [lo, hi). */
static u64 regions_needed(const struct frag *f, u64 lo, u64 hi)
{
	u64 i, n = 0;
	bool prev = false, used;

	rnd_seed(14);
	for (i = 0; i < (hi - lo) / f->unit; i++) {
		used = block_used(f, i);
		n += used && !prev;
		prev = used;
	}

	return n;
}

/*
 * The pattern on [lo, hi), through the allocator's own alloc_at(). Returns
 * the number of the block it refused (1-based) with its error, or 0.
 */
static u64 fragment(const struct allocator *a, const struct frag *f, u64 lo,
		    u64 hi, int *err)
{
	u64 i;

	rnd_seed(14);
	for (i = 0; i < (hi - lo) / f->unit; i++) {
		if (!block_used(f, i))
			continue;
		*err = a->alloc_at(lo + i * f->unit, f->unit);
		if (*err)
			return i + 1;
	}

	return 0;
}

static const struct {
	const char *name;
	int nid;
	unsigned int flags;
} searches[] = {
	{ "top-down", ANY_NODE, 0 },
	{ "bottom-up", ANY_NODE, B_BOTTOM_UP },
	{ "node 0, top-down", 0, 0 },
};

/* Whether [addr, addr + size) holds a block the pattern on [lo, hi) uses. */
static bool overlaps_pattern(const struct frag *f, u64 lo, u64 hi, u64 addr,
			     u64 size)
{
	u64 i;

	rnd_seed(14);
	for (i = 0; i < (hi - lo) / f->unit; i++) {
		u64 b = lo + i * f->unit;

		if (block_used(f, i) && b < addr + size && addr < b + f->unit)
			return true;
	}

	return false;
}

/*
 * One 1 GiB, 2 MiB-aligned allocation, timed alone, freed again; the RAM
 * from @hi to @end is free. Where that is too small (64 GiB: 1% is 655
 * MiB) the time to say so counts. An answer that overlaps the pattern, or
 * no answer where one exists, is reported as wrong.
 */
static void search(const struct allocator *a, const char *param,
		   const struct frag *f, u64 lo, u64 hi, u64 end)
{
	u64 ns[64], addr = 0, t0;
	unsigned int s, i;
	char p[128];
	int ret = 0;

	for (s = 0; s < ARRAY_LEN(searches); s++) {
		snprintf(p, sizeof(p), "%s, %s", param, searches[s].name);
		for (i = 0; i < reps(2); i++) {
			t0 = now_ns();
			instr_begin();
			ret = a->alloc(GiB, 2 * MiB, 0, NO_LIMIT, searches[s].nid,
				       searches[s].flags, &addr);
			instr_end("fragment", p, a->name, 1);
			ns[i] = now_ns() - t0;
			if (ret || a->free(addr, GiB))
				break;
		}
		if (ret == -ENOMEM && end - hi < GiB)
			result("fragment", p, a->name, "ns", median(ns, i + 1),
			       "no fit, correctly");
		else if (ret == -ENOMEM)
			result("fragment", p, a->name, "wrong", 0,
			       "no fit found where one exists");
		else if (ret)
			result("fragment", p, a->name, "skip", 0, bench_why(ret));
		else if (overlaps_pattern(f, lo, hi, addr, GiB))
			result("fragment", p, a->name, "wrong", addr,
			       "returned pages in use");
		else
			result("fragment", p, a->name, "ns", median(ns, i), NULL);
	}
}

/* What an allocator cannot do here, or NULL; @note has room for 128. */
static const char *fragment_skip(const struct allocator *a,
				 const struct frag *f, u64 size, u64 lo,
				 u64 hi, char *note)
{
	u64 need;

	if (a == &bench_bitref && size > TiB)
		return "impractical: searches 2^32 pages bit by bit";
	if (a == &bench_bitref && bench_instr && size > 64 * GiB)
		return "not under callgrind: minutes";
	if (!a->max_regions)
		return NULL;
	need = regions_needed(f, lo, hi);
	if (need <= a->max_regions)
		return NULL;
	snprintf(note, 128, "out of regions: needs %llu, holds at most %u",
		 (unsigned long long)need, a->max_regions);

	return note;
}

/*
 * Sizes each pattern is measured at; under callgrind the smallest only.
 * Pages at 16 TiB would take 2^31 alloc_at() calls.
 */
static const u64 page_sizes[] = { 64 * GiB, TiB };
static const u64 block_sizes[] = { TiB, 16 * TiB };

/*
 * One fragmented map and its searches, for every allocator: 4 nodes from
 * 1 GiB, the lower 99% fragmented by @f, the rest free.
 */
static void fragmented_map(const struct allocator *const *a, unsigned int na,
			   const struct frag *f, u64 size)
{
	u64 lo = GiB, hi = lo + size / 100 * 99 / f->unit * f->unit;
	char param[64], note[128], gib[16];
	const char *skip;
	u64 failed, t0;
	unsigned int j;
	struct topo t;
	int err = 0, ret;

	size_name(gib, sizeof(gib), size);
	snprintf(param, sizeof(param), "%s, %s", gib, f->name);
	topo_nodes(&t, GiB, size, 4, 0);
	for (j = 0; j < na; j++) {
		skip = fragment_skip(a[j], f, size, lo, hi, note);
		if (skip) {
			result("fragment", param, a[j]->name, "skip", 0, skip);
			continue;
		}
		ret = a[j]->init(&t);
		if (ret) {
			result("fragment", param, a[j]->name, "skip", 0,
			       bench_why(ret));
			continue;
		}
		t0 = now_ns();
		failed = fragment(a[j], f, lo, hi, &err);
		if (failed) {
			snprintf(note, sizeof(note), "%s at block %llu",
				 bench_why(err), (unsigned long long)failed);
			result("fragment", param, a[j]->name, "fail_at",
			       failed, note);
		} else {
			result("fragment", param, a[j]->name, "setup_ns",
			       now_ns() - t0, NULL);
			search(a[j], param, f, lo, hi, GiB + size);
		}
		a[j]->fini();
	}
}

/*
 * Maps fragmented by every pattern, then one 1 GiB 2 MiB-aligned
 * allocation: top-down, bottom-up, and for node 0 (entirely fragmented, so
 * it must fall back). Under callgrind only the smallest size of each
 * pattern runs: the set-up is simulated too.
 */
void wl_fragmented(const struct allocator *const *a, unsigned int na)
{
	unsigned int i, s, n;
	const u64 *sizes;

	for (i = 0; i < ARRAY_LEN(frags); i++) {
		sizes = frags[i].unit == PAGE ? page_sizes : block_sizes;
		n = frags[i].unit == PAGE ? ARRAY_LEN(page_sizes) :
					    ARRAY_LEN(block_sizes);
		for (s = 0; s < (bench_instr ? 1 : n); s++)
			fragmented_map(a, na, &frags[i], sizes[s]);
	}
}

/* Set-up of one machine, timed; state bytes from the first set-up. */
static void setup_one(const struct allocator *a, const struct topo *t,
		      const char *param, unsigned int reps)
{
	struct state_bytes sb = { 0 };
	u64 ns[64], t0;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < reps && !ret; i++) {
		t0 = now_ns();
		instr_begin();
		ret = a->init(t);
		instr_end("setup", param, a->name, 1);
		ns[i] = now_ns() - t0;
		if (!ret && !i) {
			a->state(&sb);
			result("state", param, a->name, "map", sb.map, NULL);
			result("state", param, a->name, "summary", sb.summary,
			       NULL);
			result("state", param, a->name, "fixed", sb.fixed, NULL);
			if (sb.heap)
				result("state", param, a->name, "heap",
				       sb.heap, NULL);
			if (sb.owners)
				result("state", param, a->name, "owners",
				       sb.owners, NULL);
		}
		a->fini();
	}
	if (ret)
		result("setup", param, a->name, "skip", 0, bench_why(ret));
	else
		result("setup", param, a->name, "ns", median(ns, reps), NULL);
}

/* 1 GiB .. 16 TiB, 1 .. 64 nodes, contiguous and 16 TiB apart. */
void wl_setup(const struct allocator *const *a, unsigned int na)
{
	static const u64 sizes[] = { GiB, 16 * GiB, 256 * GiB, TiB, 4 * TiB,
				     16 * TiB };
	static const unsigned int nodes[] = { 1, 4, 16, 64 };
	unsigned int s, n, sparse, j;
	char param[64], size[16];
	struct topo t;

	for (sparse = 0; sparse < 2; sparse++) {
		for (n = sparse; n < ARRAY_LEN(nodes); n++) {
			for (s = 0; s < ARRAY_LEN(sizes); s++) {
				if (bench_instr && sizes[s] > TiB)
					continue;
				size_name(size, sizeof(size), sizes[s]);
				snprintf(param, sizeof(param), "%s, %u nodes%s",
					 size, nodes[n], sparse ? " sparse" : "");
				topo_nodes(&t, GiB, sizes[s], nodes[n],
					   sparse ? SPARSE_STRIDE : 0);
				for (j = 0; j < na; j++)
					setup_one(a[j], &t, param,
						  sizes[s] > TiB ? reps(1) :
						  reps(2));
			}
		}
	}
}
