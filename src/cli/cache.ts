/**
 * `check --cache`: the report of a run, kept with every question the run
 * asked of the file system and a digest of each answer (see
 * RecordingFileSystem). A later run with the same command line, options and
 * environment asks the questions again; if every answer is the same, the
 * report is too, and it is printed without parsing anything. Any change to a
 * page, an included file, a marker file, conf.py, the configuration, the set
 * of documents or what git ignores makes some answer differ, and the run
 * starts from scratch. Entries live in `node_modules/.cache/docsnip` (or
 * `--cache-location`), one file per distinct command, written atomically;
 * the 16 most recently written are kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import type { FileSystem } from '../core/fs.js';
import { replayAll, type RecordedCall } from '../core/fs-recording.js';

/** Bumped when the entry format changes. */
const FORMAT = 2;
/** Entries kept; the least recently written go first (each `--changed` file list is its own entry). */
export const MAX_ENTRIES = 16;

export interface CachedRun {
  report: string;
  stderr: string;
  exitCode: number;
}

interface Entry extends CachedRun {
  format: number;
  key: string;
  calls: RecordedCall[];
}

/** The default directory: `node_modules/.cache/docsnip` in the nearest folder upward that has node_modules, else in `cwd`. */
export function defaultCacheDir(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'docsnip');
    if (dirname(dir) === dir) return join(resolve(cwd), 'node_modules', '.cache', 'docsnip');
  }
}

/** The key of a run: everything besides the file system that decides its report. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(parts, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)] : v instanceof Map ? [...(v as Map<unknown, unknown>)] : v)))
    .digest('hex');
}

/** The cached run for `key`, if every recorded answer of `fs` is unchanged. */
export function readCache(dir: string, key: string, fs: FileSystem): CachedRun | null {
  let entry: Entry;
  try {
    entry = JSON.parse(readFileSync(join(dir, `${key.slice(0, 32)}.json`), 'utf8')) as Entry;
  } catch {
    return null;
  }
  if (entry.format !== FORMAT || entry.key !== key || !Array.isArray(entry.calls)) return null;
  if (!replayAll(fs, entry.calls)) return null;
  return { report: entry.report, stderr: entry.stderr, exitCode: entry.exitCode };
}

/** Keep a run; a cache that cannot be written is only a lost speed-up, reported once on stderr by the caller. */
export function writeCache(dir: string, key: string, calls: RecordedCall[], run: CachedRun): void {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${key.slice(0, 32)}.json`);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const entry: Entry = { format: FORMAT, key, calls, ...run };
  try {
    writeFileSync(temp, JSON.stringify(entry), { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  prune(dir);
}

/** Remove the oldest entries past MAX_ENTRIES. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => /^[0-9a-f]{32}\.json$/.test(name))
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of entries.slice(MAX_ENTRIES)) rmSync(old.path, { force: true });
}
