/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * A trivially correct reference model of bootmem: the owner records as a
 * plain list of byte intervals, one flag per page for memory allocated
 * without a record, and brute-force searches and rules that spell out the
 * API once more. Differential tests and fuzzers run the same operations on
 * both and compare results, records and maps.
 *
 * What the model does not decide it asks the library for, through the
 * public API only: how many records the owner table holds before it must
 * grow (bootmem_owner_table()); where the table then goes, and what that
 * does to the map, the model works out itself.
 */

#ifndef __MODEL_H
#define __MODEL_H

#include <bootmem.h>

#define MODEL_MAX_RANGES	96
#define MODEL_MAX_NODES		BOOTMEM_MAX_NODES

/**
 * struct model_rec - a reservation, or an allocation with a record
 * @base:	first byte
 * @last:	last byte
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP, BOOTMEM_REPLACEABLE,
 *		BOOTMEM_LOAD_BUFFER
 * @tag:	the tag
 * @self:	bootmem's own memory: the bitmap or the owner table
 * @label:	as the library keeps it (cut to BOOTMEM_LABEL_LEN - 1)
 */
struct model_rec {
	u64 base;
	u64 last;
	enum bootmem_kind kind;
	unsigned int flags;
	u8 tag;
	bool self;
	char label[BOOTMEM_LABEL_LEN];
};

/**
 * struct model_range - registered RAM
 * @pfn:	first page
 * @pages:	pages
 * @nid:	node
 * @bare:	per page: allocated without a record (then wholly in use)
 */
struct model_range {
	u64 pfn;
	u64 pages;
	int nid;
	u8 *bare;
};

/**
 * struct model - the whole model
 * @nr_ranges:	ranges, sorted
 * @range:	the ranges
 * @has_node:	node ids with memory or CPUs
 * @distance:	distances set, 0 where unset
 * @nr_recs:	records
 * @rec:	the records, in no order
 * @enabled:	bootmem_enable() succeeded
 * @on_heap:	a bootmem_push() state: no bitmap or table in RAM
 * @map_lo:	the bitmap's first page (0, 0 on the heap)
 * @map_hi:	one past its last page
 * @tab_lo:	the owner table's first page while it is in RAM
 * @tab_hi:	one past its last page (@tab_lo == @tab_hi: on the heap)
 * @table_nid:	where the table grows: bootmem_enable()'s node and limit
 * @table_limit: see @table_nid
 * @cap:	records the library's table holds now (read before a call)
 * @record_size: bytes of one record there
 * @grew:	tables moved or doubled in RAM so far
 * @grow_failed: calls refused because the table could not grow
 */
struct model {
	int nr_ranges;
	struct model_range range[MODEL_MAX_RANGES];
	bool has_node[MODEL_MAX_NODES];
	u8 distance[MODEL_MAX_NODES][MODEL_MAX_NODES];
	int nr_recs;
	struct model_rec *rec;
	bool enabled;
	bool on_heap;
	u64 map_lo, map_hi;
	u64 tab_lo, tab_hi;
	int table_nid;
	phys_addr_t table_limit;
	unsigned int cap;
	unsigned int record_size;
	unsigned long grew;
	unsigned long grow_failed;
};

/**
 * struct model_byte - what the model says a byte is
 * @kind:	free, reserved or allocated
 * @flags:	as struct bootmem_run reports them
 * @tag:	of the naming record
 * @label:	of the naming record, "" if none
 * @recordless:	in use in a page without a record
 */
struct model_byte {
	enum bootmem_kind kind;
	unsigned int flags;
	u8 tag;
	const char *label;
	bool recordless;
};

void model_init(struct model *m, bool on_heap);
void model_free_all(struct model *m);
int model_add_range(struct model *m, int nid, u64 pfn, u64 pages);
void model_add_node(struct model *m, int nid);
void model_set_distance(struct model *m, int from, int to, unsigned int d);
int model_enable(struct model *m, int nid, phys_addr_t limit, u64 map_pages,
		 u64 *pfnp);

int model_alloc(struct model *m, phys_size_t size, phys_size_t align,
		phys_addr_t goal, phys_addr_t limit, int nid,
		unsigned int flags, const char *label, phys_addr_t *addrp);
int model_alloc_at(struct model *m, phys_addr_t addr, phys_size_t size,
		   unsigned int flags, const char *label);
int model_reserve(struct model *m, phys_addr_t addr, phys_size_t size,
		  unsigned int flags, const char *label);
int model_free(struct model *m, phys_addr_t addr, phys_size_t size,
	       unsigned int flags);
int model_release(struct model *m, phys_addr_t addr, phys_size_t size);

/* The model's range holding page @pfn, or NULL in a hole; *idxp its index. */
struct model_range *model_page(const struct model *m, u64 pfn, u64 *idxp);
/*
 * Whether a page allocated without a record shares bytes with a record
 * that does not cover it wholly: what the library's invariant forbids.
 * The page in *@pfnp.
 */
bool model_invariant_broken(const struct model *m, u64 *pfnp);
/* Whether any byte of page @pfn is in use (the library's bit). */
bool model_page_used(const struct model *m, u64 pfn);
/* What byte @x (RAM) is. */
void model_byte_at(const struct model *m, u64 x, struct model_byte *b);
/* Whether every byte of the range is RAM and free. */
bool model_is_free(const struct model *m, phys_addr_t addr, phys_size_t size);
/* Bytes of node @nid free, reserved, allocated. */
void model_count(const struct model *m, int nid, u64 *freep, u64 *reservedp,
		 u64 *allocatedp);

/* Whether no two records may merge, as the library keeps them. */
bool model_merged(const struct model *m);
/* The library's records, runs and table against the model's. */
bool model_matches(const struct model *m, char *why, size_t len);
/* Only the records and the table: cheaper. */
bool model_matches_records(const struct model *m, char *why, size_t len);

#endif /* __MODEL_H */
