// SPDX-License-Identifier: GPL-2.0+
/*
 * Allocation policy on top of the bitmap and the owner table: which spans
 * of RAM to search, in which order (the node, then the others by
 * distance, then anywhere), and the rules for claiming, reserving and
 * freeing memory.
 *
 * A request for whole pages (size and alignment) searches the bitmap; a
 * BOOTMEM_BYTES request for less searches the free bytes: RAM less what
 * records cover, less pages in use without a record. One policy loop
 * drives both, so node, fallback, goal, limit and direction mean the same.
 */

#define LOG_CATEGORY LOGC_ALLOC

#include "bootmem_internal.h"

#define TAG_MASK	BOOTMEM_TAG(0xff)
/* Flags that need an owner record. */
#define RECORD_FLAGS	(BM_RECORD_FLAGS | TAG_MASK)
#define ALLOC_FLAGS	(BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP | BOOTMEM_LOW | \
			 BOOTMEM_BYTES | RECORD_FLAGS)
#define AT_FLAGS	(BOOTMEM_BYTES | RECORD_FLAGS)
#define RESERVE_FLAGS	(BOOTMEM_EXCLUSIVE | BOOTMEM_FORCE | BOOTMEM_KEEP | \
			 BOOTMEM_NOMAP | BOOTMEM_BYTES | TAG_MASK)
#define FREE_FLAGS	BOOTMEM_BYTES
#define BOTH_CLAIMS	(BOOTMEM_REPLACEABLE | BOOTMEM_LOAD_BUFFER)

/**
 * struct bm_search - one allocation request
 * @len:	pages wanted (page path)
 * @align:	alignment in pages, a power of two (page path)
 * @lo:		lowest page the run may use (page path)
 * @hi:		one past the highest page the run may use (page path)
 * @xlo:	first page the run must not use (page path; the owner table
 *		grows clear of the pages of the change that needs it)
 * @xhi:	one past the last such page
 * @bytes:	search free bytes instead of free pages
 * @size:	bytes wanted (byte path)
 * @balign:	alignment in bytes, a power of two (byte path)
 * @blo:	lowest byte the allocation may use (byte path)
 * @blast:	highest byte it may use (byte path)
 * @top_down:	prefer the highest fit
 */
struct bm_search {
	u64 len;
	u64 align;
	u64 lo;
	u64 hi;
	u64 xlo;
	u64 xhi;
	bool bytes;
	phys_size_t size;
	phys_size_t balign;
	phys_addr_t blo;
	phys_addr_t blast;
	bool top_down;
};

/**
 * struct bm_scan - what the bytes of a range hold
 * @free:	some byte is free
 * @reserved:	some byte is reserved
 * @allocated:	some byte is allocated
 * @recordless:	some byte lies in a page in use without a record
 * @cut:	such a page is not wholly inside the range
 * @replaceable: every allocated byte is named by a replaceable record
 */
struct bm_scan {
	bool free;
	bool reserved;
	bool allocated;
	bool recordless;
	bool cut;
	bool replaceable;
};

/* A byte range in pages: [pfn(base), pfn(last) + 1). */
static u64 first_page(phys_addr_t base)
{
	return bm_pfn(base);
}

static u64 end_page(phys_addr_t last)
{
	return bm_pfn(last) + 1;
}

/* Bits [lo, hi) of a span's bitmap, aligned as physical pages, searched. */
static bool find_in(const struct bm_search *q, const struct bm_range *first,
		    u64 lo, u64 hi, u64 *pfnp)
{
	u64 bit;

	if (lo >= hi || hi - lo < q->len)
		return false;
	bit = bm_find_run(&bm_state.map, bm_pfn_to_bit(first, lo),
			  bm_pfn_to_bit(first, hi), q->len, q->align,
			  first->pfn - first->bit, q->top_down);
	if (bit == BM_NOT_FOUND)
		return false;
	*pfnp = first->pfn + (bit - first->bit);

	return true;
}

/*
 * Search pages [lo, hi) of one span, clear of pages [xlo, xhi): the
 * window above them and the one below, in the order of the search.
 */
static bool find_pages_in(const struct bm_search *q,
			  const struct bm_range *first, u64 lo, u64 hi,
			  u64 *pfnp)
{
	u64 below = q->xlo < hi ? q->xlo : hi, above = q->xhi > lo ? q->xhi : lo;

	if (q->xlo >= q->xhi || hi <= q->xlo || q->xhi <= lo)
		return find_in(q, first, lo, hi, pfnp);
	if (q->top_down)
		return find_in(q, first, above, hi, pfnp) ||
		       find_in(q, first, lo, below, pfnp);

	return find_in(q, first, lo, below, pfnp) ||
	       find_in(q, first, above, hi, pfnp);
}

