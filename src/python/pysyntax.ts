/**
 * Does `ast.parse` accept a source? CPython 3.11's PEG parser, as a
 * validator.
 *
 * Sphinx's `ModuleAnalyzer` only tags definitions of a file that
 * `ast.parse(code.replace('\f', ' '), type_comments=True)` accepts, and
 * reports the `SyntaxError` otherwise. This module decides that verdict and
 * rebuilds the exception CPython raises, without building an AST:
 *
 * - tokens come from {@link CTokenizer} (CPython's C tokenizer, with its
 *   errors), fetched lazily as the parser asks for them, as pegen does:
 *   where an error points depends on how far the parser has looked;
 * - a recursive-descent parser follows the alternatives of CPython 3.11's
 *   grammar (Grammar/python.gram) in order, with pegen's memoisation (kept
 *   on the tokens), cuts and forced tokens (`&&':'` raises in the first
 *   pass). It keeps only what messages need: node kinds, token spans and a
 *   few children. The binary-operator and boolean levels are folded into
 *   loops: they only shape the tree, and accept and stop where the grammar
 *   does;
 * - as in pegen, a failed first pass is followed by a second pass with the
 *   `invalid_*` rules that word the specialised messages. As in pegen, only
 *   alternatives made of a single `invalid_*` rule wait for that pass (so
 *   `'{' invalid_double_starred_kvpairs '}'` runs in the first), and
 *   `primary genexp` reaches `invalid_comprehension`, which also looks past
 *   a `[` or `{`. Then comes the generic `invalid syntax` at the furthest
 *   token of the first pass, and a scan of the rest of the source for
 *   tokenizer errors, which take precedence (and for a bracket left open on
 *   an earlier line);
 * - the checks pegen's actions make are here too: string literals (escapes,
 *   bytes, mixing bytes and str, f-strings with their embedded expressions
 *   parsed by a nested parser, as 3.11 does), the integer-digits limit and
 *   complex literals in patterns; and `ast.parse`'s own refusal of null
 *   bytes and of strings that are no valid UTF-8.
 *
 * The target is CPython 3.11.7 (the grammar file of this machine is 3.11.2's;
 * the two differ in `invalid_arguments` and in how the tokenizer treats a
 * non-ASCII character after a number, and 3.11.7 takes backslash
 * continuations inside indentation into account).
 *
 * Known differences, all about inputs no real module contains: `\N{...}`
 * names are not looked up in the Unicode database (any name made of
 * letters, digits, spaces and hyphens passes); the recursion limits of the
 * AST conversion (`RecursionError` for expressions nested ~3000 deep) and of
 * the parser stack are not emulated; identifier characters follow the
 * JavaScript engine's Unicode version rather than Python's 14.0.
 */

import {
  byteOffsetToCharOffset,
  codePointCount,
  CTokenizer,
  pyRepr,
  syntaxErrorRepr,
  utf8Length,
} from './pytokenize.js';
import type { CToken, PySyntaxError } from './pytokenize.js';
import { pushAll } from '../core/arrays.js';

/** A syntax error as `checkPythonSyntax` reports it. */
export interface PythonSyntaxErrorInfo {
  /**
   * Python `repr()` of the exception, e.g.
   * `SyntaxError('invalid syntax', ('<unknown>', 1, 7, 'START here\n', 1, 11))`.
   */
  readonly message: string;
  /** `lineno` (1-based; 0 when the exception has no location). */
  readonly line: number;
  /** `offset`: 1-based column in code points (0 when the exception has no location). */
  readonly column: number;
  /** Exception class: `SyntaxError`, `IndentationError` or `TabError`. */
  readonly type: string;
  /** The exception's `msg`. */
  readonly msg: string;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** The exception's `text` (the offending line). */
  readonly text: string | null;
}

export interface CheckPythonSyntaxOptions {
  /**
   * true (the default): check as Sphinx's `ModuleAnalyzer` parses,
   * `ast.parse(source.replace('\f', ' '), type_comments=True)`, where a
   * `# type:` comment in the wrong place is a syntax error. false: a plain
   * `ast.parse(source)`.
   */
  readonly sphinx?: boolean;
}

/**
 * null when CPython 3.11's `ast.parse` accepts the source (by default as
 * Sphinx calls it, see {@link CheckPythonSyntaxOptions}), else the
 * `SyntaxError` it raises.
 */
export function checkPythonSyntax(
  source: string,
  options: CheckPythonSyntaxOptions = {},
): null | PythonSyntaxErrorInfo {
  const sphinx = options.sphinx ?? true;
  const code = sphinx ? source.replace(/\f/g, ' ') : source;
  if (code.includes('\0')) {
    return {
      message: "SyntaxError('source code string cannot contain null bytes')",
      line: 0,
      column: 0,
      type: 'SyntaxError',
      msg: 'source code string cannot contain null bytes',
      endLine: null,
      endColumn: null,
      text: null,
    };
  }
  const surrogate = LONE_SURROGATES.exec(code);
  if (surrogate) {
    // CPython cannot even encode such a str to UTF-8 for its parser.
    const msg = 'surrogates not allowed';
    const start = codePointCount(code, 0, surrogate.index);
    const end = start + surrogate[0].length;
    return {
      message: `UnicodeEncodeError('utf-8', ${pyRepr(code)}, ${start}, ${end}, ${pyRepr(msg)})`,
      line: 0,
      column: 0,
      type: 'UnicodeEncodeError',
      msg,
      endLine: null,
      endColumn: null,
      text: null,
    };
  }
  const parser = new Parser(code, { typeComments: sphinx });
  const error = parser.run();
  if (!error) return null;
  return {
    message: syntaxErrorRepr(error),
    line: error.lineno ?? 0,
    column: error.lineno === null ? 0 : error.offset,
    type: error.type,
    msg: error.msg,
    endLine: error.lineno === null ? null : error.endLineno,
    endColumn: error.lineno === null ? null : error.endOffset,
    text: error.text,
  };
}

/** A run of unpaired surrogates (which Python's UTF-8 encoder reports as one error). */
const LONE_SURROGATES = /(?:[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])+/;

// ---------------------------------------------------------------------------
// Tokens and nodes

/** A parser token (pegen's `Token`): the C tokenizer's, with its `kind`. */
type Tok = CToken;

type NodeKind =
  | 'Name'
  | 'Constant'
  | 'JoinedStr'
  | 'Tuple'
  | 'List'
  | 'Set'
  | 'Dict'
  | 'ListComp'
  | 'SetComp'
  | 'DictComp'
  | 'GeneratorExp'
  | 'Attribute'
  | 'Subscript'
  | 'Call'
  | 'Starred'
  | 'BinOp'
  | 'UnaryOp'
  | 'BoolOp'
  | 'Compare'
  | 'IfExp'
  | 'Lambda'
  | 'NamedExpr'
  | 'Await'
  | 'Yield'
  | 'YieldFrom'
  | 'Slice'
  | 'other';

/** What the parser keeps of an AST node: its kind, its first and last tokens and a few children. */
interface Node {
  readonly k: NodeKind;
  readonly s: Tok;
  readonly e: Tok;
  /** Tuple/List/Set elements. */
  readonly elts?: readonly Node[];
  /** Starred value; Compare left operand. */
  readonly value?: Node;
  /** Compare: the first operator. */
  readonly op?: string;
  /** Constant: None, True, False, Ellipsis, complex, number, str, bytes. */
  readonly c?: string;
  /** Name: the identifier. */
  readonly id?: string;
  /** Call built by `args`: positional arguments (with starred ones), and whether a `**` keyword is there. */
  readonly args?: readonly Node[];
  readonly kwUnpack?: boolean;
  /** Call built by `args`: whether its items end with keyword arguments (`kwargs`). */
  readonly kwargs?: boolean;
}

/**
 * A statement as Sphinx's `VariableCommentPicker` sees it (find-tags.ts
 * replays what it does): assignments with their targets, function and class
 * bodies, and the bodies `ast.NodeVisitor` walks into for other compound
 * statements (for `try`, only the body and the `else`, as Sphinx's `visit_Try`).
 */
export type PyStmt =
  | {
      readonly kind: 'assign';
      readonly lineno: number;
      /** `col_offset`: UTF-8 bytes. */
      readonly col: number;
      readonly targets: readonly PyTarget[];
      readonly annotated: boolean;
    }
  | {
      readonly kind: 'def';
      readonly posonly: readonly string[];
      readonly args: readonly string[];
      readonly body: readonly PyStmt[];
    }
  | { readonly kind: 'class'; readonly body: readonly PyStmt[] }
  | { readonly kind: 'compound'; readonly bodies: readonly (readonly PyStmt[])[] }
  | { readonly kind: 'other' };

/** An assignment target, reduced to what Sphinx's `get_lvar_names` looks at. */
export type PyTarget =
  | { readonly kind: 'Name'; readonly id: string }
  | { readonly kind: 'Attribute'; readonly valueName: string | null }
  | { readonly kind: 'Subscript' }
  | { readonly kind: 'Tuple' | 'List'; readonly elts: readonly PyTarget[] }
  | { readonly kind: 'Starred'; readonly value: PyTarget };

/** The parser's statements: assignments keep their tokens and nodes until `parseStatements` needs them. */
type Stmt =
  | { readonly kind: 'assign'; readonly start: Tok; readonly targets: readonly Node[]; readonly annotated: boolean }
  | {
      readonly kind: 'def';
      readonly posonly: readonly string[];
      readonly args: readonly string[];
      readonly body: readonly Stmt[];
    }
  | { readonly kind: 'class'; readonly body: readonly Stmt[] }
  | { readonly kind: 'compound'; readonly bodies: readonly (readonly Stmt[])[] }
  | { readonly kind: 'other' };

const OTHER: Stmt = { kind: 'other' };

function toTarget(n: Node): PyTarget {
  switch (n.k) {
    case 'Name':
      return { kind: 'Name', id: n.id ?? '' };
    case 'Attribute':
      return { kind: 'Attribute', valueName: n.value?.k === 'Name' ? (n.value.id ?? null) : null };
    case 'Tuple':
    case 'List':
      return { kind: n.k, elts: (n.elts ?? []).map(toTarget) };
    case 'Starred':
      return { kind: 'Starred', value: n.value ? toTarget(n.value) : { kind: 'Subscript' } };
    default:
      return { kind: 'Subscript' };
  }
}

/**
 * The statements of a module that CPython 3.11's `ast.parse` accepts (as
 * Sphinx calls it), or null when it rejects it.
 */
export function parseStatements(source: string): PyStmt[] | null {
  const code = source.replace(/\f/g, ' ');
  if (code.includes('\0')) return null;
  const parser = new Parser(code, { typeComments: true });
  const body = parser.statementsOrNull();
  return body ? parser.publicStatements(body) : null;
}

interface Comprehension {
  readonly iter: Node;
  readonly ifs: readonly Node[];
}

const SOFT_KEYWORDS = new Set(['_', 'case', 'match']);
const AUGASSIGN = new Set(['+=', '-=', '*=', '@=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=']);
const CURRENT_POS = -5;
const MAX_STR_DIGITS = 4300;

/** Thrown to unwind the parser once an error is set (pegen's `error_indicator`). */
class Abort {}
const ABORT = new Abort();

type TargetsType = 'STAR' | 'DEL' | 'FOR';

function exprName(n: Node): string {
  switch (n.k) {
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Starred':
      return 'starred';
    case 'Name':
      return 'name';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Lambda':
      return 'lambda';
    case 'Call':
      return 'function call';
    case 'BoolOp':
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Await':
      return 'await expression';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'JoinedStr':
      return 'f-string expression';
    case 'Constant':
      if (n.c === 'None' || n.c === 'True' || n.c === 'False') return n.c;
      if (n.c === 'Ellipsis') return 'ellipsis';
      return 'literal';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    default:
      return 'expression';
  }
}

/** `_PyPegen_get_invalid_target`. */
function invalidTarget(n: Node | undefined, type: TargetsType): Node | null {
  if (!n) return null;
  switch (n.k) {
    case 'List':
    case 'Tuple':
      for (const child of n.elts ?? []) {
        const bad = invalidTarget(child, type);
        if (bad) return bad;
      }
      return null;
    case 'Starred':
      if (type === 'DEL') return n;
      return invalidTarget(n.value, type);
    case 'Compare':
      if (type === 'FOR') {
        if (n.op === 'in') return invalidTarget(n.value, type);
        return null;
      }
      return n;
    case 'Name':
    case 'Subscript':
    case 'Attribute':
      return null;
    default:
      return n;
  }
}

interface ParserOptions {
  readonly typeComments: boolean;
  /** Set for the parser of an f-string expression (pegen's `Py_fstring_input`). */
  readonly fstring?: { readonly lineno: number; readonly startingLineno: number; readonly startingCol: number };
}

// Memo slots (one per memoised rule).
const M_SIMPLE_STMT = 0;
const M_BLOCK = 1;
const M_EXPRESSION = 2;
const M_STAR_EXPRESSION = 3;
const M_DISJUNCTION = 4;
const M_BITWISE_OR = 5;
const M_STRINGS = 6;
const M_ARGUMENTS = 7;
const M_STAR_TARGET = 8;
const M_TARGET_STAR_ATOM = 9;
const M_T_PRIMARY = 10;
const M_DEL_TARGET = 11;
const M_CLOSED_PATTERN = 12;
const M_STAR_PATTERN = 13;
const M_INVALID_NAMED = 14;
const M_DOTTED_NAME = 15;
const M_NAME_OR_ATTR = 16;

const FAIL = Symbol('fail');

// ---------------------------------------------------------------------------
// The parser

class Parser {
  private readonly tk: CTokenizer;
  private readonly src: string;
  private readonly toks: Tok[] = [];
  private pos = 0;
  private callInvalid = false;
  error: PySyntaxError | null = null;
  private readonly fstring: ParserOptions['fstring'];
  private readonly typeComments: boolean;

  constructor(source: string, options: ParserOptions) {
    this.typeComments = options.typeComments;
    this.fstring = options.fstring;
    this.tk = new CTokenizer(
      source,
      options.fstring
        ? { typeComments: options.typeComments, lineno: options.fstring.lineno }
        : { typeComments: options.typeComments },
    );
    this.src = this.tk.src;
  }

  private resetMemo(): void {
    for (const t of this.toks) t.memo = null;
  }

  /** The first pass only: the module's statements when it parses. */
  statementsOrNull(): Stmt[] | null {
    try {
      return this.file();
    } catch (e) {
      if (e === ABORT) return null;
      throw e;
    }
  }

  /** `_PyPegen_run_parser`: null on success, else the error. */
  run(): PySyntaxError | null {
    if (this.attempt()) return null;
    if (this.error) {
      // An action or the tokenizer raised in the first pass: the second pass does nothing.
      this.setSyntaxError(null);
      return this.error;
    }
    const lastToken = this.toks[this.toks.length - 1]!;
    this.resetMemo();
    this.pos = 0;
    this.callInvalid = true;
    this.attempt();
    this.setSyntaxError(lastToken);
    return this.error;
  }

  private attempt(): boolean {
    try {
      return this.fstring ? this.starExpressions() !== null : this.file() !== null;
    } catch (e) {
      if (e === ABORT) return false;
      throw e;
    }
  }

  // -------------------------------------------------------------------------
  // Tokens

  private fill(): Tok {
    let t: CToken;
    do {
      t = this.tk.next();
    } while (t.type === 'TYPE_IGNORE');
    this.toks.push(t);
    if (t.type === 'ERRORTOKEN') this.tokenizerError();
    return t;
  }

  /** The token at the current position, fetched if need be. */
  private peek(): Tok {
    return this.pos < this.toks.length ? this.toks[this.pos]! : this.fill();
  }

  private at(kind: string): boolean {
    return this.peek().kind === kind;
  }

  private expect(kind: string): Tok | null {
    const t = this.peek();
    if (t.kind !== kind) return null;
    this.pos++;
    return t;
  }

  private expectSoft(word: string): Tok | null {
    const t = this.peek();
    if (t.kind !== 'NAME' || t.string !== word) return null;
    this.pos++;
    return t;
  }

  /** `&&'x'`: the token or an immediate "expected 'x'". */
  private forced(kind: string): Tok {
    const t = this.peek();
    if (t.kind !== kind) this.raiseKnownLocation(t, t, `expected '${kind}'`);
    this.pos++;
    return t;
  }

  private node(k: NodeKind, s: Tok, extra?: Partial<Node>): Node {
    const e = this.toks[this.pos - 1]!;
    return extra ? { k, s, e, ...extra } : { k, s, e };
  }

