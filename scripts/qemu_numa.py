# SPDX-License-Identifier: GPL-2.0+
"""NUMA topologies for QEMU's virt machine, and what Linux reports of them.

A topology is ``nodes``, one entry per node id in order: an int (MiB of
RAM, one CPU) or a (MiB, CPUs) tuple; 0 MiB is a node with CPUs and no
memory. ``dist`` maps (src, dst) to a distance (QEMU mirrors a pair given
one way). ``nodes`` None means no NUMA at all: ``mem`` MiB, ``smp`` CPUs.

Used by `make run` (scripts/run.py) and the QEMU tests (test/qemu).
"""

import re

RAM_BASE = 0x40000000
MiB = 1 << 20
# The kernel keeps some of each node's memory for itself: a fixed part
# (its image, the initrd, per-node structures) and a part that grows with
# the node (its struct pages, 64 bytes per 4 KiB page, and page tables).
MEMTOTAL_SLACK = 200 * MiB
MEMTOTAL_SLACK_PER_MIB = 0.03


def memtotal_slack(size):
    """Bytes of a node of @size bytes that Linux may not count in
    MemTotal."""
    return MEMTOTAL_SLACK + int(size * MEMTOTAL_SLACK_PER_MIB)


def node_entry(entry):
    """(MiB, CPUs) of one node entry."""
    if isinstance(entry, int):
        return entry, 1
    return entry


def qemu_args(nodes=None, dist=None, mem=1024, smp=2):
    """QEMU's -smp, -m, -object and -numa options for a topology."""
    if nodes is None:
        return ['-smp', str(smp), '-m', '%dM' % mem]
    total_mem = sum(node_entry(n)[0] for n in nodes)
    total_cpus = sum(node_entry(n)[1] for n in nodes)
    args = ['-smp', str(max(total_cpus, 1)), '-m', '%dM' % total_mem]
    cpu = 0
    for nid, entry in enumerate(nodes):
        size, cpus = node_entry(entry)
        opt = 'node,nodeid=%d' % nid
        if cpus:
            opt += ',cpus=%d-%d' % (cpu, cpu + cpus - 1)
            cpu += cpus
        if size:
            args += ['-object',
                     'memory-backend-ram,id=m%d,size=%dM' % (nid, size)]
            opt += ',memdev=m%d' % nid
        args += ['-numa', opt]
    for (src, dst), val in sorted((dist or {}).items()):
        args += ['-numa', 'dist,src=%d,dst=%d,val=%d' % (src, dst, val)]
    return args


def node_ranges(nodes, mem=1024):
    """[(nid, base, size)]: QEMU's RAM, contiguous from 1 GiB in node order."""
    if nodes is None:
        return [(0, RAM_BASE, mem * MiB)]
    ranges, base = [], RAM_BASE
    for nid, entry in enumerate(nodes):
        size = node_entry(entry)[0] * MiB
        if size:
            ranges.append((nid, base, size))
            base += size
    return ranges


def distance(dist, src, dst):
    """The distance QEMU gives Linux between two nodes."""
    if src == dst:
        return 10
    dist = dist or {}
    return dist.get((src, dst), dist.get((dst, src), 20))


class TopologyError(ValueError):
    """A NODES or DIST that QEMU would refuse or Linux would not take; the
    message is one line."""


LOCAL_DISTANCE = 10
REMOTE_DISTANCE = 20    # QEMU's and Linux's default between two nodes
MAX_DISTANCE = 255


def _number(text, what):
    if not text.isdigit():
        raise TopologyError('%s: expected a number, got %r' % (what, text))
    return int(text)


