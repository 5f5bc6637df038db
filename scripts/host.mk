# SPDX-License-Identifier: GPL-2.0+
#
# Host builds of the library: unit tests (plain and under ASan + UBSan).
# Every lib/bootmem/*.c builds on the host; every test/host/test_*.c is one
# cmocka test program, linked with the other test/host/*.c support files
# and the operation engine of test/fuzz (sim.c, topologies.c).
# test_differential is built once more as test_differential_small, with a
# 12-entry owner table (SMALL_TABLE), which is full most of the time.

HOST_OUT := $(BUILD)/host
HOST_PKGS := cmocka libfdt
HOST_WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
HOST_CFLAGS := -std=gnu11 -g -O2 $(HOST_WARN) -Iinclude -Ilib/bootmem \
	-Itest/host -Itest/fuzz \
	$(shell pkg-config --cflags $(HOST_PKGS) 2>/dev/null)
HOST_LIBS := $(shell pkg-config --libs $(HOST_PKGS) 2>/dev/null || echo -lcmocka -lfdt)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

LIB_SRCS := $(wildcard lib/bootmem/*.c)
LIB_HDRS := $(wildcard include/*.h lib/bootmem/*.h test/host/*.h \
	test/fuzz/*.h)
TEST_SRCS := $(wildcard test/host/test_*.c)
SUPPORT_SRCS := $(filter-out $(TEST_SRCS),$(wildcard test/host/*.c)) \
	test/fuzz/sim.c test/fuzz/topologies.c
TESTS := $(notdir $(TEST_SRCS:.c=)) test_differential_small
SMALL_TABLE := -DCONFIG_BOOTMEM_MAX_REGIONS=12

HOST_TESTS := $(addprefix $(HOST_OUT)/plain/,$(TESTS)) \
	$(addprefix $(HOST_OUT)/asan/,$(TESTS))

.PHONY: host-tests
host-tests: $(HOST_TESTS)

$(HOST_OUT)/plain/%: test/host/%.c $(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $(SUPPORT_SRCS) $(LIB_SRCS) $(HOST_LIBS)

$(HOST_OUT)/asan/%: test/host/%.c $(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SUPPORT_SRCS) $(LIB_SRCS) $(HOST_LIBS)

$(HOST_OUT)/plain/test_differential_small: test/host/test_differential.c \
		$(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SMALL_TABLE) -o $@ $< $(SUPPORT_SRCS) \
		$(LIB_SRCS) $(HOST_LIBS)

$(HOST_OUT)/asan/test_differential_small: test/host/test_differential.c \
		$(SUPPORT_SRCS) $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) $(SAN_FLAGS) $(SMALL_TABLE) -o $@ $< \
		$(SUPPORT_SRCS) $(LIB_SRCS) $(HOST_LIBS)
