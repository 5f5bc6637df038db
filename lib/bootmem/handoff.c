// SPDX-License-Identifier: GPL-2.0+
/*
 * Hand-off to the OS: memory that bootmem handed over for good (flag
 * BOOTMEM_KEEP on any of its owners) becomes a /reserved-memory node, so
 * that Linux keeps it.
 * U-Boot's own allocations are not passed: the OS may reuse them.
 */

#include <bootmem_fdt.h>
#include "bootmem_internal.h"

/*
 * "board: node0 log" -> "board-node0-log": node names allow few
 * characters, so every run of others becomes one '-'.
 */
static void node_name(char *buf, size_t len, const struct bootmem_run *run)
{
	const char *label = *run->label ? run->label : "bootmem";
	size_t n = 0;

	for (; *label && n < BOOTMEM_LABEL_LEN; label++) {
		char c = *label;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == ',' || c == '.' ||
			  c == '_' || c == '+';

		if (ok)
			buf[n++] = c;
		else if (n && buf[n - 1] != '-')
			buf[n++] = '-';
	}
	snprintf(buf + n, len - n, "@%llx", (unsigned long long)run->base);
}

/* Appends @value to @cells as @n big-endian cells; false if it won't fit. */
static bool put_cells(fdt32_t *cells, int n, u64 value)
{
	if (n == 1 && value >> 32)
		return false;
	if (n == 2)
		*cells++ = cpu_to_fdt32(value >> 32);
	*cells = cpu_to_fdt32(value);

	return true;
}

/* #address-cells or #size-cells: missing means 2, malformed means -1. */
static int cells_of(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *prop = fdt_getprop(fdt, node, name, &len);

	if (!prop)
		return 2;

	return len == sizeof(*prop) ? (int)bm_fdt_cell(prop) : -1;
}

/* /reserved-memory, made with 2-cell addresses and sizes if missing. */
static int reserved_memory_node(void *fdt)
{
	int node = fdt_path_offset(fdt, "/reserved-memory");

	if (node >= 0)
		return node;
	node = fdt_add_subnode(fdt, 0, "reserved-memory");
	if (node < 0)
		return node;
	if (fdt_setprop_u32(fdt, node, "#address-cells", 2) ||
	    fdt_setprop_u32(fdt, node, "#size-cells", 2) ||
	    fdt_setprop(fdt, node, "ranges", NULL, 0))
		return -FDT_ERR_NOSPACE;

	return node;
}

static int add_reserved(void *fdt, int parent, const struct bootmem_run *run)
{
	int ac = cells_of(fdt, parent, "#address-cells");
	int sc = cells_of(fdt, parent, "#size-cells");
	fdt32_t reg[4];
	char name[BOOTMEM_LABEL_LEN + 20];
	int node;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2 ||
	    !put_cells(reg, ac, run->base) || !put_cells(reg + ac, sc, run->size))
		return -EDOM;
	node_name(name, sizeof(name), run);
	node = fdt_add_subnode(fdt, parent, name);
	if (node == -FDT_ERR_EXISTS)
		return 0;
	if (node < 0)
		return node == -FDT_ERR_NOSPACE ? -ENOSPC : -EFAULT;
	if (fdt_setprop(fdt, node, "reg", reg, (ac + sc) * sizeof(*reg)) ||
	    ((run->flags & BOOTMEM_NOMAP) &&
	     fdt_setprop(fdt, node, "no-map", NULL, 0)))
		return -ENOSPC;

	return 1;
}

/**
 * bootmem_fdt_add_reserved() - describe kept memory to the OS
 * @fdt:	the device tree the OS will get, with room to grow
 *
 * Every run of pages that an owner keeps (BOOTMEM_KEEP) becomes a
 * /reserved-memory child named after the run's owner label, with no-map
 * when any owner of the run asked for BOOTMEM_NOMAP: a reservation nested
 * in kept memory, or forced over it, hides none of it. NOMAP without KEEP
 * is not handed over (the device tree's own no-map reservations are in
 * the OS's tree already). A child that already exists is left alone, so
 * calling this twice adds nothing.
 *
 * Return: the number of nodes added; -ENOSPC if the tree has no room;
 * -EDOM if /reserved-memory's #address-cells or #size-cells are bad or
 * too small for an address or size; -EFAULT for a broken tree
 */
int bootmem_fdt_add_reserved(void *fdt)
{
	struct bootmem_run run;
	int parent = -1, added = 0, ret;

	if (bm_fdt_check(fdt))
		return -EFAULT;
	for_each_bootmem_run(&run) {
		if (run.kind == BOOTMEM_FREE || !(run.flags & BOOTMEM_KEEP))
			continue;
		if (parent < 0)
			parent = reserved_memory_node(fdt);
		if (parent < 0)
			return parent == -FDT_ERR_NOSPACE ? -ENOSPC : -EFAULT;
		ret = add_reserved(fdt, parent, &run);
		if (ret < 0)
			return ret;
		added += ret;
	}

	return added;
}
