#!/usr/bin/env node
// Writes the conformance input files under test/conformance/src/files/.
// This script is the single source of truth for those files: every file is
// listed here, byte for byte (CRLF, BOM, latin-1 bytes, control characters,
// missing final newlines). The files are our own; they only share the *shape*
// of the fixtures described in shared/reference/sphinx-literalinclude.md §6–§7.
//
//   node test/conformance/make-files.mjs          write the files
//   node test/conformance/make-files.mjs --check  exit 1 if any file differs
//
// Plain Node ESM, no dependencies.

import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), 'src', 'files');

/** Join lines with '\n' and end with '\n'. */
const lf = (...lines) => lines.join('\n') + '\n';
/** Bytes given as a latin-1 string (each char U+0000–U+00FF is one byte). */
const bytes = (s) => Buffer.from(s, 'latin1');

/** path (relative to src/files) -> string (written as UTF-8) or Buffer (written as is). */
export const FILES = {
  // 13-line Python module (shape of Sphinx's literal.inc): comment, blank,
  // assignment with non-ASCII letters, class with pass, class with a method,
  // comment after the class, one-liner def.
  'sample.py': lf(
    '# Sample module exercising include options',
    '',
    'motto = "Sample text with accents: déjà vu, naïve"',
    '',
    'class Apple:',
    '    pass',
    '',
    'class Basket:',
    '    def weave():',
    '        pass',
    '',
    '# note after Basket class definition',
    'def helper(): pass',
  ),
  // sample.py with line 9 and line 12 changed: the old side of a :diff:.
  'sample-old.py': lf(
    '# Sample module exercising include options',
    '',
    'motto = "Sample text with accents: déjà vu, naïve"',
    '',
    'class Apple:',
    '    pass',
    '',
    'class Basket:',
    '    def weave(self):',
    '        pass',
    '',
    '# note after Basket class',
    'def helper(): pass',
  ),
  // 31 lines (shape of target.py): functions whose body starts with a comment
  // or a blank line, and a tab-indented class at lines 29-31.
  'extended.py': lf(
    '# Extended sample with functions and tabs',
    '',
    "motto = 'Sample text with accents: déjà vu, naïve'",
    '',
    '',
    'class Apple:',
    '    pass',
    '',
    '',
    'class Basket:',
    '    def weave():',
    '        pass',
    '',
    '',
    '# note after Basket class definition',
    'def helper(): pass',
    '',
    '',
    'def starts_with_comment():',
    '    # explain the value',
    '    return 2',
    '',
    '',
    'def starts_with_blank():',
    '',
    '    return 3',
    '',
    '',
    'class Tabbed:',
    '\tdef spin(self):',
    '\t\tpass',
  ),
  // 15 lines (shape of py-decorators.inc): decorated class, method, function.
  'decorated.py': lf(
    '# Module with decorated objects',
    '',
    '@register',
    '@configure(level=2)',
    'class Widget(object):',
    '',
    '    @cached',
    '    @configure(level=3)',
    '    def render(self):',
    '        pass',
    '',
    '@register',
    '@configure(level=1)',
    'def build_widget():',
    '    pass',
  ),
  // Three empty lines (shape of empty.inc).
  'blank3.txt': '\n\n\n',
  // Not Python (shape of error.inc).
  'prose.txt': lf('just some prose, certainly not Python!'),
  // Three lines (shape of literal-short.inc), below a linenothreshold of 5.
  'tiny.py': lf('# Minimal include used for the threshold check', '', 'ready = False'),
  // A marker text on two lines, an end marker on three (shape of markers.txt).
  'signals.txt': lf('BEGIN block', 'inner BEGIN', 'STOP', 'beyond STOP', 'STOP'),
  // Start and end markers on adjacent lines; regex characters in the markers.
  'pairs.txt': lf('(begin).*', '(end)?', 'body', '(end)?'),
  // Indented lines around a blank line (shape of blankmid.txt).
  'gap.txt': lf('  go', '', '  on'),
  // UTF-8 with a BOM.
  'bom.txt': '\ufeffmarked start\nnext row\n',
  // CRLF line ends, a blank line, no final newline.
  'dos.txt': 'row one\r\nrow two\r\n\r\nrow four, unterminated',
  // dos.txt with LF line ends: identical to it after universal newlines.
  'unix.txt': 'row one\nrow two\n\nrow four, unterminated',
  // Space-indented lines of different depth.
  'nested.txt': lf('    first level', '      second level', '    back again'),
  // The marker is on the last line.
  'tail.txt': lf('alpha', 'beta', 'final marker'),
  // ISO-8859-1 bytes, invalid as UTF-8: "naïve résumé\n".
  'latin1.txt': bytes('na\xefve r\xe9sum\xe9\n'),
  // Old side of a latin-1 :diff:.
  'latin1-old.txt': bytes('na\xefve\nr\xe9sum\xe9\n'),
  // Old/new pair for :diff:; the new side has no final newline.
  'before.txt': lf('stale1', 'stale2', 'shared'),
  'after.txt': 'fresh1\nshared\nextra',
  // Python module with a one-liner under a decorator, nested def/class, a
  // class with trailing comment lines inside its body, a multi-line class header.
  'nest.py': lf(
    'import os',
    '',
    '@wrap',
    'def single(): return 9',
    '',
    'def host():',
    '    def helper():',
    '        pass',
    '    class Local:',
    '        pass',
    '    return helper',
    '',
    'class Holder:',
    '    y = 2',
    '',
    '    # closing remark',
    '',
    '',
    'class Framed(',
    '    object):',
    '    """text"""',
    '    def act(self): pass',
  ),
  // Every Python str.splitlines() separator: VT FF FS GS RS NEL LS PS, then a
  // lone CR and a CRLF (both become LF on reading) and a final LF.
  'seps.txt': 'a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i\rj\r\nk\n',
  // Lines shorter than the dedent width.
  'stub.txt': lf('xy', 'wxyz'),
  // Tab-indented lines: two tabs, and a tab followed by two spaces.
  'tabmix.txt': '\t\tk\n\t  m\n',
  // Old side of a :diff: with :tab-width:.
  'tabmix-old.txt': '\t\tk\n\tm\n',
  // Blank-only line and a tab-indented line among space-indented ones.
  'spaces.txt': 'p\n  \n    q\n\tr\n',
  // Python module: decorators with a comment between them and a multi-line
  // decorator call, async def with annotations over two lines, a one-liner
  // whose body continues on the next line.
  'asyncmod.py': lf(
    'import sys',
    '',
    '@first',
    '# between',
    '@second(',
    '  7)',
    'async def fetch(a: int = 2,',
    '       b: list = []) -> dict[str, float]:',
    '    return {}',
    '',
    'def pair(): return (3,',
    '   4)',
  ),
  // Zero bytes.
  'empty.txt': '',
  // Tabs in mid-line, for column-based tab expansion.
  'tabcols.txt': 'ab\tcd\nx\ty\n',
  // Literal inline-markup characters and a backslash.
  'markup.txt': lf('plain', '*star* link_ here', 'back\\slash line', 'end'),
  // A file in a sub-directory (also: the directory itself as an argument).
  'subdir/inner.txt': lf('inside a sub directory', 'second inner line'),
  // A file name with a space in it.
  'with space.txt': lf('file name has a space'),
  // Python with an unknown coding cookie: readable as UTF-8, not by the analyser.
  'badcookie.py': lf('# -*- coding: nosuchcodec -*-', 'def tool(): pass'),
  // latin-1 Python with and without a coding cookie (pyobject ignores :encoding:).
  'latin1cookie.py': bytes("# -*- coding: latin-1 -*-\nword = 'caf\xe9'\n\ndef serve():\n    return word\n"),
  'latin1plain.py': bytes("word = 'caf\xe9'\n\ndef serve():\n    return word\n"),
  // A form feed on its own line between two functions: Sphinx slices the
  // pyobject range out of its splitlines() list, so the slice is shifted.
  'formfeed.py': 'def one():\n    return 1\n\x0c\ndef two():\n    return 2\n',
  // Python file starting with a BOM.
  'bommod.py': '\ufeff# marked module\ndef go():\n    return 0\n',
  // rST fragments for `.. include::` (".txt", so Sphinx does not read them as
  // documents). Their literalinclude paths are relative to the *including*
  // document (src/cases/), not to the fragment.
  'frags/part.txt': lf('.. literalinclude:: ../files/sample.py', '   :lines: 1'),
  'frags/broken.txt': lf('Fragment text.', '', '.. literalinclude:: ../files/no-such-file.txt'),
};

function main() {
  const check = process.argv.includes('--check');
  let bad = 0;
  for (const [rel, content] of Object.entries(FILES)) {
    const path = join(root, rel);
    const want = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (check) {
      if (!existsSync(path) || !readFileSync(path).equals(want)) {
        console.error(`differs: ${rel}`);
        bad++;
      }
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, want);
  }
  if (check) {
    // Files on disk that this script does not know about.
    const walk = (dir) =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : [relative(root, p).split('\\').join('/')];
      });
    for (const rel of existsSync(root) ? walk(root) : []) {
      if (!(rel in FILES)) {
        console.error(`not generated: ${rel}`);
        bad++;
      }
    }
    if (bad) process.exit(1);
    console.log(`${Object.keys(FILES).length} files up to date`);
  } else {
    console.log(`wrote ${Object.keys(FILES).length} files under ${relative(process.cwd(), root) || '.'}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
