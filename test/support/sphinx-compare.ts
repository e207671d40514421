/**
 * Compare docsnip with what real Sphinx built, block by block and warning by
 * warning. Used twice: by the unit tests against committed golden files
 * (Node only), and by the oracle tests against a fresh Sphinx run.
 */
import { posix } from 'node:path';
import { check } from '../../src/check.js';
import { NodeFileSystem } from '../../src/core/fs-node.js';
import type { SphinxFlavor } from '../../src/resolver/literalinclude.js';
import type { DirectiveResult } from '../../src/project/page.js';
import { RULES } from '../../src/rules/index.js';

/** Rules whose findings Sphinx reports too; the others are docsnip's own and Sphinx says nothing about them. */
const SPHINX_RULES = new Set(RULES.filter((r) => r.origin === 'sphinx').map((r) => r.id));

export interface OracleBlock {
  /** docname of the page being built (no suffix). */
  page?: string;
  /** File holding the directive, relative to the source dir. */
  doc: string;
  line: number;
  /** The included file, relative to the source dir. */
  file: string;
  text: string;
  language: string | null;
  linenos: boolean;
  highlightArgs: Record<string, unknown>;
  classes: string[];
  names: string[];
  caption: string | null;
}

export interface OracleWarning {
  /** File, relative to the source dir (null when Sphinx gave none). */
  file: string | null;
  line: number | null;
  level: string;
  /** Message with the source dir written as `<SRC>`, type suffix removed. */
  message: string;
}

export interface OracleResult {
  sphinx: string;
  /** MyST-Parser's version, for suites with Markdown pages. */
  myst?: string;
  blocks: OracleBlock[];
  warnings: OracleWarning[];
}

const HEAD = /^(.*?):(?:(\d+):)? (WARNING|ERROR|SEVERE|CRITICAL|INFO): (.*)$/;
const TYPE_SUFFIX = / \[(?:docutils|misc\.\w+|myst\.\w+|ref\.\w+|toc\.\w+|download\.\w+|image\.\w+)\]$/;

/** Parse Sphinx's `-w` warnings file (messages may span lines). */
export function parseWarnings(text: string, where: { src: string; cwd: string }): OracleWarning[] {
  const out: OracleWarning[] = [];
  const norm = (s: string): string => s.split(where.src).join('<SRC>');
  for (const line of text.split('\n')) {
    const m = HEAD.exec(line);
    if (m && !line.startsWith(' ')) {
      let file: string | null = m[1]!;
      if (file.startsWith('/')) file = posix.relative(where.src, file);
      else file = posix.relative(where.src, posix.join(where.cwd, file));
      file = file.replace(/\.(rst|md)\.rst$/, '.$1');
      out.push({ file, line: m[2] ? Number(m[2]) : null, level: m[3]!, message: norm(m[4]!) });
    } else if (out.length > 0) {
      out[out.length - 1]!.message += '\n' + norm(line);
    }
  }
  for (const w of out) {
    w.message = w.message.replace(/\n+$/, '').replace(TYPE_SUFFIX, '');
    // docutils appends the directive's source to its errors; docsnip points at it instead.
    if (w.message.startsWith('Error in "')) w.message = w.message.replace(/\n\n[\s\S]*$/, '').replace(TYPE_SUFFIX, '');
  }
  return out;
}

/** What docsnip says about a source tree, in the same shape. */
export function docsnipView(srcDir: string, flavor: SphinxFlavor, exclude: readonly string[] = [], mystLegacy = false) {
  return check({ fs: new NodeFileSystem(), root: srcDir, cwd: srcDir, exclude, flavor, gitignore: false, mystLegacy });
}

/**
 * PyYAML's parse errors quote the block with marks; docsnip reads the block
 * with the `yaml` package and words them its own way. Both sides are cut to
 * the kind of failure.
 */
function yamlErrorHead(message: string): string {
  return message.replace(/(Invalid options YAML:)[\s\S]*$/, '$1');
}

/**
 * MyST-Parser appends the directive's text to its errors, as docutils does;
 * docsnip points at it instead. Inside `{eval-rst}`, docutils sees the page's
 * source path as Sphinx was given it (`src/…`, relative to the directory
 * Sphinx ran in), so its include errors name paths that way.
 */
