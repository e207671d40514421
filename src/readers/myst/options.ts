/**
 * MyST directive options.
 *
 * A MyST directive's options are either leading `:key: value` lines, or a
 * YAML block between `---` lines at the top of its body. MyST-Parser 3 and
 * later read them with a restricted YAML tokenizer in which every value is a
 * string: plain scalars (folded over lines, ended by a `#` comment that
 * follows a space), single-quoted (`''` is a quote), double-quoted (with
 * backslash escapes) and block scalars (`|`, `>`). That is what this module
 * implements, with positions. MyST-Parser 0.18 (Debian's) read the same block
 * with full YAML instead: see `legacy-yaml.ts`.
 */
import { pushAll } from '../../core/arrays.js';

export interface OptionToken {
  key: string;
  /** The value, or null when the key has none. */
  value: string | null;
  /** Quoting style of the value: none (plain), `'`, `"`, `|` or `>`. */
  style: '' | "'" | '"' | '|' | '>';
  /** 0-based line and column of the key in the block. */
  keyLine: number;
  keyColumn: number;
  /** 0-based position of the value's first and just-after-last characters in the block. */
  valueStart: { line: number; column: number };
  valueEnd: { line: number; column: number };
  /** A `#` comment ended or replaced the plain value (MyST warns; the text after it is lost). */
  comment: boolean;
}

export type OptionBlockResult = { ok: true; tokens: OptionToken[]; hasComments: boolean } | { ok: false; problem: string; line: number; column: number };

class Stream {
  index = 0;
  line = 0;
  column = 0;
  constructor(readonly text: string) {}
  peek(k = 0): string {
    return this.text[this.index + k] ?? '\0';
  }
  forward(n = 1): void {
    for (; n > 0; n--) {
      const ch = this.text[this.index++];
      if (ch === '\n' || ch === '\x85' || ch === '\u2028' || ch === '\u2029' || (ch === '\r' && this.text[this.index] !== '\n')) {
        this.line++;
        this.column = 0;
      } else if (ch !== '\ufeff') {
        this.column++;
      }
    }
  }
  pos(): { line: number; column: number } {
    return { line: this.line, column: this.column };
  }
}

class TokenizeError extends Error {
  constructor(
    readonly problem: string,
    readonly at: { line: number; column: number },
  ) {
    super(problem);
  }
}

const END = '\0';
const isNewline = (ch: string): boolean => '\r\n\x85\u2028\u2029'.includes(ch) && ch !== '';
const isEndSpaceNewline = (ch: string): boolean => ch === END || ch === ' ' || ch === '\t' || isNewline(ch);

function lineBreak(s: Stream): string {
  const ch = s.peek();
  if (ch === '\r' || ch === '\n' || ch === '\x85') {
    s.forward(s.peek() === '\r' && s.peek(1) === '\n' ? 2 : 1);
    return '\n';
  }
  if (ch === '\u2028' || ch === '\u2029') {
    s.forward();
    return ch;
  }
  return '';
}

/** Skip spaces, line breaks and comments; returns whether a comment was seen. */
function skipToToken(s: Stream, state: { comments: boolean }): void {
  if (s.index === 0 && s.peek() === '\ufeff') s.forward();
  for (;;) {
    while (s.peek() === ' ') s.forward();
    if (s.peek() === '#') {
      state.comments = true;
      while (s.peek() !== END && !isNewline(s.peek())) s.forward();
    }
    if (!lineBreak(s)) return;
  }
}

function plainSpaces(s: Stream, allowNewline: boolean): string[] {
  let n = 0;
  while (s.peek(n) === ' ') n++;
  const spaces = s.text.slice(s.index, s.index + n);
  s.forward(n);
  const chunks: string[] = [];
  if (allowNewline && isNewline(s.peek())) {
    const br = lineBreak(s);
    const breaks: string[] = [];
    while (s.peek() === ' ' || isNewline(s.peek())) {
      if (s.peek() === ' ') s.forward();
      else breaks.push(lineBreak(s));
    }
    if (br !== '\n') chunks.push(br);
    else if (breaks.length === 0) chunks.push(' ');
    pushAll(chunks, breaks);
  } else if (spaces) {
    chunks.push(spaces);
  }
  return chunks;
}

