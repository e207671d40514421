// Work a run shares between directives: a literalinclude's outcome is worked
// out once per directory, argument and options, an included file is split
// once, and patterns are searched in the file's text. Sharing must never mix
// up directives that only look alike.

import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';
import type { LiteralIncludeResult } from '../src/project/page.js';
import { ResolveCache } from '../src/resolver/literalinclude.js';

const TASK = (word: string) => `execute: |\n  # [docs:a]\n  echo ${word}\n  # [docs:a-end]\n`;
const DIRECTIVE = (path: string, extra = '') =>
  `.. literalinclude:: ${path}\n   :start-after: [docs:a]\n   :end-before: [docs:a-end]\n   :dedent: 2\n${extra}`;

function run(files: Record<string, string>) {
  const result = check({ fs: new MemoryFileSystem({ '/r/conf.py': '', ...files }), root: '/r', cwd: '/r' });
  const shown = new Map<string, LiteralIncludeResult[]>();
  for (const page of result.project.pages) {
    shown.set(
      page.page.slice('/r/'.length),
      page.directives.filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude'),
    );
  }
  return { result, shown };
}

describe('shared literalinclude outcomes', () => {
  it('a relative path resolves from each page’s own directory, however alike the directives are', () => {
    const { shown } = run({
      '/r/a/page.rst': `A\n=\n\n${DIRECTIVE('task.yaml')}`,
      '/r/a/other.rst': `B\n=\n\n${DIRECTIVE('task.yaml')}`,
      '/r/b/page.rst': `C\n=\n\n${DIRECTIVE('task.yaml')}`,
      '/r/a/task.yaml': TASK('from-a'),
      '/r/b/task.yaml': TASK('from-b'),
    });
    const [a] = shown.get('a/page.rst')!;
    const [other] = shown.get('a/other.rst')!;
    const [b] = shown.get('b/page.rst')!;
    expect([a!.resolution!.text, other!.resolution!.text, b!.resolution!.text]).toEqual(['echo from-a\n', 'echo from-a\n', 'echo from-b\n']);
    expect([a!.target, b!.target]).toEqual(['/r/a/task.yaml', '/r/b/task.yaml']);
    // Two pages of one directory share the work; each keeps its own directive and place.
    expect(other!.resolution).toBe(a!.resolution);
    expect(other!.directive).not.toBe(a!.directive);
    expect(other!.page).toBe('/r/a/other.rst');
  });

  it('an absolute path is the same file from every directory', () => {
    const { shown } = run({
      '/r/a/page.rst': `A\n=\n\n${DIRECTIVE('/code/task.yaml')}`,
      '/r/b/c/page.rst': `B\n=\n\n${DIRECTIVE('/code/task.yaml')}`,
      '/r/code/task.yaml': TASK('shared'),
    });
    const [a] = shown.get('a/page.rst')!;
    const [b] = shown.get('b/c/page.rst')!;
    expect(a!.resolution!.text).toBe('echo shared\n');
    expect(b!.resolution).toBe(a!.resolution);
  });

  it('options that differ in any way are not shared', () => {
    const { shown } = run({
      '/r/a/page.rst': `A\n=\n\n${DIRECTIVE('task.yaml')}\n${DIRECTIVE('task.yaml', '   :prepend: # hi\n')}\n${DIRECTIVE('task.yaml').replace(':dedent: 2', ':dedent: 1')}`,
      '/r/a/task.yaml': TASK('x'),
    });
    expect(shown.get('a/page.rst')!.map((d) => d.resolution!.text)).toEqual(['echo x\n', '# hi\necho x\n', ' echo x\n']);
  });

  it('no option text can make two requests look alike (the key’s parts are length-prefixed)', () => {
    // The first request's one option spells out what a key joining names and values with separators would make of
    // the second one's two. (rST option values lose their NUL characters, as in docutils; MyST's keep them.)
    const request = (options: Record<string, string>) => ({ options, file: { path: '/r/t.txt', bytes: new Uint8Array() } });
    expect(ResolveCache.key(request({ 'start-after': 'a\u0000end-before\u0001b' }))).not.toBe(ResolveCache.key(request({ 'start-after': 'a', 'end-before': 'b' })));
    expect(ResolveCache.key(request({ 'start-after': 'a\u0000end-before\u0002b' }))).not.toBe(ResolveCache.key(request({ 'start-after': 'a', 'end-before': 'b' })));
  });

  it('a :caption: check names each directive’s own line', () => {
    const { shown } = run({
      '/r/a/page.rst': `A\n=\n\n${DIRECTIVE('task.yaml', '   :caption: ::\n')}\nText.\n\n${DIRECTIVE('task.yaml', '   :caption: ::\n')}`,
      '/r/a/task.yaml': TASK('x'),
    });
    // Sphinx's message gives the line after each directive's options (lines 4-8 and 12-16).
    expect(shown.get('a/page.rst')!.map((d) => d.resolution!.problems.map((p) => /page\.rst:(\d+)/.exec(p.message)?.[1]))).toEqual([['11'], ['19']]);
  });
});

describe('pattern search in the file’s text', () => {
  it('finds a pattern only within one line, as Sphinx does line by line', () => {
    // A value that runs over two lines of the option block holds a line break: no single line contains it.
    const { shown } = run({
      '/r/page.rst': 'A\n=\n\n.. literalinclude:: t.txt\n   :start-after: one\n      two\n',
      '/r/t.txt': 'zero\none\ntwo\nthree\n',
    });
    const [d] = shown.get('page.rst')!;
    expect(d!.options!['start-after']).toBe('one\ntwo');
    expect(d!.resolution!.ok).toBe(false);
    expect(d!.resolution!.problems.map((p) => p.message)).toEqual(['start-after pattern not found: one\ntwo']);
  });

  it('lists every line holding a pattern once, and ends on the first after the start', () => {
    const { shown } = run({
      '/r/page.rst': 'A\n=\n\n.. literalinclude:: t.txt\n   :start-after: mark\n   :end-before: mark\n',
      '/r/t.txt': 'a\nmark mark\nb\nmark\nc\nmark\n',
    });
    const [d] = shown.get('page.rst')!;
    expect(d!.resolution!.text).toBe('b\n');
    expect(d!.resolution!.matches.start).toMatchObject({ line: 2, all: [2, 4, 6] });
    expect(d!.resolution!.matches.end).toMatchObject({ line: 4, all: [4, 6] });
  });
});
