#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Time QEMU start to U-Boot's autoboot prompt for our U-Boot and Debian's
prebuilt 2023.01 (u-boot-qemu) on the same 2-node machine, alternating
runs, and write the medians and their ratio as a Markdown table.

Usage: uboot-boot.py OURS STOCK OUT.md [RUNS]

Start to kernel hand-off needs the kernel booted by each U-Boot; stock
U-Boot sees only one NUMA node's memory and cannot load Linux on this
machine, so both are timed to the same point instead: "Hit any key to
stop autoboot", after DRAM set-up, relocation and (ours) bootmem's set-up
right after relocation (common/bootmem.c), whose own time ours prints
("bootmem: ready in N us", U-Boot's timer).
"""

import re
import statistics
import subprocess
import sys
import time

MARK = b'Hit any key to stop autoboot'
QEMU = ['qemu-system-aarch64', '-M', 'virt', '-cpu', 'max,pauth-impdef=on',
        '-nographic', '-no-reboot', '-nic', 'none', '-smp', '4', '-m', '4G',
        '-object', 'memory-backend-ram,id=m0,size=2G',
        '-object', 'memory-backend-ram,id=m1,size=2G',
        '-numa', 'node,nodeid=0,cpus=0-1,memdev=m0',
        '-numa', 'node,nodeid=1,cpus=2-3,memdev=m1']


def time_to_prompt(bios, setup_us):
    """Seconds to the prompt; appends bootmem's own set-up time if shown."""
    start = time.monotonic()
    proc = subprocess.Popen(QEMU + ['-bios', bios], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = b''
    try:
        while MARK not in seen:
            chunk = proc.stdout.read1(4096)
            if not chunk or time.monotonic() - start > 60:
                raise RuntimeError('no autoboot prompt from %s' % bios)
            seen += chunk
        ready = re.search(rb'bootmem: ready in (\d+) us', seen)
        if ready:
            setup_us.append(int(ready.group(1)))
        return time.monotonic() - start
    finally:
        proc.kill()
        proc.wait()


def main():
    ours, stock, out = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 11
    t = {'ours': [], 'stock': []}
    setup_us = []
    for _ in range(runs):
        t['ours'].append(time_to_prompt(ours, setup_us))
        t['stock'].append(time_to_prompt(stock, []))
    mo, ms = statistics.median(t['ours']), statistics.median(t['stock'])
    with open(out, 'w') as f:
        f.write('QEMU start to "Hit any key to stop autoboot" on 2 NUMA nodes '
                'of 2 GiB, %d alternating runs each (median):\n\n' % runs)
        f.write('| U-Boot | median | runs |\n|---|---|---|\n')
        f.write('| ours (build/uboot/u-boot.bin) | %.3f s | %s |\n' % (
            mo, ' '.join('%.3f' % x for x in t['ours'])))
        f.write('| Debian u-boot-qemu 2023.01 | %.3f s | %s |\n' % (
            ms, ' '.join('%.3f' % x for x in t['stock'])))
        f.write('\nRatio of medians: **%.3f** (target: within 2%% of the '
                'same U-Boot without bootmem, i.e. ≤ 1.02: %s). This is a '
                'placeholder until the U-Boot 2025.01 port: "without '
                'bootmem" is Debian\'s prebuilt 2023.01 here, whose '
                'configuration differs from ours; the method -- alternating '
                'runs in one benchmark run, ratio of medians -- stays.\n' % (
                    mo / ms, 'met' if mo / ms <= 1.02 else 'missed'))
        if setup_us:
            f.write('\nInside our U-Boot, bootmem\'s set-up (device tree '
                    'scan, U-Boot\'s reservations, enable, board '
                    'allocations) takes a median of **%d µs** (U-Boot\'s '
                    'timer; runs: %s).\n' % (statistics.median(setup_us),
                                             ' '.join(map(str, setup_us))))
    print('uboot-boot: ours %.3f s, stock %.3f s, ratio %.3f' % (mo, ms, mo / ms))
    return 0


if __name__ == '__main__':
    sys.exit(main())
