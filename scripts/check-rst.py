#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0+
"""Check reStructuredText files for syntax errors with docutils, where
U-Boot's full doc build (Sphinx and its extensions) is too heavy.

  check-rst.py FILE...

Sphinx's own roles (:doc:, :ref:, ...) and directives (index, toctree,
...) are accepted without being checked; anything docutils reports at
warning level or above is an error. Exits 1 on the first file with one.
"""

import sys

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles
from docutils.utils import SystemMessage


def sphinx_role(name, rawtext, text, lineno, inliner, options=None,
                content=None):
    return [nodes.literal(rawtext, text)], []


class SphinxDirective(Directive):
    has_content = True
    optional_arguments = 10
    final_argument_whitespace = True
    option_spec = None

    def run(self):
        return []


SPHINX_ROLES = ('doc', 'ref', 'term', 'kbd', 'command', 'file', 'option',
                'envvar', 'c:func', 'c:type', 'c:macro')
SPHINX_DIRECTIVES = ('index', 'toctree', 'kernel-doc', 'code-block',
                     'only', 'highlight', 'c:function', 'c:type')


def main(paths):
    for name in SPHINX_ROLES:
        roles.register_local_role(name, sphinx_role)
    for name in SPHINX_DIRECTIVES:
        directives.register_directive(name, SphinxDirective)
    for path in paths:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        try:
            publish_doctree(text, source_path=path, settings_overrides={
                'halt_level': 2, 'report_level': 2, 'warning_stream': False})
        except SystemMessage as err:
            print('%s: %s' % (path, err))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
