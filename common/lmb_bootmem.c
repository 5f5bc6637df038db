// SPDX-License-Identifier: GPL-2.0+
/*
 * U-Boot's LMB API (2025.01) served by bootmem: one map, the bitmap and its
 * owner records, for loaders, booti/bootm, EFI and the bootmem command.
 * Built instead of lib/lmb.c when CONFIG_BOOTMEM is set.
 *
 * Every LMB region is a byte-exact bootmem allocation (BOOTMEM_BYTES)
 * whose tag keeps the LMB flags it was made with, so that flags read back
 * exactly and neighbours merge only when their flags match, as in LMB:
 *
 *   LMB flags            bootmem record                    meaning
 *   -------------------  --------------------------------  -----------------
 *   LMB_NONE             allocated, REPLACEABLE            a later LMB_NONE
 *                                                          claim may take it
 *                                                          (load twice)
 *   LMB_NOOVERWRITE      allocated                         no claim may
 *                                                          overlap it
 *   LMB_NOMAP            allocated, KEEP | NOMAP           /reserved-memory
 *                                                          no-map at hand-off
 *   LMB_NONOTIFY         allocated (not REPLACEABLE)       EFI is not told
 *   any of them          BOOTMEM_TAG(LMB_TAG | flags)      flags read back
 *   (read back only)     reserved, or allocated by         LMB_NOOVERWRITE,
 *                        bootmem's API (U-Boot, firmware,  or LMB_NOMAP if
 *                        bitmap, owners, shell buffers)    BOOTMEM_NOMAP
 *
 * A bootmem allocation with BOOTMEM_LOAD_BUFFER (what `bootmem alloc`
 * makes) takes LMB_NONE claims that lie wholly inside it; the claim is
 * then what the map names for those bytes ("load: Image").
 *
 * EFI is notified of every change as lib/lmb.c does (efi_add_memory_map_pg
 * with EFI_BOOT_SERVICES_DATA or EFI_CONVENTIONAL_MEMORY), except in a test
 * state (lmb_push()) or for LMB_NONOTIFY. lmb_init() tells EFI the whole
 * map bootmem holds by then.
 *
 * LMB returns 0 for a failed allocation, so an allocation that bootmem
 * places at address 0 is given back and fails, as in LMB.
 */

#include <bootmem.h>
#include <lmb.h>
#include <linux/log2.h>
#ifdef __UBOOT__
#include <bootmem_load.h>
#include <log.h>
#include <linux/kernel.h>
#endif

/* Marks a tag as LMB flags (LMB's flags use bits 1 to 3). */
#define LMB_TAG			0x80
#define LMB_FLAGS		(LMB_NOMAP | LMB_NOOVERWRITE | LMB_NONOTIFY)
#define LMB_OWNER		"lmb"

enum lmb_notify_op {
	LMB_NOTIFY_RESERVE,
	LMB_NOTIFY_FREE,
	LMB_NOTIFY_ADD,
};

/* Test states lmb_push() started; EFI hears nothing of them. */
static unsigned int lmb_test_depth;

/*
 * Tell EFI of a change, as lib/lmb.c's lmb_map_update_notify() does.
 * Return: 0, or -1 if EFI refused it
 */
static int lmb_notify(phys_addr_t addr, phys_size_t size,
		      enum lmb_notify_op op, uint flags)
{
#if CONFIG_IS_ENABLED(EFI_LOADER)
	if (lmb_test_depth || (flags & LMB_NONOTIFY))
		return 0;
	if (bootmem_efi_note(addr, size, op == LMB_NOTIFY_RESERVE))
		return -1;
#endif
	return 0;
}

/* bootmem's flags for an LMB region made with @flags. */
static unsigned int lmb_to_bootmem(uint flags)
{
	unsigned int bm = BOOTMEM_BYTES | BOOTMEM_TAG(LMB_TAG | flags);

	if (flags == LMB_NONE)
		bm |= BOOTMEM_REPLACEABLE;
	if (flags & LMB_NOMAP)
		bm |= BOOTMEM_KEEP | BOOTMEM_NOMAP;

	return bm;
}

