# SPDX-License-Identifier: GPL-2.0+
"""The device tree reader against trees QEMU itself writes.

For each -numa layout, QEMU dumps its virt machine's tree
(-machine virt,dumpdtb=FILE), test/tools/bootmem-fdt-info scans it with
bootmem_fdt_scan() and prints the registry, and the registry must say
exactly what the options said: RAM from 0x40000000 upwards in node order,
CPUs on their nodes, distances as given (mirrored where given one way,
10 and 20 where not given), and no reservation but the bitmap's own.

The tool is $BOOTMEM_FDT_INFO, or built with `make fdt-info`.
"""

import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QEMU = 'qemu-system-aarch64'
RAM_BASE = 0x40000000
MiB = 1 << 20
GiB = 1 << 30

# name: (-smp, [(node, mem bytes or 0, [cpus])], {(from, to): distance})
LAYOUTS = {
    'no-numa': (2, None, {}),
    'two-nodes': (4, [(0, 2 * GiB, [0, 1]), (1, 2 * GiB, [2, 3])], {}),
    'four-nodes-dist': (4, [(n, 1 * GiB, [n]) for n in range(4)],
                        {(0, 1): 15, (0, 2): 20, (0, 3): 25,
                         (1, 2): 30, (1, 3): 35, (2, 3): 40}),
    'asymmetric-dist': (2, [(0, 1 * GiB, [0]), (1, 1 * GiB, [1])],
                        {(0, 1): 15, (1, 0): 25}),
    'unequal-sizes': (3, [(0, 512 * MiB, [0]), (1, 2560 * MiB, [1, 2])], {}),
    'cpu-only-node': (6, [(0, 2 * GiB, [0, 1]), (1, 2 * GiB, [2, 3]),
                          (2, 0, [4, 5])],
                      {(0, 1): 20, (0, 2): 30, (1, 2): 30}),
}


@pytest.fixture(scope='session')
def fdt_info():
    tool = os.environ.get('BOOTMEM_FDT_INFO')
    if not tool:
        build = os.environ.get('BUILD', os.path.join(ROOT, 'build'))
        subprocess.run(['make', '-s', '-C', ROOT, 'fdt-info'], check=True)
        tool = os.path.join(build, 'tools', 'bootmem-fdt-info')
    assert os.access(tool, os.X_OK), tool
    return tool


def qemu_args(smp, nodes, dist):
    """The QEMU options of one layout (no -numa when nodes is None)."""
    args = ['-cpu', 'max', '-smp', str(smp)]
    if nodes is None:
        return args + ['-m', '1G']
    total = sum(mem for _, mem, _ in nodes)
    args += ['-m', '%dM' % (total // MiB)]
    for nid, mem, cpus in nodes:
        opt = 'node,nodeid=%d,cpus=%d-%d' % (nid, cpus[0], cpus[-1])
        if mem:
            args += ['-object', 'memory-backend-ram,id=m%d,size=%dM'
                     % (nid, mem // MiB)]
            opt += ',memdev=m%d' % nid
        args += ['-numa', opt]
    for (src, dst), val in sorted(dist.items()):
        args += ['-numa', 'dist,src=%d,dst=%d,val=%d' % (src, dst, val)]
    return args


def expected(smp, nodes, dist):
    """What the registry must hold: nodes, ranges, distances."""
    if nodes is None:
        nodes = [(0, 1 * GiB, list(range(smp)))]
    want = {'node': {}, 'range': [], 'distance': {}}
    base = RAM_BASE
    for nid, mem, cpus in nodes:
        mask = sum(1 << c for c in cpus)
        want['node'][nid] = (mem, len(cpus), mask)
        if mem:
            want['range'].append((nid, base, mem))
            base += mem
    for a, _, _ in nodes:
        for b, _, _ in nodes:
            if a == b:
                d = 10
            else:
                d = dist.get((a, b), dist.get((b, a), 20))
            want['distance'][(a, b)] = d
    return want


def parse(text):
    """bootmem-fdt-info's records, keyed as in expected()."""
    got = {'node': {}, 'range': [], 'distance': {}, 'reserved': []}
    for line in text.splitlines():
        f = line.split()
        if f[0] == 'node':
            got['node'][int(f[1])] = (int(f[3], 16), int(f[5]),
                                      int(f[7], 16))
        elif f[0] == 'range':
            got['range'].append((int(f[1]), int(f[2], 16), int(f[3], 16)))
        elif f[0] == 'distance':
            got['distance'][(int(f[1]), int(f[2]))] = int(f[3])
        elif f[0] == 'reserved':
            got['reserved'].append(' '.join(f[5:]))
        else:
            raise AssertionError('unexpected line: ' + line)
    return got


@pytest.mark.parametrize('name', sorted(LAYOUTS))
def test_qemu_tree_matches_numa_options(name, fdt_info, tmp_path):
    smp, nodes, dist = LAYOUTS[name]
    dtb = tmp_path / (name + '.dtb')
    cmd = [QEMU, '-machine', 'virt,dumpdtb=%s' % dtb, '-nographic',
           '-nodefaults'] + qemu_args(smp, nodes, dist)
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, ' '.join(cmd) + '\n' + res.stderr

    res = subprocess.run([fdt_info, str(dtb)], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    got = parse(res.stdout)
    want = expected(smp, nodes, dist)

    assert got['node'] == want['node']
    assert sorted(got['range']) == sorted(want['range'])
    assert got['distance'] == want['distance']
    # QEMU reserves nothing: only the bitmap's own pages are reserved.
    assert set(got['reserved']) == {'bootmem bitmap'}
