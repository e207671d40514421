/**
 * `docsnip review`: what a change does to the rendered docs. Compares a
 * check of the base revision with a check of the head: the problems the
 * change brings (each traced to the changed line that caused it) and the
 * ones it fixes, and every rendered snippet whose text changes, on pages the
 * change touched or not. Pure: both file systems and the list of changed
 * files come from the caller. Each side keeps only what the comparison needs
 * of its pages (`ReviewSide`), so a large tree never has to fit in memory.
 */
import { posix } from 'node:path';
import { check, type CheckOptions } from '../check.js';
import type { FileSystem } from '../core/fs.js';
import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import type { DirectiveResult, PageResult } from '../project/page.js';
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

/** A directive as the review needs it: where it is and what it shows. */
export interface ReviewDirective {
  kind: 'literalinclude' | 'include';
  /** Absolute paths: the page being built, the file holding the directive, the file it shows (or null). */
  page: string;
  source: string;
  target: string | null;
  /** A literalinclude's `:diff:` file (absolute), or null. */
  diffTarget: string | null;
  /** First and last line of the directive in `source`. */
  line: number;
  endLine: number;
  /** A literalinclude's argument and options: what makes it the same directive in both revisions (null for an include). */
  signature: string | null;
}

/** A literalinclude of a checked page, with the text it renders. */
export interface ReviewSnippet extends ReviewDirective {
  kind: 'literalinclude';
  signature: string;
  /** The rendered text, or null when the directive does not resolve. */
  text: string | null;
  /** The line of `target` its start pattern (or, without one, its end pattern) matched, or null. */
  used: number | null;
}

export interface ReviewPage {
  page: string;
  /** The fragments it includes (absolute). */
  included: ReadonlySet<string>;
  snippets: readonly ReviewSnippet[];
}

/** What the review keeps of one revision's check. */
export interface ReviewSide {
  diagnostics: Diagnostic[];
  /** The checked pages, sorted. */
  pages: ReviewPage[];
  /** Absolute paths of every document analysed, fragment included and file shown. */
  files: string[];
  /** The directive each diagnostic about one is about, by `dedupeKey` (the head's only: see `checkForReview`). */
  directives: Map<string, ReviewDirective>;
}

export interface ReviewInput {
  base: ReviewSide;
  head: ReviewSide;
  changes: readonly Change[];
  /** Display path of an absolute path. */
  display: (path: string) => string;
  /** A file's text lines (with terminators) at the base or the head, or null. */
  baseLines: (path: string) => string[] | null;
  headLines: (path: string) => string[] | null;
}

/**
 * The hint a missing file's message ends with: a near name in its directory, or the file found beside the
 * fragment. It changes with files the page does not name, while the problem stays the same.
 */
