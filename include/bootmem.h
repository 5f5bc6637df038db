/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem: a boot-time physical memory allocator with one bitmap for every
 * page frame of every NUMA node.
 *
 * Life cycle: register every node's memory (bootmem_add_range()), CPUs,
 * distances and firmware reservations; then bootmem_enable() places the
 * bitmap in RAM, reserves it and opens the allocator. From then on the
 * registry is closed.
 *
 * Every call returns 0 or a negative errno; addresses come back through a
 * pointer because physical address 0 may be valid RAM.
 *
 * The map is byte-precise: a page's bit says whether any byte of it is in
 * use, and owner records ([base, last] in bytes) say which bytes and whose.
 * Whole-page requests never need more than the bitmap; BOOTMEM_BYTES
 * requests (size, alignment and address exact) are what LMB makes.
 */

#ifndef __BOOTMEM_H
#define __BOOTMEM_H

#include <bootmem_port.h>

#define BOOTMEM_PAGE_SHIFT	12
#define BOOTMEM_PAGE_SIZE	((phys_size_t)1 << BOOTMEM_PAGE_SHIFT)

/* Node ids run from 0 to BOOTMEM_MAX_NODES - 1 (Kconfig; 64 on the host). */
#ifdef CONFIG_BOOTMEM_MAX_NODES
#define BOOTMEM_MAX_NODES	CONFIG_BOOTMEM_MAX_NODES
#else
#define BOOTMEM_MAX_NODES	64
#endif
/* Owner labels longer than BOOTMEM_LABEL_LEN - 1 characters are cut. */
#define BOOTMEM_LABEL_LEN	24

/* Any node, where a node id is expected. */
#define NUMA_NO_NODE		(-1)

#define BOOTMEM_LOCAL_DISTANCE	10
#define BOOTMEM_REMOTE_DISTANCE	20

/*
 * A @limit (bootmem_alloc(), bootmem_enable()) is where the memory must end
 * by: its end, one past its last byte, is at most @limit, as LMB's max_addr
 * and memblock's end. BOOTMEM_ALLOC_ANYWHERE does not limit, the top page
 * of the address space included.
 */
#define BOOTMEM_ALLOC_ANYWHERE	(~(phys_addr_t)0)
#define BOOTMEM_LOW_ADDRESS_LIMIT	((phys_addr_t)1 << 32)

/*
 * Flags for bootmem_alloc(), bootmem_alloc_at(), bootmem_reserve() and
 * bootmem_free_flags(); each call lists the ones it takes. A byte's KEEP
 * and NOMAP are those of every record covering it, together.
 */
#define BOOTMEM_DEFAULT		0
#define BOOTMEM_EXCLUSIVE	(1U << 0) /* reserve: fail on any byte in use */
#define BOOTMEM_EXACT_NODE	(1U << 1) /* only the requested node */
#define BOOTMEM_BOTTOM_UP	(1U << 2) /* lowest fit instead of highest */
#define BOOTMEM_LOW		(1U << 3) /* below 4 GiB */
#define BOOTMEM_FORCE		(1U << 4) /* reserve: take over allocations */
#define BOOTMEM_KEEP		(1U << 5) /* handed to the OS: must be kept */
#define BOOTMEM_NOMAP		(1U << 6) /* with KEEP: the OS must not map it */
/* Size, alignment and address are exact bytes, not rounded to pages. */
#define BOOTMEM_BYTES		(1U << 7)
/*
 * An allocation a later BOOTMEM_REPLACEABLE claim may overlap, taking the
 * bytes it overlaps (LMB_NONE: loading twice to one address works).
 */
#define BOOTMEM_REPLACEABLE	(1U << 8)
/*
 * An allocation that BOOTMEM_REPLACEABLE claims may land in, each wholly
 * inside it: a buffer to load files into.
 */
