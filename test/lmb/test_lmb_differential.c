// SPDX-License-Identifier: GPL-2.0+
/*
 * LMB differential test: U-Boot 2025.01's own lib/lmb.c (its symbols
 * renamed ref_*) against common/lmb_bootmem.c, the same random LMB calls
 * on both, in test states (lmb_push()) of one node. After every call the
 * return values and the used regions must agree: LMB's list (adjacent
 * regions with the same flags merged) against bootmem's map read as LMB's
 * used list (lmb_used_region()).
 *
 * Where bootmem deliberately differs the generator does not go, and each
 * such place is named (DIFF_*) and counted:
 */
#define DIFF_ADJACENT_FIRST	0 /* LMB lets a claim that touches the end of
				   * one region through over the next one,
				   * even a no-overwrite one; bootmem refuses
				   * what it overlaps */
#define DIFF_FREE_ACROSS	1 /* LMB frees only within one region of its
				   * list; bootmem frees any allocated bytes */
#define DIFF_OUTSIDE_RAM	2 /* LMB keeps reservations outside its RAM;
				   * bootmem has nothing there to keep */
#define DIFF_LIMIT_BELOW_RAM	3 /* LMB wraps below max_addr - size < RAM
				   * and returns an address outside RAM */
#define DIFF_SPLIT_TAIL		4 /* LMB's free from the middle of a region
				   * may drop the part above it, when that
				   * touches a region with other flags
				   * (found by this test: its re-insert
				   * merges two other regions and stops) */
#define DIFF_COUNT		5
/*
 * Never generated, as LMB's answer is not meant: sizes of 0 (LMB inserts
 * empty regions), alignments that are not a power of two (LMB masks with
 * align - 1), RAM added twice.
 *
 * Usage: test_lmb_differential [sequences] [calls per sequence] [seed]
 */

#include <lmb.h>

#define RAM_LAYOUTS	3

struct ram_layout {
	phys_addr_t base[2];
	phys_size_t size[2];
};

/* One node at 1 GiB; two banks with a hole; RAM from address 0. */
static const struct ram_layout layouts[RAM_LAYOUTS] = {
	{ { 0x40000000 }, { 0x20000000 } },
	{ { 0x40000000, 0x80000000 }, { 0x100000, 0x100000 } },
	{ { 0 }, { 0x200000 } },
};

/* U-Boot's lib/lmb.c, renamed */
long ref_lmb_add(phys_addr_t base, phys_size_t size);
long ref_lmb_reserve_flags(phys_addr_t base, phys_size_t size,
			   enum lmb_flags flags);
phys_addr_t ref_lmb_alloc_base_flags(phys_size_t size, ulong align,
				     phys_addr_t max_addr, uint flags);
phys_addr_t ref_lmb_alloc_addr_flags(phys_addr_t base, phys_size_t size,
				     uint flags);
long ref_lmb_free_flags(phys_addr_t base, phys_size_t size, uint flags);
phys_size_t ref_lmb_get_free_size(phys_addr_t addr);
int ref_lmb_is_reserved_flags(phys_addr_t addr, int flags);
struct lmb *ref_lmb_get(void);
int ref_lmb_push(struct lmb *store);
void ref_lmb_pop(struct lmb *store);

/* What lib/lmb.c links against and never calls here */
gd_t *gd;
char __bss_start[1], __bss_end[1];
void boot_fdt_add_mem_rsv_regions(void *fdt_blob) { }
void lmb_arch_add_memory(void) { }
efi_status_t efi_add_memory_map_pg(u64 start, u64 pages, int type,
				   bool overlap_conventional)
{
	abort();
}

/* bootmem's host port: a test state never maps memory. */
void *bootmem_port_map(phys_addr_t addr, phys_size_t len)
{
	abort();
}

void bootmem_port_panic(const char *fmt, ...)
{
	abort();
}

static unsigned long long rng_state;

static u64 rnd(u64 n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (rng_state >> 16) % n : 0;
}

static const struct ram_layout *ram;
static unsigned long diffs[DIFF_COUNT];
static unsigned long calls, refused;

#define MAX_RGN	4096

/* LMB's used list, adjacent regions with the same flags merged */
static unsigned int ref_used(struct lmb_region *out)
{
	struct lmb *lmb = ref_lmb_get();
	struct lmb_region *rgn = lmb->used_mem.data;
	unsigned int i, n = 0;

	for (i = 0; i < lmb->used_mem.count; i++) {
		if (n && out[n - 1].base + out[n - 1].size == rgn[i].base &&
		    out[n - 1].flags == rgn[i].flags) {
			out[n - 1].size += rgn[i].size;
			continue;
		}
		out[n++] = rgn[i];
	}

	return n;
}

static unsigned int bm_used(struct lmb_region *out)
{
	unsigned int n = 0;

	while (n < MAX_RGN && !lmb_used_region(n, &out[n]))
		n++;

	return n;
}

