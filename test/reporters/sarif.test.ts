/**
 * The SARIF reporter: every log validates against the OASIS SARIF 2.1.0
 * schema (vendored in test/data), rules are listed completely, and
 * fingerprints survive re-runs and edits elsewhere in the file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { FINGERPRINT_KEY, formatSarif, pascalCase, pathToUri, SRCROOT } from '../../src/reporters/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { ruleHelpUri } from '../../src/rules/rule.js';
import { VERSION } from '../../src/version.js';

const schemaPath = fileURLToPath(new URL('../data/sarif-schema-2.1.0.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
// The packages are CommonJS with `exports.default`; under NodeNext the default import is module.exports.
const ajv = new AjvDraft04.default({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function check(doc: unknown): string {
  return validate(doc) ? '' : ajv.errorsText(validate.errors);
}

// Loose views of the log, enough for the assertions below.
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
interface Loc {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
  message?: { text: string };
}
interface Result {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Loc[];
  relatedLocations?: Loc[];
  partialFingerprints: Record<string, string>;
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface Run {
  tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
  columnKind: string;
  originalUriBaseIds: Record<string, { uri?: string; description?: { text: string } }>;
  results: Result[];
}
interface Log {
  $schema: string;
  version: string;
  runs: Run[];
}

function parse(text: string): Log {
  return JSON.parse(text) as Log;
}
function run(text: string): Run {
  const r = parse(text).runs[0];
  if (!r) throw new Error('no run');
  return r;
}
function result(text: string, i = 0): Result {
  const r = run(text).results[i];
  if (!r) throw new Error(`no result ${i}`);
  return r;
}

function diag(partial: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line'>): Diagnostic {
  return {
    column: 1,
    endLine: partial.line,
    endColumn: (partial.column ?? 1) + 1,
    severity: 'error',
    ruleId: 'include-file-missing',
    message: 'File not found',
    related: [],
    ...partial,
  };
}

const PAGE = [
  'Getting started',
  '===============',
  '',
  '.. literalinclude:: ../src/missing.py',
  '   :language: python',
  '',
  '.. literalinclude:: code/täsk.yaml',
  '   :start-after: # [start]',
].join('\n').split('\n');

const ODD_PATH = 'docs/ünï cödé/100% #1 ?q=a:b,c [x] 𝔘.rst';

const REALISTIC: Diagnostic[] = [
  diag({
    file: 'docs/index.rst',
    line: 4,
    column: 21,
    endColumn: 38,
    message: "File not found: '../src/missing.py' (resolved from docs/)",
    related: [{ file: 'docs/_fragments/setup.rst', line: 3, column: 1, message: 'included here by docs/index.rst, so paths resolve from docs/' }],
    note: 'Sphinx resolves a relative path from the document that is being built.',
  }),
  diag({
    file: 'docs/index.rst',
    line: 8,
    column: 19,
    endColumn: 29,
    severity: 'warning',
    ruleId: 'start-marker-not-found',
    message: 'start-after "# [start]" not found in code/täsk.yaml — «smart» quotes, tabs\tand 𝔘nicode',
    related: [
      { file: 'docs/code/täsk.yaml', line: 1, column: 1, message: 'searched this file' },
      { file: ODD_PATH, line: 2, column: 5, message: 'see [here](0) and C:\\path %25 %0A' },
    ],
  }),
  diag({
    file: ODD_PATH,
    line: 2,
    column: 1,
    endLine: 3,
    endColumn: 1,
    ruleId: 'lines-out-of-range',
    message: 'Line 12 is out of range:\nthe file has 3 lines\r\n(CRLF in a message) "quotes" \u0000 NUL',
  }),
  diag({ file: 'README.rst', line: 10, column: 1, endColumn: 1, ruleId: 'line-too-long', message: 'Line 10 is longer than 10,000 characters' }),
];

const SOURCES: Record<string, readonly string[]> = {
  'docs/index.rst': PAGE,
  [ODD_PATH]: ['first', 'second line', 'third'],
};
const source = (file: string): readonly string[] | null => SOURCES[file] ?? null;

describe('SARIF reporter: schema validity', () => {
  it('writes a log the OASIS 2.1.0 schema accepts for realistic diagnostics', () => {
    const text = formatSarif(REALISTIC, { source });
    expect(check(JSON.parse(text))).toBe('');
    const log = parse(text);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run(text).results).toHaveLength(REALISTIC.length);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes a valid log with zero results (rules still listed)', () => {
    const text = formatSarif([]);
    expect(check(JSON.parse(text))).toBe('');
    expect(run(text).results).toEqual([]);
    expect(run(text).tool.driver.rules).toHaveLength(RULES.length);
  });

  it('is valid with an absolute srcRoot and with rule ids the rule list does not know', () => {
    const text = formatSarif([diag({ file: 'a.rst', line: 1, ruleId: 'not-a-rule' }), ...REALISTIC], {
      srcRoot: 'file:///home/me/my%20project',
      rules: RULES.filter((r) => r.id !== 'line-too-long'),
    });
    expect(check(JSON.parse(text))).toBe('');
    expect(run(text).originalUriBaseIds[SRCROOT]?.uri).toBe('file:///home/me/my%20project/');
    const unknown = run(text).results.find((r) => r.ruleId === 'not-a-rule');
    expect(unknown?.ruleIndex).toBeUndefined();
    const tooLong = run(text).results.find((r) => r.ruleId === 'line-too-long');
    expect(tooLong?.ruleIndex).toBeUndefined();
  });

  it('the validator is live: broken documents are rejected', () => {
    const good = JSON.parse(formatSarif(REALISTIC, { source })) as Log;
    expect(check(good)).toBe('');
    const mutations: [string, (log: Log) => void][] = [
      ['unknown version', (l) => (l.version = '2.0.0')],
      ['bad level', (l) => ((l.runs[0]!.results[0] as unknown as { level: string }).level = 'fatal')],
      ['startLine 0', (l) => (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0)],
      ['unescaped space in uri', (l) => (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'a b/c d.rst')],
      ['unknown property', (l) => ((l.runs[0]!.results[0] as unknown as Record<string, unknown>).lineNumber = 4)],
      ['message without text', (l) => ((l.runs[0]!.results[0] as unknown as { message: unknown }).message = {})],
      ['driver without name', (l) => delete (l.runs[0]!.tool.driver as Partial<Run['tool']['driver']>).name],
      ['bad columnKind', (l) => (l.runs[0]!.columnKind = 'bytes')],
      ['fingerprint not a string', (l) => ((l.runs[0]!.results[0]!.partialFingerprints as Record<string, unknown>).x = 1)],
    ];
    for (const [name, mutate] of mutations) {
      const copy = structuredClone(good);
      mutate(copy);
      expect(check(copy), name).not.toBe('');
    }
  });
});

describe('SARIF reporter: content', () => {
  it('lists every rule once, sorted, with its metadata', () => {
    const rules = run(formatSarif(REALISTIC)).tool.driver.rules;
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(ids).toEqual([...ids].sort());
    for (const meta of RULES) {
      const r = rules.find((x) => x.id === meta.id);
      expect(r, meta.id).toBeDefined();
      if (!r) continue;
      expect(r.name).toBe(pascalCase(meta.id));
      expect(r.name).toMatch(/^[A-Z][A-Za-z]*$/);
      expect(r.shortDescription.text).toBe(meta.description);
      expect(r.fullDescription.text).toBe(meta.description);
      expect(r.helpUri).toBe(ruleHelpUri(meta.id));
      expect(r.help.text).toContain(meta.description);
      expect(r.help.markdown).toContain(`](${ruleHelpUri(meta.id)})`);
      expect(r.defaultConfiguration.level).toBe(meta.severity);
    }
    expect(pascalCase('include-file-missing')).toBe('IncludeFileMissing');
  });

  it('describes the tool and the run', () => {
    const r = run(formatSarif([]));
    expect(r.tool.driver.name).toBe('docsnip');
    expect(r.tool.driver.version).toBe(VERSION);
    expect(r.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(r.columnKind).toBe('utf16CodeUnits');
    expect(Object.keys(r.originalUriBaseIds)).toEqual([SRCROOT]);
  });

  it('maps each diagnostic to a result with rule index, level, region and related locations', () => {
    const text = formatSarif(REALISTIC, { source });
    const rules = run(text).tool.driver.rules;
    for (const r of run(text).results) {
      expect(r.ruleIndex).toBeDefined();
      expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    }
    const first = result(text, 1); // README.rst sorts first
    expect(first.ruleId).toBe('include-file-missing');
    expect(first.level).toBe('error');
    expect(first.message.text).toBe(
      "File not found: '../src/missing.py' (resolved from docs/)\nSphinx resolves a relative path from the document that is being built.",
    );
    expect(first.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/index.rst', uriBaseId: SRCROOT },
      region: { startLine: 4, startColumn: 21, endLine: 4, endColumn: 38 },
    });
    expect(first.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'docs/_fragments/setup.rst', uriBaseId: SRCROOT },
          region: { startLine: 3, startColumn: 1 },
        },
        message: { text: 'included here by docs/index.rst, so paths resolve from docs/' },
      },
    ]);
    const warning = run(text).results.find((r) => r.level === 'warning');
    expect(warning?.relatedLocations?.map((l) => l.id)).toEqual([0, 1]);
    // A link-shaped "[here](0)" in a message is escaped, so it is not an embedded link.
    expect(warning?.relatedLocations?.[1]?.message?.text).toBe('see \\[here\\](0) and C:\\path %25 %0A');
  });

  it('escapes paths into URI references that decode back to the path', () => {
    const paths = [ODD_PATH, 'a:b/c.rst', 'docs/%41.rst', '../outside/x y.rst', 'ü/日本語.rst', 'plain/path-1_2.rst'];
    const text = formatSarif(paths.map((file) => diag({ file, line: 1 })));
    expect(check(JSON.parse(text))).toBe('');
    const uris = run(text).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
    const back = uris.map((u) => decodeURIComponent(u.uri));
    expect([...back].sort()).toEqual([...paths].sort());
    for (const u of uris) {
      expect(u.uriBaseId).toBe(SRCROOT);
      expect(u.uri).not.toMatch(/[ %](?![0-9A-F]{2})|[#?\[\]]/);
      // Resolved against a root, the reference stays under it (a `:` in the first segment is not a scheme).
      const resolved = new URL(u.uri, 'file:///base/dir/');
      expect(resolved.protocol).toBe('file:');
    }
    expect(pathToUri('a:b/c d%.rst')).toBe('a%3Ab/c%20d%25.rst');
    expect(pathToUri('plain/path-1_2.rst')).toBe('plain/path-1_2.rst');
  });

  it('is deterministic: same text whatever the input order, results sorted', () => {
    const a = formatSarif(REALISTIC, { source });
    const b = formatSarif([...REALISTIC].reverse(), { source });
    const c = formatSarif([REALISTIC[2]!, REALISTIC[0]!, REALISTIC[3]!, REALISTIC[1]!], { source });
    expect(b).toBe(a);
    expect(c).toBe(a);
    const keys = run(a).results.map((r) => `${decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri)}:${r.locations[0]!.physicalLocation.region.startLine}`);
    expect(keys).toEqual(['README.rst:10', 'docs/index.rst:4', 'docs/index.rst:8', `${ODD_PATH}:2`]);
  });
});

describe('SARIF reporter: fingerprints', () => {
  const fp = (text: string, i = 0): string => result(text, i).partialFingerprints[FINGERPRINT_KEY] ?? '';

  it('are identical across two runs', () => {
    const first = formatSarif(REALISTIC, { source });
    const second = formatSarif(structuredClone(REALISTIC), { source: (f) => (SOURCES[f] ? [...SOURCES[f]!] : null) });
    expect(run(second).results.map((r) => r.partialFingerprints)).toEqual(run(first).results.map((r) => r.partialFingerprints));
    for (const r of run(first).results) expect(r.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}:\d+$/);
    // Distinct findings have distinct fingerprints.
    const all = run(first).results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('do not change when lines are inserted above the finding', () => {
    const d = REALISTIC[0]!;
    const before = formatSarif([d], { source: () => PAGE });
    const shift = 3;
    const moved = { ...d, line: d.line + shift, endLine: d.endLine + shift };
    const after = formatSarif([moved], { source: () => ['.. note:: added', '', '   a new paragraph', ...PAGE] });
    expect(result(after).locations[0]!.physicalLocation.region.startLine).toBe(7);
    expect(fp(after)).toBe(fp(before));
    // Re-indenting the flagged line is not a change either.
    const indented = formatSarif([d], { source: () => PAGE.map((l, i) => (i === 3 ? `  ${l}  ` : l)) });
    expect(fp(indented)).toBe(fp(before));
  });

  it('change when the flagged line itself changes, or the rule or file differs', () => {
    const d = REALISTIC[0]!;
    const base = fp(formatSarif([d], { source: () => PAGE }));
    const edited = PAGE.map((l, i) => (i === 3 ? '.. literalinclude:: ../src/other.py' : l));
    expect(fp(formatSarif([d], { source: () => edited }))).not.toBe(base);
    expect(fp(formatSarif([{ ...d, ruleId: 'invalid-option' }], { source: () => PAGE }))).not.toBe(base);
    expect(fp(formatSarif([{ ...d, file: 'docs/other.rst' }], { source: () => PAGE }))).not.toBe(base);
  });

  it('count occurrences on identical lines, stably', () => {
    const page = ['.. literalinclude:: gone.py', '', 'text', '.. literalinclude:: gone.py'];
    const at = (line: number): Diagnostic => diag({ file: 'p.rst', line, column: 21, endColumn: 28 });
    const text = formatSarif([at(4), at(1)], { source: () => page });
    const [one, two] = [fp(text, 0), fp(text, 1)];
    expect(one).toMatch(/:1$/);
    expect(two).toMatch(/:2$/);
    expect(one.split(':')[0]).toBe(two.split(':')[0]);
    // Insert unrelated lines between and above them: same fingerprints.
    const page2 = ['intro', '', ...page.slice(0, 2), 'more', 'text', ...page.slice(2)];
    const moved = formatSarif([at(3), at(8)], { source: () => page2 });
    expect([fp(moved, 0), fp(moved, 1)]).toEqual([one, two]);
  });

  it('without source, use the message with digits masked, so a moved finding keeps it', () => {
    const d = REALISTIC[3]!; // "Line 10 is longer than ..."
    const a = fp(formatSarif([d]));
    const b = fp(formatSarif([{ ...d, line: 25, endLine: 25, message: 'Line 25 is longer than 10,000 characters' }]));
    expect(b).toBe(a);
    expect(fp(formatSarif([{ ...d, message: 'Something else' }]))).not.toBe(a);
    // Text-based and message-based fingerprints never coincide for the same finding.
    const withText = fp(formatSarif([d], { source: () => Array.from({ length: 12 }, (_, i) => `line ${i + 1}`) }));
    expect(withText).not.toBe(a);
  });
});
