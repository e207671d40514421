// Re-proves fixtures/rst-corpus/expected.json with real docutils, and proves
// the directive table against the directive classes docutils (and Sphinx, when
// it is importable) register. Needs Python with docutils:
// $DOCSNIP_PYTHON, else `python3` (Debian: /usr/bin/python3 + python3-docutils).
// A missing Python or docutils fails these tests; it never skips them.

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
import { scanRst } from '../../src/readers/rst/scanner.js';
import { requirePython, runPythonScript } from './python.js';

const corpusDir = fileURLToPath(new URL('../../fixtures/rst-corpus/', import.meta.url));

type Found = [name: string, line: number];
interface OracleOutput {
  docutils: string;
  files: Record<string, Found[]>;
  fallback: string[];
  rejected: Record<string, [string, number | null, string][]>;
  /** Documents docutils gave up on with a RecursionError. */
  tooDeep?: string[];
}
interface Shape {
  required: number;
  optional: number;
  finalWhitespace: boolean;
  options: boolean;
  hasContent: boolean;
  module: string;
}
interface SpecsOutput {
  docutils: { version: string; directives: Record<string, Shape> };
  sphinx: null | {
    version: string;
    extensions: string[];
    directives: Record<string, Shape>;
    domains: Record<string, Shape>;
    bare: Record<string, Shape>;
  };
}

function runPython(script: string, input: string): string {
  requirePython(['docutils'], 'Install docutils (Debian: apt-get install python3-docutils)');
  return runPythonScript(script, input);
}

const plain = (s: DirectiveSpec) => ({
  required: s.required,
  optional: s.optional,
  finalWhitespace: s.finalWhitespace,
  options: s.options,
  content: s.content,
});
const sameSpec = (a: DirectiveSpec, b: DirectiveSpec) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

/** Any `name::` in the text (a superset of docutils' directive names). */
const NAME_RE = /((?:(?!_)[\p{L}\p{N}\p{M}_])+(?:[-._+:](?:(?!_)[\p{L}\p{N}\p{M}_])+)*) ?::/gu;

describe('docutils oracle', () => {
  it('reproduces fixtures/rst-corpus/expected.json exactly', () => {
    const files = readdirSync(corpusDir)
      .filter((f) => f.endsWith('.rst'))
      .sort();
    const paths = files.map((f) => join(corpusDir, f));

    // Every name gets `directiveSpec(name)`: the table, plus every name that
    // looks like a directive in the corpus; names docutils met that were not
    // listed come back as "fallback" and must really map to UNKNOWN_DIRECTIVE.
    const specs: Record<string, ReturnType<typeof plain>> = {};
    for (const [name, spec] of Object.entries(DIRECTIVE_SPECS)) specs[name] = plain(spec);
    for (const p of paths) {
      for (const m of readFileSync(p, 'utf8').matchAll(NAME_RE)) {
        const name = (m[1] ?? '').toLowerCase();
        specs[name] ??= plain(directiveSpec(name));
      }
    }
    let out: OracleOutput | undefined;
    for (let round = 0; round < 3; round++) {
      const input = JSON.stringify({ specs, unknown: plain(UNKNOWN_DIRECTIVE), files: paths });
      out = JSON.parse(runPython('docutils_directives.py', input)) as OracleOutput;
      const missing = out.fallback.filter((n) => !sameSpec(directiveSpec(n), UNKNOWN_DIRECTIVE));
      if (missing.length === 0) break;
      for (const n of missing) specs[n] = plain(directiveSpec(n));
      out = undefined;
    }
    if (!out) throw new Error('the oracle kept resolving table names as unknown');

    // A directive block docutils rejects never runs: the corpus must have none.
    expect(out.rejected).toEqual({});

    const actual = { docutils: out.docutils, files: {} as Record<string, Found[]> };
    for (const f of files) actual.files[f] = out.files[join(corpusDir, f)] ?? [];
    const golden = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as {
      docutils: string;
      files: Record<string, Found[]>;
    };
    // Per-file report first (readable), then the exact comparison.
    const show = (l: Found[] | undefined) => (l ? l.map(([n, line]) => `${n}@${line}`).join(' ') : '(absent)');
    const changed = [...new Set([...Object.keys(golden.files), ...files])]
      .sort()
      .filter((f) => JSON.stringify(golden.files[f]) !== JSON.stringify(actual.files[f]))
      .map((f) => `${f}\n  golden:   ${show(golden.files[f])}\n  docutils: ${show(actual.files[f])}`);
    expect(changed, 'docutils disagrees with expected.json; rerun scripts/update-rst-corpus-golden.mjs if intended').toEqual([]);
    // The golden was written with one docutils version; others must agree on every file.
    expect(actual.files).toEqual(golden.files);
  });
});

