// SPDX-License-Identifier: GPL-2.0+
/*
 * Small helpers shared by the workloads: clock, random numbers, topologies,
 * medians, result lines and callgrind brackets.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>
#include "bench.h"

bool bench_instr;
static FILE *results;
static u64 rnd_state = 1;

u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

void rnd_seed(u64 seed)
{
	rnd_state = seed ? seed : 1;
}

/* xorshift64*: fixed seeds give the same workload to every allocator. */
u64 rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dULL;
}

u64 topo_pages(const struct topo *t)
{
	u64 pages = 0;
	unsigned int i;

	for (i = 0; i < t->nr; i++)
		pages += t->size[i] / PAGE;
	return pages;
}

/**
 * topo_nodes() - @nodes nodes sharing @total bytes, from @base up
 * @t:		filled in
 * @base:	address of node 0
 * @total:	bytes of RAM in all
 * @nodes:	node count, at most MAX_TOPO
 * @stride:	distance between node bases; 0 for contiguous nodes
 */
void topo_nodes(struct topo *t, u64 base, u64 total, unsigned int nodes,
		u64 stride)
{
	u64 size = total / nodes;
	unsigned int i;

	t->nr = nodes;
	for (i = 0; i < nodes; i++) {
		t->base[i] = base + i * (stride ? stride : size);
		t->size[i] = size;
		t->nid[i] = i;
	}
}

int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

u64 median(u64 *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return v[n / 2];
}

/**
 * result() - record one measurement
 * @workload, @param, @alloc: what was measured
 * @metric:	ns_op, ns, bytes, fail_at, ...
 * @value:	the number
 * @note:	free text for the table, or NULL
 *
 * Lines go to stdout and, when BENCH_OUT names a file, there as well.
 */
void result(const char *workload, const char *param, const char *alloc,
	    const char *metric, double value, const char *note)
{
	const char *out = getenv("BENCH_OUT");

	if (!results && out) {
		results = fopen(out, "w");
		if (!results) {
			perror(out);
			exit(1);
		}
	}
	printf("%-10s %-28s %-12s %-9s %14.1f %s\n", workload, param, alloc,
	       metric, value, note ? note : "");
	if (results) {
		fprintf(results, "%s\t%s\t%s\t%s\t%.3f\t%s\n", workload, param,
			alloc, metric, value, note ? note : "");
		fflush(results);
	}
	fflush(stdout);
}

/**
 * bench_native() - a native run's ns per operation, for callgrind's sake
 * @workload, @param, @alloc: what was measured
 *
 * Reads the results file BENCH_NATIVE names (time.tsv of the native run).
 *
 * Return: the ns_op value, or -1 if there is none
 */
double bench_native(const char *workload, const char *param,
		    const char *alloc)
{
	const char *path = getenv("BENCH_NATIVE");
	char line[512], key[256];
	double value = -1;
	size_t n;
	FILE *f;

	if (!path)
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = snprintf(key, sizeof(key), "%s\t%s\t%s\tns_op\t", workload, param,
		     alloc);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n))
			value = strtod(line + n, NULL);
	fclose(f);

	return value;
}

void instr_begin(void)
{
	if (bench_instr)
		CALLGRIND_ZERO_STATS;
}

/* The dump's name carries what report.py needs to divide by. */
void instr_end(const char *workload, const char *param, const char *alloc,
	       u64 ops)
{
	char label[256];

	if (!bench_instr)
		return;
	snprintf(label, sizeof(label), "bench|%s|%s|%s|%llu", workload, param,
		 alloc, (unsigned long long)ops);
	CALLGRIND_DUMP_STATS_AT(label);
}
