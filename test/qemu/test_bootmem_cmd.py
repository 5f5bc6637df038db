# SPDX-License-Identifier: GPL-2.0+
"""The bootmem command at the U-Boot prompt.

`bootmem info` must describe the machine QEMU was given, `bootmem alloc -n N
-x` must land on node N, every malformed or refused command must print one
line, fail, leave the prompt working and `bootmem map` byte for byte as it
was, and `ut bootmem` must pass inside QEMU without disturbing the live
allocator.
"""

import re

import pytest

from conftest import RAM_BASE, MiB, node_ranges, TOPOLOGIES

GiB = 1024 * MiB
LABEL_24 = 'abcdefghijklmnopqrstuvwx'



@pytest.fixture(autouse=True)
def need_command(uboot_config):
    if uboot_config and uboot_config.get('CONFIG_CMD_BOOTMEM') != 'y':
        pytest.skip('U-Boot built without the bootmem command')


def boot(uboot, name):
    nodes, dist = TOPOLOGIES[name]
    return uboot(nodes=nodes, dist=dist)


def expected_nodes(name):
    """{nid: (cpu list, [(base, size)])} QEMU gives for a topology."""
    nodes, _ = TOPOLOGIES[name]
    if nodes is None:
        nodes = [(1024, 2)]
    out, cpu = {}, 0
    for nid, entry in enumerate(nodes):
        cpus = 1 if isinstance(entry, int) else entry[1]
        out[nid] = (list(range(cpu, cpu + cpus)), [])
        cpu += cpus
    for nid, base, size in node_ranges(TOPOLOGIES[name][0]):
        out[nid][1].append((base, size))
    return out


def expected_distance(name, a, b):
    dist = TOPOLOGIES[name][1] or {}
    if a == b:
        return 10
    return dist.get((a, b), dist.get((b, a), 20))


def cpu_list(text):
    """[0, 1, 4] from "0-1,4"; [] from "none"."""
    cpus = []
    for part in text.split(','):
        if part == 'none':
            continue
        first, _, last = part.partition('-')
        cpus += range(int(first), int(last or first) + 1)
    return cpus


def parse_info(text):
    """{'nodes': n, 'boot': nid, 'node': {nid: {...}}, 'dist': {(a, b): d}}."""
    info = {'node': {}, 'dist': {}}
    m = re.search(r'^bootmem: (\d+) nodes?, boot node (\d+)', text, re.M)
    assert m, text
    info['nodes'], info['boot'] = int(m.group(1)), int(m.group(2))
    m = re.search(r'^bitmap: \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]  (0x[0-9a-f]+)',
                  text, re.M)
    assert m, text
    info['bitmap'] = (int(m.group(1), 16), int(m.group(3), 16))
    node = None
    for line in text.splitlines():
        m = re.match(r'node (\d+): cpus (\S+) \((\d+)\), (\d+) memory range',
                     line)
        if m:
            node = {'cpus': cpu_list(m.group(2)), 'nr_cpus': int(m.group(3)),
                    'nr_ranges': int(m.group(4)), 'ranges': []}
            info['node'][int(m.group(1))] = node
            continue
        m = re.match(r'  \[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]', line)
        if m:
            base, last = int(m.group(1), 16), int(m.group(2), 16)
            node['ranges'].append((base, last - base + 1))
            continue
        m = re.match(r'  (present|free|reserved|allocated) +(0x[0-9a-f]+|0)  ',
                     line)
        if m:
            node[m.group(1)] = int(m.group(2), 16)
    table = text[text.index('distances:'):].splitlines()[1:]
    columns = [int(c) for c in table[0].split()[1:]]
    for row in table[1:]:
        cells = [int(c) for c in row.split()]
        for to, dist in zip(columns, cells[1:]):
            info['dist'][(cells[0], to)] = dist
    return info


def parse_runs(text):
    """[(base, size, nid, kind, owner)] of `bootmem map`."""
    runs = []
    for m in re.finditer(r'^\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\] +\S+ \S+ +(\d+)  '
                         r'(\w+) *(.*)$', text, re.M):
        base, last = int(m.group(1), 16), int(m.group(2), 16)
        runs.append((base, last - base + 1, int(m.group(3)), m.group(4),
                     m.group(5)))
    return runs


