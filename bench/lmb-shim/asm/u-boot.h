/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_ASM_U_BOOT_H
#define __LMB_SHIM_ASM_U_BOOT_H

#include <asm/types.h>

struct bd_info {
	struct {
		phys_addr_t start;
		phys_size_t size;
	} bi_dram[CONFIG_NR_DRAM_BANKS];
};

#endif
