// The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit
// (Debian: apt-get install pre-commit; $DOCSNIP_PRE_COMMIT picks the binary).
// The hook repository is this working tree, committed to a temporary git
// repository; pre-commit installs it as it would from GitHub (npm install,
// npm pack, npm install -g: it needs the npm registry). A project made of
// the fixture tutorial then commits a renamed marker (refused) and a clean
// change (accepted). A missing pre-commit fails the test.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const preCommit = process.env.DOCSNIP_PRE_COMMIT ?? 'pre-commit';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'docsnip-pre-commit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = {
  ...process.env,
  PRE_COMMIT_HOME: join(work, 'cache'),
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${cmd} (${r.error.message})${cmd === preCommit ? ': apt-get install pre-commit, or set DOCSNIP_PRE_COMMIT' : ''}`);
  return { status: r.status, out: r.stdout + r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = run('git', args, cwd);
  if (r.status !== 0) throw new Error(r.out);
  return r.out;
}

it('refuses a commit that renames a marker a page uses, and lets a clean one through', () => {
  expect(run(preCommit, ['--version'], repo).status).toBe(0);
  // The hook repository: this working tree's files (tracked, or new and not ignored), committed.
  const hooks = join(work, 'hooks');
  const files = git(repo, 'ls-files', '-co', '--exclude-standard', '-z').split('\0').filter((f) => f !== '');
  for (const f of files) {
    mkdirSync(dirname(join(hooks, f)), { recursive: true });
    cpSync(join(repo, f), join(hooks, f));
  }
  git(hooks, 'init', '-q');
  git(hooks, 'add', '-A');
  git(hooks, 'commit', '-qm', 'docsnip');
  const rev = git(hooks, 'rev-parse', 'HEAD').trim();

  // The project: the fixture tutorial under docs/, with the hook configured.
  const project = join(work, 'project');
  cpSync(join(repo, 'fixtures/tutorial'), join(project, 'docs'), { recursive: true });
  writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: docsnip\n`);
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'base');
  expect(run(preCommit, ['install'], project).status).toBe(0);

  const task = join(project, 'docs/tutorial/code/fastapi/task.yaml');
  const original = readFileSync(task, 'utf8');
  writeFileSync(task, original.replace(/# \[docs:pack\]$/m, '# [docs:pack-it]'));
  git(project, 'add', '-A');
  const refused = run('git', ['commit', '-qm', 'rename a marker'], project);
  expect(refused.status, refused.out).not.toBe(0);
  expect(refused.out).toContain('docs/tutorial/kubernetes-charm-fastapi.rst:216:19: error :start-after: marker `[docs:pack]` not found');
  expect(git(project, 'log', '--format=%s')).toBe('base\n');

  writeFileSync(task, original.replace(/rockcraft pack$/m, 'rockcraft pack --verbose'));
  git(project, 'add', '-A');
  const accepted = run('git', ['commit', '-qm', 'a clean change'], project);
  expect(accepted.status, accepted.out).toBe(0);
  expect(accepted.out).toMatch(/docsnip\.+Passed/);
  expect(git(project, 'log', '--format=%s')).toBe('a clean change\nbase\n');
});
