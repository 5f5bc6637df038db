# SPDX-License-Identifier: GPL-2.0+
"""End to end: bootmem places the kernel, initrd and FDT and boots Linux,
which then reports the machine it sees (scripts/initramfs/init). Checked
from Linux's own output: every node and its size, the distances, the
initrd intact and where bootmem said, the images on the node bootmem
said, and the board's kept buffer reserved."""

import os

import pexpect
import pytest

from conftest import BUILD
import qemu_numa

DISK = os.path.join(BUILD, 'os', 'disk.img')
BOOTARGS = 'console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1'

# (id, nodes, dist, -n node or None, node the images must land on, or
# {image: node} where they differ)
TOPOLOGIES = [
    ('no-numa', None, None, None, 0),
    ('two-nodes', [(2048, 2), (2048, 2)], {(0, 1): 20}, None, 0),
    ('four-nodes-dist', [(512, 1), (768, 1), (1024, 1), (1280, 1)],
     {(0, 1): 15, (0, 2): 20, (0, 3): 25, (1, 2): 30, (1, 3): 35,
      (2, 3): 40}, None, 0),
    ('cpu-only-node', [(1024, 1), (0, 1), (1024, 1)],
     {(0, 1): 30, (0, 2): 20, (1, 2): 15}, 1, 2),
    ('unequal-sizes', [(768, 1), (256, 1), (1536, 2)], None, 2, 2),
    # 24 MiB cannot hold the 32 MiB kernel: all three go together to the
    # nearest node that holds them, never split.
    ('node-too-small', [(1024, 2), (24, 1), (1024, 1)],
     {(0, 1): 40, (0, 2): 20, (1, 2): 25}, 1, 2),
    ('non-boot-node', [(1024, 2), (1024, 2)], None, 1, 1),
]


def disk_args():
    if not os.path.exists(DISK):
        pytest.skip('%s missing: make os' % DISK)
    return ['-drive', 'if=none,format=raw,id=disk,file=' + DISK,
            '-device', 'virtio-blk-device,drive=disk']


def boot_linux(con, node, kernel='Image'):
    """bootmem boot from the prompt; the console log up to power-off."""
    con.run('setenv bootargs "%s"' % BOOTARGS)
    cmd = 'bootmem boot virtio 0:1 %s initrd.img' % kernel
    if node is not None:
        cmd += ' -n %d' % node
    con.child.sendline(cmd)
    try:
        con.child.expect('BOOTMEM-OS: end', timeout=120)
        con.child.expect(pexpect.EOF, timeout=30)
    except (pexpect.EOF, pexpect.TIMEOUT):
        pass
    return con.log()


@pytest.mark.parametrize('name,nodes,dist,node,want', TOPOLOGIES,
                         ids=[t[0] for t in TOPOLOGIES])
def test_bootmem_boots_linux_on_the_right_node(uboot, name, nodes, dist,
                                               node, want):
    con = uboot(nodes=nodes, dist=dist, mem=2048, extra=disk_args())
    log = boot_linux(con, node)
    rep = qemu_numa.parse_os_report(log)
    assert rep['end'], 'Linux did not finish:\n' + log[-3000:]
    if name == 'node-too-small':
        assert ('bootmem: node 1 cannot hold kernel, initrd and fdt' in log
                and 'all three on node 2, the nearest that can' in log)
    assert qemu_numa.check_os_report(rep, nodes, dist, mem=2048) == []

    placed = qemu_numa.parse_placement(log)
    assert sorted(placed) == ['fdt', 'initrd', 'kernel']
    for image, (base, end, nid, load) in placed.items():
        node_wanted = want[image] if isinstance(want, dict) else want
        assert nid == node_wanted, image
        assert qemu_numa.node_of(base, nodes, 2048) == nid, image
        assert qemu_numa.node_of(end - 1, nodes, 2048) == nid, image
    kbase, _, _, kload = placed['kernel']
    assert kbase % (2 << 20) == 0 and kload == kbase
    fbase, fend, _, _ = placed['fdt']
    assert fbase >> 21 == (fend - 1) >> 21

    # Linux got the initrd where bootmem put it, and it is intact.
    ibase, _, _, iload = placed['initrd']
    assert rep['initrd'][0] == iload
    assert rep['checksum'] == 'OK'
    # The kernel runs where bootmem put it.
    code = [line for line in rep['iomem'] if 'Kernel code' in line]
    assert code and int(code[0].split('-')[0], 16) >= kbase
    # The board's buffer kept for the OS reached Linux as reserved memory.
    kept = [r for r in rep['reserved'] if r[0].startswith('board-handoff@')]
    assert kept and kept[0][2] == 0x10000


