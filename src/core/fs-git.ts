/**
 * A git revision as a read-only `FileSystem`: files are read straight from
 * git's objects (`git ls-tree`, `git cat-file --batch`), so `docsnip review`
 * sees the base of a pull request without a checkout or a worktree. Paths are
 * the repository's top level joined with the tracked path, the same absolute
 * paths the working tree has.
 */
import { spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import type { FileSystem, ReadResult } from './fs.js';

/** git failed: the message says why (a bad revision, not a repository). */
export class GitError extends Error {}

const MAX_BUFFER = 1 << 30;

/**
 * Options that keep git from running anything the repository's configuration
 * names: no fsmonitor hook, no pager, and every configured clean, smudge or
 * process filter switched off (a `.gitattributes` in a pull request can
 * name any configured driver). docsnip reads bytes as they are stored.
 * Plumbing commands run no hooks, and diffs are asked for without external
 * diff programs or textconv.
 */
const safeCache = new Map<string, string[]>();
export function safeGitOptions(cwd: string): string[] {
  let options = safeCache.get(cwd);
  if (options) return options;
  options = ['--no-pager', '-c', 'core.fsmonitor=false'];
  const r = spawnSync('git', [...options, 'config', '--name-only', '--get-regexp', String.raw`^filter\..*\.(clean|smudge|process|required)$`], { cwd });
  const drivers = new Set<string>();
  for (const key of r.status === 0 ? r.stdout.toString('utf8').split('\n') : []) {
    const m = /^filter\.(.+)\.[a-z]+$/.exec(key.trim());
    if (m) drivers.add(m[1]!);
  }
  for (const d of drivers) options.push('-c', `filter.${d}.clean=`, '-c', `filter.${d}.smudge=`, '-c', `filter.${d}.process=`, '-c', `filter.${d}.required=false`);
  safeCache.set(cwd, options);
  return options;
}

function git(cwd: string, args: readonly string[], input?: string | Uint8Array): Buffer {
  const r = spawnSync('git', [...safeGitOptions(cwd), ...args], { cwd, input, maxBuffer: MAX_BUFFER });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(r.stderr.toString('utf8').trim() || `git ${args.join(' ')} failed`);
  return r.stdout;
}

/** The repository's top level (absolute, POSIX) for a directory inside it. */
export function gitTopLevel(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim().replace(/\\/g, '/');
}

/** The commit a revision names (full hash). */
export function gitCommit(top: string, rev: string): string {
  return git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).toString('utf8').trim();
}

export interface GitChange {
  /** A added, M modified, D deleted, R renamed (with the old path), T type changed. */
  status: 'A' | 'M' | 'D' | 'R' | 'T';
  /** Absolute path (the new one for a rename). */
  path: string;
  oldPath?: string;
}

/**
 * Files that differ between `base` and `head` (a revision, or the working
 * tree with its untracked, not ignored files when `head` is null), renames
 * detected as `git diff -M` does.
 */
export function gitChanges(top: string, base: string, head: string | null): GitChange[] {
  const args = ['diff', '--name-status', '-M', '-z', '--no-ext-diff', '--no-textconv', base, ...(head ? [head] : []), '--'];
  const fields = git(top, args).toString('utf8').split('\0').filter((f) => f !== '');
  const out: GitChange[] = [];
  const abs = (p: string): string => posix.join(top, p);
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++]!;
    const status = code[0] as GitChange['status'] | 'C' | 'U' | 'X';
    if (status === 'R' || status === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      out.push(status === 'R' ? { status: 'R', path: abs(to), oldPath: abs(from) } : { status: 'A', path: abs(to) });
    } else {
      const path = fields[i++]!;
      out.push({ status: status === 'U' || status === 'X' ? 'M' : status, path: abs(path) });
    }
  }
  if (!head) {
    const untracked = git(top, ['ls-files', '--others', '--exclude-standard', '-z']).toString('utf8').split('\0').filter((f) => f !== '');
    for (const p of untracked) out.push({ status: 'A', path: abs(p) });
  }
  return out;
}

interface Entry {
  mode: string;
  sha: string;
}

export class GitFileSystem implements FileSystem {
  private readonly files = new Map<string, Entry>();
  private readonly dirs = new Map<string, Set<string>>();
  private readonly blobs = new Map<string, Uint8Array>();

