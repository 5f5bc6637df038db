/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * The host side of bootmem_port.h for tests: physical memory is simulated
 * by heap buffers, one for each range the library maps, and a panic can be
 * caught by a test.
 */

#ifndef __HOST_PORT_H
#define __HOST_PORT_H

#include <setjmp.h>
#include <bootmem.h>

/* Set by a test that expects a panic: bootmem_port_panic() jumps here. */
extern jmp_buf *host_panic_jump;
/* The library's heap fails after this many more allocations (-1: never). */
extern long host_heap_fail_after;
/* How often the library asked for physical memory (bootmem_port_map()). */
extern unsigned long host_map_calls;
/* Bytes the library holds on its heap. */
extern size_t host_heap_live;

phys_addr_t host_virt_to_phys(const void *ptr);
void *host_realloc(void *ptr, size_t size);
void *host_zalloc(size_t size);
void host_port_reset(void);
void host_reset(void);

#endif /* __HOST_PORT_H */