function mystMessage(message: string): string {
  if (/^Directive '[^']*': /.test(message)) return yamlErrorHead(message.replace(/\n\n[\s\S]*$/, ''));
  return message.replace(/(No such file or directory: ')src\//, '$1<SRC>/');
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Sphinx's text for the problem that stops a directive, as docsnip computes it. */
function docsnipMessages(d: DirectiveResult, src: string): string[] {
  const msgs: string[] = [];
  if (d.error !== null) {
    msgs.push(d.directive.syntax === 'myst' ? `Directive '${d.directive.rawName}': ${yamlErrorHead(d.error)}` : `Error in "${d.directive.name}" directive:\n${d.error}.`);
  }
  if (d.kind === 'literalinclude') {
    for (const p of d.resolution?.problems ?? []) msgs.push(p.message.split(src).join('<SRC>'));
  } else if (d.problem) {
    msgs.push(d.problem.message.split(src).join('<SRC>'));
  }
  return msgs;
}

/**
 * Every difference between docsnip and Sphinx, as readable lines (empty when
 * they agree): blocks (text, language, numbering, highlights, classes, names)
 * and warnings about literalinclude/include directives, both ways.
 */
export function compareWithSphinx(oracle: OracleResult, srcDir: string, exclude: readonly string[] = []): string[] {
  const flavor: SphinxFlavor = oracle.sphinx.startsWith('5.') ? '5' : '9';
  const mystLegacy = oracle.myst !== undefined && oracle.myst.startsWith('0.');
  const result = docsnipView(srcDir, flavor, exclude, mystLegacy);
  const src = srcDir.replace(/\/$/, '');
  const rel = (p: string): string => posix.relative(src, p);
  const problems: string[] = [];
  const directives = result.project.pages.flatMap((p) => p.directives);
  const key = (page: string, file: string, line: number): string => `${page}|${file}:${line}`;
  const docname = (page: string): string => rel(page).replace(/\.[^.]+$/, '');

  const blocks = new Map<string, OracleBlock>();
  for (const b of oracle.blocks) blocks.set(key(b.page ?? '', b.doc, b.line), b);
  const seen = new Set<string>();
  // MyST-Parser 0.18's `{include}` renders the file from line 2 (`startline + 1`),
  // so it reports everything in an included Markdown file one line too far down.
  const reportedLine = (d: DirectiveResult): number =>
    d.directive.range.start.line + (mystLegacy && d.source !== d.page && d.source.endsWith('.md') ? 1 : 0);
  for (const d of directives) {
    if (d.kind !== 'literalinclude') continue;
    const k = key(docname(d.page), rel(d.source), reportedLine(d));
    const b = blocks.get(k);
    const r = d.resolution;
    if (!r?.ok) {
      if (b) problems.push(`${k}: Sphinx built a block, docsnip did not: ${JSON.stringify(b.text)}`);
      continue;
    }
    if (!b) {
      problems.push(`${k}: docsnip resolved ${JSON.stringify(r.text)}, Sphinx built no block`);
      continue;
    }
    seen.add(k);
    const text = r.text!.split(src).join('<SRC>');
    if (text !== b.text) problems.push(`${k}: text differs\n  sphinx:  ${JSON.stringify(b.text)}\n  docsnip: ${JSON.stringify(text)}`);
    if (r.language !== b.language) problems.push(`${k}: language ${b.language} != ${r.language}`);
    if (r.linenos !== b.linenos) problems.push(`${k}: linenos ${b.linenos} != ${r.linenos}`);
    const args: Record<string, unknown> = { linenostart: Number(r.linenoStart) };
    if (r.highlightLines !== null) args.hl_lines = r.highlightLines;
    const sphinxArgs = { ...b.highlightArgs };
    if (!sameJson(Object.keys(sphinxArgs).sort().map((k2) => [k2, sphinxArgs[k2]]), Object.keys(args).sort().map((k2) => [k2, args[k2]]))) {
      problems.push(`${k}: highlight_args ${JSON.stringify(sphinxArgs)} != ${JSON.stringify(args)}`);
    }
    const classes = d.options?.class ?? [];
    if (!sameJson(classes, b.classes)) problems.push(`${k}: classes ${JSON.stringify(b.classes)} != ${JSON.stringify(classes)}`);
    if (d.options?.caption === undefined && d.options?.name !== undefined) {
      const name = d.options.name.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
      if (!sameJson([name], b.names)) problems.push(`${k}: names ${JSON.stringify(b.names)} != ${JSON.stringify([name])}`);
    }
    if (d.options?.caption !== undefined) {
      const caption = d.options.caption || (d.argument ?? '');
      if (!/[*`|_\\]/.test(caption) && caption !== b.caption) problems.push(`${k}: caption ${JSON.stringify(b.caption)} != ${JSON.stringify(caption)}`);
    }
  }
  for (const [k, b] of blocks) {
    if (!seen.has(k) && !problems.some((p) => p.startsWith(k))) problems.push(`${k}: Sphinx built a block docsnip does not know: ${JSON.stringify(b.text)}`);
  }

  // Warnings: each Sphinx warning at a literalinclude/include line needs docsnip's agreement, and vice versa.
  const atLine = new Map<string, DirectiveResult[]>();
  for (const d of directives) {
    const k = `${rel(d.source)}:${reportedLine(d)}`;
    atLine.set(k, [...(atLine.get(k) ?? []), d]);
  }
  const explained = new Set<DirectiveResult>();
  for (const raw of oracle.warnings) {
    if (raw.file === null || raw.line === null) continue;
    const w = { ...raw, message: mystMessage(raw.message) };
    const ds = atLine.get(`${w.file}:${w.line}`);
    if (!ds) continue;
    const ok = ds.some(
      (d) => docsnipMessages(d, src).includes(w.message) && (result.byDirective.get(d) ?? []).some((x) => SPHINX_RULES.has(x.ruleId)),
    );
    if (!ok) {
      const have = ds.flatMap((d) => docsnipMessages(d, src));
      problems.push(`${w.file}:${w.line}: Sphinx ${w.level} ${JSON.stringify(w.message)} has no docsnip diagnostic with that message (docsnip: ${JSON.stringify(have)})`);
    }
    for (const d of ds) if (docsnipMessages(d, src).includes(w.message)) explained.add(d);
  }
  for (const d of directives) {
    const diags = (result.byDirective.get(d) ?? []).filter((x) => SPHINX_RULES.has(x.ruleId));
    if (diags.length > 0 && !explained.has(d)) {
      problems.push(`${rel(d.source)}:${reportedLine(d)}: docsnip reports ${diags.map((x) => x.ruleId).join(', ')} but Sphinx printed no matching warning`);
    }
  }
  return problems;
}
