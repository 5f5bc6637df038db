# SPDX-License-Identifier: GPL-2.0+
#
# Benchmarks: bootmem against U-Boot's LMB (2025.01 and 2023.01) and
# reference bitmaps on the same workloads (bench/RESULTS.md says which).
#
#   make bench          time every workload (median of repeats), count
#                       instructions under callgrind, time U-Boot to its
#                       prompt with and without bootmem, write
#                       bench/RESULTS.md and the plots, all in one run
#   make bench-instr    instructions per operation only (callgrind)
#   make bench-profile  where bootmem's instructions go on single pages
#                       and the boot traces, function by function
#                       (callgrind), in $(BENCH_OUT)/profile.txt; make
#                       bench includes it in RESULTS.md
#   make bench-trace    boot Linux in QEMU again and rewrite the committed
#                       boot traces in bench/traces/
#   make bench-stock    what Debian 13's prebuilt U-Boot (u-boot-qemu
#                       2025.01) does on QEMU with and without NUMA, next
#                       to ours: a measurement, never a pass/fail test
#
# LMB is U-Boot's own lib/lmb.c (and 2025.01's lib/alist.c), taken from
# Debian's source packages by bench/fetch-lmb.sh and built for the host:
# 2023.01 twice (8 regions, the default, and 1024), 2025.01 once.

BENCH_OUT := $(BUILD)/bench
BENCH_BIN := $(BENCH_OUT)/bench
BENCH_REPEATS ?= 5
# Alternating QEMU boots of U-Boot with and without bootmem, each.
BENCH_UBOOT_RUNS ?= 21
# bootmem's heap is bench/port.c's, which counts it.
BENCH_CFLAGS := -std=gnu11 -O2 -g $(HOST_WARN) -Iinclude -Ilib/bootmem \
	-DBOOTMEM_PORT_OWN_HEAP $(shell pkg-config --cflags libfdt 2>/dev/null)
