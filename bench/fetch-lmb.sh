#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Fetch U-Boot's LMB (lib/lmb.c, include/lmb.h and, from 2025.01 on, the
# alist they use) from Debian's u-boot source packages, for the benchmark
# to build on the host: 2023.01 from bookworm, 2025.01 from trixie.
#
# Only the orig tarball and Debian's patch tarball are needed. apt checks
# each file against the signed index; trixie's .dsc currently answers 404,
# so a failed fetch is accepted when both tarballs arrived, and their
# SHA-256 is checked again here against the index. Debian's patches must
# leave these files alone (checked), so the orig tarball's copy is the
# package's.
#
# usage: fetch-lmb.sh APT_DIR DEST_DIR VERSION...
# DEST_DIR/VERSION/{lib,include} receive the files.

set -eu

apt_dir=$1
dest=$2
shift 2
here=$(cd "$(dirname "$0")/../scripts" && pwd)
files="lib/lmb.c include/lmb.h lib/alist.c include/alist.h"

mkdir -p "$apt_dir" "$dest"
apt_dir=$(cd "$apt_dir" && pwd)
dest=$(cd "$dest" && pwd)
apt() {
	"$here/apt-private.sh" "$apt_dir" "$@"
}

if [ ! -f "$apt_dir/sources.list" ]; then
	for suite in bookworm trixie; do
		echo "deb-src http://deb.debian.org/debian $suite main"
		echo "deb-src http://deb.debian.org/debian-security $suite-security main"
	done >"$apt_dir/sources.list"
fi
if ! ls "$apt_dir"/lists/*_Sources* >/dev/null 2>&1; then
	apt apt-get -qq update
fi

# sha256 NAME VERSION: the index's SHA-256 of file NAME of u-boot VERSION
sha256() {
	apt apt-cache showsrc u-boot 2>/dev/null | awk -v v="$2" -v f="$1" '
		/^Version:/ { ours = ($2 == v) }
		/^Checksums-Sha256:/ { in_sums = ours; next }
		/^[^ ]/ { in_sums = 0 }
		in_sums && $3 == f { print $1; exit }'
}

for version in "$@"; do
	out=$dest/$version
	[ -f "$out/.done" ] && continue
	dl=$dest/dl
	mkdir -p "$dl"
	upstream=$(echo "$version" | sed 's/-[^-]*$//')
	debian=u-boot_$version.debian.tar.xz
	(cd "$dl" && { apt apt-get -q source --download-only "u-boot=$version" ||
		echo "fetch-lmb: apt reported a failure; checking the tarballs"; })
	orig=$(cd "$dl" && ls u-boot_"$upstream".orig.tar.* 2>/dev/null |
	       grep -v '\.asc$' | head -n 1)
	for f in "$orig" "$debian"; do
		want=$(sha256 "$f" "$version")
		if [ -z "$f" ] || [ ! -f "$dl/$f" ] || [ -z "$want" ] ||
		   [ "$(sha256sum "$dl/$f" | cut -d' ' -f1)" != "$want" ]; then
			echo "fetch-lmb: u-boot $version: ${f:-orig tarball}" \
			     "missing or not the index's" >&2
			exit 1
		fi
	done
	if tar -xOJf "$dl/$debian" | grep -qE '^\+\+\+ .*/(lib|include)/(lmb|alist)\.'; then
		echo "fetch-lmb: Debian's patches change LMB in $version" >&2
		exit 1
	fi
	rm -rf "$out"
	mkdir -p "$out"
	# The orig tarball holds one top directory; alist exists from 2024.10.
	# shellcheck disable=SC2086
	tar -xf "$dl/$orig" -C "$out" --strip-components=1 --wildcards \
		--no-wildcards-match-slash \
		$(for f in $files; do echo "*/$f"; done) 2>/dev/null || true
	[ -f "$out/lib/lmb.c" ] && [ -f "$out/include/lmb.h" ] || {
		echo "fetch-lmb: no lib/lmb.c in $orig" >&2
		exit 1
	}
	touch "$out/.done"
	echo "fetch-lmb: u-boot $version: $(cd "$out" && find lib include -type f | sort | tr '\n' ' ')"
done