/* The LMB flags a run of the map reads back with (see the table above). */
static uint lmb_flags_of(const struct bootmem_run *run)
{
	if (run->tag & LMB_TAG)
		return run->tag & LMB_FLAGS;

	return run->flags & BOOTMEM_NOMAP ? LMB_NOMAP : LMB_NOOVERWRITE;
}

/*
 * Make bootmem ready for LMB: a test state opens its map on the first call
 * that needs it, once lmb_add() has registered its RAM.
 */
static bool lmb_ready(void)
{
	if (bootmem_enabled())
		return true;

	return lmb_test_depth &&
	       !bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
}

/**
 * lmb_init() - start LMB on bootmem's map
 *
 * bootmem_init_r() set the map up already: every node's RAM, U-Boot's own
 * memory and the device tree's reservations. EFI is told all of it, as
 * lib/lmb.c tells it while it builds its lists.
 *
 * Return: 0; without bootmem (its set-up failed, said in one line) LMB
 * has no memory and every allocation fails
 */
int lmb_init(void)
{
	struct bootmem_run run;

	if (!bootmem_enabled()) {
		log_err("LMB: bootmem is not enabled: no memory to load into\n");
		return 0;
	}
	for_each_bootmem_run(&run)
		lmb_notify(run.base, run.size, LMB_NOTIFY_ADD, LMB_NONE);
	for_each_bootmem_run(&run) {
		if (run.kind != BOOTMEM_FREE)
			lmb_notify(run.base, run.size, LMB_NOTIFY_RESERVE,
				   lmb_flags_of(&run));
	}

	return 0;
}

/*
 * Whether [base, base + size) lies wholly in one stretch of RAM (@whole),
 * or shares any byte with RAM.
 */
static bool lmb_in_ram(phys_addr_t base, phys_size_t size, bool whole)
{
	phys_addr_t last = base + size - 1, lo = 0, end = 0;
	struct bootmem_run run;

	/* One pass: [lo, end) is the stretch of RAM the runs so far join. */
	for_each_bootmem_run(&run) {
		if (run.base != end)
			lo = run.base;
		end = run.base + run.size;
		if (whole ? base >= lo && last <= end - 1 :
			    base <= end - 1 && last >= run.base)
			return true;
	}

	return false;
}

/**
 * lmb_add() - add RAM to LMB
 * @base:	physical address
 * @size:	bytes
 *
 * In a test state (lmb_push()) the RAM is registered with bootmem, on node
 * 0, until the first allocation opens the map. Otherwise bootmem knows
 * every node's RAM from the device tree: RAM it knows is accepted as it is.
 *
 * Return: 0; -1 if the RAM cannot be added (overlapping RAM already
 * added, a test map already in use, or memory bootmem does not know)
 */
long lmb_add(phys_addr_t base, phys_size_t size)
{
	int ret;

	if (lmb_test_depth && !bootmem_enabled()) {
		ret = bootmem_add_range(0, base, size);
		if (ret) {
			log_err("LMB: cannot add [%#llx+%#llx]: %s\n",
				(unsigned long long)base,
				(unsigned long long)size,
				bootmem_strerror(ret));
			return -1;
		}
		return 0;
	}
	if (!size || base + size - 1 < base || !lmb_in_ram(base, size, true)) {
		log_err("LMB: cannot add [%#llx+%#llx]: not RAM bootmem has\n",
			(unsigned long long)base, (unsigned long long)size);
		return -1;
	}

	return lmb_notify(base, size, LMB_NOTIFY_ADD, LMB_NONE);
}

/*
 * Claim [base, base + size) with LMB @flags under @owner; outside RAM only
 * if @ram_only is false, and then nothing needs keeping from allocations.
 * Return: 0, or bootmem's error
 */
