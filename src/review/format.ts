/**
 * `docsnip review` output: a Markdown pull-request comment, JSON, and the
 * new problems as diagnostics (for the github and sarif reporters), placed
 * on the changed line that caused them.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { NewProblem, ReviewReport } from './review.js';

/** GitHub refuses comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The new problems, each placed on its cause (the broken directive becomes a related location). */
export function reviewDiagnostics(report: ReviewReport): Diagnostic[] {
  return report.newProblems.map((p) => {
    const d = p.diagnostic;
    const c = p.cause;
    if (!c || c.line === null) return d;
    return {
      ...d,
      file: c.file,
      line: c.line,
      column: 1,
      endLine: c.line,
      endColumn: (c.text ?? '').length + 1,
      message: `this change breaks ${d.file}:${d.line}: ${d.message}`,
      related: [{ file: d.file, line: d.line, column: d.column, message: `broken here (${d.ruleId})` }, ...d.related],
    };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inline code that survives backticks in the text. */
function code(s: string): string {
  const run = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return run > 0 ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

function fenced(lang: string, text: string): string {
  const run = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return `${fence}${lang}\n${text.endsWith('\n') ? text : text + '\n'}${fence}`;
}

function causeText(p: NewProblem): string {
  const c = p.cause;
  if (!c) return '';
  if (c.kind === 'deleted') return ` — caused by deleting ${code(c.file)}`;
  if (c.kind === 'renamed') return ` — caused by moving ${code(c.from ?? '')} to ${code(c.file)}`;
  if (c.kind === 'added') return ` — caused by adding ${code(c.file)}`;
  return ` — caused by ${code(`${c.file}:${c.line}`)}${c.text ? `: ${code(c.text.trim())}` : ''}`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A pull-request comment: a summary table, the problems, then each page's snippet diffs in a collapsible section. */
export function formatReviewMarkdown(report: ReviewReport, limit = GITHUB_COMMENT_LIMIT): string {
  const s = report.summary;
  const head: string[] = ['## docsnip review', ''];
  const verdict =
    s.newErrors > 0
      ? `This change breaks ${plural(s.newErrors, 'literalinclude or include', 'literalincludes or includes')}.`
      : s.snippetsChanged > 0
        ? 'No new errors; some rendered snippets change.'
        : 'No new problems, and every rendered snippet stays the same.';
  head.push(verdict, '', '| | |', '| --- | --- |');
  head.push(`| New errors | ${s.newErrors} |`, `| New warnings | ${s.newWarnings} |`, `| Problems fixed | ${s.fixed} |`);
  head.push(
    `| Snippets that render differently | ${s.snippetsChanged}${s.snippetsChanged > 0 ? ` on ${plural(s.pagesWithChanges, 'page')}${s.untouchedPagesWithChanges > 0 ? ` (${s.untouchedPagesWithChanges} not touched by this change)` : ''}` : ''} |`,
  );
  head.push('');
  if (report.newProblems.length > 0) {
    head.push('### New problems', '');
    for (const p of report.newProblems) {
      const d = p.diagnostic;
      head.push(`- ${d.severity === 'error' ? '**error**' : 'warning'} ${code(`${d.file}:${d.line}:${d.column}`)} ${escapeHtml(d.message)} (${code(d.ruleId)})${causeText(p)}`);
    }
    head.push('');
  }
  if (report.fixedProblems.length > 0) {
    head.push('### Problems fixed', '');
    for (const d of report.fixedProblems) head.push(`- ${code(`${d.file}:${d.line}`)} ${escapeHtml(d.message)} (${code(d.ruleId)})`);
    head.push('');
  }
  const sections: string[] = [];
  if (report.snippets.length > 0) {
    const byPage = new Map<string, typeof report.snippets>();
    for (const sn of report.snippets) byPage.set(sn.page, [...(byPage.get(sn.page) ?? []), sn]);
    for (const [page, list] of byPage) {
      const note = list.every((x) => !x.pageTouched) ? ' (page not touched by this change)' : '';
      const body: string[] = [`<details><summary><code>${escapeHtml(page)}</code>: ${plural(list.length, 'snippet renders', 'snippets render')} differently${note}</summary>`, ''];
      for (const sn of list) {
        const what = sn.status === 'added' ? 'new snippet' : sn.status === 'removed' ? 'snippet removed' : sn.after === null ? 'now renders nothing' : sn.before === null ? 'renders again' : 'changed';
        body.push(`${code(`${sn.source}:${sn.line}`)}${sn.target ? ` ← ${code(sn.target)}` : ''} (${what})`, '', fenced('diff', sn.diff), '');
      }
      body.push('</details>', '');
      sections.push(body.join('\n'));
    }
  }
  let out = head.join('\n');
  if (sections.length > 0) out += '\n### Rendered snippets that change\n\n';
  const reserve = 300;
  let shown = 0;
  for (const section of sections) {
    if (out.length + section.length + reserve > limit) break;
    out += section;
    shown++;
  }
  if (shown < sections.length) {
    out += `\n_${plural(sections.length - shown, 'more page')} not shown: the comment would pass GitHub's ${limit.toLocaleString('en-US')}-character limit. Run \`docsnip review\` locally for the full report._\n`;
  }
  if (out.length > limit) out = out.slice(0, limit - 100) + '\n\n_(cut at the comment size limit)_\n';
  return out;
}

export function formatReviewJson(report: ReviewReport): string {
  return (
    JSON.stringify(
      {
        version: 1,
        summary: report.summary,
        newProblems: report.newProblems.map((p) => ({ ...p.diagnostic, cause: p.cause })),
        fixedProblems: report.fixedProblems,
        snippets: report.snippets,
      },
      null,
      2,
    ) + '\n'
  );
}
