# SPDX-License-Identifier: GPL-2.0+
#
# make lint: static checks of every project C file (include after host.mk
# and uboot.mk). Each tool must report nothing.
#
#   cppcheck     lib/bootmem, the host test support, fuzzers and soak
#                (suppressions, each with its reason: scripts/cppcheck.suppress)
#   clang-tidy   lib/bootmem, fuzzers and soak (checks and exclusions:
#                .clang-tidy)
#   checkpatch   U-Boot's scripts/checkpatch.pl with U-Boot's own options,
#                on lib/bootmem, include, common, cmd, board/qemu-virt,
#                test/uboot; needs the U-Boot source, fetched if missing
#   warnings     the library with -Wall -Wextra -Werror under gcc and clang
#
# common/, cmd/, board/ and test/uboot/ need U-Boot's headers: they get
# checkpatch here; the compiler checks them in `make uboot` (see README).

LINT_OUT := $(BUILD)/lint
LINT_C := $(LIB_SRCS) test/host/model.c test/host/host_port.c \
	$(wildcard test/fuzz/*.c test/soak/*.c)
# clang-tidy: the library and this project's fuzz and soak programs. The
# host tests' helpers print u64 through (unsigned long long)(a * b) casts,
# which bugprone-misplaced-widening-cast flags on LP64 hosts only.
TIDY_C := $(LIB_SRCS) $(wildcard test/fuzz/*.c test/soak/*.c)
LINT_INC := -Iinclude -Ilib/bootmem -Itest/host -Itest/fuzz
CHECKPATCH_FILES := $(wildcard lib/bootmem/*.c lib/bootmem/*.h include/*.h common/*.c \
	cmd/*.c cmd/*.h board/qemu-virt/*.c board/qemu-virt/*.h \
	test/fuzz/sim.* test/soak/*.c)
CHECKPATCH_UT := $(wildcard test/uboot/*.c test/uboot/*.h)
# U-Boot's .checkpatch.conf (read only from the U-Boot tree), plus:
#   BIT_MACRO, PREFER_KERNEL_TYPES: the library builds on the host too,
#	where BIT() does not exist and bootmem_port.h defines u64 and friends
#	from <stdint.h>;
#   MACRO_ARG_REUSE: for_each_*() iterators use their cursor repeatedly,
#	as Linux's do;
#   CMD_TEST: a reminder on every U_BOOT_CMD; the commands are tested in
#	test/uboot and test/qemu;
#   PREFER_IF: #ifdef stays where the symbol only exists when configured
#	(CONFIG_SYS_LONGHELP help text, gd->bloblist);
#   LIVETREE: bootmem reads the flat tree by design, before driver model
#	and on the host;
#   DEFINE_CONFIG_SYM: bootmem_port.h gives the host builds, which have no
#	Kconfig, the defaults of bootmem's CONFIG_BOOTMEM_MAX_* symbols.
CHECKPATCH_OPTS := --no-tree --strict --u-boot --min-conf-desc-length=2 \
	--ignore COMPLEX_MACRO,MULTISTATEMENT_MACRO_USE_DO_WHILE \
	--ignore CONSIDER_KSTRTO,MINMAX,USLEEP_RANGE,ENOSYS \
	--ignore NETWORKING_BLOCK_COMMENT_STYLE,PREFER_ETHER_ADDR_COPY \
	--ignore BIT_MACRO,PREFER_KERNEL_TYPES,MACRO_ARG_REUSE,CMD_TEST \
	--ignore PREFER_IF,LIVETREE,DEFINE_CONFIG_SYM \
	--quiet --terse --show-types --no-summary

.PHONY: lint lint-cppcheck lint-clang-tidy lint-checkpatch lint-warnings
lint: lint-warnings lint-cppcheck lint-clang-tidy lint-checkpatch
	@echo "lint: clean"

lint-cppcheck:
	@echo "lint: cppcheck"
	@cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
		--enable=warning,style,performance,portability \
		--suppressions-list=scripts/cppcheck.suppress \
		$(LINT_INC) $(LINT_C)

# One file per run: clang-tidy 14 given several files at once reports a
# va_list as uninitialised in the second (clang-analyzer-valist), which it
# does not for the same file alone.
lint-clang-tidy:
	@echo "lint: clang-tidy"
	@for f in $(TIDY_C); do \
		clang-tidy --quiet $$f -- -std=gnu11 $(LINT_INC) \
			$(shell pkg-config --cflags libfdt 2>/dev/null) 2>&1 | \
			grep -v 'warnings generated\.$$'; \
	done | { ! grep .; }

# The fuzzers' entry point is named by libFuzzer: CamelCase is allowed there.
# The command's ut tests quote whole console lines in their tables of
# expected output, which are clearer unbroken.
lint-checkpatch: $(UBOOT_DL)/.prepared
	@echo "lint: checkpatch"
	@{ $(UBOOT_BASE)/scripts/checkpatch.pl $(CHECKPATCH_OPTS) \
		-f $(CHECKPATCH_FILES); \
	  $(UBOOT_BASE)/scripts/checkpatch.pl $(CHECKPATCH_OPTS) \
		--ignore LONG_LINE,LONG_LINE_STRING -f $(CHECKPATCH_UT); \
	  $(UBOOT_BASE)/scripts/checkpatch.pl $(CHECKPATCH_OPTS) \
		--ignore CAMELCASE -f $(wildcard test/fuzz/fuzz_*.c); } | \
		{ ! grep .; }

# The library alone, as U-Boot would compile it but on the host, with
# both compilers; U-Boot's own build is checked by `make uboot`.
lint-warnings:
	@echo "lint: -Wall -Wextra -Werror (gcc, clang)"
	@mkdir -p $(LINT_OUT)
	@for cc in gcc clang; do \
		for f in $(LIB_SRCS); do \
			$$cc $(HOST_CFLAGS) -c -o $(LINT_OUT)/$$cc-$$(basename $$f .c).o \
				$$f || exit 1; \
		done; \
	done
