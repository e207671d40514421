/**
 * `check`: analyse a Sphinx project and run every rule over it, one page at
 * a time (see `CheckRun`). Pure: all input comes through the `FileSystem`.
 */
import { posix } from 'node:path';
import { sortedUnique, type Diagnostic, type Severity } from './core/diagnostic.js';
import { DOC_SUFFIXES, finishPlan, planPart, planProject, type AnalysedFacts, type PlanPart, type Project, type ProjectOptions, type ProjectPlan } from './project/project.js';
import { analysePage, decodeText, type DirectiveResult, type IncludeResult, type LiteralIncludeResult, type PageResult } from './project/page.js';
import { RULES } from './rules/index.js';
import type { Rule, RuleContext } from './rules/rule.js';
import { splitLines } from './python/str.js';
import { MarkerFiles, type MarkerFile } from './markers/index.js';
import { MarkerUsage, mergeUsage, usageData, type MarkerUsageData } from './rules/marker-usage.js';
import { pushAll } from './core/arrays.js';
import { detach } from './core/strings.js';
import { sharePositions } from './readers/rst/scanner.js';
import { compileMarkerPattern, DEFAULT_MARKER_PATTERN } from './markers/markers.js';
import { mystParserIsLegacy, type LoadedConfig } from './config/config.js';
import { SuppressionCollector, type PageComment } from './suppress.js';

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
  /**
   * Called with each document the page rules ran on (a fragment analysed on
   * its own as well: `CheckResult.checked` tells the checked pages) and the
   * diagnostics about each of its directives, while the page is at hand: what
   * a run that drops its pages can still take from them.
   */
  onPage?: (page: PageResult, byDirective: ReadonlyMap<DirectiveResult, Diagnostic[]>) => void;
  /**
   * Called with every document the run analyses, checked or not, once each,
   * before its page rules run: what a run that drops its pages can take from
   * those it does not check.
   */
  onAnalysed?: (page: PageResult) => void;
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
  /** The checked pages (absolute paths), sorted: the pages the findings are about. */
  checked: string[];
  /** The files literalincludes read and the marker files in scope, with their markers and spread sections. */
  markerFiles: Map<string, MarkerFile>;
}

/** A path relative to `cwd`, POSIX, as shown to users. */
export function displayPath(cwd: string, path: string): string {
  const rel = posix.relative(cwd, path);
  return rel === '' ? '.' : rel;
}

/** What a run keeps of a page the page rules have seen (plain data). */
export interface PageFindings {
  diagnostics: Diagnostic[];
  /** The files its literalincludes show. */
  targets: string[];
  literalincludes: number;
}

/**
 * What part of a run found (plain data, so another thread can send it):
 * the facts of each document it analysed, the findings of those that may be
 * checked pages, marker usage and suppression comments.
 */
export interface CheckPart extends CheckFindings {
  usage: MarkerUsageData;
  comments: [string, PageComment][];
}

/** The facts and findings of some analysed documents (plain data). */
export interface CheckFindings {
  facts: [string, { included: string[]; mayCheck: boolean }][];
  findings: [string, PageFindings][];
}

/** How many resolutions a run that drops its pages keeps (see `ResolveCache.limit`). */
const RESOLUTIONS_KEPT = 8192;
/** How many marker files it keeps at hand while pages are analysed (see `MarkerFiles`). */
const MARKER_FILES_KEPT = 1024;

type ActiveRule = { rule: Rule; severity: Severity };

/**
 * One check run, in steps: `analyse` each document of `plan.analyse` in turn
 * (its page rules run while it is at hand, and only findings and the facts
 * project rules need are kept), then `finish` runs the project rules.
 * Parts of the documents can be analysed elsewhere (another run over a
 * `planPart` plan) and brought in with `merge`.
 */
export class CheckRun {
  readonly plan: ProjectPlan;
  readonly project: Project;
  private readonly retain: boolean;
  private readonly config: LoadedConfig | null;
  private readonly display: (p: string) => string;
  private readonly markerFiles: MarkerFiles;
  private readonly usage = new MarkerUsage();
  private readonly suppressions: SuppressionCollector;
  private readonly pageRules: ActiveRule[];
  private readonly projectRules: ActiveRule[];
  private readonly textCache = new Map<string, string[] | null>();
  private readonly facts = new Map<string, AnalysedFacts>();
  private readonly findings = new Map<string, PageFindings>();
  private readonly byDirective = new Map<string, Map<DirectiveResult, Diagnostic[]>>();
  private readonly kept = new Map<string, PageResult>();
  private readonly includedSoFar = new Set<string>();

