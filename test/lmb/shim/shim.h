/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * Just enough of U-Boot to build its 2025.01 lib/lmb.c, lib/alist.c and
 * common/lmb_bootmem.c on the host, for the LMB differential test. Forced
 * into every file (-include); lmb.h and alist.h are U-Boot's own. EFI is
 * off: LMB notifies nobody.
 */

#ifndef __LMB_SHIM_H
#define __LMB_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <assert.h>
#include <errno.h>

/* u8 ... u64, phys_addr_t, log_*() as bootmem's host port has them */
#include <bootmem_port.h>
typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned char uchar;

#define __KERNEL__
#define __weak		__attribute__((weak))
#define __maybe_unused	__attribute__((unused))
#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define BIT(n)		(1UL << (n))
#define debug(...)	((void)0)
/* Failed allocations are compared by the test, not read from the console. */
#define printf(...)	((void)0)
#define puts(s)		((void)0)

#define CONFIG_UNIT_TEST	1
#include <linux/kconfig.h>
#define CONFIG_NR_DRAM_BANKS	1
#define CONFIG_STACK_SIZE	0x100000

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls_long(unsigned long x)
{
	return x ? 64 - __builtin_clzl(x) : 0;
}

static inline void *map_sysmem(phys_addr_t paddr, unsigned long len)
{
	return (void *)(uintptr_t)paddr;
}

static inline void unmap_sysmem(const void *vaddr)
{
}

/* efi_loader.h, never called: EFI_LOADER is off */
typedef unsigned long efi_status_t;
#define EFI_SUCCESS		0
#define EFI_ERROR_MASK		(1UL << 63)
#define EFI_PAGE_MASK		0xfffULL
#define EFI_BOOT_SERVICES_DATA	4
#define EFI_CONVENTIONAL_MEMORY	7
static inline u64 efi_size_in_pages(u64 size)
{
	return (size + EFI_PAGE_MASK) >> 12;
}
efi_status_t efi_add_memory_map_pg(u64 start, u64 pages, int type,
				   bool overlap_conventional);

/* spl.h */
enum xpl_phase_t { PHASE_SPL = 3, PHASE_BOARD_R = 6 };
static inline enum xpl_phase_t xpl_phase(void)
{
	return PHASE_BOARD_R;
}

/* asm/global_data.h, asm/sections.h: only lmb_init() reads them */
struct bd_info {
	struct { phys_addr_t start; phys_size_t size; } bi_dram[1];
};
typedef struct global_data {
	struct bd_info *bd;
	unsigned long flags;
	unsigned long mon_len;
	unsigned long start_addr_sp;
	phys_addr_t ram_top;
	const void *fdt_blob;
} gd_t;
extern gd_t *gd;
#define GD_FLG_SKIP_RELOC	0x00800
#define DECLARE_GLOBAL_DATA_PTR
extern char _start[], __bss_start[], __bss_end[];
void boot_fdt_add_mem_rsv_regions(void *fdt_blob);
void lmb_arch_add_memory(void);

#endif
