import { defineRule } from './rule.js';

export default defineRule({
  id: 'config-invalid',
  severity: 'error',
  scope: 'project',
  origin: 'docsnip',
  description:
    'A problem in `.docsnip.yaml` (unknown key or rule, bad value, bad YAML) or an unknown rule in a `docsnip-disable-next-line` comment.',
  check(ctx) {
    const config = ctx.config;
    for (const p of config?.problems ?? []) {
      ctx.report({
        file: config!.path,
        range: { start: { line: p.line, column: p.column }, end: { line: p.endLine, column: p.endColumn } },
        message: `Configuration: ${p.message}`,
      });
    }
    for (const p of ctx.suppressionProblems) {
      ctx.report({
        file: p.file,
        range: { start: { line: p.line, column: p.column }, end: { line: p.endLine, column: p.endColumn } },
        message: p.message[0]!.toUpperCase() + p.message.slice(1),
      });
    }
  },
});
