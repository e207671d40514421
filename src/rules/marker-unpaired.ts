import { defineRule } from './rule.js';
import { markerLabel } from './marker-usage.js';

export default defineRule({
  id: 'marker-unpaired',
  severity: 'warning',
  scope: 'project',
  origin: 'docsnip',
  description: 'A start marker without its `-end` marker, or an end marker without its start (unless a directive uses it with another partner).',
  check(ctx) {
    // Only a directive that really matched the lone line pairs it with another partner.
    const used = ctx.markerUsage.resolved;
    for (const f of ctx.markerFiles.values()) {
      if (!f.inScope) continue;
      const lines = used.get(f.path) ?? new Set<number>();
      for (const g of f.groups) {
        if (g.starts.length > 0 && g.ends.length > 0) continue;
        for (const m of g.starts.length > 0 ? g.starts : g.ends) {
          if (lines.has(m.line)) continue;
          ctx.report({
            file: f.path,
            range: { start: { line: m.line, column: m.column }, end: { line: m.line, column: m.endColumn } },
            message: m.end
              ? `End marker ${markerLabel(g.name, true)} has no start marker ${markerLabel(g.name, false)}`
              : `Start marker ${markerLabel(g.name, false)} has no end marker ${markerLabel(g.name, true)}`,
          });
        }
      }
    }
  },
});
