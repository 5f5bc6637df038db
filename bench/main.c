// SPDX-License-Identifier: GPL-2.0+
/*
 * bench: bootmem against U-Boot's LMB (2025.01; 2023.01 with 1024 and 8
 * regions), two plain word-scan bitmaps (one with a top hint: the floor),
 * per-node bitmaps and a bit-by-bit single bitmap, on the same workloads in
 * one process. Prints one line per measurement; BENCH_OUT=FILE also writes
 * them tab-separated for report.py.
 *
 * Usage: bench [-a ALLOCATORS] [-r REPEATS] [-t TRACE_DIR] [WORKLOAD...]
 * -a: a comma-separated list of allocator names (default: all).
 * Workloads: trace churn fragment setup page mixed (default: all).
 * Under valgrind (make bench-instr) each measured section is one callgrind
 * dump, and repeats drop to one.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <valgrind/valgrind.h>
#include "bench.h"

unsigned int repeats = 5;

const struct allocator *const bench_allocators[8] = {
	&bench_bootmem, &bench_lmb2025, &bench_lmb2023_1024, &bench_word,
	&bench_floor, &bench_nodebm, &bench_bitref, &bench_lmb2023_8,
};

static const struct {
	const char *name;
	void (*run)(const struct allocator *const *a, unsigned int n);
} workloads[] = {
	{ "churn", wl_churn },
	{ "page", wl_pages },
	{ "mixed", wl_mixed },
	{ "fragment", wl_fragmented },
	{ "setup", wl_setup },
};

static bool wanted(int argc, char **argv, const char *name)
{
	int i;

	if (optind >= argc)
		return true;
	for (i = optind; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	const struct allocator *chosen[ARRAY_LEN(bench_allocators)];
	const char *traces = "bench/traces", *only = NULL;
	unsigned int i, na;
	int opt;

	while ((opt = getopt(argc, argv, "a:r:t:")) != -1) {
		if (opt == 'a')
			only = optarg;
		else if (opt == 'r')
			repeats = atoi(optarg);
		else if (opt == 't')
			traces = optarg;
		else
			return 2;
	}
	bench_instr = RUNNING_ON_VALGRIND;
	if (bench_instr)
		repeats = 1;
	if (!repeats || repeats > 16) {
		fprintf(stderr, "bench: 1 .. 16 repeats\n");
		return 2;
	}
	bench_arena(0);
	for (na = i = 0; i < ARRAY_LEN(bench_allocators); i++)
		if (!only || strstr(only, bench_allocators[i]->name))
			chosen[na++] = bench_allocators[i];

	if (wanted(argc, argv, "trace"))
		wl_trace(chosen, na, traces);
	for (i = 0; i < ARRAY_LEN(workloads); i++)
		if (wanted(argc, argv, workloads[i].name))
			workloads[i].run(chosen, na);

	return 0;
}