/** Every `.rst` file of the bundled fixtures (tutorial, broken variants, rule fixtures, conformance pages). */
function fixtureFiles(): string[] {
  const roots = ['../../fixtures/tutorial/', '../../fixtures/broken/', '../../fixtures/rules/', '../conformance/src/'];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rst')) out.push(p);
    }
  };
  for (const r of roots) walk(fileURLToPath(new URL(r, import.meta.url)));
  return out.sort();
}

describe('docutils oracle on the fixtures', () => {
  it('finds the same (directive, line) list as the scanner in every fixture document', () => {
    const paths = fixtureFiles();
    expect(paths.length).toBeGreaterThan(250);
    const specs: Record<string, ReturnType<typeof plain>> = {};
    for (const [name, spec] of Object.entries(DIRECTIVE_SPECS)) specs[name] = plain(spec);
    for (const p of paths) {
      for (const m of readFileSync(p, 'utf8').matchAll(NAME_RE)) {
        const name = (m[1] ?? '').toLowerCase();
        specs[name] ??= plain(directiveSpec(name));
      }
    }
    const out = JSON.parse(
      runPython('docutils_directives.py', JSON.stringify({ specs, unknown: plain(UNKNOWN_DIRECTIVE), files: paths })),
    ) as OracleOutput;
    const mismatches: string[] = [];
    let directives = 0;
    for (const p of paths) {
      let text = readFileSync(p, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const scan = scanRst(text);
      // Where docutils runs out of stack, docsnip must say the nesting is too deep (and the reverse).
      const crashed = (out.tooDeep ?? []).includes(p);
      if (crashed !== (scan.tooDeep ?? []).length > 0) {
        mismatches.push(`${p}\n  docutils: ${crashed ? 'RecursionError' : 'parsed'}\n  docsnip:  ${JSON.stringify(scan.tooDeep)}`);
      }
      if (crashed) continue;
      // docutils refuses a block with a duplicated option, whatever the directive.
      const mine = scan
        .directives.filter((d) => d.error === null && new Set(d.options.map((o) => o.name)).size === d.options.length)
        .map((d): Found => [d.name, d.range.start.line]);
      const theirs = out.files[p] ?? [];
      directives += theirs.length;
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        mismatches.push(`${p}\n  docutils: ${JSON.stringify(theirs)}\n  docsnip:  ${JSON.stringify(mine)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(directives).toBeGreaterThan(500);
    // The rule fixture is one of them: docutils really stops on it.
    expect((out.tooDeep ?? []).map((p) => p.replace(/.*\/fixtures\//, ''))).toEqual(['rules/nesting-too-deep/index.rst']);
  });
});

/** The table's entry reduced to what docutils' block parser looks at. */
function tableShape(s: DirectiveSpec) {
  const args = s.required + s.optional;
  return {
    required: s.required,
    optional: s.optional,
    // only consulted when there are arguments to split (parse_directive_arguments)
    finalWhitespace: args > 0 ? s.finalWhitespace : null,
    options: s.options,
    hasContent: s.content !== 'none',
  };
}
function realShape(s: Shape) {
  const args = s.required + s.optional;
  return {
    required: s.required,
    optional: s.optional,
    finalWhitespace: args > 0 ? s.finalWhitespace : null,
    options: s.options,
    hasContent: s.hasContent,
  };
}

/**
 * docutils directives that Sphinx replaces with its own class
 * (sphinx/directives/patches.py, other.py, __init__.py). The table follows
 * Sphinx for these, so they are compared with Sphinx's class; when Sphinx is
 * importable the test checks they really are Sphinx overrides.
 */
const SPHINX_OVERRIDES = ['code', 'csv-table', 'default-role', 'figure', 'include', 'math', 'meta'];
/**
 * Overrides whose Sphinx class splits a block differently from docutils' class:
 * Sphinx's `math` takes an optional argument (the first line of math, spaces
 * allowed), docutils' takes none. Checked below to really differ when Sphinx
 * is importable, so this list cannot go stale silently.
 */
const SPHINX_DIFFERS = ['math'];

function compare(real: Record<string, Shape>, lookup: (name: string) => string | undefined) {
  const differences: string[] = [];
  let compared = 0;
  for (const [name, shape] of Object.entries(real)) {
    const tableName = lookup(name);
    if (tableName === undefined) continue;
    const spec = DIRECTIVE_SPECS[tableName];
    if (!spec) continue;
    compared++;
    const t = tableShape(spec);
    const r = realShape(shape);
    const keys = Object.keys(t) as (keyof typeof t)[];
    const diff = keys.filter((k) => t[k] !== r[k]).map((k) => `${k}: table ${String(t[k])}, real ${String(r[k])}`);
    if (diff.length) differences.push(`${tableName} (${shape.module}): ${diff.join('; ')}`);
  }
  return { differences, compared };
}

describe('DIRECTIVE_SPECS against the registered directive classes', () => {
  let cached: SpecsOutput | undefined;
  const realSpecs = (): SpecsOutput =>
    (cached ??= JSON.parse(runPython('docutils_specs.py', '')) as SpecsOutput);

  it("matches docutils' own directives", () => {
    const specs = realSpecs();
    const { differences, compared } = compare(specs.docutils.directives, (name) =>
      SPHINX_OVERRIDES.includes(name) ? undefined : name,
    );
    expect(compared).toBeGreaterThanOrEqual(30);
    expect(differences).toEqual([]);
  });

  it("matches Sphinx's directives when Sphinx is importable (docutils' otherwise)", () => {
    const specs = realSpecs();
    const sphinx = specs.sphinx;
    if (sphinx === null) {
      // No Sphinx in this Python: the Sphinx-overridden docutils names are
      // compared with docutils' classes, the table must agree where the two agree.
      const { differences, compared } = compare(specs.docutils.directives, (name) =>
        SPHINX_OVERRIDES.includes(name) && !SPHINX_DIFFERS.includes(name) ? name : undefined,
      );
      expect(compared).toBe(SPHINX_OVERRIDES.length - SPHINX_DIFFERS.length);
      expect(differences).toEqual([]);
      return;
    }
    // Which docutils directives Sphinx replaces changes between versions (9 no
    // longer replaces `meta`); those it still replaces must include `math`.
    const overridden = SPHINX_OVERRIDES.filter((name) => (sphinx.directives[name]?.module ?? '').startsWith('sphinx.'));
    expect(overridden.length, 'Sphinx overrides some docutils directives').toBeGreaterThan(3);
    for (const name of SPHINX_DIFFERS) expect(overridden).toContain(name);
    for (const name of SPHINX_DIFFERS) {
      const d = specs.docutils.directives[name];
      const x = sphinx.directives[name];
      expect(d && x && JSON.stringify(realShape(d)) !== JSON.stringify(realShape(x)), `${name}: Sphinx differs`).toBe(true);
    }
    // Names Sphinx registers in docutils' table (its own and its overrides).
    const registered = compare(sphinx.directives, (name) => name);
    // `domain:name` directives, and bare names Sphinx resolves through the std
    // domain whatever the configuration (glossary, program, productionlist...).
    const domains = compare(sphinx.domains, (name) => name);
    const std = compare(
      Object.fromEntries(
        Object.entries(sphinx.domains)
          .filter(([n]) => n.startsWith('std:'))
          .map(([n, s]) => [n.slice(4), s]),
      ),
      (name) => name,
    );
    expect(registered.compared + domains.compared + std.compared).toBeGreaterThanOrEqual(40);
    expect([...registered.differences, ...domains.differences, ...std.differences]).toEqual([]);
  });
});
