// SPDX-License-Identifier: GPL-2.0+
/*
 * The owner table: every reservation, and every allocation that carries a
 * label or flags or does not cover whole pages, as a record of bytes
 * [base, last]. The bitmap says whether any byte of a page is in use; this
 * table says which bytes, and who uses them.
 *
 * One invariant keeps every byte unambiguous:
 *
 *	byte x is in use  <=>  bit(page(x)) and (no record touches page(x),
 *					      or some record covers x)
 *
 * It holds because a page holding memory allocated without a record is
 * entirely in use and no record ever shares it: record-less allocations
 * take only pages whose bit is 0, whole; a byte-precise claim or
 * reservation refuses a page in use that no record touches; reservations
 * made without BOOTMEM_BYTES are rounded out to whole pages; and a page's
 * bit is set whenever a record touches it, and cleared only when no record
 * touches it any more and its record-less memory, if any, was freed whole.
 *
 * Records are sorted by base. Reservations may nest and overlap; an
 * allocation overlaps another only as a BOOTMEM_REPLACEABLE claim wholly
 * inside a BOOTMEM_LOAD_BUFFER one. Records that touch or overlap and have
 * the same kind, flags, tag and label merge as they are added (for claims,
 * only within the same load buffer, or outside any): 20,000 adjacent
 * blocks a loader claims one by one become one record, each in O(log n).
 *
 * The table starts on the port's heap. Once bootmem is enabled, a table
 * that is full moves into pages bootmem allocates from itself, labelled
 * "bootmem owners", which double (memblock_double_array()'s model) when a
 * change needs more records than they hold. Every change first makes its
 * room, so running out of memory for records is -ENOMEM with nothing
 * changed.
 */

#include "bootmem_internal.h"

/* Records a heap table starts with; it doubles when full. */
#define OWNERS_INITIAL	16
#define HANDOFF_FLAGS	(BOOTMEM_KEEP | BOOTMEM_NOMAP)
#define CLAIM_FLAGS	(BOOTMEM_REPLACEABLE | BOOTMEM_LOAD_BUFFER)
#define LAST_BYTE	(~(phys_addr_t)0)

static inline struct bm_owner *rec(unsigned int i)
{
	return &bm_state.own.rec[i];
}

/**
 * bm_owner_upper() - the first record above a byte
 * @x:		byte
 *
 * Return: the index of the first record whose base is above @x (the
 * number of records if there is none)
 */
unsigned int bm_owner_upper(phys_addr_t x)
{
	unsigned int lo = 0, hi = bm_state.own.nr;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (rec(mid)->base <= x)
			lo = mid + 1;
		else
			hi = mid;
	}

	return lo;
}

/**
 * bm_owner_prev_over() - step down to the next record that reaches a byte
 * @pos:	cursor: start at bm_owner_upper(last) to walk the records
 *		that overlap [@lo, last]; set to the record found
 * @lo:		the byte the record must reach
 *
 * Every record below the cursor has a base at or below last; the walk
 * stops where no record further down reaches @lo, which the table's
 * running maximum of last bytes tells without looking at them.
 *
 * Return: true if a record at *@pos reaches @lo
 */
bool bm_owner_prev_over(unsigned int *pos, phys_addr_t lo)
{
	while (*pos > 0) {
		const struct bm_owner *o = rec(--*pos);

		if (o->reach < lo)
			return false;
		if (o->last >= lo)
			return true;
	}

	return false;
}

/**
 * bm_owner_touches() - whether a record holds a byte of [base, last]
 * @base:	first byte
 * @last:	last byte
 *
 * Return: true if some record overlaps the range
 */
bool bm_owner_touches(phys_addr_t base, phys_addr_t last)
{
	unsigned int i = bm_owner_upper(last);

	return i && rec(i - 1)->reach >= base;
}

/*
 * Whether record @a names the bytes it shares with @b rather than @b
 * does: a reservation before an allocation; the smallest reservation
 * (then the lowest, then by label, flags and tag: records that share a
 * byte never tie); the claim nested in a load buffer before the buffer.
 */
static bool names_over(const struct bm_owner *a, const struct bm_owner *b)
{
	if (!b)
		return true;
	if (a->kind != b->kind)
		return a->kind == BOOTMEM_RESERVED;
	if (a->kind == BOOTMEM_ALLOCATED &&
	    (a->flags & BOOTMEM_REPLACEABLE) != (b->flags & BOOTMEM_REPLACEABLE))
		return a->flags & BOOTMEM_REPLACEABLE;
	if (a->last - a->base != b->last - b->base)
		return a->last - a->base < b->last - b->base;
	if (a->base != b->base)
		return a->base < b->base;
	if (strcmp(a->label, b->label) != 0)
		return strcmp(a->label, b->label) < 0;
	if (a->flags != b->flags)
		return a->flags < b->flags;

	return a->tag < b->tag;
}

