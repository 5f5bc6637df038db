/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem inside U-Boot: setting it up after relocation. LMB is served by
 * bootmem's map (common/lmb_bootmem.c).
 */

#ifndef __BOOTMEM_UBOOT_H
#define __BOOTMEM_UBOOT_H

#include <bootmem.h>

int bootmem_init_r(void);

#endif /* __BOOTMEM_UBOOT_H */
