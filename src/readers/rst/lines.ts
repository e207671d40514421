/**
 * Source lines as docutils sees them, and views of indented blocks of them.
 *
 * docutils turns `\v` and `\f` into spaces, splits the text the Python way
 * (`\x1c`-`\x1e`, `\x85`, U+2028 and U+2029 end lines too), expands tabs to
 * 8 columns and strips trailing whitespace, all before parsing. Line numbers
 * here are those docutils (and so Sphinx) report. A `Block` is a run of such
 * lines with some indentation removed, remembering for every line where it
 * came from, so positions map back to the original text.
 */
import { expandTabs, pyLstrip, pyRstrip } from '../../python/str.js';

/** Line boundaries docutils uses after turning `\v` and `\f` into spaces. */
const DOCUTILS_BREAK = /\r\n|[\n\r\x1c\x1d\x1e\x85\u2028\u2029]/g;
/** Line boundaries other than `\n`, and `\v` and `\f`: what makes splitting slower (one scan finds both). */
const UNUSUAL = /[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Line boundaries other than `\n`. */
const OTHER_BREAK = /[\r\x1c\x1d\x1e\x85\u2028\u2029]/;

export interface SourceLines {
  /** Expanded, right-stripped text of each line (what the parser reads). */
  readonly text: readonly string[];
  /** Original text of each line, without its terminator. */
  readonly raw: readonly string[];
}

/** Split source text into docutils lines. */
export function toSourceLines(source: string, tabWidth = 8): SourceLines {
  const text: string[] = [];
  const raw: string[] = [];
  let start = 0;
  const unusual = UNUSUAL.test(source);
  const formFeeds = unusual && /[\v\f]/.test(source);
  const push = (end: number): void => {
    const line = source.slice(start, end);
    raw.push(line);
    text.push(pyRstrip(expandTabs(formFeeds ? line.replace(/[\v\f]/g, ' ') : line, tabWidth)));
  };
  if (!unusual || !OTHER_BREAK.test(source)) {
    // Only `\n` ends lines (nearly every file): no regex per line.
    for (let end = source.indexOf('\n'); end >= 0; end = source.indexOf('\n', start)) {
      push(end);
      start = end + 1;
    }
  } else {
    DOCUTILS_BREAK.lastIndex = 0;
    for (let m = DOCUTILS_BREAK.exec(source); m; m = DOCUTILS_BREAK.exec(source)) {
      push(m.index);
      start = m.index + m[0].length;
    }
  }
  if (start < source.length) push(source.length);
  return { text, raw };
}

/**
 * 1-based column in the original line of the character at `expanded`
 * (a UTF-16 index into the tab-expanded line).
 */
export function originalColumn(raw: string, expanded: number, tabWidth = 8): number {
  if (raw.indexOf('\t') === -1) return expanded + 1;
  let e = 0; // UTF-16 index in the expanded text
  let col = 0; // code-point column, as expandtabs counts
  for (let j = 0; j < raw.length; j++) {
    if (e >= expanded) return j + 1;
    const c = raw.charCodeAt(j);
    if (c === 9) {
      const pad = tabWidth > 0 ? tabWidth - (col % tabWidth) : 0;
      e += pad;
      col += pad;
    } else {
      e += 1;
      const isHigh = c >= 0xd800 && c <= 0xdbff;
      if (!isHigh) col += 1;
    }
  }
  return raw.length + 1 + Math.max(0, expanded - e);
}

/** A run of lines, each possibly with leading columns removed. */
export class Block {
  constructor(
    /** Text of each line in the block (indentation removed). */
    readonly text: string[],
    /** Index (0-based) of each line in the source lines. */
    readonly src: number[],
    /** Expanded column (UTF-16) of each line's first character in its source line. */
    readonly col: number[],
  ) {}

  get length(): number {
    return this.text.length;
  }

  slice(start: number, end = this.text.length): Block {
    return new Block(this.text.slice(start, end), this.src.slice(start, end), this.col.slice(start, end));
  }

  /** Remove `n` leading columns from lines `from`.. (docutils `trim_left`). */
  trimLeft(n: number, from = 0): void {
    for (let i = from; i < this.text.length; i++) {
      this.text[i] = this.text[i]!.slice(n);
      this.col[i] = this.col[i]! + n;
    }
  }

  /** Drop leading blank lines; returns how many were dropped. */
  trimStartBlank(): number {
    let k = 0;
    while (k < this.text.length && this.text[k] === '') k++;
    if (k > 0) {
      this.text.splice(0, k);
      this.src.splice(0, k);
      this.col.splice(0, k);
    }
    return k;
  }

  /** Drop trailing blank lines. */
  trimEndBlank(): void {
    let n = this.text.length;
    while (n > 0 && this.text[n - 1] === '') n--;
    if (n === this.text.length) return;
    this.text.length = n;
    this.src.length = n;
    this.col.length = n;
  }
}

export interface Indented {
  block: Block;
  /** Index in the parent block of the first line after the indented block. */
  end: number;
  /** Did the block end with a blank line or the end of input? */
  blankFinish: boolean;
}

/** Leading-space count of a line by Python's `lstrip` (which strips any Unicode space). */
function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  // After the spaces, printable ASCII (the usual case) is no Python whitespace.
  const c = line.charCodeAt(i);
  if ((c > 0x20 && c < 0x7f) || i === line.length) return i;
  return line.length - pyLstrip(line).length;
}

/**
 * docutils `StringList.get_indented`: the block of lines from `start` that are
 * indented (or blank), with the common indentation removed. With
 * `firstIndent`, the first line belongs to the block whatever its indentation
 * and loses its first `firstIndent` columns; with `blockIndent`, every line
 * must be indented by at least that much.
 */
export function getIndented(
  b: Block,
  start: number,
  opts: { untilBlank?: boolean; stripIndent?: boolean; blockIndent?: number; firstIndent?: number; dropTrailingBlank?: boolean } = {},
): Indented {
  const untilBlank = opts.untilBlank ?? false;
  const stripIndent = opts.stripIndent ?? true;
  const blockIndent = opts.blockIndent;
  let firstIndent = opts.firstIndent;
  let indent = blockIndent;
  let end = start;
  if (blockIndent !== undefined && firstIndent === undefined) firstIndent = blockIndent;
  if (firstIndent !== undefined) end += 1;
  const last = b.length;
  let blankFinish = true;
  for (; end < last; end++) {
    const line = b.text[end]!;
    if (
      line !== '' &&
      (line[0] !== ' ' || (blockIndent !== undefined && pyLstrip(line.slice(0, blockIndent)) !== ''))
    ) {
      blankFinish = end > start && b.text[end - 1] === '';
      break;
    }
    if (line === '') {
      if (untilBlank) {
        blankFinish = true;
        break;
      }
    } else if (blockIndent === undefined) {
      const lineIndent = indentOf(line);
      indent = indent === undefined ? lineIndent : Math.min(indent, lineIndent);
    }
  }
  let stop = Math.min(end, last);
  if (opts.dropTrailingBlank) {
    // The caller ignores blank lines at the end: leave them out (the first line stays).
    while (stop > start + 1 && b.text[stop - 1] === '') stop--;
  }
  const block = b.slice(start, stop);
  if (firstIndent !== undefined && block.length > 0) {
    block.text[0] = block.text[0]!.slice(firstIndent);
    block.col[0] = block.col[0]! + firstIndent;
  }
  if (indent && stripIndent) block.trimLeft(indent, firstIndent !== undefined ? 1 : 0);
  return { block, end: Math.min(end, last), blankFinish };
}
