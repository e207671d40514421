// The MyST directive scanner against MyST-Parser, on the fixtures/myst-corpus corpus.
//
// fixtures/myst-corpus/expected.json holds, for every corpus file, the
// directives MyST-Parser 0.18 runs ([name, line] in document order: nested
// ones, those inside `{eval-rst}` blocks and in referenced footnotes included;
// line = the 1-based line of the opening fence, or of the `..` marker inside
// `{eval-rst}`), and under "rejected" the blocks it refuses (they never run);
// written by scripts/update-myst-corpus-golden.mjs and re-proven against
// MyST-Parser by test/oracle/myst.test.ts. This test needs Node only.
//
// MyST-Parser 0.18 reads option blocks as YAML, so the scanner runs in its
// 0.18 (`legacy`) mode here. It gets each file's text as docsnip's reader
// decodes it (UTF-8, one leading byte order mark dropped); CRLF or CR line
// endings, tabs and Unicode line separators are left in.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanMyst } from '../src/readers/myst/scanner.js';

type Found = [name: string, line: number];
interface Golden {
  myst_parser: string;
  docutils: string;
  files: Record<string, Found[]>;
  rejected: Record<string, [name: string, line: number, message: string][]>;
  myst_lineno: Record<string, [name: string, line: number, mystLineno: number][]>;
}

const corpusDir = fileURLToPath(new URL('../fixtures/myst-corpus/', import.meta.url));
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.md'))
  .sort();
const golden = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as Golden;

/**
 * What the test needs from a scanned directive: its lower-cased name, the
 * 1-based line of its opening fence (`..` marker inside `{eval-rst}`), and
 * `error`: non-null for a block MyST-Parser refuses (so it never runs).
 */
interface Scanned {
  readonly name: string;
  readonly range: { readonly start: { readonly line: number } };
  readonly error?: string | null;
  /** A value YAML reads as a list or mapping: MyST-Parser refuses the block when it checks the options. */
  readonly options: readonly { readonly notString?: string }[];
}

function scan(file: string): { found: Found[]; rejected: Found[] } {
  const raw = readFileSync(join(corpusDir, file), 'utf8');
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const directives: readonly Scanned[] = scanMyst(text, { legacy: true }).directives;
  const failed = (d: Scanned) => (d.error !== undefined && d.error !== null) || d.options.some((o) => o.notString !== undefined);
  return {
    found: directives.filter((d) => !failed(d)).map((d): Found => [d.name, d.range.start.line]),
    rejected: directives.filter(failed).map((d): Found => [d.name, d.range.start.line]),
  };
}

const key = ([name, line]: Found): string => `${name}@${line}`;

/** Multiset difference a - b, as "name@line" strings. */
function minus(a: readonly Found[], b: readonly Found[]): string[] {
  const left = new Map<string, number>();
  for (const d of b) left.set(key(d), (left.get(key(d)) ?? 0) + 1);
  const out: string[] = [];
  for (const d of a) {
    const n = left.get(key(d)) ?? 0;
    if (n > 0) left.set(key(d), n - 1);
    else out.push(key(d));
  }
  return out;
}

function describeMismatch(file: string, expected: readonly Found[], actual: readonly Found[]): string {
  const missing = minus(expected, actual);
  const extra = minus(actual, expected);
  const lines = [`${file}: scanner disagrees with MyST-Parser ${golden.myst_parser}`];
  if (missing.length) lines.push(`  missing (MyST-Parser runs it, scanner did not find it or rejected it): ${missing.join(', ')}`);
  if (extra.length) lines.push(`  extra (scanner found, MyST-Parser does not run it): ${extra.join(', ')}`);
  if (!missing.length && !extra.length) {
    lines.push('  same directives, different order');
    lines.push(`  MyST-Parser: ${expected.map(key).join(', ')}`);
    lines.push(`  scanner:     ${actual.map(key).join(', ')}`);
  }
  return lines.join('\n');
}

describe('myst corpus', () => {
  it('has at least 60 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    expect(corpus.filter((f) => /^gen-\d+\.md$/.test(f)).length).toBeGreaterThanOrEqual(35);
  });

  it('has a golden entry for exactly the corpus files', () => {
    expect(Object.keys(golden.files).sort()).toEqual(corpus);
    for (const section of [golden.rejected, golden.myst_lineno]) {
      expect(Object.keys(section).filter((f) => !corpus.includes(f))).toEqual([]);
    }
  });

  it('golden records directives in document order', () => {
    const unordered = Object.entries(golden.files)
      .filter(([, found]) => found.some(([, line], i) => i > 0 && line < (found[i - 1]?.[1] ?? 0)))
      .map(([file]) => file);
    expect(unordered).toEqual([]);
  });

  it('has rejected blocks only in rejected-*.md files', () => {
    expect(Object.keys(golden.rejected).filter((f) => !f.startsWith('rejected-'))).toEqual([]);
  });
});

describe('scanMyst finds the directives MyST-Parser runs', () => {
  it.each(corpus)('%s', (file) => {
    const expected = golden.files[file];
    if (expected === undefined) throw new Error(`${file} has no entry in expected.json`);
    const { found, rejected } = scan(file);
    expect(found, describeMismatch(file, expected, found)).toEqual(expected);
    // A block the scanner reports as failing must be one MyST-Parser refuses.
    const refused = (golden.rejected[file] ?? []).map(([name, line]): Found => [name, line]);
    expect(minus(rejected, refused), `${file}: scanner rejects blocks MyST-Parser does not`).toEqual([]);
  });
});
