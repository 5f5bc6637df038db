// SPDX-License-Identifier: GPL-2.0+
/*
 * Workloads that are lists of steps: the boot trace, churn, single pages
 * and mixed sizes. Each list is built once and replayed on every allocator.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define MAX_STEPS	200000

static struct op steps[MAX_STEPS];

/* Replays steps[0..n) on every allocator and records the outcome. */
static void run_all(const struct allocator *const *a, unsigned int na,
		    const struct topo *t, unsigned int n, unsigned int reps,
		    const char *workload, const char *param)
{
	unsigned int i;

	for (i = 0; i < na; i++) {
		struct run r;
		int ret;

		ret = replay_run(a[i], t, steps, n, reps, &r, workload, param);
		if (ret)
			result(workload, param, a[i]->name, "skip", 0,
			       bench_why(ret));
		else
			replay_report(workload, param, a[i], &r, n);
	}
}

/* Reads a trace written by trace-boot.py; returns the number of steps. */
static unsigned int load_trace(const char *path, struct topo *t)
{
	char line[256], lim[32];
	unsigned int n = 0;
	FILE *f = fopen(path, "r");
	struct op *o;
	int nid;
	u64 a, b;

	if (!f) {
		perror(path);
		exit(1);
	}
	t->nr = 0;
	while (fgets(line, sizeof(line), f) && n < MAX_STEPS) {
		o = &steps[n];
		memset(o, 0, sizeof(*o));
		o->kind = line[0];
		if (sscanf(line, "node %d %lli %lli", &nid, (long long *)&a,
			   (long long *)&b) == 3) {
			t->nid[t->nr] = nid;
			t->base[t->nr] = a;
			t->size[t->nr++] = b;
		} else if (o->kind == 'A' &&
			   sscanf(line, "A %lli %lli %d %lli %31s %u",
				  (long long *)&o->size, (long long *)&o->align,
				  &o->nid, (long long *)&o->goal, lim,
				  &o->flags) == 6) {
			o->limit = lim[0] == '-' ? NO_LIMIT : strtoull(lim, NULL, 0);
			o->flags = o->flags ? B_EXACT_NODE : 0;
			n++;
		} else if ((o->kind == 'X' || o->kind == 'R') &&
			   sscanf(line + 1, "%lli %lli", (long long *)&o->addr,
				  (long long *)&o->size) == 2) {
			n++;
		} else if (o->kind == 'F' &&
			   sscanf(line, "F %u %lli %lli", &o->ref,
				  (long long *)&o->addr,
				  (long long *)&o->size) == 3) {
			n++;
		}
	}
	fclose(f);

	return n;
}

void wl_trace(const struct allocator *const *a, unsigned int na,
	      const char *dir)
{
	static const char *const names[] = { "boot-2node", "boot-4node" };
	char path[512], param[64];
	unsigned int i, n;
	struct topo t;

	for (i = 0; i < ARRAY_LEN(names); i++) {
		snprintf(path, sizeof(path), "%s/%s.trace", dir, names[i]);
		n = load_trace(path, &t);
		snprintf(param, sizeof(param), "%s (%u steps)", names[i], n);
		run_all(a, na, &t, n, reps(4), "trace", param);
	}
}

/* A random node among @nodes, or any node one time in @nodes + 1. */
static int random_nid(unsigned int nodes)
{
	return (int)(rnd() % (nodes + 1)) - 1;
}

static void alloc_step(struct op *o, u64 size, u64 align, int nid)
{
	memset(o, 0, sizeof(*o));
	o->kind = 'A';
	o->size = size;
	o->align = align;
	o->nid = nid;
	o->limit = NO_LIMIT;
}

/*
 * Churn: two allocations (4 KiB .. 256 KiB, page or 64 KiB aligned, any
 * node or a given one) for every free of a random live allocation, so the
 * live set and its holes grow with N.
 */
