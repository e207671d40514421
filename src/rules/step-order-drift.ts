import { defineRule, includedFrom } from './rule.js';
import { code } from './locate.js';
import { sectionAt } from '../spread/task.js';
import type { LiteralIncludeResult } from '../project/page.js';
import type { Resolution } from '../resolver/literalinclude.js';
import { minMax } from '../core/arrays.js';

/** The lines of the target a literalinclude shows (first, last), or null. */
function shown(r: LiteralIncludeResult): [number, number] | null {
  const res = r.resolution;
  if (!res?.ok) return null;
  let known = shownBy.get(res);
  if (known === undefined) shownBy.set(res, (known = minMax(res.origins.filter((o): o is number => o !== null))));
  return known;
}
/** Once per resolution: pages that show the same snippet share it. */
const shownBy = new WeakMap<Resolution, [number, number] | null>();

/** How a step is named in a message: its start marker, or its lines. */
function label(r: LiteralIncludeResult, lines: [number, number]): string {
  const marker = r.options?.['start-after'] ?? r.options?.['start-at'];
  return marker !== undefined ? code(marker) : `lines ${lines[0]}-${lines[1]}`;
}

export default defineRule({
  id: 'step-order-drift',
  severity: 'warning',
  origin: 'docsnip',
  description:
    "A page shows steps of one spread task's `execute` in another order than the task runs them: the test no longer follows the reader's path.",
  check(ctx) {
    for (const page of ctx.pages) {
      // Per task: the step shown so far that the task runs last.
      const furthest = new Map<string, { r: LiteralIncludeResult; lines: [number, number] }>();
      for (const r of page.directives) {
        if (r.kind !== 'literalinclude' || !r.target) continue;
        const task = ctx.markerFiles.get(r.target)?.task;
        const lines = shown(r);
        if (!task || task.errors.length > 0 || !lines || sectionAt(task, lines[0])?.key !== 'execute') continue;
        const before = furthest.get(r.target);
        if (!before || lines[0] > before.lines[0]) {
          furthest.set(r.target, { r, lines });
          continue;
        }
        // A region that overlaps the furthest one (the same again, or one around or inside it) is no new step.
        if (lines[1] >= before.lines[0]) continue;
        const target = code(ctx.display(r.target));
        ctx.report({
          file: r.source,
          subject: r,
          range: r.directive.nameRange,
          message: `shows ${label(r, lines)} (${target} line ${lines[0]}) after ${label(before.r, before.lines)} (line ${before.lines[0]}), but the task runs it first: the test and the page run the steps in different orders`,
          related: [
            { file: ctx.display(before.r.source), line: before.r.directive.range.start.line, column: before.r.directive.range.start.column, message: `${label(before.r, before.lines)} is shown here, earlier on the page` },
            ...includedFrom(ctx, r),
          ],
        });
      }
    }
  },
});
