/** The command line, run in-process through `main` with captured output. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { VERSION } from '../src/version.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const tutorial = join(repo, 'fixtures/tutorial');

async function run(args: string[], opts: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv: args,
    cwd: opts.cwd ?? tutorial,
    env: opts.env ?? {},
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: opts.tty ?? false,
  });
  return { code, stdout, stderr };
}

const ESC = '\u001b[';

describe('docsnip', () => {
  it('prints help and its version with exit 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('check');
    expect(help.stdout).toContain('resolve');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('exits 2 on usage errors: unknown command, unknown option, bad value, missing path', async () => {
    expect((await run(['lint'])).code).toBe(2);
    expect((await run(['check', '--frobnicate'])).code).toBe(2);
    expect((await run(['check', '--format', 'xml'])).code).toBe(2);
    expect((await run(['check', '--max-warnings', 'many'])).code).toBe(2);
    const missing = await run(['check', 'no/such/dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('docsnip: no such file or directory: no/such/dir\n');
    const glob = await run(['check', 'nothing/**/*.rst']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain('no files match');
  });
});

describe('docsnip check', () => {
  it('exits 0 on a tree without errors, listing its warnings and a summary', async () => {
    const r = await run(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l))).toEqual([
      'tutorial/code/fastapi/task.yaml:193:3: warning Marker pair `[docs:app-logs]` (line 193) and `[docs:app-logs-end]` (line 195) is not used by any literalinclude [marker-unused]',
      'tutorial/code/fastapi/task.yaml:197:3: warning Marker pair `[docs:scale-app]` (line 197) and `[docs:scale-app-end]` (line 201) is not used by any literalinclude [marker-unused]',
    ]);
    expect(r.stdout.endsWith('⚠ 0 errors, 2 warnings in 3 files (29 literalincludes)\n')).toBe(true);
    const quiet = await run(['check', '--quiet']);
    expect(quiet.stdout).toBe('⚠ 0 errors, 2 warnings in 3 files (29 literalincludes)\n');
  });

  it('checks a fragment through the page that includes it', async () => {
    const r = await run(['check', 'reuse/tutorial/setup_edge.rst', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 2, directives: 29, errors: 0, warnings: 0 });
  });

  it('takes directories and globs, relative to the current directory', async () => {
    const dir = await run(['check', 'tutorial', '--format', 'json']);
    const glob = await run(['check', 'tutorial/*.rst', '--format', 'json']);
    // The same page either way; a directory is also a tree whose marker files are in scope.
    expect(JSON.parse(dir.stdout).summary).toEqual({ files: 2, directives: 29, errors: 0, warnings: 2 });
    expect(JSON.parse(glob.stdout).summary).toEqual({ files: 2, directives: 29, errors: 0, warnings: 0 });
  });

  it('shows a code frame, and colour only on a terminal without NO_COLOR', async () => {
    const cwd = join(repo, 'fixtures/broken/marker-renamed');
    const plain = await run(['check'], { cwd });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout).toContain('> 216 |     :start-after: [docs:pack]\n');
    expect(plain.stdout).toContain('      |                   ^^^^^^^^^^^\n');
    expect(plain.stdout).toContain('✖ 1 error, 4 warnings in 3 files (29 literalincludes)');
    expect((await run(['check'], { cwd, tty: true })).stdout).toContain(ESC);
    expect((await run(['check'], { cwd, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(['check', '--color'], { cwd })).stdout).toContain(ESC);
    expect((await run(['check', '--no-color'], { cwd, tty: true })).stdout).not.toContain(ESC);
  });

  it('exits 0 on warnings, 1 over --max-warnings, and --quiet hides them', async () => {
    const cwd = join(repo, 'fixtures/broken/dedent-too-deep');
    const warn = await run(['check'], { cwd });
    expect(warn.code).toBe(0);
    expect(warn.stdout).toContain('warning :dedent: 4 cuts text');
    const strict = await run(['check', '--max-warnings', '2'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('docsnip: 3 warnings, more than --max-warnings 2\n');
    expect((await run(['check', '--max-warnings', '3'], { cwd })).code).toBe(0);
    const quiet = await run(['check', '--quiet'], { cwd });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('cuts text');
  });

  it('writes JSON with fixed keys in a fixed order', async () => {
    const r = await run(['check', '--format', 'json'], { cwd: join(repo, 'fixtures/broken/fragment-relative-path') });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'diagnostics', 'summary']);
    expect(out.version).toBe(1);
    expect(Object.keys(out.diagnostics[0])).toEqual([
      'file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'ruleId', 'message', 'related',
    ]);
    expect(out.diagnostics[0]).toMatchObject({
      file: 'reuse/tutorial/setup_edge.rst',
      line: 55,
      column: 21,
      endLine: 55,
      endColumn: 58,
      severity: 'error',
      ruleId: 'include-file-missing',
    });
    expect(out.diagnostics[0].related).toEqual([
      {
        file: 'tutorial/kubernetes-charm-fastapi.rst',
        line: 64,
        column: 1,
        message: 'included here by tutorial/kubernetes-charm-fastapi.rst, so paths resolve from tutorial/',
      },
    ]);
    expect(Object.keys(out.summary)).toEqual(['files', 'directives', 'errors', 'warnings']);
  });

  it('honours --exclude and --root', async () => {
    const excluded = await run(['check', '--exclude', 'tutorial/**', '--format', 'json']);
    expect(JSON.parse(excluded.stdout).summary).toEqual({ files: 1, directives: 0, errors: 0, warnings: 0 });
    const fromRepo = await run(['check', 'fixtures/tutorial', '--format', 'json'], { cwd: repo });
    expect(JSON.parse(fromRepo.stdout).summary.directives).toBe(29);
    const rooted = await run(['check', '--root', 'fixtures/tutorial', 'fixtures/tutorial/tutorial', '--format', 'json'], { cwd: repo });
    expect(JSON.parse(rooted.stdout).summary.directives).toBe(29);
    expect((await run(['check', '--root', 'nowhere'])).code).toBe(2);
  });
});

