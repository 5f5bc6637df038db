// SPDX-License-Identifier: GPL-2.0+
/*
 * The bitmap: one bit per present page, 1 = in use, read 64 bits at a time.
 *
 * Pages come in blocks of 512 (2 MiB), and two summary bits per block say
 * what the block is:
 *
 *	has a free page	entirely free
 *	       1	       1	empty
 *	       0	       0	full
 *	       1	       0	partial
 *
 * Only a partial block keeps its words and its bound (below): an empty or a
 * full block is what its summary says, whatever its memory holds. So
 * set-up writes the summaries alone, 1/256 of the bitmap, and a block's
 * words are written when it first becomes partial; marking whole blocks
 * writes summary bits only.
 *
 * Searches skip blocks by their summaries. A request that needs whole
 * blocks (at least 2 MiB less a page, or one aligned to 2 MiB) reads the
 * "entirely free" bits as a bitmap of their own: it looks for runs of
 * enough set bits a word at a time, and reads pages only at the two ends
 * of such a run. Smaller requests read pages, and skip blocks by bounds:
 * a byte per partial block that no free run ending in it is longer than,
 * and a byte per group of 64 blocks that none of its blocks' is above.
 * A top-down search that fails in a block has seen every run ending there
 * and sets the block's bound to the longest; one that finds no block of a
 * group worth searching lowers the group's; freeing pages raises both to
 * the length of the free run the pages join. So a fragmented map costs a
 * search no more than the blocks that can hold it, however many holes
 * are above them.
 * Only the top-down search reads and sets the bounds because a bound is
 * about the runs that end in a block, and walking down is what meets each
 * run at its end, in the block whose byte it is; a bottom-up walk meets a
 * run at its start and would have to follow it up, block by block, to
 * the byte that bounds it. (Bottom-up requests are rare, and the bottom
 * hint serves the repeated ones.)
 * Only requests smaller than a block teach the bounds, aligned or not:
 * the bound counts free pages, not fits, so a failed search of any
 * alignment has seen every run ending in the block; a request that needs
 * whole blocks reads the "entirely free" bits instead and never the runs
 * of a partial block, so it has nothing to teach.
 * Two hints remember how far the top and the bottom of the map are known
 * to be full, which makes repeated small allocations O(1).
 */

#include "bootmem_internal.h"

/* The block of bit @bit, and the first bit of block @blk. */
static inline u64 block_of(u64 bit)
{
	return bit / BM_BLOCK_BITS;
}

static inline u64 block_start(u64 blk)
{
	return blk * BM_BLOCK_BITS;
}

/* Blocks that bits [0, @bits) touch. */
static inline u64 blocks_up_to(u64 bits)
{
	return (bits + BM_BLOCK_BITS - 1) / BM_BLOCK_BITS;
}

/* The group of block @blk: its bounds share a byte of run_max. */
static inline u64 group_of(u64 blk)
{
	return blk / BM_GROUP_BLOCKS;
}

