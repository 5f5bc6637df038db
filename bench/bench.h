/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The benchmark's view of an allocator: one struct of operations, so that
 * every workload runs the same calls against bootmem, U-Boot's LMB (2025.01
 * and 2023.01) and the reference bitmaps.
 */

#ifndef __BENCH_H
#define __BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t u64;

#define KiB		(1ULL << 10)
#define MiB		(1ULL << 20)
#define GiB		(1ULL << 30)
#define TiB		(1ULL << 40)
#define PAGE		4096ULL
#define ANY_NODE	(-1)
#define NO_LIMIT	(~0ULL)
#define MAX_TOPO	64
#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* Request flags, mapped by each allocator to what it has. */
#define B_BOTTOM_UP	(1U << 0)
#define B_EXACT_NODE	(1U << 1)

/**
 * struct topo - a machine: RAM ranges with their node
 * @nr:		number of ranges, sorted by address
 * @base, @size, @nid: one range each
 */
struct topo {
	unsigned int nr;
	u64 base[MAX_TOPO];
	u64 size[MAX_TOPO];
	int nid[MAX_TOPO];
};

/**
 * struct state_bytes - memory an allocator keeps
 * @map:	bitmap (or region array) bytes that scale with memory
 * @summary:	summary levels on top of the bitmap
 * @fixed:	the rest that is not per allocation: the state object,
 *		compile-time tables and tables sized by what is registered
 * @heap:	the part of @fixed on the heap (0 if none)
 * @owners:	records of allocations kept apart from @map (0 if none)
 */
struct state_bytes {
	u64 map;
	u64 summary;
	u64 fixed;
	u64 heap;
	u64 owners;
};

/**
 * struct allocator - one allocator under test
 * @name:	short name for the tables
 * @init:	set up on @t; 0, or a negative errno (-ENOSPC: out of regions,
 *		-E2BIG: impractical for this allocator)
 * @fini:	forget everything; the next @init starts afresh
 * @alloc:	@size bytes aligned to @align, at or above @goal if possible,
 *		ending at or below @limit, on @nid (or any), B_* @flags
 * @alloc_at:	take [@addr, @addr + @size), which must be free
 * @reserve:	keep [@addr, @addr + @size) for good, overlaps allowed
 * @free:	give back [@addr, @addr + @size)
 * @state:	memory the allocator keeps
 * @max_regions: reservations it can hold at most (0: no limit)
 */
struct allocator {
	const char *name;
	int (*init)(const struct topo *t);
	void (*fini)(void);
	int (*alloc)(u64 size, u64 align, u64 goal, u64 limit, int nid,
		     unsigned int flags, u64 *addr);
	int (*alloc_at)(u64 addr, u64 size);
	int (*reserve)(u64 addr, u64 size);
	int (*free)(u64 addr, u64 size);
	void (*state)(struct state_bytes *sb);
	unsigned int max_regions;
};

extern const struct allocator bench_bootmem, bench_lmb2025,
	bench_lmb2023_1024, bench_lmb2023_8, bench_word, bench_floor,
	bench_nodebm, bench_bitref;
extern const struct allocator *const bench_allocators[8];

/*
 * port.c: the one memory arena every bitmap lives in, pre-faulted, and
 * bootmem's heap, counted.
 */
void *bench_arena(u64 bytes);
u64 bench_heap_bytes(void);

/* util.c */
u64 now_ns(void);
u64 rnd(void);
void rnd_seed(u64 seed);
u64 topo_pages(const struct topo *t);
void topo_nodes(struct topo *t, u64 base, u64 total, unsigned int nodes,
		u64 stride);
int cmp_u64(const void *a, const void *b);
u64 median(u64 *v, unsigned int n);

/* Results: one line per measurement, rendered by report.py. */
void result(const char *workload, const char *param, const char *alloc,
	    const char *metric, double value, const char *note);

double bench_native(const char *workload, const char *param,
		    const char *alloc);

/* Callgrind brackets around a measured section (no-ops natively). */
extern bool bench_instr;
void instr_begin(void);
void instr_end(const char *workload, const char *param, const char *alloc,
	       u64 ops);

/**
 * struct op - one step of a replayed workload
 * @kind:	'A' alloc, 'X' alloc_at, 'R' reserve, 'F' free
 * @nid:	A: node, or ANY_NODE
 * @flags:	A: B_* flags
 * @ref:	F: index of the A or X step whose memory is freed
 * @size:	bytes
 * @align:	A: alignment
 * @goal:	A: preferred lowest address
 * @limit:	A: highest end address, or NO_LIMIT
 * @addr:	X, R: address; F: offset into the memory of step @ref
 */
struct op {
	char kind;
	int nid;
	unsigned int flags;
	unsigned int ref;
	u64 size;
	u64 align;
	u64 goal;
	u64 limit;
	u64 addr;
};

/**
 * struct run - outcome of replaying a workload
 * @ns:		median time of the replays
 * @fail_at:	index of the first step that failed, or -1
 * @err:	its error
 * @runs:	how many replays the median is of
 */
struct run {
	u64 ns;
	unsigned int runs;
	long fail_at;
	int err;
};

/* replay.c */
const char *bench_why(int err);
int replay_run(const struct allocator *a, const struct topo *t,
	       const struct op *ops, unsigned int n, unsigned int reps,
	       struct run *r, const char *workload, const char *param);
void replay_report(const char *workload, const char *param,
		   const struct allocator *a, const struct run *r,
		   unsigned int n);

/* Workloads. */
void wl_trace(const struct allocator *const *a, unsigned int n,
	      const char *dir);
void wl_churn(const struct allocator *const *a, unsigned int n);
void wl_fragmented(const struct allocator *const *a, unsigned int n);
void wl_setup(const struct allocator *const *a, unsigned int n);
void wl_pages(const struct allocator *const *a, unsigned int n);
void wl_mixed(const struct allocator *const *a, unsigned int n);

extern unsigned int repeats;

/* @k times the repeats asked for; once under callgrind, which counts. */
static inline unsigned int reps(unsigned int k)
{
	return bench_instr ? 1 : repeats * k;
}

#endif /* __BENCH_H */
