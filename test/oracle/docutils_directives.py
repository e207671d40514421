"""docutils oracle: which directives does docutils' rST parser find, and where?

Usage:  python3 test/oracle/docutils_directives.py < input.json > output.json

Input (JSON on stdin):

    {
      "specs":   {"<name>": SPEC, ...},   # lower-case directive name -> spec
      "unknown": SPEC,                    # used for every name not in "specs"
      "files":   ["/abs/path/a.rst", ...]
    }

    SPEC = {"required": int, "optional": int, "finalWhitespace": bool,
            "options": bool, "content": "rst" | "literal" | "none" | "glossary"}

    (the shape of `DirectiveSpec` in src/readers/rst/directive-specs.ts; the
    caller passes `directiveSpec(name)` for every name it expects, and must
    check "fallback" below: a name docutils met that the caller did not list.)

Output (JSON on stdout, keys sorted):

    {
      "docutils": "0.19",
      "files":    {"/abs/path/a.rst": [["note", 3], ["literalinclude", 5], ...]},
      "fallback": ["names", "resolved", "with", "unknown"],
      "rejected": {"/abs/path/b.rst": [["image", 7, "Error in \\"image\\" ..."]]}
    }

How it works
------------
Every file is decoded as utf-8-sig and parsed by docutils' own rST parser
(`Parser().parse` into `utils.new_document`, settings: report_level 5,
halt_level 5, warning stream discarded, tab_width 8, file insertion and raw
enabled). Before parsing, `docutils.parsers.rst.directives.directive` (the
lookup `states.Body.directive` calls for every `.. name::` it recognises,
including the ones embedded in substitution definitions) is replaced, so that
*every* name resolves to a generic recording directive class built from the
spec for that (lower-cased) name:

* `required_arguments`, `optional_arguments`, `final_argument_whitespace`;
* `option_spec`: a dict that accepts every option name (converter
  `directives.unchanged`) when "options" is true, `None` when false;
* `has_content` = content != "none".

docutils splits the block into arguments / options / content with exactly these
attributes (`Body.parse_directive_block`), then instantiates the class and calls
`run()`. `run()` records `(name.lower(), lineno)` first and then, for "rst",
nested-parses the content at its offset into a container (so directives in it
are found and recorded after their parent: pre-order, which is document order);
for "glossary" it splits the content the way Sphinx's `Glossary.run` does and
nested-parses each definition block at its own offset; "literal"/"none" content
is not parsed.

Recording happens in `run()`, not `__init__`: docutils builds the directive
instance only *after* the block parsed (`Body.run_directive`), so a malformed
block (missing argument, bad option block, content where none is permitted)
never gets an instance, and its content is not parsed either. Such blocks are
reported under "rejected" (caught from the `Error in "name" directive` system
messages through a reporter observer), so the caller can refuse a corpus that
contains them instead of silently comparing against a partial set.
"""

import io
import json
import re
import sys

import docutils
from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive, Parser, directives

from oracle_common import AnyOption, glossary_entries


class AnyOption(dict):
    """An option_spec that accepts every option name, value kept as text."""

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):
        return True


RECORDED = []
FALLBACK = set()


def make_directive(spec):
    kind = spec['content']
    if kind not in ('rst', 'literal', 'none', 'glossary'):
        raise ValueError('bad content kind %r' % (kind,))

    class Recording(Directive):
        required_arguments = int(spec['required'])
        optional_arguments = int(spec['optional'])
        final_argument_whitespace = bool(spec['finalWhitespace'])
        option_spec = AnyOption() if spec['options'] else None
        has_content = kind != 'none'

        def run(self):
            RECORDED.append([self.name.lower(), self.lineno])
            if kind == 'rst':
                node = nodes.container()
                self.state.nested_parse(self.content, self.content_offset, node)
                return [node]
            if kind == 'glossary':
                node = nodes.definition_list()
                for definition in glossary_entries(self.content):
                    if definition:
                        defnode = nodes.definition()
                        self.state.nested_parse(definition, definition.items[0][1], defnode)
                        node += nodes.definition_list_item('', defnode)
                return [node]
            return []

    return Recording


def install(specs, unknown):
    classes = {}
    unknown_class = make_directive(unknown)

    def lookup(directive_name, language_module, document):
        name = directive_name.lower()
        if name in specs:
            if name not in classes:
                classes[name] = make_directive(specs[name])
            return classes[name], []
        FALLBACK.add(name)
        return unknown_class, []

    directives.directive = lookup


def settings():
    s = frontend.get_default_settings(Parser)
    s.report_level = 5
    s.halt_level = 5
    s.warning_stream = io.StringIO()
    s.input_encoding = 'utf-8-sig'
    s.tab_width = 8
    s.file_insertion_enabled = True
    s.raw_enabled = True
    return s


DIRECTIVE_ERROR = re.compile(r'Error in "([^"]*)" directive')


def parse_file(path, parser, base_settings):
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8-sig')
    document = utils.new_document(path, base_settings.copy())
    rejected = []

    def observe(msg):
        if msg['level'] >= 3:
            body = msg.children[0].astext() if msg.children else ''
            m = DIRECTIVE_ERROR.match(body)
            if m:
                rejected.append([m.group(1).lower(), msg.get('line'), body])

    document.reporter.attach_observer(observe)
    del RECORDED[:]
    parser.parse(text, document)
    return list(RECORDED), rejected


def main():
    data = json.load(sys.stdin)
    specs = {k.lower(): v for k, v in data['specs'].items()}
    install(specs, data['unknown'])
    parser = Parser()
    base = settings()
    files = {}
    rejected = {}
    too_deep = []
    for path in data['files']:
        try:
            found, bad = parse_file(path, parser, base)
        except RecursionError:
            # Nesting deeper than Python's recursion limit: docutils gives up on the document.
            too_deep.append(path)
            continue
        files[path] = found
        if bad:
            rejected[path] = bad
    out = {
        'docutils': docutils.__version__,
        'files': files,
        'fallback': sorted(FALLBACK),
        'rejected': rejected,
        'tooDeep': too_deep,
    }
    json.dump(out, sys.stdout, sort_keys=True, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
