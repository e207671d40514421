/**
 * docsnip in unified pipelines (`import … from 'docsnip/unified'`).
 *
 * - `remarkDocsnip`: a remark plugin that replaces every MyST
 *   ```` ```{literalinclude} ```` fence with a plain code block holding the
 *   text Sphinx would render, and reports problems as vfile messages.
 * - `docsnipRst`: a parser plugin that reads reStructuredText (or MyST, for
 *   `.md` files) into a unist tree of directives with positions.
 * - `docsnipLint`: a plugin that runs docsnip's rules on the file and adds
 *   their findings as messages, the way remark-lint rules do.
 *
 * Every plugin reads the files a document includes through a `FileSystem`
 * (the real disk by default); the document itself is the vfile's value.
 */
import { posix } from 'node:path';
import type { Plugin, Processor } from 'unified';
import type { Code, Root as MdastRoot } from 'mdast';
import type { Node, Parent, Position } from 'unist';
import type { VFile } from 'vfile';
import { check } from './check.js';
import { mystParserIsLegacy } from './config/config.js';
import type { Diagnostic } from './core/diagnostic.js';
import type { FileSystem } from './core/fs.js';
import { NodeFileSystem } from './core/fs-node.js';
import { OverlayFileSystem } from './core/fs-overlay.js';
import { findSphinxRoot } from './project/root.js';
import { isMarkdown, type LiteralIncludeResult } from './project/page.js';
import { scanMyst } from './readers/myst/scanner.js';
import { scanRst, type RstDirective } from './readers/rst/scanner.js';
import { ruleHelpUri } from './rules/rule.js';

export interface DocsnipPluginOptions {
  /** Where included files are read from (default: the disk). */
  fs?: FileSystem;
  /** The Sphinx source directory (default: the nearest folder upward with conf.py, else the file's folder). */
  root?: string;
  /** Severity overrides, as in `.docsnip.yaml`. */
  rules?: Record<string, 'off' | 'warning' | 'error'>;
  /** The MyST-Parser version the docs build with (default: 3 or later), as `myst-parser` in `.docsnip.yaml`. */
  mystParser?: string;
}

interface Checked {
  diagnostics: Diagnostic[];
  directives: LiteralIncludeResult[];
  path: string;
}

/** Run docsnip on the vfile's text as if it were the file at its path. */
function checkFile(file: VFile, options: DocsnipPluginOptions): Checked {
  const base = options.fs ?? new NodeFileSystem();
  const path = posix.resolve(file.cwd.replace(/\\/g, '/'), (file.path || 'document.md').replace(/\\/g, '/'));
  const fs = new OverlayFileSystem(base, { [path]: String(file.value ?? '') });
  const root = options.root ?? findSphinxRoot(fs, posix.dirname(path)) ?? posix.dirname(path);
  const result = check({
    fs,
    root,
    cwd: root,
    paths: [path],
    gitignore: false,
    rules: options.rules,
    mystLegacy: mystParserIsLegacy(options.mystParser),
  });
  const page = result.project.pages.find((p) => p.page === path);
  const directives = (page?.directives ?? []).filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude');
  const own = posix.relative(root, path);
  return { diagnostics: result.diagnostics.filter((d) => d.file === own), directives, path };
}

function report(file: VFile, d: Diagnostic): void {
  const message = file.message(d.message, {
    place: { start: { line: d.line, column: d.column }, end: { line: d.endLine, column: d.endColumn } },
    ruleId: d.ruleId,
    source: 'docsnip',
  });
  message.url = ruleHelpUri(d.ruleId);
  message.fatal = d.severity === 'error' ? true : false;
  if (d.note) message.note = d.note;
}

/**
 * remark plugin: resolve `{literalinclude}` fences in place. Each becomes a
 * `code` node with the resolved text, `lang` from `:language:`, and the
 * caption (when there is one) in `meta` as `title="…"`. A directive Sphinx
 * would drop is left as it is; its problems are reported on the file.
 */
