# SPDX-License-Identifier: GPL-2.0+
#
# bootmem: a single-bitmap NUMA boot memory allocator for U-Boot on ARM64.
#
#   make run     build U-Boot with bootmem, boot QEMU -M virt with NUMA nodes,
#                let bootmem place and boot Linux
#   make test    host unit tests, lint, short fuzz and soak runs, U-Boot and
#                QEMU tests; ends "N passed, N failed"
#   make check-fresh
#                both, from a clone of HEAD, on a minimal Debian 12 root
#
# Both install the Debian packages they need and fetch what they need into
# $(BUILD), which is never committed.

BUILD ?= $(CURDIR)/build
CROSS_COMPILE ?= aarch64-linux-gnu-
HOSTCC ?= cc

# The Debian package versions the downloads actually used (see
# scripts/apt-pin.sh).
VERSIONS_USED := $(BUILD)/versions-used

export BUILD CROSS_COMPILE

.PHONY: all deps test run check-fresh clean distclean
all: host-tests

deps:
	@scripts/install-deps.sh

include scripts/host.mk
include scripts/dts.mk
include scripts/uboot.mk
include scripts/fuzz.mk
include scripts/lint.mk
include scripts/os.mk
include scripts/run.mk
include scripts/bench.mk

# A sub-make, so that what deps installs is there when the rules are read.
test: deps
	@$(MAKE) --no-print-directory host-tests uboot uboot-sandbox os \
		fuzz-build $(SOAK_BIN)
	@test/run-tests.sh

# The two commands above on a minimal Debian 12 (debootstrap) with nothing
# installed: scripts/check-fresh.sh. Ends "N passed, N failed" too.
check-fresh:
	@scripts/check-fresh.sh

clean:
	rm -rf $(BUILD)/host

# U-Boot's tree and objects in $(BUILD) are bound to this checkout's path:
# before anything touches them, a copied or moved checkout drops its U-Boot
# objects, and another checkout's build/ (a symlink) is refused.
.PHONY: build-owner
build-owner:
	@scripts/build-owner.sh $(BUILD) $(CURDIR) $(UBOOT_OUT)

# A prerequisite that is always remade: for stamps that compare a value.
.PHONY: FORCE
FORCE:

distclean:
	rm -rf $(BUILD)