def test_gzipped_kernel_is_unpacked_through_temporary_buffers(uboot):
    con = uboot(nodes=[(1024, 2), (1024, 2)], extra=disk_args())
    log = boot_linux(con, 1, kernel='Image.gz')
    rep = qemu_numa.parse_os_report(log)
    assert rep['end'] and rep['checksum'] == 'OK', log[-3000:]
    placed = qemu_numa.parse_placement(log)
    assert placed['kernel'][2] == 1
    # The temporary buffers were given back before Linux started.
    assert 'kernel.gz' not in log.split('Starting kernel')[0].split(
        'bootmem boot')[-1]


def map_of(con):
    return con.run('bootmem map')


def disk_used(con):
    """The disk's first use makes EFI describe it, in pages LMB hands out:
    done before a test's map is taken, so that the map before and after a
    refused boot differ only by what the boot did."""
    con.run('ls virtio 0:1 /')
    return con


@pytest.mark.parametrize('args,reason', [
    ('virtio 0:1 NoSuchImage', 'NoSuchImage: no such file'),
    ('virtio 0:1 initrd.img', 'initrd.img: not an arm64 Image'),
    ('virtio 0:1 boot.scr', 'boot.scr: not an arm64 Image'),
    ('virtio 0:1 Image NoSuchInitrd', 'NoSuchInitrd: no such file'),
    ('virtio 0:1 Image initrd.img -n 7', "no node '7'"),
    ('virtio 0:1 Image initrd.img -n -1', "no node '-1'"),
    ('nosuch 0 Image', 'Image: no such file on nosuch 0'),
])
def test_a_refused_boot_changes_nothing(uboot, args, reason):
    con = disk_used(uboot(nodes=[(1024, 1), (1024, 1)],
                          extra=disk_args()))
    before = map_of(con)
    out = con.run('bootmem boot %s; echo rc=$?' % args)
    assert reason in out
    assert 'rc=1' in out
    assert map_of(con) == before


def test_a_kernel_too_large_for_any_node_is_refused(uboot):
    # U-Boot takes ~35 MiB of node 0 and sits at its top, so no free run
    # anywhere holds the 32 MiB kernel.
    con = disk_used(uboot(nodes=[(64, 1), (24, 1)], extra=disk_args()))
    before = map_of(con)
    env = con.run('printenv')
    out = con.run('bootmem boot virtio 0:1 Image initrd.img; echo rc=$?')
    assert out.splitlines()[0].startswith(
        'bootmem boot: no node can hold kernel, initrd and fdt (')
    assert out.splitlines()[1:] == ['rc=1']
    assert map_of(con) == before
    assert con.run('printenv') == env


def fill_node(con, nid):
    """Allocate what is left of node @nid in 16 MiB, then 1 MiB pieces."""
    for size in ('16M', '1M'):
        while con.run('bootmem alloc %s -n %d -x' % (size, nid)).startswith(
                'bootmem_addr='):
            pass


@pytest.mark.parametrize('exact', [False, True], ids=['nearest', 'exact'])
def test_a_full_boot_node_moves_all_three_or_refuses(uboot, exact):
    """Node 0 full: all three images go to node 1 together, said in one
    line; with -x, the boot is refused in one line and nothing changes."""
    con = disk_used(uboot(nodes=[(1024, 1), (1024, 1)],
                          extra=disk_args()))
    con.run('bootmem alloc 900M -n 0 -x')
    fill_node(con, 0)
    con.run('setenv bootargs "%s"' % BOOTARGS)
    if exact:
        before = map_of(con)
        env = con.run('printenv')
        out = con.run('bootmem boot virtio 0:1 Image initrd.img -x; '
                      'echo rc=$?')
        assert out.splitlines() == [
            out.splitlines()[0], 'rc=1'], out
        assert out.startswith('bootmem boot: node 0 cannot hold kernel, '
                              'initrd and fdt (') and out.splitlines()[0].endswith(
                                  '; refused (-x)')
        assert map_of(con) == before
        assert con.run('printenv') == env
        return
    con.child.sendline('bootmem boot virtio 0:1 Image initrd.img')
    try:
        con.child.expect('BOOTMEM-OS: end', timeout=120)
    except (pexpect.EOF, pexpect.TIMEOUT):
        pass
    log = con.log()
    assert ('bootmem: node 0 cannot hold kernel, initrd and fdt' in log and
            'all three on node 1, the nearest that can' in log)
    placed = qemu_numa.parse_placement(log)
    assert {p[2] for p in placed.values()} == {1}
    rep = qemu_numa.parse_os_report(log)
    assert rep['checksum'] == 'OK'


