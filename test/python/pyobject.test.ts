import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookupCodec } from '../../src/python/codecs.js';
import { detectSourceEncoding, findTags, FindTagsError, findTagsOrError } from '../../src/python/find-tags.js';
import type { PyTag } from '../../src/python/find-tags.js';
import { checkPythonSyntax, parseStatements } from '../../src/python/pysyntax.js';
import { codePointCount, generateTokens } from '../../src/python/pytokenize.js';
import type { PyToken } from '../../src/python/pytokenize.js';
import { splitLines, universalNewlines } from '../../src/python/str.js';

/** See scripts/golden/pyobject_cases.py for how these are produced (CPython 3.11.7, Sphinx 9.0.4). */
interface ErrorRecord {
  repr: string;
  type: string;
  msg: string | null;
  lineno: number | null;
  offset: number | null;
}

type Detected = { encoding: string; bomLength: number } | { error: string };

interface Case {
  id: string;
  group: string;
  src: string | null;
  hex?: string;
  sphinx?: ErrorRecord | null;
  /** Absent when equal to `sphinx`. */
  plain?: ErrorRecord | null;
  tags?: Record<string, ['def' | 'class', number, number]>;
  tagsError?: string;
  tokens?: [string, string, number, number, number, number][];
  tokensError?: string;
  detect?: Detected;
  detectFile?: Detected;
  open?: { ok: true } | { error: string };
}

interface Golden {
  python: string;
  sphinx: string;
  cases: Case[];
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/pyobject-cases.json', import.meta.url), 'utf8'),
) as Golden;
const withSource = golden.cases.filter((c): c is Case & { src: string } => c.src !== null);

/**
 * Where docsnip knowingly disagrees with CPython (see pysyntax.ts): these
 * sources are accepted although CPython rejects them. The test below checks
 * that they still disagree, so a fix has to update this list.
 */
const KNOWN_VERDICT_GAPS: Record<string, string> = {
  'invalid/bad-escape-N': '\\N{...} names are not looked up in the Unicode database',
  'invalid/huge-unary': "RecursionError of CPython's AST conversion (expressions nested ~3000 deep)",
};

function sphinxVerdict(c: Case): ErrorRecord | null {
  return c.sphinx ?? null;
}

