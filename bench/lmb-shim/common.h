/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Just enough of U-Boot's environment to build its lib/lmb.c on the host:
 * types, Kconfig tests and no-op console output. lmb.h itself is U-Boot's.
 */

#ifndef __LMB_SHIM_COMMON_H
#define __LMB_SHIM_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <asm/types.h>

#define __weak		__attribute__((weak))
#define __maybe_unused	__attribute__((unused))
#define min(a, b)	((a) < (b) ? (a) : (b))
/* U-Boot prints when an allocation fails; the benchmark times no console. */
#define printf(...)	((void)0)
#define debug(...)	((void)0)

/* linux/kconfig.h: IS_ENABLED(CONFIG_X) is 1 if CONFIG_X is defined as 1. */
#define __ARG_PLACEHOLDER_1	0,
#define __take_second_arg(__ignored, val, ...) val
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define ___is_defined(val)	____is_defined(__ARG_PLACEHOLDER_##val)
#define __is_defined(x)		___is_defined(x)
#define IS_ENABLED(option)	__is_defined(option)
#define CONFIG_IS_ENABLED(option) IS_ENABLED(CONFIG_##option)

#define CONFIG_NR_DRAM_BANKS	1

#endif
