/**
 * Run real Sphinx over a source tree and collect what the oracle needs: every
 * literal block a literalinclude built (via the `doctree-read` dump of
 * `sphinx_oracle_conf.py`) and every warning, with paths made relative to
 * the source tree so results compare across machines.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseWarnings, type OracleResult, type OracleBlock } from '../support/sphinx-compare.js';

const HERE = new URL('.', import.meta.url).pathname;

export interface SphinxInfo {
  command: string;
  version: string;
  /** MyST-Parser's version in Sphinx's Python, or null when it cannot be imported. */
  myst: string | null;
}

/** The sphinx-build to use (`DOCSNIP_SPHINX_BUILD`, else `sphinx-build` on PATH); throws when there is none. */
export function findSphinx(): SphinxInfo {
  const command = process.env.DOCSNIP_SPHINX_BUILD ?? 'sphinx-build';
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `The Sphinx oracle is not available: cannot run ${JSON.stringify(command)} (${r.error?.message ?? r.stderr}). ` +
        'Install it (apt-get install python3-sphinx, or pip install sphinx==9.0.4) or set DOCSNIP_SPHINX_BUILD.',
    );
  }
  const version = /(\d+\.\d+\.\d+)/.exec(r.stdout + r.stderr)?.[1];
  if (!version) throw new Error(`cannot read the version of ${command}: ${r.stdout}`);
  // The Python running sphinx-build, from its script's first line.
  let myst: string | null = null;
  const script = spawnSync('sh', ['-c', `head -n 1 "$(command -v ${JSON.stringify(command)})"`], { encoding: 'utf8' }).stdout;
  const python = /^#!\s*(\S+)/.exec(script)?.[1];
  if (python) {
    const m = spawnSync(python, ['-c', 'import myst_parser; print(myst_parser.__version__)'], { encoding: 'utf8' });
    if (m.status === 0) myst = m.stdout.trim();
  }
  return { command, version, myst };
}

/** Build `srcDir` (copied to a temporary directory) and return its literalinclude blocks and warnings. */
export function runSphinx(sphinx: SphinxInfo, srcDir: string, excludePatterns: readonly string[] = [], myst = false): OracleResult {
  const work = mkdtempSync(join(tmpdir(), 'docsnip-sphinx-'));
  try {
    const src = join(work, 'src');
    cpSync(srcDir, src, { recursive: true });
    const conf = readFileSync(join(HERE, 'sphinx_oracle_conf.py'), 'utf8');
    writeFileSync(join(src, 'conf.py'), `EXCLUDE_PATTERNS = ${JSON.stringify(excludePatterns)}\nMYST = ${myst ? 'True' : 'False'}\n${conf}`);
    const out = join(work, 'out');
    const warningsFile = join(work, 'warnings.txt');
    const r = spawnSync(sphinx.command, ['-E', '-N', '-q', '-b', 'dummy', '-w', warningsFile, 'src', 'out'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', PYTHONHASHSEED: '0' },
    });
    if (r.status !== 0) throw new Error(`sphinx-build failed (${r.status}): ${r.stderr}`);
    const blocks: OracleBlock[] = [];
    const blockDir = join(out, 'blocks');
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json')) {
          for (const row of JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>[]) {
            blocks.push({
              page: relative(blockDir, p).replace(/\.json$/, ''),
              doc: relative(src, resolve(work, row.doc_source as string)),
              line: row.line as number,
              file: relative(src, resolve(work, row.file as string)),
              text: (row.text as string).split(src).join('<SRC>'),
              language: (row.language as string | null) ?? null,
              linenos: Boolean(row.linenos),
              highlightArgs: (row.highlight_args as Record<string, unknown>) ?? {},
              classes: row.classes as string[],
              names: row.names as string[],
              caption: (row.caption as string | null) ?? null,
            });
          }
        }
      }
    };
    if (existsSync(blockDir)) walk(blockDir);
    const order = (b: OracleBlock): string => `${b.page}\u0000${b.doc}\u0000${String(b.line).padStart(8, '0')}`;
    blocks.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const warningsText = existsSync(warningsFile) ? readFileSync(warningsFile, 'utf8') : '';
    const warnings = parseWarnings(warningsText, { src, cwd: work });
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { myst_parser: string | null };
    return { sphinx: sphinx.version, ...(myst ? { myst: meta.myst_parser ?? undefined } : {}), blocks, warnings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

