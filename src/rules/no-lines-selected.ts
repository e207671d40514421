import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';

export default defineRule({
  id: 'no-lines-selected',
  severity: 'error',
  origin: 'sphinx',
  description: '`:lines:` selects no line at all of what is left after the other filters, so Sphinx drops the block.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      for (const p of r.resolution?.problems ?? []) {
        if (p.code !== 'no-lines-pulled' && p.code !== 'index-error') continue;
        const spec = r.options?.lines ?? '';
        ctx.report({
          file: r.source,
          subject: r,
          range: optionValueRange(r.directive, 'lines'),
          message:
            p.code === 'index-error'
              ? `:lines: ${code(spec)} asks for the last line (0) of an empty selection`
              : `:lines: ${code(spec)} selects nothing from ${code(ctx.display(r.target ?? ''))}`,
          related: includedFrom(ctx, r),
        });
      }
    }
  },
});
