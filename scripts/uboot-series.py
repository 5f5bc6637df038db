#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""The U-Boot side of bootmem as a git format-patch series.

  uboot-series.py generate SPEC COVER WORKTREE OUTDIR
      Commit one patch per stanza of SPEC (see board/qemu-virt/series)
      onto the tag 'base' in WORKTREE, a git worktree of the pristine base,
      and write the series with COVER as its cover letter to OUTDIR
      (emptied first). Then apply OUTDIR's patches with git am onto 'base'
      in the same worktree and require the result to be the tree that was
      committed: the branch 'series' is the series applied.

  uboot-series.py files SPEC
      Every project file the series adds, one a line (for make's
      dependencies).

Each commit's author and Signed-off-by are the spec's author; its date is the project's HEAD commit date plus one second per patch, so
the same project gives the same series, byte for byte.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.dirname(HERE)

# Project files that exist only to be built inside U-Boot: each must be in
# a stanza, or U-Boot would silently lack it.
UBOOT_ONLY = [
    re.compile(r'lib/bootmem/[^/]+$'),
    re.compile(r'include/bootmem[^/]*\.h$'),
    re.compile(r'cmd/bootmem[^/]*\.[ch]$'),
    re.compile(r'common/(lmb_)?bootmem[^/]*\.c$'),
    re.compile(r'test/uboot/[^/]+\.[ch]$'),
    re.compile(r'test/uboot/Makefile$'),
    re.compile(r'board/qemu-virt/[^/]+\.c$'),
    re.compile(r'doc/.*\.rst$'),
]


class SeriesError(Exception):
    pass


class Patch:
    """One stanza of the spec: one commit."""

    def __init__(self, subject, line):
        self.subject = subject
        self.line = line
        self.body = []
        self.adds = []          # (project path, tree path)
        self.applies = []       # hand-written patch file names

    def message(self, patch_dir):
        if self.subject.endswith('.patch'):
            return header_message(os.path.join(patch_dir, self.subject))
        body = '\n'.join(self.body).strip('\n')
        return self.subject + '\n\n' + body + '\n'


def parse_spec(path):
    """The author ("Name <email>") and the stanzas of the series spec at
    @path, in order."""
    patches = []
    author = None
    with open(path, encoding='utf-8') as f:
        for num, line in enumerate(f, 1):
            line = line.rstrip('\n')
            where = '%s:%d' % (path, num)
            if line.startswith('#'):
                continue
            if line.startswith('\t') or (not line and patches and
                                         patches[-1].body):
                if not patches:
                    raise SeriesError('%s: text before the first patch' %
                                      where)
                patches[-1].body.append(line[1:])
                continue
            if not line:
                continue
            key, _, value = line.partition(':')
            value = value.strip()
            if key == 'author' and re.match(r'[^<>]+ <[^<>@]+@[^<>]+>$',
                                             value) and not patches:
                author = value
            elif key == 'patch' and value:
                patches.append(Patch(value, where))
                if value.endswith('.patch'):
                    patches[-1].applies.append(value)
            elif key == 'add' and value and patches:
                src, _, dst = value.partition(':')
                patches[-1].adds.append((src, dst or src))
            elif key == 'apply' and value and patches:
                patches[-1].applies.append(value)
            else:
                raise SeriesError('%s: not a stanza line: %s' % (where, line))
    if not author:
        raise SeriesError('%s: no "author: Name <email>" before the first '
                          'patch' % path)
    for p in patches:
        if p.subject.endswith('.patch'):
            if p.adds or len(p.applies) != 1 or any(p.body):
                raise SeriesError('%s: a whole hand-written patch takes no '
                                  'add:, apply: or text' % p.line)
        elif not any(p.body):
            raise SeriesError('%s: "%s" has no body saying why' %
                              (p.line, p.subject))
    return author, patches


