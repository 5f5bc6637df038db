/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The classic Linux bootmem calls, as thin wrappers over <bootmem.h>, with
 * the semantics of Linux 2.6.27's mm/bootmem.c (the 2008 rewrite).
 *
 * As in Linux: allocations are zeroed and returned as pointers; the plain
 * calls panic when memory runs out, the _nopanic ones return NULL; the
 * _node calls prefer the node; the _low calls stay below 4 GiB; a reserve
 * takes the partial pages at either end, a free leaves them; a free frees
 * reserved memory as well as allocated memory. Where Linux took a
 * pg_data_t, these take a node id.
 *
 * Deliberate differences:
 *  - allocations are top-down, as the core's (Linux searched upward from
 *    the goal), and a _node call falls back to the other nodes nearest
 *    first (Linux: in address order);
 *  - what Linux treats as a bug (BUG()) is refused and logged, and changes
 *    nothing: freeing a free page, reserving or freeing off the node.
 */

#ifndef __BOOTMEM_COMPAT_H
#define __BOOTMEM_COMPAT_H

#include <bootmem.h>

#define BOOTMEM_CACHE_BYTES	64

/* The flags Linux's reserve_bootmem() takes; the names are the core's. */
#define BOOTMEM_RESERVE_FLAGS	(BOOTMEM_DEFAULT | BOOTMEM_EXCLUSIVE)

/*
 * Linux 2.6.27's alloc_bootmem_core() starts at the goal only if the goal
 * lies on the node ("if (goal && min < goal && goal < max)"), else at the
 * node's start: a goal above the node keeps the allocation on the node.
 */
static inline phys_addr_t bootmem_compat_goal(int nid, phys_addr_t goal)
{
	phys_addr_t first, last;

	if (nid == NUMA_NO_NODE ||
	    (!bootmem_node_bounds(nid, &first, &last) && goal <= last))
		return goal;

	return 0;
}

static inline void *___alloc_bootmem(phys_size_t size, phys_size_t align,
				     phys_addr_t goal, phys_addr_t limit,
				     int nid, bool panic_on_failure)
{
	phys_addr_t addr;
	void *ptr;
	int ret;

	ret = bootmem_alloc(size, align ? align : BOOTMEM_CACHE_BYTES,
			    bootmem_compat_goal(nid, goal), limit, nid,
			    BOOTMEM_DEFAULT, NULL, &addr);
	if (ret) {
		if (panic_on_failure)
			bootmem_port_panic("bootmem: cannot allocate %llu bytes on node %d: %s\n",
					   (unsigned long long)size, nid,
					   bootmem_strerror(ret));
		return NULL;
	}
	ptr = bootmem_port_map(addr, size);
	memset(ptr, 0, size);

	return ptr;
}

static inline void *__alloc_bootmem(phys_size_t size, phys_size_t align,
				    phys_addr_t goal)
{
	return ___alloc_bootmem(size, align, goal, BOOTMEM_ALLOC_ANYWHERE,
				NUMA_NO_NODE, true);
}

static inline void *__alloc_bootmem_nopanic(phys_size_t size,
					    phys_size_t align, phys_addr_t goal)
{
	return ___alloc_bootmem(size, align, goal, BOOTMEM_ALLOC_ANYWHERE,
				NUMA_NO_NODE, false);
}

static inline void *__alloc_bootmem_node(int nid, phys_size_t size,
					 phys_size_t align, phys_addr_t goal)
{
	return ___alloc_bootmem(size, align, goal, BOOTMEM_ALLOC_ANYWHERE, nid,
				true);
}

static inline void *__alloc_bootmem_node_nopanic(int nid, phys_size_t size,
						 phys_size_t align,
						 phys_addr_t goal)
{
	return ___alloc_bootmem(size, align, goal, BOOTMEM_ALLOC_ANYWHERE, nid,
				false);
}

static inline void *__alloc_bootmem_low(phys_size_t size, phys_size_t align,
					phys_addr_t goal)
{
	return ___alloc_bootmem(size, align, goal, BOOTMEM_LOW_ADDRESS_LIMIT,
				NUMA_NO_NODE, true);
}