function plainScalar(s: Stream, state: { comments: boolean }, isKey: boolean): { value: string; end: { line: number; column: number }; comment: boolean } {
  const chunks: string[] = [];
  let end = s.pos();
  const indent = isKey ? 0 : 1;
  let spaces: string[] = [];
  let comment = false;
  for (;;) {
    if (s.peek() === '#') {
      state.comments = true;
      comment = true;
      break;
    }
    let n = 0;
    for (;;) {
      const ch = s.peek(n);
      if (isEndSpaceNewline(ch) || (isKey && ch === ':' && isEndSpaceNewline(s.peek(n + 1)))) break;
      n++;
    }
    if (n === 0) break;
    pushAll(chunks, spaces);
    chunks.push(s.text.slice(s.index, s.index + n));
    s.forward(n);
    end = s.pos();
    spaces = plainSpaces(s, !isKey);
    if (spaces.length === 0 || s.peek() === '#' || s.column < indent) {
      if (s.peek() === '#') {
        state.comments = true;
        comment = true;
      }
      break;
    }
  }
  return { value: chunks.join(''), end, comment };
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\x08', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const ESCAPE_CODES: Record<string, number> = { x: 2, u: 4, U: 8 };

function flowScalar(s: Stream, quote: "'" | '"'): { value: string; end: { line: number; column: number } } {
  const double = quote === '"';
  const start = s.pos();
  const chunks: string[] = [];
  s.forward();
  const nonSpaces = (): void => {
    for (;;) {
      let n = 0;
      while (!`'"\\`.includes(s.peek(n)) && !isEndSpaceNewline(s.peek(n))) n++;
      if (n) {
        chunks.push(s.text.slice(s.index, s.index + n));
        s.forward(n);
      }
      const ch = s.peek();
      if (!double && ch === "'" && s.peek(1) === "'") {
        chunks.push("'");
        s.forward(2);
      } else if ((double && ch === "'") || (!double && (ch === '"' || ch === '\\'))) {
        chunks.push(ch);
        s.forward();
      } else if (double && ch === '\\') {
        s.forward();
        const e = s.peek();
        if (e in ESCAPES) {
          chunks.push(ESCAPES[e]!);
          s.forward();
        } else if (e in ESCAPE_CODES) {
          const len = ESCAPE_CODES[e]!;
          s.forward();
          const hex = s.text.slice(s.index, s.index + len);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) {
            throw new TokenizeError(`expected escape sequence of ${len} hexadecimal numbers`, s.pos());
          }
          chunks.push(String.fromCodePoint(Number.parseInt(hex, 16)));
          s.forward(len);
        } else if (isNewline(e)) {
          lineBreak(s);
          pushAll(chunks, flowBreaks(s, start));
        } else {
          throw new TokenizeError(`found unknown escape character '${e}'`, s.pos());
        }
      } else {
        return;
      }
    }
  };
  nonSpaces();
  while (s.peek() !== quote) {
    let n = 0;
    while (s.peek(n) === ' ' || s.peek(n) === '\t') n++;
    const ws = s.text.slice(s.index, s.index + n);
    s.forward(n);
    const ch = s.peek();
    if (ch === END) throw new TokenizeError('found unexpected end of stream', s.pos());
    if (isNewline(ch)) {
      const br = lineBreak(s);
      const breaks = flowBreaks(s, start);
      if (br !== '\n') chunks.push(br);
      else if (breaks.length === 0) chunks.push(' ');
      pushAll(chunks, breaks);
    } else {
      chunks.push(ws);
    }
    nonSpaces();
  }
  s.forward();
  return { value: chunks.join(''), end: s.pos() };
}

function flowBreaks(s: Stream, start: { line: number; column: number }): string[] {
  const breaks: string[] = [];
  for (;;) {
    while (s.peek() === ' ' || s.peek() === '\t') s.forward();
    if (s.peek() === END) throw new TokenizeError('found unexpected end of stream', start);
    if (isNewline(s.peek())) breaks.push(lineBreak(s));
    else return breaks;
  }
}

