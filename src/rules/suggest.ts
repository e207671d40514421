/** "Did you mean" helpers: edit distance and candidate extraction. */

/** Levenshtein distance, capped at `max + 1` for speed. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate to `word`, when it is close enough to be a likely typo. */
export function closest<T extends string>(word: string, candidates: Iterable<T>): T | null {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 4)));
  let best: T | null = null;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c, bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Candidate markers in a file's lines for a pattern: bracketed tokens such
 * as `[docs:pack]` when the pattern is one, otherwise the trimmed lines.
 * Each comes with its 1-based line and 1-based column.
 */
export function markerCandidates(
  pattern: string,
  lines: readonly string[],
): { text: string; line: number; column: number }[] {
  const out: { text: string; line: number; column: number }[] = [];
  const bracketed = /^\[[^\]\s]+\]$/.test(pattern);
  lines.forEach((line, i) => {
    if (bracketed) {
      for (const m of line.matchAll(/\[[^\]\s]+\]/g)) out.push({ text: m[0], line: i + 1, column: m.index + 1 });
    } else {
      const t = line.trim();
      if (t) out.push({ text: t, line: i + 1, column: line.indexOf(t) + 1 });
    }
  });
  return out;
}
