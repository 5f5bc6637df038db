// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem in U-Boot: set up right after relocation from the control device
 * tree, with U-Boot's own memory and what the previous boot stage left in
 * RAM reserved. (Memory kept for the OS reaches it from
 * image_setup_libfdt().)
 */

#include <bloblist.h>
#include <bootmem.h>
#include <bootmem_fdt.h>
#include <bootmem_uboot.h>
#include <efi_loader.h>
#include <fdtdec.h>
#include <init.h>
#include <lmb.h>
#include <log.h>
#include <malloc.h>
#include <mapmem.h>
#include <time.h>
#include <asm/global_data.h>
#include <linux/kernel.h>
#include <linux/libfdt.h>

DECLARE_GLOBAL_DATA_PTR;

struct bootmem_part {
	phys_addr_t base;
	phys_size_t size;
	const char *label;
};

/*
 * Reserve the parts of @part in RAM. A part outside RAM (code in flash, or
 * sandbox's host memory) has nothing to guard.
 */
static int reserve_parts(const struct bootmem_part *part, int count)
{
	int i, ret;

	for (i = 0; i < count; i++) {
		if (!part[i].size)
			continue;
		ret = bootmem_reserve(part[i].base, part[i].size,
				      BOOTMEM_DEFAULT, part[i].label);
		if (ret == -ERANGE)
			continue;
		if (ret) {
			log_err("bootmem: cannot reserve %s at %#llx+%#llx: %s\n",
				part[i].label, (unsigned long long)part[i].base,
				(unsigned long long)part[i].size,
				bootmem_strerror(ret));
			return ret;
		}
	}

	return 0;
}

/*
 * What U-Boot occupies after relocation, as board_init_f() laid it out
 * from gd->ram_top down (common/board_f.c, reserve_*()). Each piece gets
 * its own label; the first entry, over the whole span, covers the
 * alignment gaps between them, and bootmem names a page after the
 * smallest reservation holding it. The stack is given CONFIG_STACK_SIZE
 * below gd->start_addr_sp, U-Boot's own limit for it. The environment
 * and everything else U-Boot allocates at run time live in the malloc
 * arena.
 */
static int reserve_uboot(void)
{
	ulong stack_bottom = gd->start_addr_sp - CONFIG_STACK_SIZE;
	const struct bootmem_part part[] = {
		{ stack_bottom, gd->ram_top - stack_bottom, "u-boot" },
		{ gd->relocaddr, gd->mon_len, "u-boot: code+data+bss" },
		{ gd_video_bottom(), gd_video_size(), "u-boot: video" },
		{ map_to_sysmem(gd_trace_buff()), gd_trace_size(),
		  "u-boot: trace" },
#if defined(CONFIG_ARM) && !(CONFIG_IS_ENABLED(SYS_ICACHE_OFF) && \
			     CONFIG_IS_ENABLED(SYS_DCACHE_OFF))
		{ gd->arch.tlb_addr, gd->arch.tlb_size, "u-boot: page tables" },
#endif
		{ map_to_sysmem((void *)mem_malloc_start),
		  mem_malloc_end - mem_malloc_start, "u-boot: malloc" },
		{ map_to_sysmem(gd->bd), sizeof(*gd->bd), "u-boot: board info" },
		{ map_to_sysmem((void *)gd), sizeof(*gd),
		  "u-boot: global data" },
		{ map_to_sysmem(gd->fdt_blob), fdt_totalsize(gd->fdt_blob),
		  "u-boot: control fdt" },
		{ stack_bottom, gd->start_addr_sp - stack_bottom,
		  "u-boot: stack" },
	};

	return reserve_parts(part, ARRAY_SIZE(part));
}

/*
 * The device tree the board got from the previous stage, if U-Boot no
 * longer runs from it: the environment's fdt_addr still points at it, and
 * boot paths without a device tree of their own pass it to the OS.
 */
static const void *prior_stage_fdt(void)
{
	const void *fdt;
	int err;

	if (!IS_ENABLED(CONFIG_OF_BOARD) || gd->fdt_src != FDTSRC_BOARD)
		return NULL;
	fdt = board_fdt_blob_setup(&err);
	if (err || !fdt || fdt == gd->fdt_blob || fdt_check_header(fdt))
		return NULL;

	return fdt;
}

