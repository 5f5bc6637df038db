// SPDX-License-Identifier: GPL-2.0+
/*
 * U-Boot's LMB, its own lib/lmb.c built for the host (see lmb-shim/):
 *
 *   LMB_2025 undefined: 2023.01, a struct lmb the caller passes, with
 *	CONFIG_LMB_MAX_REGIONS fixed regions for memory and again for
 *	reservations; built as bench_lmb2023_8 (U-Boot's default) and
 *	bench_lmb2023_1024
 *   LMB_2025 defined: 2025.01, one global map in two alists (growable
 *	arrays, allocated with malloc) and no fixed region count; built as
 *	bench_lmb2025. It is reset with lmb_push()/lmb_pop(), U-Boot's own
 *	unit-test hooks, which also keep it from notifying EFI.
 *
 * The build localises every other symbol of each copy. LMB has no nodes,
 * no goal and only top-down: requests are passed on without them. It
 * reports failure as address 0.
 */

#include <errno.h>
#include <common.h>
#include <lmb.h>
#include "bench.h"

/* lmb.c's own "no limit" (2025.01's lmb.h has it too). */
#define ANYWHERE	0

#define STR2(x)	#x
#define STR(x)	STR2(x)

#ifdef LMB_2025
#define NAME		"lmb-2025"
/* alist counts in a u16: past 65,535 regions the count wraps. */
#define MAX_REGIONS	65535
#define LMB(fn, ...)	fn(__VA_ARGS__)

static struct lmb saved;

static unsigned int reserved_count(void)
{
	return lmb_get()->used_mem.count;
}

/* A request that may add a region is refused before the count wraps. */
static bool table_full(void)
{
	return reserved_count() >= MAX_REGIONS;
}

static void lmb_reset(void)
{
	lmb_push(&saved);
}

static void lmb_drop(void)
{
	lmb_pop(&saved);
}

static void lmb_bytes(struct state_bytes *sb)
{
	const struct lmb *l = lmb_get();

	sb->map = (u64)(l->free_mem.alloc + l->used_mem.alloc) *
		  sizeof(struct lmb_region);
	sb->fixed = sizeof(*l);
}
#else
#define NAME		"lmb-2023-" STR(CONFIG_LMB_MAX_REGIONS)
#define MAX_REGIONS	CONFIG_LMB_MAX_REGIONS
#define LMB(fn, ...)	fn(&lmb, __VA_ARGS__)

static struct lmb lmb;

static unsigned int reserved_count(void)
{
	return lmb.reserved.cnt;
}

/* LMB itself refuses a region past its table. */
static bool table_full(void)
{
	return false;
}

static void lmb_reset(void)
{
	lmb_init(&lmb);
}

static void lmb_drop(void)
{
	lmb_init(&lmb);
}

static void lmb_bytes(struct state_bytes *sb)
{
	sb->map = 0;
	sb->fixed = sizeof(lmb);
}
#endif

/* Refused for want of a region (-ENOSPC), or for want of memory. */
static int out_of_regions(void)
{
	return reserved_count() >= MAX_REGIONS ? -ENOSPC : -ENOMEM;
}

static int l_init(const struct topo *t)
{
	unsigned int i;

	lmb_reset();
	for (i = 0; i < t->nr; i++)
		if (LMB(lmb_add, t->base[i], t->size[i]) < 0)
			return -ENOSPC;

	return 0;
}

static int l_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		   unsigned int flags, u64 *addr)
{
	(void)goal;
	(void)nid;
	if (flags & B_BOTTOM_UP)
		return -EOPNOTSUPP;
	if (table_full())
		return -ENOSPC;
	*addr = LMB(lmb_alloc_base, size, align,
		    limit == NO_LIMIT ? ANYWHERE : limit);

	return *addr ? 0 : out_of_regions();
}

static int l_alloc_at(u64 addr, u64 size)
{
	if (table_full())
		return -ENOSPC;

	return LMB(lmb_alloc_addr, addr, size) ? 0 : out_of_regions();
}

static int l_reserve(u64 addr, u64 size)
{
	if (table_full())
		return -ENOSPC;

	return LMB(lmb_reserve, addr, size) < 0 ? out_of_regions() : 0;
}

static int l_free(u64 addr, u64 size)
{
	/* Splitting a region needs a free slot; without one LMB fails. */
	if (LMB(lmb_free, addr, size) < 0)
		return reserved_count() >= MAX_REGIONS ? -ENOSPC : -ENOENT;

	return 0;
}

static void l_state(struct state_bytes *sb)
{
	sb->summary = 0;
	lmb_bytes(sb);
}

const struct allocator LMB_OPS = {
	.name = NAME,
	.init = l_init,
	.fini = lmb_drop,
	.alloc = l_alloc,
	.alloc_at = l_alloc_at,
	.reserve = l_reserve,
	.free = l_free,
	.state = l_state,
	.max_regions = MAX_REGIONS,
};
