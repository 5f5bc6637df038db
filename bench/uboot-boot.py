#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Time QEMU start to U-Boot's autoboot prompt for the same U-Boot 2025.01
built with and without bootmem, on the same 2-node machine, alternating
runs, and write the medians and their ratio as a Markdown table.

Usage: uboot-boot.py WITH WITHOUT OUT.md [RUNS]

Both are timed to "Hit any key to stop autoboot": after DRAM set-up,
relocation and (with bootmem) bootmem's set-up right after relocation
(common/bootmem.c), whose own time it prints ("bootmem: ready in N us",
U-Boot's timer).
"""

import os
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
    with_bm, without, out = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 11
    t = {'with': [], 'without': []}
    setup_us = []
    for _ in range(runs):
        t['with'].append(time_to_prompt(with_bm, setup_us))
        t['without'].append(time_to_prompt(without, []))
    mw, mo = statistics.median(t['with']), statistics.median(t['without'])
    with open(out, 'w') as f:
        f.write('QEMU start to "Hit any key to stop autoboot" on 2 NUMA nodes '
                'of 2 GiB, %d alternating runs each (median). Both are '
                'U-Boot 2025.01 from the same source, defconfig and '
                'fragment (board/qemu-virt/bootmem.config); "without" has '
                'CONFIG_BOOTMEM off (its command and unit tests with it) and '
                'no board_early_init_r(), which only makes the board\'s '
                'bootmem allocations (`make bench-uboot-nobootmem`). Without '
                'bootmem, LMB is U-Boot\'s own lib/lmb.c.\n\n' % runs)
        f.write('| U-Boot | median | quartiles | runs |\n'
                '|---|---|---|---|\n')
        for name, path, runs_s in (('with', with_bm, t['with']),
                                   ('without', without, t['without'])):
            q = statistics.quantiles(runs_s, n=4)
            f.write('| %s bootmem (%s) | %.3f s | %.3f .. %.3f s | %s |\n' % (
                name, os.path.relpath(path), statistics.median(runs_s),
                q[0], q[2],
                ' '.join('%.3f' % x for x in runs_s)))
        f.write('\nRatio of medians: **%.3f** (target: within 2%% of the '
                'same U-Boot without bootmem, i.e. ≤ 1.02: %s).\n' % (
                    mw / mo, 'met' if mw / mo <= 1.02 else 'missed'))
        if setup_us:
            f.write('\nInside U-Boot, bootmem\'s set-up (device tree '
                    'scan, U-Boot\'s reservations and enable, as '
                    'bootmem_init_r() times it; not the board\'s own '
                    'allocations) takes a median of **%d µs** (U-Boot\'s '
                    'timer; runs: %s).\n' % (statistics.median(setup_us),
                                             ' '.join(map(str, setup_us))))
    print('uboot-boot: with bootmem %.3f s, without %.3f s, ratio %.3f' % (
        mw, mo, mw / mo))
    return 0


if __name__ == '__main__':
    sys.exit(main())
