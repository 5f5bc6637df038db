/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem's one state object and the helpers its files share. Not for
 * users of the library: they include <bootmem.h>.
 *
 * Inside the library every address is a page frame number (pfn): a range of
 * pages is [lo, hi) in pfns, which cannot overflow where byte addresses at
 * the top of the address space would.
 */

#ifndef __BOOTMEM_INTERNAL_H
#define __BOOTMEM_INTERNAL_H

#include <bootmem.h>

#define BM_PAGE_MASK		(BOOTMEM_PAGE_SIZE - 1)
#define BM_WORD_BITS		64
/* Summary granule: 8 words = 512 pages = 2 MiB, the common large alignment. */
#define BM_BLOCK_WORDS		8
#define BM_BLOCK_BITS		(BM_WORD_BITS * BM_BLOCK_WORDS)
/* Bounds of a group of blocks: one summary word of blocks. */
#define BM_GROUP_BLOCKS		64
#define BM_NOT_FOUND		(~(u64)0)
#define BM_RUN_ANY		255

/**
 * struct bm_range - registered RAM of one node
 * @pfn:	first page
 * @pages:	number of pages
 * @bit:	bitmap index of the first page; ranges sorted by @pfn take
 *		consecutive indices, so holes cost no bits
 * @nid:	owning node
 */
struct bm_range {
	u64 pfn;
	u64 pages;
	u64 bit;
	int nid;
};

/**
 * struct bm_region - a reservation, or the owner record of an allocation
 * @pfn:	first page
 * @pages:	number of pages
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP
 * @label:	owner, NUL-terminated
 *
 * Reservations are always recorded: they are what tells a reserved page
 * from an allocated one. Allocations are recorded when they carry a label
 * or flags; unlabelled ones live in the bitmap alone.
 */
struct bm_region {
	u64 pfn;
	u64 pages;
	u8 kind;
	u8 flags;
	char label[BOOTMEM_LABEL_LEN];
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
 * @nbits:	pages present
 * @nblocks:	blocks, the bitmap rounded up to whole blocks
 * @top:	every bit at or above @top is in use (search hint)
 * @bottom:	every bit below @bottom is in use (search hint)
 * @pfn:	where the bitmap itself lives
 * @pages:	its size in pages
 */
struct bm_bitmap {
	u64 *words;
	u64 *blk_free;
	u64 *blk_empty;
	u8 *run_end;
	u8 *run_max;
	u64 nbits;
	u64 nblocks;
	u64 top;
	u64 bottom;
	u64 pfn;
	u64 pages;
};

/**
 * struct bm_node - what the registry knows of a node besides its ranges
 * @cpumask:	logical CPUs 0..63 on the node
 * @nr_cpus:	CPUs on the node, including those past 63
 */
struct bm_node {
	u64 cpumask;
	unsigned int nr_cpus;
};

struct bootmem_state {
	bool enabled;
	unsigned int nr_ranges;
	unsigned int nr_regions;
	struct bm_range range[BOOTMEM_MAX_RANGES];
	struct bm_region region[BOOTMEM_MAX_REGIONS];
	struct bm_node node[BOOTMEM_MAX_NODES];
	u8 distance[BOOTMEM_MAX_NODES][BOOTMEM_MAX_NODES];
	struct bm_bitmap map;
};

extern struct bootmem_state bm;

static inline u64 bm_pfn(phys_addr_t addr)
{
	return addr >> BOOTMEM_PAGE_SHIFT;
}

static inline phys_addr_t bm_addr(u64 pfn)
{
	return (phys_addr_t)pfn << BOOTMEM_PAGE_SHIFT;
}

static inline u64 bm_range_end(const struct bm_range *r)
{
	return r->pfn + r->pages;
}

static inline u64 bm_pfn_to_bit(const struct bm_range *r, u64 pfn)
{
	return r->bit + (pfn - r->pfn);
}

/**
 * for_each_range_in - walk the ranges that hold pages of [lo, hi)
 * @r:		const struct bm_range * cursor
 * @lo:		first page
 * @hi:		one past the last page
 */
#define for_each_range_in(r, lo, hi) \
	for ((r) = bm_range_of(lo); (r) && (r) < bm.range + bm.nr_ranges && \
	     (r)->pfn < (hi); (r)++)

/* The bitmap bits [*bp, *ep) of the pages of [lo, hi) in range @r. */
static inline void bm_clip_bits(const struct bm_range *r, u64 lo, u64 hi,
				u64 *bp, u64 *ep)
{
	*bp = bm_pfn_to_bit(r, lo > r->pfn ? lo : r->pfn);
	*ep = bm_pfn_to_bit(r, hi < bm_range_end(r) ? hi : bm_range_end(r));
}

bool bm_span_pfns(phys_addr_t addr, phys_size_t size, u64 *lop, u64 *hip);
bool bm_node_valid(int nid);
bool bm_node_has_memory(int nid);
const struct bm_range *bm_range_of(u64 pfn);
bool bm_pfns_present(u64 lo, u64 hi);

/* bitmap.c */
void bm_map_init(struct bm_bitmap *map, u64 *mem, u64 nbits);
u64 bm_map_bytes(u64 nbits);
void bm_set(struct bm_bitmap *map, u64 lo, u64 hi);
void bm_clear(struct bm_bitmap *map, u64 lo, u64 hi);
bool bm_test(const struct bm_bitmap *map, u64 bit);
u64 bm_next_free(const struct bm_bitmap *map, u64 lo, u64 hi);
u64 bm_next_used(const struct bm_bitmap *map, u64 lo, u64 hi);
u64 bm_find_run(struct bm_bitmap *map, u64 lo, u64 hi, u64 len,
		u64 align, u64 pfn_of_bit0, bool top_down);

/* regions.c */
int bm_region_add(u64 lo, u64 hi, enum bootmem_kind kind, unsigned int flags,
		  const char *label);
void bm_region_remove_allocated(u64 lo, u64 hi);
const struct bm_region *bm_reserved_at(u64 pfn);
const struct bm_region *bm_owner_at(u64 pfn, u64 *endp);
bool bm_reserved_cover(u64 lo, u64 hi);
bool bm_regions_full(void);

/* alloc.c */
void bm_mark(u64 lo, u64 hi, bool used);

#endif /* __BOOTMEM_INTERNAL_H */
