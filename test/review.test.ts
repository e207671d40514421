// `docsnip review` on temporary git repositories made from the fixture
// tutorial (under docs/), one change each: the new problems (and the line
// that caused them), the snippets whose text changes (with their diffs) and
// the exit code. Each change is reviewed in the working tree, then committed
// and reviewed between two commits; both must agree.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types.
import { generateTree } from '../bench/generate.mjs';
import { main } from '../src/cli/main.js';
import { formatReviewMarkdown } from '../src/review/format.js';
import { checkForReview } from '../src/review/review.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';

const fixture = fileURLToPath(new URL('../fixtures/tutorial/', import.meta.url));
const PAGE = 'docs/tutorial/kubernetes-charm-fastapi.rst';
const TASK = 'docs/tutorial/code/fastapi/task.yaml';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

/** A repository whose first commit is the fixture tutorial under docs/. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docsnip-review-'));
  dirs.push(dir);
  cpSync(fixture, join(dir, 'docs'), { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}

async function runReview(dir: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: ['review', '--format', 'json', ...args], cwd: dir, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  expect(stderr).toBe('');
  return { code, stdout };
}

/**
 * Review the working tree against HEAD; then commit the change and review
 * HEAD~1..HEAD (both read from git objects): the reports must be the same.
 */
async function review(dir: string, args: string[] = []) {
  const { code, stdout } = args.length > 0 ? await runReview(dir, args) : await runReview(dir, ['--base', 'HEAD']);
  if (args.length === 0) {
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'the change');
    const committed = await runReview(dir, ['--base', 'HEAD~1', '--head', 'HEAD']);
    expect(committed.code).toBe(code);
    expect(committed.stdout).toBe(stdout);
  }
  const report = JSON.parse(stdout) as {
    summary: Record<string, number>;
    newProblems: { file: string; line: number; column: number; ruleId: string; severity: string; cause: { file: string; line: number | null; kind: string; text: string | null; from?: string } | null }[];
    fixedProblems: { file: string; line: number; ruleId: string }[];
    snippets: { page: string; source: string; line: number; status: string; diff: string; pageTouched: boolean }[];
  };
  return { code, report };
}

const where = (p: { file: string; line: number; column?: number; ruleId: string }) => `${p.file}:${p.line}${p.column ? `:${p.column}` : ''} ${p.ruleId}`;

