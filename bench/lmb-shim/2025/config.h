/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * U-Boot compiles every file with -include config.h; this one stands in
 * for it, with the C library's errno values and a no-op console.
 */
#ifndef __LMB_SHIM_2025_CONFIG_H
#define __LMB_SHIM_2025_CONFIG_H

#include <errno.h>
#include <common.h>

#define CONFIG_STACK_SIZE	0

#endif
