#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Build the test OS's disk image without root: an MBR with one bootable
# FAT16 partition starting at 1 MiB, filled with mtools. A partition table
# (rather than a bare FAT "superfloppy") lets U-Boot address the files as
# "virtio 0:1", "virtio 0" and through its distro boot scan alike.
#
# usage: mkdisk.sh [-g esp|data] OUTPUT SIZE_MIB FILE[=NAME]...
#
# -g: a GPT instead of the MBR (scripts/mkgpt.py), the partition typed as
# an EFI system partition or as bootable Linux data, as distributions lay
# out their disks.
#
# SIZE_MIB is the whole image, 1 MiB of it before the partition; FAT16
# keeps it between 16 MiB and 2 GiB (FAT32 would want 260 MiB or more).
#
# Each FILE is copied to the root of the file system, as NAME if given
# (e.g. build/os/initramfs.cpio=initrd.img), else under its own base name.
# A NAME with directories (EFI/BOOT/BOOTAA64.EFI) gets them made.

set -eu

gpt=
if [ "${1-}" = -g ]; then
	gpt=$2
	shift 2
fi
out=$1
size_mib=$2
shift 2

part_start=2048				# sectors of 512 bytes: 1 MiB
part_sectors=$(((size_mib - 1) * 2048))

# A 32-bit little-endian number as raw bytes.
le32() {
	# shellcheck disable=SC2059 # the format is the data
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) \
		$(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"
}

# Build the pieces beside the target and rename at the end, so an
# interrupted run never leaves a half-made image behind.
part=$out.part.tmp
rm -f "$part" "$out.tmp"

# -h: the partition's offset, recorded in the boot sector as hidden sectors.
mkfs.vfat -C -F 16 -h "$part_start" -n BOOTMEM "$part" \
	$((part_sectors / 2)) >/dev/null
for spec in "$@"; do
	src=${spec%%=*}
	name=${spec#*=}
	[ "$name" != "$spec" ] || name=${src##*/}
	dir=
	rest=$name
	while [ "${rest#*/}" != "$rest" ]; do
		dir=$dir${rest%%/*}
		MTOOLS_SKIP_CHECK=1 mmd -D s -i "$part" "::$dir" 2>/dev/null ||
			true
		dir=$dir/
		rest=${rest#*/}
	done
	# -o overwrite without asking, -m keep the mtime. Not -b: in mtools
	# 4.0.32 it fails on big files with "Internal error, size too big".
	MTOOLS_SKIP_CHECK=1 mcopy -o -m -i "$part" "$src" "::$name"
done

if [ -n "$gpt" ]; then
	/usr/bin/python3 "$(dirname "$0")/mkgpt.py" "$out" "$part" "$gpt" BOOTMEM
	rm -f "$part"
	exit 0
fi

# The MBR: one entry, bootable (0x80), type 0x0e (FAT16 with LBA), CHS
# fields set to the "use LBA" marker, then the 0x55 0xaa signature.
{
	dd if=/dev/zero bs=446 count=1 status=none
	printf '\200\376\377\377\016\376\377\377'
	le32 "$part_start"
	le32 "$part_sectors"
	dd if=/dev/zero bs=16 count=3 status=none
	printf '\125\252'
	dd if=/dev/zero bs=512 count=$((part_start - 1)) status=none
	cat "$part"
} >"$out.tmp"
rm -f "$part"
mv "$out.tmp" "$out"