/* Whether [f, g], all free, holds the request; where, in *@addrp. */
static bool fits(const struct bm_search *q, phys_addr_t f, phys_addr_t g,
		 phys_addr_t *addrp)
{
	phys_addr_t a;

	if (g - f < q->size - 1)
		return false;
	if (q->top_down) {
		a = (g - (q->size - 1)) & ~(q->balign - 1);
		*addrp = a;
		return a >= f;
	}
	a = (f + q->balign - 1) & ~(q->balign - 1);
	*addrp = a;

	return a >= f && a <= g && g - a >= q->size - 1;
}

/*
 * The free bytes of [wlo, wlast], one span, lowest first: the first fit
 * bottom-up, the last top-down.
 */
static bool find_bytes_in(const struct bm_search *q, phys_addr_t wlo,
			  phys_addr_t wlast, phys_addr_t *addrp)
{
	phys_addr_t x = wlo, f = 0, a;
	bool in_free = false, found = false;
	struct bm_byte b;

	for (;;) {
		bm_byte_at(x, wlast, &b);
		if (b.kind == BOOTMEM_FREE && !in_free) {
			f = x;
			in_free = true;
		}
		if (in_free && (b.kind != BOOTMEM_FREE || b.last == wlast)) {
			in_free = false;
			if (fits(q, f, b.kind == BOOTMEM_FREE ? b.last : x - 1,
				 &a)) {
				*addrp = a;
				found = true;
				if (!q->top_down)
					return true;
			}
		}
		if (b.last == wlast)
			return found;
		x = b.last + 1;
	}
}

/*
 * Search ranges [first, last] as one contiguous span of RAM, for pages or
 * for bytes: the span's bits are contiguous too.
 */
static bool search_span(const struct bm_search *q, const struct bm_range *first,
			const struct bm_range *last, phys_addr_t *addrp)
{
	u64 lo = q->lo > first->pfn ? q->lo : first->pfn;
	u64 hi = q->hi < bm_range_end(last) ? q->hi : bm_range_end(last);
	phys_addr_t wlo, wlast;
	u64 pfn;

	if (!q->bytes) {
		if (!find_pages_in(q, first, lo, hi, &pfn))
			return false;
		*addrp = bm_addr(pfn);
		return true;
	}
	wlo = q->blo > bm_addr(first->pfn) ? q->blo : bm_addr(first->pfn);
	wlast = bm_page_last(bm_range_end(last) - 1);
	if (q->blast < wlast)
		wlast = q->blast;
	if (wlo > wlast || wlast - wlo < q->size - 1)
		return false;

	return find_bytes_in(q, wlo, wlast, addrp);
}

/*
 * Search the spans of node @nid's RAM, or with NUMA_NO_NODE every span of
 * contiguous RAM (an allocation may then cross a node boundary), highest
 * first when top-down.
 */
static bool search_node(const struct bm_search *q, int nid, phys_addr_t *addrp)
{
	const struct bm_range *first, *last;
	unsigned int pos;

	for_each_span(nid, q->top_down, pos, first, last)
		if (search_span(q, first, last, addrp))
			return true;

	return false;
}

/* Nodes with memory other than @nid, nearest first, ties by node id. */
static unsigned int fallback_order(int nid, int *order)
{
	unsigned int n = 0, i;
	int cand;

	for (cand = 0; cand < (int)bm_state.nr_nodes; cand++) {
		if (cand == nid || !bm_node_has_memory(cand))
			continue;
		for (i = n++; i && bootmem_distance(nid, order[i - 1]) >
		     bootmem_distance(nid, cand); i--)
			order[i] = order[i - 1];
		order[i] = cand;
	}

	return n;
}

static bool search(const struct bm_search *q, int nid, bool exact,
		   phys_addr_t *addrp)
{
	int order[BOOTMEM_MAX_NODES];
	unsigned int i, n;

	if (nid == NUMA_NO_NODE)
		return search_node(q, NUMA_NO_NODE, addrp);
	if (search_node(q, nid, addrp))
		return true;
	if (exact)
		return false;
	n = fallback_order(nid, order);
	for (i = 0; i < n; i++)
		if (search_node(q, order[i], addrp))
			return true;

	return search_node(q, NUMA_NO_NODE, addrp);
}

/*
 * Where @pages free pages are for the owner table, top-down: on the node
 * and below the limit bootmem_enable() got for the bitmap, the nearest
 * nodes next, then any RAM, clear of pages [xlo, xhi). Nothing is marked.
 */
