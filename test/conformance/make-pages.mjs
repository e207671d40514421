#!/usr/bin/env node
// Writes the Sphinx source tree for the conformance cases: one page per case
// (src/cases/<id>.rst: a title, then the directive at line 4), src/index.rst
// and src/conf.py. `--check` fails when the committed pages are stale.
//   node test/conformance/make-pages.mjs [--check]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const cases = JSON.parse(readFileSync(join(here, 'cases.json'), 'utf8'));

/** The directive text of a case. */
export function directiveText(c) {
  if (c.rst !== undefined) return c.rst.endsWith('\n') ? c.rst : c.rst + '\n';
  const lines = [`.. literalinclude:: ${c.file}`];
  for (const [name, value] of c.options ?? []) lines.push(value === null ? `   :${name}:` : `   :${name}: ${value}`);
  return lines.join('\n') + '\n';
}

export function pages() {
  const out = new Map();
  for (const c of cases) out.set(`cases/${c.id}.rst`, `${c.id}\n${'='.repeat(c.id.length)}\n\n${directiveText(c)}`);
  out.set(
    'index.rst',
    'Conformance cases\n=================\n\nOne page per case; see ``test/conformance/cases.json``.\n\n.. toctree::\n   :glob:\n\n   cases/*\n',
  );
  out.set('conf.py', "# Sphinx configuration of the conformance cases (the oracle writes its own).\nproject = 'docsnip-conformance'\nexclude_patterns = ['_build']\n");
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
    console.error(`stale conformance pages: ${stale.join(', ')}`);
    process.exit(1);
  }
} else {
  rmSync(join(src, 'cases'), { recursive: true, force: true });
  for (const [name, text] of want) {
    mkdirSync(dirname(join(src, name)), { recursive: true });
    writeFileSync(join(src, name), text);
  }
  console.log(`wrote ${want.size} files under test/conformance/src`);
}
