/**
 * The MyST Markdown reader: every directive of a MyST document, in the same
 * shape as the reStructuredText scanner's, with exact positions.
 *
 * The document is parsed with remark (unified + remark-parse), which handles
 * CommonMark containers (lists, block quotes) and fences. A MyST directive
 * is a fenced block whose info string starts with `{name}`. Colon fences
 * (`:::{name}`, MyST's `colon_fence` extension) are not CommonMark, so they
 * are first rewritten into tilde fences of the same shape, line for line, so
 * remark sees them as fences too (their content stays raw, as MyST keeps
 * it). The content of a directive whose content is parsed (admonitions,
 * `dropdown`, …) is scanned again as Markdown; `{eval-rst}` content is
 * scanned as reStructuredText. Options follow MyST-Parser 3 and later (see
 * `options.ts`), or 0.18 with `legacy`.
 */
import { parseMarkdown } from './markdown.js';
import type { Code, Heading, Html, Nodes, Root } from 'mdast';
import { directiveSpec } from '../rst/directive-specs.js';
import {
  scanRst,
  MAX_NESTING,
  pointAt,
  type IncludeInsertion,
  type NestingLimit,
  type Point,
  type Range,
  type RstComment,
  type RstDirective,
  type RstOption,
  type RstScan,
  type RstTitle,
  type ScanOptions,
  type CodeFence,
} from '../rst/scanner.js';
import { parseOptionBlock } from './options.js';
import { parseLegacyOptionBlock } from './legacy-yaml.js';
import { pySplit, pySplitMax } from '../../python/str.js';
import { pushAll } from '../../core/arrays.js';

export interface MystScanOptions {
  /** Label of the scanned document. */
  file?: string;
  /** Read options the way MyST-Parser 0.18 did (YAML), instead of MyST-Parser 3+. */
  legacy?: boolean;
  /**
   * Called for every `{include}` (and every `.. include::` inside
   * `{eval-rst}`) with the chain of files being included. Return the text to
   * parse in its place; `syntax` says how to read it.
   */
  include?: (directive: RstDirective, chain: readonly string[]) => (IncludeInsertion & { syntax: 'myst' | 'rst' }) | null;
  /** Key of the document for circular-inclusion checks. */
  key?: string;
}

/** Where each line of a text being scanned comes from. */
interface LineMap {
  file: string;
  /** 1-based source line of each text line. */
  lines: number[];
  /** UTF-16 offset, in the raw source line, of each text line's first character. */
  cols: number[];
  /** The raw source lines of the file (to read option and name positions). */
  raw: readonly string[];
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const COLON_OPEN = /^(\s*)(:{3,})(.*)$/;
const DIRECTIVE_INFO = /^\{([^\s{}]+)\}$/;

function splitSourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Python `str.splitlines()` on text that only has `\n` breaks. */
function pyLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines remark puts in code or HTML blocks, and the content indent of list items, from a first parse. */
interface Structure {
  /** 0-based lines inside fenced code, indented code or HTML blocks. */
  literal: Set<number>;
  /** For each 0-based line, the content indentation of the innermost list item holding it. */
  listIndent: Map<number, number>;
}

function structureOf(tree: Root): Structure {
  const literal = new Set<number>();
  const listIndent = new Map<number, number>();
  walkRendered(tree, (node) => {
    if ((node.type === 'code' || node.type === 'html') && node.position) {
      for (let l = node.position.start.line; l <= node.position.end.line; l++) literal.add(l - 1);
    }
    if (node.type === 'listItem' && node.position) {
      const first = node.children[0];
      const indent = first?.position ? first.position.start.column - 1 : node.position.start.column + 1;
      for (let l = node.position.start.line; l <= node.position.end.line; l++) listIndent.set(l - 1, indent);
    }
  });
  return { literal, listIndent };
}

/**
 * markdown-it's `maxNesting` in the CommonMark preset MyST-Parser uses. Each
 * block quote, list and list item opens a level; block content that would be
 * parsed at this level is not parsed. markdown-it then moves to the end of
 * the range it was parsing: for a block quote that is the end of the quote,
 * but a list item's range runs to the end of the enclosing block quote or of
 * the document, so everything after a list nested that deep is dropped too.
 */
const MARKDOWN_IT_MAX_NESTING = 20;

/**
 * Visit the nodes MyST renders, parents first, in document order, without
 * recursion (a page may nest thousands deep), leaving out what markdown-it's
 * nesting limit leaves out.
 */
function walkRendered(tree: Root, visit: (node: Nodes) => void): void {
  const stack: { node: Nodes; level: number; quoteEnd: number }[] = [{ node: tree, level: 0, quoteEnd: Infinity }];
  // Lines up to here were swallowed by a list nested too deep.
  let droppedUntil = 0;
  while (stack.length > 0) {
    const { node, level, quoteEnd } = stack.pop()!;
    if (node.position && node.position.start.line <= droppedUntil) continue;
    visit(node);
    if (!('children' in node)) continue;
    const opens = node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem';
    const inner = opens ? level + 1 : level;
    if (opens && inner >= MARKDOWN_IT_MAX_NESTING) {
      if (node.type !== 'blockquote') droppedUntil = Math.max(droppedUntil, quoteEnd);
      continue;
    }
    const innerQuoteEnd = node.type === 'blockquote' && node.position ? node.position.end.line : quoteEnd;
    const children = node.children as Nodes[];
    for (let k = children.length - 1; k >= 0; k--) stack.push({ node: children[k]!, level: inner, quoteEnd: innerQuoteEnd });
  }
}

const QUOTE_PREFIX = /^(?: {0,3}> ?)*/;

/** Block quote markers kept on a line; MyST parses nothing that deep anyway. */
const QUOTE_DEPTH_KEPT = 2 * MARKDOWN_IT_MAX_NESTING;

/**
 * Turn the block quote markers of a line past `QUOTE_DEPTH_KEPT` into
 * spaces (columns and line count stay). remark's time grows with the square
 * of the nesting, and nothing past markdown-it's nesting limit renders, so a
 * line of 50,000 `>` costs what a line of 40 does.
 */
function capQuoteDepth(lines: string[]): void {
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (!line.includes('>')) continue;
    const prefix = QUOTE_PREFIX.exec(line)![0];
    let seen = 0;
    let cut = -1;
    for (let i = 0; i < prefix.length; i++) {
      if (prefix[i] === '>' && ++seen === QUOTE_DEPTH_KEPT) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0 || !prefix.slice(cut).includes('>')) continue;
    lines[k] = line.slice(0, cut) + prefix.slice(cut).replace(/>/g, ' ') + line.slice(prefix.length);
  }
}

