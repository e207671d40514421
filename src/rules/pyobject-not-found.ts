import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';
import { closest } from './suggest.js';
import { lazy } from '../core/lazy.js';

export default defineRule({
  id: 'pyobject-not-found',
  severity: 'error',
  origin: 'sphinx',
  description: '`:pyobject:` names no class or function of the file, or the file is not valid Python.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const p = r.resolution?.problems.find(
        (x) => x.code === 'pyobject-not-found' || x.code === 'pyobject-parse' || x.code === 'pyobject-open',
      );
      if (!p || !r.target) continue;
      const name = r.options?.pyobject ?? '';
      let message: string;
      if (p.code === 'pyobject-not-found') {
        let hint = '';
        const read = ctx.project.cache.read(r.target);
        if (read.kind === 'file') {
          const analysed = lazy('pyobject').analysePythonSource(read.bytes, r.target);
          if (analysed.ok) {
            const near = closest(name, analysed.tags.keys());
            if (near) hint = `; did you mean ${code(near)}?`;
          }
        }
        message = `No class or function ${code(name)} in ${code(ctx.display(r.target))}${hint}`;
      } else {
        const detail = p.message.replace(/^.*? failed: |^error opening .*? \(exception was: /, '').replace(/\)$/, '');
        message = `Cannot look for ${code(name)}: ${code(ctx.display(r.target))} is not valid Python (${detail})`;
      }
      ctx.report({
        file: r.source,
        subject: r,
        range: optionValueRange(r.directive, 'pyobject'),
        message,
        related: includedFrom(ctx, r),
      });
    }
  },
});
