/**
 * A FileSystem that notes every question asked of it and a digest of each
 * answer. docsnip's core is a pure function of what its FileSystem answers,
 * so asking the same questions again and getting the same digests proves
 * that a run would produce the same report: that is how `check --cache`
 * knows a cached report is still true, whatever file changed, was added,
 * removed, renamed or ignored.
 */
import { createRequire } from 'node:module';
import type { FileSystem, ReadResult } from './fs.js';

/** One call: the method, its arguments, and a digest of the answer. */
export interface RecordedCall {
  method: 'read' | 'stat' | 'list' | 'walk' | 'realpath' | 'size' | 'readUpTo' | 'isSymlink';
  args: unknown[];
  digest: string;
}

/** node:crypto's `createHash`, loaded when a run first records (with --cache). */
let createHash: typeof import('node:crypto').createHash | undefined;

function sha1(data: string | Uint8Array): string {
  createHash ??= (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).createHash;
  return createHash('sha1').update(data).digest('hex');
}

function digestRead(r: ReadResult): string {
  switch (r.kind) {
    case 'file':
      return `file:${sha1(r.bytes)}`;
    case 'error':
      return `error:${r.message}`;
    default:
      return r.kind;
  }
}

type UpTo = ReturnType<NonNullable<FileSystem['readUpTo']>>;

function digestUpTo(r: UpTo | null): string {
  if (r === null) return 'null';
  if (r.kind === 'too-large') return `too-large:${r.size}`;
  return r.kind === 'link' ? 'link' : digestRead(r);
}

/** Ask `fs` one recorded question again; the digest of today's answer. */
export function replayCall(fs: FileSystem, call: RecordedCall): string {
  const a = call.args;
  switch (call.method) {
    case 'read':
      return digestRead(fs.read(a[0] as string));
    case 'stat':
      return JSON.stringify(fs.stat(a[0] as string));
    case 'list':
      return sha1(JSON.stringify(fs.list(a[0] as string)));
    case 'walk':
      return sha1(JSON.stringify(fs.walk(a[0] as string, a[1] as string[], a[2] as { gitignore?: boolean } | undefined)));
    case 'realpath':
      return JSON.stringify(fs.realpath ? fs.realpath(a[0] as string) : null);
    case 'size':
      return JSON.stringify(fs.size ? fs.size(a[0] as string) : null);
    case 'readUpTo':
      return digestUpTo(fs.readUpTo ? fs.readUpTo(a[0] as string, a[1] as number, a[2] as boolean) : null);
    case 'isSymlink':
      return JSON.stringify(fs.isSymlink ? fs.isSymlink(a[0] as string) : null);
  }
}

/** Are all recorded answers still the same? Stops at the first difference. */
export function replayAll(fs: FileSystem, calls: readonly RecordedCall[]): boolean {
  return calls.every((c) => replayCall(fs, c) === c.digest);
}

export class RecordingFileSystem implements FileSystem {
  /** Each distinct question once, in the order first asked. */
  private readonly seen = new Map<string, RecordedCall>();

  constructor(readonly inner: FileSystem) {
    if (!inner.realpath) this.realpath = undefined;
    if (!inner.size) this.size = undefined;
    if (!inner.readUpTo) this.readUpTo = undefined;
    if (!inner.isSymlink) this.isSymlink = undefined;
  }

  get calls(): RecordedCall[] {
    return [...this.seen.values()];
  }

  /** Take the questions another recorder saw (a worker thread's), those not asked here yet. */
  merge(calls: readonly RecordedCall[]): void {
    for (const c of calls) {
      const key = JSON.stringify([c.method, c.args]);
      if (!this.seen.has(key)) this.seen.set(key, c);
    }
  }

  private note(method: RecordedCall['method'], args: unknown[], digest: string): void {
    const key = JSON.stringify([method, args]);
    if (!this.seen.has(key)) this.seen.set(key, { method, args, digest });
  }

  read(path: string): ReadResult {
    const r = this.inner.read(path);
    this.note('read', [path], digestRead(r));
    return r;
  }

  stat(path: string): 'file' | 'directory' | null {
    const r = this.inner.stat(path);
    this.note('stat', [path], JSON.stringify(r));
    return r;
  }

  list(path: string): string[] | null {
    const r = this.inner.list(path);
    this.note('list', [path], sha1(JSON.stringify(r)));
    return r;
  }

  walk(dir: string, suffixes: readonly string[], options?: { gitignore?: boolean }): string[] {
    const r = this.inner.walk(dir, suffixes, options);
    this.note('walk', options === undefined ? [dir, [...suffixes]] : [dir, [...suffixes], options], sha1(JSON.stringify(r)));
    return r;
  }

  realpath?: (path: string) => string | null = (path) => {
    const r = this.inner.realpath!(path);
    this.note('realpath', [path], JSON.stringify(r));
    return r;
  };

  size?: (path: string) => number | null = (path) => {
    const r = this.inner.size!(path);
    this.note('size', [path], JSON.stringify(r));
    return r;
  };

  readUpTo?: (path: string, max: number, noFollow?: boolean) => UpTo = (path, max, noFollow = false) => {
    const r = this.inner.readUpTo!(path, max, noFollow);
    this.note('readUpTo', [path, max, noFollow], digestUpTo(r));
    return r;
  };

  isSymlink?: (path: string) => boolean | null = (path) => {
    const r = this.inner.isSymlink!(path);
    this.note('isSymlink', [path], JSON.stringify(r));
    return r;
  };
}
