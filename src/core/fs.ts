/**
 * The only door to the outside world for docsnip's core. Readers, the
 * resolver, rules and reporters never touch the disk; the engine asks a
 * `FileSystem` instead, so tests run on memory and the CLI on the real disk.
 * All paths are absolute POSIX paths.
 */

export type ReadResult =
  | { kind: 'file'; bytes: Uint8Array }
  | { kind: 'missing' }
  | { kind: 'directory' }
  | { kind: 'error'; message: string };

export interface FileSystem {
  /** Read a whole file. */
  read(path: string): ReadResult;
  /** Is there a file or directory at `path`? */
  stat(path: string): 'file' | 'directory' | null;
  /** Names of the entries of a directory (not recursive), or null. */
  list(path: string): string[] | null;
  /**
   * Files under `dir` (recursively) whose names end with one of `suffixes`,
   * as absolute paths, sorted. With `gitignore`, files ignored by git are left out.
   */
  walk(dir: string, suffixes: readonly string[], options?: { gitignore?: boolean }): string[];
  /** The path with every symbolic link resolved, or null when it does not exist (optional: no links). */
  realpath?(path: string): string | null;
  /**
   * Is the path itself a symbolic link (its directories aside)? null when
   * nothing is there (optional: with it, `realpath` is asked once per
   * directory instead of once per file).
   */
  isSymlink?(path: string): boolean | null;
  /** A file's size in bytes without reading it, or null (optional). */
  size?(path: string): number | null;
  /**
   * `read`, unless the file is larger than `max` bytes: then only its size
   * (optional; one open instead of a `size` and a `read`). With `noFollow`,
   * a path that is itself a symbolic link is not read but answered `link`
   * (also wherever the system cannot open a path without following it). A
   * file system with `isSymlink` must honour `noFollow`: the confinement
   * check relies on it.
   */
  readUpTo?(path: string, max: number, noFollow?: boolean): ReadResult | { kind: 'too-large'; size: number } | { kind: 'link' };
}