#define BOOTMEM_LOAD_BUFFER	(1U << 9)
/* An opaque 8-bit tag kept with an allocation or reservation. */
#define BOOTMEM_TAG(tag)	((unsigned int)((tag) & 0xff) << 24)
#define BOOTMEM_TAG_OF(flags)	((u8)((flags) >> 24))

/* Owner kinds of a run of memory. */
enum bootmem_kind {
	BOOTMEM_FREE,
	BOOTMEM_RESERVED,
	BOOTMEM_ALLOCATED,
};

/**
 * struct bootmem_run - a maximal run of bytes with one owner
 * @base:	physical address of the first byte
 * @size:	bytes
 * @nid:	node the bytes belong to
 * @kind:	free, reserved or allocated
 * @flags:	BOOTMEM_KEEP / BOOTMEM_NOMAP of every record covering the
 *		run; BOOTMEM_REPLACEABLE / BOOTMEM_LOAD_BUFFER of the record
 *		that names it
 * @tag:	the tag of the record that names the run, 0 if none
 * @label:	owner label, "" when unlabelled or free
 *
 * The innermost record names a byte: a reservation before an allocation,
 * then the smallest. Two adjacent runs of a range differ in kind, flags,
 * tag or label.
 */
struct bootmem_run {
	phys_addr_t base;
	phys_size_t size;
	int nid;
	enum bootmem_kind kind;
	unsigned int flags;
	u8 tag;
	const char *label;
};

/**
 * struct bootmem_owner - one owner record, as bootmem keeps it
 * @base:	first byte
 * @last:	last byte (inclusive: a record may end at the top of the
 *		address space)
 * @kind:	BOOTMEM_RESERVED or BOOTMEM_ALLOCATED
 * @flags:	BOOTMEM_KEEP, BOOTMEM_NOMAP, BOOTMEM_REPLACEABLE,
 *		BOOTMEM_LOAD_BUFFER as given
 * @tag:	the tag given (BOOTMEM_TAG())
 * @label:	owner label, "" for none
 */
struct bootmem_owner {
	phys_addr_t base;
	phys_addr_t last;
	enum bootmem_kind kind;
	unsigned int flags;
	u8 tag;
	const char *label;
};

/**
 * struct bootmem_owner_table - where the owner records are kept
 * @nr:		records in use
 * @capacity:	records the table holds before it must grow
 * @base:	physical address of the table, 0 while it lives on the heap
 *		(until it first fills up once enabled; always in a
 *		bootmem_push() state)
 * @size:	its size in bytes, 0 on the heap
 * @record_size: bytes a record takes
 */
struct bootmem_owner_table {
	unsigned int nr;
	unsigned int capacity;
	phys_addr_t base;
	phys_size_t size;
	unsigned int record_size;
};

/**
 * struct bootmem_node_info - what one node holds
 * @present:	bytes of RAM registered for the node
 * @free:	bytes free
 * @reserved:	bytes reserved (firmware, U-Boot, the bitmap)
 * @allocated:	bytes allocated
 * @nr_ranges:	number of memory ranges
 * @nr_cpus:	number of CPUs registered on the node
 * @cpumask:	the first 64 logical CPUs on the node, one bit each
 */
struct bootmem_node_info {
	phys_size_t present;
	phys_size_t free;
	phys_size_t reserved;
	phys_size_t allocated;
	unsigned int nr_ranges;
	unsigned int nr_cpus;
	u64 cpumask;
};

/*
 * Registry: allowed only before bootmem_enable(). Ranges may not share a
 * byte, partial pages included; a node's ranges that touch are one span
 * of RAM to allocate from. Its tables live on the port's heap.
 */
int bootmem_add_range(int nid, phys_addr_t base, phys_size_t size);
int bootmem_add_cpu(int nid, unsigned int cpu);
int bootmem_set_distance(int from, int to, unsigned int distance);
void bootmem_reset(void);
int bootmem_enable(int nid, phys_addr_t limit);
bool bootmem_enabled(void);

