// `docsnip export --format spread`: a spread task whose execute runs the page's
// steps between markers. Read back through docsnip's own readers (the spread
// task parser, the marker finder and the literalinclude resolver), it gives
// the same steps.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { MemoryFileSystem } from '../../src/core/fs-memory.js';
import { NodeFileSystem } from '../../src/core/fs-node.js';
import { exportPage, exportProject } from '../../src/export/run.js';
import { collectSteps } from '../../src/export/steps.js';
import { stepScript } from '../../src/export/script.js';
import { resolveProject } from '../../src/resolve.js';
import { parseTask } from '../../src/spread/task.js';
import { DEFAULT_MARKER_PATTERN, findMarkers, groupMarkers } from '../../src/markers/markers.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const root = `${repo}fixtures/tutorial`;
const pagePath = `${root}/tutorial/kubernetes-charm-fastapi.rst`;

describe('export --format spread', () => {
  const result = check({ fs: new NodeFileSystem(), root, cwd: root, gitignore: false, paths: [pagePath] });
  const display = (p: string) => p.slice(root.length + 1);
  const exported = exportPage(result, { page: pagePath, format: 'spread', display, scriptPath: display });
  const original = collectSteps(result.project.pages[0]!, { lines: (f) => readFileSync(f, 'utf8').split('\n') }).steps;
  if (!exported.ok) throw new Error(exported.message);
  const task = exported.text;

  it('is a spread task with one execute script and a marker pair per step', () => {
    const parsed = parseTask(task);
    expect(parsed.errors).toEqual([]);
    expect(parsed.sections.map((s) => s.key)).toEqual(['summary', 'execute']);
    const groups = groupMarkers(findMarkers(task.split('\n'), new RegExp(DEFAULT_MARKER_PATTERN, 'u')));
    expect(groups.length).toBe(exported.steps);
    expect(groups.every((g) => g.starts.length === 1 && g.ends.length === 1)).toBe(true);
  });

  it('read back with literalincludes of its markers, gives the same steps', () => {
    const names = [...task.matchAll(/# \[docs:([^\]]+?)\]$/gm)].map((m) => m[1]!).filter((n) => !n.endsWith('-end'));
    const page = ['Round trip', '==========', '', ...names.flatMap((n) => [
      `.. literalinclude:: task.yaml`, `   :language: bash`, `   :start-after: [docs:${n}]`, `   :end-before: [docs:${n}-end]`, `   :dedent: 2`, '',
    ])].join('\n');
    const fs = new MemoryFileSystem({ '/t/conf.py': '', '/t/index.rst': page, '/t/task.yaml': task });
    const back = resolveProject({ fs, root: '/t', cwd: '/t', gitignore: false }).directives;
    expect(back.every((d) => d.ok)).toBe(true);
    // Each region holds the step's shell lines: its commands, or the here-document that writes its file.
    expect(back.map((d) => d.text)).toEqual(original.map((s) => stepScript(s)));
  });
});

describe('export of a run that keeps only the page', () => {
  const TASK = 'execute: |\n  # [docs:a]\n  echo a\n  # [docs:a-end]\n';
  const files = {
    '/r/conf.py': '',
    '/r/one/page.rst': 'One\n===\n\n.. include:: part.rst\n\n.. literalinclude:: ../code/task.yaml\n   :language: bash\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n   :dedent: 2\n',
    '/r/one/part.rst': '.. code-block:: bash\n\n   echo part\n',
    '/r/two/page.rst': 'Two\n===\n\n.. literalinclude:: ../code/task.yaml\n   :language: bash\n   :start-after: [docs:gone]\n   :end-before: [docs:a-end]\n',
    '/r/code/task.yaml': TASK,
  };
  const display = (p: string) => p.slice('/r/'.length);
  const cases: [string, string][] = [
    ['a page', '/r/one/page.rst'],
    ['a fragment', '/r/one/part.rst'],
    ['a page whose literalinclude is broken', '/r/two/page.rst'],
    ['no document', '/r/code/missing.rst'],
  ];
  for (const [what, page] of cases) {
    it(`gives what exportPage gives for ${what}`, () => {
      const opts = { fs: new MemoryFileSystem(files), root: '/r', cwd: '/r', paths: [page] };
      const options = { page, format: 'bash' as const, display, scriptPath: display };
      const kept = exportPage(check(opts), options);
      expect(exportProject(opts, options)).toEqual(kept);
      if (what === 'a page') expect(kept).toMatchObject({ ok: true, steps: 2 });
      if (what === 'a fragment') expect(kept).toMatchObject({ ok: false, usage: true, message: expect.stringContaining('is included by other pages') });
      if (what === 'a page whose literalinclude is broken') expect(kept).toMatchObject({ ok: false, usage: false, diagnostics: [{ ruleId: 'start-marker-not-found' }] });
      if (what === 'no document') expect(kept).toMatchObject({ ok: false, usage: true, message: expect.stringContaining('not a page of this Sphinx project') });
    });
  }
});
