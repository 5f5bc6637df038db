// SPDX-License-Identifier: GPL-2.0+
/*
 * The bitmap on its own (lib/bootmem/bitmap.c), against a byte per page:
 * set-up writes only the summaries, and bootmem_enable() a few blocks of
 * words; a block never written reads as free and is written when first
 * used; random marking and every search agree
 * with the reference bit for bit; large requests found through the
 * "entirely free" summary in maps fragmented at 2 MiB (every other block,
 * every third, a random half), aligned or not, top-down and bottom-up, at
 * the edges of the range searched and across 4 GiB.
 *
 * And the fast path (lib/bootmem/fast.c) through the public API: a
 * stream of small allocations and frees gives the same answers with it
 * on and off.
 *
 * The bitmap's memory starts out as garbage (POISON), as RAM does.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>
#include "bitmap.h"
#include "host_port.h"

#define BB		BM_BLOCK_BITS
#define POISON		0xa5
#define NOT_FOUND	BM_NOT_FOUND

/**
 * struct fixture - a bitmap and its reference
 * @map:	the bitmap under test
 * @mem:	its memory, bm_map_bytes() of it
 * @ref:	one byte per bit, 1 = in use
 * @next_used:	for each bit, the first bit at or above it in use (or nbits)
 * @nbits:	bits
 */
struct fixture {
	struct bm_bitmap map;
	u64 *mem;
	u8 *ref;
	u64 *next_used;
	u64 nbits;
};

static struct fixture fx;

static phys_addr_t pages_bytes(u64 pages)
{
	return (phys_addr_t)pages << BOOTMEM_PAGE_SHIFT;
}

static u64 rnd_state;

static u64 rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dULL;
}

static void refresh_next_used(void)
{
	u64 i;

	fx.next_used[fx.nbits] = fx.nbits;
	for (i = fx.nbits; i-- > 0;)
		fx.next_used[i] = fx.ref[i] ? i : fx.next_used[i + 1];
}

static void fixture_init(u64 nbits)
{
	u64 bytes = bm_map_bytes(nbits);

	fx.nbits = nbits;
	fx.mem = malloc(bytes);
	fx.ref = calloc(nbits, 1);
	fx.next_used = malloc((nbits + 1) * sizeof(u64));
	assert_non_null(fx.mem);
	assert_non_null(fx.ref);
	assert_non_null(fx.next_used);
	memset(fx.mem, POISON, bytes);
	bm_map_init(&fx.map, fx.mem, nbits);
	refresh_next_used();
	rnd_state = 2008;
}

static int teardown(void **state)
{
	(void)state;
	free(fx.mem);
	free(fx.ref);
	free(fx.next_used);
	memset(&fx, 0, sizeof(fx));
	return 0;
}

/* Marks [lo, hi) in both. */
static void mark(u64 lo, u64 hi, bool used)
{
	if (used)
		bm_set(&fx.map, lo, hi);
	else
		bm_clear(&fx.map, lo, hi);
	memset(fx.ref + lo, used, hi - lo);
	refresh_next_used();
}

/* The reference search: every aligned start, highest or lowest first. */
static u64 ref_find(u64 lo, u64 hi, u64 len, u64 align, u64 off,
		    bool top_down)
{
	u64 s;

	if (hi < lo + len)
		return NOT_FOUND;
	if (top_down) {
		s = ((hi - len + off) & ~(align - 1)) - off;
		for (; s >= lo && s <= hi - len; s -= align)
			if (fx.next_used[s] >= s + len)
				return s;
		return NOT_FOUND;
	}
	s = ((lo + off + align - 1) & ~(align - 1)) - off;
	for (; s <= hi - len && s >= lo; s += align)
		if (fx.next_used[s] >= s + len)
			return s;

	return NOT_FOUND;
}

static void check_find(u64 lo, u64 hi, u64 len, u64 align, u64 off,
		       bool top_down)
{
	u64 want = ref_find(lo, hi, len, align, off, top_down);
	u64 got = bm_find_run(&fx.map, lo, hi, len, align, off, top_down);

	if (got != want)
		fail_msg("find [%llu, %llu) len %llu align %llu off %llu %s: bitmap %lld, reference %lld",
			 (unsigned long long)lo, (unsigned long long)hi,
			 (unsigned long long)len, (unsigned long long)align,
			 (unsigned long long)off, top_down ? "down" : "up",
			 (long long)got, (long long)want);
}

