/**
 * How a rule is written. A rule has a stable kebab-case id, a default
 * severity, a one-line description, and a `check` that walks the analysed
 * pages and reports. `defineRule` is the only way to make one, and the
 * context stamps the id and severity on every report, so a rule body only
 * says where and what.
 */
import type { Diagnostic, RelatedLocation, Severity } from '../core/diagnostic.js';
import type { Range } from '../readers/rst/scanner.js';
import type { DirectiveResult, IncludeResult, LiteralIncludeResult, PageResult } from '../project/page.js';
import type { Project } from '../project/project.js';
import type { MarkerFile } from '../markers/index.js';
import type { MarkerUsage } from './marker-usage.js';
import type { LoadedConfig } from '../config/config.js';
import type { SuppressionProblem } from '../suppress.js';

export interface RuleMeta {
  /** Stable kebab-case id; never renamed. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule reports. */
  readonly description: string;
  /**
   * `sphinx`: Sphinx itself reports this problem (as a warning or error) when
   * it builds the page; `docsnip`: a finding only docsnip makes.
   */
  readonly origin: 'sphinx' | 'docsnip';
  /**
   * `page` (the default): the rule looks at one checked page at a time (its
   * `pages`, `literalincludes` and `includes`), right after the page is
   * read, so a large tree never has to be held whole. `project`: the rule
   * runs once at the end and sees what the whole run found: the marker files
   * with their usage, the configuration and the suppression problems.
   */
  readonly scope?: 'page' | 'project';
}

export interface Report {
  /** Absolute path of the file the diagnostic is in. */
  file: string;
  /** The directive (in the page being built) the finding is about. */
  subject?: DirectiveResult;
  range: Range;
  message: string;
  related?: { file: string; line: number; column: number; message: string }[];
  note?: string;
}

export interface RuleContext {
  /** The run's project. Its `pages` and `analysed` are empty unless the run keeps its pages (`CheckOptions.retain`). */
  readonly project: Project;
  /** Page rules: the page being checked. Project rules: none. */
  readonly pages: readonly PageResult[];
  /** Page rules: every literalinclude of the page, in reading order. Project rules: none. */
  readonly literalincludes: readonly LiteralIncludeResult[];
  /** Page rules: every include of the page, in reading order. Project rules: none. */
  readonly includes: readonly IncludeResult[];
  /** A path as shown to the user (relative, POSIX). */
  display(path: string): string;
  /** Decoded lines (Python `splitlines`, no terminators) of a file, or null. */
  textLines(path: string): string[] | null;
  /** Names in a directory, or null. */
  list(dir: string): string[] | null;
  /**
   * Files with marker lines (and every file a checked page includes), by
   * absolute path. Page rules: look files up with `get` (read on demand).
   * Project rules: the complete index, to iterate.
   */
  readonly markerFiles: ReadonlyMap<string, MarkerFile>;
  /**
   * Project rules: which lines of each file the literalincludes of every
   * document analysed (not only the checked pages) use as start or end:
   * `all` counts a marker a directive names but never reached, `resolved`
   * only lines a directive really matched (see `marker-usage.ts`).
   */
  readonly markerUsage: MarkerUsage;
  /** The configuration file in effect. */
  readonly config: LoadedConfig | null;
  /** Problems in inline suppression comments. */
  readonly suppressionProblems: readonly SuppressionProblem[];
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/** Where each rule's documentation lives (`docs/rules/<id>.md` in the repository). */
export const RULE_DOCS_BASE = 'https://github.com/docsnip/docsnip/blob/main/docs/rules/';

/** The documentation page of a rule. */
export function ruleHelpUri(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z]+(-[a-z]+)*$/.test(rule.id)) throw new Error(`rule id must be kebab-case: ${rule.id}`);
  return Object.freeze(rule);
}

/**
 * Related location for a directive that sits in a fragment: the include
 * directive in the page being built that pulled the fragment in.
 */
export function includedFrom(ctx: RuleContext, result: { page: string; source: string }): RelatedLocation[] {
  if (result.page === result.source) return [];
  const page = ctx.pages.find((p) => p.page === result.page);
  const site = page?.directives.find((d) => d.kind === 'include' && d.parsed && d.target === result.source);
  if (!site) return [{ file: ctx.display(result.page), line: 1, column: 1, message: `built as part of this page` }];
  const start = site.directive.range.start;
  return [
    {
      file: ctx.display(site.source),
      line: start.line,
      column: start.column,
      message: `included here by ${ctx.display(result.page)}, so paths resolve from ${ctx.display(dirOf(result.page))}/`,
    },
  ];
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export type { Diagnostic };
