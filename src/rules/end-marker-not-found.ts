import { defineRule, includedFrom } from './rule.js';
import type { RelatedLocation } from '../core/diagnostic.js';
import { code, optionValueRange } from './locate.js';
import { endSearchStart, suggestion, targetLines } from './marker-search.js';

export default defineRule({
  id: 'end-marker-not-found',
  severity: 'error',
  origin: 'sphinx',
  description:
    'The text of `:end-before:` or `:end-at:` appears on no line after the start marker (Sphinx drops the block).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const p = r.resolution?.problems.find(
        (x) => x.code === 'pattern-not-found' && (x.option === 'end-before' || x.option === 'end-at'),
      );
      if (!p || !p.pattern || !r.target) continue;
      const lines = targetLines(r) ?? [];
      const search = endSearchStart(r, lines);
      const related: RelatedLocation[] = [];
      let detail = '';
      if (search !== null) {
        const { from, startLine, startOption } = search;
        if (startLine !== null) {
          related.push({
            file: ctx.display(r.target),
            line: startLine,
            column: 1,
            message: `the search starts at the :${startOption}: match on this line`,
          });
        }
        const before = lines.slice(0, from).findIndex((l) => l.includes(p.pattern!));
        const firstOnly =
          p.option === 'end-before' &&
          from < lines.length &&
          lines[from]!.includes(p.pattern) &&
          !lines.slice(from + 1).some((l) => l.includes(p.pattern!));
        if (firstOnly) {
          detail = `; it is only on line ${from + 1}, the first line after the start, which :end-before: skips`;
          related.push({ file: ctx.display(r.target), line: from + 1, column: 1, message: 'skipped match' });
        } else if (before >= 0) {
          detail = `; it only appears before the start marker (line ${before + 1})`;
          related.push({ file: ctx.display(r.target), line: before + 1, column: 1, message: 'match before the start marker' });
        } else {
          const s = suggestion(ctx, r.target, p.pattern, lines, from, startLine !== null ? true : null);
          detail = s.text;
          related.unshift(...s.related);
        }
      }
      const where = r.options?.pyobject ? ` within ${code(r.options.pyobject)}` : '';
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, p.option!),
        message: `:${p.option}: marker ${code(p.pattern)} not found${where} in ${code(ctx.display(r.target))}${detail}`,
        related: [...related, ...includedFrom(ctx, r)],
      });
    }
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'end-not-found' || !r.target) continue;
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, 'end-before'),
        message: `:end-before: text ${code(r.problem.pattern)} not found after the start in ${code(ctx.display(r.target))}`,
        related: includedFrom(ctx, r),
      });
    }
  },
});
