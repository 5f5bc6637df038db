// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem on QEMU's virt machine: the board allocates a scratch buffer on
 * every node and a buffer kept for the OS, as board code would allocate
 * node-local memory. bootmem itself is set up by common/bootmem.c.
 */

#include <bootmem.h>
#include <bootmem_uboot.h>
#include <init.h>
#include <log.h>
#include <mapmem.h>
#include <vsprintf.h>
#include <linux/sizes.h>
#include <linux/string.h>

#define VIRT_SCRATCH_SIZE	SZ_1M
#define VIRT_HANDOFF_SIZE	SZ_64K

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
		ret = bootmem_alloc_exact_node(VIRT_SCRATCH_SIZE,
					       BOOTMEM_PAGE_SIZE, nid, label,
					       &addr);
		if (ret)
			log_err("bootmem: no scratch on node %d: %s\n", nid,
				bootmem_strerror(ret));
		else
			bootmem_lmb_hold(addr, VIRT_SCRATCH_SIZE);
	}
}

/*
 * A buffer the OS inherits: kept (BOOTMEM_KEEP), it reaches Linux as a
 * /reserved-memory node (image_setup_libfdt()), so Linux keeps it.
 */
static void virt_alloc_handoff(void)
{
	phys_addr_t addr;
	int ret;

	ret = bootmem_alloc_for_os(VIRT_HANDOFF_SIZE, BOOTMEM_PAGE_SIZE,
				   bootmem_boot_node(), "board: handoff", &addr);
	if (ret) {
		log_err("bootmem: no handoff buffer: %s\n",
			bootmem_strerror(ret));
		return;
	}
	memset(map_sysmem(addr, VIRT_HANDOFF_SIZE), 0, VIRT_HANDOFF_SIZE);
	bootmem_lmb_hold(addr, VIRT_HANDOFF_SIZE);
}

/**
 * board_early_init_r() - the board's own bootmem allocations
 *
 * bootmem is up by now (common/bootmem.c, before LMB). The allocations are
 * passed on to LMB, which then refuses to load over them.
 *
 * Return: 0
 */
int board_early_init_r(void)
{
	if (bootmem_enabled()) {
		virt_alloc_scratch();
		virt_alloc_handoff();
	}

	return 0;
}
