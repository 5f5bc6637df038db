# SPDX-License-Identifier: GPL-2.0+
#
# U-Boot 2025.01 with bootmem for QEMU's virt machine, and for sandbox.
#
#   make uboot          fetch, patch, configure and build
#                       $(BUILD)/uboot/u-boot.bin
#   make uboot-sandbox  the same source as U-Boot's sandbox, a program that
#                       runs `ut bootmem` on the host:
#                       $(BUILD)/uboot-sandbox/u-boot
#   make uboot-qemu     boot it on a two-node NUMA machine (Ctrl-A x quits)
#   make uboot-menuconfig, uboot-clean
#
# The source is Debian's u-boot source package, unpacked with Debian's
# patches into $(UBOOT_SRC). The project's files are symlinked into that
# tree, so editing them rebuilds incrementally; what U-Boot's own files
# need is the series board/qemu-virt/patches/*.patch (git format-patch
# against Debian's tree), applied once.

# Debian's source package, as src:u-boot=VERSION@SUITE: the pinned version,
# or the current one in SUITE once the archive has dropped it (said in one
# line, recorded in $(VERSIONS_USED)).
UBOOT_PIN := src:u-boot=2025.01-3+deb13u1@trixie
UBOOT_DL := $(BUILD)/uboot-src
UBOOT_SRC := $(UBOOT_DL)/u-boot
UBOOT_OUT := $(BUILD)/uboot
UBOOT_BIN := $(UBOOT_OUT)/u-boot.bin
UBOOT_DEFCONFIG := qemu_arm64_defconfig
UBOOT_FRAGMENT := board/qemu-virt/bootmem.config
UBOOT_SANDBOX_OUT := $(BUILD)/uboot-sandbox
UBOOT_SANDBOX := $(UBOOT_SANDBOX_OUT)/u-boot
UBOOT_SANDBOX_FRAGMENT := test/uboot/sandbox.config
UBOOT_PATCHES := $(sort $(wildcard board/qemu-virt/patches/*.patch))
UBOOT_JOBS ?= $(shell nproc)
# Until cmd/bootmem.c exists, its object is left out of cmd/Makefile.
UBOOT_MAKE_IN = $(MAKE) -C $(UBOOT_SRC) O=$(1) \
	$(if $(wildcard cmd/bootmem.c),,CONFIG_CMD_BOOTMEM=)
UBOOT_MAKE = $(call UBOOT_MAKE_IN,$(UBOOT_OUT)) CROSS_COMPILE=$(CROSS_COMPILE)
# sandbox is built for the host (the top Makefile exports CROSS_COMPILE),
# without SDL (no display here).
UBOOT_SANDBOX_MAKE = $(call UBOOT_MAKE_IN,$(UBOOT_SANDBOX_OUT)) CROSS_COMPILE= \
	NO_SDL=1

# Project files linked into the tree: "project-path:tree-path" pairs.
# lib/bootmem/ is a real directory of links, as U-Boot's config check
# finds Kconfig files with a find(1) that does not follow symlinks.
UBOOT_LINKS := $(foreach f,$(wildcard lib/bootmem/*),$(CURDIR)/$(f):$(f)) \
	$(foreach f,$(wildcard include/bootmem*.h),$(CURDIR)/$(f):$(f)) \
	$(foreach f,$(wildcard cmd/bootmem*.c),$(CURDIR)/$(f):$(f)) \
	$(foreach f,$(wildcard common/*.c),$(CURDIR)/$(f):$(f)) \
	$(foreach f,$(wildcard board/qemu-virt/*.c),\
		$(CURDIR)/$(f):board/emulation/qemu-arm/$(notdir $(f))) \
	$(if $(wildcard test/uboot/Makefile),$(CURDIR)/test/uboot:test/bootmem)

.PHONY: uboot uboot-sandbox uboot-link uboot-menuconfig uboot-qemu uboot-clean

uboot: $(UBOOT_OUT)/.config uboot-link
	+$(UBOOT_MAKE) -j$(UBOOT_JOBS)
	@echo "U-Boot: $(UBOOT_BIN)"

uboot-sandbox: $(UBOOT_SANDBOX_OUT)/.config uboot-link
	+$(UBOOT_SANDBOX_MAKE) -j$(UBOOT_JOBS)
	@echo "U-Boot sandbox: $(UBOOT_SANDBOX)"

# Download once (apt checks every checksum), then re-extract and patch
# only when the pin or the patch series changes. Extraction touches every
# file, so that costs a full U-Boot rebuild.
$(UBOOT_DL)/.prepared: scripts/fetch-uboot.sh $(UBOOT_DL)/.pin $(UBOOT_PATCHES) \
		| build-owner
	scripts/fetch-uboot.sh $(BUILD)/apt $(UBOOT_PIN) $(UBOOT_DL) $(VERSIONS_USED)
	for p in $(UBOOT_PATCHES); do \
		patch -d $(UBOOT_SRC) -p1 -s --no-backup-if-mismatch <$$p || exit 1; \
	done
	touch $@

$(UBOOT_DL)/.pin: FORCE
	@mkdir -p $(@D)
	@echo "$(UBOOT_PIN)" | cmp -s - $@ || echo "$(UBOOT_PIN)" >$@

# Links are cheap to refresh; a dangling one (a project file was removed)
# would break the build, so those go first.
uboot-link: $(UBOOT_DL)/.prepared
	@[ ! -L $(UBOOT_SRC)/lib/bootmem ] || rm $(UBOOT_SRC)/lib/bootmem
	@mkdir -p $(UBOOT_SRC)/lib/bootmem
	@find $(UBOOT_SRC)/lib/bootmem $(UBOOT_SRC)/include $(UBOOT_SRC)/cmd \
		$(UBOOT_SRC)/common \
		$(UBOOT_SRC)/test $(UBOOT_SRC)/board/emulation/qemu-arm \
		-maxdepth 1 -xtype l -delete
	@$(foreach l,$(UBOOT_LINKS),\
		ln -sfn $(firstword $(subst :, ,$(l))) \
			$(UBOOT_SRC)/$(lastword $(subst :, ,$(l)));)

# $(call uboot_config,MAKE,DEFCONFIG,FRAGMENT) writes $@: DEFCONFIG plus
# FRAGMENT; a value the fragment asks for that Kconfig drops (a typo, an
# unmet dependency) stops the build.
define uboot_config
	+$(1) -s $(2)
	cd $(UBOOT_SRC) && scripts/kconfig/merge_config.sh -m -O $(@D) \
		$@ $(CURDIR)/$(3) >/dev/null
	+$(1) -s olddefconfig
	@grep -E '^(CONFIG_|# CONFIG_.* is not set)' $(3) | while read -r want; do \
		grep -qxF "$$want" $@ || { \
			echo "$(3): $$want did not take" >&2; \
			rm -f $@; exit 1; }; \
	done
endef

# The links go first: U-Boot's Kconfig sources lib/bootmem/Kconfig.
$(UBOOT_OUT)/.config: $(UBOOT_DL)/.prepared $(UBOOT_FRAGMENT) lib/bootmem/Kconfig \
		| uboot-link
	$(call uboot_config,$(UBOOT_MAKE),$(UBOOT_DEFCONFIG),$(UBOOT_FRAGMENT))

$(UBOOT_SANDBOX_OUT)/.config: $(UBOOT_DL)/.prepared $(UBOOT_SANDBOX_FRAGMENT) \
		lib/bootmem/Kconfig | uboot-link
	$(call uboot_config,$(UBOOT_SANDBOX_MAKE),sandbox_defconfig,$(UBOOT_SANDBOX_FRAGMENT))

uboot-menuconfig: $(UBOOT_OUT)/.config uboot-link
	+$(UBOOT_MAKE) menuconfig

# Interactive: two nodes of 1 GiB, two CPUs each.
uboot-qemu: uboot
	qemu-system-aarch64 -M virt -cpu max -nographic -nic none \
		-bios $(UBOOT_BIN) \
		-smp 4 -m 2G \
		-object memory-backend-ram,id=m0,size=1G \
		-object memory-backend-ram,id=m1,size=1G \
		-numa node,nodeid=0,cpus=0-1,memdev=m0 \
		-numa node,nodeid=1,cpus=2-3,memdev=m1

uboot-clean:
	rm -rf $(UBOOT_OUT) $(UBOOT_SANDBOX_OUT)
