// SPDX-License-Identifier: GPL-2.0+
/*
 * The bitmap: one bit per present page, 1 = in use, read 64 bits at a time.
 *
 * Two summary bits per block of 512 pages say "has a free page" and "is
 * entirely free", so a search skips full stretches and, for a large run,
 * every stretch without an entirely free block, without reading them. For
 * small runs, a byte per block bounds the longest free run ending there:
 * a search that finds none long enough there says so, and the next one of
 * that length skips the block (a fragmented map no longer costs a walk
 * through every hole). Marking pages used keeps the bounds true; freeing
 * pages lifts them where runs may have grown.
 * Two hints remember how far the top and the bottom of the map are known
 * to be full, which makes repeated small allocations O(1).
 */

#include "bootmem_internal.h"

#define BB	BM_BLOCK_BITS

static inline u64 min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline bool test_bit64(const u64 *a, u64 i)
{
	return (a[i / 64] >> (i % 64)) & 1;
}

/* Sets or clears bits [lo, hi) of @a. */
static void assign_bits(u64 *a, u64 lo, u64 hi, bool set)
{
	u64 i = lo / 64, last = (hi - 1) / 64;
	u64 first_mask = ~0ULL << (lo % 64);
	u64 last_mask = ~0ULL >> (63 - (hi - 1) % 64);

	if (lo >= hi)
		return;
	if (i == last)
		first_mask &= last_mask;
	a[i] = set ? a[i] | first_mask : a[i] & ~first_mask;
	if (i == last)
		return;
	/* Whole words in between: a fill, as fast as memset. */
	for (i++; i < last; i++)
		a[i] = set ? ~0ULL : 0;
	a[last] = set ? a[last] | last_mask : a[last] & ~last_mask;
}

/* First bit in [lo, hi) of @a that differs from @bg (0 or ~0), else @hi. */
static u64 scan_next(const u64 *a, u64 lo, u64 hi, u64 bg)
{
	u64 i = lo / 64;
	u64 w;

	if (lo >= hi)
		return hi;
	w = (a[i] ^ bg) & (~0ULL << (lo % 64));
	while (!w) {
		if (++i * 64 >= hi)
			return hi;
		w = a[i] ^ bg;
	}
	lo = i * 64 + __builtin_ctzll(w);

	return min_u64(lo, hi);
}

/* One past the last bit in [lo, hi) of @a that differs from @bg, else @lo. */
static u64 scan_prev_end(const u64 *a, u64 lo, u64 hi, u64 bg)
{
	u64 i, w, bit;

	if (lo >= hi)
		return lo;
	i = (hi - 1) / 64;
	w = (a[i] ^ bg) & (~0ULL >> (63 - (hi - 1) % 64));
	while (!w) {
		if (i * 64 <= lo)
			return lo;
		w = a[--i] ^ bg;
	}
	bit = i * 64 + 63 - __builtin_clzll(w);

	return bit >= lo ? bit + 1 : lo;
}

static void set_bit64(u64 *a, u64 i)
{
	a[i / 64] |= 1ULL << (i % 64);
}

static void clear_bit64(u64 *a, u64 i)
{
	a[i / 64] &= ~(1ULL << (i % 64));
}

/* Whether every word of block @blk equals @value (0 or ~0). */
static bool block_is(const struct bm_bitmap *map, u64 blk, u64 value)
{
	const u64 *w = map->words + blk * BM_BLOCK_WORDS;
	int i;

	for (i = 0; i < BM_BLOCK_WORDS; i++)
		if (w[i] != value)
			return false;

	return true;
}

/*
 * Pages of block @blk were just marked used (@used) or free: it can no
 * longer be empty (full), and is full (empty) only if every word is. The
 * words are read only when the summary bit may have to change.
 */
static void update_block(struct bm_bitmap *map, u64 blk, bool used)
{
	if (used) {
		clear_bit64(map->blk_empty, blk);
		if (test_bit64(map->blk_free, blk) && block_is(map, blk, ~0ULL))
			clear_bit64(map->blk_free, blk);
	} else {
		set_bit64(map->blk_free, blk);
		if (!test_bit64(map->blk_empty, blk) && block_is(map, blk, 0))
			set_bit64(map->blk_empty, blk);
	}
}

/* Brings the summaries of the blocks that [lo, hi) touches up to date. */
static void update_summary(struct bm_bitmap *map, u64 lo, u64 hi, bool used)
{
	u64 first = (lo + BB - 1) / BB, last = hi / BB;

	if (first < last) {
		assign_bits(map->blk_free, first, last, !used);
		assign_bits(map->blk_empty, first, last, !used);
	}
	if (lo % BB)
		update_block(map, lo / BB, used);
	if (hi % BB && (hi / BB != lo / BB || !(lo % BB)))
		update_block(map, hi / BB, used);
}

static u64 summary_words(u64 nblocks)
{
	return (nblocks + 63) / 64;
}

/**
 * bm_map_bytes() - memory a bitmap of @nbits pages needs, summaries included
 * @nbits:	pages present
 *
 * Return: bytes
 */