static struct lmb_region ref_rgn[MAX_RGN], bm_rgn[MAX_RGN];

static void dump(const char *who, const struct lmb_region *r, unsigned int n)
{
	unsigned int i;

	fprintf(stderr, "  %s: %u regions\n", who, n);
	for (i = 0; i < n; i++)
		fprintf(stderr, "    [%#llx-%#llx] flags %#x\n",
			(unsigned long long)r[i].base,
			(unsigned long long)(r[i].base + r[i].size - 1),
			r[i].flags);
}

static bool same_maps(void)
{
	unsigned int nr = ref_used(ref_rgn), nb = bm_used(bm_rgn), i;

	if (nr != nb)
		goto differ;
	for (i = 0; i < nr; i++) {
		if (ref_rgn[i].base != bm_rgn[i].base ||
		    ref_rgn[i].size != bm_rgn[i].size ||
		    ref_rgn[i].flags != bm_rgn[i].flags)
			goto differ;
	}
	return true;
differ:
	dump("lib/lmb.c", ref_rgn, nr);
	dump("bootmem", bm_rgn, nb);
	return false;
}

/* The raw regions of LMB's list that share a byte with [base, last] */
static unsigned int ref_overlaps(phys_addr_t base, phys_addr_t last,
				 bool *touch_below)
{
	struct lmb *lmb = ref_lmb_get();
	struct lmb_region *rgn = lmb->used_mem.data;
	unsigned int i, n = 0;

	*touch_below = false;
	for (i = 0; i < lmb->used_mem.count; i++) {
		if (rgn[i].base + rgn[i].size == base)
			*touch_below = true;
		if (rgn[i].base <= last && base <= rgn[i].base + rgn[i].size - 1)
			n++;
	}

	return n;
}

/*
 * Whether freeing [base, last] splits a region of LMB's list whose upper
 * part touches the next region, which has other flags.
 */
static bool ref_split_touches(phys_addr_t base, phys_addr_t last)
{
	struct lmb *lmb = ref_lmb_get();
	struct lmb_region *rgn = lmb->used_mem.data;
	unsigned int i;

	for (i = 0; i + 1 < lmb->used_mem.count; i++) {
		phys_addr_t rlast = rgn[i].base + rgn[i].size - 1;

		if (rgn[i].base < base && last < rlast &&
		    rgn[i + 1].base == rlast + 1 &&
		    rgn[i + 1].flags != rgn[i].flags)
			return true;
	}

	return false;
}

static bool in_ram(phys_addr_t base, phys_size_t size)
{
	int i;

	for (i = 0; i < 2 && ram->size[i]; i++) {
		if (base >= ram->base[i] &&
		    base + size <= ram->base[i] + ram->size[i])
			return true;
	}

	return false;
}

/* An address near the used regions, in a window where calls collide */
static phys_addr_t pick_addr(void)
{
	int bank = ram->size[1] && rnd(2);
	phys_addr_t a = ram->base[bank];

	switch (rnd(4)) {
	case 0:
		return a + (rnd(ram->size[bank] / 0x1000) << 12);
	case 1:
		return a + ram->size[bank] - rnd(0x3000);
	default:
		return a + rnd(0x40000);
	}
}

static phys_size_t pick_size(void)
{
	switch (rnd(3)) {
	case 0:
		return (1 + rnd(16)) << 12;
	case 1:
		return 1 + rnd(64);
	default:
		return 1 + rnd(0x6000);
	}
}

static uint pick_flags(void)
{
	static const uint f[] = { LMB_NONE, LMB_NONE, LMB_NONE,
		LMB_NOOVERWRITE, LMB_NOMAP, LMB_NOOVERWRITE | LMB_NONOTIFY };

	return f[rnd(sizeof(f) / sizeof(f[0]))];
}