def alloc(con, args):
    """Run `bootmem alloc ARGS`; return (address, node) it reported."""
    out = con.run('bootmem alloc ' + args)
    m = re.fullmatch(r'bootmem_addr=(0x[0-9a-f]+) on node (\d+)', out)
    assert m, out
    assert con.run('echo $bootmem_addr').strip() == m.group(1)
    return int(m.group(1), 16), int(m.group(2))


def within(addr, size, ranges):
    return any(base <= addr and addr + size <= base + rsize
               for base, rsize in ranges)


@pytest.mark.parametrize('name', TOPOLOGIES)
def test_info_matches_the_machine(uboot, name):
    con = boot(uboot, name)
    info = parse_info(con.run('bootmem info'))
    want = expected_nodes(name)
    assert info['nodes'] == len(want)
    assert info['boot'] == 0
    assert sorted(info['node']) == sorted(want)
    for nid, (cpus, ranges) in want.items():
        node = info['node'][nid]
        assert node['cpus'] == cpus and node['nr_cpus'] == len(cpus), nid
        assert node['ranges'] == ranges, nid
        assert node['present'] == sum(size for _, size in ranges), nid
        assert (node['free'] + node['reserved'] + node['allocated'] ==
                node['present']), nid
    for a in want:
        for b in want:
            assert info['dist'][(a, b)] == expected_distance(name, a, b)
    base, size = info['bitmap']
    assert size and within(base, size, [r for _, rs in want.values()
                                        for r in rs])


@pytest.mark.parametrize('name', TOPOLOGIES)
def test_map_lists_every_page_once_and_a_bar_per_node(uboot, name):
    con = boot(uboot, name)
    out = con.run('bootmem map')
    runs = parse_runs(out)
    want = expected_nodes(name)
    for nid, (_, ranges) in want.items():
        mine = [(b, s) for b, s, n, _, _ in runs if n == nid]
        assert sum(s for _, s in mine) == sum(s for _, s in ranges), nid
        assert all(within(b, s, ranges) for b, s in mine), nid
        assert re.search(r'^node +%d \|([.aArR]+|no memory)\|' % nid, out,
                         re.M), out
    assert [r[0] for r in runs] == sorted(r[0] for r in runs)
    assert any(owner == 'bootmem bitmap' for *_, owner in runs)


@pytest.mark.parametrize('name', TOPOLOGIES)
def test_exact_alloc_lands_on_the_node(uboot, name):
    con = boot(uboot, name)
    for nid, (_, ranges) in expected_nodes(name).items():
        if not ranges:
            out = con.run('bootmem alloc 1M -n %d -x' % nid)
            assert out == ('bootmem: alloc 0x100000 on node %d: out of '
                           'memory: nothing fits' % nid)
            # Without -x a CPU-only node borrows from its nearest node.
            addr, got = alloc(con, '1M -n %d' % nid)
            assert got == min((expected_distance(name, nid, n), n)
                              for n, (_, r) in expected_nodes(name).items()
                              if r)[1]
            continue
        addr, got = alloc(con, '1M -n %d -x' % nid)
        assert got == nid and within(addr, MiB, ranges), (nid, hex(addr))
        addr, got = alloc(con, '2M -n %d -x -u -a 200000' % nid)
        assert got == nid and within(addr, 2 * MiB, ranges)
        # The lowest free 2 MiB block; QEMU's device tree holds the first
        # MiB of RAM.
        lowest = ranges[0][0] + (2 * MiB if ranges[0][0] == RAM_BASE else 0)
        assert addr == lowest, hex(addr)


def test_alloc_then_free_restores_the_map(uboot):
    con = boot(uboot, 'two-nodes')
    before = con.run('bootmem map')
    addr, _ = alloc(con, '3M -n 1 -x -l roundtrip -k')
    during = con.run('bootmem map 1')
    assert re.search(r'^\[%#011x-%#011x\] +3 MiB +1  allocated  roundtrip '
                     r'\[keep\]$' % (addr, addr + 3 * MiB - 1), during, re.M)
    assert con.run('bootmem free ${bootmem_addr} 3M && echo OK') == 'OK'
    assert con.run('bootmem map') == before


