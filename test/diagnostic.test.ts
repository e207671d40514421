// Sorting a run's findings and dropping the duplicates a fragment gets from
// each page that includes it.

import { describe, expect, it } from 'vitest';
import { compareDiagnostics, sortedUnique, type Diagnostic, type RelatedLocation } from '../src/core/diagnostic.js';

function diag(over: Partial<Diagnostic>): Diagnostic {
  return {
    file: 'a.rst',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 5,
    severity: 'error',
    ruleId: 'rule-a',
    message: 'm',
    related: [],
    ...over,
  };
}

const rel = (line: number, message = 'r'): RelatedLocation => ({ file: 'x.yaml', line, column: 1, message });

/** The plain definition: the first of each exactly equal group, with every related location once, then a stable sort. */
function reference(list: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of list) {
    const key = JSON.stringify([d.file, d.line, d.column, d.endLine, d.endColumn, d.ruleId, d.severity, d.message]);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...d, related: [...d.related] });
    else for (const r of d.related) if (!seen.related.some((s) => JSON.stringify(s) === JSON.stringify(r))) seen.related.push(r);
  }
  return [...byKey.values()].sort(compareDiagnostics);
}

describe('sortedUnique', () => {
  it('keeps the first of equal findings, with the related locations of the others added once', () => {
    const first = diag({ related: [rel(3)] });
    const list = [diag({ file: 'b.rst' }), first, diag({ related: [rel(3), rel(7)] }), diag({ related: [rel(7), rel(9)] })];
    const out = sortedUnique(list);
    expect(out.map((d) => d.file)).toEqual(['a.rst', 'b.rst']);
    expect(out[0]!.related.map((r) => r.line)).toEqual([3, 7, 9]);
    // The list's own findings are not changed.
    expect(first.related.map((r) => r.line)).toEqual([3]);
    expect(list[2]!.related).toHaveLength(2);
  });

  it('tells apart findings that differ only where the order does not look (end, severity)', () => {
    const list = [diag({ endColumn: 9 }), diag({ severity: 'warning' }), diag({}), diag({ endColumn: 9, related: [rel(2)] })];
    const out = sortedUnique(list);
    // Ties keep the order in which they first came.
    expect(out.map((d) => [d.endColumn, d.severity])).toEqual([
      [9, 'error'],
      [5, 'warning'],
      [5, 'error'],
    ]);
    expect(out[0]!.related).toEqual([rel(2)]);
  });

  it('gives what the plain definition gives, on lists full of near and exact duplicates', () => {
    let seed = 20261124;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const list = Array.from({ length: rand(40) }, () =>
        diag({
          file: ['a.rst', 'b.rst', 'a.rst\u0000'][rand(3)],
          line: rand(3),
          column: rand(2),
          endLine: rand(2),
          endColumn: rand(2),
          severity: rand(2) ? 'error' : 'warning',
          ruleId: ['rule-a', 'rule-b'][rand(2)],
          message: ['m', 'n', 'm\u0000'][rand(3)],
          related: Array.from({ length: rand(3) }, () => rel(rand(3), ['r', 's'][rand(2)])),
        }),
      );
      expect(sortedUnique(list)).toEqual(reference(list));
    }
  });
});