def parse_topology(nodes_str, dist_str=''):
    """`make run` variables: NODES="2048:2 2048:2" (MiB:CPUs per node, or
    "none" for no NUMA) and DIST="0-1:20 0-2:30" (src-dst:distance).
    Returns (nodes, dist) as given; raises TopologyError for malformed
    input, a DIST that names a node NODES lacks, a local distance other
    than 10, a remote one outside 11..255, or a pair given twice."""
    if nodes_str.strip() in ('', 'none'):
        if dist_str.strip():
            raise TopologyError('DIST %r needs NUMA nodes, NODES is none'
                                % dist_str.strip())
        return None, {}
    nodes = []
    for item in nodes_str.split():
        mib, _, cpus = item.partition(':')
        nodes.append((_number(mib, 'NODES ' + item),
                      _number(cpus, 'NODES ' + item) if cpus else 1))
    dist = {}
    for item in dist_str.split():
        pair, colon, val = item.partition(':')
        src, dash, dst = pair.partition('-')
        if not colon or not dash:
            raise TopologyError('DIST %s: expected src-dst:distance' % item)
        src, dst = (_number(n, 'DIST ' + item) for n in (src, dst))
        val = _number(val, 'DIST ' + item)
        for nid in (src, dst):
            if nid >= len(nodes):
                raise TopologyError('DIST %s: no node %d, NODES has %d '
                                    '(0-%d)' % (item, nid, len(nodes),
                                                len(nodes) - 1))
        if src == dst and val != LOCAL_DISTANCE:
            raise TopologyError('DIST %s: a node is at distance %d from '
                                'itself' % (item, LOCAL_DISTANCE))
        if src != dst and not LOCAL_DISTANCE < val <= MAX_DISTANCE:
            raise TopologyError('DIST %s: a distance between two nodes is '
                                '%d..%d' % (item, LOCAL_DISTANCE + 1,
                                            MAX_DISTANCE))
        if (src, dst) in dist:
            raise TopologyError('DIST %s: %d-%d given twice'
                                % (item, src, dst))
        dist[(src, dst)] = val
    return nodes, dist


def complete_distances(nodes, dist):
    """The distance map to give QEMU, and the pairs it had to fill in.

    No DIST at all: nothing, and QEMU uses 10 and 20 itself. A partial DIST:
    QEMU wants every pair of nodes at least one way, so a pair given
    neither way gets 20 (returned in the list of filled pairs, (src, dst)
    with src < dst). A pair given one way means the same both ways; but once
    some pair is given both ways with two values, QEMU takes the table as
    asymmetric and wants both ways of every pair: a pair given one way is
    then a TopologyError.
    """
    if not dist:
        return {}, []
    full = dict(dist)
    asymmetric = sorted((a, b) for (a, b), val in dist.items()
                        if a < b and dist.get((b, a), val) != val)
    filled = []
    for a in range(len(nodes)):
        for b in range(a + 1, len(nodes)):
            given = [p for p in ((a, b), (b, a)) if p in dist]
            if not given:
                filled.append((a, b))
                full[(a, b)] = REMOTE_DISTANCE
                if asymmetric:
                    full[(b, a)] = REMOTE_DISTANCE
            elif asymmetric and len(given) == 1:
                src, dst = given[0]
                raise TopologyError(
                    'DIST gives %d-%d one way only, but %d-%d and %d-%d '
                    'differ, so QEMU wants both ways of every pair'
                    % (src, dst, asymmetric[0][0], asymmetric[0][1],
                       asymmetric[0][1], asymmetric[0][0]))
    return full, filled


def parse_os_report(text):
    """What scripts/initramfs/init printed: {'nodes': [..], 'node': {nid:
    {...}}, 'reserved': [(name, base, size)], 'initrd': (start, end),
    'checksum': 'OK'|'BAD', 'iomem': [lines], 'end': bool}."""
    rep = {'nodes': [], 'node': {}, 'reserved': [], 'iomem': [],
           'dt_memory': [], 'efi_memory': [], 'initrd': None,
           'checksum': None, 'end': False}
    start = None
    for line in text.splitlines():
        m = re.match(r'\s*BOOTMEM-OS: (\S+) ?(.*?)\s*$', line)
        if not m:
            continue
        key, rest = m.groups()
        words = rest.split()
        if key == 'nodes':
            rep['nodes'] = [int(w) for w in words]
        elif key == 'node':
            node = rep['node'].setdefault(int(words[0]), {'ranges': []})
            if words[1] == 'memtotal_kb':
                node['memtotal'] = int(words[2]) * 1024
            elif words[1] == 'distance':
                node['distance'] = [int(w) for w in words[2:]]
            elif words[1] == 'range':
                lo, hi = words[2].split('-')
                node['ranges'].append((int(lo, 16), int(hi, 16) + 1))
            elif words[1] == 'cpus':
                node['cpus'] = words[2]
        elif key == 'reserved-memory' and words[0] != 'none':
            rep['reserved'].append((words[0], int(words[2], 16),
                                    int(words[3], 16)))
        elif key == 'initrd-start':
            start = int(words[0], 16)
        elif key == 'initrd-end' and start is not None and words[0] != 'none':
            rep['initrd'] = (start, int(words[0], 16))
        elif key == 'initrd' and words[0] == 'checksum':
            rep['checksum'] = words[1]
        elif key == 'iomem':
            rep['iomem'].append(rest)
        elif key == 'dt-memory':
            regs = [int(w, 16) for w in words[4:]]
            rep['dt_memory'].append(
                (words[0], None if words[2] == 'none' else int(words[2]),
                 list(zip(regs[0::2], regs[1::2]))))
        elif key == 'klog':
            # efi=debug: "efi:   0x000040000000-0x0000400fffff [Conventional|..."
            efi = re.match(r'efi:\s+0x([0-9a-f]+)-0x([0-9a-f]+) \[([^|\]]+)',
                           rest)
            if efi:
                rep['efi_memory'].append((int(efi.group(1), 16),
                                          int(efi.group(2), 16) + 1,
                                          efi.group(3).strip()))
        elif key == 'end':
            rep['end'] = True
    return rep


