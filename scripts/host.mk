# SPDX-License-Identifier: GPL-2.0+
#
# Host builds of the library: unit tests (plain and under ASan + UBSan).
# Every lib/bootmem/*.c builds on the host; every test/host/test_*.c is one
# cmocka test program, linked with the other test/host/*.c support files
# and the operation engine of test/fuzz (sim.c, topologies.c). Tests bring
# the library's heap (BOOTMEM_PORT_OWN_HEAP, test/host/host_port.c), so
# that they can make it fail.

HOST_OUT := $(BUILD)/host
HOST_PKGS := cmocka libfdt
HOST_WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
HOST_CFLAGS := -std=gnu11 -g -O2 $(HOST_WARN) -Iinclude -Ilib/bootmem \
	-Itest/host -Itest/fuzz \
	$(shell pkg-config --cflags $(HOST_PKGS) 2>/dev/null)
HOST_TEST_CFLAGS := $(HOST_CFLAGS) -DBOOTMEM_PORT_OWN_HEAP
HOST_LIBS := $(shell pkg-config --libs $(HOST_PKGS) 2>/dev/null || echo -lcmocka -lfdt)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

LIB_SRCS := $(wildcard lib/bootmem/*.c)
LIB_HDRS := $(wildcard include/*.h lib/bootmem/*.h test/host/*.h \
	test/fuzz/*.h)
TEST_SRCS := $(wildcard test/host/test_*.c)
SUPPORT_SRCS := $(filter-out $(TEST_SRCS),$(wildcard test/host/*.c)) \
	test/fuzz/sim.c test/fuzz/topologies.c
TESTS := $(notdir $(TEST_SRCS:.c=))

HOST_TESTS := $(addprefix $(HOST_OUT)/plain/,$(TESTS)) \
	$(addprefix $(HOST_OUT)/asan/,$(TESTS))

.PHONY: host-tests
host-tests: $(HOST_TESTS)

$(HOST_OUT)/plain/%: test/host/%.c $(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $< $(SUPPORT_SRCS) $(LIB_SRCS) \
		$(HOST_LIBS)

$(HOST_OUT)/asan/%: test/host/%.c $(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SUPPORT_SRCS) \
		$(LIB_SRCS) $(HOST_LIBS)

# Part of make lint: the library's state is private. Only lib/bootmem
# includes bootmem_internal.h; everyone else, tests and benchmarks
# included, has <bootmem.h> (and bootmem_push() / bootmem_pop()).
.PHONY: lint-private
lint: lint-private
lint-private:
	@echo "lint: bootmem_internal.h included only in lib/bootmem"
	@find . -path ./build -prune -o -path ./lib/bootmem -prune -o \
		-name '*.[ch]' -print | \
		xargs grep -l '^#include.*bootmem_internal\.h' | { ! grep .; }

# Part of make lint: the files of lib/bootmem form layers, each using only
# the ones below it (no circle: a maintainer can read them bottom up).
# Every file of the library must be in the list.
LIB_LAYERS := bitmap registry owners query fast alloc state fdt handoff place
LAYERS_OUT := $(BUILD)/lint/layers

.PHONY: lint-layers
lint: lint-layers
lint-layers: $(LIB_SRCS) $(LIB_HDRS)
	@echo "lint: lib/bootmem calls one way: $(LIB_LAYERS)"
	@$(if $(filter-out $(LIB_LAYERS),$(notdir $(LIB_SRCS:.c=))),\
		echo "scripts/host.mk: LIB_LAYERS lacks $(filter-out $(LIB_LAYERS),$(notdir $(LIB_SRCS:.c=)))" >&2; exit 1)
	@mkdir -p $(LAYERS_OUT)
	@for f in $(LIB_LAYERS); do \
		$(HOSTCC) $(HOST_CFLAGS) -c -o $(LAYERS_OUT)/$$f.o \
			lib/bootmem/$$f.c || exit 1; \
	done
	@scripts/check-layers.sh $(LAYERS_OUT) $(LIB_LAYERS)