static unsigned int churn_steps(unsigned int n, unsigned int nodes)
{
	static unsigned int live[MAX_STEPS];
	unsigned int i, nlive = 0;

	rnd_seed(2008);
	for (i = 0; i < n; i++) {
		if (nlive && rnd() % 3 == 0) {
			unsigned int k = rnd() % nlive;

			memset(&steps[i], 0, sizeof(steps[i]));
			steps[i].kind = 'F';
			steps[i].ref = live[k];
			steps[i].size = steps[live[k]].size;
			live[k] = live[--nlive];
			continue;
		}
		alloc_step(&steps[i], (1 + rnd() % 64) * PAGE,
			   rnd() % 4 ? PAGE : 64 * KiB, random_nid(nodes));
		live[nlive++] = i;
	}

	return n;
}

/*
 * Why allocator @a skips churn step @i, or NULL. Per-step costs that grow
 * with N make the largest N take minutes: natively, a run that, scaled by
 * (next N / N)^2 from the last one (@predicted ns), would pass 10 s. Under
 * callgrind, some 50 times slower, the native run's own time says, where
 * `make bench` gives it (BENCH_NATIVE); a run would pass 120 s.
 */
static const char *churn_skip(const struct allocator *a, const char *param,
			      u64 predicted, unsigned int n, char *note,
			      size_t len)
{
	double native = bench_native("churn", param, a->name);

	if (bench_instr && native >= 0)
		predicted = native * n * 50;
	else if (bench_instr && getenv("BENCH_NATIVE"))
		return "skipped: skipped natively";
	if (predicted <= (bench_instr ? 120 : 10) * 1000000000ULL)
		return NULL;
	snprintf(note, len, "skipped: would take %.0f s a run", predicted / 1e9);

	return note;
}

void wl_churn(const struct allocator *const *a, unsigned int na)
{
	static const unsigned int ns[] = { 10, 100, 1000, 10000, 100000 };
	u64 predicted[ARRAY_LEN(bench_allocators)] = { 0 };
	unsigned int i, j, n;
	char param[32], note[64];
	const char *skip;
	struct topo t;
	struct run r;
	int ret;

	topo_nodes(&t, GiB, 16 * GiB, 2, 0);
	for (i = 0; i < ARRAY_LEN(ns); i++) {
		snprintf(param, sizeof(param), "N=%u", ns[i]);
		n = churn_steps(ns[i], 2);
		for (j = 0; j < na; j++) {
			skip = churn_skip(a[j], param, predicted[j], n, note,
					  sizeof(note));
			if (skip) {
				result("churn", param, a[j]->name, "skip", 0, skip);
				continue;
			}
			ret = replay_run(a[j], &t, steps, n,
					 ns[i] >= 10000 ? reps(1) : reps(4), &r,
					 "churn", param);
			if (ret) {
				result("churn", param, a[j]->name, "skip", 0,
				       bench_why(ret));
				continue;
			}
			replay_report("churn", param, a[j], &r, n);
			predicted[j] = r.fail_at < 0 ? r.ns * 100 : 0;
		}
	}
}

/* Single pages on a mostly free 4 GiB, two-node map. */
void wl_pages(const struct allocator *const *a, unsigned int na)
{
	unsigned int i, n = 10000;
	struct topo t;

	topo_nodes(&t, GiB, 4 * GiB, 2, 0);
	for (i = 0; i < n; i++)
		alloc_step(&steps[i], PAGE, PAGE, ANY_NODE);
	run_all(a, na, &t, n, reps(4), "page", "10000 x 4 KiB, 4 GiB");
}

/* 1,000 sizes log-uniform in 4 KiB .. 64 MiB, aligned to 4 KiB .. 2 MiB. */
void wl_mixed(const struct allocator *const *a, unsigned int na)
{
	static const u64 aligns[] = { PAGE, 64 * KiB, 2 * MiB };
	unsigned int i, n = 1000;
	struct topo t;

	rnd_seed(1000);
	topo_nodes(&t, GiB, 16 * GiB, 4, 0);
	for (i = 0; i < n; i++) {
		u64 size = PAGE << (rnd() % 14);

		size += rnd() % size;
		alloc_step(&steps[i], size, aligns[rnd() % 3], random_nid(4));
	}
	run_all(a, na, &t, n, reps(4), "mixed",
		"1000 x 4K-64M, 16 GiB 4 nodes");
}
