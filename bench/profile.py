#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Where bootmem's instructions go, function by function.

Usage: profile.py DIR [MIN]
  DIR  callgrind output of `bench -a bootmem WORKLOAD` (one file per
       measured section, as `make bench-profile` writes them)
  MIN  leave out functions under MIN instructions per operation (default 1)

For each measured section: instructions per operation, inclusive (the
function and what it calls) and exclusive (the function alone), for every
function of the library and of the benchmark's bootmem wrapper.
"""

import glob
import os
import re
import subprocess
import sys

ROW = re.compile(r'^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S+):(\S+)')


def costs(path, inclusive):
    out = subprocess.run(['callgrind_annotate', '--threshold=100',
                          '--inclusive=' + ('yes' if inclusive else 'no'),
                          path], capture_output=True, text=True,
                         check=True).stdout
    per = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if not m or not ('lib/bootmem/' in m.group(2) or
                         'alloc_bootmem' in m.group(2)):
            continue
        # Code inlined from a header is listed under that header too: a
        # function's own instructions add up, its inclusive cost does not.
        n, fn = int(m.group(1).replace(',', '')), m.group(3)
        per[fn] = max(per.get(fn, 0), n) if inclusive else \
            per.get(fn, 0) + n
    return per


def main():
    d = sys.argv[1]
    least = float(sys.argv[2]) if len(sys.argv) > 2 else 1
    for path in sorted(glob.glob(os.path.join(d, '*'))):
        label = None
        for line in open(path, errors='replace'):
            if line.startswith('desc: Trigger: Client Request: bench|'):
                label = line.split('Client Request: ', 1)[1].strip()
                break
        if not label:
            continue
        _, wl, param, alloc, ops = label.split('|')
        ops = max(int(ops), 1)
        inc, exc = costs(path, True), costs(path, False)
        print('%s, %s (%s): %d operations' % (wl, param, alloc, ops))
        print('  %10s %10s  %s' % ('inclusive', 'self', 'function'))
        for fn in sorted(inc, key=lambda f: -inc[f]):
            if inc[fn] / ops < least:
                continue
            print('  %10.1f %10.1f  %s' % (inc[fn] / ops,
                                           exc.get(fn, 0) / ops, fn))
        print()
    return 0


if __name__ == '__main__':
    sys.exit(main())
