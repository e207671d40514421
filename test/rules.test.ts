/**
 * Rule fixtures: each folder of fixtures/rules is a small Sphinx project whose
 * files say, in comments, which diagnostics docsnip must report:
 * `.. expect: RULE LINE:COLUMN` in reStructuredText, `% expect: RULE LINE:COLUMN`
 * in MyST Markdown, `# expect: RULE LINE:COLUMN` in other files such as a
 * spread task or `.docsnip.yaml` (the position is in
 * the file holding the comment). Every diagnostic must be expected and every
 * expectation met.
 * The comments are read with a plain regular expression, not with docsnip's
 * own reader.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { NodeFileSystem } from '../src/core/fs-node.js';
import { RULES } from '../src/rules/index.js';
import { parseConfig } from '../src/config/config.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const fixtures = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const docs = fileURLToPath(new URL('../docs/rules/', import.meta.url));
const EXPECT_RST = /^\.\. expect: ([a-z-]+) (\d+):(\d+)\s*$/;
const EXPECT_OTHER = /^\s*# expect: ([a-z-]+) (\d+):(\d+)\s*$/;
const EXPECT_MD = /^% expect: ([a-z-]+) (\d+):(\d+)\s*$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out.sort();
}

function expectations(dir: string): string[] {
  const out: string[] = [];
  for (const file of files(dir)) {
    const re = file.endsWith('.rst') ? EXPECT_RST : file.endsWith('.md') ? EXPECT_MD : EXPECT_OTHER;
    readFileSync(file, 'latin1')
      .split(/\r?\n/)
      .forEach((line) => {
        const m = re.exec(line);
        if (m) out.push(`${relative(dir, file)}:${m[2]}:${m[3]} ${m[1]}`);
      });
  }
  return out.sort();
}

const folders = readdirSync(fixtures, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('rule fixtures', () => {
  for (const folder of folders) {
    it(folder, () => {
      const dir = join(fixtures, folder);
      const configPath = join(dir, '.docsnip.yaml');
      const config = existsSync(configPath)
        ? parseConfig(configPath, readFileSync(configPath, 'utf8'), RULES.map((r) => r.id))
        : null;
      // Confined to this repository, as the CLI confines a run to the git work tree.
      const result = check({ fs: new NodeFileSystem(), root: dir, cwd: dir, gitignore: false, config, confine: { dir: repoRoot } });
      const got = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`).sort();
      const want = expectations(dir);
      expect(want.length, `${folder} declares no expectation`).toBeGreaterThan(0);
      expect(got, result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n')).toEqual(want);
    });
  }
});

describe('every rule', () => {
  it('is registered once, sorted by id, with a kebab-case id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  for (const rule of RULES) {
    it(`${rule.id} has a fixture folder that triggers it, and a documentation page`, () => {
      const dir = join(fixtures, rule.id);
      expect(existsSync(dir), `fixtures/rules/${rule.id}/`).toBe(true);
      expect(expectations(dir).some((e) => e.endsWith(` ${rule.id}`))).toBe(true);
      const page = join(docs, `${rule.id}.md`);
      expect(existsSync(page), `docs/rules/${rule.id}.md`).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text.split('\n')[0]).toBe(`# ${rule.id}`);
      expect(text).toContain(`**Severity:** ${rule.severity}.`);
      for (const section of ['## Rule details', '## What Sphinx prints', '## How to fix']) expect(text).toContain(section);
    });
  }

  it('has no fixture folder without a rule', () => {
    expect(folders.filter((f) => !RULES.some((r) => r.id === f))).toEqual([]);
  });
});
