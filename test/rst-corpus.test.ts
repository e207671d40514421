// The directive scanner against docutils, on the fixtures/rst-corpus corpus.
//
// fixtures/rst-corpus/expected.json holds, for every corpus file, the
// directives docutils' own rST parser finds ([name, line] in document order,
// nested ones and those in substitution definitions included), written by
// scripts/update-rst-corpus-golden.mjs and re-proven against docutils by
// test/oracle/docutils.test.ts. This test needs Node only.
//
// The scanner gets each file's text decoded the way docutils decodes it here
// (utf-8-sig: UTF-8 with one leading byte order mark dropped, as docsnip's
// reader does before scanning); CRLF or CR line endings, tabs, form feeds,
// vertical tabs and Unicode line separators are left in, as docutils gets them
// (it splits lines with Python's str.splitlines).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanRst } from '../src/readers/rst/scanner.js';

type Found = [name: string, line: number];
interface Golden {
  docutils: string;
  files: Record<string, Found[]>;
}

const corpusDir = fileURLToPath(new URL('../fixtures/rst-corpus/', import.meta.url));
const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.rst'))
  .sort();
const golden = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as Golden;

/**
 * What the test needs from a scanned directive: its lower-cased name and the
 * 1-based line of its `..` marker, as `line` or as `range.start.line`; and, if
 * the scanner reports it, `error` (docutils' "Error in directive" detail for a
 * block that does not parse, so the directive would not run).
 */
interface WithLine {
  readonly name: string;
  readonly line: number;
  readonly error?: string | null;
}
interface WithRange {
  readonly name: string;
  readonly range: { readonly start: { readonly line: number } };
  readonly error?: string | null;
}
type Scanned = WithLine | WithRange;
const lineOf = (d: Scanned): number => ('line' in d ? d.line : d.range.start.line);

function scan(file: string): { found: Found[]; rejected: string[] } {
  const raw = readFileSync(join(corpusDir, file), 'utf8');
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const directives: readonly Scanned[] = scanRst(text).directives;
  return {
    found: directives.map((d): Found => [d.name, lineOf(d)]),
    // docutils runs every directive of the corpus (the golden script refuses
    // a corpus with a rejected block), so any error reported here is wrong
    rejected: directives
      .filter((d) => d.error !== undefined && d.error !== null)
      .map((d) => `${d.name}@${lineOf(d)} (${String(d.error)})`),
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
  const lines = [`${file}: scanner disagrees with docutils ${golden.docutils}`];
  if (missing.length) lines.push(`  missing (docutils found, scanner did not): ${missing.join(', ')}`);
  if (extra.length) lines.push(`  extra (scanner found, docutils did not): ${extra.join(', ')}`);
  if (!missing.length && !extra.length) {
    lines.push('  same directives, different order');
    lines.push(`  docutils: ${expected.map(key).join(', ')}`);
    lines.push(`  scanner:  ${actual.map(key).join(', ')}`);
  }
  return lines.join('\n');
}

describe('rst corpus', () => {
  it('has at least 200 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it('has a golden entry for exactly the corpus files', () => {
    expect(Object.keys(golden.files).sort()).toEqual(corpus);
  });

  it('golden records directives in document order', () => {
    const unordered = Object.entries(golden.files)
      .filter(([, found]) => found.some(([, line], i) => i > 0 && line < (found[i - 1]?.[1] ?? 0)))
      .map(([file]) => file);
    expect(unordered).toEqual([]);
  });
});

describe('scanRst finds the directives docutils finds', () => {
  it.each(corpus)('%s', (file) => {
    const expected = golden.files[file];
    if (expected === undefined) throw new Error(`${file} has no entry in expected.json`);
    const { found, rejected } = scan(file);
    expect(found, describeMismatch(file, expected, found)).toEqual(expected);
    expect(rejected, `${file}: scanner rejects blocks docutils runs`).toEqual([]);
  });
});
