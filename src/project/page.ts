/**
 * One page as Sphinx builds it: its text, the fragments its `.. include::`
 * directives pull in (followed recursively, each with its own options), and
 * every literalinclude in reading order, resolved relative to the page's
 * directory, as Sphinx does even for directives that sit in a fragment.
 */
import { posix } from 'node:path';
import type { FileSystem, ReadResult } from '../core/fs.js';
import { lookupCodec, nonTextEncodingMessage, PythonDecodeError } from '../python/codecs.js';
import { pyRepr, splitLines, universalNewlines } from '../python/str.js';
import { scanRst, type IncludeInsertion, type RstDirective, type RstScan } from '../readers/rst/scanner.js';
import { lazy } from '../core/lazy.js';
import { toSourceLines, type SourceLines } from '../readers/rst/lines.js';
import {
  convertOptions,
  INCLUDE_OPTION_SPEC,
  LITERALINCLUDE_OPTION_SPEC,
  type ConversionResult,
  type IncludeOptions,
  type LiteralIncludeOptions,
} from '../resolver/options.js';
import { ResolveCache, resolveLiteralInclude, type FileInput, type Resolution, type SphinxFlavor } from '../resolver/literalinclude.js';
import { insertAll, pushAll } from '../core/arrays.js';
import { RecentMap } from '../core/recent.js';
import { keyPart } from '../core/strings.js';

export interface PageOptions {
  /** Read MyST options as MyST-Parser 0.18 did (YAML, errors stop the directive). */
  mystLegacy?: boolean;
  fs: FileSystem;
  /** The Sphinx source directory (absolute); a leading `/` in paths means this. */
  root: string;
  flavor?: SphinxFlavor;
  /** Sphinx's `source_encoding` (default `utf-8-sig`). */
  sourceEncoding?: string;
  /** Read cache shared by every page of a run. */
  cache?: ReadCache;
}

/** Where files may be read from: a directory (the repository), unless reading outside it is allowed. */
export interface Confinement {
  /** Absolute directory. */
  dir: string;
  /** Read files outside `dir` anyway (they are still known as outside). */
  allow?: boolean;
}

/** Files larger than this are not read unless `--max-file-size` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 2 ** 20;

function tooLarge(size: number, limit: number): string {
  const mb = (n: number): string => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MiB`;
  return `${mb(size)}, larger than the --max-file-size limit of ${mb(limit)}`;
}

/** The message of a read refused for being outside the confinement. */
export const OUTSIDE_ROOT = 'outside the repository root';

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/** Reads each file once per run (and resolves each distinct literalinclude once), never outside the confinement. */
export class ReadCache {
  private readonly reads = new Map<string, ReadResult>();
  private readonly outsideMemo = new Map<string, string | null>();
  private readonly realDirs = new Map<string, string | null>();
  private confinedDir: string | null = null;
  readonly resolutions = new ResolveCache();
  /**
   * Literalinclude outcomes by directory, argument and options (rST pages
   * only): pages of one directory that show the same snippet share it.
   * Bounded like `resolutions`.
   */
  readonly directives = new RecentMap<string, LiteralIncludeOutcome>();
  private readonly includedFiles = new RecentMap<string, IncludedFile>(1024);
  private readonly listings = new Map<string, string[]>();
  constructor(
    private readonly fs: FileSystem,
    readonly confinement?: Confinement,
    /** Files larger than this many bytes are not read (default 64 MiB). */
    readonly maxFileSize = DEFAULT_MAX_FILE_SIZE,
  ) {}

  /**
   * `FileSystem.walk`, listing each directory once per run (a listing through
   * git costs a process) and filtering by suffix from that.
   */
  walk(dir: string, suffixes: readonly string[], options: { gitignore?: boolean } = {}): string[] {
    const key = `${options.gitignore ?? true}\u0000${dir}`;
    let all = this.listings.get(key);
    if (!all) {
      all = this.fs.walk(dir, [''], options);
      this.listings.set(key, all);
    }
    return suffixes.includes('') ? all.slice() : all.filter((p) => suffixes.some((s) => p.endsWith(s)));
  }

