// `docsnip check --changed FILES`: only the pages the changed files affect.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { check } from '../src/check.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

async function run(argv: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv, cwd, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

describe('check --changed on the fixture tutorial', () => {
  const json = async (...files: string[]) => {
    const r = await run(['check', '--format', 'json', '--changed', ...files]);
    expect(r.stderr).toBe('');
    return { code: r.code, out: JSON.parse(r.stdout) as { summary: Record<string, number>; diagnostics: { file: string; ruleId: string }[] } };
  };

  it('a changed task.yaml checks the page that shows it (with its fragment) and the task\'s own markers', async () => {
    const { code, out } = await json('fixtures/tutorial/tutorial/code/fastapi/task.yaml');
    expect(code).toBe(0);
    expect(out.summary).toEqual({ files: 2, directives: 29, errors: 0, warnings: 2 });
    expect(out.diagnostics.map((d) => d.ruleId)).toEqual(['marker-unused', 'marker-unused']);
  });

  it('a changed fragment checks the pages that include it; a changed page checks itself', async () => {
    expect((await json('fixtures/tutorial/reuse/tutorial/setup_edge.rst')).out.summary.files).toBe(2);
    expect((await json('fixtures/tutorial/index.rst')).out.summary).toEqual({ files: 1, directives: 0, errors: 0, warnings: 0 });
  });

  it('a file no page reads affects nothing, and a broken one is reported', async () => {
    expect((await json('fixtures/tutorial/tutorial/code/fastapi/nothing-reads-this.txt')).out.summary).toEqual({ files: 0, directives: 0, errors: 0, warnings: 0 });
    const broken = await json('fixtures/broken/marker-renamed/tutorial/code/fastapi/task.yaml');
    expect(broken.code).toBe(1);
    expect(broken.out.diagnostics.map((d) => d.ruleId)).toContain('start-marker-not-found');
  });

  // As in Sphinx, every path in a fragment resolves from the page that includes it.
  it('finds pages through chains of fragments, and a changed conf.py checks every page', () => {
    const fs = new MemoryFileSystem({
      '/d/conf.py': '',
      '/d/index.rst': 'I\n=\n\n.. include:: parts/outer.rst\n',
      '/d/other.rst': 'O\n=\n\nNo includes.\n',
      '/d/parts/outer.rst': '.. include:: parts/inner.rst\n',
      '/d/parts/inner.rst': '.. literalinclude:: data/cmds.sh\n',
      '/d/data/cmds.sh': 'echo hi\n',
    });
    const pages = (changed: string[]) => check({ fs, root: '/d', cwd: '/d', gitignore: false, changed }).project.pages.map((p) => p.page);
    expect(pages(['/d/data/cmds.sh'])).toEqual(['/d/index.rst']);
    expect(pages(['/d/conf.py'])).toEqual(['/d/index.rst', '/d/other.rst']);
    expect(pages(['/d/data/gone.sh'])).toEqual([]);
  });

  it('with a changed conf.py, the other changed files still get the marker checks', () => {
    // The task sits outside the source directory, so only the list of changed files brings it in.
    const fs = new MemoryFileSystem({
      '/r/docs/conf.py': '',
      '/r/docs/index.rst': 'I\n=\n',
      '/r/spread/task.yaml': 'execute: |\n  # [docs:pack]\n  rockcraft pack\n',
    });
    const rules = (changed: string[]) => check({ fs, root: '/r/docs', cwd: '/r', gitignore: false, changed }).diagnostics.map((d) => `${d.file} ${d.ruleId}`);
    expect(rules(['/r/spread/task.yaml'])).toEqual(['spread/task.yaml marker-unpaired']);
    expect(rules(['/r/docs/conf.py', '/r/spread/task.yaml'])).toEqual(['spread/task.yaml marker-unpaired']);
  });

  it('reads only the documents that may name a changed file, even when every task is called task.yaml', () => {
    const fs = new MemoryFileSystem({
      '/d/conf.py': '',
      '/d/a.rst': 'A\n=\n\n.. literalinclude:: /code/one/task.yaml\n',
      '/d/b.rst': 'B\n=\n\n.. literalinclude:: code/two/task.yaml\n',
      '/d/code/two/page.rst': 'C\n=\n\n.. literalinclude:: task.yaml\n',
      '/d/code/two/deeper/page.rst': 'D\n=\n\n.. literalinclude:: ../task.yaml\n',
      '/d/code/one/task.yaml': 'x\n',
      '/d/code/two/task.yaml': 'y\n',
    });
    const run = (file: string) => check({ fs, root: '/d', cwd: '/d', gitignore: false, changed: [file] }).project;
    const two = run('/d/code/two/task.yaml');
    expect(two.pages.map((p) => p.page)).toEqual(['/d/b.rst', '/d/code/two/deeper/page.rst', '/d/code/two/page.rst']);
    // a.rst names code/one/task.yaml: never read as a candidate.
    expect(two.changed?.candidates).toBe(3);
    expect(run('/d/code/one/task.yaml').pages.map((p) => p.page)).toEqual(['/d/a.rst']);
  });

  it('compares names as bytes, with the characters that may come before a path', () => {
    const pages: Record<string, string> = {
      // After a tab, a no-break space (its last UTF-8 byte, 0xA0), a quote, `<` or `(`: the name.
      tab: '\t../task.yaml',
      nbsp: '\u00a0../task.yaml',
      quote: "'./task.yaml",
      angle: '<two/task.yaml>',
      paren: '(two/task.yaml)',
      // After a letter, or another directory: not this file.
      letter: 'x../task.yaml',
      other: 'x/one/task.yaml',
      otherDots: 'x./task.yaml',
    };
    const files: Record<string, string> = { '/d/conf.py': '', '/d/code/two/task.yaml': 'y\n' };
    for (const [name, text] of Object.entries(pages)) files[`/d/code/two/sub/${name}.rst`] = `${name}\n${'='.repeat(name.length)}\n\n${text}\n`;
    const { project } = check({ fs: new MemoryFileSystem(files), root: '/d', cwd: '/d', gitignore: false, changed: ['/d/code/two/task.yaml'] });
    expect(project.changed?.candidates).toBe(5);
  });

  it('takes no other paths', async () => {
    const r = await run(['check', 'fixtures/tutorial', '--changed', 'x']);
    expect(r.code).toBe(2);
  });
});
