/**
 * Inline suppression. In reStructuredText, a comment
 * `.. docsnip-disable-next-line RULE [RULE...]` silences those rules (all
 * rules when none is named) on the next line, or on the whole directive
 * that starts there (a directive's findings point at its option lines). In
 * other files (a spread task, code), a comment line containing
 * `docsnip-disable-next-line RULE` silences the next line. Unknown rule ids
 * are reported, never ignored.
 */
import type { Diagnostic } from './core/diagnostic.js';
import type { PageResult } from './project/page.js';
import type { MarkerFile } from './markers/index.js';
import type { RstDirective } from './readers/rst/scanner.js';

export interface SuppressionProblem {
  /** Absolute path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** A suppression comment in a page: its span and the problems in its rule list. */
export interface PageComment {
  span: Span;
  problems: SuppressionProblem[];
}

interface Span {
  /** Display path. */
  file: string;
  from: number;
  to: number;
  /** Rule ids, or null for all. */
  rules: Set<string> | null;
}

export interface Suppressions {
  problems: SuppressionProblem[];
  apply(diagnostics: readonly Diagnostic[]): Diagnostic[];
}

const RST = /^docsnip-disable-next-line(?:\s+(.*))?$/;
const OTHER = /(?:#|\/\/|<!--|--|;|%)\s*docsnip-disable-next-line\b(.*)$/;

/** The rule list after the keyword: without a closing `-->` and trailing spaces (no backtracking regex). */
function ruleList(rest: string): string {
  const trimmed = rest.trimEnd();
  return (trimmed.endsWith('-->') ? trimmed.slice(0, -3) : trimmed).trimEnd();
}

/**
 * Gathers suppression comments as pages are analysed (each comment once,
 * however many pages include its file), then those of the marker files.
 */
export class SuppressionCollector {
  private readonly problems: SuppressionProblem[] = [];
  private readonly spans: Span[] = [];
  /** The comments of pages seen so far, by file and line, with what each gave. */
  private readonly seen = new Map<string, PageComment>();

  constructor(
    private readonly display: (path: string) => string,
    private readonly ruleIds: readonly string[],
  ) {}

  private parseRules(text: string, file: string, line: number, column: number, endColumn: number): Set<string> | null {
    const ids = text.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) return null;
    for (const id of ids) {
      if (!this.ruleIds.includes(id)) {
        this.problems.push({ file, line, column, endLine: line, endColumn, message: `unknown rule \`${id}\` in docsnip-disable-next-line` });
      }
    }
    return new Set(ids);
  }

  /** The rST comments of an analysed page and the fragments it includes. */
  addPage(page: PageResult): void {
    const scan = page.scan;
    if (!scan) return;
    // The first directive starting on each line of each file, found once per page.
    let starts: Map<string, RstDirective> | null = null;
    for (const c of scan.comments) {
      const m = RST.exec(c.text.split('\n')[0]!.trim());
      if (!m) continue;
      const key = `${c.file}:${c.range.start.line}`;
      if (this.seen.has(key)) continue;
      const before = this.problems.length;
      const rules = this.parseRules(m[1] ?? '', c.file, c.range.start.line, c.range.start.column, c.range.end.column);
      const next = c.range.end.line + 1;
      if (!starts) {
        starts = new Map();
        for (const x of scan.directives) {
          const k = `${x.file}\u0000${x.range.start.line}`;
          if (!starts.has(k)) starts.set(k, x);
        }
      }
      const d = starts.get(`${c.file}\u0000${next}`);
      const span = { file: this.display(c.file), from: next, to: d ? d.range.end.line : next, rules };
      this.spans.push(span);
      this.seen.set(key, { span, problems: this.problems.slice(before) });
    }
  }

  /** What the page comments gave, to merge into another collector (plain data). */
  pageComments(): [string, PageComment][] {
    return [...this.seen];
  }

  /** Take the page comments another collector found, those not seen here yet. */
  mergePageComments(comments: Iterable<[string, PageComment]>): void {
    for (const [key, c] of comments) {
      if (this.seen.has(key)) continue;
      this.seen.set(key, c);
      this.spans.push(c.span);
      for (const p of c.problems) this.problems.push(p);
    }
  }

  /** Comment lines in a marker file (a spread task, code). */
  addMarkerFile(f: MarkerFile): void {
    f.lines.forEach((text, i) => {
      if (!text.includes('docsnip-disable-next-line')) return;
      const m = OTHER.exec(text);
      if (!m) return;
      const column = text.indexOf('docsnip-disable-next-line') + 1;
      const rules = this.parseRules(ruleList(m[1] ?? ''), f.path, i + 1, column, text.trimEnd().length + 1);
      this.spans.push({ file: this.display(f.path), from: i + 2, to: i + 2, rules });
    });
  }

  /** The suppressions gathered. */
  finish(): Suppressions {
    const byFile = new Map<string, Span[]>();
    for (const span of this.spans) {
      const list = byFile.get(span.file);
      if (list) list.push(span);
      else byFile.set(span.file, [span]);
    }
    return {
      problems: this.problems,
      apply: (diagnostics) =>
        diagnostics.filter(
          (d) => !(byFile.get(d.file) ?? []).some((s) => d.line >= s.from && d.line <= s.to && (s.rules === null || s.rules.has(d.ruleId))),
        ),
    };
  }
}
