/**
 * The JSON and human reports are made in pieces so the CLI can write a long
 * report as it goes. The pieces must add up to exactly the whole report: for
 * JSON, `JSON.stringify` of the whole object with an indent of 2.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { checkJsonChunks, diagnosticJson, formatCheckJson } from '../../src/reporters/json.js';
import { formatHuman, humanChunks } from '../../src/reporters/human.js';
import { formatResolveJson, formatResolveText, resolveJsonChunks, resolveTextChunks, type ResolvedDirective, type ResolveResult } from '../../src/resolve.js';

const summary = { files: 3, directives: 7, errors: 1, warnings: 2 };

function diagnostic(n: number, message: string, related = 0): Diagnostic {
  return {
    file: `docs/page-${n}.rst`,
    line: n + 1,
    column: 4,
    endLine: n + 2,
    endColumn: 9,
    severity: n % 2 === 0 ? 'error' : 'warning',
    ruleId: 'start-marker-not-found',
    message,
    related: Array.from({ length: related }, (_, k) => ({ file: `code/t${k}.yaml`, line: k + 1, column: 3, message: `note ${k}\nsecond line` })),
  };
}

/** The report as one JSON.stringify call, as it was made before it came in pieces. */
function whole(diagnostics: Diagnostic[]): string {
  return JSON.stringify({ version: 1, diagnostics: diagnostics.map(diagnosticJson), summary }, null, 2) + '\n';
}

describe('checkJsonChunks', () => {
  const cases: [string, Diagnostic[]][] = [
    ['no findings', []],
    ['one finding', [diagnostic(0, 'plain')]],
    [
      'findings with line breaks, quotes, backslashes, non-ASCII and related locations',
      [diagnostic(0, 'a\nb "q" \\ `x`', 2), diagnostic(1, 'é ☃ \u2028 \t tab'), diagnostic(2, '', 1)],
    ],
  ];
  for (const [name, diagnostics] of cases) {
    it(`adds up to JSON.stringify of the whole report: ${name}`, () => {
      const chunks = [...checkJsonChunks(diagnostics, summary)];
      expect(chunks.join('')).toBe(whole(diagnostics));
      expect(formatCheckJson(diagnostics, summary)).toBe(whole(diagnostics));
      // One piece per finding, besides the opening and the closing.
      expect(chunks.length).toBe(diagnostics.length === 0 ? 1 : diagnostics.length + 2);
      expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(whole(diagnostics)));
    });
  }
});

describe('humanChunks', () => {
  it('gives one piece per finding, then the summary, adding up to formatHuman', () => {
    const diagnostics = [diagnostic(0, 'first', 1), diagnostic(1, 'second')];
    const source = () => ['line one', 'line two', 'line three', 'line four'];
    const chunks = [...humanChunks(diagnostics, { source, summary })];
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toContain('docs/page-0.rst:1:4: error first [start-marker-not-found]');
    expect(chunks[1]).toContain('docs/page-1.rst:2:4: warning second');
    expect(chunks[2]).toBe('✖ 1 error, 2 warnings in 3 files (7 literalincludes)\n');
    expect(chunks.join('')).toBe(formatHuman(diagnostics, { source, summary }));
  });
});

function resolved(n: number, ok: boolean, text: string | null, diagnostics: Diagnostic[] = []): ResolvedDirective {
  const options = Object.create(null) as Record<string, string | null>;
  options['start-after'] = `[docs:step-${n}]`;
  options.__proto__ = null;
  options.dedent = '2';
  return { doc: 'page.rst', source: n % 2 ? 'part.rst' : 'page.rst', line: n + 4, column: 1, name: 'literalinclude', target: 'task.yaml', options, ok, text, language: ok ? 'bash' : null, lineStart: ok ? n + 1 : null, diagnostics };
}

/** `resolve`'s reports as they were made whole, before they came in pieces. */
function wholeResolveJson(result: ResolveResult): string {
  const directives = result.directives.map((d) => ({ ...d, options: d.options, diagnostics: d.diagnostics.map(diagnosticJson) }));
  return JSON.stringify({ version: 1, directives }, null, 2) + '\n';
}
function wholeResolveText(result: ResolveResult): string {
  const out: string[] = [];
  for (const d of result.directives) {
    const where = d.source === d.doc ? `${d.source}:${d.line}` : `${d.source}:${d.line} (in ${d.doc})`;
    out.push(`==> ${where} <- ${d.target ?? '?'}${d.language ? ` [${d.language}]` : ''}`);
    if (d.ok) out.push(d.text!.endsWith('\n') || d.text === '' ? d.text!.replace(/\n$/, '') : d.text! + ' ⏎ (no final newline)');
    else for (const diag of d.diagnostics) out.push(`!! ${diag.ruleId}: ${diag.message}`);
    out.push('');
  }
  return out.join('\n');
}

describe('resolve reports in pieces', () => {
  const summary2 = { files: 1, directives: 0, errors: 0, warnings: 0 };
  const cases: [string, ResolvedDirective[]][] = [
    ['no directives', []],
    ['one directive', [resolved(0, true, 'echo hi\n')]],
    [
      'texts with and without a final line break, empty, quotes, non-ASCII, and failures with findings',
      [resolved(0, true, 'a\n"b" \\ é\n'), resolved(1, true, 'no end'), resolved(2, true, ''), resolved(3, false, null, [diagnostic(3, 'not found\nat all', 1)]), resolved(4, false, null)],
    ],
  ];
  for (const [name, directives] of cases) {
    it(`add up to the whole reports: ${name}`, () => {
      const result = { directives, summary: { ...summary2, directives: directives.length } };
      const json = [...resolveJsonChunks(result)];
      expect(json.join('')).toBe(wholeResolveJson(result));
      expect(formatResolveJson(result)).toBe(wholeResolveJson(result));
      expect(json.length).toBe(directives.length === 0 ? 1 : directives.length + 2);
      const text = [...resolveTextChunks(result)];
      expect(text.join('')).toBe(wholeResolveText(result));
      expect(formatResolveText(result)).toBe(wholeResolveText(result));
      expect(text.length).toBe(directives.length);
    });
  }
});
