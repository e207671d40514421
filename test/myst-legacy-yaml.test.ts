// MyST-Parser 0.18's reading of option values (PyYAML safe_load, then str()),
// against test/data/pyyaml-values.json: what PyYAML itself made of each text,
// written by test/oracle/pyyaml_values.py and re-checked by
// test/oracle/pyyaml.test.ts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLegacyOptionBlock, pyFloatRepr } from '../src/readers/myst/legacy-yaml.js';

const golden = JSON.parse(readFileSync(new URL('./data/pyyaml-values.json', import.meta.url), 'utf8')) as {
  pyyaml: string;
  values: Record<string, [type: string, str: string]>;
};

/** What MyST 0.18 hands the converter for a value PyYAML typed as `type`. */
function expected([type, str]: [string, string]) {
  if (type === 'NoneType' || (type === 'bool' && str === 'True')) return { value: null };
  if (type === 'list' || type === 'dict') return { notString: str };
  return { value: str };
}

describe('option values as MyST-Parser 0.18 reads them', () => {
  it('has PyYAML cases', () => {
    expect(Object.keys(golden.values).length).toBeGreaterThan(50);
  });
  for (const [text, py] of Object.entries(golden.values)) {
    it(`k: ${JSON.stringify(text)} is PyYAML's ${py[0]} ${JSON.stringify(py[1])}`, () => {
      const r = parseLegacyOptionBlock(`k: ${text}`);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.values.get('k')).toEqual(expected(py));
    });
  }
});

describe('option blocks MyST-Parser 0.18 refuses', () => {
  it('a block that is no mapping', () => {
    expect(parseLegacyOptionBlock('lines:1')).toEqual({ ok: false, problem: 'Invalid options (not dict): lines:1' });
    expect(parseLegacyOptionBlock('- a\n- 2')).toEqual({ ok: false, problem: "Invalid options (not dict): ['a', 2]" });
  });
  it('broken YAML', () => {
    const r = parseLegacyOptionBlock('start-at: note: here');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(/^Invalid options YAML: /);
  });
  it('a tab where a value starts', () => {
    expect(parseLegacyOptionBlock('lines:\t1')).toEqual({
      ok: false,
      problem: "Invalid options YAML: found character '\\t' that cannot start any token",
    });
  });
  it('a repeated key keeps its first place and takes the last value, as a Python dict', () => {
    const r = parseLegacyOptionBlock('lines: 1\ndedent: 2\nlines: 3');
    expect(r.ok && [...r.values]).toEqual([
      ['lines', { value: '3' }],
      ['dedent', { value: '2' }],
    ]);
  });
  it('an empty block is no options', () => {
    expect(parseLegacyOptionBlock('')).toEqual({ ok: true, values: new Map() });
  });
});

describe('pyFloatRepr', () => {
  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1.5e-5, '1.5e-05'],
    [0.0001, '0.0001'],
    [-2.5, '-2.5'],
    [123456.789, '123456.789'],
  ])('%s is %s', (n, repr) => {
    expect(pyFloatRepr(n)).toBe(repr);
  });
});
