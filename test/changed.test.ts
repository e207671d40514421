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

  it('finds the same documents as a search of each name in turn, however many names there are', () => {
    // The rule, one name at a time: an occurrence of the name counts unless a slash comes right before it,
    // where the directory's own name (after a boundary) or `./` or `../` (after a boundary) must come first.
    const BOUNDARY = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x2f, 0x27, 0x22, 0x60, 0x3c, 0x28]);
    const bound = (b: number | undefined) => b !== undefined && BOUNDARY.has(b);
    const names = (t: Buffer, file: string): boolean => {
      const name = Buffer.from(file.slice(file.lastIndexOf('/') + 1));
      const dir = file.slice(0, file.lastIndexOf('/'));
      const parent = Buffer.from(dir.slice(dir.lastIndexOf('/') + 1));
      for (let at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + 1)) {
        if (at === 0 || t[at - 1] !== 0x2f) return true;
        const p = at - 1 - parent.length;
        if (p >= 0 && t.subarray(p, at - 1).equals(parent) && (p === 0 || bound(t[p - 1]))) return true;
        if (t[at - 2] === 0x2e && (at === 2 || bound(t[at - 3]))) return true;
        if (t[at - 2] === 0x2e && t[at - 3] === 0x2e && (at === 3 || bound(t[at - 4]))) return true;
      }
      return false;
    };
    let seed = 9;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const DIRS = ['a', 'b', 'one', 'two', 'é', 'x y'];
    // Names that end alike (one group each, of several lengths) and names that do not.
    const NAMES = ['task.yaml', 'spec.yaml', 'b.yaml', 'app.py', 'p.rst', 'page.rst', 'é.md', 'x.txt', 'a'];
    const PIECES = ['/', './', '../', ' ', '	', '(', '<', 'x', 'é', ' ', ...DIRS, ...NAMES];
    for (let round = 0; round < 100; round++) {
      const files: Record<string, string> = { '/d/conf.py': '' };
      const docs: string[] = [];
      for (let k = 0; k < 12; k++) {
        const doc = `/d/${pick(DIRS)}/${pick(['p', 'page', 'q', 'é'])}${k}.rst`;
        files[doc] = `T\n=\n\n${Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pick(PIECES)).join('')}\n`;
        docs.push(doc);
      }
      const changed = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => `/d/${pick(DIRS)}/${pick(NAMES)}`);
      // The closure: documents that name a changed file, then those that name one of those, and so on.
      const expected = new Set(changed.filter((f) => f in files));
      for (let grew = true; grew; ) {
        grew = false;
        for (const doc of Object.keys(files).filter((f) => f.endsWith('.rst'))) {
          if (expected.has(doc)) continue;
          if ([...changed, ...expected].some((f) => names(Buffer.from(files[doc]!), f))) {
            expected.add(doc);
            grew = true;
          }
        }
      }
      const { project } = check({ fs: new MemoryFileSystem(files), root: '/d', cwd: '/d', gitignore: false, changed });
      expect(project.changed?.candidates, JSON.stringify({ files, changed })).toBe(expected.size);
    }
  });

  it('takes no other paths', async () => {
    const r = await run(['check', 'fixtures/tutorial', '--changed', 'x']);
    expect(r.code).toBe(2);
  });
});
