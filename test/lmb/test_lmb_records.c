// SPDX-License-Identifier: GPL-2.0+
/*
 * LMB served by bootmem has no table to fill (issue 12, item 3): a
 * thousand live loads, reservations and EFI-style allocations each keep
 * their own record, the owner table moving into RAM bootmem allocates
 * from itself; and when no RAM is left for records, the call that needed
 * one fails with the map as it was. On the host library, through the LMB
 * API, in a live state (not a test state: its tables would be on the
 * heap, not in RAM).
 */

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>
#include <lmb.h>
#include <bootmem.h>
#include <bootmem_fdt.h>

void host_reset(void);

#define RAM_BASE	0x40000000ULL
#define PAGE		0x1000ULL
#define MANY		1000

/* What lib/lmb.c's callers link against and the backend never calls */
efi_status_t efi_add_memory_map_pg(u64 start, u64 pages, int type,
				   bool overlap_conventional)
{
	abort();
}

/* One node of @size bytes at RAM_BASE, open, and LMB started on it. */
static void live_map(phys_size_t size)
{
	host_reset();
	assert_int_equal(bootmem_add_range(0, RAM_BASE, size), 0);
	assert_int_equal(bootmem_enable(0, BOOTMEM_ALLOC_ANYWHERE), 0);
	assert_int_equal(lmb_init(), 0);
}

static unsigned int used_regions(void)
{
	struct lmb_region rgn;
	unsigned int n = 0;

	while (!lmb_used_region(n, &rgn))
		n++;

	return n;
}

static bool owners_in_ram(void)
{
	struct bootmem_run run;

	for_each_bootmem_run(&run) {
		if (!strcmp(run.label, "bootmem owners"))
			return true;
	}

	return false;
}

/* A thousand of each, none merging with another: records grow into RAM. */
static void test_a_thousand_loads_reservations_and_efi_allocations(void **s)
{
	struct bootmem_owner_table before, after;
	phys_addr_t efi[MANY];
	char owner[24];
	int i;

	live_map(64ULL << 20);
	bootmem_owner_table(&before);
	for (i = 0; i < MANY; i++) {
		snprintf(owner, sizeof(owner), "load: file%d", i);
		assert_int_equal(lmb_claim_load(RAM_BASE + i * 4 * PAGE, 0x800,
						owner), 0);
		assert_int_equal(lmb_reserve_flags(RAM_BASE + i * 4 * PAGE +
						   PAGE, 0x100,
						   LMB_NOOVERWRITE), 0);
		efi[i] = lmb_alloc_base_flags(PAGE, 2 * PAGE,
					      LMB_ALLOC_ANYWHERE,
					      LMB_NOOVERWRITE | LMB_NONOTIFY);
		assert_int_not_equal(efi[i], 0);
	}
	bootmem_owner_table(&after);
	assert_true(after.nr >= 3 * MANY);
	assert_true(after.capacity > before.capacity);
	assert_int_not_equal(after.base, 0);
	assert_true(owners_in_ram());
	assert_true(used_regions() >= 3 * MANY);

	/* each still reads back as made */
	for (i = 0; i < MANY; i++) {
		assert_int_equal(lmb_is_reserved_flags(RAM_BASE + i * 4 * PAGE,
						       LMB_NOOVERWRITE), 0);
		assert_int_equal(lmb_is_reserved_flags(RAM_BASE + i * 4 * PAGE +
						       PAGE, LMB_NOOVERWRITE),
				 1);
		assert_int_equal(lmb_is_reserved_flags(efi[i], LMB_NONOTIFY),
				 1);
	}
	for (i = 0; i < MANY; i++)
		assert_int_equal(lmb_free_flags(efi[i], PAGE, LMB_NOOVERWRITE),
				 0);
	bootmem_owner_table(&after);
	assert_true(after.nr >= 2 * MANY && after.nr < 3 * MANY);
}

#define MAX_RUNS	4096

