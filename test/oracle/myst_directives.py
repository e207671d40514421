"""MyST-Parser oracle: which directives does MyST-Parser's own parse find, and where?

Usage:  python3 test/oracle/myst_directives.py < input.json > output.json

Needs a Python with MyST-Parser 0.18 (and the docutils / markdown-it-py /
mdit-py-plugins it depends on); Debian bookworm's /usr/bin/python3 with
python3-myst-parser 0.18.1 is what the golden was written with.

Input (JSON on stdin), the shape test/oracle/docutils_directives.py takes:

    {
      "specs":   {"<name>": SPEC, ...},   # lower-case directive name -> spec
      "unknown": SPEC,                    # used for every name not in "specs"
      "files":   ["/abs/path/a.md", ...]
    }

    SPEC = {"required": int, "optional": int, "finalWhitespace": bool,
            "options": bool, "content": "rst" | "literal" | "none" | "glossary"}

Output (JSON on stdout, keys sorted):

    {
      "myst_parser": "0.18.1",
      "docutils":    "0.19",
      "files":    {"/abs/path/a.md": [["note", 3], ["literalinclude", 5], ...]},
      "fallback": ["names", "resolved", "with", "unknown"],
      "rejected": {"/abs/path/b.md": [["image", 7, "Directive 'image': ..."]]},
      "reported": {"/abs/path/c.md": [["literalinclude", 12, 13], ...]}
    }

"files" lists every directive MyST-Parser runs, as [lower-cased name, line],
in document order (pre-order: a directive before the directives nested in its
content), where line is the 1-based line of the Markdown file holding the
directive's opening fence (```` ```{name} ````, ``~~~{name}``, ``:::{name}``),
or, for reStructuredText directives inside an ``{eval-rst}`` block, the line of
their ``.. name::`` marker in the Markdown file. "reported" lists the
directives for which that line differs from the ``lineno`` MyST-Parser itself
hands the directive ([name, true line, MyST's lineno]); see "Line numbers".

How it works
------------
Every file is decoded as utf-8-sig and parsed by MyST-Parser's docutils parser
(`myst_parser.parsers.docutils_.Parser`, the class `myst_parser.docutils_`
re-exports) into `docutils.utils.new_document`, with the settings
`myst_enable_extensions = ["colon_fence"]` (everything else MyST's defaults:
front matter, myst blocks/roles, footnotes, tables), report_level 5,
halt_level 5, warning stream discarded. MyST renders a fence whose info string
is ``{eval-rst}`` by parsing its content with docutils' rST parser, and every
other fence whose first info word is ``{...}`` by looking the name up with
`docutils.parsers.rst.directives.directive` (`DocutilsRenderer.run_directive`),
the same lookup docutils' rST parser uses. That lookup is replaced, as in the
docutils oracle, so every name resolves to a generic recording directive built
from the spec for that lower-cased name (`required_arguments`,
`optional_arguments`, `final_argument_whitespace`, an `option_spec` accepting
every option when "options" is true and `None` when false, `has_content =
content != "none"`). MyST splits the fence into arguments / options / body
with exactly those attributes (`parse_directive_text`), instantiates the class
and calls `run()`. `run()` records first; for "rst" content it then
nested-parses the body through the state MyST gave it: Markdown
(`MockState.nested_parse` -> `DocutilsRenderer.nested_render_text`) for a
MyST directive, reStructuredText for a directive inside ``{eval-rst}``; for
"glossary" it splits the body the way Sphinx's `Glossary.run` does and
nested-parses each definition the same way; "literal"/"none" content is not
parsed. ``{include}`` is a generic directive like any other (the table's
spec), so no file is ever read.

A block MyST refuses (argument count, option block that is not YAML or not a
mapping, an option value that is not a scalar, content where none is
permitted) never gets a directive instance, so it is not recorded and its body
is not parsed; such blocks are reported under "rejected" (caught from the
error system messages: MyST's ``Directive 'name': ...`` and, inside
``{eval-rst}``, docutils' ``Error in "name" directive``).

Line numbers
------------
MyST-Parser 0.18 numbers lines 1-based. A top-level directive gets
`token.map[0] + 1`, the line of its opening fence. An ``{eval-rst}`` block is
parsed as ``"\n" * fence_line + content``, so the rST parser's 1-based lines
are the Markdown file's lines. A nested directive gets
`parent_lineno + content_offset + (its line in the body) + 1`, which assumes
the body is the fence's content minus `content_offset` leading lines. That
holds in the common cases, but not when

* the directive takes no argument and text follows the name on the fence line
  (```` ```{note} Some text ````): MyST makes that text the first body line, so
  the rest of the body is numbered one line too late;
* a ``:::`` fence's content starts with ``:::`` (a nested colon fence on the
  first content line): MyST prepends a newline so that the nested fence is not
  read as a ``:key:`` option line, and counts it (one line late; for an
  ``{eval-rst}`` colon fence too);
* an option block (``:key:`` lines or ``---`` YAML) is followed by a body that
  ends with an empty line: MyST re-joins the body without its last line break,
  loses that empty line and counts it as an option line (one line late);
* the body holds a character Python's `str.splitlines` breaks at but
  markdown-it does not (U+2028, U+2029, U+0085, \\x0b, \\x0c, \\x1c-\\x1e): one
  line late per character;
* in a glossary definition (Sphinx's `Glossary.run` passes the definition's
  index in the body as the offset, without `content_offset`): too early by
  the option lines and the blank line after them;

and a wrong number is inherited by everything nested below it. This oracle
does not use those numbers for "files": it computes, for every body line MyST
nested-parses, the Markdown line it came from (from the fence token's own line,
which lines `parse_directive_text` kept, whether the argument text was moved
into the body, and whether MyST prepended a newline), and rewrites the token
line numbers of that nested parse with this map (`md.parse` is wrapped for the
one call; the ``{eval-rst}`` offset is corrected for the prepended newline).
The parse itself (which fences are directives, what is content, what is
nested-parsed) is MyST's, unchanged: every file is parsed a second time with
MyST's own numbers, the two runs must find the same directives, and
"reported" lists where the numbers differ. Lines inside ``{eval-rst}`` map one
to one to the Markdown lines (docutils splits them with `str.splitlines`, so
this needs the characters above to stay out of those blocks).
test/oracle/myst.test.ts and scripts/update-myst-corpus-golden.mjs check that
every recorded line holds its directive's opening fence or ``..`` marker.
"""

