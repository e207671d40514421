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
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Heading, Html, Nodes, Root } from 'mdast';
import { directiveSpec } from '../rst/directive-specs.js';
import {
  scanRst,
  type IncludeInsertion,
  type Point,
  type Range,
  type RstComment,
  type RstDirective,
  type RstOption,
  type RstScan,
  type RstTitle,
} from '../rst/scanner.js';
import { parseLegacyOptionBlock, parseOptionBlock } from './options.js';
import { pySplit, pySplitMax } from '../../python/str.js';

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

/**
 * Rewrite colon fences (outermost ones) as tilde fences with as many tildes
 * as needed so that no fence inside can close them. Line count and the
 * content lines are unchanged.
 */
function convertColonFences(lines: readonly string[]): { lines: string[]; colon: Set<number> } {
  const out = lines.slice();
  const colon = new Set<number>();
  let fence: { char: string; length: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length) fence = null;
      continue;
    }
    const f = FENCE_OPEN.exec(line.replace(/^\s*/, (ws) => ' '.repeat(Math.min(ws.length, 3))));
    if (f && !(f[2]![0] === '`' && f[3]!.includes('`'))) {
      fence = { char: f[2]![0]!, length: f[2]!.length };
      continue;
    }
    const c = COLON_OPEN.exec(line);
    if (!c) continue;
    const indent = c[1]!.length;
    const count = c[2]!.length;
    // Find the closing line: as many colons or more, nothing else, not indented 4 more.
    let close = -1;
    let tildes = 3;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      const t = /^\s*(~{3,})/.exec(l);
      if (t) tildes = Math.max(tildes, t[1]!.length + 1);
      const cm = /^(\s*)(:{3,})\s*$/.exec(l);
      if (cm && cm[2]!.length >= count && cm[1]!.length < indent + 4) {
        close = j;
        break;
      }
    }
    const marker = '~'.repeat(Math.max(tildes, count));
    out[i] = c[1]! + marker + c[3]!;
    colon.add(i);
    if (close >= 0) {
      out[close] = lines[close]!.replace(/:{3,}/, marker);
      i = close;
    } else {
      break;
    }
  }
  return { lines: out, colon };
}

interface Found {
  directives: RstDirective[];
  comments: RstComment[];
  titles: RstTitle[];
}

class MystScanner {
  readonly found: Found = { directives: [], comments: [], titles: [] };
  readonly chain: string[] = [];
  constructor(private readonly options: MystScanOptions) {}

  point(map: LineMap, i: number, col: number): Point {
    return { line: map.lines[i] ?? 0, column: (map.cols[i] ?? 0) + col + 1 };
  }

  scanText(text: string, map: LineMap, ancestors: string[], depth: number): void {
    const textLines = text.split('\n');
    const converted = convertColonFences(textLines);
    const tree = unified().use(remarkParse).parse(converted.lines.join('\n')) as Root;
    const visit = (node: Nodes, inHtml: boolean): void => {
      if (node.type === 'code') this.fence(node, textLines, converted.colon, map, ancestors, depth);
      else if (node.type === 'heading' && depth === 0) this.heading(node, map);
      else if (node.type === 'html' && !inHtml) this.html(node, map);
      if ('children' in node) for (const child of node.children) visit(child as Nodes, inHtml);
    };
    visit(tree, false);
    // MyST line comments: `% text` at the start of a line.
    textLines.forEach((line, i) => {
      const m = /^\s{0,3}%(.*)$/.exec(line);
      if (m && !converted.colon.has(i) && !this.insideCode(tree, i + 1)) {
        const start = this.point(map, i, line.indexOf('%'));
        this.found.comments.push({ file: map.file, text: m[1]!.trim(), range: { start, end: this.point(map, i, line.length) } });
      }
    });
  }

  private insideCode(tree: Root, line: number): boolean {
    let inside = false;
    const walk = (n: Nodes): void => {
      if (inside) return;
      if (n.type === 'code' && n.position && line >= n.position.start.line && line <= n.position.end.line) inside = true;
      if ('children' in n) for (const c of n.children) walk(c as Nodes);
    };
    walk(tree);
    return inside;
  }

