/**
 * The literalinclude resolver: Sphinx's `LiteralInclude` directive and
 * `LiteralIncludeReader`, as a pure function.
 *
 * Given the converted options and the bytes of the files the directive reads,
 * it returns the literal block Sphinx would build (text, line count, first
 * line number, emphasized lines, language), where each output line came from,
 * and every problem Sphinx would report, fatal or not. It follows Sphinx's
 * fixed filter order: pyobject, start, end, lines, dedent, prepend, append
 * (or a unified diff with `:diff:`), whatever order the options are written.
 */
import { RecentMap } from '../core/recent.js';
import { keyPart } from '../core/strings.js';
import { lookupCodec, nonTextEncodingMessage, PythonDecodeError } from '../python/codecs.js';
import { lazy } from '../core/lazy.js';
import { expandTabs, pyHead, pyRepr, pyStrip, pyTail, splitLines, textwrapDedent, trimEndWhere, universalNewlines } from '../python/str.js';
import { anyOutOfRange, indexesBelow, isConsecutive, parseLineSpec } from './line-spec.js';
import type { LiteralIncludeOptions } from './options.js';

/** The contents of a file the directive reads, or why it could not be read. */
export type FileInput =
  | { path: string; bytes: Uint8Array }
  | { path: string; error: 'missing' | 'directory' | 'unreadable' | 'too-large'; detail?: string };

/** Which Sphinx's message wording to reproduce. */
export type SphinxFlavor = '9' | '5';

export type ProblemCode =
  | 'conflict'
  | 'file-missing'
  | 'decode'
  | 'not-text-encoding'
  | 'pyobject-not-found'
  | 'pyobject-parse'
  | 'pyobject-open'
  | 'pattern-not-found'
  | 'invalid-line-spec'
  | 'lines-out-of-range'
  | 'lineno-match-disjoint'
  | 'no-lines-pulled'
  | 'index-error'
  | 'dedent-strips'
  | 'tab-width'
  | 'caption';

export interface ResolveProblem {
  code: ProblemCode;
  /** Fatal problems replace the block with a warning; the others keep it. */
  fatal: boolean;
  /** Sphinx's message, with absolute paths as Sphinx prints them. */
  message: string;
  /** The option the problem is about, when there is one. */
  option?: string;
  /** For conflicts: the two options. */
  options?: [string, string];
  /** The file the problem is about (absolute). */
  file?: string;
  /** For marker problems: the pattern. */
  pattern?: string;
  /** For `dedent-strips`: 1-based lines of the target that lost text. */
  targetLines?: number[];
  /** For `decode`: the codec's own explanation. */
  detail?: string;
}

export interface Resolution {
  /** Did Sphinx produce a literal block? */
  ok: boolean;
  /** The literal block's text, exactly; null when `ok` is false. */
  text: string | null;
  /** The block's lines (each keeps its terminator). */
  lines: string[];
  /** For each output line, its 1-based line in the main file, or null (prepend, append, diff). */
  origins: (number | null)[];
  /** First displayed line number (`highlight_args.linenostart`). */
  linenoStart: bigint;
  /** Line numbers shown? (`linenos`, `lineno-start` or `lineno-match`.) */
  linenos: boolean;
  /** 1-based highlighted lines (`highlight_args.hl_lines`), when `:emphasize-lines:` is set. */
  highlightLines: number[] | null;
  /** `:language:`, or `udiff` for a diff; null when unset. */
  language: string | null;
  problems: ResolveProblem[];
  /** The main file's text after decoding, newline translation and tab expansion. */
  fileText: string | null;
  /** The main file's lines (Python `splitlines(True)` of `fileText`). */
  fileLines: string[] | null;
  /** How the start and end options matched: the line used, and every line of the searched part that matches. */
  matches: { start?: PatternMatch; end?: PatternMatch };
}

/** Where a start or end pattern matched in the main file (1-based lines). */
export interface PatternMatch {
  option: string;
  pattern: string;
  /** The line Sphinx used, or null when there was none. */
  line: number | null;
  /** Every line of the searched part containing the pattern (for `end-before`, the skipped first line too). */
  all: number[];
}

