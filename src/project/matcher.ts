/**
 * Sphinx's glob patterns for `exclude_patterns` (`sphinx.util.matching`):
 * `**` crosses directories, `*` and `?` do not, `[...]` is a class, and a
 * pattern must match a whole path relative to the source directory.
 */

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
}

export function sphinxPatternToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i++]!;
    if (c === '*') {
      if (pattern[i] === '*') {
        i++;
        re += '.*';
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j++;
      if (j >= n) {
        re += '\\[';
      } else {
        let stuff = pattern.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (stuff[0] === '!') stuff = '^/' + stuff.slice(1);
        else if (stuff[0] === '^') stuff = '\\' + stuff;
        re += `[${stuff}]`;
      }
    } else {
      re += escapeRegExp(c);
    }
  }
  return new RegExp(`^(?:${re})$`, 's');
}

/**
 * A matcher for a list of patterns, on paths relative to the source dir
 * (POSIX). As in Sphinx, a pattern starting with two stars and a slash also
 * matches without that prefix, and a file is
 * excluded when its own path or the path of one of its directories matches
 * (Sphinx does not descend into excluded directories).
 */
export class Matcher {
  private readonly res: RegExp[];
  constructor(patterns: readonly string[]) {
    const expanded = patterns.filter((p) => p.startsWith('**/')).map((p) => p.slice(3));
    this.res = [...patterns, ...expanded].map(sphinxPatternToRegExp);
  }
  matches(relative: string): boolean {
    return this.res.some((re) => re.test(relative));
  }
  /** Is this file, or one of its directories, excluded? */
  excludes(relative: string): boolean {
    if (this.res.length === 0) return false;
    const parts = relative.split('/');
    for (let k = 1; k <= parts.length; k++) {
      if (this.matches(parts.slice(0, k).join('/'))) return true;
    }
    return false;
  }
}