  private memo<T>(slot: number, fn: () => T | null): T | null {
    if (this.memoHit(slot)) return this.memoValue<T | null>();
    const pos = this.pos;
    return this.memoPut(slot, pos, fn());
  }

  /**
   * Whether `slot` is memoised at the current position (fetching its token,
   * as pegen does); on a hit the position moves past it and `memoValue`
   * returns the result.
   */
  private memoHit(slot: number): boolean {
    const m = this.peek().memo;
    if (m === null) return false;
    for (let i = 0; i < m.length; i += 3) {
      if (m[i] === slot) {
        this.pos = m[i + 1] as number;
        this.hitValue = m[i + 2];
        return true;
      }
    }
    return false;
  }

  private hitValue: unknown = null;

  private memoValue<T>(): T {
    return this.hitValue as T;
  }

  /** Stores a result computed from `start`; on failure the position goes back there. */
  private memoPut<T>(slot: number, start: number, value: T | null): T | null {
    if (value === null) this.pos = start;
    const t = this.toks[start]!;
    if (t.memo === null) t.memo = [slot, this.pos, value];
    else t.memo.push(slot, this.pos, value);
    return value;
  }

  /** Runs `fn` as a lookahead: the position is restored. */
  private lookahead(fn: () => unknown): boolean {
    const m = this.pos;
    const r = fn();
    this.pos = m;
    return r !== null && r !== false && r !== undefined;
  }

  /** Byte column of a token's start (`col_offset`), -1 when it has none. */
  private colOf(t: Tok): number {
    if (t.start < 0 || t.start < t.lineStart) return -1;
    const col = utf8Length(this.src, t.lineStart, t.start);
    return this.fstring && t.endLineno === this.fstring.startingLineno ? col + this.fstring.startingCol : col;
  }

  private endColOf(t: Tok): number {
    if (t.end < 0 || t.end < t.endLineStart) return -1;
    const col = utf8Length(this.src, t.endLineStart, t.end);
    return this.fstring && t.endLineno === this.fstring.startingLineno ? col + this.fstring.startingCol : col;
  }

  // -------------------------------------------------------------------------
  // Errors (Parser/pegen_errors.c)

  /** `_PyPegen_raise_error_known_location` with already 1-based columns. */
  private setErrorAt(
    type: PySyntaxError['type'],
    lineno: number,
    col: number,
    endLineno: number,
    endCol: number,
    msg: string,
  ): void {
    if (this.fstring) msg = 'f-string: ' + msg;
    const tk = this.tk;
    if (endLineno === CURRENT_POS) endLineno = tk.lineno;
    if (endCol === CURRENT_POS) endCol = utf8Length(this.src, tk.lineStart, tk.cur);
    let text: string;
    if (tk.lineno <= lineno && tk.inp > tk.bufStart) {
      text = this.src.slice(tk.bufStart, tk.inp);
    } else {
      text = this.sourceLine(lineno);
    }
    let colNumber = col;
    let endColNumber = endCol;
    if (this.fstring) {
      colNumber -= this.fstring.startingCol;
      endColNumber -= this.fstring.startingCol;
    } else {
      colNumber = byteOffsetToCharOffset(text, col);
      if (endColNumber > 0) endColNumber = byteOffsetToCharOffset(text, endCol);
    }
    this.error = { type, msg, lineno, offset: colNumber, text, endLineno, endOffset: endColNumber };
  }

  /** `get_error_line_from_tokenizer_buffers`: a line of the source, without its newline. */
  private sourceLine(lineno: number): string {
    const relative = this.fstring ? lineno - this.fstring.startingLineno + 1 : lineno;
    let start = 0;
    for (let i = 0; i < relative - 1; i++) {
      const nl = this.src.indexOf('\n', start);
      if (nl < 0 || nl + 1 > this.tk.inp) break;
      start = nl + 1;
    }
    const nl = this.src.indexOf('\n', start);
    return this.src.slice(start, nl < 0 ? this.src.length : nl);
  }

  /** `RAISE_ERROR_KNOWN_LOCATION` with 0-based byte columns (or CURRENT_POS). */
  private raiseLocation(
    type: PySyntaxError['type'],
    lineno: number,
    col: number,
    endLineno: number,
    endCol: number,
    msg: string,
  ): never {
    this.setErrorAt(
      type,
      lineno,
      col === CURRENT_POS ? CURRENT_POS : col + 1,
      endLineno,
      endCol === CURRENT_POS ? CURRENT_POS : endCol + 1,
      msg,
    );
    throw ABORT;
  }

  /** `RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, msg)` (also KNOWN_LOCATION with a === b). */
  private raiseKnownLocation(a: Tok | Node, b: Tok | Node, msg: string): never {
    const s = 'k' in a ? a.s : a;
    const e = 'k' in b ? b.e : b;
    this.raiseLocation('SyntaxError', s.lineno, this.colOf(s), e.endLineno, this.endColOf(e), msg);
  }

  private raiseNode(n: Node, msg: string): never {
    this.raiseKnownLocation(n, n, msg);
  }

  /** `RAISE_SYNTAX_ERROR_STARTING_FROM(a, msg)`. */
  private raiseStartingFrom(a: Tok | Node, msg: string): never {
    const s = 'k' in a ? a.s : a;
    this.raiseLocation('SyntaxError', s.lineno, this.colOf(s), CURRENT_POS, CURRENT_POS, msg);
  }

  /** `_PyPegen_raise_error` (RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR): at the last token fetched. */
  private setErrorAtLastToken(type: PySyntaxError['type'], msg: string): void {
    const t = this.toks[this.toks.length - 1]!;
    let col: number;
    const start = this.colOf(t);
    if (start === -1) {
      col = this.tk.cur === this.tk.bufStart ? 0 : utf8Length(this.src, this.tk.lineStart, this.tk.cur);
    } else {
      col = start + 1;
    }
    const end = this.endColOf(t);
    this.setErrorAt(type, t.lineno, col, t.endLineno, end !== -1 ? end + 1 : -1, msg);
  }

  private raise(msg: string, type: PySyntaxError['type'] = 'SyntaxError'): never {
    this.setErrorAtLastToken(type, msg);
    throw ABORT;
  }

  private raiseInvalidTarget(type: TargetsType, n: Node): null {
    const bad = invalidTarget(n, type);
    if (bad) {
      this.raiseNode(bad, `${type === 'DEL' ? 'cannot delete' : 'cannot assign to'} ${exprName(bad)}`);
    }
    return null;
  }

  /** The tokenizer returned ERRORTOKEN: `_Pypegen_tokenizer_error`. */
  private tokenizerError(): never {
    const tk = this.tk;
    if (tk.error) {
      this.error = tk.error;
      throw ABORT;
    }
    switch (tk.done) {
      case 'EOF':
        if (tk.level > 0) this.raiseUnclosedParen();
        this.raise('unexpected EOF while parsing');
        break;
      case 'DEDENT':
        this.raise('unindent does not match any outer indentation level', 'IndentationError');
        break;
      case 'TABSPACE':
        this.raiseLocation(
          'TabError',
          tk.lineno,
          0,
          tk.lineno,
          -1,
          'inconsistent use of tabs and spaces in indentation',
        );
        break;
      case 'TOODEEP':
        this.raiseLocation('IndentationError', tk.lineno, 0, tk.lineno, -1, 'too many levels of indentation');
        break;
      case 'LINECONT': {
        const col = utf8Length(this.src, tk.bufStart, tk.cur) - 1;
        this.raiseLocation(
          'SyntaxError',
          tk.lineno,
          col >= 0 ? col : 0,
          tk.lineno,
          -1,
          'unexpected character after line continuation character',
        );
        break;
      }
      default:
        break;
    }
    this.raiseLocation('SyntaxError', tk.lineno, 0, tk.lineno, -1, 'unknown parsing error');
  }

  private unclosedParenError(): void {
    const tk = this.tk;
    const i = tk.level - 1;
    const lineno = tk.parenlinenostack[i]!;
    const lineStart = tk.parenlinestartstack[i]!;
    const col = utf8Length(this.src, lineStart, lineStart + tk.parencolstack[i]!);
    const opening = this.src[lineStart + tk.parencolstack[i]!]!;
    this.setErrorAt('SyntaxError', lineno, col + 1, lineno, 0, `'${opening}' was never closed`);
  }

  private raiseUnclosedParen(): never {
    this.unclosedParenError();
    throw ABORT;
  }

  /** `_PyPegen_set_syntax_error`. */
  private setSyntaxError(lastToken: Tok | null): void {
    if (this.error) {
      if (this.tk.done === 'OK') this.checkRestOfSource();
      return;
    }
    const t = lastToken!;
    if (t.kind === 'ERRORTOKEN' && this.tk.done === 'EOF') {
      if (this.tk.level > 0) this.unclosedParenError();
      else this.setErrorAtLastToken('SyntaxError', 'unexpected EOF while parsing');
      return;
    }
    if (t.kind === 'INDENT' || t.kind === 'DEDENT') {
      this.setErrorAtLastToken('IndentationError', t.kind === 'INDENT' ? 'unexpected indent' : 'unexpected unindent');
      return;
    }
    this.setErrorAt(
      'SyntaxError',
      t.lineno,
      this.colOf(t) + 1,
      t.endLineno,
      this.endColOf(t) + 1,
      'invalid syntax',
    );
    this.checkRestOfSource();
  }

  /** `_PyPegen_tokenize_full_source_to_check_for_errors`. */
  private checkRestOfSource(): void {
    const tk = this.tk;
    const currentErrLine = this.toks[this.toks.length - 1]!.lineno;
    const saved = this.error;
    this.error = null;
    for (;;) {
      const t = tk.next();
      if (t.type === 'ERRORTOKEN') {
        if (tk.error) {
          this.error = tk.error;
          break;
        }
        if (tk.level !== 0) {
          const errorLineno = tk.parenlinenostack[tk.level - 1]!;
          if (currentErrLine > errorLineno) this.unclosedParenError();
        }
        break;
      }
      if (t.type === 'ENDMARKER') break;
    }
    if (!this.error) this.error = saved;
  }

  // -------------------------------------------------------------------------
  // Statements

  private file(): Stmt[] | null {
    // statements, at the top level: nothing backtracks before a statement
    // once it is complete (`file` has no other alternative), so the memo of
    // its tokens can go, which keeps the live set small on big modules.
    const body: Stmt[] = [];
    let start = this.pos;
    for (let st = this.statement(); st; st = this.statement()) {
      pushAll(body, st);
      for (let i = start; i < this.pos; i++) this.toks[i]!.memo = null;
      start = this.pos;
    }
    return this.expect('ENDMARKER') ? body : null;
  }

  private statements(): Stmt[] | null {
    const out: Stmt[] = [];
    for (let st = this.statement(); st; st = this.statement()) pushAll(out, st);
    return out.length ? out : null;
  }

  private statement(): Stmt[] | null {
    const m = this.pos;
    const c = this.compoundStmt();
    if (c) return [c];
    this.pos = m;
    const s = this.simpleStmts();
    if (s) return s;
    this.pos = m;
    return null;
  }

  private simpleStmts(): Stmt[] | null {
    const m = this.pos;
    const one = this.simpleStmt();
    if (one && !this.at(';') && this.expect('NEWLINE')) return [one];
    this.pos = m;
    const first = this.simpleStmt();
    if (!first) {
      this.pos = m;
      return null;
    }
    const out = [first];
    for (;;) {
      const m2 = this.pos;
      if (this.expect(';')) {
        const next = this.simpleStmt();
        if (next) {
          out.push(next);
          continue;
        }
      }
      this.pos = m2;
      break;
    }
    this.expect(';');
    if (this.expect('NEWLINE')) return out;
    this.pos = m;
    return null;
  }

  private simpleStmt(): Stmt | null {
    if (this.memoHit(M_SIMPLE_STMT)) return this.memoValue<Stmt | null>();
    const start = this.pos;
    return this.memoPut(M_SIMPLE_STMT, start, this.simpleStmtRaw());
  }

  private simpleStmtRaw(): Stmt | null {
    const m = this.pos;
    const a = this.assignment();
    if (a) return a;
    this.pos = m;
    if (this.starExpressions()) return OTHER;
    this.pos = m;
    const k = this.peek().kind;
    let ok: boolean;
    switch (k) {
      case 'return':
        ok = this.alt(m, () => this.returnStmt());
        break;
      case 'import':
      case 'from':
        ok = this.alt(m, () => this.importStmt());
        break;
      case 'raise':
        ok = this.alt(m, () => this.raiseStmt());
        break;
      case 'pass':
      case 'break':
      case 'continue':
        this.pos++;
        ok = true;
        break;
      case 'del':
        ok = this.alt(m, () => this.delStmt());
        break;
      case 'yield':
        ok = this.alt(m, () => this.yieldExpr() !== null);
        break;
      case 'assert':
        ok = this.alt(m, () => this.assertStmt());
        break;
      case 'global':
      case 'nonlocal':
        ok = this.alt(m, () => this.globalStmt(k));
        break;
      default:
        ok = false;
    }
    return ok ? OTHER : null;
  }

  /** Runs an alternative; resets the position when it fails. */
  private alt(m: number, fn: () => boolean): boolean {
    if (fn()) return true;
    this.pos = m;
    return false;
  }

  /** Runs an alternative returning a statement; resets the position when it fails. */
  private altStmt(m: number, fn: () => Stmt | null): Stmt | null {
    const r = fn();
    if (!r) this.pos = m;
    return r;
  }

  private compoundStmt(): Stmt | null {
    const m = this.pos;
    const k = this.peek().kind;
    let r: Stmt | null = null;
    if (k === 'def' || k === '@' || k === 'async') {
      if ((r = this.functionDef())) return r;
      this.pos = m;
    }
    if (k === 'if') {
      if ((r = this.ifOrElif('if'))) return r;
      this.pos = m;
    }
    if (k === 'class' || k === '@') {
      if ((r = this.classDef())) return r;
      this.pos = m;
    }
    if (k === 'with' || k === 'async') {
      if ((r = this.withStmt())) return r;
      this.pos = m;
    }
    if (k === 'for' || k === 'async') {
      if ((r = this.forStmt())) return r;
      this.pos = m;
    }
    if (k === 'try') {
      if ((r = this.tryStmt())) return r;
      this.pos = m;
    }
    if (k === 'while') {
      if ((r = this.whileStmt())) return r;
      this.pos = m;
    }
    if ((r = this.matchStmt())) return r;
    this.pos = m;
    return null;
  }

  private assignStmt(start: Tok, targets: readonly Node[], annotated: boolean): Stmt {
    return { kind: 'assign', start, targets, annotated };
  }

  /** The statements in their exported form (columns in bytes, targets reduced). */
  publicStatements(body: readonly Stmt[]): PyStmt[] {
    return body.map((st): PyStmt => {
      switch (st.kind) {
        case 'assign':
          return {
            kind: 'assign',
            lineno: st.start.lineno,
            col: this.colOf(st.start),
            targets: st.targets.map(toTarget),
            annotated: st.annotated,
          };
        case 'def':
          return { kind: 'def', posonly: st.posonly, args: st.args, body: this.publicStatements(st.body) };
        case 'class':
          return { kind: 'class', body: this.publicStatements(st.body) };
        case 'compound':
          return { kind: 'compound', bodies: st.bodies.map((b) => this.publicStatements(b)) };
        default:
          return st;
      }
    });
  }

  private assignment(): Stmt | null {
    const m = this.pos;
    const start = this.peek();
    // NAME ':' expression ['=' annotated_rhs]
    const name = this.expect('NAME');
    if (name && this.expect(':') && this.expression()) {
      this.optional(() => this.expect('=') && this.annotatedRhs());
      return this.assignStmt(start, [{ k: 'Name', s: name, e: name, id: name.string }], true);
    }
    this.pos = m;
    // ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
    const target = this.annotationTarget();
    if (target && this.expect(':') && this.expression()) {
      this.optional(() => this.expect('=') && this.annotatedRhs());
      return this.assignStmt(start, [target], true);
    }
    this.pos = m;
    // (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
    const targets: Node[] = [];
    for (;;) {
      const m2 = this.pos;
      const t = this.starTargets();
      if (t && this.expect('=')) {
        targets.push(t);
        continue;
      }
      this.pos = m2;
      break;
    }
    if (targets.length > 0 && this.yieldOrStarExpressions() && !this.at('=')) {
      this.expect('TYPE_COMMENT');
      return this.assignStmt(start, targets, false);
    }
    this.pos = m;
    // single_target augassign ~ (yield_expr | star_expressions)
    if (this.singleTarget() && AUGASSIGN.has(this.peek().kind)) {
      this.pos++;
      if (this.yieldOrStarExpressions()) return OTHER;
      this.pos = m;
      return null;
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidAssignment();
      this.pos = m;
    }
    return null;
  }