def parse_placement(text):
    """bootmem boot's lines: {'kernel': (base, end, nid, load), ...}."""
    placed = {}
    for m in re.finditer(r'bootmem: (kernel|initrd|fdt)\s+(0x[0-9a-f]+)-'
                         r'(0x[0-9a-f]+) node (\d+) .* at (0x[0-9a-f]+)\)',
                         text):
        placed[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16) + 1,
                              int(m.group(4)), int(m.group(5), 16))
    return placed


def check_os_report(rep, nodes, dist=None, mem=1024):
    """Problems with Linux's view of the machine, as sentences; [] if it
    agrees with the topology QEMU was given."""
    problems = []
    ranges = node_ranges(nodes, mem)
    # Linux brings up nodes with memory or CPUs.
    want = [0] if nodes is None else [
        nid for nid, entry in enumerate(nodes) if any(node_entry(entry))]
    if not rep['end']:
        problems.append('the OS did not finish its report')
    if rep['nodes'] != want and (nodes is not None or rep['nodes'] != [0]):
        problems.append('Linux sees nodes %s, expected %s'
                        % (rep['nodes'], want))
    for nid, base, size in ranges:
        node = rep['node'].get(nid, {})
        total = node.get('memtotal', 0)
        if not size - memtotal_slack(size) < total <= size:
            problems.append('node %d: MemTotal %d MiB, RAM %d MiB'
                            % (nid, total // MiB, size // MiB))
        # Under UEFI, Linux splits a node's range where the EFI memory map
        # changes type (runtime regions are not mapped); touching pieces
        # are one range.
        if node.get('ranges') and merge(node['ranges']) != [(base,
                                                               base + size)]:
            problems.append('node %d: ranges %s, expected %#x-%#x'
                            % (nid, node['ranges'], base, base + size))
        expect = [distance(dist, nid, other) for other in want]
        if nodes is not None and node.get('distance') != expect:
            problems.append('node %d: distances %s, expected %s'
                            % (nid, node.get('distance'), expect))
    if rep['checksum'] != 'OK':
        problems.append('initrd checksum %s' % rep['checksum'])
    return problems


def merge(ranges):
    """[(start, end)] sorted, touching and overlapping ones joined."""
    out = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# EFI memory types that are not RAM.
EFI_NOT_RAM = ('MMIO', 'MMIO Port')


def check_efi_memory(rep):
    """Problems with the EFI memory map Linux logged (efi=debug) against
    the device tree's memory nodes, as sentences: the RAM it describes must
    be exactly the RAM the memory nodes give to nodes, and every memory
    node must carry a node id."""
    if not rep['efi_memory']:
        return ['Linux logged no EFI memory map (booted without UEFI, or '
                'without efi=debug)']
    problems = []
    dt = merge((base, base + size) for _, _, regs in rep['dt_memory']
               for base, size in regs)
    efi = merge((start, end) for start, end, kind in rep['efi_memory']
                if kind not in EFI_NOT_RAM)
    if efi != dt:
        problems.append('EFI memory map RAM %s, device tree memory nodes %s'
                        % (' '.join('%#x-%#x' % (a, b - 1) for a, b in efi),
                           ' '.join('%#x-%#x' % (a, b - 1) for a, b in dt)))
    for name, nid, _ in rep['dt_memory']:
        if nid is None and len(rep['dt_memory']) > 1:
            problems.append('%s has no numa-node-id' % name)
    return problems


def kernel_base(rep):
    """Where Linux's code runs, from /proc/iomem, or None."""
    code = [line for line in rep['iomem'] if 'Kernel code' in line]
    return int(code[0].split('-')[0], 16) if code else None


def node_of(addr, nodes, mem=1024):
    """The node QEMU put physical address @addr on, or None."""
    for nid, base, size in node_ranges(nodes, mem):
        if base <= addr < base + size:
            return nid
    return None