  /**
   * Where a path really leads when that is outside the confinement (the path
   * itself, or the target of a symbolic link on the way), else null.
   */
  outside(path: string): string | null {
    const c = this.confinement;
    if (!c) return null;
    let known = this.outsideMemo.get(path);
    if (known !== undefined) return known;
    if (!isUnder(path, c.dir)) known = path;
    else {
      this.confinedDir ??= this.fs.realpath?.(c.dir) ?? c.dir;
      const real = this.realpath(path);
      known = real !== null && !isUnder(real, this.confinedDir) ? real : null;
    }
    this.outsideMemo.set(path, known);
    return known;
  }

  /**
   * Where a path really leads, or null when nothing is there. With
   * `isSymlink`, a file that is no link is found through its directory's
   * real path (asked once per directory): one lstat, not a realpath walk.
   */
  private realpath(path: string): string | null {
    const fs = this.fs;
    if (!fs.realpath) return null;
    const link = fs.isSymlink?.(path);
    if (link === undefined || link === true) return fs.realpath(path);
    if (link === null) return null;
    return this.throughDirectory(path) ?? fs.realpath(path);
  }

  /** Where a path that is no link leads: through its directory's real path (asked once per directory), or null when that is unknown. */
  private throughDirectory(path: string): string | null {
    const dir = posix.dirname(path);
    let realDir = this.realDirs.get(dir);
    if (realDir === undefined) this.realDirs.set(dir, (realDir = this.fs.realpath!(dir)));
    if (realDir === null) return null;
    return realDir === '/' ? `/${posix.basename(path)}` : `${realDir}/${posix.basename(path)}`;
  }

  read(path: string): ReadResult {
    let r = this.reads.get(path);
    if (!r) {
      r = this.readUnlinked(path) ?? undefined;
      if (!r) {
        if (this.outside(path) !== null && !this.confinement?.allow) r = { kind: 'error', message: OUTSIDE_ROOT };
        else if (this.fs.readUpTo) r = this.limited(this.fs.readUpTo(path, this.maxFileSize));
        else {
          const size = this.fs.size?.(path) ?? null;
          if (size !== null && size > this.maxFileSize) r = { kind: 'error', message: tooLarge(size, this.maxFileSize) };
          else r = this.fs.read(path);
        }
      }
      this.reads.set(path, r);
    }
    return r;
  }

  /**
   * A confined read in one step: when the file's directory really lies
   * inside, the file is opened without following a link, and only a link
   * needs the confinement check (`outside`). Null: read the long way.
   */
  private readUnlinked(path: string): ReadResult | null {
    const c = this.confinement;
    const fs = this.fs;
    if (!c || c.allow || !fs.readUpTo || !fs.realpath || !fs.isSymlink || !isUnder(path, c.dir)) return null;
    this.confinedDir ??= fs.realpath(c.dir) ?? c.dir;
    const real = this.throughDirectory(path);
    if (real === null || !isUnder(real, this.confinedDir)) return null;
    const r = fs.readUpTo(path, this.maxFileSize, true);
    if (r.kind === 'link') return null;
    // Not a link (or nothing there): where `outside` would have found it.
    this.outsideMemo.set(path, null);
    return this.limited(r);
  }

  private limited(r: ReturnType<NonNullable<FileSystem['readUpTo']>>): ReadResult {
    if (r.kind === 'too-large') return { kind: 'error', message: tooLarge(r.size, this.maxFileSize) };
    if (r.kind === 'link') throw new Error('a link was read without noFollow');
    return r;
  }
  /** `read`, without keeping the bytes when they were not kept already (a file read once more after a run). */
  readTransient(path: string): ReadResult {
    const known = this.reads.get(path);
    if (known) return known;
    const r = this.read(path);
    this.reads.delete(path);
    return r;
  }

  /** Drop a file's bytes (a page read once); a later read reads it again. */
  forget(path: string): void {
    this.reads.delete(path);
  }

