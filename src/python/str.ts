/**
 * Python `str` behaviour that decides bytes in Sphinx's output.
 *
 * JavaScript's string methods differ from Python's in small ways that change
 * what a literalinclude renders: which characters end a line, which count as
 * whitespace, how tabs expand, how `int()` reads a number and how `repr()`
 * quotes a string. Everything here works on code points, as Python does.
 */

/** Characters for which Python's `str.isspace()` is true. */
const PY_SPACE =
  /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Python `ch.isspace()` for one character. */
export function isPySpace(ch: string): boolean {
  return PY_SPACE.test(ch);
}

const PY_SPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE_CLASS}]+`);
const SPACE_CHAR = new RegExp(`[${PY_SPACE_CLASS}]`);
/** A run of Python whitespace (not global: `exec` always starts at 0). */
const SPACE_RUN = new RegExp(`[${PY_SPACE_CLASS}]+`);

/**
 * `s` without the trailing characters that `isTrailing` accepts. A loop, not
 * a `[…]+$` regex: that one tries every start position of a long run that is
 * followed by something else, and takes quadratic time.
 */
export function trimEndWhere(s: string, isTrailing: (ch: string) => boolean): string {
  let end = s.length;
  while (end > 0 && isTrailing(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

const isSpaceChar = (ch: string): boolean => SPACE_CHAR.test(ch);

/** Is this UTF-16 code unit printable ASCII other than the space (so never Python whitespace)? */
function printable(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** Is every character of `s` printable ASCII other than the space? */
function allPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!printable(s.charCodeAt(i))) return false;
  return true;
}

/** Python `s.strip()` (no argument). */
export function pyStrip(s: string): string {
  // Most texts start and end with printable ASCII: nothing to strip.
  if (printable(s.charCodeAt(0)) && printable(s.charCodeAt(s.length - 1))) return s;
  return trimEndWhere(s.replace(LEADING_SPACE, ''), isSpaceChar);
}

/** Python `s.rstrip()` (no argument). */
export function pyRstrip(s: string): string {
  // Most lines end in a printable ASCII character, which is no Python whitespace.
  const last = s.charCodeAt(s.length - 1);
  if (last > 0x20 && last < 0x7f) return s;
  return trimEndWhere(s, isSpaceChar);
}

const NON_SPACE = new RegExp(`[^${PY_SPACE_CLASS}]`);

/** Python `s.strip() == ''`, without making the stripped string. */
export function pyIsBlank(s: string): boolean {
  return !printable(s.charCodeAt(0)) && !NON_SPACE.test(s);
}

/** Does `s` hold Python whitespace (so `s.split()` would split it)? */
export function pyHasSpace(s: string): boolean {
  return !allPrintable(s) && SPACE_CHAR.test(s);
}

/** Python `s.lstrip()` (no argument). */
export function pyLstrip(s: string): string {
  // Most lines start with spaces, if anything, then printable ASCII: no regex needed.
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  const c = s.charCodeAt(i);
  if (c > 0x20 && c < 0x7f) return i === 0 ? s : s.slice(i);
  if (i === s.length) return '';
  return s.replace(LEADING_SPACE, '');
}

/** Python `s.split()` (no argument): split on runs of whitespace, no empty parts. */
export function pySplit(s: string): string[] {
  if (s !== '' && !pyHasSpace(s)) return [s];
  const parts: string[] = [];
  for (const part of s.split(SPACE_RUN)) {
    if (part !== '') parts.push(part);
  }
  return parts;
}

/**
 * Python `s.split(None, maxsplit)`: at most `maxsplit` splits, the rest kept
 * whole with its inner whitespace (leading whitespace of the rest removed).
 */
export function pySplitMax(s: string, maxsplit: number): string[] {
  const parts: string[] = [];
  let rest = pyLstrip(s);
  while (rest !== '' && parts.length < maxsplit) {
    const m = SPACE_RUN.exec(rest);
    if (!m) break;
    parts.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** Line boundaries of Python `str.splitlines()`, `\r\n` handled separately. */
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

/** Line boundaries of `str.splitlines()` other than `\n`. */
const OTHER_LINE_BREAK = /[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Python `s.splitlines(keepends)`. */
export function splitLines(s: string, keepends = true): string[] {
  const lines: string[] = [];
  let start = 0;
  if (!OTHER_LINE_BREAK.test(s)) {
    // Only `\n` ends lines (nearly every file): no regex per line.
    for (let at = s.indexOf('\n'); at >= 0; at = s.indexOf('\n', start)) {
      lines.push(s.slice(start, keepends ? at + 1 : at));
      start = at + 1;
    }
    if (start < s.length) lines.push(s.slice(start));
    return lines;
  }
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(s); m; m = LINE_BREAK.exec(s)) {
    const end = m.index + m[0].length;
    lines.push(keepends ? s.slice(start, end) : s.slice(start, m.index));
    start = end;
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

/** Python's universal-newline translation on read: `\r\n` and lone `\r` become `\n`. */
export function universalNewlines(s: string): string {
  return s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
}

/**
 * Python `s.expandtabs(tabsize)`: columns count code points, reset after
 * `\n` and `\r` only, and a tab size of zero or less deletes tabs.
 */
export function expandTabs(s: string, tabsize = 8): string {
  if (s.indexOf('\t') === -1) return s;
  let out = '';
  let column = 0;
  for (const ch of s) {
    if (ch === '\t') {
      if (tabsize > 0) {
        const pad = tabsize - (column % tabsize);
        out += ' '.repeat(pad);
        column += pad;
      }
    } else {
      out += ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

/** Number of code points in `s` (Python `len`). */
export function pyLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index of code point `n` in `s` (clamped to the string's length). */
function codePointIndex(s: string, n: number): number {
  if (n <= 0) return 0;
  let i = 0;
  let count = 0;
  while (i < s.length && count < n) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else {
      i += 1;
    }
    count++;
  }
  return i;
}

/** Python `s[:n]` for n >= 0, by code points. */
export function pyHead(s: string, n: number): string {
  return s.slice(0, codePointIndex(s, n));
}

/** Python `s[n:]` for n >= 0, by code points. */
export function pyTail(s: string, n: number): string {
  return s.slice(codePointIndex(s, n));
}

/**
 * Python 3.11 `textwrap.dedent`: lines made only of spaces and tabs become
 * empty, then the longest common leading run of spaces/tabs over the other
 * lines is removed. Only `\n` separates lines here, as in textwrap's regexes.
 */
export function textwrapDedent(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^[ \t]+$/.test(lines[i]!)) lines[i] = '';
  }
  let margin: string | undefined;
  for (const line of lines) {
    const m = /^([ \t]*)[^ \t]/.exec(line);
    if (!m) continue;
    const indent = m[1]!;
    if (margin === undefined) {
      margin = indent;
    } else if (indent.startsWith(margin)) {
      // keep margin
    } else if (margin.startsWith(indent)) {
      margin = indent;
    } else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (margin) {
    const m = margin;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.startsWith(m)) lines[i] = lines[i]!.slice(m.length);
    }
  }
  return lines.join('\n');
}

/** A Python `ValueError` raised by `int()` or a converter; `message` is its text. */
export class PyValueError extends Error {
  override readonly name = 'PyValueError';
}

const INT_SPACE = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const INT_SPACE_START = new RegExp(`^[${INT_SPACE}]+`);
const INT_SPACE_CHAR = new RegExp(`[${INT_SPACE}]`);

/** Python's default limit on digits for `int(str)` (3.11+). */
const MAX_STR_DIGITS = 4300;

/** Value of a Unicode decimal digit (category Nd), or -1. */
function decimalValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!/^\p{Nd}$/u.test(ch)) return -1;
  // Unicode assigns Nd digits in contiguous runs that start at zero.
  let start = cp;
  while (start > 0 && /^\p{Nd}$/u.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/**
 * Python `int(s)` for a string, base 10: surrounding whitespace, a sign,
 * `_` between digits and any Unicode decimal digits are accepted. Throws
 * `PyValueError` with Python's message otherwise.
 */
export function pyInt(s: string): bigint {
  // Plain ASCII digits (nearly every option value): the same number, without the general path.
  if (PLAIN_INT.test(s)) return BigInt(s);
  // int() maps non-ASCII spaces to ' ' but keeps ASCII characters, then
  // skips only ASCII whitespace, so \x1c-\x1f are not spaces here.
  const body = trimEndWhere(s.replace(INT_SPACE_START, ''), (ch) => INT_SPACE_CHAR.test(ch));
  let i = 0;
  let negative = false;
  const chars = Array.from(body);
  if (chars[0] === '+' || chars[0] === '-') {
    negative = chars[0] === '-';
    i = 1;
  }
  let digits = '';
  let lastWasDigit = false;
  for (; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '_') {
      if (!lastWasDigit) throw invalidInt(s);
      lastWasDigit = false;
      continue;
    }
    const v = decimalValue(ch);
    if (v < 0) throw invalidInt(s);
    digits += String(v);
    lastWasDigit = true;
  }
  if (digits === '' || !lastWasDigit) throw invalidInt(s);
  if (digits.length > MAX_STR_DIGITS) {
    throw new PyValueError(
      `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  const value = BigInt(digits);
  return negative ? -value : value;
}

/** An optional sign and up to 15 ASCII digits, nothing else (what `BigInt` reads as `int()` does). */
const PLAIN_INT = /^[-+]?[0-9]{1,15}$/;

function invalidInt(s: string): PyValueError {
  return new PyValueError(`invalid literal for int() with base 10: ${pyRepr(s)}`);
}

/** True when Python's `str.isprintable()` is true for this one character. */
function isPrintable(ch: string): boolean {
  if (ch === ' ') return true;
  return !/^[\p{C}\p{Z}]$/u.test(ch);
}

/** Python `repr(s)` for a string. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (isPrintable(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    }
  }
  return out + quote;
}

/** Python `repr(x)` for the values docutils puts in messages: str or None. */
export function pyReprValue(value: string | null): string {
  return value === null ? 'None' : pyRepr(value);
}

/** Python `repr(b)` for a bytes object. */
export function pyBytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    else if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const b of bytes) {
    if (b === quote.charCodeAt(0) || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += String.fromCharCode(b);
  }
  return out + quote;
}
