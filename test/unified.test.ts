/** The unified plugins: remark resolution, the rST parser plugin and the lint plugin. */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import type { Code, Root } from 'mdast';
import { MemoryFileSystem } from '../src/core/fs-memory.js';
import { docsnipLint, docsnipRst, remarkDocsnip, type DirectiveRoot } from '../src/unified.js';

const task = 'summary: t\nexecute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n';
const fs = new MemoryFileSystem({ '/docs/conf.py': "extensions = ['myst_parser']\n", '/docs/code/task.yaml': task });

const page = [
  '# Pack',
  '',
  '```{literalinclude} code/task.yaml',
  ':language: bash',
  ':caption: Pack the rock',
  ':start-after: "[docs:pack]"',
  ':end-before: "[docs:pack-end]"',
  ':dedent: 2',
  '```',
  '',
  '```{literalinclude} code/task.yaml',
  ':start-after: "[docs:pak]"',
  '```',
  '',
].join('\n');

describe('remarkDocsnip', () => {
  it('replaces resolved literalincludes with code nodes and reports the rest as messages', async () => {
    const processor = unified().use(remarkParse).use(remarkDocsnip, { fs });
    const file = new VFile({ path: '/docs/page.md', value: page });
    const tree = (await processor.run(processor.parse(file), file)) as Root;
    const codes = tree.children.filter((n): n is Code => n.type === 'code');
    expect(codes.map((c) => [c.lang, c.meta, c.value])).toEqual([
      ['bash', 'title="Pack the rock"', 'rockcraft pack'],
      ['{literalinclude}', 'code/task.yaml', ':start-after: "[docs:pak]"'],
    ]);
    expect(file.messages.map((m) => [m.ruleId, m.source, m.line, m.column, m.fatal, m.url])).toEqual([
      ['start-marker-not-found', 'docsnip', 12, 15, true, 'https://github.com/docsnip/docsnip/blob/main/docs/rules/start-marker-not-found.md'],
    ]);
  });
});

describe('docsnipRst', () => {
  it('parses reStructuredText into a tree of directives with positions', () => {
    const text = '.. dropdown:: Code\n\n   .. literalinclude:: app.py\n      :lines: 1-2\n\n.. note:: hi\n';
    const tree = unified().use(docsnipRst).parse(new VFile({ path: 'x.rst', value: text })) as DirectiveRoot;
    expect(tree.type).toBe('root');
    expect(tree.children.map((n) => [n.name, n.position.start.line, n.children.map((c) => c.name)])).toEqual([
      ['dropdown', 1, ['literalinclude']],
      ['note', 6, []],
    ]);
    const inner = tree.children[0]!.children[0]!;
    expect(inner).toMatchObject({ argument: 'app.py', options: [{ name: 'lines', value: '1-2', position: { start: { line: 4, column: 7 } } }] });
  });

  it('reads .md files as MyST', () => {
    const tree = unified().use(docsnipRst).parse(new VFile({ path: 'x.md', value: ':::{note}\n```{literalinclude} a.txt\n```\n:::\n' })) as DirectiveRoot;
    expect(tree.children.map((n) => [n.name, n.children.map((c) => c.name)])).toEqual([['note', ['literalinclude']]]);
  });
});

describe('docsnipLint', () => {
  it('adds docsnip findings to the file as lint messages', async () => {
    const processor = unified().use(docsnipRst).use(docsnipLint, { fs });
    const file = new VFile({ path: '/docs/page.rst', value: 'Page\n====\n\n.. literalinclude:: code/task.yml\n' });
    await processor.run(processor.parse(file), file);
    expect(file.messages.map((m) => [m.ruleId, m.source, m.line, m.column, m.fatal, m.reason])).toEqual([
      ['include-file-missing', 'docsnip', 4, 21, true, 'Included file `code/task.yml` not found; did you mean `code/task.yaml`?'],
    ]);
  });
});
