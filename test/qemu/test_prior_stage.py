# SPDX-License-Identifier: GPL-2.0+
"""What the previous boot stage left in RAM is live memory.

QEMU places its device tree at the start of RAM. U-Boot runs from a copy,
but the environment's fdt_addr keeps pointing at the original, and boot
paths without a tree of their own hand it to the OS. bootmem holds it at
its real size with an owner, so no allocation hands it out. Raw memory
commands (mw, cp) stay unguarded, as in U-Boot.
"""

import re

import pytest

from conftest import RAM_BASE

PAGE = 4096
OWNER = 'prior stage: fdt'
TOPOLOGIES = {
    'no-numa': None,
    'two-nodes': [(512, 1), (512, 1)],
}


@pytest.fixture(autouse=True)
def need_bootmem(uboot_config):
    if uboot_config and uboot_config.get('CONFIG_CMD_BOOTMEM') != 'y':
        pytest.skip('U-Boot built without the bootmem command')


@pytest.fixture(params=TOPOLOGIES.values(), ids=TOPOLOGIES.keys())
def board(request, uboot):
    return uboot(nodes=request.param, mem=512)


def runs(con):
    """[(base, end, nid, kind, label)] from bootmem map."""
    return [(int(m.group(1), 16), int(m.group(2), 16) + 1, int(m.group(3)),
             m.group(4), m.group(5).strip())
            for m in re.finditer(r'^\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]\s+\S+ \S+'
                                 r'\s+(\d+)\s+(free|reserved|allocated)'
                                 r'[ \t]*(.*)$', con.run('bootmem map'),
                                 re.M)]


def tree_size(con):
    """fdt_totalsize() of the tree at $fdt_addr, asserting it is valid."""
    out = con.run('fdt addr ${fdt_addr}; fdt header')
    assert 'magic:\t\t\t0xd00dfeed' in out, out
    return int(re.search(r'^totalsize:\s+(0x[0-9a-f]+)', out, re.M).group(1),
               16)


def test_fdt_addr_is_the_tree_qemu_left(board):
    assert board.run('printenv fdt_addr').strip() == 'fdt_addr=%#x' % RAM_BASE
    assert tree_size(board) > 0


def test_map_shows_the_tree_at_its_size_with_its_owner(board):
    size = tree_size(board)
    end = RAM_BASE + (size + PAGE - 1) // PAGE * PAGE
    assert (RAM_BASE, end, 0, 'reserved', OWNER) in runs(board)


def test_bottom_up_alloc_never_returns_the_tree(board):
    end = RAM_BASE + tree_size(board)
    board.run('bootmem alloc 1000 -n 0 -x -u -v page')
    addr = int(board.run('printenv page').split('=')[1], 16)
    assert addr >= end, hex(addr)


def test_tree_survives_an_allocation_of_all_of_node_0(board):
    """Everything free on node 0, bottom-up, then the lowest allocation
    scribbled on: the tree is still there."""
    size = tree_size(board)
    free = [(base, end) for base, end, nid, kind, _ in runs(board)
            if nid == 0 and kind == 'free']
    assert free
    for base, end in free:
        out = board.run('bootmem alloc %#x -n 0 -x -u -l fill -v fill; '
                        'echo rc=$?' % (end - base))
        assert 'rc=0' in out, out
    after = runs(board)
    assert not [r for r in after if r[2] == 0 and r[3] == 'free']
    lowest = min(base for base, _, _, kind, label in after
                 if kind == 'allocated' and label == 'fill')
    assert lowest >= RAM_BASE + size
    board.run('mw.b %#x ff 100000' % lowest)
    assert tree_size(board) == size