/**
 * Rewrite colon fences (the outermost ones) as tilde fences with as many
 * tildes as needed so that no fence inside can close them, keeping the line
 * count and the content lines. A colon fence opens like a CommonMark fence
 * (indented at most 3 columns inside its container, not in a code or HTML
 * block) and closes on the next line of at least as many colons, whatever
 * it is inside (MyST's `colon_fence` ignores backtick fences in its body).
 */
function convertColonFences(lines: readonly string[], structure: Structure): { lines: string[]; colon: Set<number> } {
  const out = lines.slice();
  const colon = new Set<number>();
  /** Where a line's own content starts: after its list item's indentation and block quote markers. */
  const contentStart = (k: number): number => {
    const line = lines[k]!;
    let at = structure.listIndent.get(k) ?? 0;
    if (!/^(?:[\s>]|[-+*](?=\s)|\d{1,9}[.)](?=\s))*$/.test(line.slice(0, at))) at = 0;
    at = Math.min(at, line.length);
    return at + QUOTE_PREFIX.exec(line.slice(at))![0].length;
  };
  for (let i = 0; i < lines.length; i++) {
    if (structure.literal.has(i)) continue;
    const line = lines[i]!;
    const start = contentStart(i);
    const c = /^( *)(:{3,})(.*)$/.exec(line.slice(start));
    if (!c || c[1]!.length >= 4) continue;
    const count = c[2]!.length;
    const inList = structure.listIndent.has(i);
    let close = -1;
    let tildes = 3;
    for (let j = i + 1; j < lines.length; j++) {
      if (inList && !structure.listIndent.has(j) && lines[j]!.trim() !== '') break;
      const body = lines[j]!.slice(contentStart(j));
      const t = /^\s*(~{3,})/.exec(body);
      if (t) tildes = Math.max(tildes, t[1]!.length + 1);
      const cm = /^( *)(:{3,})[ \t]*$/.exec(body);
      if (cm && cm[2]!.length >= count && cm[1]!.length < 4) {
        close = j;
        break;
      }
    }
    const marker = '~'.repeat(Math.max(tildes, count));
    out[i] = line.slice(0, start) + c[1]! + marker + c[3]!;
    colon.add(i);
    if (close >= 0) {
      const cl = lines[close]!;
      const at = contentStart(close);
      out[close] = cl.slice(0, at) + cl.slice(at).replace(/:{3,}/, marker);
      i = close;
    } else {
      break;
    }
  }
  return { lines: out, colon };
}

