#!/bin/bash
# SPDX-License-Identifier: GPL-2.0+
#
# make check-fresh: the README's two commands on a new Debian 12 machine.
#
# A minimal Debian 12 root (debootstrap --variant=minbase bookworm, plus
# what the README assumes a newcomer has: make, git and sudo) is built
# once and cached in $BUILD/fresh/base. Each run lays a scratch overlay on
# it, clones the committed HEAD into /root/bootmem there, and runs
# `make run`, then (if it passed) `make test`, as root, in a mount and PID
# namespace of their own (/proc, /sys, /dev and a /tmp mounted for them;
# QEMU runs under TCG, no /dev/kvm needed). Nothing of the host leaks in
# but the network and the devices: a missing install step fails here.
#
# make test there checks the series at its last patch only
# (CHECK_PATCHES_AT=last: git am, checkpatch.pl, rST, and the unit tests on
# make test's own sandbox, which is that patch): what the fresh root can
# lack is a tool, not a build of another patch. `make test` on the same
# commit (.ci/run runs it first) builds the first and the middle patch.
#
# Prints how long each part took, the logs' places, and ends with the same
# line as `make test`: "N passed, N failed", where `make run` counts as one
# test and a make test that did not run or gave no count as one failure.
# Exit status 0 only if everything passed.
#
# Environment: BUILD (default: build/ of this checkout), FRESH_MIRROR.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
fresh=$build/fresh
base=$fresh/base
run=$fresh/run
root=$run/root
logs=$fresh/logs
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
newcomer="make git sudo"
# What the cached root was made from; a change rebuilds it.
recipe="debootstrap --variant=minbase $suite $mirror + $newcomer"

if [ "$(id -u)" -ne 0 ]; then
	exec sudo --preserve-env=BUILD,FRESH_MIRROR "$0" "$@"
fi

times=()
started=$SECONDS

# duration SECONDS: as 3m07s
duration() {
	printf '%3dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# timed NAME CMD...: run CMD, remember how long it took.
timed() {
	local name=$1 start=$SECONDS rc=0
	shift
	"$@" || rc=$?
	times+=("$(printf '%-34s %s%s' "$name" "$(duration $((SECONDS - start)))" \
		"$([ $rc -eq 0 ] || echo '  FAILED')")")
	return $rc
}

# in_root ROOT CMD: run the shell command CMD chrooted in ROOT, in a new
# mount and PID namespace with /proc, /sys, /dev and /tmp mounted; with
# OVERLAY=UPPER set, ROOT is first made an overlay of the cached base
# with UPPER on top. Every mount, and every process left (QEMU), ends
# with the namespace.
in_root() {
	unshare --mount --pid --fork --propagation private \
		/bin/bash -euc '
		root=$1 cmd=$2
		if [ -n "${OVERLAY-}" ]; then
			mkdir -p "$OVERLAY/upper" "$OVERLAY/work" "$root"
			mount -t overlay overlay -o "lowerdir=$BASE,upperdir=$OVERLAY/upper,workdir=$OVERLAY/work" "$root"
		fi
		mount -t proc proc "$root/proc"
		mount -t sysfs sysfs "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs tmpfs "$root/tmp"
		cp /etc/resolv.conf "$root/etc/resolv.conf"
		[ -z "${BEFORE-}" ] || eval "$BEFORE"
		exec chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
			PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
			/bin/bash -c "$cmd"
		' in_root "$@"
}

# remove DIR...: rm -rf, but never through a mount: the roots' mounts
# live in namespaces that end with their commands, and one left on the
# host (/dev bound in) must not be emptied.
remove() {
	local dir
	for dir in "$@"; do
		if grep -q " $(realpath -m "$dir")[/ ]" /proc/self/mounts; then
			echo "check-fresh: $dir has something mounted in it: not removing it" >&2
			exit 1
		fi
		rm -rf "$dir"
	done
}

# The cached minimal root: Debian's own sources.list of a new install
# (the suite, its updates and security), then the newcomer's packages.
make_base() {
	remove "$base" "$base.tmp"
	debootstrap --variant=minbase "$suite" "$base.tmp" "$mirror" \
		>"$logs/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$logs/debootstrap.log"; return 1; }
	cat >"$base.tmp/etc/apt/sources.list" <<-EOF
		deb $mirror $suite main
		deb $mirror $suite-updates main
		deb http://deb.debian.org/debian-security $suite-security main
	EOF
	in_root "$base.tmp" "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $newcomer && \
		apt-get clean" >>"$logs/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$logs/debootstrap.log"; return 1; }
	echo "$recipe" >"$base.tmp/.fresh-recipe"
	mv "$base.tmp" "$base"
}

cd "$top"
mkdir -p "$logs"
scripts/install-deps.sh debootstrap
head=$(git rev-parse HEAD)
echo "check-fresh: HEAD $(git log -1 --format='%h %s' "$head")"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "check-fresh: uncommitted changes are not tested, only HEAD"
fi

if [ "$(cat "$base/.fresh-recipe" 2>/dev/null)" = "$recipe" ]; then
	times+=("$(printf '%-34s %s' 'minimal Debian 12 root' 'cached')")
else
	echo "check-fresh: building a minimal Debian 12 root in $base"
	if ! OVERLAY= BEFORE= timed 'minimal Debian 12 root' make_base; then
		printf '  %s\n' "${times[@]}"
		echo "0 passed, 1 failed"
		exit 1
	fi
