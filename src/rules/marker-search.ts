/** Shared reasoning for the two marker rules: where a search started, and what is near. */
import type { LiteralIncludeResult } from '../project/page.js';
import type { RelatedLocation } from '../core/diagnostic.js';
import { closest, markerCandidates } from './suggest.js';
import { code } from './locate.js';
import type { RuleContext } from './rule.js';

export function stripTerminator(line: string): string {
  return line.replace(/(\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])$/, '');
}

/** The target file's lines without terminators, when it was read. */
export function targetLines(r: LiteralIncludeResult): string[] | null {
  return r.resolution?.fileLines?.map(stripTerminator) ?? null;
}

/**
 * Where the end search began: `from` is the 0-based index of the first line
 * it looks at, `startLine` the 1-based line of the start match (null without
 * a start option). Null when it cannot be told (`:pyobject:`).
 */
export function endSearchStart(
  r: LiteralIncludeResult,
  lines: readonly string[],
): { from: number; startLine: number | null; startOption: string | null } | null {
  const o = r.options;
  if (!o || o.pyobject) return null;
  const startOption = o['start-at'] !== undefined ? 'start-at' : o['start-after'] !== undefined ? 'start-after' : null;
  const start = startOption ? o[startOption] : undefined;
  if (!startOption || !start) return { from: 0, startLine: null, startOption: null };
  const i = lines.findIndex((l) => l.includes(start));
  if (i < 0) return null;
  return { from: startOption === 'start-at' ? i : i + 1, startLine: i + 1, startOption };
}

/** "; did you mean `x` (line N)?" plus a related location, or nothing. */
export function suggestion(
  ctx: RuleContext,
  target: string,
  pattern: string,
  lines: readonly string[],
  from: number,
  wantEnd: boolean | null,
): { text: string; related: RelatedLocation[] } {
  // A pattern like `# [docs:x]` is compared by its bracketed marker.
  const token = /\[[^\]\s]+\]/.exec(pattern)?.[0] ?? pattern;
  const candidates = markerCandidates(token, lines).filter(
    (c) => c.line - 1 >= from && (wantEnd === null || /-end\]$/.test(c.text) === wantEnd || !/^\[.*\]$/.test(c.text)),
  );
  const sameButCase = candidates.find((c) => c.text !== token && c.text.toLowerCase() === token.toLowerCase());
  const best = sameButCase?.text ?? closest(token, candidates.map((c) => c.text));
  if (best === null) return renamedMarker(ctx, target, token, lines, from, wantEnd);
  const where = candidates.find((c) => c.text === best)!;
  const why = sameButCase ? ' (markers are case-sensitive)' : '';
  return {
    text: `; did you mean ${code(best)} (line ${where.line})?${why}`,
    related: [{ file: ctx.display(target), line: where.line, column: where.column, message: `closest match: ${best}` }],
  };
}

/**
 * When nothing is close by spelling, look at the marker structure: a start
 * marker whose `-end` partner still exists was probably renamed (the marker
 * right before the partner is the suggestion); an end marker that is gone
 * lets the region run on, so name the next marker after the start.
 */
function renamedMarker(
  ctx: RuleContext,
  target: string,
  token: string,
  lines: readonly string[],
  from: number,
  wantEnd: boolean | null,
): { text: string; related: RelatedLocation[] } {
  const none = { text: '', related: [] };
  const m = /^\[(.+)\]$/.exec(token);
  if (!m) return none;
  const tokens = markerCandidates(token, lines);
  if (wantEnd === false) {
    const partner = tokens.find((c) => c.text === `[${m[1]}-end]`);
    if (!partner) return none;
    const before = tokens.filter((c) => c.line < partner.line && !/-end\]$/.test(c.text)).pop();
    if (!before) return none;
    return {
      text: `; its end marker ${code(partner.text)} is on line ${partner.line}, and the marker before it is ${code(before.text)} (line ${before.line}): renamed?`,
      related: [{ file: ctx.display(target), line: before.line, column: before.column, message: `start marker before ${partner.text}` }],
    };
  }
  if (wantEnd === true) {
    const next = tokens.find((c) => c.line - 1 >= from);
    if (!next) return { text: '; no marker follows the start marker', related: [] };
    return {
      text: `; the next marker after the start is ${code(next.text)} (line ${next.line})`,
      related: [{ file: ctx.display(target), line: next.line, column: next.column, message: 'next marker after the start' }],
    };
  }
  return none;
}
