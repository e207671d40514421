// The MyST translation of the bundled tutorial (fixtures/tutorial-myst) against
// the reStructuredText original (fixtures/tutorial): docsnip resolves both to
// the same snippets, Sphinx built the same snippets from both (the committed
// golden files of test/oracle/sphinx.test.ts), and the remark plugin puts
// Sphinx's text into the Markdown tree.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import type { Code, Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { NodeFileSystem } from '../src/core/fs-node.js';
import { resolveProject } from '../src/resolve.js';
import { remarkDocsnip } from '../src/unified.js';
import { readGolden } from './support/suites.js';

const rstRoot = fileURLToPath(new URL('../fixtures/tutorial/', import.meta.url)).replace(/\/$/, '');
const mystRoot = fileURLToPath(new URL('../fixtures/tutorial-myst/', import.meta.url)).replace(/\/$/, '');

function resolved(root: string) {
  return resolveProject({ fs: new NodeFileSystem(), root, cwd: root, gitignore: false }).directives;
}

/** What a reader sees of a snippet. */
const shape = (d: ReturnType<typeof resolved>[number]) => ({ ok: d.ok, text: d.text, language: d.language, lineStart: d.lineStart });

describe('the MyST tutorial', () => {
  const rst = resolved(rstRoot);
  const myst = resolved(mystRoot);

  it('has the 29 literalincludes of the rST tutorial, all resolved', () => {
    expect(rst).toHaveLength(29);
    expect(myst).toHaveLength(29);
    expect(myst.every((d) => d.ok && d.diagnostics.every((x) => x.severity !== 'error'))).toBe(true);
  });

  it('resolves to exactly the texts of the rST tutorial, in the same order', () => {
    expect(myst.map(shape)).toEqual(rst.map(shape));
  });

  it('was built by Sphinx (with MyST-Parser) into the same blocks as the rST tutorial', () => {
    const a = readGolden('5.3.0', 'tutorial').blocks;
    const b = readGolden('5.3.0', 'tutorial-myst').blocks;
    expect(b.map((x) => [x.text, x.language, x.linenos, x.caption])).toEqual(a.map((x) => [x.text, x.language, x.linenos, x.caption]));
  });
});

describe('remarkDocsnip on the MyST tutorial', () => {
  it('replaces every {literalinclude} fence of the page with a code node holding the text Sphinx built', async () => {
    const path = `${mystRoot}/tutorial/kubernetes-charm-fastapi.md`;
    const file = new VFile({ path, value: readFileSync(path, 'utf8') });
    const processor = unified().use(remarkParse).use(remarkDocsnip, { root: mystRoot });
    const tree = (await processor.run(processor.parse(file), file)) as Root;
    const codes: Code[] = [];
    const walk = (n: Node): void => {
      if (n.type === 'code' && (n as Code).data && 'docsnip' in (n as Code).data!) codes.push(n as Code);
      if ('children' in n) for (const c of (n as Parent).children) walk(c);
    };
    walk(tree);
    // Blocks of the page itself: the fragment it includes through {eval-rst} stays rST.
    const blocks = readGolden('5.3.0', 'tutorial-myst').blocks.filter((b) => b.doc === 'tutorial/kubernetes-charm-fastapi.md');
    expect(blocks.length).toBeGreaterThan(20);
    // mdast code values carry no final line break; Sphinx's text has one.
    expect(codes.map((c) => [c.value + '\n', c.lang ?? null, c.position!.start.line])).toEqual(blocks.map((b) => [b.text, b.language, b.line]));
    expect(codes.map((c) => c.meta)).toEqual(blocks.map((b) => (b.caption === null ? null : `title=${JSON.stringify(b.caption)}`)));
    expect(file.messages.filter((m) => m.fatal)).toEqual([]);
  });
});
