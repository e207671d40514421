/**
 * `resolve`: every literalinclude of every checked page, in reading order,
 * with the exact text Sphinx renders for it.
 */
import { check, displayPath, type CheckOptions } from './check.js';
import { diagnosticJson } from './reporters/json.js';
import type { Diagnostic } from './core/diagnostic.js';

export interface ResolvedDirective {
  /** The page being built (display path). */
  doc: string;
  /** The file that holds the directive (display path): the page or a fragment. */
  source: string;
  line: number;
  column: number;
  name: 'literalinclude';
  /** The resolved file (display path), or null without an argument. */
  target: string | null;
  /** Options as written (value null for an empty option), in source order. */
  options: Record<string, string | null>;
  /** Did Sphinx produce a literal block? */
  ok: boolean;
  /** The literal block's text exactly, or null. */
  text: string | null;
  language: string | null;
  /** First displayed line number. */
  lineStart: number | null;
  diagnostics: Diagnostic[];
}

export interface ResolveResult {
  directives: ResolvedDirective[];
  summary: { files: number; directives: number; errors: number; warnings: number };
}

/**
 * Resolve every literalinclude of the checked pages. Each page's directives
 * are taken while the page is at hand and the page is dropped, so a large
 * tree never has to fit in memory whole (only what is printed).
 */
export function resolveProject(opts: CheckOptions): ResolveResult {
  const byPage = new Map<string, ResolvedDirective[]>();
  const result = check({
    ...opts,
    retain: false,
    onPage: (page, byDirective) => {
      const directives: ResolvedDirective[] = [];
      for (const d of page.directives) {
        if (d.kind !== 'literalinclude') continue;
        // No prototype: an option named `__proto__` is kept like any other.
        const options: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
        for (const o of d.directive.options) options[o.name] = o.value;
        const r = d.resolution;
        const start = r?.ok ? r.linenoStart : null;
        directives.push({
          doc: displayPath(opts.cwd, d.page),
          source: displayPath(opts.cwd, d.source),
          line: d.directive.range.start.line,
          column: d.directive.range.start.column,
          name: 'literalinclude',
          target: d.target ? displayPath(opts.cwd, d.target) : null,
          options,
          ok: r?.ok ?? false,
          text: r?.ok ? r.text : null,
          language: r?.language ?? d.options?.language ?? null,
          lineStart: start === null ? null : Number(start),
          diagnostics: byDirective.get(d) ?? [],
        });
      }
      byPage.set(page.page, directives);
    },
  });
  return { directives: result.checked.flatMap((doc) => byPage.get(doc) ?? []), summary: result.summary };
}

export function formatResolveJson(result: ResolveResult): string {
  return [...resolveJsonChunks(result)].join('');
}

/**
 * `formatResolveJson`'s text in pieces, one per directive, so a long report
 * can be written as it is made: the same bytes as `JSON.stringify` of the
 * whole report with an indent of 2.
 */
export function* resolveJsonChunks(result: ResolveResult): Generator<string> {
  const list = result.directives;
  if (list.length === 0) {
    yield '{\n  "version": 1,\n  "directives": []\n}\n';
    return;
  }
  yield '{\n  "version": 1,\n  "directives": [\n';
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const item = {
      doc: d.doc,
      source: d.source,
      line: d.line,
      column: d.column,
      name: d.name,
      target: d.target,
      options: d.options,
      ok: d.ok,
      text: d.text,
      language: d.language,
      lineStart: d.lineStart,
      diagnostics: d.diagnostics.map(diagnosticJson),
    };
    // Two levels in: JSON escapes line breaks in strings, so every line break is the layout's.
    yield `    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}${i === list.length - 1 ? '\n' : ',\n'}`;
  }
  yield '  ]\n}\n';
}

/** Plain text: a header per directive, then its text. */
export function formatResolveText(result: ResolveResult): string {
  return [...resolveTextChunks(result)].join('');
}

/** `formatResolveText`'s text in pieces, one per directive. */
export function* resolveTextChunks(result: ResolveResult): Generator<string> {
  let first = true;
  for (const d of result.directives) {
    const where = d.source === d.doc ? `${d.source}:${d.line}` : `${d.source}:${d.line} (in ${d.doc})`;
    const out = [`==> ${where} <- ${d.target ?? '?'}${d.language ? ` [${d.language}]` : ''}`];
    if (d.ok) {
      out.push(d.text!.endsWith('\n') || d.text === '' ? d.text!.replace(/\n$/, '') : d.text! + ' ⏎ (no final newline)');
    } else {
      for (const diag of d.diagnostics) out.push(`!! ${diag.ruleId}: ${diag.message}`);
    }
    out.push('');
    yield (first ? '' : '\n') + out.join('\n');
    first = false;
  }
}
