// The compiled CLI loads the Python analyser (`:pyobject:`), difflib
// (`:diff:`) and the MyST reader only when a directive or page needs them. Runs `bin/docsnip.js`
// (`npm test` builds first); the other tests run the sources, where these
// modules are preloaded (test/support/preload.ts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/docsnip.js', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(page: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'docsnip-lazy-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'conf.py'), '');
  writeFileSync(join(dir, 'index.rst'), page);
  writeFileSync(join(dir, 'app.py'), 'import os\n\n\ndef main():\n    return os.getcwd()\n');
  writeFileSync(join(dir, 'old.py'), 'import os\n\n\ndef main():\n    return None\n');
  return dir;
}

/**
 * Run the CLI, logging every module it loads from dist/: ES module imports
 * through a resolve hook, `require` through NODE_DEBUG=module.
 */
function run(dir: string, args: string[]) {
  const hook = `export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/dist/')) process.stderr.write('LOADED ' + r.url + '\\n'); return r; }`;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG: 'module' },
  });
  const loaded = r.stderr
    .split('\n')
    .map((l) => /^LOADED file:\/\/(.*)$/.exec(l)?.[1] ?? /^MODULE \d+: load "([^"]+)"/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined);
  return { code: r.status, stdout: r.stdout, loaded: (name: string) => loaded.some((l) => l.endsWith(name)) };
}

describe('modules loaded on first use', () => {
  it('a plain check loads neither', () => {
    const r = run(tree('T\n=\n\n.. literalinclude:: app.py\n   :lines: 4-5\n'), ['check', '.']);
    expect(r.code).toBe(0);
    // The hook sees the CLI's own modules (the check ran)…
    expect(r.loaded('/dist/resolver/literalinclude.js')).toBe(true);
    // …but not these.
    expect(r.loaded('/dist/resolver/pyobject.js')).toBe(false);
    expect(r.loaded('/dist/python/difflib.js')).toBe(false);
    expect(r.loaded('/dist/readers/myst/scanner.js')).toBe(false);
  });

  it('a Markdown page loads the MyST reader', () => {
    const dir = tree('T\n=\n');
    writeFileSync(join(dir, 'conf.py'), "extensions = ['myst_parser']\n");
    writeFileSync(join(dir, 'page.md'), '# P\n\n```{literalinclude} app.py\n:lines: 4-5\n```\n');
    const r = run(dir, ['resolve', '--format', 'json', '.']);
    expect(r.code).toBe(0);
    expect(r.loaded('/dist/readers/myst/scanner.js')).toBe(true);
    const texts = (JSON.parse(r.stdout) as { directives: { text: string }[] }).directives.map((d) => d.text);
    expect(texts).toEqual(['def main():\n    return os.getcwd()\n']);
  });

  it(':pyobject: and :diff: load them and resolve as Sphinx does', () => {
    const dir = tree('T\n=\n\n.. literalinclude:: app.py\n   :pyobject: main\n\n.. literalinclude:: app.py\n   :diff: old.py\n');
    const r = run(dir, ['resolve', '--format', 'json', '.']);
    expect(r.code).toBe(0);
    expect(r.loaded('/dist/resolver/pyobject.js')).toBe(true);
    expect(r.loaded('/dist/python/difflib.js')).toBe(true);
    const texts = (JSON.parse(r.stdout) as { directives: { text: string }[] }).directives.map((d) => d.text);
    expect(texts[0]).toBe('def main():\n    return os.getcwd()\n');
    expect(texts[1]).toContain('-    return None\n+    return os.getcwd()\n');
  });
});