static bool find_table_pages(u64 pages, u64 xlo, u64 xhi, u64 *pfnp)
{
	struct bm_search q = {
		.len = pages, .align = 1,
		.hi = bm_limit_pfn(bm_state.table_limit),
		.xlo = xlo, .xhi = xhi, .top_down = true,
	};
	phys_addr_t addr;

	if (!search(&q, bm_state.table_nid, false, &addr))
		return false;
	*pfnp = bm_pfn(addr);

	return true;
}

/**
 * bm_owners_room() - make room for more records before a change
 * @need:	records the change may add at most
 * @xlo:	first page the table must not move to (the change's own)
 * @xhi:	one past the last such page
 *
 * Before bootmem_enable(), and in a bootmem_push() state, the table
 * doubles on the heap. Once enabled it moves to pages of RAM (the first
 * time, as many as hold the records; then twice as many, several times if
 * need be), allocated like the bitmap: on the node bootmem_enable() got,
 * nearest nodes next, below its limit (memblock_double_array()'s model).
 *
 * Return: 0; -ENOMEM if there is no memory for it (nothing changed)
 */
int bm_owners_room(unsigned int need, u64 xlo, u64 xhi)
{
	unsigned int want = bm_state.own.nr + need;
	u64 pages = bm_state.own.pages ? 2 * bm_state.own.pages : 1, pfn;

	if (want <= bm_state.own.cap)
		return 0;
	if (!bm_state.enabled || bm_state.on_heap)
		return bm_owners_grow_heap(want);

	want += !bm_state.own.pages;	/* the table's own record */
	while (bm_owners_fit(pages) < want)
		pages *= 2;
	if (!find_table_pages(pages, xlo, xhi, &pfn))
		return -ENOMEM;
	bm_owners_move(pfn, pages);

	return 0;
}

/*
 * memblock=debug's counterpart at log level debug (U-Boot's `log level`):
 * every call, its range, node and owner. @nid is the node asked for
 * (alloc: NUMA_NO_NODE is any node) or the node of @addr (others:
 * NUMA_NO_NODE is no RAM). With debug logging compiled out, this is empty.
 */
static void log_call(const char *what, phys_addr_t addr, phys_size_t size,
		     int nid, const char *label, int ret)
{
	if (nid != NUMA_NO_NODE)
		log_debug("%s [%#llx-%#llx] %#llx bytes, node %d%s%s%s: %s\n",
			  what, (unsigned long long)addr,
			  (unsigned long long)(addr + size - 1),
			  (unsigned long long)size, nid, label ? ", '" : "",
			  label ? label : "", label ? "'" : "",
			  ret ? bootmem_strerror(ret) : "ok");
	else
		log_debug("%s [%#llx-%#llx] %#llx bytes, %s%s%s%s: %s\n",
			  what, (unsigned long long)addr,
			  (unsigned long long)(addr + size - 1),
			  (unsigned long long)size,
			  strcmp(what, "alloc") ? "no node" : "any node",
			  label ? ", '" : "", label ? label : "",
			  label ? "'" : "", ret ? bootmem_strerror(ret) : "ok");
}

/* Whether @flags asks for both kinds of claim: a buffer that is replaceable. */
static bool bad_claim(unsigned int flags)
{
	return (flags & BOTH_CLAIMS) == BOTH_CLAIMS;
}

/* Whether bytes [base, last] are whole pages. */
static bool whole_pages(phys_addr_t base, phys_addr_t last)
{
	return !(base & BM_PAGE_MASK) && (last & BM_PAGE_MASK) == BM_PAGE_MASK;
}

/*
 * Take bytes [base, last], all free (or, for a replaceable claim, free or
 * replaceable): room for the record and what the claim splits, then the
 * record and the bits. Only an unlabelled allocation of whole pages with
 * no flags that need a record goes without one.
 */
static int take(phys_addr_t base, phys_addr_t last, unsigned int flags,
		const char *label)
{
	bool replace = flags & BOOTMEM_REPLACEABLE;
	bool record = label || (flags & RECORD_FLAGS) ||
		      !whole_pages(base, last);
	unsigned int need = record;
	int ret;

	if (replace)
		need += bm_owner_splits(base, last, BM_CUT_REPLACEABLE);
	ret = bm_owners_room(need, first_page(base), end_page(last));
	if (ret)
		return ret;
	if (replace)
		bm_owner_cut(base, last, BM_CUT_REPLACEABLE);
	bm_mark(first_page(base), end_page(last), true);
	if (record)
		bm_owner_add(base, last, BOOTMEM_ALLOCATED, flags, label);

	return 0;
}