def header_message(path):
    """Subject and body of the format-patch file at @path, without its
    Signed-off-by lines (the generator adds its own)."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    head = text.split('\n---\n', 1)[0]
    lines = head.split('\n')
    subject, body, in_subject, in_body = '', [], False, False
    for line in lines:
        if in_body:
            if not line.startswith('Signed-off-by:'):
                body.append(line)
        elif line.startswith('Subject:'):
            subject = re.sub(r'^\[PATCH[^]]*\]\s*', '',
                             line[len('Subject:'):].strip())
            in_subject = True
        elif in_subject and line.startswith(' '):
            subject += line
        elif in_subject and not line:
            in_body = True
        else:
            in_subject = False
    if not subject:
        raise SeriesError('%s: no Subject: header' % path)
    return subject + '\n\n' + '\n'.join(body).strip('\n') + '\n'


def run(args, cwd=None, env=None, stdin=None):
    res = subprocess.run(args, cwd=cwd, env=env, input=stdin,
                         capture_output=True, text=True)
    if res.returncode:
        raise SeriesError('%s failed in %s:\n%s%s' %
                          (' '.join(args), cwd or '.', res.stdout,
                           res.stderr))
    return res.stdout


def patch_touches(patch_path, tree_path):
    out = run(['git', 'apply', '--numstat', patch_path], cwd=PROJECT)
    return any(line.split('\t')[-1] == tree_path
               for line in out.splitlines())


def staged_content(patches, idx, src, dst, patch_dir):
    """The content stanza @idx adds at @dst: the project's @src, without
    what later stanzas' hand-written patches change in it."""
    with open(os.path.join(PROJECT, src), 'rb') as f:
        data = f.read()
    later = [os.path.join(patch_dir, a)
             for p in patches[idx + 1:] for a in p.applies]
    later = [a for a in later if patch_touches(a, dst)]
    if not later:
        return data
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, dst)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        for a in reversed(later):
            run(['git', 'apply', '-R', '--include=' + dst, a], cwd=tmp)
        with open(path, 'rb') as f:
            return f.read()


def project_date():
    """The project's HEAD commit date, in seconds."""
    return int(run(['git', 'log', '-1', '--format=%ct'], cwd=PROJECT))


def check_coverage(patches, patch_dir):
    """Every hand-written patch used once, every U-Boot-only project file
    added once."""
    used = [a for p in patches for a in p.applies]
    have = sorted(f for f in os.listdir(patch_dir) if f.endswith('.patch'))
    problems = []
    for a in sorted(set(used)):
        if used.count(a) > 1:
            problems.append('%s is applied %d times' % (a, used.count(a)))
        if a not in have:
            problems.append('%s: no such file in %s' % (a, patch_dir))
    problems += ['%s/%s is in no stanza' % (os.path.relpath(patch_dir,
                                                            PROJECT), f)
                 for f in have if f not in used]
    added = [src for p in patches for src, _ in p.adds]
    tracked = run(['git', 'ls-files', '--cached', '--others',
                   '--exclude-standard'], cwd=PROJECT).split('\n')
    for f in tracked:
        if not os.path.exists(os.path.join(PROJECT, f)):
            continue
        if any(r.match(f) for r in UBOOT_ONLY) and f not in added:
            problems.append('%s is built into U-Boot but in no stanza' % f)
    for f in sorted(set(added)):
        if added.count(f) > 1:
            problems.append('%s is added %d times' % (f, added.count(f)))
    if problems:
        raise SeriesError('series spec:\n  ' + '\n  '.join(problems))