describe('docsnip review', () => {
  it('a marker renamed in task.yaml breaks a page the change never opened', async () => {
    const dir = repo();
    edit(dir, TASK, /# \[docs:pack\]$/m, '# [docs:pack-it]');
    const { code, report } = await review(dir);
    expect(code).toBe(1);
    expect(report.newProblems.map(where)).toEqual([
      `${PAGE}:216:19 start-marker-not-found`,
      `${TASK}:62:3 marker-unpaired`,
      `${TASK}:64:3 marker-unpaired`,
    ]);
    // Every one comes from the renamed line.
    expect(report.newProblems.map((p) => p.cause)).toEqual(
      Array(3).fill({ file: TASK, line: 62, kind: 'changed', text: '  # [docs:pack-it]' }),
    );
    expect(report.snippets).toEqual([
      {
        page: PAGE,
        source: PAGE,
        line: 214,
        target: TASK,
        status: 'changed',
        before: 'ROCKCRAFT_ENABLE_EXPERIMENTAL_EXTENSIONS=true rockcraft pack\n',
        after: null,
        diff: `--- ${PAGE}:214 (before)\n+++ ${PAGE}:214 (after)\n@@ -1 +0,0 @@\n-ROCKCRAFT_ENABLE_EXPERIMENTAL_EXTENSIONS=true rockcraft pack\n`,
        pageTouched: false,
      },
    ]);
  });

  it('deleting an included file', async () => {
    const dir = repo();
    git(dir, 'rm', '-q', 'docs/tutorial/code/fastapi/requirements.txt');
    const { code, report } = await review(dir);
    expect(code).toBe(1);
    expect(report.newProblems.map(where)).toEqual([`${PAGE}:92:21 include-file-missing`]);
    expect(report.newProblems[0]!.cause).toEqual({ file: 'docs/tutorial/code/fastapi/requirements.txt', line: null, kind: 'deleted', text: null });
    expect(report.snippets.map((s) => [s.line, s.diff])).toEqual([
      [92, `--- ${PAGE}:92 (before)\n+++ ${PAGE}:92 (after)\n@@ -1,2 +0,0 @@\n-fastapi[standard]>=0.115,<1\n-psycopg2-binary>=2.9,<3\n`],
    ]);
  });

  it('editing the body of a snippet changes every page that shows it, without a problem', async () => {
    const dir = repo();
    edit(dir, TASK, /rockcraft pack$/gm, 'rockcraft pack --verbose');
    const { code, report } = await review(dir);
    expect(code).toBe(0);
    expect(report.summary).toEqual({ newErrors: 0, newWarnings: 0, fixed: 0, snippetsChanged: 3, pagesWithChanges: 1, untouchedPagesWithChanges: 1 });
    expect(report.snippets.map((s) => s.line)).toEqual([214, 525, 679]);
    expect(report.snippets[1]!.diff).toBe(
      [
        `--- ${PAGE}:525 (before)`,
        `+++ ${PAGE}:525 (after)`,
        '@@ -1,4 +1,4 @@',
        '-ROCKCRAFT_ENABLE_EXPERIMENTAL_EXTENSIONS=true rockcraft pack',
        '+ROCKCRAFT_ENABLE_EXPERIMENTAL_EXTENSIONS=true rockcraft pack --verbose',
        ' rockcraft.skopeo --insecure-policy copy --dest-tls-verify=false \\',
        '   oci-archive:fastapi-hello-world_0.2_$(dpkg --print-architecture).rock \\',
        '   docker://localhost:32000/fastapi-hello-world:0.2',
        '',
      ].join('\n'),
    );
  });

  it('moving a page breaks its relative paths; the problems point at the move', async () => {
    const dir = repo();
    git(dir, 'mv', PAGE, 'docs/kubernetes.rst');
    const { code, report } = await review(dir);
    expect(code).toBe(1);
    const errors = report.newProblems.filter((p) => p.severity === 'error');
    // 28 literalincludes on the page (27 of its own, 1 in the fragment it includes) and no longer resolve.
    expect(errors).toHaveLength(28);
    expect(new Set(errors.map((p) => p.ruleId))).toEqual(new Set(['include-file-missing']));
    expect(errors[0]!.cause).toEqual({ file: 'docs/kubernetes.rst', line: null, kind: 'renamed', text: null, from: PAGE });
    // The page is followed across the move: its snippets are compared, not reported as removed and added.
    expect(new Set(report.snippets.map((s) => `${s.page} ${s.status}`))).toEqual(new Set(['docs/kubernetes.rst changed']));
  });

  it('reads a committed head from git objects too, and reports what a change fixes', async () => {
    const dir = repo();
    edit(dir, TASK, /# \[docs:pack\]$/m, '# [docs:pack-it]');
    git(dir, 'commit', '-qam', 'break');
    edit(dir, TASK, /# \[docs:pack-it\]$/m, '# [docs:pack]');
    git(dir, 'commit', '-qam', 'fix');
    // The working tree is clean, so base..head is the same as base..working tree.
    const broken = await review(dir, ['--base', 'HEAD~2', '--head', 'HEAD~1']);
    // The same, with the working tree (clean) as the head of HEAD~1..
    expect((await review(dir, ['--base', 'HEAD~1'])).report).toEqual((await review(dir, ['--base', 'HEAD~1', '--head', 'HEAD'])).report);
    expect(broken.code).toBe(1);
    expect(broken.report.newProblems.map(where)[0]).toBe(`${PAGE}:216:19 start-marker-not-found`);
    const fixed = await review(dir, ['--base', 'HEAD~1', '--head', 'HEAD']);
    expect(fixed.code).toBe(0);
    expect(fixed.report.fixedProblems.map(where)).toEqual([`${PAGE}:216:19 start-marker-not-found`, `${TASK}:62:3 marker-unpaired`, `${TASK}:64:3 marker-unpaired`].sort());
    expect(fixed.report.snippets.map((s) => [s.line, s.status])).toEqual([[214, 'changed']]);
  });

  it("runs nothing the repository's git configuration names: filters, textconv, external diff, fsmonitor, hooks", async () => {
    const dir = repo();
    const ran = mkdtempSync(join(tmpdir(), 'docsnip-ran-'));
    dirs.push(ran);
    // A pull request's .gitattributes can name any driver the machine configures.
    writeFileSync(join(dir, '.gitattributes'), '* filter=evil diff=evil\n');
    edit(dir, TASK, /# \[docs:pack\]$/m, '# [docs:pack-it]');
    git(dir, '-c', 'core.hooksPath=/dev/null', 'add', '-A');
    git(dir, '-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'the change');
    const script = (name: string, body = '') => {
      const path = join(ran, `${name}.sh`);
      writeFileSync(path, `#!/bin/sh\ntouch '${ran}/${name}'\n${body}`, { mode: 0o755 });
      return path;
    };
    git(dir, 'config', 'filter.evil.clean', script('clean', 'cat\n'));
    git(dir, 'config', 'filter.evil.smudge', script('smudge', 'cat\n'));
    git(dir, 'config', 'filter.evil.required', 'true');
    git(dir, 'config', 'diff.evil.textconv', script('textconv', 'cat "$1"\n'));
    git(dir, 'config', 'diff.external', script('external'));
    git(dir, 'config', 'core.fsmonitor', script('fsmonitor'));
    git(dir, 'config', 'core.hooksPath', join(ran, 'hooks'));
    mkdirSync(join(ran, 'hooks'));
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc']) {
      writeFileSync(join(ran, 'hooks', hook), `#!/bin/sh\ntouch '${ran}/hook-${hook}'\n`, { mode: 0o755 });
    }
    // Files git must look at again (their stat data changed): hashing them would run the clean filter.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(dir, TASK), later, later);
    utimesSync(join(dir, PAGE), later, later);
    edit(dir, PAGE, /^Suppose you maintain/m, 'Say you maintain');
    const worktree = await runReview(dir, ['--base', 'HEAD~1']);
    const committed = await runReview(dir, ['--base', 'HEAD~1', '--head', 'HEAD']);
    for (const r of [worktree, committed]) {
      expect(r.code).toBe(1);
      expect((JSON.parse(r.stdout) as { newProblems: { file: string; line: number; column: number; ruleId: string }[] }).newProblems.map(where)).toEqual([
        `${PAGE}:216:19 start-marker-not-found`,
        `${TASK}:62:3 marker-unpaired`,
        `${TASK}:64:3 marker-unpaired`,
      ]);
    }
    // The scripts work when git runs them (proof that the set-up is live) ...
    expect(readdirSync(ran).filter((f) => !f.endsWith('.sh') && f !== 'hooks')).toEqual([]);
    git(dir, 'diff', '--stat', 'HEAD~1');
    expect(readdirSync(ran).filter((f) => !f.endsWith('.sh') && f !== 'hooks').length).toBeGreaterThan(0);
  });

  it('refuses an unknown revision', async () => {
    const dir = repo();
    let stderr = '';
    const code = await main({ argv: ['review', '--base', 'no-such-branch'], cwd: dir, env: {}, stdout: () => {}, stderr: (t) => (stderr += t), isTTY: false });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^docsnip: review needs a git repository and known revisions/);
  });
});

describe('the Markdown comment', () => {
  it('keeps under the size limit and says what it left out', async () => {
    const dir = repo();
    edit(dir, TASK, /rockcraft pack$/gm, 'rockcraft pack --verbose');
    edit(dir, 'docs/tutorial/code/fastapi/app.py', /Hello, world!/, 'Hello!');
    let json = '';
    await main({ argv: ['review', '--base', 'HEAD', '--format', 'json'], cwd: dir, env: {}, stdout: (t) => (json += t), stderr: () => {}, isTTY: false });
    const full = JSON.parse(json);
    const report = { newProblems: [], fixedProblems: [], snippets: full.snippets, changedFiles: 2, summary: full.summary };
    const whole = formatReviewMarkdown(report);
    expect(whole).toContain('<details><summary><code>docs/tutorial/kubernetes-charm-fastapi.rst</code>: 4 snippets render differently (page not touched by this change)</summary>');
    expect(whole).toContain('-    return {"message": "Hello, world!"}\n+    return {"message": "Hello!"}\n');
    const cut = formatReviewMarkdown(report, whole.length - 10);
    expect(cut.length).toBeLessThanOrEqual(whole.length - 10);
    expect(cut).not.toContain('<details>');
    expect(cut).toContain('_1 more page not shown: the comment would pass GitHub');
  });
});

describe('what each side keeps', () => {
  const TASK_TEXT = (word: string) => `execute: |\n  # [docs:a]\n  echo ${word}\n  # [docs:a-end]\n`;
  const PAGE_TEXT = (title: string) =>
    `${title}\n${'='.repeat(title.length)}\n\n.. literalinclude:: task.yaml\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n   :dedent: 2\n`;
  const side = (task: string, extraTitle: string, base?: Parameters<typeof checkForReview>[1]) =>
    checkForReview(
      {
        fs: new MemoryFileSystem({
          '/r/conf.py': '',
          '/r/a/page.rst': PAGE_TEXT('A'),
          '/r/a/task.yaml': TASK_TEXT('a'),
          '/r/b/page.rst': PAGE_TEXT(extraTitle),
          '/r/b/task.yaml': TASK_TEXT(task),
        }),
        root: '/r',
        cwd: '/r',
      },
      base,
    );

  it('a head page that shows what its base page showed shares the base list; only the head maps diagnostics to directives', () => {
    const base = side('b', 'B');
    const head = side('changed', 'B title changed', { side: base, changes: [{ status: 'M', path: '/r/b/task.yaml' }] });
    expect(base.pages.map((p) => p.page)).toEqual(['/r/a/page.rst', '/r/b/page.rst']);
    expect(head.pages.map((p) => p.page)).toEqual(['/r/a/page.rst', '/r/b/page.rst']);
    // Page a: same snippets, so the same list. Page b: its snippet's text changed.
    expect(head.pages[0]!.snippets).toBe(base.pages[0]!.snippets);
    expect(head.pages[1]!.snippets).not.toBe(base.pages[1]!.snippets);
    expect(head.pages[1]!.snippets.map((s) => s.text)).toEqual(['echo changed\n']);
    expect(base.pages[1]!.snippets.map((s) => [s.text, s.used, s.line])).toEqual([['echo b\n', 2, 4]]);
    // A title change alone (same snippets) shares too.
    const retitled = side('b', 'B title changed', { side: base, changes: [{ status: 'M', path: '/r/b/page.rst' }] });
    expect(retitled.pages[1]!.snippets).toBe(base.pages[1]!.snippets);
  });

  it('records the directive of each head diagnostic, for the cause; the base does not', () => {
    const brokenTree = {
      fs: new MemoryFileSystem({
        '/r/conf.py': '',
        '/r/a/page.rst': PAGE_TEXT('A'),
        '/r/a/task.yaml': TASK_TEXT('a').replace('[docs:a]', '[docs:renamed]'),
        '/r/b/page.rst': PAGE_TEXT('B'),
        '/r/b/task.yaml': TASK_TEXT('b'),
      }),
      root: '/r',
      cwd: '/r',
    };
    const base = checkForReview(brokenTree);
    const head = checkForReview(brokenTree, { side: base, changes: [] });
    for (const s of [base, head]) expect(s.diagnostics.filter((d) => d.ruleId === 'start-marker-not-found').map((d) => d.file)).toEqual(['a/page.rst']);
    expect(base.directives.size).toBe(0);
    const about = [...head.directives.values()].find((d) => d.page === '/r/a/page.rst');
    expect(about).toMatchObject({ kind: 'literalinclude', source: '/r/a/page.rst', target: '/r/a/task.yaml', line: 4, endLine: 7 });
  });
});

function writeIn(dir: string, file: string, content: string): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), content);
}

