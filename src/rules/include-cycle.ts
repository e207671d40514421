import { defineRule, includedFrom } from './rule.js';
import { argumentRange } from './locate.js';

export default defineRule({
  id: 'include-cycle',
  severity: 'error',
  origin: 'sphinx',
  description: 'An `.. include::` that includes a file already being included (directly or through other fragments).',
  check(ctx) {
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'cycle') continue;
      const chain = r.problem.chain.map((f) => ctx.display(f)).join(' -> ');
      ctx.report({
        file: r.source,
        subject: r,
        range: argumentRange(r.directive),
        message: `Circular include: ${chain}`,
        related: includedFrom(ctx, r),
      });
    }
  },
});
