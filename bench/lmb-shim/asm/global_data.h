/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Only the reservations of U-Boot itself read gd (2023.01's
 * arch_lmb_reserve_generic(), 2025.01's lmb_init()): never called here.
 */
#ifndef __LMB_SHIM_GLOBAL_DATA_H
#define __LMB_SHIM_GLOBAL_DATA_H

#include <asm/u-boot.h>

typedef struct global_data {
	struct bd_info *bd;
	unsigned long flags;
	unsigned long mon_len;
	unsigned long start_addr_sp;
	unsigned long ram_top;
	const void *fdt_blob;
} gd_t;

#define GD_FLG_SKIP_RELOC	0x00800
#define DECLARE_GLOBAL_DATA_PTR	static gd_t *gd __maybe_unused

#endif
