import { MAX_NESTING } from '../readers/rst/scanner.js';
import { defineRule } from './rule.js';

export default defineRule({
  id: 'nesting-too-deep',
  severity: 'error',
  origin: 'sphinx',
  description: `Directives or other body elements nested more than ${MAX_NESTING} levels deep: Sphinx stops with a RecursionError near this depth, and docsnip reads nothing below it.`,
  check(ctx) {
    for (const page of ctx.pages) {
      for (const t of page.scan?.tooDeep ?? []) {
        const at = { line: t.line, column: t.column };
        ctx.report({
          file: t.file,
          range: { start: at, end: at },
          message: `Nesting deeper than ${MAX_NESTING} levels: Sphinx's parser recurses once per level and stops with a RecursionError near this depth; docsnip does not read what is nested here`,
        });
      }
    }
  },
});
