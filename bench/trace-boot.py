#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Boot Debian's arm64 kernel in QEMU with memblock=debug on 2 and 4 NUMA
nodes and turn every early memblock allocation, reservation and free into
a compact trace for the benchmark (bench/traces/boot-*node.trace).

Trace lines (numbers hex, sizes in bytes; every A, X and R line is a step
that a later F line may name by its index, counting from 0 over A/X/R/F):
  node NID BASE SIZE                 RAM of a node ("Early memory node ranges")
  A SIZE ALIGN NID GOAL LIMIT EXACT  allocation (NID -1: any; LIMIT -: none)
  X ADDR SIZE                        reservation that is later freed
                                     (replayed as allocate-at)
  R ADDR SIZE                        reservation kept for good
  F STEP OFFSET SIZE                 free SIZE bytes at OFFSET into STEP

Usage: trace-boot.py [--image I --initrd I] [--log-dir D] [--from-log LOG
OUT] [OUTDIR]
"""

import argparse
import os
import re
import subprocess
import sys

PAGE = 4096
CMDLINE = 'memblock=debug log_buf_len=8M earlycon=pl011,0x9000000 console=ttyAMA0'

LINE = re.compile(r'^(?:\[\s*[\d.]+\]\s+)?(.*)$')
ALLOC = re.compile(r'(memblock_alloc_try_nid|memblock_alloc_try_nid_raw|'
                   r'memblock_alloc_exact_nid_raw|memblock_phys_alloc_range):'
                   r' (\d+) bytes align=(0x[0-9a-f]+)(?: nid=(-?\d+))?'
                   r' from=(0x[0-9a-f]+) max_addr=(0x[0-9a-f]+) (\S+)')
RANGE = re.compile(r'(memblock_reserve|memblock_phys_free|memblock_free):'
                   r' \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] (\S+)')
NODE = re.compile(r'^\s*node\s+(\d+): \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]')


def qemu_cmd(image, initrd, nodes):
    mem = 4096
    cmd = ['qemu-system-aarch64', '-M', 'virt', '-cpu', 'max,pauth-impdef=on',
           '-nographic', '-no-reboot', '-nic', 'none', '-smp', str(nodes),
           '-m', '%dM' % mem,
           '-kernel', image, '-initrd', initrd, '-append', CMDLINE]
    for n in range(nodes):
        cmd += ['-object', 'memory-backend-ram,id=m%d,size=%dM' % (n, mem // nodes),
                '-numa', 'node,nodeid=%d,cpus=%d,memdev=m%d' % (n, n, n)]
    return cmd


def boot(cmd, log):
    print(' '.join(cmd), flush=True)
    with open(log, 'w') as f:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f,
                       stderr=subprocess.STDOUT, timeout=300, check=True)


def parse(text):
    """Return (nodes, steps, notes): steps are lists as written out."""
    lines = [LINE.match(l).group(1) for l in text.replace('\r', '').split('\n')]
    nodes = []
    for l in lines:
        m = NODE.match(l)
        if m:
            lo, hi = int(m.group(2), 16), int(m.group(3), 16) + 1
            nodes.append((int(m.group(1)), lo, hi - lo))

    def node_of(addr):
        for nid, base, size in nodes:
            if base <= addr < base + size:
                return nid
        return -1

    steps = []      # [kind, fields..., memblock_base, memblock_size]
    notes = {'unannounced': 0, 'zero_free': 0, 'unaligned_free': 0,
             'orphan_free': 0}
    pending = None
    for l in lines:
        m = ALLOC.search(l)
        if m:
            size, align = int(m.group(2)), int(m.group(3), 16) or 64
            nid = int(m.group(4)) if m.group(4) is not None else -1
            goal, limit = int(m.group(5), 16), int(m.group(6), 16)
            exact = 1 if m.group(1) == 'memblock_alloc_exact_nid_raw' else 0
            # 0 is "accessible", 1 "accessible, no leak tracking": no limit.
            pending = ['A', size, align, nid, goal,
                       None if limit <= 1 else limit, exact]
            continue
        m = RANGE.search(l)
        if not m:
            continue
        what, lo, hi = m.group(1), int(m.group(2), 16), int(m.group(3), 16) + 1
        if what == 'memblock_reserve':
            if m.group(4).startswith('memblock_alloc_range_nid'):
                if pending is None:
                    # memblock_phys_alloc_try_nid() (NODE_DATA) logs no
                    # request line of its own: only this reservation.
                    notes['unannounced'] += 1
                    pending = ['A', hi - lo, 64, node_of(lo), 0, None, 0]
                steps.append(pending + [lo, hi - lo])
                pending = None
            else:
                steps.append(['R', lo, hi - lo, lo, hi - lo])
            continue
        if hi <= lo:
            notes['zero_free'] += 1         # Linux frees nothing
            continue
        for i in range(len(steps) - 1, -1, -1):
            s = steps[i]
            if s[0] in 'AXR' and s[-2] <= lo and hi <= s[-2] + s[-1]:
                break
        else:
            notes['orphan_free'] += 1
            continue
        off = lo - s[-2]
        if off % PAGE or (hi - lo) % PAGE:
            notes['unaligned_free'] += 1
            continue
        if s[0] == 'R':
            s[0] = 'X'
        steps.append(['F', i, off, hi - lo])
    return nodes, steps, notes


def write(path, source, nodes, steps, notes):
    counts = {k: sum(1 for s in steps if s[0] == k) for k in 'AXRF'}
    with open(path, 'w') as f:
        f.write('# bootmem boot trace: %s\n' % source)
        f.write('# kernel command line: %s\n' % CMDLINE)
        f.write('# steps: %d alloc, %d reserve-then-free (X), %d reserve, '
                '%d free\n' % (counts['A'], counts['X'], counts['R'],
                               counts['F']))
        f.write('# dropped: %s\n' % ', '.join('%s %d' % kv
                                              for kv in sorted(notes.items())))
        for nid, base, size in nodes:
            f.write('node %d %#x %#x\n' % (nid, base, size))
        for s in steps:
            if s[0] == 'A':
                f.write('A %#x %#x %d %#x %s %d\n' % (
                    s[1], s[2], s[3], s[4],
                    '-' if s[5] is None else '%#x' % s[5], s[6]))
            elif s[0] in 'XR':
                f.write('%s %#x %#x\n' % (s[0], s[1], s[2]))
            else:
                f.write('F %d %#x %#x\n' % (s[1], s[2], s[3]))
    print('%s: %d nodes, %s, dropped %s' % (path, len(nodes), counts, notes))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get('BUILD', os.path.join(here, '..', 'build'))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--image', default=os.path.join(build, 'os', 'Image'))
    ap.add_argument('--initrd', default=os.path.join(build, 'os', 'initrd.img'))
    ap.add_argument('--log-dir', default=os.path.join(build, 'bench'))
    ap.add_argument('--from-log', nargs=2, metavar=('LOG', 'OUT'),
                    help='only convert an existing boot log')
    ap.add_argument('outdir', nargs='?', default=os.path.join(here, 'traces'))
    args = ap.parse_args()

    if args.from_log:
        with open(args.from_log[0], errors='replace') as f:
            write(args.from_log[1], args.from_log[0], *parse(f.read()))
        return 0
    os.makedirs(args.log_dir, exist_ok=True)
    os.makedirs(args.outdir, exist_ok=True)
    for nodes in (2, 4):
        cmd = qemu_cmd(args.image, args.initrd, nodes)
        log = os.path.join(args.log_dir, 'boot-%dnode.log' % nodes)
        boot(cmd, log)
        with open(log, errors='replace') as f:
            text = f.read()
        source = ('Debian linux-image-6.1.0-56-arm64 on qemu-system-aarch64 '
                  '-M virt, %d NUMA nodes of %d MiB' % (nodes, 4096 // nodes))
        write(os.path.join(args.outdir, 'boot-%dnode.trace' % nodes), source,
              *parse(text))
    return 0


if __name__ == '__main__':
    sys.exit(main())