import io
import json
import re
import sys

import docutils
from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive, directives

import myst_parser
from myst_parser.mdit_to_docutils import base as myst_base
from myst_parser.mocking import MockState
from myst_parser.parsers import directives as myst_directives
from myst_parser.parsers.docutils_ import Parser

from oracle_common import AnyOption, glossary_entries


class AnyOption(dict):
    """An option_spec that accepts every option name, value kept as text."""

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):
        return True


RECORDED = []     # [name, line] in run() order
# False: exact lines (the bookkeeping below); True: MyST-Parser's own linenos.
RAW = [False]
FALLBACK = set()

# Stack of the fence tokens being rendered as directives / eval-rst blocks:
# [fence line (1-based, exact), newline prepended by render_colon_fence].
FENCES = []
# Body line map of the directive MyST is about to instantiate: one entry per
# body line, either None (the argument text MyST moved into the body: it is on
# the fence line) or the index of the line in the content string passed to
# `parse_directive_text`.
BODY_MAP = [None]
# Absolute 1-based lines for the next `nested_render_text` of a block.
PENDING_LINES = [None]
# Stack of corrections for rST lines inside {eval-rst} blocks.
EVAL_RST = []


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
            name = self.name.lower()
            if isinstance(self.state, MockState):
                return self.run_myst(name)
            return self.run_rst(name)

        # A MyST directive: body parsed as MyST Markdown.
        def run_myst(self, name):
            fence_line, prepended = FENCES[-1]
            rel = BODY_MAP[0]
            BODY_MAP[0] = None
            if rel is None or len(rel) != len(self.content):
                raise AssertionError('body line map out of step for %r' % (name,))
            body_lines = [fence_line if c is None else fence_line + 1 + c - prepended for c in rel]
            RECORDED.append([name, self.lineno if RAW[0] else fence_line])
            if RAW[0]:
                body_lines = None
            if kind == 'rst':
                node = nodes.container()
                PENDING_LINES[0] = body_lines
                self.state.nested_parse(self.content, self.content_offset, node)
                return [node]
            if kind == 'glossary':
                node = nodes.definition_list()
                for definition in glossary_entries(self.content):
                    if definition:
                        defnode = nodes.definition()
                        if body_lines is not None:
                            PENDING_LINES[0] = [body_lines[i] for _src, i in definition.items]
                        self.state.nested_parse(definition, definition.items[0][1], defnode)
                        node += nodes.definition_list_item('', defnode)
                return [node]
            return []

        # An rST directive inside {eval-rst}: body parsed as reStructuredText.
        def run_rst(self, name):
            if not EVAL_RST:
                raise AssertionError('rST directive %r outside {eval-rst}' % (name,))
            RECORDED.append([name, self.lineno + (0 if RAW[0] else EVAL_RST[-1])])
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
    """Route every directive lookup to a recording directive; add the line
    bookkeeping around MyST's renderer (the parse itself is left alone)."""
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

    # docutils' rST states and MyST's renderer both call
    # `directives.directive(...)` through the module attribute.
    directives.directive = lookup

    Renderer = myst_base.DocutilsRenderer
    PREPENDED = set()

    orig_colon = Renderer.render_colon_fence

    def render_colon_fence(self, token):
        # MyST prepends "\n" to a colon fence's content that starts with ":::"
        if token.content.startswith(':::'):
            PREPENDED.add(id(token))
        try:
            return orig_colon(self, token)
        finally:
            PREPENDED.discard(id(token))

    orig_directive = Renderer.render_directive

    def render_directive(self, token):
        FENCES.append([token.map[0], 1 if id(token) in PREPENDED else 0])
        try:
            return orig_directive(self, token)
        finally:
            FENCES.pop()

    orig_eval_rst = Renderer.render_restructuredtext

    def render_restructuredtext(self, token):
        # rST line L of "\n" * fence_line + content is content line
        # L - fence_line - 1, i.e. file line L, less the prepended newline.
        EVAL_RST.append(-(1 if id(token) in PREPENDED else 0))
        try:
            return orig_eval_rst(self, token)
        finally:
            EVAL_RST.pop()

    orig_nested = Renderer.nested_render_text

    def nested_render_text(self, text, lineno, inline=False, allow_headings=True):
        lines = PENDING_LINES[0]
        PENDING_LINES[0] = None
        if inline or lines is None:
            return orig_nested(self, text, lineno, inline=inline, allow_headings=allow_headings)
        md = self.md

        def line_of(i):
            # i: 0-based line of `text`; i == len(lines) is the end of the block
            if i < len(lines):
                return lines[i]
            return (lines[-1] if lines else lineno) + 1 + i - len(lines)

        def parse(src, env=None):
            # one-shot: the first parse is the block's; drop the wrapper before
            # rendering (which may nest further parses)
            del md.parse
            tokens = type(md).parse(md, src, env)
            for tok in tokens:
                if tok.map:
                    # nested_render_text adds lineno, _render_tokens adds 1
                    tok.map = [line_of(tok.map[0]) - lineno - 1, line_of(tok.map[1]) - lineno - 1]
            return tokens

        if 'parse' in vars(md):
            raise AssertionError('MarkdownIt.parse already wrapped')
        md.parse = parse
        try:
            return orig_nested(self, text, lineno, inline=inline, allow_headings=allow_headings)
        finally:
            if 'parse' in vars(md):
                raise AssertionError('nested_render_text did not call md.parse')

    orig_parse_text = myst_directives.parse_directive_text

    def parse_directive_text(directive_class, first_line, content, validate_options=True):
        result = orig_parse_text(directive_class, first_line, content, validate_options)
        body = result[2]
        # Which line of `content` each body line is (see parse_directive_text).
        starts = []
        pos = 0
        for piece in content.splitlines(True):
            starts.append(content.count('\n', 0, pos))
            pos += len(piece)
        pieces = content.splitlines()
        dropped = 0  # leading content lines the option block took
        if directive_class.option_spec:
            if content.startswith('---'):
                rest = '\n'.join(pieces[1:])
                match = re.search(r'^-{3,}', rest, re.MULTILINE)
                # the body starts one character after the closing dashes:
                # the next line, or the rest of the closing line
                if match and match.end() < len(rest):
                    dropped = 1 + rest.count('\n', 0, match.end() + 1)
                else:
                    dropped = len(pieces)
            elif content.lstrip().startswith(':'):
                while dropped < len(pieces) and pieces[dropped].lstrip().startswith(':'):
                    dropped += 1
        kept = pieces[dropped:]
        rel = [starts[dropped + i] for i in range(len(kept))]
        if not (directive_class.required_arguments or directive_class.optional_arguments):
            if first_line:
                rel.insert(0, None)
                kept.insert(0, first_line)
        if kept and not kept[0].strip():
            rel = rel[1:]
            kept = kept[1:]
        # MyST re-joins the lines after a `:key:` block without the last line
        # break, so the body can lack one trailing empty line.
        if len(rel) == len(body) + 1 and not kept[-1].strip():
            rel = rel[:-1]
        if len(rel) != len(body):
            raise AssertionError('could not map the body lines of a directive: %r %r %r' % (first_line, content, body))
        BODY_MAP[0] = rel
        return result

    Renderer.render_colon_fence = render_colon_fence
    Renderer.render_directive = render_directive
    Renderer.render_restructuredtext = render_restructuredtext
    Renderer.nested_render_text = nested_render_text
    myst_base.parse_directive_text = parse_directive_text