static void check_bits(void)
{
	u64 i;

	for (i = 0; i < fx.nbits; i++)
		if (bm_test(&fx.map, i) != fx.ref[i])
			fail_msg("bit %llu: bitmap %d, reference %d",
				 (unsigned long long)i, bm_test(&fx.map, i),
				 fx.ref[i]);
}

/*
 * The bounds hold: a partial block's is at least the longest run of free
 * pages whose last page is in it (capped), a group's at least its blocks',
 * and a group with an empty block has no bound below BM_RUN_ANY.
 */
static void check_bounds(void)
{
	u64 blk, i, run = 0, longest;
	bool empty, partial;

	for (blk = 0; blk < bm_map_blocks(&fx.map); blk++) {
		longest = 0;
		for (i = blk * BB; i < (blk + 1) * BB; i++) {
			run = i < fx.nbits && !fx.ref[i] ? run + 1 : 0;
			longest = run > longest ? run : longest;
		}
		longest = longest < BM_RUN_ANY ? longest : BM_RUN_ANY;
		empty = (fx.map.blk_empty[blk / 64] >> (blk % 64)) & 1;
		partial = !empty && (fx.map.blk_free[blk / 64] >> (blk % 64)) & 1;
		if (empty && fx.map.run_max[blk / BM_GROUP_BLOCKS] != BM_RUN_ANY)
			fail_msg("group of empty block %llu bound %u",
				 (unsigned long long)blk,
				 fx.map.run_max[blk / BM_GROUP_BLOCKS]);
		if (partial && (fx.map.run_end[blk] < longest ||
				fx.map.run_max[blk / BM_GROUP_BLOCKS] <
				fx.map.run_end[blk]))
			fail_msg("block %llu bound %u (group %u), longest run %llu",
				 (unsigned long long)blk, fx.map.run_end[blk],
				 fx.map.run_max[blk / BM_GROUP_BLOCKS],
				 (unsigned long long)longest);
	}
}

/* Bytes of the words that no longer hold the poison they started with. */
static u64 words_written(u64 first_blk, u64 last_blk)
{
	const u8 *p = (const u8 *)(fx.mem + first_blk * BM_BLOCK_WORDS);
	const u8 *end = (const u8 *)(fx.mem + last_blk * BM_BLOCK_WORDS);
	u64 n = 0;

	for (; p < end; p++)
		n += *p != POISON;

	return n;
}

/*
 * Set-up writes the summaries and the last block, whose padding past the
 * last page is in use: no other word, and no bound.
 */
static void set_up_writes_only_summaries(void **state)
{
	u64 nblocks, blk;

	(void)state;
	fixture_init(64 * BB * 64 - 100);
	nblocks = bm_map_blocks(&fx.map);
	assert_int_equal(words_written(0, nblocks - 1), 0);
	for (blk = 0; blk < nblocks - 1; blk++)
		assert_int_equal(fx.map.run_end[blk], POISON);
	check_bits();
}

static void unwritten_blocks_read_free(void **state)
{
	(void)state;
	fixture_init(16 * BB);
	assert_false(bm_test(&fx.map, 0));
	assert_false(bm_test(&fx.map, 5 * BB + 77));
	assert_int_equal(bm_next_used(&fx.map, 0, fx.nbits), fx.nbits);
	assert_int_equal(bm_next_free(&fx.map, 3 * BB + 5, fx.nbits),
			 3 * BB + 5);
	assert_int_equal(bm_find_run(&fx.map, 0, fx.nbits, 3, 1, 0, true),
			 fx.nbits - 3);
	assert_int_equal(bm_find_run(&fx.map, 0, fx.nbits, 3, 1, 0, false), 0);
}

static void first_use_writes_its_block(void **state)
{
	u64 *w;
	int i;

	(void)state;
	fixture_init(16 * BB);
	mark(5 * BB + 70, 5 * BB + 71, true);
	w = fx.mem + 5 * BM_BLOCK_WORDS;
	for (i = 0; i < BM_BLOCK_WORDS; i++)
		assert_int_equal(w[i], i == 1 ? 1ULL << 6 : 0);
	assert_int_equal(words_written(0, 5), 0);
	assert_int_equal(words_written(6, 15), 0);
	/* Whole blocks in use are summaries only. */
	mark(8 * BB, 12 * BB, true);
	assert_int_equal(words_written(6, 15), 0);
	assert_true(bm_test(&fx.map, 9 * BB + 3));
	check_bits();
}

