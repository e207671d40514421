/**
 * The marker files of a run: every file a checked page includes, plus every
 * file under the checked directories that holds marker lines, each read once,
 * with its markers and, for spread tasks, its sections.
 */
import type { ReadCache } from '../project/page.js';
import { decodeText } from '../project/page.js';
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

export function buildMarkerIndex(
  cache: ReadCache,
  included: Iterable<string>,
  scoped: Iterable<string>,
  pattern: RegExp,
): Map<string, MarkerFile> {
  const index = new Map<string, MarkerFile>();
  const add = (path: string, isIncluded: boolean, inScope: boolean): void => {
    const known = index.get(path);
    if (known) {
      known.included ||= isIncluded;
      known.inScope ||= inScope;
      return;
    }
    const read = cache.read(path);
    if (read.kind !== 'file' || read.bytes.length > MAX_MARKER_FILE || looksBinary(read.bytes)) return;
    const decoded = decodeText(read.bytes, 'utf-8-sig');
    if (!('text' in decoded)) return;
    const text = universalNewlines(decoded.text);
    const lines = splitLines(text, false);
    const markers = findMarkers(lines, pattern);
    const task = isSpreadTask(path) ? parseTask(text) : null;
    if (markers.length === 0 && !isIncluded) return;
    index.set(path, { path, lines, markers, groups: groupMarkers(markers), included: isIncluded, inScope, task, byLine: new Map(markers.map((m) => [m.line, m])) });
  };
  for (const p of included) add(p, true, false);
  for (const p of scoped) add(p, false, true);
  return index;
}
