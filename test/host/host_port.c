// SPDX-License-Identifier: GPL-2.0+
/*
 * Heap-backed physical memory for host tests: each range the library maps
 * gets a zeroed buffer of its own, freed again by host_port_reset(). The
 * library's own heap is libc's, with a switch to make it fail.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include "host_port.h"

struct mapping {
	phys_addr_t addr;
	phys_size_t len;
	void *mem;
	struct mapping *next;
};

static struct mapping *mappings;
jmp_buf *host_panic_jump;
long host_heap_fail_after = -1;
unsigned long host_map_calls;
size_t host_heap_live;

/* A heap block keeps its size in front of it, aligned as malloc's are. */
struct heap_head {
	_Alignas(max_align_t) size_t size;
};

/**
 * bootmem_port_alloc() - the library's heap
 * @size:	bytes
 *
 * Once host_heap_fail_after reaches 0 every allocation fails, as a full
 * heap would; it counts down from a positive value.
 *
 * Return: the memory, or NULL
 */
void *bootmem_port_alloc(size_t size)
{
	if (host_heap_fail_after == 0)
		return NULL;
	struct heap_head *h;

	if (host_heap_fail_after > 0)
		host_heap_fail_after--;
	h = malloc(sizeof(*h) + size);
	if (!h)
		return NULL;
	h->size = size;
	host_heap_live += size;

	return h + 1;
}

void bootmem_port_free(void *ptr)
{
	struct heap_head *h = ptr;

	if (!ptr)
		return;
	h--;
	host_heap_live -= h->size;
	free(h);
}

/**
 * host_realloc() - realloc() for test code, which has no way out
 * @ptr:	memory, or NULL
 * @size:	bytes wanted, more than 0
 *
 * Return: the memory; aborts when the host has none left
 */
void *host_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size);

	if (!p) {
		fprintf(stderr, "host_port: out of memory for %zu bytes\n",
			size);
		abort();
	}
	return p;
}

/**
 * host_zalloc() - zeroed memory for test code
 * @size:	bytes
 *
 * Return: the memory; aborts when the host has none left
 */
void *host_zalloc(size_t size)
{
	return memset(host_realloc(NULL, size ? size : 1), 0, size);
}

void *bootmem_port_map(phys_addr_t addr, phys_size_t len)
{
	struct mapping *m;

	host_map_calls++;
	/* Within a mapping: compared so that nothing wraps at 2^64. */
	for (m = mappings; m; m = m->next)
		if (addr >= m->addr && addr - m->addr <= m->len &&
		    len <= m->len - (addr - m->addr))
			return (char *)m->mem + (addr - m->addr);

	m = malloc(sizeof(*m));
	if (!m || !(m->mem = calloc(1, len ? len : 1))) {
		fprintf(stderr, "host_port: cannot back %#llx bytes\n",
			(unsigned long long)len);
		abort();
	}
	m->addr = addr;
	m->len = len;
	m->next = mappings;
	mappings = m;

	return m->mem;
}

void bootmem_port_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (host_panic_jump)
		longjmp(*host_panic_jump, 1);
	abort();
}

/**
 * host_virt_to_phys() - the physical address a mapped pointer stands for
 * @ptr:	a pointer returned by bootmem_port_map()
 *
 * Return: the address, or ~0 if @ptr is not mapped
 */
phys_addr_t host_virt_to_phys(const void *ptr)
{
	struct mapping *m;

	for (m = mappings; m; m = m->next)
		if ((const char *)ptr >= (char *)m->mem &&
		    (const char *)ptr < (char *)m->mem + m->len)
			return m->addr + ((const char *)ptr - (char *)m->mem);

	return ~(phys_addr_t)0;
}

/**
 * host_port_reset() - drop every simulated mapping
 */
void host_port_reset(void)
{
	while (mappings) {
		struct mapping *m = mappings;

		mappings = m->next;
		free(m->mem);
		free(m);
	}
}

/**
 * host_reset() - a fresh allocator and fresh memory, for each test
 */
void host_reset(void)
{
	host_heap_fail_after = -1;
	while (!bootmem_pop())
		;
	bootmem_reset();
	host_port_reset();
	host_panic_jump = NULL;
}