/*
 * Out of line, so that a single page bm_fast_page() serves does not pay
 * for a stack frame.
 */
static noinline int alloc_general(phys_size_t size, phys_size_t align,
				  phys_addr_t goal, phys_addr_t limit, int nid,
				  unsigned int flags, const char *label,
				  phys_addr_t *addrp);

/**
 * bootmem_alloc() - allocate memory
 * @size:	bytes, rounded up to whole pages unless BOOTMEM_BYTES; not 0
 * @align:	alignment in bytes, a power of two; without BOOTMEM_BYTES,
 *		below a page means a page
 * @goal:	preferred lowest address; if nothing fits above it, it is
 *		dropped (0 for none)
 * @limit:	the allocation ends at or below this address: its end, one
 *		past its last byte, is at most @limit (without BOOTMEM_BYTES
 *		an unaligned limit rounds down to a page);
 *		BOOTMEM_ALLOC_ANYWHERE for none (the top page of the address
 *		space included)
 * @nid:	preferred node, or NUMA_NO_NODE
 * @flags:	BOOTMEM_EXACT_NODE: only @nid, no fallback;
 *		BOOTMEM_BOTTOM_UP: lowest fit (default: highest, as memblock);
 *		BOOTMEM_LOW: below BOOTMEM_LOW_ADDRESS_LIMIT;
 *		BOOTMEM_KEEP, BOOTMEM_NOMAP: hand the memory to the OS;
 *		BOOTMEM_BYTES: exact size and alignment;
 *		BOOTMEM_REPLACEABLE or BOOTMEM_LOAD_BUFFER (not both): what
 *		later claims may do with it; BOOTMEM_TAG()
 * @label:	owner, or NULL
 * @addrp:	set to the physical address on success
 *
 * A node's ranges that follow each other without a hole (one reg entry
 * per bank) are searched as one span.
 *
 * Without BOOTMEM_EXACT_NODE a request that does not fit on @nid falls
 * back to the other nodes, nearest first, and finally to any contiguous
 * RAM, even across a node boundary.
 *
 * Whole pages (size and alignment) are found in the bitmap; with
 * BOOTMEM_BYTES a smaller request is found among the free bytes, by the
 * same rules. An allocation without label, flags or tag that covers whole
 * pages has no owner record.
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, an
 * alignment that is not a power of two or unknown flags; -EOVERFLOW if
 * the size rounded up to pages passes the top of the address space;
 * -ENODEV for an unknown node; -ENXIO for BOOTMEM_EXACT_NODE on a node
 * without memory; -ENOMEM if nothing fits, or no memory is left for its
 * owner record. On error nothing changes.
 */
int bootmem_alloc(phys_size_t size, phys_size_t align, phys_addr_t goal,
		  phys_addr_t limit, int nid, unsigned int flags,
		  const char *label, phys_addr_t *addrp)
{
	if (!bm_fast_request(size, align, goal, limit, flags, label))
		return alloc_general(size, align, goal, limit, nid, flags,
				     label, addrp);
	if (bm_fast_page(size, nid, addrp)) {
		log_call("alloc", *addrp, size, nid, NULL, 0);
		return 0;
	}

	/* Passed as constants, they need no register across the fast path. */
	return alloc_general(size, align, 0, BOOTMEM_ALLOC_ANYWHERE, nid, flags,
			     NULL, addrp);
}

/*
 * bootmem_alloc() for every request bm_fast_page() did not serve: the
 * rest of the fast path, then the general one. See bootmem_alloc().
 */