/** Blank out a document's YAML front matter (MyST reads it as metadata). */
function maskFrontMatter(lines: string[]): void {
  if (lines[0] !== '---') return;
  const end = lines.findIndex((l, k) => k > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return;
  for (let k = 0; k <= end; k++) lines[k] = '';
}

interface Footnote {
  label: string;
  /** 0-based first and last lines of the definition. */
  start: number;
  end: number;
  /** Column where the definition's text starts on its first line. */
  textColumn: number;
}

/**
 * Footnote definitions (`[^label]: text` plus lines indented by 4). MyST
 * renders only the first definition of each label that is referenced
 * somewhere, after the body; the others never run. All are blanked out of
 * the main parse; the caller scans the rendered ones separately.
 */
function takeFootnotes(lines: string[], literal: ReadonlySet<number>): Footnote[] {
  const defs: Footnote[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (literal.has(i)) continue;
    const m = /^( {0,3})\[\^([^\]\s]+)\]:[ \t]?/.exec(lines[i]!);
    if (!m) continue;
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() === '') continue;
      if (/^( {4}|\t)/.test(l)) end = j;
      else break;
    }
    defs.push({ label: m[2]!, start: i, end, textColumn: m[0].length });
    i = end;
  }
  return defs;
}

interface Found {
  directives: RstDirective[];
  comments: RstComment[];
  titles: RstTitle[];
  fences: CodeFence[];
  tooDeep: NestingLimit[];
}

class MystScanner {
  readonly found: Found = { directives: [], comments: [], titles: [], fences: [], tooDeep: [] };
  readonly chain: string[] = [];
  /** Next reading-order number. */
  private seq = 0;
  constructor(private readonly options: MystScanOptions) {}

  point(map: LineMap, i: number, col: number): Point {
    return pointAt(map.lines[i] ?? 0, (map.cols[i] ?? 0) + col + 1);
  }

