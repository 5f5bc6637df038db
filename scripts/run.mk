# SPDX-License-Identifier: GPL-2.0+
#
# make run: boot QEMU's virt machine with NUMA nodes on our U-Boot, which
# runs boot.scr from the virtio disk: bootmem places and boots Linux, and
# scripts/run.py checks that Linux saw the topology QEMU was given.
#
#   NODES   MiB:CPUs of each node, "none" for no NUMA   (2048:2 2048:2)
#   DIST    distances, src-dst:value                   (QEMU's 10 and 20)
#   NODE    node to place kernel, initrd and FDT on    (the boot CPU's)
#
# A partial DIST is completed with 20, in one line; one QEMU would refuse
# is a one-line error before anything is built (scripts/qemu_numa.py).

NODES ?= 2048:2 2048:2
DIST ?=
NODE ?=

RUN_SCRIPT := $(OS_OUT)/boot.scr
# A gzipped kernel too, for the tests of bootmem boot's Image.gz path.
OS_IMAGE_GZ := $(OS_OUT)/Image.gz
OS_DISK_FILES += $(RUN_SCRIPT) $(OS_IMAGE_GZ)

.PHONY: run
RUN_TOPOLOGY = --nodes "$(NODES)" --dist "$(DIST)"

run: deps
	@/usr/bin/python3 scripts/run.py $(RUN_TOPOLOGY) --check >/dev/null
	@$(MAKE) --no-print-directory uboot os
	/usr/bin/python3 scripts/run.py --uboot $(UBOOT_BIN) \
		--disk $(OS_DISK) $(RUN_TOPOLOGY) \
		$(if $(NODE),--node $(NODE)) --log $(OS_OUT)/run.log

# The node choice is baked into the script; remember it so that a
# different NODE rebuilds the script and the disk.
$(OS_OUT)/boot.node: FORCE
	@mkdir -p $(@D)
	@echo "$(NODE)" | cmp -s - $@ || echo "$(NODE)" >$@

$(RUN_SCRIPT): scripts/boot.cmd $(OS_OUT)/boot.node | uboot
	sed 's/@BOOT_OPTS@/$(if $(NODE),-n $(NODE))/' scripts/boot.cmd \
		>$(OS_OUT)/boot.cmd
	$(UBOOT_OUT)/tools/mkimage -A arm64 -T script -C none \
		-n "bootmem boot" -d $(OS_OUT)/boot.cmd $@

$(OS_IMAGE_GZ): $(OS_FETCHED)
	gzip -1 -n -c $(OS_IMAGE) >$@

$(OS_DISK): $(RUN_SCRIPT) $(OS_IMAGE_GZ)