static noinline int alloc_general(phys_size_t size, phys_size_t align,
				  phys_addr_t goal, phys_addr_t limit, int nid,
				  unsigned int flags, const char *label,
				  phys_addr_t *addrp)
{
	struct bm_search q = { .top_down = !(flags & BOOTMEM_BOTTOM_UP) };
	bool exact = flags & BOOTMEM_EXACT_NODE, found;
	phys_addr_t addr = 0, last;
	int ret;

	if (bm_fast_request(size, align, goal, limit, flags, label) &&
	    bm_fast_alloc(size, nid, addrp)) {
		log_call("alloc", *addrp, size, nid, label, 0);
		return 0;
	}
	if (!bm_state.enabled)
		return -EAGAIN;
	if (!size || !align || (align & (align - 1)) ||
	    (flags & ~ALLOC_FLAGS) || bad_claim(flags))
		return -EINVAL;
	if (size + BM_PAGE_MASK < size)
		return -EOVERFLOW;
	if (nid != NUMA_NO_NODE && bootmem_node_info(nid, NULL))
		return -ENODEV;
	if (exact && nid != NUMA_NO_NODE && !bm_node_has_memory(nid))
		return -ENXIO;

	if (flags & BOOTMEM_LOW && limit > BOOTMEM_LOW_ADDRESS_LIMIT)
		limit = BOOTMEM_LOW_ADDRESS_LIMIT;
	q.bytes = (flags & BOOTMEM_BYTES) &&
		  ((size & BM_PAGE_MASK) || align < BOOTMEM_PAGE_SIZE);
	q.len = (size + BM_PAGE_MASK) >> BOOTMEM_PAGE_SHIFT;
	q.align = align > BOOTMEM_PAGE_SIZE ? bm_pfn(align) : 1;
	q.hi = bm_limit_pfn(limit);
	q.lo = bm_pfn(goal + BM_PAGE_MASK);
	if (goal + BM_PAGE_MASK < goal)
		q.lo = q.hi;
	q.size = size;
	q.balign = align;
	q.blo = goal;
	q.blast = limit == BOOTMEM_ALLOC_ANYWHERE ? limit : limit - 1;

	/* A limit of 0 leaves no byte: q.blast would wrap. */
	found = (!q.bytes || limit) && search(&q, nid, exact, &addr);
	if (!found && (!q.bytes || limit) && goal) {
		q.lo = 0;
		q.blo = 0;
		found = search(&q, nid, exact, &addr);
	}
	ret = -ENOMEM;
	if (found) {
		last = q.bytes ? addr + size - 1 :
		       bm_page_last(bm_pfn(addr) + q.len - 1);
		ret = take(addr, last, flags, label);
	}
	if (!ret)
		*addrp = addr;
	log_call("alloc", ret ? 0 : addr, size, nid, label, ret);

	return ret;
}

/* Fold what byte @b is into @s. */
static void scan_one(const struct bm_byte *b, struct bm_scan *s)
{
	s->free |= b->kind == BOOTMEM_FREE;
	s->reserved |= b->kind == BOOTMEM_RESERVED;
	s->allocated |= b->kind == BOOTMEM_ALLOCATED;
	s->recordless |= b->recordless;
	if (b->kind == BOOTMEM_ALLOCATED &&
	    (b->recordless || !(b->flags & BOOTMEM_REPLACEABLE)))
		s->replaceable = false;
}

/*
 * What the RAM bytes of [base, last] hold (bytes in holes are skipped):
 * only once enabled.
 */
static void scan(phys_addr_t base, phys_addr_t last, struct bm_scan *s)
{
	const struct bm_range *r;
	phys_addr_t x, wlast;
	struct bm_byte b;

	memset(s, 0, sizeof(*s));
	s->replaceable = true;
	for_each_range_in(r, first_page(base), end_page(last)) {
		x = base > bm_addr(r->pfn) ? base : bm_addr(r->pfn);
		wlast = bm_page_last(bm_range_end(r) - 1);
		if (last < wlast)
			wlast = last;
		for (;;) {
			bm_byte_at(x, wlast, &b);
			scan_one(&b, s);
			if (b.recordless &&
			    ((x == base && (x & BM_PAGE_MASK)) ||
			     (b.last == last &&
			      (last & BM_PAGE_MASK) != BM_PAGE_MASK)))
				s->cut = true;
			if (b.last == wlast)
				break;
			x = b.last + 1;
		}
	}
}

/* Whether a record overlaps [base, last] in a byte of registered RAM. */
static bool records_in_ram(phys_addr_t base, phys_addr_t last)
{
	unsigned int i = bm_owner_upper(last);
	const struct bm_owner *o;
	const struct bm_range *r;
	phys_addr_t s, e;

	while (bm_owner_prev_over(&i, base)) {
		o = &bm_state.own.rec[i];
		s = base > o->base ? base : o->base;
		e = last < o->last ? last : o->last;
		r = bm_range_of(bm_pfn(s));
		if (r && r->pfn <= bm_pfn(e))
			return true;
	}

	return false;
}

/*
 * Whether a replaceable claim of [base, last] may not go there: a byte is
 * in use without a record, or in a record that is neither replaceable nor
 * a load buffer holding the whole claim.
 */
