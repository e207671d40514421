import { defineRule } from './rule.js';
import { markerLabel } from './marker-usage.js';

export default defineRule({
  id: 'marker-unused',
  severity: 'warning',
  scope: 'project',
  origin: 'docsnip',
  description: 'A start/end marker pair that no literalinclude of the project uses.',
  check(ctx) {
    const used = ctx.markerUsage.all;
    for (const f of ctx.markerFiles.values()) {
      if (!f.inScope) continue;
      const lines = used.get(f.path) ?? new Set<number>();
      for (const g of f.groups) {
        if (g.starts.length === 0 || g.ends.length === 0) continue;
        if ([...g.starts, ...g.ends].some((m) => lines.has(m.line))) continue;
        const start = g.starts[0]!;
        const end = g.ends[0]!;
        ctx.report({
          file: f.path,
          range: { start: { line: start.line, column: start.column }, end: { line: start.line, column: start.endColumn } },
          message: `Marker pair ${markerLabel(g.name, false)} (line ${start.line}) and ${markerLabel(g.name, true)} (line ${end.line}) is not used by any literalinclude`,
          related: [{ file: ctx.display(f.path), line: end.line, column: end.column, message: 'end of the unused region' }],
        });
      }
    }
  },
});
