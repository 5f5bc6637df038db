# SPDX-License-Identifier: GPL-2.0+
"""The series spec (board/qemu-virt/series, scripts/uboot-series.py):
what make patches refuses before it touches U-Boot's tree. Each case runs
on a copy of the checkout, so that the real one is never changed."""

import os
import shutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = 'board/qemu-virt/series'
COVER = 'board/qemu-virt/cover-letter'


def copy_checkout(dst):
    """The tracked and new files of the checkout, in a git repository."""
    files = subprocess.run(['git', 'ls-files', '--cached', '--others',
                            '--exclude-standard'], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split('\n')
    for f in files:
        if f and os.path.isfile(os.path.join(ROOT, f)):
            os.makedirs(os.path.dirname(os.path.join(dst, f)) or dst,
                        exist_ok=True)
            shutil.copy2(os.path.join(ROOT, f), os.path.join(dst, f))
    env = dict(os.environ, GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@t',
               GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@t')
    for cmd in (['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'c']):
        subprocess.run(['git'] + cmd, cwd=dst, check=True, env=env)
    return dst


def assert_refused(checkout, message):
    """uboot-series.py generate in @checkout stops with @message, before it
    needs U-Boot's tree (the worktree given does not exist)."""
    res = subprocess.run(['/usr/bin/python3', 'scripts/uboot-series.py',
                          'generate', SPEC, COVER, 'no-such-worktree',
                          'out'], cwd=checkout, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 1
    assert message in res.stderr


def edit(path, old, new):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    assert old in text
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace(old, new, 1))


def test_files_lists_every_project_file_the_series_adds():
    out = subprocess.run(['/usr/bin/python3', 'scripts/uboot-series.py',
                          'files', SPEC], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.split()
    assert 'lib/bootmem/alloc.c' in out
    assert 'test/uboot/cmd.c' in out
    assert all(os.path.isfile(os.path.join(ROOT, f)) for f in out)


def test_a_hand_written_patch_in_no_stanza_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    shutil.copy(c / 'board/qemu-virt/patches/0010-boot-describe-memory-'
                'bootmem-keeps-for-the-OS-in-res.patch',
                c / 'board/qemu-virt/patches/0200-extra.patch')
    assert_refused(c, 'board/qemu-virt/patches/0200-extra.patch is in no stanza')


def test_a_library_file_in_no_stanza_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    (c / 'lib/bootmem/extra.c').write_text('/* new */\n')
    assert_refused(c, 'lib/bootmem/extra.c is built into U-Boot but in no stanza')


def test_a_command_header_or_lmb_backend_in_no_stanza_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    edit(c / SPEC, 'add: cmd/bootmem_cmd.h\n', '')
    edit(c / SPEC, 'add: common/lmb_bootmem.c\n', '')
    assert_refused(c, 'cmd/bootmem_cmd.h is built into U-Boot but in no stanza')
    assert_refused(c, 'common/lmb_bootmem.c is built into U-Boot but in no '
                   'stanza')


def test_a_patch_applied_twice_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    edit(c / SPEC, 'apply: 0103-doc-develop-index-bootmem.patch\n',
         'apply: 0103-doc-develop-index-bootmem.patch\n'
         'apply: 0103-doc-develop-index-bootmem.patch\n')
    assert_refused(c, '0103-doc-develop-index-bootmem.patch is applied 2 times')


def test_a_stanza_without_a_body_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    edit(c / SPEC, 'patch: doc: develop: describe bootmem\n',
         'patch: doc: nothing\nadd: lib/bootmem/Makefile\n\n'
         'patch: doc: develop: describe bootmem\n')
    assert_refused(c, '"doc: nothing" has no body saying why')


def test_a_spec_without_an_author_is_refused(tmp_path):
    c = copy_checkout(tmp_path / 'c')
    edit(c / SPEC, '\nauthor: ', '\n# author: ')
    assert_refused(c, 'no "author: Name <email>" before the first patch')
