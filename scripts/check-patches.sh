#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Prove the series as a U-Boot maintainer would take it: clone the base's
# commit 'base' afresh, apply the series with git am, run U-Boot's
# checkpatch.pl (its .checkpatch.conf: --strict, --u-boot) on every patch,
# build each configuration at the first, the middle and the last patch
# (CHECK_PATCHES_AT="all", "last" or a list of patch numbers changes
# which), and run 'ut bootmem' and 'ut lib' on the sandbox of the last one.
#
# usage: check-patches.sh BASE_REPO PATCH_DIR WORK_DIR \
#            DEFCONFIG:FRAGMENT[:BUILT]...
#
# A fragment's symbols that a patch does not define yet are dropped by
# Kconfig, as at that patch nothing uses them. BUILT is a build of that
# configuration from the git worktree CHECK_PATCHES_BUILT_FROM (make
# uboot's): when that worktree holds exactly the tree the last patch
# gives (same git tree, nothing modified), the last patch is not built
# again, and BUILT stands for it. WORK_DIR is emptied first;
# its log/ keeps every step's output. Ends with one line that says what
# was checked; exits non-zero if anything failed.

set -u

base=$1
patches=$(cd "$2" && pwd)
work=$3
shift 3
here=$(cd "$(dirname "$0")/.." && pwd)
jobs=${UBOOT_JOBS:-$(nproc)}

rm -rf "$work"
mkdir -p "$work/log"
work=$(cd "$work" && pwd)
tree=$work/u-boot
logs=$work/log
failed=0
start=$(date +%s)

fail() {
	echo "check-patches: $*" >&2
	failed=$((failed + 1))
}

# elapsed: seconds since the start, as 1m23s
elapsed() {
	s=$(($(date +%s) - start))
	echo "$((s / 60))m$((s % 60))s"
}

configs=$*

git clone -q --shared --no-checkout "$base" "$tree" &&
	git -C "$tree" checkout -q --detach base || {
	echo "check-patches: cannot clone the base from $base" >&2
	exit 1
}

# The series applies with git am, patch by patch.
git -C "$tree" config user.name "check-patches"
git -C "$tree" config user.email "check-patches@localhost"
n=0
for p in "$patches"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $(basename "$p") in 0000-*) continue ;; esac
	n=$((n + 1))
	if ! git -C "$tree" am -q "$p" >"$logs/am-$n.log" 2>&1; then
		fail "patch $n ($(basename "$p")) does not apply with git am:"
		sed 's/^/    | /' "$logs/am-$n.log" >&2
		exit 1
	fi
done
[ "$n" -gt 0 ] || { echo "check-patches: no patches in $patches" >&2; exit 1; }
head=$(git -C "$tree" rev-parse HEAD)
echo "check-patches: $n patches applied with git am ($(elapsed))"

# The warnings the cover letter justifies, one "TYPE N" a line, from its
# lines "  TYPE, patches 1-3, 5: why".
justified=$logs/justified
sed -n 's/^  \([A-Z_][A-Z_]*\), patch\(es\)\{0,1\} \([-0-9, ]*\):.*/\1 \3/p' \
	"$patches"/0000-cover-letter.patch | while read -r type list; do
	for r in $(echo "$list" | tr ',' ' '); do
		for k in $(seq "${r%-*}" "${r#*-}"); do echo "$type $k"; done
	done
done >"$justified"

# checkpatch.pl with U-Boot's own settings, on each patch as sent: no
# errors, and no warnings but those the cover letter justifies.
errors=0 warnings=0 excused=0 checks=0
i=0
: >"$logs/warned"
for p in "$patches"/[0-9][0-9][0-9][0-9]-*.patch; do
	case $(basename "$p") in 0000-*) continue ;; esac
	i=$((i + 1))
	log=$logs/checkpatch-$i.log
	(cd "$tree" && ./scripts/checkpatch.pl -q --show-types "$p") >"$log" 2>&1
	e=$(grep -c '^ERROR:' "$log")
	checks=$((checks + $(grep -c '^CHECK:' "$log")))
	errors=$((errors + e))
	[ "$e" -eq 0 ] || fail "checkpatch: $(basename "$p"): $e errors"
	for type in $(sed -n 's/^WARNING:\([A-Z_]*\):.*/\1/p' "$log"); do
		echo "$type $i" >>"$logs/warned"
		if grep -qx "$type $i" "$justified"; then
			excused=$((excused + 1))
		else
			warnings=$((warnings + 1))
			fail "checkpatch: $(basename "$p"): $type is not justified in the cover letter"
		fi
	done
	[ "$e" -eq 0 ] || grep -A3 '^ERROR:' "$log" | sed 's/^/    | /' >&2
done
sort -u "$justified" | while read -r type k; do
	grep -qx "$type $k" "$logs/warned" ||
		echo "check-patches: the cover letter justifies $type in patch $k, which has none" >&2
done | grep . >&2 && fail "the cover letter's checkpatch list is out of date"
echo "check-patches: checkpatch: $errors errors, $warnings warnings" \
	"($excused justified in the cover letter), $checks checks ($(elapsed))"

