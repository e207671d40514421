import { defineRule } from './rule.js';

export default defineRule({
  id: 'yaml-invalid',
  severity: 'error',
  scope: 'project',
  origin: 'docsnip',
  description: 'A spread `task.yaml` that docs include (or that holds markers) is not valid YAML, so spread cannot run it.',
  check(ctx) {
    for (const f of ctx.markerFiles.values()) {
      for (const e of f.task?.errors ?? []) {
        ctx.report({
          file: f.path,
          range: { start: { line: e.line, column: e.column }, end: { line: e.line, column: e.column } },
          message: `Not valid YAML: ${e.message}`,
        });
      }
    }
  },
});
