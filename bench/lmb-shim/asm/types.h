/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_ASM_TYPES_H
#define __LMB_SHIM_ASM_TYPES_H

#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef uint64_t phys_addr_t;
typedef uint64_t phys_size_t;
typedef unsigned long ulong;

#endif
