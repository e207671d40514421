/**
 * `docsnip review`: what a change does to the rendered docs. Compares a
 * check of the base revision with a check of the head: the problems the
 * change brings (each traced to the changed line that caused it) and the
 * ones it fixes, and every rendered snippet whose text changes, on pages the
 * change touched or not. Pure: both checks and the list of changed files
 * come from the caller.
 */
import type { CheckResult } from '../check.js';
import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import type { DirectiveResult, LiteralIncludeResult } from '../project/page.js';
import { SequenceMatcher, unifiedDiff } from '../python/difflib.js';
import { splitLines } from '../python/str.js';

export interface Change {
  status: 'A' | 'M' | 'D' | 'R' | 'T';
  /** Absolute path (the new one for a rename). */
  path: string;
  oldPath?: string;
}

/** The changed line a new problem comes from. */
export interface Cause {
  /** Display path of the changed file (in the head; the base path for a deleted file). */
  file: string;
  /** 1-based line in the head, or null when the file was deleted or the whole file is the cause. */
  line: number | null;
  kind: 'changed' | 'deleted' | 'renamed' | 'added';
  /** The line's text in the head (or, for a deleted line, what the base had). */
  text: string | null;
  /** For a rename: the old display path. */
  from?: string;
}

export interface NewProblem {
  diagnostic: Diagnostic;
  cause: Cause | null;
}

export interface SnippetChange {
  /** Display paths: the page being built (head, or base when the page is gone), the file holding the directive, the included file. */
  page: string;
  source: string;
  line: number;
  target: string | null;
  status: 'changed' | 'added' | 'removed';
  before: string | null;
  after: string | null;
  /** Unified diff of the rendered text (`--- before` / `+++ after`). */
  diff: string;
  /** Did the change touch the page or one of its fragments? (No: the snippet changed through an included file.) */
  pageTouched: boolean;
}

export interface ReviewReport {
  newProblems: NewProblem[];
  fixedProblems: Diagnostic[];
  snippets: SnippetChange[];
  changedFiles: number;
  summary: {
    newErrors: number;
    newWarnings: number;
    fixed: number;
    snippetsChanged: number;
    pagesWithChanges: number;
    untouchedPagesWithChanges: number;
  };
}

export interface ReviewInput {
  base: CheckResult;
  head: CheckResult;
  changes: readonly Change[];
  /** Display path of an absolute path. */
  display: (path: string) => string;
  /** A file's text lines (with terminators) at the base or the head, or null. */
  baseLines: (path: string) => string[] | null;
  headLines: (path: string) => string[] | null;
}

/** A diagnostic's identity across revisions: line numbers move, the rest does not. */
function problemKey(d: Diagnostic, file: string): string {
  return [d.ruleId, file, d.severity, d.message.replace(/\d+/g, '#')].join('\u0000');
}

function dedupeKey(d: Diagnostic): string {
  return [d.file, d.line, d.column, d.endLine, d.endColumn, d.ruleId, d.severity, d.message].join('\u0000');
}

/** What makes two literalincludes the same directive in both revisions. */
function signature(d: LiteralIncludeResult): string {
  return JSON.stringify([d.directive.argument, d.directive.options.map((o) => [o.name, o.value])]);
}

function textOf(d: LiteralIncludeResult | undefined): string | null {
  return d?.resolution?.ok ? d.resolution.text : null;
}

/** A unified diff of two snippet texts, with git's note for a missing final newline. */
export function snippetDiff(before: string | null, after: string | null, from: string, to: string): string {
  const a = before === null ? [] : splitLines(before, true);
  const b = after === null ? [] : splitLines(after, true);
  return unifiedDiff(a, b, from, to)
    .map((l) => (l.endsWith('\n') ? l : `${l}\n\\ No newline at end of file\n`))
    .join('');
}

/** Pair two sequences on equal keys in order (longest common subsequence), then what is left in each gap, in order. */
function align<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): [T | undefined, T | undefined][] {
  const m = new SequenceMatcher(a.map(key), b.map(key));
  const out: [T | undefined, T | undefined][] = [];
  for (const [tag, i1, i2, j1, j2] of m.getOpcodes()) {
    if (tag === 'equal') {
      for (let k = 0; k < i2 - i1; k++) out.push([a[i1 + k], b[j1 + k]]);
      continue;
    }
    const n = Math.max(i2 - i1, j2 - j1);
    for (let k = 0; k < n; k++) out.push([i1 + k < i2 ? a[i1 + k] : undefined, j1 + k < j2 ? b[j1 + k] : undefined]);
  }
  return out;
}

