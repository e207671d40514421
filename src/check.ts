/**
 * `check`: analyse a Sphinx project and run every rule over it.
 * Pure: all input comes through the `FileSystem`.
 */
import { posix } from 'node:path';
import { compareDiagnostics, dedupeDiagnostics, type Diagnostic, type Severity } from './core/diagnostic.js';
import { loadProject, type Project, type ProjectOptions } from './project/project.js';
import { decodeText, type DirectiveResult, type IncludeResult, type LiteralIncludeResult } from './project/page.js';
import { RULES } from './rules/index.js';
import type { RuleContext } from './rules/rule.js';
import { splitLines } from './python/str.js';
import { buildMarkerIndex, type MarkerFile } from './markers/index.js';
import { compileMarkerPattern, DEFAULT_MARKER_PATTERN } from './markers/markers.js';
import { mystParserIsLegacy, type LoadedConfig } from './config/config.js';
import { collectSuppressions } from './suppress.js';
import { DOC_SUFFIXES } from './project/project.js';

export interface CheckOptions extends ProjectOptions {
  /** Directory paths are shown relative to (absolute). */
  cwd: string;
  /** Severity overrides per rule id; `off` disables a rule (applied over the configuration's). */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** The configuration file in effect, with its problems. */
  config?: LoadedConfig | null;
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
  /** The diagnostics about each directive, in the context of its page (before de-duplication). */
  byDirective: Map<DirectiveResult, Diagnostic[]>;
  /** The files literalincludes read and the marker files in scope, with their markers and spread sections. */
  markerFiles: Map<string, MarkerFile>;
}

/** A path relative to `cwd`, POSIX, as shown to users. */
export function displayPath(cwd: string, path: string): string {
  const rel = posix.relative(cwd, path);
  return rel === '' ? '.' : rel;
}

export function check(opts: CheckOptions): CheckResult {
  const config = opts.config ?? null;
  const project = loadProject({
    ...opts,
    mystLegacy: opts.mystLegacy ?? mystParserIsLegacy(config?.config.mystParser),
    ignore: config && config.config.ignore.length > 0 ? { base: posix.dirname(config.path), patterns: config.config.ignore } : undefined,
  });
  const literalincludes: LiteralIncludeResult[] = [];
  const includes: IncludeResult[] = [];
  const files = new Set<string>();
  for (const page of project.pages) {
    files.add(page.page);
    for (const f of page.included) files.add(f);
    for (const d of page.directives) {
      if (d.kind === 'literalinclude') literalincludes.push(d);
      else includes.push(d);
    }
  }
  // Marker files: what checked pages include, and marker-holding files under the checked directories.
  const compiled = compileMarkerPattern(config?.config.markerPattern ?? DEFAULT_MARKER_PATTERN);
  const pattern = compiled.ok ? compiled.re : new RegExp(DEFAULT_MARKER_PATTERN, 'u');
  const includedFiles = literalincludes.flatMap((d) => (d.target ? [d.target] : []));
  const scoped = [
    ...project.scope.flatMap((dir) =>
      project.cache.walk(dir, [''], { gitignore: opts.gitignore ?? true }).filter(
        (f) => !DOC_SUFFIXES.some((s) => f.endsWith(s)) && !project.isIgnored(f),
      ),
    ),
    // With --changed: the changed files that hold markers.
    ...(project.changed?.others ?? []),
  ];
  const markerFiles: Map<string, MarkerFile> = buildMarkerIndex(project.cache, includedFiles, scoped, pattern);
  const allLiteralincludes = project.analysed.flatMap((p) =>
    p.directives.filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude'),
  );
  const suppressions = collectSuppressions({
    display: (p) => displayPath(opts.cwd, p),
    pages: project.analysed,
    markerFiles,
    ruleIds: RULES.map((r) => r.id),
  });

  const diagnostics: Diagnostic[] = [];
  const byDirective = new Map<DirectiveResult, Diagnostic[]>();
  const textCache = new Map<string, string[] | null>();
  const severities = { ...(config?.config.rules ?? {}), ...(opts.rules ?? {}) };
  for (const rule of RULES) {
    const severity = severities[rule.id] ?? rule.severity;
    if (severity === 'off') continue;
    const context: RuleContext = {
      project,
      pages: project.pages,
      literalincludes,
      includes,
      display: (p) => displayPath(opts.cwd, p),
      textLines: (p) => {
        if (!textCache.has(p)) {
          const r = project.cache.read(p);
          const decoded = r.kind === 'file' ? decodeText(r.bytes, 'utf-8-sig') : null;
          textCache.set(p, decoded && 'text' in decoded ? splitLines(decoded.text, false) : null);
        }
        return textCache.get(p)!;
      },
      list: (dir) => opts.fs.list(dir),
      markerFiles,
      allLiteralincludes,
      config,
      suppressionProblems: suppressions.problems,
      report: (r) => {
        const diagnostic: Diagnostic = {
          file: displayPath(opts.cwd, r.file),
          line: r.range.start.line,
          column: r.range.start.column,
          endLine: r.range.end.line,
          endColumn: r.range.end.column,
          severity,
          ruleId: rule.id,
          message: r.message,
          related: r.related ?? [],
          ...(r.note ? { note: r.note } : {}),
        };
        diagnostics.push(diagnostic);
        if (r.subject) {
          const list = byDirective.get(r.subject) ?? [];
          list.push(diagnostic);
          byDirective.set(r.subject, list);
        }
      },
    };
    rule.check(context);
  }
  const unique = dedupeDiagnostics(suppressions.apply(diagnostics)).sort(compareDiagnostics);
  return {
    project,
    byDirective,
    markerFiles,
    diagnostics: unique,
    summary: {
      files: files.size,
      directives: literalincludes.length,
      errors: unique.filter((d) => d.severity === 'error').length,
      warnings: unique.filter((d) => d.severity === 'warning').length,
    },
  };
}
