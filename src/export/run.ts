/**
 * `docsnip export` and `docsnip coverage` on a checked project: what to
 * print, and why not. Pure; the CLI writes the result.
 */
import { check, type CheckOptions, type CheckResult } from '../check.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeText, type DirectiveResult, type LiteralIncludeResult, type PageResult, type ReadCache } from '../project/page.js';
import { splitLines } from '../python/str.js';
import { addShownLines, coverage, coverageStep, formatCoverage, formatCoverageJson, type CoverageReport, type CoverageStep } from './coverage.js';
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

/** What an export needs of a run: the page (when it is a checked page), whether a document includes it, and its directives' diagnostics. */
interface ExportInput {
  page: PageResult | undefined;
  includedByAnother: boolean;
  diagnosticsOf: (directive: LiteralIncludeResult) => readonly Diagnostic[];
  lines: (file: string) => string[] | null;
}

/** Export a page of a run that kept its pages. */
export function exportPage(result: CheckResult, options: ExportOptions): ExportResult {
  return exportFrom(
    {
      page: result.project.pages.find((p) => p.page === options.page),
      includedByAnother: result.project.analysed.some((p) => p.included.has(options.page)),
      diagnosticsOf: (d) => result.byDirective.get(d) ?? [],
      lines: (f) => textLines(result.project.cache, f),
    },
    options,
  );
}

/**
 * Check a project and export one of its pages, keeping only that page (what
 * the CLI does): the same result as `exportPage` of a run that kept them all.
 */
export function exportProject(opts: CheckOptions, options: ExportOptions): ExportResult {
  let page: PageResult | undefined;
  let byDirective: ReadonlyMap<DirectiveResult, Diagnostic[]> = new Map();
  let includedByAnother = false;
  const result = check({
    ...opts,
    retain: false,
    onAnalysed: (p) => {
      if (p.included.has(options.page)) includedByAnother = true;
    },
    onPage: (p, by) => {
      if (p.page !== options.page) return;
      page = p;
      byDirective = by;
    },
  });
  return exportFrom(
    {
      // A document the page rules saw may still turn out to be a fragment, not a checked page.
      page: result.checked.includes(options.page) ? page : undefined,
      includedByAnother,
      diagnosticsOf: (d) => byDirective.get(d) ?? [],
      lines: (f) => textLines(result.project.cache, f),
    },
    options,
  );
}

function exportFrom(input: ExportInput, options: ExportOptions): ExportResult {
  const page = input.page;
  if (!page) {
    return {
      ok: false,
      usage: true,
      message: input.includedByAnother
        ? `${options.display(options.page)} is included by other pages, not a page of its own: export the page that includes it`
        : `${options.display(options.page)} is not a page of this Sphinx project (excluded, or not a document)`,
      diagnostics: [],
    };
  }
  const { steps, problems } = collectSteps(page, { ...options, lines: options.lines ?? input.lines });
  if (problems.length > 0) {
    const diagnostics = problems.flatMap((p) => (p.directive ? input.diagnosticsOf(p.directive).filter((d) => d.severity === 'error') : []));
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
function textLines(cache: ReadCache, file: string): string[] | null {
  const read = cache.read(file);
  if (read.kind !== 'file') return null;
  const decoded = decodeText(read.bytes, 'utf-8-sig');
  return 'text' in decoded ? splitLines(decoded.text, false) : null;
}

export interface CoverageOptions extends StepOptions {
  format: 'human' | 'json';
  display: (path: string) => string;
}

/**
 * The coverage of a run that kept its pages. A task line counts as shown when
 * a page the run analysed shows it: for some pages named by file, run with
 * `everyDocument` to count every page of the project (as `coverageProject` does).
 */
export function coverageReport(result: CheckResult, options: StepOptions = {}): CoverageReport {
  const pages = result.project.pages.map((p) => ({ page: p.page, steps: collectSteps(p, options).steps.map(coverageStep) }));
  const shown = new Map<string, Set<number>>();
  for (const p of result.project.analysed) addShownLines(shown, p.directives);
  return coverage(pages, result.markerFiles, shown);
}

/**
 * Check a project and report its coverage, taking what the report needs of
 * each page while it is at hand and dropping the page (what the CLI does):
 * the same report as `coverageReport` of a run that kept them.
 */
export function coverageProject(opts: CheckOptions, options: StepOptions = {}): CoverageReport {
  const shown = new Map<string, Set<number>>();
  const steps = new Map<string, CoverageStep[]>();
  const result = check({
    ...opts,
    retain: false,
    // A task line shown by any page of the project is not hidden, even when only some pages are named.
    everyDocument: true,
    onAnalysed: (page) => addShownLines(shown, page.directives),
    onPage: (page) => steps.set(page.page, collectSteps(page, options).steps.map(coverageStep)),
  });
  return coverage(
    result.checked.map((page) => ({ page, steps: steps.get(page) ?? [] })),
    result.markerFiles,
    shown,
  );
}

export function formatCoverageReport(report: CoverageReport, options: CoverageOptions): string {
  return options.format === 'json' ? formatCoverageJson(report, options.display) : formatCoverage(report, options.display);
}
