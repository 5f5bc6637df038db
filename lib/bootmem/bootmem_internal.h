/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem's one state object and the helpers its files share. Only the
 * files of lib/bootmem include this header (make lint checks it): users of
 * the library, its tests included, have <bootmem.h>.
 *
 * Pages are page frame numbers (pfn), a range of pages [lo, hi) in pfns,
 * which cannot overflow where byte addresses at the top of the address
 * space would; byte ranges are [base, last], the last byte included, for
 * the same reason.
 *
 * The files are layers, each using only those below it (make lint checks
 * it): bitmap.c, registry.c (the state, nodes, ranges, marking pages),
 * owners.c (owner records), query.c, alloc.c (policy, and the owner
 * table's growth into pages it allocates), state.c (enable, reset, push,
 * pop); then fdt.c, handoff.c and place.c.
 */

#ifndef __BOOTMEM_INTERNAL_H
#define __BOOTMEM_INTERNAL_H

#include <bootmem.h>
#include "bitmap.h"

#define BM_PAGE_MASK		(BOOTMEM_PAGE_SIZE - 1)
/* One past the highest page of the address space. */
#define BM_PFN_END		((u64)1 << (64 - BOOTMEM_PAGE_SHIFT))

/**
 * struct bm_range - registered RAM of one node
 * @pfn:	first whole page
 * @pages:	number of whole pages
 * @bit:	bitmap index of the first page; ranges sorted by @pfn take
 *		consecutive indices, so holes cost no bits
 * @nid:	owning node
 * @head:	bytes registered below @pfn (a partial first page)
 * @tail:	bytes registered past the last whole page (a partial last page)
 *
 * The partial pages are never allocated; they only make a range that
 * shares a byte with them overlap.
 */
struct bm_range {
	u64 pfn;
	u64 pages;
	u64 bit;
	int nid;
	u16 head;
	u16 tail;
};

/*
 * Flags an owner record keeps, and BM_OWN_SELF: the record of bootmem's own
 * memory (the bitmap, the owner table), which never merges with another.
 */
#define BM_RECORD_FLAGS		(BOOTMEM_KEEP | BOOTMEM_NOMAP | \
				 BOOTMEM_REPLACEABLE | BOOTMEM_LOAD_BUFFER)
#define BM_OWN_SELF		(1U << 15)

/**
 * struct bm_owner - a reservation, or the owner record of an allocation
 * @base:	first byte
 * @last:	last byte
 * @reach:	the highest @last of this record and of every record before
 *		it in the table: a search for the records covering a byte
 *		stops where @reach falls below it
 * @flags:	BM_RECORD_FLAGS, BM_OWN_SELF
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @tag:	the caller's tag
 * @label:	owner, NUL-terminated
 *
 * Reservations are always recorded: they are what tells reserved memory
 * from allocated memory. Allocations are recorded when they carry a label
 * or flags, or do not cover whole pages; the others live in the bitmap
 * alone. The table is sorted by @base (see owners.c for the rules).
 */
struct bm_owner {
	phys_addr_t base;
	phys_addr_t last;
	phys_addr_t reach;
	u16 flags;
	u8 kind;
	u8 tag;
	char label[BOOTMEM_LABEL_LEN];
};

/**
 * struct bm_owners - the owner table
 * @rec:	the records, sorted by base
 * @nr:		records in use
 * @cap:	records @rec has room for
 * @pfn:	first page of the table once it lives in the RAM bootmem
 *		manages (it moves there the first time it is full once
 *		enabled, outside bootmem_push() states)
 * @pages:	its pages there; 0 while it lives on the port's heap
 */
struct bm_owners {
	struct bm_owner *rec;
	unsigned int nr;
	unsigned int cap;
	u64 pfn;
	u64 pages;
};

/**
 * struct bm_state - everything bootmem knows
 * @range:	registered RAM, sorted by pfn, exactly @nr_ranges long
 * @cpumask:	per node id below @nr_nodes, its logical CPUs 0..63; the
 *		same block goes on with the CPU counts (bm_nr_cpus())
 * @distance:	@nr_nodes x @nr_nodes distances, 0 where unset; NULL until
 *		one is set
 *
 * The three tables are on the port's heap until bootmem_enable() moves
 * them next to the bitmap (outside a bootmem_push() state).
 * @nr_ranges:	ranges registered
 * @nr_nodes:	one past the highest node id registered
 * @own:	the owner table
 * @map:	the bitmap; in a bootmem_push() state its memory is the port's
 *		heap
 * @table_limit: where the owner table goes when it grows in RAM: the
 *		limit and node bootmem_enable() got for the bitmap
 * @saved:	the state bootmem_push() put aside, NULL if none
 * @table_nid:	see @table_limit
 * @enabled:	bootmem_enable() has run: the registry is closed
 * @on_heap:	a bootmem_push() state: bitmap and tables on the port's heap,
 *		nothing in the RAM it manages
 *
 * Members are ordered to leave no padding: this is bootmem's whole fixed
 * cost besides the tables, which are sized by what is registered.
 */
