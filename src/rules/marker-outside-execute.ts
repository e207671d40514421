import { defineRule, includedFrom } from './rule.js';
import { code, optionValueRange } from './locate.js';
import { sectionAt } from '../spread/task.js';

export default defineRule({
  id: 'marker-outside-execute',
  severity: 'warning',
  origin: 'docsnip',
  description:
    'A region a page includes from a spread task sits in `prepare`, `restore`, `debug` or a YAML comment, not in `execute`: spread runs it in another shell, or not at all.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      if (!r.target || !r.resolution) continue;
      const task = ctx.markerFiles.get(r.target)?.task;
      if (!task || task.errors.length > 0) continue;
      for (const m of [r.resolution.matches.start, r.resolution.matches.end]) {
        if (!m?.line) continue;
        const section = sectionAt(task, m.line);
        if (section?.key === 'execute') continue;
        const where = section
          ? `in \`${section.key}\`, not \`execute\`${['prepare', 'restore', 'debug'].includes(section.key) ? ', which spread runs as a separate script' : ''}`
          : 'in a YAML comment outside any script, which spread never runs';
        ctx.report({
          file: r.source,
          subject: r,
          range: optionValueRange(r.directive, m.option),
          message: `:${m.option}: ${code(m.pattern)} matches line ${m.line} of ${code(ctx.display(r.target))}, ${where}`,
          related: [{ file: ctx.display(r.target), line: m.line, column: 1, message: section ? `in ${section.key}` : 'outside any script' }, ...includedFrom(ctx, r)],
        });
        break;
      }
    }
  },
});
