# SPDX-License-Identifier: GPL-2.0+
#
# Fuzzing and soaking the library on the host (include after host.mk and
# dts.mk).
#
#   make fuzz        every test/fuzz/fuzz_*.c target under libFuzzer with
#                    ASan + UBSan, FUZZ_SECONDS each (default 30); prints
#                    executions per target. FUZZ_SECONDS=3600 for a long run.
#   make fuzz-replay every target over its corpus once, no mutation: a quick
#                    regression check of what fuzzing found before
#   make soak        SOAK_OPS random operations (default 10 million) on the
#                    library and the reference model, several topologies
#
# Seeds: for fuzz_fdt every tree dts/ builds, good and bad, and the trees in
# test/fuzz/corpus/fuzz_fdt/ that once failed; for fuzz_alloc the op
# streams in test/fuzz/corpus/fuzz_alloc/ (any bytes decode). New inputs go
# to $(BUILD)/fuzz/corpus/<target>/, crashes and hangs to
# $(BUILD)/fuzz/artifacts/, and a failing run prints its own on one line
# each (gzip, base64), so a failure on a machine that is gone (CI, make
# check-fresh) can be replayed with `$(BUILD)/fuzz/<target> FILE`.
# A failure worth keeping goes into test/fuzz/corpus/<target>/.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
FUZZ_OUT := $(BUILD)/fuzz
FUZZ_SRCS := $(wildcard test/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(notdir $(FUZZ_SRCS:.c=))
FUZZ_BINS := $(addprefix $(FUZZ_OUT)/,$(FUZZ_TARGETS))
# The engine, its topologies, the reference model and the host port are
# shared with the soak and the host tests; the host tests' own mains are
# not linked.
FUZZ_SUPPORT := test/fuzz/sim.c test/fuzz/topologies.c test/host/model.c \
	test/host/host_port.c
FUZZ_HDRS := $(wildcard test/fuzz/*.h) $(LIB_HDRS)
FUZZ_CFLAGS := -std=gnu11 -g -O1 $(HOST_WARN) -Iinclude -Ilib/bootmem \
	-Itest/host -Itest/fuzz $(shell pkg-config --cflags libfdt 2>/dev/null) \
	-DBOOTMEM_PORT_OWN_HEAP \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_LIBS := $(shell pkg-config --libs libfdt 2>/dev/null || echo -lfdt)
# libFuzzer options: stdout and stderr of the library closed (every bad
# tree is reported there), 10 s per input at most, a 2 GB memory cap.
FUZZ_OPTS := -close_fd_mask=3 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -max_len=65536

SOAK_OPS ?= 10000000
SOAK_BIN := $(BUILD)/soak/soak

.PHONY: fuzz fuzz-build fuzz-replay soak
fuzz-build: $(FUZZ_BINS)

$(FUZZ_OUT)/fuzz_%: test/fuzz/fuzz_%.c $(FUZZ_SUPPORT) $(LIB_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SUPPORT) $(LIB_SRCS) $(FUZZ_LIBS)

# fuzz_TARGET_seeds: the read-only seed directories of a target.
fuzz_fdt_seeds := $(DTB_OUT) test/fuzz/corpus/fuzz_fdt
fuzz_alloc_seeds := test/fuzz/corpus/fuzz_alloc

# Targets run one after another, or side by side under make -j.
fuzz: $(addprefix fuzz-run-,$(FUZZ_TARGETS))

fuzz-run-%: $(FUZZ_OUT)/% dtbs
	@mkdir -p $(FUZZ_OUT)/corpus/$* $(FUZZ_OUT)/artifacts
	@echo "fuzz: $* for $(FUZZ_SECONDS) s (log: $(FUZZ_OUT)/$*.log)"
	@touch $(FUZZ_OUT)/$*.start
	@$< $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FUZZ_OUT)/artifacts/$*- \
		$(FUZZ_OUT)/corpus/$* $($*_seeds) >$(FUZZ_OUT)/$*.log 2>&1 || { \
		tail -n 60 $(FUZZ_OUT)/$*.log; \
		for f in $$(find $(FUZZ_OUT)/artifacts -name '$*-*' \
				-newer $(FUZZ_OUT)/$*.start); do \
			echo "fuzz: $$f, gzip+base64 (base64 -d | gunzip > FILE):"; \
			gzip -9c "$$f" | base64 -w0; echo; \
		done; \
		echo "fuzz: $* FAILED"; exit 1; }
	@echo "fuzz: $*: $$(grep -oE 'Done [0-9]+ runs in [0-9]+ s' \
		$(FUZZ_OUT)/$*.log)econds," \
		"corpus $$(ls $(FUZZ_OUT)/corpus/$* | wc -l) inputs, no failure"

fuzz-replay: $(addprefix fuzz-replay-,$(FUZZ_TARGETS))

fuzz-replay-%: $(FUZZ_OUT)/% dtbs
	@mkdir -p $(FUZZ_OUT)/corpus/$*
	@$< -close_fd_mask=3 -runs=0 $(FUZZ_OUT)/corpus/$* $($*_seeds) \
		>$(FUZZ_OUT)/$*.replay.log 2>&1 || { \
		tail -n 60 $(FUZZ_OUT)/$*.replay.log; exit 1; }
	@echo "fuzz-replay: $*: $$(grep -oE 'Done [0-9]+ runs' \
		$(FUZZ_OUT)/$*.replay.log), no failure"

$(SOAK_BIN): test/soak/soak.c $(FUZZ_SUPPORT) $(LIB_SRCS) $(FUZZ_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_CFLAGS) -o $@ $< $(FUZZ_SUPPORT) $(LIB_SRCS) \
		$(HOST_LIBS)

soak: $(SOAK_BIN)
	$(SOAK_BIN) $(SOAK_OPS)
