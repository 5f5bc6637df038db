// SPDX-License-Identifier: GPL-2.0+
/*
 * Owner records: byte-exact requests (BOOTMEM_BYTES), replaceable claims
 * and load buffers, merging, an owner table that grows in RAM bootmem
 * allocates from itself (and refuses, changing nothing, when RAM runs
 * out), and bootmem_push() / bootmem_pop().
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <bootmem_fdt.h>
#include "host_port.h"

#define MB		(1ULL << 20)
#define PAGE		BOOTMEM_PAGE_SIZE
#define BASE		0x40000000ULL
#define RAM		(64 * MB)
#define ANY		NUMA_NO_NODE
#define TOP		BOOTMEM_ALLOC_ANYWHERE
#define BYTES		BOOTMEM_BYTES
#define REPLACE		(BOOTMEM_BYTES | BOOTMEM_REPLACEABLE)

/* Where free RAM ends: the bitmap takes the top page. */
static phys_addr_t ram_end;

static int setup(void **state)
{
	phys_addr_t map;
	phys_size_t size;

	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, BASE, RAM), 0);
	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	bootmem_map_location(&map, &size);
	assert_int_equal(map + size, BASE + RAM);
	ram_end = map;
	return 0;
}

static phys_addr_t alloc(phys_size_t size, phys_size_t align,
			 phys_addr_t limit, unsigned int flags,
			 const char *label)
{
	phys_addr_t addr = ~0ULL;

	assert_int_equal(bootmem_alloc(size, align, 0, limit, ANY, flags,
				       label, &addr), 0);
	return addr;
}

static unsigned int nr_owners(void)
{
	struct bootmem_owner_table t;

	bootmem_owner_table(&t);
	return t.nr;
}

/* The record covering @addr that starts lowest, which must exist. */
static struct bootmem_owner owner_at(phys_addr_t addr)
{
	struct bootmem_owner o;
	unsigned int i;

	for_each_bootmem_owner(i, &o)
		if (o.base <= addr && addr <= o.last)
			return o;
	fail_msg("no record holds %#llx", (unsigned long long)addr);
	return o;
}

/* The one record labelled @label. */
static struct bootmem_owner owner_labelled(const char *label)
{
	struct bootmem_owner o, found = { 0 };
	unsigned int i, n = 0;

	for_each_bootmem_owner(i, &o) {
		if (strcmp(o.label, label))
			continue;
		found = o;
		n++;
	}
	assert_int_equal(n, 1);
	return found;
}

static struct bootmem_run run_from(phys_addr_t addr)
{
	struct bootmem_run run;

	assert_int_equal(bootmem_run_at(addr, &run), 0);
	return run;
}

static void assert_owner(phys_addr_t addr, phys_addr_t base, phys_addr_t last)
{
	struct bootmem_owner o = owner_at(addr);

	assert_int_equal(o.base, base);
	assert_int_equal(o.last, last);
}

/* LMB's test: lmb_alloc(4, 1) twice gives ram_end - 4, then ram_end - 8. */
static void bytes_alloc_takes_exact_bytes_from_the_top(void **state)
{
	unsigned int n = nr_owners();

	(void)state;
	assert_int_equal(alloc(4, 1, TOP, BYTES, NULL), ram_end - 4);
	assert_int_equal(alloc(4, 1, TOP, BYTES, NULL), ram_end - 8);
	/* Two unlabelled claims that touch are one record. */
	assert_int_equal(nr_owners(), n + 1);
	assert_owner(ram_end - 8, ram_end - 8, ram_end - 1);
	assert_true(bootmem_is_free(ram_end - PAGE, PAGE - 8));
	assert_false(bootmem_is_free(ram_end - 9, 2));
}

/* LMB's test: lmb_alloc(5, 8) gives ram_end - 8, then ram_end - 16. */
static void bytes_alloc_aligns_down_exactly(void **state)
{
	(void)state;
	assert_int_equal(alloc(5, 8, TOP, BYTES, NULL), ram_end - 8);
	assert_int_equal(alloc(5, 8, TOP, BYTES, NULL), ram_end - 16);
	assert_owner(ram_end - 16, ram_end - 16, ram_end - 12);
	assert_owner(ram_end - 8, ram_end - 8, ram_end - 4);
	assert_true(bootmem_is_free(ram_end - 11, 3));
}

