// The README's JavaScript examples run as written (from the repository root,
// where `docsnip` resolves to this package) and print what their `// ` comment
// lines after each console.log say.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

/** The comment lines right after lines that print: the expected output. */
function expectedOutput(code: string): string[] {
  const out: string[] = [];
  let printing = false;
  for (const line of code.split('\n')) {
    if (printing && line.startsWith('// ')) out.push(line.slice(3));
    else printing = line.includes('console.log');
  }
  return out;
}

describe('README examples', () => {
  it('has the library and unified examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });
  examples.forEach((code, n) => {
    it(`example ${n + 1} prints what it says`, () => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: repo, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const want = expectedOutput(code);
      expect(want.length).toBeGreaterThan(0);
      expect(r.stdout.trimEnd().split('\n')).toEqual(want);
    });
  });
});
