#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Render the benchmark's measurements as bench/RESULTS.md and its plots.

Usage: report.py [--instr-only] OUTDIR BENCHDIR
  OUTDIR    holds time.tsv (from `bench`), callgrind/out.* (from `make
            bench-instr`) and optionally uboot.tsv (from uboot-boot.py)
  BENCHDIR  where RESULTS.md and the PNGs go
"""

import glob
import os
import re
import statistics
import subprocess
import sys

ALLOCS = ['bootmem', 'lmb-8', 'lmb-1024', 'bit-by-bit', 'per-node']
ALLOC_DESC = {
    'bootmem': 'this project, through include/bootmem.h',
    'lmb-8': "U-Boot 2023.01 lib/lmb.c, CONFIG_LMB_MAX_REGIONS=8 (U-Boot's default)",
    'lmb-1024': 'the same lib/lmb.c with 1024 regions',
    'bit-by-bit': 'one bitmap over the whole address span, searched bit by bit '
                  '(the 2008 bootmem RFC); ignores node ids',
    'per-node': 'classic bootmem: one bitmap per node, searched 64 bits at a '
                'time, no summaries',
}


def load_times(path):
    rows = {}
    if not os.path.exists(path):
        return rows
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        if len(f) < 6:
            continue
        rows.setdefault((f[0], f[1], f[2]), {})[f[3]] = (float(f[4]), f[5])
    return rows


def load_instr(pattern):
    """(workload, param, alloc) -> median instructions per operation."""
    per = {}
    for path in glob.glob(pattern):
        label = total = None
        for line in open(path, errors='replace'):
            if line.startswith('desc: Trigger: Client Request: bench|'):
                label = line.split('Client Request: ', 1)[1].strip()
            elif line.startswith('totals:'):
                total = int(line.split()[1])
        if not label or total is None:
            continue
        _, wl, param, alloc, ops = label.split('|')
        per.setdefault((wl, param, alloc), []).append(total / max(int(ops), 1))
    return {k: statistics.median(v) for k, v in per.items()}


def fmt_ns(ns):
    if ns >= 1e6:
        return '%.2f ms' % (ns / 1e6)
    if ns >= 1e4:
        return '%.1f µs' % (ns / 1e3)
    if ns >= 100:
        return '%.0f ns' % ns
    return '%.1f ns' % ns


def fmt_bytes(b):
    for unit, div in (('MiB', 1 << 20), ('KiB', 1 << 10)):
        if b >= div:
            return '%.1f %s' % (b / div, unit)
    return '%d B' % b


class Report:
    def __init__(self, times, instr):
        self.t = times
        self.i = instr

    def params(self, wl):
        seen = []
        for (w, p, _) in self.t:
            if w == wl and p not in seen:
                seen.append(p)
        return seen

    def cell(self, wl, param, alloc, metric='ns_op', with_instr=True):
        m = self.t.get((wl, param, alloc))
        if not m:
            return '–'
        if metric in m:
            val, note = m[metric]
            s = fmt_ns(val)
            ins = self.i.get((wl, param, alloc))
            if with_instr and ins is not None:
                s += ' / %s' % ('{:,.0f}'.format(ins))
            if note:
                s += ' (%s)' % note
            return s
        for k in ('fail_at', 'skip', 'wrong'):
            if k in m:
                return '**%s**' % (m[k][1] or k) if k != 'wrong' else \
                    '**WRONG** %s' % m[k][1]
        return '–'

    def table(self, wl, metric='ns_op', head='workload', params=None,
              label=lambda p: p):
        out = ['| %s | %s |' % (head, ' | '.join(ALLOCS)),
               '|---|%s|' % '|'.join('---' for _ in ALLOCS)]
        for p in params or self.params(wl):
            out.append('| %s | %s |' % (label(p), ' | '.join(
                self.cell(wl, p, a, metric) for a in ALLOCS)))
        return '\n'.join(out)

    def val(self, wl, param, alloc, metric):
        m = self.t.get((wl, param, alloc), {})
        return m[metric][0] if metric in m else None


def verdict(ok):
    if ok is None:
        return 'not measured'
    return '**met**' if ok else '**missed**'


def targets(r):
    rows = []
    # Boot trace: instructions per step, bootmem against LMB with 1024.
    for p in r.params('trace'):
        b, l = r.i.get(('trace', p, 'bootmem')), r.i.get(('trace', p, 'lmb-1024'))
        ok = None if b is None or l is None else l >= 3 * b
        rows.append(('boot trace %s: ≥ 3× fewer instructions per step than '
                     'LMB (1024 regions)' % p.split(' ')[0],
                     'issue 6', '%s vs %s instr/step (%.2f×)' % (
                         '{:,.0f}'.format(b or 0), '{:,.0f}'.format(l or 0),
                         (l or 0) / b if b else 0), verdict(ok)))
    lo, hi = r.val('churn', 'N=100', 'bootmem', 'ns_op'), \
        r.val('churn', 'N=100000', 'bootmem', 'ns_op')
    ok = None if lo is None or hi is None else hi <= 2 * lo
    lmb = r.t.get(('churn', 'N=100000', 'lmb-1024'), {})
    rows.append(('churn: bootmem flat within 2× from N=100 to 100,000 while '
                 'LMB grows or fails', 'issue 6',
                 'bootmem %s → %s per step (%.0f×); LMB-1024 %s' % (
                     fmt_ns(lo or 0), fmt_ns(hi or 0), (hi or 0) / lo if lo else 0,
                     lmb.get('fail_at', (0, 'ran'))[1]), verdict(ok)))
    f = r.val('fragment', '1 TiB, bottom-up', 'bootmem', 'ns')
    ftd = r.val('fragment', '1 TiB, top-down', 'bootmem', 'ns')
    fn0 = r.val('fragment', '1 TiB, node 0, top-down', 'bootmem', 'ns')
    worst = max(x for x in (f, ftd, fn0) if x is not None) if f else None
    desc = 'top-down %s, bottom-up %s, node 0 %s' % tuple(
        fmt_ns(x or 0) for x in (ftd, f, fn0))
    rows.append(('fragmented 1 TiB: 1 GiB search ≤ 20 µs', 'issue 2', desc,
                 verdict(None if worst is None else worst <= 20e3)))
    rows.append(('fragmented 1 TiB: 1 GiB search ≤ 100 µs', 'issue 6', desc,
                 verdict(None if worst is None else worst <= 100e3)))
    e = r.val('setup', '1 TiB, 4 nodes', 'bootmem', 'ns')
    rows.append(('enable 1 TiB, 4 nodes ≤ 2 ms', 'issue 2', fmt_ns(e or 0),
                 verdict(None if e is None else e <= 2e6)))
    rows.append(('enable 1 TiB, 4 nodes ≤ 10 ms', 'issue 6', fmt_ns(e or 0),
                 verdict(None if e is None else e <= 10e6)))
    p = r.params('page')[0] if r.params('page') else None
    pi = r.i.get(('page', p, 'bootmem')) if p else None
    pn = r.val('page', p, 'bootmem', 'ns_op') if p else None
    rows.append(('single page ≤ 200 instructions', 'issue 2',
                 '{:,.0f}'.format(pi) if pi else '–',
                 verdict(None if pi is None else pi <= 200)))
    rows.append(('single page ≤ 20 ns', 'issue 2', fmt_ns(pn or 0),
                 verdict(None if pn is None else pn <= 20)))
    par = '1 TiB, 4 nodes'
    m, s, fx = (r.val('state', par, 'bootmem', k) for k in ('map', 'summary', 'fixed'))
    if m is not None:
        pages = (1 << 40) >> 12
        ok_map = m <= pages / 8 + 64
        ok_sum = s <= 0.02 * m
        rows.append(('state, 1 TiB 4 nodes: bitmap ≤ 1 bit per present page',
                     'issue 2', '%s for %s pages' % (fmt_bytes(m), '{:,}'.format(pages)),
                     verdict(ok_map)))
        rows.append(('state: summaries ≤ 2%', 'issue 2', '%s (%.2f%%)' % (
            fmt_bytes(s), 100 * s / m), verdict(ok_sum)))
        rows.append(('state: fixed ≤ 64 bytes per node', 'issue 2',
                     '%s = sizeof(struct bootmem_state), compile-time tables '
                     'for 64 nodes, 128 ranges, 128 owners: %.0f B per node '
                     'at 64 nodes' % (fmt_bytes(fx), fx / 64), verdict(fx <= 64 * 64)))
    out = ['| target | from | measured | |', '|---|---|---|---|']
    out += ['| %s | %s | %s | %s |' % row for row in rows]
    return '\n'.join(out)


def state_table(r):
    out = ['| machine | allocator | bitmap / regions | summaries | fixed | '
           'bits per present page |', '|---|---|---|---|---|---|']
    for par in ('1 GiB, 1 nodes', '1 TiB, 4 nodes', '1 TiB, 64 nodes sparse',
                '16 TiB, 64 nodes sparse'):
        m = re.match(r'(\d+) (GiB|TiB)', par)
        pages = int(m.group(1)) << (30 if m.group(2) == 'GiB' else 40) >> 12
        for a in ALLOCS:
            v = [r.val('state', par, a, k) for k in ('map', 'summary', 'fixed')]
            if v[0] is None:
                skip = r.t.get(('setup', par, a), {}).get('skip')
                if skip:
                    out.append('| %s | %s | %s | | | |' % (par, a, skip[1]))
                continue
            out.append('| %s | %s | %s | %s | %s | %.3f |' % (
                par, a, fmt_bytes(v[0]), fmt_bytes(v[1]), fmt_bytes(v[2]),
                (v[0] + v[1]) * 8 / pages))
    return '\n'.join(out)


def plot(outdir, benchdir, r):
    pngs = []
    if subprocess.run(['sh', '-c', 'command -v gnuplot'],
                      stdout=subprocess.DEVNULL).returncode:
        print('report: gnuplot not found (apt-get install gnuplot-nox); no plots')
        return pngs
    churn = os.path.join(outdir, 'churn.dat')
    with open(churn, 'w') as f:
        for p in r.params('churn'):
            n = int(p.split('=')[1])
            f.write('%d %s\n' % (n, ' '.join(
                '%g' % (r.val('churn', p, a, 'ns_op') or float('nan'))
                for a in ALLOCS)))
    setup = os.path.join(outdir, 'setup.dat')
    with open(setup, 'w') as f:
        for p in r.params('setup'):
            m = re.match(r'(\d+) (GiB|TiB), 4 nodes$', p)
            if not m:
                continue
            gib = int(m.group(1)) * (1024 if m.group(2) == 'TiB' else 1)
            sparse = p.replace('4 nodes', '4 nodes sparse')
            f.write('%d %s %g\n' % (gib, ' '.join(
                '%g' % ((r.val('setup', p, a, 'ns') or float('nan')) / 1e3)
                for a in ALLOCS),
                (r.val('setup', sparse, 'bootmem', 'ns') or float('nan')) / 1e3))
    lines = ', '.join("'%s' using 1:%d with linespoints title '%s'" % (
        churn, i + 2, a) for i, a in enumerate(ALLOCS))
    slines = ', '.join("'%s' using 1:%d with linespoints title '%s'" % (
        setup, i + 2, a) for i, a in enumerate(ALLOCS))
    slines += ", '%s' using 1:%d with linespoints title 'bootmem, sparse'" % (
        setup, len(ALLOCS) + 2)
    script = '''set terminal pngcairo size 800,500
set logscale xy
set grid
set key top left
set output '{b}/churn.png'
set title 'Churn: time per step vs number of steps (2/3 allocations, 1/3 frees)'
set xlabel 'steps N'
set ylabel 'ns per step'
plot {lines}
set output '{b}/setup.png'
set title 'Set-up time vs memory size, 4 nodes (contiguous; bootmem also 16 TiB apart)'
set xlabel 'GiB of RAM'
set ylabel 'µs'
plot {slines}
'''.format(b=benchdir, lines=lines, slines=slines)
    subprocess.run(['gnuplot'], input=script.encode(), check=True)
    return ['churn.png', 'setup.png']


def uboot_table(path):
    if not os.path.exists(path):
        return None
    return open(path).read()


def main():
    args = sys.argv[1:]
    instr_only = args and args[0] == '--instr-only'
    if instr_only:
        args = args[1:]
    outdir, benchdir = args
    times = load_times(os.path.join(outdir, 'time.tsv'))
    instr = load_instr(os.path.join(outdir, 'callgrind', 'out.*'))
    if instr_only:
        for k in sorted(instr):
            print('%-10s %-34s %-11s %12.1f instr/op' % (k + (instr[k],)))
        return 0
    r = Report(times, instr)
    pngs = plot(outdir, benchdir, r)
    md = ['# bootmem benchmark results', '',
          'Generated by `make bench` (scripts/bench.mk, bench/). Every allocator '
          'runs the same workloads in one process. Cells read **time / '
          'instructions** per operation: time is the median of ≥ 5 runs '
          '(CLOCK_MONOTONIC, fewer where a case takes seconds, as noted), '
          'instructions come from one run under `valgrind --tool=callgrind` '
          '(`make bench-instr`). Times on this 2-core VM are noisy; '
          'instruction counts are not. The host build is `gcc -O2` without '
          '`-march`, as scripts/host.mk builds the tests.', '',
          'Allocators:', '']
    md += ['- **%s**: %s' % (a, ALLOC_DESC[a]) for a in ALLOCS]
    md += ['', '## Targets', '', targets(r), '',
           '## Boot trace', '',
           'Every early memblock call of Debian\'s 6.1 arm64 kernel booting '
           'on QEMU virt (bench/traces/, regenerated by `make bench-trace`): '
           'allocations with their node, goal and limit; reservations that '
           'are later freed replayed as allocate-at; frees. Per step:', '',
           r.table('trace', head='trace'), '',
           '## Churn', '',
           'N steps on 16 GiB in 2 nodes (fixed seed): two allocations of '
           '4 KiB .. 256 KiB (a quarter 64 KiB aligned, random node or any) '
           'per free of a random live allocation, so the live set and its '
           'holes grow with N. Per step:', '',
           r.table('churn', head='N'), '']
    if 'churn.png' in pngs:
        md += ['![churn](churn.png)', '']
    md += ['## Single pages and mixed sizes (issue 2)', '',
           r.table('page', head='single pages'), '',
           r.table('mixed', head='mixed sizes'), '',
           '## One 1 GiB allocation in a fragmented map', '',
           '4 nodes from 1 GiB; every other page of the lower 99% in use '
           '(bootmem: a block-wise set-up checked byte for byte against '
           'bootmem_alloc_at() of each page at 64 GiB; per-node: whole '
           'words; bit-by-bit: alloc_at per page); then one 1 GiB, 2 MiB '
           'aligned allocation, any node top-down, any node bottom-up, and '
           'node 0 (all fragmented, so it falls back). Only the search is '
           'timed; at 64 GiB the free 1% (655 MiB) cannot hold it, so the '
           'time to say so is shown.', '',
           r.table('fragment', metric='ns', head='map, search',
                   params=[p for p in r.params('fragment') if ',' in p]), '',
           'Set-up of the fragmented maps (not timed above):', '',
           r.table('fragment', metric='setup_ns', head='map',
                   params=[p for p in r.params('fragment') if ',' not in p]), '',
           '## Set-up', '',
           'From nothing to ready: register the ranges and enable (bootmem: '
           'bootmem_add_range() per node + bootmem_enable(), which clears the '
           'bitmap; LMB: lmb_init() + lmb_add(); the bitmaps: clear and mark '
           'holes). Nodes contiguous from 1 GiB, or 16 TiB apart ("sparse").',
           '', r.table('setup', metric='ns', head='machine'), '']
    if 'setup.png' in pngs:
        md += ['![setup](setup.png)', '']
    md += ['## State', '',
           'bootmem\'s bitmap is one bit per present page rounded up to '
           '512-page blocks, and two summary bits per block; its fixed part '
           'is `sizeof(struct bootmem_state)` (bss), dominated by compile-time '
           'tables (64×64 distance bytes, 128 ranges, 128 owner records), '
           'not by nodes present. LMB keeps fixed region arrays only.', '',
           state_table(r), '']
    ub = uboot_table(os.path.join(outdir, 'uboot.md'))
    if ub:
        md += ['## Inside U-Boot', '', ub, '']
    with open(os.path.join(benchdir, 'RESULTS.md'), 'w') as f:
        f.write('\n'.join(md))
    print('report: wrote %s/RESULTS.md %s' % (benchdir, ' '.join(pngs)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