/* A limit is exact for bytes: lmb_alloc_base(4, 1, end of a reservation). */
static void bytes_alloc_below_a_limit_packs_under_a_claim(void **state)
{
	phys_addr_t mid = BASE + 32 * MB;

	(void)state;
	assert_int_equal(bootmem_alloc_at(mid, 0x10000, REPLACE, NULL), 0);
	assert_int_equal(alloc(4, 1, mid + 0x10000, REPLACE, NULL), mid - 4);
	assert_owner(mid, mid - 4, mid + 0xffff);
	assert_int_equal(alloc(4, 1, mid + 0x10000, REPLACE, NULL), mid - 8);
	assert_owner(mid, mid - 8, mid + 0xffff);
	/* Freeing bytes inside a record cuts it in two. */
	assert_int_equal(bootmem_free_flags(mid - 4, 4, BYTES), 0);
	assert_owner(mid - 8, mid - 8, mid - 5);
	assert_owner(mid, mid, mid + 0xffff);
	assert_true(bootmem_is_free(mid - 4, 4));
	assert_int_equal(bootmem_free_flags(mid - 4, 4, BYTES), -ENOENT);
}

/* Whole pages never need a record, BOOTMEM_BYTES or not: the same answer. */
static void whole_page_bytes_requests_use_the_bitmap(void **state)
{
	unsigned int n = nr_owners();
	phys_addr_t a, b;

	(void)state;
	a = alloc(2 * PAGE, PAGE, TOP, BYTES, NULL);
	b = alloc(2 * PAGE, PAGE, TOP, 0, NULL);
	assert_int_equal(a, ram_end - 2 * PAGE);
	assert_int_equal(b, ram_end - 4 * PAGE);
	assert_int_equal(nr_owners(), n);
	assert_int_equal(run_from(b).kind, BOOTMEM_ALLOCATED);
	assert_int_equal(run_from(b).size, 4 * PAGE);
	assert_int_equal(bootmem_free_flags(a, 2 * PAGE, BYTES), 0);
	assert_true(bootmem_is_free(a, 2 * PAGE));
}

/* Goal, limit, bottom-up and LOW mean for bytes what they mean for pages. */
static void bytes_alloc_follows_goal_limit_and_direction(void **state)
{
	(void)state;
	assert_int_equal(alloc(10, 2, TOP, BYTES | BOOTMEM_BOTTOM_UP, NULL),
			 BASE);
	assert_int_equal(alloc(10, 2, TOP, BYTES | BOOTMEM_BOTTOM_UP, NULL),
			 BASE + 10);
	assert_int_equal(alloc(3, 1, BASE + MB + 5, BYTES, NULL), BASE + MB + 2);
	assert_int_equal(bootmem_alloc(6, 4, BASE + 2 * MB + 1, TOP, ANY,
				       BYTES | BOOTMEM_BOTTOM_UP, NULL,
				       &(phys_addr_t){ 0 }), 0);
	assert_false(bootmem_is_free(BASE + 2 * MB + 4, 6));
	assert_int_equal(alloc(1, 1, TOP, BYTES | BOOTMEM_LOW, NULL),
			 ram_end - 1);
	assert_int_equal(bootmem_alloc(1, 1, 0, 0, ANY, BYTES, NULL,
				       &(phys_addr_t){ 0 }), -ENOMEM);
}

