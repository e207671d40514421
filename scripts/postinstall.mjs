#!/usr/bin/env node
// Builds dist/ after `npm ci` / `npm install` in a clone of this repository,
// so `npx docsnip` works right away. An installed package (from the registry
// or a packed tarball) ships dist/ and has no src/: nothing to do.
//
// This is a postinstall, not a prepare script, on purpose: `npm pack` runs
// prepare and prints its banner on stdout, where pre-commit (language: node)
// expects only the tarball's name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'src')) || !existsSync(join(root, 'tsconfig.json'))) process.exit(0);
let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  console.error('docsnip: TypeScript is not installed (dev dependencies left out?): run `npm run build` after installing them.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
