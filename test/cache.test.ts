// `check --cache`: a report is reused only when every file-system answer the
// run depended on is the same. Each test first proves the cached entry is
// what gets printed (by altering its report), then changes one thing and
// expects the real report again.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TASK = 'execute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n';
const PAGE = 'T\n=\n\n.. include:: part.rst\n\n.. literalinclude:: task.yaml\n   :start-after: [docs:pack]\n   :end-before: [docs:pack-end]\n';

function setup() {
  const cacheDir = mkdtempSync(join(tmpdir(), 'docsnip-cache-'));
  dirs.push(cacheDir);
  const fs = new MemoryFileSystem({ '/d/conf.py': '', '/d/index.rst': PAGE, '/d/part.rst': 'Part.\n', '/d/task.yaml': TASK });
  const run = async (extra: string[] = []) => {
    let stdout = '';
    let stderr = '';
    const code = await main({
      argv: ['check', '--format', 'json', '--cache', '--cache-location', cacheDir, ...extra],
      cwd: '/d',
      env: {},
      fs,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      isTTY: false,
    });
    return { code, stdout, stderr };
  };
  /** Replace the report kept in the (single) cache entry. */
  const tamper = () => {
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    const path = join(cacheDir, entries[0]!);
    const entry = JSON.parse(readFileSync(path, 'utf8')) as { report: string };
    entry.report = 'FROM THE CACHE\n';
    writeFileSync(path, JSON.stringify(entry));
  };
  const problems = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId);
  return { fs, run, tamper, problems, cacheDir };
}