struct bm_state {
	struct bm_range *range;
	u64 *cpumask;
	u8 *distance;
	unsigned int nr_ranges;
	unsigned int nr_nodes;
	struct bm_owners own;
	struct bm_bitmap map;
	phys_addr_t table_limit;
	struct bm_state *saved;
	int table_nid;
	bool enabled;
	bool on_heap;
};

extern struct bm_state bm_state;

/* A node's entry in the node table: its CPU mask and its CPU count. */
#define BM_NODE_BYTES	(sizeof(u64) + sizeof(unsigned int))

/* Per node id below nr_nodes, its CPUs, those past 63 included. */
static inline unsigned int *bm_nr_cpus(void)
{
	return (unsigned int *)(bm_state.cpumask + bm_state.nr_nodes);
}

static inline u64 bm_pfn(phys_addr_t addr)
{
	return addr >> BOOTMEM_PAGE_SHIFT;
}

static inline phys_addr_t bm_addr(u64 pfn)
{
	return (phys_addr_t)pfn << BOOTMEM_PAGE_SHIFT;
}

/* The last byte of page @pfn. */
static inline phys_addr_t bm_page_last(u64 pfn)
{
	return bm_addr(pfn) + BM_PAGE_MASK;
}

/* The page a @limit of bootmem_alloc() or bootmem_enable() ends the search at. */
static inline u64 bm_limit_pfn(phys_addr_t limit)
{
	return limit == BOOTMEM_ALLOC_ANYWHERE ? BM_PFN_END : bm_pfn(limit);
}

static inline u64 bm_range_end(const struct bm_range *r)
{
	return r->pfn + r->pages;
}

static inline u64 bm_pfn_to_bit(const struct bm_range *r, u64 pfn)
{
	return r->bit + (pfn - r->pfn);
}

static inline const struct bm_range *bm_ranges_end(void)
{
	return bm_state.range + bm_state.nr_ranges;
}

/**
 * for_each_range_in - walk the ranges that hold pages of [lo, hi)
 * @r:		const struct bm_range * cursor
 * @lo:		first page
 * @hi:		one past the last page
 */
#define for_each_range_in(r, lo, hi) \
	for ((r) = bm_range_of(lo); (r) && (r) < bm_ranges_end() && \
	     (r)->pfn < (hi); (r)++)

/* The bitmap bits [*bp, *ep) of the pages of [lo, hi) in range @r. */
static inline void bm_clip_bits(const struct bm_range *r, u64 lo, u64 hi,
				u64 *bp, u64 *ep)
{
	*bp = bm_pfn_to_bit(r, lo > r->pfn ? lo : r->pfn);
	*ep = bm_pfn_to_bit(r, hi < bm_range_end(r) ? hi : bm_range_end(r));
}

/* registry.c */
bool bm_span_pfns(phys_addr_t addr, phys_size_t size, u64 *lop, u64 *hip);
bool bm_inner_pfns(phys_addr_t addr, phys_size_t size, u64 *lop, u64 *hip);
bool bm_node_valid(int nid);
bool bm_node_has_memory(int nid);
const struct bm_range *bm_range_of(u64 pfn);
bool bm_pfns_present(u64 lo, u64 hi);
bool bm_bytes_present(phys_addr_t base, phys_addr_t last);
bool bm_next_span(int nid, bool top_down, unsigned int *pos,
		  const struct bm_range **firstp, const struct bm_range **lastp);
void bm_mark(u64 lo, u64 hi, bool used);
bool bm_page_used(u64 pfn);
void *bm_heap_grow(void *old, size_t old_bytes, size_t new_bytes);
size_t bm_tables_bytes(void);
void bm_tables_move(void *mem);
void bm_tables_free(void);

/* Pages the bitmap of @nbits pages, its summaries and the tables take. */
static inline u64 bm_map_pages_for(u64 nbits)
{
	return (bm_map_bytes(nbits) + bm_tables_bytes() + BM_PAGE_MASK) >>
	       BOOTMEM_PAGE_SHIFT;
}

/*
 * Pages of RAM they take from map.pfn on: 0 before bootmem_enable() and
 * in a bootmem_push() state, where they are on the heap.
 */
static inline u64 bm_map_pages(void)
{
	if (!bm_state.enabled || bm_state.on_heap)
		return 0;

	return bm_map_pages_for(bm_state.map.nbits);
}

/**
 * for_each_span - walk the spans of contiguous RAM of a node
 * @nid:	node, or NUMA_NO_NODE for RAM of any node
 * @top_down:	highest span first
 * @pos:	unsigned int cursor
 * @first:	const struct bm_range *: the span's lowest range
 * @last:	const struct bm_range *: its highest range
 *
 * See bm_next_span().
 */