  private heading(node: Heading, map: LineMap): void {
    const text = plainText(node);
    const line = node.position ? map.lines[node.position.start.line - 1] : undefined;
    if (line !== undefined) this.found.titles.push({ file: map.file, title: text, line });
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
    if (!node.position) return;
    const i = node.position.start.line - 1;
    const raw = textLines[i] ?? '';
    const isColon = colon.has(i);
    const open = isColon ? /^(\s*(?:>\s?)*\s*(?:[-*+]\s+|\d+[.)]\s+)?\s*)(:{3,})(.*)$/.exec(raw) : /^(.*?)(`{3,}|~{3,})(.*)$/.exec(raw);
    if (!open) return;
    const info = open[3]!.trim();
    const infoStart = open[1]!.length + open[2]!.length + (open[3]!.length - open[3]!.trimStart().length);
    const word = info.split(/\s+/, 1)[0] ?? '';
    const name = DIRECTIVE_INFO.exec(word)?.[1];
    if (name === undefined) return;
    const argument = info.slice(word.length).trimStart();
    const argumentOffset = infoStart + word.length + (info.slice(word.length).length - argument.length);
    let content = node.value;
    // Content lines of the directive: text lines after the opening fence.
    const contentFirst = i + 1;
    let contentShift = 0;
    if (isColon && content.startsWith(':::')) {
      // MyST: a nested colon fence right at the start is content, not options.
      content = '\n' + content;
      contentShift = -1;
    }
    const endLine = node.position.end.line - 1;
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
    if (directive.name === 'eval-rst') {
      this.evalRst(content, i, contentShift, textLines, map, ancestors, depth);
      return;
    }
    // Map content line k (0-based, of `content`) to its text line.
    const contentLine = (k: number): number => contentFirst + k + contentShift;
    const contentCol = (k: number, line: string): number => {
      const t = textLines[contentLine(k)] ?? '';
      return t.endsWith(line) ? t.length - line.length : 0;
    };
    const first = this.parseBlock(directive, argument, argumentOffset, i, content, contentLine, contentCol, map);
    this.found.directives.push(directive);
    if (directive.error !== null) return;
    const spec = directiveSpec(directive.name);
    if (spec.content === 'rst' && directive.content.length > 0) {
      const body = directive.content;
      const sub: LineMap = { file: map.file, lines: [], cols: [], raw: map.raw };
      body.forEach((line, k) => {
        // Line -1 of the content is the fence line (a body starting there).
        const ti = first + k < 0 ? i : contentLine(first + k);
        sub.lines.push(map.lines[ti] ?? 0);
        sub.cols.push((map.cols[ti] ?? 0) + (first + k < 0 ? argumentOffset : contentCol(first + k, line)));
      });
      this.scanText(body.join('\n'), sub, [...ancestors, directive.name], depth + 1);
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
      const scan = scanRst(insertion.text, { file: insertion.file, key: insertion.key });
      for (const d of scan.directives) this.found.directives.push(shift(d, offset, () => 0, ancestors, depth));
      this.found.comments.push(...scan.comments);
    } else {
      this.scanText(lines.join('\n'), map, ancestors, depth);
    }
    this.chain.pop();
  }

  /** `{eval-rst}`: the content is reStructuredText, at the content's lines. */
  private evalRst(content: string, i: number, contentShift: number, textLines: readonly string[], map: LineMap, ancestors: string[], depth: number): void {
    const lines = content.split('\n');
    const scan = scanRst(content, { file: map.file });
    const first = i + 1 + contentShift;
    for (const d of scan.directives) {
      const toLine = (l: number): number => map.lines[first + l - 1] ?? 0;
      const toCol = (l: number): number => {
        const t = textLines[first + l - 1] ?? '';
        const c = lines[l - 1] ?? '';
        return (map.cols[first + l - 1] ?? 0) + (t.endsWith(c) ? t.length - c.length : 0);
      };
      this.found.directives.push(remap(d, toLine, toCol, ancestors, depth));
    }
    for (const c of scan.comments) {
      const l = c.range.start.line;
      this.found.comments.push({ ...c, file: map.file, range: { start: { line: map.lines[first + l - 1] ?? 0, column: c.range.start.column }, end: c.range.end } });
    }
  }

  /**
   * MyST's `parse_directive_text`: argument, options and body. Returns the
   * index in the content of the body's first line (-1: the fence line).
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
  ): number {
    const spec = directiveSpec(d.name);
    const legacy = this.options.legacy ?? false;
    const contentLines = pyLines(content);
    let body = contentLines;
    let bodyIndex = 0;
    if (spec.options) {
      let block: { text: string; lines: number[]; colOffsets: number[] } | null = null;
      let rest = contentLines;
      let restIndex = 0;
      if (content.startsWith('---')) {
        const after = contentLines.slice(1);
        const endAt = after.findIndex((l) => /^-{3,}/.test(l));
        const blockLines = endAt >= 0 ? after.slice(0, endAt) : after;
        const common = dedentWidth(blockLines);
        block = {
          text: blockLines.map((l) => l.slice(common)).join('\n'),
          lines: blockLines.map((_, k) => k + 1),
          colOffsets: blockLines.map(() => common),
        };
        if (endAt >= 0) {
          rest = after.slice(endAt + 1);
          restIndex = endAt + 2;
        } else {
          rest = [];
          restIndex = contentLines.length;
        }
      } else if (content.trimStart().startsWith(':')) {
        const yaml: string[] = [];
        const lineNos: number[] = [];
        const cols: number[] = [];
        let k = 0;
        while (k < contentLines.length) {
          const line = contentLines[k]!;
          const stripped = line.trimStart();
          if (!stripped.startsWith(':') || (!legacy && stripped.replace(/^:+/, '').startsWith('{'))) break;
          yaml.push(stripped.slice(1));
          lineNos.push(k);
          cols.push(line.length - stripped.length + 1);
          k++;
        }
        block = { text: yaml.join('\n'), lines: lineNos, colOffsets: cols };
        rest = contentLines.slice(k);
        restIndex = k;
      }
      if (block) this.readOptions(d, block, contentLine, contentCol, contentLines, map, legacy);
      body = rest;
      bodyIndex = restIndex;
    }
    const takesArguments = spec.required > 0 || spec.optional > 0;
    if (!takesArguments) {
      if (firstLine.trim()) {
        body = [firstLine, ...body];
        bodyIndex = -1; // the body starts on the fence line
      }
    } else {
      let args = pySplit(firstLine);
      if (args.length < spec.required) {
        d.error = `${spec.required} argument(s) required, ${args.length} supplied`;
        return bodyIndex;
      }
      if (args.length > spec.required + spec.optional) {
        if (spec.finalWhitespace) args = pySplitMax(firstLine, spec.required + spec.optional - 1);
        else {
          d.error = `maximum ${spec.required + spec.optional} argument(s) allowed, ${args.length} supplied`;
          return bodyIndex;
        }
      }
      if (args.length > 0) {
        d.argument = args.join(' ');
        const start = this.point(map, i, argumentOffset);
        d.argumentRange = { start, end: this.point(map, i, argumentOffset + firstLine.length) };
      }
    }
    if (body.length > 0 && !body[0]!.trim()) {
      body = body.slice(1);
      bodyIndex++;
    }
    if (body.length > 0 && spec.content === 'none') {
      const at = bodyIndex >= 0 ? contentLine(bodyIndex) : i;
      const where = this.point(map, at, 0);
      if (legacy) {
        d.error = 'No content permitted';
        return bodyIndex;
      }
      d.warnings!.push({ message: 'Has content, but none permitted', range: { start: where, end: where } });
    }
    d.content = body;
    if (body.length > 0) {
      const at = bodyIndex >= 0 ? contentLine(bodyIndex) : i;
      d.contentLine = map.lines[at] ?? null;
      d.contentStart = this.point(map, at, bodyIndex >= 0 ? contentCol(bodyIndex, body[0]!) : argumentOffset);
    }
    return bodyIndex;
  }

  private readOptions(
    d: RstDirective,
    block: { text: string; lines: number[]; colOffsets: number[] },
    contentLine: (k: number) => number,
    contentCol: (k: number, line: string) => number,
    contentLines: readonly string[],
    map: LineMap,
    legacy: boolean,
  ): void {
    // Options written `:key: value` lost their leading colon in the block.
    const keyShift = block.colOffsets.length > 0 && contentLines[block.lines[0] ?? 0]?.trimStart().startsWith(':') ? -1 : 0;
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
        const start = t ? pos(t.keyLine, t.keyColumn) : pos(0, 0);
        const vs = t ? pos(t.valueStart.line, t.valueStart.column) : start;
        const ve = t ? pos(t.valueEnd.line, t.valueEnd.column) : start;
        d.options.push({ name: key, rawName: key, value, range: { start, end: ve }, valueRange: { start: vs, end: ve } });
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
    d.options.push(...byKey.values());
  }
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
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function movePoint(p: Point, toLine: (l: number) => number, toCol: (l: number) => number): Point {
  return { line: toLine(p.line), column: p.column + toCol(p.line) };
}

function moveRange(r: Range, toLine: (l: number) => number, toCol: (l: number) => number): Range {
  return { start: movePoint(r.start, toLine, toCol), end: movePoint(r.end, toLine, toCol) };
}

/** A directive found by the rST scanner in embedded text, moved to its place in the Markdown file. */
function remap(d: RstDirective, toLine: (l: number) => number, toCol: (l: number) => number, ancestors: string[], depth: number): RstDirective {
  return {
    ...d,
    file: d.file,
    range: moveRange(d.range, toLine, toCol),
    nameRange: moveRange(d.nameRange, toLine, toCol),
    argumentRange: d.argumentRange ? moveRange(d.argumentRange, toLine, toCol) : null,
    options: d.options.map((o) => ({ ...o, range: moveRange(o.range, toLine, toCol), valueRange: moveRange(o.valueRange, toLine, toCol) })),
    contentLine: d.contentLine === null ? null : toLine(d.contentLine),
    contentStart: d.contentStart ? movePoint(d.contentStart, toLine, toCol) : null,
    ancestors: [...ancestors, ...d.ancestors],
    depth: depth + d.depth,
  };
}

function shift(d: RstDirective, offset: number, toCol: (l: number) => number, ancestors: string[], depth: number): RstDirective {
  return remap(d, (l) => l + offset, toCol, ancestors, depth);
}

/** Scan a MyST Markdown document (already decoded, BOM removed). */
export function scanMyst(source: string, options: MystScanOptions = {}): RstScan {
  const file = options.file ?? '';
  const raw = splitSourceLines(source);
  const scanner = new MystScanner(options);
  scanner.chain.push(options.key ?? file);
  const map: LineMap = { file, lines: raw.map((_, k) => k + 1), cols: raw.map(() => 0), raw };
  scanner.scanText(raw.join('\n'), map, [], 0);
  return { directives: scanner.found.directives, comments: scanner.found.comments, titles: scanner.found.titles, fatal: null };
}
