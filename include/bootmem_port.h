/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The one seam between bootmem and its host: types, errno values, logging,
 * panic, a heap for the registry's tables, and the mapping of physical
 * memory, taken from U-Boot inside U-Boot and from libc everywhere else
 * (host tests, benchmarks, fuzzers).
 */

#ifndef __BOOTMEM_PORT_H
#define __BOOTMEM_PORT_H

#ifdef __UBOOT__

#include <log.h>
#include <malloc.h>
#include <mapmem.h>
#include <vsprintf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/libfdt.h>
#include <linux/string.h>
#include <linux/types.h>

#define bootmem_port_map(addr, len)	map_sysmem((addr), (len))
#define bootmem_port_panic(...)		panic(__VA_ARGS__)
/* U-Boot's full malloc: bootmem is set up after relocation. */
#define bootmem_port_alloc(size)	malloc(size)
#define bootmem_port_free(ptr)		free(ptr)

/*
 * Pages bootmem takes for itself or gives back (its owner table): U-Boot
 * tells EFI's memory map, as LMB does of its own (common/bootmem.c).
 */
int bootmem_efi_note(phys_addr_t addr, phys_size_t size, bool held);
#define bootmem_port_own_pages(addr, size, held) \
	bootmem_efi_note((addr), (size), (held))

#else /* host */

#include <errno.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/cdefs.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uint64_t phys_addr_t;
typedef uint64_t phys_size_t;

#define log_err(...)	fprintf(stderr, __VA_ARGS__)
#define log_warning(...) fprintf(stderr, __VA_ARGS__)
#define log_info(...)	printf(__VA_ARGS__)
/* As U-Boot without debug logging: checked, never printed or evaluated. */
#define log_debug(...)	do { if (0) printf(__VA_ARGS__); } while (0)

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* U-Boot's noinline (linux/compiler_attributes.h), from glibc's. */
#ifndef noinline
#define noinline	__attribute_noinline__
#endif

/*
 * The host has no physical memory: whoever links the library (a test, the
 * benchmark, a fuzzer) says what a physical range reads and writes.
 */
void *bootmem_port_map(phys_addr_t addr, phys_size_t len);
void bootmem_port_panic(const char *fmt, ...);

/*
 * The heap is libc's, unless the program says it brings its own (the
 * host tests, to make it fail on purpose).
 */
#ifdef BOOTMEM_PORT_OWN_HEAP
void *bootmem_port_alloc(size_t size);
void bootmem_port_free(void *ptr);
#else
#define bootmem_port_alloc(size)	malloc(size)
#define bootmem_port_free(ptr)		free(ptr)
#endif

/* No firmware to tell of bootmem's own pages. */
#define bootmem_port_own_pages(addr, size, held) \
	do { (void)(addr); (void)(size); (void)(held); } while (0)

#endif /* __UBOOT__ */

#endif /* __BOOTMEM_PORT_H */