#define for_each_span(nid, top_down, pos, first, last) \
	for ((pos) = 0; bm_next_span(nid, top_down, &(pos), &(first), &(last)); )

/* owners.c */

/**
 * struct bm_byte - what a byte is, and how far that holds
 * @kind:	BOOTMEM_FREE, BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @name:	the record naming the byte (see bootmem_run), NULL if none
 * @flags:	BOOTMEM_KEEP / BOOTMEM_NOMAP of every record covering it,
 *		BOOTMEM_REPLACEABLE / BOOTMEM_LOAD_BUFFER of @name
 * @recordless:	in use in a page no record touches
 * @last:	the last byte from here on that is the same
 */
struct bm_byte {
	enum bootmem_kind kind;
	const struct bm_owner *name;
	unsigned int flags;
	bool recordless;
	phys_addr_t last;
};

/* Which records a cut takes bytes from. */
enum bm_cut {
	BM_CUT_REPLACEABLE,	/* replaceable allocations */
	BM_CUT_ALLOCATED,	/* every allocation */
	BM_CUT_ALL,		/* allocations and reservations */
};

unsigned int bm_owner_upper(phys_addr_t x);
bool bm_owner_prev_over(unsigned int *pos, phys_addr_t lo);
bool bm_owner_touches(phys_addr_t base, phys_addr_t last);
void bm_byte_at(phys_addr_t x, phys_addr_t wlast, struct bm_byte *b);
unsigned int bm_owner_splits(phys_addr_t base, phys_addr_t last,
			     enum bm_cut cut);
void bm_owner_cut(phys_addr_t base, phys_addr_t last, enum bm_cut cut);
void bm_owner_add(phys_addr_t base, phys_addr_t last, enum bootmem_kind kind,
		  unsigned int flags, const char *label);
void bm_owners_sync_pages(u64 lo, u64 hi);
unsigned int bm_owners_fit(u64 pages);
void bm_owners_drop(void);
int bm_owners_grow_heap(unsigned int want);
void bm_owners_move(u64 pfn, u64 pages);

/* fast.c: a fit is looked for in the word of the hint, a word of pages. */
#define BM_FAST_MAX_PAGES	BM_WORD_BITS

/*
 * Whether the fast path may serve a bootmem_alloc() request: small,
 * top-down, without goal, limit, label or flags (BOOTMEM_EXACT_NODE
 * aside), with the fast path on; size and alignment each checked with one
 * comparison (0 wraps to the top). The node and the state are checked by
 * the step that needs them (see bm_fast_page()).
 */
static inline bool bm_fast_request(phys_size_t size, phys_size_t align,
				   phys_addr_t goal, phys_addr_t limit,
				   unsigned int flags, const char *label)
{
	return !goal && limit == BOOTMEM_ALLOC_ANYWHERE && !label &&
	       !(flags & ~BOOTMEM_EXACT_NODE) &&
	       size - 1 < BM_FAST_MAX_PAGES * BOOTMEM_PAGE_SIZE &&
	       align - 1 < BOOTMEM_PAGE_SIZE && !(align & (align - 1)) &&
	       bootmem_fast_path;
}

/*
 * The fast path's first step, inline in bootmem_alloc() for a request
 * bm_fast_request() accepts: a single page for the node of the hint, from
 * the hint's word. Its answer is bm_fast_alloc()'s, and so the general
 * path's; false leaves the request to them with nothing changed. Neither
 * the node id nor the state needs checking: a hint for no node, or
 * before bootmem_enable(), has an empty span and serves nothing.
 */
static inline bool bm_fast_page(phys_size_t size, int nid, phys_addr_t *addrp)
{
	struct bm_top_hint *h = &bm_state.map.hint;
	u64 bit;

	if (size > BOOTMEM_PAGE_SIZE || h->nid != nid)
		return false;
	if (!bm_take_top_bit(&bm_state.map, h->lo, h->end, &bit))
		return false;
	h->end = bit;
	bootmem_fast_path_hits++;
	*addrp = bm_addr(h->pfn_of_bit0 + bit);

	return true;
}

bool bm_fast_alloc(phys_size_t size, int nid, phys_addr_t *addrp);

/* fdt.c */
int bm_fdt_check(const void *fdt);

/*
 * A big-endian cell, wherever it lies: a blob handed over by firmware or a
 * fuzzer need not be aligned, and U-Boot's libfdt lacks fdt32_ld().
 */
static inline u32 bm_fdt_cell(const fdt32_t *p)
{
	fdt32_t val;

	memcpy(&val, p, sizeof(val));
	return fdt32_to_cpu(val);
}

/* alloc.c */
int bm_owners_room(unsigned int need, u64 xlo, u64 xhi);

#endif /* __BOOTMEM_INTERNAL_H */
