// Re-proves test/data/pyyaml-values.json with PyYAML itself
// (test/oracle/pyyaml_values.py). Needs Python with PyYAML: $DOCSNIP_PYTHON,
// else `python3` (Debian: python3-yaml, a dependency of python3-myst-parser).
// A missing Python or PyYAML fails the test.

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { requirePython, runPythonScript } from './python.js';

const golden = JSON.parse(readFileSync(new URL('../data/pyyaml-values.json', import.meta.url), 'utf8')) as {
  values: Record<string, [string, string]>;
};

it('PyYAML reads every option value as the committed golden says', () => {
  requirePython(['yaml'], 'Install PyYAML (Debian: apt-get install python3-yaml)');
  const fresh = JSON.parse(runPythonScript('pyyaml_values.py', JSON.stringify(Object.keys(golden.values)))) as {
    values: Record<string, [string, string]>;
  };
  expect(fresh.values).toEqual(golden.values);
});
