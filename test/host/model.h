/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * A trivially correct reference model of bootmem: a byte of state per
 * page, the owner records as a plain list, and brute-force searches that
 * spell out the allocation policy. Differential tests and fuzzers run the
 * same operations on both and compare results and maps after every step.
 */

#ifndef __MODEL_H
#define __MODEL_H

#include <bootmem.h>

#define MODEL_MAX_RANGES	96
#define MODEL_MAX_NODES		BOOTMEM_MAX_NODES
/* The owner table's size is part of the API: a full table refuses. */
#define MODEL_MAX_OWNERS	BOOTMEM_MAX_REGIONS

enum model_page {
	MODEL_FREE,
	MODEL_RESERVED,
	MODEL_ALLOCATED,
};

/**
 * struct model_owner - a reservation, or an allocation with a label or flags
 * @pfn:	first page
 * @pages:	pages, holes included
 * @kind:	MODEL_RESERVED or MODEL_ALLOCATED
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP
 * @label:	as given, NULL for none
 * @live:	the slot is in use
 */
struct model_owner {
	u64 pfn;
	u64 pages;
	enum model_page kind;
	unsigned int flags;
	const char *label;
	bool live;
};

/**
 * struct model_range - registered RAM and, per page, what the model knows
 * @pfn:	first page
 * @pages:	pages
 * @nid:	node
 * @state:	enum model_page of each page
 * @owner:	the owner slot that names each page (innermost reservation,
 *		else the allocation record), -1 for none
 * @flags:	BOOTMEM_KEEP / BOOTMEM_NOMAP of every owner covering each page
 */
struct model_range {
	u64 pfn;
	u64 pages;
	int nid;
	u8 *state;
	short *owner;
	u8 *flags;
};

struct model {
	int nr_ranges;
	struct model_range range[MODEL_MAX_RANGES];
	bool has_node[MODEL_MAX_NODES];
	u8 distance[MODEL_MAX_NODES][MODEL_MAX_NODES];
	int nr_owners;
	struct model_owner owner[MODEL_MAX_OWNERS];
	u64 map_lo, map_hi;
};

void model_init(struct model *m);
void model_free_all(struct model *m);
int model_add_range(struct model *m, int nid, u64 pfn, u64 pages);
void model_add_node(struct model *m, int nid);
void model_set_distance(struct model *m, int from, int to, unsigned int d);
bool model_table_full(const struct model *m);
int model_enable(struct model *m, phys_addr_t base, phys_size_t size);

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp);
int model_alloc_at(struct model *m, phys_addr_t addr, phys_size_t size,
		   unsigned int flags, const char *label);
int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label);
int model_free(struct model *m, phys_addr_t addr, phys_size_t size);
int model_release(struct model *m, phys_addr_t addr, phys_size_t size);

/* The model's page @pfn, or NULL in a hole; *idxp is its index there. */
struct model_range *model_page(const struct model *m, u64 pfn, u64 *idxp);
/* What the OS must be told of page @idx of @r: KEEP, NOMAP or nothing. */
unsigned int model_handoff_flags(const struct model_range *r, u64 idx);

/* Compares every page: kind, node, label and flags with the library's runs. */
bool model_matches(const struct model *m, char *why, size_t len);
/* Compares only which pages are in use, straight from the bitmap: cheap. */
bool model_matches_pages(const struct model *m, char *why, size_t len);

#endif /* __MODEL_H */