const MISSING_FILE_HINT = /; (did you mean `[^`]*`\?|it exists relative to the fragment .*)$/s;

/** A diagnostic's identity across revisions: line numbers move, and a missing file's hint may change; the rest does not. */
function problemKey(d: Diagnostic, file: string): string {
  const message = d.ruleId === 'include-file-missing' ? d.message.replace(MISSING_FILE_HINT, '') : d.message;
  return [d.ruleId, file, d.severity, message.replace(/\d+/g, '#')].join('\u0000');
}

function dedupeKey(d: Diagnostic): string {
  return [d.file, d.line, d.column, d.endLine, d.endColumn, d.ruleId, d.severity, d.message].join('\u0000');
}

function directiveOf(d: DirectiveResult): ReviewDirective {
  return {
    kind: d.kind,
    page: d.page,
    source: d.source,
    target: d.target,
    diffTarget: d.kind === 'literalinclude' ? d.diffTarget : null,
    line: d.directive.range.start.line,
    endLine: d.directive.range.end.line,
    signature: d.kind === 'literalinclude' ? signatureOf(d) : null,
  };
}

/** What makes two literalincludes the same directive in both revisions. */
function signatureOf(d: DirectiveResult): string {
  return JSON.stringify([d.directive.argument, d.directive.options.map((o) => [o.name, o.value])]);
}

/** What the review keeps of a page, taken while the page is at hand. */
function reviewPage(page: PageResult): ReviewPage {
  const snippets: ReviewSnippet[] = [];
  for (const d of page.directives) {
    if (d.kind !== 'literalinclude') continue;
    const r = d.resolution;
    // A literal, not a spread of `directiveOf` overriding some of its fields: in V8 that gave every snippet a
    // hidden class of its own, which tripled the memory a side takes.
    snippets.push({
      kind: 'literalinclude',
      page: d.page,
      source: d.source,
      target: d.target,
      diffTarget: d.diffTarget,
      line: d.directive.range.start.line,
      endLine: d.directive.range.end.line,
      signature: signatureOf(d),
      text: r?.ok ? r.text : null,
      used: r?.matches.start?.line ?? r?.matches.end?.line ?? null,
    });
  }
  return { page: page.page, included: page.included, snippets };
}

/**
 * The files a review gives each revision's check as changed (`--changed`),
 * or null when it must check every page. Only the pages a change can affect
 * can render or report differently: the pages that name a changed file
 * (directly or through fragments), found as `--changed` finds them. The
 * marker checks of a file those pages show count the uses on every page, so
 * the files with markers they show are given too, which brings in every
 * page showing them; pages outside that set are the same in both revisions
 * and would cancel out. A document a changed one starts or stops including
 * is given too: it turns from a page into a fragment, or back. `links` are
 * the repository's symbolic links to files: a link to a changed file counts
 * as changed. A changed conf.py or `.gitignore` can change any page, or
 * which files are pages: then every page is checked.
 */
export function reviewScope(
  opts: CheckOptions,
  revisions: readonly FileSystem[],
  changes: readonly Change[],
  links: readonly { path: string; target: string }[] = [],
): string[] | null {
  const changed = [...new Set(changes.flatMap((c) => (c.oldPath ? [c.path, c.oldPath] : [c.path])))];
  const conf = posix.join(opts.root, 'conf.py');
  if (changed.some((f) => f === conf || posix.basename(f) === '.gitignore')) return null;
  // A page that names a link to a changed file reads the changed file (links to links too).
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of links) {
      if (changed.includes(l.target) && !changed.includes(l.path)) {
        changed.push(l.path);
        grew = true;
      }
    }
  }
  const isChanged = new Set(changed);
  const files = new Set(changed);
  // What each changed document includes, in each revision.
  const includes = revisions.map(() => new Map<string, Set<string>>());
  revisions.forEach((fs, i) => {
    const shown = new Set<string>();
    const result = check({
      ...opts,
      fs,
      changed,
      retain: false,
      onPage: (page) => {
        const own = isChanged.has(page.page) ? new Set<string>() : null;
        if (own) includes[i]!.set(page.page, own);
        for (const d of page.directives) {
          if (d.kind === 'literalinclude' && d.target) shown.add(d.target);
          else if (d.kind === 'include' && d.target && d.source === page.page) own?.add(d.target);
        }
      },
    });
    // Only marker checks count uses across pages: a file without markers brings in no other page.
    for (const f of shown) if ((result.markerFiles.get(f)?.markers.length ?? 0) > 0) files.add(f);
  });
  // A document a changed one starts or stops including turns from a page into a fragment or back.
  for (const doc of new Set(includes.flatMap((m) => [...m.keys()]))) {
    const sets = includes.map((m) => m.get(doc) ?? new Set<string>());
    for (const set of sets) for (const f of set) if (!sets.every((s) => s.has(f))) files.add(f);
  }
  return [...files].sort();
}

/** A base path as the head calls it: renames followed. */
function headPaths(changes: readonly Change[]): (path: string) => string {
  const renamed = new Map(changes.filter((c) => c.status === 'R' && c.oldPath).map((c) => [c.oldPath!, c.path]));
  return (p) => renamed.get(p) ?? p;
}

/**
 * Check one revision for the review: each page is dropped once its findings
 * and snippets are taken (see `ReviewSide`). Check the base first, then the
 * head with `base`: a head page whose snippets are those of its base page
 * shares the base's list, and only the head records which directive each
 * diagnostic is about (the base's are never asked for).
 */
export function checkForReview(opts: CheckOptions, base?: { side: ReviewSide; changes: readonly Change[] }): ReviewSide {
  const pages = new Map<string, { page: ReviewPage; about: [string, ReviewDirective][] }>();
  const files = new Set<string>();
  let before: Map<string, readonly ReviewSnippet[]> | null = null;
  if (base) {
    const toHead = headPaths(base.changes);
    before = new Map(base.side.pages.map((p) => [toHead(p.page), p.snippets]));
  }
  const result = check({
    ...opts,
    retain: false,
    onPage: (page, byDirective) => {
      const about: [string, ReviewDirective][] = [];
      if (base) {
        for (const [d, diagnostics] of byDirective) {
          const kept = directiveOf(d);
          for (const x of diagnostics) about.push([dedupeKey(x), kept]);
        }
      }
      let kept = reviewPage(page);
      const same = before?.get(page.page);
      if (same && sameSnippets(same, kept.snippets)) kept = { page: kept.page, included: kept.included, snippets: same };
      pages.set(page.page, { page: kept, about });
      files.add(page.page);
      for (const f of page.included) files.add(f);
      for (const d of page.directives) if (d.target) files.add(d.target);
    },
  });
  // Only the checked pages count (a fragment may have been analysed on its own too).
  const checked = result.checked.flatMap((p) => pages.get(p) ?? []);
  const directives = new Map<string, ReviewDirective>();
  for (const { about } of checked) for (const [key, d] of about) directives.set(key, d);
  return { diagnostics: result.diagnostics, pages: checked.map((p) => p.page), files: [...files], directives };
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

/** Do both revisions show the same snippets, in the same order, with the same texts? (Then aligning them finds no change.) */
function sameSnippets(a: readonly ReviewSnippet[], b: readonly ReviewSnippet[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.signature !== b[i]!.signature || a[i]!.text !== b[i]!.text) return false;
  return true;
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
  const toHead = headPaths(changes);
  const absOf = new Map<string, string>();
  for (const f of base.files) absOf.set(display(f), f);
  for (const f of head.files) absOf.set(display(f), f);
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
  const headDirective = head.directives;
  const baseByPage = new Map<string, readonly ReviewSnippet[]>();
  for (const p of base.pages) baseByPage.set(toHead(p.page), p.snippets);

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
        const used = (baseByPage.get(directive.page) ?? []).find((b) => b.signature === directive.signature)?.used ?? null;
        if (used !== null) {
          const m = mapLine(before, after, used);
          if (m.changed) line = m.line;
        }
      } else if (directive && file === directive.source) {
        const m = mapLineBack(before, after, directive.line, directive.endLine);
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
  const touched = (p: ReviewPage): boolean => changed.has(p.page) || [...p.included].some((f) => changed.has(f));
  const snippets: SnippetChange[] = [];
  const headPages = new Map(head.pages.map((p) => [p.page, p]));
  const basePages = new Map(base.pages.map((p) => [toHead(p.page), p]));
  const pagesInOrder = [...new Set([...headPages.keys(), ...basePages.keys()])].sort();
  for (const page of pagesInOrder) {
    const h = headPages.get(page);
    const b = basePages.get(page);
    const hl = h?.snippets ?? [];
    const bl = b?.snippets ?? [];
    if (sameSnippets(bl, hl)) continue;
    const pageTouched = (h ? touched(h) : false) || (b ? touched(b) : false);
    for (const [x, y] of align(bl, hl, (s) => s.signature)) {
      const before = x ? x.text : null;
      const after = y ? y.text : null;
      if (before === after && x && y) continue;
      if (before === null && after === null) continue;
      const at = y ?? x!;
      const status = x && y ? 'changed' : y ? 'added' : 'removed';
      const name = `${display(at.source)}:${at.line}`;
      snippets.push({
        page: display(page),
        source: display(at.source),
        line: at.line,
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
