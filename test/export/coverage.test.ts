// `docsnip coverage` on the fixture tutorial. Every figure below was counted
// by hand from fixtures/tutorial (the page, its fragment and task.yaml).

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { NodeFileSystem } from '../../src/core/fs-node.js';
import { coverageProject, coverageReport } from '../../src/export/run.js';
import { MemoryFileSystem } from '../../src/core/fs-memory.js';
import { main } from '../../src/cli/main.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = `${repo}fixtures/tutorial`;

describe('coverage of the fixture tutorial', () => {
  const report = coverageReport(check({ fs: new NodeFileSystem(), root, cwd: root, gitignore: false }));
  const page = report.pages.find((p) => p.page.endsWith('kubernetes-charm-fastapi.rst'))!;

  it('counts the shell steps of the page', () => {
    // 29 literalincludes: 7 write files (6 captions, 1 dropdown title), 22 show task.yaml's execute.
    // Inline: 3 code blocks in the reused fragment, 14 on the page, 2 terminal blocks.
    expect([page.steps, page.tested, page.included, page.inline, page.percent]).toEqual([41, 22, 0, 19, 53.7]);
    expect(report.summary).toEqual({ steps: 41, tested: 22, included: 0, inline: 19, percent: 53.7 });
    expect(page.detail.filter((d) => d.status === 'inline').map((d) => `${d.source.split('/').pop()}:${d.line}`)).toEqual([
      'setup_edge.rst:22', 'setup_edge.rst:32', 'setup_edge.rst:43',
      'kubernetes-charm-fastapi.rst:69', 'kubernetes-charm-fastapi.rst:122', 'kubernetes-charm-fastapi.rst:173',
      'kubernetes-charm-fastapi.rst:179', 'kubernetes-charm-fastapi.rst:295', 'kubernetes-charm-fastapi.rst:405',
      'kubernetes-charm-fastapi.rst:425', 'kubernetes-charm-fastapi.rst:459', 'kubernetes-charm-fastapi.rst:568',
      'kubernetes-charm-fastapi.rst:574', 'kubernetes-charm-fastapi.rst:588', 'kubernetes-charm-fastapi.rst:723',
      'kubernetes-charm-fastapi.rst:731', 'kubernetes-charm-fastapi.rst:740', 'kubernetes-charm-fastapi.rst:752',
      'kubernetes-charm-fastapi.rst:758',
    ]);
  });

  it('lists the commands task.yaml runs that no page shows', () => {
    expect(report.tasks).toHaveLength(1);
    const task = report.tasks[0]!;
    // execute holds 72 commands (lines joined by a trailing backslash); 36 are shown.
    expect([task.commands, task.shown]).toEqual([72, 36]);
    expect(task.hidden.map((h) => h.line)).toEqual([
      27, 28, 31, 44, 45, 46, 52, 53, 60, 66, 82, 104, 117, 119, 123, 124, 125, 134, 135, 144, 146, 152, 156, 157, 158, 159,
      168, 169, 183, 185, 187, 189, 194, 198, 199, 203,
    ]);
    expect(task.hidden.find((h) => h.line === 28)).toEqual({
      line: 28,
      endLine: 30,
      text: 'cp requirements.txt app.py greeting_app.py visitors_app.py visitors_migrate.py greeting_charmcraft.yaml visitors_charmcraft.yaml "$HOME/fastapi-hello-world/"',
    });
  });

  it('--min fails below the threshold, and --format json carries the same figures', async () => {
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await main({ argv: ['coverage', 'fixtures/tutorial', ...args], cwd: repo, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
      return { code, stdout, stderr };
    };
    expect((await run(['--min', '50'])).code).toBe(0);
    const low = await run(['--min', '60']);
    expect(low.code).toBe(1);
    expect(low.stderr).toBe('docsnip: 53.7% of shell steps are tested, below --min 60\n');
    const json = JSON.parse((await run(['--format', 'json'])).stdout);
    expect(json.summary).toEqual({ steps: 41, tested: 22, included: 0, inline: 19, percent: 53.7 });
    expect(json.tasks[0]).toMatchObject({ file: 'fixtures/tutorial/tutorial/code/fastapi/task.yaml', commands: 72, shown: 36 });
    expect((await run(['--min', '101'])).code).toBe(2);
  });
});

describe('coverage of a run that drops its pages', () => {
  const TASK = 'execute: |\n  # [docs:a]\n  echo a\n  # [docs:a-end]\n  # [docs:b]\n  echo b\n  # [docs:b-end]\n  echo hidden\n';
  const PAGE = (title: string, marker: string) =>
    `${title}\n${'='.repeat(title.length)}\n\n.. literalinclude:: ../code/task.yaml\n   :language: bash\n   :start-after: [docs:${marker}]\n   :end-before: [docs:${marker}-end]\n   :dedent: 2\n\n.. code-block:: bash\n\n   echo inline\n`;
  const files = {
    '/r/conf.py': '',
    '/r/one/page.rst': PAGE('One', 'a'),
    '/r/two/page.rst': PAGE('Two', 'b'),
    '/r/code/task.yaml': TASK,
  };
  const opts = (paths?: string[]) => ({ fs: new MemoryFileSystem(files), root: '/r', cwd: '/r', ...(paths ? { paths } : {}) });

  it('gives the report of a run that keeps them, for the whole tree and for some pages', () => {
    for (const paths of [undefined, ['/r/one/page.rst'], ['/r/two']]) {
      expect(coverageProject(opts(paths))).toEqual(coverageReport(check({ ...opts(paths), everyDocument: true })));
    }
  });

  it('sees each analysed document once (onAnalysed), even a page read again because it includes a selected fragment', () => {
    const seen: string[] = [];
    const checked: string[] = [];
    const fs = new MemoryFileSystem({ ...files, '/r/one/page.rst': `${PAGE('One', 'a')}\n.. include:: part.rst\n`, '/r/one/part.rst': 'Part.\n' });
    // Every document (`everyDocument`), as coverage reads them: page two is analysed though it is not checked.
    const result = check({ fs, root: '/r', cwd: '/r', paths: ['/r/one/part.rst'], everyDocument: true, retain: false, onAnalysed: (p) => seen.push(p.page), onPage: (p) => checked.push(p.page) });
    expect(result.checked).toEqual(['/r/one/page.rst']);
    expect(seen.sort()).toEqual(['/r/one/page.rst', '/r/one/part.rst', '/r/two/page.rst']);
    expect(checked).toEqual(['/r/one/part.rst', '/r/one/page.rst']);
  });

  it('counts the lines a page outside the selection shows', () => {
    // Checking only page one: task.yaml's `echo b` is still shown (by page two, analysed but not checked).
    const report = coverageProject(opts(['/r/one/page.rst']));
    expect(report.pages.map((p) => p.page)).toEqual(['/r/one/page.rst']);
    expect(report.tasks).toEqual([{ file: '/r/code/task.yaml', commands: 3, shown: 2, hidden: [{ line: 8, endLine: 8, text: 'echo hidden' }] }]);
  });
});