static int lmb_claim(phys_addr_t base, phys_size_t size, uint flags,
		     const char *owner, bool ram_only)
{
	int ret;

	if (!lmb_ready())
		return -EAGAIN;
	if (flags & ~LMB_FLAGS)
		return -EINVAL;
	/* LMB takes an empty region: there is nothing to hold */
	if (!size)
		return 0;
	ret = bootmem_alloc_at(base, size, lmb_to_bootmem(flags),
			       owner ? owner : LMB_OWNER);
	if (ret == -ERANGE && !ram_only && !lmb_in_ram(base, size, false))
		return 0;
	if (!ret)
		ret = lmb_notify(base, size, LMB_NOTIFY_RESERVE, flags);

	return ret;
}

/**
 * lmb_reserve_flags() - reserve memory with LMB flags
 * @base:	physical address
 * @size:	bytes
 * @flags:	LMB_NOMAP, LMB_NOOVERWRITE, LMB_NONOTIFY or LMB_NONE
 *
 * With LMB_NONE, bytes already reserved with LMB_NONE (or lying wholly in
 * one load buffer) may be reserved again; otherwise every byte must be
 * free. A range with no RAM at all is accepted as it is: nothing is ever
 * allocated there.
 *
 * Return: 0; -EEXIST if flags are given and a byte is in use; -1 for any
 * other failure (with LMB_NONE, a byte held without LMB_NONE)
 */
long lmb_reserve_flags(phys_addr_t base, phys_size_t size,
		       enum lmb_flags flags)
{
	int ret = lmb_claim(base, size, flags, NULL, false);

	if (ret == -EBUSY && flags != LMB_NONE)
		return -EEXIST;

	return ret ? -1 : 0;
}

long lmb_reserve(phys_addr_t base, phys_size_t size)
{
	return lmb_reserve_flags(base, size, LMB_NONE);
}

/*
 * The node LMB allocates on first: the boot images' node
 * (bootmem_load_node(): $bootmem_node, else the boot CPU's), so that
 * GRUB, the kernel the EFI stub relocates, its initrd and booti's copies
 * are node-local; bootmem_alloc() goes on to the nearest nodes, then to
 * any RAM. A test state (lmb_push()) and the host build, as lib/lmb.c,
 * take the highest fit anywhere.
 */
static int lmb_node(void)
{
#ifdef __UBOOT__
	if (CONFIG_IS_ENABLED(BOOTMEM_LOAD) && !lmb_test_depth)
		return bootmem_load_node();
#endif
	return NUMA_NO_NODE;
}

static phys_addr_t lmb_alloc_below(phys_size_t size, ulong align,
				   phys_addr_t max_addr, uint flags)
{
	phys_addr_t limit = max_addr == LMB_ALLOC_ANYWHERE ?
			    BOOTMEM_ALLOC_ANYWHERE : max_addr;
	phys_addr_t addr;

	if (!lmb_ready() || !size || (flags & ~LMB_FLAGS) ||
	    bootmem_alloc(size, roundup_pow_of_two(max(align, 1UL)), 0, limit,
			  lmb_node(), lmb_to_bootmem(flags), LMB_OWNER,
			  &addr))
		return 0;
	/* 0 means failure to LMB's callers */
	if (!addr || lmb_notify(addr, size, LMB_NOTIFY_RESERVE, flags)) {
		bootmem_free_flags(addr, size, BOOTMEM_BYTES);
		return 0;
	}

	return addr;
}

/**
 * lmb_alloc_base_flags() - allocate memory below an address, with flags
 * @size:	bytes
 * @align:	alignment; not a power of two is rounded up to one
 * @max_addr:	the allocation ends at or below it; LMB_ALLOC_ANYWHERE
 * @flags:	LMB flags for the region
 *
 * The highest fit on the boot images' node, else on the nearest node
 * with room, else in any RAM: LMB's top-down search, node first.
 *
 * Return: the address, or 0 (said in one line) if nothing fits
 */
phys_addr_t lmb_alloc_base_flags(phys_size_t size, ulong align,
				 phys_addr_t max_addr, uint flags)
{
	phys_addr_t addr = lmb_alloc_below(size, align, max_addr, flags);

	if (!addr)
		printf("ERROR: Failed to allocate 0x%lx bytes below 0x%lx.\n",
		       (ulong)size, (ulong)max_addr);

	return addr;
}

