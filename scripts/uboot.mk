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
#   make patches        the U-Boot side of bootmem as a git format-patch
#                       series against the base: $(PATCHES_OUT)/
#   make check-patches  the series applied with git am onto a pristine
#                       base, built and checked patch by patch
#                       (scripts/check-patches.sh)
#
# The base is Debian's u-boot source package, unpacked with Debian's
# patches into the git repository $(UBOOT_BASE) (commit tagged 'base').
# What U-Boot gets from bootmem is the series board/qemu-virt/series
# generates from the project's files (scripts/uboot-series.py), and what
# is built is that series applied with git am: $(UBOOT_SRC) is a git
# worktree checked out at it. A checkout rewrites only the files that
# changed, so editing a project file rebuilds incrementally.

# Debian's source package, as src:u-boot=VERSION@SUITE: the pinned version,
# or the current one in SUITE once the archive has dropped it (said in one
# line, recorded in $(VERSIONS_USED)).
UBOOT_PIN := src:u-boot=2025.01-3+deb13u1@trixie
UBOOT_DL := $(BUILD)/uboot-src
UBOOT_BASE := $(UBOOT_DL)/base
UBOOT_SERIES_WT := $(UBOOT_DL)/series
UBOOT_SRC := $(UBOOT_DL)/u-boot
UBOOT_SERIES := board/qemu-virt/series
UBOOT_COVER := board/qemu-virt/cover-letter
PATCHES_OUT := $(BUILD)/patches
UBOOT_OUT := $(BUILD)/uboot
UBOOT_BIN := $(UBOOT_OUT)/u-boot.bin
UBOOT_DEFCONFIG := qemu_arm64_defconfig
UBOOT_FRAGMENT := board/qemu-virt/bootmem.config
UBOOT_SANDBOX_OUT := $(BUILD)/uboot-sandbox
UBOOT_SANDBOX := $(UBOOT_SANDBOX_OUT)/u-boot
UBOOT_SANDBOX_FRAGMENT := test/uboot/sandbox.config
# (Python comes with make deps: until then, the list is not needed.)
UBOOT_SERIES_INPUTS := $(UBOOT_SERIES) $(UBOOT_COVER) scripts/uboot-series.py \
	$(wildcard board/qemu-virt/patches/*.patch) \
	$(shell [ ! -x /usr/bin/python3 ] || \
		/usr/bin/python3 scripts/uboot-series.py files $(UBOOT_SERIES))
UBOOT_JOBS ?= $(shell nproc)
UBOOT_MAKE_IN = $(MAKE) -C $(UBOOT_SRC) O=$(1)
UBOOT_MAKE = $(call UBOOT_MAKE_IN,$(UBOOT_OUT)) CROSS_COMPILE=$(CROSS_COMPILE)
# sandbox is built for the host (the top Makefile exports CROSS_COMPILE),
# without SDL (no display here).
UBOOT_SANDBOX_MAKE = $(call UBOOT_MAKE_IN,$(UBOOT_SANDBOX_OUT)) CROSS_COMPILE= \
	NO_SDL=1

.PHONY: uboot uboot-sandbox uboot-tree uboot-menuconfig uboot-qemu uboot-clean \
	patches check-patches

uboot: $(UBOOT_OUT)/.config uboot-tree
	+$(UBOOT_MAKE) -j$(UBOOT_JOBS)
	@echo "U-Boot: $(UBOOT_BIN)"

uboot-sandbox: $(UBOOT_SANDBOX_OUT)/.config uboot-tree
	+$(UBOOT_SANDBOX_MAKE) -j$(UBOOT_JOBS)
	@echo "U-Boot sandbox: $(UBOOT_SANDBOX)"

# Download and unpack once (apt checks every checksum); again only when
# the pin changes.
$(UBOOT_DL)/.prepared: scripts/fetch-uboot.sh $(UBOOT_DL)/.pin | build-owner
	scripts/fetch-uboot.sh $(BUILD)/apt $(UBOOT_PIN) $(UBOOT_DL) $(VERSIONS_USED)
	touch $@

$(UBOOT_DL)/.pin: FORCE
	@mkdir -p $(@D)
	@echo "$(UBOOT_PIN)" | cmp -s - $@ || echo "$(UBOOT_PIN)" >$@

# The base's worktrees hold absolute paths: a copied or renamed checkout
# repairs them before use.
UBOOT_WORKTREES = git -C $(UBOOT_BASE) worktree prune && \
	git -C $(UBOOT_BASE) worktree repair $(wildcard $(UBOOT_SERIES_WT) $(UBOOT_SRC))

# The series, regenerated when any of its inputs changes; the branch
# 'series' of the base is the series applied with git am.
patches: $(UBOOT_DL)/.series
$(UBOOT_DL)/.series: $(UBOOT_DL)/.prepared $(UBOOT_SERIES_INPUTS)
	@$(UBOOT_WORKTREES)
	@[ -d $(UBOOT_SERIES_WT) ] || \
		git -C $(UBOOT_BASE) worktree add -q --detach $(UBOOT_SERIES_WT) base
	/usr/bin/python3 scripts/uboot-series.py generate $(UBOOT_SERIES) \
		$(UBOOT_COVER) $(UBOOT_SERIES_WT) $(PATCHES_OUT)
	@touch $@

# The tree U-Boot is built from: the series applied.
uboot-tree: $(UBOOT_DL)/.series
	@$(UBOOT_WORKTREES)
	@[ -d $(UBOOT_SRC) ] || \
		git -C $(UBOOT_BASE) worktree add -q --detach $(UBOOT_SRC) series
	@git -C $(UBOOT_SRC) checkout -q -f --detach series

# The last patch is what make uboot and make uboot-sandbox build: their
# builds stand for it once check-patches.sh has seen the same tree.
check-patches: $(UBOOT_DL)/.series uboot uboot-sandbox
	@CHECK_PATCHES_BUILT_FROM=$(UBOOT_SRC) scripts/check-patches.sh \
		$(UBOOT_BASE) $(PATCHES_OUT) $(BUILD)/check-patches \
		$(UBOOT_DEFCONFIG):$(UBOOT_FRAGMENT):$(UBOOT_OUT) \
		sandbox_defconfig:$(UBOOT_SANDBOX_FRAGMENT):$(UBOOT_SANDBOX_OUT)

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

# Kconfig files may change with the series.
$(UBOOT_OUT)/.config: $(UBOOT_DL)/.series $(UBOOT_FRAGMENT) | uboot-tree
	$(call uboot_config,$(UBOOT_MAKE),$(UBOOT_DEFCONFIG),$(UBOOT_FRAGMENT))

$(UBOOT_SANDBOX_OUT)/.config: $(UBOOT_DL)/.series $(UBOOT_SANDBOX_FRAGMENT) \
		| uboot-tree
	$(call uboot_config,$(UBOOT_SANDBOX_MAKE),sandbox_defconfig,$(UBOOT_SANDBOX_FRAGMENT))

uboot-menuconfig: $(UBOOT_OUT)/.config uboot-tree
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