export interface ResolveRequest {
  options: LiteralIncludeOptions;
  /** The main file (`path` absolute, as Sphinx prints it). */
  file: FileInput;
  /** The `:diff:` file, when the option is set. */
  diffFile?: FileInput;
  /** Message wording; default Sphinx 9. */
  flavor?: SphinxFlavor;
  /** Sphinx's `source_encoding` (default `utf-8-sig`). */
  sourceEncoding?: string;
  /**
   * Where the directive is, for the caption check: its argument (the caption
   * when `:caption:` is empty), the absolute path of the file holding it, and
   * the line where docutils starts parsing content (after the option block).
   */
  directive?: { argument: string; sourcePath: string; contentLine: number };
  /** Decoded files and finished resolutions of a run, shared by its directives (see `ResolveCache`). */
  cache?: ResolveCache;
}

/**
 * What a run resolves more than once: each (file, encoding, tab width)
 * decoded and split once, and each distinct request resolved once. Results
 * are shared, so nothing may modify a `Resolution` after it is made.
 */
export class ResolveCache {
  /**
   * Files decoded and split, and results, by key. A run that drops its pages
   * sets a `limit` on both (see `RecentMap`): nearby pages share their files.
   */
  readonly texts = new RecentMap<string, FileLines | Fatal>();
  readonly results = new RecentMap<string, Resolution>();

  /** Keep about this many results, and an eighth as many files (default: all). */
  set limit(n: number) {
    this.texts.limit = Math.ceil(n / 8);
    this.results.limit = n;
  }

  /** A key for a request, or null when it cannot be shared. */
  static key(req: ResolveRequest): string | null {
    if ('error' in req.file) return null;
    // Every part length-prefixed (`keyPart`): no option text can make two requests' keys equal.
    const parts: string[] = [keyPart(req.file.path), keyPart(req.diffFile?.path ?? ''), keyPart(req.flavor ?? '9'), keyPart(req.sourceEncoding ?? '')];
    for (const [name, value] of Object.entries(req.options)) {
      const v = value === null ? '-' : keyPart(Array.isArray(value) ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value));
      parts.push(keyPart(name) + v);
    }
    // The caption check names the directive's place: only then is it part of the result.
    if (req.options.caption !== undefined && req.directive) {
      parts.push(`!${keyPart(req.directive.argument)}${keyPart(req.directive.sourcePath)}${req.directive.contentLine}`);
    }
    // Joined, the key is one flat string: a concatenated one is copied again to be hashed.
    return parts.join('');
  }
}

/** Sphinx's `INVALID_OPTIONS_PAIR`, in its order. */
export const INVALID_OPTION_PAIRS: readonly (readonly [string, string])[] = [
  ['lineno-match', 'lineno-start'],
  ['lineno-match', 'append'],
  ['lineno-match', 'prepend'],
  ['start-after', 'start-at'],
  ['end-before', 'end-at'],
  ['diff', 'pyobject'],
  ['diff', 'lineno-start'],
  ['diff', 'lineno-match'],
  ['diff', 'lines'],
  ['diff', 'start-after'],
  ['diff', 'end-before'],
  ['diff', 'start-at'],
  ['diff', 'end-at'],
];

/** How Sphinx shows a path inside a message (`%r` or `'%s'`, `_StrPath(…)` in 9). */
function quotedPath(path: string, flavor: SphinxFlavor): string {
  return flavor === '9' ? `'${path}'` : pyRepr(path);
}
function strPathRepr(path: string, flavor: SphinxFlavor): string {
  return flavor === '9' ? `_StrPath(${pyRepr(path)})` : pyRepr(path);
}

class Fatal extends Error {
  constructor(readonly problem: ResolveProblem) {
    super(problem.message);
  }
}

const has = (o: LiteralIncludeOptions, k: keyof LiteralIncludeOptions): boolean =>
  Object.prototype.hasOwnProperty.call(o, k);

interface Lines {
  text: string[];
  origin: (number | null)[];
  /** Only lines `from`.. count (the start filter cuts without copying; the end filter copies once). */
  from?: number;
  /** Set while `text` is still the whole file's lines, each line `i` numbered `i + 1`: searches may run on the file's text. */
  whole?: FileLines;
}

/** A file's text, its lines, and where each line starts in the text (`starts[i]`; `starts[n]` is the text's length). */
interface FileLines {
  text: string;
  lines: string[];
  starts?: number[];
}