def settings():
    s = frontend.get_default_settings(Parser)
    s.report_level = 5
    s.halt_level = 5
    s.warning_stream = io.StringIO()
    s.input_encoding = 'utf-8-sig'
    s.tab_width = 8
    s.file_insertion_enabled = True
    s.raw_enabled = True
    s.myst_enable_extensions = ['colon_fence']
    return s


MYST_ERROR = re.compile(r"Directive '([^']*)'")
RST_ERROR = re.compile(r'Error in "([^"]*)" directive')


def run_parser(text, path, base_settings, raw):
    """Parse one file; returns (recorded, rejected)."""
    document = utils.new_document(path, base_settings.copy())
    rejected = []

    def observe(msg):
        if msg['level'] >= 3:
            body = msg.children[0].astext() if msg.children else ''
            line = msg.get('line')
            m = MYST_ERROR.match(body)
            if m is None and EVAL_RST:
                m = RST_ERROR.match(body)
                if m and line is not None:
                    line += EVAL_RST[-1]
            if m:
                rejected.append([m.group(1).lower(), line, body])

    document.reporter.attach_observer(observe)
    del RECORDED[:]
    RAW[0] = raw
    Parser().parse(text, document)
    if FENCES or EVAL_RST or BODY_MAP[0] is not None or PENDING_LINES[0] is not None:
        raise AssertionError('line bookkeeping left over after %s' % (path,))
    return list(RECORDED), rejected


