/**
 * Running the Python oracles: $DOCSNIP_PYTHON, else `python3`. A missing
 * Python or module fails the calling test with how to install it; it never
 * skips it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const python = process.env.DOCSNIP_PYTHON ?? 'python3';
const here = fileURLToPath(new URL('.', import.meta.url));
const checked = new Set<string>();

/** Throw unless `python` imports every module; `install` says how to get them. */
export function requirePython(modules: readonly string[], install: string): void {
  const key = modules.join(',');
  if (checked.has(key)) return;
  const r = spawnSync(python, ['-c', `import ${key}`], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `This oracle needs Python with ${modules.join(' and ')}, but \`${python} -c "import ${key}"\` failed` +
        `${r.error ? ` (${r.error.message})` : ''}.\n${r.stderr ?? ''}\n` +
        `${install}, and set DOCSNIP_PYTHON to that Python (e.g. DOCSNIP_PYTHON=/usr/bin/python3) if \`python3\` is another interpreter.`,
    );
  }
  checked.add(key);
}

/** Run a script of test/oracle/ with `input` on stdin; its stdout. */
export function runPythonScript(script: string, input: string): string {
  // The scripts share a module; no __pycache__ may be left in the repository.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(python, [join(here, script)], { input, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(`${python} ${script} failed (status ${String(r.status)}): ${r.error?.message ?? ''}\n${r.stderr}`);
  }
  return r.stdout;
}
