#!/usr/bin/env node
// Writes the Sphinx source tree for the MyST conformance cases: one page per
// case (src/cases/<id>.md: a `# <id>` title line, a blank line, then the
// directive text starting at line 3), src/index.md and src/conf.py.
// `--check` fails when the committed pages are stale.
//   node test/conformance-myst/make-pages.mjs [--check]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const cases = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));

/**
 * The directive text of a case: `md` as is, or a backtick fence
 * ```{literalinclude} FILE with one `:name: value` line per option (`:name:`
 * when the value is null). Values are written verbatim: any YAML quoting is
 * part of the value in cases.json.
 */
export function directiveText(c) {
  if (c.md !== undefined) return c.md.endsWith('\n') ? c.md : c.md + '\n';
  const lines = ['```{literalinclude} ' + c.file];
  for (const [name, value] of c.options ?? []) lines.push(value === null ? `:${name}:` : `:${name}: ${value}`);
  lines.push('```');
  return lines.join('\n') + '\n';
}

export function pages() {
  const out = new Map();
  for (const c of cases) out.set(`cases/${c.id}.md`, `# ${c.id}\n\n${directiveText(c)}`);
  out.set(
    'index.md',
    '# Conformance cases (MyST)\n\nOne page per case; see `test/conformance-myst/cases.json`.\n\n```{toctree}\n:glob:\n\ncases/*\n```\n',
  );
  out.set(
    'conf.py',
    [
      '# Sphinx configuration of the MyST conformance cases (the oracle writes its own,',
      '# and must add the MyST settings below and exclude files/** too).',
      "project = 'docsnip-conformance-myst'",
      "extensions = ['myst_parser']",
      "myst_enable_extensions = ['colon_fence']",
      "source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}",
      '# files/ holds the inputs, including Markdown fragments that are only ever',
      '# pulled in with {include}: they are not pages.',
      "exclude_patterns = ['_build', 'files/**']",
      '',
    ].join('\n'),
  );
  return out;
}

const check = process.argv.includes('--check');
const want = pages();
if (check) {
  const stale = [];
  for (const [name, text] of want) {
    const path = join(src, name);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(name);
  }
  const have = existsSync(join(src, 'cases')) ? readdirSync(join(src, 'cases')) : [];
  for (const f of have) if (!want.has(`cases/${f}`)) stale.push(`cases/${f} (no such case)`);
  if (stale.length) {
    console.error(`stale MyST conformance pages: ${stale.join(', ')}`);
    process.exit(1);
  }
} else {
  rmSync(join(src, 'cases'), { recursive: true, force: true });
  for (const [name, text] of want) {
    mkdirSync(dirname(join(src, name)), { recursive: true });
    writeFileSync(join(src, name), text);
  }
  console.log(`wrote ${want.size} files under test/conformance-myst/src`);
}