def parse_file(path, base_settings):
    """Returns (found, rejected, reported): the exact lines, the blocks MyST
    rejected, and [name, line, MyST's lineno] where MyST's own number differs."""
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8-sig')
    found, rejected = run_parser(text, path, base_settings, raw=False)
    myst, _ = run_parser(text, path, base_settings, raw=True)
    if [n for n, _l in found] != [n for n, _l in myst]:
        raise AssertionError('the line bookkeeping changed what MyST parsed in %s' % (path,))
    reported = [[n, line, m] for (n, line), (_n, m) in zip(found, myst) if line != m]
    # Document order: MyST renders footnote definitions after the body (only
    # the referenced ones, in the order of their first reference), so run()
    # order is not always line order. A stable sort keeps a directive before
    # the ones nested in it when they share a line.
    found.sort(key=lambda item: item[1])
    reported.sort(key=lambda item: item[1])
    return found, rejected, reported


def main():
    data = json.load(sys.stdin)
    specs = {k.lower(): v for k, v in data['specs'].items()}
    install(specs, data['unknown'])
    base = settings()
    files = {}
    rejected = {}
    reported = {}
    for path in data['files']:
        found, bad, moved = parse_file(path, base)
        files[path] = found
        if bad:
            rejected[path] = bad
        if moved:
            reported[path] = moved
    out = {
        'myst_parser': myst_parser.__version__,
        'docutils': docutils.__version__,
        'files': files,
        'fallback': sorted(FALLBACK),
        'rejected': rejected,
        'reported': reported,
    }
    json.dump(out, sys.stdout, sort_keys=True, ensure_ascii=False)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