/*
 * What the previous boot stage left in RAM and U-Boot keeps reading from
 * there, reserved at its real size for as long as U-Boot runs.
 */
static int reserve_handed_over(void)
{
	const void *fdt = prior_stage_fdt();
	struct bootmem_part part[] = {
		{ fdt ? map_to_sysmem(fdt) : 0, fdt ? fdt_totalsize(fdt) : 0,
		  "prior stage: fdt" },
#if CONFIG_IS_ENABLED(BLOBLIST)
		{ map_to_sysmem(gd->bloblist),
		  gd->bloblist ? bloblist_get_total_size() : 0, "bloblist" },
#endif
	};

	return reserve_parts(part, ARRAY_SIZE(part));
}

/*
 * The machine's memory, CPUs and distances from the control device tree;
 * a tree with no memory node (sandbox's) gets U-Boot's DRAM banks as
 * node 0.
 */
static int register_memory(void)
{
	const struct bd_info *bd = gd->bd;
	int bank, ret = -ENOENT;

	if (fdt_node_offset_by_prop_value(gd->fdt_blob, -1, "device_type",
					  "memory", sizeof("memory")) >= 0)
		return bootmem_fdt_scan(gd->fdt_blob);

	for (bank = 0; bank < CONFIG_NR_DRAM_BANKS; bank++) {
		if (!bd->bi_dram[bank].size)
			continue;
		ret = bootmem_add_range(0, bd->bi_dram[bank].start,
					bd->bi_dram[bank].size);
		if (ret)
			break;
	}

	return ret;
}

/**
 * bootmem_init_r() - set bootmem up, right after relocation
 *
 * Runs before LMB is set up, so that LMB starts from bootmem's map, and
 * before anything loads images. U-Boot's memory and what the previous
 * stage handed over are reserved before bootmem_enable(), so the bitmap is
 * placed clear of them.
 *
 * Return: 0; on failure bootmem stays off, with one line saying why, and
 * U-Boot carries on without it
 */
int bootmem_init_r(void)
{
	ulong start = timer_get_us();
	phys_addr_t map;
	phys_size_t map_size;
	int ret;

	ret = register_memory();
	if (!ret)
		ret = reserve_uboot();
	if (!ret)
		ret = reserve_handed_over();
	if (!ret)
		ret = bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
	if (ret) {
		log_err("bootmem: not enabled: %s\n", bootmem_strerror(ret));
		bootmem_reset();
		return 0;
	}
	bootmem_map_location(&map, &map_size);
	log_info("bootmem: ready in %lu us, bitmap %llu KiB at %#llx\n",
		 timer_get_us() - start, (unsigned long long)map_size >> 10,
		 (unsigned long long)map);

	return 0;
}

/**
 * bootmem_efi_note() - tell EFI's memory map of memory taken or given back
 * @addr:	first byte
 * @size:	bytes; the pages they touch are told
 * @held:	taken (boot services data) or given back (conventional)
 *
 * What lib/lmb.c's lmb_map_update_notify() does, for every change bootmem
 * makes that EFI must hear of: LMB's (common/lmb_bootmem.c), bootmem's
 * own table pages and the boot images' load buffers. Without EFI_LOADER
 * it does nothing.
 *
 * Return: 0, or -EIO, with one line, if EFI refused the change
 */
int bootmem_efi_note(phys_addr_t addr, phys_size_t size, bool held)
{
	efi_status_t status;
	u64 efi_addr, pages;

	if (!CONFIG_IS_ENABLED(EFI_LOADER))
		return 0;
	efi_addr = (uintptr_t)map_sysmem(addr, 0);
	pages = efi_size_in_pages(size + (efi_addr & EFI_PAGE_MASK));
	efi_addr &= ~EFI_PAGE_MASK;
	status = efi_add_memory_map_pg(efi_addr, pages,
				       held ? EFI_BOOT_SERVICES_DATA :
				       EFI_CONVENTIONAL_MEMORY, false);
	unmap_sysmem((void *)(uintptr_t)efi_addr);
	if (status != EFI_SUCCESS) {
		log_err("bootmem: EFI refused the map change at %#llx: %lu\n",
			(unsigned long long)addr, status & ~EFI_ERROR_MASK);
		return -EIO;
	}

	return 0;
}
