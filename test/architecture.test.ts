/**
 * The core is pure: readers, the resolver, the project model, rules and
 * reporters reach files only through the FileSystem interface. Only
 * src/cli/main.ts, src/cli/cache.ts (`--cache` entries), src/cli/parallel.ts and
 * src/cli/check-worker.ts (worker threads), src/core/fs-node.ts and
 * src/core/fs-git.ts (which runs git) may
 * touch the disk or the process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const ALLOWED = new Set(['cli/main.ts', 'cli/cache.ts', 'cli/parallel.ts', 'cli/check-worker.ts', 'core/fs-node.ts', 'core/fs-git.ts']);
const FORBIDDEN = [
  /from 'node:(fs|child_process|os|process|worker_threads|net|http|https)'/,
  /from '(fs|child_process|os)'/,
  /\bprocess\.(env|cwd|argv|exit|stdout|stderr)/,
  /\bconsole\./,
  /from 'globby'/,
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('architecture', () => {
  it('keeps I/O out of the core', () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const name = relative(src, file).replace(/\\/g, '/');
      if (ALLOWED.has(name)) continue;
      const text = readFileSync(file, 'utf8');
      for (const re of FORBIDDEN) if (re.test(text)) offenders.push(`${name}: ${re}`);
    }
    expect(offenders).toEqual([]);
  });
});
