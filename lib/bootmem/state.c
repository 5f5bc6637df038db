// SPDX-License-Identifier: GPL-2.0+
/*
 * The state as a whole: bootmem_enable(), which closes the registry,
 * places the bitmap clear of every reservation and opens allocation;
 * bootmem_reset(); and bootmem_push() and bootmem_pop(), which put the
 * whole state aside for a test. The layer above the registry, the owner
 * table and allocation, as it uses them all.
 */

#include "bootmem_internal.h"

/**
 * bootmem_reset() - forget every node, reservation and allocation
 *
 * Afterwards the registry is open again. What bootmem holds on the heap is
 * freed; memory bootmem used in RAM (the bitmap, the registry's tables
 * beside it, the owner table) is not touched: it is simply no longer
 * used. A bootmem_push() state stays one, with nothing in it.
 */
void bootmem_reset(void)
{
	bool on_heap = bm_state.on_heap;
	struct bm_state *saved = bm_state.saved;

	bm_tables_free();
	bm_owners_drop();
	if (bm_state.on_heap)
		bootmem_port_free(bm_state.map.words);
	memset(&bm_state, 0, sizeof(bm_state));
	bm_state.on_heap = on_heap;
	bm_state.saved = saved;
}

/**
 * bootmem_enabled() - whether bootmem_enable() has run
 *
 * Return: true once the registry is closed and allocation open
 */
bool bootmem_enabled(void)
{
	return bm_state.enabled;
}

/**
 * bootmem_push() - put the whole state aside and start a blank one
 *
 * For tests: the new state is empty and open for registration, like a
 * fresh boot, but its bitmap and tables come from the port's heap, never
 * from the RAM it manages, so it may describe memory that does not even
 * exist. The state put aside is not touched until bootmem_pop(). Pushes
 * nest.
 *
 * Return: 0; -ENOMEM if the heap has no room to keep the state aside
 */
int bootmem_push(void)
{
	struct bm_state *saved = bootmem_port_alloc(sizeof(*saved));

	if (!saved)
		return -ENOMEM;
	*saved = bm_state;
	memset(&bm_state, 0, sizeof(bm_state));
	bm_state.on_heap = true;
	bm_state.saved = saved;

	return 0;
}

/**
 * bootmem_pop() - drop the state bootmem_push() started, restore the last
 *
 * Everything the pushed state holds on the heap is freed, and the state
 * put aside comes back exactly as it was.
 *
 * Return: 0; -ENOENT if no state was pushed
 */
int bootmem_pop(void)
{
	struct bm_state *saved = bm_state.saved;

	if (!saved)
		return -ENOENT;
	bootmem_reset();
	bm_state = *saved;
	bootmem_port_free(saved);

	return 0;
}

/*
 * Where the bitmap goes: the highest window of @pages pages in a span of
 * @nid's RAM (of any RAM for NUMA_NO_NODE, as an allocation would),
 * ending by page @limit, clear of every reservation made so far. Before
 * bootmem_enable() every owner record is a reservation.
 */
static u64 place_map(u64 pages, int nid, u64 limit)
{
	const struct bm_range *first, *last;
	unsigned int pos, i;
	u64 end, low;

	for_each_span(nid, true, pos, first, last) {
		end = bm_range_end(last) < limit ? bm_range_end(last) : limit;
		while (end >= first->pfn + pages) {
			low = end;
			i = bm_owner_upper(bm_page_last(end - 1));
			while (bm_owner_prev_over(&i, bm_addr(end - pages)))
				if (bm_pfn(bm_state.own.rec[i].base) < low)
					low = bm_pfn(bm_state.own.rec[i].base);
			if (low == end)
				return end - pages;
			end = low;
		}
	}

	return BM_NOT_FOUND;
}

/* Pages registered; with @assign, ranges take consecutive bitmap indices. */
static u64 number_bits(bool assign)
{
	u64 nbits = 0;
	unsigned int i;

	for (i = 0; i < bm_state.nr_ranges; i++) {
		if (assign)
			bm_state.range[i].bit = nbits;
		nbits += bm_state.range[i].pages;
	}

	return nbits;
}

/* Every page a reservation made before bootmem_enable() touches, in use. */
static void mark_reservations(void)
{
	const struct bm_owner *o;
	unsigned int i;

	for (i = 0; i < bm_state.own.nr; i++) {
		o = &bm_state.own.rec[i];
		bm_mark(bm_pfn(o->base), bm_pfn(o->last) + 1, true);
	}
}

/* A bootmem_push() state: the bitmap on the heap, the table stays there. */
static int enable_on_heap(u64 nbits)
{
	void *mem = bootmem_port_alloc(bm_map_bytes(nbits));

	if (!mem)
		return -ENOMEM;
	number_bits(true);
	bm_map_init(&bm_state.map, mem, nbits);
	mark_reservations();
	bm_state.enabled = true;

	return 0;
}

/**
 * bootmem_enable() - close the registry, place the bitmap, open allocation
 * @nid:	node to hold the bitmap, or NUMA_NO_NODE for any
 * @limit:	the bitmap ends at or below this address, as an allocation
 *		does (see bootmem_alloc()); BOOTMEM_ALLOC_ANYWHERE for none
 *
 * The bitmap takes one bit per registered page, holes squeezed out, plus
 * under 2% for summaries, and the registry's tables move from the heap
 * to just after it. It goes as high as it fits, clear of every
 * reservation, and reserves itself ("bootmem bitmap"); then every
 * reservation made so far is marked in it. Like an allocation, it may use
 * adjacent ranges of @nid together, or with NUMA_NO_NODE any contiguous
 * RAM. The owner table stays on the heap until it is full; then it moves
 * into memory bootmem allocates from itself, on the same node and below
 * the same limit when it can. In a bootmem_push() state the bitmap is on
 * the heap too, and reserves nothing.
 *
 * Return: 0; -EALREADY if enabled; -ENODEV if @nid is no node; -ENXIO if
 * it has no memory; -ENOMEM if no memory is registered, the bitmap fits
 * nowhere, or the heap has no room for it (pushed state) or for its
 * record. On error nothing changes.
 */
int bootmem_enable(int nid, phys_addr_t limit)
{
	u64 nbits, pages, pfn;
	u64 *mem;

	if (bm_state.enabled)
		return -EALREADY;
	if (nid != NUMA_NO_NODE && bootmem_node_info(nid, NULL))
		return -ENODEV;
	if (nid != NUMA_NO_NODE && !bm_node_has_memory(nid))
		return -ENXIO;
	if (!bm_state.nr_ranges)
		return -ENOMEM;

	nbits = number_bits(false);
	if (bm_state.on_heap)
		return enable_on_heap(nbits);
	pages = bm_map_pages_for(nbits);
	pfn = place_map(pages, nid, bm_limit_pfn(limit));
	if (pfn == BM_NOT_FOUND || bm_owners_room(1, 0, 0))
		return -ENOMEM;

	number_bits(true);
	mem = bootmem_port_map(bm_addr(pfn), bm_addr(pages));
	bm_map_init(&bm_state.map, mem, nbits);
	bm_tables_move((u8 *)mem + bm_map_bytes(nbits));
	bm_state.map.pfn = pfn;
	mark_reservations();
	bm_mark(pfn, pfn + pages, true);
	bm_owner_add(bm_addr(pfn), bm_page_last(pfn + pages - 1),
		     BOOTMEM_RESERVED, BM_OWN_SELF, "bootmem bitmap");
	bm_state.table_nid = nid;
	bm_state.table_limit = limit;
	bm_state.enabled = true;

	return 0;
}
