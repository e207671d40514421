/**
 * The one diagnostic shape every part of docsnip produces and every reporter
 * consumes. Positions are 1-based; columns count UTF-16 code units of the
 * original line (a tab is one column). Paths are relative POSIX paths.
 */

export type Severity = 'error' | 'warning';

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  message: string;
  related: RelatedLocation[];
  /** Longer explanation, shown by the human reporter under the frame. */
  note?: string;
}

/** Sort by file, then position, then rule, then message (stable, deterministic). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drop exact duplicates (a fragment checked through two pages), merging related locations. */
export function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of list) {
    const key = [d.file, d.line, d.column, d.endLine, d.endColumn, d.ruleId, d.severity, d.message].join('\u0000');
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...d, related: [...d.related] });
      continue;
    }
    for (const r of d.related) {
      if (!seen.related.some((s) => s.file === r.file && s.line === r.line && s.column === r.column && s.message === r.message)) {
        seen.related.push(r);
      }
    }
  }
  return [...byKey.values()];
}
