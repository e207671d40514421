import { defineRule, includedFrom } from './rule.js';
import { argumentRange } from './locate.js';

export default defineRule({
  id: 'line-too-long',
  severity: 'error',
  origin: 'sphinx',
  description:
    'A document line longer than docutils\' limit (10,000 characters): docutils then parses nothing of the document or fragment.',
  check(ctx) {
    for (const page of ctx.pages) {
      const fatal = page.scan?.fatal;
      if (!fatal) continue;
      const line = Number(/Line (\d+)/.exec(fatal)?.[1] ?? 1);
      ctx.report({
        file: page.page,
        range: { start: { line, column: 1 }, end: { line, column: 1 } },
        message: `Line ${line} is longer than 10,000 characters: docutils skips the whole document, so none of its directives run`,
      });
    }
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'line-too-long' || !r.target) continue;
      ctx.report({
        file: r.source,
        subject: r,
        range: argumentRange(r.directive),
        message: `Line ${r.problem.line} of ${ctx.display(r.target)} is longer than 10,000 characters: docutils refuses to include it`,
        related: includedFrom(ctx, r),
      });
    }
  },
});