  /**
   * A file an include directive reads, decoded (with universal newlines) and
   * split once per encoding and tab width; bounded like `directives`.
   */
  included(path: string, bytes: Uint8Array, encoding: string): IncludedFile {
    const key = keyPart(path) + encoding;
    let known = this.includedFiles.get(key);
    if (!known) {
      const d = decodeText(bytes, encoding);
      const decoded = 'text' in d ? { text: universalNewlines(d.text) } : d;
      const split = new Map<number, SourceLines>();
      known = {
        decoded,
        lines: (tabWidth) => {
          let l = split.get(tabWidth);
          if (!l) split.set(tabWidth, (l = toSourceLines('text' in decoded ? decoded.text : '', tabWidth)));
          return l;
        },
      };
      this.includedFiles.set(key, known);
    }
    return known;
  }

  /** Keep about this many resolutions and literalinclude outcomes (see `ResolveCache.limit`; default: all). */
  set limit(n: number) {
    this.resolutions.limit = n;
    this.directives.limit = n;
  }

  input(path: string): FileInput {
    const r = this.read(path);
    if (r.kind === 'file') return { path, bytes: r.bytes };
    if (r.kind === 'missing') return { path, error: 'missing' };
    if (r.kind === 'directory') return { path, error: 'directory' };
    return { path, error: 'unreadable', detail: r.message };
  }
}

/** A file an include reads: its text or why it cannot be decoded, and its lines. */
interface IncludedFile {
  decoded: { text: string } | { error: string; notText?: boolean };
  lines(tabWidth: number): SourceLines;
}

/** The part of a directive common to literalinclude and include results. */
interface DirectiveResultBase {
  /** The page being built (absolute). */
  page: string;
  /** The file that holds the directive (absolute): the page or a fragment. */
  source: string;
  directive: RstDirective;
  /** docutils' "Error in directive" detail, when the block or an option is bad. */
  error: string | null;
  /** Index in `directive.options` of the option at fault, when `error` is about one. */
  errorOption: number | null;
  /** MyST: options dropped with a warning (the directive ran without them). */
  dropped: { index: number; detail: string }[];
  /** The argument as written. */
  argument: string | null;
  /** The resolved file (absolute), when there is an argument. */
  target: string | null;
}

export interface LiteralIncludeResult extends DirectiveResultBase {
  kind: 'literalinclude';
  options: LiteralIncludeOptions | null;
  /** The resolved `:diff:` file (absolute). */
  diffTarget: string | null;
  /** null when the directive never ran (`error` set). */
  resolution: Resolution | null;
}

export type IncludeProblem =
  | { code: 'file-missing'; message: string }
  | { code: 'decode'; message: string }
  | { code: 'not-text-encoding'; message: string }
  | { code: 'start-not-found'; message: string; pattern: string }
  | { code: 'end-not-found'; message: string; pattern: string }
  | { code: 'cycle'; message: string; chain: string[] }
  | { code: 'line-too-long'; message: string; line: number };

export interface IncludeResult extends DirectiveResultBase {
  kind: 'include';
  options: IncludeOptions | null;
  problem: IncludeProblem | null;
  /** Was the text inserted and parsed as rST (not `:literal:`, `:code:` or `:parser:`)? */
  parsed: boolean;
}

export type DirectiveResult = LiteralIncludeResult | IncludeResult;

export interface PageResult {
  page: string;
  /** Why the page could not be read or decoded. */
  readError: string | null;
  scan: RstScan | null;
  /** literalinclude and include directives, in reading order. */
  directives: DirectiveResult[];
  /** Every fragment this page includes, directly or not (absolute). */
  included: Set<string>;
}

const relfnMemo = new Map<string, string>();

/** Sphinx `env.relfn2path`: `/x` is under the source dir, anything else under the page's directory. */
export function relfn2path(root: string, page: string, filename: string): string {
  const absolute = filename.startsWith('/') || filename.startsWith('\\');
  const base = absolute ? root : posix.dirname(page);
  const key = `${base}\u0000${filename}`;
  let path = relfnMemo.get(key);
  if (path === undefined) {
    path = posix.normalize(posix.join(base, absolute ? filename.slice(1) : filename));
    if (relfnMemo.size > 100_000) relfnMemo.clear();
    relfnMemo.set(key, path);
  }
  return path;
}