describe('check --cache', () => {
  it('an unchanged tree reuses the report and the exit code', async () => {
    const { fs, run, tamper } = setup();
    fs.write('/d/task.yaml', TASK.replace('[docs:pack]', '[docs:pak]'));
    const first = await run();
    expect(first.code).toBe(1);
    tamper();
    expect(await run()).toEqual({ code: 1, stdout: 'FROM THE CACHE\n', stderr: '' });
  });

  const changes: [string, (fs: MemoryFileSystem) => void, string[]][] = [
    ['a marker file changes', (fs) => fs.write('/d/task.yaml', TASK.replace('# [docs:pack]', '# [docs:pak]')), ['start-marker-not-found', 'marker-unpaired', 'marker-unpaired']],
    ['an included fragment changes', (fs) => fs.write('/d/part.rst', '.. literalinclude:: gone.txt\n'), ['include-file-missing']],
    ['a new page appears', (fs) => fs.write('/d/new.rst', 'N\n=\n\n.. literalinclude:: gone.txt\n'), ['include-file-missing']],
    ['a file a page shows is deleted', (fs) => fs.remove('/d/task.yaml'), ['include-file-missing']],
    ['a missing file appears', (fs) => fs.write('/d/part.rst', '.. literalinclude:: later.txt\n'), ['include-file-missing']],
    // The page is excluded, so nothing uses the markers any more (a warning).
    ['conf.py changes', (fs) => fs.write('/d/conf.py', "exclude_patterns = ['index.rst']\n"), ['marker-unused']],
  ];
  for (const [what, change, after] of changes) {
    it(`recomputes when ${what}`, async () => {
      const { fs, run, tamper, problems } = setup();
      expect((await run()).code).toBe(0);
      tamper();
      expect((await run()).stdout).toBe('FROM THE CACHE\n');
      change(fs);
      const r = await run();
      expect(problems(r.stdout)).toEqual(after);
      expect(r.code).toBe(after.some((id) => id !== 'marker-unused') ? 1 : 0);
    });
  }

  it('a missing file that appears later is noticed (the answer "missing" is kept too)', async () => {
    const { fs, run, tamper, problems } = setup();
    fs.write('/d/part.rst', '.. literalinclude:: later.txt\n');
    expect(problems((await run()).stdout)).toEqual(['include-file-missing']);
    tamper();
    fs.write('/d/later.txt', 'x\n');
    expect(problems((await run()).stdout)).toEqual([]);
  });

  it('on the disk, a shown file replaced by a link leading out is noticed, and a rewrite with the same bytes is not', async () => {
    // The real file system answers one open per file (`readUpTo`, not following a link): that answer is kept too.
    const tree = mkdtempSync(join(tmpdir(), 'docsnip-cache-tree-'));
    const outside = mkdtempSync(join(tmpdir(), 'docsnip-cache-out-'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'docsnip-cache-'));
    dirs.push(tree, outside, cacheDir);
    writeFileSync(join(tree, 'conf.py'), '');
    writeFileSync(join(tree, 'index.rst'), PAGE);
    writeFileSync(join(tree, 'part.rst'), 'Part.\n');
    writeFileSync(join(tree, 'task.yaml'), TASK);
    writeFileSync(join(outside, 'task.yaml'), TASK);
    const run = async () => {
      let stdout = '';
      const code = await main({ argv: ['check', '--format', 'json', '--cache', '--cache-location', cacheDir], cwd: tree, env: {}, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false });
      return { code, stdout };
    };
    expect((await run()).code).toBe(0);
    const [entry] = readdirSync(cacheDir);
    const path = join(cacheDir, entry!);
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { report: string; calls: { method: string }[] };
    expect(kept.calls.some((c) => c.method === 'readUpTo')).toBe(true);
    writeFileSync(path, JSON.stringify({ ...kept, report: 'FROM THE CACHE\n' }));
    writeFileSync(join(tree, 'task.yaml'), TASK);
    expect((await run()).stdout).toBe('FROM THE CACHE\n');
    unlinkSync(join(tree, 'task.yaml'));
    symlinkSync(join(outside, 'task.yaml'), join(tree, 'task.yaml'));
    const r = await run();
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { diagnostics: { ruleId: string }[] }).diagnostics.map((d) => d.ruleId)).toEqual(['include-outside-root']);
  });

  it('other options are other entries', async () => {
    const { run, cacheDir } = setup();
    await run();
    await run(['--quiet']);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('keeps the most recently written entries only', async () => {
    const { run, cacheDir } = setup();
    const { MAX_ENTRIES } = await import('../src/cli/cache.js');
    // Each --max-warnings value is another command line, so another entry.
    const seen = new Set<string>();
    for (let n = 1; n <= MAX_ENTRIES + 4; n++) {
      await run(['--max-warnings', String(n)]);
      // Give the new entry a distinct modification time (n seconds after 1970), oldest first.
      for (const e of readdirSync(cacheDir)) {
        if (!seen.has(e)) utimesSync(join(cacheDir, e), n, n);
        seen.add(e);
      }
    }
    const left = readdirSync(cacheDir).map((e) => Math.round(statSync(join(cacheDir, e)).mtimeMs / 1000));
    // The first four were removed, the newest sixteen kept.
    expect(left.sort((a, b) => a - b)).toEqual(Array.from({ length: MAX_ENTRIES }, (_, k) => k + 5));
  });

  it('writes nothing without --cache', async () => {
    const { cacheDir } = setup();
    const fs = new MemoryFileSystem({ '/d/conf.py': '', '/d/index.rst': PAGE, '/d/part.rst': 'Part.\n', '/d/task.yaml': TASK });
    const code = await main({ argv: ['check'], cwd: '/d', env: {}, fs, stdout: () => {}, stderr: () => {}, isTTY: false });
    expect(code).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('a cache that cannot be written costs only the speed-up', async () => {
    const fs = new MemoryFileSystem({ '/d/conf.py': '', '/d/index.rst': PAGE, '/d/part.rst': 'Part.\n', '/d/task.yaml': TASK });
    const file = join(mkdtempSync(join(tmpdir(), 'docsnip-cache-')), 'a-file');
    dirs.push(file);
    writeFileSync(file, '');
    let stderr = '';
    const code = await main({ argv: ['check', '--cache', '--cache-location', join(file, 'sub')], cwd: '/d', env: {}, fs, stdout: () => {}, stderr: (t) => (stderr += t), isTTY: false });
    expect(code).toBe(0);
    expect(stderr).toMatch(/^docsnip: cannot write the cache in .*a-file\/sub: /);
  });
});
