/**
 * What Sphinx's `ModuleAnalyzer` does for `:pyobject:`, apart from the
 * `ast.parse` check (see pysyntax.ts):
 *
 * - {@link detectSourceEncoding}: how `tokenize.open` (CPython 3.11's
 *   `tokenize.detect_encoding`) picks a file's encoding (PEP 263);
 * - {@link findTags}: `ModuleAnalyzer.find_tags()`, that is Sphinx's
 *   `DefinitionFinder` (sphinx/pycode/parser.py) run over the pure-Python
 *   tokenizer.
 *
 * Line numbers are those of Sphinx: `DefinitionFinder` tokenizes
 * `code.replace('\f', ' ').splitlines(True)`, so every line boundary of
 * Python's `str.splitlines` counts (`\n`, `\r\n`, `\r`, `\v`, `\x1c`–`\x1e`,
 * `\x85`, U+2028, U+2029), even inside a string or a comment. That is also
 * how literalinclude splits the file it slices, so the numbers line up.
 *
 * Before `DefinitionFinder`, Sphinx's analysis runs `VariableCommentPicker`,
 * which re-tokenizes the source from every assignment it visits, starting at
 * `lines[lineno - 1][col_offset:]` with those same `splitlines` lines and a
 * UTF-8 byte offset used as a character index. Where such lines do not
 * match the parser's (separators above) or non-ASCII text precedes the
 * assignment on its line, that tokenization can fail (`AssertionError()`,
 * `TokenError`), and then `find_tags()` fails too; this is replayed here.
 * Not replayed (they need a full AST): the `NotImplementedError` Sphinx's
 * annotation unparser raises for a module- or class-level annotation
 * containing a comparison, conditional, comprehension, f-string, `await`,
 * `yield` or `:=`, and the errors `signature_from_ast` may raise for
 * `@overload` functions.
 */

import { lookupCodec } from './codecs.js';
import { parseStatements } from './pysyntax.js';
import type { PyStmt, PyTarget } from './pysyntax.js';
import { PY_SPACE_CLASS, pyRepr, PyTokenizeError, tokenizeLines } from './pytokenize.js';
import type { PyException, PyToken, PyTokenType } from './pytokenize.js';
import { splitLines } from './str.js';

/** One entry of `find_tags()`: the kind of definition and its 1-based first and last lines. */
export interface PyTag {
  readonly type: 'def' | 'class';
  readonly start: number;
  readonly end: number;
}

/** The exception with which Sphinx's `DefinitionFinder` stopped, as data. */
export class FindTagsError extends Error {
  /** Python class name, e.g. `IndentationError`, `TokenError`, `AttributeError`. */
  readonly pythonType: string;
  /** Python `repr()` of the exception (Sphinx prints `parsing '<file>' failed: <repr>`). */
  readonly repr: string;

  constructor(exc: PyException) {
    super(exc.repr);
    this.name = 'FindTagsError';
    this.pythonType = exc.type;
    this.repr = exc.repr;
  }
}

/**
 * Sphinx's `ModuleAnalyzer.find_tags()` on already-decoded source (as
 * `tokenize.open(...).read()` returns it, newlines translated): qualified
 * names (`Foo`, `Foo.bar`, `outer.InDef`) mapped to their kind and lines, in
 * the order Sphinx's dict has them. The source must be valid Python (check
 * with `checkPythonSyntax` first, as Sphinx does).
 *
 * Throws {@link FindTagsError} where Sphinx's `DefinitionFinder` raises
 * (tokenizer `IndentationError`/`TokenError` on sources whose line
 * separators are odd, see the module comment); {@link findTagsOrError}
 * returns that as data instead.
 */
export function findTags(source: string): Map<string, PyTag> {
  const result = findTagsOrError(source);
  if ('error' in result) throw new FindTagsError(result.error);
  return result.tags;
}

