# SPDX-License-Identifier: GPL-2.0+
#
# Benchmarks: bootmem against U-Boot 2023.01's LMB and two reference
# bitmaps on the same workloads (bench/README in bench/RESULTS.md).
#
#   make bench          time every workload (median of repeats), count
#                       instructions under callgrind, write bench/RESULTS.md
#                       and the plots bench/*.png
#   make bench-instr    instructions per operation only (callgrind)
#   make bench-trace    boot Linux in QEMU again and rewrite the committed
#                       boot traces in bench/traces/
#   make bench-stock    what Debian 13's prebuilt U-Boot (u-boot-qemu
#                       2025.01) does on QEMU with and without NUMA, next
#                       to ours: a measurement, never a pass/fail test
#
# LMB is U-Boot's own lib/lmb.c, built for the host twice (8 regions, the
# default, and 1024) from the source `make uboot` fetches.

BENCH_OUT := $(BUILD)/bench
BENCH_BIN := $(BENCH_OUT)/bench
BENCH_REPEATS ?= 5
BENCH_CFLAGS := -std=gnu11 -O2 -g $(HOST_WARN) -Iinclude -Ilib/bootmem \
	$(shell pkg-config --cflags libfdt 2>/dev/null)
BENCH_SRCS := $(filter-out bench/alloc_lmb.c,$(wildcard bench/*.c))
BENCH_HDRS := $(wildcard bench/*.h include/*.h lib/bootmem/*.h)
BENCH_LIBS := $(shell pkg-config --libs libfdt 2>/dev/null || echo -lfdt)
BENCH_LMB_REGIONS := 8 1024
BENCH_LMB_OBJS := $(foreach n,$(BENCH_LMB_REGIONS),$(BENCH_OUT)/lmb$(n).o)
# U-Boot's lmb.h, found after the shim headers and the system's.
BENCH_LMB_CFLAGS = -std=gnu11 -O2 -g -D__KERNEL__ \
	-DCONFIG_LMB_USE_MAX_REGIONS=1 -DCONFIG_LMB_MAX_REGIONS=$* \
	-Ibench/lmb-shim -idirafter $(UBOOT_BASE)/include
BENCH_TRACES := $(wildcard bench/traces/*.trace)
PYTHON3 := /usr/bin/python3

.PHONY: bench bench-instr bench-trace bench-bin bench-stock

bench-bin: $(BENCH_BIN)

$(BENCH_BIN): $(BENCH_SRCS) $(BENCH_HDRS) $(LIB_SRCS) $(BENCH_LMB_OBJS)
	@mkdir -p $(@D)
	$(HOSTCC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRCS) $(LIB_SRCS) \
		$(BENCH_LMB_OBJS) $(BENCH_LIBS)

# One relocatable object per region count: the wrapper and lmb.c linked
# together, every symbol but the wrapper's ops made local so that the two
# copies do not clash.
$(BENCH_OUT)/lmb%.o: bench/alloc_lmb.c bench/bench.h $(wildcard bench/lmb-shim/*.h bench/lmb-shim/asm/*.h) \
		| $(UBOOT_DL)/.prepared
	@mkdir -p $(@D)
	$(HOSTCC) $(BENCH_LMB_CFLAGS) -w -c $(UBOOT_BASE)/lib/lmb.c -o $(@D)/uboot-lmb$*.o
	$(HOSTCC) $(BENCH_LMB_CFLAGS) $(HOST_WARN) -DLMB_OPS=bench_lmb$* \
		-c bench/alloc_lmb.c -o $(@D)/alloc-lmb$*.o
	ld -r -o $@ $(@D)/alloc-lmb$*.o $(@D)/uboot-lmb$*.o
	objcopy --keep-global-symbol=bench_lmb$* $@

# Under callgrind every measured section is one dump, named after it.
BENCH_CALLGRIND = rm -rf $(BENCH_OUT)/callgrind && mkdir -p $(BENCH_OUT)/callgrind && \
	valgrind --tool=callgrind -q --dump-instr=no --compress-strings=no \
		--callgrind-out-file=$(BENCH_OUT)/callgrind/out.%p \
		$(BENCH_BIN) >$(BENCH_OUT)/callgrind.log
UBOOT_STOCK := /usr/lib/u-boot/qemu_arm64/u-boot.bin

# U-Boot's start-up is timed against Debian's prebuilt u-boot-qemu, which
# deps installs, so ours is built first.
bench: deps uboot $(BENCH_BIN)
	BENCH_OUT=$(BENCH_OUT)/time.tsv $(BENCH_BIN) -r $(BENCH_REPEATS)
	$(BENCH_CALLGRIND)
	rm -f $(BENCH_OUT)/uboot.md
	if [ -f $(UBOOT_BIN) ] && [ -f $(UBOOT_STOCK) ]; then \
		$(PYTHON3) bench/uboot-boot.py $(UBOOT_BIN) $(UBOOT_STOCK) \
			$(BENCH_OUT)/uboot.md 11; fi
	$(PYTHON3) bench/report.py $(BENCH_OUT) bench

bench-instr: deps $(BENCH_BIN)
	$(BENCH_CALLGRIND)
	$(PYTHON3) bench/report.py --instr-only $(BENCH_OUT) bench

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