def generate(spec, cover, worktree, outdir):
    spec, cover, worktree, outdir = map(os.path.abspath,
                                        (spec, cover, worktree, outdir))
    patch_dir = os.path.join(os.path.dirname(spec), 'patches')
    author, patches = parse_spec(spec)
    check_coverage(patches, patch_dir)
    name, email = author[:-1].split(' <')
    date = project_date()
    env = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
               GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email)

    run(['git', 'checkout', '-q', '-f', '--detach', 'base'], cwd=worktree)
    run(['git', 'clean', '-q', '-f', '-d', '-x'], cwd=worktree)
    for idx, p in enumerate(patches):
        for src, dst in p.adds:
            path = os.path.join(worktree, dst)
            if os.path.lexists(path):
                raise SeriesError('%s: %s is already in U-Boot' %
                                  (p.line, dst))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'wb') as f:
                f.write(staged_content(patches, idx, src, dst, patch_dir))
            run(['git', 'add', '-f', dst], cwd=worktree)
        for a in p.applies:
            try:
                run(['git', 'apply', '--index', '--whitespace=nowarn',
                     os.path.join(patch_dir, a)], cwd=worktree)
            except SeriesError as err:
                raise SeriesError('%s: %s does not apply:\n%s' %
                                  (p.line, a, err))
        msg = p.message(patch_dir) + '\nSigned-off-by: %s <%s>\n' % (name,
                                                                     email)
        stamp = '@%d +0000' % (date + idx + 1)
        run(['git', 'commit', '-q', '--no-verify', '-F', '-'], cwd=worktree,
            env=dict(env, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp),
            stdin=msg)

    # No drift: what the series leaves is the project's files.
    for p in patches:
        for src, dst in p.adds:
            with open(os.path.join(PROJECT, src), 'rb') as a, \
                    open(os.path.join(worktree, dst), 'rb') as b:
                if a.read() != b.read():
                    raise SeriesError('%s: the series leaves %s different '
                                      'from %s' % (p.line, dst, src))
    tree = run(['git', 'rev-parse', 'HEAD^{tree}'], cwd=worktree).strip()

    shutil.rmtree(outdir, ignore_errors=True)
    stamp = '@%d +0000' % date
    run(['git', 'format-patch', '-q', '--cover-letter', '--no-signature',
         '-o', outdir, 'base..HEAD'], cwd=worktree,
        env=dict(env, GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp))
    fill_cover(outdir, cover)

    # The series is the source of truth: apply it as a maintainer would.
    files = sorted(f for f in os.listdir(outdir) if not f.startswith('0000'))
    run(['git', 'checkout', '-q', '-f', '--detach', 'base'], cwd=worktree)
    run(['git', 'am', '-q', '--whitespace=nowarn'] +
        [os.path.join(outdir, f) for f in files], cwd=worktree, env=env)
    applied = run(['git', 'rev-parse', 'HEAD^{tree}'], cwd=worktree).strip()
    if applied != tree:
        raise SeriesError('git am of %s gives tree %s, not %s' %
                          (outdir, applied, tree))
    run(['git', 'branch', '-f', 'series', 'HEAD'], cwd=worktree)
    print('patches: %d patches and a cover letter in %s' %
          (len(files), outdir))


def fill_cover(outdir, cover):
    """Put @cover's first line and the rest into format-patch's cover
    letter placeholders."""
    with open(cover, encoding='utf-8') as f:
        lines = [line for line in f.read().split('\n')
                 if not line.startswith('#')]
    while lines and not lines[0]:
        lines.pop(0)
    subject, blurb = lines[0], '\n'.join(lines[1:]).strip('\n')
    path = os.path.join(outdir, sorted(os.listdir(outdir))[0])
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if '*** SUBJECT HERE ***' not in text or '*** BLURB HERE ***' not in text:
        raise SeriesError('%s: no cover letter placeholders' % path)
    text = text.replace('*** SUBJECT HERE ***', subject)
    text = text.replace('*** BLURB HERE ***', blurb)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main(argv):
    try:
        if len(argv) == 5 and argv[0] == 'generate':
            generate(*argv[1:])
        elif len(argv) == 2 and argv[0] == 'files':
            for p in parse_spec(argv[1])[1]:
                for src, _ in p.adds:
                    print(src)
        else:
            sys.stderr.write(__doc__)
            return 2
    except SeriesError as err:
        sys.stderr.write('uboot-series.py: %s\n' % err)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
