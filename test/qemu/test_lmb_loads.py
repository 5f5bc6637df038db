# SPDX-License-Identifier: GPL-2.0+
"""One map for loads, boots and the shell: LMB is served by bootmem
(common/lmb_bootmem.c). A buffer `bootmem alloc` makes takes `load` and
`tftpboot` when the file fits; a file larger than the buffer, or a load
into U-Boot's own memory, the bitmap, a buffer kept for the OS or one
someone else owns, is refused with one line and nothing written. What a
loader brought in shows in `bootmem map` under its name, and `bootmem
alloc` never hands it out. bdinfo shows the same map. booti's own
relocation of the initrd and FDT lands clear of every allocation
(CVE-2018-18439 and CVE-2018-18440 were loads overwriting U-Boot).

Sizes are given in hex (0x...) at the prompt."""

import os
import re

import pytest

from conftest import BUILD
import qemu_numa
from test_linux_boot import BOOTARGS, disk_args

NODES = [(1024, 2), (1024, 2)]
OS_DIR = os.path.join(BUILD, 'os')
IMAGE_SIZE = os.path.getsize(os.path.join(OS_DIR, 'Image')) \
    if os.path.exists(os.path.join(OS_DIR, 'Image')) else 0
RUN = re.compile(r'^\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\]\s+\S+ \S+\s+(\d+)'
                 r'\s+(free|reserved|allocated)[ \t]*(.*)$', re.M)


def runs(text):
    """[(base, end, node, kind, label)] of the map lines in text."""
    return [(int(m.group(1), 16), int(m.group(2), 16) + 1, int(m.group(3)),
             m.group(4), m.group(5).strip()) for m in RUN.finditer(text)]


def run_of(con, label):
    return next(r for r in runs(con.run('bootmem map'))
                if r[4].startswith(label))


def alloc(con, size, var, *opts):
    """bootmem alloc SIZE -v VAR OPTS: the address."""
    out = con.run('bootmem alloc %#x -v %s %s' % (size, var, ' '.join(opts)))
    return int(re.search(r'%s=(0x[0-9a-f]+)' % var, out).group(1), 16)


def crc(con, addr, size):
    out = con.run('crc32 %#x %#x' % (addr, size))
    return re.search(r'==> ([0-9a-f]{8})', out).group(1)


def rc(out):
    return int(re.search(r'rc=(\d+)', out).group(1))


@pytest.fixture
def board(uboot):
    if not IMAGE_SIZE:
        pytest.skip('%s/Image missing: make os' % OS_DIR)
    net = ['-netdev', 'user,id=net0,tftp=' + OS_DIR,
           '-device', 'virtio-net-device,netdev=net0']
    con = uboot(nodes=NODES, extra=disk_args() + net)
    con.run('setenv ipaddr 10.0.2.15; setenv serverip 10.0.2.2')
    # The disk's first use makes EFI describe it, in pages LMB hands
    # out: done here, so that a test's map before and after a refused
    # load differ only by what the load did.
    con.run('ls virtio 0:1 /')
    return con


def test_load_into_a_buffer_on_a_node(board):
    """The transcript of the README: a 40 MiB buffer on node 1 takes the
    kernel, and the map names the file inside the buffer."""
    kbuf = alloc(board, 0x2800000, 'kbuf', '-n 1')
    out = board.run('load virtio 0:1 $kbuf Image; echo rc=$?')
    assert rc(out) == 0, out
    base, end, nid, kind, label = run_of(board, 'load: Image')
    assert (base, end, nid, kind) == (kbuf, kbuf + IMAGE_SIZE, 1,
                                      'allocated')
    # the rest of the buffer is still the buffer's
    rest = next(r for r in runs(board.run('bootmem map'))
                if r[0] == kbuf + IMAGE_SIZE)
    assert rest[3] == 'allocated' and rest[4] != 'load: Image'


def test_load_twice_to_one_address(board):
    kbuf = alloc(board, 0x2800000, 'kbuf')
    for _ in range(2):
        assert rc(board.run('load virtio 0:1 $kbuf Image; echo rc=$?')) == 0
    assert len([r for r in runs(board.run('bootmem map'))
                if r[4] == 'load: Image']) == 1


def test_tftpboot_into_a_buffer(board):
    """tftp claims every block; the blocks become one run."""
    kbuf = alloc(board, 0x2800000, 'kbuf', '-n 0')
    out = board.run('tftpboot $kbuf Image; echo rc=$?', timeout=180)
    assert rc(out) == 0, out
    assert 'Bytes transferred = %d' % IMAGE_SIZE in out
    mine = [r for r in runs(board.run('bootmem map'))
            if r[4] == 'tftp: Image']
    assert [(r[0], r[1]) for r in mine] == [(kbuf, kbuf + IMAGE_SIZE)]