  constructor(
    private readonly opts: CheckOptions,
    /** A share of another run's documents (see `planPart`); omitted: plan the whole run. */
    part?: PlanPart,
  ) {
    const config = (this.config = opts.config ?? null);
    this.retain = opts.retain ?? true;
    const projectOptions: ProjectOptions = {
      ...opts,
      mystLegacy: opts.mystLegacy ?? mystParserIsLegacy(config?.config.mystParser),
      ignore: config && config.config.ignore.length > 0 ? { base: posix.dirname(config.path), patterns: config.config.ignore } : undefined,
    };
    const plan = (this.plan = part ? planPart(projectOptions, part) : planProject(projectOptions));
    this.project = {
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
    // One string per path: a large tree's findings share them.
    const shown = new Map<string, string>();
    this.display = (p) => {
      let d = shown.get(p);
      if (d === undefined) shown.set(p, (d = displayPath(opts.cwd, p)));
      return d;
    };
    // A run that drops its pages keeps only the most recent resolutions: nearby pages share their files.
    if (!this.retain) plan.cache.limit = RESOLUTIONS_KEPT;
    const compiled = compileMarkerPattern(config?.config.markerPattern ?? DEFAULT_MARKER_PATTERN);
    this.markerFiles = new MarkerFiles(plan.cache, compiled.ok ? compiled.re : new RegExp(DEFAULT_MARKER_PATTERN, 'u'), this.retain ? Infinity : MARKER_FILES_KEPT);
    this.suppressions = new SuppressionCollector(this.display, RULES.map((r) => r.id));
    const severities = { ...(config?.config.rules ?? {}), ...(opts.rules ?? {}) };
    const active = RULES.flatMap((rule) => {
      const severity = severities[rule.id] ?? rule.severity;
      return severity === 'off' ? [] : [{ rule, severity }];
    });
    this.pageRules = active.filter((a) => (a.rule.scope ?? 'page') === 'page');
    this.projectRules = active.filter((a) => a.rule.scope === 'project');
  }

  private textLines = (p: string): string[] | null => {
    if (!this.textCache.has(p)) {
      const r = this.plan.cache.read(p);
      const decoded = r.kind === 'file' ? decodeText(r.bytes, 'utf-8-sig') : null;
      this.textCache.set(p, decoded && 'text' in decoded ? splitLines(decoded.text, false) : null);
    }
    return this.textCache.get(p)!;
  };

  /** Run rules over one input; one context serves them all (the report knows which rule is running). */
  private run(
    rules: readonly ActiveRule[],
    input: Pick<RuleContext, 'pages' | 'literalincludes' | 'includes' | 'markerFiles' | 'suppressionProblems'>,
    diagnostics: Diagnostic[],
    byDirective: Map<DirectiveResult, Diagnostic[]> | null,
  ): void {
    let current = rules[0]!;
    const display = this.display;
    const retain = this.retain;
    const context: RuleContext = {
      pages: input.pages,
      literalincludes: input.literalincludes,
      includes: input.includes,
      markerFiles: input.markerFiles,
      suppressionProblems: input.suppressionProblems,
      project: this.project,
      display,
      textLines: this.textLines,
      list: (dir) => this.opts.fs.list(dir),
      markerUsage: this.usage,
      config: this.config,
      report: (r) => {
        // A message may hold a slice of a page's text, which would keep the whole text alive: copy it when pages are dropped.
        const own = retain ? (x: string) => x : detach;
        const diagnostic: Diagnostic = {
          file: display(r.file),
          line: r.range.start.line,
          column: r.range.start.column,
          endLine: r.range.end.line,
          endColumn: r.range.end.column,
          severity: current.severity,
          ruleId: current.rule.id,
          message: own(r.message),
          related: retain ? (r.related ?? []) : (r.related ?? []).map((x) => ({ ...x, message: own(x.message) })),
          ...(r.note ? { note: own(r.note) } : {}),
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
  }

  private checkPage(page: PageResult): void {
    const literalincludes: LiteralIncludeResult[] = [];
    const includes: IncludeResult[] = [];
    for (const d of page.directives) {
      if (d.kind === 'literalinclude') literalincludes.push(d);
      else includes.push(d);
    }
    const diagnostics: Diagnostic[] = [];
    const byDirective = this.retain || this.opts.onPage ? new Map<DirectiveResult, Diagnostic[]>() : null;
    this.run(this.pageRules, { pages: [page], literalincludes, includes, markerFiles: this.markerFiles, suppressionProblems: [] }, diagnostics, byDirective);
    if (byDirective) {
      this.opts.onPage?.(page, byDirective);
      if (this.retain) this.byDirective.set(page.page, byDirective);
    }
    // Each file once: a page shows many snippets of the same few files.
    const targets = new Set<string>();
    for (const d of literalincludes) if (d.target) targets.add(d.target);
    this.findings.set(page.page, { diagnostics, targets: [...targets], literalincludes: literalincludes.length });
  }

  /** Analyse one document of the plan: facts, marker usage, suppressions, and the page rules when it may be a checked page. */
  analyse(doc: string): void {
    sharePositions(this.retain);
    const page = analysePage(doc, this.plan.pageOptions);
    this.opts.onAnalysed?.(page);
    const mayCheck = this.plan.mayCheck(page);
    this.facts.set(doc, { included: page.included, mayCheck });
    for (const d of page.directives) {
      if (d.kind === 'literalinclude') this.usage.add(d, () => (d.target ? this.markerFiles.get(d.target)?.lines : undefined));
    }
    this.suppressions.addPage(page);
    if (mayCheck) this.checkPage(page);
    if (this.retain) this.kept.set(doc, page);
    else {
      // A page is read once; a fragment is read by every page that includes it.
      for (const f of page.included) this.includedSoFar.add(f);
      if (!this.includedSoFar.has(doc)) this.plan.cache.forget(doc);
    }
  }

  /**
   * The facts and findings of the documents analysed since the last call,
   * as plain data, forgotten here: a worker sends them on as it goes. Only
   * for a run whose `finish` is not called.
   */
  takeFindings(): CheckFindings {
    const taken: CheckFindings = {
      facts: [...this.facts].map(([doc, f]) => [doc, { included: [...f.included], mayCheck: f.mayCheck }]),
      findings: [...this.findings],
    };
    this.facts.clear();
    this.findings.clear();
    return taken;
  }

  /** What this run found (since the last `takeFindings`), as plain data. Only for a run whose `finish` is not called. */
  part(): CheckPart {
    return { ...this.takeFindings(), usage: usageData(this.usage), comments: this.suppressions.pageComments() };
  }

  /** Bring in facts and findings another run took over other documents of this plan. */
  mergeFindings(part: CheckFindings): void {
    for (const [doc, f] of part.facts) this.facts.set(doc, { included: new Set(f.included), mayCheck: f.mayCheck });
    for (const [doc, f] of part.findings) this.findings.set(doc, f);
  }

  /** Bring in what another run found over other documents of this plan. */
  merge(part: CheckPart): void {
    this.mergeFindings(part);
    mergeUsage(this.usage, part.usage);
    this.suppressions.mergePageComments(part.comments);
  }

  /** Decide the checked pages, run the project rules, and gather the findings. */
  finish(): CheckResult {
    const { plan, project, retain } = this;
    const { fragments, pages, extra } = finishPlan(plan, this.facts);
    project.fragments = fragments;
    // Pages that include a selected fragment: read again unless kept.
    for (const doc of extra) this.checkPage(this.kept.get(doc) ?? analysePage(doc, plan.pageOptions));

    const diagnostics: Diagnostic[] = [];
    const byDirective = new Map<DirectiveResult, Diagnostic[]>();
    const files = new Set<string>();
    const includedFiles: string[] = [];
    let directives = 0;
    for (const doc of pages) {
      const f = this.findings.get(doc)!;
      pushAll(diagnostics, f.diagnostics);
      for (const [d, list] of this.byDirective.get(doc) ?? []) byDirective.set(d, list);
      files.add(doc);
      for (const x of this.facts.get(doc)!.included) files.add(x);
      pushAll(includedFiles, f.targets);
      directives += f.literalincludes;
    }
    if (retain) {
      project.pages = pages.map((doc) => this.kept.get(doc)!);
      project.analysed = [...this.kept.values()];
    }

    // Marker files: what checked pages include, and marker-holding files under the checked directories.
    const scoped = [
      ...plan.scope.flatMap((dir) =>
        plan.cache.walk(dir, [''], { gitignore: this.opts.gitignore ?? true }).filter((f) => !DOC_SUFFIXES.some((s) => f.endsWith(s)) && !plan.isIgnored(f)),
      ),
      // With --changed: the changed files that hold markers.
      ...(plan.changed?.others ?? []),
    ];
    const index = this.markerFiles.index(includedFiles, scoped);
    for (const f of index.values()) this.suppressions.addMarkerFile(f);
    const suppressed = this.suppressions.finish();
    this.run(this.projectRules, { pages: [], literalincludes: [], includes: [], markerFiles: index, suppressionProblems: suppressed.problems }, diagnostics, null);

    const unique = sortedUnique(suppressed.apply(diagnostics));
    return {
      project,
      byDirective,
      checked: pages,
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
}

/**
 * Check a project: analyse each document in turn, run the page rules on it
 * while it is at hand, keep its findings and what the project rules need
 * (which marker lines it uses, its suppression comments), then run the
 * project rules.
 */
export function check(opts: CheckOptions): CheckResult {
  const run = new CheckRun(opts);
  for (const doc of run.plan.analyse) run.analyse(doc);
  return run.finish();
}
