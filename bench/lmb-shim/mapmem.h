/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_MAPMEM_H
#define __LMB_SHIM_MAPMEM_H

#include <asm/types.h>

#define map_to_sysmem(p)	((phys_addr_t)(uintptr_t)(p))
#define map_sysmem(a, len)	((void *)(uintptr_t)(a))
#define unmap_sysmem(p)		((void)(p))

#endif
