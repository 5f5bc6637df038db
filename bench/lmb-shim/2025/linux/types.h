/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_2025_LINUX_TYPES_H
#define __LMB_SHIM_2025_LINUX_TYPES_H

#include <stddef.h>
#include <asm/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef unsigned int uint;

#endif
