#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Boot QEMU's virt machine with NUMA nodes on bootmem's U-Boot and let it
boot Linux from the disk; then check what Linux reported against the
topology QEMU was given, and where bootmem put kernel, initrd and FDT.

Exit status 0 only if Linux booted, its report is complete, and both agree.
"""

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu_numa  # noqa: E402


def boot(args, nodes, dist):
    # -nic none: virt's default NIC needs a PCI option ROM (ipxe-qemu).
    cmd = [os.environ.get('QEMU', 'qemu-system-aarch64'), '-M', 'virt',
           '-cpu', 'max,pauth-impdef=on', '-nographic', '-no-reboot',
           '-nic', 'none',
           '-bios', args.uboot] + qemu_numa.qemu_args(nodes, dist) + [
           '-drive', 'if=none,format=raw,id=disk,file=' + args.disk,
           '-device', 'virtio-blk-device,drive=disk']
    print(' '.join(cmd), flush=True)
    start = time.monotonic()
    with open(args.log, 'w') as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        out = []
        for raw in iter(proc.stdout.readline, b''):
            line = raw.decode('utf-8', 'replace')
            sys.stdout.write(line)
            log.write(line)
            out.append(line)
            if time.monotonic() - start > args.timeout:
                proc.kill()
                print('run: no power-off after %d s' % args.timeout)
                break
        proc.wait()
    print('run: QEMU ran %.1f s' % (time.monotonic() - start))
    return ''.join(out).replace('\r', '')


def check_placement(text, nodes, want):
    placed = qemu_numa.parse_placement(text)
    problems = []
    for image in ('kernel', 'initrd', 'fdt'):
        if image not in placed:
            problems.append('bootmem did not place the %s' % image)
            continue
        base, end, nid, _ = placed[image]
        actual = qemu_numa.node_of(base, nodes)
        if nid != actual or qemu_numa.node_of(end - 1, nodes) != actual:
            problems.append('%s said node %d, is on node %s'
                            % (image, nid, actual))
        elif want is not None and nid != want:
            problems.append('%s on node %d, wanted %d' % (image, nid, want))
    return problems, placed


def expected_node(nodes, dist, asked):
    """Where bootmem should put the images: the node asked for (default
    the boot CPU's, node 0), or the nearest with memory if it has none."""
    asked = asked or 0
    with_memory = [nid for nid, _, _ in qemu_numa.node_ranges(nodes)]
    if asked in with_memory:
        return asked
    return min(with_memory,
               key=lambda nid: (qemu_numa.distance(dist, asked, nid), nid))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--uboot')
    ap.add_argument('--disk')
    ap.add_argument('--nodes', default='2048:2 2048:2')
    ap.add_argument('--dist', default='')
    ap.add_argument('--node', type=int, help='node bootmem was told to use')
    ap.add_argument('--log', default='run.log')
    ap.add_argument('--timeout', type=int, default=180)
    ap.add_argument('--check', action='store_true',
                    help='only check NODES and DIST, boot nothing')
    args = ap.parse_args()

    try:
        nodes, dist = qemu_numa.parse_topology(args.nodes, args.dist)
        dist, filled = qemu_numa.complete_distances(nodes, dist)
    except qemu_numa.TopologyError as err:
        print('run: %s' % err, file=sys.stderr)
        return 2
    if filled:
        print('run: DIST has no distance for %s: using %d'
              % (' '.join('%d-%d' % pair for pair in filled),
                 qemu_numa.REMOTE_DISTANCE))
    if args.check:
        return 0
    if not args.uboot or not args.disk:
        ap.error('--uboot and --disk are needed to boot')
    text = boot(args, nodes, dist)
    rep = qemu_numa.parse_os_report(text)
    want = expected_node(nodes, dist, args.node)
    problems, placed = check_placement(text, nodes, want)
    problems += qemu_numa.check_os_report(rep, nodes, dist)
    if rep['initrd'] and 'initrd' in placed:
        if rep['initrd'][0] != placed['initrd'][3]:
            problems.append('Linux got the initrd at %#x, bootmem put it at '
                            '%#x' % (rep['initrd'][0], placed['initrd'][3]))
    if not any(name.startswith('board-handoff@') for name, _, _ in
               rep['reserved']):
        problems.append("Linux has no reserved-memory node for the board's "
                        'handoff buffer')

    print()
    for image, (base, end, nid, _) in sorted(placed.items()):
        print('run: %-6s %#x-%#x on node %d' % (image, base, end - 1, nid))
    print('run: Linux sees nodes %s' % rep['nodes'])
    for problem in problems:
        print('run: MISMATCH: ' + problem)
    print('run: %s (log: %s)' % ('FAILED' if problems else 'OK: Linux agrees'
                                 ' with the topology', args.log))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
