import { defineRule, includedFrom } from './rule.js';
import { code } from './locate.js';
import { findMarkers } from '../markers/markers.js';

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
      const own = new Set([res.matches.start?.line, res.matches.end?.line]);
      const markerLines = file.byLine;
      const leaks = res.origins.filter((o): o is number => o !== null && markerLines.has(o) && !own.has(o));
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

