#!/usr/bin/env node
// Writes fixtures/broken/<name>/: a copy of fixtures/tutorial with exactly the
// one fault described in fixtures/broken/variants.json. Run it after changing
// the tutorial or the variants; test/broken.test.ts checks the trees are current.
//   node scripts/make-broken-fixtures.mjs
import { cpSync, readFileSync, writeFileSync, rmSync, renameSync, appendFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tutorial = join(root, 'fixtures/tutorial');
const broken = join(root, 'fixtures/broken');
const variants = JSON.parse(readFileSync(join(broken, 'variants.json'), 'utf8'));

/** Apply one variant's fault to the tree at `dir` (throws when the edit does not apply exactly once). */
export function applyFault(dir, v) {
  if (v.edit) {
    const path = join(dir, v.edit.file);
    const text = readFileSync(path, 'utf8');
    const count = text.split(v.edit.find).length - 1;
    if (count !== 1) throw new Error(`${v.name}: expected one ${JSON.stringify(v.edit.find)} in ${v.edit.file}, found ${count}`);
    writeFileSync(path, text.replace(v.edit.find, v.edit.replace));
  }
  if (v.rename) renameSync(join(dir, v.rename.from), join(dir, v.rename.to));
  if (v.append) appendFileSync(join(dir, v.append.file), Buffer.from(v.append.bytes, 'hex'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of readdirSync(broken, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(broken, entry.name), { recursive: true });
  }
  for (const v of variants) {
    const dir = join(broken, v.name);
    cpSync(tutorial, dir, { recursive: true });
    applyFault(dir, v);
    console.log(`wrote fixtures/broken/${v.name}`);
  }
}