/** Decode bytes the way Python's `open(encoding=…)` does, or explain why not. */
export function decodeText(bytes: Uint8Array, encoding: string): { text: string } | { error: string; notText?: boolean } {
  const codec = lookupCodec(encoding);
  if (!codec) return { error: `unknown encoding: ${encoding}` };
  if (!codec.text) return { error: nonTextEncodingMessage(encoding), notText: true };
  if (!codec.decodeFile) return { error: `docsnip cannot decode ${codec.name}` };
  try {
    return { text: codec.decodeFile(bytes) };
  } catch (e) {
    if (e instanceof PythonDecodeError) return { error: e.message };
    throw e;
  }
}

const LINE_LENGTH_LIMIT = 10_000;

/** Analyse one page: scan it, follow its includes, resolve its literalincludes. */
export function analysePage(page: string, opts: PageOptions): PageResult {
  const cache = opts.cache ?? new ReadCache(opts.fs);
  const result: PageResult = { page, readError: null, scan: null, directives: [], included: new Set() };
  const read = cache.read(page);
  if (read.kind !== 'file') {
    result.readError = read.kind === 'error' ? read.message : read.kind === 'directory' ? 'is a directory' : 'not found';
    return result;
  }
  const decoded = decodeText(read.bytes, opts.sourceEncoding ?? 'utf-8-sig');
  if ('error' in decoded) {
    result.readError = decoded.error;
    return result;
  }
  const includes = new Map<RstDirective, IncludeResult>();
  const text = universalNewlines(decoded.text);
  const include = (directive: RstDirective, chain: readonly string[]) => {
    const r = followInclude(page, directive, chain, opts, cache);
    includes.set(directive, r.result);
    if (r.insertion) result.included.add(r.result.target!);
    return r.insertion;
  };
  const scan = isMarkdown(page)
    ? lazy('myst').scanMyst(text, { file: page, key: page, legacy: opts.mystLegacy, include })
    : scanRst(text, {
        file: page,
        key: page,
        include: (directive, chain) => {
          const insertion = include(directive, chain);
          return insertion && insertion.syntax === 'rst' ? insertion : null;
        },
      });
  if (!isMarkdown(page)) spliceOtherSyntax(scan, includes, opts);
  result.scan = scan;
  for (const directive of scan.directives) {
    if (directive.name === 'literalinclude') {
      result.directives.push(resolveDirective(page, directive, opts, cache));
    } else if (directive.name === 'include' && directive.substitution === null) {
      const included = includes.get(directive);
      result.directives.push(included ?? includeWithoutHook(page, directive, opts));
    }
  }
  return result;
}

function base(page: string, directive: RstDirective): DirectiveResultBase {
  return {
    page,
    source: directive.file,
    directive,
    error: directive.error,
    errorOption: null,
    dropped: [],
    argument: directive.argument,
    target: null,
  };
}

function converted<T>(
  b: DirectiveResultBase,
  spec: Parameters<typeof convertOptions>[0],
  legacy = false,
): T | null {
  if (b.error !== null) return null;
  if (b.directive.syntax === 'myst') return legacy ? convertLegacyMystOptions<T>(b, spec) : convertMystOptions<T>(b, spec);
  const conv: ConversionResult<T> = convertOptions<T>(
    spec,
    b.directive.options.map((o) => ({ name: o.name, value: o.value })),
  );
  if (!conv.ok) {
    b.error = conv.detail;
    b.errorOption = conv.index;
    return null;
  }
  return conv.options;
}

/**
 * MyST-Parser before 3 (`parse_directive_options`): the first unknown
 * option, non-string value or refused value stops the directive, with
 * MyST's own wording.
 */
function convertLegacyMystOptions<T>(b: DirectiveResultBase, spec: Parameters<typeof convertOptions>[0]): T | null {
  const out: Record<string, unknown> = {};
  for (const [index, o] of b.directive.options.entries()) {
    let error: string | null = null;
    if (!Object.prototype.hasOwnProperty.call(spec, o.name)) error = `Unknown option: ${o.name}`;
    else if (o.notString !== undefined) error = `option "${o.name}" value not string (enclose with ""): ${o.notString}`;
    else {
      const conv = convertOptions<Record<string, unknown>>(spec, [{ name: o.name, value: o.value }]);
      if (conv.ok) Object.assign(out, conv.options);
      else error = `Invalid option value: (option: '${o.name}'; value: ${o.value ?? 'None'})\n${conv.reason ?? conv.detail}`;
    }
    if (error !== null) {
      b.error = error;
      b.errorOption = index;
      return null;
    }
  }
  return out as T;
}

