/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The 'ut bootmem' suite runs every test on a fake machine: a 16 MiB
 * buffer allocated from the live allocator becomes the RAM of three nodes
 * (and a fourth with a CPU only), the live state is put aside with
 * bootmem_push() and comes back with bootmem_pop() afterwards, whatever
 * the test did. The fake machine's bitmap and tables live on the heap.
 *
 *	node 0	[base + 0, base + 4M)	CPUs 0-1
 *	node 1	[base + 4M, base + 8M)	CPU 2
 *	(hole)	[base + 8M, base + 10M)
 *	node 2	[base + 10M, base + 16M)	no CPU
 *	node 3	no memory		CPU 3
 *
 * Distances: 0-1 20, 0-2 30, 1-2 15, 3-0 12, 3-1 25, 3-2 35.
 */

#ifndef __BOOTMEM_UT_H
#define __BOOTMEM_UT_H

#include <bootmem.h>
#include <test/test.h>
#include <linux/sizes.h>

#define BMT_SIZE	SZ_16M
#define BMT_PAGE	BOOTMEM_PAGE_SIZE
/* Node ids of the fake machine: 0 .. BMT_NODES - 1 */
#define BMT_NODES	4

/* Base of the fake RAM while a test runs. */
extern phys_addr_t bmt_base;

phys_addr_t bmt_node_base(int nid);
phys_size_t bmt_node_size(int nid);
bool bmt_on_node(phys_addr_t addr, phys_size_t size, int nid);

/* Prove that a refused call changed nothing: see bootmem_ut.c. */
void bmt_snap(void);
bool bmt_unchanged(void);

int bmt_run(struct unit_test_state *uts,
	    int (*body)(struct unit_test_state *uts));

/*
 * Register @_name, whose body is @_name##_body, in the bootmem suite to
 * run on the fake machine.
 */
#define BOOTMEM_TEST(_name, _flags)					\
	static int _name(struct unit_test_state *uts)			\
	{								\
		return bmt_run(uts, _name##_body);			\
	}								\
	UNIT_TEST(_name, _flags, bootmem_test)

/* Register @_name in the bootmem suite, to run on the live machine. */
#define BOOTMEM_UNIT_TEST(_name, _flags)				\
	UNIT_TEST(_name, _flags, bootmem_test)

#endif /* __BOOTMEM_UT_H */
