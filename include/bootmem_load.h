/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Where U-Boot's boot paths put the OS on a NUMA machine: the node, and
 * the load addresses in the environment (common/bootmem_load.c).
 */

#ifndef __BOOTMEM_LOAD_H
#define __BOOTMEM_LOAD_H

#include <bootmem.h>

/* The environment variable naming the node to boot on. */
#define BOOTMEM_NODE_VAR	"bootmem_node"

int bootmem_load_node(void);
int bootmem_set_load_addrs(int nid);

#endif /* __BOOTMEM_LOAD_H */