  private invalidAssignment(): void {
    const m = this.pos;
    const a = this.invalidAnnAssignTarget();
    if (a && this.expect(':') && this.expression()) {
      this.raiseNode(a, `only single target (not ${exprName(a)}) can be annotated`);
    }
    this.pos = m;
    const b = this.starNamedExpression();
    if (b && this.expect(',')) {
      while (this.starNamedExpressions());
      if (this.expect(':') && this.expression()) this.raiseNode(b, 'only single target (not tuple) can be annotated');
    }
    this.pos = m;
    const c = this.expression();
    if (c && this.expect(':') && this.expression()) this.raiseNode(c, 'illegal target for annotation');
    this.pos = m;
    this.starTargetsAssignments();
    const d = this.starExpressions();
    if (d && this.expect('=')) {
      // No invalid target: the rule fails without trying the other alternatives.
      this.raiseInvalidTarget('STAR', d);
      return;
    }
    this.pos = m;
    this.starTargetsAssignments();
    const y = this.yieldExpr();
    if (y && this.expect('=')) this.raiseNode(y, 'assignment to yield expression not possible');
    this.pos = m;
    const e = this.starExpressions();
    if (e && AUGASSIGN.has(this.peek().kind)) {
      this.pos++;
      if (this.yieldOrStarExpressions()) {
        this.raiseNode(e, `'${exprName(e)}' is an illegal expression for augmented assignment`);
      }
    }
    this.pos = m;
  }

  /** `(star_targets '=')*` */
  private starTargetsAssignments(): void {
    for (;;) {
      const m = this.pos;
      if (this.starTargets() && this.expect('=')) continue;
      this.pos = m;
      return;
    }
  }

  private invalidAnnAssignTarget(): Node | null {
    const m = this.pos;
    const l = this.list();
    if (l) return l;
    this.pos = m;
    const t = this.tuple();
    if (t) return t;
    this.pos = m;
    if (this.expect('(')) {
      const a = this.invalidAnnAssignTarget();
      if (a && this.expect(')')) return a;
    }
    this.pos = m;
    return null;
  }

  private annotationTarget(): Node | null {
    const m = this.pos;
    if (this.expect('(')) {
      const t = this.singleTarget();
      if (t && this.expect(')')) return t;
    }
    this.pos = m;
    const t = this.subscriptAttributeTarget();
    if (t) return t;
    this.pos = m;
    return null;
  }

  private optional(fn: () => unknown): void {
    const m = this.pos;
    const r = fn();
    if (r === null || r === false || r === undefined) this.pos = m;
  }

  private annotatedRhs(): Node | null {
    return this.yieldOrStarExpressions();
  }

  private yieldOrStarExpressions(): Node | null {
    const m = this.pos;
    const y = this.yieldExpr();
    if (y) return y;
    this.pos = m;
    return this.starExpressions();
  }

  private returnStmt(): boolean {
    if (!this.expect('return')) return false;
    this.optional(() => this.starExpressions());
    return true;
  }

  private raiseStmt(): boolean {
    const m = this.pos;
    if (this.expect('raise') && this.expression()) {
      this.optional(() => this.expect('from') && this.expression());
      return true;
    }
    this.pos = m;
    return this.expect('raise') !== null;
  }

