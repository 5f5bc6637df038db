# SPDX-License-Identifier: GPL-2.0+
"""Builds that move with their checkout (scripts/build-owner.sh): a copied
or renamed checkout drops its path-bound U-Boot objects and says so in one
line; a build/ that is another living checkout's (a symlink) is refused
in one line and left exactly as it was."""

import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, 'scripts', 'build-owner.sh')


def claim(checkout, build=None):
    """build-owner.sh for CHECKOUT: (exit status, stdout, stderr)."""
    build = build or os.path.join(checkout, 'build')
    res = subprocess.run([SCRIPT, build, str(checkout),
                          os.path.join(build, 'uboot')],
                         capture_output=True, text=True, timeout=60)
    return res.returncode, res.stdout, res.stderr


def checkout_with_build(path):
    """A checkout whose build/ holds U-Boot objects and is claimed."""
    (path / 'build' / 'uboot').mkdir(parents=True)
    (path / 'build' / 'uboot' / 'u-boot.bin').write_text('old')
    (path / 'build' / 'os').mkdir()
    assert claim(path) == (0, '', '')
    return path


def owner(checkout):
    return (checkout / 'build' / '.checkout').read_text().strip()


def test_the_first_build_claims_build_and_a_rebuild_keeps_it(tmp_path):
    a = checkout_with_build(tmp_path / 'a')
    assert owner(a) == str(a)
    assert claim(a) == (0, '', '')
    assert (a / 'build' / 'uboot' / 'u-boot.bin').exists()


def test_a_copied_checkout_rebuilds_u_boot_and_says_so(tmp_path):
    a = checkout_with_build(tmp_path / 'a')
    b = tmp_path / 'b'
    shutil.copytree(a, b, symlinks=True)
    assert claim(b) == (0, 'build-owner: %s/build was built in %s: this '
                        'checkout was copied or moved, so U-Boot rebuilds '
                        'from clean\n' % (b, a), '')
    assert not (b / 'build' / 'uboot').exists()
    assert (b / 'build' / 'os').exists()
    assert owner(b) == str(b)
    assert (a / 'build' / 'uboot' / 'u-boot.bin').exists()
    assert owner(a) == str(a)


def test_a_renamed_checkout_rebuilds_u_boot_and_says_so(tmp_path):
    a = checkout_with_build(tmp_path / 'a')
    c = tmp_path / 'c'
    a.rename(c)
    rc, out, err = claim(c)
    assert (rc, err) == (0, '')
    assert out.count('\n') == 1 and 'copied or moved' in out
    assert not (c / 'build' / 'uboot').exists()
    assert owner(c) == str(c)


def test_a_symlinked_build_of_a_living_checkout_is_refused(tmp_path):
    a = checkout_with_build(tmp_path / 'a')
    d = tmp_path / 'd'
    d.mkdir()
    (d / 'build').symlink_to(a / 'build')
    assert claim(d) == (1, '', 'build-owner: %s/build is %s/build, the '
                        'build of %s: not touching it; give this checkout '
                        'its own build/\n' % (d, a, a))
    assert (a / 'build' / 'uboot' / 'u-boot.bin').read_text() == 'old'
    assert owner(a) == str(a)


def test_a_symlinked_build_whose_checkout_is_gone_is_taken_over(tmp_path):
    a = checkout_with_build(tmp_path / 'a')
    kept = tmp_path / 'kept-build'
    (a / 'build').rename(kept)
    shutil.rmtree(a)
    d = tmp_path / 'd'
    d.mkdir()
    (d / 'build').symlink_to(kept)
    rc, out, err = claim(d)
    assert (rc, err) == (0, '')
    assert out == 'build-owner: %s/build was built in %s, which is gone, ' \
        'so U-Boot rebuilds from clean\n' % (d, a)
    assert not (kept / 'uboot').exists()
    assert (kept / '.checkout').read_text().strip() == str(d)
