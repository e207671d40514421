// Re-proves fixtures/myst-corpus/expected.json with MyST-Parser itself
// (test/oracle/myst_directives.py: MyST-Parser's docutils parser, colon_fence
// enabled, directive lookup replaced by recording directives built from
// src/readers/rst/directive-specs.ts). Needs Python with MyST-Parser 0.18:
// $DOCSNIP_PYTHON, else `python3` (Debian bookworm: /usr/bin/python3 +
// python3-myst-parser). A missing Python or MyST-Parser fails these tests; it
// never skips them.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DIRECTIVE_SPECS,
  UNKNOWN_DIRECTIVE,
  directiveSpec,
  type DirectiveSpec,
} from '../../src/readers/rst/directive-specs.js';
import { requirePython, runPythonScript } from './python.js';

const corpusDir = fileURLToPath(new URL('../../fixtures/myst-corpus/', import.meta.url));

type Found = [name: string, line: number];
interface OracleOutput {
  myst_parser: string;
  docutils: string;
  files: Record<string, Found[]>;
  fallback: string[];
  rejected: Record<string, [string, number | null, string][]>;
  reported: Record<string, [string, number, number][]>;
}
interface Golden {
  myst_parser: string;
  docutils: string;
  files: Record<string, Found[]>;
  rejected: Record<string, [string, number, string][]>;
  myst_lineno: Record<string, [string, number, number][]>;
}

function runOracle(input: string): OracleOutput {
  requirePython(['myst_parser', 'docutils'], 'Install MyST-Parser 0.18 (Debian bookworm: apt-get install python3-myst-parser)');
  return JSON.parse(runPythonScript('myst_directives.py', input)) as OracleOutput;
}

const plain = (s: DirectiveSpec) => ({
  required: s.required,
  optional: s.optional,
  finalWhitespace: s.finalWhitespace,
  options: s.options,
  content: s.content,
});
const sameSpec = (a: DirectiveSpec, b: DirectiveSpec) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

/** `{name}` after a fence run (a superset of MyST's directive names). */
const MYST_NAME_RE = /(?:`{3,}|~{3,}|:{3,})[ \t]*\{([^\s{}]+)\}/gu;
/** Any `name::` (a superset of docutils' directive names, for `{eval-rst}`). */
const RST_NAME_RE = /((?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*) ?::/gu;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Does `line` hold the opening of directive `name` (a fence `{name}` or an rST `name::`)? */
function holdsDirective(line: string, name: string): boolean {
  const esc = escape(name);
  return (
    new RegExp(`(?:\`{3,}|~{3,}|:{3,})[ \\t]*\\{${esc}\\}`, 'iu').test(line) ||
    new RegExp(`(^|[\\s|])${esc} ?::`, 'iu').test(line)
  );
}

describe('MyST-Parser oracle', () => {
  it('reproduces fixtures/myst-corpus/expected.json exactly', () => {
    const files = readdirSync(corpusDir)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(60);
    const paths = files.map((f) => join(corpusDir, f));
    const texts = new Map(paths.map((p) => [p, readFileSync(p, 'utf8')]));

    // Every name gets `directiveSpec(name)`: the table, plus every name that
    // looks like a directive in the corpus; names MyST met that were not
    // listed come back as "fallback" and must really map to UNKNOWN_DIRECTIVE.
    const specs: Record<string, ReturnType<typeof plain>> = {};
    for (const [name, spec] of Object.entries(DIRECTIVE_SPECS)) specs[name] = plain(spec);
    for (const text of texts.values()) {
      for (const re of [MYST_NAME_RE, RST_NAME_RE]) {
        for (const m of text.matchAll(re)) {
          const name = (m[1] ?? '').toLowerCase();
          specs[name] ??= plain(directiveSpec(name));
        }
      }
    }
    let out: OracleOutput | undefined;
    for (let round = 0; round < 3; round++) {
      out = runOracle(JSON.stringify({ specs, unknown: plain(UNKNOWN_DIRECTIVE), files: paths }));
      const missing = out.fallback.filter((n) => !sameSpec(directiveSpec(n), UNKNOWN_DIRECTIVE));
      if (missing.length === 0) break;
      for (const n of missing) specs[n] = plain(directiveSpec(n));
      out = undefined;
    }
    if (!out) throw new Error('the oracle kept resolving table names as unknown');

    const golden = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as Golden;
    const actual: Record<string, Found[]> = {};
    for (const f of files) actual[f] = out.files[join(corpusDir, f)] ?? [];

    // The oracle computes the lines itself (MyST-Parser's own are sometimes
    // off, see myst_directives.py): each must hold its directive's opening.
    const misplaced: string[] = [];
    for (const f of files) {
      const raw = texts.get(join(corpusDir, f)) ?? '';
      const lines = (raw.startsWith('\uFEFF') ? raw.slice(1) : raw).split(/\r\n|\r|\n/u);
      for (const [name, line] of actual[f] ?? []) {
        if (!holdsDirective(lines[line - 1] ?? '', name)) misplaced.push(`${f}:${line}: ${name}: ${JSON.stringify(lines[line - 1])}`);
      }
    }
    expect(misplaced).toEqual([]);

    // Per-file report first (readable), then the exact comparison.
    const show = (l: Found[] | undefined) => (l ? l.map(([n, line]) => `${n}@${line}`).join(' ') : '(absent)');
    const changed = [...new Set([...Object.keys(golden.files), ...files])]
      .sort()
      .filter((f) => JSON.stringify(golden.files[f]) !== JSON.stringify(actual[f]))
      .map((f) => `${f}\n  golden:      ${show(golden.files[f])}\n  MyST-Parser: ${show(actual[f])}`);
    expect(
      changed,
      `MyST-Parser ${out.myst_parser} disagrees with expected.json (written with ${golden.myst_parser}); ` +
        'rerun scripts/update-myst-corpus-golden.mjs if intended',
    ).toEqual([]);
    expect(actual).toEqual(golden.files);

    // The blocks MyST-Parser refuses, and where its own line numbers differ.
    const rejected: Record<string, [string, number | null][]> = {};
    const reported: Record<string, [string, number, number][]> = {};
    for (const f of files) {
      const r = out.rejected[join(corpusDir, f)];
      if (r) rejected[f] = r.map(([n, l]) => [n, l]);
      const m = out.reported[join(corpusDir, f)];
      if (m) reported[f] = m;
    }
    const goldenRejected = Object.fromEntries(
      Object.entries(golden.rejected).map(([f, r]) => [f, r.map(([n, l]): [string, number | null] => [n, l])]),
    );
    expect(rejected).toEqual(goldenRejected);
    expect(reported).toEqual(golden.myst_lineno);
  });
});