def bad_commands(con):
    """[(command, the one line it must print)] on the two-node machine."""
    runs = parse_runs(con.run('bootmem map'))
    scratch = next(b for b, _, _, _, o in runs if o == 'board: node0 scratch')
    uboot_code = next(b for b, _, _, _, o in runs
                      if o == 'u-boot: code+data+bss')
    bitmap = next(b for b, _, _, _, o in runs if o == 'bootmem bitmap')
    free0 = next(b for b, _, n, k, _ in runs if k == 'free' and n == 0)
    num = "not a hex number (K, M or G suffix allowed)"
    return [
        ('bootmem alloc 0', "bootmem: bad size '0': must not be 0"),
        ('bootmem alloc ""', "bootmem: bad size '': " + num),
        ('bootmem alloc 0x', "bootmem: bad size '0x': " + num),
        ('bootmem alloc 12q', "bootmem: bad size '12q': " + num),
        ('bootmem alloc 2MB', "bootmem: bad size '2MB': " + num),
        ('bootmem alloc " 1"', "bootmem: bad size ' 1': " + num),
        ('bootmem alloc -1', "bootmem: bad size '-1': " + num),
        ('bootmem alloc -0x1000', "bootmem: bad size '-0x1000': " + num),
        ('bootmem alloc 99999999999G',
         "bootmem: bad size '99999999999G': too large"),
        ('bootmem alloc 0x10000000000000000',
         "bootmem: bad size '0x10000000000000000': too large"),
        ('bootmem alloc 400000000G',
         "bootmem: bad size '400000000G': too large"),
        ('bootmem alloc ffffffffffffffff', 'bootmem: alloc '
         '0xffffffffffffffff: range wraps around or is not RAM'),
        ('bootmem alloc 2G', 'bootmem: alloc 0x80000000: out of memory: '
         'nothing fits'),
        ('bootmem alloc 1G -n 1 -x', 'bootmem: alloc 0x40000000 on node 1: '
         'out of memory: nothing fits'),
        ('bootmem alloc 1M -n 2', "bootmem: no node '2'"),
        ('bootmem alloc 1M -n -1', "bootmem: no node '-1'"),
        ('bootmem alloc 1M -n 0x1', "bootmem: no node '0x1'"),
        ('bootmem alloc 1M -n 99999999999999999999',
         "bootmem: no node '99999999999999999999'"),
        ('bootmem alloc 1M -x', 'bootmem: -x needs a node (-n)'),
        ('bootmem alloc 1M -a 3000', 'bootmem: alloc 0x100000: invalid '
         'argument (zero size, bad alignment or flag, unaligned address)'),
        ('bootmem alloc 1M -a 0', "bootmem: bad alignment '0': must not "
         "be 0"),
        ('bootmem alloc 1M -b 40000000', 'bootmem: alloc 0x100000: out of '
         'memory: nothing fits'),
        ('bootmem alloc 1M -l ' + LABEL_24, "bootmem: label '%s' must have "
         "1 to 23 characters" % LABEL_24),
        ('bootmem alloc 1M -v a=b', "bootmem: bad variable name 'a=b'"),
        ('bootmem free %#x 1000' % free0, 'bootmem: free %#x 0x1000: not '
         'allocated (double free?)' % free0),
        ('bootmem free %#x 1000' % (scratch + 1), 'bootmem: free %#x 0x1000: '
         'not a multiple of 0x1000' % (scratch + 1)),
        ('bootmem free %#x 1001' % scratch, 'bootmem: free %#x 0x1001: not '
         'a multiple of 0x1000' % scratch),
        ('bootmem free %#x 0' % scratch, "bootmem: bad size '0': must not "
         "be 0"),
        ('bootmem free %#x 200000' % (scratch - MiB), 'bootmem: free %#x '
         '0x200000: not allocated (double free?)' % (scratch - MiB)),
        ('bootmem free %#x 1000' % uboot_code, 'bootmem: free %#x 0x1000: '
         'range is reserved, not allocated' % uboot_code),
        ('bootmem free %#x 1000' % bitmap, 'bootmem: free %#x 0x1000: range '
         'is reserved, not allocated' % bitmap),
        ('bootmem free 1000 1000', 'bootmem: free 0x1000 0x1000: range '
         'wraps around or is not RAM'),
        ('bootmem free fffffffffffff000 2000', 'bootmem: free '
         '0xfffffffffffff000 0x2000: range wraps around or is not RAM'),
        ('bootmem free 0x400000000g 1000', "bootmem: bad address "
         "'0x400000000g': too large"),
        ('bootmem reserve %#x 1000' % scratch, 'bootmem: reserve %#x 0x1000: '
         'range is in use' % scratch),
        ('bootmem reserve %#x 1000' % uboot_code, 'bootmem: reserve %#x '
         '0x1000: range is in use' % uboot_code),
        ('bootmem reserve 1000 1000', 'bootmem: reserve 0x1000 0x1000: range '
         'wraps around or is not RAM'),
        ('bootmem reserve %#x 0' % free0, "bootmem: bad size '0': must not "
         "be 0"),
        ('bootmem reserve %#x 1000 -l %s' % (free0, LABEL_24),
         "bootmem: label '%s' must have 1 to 23 characters" % LABEL_24),
        ('bootmem map 2', "bootmem: no node '2'"),
        ('bootmem map -1', "bootmem: no node '-1'"),
    ]