static inline u64 min_u64(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline u64 max_u64(u64 a, u64 b)
{
	return a > b ? a : b;
}

static inline bool test_bit64(const u64 *a, u64 i)
{
	return (a[i / 64] >> (i % 64)) & 1;
}

static inline void set_bit64(u64 *a, u64 i)
{
	a[i / 64] |= 1ULL << (i % 64);
}

static inline void clear_bit64(u64 *a, u64 i)
{
	a[i / 64] &= ~(1ULL << (i % 64));
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

static inline bool block_empty(const struct bm_bitmap *map, u64 blk)
{
	return test_bit64(map->blk_empty, blk);
}

static inline bool block_full(const struct bm_bitmap *map, u64 blk)
{
	return !test_bit64(map->blk_free, blk);
}

/* Makes block @blk empty (@empty) or full, by its summary bits alone. */
static void set_block_uniform(struct bm_bitmap *map, u64 blk, bool empty)
{
	if (empty) {
		set_bit64(map->blk_free, blk);
		set_bit64(map->blk_empty, blk);
		map->run_max[group_of(blk)] = BM_RUN_ANY;
	} else {
		clear_bit64(map->blk_free, blk);
		clear_bit64(map->blk_empty, blk);
	}
}

/* Whether every word of block @blk equals @value (0 or ~0). */
static bool words_are(const struct bm_bitmap *map, u64 blk, u64 value)
{
	const u64 *w = map->words + blk * BM_BLOCK_WORDS;
	int i;

	for (i = 0; i < BM_BLOCK_WORDS; i++)
		if (w[i] != value)
			return false;

	return true;
}

/*
 * Marks pages [lo, hi) of block @blk, not the whole block, used or free.
 * An empty or full block first gets the words and the bound its summary
 * stands for; a block whose words end up all one way becomes uniform again.
 */
static void mark_in_block(struct bm_bitmap *map, u64 blk, u64 lo, u64 hi,
			  bool used)
{
	u64 *w = map->words + blk * BM_BLOCK_WORDS;
	bool empty = block_empty(map, blk);
	int i;

	if (used ? block_full(map, blk) : empty)
		return;
	if (empty || block_full(map, blk)) {
		for (i = 0; i < BM_BLOCK_WORDS; i++)
			w[i] = empty ? 0 : ~0ULL;
		map->run_end[blk] = empty ? BM_RUN_ANY : 0;
		set_bit64(map->blk_free, blk);
		clear_bit64(map->blk_empty, blk);
	}
	assign_bits(map->words, lo, hi, used);
	/* Only a word that came out all one way can make the block so. */
	if (map->words[lo / 64] == (used ? ~0ULL : 0) &&
	    words_are(map, blk, used ? ~0ULL : 0))
		set_block_uniform(map, blk, !used);
}

/* Marks bits [lo, hi) used or free: whole blocks by their summaries. */
static void mark_bits(struct bm_bitmap *map, u64 lo, u64 hi, bool used)
{
	u64 first = block_of(lo), last = block_of(hi - 1), bits, *w;

	/* Within one word of a partial block that stays partial: the word. */
	if (lo / 64 == (hi - 1) / 64 && bm_block_partial(map, first)) {
		w = map->words + lo / 64;
		bits = (~0ULL >> (63 - (hi - 1) % 64)) & (~0ULL << (lo % 64));
		*w = used ? *w | bits : *w & ~bits;
		if (*w != (used ? ~0ULL : 0))
			return;
	}
	if (first == last) {
		if (lo % BM_BLOCK_BITS || hi - lo < BM_BLOCK_BITS)
			mark_in_block(map, first, lo, hi, used);
		else
			set_block_uniform(map, first, !used);
		return;
	}
	if (lo % BM_BLOCK_BITS) {
		mark_in_block(map, first, lo, block_start(first + 1), used);
		first++;
	}
	if (hi % BM_BLOCK_BITS)
		mark_in_block(map, last, block_start(last), hi, used);
	else
		last++;
	if (first < last) {
		assign_bits(map->blk_free, first, last, !used);
		assign_bits(map->blk_empty, first, last, !used);
		if (!used)
			memset(map->run_max + group_of(first), BM_RUN_ANY,
			       group_of(last - 1) - group_of(first) + 1);
	}
}

/* Summary words of @nblocks blocks; also the number of groups. */
static u64 summary_words(u64 nblocks)
{
	return (nblocks + 63) / 64;
}

static u64 round8(u64 bytes)
{
	return (bytes + 7) & ~7ULL;
}

/**
 * bm_map_bytes() - memory a bitmap of @nbits pages needs, summaries included
 * @nbits:	pages present
 *
 * Return: bytes
 */
u64 bm_map_bytes(u64 nbits)
{
	u64 nblocks = blocks_up_to(nbits);

	return (nblocks * BM_BLOCK_WORDS + 2 * summary_words(nblocks)) * 8 +
	       round8(nblocks) + round8(summary_words(nblocks));
}

/**
 * bm_map_init() - lay out an all-free bitmap in @mem
 * @map:	bitmap to initialise
 * @mem:	bm_map_bytes(@nbits) bytes; only the summaries (two bits per
 *		block, a byte per group) and the last block are written, the
 *		rest may hold anything
 * @nbits:	pages present
 */
void bm_map_init(struct bm_bitmap *map, u64 *mem, u64 nbits)
{
	u64 nblocks = blocks_up_to(nbits);
	u64 sw = summary_words(nblocks);

	map->words = mem;
	map->blk_free = mem + nblocks * BM_BLOCK_WORDS;
	map->blk_empty = map->blk_free + sw;
	map->run_end = (u8 *)(map->blk_empty + sw);
	map->run_max = map->run_end + round8(nblocks);
	map->nbits = nbits;
	map->top = block_start(nblocks);
	map->bottom = 0;
	bm_hint_drop(&map->hint);
	/* Summary bits past the last block say "full": never searched. */
	memset(map->blk_free, 0, 2 * sw * 8);
	memset(map->run_max, BM_RUN_ANY, sw);
	assign_bits(map->blk_free, 0, nblocks, true);
	assign_bits(map->blk_empty, 0, nblocks, true);
	/* Padding past the last page must never look free. */
	if (nbits < block_start(nblocks))
		bm_set(map, nbits, block_start(nblocks));
}

/**
 * bm_set() - mark bits [lo, hi) in use
 * @map:	bitmap
 * @lo:		first bit
 * @hi:		one past the last bit, > @lo
 *
 * Bounds stay true: marking pages used only shortens free runs.
 */
void bm_set(struct bm_bitmap *map, u64 lo, u64 hi)
{
	mark_bits(map, lo, hi, true);
	if (lo < map->top && hi >= map->top)
		map->top = lo;
	if (hi > map->bottom && lo <= map->bottom)
		map->bottom = hi;
}

/**
 * bm_test() - whether a bit is in use
 * @map:	bitmap
 * @bit:	the bit
 *
 * Return: true if in use
 */
bool bm_test(const struct bm_bitmap *map, u64 bit)
{
	u64 blk = block_of(bit);

	if (!bm_block_partial(map, blk))
		return block_full(map, blk);

	return test_bit64(map->words, bit);
}

/*
 * The summary that tells which blocks a search for a free (@used false) or
 * a used bit may skip: full blocks, or empty ones. A block is worth
 * reading when its bit there differs from skip_bg().
 */
static const u64 *skip_map(const struct bm_bitmap *map, bool used)
{
	return used ? map->blk_empty : map->blk_free;
}

static u64 skip_bg(bool used)
{
	return used ? ~0ULL : 0;
}

/*
 * Whether block @blk is all of the kind searched for: full for a used bit,
 * empty for a free one (its words are not kept then).
 */
static bool block_all(const struct bm_bitmap *map, u64 blk, bool used)
{
	return used ? block_full(map, blk) : block_empty(map, blk);
}

/* Lowest bit in [lo, hi) that is used (@used) or free, else @hi. */
static inline u64 next_bit(const struct bm_bitmap *map, u64 lo, u64 hi,
			   bool used)
{
	const u64 *skip = skip_map(map, used);

	while (lo < hi) {
		u64 blk = block_of(lo);
		u64 end;

		if (test_bit64(skip, blk) == used) {
			blk = scan_next(skip, blk, blocks_up_to(hi),
					skip_bg(used));
			if (block_start(blk) >= hi)
				return hi;
			lo = block_start(blk);
		}
		if (block_all(map, blk, used))
			return lo;
		end = min_u64(hi, block_start(blk + 1));
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
		u64 blk = block_of(hi - 1);
		u64 start, end;

		if (test_bit64(skip, blk) == used) {
			blk = scan_prev_end(skip, block_of(lo), blk,
					    skip_bg(used));
			if (block_start(blk) <= lo)
				return lo;
			hi = block_start(blk--);
		}
		if (block_all(map, blk, used))
			return hi;
		start = max_u64(block_start(blk), lo);
		end = scan_prev_end(map->words, start, hi, used ? 0 : ~0ULL);
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

/* One past the highest bit in use in [lo, hi), else @lo. */
static u64 prev_used_end(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return prev_bit_end(map, lo, hi, true);
}

/**
 * bm_free_end_below() - one past the highest free bit in [lo, hi)
 * @map:	bitmap
 * @lo:		first bit to look at
 * @hi:		end of the search
 *
 * Return: that, or @lo if every bit is in use
 */
u64 bm_free_end_below(const struct bm_bitmap *map, u64 lo, u64 hi)
{
	return prev_free_end(map, lo, hi);
}

/* Raises the bound of block @blk, if partial, to @len (capped). */
static void raise_bound(struct bm_bitmap *map, u64 blk, u64 len)
{
	if (!bm_block_partial(map, blk))
		return;
	len = min_u64(len, BM_RUN_ANY);
	if (map->run_end[blk] < len)
		map->run_end[blk] = len;
	if (map->run_max[group_of(blk)] < len)
		map->run_max[group_of(blk)] = len;
}

/**
 * bm_clear() - mark bits [lo, hi) free
 * @map:	bitmap
 * @lo:		first bit
 * @hi:		one past the last bit, > @lo
 */
void bm_clear(struct bm_bitmap *map, u64 lo, u64 hi)
{
	u64 s, e, end_blk;

	mark_bits(map, lo, hi, false);
	bm_hint_drop(&map->hint);
	/*
	 * The freed pages join one free run [s, e). The runs that grew are
	 * the parts of it that end in lo's block or in e - 1's: blocks in
	 * between lie wholly inside it, so are empty, and runs ending below
	 * lo's block are as they were. Bounds only matter up to
	 * BM_RUN_ANY, so the run is looked for no further.
	 */
	s = prev_used_end(map, lo > BM_RUN_ANY ? lo - BM_RUN_ANY : 0, lo);
	e = bm_next_used(map, hi, min_u64(block_start(bm_map_blocks(map)),
					  hi + BM_RUN_ANY));
	end_blk = block_of(e - 1);
	raise_bound(map, block_of(lo),
		    min_u64(e, block_start(block_of(lo) + 1)) - s);
	if (end_blk != block_of(lo))
		raise_bound(map, end_blk, e - s);
	if (hi > map->top)
		map->top = hi;
	if (lo < map->bottom)
		map->bottom = lo;
}

/*
 * Whole blocks that any run of @len pages starting at a bit s with
 * (s + @off) & @mask == 0 covers. An alignment of a block or more fixes
 * where in its block the run starts.
 */
static u64 whole_blocks(u64 len, u64 mask, u64 off)
{
	u64 start = 1, first, end;

	if (mask >= BM_BLOCK_BITS - 1)
		start = -off % BM_BLOCK_BITS;
	/* Otherwise the worst start: just past a block boundary. */
	first = blocks_up_to(start);
	end = block_of(start + len);

	return end > first ? end - first : 0;
}

/* Bit i of the result is set where @w holds @m set bits from bit i up. */
static u64 ones_from(u64 w, u64 m)
{
	u64 have = 1, step;

	while (have < m && w) {
		step = min_u64(have, m - have);
		w &= w >> step;
		have += step;
	}

	return w;
}

/* Word @i of @a, its bits outside [lo, hi) cleared. */
static u64 word_within(const u64 *a, u64 i, u64 lo, u64 hi)
{
	u64 w = a[i];

	if (i == lo / 64)
		w &= ~0ULL << (lo % 64);
	if (hi - i * 64 < 64)
		w &= ~(~0ULL << (hi - i * 64));

	return w;
}

/*
 * A bit inside the lowest run of at least @m set bits of @a within [lo, hi),
 * read a word at a time: a run reaches its length inside a word, or across
 * the words below it. Words without a set bit are skipped as a plain scan
 * does. Returns BM_NOT_FOUND if there is none.
 */
static u64 long_ones_up(const u64 *a, u64 lo, u64 hi, u64 m)
{
	u64 i, w, carry = 0, t, next;

	for (i = lo / 64; i * 64 < hi; i++) {
		w = word_within(a, i, lo, hi);
		if (!w) {
			carry = 0;
			next = scan_next(a, i * 64 + 64, hi, 0);
			if (next >= hi)
				break;
			i = next / 64 - 1;
			continue;
		}
		if (w == ~0ULL) {
			carry += 64;
			if (carry >= m)
				return i * 64;
			continue;
		}
		/* The ones at the bottom of w end the run from below. */
		if (carry && carry + __builtin_ctzll(~w) >= m)
			return i * 64 - 1;
		t = m <= 64 ? ones_from(w, m) : 0;
		if (t)
			return i * 64 + __builtin_ctzll(t);
		carry = __builtin_clzll(~w);
	}

	return BM_NOT_FOUND;
}

/* The same, for the highest such run. */
static u64 long_ones_down(const u64 *a, u64 lo, u64 hi, u64 m)
{
	u64 i, w, carry = 0, t, next;

	for (i = (hi - 1) / 64 + 1; i-- > lo / 64;) {
		w = word_within(a, i, lo, hi);
		if (!w) {
			carry = 0;
			next = scan_prev_end(a, lo, i * 64, 0);
			if (next <= lo)
				break;
			i = (next + 63) / 64;
			continue;
		}
		if (w == ~0ULL) {
			carry += 64;
			if (carry >= m)
				return i * 64 + 63;
			continue;
		}
		/* The ones at the top of w start the run from above. */
		if (carry && carry + __builtin_clzll(~w) >= m)
			return i * 64 + 64;
		t = m <= 64 ? ones_from(w, m) : 0;
		if (t)
			return i * 64 + 63 - __builtin_clzll(t);
		carry = __builtin_ctzll(~w);
	}

	return BM_NOT_FOUND;
}

/*
 * A bit of a word of @a that is all ones and lies within [lo, hi), the
 * lowest (highest when @down) such word, or BM_NOT_FOUND. A run of 127 or
 * more set bits always holds one: for such runs, nothing else need be read.
 */
static u64 full_word(const u64 *a, u64 lo, u64 hi, bool down)
{
	u64 first = (lo + 63) / 64, end = hi / 64, i;

	if (down) {
		for (i = end; i-- > first;)
			if (a[i] == ~0ULL)
				return i * 64;
	} else {
		for (i = first; i < end; i++)
			if (a[i] == ~0ULL)
				return i * 64;
	}

	return BM_NOT_FOUND;
}

/*
 * The aligned run of @len pages in the free run around the empty blocks
 * [b0, b1), cut to [lo, hi): the pages it extends by on either side are
 * read in the blocks next to them. Returns BM_NOT_FOUND if it does not fit.
 */
static u64 fit_around(const struct bm_bitmap *map, u64 b0, u64 b1, u64 lo,
		      u64 hi, u64 len, u64 mask, u64 off, bool top_down)
{
	u64 below = block_start(b0 - min_u64(b0, 1));
	u64 s = prev_used_end(map, max_u64(lo, below), block_start(b0));
	u64 e = bm_next_used(map, block_start(b1),
			     min_u64(hi, block_start(b1 + 1)));
	u64 at;

	s = max_u64(s, lo);
	e = min_u64(e, hi);
	if (e - s < len)
		return BM_NOT_FOUND;
	if (top_down) {
		at = e - len - ((e - len + off) & mask);
		return at >= s && at <= e - len ? at : BM_NOT_FOUND;
	}
	at = s + (-(s + off) & mask);

	return at >= s && at <= e - len ? at : BM_NOT_FOUND;
}

/*
 * A run of @len pages that covers at least @m >= 1 whole blocks: those
 * blocks are entirely free, so only runs of @m or more "entirely free" bits
 * are candidates, found a word at a time, and each is then extended into
 * the partial blocks beside it. Candidates are tried highest (lowest)
 * first, and a fit is the highest (lowest) in its free run; free runs
 * around different candidates never overlap, so the first fit is the
 * highest (lowest) in [lo, hi).
 */
static u64 find_large(const struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		      u64 mask, u64 off, u64 m, bool top_down)
{
	u64 first = blocks_up_to(lo), last = block_of(hi), at, p, b0, b1;
	const u64 *empty = map->blk_empty;

	while (first < last && last - first >= m) {
		if (m >= 127)
			p = full_word(empty, first, last, top_down);
		else
			p = top_down ? long_ones_down(empty, first, last, m) :
				       long_ones_up(empty, first, last, m);
		if (p == BM_NOT_FOUND)
			return BM_NOT_FOUND;
		b0 = scan_prev_end(empty, first, p, ~0ULL);
		b1 = scan_next(empty, p, last, ~0ULL);
		at = fit_around(map, b0, b1, lo, hi, len, mask, off, top_down);
		if (at != BM_NOT_FOUND)
			return at;
		if (top_down)
			last = b0;
		else
			first = b1;
	}

	return BM_NOT_FOUND;
}

/* Lowest aligned run of @len free pages, page by page (no whole block). */
static u64 find_up(const struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		   u64 mask, u64 off)
{
	u64 s = lo, used;

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
	}
}

/*
 * Blocks of group @g (one summary word) that may hold a free run of @len
 * pages ending in them: the empty ones, and the partial ones whose bound
 * is @len or more, compared eight bytes at a time; for a @len past what
 * bounds tell, every block with a free page.
 */
static u64 group_candidates(const struct bm_bitmap *map, u64 g, u64 len)
{
	const u64 ones = 0x0101010101010101ULL, high = ones << 7;
	u64 empty = map->blk_empty[g], partial = map->blk_free[g] & ~empty;
	u64 want = len * ones, fit = 0, x, t, ge;
	int k;

	if (len >= BM_RUN_ANY)
		return map->blk_free[g];
	for (k = 0; k < 8; k++) {
		if (!(partial >> (8 * k) & 0xff))
			continue;
		memcpy(&x, map->run_end + g * BM_GROUP_BLOCKS + 8 * k,
		       sizeof(x));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		x = __builtin_bswap64(x);
#endif
		/* Each byte's top bit: bound >= len, without borrows. */
		t = (x | high) - (want & ~high);
		ge = ((x & ~want) | ((x | ~want) & t)) & high;
		/* The eight top bits, gathered into one byte. */
		fit |= ((ge >> 7) * 0x0102040810204080ULL >> 56) << (8 * k);
	}

	return empty | (partial & fit);
}

/* A search has seen every free run ending in @blk: bound it exactly. */
static void set_bound_seen(struct bm_bitmap *map, u64 blk, u64 longest)
{
	if (!block_empty(map, blk))
		map->run_end[blk] = min_u64(longest, BM_RUN_ANY);
}

/* What fit_in_block() found besides a fit. */
#define BM_NONE_HERE	BM_NOT_FOUND
#define BM_DONE		(BM_NOT_FOUND - 1)

/*
 * The highest aligned run of @len free pages among the free runs that end
 * in block @blk below @e (such a run may start in the blocks below), and
 * in *@longest the length of the longest of those runs. Runs are found in
 * the block's words, a word at a time. Returns BM_NONE_HERE once every
 * run ending in the block is seen, or BM_DONE if the search reached @lo.
 */
static u64 fit_in_block(const struct bm_bitmap *map, u64 blk, u64 lo, u64 e,
			u64 len, u64 mask, u64 off, u64 *longest)
{
	u64 base = block_start(blk), pos = e, end, start, at, floor;
	bool empty = block_empty(map, blk);

	*longest = 0;
	while (pos > max_u64(base, lo)) {
		end = empty ? pos : scan_prev_end(map->words, base, pos, ~0ULL);
		if (end <= max_u64(base, lo))
			break;
		start = empty ? base : scan_prev_end(map->words, base, end, 0);
		if (start == base) {
			/* The run goes on below: far enough to fit or bound. */
			floor = end - min_u64(end, len + mask + BM_RUN_ANY);
			start = prev_used_end(map, max_u64(floor, lo), base);
		}
		start = max_u64(start, lo);
		*longest = max_u64(*longest, end - start);
		at = end - len - ((end - len + off) & mask);
		if (end - start >= len && at >= start && at <= end - len)
			return at;
		if (start <= lo)
			return BM_DONE;
		pos = start - 1;
	}

	return lo > base ? BM_DONE : BM_NONE_HERE;
}

/*
 * Highest aligned run of @len free pages, block by block from the top
 * down. Only the blocks that may hold one are searched: for a small
 * request, the groups and blocks whose bound is at least @len. A group
 * that has none gets a bound below @len. A block is searched run by run,
 * and once it has failed, the longest run that ends in it is its bound --
 * exactly, counting the part below the block's end of a run that goes on
 * above it.
 */
static u64 find_down(struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		     u64 mask, u64 off)
{
	bool small = len < BM_RUN_ANY;
	u64 e = hi, blk, g, cand, at, longest;

	while (e > lo) {
		blk = block_of(e - 1);
		g = group_of(blk);
		if (small && map->run_max[g] < len) {
			e = block_start(g * BM_GROUP_BLOCKS);
			continue;
		}
		cand = group_candidates(map, g, len);
		if (small && !cand)
			map->run_max[g] = len - 1;
		cand &= ~0ULL >> (BM_GROUP_BLOCKS - 1 - blk % BM_GROUP_BLOCKS);
		if (!cand) {
			e = block_start(g * BM_GROUP_BLOCKS);
			continue;
		}
		blk = g * BM_GROUP_BLOCKS + 63 - __builtin_clzll(cand);
		e = min_u64(e, block_start(blk + 1));
		at = fit_in_block(map, blk, lo, e, len, mask, off, &longest);
		if (at == BM_DONE)
			return BM_NOT_FOUND;
		if (at != BM_NONE_HERE)
			return at;
		/* Seen from its top, the block's bound is exact now. */
		if (e == block_start(blk + 1))
			set_bound_seen(map, blk, longest);
		e = block_start(blk);
	}

	return BM_NOT_FOUND;
}

/**
 * bm_small_run_below() - the highest run of @len free bits in one word
 * @map:	bitmap
 * @lo:		first bit the run may use
 * @end:	one past the highest free bit the caller knows of: the run
 *		ends at or below it
 * @len:	run length, 1 to 64
 *
 * Only the word of bit @end - 1 is read, from @lo up: a run found there
 * starts above every run that starts below the word, so it is the highest
 * in [@lo, @end) -- a run that crosses into the word from below is left
 * to the general search.
 *
 * Return: the first bit of the run, or BM_NOT_FOUND if the word has none
 */
u64 bm_small_run_below(const struct bm_bitmap *map, u64 lo, u64 end, u64 len)
{
	u64 i = (end - 1) / 64, base = i * 64, free, runs;

	free = block_empty(map, block_of(end - 1)) ? ~0ULL : ~map->words[i];
	free &= ~0ULL >> (63 - (end - 1) % 64);
	if (lo > base)
		free &= ~0ULL << (lo - base);
	runs = ones_from(free, len);
	if (!runs)
		return BM_NOT_FOUND;

	return base + 63 - __builtin_clzll(runs);
}

/**
 * bm_take_in_word() - take the highest run of @len free bits in one word
 * @map:	bitmap
 * @lo:		first bit the run may use
 * @end:	every bit from @end up (to the end of the caller's range) is
 *		in use
 * @len:	run length, 1 to 64
 *
 * The cheapest case of a top-down search, for the fast path: only the
 * word of bit @end - 1 is read, and only if its block is partial; the run
 * is bm_small_run_below()'s. A run that fills the word is marked through
 * bm_set(), since its block may fill up and the summaries must learn it.
 *
 * Return: the first bit of the run, now in use; BM_NOT_FOUND with nothing
 * changed if this word cannot tell
 */
u64 bm_take_in_word(struct bm_bitmap *map, u64 lo, u64 end, u64 len)
{
	u64 i = (end - 1) / 64, blk = block_of(end - 1), bit, bits;

	if (!bm_block_partial(map, blk))
		return BM_NOT_FOUND;
	bit = bm_small_run_below(map, lo, end, len);
	if (bit == BM_NOT_FOUND)
		return BM_NOT_FOUND;
	bits = (~0ULL >> (64 - len)) << (bit - i * 64);
	if ((map->words[i] | bits) == ~0ULL)
		bm_set(map, bit, bit + len);
	else
		map->words[i] |= bits;

	return bit;
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
	u64 m;

	if (top_down)
		hi = min_u64(hi, map->top);
	else if (lo < map->bottom)
		lo = map->bottom;
	if (hi <= lo || hi - lo < len)
		return BM_NOT_FOUND;

	/* A single page: the highest (lowest) free one, by the summaries. */
	if (len == 1 && align == 1) {
		if (!top_down)
			return find_up(map, lo, hi, 1, 0, 0);
		hi = prev_free_end(map, lo, hi);
		return hi > lo ? hi - 1 : BM_NOT_FOUND;
	}
	m = whole_blocks(len, align - 1, pfn_of_bit0);
	if (m)
		return find_large(map, lo, hi, len, align - 1, pfn_of_bit0, m,
				  top_down);
	if (top_down)
		return find_down(map, lo, hi, len, align - 1, pfn_of_bit0);

	return find_up(map, lo, hi, len, align - 1, pfn_of_bit0);
}
