// SPDX-License-Identifier: GPL-2.0+
/*
 * libFuzzer target for the allocator API: the input is decoded (by sim.c)
 * into a registry of at most SIM_MAX_PAGES pages, firmware reservations,
 * bootmem_enable() and then one operation after another until the input
 * runs out. Every result and, after every step, the state of every page
 * is checked against the reference model, owners and labels every 8 steps
 * and at the end; any difference aborts with the step and both answers.
 */

#include <stdint.h>
#include "host_port.h"
#include "sim.h"

/* Steps per input: long enough to fragment the map, short enough to be fast. */
#define MAX_STEPS	1000

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
	sim_start(&s, input_byte, &in, "fuzz_alloc");
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
