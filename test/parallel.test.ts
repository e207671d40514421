// `check` on several threads, and a run that drops its pages: the findings
// must not depend on either. The CLI runs from `dist/` here (`npm test`
// builds first), since worker threads start compiled JavaScript.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types.
import { generateTree } from '../bench/generate.mjs';
import { check, type CheckResult } from '../src/check.js';
import { NodeFileSystem } from '../src/core/fs-node.js';
import { MarkerFiles } from '../src/markers/index.js';
import { compileMarkerPattern, DEFAULT_MARKER_PATTERN } from '../src/markers/markers.js';
import { ReadCache } from '../src/project/page.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';
import { RecentMap } from '../src/core/recent.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin/docsnip.js');
let tree = '';
const dirs: string[] = [];

beforeAll(() => {
  tree = mkdtempSync(join(tmpdir(), 'docsnip-parallel-'));
  dirs.push(tree);
  // 300 pages like the benchmark's (includes, task files, 1% broken): enough for workers (200 documents).
  const counts = generateTree(tree, 300, 7) as { literalincludes: number; broken: number };
  expect(counts.broken).toBeGreaterThan(0);
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(args: string[], cwd = tree) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** "N documents analysed on K thread(s): a, b" from --debug. */
function threads(stderr: string): number[] {
  const m = /documents analysed on \d+ thread\(s\): ([\d, ]+)/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return m![1]!.split(', ').map(Number);
}

// Each case runs the CLI several times on 300 pages.
describe('check on several threads', { timeout: 60_000 }, () => {
  it('reports exactly what one thread reports, in every format', () => {
    for (const format of ['json', 'human', 'sarif']) {
      const one = cli(['check', '--format', format, '--jobs', '1', '--debug', '.']);
      expect(threads(one.stderr)).toHaveLength(1);
      expect(one.code).toBe(1);
      for (const jobs of ['2', '3']) {
        const many = cli(['check', '--format', format, '--jobs', jobs, '--debug', '.']);
        const shares = threads(many.stderr);
        // As many threads as asked for (one may start too late to take a chunk), together analysing each document once.
        expect(shares).toHaveLength(Number(jobs));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(threads(one.stderr)[0]);
        expect(many.code).toBe(one.code);
        expect(many.stdout).toBe(one.stdout);
      }
    }
    const json = JSON.parse(cli(['check', '--format', 'json', '--jobs', '2', '.']).stdout);
    expect(json.summary.errors).toBeGreaterThan(0);
  });

  it('finds the same with --changed and with a selected directory', () => {
    const changed = ['check', '--format', 'json', '--changed', 'code/t3/task.yaml'];
    expect(cli([...changed, '--jobs', '2']).stdout).toBe(cli([...changed, '--jobs', '1']).stdout);
    // reuse/ holds fragments only: the pages that include them are checked.
    for (const dir of ['reuse', 'tutorials']) {
      const selected = ['check', '--format', 'json', dir];
      const one = cli([...selected, '--jobs', '1']);
      expect(JSON.parse(one.stdout).summary.files).toBeGreaterThan(1);
      expect(cli([...selected, '--jobs', '2']).stdout).toBe(one.stdout);
    }
  });

  it('records what the workers read for --cache', () => {
    // The questions a run asked the file system are its cache entry's; a worker's must be there too.
    const entryCalls = (jobs: string): string[] => {
      const dir = mkdtempSync(join(tmpdir(), 'docsnip-parallel-cache-'));
      dirs.push(dir);
      const r = cli(['check', '--format', 'json', '--cache', '--cache-location', dir, '--jobs', jobs, '--debug', '.']);
      expect(threads(r.stderr)).toHaveLength(Number(jobs));
      const [entry] = readdirSync(dir);
      const calls = JSON.parse(readFileSync(join(dir, entry!), 'utf8')).calls as { method: string; args: unknown[]; digest: string }[];
      return calls.map((c) => JSON.stringify([c.method, c.args, c.digest])).sort();
    };
    const one = entryCalls('1');
    expect(one.length).toBeGreaterThan(300);
    expect(entryCalls('2')).toEqual(one);
  });

  it('rejects --jobs 0', () => {
    const r = cli(['check', '--jobs', '0', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});

describe('a run that drops its pages', { timeout: 60_000 }, () => {
  const summary = (r: CheckResult) => ({ diagnostics: r.diagnostics, summary: r.summary, markerFiles: [...r.markerFiles.keys()].sort() });

  it('finds what a run that keeps them finds', () => {
    const broken = join(repo, 'fixtures/broken');
    const trees = [
      tree,
      join(repo, 'fixtures/tutorial'),
      join(repo, 'fixtures/tutorial-myst'),
      ...readdirSync(broken, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(broken, e.name)),
    ];
    for (const root of trees) {
      const opts = { fs: new NodeFileSystem(), root, cwd: root };
      const kept = check(opts);
      const dropped = check({ ...opts, fs: new NodeFileSystem(), retain: false });
      expect(summary(dropped), root).toEqual(summary(kept));
      expect(kept.project.pages.length).toBeGreaterThan(0);
      expect(dropped.project.pages).toEqual([]);
      expect(dropped.byDirective.size).toBe(0);
    }
  });
});

describe('a run over some files', { timeout: 60_000 }, () => {
  const findings = (r: CheckResult) => ({ diagnostics: r.diagnostics, summary: r.summary, checked: r.checked, markerFiles: [...r.markerFiles.keys()].sort() });

  it('reads only the documents that may include them, and finds what a run over every document finds', () => {
    // Pages, fragments (each included by many pages), task files, and a page that includes another page.
    const extra = mkdtempSync(join(tmpdir(), 'docsnip-some-'));
    dirs.push(extra);
    generateTree(extra, 60, 11);
    writeFileSync(join(extra, 'tutorials/both.rst'), 'Both\n====\n\n.. include:: part1/page-1.rst\n\n.. include:: ../reuse/setup-2.rst\n');
    const docs = (root: string, dir: string) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.rst') || f.endsWith('.yaml')).map((f) => join(root, dir, f));
    let seed = 5;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const root of [tree, extra]) {
      const files = [...docs(root, 'tutorials'), ...docs(root, 'reuse'), ...docs(root, 'code').slice(0, 10)];
      const picks = [[join(root, 'reuse/setup-2.rst')], [join(root, 'tutorials/part1/page-1.rst')]];
      for (let k = 0; k < 10; k++) picks.push(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => files[Math.floor(rnd() * files.length)]!));
      for (const paths of picks) {
        let some = 0;
        let every = 0;
        const opts = { root, cwd: root, paths, retain: false };
        const fewer = check({ ...opts, fs: new NodeFileSystem(), onAnalysed: () => some++ });
        const all = check({ ...opts, fs: new NodeFileSystem(), everyDocument: true, onAnalysed: () => every++ });
        expect(findings(fewer), paths.join(' ')).toEqual(findings(all));
        expect(some).toBeLessThan(every);
      }
    }
    // Past 64 names the search would cost more than it saves: every document is read.
    const many = docs(tree, 'tutorials').slice(0, 65);
    let analysed = 0;
    check({ fs: new NodeFileSystem(), root: tree, cwd: tree, paths: many, retain: false, onAnalysed: () => analysed++ });
    expect(analysed).toBe(docs(tree, 'tutorials').length + docs(tree, 'reuse').length + 1);
  });
});

describe('bounded caches', () => {
  it('MarkerFiles reads a forgotten file again, and its index keeps every file', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`/d/t${i}/task.yaml`] = `execute: |\n  # [docs:s${i}]\n  true\n  # [docs:s${i}-end]\n`;
    const pattern = compileMarkerPattern(DEFAULT_MARKER_PATTERN);
    if (!pattern.ok) throw new Error('default marker pattern');
    const markers = new MarkerFiles(new ReadCache(new MemoryFileSystem(files)), pattern.re, 2);
    const first = Object.keys(files).map((p) => markers.get(p)!);
    expect(markers.size).toBeLessThanOrEqual(4);
    const again = markers.get('/d/t0/task.yaml')!;
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
    const index = markers.index(Object.keys(files).slice(0, 5), Object.keys(files));
    expect([...index.keys()]).toEqual(Object.keys(files));
    expect([...index.values()].map((f) => [f.included, f.inScope])).toEqual(Object.keys(files).map((_, i) => [i < 5, true]));
  });

  it('RecentMap keeps the recent entries and forgets older ones', () => {
    const recent = new RecentMap<string, number>(2);
    for (let i = 0; i < 10; i++) recent.set(`k${i}`, i);
    expect(recent.get('k9')).toBe(9);
    expect(recent.get('k8')).toBe(8);
    expect(recent.get('k0')).toBeUndefined();
    expect(recent.get('k4')).toBeUndefined();
    // An old entry read again is young again: it outlives the next turnover.
    recent.set('a', 1);
    recent.set('b', 2);
    expect(recent.get('k9')).toBe(9);
    expect([...recent.entries()].map(([k]) => k).sort()).toEqual(['a', 'b', 'k8', 'k9'].sort());
    const plain = new RecentMap<number, number>();
    for (let i = 0; i < 1000; i++) plain.set(i, i);
    expect(plain.get(0)).toBe(0);
  });
});
