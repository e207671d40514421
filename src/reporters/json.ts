/**
 * Machine output. Keys are written in a fixed order so the output is stable
 * across runs and versions (documented in the README).
 */
import type { Diagnostic } from '../core/diagnostic.js';

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    severity: d.severity,
    ruleId: d.ruleId,
    message: d.message,
    related: d.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message })),
  };
}

type Summary = { files: number; directives: number; errors: number; warnings: number };

export function formatCheckJson(diagnostics: readonly Diagnostic[], summary: Summary): string {
  return [...checkJsonChunks(diagnostics, summary)].join('');
}

/**
 * `formatCheckJson`'s text in pieces, one per finding, so a long report can
 * be written as it is made: the same bytes as `JSON.stringify` of the whole
 * report with an indent of 2.
 */
export function* checkJsonChunks(diagnostics: readonly Diagnostic[], summary: Summary): Generator<string> {
  const tail = JSON.stringify(
    { summary: { files: summary.files, directives: summary.directives, errors: summary.errors, warnings: summary.warnings } },
    null,
    2,
  ).slice(2); // `  "summary": {…}\n}`
  if (diagnostics.length === 0) {
    yield `{\n  "version": 1,\n  "diagnostics": [],\n${tail}\n`;
    return;
  }
  yield '{\n  "version": 1,\n  "diagnostics": [\n';
  for (let i = 0; i < diagnostics.length; i++) {
    // Each finding two levels in: JSON escapes line breaks in strings, so every line break is the layout's.
    const item = JSON.stringify(diagnosticJson(diagnostics[i]!), null, 2).replace(/\n/g, '\n    ');
    yield `    ${item}${i === diagnostics.length - 1 ? '\n' : ',\n'}`;
  }
  yield `  ],\n${tail}\n`;
}
