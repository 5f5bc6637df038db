#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""What a prebuilt U-Boot does on QEMU's virt machine with and without
NUMA: a measurement, not a test. Debian may fix its own U-Boot one day;
this prints what the given binaries do today, and always exits 0 once
they have been tried.

Usage: stock-uboot.py --disk DISK NAME=U-BOOT.BIN...

For each binary and each machine (no NUMA, 2 GiB; two nodes of 1 GiB),
it boots to the prompt and prints the DRAM line, the DRAM banks bdinfo
lists, every error line of the boot, and what `fatload virtio 0:1
${kernel_addr_r} Image` answers. `make bench-stock` runs it on Debian
13's u-boot-qemu and on ours.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'test', 'qemu'))
from conftest import Console, qemu_args  # noqa: E402

MACHINES = [
    ('no NUMA, 2 GiB', None, 2048),
    ('2 nodes of 1 GiB', [(1024, 1), (1024, 1)], 2048),
]


def first_line(text, pattern):
    m = re.search(pattern, text, re.M)
    return m.group(0).strip() if m else '(none)'


def measure(binary, disk, nodes, mem):
    """{field: text} for one boot of @binary."""
    try:
        con = Console(binary, qemu_args(nodes, None, mem, 2) + [
            '-drive', 'if=none,format=raw,id=disk,file=' + disk,
            '-device', 'virtio-blk-device,drive=disk'])
    except AssertionError as e:
        return {'prompt': 'none: ' + str(e).splitlines()[-1]}
    try:
        banks = re.findall(r'^-> start\s*= (0x[0-9a-f]+)\n-> size\s*= '
                           r'(0x[0-9a-f]+)', con.run('bdinfo'), re.M)
        load = con.run('fatload virtio 0:1 ${kernel_addr_r} Image; '
                       'echo rc=$?', timeout=120)
        errors = sorted(set(line.strip() for line in
                            con.boot_log.splitlines()
                            if re.search(r'error|fail', line, re.I)))
        return {
            'version': first_line(con.boot_log, r'^U-Boot \d.*$'),
            'dram': first_line(con.boot_log, r'^DRAM:.*$'),
            'banks': ', '.join('%s+%s' % b for b in banks) or '(none)',
            'boot errors': '; '.join(errors) or '(none)',
            'load Image': ('ok: ' + first_line(load, r'\d+ bytes read.*$')
                           if 'rc=0' in load else
                           'refused: ' + '; '.join(
                               line.strip() for line in load.splitlines()
                               if line.strip() and 'rc=' not in line)),
        }
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument('--disk', required=True)
    ap.add_argument('uboot', nargs='+', metavar='NAME=U-BOOT.BIN')
    args = ap.parse_args()

    for spec in args.uboot:
        name, _, binary = spec.partition('=')
        print('== %s: %s' % (name, binary))
        for label, nodes, mem in MACHINES:
            print('  %s' % label)
            for field, text in measure(binary, args.disk, nodes,
                                       mem).items():
                print('    %-12s %s' % (field + ':', text))
        print()
    return 0


if __name__ == '__main__':
    sys.exit(main())