static bool replace_refused(phys_addr_t base, phys_addr_t last,
			    const struct bm_scan *s)
{
	unsigned int i = bm_owner_upper(last);
	const struct bm_owner *o;

	if (s->recordless)
		return true;
	while (bm_owner_prev_over(&i, base)) {
		o = &bm_state.own.rec[i];
		if (o->kind == BOOTMEM_ALLOCATED &&
		    (o->flags & BOOTMEM_REPLACEABLE))
			continue;
		if (o->kind != BOOTMEM_ALLOCATED ||
		    !(o->flags & BOOTMEM_LOAD_BUFFER) || o->base > base ||
		    o->last < last)
			return true;
	}

	return false;
}

/*
 * The bytes a call covers: exact with BOOTMEM_BYTES, else the whole pages
 * @addr .. @addr + @size - 1 touch. False if @size is 0 or they wrap.
 */
static bool covered(phys_addr_t addr, phys_size_t size, unsigned int flags,
		    phys_addr_t *basep, phys_addr_t *lastp)
{
	u64 lo, hi;

	if (!bm_span_pfns(addr, size, &lo, &hi))
		return false;
	*basep = (flags & BOOTMEM_BYTES) ? addr : bm_addr(lo);
	*lastp = (flags & BOOTMEM_BYTES) ? addr + size - 1 :
		 bm_page_last(hi - 1);

	return true;
}

/*
 * The checks bootmem_alloc_at() and bootmem_free_flags() make, in the
 * order their Return: sections list them; @allowed is the call's flags.
 * On success [*@basep, *@lastp] is what the range covers, all RAM.
 */
static int claim_args(phys_addr_t addr, phys_size_t size, unsigned int flags,
		      unsigned int allowed, phys_addr_t *basep,
		      phys_addr_t *lastp)
{
	if (!bm_state.enabled)
		return -EAGAIN;
	if (!size || (flags & ~allowed) || bad_claim(flags) ||
	    (!(flags & BOOTMEM_BYTES) && (addr & BM_PAGE_MASK)))
		return -EINVAL;
	if (!covered(addr, size, flags, basep, lastp))
		return -EOVERFLOW;
	if (!bm_bytes_present(*basep, *lastp))
		return -ERANGE;

	return 0;
}

/**
 * bootmem_alloc_at() - allocate memory at a given address
 * @addr:	physical address, page aligned unless BOOTMEM_BYTES
 * @size:	bytes, rounded up to whole pages unless BOOTMEM_BYTES; not 0
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP, BOOTMEM_BYTES, BOOTMEM_TAG();
 *		BOOTMEM_REPLACEABLE or BOOTMEM_LOAD_BUFFER (not both)
 * @label:	owner, or NULL
 *
 * A claim needs every byte free. A BOOTMEM_REPLACEABLE claim may also
 * take bytes of earlier replaceable allocations (they are cut back), and
 * may lie in a BOOTMEM_LOAD_BUFFER allocation if it lies wholly inside it.
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, an
 * unaligned address or bad flags; -EOVERFLOW if the range passes the top
 * of the address space; -ERANGE if it is not all RAM; -EBUSY if a byte is
 * in use (and, replaceable, not one it may take); -ENOMEM if no memory is
 * left for its owner record. On error nothing changes.
 */
int bootmem_alloc_at(phys_addr_t addr, phys_size_t size, unsigned int flags,
		     const char *label)
{
	phys_addr_t base, last;
	struct bm_scan s;
	bool busy;
	int ret;

	ret = claim_args(addr, size, flags, AT_FLAGS, &base, &last);
	if (ret)
		return ret;

	scan(base, last, &s);
	if (flags & BOOTMEM_REPLACEABLE)
		busy = replace_refused(base, last, &s);
	else
		busy = s.reserved || s.allocated;
	ret = busy ? -EBUSY :
	      take(base, last, flags, label);
	log_call("alloc_at", addr, size, bootmem_addr_to_nid(addr),
		 label, ret);

	return ret;
}

/* Whether a page of [lo, hi), present pages, is in use. */
static bool pages_used(u64 lo, u64 hi)
{
	const struct bm_range *r;
	u64 b, e;

	for_each_range_in(r, lo, hi) {
		bm_clip_bits(r, lo, hi, &b, &e);
		if (b < e && bm_next_used(&bm_state.map, b, e) < e)
			return true;
	}

	return false;
}

/*
 * Check (@take false) or take every block of @n pages at every @step
 * pages from page @lo, while a block ends by page @hi.
 */
static int every_block(u64 lo, u64 n, u64 step, u64 hi, bool take)
{
	u64 p;

	for (p = lo; hi - p >= n; p += step) {
		if (take)
			bm_mark(p, p + n, true);
		else if (!bm_pfns_present(p, p + n))
			return -ERANGE;
		else if (pages_used(p, p + n))
			return -EBUSY;
		if (hi - p < step)
			break;
	}

	return 0;
}