  /**
   * @param top the repository's top level (absolute)
   * @param rev the revision to read
   * @param preload a directory whose files are read up front, in one `git cat-file --batch`
   */
  constructor(
    readonly top: string,
    readonly rev: string,
    preload?: string,
  ) {
    const listing = git(top, ['ls-tree', '-r', '-z', '--full-tree', rev]).toString('utf8');
    this.dirs.set(top, new Set());
    for (const record of listing.split('\0')) {
      if (record === '') continue;
      const tab = record.indexOf('\t');
      const [mode, type, sha] = record.slice(0, tab).split(' ') as [string, string, string];
      if (type !== 'blob') continue;
      const path = posix.join(top, record.slice(tab + 1));
      this.files.set(path, { mode, sha });
      let child = path;
      for (let dir = posix.dirname(path); ; dir = posix.dirname(dir)) {
        let set = this.dirs.get(dir);
        if (!set) {
          set = new Set();
          this.dirs.set(dir, set);
        }
        set.add(posix.basename(child));
        if (dir === top || dir === posix.dirname(dir)) break;
        child = dir;
      }
    }
    if (preload) this.preload(preload);
  }

  /** Read every file under `dir` now, in one `git cat-file --batch`. */
  preloadDirectory(dir: string): void {
    this.preload(dir);
  }

  private preload(dir: string): void {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    this.readBlobs([...this.files].filter(([p, e]) => (p.startsWith(prefix) || p === dir) && e.mode !== '120000').map(([, e]) => e.sha));
  }

  /**
   * The tree's symbolic links to files: each link's path and the path it
   * points to (absolute, normalized; another link, or nothing, possibly).
   */
  links(): { path: string; target: string }[] {
    const links = [...this.files].filter(([, e]) => e.mode === '120000');
    this.readBlobs(links.map(([, e]) => e.sha));
    const decoder = new TextDecoder();
    return links.map(([path, e]) => ({ path, target: posix.normalize(posix.join(posix.dirname(path), decoder.decode(this.blobs.get(e.sha)))) }));
  }

  /** Read these blobs now, in one `git cat-file --batch`. */
  private readBlobs(shas: readonly string[]): void {
    const unique = [...new Set(shas)].filter((sha) => !this.blobs.has(sha));
    if (unique.length === 0) return;
    const out = git(this.top, ['cat-file', '--batch'], unique.join('\n') + '\n');
    let at = 0;
    while (at < out.length) {
      const nl = out.indexOf(10, at);
      const header = out.subarray(at, nl).toString('utf8').split(' ');
      const sha = header[0]!;
      const size = Number(header[2]);
      if (header[1] !== 'blob' || !Number.isFinite(size)) break;
      this.blobs.set(sha, new Uint8Array(out.subarray(nl + 1, nl + 1 + size)));
      at = nl + 1 + size + 1;
    }
  }

  /** Drop the file contents read so far (a later read asks git again). */
  forget(): void {
    this.blobs.clear();
  }

  read(path: string): ReadResult {
    const entry = this.files.get(path);
    if (!entry) return this.dirs.has(path) ? { kind: 'directory' } : { kind: 'missing' };
    if (entry.mode === '160000') return { kind: 'directory' };
    let bytes = this.blobs.get(entry.sha);
    if (!bytes) {
      bytes = new Uint8Array(git(this.top, ['cat-file', 'blob', entry.sha]));
      this.blobs.set(entry.sha, bytes);
    }
    if (entry.mode === '120000') {
      // A symbolic link: follow it inside the tree.
      const target = posix.normalize(posix.join(posix.dirname(path), new TextDecoder().decode(bytes)));
      return target === path ? { kind: 'missing' } : this.read(target);
    }
    return { kind: 'file', bytes };
  }

  stat(path: string): 'file' | 'directory' | null {
    if (this.files.has(path)) return 'file';
    return this.dirs.has(path) ? 'directory' : null;
  }

  list(path: string): string[] | null {
    const set = this.dirs.get(path);
    return set ? [...set].sort() : null;
  }

  walk(dir: string, suffixes: readonly string[]): string[] {
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    const out: string[] = [];
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      if (/\/(node_modules|\.git)\//.test(p.slice(prefix.length - 1))) continue;
      if (suffixes.some((s) => p.endsWith(s))) out.push(p);
    }
    return out.sort();
  }
}
