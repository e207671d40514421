/**
 * Docs-to-test coverage: which shell steps of each tutorial come from a
 * spread task's `execute` (run in CI, so tested), which from other files,
 * and which are inline blocks nobody runs; and, for each task, the `execute`
 * lines no page shows (hidden steps: fix-ups, waits, checks).
 */
import type { MarkerFile } from '../markers/index.js';
import type { DirectiveResult } from '../project/page.js';
import { sectionAt } from '../spread/task.js';
import type { Step } from './steps.js';
import { minMax } from '../core/arrays.js';

export type StepStatus = 'tested' | 'included' | 'inline';

export interface PageCoverage {
  page: string;
  /** Command steps (files to write are not counted). */
  steps: number;
  tested: number;
  included: number;
  inline: number;
  /** tested / steps, in percent (null for a page without steps). */
  percent: number | null;
  /** Every command step with its status. */
  detail: { source: string; line: number; status: StepStatus; text: string }[];
}

export interface TaskCoverage {
  file: string;
  /** Commands in `execute` (lines joined by a trailing `\`; blank, comment and marker lines left out). */
  commands: number;
  shown: number;
  /** Commands of `execute` that no literalinclude of the project shows (first and last line, text). */
  hidden: { line: number; endLine: number; text: string }[];
}

export interface CoverageReport {
  pages: PageCoverage[];
  tasks: TaskCoverage[];
  summary: { steps: number; tested: number; included: number; inline: number; percent: number | null };
}

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

/** What coverage keeps of a step: where it is, its text, and which lines of which file it shows. */
export interface CoverageStep {
  kind: Step['kind'];
  origin: Step['origin'];
  source: string;
  line: number;
  text: string;
  /** The included file (absolute), for a literalinclude. */
  target: string | null;
  /** The line of `target` each line of the text comes from (null for a line no file gave), or null. */
  origins: readonly (number | null)[] | null;
}

export function coverageStep(step: Step): CoverageStep {
  return {
    kind: step.kind,
    origin: step.origin,
    source: step.source,
    line: step.line,
    text: step.text,
    target: step.target,
    origins: step.directive?.resolution?.origins ?? null,
  };
}

/** Is every shown line of the step inside its spread task's `execute`? */
export function stepStatus(step: CoverageStep, markerFiles: ReadonlyMap<string, MarkerFile>): StepStatus {
  if (step.target === null) return 'inline';
  const task = markerFiles.get(step.target)?.task;
  const shown = step.origins?.filter((o): o is number => o !== null) ?? [];
  if (task && shown.length > 0 && shown.every((l) => sectionAt(task, l)?.key === 'execute')) return 'tested';
  return 'included';
}

/** Add the lines of its file that each literalinclude among `directives` shows to `shown` (by file). */
export function addShownLines(shown: Map<string, Set<number>>, directives: readonly DirectiveResult[]): void {
  for (const r of directives) {
    if (r.kind !== 'literalinclude' || !r.target || !r.resolution?.ok) continue;
    let set = shown.get(r.target);
    if (!set) shown.set(r.target, (set = new Set<number>()));
    for (const o of r.resolution.origins) if (o !== null) set.add(o);
  }
}

/**
 * The report: `pages` are the checked pages with their steps, `shown` the
 * lines of each file that some literalinclude of the project shows (see
 * `addShownLines`).
 */
