import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';

export default defineRule({
  id: 'lines-out-of-range',
  severity: 'warning',
  origin: 'sphinx',
  description:
    '`:lines:` or `:emphasize-lines:` names lines past the end of what is selected; Sphinx keeps the block without them.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      // When nothing is left at all, no-lines-selected says it better.
      if (r.resolution?.problems.some((p) => p.code === 'no-lines-pulled')) continue;
      for (const p of r.resolution?.problems ?? []) {
        if (p.code !== 'lines-out-of-range') continue;
        const total = /range\(1-(\d+)\)/.exec(p.message)?.[1] ?? '?';
        const spec = p.option === 'lines' ? r.options?.lines : r.options?.['emphasize-lines'];
        const of = p.option === 'lines' ? 'lines left after the other filters' : 'lines in the block';
        ctx.report({
          file: r.source,
          subject: r,
          range: optionValueRange(r.directive, p.option ?? 'lines'),
          message: `:${p.option}: ${code(spec ?? '')} goes past the ${total} ${of}; Sphinx ignores the lines that do not exist`,
          related: includedFrom(ctx, r),
        });
      }
    }
  },
});
