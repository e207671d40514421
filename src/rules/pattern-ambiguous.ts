import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';

export default defineRule({
  id: 'pattern-ambiguous',
  severity: 'warning',
  origin: 'docsnip',
  description:
    'A start or end pattern that matches more than one line of the searched text: Sphinx takes the first, which may not be the one meant.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const m = r.resolution?.matches;
      if (!m || !r.target) continue;
      // Sphinx's documented idiom: the same text as start and end marker.
      if (m.start && m.end && m.start.pattern === m.end.pattern) continue;
      for (const match of [m.start, m.end]) {
        if (!match || match.all.length < 2) continue;
        const markers = ctx.markerFiles.get(r.target)?.byLine ?? new Map();
        // The same marker on several lines: marker-duplicate reports that, in the file.
        const same = match.all.map((line) => markers.get(line));
        if (same.every((x) => x && x.name === same[0]!.name && x.end === same[0]!.end)) continue;
        const list = match.all.slice(0, 8).join(', ') + (match.all.length > 8 ? ', …' : '');
        ctx.report({
          file: r.source,
          subject: r,
          range: optionValueRange(r.directive, match.option),
          message: `:${match.option}: ${code(match.pattern)} matches ${match.all.length} lines of ${code(ctx.display(r.target))} (${list}); Sphinx uses line ${match.line ?? match.all[0]}`,
          related: [
            ...match.all.slice(0, 20).map((line) => ({
              file: ctx.display(r.target!),
              line,
              column: 1,
              message: line === match.line ? 'the match Sphinx uses' : 'also matches',
            })),
            ...includedFrom(ctx, r),
          ],
        });
      }
    }
  },
});
