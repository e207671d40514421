import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';
import { closest } from './suggest.js';
import { INCLUDE_OPTION_SPEC, LITERALINCLUDE_OPTION_SPEC } from '../resolver/options.js';

export default defineRule({
  id: 'invalid-option',
  severity: 'error',
  origin: 'sphinx',
  description:
    'A directive option that docutils or Sphinx refuses: unknown, duplicated, wrong value, bad line spec, missing argument or content where none is allowed.',
  check(ctx) {
    for (const r of [...ctx.literalincludes, ...ctx.includes]) {
      const directive = r.directive;
      if (r.error !== null) {
        const known = Object.keys(r.kind === 'literalinclude' ? LITERALINCLUDE_OPTION_SPEC : INCLUDE_OPTION_SPEC);
        const o = r.errorOption !== null ? directive.options[r.errorOption] : undefined;
        let hint = '';
        if (o && /^unknown option/i.test(r.error)) {
          const near = closest(o.name, known);
          if (near) hint = `; did you mean ${code(':' + near + ':')}?`;
        }
        const range = o
          ? o.range
          : r.error.toLowerCase() === 'no content permitted' && directive.contentStart !== null
            ? { start: directive.contentStart, end: directive.contentStart }
            : directive.nameRange;
        ctx.report({
          file: r.source,
          subject: r,
          range,
          // Sphinx's wording: docutils' for rST, MyST-Parser's for Markdown.
          message:
            directive.syntax === 'myst'
              ? `Directive '${directive.rawName}': ${r.error.replace(/\n/g, ' ')}${hint}`
              : `Error in "${directive.name}" directive: ${r.error.replace(/\n/g, ' ')}${hint}`,
          related: includedFrom(ctx, r),
        });
        continue;
      }
      // MyST-Parser 3+ drops a bad option with a warning and runs the directive without it.
      for (const drop of r.dropped) {
        const o = directive.options[drop.index];
        if (o?.comment || o?.raw?.startsWith('#')) continue; // myst-unquoted-marker explains a value lost to a comment
        let hint = '';
        if (o && drop.detail.startsWith('unknown option')) {
          const known = Object.keys(r.kind === 'literalinclude' ? LITERALINCLUDE_OPTION_SPEC : INCLUDE_OPTION_SPEC);
          const near = closest(o.name, known);
          if (near) hint = `; did you mean ${code(':' + near + ':')}?`;
        }
        ctx.report({
          file: r.source,
          subject: r,
          range: o?.range ?? directive.nameRange,
          message: `${directive.name}: ${drop.detail.replace(/\n/g, ' ')}; MyST ignores the option${hint}`,
          related: includedFrom(ctx, r),
        });
      }
      for (const w of directive.warnings ?? []) {
        if (w.message.includes('# comments')) continue; // myst-unquoted-marker explains these
        ctx.report({ file: r.source, subject: r, range: w.range, message: `${directive.name}: ${w.message}`, related: includedFrom(ctx, r) });
      }
      if (r.kind !== 'literalinclude') continue;
      for (const p of r.resolution?.problems ?? []) {
        if (p.code !== 'invalid-line-spec' && p.code !== 'tab-width' && p.code !== 'not-text-encoding' && p.code !== 'caption') continue;
        if (p.code === 'not-text-encoding' && p.option !== 'encoding') continue;
        ctx.report({
          file: r.source,
          subject: r,
          range: optionValueRange(directive, p.option ?? ''),
          message:
            p.code === 'invalid-line-spec'
              ? `:${p.option}: ${p.message}`
              : p.code === 'caption'
                ? `:caption: is not valid as a one-line reStructuredText caption (${p.message.includes('Literal block') ? '`::` starts a literal block' : 'a line of punctuation is a transition'}); Sphinx drops the block`
                : p.message,
          related: includedFrom(ctx, r),
        });
      }
    }
  },
});
