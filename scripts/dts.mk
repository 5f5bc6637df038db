# SPDX-License-Identifier: GPL-2.0+
#
# Device trees and the device tree tool for the tests (include after
# host.mk). Every dts/*.dts and dts/bad/*.dts becomes $(BUILD)/dtb/<same
# path>.dtb; the broken ones build with dtc's checks quiet, since being
# wrong is their purpose. The host tests find them through BOOTMEM_DTB_DIR
# (default $(BUILD)/dtb).

DTC ?= dtc
DTB_OUT := $(BUILD)/dtb
DTS_SRCS := $(wildcard dts/*.dts dts/bad/*.dts)
DTBS := $(patsubst dts/%.dts,$(DTB_OUT)/%.dtb,$(DTS_SRCS))
FDT_INFO := $(BUILD)/tools/bootmem-fdt-info

export BOOTMEM_DTB_DIR ?= $(DTB_OUT)
export BOOTMEM_FDT_INFO ?= $(FDT_INFO)

.PHONY: dtbs fdt-info
dtbs: $(DTBS)
fdt-info: $(FDT_INFO)

# The host tests read the trees at run time: build them with the tests.
host-tests: dtbs fdt-info

$(DTB_OUT)/bad/%.dtb: dts/bad/%.dts
	@mkdir -p $(@D)
	$(DTC) -q -I dts -O dtb -o $@ $<

$(DTB_OUT)/%.dtb: dts/%.dts
	@mkdir -p $(@D)
	$(DTC) -I dts -O dtb -o $@ $<

$(FDT_INFO): test/tools/bootmem-fdt-info.c $(LIB_SRCS) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $(LIB_SRCS) $(HOST_LIBS)
