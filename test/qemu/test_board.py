# SPDX-License-Identifier: GPL-2.0+
"""The qemu-virt board: U-Boot sees every NUMA node's memory.

QEMU writes one memory node per NUMA node, highest address first. U-Boot
must list each as a DRAM bank, lowest first, run from the lowest node
without errors, hand LMB what bootmem holds, and give the OS one memory
node per NUMA node.
"""

import re

import pytest

from conftest import RAM_BASE, MiB, node_ranges, TOPOLOGIES

GiB = 1024 * MiB



@pytest.fixture(params=TOPOLOGIES.values(), ids=TOPOLOGIES.keys())
def board(request, uboot):
    """(console, expected [(nid, base, size)]) for each topology."""
    nodes, dist = TOPOLOGIES[request.node.callspec.id]
    return uboot(nodes=nodes, dist=dist), node_ranges(nodes)


def bdinfo_field(text, name):
    m = re.search(r'^%s\s*= (0x[0-9a-f]+)' % re.escape(name), text, re.M)
    assert m, '%s not in bdinfo:\n%s' % (name, text)
    return int(m.group(1), 16)


def dram_banks(text):
    """[(start, size)] of the DRAM banks bdinfo lists."""
    return [(int(start, 16), int(size, 16)) for start, size in
            re.findall(r'^-> start\s*= (0x[0-9a-f]+)\n-> size\s*= (0x[0-9a-f]+)',
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
    con, _ = board
    assert 'ERROR' not in con.boot_log, con.boot_log


def test_bootmem_is_set_up_without_complaint(board, uboot_config):
    need_bootmem(uboot_config)
    con, _ = board
    for complaint in ('bootmem: not enabled', 'bootmem: cannot reserve',
                      'bootmem: no scratch', 'lmb: no room'):
        assert complaint not in con.log(), con.log()


def test_dram_total_is_every_node(board):
    """U-Boot announces its own RAM (the lowest node) and, when that is
    less, the total of the banks as "effective"."""
    con, ranges = board
    total = sum(size for _, _, size in ranges)
    sizes = re.findall(r'(\d+(?:\.\d+)?) ([MG])iB',
                       re.search(r'^DRAM:.*$', con.boot_log, re.M).group(0))
    value, unit = sizes[-1]
    assert float(value) * (GiB if unit == 'G' else MiB) == total


def test_bdinfo_lists_every_node_as_a_bank_lowest_first(board):
    con, ranges = board
    banks = dram_banks(con.run('bdinfo'))
    assert [b for b in banks if b[1]] == [(base, size)
                                          for _, base, size in ranges]


def test_u_boot_relocates_to_the_top_of_the_lowest_node(board):
    con, ranges = board
    _, base, size = ranges[0]
    reloc = bdinfo_field(con.run('bdinfo'), 'relocaddr')
    assert base + size - 64 * MiB <= reloc < base + size


def test_lmb_reserves_the_top_of_every_node(board, uboot_config):
    """U-Boot sits at the top of the lowest node; bootmem's bitmap and the
    per-node scratch buffers are allocated top-down on the others."""
    need_bootmem(uboot_config)
    con, ranges = board
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
    con, ranges = board
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
    con, ranges = board
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
