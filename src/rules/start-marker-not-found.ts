import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';
import { suggestion, targetLines } from './marker-search.js';

export default defineRule({
  id: 'start-marker-not-found',
  severity: 'error',
  origin: 'sphinx',
  description: 'The text of `:start-after:` or `:start-at:` appears on no line of the included file (Sphinx drops the block).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const p = r.resolution?.problems.find(
        (x) => x.code === 'pattern-not-found' && (x.option === 'start-after' || x.option === 'start-at'),
      );
      if (!p || !p.pattern || !r.target) continue;
      const lines = targetLines(r) ?? [];
      const inObject = r.options?.pyobject ? ` within ${code(r.options.pyobject)}` : '';
      const s = suggestion(ctx, r.target, p.pattern, lines, 0, false);
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, p.option!),
        message: `:${p.option}: marker ${code(p.pattern)} not found${inObject} in ${code(ctx.display(r.target))}${s.text}`,
        related: [...s.related, ...includedFrom(ctx, r)],
      });
    }
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'start-not-found' || !r.target) continue;
      const lines = ctx.textLines(r.target) ?? [];
      const s = suggestion(ctx, r.target, r.problem.pattern, lines, 0, false);
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, 'start-after'),
        message: `:start-after: text ${code(r.problem.pattern)} not found in ${code(ctx.display(r.target))}${s.text}`,
        related: [...s.related, ...includedFrom(ctx, r)],
      });
    }
  },
});
