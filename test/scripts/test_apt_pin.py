# SPDX-License-Identifier: GPL-2.0+
"""Pinned downloads that survive Debian's updates (scripts/apt-pin.sh,
scripts/fetch-os.sh): a pinned version the archive still has is used as
it is; one it dropped gives way to the current version of the same
package in the same suite, in one line, and $BUILD/versions-used says
what was used.

Offline and cheap: resolution reads the apt lists `make run` left in
$BUILD/apt (APT_NO_UPDATE=1), and the fetch test reuses the .debs already
downloaded into $BUILD/os/deb; without them these tests are skipped.
"""

import glob
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get('BUILD', os.path.join(ROOT, 'build'))
APT_DIR = os.path.join(BUILD, 'apt')
DEBS = os.path.join(BUILD, 'os', 'deb')
ENV = dict(os.environ, APT_NO_UPDATE='1')
NO_SUCH = '1:0.0-bootmem-test'


@pytest.fixture(scope='module')
def lists():
    if not glob.glob(os.path.join(APT_DIR, 'lists', '*_Packages*')):
        pytest.skip('%s has no apt lists: make os' % APT_DIR)


def apt_pin(*args):
    """(exit status, stdout, stderr) of scripts/apt-pin.sh ARGS."""
    res = subprocess.run([os.path.join(ROOT, 'scripts', 'apt-pin.sh')] +
                         list(args), capture_output=True, text=True,
                         env=ENV, timeout=120)
    return res.returncode, res.stdout, res.stderr


def current(pin):
    """What the lists have now for pin's package in its suite."""
    rc, out, _ = apt_pin(APT_DIR, pin)
    assert rc == 0
    return out.strip()


def test_a_pinned_version_the_archive_has_is_used_silently(lists):
    used = current('busybox-static=%s@bookworm' % NO_SUCH)
    assert apt_pin(APT_DIR, used + '@bookworm') == (0, used + '\n', '')


@pytest.mark.parametrize('pin', ['busybox-static=%s@bookworm' % NO_SUCH,
                                 'src:u-boot=%s@bookworm' % NO_SUCH])
def test_a_dropped_version_gives_way_to_the_current_one(lists, pin):
    rc, out, err = apt_pin(APT_DIR, pin)
    name = pin.split('=')[0].replace('src:', '')
    assert rc == 0
    assert out.startswith(name + '=') and NO_SUCH not in out
    assert err == 'apt-pin: %s=%s is gone from bookworm: using its current ' \
        '%s\n' % (name, NO_SUCH, out.strip().split('=', 1)[1])


def test_a_dropped_kernel_abi_follows_the_metapackage(lists):
    rc, out, err = apt_pin(APT_DIR, 'linux-image-6.1.0-1-arm64=6.1.0-1@'
                           'bookworm-security', 'linux-image-arm64')
    assert rc == 0
    assert out.startswith('linux-image-6.1.0-') and out.strip().endswith(
        current('linux-image-arm64=0@bookworm-security').split('=')[1])
    assert err.startswith('apt-pin: linux-image-6.1.0-1-arm64 is gone from '
                          'bookworm-security: using %s, which '
                          'linux-image-arm64=' % out.strip())
    assert err.count('\n') == 1


@pytest.mark.parametrize('args,rc,message', [
    (['no-such-package=1@bookworm'], 1,
     'apt-pin: no-such-package is not in bookworm: update the pin\n'),
    (['busybox-static=1@no-such-suite'], 1,
     'apt-pin: busybox-static is not in no-such-suite: update the pin\n'),
    (['busybox-static=1'], 2,
     'apt-pin: busybox-static=1: expected PKG=VERSION@SUITE\n'),
])
def test_a_pin_nothing_can_replace_is_one_line_of_error(lists, args, rc,
                                                        message):
    assert apt_pin(APT_DIR, *args) == (rc, '', message)


def test_record_keeps_one_line_per_package(tmp_path):
    record = str(tmp_path / 'versions-used')
    apt_pin('record', record, 'a=1@s', 'a=1')
    apt_pin('record', record, 'src:b=1@t', 'b=2')
    apt_pin('record', record, 'a=1@s', 'a=3')
    with open(record) as f:
        assert f.read() == 'src:b=2@t (pinned src:b=1)\na=3@s (pinned a=1)\n'


def test_fetch_os_goes_on_with_the_current_version(lists, tmp_path):
    """The whole fetch with a busybox pin the archive never had: the
    current busybox is taken, said and recorded, and both files come
    out. The .debs are already here, so nothing is downloaded."""
    if not glob.glob(os.path.join(DEBS, 'busybox-static_*.deb')):
        pytest.skip('%s has no busybox-static .deb: make os' % DEBS)
    dest = tmp_path / 'os'
    (dest / 'deb').mkdir(parents=True)
    for deb in glob.glob(os.path.join(DEBS, '*.deb')):
        os.symlink(deb, dest / 'deb' / os.path.basename(deb))
    with open(os.path.join(BUILD, 'versions-used')) as f:
        used = {line.split('=')[0]: line.split()[0]
                for line in f.read().split('\n') if '=' in line}
    kernel = next((v for k, v in used.items()
                   if k.startswith('linux-image-')), None)
    grub = used.get('grub-efi-arm64-bin')
    if not kernel or not grub:
        pytest.skip('%s records no kernel or GRUB: make os' %
                    os.path.join(BUILD, 'versions-used'))
    record = tmp_path / 'versions-used'
    busybox = 'busybox-static=%s@bookworm' % NO_SUCH
    res = subprocess.run([os.path.join(ROOT, 'scripts', 'fetch-os.sh'),
                          APT_DIR, str(dest), str(record), kernel,
                          'linux-image-arm64', busybox, grub],
                         capture_output=True, text=True, env=ENV,
                         timeout=300)
    assert res.returncode == 0, res.stderr
    used = current(busybox)
    assert 'busybox-static=%s is gone from bookworm' % NO_SUCH in res.stderr
    assert (dest / 'Image').stat().st_size > 16 << 20
    assert (dest / 'busybox').stat().st_size > 0
    assert (dest / 'grubaa64.efi').read_bytes()[:2] == b'MZ'
    assert record.read_text() == '%s\n%s@bookworm (pinned %s)\n%s\n' % (
        kernel, used, busybox.split('@')[0], grub)
