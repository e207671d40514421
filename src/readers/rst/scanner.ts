/**
 * A reStructuredText directive scanner that follows docutils' block parser.
 *
 * It does not build a document tree. It walks the same states docutils walks
 * (body elements, paragraphs, titles, lists, explicit markup, literal blocks,
 * tables) just far enough to know, for every line, whether it starts a
 * directive, and it descends into every block docutils parses as
 * reStructuredText: block quotes, list items, definitions, field bodies,
 * footnotes, and the content of directives whose content is rST (see
 * `directive-specs.ts`). Comments, literal blocks and the bodies of code-like
 * directives are skipped, so a `.. literalinclude::` shown inside
 * `.. code-block:: rst` is not a directive here, as in Sphinx.
 */
import { directiveSpec, type DirectiveSpec } from './directive-specs.js';
import { Block, getIndented, originalColumn, toSourceLines, type SourceLines } from './lines.js';
import { pyHasSpace, pyIsBlank, pyLstrip, pySplit, pySplitMax, pyStrip } from '../../python/str.js';
import { insertAll } from '../../core/arrays.js';

/** A 1-based position in the source text (column in UTF-16 code units). */
export interface Point {
  line: number;
  column: number;
}

export interface Range {
  start: Point;
  end: Point;
}

/** One `:name: value` option line of a directive. */
export interface RstOption {
  /** Lower-cased option name. */
  name: string;
  /** The name as written. */
  rawName: string;
  /** docutils' value: continuation lines joined with `\n`; `null` when empty. */
  value: string | null;
  /** From the opening `:` to the end of the value. */
  range: Range;
  /** The value's own range (the position after the marker when empty). */
  valueRange: Range;
  /** MyST only: how the value was quoted (`''` for a plain value). */
  style?: '' | "'" | '"' | '|' | '>';
  /** MyST only: a `#` comment ended or replaced the plain value. */
  comment?: boolean;
  /** MyST only: the text after `key:` on the key's line, as written. */
  raw?: string;
  /** MyST-Parser 0.18 only: Python's `str()` of a YAML value that is no string, number or boolean (a list, a mapping). */
  notString?: string;
}

export interface RstDirective {
  /** The file that holds the directive: the document, or an included fragment. */
  file: string;
  /** Lower-cased directive name (`literalinclude`). */
  name: string;
  /** The name as written (`LiteralInclude`). */
  rawName: string;
  /** From the `..` to the end of the last non-blank line of the block. */
  range: Range;
  /** The directive name's range. */
  nameRange: Range;
  /** The argument text as docutils passes it (`arguments[0]`, or all of them joined by a space), or null. */
  argument: string | null;
  /** Range of the argument text (from its first to its last character). */
  argumentRange: Range | null;
  /** Options in source order (duplicates kept). */
  options: RstOption[];
  /** Content lines, indentation removed. */
  content: string[];
  /** 1-based line of the first content line. */
  contentLine: number | null;
  /** Position of the first character of the content. */
  contentStart: Point | null;
  /**
   * docutils' "Error in directive" detail when the block does not parse
   * (`invalid option block`, `no content permitted`,
   * `1 argument(s) required, 0 supplied`, …). The directive does not run then.
   */
  error: string | null;
  /** Name of the substitution this directive defines (`.. |name| image::`). */
  substitution: string | null;
  /** Names of the directives this one is nested in, outermost first. */
  ancestors: string[];
  /** Place in reading order among the scan's directives, titles and fences. */
  seq?: number;
  /** Nesting depth in body containers of any kind (0 at top level). */
  depth: number;
  /** The syntax the directive is written in (default reStructuredText). */
  syntax?: 'rst' | 'myst';
  /**
   * MyST only: problems MyST-Parser reports without stopping the directive
   * (an unknown option, a `#` comment in the options, content where none is allowed).
   */
  warnings?: { message: string; range: Range }[];
}

export interface RstComment {
  file: string;
  /** Comment text: the first line after `..` plus the indented lines. */
  text: string;
  range: Range;
}

export interface RstTitle {
  file: string;
  title: string;
  line: number;
  /**
   * The adornment: the underline character (`=`), doubled when there is an
   * overline too (`==`); in MyST, `#` repeated to the heading's depth. Within
   * a document, the first style seen is level 1, the next new one level 2…
   */
  style?: string;
  /** Place in reading order among the scan's directives, titles and fences. */
  seq?: number;
}

/** MyST: a plain fenced code block (```` ```bash ````), which is no directive. */
export interface CodeFence {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string (the language). */
  language: string;
  /** The lines inside the fence. */
  content: string[];
  /** Place in reading order among the scan's directives, titles and fences. */
  seq?: number;
}

/** What an `.. include::` directive inserts into the input (see `ScanOptions.include`). */
export interface IncludeInsertion {
  /** Label of the included file, used as `file` of what is found in it. */
  file: string;
  /** The (clipped) text to parse in place of the directive. */
  text: string;
  /** Line of the file where `text` starts, minus one (0 unless clipped). */
  lineOffset?: number;
  /** Key for circular-inclusion checks: the file plus its clip options. */
  key: string;
  /** The include's `:tab-width:` (default 8). */
  tabWidth?: number;
  /** `text` already split with `toSourceLines` at `tabWidth` (shared: never changed). */
  lines?: SourceLines;
}

export interface ScanOptions {
  /** Label of the scanned document, used as `file` of what is found in it. */
  file?: string;
  /** Key of the document itself for circular-inclusion checks (docutils' include log starts with it). */
  key?: string;
  /**
   * Called for every `.. include::` directive that parses cleanly, with the
   * chain of files being included (outermost first, the document itself at
   * index 0). Return the text to insert, or null when nothing is inserted
   * (missing file, literal include, circular inclusion…).
   */
  include?: (directive: RstDirective, chain: readonly string[]) => IncludeInsertion | null;
}

