import { defineRule, includedFrom } from './rule.js';
import { argumentRange, code, option, optionValueRange } from './locate.js';

export default defineRule({
  id: 'encoding-error',
  severity: 'error',
  origin: 'sphinx',
  description: 'A file cannot be decoded with the encoding Sphinx uses for it (`:encoding:`, or `source_encoding`).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const p = r.resolution?.problems.find(
        (x) => x.code === 'decode' || (x.code === 'not-text-encoding' && x.option !== 'encoding'),
      );
      if (!p) continue;
      const encoding = r.options?.encoding ?? ctx.project.conf?.sourceEncoding ?? 'utf-8-sig';
      const range = option(r.directive, 'encoding') ? optionValueRange(r.directive, 'encoding') : argumentRange(r.directive);
      ctx.report({
        file: r.source,
        subject: r,
        range,
        message: `Cannot read ${code(ctx.display(p.file ?? r.target ?? ''))} as ${encoding}${p.detail ? ` (${p.detail})` : ''}; set :encoding: to the file's encoding`,
        related: includedFrom(ctx, r),
      });
    }
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'decode' && r.problem?.code !== 'not-text-encoding') continue;
      const range = option(r.directive, 'encoding') ? optionValueRange(r.directive, 'encoding') : argumentRange(r.directive);
      ctx.report({
        file: r.source,
        subject: r,
        range,
        message: `Cannot read ${code(ctx.display(r.target ?? ''))}: ${r.problem.message.split('\n').pop()}`,
        related: includedFrom(ctx, r),
      });
    }
    for (const page of ctx.pages) {
      if (page.readError === null || page.readError === 'not found' || page.readError === 'is a directory') continue;
      ctx.report({
        file: page.page,
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        message: `Cannot read this document as ${ctx.project.conf?.sourceEncoding ?? 'utf-8-sig'}: ${page.readError}`,
      });
    }
  },
});
