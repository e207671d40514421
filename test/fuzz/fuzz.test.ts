// Property and fuzz tests: random and mutated reStructuredText, MyST, task
// files and option values never make check, resolve, export or coverage
// throw; everything wrong comes back as a diagnostic with a real position;
// coverage and export that drop pages give what runs that keep them give.
//
// `npm test` runs a few hundred seeded cases; `npm run fuzz` runs 100,000+
// (DOCSNIP_FUZZ_RUNS, DOCSNIP_FUZZ_SEED) and prints the count and the seed.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { MemoryFileSystem } from '../../src/core/fs-memory.js';
import { coverageProject, coverageReport, exportPage, exportProject } from '../../src/export/run.js';
import { resolveProject } from '../../src/resolve.js';

const RUNS = Number(process.env.DOCSNIP_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.DOCSNIP_FUZZ_SEED ?? 20261124);
/** A case slower than this counts as a hang. */
const SLOW_MS = 5_000;
let cases = 0;
let slowest = 0;

afterAll(() => {
  console.log(`fuzz: ${cases} cases, seed ${SEED}, slowest ${slowest.toFixed(0)} ms`);
});

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const TUTORIAL = fixture('tutorial/tutorial/kubernetes-charm-fastapi.rst');
const TUTORIAL_MD = fixture('tutorial-myst/tutorial/kubernetes-charm-fastapi.md');
const TASK = fixture('tutorial/tutorial/code/fastapi/task.yaml');

/** Run every command over a tree; fail on an exception, a bad diagnostic or a hang. */
function runAll(files: Record<string, string | Uint8Array>): void {
  cases++;
  const started = performance.now();
  const fs = new MemoryFileSystem({ '/d/conf.py': "extensions = ['myst_parser']\n", ...files });
  const opts = { fs, root: '/d', cwd: '/d', gitignore: false, confine: { dir: '/d' } };
  const result = check(opts);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    expect(['error', 'warning']).toContain(d.severity);
    expect(d.message.length).toBeGreaterThan(0);
  }
  resolveProject(opts);
  for (const page of result.project.pages) {
    exportPage(result, { page: page.page, format: 'bash', display: (p) => p, scriptPath: (p) => p });
    exportPage(result, { page: page.page, format: 'spread', display: (p) => p, scriptPath: (p) => p });
  }
  // The commands' own runs drop each page once taken: they must report what runs that keep them do.
  expect(coverageProject(opts)).toEqual(coverageReport(result));
  const first = result.project.pages[0];
  if (first) {
    const options = { page: first.page, format: 'bash' as const, display: (p: string) => p, scriptPath: (p: string) => p };
    expect(exportProject(opts, options)).toEqual(exportPage(result, options));
    // As the CLI runs it: the page named, so only the documents that may include it are read.
    expect(exportProject({ ...opts, paths: [first.page] }, options)).toEqual(exportPage(result, options));
  }
  const ms = performance.now() - started;
  slowest = Math.max(slowest, ms);
  expect(ms, 'a case took too long (hang?)').toBeLessThan(SLOW_MS);
}

// Pieces of rST that matter to the reader and the resolver.
const OPTION_NAMES = ['lines', 'start-after', 'end-before', 'start-at', 'end-at', 'dedent', 'language', 'caption', 'diff', 'pyobject', 'emphasize-lines', 'lineno-start', 'lineno-match', 'encoding', 'tab-width', 'prepend', 'append', 'class', 'name', 'linenos', 'force', 'parser', 'start-line', 'end-line', 'literal', 'colour'];
const TEXTS = ['[docs:pack]', '# [docs:pack-end]', '1-3', '-2', '3-1', '0', '2', 'utf-8', 'latin-1', 'nope', 'bash', 'task.yaml', 'app.py', '::', '----', '`x`', '|sub|', 'a\tb', '1,,2', ' ', '', 'é€😀', 'x'.repeat(300), '9'.repeat(40), 'Foo.bar', '..', '/', '\\'];
const TARGETS = ['task.yaml', 'app.py', 'missing.txt', '/task.yaml', '../x', 'dir', 'index.rst', 'bin.dat', 'part.rst', 'a b.txt', ''];

