# SPDX-License-Identifier: GPL-2.0+
"""Nothing overwrites what it must not: U-Boot's loaders (load, tftpboot)
check their destination against LMB, and board_lmb_reserve() puts every
page bootmem holds into LMB. So a load into U-Boot's own memory, the
bitmap or a bootmem allocation is refused, and booti's own relocation of
the initrd and FDT lands clear of every allocation (CVE-2018-18439 and
CVE-2018-18440 were loads overwriting U-Boot)."""

import os
import re

import pytest

from conftest import BUILD
import qemu_numa
from test_linux_boot import BOOTARGS, disk_args

NODES = [(1024, 2), (1024, 2)]
OS_DIR = os.path.join(BUILD, 'os')


def runs(con):
    """[(base, end, kind, label)] from bootmem map."""
    found = []
    for m in re.finditer(r'^\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]\s+\S+ \S+\s+\d+'
                         r'\s+(free|reserved|allocated)[ \t]*(.*)$',
                         con.run('bootmem map'), re.M):
        found.append((int(m.group(1), 16), int(m.group(2), 16) + 1,
                      m.group(3), m.group(4).strip()))
    return found


def run_of(con, label):
    return next(r for r in runs(con) if r[3].startswith(label))


@pytest.fixture
def board(uboot):
    net = ['-netdev', 'user,id=net0,tftp=' + OS_DIR,
           '-device', 'virtio-net-device,netdev=net0']
    return uboot(nodes=NODES, extra=disk_args() + net)


@pytest.mark.parametrize('owner', ['u-boot: code+data+bss', 'u-boot: malloc',
                                   'bootmem bitmap', 'board: node1 scratch',
                                   'board: handoff'])
def test_load_into_held_memory_is_refused(board, owner):
    base = run_of(board, owner)[0]
    before = board.run('bootmem map')
    out = board.run('fatload virtio 0:1 %#x initrd.img; echo rc=$?' % base)
    assert 'rc=1' in out
    assert 'overwrite reserved memory' in out
    assert board.run('bootmem map') == before


def test_load_into_a_fresh_allocation_is_refused(board):
    board.run('bootmem alloc 8M -n 1 -l target')
    out = board.run('fatload virtio 0:1 ${bootmem_addr} initrd.img; '
                    'echo rc=$?')
    assert 'rc=1' in out
    # Once freed, the same address takes the load.
    board.run('bootmem free ${bootmem_addr} 8M')
    out = board.run('fatload virtio 0:1 ${bootmem_addr} initrd.img; '
                    'echo rc=$?')
    assert 'rc=0' in out


def test_tftpboot_into_held_memory_is_refused(board):
    base = run_of(board, 'u-boot: code+data+bss')[0]
    board.run('setenv ipaddr 10.0.2.15; setenv serverip 10.0.2.2')
    out = board.run('tftpboot %#x initrd.img; echo rc=$?' % base,
                    timeout=60)
    assert 'rc=1' in out
    assert 'overwrite reserved memory' in out
    free = next(r for r in runs(board) if r[2] == 'free')
    out = board.run('tftpboot %#x boot.scr; echo rc=$?' % free[0],
                    timeout=60)
    assert 'rc=0' in out


def test_booti_relocates_initrd_and_fdt_clear_of_allocations(board):
    """Stock booti, relocating the initrd and a copy of the FDT where LMB
    finds room: never onto memory bootmem holds."""
    held = [r for r in runs(board) if r[2] != 'free']
    free = max((r for r in runs(board) if r[2] == 'free'),
               key=lambda r: r[1] - r[0])
    kernel = (free[0] + (2 << 20) - 1) & ~((2 << 20) - 1)
    initrd = kernel + (64 << 20)
    board.run('setenv bootargs "%s"' % BOOTARGS)
    board.run('setenv initrd_high; setenv fdt_high')
    board.run('fatload virtio 0:1 %#x Image' % kernel)
    out = board.run('fatload virtio 0:1 %#x initrd.img' % initrd)
    size = int(re.search(r'(\d+) bytes read', out).group(1))
    board.child.sendline('booti %#x %#x:%#x ${fdtcontroladdr}'
                         % (kernel, initrd, size))
    board.child.expect('BOOTMEM-OS: end', timeout=120)
    rep = qemu_numa.parse_os_report(board.log())
    assert rep['checksum'] == 'OK'
    start, end = rep['initrd']
    relocated = re.search(r'Loading Ramdisk to ([0-9a-f]+)', board.log())
    assert relocated, 'booti did not relocate the initrd'
    assert start == int(relocated.group(1), 16)
    fdt = re.search(r'Loading Device Tree to ([0-9a-f]+), end ([0-9a-f]+)',
                    board.log())
    assert fdt, 'booti did not relocate the FDT'
    for base, stop, kind, label in held:
        for lo, hi in ((start, end), (int(fdt.group(1), 16),
                                      int(fdt.group(2), 16) + 1)):
            assert hi <= base or lo >= stop, (label, hex(lo))
