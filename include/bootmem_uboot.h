/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * bootmem inside U-Boot: setting it up after relocation, and keeping LMB's
 * own map in step with it until LMB is served by bootmem.
 */

#ifndef __BOOTMEM_UBOOT_H
#define __BOOTMEM_UBOOT_H

#include <bootmem.h>

int bootmem_init_r(void);

/* LMB bridge: see common/bootmem.c; goes once LMB is served by bootmem. */
int bootmem_lmb_fill(void);
void bootmem_lmb_hold(phys_addr_t base, phys_size_t size);
void bootmem_lmb_release(phys_addr_t base, phys_size_t size);

#endif /* __BOOTMEM_UBOOT_H */
