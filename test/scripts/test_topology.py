# SPDX-License-Identifier: GPL-2.0+
"""`make run`'s NODES and DIST (scripts/qemu_numa.py, scripts/run.py
--check): an omitted DIST leaves QEMU's own 10 and 20, a partial one is
completed with 20 and said so in one line, and one that QEMU or Linux
would refuse is one line of error before QEMU starts. QEMU itself then
takes every completed map, and writes it into the tree it gives the
guest."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import qemu_numa  # noqa: E402
from qemu_numa import TopologyError  # noqa: E402

THREE = '1024:1 2048:1 512:1'


def topology(nodes, dist=''):
    """parse_topology, then complete_distances: (nodes, full, filled)."""
    parsed, given = qemu_numa.parse_topology(nodes, dist)
    full, filled = qemu_numa.complete_distances(parsed, given)
    return parsed, full, filled


def check(nodes, dist=''):
    """scripts/run.py --check: (exit status, stdout, stderr)."""
    res = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'run.py'),
                          '--nodes', nodes, '--dist', dist, '--check'],
                         capture_output=True, text=True, timeout=60)
    return res.returncode, res.stdout, res.stderr


@pytest.mark.parametrize('nodes', ['2048:2 2048:2', THREE,
                                   '512 512 512 512 512'])
def test_omitted_dist_leaves_qemus_defaults(nodes):
    parsed, full, filled = topology(nodes)
    assert full == {} and filled == []
    assert not [a for a in qemu_numa.qemu_args(parsed, full)
                if a.startswith('dist,')]
    assert check(nodes) == (0, '', '')


def test_partial_dist_is_completed_with_20_in_one_line():
    _, full, filled = topology(THREE, '0-1:30')
    assert full == {(0, 1): 30, (0, 2): 20, (1, 2): 20}
    assert filled == [(0, 2), (1, 2)]
    assert check(THREE, '0-1:30') == (
        0, 'run: DIST has no distance for 0-2 1-2: using 20\n', '')


def test_a_pair_given_one_way_counts_both_ways():
    _, full, filled = topology(THREE, '1-0:30 2-0:40 1-2:15')
    assert filled == []
    assert full == {(1, 0): 30, (2, 0): 40, (1, 2): 15}
    assert qemu_numa.distance(full, 0, 2) == 40


def test_asymmetric_dist_is_completed_both_ways():
    _, full, filled = topology(THREE, '0-1:20 1-0:30')
    assert filled == [(0, 2), (1, 2)]
    assert full == {(0, 1): 20, (1, 0): 30, (0, 2): 20, (2, 0): 20,
                    (1, 2): 20, (2, 1): 20}


@pytest.mark.parametrize('nodes,dist,message', [
    (THREE, '0-3:30', 'DIST 0-3:30: no node 3, NODES has 3 (0-2)'),
    (THREE, '0-1:20 1-0:30 0-2:40',
     'DIST gives 0-2 one way only, but 0-1 and 1-0 differ, so QEMU wants '
     'both ways of every pair'),
    (THREE, '0-0:20', 'DIST 0-0:20: a node is at distance 10 from itself'),
    (THREE, '0-1:10', 'DIST 0-1:10: a distance between two nodes is 11..255'),
    (THREE, '0-1:256', 'DIST 0-1:256: a distance between two nodes is '
     '11..255'),
    (THREE, '0-1:20 0-1:30', 'DIST 0-1:30: 0-1 given twice'),
    (THREE, '0-1', 'DIST 0-1: expected src-dst:distance'),
    (THREE, '0-x:20', "DIST 0-x:20: expected a number, got 'x'"),
    ('1024:x', '', "NODES 1024:x: expected a number, got 'x'"),
    ('none', '0-1:20', "DIST '0-1:20' needs NUMA nodes, NODES is none"),
])
def test_a_dist_qemu_would_refuse_is_one_line_before_qemu(nodes, dist,
                                                          message):
    with pytest.raises(TopologyError) as err:
        topology(nodes, dist)
    assert str(err.value) == message
    assert check(nodes, dist) == (2, '', 'run: %s\n' % message)


def qemu_distance_matrix(nodes, dist, tmp_path):
    """QEMU's own tree for the topology: its distance-matrix as
    {(src, dst): val}; or QEMU's error text when it refuses."""
    dtb = tmp_path / 'virt.dtb'
    res = subprocess.run(['qemu-system-aarch64', '-machine',
                          'virt,dumpdtb=%s' % dtb, '-nic', 'none',
                          '-cpu', 'max'] + qemu_numa.qemu_args(nodes, dist),
                         capture_output=True, text=True, timeout=60)
    if res.returncode:
        return res.stderr.strip()
    cells = subprocess.run(['fdtget', '-t', 'u', str(dtb), '/distance-map',
                            'distance-matrix'], capture_output=True,
                           text=True, check=True).stdout.split()
    cells = [int(c) for c in cells]
    return {(cells[i], cells[i + 1]): cells[i + 2]
            for i in range(0, len(cells), 3)}


@pytest.mark.parametrize('dist', ['0-1:30', '0-1:20 1-0:30',
                                  '1-0:30 2-0:40 1-2:15'])
def test_qemu_takes_every_completed_dist(dist, tmp_path):
    nodes, full, _ = topology(THREE, dist)
    got = qemu_distance_matrix(nodes, full, tmp_path)
    assert got == {(a, b): qemu_numa.distance(full, a, b)
                   for a in range(3) for b in range(3)}


def test_qemu_refuses_a_partial_dist_as_given(tmp_path):
    nodes, given = qemu_numa.parse_topology(THREE, '0-1:30')
    assert 'distance between node 0 and 2 is missing' in \
        qemu_distance_matrix(nodes, given, tmp_path)
