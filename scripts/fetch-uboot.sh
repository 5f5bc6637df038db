#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Fetch Debian's U-Boot source package at one pinned version and unpack it
# with Debian's patches applied. apt verifies the signed index and every
# file's checksum; nothing outside $BUILD is touched.
#
# usage: fetch-uboot.sh APT_DIR VERSION DEST_DIR
#
# DEST_DIR receives the .dsc, the tarballs and the unpacked tree "u-boot".

set -eu

apt_dir=$1
version=$2
dest=$3
here=$(cd "$(dirname "$0")" && pwd)

# apt resolves relative Dir::* options against /etc/apt: use absolute paths.
mkdir -p "$apt_dir" "$dest"
apt_dir=$(cd "$apt_dir" && pwd)
dest=$(cd "$dest" && pwd)

# The lists are shared with other fetches; refresh them only when no
# source index is there yet, so a rebuild works offline.
if ! ls "$apt_dir"/lists/*_Sources* >/dev/null 2>&1; then
	"$here/apt-private.sh" "$apt_dir" apt-get -qq update
fi

cd "$dest"
if ! ls u-boot_"$(echo "$version" | sed 's/^[0-9]*://')".dsc >/dev/null 2>&1; then
	"$here/apt-private.sh" "$apt_dir" apt-get -q source --download-only \
		"u-boot=$version"
fi

rm -rf u-boot u-boot.tmp
dpkg-source -q -x u-boot_*.dsc u-boot.tmp
mv u-boot.tmp u-boot
