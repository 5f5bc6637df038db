// SPDX-License-Identifier: GPL-2.0+
/*
 * Placement of the kernel, initrd and device tree by the arm64 boot
 * protocol (Documentation/arch/arm64/booting.rst), on a chosen node and
 * falling back to the nearest ones.
 */

#include <bootmem_place.h>

#define KERNEL_ALIGN	(2ULL << 20)
#define WINDOW_ALIGN	(1ULL << 30)
#define WINDOW_SIZE	(32ULL << 30)
#define ARM64_ANYWHERE	(1ULL << 3)

static u64 le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];

	return v;
}

/**
 * bootmem_arm64_parse() - read an arm64 Image header
 * @hdr:	the first bytes of the image
 * @len:	how many there are
 * @img:	filled in
 *
 * A header without image_size (Linux before 3.17) is taken to need
 * BOOTMEM_ARM64_LEGACY_SIZE at text offset BOOTMEM_ARM64_LEGACY_OFFSET,
 * as the boot protocol and U-Boot's booti assume.
 *
 * Return: 0; -ENOEXEC if this is not an arm64 Image
 */
int bootmem_arm64_parse(const void *hdr, size_t len,
			struct bootmem_arm64_image *img)
{
	const u8 *h = hdr;

	if (len < BOOTMEM_ARM64_HEADER_SIZE ||
	    (le64(h + 56) & 0xffffffff) != BOOTMEM_ARM64_MAGIC)
		return -ENOEXEC;

	img->text_offset = le64(h + 8);
	img->image_size = le64(h + 16);
	img->anywhere = le64(h + 24) & ARM64_ANYWHERE;
	img->legacy = !img->image_size;
	if (img->legacy) {
		img->text_offset = BOOTMEM_ARM64_LEGACY_OFFSET;
		img->image_size = BOOTMEM_ARM64_LEGACY_SIZE;
	}
	if (img->text_offset >= KERNEL_ALIGN || img->image_size > WINDOW_SIZE)
		return -ENOEXEC;

	return 0;
}

static int place(phys_size_t size, phys_size_t align, phys_addr_t limit,
		 int nid, unsigned int flags, const char *label,
		 struct bootmem_placement *out)
{
	int ret;

	ret = bootmem_alloc(size, align, 0, limit, nid, flags, label,
			    &out->base);
	if (ret)
		return ret;
	out->size = size;
	out->load = out->base;
	out->nid = bootmem_addr_to_nid(out->base);

	return 0;
}

/**
 * bootmem_place_kernel() - allocate room for a kernel Image
 * @img:	its header
 * @nid:	preferred node; others are used, nearest first, when it is full
 * @out:	where it went; the Image is to be loaded at @out->load
 *
 * The allocation is 2 MiB aligned and text_offset + image_size long. An
 * Image without the "anywhere" flag goes as low in RAM as it fits, which
 * it needs and which outranks the node.
 *
 * Return: 0, or a bootmem_alloc() error (-ENOMEM: fits on no node)
 */
int bootmem_place_kernel(const struct bootmem_arm64_image *img, int nid,
			 struct bootmem_placement *out)
{
	int ret;

	if (img->anywhere)
		ret = place(img->text_offset + img->image_size, KERNEL_ALIGN,
			    BOOTMEM_ALLOC_ANYWHERE, nid, 0, "kernel", out);
	else
		ret = place(img->text_offset + img->image_size, KERNEL_ALIGN,
			    BOOTMEM_ALLOC_ANYWHERE, NUMA_NO_NODE,
			    BOOTMEM_BOTTOM_UP, "kernel", out);
	if (!ret)
		out->load = out->base + img->text_offset;

	return ret;
}

/**
 * bootmem_place_initrd() - allocate room for an initrd
 * @size:	its size in bytes
 * @nid:	preferred node
 * @kernel:	where the kernel went
 * @out:	where the initrd went
 *
 * The boot protocol wants kernel and initrd inside one 1 GiB aligned
 * window of at most 32 GiB.
 *
 * Return: 0; a bootmem_alloc() error (-ENOMEM: no room within the
 * kernel's window)
 */
int bootmem_place_initrd(phys_size_t size, int nid,
			 const struct bootmem_placement *kernel,
			 struct bootmem_placement *out)
{
	phys_addr_t window = kernel->base & ~(WINDOW_ALIGN - 1);
	phys_addr_t lowest, highest;
	int ret;

	ret = place(size, BOOTMEM_PAGE_SIZE, window + WINDOW_SIZE, nid, 0, "initrd",
		    out);
	if (ret)
		return ret;
	lowest = (out->base < kernel->base ? out->base : kernel->base) &
		 ~(WINDOW_ALIGN - 1);
	highest = out->base + size > kernel->base + kernel->size ?
		  out->base + size : kernel->base + kernel->size;
	if (highest - lowest > WINDOW_SIZE) {
		bootmem_unplace(out);
		return -ENOMEM;
	}

	return 0;
}

/**
 * bootmem_place_fdt() - allocate room for the device tree handed to Linux
 * @size:	its size in bytes, fix-up room included; at most 2 MiB
 * @nid:	preferred node
 * @out:	where it went
 *
 * Aligning to a power of two at least @size keeps it 8-byte aligned and
 * inside one 2 MiB block, as the boot protocol requires.
 *
 * Return: 0; -EFBIG above 2 MiB; a bootmem_alloc() error
 */
