#!/usr/bin/env node
// Regenerates fixtures/myst-corpus/expected.json: the directives MyST-Parser
// runs in every corpus file, as [name, line] pairs in document order.
//
//   npm run build && node scripts/update-myst-corpus-golden.mjs [--check]
//
// Python: $DOCSNIP_PYTHON, else `python3`. It needs MyST-Parser 0.18 (Debian
// bookworm: /usr/bin/python3 with python3-myst-parser, which brings docutils
// 0.19 and markdown-it-py / mdit-py-plugins), so on a machine where `python3`
// is another interpreter run it as
//
//   DOCSNIP_PYTHON=/usr/bin/python3 node scripts/update-myst-corpus-golden.mjs
//
// The oracle (test/oracle/myst_directives.py, colon_fence enabled) is given
// `directiveSpec(name)` from dist/readers/rst/directive-specs.js for every
// table name and every name that looks like a directive in the corpus
// (```` ```{name} ````, `:::{name}`, `~~~{name}`, and rST `name::` for the
// `{eval-rst}` blocks); any name MyST met that was not listed comes back in
// "fallback" and is added for a second run when the table does not map it to
// UNKNOWN_DIRECTIVE, so every directive is parsed with exactly the spec
// `directiveSpec()` gives it.
//
// expected.json holds:
// - "files": for every corpus file, the directives MyST-Parser runs, nested
//   ones, those in `{eval-rst}` blocks and in (referenced) footnotes included,
//   with the 1-based line of the opening fence (or `..` marker);
// - "rejected": the blocks MyST-Parser refuses ([name, line, first line of the
//   error]); they never run, so they are not in "files". Only files named
//   `rejected-*.md` may have any;
// - "myst_lineno": where MyST-Parser 0.18's own `lineno` for a directive differs
//   from its real line ([name, line, lineno]; see the oracle's docstring).
//
// The script refuses to write the golden when a block is rejected outside a
// `rejected-*.md` file, when a recorded line does not hold the directive's
// opening fence `{name}` (or `name::` inside `{eval-rst}`), checked with the
// line breaks markdown-it uses (CRLF, CR, LF), or when the lines of a file are
// not in document order.
// With --check it compares with the committed golden instead of writing it.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = join(root, 'fixtures', 'myst-corpus');
const goldenPath = join(corpusDir, 'expected.json');
const oracle = join(root, 'test', 'oracle', 'myst_directives.py');
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

/** `{name}` after a fence run (a superset of MyST's directive names). */
const MYST_NAME_RE = /(?:`{3,}|~{3,}|:{3,})[ \t]*\{([^\s{}]+)\}/gu;
/** Any `name::` (a superset of docutils' directive names, for `{eval-rst}`). */
const RST_NAME_RE = /((?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*) ?::/gu;

/** Lines as markdown-it splits them (after the BOM the reader drops). */
function markdownLines(text) {
  const t = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return t.split(/\r\n|\r|\n/u);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Does `line` hold the opening of directive `name` (a fence `{name}` or an rST `name::`)? */
function holdsDirective(line, name) {
  const esc = escape(name);
  return (
    new RegExp(`(?:\`{3,}|~{3,}|:{3,})[ \\t]*\\{${esc}\\}`, 'iu').test(line) ||
    new RegExp(`(^|[\\s|])${esc} ?::`, 'iu').test(line)
  );
}

function runOracle(specs, files) {
  const input = JSON.stringify({ specs, unknown: plain(UNKNOWN_DIRECTIVE), files });
  const r = spawnSync(python, [oracle], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    console.error(`oracle failed (${python} ${oracle}):`, r.error?.message ?? '', r.stderr);
    console.error('It needs MyST-Parser 0.18; set DOCSNIP_PYTHON (e.g. /usr/bin/python3 with python3-myst-parser).');
    process.exit(2);
  }
  return JSON.parse(r.stdout);
}

const names = readdirSync(corpusDir).filter((f) => f.endsWith('.md')).sort();
const paths = names.map((f) => join(corpusDir, f));
const texts = new Map(paths.map((p) => [p, readFileSync(p, 'utf8')]));

const specs = {};
for (const [name, spec] of Object.entries(DIRECTIVE_SPECS)) specs[name] = plain(spec);
for (const text of texts.values()) {
  for (const re of [MYST_NAME_RE, RST_NAME_RE]) {
    for (const m of text.matchAll(re)) {
      const name = m[1].toLowerCase();
      specs[name] ??= plain(directiveSpec(name));
    }
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
  const file = relative(corpusDir, path);
  if (file.startsWith('rejected-')) continue;
  for (const [name, line, msg] of rejected) {
    problems.push(`${file}:${line}: MyST-Parser rejected "${name}": ${msg.replace(/\n/g, ' ')}`);
  }
}
for (const [path, found] of Object.entries(out.files)) {
  const file = relative(corpusDir, path);
  const lines = markdownLines(texts.get(path));
  let prev = 0;
  for (const [name, line] of found) {
    const src = lines[line - 1] ?? '';
    if (!holdsDirective(src, name)) {
      problems.push(`${file}:${line}: "${name}" recorded, but the line is: ${JSON.stringify(src)}`);
    }
    if (line < prev) problems.push(`${file}:${line}: "${name}" out of document order`);
    prev = line;
  }
}

const golden = { myst_parser: out.myst_parser, docutils: out.docutils, files: {}, rejected: {}, myst_lineno: {} };
for (const f of names) {
  const p = join(corpusDir, f);
  golden.files[f] = out.files[p];
  if (out.rejected[p]) golden.rejected[f] = out.rejected[p].map(([n, l, msg]) => [n, l, msg.split('\n')[0]]);
  if (out.reported[p]) golden.myst_lineno[f] = out.reported[p];
}

function format(g) {
  const section = (obj) => {
    const parts = Object.keys(obj)
      .sort()
      .map((f) => {
        const items = obj[f].map((item) => `      [${item.map((x) => JSON.stringify(x)).join(', ')}]`);
        return `    ${JSON.stringify(f)}: [${items.length ? `\n${items.join(',\n')}\n    ` : ''}]`;
      });
    return parts.length ? `{\n${parts.join(',\n')}\n  }` : '{}';
  };
  return (
    `{\n  "myst_parser": ${JSON.stringify(g.myst_parser)},\n  "docutils": ${JSON.stringify(g.docutils)},\n` +
    `  "files": ${section(g.files)},\n  "rejected": ${section(g.rejected)},\n  "myst_lineno": ${section(g.myst_lineno)}\n}\n`
  );
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s); golden not written.`);
  process.exit(1);
}

const text = format(golden);
const total = Object.values(golden.files).reduce((n, l) => n + l.length, 0);
const rejectedTotal = Object.values(golden.rejected).reduce((n, l) => n + l.length, 0);
const summary = `${names.length} files, ${total} directives, ${rejectedTotal} rejected blocks, MyST-Parser ${out.myst_parser}, docutils ${out.docutils}`;
if (process.argv.includes('--check')) {
  const committed = readFileSync(goldenPath, 'utf8');
  if (committed !== text) {
    console.error('expected.json is out of date: run node scripts/update-myst-corpus-golden.mjs');
    process.exit(1);
  }
  console.log(`expected.json is up to date (${summary}).`);
} else {
  writeFileSync(goldenPath, text);
  console.log(`wrote ${relative(root, goldenPath)}: ${summary}.`);
}
