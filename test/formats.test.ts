/**
 * The machine formats of `docsnip check` on the broken fixtures, through the
 * real CLI: SARIF valid against the OASIS schema, GitHub commands, rdjsonl,
 * and `--output` writing the report to a file and nothing to stdout.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repo, 'bin/docsnip.js');
const broken = join(repo, 'fixtures/broken');
const variants = readdirSync(broken, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

const schema = JSON.parse(readFileSync(join(repo, 'test/data/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new AjvDraft04.default({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function cli(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [bin, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('--format sarif', () => {
  for (const v of variants) {
    it(`${v}: valid SARIF 2.1.0 listing the fault`, () => {
      const r = cli(join(broken, v), ['--format', 'sarif']);
      const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string }[] }[] };
      expect(r.status).toBe(log.runs[0]!.results.some((x) => x.level === 'error') ? 1 : 0);
      expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
      expect(log.runs[0]!.results.length).toBeGreaterThan(2);
    });
  }

  it('gives the same fingerprints on every run', () => {
    const a = cli(join(broken, 'marker-renamed'), ['--format', 'sarif']).stdout;
    const b = cli(join(broken, 'marker-renamed'), ['--format', 'sarif']).stdout;
    expect(a).toBe(b);
    expect(a).toContain('partialFingerprints');
  });
});

describe('--format github and rdjsonl', () => {
  it('prints one workflow command per finding, errors first', () => {
    const lines = cli(join(broken, 'marker-renamed'), ['--format', 'github']).stdout.trimEnd().split('\n');
    expect(lines.map((l) => /^::(error|warning) /.exec(l)?.[1])).toEqual(['error', 'warning', 'warning', 'warning', 'warning']);
    expect(lines[0]).toMatch(/^::error file=tutorial\/kubernetes-charm-fastapi\.rst,line=216,col=19,endLine=216,endColumn=30,title=start-marker-not-found::/);
  });

  it('prints one reviewdog diagnostic per line', () => {
    const lines = cli(join(broken, 'marker-renamed'), ['--format', 'rdjsonl']).stdout.trimEnd().split('\n');
    const diags = lines.map((l) => JSON.parse(l) as { severity: string; code: { value: string } });
    expect(diags.map((d) => `${d.severity} ${d.code.value}`).sort()).toEqual([
      'ERROR start-marker-not-found',
      'WARNING marker-unpaired',
      'WARNING marker-unpaired',
      'WARNING marker-unused',
      'WARNING marker-unused',
    ]);
  });
});

describe('--output', () => {
  it('writes the report to the file, not to stdout, with the same exit code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docsnip-output-'));
    try {
      const file = join(dir, 'report.sarif');
      const r = cli(join(broken, 'marker-renamed'), ['--format', 'sarif', '--output', file]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(validate(JSON.parse(readFileSync(file, 'utf8')))).toBe(true);
      expect(readdirSync(dir)).toEqual(['report.sarif']);
      const bad = cli(join(broken, 'marker-renamed'), ['--output', join(dir, 'no/such/dir/report.txt')]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^docsnip: cannot write/);
      expect(existsSync(join(dir, 'no'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
