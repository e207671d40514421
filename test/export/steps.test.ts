// The parts of `docsnip export`: which blocks are steps, how they are written
// out, and how the command behaves on bad input.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { MemoryFileSystem } from '../../src/core/fs-memory.js';
import { captionPath, collectSteps, selectSteps, sessionCommands, type StepOptions } from '../../src/export/steps.js';
import { heredocDelimiter, shellPath, shellQuote, writeFile } from '../../src/export/script.js';
import { main } from '../../src/cli/main.js';

const TASK = 'execute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n  # [docs:deploy]\n  juju deploy ./app.charm\n  # [docs:deploy-end]\n';

function steps(files: Record<string, string>, page: string, options: StepOptions = {}) {
  const fs = new MemoryFileSystem({ '/d/conf.py': "extensions = ['myst_parser']\n", '/d/task.yaml': TASK, ...files });
  const result = check({ fs, root: '/d', cwd: '/d', gitignore: false });
  const p = result.project.pages.find((x) => x.page === page)!;
  return collectSteps(p, { lines: (f) => (files[f] ?? '').split('\n'), ...options });
}
const brief = (r: ReturnType<typeof steps>) => r.steps.map((s) => `${s.kind}:${s.origin}:${s.line} ${JSON.stringify(s.text)}${s.path ? ` -> ${s.append ? '>>' : '>'}${s.path}` : ''}`);

describe('what a step is', () => {
  it('captions that name a file', () => {
    expect(['~/app/app.py', 'charm/src/charm.py', 'app.py', '/etc/hosts', './run.sh'].map(captionPath)).toEqual(['~/app/app.py', 'charm/src/charm.py', 'app.py', '/etc/hosts', './run.sh']);
    expect(['Pack the rock', 'README', 'a b.py', 'app.py:', undefined].map(captionPath)).toEqual([null, null, null, null, null]);
  });

  it('terminal sessions: prompt lines are commands, continuations follow them, the rest is output', () => {
    expect(sessionCommands(['$ juju status', 'Model  Controller', '# apt update', '$ echo a \\', '  b', 'a b', '$', '> not a prompt'])).toEqual([
      'juju status', 'apt update', 'echo a \\', '  b',
    ]);
  });

  const rst = [
    'Title', '=====', '',
    'Part one', '--------', '',
    '.. literalinclude:: task.yaml', '   :language: bash', '   :start-after: [docs:pack]', '   :end-before: [docs:pack-end]', '   :dedent: 2', '',
    '.. code-block:: console', '', '   $ juju status', '   Model  Controller', '',
    '.. terminal::', '   :input: juju status', '', '   output', '   :input: juju models', '',
    '.. code-block:: yaml', '', '   not: a step', '',
    '.. code-block:: text', '', '   ls', '',
    'Part two', '--------', '',
    'Go to the project with ``cd app`` first.', '',
    '.. docsnip-export: skip', '.. code-block:: bash', '', '   juju status --watch 5s', '',
    'Add this to the end of the file:', '',
    '.. literalinclude:: task.yaml', '   :caption: ~/app/notes.txt', '   :lines: 2', '',
    '.. docsnip-export: write', '.. literalinclude:: task.yaml', '   :caption: notes.txt', '   :lines: 3', '',
    '.. literalinclude:: task.yaml', '   :language: bash', '   :start-after: [docs:deploy]', '   :end-before: [docs:deploy-end]', '   :dedent: 2', '',
  ].join('\n');

  it('reStructuredText: literalincludes, code blocks, terminal inputs, prose cd, files, in reading order', () => {
    expect(brief(steps({ '/d/index.rst': rst }, '/d/index.rst'))).toEqual([
      'command:literalinclude:7 "rockcraft pack\\n"',
      'command:code-block:13 "juju status\\n"',
      'command:terminal:18 "juju status\\njuju models\\n"',
      'command:prose:35 "cd app\\n"',
      'file:literalinclude:44 "  # [docs:pack]\\n" -> >>~/app/notes.txt',
      'file:literalinclude:49 "  rockcraft pack\\n" -> >notes.txt',
      'command:literalinclude:53 "juju deploy ./app.charm\\n"',
    ]);
  });

  it('--include-text takes text blocks; --only-included keeps literalincludes (and the prose cd)', () => {
    expect(brief(steps({ '/d/index.rst': rst }, '/d/index.rst', { includeText: true }))).toContain('command:code-block:28 "ls\\n"');
    expect(brief(steps({ '/d/index.rst': rst }, '/d/index.rst', { onlyIncluded: true })).map((s) => s.split(' ')[0])).toEqual([
      'command:literalinclude:7', 'command:prose:35', 'file:literalinclude:44', 'file:literalinclude:49', 'command:literalinclude:53',
    ]);
  });

  it('MyST: code fences, {code-block}, prose `cd`', () => {
    const md = ['# Title', '', 'Run `cd app` then:', '', '```bash', 'make', '```', '', '```{code-block} console', '$ make test', 'ok', '```', '', '```python', 'print()', '```', '', '<!-- docsnip-export: skip -->', '```bash', 'make watch', '```', '', '% docsnip-export: skip', '```bash', 'make serve', '```', ''].join('\n');
    expect(brief(steps({ '/d/index.md': md }, '/d/index.md'))).toEqual([
      'command:prose:3 "cd app\\n"',
      'command:fence:5 "make\\n"',
      'command:code-block:9 "make test\\n"',
    ]);
  });

  it('a literalinclude the script needs but Sphinx would drop is a problem', () => {
    const page = 'T\n=\n\n.. literalinclude:: task.yaml\n   :language: bash\n   :start-after: [docs:pak]\n';
    const r = steps({ '/d/index.rst': page }, '/d/index.rst');
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [4, "a step of the tutorial, but Sphinx renders no block for it: start-after pattern not found: [docs:pak]"],
    ]);
  });

  it('selects a section (with its subsections) or a span between markers', () => {
    const all = steps({ '/d/index.rst': rst }, '/d/index.rst').steps;
    expect(selectSteps(all, { section: 'part two' }).steps.map((s) => s.line)).toEqual([35, 44, 49, 53]);
    expect(selectSteps(all, { section: 'Title' }).steps).toHaveLength(7);
    expect(selectSteps(all, { from: 'pack', to: '[docs:deploy]' }).steps.map((s) => s.line)).toEqual([7, 13, 18, 35, 44, 49, 53]);
    expect(selectSteps(all, { from: 'docs:deploy' }).steps.map((s) => s.line)).toEqual([53]);
    expect(selectSteps(all, { section: 'Nope' }).problem).toBe('no step sits under a section titled "Nope"');
    expect(selectSteps(all, { to: 'nope' }).problem).toBe('no literalinclude step uses the marker "nope"');
  });
});

