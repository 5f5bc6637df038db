/* SPDX-License-Identifier: GPL-2.0+ */
/* Only arch_lmb_reserve_generic() reads gd, and the benchmark never calls it. */
#ifndef __LMB_SHIM_GLOBAL_DATA_H
#define __LMB_SHIM_GLOBAL_DATA_H

#include <asm/u-boot.h>

typedef struct global_data {
	struct bd_info *bd;
	unsigned long flags;
	unsigned long mon_len;
} gd_t;

#define GD_FLG_SKIP_RELOC	0x00800
#define DECLARE_GLOBAL_DATA_PTR	static gd_t *gd __maybe_unused

#endif
