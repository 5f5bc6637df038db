// SPDX-License-Identifier: GPL-2.0+
/*
 * The host side of bootmem_port.h for the benchmark, and the memory arena
 * every allocator's bitmap lives in. The arena is touched once up front,
 * so that no timed set-up pays for the host's page faults: on a board the
 * bitmap is plain RAM. bootmem's heap (its registry tables and first
 * owner records) is libc's, counted, so that the state it keeps beside
 * the bitmap can be measured.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <bootmem.h>
#include "bench.h"

/* 16 TiB of pages need a 512 MiB bitmap, plus 2% for summaries. */
#define ARENA_BYTES	(528 * MiB)

static void *arena;
static u64 heap_live;

/* Each heap block starts with its size, padded to keep the alignment. */
union heap_head {
	size_t size;
	max_align_t align;
};

/**
 * bench_arena() - the arena, for one allocator at a time
 * @bytes:	how much the caller needs
 *
 * Return: the arena, or NULL if @bytes do not fit
 */
void *bench_arena(u64 bytes)
{
	if (bytes > ARENA_BYTES)
		return NULL;
	if (!arena) {
		arena = mmap(NULL, ARENA_BYTES, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (arena == MAP_FAILED) {
			perror("bench: arena");
			exit(1);
		}
		memset(arena, 0xa5, ARENA_BYTES);
	}

	return arena;
}

void *bootmem_port_map(phys_addr_t addr, phys_size_t len)
{
	void *p = bench_arena(len);

	(void)addr;
	if (!p) {
		fprintf(stderr, "bench: bitmap of %llu bytes does not fit\n",
			(unsigned long long)len);
		exit(1);
	}

	return p;
}

void bootmem_port_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

void *bootmem_port_alloc(size_t size)
{
	union heap_head *h = malloc(sizeof(*h) + size);

	if (!h)
		return NULL;
	h->size = size;
	heap_live += size;

	return h + 1;
}

void bootmem_port_free(void *ptr)
{
	union heap_head *h = ptr;

	if (!h)
		return;
	heap_live -= h[-1].size;
	free(h - 1);
}

/**
 * bench_heap_bytes() - bytes bootmem holds on the heap now
 *
 * Return: the sum of the sizes of its live heap blocks
 */
u64 bench_heap_bytes(void)
{
	return heap_live;
}