const rstLine = fc.oneof(
  fc.constantFrom('', 'Title', '=====', '-----', 'Some text ``cd dir``.', '::', '.. note::', '.. dropdown:: x', '.. code-block:: bash', '.. terminal::', '.. tab-set::', '   .. tab-item:: A', '.. |s| replace:: x', '.. comment', '.. docsnip-disable-next-line', '.. docsnip-export: skip', '* item', '1. item', '+---+', '| a |', ':field: v'),
  fc.tuple(fc.constantFrom('.. literalinclude:: ', '.. include:: ', '..  literalinclude::', '.. LiteralInclude:: '), fc.constantFrom(...TARGETS)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('   ', '    ', '\t', ' ', ''), fc.constantFrom(...OPTION_NAMES), fc.constantFrom(...TEXTS)).map(([i, n, v]) => `${i}:${n}: ${v}`),
  fc.tuple(fc.constantFrom('   ', '      ', ''), fc.string({ maxLength: 30 })).map(([i, s]) => i + s),
);
const rstDoc = fc.array(rstLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

const mdLine = fc.oneof(
  fc.constantFrom('', '# Title', '```{literalinclude} task.yaml', '```', '~~~{literalinclude} app.py', '~~~', ':::{note}', ':::', '::::{dropdown} x', '::::', '```{eval-rst}', '```bash', '---', '<!-- docsnip-disable-next-line -->', '% comment', '> quote', '- item', '[^1]: note', '```{include} part.md'),
  fc.tuple(fc.constantFrom(...OPTION_NAMES), fc.constantFrom(...TEXTS), fc.constantFrom('', '"', "'")).map(([n, v, q]) => `:${n}: ${q}${v}${q}`),
  fc.tuple(fc.constantFrom(...OPTION_NAMES), fc.constantFrom(...TEXTS)).map(([n, v]) => `${n}: ${v}`),
  fc.string({ maxLength: 30 }),
);
const mdDoc = fc.array(mdLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

const taskLine = fc.oneof(
  fc.constantFrom('execute: |', 'prepare: |', 'restore: |', 'summary: x', '  # [docs:pack]', '  # [docs:pack-end]', '  rockcraft pack', '# [docs:top]', '  : bad', '- list', '  "quoted', 'key: [a', '\t tab'),
  fc.string({ maxLength: 30 }).map((s) => '  ' + s),
);
const taskDoc = fc.array(taskLine, { maxLength: 30 }).map((lines) => lines.join('\n'));

const bytes = fc.uint8Array({ maxLength: 200 });

/** Mutations of a real page: characters inserted, deleted or replaced. */
const mutated = (text: string) =>
  fc
    .array(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 12 })
    .map((edits) => {
      let t = text;
      for (const [at, del, ins] of edits) t = t.slice(0, at) + ins + t.slice(at + del);
      return t;
    });

const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
/** Per test: generous, as the long run takes minutes. */
const TIMEOUT = Math.max(60_000, RUNS * 50);

describe('random input never escapes as an exception', () => {
  it('random reStructuredText, fragments, task files and binary files', () => {
    fc.assert(
      fc.property(rstDoc, rstDoc, taskDoc, bytes, fc.constantFrom('\n', '\r\n', '\r'), (page, part, task, bin, eol) => {
        runAll({
          '/d/index.rst': page.replace(/\n/g, eol),
          '/d/part.rst': part,
          '/d/task.yaml': task,
          '/d/app.py': 'def f():\n    pass\n',
          '/d/bin.dat': bin,
          '/d/dir/x.txt': 'x',
        });
      }),
      params,
    );
  }, TIMEOUT);

  it('random MyST Markdown', () => {
    fc.assert(
      fc.property(mdDoc, mdDoc, taskDoc, (page, part, task) => {
        runAll({ '/d/index.md': page, '/d/part.md': part, '/d/task.yaml': task, '/d/app.py': 'x = 1\n' });
      }),
      params,
    );
  }, TIMEOUT);

  it('the tutorial page, its MyST translation and its task file, mutated', () => {
    fc.assert(
      fc.property(mutated(TUTORIAL), mutated(TUTORIAL_MD), mutated(TASK), (page, md, task) => {
        runAll({ '/d/tutorial/page.rst': page, '/d/tutorial/md.md': md, '/d/tutorial/code/fastapi/task.yaml': task });
      }),
      { ...params, numRuns: Math.max(20, Math.floor(RUNS / 20)) },
    );
  }, TIMEOUT);

  it('raw bytes as documents (invalid UTF-8, NUL, BOMs)', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.constantFrom(new Uint8Array([]), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xfe, 0xff])), (a, b, bom) => {
        runAll({ '/d/index.rst': new Uint8Array([...bom, ...a]), '/d/page.md': b, '/d/task.yaml': a });
      }),
      params,
    );
  }, TIMEOUT);
});
