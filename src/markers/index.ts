/**
 * The marker files of a run: every file a checked page includes, plus every
 * file under the checked directories that holds marker lines, each read once,
 * with its markers and, for spread tasks, its sections.
 */
import type { ReadCache } from '../project/page.js';
import { decodeText } from '../project/page.js';
import { RecentMap } from '../core/recent.js';
import { splitLines, universalNewlines } from '../python/str.js';
import { findMarkers, groupMarkers, type MarkerGroup, type MarkerLine } from './markers.js';
import { isSpreadTask, parseTask, type SpreadTask } from '../spread/task.js';

/** Files bigger than this are not searched for markers. */
const MAX_MARKER_FILE = 1 << 20;

export interface MarkerFile {
  path: string;
  /** Lines without terminators (Python line boundaries, as the resolver counts). */
  lines: string[];
  markers: MarkerLine[];
  groups: MarkerGroup[];
  /** Is a literalinclude of a checked page reading this file? */
  included: boolean;
  /** Is the file under the run's scope (so unused markers in it are reported)? */
  inScope: boolean;
  /** The parsed task, for spread task files. */
  task: SpreadTask | null;
  /** The marker on each line that holds one. */
  byLine: Map<number, MarkerLine>;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * The marker files of a run, each read and searched once, on demand: page
 * rules look up the files their literalincludes show as they go, and
 * `index` gives the project rules the complete set at the end.
 */
export class MarkerFiles implements ReadonlyMap<string, MarkerFile> {
  /** Files looked at: the marker file, or null when it is not text (unreadable, binary, too big). */
  private readonly known: RecentMap<string, MarkerFile | null>;
  /** What the index holds: each file read once more for it is kept. */
  private readonly indexed = new Map<string, MarkerFile | null>();

  constructor(
    private readonly cache: ReadCache,
    private readonly pattern: RegExp,
    /**
     * Keep about this many files read on demand (see `RecentMap`), forgetting
     * older ones (read again if asked again): a run that drops its pages
     * bounds its memory so.
     */
    limit = Infinity,
  ) {
    this.known = new RecentMap(limit);
  }

  /** The file as a marker file (with or without markers), or undefined when it is not text. */
  get(path: string): MarkerFile | undefined {
    let f = this.indexed.get(path) ?? this.known.get(path);
    if (f === undefined) {
      f = readMarkerFile(this.cache, path, this.pattern);
      this.known.set(path, f);
    }
    return f ?? undefined;
  }

  /** A file for the index: kept for the rest of the run. */
  private keep(path: string): MarkerFile | undefined {
    let f = this.indexed.get(path);
    if (f === undefined) {
      f = this.known.get(path);
      if (f === undefined) f = readMarkerFile(this.cache, path, this.pattern);
      this.indexed.set(path, f);
    }
    return f ?? undefined;
  }

  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /**
   * The marker files of the run: every file a checked page includes (text or
   * not), then every file in scope that holds marker lines, in that order.
   */
  index(included: Iterable<string>, scoped: Iterable<string>): Map<string, MarkerFile> {
    const index = new Map<string, MarkerFile>();
    for (const p of included) {
      const f = this.keep(p);
      if (!f) continue;
      f.included = true;
      index.set(p, f);
    }
    for (const p of scoped) {
      const f = this.keep(p);
      if (!f || (f.markers.length === 0 && !f.included)) continue;
      f.inScope = true;
      index.set(p, f);
    }
    return index;
  }

  // ReadonlyMap over the files kept now.
  private *present(): IterableIterator<[string, MarkerFile]> {
    const seen = new Set<string>();
    for (const m of [this.indexed.entries(), this.known.entries()]) {
      for (const [k, v] of m) {
        if (!v || seen.has(k)) continue;
        seen.add(k);
        yield [k, v];
      }
    }
  }
  get size(): number {
    let n = 0;
    for (const _ of this.present()) n++;
    return n;
  }
  entries(): IterableIterator<[string, MarkerFile]> {
    return this.present();
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.present()) yield k;
  }
  *values(): IterableIterator<MarkerFile> {
    for (const [, v] of this.present()) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, MarkerFile]> {
    return this.present();
  }
  forEach(fn: (value: MarkerFile, key: string, map: ReadonlyMap<string, MarkerFile>) => void): void {
    for (const [k, v] of this.present()) fn(v, k, this);
  }
}

/** A file read as a marker file (flags unset), or null when it is not text. */
function readMarkerFile(cache: ReadCache, path: string, pattern: RegExp): MarkerFile | null {
  const read = cache.read(path);
  if (read.kind !== 'file' || read.bytes.length > MAX_MARKER_FILE || looksBinary(read.bytes)) return null;
  const decoded = decodeText(read.bytes, 'utf-8-sig');
  if (!('text' in decoded)) return null;
  const text = universalNewlines(decoded.text);
  const lines = splitLines(text, false);
  const markers = findMarkers(lines, pattern);
  const task = isSpreadTask(path) ? parseTask(text) : null;
  return { path, lines, markers, groups: groupMarkers(markers), included: false, inScope: false, task, byLine: new Map(markers.map((m) => [m.line, m])) };
}
