#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Fetch the arm64 Linux kernel and a static busybox from Debian at pinned
# versions and keep only the two files the test OS needs. apt verifies the
# signed index and each .deb's checksum; nothing outside the given
# directories is touched and nothing is installed.
#
# usage: fetch-os.sh APT_DIR DEST_DIR KERNEL_PKG=VERSION BUSYBOX_PKG=VERSION
#
# DEST_DIR receives the .debs (under deb/), "Image" (the uncompressed arm64
# kernel from boot/vmlinuz-*) and "busybox".

set -eu

apt_dir=$1
dest=$2
kernel=$3
busybox=$4
here=$(cd "$(dirname "$0")" && pwd)

apt() {
	"$here/apt-private.sh" "$apt_dir" "$@"
}

# Absolute paths: the downloads below run from inside DEST_DIR.
mkdir -p "$apt_dir" "$dest/deb"
apt_dir=$(cd "$apt_dir" && pwd)
dest=$(cd "$dest" && pwd)

# The lists are shared with other fetches. Refresh them only when they lack
# a pinned version, so a rebuild works offline once everything is cached.
for pkg in "$kernel" "$busybox"; do
	if ! apt apt-cache -q show "$pkg" >/dev/null 2>&1; then
		apt apt-get -qq update
		break
	fi
done

# apt-get download writes to the working directory and fetches again even
# when the file is there, so skip packages already downloaded. Its file
# names keep the epoch, with the colon escaped.
deb_file() {
	echo "${1%%=*}_$(echo "${1#*=}" | sed 's/:/%3a/g')_arm64.deb"
}
cd "$dest/deb"
for pkg in "$kernel" "$busybox"; do
	[ -f "$(deb_file "$pkg")" ] || apt apt-get -q download "$pkg"
done

# Unpack only the two files into a scratch tree: the kernel package also
# carries 300+ MB of modules that the initramfs never loads.
tmp=$dest/unpack.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
dpkg-deb --fsys-tarfile "$(deb_file "$kernel")" |
	tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
dpkg-deb --fsys-tarfile "$(deb_file "$busybox")" |
	tar -x -C "$tmp" ./bin/busybox

set -- "$tmp"/boot/vmlinuz-*
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	echo "fetch-os.sh: expected one boot/vmlinuz-* in ${kernel%%=*}" >&2
	exit 1
fi
# Linux arm64 Image header: the magic "ARM\x64" at offset 56. booti wants
# the raw Image, so refuse anything compressed.
if [ "$(dd if="$1" bs=1 skip=56 count=4 2>/dev/null | od -An -tx1 | tr -d ' ')" \
	!= 41524d64 ]; then
	echo "fetch-os.sh: $1 is not an uncompressed arm64 Image" >&2
	exit 1
fi
mv "$1" "$dest/Image.tmp"
mv "$tmp/bin/busybox" "$dest/busybox.tmp"
rm -rf "$tmp"
mv "$dest/Image.tmp" "$dest/Image"
mv "$dest/busybox.tmp" "$dest/busybox"
# The packaged mtimes (one lies in the future) would confuse make.
touch "$dest/Image" "$dest/busybox"