static void min_last(phys_addr_t *last, phys_addr_t x)
{
	if (x < *last)
		*last = x;
}

/* Bytes past @x (up to @b->last) in the pages the bitmap has @used or not. */
static void bitmap_stretch(phys_addr_t x, bool used, struct bm_byte *b)
{
	u64 pfn = bm_pfn(x);
	const struct bm_range *r = bm_range_of(pfn);
	u64 bit = bm_pfn_to_bit(r, pfn);
	u64 end = bit + (bm_pfn(b->last) - pfn) + 1;
	u64 stop = used ? bm_next_free(&bm_state.map, bit, end) :
			  bm_next_used(&bm_state.map, bit, end);

	min_last(&b->last, bm_addr(pfn + (stop - bit)) - 1);
}

/**
 * bm_byte_at() - what a byte of RAM is, and for how long
 * @x:		a byte in a whole page of registered RAM
 * @wlast:	the last byte of interest, at or above @x, in the same span
 *		of RAM
 * @b:		filled in; @b->last is at most @wlast
 *
 * Once enabled: the records covering @x say who owns it; uncovered, it is
 * free unless its page is in use and no record touches the page.
 */
void bm_byte_at(phys_addr_t x, phys_addr_t wlast, struct bm_byte *b)
{
	unsigned int i = bm_owner_upper(x), next = i;
	const struct bm_owner *o;
	u64 pfn = bm_pfn(x);

	memset(b, 0, sizeof(*b));
	b->last = wlast;
	if (i < bm_state.own.nr)
		min_last(&b->last, rec(i)->base - 1);
	while (bm_owner_prev_over(&i, x)) {
		o = rec(i);
		min_last(&b->last, o->last);
		b->flags |= o->flags & HANDOFF_FLAGS;
		if (names_over(o, b->name))
			b->name = o;
	}
	if (b->name) {
		b->kind = b->name->kind;
		b->flags |= b->name->flags & CLAIM_FLAGS;
		return;
	}
	b->flags = 0;
	if (!bm_page_used(pfn)) {
		bitmap_stretch(x, false, b);
	} else if (bm_owner_touches(bm_addr(pfn), bm_page_last(pfn))) {
		min_last(&b->last, bm_page_last(pfn));
	} else {
		b->kind = BOOTMEM_ALLOCATED;
		b->recordless = true;
		i = next;
		if (i < bm_state.own.nr)
			min_last(&b->last, bm_addr(bm_pfn(rec(i)->base)) - 1);
		bitmap_stretch(x, true, b);
	}
}

/*
 * Bring the running maximum of last bytes up to date from record @from on,
 * after a change there. Past @from it stops at the first record whose
 * maximum comes out as it was: the ones above were computed from it.
 */
static void fix_reach(unsigned int from)
{
	unsigned int i;
	phys_addr_t r;

	for (i = from; i < bm_state.own.nr; i++) {
		r = rec(i)->last;
		if (i && rec(i - 1)->reach > r)
			r = rec(i - 1)->reach;
		if (i > from && rec(i)->reach == r)
			return;
		rec(i)->reach = r;
	}
}

/* Put @o in its place by base, after those of the same base; room made. */
static void insert_raw(const struct bm_owner *o)
{
	unsigned int pos = bm_owner_upper(o->base);

	memmove(rec(pos + 1), rec(pos),
		(bm_state.own.nr - pos) * sizeof(*o));
	*rec(pos) = *o;
	bm_state.own.nr++;
	fix_reach(pos);
}

static void delete_at(unsigned int i)
{
	bm_state.own.nr--;
	memmove(rec(i), rec(i + 1), (bm_state.own.nr - i) * sizeof(*rec(i)));
	fix_reach(i);
}

/* Whether a cut of kind @cut takes bytes from @o. */
static bool cut_takes(const struct bm_owner *o, enum bm_cut cut)
{
	if (cut == BM_CUT_ALL)
		return true;
	if (o->kind != BOOTMEM_ALLOCATED)
		return false;

	return cut == BM_CUT_ALLOCATED || (o->flags & BOOTMEM_REPLACEABLE);
}

/**
 * bm_owner_splits() - how many records a cut would split in two
 * @base:	first byte of the cut
 * @last:	its last byte
 * @cut:	which records it takes bytes from
 *
 * Each split leaves one record more: bm_owners_room() must have room.
 *
 * Return: the records of kind @cut that start below @base and end past
 * @last
 */
