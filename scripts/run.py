#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Boot QEMU's virt machine with NUMA nodes on bootmem's U-Boot and let it
boot Linux from the disk, with no typing: U-Boot's default bootcmd
(standard boot) finds what the disk holds. Then check what Linux reported
against the topology QEMU was given, and where the kernel, initrd and FDT
went.

--boot says what the disk holds: efi (GRUB through UEFI), extlinux, script
(a distribution's boot.scr) or bootmem (a boot.scr running `bootmem boot`,
the explicit path, whose placement lines are checked too). With --node,
the autoboot is interrupted and `setenv bootmem_node N; boot` typed (for
bootmem, the node is in its script).

Exit status 0 only if Linux booted, its report is complete, and both agree.
"""

import argparse
import os
import re
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu_numa  # noqa: E402

BOOTS = ('efi', 'extlinux', 'script', 'bootmem')


class Tee:
    """pexpect's log: the console, a file, and the text for the checks."""

    def __init__(self, log):
        self.log = log
        self.out = []

    def write(self, text):
        sys.stdout.write(text)
        self.log.write(text)
        self.out.append(text)

    def flush(self):
        sys.stdout.flush()
        self.log.flush()


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
        tee = Tee(log)
        child = pexpect.spawn(cmd[0], cmd[1:], encoding='utf-8',
                              codec_errors='replace', logfile=tee,
                              timeout=args.timeout)
        try:
            if args.node is not None and args.boot != 'bootmem':
                child.expect('Hit any key to stop autoboot')
                child.send(' ')
                child.expect_exact('=> ')
                child.sendline('setenv %s %d' % (NODE_VAR, args.node))
                child.expect_exact('=> ')
                child.sendline('boot')
            child.expect(pexpect.EOF)
        except pexpect.TIMEOUT:
            print('\nrun: no power-off after %d s' % args.timeout)
        child.close(force=True)
    print('run: QEMU ran %.1f s' % (time.monotonic() - start))
    return ''.join(tee.out).replace('\r', '')


# The environment variable that names the node to boot on (U-Boot's
# common/bootmem_load.c).
NODE_VAR = 'bootmem_node'


def check_linux_placement(text, rep, nodes, want):
    """Where the kernel runs and the initrd lies, from Linux's own report,
    and the device tree booti copied (U-Boot's "Loading Device Tree to"),
    for the boot paths that do not print bootmem's placement lines."""
    problems = []
    placed = {}
    kbase = qemu_numa.kernel_base(rep)
    if kbase is None:
        problems.append('Linux did not report where its code runs')
    else:
        placed['kernel'] = (kbase, kbase + 1)
    if rep['initrd']:
        placed['initrd'] = rep['initrd']
    else:
        problems.append('Linux got no initrd')
    fdt = re.search(r'Loading Device Tree to ([0-9a-f]+), end ([0-9a-f]+)',
                    text)
    if fdt:
        placed['fdt'] = (int(fdt.group(1), 16), int(fdt.group(2), 16))
    for image, (base, end) in sorted(placed.items()):
        on = {qemu_numa.node_of(base, nodes), qemu_numa.node_of(end - 1, nodes)}
        if on != {want}:
            problems.append('%s at %#x-%#x is on node %s, wanted %d'
                            % (image, base, end - 1,
                               '/'.join(str(n) for n in sorted(on, key=str)),
                               want))
    return problems, placed


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
    ap.add_argument('--boot', choices=BOOTS, default='bootmem',
                    help='what the disk holds (see above)')
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
    if args.boot == 'bootmem':
        problems, placed = check_placement(text, nodes, want)
        if rep['initrd'] and 'initrd' in placed:
            if rep['initrd'][0] != placed['initrd'][3]:
                problems.append('Linux got the initrd at %#x, bootmem put it '
                                'at %#x' % (rep['initrd'][0],
                                            placed['initrd'][3]))
        placed = {image: p[:2] for image, p in placed.items()}
    else:
        problems, placed = check_linux_placement(text, rep, nodes, want)
    problems += qemu_numa.check_os_report(rep, nodes, dist)
    if args.boot == 'efi':
        problems += qemu_numa.check_efi_memory(rep)
    if not any(name.startswith('board-handoff@') for name, _, _ in
               rep['reserved']):
        problems.append("Linux has no reserved-memory node for the board's "
                        'handoff buffer')

    print()
    for image, (base, end) in sorted(placed.items()):
        # Of the kernel Linux reports only where its code starts.
        where = ('%#x' % base if end - base == 1 else
                 '%#x-%#x' % (base, end - 1))
        print('run: %-6s %s on node %s' % (
            image, where, qemu_numa.node_of(base, nodes)))
    print('run: Linux sees nodes %s' % rep['nodes'])
    for problem in problems:
        print('run: MISMATCH: ' + problem)
    print('run: %s (log: %s)' % ('FAILED' if problems else 'OK: Linux agrees'
                                 ' with the topology', args.log))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
