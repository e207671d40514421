#!/usr/bin/env node
// npm run bench: docsnip on generated doc trees (S 100, M 2,000, L 20,000
// pages; seeded, see bench/generate.mjs), next to `grep -rc literalinclude`
// (the cost of reading the tree) and, on S, `sphinx-build -b dummy`. Prints
// a table and writes the figures as JSON. Asserts nothing. Needs `npm run
// build` first (the npm script does it).
//   node bench/run.mjs [--sizes S,M,L] [--runs N] [--seed N] [--json FILE]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateTree, SIZES } from './generate.mjs';
import { timeAdversarial } from './adversarial.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const sizes = opt('--sizes', 'S,M,L').split(',');
const RUNS = Number(opt('--runs', '3'));
const SEED = Number(opt('--seed', '1'));
const jsonOut = opt('--json', join(tmpdir(), 'docsnip-bench.json'));
const hasTime = existsSync('/usr/bin/time');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Run a command `runs` times; wall (parent clock), CPU and peak memory (GNU time, or the child's own report). */
function measure(cmd, args, { cwd, runs = RUNS, child = false } = {}) {
  const walls = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const out = join(tmpdir(), `docsnip-bench-${process.pid}.json`);
    const env = { ...process.env, DOCSNIP_BENCH_OUT: out };
    const full = !child && hasTime ? ['/usr/bin/time', ['-f', '@@%U %S %M', cmd, ...args]] : [cmd, args];
    const t0 = performance.now();
    const r = spawnSync(full[0], full[1], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
    walls.push(performance.now() - t0);
    if (r.error) return null;
    if (child) last = JSON.parse(readFileSync(out, 'utf8'));
    else {
      const m = /@@([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
      last = m ? { user: Number(m[1]) * 1000, system: Number(m[2]) * 1000, maxRSS: Number(m[3]) / 1024, code: r.status } : { code: r.status };
    }
    rmSync(out, { force: true });
  }
  return { wall: median(walls), min: Math.min(...walls), cpu: last.user !== undefined ? last.user + last.system : null, maxRSS: last.maxRSS ?? null, code: last.code };
}

const docsnip = (args, cwd, runs) => measure(process.execPath, [join(repo, 'bench/child.mjs'), ...args], { cwd, runs, child: true });

function sphinxBuild() {
  const cmd = process.env.DOCSNIP_SPHINX_BUILD ?? 'sphinx-build';
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : { cmd, version: r.stdout.trim() };
}

/**
 * `docsnip review --base HEAD` after renaming a marker of one task: the tree
 * is committed to a new git repository first (null when git is missing).
 */
function timeReview(dir, runs) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  const git = (...args) => spawnSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'bench']]) {
    const r = git(...args);
    if (r.error || r.status !== 0) return null;
  }
  const task = join(dir, 'code/t3/task.yaml');
  const text = readFileSync(task, 'utf8');
  writeFileSync(task, text.replace('# [docs:step-3]', '# [docs:step-3-renamed]'));
  try {
    return docsnip(['review', '--base', 'HEAD'], dir, runs);
  } finally {
    writeFileSync(task, text);
    rmSync(join(dir, '.git'), { recursive: true, force: true });
  }
}

const results = { node: process.version, seed: SEED, sizes: {} };
const lines = [];
const fmt = (x, unit = 'ms') => (x === null || x === undefined ? '-' : `${x.toFixed(0)} ${unit}`);
const row = (label, m, tree) => {
  if (!m) return lines.push(`  ${label.padEnd(40)} not available`);
  const pagesPerS = tree ? (tree.pages / (m.wall / 1000)).toFixed(0) : '';
  const mbPerS = tree ? (tree.bytes / 2 ** 20 / (m.wall / 1000)).toFixed(1) : '';
  lines.push(`  ${label.padEnd(40)} ${fmt(m.wall).padStart(9)} ${fmt(m.cpu).padStart(9)} ${fmt(m.maxRSS, 'MiB').padStart(9)} ${String(pagesPerS).padStart(8)} ${String(mbPerS).padStart(7)}`);
};

const node0 = measure(process.execPath, ['-e', '0'], { runs: 10 });
const tutorial = docsnip(['check', join(repo, 'fixtures/tutorial')], repo, 10);
const onePage = mkdtempSync(join(tmpdir(), 'docsnip-one-'));
writeFileSync(join(onePage, 'conf.py'), "project = 'one'\n");
writeFileSync(join(onePage, 'index.rst'), 'One page\n========\n\nNo directives.\n');
const one = docsnip(['check', onePage], onePage, 10);
rmSync(onePage, { recursive: true, force: true });
results.startup = { nodeMs: node0.wall, onePageMs: one.wall, ratio: one.wall / node0.wall, tutorialMs: tutorial.wall };
lines.push(`start-up: node -e 0 ${fmt(node0.wall)}; docsnip check on a one-page tree ${fmt(one.wall)} (${(one.wall / node0.wall).toFixed(2)}x); on the tutorial page ${fmt(tutorial.wall)}`, '');
lines.push(`  ${'command'.padEnd(40)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)} ${'peak mem'.padStart(9)} ${'pages/s'.padStart(8)} ${'MB/s'.padStart(7)}`);

