#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Run every test suite that `make test` built: the host cmocka programs,
# plain and under ASan + UBSan; lint; a short soak and short fuzz runs
# (SOAK_OPS, FUZZ_SECONDS); `ut bootmem` and `ut lib` on U-Boot's sandbox;
# make check-patches (RUN_CHECK_PATCHES= skips it); then the pytest
# suites: the build scripts, and those that boot QEMU.
# Each suite's output goes to $BUILD/test-logs; a failing suite's is shown.
# Ends with the one line CI reads: "N passed, N failed".

set -u

BUILD=${BUILD:-build}
logs=$BUILD/test-logs
mkdir -p "$logs"
passed=0
failed=0

# count LOG PATTERN: the first number in the first match of PATTERN
# (grep -E) in LOG, or 0
count() {
	n=$(grep -oE "$2" "$1" | head -n 1 | grep -oE '[0-9]+' | head -n 1)
	echo "${n:-0}"
}

report() {
	name=$1 log=$2 p=$3 f=$4 rc=$5
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or failed before counting
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-40s %4d passed, %d failed\n' "$name" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		tail -n 40 "$log" | sed 's/^/    | /'
	fi
}

for variant in plain asan; do
	for prog in "$BUILD"/host/$variant/test_*; do
		[ -x "$prog" ] || continue
		name=host/$variant/$(basename "$prog")
		log=$logs/$(echo "$name" | tr / _).log
		"$prog" >"$log" 2>&1
		rc=$?
		report "$name" "$log" \
			"$(count "$log" '^\[  PASSED  \] [0-9]+ test')" \
			"$(count "$log" '^\[  FAILED  \] [0-9]+ test')" $rc
	done
done

# A suite that is one command: passed or failed as a whole.
run_one() {
	name=$1
	shift
	log=$logs/$(echo "$name" | tr / _).log
	"$@" >"$log" 2>&1
	rc=$?
	report "$name" "$log" $((rc == 0)) $((rc != 0)) $rc
}

if [ -n "${RUN_CHECKS-1}" ]; then
	run_one lint make --no-print-directory lint
	run_one soak "$BUILD/soak/soak" "${SOAK_OPS:-200000}"
	run_one lmb-differential "$BUILD/host/lmb/test_lmb_differential" \
		"${LMB_DIFF_SEQUENCES:-100}" 300
	for target in test/fuzz/fuzz_*.c; do
		target=$(basename "$target" .c)
		run_one "fuzz/$target" make --no-print-directory \
			"fuzz-run-$target" FUZZ_SECONDS="${FUZZ_SECONDS:-10}"
	done
fi

# U-Boot's unit tests on sandbox: ours, and U-Boot's own library tests
# (its LMB among them), which must keep passing with bootmem built in. A
# bootmem test skipped because bootmem did not come up is a failure. They
# run in the build directory, where sandbox leaves its disk images.
sandbox=$BUILD/uboot-sandbox
if [ -x "$sandbox/u-boot" ]; then
	for ut in bootmem lib; do
		log=$(cd "$logs" && pwd)/sandbox_ut_$ut.log
		(cd "$sandbox" && ./u-boot -T -c "ut $ut") >"$log" 2>&1
		rc=$?
		run=$(count "$log" '^Running [0-9]+ ')
		f=$(($(count "$log" '^Failures: [0-9]+') + \
		     $(grep -c 'bootmem is not enabled' "$log")))
		report "sandbox/ut $ut" "$log" $((run - f)) "$f" $rc
	done
fi

# The series as U-Boot gets it (make check-patches): git am onto a pristine
# base, checkpatch.pl, qemu_arm64 and sandbox built at three patches, the
# unit tests on that sandbox. Its last line says what it checked.
if [ -n "${RUN_CHECK_PATCHES-1}" ]; then
	run_one check-patches make --no-print-directory check-patches
	tail -n 1 "$logs/check-patches.log" | sed 's/^/    /'
fi

for suite in ${PYTEST_SUITES-test/scripts test/qemu}; do
	[ -d "$suite" ] || continue
	log=$logs/$(echo "$suite" | tr / _).log
	/usr/bin/python3 -m pytest -p no:cacheprovider -q "$suite" >"$log" 2>&1
	rc=$?
	[ $rc -eq 5 ] && rc=0	# no tests collected
	report "$suite" "$log" \
		"$(count "$log" '(^|, )[0-9]+ passed')" \
		"$(($(count "$log" '(^|, )[0-9]+ failed') + \
		    $(count "$log" '(^|, )[0-9]+ errors?')))" $rc
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
