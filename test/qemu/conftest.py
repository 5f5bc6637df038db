# SPDX-License-Identifier: GPL-2.0+
"""Boot U-Boot on QEMU's virt machine with a NUMA topology and drive its
console. Run with Debian's interpreter: /usr/bin/python3 -m pytest test/qemu

Topology
--------
``nodes`` is None for a machine without NUMA, else one entry per node id,
in order. An entry is an int (MiB of RAM, one CPU) or a tuple (MiB, CPUs);
0 MiB makes a node with CPUs and no memory, 0 CPUs one with memory only.
CPUs are numbered in node order. ``dist`` is an optional {(src, dst): val}
map (QEMU mirrors a pair given one way). Without NUMA, ``mem`` MiB and
``smp`` CPUs are used.

    qemu_args(nodes=None, dist=None, mem=1024, smp=2) -> [str]
        QEMU's -smp, -m, -object and -numa options for that topology.
    node_ranges(nodes, mem=1024) -> [(nid, base, size)]
        The RAM QEMU gives each node: contiguous from 0x40000000, in node
        order, CPU-only nodes skipped.

Fixtures
--------
    uboot_bin       path of the U-Boot to boot: $UBOOT_BIN, else
                    $BUILD/uboot/u-boot.bin (built by `make uboot`; the test
                    is skipped when it is missing). UBOOT_BIN=/usr/lib/u-boot/
                    qemu_arm64/u-boot.bin boots Debian's stock U-Boot.
    uboot_config    {'CONFIG_FOO': 'y', ...} from the .config next to
                    uboot_bin ({} for a binary without one).
    uboot           factory: uboot(nodes=None, dist=None, mem=1024, smp=2,
                    extra=(), machine='virt') boots QEMU (extra: more QEMU
                    arguments; machine: -M value, 'virt,gic-version=3' for
                    more than 8 CPUs), stops autoboot and returns a Console
                    at the prompt. Every console is closed at the end of
                    the test. QEMU gets no default NIC (-nic none: its PCI
                    option ROM is in ipxe-qemu, not installed); a test that
                    wants a network passes a virtio-mmio one, which needs
                    no ROM: extra=['-netdev', 'user,id=net0,tftp=DIR',
                    '-device', 'virtio-net-device,netdev=net0'].

Console
-------
    .boot_log       everything printed before the first prompt
    .run(cmd, timeout=None) -> str
                    runs one command; returns its output without the echoed
                    command and the prompt, with '\\n' line ends
    .child          the pexpect child, for expect()/send() of your own
                    (e.g. booting Linux); .log() is the whole console so far
    .close()        quits QEMU (Ctrl-A x)

Environment: UBOOT_BIN, BUILD, QEMU (default qemu-system-aarch64),
UBOOT_TIMEOUT (seconds per step, default 30).
"""

import io
import os
import re
import sys

import pexpect
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get('BUILD', os.path.join(ROOT, 'build'))
QEMU = os.environ.get('QEMU', 'qemu-system-aarch64')
TIMEOUT = float(os.environ.get('UBOOT_TIMEOUT', '30'))
PROMPT = '=> '

sys.path.insert(0, os.path.join(ROOT, 'scripts'))
from qemu_numa import RAM_BASE, MiB, node_ranges, qemu_args  # noqa: E402,F401


# The topologies the board and command tests run on: name: (nodes, dist).
TOPOLOGIES = {
    'no-numa': (None, None),
    'two-nodes': ([(1024, 2), (1024, 2)], None),
    'four-nodes-dist': ([512, 512, 512, 512],
                        {(0, 1): 15, (0, 2): 20, (0, 3): 25,
                         (1, 2): 30, (1, 3): 35, (2, 3): 40}),
    'three-unequal': ([256, 1536, 768], None),
    'cpu-only-node': ([(1024, 2), (1024, 2), (0, 2)],
                      {(0, 1): 20, (0, 2): 30, (1, 2): 30}),
}


class Console:
    """One QEMU running U-Boot, stopped at its prompt."""

    def __init__(self, binary, args, machine='virt'):
        self._log = io.StringIO()
        # No default NIC (its PCI option ROM is in ipxe-qemu, which is not
        # installed): a test that wants a network adds a virtio-mmio one.
        cmd = [QEMU, '-M', machine, '-cpu', 'max,pauth-impdef=on', '-nographic',
               '-no-reboot', '-nic', 'none', '-bios', binary] + list(args)
        self.cmdline = ' '.join(cmd)
        self.child = pexpect.spawn(cmd[0], cmd[1:], encoding='utf-8',
                                   codec_errors='replace', timeout=TIMEOUT,
                                   logfile=self._log)
        try:
            self.child.expect('Hit any key to stop autoboot')
            self.boot_log = self._clean(self.child.before)
            self.child.send(' ')
            self.child.expect_exact(PROMPT)
        except (pexpect.EOF, pexpect.TIMEOUT):
            self.close()
            raise AssertionError('no U-Boot prompt from %s:\n%s'
                                 % (self.cmdline, self.log()[-4000:]))

    @staticmethod
    def _clean(text):
        return text.replace('\r\n', '\n').replace('\r', '')

    def log(self):
        """Everything the console printed so far."""
        return self._clean(self._log.getvalue())

    def run(self, cmd, timeout=None):
        """Run one U-Boot command; return what it printed."""
        self.child.sendline(cmd)
        try:
            self.child.expect(r'\n' + re.escape(PROMPT), timeout=timeout)
        except (pexpect.EOF, pexpect.TIMEOUT):
            raise AssertionError('no prompt after %r:\n%s'
                                 % (cmd, self.log()[-4000:]))
        out = self._clean(self.child.before)
        # The console echoes the command line first.
        first, _, rest = out.partition('\n')
        assert first.strip() == cmd.strip(), (first, cmd)
        return rest

    def close(self):
        """Quit QEMU."""
        if not self.child.isalive():
            return
        try:
            self.child.sendcontrol('a')
            self.child.send('x')
            self.child.expect(pexpect.EOF, timeout=5)
        except (pexpect.EOF, pexpect.TIMEOUT, OSError):
            pass
        self.child.close(force=True)


@pytest.fixture(scope='session')
def uboot_bin():
    path = os.environ.get('UBOOT_BIN',
                          os.path.join(BUILD, 'uboot', 'u-boot.bin'))
    if not os.path.exists(path):
        pytest.skip('%s missing: make uboot, or set UBOOT_BIN' % path)
    return path


@pytest.fixture(scope='session')
def uboot_config(uboot_bin):
    config = {}
    path = os.path.join(os.path.dirname(uboot_bin), '.config')
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                name, eq, value = line.strip().partition('=')
                if eq and name.startswith('CONFIG_'):
                    config[name] = value.strip('"')
    return config


@pytest.fixture
def uboot(uboot_bin):
    consoles = []

    def boot(nodes=None, dist=None, mem=1024, smp=2, extra=(),
             machine='virt'):
        con = Console(uboot_bin, qemu_args(nodes, dist, mem, smp) +
                      list(extra), machine)
        consoles.append(con)
        return con

    yield boot
    for con in consoles:
        con.close()
