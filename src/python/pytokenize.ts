/**
 * Python tokenizers, as CPython 3.11 runs them for Sphinx's `:pyobject:`.
 *
 * Two tokenizers live here because Sphinx's analyser uses both:
 *
 * - {@link tokenizeLines} (lazy) and {@link generateTokens} (eager) behave
 *   like the pure-Python `tokenize` module of CPython 3.11
 *   (`tokenize.generate_tokens`), which Sphinx's `DefinitionFinder` and
 *   `AfterCommentParser` feed with `str.splitlines(True)` lines. It never
 *   rejects characters: unknown ones become `ERRORTOKEN`s. It fails only with
 *   `IndentationError` (inconsistent dedent) or `TokenError` (end of input
 *   inside a string or bracket).
 * - {@link CTokenizer} behaves like CPython 3.11.7's C tokenizer
 *   (`Parser/tokenizer.c`) that `ast.parse` runs, including its errors
 *   (unterminated strings, bad numbers, invalid characters, unmatched
 *   brackets, tabs/spaces inconsistencies, backslash continuations, also
 *   inside indentation), its type comments and the line its error messages
 *   quote (`tok->buf`, which a token spanning lines keeps on its first).
 *
 * Both work on JavaScript strings; columns are UTF-16 indices internally and
 * converted to code points (Python `str` indices) or UTF-8 byte offsets only
 * where a message needs them.
 */

// ---------------------------------------------------------------------------
// Python string helpers shared by the tokenizers, the syntax checker and
// find-tags.
// ---------------------------------------------------------------------------

/** Characters for which Python's `str.isspace()` is true, as a class body. */
export const PY_SPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const PRINTABLE_EXCLUDED = /^[\p{C}\p{Z}]$/u;

/** Python `ch.isprintable()` for one code point. */
export function isPyPrintable(cp: number): boolean {
  if (cp === 0x20) return true;
  return !PRINTABLE_EXCLUDED.test(String.fromCodePoint(cp));
}

/** Python `repr(s)` for a `str`. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else {
      const cp = ch.codePointAt(0)!;
      if (isPyPrintable(cp)) out += ch;
      else if (cp <= 0xff) out += '\\x' + cp.toString(16).padStart(2, '0');
      else if (cp <= 0xffff) out += '\\u' + cp.toString(16).padStart(4, '0');
      else out += '\\U' + cp.toString(16).padStart(8, '0');
    }
  }
  return out + quote;
}

/** Number of code points in `s.slice(from, to)`. */
export function codePointCount(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Number of UTF-8 bytes of `s.slice(from, to)`. */
export function utf8Length(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * CPython's `_PyPegen_byte_offset_to_character_offset`: the number of
 * characters obtained by decoding the first `byteOffset` bytes of `line`
 * (a partial character counts as one replacement character), with the
 * offset clamped to the line's byte length plus one.
 */
export function byteOffsetToCharOffset(line: string, byteOffset: number): number {
  const total = utf8Length(line);
  let remaining = Math.min(byteOffset, total + 1);
  if (remaining <= 0) return 0;
  let chars = 0;
  for (let i = 0; i < line.length && remaining > 0; i++) {
    const c = line.charCodeAt(i);
    let size: number;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      const d = line.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        size = 4;
        i++;
      } else size = 3;
    } else size = 3;
    remaining -= size;
    chars++;
  }
  if (remaining > 0) chars++; // the terminating NUL byte
  return chars;
}

const XID_START = /^[\p{XID_Start}_]$/u;
const XID_CONTINUE = /^\p{XID_Continue}$/u;

/** Python's identifier rule for a first character (`'_'` or XID_Start). */
export function isIdentifierStart(ch: string): boolean {
  return XID_START.test(ch);
}

/** Python's identifier rule for a following character (XID_Continue). */
export function isIdentifierContinue(ch: string): boolean {
  return XID_CONTINUE.test(ch);
}

/** A Python exception reported as data: its class name and its `repr()`. */
export interface PyException {
  readonly type: string;
  readonly repr: string;
}

// ---------------------------------------------------------------------------
// Pure-Python tokenize (Lib/tokenize.py of CPython 3.11)
// ---------------------------------------------------------------------------

export type PyTokenType =
  | 'ENDMARKER'
  | 'NAME'
  | 'NUMBER'
  | 'STRING'
  | 'NEWLINE'
  | 'INDENT'
  | 'DEDENT'
  | 'OP'
  | 'COMMENT'
  | 'NL'
  | 'ERRORTOKEN';

