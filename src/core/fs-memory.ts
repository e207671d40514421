/**
 * A file system held in memory, for tests and for library users who check
 * documents that are not on disk. Paths are absolute POSIX paths.
 */
import { posix } from 'node:path';
import type { FileSystem, ReadResult } from './fs.js';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Readonly<Record<string, string | Uint8Array>> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    const p = posix.normalize(path);
    this.files.set(p, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  /** Delete a file (nothing happens when there is none). */
  remove(path: string): void {
    this.files.delete(posix.normalize(path));
  }

  read(path: string): ReadResult {
    const p = posix.normalize(path);
    const bytes = this.files.get(p);
    if (bytes) return { kind: 'file', bytes };
    return this.isDirectory(p) ? { kind: 'directory' } : { kind: 'missing' };
  }

  stat(path: string): 'file' | 'directory' | null {
    const p = posix.normalize(path);
    if (this.files.has(p)) return 'file';
    return this.isDirectory(p) ? 'directory' : null;
  }

  list(path: string): string[] | null {
    const dir = posix.normalize(path).replace(/\/$/, '');
    if (!this.isDirectory(dir)) return null;
    const names = new Set<string>();
    for (const f of this.files.keys()) {
      if (f.startsWith(dir + '/')) names.add(f.slice(dir.length + 1).split('/')[0]!);
    }
    return [...names].sort();
  }

  walk(dir: string, suffixes: readonly string[]): string[] {
    const d = posix.normalize(dir).replace(/\/$/, '');
    return [...this.files.keys()]
      .filter((f) => (d === '' || f.startsWith(d + '/')) && suffixes.some((s) => f.endsWith(s)))
      .filter((f) => !f.slice(d.length + 1).split('/').some((part) => part.startsWith('.')))
      .sort();
  }

  private isDirectory(path: string): boolean {
    const prefix = path === '/' ? '/' : path + '/';
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    return false;
  }
}