/** The head line that base line `line` (1-based) became, and whether it was changed. */
function mapLine(before: readonly string[], after: readonly string[], line: number): { line: number; changed: boolean } {
  const i = line - 1;
  for (const [tag, i1, i2, j1, j2] of new SequenceMatcher(before, after).getOpcodes()) {
    if (i < i1 || i >= i2) continue;
    if (tag === 'equal') return { line: j1 + (i - i1) + 1, changed: false };
    return { line: Math.min(j1 + (i - i1), Math.max(j2 - 1, j1)) + 1, changed: true };
  }
  return { line: Math.max(1, after.length), changed: true };
}

/** The first line of `after` that differs from `before` (1-based), or null. */
function firstChangedLine(before: readonly string[], after: readonly string[]): number | null {
  for (const [tag, , , j1] of new SequenceMatcher(before, after).getOpcodes()) if (tag !== 'equal') return j1 + 1;
  return null;
}

export function review(input: ReviewInput): ReviewReport {
  const { base, head, changes, display } = input;
  const changed = new Map<string, Change>();
  for (const c of changes) {
    changed.set(c.path, c);
    if (c.oldPath) changed.set(c.oldPath, c);
  }
  // A base path as it is called in the head (renames followed).
  const renamed = new Map(changes.filter((c) => c.status === 'R' && c.oldPath).map((c) => [c.oldPath!, c.path]));
  const toHead = (p: string): string => renamed.get(p) ?? p;
  const absOf = new Map<string, string>();
  const noteAbs = (r: CheckResult): void => {
    for (const p of r.project.analysed) {
      absOf.set(display(p.page), p.page);
      for (const f of p.included) absOf.set(display(f), f);
      for (const d of p.directives) if (d.target) absOf.set(display(d.target), d.target);
    }
  };
  noteAbs(base);
  noteAbs(head);
  for (const c of changes) {
    absOf.set(display(c.path), c.path);
    if (c.oldPath) absOf.set(display(c.oldPath), c.oldPath);
  }

  // Problems: compare as multisets, base paths renamed to head paths.
  const baseCount = new Map<string, Diagnostic[]>();
  for (const d of base.diagnostics) {
    const file = display(toHead(absOf.get(d.file) ?? d.file));
    const k = problemKey(d, file);
    baseCount.set(k, [...(baseCount.get(k) ?? []), d]);
  }
  const fresh: Diagnostic[] = [];
  for (const d of head.diagnostics) {
    const k = problemKey(d, d.file);
    const list = baseCount.get(k);
    if (list && list.length > 0) list.shift();
    else fresh.push(d);
  }
  const fixedProblems = [...baseCount.values()].flat().sort(compareDiagnostics);

  // Which directive each head diagnostic is about.
  const headDirective = new Map<string, DirectiveResult>();
  for (const [d, diags] of head.byDirective) for (const x of diags) headDirective.set(dedupeKey(x), d);
  const baseByPage = new Map<string, LiteralIncludeResult[]>();
  for (const p of base.project.pages) {
    baseByPage.set(toHead(p.page), p.directives.filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude'));
  }

  const cause = (d: Diagnostic): Cause | null => {
    const directive = headDirective.get(dedupeKey(d));
    const candidates: string[] = [];
    if (directive) {
      if (directive.target) candidates.push(directive.target);
      if (directive.kind === 'literalinclude' && directive.diffTarget) candidates.push(directive.diffTarget);
      candidates.push(directive.source, directive.page);
    } else {
      const own = absOf.get(d.file);
      if (own) candidates.push(own);
    }
    for (const file of candidates) {
      const c = changed.get(file);
      if (!c) continue;
      if (c.status === 'D' || (file === c.oldPath && c.status !== 'R')) {
        return { file: display(file), line: null, kind: 'deleted', text: null };
      }
      if (c.status === 'R' && (file === c.path || file === c.oldPath)) {
        return { file: display(c.path), line: null, kind: 'renamed', text: null, from: display(c.oldPath!) };
      }
      const after = input.headLines(file);
      const before = input.baseLines(c.oldPath ?? file);
      if (!after) return { file: display(file), line: null, kind: 'deleted', text: null };
      if (!before) return { file: display(file), line: null, kind: 'added', text: null };
      // The line the directive used in the base (its marker), where the head changed it.
      let line: number | null = null;
      if (directive && file === directive.target && directive.kind === 'literalinclude') {
        const old = (baseByPage.get(directive.page) ?? []).find((b) => signature(b) === signature(directive));
        const used = old?.resolution?.matches.start?.line ?? old?.resolution?.matches.end?.line ?? null;
        if (used !== null) {
          const m = mapLine(before, after, used);
          if (m.changed) line = m.line;
        }
      } else if (directive && file === directive.source) {
        const at = directive.directive.range.start.line;
        const m = mapLineBack(before, after, at, directive.directive.range.end.line);
        if (m) line = m;
      } else if (!directive) {
        const m = mapLineBack(before, after, d.line, d.endLine);
        if (m) line = m;
      }
      line ??= firstChangedLine(before, after);
      if (line === null) continue;
      return { file: display(file), line, kind: 'changed', text: (after[line - 1] ?? '').replace(/\r?\n$/, '') };
    }
    return null;
  };
  // Errors first, then by place.
  const newProblems = fresh
    .sort((a, b) => (a.severity === b.severity ? compareDiagnostics(a, b) : a.severity === 'error' ? -1 : 1))
    .map((d) => ({ diagnostic: d, cause: cause(d) }));

  // Snippets: pair each page's literalincludes across revisions.
  const touched = (p: { page: string; included: Set<string> }): boolean =>
    changed.has(p.page) || [...p.included].some((f) => changed.has(f));
  const snippets: SnippetChange[] = [];
  const headPages = new Map(head.project.pages.map((p) => [p.page, p]));
  const basePages = new Map(base.project.pages.map((p) => [toHead(p.page), p]));
  const pagesInOrder = [...new Set([...headPages.keys(), ...basePages.keys()])].sort();
  for (const page of pagesInOrder) {
    const h = headPages.get(page);
    const b = basePages.get(page);
    const hl = (h?.directives ?? []).filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude');
    const bl = (b?.directives ?? []).filter((d): d is LiteralIncludeResult => d.kind === 'literalinclude');
    const pageTouched = (h ? touched(h) : false) || (b ? touched(b) : false);
    for (const [x, y] of align(bl, hl, signature)) {
      const before = textOf(x);
      const after = textOf(y);
      if (before === after && x && y) continue;
      if (before === null && after === null) continue;
      const at = y ?? x!;
      const status = x && y ? 'changed' : y ? 'added' : 'removed';
      const name = `${display(at.source)}:${at.directive.range.start.line}`;
      snippets.push({
        page: display(page),
        source: display(at.source),
        line: at.directive.range.start.line,
        target: at.target ? display(at.target) : null,
        status,
        before,
        after,
        diff: snippetDiff(before, after, `${name} (before)`, `${name} (after)`),
        pageTouched,
      });
    }
  }

  const newErrors = newProblems.filter((p) => p.diagnostic.severity === 'error').length;
  const pages = new Set(snippets.map((s) => s.page));
  const untouched = new Set(snippets.filter((s) => !s.pageTouched).map((s) => s.page));
  return {
    newProblems,
    fixedProblems,
    snippets,
    changedFiles: changes.length,
    summary: {
      newErrors,
      newWarnings: newProblems.length - newErrors,
      fixed: fixedProblems.length,
      snippetsChanged: snippets.length,
      pagesWithChanges: pages.size,
      untouchedPagesWithChanges: untouched.size,
    },
  };
}

/** The head line of a base range (1-based lines) that the change touched, or null. */
function mapLineBack(before: readonly string[], after: readonly string[], from: number, to: number): number | null {
  // Lines are head lines here: find a changed head line within [from, to].
  for (const [tag, , , j1, j2] of new SequenceMatcher(before, after).getOpcodes()) {
    if (tag === 'equal') continue;
    const first = j1 + 1;
    const last = Math.max(j2, j1 + 1);
    if (first <= to && last >= from) return Math.max(first, from);
  }
  return null;
}

/** Related location pointing at the broken directive, for reporters. */
export function brokenHere(p: NewProblem): RelatedLocation {
  return { file: p.diagnostic.file, line: p.diagnostic.line, column: p.diagnostic.column, message: `broken here: ${p.diagnostic.message}` };
}