  scanText(text: string, map: LineMap, ancestors: string[], depth: number, document = false): void {
    if (depth > MAX_NESTING) {
      this.limit({ file: map.file, ...this.point(map, 0, 0) });
      return;
    }
    const textLines = text.split('\n');
    const lines = textLines.slice();
    if (document) maskFrontMatter(lines);
    capQuoteDepth(lines);
    const firstTree = parseMarkdown(lines.join('\n')) as Root;
    const first = structureOf(firstTree);
    // Footnotes: MyST renders the referenced ones (first definition only) after the body.
    const footnotes = document ? takeFootnotes(lines, first.literal) : [];
    const rendered: Footnote[] = [];
    if (footnotes.length > 0) {
      const referenced = new Set<string>();
      const defLines = new Set(footnotes.map((f) => f.start));
      lines.forEach((l, k) => {
        for (const m of l.matchAll(/\[\^([^\]\s]+)\]/g)) {
          if (defLines.has(k) && m.index === l.indexOf('[^')) continue;
          referenced.add(m[1]!);
        }
      });
      const seen = new Set<string>();
      for (const f of footnotes) {
        if (referenced.has(f.label) && !seen.has(f.label)) rendered.push(f);
        seen.add(f.label);
        for (let k = f.start; k <= f.end; k++) lines[k] = '';
      }
    }
    // Colon fences and CommonMark fences hide each other's markers: find a
    // fixed point (convert, re-parse, convert again with what the parse saw).
    let structure = footnotes.length > 0 ? structureOf(parseMarkdown(lines.join('\n')) as Root) : first;
    let converted = convertColonFences(lines, structure);
    // Without colon fences (and footnotes) the first parse is the final one.
    const unchanged = footnotes.length === 0 && converted.colon.size === 0;
    let tree = unchanged ? firstTree : (parseMarkdown(converted.lines.join('\n')) as Root);
    for (let round = 0; round < 4 && !unchanged; round++) {
      structure = structureOf(tree);
      // Lines of a converted colon fence count as what they are: its content, not code.
      for (const c of converted.colon) structure.literal.delete(c);
      const again = convertColonFences(lines, structure);
      if (again.lines.join('\n') === converted.lines.join('\n')) break;
      converted = again;
      tree = parseMarkdown(converted.lines.join('\n')) as Root;
    }
    walkRendered(tree, (node) => {
      if (node.type === 'code') this.fence(node, lines, converted.colon, map, ancestors, depth);
      else if (node.type === 'heading' && depth === 0) this.heading(node, map);
      else if (node.type === 'html') this.html(node, map);
    });
    // MyST line comments: `% text` at the start of a line.
    let codeLines: Set<number> | null = null;
    lines.forEach((line, i) => {
      const m = /^\s{0,3}%(.*)$/.exec(line);
      if (m && !converted.colon.has(i) && !(codeLines ??= linesInCode(tree)).has(i + 1)) {
        const start = this.point(map, i, line.indexOf('%'));
        this.found.comments.push({ file: map.file, text: m[1]!.trim(), range: { start, end: this.point(map, i, line.length) } });
      }
    });
    const before = this.found.directives.length;
    for (const f of rendered) {
      const body: string[] = [];
      const sub: LineMap = { file: map.file, lines: [], cols: [], raw: map.raw };
      for (let k = f.start; k <= f.end; k++) {
        const raw = textLines[k]!;
        const cut = k === f.start ? f.textColumn : Math.min(4, raw.length - raw.trimStart().length);
        body.push(raw.slice(cut));
        sub.lines.push(map.lines[k] ?? 0);
        sub.cols.push((map.cols[k] ?? 0) + cut);
      }
      this.scanText(body.join('\n'), sub, ancestors, depth + 1);
    }
    if (rendered.length > 0) {
      // Listed where they are written (MyST renders them after the body).
      const notes = this.found.directives.splice(before);
      const all = this.found.directives;
      for (const d of notes) {
        let at = all.length;
        while (at > 0 && all[at - 1]!.file === d.file && all[at - 1]!.range.start.line > d.range.start.line) at--;
        all.splice(at, 0, d);
      }
    }
  }

  private heading(node: Heading, map: LineMap): void {
    const text = plainText(node);
    const line = node.position ? map.lines[node.position.start.line - 1] : undefined;
    if (line !== undefined) this.found.titles.push({ file: map.file, title: text, line, style: '#'.repeat(node.depth), seq: this.seq++ });
  }

  private html(node: Html, map: LineMap): void {
    const m = /^<!--([\s\S]*?)-->\s*$/.exec(node.value);
    if (!m || !node.position) return;
    const i = node.position.start.line - 1;
    const j = node.position.end.line - 1;
    this.found.comments.push({
      file: map.file,
      text: m[1]!.trim(),
      range: { start: this.point(map, i, node.position.start.column - 1), end: this.point(map, j, node.position.end.column - 1) },
    });
  }

  private fence(node: Code, textLines: readonly string[], colon: ReadonlySet<number>, map: LineMap, ancestors: string[], depth: number): void {
    // Indented code (no info string) is never a directive.
    if (!node.position || !node.lang) return;
    const i = node.position.start.line - 1;
    const raw = textLines[i] ?? '';
    const isColon = colon.has(i);
    const open = isColon ? /^(.*?)(:{3,})(.*)$/.exec(raw) : /^(.*?)(`{3,}|~{3,})(.*)$/.exec(raw);
    if (!open) return;
    const info = open[3]!.trim();
    const infoStart = open[1]!.length + open[2]!.length + (open[3]!.length - open[3]!.trimStart().length);
    const word = info.split(/\s+/, 1)[0] ?? '';
    const name = DIRECTIVE_INFO.exec(word)?.[1];
    if (name === undefined) {
      if (!isColon && word !== '') {
        this.found.fences.push({ file: map.file, line: map.lines[i] ?? 0, language: word, content: node.value === '' ? [] : node.value.split('\n'), seq: this.seq++ });
      }
      return;
    }
    // MyST: `info.split(maxsplit=1)`, so the argument keeps trailing spaces.
    const afterName = open[3]!.trimStart().slice(word.length);
    const argument = afterName.trimStart();
    const argumentOffset = infoStart + word.length + (afterName.length - argument.length);
    const endLine = node.position.end.line - 1;
    // markdown-it's token content: every content line ends with a newline
    // (remark's value drops the last one, and is empty for one blank line).
    let content = node.value !== '' ? node.value + '\n' : endLine - i >= 2 ? '\n' : '';
    // Content lines of the directive: text lines after the opening fence.
    const contentFirst = i + 1;
    let contentShift = 0;
    if (isColon && content.startsWith(':::')) {
      // MyST: a nested colon fence right at the start is content, not options.
      content = '\n' + content;
      contentShift = -1;
    }
    const lastLine = textLines[endLine] ?? '';
    const range: Range = {
      start: this.point(map, i, open[1]!.length),
      end: this.point(map, endLine, lastLine.length),
    };
    const nameCol = infoStart + 1;
    const directive: RstDirective = {
      file: map.file,
      name: name.toLowerCase(),
      rawName: name,
      range,
      nameRange: { start: this.point(map, i, nameCol), end: this.point(map, i, nameCol + name.length) },
      argument: null,
      argumentRange: null,
      options: [],
      content: [],
      contentLine: null,
      contentStart: null,
      error: null,
      substitution: null,
      ancestors,
      depth,
      syntax: 'myst',
      warnings: [],
    };
    if (name === 'eval-rst') {
      this.evalRst(content, i, contentShift, textLines, map, ancestors, depth);
      return;
    }
    // Map content line k (0-based, of `content`) to its text line.
    const contentLine = (k: number): number => contentFirst + k + contentShift;
    const contentCol = (k: number, line: string): number => {
      const t = textLines[contentLine(k)] ?? '';
      return t.endsWith(line) ? t.length - line.length : 0;
    };
    const bodyIndex = this.parseBlock(directive, argument, argumentOffset, i, content, contentLine, contentCol, map);
    directive.seq = this.seq++;
    this.found.directives.push(directive);
    if (directive.error !== null) return;
    const spec = directiveSpec(directive.name);
    const sub = (indexes: readonly number[], cuts: readonly number[] = []): { text: string; map: LineMap } => {
      const m: LineMap = { file: map.file, lines: [], cols: [], raw: map.raw };
      const texts: string[] = [];
      const contentLines = pyLines(content);
      indexes.forEach((k, n) => {
        const line = k < 0 ? argument : contentLines[k] ?? '';
        const cut = cuts[n] ?? 0;
        const ti = k < 0 ? i : contentLine(k);
        texts.push(line.slice(cut));
        m.lines.push(map.lines[ti] ?? 0);
        m.cols.push((map.cols[ti] ?? 0) + (k < 0 ? argumentOffset : contentCol(k, line)) + cut);
      });
      return { text: texts.join('\n'), map: m };
    };
    if (spec.content === 'rst' && bodyIndex.length > 0) {
      const { text, map: m } = sub(bodyIndex);
      this.scanText(text, m, [...ancestors, directive.name], depth + 1);
    } else if (spec.content === 'glossary') {
      for (const def of glossaryDefinitions(directive.content)) {
        const { text, map: m } = sub(def.lines.map((n) => bodyIndex[n]!), def.cuts);
        this.scanText(text, m, [...ancestors, directive.name], depth + 1);
      }
    } else if (directive.name === 'include' && this.options.include) {
      const insertion = this.options.include(directive, this.chain.slice());
      if (insertion) this.insert(insertion, ancestors, depth);
    }
  }

  /** Scan included text in place, as MyST does (a nested render of the file). */
  insert(insertion: IncludeInsertion & { syntax: 'myst' | 'rst' }, ancestors: string[], depth: number): void {
    this.chain.push(insertion.key);
    const lines = splitSourceLines(insertion.text);
    const offset = insertion.lineOffset ?? 0;
    const map: LineMap = {
      file: insertion.file,
      lines: lines.map((_, k) => k + 1 + offset),
      cols: lines.map(() => 0),
      raw: lines,
    };
    if (insertion.syntax === 'rst') {
      const scan = scanRst(insertion.text, { file: insertion.file, key: insertion.key, include: this.rstInclude() });
      // What the fragment includes in turn is already at its own lines.
      const own = (file: string): number => (file === insertion.file ? offset : 0);
      this.adopt(
        scan,
        (d) => shift(d, own(d.file), () => 0, ancestors, depth),
        depth === 0 ? (t) => ({ ...t, line: t.line + own(t.file) }) : null,
      );
      pushAll(this.found.comments, scan.comments);
      for (const t of scan.tooDeep ?? []) this.limit({ ...t, line: t.line + own(t.file) });
    } else {
      this.scanText(lines.join('\n'), map, ancestors, depth);
    }
    this.chain.pop();
  }

  /** Record where nesting went too deep, once per file. */
  limit(at: NestingLimit): void {
    if (!this.found.tooDeep.some((t) => t.file === at.file)) this.found.tooDeep.push(at);
  }

  /** Take over what the rST reader found in embedded text, in its reading order. */
  private adopt(scan: RstScan, place: (d: RstDirective) => RstDirective, title: ((t: RstTitle) => RstTitle) | null): void {
    const items: ({ seq: number; d: RstDirective } | { seq: number; t: RstTitle })[] = [
      ...scan.directives.map((d) => ({ seq: d.seq ?? 0, d })),
      ...(title ? scan.titles.map((t) => ({ seq: t.seq ?? 0, t })) : []),
    ].sort((a, b) => a.seq - b.seq);
    for (const item of items) {
      if ('d' in item) this.found.directives.push(Object.assign(place(item.d), { seq: this.seq++ }));
      else this.found.titles.push({ ...title!(item.t), seq: this.seq++ });
    }
  }

  /** The include hook for reStructuredText read from Markdown: only rST is inserted into rST. */
  private rstInclude(): ScanOptions['include'] {
    const hook = this.options.include;
    if (!hook) return undefined;
    const outer = this.chain.slice(0, -1);
    return (directive, chain) => {
      const insertion = hook(directive, [...outer, ...chain]);
      return insertion && insertion.syntax === 'rst' ? insertion : null;
    };
  }

  /** `{eval-rst}`: the content is reStructuredText, at the content's lines. */
  private evalRst(content: string, i: number, contentShift: number, textLines: readonly string[], map: LineMap, ancestors: string[], depth: number): void {
    const lines = content.split('\n');
    const scan = scanRst(content, { file: map.file, key: this.chain[this.chain.length - 1] ?? map.file, include: this.rstInclude() });
    const first = i + 1 + contentShift;
    const toLine = (l: number): number => map.lines[first + l - 1] ?? 0;
    const toCol = (l: number): number => {
      const t = textLines[first + l - 1] ?? '';
      const c = lines[l - 1] ?? '';
      return (map.cols[first + l - 1] ?? 0) + (t.endsWith(c) ? t.length - c.length : 0);
    };
    this.adopt(
      scan,
      // What the block includes is already at that file's lines.
      (d) => (d.file !== map.file ? shift(d, 0, () => 0, ancestors, depth) : remap(d, toLine, toCol, ancestors, depth)),
      depth === 0 ? (t) => (t.file !== map.file ? t : { ...t, line: toLine(t.line) }) : null,
    );
    for (const t of scan.tooDeep ?? []) this.limit(t.file !== map.file ? t : { file: t.file, line: toLine(t.line), column: t.column + toCol(t.line) });
    for (const c of scan.comments) {
      const l = c.range.start.line;
      this.found.comments.push({ ...c, file: map.file, range: { start: { line: map.lines[first + l - 1] ?? 0, column: c.range.start.column }, end: c.range.end } });
    }
  }

  /**
   * MyST's `parse_directive_text`: argument, options and body. Returns, for
   * each body line, its index in the content (-1: the fence line itself).
   */
  private parseBlock(
    d: RstDirective,
    firstLine: string,
    argumentOffset: number,
    i: number,
    content: string,
    contentLine: (k: number) => number,
    contentCol: (k: number, line: string) => number,
    map: LineMap,
  ): number[] {
    const spec = directiveSpec(d.name);
    const legacy = this.options.legacy ?? false;
    const contentLines = pyLines(content);
    // The body as indexes into the content lines.
    let body: number[] = contentLines.map((_, k) => k);
    if (spec.options) {
      let block: { text: string; lines: number[]; colOffsets: number[]; colon: boolean } | null = null;
      if (content.startsWith('---')) {
        const after = contentLines.slice(1);
        const endAt = after.findIndex((l) => /^-{3,}/.test(l));
        const blockLines = endAt >= 0 ? after.slice(0, endAt) : after;
        const common = dedentWidth(blockLines);
        block = {
          // MyST: `content[: match.start()]`, so a closed block ends with a line break.
          text: blockLines.map((l) => l.slice(common)).join('\n') + (endAt >= 0 && blockLines.length > 0 ? '\n' : ''),
          lines: blockLines.map((_, k) => k + 1),
          colOffsets: blockLines.map(() => common),
          colon: false,
        };
        // Python: the text after the closing line, split again.
        body = endAt >= 0 ? rejoin(contentLines, endAt + 2) : [];
      } else if (content.trimStart().startsWith(':')) {
        const yaml: string[] = [];
        const lineNos: number[] = [];
        const cols: number[] = [];
        let k = 0;
        while (k < contentLines.length) {
          const line = contentLines[k]!;
          const stripped = line.replace(/^[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '');
          if (!stripped.startsWith(':') || (!legacy && stripped.replace(/^:+/, '').startsWith('{'))) break;
          yaml.push(stripped.slice(1));
          lineNos.push(k);
          cols.push(line.length - stripped.length + 1);
          k++;
        }
        block = { text: yaml.join('\n'), lines: lineNos, colOffsets: cols, colon: true };
        body = rejoin(contentLines, k);
      }
      if (block) this.readOptions(d, block, contentLine, contentCol, contentLines, map, legacy);
      if (d.error !== null) return [];
    }
    const takesArguments = spec.required > 0 || spec.optional > 0;
    if (!takesArguments) {
      if (firstLine.trim()) body = [-1, ...body];
    } else {
      let args = pySplit(firstLine);
      if (args.length < spec.required) {
        d.error = `${spec.required} argument(s) required, ${args.length} supplied`;
        return [];
      }
      if (args.length > spec.required + spec.optional) {
        if (spec.finalWhitespace) args = pySplitMax(firstLine, spec.required + spec.optional - 1);
        else {
          d.error = `maximum ${spec.required + spec.optional} argument(s) allowed, ${args.length} supplied`;
          return [];
        }
      }
      if (args.length > 0) {
        d.argument = args.join(' ');
        const start = this.point(map, i, argumentOffset);
        d.argumentRange = { start, end: this.point(map, i, argumentOffset + firstLine.trimEnd().length) };
      }
    }
    const text = (k: number): string => (k < 0 ? firstLine : contentLines[k] ?? '');
    if (body.length > 0 && !text(body[0]!).trim()) body = body.slice(1);
    if (body.length > 0 && spec.content === 'none') {
      const at = body[0]! >= 0 ? contentLine(body[0]!) : i;
      const where = this.point(map, at, 0);
      if (legacy) {
        d.error = 'No content permitted';
        return [];
      }
      d.warnings!.push({ message: 'Has content, but none permitted', range: { start: where, end: where } });
    }
    d.content = body.map(text);
    if (body.length > 0) {
      const k = body[0]!;
      const at = k >= 0 ? contentLine(k) : i;
      d.contentLine = map.lines[at] ?? null;
      d.contentStart = this.point(map, at, k >= 0 ? contentCol(k, text(k)) : argumentOffset);
    }
    return body;
  }

  private readOptions(
    d: RstDirective,
    block: { text: string; lines: number[]; colOffsets: number[]; colon: boolean },
    contentLine: (k: number) => number,
    contentCol: (k: number, line: string) => number,
    contentLines: readonly string[],
    map: LineMap,
    legacy: boolean,
  ): void {
    // Options written `:key: value` lost their leading colon in the block.
    const keyShift = block.colon ? -1 : 0;
    const pos = (blockLine: number, blockCol: number): Point => {
      const k = block.lines[blockLine] ?? block.lines[block.lines.length - 1] ?? 0;
      const line = contentLines[k] ?? '';
      return this.point(map, contentLine(k), contentCol(k, line) + (block.colOffsets[blockLine] ?? 0) + blockCol);
    };
    if (legacy) {
      const r = parseLegacyOptionBlock(block.text);
      if (!r.ok) {
        d.error = r.problem;
        return;
      }
      const tokens = parseOptionBlock(block.text);
      for (const [key, value] of r.values) {
        const t = tokens.ok ? tokens.tokens.find((x) => x.key === key) : undefined;
        const start = t ? pos(t.keyLine, t.keyColumn + keyShift) : pos(0, 0);
        const vs = t ? pos(t.valueStart.line, t.valueStart.column) : start;
        const ve = t ? pos(t.valueEnd.line, t.valueEnd.column) : start;
        const option: RstOption = { name: key, rawName: key, value: 'value' in value ? value.value : null, range: { start, end: ve }, valueRange: { start: vs, end: ve } };
        if ('notString' in value) option.notString = value.notString;
        d.options.push(option);
      }
      return;
    }
    const r = parseOptionBlock(block.text);
    if (!r.ok) {
      const at = pos(r.line, r.column);
      d.warnings!.push({ message: `Invalid options format: ${r.problem}`, range: { start: at, end: at } });
      return;
    }
    if (r.hasComments) {
      const at = pos(0, 0);
      d.warnings!.push({
        message: 'Directive options has # comments, which may not be supported in future versions.',
        range: { start: at, end: at },
      });
    }
    const blockLines = block.text.split('\n');
    // Later keys win, as in a Python dict.
    const byKey = new Map<string, RstOption>();
    for (const t of r.tokens) {
      const start = pos(t.keyLine, t.keyColumn + keyShift);
      const vs = pos(t.valueStart.line, t.valueStart.column);
      const ve = t.value === null ? vs : pos(t.valueEnd.line, t.valueEnd.column);
      byKey.delete(t.key);
      byKey.set(t.key, {
        name: t.key,
        rawName: t.key,
        value: t.value === null || t.value === '' ? null : t.value,
        range: { start, end: ve },
        valueRange: { start: vs, end: ve },
        style: t.style,
        comment: t.comment,
        raw: (blockLines[t.keyLine] ?? '').slice(t.keyColumn + t.key.length).replace(/^\s*:/, '').trim(),
      });
    }
    pushAll(d.options, byKey.values());
  }
}

/**
 * Python's `"\\n".join(lines[from:]).splitlines()` as indexes: the join and
 * split lose a trailing empty line.
 */
function rejoin(lines: readonly string[], from: number): number[] {
  const rest = lines.slice(from);
  const out = rest.map((_, k) => from + k);
  if (rest.length > 0 && rest[rest.length - 1] === '') out.pop();
  return out;
}

/**
 * Sphinx's glossary, on a body: unindented lines are terms (a `.. ` line
 * starts a comment), indented blocks after them are definitions, parsed with
 * the indentation of their first line cut off.
 */
function glossaryDefinitions(body: readonly string[]): { lines: number[]; cuts: number[] }[] {
  const defs: { lines: number[]; cuts: number[] }[] = [];
  let inDefinition = true;
  let inComment = false;
  let indent = 0;
  let current: { lines: number[]; cuts: number[] } | null = null;
  body.forEach((line, n) => {
    if (line === '') {
      if (inDefinition && current) {
        current.lines.push(n);
        current.cuts.push(0);
      }
      return;
    }
    if (!/^[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(line)) {
      if (line.startsWith('.. ')) {
        inComment = true;
        return;
      }
      inComment = false;
      if (inDefinition) {
        current = { lines: [], cuts: [] };
        defs.push(current);
        inDefinition = false;
      }
    } else if (!inComment) {
      if (!inDefinition) {
        inDefinition = true;
        indent = line.length - line.trimStart().length;
      }
      if (current) {
        current.lines.push(n);
        current.cuts.push(indent);
      }
    }
  });
  return defs.filter((d) => d.lines.length > 0);
}

function dedentWidth(lines: readonly string[]): number {
  let min: number | null = null;
  for (const l of lines) {
    if (!l.trim()) continue;
    const w = l.length - l.trimStart().length;
    min = min === null ? w : Math.min(min, w);
  }
  return min ?? 0;
}

function plainText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if ('value' in n && typeof n.value === 'string') out += n.value;
    else if ('children' in n) for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k] as Nodes);
  }
  return out;
}

function movePoint(p: Point, toLine: (l: number) => number, toCol: (l: number) => number): Point {
  return { line: toLine(p.line), column: p.column + toCol(p.line) };
}

function moveRange(r: Range, toLine: (l: number) => number, toCol: (l: number) => number): Range {
  return { start: movePoint(r.start, toLine, toCol), end: movePoint(r.end, toLine, toCol) };
}

/** A directive found by the rST scanner in embedded text, moved to its place in the Markdown file. */
function remap(d: RstDirective, toLine: (l: number) => number, toCol: (l: number) => number, ancestors: string[], depth: number): RstDirective {
  // In place: the include hook has seen this very object, and page.ts looks its result up by it.
  return Object.assign(d, {
    range: moveRange(d.range, toLine, toCol),
    nameRange: moveRange(d.nameRange, toLine, toCol),
    argumentRange: d.argumentRange ? moveRange(d.argumentRange, toLine, toCol) : null,
    options: d.options.map((o) => ({ ...o, range: moveRange(o.range, toLine, toCol), valueRange: moveRange(o.valueRange, toLine, toCol) })),
    contentLine: d.contentLine === null ? null : toLine(d.contentLine),
    contentStart: d.contentStart ? movePoint(d.contentStart, toLine, toCol) : null,
    ancestors: [...ancestors, ...d.ancestors],
    depth: depth + d.depth,
  });
}

function shift(d: RstDirective, offset: number, toCol: (l: number) => number, ancestors: string[], depth: number): RstDirective {
  return remap(d, (l) => l + offset, toCol, ancestors, depth);
}

/** The (1-based) lines inside code blocks of a tree, computed once per text. */
function linesInCode(tree: Root): Set<number> {
  const inside = new Set<number>();
  walkRendered(tree, (n) => {
    if (n.type === 'code' && n.position) for (let l = n.position.start.line; l <= n.position.end.line; l++) inside.add(l);
  });
  return inside;
}

/** Scan a MyST Markdown document (already decoded, BOM removed). */
export function scanMyst(source: string, options: MystScanOptions = {}): RstScan {
  const file = options.file ?? '';
  const raw = splitSourceLines(source);
  const scanner = new MystScanner(options);
  scanner.chain.push(options.key ?? file);
  const map: LineMap = { file, lines: raw.map((_, k) => k + 1), cols: raw.map(() => 0), raw };
  scanner.scanText(raw.join('\n'), map, [], 0, true);
  const { directives, comments, titles, fences, tooDeep } = scanner.found;
  return { directives, comments, titles, fences, fatal: null, tooDeep };
}