fi

# A scratch overlay per run: the cached root stays as debootstrap left it.
remove "$run"
mkdir -p "$run"
export BASE=$base OVERLAY=$run BEFORE="
	git clone -q --no-checkout '$top' \"\$root/root/bootmem\"
	git -C \"\$root/root/bootmem\" checkout -q --detach '$head'"

# Both commands run in one namespace, one after the other, as a newcomer
# would type them, and as a newcomer would, it stops at a failed make run.
# Each one's output goes to its log, every line stamped with the seconds
# since the command started.
in_root "$root" "
	cd /root/bootmem
	for cmd in run test; do
		echo \"check-fresh: make \$cmd (log: $logs/make-\$cmd.log)\"
		SECONDS=0
		args=
		[ \$cmd = run ] || args=CHECK_PATCHES_AT=last
		make \$cmd \$args 2>&1 | while IFS= read -r line; do
			printf '[%4d] %s\\n' \$SECONDS \"\$line\"
		done >/root/make-\$cmd.log
		rc=\${PIPESTATUS[0]}
		echo \$cmd \$rc \$SECONDS >>/root/status
		[ \$rc -eq 0 ] || break
	done" || true

# stamp LOG PATTERN: the seconds stamped on LOG's first line matching
# PATTERN (grep -E, after the stamp)
stamp() {
	{ grep -m1 -E "^\[ *[0-9]+\] ($2)" "$1" || true; } |
		sed 's/^\[ *\([0-9]*\)].*/\1/'
}

# The parts of the first make run, each from its first line to the next's.
run_phases() {
	local log=$logs/make-run.log at=0 next name
	while IFS='|' read -r name next; do
		next=$(stamp "$log" "$next")
		[ -n "$next" ] || return 0
		times+=("$(printf '  %-32s %s' "$name" "$(duration $((next - at)))")")
		at=$next
	done <<-EOF
		packages (make deps)|scripts/fetch-uboot.sh
		U-Boot: fetch, unpack, build|U-Boot: /
		kernel, busybox, disk image|/usr/bin/python3 scripts/run.py --uboot
		QEMU: U-Boot boots Linux|run: (OK|FAILED)
	EOF
}

# The report of each suite that failed in a make test log: its line and
# the end of its own log (test/run-tests.sh indents that with "    | "),
# all that is left of a fresh root's failure once the root is gone.
failing_suites() {
	awk '/ [0-9]+ passed, [1-9][0-9]* failed$/ { show = 1; print; next }
	     show && /^\[ *[0-9]+\]     \| / { print; next }
	     { show = 0 }' "$1"
}

# make run is one test; make test brings its own count, or one failure if
# it ended without one.
passed=0
failed=0
for cmd in run test; do
	line=$(grep "^$cmd " "$run/upper/root/status" 2>/dev/null) || {
		times+=("$(printf '%-34s %s' "make $cmd" 'not run')")
		failed=$((failed + 1))
		continue
	}
	set -- $line
	cp "$run/upper/root/make-$cmd.log" "$logs/make-$cmd.log" 2>/dev/null ||
		echo "(no output)" >"$logs/make-$cmd.log"
	times+=("$(printf '%-34s %s%s' "make $cmd" "$(duration "$3")" \
		"$([ "$2" -eq 0 ] || echo '  FAILED')")")
	if [ "$2" -ne 0 ]; then
		failing=
		[ "$cmd" != test ] ||
			failing=$(failing_suites "$logs/make-test.log")
		if [ -n "$failing" ]; then
			echo "check-fresh: make test failed (exit $2); its failing suites, from $logs/make-test.log:"
			echo "$failing" | sed 's/^/    | /'
		else
			echo "check-fresh: make $cmd failed (exit $2); the end of $logs/make-$cmd.log:"
			tail -n 40 "$logs/make-$cmd.log" | sed 's/^/    | /'
		fi
	fi
	if [ "$cmd" = run ]; then
		run_phases
		[ "$2" -ne 0 ] || grep -E '^\[ *[0-9]+\] run: (OK|QEMU ran)' \
			"$logs/make-run.log" || true
		[ "$2" -eq 0 ] && passed=$((passed + 1)) || failed=$((failed + 1))
		continue
	fi
	grep -E ' [0-9]+ passed, [0-9]+ failed$' "$logs/make-test.log" |
		grep -vE '^\[ *[0-9]+\] [0-9]+ passed' || true
	verdict=$({ grep -E '^\[ *[0-9]+\] [0-9]+ passed, [0-9]+ failed$' \
		"$logs/make-test.log" || true; } | tail -n 1 | sed 's/^[^]]*] //')
	if [ -n "$verdict" ]; then
		passed=$((passed + ${verdict%% passed*}))
		verdict=${verdict#* passed, }
		failed=$((failed + ${verdict%% failed*}))
	fi
	if [ "$2" -ne 0 ] && { [ -z "$verdict" ] || [ "$failed" -eq 0 ]; }; then
		failed=$((failed + 1))
	fi
done

echo
echo "check-fresh: times on this machine ($(nproc) cores)"
printf '  %s\n' "${times[@]}"
printf '  %-34s %s\n' 'check-fresh in all' "$(duration $((SECONDS - started)))"
echo "check-fresh: logs in $logs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