BENCH_SRCS := $(filter-out bench/alloc_lmb.c,$(wildcard bench/*.c))
BENCH_HDRS := $(wildcard bench/*.h include/*.h lib/bootmem/*.h)
BENCH_LIBS := $(shell pkg-config --libs libfdt 2>/dev/null || echo -lfdt)
BENCH_LIB_OBJS := $(patsubst lib/bootmem/%.c,$(BENCH_OUT)/lib/%.o,$(LIB_SRCS))

BENCH_LMB_DIR := $(BENCH_OUT)/lmb
BENCH_LMB2023 := 2023.01+dfsg-2+deb12u3
BENCH_LMB2025 := 2025.01-3+deb13u1
BENCH_LMB2023_REGIONS := 8 1024
BENCH_LMB_OBJS := $(foreach n,$(BENCH_LMB2023_REGIONS),$(BENCH_OUT)/lmb2023_$(n).o) \
	$(BENCH_OUT)/lmb2025.o
BENCH_SHIM := $(wildcard bench/lmb-shim/*.h bench/lmb-shim/*/*.h bench/lmb-shim/*/*/*.h)
# U-Boot's lmb.h (and alist.h), found after the shim headers and the system's.
BENCH_LMB2023_CFLAGS = -std=gnu11 -O2 -g -D__KERNEL__ \
	-DCONFIG_LMB_USE_MAX_REGIONS=1 -DCONFIG_LMB_MAX_REGIONS=$* \
	-Ibench/lmb-shim -idirafter $(BENCH_LMB_DIR)/$(BENCH_LMB2023)/include
BENCH_LMB2025_CFLAGS = -std=gnu11 -O2 -g -D__KERNEL__ -DCONFIG_UNIT_TEST=1 \
	-include bench/lmb-shim/2025/config.h -Ibench/lmb-shim/2025 \
	-Ibench/lmb-shim -idirafter $(BENCH_LMB_DIR)/$(BENCH_LMB2025)/include
BENCH_TRACES := $(wildcard bench/traces/*.trace)
PYTHON3 := /usr/bin/python3

.PHONY: bench bench-instr bench-profile bench-trace bench-bin bench-stock

bench-bin: $(BENCH_BIN)

$(BENCH_BIN): $(BENCH_SRCS) $(BENCH_HDRS) $(BENCH_LIB_OBJS) $(BENCH_LMB_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRCS) $(BENCH_LIB_OBJS) \
		$(BENCH_LMB_OBJS) $(BENCH_LIBS)

# The library as objects of its own, so that its static data can be
# measured (BENCH_LIB_STATIC below).
$(BENCH_OUT)/lib/%.o: lib/bootmem/%.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(BENCH_CFLAGS) -c $< -o $@

# Bytes of the library's writable static data (.data and .bss symbols).
BENCH_LIB_STATIC = $$(nm -S -t d $(BENCH_LIB_OBJS) | \
	awk '$$3 ~ /^[bBdD]$$/ { n += $$2 } END { print n + 0 }')

# Fetched once; not an intermediate file for make to delete.
.PRECIOUS: $(BENCH_LMB_DIR)/%/.done
$(BENCH_LMB_DIR)/%/.done: bench/fetch-lmb.sh
	bench/fetch-lmb.sh $(BENCH_OUT)/apt $(BENCH_LMB_DIR) $*

# One relocatable object per LMB: the wrapper and U-Boot's files linked
# together, every symbol but the wrapper's ops made local so that the
# copies do not clash.
$(BENCH_OUT)/lmb2023_%.o: bench/alloc_lmb.c bench/bench.h $(BENCH_SHIM) \
		$(BENCH_LMB_DIR)/$(BENCH_LMB2023)/.done
	@mkdir -p $(@D)/lmb2023_$*
	$(HOSTCC) $(BENCH_LMB2023_CFLAGS) -w \
		-c $(BENCH_LMB_DIR)/$(BENCH_LMB2023)/lib/lmb.c -o $(@D)/lmb2023_$*/lmb.o
	$(HOSTCC) $(BENCH_LMB2023_CFLAGS) $(HOST_WARN) -DLMB_OPS=bench_lmb2023_$* \
		-c bench/alloc_lmb.c -o $(@D)/lmb2023_$*/alloc.o
	ld -r -o $@ $(@D)/lmb2023_$*/alloc.o $(@D)/lmb2023_$*/lmb.o
	objcopy --keep-global-symbol=bench_lmb2023_$* $@

$(BENCH_OUT)/lmb2025.o: bench/alloc_lmb.c bench/bench.h $(BENCH_SHIM) \
		$(BENCH_LMB_DIR)/$(BENCH_LMB2025)/.done
	@mkdir -p $(@D)/lmb2025
	for f in lmb alist; do \
		$(HOSTCC) $(BENCH_LMB2025_CFLAGS) -w \
			-c $(BENCH_LMB_DIR)/$(BENCH_LMB2025)/lib/$$f.c \
			-o $(@D)/lmb2025/$$f.o || exit 1; done
	$(HOSTCC) $(BENCH_LMB2025_CFLAGS) $(HOST_WARN) -DLMB_2025 \
		-DLMB_OPS=bench_lmb2025 -c bench/alloc_lmb.c -o $(@D)/lmb2025/alloc.o
	ld -r -o $@ $(@D)/lmb2025/alloc.o $(@D)/lmb2025/lmb.o $(@D)/lmb2025/alist.o
	objcopy --keep-global-symbol=bench_lmb2025 $@

# Under callgrind every measured section is one dump, named after it; the
# native run's times, where there is one, say which cases would take too
# long.
BENCH_CALLGRIND = rm -rf $(BENCH_OUT)/callgrind && mkdir -p $(BENCH_OUT)/callgrind && \
	BENCH_LIB_STATIC=$(BENCH_LIB_STATIC) \
	$(if $(BENCH_NATIVE),BENCH_NATIVE=$(BENCH_NATIVE)) \
	valgrind --tool=callgrind -q --dump-instr=no --compress-strings=no \
		--callgrind-out-file=$(BENCH_OUT)/callgrind/out.%p \
		$(BENCH_BIN) >$(BENCH_OUT)/callgrind.log

# The same U-Boot without bootmem, to time start to prompt against: the
# same source, defconfig and fragment, but CONFIG_BOOTMEM off (its command
# and unit tests go with it) and no board_early_init_r(), which exists
# only for the board's bootmem allocations.
BENCH_NOBM_OUT := $(BENCH_OUT)/uboot-nobootmem
BENCH_NOBM_BIN := $(BENCH_NOBM_OUT)/u-boot.bin
BENCH_NOBM_FRAGMENT := $(BENCH_OUT)/nobootmem.config
BENCH_NOBM_MAKE = $(call UBOOT_MAKE_IN,$(BENCH_NOBM_OUT)) CROSS_COMPILE=$(CROSS_COMPILE)

$(BENCH_NOBM_FRAGMENT): $(UBOOT_FRAGMENT) scripts/bench.mk
	@mkdir -p $(@D)
	{ grep -vE '^CONFIG_((CMD_|UT_)?BOOTMEM|BOARD_EARLY_INIT_R)=' $<; \
	  echo '# CONFIG_BOOTMEM is not set'; } >$@.tmp
	mv $@.tmp $@

# uboot_config takes the fragment relative to this directory.
$(BENCH_NOBM_OUT)/.config: $(UBOOT_DL)/.series $(BENCH_NOBM_FRAGMENT) \
		| uboot-tree
	@mkdir -p $(@D)
	$(call uboot_config,$(BENCH_NOBM_MAKE),$(UBOOT_DEFCONFIG),$(shell \
		realpath -m --relative-to=$(CURDIR) $(BENCH_NOBM_FRAGMENT)))

.PHONY: bench-uboot-nobootmem
bench-uboot-nobootmem: $(BENCH_NOBM_OUT)/.config uboot-tree
	+$(BENCH_NOBM_MAKE) -j$(UBOOT_JOBS)

# U-Boot's start-up is timed with and without bootmem, so both are built
# first.
bench: BENCH_NATIVE = $(BENCH_OUT)/time.tsv
bench: deps uboot bench-uboot-nobootmem $(BENCH_BIN)
	uptime >$(BENCH_OUT)/load.txt
	BENCH_LIB_STATIC=$(BENCH_LIB_STATIC) BENCH_OUT=$(BENCH_OUT)/time.tsv \
		$(BENCH_BIN) -r $(BENCH_REPEATS)
	$(BENCH_CALLGRIND)
	$(BENCH_PROFILE)
	rm -f $(BENCH_OUT)/uboot.md
	$(PYTHON3) bench/uboot-boot.py $(UBOOT_BIN) $(BENCH_NOBM_BIN) \
		$(BENCH_OUT)/uboot.md $(BENCH_UBOOT_RUNS)
	uptime >>$(BENCH_OUT)/load.txt
	$(PYTHON3) bench/report.py $(BENCH_OUT) bench

bench-instr: deps $(BENCH_BIN)
	$(BENCH_CALLGRIND)
	$(PYTHON3) bench/report.py --instr-only $(BENCH_OUT) bench

# Instructions per operation, function by function (inclusive and self),
# of bootmem on the single-page and the boot-trace workloads (callgrind).
BENCH_PROFILE = rm -rf $(BENCH_OUT)/profile && mkdir -p $(BENCH_OUT)/profile && \
	valgrind --tool=callgrind -q --dump-instr=no --compress-strings=no \
		--callgrind-out-file=$(BENCH_OUT)/profile/out.%p \
		$(BENCH_BIN) -a bootmem page trace >/dev/null && \
	$(PYTHON3) bench/profile.py $(BENCH_OUT)/profile 2 >$(BENCH_OUT)/profile.txt

bench-profile: deps $(BENCH_BIN)
	$(BENCH_PROFILE)
	cat $(BENCH_OUT)/profile.txt

bench-trace: $(OS_INITRD)
	$(PYTHON3) bench/trace-boot.py --image $(OS_IMAGE) --initrd $(OS_INITRD) \
		--log-dir $(BENCH_OUT) bench/traces

# Debian 13's U-Boot for QEMU: an arch-all .deb, unpacked, not installed.
# The pin falls back to trixie's current version once Debian replaces it.
STOCK_PIN := u-boot-qemu=2025.01-3+deb13u1@trixie
STOCK_OUT := $(BUILD)/stock
STOCK_UBOOT_BIN := $(STOCK_OUT)/u-boot.bin

$(STOCK_UBOOT_BIN): scripts/bench.mk
	@mkdir -p $(STOCK_OUT)
	cd $(STOCK_OUT) && \
	spec=$$($(CURDIR)/scripts/apt-pin.sh -u $(BUILD)/apt $(STOCK_PIN)) && \
	$(CURDIR)/scripts/apt-private.sh $(BUILD)/apt apt-get -q download $$spec && \
	dpkg-deb --fsys-tarfile $${spec%%=*}_$${spec#*=}_all.deb | \
		tar -x -O ./usr/lib/u-boot/qemu_arm64/u-boot.bin >u-boot.bin.tmp && \
	mv u-boot.bin.tmp u-boot.bin

bench-stock: deps $(STOCK_UBOOT_BIN)
	@$(MAKE) --no-print-directory uboot os
	$(PYTHON3) bench/stock-uboot.py --disk $(OS_DISK) \
		debian-13=$(STOCK_UBOOT_BIN) ours=$(UBOOT_BIN)
