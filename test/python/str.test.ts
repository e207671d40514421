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
  pyHasSpace,
  pyIsBlank,
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
  it('blank and has-space tests agree with Python whitespace (fast paths for printable ASCII included)', () => {
    const space = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
    const alphabet = ['a', 'Z', '~', '!', ' ', '\t', '\x1c', '\x1f', '\x7f', '\x85', '\xa0', '\u2000', '\u3000', 'é', '\ud83d\ude00', '\x00'];
    let seed = 7;
    const texts = golden.strip.map(([text]) => text);
    for (let n = 0; n < 3000; n++) {
      let t = '';
      for (let k = 0; k < n % 6; k++) t += alphabet[(seed = (seed * 48271) % 2147483647) % alphabet.length];
      texts.push(t);
    }
    for (const t of texts) {
      expect(pyIsBlank(t), JSON.stringify(t)).toBe(pyStrip(t) === '');
      expect(pyHasSpace(t), JSON.stringify(t)).toBe(space.test(t));
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
