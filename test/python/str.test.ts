/** src/python/str.ts against CPython (golden data from scripts/golden/pystr_cases.py). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  expandTabs,
  pyInt,
  pyLstrip,
  pyRepr,
  pyRstrip,
  pySplit,
  pyStrip,
  splitLines,
  textwrapDedent,
  PyValueError,
} from '../../src/python/str.js';

interface Golden {
  splitlines: [string, string[], string[]][];
  expandtabs: [string, number, string][];
  strip: [string, string, string, string, string[]][];
  dedent: [string, string][];
  repr: [string, string][];
  int: [string, string | null, string | null][];
}
const golden = JSON.parse(readFileSync(new URL('./golden/pystr.json', import.meta.url), 'utf8')) as Golden;

describe('Python str behaviour', () => {
  it('splitlines (with and without ends)', () => {
    for (const [text, keep, drop] of golden.splitlines) {
      expect(splitLines(text, true), JSON.stringify(text)).toEqual(keep);
      expect(splitLines(text, false), JSON.stringify(text)).toEqual(drop);
    }
  });
  it('expandtabs', () => {
    for (const [text, n, out] of golden.expandtabs) expect(expandTabs(text, n), JSON.stringify([text, n])).toBe(out);
  });
  it('strip, lstrip, rstrip, split', () => {
    for (const [text, s, l, r, parts] of golden.strip) {
      expect([pyStrip(text), pyLstrip(text), pyRstrip(text), pySplit(text)], JSON.stringify(text)).toEqual([s, l, r, parts]);
    }
  });
  it('textwrap.dedent', () => {
    for (const [text, out] of golden.dedent) expect(textwrapDedent(text), JSON.stringify(text)).toBe(out);
  });
  it('repr', () => {
    for (const [text, out] of golden.repr) expect(pyRepr(text), JSON.stringify(text)).toBe(out);
  });
  it('int()', () => {
    for (const [text, value, error] of golden.int) {
      if (value !== null) {
        expect(pyInt(text).toString(), JSON.stringify(text)).toBe(value);
      } else {
        let message = '';
        try {
          pyInt(text);
        } catch (e) {
          expect(e).toBeInstanceOf(PyValueError);
          message = (e as Error).message;
        }
        expect(message, JSON.stringify(text)).toBe(error);
      }
    }
  });
  it('covers enough cases to mean something', () => {
    expect(golden.splitlines.length).toBeGreaterThan(400);
    expect(golden.int.length).toBeGreaterThan(300);
  });
});