#define alloc_bootmem(x)	__alloc_bootmem(x, BOOTMEM_CACHE_BYTES, 0)
#define alloc_bootmem_align(x, align) __alloc_bootmem(x, align, 0)
#define alloc_bootmem_pages(x)	__alloc_bootmem(x, BOOTMEM_PAGE_SIZE, 0)
#define alloc_bootmem_low(x)	__alloc_bootmem_low(x, BOOTMEM_CACHE_BYTES, 0)
#define alloc_bootmem_low_pages(x) \
	__alloc_bootmem_low(x, BOOTMEM_PAGE_SIZE, 0)
#define alloc_bootmem_node(nid, x) \
	__alloc_bootmem_node(nid, x, BOOTMEM_CACHE_BYTES, 0)
#define alloc_bootmem_pages_node(nid, x) \
	__alloc_bootmem_node(nid, x, BOOTMEM_PAGE_SIZE, 0)
#define alloc_bootmem_node_nopanic(nid, x) \
	__alloc_bootmem_node_nopanic(nid, x, BOOTMEM_CACHE_BYTES, 0)

/**
 * reserve_bootmem() - reserve a range, as Linux's reserve_bootmem()
 * @addr:	physical address; partial pages at either end are reserved
 * @size:	bytes
 * @flags:	BOOTMEM_DEFAULT, or BOOTMEM_EXCLUSIVE to fail on a page in use
 *
 * As Linux's __reserve(), only BOOTMEM_EXCLUSIVE refuses memory in use:
 * by default a reservation nests in others and takes over allocations.
 *
 * Return: 0 or a negative errno (-EBUSY on a conflict)
 */
static inline int reserve_bootmem(phys_addr_t addr, phys_size_t size,
				  int flags)
{
	if (flags & ~BOOTMEM_RESERVE_FLAGS)
		return -EINVAL;

	return bootmem_reserve(addr, size, flags & BOOTMEM_EXCLUSIVE ?
			       BOOTMEM_EXCLUSIVE : BOOTMEM_FORCE, NULL);
}

/**
 * reserve_bootmem_node() - reserve a range that must lie on node @nid
 * @nid:	node id
 * @addr:	physical address
 * @size:	bytes
 * @flags:	BOOTMEM_DEFAULT or BOOTMEM_EXCLUSIVE
 *
 * Every page of the range, partial ones included, must be RAM of @nid
 * (Linux: "The range must reside completely on the specified node").
 *
 * Return: 0 or a negative errno; -EINVAL if the range is not on @nid
 */
static inline int reserve_bootmem_node(int nid, phys_addr_t addr,
				       phys_size_t size, int flags)
{
	if (nid == NUMA_NO_NODE || bootmem_range_nid(addr, size) != nid)
		return -EINVAL;

	return reserve_bootmem(addr, size, flags);
}

/**
 * free_bootmem() - free a range, as Linux's free_bootmem()
 * @addr:	physical address
 * @size:	bytes; 0 does nothing
 *
 * Frees the whole pages inside the range, reserved or allocated; partial
 * pages at either end stay as they are. Linux treats freeing a page that
 * is not in use as a bug; here it is logged and nothing changes.
 */
static inline void free_bootmem(phys_addr_t addr, phys_size_t size)
{
	int ret = size ? bootmem_release(addr, size) : 0;

	if (ret)
		log_err("bootmem: %s(%#llx, %#llx): %s\n", __func__,
			(unsigned long long)addr, (unsigned long long)size,
			bootmem_strerror(ret));
}

/**
 * free_bootmem_node() - free a range that must lie on node @nid
 * @nid:	node id
 * @addr:	physical address
 * @size:	bytes; 0 does nothing
 *
 * As free_bootmem(); every page of the range, partial ones included,
 * must be RAM of @nid, else it is logged and nothing changes.
 */
static inline void free_bootmem_node(int nid, phys_addr_t addr,
				     phys_size_t size)
{
	if (size && (nid == NUMA_NO_NODE ||
		     bootmem_range_nid(addr, size) != nid))
		log_err("bootmem: %s: [%#llx +%#llx] is not all on node %d\n",
			__func__, (unsigned long long)addr,
			(unsigned long long)size, nid);
	else
		free_bootmem(addr, size);
}

#endif /* __BOOTMEM_COMPAT_H */
