/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The bitmap (bitmap.c): one bit per present page, its summaries and its
 * searches. It knows bits, not pages, nodes or owners, so it has a header
 * of its own, which its unit test includes (bootmem_internal.h, with the
 * library's state, is for lib/bootmem alone).
 */

#ifndef __BOOTMEM_BITMAP_H
#define __BOOTMEM_BITMAP_H

#include <bootmem.h>

#define BM_WORD_BITS		64
/* Summary granule: 8 words = 512 pages = 2 MiB, the common large alignment. */
#define BM_BLOCK_WORDS		8
#define BM_BLOCK_BITS		(BM_WORD_BITS * BM_BLOCK_WORDS)
/* Bounds of a group of blocks: one summary word of blocks. */
#define BM_GROUP_BLOCKS		64
#define BM_NOT_FOUND		(~(u64)0)
#define BM_RUN_ANY		255

/* No hint: struct bm_top_hint's @nid when nothing is known. */
#define BM_HINT_NONE		(-2)

/**
 * struct bm_top_hint - where the fast path (fast.c) looks next
 * @nid:	the node whose highest span it is for (NUMA_NO_NODE: the
 *		highest span of any RAM), BM_HINT_NONE if none -- which any
 *		free makes it, as it may free bits at or above @end
 * @lo:		first bit of the span
 * @end:	every bit of the span at or above @end is in use
 * @pfn_of_bit0: the page frame number bit 0 has in this span
 *
 * A hint with @end at or below @lo serves nothing, whatever its @nid:
 * so it is when it names no node (bm_hint_drop()), and before the bitmap
 * exists, when the whole state is zero. The fast path's inline step
 * relies on it instead of checking the node id and the state.
 */
struct bm_top_hint {
	int nid;
	u64 lo;
	u64 end;
	u64 pfn_of_bit0;
};

/**
 * struct bm_bitmap - one bit per present page, 1 = in use
 * @words:	the bitmap, kept for partial blocks only (see bitmap.c); bits
 *		past @nbits are in use
 * @blk_free:	one bit per block of BM_BLOCK_BITS pages: has a free page
 * @blk_empty:	one bit per block: every page is free
 * @run_end:	one byte per partial block: no free run longer than this
 *		ends in the block (BM_RUN_ANY: no bound below it known)
 * @run_max:	one byte per BM_GROUP_BLOCKS blocks: no block of the group
 *		has a bound above this (an empty block counts BM_RUN_ANY)
 * @nbits:	pages present; the bitmap has bm_map_blocks() blocks
 * @top:	every bit at or above @top is in use (search hint)
 * @bottom:	every bit below @bottom is in use (search hint)
 * @pfn:	where the bitmap itself lives (bm_map_bytes() of @nbits)
 * @hint:	the fast path's hint
 */
struct bm_bitmap {
	u64 *words;
	u64 *blk_free;
	u64 *blk_empty;
	u8 *run_end;
	u8 *run_max;
	u64 nbits;
	u64 top;
	u64 bottom;
	u64 pfn;
	struct bm_top_hint hint;
};

/* Blocks of the bitmap: its pages rounded up to whole blocks. */
static inline u64 bm_map_blocks(const struct bm_bitmap *map)
{
	return (map->nbits + BM_BLOCK_BITS - 1) / BM_BLOCK_BITS;
}

/*
 * Whether block @blk is partial: it has a free page and is not entirely
 * free, so its words and bound are kept (see bitmap.c).
 */
static inline bool bm_block_partial(const struct bm_bitmap *map, u64 blk)
{
	return (map->blk_free[blk / 64] & ~map->blk_empty[blk / 64]) >>
	       (blk % 64) & 1;
}

/* Forget what the hint knows: it names no node and serves nothing. */
static inline void bm_hint_drop(struct bm_top_hint *h)
{
	h->nid = BM_HINT_NONE;
	h->lo = 0;
	h->end = 0;
}

void bm_map_init(struct bm_bitmap *map, u64 *mem, u64 nbits);
u64 bm_map_bytes(u64 nbits);
void bm_set(struct bm_bitmap *map, u64 lo, u64 hi);
void bm_clear(struct bm_bitmap *map, u64 lo, u64 hi);
bool bm_test(const struct bm_bitmap *map, u64 bit);
u64 bm_next_free(const struct bm_bitmap *map, u64 lo, u64 hi);
u64 bm_next_used(const struct bm_bitmap *map, u64 lo, u64 hi);
u64 bm_free_end_below(const struct bm_bitmap *map, u64 lo, u64 hi);
u64 bm_take_in_word(struct bm_bitmap *map, u64 lo, u64 end, u64 len);
u64 bm_small_run_below(const struct bm_bitmap *map, u64 lo, u64 end,
		       u64 len);
u64 bm_find_run(struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		u64 align, u64 pfn_of_bit0, bool top_down);

/**
 * bm_take_top_bit() - take the highest free bit below @end, if its word
 *		       has one
 * @map:	bitmap
 * @lo:		first bit that may be taken
 * @end:	every bit from @end up (to the end of the caller's range) is
 *		in use
 * @bitp:	set to the bit taken
 *
 * bm_take_in_word() for a single page, which is what the fast path serves
 * nearly always: one word is read and written, and only when its block is
 * partial (has a free page, not entirely free) and the word does not fill
 * up, so that no summary changes. Inline, for bootmem_alloc()'s fast path.
 *
 * Return: true if the bit was taken; false with nothing changed if this
 * word cannot tell, or taking the bit would fill it
 */
static inline bool bm_take_top_bit(struct bm_bitmap *map, u64 lo, u64 end,
				   u64 *bitp)
{
	u64 i = (end - 1) / 64, blk = i / BM_BLOCK_WORDS, w, free, bit;

	if (end <= lo || !bm_block_partial(map, blk))
		return false;
	w = map->words[i];
	free = ~w & (~0ULL >> (63 - (end - 1) % 64));
	if (!free)
		return false;
	bit = 63 - __builtin_clzll(free);
	w |= 1ULL << bit;
	bit += i * 64;
	if (bit < lo || w == ~0ULL)
		return false;
	map->words[i] = w;
	*bitp = bit;

	return true;
}

#endif /* __BOOTMEM_BITMAP_H */
