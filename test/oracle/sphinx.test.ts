/**
 * The Sphinx differential: build the conformance cases and the bundled
 * tutorial with the installed Sphinx, require the result to equal the
 * committed golden file for that Sphinx version (or rewrite it with
 * DOCSNIP_UPDATE_GOLDEN=1), and require docsnip to agree with every block and
 * every warning about a literalinclude or include. A missing Sphinx fails.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSphinx, runSphinx } from './sphinx-run.js';
import { compareWithSphinx } from '../support/sphinx-compare.js';
import { goldenPath, readGolden, SUITES } from '../support/suites.js';

const update = process.env.DOCSNIP_UPDATE_GOLDEN === '1';

describe('Sphinx differential', () => {
  const sphinx = findSphinx();
  // MyST suites need MyST-Parser in Sphinx's Python; DOCSNIP_REQUIRE_MYST=1 (CI, Debian) makes it mandatory.
  if (process.env.DOCSNIP_REQUIRE_MYST === '1' && sphinx.myst === null) {
    throw new Error(`MyST-Parser is not importable by ${sphinx.command} (apt-get install python3-myst-parser)`);
  }
  const suites = SUITES.filter((s) => !s.myst || sphinx.myst !== null);

  it(`builds ${suites.length} source trees (MyST-Parser: ${sphinx.myst ?? 'not installed, Markdown trees left out'})`, () => {
    expect(suites.length).toBeGreaterThanOrEqual(2);
  });

  for (const suite of suites) {
    it(`${suite.name}: Sphinx ${sphinx.version} matches the golden file and docsnip`, () => {
      const fresh = runSphinx(sphinx, suite.src, suite.exclude, suite.myst);
      expect(fresh.blocks.length).toBeGreaterThan(0);
      const path = goldenPath(sphinx.version, suite.name);
      if (update) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, JSON.stringify(fresh, null, 1) + '\n');
      } else {
        expect(existsSync(path), `no golden file for Sphinx ${sphinx.version}: run DOCSNIP_UPDATE_GOLDEN=1 npm run test:oracle`).toBe(true);
        expect(fresh).toEqual(readGolden(sphinx.version, suite.name));
      }
      expect(compareWithSphinx(fresh, suite.src, suite.exclude)).toEqual([]);
    });
  }
});
