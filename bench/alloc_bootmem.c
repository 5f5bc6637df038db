// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem, through its public API. The internal header is read only to
 * report how the state splits into bitmap, summaries and fixed tables.
 */

#include <errno.h>
#include <stdlib.h>
#include <bootmem.h>
#include "bootmem_internal.h"
#include "bench.h"

static int bb_init(const struct topo *t)
{
	unsigned int i;
	int ret;

	for (i = 0; i < t->nr; i++) {
		ret = bootmem_add_range(t->nid[i], t->base[i], t->size[i]);
		if (ret)
			return ret;
	}

	return bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
}

static void bb_fini(void)
{
	bootmem_reset();
}

static int bb_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		    unsigned int flags, u64 *addr)
{
	unsigned int f = 0;
	phys_addr_t a;
	int ret;

	if (flags & B_BOTTOM_UP)
		f |= BOOTMEM_BOTTOM_UP;
	if (flags & B_EXACT_NODE)
		f |= BOOTMEM_EXACT_NODE;
	ret = bootmem_alloc(size, align, goal, limit, nid, f, NULL, &a);
	*addr = a;

	return ret;
}

static int bb_alloc_at(u64 addr, u64 size)
{
	return bootmem_alloc_at(addr, size, 0, NULL);
}

static int bb_reserve(u64 addr, u64 size)
{
	return bootmem_reserve(addr, size, 0, NULL);
}

static int bb_free(u64 addr, u64 size)
{
	return bootmem_free(addr, size);
}

/* One page in use through the library's own bitmap update. */
static void set_page(u64 bit)
{
	bm_set(&bm.map, bit, bit + 1);
}

/*
 * Every other page of [lo, hi) in use: the state bootmem_alloc_at() of each
 * page leaves (bench_bootmem_check() compares the two), built in whole
 * blocks, as alloc_at() per page takes minutes at 16 TiB. Pages of the
 * first and last block of each range go through bm_set(), which keeps
 * summaries and hints; whole blocks between are written directly.
 */
static void bb_fragment(u64 lo, u64 hi)
{
	u64 lo_pfn = lo / PAGE, hi_pfn = hi / PAGE;
	const struct bm_range *r;
	u64 b, e, blk;

	for_each_range_in(r, lo_pfn, hi_pfn) {
		bm_clip_bits(r, lo_pfn, hi_pfn, &b, &e);
		b += (r->pfn + (b - r->bit) - lo_pfn) % 2;
		if (b < e)
			set_page(b);
		for (b += 2; b < e && (b % BM_BLOCK_BITS > 1 ||
				 e - b < 2 * BM_BLOCK_BITS); b += 2)
			set_page(b);
		for (; e - b >= 2 * BM_BLOCK_BITS; b += BM_BLOCK_BITS) {
			u64 *w = bm.map.words + b / 64;
			unsigned int i;

			for (i = 0; i < BM_BLOCK_WORDS; i++)
				w[i] |= b % 2 ? 0xaaaaaaaaaaaaaaaaULL :
						0x5555555555555555ULL;
			blk = b / BM_BLOCK_BITS;
			bm.map.blk_empty[blk / 64] &= ~(1ULL << (blk % 64));
		}
		for (; b < e; b += 2)
			set_page(b);
	}
}

/**
 * bench_bootmem_check() - whether bb_fragment() equals alloc_at() per page
 * @t:		machine
 * @lo, @hi:	the fragmented part
 *
 * Return: true if bitmap, summaries and hints come out byte for byte equal
 */
bool bench_bootmem_check(const struct topo *t, u64 lo, u64 hi)
{
	u64 bytes, p;
	struct bm_bitmap map;
	void *copy;
	bool same;

	if (bb_init(t))
		return false;
	for (p = lo; p < hi; p += 2 * PAGE)
		if (bootmem_alloc_at(p, PAGE, 0, NULL))
			return false;
	bytes = bm_map_bytes(bm.map.nbits);
	copy = malloc(bytes);
	if (!copy)
		return false;
	memcpy(copy, bm.map.words, bytes);
	map = bm.map;
	bb_fini();
	bb_init(t);
	bb_fragment(lo, hi);
	same = !memcmp(copy, bm.map.words, bytes) && map.top == bm.map.top &&
	       map.bottom == bm.map.bottom;
	bb_fini();
	free(copy);

	return same;
}

static void bb_state(struct state_bytes *sb)
{
	sb->map = bm.map.nblocks * BM_BLOCK_WORDS * 8;
	sb->summary = bm_map_bytes(bm.map.nbits) - sb->map;
	sb->fixed = sizeof(bm);
}

const struct allocator bench_bootmem = {
	.name = "bootmem",
	.init = bb_init,
	.fini = bb_fini,
	.alloc = bb_alloc,
	.alloc_at = bb_alloc_at,
	.reserve = bb_reserve,
	.free = bb_free,
	.fragment = bb_fragment,
	.state = bb_state,
};
