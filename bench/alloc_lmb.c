// SPDX-License-Identifier: GPL-2.0+
/*
 * U-Boot 2023.01's LMB, lib/lmb.c built for the host (see lmb-shim/), with
 * CONFIG_LMB_MAX_REGIONS regions for memory and again for reservations.
 * Built twice, as bench_lmb8 (U-Boot's default) and bench_lmb1024; the
 * build localises every other symbol of each copy.
 *
 * LMB has no nodes, no goal and only top-down: requests are passed on
 * without them. It reports failure as address 0.
 */

#include <errno.h>
#include <common.h>
#include <lmb.h>
#include "bench.h"

#define STR2(x)	#x
#define STR(x)	STR2(x)

static struct lmb lmb;

static int lmb_out_of_regions(void)
{
	return lmb.reserved.cnt >= lmb.reserved.max ? -ENOSPC : -ENOMEM;
}

static int l_init(const struct topo *t)
{
	unsigned int i;

	lmb_init(&lmb);
	for (i = 0; i < t->nr; i++)
		if (lmb_add(&lmb, t->base[i], t->size[i]) < 0)
			return -ENOSPC;

	return 0;
}

static void l_fini(void)
{
	lmb_init(&lmb);
}

static int l_alloc(u64 size, u64 align, u64 goal, u64 limit, int nid,
		   unsigned int flags, u64 *addr)
{
	(void)goal;
	(void)nid;
	if (flags & B_BOTTOM_UP)
		return -EOPNOTSUPP;
	*addr = lmb_alloc_base(&lmb, size, align, limit == NO_LIMIT ? 0 : limit);

	return *addr ? 0 : lmb_out_of_regions();
}

static int l_alloc_at(u64 addr, u64 size)
{
	return lmb_alloc_addr(&lmb, addr, size) ? 0 : lmb_out_of_regions();
}

static int l_reserve(u64 addr, u64 size)
{
	return lmb_reserve(&lmb, addr, size) < 0 ? lmb_out_of_regions() : 0;
}

static int l_free(u64 addr, u64 size)
{
	/* Splitting a region needs a free slot; without one LMB fails. */
	if (lmb_free(&lmb, addr, size) < 0)
		return lmb.reserved.cnt >= lmb.reserved.max ? -ENOSPC : -ENOENT;

	return 0;
}

static void l_state(struct state_bytes *sb)
{
	sb->map = 0;
	sb->summary = 0;
	sb->fixed = sizeof(lmb);
}

const struct allocator LMB_OPS = {
	.name = "lmb-" STR(CONFIG_LMB_MAX_REGIONS),
	.init = l_init,
	.fini = l_fini,
	.alloc = l_alloc,
	.alloc_at = l_alloc_at,
	.reserve = l_reserve,
	.free = l_free,
	.state = l_state,
};