/** {@link findTags} with the exception returned as data. */
export function findTagsOrError(source: string): { tags: Map<string, PyTag> } | { error: PyException } {
  const code = source.replace(/\f/g, ' ');
  const lines = splitLines(code, true);
  try {
    pickVariableComments(code, lines);
    let index = 0;
    const finder = new DefinitionFinder(lines, tokenizeLines(() => (index < lines.length ? lines[index++]! : '')));
    finder.parse();
    return { tags: finder.definitions };
  } catch (e) {
    if (e instanceof PythonRaise) return { error: e.exc };
    throw e;
  }
}

/** Characters that make Sphinx's `splitlines` lines differ from the parser's. */
const EXTRA_LINE_BREAK = /[\v\x1c-\x1e\x85\u2028\u2029]/;
/**
 * Non-ASCII text before a statement that starts mid-line, which can only be
 * after a `;` or after the `:` of a compound statement's header.
 */
const NON_ASCII_BEFORE_STATEMENT = /[^\x00-\x7f][^\n\r]*[;:]/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * The part of Sphinx's `VariableCommentPicker` that can raise: for each
 * assignment it visits whose targets name variables, an `AfterCommentParser`
 * over `[current_line[col_offset:], *lines[lineno:]]`.
 */
function pickVariableComments(code: string, lines: readonly string[]): void {
  // With plain lines and ASCII before every assignment, each re-tokenization
  // sees exactly its statement, which Python has already accepted.
  const shifted = EXTRA_LINE_BREAK.test(code);
  if (!shifted && !NON_ASCII_BEFORE_STATEMENT.test(code)) return;
  const body = parseStatements(code);
  if (!body) return;
  const visit = (stmts: readonly PyStmt[], fn: Extract<PyStmt, { kind: 'def' }> | null): void => {
    for (const st of stmts) {
      switch (st.kind) {
        case 'assign': {
          const self = fn ? (fn.args[0] ?? fn.posonly[0] ?? null) : null;
          if (!st.targets.every((t) => createsVariable(t, self))) break;
          const current = pyGetLine(lines, st.lineno);
          const prefix = current.slice(0, st.col);
          if (!shifted && prefix.length === st.col && ASCII_ONLY.test(prefix)) break;
          afterCommentParse(pySliceFrom(current, st.col), lines, st.lineno);
          break;
        }
        case 'class':
          visit(st.body, fn);
          break;
        case 'def':
          if (fn === null) visit(st.body, st);
          break;
        case 'compound':
          for (const b of st.bodies) visit(b, fn);
          break;
        default:
          break;
      }
    }
  };
  visit(body, null);
}

/** Whether Sphinx's `get_lvar_names` accepts the target (no TypeError). */
function createsVariable(t: PyTarget, self: string | null): boolean {
  switch (t.kind) {
    case 'Name':
      return self === null || t.id === self;
    case 'Attribute':
      return self !== null && t.valueName === self;
    case 'Tuple':
    case 'List':
      return true;
    case 'Starred':
      return createsVariable(t.value, self);
    default:
      return false;
  }
}

/** `lines[lineno - 1]` with Python's indexing. */
function pyGetLine(lines: readonly string[], lineno: number): string {
  let i = lineno - 1;
  if (i < 0) i += lines.length;
  const line = i >= 0 ? lines[i] : undefined;
  if (line === undefined) throw new PythonRaise({ type: 'IndexError', repr: "IndexError('list index out of range')" });
  return line;
}

/** Python `s[n:]` (code points). */
function pySliceFrom(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return s.slice(i);
}

const ASSERTION_ERROR: PyException = { type: 'AssertionError', repr: 'AssertionError()' };