/** One token of {@link generateTokens}; lines are 1-based, columns UTF-16 indices. */
export interface PyToken {
  readonly type: PyTokenType;
  readonly string: string;
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Result of {@link generateTokens}: the tokens produced, then the error that stopped it, if any. */
export interface PyTokenStream {
  readonly tokens: PyToken[];
  readonly error: PyException | null;
}

const TABSIZE = 8;

/** Python's `\w` for `str` patterns: alphanumerics (`str.isalnum`) and `_`. */
const PY_WORD = '[\\p{L}\\p{N}_]';
/** Every valid string prefix (b, r, u, f, br, fr in any order and case), or none. */
const STRING_PREFIX = '(?:[bB][rR]?|[rR][bBfF]?|[uU]|[fF][rR]?)?';

const OPERATORS = [
  '!=', '%', '%=', '&', '&=', '(', ')', '*', '**', '**=', '*=', '+', '+=', ',', '-', '-=', '->', '.',
  '...', '/', '//', '//=', '/=', ':', ':=', ';', '<', '<<', '<<=', '<=', '=', '==', '>', '>=', '>>',
  '>>=', '@', '@=', '[', ']', '^', '^=', '{', '|', '|=', '}', '~',
];

function escapeRe(s: string): string {
  // Only syntax characters: with the `u` flag, escaping anything else (`-`) is an error.
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const DIGITS = '[0-9](?:_?[0-9])*';
const EXPONENT = `[eE][-+]?${DIGITS}`;
const POINTFLOAT = `(?:${DIGITS}\\.(?:${DIGITS})?|\\.${DIGITS})(?:${EXPONENT})?`;
const EXPFLOAT = `${DIGITS}${EXPONENT}`;
const FLOATNUMBER = `(?:${POINTFLOAT}|${EXPFLOAT})`;
const IMAGNUMBER = `(?:${DIGITS}[jJ]|${FLOATNUMBER}[jJ])`;
const INTNUMBER =
  '(?:0[xX](?:_?[0-9a-fA-F])+|0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|(?:0(?:_?0)*|[1-9](?:_?[0-9])*))';
const NUMBER = `(?:${IMAGNUMBER}|${FLOATNUMBER}|${INTNUMBER})`;
const SPECIAL = [...OPERATORS].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
const FUNNY = `(?:\\r?\\n|${SPECIAL})`;
// A backslash escapes any character but a newline (Python's `.`).
const CONT_STR =
  `(?:${STRING_PREFIX}'[^\\n'\\\\]*(?:\\\\[^\\n][^\\n'\\\\]*)*(?:'|\\\\\\r?\\n)` +
  `|${STRING_PREFIX}"[^\\n"\\\\]*(?:\\\\[^\\n][^\\n"\\\\]*)*(?:"|\\\\\\r?\\n))`;
const TRIPLE = `(?:${STRING_PREFIX}'''|${STRING_PREFIX}""")`;
const PSEUDO_EXTRAS = `(?:\\\\\\r?\\n|$|#[^\\r\\n]*|${TRIPLE})`;
const PSEUDO_TOKEN = new RegExp(
  `[ \\f\\t]*(${PSEUDO_EXTRAS}|${NUMBER}|${FUNNY}|${CONT_STR}|${PY_WORD}+)`,
  'uy',
);

const END_SINGLE = /[^'\\]*(?:\\[^\n][^'\\]*)*'/y;
const END_DOUBLE = /[^"\\]*(?:\\[^\n][^"\\]*)*"/y;
const END_SINGLE3 = /[^'\\]*(?:(?:\\[^\n]|'(?!''))[^'\\]*)*'''/y;
const END_DOUBLE3 = /[^"\\]*(?:(?:\\[^\n]|"(?!""))[^"\\]*)*"""/y;

const STRING_PREFIX_ONLY = /^(?:[bB][rR]?|[rR][bBfF]?|[uU]|[fF][rR]?)?$/;

function isStringPrefix(s: string): boolean {
  return STRING_PREFIX_ONLY.test(s);
}

/** `token in triple_quoted`. */
function isTripleQuoted(token: string): boolean {
  const n = token.length;
  if (n < 3) return false;
  const q = token.slice(n - 3);
  return (q === "'''" || q === '"""') && isStringPrefix(token.slice(0, n - 3));
}

/** `token in single_quoted` for a candidate such as `r'` or `'`. */
function isSingleQuotedStart(s: string): boolean {
  if (s.length === 0) return false;
  const q = s[s.length - 1];
  return (q === "'" || q === '"') && isStringPrefix(s.slice(0, -1));
}

function endPatternFor(quote: string, triple: boolean): RegExp {
  if (quote === "'") return triple ? END_SINGLE3 : END_SINGLE;
  return triple ? END_DOUBLE3 : END_DOUBLE;
}

function matchAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

const PY_STRIP_LEFT = new RegExp(`^[${PY_SPACE_CLASS}]+`);

/**
 * `tokenize.generate_tokens` of CPython 3.11 over the given lines (each as
 * `readline()` would return it, normally with its line break). Tokens are
 * produced until the end or until the tokenizer raises, in which case
 * `error` holds the exception.
 */
export function generateTokens(lines: readonly string[]): PyTokenStream {
  const tokens: PyToken[] = [];
  let index = 0;
  try {
    for (const t of tokenizeLines(() => (index < lines.length ? lines[index++]! : ''))) tokens.push(t);
  } catch (e) {
    if (e instanceof PyTokenizeError) return { tokens, error: e.exc };
    throw e;
  }
  return { tokens, error: null };
}

/** The exception `tokenize` raised, thrown by {@link tokenizeLines}. */
export class PyTokenizeError extends Error {
  constructor(readonly exc: PyException) {
    super(exc.repr);
    this.name = 'PyTokenizeError';
  }
}

function tok(type: PyTokenType, str: string, sl: number, sc: number, el: number, ec: number): PyToken {
  return { type, string: str, startLine: sl, startCol: sc, endLine: el, endCol: ec };
}

/**
 * The lazy form of {@link generateTokens}: `readline` returns each line in
 * turn, then `''`; a tokenizer exception is thrown as {@link PyTokenizeError}
 * when the token after the last one produced is asked for, as Python's
 * generator does.
 */
export function* tokenizeLines(readline: () => string): Generator<PyToken, void, undefined> {
  let lnum = 0;
  let parenlev = 0;
  let continued = false;
  let contstr = '';
  let needcont = false;
  let contline = '';
  let strstartLine = 0;
  let strstartCol = 0;
  let strstartText = '';
  let endprog: RegExp = END_SINGLE;
  const indents: number[] = [0];
  let lastLine = '';
  let line = '';

  for (;;) {
    lastLine = line;
    line = readline();
    lnum += 1;
    let pos = 0;
    const max = line.length;

    if (contstr !== '') {
      if (line === '') {
        throw new PyTokenizeError(
          tokenError('EOF in multi-line string', strstartLine, codePointCount(strstartText, 0, strstartCol)),
        );
      }
      const endmatch = matchAt(endprog, line, 0);
      if (endmatch) {
        pos = endmatch.index + endmatch[0].length;
        yield tok('STRING', contstr + line.slice(0, pos), strstartLine, strstartCol, lnum, pos);
        contstr = '';
        needcont = false;
        contline = '';
      } else if (needcont && !line.endsWith('\\\n') && !line.endsWith('\\\r\n')) {
        yield tok('ERRORTOKEN', contstr + line, strstartLine, strstartCol, lnum, line.length);
        contstr = '';
        contline = '';
        continue;
      } else {
        contstr += line;
        contline += line;
        continue;
      }
    } else if (parenlev === 0 && !continued) {
      if (line === '') break;
      let column = 0;
      while (pos < max) {
        const ch = line[pos];
        if (ch === ' ') column += 1;
        else if (ch === '\t') column = (Math.floor(column / TABSIZE) + 1) * TABSIZE;
        else if (ch === '\f') column = 0;
        else break;
        pos += 1;
      }
      if (pos === max) break;

      const first = line[pos]!;
      if (first === '#' || first === '\r' || first === '\n') {
        if (first === '#') {
          const commentToken = line.slice(pos).replace(/[\r\n]+$/, '');
          yield tok('COMMENT', commentToken, lnum, pos, lnum, pos + commentToken.length);
          pos += commentToken.length;
        }
        yield tok('NL', line.slice(pos), lnum, pos, lnum, line.length);
        continue;
      }

      if (column > indents[indents.length - 1]!) {
        indents.push(column);
        yield tok('INDENT', line.slice(0, pos), lnum, 0, lnum, pos);
      }
      while (column < indents[indents.length - 1]!) {
        if (!indents.includes(column)) {
          throw new PyTokenizeError({
            type: 'IndentationError',
            repr:
              `IndentationError('unindent does not match any outer indentation level', ` +
              `('<tokenize>', ${lnum}, ${codePointCount(line, 0, pos)}, ${pyRepr(line)}))`,
          });
        }
        indents.pop();
        yield tok('DEDENT', '', lnum, pos, lnum, pos);
      }
    } else {
      if (line === '') {
        throw new PyTokenizeError(tokenError('EOF in multi-line statement', lnum, 0));
      }
      continued = false;
    }

    while (pos < max) {
      // Fast path for plain ASCII names and one-character brackets and
      // separators: exactly what the pseudo-token pattern matches there.
      let p = pos;
      let c = line.charCodeAt(p);
      while (c === 0x20 || c === 0x09 || c === 0x0c) c = line.charCodeAt(++p);
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) {
        let q = p + 1;
        let d = line.charCodeAt(q);
        while ((d >= 0x61 && d <= 0x7a) || (d >= 0x41 && d <= 0x5a) || (d >= 0x30 && d <= 0x39) || d === 0x5f) {
          d = line.charCodeAt(++q);
        }
        // A quote may make the word a string prefix; a non-ASCII character may continue it.
        if (!(d === 0x27 || d === 0x22 || d >= 0x80)) {
          yield tok('NAME', line.slice(p, q), lnum, p, lnum, q);
          pos = q;
          continue;
        }
      } else if (c === 0x28 || c === 0x5b || c === 0x7b) {
        parenlev += 1;
        yield tok('OP', line[p]!, lnum, p, lnum, p + 1);
        pos = p + 1;
        continue;
      } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
        parenlev -= 1;
        yield tok('OP', line[p]!, lnum, p, lnum, p + 1);
        pos = p + 1;
        continue;
      } else if (c === 0x2c || c === 0x3b || c === 0x7e) {
        yield tok('OP', line[p]!, lnum, p, lnum, p + 1);
        pos = p + 1;
        continue;
      } else if (c === 0x0a || (c === 0x0d && line.charCodeAt(p + 1) === 0x0a)) {
        const end = c === 0x0a ? p + 1 : p + 2;
        yield tok(parenlev > 0 ? 'NL' : 'NEWLINE', line.slice(p, end), lnum, p, lnum, end);
        pos = end;
        continue;
      } else if (c === 0x23) {
        let q = p + 1;
        for (let d = line.charCodeAt(q); q < max && d !== 0x0a && d !== 0x0d; d = line.charCodeAt(++q));
        yield tok('COMMENT', line.slice(p, q), lnum, p, lnum, q);
        pos = q;
        continue;
      } else if (c === 0x2e || c === 0x3d || c === 0x3a) {
        // '.', '=' and ':' alone (not '...', '.5', '==', ':=').
        const d = line.charCodeAt(p + 1);
        if (d !== 0x3d && !(c === 0x2e && (d === 0x2e || (d >= 0x30 && d <= 0x39)))) {
          yield tok('OP', line[p]!, lnum, p, lnum, p + 1);
          pos = p + 1;
          continue;
        }
      } else if (c >= 0x31 && c <= 0x39) {
        // A plain decimal integer (digits only, then no number character).
        let q = p + 1;
        let d = line.charCodeAt(q);
        while (d >= 0x30 && d <= 0x39) d = line.charCodeAt(++q);
        if (!(d === 0x2e || d === 0x5f || d === 0x65 || d === 0x45 || d === 0x6a || d === 0x4a)) {
          yield tok('NUMBER', line.slice(p, q), lnum, p, lnum, q);
          pos = q;
          continue;
        }
      } else if (c === 0x27 || c === 0x22) {
        // A one-line string without escapes (and not the start of a triple-quoted one).
        if (line.charCodeAt(p + 1) !== c) {
          let q = p + 1;
          let d = line.charCodeAt(q);
          while (q < max && d !== c && d !== 0x5c && d !== 0x0a && d !== 0x0d) d = line.charCodeAt(++q);
          if (q < max && d === c) {
            yield tok('STRING', line.slice(p, q + 1), lnum, p, lnum, q + 1);
            pos = q + 1;
            continue;
          }
        }
      }
      const pseudomatch = matchAt(PSEUDO_TOKEN, line, pos);
      if (pseudomatch) {
        const token = pseudomatch[1]!;
        const end = pseudomatch.index + pseudomatch[0].length;
        const start = end - token.length;
        pos = end;
        if (start === end) continue;
        const initial = line[start]!;

        if ((initial >= '0' && initial <= '9') || (initial === '.' && token !== '.' && token !== '...')) {
          yield tok('NUMBER', token, lnum, start, lnum, end);
        } else if (initial === '\r' || initial === '\n') {
          yield tok(parenlev > 0 ? 'NL' : 'NEWLINE', token, lnum, start, lnum, end);
        } else if (initial === '#') {
          yield tok('COMMENT', token, lnum, start, lnum, end);
        } else if (isTripleQuoted(token)) {
          endprog = endPatternFor(token[token.length - 1]!, true);
          const endmatch = matchAt(endprog, line, pos);
          if (endmatch) {
            pos = endmatch.index + endmatch[0].length;
            yield tok('STRING', line.slice(start, pos), lnum, start, lnum, pos);
          } else {
            strstartLine = lnum;
            strstartCol = start;
            strstartText = line;
            contstr = line.slice(start);
            contline = line;
            break;
          }
        } else if (
          isSingleQuotedStart(initial) ||
          isSingleQuotedStart(token.slice(0, 2)) ||
          isSingleQuotedStart(token.slice(0, 3))
        ) {
          if (token[token.length - 1] === '\n') {
            strstartLine = lnum;
            strstartCol = start;
            strstartText = line;
            const quote = /['"]/.exec(token)![0];
            endprog = endPatternFor(quote, false);
            contstr = line.slice(start);
            needcont = true;
            contline = line;
            break;
          }
          yield tok('STRING', token, lnum, start, lnum, end);
        } else if (isIdentifierStart(String.fromCodePoint(token.codePointAt(0)!))) {
          yield tok('NAME', token, lnum, start, lnum, end);
        } else if (initial === '\\') {
          continued = true;
        } else {
          if (initial === '(' || initial === '[' || initial === '{') parenlev += 1;
          else if (initial === ')' || initial === ']' || initial === '}') parenlev -= 1;
          yield tok('OP', token, lnum, start, lnum, end);
        }
      } else {
        // One UTF-16 unit at a time would split astral characters; take the code point.
        const cp = line.codePointAt(pos)!;
        const w = cp > 0xffff ? 2 : 1;
        yield tok('ERRORTOKEN', line.slice(pos, pos + w), lnum, pos, lnum, pos + w);
        pos += w;
      }
    }
  }

  if (lastLine !== '') {
    const lastCh = lastLine[lastLine.length - 1];
    if (lastCh !== '\r' && lastCh !== '\n' && !lastLine.replace(PY_STRIP_LEFT, '').startsWith('#')) {
      yield tok('NEWLINE', '', lnum - 1, lastLine.length, lnum - 1, lastLine.length + 1);
    }
  }
  for (let i = 1; i < indents.length; i++) yield tok('DEDENT', '', lnum, 0, lnum, 0);
  yield tok('ENDMARKER', '', lnum, 0, lnum, 0);
  // `contline` is kept for parity with the reference implementation's state.
  void contline;
}

function tokenError(msg: string, line: number, col: number): PyException {
  return { type: 'TokenError', repr: `TokenError(${pyRepr(msg)}, (${line}, ${col}))` };
}

// ---------------------------------------------------------------------------
// C tokenizer (Parser/tokenizer.c of CPython 3.11), as used by ast.parse
// ---------------------------------------------------------------------------

export type CTokenType =
  | 'ENDMARKER'
  | 'NAME'
  | 'NUMBER'
  | 'STRING'
  | 'NEWLINE'
  | 'INDENT'
  | 'DEDENT'
  | 'OP'
  | 'TYPE_COMMENT'
  | 'TYPE_IGNORE'
  | 'ERRORTOKEN';

/**
 * A token of {@link CTokenizer}. `start`/`end` are UTF-16 indices into the
 * tokenizer's translated source, or -1 when CPython gives the token no
 * position (INDENT, DEDENT, ENDMARKER, errors). `lineStart` is the index of
 * the start of the token's first line (the line where a string began).
 */
export interface CToken {
  readonly type: CTokenType;
  /**
   * What the parser matches: the keyword for a NAME that is a (hard)
   * keyword, the operator for an OP, else the type.
   */
  readonly kind: string;
  readonly string: string;
  readonly lineno: number;
  readonly endLineno: number;
  readonly start: number;
  readonly end: number;
  readonly lineStart: number;
  readonly endLineStart: number;
  /** Bracket nesting level after the token (CPython's `tok->level`). */
  readonly level: number;
  /** Parser memo (pegen's `token->memo`): rule, end, result triples; null when empty. */
  memo: unknown[] | null;
}

/** How the C tokenizer stopped (CPython's `tok->done`). */
export type CTokDone = 'OK' | 'EOF' | 'ERROR' | 'DEDENT' | 'TABSPACE' | 'TOODEEP' | 'LINECONT';

/** A syntax error as CPython builds it: class, message and location tuple. */
export interface PySyntaxError {
  readonly type: 'SyntaxError' | 'IndentationError' | 'TabError';
  readonly msg: string;
  /** null for errors raised without location (null bytes). */
  readonly lineno: number | null;
  readonly offset: number;
  readonly text: string | null;
  readonly endLineno: number;
  readonly endOffset: number;
}

/** `repr()` of a syntax error raised by `ast.parse` on a string. */
export function syntaxErrorRepr(e: PySyntaxError): string {
  if (e.lineno === null) return `${e.type}(${pyRepr(e.msg)})`;
  const text = e.text === null ? 'None' : pyRepr(e.text);
  return `${e.type}(${pyRepr(e.msg)}, ('<unknown>', ${e.lineno}, ${e.offset}, ${text}, ${e.endLineno}, ${e.endOffset}))`;
}

const EOF = -1;
const MAXINDENT = 100;
const MAXLEVEL = 200;

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHexDigit(c: number): boolean {
  return isAsciiDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isPotentialIdentifierStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c >= 128;
}
function isPotentialIdentifierChar(c: number): boolean {
  return isPotentialIdentifierStart(c) || isAsciiDigit(c);
}

/** The hard keywords of Python 3.11 (`keyword.kwlist`). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const TWO_CHAR_OPS = new Set([
  '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '<>', '==', '>=', '>>',
  '@=', '^=', '|=',
]);
const THREE_CHAR_OPS = new Set(['**=', '...', '//=', '<<=', '>>=']);

/**
 * The C tokenizer over a whole source string, pulled one token at a time
 * with {@link CTokenizer.next}. After an `ERRORTOKEN`, `error` holds the
 * SyntaxError the tokenizer raised itself (CPython's `syntaxerror()`), or is
 * null when only `done` tells what went wrong (the parser then words it).
 */
export class CTokenizer {
  /** Source after newline translation, always ending with `\n`. */
  readonly src: string;
  private readonly typeComments: boolean;
  cur = 0;
  /** End of the current line (index after its `\n`). */
  inp = 0;
  /** Start of the current line. */
  lineStart = 0;
  /** Start of the last line read (CPython's `tok->buf` for string input). */
  bufStart = 0;
  lineno = 0;
  done: CTokDone = 'OK';
  error: PySyntaxError | null = null;
  level = 0;
  private atbol = true;
  private pendin = 0;
  private readonly indstack: number[] = [0];
  private readonly altindstack: number[] = [0];
  private readonly parenstack: number[] = [];
  /** Line number of each open bracket (CPython's `parenlinenostack`). */
  readonly parenlinenostack: number[] = [];
  /** Column (UTF-16 index in its line) and line start of each open bracket. */
  readonly parencolstack: number[] = [];
  readonly parenlinestartstack: number[] = [];
  private start = -1;
  private firstLineno = 0;
  private multiLineStart = 0;

  /**
   * `lineno`: the line number before the first line (CPython's initial
   * `tok->lineno`, which f-string expression parsers set).
   */
  constructor(source: string, options: { typeComments?: boolean; lineno?: number } = {}) {
    this.src = translateNewlines(source);
    this.typeComments = options.typeComments ?? false;
    this.lineno = options.lineno ?? 0;
  }

  private nextc(): number {
    if (this.cur !== this.inp) return this.src.charCodeAt(this.cur++);
    if (this.done !== 'OK') return EOF;
    if (this.inp >= this.src.length) {
      this.done = 'EOF';
      this.cur = this.inp;
      return EOF;
    }
    const nl = this.src.indexOf('\n', this.inp);
    this.lineStart = this.inp;
    // `tok->buf` only moves between tokens: a string or a backslash
    // continuation keeps it on the line where the token started.
    if (this.start === -1) this.bufStart = this.inp;
    this.inp = nl < 0 ? this.src.length : nl + 1;
    this.lineno += 1;
    return this.src.charCodeAt(this.cur++);
  }

  private backup(c: number): void {
    if (c !== EOF) this.cur -= 1;
  }

  /** Text of the current line without its `\n`. */
  private currentLineText(): string {
    const nl = this.src.indexOf('\n', this.lineStart);
    return this.src.slice(this.lineStart, nl < 0 ? this.src.length : nl);
  }

  /**
   * CPython's tokenizer `syntaxerror()`: the column defaults to the length
   * in characters of the line up to the current position.
   */
  private syntaxError(msg: string, colOffset = -1, endColOffset = -1): CToken {
    let col = colOffset;
    if (col === -1) col = codePointCount(this.src, this.lineStart, this.cur);
    const end = endColOffset === -1 ? col : endColOffset;
    this.error = {
      type: 'SyntaxError',
      msg,
      lineno: this.lineno,
      offset: col,
      text: this.currentLineText(),
      endLineno: this.lineno,
      endOffset: end,
    };
    this.done = 'ERROR';
    return this.make('ERRORTOKEN', -1, -1);
  }

  private make(type: CTokenType, start: number, end: number, lineStart = this.lineStart, lineno = this.lineno): CToken {
    const string = start >= 0 && end >= start ? this.src.slice(start, end) : '';
    return {
      type,
      kind: type === 'OP' || (type === 'NAME' && KEYWORDS.has(string)) ? string : type,
      string,
      lineno,
      endLineno: this.lineno,
      start,
      end,
      lineStart,
      endLineStart: this.lineStart,
      level: this.level,
      memo: null,
    };
  }

  private failDone(done: CTokDone): CToken {
    this.done = done;
    this.cur = this.inp;
    return this.make('ERRORTOKEN', -1, -1);
  }

  /** Next token (CPython's `tok_get`). */
  next(): CToken {
    if (this.done !== 'OK' && this.done !== 'EOF') return this.make('ERRORTOKEN', -1, -1);
    let c: number;
    let blankline: boolean;
    nextline: for (;;) {
      this.start = -1;
      blankline = false;
      if (this.atbol) {
        let col = 0;
        let altcol = 0;
        // Column of the first backslash continuation in the indentation (3.11.7; 0 counts as none).
        let contLineCol = 0;
        this.atbol = false;
        for (;;) {
          c = this.nextc();
          if (c === 0x20) {
            col++;
            altcol++;
          } else if (c === 0x09) {
            col = (Math.floor(col / TABSIZE) + 1) * TABSIZE;
            altcol = altcol + 1;
          } else if (c === 0x0c) {
            col = altcol = 0;
          } else if (c === 0x5c) {
            contLineCol = contLineCol || col;
            if (!this.continuationLine()) return this.make('ERRORTOKEN', -1, -1);
          } else break;
        }
        this.backup(c);
        if (c === 0x23 || c === 0x0a) blankline = true;
        if (!blankline && this.level === 0) {
          if (contLineCol) {
            col = contLineCol;
            altcol = contLineCol;
          }
          const top = this.indstack.length - 1;
          if (col === this.indstack[top]) {
            if (altcol !== this.altindstack[top]) return this.failDone('TABSPACE');
          } else if (col > this.indstack[top]!) {
            if (this.indstack.length >= MAXINDENT) return this.failDone('TOODEEP');
            if (altcol <= this.altindstack[top]!) return this.failDone('TABSPACE');
            this.pendin++;
            this.indstack.push(col);
            this.altindstack.push(altcol);
          } else {
            while (this.indstack.length > 1 && col < this.indstack[this.indstack.length - 1]!) {
              this.pendin--;
              this.indstack.pop();
              this.altindstack.pop();
            }
            if (col !== this.indstack[this.indstack.length - 1]) return this.failDone('DEDENT');
            if (altcol !== this.altindstack[this.altindstack.length - 1]) return this.failDone('TABSPACE');
          }
        }
      }

      this.start = this.cur;
      if (this.pendin !== 0) {
        if (this.pendin < 0) {
          this.pendin++;
          return this.make('DEDENT', -1, -1);
        }
        this.pendin--;
        return this.make('INDENT', -1, -1);
      }

      again: for (;;) {
        this.start = -1;
        do {
          c = this.nextc();
        } while (c === 0x20 || c === 0x09 || c === 0x0c);
        this.start = c === EOF ? this.cur : this.cur - 1;

        if (c === 0x23) {
          while (c !== EOF && c !== 0x0a) c = this.nextc();
          if (this.typeComments) {
            const tc = this.typeComment(c, blankline);
            if (tc) return tc;
          }
        }

        if (c === EOF) {
          if (this.level > 0) return this.make('ERRORTOKEN', -1, -1);
          return this.done === 'EOF' ? this.make('ENDMARKER', -1, -1) : this.make('ERRORTOKEN', -1, -1);
        }

        if (isPotentialIdentifierStart(c)) {
          let sawB = false;
          let sawR = false;
          let sawU = false;
          let sawF = false;
          let isString = false;
          for (;;) {
            if (!(sawB || sawU || sawF) && (c === 0x62 || c === 0x42)) sawB = true;
            else if (!(sawB || sawU || sawR || sawF) && (c === 0x75 || c === 0x55)) sawU = true;
            else if (!(sawR || sawU) && (c === 0x72 || c === 0x52)) sawR = true;
            else if (!(sawF || sawB || sawU) && (c === 0x66 || c === 0x46)) sawF = true;
            else break;
            c = this.nextc();
            if (c === 0x22 || c === 0x27) {
              isString = true;
              break;
            }
          }
          if (isString) return this.stringToken(c);
          let nonascii = false;
          while (isPotentialIdentifierChar(c)) {
            if (c >= 128) nonascii = true;
            c = this.nextc();
          }
          this.backup(c);
          if (nonascii && !this.verifyIdentifier()) return this.make('ERRORTOKEN', -1, -1);
          return this.make('NAME', this.start, this.cur);
        }

        if (c === 0x0a) {
          this.atbol = true;
          if (blankline || this.level > 0) continue nextline;
          return this.make('NEWLINE', this.start, this.cur - 1);
        }

        if (c === 0x2e) {
          c = this.nextc();
          if (isAsciiDigit(c)) return this.number(c, 'fraction');
          if (c === 0x2e) {
            c = this.nextc();
            if (c === 0x2e) return this.make('OP', this.start, this.cur);
            this.backup(c);
            this.backup(0x2e);
          } else {
            this.backup(c);
          }
          return this.make('OP', this.start, this.cur);
        }

        if (isAsciiDigit(c)) return this.number(c, 'start');

        if (c === 0x27 || c === 0x22) return this.stringToken(c);

        if (c === 0x5c) {
          if (!this.continuationLine()) return this.make('ERRORTOKEN', -1, -1);
          continue again;
        }

        // Two- and three-character operators.
        {
          const c2 = this.nextc();
          if (c2 !== EOF) {
            const two = String.fromCharCode(c, c2);
            if (TWO_CHAR_OPS.has(two)) {
              const c3 = this.nextc();
              if (c3 !== EOF && THREE_CHAR_OPS.has(two + String.fromCharCode(c3))) {
                return this.make('OP', this.start, this.cur);
              }
              this.backup(c3);
              return this.make('OP', this.start, this.cur);
            }
          }
          this.backup(c2);
        }

        if (c === 0x28 || c === 0x5b || c === 0x7b) {
          if (this.level >= MAXLEVEL) return this.syntaxError('too many nested parentheses');
          this.parenstack.push(c);
          this.parenlinenostack.push(this.lineno);
          this.parencolstack.push(this.start - this.lineStart);
          this.parenlinestartstack.push(this.lineStart);
          this.level++;
        } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
          if (this.level === 0) return this.syntaxError(`unmatched '${String.fromCharCode(c)}'`);
          this.level--;
          const opening = this.parenstack.pop()!;
          const openLine = this.parenlinenostack.pop()!;
          this.parencolstack.pop();
          this.parenlinestartstack.pop();
          if (!((opening === 0x28 && c === 0x29) || (opening === 0x5b && c === 0x5d) || (opening === 0x7b && c === 0x7d))) {
            const cl = String.fromCharCode(c);
            const op = String.fromCharCode(opening);
            if (openLine !== this.lineno) {
              return this.syntaxError(
                `closing parenthesis '${cl}' does not match opening parenthesis '${op}' on line ${openLine}`,
              );
            }
            return this.syntaxError(`closing parenthesis '${cl}' does not match opening parenthesis '${op}'`);
          }
        }

        if (!isPyPrintable(c)) {
          return this.syntaxError(`invalid non-printable character U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
        }
        return this.make('OP', this.start, this.cur);
      }
    }
  }

  /** `tok_continuation_line`, after a backslash: false (with `done` set) on an error. */
  private continuationLine(): boolean {
    let c = this.nextc();
    if (c !== 0x0a) {
      this.done = 'LINECONT';
      return false;
    }
    c = this.nextc();
    if (c === EOF) {
      this.done = 'EOF';
      this.cur = this.inp;
      return false;
    }
    this.backup(c);
    return true;
  }

  private typeComment(c: number, blankline: boolean): CToken | null {
    // The comment spans [start, cur) with cur after the last read character.
    const commentEnd = c === EOF ? this.cur : this.cur - 1;
    const src = this.src;
    let p = this.start;
    const prefix = '# type: ';
    let k = 0;
    while (k < prefix.length && p < commentEnd) {
      const pc = prefix[k]!;
      if (pc === ' ') {
        while (p < commentEnd && (src[p] === ' ' || src[p] === '\t')) p++;
      } else if (src[p] === pc) {
        p++;
      } else break;
      k++;
    }
    // A trailing space in the prefix also matches zero characters at the end.
    while (k < prefix.length && prefix[k] === ' ') k++;
    if (k < prefix.length) return null;
    this.backup(c);
    const typeStart = p;
    const ignoreEnd = p + 6;
    const isIgnore =
      this.cur >= ignoreEnd &&
      src.startsWith('ignore', p) &&
      !(this.cur > ignoreEnd && (src.charCodeAt(ignoreEnd) >= 128 || /[A-Za-z0-9]/.test(src[ignoreEnd]!)));
    if (isIgnore) {
      const tok = this.make('TYPE_IGNORE', ignoreEnd, this.cur);
      if (blankline) {
        this.nextc();
        this.atbol = true;
      }
      return tok;
    }
    return this.make('TYPE_COMMENT', typeStart, this.cur);
  }

  private verifyIdentifier(): boolean {
    const s = this.src.slice(this.start, this.cur);
    let i = 0;
    let first = true;
    for (const ch of s) {
      const ok = first ? isIdentifierStart(ch) : isIdentifierContinue(ch);
      first = false;
      if (!ok) {
        this.cur = this.start + i + ch.length;
        const cp = ch.codePointAt(0)!;
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        if (isPyPrintable(cp)) this.syntaxError(`invalid character '${ch}' (U+${hex})`);
        else this.syntaxError(`invalid non-printable character U+${hex}`);
        return false;
      }
      i += ch.length;
    }
    return true;
  }

  /** `lookahead`: the characters of `test` follow, then a non-identifier character. */
  private lookahead(test: string): boolean {
    const read: number[] = [];
    let ok = false;
    for (let i = 0; ; i++) {
      const c = this.nextc();
      read.push(c);
      if (i === test.length) {
        ok = !isPotentialIdentifierChar(c);
        break;
      }
      if (c !== test.charCodeAt(i)) break;
    }
    for (let j = read.length - 1; j >= 0; j--) this.backup(read[j]!);
    return ok;
  }

  /** `verify_end_of_number`: false after raising an error. */
  private verifyEndOfNumber(c: number, kind: string): boolean {
    let r = false;
    if (c === 0x61) r = this.lookahead('nd');
    else if (c === 0x65) r = this.lookahead('lse');
    else if (c === 0x66) r = this.lookahead('or');
    else if (c === 0x69) {
      const c2 = this.nextc();
      if (c2 === 0x66 || c2 === 0x6e || c2 === 0x73) r = true;
      this.backup(c2);
    } else if (c === 0x6f) r = this.lookahead('r');
    else if (c === 0x6e) r = this.lookahead('ot');
    if (r) {
      // A SyntaxWarning only; the token goes on.
      return true;
    }
    // 3.11.7 only objects to ASCII identifier characters here (3.11.2 to any).
    if (c < 128 && isPotentialIdentifierChar(c)) {
      this.backup(c);
      this.syntaxError(`invalid ${kind} literal`);
      return false;
    }
    return true;
  }

  /** `tok_decimal_tail`: returns the character after the digits, or null after an error. */
  private decimalTail(): number | null {
    let c: number;
    for (;;) {
      do {
        c = this.nextc();
      } while (isAsciiDigit(c));
      if (c !== 0x5f) break;
      c = this.nextc();
      if (!isAsciiDigit(c)) {
        this.backup(c);
        this.syntaxError('invalid decimal literal');
        return null;
      }
    }
    return c;
  }

  private number(first: number, entry: 'start' | 'fraction'): CToken {
    const err = (): CToken => this.make('ERRORTOKEN', -1, -1);
    let c = first;
    let stage: 'fraction' | 'exponent' | 'imaginary' | 'afterInt' | 'done' = 'afterInt';
    if (entry === 'fraction') {
      stage = 'fraction';
    } else if (c === 0x30) {
      c = this.nextc();
      if (c === 0x78 || c === 0x58) {
        c = this.nextc();
        do {
          if (c === 0x5f) c = this.nextc();
          if (!isHexDigit(c)) {
            this.backup(c);
            return this.syntaxError('invalid hexadecimal literal');
          }
          do {
            c = this.nextc();
          } while (isHexDigit(c));
        } while (c === 0x5f);
        if (!this.verifyEndOfNumber(c, 'hexadecimal')) return err();
        stage = 'done';
      } else if (c === 0x6f || c === 0x4f) {
        c = this.nextc();
        do {
          if (c === 0x5f) c = this.nextc();
          if (c < 0x30 || c >= 0x38) {
            if (isAsciiDigit(c)) return this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in octal literal`);
            this.backup(c);
            return this.syntaxError('invalid octal literal');
          }
          do {
            c = this.nextc();
          } while (c >= 0x30 && c < 0x38);
        } while (c === 0x5f);
        if (isAsciiDigit(c)) return this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in octal literal`);
        if (!this.verifyEndOfNumber(c, 'octal')) return err();
        stage = 'done';
      } else if (c === 0x62 || c === 0x42) {
        c = this.nextc();
        do {
          if (c === 0x5f) c = this.nextc();
          if (c !== 0x30 && c !== 0x31) {
            if (isAsciiDigit(c)) return this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in binary literal`);
            this.backup(c);
            return this.syntaxError('invalid binary literal');
          }
          do {
            c = this.nextc();
          } while (c === 0x30 || c === 0x31);
        } while (c === 0x5f);
        if (isAsciiDigit(c)) return this.syntaxError(`invalid digit '${String.fromCharCode(c)}' in binary literal`);
        if (!this.verifyEndOfNumber(c, 'binary')) return err();
        stage = 'done';
      } else {
        let nonzero = false;
        for (;;) {
          if (c === 0x5f) {
            c = this.nextc();
            if (!isAsciiDigit(c)) {
              this.backup(c);
              return this.syntaxError('invalid decimal literal');
            }
          }
          if (c !== 0x30) break;
          c = this.nextc();
        }
        const zerosEnd = this.cur;
        if (isAsciiDigit(c)) {
          nonzero = true;
          const t = this.decimalTail();
          if (t === null) return err();
          c = t;
        }
        if (c === 0x2e) {
          c = this.nextc();
          stage = 'fraction';
        } else if (c === 0x65 || c === 0x45) {
          stage = 'exponent';
        } else if (c === 0x6a || c === 0x4a) {
          stage = 'imaginary';
        } else if (nonzero) {
          this.backup(c);
          return this.syntaxError(
            'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
            utf8Length(this.src, this.lineStart, this.start + 1),
            utf8Length(this.src, this.lineStart, zerosEnd),
          );
        } else {
          if (!this.verifyEndOfNumber(c, 'decimal')) return err();
          stage = 'done';
        }
      }
    } else {
      const t = this.decimalTail();
      if (t === null) return err();
      c = t;
      if (c === 0x2e) {
        c = this.nextc();
        stage = 'fraction';
      } else {
        stage = 'afterInt';
      }
    }

    if (stage === 'fraction') {
      if (isAsciiDigit(c)) {
        const t = this.decimalTail();
        if (t === null) return err();
        c = t;
      }
      stage = 'afterInt';
    }
    if (stage === 'afterInt') {
      if (c === 0x65 || c === 0x45) stage = 'exponent';
      else if (c === 0x6a || c === 0x4a) stage = 'imaginary';
      else {
        if (!this.verifyEndOfNumber(c, 'decimal')) return err();
        stage = 'done';
      }
    }
    if (stage === 'exponent') {
      const e = c;
      c = this.nextc();
      if (c === 0x2b || c === 0x2d) {
        c = this.nextc();
        if (!isAsciiDigit(c)) {
          this.backup(c);
          return this.syntaxError('invalid decimal literal');
        }
      } else if (!isAsciiDigit(c)) {
        this.backup(c);
        if (!this.verifyEndOfNumber(e, 'decimal')) return err();
        this.backup(e);
        return this.make('NUMBER', this.start, this.cur);
      }
      const t = this.decimalTail();
      if (t === null) return err();
      c = t;
      if (c === 0x6a || c === 0x4a) stage = 'imaginary';
      else {
        if (!this.verifyEndOfNumber(c, 'decimal')) return err();
        stage = 'done';
      }
    }
    if (stage === 'imaginary') {
      c = this.nextc();
      if (!this.verifyEndOfNumber(c, 'imaginary')) return err();
    }
    this.backup(c);
    return this.make('NUMBER', this.start, this.cur);
  }

  private stringToken(quote: number): CToken {
    let quoteSize = 1;
    let endQuoteSize = 0;
    this.firstLineno = this.lineno;
    this.multiLineStart = this.lineStart;
    let c = this.nextc();
    if (c === quote) {
      c = this.nextc();
      if (c === quote) quoteSize = 3;
      else endQuoteSize = 1;
    }
    if (c !== quote) this.backup(c);
    while (endQuoteSize !== quoteSize) {
      c = this.nextc();
      if (c === EOF || (quoteSize === 1 && c === 0x0a)) {
        this.cur = this.start + 1;
        this.lineStart = this.multiLineStart;
        const detected = this.lineno;
        this.lineno = this.firstLineno;
        if (quoteSize === 3) {
          return this.syntaxError(`unterminated triple-quoted string literal (detected at line ${detected})`);
        }
        return this.syntaxError(`unterminated string literal (detected at line ${detected})`);
      }
      if (c === quote) endQuoteSize += 1;
      else {
        endQuoteSize = 0;
        if (c === 0x5c) this.nextc();
      }
    }
    return this.make('STRING', this.start, this.cur, this.multiLineStart, this.firstLineno);
  }
}

/**
 * The C tokenizer's `translate_newlines` for exec input: CRLF/CR to LF, final
 * LF added. As in CPython, a source ending with CRLF gets one more LF (its
 * loop stops on the NUL after the LF, then sees no final newline).
 */
export function translateNewlines(s: string): string {
  let out = s.indexOf('\r') === -1 ? s : s.replace(/\r\n?/g, '\n');
  if (!out.endsWith('\n') || s.endsWith('\r\n')) out += '\n';
  return out;
}
