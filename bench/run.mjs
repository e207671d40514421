#!/usr/bin/env node
// npm run bench: docsnip on a generated Sphinx tree of 1,000 pages (and the
// bundled tutorial), timed in-process and end to end. Prints figures; it
// asserts nothing. Needs `npm run build` first.
//   node bench/run.mjs [--pages N] [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('--pages', 1000);
const RUNS = arg('--runs', 5);
const TASKS = 50;

const { check } = await import(join(repo, 'dist/check.js'));
const { NodeFileSystem } = await import(join(repo, 'dist/core/fs-node.js'));

/** A Sphinx tree: PAGES pages in 10 folders, each showing 3 regions of one of TASKS spread tasks and including a shared fragment. */
function generate(dir) {
  const write = (p, text) => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  };
  write('conf.py', "project = 'bench'\nexclude_patterns = ['_build']\n");
  for (let t = 0; t < TASKS; t++) {
    const regions = Array.from({ length: 6 }, (_, r) => `  # [docs:step-${r}]\n  echo task ${t} step ${r}\n  run --flag ${r}\n  # [docs:step-${r}-end]\n`).join('');
    write(`code/task${t}/task.yaml`, `summary: task ${t}\nexecute: |\n${regions}`);
  }
  write('reuse/setup.rst', 'Set up\n\n.. code-block:: bash\n\n   sudo snap install juju\n');
  for (let p = 0; p < PAGES; p++) {
    const t = p % TASKS;
    const body = [0, 2, 4]
      .map((r) => `.. literalinclude:: /code/task${t}/task.yaml\n   :language: bash\n   :start-after: [docs:step-${r}]\n   :end-before: [docs:step-${r}-end]\n   :dedent: 2\n`)
      .join('\nSome prose between the steps.\n\n');
    write(`section${p % 10}/page${p}.rst`, `Page ${p}\n${'='.repeat(String(p).length + 5)}\n\n.. include:: /reuse/setup.rst\n\nIntro text.\n\n${body}`);
  }
}

function time(fn) {
  const samples = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], result };
}

const ms = (x) => `${x.toFixed(0)} ms`;
const dir = mkdtempSync(join(tmpdir(), 'docsnip-bench-'));
try {
  generate(dir);
  const fs = new NodeFileSystem();
  const opts = { fs, root: dir, cwd: dir, gitignore: false };
  console.log(`docsnip bench: ${PAGES} pages, ${PAGES * 3} literalincludes, ${TASKS} spread tasks; median of ${RUNS} runs (min in brackets)\n`);
  const rows = [];
  const row = (name, t, extra = '') => rows.push(`${name.padEnd(52)} ${ms(t.median).padStart(8)}  (${ms(t.min)})${extra}`);
  const full = time(() => check(opts));
  row('check (whole tree, in-process)', full, `  ${full.result.summary.files} files, ${full.result.summary.directives} literalincludes`);
  const task = time(() => check({ ...opts, changed: [join(dir, 'code/task7/task.yaml')] }));
  row('check --changed code/task7/task.yaml', task, `  ${task.result.summary.files} files, ${task.result.summary.directives} literalincludes, ${task.result.project.changed.candidates} documents analysed`);
  const frag = time(() => check({ ...opts, changed: [join(dir, 'reuse/setup.rst')] }));
  row('check --changed reuse/setup.rst (in every page)', frag, `  ${frag.result.summary.files} files`);
  const none = time(() => check({ ...opts, changed: [join(dir, 'README.md')] }));
  row('check --changed README.md (no page affected)', none, `  ${none.result.summary.files} files`);
  const cli = (args) =>
    time(() => {
      const r = spawnSync(process.execPath, [join(repo, 'bin/docsnip.js'), ...args], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
      return r;
    });
  row('CLI: docsnip check (end to end, node start-up included)', cli(['check', '--quiet']));
  row('CLI: docsnip check --changed code/task7/task.yaml', cli(['check', '--changed', 'code/task7/task.yaml']));
  row('CLI: docsnip check fixtures/tutorial', time(() => spawnSync(process.execPath, [join(repo, 'bin/docsnip.js'), 'check', join(repo, 'fixtures/tutorial')], { encoding: 'utf8' })));
  row('node -e 0 (start-up alone)', time(() => spawnSync(process.execPath, ['-e', '0'])));
  console.log(rows.join('\n'));
  const rss = process.memoryUsage().rss / 2 ** 20;
  console.log(`\nresident memory of this process after the runs: ${rss.toFixed(0)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
