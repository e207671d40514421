/** Finding the Sphinx source directory of a path. */
import { posix } from 'node:path';
import type { FileSystem } from '../core/fs.js';

/** The nearest directory upward from `start` that holds a `conf.py`, or null. */
export function findSphinxRoot(fs: FileSystem, start: string): string | null {
  let dir = start;
  for (;;) {
    if (fs.stat(posix.join(dir, 'conf.py')) === 'file') return dir;
    const parent = posix.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
