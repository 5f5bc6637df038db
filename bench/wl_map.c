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

/*
 * Every other page of [lo, hi) in use. Returns the number of pages taken
 * before the allocator refused one (LMB runs out of regions), or 0.
 */
static u64 fragment(const struct allocator *a, u64 lo, u64 hi, int *err)
{
	u64 p;

	if (a->fragment) {
		a->fragment(lo, hi);
		return 0;
	}
	for (p = lo; p < hi; p += 2 * PAGE) {
		*err = a->alloc_at(p, PAGE);
		if (*err)
			return (p - lo) / (2 * PAGE) + 1;
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

/*
 * One 1 GiB, 2 MiB-aligned allocation, timed alone, freed again. Where the
 * free part is too small (64 GiB: 1% is 655 MiB) the time to say so counts.
 */
static void search(const struct allocator *a, const char *param, u64 free_lo)
{
	u64 ns[64], addr = 0, t0;
	unsigned int s, i;
	char p[96];
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
		if (ret == -ENOMEM)
			result("fragment", p, a->name, "ns", median(ns, i + 1),
			       "no fit, correctly");
		else if (ret)
			result("fragment", p, a->name, "skip", 0, bench_why(ret));
		else if (addr < free_lo)
			result("fragment", p, a->name, "wrong", addr,
			       "returned a run in the fragmented part");
		else
			result("fragment", p, a->name, "ns", median(ns, i), NULL);
	}
}

/* What an allocator cannot do here, or NULL. */
static const char *fragment_skip(const struct allocator *a, u64 size)
{
	if (a == &bench_bitref && size > TiB)
		return "impractical: 2^31 single-page set-ups bit by bit";
	if (a == &bench_bitref && bench_instr && size > 64 * GiB)
		return "not under callgrind: minutes of set-up";
	return NULL;
}

/*
 * A 4-node map of @size bytes from 1 GiB with every other page of its lower
 * 99% in use, then one 1 GiB 2 MiB-aligned allocation: top-down, bottom-up,
 * and for node 0 (entirely fragmented, so it must fall back).
 */
void wl_fragmented(const struct allocator *const *a, unsigned int na)
{
	static const u64 sizes[] = { 64 * GiB, TiB, 16 * TiB };
	unsigned int i, j;
	char param[64], note[128];
	struct topo t;

	if (!bench_instr) {
		topo_nodes(&t, GiB, sizes[0], 4, 0);
		result("fragment", "64 GiB", "bootmem", "check",
		       bench_bootmem_check(&t, GiB, GiB + sizes[0] / 100 * 99),
		       "1: block-wise set-up equals alloc_at() per page");
	}
	for (i = 0; i < ARRAY_LEN(sizes); i++) {
		u64 lo = GiB, hi = lo + sizes[i] / 100 * 99 / PAGE * PAGE;
		u64 pages = (hi - lo) / (2 * PAGE), failed, t0;
		int err = 0, ret;

		size_name(param, sizeof(param), sizes[i]);
		topo_nodes(&t, GiB, sizes[i], 4, 0);
		for (j = 0; j < na; j++) {
			if (bench_instr && sizes[i] > TiB)
				break;
			if (fragment_skip(a[j], sizes[i])) {
				result("fragment", param, a[j]->name, "skip", 0,
				       fragment_skip(a[j], sizes[i]));
				continue;
			}
			ret = a[j]->init(&t);
			if (ret) {
				result("fragment", param, a[j]->name, "skip", 0,
				       bench_why(ret));
				continue;
			}
			t0 = now_ns();
			failed = fragment(a[j], lo, hi, &err);
			if (failed) {
				snprintf(note, sizeof(note),
					 "%s after %llu of %llu single-page "
					 "reservations (one region each)",
					 bench_why(err), (unsigned long long)failed,
					 (unsigned long long)pages);
				result("fragment", param, a[j]->name, "fail_at",
				       failed, note);
			} else {
				result("fragment", param, a[j]->name, "setup_ns",
				       now_ns() - t0, a[j]->fragment ?
				       "whole words" : "alloc_at per page");
				search(a[j], param, hi);
			}
			a[j]->fini();
		}
	}
}

/* Set-up of one machine, timed; state bytes from the first set-up. */
static void setup_one(const struct allocator *a, const struct topo *t,
		      const char *param, unsigned int reps)
{
	struct state_bytes sb;
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
