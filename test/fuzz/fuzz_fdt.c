// SPDX-License-Identifier: GPL-2.0+
/*
 * libFuzzer target for the device tree reader. The input is a blob, copied
 * into an 8-byte aligned buffer of its own size (so ASan sees any read past
 * it). bootmem_fdt_scan() must then either fail and leave the registry
 * empty, or succeed with a registry that bootmem_enable() accepts or
 * refuses cleanly, and whose map adds up. Then the same blob, with room
 * to grow, is the OS's tree for bootmem_fdt_add_reserved() of a map that
 * keeps memory: a count or an error, never a hang or a stray write.
 */

#include <stdint.h>
#include <stdlib.h>
#include <bootmem_fdt.h>
#include "host_port.h"

/* Largest input: trees are a few KiB; bigger inputs only slow mutation. */
#define FDT_MAX_INPUT	(64U << 10)
/* Largest bitmap the host will back: 1 MiB covers 32 GiB of RAM. */
#define MAX_MAP_BYTES	(1U << 20)
/* Room the hand-off gets to add /reserved-memory nodes. */
#define HANDOFF_ROOM	(4U << 10)

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_fdt: %s\n", what);
	abort();
}

static bool registry_empty(void)
{
	int nid;

	struct bootmem_owner o;

	for_each_bootmem_node(nid)
		return false;
	return bootmem_owner(0, &o) == -ENOENT && !bootmem_enabled();
}

/* Pages registered, summed through the public API. */
static u64 present_pages(void)
{
	struct bootmem_node_info info;
	u64 pages = 0;
	int nid;

	for_each_bootmem_node(nid) {
		if (bootmem_node_info(nid, &info))
			fail("node_info fails on a listed node");
		pages += info.present >> BOOTMEM_PAGE_SHIFT;
	}
	return pages;
}

/* After enable: runs tile the registered RAM and nodes add up. */
static void check_enabled(u64 pages)
{
	struct bootmem_node_info info;
	struct bootmem_run run;
	u64 seen = 0;
	phys_addr_t addr;
	int nid;

	for_each_bootmem_run(&run)
		seen += run.size >> BOOTMEM_PAGE_SHIFT;
	if (seen != pages)
		fail("runs do not cover the registered RAM");
	for_each_bootmem_node(nid) {
		bootmem_node_info(nid, &info);
		if (info.free + info.reserved + info.allocated != info.present)
			fail("node's free + reserved + allocated != present");
	}
	if (!bootmem_alloc(BOOTMEM_PAGE_SIZE, BOOTMEM_PAGE_SIZE, 0,
			   BOOTMEM_ALLOC_ANYWHERE, NUMA_NO_NODE, 0, "fuzz",
			   &addr) &&
	    bootmem_free(addr, BOOTMEM_PAGE_SIZE))
		fail("cannot free the page just allocated");
}

static void fuzz_one(const void *fdt)
{
	u64 pages;
	int ret;

	ret = bootmem_fdt_scan(fdt);
	if (ret) {
		if (ret > 0 || !registry_empty())
			fail("failed scan left the registry filled");
		return;
	}
	if (bootmem_fdt_scan(fdt) != -EEXIST)
		fail("second scan not refused with -EEXIST");
	pages = present_pages();
	if (!pages)
		fail("successful scan registered no memory");
	if (bootmem_map_size() > MAX_MAP_BYTES)
		return;
	ret = bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
	if (ret == -ENOMEM)
		return;	/* reservations left the bitmap no room */
	if (ret)
		fail("enable failed unexpectedly");
	check_enabled(pages);
}

/* Two kept runs, one no-map, in a map of its own. */
static void fuzz_handoff(const void *blob, size_t size)
{
	const phys_addr_t base = 0x40000000;
	char *fdt = malloc(size + HANDOFF_ROOM);
	int ret;

	if (!fdt)
		return;
	memcpy(fdt, blob, size);
	if (fdt_magic(fdt) == FDT_MAGIC)
		fdt_set_totalsize(fdt, size + HANDOFF_ROOM);
	if (bootmem_add_range(0, base, 64 << 20) ||
	    bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE) ||
	    bootmem_reserve(base + (8 << 20), 1 << 20, BOOTMEM_KEEP,
			    "fuzz log") ||
	    bootmem_reserve(base + (16 << 20), 64 << 10,
			    BOOTMEM_KEEP | BOOTMEM_NOMAP, "fuzz ramoops"))
		fail("cannot set up the map for the hand-off");
	ret = bootmem_fdt_add_reserved(fdt);
	if (ret > 2)
		fail("hand-off added more nodes than there are kept runs");
	free(fdt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *fdt;

	if (size < sizeof(struct fdt_header) || size > FDT_MAX_INPUT)
		return 0;
	fdt = malloc(size);
	if (!fdt)
		return 0;
	memcpy(fdt, data, size);
	/* A truncated tree still exercises the reader: say so in its header. */
	if (fdt_totalsize(fdt) > size)
		fdt_set_totalsize(fdt, size);
	host_reset();
	fuzz_one(fdt);
	host_reset();
	free(fdt);
	fuzz_handoff(data, size);
	host_reset();

	return 0;
}
