/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * A trivially correct reference model of bootmem: one byte of state per
 * page and brute-force searches that spell out the allocation policy.
 * Differential tests and fuzzers run the same operations on both and
 * compare results and maps after every step.
 */

#ifndef __MODEL_H
#define __MODEL_H

#include <bootmem.h>

#define MODEL_MAX_RANGES	16
#define MODEL_MAX_RES		256
#define MODEL_MAX_NODES		8

enum model_page {
	MODEL_FREE,
	MODEL_RESERVED,
	MODEL_ALLOCATED,
};

struct model_range {
	u64 pfn;
	u64 pages;
	int nid;
	u8 *state;		/* enum model_page */
	const char **label;	/* owner label of allocated pages */
	short *res;		/* innermost reservation, or -1 */
};

struct model_res {
	u64 pfn;
	u64 pages;
	const char *label;
};

struct model {
	int nr_ranges;
	struct model_range range[MODEL_MAX_RANGES];
	bool has_node[MODEL_MAX_NODES];
	u8 distance[MODEL_MAX_NODES][MODEL_MAX_NODES];
	int nr_res;
	struct model_res res[MODEL_MAX_RES];
};

void model_init(struct model *m);
void model_free_all(struct model *m);
int model_add_range(struct model *m, int nid, u64 pfn, u64 pages);
void model_add_node(struct model *m, int nid);
void model_set_distance(struct model *m, int from, int to, unsigned int d);

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp);
int model_alloc_at(struct model *m, phys_addr_t addr, phys_size_t size,
		   const char *label);
int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label);
int model_free(struct model *m, phys_addr_t addr, phys_size_t size);

/* Compares every page, kind, node and label with the library's map. */
bool model_matches(const struct model *m, char *why, size_t len);
/* Compares only which pages are in use, straight from the bitmap: cheap. */
bool model_matches_pages(const struct model *m, char *why, size_t len);

#endif /* __MODEL_H */