export const remarkDocsnip: Plugin<[DocsnipPluginOptions?], MdastRoot> = function (options = {}) {
  return (tree, file) => {
    const checked = checkFile(file, options);
    const byLine = new Map<number, LiteralIncludeResult>();
    for (const d of checked.directives) if (d.source === checked.path) byLine.set(d.directive.range.start.line, d);
    // Without recursion: a Markdown tree may nest thousands deep.
    const stack: Node[] = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'code') {
        const code = node as Code;
        const line = code.position?.start.line;
        const d = line === undefined ? undefined : byLine.get(line);
        if (d && d.resolution?.ok && d.resolution.text !== null) {
          const caption = d.options?.caption !== undefined ? d.options.caption || (d.argument ?? '') : null;
          code.lang = d.resolution.language;
          code.meta = caption === null ? null : `title=${JSON.stringify(caption)}`;
          code.value = d.resolution.text.replace(/\n$/, '');
          code.data = { ...(code.data ?? {}), docsnip: { text: d.resolution.text, target: d.target, lineStart: Number(d.resolution.linenoStart) } } as Code['data'];
        }
      }
      if ('children' in node) {
        const children = (node as Parent).children;
        for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
      }
    }
    for (const d of checked.diagnostics) report(file, d);
  };
};

/** A directive in the tree `docsnipRst` builds. */
export interface DirectiveNode extends Parent {
  type: 'directive';
  name: string;
  argument: string | null;
  options: { name: string; value: string | null; position: Position }[];
  /** The content lines (for directives whose content is not parsed: the text). */
  value: string;
  children: DirectiveNode[];
  position: Position;
}

export interface DirectiveRoot extends Parent {
  type: 'root';
  children: DirectiveNode[];
}

function toNode(d: RstDirective): DirectiveNode {
  return {
    type: 'directive',
    name: d.name,
    argument: d.argument,
    options: d.options.map((o) => ({ name: o.name, value: o.value, position: { start: o.range.start, end: o.range.end } })),
    value: d.content.join('\n'),
    children: [],
    position: { start: d.range.start, end: d.range.end },
  };
}

/** Nest directives by their ancestry (the scanner lists them in document order). */
export function directiveTree(directives: readonly RstDirective[], file?: string): DirectiveRoot {
  const root: DirectiveRoot = { type: 'root', children: [] };
  const stack: { d: RstDirective; node: DirectiveNode }[] = [];
  for (const d of directives) {
    if (file !== undefined && d.file !== file) continue;
    const node = toNode(d);
    while (stack.length > 0 && stack.length > d.ancestors.length) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.node.children : root.children).push(node);
    stack.push({ d, node });
  }
  return root;
}

/**
 * unified parser plugin: `unified().use(docsnipRst).parse(file)` gives a
 * tree of directive nodes (name, argument, options with positions, nested
 * directives as children). `.md` files are read as MyST.
 */
export const docsnipRst: Plugin<[], string, DirectiveRoot> = function (this: Processor) {
  (this as unknown as { parser: (doc: string, file: VFile) => DirectiveRoot }).parser = (doc: string, file: VFile) => {
    const scan = file.path && isMarkdown(file.path) ? scanMyst(doc, { file: '' }) : scanRst(doc, { file: '' });
    return directiveTree(scan.directives, '');
  };
};

/**
 * Lint plugin: run docsnip's rules on the file (rST or MyST) and report
 * each finding as a message with `ruleId`, `source` (`docsnip`) and `url`;
 * errors are `fatal`, warnings not. Works after any parser (it reads the
 * vfile's value).
 */
export const docsnipLint: Plugin<[DocsnipPluginOptions?]> = function (options = {}) {
  return (_tree, file) => {
    for (const d of checkFile(file, options).diagnostics) report(file, d);
  };
};
