/**
 * The real file system, for the CLI. The only module besides `cli/` that
 * touches the disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { globbySync } from 'globby';
import type { FileSystem, ReadResult } from './fs.js';

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

export class NodeFileSystem implements FileSystem {
  read(path: string): ReadResult {
    try {
      return { kind: 'file', bytes: readFileSync(path) };
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
      if (code === 'EISDIR') return { kind: 'directory' };
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
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
    const patterns = suffixes.map((s) => `**/*${s}`);
    return globbySync(patterns, {
      cwd: dir,
      absolute: true,
      gitignore: options.gitignore ?? true,
      ignore: ['**/node_modules/**'],
      followSymbolicLinks: false,
      suppressErrors: true,
    })
      .map((p) => p.replace(/\\/g, '/'))
      .sort();
  }

  /** Expand shell-style globs relative to `cwd` (for command-line arguments). */
  glob(patterns: readonly string[], cwd: string): string[] {
    return globbySync([...patterns], { cwd, absolute: true, gitignore: true, suppressErrors: true })
      .map((p) => p.replace(/\\/g, '/'))
      .sort();
  }
}
