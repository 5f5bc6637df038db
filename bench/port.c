// SPDX-License-Identifier: GPL-2.0+
/*
 * The host side of bootmem_port.h for the benchmark, and the memory arena
 * every allocator's bitmap lives in. The arena is touched once up front,
 * so that no timed set-up pays for the host's page faults: on a board the
 * bitmap is plain RAM.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <bootmem.h>
#include "bench.h"

/* 16 TiB of pages need a 512 MiB bitmap, plus 2% for summaries. */
#define ARENA_BYTES	(528 * MiB)

static void *arena;

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
