/**
 * The reviewdog reporter: every line is one JSON object with exactly the
 * field names of reviewdog's `Diagnostic` message (proto/rdf/reviewdog.proto:
 * message, location{path, range{start, end}}, severity, source{name, url},
 * code{value, url}, related_locations[{message, location}]), and positions
 * read back as docsnip's (columns converted to UTF-8 bytes when the source
 * is known).
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { formatRdjsonl, utf8Column, utf8Length } from '../../src/reporters/rdjsonl.js';
import { ruleHelpUri } from '../../src/rules/rule.js';

interface Position {
  line: number;
  column: number;
}
interface Location {
  path: string;
  range: { start: Position; end?: Position };
}
interface RdDiagnostic {
  message: string;
  location: Location;
  severity: string;
  source: { name: string; url: string };
  code: { value: string; url: string };
  related_locations?: { message: string; location: Location }[];
}

function diag(partial: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line'>): Diagnostic {
  return {
    column: 1,
    endLine: partial.line,
    endColumn: 2,
    severity: 'error',
    ruleId: 'include-file-missing',
    message: 'File not found',
    related: [],
    ...partial,
  };
}

function parseLines(text: string): RdDiagnostic[] {
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  for (const l of lines) expect(l.trim(), 'no blank lines').not.toBe('');
  return lines.map((l) => JSON.parse(l) as RdDiagnostic);
}

const DIAGNOSTICS: Diagnostic[] = [
  diag({
    file: 'docs/index.rst',
    line: 4,
    column: 21,
    endColumn: 38,
    message: "File not found: '../src/missing.py'\nsecond line \"quoted\" \u2028 sep",
    related: [
      { file: 'docs/_fragments/setup.rst', line: 3, column: 5, message: 'included here' },
      { file: 'docs/ünï cödé.rst', line: 1, column: 1, message: 'and here' },
    ],
  }),
  diag({ file: 'docs/a b/c,d:e.rst', line: 10, column: 1, endLine: 12, endColumn: 1, severity: 'warning', ruleId: 'lines-out-of-range', message: 'Line 12 past the end', note: 'The file has 11 lines.' }),
  diag({ file: 'README.rst', line: 2, column: 1, endColumn: 1, ruleId: 'line-too-long', message: 'zero-width' }),
];

describe('rdjsonl reporter', () => {
  it('writes one JSON object per line with exactly reviewdog field names', () => {
    const out = parseLines(formatRdjsonl(DIAGNOSTICS));
    expect(out).toHaveLength(DIAGNOSTICS.length);
    for (const d of out) {
      const keys = Object.keys(d);
      expect(keys.slice(0, 5)).toEqual(['message', 'location', 'severity', 'source', 'code']);
      expect(keys.slice(5)).toEqual(d.related_locations ? ['related_locations'] : []);
      expect(Object.keys(d.location)).toEqual(['path', 'range']);
      expect(Object.keys(d.location.range)).toEqual(['start', 'end']);
      expect(Object.keys(d.location.range.start)).toEqual(['line', 'column']);
      expect(Object.keys(d.location.range.end ?? {})).toEqual(['line', 'column']);
      expect(Object.keys(d.source)).toEqual(['name', 'url']);
      expect(Object.keys(d.code)).toEqual(['value', 'url']);
      expect(['ERROR', 'WARNING']).toContain(d.severity);
      expect(d.source.name).toBe('docsnip');
      expect(d.source.url).toMatch(/^https:\/\//);
      expect(d.code.url).toBe(ruleHelpUri(d.code.value));
      for (const r of d.related_locations ?? []) {
        expect(Object.keys(r)).toEqual(['message', 'location']);
        expect(Object.keys(r.location)).toEqual(['path', 'range']);
        expect(Object.keys(r.location.range)).toEqual(['start']);
        expect(Object.keys(r.location.range.start)).toEqual(['line', 'column']);
      }
    }
  });

  it('round-trips paths, positions, severity, rule and related locations', () => {
    const out = parseLines(formatRdjsonl(DIAGNOSTICS));
    // Report order: by file, then position.
    expect(out.map((d) => d.location.path)).toEqual(['README.rst', 'docs/a b/c,d:e.rst', 'docs/index.rst']);
    for (const d of DIAGNOSTICS) {
      const r = out.find((o) => o.location.path === d.file);
      expect(r, d.file).toBeDefined();
      if (!r) continue;
      expect(r.location.range).toEqual({
        start: { line: d.line, column: d.column },
        end: { line: d.endLine, column: d.endColumn },
      });
      expect(r.severity).toBe(d.severity === 'error' ? 'ERROR' : 'WARNING');
      expect(r.code.value).toBe(d.ruleId);
      expect(r.message).toBe(d.note ? `${d.message}\n${d.note}` : d.message);
      expect(r.related_locations ?? []).toEqual(
        d.related.map((x) => ({ message: x.message, location: { path: x.file, range: { start: { line: x.line, column: x.column } } } })),
      );
    }
  });

  it('converts UTF-16 columns to UTF-8 byte columns when the source is known', () => {
    // reviewdog.proto's own example: in 'a𐐀b' the column of b is 6.
    expect(utf8Column('a𐐀b', 4)).toBe(6);
    expect(utf8Column('a𐐀b', 2)).toBe(2);
    expect(utf8Length('é日𐐀')).toBe(2 + 3 + 4);
    expect(utf8Column('ab', 5)).toBe(5); // past the end: distance kept
    const lines = ['.. literalinclude:: ünï/日本.py', '   :lines: 𐐀'];
    const d = diag({
      file: 'p.rst',
      line: 1,
      column: 21,
      endColumn: 30,
      related: [{ file: 'p.rst', line: 2, column: 14, message: 'after 𐐀' }],
    });
    const [r] = parseLines(formatRdjsonl([d], { source: (f) => (f === 'p.rst' ? lines : null) }));
    // 'ünï/日本.py' starts after 20 ASCII bytes; it is 9 UTF-16 units but 2+1+2+1+3+3+1+1+1 = 15 UTF-8 bytes.
    expect(r?.location.range).toEqual({ start: { line: 1, column: 21 }, end: { line: 1, column: 36 } });
    expect(Buffer.from(lines[0]!, 'utf8').subarray(20, 35).toString('utf8')).toBe('ünï/日本.py');
    // Column 14 is just after '   :lines: 𐐀' (11 ASCII + a surrogate pair = 13 units, 15 bytes).
    expect(r?.related_locations?.[0]?.location.range.start).toEqual({ line: 2, column: 16 });
    // Without the source the columns are written as they are.
    const [plain] = parseLines(formatRdjsonl([d]));
    expect(plain?.location.range.end).toEqual({ line: 1, column: 30 });
  });

  it('keeps each diagnostic on one line whatever its text', () => {
    const text = formatRdjsonl([diag({ file: 'x\ny.rst', line: 1, message: 'a\r\nb\u2028c\u0000d', note: 'n\n' })]);
    expect(text.split('\n')).toHaveLength(2);
    const [d] = parseLines(text);
    expect(d?.location.path).toBe('x\ny.rst');
    expect(d?.message).toBe('a\r\nb\u2028c\u0000d\nn\n');
  });

  it('writes an empty string, not an empty line, for no diagnostics', () => {
    expect(formatRdjsonl([])).toBe('');
  });

  it('is deterministic whatever the input order', () => {
    expect(formatRdjsonl([...DIAGNOSTICS].reverse())).toBe(formatRdjsonl(DIAGNOSTICS));
  });
});
