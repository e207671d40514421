/**
 * `check`: analyse a Sphinx project and run every rule over it.
 * Pure: all input comes through the `FileSystem`.
 */
import { posix } from 'node:path';
import { compareDiagnostics, dedupeDiagnostics, type Diagnostic, type Severity } from './core/diagnostic.js';
import { finishPlan, planProject, type AnalysedFacts, type Project, type ProjectOptions } from './project/project.js';
import { analysePage, decodeText, type DirectiveResult, type IncludeResult, type LiteralIncludeResult, type PageResult } from './project/page.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { splitLines } from './python/str.js';
import { MarkerFiles, type MarkerFile } from './markers/index.js';
import { MarkerUsage } from './rules/marker-usage.js';
import { pushAll } from './core/arrays.js';
import { compileMarkerPattern, DEFAULT_MARKER_PATTERN } from './markers/markers.js';
import { mystParserIsLegacy, type LoadedConfig } from './config/config.js';
import { SuppressionCollector } from './suppress.js';
import { DOC_SUFFIXES } from './project/project.js';

export interface CheckOptions extends ProjectOptions {
  /** Directory paths are shown relative to (absolute). */
  cwd: string;
  /** Severity overrides per rule id; `off` disables a rule (applied over the configuration's). */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** The configuration file in effect, with its problems. */
  config?: LoadedConfig | null;
  /**
   * Keep every analysed page with its scan and resolutions (default true), in
   * `project.pages`, `project.analysed` and `byDirective`. With false, each
   * page is dropped once the rules have seen it, so a large tree never has
   * to fit in memory; those three are then empty.
   */
  retain?: boolean;
}

export interface CheckSummary {
  /** Documents read: checked pages plus the fragments they include. */
  files: number;
  /** literalinclude directives checked (a fragment's count once per including page). */
  directives: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  project: Project;
  diagnostics: Diagnostic[];
  summary: CheckSummary;
  /** The diagnostics about each directive, in the context of its page (before de-duplication). Empty unless the run keeps its pages. */
  byDirective: Map<DirectiveResult, Diagnostic[]>;
  /** The files literalincludes read and the marker files in scope, with their markers and spread sections. */
  markerFiles: Map<string, MarkerFile>;
}

/** A path relative to `cwd`, POSIX, as shown to users. */
export function displayPath(cwd: string, path: string): string {
  const rel = posix.relative(cwd, path);
  return rel === '' ? '.' : rel;
}

/** What a run keeps of a page the page rules have seen. */
interface PageFindings {
  diagnostics: Diagnostic[];
  /** The files its literalincludes show. */
  targets: string[];
  included: ReadonlySet<string>;
  literalincludes: number;
  byDirective: Map<DirectiveResult, Diagnostic[]> | null;
}

/**
 * Check a project: analyse each document in turn, run the page rules on it
 * while it is at hand, keep its findings and what the project rules need
 * (which marker lines it uses, its suppression comments), then run the
 * project rules.
 */
