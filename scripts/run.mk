# SPDX-License-Identifier: GPL-2.0+
#
# make run: boot QEMU's virt machine with NUMA nodes on our U-Boot, whose
# default bootcmd (standard boot) boots Linux from the virtio disk with no
# typing, and scripts/run.py checks that Linux saw the topology QEMU was
# given and that the kernel, initrd and FDT are on the node they belong.
#
#   BOOT    what the disk holds:                       (efi)
#             efi       Debian's GRUB on an EFI system partition; U-Boot's
#                       UEFI runs it, GRUB boots Linux's EFI stub
#             extlinux  /extlinux/extlinux.conf
#             script    a distribution's /boot.scr (load, load, booti)
#             bootmem   a /boot.scr running `bootmem boot`, which places
#                       the images itself and says where
#   NODES   MiB:CPUs of each node, "none" for no NUMA   (2048:2 2048:2)
#   DIST    distances, src-dst:value                   (QEMU's 10 and 20)
#   NODE    node to put kernel, initrd and FDT on      (the boot CPU's):
#           `setenv bootmem_node NODE` at U-Boot's prompt (for bootmem, -n
#           in its script)
#
# A partial DIST is completed with 20, in one line; one QEMU would refuse
# is a one-line error before anything is built (scripts/qemu_numa.py).

BOOT ?= efi
NODES ?= 2048:2 2048:2
DIST ?=
NODE ?=

RUN_SCRIPT := $(OS_OUT)/boot.scr
# A gzipped kernel too, for the tests of bootmem boot's Image.gz path.
OS_IMAGE_GZ := $(OS_OUT)/Image.gz
OS_DISK_FILES += $(RUN_SCRIPT) $(OS_IMAGE_GZ)

.PHONY: run
RUN_TOPOLOGY = --nodes "$(NODES)" --dist "$(DIST)"

RUN_DISK = $(if $(filter bootmem,$(BOOT)),$(OS_DISK),$(OS_OUT)/disk-$(BOOT).img)

run: deps
	@case "$(BOOT)" in efi|extlinux|script|bootmem) ;; \
	*) echo "run: BOOT=$(BOOT): one of efi, extlinux, script, bootmem" >&2; \
	   exit 2 ;; esac
	@/usr/bin/python3 scripts/run.py $(RUN_TOPOLOGY) --check >/dev/null
	@$(MAKE) --no-print-directory uboot os
	/usr/bin/python3 scripts/run.py --uboot $(UBOOT_BIN) --boot $(BOOT) \
		--disk $(RUN_DISK) $(RUN_TOPOLOGY) \
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
