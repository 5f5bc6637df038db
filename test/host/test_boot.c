// SPDX-License-Identifier: GPL-2.0+
/*
 * Booting Linux: parsing the arm64 Image header, placing kernel, initrd
 * and device tree by the boot protocol, and the /reserved-memory hand-off.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include <bootmem_fdt.h>
#include <bootmem_place.h>
#include "host_port.h"

#define MB	(1ULL << 20)
#define GB	(1ULL << 30)

static int setup(void **state)
{
	(void)state;
	host_reset();
	/* QEMU's two nodes of 1 GiB, with U-Boot at the top of node 0. */
	assert_int_equal(bootmem_add_range(1, 0x80000000, GB), 0);
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_reserve(0x7f000000, 16 * MB, 0, "u-boot"), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	return 0;
}

static void put_le64(unsigned char *p, u64 v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = v >> (8 * i);
}

static void make_header(unsigned char *h, u64 text_offset, u64 image_size,
			u64 flags)
{
	memset(h, 0, BOOTMEM_ARM64_HEADER_SIZE);
	put_le64(h + 8, text_offset);
	put_le64(h + 16, image_size);
	put_le64(h + 24, flags);
	put_le64(h + 56, BOOTMEM_ARM64_MAGIC);
}

static void arm64_header_is_read(void **state)
{
	unsigned char h[BOOTMEM_ARM64_HEADER_SIZE];
	struct bootmem_arm64_image img;

	(void)state;
	/* Debian's 6.1 kernel: text_offset 0, 32 MiB, flags 0xa. */
	make_header(h, 0, 32 * MB, 0xa);
	assert_int_equal(bootmem_arm64_parse(h, sizeof(h), &img), 0);
	assert_int_equal(img.text_offset, 0);
	assert_int_equal(img.image_size, 32 * MB);
	assert_true(img.anywhere);
	assert_false(img.legacy);
}

static void arm64_header_without_image_size_gets_legacy_values(void **state)
{
	unsigned char h[BOOTMEM_ARM64_HEADER_SIZE];
	struct bootmem_arm64_image img;

	(void)state;
	make_header(h, 0, 0, 0);
	assert_int_equal(bootmem_arm64_parse(h, sizeof(h), &img), 0);
	assert_true(img.legacy);
	assert_int_equal(img.text_offset, 0x80000);
	assert_int_equal(img.image_size, 16 * MB);
}

static void non_images_are_refused(void **state)
{
	unsigned char h[BOOTMEM_ARM64_HEADER_SIZE];
	struct bootmem_arm64_image img;

	(void)state;
	make_header(h, 0, 32 * MB, 0xa);
	assert_int_equal(bootmem_arm64_parse(h, 63, &img), -ENOEXEC);
	h[56] = 'X';
	assert_int_equal(bootmem_arm64_parse(h, sizeof(h), &img), -ENOEXEC);
	make_header(h, 3 * MB, 32 * MB, 0xa);
	assert_int_equal(bootmem_arm64_parse(h, sizeof(h), &img), -ENOEXEC);
	memset(h, 0x1f, sizeof(h));
	assert_int_equal(bootmem_arm64_parse(h, sizeof(h), &img), -ENOEXEC);
}

static void kernel_goes_2m_aligned_on_the_node(void **state)
{
	struct bootmem_arm64_image img = { .text_offset = 0x80000,
					   .image_size = 32 * MB,
					   .anywhere = true };
	struct bootmem_placement k;

	(void)state;
	assert_int_equal(bootmem_place_kernel(&img, 0, &k), 0);
	assert_int_equal(k.nid, 0);
	assert_int_equal(k.base % (2 * MB), 0);
	assert_int_equal(k.load, k.base + 0x80000);
	assert_int_equal(k.size, 32 * MB + 0x80000);
	assert_false(bootmem_is_free(k.base, k.size));
	assert_int_equal(bootmem_place_kernel(&img, 1, &k), 0);
	assert_int_equal(k.nid, 1);
}