describe('review checks only the pages a change can affect', () => {
  // A generated tree (the benchmark's shape): each task is shown by five pages, on overlapping markers, so a
  // change to one page can make a marker unused or not depending on the others.
  let tree = '';
  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), 'docsnip-review-scope-'));
    dirs.push(tree);
    generateTree(tree, 40, 3);
    git(tree, 'init', '-q');
    git(tree, 'add', '-A');
    git(tree, 'commit', '-qm', 'base');
  });

  const text = (file: string) => readFileSync(join(tree, file), 'utf8');
  const write = (file: string, content: string) => writeIn(tree, file, content);
  const literalincludes = (page: string) => text(page).split(/\n(?=\S)/).filter((b) => b.startsWith('.. literalinclude::'));
  /** Remove the literalincludes (at any depth, with their options) that `which` picks. */
  const removeLiteralincludes = (page: string, which: (block: string) => boolean) =>
    write(page, text(page).replace(/^( *)\.\. literalinclude::.*\n(?:\1 +:.*\n)*/gm, (block) => (which(block) ? '' : block)));
  const CHANGES: [string, () => void][] = [
    ['a marker renamed in a task', () => write('code/t1/task.yaml', text('code/t1/task.yaml').replace('# [docs:step-10]', '# [docs:step-10-x]'))],
    ['a command changed in a task', () => write('code/t2/task.yaml', text('code/t2/task.yaml').replace(/^ {2}(?!#)(.*)$/m, '  echo changed $1'))],
    ['a region no page shows added to a task', () => write('code/t3/task.yaml', text('code/t3/task.yaml') + '  # [docs:extra]\n  echo extra\n  # [docs:extra-end]\n')],
    ['a literalinclude removed from a page', () => write('tutorials/part1/page-1.rst', text('tutorials/part1/page-1.rst').replace(literalincludes('tutorials/part1/page-1.rst')[0]!, '')),
    ],
    ['every literalinclude of a task removed from one page', () => {
      const page = 'tutorials/part5/page-5.rst';
      write(page, literalincludes(page).reduce((t, block) => t.replace(block, ''), text(page)));
    }],
    ['the last uses of a marker removed (it becomes unused)', () => {
      for (const page of git(tree, 'grep', '-l', 'docs:step-8]', '--', 'tutorials').split('\n').filter(Boolean)) {
        removeLiteralincludes(page, (b) => b.includes('/code/t0/') && b.includes('[docs:step-8]'));
      }
    }],
    ['a dedent changed', () => write('tutorials/part2/page-2.rst', text('tutorials/part2/page-2.rst').replace(':dedent: 2', ':dedent: 4'))],
    ['a page deleted', () => rmSync(join(tree, 'tutorials/part6/page-6.rst'))],
    ['a page added', () => write('tutorials/new.rst', 'New\n===\n\n.. literalinclude:: /code/t4/task.yaml\n   :start-after: [docs:step-30]\n   :end-before: [docs:step-30-end]\n   :dedent: 2\n')],
    ['a literalinclude added to a fragment', () => write('reuse/setup-3.rst', text('reuse/setup-3.rst') + '\n.. literalinclude:: /code/t0/task.yaml\n   :start-after: [docs:step-1]\n   :end-before: [docs:step-1-end]\n')],
    ['a new page includes an existing page (which turns into a fragment)', () => write('tutorials/both.rst', 'Both\n====\n\n.. include:: part1/page-1.rst\n')],
    ['a page starts including another page', () => write('tutorials/part2/page-2.rst', text('tutorials/part2/page-2.rst') + '\n.. include:: ../part3/page-3.rst\n')],
    ['a task moved away', () => {
      write('code/t5/steps.yaml', text('code/t5/task.yaml'));
      rmSync(join(tree, 'code/t5/task.yaml'));
    }],
    ['a file without markers edited', () => write('code/t6/app.py', text('code/t6/app.py').replace('def handler_0', 'def handler_zero'))],
    ['conf.py edited (every page is checked)', () => write('conf.py', text('conf.py').replace("exclude_patterns = ['_build']", "exclude_patterns = ['_build', 'tutorials/part7/*']"))],
  ];
  it('a page that stops being included turns back into a page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-review-fragment-'));
    dirs.push(dir);
    writeIn(dir, 'conf.py', "project = 'x'\n");
    writeIn(dir, 'outer.rst', 'Outer\n=====\n\n.. include:: inner.rst\n');
    // A file without markers: nothing but the include relation brings inner.rst into the review.
    writeIn(dir, 'inner.rst', 'Inner\n=====\n\n.. literalinclude:: app.py\n   :lines: 1\n');
    writeIn(dir, 'app.py', 'print(1)\n');
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    rmSync(join(dir, 'outer.rst'));
    const scoped = await runReview(dir, ['--base', 'HEAD']);
    expect(scoped.stdout).toBe((await runReview(dir, ['--base', 'HEAD', '--all-pages'])).stdout);
    const report = JSON.parse(scoped.stdout) as { snippets: { page: string; status: string }[] };
    expect(report.snippets.map((s) => `${s.page} ${s.status}`)).toEqual(['inner.rst added', 'outer.rst removed']);
  });

  it('follows a link to a changed file, and a missing file whose suggested near name changes stays the same problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-review-link-'));
    dirs.push(dir);
    const task = (word: string) => `execute: |\n  # [docs:a]\n  echo ${word}\n  # [docs:a-end]\n`;
    writeIn(dir, 'conf.py', "project = 'x'\n");
    writeIn(dir, 'linked.rst', 'Linked\n======\n\n.. literalinclude:: code/link.yaml\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n   :dedent: 2\n');
    writeIn(dir, 'missing.rst', 'Missing\n=======\n\n.. literalinclude:: other/tsk.yaml\n');
    writeIn(dir, 'code/task.yaml', task('before'));
    writeIn(dir, 'other/readme.txt', 'x\n');
    symlinkSync('task.yaml', join(dir, 'code/link.yaml'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    writeIn(dir, 'code/task.yaml', task('after'));
    writeIn(dir, 'other/tsk.yml', 'near\n');
    const scoped = await runReview(dir, ['--base', 'HEAD']);
    const all = await runReview(dir, ['--base', 'HEAD', '--all-pages']);
    expect(scoped.stdout).toBe(all.stdout);
    const report = JSON.parse(scoped.stdout) as { snippets: { page: string }[]; newProblems: unknown[]; fixedProblems: unknown[] };
    expect(report.snippets.map((s) => s.page)).toEqual(['linked.rst']);
    // `other/tsk.yaml` is still missing; only its hint now names `other/tsk.yml`.
    expect([report.newProblems, report.fixedProblems]).toEqual([[], []]);
  });

  // Random mixes of the edits above and more, seeded: the same report both ways every time.
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let c = 0; c < 12; c++) {
    it(`gives the report of a review of every page: random edits, case ${c + 1}`, async () => {
      git(tree, 'checkout', '-q', '--', '.');
      git(tree, 'clean', '-qfd');
      const rnd = random(1000 + c);
      const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const pages = git(tree, 'ls-files', 'tutorials').split('\n').filter(Boolean);
      const tasks = git(tree, 'ls-files', 'code').split('\n').filter((f) => f.endsWith('task.yaml'));
      const EDITS: (() => void)[] = [
        () => {
          const page = pick(pages);
          if (existsSync(join(tree, page))) removeLiteralincludes(page, () => rnd() < 0.3);
        },
        () => {
          const task = pick(tasks);
          if (existsSync(join(tree, task))) write(task, text(task).replace(`[docs:step-${Math.floor(rnd() * 40)}]`, `[docs:moved-${c}]`));
        },
        () => {
          const task = pick(tasks);
          if (existsSync(join(tree, task))) write(task, text(task).replace(/^ {2}(?![#])(.*)$/m, `  echo edit ${c} $1`));
        },
        () => rmSync(join(tree, pick([...pages, ...tasks])), { force: true }),
        () => write(`tutorials/new-${c}.rst`, `New\n===\n\n.. include:: ${pick(pages).slice('tutorials/'.length)}\n`),
        () => {
          const page = pick(pages);
          if (existsSync(join(tree, page))) write(page, text(page).replace(/:dedent: 2/g, () => (rnd() < 0.2 ? ':dedent: 6' : ':dedent: 2')));
        },
        () => write(`reuse/setup-${Math.floor(rnd() * 20)}.rst`, `.. literalinclude:: /${pick(tasks)}\n   :start-after: [docs:step-${Math.floor(rnd() * 40)}]\n   :end-before: [docs:step-${Math.floor(rnd() * 40)}-end]\n`),
      ];
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) pick(EDITS)();
      const scoped = await runReview(tree, ['--base', 'HEAD']);
      const all = await runReview(tree, ['--base', 'HEAD', '--all-pages']);
      expect(scoped.stdout).toBe(all.stdout);
    });
  }

  for (const [what, change] of CHANGES) {
    it(`gives the report of a review of every page: ${what}`, async () => {
      git(tree, 'checkout', '-q', '--', '.');
      git(tree, 'clean', '-qfd');
      change();
      const scoped = await runReview(tree, ['--base', 'HEAD']);
      const all = await runReview(tree, ['--base', 'HEAD', '--all-pages']);
      expect(scoped.stdout).toBe(all.stdout);
      expect(scoped.code).toBe(all.code);
      const report = JSON.parse(all.stdout) as { summary: { snippetsChanged: number; newErrors: number; newWarnings: number; fixed: number } };
      // Every change here shows in the report (the comparison is not between two empty reports).
      const s = report.summary;
      expect(s.snippetsChanged + s.newErrors + s.newWarnings + s.fixed).toBeGreaterThan(0);
    });
  }
});