export function check(opts: CheckOptions): CheckResult {
  const config = opts.config ?? null;
  const retain = opts.retain ?? true;
  const plan = planProject({
    ...opts,
    mystLegacy: opts.mystLegacy ?? mystParserIsLegacy(config?.config.mystParser),
    ignore: config && config.config.ignore.length > 0 ? { base: posix.dirname(config.path), patterns: config.config.ignore } : undefined,
  });
  const project: Project = {
    root: plan.root,
    confPath: plan.confPath,
    conf: plan.conf,
    documents: plan.documents,
    fragments: new Set(),
    pages: [],
    analysed: [],
    scope: plan.scope,
    isIgnored: plan.isIgnored,
    missing: plan.missing,
    cache: plan.cache,
    changed: plan.changed,
  };
  const display = (p: string): string => displayPath(opts.cwd, p);
  const compiled = compileMarkerPattern(config?.config.markerPattern ?? DEFAULT_MARKER_PATTERN);
  const pattern = compiled.ok ? compiled.re : new RegExp(DEFAULT_MARKER_PATTERN, 'u');
  const markerFiles = new MarkerFiles(plan.cache, pattern);
  const usage = new MarkerUsage();
  const suppressions = new SuppressionCollector(display, RULES.map((r) => r.id));
  const severities = { ...(config?.config.rules ?? {}), ...(opts.rules ?? {}) };
  const active = RULES.flatMap((rule) => {
    const severity = severities[rule.id] ?? rule.severity;
    return severity === 'off' ? [] : [{ rule, severity }];
  });
  const textCache = new Map<string, string[] | null>();
  const textLines = (p: string): string[] | null => {
    if (!textCache.has(p)) {
      const r = plan.cache.read(p);
      const decoded = r.kind === 'file' ? decodeText(r.bytes, 'utf-8-sig') : null;
      textCache.set(p, decoded && 'text' in decoded ? splitLines(decoded.text, false) : null);
    }
    return textCache.get(p)!;
  };
  const pageRules = active.filter((a) => (a.rule.scope ?? 'page') === 'page');
  const projectRules = active.filter((a) => a.rule.scope === 'project');
  /** Run rules over one input; one context serves them all (the report knows which rule is running). */
  const run = (
    rules: typeof active,
    input: Pick<RuleContext, 'pages' | 'literalincludes' | 'includes' | 'markerFiles' | 'suppressionProblems'>,
    diagnostics: Diagnostic[],
    byDirective: Map<DirectiveResult, Diagnostic[]> | null,
  ): void => {
    let current = rules[0]!;
    const context: RuleContext = {
      pages: input.pages,
      literalincludes: input.literalincludes,
      includes: input.includes,
      markerFiles: input.markerFiles,
      suppressionProblems: input.suppressionProblems,
      project,
      display,
      textLines,
      list: (dir) => opts.fs.list(dir),
      markerUsage: usage,
      config,
      report: (r) => {
        const diagnostic: Diagnostic = {
          file: display(r.file),
          line: r.range.start.line,
          column: r.range.start.column,
          endLine: r.range.end.line,
          endColumn: r.range.end.column,
          severity: current.severity,
          ruleId: current.rule.id,
          message: r.message,
          related: r.related ?? [],
          ...(r.note ? { note: r.note } : {}),
        };
        diagnostics.push(diagnostic);
        if (r.subject && byDirective) {
          const list = byDirective.get(r.subject);
          if (list) list.push(diagnostic);
          else byDirective.set(r.subject, [diagnostic]);
        }
      },
    };
    for (const a of rules) {
      current = a;
      a.rule.check(context);
    }
  };

  const findings = new Map<string, PageFindings>();
  const checkPage = (page: PageResult): void => {
    const literalincludes: LiteralIncludeResult[] = [];
    const includes: IncludeResult[] = [];
    for (const d of page.directives) {
      if (d.kind === 'literalinclude') literalincludes.push(d);
      else includes.push(d);
    }
    const diagnostics: Diagnostic[] = [];
    const byDirective = retain ? new Map<DirectiveResult, Diagnostic[]>() : null;
    run(pageRules, { pages: [page], literalincludes, includes, markerFiles, suppressionProblems: [] }, diagnostics, byDirective);
    findings.set(page.page, {
      diagnostics,
      targets: literalincludes.flatMap((d) => (d.target ? [d.target] : [])),
      included: page.included,
      literalincludes: literalincludes.length,
      byDirective,
    });
  };

  const facts = new Map<string, AnalysedFacts>();
  const kept = new Map<string, PageResult>();
  for (const doc of plan.analyse) {
    const page = analysePage(doc, plan.pageOptions);
    const mayCheck = plan.mayCheck(page);
    facts.set(doc, { included: page.included, mayCheck });
    for (const d of page.directives) {
      if (d.kind === 'literalinclude') usage.add(d, () => (d.target ? markerFiles.get(d.target)?.lines : undefined));
    }
    suppressions.addPage(page);
    if (mayCheck) checkPage(page);
    if (retain) kept.set(doc, page);
  }
  const { fragments, pages, extra } = finishPlan(plan, facts);
  project.fragments = fragments;
  // Pages that include a selected fragment: read again unless kept.
  for (const doc of extra) checkPage(kept.get(doc) ?? analysePage(doc, plan.pageOptions));

  const diagnostics: Diagnostic[] = [];
  const byDirective = new Map<DirectiveResult, Diagnostic[]>();
  const files = new Set<string>();
  const includedFiles: string[] = [];
  let directives = 0;
  for (const doc of pages) {
    const f = findings.get(doc)!;
    pushAll(diagnostics, f.diagnostics);
    for (const [d, list] of f.byDirective ?? []) byDirective.set(d, list);
    files.add(doc);
    for (const x of f.included) files.add(x);
    pushAll(includedFiles, f.targets);
    directives += f.literalincludes;
  }
  if (retain) {
    project.pages = pages.map((doc) => kept.get(doc)!);
    project.analysed = [...kept.values()];
  }

  // Marker files: what checked pages include, and marker-holding files under the checked directories.
  const scoped = [
    ...plan.scope.flatMap((dir) =>
      plan.cache.walk(dir, [''], { gitignore: opts.gitignore ?? true }).filter((f) => !DOC_SUFFIXES.some((s) => f.endsWith(s)) && !plan.isIgnored(f)),
    ),
    // With --changed: the changed files that hold markers.
    ...(plan.changed?.others ?? []),
  ];
  const index = markerFiles.index(includedFiles, scoped);
  for (const f of index.values()) suppressions.addMarkerFile(f);
  const suppressed = suppressions.finish();
  run(projectRules, { pages: [], literalincludes: [], includes: [], markerFiles: index, suppressionProblems: suppressed.problems }, diagnostics, null);

  const unique = dedupeDiagnostics(suppressed.apply(diagnostics)).sort(compareDiagnostics);
  return {
    project,
    byDirective,
    markerFiles: index,
    diagnostics: unique,
    summary: {
      files: files.size,
      directives,
      errors: unique.filter((d) => d.severity === 'error').length,
      warnings: unique.filter((d) => d.severity === 'warning').length,
    },
  };
}
