/**
 * `docsnip export` and `docsnip coverage` on a checked project: what to
 * print, and why not. Pure; the CLI writes the result.
 */
import type { CheckResult } from '../check.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeText, type LiteralIncludeResult } from '../project/page.js';
import { splitLines } from '../python/str.js';
import { coverage, formatCoverage, formatCoverageJson, type CoverageReport } from './coverage.js';
import { renderBash, renderSpreadTask } from './script.js';
import { collectSteps, selectSteps, type StepOptions, type StepSelection } from './steps.js';

export interface ExportOptions extends StepOptions, StepSelection {
  /** The page to export (absolute). */
  page: string;
  format: 'bash' | 'spread';
  pipefail?: boolean;
  trace?: boolean;
  /** Paths in messages (relative to the current directory). */
  display: (path: string) => string;
  /** Paths in the script (relative to the Sphinx source directory, so the script does not depend on where docsnip ran). */
  scriptPath: (path: string) => string;
}

export type ExportResult =
  | { ok: true; text: string; steps: number }
  /** `usage`: the page or the selection is wrong (exit 2); else the tutorial is (exit 1). */
  | { ok: false; usage: boolean; message: string; diagnostics: Diagnostic[] };

export function exportPage(result: CheckResult, options: ExportOptions): ExportResult {
  const page = result.project.pages.find((p) => p.page === options.page);
  if (!page) {
    const fragment = result.project.analysed.some((p) => p.included.has(options.page));
    return {
      ok: false,
      usage: true,
      message: fragment
        ? `${options.display(options.page)} is included by other pages, not a page of its own: export the page that includes it`
        : `${options.display(options.page)} is not a page of this Sphinx project (excluded, or not a document)`,
      diagnostics: [],
    };
  }
  const { steps, problems } = collectSteps(page, { ...options, lines: options.lines ?? ((f) => textLines(result, f)) });
  if (problems.length > 0) {
    const diagnostics = problems.flatMap((p) => (p.directive ? (result.byDirective.get(p.directive) ?? []).filter((d) => d.severity === 'error') : []));
    const lines = problems.map((p) => `${options.display(p.source)}:${p.line}: ${p.message}`);
    return { ok: false, usage: false, message: `cannot export ${options.display(page.page)}:\n${lines.join('\n')}`, diagnostics };
  }
  const selected = selectSteps(steps, options);
  if (selected.problem !== null) return { ok: false, usage: true, message: selected.problem, diagnostics: [] };
  const title = page.scan?.titles.find((t) => t.file === page.page)?.title ?? options.scriptPath(page.page);
  const render = { page: options.scriptPath(page.page), display: options.scriptPath, pipefail: options.pipefail, trace: options.trace };
  const text = options.format === 'spread' ? renderSpreadTask(selected.steps, { ...render, summary: title }) : renderBash(selected.steps, render);
  return { ok: true, text, steps: selected.steps.length };
}

/** A document's lines as the reader decoded them (UTF-8), or null. */
function textLines(result: CheckResult, file: string): string[] | null {
  const read = result.project.cache.read(file);
  if (read.kind !== 'file') return null;
  const decoded = decodeText(read.bytes, 'utf-8-sig');
  return 'text' in decoded ? splitLines(decoded.text, false) : null;
}

export interface CoverageOptions extends StepOptions {
  format: 'human' | 'json';
  display: (path: string) => string;
}

export function coverageReport(result: CheckResult, options: StepOptions = {}): CoverageReport {
  const pages = result.project.pages.map((p) => ({ page: p.page, steps: collectSteps(p, options).steps }));
  const all = result.project.analysed.flatMap((p) => p.directives.filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude'));
  return coverage(pages, result.markerFiles, all);
}

export function formatCoverageReport(report: CoverageReport, options: CoverageOptions): string {
  return options.format === 'json' ? formatCoverageJson(report, options.display) : formatCoverage(report, options.display);
}