/** Resolve one literalinclude. Never throws for bad input; problems come back as data. */
export function resolveLiteralInclude(req: ResolveRequest): Resolution {
  const key = req.cache ? ResolveCache.key(req) : null;
  if (key !== null) {
    const known = req.cache!.results.get(key);
    if (known) return known;
  }
  const result = resolveUncached(req);
  if (key !== null) req.cache!.results.set(key, result);
  return result;
}

function resolveUncached(req: ResolveRequest): Resolution {
  const flavor = req.flavor ?? '9';
  const options = req.options;
  const problems: ResolveProblem[] = [];
  const result: Resolution = {
    ok: false,
    text: null,
    lines: [],
    origins: [],
    linenoStart: options['lineno-start'] ?? 1n,
    linenos: has(options, 'linenos') || has(options, 'lineno-start') || has(options, 'lineno-match'),
    highlightLines: null,
    language: has(options, 'diff') && options.diff ? 'udiff' : options.language ?? null,
    problems,
    fileText: null,
    fileLines: null,
    matches: {},
  };
  const encoding = options.encoding ?? req.sourceEncoding ?? 'utf-8-sig';
  try {
    for (const [a, b] of INVALID_OPTION_PAIRS) {
      if (has(options, a as keyof LiteralIncludeOptions) && has(options, b as keyof LiteralIncludeOptions)) {
        throw new Fatal({
          code: 'conflict',
          fatal: true,
          message: `Cannot use both "${a}" and "${b}" options`,
          options: [a, b],
        });
      }
    }
    let lines: Lines;
    if (has(options, 'diff')) {
      const read = readLines(req.file, encoding, options, flavor, req.cache);
      result.fileText = read.text;
      const newLines = read.lines;
      result.fileLines = newLines;
      if (!req.diffFile) throw new Error('diff file not given');
      const oldLines = readLines(req.diffFile, encoding, options, flavor, req.cache).lines;
      const diff = lazy('difflib').unifiedDiff(oldLines, newLines, req.diffFile.path, req.file.path);
      lines = { text: diff, origin: diff.map(() => null) };
    } else {
      const read = readLines(req.file, encoding, options, flavor, req.cache);
      result.fileText = read.text;
      const all = read.lines;
      result.fileLines = all;
      // The filters make new arrays; `all` and the numbering are shared, so they are copied when no filter did.
      lines = { text: all, origin: numbering(all.length), whole: read };
      lines = pyobjectFilter(lines, req, result, flavor);
      lines = startFilter(lines, options, result);
      lines = endFilter(lines, options, result);
      lines = linesFilter(lines, options, result, req.file.path, flavor);
      lines = dedentFilter(lines, options, problems);
      if (lines.text === all) lines = { text: all.slice(), origin: lines.origin.slice() };
      if (options.prepend) {
        lines.text.unshift(options.prepend + '\n');
        lines.origin.unshift(null);
      }
      if (options.append) {
        lines.text.push(options.append + '\n');
        lines.origin.push(null);
      }
    }
    // Directive level: emphasize-lines is numbered in the final block.
    if (has(options, 'emphasize-lines') && options['emphasize-lines'] !== undefined) {
      const spec = options['emphasize-lines'];
      const total = lines.text.length;
      const parsed = parseLineSpec(spec, total);
      if (!parsed.ok) {
        throw new Fatal({ code: 'invalid-line-spec', fatal: true, message: parsed.message, option: 'emphasize-lines' });
      }
      if (anyOutOfRange(parsed.runs, total)) {
        problems.push({
          code: 'lines-out-of-range',
          fatal: false,
          message: `line number spec is out of range(1-${total}): ${pyRepr(spec)}`,
          option: 'emphasize-lines',
        });
      }
      result.highlightLines = indexesBelow(parsed.runs, total).map((x) => x + 1);
    }
    if (options.caption !== undefined && req.directive) checkCaption(options.caption || req.directive.argument, req.directive, flavor);
    result.ok = true;
    result.lines = lines.text;
    result.origins = lines.origin;
    result.text = lines.text.join('');
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    problems.push(e.problem);
  }
  return result;
}

