#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Fetch the arm64 Linux kernel, a static busybox and GRUB for arm64 EFI
# from Debian and keep only the three files the test OS needs. apt verifies the signed index and
# each .deb's checksum; nothing outside the given directories is touched
# and nothing is installed.
#
# usage: fetch-os.sh APT_DIR DEST_DIR RECORD KERNEL_PIN KERNEL_META BUSYBOX_PIN \
#                    GRUB_PIN
#
# Pins are PKG=VERSION@SUITE, resolved by apt-pin.sh: the pinned version if
# the archive still has it, else the current one (KERNEL_META, e.g.
# linux-image-arm64, names the kernel when its ABI package is gone). What
# was used is recorded in RECORD. DEST_DIR receives the .debs (under deb/),
# "Image" (the uncompressed arm64 kernel from boot/vmlinuz-*), "busybox"
# and "grubaa64.efi" (grub-efi-arm64-bin's monolithic GRUB: every module
# built in, its prefix /EFI/debian, so it needs no grub-install).

set -eu

apt_dir=$1
dest=$2
record=$3
kernel=$4
kernel_meta=$5
busybox=$6
grub=$7
here=$(cd "$(dirname "$0")" && pwd)

apt() {
	"$here/apt-private.sh" "$apt_dir" "$@"
}

# Absolute paths: the downloads below run from inside DEST_DIR.
mkdir -p "$apt_dir" "$dest/deb" "$(dirname "$record")"
apt_dir=$(cd "$apt_dir" && pwd)
dest=$(cd "$dest" && pwd)
record=$(cd "$(dirname "$record")" && pwd)/$(basename "$record")

# apt-get download writes to the working directory and fetches again even
# when the file is there, so skip packages already downloaded. Its file
# names keep the epoch, with the colon escaped.
deb_file() {
	echo "${1%%=*}_$(echo "${1#*=}" | sed 's/:/%3a/g')_arm64.deb"
}

# fetch PIN [META]: download the package PIN resolves to, record it and
# print its file name. The lists are shared with other fetches and
# refreshed only when a pin is missing from them, so a rebuild works
# offline; a download that fails on lists gone stale refreshes them once.
fetch() {
	spec=$("$here/apt-pin.sh" -u "$apt_dir" "$@")
	if [ ! -f "$(deb_file "$spec")" ] &&
		! apt apt-get -q download "$spec" >&2; then
		spec=$("$here/apt-pin.sh" -U "$apt_dir" "$@")
		[ -f "$(deb_file "$spec")" ] || apt apt-get -q download "$spec" >&2
	fi
	"$here/apt-pin.sh" record "$record" "$1" "$spec"
	deb_file "$spec"
}
cd "$dest/deb"
kernel_deb=$(fetch "$kernel" "$kernel_meta")
busybox_deb=$(fetch "$busybox")
grub_deb=$(fetch "$grub")

# Unpack only the two files into a scratch tree: the kernel package also
# carries 300+ MB of modules that the initramfs never loads.
tmp=$dest/unpack.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
dpkg-deb --fsys-tarfile "$kernel_deb" |
	tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
dpkg-deb --fsys-tarfile "$busybox_deb" | tar -x -C "$tmp" ./bin/busybox
grub_efi=./usr/lib/grub/arm64-efi/monolithic/grubaa64.efi
dpkg-deb --fsys-tarfile "$grub_deb" | tar -x -C "$tmp" "$grub_efi"

set -- "$tmp"/boot/vmlinuz-*
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
	echo "fetch-os.sh: expected one boot/vmlinuz-* in $kernel_deb" >&2
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
mv "$tmp/$grub_efi" "$dest/grubaa64.efi"
rm -rf "$tmp"
mv "$dest/Image.tmp" "$dest/Image"
mv "$dest/busybox.tmp" "$dest/busybox"
# The packaged mtimes (one lies in the future) would confuse make.
touch "$dest/Image" "$dest/busybox" "$dest/grubaa64.efi"