/** Sphinx's `AfterCommentParser(...).parse()`, for its exceptions only. */
function afterCommentParse(first: string, lines: readonly string[], from: number): void {
  let index = -1;
  const stream = new TokenStream(
    tokenizeLines(() => {
      const line = index < 0 ? first : from + index < lines.length ? lines[from + index]! : '';
      index++;
      return line;
    }),
  );
  let tok: PyToken | null;
  while ((tok = stream.fetch()) && !(isOp(tok, '=') || tok.type === 'NEWLINE' || tok.type === 'COMMENT'));
  if (!tok) throw new PythonRaise(ASSERTION_ERROR);
  if (isOp(tok, '=')) {
    // fetch_rvalue
    for (let cur = stream.fetch(); cur; cur = stream.fetch()) {
      if (cur.type === 'OP' && cur.string === '(') stream.fetchUntil(['OP', ')']);
      else if (cur.type === 'OP' && cur.string === '{') stream.fetchUntil(['OP', '}']);
      else if (cur.type === 'OP' && cur.string === '[') stream.fetchUntil(['OP', ']']);
      else if (cur.type === 'INDENT') stream.fetchUntil('DEDENT');
      else if (cur.type === 'OP' && cur.string === ';') break;
      else if (cur.type !== 'OP' && cur.type !== 'NAME' && cur.type !== 'NUMBER' && cur.type !== 'STRING') break;
    }
    if (!stream.current) throw new PythonRaise(ASSERTION_ERROR);
  }
}

function isOp(tok: PyToken, op: string): boolean {
  return tok.type === 'OP' && tok.string === op;
}

/** Sphinx's `TokenProcessor` over a lazy token stream. */
class TokenStream {
  current: PyToken | null = null;
  previous: PyToken | null = null;

  constructor(private readonly tokens: Generator<PyToken, void, undefined>) {}

  /** `fetch_token`: the next token, null at the end; tokenizer exceptions propagate. */
  fetch(): PyToken | null {
    this.previous = this.current;
    let r: IteratorResult<PyToken, void>;
    try {
      r = this.tokens.next();
    } catch (e) {
      if (e instanceof PyTokenizeError) throw new PythonRaise(e.exc);
      throw e;
    }
    this.current = r.done ? null : r.value;
    return this.current;
  }

  /** `fetch_until`: tokens up to and including `cond`, skipping bracketed groups. */
  fetchUntil(cond: Condition): void {
    for (let tok = this.fetch(); tok; tok = this.fetch()) {
      if (matches(tok, cond)) break;
      if (tok.type === 'OP') {
        if (tok.string === '(') this.fetchUntil(['OP', ')']);
        else if (tok.string === '{') this.fetchUntil(['OP', '}']);
        else if (tok.string === '[') this.fetchUntil(['OP', ']']);
      }
    }
  }
}

/** A Python exception travelling through the emulation. */
class PythonRaise {
  constructor(readonly exc: PyException) {}
}

function attributeError(attr: string): PythonRaise {
  return new PythonRaise({
    type: 'AttributeError',
    repr: `AttributeError(${pyRepr(`'NoneType' object has no attribute '${attr}'`)})`,
  });
}

const EMPTY_LINE = new RegExp(`^[${PY_SPACE_CLASS}]*(?:#[^\\n]*)?\\n?$`);

type Condition = PyTokenType | readonly [PyTokenType, string];

function matches(tok: PyToken, cond: Condition): boolean {
  if (typeof cond === 'string') return tok.type === cond;
  return tok.type === cond[0] && tok.string === cond[1];
}

/** Sphinx's `DefinitionFinder`. */
class DefinitionFinder extends TokenStream {
  readonly definitions = new Map<string, PyTag>();
  private readonly context: string[] = [];
  private readonly indents: Array<{ type: 'def' | 'class' | 'other'; name: string; start: number }> = [];
  private decorator: PyToken | null = null;

  constructor(
    private readonly lines: readonly string[],
    tokens: Generator<PyToken, void, undefined>,
  ) {
    super(tokens);
  }

