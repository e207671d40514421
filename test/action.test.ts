// The GitHub Action (action.yml and action/run.sh), run as the runner would
// run its step: the script with the environment action.yml sets, in a
// checkout of a project made of the fixture tutorial.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const work = mkdtempSync(join(tmpdir(), 'docsnip-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const gitEnv = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv } });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8'));

  it('is a composite action that installs docsnip and runs action/run.sh with the event, the base commit and the inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['root', 'args']);
    const [install, run] = action.runs.steps;
    expect(install.run).toContain('npm ci --prefix "$GITHUB_ACTION_PATH"');
    expect(run.run).toBe('"$GITHUB_ACTION_PATH/action/run.sh"');
    expect(run.env).toEqual({
      DOCSNIP_EVENT: '${{ github.event_name }}',
      DOCSNIP_BASE: '${{ github.event.pull_request.base.sha }}',
      DOCSNIP_ROOT: '${{ inputs.root }}',
      DOCSNIP_ARGS: '${{ inputs.args }}',
    });
    expect(action.outputs.report.value).toBe('${{ steps.docsnip.outputs.report }}');
  });

  const project = join(work, 'project');
  cpSync(join(repo, 'fixtures/tutorial'), join(project, 'docs'), { recursive: true });
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'base');
  const base = git(project, 'rev-parse', 'HEAD');
  const task = join(project, 'docs/tutorial/code/fastapi/task.yaml');
  writeFileSync(task, readFileSync(task, 'utf8').replace(/# \[docs:pack\]$/m, '# [docs:pack-it]'));
  git(project, 'commit', '-qam', 'rename a marker');

  const runStep = (event: string) => {
    const summary = join(work, `summary-${event}.md`);
    const output = join(work, `output-${event}.txt`);
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const r = spawnSync('bash', [join(repo, 'action/run.sh')], {
      cwd: project,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTION_PATH: repo,
        RUNNER_TEMP: work,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        DOCSNIP_EVENT: event,
        DOCSNIP_BASE: event === 'pull_request' ? base : '',
        DOCSNIP_ROOT: 'docs',
        DOCSNIP_ARGS: '--exclude drafts/**',
      },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') };
  };

  it('on a pull request: the review goes to the job summary, the new problems become annotations, exit 1', () => {
    const r = runStep('pull_request');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.summary).toMatch(/^## docsnip review\n\nThis change breaks 1 literalinclude or include\./);
    expect(r.summary).toContain('now renders nothing');
    expect(r.output).toBe(`report=${work}/docsnip-review.md\n`);
    expect(r.stdout).toContain('::error file=docs/tutorial/code/fastapi/task.yaml,line=62,');
  });

  it('on a push: check, with annotations and its exit code', () => {
    const r = runStep('push');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error file=docs/tutorial/kubernetes-charm-fastapi.rst,line=216,col=19,');
    expect(r.summary).toBe('');
  });
});
