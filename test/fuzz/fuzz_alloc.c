// SPDX-License-Identifier: GPL-2.0+
/*
 * libFuzzer target for the allocator API: the input is decoded (by sim.c)
 * into a registry of at most SIM_MAX_PAGES pages, firmware reservations,
 * bootmem_enable() and then one operation after another until the input
 * runs out. Every result is checked against the reference model at once,
 * the state of every page every PAGES_EVERY steps, owners, labels, flags
 * and queries every FULL_EVERY steps, the hand-off and everything at the
 * end; any difference aborts with the step and both answers. (The soak
 * and the host differential test compare more often; here speed buys
 * coverage.) Inputs of even length run with bootmem's fast path on, odd
 * ones with it off.
 */

#include <stdint.h>
#include "host_port.h"
#include "sim.h"

/* Steps per input: long enough to fragment the map, short enough to be fast. */
#define MAX_STEPS	1000
#define PAGES_EVERY	4
#define FULL_EVERY	32

struct input {
	const uint8_t *data;
	size_t size;
	size_t pos;
};

/* The input, then zeros: a short input still decodes to a whole run. */
static u8 input_byte(struct sim *s)
{
	struct input *in = s->ctx;

	if (in->pos < in->size)
		return in->data[in->pos++];
	s->done = true;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sim s;
	struct input in = { data, size, 0 };

	host_reset();
	bootmem_fast_path = !(size & 1);
	sim_start(&s, input_byte, &in, "fuzz_alloc");
	s.pages_every = PAGES_EVERY;
	s.full_every = FULL_EVERY;
	sim_decode_registry(&s);
	sim_decode_enable(&s);
	sim_check(&s);
	while (!s.done && s.step < MAX_STEPS)
		sim_step(&s);
	sim_check(&s);
	sim_finish(&s);
	host_port_reset();

	return 0;
}