function blockScalar(s: Stream, style: '|' | '>', state: { comments: boolean }): { value: string; end: { line: number; column: number } } {
  s.forward();
  // Header: chomping indicator and/or indentation indicator, then a comment.
  let chomp: 'clip' | 'strip' | 'keep' = 'clip';
  let increment: number | null = null;
  for (let k = 0; k < 2; k++) {
    const ch = s.peek();
    if (ch === '+' || ch === '-') {
      chomp = ch === '+' ? 'keep' : 'strip';
      s.forward();
    } else if (/[1-9]/.test(ch)) {
      increment = Number(ch);
      s.forward();
    }
  }
  while (s.peek() === ' ') s.forward();
  if (s.peek() === '#') {
    state.comments = true;
    while (s.peek() !== END && !isNewline(s.peek())) s.forward();
  }
  if (!isNewline(s.peek()) && s.peek() !== END) throw new TokenizeError('expected a comment or a line break', s.pos());
  lineBreak(s);
  const lines: string[] = [];
  let indent: number | null = increment;
  let end = s.pos();
  // As in PyYAML, the last line's break is kept only if there was one.
  let finalBreak = true;
  for (;;) {
    let n = 0;
    while (s.peek(n) === ' ') n++;
    const rest = s.text.slice(s.index + n).split(/\r\n|[\r\n\x85\u2028\u2029]/, 1)[0] ?? '';
    if (rest === '' && s.peek(n) !== END) {
      lines.push('');
      s.forward(n);
      lineBreak(s);
      continue;
    }
    if (s.peek(n) === END) break;
    if (indent === null) indent = Math.max(1, n);
    if (n < indent) break;
    s.forward(indent);
    const lineStart = s.index;
    while (s.peek() !== END && !isNewline(s.peek())) s.forward();
    lines.push(s.text.slice(lineStart, s.index));
    end = s.pos();
    if (!lineBreak(s)) {
      finalBreak = false;
      break;
    }
  }
  let trailing = 0;
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
    trailing++;
  }
  let value = style === '|' ? lines.join('\n') : foldLines(lines);
  if (lines.length > 0) {
    const last = finalBreak ? '\n' : '';
    if (chomp === 'clip') value += last;
    else if (chomp === 'keep') value += last + '\n'.repeat(trailing);
  } else if (chomp === 'keep') {
    value = '\n'.repeat(trailing);
  }
  return { value, end };
}

function foldLines(lines: readonly string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (i === 0) out = line;
    else if (line === '' || lines[i - 1] === '' || /^[ \t]/.test(line) || /^[ \t]/.test(lines[i - 1]!)) out += '\n' + line;
    else out += ' ' + line;
  }
  return out;
}

/** Tokenize a MyST option block (MyST-Parser 3+). */
export function parseOptionBlock(text: string): OptionBlockResult {
  const s = new Stream(text);
  const state = { comments: false };
  const tokens: OptionToken[] = [];
  try {
    for (;;) {
      skipToToken(s, state);
      if (s.peek() === END) break;
      if (s.column !== 0) throw new TokenizeError('expected key to start at column 0', s.pos());
      const keyAt = s.pos();
      let key: string;
      const ch = s.peek();
      if (ch === "'" || ch === '"') key = flowScalar(s, ch).value;
      else key = plainScalar(s, state, true).value;
      skipToToken(s, state);
      if (s.peek() !== ':') throw new TokenizeError("expected ':' after key", s.pos());
      s.forward();
      skipToToken(s, state);
      const token: OptionToken = {
        key,
        value: null,
        style: '',
        keyLine: keyAt.line,
        keyColumn: keyAt.column,
        valueStart: s.pos(),
        valueEnd: s.pos(),
        comment: false,
      };
      const v = s.peek();
      if (s.column === 0 || v === END) {
        // no value
      } else if (v === '|' || v === '>') {
        const r = blockScalar(s, v, state);
        token.value = r.value;
        token.style = v;
        token.valueEnd = r.end;
      } else if (v === "'" || v === '"') {
        const r = flowScalar(s, v);
        token.value = r.value;
        token.style = v;
        token.valueEnd = r.end;
      } else {
        const r = plainScalar(s, state, false);
        token.value = r.value;
        token.valueEnd = r.end;
        token.comment = r.comment;
      }
      tokens.push(token);
    }
  } catch (e) {
    if (e instanceof TokenizeError) return { ok: false, problem: e.problem, line: e.at.line, column: e.at.column };
    throw e;
  }
  return { ok: true, tokens, hasComments: state.comments };
}
