// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem on QEMU's virt machine: fill the registry from the device tree
 * right after relocation, keep U-Boot's own memory out of it, give every
 * node a scratch buffer, and tell LMB what bootmem holds so that load
 * commands do not overwrite it.
 *
 * Linked into board/emulation/qemu-arm/ by the bootmem project.
 */

#include <common.h>
#include <bootmem.h>
#include <bootmem_boot.h>
#include <bootmem_fdt.h>
#include <init.h>
#include <lmb.h>
#include <malloc.h>
#include <mapmem.h>
#include <time.h>
#include <asm/global_data.h>
#include <linux/sizes.h>

DECLARE_GLOBAL_DATA_PTR;

#define VIRT_SCRATCH_SIZE	SZ_1M
#define VIRT_HANDOFF_SIZE	SZ_64K

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
static int virt_reserve_uboot(void)
{
	ulong stack_bottom = gd->start_addr_sp - CONFIG_STACK_SIZE;
	const struct {
		ulong base;
		ulong size;
		const char *label;
	} part[] = {
		{ stack_bottom, gd->ram_top - stack_bottom, "u-boot" },
		{ gd->relocaddr, gd->mon_len, "u-boot: code+data+bss" },
		{ gd->arch.tlb_addr, gd->arch.tlb_size, "u-boot: page tables" },
		{ map_to_sysmem((void *)mem_malloc_start),
		  mem_malloc_end - mem_malloc_start, "u-boot: malloc" },
		{ map_to_sysmem(gd->bd), sizeof(*gd->bd), "u-boot: board info" },
		{ map_to_sysmem((void *)gd), sizeof(*gd),
		  "u-boot: global data" },
		{ map_to_sysmem(gd->fdt_blob), gd->fdt_size,
		  "u-boot: control fdt" },
#if CONFIG_IS_ENABLED(BLOBLIST)
		{ map_to_sysmem(gd->bloblist), CONFIG_BLOBLIST_SIZE_RELOC,
		  "u-boot: bloblist" },
#endif
		{ stack_bottom, gd->start_addr_sp - stack_bottom,
		  "u-boot: stack" },
	};
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(part); i++) {
		if (!part[i].size)
			continue;
		ret = bootmem_reserve(part[i].base, part[i].size,
				      BOOTMEM_DEFAULT, part[i].label);
		if (ret) {
			log_err("bootmem: cannot reserve %s at %#lx+%#lx\n",
				part[i].label, part[i].base, part[i].size);
			return ret;
		}
	}

	return 0;
}

/*
 * One buffer on every node with memory, from that node only: board code
 * and the tests can rely on node-local memory existing.
 */
static void virt_alloc_scratch(void)
{
	struct bootmem_node_info info;
	char label[BOOTMEM_LABEL_LEN];
	phys_addr_t addr;
	int nid, ret;

	for_each_bootmem_node(nid) {
		if (bootmem_node_info(nid, &info) || !info.present)
			continue;
		snprintf(label, sizeof(label), "board: node%d scratch", nid);
		ret = bootmem_alloc(VIRT_SCRATCH_SIZE, BOOTMEM_PAGE_SIZE, 0,
				    BOOTMEM_ALLOC_ANYWHERE, nid,
				    BOOTMEM_EXACT_NODE, label, &addr);
		if (ret)
			log_err("bootmem: no scratch on node %d: %s\n", nid,
				bootmem_strerror(ret));
	}
}

/*
 * A buffer the OS inherits: allocated with BOOTMEM_KEEP, it reaches Linux
 * as a /reserved-memory node (see ft_board_setup()), so Linux keeps it.
 */
static void virt_alloc_handoff(void)
{
	phys_addr_t addr;
	int ret;

	ret = bootmem_alloc(VIRT_HANDOFF_SIZE, BOOTMEM_PAGE_SIZE, 0,
			    BOOTMEM_ALLOC_ANYWHERE, bootmem_boot_node(),
			    BOOTMEM_KEEP, "board: handoff", &addr);
	if (ret)
		log_err("bootmem: no handoff buffer: %s\n",
			bootmem_strerror(ret));
	else
		memset(map_sysmem(addr, VIRT_HANDOFF_SIZE), 0,
		       VIRT_HANDOFF_SIZE);
}

/**
 * board_early_init_r() - set bootmem up, first thing after relocation
 *
 * Runs once driver model and the console are up and before anything
 * loads images, so every later user finds the allocator open. U-Boot's
 * memory is reserved before bootmem_enable() so that the bitmap is placed
 * clear of it. A failure leaves bootmem off and U-Boot running.
 *
 * Return: 0
 */
int board_early_init_r(void)
{
	ulong start = timer_get_us();
	phys_addr_t map;
	phys_size_t map_size;
	int ret;

	ret = bootmem_fdt_scan(gd->fdt_blob);
	if (!ret)
		ret = virt_reserve_uboot();
	if (!ret)
		ret = bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
	if (ret) {
		log_err("bootmem: not enabled: %s\n", bootmem_strerror(ret));
		bootmem_reset();
		return 0;
	}
	virt_alloc_scratch();
	virt_alloc_handoff();
	bootmem_map_location(&map, &map_size);
	log_info("bootmem: ready in %lu us, bitmap %llu KiB at %#llx\n",
		 timer_get_us() - start, (unsigned long long)map_size >> 10,
		 (unsigned long long)map);

	return 0;
}

/**
 * ft_board_setup() - tell the OS what bootmem handed over for good
 * @blob:	the device tree booti passes to the OS
 * @bd:		board info, unused
 *
 * Return: 0, or -ENOSPC if the tree has no room (booti then stops)
 */
int ft_board_setup(void *blob, struct bd_info *bd)
{
	int ret = bootmem_fdt_add_reserved(blob);

	if (ret < 0) {
		log_err("bootmem: cannot add /reserved-memory: %s\n",
			bootmem_strerror(ret));
		return ret;
	}

	return 0;
}

/*
 * LMB refuses a reservation that overlaps one it holds (arch_lmb_reserve()
 * has already taken the stack up to ram_top), so reserve only the parts of
 * [base, base + size) that are not reserved yet. Each reservation may
 * merge entries, so the scan starts over after each.
 */
static void virt_lmb_reserve_gaps(struct lmb *lmb, phys_addr_t base,
				  phys_size_t size)
{
	phys_addr_t end = base + size;

	while (base < end) {
		phys_addr_t rbase = end, rend = end;
		unsigned long i;

		for (i = 0; i < lmb->reserved.cnt; i++) {
			struct lmb_property *r = &lmb->reserved.region[i];

			if (r->base + r->size > base) {
				rbase = max(r->base, base);
				rend = r->base + r->size;
				break;
			}
		}
		if (rbase >= end) {
			rbase = end;
			rend = end;
		}
		if (rbase > base && lmb_reserve(lmb, base, rbase - base) < 0) {
			log_err("lmb: no room for %#llx+%#llx (CONFIG_LMB_MAX_REGIONS)\n",
				(unsigned long long)base,
				(unsigned long long)(rbase - base));
			return;
		}
		base = rend;
	}
}

/**
 * board_lmb_reserve() - mirror every page bootmem does not have free
 * @lmb:	the LMB being set up for a load or boot command
 *
 * Without this, tftpboot or load would happily overwrite bootmem's bitmap
 * or anything allocated from it.
 */
void board_lmb_reserve(struct lmb *lmb)
{
	struct bootmem_run run;

	for_each_bootmem_run(&run) {
		if (run.kind != BOOTMEM_FREE)
			virt_lmb_reserve_gaps(lmb, run.base, run.size);
	}
}
