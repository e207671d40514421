/**
 * docsnip against what real Sphinx built, from committed golden files (no
 * Python needed). `npm run test:oracle` re-creates these files with the
 * installed Sphinx and fails when they differ.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareWithSphinx } from './support/sphinx-compare.js';
import { goldenPath, goldenVersions, readGolden, SUITES } from './support/suites.js';

const versions = goldenVersions();

describe('golden Sphinx results', () => {
  it('exist for Debian\'s Sphinx 5.3 and for Sphinx 9', () => {
    expect(versions.some((v) => v.startsWith('5.'))).toBe(true);
    expect(versions.some((v) => v.startsWith('9.'))).toBe(true);
    for (const v of versions) {
      for (const s of SUITES.filter((x) => !x.myst)) expect(existsSync(goldenPath(v, s.name)), `${v}/${s.name}`).toBe(true);
    }
    // MyST suites: Debian's Sphinx with its MyST-Parser 0.18.
    for (const s of SUITES.filter((x) => x.myst)) expect(existsSync(goldenPath('5.3.0', s.name)), `5.3.0/${s.name}`).toBe(true);
  });

  for (const version of versions) {
    for (const suite of SUITES.filter((x) => existsSync(goldenPath(version, x.name)))) {
      it(`docsnip agrees with Sphinx ${version} on ${suite.name}`, () => {
        const golden = readGolden(version, suite.name);
        expect(golden.sphinx).toBe(version);
        expect(golden.blocks.length).toBeGreaterThan(0);
        expect(compareWithSphinx(golden, suite.src, suite.exclude)).toEqual([]);
      });
    }
  }
});
