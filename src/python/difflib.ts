/**
 * Python `difflib.SequenceMatcher` and `difflib.unified_diff`, as CPython 3.11
 * implements them, for sequences of lines.
 *
 * Sphinx's `literalinclude :diff:` output is `unified_diff(old, new, oldname,
 * newname)`; which hunks and lines it prints depends on the exact matching
 * blocks that CPython's Ratcliff/Obershelp variant finds, including its
 * tie-breaking and its "popular element" heuristic (autojunk). This module
 * reproduces that algorithm step by step, with no junk predicate
 * (`isjunk=None`) and `autojunk=True`, the defaults `unified_diff` uses.
 */

/** A matching block: `a[a .. a+size]` equals `b[b .. b+size]`. */
export interface Match {
  readonly a: number;
  readonly b: number;
  readonly size: number;
}

/** The kind of an edit operation, as in `SequenceMatcher.get_opcodes()`. */
export type OpcodeTag = 'replace' | 'delete' | 'insert' | 'equal';

/** `(tag, i1, i2, j1, j2)`: `a[i1:i2]` becomes `b[j1:j2]`. */
export type Opcode = readonly [tag: OpcodeTag, i1: number, i2: number, j1: number, j2: number];

const NO_INDICES: readonly number[] = [];

/**
 * `difflib.SequenceMatcher(None, a, b, autojunk=True)` over sequences of
 * strings (elements compare with `===`, as Python `str` compares with `==`).
 */
export class SequenceMatcher {
  readonly a: readonly string[];
  readonly b: readonly string[];
  /** For each element of `b` that is not popular: its indices in `b`, ascending. */
  private readonly b2j: Map<string, number[]>;
  /** Elements of `b` dropped from `b2j` by the autojunk heuristic. */
  readonly bpopular: ReadonlySet<string>;
  private matchingBlocks: Match[] | undefined;
  private opcodes: Opcode[] | undefined;

  constructor(a: readonly string[], b: readonly string[]) {
    this.a = a;
    this.b = b;
    const b2j = new Map<string, number[]>();
    b.forEach((elt, i) => {
      const indices = b2j.get(elt);
      if (indices) indices.push(i);
      else b2j.set(elt, [i]);
    });
    // Autojunk: in a long `b`, an element occurring more than 1% (+1) of the
    // time is treated as junk for the purpose of starting a match.
    const popular = new Set<string>();
    const n = b.length;
    if (n >= 200) {
      const ntest = Math.floor(n / 100) + 1;
      for (const [elt, idxs] of b2j) {
        if (idxs.length > ntest) popular.add(elt);
      }
      for (const elt of popular) b2j.delete(elt);
    }
    this.b2j = b2j;
    this.bpopular = popular;
  }

  /**
   * Longest matching block in `a[alo:ahi]` and `b[blo:bhi]`, with CPython's
   * tie-breaking: among maximal blocks, the one starting earliest in `a`, and
   * of those the one starting earliest in `b`. The block is then extended
   * over equal neighbours (there is no junk here, so the junk-extension passes
   * of CPython never change anything: popular elements are not junk).
   */
  findLongestMatch(alo = 0, ahi = this.a.length, blo = 0, bhi = this.b.length): Match {
    const { a, b, b2j } = this;
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    // j2len.get(j) = length of the longest match ending with a[i-1] and b[j].
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map<number, number>();
      const indices = b2j.get(a[i] as string) ?? NO_INDICES;
      for (const j of indices) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }

    // Extend the match with equal elements the b2j index left out (popular
    // elements). With isjunk=None the set of junk elements is empty, so the
    // "non-junk" extension below is the only one that can apply.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    return { a: besti, b: bestj, size: bestsize };
  }

  /**
   * Non-overlapping matching blocks in increasing order, adjacent blocks
   * merged, ending with the sentinel `{a: len(a), b: len(b), size: 0}`.
   */
  getMatchingBlocks(): readonly Match[] {
    if (this.matchingBlocks) return this.matchingBlocks;
    const la = this.a.length;
    const lb = this.b.length;
    // CPython uses an explicit stack (list.pop from the end); the order only
    // affects the final sort, which is total, so any order gives the same result.
    const queue: [number, number, number, number][] = [[0, la, 0, lb]];
    const blocks: Match[] = [];
    while (queue.length > 0) {
      const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
      const x = this.findLongestMatch(alo, ahi, blo, bhi);
      const { a: i, b: j, size: k } = x;
      if (k) {
        blocks.push(x);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    blocks.sort((x, y) => x.a - y.a || x.b - y.b || x.size - y.size);

    let i1 = 0;
    let j1 = 0;
    let k1 = 0;
    const merged: Match[] = [];
    for (const { a: i2, b: j2, size: k2 } of blocks) {
      if (i1 + k1 === i2 && j1 + k1 === j2) {
        k1 += k2;
      } else {
        if (k1) merged.push({ a: i1, b: j1, size: k1 });
        i1 = i2;
        j1 = j2;
        k1 = k2;
      }
    }
    if (k1) merged.push({ a: i1, b: j1, size: k1 });
    merged.push({ a: la, b: lb, size: 0 });
    this.matchingBlocks = merged;
    return merged;
  }

  /** Edit operations turning `a` into `b`, as `get_opcodes()`. */
  getOpcodes(): readonly Opcode[] {
    if (this.opcodes) return this.opcodes;
    let i = 0;
    let j = 0;
    const answer: Opcode[] = [];
    for (const { a: ai, b: bj, size } of this.getMatchingBlocks()) {
      let tag: OpcodeTag | undefined;
      if (i < ai && j < bj) tag = 'replace';
      else if (i < ai) tag = 'delete';
      else if (j < bj) tag = 'insert';
      if (tag) answer.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) answer.push(['equal', ai, i, bj, j]);
    }
    this.opcodes = answer;
    return answer;
  }

  /**
   * Opcodes grouped into hunks with up to `n` lines of context, as
   * `get_grouped_opcodes(n)`.
   */
  getGroupedOpcodes(n = 3): Opcode[][] {
    const codes: Opcode[] = [...this.getOpcodes()];
    if (codes.length === 0) codes.push(['equal', 0, 1, 0, 1]);
    const first = codes[0] as Opcode;
    if (first[0] === 'equal') {
      const [tag, i1, i2, j1, j2] = first;
      codes[0] = [tag, Math.max(i1, i2 - n), i2, Math.max(j1, j2 - n), j2];
    }
    const lastIndex = codes.length - 1;
    const last = codes[lastIndex] as Opcode;
    if (last[0] === 'equal') {
      const [tag, i1, i2, j1, j2] = last;
      codes[lastIndex] = [tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)];
    }

    const nn = n + n;
    const groups: Opcode[][] = [];
    let group: Opcode[] = [];
    for (const code of codes) {
      let [tag, i1, i2, j1, j2] = code;
      // A long run of equal lines ends one hunk and starts the next.
      if (tag === 'equal' && i2 - i1 > nn) {
        group.push([tag, i1, Math.min(i2, i1 + n), j1, Math.min(j2, j1 + n)]);
        groups.push(group);
        group = [];
        i1 = Math.max(i1, i2 - n);
        j1 = Math.max(j1, j2 - n);
      }
      group.push([tag, i1, i2, j1, j2]);
    }
    if (group.length > 0 && !(group.length === 1 && (group[0] as Opcode)[0] === 'equal')) {
      groups.push(group);
    }
    return groups;
  }
}

/** CPython's `_format_range_unified(start, stop)`: `"start,length"` in 1-based lines. */
function formatRangeUnified(start: number, stop: number): string {
  let beginning = start + 1;
  const length = stop - start;
  if (length === 1) return `${beginning}`;
  if (!length) beginning -= 1;
  return `${beginning},${length}`;
}

/**
 * `list(difflib.unified_diff(a, b, fromfile, tofile, n=n))` with the default
 * `lineterm='\n'` and no dates. Lines keep their own terminators (or lack
 * one); header lines end with `\n`. Identical inputs give `[]`.
 */
export function unifiedDiff(
  a: readonly string[],
  b: readonly string[],
  fromfile: string,
  tofile: string,
  n = 3,
): string[] {
  const out: string[] = [];
  let started = false;
  for (const group of new SequenceMatcher(a, b).getGroupedOpcodes(n)) {
    if (!started) {
      started = true;
      out.push(`--- ${fromfile}\n`, `+++ ${tofile}\n`);
    }
    const first = group[0] as Opcode;
    const last = group[group.length - 1] as Opcode;
    out.push(`@@ -${formatRangeUnified(first[1], last[2])} +${formatRangeUnified(first[3], last[4])} @@\n`);
    for (const [tag, i1, i2, j1, j2] of group) {
      if (tag === 'equal') {
        for (let i = i1; i < i2; i++) out.push(' ' + (a[i] as string));
        continue;
      }
      if (tag === 'replace' || tag === 'delete') {
        for (let i = i1; i < i2; i++) out.push('-' + (a[i] as string));
      }
      if (tag === 'replace' || tag === 'insert') {
        for (let j = j1; j < j2; j++) out.push('+' + (b[j] as string));
      }
    }
  }
  return out;
}
