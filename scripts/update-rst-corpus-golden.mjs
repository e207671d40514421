#!/usr/bin/env node
// Regenerates fixtures/rst-corpus/expected.json: the directives docutils finds
// in every corpus file, as [name, line] pairs in document order.
//
//   npm run build && node scripts/update-rst-corpus-golden.mjs [--check]
//
// Python: $DOCSNIP_PYTHON, else `python3` (it needs docutils; Debian's
// /usr/bin/python3 with python3-docutils works).
//
// The oracle (test/oracle/docutils_directives.py) is given `directiveSpec(name)`
// from dist/readers/rst/directive-specs.js for every table name and every name
// that looks like a directive in the corpus; any name docutils met that was not
// listed comes back in "fallback" and is added for a second run when the table
// does not map it to UNKNOWN_DIRECTIVE, so every directive is parsed with exactly
// the spec `directiveSpec()` gives it.
//
// The script refuses to write the golden when:
// - docutils rejected a directive block (bad arguments/options/content): such a
//   directive never runs, so the corpus must not contain one;
// - a recorded line does not hold `name::` (checked with the line breaks
//   docutils uses: Python's str.splitlines after \v and \f became spaces), or the
//   lines of a file are not in document order.
// With --check it compares with the committed golden instead of writing it.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(root, 'fixtures', 'rst-corpus');
const goldenPath = join(corpusDir, 'expected.json');
const oracle = join(root, 'test', 'oracle', 'docutils_directives.py');
const python = process.env.DOCSNIP_PYTHON ?? 'python3';

const { DIRECTIVE_SPECS, UNKNOWN_DIRECTIVE, directiveSpec } = await import(
  join(root, 'dist', 'readers', 'rst', 'directive-specs.js')
);

const plain = (s) => ({
  required: s.required,
  optional: s.optional,
  finalWhitespace: s.finalWhitespace,
  options: s.options,
  content: s.content,
});
const sameSpec = (a, b) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

const NAME_RE = /((?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*) ?::/gu;

/** Line breaks as docutils sees them (statemachine.string2lines). */
export function docutilsLines(text) {
  const t = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return t.replace(/[\v\f]/g, ' ').split(/\r\n|[\n\r\x1c\x1d\x1e\x85\u2028\u2029]/u);
}

function runOracle(specs, files) {
  const input = JSON.stringify({ specs, unknown: plain(UNKNOWN_DIRECTIVE), files });
  const r = spawnSync(python, [oracle], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    console.error(`oracle failed (${python} ${oracle}):`, r.error?.message ?? '', r.stderr);
    process.exit(2);
  }
  return JSON.parse(r.stdout);
}

const names = readdirSync(corpusDir).filter((f) => f.endsWith('.rst')).sort();
const paths = names.map((f) => join(corpusDir, f));
const texts = new Map(paths.map((p) => [p, readFileSync(p, 'utf8')]));

const specs = {};
for (const [name, spec] of Object.entries(DIRECTIVE_SPECS)) specs[name] = plain(spec);
for (const text of texts.values()) {
  for (const m of text.matchAll(NAME_RE)) {
    const name = m[1].toLowerCase();
    specs[name] ??= plain(directiveSpec(name));
  }
}

let out;
for (let round = 0; ; round++) {
  out = runOracle(specs, paths);
  const missing = out.fallback.filter((n) => !sameSpec(directiveSpec(n), UNKNOWN_DIRECTIVE));
  if (missing.length === 0) break;
  if (round > 2) throw new Error(`names still resolved as unknown: ${missing.join(', ')}`);
  for (const n of missing) specs[n] = plain(directiveSpec(n));
}

const problems = [];
for (const [path, rejected] of Object.entries(out.rejected)) {
  for (const [name, line, msg] of rejected) {
    problems.push(`${relative(corpusDir, path)}:${line}: docutils rejected "${name}": ${msg.replace(/\n/g, ' ')}`);
  }
}
for (const [path, found] of Object.entries(out.files)) {
  const lines = docutilsLines(texts.get(path));
  let prev = 0;
  for (const [name, line] of found) {
    const src = lines[line - 1] ?? '';
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A substitution definition whose |name| spans lines keeps the line of its
    // `..` marker (docutils does not move the offset); one whose text starts on
    // the next line gets that line. Both are accepted here.
    const onLine = new RegExp(`(^|[\\s|])${esc} ?::`, 'iu');
    const substitution =
      /\.\. +\|/u.test(src) &&
      lines.slice(line, line + 5).some((l) => new RegExp(`\\|\\s*${esc} ?::`, 'iu').test(l));
    if (!onLine.test(src) && !substitution) {
      problems.push(`${relative(corpusDir, path)}:${line}: "${name}" recorded, but the line is: ${JSON.stringify(src)}`);
    }
    if (line < prev) problems.push(`${relative(corpusDir, path)}:${line}: "${name}" out of document order`);
    prev = line;
  }
}

const golden = { docutils: out.docutils, files: {} };
for (const f of names) golden.files[f] = out.files[join(corpusDir, f)];

function format(g) {
  const parts = Object.keys(g.files)
    .sort()
    .map((f) => {
      const items = g.files[f].map(([n, l]) => `      [${JSON.stringify(n)}, ${l}]`);
      return `    ${JSON.stringify(f)}: [${items.length ? `\n${items.join(',\n')}\n    ` : ''}]`;
    });
  return `{\n  "docutils": ${JSON.stringify(g.docutils)},\n  "files": {\n${parts.join(',\n')}\n  }\n}\n`;
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s); golden not written.`);
  process.exit(1);
}

const text = format(golden);
const total = Object.values(golden.files).reduce((n, l) => n + l.length, 0);
if (process.argv.includes('--check')) {
  const committed = readFileSync(goldenPath, 'utf8');
  if (committed !== text) {
    console.error('expected.json is out of date: run node scripts/update-rst-corpus-golden.mjs');
    process.exit(1);
  }
  console.log(`expected.json is up to date (${names.length} files, ${total} directives, docutils ${out.docutils}).`);
} else {
  writeFileSync(goldenPath, text);
  console.log(`wrote ${relative(root, goldenPath)}: ${names.length} files, ${total} directives, docutils ${out.docutils}.`);
}
