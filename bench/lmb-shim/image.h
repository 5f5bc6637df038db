/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_IMAGE_H
#define __LMB_SHIM_IMAGE_H

struct lmb;

static inline int boot_fdt_add_mem_rsv_regions(struct lmb *lmb, void *blob)
{
	return 0;
}

#endif