/* A blank state for tests, on the heap; bootmem_pop() restores the last. */
int bootmem_push(void);
int bootmem_pop(void);

/* Allocation */
int bootmem_alloc(phys_size_t size, phys_size_t align, phys_addr_t goal,
		  phys_addr_t limit, int nid, unsigned int flags,
		  const char *label, phys_addr_t *addrp);
int bootmem_alloc_at(phys_addr_t addr, phys_size_t size, unsigned int flags,
		     const char *label);
int bootmem_reserve(phys_addr_t addr, phys_size_t size, unsigned int flags,
		    const char *label);
int bootmem_alloc_at_every(phys_addr_t addr, phys_size_t size,
			   phys_size_t step, phys_addr_t end);
int bootmem_free_flags(phys_addr_t addr, phys_size_t size,
		       unsigned int flags);
/* Linux's free_bootmem(): the whole pages inside, reserved or allocated. */
int bootmem_release(phys_addr_t addr, phys_size_t size);

/* Queries */
int bootmem_node_info(int nid, struct bootmem_node_info *info);
int bootmem_addr_to_nid(phys_addr_t addr);
int bootmem_range_nid(phys_addr_t addr, phys_size_t size);
int bootmem_node_bounds(int nid, phys_addr_t *firstp, phys_addr_t *lastp);
/* CPU 0's node; without CPU 0 the lowest node id with memory. */
int bootmem_boot_node(void);
int bootmem_distance(int from, int to);
int bootmem_node_range(int nid, unsigned int idx, phys_addr_t *basep,
		       phys_size_t *sizep);
bool bootmem_is_free(phys_addr_t addr, phys_size_t size);
int bootmem_run_at(phys_addr_t addr, struct bootmem_run *run);
bool bootmem_next_run(struct bootmem_run *run);
int bootmem_owner(unsigned int idx, struct bootmem_owner *owner);
void bootmem_owner_table(struct bootmem_owner_table *table);
int bootmem_next_node(int nid);
void bootmem_map_location(phys_addr_t *basep, phys_size_t *sizep);
phys_size_t bootmem_map_size(void);
const char *bootmem_strerror(int err);

/*
 * The fast path for small top-down requests (lib/bootmem/fast.c): on by
 * default; off, every request takes the general path, with the same
 * answers. Tests switch it, and count the requests it served.
 */
extern bool bootmem_fast_path;
extern unsigned long bootmem_fast_path_hits;

/**
 * bootmem_free() - return allocated memory, whole pages
 * @addr:	physical address, page aligned
 * @size:	bytes, rounded up to whole pages; not 0
 *
 * Return: see bootmem_free_flags()
 */
static inline int bootmem_free(phys_addr_t addr, phys_size_t size)
{
	return bootmem_free_flags(addr, size, BOOTMEM_DEFAULT);
}

/*
 * Named forms of bootmem_alloc() for what callers mean (memblock's model:
 * one worker, a few wrappers). Each returns what bootmem_alloc() does; the
 * address comes back through @addrp.
 */

/**
 * bootmem_alloc_node() - memory on a node, or the nearest node with room
 * @size:	bytes, rounded up to whole pages
 * @align:	alignment, a power of two (whole pages at least)
 * @nid:	node to try first; NUMA_NO_NODE for any
 * @label:	owner label, or NULL
 * @addrp:	set to the physical address
 *
 * Return: see bootmem_alloc()
 */
static inline int bootmem_alloc_node(phys_size_t size, phys_size_t align,
				     int nid, const char *label,
				     phys_addr_t *addrp)
{
	return bootmem_alloc(size, align, 0, BOOTMEM_ALLOC_ANYWHERE, nid,
			     BOOTMEM_DEFAULT, label, addrp);
}

/**
 * bootmem_alloc_exact_node() - memory on one node only
 * @size:	bytes, rounded up to whole pages
 * @align:	alignment, a power of two (whole pages at least)
 * @nid:	the node
 * @label:	owner label, or NULL
 * @addrp:	set to the physical address
 *
 * Return: see bootmem_alloc(); -ENXIO if the node has no memory, -ENOMEM
 * if it has no room
 */
