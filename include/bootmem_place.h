/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Placing Linux with bootmem: where the arm64 boot protocol lets the
 * kernel, initrd and device tree go (Documentation/arch/arm64/booting.rst),
 * on a chosen node and falling back to the nearest ones. What the OS must
 * be told about memory bootmem handed over is in <bootmem_fdt.h>.
 */

#ifndef __BOOTMEM_PLACE_H
#define __BOOTMEM_PLACE_H

#include <bootmem.h>

#define BOOTMEM_ARM64_HEADER_SIZE	64
#define BOOTMEM_ARM64_MAGIC		0x644d5241	/* "ARM\x64" */
/* What a header without image_size (before Linux 3.17) is taken to need. */
#define BOOTMEM_ARM64_LEGACY_OFFSET	0x80000
#define BOOTMEM_ARM64_LEGACY_SIZE	(16 << 20)
#define BOOTMEM_FDT_MAX			(2 << 20)

/**
 * struct bootmem_arm64_image - what an arm64 Image header asks for
 * @text_offset: the image goes this far above a 2 MiB aligned base
 * @image_size:	bytes from the image start the kernel needs (BSS included)
 * @anywhere:	flags bit 3: the base may be anywhere in RAM, not as low as
 *		possible
 * @legacy:	the header had no image_size; the legacy values were assumed
 */
struct bootmem_arm64_image {
	u64 text_offset;
	u64 image_size;
	bool anywhere;
	bool legacy;
};

/**
 * struct bootmem_placement - where an image went
 * @base:	the allocation
 * @size:	its size
 * @load:	where the image itself starts (@base + text_offset for a
 *		kernel)
 * @nid:	the node holding @base
 */
struct bootmem_placement {
	phys_addr_t base;
	phys_size_t size;
	phys_addr_t load;
	int nid;
};

/* The images bootmem_place_all() places together. */
enum bootmem_image {
	BOOTMEM_KERNEL,
	BOOTMEM_INITRD,
	BOOTMEM_FDT,
	BOOTMEM_NR_IMAGES,
};

int bootmem_arm64_parse(const void *hdr, size_t len,
			struct bootmem_arm64_image *img);
int bootmem_place_kernel(const struct bootmem_arm64_image *img, int nid,
			 struct bootmem_placement *out);
int bootmem_place_initrd(phys_size_t size, int nid,
			 const struct bootmem_placement *kernel,
			 struct bootmem_placement *out);
int bootmem_place_fdt(phys_size_t size, int nid,
		      struct bootmem_placement *out);
int bootmem_place_all(const struct bootmem_arm64_image *img,
		      phys_size_t initrd_size, phys_size_t fdt_size, int nid,
		      bool exact, struct bootmem_placement *out);
int bootmem_next_nearest(int from, int prev);
void bootmem_unplace(const struct bootmem_placement *p);

#endif /* __BOOTMEM_PLACE_H */