describe('shell text', () => {
  it('quotes words and paths', () => {
    expect(shellQuote('plain/path.txt')).toBe('plain/path.txt');
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    expect(shellPath('~/my app/x.py')).toBe(`"$HOME"/'my app/x.py'`);
  });

  it('writes files byte for byte, with a delimiter the content cannot end early', () => {
    expect(heredocDelimiter('a\nDOCSNIP_EOF\nDOCSNIP_EOF_2\n')).toBe('DOCSNIP_EOF_3');
    expect(writeFile('~/a/b.txt', 'x\n')).toBe(`mkdir -p "$HOME"/a\ncat > "$HOME"/a/b.txt <<'DOCSNIP_EOF'\nx\nDOCSNIP_EOF\n`);
    expect(writeFile('b.txt', 'no newline', true)).toBe(`printf '%s' 'no newline' >> b.txt\n`);
  });
});

describe('docsnip export on bad input', () => {
  const run = async (argv: string[], files: Record<string, string>) => {
    const fs = new MemoryFileSystem({ '/d/conf.py': '', '/d/task.yaml': TASK, ...files });
    let stdout = '';
    let stderr = '';
    const code = await main({ argv, cwd: '/d', env: {}, fs, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
    return { code, stdout, stderr };
  };
  const good = 'T\n=\n\n.. include:: part.rst\n\n.. literalinclude:: task.yaml\n   :language: bash\n   :start-after: [docs:pack]\n   :end-before: [docs:pack-end]\n';

  it('refuses a fragment, naming the page to export instead', async () => {
    const r = await run(['export', 'part.rst'], { '/d/index.rst': good, '/d/part.rst': 'Hi.\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('docsnip: part.rst is included by other pages, not a page of its own: export the page that includes it\n');
  });

  it('refuses a page whose steps do not resolve, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-export-out-'));
    const out = join(dir, 'out.sh');
    const r = await run(['export', 'index.rst', '--output', out], { '/d/index.rst': good.replace('[docs:pack]', '[docs:pak]'), '/d/part.rst': 'Hi.\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("cannot export index.rst:\nindex.rst:6: a step of the tutorial, but Sphinx renders no block for it: start-after pattern not found: [docs:pak]\n");
    expect(r.stderr).toContain('[start-marker-not-found]');
    expect(existsSync(out)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs nothing and writes only --output, replacing it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-export-out-'));
    const out = join(dir, 'out.sh');
    writeFileSync(out, 'old\n');
    const page = `${good}\n.. code-block:: bash\n\n   touch '${dir}/ran' $(touch '${dir}/ran2')\n`;
    const r = await run(['export', 'index.rst', '--output', out], { '/d/index.rst': page, '/d/part.rst': 'Hi.\n' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(readFileSync(out, 'utf8')).toContain(`touch '${dir}/ran' $(touch '${dir}/ran2')\n`);
    expect(readdirSync(dir)).toEqual(['out.sh']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a script with the shell options asked for', async () => {
    const r = await run(['export', 'index.rst', '--pipefail', '--trace'], { '/d/index.rst': good, '/d/part.rst': 'Hi.\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(4, 7)).toEqual(['set -eu', 'set -o pipefail', 'set -x']);
    expect(r.stdout).toContain('# index.rst:6 <- task.yaml:3\n  rockcraft pack\n');
  });

  it('an unknown section is a usage error', async () => {
    const r = await run(['export', 'index.rst', '--section', 'Nope'], { '/d/index.rst': good, '/d/part.rst': 'Hi.\n' });
    expect([r.code, r.stderr]).toEqual([2, 'docsnip: no step sits under a section titled "Nope"\n']);
  });
});
