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

export function formatCheckJson(
  diagnostics: readonly Diagnostic[],
  summary: { files: number; directives: number; errors: number; warnings: number },
): string {
  return (
    JSON.stringify(
      {
        version: 1,
        diagnostics: diagnostics.map(diagnosticJson),
        summary: { files: summary.files, directives: summary.directives, errors: summary.errors, warnings: summary.warnings },
      },
      null,
      2,
    ) + '\n'
  );
}