def refused(con, cmd, line, before):
    """Run a bad command: one line, failure, prompt alive, map unchanged."""
    assert con.run(cmd) == line, cmd
    assert con.run('echo $?') == '1', cmd
    assert con.run('bootmem map') == before, cmd


def test_bad_commands_are_refused_and_change_nothing(uboot):
    con = boot(uboot, 'two-nodes')
    before, info = con.run('bootmem map'), con.run('bootmem info')
    for cmd, line in bad_commands(con):
        refused(con, cmd, line, before)
    assert con.run('bootmem info') == info


def test_double_free_is_refused(uboot):
    con = boot(uboot, 'two-nodes')
    addr, _ = alloc(con, '1M -n 0 -x')
    con.run('bootmem free %#x 100000' % addr)
    before = con.run('bootmem map')
    refused(con, 'bootmem free %#x 100000' % addr,
            'bootmem: free %#x 0x100000: not allocated (double free?)' % addr,
            before)


USAGE = ['bootmem', 'bootmem nosuch', 'bootmem info 0', 'bootmem map 0 1',
         'bootmem alloc', 'bootmem alloc 1M 2M', 'bootmem alloc 1M -q',
         'bootmem alloc 1M -n', 'bootmem reserve 40000000',
         'bootmem reserve 40000000 1000 -q x', 'bootmem free 40000000',
         'bootmem free 40000000 1000 1000', 'bootmem debug maybe']


def test_wrong_forms_show_the_help(uboot):
    con = boot(uboot, 'two-nodes')
    before = con.run('bootmem map')
    for cmd in USAGE:
        out = con.run(cmd)
        assert out.startswith('bootmem - NUMA boot memory allocator\n\n'
                              'Usage:\nbootmem info'), (cmd, out)
        assert con.run('echo $?') == '1', cmd
        assert con.run('bootmem map') == before, cmd


def test_help_lists_every_form(uboot):
    con = boot(uboot, 'no-numa')
    out = con.run('help bootmem')
    for form in ('bootmem info', 'bootmem map [node]',
                 'bootmem alloc <size> [-n node] [-x] [-a align] [-b limit] '
                 '[-g goal]', '[-u] [-k] [-l label] [-v var]',
                 'bootmem reserve <addr> <size> [-l label]',
                 'bootmem free <addr> <size>', 'bootmem debug [on|off]'):
        assert form in out, out


def test_debug_logs_each_call(uboot):
    con = boot(uboot, 'two-nodes')
    assert con.run('bootmem debug on') == 'bootmem debug on'
    out = con.run('bootmem alloc 1M -n 1 -x -l dbg')
    assert re.search(r"bootmem: alloc \[0x[0-9a-f]+-0x[0-9a-f]+\] 0x100000 "
                     r"bytes node 1 'dbg': ok", out), out
    assert con.run('bootmem debug off') == 'bootmem debug off'
    assert 'bootmem: alloc [' not in con.run('bootmem alloc 1M')


@pytest.mark.parametrize('name', ['two-nodes', 'no-numa'])
def test_ut_bootmem_passes_and_leaves_the_map(uboot, uboot_config, name):
    if uboot_config.get('CONFIG_UT_BOOTMEM') != 'y':
        pytest.skip('U-Boot built without CONFIG_UT_BOOTMEM')
    con = boot(uboot, name)
    before = con.run('bootmem map')
    out = con.run('ut bootmem', timeout=300)
    m = re.search(r'^Running (\d+) bootmem tests$', out, re.M)
    assert m and int(m.group(1)) >= 18, out
    assert re.search(r'^Failures: 0$', out, re.M), out
    assert 'Skipping' not in out, out
    assert con.run('bootmem map') == before
