#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Resolve a pinned Debian package to a version the archive still has.
#
# usage: apt-pin.sh [-u|-U] APT_DIR PIN [META]
#        apt-pin.sh record FILE PIN USED
#
# PIN is PKG=VERSION@SUITE for an arm64 binary package, src:PKG=VERSION@SUITE
# for a source package. Prints PKG=VERSION to use:
#   - the pinned version, if SUITE has it;
#   - else the current (highest) version of PKG in SUITE, saying so in one
#     line on stderr: Debian's main suites keep one version per package, so
#     an exact pin vanishes at the next point release;
#   - else, when META is given, the package that META (a metapackage such as
#     linux-image-arm64) depends on in SUITE, saying so: a kernel's ABI is
#     in its package name, so the pinned package itself leaves the suite.
# Fails with one line when none applies. Resolution reads the lists in
# APT_DIR only; -u updates them first when the pin is not in them (unless
# they were updated in the last hour), -U always (after a download failed
# on lists that went stale). APT_NO_UPDATE=1 turns both off (offline
# work, tests).
#
# "record" writes USED (PKG=VERSION) with PIN's suite into FILE, one line
# per package, replacing that package's earlier line; a fallback is marked
# with the pin it replaced.

set -eu

here=$(cd "$(dirname "$0")" && pwd)

if [ "${1-}" = record ]; then
	file=$2 pin=$3 used=$4
	src=
	case $pin in src:*) src=src: ;; esac
	line="$src$used@${pin##*@}"
	[ "$src$used" = "${pin%@*}" ] || line="$line (pinned ${pin%@*})"
	touch "$file"
	grep -v "^$src${used%%=*}=" "$file" >"$file.tmp" || true
	echo "$line" >>"$file.tmp"
	mv "$file.tmp" "$file"
	exit 0
fi

update=
case ${1-} in -u | -U) update=$1; shift ;; esac
apt_dir=$1 pin=$2 meta=${3-}

case $pin in
*?=?*@?*) ;;
*) echo "apt-pin: $pin: expected PKG=VERSION@SUITE" >&2; exit 2 ;;
esac
spec=${pin%@*}
suite=${pin##*@}
pkg=${spec%%=*}
version=${spec#*=}
kind="arm64 Packages"
case $pkg in src:*) pkg=${pkg#src:} kind=Sources ;; esac

apt() {
	"$here/apt-private.sh" "$apt_dir" "$@"
}

# versions PKG: every version of PKG (of this kind) in SUITE, one a line.
# madison prints "pkg | version | URL suite/component arch Packages".
versions() {
	apt apt-cache madison "$1" 2>/dev/null | awk -F' [|] ' -v p="$1" \
		-v s="$suite" -v k="$kind" '{
			gsub(/ /, "", $1); gsub(/ /, "", $2)
			split($3, where, " "); sub(/\/.*/, "", where[2])
			if ($1 == p && where[2] == s && index($3, " " k))
				print $2
		}'
}

# highest: the highest Debian version read from stdin.
highest() {
	best=
	while read -r v; do
		if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then
			best=$v
		fi
	done
	echo "$best"
}

# Lists refreshed in the last hour count as current for -u: several pins
# missing at once cost one update.
stamp=$apt_dir/lists/.updated
known=$(versions "$pkg")
if [ "$update" = -U ] || { [ "$update" = -u ] &&
	! echo "$known" | grep -qxF "$version" &&
	[ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; }; then
	if [ "${APT_NO_UPDATE-}" != 1 ]; then
		apt apt-get -qq update
		touch "$stamp"
		known=$(versions "$pkg")
	fi
fi

if echo "$known" | grep -qxF "$version"; then
	echo "$pkg=$version"
	exit 0
fi
current=$(echo "$known" | grep . | highest)
if [ -n "$current" ]; then
	echo "apt-pin: $pkg=$version is gone from $suite: using its current $current" >&2
	echo "$pkg=$current"
	exit 0
fi
if [ -n "$meta" ]; then
	meta_version=$(versions "$meta" | highest)
	dep=
	[ -z "$meta_version" ] || dep=$(apt apt-cache show "$meta=$meta_version" |
		sed -n 's/^Depends: \([^ ,]*\) (= \([^)]*\)).*/\1=\2/p' | head -n 1)
	if [ -n "$dep" ]; then
		echo "apt-pin: $pkg is gone from $suite: using $dep, which $meta=$meta_version depends on" >&2
		echo "$dep"
		exit 0
	fi
fi
echo "apt-pin: $pkg is not in $suite${meta:+, nor $meta}: update the pin" >&2
exit 1