for (const size of sizes) {
  const pages = SIZES[size];
  const dir = mkdtempSync(join(tmpdir(), `docsnip-bench-${size}-`));
  try {
    const t0 = performance.now();
    const tree = generateTree(dir, pages, SEED);
    const genMs = performance.now() - t0;
    lines.push('', `${size}: ${tree.pages} pages, ${tree.literalincludes} literalincludes (${tree.broken} broken), ${tree.files} files, ${(tree.bytes / 2 ** 20).toFixed(1)} MB (generated in ${fmt(genMs)})`);
    const runs = size === 'L' ? 1 : RUNS;
    const check = docsnip(['check', '--quiet', dir], dir, runs);
    row('docsnip check', check, tree);
    // The default uses worker threads from 10,000 documents; the other setting, for comparison.
    const jobs = pages >= 10000 ? '1' : '2';
    const other = docsnip(['check', '--quiet', '--jobs', jobs, dir], dir, runs);
    row(`docsnip check --jobs ${jobs}`, other, tree);
    const grep = measure('grep', ['-rc', 'literalinclude', dir], { runs });
    row('grep -rc literalinclude', grep, tree);
    const changed = docsnip(['check', '--quiet', '--changed', join(dir, 'code/t3/task.yaml')], dir, runs);
    row('docsnip check --changed code/t3/task.yaml', changed, null);
    // --cache: one run fills the entry, the measured runs find every file unchanged.
    const cacheDir = `${dir}-cache`;
    const cachedArgs = ['check', '--quiet', '--cache', '--cache-location', cacheDir, dir];
    docsnip(cachedArgs, dir, 1);
    const cached = docsnip(cachedArgs, dir, runs);
    rmSync(cacheDir, { recursive: true, force: true });
    row('docsnip check --cache (nothing changed)', cached, tree);
    const review = timeReview(dir, runs);
    row('docsnip review (one task changed)', review, tree);
    const entry = { ...tree, check, [`jobs${jobs}`]: other, grep, changed, cached, review, ratioToGrep: check.wall / grep.wall };
    if (size === 'S') {
      const sphinx = sphinxBuild();
      if (sphinx) {
        // Sphinx reads the same tree with the differential test's configuration.
        const conf = readFileSync(join(repo, 'test/oracle/sphinx_oracle_conf.py'), 'utf8');
        const src = mkdtempSync(join(tmpdir(), 'docsnip-bench-sphinx-'));
        cpSync(dir, join(src, 'src'), { recursive: true });
        writeFileSync(join(src, 'src/conf.py'), `EXCLUDE_PATTERNS = []\nMYST = False\n${conf}`);
        const build = measure(sphinx.cmd, ['-E', '-N', '-q', '-b', 'dummy', '-w', join(src, 'warnings.txt'), 'src', 'out'], { cwd: src, runs: 1 });
        row(`sphinx-build -b dummy (${sphinx.version})`, build, tree);
        // The same findings on the literalincludes: Sphinx's warnings at literalinclude lines vs docsnip's errors.
        const warned = new Set(
          readFileSync(join(src, 'warnings.txt'), 'utf8')
            .split('\n')
            .map((l) => /^(?:.*\/src\/)?(.+?):(\d+): (?:WARNING|ERROR|SEVERE)/.exec(l))
            .filter((m) => m && m[1].endsWith('.rst'))
            .map((m) => `${m[1]}:${m[2]}`),
        );
        // docsnip's side: the literalincludes Sphinx would report (a finding of a rule Sphinx also has), at the directive's line.
        const r = spawnSync(process.execPath, [join(repo, 'bin/docsnip.js'), 'resolve', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
        const SPHINX_RULES = new Set(['include-file-missing', 'start-marker-not-found', 'end-marker-not-found', 'invalid-option', 'option-conflict', 'no-lines-selected', 'encoding-error', 'pyobject-not-found', 'include-cycle', 'line-too-long', 'lines-out-of-range', 'dedent-strips-text']);
        const found = new Set(
          JSON.parse(r.stdout)
            .directives.filter((d) => d.diagnostics.some((x) => SPHINX_RULES.has(x.ruleId)))
            .map((d) => `${d.source}:${d.line}`),
        );
        const same = warned.size === found.size && [...warned].every((k) => found.has(k));
        lines.push(`  findings on literalincludes: Sphinx ${warned.size}, docsnip ${found.size}: ${same ? 'identical (file:line)' : 'DIFFERENT'}`);
        lines.push(
          `  docsnip is ${(build.wall / check.wall).toFixed(0)}x faster than sphinx-build here, ${(build.wall / changed.wall).toFixed(0)}x with --changed (one task), ${(build.wall / cached.wall).toFixed(0)}x with --cache (nothing changed)`,
        );
        entry.sphinx = { ...build, version: sphinx.version, findings: { sphinx: warned.size, docsnip: found.size, identical: same } };
        rmSync(src, { recursive: true, force: true });
      } else {
        lines.push('  sphinx-build: not installed (set DOCSNIP_SPHINX_BUILD)');
      }
    }
    results.sizes[size] = entry;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
{
  const { check } = await import(join(repo, 'dist/check.js'));
  const { MemoryFileSystem } = await import(join(repo, 'dist/core/fs-memory.js'));
  const adversarial = timeAdversarial(check, MemoryFileSystem);
  results.adversarial = adversarial;
  lines.push('', 'adversarial input (1x, 2x, 4x the size; linear is about 4x):');
  for (const a of adversarial) lines.push(`  ${a.name.padEnd(40)} ${a.ms.map((t) => `${t.toFixed(1)} ms`.padStart(10)).join('')}   ${a.ratio.toFixed(1)}x`);
}
if (results.sizes.M && results.sizes.L) {
  const ratio = results.sizes.L.check.wall / results.sizes.M.check.wall;
  const sizeRatio = results.sizes.L.literalincludes / results.sizes.M.literalincludes;
  results.scaling = { timeRatio: ratio, sizeRatio };
  lines.push('', `scaling L/M: time ${ratio.toFixed(1)}x for ${sizeRatio.toFixed(1)}x the literalincludes`);
}
console.log(lines.join('\n'));
writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
console.log(`\nJSON: ${jsonOut}`);