/* A claim without BOOTMEM_REPLACEABLE needs every byte free. */
static void byte_claim_needs_every_byte_free(void **state)
{
	phys_addr_t a = BASE + MB + 100;

	(void)state;
	assert_int_equal(bootmem_alloc_at(a, 50, BYTES, "a"), 0);
	assert_int_equal(bootmem_alloc_at(a + 49, 10, BYTES, "b"), -EBUSY);
	assert_int_equal(bootmem_alloc_at(a - 1, 1, BYTES | BOOTMEM_REPLACEABLE,
					  "b"), 0);
	assert_int_equal(bootmem_alloc_at(a + 50, 10, BYTES, "a"), 0);
	/* Same owner, touching: merged. */
	assert_owner(a, a, a + 59);
	assert_int_equal(bootmem_alloc_at(a, 50, BYTES, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(a, 50, 0, NULL), -EINVAL);
}

/*
 * A page allocated without a record is in use as a whole: no byte-exact
 * claim, reservation or free takes part of it.
 */
static void recordless_pages_are_never_shared(void **state)
{
	phys_addr_t p = alloc(PAGE, PAGE, TOP, 0, NULL);

	(void)state;
	assert_int_equal(bootmem_alloc_at(p + 8, 8, REPLACE, NULL), -EBUSY);
	assert_int_equal(bootmem_reserve(p + 8, 8, BYTES | BOOTMEM_FORCE,
					 "fw"), -EBUSY);
	assert_int_equal(bootmem_free_flags(p + 8, 8, BYTES), -EINVAL);
	assert_false(bootmem_is_free(p, PAGE));
	/* Forced over the whole page, a reservation may take it. */
	assert_int_equal(bootmem_reserve(p, PAGE, BYTES | BOOTMEM_FORCE,
					 "fw"), 0);
	assert_int_equal(run_from(p).kind, BOOTMEM_RESERVED);
	assert_int_equal(bootmem_free_flags(p, PAGE, BYTES), -EACCES);
}

/* LMB's test of lmb_alloc_addr_flags(): loading twice to one address. */
static void replaceable_claims_may_load_twice(void **state)
{
	phys_addr_t a = BASE + 8 * MB;

	(void)state;
	assert_int_equal(bootmem_alloc_at(a, 0x1000, REPLACE, NULL), 0);
	assert_int_equal(bootmem_alloc_at(a, 0x1000, BYTES, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(a, 0x1000, REPLACE, NULL), 0);
	assert_int_equal(bootmem_alloc_at(a, 0x2000, REPLACE, NULL), 0);
	assert_owner(a, a, a + 0x1fff);
	assert_int_equal(bootmem_free_flags(a, 0x2000, BYTES), 0);
	assert_int_equal(bootmem_alloc_at(a, 0x1000, BYTES, NULL), 0);
	assert_int_equal(bootmem_alloc_at(a, 0x1000, REPLACE, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(a, 0x1000, BYTES, NULL), -EBUSY);
	assert_int_equal(bootmem_free_flags(a, 0x1000, BYTES), 0);
	assert_true(bootmem_is_free(a, 0x2000));
}

/* The newer claim takes the bytes it overlaps; the older one is cut. */
static void replaceable_claim_cuts_the_older_one(void **state)
{
	phys_addr_t a = BASE + 8 * MB;

	(void)state;
	assert_int_equal(bootmem_alloc_at(a, 3 * PAGE, REPLACE, "old"), 0);
	assert_int_equal(bootmem_alloc_at(a + PAGE + 1, 10, REPLACE, "new"), 0);
	assert_owner(a, a, a + PAGE);
	assert_owner(a + PAGE + 1, a + PAGE + 1, a + PAGE + 10);
	assert_owner(a + PAGE + 11, a + PAGE + 11, a + 3 * PAGE - 1);
	assert_string_equal(run_from(a + PAGE + 5).label, "new");
	assert_int_equal(run_from(a + PAGE + 1).size, 10);
	/* Not over a reservation, nor memory that is not RAM. */
	assert_int_equal(bootmem_reserve(a + 4 * PAGE, PAGE, 0, "fw"), 0);
	assert_int_equal(bootmem_alloc_at(a + 4 * PAGE - 1, 2, REPLACE, NULL),
			 -EBUSY);
	assert_int_equal(bootmem_alloc_at(BASE + RAM, 1, REPLACE, NULL),
			 -ERANGE);
}

/* `bootmem alloc 40M -v kbuf; load ... $kbuf Image`, as the library sees it. */
static void load_buffer_takes_claims_wholly_inside(void **state)
{
	phys_addr_t kbuf, other;

	(void)state;
	kbuf = alloc(40 * PAGE, PAGE, TOP, BOOTMEM_LOAD_BUFFER, "kbuf");
	other = alloc(4 * PAGE, PAGE, TOP, 0, "kept");
	assert_int_equal(bootmem_alloc_at(kbuf, 30000, REPLACE, "load: Image"),
			 0);
	assert_string_equal(run_from(kbuf).label, "load: Image");
	assert_int_equal(run_from(kbuf).flags, BOOTMEM_REPLACEABLE);
	assert_string_equal(run_from(kbuf + 30000).label, "kbuf");
	assert_int_equal(run_from(kbuf + 30000).flags, BOOTMEM_LOAD_BUFFER);
	/* Loading again replaces the load, inside the buffer. */
	assert_int_equal(bootmem_alloc_at(kbuf, 20000, REPLACE, "load: Image"),
			 0);
	/* A file larger than the buffer, or a buffer without the flag. */
	assert_int_equal(bootmem_alloc_at(kbuf, 40 * PAGE + 1, REPLACE,
					  "load: big"), -EBUSY);
	assert_int_equal(bootmem_alloc_at(kbuf - 1, 2, REPLACE, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(other, 100, REPLACE, NULL), -EBUSY);
	assert_int_equal(bootmem_alloc_at(kbuf, 100, BYTES, NULL), -EBUSY);
	/* The buffer never is both. */
	assert_int_equal(bootmem_alloc(PAGE, PAGE, 0, TOP, ANY,
				       BOOTMEM_LOAD_BUFFER | BOOTMEM_REPLACEABLE,
				       NULL, &(phys_addr_t){ 0 }), -EINVAL);
}

/*
 * Freeing the load frees the load; freeing the buffer frees the buffer
 * and every load in the part freed.
 */
static void free_takes_the_innermost_allocation(void **state)
{
	phys_addr_t kbuf;

	(void)state;
	kbuf = alloc(8 * PAGE, PAGE, TOP, BOOTMEM_LOAD_BUFFER, "kbuf");
	assert_int_equal(bootmem_alloc_at(kbuf + 10, 100, REPLACE, "load"), 0);
	assert_int_equal(bootmem_free_flags(kbuf + 10, 100, BYTES), 0);
	assert_string_equal(run_from(kbuf + 10).label, "kbuf");
	assert_int_equal(run_from(kbuf).size, 8 * PAGE);
	assert_int_equal(bootmem_alloc_at(kbuf + 10, 100, REPLACE, "load"), 0);
	assert_int_equal(bootmem_free_flags(kbuf, 2 * PAGE, BYTES), 0);
	assert_true(bootmem_is_free(kbuf, 2 * PAGE));
	assert_string_equal(run_from(kbuf + 2 * PAGE).label, "kbuf");
	assert_int_equal(bootmem_free(kbuf + 2 * PAGE, 6 * PAGE), 0);
	assert_true(bootmem_is_free(kbuf, 8 * PAGE));
}

/* tftp claims every block it receives: 20,000 become one record. */
static void adjacent_claims_become_one_record(void **state)
{
	phys_addr_t buf, at;
	unsigned int n = nr_owners(), i;

	(void)state;
	buf = alloc(30 * MB, PAGE, TOP, BOOTMEM_LOAD_BUFFER, "kbuf");
	for (i = 0, at = buf; i < 20000; i++, at += 1468)
		assert_int_equal(bootmem_alloc_at(at, 1468, REPLACE, "tftp"), 0);
	assert_int_equal(nr_owners(), n + 2);
	assert_int_equal(owner_labelled("tftp").base, buf);
	assert_int_equal(owner_labelled("tftp").last, buf + 1468 * 20000 - 1);
	assert_string_equal(run_from(buf).label, "tftp");
	assert_int_equal(run_from(buf).size, 1468 * 20000);
}

/* A tag is kept, and records of different tags do not merge. */
static void tags_are_kept_apart(void **state)
{
	phys_addr_t a = BASE + MB;

	(void)state;
	assert_int_equal(bootmem_alloc_at(a, PAGE, BOOTMEM_TAG(4), "efi"), 0);
	assert_int_equal(bootmem_alloc_at(a + PAGE, PAGE, BOOTMEM_TAG(7), "efi"),
			 0);
	assert_int_equal(owner_at(a).tag, 4);
	assert_int_equal(owner_at(a + PAGE).tag, 7);
	assert_int_equal(run_from(a).size, PAGE);
	assert_int_equal(run_from(a + PAGE).tag, 7);
}

/*
 * Many records: the table leaves the heap for a page of RAM labelled
 * "bootmem owners", then doubles there, every record kept.
 */
static void owner_table_grows_in_ram_from_itself(void **state)
{
	struct bootmem_owner_table t;
	phys_size_t last_size = 0;
	unsigned int i, doublings = 0;
	char label[16];

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(label, sizeof(label), "r%u", i);
		assert_int_equal(bootmem_reserve(BASE + 2 * i * PAGE, 8, BYTES,
						 label), 0);
		bootmem_owner_table(&t);
		if (t.size != last_size) {
			assert_true(!last_size || t.size == 2 * last_size);
			doublings += !!last_size;
			last_size = t.size;
		}
	}
	assert_true(doublings >= 3);
	assert_true(t.capacity >= 1000 && t.nr >= 1000);
	assert_string_equal(run_from(t.base).label, "bootmem owners");
	assert_int_equal(run_from(t.base).kind, BOOTMEM_RESERVED);
	assert_int_equal(run_from(t.base).size, t.size);
	for (i = 0; i < 1000; i += 111) {
		snprintf(label, sizeof(label), "r%u", i);
		assert_string_equal(run_from(BASE + 2 * i * PAGE).label, label);
	}
	/* bootmem's own pages are never released. */
	assert_int_equal(bootmem_release(t.base, t.size), -EBUSY);
}

/* Record the state the public API shows: the runs, labels included. */
static unsigned int runs_of(struct bootmem_run *runs, char (*labels)[24],
			    unsigned int max)
{
	struct bootmem_run run;
	unsigned int n = 0;

	for_each_bootmem_run(&run) {
		assert_true(n < max);
		runs[n] = run;
		snprintf(labels[n], 24, "%s", run.label);
		n++;
	}
	return n;
}

static void assert_same_runs(const struct bootmem_run *a, char (*la)[24],
			     unsigned int n)
{
	static struct bootmem_run b[64];
	static char lb[64][24];
	unsigned int i;

	assert_int_equal(runs_of(b, lb, 64), n);
	for (i = 0; i < n; i++) {
		assert_int_equal(a[i].base, b[i].base);
		assert_int_equal(a[i].size, b[i].size);
		assert_int_equal(a[i].kind, b[i].kind);
		assert_string_equal(la[i], lb[i]);
	}
}

/*
 * With RAM exhausted, every call that needs a new record while the table
 * is full is refused with -ENOMEM and changes nothing.
 */
static void record_growth_without_ram_changes_nothing(void **state)
{
	static struct bootmem_run before[64];
	static char labels[64][24];
	struct bootmem_owner_table t;
	phys_addr_t a, kept, p;
	unsigned int i = 0, n;
	char label[16];

	(void)state;
	kept = alloc(4 * PAGE, PAGE, TOP, BOOTMEM_KEEP, "log");
	do {
		snprintf(label, sizeof(label), "r%u", i);
		assert_int_equal(bootmem_alloc_at(BASE + 2 * i++ * PAGE, 8,
						  BYTES, label), 0);
		bootmem_owner_table(&t);
	} while (t.nr < t.capacity);
	while (!bootmem_alloc(PAGE, PAGE, 0, TOP, ANY, 0, NULL, &p))
		;
	while (!bootmem_alloc(1, 1, 0, TOP, ANY, BYTES, NULL, &p))
		;
	bootmem_owner_table(&t);
	assert_int_equal(t.nr, t.capacity);
	n = runs_of(before, labels, 64);

	/* A reservation nested in the bitmap's. */
	assert_int_equal(bootmem_reserve(ram_end + 1, 1, BYTES, "x"), -ENOMEM);
	assert_int_equal(bootmem_free(kept + PAGE, PAGE), -ENOMEM);
	assert_int_equal(bootmem_release(kept + PAGE, PAGE), -ENOMEM);
	a = BASE + 2 * (i - 1) * PAGE;
	assert_int_equal(bootmem_free_flags(a + 2, 4, BYTES), -ENOMEM);
	assert_same_runs(before, labels, n);
	bootmem_owner_table(&t);
	assert_int_equal(t.nr, t.capacity);
	/* Cutting an end needs no record. */
	assert_int_equal(bootmem_free(kept, PAGE), 0);
}

/*
 * A pushed state is blank, lives on the heap and maps no physical memory,
 * so it may describe RAM that does not exist; pop restores the state.
 */
static void push_starts_a_blank_state_on_the_heap(void **state)
{
	static struct bootmem_run before[64];
	static char labels[64][24];
	struct bootmem_owner_table t;
	phys_addr_t map, a;
	phys_size_t size;
	unsigned long maps;
	unsigned int n, i;

	(void)state;
	alloc(PAGE, PAGE, TOP, 0, "live");
	n = runs_of(before, labels, 64);
	assert_int_equal(bootmem_push(), 0);
	maps = host_map_calls;
	assert_false(bootmem_enabled());
	assert_int_equal(bootmem_node_info(0, NULL), -ENODEV);
	assert_int_equal(bootmem_add_range(0, 0x40000000, 0x20000000), 0);
	assert_int_equal(bootmem_enable(ANY, TOP), 0);
	bootmem_map_location(&map, &size);
	assert_int_equal(size, 0);
	/* The top of RAM is free: no bitmap there. */
	assert_int_equal(alloc(4, 1, TOP, BYTES, NULL), 0x60000000 - 4);
	for (i = 0; i < 300; i++)
		assert_int_equal(bootmem_alloc_at(0x40000000 + 2 * i, 1, BYTES,
						  i % 2 ? "a" : "b"), 0);
	bootmem_owner_table(&t);
	assert_int_equal(t.base, 0);
	assert_true(t.capacity >= 300);
	/* Nested: a second push, popped at once. */
	assert_int_equal(bootmem_push(), 0);
	assert_int_equal(bootmem_pop(), 0);
	assert_int_equal(alloc(4, 1, TOP, BYTES, NULL), 0x60000000 - 8);
	assert_int_equal(host_map_calls, maps);
	assert_int_equal(bootmem_pop(), 0);
	assert_int_equal(bootmem_pop(), -ENOENT);
	assert_true(bootmem_enabled());
	assert_same_runs(before, labels, n);
	(void)a;
}

/* Runs are byte-exact and maximal; the hand-off takes the bytes kept. */
static void runs_and_hand_off_are_byte_exact(void **state)
{
	static char fdt[4096];
	phys_addr_t a = BASE + MB + 100;
	const fdt32_t *reg;
	struct bootmem_run run;
	int node, len;

	(void)state;
	assert_int_equal(bootmem_alloc_at(a, 20, BYTES | BOOTMEM_KEEP, "k"), 0);
	run = run_from(BASE + MB);
	assert_int_equal(run.kind, BOOTMEM_FREE);
	assert_int_equal(run.size, 100);
	run = run_from(a);
	assert_int_equal(run.size, 20);
	assert_int_equal(run.flags, BOOTMEM_KEEP);
	assert_int_equal(run_from(a + 5).size, 15);
	assert_int_equal(run_from(a + 20).kind, BOOTMEM_FREE);
	assert_int_equal(bootmem_run_at(BASE - 1, &run), -ERANGE);
	assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
	assert_int_equal(bootmem_fdt_add_reserved(fdt), 1);
	node = fdt_path_offset(fdt, "/reserved-memory/k@40100064");
	assert_true(node >= 0);
	reg = fdt_getprop(fdt, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), a);
	assert_int_equal(fdt32_to_cpu(reg[3]), 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(bytes_alloc_takes_exact_bytes_from_the_top, setup),
		cmocka_unit_test_setup(bytes_alloc_aligns_down_exactly, setup),
		cmocka_unit_test_setup(bytes_alloc_below_a_limit_packs_under_a_claim, setup),
		cmocka_unit_test_setup(whole_page_bytes_requests_use_the_bitmap, setup),
		cmocka_unit_test_setup(bytes_alloc_follows_goal_limit_and_direction, setup),
		cmocka_unit_test_setup(byte_claim_needs_every_byte_free, setup),
		cmocka_unit_test_setup(recordless_pages_are_never_shared, setup),
		cmocka_unit_test_setup(replaceable_claims_may_load_twice, setup),
		cmocka_unit_test_setup(replaceable_claim_cuts_the_older_one, setup),
		cmocka_unit_test_setup(load_buffer_takes_claims_wholly_inside, setup),
		cmocka_unit_test_setup(free_takes_the_innermost_allocation, setup),
		cmocka_unit_test_setup(adjacent_claims_become_one_record, setup),
		cmocka_unit_test_setup(tags_are_kept_apart, setup),
		cmocka_unit_test_setup(owner_table_grows_in_ram_from_itself, setup),
		cmocka_unit_test_setup(record_growth_without_ram_changes_nothing, setup),
		cmocka_unit_test_setup(push_starts_a_blank_state_on_the_heap, setup),
		cmocka_unit_test_setup(runs_and_hand_off_are_byte_exact, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