/**
 * Sphinx parses the caption as reStructuredText and refuses it when the first
 * thing parsed is a docutils message. The captions that do that: `::` alone
 * (a literal block with nothing after it) and a line of 4+ punctuation
 * characters (a transition, which is not allowed there).
 */
function checkCaption(caption: string, at: NonNullable<ResolveRequest['directive']>, flavor: SphinxFlavor): void {
  const text = trimEndWhere(caption.split('\n')[0]!, (ch) => ch === ' ' || ch === '\t');
  let detail: string | null = null;
  if (caption.trim() === '::') {
    detail = `${at.sourcePath}:${at.contentLine + 1}: (WARNING/2) Literal block expected; none found.`;
  } else if (!caption.includes('\n') && /^([!-\/:-@[-`{-~])\1* *$/.test(text) && text.trim().length >= 4 && text.trim() !== '::') {
    const level = flavor === '5' ? 'SEVERE/4' : 'ERROR/3';
    detail = `${at.sourcePath}:${at.contentLine}: (${level}) Unexpected section title or transition.\n\n${caption}`;
  }
  if (detail !== null) {
    throw new Fatal({ code: 'caption', fatal: true, message: `Invalid caption: ${detail}`, option: 'caption' });
  }
}

/** `readText` split into lines, once per (file, encoding, tab width) when there is a cache. */
function readLines(file: FileInput, encoding: string, options: LiteralIncludeOptions, flavor: SphinxFlavor, cache: ResolveCache | undefined): FileLines {
  if (!cache) {
    const text = readText(file, encoding, options, flavor);
    return { text, lines: splitLines(text) };
  }
  const key = `${keyPart(file.path)}${keyPart(encoding)}${options['tab-width'] ?? ''}:${options.encoding !== undefined ? 'option' : ''}:${flavor}`;
  let known = cache.texts.get(key);
  if (!known) {
    try {
      const text = readText(file, encoding, options, flavor);
      known = { text, lines: splitLines(text) };
    } catch (e) {
      if (!(e instanceof Fatal)) throw e;
      known = e;
    }
    cache.texts.set(key, known);
  }
  if (known instanceof Fatal) throw known;
  return known;
}

/** Sphinx `read_file`: strict decoding, universal newlines, optional tab expansion. */
function readText(file: FileInput, encoding: string, options: LiteralIncludeOptions, flavor: SphinxFlavor): string {
  const notFound = (): Fatal =>
    new Fatal({
      code: 'file-missing',
      fatal: true,
      message: `Include file ${quotedPath(file.path, flavor)} not found or reading it failed`,
      file: file.path,
    });
  if ('error' in file) throw notFound();
  const codec = lookupCodec(encoding);
  if (!codec) {
    // Only reachable through Sphinx's `source_encoding` (the option is checked earlier).
    throw new Fatal({ code: 'not-text-encoding', fatal: true, message: `unknown encoding: ${encoding}`, file: file.path });
  }
  if (!codec.text) {
    throw new Fatal({
      code: 'not-text-encoding',
      fatal: true,
      message: nonTextEncodingMessage(encoding),
      file: file.path,
      option: 'encoding',
    });
  }
  let text: string;
  try {
    if (!codec.decodeFile) throw new PythonDecodeError(`docsnip cannot decode ${codec.name}`);
    text = codec.decodeFile(file.bytes);
  } catch (e) {
    if (!(e instanceof PythonDecodeError)) throw e;
    const shownPath = flavor === '9' ? `'${file.path}'` : pyRepr(file.path);
    throw new Fatal({
      code: 'decode',
      fatal: true,
      message: `Encoding ${pyRepr(encoding)} used for reading included file ${shownPath} seems to be wrong, try giving an :encoding: option`,
      file: file.path,
      detail: e.message,
      option: options.encoding !== undefined ? 'encoding' : undefined,
    });
  }
  text = universalNewlines(text);
  if (options['tab-width'] !== undefined) {
    const width = options['tab-width'];
    if (width > 2n ** 63n - 1n || width < -(2n ** 63n)) {
      throw new Fatal({
        code: 'tab-width',
        fatal: true,
        message: 'Python int too large to convert to C ssize_t',
        option: 'tab-width',
      });
    }
    if (width > 100_000n && text.includes('\t')) {
      throw new Fatal({
        code: 'tab-width',
        fatal: true,
        message: `tab width ${width} is too large to expand`,
        option: 'tab-width',
      });
    }
    text = expandTabs(text, Number(width));
  }
  return text;
}

function pyobjectFilter(lines: Lines, req: ResolveRequest, result: Resolution, flavor: SphinxFlavor): Lines {
  const name = req.options.pyobject;
  if (!name || 'error' in req.file) return lines;
  const analysed = lazy('pyobject').analysePythonSource(req.file.bytes, req.file.path);
  const path = req.file.path;
  if (!analysed.ok) {
    const message =
      analysed.stage === 'open'
        ? `error opening ${strPathRepr(path, flavor)} (exception was: ${analysed.detail})`
        : `parsing ${pyRepr(path)} failed: ${analysed.detail}`;
    throw new Fatal({
      code: analysed.stage === 'open' ? 'pyobject-open' : 'pyobject-parse',
      fatal: true,
      message,
      option: 'pyobject',
      file: path,
    });
  }
  const tag = analysed.tags.get(name);
  if (!tag) {
    throw new Fatal({
      code: 'pyobject-not-found',
      fatal: true,
      message: `Object named ${pyRepr(name)} not found in include file ${strPathRepr(path, flavor)}`,
      option: 'pyobject',
      file: path,
    });
  }
  if (req.options['lineno-match'] !== undefined) result.linenoStart = BigInt(tag.start);
  return { text: lines.text.slice(tag.start - 1, tag.end), origin: lines.origin.slice(tag.start - 1, tag.end) };
}

function startFilter(lines: Lines, options: LiteralIncludeOptions, result: Resolution): Lines {
  let pattern: string | undefined;
  let after = false;
  let option = '';
  if (has(options, 'start-at')) {
    pattern = options['start-at'];
    option = 'start-at';
  } else if (has(options, 'start-after')) {
    pattern = options['start-after'];
    after = true;
    option = 'start-after';
  }
  if (!pattern) return lines;
  const { first: index, all } = matchesOf(lines, pattern, 0);
  result.matches.start = {
    option,
    pattern,
    line: index < 0 ? null : lines.origin[index] ?? null,
    all,
  };
  if (index < 0) {
    throw new Fatal({
      code: 'pattern-not-found',
      fatal: true,
      message: `${option} pattern not found: ${pattern}`,
      option,
      pattern,
    });
  }
  const from = after ? index + 1 : index;
  if (options['lineno-match'] !== undefined) result.linenoStart += BigInt(from);
  return { text: lines.text, origin: lines.origin, from, whole: lines.whole };
}

/**
 * One pass over the lines: the index of the first line at or after `from`
 * that contains `pattern` (-1 when none), and the origins of all lines that do.
 */
function lineStarts(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lines[i]!.length;
  }
  starts[lines.length] = offset;
  return starts;
}

/** `1, 2, … n`, one array per length, shared: never change one. */
const numberings = new RecentMap<number, number[]>(256);
function numbering(n: number): number[] {
  let a = numberings.get(n);
  if (!a) numberings.set(n, (a = Array.from({ length: n }, (_, i) => i + 1)));
  return a;
}

/** Matches among the lines that count (`lines.from`..): the first at index `from` of those or later, and every match's line number. */
function matchesOf(lines: Lines, pattern: string, from: number): { first: number; all: number[] } {
  const all: number[] = [];
  let first = -1;
  const text = lines.text;
  const base = lines.from ?? 0;
  if (lines.whole && pattern !== '') {
    // Search the file's text, not each line: one scan, no call per line.
    const whole = lines.whole;
    const starts = (whole.starts ??= lineStarts(whole.lines));
    let line = base;
    let at = whole.text.indexOf(pattern, starts[base]);
    while (at >= 0) {
      while (starts[line + 1]! <= at) line++;
      if (at + pattern.length > starts[line + 1]!) {
        // Across a line break: no line holds this one; a later start on the same line may.
        at = whole.text.indexOf(pattern, at + 1);
        continue;
      }
      if (first < 0 && line - base >= from) first = line - base;
      all.push(line + 1);
      at = whole.text.indexOf(pattern, starts[line + 1]);
    }
    return { first, all };
  }
  for (let i = base; i < text.length; i++) {
    if (!text[i]!.includes(pattern)) continue;
    if (first < 0 && i - base >= from) first = i - base;
    const origin = lines.origin[i];
    if (origin !== null && origin !== undefined) all.push(origin);
  }
  return { first, all };
}

function endFilter(lines: Lines, options: LiteralIncludeOptions, result: Resolution): Lines {
  let pattern: string | undefined;
  let at = false;
  let option = '';
  if (has(options, 'end-at')) {
    pattern = options['end-at'];
    at = true;
    option = 'end-at';
  } else if (has(options, 'end-before')) {
    pattern = options['end-before'];
    option = 'end-before';
  }
  const base = lines.from ?? 0;
  if (!pattern) return base === 0 ? lines : { text: lines.text.slice(base), origin: lines.origin.slice(base) };
  // `end-before` never ends on the first line (Sphinx skips a match there).
  const { first: i, all } = matchesOf(lines, pattern, at ? 0 : 1);
  const match: PatternMatch = { option, pattern, line: null, all };
  result.matches.end = match;
  if (i >= 0) {
    match.line = lines.origin[base + i] ?? null;
    const end = at ? i + 1 : i;
    return { text: lines.text.slice(base, base + end), origin: lines.origin.slice(base, base + end) };
  }
  throw new Fatal({ code: 'pattern-not-found', fatal: true, message: `${option} pattern not found: ${pattern}`, option, pattern });
}

function linesFilter(
  lines: Lines,
  options: LiteralIncludeOptions,
  result: Resolution,
  path: string,
  flavor: SphinxFlavor,
): Lines {
  const spec = options.lines;
  if (!spec) return lines;
  const total = lines.text.length;
  const parsed = parseLineSpec(spec, total);
  if (!parsed.ok) throw new Fatal({ code: 'invalid-line-spec', fatal: true, message: parsed.message, option: 'lines' });
  if (anyOutOfRange(parsed.runs, total)) {
    result.problems.push({
      code: 'lines-out-of-range',
      fatal: false,
      message: `line number spec is out of range(1-${total}): ${pyRepr(spec)}`,
      option: 'lines',
    });
  }
  if (options['lineno-match'] !== undefined) {
    if (!isConsecutive(parsed.runs)) {
      throw new Fatal({
        code: 'lineno-match-disjoint',
        fatal: true,
        message: 'Cannot use "lineno-match" with a disjoint set of "lines"',
        option: 'lines',
      });
    }
    result.linenoStart += parsed.runs[0]!.start;
  }
  const picked = indexesBelow(parsed.runs, total);
  const text: string[] = [];
  const origin: (number | null)[] = [];
  for (const n of picked) {
    const i = n < 0 ? total + n : n;
    if (i < 0) throw new Fatal({ code: 'index-error', fatal: true, message: 'list index out of range', option: 'lines' });
    text.push(lines.text[i]!);
    origin.push(lines.origin[i]!);
  }
  if (text.length === 0) {
    throw new Fatal({
      code: 'no-lines-pulled',
      fatal: true,
      message: `Line spec ${pyRepr(spec)}: no lines pulled from include file ${strPathRepr(path, flavor)}`,
      option: 'lines',
      file: path,
    });
  }
  return { text, origin };
}

function dedentFilter(lines: Lines, options: LiteralIncludeOptions, problems: ResolveProblem[]): Lines {
  if (!has(options, 'dedent')) return lines;
  const dedent = options.dedent ?? null;
  if (dedent === null) {
    const text = splitLines(textwrapDedent(lines.text.join('')));
    return { text, origin: lines.origin.slice(0, text.length) };
  }
  const stripped: number[] = [];
  lines.text.forEach((line, i) => {
    if (pyStrip(pyHead(line, dedent)) !== '') {
      const origin = lines.origin[i];
      if (origin !== null && origin !== undefined) stripped.push(origin);
      else stripped.push(-1);
    }
  });
  if (stripped.length > 0) {
    problems.push({
      code: 'dedent-strips',
      fatal: false,
      message: 'non-whitespace stripped by dedent',
      option: 'dedent',
      targetLines: stripped.filter((n) => n > 0),
    });
  }
  const text = lines.text.map((line) => {
    const cut = pyTail(line, dedent);
    return line.endsWith('\n') && cut === '' ? '\n' : cut;
  });
  return { text, origin: lines.origin.slice() };
}

