import { defineRule, includedFrom } from './rule.js';
import { option, optionRange } from './locate.js';

export default defineRule({
  id: 'option-conflict',
  severity: 'error',
  origin: 'sphinx',
  description:
    'Two literalinclude options Sphinx refuses together (such as `:start-after:` with `:start-at:`, or `:diff:` with `:lines:`).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      for (const p of r.resolution?.problems ?? []) {
        if (p.code === 'conflict' && p.options) {
          const [a, b] = p.options;
          const first = option(r.directive, a);
          ctx.report({
            file: r.source,
            subject: r,
            range: optionRange(r.directive, b),
            message: `:${b}: cannot be combined with :${a}: (Sphinx: ${p.message})`,
            related: [
              ...(first
                ? [{ file: ctx.display(r.source), line: first.range.start.line, column: first.range.start.column, message: `:${a}: is set here` }]
                : []),
              ...includedFrom(ctx, r),
            ],
          });
        } else if (p.code === 'lineno-match-disjoint') {
          const match = option(r.directive, 'lineno-match');
          ctx.report({
            file: r.source,
            subject: r,
            range: optionRange(r.directive, 'lines'),
            message: ':lines: selects lines that are not one consecutive run, which :lineno-match: cannot number',
            related: [
              ...(match
                ? [{ file: ctx.display(r.source), line: match.range.start.line, column: match.range.start.column, message: ':lineno-match: is set here' }]
                : []),
              ...includedFrom(ctx, r),
            ],
          });
        }
      }
    }
  },
});
