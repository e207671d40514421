import { defineRule, includedFrom } from './rule.js';
import type { RelatedLocation } from '../core/diagnostic.js';
import { code, optionValueRange } from './locate.js';
import { stripTerminator } from './marker-search.js';

export default defineRule({
  id: 'dedent-strips-text',
  severity: 'warning',
  origin: 'sphinx',
  description: '`:dedent: N` cuts characters that are not whitespace from some lines; Sphinx keeps the mangled block.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const p = r.resolution?.problems.find((x) => x.code === 'dedent-strips');
      if (!p || !r.target || !r.resolution) continue;
      const hit = p.targetLines ?? [];
      const fileLines = r.resolution.fileLines ?? [];
      // The widest dedent that would be safe: the common leading spaces of the selected non-blank lines.
      let safe: number | null = null;
      for (const origin of r.resolution.origins) {
        if (origin === null) continue;
        const line = stripTerminator(fileLines[origin - 1] ?? '');
        if (line.trim() === '') continue;
        const lead = line.length - line.replace(/^[ \t]+/, '').length;
        safe = safe === null ? lead : Math.min(safe, lead);
      }
      const related: RelatedLocation[] = hit.slice(0, 5).map((line) => ({
        file: ctx.display(r.target!),
        line,
        column: 1,
        message: 'loses text',
      }));
      const count = hit.length;
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, 'dedent'),
        message:
          `:dedent: ${r.options?.dedent ?? ''} cuts text from ${count} line${count === 1 ? '' : 's'} of ${code(ctx.display(r.target))}` +
          (count > 0 ? ` (first: line ${hit[0]})` : '') +
          (safe !== null ? `; the selected lines share ${safe} leading space${safe === 1 ? '' : 's'}` : ''),
        related: [...related, ...includedFrom(ctx, r)],
      });
    }
  },
});
