/**
 * Which lines of a file the literalincludes of the project use as their start
 * or end. A directive that resolved says exactly which line it used; one that
 * stopped before reaching its markers (an option conflict, a misspelt option)
 * still names them, so the first line containing its pattern counts as used:
 * the problem is the directive, not the marker. With `resolvedOnly`, only
 * the lines a directive really matched count.
 */
import type { RuleContext } from './rule.js';

const PATTERN_OPTIONS = ['start-after', 'start-at', 'end-before', 'end-at'];

const memo = new WeakMap<RuleContext['allLiteralincludes'], Map<string, Map<string, Set<number>>>>();

export function usedLines(ctx: RuleContext, options: { resolvedOnly?: boolean } = {}): Map<string, Set<number>> {
  // Several rules ask, over the same directives: compute each answer once.
  const key = options.resolvedOnly ? 'resolved' : 'all';
  let byKey = memo.get(ctx.allLiteralincludes);
  if (!byKey) memo.set(ctx.allLiteralincludes, (byKey = new Map()));
  const known = byKey.get(key);
  if (known) return known;
  const used = new Map<string, Set<number>>();
  byKey.set(key, used);
  for (const r of ctx.allLiteralincludes) {
    if (!r.target) continue;
    let set = used.get(r.target);
    if (!set) used.set(r.target, (set = new Set()));
    const matches = r.resolution?.matches;
    const lines = ctx.markerFiles.get(r.target)?.lines;
    for (const o of r.directive.options) {
      const option = o.name.replace(/_/g, '-');
      if (!PATTERN_OPTIONS.includes(option) || !o.value) continue;
      const matched = [matches?.start, matches?.end].find((m) => m?.option === option)?.line;
      if (matched) set.add(matched);
      else if (lines && !options.resolvedOnly) {
        const i = lines.findIndex((l) => l.includes(o.value!));
        if (i >= 0) set.add(i + 1);
      }
    }
  }
  return used;
}

/** `[docs:NAME]` or `[docs:NAME-end]` as shown in messages. */
export function markerLabel(name: string, end: boolean): string {
  return '`' + `[docs:${name}${end ? '-end' : ''}]` + '`';
}