export function coverage(
  pages: readonly { page: string; steps: readonly CoverageStep[] }[],
  markerFiles: ReadonlyMap<string, MarkerFile>,
  shown: ReadonlyMap<string, ReadonlySet<number>>,
): CoverageReport {
  const report: CoverageReport = { pages: [], tasks: [], summary: { steps: 0, tested: 0, included: 0, inline: 0, percent: null } };
  for (const { page, steps } of pages) {
    // Commands shown in blocks; a `cd` read from the prose is navigation, not a step to test.
    const detail = steps
      .filter((s) => s.kind === 'command' && s.origin !== 'prose')
      .map((s) => ({ source: s.source, line: s.line, status: stepStatus(s, markerFiles), text: s.text }));
    const count = (st: StepStatus): number => detail.filter((d) => d.status === st).length;
    const pc: PageCoverage = { page, steps: detail.length, tested: count('tested'), included: count('included'), inline: count('inline'), percent: 0, detail };
    pc.percent = percent(pc.tested, pc.steps);
    report.pages.push(pc);
    report.summary.steps += pc.steps;
    report.summary.tested += pc.tested;
    report.summary.included += pc.included;
    report.summary.inline += pc.inline;
  }
  report.summary.percent = percent(report.summary.tested, report.summary.steps);

  const used = new Set(pages.flatMap((p) => p.steps.map((s) => s.target).filter((t): t is string => t !== null)));
  for (const file of [...used].sort()) {
    const mf = markerFiles.get(file);
    const execute = mf?.task?.sections.find((s) => s.key === 'execute' && s.block);
    if (!mf || !execute) continue;
    const markerLines = new Set(mf.markers.map((m) => m.line));
    const seen = shown.get(file) ?? new Set<number>();
    const tc: TaskCoverage = { file, commands: 0, shown: 0, hidden: [] };
    for (let line = execute.startLine; line <= execute.endLine; line++) {
      const text = mf.lines[line - 1] ?? '';
      if (text.trim() === '' || text.trim().startsWith('#') || markerLines.has(line)) continue;
      // One command: this line and the lines a trailing backslash continues it onto.
      let end = line;
      while (end < execute.endLine && (mf.lines[end - 1] ?? '').trimEnd().endsWith('\\')) end++;
      const lines = Array.from({ length: end - line + 1 }, (_, k) => line + k);
      tc.commands++;
      if (lines.some((l) => seen.has(l))) tc.shown++;
      else tc.hidden.push({ line, endLine: end, text: lines.map((l) => (mf.lines[l - 1] ?? '').trim().replace(/\\$/, '').trimEnd()).join(' ') });
      line = end;
    }
    report.tasks.push(tc);
  }
  return report;
}

/** The report as a table for people. */
export function formatCoverage(report: CoverageReport, display: (path: string) => string): string {
  const pct = (n: number | null): string => (n === null ? '-' : n.toFixed(1));
  const rows = [['page', 'steps', 'tested', 'included', 'inline', 'tested %']];
  for (const p of report.pages) {
    if (p.steps > 0) rows.push([display(p.page), String(p.steps), String(p.tested), String(p.included), String(p.inline), pct(p.percent)]);
  }
  const s = report.summary;
  rows.push(['total', String(s.steps), String(s.tested), String(s.included), String(s.inline), pct(s.percent)]);
  const widths = rows[0]!.map((_, c) => minMax(rows.map((r) => r[c]!.length))![1]);
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const out = [line(rows[0]!), ...rows.slice(1, -1).map(line), line(rows[rows.length - 1]!)];
  for (const p of report.pages) {
    const untested = p.detail.filter((d) => d.status !== 'tested');
    if (untested.length === 0) continue;
    out.push('', `Not run by a spread task, in ${display(p.page)}:`);
    for (const d of untested) out.push(`  ${display(d.source)}:${d.line} (${d.status}) ${d.text.split('\n')[0]}${d.text.split('\n').length > 2 ? ' …' : ''}`);
  }
  for (const t of report.tasks) {
    if (t.hidden.length === 0) continue;
    out.push('', `Run by ${display(t.file)} but shown on no page (${t.hidden.length} of ${t.commands} commands):`);
    for (const h of t.hidden) out.push(`  ${h.line}${h.endLine !== h.line ? `-${h.endLine}` : ''}: ${h.text}`);
  }
  return out.join('\n') + '\n';
}

/** The report as JSON (`--format json`), paths shown with `display`. */
export function formatCoverageJson(report: CoverageReport, display: (path: string) => string): string {
  return (
    JSON.stringify(
      {
        version: 1,
        pages: report.pages.map((p) => ({
          page: display(p.page),
          steps: p.steps,
          tested: p.tested,
          included: p.included,
          inline: p.inline,
          percent: p.percent,
          detail: p.detail.map((d) => ({ source: display(d.source), line: d.line, status: d.status, text: d.text })),
        })),
        tasks: report.tasks.map((t) => ({ file: display(t.file), commands: t.commands, shown: t.shown, hidden: t.hidden })),
        summary: report.summary,
      },
      null,
      2,
    ) + '\n'
  );
}
