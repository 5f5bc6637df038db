# SPDX-License-Identifier: GPL-2.0+
"""The bootmem command at the U-Boot prompt, where it needs a live machine.

`bootmem info` must describe the machine QEMU was given, `bootmem alloc -n N
-x` must land on node N, a reservation made at the prompt must be undone
there while U-Boot's and QEMU's stay, every refused command must print one
line, fail, leave the prompt working and `bootmem map` byte for byte as it
was, and `ut bootmem` must pass inside QEMU without disturbing the live
allocator. Every bad command that needs no live machine is tested once, in
test/uboot/cmd.c (`ut bootmem`).
"""

import re

import pytest

from conftest import MiB, node_ranges, TOPOLOGIES


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
    m = re.search(r'^(\d+) nodes?, boot node (\d+)', text, re.M)
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
    m = re.fullmatch(r'bootmem_addr=(0x[0-9a-f]+): 0x[0-9a-f]+ bytes '
                     r'\([^)]+\) on node (\d+)( \(node \d+ had no room\))?',
                     out)
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
            assert out == ('bootmem alloc 0x100000 bytes (1 MiB) on node %d: '
                           'node %d has no memory' % (nid, nid))
            # Without -x a CPU-only node borrows from its nearest node.
            addr, got = alloc(con, '1M -n %d' % nid)
            assert got == min((expected_distance(name, nid, n), n)
                              for n, (_, r) in expected_nodes(name).items()
                              if r)[1]
            continue
        addr, got = alloc(con, '1M -n %d -x' % nid)
        assert got == nid and within(addr, MiB, ranges), (nid, hex(addr))
        # The lowest free 2 MiB block: QEMU's device tree holds the first
        # MiB of RAM, the boot node's load buffers (kernel_addr_r, ...)
        # follow it.
        lowest = min(-(-base // (2 * MiB)) * 2 * MiB
                     for base, size, n, kind, _ in
                     parse_runs(con.run('bootmem map'))
                     if n == nid and kind == 'free' and
                     -(-base // (2 * MiB)) * 2 * MiB + 2 * MiB <= base + size)
        addr, got = alloc(con, '2M -n %d -x -u -a 200000' % nid)
        assert got == nid and within(addr, 2 * MiB, ranges)
        assert addr == lowest, hex(addr)


def test_alloc_then_free_restores_the_map(uboot):
    con = boot(uboot, 'two-nodes')
    before = con.run('bootmem map')
    # 3M is 3 MiB, and the answer says so in bytes.
    out = con.run('bootmem alloc 3M -n 1 -x -l roundtrip -k')
    assert re.fullmatch(r'bootmem_addr=0x[0-9a-f]+: 0x300000 bytes '
                        r'\(3 MiB\) on node 1', out), out
    addr = int(con.run('echo $bootmem_addr'), 16)
    during = con.run('bootmem map 1')
    assert re.search(r'^\[%#011x-%#011x\] +3 MiB +1  allocated  roundtrip '
                     r'\[keep\]$' % (addr, addr + 3 * MiB - 1), during, re.M)
    assert con.run('bootmem free ${bootmem_addr} 3M && echo OK') == (
        'freed [%#x-%#x] 0x300000 bytes (3 MiB) on node 1\nOK'
        % (addr, addr + 3 * MiB - 1))
    assert con.run('bootmem map') == before


def test_default_node_is_the_boot_node(uboot):
    """alloc without -n takes the boot node, as boot does, and says so;
    100M is 100 MiB."""
    con = boot(uboot, 'two-nodes')
    assert re.search(r'^2 nodes, boot node 0 ', con.run('bootmem info'),
                     re.M)
    out = con.run('bootmem alloc 100M')
    assert re.fullmatch(r'bootmem_addr=0x[0-9a-f]+: 0x6400000 bytes '
                        r'\(100 MiB\) on node 0', out), out


def test_a_reservation_made_here_can_be_undone(uboot):
    """reserve, then unreserve: the map, LMB's view included, is as it was,
    and a load may go there again."""
    con = boot(uboot, 'two-nodes')
    before = con.run('bootmem map')
    free1 = next(b for b, s, n, k, _ in parse_runs(before)
                 if k == 'free' and n == 1 and s >= 16 * MiB)
    out = con.run('bootmem reserve %#x 1M -l mine' % free1)
    assert out == ('reserved [%#x-%#x] 0x100000 bytes (1 MiB) on node 1'
                   % (free1, free1 + MiB - 1)), out
    assert 'mine' in con.run('bootmem map 1')
    out = con.run('bootmem unreserve %#x 100000; echo rc=$?' % free1)
    assert out == ('unreserved [%#x-%#x] 0x100000 bytes (1 MiB) on node 1\n'
                   'rc=0' % (free1, free1 + MiB - 1)), out
    assert con.run('bootmem map') == before


def live_refusals(con):
    """[(command, the one line it must print)] that need U-Boot's and
    QEMU's own memory, on the two-node machine."""
    runs = parse_runs(con.run('bootmem map'))
    scratch = next(b for b, _, _, _, o in runs if o == 'board: node0 scratch')
    code = next(b for b, _, _, _, o in runs if o == 'u-boot: code+data+bss')
    fdt = next(b for b, _, _, _, o in runs if o == 'prior stage: fdt')
    return [
        # The measured trap: below RAM used to say "range is in use".
        ('bootmem reserve 3ff00000 200000', 'bootmem reserve 0x3ff00000 '
         '0x200000 bytes (2 MiB): 0x3ff00000 is below RAM, which starts at '
         '0x40000000'),
        ('bootmem reserve %#x 1000' % scratch, 'bootmem reserve %#x 0x1000 '
         "bytes (4 KiB): %#x is allocated by 'board: node0 scratch'"
         % (scratch, scratch)),
        ('bootmem free %#x 1000' % code, 'bootmem free %#x 0x1000 bytes '
         "(4 KiB): %#x is reserved by 'u-boot: code+data+bss', not allocated"
         % (code, code)),
        ('bootmem unreserve %#x 1000' % code, 'bootmem unreserve %#x 0x1000 '
         "bytes (4 KiB): %#x is reserved by 'u-boot: code+data+bss', not at "
         'the prompt: it stays' % (code, code)),
        ('bootmem unreserve %#x 1000' % fdt, 'bootmem unreserve %#x 0x1000 '
         "bytes (4 KiB): %#x is reserved by 'prior stage: fdt', not at the "
         'prompt: it stays' % (fdt, fdt)),
        ('bootmem unreserve %#x 1000' % scratch, 'bootmem unreserve %#x '
         "0x1000 bytes (4 KiB): %#x is allocated by 'board: node0 scratch', "
         'not reserved' % (scratch, scratch)),
        ('bootmem alloc 3G', 'bootmem alloc 0xc0000000 bytes (3 GiB) on node '
         "0: more than the machine's RAM, 0x80000000 bytes (2 GiB)"),
    ]


def refused(con, cmd, line, before):
    """Run a bad command: one line, failure, prompt alive, map unchanged."""
    assert con.run(cmd) == line, cmd
    assert con.run('echo $?') == '1', cmd
    assert con.run('bootmem map') == before, cmd


def test_live_refusals_change_nothing(uboot):
    con = boot(uboot, 'two-nodes')
    before, info = con.run('bootmem map'), con.run('bootmem info')
    for cmd, line in live_refusals(con):
        refused(con, cmd, line, before)
    assert con.run('bootmem info') == info


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
