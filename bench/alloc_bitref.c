// SPDX-License-Identifier: GPL-2.0+
/*
 * The reference single bitmap, as the 2008 bootmem RFC had it: one bit per
 * page frame of the whole span from the lowest to the highest RAM address
 * (holes included, marked in use), searched and updated one bit at a time,
 * and node ids ignored. Two hints (everything below @lo_hint and at or
 * above @hi_hint is in use) keep repeated allocations from rescanning.
 */

#include <errno.h>
#include <string.h>
#include "bench.h"

/* 512 MiB: a 16 TiB span. Larger spans are not practical here. */
#define MAX_MAP_BYTES	(512 * MiB)

static u64 *map;
static u64 base_pfn, nbits, lo_hint, hi_hint;

static bool test(u64 i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

static void assign(u64 i, bool used)
{
	if (used)
		map[i / 64] |= 1ULL << (i % 64);
	else
		map[i / 64] &= ~(1ULL << (i % 64));
}

/* Bits [lo, hi) in use or free, one at a time, keeping the hints true. */
static void mark(u64 lo, u64 hi, bool used)
{
	u64 i;

	for (i = lo; i < hi; i++)
		assign(i, used);
	if (!used) {
		lo_hint = lo < lo_hint ? lo : lo_hint;
		hi_hint = hi > hi_hint ? hi : hi_hint;
		return;
	}
	if (lo <= lo_hint && lo_hint < hi)
		lo_hint = hi;
	if (lo < hi_hint && hi_hint <= hi)
		hi_hint = lo;
}

static int br_init(const struct topo *t)
{
	u64 end = t->base[t->nr - 1] + t->size[t->nr - 1];
	unsigned int i;

	base_pfn = t->base[0] / PAGE;
	nbits = end / PAGE - base_pfn;
	if ((nbits + 63) / 64 * 8 > MAX_MAP_BYTES)
		return -E2BIG;
	map = bench_arena((nbits + 63) / 64 * 8);
	memset(map, 0xff, (nbits + 63) / 64 * 8);
	for (i = 0; i < t->nr; i++) {
		u64 lo = t->base[i] / PAGE - base_pfn;
		u64 hi = lo + t->size[i] / PAGE;

		/* Whole words at a time, as only the searches are bit by bit. */
		while (lo < hi && lo % 64)
			assign(lo++, false);
		memset(map + lo / 64, 0, (hi - lo) / 64 * 8);
		for (lo += (hi - lo) / 64 * 64; lo < hi; lo++)
			assign(lo, false);
	}
	lo_hint = 0;
	hi_hint = nbits;

	return 0;
}

static void br_fini(void)
{
	map = NULL;
}

/* Bit of the page frame @pfn, clamped to the map. */
static u64 bit_of(u64 pfn)
{
	if (pfn < base_pfn)
		return 0;
	return pfn - base_pfn < nbits ? pfn - base_pfn : nbits;
}

static u64 align_up(u64 bit, u64 align)
{
	return ((base_pfn + bit + align - 1) & ~(align - 1)) - base_pfn;
}

static u64 align_down(u64 bit, u64 align)
{
	return ((base_pfn + bit) & ~(align - 1)) - base_pfn;
}

static u64 find_up(u64 lo, u64 hi, u64 len, u64 align)
{
	u64 s, i;

	for (s = align_up(lo, align); s + len <= hi && s >= lo;
	     s = align_up(s + i + 1, align)) {
		for (i = 0; i < len && !test(s + i); i++)
			;
		if (i == len)
			return s;
	}

	return ~0ULL;
}

static u64 find_down(u64 lo, u64 hi, u64 len, u64 align)
{
	u64 s, i;

	for (s = align_down(hi - len, align); s >= lo && s < hi;) {
		for (i = len; i && !test(s + i - 1); i--)
			;
		if (!i)
			return s;
		/* Page s + i - 1 is in use: the run must end at or below it. */
		if (s + i - 1 < lo + len)
			break;
		s = align_down(s + i - 1 - len, align);
	}

	return ~0ULL;
}

static u64 find(u64 lo, u64 hi, u64 len, u64 align, bool top_down)
{
	if (top_down)
		hi = hi < hi_hint ? hi : hi_hint;
	else
		lo = lo > lo_hint ? lo : lo_hint;
	if (lo >= hi || hi - lo < len)
		return ~0ULL;

	return top_down ? find_down(lo, hi, len, align) :
			  find_up(lo, hi, len, align);
}

static int br_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		    unsigned int flags, u64 *addr)
{
	u64 len = (size + PAGE - 1) / PAGE;
	u64 al = align > PAGE ? align / PAGE : 1;
	u64 hi = bit_of(limit == NO_LIMIT ? ~0ULL / PAGE : limit / PAGE);
	u64 lo = bit_of((goal + PAGE - 1) / PAGE);
	bool top_down = !(flags & B_BOTTOM_UP);
	u64 s;

	(void)nid;
	s = find(lo, hi, len, al, top_down);
	if (s == ~0ULL && lo)
		s = find(0, hi, len, al, top_down);
	if (s == ~0ULL)
		return -ENOMEM;
	mark(s, s + len, true);
	*addr = (base_pfn + s) * PAGE;

	return 0;
}

static bool span(u64 addr, u64 size, u64 *lo, u64 *hi)
{
	*lo = addr / PAGE - base_pfn;
	*hi = (addr + size + PAGE - 1) / PAGE - base_pfn;
	return addr / PAGE >= base_pfn && *hi <= nbits && *lo < *hi;
}

/* Whether every bit of [lo, hi) is @used. */
static bool all(u64 lo, u64 hi, bool used)
{
	for (; lo < hi; lo++)
		if (test(lo) != used)
			return false;
	return true;
}

static int br_alloc_at(u64 addr, u64 size)
{
	u64 lo, hi;

	if (!span(addr, size, &lo, &hi))
		return -ERANGE;
	if (!all(lo, hi, false))
		return -EBUSY;
	mark(lo, hi, true);

	return 0;
}

static int br_reserve(u64 addr, u64 size)
{
	u64 lo, hi;

	if (!span(addr, size, &lo, &hi))
		return -ERANGE;
	mark(lo, hi, true);

	return 0;
}

static int br_free(u64 addr, u64 size)
{
	u64 lo, hi;

	if (!span(addr, size, &lo, &hi))
		return -ERANGE;
	if (!all(lo, hi, true))
		return -ENOENT;
	mark(lo, hi, false);

	return 0;
}

static void br_state(struct state_bytes *sb)
{
	sb->map = (nbits + 63) / 64 * 8;
	sb->summary = 0;
	sb->fixed = sizeof(map) + 4 * sizeof(u64);
}

const struct allocator bench_bitref = {
	.name = "bit-by-bit",
	.init = br_init,
	.fini = br_fini,
	.alloc = br_alloc,
	.alloc_at = br_alloc_at,
	.reserve = br_reserve,
	.free = br_free,
	.state = br_state,
};