describe('docsnip resolve', () => {
  it('prints every literalinclude per page, in reading order, with Sphinx text', async () => {
    const r = await run(['resolve', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['version', 'directives']);
    expect(out.directives).toHaveLength(29);
    const [fragment, first] = out.directives;
    expect(Object.keys(first)).toEqual([
      'doc', 'source', 'line', 'column', 'name', 'target', 'options', 'ok', 'text', 'language', 'lineStart', 'diagnostics',
    ]);
    expect(fragment).toMatchObject({
      doc: 'tutorial/kubernetes-charm-fastapi.rst',
      source: 'reuse/tutorial/setup_edge.rst',
      line: 55,
      target: 'tutorial/code/fastapi/task.yaml',
    });
    expect(first).toMatchObject({
      doc: 'tutorial/kubernetes-charm-fastapi.rst',
      source: 'tutorial/kubernetes-charm-fastapi.rst',
      line: 76,
      column: 1,
      name: 'literalinclude',
      target: 'tutorial/code/fastapi/task.yaml',
      options: { language: 'bash', 'start-after': '[docs:create-venv]', 'end-before': '[docs:create-venv-end]', dedent: '2' },
      ok: true,
      language: 'bash',
      lineStart: 1,
      diagnostics: [],
    });
    expect(first.text).toBe('sudo apt-get update && sudo apt-get install -y python3-venv\npython3 -m venv .venv\nsource .venv/bin/activate\n');
    const lines = out.directives.map((d: { source: string; line: number }) => `${d.source}:${d.line}`);
    expect(lines.slice(1, 4)).toEqual([
      'tutorial/kubernetes-charm-fastapi.rst:76',
      'tutorial/kubernetes-charm-fastapi.rst:92',
      'tutorial/kubernetes-charm-fastapi.rst:102',
    ]);
  });

  it('marks a directive Sphinx would drop, with its diagnostics, and exits 1', async () => {
    const r = await run(['resolve', '--format', 'json'], { cwd: join(repo, 'fixtures/broken/marker-renamed') });
    expect(r.code).toBe(1);
    const bad = JSON.parse(r.stdout).directives.filter((d: { ok: boolean }) => !d.ok);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 214, text: null, ok: false });
    expect(bad[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['start-marker-not-found']);
  });
});
