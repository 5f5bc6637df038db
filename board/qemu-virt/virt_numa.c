// SPDX-License-Identifier: GPL-2.0+
/*
 * QEMU virt with NUMA: every memory node is a DRAM bank.
 *
 * QEMU writes one memory@ node per NUMA node, contiguous from 0x40000000
 * and highest address first, each with one reg entry and a numa-node-id.
 * The stock board code reads only the first node, so U-Boot would size
 * itself from the highest node while running from the lowest. Here every
 * range of every memory node becomes a bank, lowest address first, and
 * U-Boot relocates to the top of the lowest node, where its pre-relocation
 * stack already is (see dram_init()).
 *
 * Linked into board/emulation/qemu-arm/ by the bootmem project; the stock
 * dram_init() and dram_init_banksize() there are made weak.
 */

#include <common.h>
#include <fdtdec.h>
#include <init.h>
#include <asm/global_data.h>
#include <linux/libfdt.h>

DECLARE_GLOBAL_DATA_PTR;

/*
 * The @idx-th RAM range in tree order, counting every reg entry of every
 * available memory node; zero-sized entries are skipped.
 */
static int virt_mem_range(const void *blob, int idx, phys_addr_t *basep,
			  phys_size_t *sizep)
{
	struct fdt_resource res;
	int node, i;

	for (node = fdt_node_offset_by_prop_value(blob, -1, "device_type",
						  "memory", sizeof("memory"));
	     node >= 0;
	     node = fdt_node_offset_by_prop_value(blob, node, "device_type",
						  "memory", sizeof("memory"))) {
		if (!fdtdec_get_is_enabled(blob, node))
			continue;
		for (i = 0; !fdt_get_resource(blob, node, "reg", i, &res); i++) {
			if (res.end < res.start || idx--)
				continue;
			*basep = res.start;
			*sizep = res.end - res.start + 1;
			return 0;
		}
	}

	return -ENOENT;
}

/**
 * dram_init() - size the RAM U-Boot runs in: the lowest node
 *
 * gd->ram_base and gd->ram_size describe the lowest range, whatever the
 * order of the tree. [ram_base, ram_top) is the RAM U-Boot calls its own:
 * it relocates to the top, arch_lmb_reserve() reserves from the stack up
 * to it, and it is bootm's default window (bootm_low, bootm_size). Keeping
 * it to the lowest node keeps U-Boot on the node it starts on (and below
 * 4 GiB when that node is small); the other nodes are still banks, so LMB
 * lets images be loaded anywhere. Not so with EFI_LOADER, which marks RAM
 * above ram_top as firmware's: bootmem.config turns it off.
 *
 * Return: 0, or -EINVAL if the tree describes no memory
 */
int dram_init(void)
{
	phys_addr_t base, lowest = ~(phys_addr_t)0;
	phys_size_t size, lowest_size = 0;
	int i;

	for (i = 0; !virt_mem_range(gd->fdt_blob, i, &base, &size); i++) {
		if (base < lowest) {
			lowest = base;
			lowest_size = size;
		}
	}
	if (!lowest_size)
		return -EINVAL;

	gd->ram_base = lowest;
	gd->ram_size = lowest_size;

	return 0;
}

/**
 * dram_init_banksize() - one bank per memory range, lowest address first
 *
 * Sorted because generic code takes bank 0 as "the" RAM (booti places a
 * kernel relative to it). Ranges beyond CONFIG_NR_DRAM_BANKS are dropped
 * with a warning: U-Boot then does not know them, but bootmem still reads
 * them from the tree.
 *
 * Return: 0
 */
int dram_init_banksize(void)
{
	struct bd_info *bd = gd->bd;
	phys_addr_t base;
	phys_size_t size;
	int i, n = 0, j;

	memset(bd->bi_dram, 0, sizeof(bd->bi_dram));
	for (i = 0; !virt_mem_range(gd->fdt_blob, i, &base, &size); i++) {
		if (n == CONFIG_NR_DRAM_BANKS &&
		    base > bd->bi_dram[n - 1].start)
			continue;
		j = n < CONFIG_NR_DRAM_BANKS ? n++ : n - 1;
		for (; j > 0 && bd->bi_dram[j - 1].start > base; j--)
			bd->bi_dram[j] = bd->bi_dram[j - 1];
		bd->bi_dram[j].start = base;
		bd->bi_dram[j].size = size;
	}
	if (i > CONFIG_NR_DRAM_BANKS)
		printf("%d memory ranges, only the lowest %d are banks (CONFIG_NR_DRAM_BANKS)\n",
		       i, CONFIG_NR_DRAM_BANKS);

	return 0;
}