/* A block used, then freed, then used again starts from its summary. */
static void block_reused_after_full_and_empty(void **state)
{
	(void)state;
	fixture_init(8 * BB);
	mark(2 * BB, 3 * BB, true);
	mark(2 * BB + 10, 2 * BB + 20, false);
	check_bits();
	mark(2 * BB, 3 * BB, true);
	mark(2 * BB, 3 * BB, false);
	mark(2 * BB + 300, 2 * BB + 301, true);
	check_bits();
	check_find(0, fx.nbits, 300, 1, 0, true);
	check_find(0, fx.nbits, 301, 1, 0, false);
}

/* A range whose end is random around block boundaries, or anywhere. */
static void random_range(u64 *lo, u64 *hi)
{
	u64 len;

	switch (rnd() % 4) {
	case 0:
		len = 1 + rnd() % 8;
		break;
	case 1:
		len = 1 + rnd() % (2 * BB);
		break;
	case 2:
		len = BB * (1 + rnd() % 4);
		break;
	default:
		len = 1 + rnd() % (8 * BB);
	}
	*lo = rnd() % fx.nbits;
	if (rnd() % 2)
		*lo -= *lo % BB;
	if (len > fx.nbits - *lo)
		len = fx.nbits - *lo;
	*hi = *lo + len;
}

static void random_find(void)
{
	static const u64 lens[] = { 1, 2, 7, 64, 254, 255, 511, 512, 513,
				    1023, 1024, 1500, 3 * BB };
	u64 len = lens[rnd() % ARRAY_SIZE(lens)], align = 1ULL << (rnd() % 11);
	u64 lo = rnd() % fx.nbits, hi = lo + rnd() % (fx.nbits - lo + 1);
	u64 off = rnd() % 3 ? 0 : rnd() % 4096;

	if (rnd() % 3 == 0) {
		lo = 0;
		hi = fx.nbits;
	}
	check_find(lo, hi, len, align, off, rnd() % 2);
}

/*
 * Random marking, whole blocks and single pages alike, each followed by
 * searches: every bit and every answer must match the reference, and the
 * bounds searches learn must stay true.
 */
static void random_marking_matches_reference(void **state)
{
	u64 lo, hi, i, q;

	(void)state;
	fixture_init(40 * BB - 37);
	for (i = 0; i < 3000; i++) {
		random_range(&lo, &hi);
		mark(lo, hi, rnd() % 5 < 3);
		for (q = 0; q < 4; q++)
			random_find();
		lo = rnd() % fx.nbits;
		hi = lo + rnd() % (fx.nbits - lo + 1);
		assert_int_equal(bm_next_used(&fx.map, lo, hi),
				 fx.next_used[lo] < hi ? fx.next_used[lo] : hi);
		if (i % 16 == 0)
			check_bounds();
		if (i % 64 == 0)
			check_bits();
	}
	check_bits();
	check_bounds();
}

/* Blocks [0, @nblocks - @free_top) fragmented by @every (0: at random). */
static void fragment_blocks(unsigned int every, u64 free_top)
{
	u64 blk, last = bm_map_blocks(&fx.map) - free_top;

	for (blk = 0; blk < last; blk++)
		if (every ? blk % every == 0 : rnd() % 2)
			mark(blk * BB, (blk + 1) * BB, true);
	/* Partial blocks at the borders of some runs, too. */
	for (blk = 1; blk < last; blk += 7)
		if (!fx.ref[blk * BB])
			mark(blk * BB + 3, blk * BB + 4, true);
}

/* Large requests in a fragmented map, every way round. */
static void search_fragmented(unsigned int every)
{
	static const u64 lens[] = { BB, BB + 1, 2 * BB - 1, 2 * BB, 3 * BB + 7,
				    8 * BB, 64 * BB, 200 * BB };
	static const u64 aligns[] = { 1, 16, BB, 4 * BB };
	u64 offs[] = { 0, 5, BB - 5 };
	unsigned int l, a, o, d;

	fixture_init(1024 * BB);
	fragment_blocks(every, 300);
	for (l = 0; l < ARRAY_SIZE(lens); l++)
		for (a = 0; a < ARRAY_SIZE(aligns); a++)
			for (o = 0; o < ARRAY_SIZE(offs); o++)
				for (d = 0; d < 2; d++) {
					check_find(0, fx.nbits, lens[l],
						   aligns[a], offs[o], d);
					check_find(BB + 11, 900 * BB + 5,
						   lens[l], aligns[a], offs[o],
						   d);
					check_find(2 * BB, 724 * BB, lens[l],
						   aligns[a], offs[o], d);
				}
}

