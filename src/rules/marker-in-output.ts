import { defineRule, includedFrom } from './rule.js';
import { code } from './locate.js';
import type { Resolution } from '../resolver/literalinclude.js';

/** The marker lines of other regions a snippet shows, once per resolution (pages that show the same snippet share it). */
const leakedBy = new WeakMap<Resolution, number[]>();
function leaked(res: Resolution, markerLines: ReadonlyMap<number, unknown>): number[] {
  let leaks = leakedBy.get(res);
  if (!leaks) {
    const start = res.matches.start?.line;
    const end = res.matches.end?.line;
    leaks = res.origins.filter((o): o is number => o !== null && o !== start && o !== end && markerLines.has(o));
    leakedBy.set(res, leaks);
  }
  return leaks;
}

export default defineRule({
  id: 'marker-in-output',
  severity: 'warning',
  origin: 'docsnip',
  description: 'A rendered snippet that still shows marker lines of other regions (nested or overlapping regions).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const res = r.resolution;
      if (!res?.ok || !r.target) continue;
      const file = ctx.markerFiles.get(r.target);
      if (!file || file.markers.length === 0) continue;
      const markerLines = file.byLine;
      const leaks = leaked(res, markerLines);
      if (leaks.length === 0) continue;
      const first = markerLines.get(leaks[0]!)!;
      ctx.report({
        file: r.source,
        subject: r,
        range: r.directive.argumentRange ?? r.directive.nameRange,
        message: `The snippet from ${code(ctx.display(r.target))} shows ${leaks.length} marker line${leaks.length === 1 ? '' : 's'} of other regions (first: ${code(first.text.trim())}, line ${first.line})`,
        related: [
          ...leaks.map((line) => ({ file: ctx.display(r.target!), line, column: markerLines.get(line)!.column, message: 'marker line in the output' })),
          ...includedFrom(ctx, r),
        ],
      });
    }
  },
});