/* Run one random call on both; false if they disagree. */
static bool one_call(char *what, size_t len)
{
	phys_addr_t base = pick_addr(), last, limit;
	phys_size_t size = pick_size();
	uint flags = pick_flags();
	ulong align;
	long r1, r2;
	bool below;
	unsigned int n;

	last = base + size - 1;
	switch (rnd(7)) {
	case 0:
	case 1:
		snprintf(what, len, "lmb_reserve_flags(%#llx, %#llx, %#x)",
			 (unsigned long long)base, (unsigned long long)size,
			 flags);
		if (!in_ram(base, size)) {
			diffs[DIFF_OUTSIDE_RAM]++;
			return true;
		}
		n = ref_overlaps(base, last, &below);
		if (n && below) {
			diffs[DIFF_ADJACENT_FIRST]++;
			return true;
		}
		r1 = ref_lmb_reserve_flags(base, size, flags);
		r2 = lmb_reserve_flags(base, size, flags);
		break;
	case 2:
		snprintf(what, len, "lmb_alloc_addr_flags(%#llx, %#llx, %#x)",
			 (unsigned long long)base, (unsigned long long)size,
			 flags);
		n = ref_overlaps(base, last, &below);
		if (n && below && in_ram(base, size)) {
			diffs[DIFF_ADJACENT_FIRST]++;
			return true;
		}
		r1 = ref_lmb_alloc_addr_flags(base, size, flags);
		r2 = lmb_alloc_addr_flags(base, size, flags);
		break;
	case 3:
		limit = rnd(3) ? 0 : pick_addr();
		size = rnd(2) ? size : (1 + rnd(8)) << 12;
		align = 1UL << rnd(14);
		snprintf(what, len,
			 "lmb_alloc_base_flags(%#llx, %#lx, %#llx, %#x)",
			 (unsigned long long)size, align,
			 (unsigned long long)limit, flags);
		if (limit && limit < ram->base[0] + size) {
			diffs[DIFF_LIMIT_BELOW_RAM]++;
			return true;
		}
		r1 = ref_lmb_alloc_base_flags(size, align, limit, flags);
		r2 = lmb_alloc_base_flags(size, align, limit, flags);
		break;
	case 4:
		/* part of a used region, or anything */
		n = ref_used(ref_rgn);
		if (n && rnd(4)) {
			struct lmb_region *r = &ref_rgn[rnd(n)];
			phys_size_t off = rnd(r->size);

			base = r->base + off;
			size = 1 + rnd(r->size - off);
			last = base + size - 1;
		}
		snprintf(what, len, "lmb_free_flags(%#llx, %#llx)",
			 (unsigned long long)base, (unsigned long long)size);
		if (ref_overlaps(base, last, &below) > 1) {
			diffs[DIFF_FREE_ACROSS]++;
			return true;
		}
		if (ref_split_touches(base, last)) {
			diffs[DIFF_SPLIT_TAIL]++;
			return true;
		}
		r1 = ref_lmb_free_flags(base, size, LMB_NONE);
		r2 = lmb_free_flags(base, size, LMB_NONE);
		break;
	case 5:
		snprintf(what, len, "lmb_get_free_size(%#llx)",
			 (unsigned long long)base);
		r1 = ref_lmb_get_free_size(base);
		r2 = lmb_get_free_size(base);
		break;
	default:
		snprintf(what, len, "lmb_is_reserved_flags(%#llx, %#x)",
			 (unsigned long long)base, flags);
		r1 = ref_lmb_is_reserved_flags(base, flags);
		r2 = lmb_is_reserved_flags(base, flags);
		break;
	}
	calls++;
	refused += r1 == 0 && strstr(what, "alloc");
	if (r1 != r2) {
		fprintf(stderr, "  lib/lmb.c returned %#lx, bootmem %#lx\n",
			r1, r2);
		return false;
	}

	return same_maps();
}

static bool one_sequence(unsigned long seq, unsigned long ncalls)
{
	struct lmb store, ref_store;
	unsigned long i;
	char what[128];
	bool ok = true;
	int b;

	ram = &layouts[seq % RAM_LAYOUTS];
	if (lmb_push(&store) || ref_lmb_push(&ref_store)) {
		fprintf(stderr, "lmb_push failed\n");
		exit(1);
	}
	for (b = 0; b < 2 && ram->size[b]; b++) {
		if (lmb_add(ram->base[b], ram->size[b]) ||
		    ref_lmb_add(ram->base[b], ram->size[b])) {
			fprintf(stderr, "lmb_add failed\n");
			exit(1);
		}
	}
	for (i = 0; i < ncalls && ok; i++) {
		ok = one_call(what, sizeof(what));
		if (!ok)
			fprintf(stderr, "sequence %lu, call %lu: %s differs\n",
				seq, i, what);
	}
	ref_lmb_pop(&ref_store);
	lmb_pop(&store);

	return ok;
}

int main(int argc, char **argv)
{
	unsigned long seqs = argc > 1 ? strtoul(argv[1], NULL, 0) : 300;
	unsigned long ncalls = argc > 2 ? strtoul(argv[2], NULL, 0) : 300;
	unsigned long seq, failed = 0;
	static const char *const names[DIFF_COUNT] = {
		"claim touching a region below", "free across regions",
		"reservation outside RAM", "limit below RAM + size",
		"free splitting a region below another",
	};
	int d;

	rng_state = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
	for (seq = 0; seq < seqs; seq++)
		failed += !one_sequence(seq, ncalls);

	fprintf(stdout, "lmb differential: %lu sequences, %lu calls compared (%lu allocations refused by both), %lu differ\n",
		seqs, calls, refused, failed);
	for (d = 0; d < DIFF_COUNT; d++)
		fprintf(stdout, "  not generated, bootmem differs by design: %s: %lu\n",
			names[d], diffs[d]);

	return failed ? 1 : 0;
}
