# SPDX-License-Identifier: GPL-2.0+
"""The qemu-virt board: U-Boot sees every NUMA node's memory.

QEMU writes one memory node per NUMA node, highest address first. U-Boot
must list each as a DRAM bank, lowest first, report all of RAM with each
bank's node, relocate into the boot CPU's node, run without errors, hand
LMB what bootmem holds, and give the OS one memory node per NUMA node.
"""

import re

import pytest

from conftest import RAM_BASE, MiB, node_ranges, TOPOLOGIES, Console

GiB = 1024 * MiB


@pytest.fixture(params=TOPOLOGIES.values(), ids=TOPOLOGIES.keys())
def board(request, uboot):
    """(console, expected [(nid, base, size)], NUMA or not) for each
    topology."""
    nodes, dist = TOPOLOGIES[request.node.callspec.id]
    return uboot(nodes=nodes, dist=dist), node_ranges(nodes), bool(nodes)


def size_of(value, unit):
    return round(float(value) * (GiB if unit == 'G' else MiB))


def dram_line(text):
    """(total, [(nid, size)]) from a "DRAM:  4 GiB (node 0: 2 GiB, ...)"
    line."""
    line = re.search(r'^DRAM:.*$', text, re.M).group(0)
    assert 'effective' not in line, line
    total = re.match(r'DRAM:\s+(\d+(?:\.\d+)?) ([MG])iB', line)
    assert total, line
    nodes = re.findall(r'node (\d+): (\d+(?:\.\d+)?) ([MG])iB', line)
    return (size_of(*total.groups()),
            [(int(nid), size_of(v, u)) for nid, v, u in nodes])


def bdinfo_field(text, name):
    m = re.search(r'^%s\s*= (0x[0-9a-f]+)' % re.escape(name), text, re.M)
    assert m, '%s not in bdinfo:\n%s' % (name, text)
    return int(m.group(1), 16)


def dram_banks(text):
    """[(start, size, node or None)] of the DRAM banks bdinfo lists."""
    return [(int(start, 16), int(size, 16), int(nid) if nid else None)
            for start, size, nid in
            re.findall(r'^-> start\s*= (0x[0-9a-f]+)\n-> size\s*= '
                       r'(0x[0-9a-f]+)\n(?:-> node\s*= (\d+)\n)?',
                       text, re.M)]


def lmb_reserved(text):
    """[(base, end)] of LMB's reserved regions in bdinfo's dump."""
    return [(int(b, 16), int(e, 16) + 1) for b, e in
            re.findall(r'reserved\[\d+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]',
                       text)]


def need_bootmem(uboot_config):
    if uboot_config.get('CONFIG_BOOTMEM') != 'y':
        pytest.skip('U-Boot built without CONFIG_BOOTMEM')


def test_boots_to_the_prompt_without_error(board):
    con, _, _ = board
    assert 'ERROR' not in con.boot_log, con.boot_log


def test_bootmem_is_set_up_without_complaint(board, uboot_config):
    need_bootmem(uboot_config)
    con, _, _ = board
    for complaint in ('bootmem: not enabled', 'bootmem: cannot reserve',
                      'bootmem: no scratch', 'lmb: no room'):
        assert complaint not in con.log(), con.log()


def test_banner_reports_all_ram_and_each_bank_node(board):
    """One total, every node's RAM in it, no "(effective ...)"."""
    con, ranges, numa = board
    total, nodes = dram_line(con.boot_log)
    assert total == sum(size for _, _, size in ranges)
    assert nodes == ([(nid, size) for nid, _, size in ranges] if numa
                     else [])


def test_meminfo_reports_what_the_banner_does(board, uboot_config):
    if uboot_config.get('CONFIG_CMD_MEMINFO') != 'y':
        pytest.skip('no meminfo command')
    con, _, _ = board
    assert dram_line(con.run('meminfo')) == dram_line(con.boot_log)