/**
 * MyST-Parser 3+: an unknown option or a value its converter refuses only
 * warns, and the directive runs without it; an empty value is no value, and
 * flags take any value.
 */
function convertMystOptions<T>(b: DirectiveResultBase, spec: Parameters<typeof convertOptions>[0]): T {
  const out: Record<string, unknown> = {};
  b.directive.options.forEach((o, index) => {
    if (!Object.prototype.hasOwnProperty.call(spec, o.name)) {
      b.dropped.push({ index, detail: `unknown option: "${o.name}"` });
      return;
    }
    const flag = ['linenos', 'lineno-match', 'force', 'literal'].includes(o.name);
    const conv = convertOptions<Record<string, unknown>>(spec, [{ name: o.name, value: flag ? null : o.value }]);
    if (conv.ok) Object.assign(out, conv.options);
    else b.dropped.push({ index, detail: conv.detail });
  });
  return out as T;
}

/**
 * What a literalinclude in rST comes to, given its directory, argument and
 * options: the same on every page of that directory (see `ReadCache.directives`).
 */
interface LiteralIncludeOutcome {
  options: LiteralIncludeOptions | null;
  error: string | null;
  errorOption: number | null;
  target: string | null;
  diffTarget: string | null;
  resolution: Resolution | null;
}

/**
 * The key of an rST literalinclude whose outcome depends only on where it
 * is read from and what it says, or null. A `:caption:` check names the
 * directive's own place, so such a directive is resolved on its own.
 */
function outcomeKey(page: string, directive: RstDirective): string | null {
  if (directive.syntax === 'myst' || directive.error !== null || directive.argument === null) return null;
  const absolute = directive.argument.startsWith('/') || directive.argument.startsWith('\\');
  const parts = [keyPart(absolute ? '' : posix.dirname(page)), keyPart(directive.argument)];
  for (const o of directive.options) {
    if (o.name === 'caption') return null;
    // A flag (no value) is `-`, which no length-prefixed part starts with.
    parts.push(keyPart(o.name), o.value === null ? '-' : keyPart(o.value));
  }
  // Joined, the key is one flat string: a concatenated one is copied again to be hashed.
  return parts.join('');
}

function resolveDirective(page: string, directive: RstDirective, opts: PageOptions, cache: ReadCache): LiteralIncludeResult {
  const b = base(page, directive);
  const result = b as LiteralIncludeResult;
  result.kind = 'literalinclude';
  const key = outcomeKey(page, directive);
  const known = key === null ? undefined : cache.directives.get(key);
  if (known) {
    result.options = known.options;
    result.error = known.error;
    result.errorOption = known.errorOption;
    result.target = known.target;
    result.diffTarget = known.diffTarget;
    result.resolution = known.resolution;
    return result;
  }
  resolveOutcome(page, result, opts, cache);
  if (key !== null) {
    const { options, error, errorOption, target, diffTarget, resolution } = result;
    cache.directives.set(key, { options, error, errorOption, target, diffTarget, resolution });
  }
  return result;
}

function resolveOutcome(page: string, result: LiteralIncludeResult, opts: PageOptions, cache: ReadCache): void {
  const directive = result.directive;
  const options = converted<LiteralIncludeOptions>(result, LITERALINCLUDE_OPTION_SPEC, opts.mystLegacy);
  result.options = options;
  result.diffTarget = null;
  result.resolution = null;
  if (result.argument !== null) result.target = relfn2path(opts.root, page, result.argument);
  if (!options || result.target === null) return;
  if (options.diff !== undefined) result.diffTarget = relfn2path(opts.root, page, options.diff);
  result.resolution = resolveLiteralInclude({
    options,
    file: cache.input(result.target),
    diffFile: result.diffTarget ? cache.input(result.diffTarget) : undefined,
    flavor: opts.flavor,
    sourceEncoding: opts.sourceEncoding,
    cache: cache.resolutions,
    directive: {
      argument: result.argument ?? '',
      sourcePath: directive.file,
      contentLine: directive.range.end.line + 2,
    },
  });
}