static void kernel_without_anywhere_goes_low(void **state)
{
	struct bootmem_arm64_image img = { .image_size = 32 * MB };
	struct bootmem_placement k;

	(void)state;
	assert_int_equal(bootmem_place_kernel(&img, 1, &k), 0);
	assert_int_equal(k.base, 0x40000000);
}

static void kernel_too_large_for_a_node_falls_back_or_fails(void **state)
{
	struct bootmem_arm64_image img = { .image_size = 1010 * MB,
					   .anywhere = true };
	struct bootmem_placement k;

	(void)state;
	/* Node 0 lost 16 MiB to U-Boot: node 1 takes it. */
	assert_int_equal(bootmem_place_kernel(&img, 0, &k), 0);
	assert_int_equal(k.nid, 1);
	img.image_size = 3 * GB;
	assert_int_equal(bootmem_place_kernel(&img, 0, &k), -ENOMEM);
}

/* Node 0 as two adjacent banks, each too small for the kernel alone. */
static void kernel_goes_on_a_node_of_adjacent_ranges(void **state)
{
	struct bootmem_arm64_image img = { .image_size = 40 * MB,
					   .anywhere = true };
	struct bootmem_placement k;

	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, GB, 32 * MB), 0);
	assert_int_equal(bootmem_add_range(0, GB + 32 * MB, 32 * MB), 0);
	assert_int_equal(bootmem_add_range(1, 2 * GB, 64 * MB), 0);
	assert_int_equal(bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE), 0);
	assert_int_equal(bootmem_place_kernel(&img, 0, &k), 0);
	assert_int_equal(k.nid, 0);
	assert_int_equal(k.base, GB + 24 * MB);
}

static void initrd_stays_within_32g_of_the_kernel(void **state)
{
	struct bootmem_placement k, i;

	(void)state;
	host_reset();
	assert_int_equal(bootmem_add_range(0, 0x40000000, GB), 0);
	assert_int_equal(bootmem_add_range(1, 0x4000000000ULL, GB), 0);
	assert_int_equal(bootmem_enable(0, BOOTMEM_ALLOC_ANYWHERE), 0);
	k = (struct bootmem_placement){ .base = 0x40000000, .size = 32 * MB };
	/* Node 1 is 255 GiB away: the initrd stays on node 0. */
	assert_int_equal(bootmem_place_initrd(8 * MB, 1, &k, &i), 0);
	assert_int_equal(i.nid, 0);
	assert_int_equal(bootmem_place_initrd(GB, 1, &k, &i), -ENOMEM);
}

static void fdt_never_crosses_a_2m_boundary(void **state)
{
	struct bootmem_placement f;
	phys_size_t size;

	(void)state;
	for (size = 4096; size <= 2 * MB; size = size * 3 / 2 + 1) {
		assert_int_equal(bootmem_place_fdt(size, 0, &f), 0);
		assert_int_equal(f.base % 8, 0);
		assert_int_equal(f.base / (2 * MB), (f.base + size - 1) / (2 * MB));
		assert_int_equal(f.nid, 0);
	}
	assert_int_equal(bootmem_place_fdt(2 * MB + 1, 0, &f), -EFBIG);
}

static void unplace_gives_the_memory_back(void **state)
{
	struct bootmem_placement f;

	(void)state;
	assert_int_equal(bootmem_place_fdt(64 * 1024, 1, &f), 0);
	bootmem_unplace(&f);
	assert_true(bootmem_is_free(f.base, f.size));
}

static void *empty_tree(void)
{
	void *fdt = malloc(4096);

	assert_int_equal(fdt_create_empty_tree(fdt, 4096), 0);
	return fdt;
}

