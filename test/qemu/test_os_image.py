# SPDX-License-Identifier: GPL-2.0+
"""The test OS on its own: the initrd and disk image hold what they should,
and the kernel booted straight from QEMU (no U-Boot) runs /init, which
reports every NUMA node, its memory and distances, finds its initrd intact
and powers the machine off.

The images come from `make os`; without them these tests are skipped.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
OS_OUT = Path(os.environ.get("BUILD", REPO / "build")) / "os"
IMAGE = OS_OUT / "Image"
INITRD = OS_OUT / "initrd.img"
DISK = OS_OUT / "disk.img"
QEMU = "qemu-system-aarch64"
# Pointer authentication with QARMA triples the boot time under TCG.
CPU = "max,pauth-impdef=on"
BOOT_TIMEOUT = 240
RAM_BASE = 0x40000000
MIB = 1 << 20
# MemTotal leaves out what the kernel reserved on the node: its image, page
# structures, the swiotlb bounce buffer below 4 GiB. Measured: 16-107 MiB.
MEMTOTAL_SLACK = 200 * MIB
MARK = "BOOTMEM-OS: "


def need(*paths):
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} absent: run `make os` first")


def need_tool(tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (make deps)")


def qemu_numa_args(sizes_mib, distances):
    """-smp/-m/-numa arguments: one CPU and one memory backend per node,
    and a full distance table (QEMU wants every pair at least one way)."""
    args = ["-smp", str(len(sizes_mib)), "-m", f"{sum(sizes_mib)}M"]
    for n, size in enumerate(sizes_mib):
        args += ["-object", f"memory-backend-ram,id=m{n},size={size}M",
                 "-numa", f"node,nodeid={n},cpus={n},memdev=m{n}"]
    for src, row in enumerate(distances):
        for dst, val in enumerate(row):
            if dst > src:
                args += ["-numa", f"dist,src={src},dst={dst},val={val}"]
    return args


def boot(sizes_mib, distances):
    """Boot Image + initrd.img; return (QEMU's exit status, console text)."""
    cmd = [QEMU, "-M", "virt", "-cpu", CPU, "-nographic", "-no-reboot",
           "-nic", "none", *qemu_numa_args(sizes_mib, distances),
           "-kernel", str(IMAGE), "-initrd", str(INITRD),
           "-append", "console=ttyAMA0 panic=-1"]
    try:
        run = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=BOOT_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        pytest.fail(f"no power-off within {BOOT_TIMEOUT} s:\n{out[-3000:]}")
    return run.returncode, run.stdout.decode(errors="replace")


def report(console):
    """The BOOTMEM-OS lines as a list of field lists, prefix removed."""
    return [line[len(MARK):].rstrip("\r").split(" ")
            for line in console.splitlines() if line.startswith(MARK)]


def node_fields(lines, node, key):
    return [f[3:] for f in lines
            if f[:3] == ["node", str(node), key]]


def span(text):
    """"0xSTART-0xEND" as a pair of ints."""
    start, end = text.split("-")
    return int(start, 16), int(end, 16)


def expected_ranges(sizes_mib):
    """QEMU lays the nodes out contiguously from RAM_BASE in node order."""
    start = RAM_BASE
    for size in sizes_mib:
        yield start, start + size * MIB - 1
        start += size * MIB


LAYOUTS = {
    "2 nodes": ([2048, 2048],
                [[10, 20],
                 [20, 10]]),
    # Unequal sizes, so a MemTotal reported for the wrong node shows.
    "4 nodes": ([512, 1024, 1536, 2048],
                [[10, 20, 30, 40],
                 [20, 10, 20, 30],
                 [30, 20, 10, 20],
                 [40, 30, 20, 10]]),
}


@pytest.fixture(scope="module", params=LAYOUTS.values(), ids=LAYOUTS.keys())
def booted(request):
    need(IMAGE, INITRD)
    need_tool(QEMU)
    sizes, distances = request.param
    status, console = boot(sizes, distances)
    return sizes, distances, status, console, report(console)


def test_initrd_holds_init_busybox_payload_and_checksums():
    need(INITRD)
    need_tool("cpio")
    names = subprocess.run(["cpio", "-it", "--quiet"], stdin=INITRD.open("rb"),
                           capture_output=True, check=True,
                           text=True).stdout.split()
    for name in ("init", "bin/busybox", "payload.bin", "checksums.sha256"):
        assert name in names


def test_initrd_is_big_enough_for_placement_to_matter():
    need(INITRD)
    assert 4 * MIB <= INITRD.stat().st_size <= 16 * MIB


def test_disk_partition_holds_kernel_and_initrd(tmp_path):
    need(IMAGE, INITRD, DISK)
    need_tool("mcopy")
    mbr = DISK.read_bytes()[:512]
    assert mbr[510:] == b"\x55\xaa"
    assert mbr[446] == 0x80, "partition 1 is not marked bootable"
    start = int.from_bytes(mbr[454:458], "little") * 512
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    for name, original in (("Image", IMAGE), ("initrd.img", INITRD)):
        copy = tmp_path / name
        subprocess.run(["mcopy", "-i", f"{DISK}@@{start}", f"::{name}",
                        str(copy)], env=env, check=True)
        assert copy.read_bytes() == original.read_bytes(), name


def test_init_runs_to_the_end_and_powers_off(booted):
    _, _, status, console, lines = booted
    assert ["begin"] in lines
    assert ["end"] in lines, console[-3000:]
    assert not [f for f in lines if f[0] == "error"]
    assert "reboot: Power down" in console
    assert status == 0


def test_init_lists_every_node_with_its_cpu(booted):
    sizes, _, _, _, lines = booted
    assert ["nodes", *map(str, range(len(sizes)))] in lines
    for node in range(len(sizes)):
        assert node_fields(lines, node, "cpus") == [[str(node)]]


def test_each_node_memtotal_is_its_size_less_kernel_reservations(booted):
    sizes, _, _, _, lines = booted
    for node, size in enumerate(sizes):
        (kb,) = node_fields(lines, node, "memtotal_kb")
        total = int(kb[0]) * 1024
        assert size * MIB - MEMTOTAL_SLACK < total <= size * MIB, node


def test_each_node_distance_row_matches_qemu(booted):
    _, distances, _, _, lines = booted
    for node, row in enumerate(distances):
        assert node_fields(lines, node, "distance") == [list(map(str, row))]


def test_each_node_memory_range_matches_qemu(booted):
    sizes, _, _, _, lines = booted
    for node, want in enumerate(expected_ranges(sizes)):
        ranges = node_fields(lines, node, "range")
        blocks = node_fields(lines, node, "blocks")
        assert [span(f[0]) for f in ranges] == [want], node
        assert [span(f[0]) for f in blocks] == [want], node


def test_device_tree_memory_nodes_carry_node_ids(booted):
    sizes, _, _, _, lines = booted
    seen = {}
    for f in lines:
        if f[0] == "dt-memory":
            _, _, _, nid, _, addr, size = f
            seen[int(nid)] = (int(addr, 16), int(size, 16))
    assert seen == {n: (start, end - start + 1) for n, (start, end)
                    in enumerate(expected_ranges(sizes))}


def test_initrd_range_is_in_the_device_tree(booted):
    _, _, _, _, lines = booted
    (start,) = [int(f[1], 16) for f in lines if f[0] == "initrd-start"]
    (end,) = [int(f[1], 16) for f in lines if f[0] == "initrd-end"]
    assert end - start == INITRD.stat().st_size


def test_initrd_checksum_ok(booted):
    _, _, _, _, lines = booted
    assert ["initrd", "checksum", "OK"] in lines