/**
 * bootmem_alloc_at_every() - allocate the same block over and over, a
 *			      step apart
 * @addr:	the first block, page aligned
 * @size:	bytes of each block, whole pages, not 0
 * @step:	bytes from one block to the next, whole pages, at least @size
 * @end:	blocks end by here (one past the last byte), page aligned
 *
 * What bootmem_alloc_at(a, @size, 0, NULL) for a = @addr, @addr + @step,
 * ... would do, in one call and at the speed of the bitmap: unlabelled
 * whole pages, no owner record. For benchmarks and tests that need a
 * fragmented map (every other page in use over terabytes).
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, a
 * step below it, a value not page aligned or no block before @end;
 * -ERANGE if a block is not all RAM; -EBUSY if a page of one is in use.
 * On error nothing changes.
 */
int bootmem_alloc_at_every(phys_addr_t addr, phys_size_t size,
			   phys_size_t step, phys_addr_t end)
{
	u64 lo = bm_pfn(addr), n = bm_pfn(size), st = bm_pfn(step);
	u64 hi = bm_pfn(end);
	int ret;

	if (!bm_state.enabled)
		return -EAGAIN;
	if (!size || step < size || ((addr | size | step | end) & BM_PAGE_MASK) ||
	    hi <= lo || hi - lo < n)
		return -EINVAL;

	ret = every_block(lo, n, st, hi, false);
	if (!ret)
		every_block(lo, n, st, hi, true);

	return ret;
}

/* Whether a reservation of [base, last] with @flags is refused as busy. */
static bool reserve_busy(phys_addr_t base, phys_addr_t last,
			 unsigned int flags)
{
	struct bm_scan s;

	if (!bm_state.enabled)
		return (flags & BOOTMEM_EXCLUSIVE) &&
		       records_in_ram(base, last);
	scan(base, last, &s);
	if (flags & BOOTMEM_EXCLUSIVE)
		return s.reserved || s.allocated;
	if (!(flags & BOOTMEM_FORCE))
		return s.allocated;

	return s.cut;
}

/**
 * bootmem_reserve() - keep memory from being allocated
 * @addr:	physical address
 * @size:	bytes; not 0. Without BOOTMEM_BYTES partial pages at either
 *		end are reserved whole
 * @flags:	BOOTMEM_EXCLUSIVE: fail if any byte is already in use;
 *		BOOTMEM_FORCE: take over allocated bytes instead of failing;
 *		BOOTMEM_KEEP, BOOTMEM_NOMAP: how the OS must treat them;
 *		BOOTMEM_BYTES: exact bytes; BOOTMEM_TAG()
 * @label:	owner, or NULL
 *
 * Reservations may overlap each other (firmware reservations nest) and
 * may be made before bootmem_enable(). Bytes in holes are ignored.
 * Reservations are permanent: bootmem_free() refuses reserved bytes. A
 * byte-exact reservation never takes part of a page allocated without a
 * record, not even forced.
 *
 * Return: 0; -EINVAL for a zero size or unknown flags; -EOVERFLOW if the
 * range passes the top of the address space; -ERANGE if it holds no RAM;
 * -EBUSY if it overlaps an allocation (or, with BOOTMEM_EXCLUSIVE,
 * anything in use); -ENOMEM if no memory is left for its record. On error
 * nothing changes.
 */
int bootmem_reserve(phys_addr_t addr, phys_size_t size, unsigned int flags,
		    const char *label)
{
	const struct bm_range *r;
	phys_addr_t base, last;
	int ret;

	if (!size || (flags & ~RESERVE_FLAGS))
		return -EINVAL;
	if (!covered(addr, size, flags, &base, &last))
		return -EOVERFLOW;
	r = bm_range_of(bm_pfn(base));
	if (!r || r->pfn > bm_pfn(last))
		return -ERANGE;

	ret = reserve_busy(base, last, flags) ? -EBUSY :
	      bm_owners_room(1, first_page(base), end_page(last));
	if (!ret) {
		bm_owner_add(base, last, BOOTMEM_RESERVED, flags, label);
		if (bm_state.enabled)
			bm_mark(first_page(base), end_page(last), true);
	}
	log_call("reserve", addr, size, bootmem_addr_to_nid(addr),
		 label, ret);

	return ret;
}

/* Whether pages [lo, hi) hold bootmem's own: the bitmap or the owner table. */
static bool holds_own(u64 lo, u64 hi)
{
	const struct bm_bitmap *m = &bm_state.map;
	const struct bm_owners *t = &bm_state.own;

	return (lo < m->pfn + bm_map_pages() && m->pfn < hi) ||
	       (lo < t->pfn + t->pages && t->pfn < hi);
}

