/**
 * The GitHub Actions reporter: one workflow command per diagnostic, errors
 * first, then warnings, each group in report order:
 *
 *   ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE
 *
 * Pure: it returns the text; the CLI writes it to stdout, where the runner
 * turns each line into an annotation.
 *
 * Escaping follows the runner (actions/runner, src/Runner.Common/
 * ActionCommand.cs, `TryParseV2`), which reads a line as `::` + name + an
 * optional space and comma-separated `key=value` properties, up to the first
 * `::` after the opening one, then the data to the end of the line:
 * - data: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A` (so a message is one line;
 *   `::` and `,` in the data need nothing, the data is everything after the
 *   first separating `::`);
 * - property values: the same plus `:` → `%3A` and `,` → `%2C` (so a value
 *   can neither end the property list nor split it).
 * `%` is escaped first so an existing `%0A` in a message stays literal. The
 * runner has no escape for `=`; it splits a property at its first `=`, so
 * `=` inside a value is kept; only a value that starts with `=` (a file
 * named `=x`) may be misread, as the split removes empty entries.
 *
 * Columns: the runner drops `col` and `endColumn` when `line` and `endLine`
 * differ (`ValidateLinesAndColumns`), so they are written only for a range
 * on one line. Columns are docsnip's (UTF-16 units, `endColumn` exclusive).
 *
 * Related locations and the note follow the message on extra (escaped)
 * lines, in the order the human reporter prints them.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { compareForReport } from './sarif.js';

/** Escape the data (message) of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotationMessage(d: Diagnostic): string {
  const lines = [d.message];
  for (const r of d.related) lines.push(`${r.file}:${r.line}:${r.column}: ${r.message}`);
  if (d.note) lines.push(d.note);
  return lines.join('\n');
}

/** One `::error …::…` / `::warning …::…` line (without its newline). */
export function githubCommand(d: Diagnostic): string {
  const properties: [string, string][] = [
    ['file', d.file],
    ['line', String(d.line)],
  ];
  if (d.endLine === d.line) {
    properties.push(['col', String(d.column)]);
    properties.push(['endLine', String(d.endLine)]);
    // The runner drops both columns when endColumn < col.
    properties.push(['endColumn', String(Math.max(d.column, d.endColumn))]);
  } else {
    properties.push(['endLine', String(d.endLine)]);
  }
  properties.push(['title', d.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${d.severity} ${props}::${escapeData(annotationMessage(d))}`;
}

export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  const sorted = [...diagnostics].sort(compareForReport);
  const ordered = [...sorted.filter((d) => d.severity === 'error'), ...sorted.filter((d) => d.severity !== 'error')];
  return ordered.map((d) => githubCommand(d) + '\n').join('');
}
