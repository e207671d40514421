import { defineRule } from './rule.js';
import { markerLabel } from './marker-usage.js';

export default defineRule({
  id: 'marker-duplicate',
  severity: 'error',
  scope: 'project',
  origin: 'docsnip',
  description: 'The same marker on more than one line of a file: Sphinx silently uses the first one.',
  check(ctx) {
    for (const f of ctx.markerFiles.values()) {
      for (const g of f.groups) {
        for (const list of [g.starts, g.ends]) {
          const first = list[0];
          if (!first) continue;
          for (const m of list.slice(1)) {
            ctx.report({
              file: f.path,
              range: { start: { line: m.line, column: m.column }, end: { line: m.line, column: m.endColumn } },
              message: `Marker ${markerLabel(g.name, m.end)} is already on line ${first.line}; Sphinx uses the first one and never reaches this one`,
              related: [{ file: ctx.display(f.path), line: first.line, column: first.column, message: 'first occurrence, used by Sphinx' }],
            });
          }
        }
      }
    }
  },
});
