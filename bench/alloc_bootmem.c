// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem, through its public API alone: nothing here reads the library's
 * state.
 */

#include <errno.h>
#include <stdlib.h>
#include <bootmem.h>
#include "bench.h"

/* bootmem's summary granule: one block of 512 pages, 64 bytes of bitmap. */
#define BLOCK_PAGES	512

/*
 * Heap bytes of the registry's tables before enable, which moves them
 * beside the bitmap; what the heap holds afterwards is owner records.
 */
static u64 registry_heap;

static int bb_init(const struct topo *t)
{
	unsigned int i;
	int ret;

	for (i = 0; i < t->nr; i++) {
		ret = bootmem_add_range(t->nid[i], t->base[i], t->size[i]);
		if (ret)
			return ret;
	}
	registry_heap = bench_heap_bytes();

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

/*
 * The bitmap proper is one bit per present page in whole blocks; the rest
 * of what bootmem_map_location() reports is summaries (and rounding to a
 * page) and the registry's tables, which bootmem_enable() moves there
 * from the heap. The fixed part is the library's static data, measured
 * by the build from its object files (BENCH_LIB_STATIC, bytes), plus
 * those tables, measured on the heap before enable. The owner records (on
 * the heap until the table first fills) are counted apart.
 */
static void bb_state(struct state_bytes *sb)
{
	const char *fixed = getenv("BENCH_LIB_STATIC");
	phys_addr_t base;
	phys_size_t size;
	u64 pages = 0;
	int nid;

	for_each_bootmem_node(nid) {
		struct bootmem_node_info info;

		if (!bootmem_node_info(nid, &info))
			pages += info.present / PAGE;
	}
	bootmem_map_location(&base, &size);
	sb->map = (pages + BLOCK_PAGES - 1) / BLOCK_PAGES * BLOCK_PAGES / 8;
	sb->summary = size - sb->map - registry_heap;
	sb->fixed = (fixed ? strtoull(fixed, NULL, 0) : 0) + registry_heap;
	sb->heap = registry_heap;
	sb->owners = bench_heap_bytes();
}

const struct allocator bench_bootmem = {
	.name = "bootmem",
	.init = bb_init,
	.fini = bb_fini,
	.alloc = bb_alloc,
	.alloc_at = bb_alloc_at,
	.reserve = bb_reserve,
	.free = bb_free,
	.state = bb_state,
};
