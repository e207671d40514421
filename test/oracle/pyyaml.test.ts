// Re-proves test/data/pyyaml-values.json with PyYAML itself
// (test/oracle/pyyaml_values.py). Needs Python with PyYAML: $DOCSNIP_PYTHON,
// else `python3` (Debian bookworm: python3-yaml, a dependency of
// python3-myst-parser). A missing Python or PyYAML fails the test.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const python = process.env.DOCSNIP_PYTHON ?? 'python3';
const script = fileURLToPath(new URL('./pyyaml_values.py', import.meta.url));
const golden = JSON.parse(readFileSync(new URL('../data/pyyaml-values.json', import.meta.url), 'utf8')) as {
  values: Record<string, [string, string]>;
};

it('PyYAML reads every option value as the committed golden says', () => {
  const r = spawnSync(python, [script], { input: JSON.stringify(Object.keys(golden.values)), encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`\`${python} ${script}\` failed${r.error ? ` (${r.error.message})` : ''}: ${r.stderr}\nInstall PyYAML (apt-get install python3-yaml) or set DOCSNIP_PYTHON.`);
  }
  const fresh = JSON.parse(r.stdout) as { values: Record<string, [string, string]> };
  expect(fresh.values).toEqual(golden.values);
});