export interface RstScan {
  /** Every directive in document order, nested ones included. */
  directives: RstDirective[];
  comments: RstComment[];
  titles: RstTitle[];
  /** MyST: plain fenced code blocks, in document order. */
  fences?: CodeFence[];
  /** A problem that stops docutils from parsing the document at all. */
  fatal: string | null;
  /** Where nesting went deeper than {@link MAX_NESTING} (once per file); nothing below is read. */
  tooDeep?: NestingLimit[];
}

/**
 * Body elements nested deeper than this are not read. Sphinx itself stops
 * with a RecursionError somewhere between 100 and 150 nested directives
 * (rST or MyST), so nothing real is lost, and the cap keeps re-reading of
 * nested content (each level is parsed again, as docutils does) linear.
 */
export const MAX_NESTING = 100;

export interface NestingLimit {
  file: string;
  line: number;
  column: number;
}

const SIMPLENAME = String.raw`(?:(?!_)[\p{L}\p{N}])+(?:[-._+:](?:(?!_)[\p{L}\p{N}])+)*`;
const NONALNUM7 = String.raw`[!-\/:-@[-\`{-~]`;
const ENUM = String.raw`([0-9]+|[a-z]|[A-Z]|[ivxlcdm]+|[IVXLCDM]+|#)`;

const RE = {
  bullet: /^[-+*\u2022\u2023\u2043]( +|$)/,
  enumerator: new RegExp(String.raw`^(?:(\(${ENUM}\))|(${ENUM}\))|(${ENUM}\.))( +|$)`),
  optionMarker: (() => {
    const alpha = '[a-zA-Z]';
    const alnum = '[a-zA-Z0-9]';
    const alnumPlus = '[a-zA-Z0-9_-]';
    const optarg = `(${alpha}${alnumPlus}*|<[^<>]+>)`;
    const shortopt = `(-|\\+)${alnum}( ?${optarg})?`;
    const longopt = `(--|/)${alnum}${alnumPlus}*([ =]${optarg})?`;
    const option = `(${shortopt}|${longopt})`;
    return new RegExp(`^${option}(, ${option})*(  +| ?$)`);
  })(),
  doctest: /^>>>( +|$)/,
  lineBlock: /^\|( +|$)/,
  gridTableTop: /^\+-[-+]+-\+ *$/,
  simpleTableTop: /^=+( +=+)+ *$/,
  simpleTableBorder: /^=+[ =]*$/,
  explicit: /^\.\.( +|$)/,
  anonymous: /^__( +|$)/,
  line: new RegExp(String.raw`^(${NONALNUM7})\1* *$`),
  footnote: new RegExp(String.raw`^\.\.[ ]+\[([0-9]+|#|#${SIMPLENAME}|\*)\]([ ]+|$)`, 'u'),
  citation: new RegExp(String.raw`^\.\.[ ]+\[(${SIMPLENAME})\]([ ]+|$)`, 'u'),
  target: /^\.\.[ ]+_(?![ ]|$)/,
  substitution: /^\.\.[ ]+\|(?![ ]|$)/,
  directive: new RegExp(String.raw`^\.\.[ ]+(${SIMPLENAME})[ ]?::([ ]+|$)`, 'u'),
  embeddedDirective: new RegExp(String.raw`^(${SIMPLENAME})::( +|$)`, 'u'),
  substitutionName: /^(?![ ])(.+?)(?<![\s\x00])\|([ ]+|$)/,
  attribution: /^(---?(?!-)|\u2014) *(?=[^ \n])/,
  quotedStart: new RegExp(`^${NONALNUM7}`),
};

/**
 * Length of the field marker that starts `line` (`:name:` and the spaces
 * after it), or -1: what docutils' pattern `^:(?![: ])([^:\\]|\\.|:(?!([ `]|$)))*(?<! ):( +|$)`
 * matches, without a match array.
 * That pattern cannot backtrack into another match (a `:` it may not
 * consume ends the name or fails it), so one pass decides.
 */
export function fieldMarkerLength(line: string): number {
  if (line.charCodeAt(0) !== 58 /* : */) return -1;
  const second = line.charCodeAt(1);
  if (second === 58 || second === 32) return -1;
  const n = line.length;
  for (let i = 1; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 92 /* \\ */) {
      // `\\.`: any character but a line terminator.
      const e = line.charCodeAt(i + 1);
      if (i + 1 >= n || e === 10 || e === 13 || e === 0x2028 || e === 0x2029) return -1;
      i++;
    } else if (c === 58) {
      const next = line.charCodeAt(i + 1);
      if (i + 1 < n && next !== 32) {
        if (next === 96 /* ` */) return -1;
        continue;
      }
      if (line.charCodeAt(i - 1) === 32) return -1;
      let end = i + 1;
      while (line.charCodeAt(end) === 32) end++;
      return end;
    }
  }
  return -1;
}

/** docutils' default `line_length_limit`: a longer line stops parsing. */
const LINE_LENGTH_LIMIT = 10_000;

/** The "explicit markup ends / literal block" `::` test on a paragraph's text. */
function endsWithLiteralMarker(text: string): boolean {
  return /(?<!\\)(\\\\)*::$/.test(text);
}

/** Display width used for title underlines (East Asian wide characters count 2). */
function columnWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (/\p{M}/u.test(ch)) continue;
    width += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(
      ch,
    )
      ? 2
      : 1;
  }
  return width;
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// ---- enumerated lists -------------------------------------------------------

type EnumFormat = 'parens' | 'rparen' | 'period';
type EnumSequence = 'arabic' | 'loweralpha' | 'upperalpha' | 'lowerroman' | 'upperroman' | '#';

const SEQUENCES: readonly Exclude<EnumSequence, '#'>[] = [
  'arabic',
  'loweralpha',
  'upperalpha',
  'lowerroman',
  'upperroman',
];
const SEQUENCE_RE: Record<Exclude<EnumSequence, '#'>, RegExp> = {
  arabic: /^[0-9]+$/,
  loweralpha: /^[a-z]$/,
  upperalpha: /^[A-Z]$/,
  lowerroman: /^[ivxlcdm]+$/,
  upperroman: /^[IVXLCDM]+$/,
};