struct snapshot {
	unsigned int n;
	struct bootmem_run run[MAX_RUNS];
	char label[MAX_RUNS][BOOTMEM_LABEL_LEN];
	struct bootmem_owner_table table;
};

static void take_snapshot(struct snapshot *s)
{
	struct bootmem_run run;

	s->n = 0;
	for_each_bootmem_run(&run) {
		assert_true(s->n < MAX_RUNS);
		s->run[s->n] = run;
		strcpy(s->label[s->n], run.label);
		s->run[s->n].label = NULL;
		s->n++;
	}
	bootmem_owner_table(&s->table);
}

static void assert_same(const struct snapshot *a, const struct snapshot *b)
{
	unsigned int i;

	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_memory_equal(&a->run[i], &b->run[i], sizeof(a->run[i]));
		assert_string_equal(a->label[i], b->label[i]);
	}
	assert_memory_equal(&a->table, &b->table, sizeof(a->table));
}

/*
 * Half of every free page claimed, each under its own owner: no whole page
 * is left for a larger owner table. Then claims in the other halves find
 * free bytes, but sooner or later no record.
 */
static void test_no_ram_for_records_fails_with_nothing_changed(void **s)
{
	static struct snapshot before, after;
	phys_addr_t page, ram_end = RAM_BASE + 256 * PAGE, at = 0;
	char owner[24];
	int claims = 0, ret = 0;

	live_map(ram_end - RAM_BASE);
	for (page = RAM_BASE; page < ram_end; page += PAGE) {
		if (lmb_get_free_size(page) < PAGE)
			continue;
		snprintf(owner, sizeof(owner), "load: f%d", claims++);
		assert_int_equal(lmb_claim_load(page, 0x800, owner), 0);
	}
	for (page = RAM_BASE; page < ram_end && !ret; page += PAGE) {
		at = page + 0x800;
		if (lmb_get_free_size(at) < 0x800)
			continue;
		snprintf(owner, sizeof(owner), "load: g%d", claims);
		take_snapshot(&before);
		ret = lmb_claim_load(at, 0x800, owner);
		claims += !ret;
	}
	/* it failed on free bytes, for want of a record */
	assert_int_equal(ret, -1);
	assert_true(lmb_get_free_size(at) >= 0x800);
	take_snapshot(&after);
	assert_same(&before, &after);
	print_message("%d claims made before the owner table had no room to grow\n",
		      claims);
}

/* LMB_NOMAP reaches the OS's device tree as a no-map reservation. */
static void test_lmb_nomap_is_handed_over_as_no_map(void **s)
{
	static char fdt[4096];
	int node, child, len;
	const fdt32_t *reg;

	live_map(16ULL << 20);
	assert_int_equal(lmb_reserve_flags(RAM_BASE + 0x100000, 0x3000,
					   LMB_NOMAP), 0);
	assert_int_equal(lmb_reserve_flags(RAM_BASE + 0x200000, 0x1000,
					   LMB_NOOVERWRITE), 0);
	assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
	assert_int_equal(fdt_setprop_u32(fdt, 0, "#address-cells", 2), 0);
	assert_int_equal(fdt_setprop_u32(fdt, 0, "#size-cells", 2), 0);
	/* only the no-map region is kept from the OS */
	assert_int_equal(bootmem_fdt_add_reserved(fdt), 1);
	node = fdt_path_offset(fdt, "/reserved-memory");
	assert_true(node >= 0);
	child = fdt_first_subnode(fdt, node);
	assert_true(child >= 0);
	assert_non_null(fdt_getprop(fdt, child, "no-map", NULL));
	reg = fdt_getprop(fdt, child, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), RAM_BASE + 0x100000);
	assert_int_equal(fdt32_to_cpu(reg[3]), 0x3000);
	assert_int_equal(lmb_is_reserved_flags(RAM_BASE + 0x100000, LMB_NOMAP),
			 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_thousand_loads_reservations_and_efi_allocations),
		cmocka_unit_test(test_no_ram_for_records_fails_with_nothing_changed),
		cmocka_unit_test(test_lmb_nomap_is_handed_over_as_no_map),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
