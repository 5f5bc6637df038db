/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Transitional: what this header held is now the library's
 * <bootmem_place.h> (placement) and <bootmem_fdt.h> (the hand-off); the
 * command's own declarations below move into cmd/ with the command.
 */

#ifndef __BOOTMEM_BOOT_H
#define __BOOTMEM_BOOT_H

#include <bootmem_fdt.h>
#include <bootmem_place.h>

#ifdef __UBOOT__
struct cmd_tbl;
/* The bootmem command's two files, cmd/bootmem.c and cmd/bootmem_boot.c */
int do_bootmem_boot(struct cmd_tbl *cmdtp, int flag, int argc,
		    char *const argv[]);
bool bootmem_get_node(const char *str, int *nidp);
#endif

#endif /* __BOOTMEM_BOOT_H */
