/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem and device trees: the reader fills the node registry from a
 * flattened device tree, the way Linux will read the same tree; the
 * hand-off, bootmem_fdt_add_reserved(), tells the OS which memory bootmem
 * handed over for good (lib/bootmem/handoff.c).
 *
 * Properties understood
 * ---------------------
 * /  #address-cells, #size-cells
 *	1 or 2 each; missing means 2 and 1 (the devicetree specification's
 *	defaults). Any other value is an error.
 * any node with device_type = "memory", whatever its name
 *	reg		every (address, size) entry, in the root's cells (as
 *			Linux reads it), is RAM of the node
 *	numa-node-id	the node (u32). Either every memory node has it or
 *			none has; with none, the tree is not NUMA and all
 *			memory and every CPU is node 0 (Linux's fallback).
 *	status		only absent, "okay" or "ok" nodes count (Linux's
 *			of_fdt_device_is_available()).
 *	linux,usable-memory, hotpluggable: ignored.
 * /cpus/<node> with device_type = "cpu"
 *	The n-th such node, in tree order, is logical CPU n, whatever its
 *	status (a disabled CPU can still be brought up by the OS).
 *	numa-node-id	the CPU's node. A CPU without it lands on node 0,
 *			as in Linux (of_numa_parse_cpu_nodes() skips it and
 *			arm64 maps an unknown node to 0), with a warning.
 *			Ignored, with a warning, when memory is not NUMA.
 *	A node id met only on CPUs is a node with CPUs and no memory.
 * the node with compatible = "numa-distance-map-v1" (normally /distance-map)
 *	distance-matrix	(from, to, distance) u32 triplets. A pair given in
 *			one direction only gets the same distance back.
 *			Local distances must be 10 and remote ones 11..255;
 *			every node named must have memory or CPUs.
 * /memreserve/ entries
 *	reserved, label "memreserve".
 * /reserved-memory  #address-cells, #size-cells (missing: the root's;
 *	Linux ignores the whole node then, but a firmware reservation is
 *	safer kept than lost); skipped if not available.
 *	each available child with reg: every entry reserved, labelled with
 *	the child's name (e.g. "secmon@4e000000", cut to fit
 *	BOOTMEM_LABEL_LEN); no-map adds BOOTMEM_NOMAP.
 *	A child with size and no reg (dynamic) is reported, not allocated.
 *	A reservation wholly outside registered memory, or of size 0, is
 *	reported and skipped.
 */

#ifndef __BOOTMEM_FDT_H
#define __BOOTMEM_FDT_H

#include <bootmem.h>

/* Largest blob accepted: a tree is a few KiB, QEMU pads its own to 1 MiB. */
#define BOOTMEM_FDT_MAX_SIZE	(32U << 20)

/**
 * bootmem_fdt_scan() - register a device tree's memory, CPUs, distances
 *			and reservations with bootmem
 * @fdt:	the flattened device tree; fdt_totalsize() bytes must be
 *		readable (fuzzers: check it against the buffer first)
 *
 * All or nothing: the registry must be empty and not enabled on entry, and
 * on any error it is reset, so it is empty again. Every error is printed
 * with the node path and property it concerns.
 *
 * Return: 0 on success, or
 * -EPERM	bootmem is enabled: the registry is closed;
 * -EEXIST	the registry already holds nodes, or memory ranges overlap
 *		(two nodes, or one node twice);
 * -EFAULT	not a device tree, bad header, truncated or corrupt blob
 *		(a tag whose length would send libfdt's walk back included),
 *		fdt_totalsize() above BOOTMEM_FDT_MAX_SIZE, or (libfdt 1.6
 *		and later, as on the host) a blob not 8-byte aligned;
 * -EDOM	#address-cells or #size-cells (of / or /reserved-memory)
 *		missing a cell or not 1 or 2;
 * -EMSGSIZE	reg missing, empty or not a whole number of entries on a
 *		memory node or in /reserved-memory; numa-node-id not one cell;
 * -EINVAL	a memory range of size 0, or (from the registry) one that
 *		holds no whole page;
 * -EOVERFLOW	a memory range or reservation that wraps past 2^64;
 * -ENODATA	some memory nodes have numa-node-id and others do not;
 * -ENODEV	a numa-node-id at or above BOOTMEM_MAX_NODES, or no
 *		available memory node at all;
 * -EBADMSG	malformed distance matrix: missing, empty, not a multiple
 *		of three cells, naming a node with neither memory nor CPUs,
 *		or a distance out of range (local not 10, remote not
 *		11..255);
 * -ENOMEM	the heap has no room for the registry;
 * any other	passed on from the registry.
 */
int bootmem_fdt_scan(const void *fdt);
int bootmem_fdt_add_reserved(void *fdt);

#endif /* __BOOTMEM_FDT_H */
