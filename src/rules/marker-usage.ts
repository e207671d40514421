/**
 * Which lines of a file the literalincludes of the project use as their start
 * or end. A directive that resolved says exactly which line it used; one that
 * stopped before reaching its markers (an option conflict, a misspelt option)
 * still names them, so the first line containing its pattern counts as used:
 * the problem is the directive, not the marker. `resolved` counts only the
 * lines a directive really matched.
 *
 * A run adds each literalinclude as its page is analysed, so the pages need
 * not be kept for the rules that ask at the end.
 */
import type { LiteralIncludeResult } from '../project/page.js';
import type { Resolution } from '../resolver/literalinclude.js';

const PATTERN_OPTIONS = new Set(['start-after', 'start-at', 'end-before', 'end-at']);

export class MarkerUsage {
  /** Lines used by any directive that names them. */
  readonly all = new Map<string, Set<number>>();
  /** Lines a directive really matched. */
  readonly resolved = new Map<string, Set<number>>();

  /** Resolutions already counted (directives that show the same snippet share one). */
  private readonly counted = new WeakSet<Resolution>();

  /** Count one literalinclude; `lines` gives its target's lines, when the target is a marker file. */
  add(r: LiteralIncludeResult, lines: () => readonly string[] | undefined): void {
    if (!r.target) return;
    const res = r.resolution;
    if (res?.ok) {
      // Every pattern option of a resolved directive matched: the lines it used are all it counts.
      if (this.counted.has(res)) return;
      this.counted.add(res);
      for (const m of [res.matches.start, res.matches.end]) {
        if (m?.line) {
          setOf(this.all, r.target).add(m.line);
          setOf(this.resolved, r.target).add(m.line);
        }
      }
      return;
    }
    const all = setOf(this.all, r.target);
    const resolved = setOf(this.resolved, r.target);
    const matches = res?.matches;
    for (const o of r.directive.options) {
      const option = o.name.replace(/_/g, '-');
      if (!PATTERN_OPTIONS.has(option) || !o.value) continue;
      const matched = [matches?.start, matches?.end].find((m) => m?.option === option)?.line;
      if (matched) {
        all.add(matched);
        resolved.add(matched);
      } else {
        const i = lines()?.findIndex((l) => l.includes(o.value!)) ?? -1;
        if (i >= 0) all.add(i + 1);
      }
    }
  }
}

/** Usage as plain data (to send between threads). */
export type MarkerUsageData = { all: [string, number[]][]; resolved: [string, number[]][] };

export function usageData(u: MarkerUsage): MarkerUsageData {
  const plain = (m: Map<string, Set<number>>): [string, number[]][] => [...m].map(([k, v]) => [k, [...v]]);
  return { all: plain(u.all), resolved: plain(u.resolved) };
}

export function mergeUsage(u: MarkerUsage, data: MarkerUsageData): void {
  for (const [k, lines] of data.all) for (const l of lines) setOf(u.all, k).add(l);
  for (const [k, lines] of data.resolved) for (const l of lines) setOf(u.resolved, k).add(l);
}

function setOf(map: Map<string, Set<number>>, key: string): Set<number> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** `[docs:NAME]` or `[docs:NAME-end]` as shown in messages. */
export function markerLabel(name: string, end: boolean): string {
  return '`' + `[docs:${name}${end ? '-end' : ''}]` + '`';
}