static void large_search_every_other_block(void **state)
{
	(void)state;
	search_fragmented(2);
}

static void large_search_every_third_block(void **state)
{
	(void)state;
	search_fragmented(3);
}

static void large_search_random_half(void **state)
{
	(void)state;
	search_fragmented(0);
}

/*
 * Every block holds a page in use but a few runs of empty blocks, around
 * summary word boundaries: the search skips words without an empty block
 * and must still find each run, from either side, in windows cut anywhere.
 */
static void large_search_between_words_without_room(void **state)
{
	static const u64 runs[][2] = { { 60, 70 }, { 1000, 1003 },
				       { 2047, 2049 }, { 4000, 4096 } };
	u64 blk, r, lo, hi;
	unsigned int i;

	(void)state;
	fixture_init(4096 * BB);
	for (blk = 0, r = 0; blk < 4096; blk++) {
		if (r < ARRAY_SIZE(runs) && blk >= runs[r][0] && blk < runs[r][1])
			continue;
		if (r < ARRAY_SIZE(runs) && blk >= runs[r][1])
			r++;
		mark(blk * BB + blk % 7, blk * BB + blk % 7 + 1, true);
	}
	for (i = 0; i < 200; i++) {
		lo = rnd() % fx.nbits;
		hi = lo + rnd() % (fx.nbits - lo + 1);
		check_find(lo, hi, BB * (1 + rnd() % 12), 1ULL << (rnd() % 11),
			   rnd() % 3 ? 0 : rnd() % BB, rnd() % 2);
	}
}

/*
 * The range starts at an odd page below 4 GiB and the only free run
 * straddles 4 GiB: aligned requests must be aligned physically.
 */
static void large_search_across_4g(void **state)
{
	u64 off = 0x100000 - 3 * BB - 17, four_g = 0x100000 - off;
	u64 align;

	(void)state;
	fixture_init(64 * BB);
	mark(0, four_g - 2 * BB - 100, true);
	mark(four_g + 2 * BB + 100, fx.nbits, true);
	for (align = 1; align <= 2 * BB; align *= 2) {
		check_find(0, fx.nbits, 2 * BB, align, off, true);
		check_find(0, fx.nbits, 2 * BB, align, off, false);
		check_find(0, fx.nbits, 4 * BB + 200, align, off, true);
		check_find(0, fx.nbits, 4 * BB + 200, align, off, false);
	}
	assert_int_equal(bm_find_run(&fx.map, 0, fx.nbits, 2 * BB, 2 * BB,
				     off, false), four_g - 2 * BB);
}

/* Runs that end exactly at the search range's edges. */
static void large_search_at_range_edges(void **state)
{
	(void)state;
	fixture_init(32 * BB);
	mark(0, 4 * BB, true);
	mark(20 * BB, 32 * BB, true);
	check_find(4 * BB, 20 * BB, 16 * BB, BB, 0, true);
	check_find(4 * BB, 20 * BB, 16 * BB, BB, 0, false);
	check_find(4 * BB + 1, 20 * BB, 16 * BB, 1, 0, true);
	check_find(4 * BB, 20 * BB - 1, 16 * BB, 1, 0, false);
	check_find(4 * BB + 1, 20 * BB - 1, 16 * BB - 2, 1, 0, true);
	check_find(4 * BB + 1, 20 * BB - 1, 16 * BB - 2, 1, 0, false);
	assert_int_equal(bm_find_run(&fx.map, 4 * BB, 20 * BB, 16 * BB, 1, 0,
				     true), 4 * BB);
}

/*
 * bootmem_enable() on 64 GiB in two nodes, with the bitmap's memory
 * poisoned beforehand: it writes the summaries, the block holding the
 * padding and the blocks at the edges of the bitmap's own reservation --
 * a few blocks of words, not 2 MiB of them.
 */