export function isMarkdown(path: string): boolean {
  return path.endsWith('.md');
}

/**
 * An rST include with `:parser:` naming MyST: docutils parses the file as
 * its own document; its directives come right after the include.
 */
function spliceOtherSyntax(scan: RstScan, includes: Map<RstDirective, IncludeResult>, opts: PageOptions): void {
  for (const [directive, r] of includes) {
    const parser = r.options?.parser?.toLowerCase();
    if (!parser || !/myst/.test(parser) || r.problem || !r.target) continue;
    const read = opts.cache?.read(r.target);
    if (!read || read.kind !== 'file') continue;
    const decoded = decodeText(read.bytes, r.options?.encoding ?? opts.sourceEncoding ?? 'utf-8-sig');
    if (!('text' in decoded)) continue;
    const sub = lazy('myst').scanMyst(universalNewlines(decoded.text), { file: r.target, legacy: opts.mystLegacy });
    const at = scan.directives.indexOf(directive);
    // In reading order right after the include.
    const base = directive.seq ?? 0;
    sub.directives.forEach((d, k) => (d.seq = base + (k + 1) / (sub.directives.length + 1)));
    insertAll(scan.directives, at + 1, sub.directives);
    pushAll(scan.comments, sub.comments);
    for (const t of sub.tooDeep ?? []) if (!scan.tooDeep?.some((x) => x.file === t.file)) (scan.tooDeep ??= []).push(t);
    r.parsed = true;
  }
}

/** An include that errored before the hook ran (bad block): report it anyway. */
function includeWithoutHook(page: string, directive: RstDirective, opts: PageOptions): IncludeResult {
  const b = base(page, directive);
  const options = converted<IncludeOptions>(b, INCLUDE_OPTION_SPEC, opts.mystLegacy);
  const result: IncludeResult = { ...b, kind: 'include', options, problem: null, parsed: false };
  if (options && result.argument !== null && !isStandardInclude(result.argument)) {
    result.target = relfn2path(opts.root, page, result.argument);
  }
  return result;
}

function isStandardInclude(argument: string): boolean {
  return argument.startsWith('<') && argument.endsWith('>');
}

/** Python slice bounds for `lines[start:end]`. */
function sliceBounds(length: number, start: bigint | undefined, end: bigint | undefined): [number, number] {
  const clamp = (v: bigint | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    let n = v < 0n ? BigInt(length) + v : v;
    if (n < 0n) n = 0n;
    if (n > BigInt(length)) n = BigInt(length);
    return Number(n);
  };
  return [clamp(start, 0), clamp(end, length)];
}