u64 bm_map_bytes(u64 nbits)
{
	u64 nblocks = (nbits + BB - 1) / BB;

	return (nblocks * BM_BLOCK_WORDS + 2 * summary_words(nblocks)) * 8 +
	       ((nblocks + 7) & ~7ULL);
}

/**
 * bm_map_init() - lay out an all-free bitmap in @mem
 * @map:	bitmap to initialise
 * @mem:	bm_map_bytes(@nbits) bytes
 * @nbits:	pages present
 */
void bm_map_init(struct bm_bitmap *map, u64 *mem, u64 nbits)
{
	u64 nblocks = (nbits + BB - 1) / BB;

	memset(mem, 0, bm_map_bytes(nbits));
	map->words = mem;
	map->blk_free = mem + nblocks * BM_BLOCK_WORDS;
	map->blk_empty = map->blk_free + summary_words(nblocks);
	map->run_end = (u8 *)(map->blk_empty + summary_words(nblocks));
	memset(map->run_end, BM_RUN_ANY, nblocks);
	map->nbits = nbits;
	map->nblocks = nblocks;
	map->top = nblocks * BB;
	map->bottom = 0;
	assign_bits(map->blk_free, 0, nblocks, true);
	assign_bits(map->blk_empty, 0, nblocks, true);
	/* Padding past the last page must never look free. */
	if (nbits < nblocks * BB)
		bm_set(map, nbits, nblocks * BB);
}

/**
 * bm_set() - mark bits [lo, hi) in use
 * @map:	bitmap
 * @lo:		first bit
 * @hi:		one past the last bit, > @lo
 */
void bm_set(struct bm_bitmap *map, u64 lo, u64 hi)
{
	assign_bits(map->words, lo, hi, true);
	update_summary(map, lo, hi, true);
	if (lo < map->top && hi >= map->top)
		map->top = lo;
	if (hi > map->bottom && lo <= map->bottom)
		map->bottom = hi;
}

/**
 * bm_clear() - mark bits [lo, hi) free
 * @map:	bitmap
 * @lo:		first bit
 * @hi:		one past the last bit, > @lo
 */
void bm_clear(struct bm_bitmap *map, u64 lo, u64 hi)
{
	u64 end;

	assign_bits(map->words, lo, hi, false);
	update_summary(map, lo, hi, false);
	/*
	 * Runs ending in the freed blocks, or where the free run now ends,
	 * may have grown; the blocks in between are entirely free, and an
	 * entirely free block never has a bound.
	 */
	memset(map->run_end + lo / BB, BM_RUN_ANY, (hi - 1) / BB - lo / BB + 1);
	end = bm_next_used(map, hi, map->nbits);
	map->run_end[(end - 1) / BB] = BM_RUN_ANY;
	if (hi > map->top)
		map->top = hi;
	if (lo < map->bottom)
		map->bottom = lo;
}

bool bm_test(const struct bm_bitmap *map, u64 bit)
{
	return test_bit64(map->words, bit);
}

/*
 * The block summary that tells which blocks a search for a free (@used
 * false) or a used bit may skip: blocks without a free page, or entirely
 * free blocks. A block is worth reading when its summary bit differs from
 * skip_bg().
 */
static const u64 *skip_map(const struct bm_bitmap *map, bool used)
{
	return used ? map->blk_empty : map->blk_free;
}

static u64 skip_bg(bool used)
{
	return used ? ~0ULL : 0;
}

/* Lowest bit in [lo, hi) that is used (@used) or free, else @hi. */
static inline u64 next_bit(const struct bm_bitmap *map, u64 lo, u64 hi,
			   bool used)
{
	const u64 *skip = skip_map(map, used);

	while (lo < hi) {
		u64 blk = lo / BB;
		u64 end;

		if (test_bit64(skip, blk) == used) {
			blk = scan_next(skip, blk, map->nblocks, skip_bg(used));
			if (blk >= map->nblocks || blk * BB >= hi)
				return hi;
			lo = blk * BB;
		}
		end = min_u64(hi, (blk + 1) * BB);
		lo = scan_next(map->words, lo, end, used ? 0 : ~0ULL);
		if (lo < end)
			return lo;
	}

	return hi;
}

/* One past the highest bit in [lo, hi) used (@used) or free, else @lo. */
static inline u64 prev_bit_end(const struct bm_bitmap *map, u64 lo, u64 hi,
			       bool used)
{
	const u64 *skip = skip_map(map, used);

	while (hi > lo) {
		u64 blk = (hi - 1) / BB;
		u64 start, end;

		if (test_bit64(skip, blk) == used) {
			blk = scan_prev_end(skip, 0, blk, skip_bg(used));
			if (!blk || blk * BB <= lo)
				return lo;
			hi = blk-- * BB;
		}
		start = blk * BB > lo ? blk * BB : lo;
		end = scan_prev_end(map->words, start, hi,
				    used ? 0 : ~0ULL);
		if (end > start)
			return end;
		hi = start;
	}

	return lo;
}