static void enable_writes_a_few_blocks(void **state)
{
	u64 pages = 64ULL << (30 - BOOTMEM_PAGE_SHIFT), map_pages, written = 0;
	phys_addr_t top = (1ULL << 30) + pages_bytes(pages), base;
	phys_size_t size;
	const u8 *p;
	u8 *mem;

	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, 1ULL << 30, pages_bytes(pages / 2)), 0);
	assert_int_equal(bootmem_add_range(1, (1ULL << 30) + pages_bytes(pages / 2),
					   pages_bytes(pages / 2)), 0);
	/* The bitmap goes at the top of the highest range: poison it there. */
	map_pages = (bm_map_bytes(pages) + (BOOTMEM_PAGE_SIZE - 1)) >> BOOTMEM_PAGE_SHIFT;
	mem = bootmem_port_map(top - pages_bytes(map_pages), pages_bytes(map_pages));
	memset(mem, POISON, pages_bytes(map_pages));
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	bootmem_map_location(&base, &size);
	assert_int_equal(base, top - pages_bytes(map_pages));
	for (p = mem; p < mem + pages / 8; p++)
		written += *p != POISON;
	assert_true(written <= 3 * BM_BLOCK_WORDS * 8);
	assert_true(bootmem_is_free(1ULL << 30, pages_bytes(pages) - size));
	host_reset();
}

#define FAST_STEPS	20000

/*
 * One stream of small allocations (single pages mostly, up to 64 pages,
 * any node or one, exact or not) and frees on two nodes with a hole and
 * adjacent banks, with the fast path on: the addresses it gives.
 */
static void small_stream(phys_addr_t *got, int *ret)
{
	static const phys_size_t sizes[] = {
		0x1000, 0x1000, 0x1000, 0x1000, 0x40, 0x2000, 0x5000, 0x40000,
	};
	u64 x = 14;
	unsigned int i, k, flags;
	phys_size_t size;
	int nid;

	host_reset();
	assert_int_equal(bootmem_add_range(0, 1ULL << 30, 512ULL << 20), 0);
	assert_int_equal(bootmem_add_range(0, (1ULL << 30) + (512ULL << 20),
					   512ULL << 20), 0);
	assert_int_equal(bootmem_add_range(1, 8ULL << 30, 1ULL << 30), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE,
					BOOTMEM_ALLOC_ANYWHERE), 0);
	for (i = 0; i < FAST_STEPS; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		k = x >> 60;
		if (k < 3 && i) {
			/* Free an earlier allocation, if it is still there. */
			k = (x >> 20) % i;
			if (!ret[k] && got[k])
				bootmem_free(got[k], 0x1000);
			ret[i] = -1;
			continue;
		}
		size = sizes[(x >> 40) % ARRAY_SIZE(sizes)];
		nid = (int)((x >> 30) % 3) - 1;
		flags = (x >> 50) & 1 ? BOOTMEM_EXACT_NODE : 0;
		ret[i] = bootmem_alloc(size, 0x1000, 0, BOOTMEM_ALLOC_ANYWHERE,
				       nid, flags, NULL, &got[i]);
	}
	host_reset();
}

/* The fast path gives what the general path gives, call for call. */
static void fast_path_same_answers(void **state)
{
	phys_addr_t *on = calloc(FAST_STEPS, sizeof(*on));
	phys_addr_t *off = calloc(FAST_STEPS, sizeof(*off));
	int *ret_on = calloc(FAST_STEPS, sizeof(int));
	int *ret_off = calloc(FAST_STEPS, sizeof(int));
	unsigned int i;

	(void)state;
	assert_non_null(on);
	assert_non_null(off);
	assert_non_null(ret_on);
	assert_non_null(ret_off);
	bootmem_fast_path_hits = 0;
	small_stream(on, ret_on);
	assert_true(bootmem_fast_path_hits > FAST_STEPS / 2);
	bootmem_fast_path = false;
	small_stream(off, ret_off);
	bootmem_fast_path = true;
	for (i = 0; i < FAST_STEPS; i++) {
		assert_int_equal(ret_on[i], ret_off[i]);
		assert_int_equal(on[i], off[i]);
	}
	free(on);
	free(off);
	free(ret_on);
	free(ret_off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(set_up_writes_only_summaries, teardown),
		cmocka_unit_test(fast_path_same_answers),
		cmocka_unit_test_teardown(unwritten_blocks_read_free, teardown),
		cmocka_unit_test_teardown(first_use_writes_its_block, teardown),
		cmocka_unit_test_teardown(block_reused_after_full_and_empty, teardown),
		cmocka_unit_test_teardown(random_marking_matches_reference, teardown),
		cmocka_unit_test_teardown(large_search_every_other_block, teardown),
		cmocka_unit_test_teardown(large_search_every_third_block, teardown),
		cmocka_unit_test_teardown(large_search_random_half, teardown),
		cmocka_unit_test_teardown(large_search_between_words_without_room, teardown),
		cmocka_unit_test_teardown(large_search_across_4g, teardown),
		cmocka_unit_test_teardown(large_search_at_range_edges, teardown),
		cmocka_unit_test(enable_writes_a_few_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