  private globalStmt(kw: string): boolean {
    if (!this.expect(kw) || !this.expect('NAME')) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.expect('NAME')) continue;
      this.pos = m;
      return true;
    }
  }

  private delStmt(): boolean {
    const m = this.pos;
    if (this.expect('del') && this.delTargets() && (this.at(';') || this.at('NEWLINE'))) return true;
    this.pos = m;
    if (this.callInvalid) {
      // invalid_del_stmt: 'del' star_expressions
      if (this.expect('del')) {
        const a = this.starExpressions();
        if (a) this.raiseInvalidTarget('DEL', a);
      }
      this.pos = m;
    }
    return false;
  }

  private assertStmt(): boolean {
    if (!this.expect('assert') || !this.expression()) return false;
    this.optional(() => this.expect(',') && this.expression());
    return true;
  }

  private importStmt(): boolean {
    const m = this.pos;
    if (this.expect('import') && this.dottedAsNames()) return true;
    this.pos = m;
    return this.importFrom();
  }

  private importFrom(): boolean {
    const m = this.pos;
    if (this.expect('from')) {
      while (this.expect('.') || this.expect('...'));
      if (this.dottedName() && this.expect('import') && this.importFromTargets()) return true;
    }
    this.pos = m;
    if (this.expect('from')) {
      let n = 0;
      while (this.expect('.') || this.expect('...')) n++;
      if (n > 0 && this.expect('import') && this.importFromTargets()) return true;
    }
    this.pos = m;
    return false;
  }

  private importFromTargets(): boolean {
    const m = this.pos;
    if (this.expect('(') && this.importFromAsNames()) {
      this.expect(',');
      if (this.expect(')')) return true;
    }
    this.pos = m;
    if (this.importFromAsNames() && !this.at(',')) return true;
    this.pos = m;
    if (this.expect('*')) return true;
    this.pos = m;
    if (this.callInvalid) {
      if (this.importFromAsNames() && this.expect(',') && this.expect('NEWLINE')) {
        this.raise('trailing comma not allowed without surrounding parentheses');
      }
      this.pos = m;
    }
    return false;
  }

  private importFromAsNames(): boolean {
    if (!this.importFromAsName()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.importFromAsName()) continue;
      this.pos = m;
      return true;
    }
  }

  private importFromAsName(): boolean {
    if (!this.expect('NAME')) return false;
    this.optional(() => this.expect('as') && this.expect('NAME'));
    return true;
  }

  private dottedAsNames(): boolean {
    if (!this.dottedAsName()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.dottedAsName()) continue;
      this.pos = m;
      return true;
    }
  }

  private dottedAsName(): boolean {
    if (!this.dottedName()) return false;
    this.optional(() => this.expect('as') && this.expect('NAME'));
    return true;
  }

  private dottedName(): boolean {
    return (
      this.memo(M_DOTTED_NAME, () => {
        if (!this.expect('NAME')) return null;
        for (;;) {
          const m = this.pos;
          if (this.expect('.') && this.expect('NAME')) continue;
          this.pos = m;
          return true;
        }
      }) !== null
    );
  }

  // -------------------------------------------------------------------------
  // Compound statements

  private block(): Stmt[] | null {
    if (this.memoHit(M_BLOCK)) return this.memoValue<Stmt[] | null>();
    const start = this.pos;
    return this.memoPut(M_BLOCK, start, this.blockRaw());
  }

  private blockRaw(): Stmt[] | null {
    {
      const m = this.pos;
      if (this.expect('NEWLINE') && this.expect('INDENT')) {
        const body = this.statements();
        if (body && this.expect('DEDENT')) return body;
      }
      this.pos = m;
      const simple = this.simpleStmts();
      if (simple) return simple;
      this.pos = m;
      if (this.callInvalid) {
        if (this.expect('NEWLINE') && !this.at('INDENT')) this.raise('expected an indented block', 'IndentationError');
        this.pos = m;
      }
      return null;
    }
  }

  /** `NEWLINE !INDENT` after a header: "expected an indented block after ...". */
  private checkIndentedBlock(what: string, line: number): void {
    if (this.expect('NEWLINE') && !this.at('INDENT')) {
      this.raise(`expected an indented block after ${what} on line ${line}`, 'IndentationError');
    }
  }

  private decorators(): boolean {
    let n = 0;
    for (;;) {
      const m = this.pos;
      if (this.expect('@') && this.namedExpression() && this.expect('NEWLINE')) {
        n++;
        continue;
      }
      this.pos = m;
      return n > 0;
    }
  }

  private classDef(): Stmt | null {
    const m = this.pos;
    if (this.decorators()) {
      const c = this.classDefRaw();
      if (c) return c;
    }
    this.pos = m;
    return this.altStmt(m, () => this.classDefRaw());
  }

  private classDefRaw(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      const a = this.expect('class');
      if (a && this.expect('NAME')) {
        this.optional(() => this.expect('(') && (this.optional(() => this.arguments()), true) && this.expect(')'));
        if (this.at('NEWLINE')) this.raise("expected ':'");
        if (this.expect(':')) this.checkIndentedBlock('class definition', a.lineno);
      }
      this.pos = m;
    }
    if (!this.expect('class') || !this.expect('NAME')) {
      this.pos = m;
      return null;
    }
    this.optional(() => this.expect('(') && (this.optional(() => this.arguments()), true) && this.expect(')'));
    const body = this.expect(':') ? this.block() : null;
    if (body) return { kind: 'class', body };
    this.pos = m;
    return null;
  }

  private functionDef(): Stmt | null {
    const m = this.pos;
    if (this.decorators()) {
      const f = this.functionDefRaw();
      if (f) return f;
    }
    this.pos = m;
    return this.altStmt(m, () => this.functionDefRaw());
  }

  private functionDefRaw(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.expect('async');
      const a = this.expect('def');
      if (
        a &&
        this.expect('NAME') &&
        this.expect('(') &&
        (this.optional(() => this.params()), true) &&
        this.expect(')') &&
        (this.optional(() => this.expect('->') && this.expression()), true) &&
        this.expect(':')
      ) {
        this.checkIndentedBlock('function definition', a.lineno);
      }
      this.pos = m;
    }
    for (const isAsync of [false, true]) {
      this.pos = m;
      if (isAsync && !this.expect('async')) break;
      if (!this.expect('def') || !this.expect('NAME')) continue;
      this.forced('(');
      const m2 = this.pos;
      let params = this.params();
      if (!params) {
        this.pos = m2;
        params = { posonly: [], args: [] };
      }
      if (!this.expect(')')) continue;
      this.optional(() => this.expect('->') && this.expression());
      this.forced(':');
      this.optional(() => this.funcTypeComment());
      const body = this.block();
      if (body) return { kind: 'def', posonly: params.posonly, args: params.args, body };
    }
    this.pos = m;
    return null;
  }

  private funcTypeComment(): boolean {
    const m = this.pos;
    if (
      this.expect('NEWLINE') &&
      this.expect('TYPE_COMMENT') &&
      this.lookahead(() => this.expect('NEWLINE') && this.expect('INDENT'))
    ) {
      return true;
    }
    this.pos = m;
    if (this.callInvalid) {
      if (
        this.expect('TYPE_COMMENT') &&
        this.expect('NEWLINE') &&
        this.expect('TYPE_COMMENT') &&
        this.expect('NEWLINE') &&
        this.expect('INDENT')
      ) {
        this.raise('Cannot have two type comments on def');
      }
      this.pos = m;
    }
    return this.expect('TYPE_COMMENT') !== null;
  }

  // Parameters -------------------------------------------------------------

  /** params: the names of the positional-only and positional-or-keyword parameters. */
  private params(): { posonly: string[]; args: string[] } | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidParameters();
      this.pos = m;
    }
    return this.parameters();
  }

  private parameters(): { posonly: string[]; args: string[] } | null {
    const m = this.pos;
    const rest = (args: string[], noDefault: boolean): string[] => {
      if (noDefault) for (let p = this.paramNoDefault(); p; p = this.paramNoDefault()) args.push(p.s.string);
      for (let p = this.paramWithDefault(); p; p = this.paramWithDefault()) args.push(p.s.string);
      this.optional(() => this.starEtc());
      return args;
    };
    const slashNo = this.slashNoDefault();
    if (slashNo) return { posonly: slashNo, args: rest([], true) };
    this.pos = m;
    const slashWith = this.slashWithDefault();
    if (slashWith) return { posonly: slashWith, args: rest([], false) };
    this.pos = m;
    const first = this.paramNoDefault();
    if (first) return { posonly: [], args: rest([first.s.string], true) };
    this.pos = m;
    const firstWith = this.paramWithDefault();
    if (firstWith) return { posonly: [], args: rest([firstWith.s.string], false) };
    this.pos = m;
    if (this.starEtc()) return { posonly: [], args: [] };
    this.pos = m;
    return null;
  }

  private slashNoDefault(): string[] | null {
    const m = this.pos;
    const names: string[] = [];
    for (let p = this.paramNoDefault(); p; p = this.paramNoDefault()) names.push(p.s.string);
    if (names.length > 0 && this.expect('/') && (this.expect(',') || this.at(')'))) return names;
    this.pos = m;
    return null;
  }

  private slashWithDefault(): string[] | null {
    const m = this.pos;
    const names: string[] = [];
    for (let p = this.paramNoDefault(); p; p = this.paramNoDefault()) names.push(p.s.string);
    let n = 0;
    for (let p = this.paramWithDefault(); p; p = this.paramWithDefault()) {
      names.push(p.s.string);
      n++;
    }
    if (n > 0 && this.expect('/') && (this.expect(',') || this.at(')'))) return names;
    this.pos = m;
    return null;
  }

  private starEtc(): boolean {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidStarEtc();
      this.pos = m;
    }
    if (this.expect('*')) {
      const m2 = this.pos;
      if (this.paramNoDefault()) {
        while (this.paramMaybeDefault());
        this.optional(() => this.kwds());
        return true;
      }
      this.pos = m2;
      if (this.paramNoDefaultStarAnnotation()) {
        while (this.paramMaybeDefault());
        this.optional(() => this.kwds());
        return true;
      }
      this.pos = m2;
      if (this.expect(',')) {
        let n = 0;
        while (this.paramMaybeDefault()) n++;
        if (n > 0) {
          this.optional(() => this.kwds());
          return true;
        }
      }
    }
    this.pos = m;
    if (this.kwds()) return true;
    this.pos = m;
    return false;
  }

  private kwds(): boolean {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidKwds();
      this.pos = m;
    }
    if (this.expect('**') && this.paramNoDefault()) return true;
    this.pos = m;
    return false;
  }

  /** A parameter with what follows it: `,` [TYPE_COMMENT], or [TYPE_COMMENT] before `)`. */
  private paramEnd(): boolean {
    if (this.expect(',')) {
      this.expect('TYPE_COMMENT');
      return true;
    }
    this.expect('TYPE_COMMENT');
    return this.at(')');
  }

  private paramNoDefault(): Node | null {
    const m = this.pos;
    const p = this.param();
    if (p && this.paramEnd()) return p;
    this.pos = m;
    return null;
  }

  private paramNoDefaultStarAnnotation(): boolean {
    const m = this.pos;
    if (this.expect('NAME') && this.expect(':') && this.starExpression() && this.paramEnd()) return true;
    this.pos = m;
    return false;
  }

  private paramWithDefault(): Node | null {
    const m = this.pos;
    const p = this.param();
    if (p && this.default_() && this.paramEnd()) return p;
    this.pos = m;
    return null;
  }

  private paramMaybeDefault(): boolean {
    const m = this.pos;
    if (this.param()) {
      this.optional(() => this.default_());
      if (this.paramEnd()) return true;
    }
    this.pos = m;
    return false;
  }

  private param(): Node | null {
    const s = this.expect('NAME');
    if (!s) return null;
    this.optional(() => this.expect(':') && this.expression());
    return this.node('other', s);
  }

  private default_(): boolean {
    const m = this.pos;
    if (this.expect('=') && this.expression()) return true;
    this.pos = m;
    if (this.callInvalid) {
      const a = this.expect('=');
      if (a && (this.at(')') || this.at(','))) this.raiseKnownLocation(a, a, 'expected default value expression');
      this.pos = m;
    }
    return false;
  }

  private invalidParameters(): void {
    const m = this.pos;
    // param_no_default* invalid_parameters_helper param_no_default
    while (this.paramNoDefault());
    if (this.invalidParametersHelper()) {
      const a = this.paramNoDefault();
      if (a) this.raiseNode(a, 'non-default argument follows default argument');
    }
    this.pos = m;
    // param_no_default* '(' param_no_default+ ','? ')'
    while (this.paramNoDefault());
    const open = this.expect('(');
    if (open) {
      let n = 0;
      while (this.paramNoDefault()) n++;
      if (n > 0) {
        this.expect(',');
        const close = this.expect(')');
        if (close) this.raiseKnownLocation(open, close, 'Function parameters cannot be parenthesized');
      }
    }
    this.pos = m;
    const slash = this.expect('/');
    if (slash && this.expect(',')) this.raiseKnownLocation(slash, slash, 'at least one argument must precede /');
    this.pos = m;
    if (this.slashNoDefault() || ((this.pos = m), this.slashWithDefault())) {
      while (this.paramMaybeDefault());
      const a = this.expect('/');
      if (a) this.raiseKnownLocation(a, a, '/ may appear only once');
    }
    this.pos = m;
    this.optional(() => this.slashNoDefault() ?? ((this.pos = m), this.slashWithDefault()));
    while (this.paramMaybeDefault());
    if (this.expect('*') && (this.expect(',') || this.paramNoDefault())) {
      while (this.paramMaybeDefault());
      const a = this.expect('/');
      if (a) this.raiseKnownLocation(a, a, '/ must be ahead of *');
    }
    this.pos = m;
    let n = 0;
    while (this.paramMaybeDefault()) n++;
    if (n > 0 && this.expect('/')) {
      const a = this.expect('*');
      if (a) this.raiseKnownLocation(a, a, 'expected comma between / and *');
    }
    this.pos = m;
  }

  private invalidParametersHelper(): boolean {
    const m = this.pos;
    if (this.slashWithDefault()) return true;
    this.pos = m;
    let n = 0;
    while (this.paramWithDefault()) n++;
    return n > 0;
  }

  private invalidStarEtc(): void {
    const m = this.pos;
    const a = this.expect('*');
    if (a) {
      if (this.at(')')) this.raiseKnownLocation(a, a, 'named arguments must follow bare *');
      if (this.expect(',') && (this.at(')') || this.at('**'))) {
        this.raiseKnownLocation(a, a, 'named arguments must follow bare *');
      }
    }
    this.pos = m;
    if (this.expect('*') && this.expect(',') && this.expect('TYPE_COMMENT')) {
      this.raise('bare * has associated type comment');
    }
    this.pos = m;
    if (this.expect('*') && this.param()) {
      const eq = this.expect('=');
      if (eq) this.raiseKnownLocation(eq, eq, 'var-positional argument cannot have default value');
    }
    this.pos = m;
    if (this.expect('*') && (this.paramNoDefault() || this.expect(','))) {
      while (this.paramMaybeDefault());
      const b = this.expect('*');
      if (b && (this.paramNoDefault() || this.expect(','))) {
        this.raiseKnownLocation(b, b, '* argument may appear only once');
      }
    }
    this.pos = m;
  }

  private invalidKwds(): void {
    const m = this.pos;
    if (this.expect('**') && this.param()) {
      const eq = this.expect('=');
      if (eq) this.raiseKnownLocation(eq, eq, 'var-keyword argument cannot have default value');
    }
    this.pos = m;
    if (this.expect('**') && this.param() && this.expect(',')) {
      const a = this.param();
      if (a) this.raiseNode(a, 'arguments cannot follow var-keyword argument');
    }
    this.pos = m;
    if (this.expect('**') && this.param() && this.expect(',')) {
      const a = this.expect('*') ?? this.expect('**') ?? this.expect('/');
      if (a) this.raiseKnownLocation(a, a, 'arguments cannot follow var-keyword argument');
    }
    this.pos = m;
  }

  // if / while / for / with / try ----------------------------------------------

  private ifOrElif(kw: 'if' | 'elif'): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      if (this.expect(kw) && this.namedExpression() && this.at('NEWLINE')) this.raise("expected ':'");
      this.pos = m;
      const a = this.expect(kw);
      const cond = a ? this.namedExpression() : null;
      if (cond && this.expect(':')) {
        // `a='if' a=named_expression`: the line is the condition's.
        this.checkIndentedBlock(`'${kw}' statement`, kw === 'if' ? cond.s.lineno : a!.lineno);
      }
      this.pos = m;
    }
    const body = this.expect(kw) && this.namedExpression() && this.expect(':') ? this.block() : null;
    if (!body) {
      this.pos = m;
      return null;
    }
    const m2 = this.pos;
    const elif = this.ifOrElif('elif');
    if (elif) return { kind: 'compound', bodies: [body, [elif]] };
    this.pos = m2;
    return { kind: 'compound', bodies: [body, this.optionalBody(() => this.elseBlock())] };
  }

  /** An optional block: its statements, or none. */
  private optionalBody(fn: () => Stmt[] | null): Stmt[] {
    const m = this.pos;
    const r = fn();
    if (r) return r;
    this.pos = m;
    return [];
  }

  private elseBlock(): Stmt[] | null {
    const m = this.pos;
    if (this.callInvalid) {
      const a = this.expect('else');
      if (a && this.expect(':')) this.checkIndentedBlock("'else' statement", a.lineno);
      this.pos = m;
    }
    if (!this.expect('else')) return null;
    this.forced(':');
    const body = this.block();
    if (body) return body;
    this.pos = m;
    return null;
  }

  private whileStmt(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      if (this.expect('while') && this.namedExpression() && this.at('NEWLINE')) this.raise("expected ':'");
      this.pos = m;
      const a = this.expect('while');
      if (a && this.namedExpression() && this.expect(':')) this.checkIndentedBlock("'while' statement", a.lineno);
      this.pos = m;
    }
    const body = this.expect('while') && this.namedExpression() && this.expect(':') ? this.block() : null;
    if (body) return { kind: 'compound', bodies: [body, this.optionalBody(() => this.elseBlock())] };
    this.pos = m;
    return null;
  }

  private forStmt(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.expect('async');
      const header = this.expect('for') && this.starTargets() && this.expect('in') && this.starExpressions();
      if (header && this.at('NEWLINE')) {
        this.raise("expected ':'");
      }
      this.pos = m;
      this.expect('async');
      const a = this.expect('for');
      if (a && this.starTargets() && this.expect('in') && this.starExpressions() && this.expect(':')) {
        this.checkIndentedBlock("'for' statement", a.lineno);
      }
      this.pos = m;
    }
    for (const isAsync of [false, true]) {
      this.pos = m;
      if (isAsync && !this.expect('async')) break;
      if (this.expect('for') && this.starTargets() && this.expect('in')) {
        // cut
        if (this.starExpressions() && this.expect(':')) {
          this.expect('TYPE_COMMENT');
          const body = this.block();
          if (body) return { kind: 'compound', bodies: [body, this.optionalBody(() => this.elseBlock())] };
        }
        this.pos = m;
        return null;
      }
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidForTarget();
      this.pos = m;
    }
    return null;
  }

  private invalidForTarget(): void {
    this.expect('async');
    if (this.expect('for')) {
      const a = this.starExpressions();
      if (a) this.raiseInvalidTarget('FOR', a);
    }
  }

  private withStmt(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidWithStmt(true);
      this.pos = m;
    }
    for (const isAsync of [false, true]) {
      this.pos = m;
      if (isAsync && !this.expect('async')) break;
      if (!this.expect('with')) continue;
      const m2 = this.pos;
      if (this.expect('(') && this.withItems()) {
        this.expect(',');
        const body = this.expect(')') && this.expect(':') ? this.block() : null;
        if (body) return { kind: 'compound', bodies: [body] };
      }
      this.pos = m2;
      if (this.withItems() && this.expect(':')) {
        this.expect('TYPE_COMMENT');
        const body = this.block();
        if (body) return { kind: 'compound', bodies: [body] };
      }
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidWithStmt(false);
      this.pos = m;
    }
    return null;
  }

  private withItems(): boolean {
    if (!this.withItem()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.withItem()) continue;
      this.pos = m;
      return true;
    }
  }

  private withItem(): boolean {
    const m = this.pos;
    if (this.expression() && this.expect('as') && this.starTarget() && (this.at(',') || this.at(')') || this.at(':'))) {
      return true;
    }
    this.pos = m;
    if (this.callInvalid) {
      if (this.expression() && this.expect('as')) {
        const a = this.expression();
        if (a && (this.at(',') || this.at(')') || this.at(':'))) this.raiseInvalidTarget('STAR', a);
      }
      this.pos = m;
    }
    return this.expression() !== null;
  }

  /** invalid_with_stmt (`indent` false) and invalid_with_stmt_indent (true). */
  private invalidWithStmt(indent: boolean): void {
    const m = this.pos;
    const items = (parenthesised: boolean): boolean => {
      const item = (): boolean => {
        if (!(parenthesised ? this.expressions() : this.expression())) return false;
        this.optional(() => this.expect('as') && this.starTarget());
        return true;
      };
      if (!item()) return false;
      for (;;) {
        const m2 = this.pos;
        if (this.expect(',') && item()) continue;
        this.pos = m2;
        return true;
      }
    };
    for (const parenthesised of [false, true]) {
      this.pos = m;
      this.expect('async');
      const a = this.expect('with');
      if (!a) continue;
      if (parenthesised) {
        if (!this.expect('(') || !items(true)) continue;
        this.expect(',');
        if (!this.expect(')')) continue;
      } else if (!items(false)) {
        continue;
      }
      if (indent) {
        if (this.expect(':')) this.checkIndentedBlock("'with' statement", a.lineno);
      } else if (this.at('NEWLINE')) {
        this.raise("expected ':'");
      }
    }
    this.pos = m;
  }

  private tryStmt(): Stmt | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidTryStmt();
      this.pos = m;
    }
    if (!this.expect('try')) return null;
    this.forced(':');
    const body = this.block();
    if (!body) {
      this.pos = m;
      return null;
    }
    const afterBlock = this.pos;
    // Sphinx's visit_Try walks the body and the else block only.
    if (this.finallyBlock()) return { kind: 'compound', bodies: [body] };
    this.pos = afterBlock;
    let n = 0;
    while (this.exceptBlock()) n++;
    if (n > 0) {
      const orelse = this.optionalBody(() => this.elseBlock());
      this.optional(() => this.finallyBlock());
      return { kind: 'compound', bodies: [body, orelse] };
    }
    this.pos = afterBlock;
    // try/except* is a TryStar node, which Sphinx walks generically: everything.
    const handlers: Stmt[][] = [];
    for (let h = this.exceptStarBlock(); h; h = this.exceptStarBlock()) handlers.push(h);
    if (handlers.length > 0) {
      const orelse = this.optionalBody(() => this.elseBlock());
      const finalbody = this.optionalBody(() => this.finallyBlock());
      return { kind: 'compound', bodies: [body, ...handlers, orelse, finalbody] };
    }
    this.pos = m;
    return null;
  }

  private invalidTryStmt(): void {
    const m = this.pos;
    const a = this.expect('try');
    if (a && this.expect(':')) this.checkIndentedBlock("'try' statement", a.lineno);
    this.pos = m;
    if (this.expect('try') && this.expect(':') && this.block() && !this.at('except') && !this.at('finally')) {
      this.raise("expected 'except' or 'finally' block");
    }
    this.pos = m;
    if (this.expect('try') && this.expect(':')) {
      while (this.block());
      let n = 0;
      while (this.exceptBlock()) n++;
      if (n > 0) {
        const e = this.expect('except');
        const star = e ? this.expect('*') : null;
        if (e && star && this.expression()) {
          this.optional(() => this.expect('as') && this.expect('NAME'));
          if (this.expect(':')) {
            this.raiseKnownLocation(e, star, "cannot have both 'except' and 'except*' on the same 'try'");
          }
        }
      }
    }
    this.pos = m;
    if (this.expect('try') && this.expect(':')) {
      while (this.block());
      let n = 0;
      while (this.exceptStarBlock()) n++;
      if (n > 0) {
        const e = this.expect('except');
        if (e) {
          this.optional(
            () => this.expression() && (this.optional(() => this.expect('as') && this.expect('NAME')), true),
          );
          if (this.expect(':')) this.raiseKnownLocation(e, e, "cannot have both 'except' and 'except*' on the same 'try'");
        }
      }
    }
    this.pos = m;
  }

  private exceptBlock(): Stmt[] | null {
    const m = this.pos;
    if (this.callInvalid) {
      const a = this.expect('except');
      if (a && this.expression()) {
        this.optional(() => this.expect('as') && this.expect('NAME'));
        if (this.expect(':')) this.checkIndentedBlock("'except' statement", a.lineno);
      }
      this.pos = m;
      const b = this.expect('except');
      if (b && this.expect(':')) this.checkIndentedBlock("'except' statement", b.lineno);
      this.pos = m;
    }
    if (this.expect('except') && this.expression()) {
      this.optional(() => this.expect('as') && this.expect('NAME'));
      const body = this.expect(':') ? this.block() : null;
      if (body) return body;
    }
    this.pos = m;
    const body = this.expect('except') && this.expect(':') ? this.block() : null;
    if (body) return body;
    this.pos = m;
    if (this.callInvalid) {
      this.invalidExceptStmt();
      this.pos = m;
    }
    return null;
  }

  private exceptStarBlock(): Stmt[] | null {
    const m = this.pos;
    if (this.callInvalid) {
      const a = this.expect('except');
      if (a && this.expect('*') && this.expression()) {
        this.optional(() => this.expect('as') && this.expect('NAME'));
        if (this.expect(':')) this.checkIndentedBlock("'except*' statement", a.lineno);
      }
      this.pos = m;
    }
    if (this.expect('except') && this.expect('*') && this.expression()) {
      this.optional(() => this.expect('as') && this.expect('NAME'));
      const body = this.expect(':') ? this.block() : null;
      if (body) return body;
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidExceptStmt();
      this.pos = m;
    }
    return null;
  }

  private invalidExceptStmt(): void {
    const m = this.pos;
    if (this.expect('except')) {
      this.expect('*');
      const a = this.expression();
      if (a && this.expect(',') && this.expressions()) {
        this.optional(() => this.expect('as') && this.expect('NAME'));
        if (this.expect(':')) this.raiseStartingFrom(a, 'multiple exception types must be parenthesized');
      }
    }
    this.pos = m;
    if (this.expect('except')) {
      this.expect('*');
      if (this.expression()) {
        this.optional(() => this.expect('as') && this.expect('NAME'));
        if (this.at('NEWLINE')) this.raise("expected ':'");
      }
    }
    this.pos = m;
    if (this.expect('except') && this.at('NEWLINE')) this.raise("expected ':'");
    this.pos = m;
    if (this.expect('except') && this.expect('*') && (this.at('NEWLINE') || this.at(':'))) {
      this.pos++;
      this.raise('expected one or more exception types');
    }
    this.pos = m;
  }

  private finallyBlock(): Stmt[] | null {
    const m = this.pos;
    if (this.callInvalid) {
      const a = this.expect('finally');
      if (a && this.expect(':')) this.checkIndentedBlock("'finally' statement", a.lineno);
      this.pos = m;
    }
    if (!this.expect('finally')) return null;
    this.forced(':');
    const body = this.block();
    if (body) return body;
    this.pos = m;
    return null;
  }

  // match --------------------------------------------------------------------

  private matchStmt(): Stmt | null {
    const m = this.pos;
    if (this.expectSoft('match') && this.subjectExpr() && this.expect(':') && this.expect('NEWLINE') && this.expect('INDENT')) {
      const bodies: Stmt[][] = [];
      for (let c = this.caseBlock(); c; c = this.caseBlock()) bodies.push(c);
      if (bodies.length > 0 && this.expect('DEDENT')) return { kind: 'compound', bodies };
    }
    this.pos = m;
    if (this.callInvalid) {
      if (this.expectSoft('match') && this.subjectExpr() && this.at('NEWLINE')) this.raise("expected ':'");
      this.pos = m;
      const a = this.expectSoft('match');
      if (a && this.subjectExpr() && this.expect(':')) this.checkIndentedBlock("'match' statement", a.lineno);
      this.pos = m;
    }
    return null;
  }

  private subjectExpr(): boolean {
    const m = this.pos;
    if (this.starNamedExpression() && this.expect(',')) {
      this.optional(() => this.starNamedExpressions());
      return true;
    }
    this.pos = m;
    return this.namedExpression() !== null;
  }

  private caseBlock(): Stmt[] | null {
    const m = this.pos;
    if (this.callInvalid) {
      if (this.expectSoft('case') && this.patterns()) {
        this.optional(() => this.guard());
        if (this.at('NEWLINE')) this.raise("expected ':'");
      }
      this.pos = m;
      const a = this.expectSoft('case');
      if (a && this.patterns()) {
        this.optional(() => this.guard());
        if (this.expect(':')) this.checkIndentedBlock("'case' statement", a.lineno);
      }
      this.pos = m;
    }
    if (this.expectSoft('case') && this.patterns()) {
      this.optional(() => this.guard());
      const body = this.expect(':') ? this.block() : null;
      if (body) return body;
    }
    this.pos = m;
    return null;
  }

  private guard(): boolean {
    return this.expect('if') !== null && this.namedExpression() !== null;
  }

  private patterns(): boolean {
    const m = this.pos;
    if (this.openSequencePattern()) return true;
    this.pos = m;
    return this.pattern() !== null;
  }

  private pattern(): Node | null {
    const m = this.pos;
    const a = this.asPattern();
    if (a) return a;
    this.pos = m;
    return this.orPattern();
  }

  private asPattern(): Node | null {
    const m = this.pos;
    const s = this.peek();
    if (this.orPattern() && this.expect('as') && this.patternCaptureTarget()) return this.node('other', s);
    this.pos = m;
    if (this.callInvalid) {
      if (this.orPattern() && this.expect('as')) {
        const under = this.expectSoft('_');
        if (under) this.raiseKnownLocation(under, under, "cannot use '_' as a target");
      }
      this.pos = m;
      if (this.orPattern() && this.expect('as') && !this.at('NAME')) {
        const a = this.expression();
        if (a) this.raiseNode(a, 'invalid pattern target');
      }
      this.pos = m;
    }
    return null;
  }

  private orPattern(): Node | null {
    const s = this.peek();
    if (!this.closedPattern()) return null;
    for (;;) {
      const m = this.pos;
      if (this.expect('|') && this.closedPattern()) continue;
      this.pos = m;
      return this.node('other', s);
    }
  }

  private closedPattern(): boolean {
    return (
      this.memo(M_CLOSED_PATTERN, () => {
        const m = this.pos;
        for (const fn of [
          () => this.literalPattern(),
          () => this.patternCaptureTarget(),
          () => this.expectSoft('_') !== null,
          () => this.valuePattern(),
          () => this.groupPattern(),
          () => this.sequencePattern(),
          () => this.mappingPattern(),
          () => this.classPattern(),
        ]) {
          if (fn()) return true;
          this.pos = m;
        }
        return null;
      }) !== null
    );
  }

  /** literal_pattern and literal_expr (same shape). */
  private literalPattern(): boolean {
    const m = this.pos;
    if (this.signedNumber() && !this.at('+') && !this.at('-')) return true;
    this.pos = m;
    if (this.complexNumber()) return true;
    this.pos = m;
    if (this.at('STRING') && this.strings()) return true;
    this.pos = m;
    const k = this.peek().kind;
    if (k === 'None' || k === 'True' || k === 'False') {
      this.pos++;
      return true;
    }
    return false;
  }

  private signedNumber(): boolean {
    const m = this.pos;
    if (this.number()) return true;
    this.pos = m;
    if (this.expect('-') && this.number()) return true;
    this.pos = m;
    return false;
  }

  private complexNumber(): boolean {
    const m = this.pos;
    const real = (): boolean => {
      const m2 = this.pos;
      let n = this.number();
      if (!n) {
        this.pos = m2;
        if (!this.expect('-')) return false;
        n = this.number();
        if (!n) return false;
      }
      if (n.c === 'complex') this.raiseNode(n, 'real number required in complex literal');
      return true;
    };
    if (real() && (this.expect('+') || this.expect('-'))) {
      const imag = this.number();
      if (imag) {
        if (imag.c !== 'complex') this.raiseNode(imag, 'imaginary number required in complex literal');
        return true;
      }
    }
    this.pos = m;
    return false;
  }

  private patternCaptureTarget(): boolean {
    const t = this.peek();
    if (t.kind !== 'NAME' || t.string === '_') return false;
    this.pos++;
    if (this.at('.') || this.at('(') || this.at('=')) {
      this.pos--;
      return false;
    }
    return true;
  }

  private valuePattern(): boolean {
    const m = this.pos;
    if (this.attr() && !this.at('.') && !this.at('(') && !this.at('=')) return true;
    this.pos = m;
    return false;
  }

  /** attr: NAME ('.' NAME)+ (left-recursive in the grammar). */
  private attr(): boolean {
    const m = this.pos;
    const dots = this.nameOrAttr();
    if (dots !== null && dots > 0) return true;
    this.pos = m;
    return false;
  }

  /** name_or_attr: NAME ('.' NAME)*, as its number of dots. */
  private nameOrAttr(): number | null {
    return this.memo(M_NAME_OR_ATTR, () => {
      if (!this.expect('NAME')) return null;
      let dots = 0;
      for (;;) {
        const m = this.pos;
        if (this.expect('.') && this.expect('NAME')) {
          dots++;
          continue;
        }
        this.pos = m;
        return dots;
      }
    });
  }

  private groupPattern(): boolean {
    const m = this.pos;
    if (this.expect('(') && this.pattern() && this.expect(')')) return true;
    this.pos = m;
    return false;
  }

  private sequencePattern(): boolean {
    const m = this.pos;
    if (this.expect('[')) {
      this.optional(() => this.maybeSequencePattern());
      if (this.expect(']')) return true;
    }
    this.pos = m;
    if (this.expect('(')) {
      this.optional(() => this.openSequencePattern());
      if (this.expect(')')) return true;
    }
    this.pos = m;
    return false;
  }

  private openSequencePattern(): boolean {
    const m = this.pos;
    if (this.maybeStarPattern() && this.expect(',')) {
      this.optional(() => this.maybeSequencePattern());
      return true;
    }
    this.pos = m;
    return false;
  }

  private maybeSequencePattern(): boolean {
    if (!this.maybeStarPattern()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.maybeStarPattern()) continue;
      this.pos = m;
      break;
    }
    this.expect(',');
    return true;
  }

  private maybeStarPattern(): boolean {
    const m = this.pos;
    if (this.starPattern()) return true;
    this.pos = m;
    return this.pattern() !== null;
  }

  private starPattern(): boolean {
    return (
      this.memo(M_STAR_PATTERN, () => {
        const m = this.pos;
        if (this.expect('*') && this.patternCaptureTarget()) return true;
        this.pos = m;
        if (this.expect('*') && this.expectSoft('_')) return true;
        return null;
      }) !== null
    );
  }

  private mappingPattern(): boolean {
    const m = this.pos;
    if (!this.expect('{')) return false;
    const m1 = this.pos;
    if (this.expect('}')) return true;
    this.pos = m1;
    if (this.doubleStarPattern()) {
      this.expect(',');
      if (this.expect('}')) return true;
    }
    this.pos = m1;
    if (this.itemsPattern() && this.expect(',') && this.doubleStarPattern()) {
      this.expect(',');
      if (this.expect('}')) return true;
    }
    this.pos = m1;
    if (this.itemsPattern()) {
      this.expect(',');
      if (this.expect('}')) return true;
    }
    this.pos = m;
    return false;
  }

  private itemsPattern(): boolean {
    if (!this.keyValuePattern()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.keyValuePattern()) continue;
      this.pos = m;
      return true;
    }
  }

  private keyValuePattern(): boolean {
    const m = this.pos;
    if (!this.literalPattern()) {
      this.pos = m;
      if (!this.attr()) {
        this.pos = m;
        return false;
      }
    }
    if (this.expect(':') && this.pattern()) return true;
    this.pos = m;
    return false;
  }

  private doubleStarPattern(): boolean {
    const m = this.pos;
    if (this.expect('**') && this.patternCaptureTarget()) return true;
    this.pos = m;
    return false;
  }

  private classPattern(): boolean {
    const m = this.pos;
    if (this.nameOrAttr() !== null && this.expect('(')) {
      const m1 = this.pos;
      if (this.expect(')')) return true;
      this.pos = m1;
      if (this.positionalPatterns()) {
        this.expect(',');
        if (this.expect(')')) return true;
      }
      this.pos = m1;
      if (this.keywordPatterns()) {
        this.expect(',');
        if (this.expect(')')) return true;
      }
      this.pos = m1;
      if (this.positionalPatterns() && this.expect(',') && this.keywordPatterns()) {
        this.expect(',');
        if (this.expect(')')) return true;
      }
    }
    this.pos = m;
    if (this.callInvalid) {
      if (this.nameOrAttr() !== null && this.expect('(')) {
        // [positional_patterns ','] keyword_patterns ',' positional_patterns
        const m1 = this.pos;
        if (!(this.positionalPatterns() && this.expect(','))) this.pos = m1;
        if (this.keywordPatterns() && this.expect(',')) {
          const a = this.positionalPatterns();
          if (a) this.raiseKnownLocation(a[0]!, a[a.length - 1]!, 'positional patterns follow keyword patterns');
        }
      }
      this.pos = m;
    }
    return false;
  }

  private positionalPatterns(): Node[] | null {
    const first = this.pattern();
    if (!first) return null;
    const out = [first];
    for (;;) {
      const m = this.pos;
      if (this.expect(',')) {
        const p = this.pattern();
        if (p) {
          out.push(p);
          continue;
        }
      }
      this.pos = m;
      return out;
    }
  }

  private keywordPatterns(): boolean {
    if (!this.keywordPattern()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.keywordPattern()) continue;
      this.pos = m;
      return true;
    }
  }

  private keywordPattern(): boolean {
    const m = this.pos;
    if (this.expect('NAME') && this.expect('=') && this.pattern()) return true;
    this.pos = m;
    return false;
  }

  // -------------------------------------------------------------------------
  // Expressions

  private expressions(): Node | null {
    const s = this.peek();
    const a = this.expression();
    if (!a) return null;
    const elts = [a];
    let comma = false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',')) {
        comma = true;
        const b = this.expression();
        if (b) {
          elts.push(b);
          continue;
        }
      }
      this.pos = m;
      break;
    }
    if (elts.length > 1) {
      this.expect(',');
      return this.node('Tuple', s, { elts });
    }
    if (comma && this.expect(',')) return this.node('Tuple', s, { elts });
    return a;
  }

  private expression(): Node | null {
    if (this.memoHit(M_EXPRESSION)) return this.memoValue<Node | null>();
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidExpression();
      this.pos = m;
      this.invalidLegacyExpression();
      this.pos = m;
    }
    return this.memoPut(M_EXPRESSION, m, this.expressionWithoutInvalid());
  }

  private expressionWithoutInvalid(): Node | null {
    const m = this.pos;
    const s = this.peek();
    const a = this.disjunction();
    if (a) {
      if (this.expect('if') && this.disjunction() && this.expect('else') && this.expression()) {
        return this.node('IfExp', s);
      }
      this.pos = m;
      const d = this.disjunction();
      if (d) return d;
    }
    this.pos = m;
    return this.lambdef();
  }

  private invalidExpression(): void {
    const m = this.pos;
    const t = this.peek();
    const excluded =
      (t.kind === 'NAME' && SOFT_KEYWORDS.has(t.string)) ||
      (t.kind === 'NAME' && this.lookahead(() => this.expect('NAME') && this.expect('STRING')));
    if (!excluded) {
      const a = this.disjunction();
      if (a) {
        const saved = this.callInvalid;
        this.callInvalid = false;
        let b: Node | null;
        try {
          b = this.expressionWithoutInvalid();
        } finally {
          this.callInvalid = saved;
        }
        if (b) {
          if (a.k === 'Name' && (a.id === 'print' || a.id === 'exec')) return;
          if (this.toks[this.pos - 1]!.level === 0) return;
          this.raiseKnownLocation(a, b, 'invalid syntax. Perhaps you forgot a comma?');
        }
      }
    }
    this.pos = m;
    const a = this.disjunction();
    if (a && this.expect('if')) {
      const b = this.disjunction();
      if (b && !this.at('else') && !this.at(':')) this.raiseKnownLocation(a, b, "expected 'else' after 'if' expression");
    }
    this.pos = m;
  }

  private invalidLegacyExpression(): void {
    const a = this.expect('NAME');
    if (!a || this.at('(')) return;
    const b = this.starExpressions();
    if (b && (a.string === 'print' || a.string === 'exec')) {
      this.raiseKnownLocation(a, b, `Missing parentheses in call to '${a.string}'. Did you mean ${a.string}(...)?`);
    }
  }

  private yieldExpr(): Node | null {
    const m = this.pos;
    const s = this.expect('yield');
    if (!s) return null;
    if (this.expect('from') && this.expression()) return this.node('YieldFrom', s);
    this.pos = m + 1;
    this.optional(() => this.starExpressions());
    return this.node('Yield', s);
  }

  private starExpressions(): Node | null {
    const s = this.peek();
    const a = this.starExpression();
    if (!a) return null;
    const elts = [a];
    let comma = false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',')) {
        comma = true;
        const b = this.starExpression();
        if (b) {
          elts.push(b);
          continue;
        }
      }
      this.pos = m;
      break;
    }
    if (elts.length > 1) {
      this.expect(',');
      return this.node('Tuple', s, { elts });
    }
    if (comma && this.expect(',')) return this.node('Tuple', s, { elts });
    return a;
  }

  private starExpression(): Node | null {
    if (this.memoHit(M_STAR_EXPRESSION)) return this.memoValue<Node | null>();
    const m = this.pos;
    const s = this.expect('*');
    if (s) {
      const v = this.bitwiseOr();
      if (v) return this.memoPut(M_STAR_EXPRESSION, m, this.node('Starred', s, { value: v }));
    }
    this.pos = m;
    return this.memoPut(M_STAR_EXPRESSION, m, this.expression());
  }

  private starNamedExpressions(): Node[] | null {
    const a = this.starNamedExpression();
    if (!a) return null;
    const out = [a];
    for (;;) {
      const m = this.pos;
      if (this.expect(',')) {
        const b = this.starNamedExpression();
        if (b) {
          out.push(b);
          continue;
        }
      }
      this.pos = m;
      break;
    }
    this.expect(',');
    return out;
  }

  private starNamedExpression(): Node | null {
    const m = this.pos;
    const s = this.expect('*');
    if (s) {
      const v = this.bitwiseOr();
      if (v) return this.node('Starred', s, { value: v });
    }
    this.pos = m;
    return this.namedExpression();
  }

  /** NAME ':=' ~ expression (the cut has no other alternative to skip). */
  private assignmentExpression(): Node | null {
    const m = this.pos;
    const s = this.expect('NAME');
    if (s && this.expect(':=') && this.expression()) return this.node('NamedExpr', s);
    this.pos = m;
    return null;
  }

  private namedExpression(): Node | null {
    const m = this.pos;
    const a = this.assignmentExpression();
    if (a) return a;
    if (this.callInvalid) {
      this.invalidNamedExpression();
      this.pos = m;
    }
    const e = this.expression();
    if (e && !this.at(':=')) return e;
    this.pos = m;
    return null;
  }

  private invalidNamedExpression(): void {
    this.memo(M_INVALID_NAMED, () => {
      const m = this.pos;
      const a = this.expression();
      if (a && this.expect(':=') && this.expression()) {
        this.raiseNode(a, `cannot use assignment expressions with ${exprName(a)}`);
      }
      this.pos = m;
      const n = this.expect('NAME');
      if (n && this.expect('=')) {
        const b = this.bitwiseOr();
        if (b && !this.at('=') && !this.at(':=')) {
          this.raiseKnownLocation(n, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        }
      }
      this.pos = m;
      const excluded = this.lookahead(() => {
        const k = this.peek().kind;
        if (k === 'True' || k === 'None' || k === 'False') return true;
        if (k === '[') return this.list() !== null;
        if (k === '(') return this.tuple() !== null || ((this.pos = m), this.genexp() !== null);
        return false;
      });
      if (!excluded) {
        const a2 = this.bitwiseOr();
        if (a2 && this.expect('=') && this.bitwiseOr() && !this.at('=') && !this.at(':=')) {
          this.raiseNode(a2, `cannot assign to ${exprName(a2)} here. Maybe you meant '==' instead of '='?`);
        }
      }
      this.pos = m;
      return null;
    });
  }

  /**
   * disjunction, with conjunction, inversion and comparison folded in: only
   * the kind and span of the result matter, and the loops accept and stop
   * exactly where the grammar's levels do.
   */
  private disjunction(): Node | null {
    if (this.memoHit(M_DISJUNCTION)) return this.memoValue<Node | null>();
    const start = this.pos;
    const s = this.peek();
    let first = this.inversion();
    if (!first) return this.memoPut(M_DISJUNCTION, start, null);
    let or = false;
    let and = false;
    for (;;) {
      const m = this.pos;
      const k = this.peek().kind;
      if (k === 'or' || k === 'and') {
        this.pos++;
        if (this.inversion()) {
          if (k === 'or') or = true;
          else and = true;
          continue;
        }
      }
      this.pos = m;
      break;
    }
    if (or || and) first = this.node('BoolOp', s);
    return this.memoPut(M_DISJUNCTION, start, first);
  }

  /** 'not'* comparison. */
  private inversion(): Node | null {
    const s = this.peek();
    const start = this.pos;
    while (this.at('not')) this.pos++;
    const nots = this.pos - start;
    const c = this.comparison();
    if (!c) {
      this.pos = start;
      return null;
    }
    return nots > 0 ? this.node('UnaryOp', s) : c;
  }

  private comparison(): Node | null {
    const s = this.peek();
    const a = this.bitwiseOr();
    if (!a) return null;
    let first: string | null = null;
    for (;;) {
      const m = this.pos;
      const op = this.compareOp();
      if (op && this.bitwiseOr()) {
        first ??= op;
        continue;
      }
      this.pos = m;
      break;
    }
    return first ? this.node('Compare', s, { value: a, op: first }) : a;
  }

  private compareOp(): string | null {
    const t = this.peek();
    switch (t.kind) {
      case '==':
      case '<=':
      case '<':
      case '>=':
      case '>':
      case 'in':
        this.pos++;
        return t.kind;
      case '!=':
        // '<>' only with barry_as_FLUFL; the tokenizer gives it the same type.
        if (t.string !== '!=') return null;
        this.pos++;
        return '!=';
      case 'not':
        this.pos++;
        if (this.expect('in')) return 'not in';
        this.pos--;
        return null;
      case 'is':
        this.pos++;
        if (this.expect('not')) return 'is not';
        return 'is';
      default:
        return null;
    }
  }

  /**
   * bitwise_or down to term: `factor (op factor)*` for every binary operator.
   * The grammar's levels only shape the tree; they accept the same tokens
   * and stop at the same place (an operator whose right operand fails).
   */
  private bitwiseOr(): Node | null {
    if (this.memoHit(M_BITWISE_OR)) return this.memoValue<Node | null>();
    const start = this.pos;
    const s = this.peek();
    let a = this.factor();
    if (a) {
      for (;;) {
        const m = this.pos;
        if (BINARY_OPS.has(this.peek().kind)) {
          this.pos++;
          if (this.factor()) {
            a = this.node('BinOp', s);
            continue;
          }
        }
        this.pos = m;
        break;
      }
    }
    return this.memoPut(M_BITWISE_OR, start, a);
  }

  /** factor, power and await_primary: ('+' | '-' | '~')* [AWAIT] primary ['**' factor]. */
  private factor(): Node | null {
    const s = this.peek();
    const start = this.pos;
    while (OPS_UNARY.has(this.peek().kind)) this.pos++;
    const unary = this.pos - start;
    const ps = this.peek();
    let p: Node | null;
    if (ps.kind === 'await') {
      this.pos++;
      p = this.primary() ? this.node('Await', ps) : null;
    } else {
      p = this.primary();
    }
    if (!p) {
      this.pos = start;
      return null;
    }
    const m = this.pos;
    if (this.expect('**') && this.factor()) p = this.node('BinOp', ps);
    else this.pos = m;
    return unary > 0 ? this.node('UnaryOp', s) : p;
  }

  private primary(): Node | null {
    const s = this.peek();
    let a = this.atom();
    if (!a) return null;
    for (;;) {
      const m = this.pos;
      const k = this.peek().kind;
      if (k === '.') {
        this.pos++;
        if (this.expect('NAME')) {
          a = this.node('Attribute', s);
          continue;
        }
      } else {
        // primary genexp: in the second pass, invalid_comprehension also looks at '[' and '{'.
        if (this.genexp()) {
          a = this.node('Call', s);
          continue;
        }
        this.pos = m;
        if (k === '(') {
          this.pos++;
          const m2 = this.pos;
          if (!this.arguments()) this.pos = m2;
          if (this.expect(')')) {
            a = this.node('Call', s);
            continue;
          }
        } else if (k === '[') {
          this.pos++;
          if (this.slices() && this.expect(']')) {
            a = this.node('Subscript', s);
            continue;
          }
        }
      }
      this.pos = m;
      return a;
    }
  }

  private slices(): boolean {
    const m = this.pos;
    if (this.slice() && !this.at(',')) return true;
    this.pos = m;
    const item = (): boolean => {
      const m2 = this.pos;
      if (this.slice()) return true;
      this.pos = m2;
      return this.starredExpression() !== null;
    };
    if (!item()) {
      this.pos = m;
      return false;
    }
    for (;;) {
      const m2 = this.pos;
      if (this.expect(',') && item()) continue;
      this.pos = m2;
      break;
    }
    this.expect(',');
    return true;
  }

  private slice(): boolean {
    const m = this.pos;
    if (!this.expression()) this.pos = m;
    if (this.expect(':')) {
      let m2 = this.pos;
      if (!this.expression()) this.pos = m2;
      if (this.expect(':')) {
        m2 = this.pos;
        if (!this.expression()) this.pos = m2;
      }
      return true;
    }
    this.pos = m;
    return this.namedExpression() !== null;
  }

  private atom(): Node | null {
    const t = this.peek();
    switch (t.kind) {
      case 'NAME':
        this.pos++;
        return { k: 'Name', s: t, e: t, id: t.string };
      case 'True':
      case 'False':
      case 'None':
        this.pos++;
        return { k: 'Constant', s: t, e: t, c: t.kind };
      case '...':
        this.pos++;
        return { k: 'Constant', s: t, e: t, c: 'Ellipsis' };
      case 'STRING':
        return this.strings();
      case 'NUMBER':
        return this.number();
      case '(': {
        const m = this.pos;
        const r = this.tuple() ?? ((this.pos = m), this.group()) ?? ((this.pos = m), this.genexp());
        if (!r) this.pos = m;
        return r;
      }
      case '[': {
        const m = this.pos;
        const r = this.list() ?? ((this.pos = m), this.listcomp());
        if (!r) this.pos = m;
        return r;
      }
      case '{': {
        const m = this.pos;
        const r =
          this.dict() ?? ((this.pos = m), this.set()) ?? ((this.pos = m), this.dictcomp()) ?? ((this.pos = m), this.setcomp());
        if (!r) this.pos = m;
        return r;
      }
      default:
        return null;
    }
  }

  private number(): Node | null {
    const t = this.expect('NUMBER');
    if (!t) return null;
    const s = t.string;
    const last = s[s.length - 1];
    const complex = last === 'j' || last === 'J';
    if (!complex && !/^0[xXoObB]/.test(s) && !/[.eE]/.test(s)) {
      const digits = s.replace(/_/g, '').replace(/^0+(?=\d)/, '').length;
      if (digits > MAX_STR_DIGITS) {
        this.raiseLocation(
          'SyntaxError',
          t.lineno,
          -1,
          t.endLineno,
          -1,
          `Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; ` +
            'use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer ' +
            'literals to avoid decimal conversion limits.',
        );
      }
    }
    return { k: 'Constant', s: t, e: t, c: complex ? 'complex' : 'number' };
  }

  private group(): Node | null {
    const m = this.pos;
    if (this.expect('(')) {
      const a = this.yieldExpr() ?? this.namedExpression();
      if (a && this.expect(')')) return a;
    }
    this.pos = m;
    if (this.callInvalid) {
      if (this.expect('(')) {
        const a = this.starredExpression();
        if (a && this.expect(')')) this.raiseNode(a, 'cannot use starred expression here');
      }
      this.pos = m;
      if (this.expect('(')) {
        const a = this.expect('**');
        if (a && this.expression() && this.expect(')')) this.raiseKnownLocation(a, a, 'cannot use double starred expression here');
      }
      this.pos = m;
    }
    return null;
  }

  private lambdef(): Node | null {
    const m = this.pos;
    const s = this.expect('lambda');
    if (!s) return null;
    this.optional(() => this.lambdaParams());
    if (this.expect(':') && this.expression()) return this.node('Lambda', s);
    this.pos = m;
    return null;
  }

  // Lambda parameters -----------------------------------------------------------

  private lambdaParams(): boolean {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidLambdaParameters();
      this.pos = m;
    }
    return this.lambdaParameters();
  }

  private lambdaParameters(): boolean {
    const m = this.pos;
    if (this.lambdaSlashNoDefault()) {
      while (this.lambdaParamNoDefault());
      while (this.lambdaParamWithDefault());
      this.optional(() => this.lambdaStarEtc());
      return true;
    }
    this.pos = m;
    if (this.lambdaSlashWithDefault()) {
      while (this.lambdaParamWithDefault());
      this.optional(() => this.lambdaStarEtc());
      return true;
    }
    this.pos = m;
    if (this.lambdaParamNoDefault()) {
      while (this.lambdaParamNoDefault());
      while (this.lambdaParamWithDefault());
      this.optional(() => this.lambdaStarEtc());
      return true;
    }
    this.pos = m;
    if (this.lambdaParamWithDefault()) {
      while (this.lambdaParamWithDefault());
      this.optional(() => this.lambdaStarEtc());
      return true;
    }
    this.pos = m;
    if (this.lambdaStarEtc()) return true;
    this.pos = m;
    return false;
  }

  private lambdaSlashNoDefault(): boolean {
    const m = this.pos;
    let n = 0;
    while (this.lambdaParamNoDefault()) n++;
    if (n > 0 && this.expect('/') && (this.expect(',') || this.at(':'))) return true;
    this.pos = m;
    return false;
  }

  private lambdaSlashWithDefault(): boolean {
    const m = this.pos;
    while (this.lambdaParamNoDefault());
    let n = 0;
    while (this.lambdaParamWithDefault()) n++;
    if (n > 0 && this.expect('/') && (this.expect(',') || this.at(':'))) return true;
    this.pos = m;
    return false;
  }

  private lambdaStarEtc(): boolean {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidLambdaStarEtc();
      this.pos = m;
    }
    if (this.expect('*')) {
      const m2 = this.pos;
      if (this.lambdaParamNoDefault()) {
        while (this.lambdaParamMaybeDefault());
        this.optional(() => this.lambdaKwds());
        return true;
      }
      this.pos = m2;
      if (this.expect(',')) {
        let n = 0;
        while (this.lambdaParamMaybeDefault()) n++;
        if (n > 0) {
          this.optional(() => this.lambdaKwds());
          return true;
        }
      }
    }
    this.pos = m;
    if (this.lambdaKwds()) return true;
    this.pos = m;
    return false;
  }

  private lambdaKwds(): boolean {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidLambdaKwds();
      this.pos = m;
    }
    if (this.expect('**') && this.lambdaParamNoDefault()) return true;
    this.pos = m;
    return false;
  }

  private lambdaParamEnd(): boolean {
    return this.expect(',') !== null || this.at(':');
  }

  private lambdaParamNoDefault(): Node | null {
    const m = this.pos;
    const p = this.lambdaParam();
    if (p && this.lambdaParamEnd()) return p;
    this.pos = m;
    return null;
  }

  private lambdaParamWithDefault(): boolean {
    const m = this.pos;
    if (this.lambdaParam() && this.default_() && this.lambdaParamEnd()) return true;
    this.pos = m;
    return false;
  }

  private lambdaParamMaybeDefault(): boolean {
    const m = this.pos;
    if (this.lambdaParam()) {
      this.optional(() => this.default_());
      if (this.lambdaParamEnd()) return true;
    }
    this.pos = m;
    return false;
  }

  private lambdaParam(): Node | null {
    const s = this.expect('NAME');
    return s ? { k: 'other', s, e: s } : null;
  }

  private invalidLambdaParameters(): void {
    const m = this.pos;
    while (this.lambdaParamNoDefault());
    if (this.invalidLambdaParametersHelper()) {
      const a = this.lambdaParamNoDefault();
      if (a) this.raiseNode(a, 'non-default argument follows default argument');
    }
    this.pos = m;
    while (this.lambdaParamNoDefault());
    const open = this.expect('(');
    if (open && this.lambdaParam()) {
      for (;;) {
        const m2 = this.pos;
        if (this.expect(',') && this.lambdaParam()) continue;
        this.pos = m2;
        break;
      }
      this.expect(',');
      const close = this.expect(')');
      if (close) this.raiseKnownLocation(open, close, 'Lambda expression parameters cannot be parenthesized');
    }
    this.pos = m;
    const slash = this.expect('/');
    if (slash && this.expect(',')) this.raiseKnownLocation(slash, slash, 'at least one argument must precede /');
    this.pos = m;
    if (this.lambdaSlashNoDefault() || ((this.pos = m), this.lambdaSlashWithDefault())) {
      while (this.lambdaParamMaybeDefault());
      const a = this.expect('/');
      if (a) this.raiseKnownLocation(a, a, '/ may appear only once');
    }
    this.pos = m;
    this.optional(() => this.lambdaSlashNoDefault() || ((this.pos = m), this.lambdaSlashWithDefault()));
    while (this.lambdaParamMaybeDefault());
    if (this.expect('*') && (this.expect(',') || this.lambdaParamNoDefault())) {
      while (this.lambdaParamMaybeDefault());
      const a = this.expect('/');
      if (a) this.raiseKnownLocation(a, a, '/ must be ahead of *');
    }
    this.pos = m;
    let n = 0;
    while (this.lambdaParamMaybeDefault()) n++;
    if (n > 0 && this.expect('/')) {
      const a = this.expect('*');
      if (a) this.raiseKnownLocation(a, a, 'expected comma between / and *');
    }
    this.pos = m;
  }

  private invalidLambdaParametersHelper(): boolean {
    const m = this.pos;
    if (this.lambdaSlashWithDefault()) return true;
    this.pos = m;
    let n = 0;
    while (this.lambdaParamWithDefault()) n++;
    return n > 0;
  }

  private invalidLambdaStarEtc(): void {
    const m = this.pos;
    if (this.expect('*')) {
      if (this.at(':')) this.raise('named arguments must follow bare *');
      if (this.expect(',') && (this.at(':') || this.at('**'))) {
        this.pos++;
        this.raise('named arguments must follow bare *');
      }
    }
    this.pos = m;
    if (this.expect('*') && this.lambdaParam()) {
      const eq = this.expect('=');
      if (eq) this.raiseKnownLocation(eq, eq, 'var-positional argument cannot have default value');
    }
    this.pos = m;
    if (this.expect('*') && (this.lambdaParamNoDefault() || this.expect(','))) {
      while (this.lambdaParamMaybeDefault());
      const b = this.expect('*');
      if (b && (this.lambdaParamNoDefault() || this.expect(','))) {
        this.raiseKnownLocation(b, b, '* argument may appear only once');
      }
    }
    this.pos = m;
  }

  private invalidLambdaKwds(): void {
    const m = this.pos;
    if (this.expect('**') && this.lambdaParam()) {
      const eq = this.expect('=');
      if (eq) this.raiseKnownLocation(eq, eq, 'var-keyword argument cannot have default value');
    }
    this.pos = m;
    if (this.expect('**') && this.lambdaParam() && this.expect(',')) {
      const a = this.lambdaParam();
      if (a) this.raiseNode(a, 'arguments cannot follow var-keyword argument');
    }
    this.pos = m;
    if (this.expect('**') && this.lambdaParam() && this.expect(',')) {
      const a = this.expect('*') ?? this.expect('**') ?? this.expect('/');
      if (a) this.raiseKnownLocation(a, a, 'arguments cannot follow var-keyword argument');
    }
    this.pos = m;
  }

  // Displays and comprehensions --------------------------------------------------

  private list(): Node | null {
    const m = this.pos;
    const s = this.expect('[');
    if (!s) return null;
    const elts = this.starNamedExpressions() ?? [];
    if (!elts.length) this.pos = m + 1;
    if (this.expect(']')) return this.node('List', s, { elts });
    this.pos = m;
    return null;
  }

  private tuple(): Node | null {
    const m = this.pos;
    const s = this.expect('(');
    if (!s) return null;
    let elts: Node[] = [];
    const m1 = this.pos;
    const y = this.starNamedExpression();
    if (y && this.expect(',')) {
      elts = [y];
      const m2 = this.pos;
      const z = this.starNamedExpressions();
      if (z) pushAll(elts, z);
      else this.pos = m2;
    } else {
      this.pos = m1;
    }
    if (this.expect(')')) return this.node('Tuple', s, { elts });
    this.pos = m;
    return null;
  }

  private set(): Node | null {
    const m = this.pos;
    const s = this.expect('{');
    if (s && this.starNamedExpressions() && this.expect('}')) return this.node('Set', s);
    this.pos = m;
    return null;
  }

  private dict(): Node | null {
    const m = this.pos;
    const s = this.expect('{');
    if (!s) return null;
    this.optional(() => this.doubleStarredKvpairs());
    if (this.expect('}')) return this.node('Dict', s);
    this.pos = m;
    // '{' invalid_double_starred_kvpairs '}': pegen only keeps alternatives made of
    // a single invalid_ rule for the second pass, so this one runs in the first.
    if (this.expect('{')) this.invalidDoubleStarredKvpairs();
    this.pos = m;
    return null;
  }

  private doubleStarredKvpairs(): boolean {
    if (!this.doubleStarredKvpair()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.doubleStarredKvpair()) continue;
      this.pos = m;
      break;
    }
    this.expect(',');
    return true;
  }

  private doubleStarredKvpair(): boolean {
    const m = this.pos;
    if (this.expect('**') && this.bitwiseOr()) return true;
    this.pos = m;
    return this.kvpair();
  }

  private kvpair(): boolean {
    const m = this.pos;
    if (this.expression() && this.expect(':') && this.expression()) return true;
    this.pos = m;
    return false;
  }

  private invalidDoubleStarredKvpairs(): void {
    const m = this.pos;
    if (this.doubleStarredKvpair()) {
      for (;;) {
        const m2 = this.pos;
        if (this.expect(',') && this.doubleStarredKvpair()) continue;
        this.pos = m2;
        break;
      }
      if (this.expect(',')) this.invalidKvpair();
    }
    this.pos = m;
    if (this.expression() && this.expect(':')) {
      const a = this.expect('*');
      if (a && this.bitwiseOr()) this.raiseStartingFrom(a, 'cannot use a starred expression in a dictionary value');
    }
    this.pos = m;
    if (this.expression()) {
      const a = this.expect(':');
      if (a && (this.at('}') || this.at(','))) this.raiseKnownLocation(a, a, "expression expected after dictionary key and ':'");
    }
    this.pos = m;
  }

  private invalidKvpair(): void {
    const m = this.pos;
    const a = this.expression();
    if (a && !this.at(':')) {
      this.raiseLocation('SyntaxError', a.s.lineno, this.endColOf(a.e) - 1, a.e.endLineno, -1, "':' expected after dictionary key");
    }
    this.pos = m;
    if (this.expression() && this.expect(':')) {
      const b = this.expect('*');
      if (b && this.bitwiseOr()) this.raiseStartingFrom(b, 'cannot use a starred expression in a dictionary value');
    }
    this.pos = m;
    if (this.expression()) {
      const b = this.expect(':');
      if (b && (this.at('}') || this.at(','))) this.raiseKnownLocation(b, b, "expression expected after dictionary key and ':'");
    }
    this.pos = m;
  }

  private forIfClauses(): Comprehension[] | null {
    const out: Comprehension[] = [];
    for (;;) {
      const m = this.pos;
      const c = this.forIfClause();
      if (c === FAIL) {
        this.pos = m;
        break;
      }
      if (!c) {
        this.pos = m;
        break;
      }
      out.push(c);
    }
    return out.length ? out : null;
  }

  private forIfClause(): Comprehension | null | typeof FAIL {
    const m = this.pos;
    for (const isAsync of [true, false]) {
      this.pos = m;
      if (isAsync && !this.expect('async')) continue;
      if (this.expect('for') && this.starTargets() && this.expect('in')) {
        // cut
        const iter = this.disjunction();
        if (!iter) return FAIL;
        const ifs: Node[] = [];
        for (;;) {
          const m2 = this.pos;
          if (this.expect('if')) {
            const c = this.disjunction();
            if (c) {
              ifs.push(c);
              continue;
            }
          }
          this.pos = m2;
          break;
        }
        return { iter, ifs };
      }
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidForTarget();
      this.pos = m;
    }
    return null;
  }

  private comprehensionEnd(clauses: readonly Comprehension[]): Node {
    const c = clauses[clauses.length - 1]!;
    return c.ifs.length ? c.ifs[c.ifs.length - 1]! : c.iter;
  }

  private listcomp(): Node | null {
    const m = this.pos;
    const s = this.expect('[');
    if (s && this.namedExpression() && this.forIfClauses() && this.expect(']')) return this.node('ListComp', s);
    this.pos = m;
    if (this.callInvalid) this.invalidComprehension();
    this.pos = m;
    return null;
  }

  private setcomp(): Node | null {
    const m = this.pos;
    const s = this.expect('{');
    if (s && this.namedExpression() && this.forIfClauses() && this.expect('}')) return this.node('SetComp', s);
    this.pos = m;
    if (this.callInvalid) this.invalidComprehension();
    this.pos = m;
    return null;
  }

  private genexp(): Node | null {
    const m = this.pos;
    const s = this.expect('(');
    if (s) {
      let a = this.assignmentExpression();
      if (!a) {
        const e = this.expression();
        if (e && !this.at(':=')) a = e;
      }
      if (a && this.forIfClauses() && this.expect(')')) return this.node('GeneratorExp', s);
    }
    this.pos = m;
    if (this.callInvalid) this.invalidComprehension();
    this.pos = m;
    return null;
  }

  private dictcomp(): Node | null {
    const m = this.pos;
    const s = this.expect('{');
    if (s && this.kvpair() && this.forIfClauses() && this.expect('}')) return this.node('DictComp', s);
    this.pos = m;
    if (this.callInvalid) {
      if (this.expect('{')) {
        const a = this.expect('**');
        if (a && this.bitwiseOr() && this.forIfClauses() && this.expect('}')) {
          this.raiseKnownLocation(a, a, 'dict unpacking cannot be used in dict comprehension');
        }
      }
    }
    this.pos = m;
    return null;
  }

  private invalidComprehension(): void {
    const m = this.pos;
    const k = this.peek().kind;
    if (k !== '[' && k !== '(' && k !== '{') return;
    this.pos++;
    const a = this.starredExpression();
    if (a && this.forIfClauses()) this.raiseNode(a, 'iterable unpacking cannot be used in comprehension');
    this.pos = m;
    if (k === '(') return;
    this.pos++;
    const b = this.starNamedExpression();
    if (b && this.expect(',')) {
      const rest = this.starNamedExpressions();
      if (rest && this.forIfClauses()) {
        this.raiseKnownLocation(b, rest[rest.length - 1]!, 'did you forget parentheses around the comprehension target?');
      }
    }
    this.pos = m + 1;
    const c = this.starNamedExpression();
    const comma = c ? this.expect(',') : null;
    if (c && comma && this.forIfClauses()) {
      this.raiseKnownLocation(c, comma, 'did you forget parentheses around the comprehension target?');
    }
    this.pos = m;
  }

  // Call arguments ----------------------------------------------------------

  private arguments(): Node | null {
    if (this.memoHit(M_ARGUMENTS)) return this.memoValue<Node | null>();
    const m = this.pos;
    const a = this.args();
    if (a) {
      this.expect(',');
      if (this.at(')')) return this.memoPut(M_ARGUMENTS, m, a);
    }
    this.pos = m;
    if (this.callInvalid) {
      this.invalidArguments();
      this.pos = m;
    }
    return this.memoPut(M_ARGUMENTS, m, null);
  }

  /** `args`: a Call node with its positional arguments. */
  private args(): Node | null {
    const m = this.pos;
    const s = this.peek();
    const positional: Node[] = [];
    const item = (): Node | null => {
      const m2 = this.pos;
      const st = this.starredExpression();
      if (st) return st;
      this.pos = m2;
      let a = this.assignmentExpression();
      if (!a) {
        const e = this.expression();
        if (e && !this.at(':=')) a = e;
      }
      if (a && !this.at('=')) return a;
      this.pos = m2;
      return null;
    };
    const first = item();
    if (first) {
      positional.push(first);
      for (;;) {
        const m2 = this.pos;
        if (this.expect(',')) {
          const b = item();
          if (b) {
            positional.push(b);
            continue;
          }
        }
        this.pos = m2;
        break;
      }
      const m3 = this.pos;
      let kwUnpack = false;
      let kwargs = false;
      if (this.expect(',')) {
        const kw = this.kwargs();
        if (kw) {
          pushAll(positional, kw.starred);
          kwUnpack = kw.unpack;
          kwargs = true;
        } else {
          this.pos = m3;
        }
      }
      return this.node('Call', s, { args: positional, kwUnpack, kwargs });
    }
    this.pos = m;
    const kw = this.kwargs();
    if (kw) return this.node('Call', s, { args: kw.starred, kwUnpack: kw.unpack, kwargs: true });
    this.pos = m;
    return null;
  }

  private kwargs(): { starred: Node[]; unpack: boolean } | null {
    const m = this.pos;
    const starredSeq: Node[] = [];
    let unpack = false;
    const seq = (doubleStarred: boolean, out: Node[]): boolean => {
      const one = (): boolean => {
        const r = this.kwargOr(doubleStarred);
        if (!r) return false;
        if (r.k === 'Starred') out.push(r);
        if (r.c === '**') unpack = true;
        return true;
      };
      if (!one()) return false;
      for (;;) {
        const m2 = this.pos;
        if (this.expect(',') && one()) continue;
        this.pos = m2;
        return true;
      }
    };
    const a: Node[] = [];
    if (seq(false, a) && this.expect(',')) {
      const b: Node[] = [];
      const saved = unpack;
      if (seq(true, b)) return { starred: [...a, ...b], unpack };
      unpack = saved;
    }
    this.pos = m;
    unpack = false;
    const c: Node[] = [];
    if (seq(false, c)) return { starred: c, unpack };
    this.pos = m;
    unpack = false;
    const d: Node[] = [];
    if (seq(true, d)) return { starred: d, unpack };
    this.pos = m;
    return null;
  }

  /** kwarg_or_starred / kwarg_or_double_starred: a keyword (`c` '=' or '**') or a Starred node. */
  private kwargOr(doubleStarred: boolean): Node | null {
    const m = this.pos;
    if (this.callInvalid) {
      this.invalidKwarg();
      this.pos = m;
    }
    const n = this.expect('NAME');
    if (n && this.expect('=') && this.expression()) return this.node('other', n, { c: '=' });
    this.pos = m;
    if (doubleStarred) {
      const s = this.expect('**');
      if (s && this.expression()) return this.node('other', s, { c: '**' });
    } else {
      const st = this.starredExpression();
      if (st) return st;
    }
    this.pos = m;
    return null;
  }

  private starredExpression(): Node | null {
    const m = this.pos;
    const s = this.expect('*');
    if (s) {
      const v = this.expression();
      if (v) return this.node('Starred', s, { value: v });
    }
    this.pos = m;
    return null;
  }

  private invalidArguments(): void {
    const m = this.pos;
    if (this.argsEndingWithKwargs() && this.expect(',')) {
      // 3.11.7: ((args items ',' kwargs) | kwargs) ',' '*', pointing at the '*'
      // (3.11.2's grammar had `args ',' '*'` pointing at the arguments).
      const star = this.expect('*');
      if (star) this.raiseKnownLocation(star, star, 'iterable argument unpacking follows keyword argument unpacking');
    }
    this.pos = m;
    const e = this.expression();
    if (e) {
      const b = this.forIfClauses();
      if (b && this.expect(',')) {
        this.optional(() => this.args() ?? (this.expression() && this.forIfClauses()));
        this.raiseKnownLocation(e, this.comprehensionEnd(b), 'Generator expression must be parenthesized');
      }
    }
    this.pos = m;
    const n = this.expect('NAME');
    const eq = n ? this.expect('=') : null;
    if (n && eq && this.expression() && this.forIfClauses()) {
      this.raiseKnownLocation(n, eq, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    this.pos = m;
    const a2 = this.args();
    if (a2) {
      const b = this.forIfClauses();
      if (b) {
        const args = a2.args ?? [];
        if (args.length <= 1) return;
        this.raiseKnownLocation(args[args.length - 1]!, this.comprehensionEnd(b), 'Generator expression must be parenthesized');
      }
    }
    this.pos = m;
    if (this.args() && this.expect(',')) {
      const e2 = this.expression();
      if (e2) {
        const b = this.forIfClauses();
        if (b) this.raiseKnownLocation(e2, this.comprehensionEnd(b), 'Generator expression must be parenthesized');
      }
    }
    this.pos = m;
    const a3 = this.args();
    if (a3 && this.expect(',') && this.args()) {
      this.raise(
        a3.kwUnpack
          ? 'positional argument follows keyword argument unpacking'
          : 'positional argument follows keyword argument',
      );
    }
    this.pos = m;
  }

  /** `(','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs) | kwargs` */
  private argsEndingWithKwargs(): boolean {
    const m = this.pos;
    const a = this.args();
    if (a && a.kwargs) return true;
    this.pos = m;
    if (this.kwargs()) return true;
    this.pos = m;
    return false;
  }

  private invalidKwarg(): void {
    const m = this.pos;
    const t = this.peek();
    if (t.kind === 'True' || t.kind === 'False' || t.kind === 'None') {
      this.pos++;
      const b = this.expect('=');
      if (b) this.raiseKnownLocation(t, b, `cannot assign to ${t.kind}`);
    }
    this.pos = m;
    const n = this.expect('NAME');
    const eq = n ? this.expect('=') : null;
    if (n && eq && this.expression() && this.forIfClauses()) {
      this.raiseKnownLocation(n, eq, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    this.pos = m;
    if (!this.lookahead(() => this.expect('NAME') && this.expect('='))) {
      const a = this.expression();
      const b = a ? this.expect('=') : null;
      if (a && b) this.raiseKnownLocation(a, b, 'expression cannot contain assignment, perhaps you meant "=="?');
    }
    this.pos = m;
  }

  // -------------------------------------------------------------------------
  // Targets

  private starTargets(): Node | null {
    const m = this.pos;
    const s = this.peek();
    const a = this.starTarget();
    if (!a) return null;
    if (!this.at(',')) return a;
    const elts = [a];
    for (;;) {
      const m2 = this.pos;
      if (this.expect(',')) {
        const b = this.starTarget();
        if (b) {
          elts.push(b);
          continue;
        }
      }
      this.pos = m2;
      break;
    }
    this.expect(',');
    return this.node('Tuple', s, { elts });
  }

  /** star_targets_tuple_seq (`tuple`) or star_targets_list_seq. */
  private starTargetsSeq(tuple: boolean): Node[] | null {
    const m = this.pos;
    const first = this.starTarget();
    if (!first) return null;
    const elts = [first];
    for (;;) {
      const m2 = this.pos;
      if (this.expect(',')) {
        const t = this.starTarget();
        if (t) {
          elts.push(t);
          continue;
        }
      }
      this.pos = m2;
      break;
    }
    if (tuple) {
      if (elts.length > 1) {
        this.expect(',');
        return elts;
      }
      if (this.expect(',')) return elts;
      this.pos = m;
      return null;
    }
    this.expect(',');
    return elts;
  }

  private starTarget(): Node | null {
    if (this.memoHit(M_STAR_TARGET)) return this.memoValue<Node | null>();
    const start = this.pos;
    return this.memoPut(M_STAR_TARGET, start, this.starTargetRaw());
  }

  private starTargetRaw(): Node | null {
    {
      const m = this.pos;
      const s = this.expect('*');
      if (s) {
        if (!this.at('*')) {
          const v = this.starTarget();
          if (v) return this.node('Starred', s, { value: v });
        }
        this.pos = m;
      }
      return this.targetWithStarAtom();
    }
  }

  private targetWithStarAtom(): Node | null {
    if (this.memoHit(M_TARGET_STAR_ATOM)) return this.memoValue<Node | null>();
    const m = this.pos;
    let r = this.subscriptAttributeTarget();
    if (!r) {
      this.pos = m;
      r = this.starAtom();
    }
    return this.memoPut(M_TARGET_STAR_ATOM, m, r);
  }

  /** t_primary ('.' NAME | '[' slices ']') !t_lookahead. */
  private subscriptAttributeTarget(): Node | null {
    const m = this.pos;
    const s = this.peek();
    if (this.tPrimary()) {
      const m2 = this.pos;
      // The attribute's owner, when it is a plain name (Sphinx's `self.x` targets).
      const owner: Node | undefined = m2 === m + 1 && s.kind === 'NAME' ? { k: 'Name', s, e: s, id: s.string } : undefined;
      if (this.expect('.') && this.expect('NAME') && !this.atTLookahead()) return this.node('Attribute', s, { value: owner });
      this.pos = m2;
      if (this.expect('[') && this.slices() && this.expect(']') && !this.atTLookahead()) return this.node('Subscript', s);
    }
    this.pos = m;
    return null;
  }

  private atTLookahead(): boolean {
    const k = this.peek().kind;
    return k === '(' || k === '[' || k === '.';
  }

  private starAtom(): Node | null {
    const m = this.pos;
    const t = this.peek();
    if (t.kind === 'NAME') {
      this.pos++;
      return { k: 'Name', s: t, e: t, id: t.string };
    }
    if (t.kind === '(') {
      this.pos++;
      const a = this.targetWithStarAtom();
      if (a && this.expect(')')) return a;
      this.pos = m + 1;
      const elts = this.starTargetsSeq(true);
      if (!elts) this.pos = m + 1;
      if (this.expect(')')) return this.node('Tuple', t, { elts: elts ?? [] });
      this.pos = m;
      return null;
    }
    if (t.kind === '[') {
      this.pos++;
      const elts = this.starTargetsSeq(false);
      if (!elts) this.pos = m + 1;
      if (this.expect(']')) return this.node('List', t, { elts: elts ?? [] });
      this.pos = m;
    }
    return null;
  }

  private singleTarget(): Node | null {
    const m = this.pos;
    const sa = this.subscriptAttributeTarget();
    if (sa) return sa;
    this.pos = m;
    const n = this.expect('NAME');
    if (n) return { k: 'Name', s: n, e: n, id: n.string };
    this.pos = m;
    if (this.expect('(')) {
      const inner = this.singleTarget();
      if (inner && this.expect(')')) return inner;
    }
    this.pos = m;
    return null;
  }

  /** t_primary: a primary followed by '(' '[' or '.' (left-recursive in the grammar). */
  private tPrimary(): boolean {
    if (this.memoHit(M_T_PRIMARY)) return this.memoValue<boolean | null>() !== null;
    const start = this.pos;
    return this.memoPut(M_T_PRIMARY, start, this.tPrimaryRaw()) !== null;
  }

  private tPrimaryRaw(): true | null {
    if (!this.atom() || !this.atTLookahead()) return null;
    for (;;) {
      const m = this.pos;
      if (this.expect('.') && this.expect('NAME') && this.atTLookahead()) continue;
      this.pos = m;
      if (this.expect('[') && this.slices() && this.expect(']') && this.atTLookahead()) continue;
      this.pos = m;
      if (this.genexp() && this.atTLookahead()) continue;
      this.pos = m;
      if (this.expect('(')) {
        const m2 = this.pos;
        if (!this.arguments()) this.pos = m2;
        if (this.expect(')') && this.atTLookahead()) continue;
      }
      this.pos = m;
      return true;
    }
  }

  private delTargets(): boolean {
    if (!this.delTarget()) return false;
    for (;;) {
      const m = this.pos;
      if (this.expect(',') && this.delTarget()) continue;
      this.pos = m;
      break;
    }
    this.expect(',');
    return true;
  }

  private delTarget(): boolean {
    return (
      this.memo(M_DEL_TARGET, () => {
        const m = this.pos;
        if (this.subscriptAttributeTarget()) return true;
        this.pos = m;
        const t = this.peek();
        if (t.kind === 'NAME') {
          this.pos++;
          return true;
        }
        if (t.kind === '(') {
          this.pos++;
          if (this.delTarget() && this.expect(')')) return true;
          this.pos = m + 1;
          this.optional(() => this.delTargets());
          if (this.expect(')')) return true;
        } else if (t.kind === '[') {
          this.pos++;
          this.optional(() => this.delTargets());
          if (this.expect(']')) return true;
        }
        this.pos = m;
        return null;
      }) !== null
    );
  }

  // -------------------------------------------------------------------------
  // Strings

  private strings(): Node | null {
    if (this.memoHit(M_STRINGS)) return this.memoValue<Node | null>();
    const start = this.pos;
    return this.memoPut(M_STRINGS, start, this.stringsRaw());
  }

  private stringsRaw(): Node | null {
    {
      const first = this.peek();
      const group: Tok[] = [];
      while (this.at('STRING')) group.push(this.toks[this.pos++]!);
      if (!group.length) return null;
      // The action runs once the token after the strings has been fetched.
      this.peek();
      const fmode = this.concatenateStrings(group);
      const last = group[group.length - 1]!;
      return { k: fmode ? 'JoinedStr' : 'Constant', s: first, e: last, c: 'str' };
    }
  }

  /** `_PyPegen_concatenate_strings`: checks every literal; true for an f-string. */
  private concatenateStrings(group: readonly Tok[]): boolean {
    let bytesmode = false;
    let fmode = false;
    group.forEach((t, i) => {
      const lit = parseStringToken(t.string);
      if (lit.bytes) {
        for (const ch of lit.body) {
          if (ch.charCodeAt(0) >= 0x80) this.raiseKnownLocation(t, t, 'bytes can only contain ASCII literal characters');
        }
        if (!lit.raw) {
          const err = bytesEscapeError(lit.body);
          if (err) this.raise(`(value error) ${err}`);
        }
      } else if (!lit.f && !lit.raw) {
        const err = unicodeEscapeError(lit.body);
        if (err) this.raise(`(unicode error) ${err}`);
      }
      if (i !== 0 && bytesmode !== lit.bytes) this.raise('cannot mix bytes and nonbytes literals');
      bytesmode = lit.bytes;
      if (lit.f) {
        fmode = true;
        this.fstringBody(t, lit, 0, { i: 0 });
      }
    });
    return fmode;
  }

  /**
   * `_PyPegen_FstringParser_ConcatFstring` over `lit.body` from `cur.i`;
   * at `level` 1 (a format spec) it stops at the closing `}`.
   */
  private fstringBody(t: Tok, lit: StringLiteral, level: number, cur: { i: number }): void {
    const body = lit.body;
    const end = body.length;
    for (;;) {
      // fstring_find_literal
      const litStart = cur.i;
      let s = cur.i;
      let doubled = false;
      while (s < end) {
        let ch = body[s++]!;
        if (!lit.raw && ch === '\\' && s < end) {
          ch = body[s++]!;
          if (ch === 'N') {
            if (s < end && body[s++] === '{') {
              while (s < end && body[s++] !== '}');
              continue;
            }
            continue;
          }
        }
        if (ch === '{' || ch === '}') {
          if (level === 0) {
            if (s < end && body[s] === ch) {
              doubled = true;
              break;
            }
            if (ch === '}') this.raise("f-string: single '}' is not allowed");
          }
          s--;
          break;
        }
      }
      const litEnd = doubled ? s : s;
      if (litEnd > litStart && !lit.raw) {
        const err = unicodeEscapeError(body.slice(litStart, litEnd));
        if (err) this.raise(`(unicode error) ${err}`);
      }
      if (doubled) {
        cur.i = s + 1;
        continue;
      }
      cur.i = s;
      if (cur.i >= end || body[cur.i] === '}') break;
      this.fstringExpr(t, lit, level, cur);
    }
    if (level !== 0 && (cur.i >= end || body[cur.i] !== '}')) this.raise("f-string: expecting '}'");
  }

  /** `fstring_find_expr`: `cur.i` is on the `{`. */
  private fstringExpr(t: Tok, lit: StringLiteral, level: number, cur: { i: number }): void {
    const body = lit.body;
    const end = body.length;
    if (level >= 2) this.raise('f-string: expressions nested too deeply');
    cur.i++;
    const exprStart = cur.i;
    let quote = '';
    let triple = false;
    const stack: string[] = [];
    while (cur.i < end) {
      const ch = body[cur.i]!;
      if (ch === '\\') this.raise('f-string expression part cannot include a backslash');
      if (quote) {
        if (ch === quote) {
          if (triple) {
            if (cur.i + 2 < end && body[cur.i + 1] === ch && body[cur.i + 2] === ch) {
              cur.i += 3;
              quote = '';
              triple = false;
              continue;
            }
          } else {
            cur.i++;
            quote = '';
            continue;
          }
        }
        cur.i++;
        continue;
      }
      if (ch === "'" || ch === '"') {
        if (cur.i + 2 < end && body[cur.i + 1] === ch && body[cur.i + 2] === ch) {
          triple = true;
          cur.i += 2;
        } else {
          triple = false;
        }
        quote = ch;
      } else if (ch === '[' || ch === '{' || ch === '(') {
        if (stack.length >= 200) this.raise('f-string: too many nested parenthesis');
        stack.push(ch);
      } else if (ch === '#') {
        this.raise("f-string expression part cannot include '#'");
      } else if (
        stack.length === 0 &&
        (ch === '!' || ch === ':' || ch === '}' || ch === '=' || ch === '>' || ch === '<')
      ) {
        if (cur.i + 1 < end) {
          const next = body[cur.i + 1];
          if (next === '=' && (ch === '!' || ch === '=' || ch === '<' || ch === '>')) {
            cur.i += 2;
            continue;
          }
        }
        if (ch === '>' || ch === '<') {
          cur.i++;
          continue;
        }
        break;
      } else if (ch === ']' || ch === '}' || ch === ')') {
        if (!stack.length) this.raise(`f-string: unmatched '${ch}'`);
        const opening = stack.pop()!;
        if (!((opening === '(' && ch === ')') || (opening === '[' && ch === ']') || (opening === '{' && ch === '}'))) {
          this.raise(`f-string: closing parenthesis '${ch}' does not match opening parenthesis '${opening}'`);
        }
      }
      cur.i++;
    }
    const exprEnd = cur.i;
    if (quote) this.raise('f-string: unterminated string');
    if (stack.length) this.raise(`f-string: unmatched '${stack[stack.length - 1]!}'`);
    if (cur.i >= end) this.raise("f-string: expecting '}'");
    this.fstringCompileExpr(t, lit, exprStart, exprEnd);
    if (body[cur.i] === '=') {
      cur.i++;
      while (cur.i < end && ' \t\n\r\f\v'.includes(body[cur.i]!)) cur.i++;
      if (cur.i >= end) this.raise("f-string: expecting '}'");
    }
    if (body[cur.i] === '!') {
      cur.i++;
      if (cur.i >= end) this.raise("f-string: expecting '}'");
      const conversion = body[cur.i]!;
      cur.i++;
      if (conversion !== 's' && conversion !== 'r' && conversion !== 'a') {
        this.raise("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
    }
    if (cur.i < end && body[cur.i] === ':') {
      cur.i++;
      if (cur.i >= end) this.raise("f-string: expecting '}'");
      this.fstringBody(t, lit, level + 1, cur);
    }
    if (cur.i >= end || body[cur.i] !== '}') this.raise("f-string: expecting '}'");
    cur.i++;
  }

  /** `fstring_compile_expr`: parses `(expr)` with a nested parser. */
  private fstringCompileExpr(t: Tok, lit: StringLiteral, exprStart: number, exprEnd: number): void {
    const body = lit.body;
    let s = exprStart;
    while (s < exprEnd && ' \t\n\f'.includes(body[s]!)) s++;
    if (s === exprEnd) {
      const c = body[exprEnd];
      if (c === '!' || c === ':' || c === '=') this.raise(`f-string: expression required before '${c}'`);
      this.raise('f-string: empty expression not allowed');
    }
    const expr = body.slice(exprStart, exprEnd);
    // fstring_find_expr_location: lines and columns before the expression in the token.
    const tokenText = t.string;
    const braceInToken = lit.bodyOffset + exprStart - 1;
    let newlineAfterBrace = true;
    for (let i = braceInToken + 1; i < tokenText.length; i++) {
      const c = tokenText[i]!;
      if (c === '}' || c === '\n') break;
      if (c !== ' ' && c !== '\t' && c !== '\f') {
        newlineAfterBrace = false;
        break;
      }
    }
    let cols = 0;
    if (!newlineAfterBrace) {
      let i = braceInToken;
      while (i > 0 && tokenText[i] !== '\n') i--;
      cols = utf8Length(tokenText, i, braceInToken);
      if (tokenText[i] === '\n') cols -= 1;
    }
    let lines = 0;
    for (let i = 0; i < braceInToken; i++) if (tokenText[i] === '\n') lines++;
    const sub = new Parser('(' + expr + ')', {
      typeComments: this.typeComments,
      fstring: {
        lineno: t.lineno + lines - 1,
        startingLineno: t.lineno + lines,
        startingCol: this.colOf(t) + cols,
      },
    });
    const error = sub.run();
    if (error) {
      this.error = error;
      throw ABORT;
    }
  }
}

const BINARY_OPS = new Set(['|', '^', '&', '<<', '>>', '+', '-', '*', '/', '//', '%', '@']);
const OPS_UNARY = new Set(['+', '-', '~']);

// ---------------------------------------------------------------------------
// String literals (Parser/string_parser.c)

interface StringLiteral {
  readonly bytes: boolean;
  readonly raw: boolean;
  readonly f: boolean;
  /** The text between the quotes. */
  readonly body: string;
  /** Index of `body` in the token. */
  readonly bodyOffset: number;
}

function parseStringToken(token: string): StringLiteral {
  let i = 0;
  let bytes = false;
  let raw = false;
  let f = false;
  for (;;) {
    const c = token[i];
    if (c === 'b' || c === 'B') bytes = true;
    else if (c === 'r' || c === 'R') raw = true;
    else if (c === 'f' || c === 'F') f = true;
    else if (c !== 'u' && c !== 'U') break;
    i++;
  }
  const q = token[i]!;
  const triple = token.length - i >= 6 && token[i + 1] === q && token[i + 2] === q;
  const open = triple ? 3 : 1;
  return {
    bytes,
    raw,
    f,
    body: token.slice(i + open, token.length - open),
    bodyOffset: i + open,
  };
}

const HEX = /[0-9a-fA-F]/;
const UNICODE_NAME = /^[A-Za-z0-9 -]+$/;

/**
 * The error of `unicode_escape` decoding the literal (after CPython's
 * rewriting of non-ASCII characters as `\UXXXXXXXX`), as `str()` of the
 * UnicodeDecodeError, or null.
 */
function unicodeEscapeError(text: string): string | null {
  if (!text.includes('\\')) return null;
  // Positions are in the rewritten byte buffer.
  const buf: string[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (text[i] === '\\') {
      buf.push('\\');
      i++;
      const next = i < text.length ? text.codePointAt(i)! : -1;
      if (next === -1 || next >= 0x80) buf.push('u', '0', '0', '5', 'c');
      continue;
    }
    if (cp >= 0x80) buf.push('\\', 'U', ...cp.toString(16).padStart(8, '0'));
    else buf.push(text[i]!);
    i += w;
  }
  const end = buf.length;
  let s = 0;
  const fail = (start: number, endPos: number, reason: string): string => {
    if (endPos === start + 1) {
      const byte = buf[start]!.charCodeAt(0);
      return `'unicodeescape' codec can't decode byte 0x${byte.toString(16).padStart(2, '0')} in position ${start}: ${reason}`;
    }
    return `'unicodeescape' codec can't decode bytes in position ${start}-${endPos - 1}: ${reason}`;
  };
  while (s < end) {
    if (buf[s++] !== '\\') continue;
    const start = s - 1;
    if (s >= end) return fail(start, s, '\\ at end of string');
    const c = buf[s++]!;
    let count = 0;
    let message = '';
    if (c === 'x') {
      count = 2;
      message = 'truncated \\xXX escape';
    } else if (c === 'u') {
      count = 4;
      message = 'truncated \\uXXXX escape';
    } else if (c === 'U') {
      count = 8;
      message = 'truncated \\UXXXXXXXX escape';
    } else if (c === 'N') {
      message = 'malformed \\N character escape';
      if (s >= end) return fail(start, s, message);
      if (buf[s] === '{') {
        const nameStart = ++s;
        while (s < end && buf[s] !== '}') s++;
        if (s >= end) return fail(start, s, message);
        const name = buf.slice(nameStart, s).join('');
        if (name.length) {
          s++;
          if (UNICODE_NAME.test(name)) continue;
          message = 'unknown Unicode character name';
        }
      }
      return fail(start, s, message);
    } else {
      if (c >= '0' && c <= '7') {
        if (s < end && buf[s]! >= '0' && buf[s]! <= '7') {
          s++;
          if (s < end && buf[s]! >= '0' && buf[s]! <= '7') s++;
        }
      }
      continue;
    }
    let value = 0;
    for (; count; ++s, --count) {
      if (s >= end) return fail(start, s, message);
      const h = buf[s]!;
      if (!HEX.test(h)) return fail(start, s, message);
      value = value * 16 + parseInt(h, 16);
    }
    if (value > 0x10ffff) return fail(start, s, 'illegal Unicode character');
  }
  return null;
}

/** `_PyBytes_DecodeEscape` errors, as the ValueError message, or null. */
function bytesEscapeError(text: string): string | null {
  for (let s = 0; s < text.length; ) {
    if (text[s++] !== '\\') continue;
    if (s >= text.length) return 'Trailing \\ in string';
    const c = text[s++];
    if (c === 'x') {
      if (s + 1 < text.length && HEX.test(text[s]!) && HEX.test(text[s + 1]!)) {
        s += 2;
        continue;
      }
      return `invalid \\x escape at position ${s - 2}`;
    }
  }
  return null;
}

