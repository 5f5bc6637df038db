// SPDX-License-Identifier: GPL-2.0+
/*
 * Replaying a list of steps against one allocator: the boot trace, churn,
 * single pages and mixed sizes all come down to this. Set-up is not timed;
 * the whole list is, and the time is divided by its length.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

/* Runs @ops once; returns the index of the failing step, or -1. */
static long replay_once(const struct allocator *a, const struct op *ops,
			unsigned int n, u64 *addr, int *err)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < n; i++) {
		const struct op *o = &ops[i];

		switch (o->kind) {
		case 'A':
			ret = a->alloc(o->size, o->align, o->goal, o->limit,
				       o->nid, o->flags, &addr[i]);
			break;
		case 'X':
			addr[i] = o->addr;
			ret = a->alloc_at(o->addr, o->size);
			break;
		case 'R':
			ret = a->reserve(o->addr, o->size);
			break;
		case 'F':
			ret = a->free(addr[o->ref] + o->addr, o->size);
			break;
		}
		if (ret) {
			*err = ret;
			return i;
		}
	}

	return -1;
}

/**
 * replay_run() - replay @ops @reps times on fresh state, median time
 * @a:		allocator
 * @t:		machine to set it up on
 * @ops:	steps
 * @n:		number of steps
 * @reps:	repeats (one under callgrind)
 * @r:		outcome
 * @workload, @param: names for the callgrind dump
 *
 * Return: 0, or the error of the allocator's set-up
 */
int replay_run(const struct allocator *a, const struct topo *t,
	       const struct op *ops, unsigned int n, unsigned int reps,
	       struct run *r, const char *workload, const char *param)
{
	u64 *addr = calloc(n ? n : 1, sizeof(*addr));
	u64 *ns = calloc(reps, sizeof(*ns));
	unsigned int i;
	u64 spent = 0;
	int ret = 0;

	if (!addr || !ns)
		abort();
	r->fail_at = -1;
	r->err = 0;
	/* Slow cases stop repeating after 3 s: the median of fewer runs. */
	for (i = 0; i < reps && !ret && (i < 1 || spent < 3000000000ULL); i++) {
		u64 t0;

		ret = a->init(t);
		if (ret)
			break;
		t0 = now_ns();
		instr_begin();
		r->fail_at = replay_once(a, ops, n, addr, &r->err);
		instr_end(workload, param, a->name,
			  r->fail_at < 0 ? n : (u64)r->fail_at + 1);
		ns[i] = now_ns() - t0;
		spent += ns[i];
		a->fini();
	}
	r->runs = i;
	if (!ret)
		r->ns = median(ns, i);
	free(addr);
	free(ns);

	return ret;
}

/* A failure as the tables show it. */
const char *bench_why(int err)
{
	switch (err) {
	case -ENOSPC:
		return "out of regions";
	case -ENOMEM:
		return "no fit";
	case -EOPNOTSUPP:
		return "not supported";
	case -EBUSY:
		return "busy";
	case -E2BIG:
		return "impractical";
	default:
		return strerror(-err);
	}
}

/**
 * replay_report() - record ns per step, or where and why it failed
 * @workload, @param: names for the tables
 * @a:		allocator
 * @r:		outcome of replay_run()
 * @n:		steps
 */
void replay_report(const char *workload, const char *param,
		   const struct allocator *a, const struct run *r,
		   unsigned int n)
{
	char note[96];

	if (r->fail_at >= 0) {
		snprintf(note, sizeof(note), "fails at step %ld of %u: %s",
			 r->fail_at + 1, n, bench_why(r->err));
		result(workload, param, a->name, "fail_at", r->fail_at + 1,
		       note);
		return;
	}
	snprintf(note, sizeof(note), "median of %u", r->runs);
	result(workload, param, a->name, "ns_op", (double)r->ns / n,
	       r->runs < repeats ? note : NULL);
}
