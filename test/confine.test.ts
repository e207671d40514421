// Nothing outside the repository is read: not through `..`, not through a
// symbolic link, not by `resolve` (which would print it), unless allowed.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

const work = mkdtempSync(join(tmpdir(), 'docsnip-confine-')).replace(/\\/g, '/');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const SECRET = 'the secret outside the repository';
writeFileSync(join(work, 'secret.txt'), SECRET + '\n');
const repo = join(work, 'repo');
mkdirSync(join(repo, 'docs'), { recursive: true });
writeFileSync(join(repo, 'docs/conf.py'), '');
writeFileSync(join(repo, 'docs/index.rst'), 'T\n=\n\n.. literalinclude:: ../../secret.txt\n\n.. literalinclude:: link.txt\n');
symlinkSync(join(work, 'secret.txt'), join(repo, 'docs/link.txt'));
spawnSync('git', ['init', '-q'], { cwd: repo });

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv, cwd: repo, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

describe('confinement to the repository', () => {
  it('check reports both ways out and reads neither', async () => {
    const r = await run(['check', 'docs', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: { line: number; column: number; ruleId: string }[] };
    expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:21 include-outside-root', '6:21 include-outside-root']);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('resolve does not print the file', async () => {
    const r = await run(['resolve', 'docs', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('--allow-outside-root reads them, as Sphinx would', async () => {
    const r = await run(['resolve', 'docs', '--format', 'json', '--allow-outside-root']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).directives.map((d: { text: string }) => d.text)).toEqual([SECRET + '\n', SECRET + '\n']);
  });
});

describe('confinement through linked directories', () => {
  // A directory link that leads out, one that stays in, and a missing file behind the one that leads out.
  const outside = join(work, 'outside-dir');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'x.txt'), SECRET + '\n');
  const repo2 = join(work, 'repo2');
  mkdirSync(join(repo2, 'docs/real'), { recursive: true });
  writeFileSync(join(repo2, 'docs/conf.py'), '');
  writeFileSync(join(repo2, 'docs/real/y.txt'), 'inside\n');
  symlinkSync(outside, join(repo2, 'docs/out'));
  symlinkSync(join(repo2, 'docs/real'), join(repo2, 'docs/in'));
  writeFileSync(
    join(repo2, 'docs/index.rst'),
    'T\n=\n\n.. literalinclude:: out/x.txt\n\n.. literalinclude:: in/y.txt\n\n.. literalinclude:: out/missing.txt\n',
  );
  spawnSync('git', ['init', '-q'], { cwd: repo2 });

  it('a file in a directory that links out is outside; one in a directory that links in is read', async () => {
    let stdout = '';
    const code = await main({ argv: ['resolve', 'docs', '--format', 'json'], cwd: repo2, env: {}, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false });
    expect(code).toBe(1);
    expect(stdout).not.toContain(SECRET);
    const out = JSON.parse(stdout) as { directives: { text: string | null; diagnostics: { ruleId: string }[] }[] };
    expect(out.directives.map((d) => [d.text, d.diagnostics.map((x) => x.ruleId)])).toEqual([
      [null, ['include-outside-root']],
      ['inside\n', []],
      [null, ['include-file-missing']],
    ]);
  });
});
