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

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.file === b.file &&
    a.line === b.line &&
    a.column === b.column &&
    a.endLine === b.endLine &&
    a.endColumn === b.endColumn &&
    a.ruleId === b.ruleId &&
    a.severity === b.severity &&
    a.message === b.message
  );
}

/**
 * Sorted (`compareDiagnostics`, stable), without exact duplicates (a
 * fragment checked through two pages): the first of equal diagnostics stays,
 * with the related locations of the others added (as a copy; the list's own
 * diagnostics are not changed).
 */
export function sortedUnique(list: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const copied = new Set<Diagnostic>();
  // Where, in `out`, the diagnostics that tie with the current one in the sort order start: its duplicates are among them.
  let run = 0;
  for (const d of [...list].sort(compareDiagnostics)) {
    if (out.length === 0 || compareDiagnostics(out[out.length - 1]!, d) !== 0) run = out.length;
    let i = run;
    while (i < out.length && !sameDiagnostic(out[i]!, d)) i++;
    if (i === out.length) {
      out.push(d);
      continue;
    }
    let seen = out[i]!;
    if (!copied.has(seen)) copied.add((seen = out[i] = { ...seen, related: [...seen.related] }));
    for (const r of d.related) {
      if (!seen.related.some((s) => s.file === r.file && s.line === r.line && s.column === r.column && s.message === r.message)) {
        seen.related.push(r);
      }
    }
  }
  return out;
}
