/** .docsnip.yaml: parsing, its JSON schema, discovery by the CLI, and inline suppression. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import { RULES } from '../src/rules/index.js';
import { main } from '../src/cli/main.js';
import { check } from '../src/check.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const schema = JSON.parse(readFileSync(join(repo, 'schema/docsnip.schema.json'), 'utf8')) as Record<string, unknown>;
const ids = RULES.map((r) => r.id);

describe('parseConfig', () => {
  it('reads every key', () => {
    const c = parseConfig('/p/.docsnip.yaml', 'root: docs\nrules:\n  marker-unused: off\n  dedent-strips-text: error\nmarkers:\n  pattern: "^## <(?<name>\\\\w+)(?<end>/)?>$"\nignore:\n  - reuse/**\nmyst-parser: 0.18\n', ids);
    expect(c.problems).toEqual([]);
    expect(c.config).toEqual({
      root: 'docs',
      rules: { 'marker-unused': 'off', 'dedent-strips-text': 'error' },
      markerPattern: '^## <(?<name>\\w+)(?<end>/)?>$',
      ignore: ['reuse/**'],
      mystParser: '0.18',
    });
  });

  it('accepts an empty file', () => {
    expect(parseConfig('/p/.docsnip.yaml', '', ids).problems).toEqual([]);
    expect(parseConfig('/p/.docsnip.yaml', '# nothing\n', ids).problems).toEqual([]);
  });

  it('reports each mistake where it is', () => {
    const text = 'rules: [a]\nmarkers:\n  pattern: "("\n  flags: i\nignore: reuse\nroot: 3\n';
    const problems = parseConfig('/p/.docsnip.yaml', text, ids).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(problems).toEqual([
      '1:8 `rules` must map rule ids to off, warning or error',
      expect.stringMatching(/^3:12 `markers.pattern`: not a valid regular expression/),
      '4:3 unknown key `markers.flags` (expected: pattern)',
      '5:9 `ignore` must be a list of glob patterns',
      '6:7 `root` must be a directory path (a string)',
    ]);
    expect(parseConfig('/p/.docsnip.yaml', 'rules:\n  marker-unused: [\n', ids).problems[0]!.message).toMatch(/^not valid YAML/);
    expect(parseConfig('/p/.docsnip.yaml', '- a\n', ids).problems[0]!.message).toMatch(/must be a mapping/);
  });
});

describe('schema/docsnip.schema.json', () => {
  it('is generated from the rule registry', () => {
    const r = spawnSync(process.execPath, [join(repo, 'scripts/make-config-schema.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rules = (schema.properties as { rules: { properties: Record<string, unknown> } }).rules.properties;
    expect(Object.keys(rules).sort()).toEqual([...ids].sort());
  });

  it('accepts what parseConfig accepts and rejects what it reports', () => {
    const ajv = new Ajv.default({ allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate({ root: 'docs', rules: { 'marker-unused': 'off' }, markers: { pattern: '(?<name>x)' }, ignore: ['a/**'], 'myst-parser': 0.18 })).toBe(true);
    expect(validate({ 'myst-parser': 'latest' })).toBe(false);
    expect(validate({})).toBe(true);
    expect(validate({ exclude: [] })).toBe(false);
    expect(validate({ rules: { 'marker-unsued': 'off' } })).toBe(false);
    expect(validate({ rules: { 'marker-unused': 'fatal' } })).toBe(false);
    expect(validate({ markers: { pattern: '[docs:x]' } })).toBe(false);
  });
});

describe('configuration in the CLI', () => {
  const work = mkdtempSync(join(tmpdir(), 'docsnip-config-'));
  cpSync(join(repo, 'fixtures/tutorial'), work, { recursive: true });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function run(args: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await main({ argv: args, cwd, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
    return { code, stdout, stderr };
  }

  it('finds .docsnip.yaml upward from the checked path and applies it', async () => {
    const before = JSON.parse((await run(['check', '--format', 'json'], work)).stdout);
    expect(before.summary.warnings).toBe(2);
    writeFileSync(join(work, '.docsnip.yaml'), 'rules:\n  marker-unused: off\n');
    const after = await run(['check', 'tutorial', '--format', 'json'], join(work, 'tutorial', '..'));
    expect(JSON.parse(after.stdout).summary).toEqual({ files: 2, directives: 29, errors: 0, warnings: 0 });
    const deep = await run(['check', '--format', 'json'], join(work, 'tutorial', 'code'));
    expect(JSON.parse(deep.stdout).summary.warnings).toBe(0);
    const ignored = await run(['check', '--no-config', '--format', 'json'], work);
    expect(JSON.parse(ignored.stdout).summary.warnings).toBe(2);
  });

  it('raises severities, reports its own mistakes, and refuses a missing --config', async () => {
    writeFileSync(join(work, '.docsnip.yaml'), 'rules:\n  marker-unused: error\n  nope: off\n');
    const r = await run(['check', '--format', 'json'], work);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.diagnostics.map((d: { file: string; line: number; ruleId: string; severity: string }) => `${d.file}:${d.line} ${d.ruleId} ${d.severity}`)).toEqual([
      '.docsnip.yaml:3 config-invalid error',
      'tutorial/code/fastapi/task.yaml:193 marker-unused error',
      'tutorial/code/fastapi/task.yaml:197 marker-unused error',
    ]);
    expect((await run(['check', '--config', 'missing.yaml'], work)).code).toBe(2);
  });

  it('myst-parser (or --myst-parser) below 3 reads MyST option blocks as MyST-Parser 0.18 did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-myst-'));
    writeFileSync(join(dir, 'conf.py'), "extensions = ['myst_parser']\n");
    writeFileSync(join(dir, 'task.yaml'), 'execute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n');
    writeFileSync(join(dir, 'index.md'), '# T\n\n```{literalinclude} task.yaml\n:start-after: [docs:pack]\n:end-before: "[docs:pack-end]"\n```\n');
    const rules = async (args: string[]) =>
      JSON.parse((await run(['check', '--format', 'json', ...args], dir)).stdout).diagnostics.map((d: { ruleId: string; message: string }) => `${d.ruleId}: ${d.message}`);
    // MyST-Parser 3+: every value is a string, so the marker is found; the warning is about older versions.
    const modern = ['myst-unquoted-marker: :start-after: `[docs:pack]` is not quoted: MyST-Parser before 3 reads it as a YAML list and refuses the directive; write it as "[docs:pack]"'];
    expect(await rules([])).toEqual(modern);
    // MyST-Parser 0.18: `[docs:pack]` is a YAML list and the block is refused.
    const legacy = [`invalid-option: Directive 'literalinclude': option "start-after" value not string (enclose with ""): ['docs:pack']`];
    expect(await rules(['--myst-parser', '0.18'])).toEqual(legacy);
    writeFileSync(join(dir, '.docsnip.yaml'), 'myst-parser: 0.18\n');
    expect(await rules([])).toEqual(legacy);
    expect(await rules(['--myst-parser', '4'])).toEqual(modern);
    expect((await run(['check', '--myst-parser', 'new'], dir)).code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('inline suppression', () => {
  const task = 'summary: t\nexecute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n';
  const run = (files: Record<string, string>) => {
    const fs = new MemoryFileSystem({ '/d/conf.py': "extensions = ['myst_parser']\n", '/d/task.yaml': task, ...files });
    return check({ fs, root: '/d', cwd: '/d', gitignore: false }).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`);
  };
  const missing = '.. literalinclude:: nope.txt\n';

  it('an rST comment silences the named rule on the directive that follows, and only there', () => {
    expect(run({ '/d/index.rst': `T\n=\n\n.. docsnip-disable-next-line include-file-missing\n${missing}\n${missing}` })).toEqual([
      'index.rst:7 include-file-missing',
      'task.yaml:3 marker-unused',
    ]);
  });

  it('MyST: an HTML comment or a % comment does the same', () => {
    const fence = '```{literalinclude} nope.txt\n```\n';
    const page = `# T\n\n<!-- docsnip-disable-next-line include-file-missing -->\n${fence}\n% docsnip-disable-next-line include-file-missing\n${fence}\n${fence}`;
    expect(run({ '/d/index.md': page })).toEqual(['index.md:11 include-file-missing', 'task.yaml:3 marker-unused']);
  });

  it('a comment in a marker file silences the line after it', () => {
    const quiet = task.replace('  # [docs:pack]\n', '  # docsnip-disable-next-line marker-unused\n  # [docs:pack]\n');
    expect(run({ '/d/index.rst': 'T\n=\n', '/d/task.yaml': quiet })).toEqual([]);
  });

  it('names no rule: silences every rule; names an unknown rule: reported', () => {
    expect(run({ '/d/index.rst': `T\n=\n\n.. docsnip-disable-next-line\n${missing}` })).toEqual(['task.yaml:3 marker-unused']);
    const out = run({ '/d/index.rst': `T\n=\n\n.. docsnip-disable-next-line include-file-mising\n${missing}` });
    expect(out).toContain('index.rst:4 config-invalid');
    expect(out).toContain('index.rst:5 include-file-missing');
  });
});
