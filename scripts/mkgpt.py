#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Wrap one file-system image in a GPT disk image, without root or loop
devices: a protective MBR, the primary GPT header and entries, the
partition at 1 MiB, then the backup entries and header at the end (UEFI
2.10, section 5.3).

usage: mkgpt.py OUTPUT PARTITION_IMAGE esp|data LABEL

"esp" types the partition as an EFI system partition (where U-Boot's EFI
bootmeth and the removable-media path look for EFI/BOOT/BOOTAA64.EFI),
"data" as Linux file-system data with the legacy-BIOS-bootable attribute
(where U-Boot's standard boot looks first for extlinux.conf and boot.scr).
"""

import os
import struct
import sys
import uuid
import zlib

SECTOR = 512
ENTRIES = 128
ENTRY_SIZE = 128
ENTRY_SECTORS = ENTRIES * ENTRY_SIZE // SECTOR
FIRST_LBA = 2048                        # 1 MiB
TYPES = {
    'esp': uuid.UUID('c12a7328-f81f-11d2-ba4b-00a0c93ec93b'),
    'data': uuid.UUID('0fc63daf-8483-4772-8e79-3d69d8477de4'),
}
ATTR_LEGACY_BOOTABLE = 1 << 2


def header(lba, backup_lba, last_usable, entries_lba, disk_guid, entries_crc):
    """One GPT header sector; its CRC covers the 92 bytes of the header."""
    def pack(crc):
        return struct.pack('<8sIIIIQQQQ16sQIII', b'EFI PART', 0x00010000, 92,
                           crc, 0, lba, backup_lba, FIRST_LBA, last_usable,
                           disk_guid.bytes_le, entries_lba, ENTRIES,
                           ENTRY_SIZE, entries_crc)
    return pack(zlib.crc32(pack(0))).ljust(SECTOR, b'\0')


def protective_mbr(total_sectors):
    entry = struct.pack('<B3sB3sII', 0, b'\x00\x02\x00', 0xee,
                        b'\xff\xff\xff', 1, min(total_sectors - 1, 0xffffffff))
    return bytes(446) + entry + bytes(48) + b'\x55\xaa'


def main():
    if len(sys.argv) != 5 or sys.argv[3] not in TYPES:
        sys.exit(__doc__.strip().split('\n\n')[1])
    out, part_path, kind, label = sys.argv[1:]
    part_size = os.path.getsize(part_path)
    if part_size % SECTOR:
        sys.exit('mkgpt: %s: %d bytes is not whole sectors'
                 % (part_path, part_size))
    part_sectors = part_size // SECTOR
    last_usable = FIRST_LBA + part_sectors - 1
    total = last_usable + 1 + ENTRY_SECTORS + 1
    # Fixed GUIDs derived from the label: the same inputs give the same
    # image byte for byte.
    disk_guid = uuid.uuid5(uuid.NAMESPACE_URL, 'bootmem-disk:' + label)
    part_guid = uuid.uuid5(uuid.NAMESPACE_URL, 'bootmem-part:' + label)
    attrs = ATTR_LEGACY_BOOTABLE if kind == 'data' else 0
    entry = struct.pack('<16s16sQQQ72s', TYPES[kind].bytes_le,
                        part_guid.bytes_le, FIRST_LBA, last_usable, attrs,
                        label.encode('utf-16-le')[:72])
    entries = entry.ljust(ENTRIES * ENTRY_SIZE, b'\0')
    crc = zlib.crc32(entries)
    backup_entries_lba = last_usable + 1

    tmp = out + '.tmp'
    with open(tmp, 'wb') as disk, open(part_path, 'rb') as part:
        disk.write(protective_mbr(total))
        disk.write(header(1, total - 1, last_usable, 2, disk_guid, crc))
        disk.write(entries)
        disk.write(bytes((FIRST_LBA - 2 - ENTRY_SECTORS) * SECTOR))
        while True:
            chunk = part.read(1 << 20)
            if not chunk:
                break
            disk.write(chunk)
        disk.write(entries)
        disk.write(header(total - 1, 1, last_usable, backup_entries_lba,
                          disk_guid, crc))
    os.replace(tmp, out)


if __name__ == '__main__':
    main()
