#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Build the test OS's initramfs without root: a staging directory packed
# with "cpio -R 0:0" so every file is owned by root inside the archive.
# The archive is not compressed: a corrupted byte then shows up as a
# checksum mismatch reported by /init rather than as a decompression
# failure that leaves nothing to report.
#
# usage: mkinitramfs.sh OUTPUT BUSYBOX INIT PAYLOAD_KIB
#
# PAYLOAD_KIB of random data (payload.bin) make the archive big enough
# that where the boot loader places it matters. checksums.sha256 lists the
# sha256 of every file, which /init checks at boot.

set -eu

out=$1
busybox=$2
init=$3
payload_kib=$4

stage=$out.d
rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys"
cp "$busybox" "$stage/bin/busybox"
cp "$init" "$stage/init"
chmod 755 "$stage/bin/busybox" "$stage/init"
dd if=/dev/urandom of="$stage/payload.bin" bs=1024 count="$payload_kib" \
	status=none

(cd "$stage" && sha256sum bin/busybox init payload.bin >checksums.sha256)

(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$stage"
