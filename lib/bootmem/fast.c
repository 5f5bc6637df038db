// SPDX-License-Identifier: GPL-2.0+
/*
 * The fast path of bootmem_alloc(): small top-down requests without goal,
 * limit, label or flags (BOOTMEM_EXACT_NODE aside), which is nearly every
 * call a booting kernel makes (page tables, a page at a time). Such a
 * request gets the highest fit in the highest span of the node's RAM when
 * there is one there; that is also what the general path gives it. A hint
 * in the bitmap remembers, for one node, the span and how far down its
 * top is known to be in use, so the search reads one word.
 *
 * Its first step, a single page from the hint's word, is inline in
 * bootmem_alloc() (bm_fast_page() in bootmem_internal.h); this file is the
 * rest: taking the hint for another node, and runs of up to a word of
 * pages, or a page whose word would fill and change its block's summary.
 *
 * Anything else -- another request, no fit in that word, a span that is
 * full -- is left to the general path, whose answer is the same: the
 * fast path is an optimisation that can be switched off
 * (bootmem_fast_path), and the differential test and the fuzzer run with
 * it on and off.
 */

#include "bootmem_internal.h"

bool bootmem_fast_path = true;
unsigned long bootmem_fast_path_hits;

/* Point the hint at the top of node @nid's highest span. */
static bool hint_take(struct bm_top_hint *h, int nid)
{
	const struct bm_bitmap *map = &bm_state.map;
	const struct bm_range *first, *last;
	unsigned int pos = 0;
	u64 end;

	if (!bm_next_span(nid, true, &pos, &first, &last))
		return false;
	end = last->bit + last->pages;
	if (end > map->top)
		end = map->top > first->bit ? map->top : first->bit;
	h->nid = nid;
	h->lo = first->bit;
	h->end = end;
	h->pfn_of_bit0 = first->pfn - first->bit;

	return true;
}

/**
 * bm_fast_alloc() - serve bootmem_alloc() from the hint, if it can
 * @size:	bytes, at most BM_FAST_MAX_PAGES pages
 * @nid:	node, or NUMA_NO_NODE
 * @addrp:	set to the physical address when served
 *
 * For a request bm_fast_request() accepts that bm_fast_page() did not
 * serve: once enabled, and for a node id or NUMA_NO_NODE, the hint is
 * taken for @nid if it is another node's, and the run is looked for in
 * the word below it, or else below the top of the free pages of its span.
 *
 * Return: true if the request was served (the pages are marked in use and
 * have no owner record, as the general path would leave them); false if
 * it is left to the general path, with nothing changed but the hint
 */
bool bm_fast_alloc(phys_size_t size, int nid, phys_addr_t *addrp)
{
	struct bm_bitmap *map = &bm_state.map;
	struct bm_top_hint *h = &map->hint;
	u64 len, end, bit;

	if (!bm_state.enabled || nid < NUMA_NO_NODE)
		return false;
	if (h->nid != nid && !hint_take(h, nid))
		return false;
	len = (size + BM_PAGE_MASK) >> BOOTMEM_PAGE_SHIFT;
	end = h->end;
	bit = end > h->lo ? bm_take_in_word(map, h->lo, end, len) :
			     BM_NOT_FOUND;
	if (bit == BM_NOT_FOUND) {
		/* Not in the hint's word: find the top, then the run there. */
		end = bm_free_end_below(map, h->lo, end);
		h->end = end;
		if (end == h->lo)
			return false;
		bit = len == 1 ? end - 1 :
		      bm_small_run_below(map, h->lo, end, len);
		if (bit == BM_NOT_FOUND)
			return false;
		bm_set(map, bit, bit + len);
	}
	if (bit + len == end)
		h->end = bit;
	bootmem_fast_path_hits++;
	*addrp = bm_addr(h->pfn_of_bit0 + bit);

	return true;
}
