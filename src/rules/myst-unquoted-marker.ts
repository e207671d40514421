import { defineRule, includedFrom } from './rule.js';
import { code } from './locate.js';

const PATTERN_OPTIONS = ['start-after', 'start-at', 'end-before', 'end-at', 'prepend', 'append', 'caption'];

export default defineRule({
  id: 'myst-unquoted-marker',
  severity: 'warning',
  origin: 'docsnip',
  description:
    'A MyST option value that is not quoted and starts with `#` or holds ` #` (the rest is a comment and is lost), or starts with `[` or `{` (a YAML list or mapping to MyST-Parser before 3).',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      if (r.directive.syntax !== 'myst') continue;
      for (const o of r.directive.options) {
        if (o.style !== '' || !PATTERN_OPTIONS.includes(o.name)) continue;
        const raw = o.raw ?? o.value ?? '';
        let why: string | null = null;
        if (raw.startsWith('#') || o.comment) {
          why = `MyST reads \`#\` after a space as a comment, so the value becomes ${o.value === null ? 'empty and the option is dropped' : code(o.value)}`;
        } else if (/^[[{]/.test(raw)) {
          why = `MyST-Parser before 3 reads it as a YAML ${raw.startsWith('[') ? 'list' : 'mapping'} and refuses the directive`;
        }
        if (why === null) continue;
        ctx.report({
          file: r.source,
          subject: r,
          range: o.range,
          message: `:${o.name}: ${code(raw)} is not quoted: ${why}; write it as "${raw.replace(/["\\]/g, (c) => '\\' + c)}"`,
          related: includedFrom(ctx, r),
        });
      }
    }
  },
});