int bootmem_place_fdt(phys_size_t size, int nid, struct bootmem_placement *out)
{
	phys_size_t align = BOOTMEM_PAGE_SIZE;

	if (size > BOOTMEM_FDT_MAX)
		return -EFBIG;
	while (align < size)
		align <<= 1;

	return place(size, align, BOOTMEM_ALLOC_ANYWHERE, nid, 0, "fdt", out);
}

/**
 * bootmem_next_nearest() - walk the nodes with memory by distance
 * @from:	the node distances are measured from
 * @prev:	the node returned last, or NUMA_NO_NODE to start
 *
 * Nodes at one distance come in order of id, so @from itself (distance
 * 10) comes first when it has memory.
 *
 * Return: the node after @prev in that order; NUMA_NO_NODE after the last
 */
int bootmem_next_nearest(int from, int prev)
{
	int prev_dist = prev == NUMA_NO_NODE ? -1 : bootmem_distance(from, prev);
	int best = NUMA_NO_NODE, best_dist = 0;
	struct bootmem_node_info info;
	int nid, dist;

	for_each_bootmem_node(nid) {
		dist = bootmem_distance(from, nid);
		if (bootmem_node_info(nid, &info) || !info.present ||
		    dist < prev_dist || (dist == prev_dist && nid <= prev))
			continue;
		if (best == NUMA_NO_NODE || dist < best_dist) {
			best = nid;
			best_dist = dist;
		}
	}

	return best;
}

/* All three on @nid exactly, or none of them. */
static int place_all_on(const struct bootmem_arm64_image *img,
			phys_size_t initrd_size, phys_size_t fdt_size, int nid,
			struct bootmem_placement *out)
{
	struct bootmem_placement *k = &out[BOOTMEM_KERNEL];
	struct bootmem_placement *i = &out[BOOTMEM_INITRD];
	struct bootmem_placement *f = &out[BOOTMEM_FDT];
	phys_size_t align = BOOTMEM_PAGE_SIZE;
	int ret;

	while (align < fdt_size)
		align <<= 1;
	ret = place(img->text_offset + img->image_size, KERNEL_ALIGN,
		    BOOTMEM_ALLOC_ANYWHERE, nid, BOOTMEM_EXACT_NODE, "kernel", k);
	if (ret)
		return ret;
	k->load = k->base + img->text_offset;
	*i = (struct bootmem_placement){ .nid = nid };
	if (initrd_size) {
		ret = place(initrd_size, BOOTMEM_PAGE_SIZE,
			    (k->base & ~(WINDOW_ALIGN - 1)) + WINDOW_SIZE, nid,
			    BOOTMEM_EXACT_NODE, "initrd", i);
		if (ret)
			goto undo_kernel;
	}
	ret = place(fdt_size, align, BOOTMEM_ALLOC_ANYWHERE, nid,
		    BOOTMEM_EXACT_NODE, "fdt", f);
	if (!ret)
		return 0;
	if (initrd_size)
		bootmem_unplace(i);
undo_kernel:
	bootmem_unplace(k);

	return ret;
}

/**
 * bootmem_place_all() - place kernel, initrd and device tree on one node
 * @img:	the kernel's header; it must have the "anywhere" flag
 * @initrd_size: bytes of the initrd, 0 for none
 * @fdt_size:	bytes of the device tree, fix-up room included; at most 2 MiB
 * @nid:	the node to place them on
 * @exact:	refuse when @nid cannot hold all three, rather than move them
 * @out:	where each went, indexed by enum bootmem_image; an initrd of
 *		size 0 when there is none
 *
 * The three are never split across nodes: when @nid cannot hold them all,
 * they go together to the nearest node that can (by distance, then id),
 * unless @exact. The kernel is placed as bootmem_place_kernel() does, the
 * initrd inside the kernel's 32 GiB window, the device tree inside one
 * 2 MiB block.
 *
 * Return: 0; -ENOMEM if no node (with @exact: @nid) holds all three,
 * nothing placed; -EFBIG for a device tree above 2 MiB; -EINVAL for a
 * kernel without the "anywhere" flag, which must go as low as it fits
 * whatever the node
 */
int bootmem_place_all(const struct bootmem_arm64_image *img,
		      phys_size_t initrd_size, phys_size_t fdt_size, int nid,
		      bool exact, struct bootmem_placement *out)
{
	int try;

	if (!img->anywhere)
		return -EINVAL;
	if (fdt_size > BOOTMEM_FDT_MAX)
		return -EFBIG;
	if (exact)
		return place_all_on(img, initrd_size, fdt_size, nid, out);
	for (try = bootmem_next_nearest(nid, NUMA_NO_NODE);
	     try != NUMA_NO_NODE; try = bootmem_next_nearest(nid, try)) {
		if (!place_all_on(img, initrd_size, fdt_size, try, out))
			return 0;
	}

	return -ENOMEM;
}

/**
 * bootmem_unplace() - give a placement back
 * @p:		a placement made by one of the calls above
 */
void bootmem_unplace(const struct bootmem_placement *p)
{
	bootmem_free(p->base, p->size);
}
