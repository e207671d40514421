/**
 * The little of a Sphinx `conf.py` docsnip needs, read without running it:
 * `exclude_patterns`, when it is a plain list literal of strings, and
 * `source_encoding` when it is a plain string. Anything computed is left
 * alone and reported back, so the caller can tell the user.
 */

export interface SphinxConf {
  excludePatterns: string[];
  /** Set when `exclude_patterns` is assigned something docsnip cannot read. */
  excludePatternsUnreadable: { line: number; column: number } | null;
  sourceEncoding: string | null;
  /** Does the configuration load MyST (`myst_parser` or `myst_nb`)? */
  usesMyst: boolean;
}

/** Read a Python string literal at `s[i]` (prefixes r/u/b, single or triple quotes). */
function readString(s: string, i: number): { value: string; end: number } | null {
  let j = i;
  let raw = false;
  while (j < s.length && /[rRuUbBfF]/.test(s[j]!)) {
    if (/[rR]/.test(s[j]!)) raw = true;
    if (/[bBfF]/.test(s[j]!)) return null;
    j++;
  }
  const q = s[j];
  if (q !== "'" && q !== '"') return null;
  const triple = s.startsWith(q.repeat(3), j);
  const close = triple ? q.repeat(3) : q;
  j += close.length;
  let value = '';
  while (j < s.length) {
    if (s.startsWith(close, j)) return { value, end: j + close.length };
    const c = s[j]!;
    if (!triple && c === '\n') return null;
    if (c === '\\' && !raw) {
      const n = s[j + 1] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', '\n': '' };
      if (n in simple) {
        value += simple[n];
        j += 2;
        continue;
      }
      value += c + n;
      j += 2;
      continue;
    }
    if (c === '\\' && raw) {
      value += c + (s[j + 1] ?? '');
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  return null;
}

/** Skip spaces, newlines inside brackets, and comments. */
function skip(s: string, i: number): number {
  for (;;) {
    while (i < s.length && /[ \t\r\n\\]/.test(s[i]!)) i++;
    if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    return i;
  }
}

function lineColumn(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset; k++) {
    if (s[k] === '\n') {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

/** Parse a list or tuple literal of strings starting at `s[i]`. */
function readStringList(s: string, i: number): string[] | null {
  const open = s[i];
  const close = open === '[' ? ']' : open === '(' ? ')' : null;
  if (!close) return null;
  const out: string[] = [];
  i = skip(s, i + 1);
  while (i < s.length && s[i] !== close) {
    const str = readString(s, i);
    if (!str) return null;
    let value = str.value;
    i = skip(s, str.end);
    // Implicit concatenation of adjacent literals.
    for (let more = readString(s, i); more; more = readString(s, i)) {
      value += more.value;
      i = skip(s, more.end);
    }
    out.push(value);
    if (s[i] === ',') i = skip(s, i + 1);
    else if (s[i] !== close) return null;
  }
  return s[i] === close ? out : null;
}

export function parseSphinxConf(source: string): SphinxConf {
  const text = source.replace(/\r\n?/g, '\n');
  const conf: SphinxConf = {
    excludePatterns: [],
    excludePatternsUnreadable: null,
    sourceEncoding: null,
    usesMyst: /['"](myst_parser|myst_nb)['"]/.test(text),
  };
  const assignment = /^(exclude_patterns|source_encoding)[ \t]*(\+?=)[ \t]*/gm;
  for (let m = assignment.exec(text); m; m = assignment.exec(text)) {
    const valueAt = m.index + m[0].length;
    if (m[1] === 'exclude_patterns') {
      const list = m[2] === '=' ? readStringList(text, valueAt) : null;
      if (list) conf.excludePatterns = list;
      else conf.excludePatternsUnreadable = lineColumn(text, m.index);
    } else if (m[2] === '=') {
      const str = readString(text, valueAt);
      if (str) conf.sourceEncoding = str.value;
    }
  }
  return conf;
}
