# SPDX-License-Identifier: GPL-2.0+
#
# The LMB differential test: U-Boot 2025.01's own lib/lmb.c, built for the
# host from the source `make uboot` fetches (never committed), against
# common/lmb_bootmem.c on the host library, the same random LMB calls on
# both (test/lmb/test_lmb_differential.c).
#
#   make lmb-diff       build it: $(LMB_DIFF)

LMB_OUT := $(BUILD)/host/lmb
LMB_DIFF := $(LMB_OUT)/test_lmb_differential
LMB_SHIM := test/lmb/shim
# U-Boot's lmb.h (as the series leaves it) and alist.h, after the shim's
# headers
LMB_CFLAGS = -std=gnu11 -g -O2 -Wall -I$(LMB_SHIM) -Iinclude \
	-idirafter $(UBOOT_SRC)/include
LMB_SHIMMED = -include $(LMB_SHIM)/shim.h
# ours: the shim with CONFIG_BOOTMEM
LMB_OURS = $(LMB_SHIMMED) -DCONFIG_BOOTMEM=1
LMB_SHIM_HDRS := $(wildcard $(LMB_SHIM)/*.h $(LMB_SHIM)/*/*.h)

.PHONY: lmb-diff
lmb-diff: $(LMB_DIFF)

# lib/lmb.c and its alist with every global renamed ref_*, beside ours.
$(LMB_OUT)/ref.o: $(LMB_SHIM_HDRS) | uboot-tree
	@mkdir -p $(@D)
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_SHIMMED) -w -c $(UBOOT_SRC)/lib/lmb.c -o $(@D)/lmb.o
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_SHIMMED) -w -c $(UBOOT_SRC)/lib/alist.c -o $(@D)/alist.o
	ld -r -o $(@D)/ref-raw.o $(@D)/lmb.o $(@D)/alist.o
	nm -g --defined-only $(@D)/ref-raw.o | \
		awk '{ print $$3 " ref_" $$3 }' >$(@D)/ref.syms
	objcopy --redefine-syms=$(@D)/ref.syms $(@D)/ref-raw.o $@

$(LMB_DIFF): test/lmb/test_lmb_differential.c common/lmb_bootmem.c \
		$(LMB_OUT)/ref.o $(LIB_SRCS) $(LIB_HDRS) $(LMB_SHIM_HDRS)
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_OURS) -c common/lmb_bootmem.c \
		-o $(LMB_OUT)/lmb_bootmem.o
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_OURS) -c test/lmb/test_lmb_differential.c \
		-o $(LMB_OUT)/test_lmb_differential.o
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $(LMB_OUT)/test_lmb_differential.o \
		$(LMB_OUT)/lmb_bootmem.o $(LMB_OUT)/ref.o $(LIB_SRCS) $(HOST_LIBS)

# Owner records through the LMB API, on the host library with the host
# tests' port (physical memory and a heap that can fail): a cmocka test
# program among the host tests.
LMB_RECORDS := $(HOST_OUT)/plain/test_lmb_records
host-tests: $(LMB_RECORDS)

$(LMB_RECORDS): test/lmb/test_lmb_records.c common/lmb_bootmem.c \
		test/host/host_port.c $(LIB_SRCS) $(LIB_HDRS) $(LMB_SHIM_HDRS) \
		| uboot-tree
	@mkdir -p $(LMB_OUT) $(@D)
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_OURS) -DBOOTMEM_PORT_OWN_HEAP \
		-c common/lmb_bootmem.c -o $(LMB_OUT)/lmb_bootmem_own_heap.o
	$(HOSTCC) $(LMB_CFLAGS) $(LMB_OURS) -DBOOTMEM_PORT_OWN_HEAP \
		-c test/lmb/test_lmb_records.c -o $(LMB_OUT)/test_lmb_records.o
	$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $(LMB_OUT)/test_lmb_records.o \
		$(LMB_OUT)/lmb_bootmem_own_heap.o test/host/host_port.c \
		$(LIB_SRCS) $(HOST_LIBS)
