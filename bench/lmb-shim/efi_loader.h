/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * EFI is off (CONFIG_EFI_LOADER unset): 2023.01's efi_lmb_reserve() and
 * 2025.01's map notifications only compile.
 */
#ifndef __LMB_SHIM_EFI_LOADER_H
#define __LMB_SHIM_EFI_LOADER_H

#include <asm/types.h>

struct efi_mem_desc {
	u32 type;
	u64 physical_start;
	u64 num_pages;
};

typedef size_t efi_uintn_t;
typedef unsigned long efi_status_t;

#define EFI_SUCCESS		0
#define EFI_CONVENTIONAL_MEMORY	7
#define EFI_PAGE_SIZE		4096
#define EFI_PAGE_MASK		(EFI_PAGE_SIZE - 1)
#define EFI_BOOT_SERVICES_DATA	4
#define EFI_ERROR_MASK		(1UL << 63)

static inline efi_status_t efi_get_memory_map_alloc(efi_uintn_t *size,
						    struct efi_mem_desc **map)
{
	return 1;
}

static inline void efi_free_pool(void *p)
{
}

static inline u64 efi_size_in_pages(u64 size)
{
	return (size + EFI_PAGE_MASK) / EFI_PAGE_SIZE;
}

static inline efi_status_t efi_add_memory_map_pg(u64 start, u64 pages,
						 int type, int overlap)
{
	return 1;
}

#endif