def refused(con, cmd, addr, size, timeout=None):
    """Run a load that must be refused: one line, map and bytes as they
    were."""
    con.run('mw.b %#x 5a %#x' % (addr, size))
    before_map, before_crc = con.run('bootmem map'), crc(con, addr, size)
    out = con.run(cmd + '; echo rc=$?', timeout=timeout)
    assert rc(out) == 1, out
    assert 'overwrite reserved memory' in out
    assert con.run('bootmem map') == before_map
    assert crc(con, addr, size) == before_crc
    return out


def test_a_file_larger_than_the_buffer_is_refused(board):
    small = alloc(board, 0x100000, 'small')
    out = refused(board, 'load virtio 0:1 $small Image', small, 0x100000)
    lines = [l for l in out.splitlines() if l.strip() and 'rc=' not in l]
    assert len(lines) == 1, out


def test_tftp_of_a_file_larger_than_the_buffer_writes_nothing(board):
    """The server gives the size (tsize): nothing is written."""
    small = alloc(board, 0x100000, 'small')
    refused(board, 'tftpboot $small Image', small, 0x100000, timeout=60)


def test_a_buffer_kept_for_the_os_refuses_loads(board):
    kept = alloc(board, 0x2800000, 'kept', '-k')
    refused(board, 'load virtio 0:1 $kept Image', kept, 0x1000)


@pytest.mark.parametrize('owner', ['u-boot: code+data+bss', 'u-boot: malloc',
                                   'bootmem bitmap', 'board: node1 scratch',
                                   'board: handoff'])
def test_load_into_held_memory_is_refused(board, owner):
    base = run_of(board, owner)[0]
    before = board.run('bootmem map')
    out = board.run('load virtio 0:1 %#x initrd.img; echo rc=$?' % base)
    assert rc(out) == 1
    assert 'overwrite reserved memory' in out
    assert board.run('bootmem map') == before


def test_tftpboot_into_held_memory_is_refused(board):
    base = run_of(board, 'u-boot: code+data+bss')[0]
    out = board.run('tftpboot %#x initrd.img; echo rc=$?' % base,
                    timeout=60)
    assert rc(out) == 1
    assert 'overwrite reserved memory' in out


def test_bootmem_alloc_never_hands_out_what_was_loaded(board):
    """The issue's case: bottom-up, 100 MiB landed on a loaded kernel."""
    out = board.run('load virtio 0:1 $kernel_addr_r Image; echo rc=$?')
    assert rc(out) == 0, out
    base, end = run_of(board, 'load: Image')[:2]
    addr = alloc(board, 0x6400000, 'big', '-u')
    assert addr >= end or addr + 0x6400000 <= base


def test_bdinfo_shows_the_map_bootmem_map_shows(board):
    kbuf = alloc(board, 0x2800000, 'kbuf', '-n 1')
    board.run('load virtio 0:1 $kbuf Image')
    want = runs(board.run('bootmem map'))
    assert want and runs(board.run('bdinfo')) == want


def test_booti_relocates_initrd_and_fdt_clear_of_allocations(board):
    """Stock booti, relocating the initrd and a copy of the FDT where LMB
    finds room: never onto memory bootmem holds."""
    held = [r for r in runs(board.run('bootmem map')) if r[3] != 'free']
    free = max((r for r in runs(board.run('bootmem map')) if r[3] == 'free'),
               key=lambda r: r[1] - r[0])
    kernel = (free[0] + (2 << 20) - 1) & ~((2 << 20) - 1)
    initrd = kernel + (64 << 20)
    board.run('setenv bootargs "%s"' % BOOTARGS)
    board.run('setenv initrd_high; setenv fdt_high')
    board.run('load virtio 0:1 %#x Image' % kernel)
    out = board.run('load virtio 0:1 %#x initrd.img' % initrd)
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
    for base, stop, _, _, label in held:
        for lo, hi in ((start, end), (int(fdt.group(1), 16),
                                      int(fdt.group(2), 16) + 1)):
            assert hi <= base or lo >= stop, (label, hex(lo))


def test_the_load_addresses_are_load_buffers(board):
    """kernel_addr_r and friends are buffers on the boot node, named after
    their variables: a load lands in one, a file larger than its slot is
    refused, and bootmem alloc hands none of it out."""
    slots = {r[4]: r for r in runs(board.run('bootmem map'))
             if r[4] in ('kernel_addr_r', 'ramdisk_addr_r', 'fdt_addr_r')}
    assert sorted(slots) == ['fdt_addr_r', 'kernel_addr_r', 'ramdisk_addr_r']
    for var, (base, _, nid, kind, _) in slots.items():
        assert (nid, kind) == (0, 'allocated')
        assert int(board.run('echo $%s' % var), 16) == base
    out = board.run('load virtio 0:1 $kernel_addr_r Image; echo rc=$?')
    assert rc(out) == 0, out
    base, end, nid, _, _ = run_of(board, 'load: Image')
    assert (base, end, nid) == (slots['kernel_addr_r'][0],
                                slots['kernel_addr_r'][0] + IMAGE_SIZE, 0)
    fdt = slots['fdt_addr_r']
    refused(board, 'load virtio 0:1 $fdt_addr_r Image', fdt[0],
            fdt[1] - fdt[0])
