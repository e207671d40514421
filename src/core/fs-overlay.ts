/**
 * A file system that shows some files with other contents than the base one
 * has: a document being edited, or a file that is not on disk at all.
 */
import { posix } from 'node:path';
import type { FileSystem, ReadResult } from './fs.js';

export class OverlayFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();

  constructor(
    private readonly base: FileSystem,
    files: Readonly<Record<string, string | Uint8Array>> = {},
  ) {
    for (const [path, content] of Object.entries(files)) {
      this.files.set(posix.normalize(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
    }
  }

  read(path: string): ReadResult {
    const bytes = this.files.get(posix.normalize(path));
    return bytes ? { kind: 'file', bytes } : this.base.read(path);
  }

  stat(path: string): 'file' | 'directory' | null {
    return this.files.has(posix.normalize(path)) ? 'file' : this.base.stat(path);
  }

  list(path: string): string[] | null {
    const dir = posix.normalize(path);
    const names = new Set(this.base.list(path) ?? []);
    for (const f of this.files.keys()) if (posix.dirname(f) === dir) names.add(posix.basename(f));
    return names.size > 0 || this.base.stat(path) === 'directory' ? [...names].sort() : null;
  }

  walk(dir: string, suffixes: readonly string[], options?: { gitignore?: boolean }): string[] {
    const all = new Set(this.base.walk(dir, suffixes, options));
    const d = posix.normalize(dir);
    for (const f of this.files.keys()) {
      if (f.startsWith(d + '/') && suffixes.some((s) => f.endsWith(s))) all.add(f);
    }
    return [...all].sort();
  }
}