# The documentation the series adds or changes: rST syntax (docutils).
docs=$(git -C "$tree" diff --name-only --diff-filter=AM "base..$head" -- '*.rst')
if [ -n "$docs" ]; then
	if (cd "$tree" && /usr/bin/python3 "$here/scripts/check-rst.py" $docs) \
			>"$logs/rst.log" 2>&1; then
		echo "check-patches: rST syntax of" $docs "($(elapsed))"
	else
		fail "rST:"
		sed 's/^/    | /' "$logs/rst.log" >&2
	fi
fi

case ${CHECK_PATCHES_AT:-} in
all) at=$(seq 1 "$n") ;;
last) at=$n ;;
"") at=$(printf '%s\n' 1 $(((n + 1) / 2)) "$n" | uniq) ;;
*) at=$CHECK_PATCHES_AT ;;
esac

# build AT CONFIG: configure DEFCONFIG plus FRAGMENT and build it, in one
# build directory per configuration (incremental from one point to the
# next, as git checkout rewrites only what changed).
build() {
	defconfig=${2%%:*}
	fragment=${2#*:}
	fragment=$here/${fragment%%:*}
	out=$work/${defconfig%_defconfig}
	log=$logs/build-$1-${defconfig%_defconfig}.log
	case $defconfig in
	sandbox*) set -- "$1" "$2" CROSS_COMPILE= NO_SDL=1 ;;
	*) set -- "$1" "$2" CROSS_COMPILE="${CROSS_COMPILE:-aarch64-linux-gnu-}" ;;
	esac
	shift 2
	{
		make -s -C "$tree" O="$out" "$@" "$defconfig" &&
		(cd "$tree" && scripts/kconfig/merge_config.sh -m -O "$out" \
			"$out/.config" "$fragment" >/dev/null) &&
		make -s -C "$tree" O="$out" "$@" olddefconfig &&
		make -s -C "$tree" O="$out" "$@" -j"$jobs"
	} >"$log" 2>&1
}

# built CONFIG: the build standing for CONFIG at the last patch, if there
# is one whose source is exactly the tree git am made (see usage)
built() {
	dir=${1#*:}
	case $dir in *:*) dir=${dir#*:} ;; *) return 1 ;; esac
	src=${CHECK_PATCHES_BUILT_FROM:-}
	[ -n "$src" ] && [ -f "$dir/u-boot" ] &&
		[ "$(git -C "$src" rev-parse 'HEAD^{tree}' 2>/dev/null)" = \
		  "$(git -C "$tree" rev-parse "$head^{tree}")" ] &&
		[ -z "$(git -C "$src" status --porcelain -uno)" ] &&
		echo "$dir"
}

sandbox=$work/sandbox
for k in $at; do
	commit=$(git -C "$tree" rev-list --reverse "base..$head" | sed -n "${k}p")
	[ -n "$commit" ] || { fail "no patch $k"; continue; }
	git -C "$tree" checkout -q --detach "$commit"
	for c in $configs; do
		if [ "$k" -eq "$n" ] && dir=$(built "$c"); then
			echo "check-patches: patch $k: ${c%%:*}: $dir, built from the same tree ($(elapsed))"
			case $c in sandbox*) sandbox=$dir ;; esac
		elif build "$k" "$c"; then
			echo "check-patches: patch $k: ${c%%:*} builds ($(elapsed))"
		else
			fail "patch $k: ${c%%:*} does not build:"
			tail -n 20 "$logs/build-$k-$(echo "${c%%:*}" |
				sed 's/_defconfig$//').log" | sed 's/^/    | /' >&2
		fi
	done
done
git -C "$tree" checkout -q --detach "$head"

# The unit tests, on the sandbox of the last patch.
uts=0
if [ -x "$sandbox/u-boot" ]; then
	for ut in bootmem lib; do
		log=$logs/ut-$ut.log
		(cd "$sandbox" && ./u-boot -T -c "ut $ut") >"$log" 2>&1
		rc=$?
		ran=$(grep -oE '^Running [0-9]+ ' "$log" | head -n 1 | grep -oE '[0-9]+')
		nf=$(grep -oE '^Failures: [0-9]+' "$log" | head -n 1 | grep -oE '[0-9]+')
		if [ "$rc" -ne 0 ] || [ "${nf:-1}" -ne 0 ] || [ -z "$ran" ] ||
		   grep -q 'bootmem is not enabled' "$log"; then
			fail "sandbox: ut $ut failed:"
			tail -n 20 "$log" | sed 's/^/    | /' >&2
		else
			uts=$((uts + ran))
			echo "check-patches: sandbox: ut $ut: $ran tests passed ($(elapsed))"
		fi
	done
fi

echo "check-patches: $n patches; checkpatch $errors errors, $warnings" \
	"unjustified warnings, $checks checks; built at patches $(echo $at); $uts unit" \
	"tests passed; $failed failed; $(elapsed)"
[ "$failed" -eq 0 ]
