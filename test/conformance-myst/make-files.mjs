#!/usr/bin/env node
// Writes the input files of the MyST conformance cases under
// test/conformance-myst/src/files/. This script is the single source of truth
// for those files: every file is listed here, byte for byte. The files are our
// own (they do not reuse test/conformance/src/files/: Sphinx reads included
// files from inside the source tree, and this tree must stand on its own).
//
//   node test/conformance-myst/make-files.mjs          write the files
//   node test/conformance-myst/make-files.mjs --check  exit 1 if any file differs
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
  // 13-line Python module: comment, blank, assignment with non-ASCII letters,
  // class with pass, class with a method, comment after the class, one-liner.
  'sample.py': lf(
    '# Demo module for the MyST literalinclude cases',
    '',
    'greeting = "Grüße aus Köln"',
    '',
    'class Lamp:',
    '    pass',
    '',
    'class Shelf:',
    '    def stack(self):',
    '        return 1',
    '',
    '# after the Shelf class',
    'def tidy(): pass',
  ),
  // sample.py with lines 10 and 12 changed: the old side of a :diff:.
  'sample-old.py': lf(
    '# Demo module for the MyST literalinclude cases',
    '',
    'greeting = "Grüße aus Köln"',
    '',
    'class Lamp:',
    '    pass',
    '',
    'class Shelf:',
    '    def stack(self):',
    '        return 0',
    '',
    '# after Shelf',
    'def tidy(): pass',
  ),
  // 17 lines whose text YAML would mangle when written as unquoted option
  // values: '#' comments, '[...]' flow sequences, '1.50' floats, 'no'
  // booleans, ': ' mappings, quotes, a tab.
  'markers.txt': lf(
    'intro line',
    '# [START demo]',
    '  alpha one',
    '  beta two',
    '# [END demo]',
    '[docs:step]',
    '  step body',
    '[docs:step-end]',
    'v1.5 legacy',
    'v1.50 current',
    'False alarm',
    'no entry',
    "don't stop",
    'a#b c',
    'tab\there',
    'note: here',
    'last line',
  ),
  // latin-1 bytes (not valid UTF-8).
  'latin1.txt': bytes('caf\xe9 cr\xe8me\nna\xefve\n'),
  // Tab-indented lines for :tab-width:.
  'tabs.txt': lf('\tone', '\t\ttwo'),
  // A file name with a space in it.
  'with space.txt': lf('file name has a space'),
  // Markdown fragments for MyST's {include} (conf.py excludes files/**, so
  // Sphinx does not read them as documents). The literalinclude path is
  // relative to the *including* page (src/cases/), not to the fragment: from
  // src/files/frags/ the same path would name src/files/files/markers.txt.
  'frags/part.md': lf('Fragment text.', '', '```{literalinclude} ../files/markers.txt', ':lines: 1-2', '```'),
  'frags/broken.md': lf('Fragment text.', '', '```{literalinclude} ../files/no-such-file.txt', '```'),
  // An rST fragment: MyST's {include} parses it as Markdown (no block), an
  // rST include inside {eval-rst} parses it as rST (a block, path relative to
  // the including page).
  'frags/part.rst': lf('.. literalinclude:: ../files/markers.txt', '   :lines: 1-2'),
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
