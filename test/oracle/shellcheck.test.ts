// The scripts `docsnip export` writes for the fixture tutorials pass
// ShellCheck with no error (Debian: apt-get install shellcheck). Warnings
// about the tutorial's own commands (unquoted $(…) in a task) are the
// tutorial's business, not the export's. $DOCSNIP_SHELLCHECK picks the
// binary (default `shellcheck`); a missing one fails the test.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const shellcheck = process.env.DOCSNIP_SHELLCHECK ?? 'shellcheck';
const repo = fileURLToPath(new URL('../../', import.meta.url));

async function exported(args: string[]): Promise<string> {
  let stdout = '';
  const code = await main({ argv: ['export', ...args], cwd: repo, env: {}, stdout: (t) => (stdout += t), stderr: () => {}, isTTY: false });
  expect(code).toBe(0);
  return stdout;
}

const cases: [string, string[]][] = [
  ['the rST tutorial', ['fixtures/tutorial/tutorial/kubernetes-charm-fastapi.rst']],
  ['the rST tutorial with --pipefail --trace', ['fixtures/tutorial/tutorial/kubernetes-charm-fastapi.rst', '--pipefail', '--trace']],
  ['the MyST tutorial', ['fixtures/tutorial-myst/tutorial/kubernetes-charm-fastapi.md']],
];

for (const [name, args] of cases) {
  it(`ShellCheck finds no error in the export of ${name}`, async () => {
    const script = await exported(args);
    const r = spawnSync(shellcheck, ['--severity=error', '--shell=bash', '-'], { input: script, encoding: 'utf8' });
    if (r.error) throw new Error(`cannot run ${shellcheck} (${r.error.message}): apt-get install shellcheck, or set DOCSNIP_SHELLCHECK`);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
}
