import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SequenceMatcher, unifiedDiff } from '../../src/python/difflib.js';
import type { Opcode } from '../../src/python/difflib.js';

/** One case of test/python/golden/difflib.json (see scripts/golden/difflib_cases.py). */
interface GoldenCase {
  name: string;
  n: number;
  alphabet: string[];
  a: string;
  b: string;
  popular: string[];
  blocks: number[];
  groups: [string, number, number, number, number][][];
  diffLines: number;
  diffSha256: string;
  diff?: string[];
}

interface GoldenFile {
  python: string;
  codeBase: number;
  cases: GoldenCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/difflib.json', import.meta.url), 'utf8'),
) as GoldenFile;

function decodeSeq(encoded: string, alphabet: readonly string[]): string[] {
  return Array.from(encoded, (ch) => {
    const line = alphabet[(ch.codePointAt(0) as number) - golden.codeBase];
    if (line === undefined) throw new Error(`bad golden sequence character ${JSON.stringify(ch)}`);
    return line;
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('golden data', () => {
  it('has enough cases of each kind', () => {
    const cases = golden.cases;
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(cases.filter((c) => c.name.startsWith('random-')).length).toBeGreaterThanOrEqual(300);
    // autojunk triggered, identical inputs, long inputs, every context size
    expect(cases.filter((c) => c.popular.length > 0).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.diffLines === 0).length).toBeGreaterThan(10);
    expect(cases.some((c) => [...c.b].length >= 500)).toBe(true);
    for (const n of [0, 1, 3, 5]) expect(cases.some((c) => c.n === n)).toBe(true);
  });
});

describe.each(golden.cases)('CPython $python difflib: $name', (c) => {
  const a = decodeSeq(c.a, c.alphabet);
  const b = decodeSeq(c.b, c.alphabet);

  it('finds the same popular elements, matching blocks and hunks', () => {
    const sm = new SequenceMatcher(a, b);
    expect([...sm.bpopular].sort()).toEqual([...c.popular].sort());
    expect(sm.getMatchingBlocks().flatMap((m) => [m.a, m.b, m.size])).toEqual(c.blocks);
    expect(sm.getGroupedOpcodes(c.n).map((g) => g.map((op) => [...op]))).toEqual(c.groups);
  });

  it('produces the same unified diff', () => {
    const diff = unifiedDiff(a, b, `old/${c.name}.txt`, `new/${c.name}.txt`, c.n);
    if (c.diff) expect(diff).toEqual(c.diff);
    expect(diff.length).toBe(c.diffLines);
    expect(sha256(diff.join(''))).toBe(c.diffSha256);
  });
});

describe('SequenceMatcher', () => {
  it('breaks ties towards the earliest block in a, then in b', () => {
    const sm = new SequenceMatcher(['x', 'y', 'x', 'y'], ['x', 'y', 'z', 'x', 'y']);
    expect(sm.findLongestMatch()).toEqual({ a: 0, b: 0, size: 2 });
    expect(sm.findLongestMatch(1, 4, 0, 5)).toEqual({ a: 2, b: 0, size: 2 });
  });

  it('extends a match over popular elements it cannot start from', () => {
    // 'p' occurs 250 times in a 300-element b: popular, absent from the index.
    const b = [...Array<string>(250).fill('p'), ...Array.from({ length: 50 }, (_, i) => `u${i}`)];
    const a = ['p', 'p', 'u0', 'p'];
    const sm = new SequenceMatcher(a, b);
    expect([...sm.bpopular]).toEqual(['p']);
    expect(sm.findLongestMatch()).toEqual({ a: 0, b: 248, size: 3 });
  });

  it('does not apply autojunk below 200 elements', () => {
    const b = Array<string>(199).fill('p');
    expect(new SequenceMatcher(['p'], b).bpopular.size).toBe(0);
    expect(new SequenceMatcher(['p'], [...b, 'p']).bpopular.size).toBe(1);
  });

  it('merges adjacent blocks and ends with the sentinel', () => {
    const sm = new SequenceMatcher(['a', 'b', 'c'], ['a', 'b', 'c']);
    expect(sm.getMatchingBlocks()).toEqual([
      { a: 0, b: 0, size: 3 },
      { a: 3, b: 3, size: 0 },
    ]);
    expect(sm.getOpcodes()).toEqual([['equal', 0, 3, 0, 3]] satisfies Opcode[]);
  });

  it('reports replace, delete and insert opcodes', () => {
    const sm = new SequenceMatcher(['q', 'a', 'b', 'x', 'c', 'd'], ['a', 'b', 'y', 'c', 'd', 'f']);
    expect(sm.getOpcodes()).toEqual([
      ['delete', 0, 1, 0, 0],
      ['equal', 1, 3, 0, 2],
      ['replace', 3, 4, 2, 3],
      ['equal', 4, 6, 3, 5],
      ['insert', 6, 6, 5, 6],
    ] satisfies Opcode[]);
  });
});

describe('unifiedDiff', () => {
  it('formats the example from the CPython documentation', () => {
    const a = ['one\n', 'two\n', 'three\n', 'four\n'];
    const b = ['zero\n', 'one\n', 'tree\n', 'four\n'];
    expect(unifiedDiff(a, b, 'Original', 'Current').join('')).toBe(
      '--- Original\n+++ Current\n@@ -1,4 +1,4 @@\n+zero\n one\n-two\n-three\n+tree\n four\n',
    );
  });

  it('keeps a missing final newline as it is', () => {
    expect(unifiedDiff(['a\n', 'b'], ['a\n', 'c'], 'x', 'y')).toEqual([
      '--- x\n',
      '+++ y\n',
      '@@ -1,2 +1,2 @@\n',
      ' a\n',
      '-b',
      '+c',
    ]);
  });

  it('uses line-before ranges for empty sides', () => {
    expect(unifiedDiff([], ['new\n'], 'x', 'y')).toEqual(['--- x\n', '+++ y\n', '@@ -0,0 +1 @@\n', '+new\n']);
    expect(unifiedDiff(['old\n'], [], 'x', 'y')).toEqual(['--- x\n', '+++ y\n', '@@ -1 +0,0 @@\n', '-old\n']);
  });

  it('is empty for identical or empty inputs', () => {
    expect(unifiedDiff([], [], 'x', 'y')).toEqual([]);
    expect(unifiedDiff(['a\n', 'b'], ['a\n', 'b'], 'x', 'y')).toEqual([]);
  });
});
