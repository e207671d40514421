/** The conformance source tree is generated: it must match its generators. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('./conformance/', import.meta.url));

describe('test/conformance', () => {
  for (const script of ['make-files.mjs', 'make-pages.mjs']) {
    it(`${script} --check: the committed files are current`, () => {
      const r = spawnSync(process.execPath, [here + script, '--check'], { encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(0);
    });
  }
});
