import { defineRule, includedFrom } from './rule.js';
import { argumentRange, code, optionValueRange } from './locate.js';

export default defineRule({
  id: 'include-outside-root',
  severity: 'error',
  origin: 'docsnip',
  description:
    'A literalinclude, its `:diff:` or an include leads outside the repository (by `..` or a symbolic link): docsnip does not read it unless allowed.',
  check(ctx) {
    const cache = ctx.project.cache;
    if (!cache.confinement || cache.confinement.allow) return;
    const dir = ctx.display(cache.confinement.dir);
    const report = (r: (typeof ctx.literalincludes)[number] | (typeof ctx.includes)[number], path: string, isDiff: boolean): void => {
      const real = cache.outside(path);
      if (real === null) return;
      const how = real === path ? `resolves to ${code(real)}` : `is a symbolic link to ${code(real)}`;
      ctx.report({
        file: r.source,
        subject: r,
        range: isDiff ? optionValueRange(r.directive, 'diff') : argumentRange(r.directive),
        message: `${code(ctx.display(path))} ${how}, outside the repository (${code(dir)}): docsnip does not read it (--allow-outside-root reads it)`,
        related: includedFrom(ctx, r),
      });
    };
    for (const r of ctx.literalincludes) {
      if (r.target) report(r, r.target, false);
      if (r.diffTarget && r.diffTarget !== r.target) report(r, r.diffTarget, true);
    }
    for (const r of ctx.includes) if (r.target) report(r, r.target, false);
  },
});