  /** `get_line` with Python's list indexing (negative indexes count from the end). */
  private getLine(lineno: number): string {
    let i = lineno - 1;
    if (i < 0) i += this.lines.length;
    const line = i >= 0 ? this.lines[i] : undefined;
    if (line === undefined) {
      throw new PythonRaise({ type: 'IndexError', repr: "IndexError('list index out of range')" });
    }
    return line;
  }

  private addDefinition(name: string, tag: PyTag): void {
    const top = this.indents[this.indents.length - 1];
    if (top && top.type === 'def' && tag.type === 'def') return; // inner function
    this.definitions.set(name, tag);
  }

  parse(): void {
    for (;;) {
      const tok = this.fetch();
      if (!tok) break;
      if (tok.type === 'COMMENT') continue;
      if (tok.type === 'OP' && tok.string === '@') {
        const prev = this.previous;
        if (
          prev === null ||
          prev.type === 'NEWLINE' ||
          prev.type === 'NL' ||
          prev.type === 'INDENT' ||
          prev.type === 'DEDENT'
        ) {
          if (this.decorator === null) this.decorator = tok;
        }
      } else if (tok.type === 'NAME' && tok.string === 'class') {
        this.parseDefinition('class');
      } else if (tok.type === 'NAME' && tok.string === 'def') {
        this.parseDefinition('def');
      } else if (tok.type === 'INDENT') {
        this.indents.push({ type: 'other', name: '', start: 0 });
      } else if (tok.type === 'DEDENT') {
        this.finalizeBlock();
      }
    }
  }

  private parseDefinition(type: 'def' | 'class'): void {
    const name = this.fetch();
    if (!name) throw attributeError('value');
    this.context.push(name.string);
    const qualname = this.context.join('.');
    let start: number;
    if (this.decorator) {
      start = this.decorator.startLine;
      this.decorator = null;
    } else {
      start = name.startLine;
    }
    this.fetchUntil(['OP', ':']);
    const next = this.fetch();
    if (!next) throw attributeError('match');
    if (next.type === 'COMMENT' || next.type === 'NEWLINE') {
      this.fetchUntil('INDENT');
      this.indents.push({ type, name: qualname, start });
    } else {
      // A one-liner ends on the line of its name.
      this.addDefinition(qualname, { type, start, end: name.endLine });
      this.context.pop();
    }
  }

  private finalizeBlock(): void {
    const block = this.indents.pop();
    if (!block) throw new PythonRaise({ type: 'IndexError', repr: "IndexError('pop from empty list')" });
    if (block.type === 'other') return;
    let end = this.current!.endLine - 1;
    while (EMPTY_LINE.test(this.getLine(end))) end -= 1;
    this.addDefinition(block.name, { type: block.type, start: block.start, end });
    this.context.pop();
  }
}

// ---------------------------------------------------------------------------
// PEP 263 encoding detection (tokenize.detect_encoding)