static inline int bootmem_alloc_exact_node(phys_size_t size,
					   phys_size_t align, int nid,
					   const char *label,
					   phys_addr_t *addrp)
{
	return bootmem_alloc(size, align, 0, BOOTMEM_ALLOC_ANYWHERE, nid,
			     BOOTMEM_EXACT_NODE, label, addrp);
}

/**
 * bootmem_alloc_below() - memory that ends by an address, on a node or
 *			   the nearest node with room there
 * @size:	bytes, rounded up to whole pages
 * @align:	alignment, a power of two (whole pages at least)
 * @limit:	the memory's end, one past its last byte, is at most this
 * @nid:	node to try first; NUMA_NO_NODE for any
 * @label:	owner label, or NULL
 * @addrp:	set to the physical address
 *
 * Return: see bootmem_alloc()
 */
static inline int bootmem_alloc_below(phys_size_t size, phys_size_t align,
				      phys_addr_t limit, int nid,
				      const char *label, phys_addr_t *addrp)
{
	return bootmem_alloc(size, align, 0, limit, nid, BOOTMEM_DEFAULT,
			     label, addrp);
}

/**
 * bootmem_alloc_lowest() - the lowest memory that fits, on any node
 * @size:	bytes, rounded up to whole pages
 * @align:	alignment, a power of two (whole pages at least)
 * @label:	owner label, or NULL
 * @addrp:	set to the physical address
 *
 * For what must sit as low in RAM as it can (an arm64 Image without the
 * "anywhere" flag).
 *
 * Return: see bootmem_alloc()
 */
static inline int bootmem_alloc_lowest(phys_size_t size, phys_size_t align,
				       const char *label, phys_addr_t *addrp)
{
	return bootmem_alloc(size, align, 0, BOOTMEM_ALLOC_ANYWHERE,
			     NUMA_NO_NODE, BOOTMEM_BOTTOM_UP, label, addrp);
}

/**
 * bootmem_alloc_for_os() - memory the OS inherits, on a node or the
 *			    nearest node with room
 * @size:	bytes, rounded up to whole pages
 * @align:	alignment, a power of two (whole pages at least)
 * @nid:	node to try first; NUMA_NO_NODE for any
 * @label:	owner label; it names the /reserved-memory node
 * @addrp:	set to the physical address
 *
 * BOOTMEM_KEEP: the hand-off describes it to the OS as /reserved-memory.
 *
 * Return: see bootmem_alloc()
 */
static inline int bootmem_alloc_for_os(phys_size_t size, phys_size_t align,
				       int nid, const char *label,
				       phys_addr_t *addrp)
{
	return bootmem_alloc(size, align, 0, BOOTMEM_ALLOC_ANYWHERE, nid,
			     BOOTMEM_KEEP, label, addrp);
}

/**
 * for_each_bootmem_run - walk every run of bytes, lowest address first
 * @run:	struct bootmem_run * cursor
 *
 * Runs never span two ranges; valid once bootmem_enable() has run.
 */
#define for_each_bootmem_run(run) \
	for ((run)->size = 0; bootmem_next_run(run); )

/**
 * for_each_bootmem_owner - walk every owner record, lowest base first
 * @idx:	unsigned int cursor
 * @owner:	struct bootmem_owner * filled in for each
 */
#define for_each_bootmem_owner(idx, owner) \
	for ((idx) = 0; !bootmem_owner(idx, owner); (idx)++)

/**
 * for_each_bootmem_node - walk every node id that has memory or CPUs
 * @nid:	int cursor
 */
#define for_each_bootmem_node(nid) \
	for ((nid) = bootmem_next_node(-1); (nid) != NUMA_NO_NODE; \
	     (nid) = bootmem_next_node(nid))

#endif /* __BOOTMEM_H */
