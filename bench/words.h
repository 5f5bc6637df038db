/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Plain bitmap helpers for the reference allocators: one bit per page,
 * 1 = in use, read and written 64 bits at a time, no summaries. Inline, so
 * that each reference pays only for what it uses.
 */

#ifndef __BENCH_WORDS_H
#define __BENCH_WORDS_H

#include "bench.h"

#define WORDS_NONE	(~0ULL)

/**
 * struct words_req - an allocation request in pages
 * @len:	pages
 * @align:	alignment in pages
 * @lo:		lowest page frame (the goal)
 * @hi:		one past the highest page frame (the limit)
 */
struct words_req {
	u64 len;
	u64 align;
	u64 lo;
	u64 hi;
};

static inline struct words_req words_request(u64 size, u64 align, u64 goal,
					     u64 limit)
{
	return (struct words_req){
		.len = (size + PAGE - 1) / PAGE,
		.align = align > PAGE ? align / PAGE : 1,
		.lo = (goal + PAGE - 1) / PAGE,
		.hi = limit == NO_LIMIT ? ~0ULL / PAGE : limit / PAGE,
	};
}

/* Bits [lo, hi) of @map set (@used) or cleared, whole words in between. */
static inline void words_fill(u64 *map, u64 lo, u64 hi, bool used)
{
	u64 i = lo / 64, last = (hi - 1) / 64;
	u64 head = ~0ULL << (lo % 64), tail = ~0ULL >> (63 - (hi - 1) % 64);

	if (lo >= hi)
		return;
	if (i == last)
		head &= tail;
	map[i] = used ? map[i] | head : map[i] & ~head;
	if (i == last)
		return;
	for (i++; i < last; i++)
		map[i] = used ? ~0ULL : 0;
	map[last] = used ? map[last] | tail : map[last] & ~tail;
}

/* First bit in [lo, hi) of @map equal to @used, else @hi. */
static inline u64 words_next(const u64 *map, u64 lo, u64 hi, bool used)
{
	u64 flip = used ? 0 : ~0ULL, w;

	if (lo >= hi)
		return hi;
	w = (map[lo / 64] ^ flip) & (~0ULL << (lo % 64));
	for (lo &= ~63ULL; !w; w = map[lo / 64] ^ flip) {
		lo += 64;
		if (lo >= hi)
			return hi;
	}
	lo += __builtin_ctzll(w);

	return lo < hi ? lo : hi;
}

/* One past the last bit in [lo, hi) of @map equal to @used, else @lo. */
static inline u64 words_prev_end(const u64 *map, u64 lo, u64 hi, bool used)
{
	u64 flip = used ? 0 : ~0ULL, i, w;

	if (lo >= hi)
		return lo;
	i = (hi - 1) / 64;
	w = (map[i] ^ flip) & (~0ULL >> (63 - (hi - 1) % 64));
	while (!w) {
		if (i * 64 <= lo)
			return lo;
		w = map[--i] ^ flip;
	}
	i = i * 64 + 63 - __builtin_clzll(w);

	return i >= lo ? i + 1 : lo;
}

/*
 * Lowest run of @len free bits in [lo, hi) whose first bit plus @base is a
 * multiple of @align (a power of two), or WORDS_NONE.
 */
static inline u64 words_find_up(const u64 *map, u64 lo, u64 hi, u64 len,
				u64 align, u64 base)
{
	u64 s = lo, used;

	for (;;) {
		s = words_next(map, s, hi, false);
		s = ((base + s + align - 1) & ~(align - 1)) - base;
		if (s >= hi || hi - s < len)
			return WORDS_NONE;
		used = words_next(map, s, s + len, true);
		if (used == s + len)
			return s;
		s = used + 1;
	}
}

/* The same, highest run. */
static inline u64 words_find_down(const u64 *map, u64 lo, u64 hi, u64 len,
				  u64 align, u64 base)
{
	u64 e = hi, s, used;

	for (;;) {
		e = words_prev_end(map, lo, e, false);
		if (e - lo < len)
			return WORDS_NONE;
		s = ((base + e - len) & ~(align - 1)) - base;
		if (s < lo || s > e - len)
			return WORDS_NONE;
		/* Page e - 1 is free: a single unaligned page needs no more. */
		if (len == 1 && s == e - 1)
			return s;
		used = words_prev_end(map, s, s + len, true);
		if (used == s)
			return s;
		e = used - 1;
	}
}

#endif /* __BENCH_WORDS_H */