/** Where `detectSourceEncoding` found a source's encoding, or why it failed. */
export type DetectedEncoding = { encoding: string; bomLength: number } | { error: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
// `.` of Python's re matches everything but `\n`; `\w` is ASCII (re.ASCII).
const COOKIE_RE = /^[ \t\f]*#[^\n]*?coding[:=][ \t]*([-\w.]+)/;
const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `_get_normal_name` of tokenize.py. */
function normalName(orig: string): string {
  const enc = orig.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (enc === 'utf-8' || enc.startsWith('utf-8-')) return 'utf-8';
  if (
    enc === 'latin-1' ||
    enc === 'iso-8859-1' ||
    enc === 'iso-latin-1' ||
    enc.startsWith('latin-1-') ||
    enc.startsWith('iso-8859-1-') ||
    enc.startsWith('iso-latin-1-')
  ) {
    return 'iso-8859-1';
  }
  return orig;
}

class DetectError {
  constructor(readonly message: string) {}
}

/**
 * PEP 263 detection exactly as CPython 3.11's `tokenize.detect_encoding` does
 * it on the file's lines (`readline()` of a binary file: split after each
 * `\n` only): a UTF-8 BOM, then a coding cookie on line 1, or on line 2 when
 * line 1 is blank or a comment, else UTF-8 (`utf-8-sig` after a BOM).
 *
 * `encoding` is the name CPython returns (`'utf-8'`, `'utf-8-sig'`,
 * `'iso-8859-1'`, or the cookie's spelling, e.g. `'cp1252'`), which
 * `lookupCodec` accepts; `bomLength` is 3 when the file starts with a UTF-8
 * BOM. `error` is the `repr()` of the SyntaxError CPython raises. Pass the
 * file name as `tokenize.open` sees it to get it in the messages (Sphinx
 * opens the absolute path), e.g. `SyntaxError("unknown encoding for
 * '/p/mod.py': klingon")`; without it the messages are those of a stream
 * with no name (`SyntaxError('invalid or missing encoding declaration')`).
 *
 * A cookie naming a codec that is no text encoding (`rot13`) passes here, as
 * in CPython; reading the file then fails in `TextIOWrapper`, which is the
 * caller's business.
 */
export function detectSourceEncoding(bytes: Uint8Array, filename?: string): DetectedEncoding {
  const forFile = filename === undefined ? '' : ` for ${pyRepr(filename)}`;
  let offset = 0;
  const readline = (): Uint8Array => {
    if (offset >= bytes.length) return bytes.subarray(bytes.length);
    const nl = bytes.indexOf(0x0a, offset);
    const end = nl < 0 ? bytes.length : nl + 1;
    const line = bytes.subarray(offset, end);
    offset = end;
    return line;
  };
  let bomFound = false;
  let fallback = 'utf-8';

  const findCookie = (line: Uint8Array): string | null => {
    let text: string;
    try {
      text = utf8Fatal.decode(line);
    } catch {
      throw new DetectError(`invalid or missing encoding declaration${forFile}`);
    }
    const m = COOKIE_RE.exec(text);
    if (!m) return null;
    const encoding = normalName(m[1]!);
    if (!lookupCodec(encoding)) {
      throw new DetectError(
        filename === undefined ? `unknown encoding: ${encoding}` : `unknown encoding${forFile}: ${encoding}`,
      );
    }
    if (bomFound) {
      if (encoding !== 'utf-8') {
        throw new DetectError(filename === undefined ? 'encoding problem: utf-8' : `encoding problem${forFile}: utf-8`);
      }
      return encoding + '-sig';
    }
    return encoding;
  };

  try {
    let first = readline();
    if (first.length >= 3 && first[0] === UTF8_BOM[0] && first[1] === UTF8_BOM[1] && first[2] === UTF8_BOM[2]) {
      bomFound = true;
      first = first.subarray(3);
      fallback = 'utf-8-sig';
    }
    const bomLength = bomFound ? 3 : 0;
    if (first.length === 0) return { encoding: fallback, bomLength };
    const cookie = findCookie(first);
    if (cookie) return { encoding: cookie, bomLength };
    if (!isBlankLine(first)) return { encoding: fallback, bomLength };
    const second = readline();
    if (second.length === 0) return { encoding: fallback, bomLength };
    const cookie2 = findCookie(second);
    if (cookie2) return { encoding: cookie2, bomLength };
    return { encoding: fallback, bomLength };
  } catch (e) {
    if (e instanceof DetectError) return { error: `SyntaxError(${pyRepr(e.message)})` };
    throw e;
  }
}

/** `blank_re` of tokenize.py, `br'^[ \t\f]*(?:[#\r\n]|$)'`. */
function isBlankLine(line: Uint8Array): boolean {
  let i = 0;
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09 || line[i] === 0x0c)) i++;
  if (i === line.length) return true;
  const c = line[i];
  return c === 0x23 || c === 0x0d || c === 0x0a;
}