function followInclude(
  page: string,
  directive: RstDirective,
  chain: readonly string[],
  opts: PageOptions,
  cache: ReadCache,
): { result: IncludeResult; insertion: (IncludeInsertion & { syntax: 'rst' | 'myst' }) | null } {
  const b = base(page, directive);
  const options = converted<IncludeOptions>(b, INCLUDE_OPTION_SPEC, opts.mystLegacy);
  const result: IncludeResult = { ...b, kind: 'include', options, problem: null, parsed: false };
  const none = { result, insertion: null };
  if (!options || result.argument === null || isStandardInclude(result.argument)) return none;
  // docutils' `directives.path`: the argument with its line breaks removed.
  const argument = result.argument.split('\n').map((l) => l.trim()).join('');
  const target = relfn2path(opts.root, page, argument);
  result.target = target;
  const read = cache.read(target);
  if (read.kind !== 'file') {
    result.problem = {
      code: 'file-missing',
      message: `Problems with "include" directive path:\nInputError: [Errno 2] No such file or directory: ${pyRepr(target)}.`,
    };
    return none;
  }
  const whole = cache.included(target, read.bytes, options.encoding ?? opts.sourceEncoding ?? 'utf-8-sig');
  const decoded = whole.decoded;
  if ('error' in decoded) {
    result.problem = decoded.notText
      ? { code: 'not-text-encoding', message: decoded.error }
      : { code: 'decode', message: `Problem with "include" directive:\nUnicodeDecodeError: ${decoded.error}` };
    return none;
  }
  let text = decoded.text;
  let lineOffset = 0;
  /** The text is the whole file (no option cut it): its lines can be shared. */
  let cut = false;
  const startLine = options['start-line'];
  const endLine = options['end-line'];
  if ((startLine !== undefined && startLine !== 0n) || endLine !== undefined) {
    const lines = splitLines(text, true);
    const [s, e] = sliceBounds(lines.length, startLine, endLine);
    lineOffset = s;
    text = lines.slice(s, e).join('');
    cut = true;
  }
  const after = options['start-after'];
  if (after) {
    const at = text.indexOf(after);
    if (at < 0) {
      result.problem = {
        code: 'start-not-found',
        message: 'Problem with "start-after" option of "include" directive:\nText not found.',
        pattern: after,
      };
      return none;
    }
    lineOffset += countLines(text.slice(0, at + after.length));
    text = text.slice(at + after.length);
    cut = true;
  }
  const before = options['end-before'];
  if (before) {
    const at = text.indexOf(before);
    if (at < 0) {
      result.problem = {
        code: 'end-not-found',
        message: 'Problem with "end-before" option of "include" directive:\nText not found.',
        pattern: before,
      };
      return none;
    }
    text = text.slice(0, at);
    cut = true;
  }
  if (options.literal !== undefined || options.code !== undefined) return none;
  // The syntax of the included text: MyST's include reads Markdown, docutils'
  // reads rST, and a `:parser:` naming MyST (or rST) says otherwise; MyST-Parser
  // before 3 ignored `:parser:`.
  const parser = directive.syntax === 'myst' && opts.mystLegacy ? undefined : options.parser?.toLowerCase();
  const syntax: 'rst' | 'myst' =
    parser !== undefined
      ? /myst/.test(parser)
        ? 'myst'
        : /rst|restructuredtext/.test(parser)
          ? 'rst'
          : 'rst'
      : directive.syntax === 'myst'
        ? 'myst'
        : 'rst';
  if (parser !== undefined && !/myst|rst|restructuredtext/.test(parser)) return none;
  const tabWidth = options['tab-width'] !== undefined ? Number(options['tab-width']) : 8;
  const lines = cut ? toSourceLines(text, tabWidth) : whole.lines(tabWidth);
  const tooLong = lines.text.findIndex((l) => l.length > LINE_LENGTH_LIMIT);
  if (tooLong >= 0) {
    result.problem = {
      code: 'line-too-long',
      message: `"${target}": line ${tooLong + 1 + lineOffset} exceeds the line-length-limit.`,
      line: tooLong + 1 + lineOffset,
    };
    return none;
  }
  // Length-prefixed parts (`keyPart`): no option text can make two includes' keys equal.
  const key = [target, `${startLine ?? ''}`, `${endLine ?? ''}`, after ?? '', before ?? ''].map(keyPart).join('');
  const chainFiles = chain.map(keyFile);
  // As in docutils, the page itself is in the log under another spelling of
  // its path, so a page that includes itself is inserted once before the
  // inner include is refused.
  if (chain.includes(key)) {
    result.problem = {
      code: 'cycle',
      message: `circular inclusion in "include" directive: ${[target, ...chainFiles.slice().reverse()].join(' < ')}`,
      chain: [...chainFiles, target],
    };
    return none;
  }
  result.parsed = true;
  return { result, insertion: { file: target, text, lineOffset, key, tabWidth, syntax, lines } };
}

/** The file of an entry of the include chain: an include's key (its first part), or a document's own key, its absolute path. */
function keyFile(key: string): string {
  const length = /^\d+:/.exec(key);
  if (!length) return key;
  const from = length[0].length;
  return key.slice(from, from + Number(length[0].slice(0, -1)));
}

/** Number of line breaks in `s` (Python line boundaries). */
function countLines(s: string): number {
  return splitLines(s, true).length - (s === '' || /[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]$/.test(s) ? 0 : 1);
}