function plainVerdict(c: Case): ErrorRecord | null {
  return 'plain' in c ? (c.plain ?? null) : (c.sphinx ?? null);
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function tagsObject(tags: Map<string, PyTag>): Record<string, [string, number, number]> {
  const out: Record<string, [string, number, number]> = {};
  for (const [name, tag] of tags) out[name] = [tag.type, tag.start, tag.end];
  return out;
}

/** A message category, to report how the agreement spreads (every message is asserted). */
function category(msg: string | null): string {
  if (msg === null) return 'no location (null bytes)';
  if (msg === 'invalid syntax') return 'invalid syntax';
  if (msg.startsWith('unterminated')) return 'unterminated string';
  if (/was never closed|^unmatched|^closing parenthesis/.test(msg)) return 'brackets';
  if (/indent|^inconsistent use of tabs/.test(msg)) return 'indentation';
  if (msg.startsWith('f-string')) return 'f-strings';
  if (/^\((unicode|value) error\)|^bytes can only|^cannot mix bytes/.test(msg)) return 'string literals';
  if (/^invalid (character|non-printable|decimal|hexadecimal|octal|binary)|^invalid digit|^leading zeros|line continuation|^unexpected EOF/.test(msg)) {
    return 'tokenizer';
  }
  return 'specialised (invalid_* rules)';
}

describe('checkPythonSyntax against CPython 3.11 ast.parse', () => {
  it('was generated from the expected interpreters', () => {
    expect(golden.python).toMatch(/^3\.11\./);
    expect(golden.sphinx).toBe('9.0.4');
    expect(withSource.length).toBeGreaterThanOrEqual(200);
  });

  it('gives the verdict of Sphinx’s ast.parse (form feeds as spaces, type_comments=True) on every source', () => {
    const wrong: string[] = [];
    for (const c of withSource) {
      if (c.id in KNOWN_VERDICT_GAPS) continue;
      const got = checkPythonSyntax(c.src);
      if ((got === null) !== (sphinxVerdict(c) === null)) wrong.push(c.id);
    }
    expect(wrong).toEqual([]);
  });

  it('gives the verdict of a plain ast.parse with { sphinx: false }', () => {
    const wrong: string[] = [];
    for (const c of withSource) {
      if (c.id in KNOWN_VERDICT_GAPS) continue;
      const got = checkPythonSyntax(c.src, { sphinx: false });
      if ((got === null) !== (plainVerdict(c) === null)) wrong.push(c.id);
    }
    expect(wrong).toEqual([]);
    // The two modes really differ on type comments and form feeds.
    expect(withSource.filter((c) => 'plain' in c).length).toBeGreaterThanOrEqual(5);
  });

  it('still disagrees exactly on the documented gaps', () => {
    for (const id of Object.keys(KNOWN_VERDICT_GAPS)) {
      const c = withSource.find((x) => x.id === id);
      expect(c, id).toBeDefined();
      expect(sphinxVerdict(c!), id).not.toBeNull();
      expect(checkPythonSyntax(c!.src), id).toBeNull();
    }
  });

  it('rebuilds the repr() of every SyntaxError, with its line and column', () => {
    const counts = new Map<string, { ok: number; total: number }>();
    const wrong: string[] = [];
    for (const c of withSource) {
      const want = sphinxVerdict(c);
      if (!want || c.id in KNOWN_VERDICT_GAPS) continue;
      const got = checkPythonSyntax(c.src)!;
      const cat = category(want.msg);
      const entry = counts.get(cat) ?? { ok: 0, total: 0 };
      entry.total++;
      if (got.message === want.repr && got.line === (want.lineno ?? 0) && got.column === (want.offset ?? 0)) entry.ok++;
      else wrong.push(`${c.id}\n  want ${want.repr}\n  got  ${got.message}`);
      counts.set(cat, entry);
    }
    expect(wrong).toEqual([]);
    expect([...counts.keys()].length).toBeGreaterThanOrEqual(8);
  });

  it('rebuilds the messages of a plain ast.parse too', () => {
    const wrong: string[] = [];
    for (const c of withSource) {
      const want = plainVerdict(c);
      if (!want || c.id in KNOWN_VERDICT_GAPS) continue;
      const got = checkPythonSyntax(c.src, { sphinx: false })!;
      if (got.message !== want.repr) wrong.push(c.id);
    }
    expect(wrong).toEqual([]);
  });

  it('reports the brief’s example as CPython does', () => {
    const got = checkPythonSyntax('START here\nmiddle START\nEND\nafter END\nEND\n');
    expect(got).toMatchObject({
      message: "SyntaxError('invalid syntax', ('<unknown>', 1, 7, 'START here\\n', 1, 11))",
      line: 1,
      column: 7,
      type: 'SyntaxError',
      msg: 'invalid syntax',
      endLine: 1,
      endColumn: 11,
      text: 'START here\n',
    });
  });
});

describe('findTags against Sphinx ModuleAnalyzer.find_tags()', () => {
  const valid = withSource.filter((c) => sphinxVerdict(c) === null);

  it('covers many valid sources, including ones where Sphinx fails', () => {
    expect(valid.length).toBeGreaterThanOrEqual(150);
    expect(valid.filter((c) => c.tagsError !== undefined).length).toBeGreaterThanOrEqual(10);
  });

  it('finds the same definitions, in the same order, or fails with the same exception', () => {
    const wrong: string[] = [];
    for (const c of valid) {
      const got = findTagsOrError(c.src);
      const gotJson = 'error' in got ? { error: got.error.repr } : { tags: Object.entries(tagsObject(got.tags)) };
      const wantJson = c.tagsError !== undefined ? { error: c.tagsError } : { tags: Object.entries(c.tags ?? {}) };
      if (JSON.stringify(gotJson) !== JSON.stringify(wantJson)) {
        wrong.push(`${c.id}\n  want ${JSON.stringify(wantJson)}\n  got  ${JSON.stringify(gotJson)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('tags the brief’s examples', () => {
    const first = valid.find((c) => c.id === 'valid/brief-tags')!;
    expect(tagsObject(findTags(first.src))).toEqual({
      one: ['def', 3, 4],
      outer: ['def', 6, 11],
      'outer.InDef': ['class', 9, 10],
      K: ['class', 13, 14],
      L: ['class', 19, 22],
      'L.m': ['def', 22, 22],
    });
    const second = valid.find((c) => c.id === 'valid/brief-async')!;
    expect(tagsObject(findTags(second.src))).toEqual({ af: ['def', 3, 9], g: ['def', 11, 11] });
  });

  it('throws FindTagsError carrying the repr where Sphinx fails', () => {
    const failing = valid.find((c) => c.tagsError !== undefined)!;
    expect(() => findTags(failing.src)).toThrow(FindTagsError);
    try {
      findTags(failing.src);
    } catch (e) {
      expect((e as FindTagsError).repr).toBe(failing.tagsError);
    }
  });

  it('exposes the statements Sphinx’s comment picker walks, only for valid sources', () => {
    expect(parseStatements('x = 1\ndef f(self, /, a):\n    self.y = 2\n')).toEqual([
      { kind: 'assign', lineno: 1, col: 0, targets: [{ kind: 'Name', id: 'x' }], annotated: false },
      {
        kind: 'def',
        posonly: ['self'],
        args: ['a'],
        body: [{ kind: 'assign', lineno: 3, col: 4, targets: [{ kind: 'Attribute', valueName: 'self' }], annotated: false }],
      },
    ]);
    expect(parseStatements('x = = 1\n')).toBeNull();
  });
});

describe('generateTokens against CPython 3.11 tokenize.generate_tokens', () => {
  const cases = withSource.filter((c) => c.tokens !== undefined);

  function pyColumn(lines: readonly string[], row: number, col: number): number {
    const line = lines[row - 1];
    if (line === undefined) return col;
    return codePointCount(line, 0, Math.min(col, line.length)) + Math.max(0, col - line.length);
  }

  function asPython(lines: readonly string[], t: PyToken): [string, string, number, number, number, number] {
    return [
      t.type,
      t.string,
      t.startLine,
      pyColumn(lines, t.startLine, t.startCol),
      t.endLine,
      pyColumn(lines, t.endLine, t.endCol),
    ];
  }

  it('covers the non-mutant sources', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it('produces the same tokens over Sphinx’s lines, then the same exception', () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const lines = splitLines(c.src.replace(/\f/g, ' '), true);
      const got = generateTokens(lines);
      const tokens = got.tokens.map((t) => asPython(lines, t));
      if (JSON.stringify(tokens) !== JSON.stringify(c.tokens) || (got.error?.repr ?? undefined) !== c.tokensError) {
        wrong.push(c.id);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('detectSourceEncoding against CPython 3.11 tokenize.detect_encoding', () => {
  const cases = golden.cases.filter((c) => c.group === 'bytes');

  it('covers BOMs, cookies and their errors', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.detect && 'error' in c.detect).length).toBeGreaterThanOrEqual(8);
  });

  it('gives the encoding, or the error, of a stream without a name', () => {
    for (const c of cases) expect(detectSourceEncoding(fromHex(c.hex!)), c.id).toEqual(c.detect);
  });

  it('gives the encoding, or the error, of tokenize.open on a file', () => {
    for (const c of cases) expect(detectSourceEncoding(fromHex(c.hex!), 'mod.py'), c.id).toEqual(c.detectFile);
  });

  it('with codecs.ts, reads the text tokenize.open reads, and fails where it fails', () => {
    const noDecoder: string[] = [];
    for (const c of cases) {
      const bytes = fromHex(c.hex!);
      const detected = detectSourceEncoding(bytes, 'mod.py');
      if ('error' in detected) {
        expect(c.open, c.id).toEqual({ error: detected.error });
        continue;
      }
      const codec = lookupCodec(detected.encoding);
      if (!codec?.decodeFile) {
        noDecoder.push(c.id);
        continue;
      }
      let text: string | null;
      try {
        text = universalNewlines(codec.decodeFile(bytes.subarray(detected.bomLength)));
      } catch {
        text = null;
      }
      if (c.src === null) expect(text, c.id).toBeNull();
      else expect(text, c.id).toBe(c.src);
    }
    // codecs.ts has no decoder for these (East Asian codecs, non-text codecs).
    expect(noDecoder).toEqual(['bytes/cookie-rot13', 'bytes/cookie-euc-jp']);
  });
});

describe('performance', () => {
  it('checks and tags a 10,000-line module', () => {
    const base = golden.cases.find((c) => c.id === 'module/fastapi-app')!.src!;
    const parts: string[] = [];
    let lines = 0;
    for (let i = 0; lines < 10_000; i++) {
      parts.push(base.replace(/\b(read_item|create_item|add_header|get_store|ItemStore|Item)\b/g, `$1_${i}`));
      lines += base.split('\n').length;
    }
    const module = parts.join('\n');
    expect(checkPythonSyntax(module)).toBeNull();
    const tags = findTags(module);
    expect(tags.size).toBe(parts.length * findTags(base).size);
  });
});