unsigned int bm_owner_splits(phys_addr_t base, phys_addr_t last,
			     enum bm_cut cut)
{
	unsigned int i = bm_owner_upper(last), n = 0;
	const struct bm_owner *o;

	while (bm_owner_prev_over(&i, base)) {
		o = rec(i);
		n += cut_takes(o, cut) && o->base < base && o->last > last;
	}

	return n;
}

/**
 * bm_owner_cut() - take bytes [base, last] from records
 * @base:	first byte
 * @last:	last byte
 * @cut:	which records lose them
 *
 * Records inside go, records across an end are cut back, and a record the
 * range lies inside of is split in two, which needs the room
 * bm_owner_splits() counts. The bitmap is the caller's to update.
 */
void bm_owner_cut(phys_addr_t base, phys_addr_t last, enum bm_cut cut)
{
	unsigned int i = bm_owner_upper(last);
	struct bm_owner *o, high;

	while (bm_owner_prev_over(&i, base)) {
		o = rec(i);
		if (!cut_takes(o, cut))
			continue;
		high = *o;
		high.base = last + 1;
		if (o->base < base) {
			o->last = base - 1;
			fix_reach(i);
		} else {
			delete_at(i);
		}
		/* What is left above starts higher: it moves up the table. */
		if (high.last > last)
			insert_raw(&high);
	}
}

/*
 * The load buffer a replaceable claim @o lies in: its base, or LAST_BYTE
 * for none (no buffer starts at the top byte: it would hold no claim).
 */
static phys_addr_t container(const struct bm_owner *o)
{
	unsigned int i = bm_owner_upper(o->base);
	const struct bm_owner *c;

	if (o->kind != BOOTMEM_ALLOCATED || !(o->flags & BOOTMEM_REPLACEABLE))
		return LAST_BYTE;
	while (bm_owner_prev_over(&i, o->base)) {
		c = rec(i);
		if (c->kind == BOOTMEM_ALLOCATED &&
		    (c->flags & BOOTMEM_LOAD_BUFFER))
			return c->base;
	}

	return LAST_BYTE;
}

static bool same_owner(const struct bm_owner *a, const struct bm_owner *b)
{
	return a->kind == b->kind && a->flags == b->flags && a->tag == b->tag &&
	       !strcmp(a->label, b->label);
}

/*
 * A record @n may merge with: one of the same owner that touches or
 * overlaps it, in the same load buffer. Returns how many there are and,
 * in *@firstp, the index of one.
 */
static unsigned int merge_candidates(const struct bm_owner *n,
				     unsigned int *firstp)
{
	phys_addr_t lo = n->base ? n->base - 1 : 0;
	phys_addr_t hi = n->last != LAST_BYTE ? n->last + 1 : LAST_BYTE;
	phys_addr_t box = container(n);
	unsigned int i = bm_owner_upper(hi), count = 0;

	while (bm_owner_prev_over(&i, lo)) {
		if (!same_owner(rec(i), n) || container(rec(i)) != box)
			continue;
		*firstp = i;
		count++;
	}

	return count;
}

/**
 * bm_owner_add() - record an owner for bytes [base, last]
 * @base:	first byte
 * @last:	last byte
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @flags:	BM_RECORD_FLAGS, BM_OWN_SELF and the tag (BOOTMEM_TAG()); other
 *		flags are ignored
 * @label:	owner, may be NULL; longer labels are cut to fit
 *
 * The record merges with those of the same owner it touches. There must
 * be room for one record (bm_owners_room()).
 */
void bm_owner_add(phys_addr_t base, phys_addr_t last, enum bootmem_kind kind,
		  unsigned int flags, const char *label)
{
	struct bm_owner n = {
		.base = base, .last = last, .kind = kind,
		.flags = flags & (BM_RECORD_FLAGS | BM_OWN_SELF),
		.tag = BOOTMEM_TAG_OF(flags),
	};
	unsigned int i = 0;
	struct bm_owner *c;

	snprintf(n.label, sizeof(n.label), "%s", label ? label : "");
	if (flags & BM_OWN_SELF) {
		insert_raw(&n);
		return;
	}
	/* The common case: it extends the one record it touches upward. */
	if (merge_candidates(&n, &i) == 1 && rec(i)->base <= base) {
		c = rec(i);
		if (last > c->last) {
			c->last = last;
			fix_reach(i);
		}
		return;
	}
	while (merge_candidates(&n, &i)) {
		c = rec(i);
		if (c->base < n.base)
			n.base = c->base;
		if (c->last > n.last)
			n.last = c->last;
		delete_at(i);
	}
	insert_raw(&n);
}