phys_addr_t lmb_alloc_base(phys_size_t size, ulong align, phys_addr_t max_addr)
{
	return lmb_alloc_base_flags(size, align, max_addr, LMB_NONE);
}

phys_addr_t lmb_alloc(phys_size_t size, ulong align)
{
	return lmb_alloc_base(size, align, LMB_ALLOC_ANYWHERE);
}

/**
 * lmb_alloc_addr_flags() - allocate memory at an address, with flags
 * @base:	physical address
 * @size:	bytes
 * @flags:	LMB flags for the region
 *
 * Every byte must be RAM and free; with LMB_NONE it may also be held with
 * LMB_NONE already, or lie wholly inside one load buffer.
 *
 * Return: @base, or 0 if it cannot be had
 */
phys_addr_t lmb_alloc_addr_flags(phys_addr_t base, phys_size_t size,
				 uint flags)
{
	return lmb_claim(base, size, flags, NULL, true) ? 0 : base;
}

phys_addr_t lmb_alloc_addr(phys_addr_t base, phys_size_t size)
{
	return lmb_alloc_addr_flags(base, size, LMB_NONE);
}

/**
 * lmb_claim_load() - claim memory a loader is about to write
 * @addr:	where the data goes
 * @len:	bytes
 * @owner:	what the map names them, e.g. "load: Image"
 *
 * An LMB_NONE claim (loading twice to one address works) recorded under
 * @owner, which `bootmem map` shows and no allocation hands out. Blocks a
 * loader claims one after the other become one record.
 *
 * Return: 0, or -1 if any byte is not RAM, or held by someone else, or
 * outside the load buffer the claim starts in
 */
int lmb_claim_load(phys_addr_t addr, phys_size_t len, const char *owner)
{
	if (!len)
		return 0;

	return lmb_claim(addr, len, LMB_NONE, owner, true) ? -1 : 0;
}

/**
 * lmb_free_flags() - free memory LMB handed out or reserved
 * @base:	physical address
 * @size:	bytes
 * @flags:	LMB flags the region was made with, for EFI's notification
 *
 * Every byte must be allocated; memory bootmem reserved (U-Boot's own,
 * firmware's) is never freed.
 *
 * Return: 0, or -1 if a byte is free or reserved, or a cut record needs
 * memory that is not there
 */
long lmb_free_flags(phys_addr_t base, phys_size_t size, uint flags)
{
	if (!lmb_ready() || !size ||
	    bootmem_free_flags(base, size, BOOTMEM_BYTES))
		return -1;

	return lmb_notify(base, size, LMB_NOTIFY_FREE, flags);
}

long lmb_free(phys_addr_t base, phys_size_t size)
{
	return lmb_free_flags(base, size, LMB_NONE);
}

/**
 * lmb_get_free_size() - how many bytes are free from an address on
 * @addr:	physical address
 *
 * As LMB counts them: up to the next byte in use, holes between RAM
 * included, or else to the end of the highest RAM.
 *
 * Return: the bytes; 0 if @addr is in use or not RAM
 */
phys_size_t lmb_get_free_size(phys_addr_t addr)
{
	struct bootmem_run run, last;

	if (!lmb_ready() || bootmem_run_at(addr, &run) ||
	    run.kind != BOOTMEM_FREE)
		return 0;
	do {
		if (run.kind != BOOTMEM_FREE)
			return run.base - addr;
		last = run;
	} while (bootmem_next_run(&run));

	return last.base + last.size - addr;
}

/**
 * lmb_is_reserved_flags() - whether an address is in use with given flags
 * @addr:	physical address
 * @flags:	LMB flags that must all be set
 *
 * Memory bootmem reserved or allocated through its own API reads as
 * LMB_NOOVERWRITE, or LMB_NOMAP when it is kept from the OS's map.
 *
 * Return: 1 if @addr is in use with every flag of @flags, 0 otherwise
 */
int lmb_is_reserved_flags(phys_addr_t addr, int flags)
{
	struct bootmem_run run;

	if (!lmb_ready() || bootmem_run_at(addr, &run) ||
	    run.kind == BOOTMEM_FREE)
		return 0;

	return (lmb_flags_of(&run) & flags) == flags;
}