def test_bdinfo_lists_every_node_as_a_bank_lowest_first(board):
    con, ranges, numa = board
    banks = dram_banks(con.run('bdinfo'))
    assert banks == [(base, size, nid if numa else None)
                     for nid, base, size in ranges]


def test_u_boot_relocates_to_the_top_of_the_boot_cpu_node(board):
    """CPU 0 is on node 0 in every topology here."""
    con, ranges, _ = board
    _, base, size = ranges[0]
    reloc = bdinfo_field(con.run('bdinfo'), 'relocaddr')
    assert base + size - 64 * MiB <= reloc < base + size


def test_u_boot_follows_the_boot_cpu_to_a_higher_node(uboot_bin):
    """CPU 0 on node 1: U-Boot relocates to the top of node 1 and runs
    from there, with every bank still listed."""
    con = Console(uboot_bin, [
        '-smp', '2', '-m', '2G',
        '-object', 'memory-backend-ram,id=m0,size=1G',
        '-object', 'memory-backend-ram,id=m1,size=1G',
        '-numa', 'node,nodeid=0,cpus=1,memdev=m0',
        '-numa', 'node,nodeid=1,cpus=0,memdev=m1'])
    try:
        bdinfo = con.run('bdinfo')
        reloc = bdinfo_field(bdinfo, 'relocaddr')
        top = RAM_BASE + 2 * GiB
        assert top - 64 * MiB <= reloc < top
        assert dram_banks(bdinfo) == [(RAM_BASE, GiB, 0),
                                      (RAM_BASE + GiB, GiB, 1)]
        assert 'ERROR' not in con.boot_log, con.boot_log
    finally:
        con.close()


def test_lmb_reserves_the_top_of_every_node(board, uboot_config):
    """U-Boot sits at the top of the lowest node; bootmem's bitmap and the
    per-node scratch buffers are allocated top-down on the others."""
    need_bootmem(uboot_config)
    con, ranges, _ = board
    reserved = lmb_reserved(con.run('bdinfo'))
    for nid, base, size in ranges:
        last = base + size - 1
        assert any(b <= last < e for b, e in reserved), \
            'top of node %d (%#x) not reserved in LMB: %s' % (nid, last,
                                                             reserved)


def test_every_node_with_memory_has_a_scratch_buffer(board, uboot_config):
    need_bootmem(uboot_config)
    if uboot_config.get('CONFIG_CMD_BOOTMEM') != 'y':
        pytest.skip('no bootmem command')
    con, ranges, _ = board
    out = con.run('bootmem map')
    if 'Unknown command' in out:
        pytest.skip('no bootmem command')
    for nid, _, _ in ranges:
        assert 'board: node%d scratch' % nid in out, out


def memory_nodes(con):
    """{name: reg cells} of the memory nodes in the working tree."""
    nodes = {}
    for name in re.findall(r'^\s*(memory@[0-9a-f]+) \{', con.run('fdt list /'),
                           re.M):
        out = con.run('fdt print /%s reg' % name)
        nodes[name] = [int(c, 16) for c in re.findall(r'0x[0-9a-f]+', out)]
    return nodes


def test_memory_fixup_leaves_one_memory_node_per_numa_node(board):
    """fdt memory runs the fix-up arch_fixup_fdt() applies before every
    boot; it must not merge the banks into one memory node."""
    con, ranges, _ = board
    con.run('fdt addr ${fdtcontroladdr}')
    # Work on a copy in free memory of the lowest node.
    con.run('fdt move ${fdtcontroladdr} 0x48000000 0x100000')
    before = memory_nodes(con)
    assert sorted(before.values()) == sorted(
        [base >> 32, base & 0xffffffff, size >> 32, size & 0xffffffff]
        for _, base, size in ranges)
    total = sum(size for _, _, size in ranges)
    con.run('fdt memory %#x %#x' % (RAM_BASE, total))
    assert memory_nodes(con) == before
