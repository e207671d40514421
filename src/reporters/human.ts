/**
 * The human reporter: one block per finding, a code frame of the lines
 * around it with the range underlined, its related locations, and a summary.
 * Pure: it returns a string, or the same text in pieces (`humanChunks`), one
 * per finding, so a long report can be written as it is made.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { NO_COLORS, type Palette } from './color.js';

export interface HumanOptions {
  /** Source lines of a file (by the displayed path), for code frames. */
  source?: (file: string) => readonly string[] | null;
  palette?: Palette;
  /** Leave warnings out. */
  quiet?: boolean;
  /** Lines of context above and below the finding. */
  context?: number;
  /** Totals of the run (the counts shown also cover what `quiet` hides). */
  summary?: { files: number; directives: number; errors?: number; warnings?: number };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Render a line for a terminal: tabs become spaces, control characters become visible. */
function visible(line: string): string {
  return line.replace(/\t/g, '    ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function visibleColumn(line: string, column: number): number {
  return visible(line.slice(0, Math.max(0, column - 1))).length;
}

function frame(d: Diagnostic, lines: readonly string[], context: number, c: Palette): string[] {
  const first = Math.max(1, d.line - context);
  const last = Math.min(lines.length, d.endLine + context, d.line + context + Math.min(3, d.endLine - d.line));
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const marked = n >= d.line && n <= d.endLine;
    const gutter = `${marked ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`${marked ? c.bold(gutter) : c.dim(gutter)} ${visible(text)}`.trimEnd());
    if (marked) {
      const from = n === d.line ? visibleColumn(text, d.column) : 0;
      const to = n === d.endLine ? visibleColumn(text, d.endColumn) : visible(text).length;
      const length = Math.max(1, to - from);
      const color = d.severity === 'error' ? c.red : c.yellow;
      out.push(`${c.dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(from)}${color('^'.repeat(length))}`);
    }
  }
  return out;
}

export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanOptions = {}): string {
  return [...humanChunks(diagnostics, options)].join('');
}

/** `formatHuman`'s text in pieces: one per finding, then the summary. */
export function* humanChunks(diagnostics: readonly Diagnostic[], options: HumanOptions = {}): Generator<string> {
  const c = options.palette ?? NO_COLORS;
  const shown = options.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  for (const d of shown) {
    const out: string[] = [];
    const severity = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    out.push(`${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${severity} ${d.message} ${c.dim(`[${d.ruleId}]`)}`);
    const lines = options.source?.(d.file);
    if (lines && d.line >= 1) out.push(...frame(d, lines, options.context ?? 1, c));
    for (const r of d.related) out.push(`  ${c.cyan('note')}: ${r.file}:${r.line}:${r.column}: ${r.message}`);
    if (d.note) out.push(`  ${c.cyan('note')}: ${d.note}`);
    out.push('');
    yield out.join('\n') + '\n';
  }
  const errors = options.summary?.errors ?? diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = options.summary?.warnings ?? diagnostics.length - errors;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  const scope = options.summary
    ? ` in ${plural(options.summary.files, 'file')} (${plural(options.summary.directives, 'literalinclude')})`
    : '';
  const mark = errors > 0 ? c.red('✖') : warnings > 0 ? c.yellow('⚠') : '✔';
  yield `${mark} ${counts}${scope}\n`;
}
