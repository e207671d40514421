/**
 * The real file system, for the CLI. The only module besides `cli/` (and
 * the git reader) that touches the disk.
 *
 * Walking a directory skips hidden entries and `node_modules`. Inside a git
 * work tree, what git ignores is left out: the listing comes from
 * `git ls-files` (tracked and untracked files, without the ignored ones),
 * which is also faster than reading the directories. Elsewhere (or without
 * git) the directories are read.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { posix } from 'node:path';
import type { FileSystem, ReadResult } from './fs.js';

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

function readError(e: unknown): ReadResult {
  const code = errorCode(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'EISDIR') return { kind: 'directory' };
  return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
}

/** The bytes of an open regular file of `size` bytes (as `fstat` said; fewer if it shrank since), without asking its size again. */
function readAll(fd: number, size: number): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, bytes, n, size - n, null);
    if (got === 0) break;
    n += got;
  }
  return n === size ? bytes : bytes.subarray(0, n);
}

/** Is a path below `dir` hidden or inside node_modules? */
function skipped(relative: string): boolean {
  return relative.split('/').some((part) => part.startsWith('.') || part === 'node_modules');
}

export class NodeFileSystem implements FileSystem {
  /** Work tree top level by directory (null: not in a work tree). */
  private readonly tops = new Map<string, string | null>();

  read(path: string): ReadResult {
    try {
      return { kind: 'file', bytes: readFileSync(path) };
    } catch (e) {
      return readError(e);
    }
  }

  readUpTo(path: string, max: number, noFollow = false): ReadResult | { kind: 'too-large'; size: number } | { kind: 'link' } {
    // O_NOFOLLOW: opening a link fails (ELOOP) instead of following it. Where there is no such flag, every path may be one.
    if (noFollow && constants.O_NOFOLLOW === undefined) return { kind: 'link' };
    let fd: number;
    try {
      fd = openSync(path, noFollow ? constants.O_RDONLY | constants.O_NOFOLLOW : 'r');
    } catch (e) {
      return noFollow && errorCode(e) === 'ELOOP' ? { kind: 'link' } : readError(e);
    }
    try {
      const s = fstatSync(fd);
      if (s.isDirectory()) return { kind: 'directory' };
      if (s.isFile() && s.size > max) return { kind: 'too-large', size: s.size };
      return { kind: 'file', bytes: s.isFile() && s.size > 0 ? readAll(fd, s.size) : readFileSync(fd) };
    } catch (e) {
      return readError(e);
    } finally {
      closeSync(fd);
    }
  }

  stat(path: string): 'file' | 'directory' | null {
    try {
      const s = statSync(path);
      return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : null;
    } catch {
      return null;
    }
  }

  list(path: string): string[] | null {
    try {
      return readdirSync(path).sort();
    } catch {
      return null;
    }
  }

  walk(dir: string, suffixes: readonly string[], options: { gitignore?: boolean } = {}): string[] {
    const root = dir.replace(/\/+$/, '') || '/';
    const wanted = (p: string): boolean => suffixes.some((s) => p.endsWith(s));
    if (options.gitignore ?? true) {
      const listed = this.gitListing(root);
      if (listed) return listed.filter((p) => wanted(p) && !skipped(p.slice(root.length + 1))).sort();
    }
    const out: string[] = [];
    const visit = (d: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const p = d === '/' ? `/${e.name}` : `${d}/${e.name}`;
        if (e.isDirectory()) visit(p);
        else if (wanted(p) && (e.isFile() || (e.isSymbolicLink() && this.stat(p) === 'file'))) out.push(p);
      }
    };
    visit(root);
    return out.sort();
  }

  size(path: string): number | null {
    try {
      const s = statSync(path, { throwIfNoEntry: false });
      return s?.isFile() ? s.size : null;
    } catch {
      return null;
    }
  }

  realpath(path: string): string | null {
    try {
      // The system's realpath(3): one call, not a JavaScript walk with an lstat per component.
      return realpathSync.native(path).replace(/\\/g, '/');
    } catch {
      return null;
    }
  }

  isSymlink(path: string): boolean | null {
    try {
      const s = lstatSync(path, { throwIfNoEntry: false });
      return s ? s.isSymbolicLink() : null;
    } catch {
      return null;
    }
  }

  /** The directory a `.git` sits in, upward from `dir`, or null. */
  workTree(dir: string): string | null {
    if (this.tops.has(dir)) return this.tops.get(dir)!;
    let top: string | null;
    try {
      statSync(posix.join(dir, '.git'));
      top = dir;
    } catch {
      const parent = posix.dirname(dir);
      top = parent === dir ? null : this.workTree(parent);
    }
    this.tops.set(dir, top);
    return top;
  }

  /**
   * Files under `dir` that git does not ignore (tracked and still present,
   * or untracked), absolute; null outside a work tree or when git fails.
   */
  private gitListing(dir: string): string[] | null {
    const top = this.workTree(dir);
    if (top === null) return null;
    const rel = posix.relative(top, dir);
    // No fsmonitor hook: nothing the repository's configuration names is run.
    const r = spawnSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '-t', '-c', '-d', '-o', '--exclude-standard', '--', rel === '' ? '.' : rel], {
      cwd: top,
      maxBuffer: 1 << 30,
    });
    if (r.error || r.status !== 0) return null;
    const present = new Set<string>();
    const deleted = new Set<string>();
    for (const record of r.stdout.toString('utf8').split('\0')) {
      if (record.length < 3) continue;
      const path = posix.join(top, record.slice(2));
      if (record[0] === 'R') deleted.add(path);
      else present.add(path);
    }
    return [...present].filter((p) => !deleted.has(p));
  }
}

/** Expand shell-style globs relative to `cwd` (command-line arguments); loads globby only when asked. */
export async function expandGlobs(patterns: readonly string[], cwd: string): Promise<string[]> {
  const { globby } = await import('globby');
  return (await globby([...patterns], { cwd, absolute: true, gitignore: true, suppressErrors: true })).map((p) => p.replace(/\\/g, '/')).sort();
}