/**
 * bm_next_free() - lowest free bit in [lo, hi)
 * @map:	bitmap
 * @lo:		first bit to look at
 * @hi:		end of the search
 *
 * Return: the bit, or @hi if every bit is in use
 */
u64 bm_next_free(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return next_bit(map, lo, hi, false);
}

/**
 * bm_next_used() - lowest bit in use in [lo, hi)
 * @map:	bitmap
 * @lo:		first bit to look at
 * @hi:		end of the search
 *
 * Return: the bit, or @hi if every bit is free
 */
u64 bm_next_used(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return next_bit(map, lo, hi, true);
}

static inline u64 prev_free_end(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return prev_bit_end(map, lo, hi, false);
}

static inline u64 prev_used_end(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return prev_bit_end(map, lo, hi, true);
}

/*
 * A run of at least two blocks always covers one whole block, which must be
 * entirely free: the searches below jump to the next such block.
 */
static u64 find_up(const struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		   u64 mask, u64 off)
{
	u64 s = lo, used, blk;

	for (;;) {
		s = bm_next_free(map, s, hi);
		if (len == 1 && !mask)
			return s < hi ? s : BM_NOT_FOUND;
		s += -(s + off) & mask;
		if (s >= hi || hi - s < len)
			return BM_NOT_FOUND;
		used = bm_next_used(map, s, s + len);
		if (used == s + len)
			return s;
		s = used + 1;
		if (len < 2 * BB)
			continue;
		blk = scan_next(map->blk_empty, (s + BB - 1) / BB,
				map->nblocks, 0);
		if (blk >= map->nblocks)
			return BM_NOT_FOUND;
		if (blk && (blk - 1) * BB + 1 > s)
			s = (blk - 1) * BB + 1;
	}
}

/*
 * A top-down search for @len free pages has shown that no such run ends
 * above @e, up to block *@top: bound the blocks in between that have free
 * pages at all (the others the summaries skip anyway). Only blocks whose
 * runs would start at or above @lo are known about.
 */
static void learn(struct bm_bitmap *map, u64 e, u64 *top, u64 len, u64 lo)
{
	u64 first = (e + BB - 1) / BB, blk = *top;

	if (first < (lo + len - 1 + BB - 1) / BB)
		first = (lo + len - 1 + BB - 1) / BB;
	while (blk > first) {
		blk = scan_prev_end(map->blk_free, first, blk, 0);
		if (blk-- == first)
			break;
		if (map->run_end[blk] >= len)
			map->run_end[blk] = len - 1;
	}
	if (first < *top)
		*top = first;
}

static u64 find_down(struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		     u64 mask, u64 off)
{
	bool small = len < BM_RUN_ANY, exact = small && !mask;
	u64 e = hi, s, skew, used, blk, top = hi / BB;

	for (;;) {
		while (small && e > lo && map->run_end[(e - 1) / BB] < len)
			e = (e - 1) / BB * BB;
		e = prev_free_end(map, lo, e);
		if (e - lo < len)
			goto not_found;
		/* The page below e is free: a single page needs no more. */
		if (len == 1 && !mask)
			return e - 1;
		skew = (e - len + off) & mask;
		if (skew > e - len - lo)
			goto not_found;
		s = e - len - skew;
		used = prev_used_end(map, s, s + len);
		if (used == s) {
			if (exact)
				learn(map, s + len, &top, len, lo);
			return s;
		}
		e = used - 1;
		if (exact)
			learn(map, e, &top, len, lo);
		if (len < 2 * BB)
			continue;
		blk = scan_prev_end(map->blk_empty, 0, e / BB, 0);
		if (!blk)
			return BM_NOT_FOUND;
		if ((blk + 1) * BB - 1 < e)
			e = (blk + 1) * BB - 1;
	}

not_found:
	if (exact)
		learn(map, e, &top, len, lo);
	return BM_NOT_FOUND;
}

/**
 * bm_find_run() - find @len free bits in [lo, hi), aligned
 * @map:	bitmap
 * @lo:		first bit the run may use
 * @hi:		one past the last bit the run may use
 * @len:	run length in bits (pages), > 0
 * @align:	alignment in pages, a power of two
 * @pfn_of_bit0: page frame number bit 0 would have, so that alignment is
 *		that of the physical address; [lo, hi) must be contiguous RAM
 * @top_down:	the highest fit instead of the lowest
 *
 * Return: the first bit of the run, or BM_NOT_FOUND
 */
u64 bm_find_run(struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		u64 align, u64 pfn_of_bit0, bool top_down)
{
	if (top_down)
		hi = min_u64(hi, map->top);
	else if (lo < map->bottom)
		lo = map->bottom;
	if (hi <= lo || hi - lo < len)
		return BM_NOT_FOUND;

	if (top_down)
		return find_down(map, lo, hi, len, align - 1, pfn_of_bit0);

	return find_up(map, lo, hi, len, align - 1, pfn_of_bit0);
}