/* Give bytes [base, last] back: take them from records, then the bits. */
static int give_back(phys_addr_t base, phys_addr_t last, enum bm_cut cut)
{
	int ret = bm_owners_room(bm_owner_splits(base, last, cut), 0, 0);

	if (ret)
		return ret;
	bm_owner_cut(base, last, cut);
	bm_owners_sync_pages(first_page(base), end_page(last));

	return 0;
}

/**
 * bootmem_free_flags() - return allocated memory
 * @addr:	physical address, page aligned unless BOOTMEM_BYTES
 * @size:	bytes, rounded up to whole pages unless BOOTMEM_BYTES; not 0
 * @flags:	BOOTMEM_BYTES: exact bytes (what LMB frees)
 *
 * Any part of an allocation may be freed; every byte must be allocated:
 * free bytes (a double free, or a range never allocated) and reserved
 * bytes are refused. Freeing the middle of an allocation with an owner
 * record cuts the record in two, which may need memory for the table.
 *
 * Where allocations nest (replaceable claims in a load buffer) the
 * innermost go: if every byte of the range is named by a replaceable
 * claim, only the claims lose the bytes, and the buffer keeps them in
 * use; otherwise every allocation loses them, buffer and claims alike.
 *
 * Return: 0; -EAGAIN before bootmem_enable(); -EINVAL for a zero size, an
 * unaligned address, unknown flags, or BOOTMEM_BYTES cutting a page that
 * was allocated without a record; -EOVERFLOW if the range passes the top
 * of the address space; -ERANGE if it is not all RAM; -ENOENT if a byte
 * is free; -EACCES if a byte is reserved; -ENOMEM if a record must be cut
 * in two and no memory is left for it. On error nothing changes.
 */
int bootmem_free_flags(phys_addr_t addr, phys_size_t size, unsigned int flags)
{
	phys_addr_t base, last;
	struct bm_scan s;
	int ret;

	ret = claim_args(addr, size, flags, FREE_FLAGS, &base, &last);
	if (ret)
		return ret;

	scan(base, last, &s);
	if (s.free)
		ret = -ENOENT;
	else if (s.reserved)
		ret = -EACCES;
	else if (s.cut)
		ret = -EINVAL;
	else
		ret = give_back(base, last, s.replaceable ? BM_CUT_REPLACEABLE :
				BM_CUT_ALLOCATED);
	log_call("free", addr, size, bootmem_addr_to_nid(addr), NULL, ret);

	return ret;
}

/**
 * bootmem_release() - free the whole pages of a range, reserved or allocated
 * @addr:	physical address
 * @size:	bytes; not 0
 *
 * What Linux's free_bootmem() does, which tells no reservation from an
 * allocation: an initrd or firmware table reserved at boot is given back
 * once used. Only the whole pages inside the range are freed; partial
 * pages at either end stay as they are, so a range holding no whole page
 * frees nothing. Every byte of those pages must be in use; records over
 * them are cut back, and one cut in two may need memory for the table.
 * bootmem's own pages (the bitmap, the owner table) are never released.
 *
 * Return: 0 (also when no whole page lies inside); -EAGAIN before
 * bootmem_enable(); -EINVAL for a zero size; -EOVERFLOW if the range
 * passes the top of the address space; -ERANGE if its whole pages are not
 * all RAM; -ENOENT if a byte of them is free; -EBUSY if one holds
 * bootmem's own memory, which it uses; -ENOMEM if a record must be cut in
 * two and no memory is left for it. On error nothing changes.
 */
int bootmem_release(phys_addr_t addr, phys_size_t size)
{
	struct bm_scan s;
	u64 lo, hi;
	int ret;

	if (!bm_state.enabled)
		return -EAGAIN;
	if (!size)
		return -EINVAL;
	if (addr + size - 1 < addr)
		return -EOVERFLOW;
	if (!bm_inner_pfns(addr, size, &lo, &hi))
		return 0;
	if (!bm_pfns_present(lo, hi))
		return -ERANGE;

	scan(bm_addr(lo), bm_page_last(hi - 1), &s);
	if (s.free)
		ret = -ENOENT;
	else if (holds_own(lo, hi))
		ret = -EBUSY;
	else
		ret = give_back(bm_addr(lo), bm_page_last(hi - 1), BM_CUT_ALL);
	log_call("release", addr, size, bootmem_addr_to_nid(addr),
		 NULL, ret);

	return ret;
}