/**
 * bm_owners_sync_pages() - set the bits of pages [lo, hi) from the records
 * @lo:		first page
 * @hi:		one past the last page
 *
 * After records were cut or moved: a page is in use exactly if a record
 * still touches it. Only for pages without record-less memory, or whose
 * record-less memory is being freed.
 */
void bm_owners_sync_pages(u64 lo, u64 hi)
{
	unsigned int i = bm_owner_upper(bm_page_last(hi - 1));
	const struct bm_owner *o;
	u64 s, e;

	bm_mark(lo, hi, false);
	while (bm_owner_prev_over(&i, bm_addr(lo))) {
		o = rec(i);
		s = bm_pfn(o->base) > lo ? bm_pfn(o->base) : lo;
		e = bm_pfn(o->last) + 1 < hi ? bm_pfn(o->last) + 1 : hi;
		bm_mark(s, e, true);
	}
}

/**
 * bm_owners_fit() - how many records a table of @pages pages holds
 * @pages:	pages
 *
 * Return: the records
 */
unsigned int bm_owners_fit(u64 pages)
{
	return bm_addr(pages) / sizeof(struct bm_owner);
}

/* Copy the records into pages [pfn, pfn + pages) of RAM and use them. */
static void table_to(u64 pfn, u64 pages)
{
	struct bm_owner *t = bootmem_port_map(bm_addr(pfn), bm_addr(pages));

	if (bm_state.own.nr)
		memcpy(t, bm_state.own.rec, bm_state.own.nr * sizeof(*t));
	bm_state.own.rec = t;
	bm_state.own.cap = bm_owners_fit(pages);
	bm_state.own.pfn = pfn;
	bm_state.own.pages = pages;
}

/**
 * bm_owners_drop() - forget the table, freeing it if it is on the heap
 */
void bm_owners_drop(void)
{
	if (!bm_state.own.pages)
		bootmem_port_free(bm_state.own.rec);
	memset(&bm_state.own, 0, sizeof(bm_state.own));
}

/**
 * bm_owners_grow_heap() - double the table on the port's heap
 * @want:	records it must hold at least
 *
 * Return: 0; -ENOMEM if the heap is full (the table kept)
 */
int bm_owners_grow_heap(unsigned int want)
{
	unsigned int cap = bm_state.own.cap ? bm_state.own.cap : OWNERS_INITIAL;
	struct bm_owner *t;

	while (cap < want)
		cap *= 2;
	t = bm_heap_grow(bm_state.own.rec, bm_state.own.nr * sizeof(*t),
			 cap * sizeof(*t));
	if (!t)
		return -ENOMEM;
	bm_state.own.rec = t;
	bm_state.own.cap = cap;

	return 0;
}

/* The record of the table's own pages: it moves with them. */
static unsigned int self_record(void)
{
	phys_addr_t base = bm_addr(bm_state.own.pfn);
	unsigned int i = bm_owner_upper(base);

	while (bm_owner_prev_over(&i, base))
		if ((rec(i)->flags & BM_OWN_SELF) && rec(i)->base == base)
			break;

	return i;
}

/**
 * bm_owners_move() - move the table into free pages of RAM
 * @pfn:	first page, free, found by the caller
 * @pages:	pages; they hold the records and one more for the table's
 *		own record if it has none yet
 *
 * The pages are marked in use, the records copied, the old table given
 * back (its pages in RAM, or the heap), and the table's own record ("bootmem
 * owners") moved along or, the first time, made. The port hears of the
 * pages taken and given back (U-Boot tells EFI's memory map).
 */
void bm_owners_move(u64 pfn, u64 pages)
{
	u64 old = bm_state.own.pfn, old_pages = bm_state.own.pages;
	struct bm_owner self = { .kind = BOOTMEM_RESERVED,
				 .flags = BM_OWN_SELF,
				 .label = "bootmem owners" };
	struct bm_owner *heap = bm_state.own.rec;

	bm_mark(pfn, pfn + pages, true);
	if (old_pages) {
		self = *rec(self_record());
		delete_at(self_record());
	}
	table_to(pfn, pages);
	self.base = bm_addr(pfn);
	self.last = bm_page_last(pfn + pages - 1);
	insert_raw(&self);
	bootmem_port_own_pages(self.base, bm_addr(pages), true);
	if (old_pages) {
		bm_owners_sync_pages(old, old + old_pages);
		bootmem_port_own_pages(bm_addr(old), bm_addr(old_pages), false);
	} else {
		bootmem_port_free(heap);
	}
}