const ROMAN = /^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

function fromRoman(s: string): number | null {
  if (s === '' || !ROMAN.test(s)) return null;
  const values: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i]!]!;
    const next = i + 1 < s.length ? values[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  return total;
}

function toRoman(n: number): string | null {
  if (n <= 0 || n >= 5000) return null;
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

interface Enumerator {
  format: EnumFormat;
  sequence: EnumSequence;
  ordinal: number | null;
}

function parseEnumerator(m: RegExpExecArray, expected?: EnumSequence): Enumerator {
  const format: EnumFormat = m[1] !== undefined ? 'parens' : m[3] !== undefined ? 'rparen' : 'period';
  const text = (format === 'parens' ? m[2] : format === 'rparen' ? m[4] : m[6])!;
  let sequence: EnumSequence | '' = '';
  if (text === '#') sequence = '#';
  else if (expected) {
    if (expected !== '#' && SEQUENCE_RE[expected].test(text)) sequence = expected;
  } else if (text === 'i') sequence = 'lowerroman';
  else if (text === 'I') sequence = 'upperroman';
  if (!sequence) {
    sequence = SEQUENCES.find((s) => SEQUENCE_RE[s].test(text)) ?? 'arabic';
  }
  let ordinal: number | null;
  switch (sequence) {
    case '#':
      ordinal = 1;
      break;
    case 'arabic':
      ordinal = Number.parseInt(text, 10);
      break;
    case 'loweralpha':
      ordinal = text.charCodeAt(0) - 0x60;
      break;
    case 'upperalpha':
      ordinal = text.charCodeAt(0) - 0x40;
      break;
    default:
      ordinal = fromRoman(text.toUpperCase());
  }
  return { format, sequence, ordinal };
}

function makeEnumerator(ordinal: number, sequence: EnumSequence, format: EnumFormat): [string, string] | null {
  let e: string;
  if (sequence === '#') e = '#';
  else if (sequence === 'arabic') e = String(ordinal);
  else if (sequence.endsWith('alpha')) {
    if (ordinal > 26) return null;
    e = String.fromCharCode(ordinal + 0x60);
  } else {
    const r = toRoman(ordinal);
    if (r === null) return null;
    e = r;
  }
  e = sequence.startsWith('lower') ? e.toLowerCase() : sequence.startsWith('upper') ? e.toUpperCase() : e;
  const [prefix, suffix] = format === 'parens' ? ['(', ')'] : format === 'rparen' ? ['', ')'] : ['', '.'];
  return [`${prefix}${e}${suffix} `, `${prefix}#${suffix} `];
}

interface EnumContext {
  format: EnumFormat;
  sequence: EnumSequence;
  last: number;
  auto: boolean;
}

// ---- the scanner --------------------------------------------------------------

interface DirectiveBlock {
  arguments: string[];
  /** The directive's block (changed by parsing it). */
  block: Block;
  /** The arguments are the block's lines before this one. */
  argumentEnd: number;
  /** The options, as the directive gives them. */
  fields: RstOption[];
  content: Block;
  error: string | null;
}

/**
 * Positions are immutable and few are distinct: the same (line, column)
 * recurs in every page of a tree. Sharing one frozen object per position
 * (below line 65,536 and column 1,024) saves about a quarter of the memory a
 * large tree's directives take. Nothing may change a Point in place.
 */
const POINTS = new Map<number, Point>();
/** Past this many shared positions or ranges (a long-lived process), new ones are not kept. */
const MAX_SHARED = 1 << 20;
let sharing = true;

/**
 * Share positions (the default) or not. Sharing pays when many scans are
 * kept; a run that drops each page after checking it saves the lookups.
 */
export function sharePositions(on: boolean): void {
  sharing = on;
}

export function pointAt(line: number, column: number): Point {
  if (!sharing) return { line, column };
  if (line < 0 || line >= 65_536 || column < 0 || column >= 1024) return { line, column };
  const key = line * 1024 + column;
  let p = POINTS.get(key);
  if (!p) {
    p = Object.freeze({ line, column });
    if (POINTS.size < MAX_SHARED) POINTS.set(key, p);
  }
  return p;
}

/** A shared frozen Range for two shared points (see `pointAt`); a new one otherwise. */
const RANGES = new Map<number, Range>();
export function rangeAt(start: Point, end: Point): Range {
  if (!sharing) return { start, end };
  if (!Object.isFrozen(start) || !Object.isFrozen(end)) return { start, end };
  const key = (start.line * 1024 + start.column) * 2 ** 26 + (end.line * 1024 + end.column);
  let r = RANGES.get(key);
  if (!r) {
    r = Object.freeze({ start, end });
    if (RANGES.size < MAX_SHARED) RANGES.set(key, r);
  }
  return r;
}

/** Lines of every source are numbered `fileIndex * FILE_STRIDE + lineIndex`. */
const FILE_STRIDE = 2 ** 26;
/** Source id of the lines docutils inserts around included text. */
const SYNTHETIC = -1;
const END_OF_INCLUSION = 'end of inclusion from "';

interface Source {
  file: string;
  lines: SourceLines;
  lineOffset: number;
}

class Scanner {
  readonly directives: RstDirective[] = [];
  readonly comments: RstComment[] = [];
  readonly titles: RstTitle[] = [];
  readonly sources: Source[] = [];
  readonly tooDeep: NestingLimit[] = [];
  /** Next reading-order number. */
  private seq = 0;
  /** docutils' include log: keys of the files being included, the document first. */
  readonly chain: string[] = [];

  constructor(private readonly options: ScanOptions) {}

  addSource(file: string, lines: SourceLines, lineOffset = 0): Block {
    const index = this.sources.length;
    this.sources.push({ file, lines, lineOffset });
    const n = lines.text.length;
    const src = new Array<number>(n);
    const col = new Array<number>(n);
    const first = index * FILE_STRIDE;
    for (let i = 0; i < n; i++) {
      src[i] = first + i;
      col[i] = 0;
    }
    return new Block(lines.text.slice(), src, col);
  }

  fileOf(src: number): string {
    return this.sources[Math.floor(src / FILE_STRIDE)]?.file ?? '';
  }

  lineOf(src: number): number {
    const source = this.sources[Math.floor(src / FILE_STRIDE)];
    return (src % FILE_STRIDE) + 1 + (source?.lineOffset ?? 0);
  }

  /** Source position of column `col` (expanded, 0-based) of source line `src`. */
  point(src: number, col: number): Point {
    if (src < 0) return pointAt(0, 0);
    const source = this.sources[Math.floor(src / FILE_STRIDE)]!;
    const index = src % FILE_STRIDE;
    return pointAt(index + 1 + source.lineOffset, originalColumn(source.lines.raw[index] ?? '', col));
  }

  /** Position just after the last character of block line `i`. */
  endOf(b: Block, i: number): Point {
    return this.point(b.src[i]!, b.col[i]! + b.text[i]!.length);
  }

  /** Parse a block as body elements (docutils' `Body` state and friends). */
  parseBody(b: Block, matchTitles: boolean, ancestors: string[], depth: number): void {
    let i = 0;
    let enumCtx: EnumContext | null = null;
    while (i < b.length) {
      const line = b.text[i]!;
      if (line === '') {
        i++;
        continue;
      }
      if (line[0] === ' ') {
        enumCtx = null;
        i = this.blockQuote(b, i, ancestors, depth);
        continue;
      }
      // A letter, digit or non-ASCII character (but a bullet) can start only an enumerator or text: skip the other patterns.
      const c = line.charCodeAt(0);
      const plain = c >= 128 ? c !== 0x2022 && c !== 0x2023 && c !== 0x2043 : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
      let m: RegExpExecArray | null;
      if (!plain && (m = RE.bullet.exec(line))) {
        enumCtx = null;
        i = this.listItem(b, i, m[0].length, ancestors, depth);
        continue;
      }
      if (c < 128 && (m = RE.enumerator.exec(line))) {
        const cont: EnumContext | null = enumCtx ? this.continuesList(b, i, m, enumCtx) : null;
        if (cont) {
          enumCtx = cont;
          i = this.listItem(b, i, m[0].length, ancestors, depth);
          continue;
        }
        const e = parseEnumerator(m);
        if (this.isEnumeratedListItem(b, i, e)) {
          enumCtx = { format: e.format, sequence: e.sequence, last: e.ordinal!, auto: e.sequence === '#' };
          i = this.listItem(b, i, m[0].length, ancestors, depth);
          continue;
        }
        enumCtx = null;
        i = this.text(b, i, matchTitles, ancestors, depth);
        continue;
      }
      enumCtx = null;
      if (plain) {
        i = this.text(b, i, matchTitles, ancestors, depth);
        continue;
      }
      const fieldEnd = c === 58 ? fieldMarkerLength(line) : -1;
      if (fieldEnd >= 0) {
        const r = getIndented(b, i, { firstIndent: fieldEnd });
        r.block.trimStartBlank();
        this.nested(r.block, ancestors, depth);
        i = r.end;
        continue;
      }
      if ((m = RE.optionMarker.exec(line))) {
        const r = getIndented(b, i, { firstIndent: m[0].length });
        r.block.trimStartBlank();
        if (r.block.length === 0) {
          i = this.text(b, i, matchTitles, ancestors, depth);
        } else {
          this.nested(r.block, ancestors, depth);
          i = r.end;
        }
        continue;
      }
      if (RE.doctest.test(line)) {
        i = this.textBlockEnd(b, i, false).end;
        continue;
      }
      if (RE.lineBlock.test(line)) {
        i = this.lineBlock(b, i);
        continue;
      }
      if (RE.gridTableTop.test(line)) {
        i = this.gridTable(b, i);
        continue;
      }
      if (RE.simpleTableTop.test(line)) {
        i = this.simpleTable(b, i);
        continue;
      }
      if ((m = RE.explicit.exec(line))) {
        i = this.explicit(b, i, m, ancestors, depth);
        continue;
      }
      if ((m = RE.anonymous.exec(line))) {
        i = getIndented(b, i, { firstIndent: m[0].length, untilBlank: true }).end;
        continue;
      }
      if (RE.line.test(line)) {
        const next = this.lineState(b, i, matchTitles);
        if (next !== null) {
          i = next;
          continue;
        }
      }
      i = this.text(b, i, matchTitles, ancestors, depth);
    }
  }

  private nested(block: Block, ancestors: string[], depth: number): void {
    if (block.length === 0) return;
    if (depth + 1 > MAX_NESTING) {
      const file = this.fileOf(block.src[0]!);
      if (!this.tooDeep.some((t) => t.file === file)) this.tooDeep.push({ file, ...this.point(block.src[0]!, block.col[0]!) });
      return;
    }
    this.parseBody(block, false, ancestors, depth + 1);
  }

  private blockQuote(b: Block, i: number, ancestors: string[], depth: number): number {
    const r = getIndented(b, i);
    let indented = r.block;
    indented.trimStartBlank();
    while (indented.length > 0) {
      const split = this.splitAttribution(indented);
      this.nested(split.content, ancestors, depth);
      indented = split.rest;
      indented.trimStartBlank();
    }
    return r.end;
  }

  /** docutils `Body.split_attribution`: the part of a block quote before an attribution. */
  private splitAttribution(indented: Block): { content: Block; rest: Block } {
    let blank: number | null = null;
    let nonblankSeen = false;
    for (let i = 0; i < indented.length; i++) {
      const line = indented.text[i]!;
      if (line !== '') {
        if (nonblankSeen && blank === i - 1) {
          const m = RE.attribution.exec(line);
          if (m) {
            const end = this.attributionEnd(indented, i);
            if (end !== null) {
              return { content: indented.slice(0, i), rest: indented.slice(end) };
            }
          }
        }
        nonblankSeen = true;
      } else {
        blank = i;
      }
    }
    return { content: indented, rest: new Block([], [], []) };
  }

  private attributionEnd(indented: Block, start: number): number | null {
    let indent: number | null = null;
    let i = start + 1;
    for (; i < indented.length; i++) {
      const line = indented.text[i]!;
      if (line === '') return i;
      const lineIndent = line.length - pyLstrip(line).length;
      if (indent === null) indent = lineIndent;
      else if (lineIndent !== indent) return null;
    }
    return i + 1;
  }

  private listItem(b: Block, i: number, markerEnd: number, ancestors: string[], depth: number): number {
    const line = b.text[i]!;
    const r =
      line.length > markerEnd
        ? getIndented(b, i, { blockIndent: markerEnd })
        : getIndented(b, i, { firstIndent: markerEnd });
    r.block.trimStartBlank();
    this.nested(r.block, ancestors, depth);
    return r.end;
  }

  private isEnumeratedListItem(b: Block, i: number, e: Enumerator): boolean {
    if (e.ordinal === null) return false;
    if (i + 1 >= b.length) return true;
    const next = b.text[i + 1]!;
    if (next === '' || next[0] === ' ') return true;
    const made = makeEnumerator(e.ordinal + 1, e.sequence, e.format);
    return made !== null && (next.startsWith(made[0]) || next.startsWith(made[1]));
  }

  /** docutils `EnumeratedList.enumerator`: does this item continue the current list? */
  private continuesList(b: Block, i: number, m: RegExpExecArray, ctx: EnumContext): EnumContext | null {
    const e = parseEnumerator(m, ctx.sequence);
    if (e.format !== ctx.format) return null;
    if (e.sequence !== '#' && (e.sequence !== ctx.sequence || ctx.auto || e.ordinal !== ctx.last + 1)) return null;
    if (!this.isEnumeratedListItem(b, i, e)) return null;
    return { ...ctx, auto: ctx.auto || e.sequence === '#', last: e.ordinal ?? ctx.last };
  }

  /**
   * `StringList.get_text_block`: lines from `start` up to a blank line. With
   * `flushLeft`, an indented line also ends it (docutils reports "Unexpected
   * indentation" there).
   */
  private textBlockEnd(b: Block, start: number, flushLeft: boolean): { end: number } {
    let end = start;
    while (end < b.length) {
      const line = b.text[end]!;
      if (line === '') break;
      if (flushLeft && line[0] === ' ') break;
      end++;
    }
    return { end };
  }

  private lineBlock(b: Block, i: number): number {
    // First line, then further `| ` lines (each with indented continuation lines).
    let pos = i;
    for (;;) {
      const m = RE.lineBlock.exec(b.text[pos]!);
      if (!m) return pos;
      const r = getIndented(b, pos, { firstIndent: m[0].length, untilBlank: true });
      pos = r.end;
      if (pos >= b.length || b.text[pos] === '') return pos;
    }
  }

  private gridTable(b: Block, i: number): number {
    // docutils isolates the table as the text block up to a blank line, cut at
    // the first line that doesn't start with `+` or `|`, then at the last border.
    const { end } = this.textBlockEnd(b, i, true);
    let stop = end;
    for (let k = i; k < end; k++) {
      const first = pyStrip(b.text[k]!)[0];
      if (first !== '+' && first !== '|') {
        stop = k;
        break;
      }
    }
    if (!RE.gridTableTop.test(pyStrip(b.text[stop - 1]!))) {
      for (let k = stop - 2; k > i + 1; k--) {
        if (RE.gridTableTop.test(pyStrip(b.text[k]!))) return k + 1;
      }
      return end;
    }
    return stop;
  }

  private simpleTable(b: Block, i: number): number {
    const limit = b.length - 1;
    const topLength = pyStrip(b.text[i]!).length;
    let found = 0;
    let foundAt = -1;
    for (let k = i + 1; k <= limit; k++) {
      const line = b.text[k]!;
      if (RE.simpleTableBorder.test(line)) {
        if (pyStrip(line).length !== topLength) return k + 1;
        found++;
        foundAt = k;
        if (found === 2 || k === limit || b.text[k + 1] === '') return k + 1;
      }
    }
    return found ? foundAt + 1 : b.length;
  }

  /**
   * A line of punctuation at body level: a transition or the overline of a
   * section title (docutils `Body.line` and the `Line` state). Returns the
   * next line to parse, or null to treat the line as text.
   */
  private lineState(b: Block, i: number, matchTitles: boolean): number | null {
    const line = b.text[i]!;
    if (!matchTitles) {
      if (pyStrip(line) === '::' || pyStrip(line).length < 4) return null;
      return i + 1;
    }
    const short = line.length < 4;
    if (i + 1 >= b.length) return short ? null : i + 1; // transition at the end
    const title = b.text[i + 1]!;
    if (title === '') return short ? null : i + 2;
    if (RE.line.test(title)) {
      // Two adornment lines in a row: "Invalid section title or transition marker".
      return short ? null : i + 2;
    }
    if (i + 2 >= b.length) return short ? null : i + 2; // "Incomplete section title"
    const underline = b.text[i + 2]!;
    if (!RE.line.test(underline) || line !== underline) return short ? null : i + 3;
    if (short && columnWidth(pyStrip(title)) > line.length) return null;
    this.titles.push({ file: this.fileOf(b.src[i + 1]!), title: pyStrip(title), line: this.lineOf(b.src[i + 1]!), style: line[0]! + line[0]!, seq: this.seq++ });
    return i + 3;
  }

  /** A paragraph, definition list item or section title (docutils `Text` state). */
  private text(b: Block, i: number, matchTitles: boolean, ancestors: string[], depth: number): number {
    const line = b.text[i]!;
    if (i + 1 >= b.length) return b.length;
    const next = b.text[i + 1]!;
    if (next === '') return endsWithLiteralMarker(line) ? this.literalBlock(b, i + 1) : i + 2;
    if (next[0] === ' ') {
      // Definition list item: the indented lines are the definition.
      const r = getIndented(b, i + 1);
      r.block.trimStartBlank();
      this.nested(r.block, ancestors, depth);
      return r.end;
    }
    if (RE.line.test(next)) {
      const tooShort = next.length < 4 && columnWidth(line) > next.length;
      if (!tooShort) {
        if (matchTitles) this.titles.push({ file: this.fileOf(b.src[i]!), title: line, line: this.lineOf(b.src[i]!), style: next[0]!, seq: this.seq++ });
        return i + 2;
      }
    }
    // Paragraph.
    const { end } = this.textBlockEnd(b, i + 1, true);
    // The paragraph's text ends with its last line (a backslash before `::` cannot come from the line before).
    if (endsWithLiteralMarker(b.text[end - 1]!)) return this.literalBlock(b, end);
    return end;
  }

  /** The literal block after a paragraph ending in `::`, starting at line `k`. */
  private literalBlock(b: Block, k: number): number {
    const r = getIndented(b, k);
    const block = r.block;
    block.trimStartBlank();
    block.trimEndBlank();
    if (block.length > 0) return r.end;
    // Quoted literal block: lines starting with the same punctuation character.
    let pos = k;
    while (pos < b.length && b.text[pos] === '') pos++;
    if (pos >= b.length) return pos;
    const first = b.text[pos]!;
    if (!RE.quotedStart.test(first)) return pos;
    const quote = first[0]!;
    pos++;
    while (pos < b.length) {
      const line = b.text[pos]!;
      if (line === '') return pos + 1;
      if (!line.startsWith(quote)) return pos;
      pos++;
    }
    return pos;
  }

  // ---- explicit markup ----------------------------------------------------------

  private explicit(b: Block, i: number, m: RegExpExecArray, ancestors: string[], depth: number): number {
    const line = b.text[i]!;
    let e: RegExpExecArray | null;
    if ((e = RE.footnote.exec(line)) || (e = RE.citation.exec(line))) {
      const r = getIndented(b, i, { firstIndent: e[0].length });
      r.block.trimStartBlank();
      this.nested(r.block, ancestors, depth);
      return r.end;
    }
    if ((e = RE.target.exec(line))) {
      return getIndented(b, i, { firstIndent: e[0].length, untilBlank: true, stripIndent: false }).end;
    }
    if ((e = RE.substitution.exec(line))) {
      const end = this.substitutionDefinition(b, i, e[0].length, ancestors, depth);
      if (end !== null) return end;
      return this.comment(b, i, m[0].length);
    }
    if ((e = RE.directive.exec(line))) {
      return this.directive(b, i, e, null, ancestors, depth);
    }
    return this.comment(b, i, m[0].length);
  }

  private comment(b: Block, i: number, markerEnd: number): number {
    const nextBlank = i + 1 >= b.length || b.text[i + 1] === '';
    const first = b.text[i]!.slice(markerEnd);
    if (nextBlank && pyStrip(first) === '') return i + 1; // empty comment
    if (nextBlank && first.startsWith(END_OF_INCLUSION)) {
      this.chain.pop();
      return i + 1;
    }
    const r = getIndented(b, i, { firstIndent: markerEnd });
    r.block.trimStartBlank();
    r.block.trimEndBlank();
    if (r.block.length > 0 && b.src[i]! >= 0) {
      const last = r.block.length - 1;
      this.comments.push({
        file: this.fileOf(b.src[i]!),
        text: r.block.text.join('\n'),
        range: {
          start: this.point(b.src[i]!, b.col[i]!),
          end: this.endOf(r.block, last),
        },
      });
    }
    return r.end;
  }

  /** Returns the next line, or null when the definition is malformed (then it is a comment). */
  private substitutionDefinition(
    b: Block,
    i: number,
    markerEnd: number,
    ancestors: string[],
    depth: number,
  ): number | null {
    const r = getIndented(b, i, { firstIndent: markerEnd, stripIndent: false });
    const block = r.block;
    let escaped = block.text[0]!;
    let index = 0;
    let sm: RegExpExecArray | null;
    for (;;) {
      sm = RE.substitutionName.exec(escaped);
      if (sm) break;
      index++;
      if (index >= block.length) return null;
      escaped = escaped + ' ' + pyStrip(block.text[index]!);
    }
    const rest = block.slice(index);
    const start = sm.index + sm[0].length - escaped.length - 1;
    const firstStripped = pyStrip(rest.text[0]!);
    const firstLead = rest.text[0]!.length - pyLstrip(rest.text[0]!).length;
    // Python: (block[0].strip() + ' ')[start:-1], with a negative start.
    const padded = firstStripped + ' ';
    const from = Math.max(0, padded.length + start);
    rest.text[0] = padded.slice(from, -1);
    rest.col[0] = rest.col[0]! + firstLead + from;
    let shift = 0;
    if (rest.text[0] === '') {
      rest.text.shift();
      rest.src.shift();
      rest.col.shift();
      shift = 1;
    }
    if (index > 0) {
      // docutils drops the lines of a multi-line substitution name without
      // moving its line offset, so what follows is numbered from the `..` line.
      for (let k = 0; k < rest.length; k++) rest.src[k] = block.src[0]! + k + shift;
    }
    rest.trimEndBlank();
    if (rest.length === 0) return r.end;
    const lead = rest.text[0]!.length - pyLstrip(rest.text[0]!).length;
    rest.text[0] = pyStrip(rest.text[0]!);
    rest.col[0] = rest.col[0]! + lead;
    const dm = RE.embeddedDirective.exec(rest.text[0]!);
    if (dm) this.directive(rest, 0, dm, sm[1]!, ancestors, depth);
    return r.end;
  }

  private directive(
    b: Block,
    i: number,
    m: RegExpExecArray,
    substitution: string | null,
    ancestors: string[],
    depth: number,
  ): number {
    const rawName = m[1]!;
    const name = rawName.toLowerCase();
    const spec = directiveSpec(name);
    const r = getIndented(b, i, { firstIndent: m[0].length, dropTrailingBlank: true });
    const lastLine = lastNonBlank(r.block);
    const end = lastLine >= 0 ? this.endOf(r.block, lastLine) : this.endOf(b, i);
    // The block is this directive's own: parsing it may change it.
    const parsed = this.parseDirectiveBlock(r.block, spec);
    const nameStart = b.text[i]!.indexOf(rawName, substitution === null ? 2 : 0);
    const directive: RstDirective = {
      file: this.fileOf(b.src[i]!),
      name,
      rawName,
      range: rangeAt(this.point(b.src[i]!, b.col[i]!), end),
      nameRange: rangeAt(this.point(b.src[i]!, b.col[i]! + nameStart), this.point(b.src[i]!, b.col[i]! + nameStart + rawName.length)),
      argument: null,
      argumentRange: null,
      options: parsed.fields,
      content: parsed.content.text.slice(),
      contentLine: parsed.content.length > 0 ? this.lineOf(parsed.content.src[0]!) : null,
      contentStart: parsed.content.length > 0 ? this.point(parsed.content.src[0]!, parsed.content.col[0]!) : null,
      error: parsed.error,
      substitution,
      ancestors,
      depth,
    };
    if (parsed.arguments.length > 0) {
      directive.argument = parsed.arguments.join(' ');
      directive.argumentRange = this.textRange(parsed.block, 0, parsed.argumentEnd);
    }
    directive.seq = this.seq++;
    this.directives.push(directive);
    if (parsed.error === null) {
      if (spec.content === 'rst') this.nested(parsed.content, [...ancestors, name], depth);
      else if (spec.content === 'glossary') this.glossary(parsed.content, [...ancestors, name], depth);
      else if (name === 'include' && substitution === null && this.options.include) {
        const insertion = this.options.include(directive, this.chain.slice());
        if (insertion) this.insert(b, r.end, insertion);
      }
    }
    return r.end;
  }

  /**
   * docutils `insert_input`: the included lines, an end-of-inclusion comment
   * and padding go into the current input right after the directive's block.
   */
  private insert(b: Block, at: number, insertion: IncludeInsertion): void {
    const lines = insertion.lines ?? toSourceLines(insertion.text, insertion.tabWidth ?? 8);
    const inserted = this.addSource(insertion.file, lines, insertion.lineOffset ?? 0);
    const text = ['', ...inserted.text, '', `.. ${END_OF_INCLUSION}${insertion.file}"`, ''];
    const src = [SYNTHETIC, ...inserted.src, SYNTHETIC, SYNTHETIC, SYNTHETIC];
    const col = text.map(() => 0);
    insertAll(b.text, at, text);
    insertAll(b.src, at, src);
    insertAll(b.col, at, col);
    this.chain.push(insertion.key);
  }

  /** Range covering the non-blank text of lines `from`..`to` (exclusive) of a block. */
  private textRange(lines: Block, from: number, to: number): Range | null {
    let first = -1;
    for (let k = from; k < to; k++) {
      if (lines.text[k] !== '') {
        first = k;
        break;
      }
    }
    if (first < 0) return null;
    let last = to - 1;
    while (lines.text[last] === '') last--;
    const lead = lines.text[first]!.length - pyLstrip(lines.text[first]!).length;
    return rangeAt(this.point(lines.src[first]!, lines.col[first]! + lead), this.endOf(lines, last));
  }

  /**
   * docutils `parse_directive_block`, on a block it may change: the
   * arguments are lines `0`..`argumentEnd` of the block, the options follow
   * them up to the first blank line, and the content is a block of its own.
   */
  private parseDirectiveBlock(block: Block, spec: DirectiveSpec): DirectiveBlock {
    if (block.length > 0 && block.text[0] === '') {
      // docutils drops one empty first line (nothing after the `::`).
      block.text.shift();
      block.src.shift();
      block.col.shift();
    }
    block.trimEndBlank();
    const takesArguments = spec.required > 0 || spec.optional > 0;
    // Arguments and options: lines before the first blank one; content: the lines after it.
    let headEnd = 0;
    let content: Block;
    if (block.length > 0 && (takesArguments || spec.options)) {
      headEnd = block.text.indexOf('');
      if (headEnd < 0) headEnd = block.length;
      content = headEnd + 1 < block.length ? block.slice(headEnd + 1) : new Block([], [], []);
    } else {
      content = block;
    }
    const result: DirectiveBlock = {
      arguments: [],
      block,
      argumentEnd: headEnd,
      fields: [],
      content,
      error: null,
    };
    if (spec.options) {
      let optStart = -1;
      for (let k = 0; k < headEnd; k++) {
        if (fieldMarkerLength(block.text[k]!) >= 0) {
          optStart = k;
          break;
        }
      }
      if (optStart >= 0) {
        result.argumentEnd = optStart;
        const error = this.parseOptions(block, optStart, headEnd, result.fields);
        if (error !== null) {
          result.error = error;
          return result;
        }
      }
    }
    if (result.argumentEnd > 0 && !takesArguments) {
      // The lines meant as arguments are content (the block is this directive's own).
      content = block;
      result.argumentEnd = 0;
    }
    content.trimStartBlank();
    result.content = content;
    if (takesArguments) {
      const argText = result.argumentEnd === 1 ? block.text[0]! : block.text.slice(0, result.argumentEnd).join('\n');
      let args = pySplit(argText);
      if (args.length < spec.required) {
        result.error = `${spec.required} argument(s) required, ${args.length} supplied`;
        return result;
      }
      if (args.length > spec.required + spec.optional) {
        if (spec.finalWhitespace) args = pySplitMax(argText, spec.required + spec.optional - 1);
        else {
          result.error = `maximum ${spec.required + spec.optional} argument(s) allowed, ${args.length} supplied`;
          return result;
        }
      }
      result.arguments = args;
    }
    if (content.length > 0 && spec.content === 'none') result.error = 'no content permitted';
    return result;
  }

  /**
   * docutils `ExtensionOptions` on lines `from`..`to` (exclusive) of a
   * block: a field list, each field body a single paragraph. Returns
   * docutils' error detail, or null.
   */
  private parseOptions(block: Block, from: number, to: number, fields: RstOption[]): string | null {
    let k = from;
    /** Index of the first option whose body has more than one paragraph. */
    let multiParagraph = -1;
    while (k < to) {
      const line = block.text[k]!;
      if (line === '') {
        k++;
        continue;
      }
      const markerEnd = fieldMarkerLength(line);
      if (markerEnd < 0) return 'invalid option block';
      const rawName = unescapeNul(line.slice(1, line.lastIndexOf(':', markerEnd - 1)));
      const src = block.src[k]!;
      const col = block.col[k]!;
      let value: string | null;
      let next: number;
      let last: number;
      const following = k + 1 < to ? block.text[k + 1]! : null;
      if (following === null || (following !== '' && following.charCodeAt(0) !== 32)) {
        // The body is the rest of this line (what the indented block below would be).
        const body = line.slice(markerEnd);
        value = pyIsBlank(body) ? null : body;
        next = k + 1;
        last = k;
      } else {
        const r = getIndented(block.slice(k, to), 0, { firstIndent: markerEnd });
        const body = r.block;
        // Paragraphs of the field body.
        const paragraphs: string[][] = [];
        let current: string[] = [];
        for (let j = 0; j <= body.length; j++) {
          const t = j < body.length ? body.text[j]! : '';
          if (!pyIsBlank(t)) current.push(t);
          else if (current.length > 0) {
            paragraphs.push(current);
            current = [];
          }
        }
        value = paragraphs.length === 0 ? null : paragraphs[0]!.join('\n');
        next = k + r.end;
        // The option's lines run from `k` to its last non-blank line.
        last = next - 1;
        while (last > k && block.text[last] === '') last--;
        if (paragraphs.length > 1 && multiParagraph < 0) multiParagraph = fields.length;
      }
      const start = this.point(src, col);
      const valueStart = this.point(src, col + markerEnd);
      const end = this.endOf(block, last);
      fields.push({
        name: rawName.toLowerCase(),
        rawName,
        value: value === null ? null : unescapeNul(value),
        range: rangeAt(start, end),
        valueRange: rangeAt(valueStart, value === null ? valueStart : end),
      });
      k = next;
    }
    // docutils extracts all fields before converting any value.
    for (let i = 0; i < fields.length; i++) {
      const rawName = fields[i]!.rawName;
      if (rawName === '' || (pyHasSpace(rawName) && pySplit(rawName).length !== 1)) {
        return 'invalid option data: extension option field name may not contain multiple words';
      }
      if (i === multiParagraph) {
        return `invalid option data: extension option field body may contain\na single paragraph only (option "${fields[i]!.name}")`;
      }
    }
    return null;
  }

  /** Sphinx's glossary: indented definition blocks are parsed, terms are not. */
  private glossary(content: Block, ancestors: string[], depth: number): void {
    const definitions: Block[] = [];
    let inDefinition = true;
    let inComment = false;
    let indentLength = 0;
    let current: Block | null = null;
    for (let k = 0; k < content.length; k++) {
      const line = content.text[k]!;
      if (line === '') {
        if (inDefinition && current) push(current, content, k, 0);
        continue;
      }
      if (!/^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(line)) {
        if (line.startsWith('.. ')) {
          inComment = true;
          continue;
        }
        inComment = false;
        if (inDefinition) {
          current = new Block([], [], []);
          definitions.push(current);
          inDefinition = false;
        }
      } else if (!inComment) {
        if (!inDefinition) {
          inDefinition = true;
          indentLength = line.length - pyLstrip(line).length;
        }
        if (current) push(current, content, k, indentLength);
      }
    }
    for (const d of definitions) {
      if (d.length > 0) this.nested(d, ancestors, depth);
    }
    function push(target: Block, from: Block, k: number, cut: number): void {
      target.text.push(from.text[k]!.slice(cut));
      target.src.push(from.src[k]!);
      target.col.push(from.col[k]! + cut);
    }
  }
}

function lastNonBlank(b: Block): number {
  for (let k = b.length - 1; k >= 0; k--) if (b.text[k] !== '') return k;
  return -1;
}

/** Scan a reStructuredText document (already decoded, BOM removed). */
export function scanRst(source: string, options: ScanOptions = {}): RstScan {
  const lines = toSourceLines(source);
  for (let k = 0; k < lines.text.length; k++) {
    const line = lines.text[k]!;
    if (line.length > LINE_LENGTH_LIMIT && codePointLength(line) > LINE_LENGTH_LIMIT) {
      return {
        directives: [],
        comments: [],
        titles: [],
        fatal: `Line ${k + 1} exceeds the line-length-limit.`,
      };
    }
  }
  const scanner = new Scanner(options);
  scanner.chain.push(options.key ?? options.file ?? '');
  const block = scanner.addSource(options.file ?? '', lines);
  scanner.parseBody(block, true, [], 0);
  return { directives: scanner.directives, comments: scanner.comments, titles: scanner.titles, fatal: null, tooDeep: scanner.tooDeep };
}

/**
 * docutils' `nodes.unescape`, which option names and values go through
 * (`astext`): NUL characters are removed, with a space or line break right
 * after one.
 */
function unescapeNul(s: string): string {
  if (s.indexOf('\0') < 0) return s;
  for (const sep of ['\0 ', '\0\n', '\0']) s = s.split(sep).join('');
  return s;
}
