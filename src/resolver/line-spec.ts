/**
 * Sphinx's line number spec (`:lines:` and `:emphasize-lines:`), such as
 * `1,3,5-7,10-`.
 *
 * Numbers go through Python's `int()`, `0` means Python index -1 (the last
 * line), order and duplicates are kept, and out-of-range numbers survive the
 * parse (callers drop them and warn). Ranges are kept as ranges, so a spec
 * like `1-1000000000` costs nothing.
 */
import { pyInt, pyRepr, pyStrip, PyValueError } from '../python/str.js';

/** A run of 0-based indexes `start` .. `end - 1` (`start` may be -1). */
export interface IndexRun {
  start: bigint;
  end: bigint;
}

export type LineSpecResult = { ok: true; runs: IndexRun[] } | { ok: false; message: string };

/** Parse a spec against a list of `total` lines (Sphinx `parse_line_num_spec`). */
export function parseLineSpec(spec: string, total: number): LineSpecResult {
  const runs: IndexRun[] = [];
  const invalid = (): LineSpecResult => ({ ok: false, message: `invalid line number spec: ${pyRepr(spec)}` });
  for (const part of spec.split(',')) {
    const ends = pyStrip(part).split('-');
    try {
      if (ends.length === 2 && ends[0] === '' && ends[1] === '') return invalid();
      if (ends.length === 1) {
        const n = pyInt(ends[0]!);
        runs.push({ start: n - 1n, end: n });
      } else if (ends.length === 2) {
        const start = ends[0] === '' ? 1n : pyInt(ends[0]!);
        const total_ = BigInt(total);
        const end = ends[1] === '' ? (start > total_ ? start : total_) : pyInt(ends[1]!);
        if (start > end) return invalid();
        runs.push({ start: start - 1n, end });
      } else {
        return invalid();
      }
    } catch (e) {
      if (e instanceof PyValueError) return invalid();
      throw e;
    }
  }
  return { ok: true, runs };
}

/** Is any index >= `total`? */
export function anyOutOfRange(runs: readonly IndexRun[], total: number): boolean {
  const t = BigInt(total);
  return runs.some((r) => r.end - 1n >= t);
}

/** Are the indexes consecutive and ascending, i.e. `first + i == n` for all? */
export function isConsecutive(runs: readonly IndexRun[]): boolean {
  for (let k = 1; k < runs.length; k++) {
    if (runs[k]!.start !== runs[k - 1]!.end) return false;
  }
  return true;
}

/** The indexes below `total`, in order (`-1` kept: Python reads it as the last line). */
export function indexesBelow(runs: readonly IndexRun[], total: number): number[] {
  const out: number[] = [];
  const t = BigInt(total);
  for (const r of runs) {
    const end = r.end < t ? r.end : t;
    for (let i = r.start; i < end; i++) out.push(Number(i));
  }
  return out;
}
