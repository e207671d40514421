/**
 * The bundled tutorial checks clean, and each fixtures/broken/<name> tree is
 * the tutorial with exactly one fault, which the real CLI (a child process,
 * as users run it) reports with the expected rule at the expected position.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyFault, type BrokenVariant } from '../scripts/make-broken-fixtures.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin/docsnip.js');
const tutorial = join(repo, 'fixtures/tutorial');
const variants = JSON.parse(readFileSync(join(repo, 'fixtures/broken/variants.json'), 'utf8')) as BrokenVariant[];

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Found = { file: string; line: number; column: number; ruleId: string };
const found = (stdout: string): Found[] =>
  (JSON.parse(stdout) as { diagnostics: Found[] }).diagnostics.map(({ file, line, column, ruleId }) => ({ file, line, column, ruleId }));
const order = (list: Found[]): Found[] =>
  [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));

/** The tutorial's own findings: two marker pairs its task.yaml keeps for other guides. */
const BASELINE: Found[] = [
  { file: 'tutorial/code/fastapi/task.yaml', line: 193, column: 3, ruleId: 'marker-unused' },
  { file: 'tutorial/code/fastapi/task.yaml', line: 197, column: 3, ruleId: 'marker-unused' },
];

describe('the bundled tutorial', () => {
  it('checks without errors (exit 0): every literalinclude resolves, and its unused markers are warnings', () => {
    const r = cli(tutorial, ['check', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(found(r.stdout)).toEqual(BASELINE);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 3, directives: 29, errors: 0, warnings: 2 });
  });
});

describe('broken variants', () => {
  it('are all listed, and none is left over', () => {
    const dirs = readdirSync(join(repo, 'fixtures/broken'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(dirs).toEqual(variants.map((v) => v.name).sort());
  });

  for (const v of variants) {
    describe(v.name, () => {
      it('is the tutorial with exactly its one fault (run scripts/make-broken-fixtures.mjs after changing either)', () => {
        const work = mkdtempSync(join(tmpdir(), 'docsnip-broken-'));
        try {
          cpSync(tutorial, work, { recursive: true });
          applyFault(work, v);
          const want = files(work);
          const have = files(join(repo, 'fixtures/broken', v.name));
          expect([...have.keys()].sort()).toEqual([...want.keys()].sort());
          for (const [name, bytes] of want) expect(have.get(name)?.equals(bytes), name).toBe(true);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      });

      it(`exits 1 with ${v.expect.map((e) => `${e.ruleId} at ${e.line}:${e.column}`).join(', ')}`, () => {
        const r = cli(join(repo, 'fixtures/broken', v.name), ['check', '--format', 'json', ...(v.args ?? [])]);
        expect(r.status, r.stderr).toBe(1);
        expect(found(r.stdout)).toEqual(order(v.expect));
      });
    });
  }
});