static void kept_memory_becomes_reserved_memory(void **state)
{
	const fdt32_t *reg;
	phys_addr_t a, b, c;
	void *fdt = empty_tree();
	char path[64];
	int node, len;

	(void)state;
	assert_int_equal(bootmem_alloc(MB, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 1,
				       BOOTMEM_KEEP, "board: log", &a), 0);
	assert_int_equal(bootmem_alloc(MB, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 1,
				       BOOTMEM_KEEP | BOOTMEM_NOMAP, "fw", &b),
			 0);
	assert_int_equal(bootmem_alloc(MB, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 1,
				       0, "u-boot only", &c), 0);
	assert_int_equal(bootmem_fdt_add_reserved(fdt), 2);
	snprintf(path, sizeof(path), "/reserved-memory/board-log@%llx",
		 (unsigned long long)a);
	node = fdt_path_offset(fdt, path);
	assert_true(node >= 0);
	reg = fdt_getprop(fdt, node, "reg", &len);
	assert_int_equal(len, 16);
	assert_int_equal(fdt32_to_cpu(reg[1]), a);
	assert_int_equal(fdt32_to_cpu(reg[3]), MB);
	assert_null(fdt_getprop(fdt, node, "no-map", NULL));
	snprintf(path, sizeof(path), "/reserved-memory/fw@%llx",
		 (unsigned long long)b);
	node = fdt_path_offset(fdt, path);
	assert_non_null(fdt_getprop(fdt, node, "no-map", NULL));
	/* Twice adds nothing. */
	assert_int_equal(bootmem_fdt_add_reserved(fdt), 0);
	free(fdt);
}

/* The /reserved-memory child whose reg holds @addr, or -1. */
static int reserved_node_of(const void *fdt, phys_addr_t addr)
{
	int rm = fdt_path_offset(fdt, "/reserved-memory"), node, len;

	fdt_for_each_subnode(node, fdt, rm) {
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		u64 base, size;

		assert_int_equal(len, 16);
		base = (u64)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]);
		size = (u64)fdt32_to_cpu(reg[2]) << 32 | fdt32_to_cpu(reg[3]);
		if (addr >= base && addr - base < size)
			return node;
	}

	return -1;
}

/* Pages [base, base + size) are all handed over, with no-map or without. */
static void assert_handed_over(const void *fdt, phys_addr_t base,
			       phys_size_t size, bool nomap)
{
	phys_addr_t p;

	for (p = base; p < base + size; p += 4096) {
		int node = reserved_node_of(fdt, p);

		if (node < 0)
			fail_msg("page %#llx kept but not in /reserved-memory",
				 (unsigned long long)p);
		if (!fdt_getprop(fdt, node, "no-map", NULL) != !nomap)
			fail_msg("page %#llx: no-map %s", (unsigned long long)p,
				 nomap ? "missing" : "not asked for");
	}
}

/*
 * Every page under a KEEP owner reaches the OS, whatever else covers it
 * (a nested reservation, a forced one), and carries no-map if any owner
 * asked for it.
 */
static void every_kept_page_is_handed_to_the_os(void **state)
{
	const unsigned int keep_nomap = BOOTMEM_KEEP | BOOTMEM_NOMAP;
	void *fdt = malloc(16384);
	phys_addr_t a;

	(void)state;
	assert_int_equal(fdt_create_empty_tree(fdt, 16384), 0);
	assert_int_equal(bootmem_reserve(0x50000000, MB, keep_nomap, "ramoops"),
			 0);
	assert_int_equal(bootmem_reserve(0x50010000, 4096, 0, "fdt"), 0);
	assert_int_equal(bootmem_reserve(0x50200000, MB, BOOTMEM_KEEP, "outer"),
			 0);
	assert_int_equal(bootmem_reserve(0x50202000, 8192, BOOTMEM_NOMAP,
					 "inner"), 0);
	assert_int_equal(bootmem_alloc(MB, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 1,
				       BOOTMEM_KEEP, "log", &a), 0);
	assert_int_equal(bootmem_reserve(a + 4096, 4096, BOOTMEM_FORCE, "fw"), 0);
	assert_int_equal(bootmem_reserve(0x50400000, MB, 0, "not kept"), 0);
	assert_true(bootmem_fdt_add_reserved(fdt) > 0);

	assert_handed_over(fdt, 0x50000000, MB, true);
	assert_handed_over(fdt, 0x50200000, 0x2000, false);
	assert_handed_over(fdt, 0x50202000, 0x2000, true);
	assert_handed_over(fdt, 0x50204000, MB - 0x4000, false);
	assert_handed_over(fdt, a, MB, false);
	assert_int_equal(reserved_node_of(fdt, 0x50400000), -1);
	assert_int_equal(reserved_node_of(fdt, 0x7f000000), -1);
	assert_int_equal(reserved_node_of(fdt, a + MB), -1);
	free(fdt);
}