/*
 * The @idx-th region of LMB's view of the map: maximal stretches of RAM
 * (@used false), or of bytes in use with the same LMB flags (@used true).
 */
static int lmb_view(bool used, unsigned int idx, struct lmb_region *rgn)
{
	struct bootmem_run run;
	bool open = false;
	uint flags;

	if (!lmb_ready())
		return -ENOENT;
	for_each_bootmem_run(&run) {
		flags = used ? lmb_flags_of(&run) : LMB_NONE;
		if (open && run.base == rgn->base + rgn->size &&
		    (!used || run.kind != BOOTMEM_FREE) && flags == rgn->flags) {
			rgn->size += run.size;
			continue;
		}
		if (used && run.kind == BOOTMEM_FREE)
			continue;
		if (open && !idx--)
			return 0;
		rgn->base = run.base;
		rgn->size = run.size;
		rgn->flags = flags;
		open = true;
	}

	return open && !idx ? 0 : -ENOENT;
}

/**
 * lmb_memory_region() - one stretch of RAM, as LMB's memory list
 * @idx:	0 for the lowest
 * @rgn:	filled in (flags LMB_NONE)
 *
 * Return: 0, or -ENOENT if there are not that many
 */
int lmb_memory_region(unsigned int idx, struct lmb_region *rgn)
{
	return lmb_view(false, idx, rgn);
}

/**
 * lmb_used_region() - one region in use, as LMB's used list
 * @idx:	0 for the lowest
 * @rgn:	filled in: a maximal stretch of bytes in use with one set of
 *		LMB flags
 *
 * Return: 0, or -ENOENT if there are not that many
 */
int lmb_used_region(unsigned int idx, struct lmb_region *rgn)
{
	return lmb_view(true, idx, rgn);
}

static void lmb_print_flags(uint flags)
{
	printf("%s%s%s%s\n", flags ? "" : "none",
	       flags & LMB_NOMAP ? "no-map " : "",
	       flags & LMB_NOOVERWRITE ? "no-overwrite " : "",
	       flags & LMB_NONOTIFY ? "no-notify" : "");
}

/**
 * lmb_dump_all_force() - print LMB's view of bootmem's map
 *
 * The memory and used lists as lib/lmb.c prints them; `bootmem map` shows
 * the same map with owners.
 */
void lmb_dump_all_force(void)
{
	struct lmb_region rgn;
	unsigned int i;

	printf("lmb_dump_all: bootmem's map\n");
	for (i = 0; !lmb_memory_region(i, &rgn); i++)
		printf(" memory[%u]\t[%#llx-%#llx], %#llx bytes\n", i,
		       (unsigned long long)rgn.base,
		       (unsigned long long)(rgn.base + rgn.size - 1),
		       (unsigned long long)rgn.size);
	for (i = 0; !lmb_used_region(i, &rgn); i++) {
		printf(" reserved[%u]\t[%#llx-%#llx], %#llx bytes, flags: ", i,
		       (unsigned long long)rgn.base,
		       (unsigned long long)(rgn.base + rgn.size - 1),
		       (unsigned long long)rgn.size);
		lmb_print_flags(rgn.flags);
	}
}

void lmb_dump_all(void)
{
#ifdef DEBUG
	lmb_dump_all_force();
#endif
}

/**
 * lmb_push() - put the map aside and start an empty one, for tests
 * @store:	unused: bootmem keeps the state put aside
 *
 * The new map has no RAM until lmb_add(); EFI hears nothing of it.
 *
 * Return: 0, or -ENOMEM if there is no heap for it
 */
int lmb_push(struct lmb *store)
{
	int ret = bootmem_push();

	if (ret)
		return ret;
	lmb_test_depth++;

	return 0;
}

/**
 * lmb_pop() - drop the test map and restore the one lmb_push() put aside
 * @store:	unused
 */
void lmb_pop(struct lmb *store)
{
	if (!lmb_test_depth || bootmem_pop()) {
		log_err("LMB: nothing pushed to pop\n");
		return;
	}
	lmb_test_depth--;
}