static void existing_reserved_memory_cells_are_honoured(void **state)
{
	void *fdt = empty_tree();
	const fdt32_t *reg;
	phys_addr_t a;
	int node, len;

	(void)state;
	node = fdt_add_subnode(fdt, 0, "reserved-memory");
	assert_int_equal(fdt_setprop_u32(fdt, node, "#address-cells", 1), 0);
	assert_int_equal(fdt_setprop_u32(fdt, node, "#size-cells", 1), 0);
	assert_int_equal(bootmem_alloc(8192, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 0,
				       BOOTMEM_KEEP, "k", &a), 0);
	assert_int_equal(bootmem_fdt_add_reserved(fdt), 1);
	node = fdt_first_subnode(fdt, node);
	assert_string_equal(fdt_get_name(fdt, node, NULL), "k@7effe000");
	reg = fdt_getprop(fdt, node, "reg", &len);
	assert_int_equal(len, 8);
	assert_int_equal(fdt32_to_cpu(reg[0]), a);
	free(fdt);
}

static void a_full_tree_is_reported(void **state)
{
	char fdt[256];
	phys_addr_t a;

	(void)state;
	assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
	assert_int_equal(fdt_pack(fdt), 0);
	assert_int_equal(bootmem_alloc(8192, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 0,
				       BOOTMEM_KEEP, "a rather long label", &a),
			 0);
	assert_int_equal(bootmem_fdt_add_reserved(fdt), -ENOSPC);
}

/*
 * A tree whose first property's length sends libfdt's walk back onto its
 * own tag: refused before any walk, which would never end.
 */
static void a_tree_that_walks_back_is_refused(void **state)
{
	char *fdt = empty_tree();
	fdt32_t *lenp;
	phys_addr_t a;

	(void)state;
	assert_int_equal(fdt_setprop_u32(fdt, 0, "#address-cells", 2), 0);
	lenp = (fdt32_t *)(fdt + fdt_off_dt_struct(fdt) +
			   fdt_first_property_offset(fdt, 0) + sizeof(fdt32_t));
	*lenp = cpu_to_fdt32(-12);
	assert_int_equal(bootmem_alloc(8192, 4096, 0, BOOTMEM_ALLOC_ANYWHERE, 0,
				       BOOTMEM_KEEP, "k", &a), 0);
	alarm(10);
	assert_int_equal(bootmem_fdt_add_reserved(fdt), -EFAULT);
	alarm(0);
	free(fdt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(arm64_header_is_read, setup),
		cmocka_unit_test_setup(arm64_header_without_image_size_gets_legacy_values, setup),
		cmocka_unit_test_setup(non_images_are_refused, setup),
		cmocka_unit_test_setup(kernel_goes_2m_aligned_on_the_node, setup),
		cmocka_unit_test_setup(kernel_without_anywhere_goes_low, setup),
		cmocka_unit_test_setup(kernel_too_large_for_a_node_falls_back_or_fails, setup),
		cmocka_unit_test_setup(kernel_goes_on_a_node_of_adjacent_ranges, setup),
		cmocka_unit_test_setup(initrd_stays_within_32g_of_the_kernel, setup),
		cmocka_unit_test_setup(fdt_never_crosses_a_2m_boundary, setup),
		cmocka_unit_test_setup(unplace_gives_the_memory_back, setup),
		cmocka_unit_test_setup(kept_memory_becomes_reserved_memory, setup),
		cmocka_unit_test_setup(every_kept_page_is_handed_to_the_os, setup),
		cmocka_unit_test_setup(existing_reserved_memory_cells_are_honoured, setup),
		cmocka_unit_test_setup(a_full_tree_is_reported, setup),
		cmocka_unit_test_setup(a_tree_that_walks_back_is_refused, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
