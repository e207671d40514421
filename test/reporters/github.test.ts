/**
 * The GitHub Actions reporter. Each line is read back with a small parser
 * that does what the runner does (actions/runner, ActionCommand.TryParseV2:
 * `::` + name, properties split on `,` then at the first `=`, data after the
 * first `::` that follows, then the runner's unescaping, in its order), so
 * a round trip proves the escaping.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/reporters/github.js';

interface Command {
  command: string;
  properties: Record<string, string>;
  data: string;
}

function unescapeData(s: string): string {
  return s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}
function unescapeProperty(s: string): string {
  return s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
}

/** Parse one output line as the runner does; null when it is not a command. */
function parseCommand(input: string): Command | null {
  const message = input.trimStart();
  if (!message.startsWith('::')) return null;
  const end = message.indexOf('::', 2);
  if (end < 0) return null;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const part of info.slice(space + 1).trim().split(',')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq <= 0 || eq === part.length - 1) continue; // the runner drops pairs that are not two non-empty parts
      properties[part.slice(0, eq)] = unescapeProperty(part.slice(eq + 1));
    }
  }
  return { command, properties, data: unescapeData(message.slice(end + 2)) };
}

function lines(text: string): string[] {
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

function diag(partial: Partial<Diagnostic> & Pick<Diagnostic, 'file' | 'line'>): Diagnostic {
  return {
    column: 3,
    endLine: partial.line,
    endColumn: 9,
    severity: 'error',
    ruleId: 'include-file-missing',
    message: 'File not found',
    related: [],
    ...partial,
  };
}

const NASTY_MESSAGE = 'a%b %25 %0A literal, then: "::" and :: again,\r\nCRLF\nLF\rCR ,comma, 100% done =x= ünï 𝔘';
const NASTY_PATHS = [
  'docs/a,b:c.rst',
  'docs/100%/%0A/%2C.rst',
  'docs/x::y/file name.rst',
  'docs/key=value=z.rst',
  'docs/ünï cödé/𝔘.rst',
  'docs/new\nline\rcr.rst',
];

describe('GitHub reporter', () => {
  it('writes one ::error/::warning command per diagnostic, with the documented properties', () => {
    const text = formatGithub([
      diag({ file: 'docs/index.rst', line: 4, column: 21, endColumn: 38, message: 'File not found' }),
    ]);
    expect(text).toBe('::error file=docs/index.rst,line=4,col=21,endLine=4,endColumn=38,title=include-file-missing::File not found\n');
  });

  it('round-trips messages and paths with %, :, ,, ::, CR and LF through the runner parser', () => {
    const diagnostics = NASTY_PATHS.map((file, i) =>
      diag({ file, line: i + 1, message: `${NASTY_MESSAGE} #${i}`, ruleId: 'start-marker-not-found' }),
    );
    const out = lines(formatGithub(diagnostics));
    expect(out).toHaveLength(diagnostics.length);
    const parsed = out.map((l) => parseCommand(l));
    for (const [i, d] of diagnostics.entries()) {
      const c = parsed.find((p) => p?.data.endsWith(`#${i}`));
      expect(c, d.file).toBeTruthy();
      if (!c) continue;
      expect(c.command).toBe('error');
      expect(c.data).toBe(d.message);
      expect(c.properties).toEqual({
        file: d.file,
        line: String(d.line),
        col: '3',
        endLine: String(d.line),
        endColumn: '9',
        title: 'start-marker-not-found',
      });
    }
  });

  it('the parser is live: unescaped text does not survive it', () => {
    const raw = `::error file=${NASTY_PATHS[0]},line=1::${NASTY_MESSAGE}`;
    const c = parseCommand(raw);
    expect(c?.properties.file).not.toBe(NASTY_PATHS[0]);
    const crafted = `::error file=${escapeProperty('a,b:c.rst')},line=1::${escapeData('x%0Ay')}`;
    expect(parseCommand(crafted)).toEqual({ command: 'error', properties: { file: 'a,b:c.rst', line: '1' }, data: 'x%0Ay' });
  });

  it('escapes exactly as the runner unescapes', () => {
    expect(escapeData('%\r\n:,')).toBe('%25%0D%0A:,');
    expect(escapeProperty('%\r\n:,')).toBe('%25%0D%0A%3A%2C');
    for (const s of ['%0A', '%253A', '%%', ':%3A:', '\r\n%0D', ',%2C,']) {
      expect(unescapeData(escapeData(s))).toBe(s);
      expect(unescapeProperty(escapeProperty(s))).toBe(s);
    }
  });

  it('keeps every command on one physical line', () => {
    const text = formatGithub([diag({ file: 'a\r\nb.rst', line: 1, message: 'x\ny\rz', note: 'n1\nn2', related: [{ file: 'r\n.rst', line: 2, column: 1, message: 'm\r' }] })]);
    expect(text.split('\n')).toHaveLength(2);
    expect(text).not.toMatch(/\r/);
  });

  it('puts errors before warnings, each in file and position order', () => {
    const text = formatGithub([
      diag({ file: 'b.rst', line: 1, severity: 'warning' }),
      diag({ file: 'b.rst', line: 5 }),
      diag({ file: 'a.rst', line: 9, severity: 'warning' }),
      diag({ file: 'a.rst', line: 2 }),
      diag({ file: 'c.rst', line: 1 }),
    ]);
    const seen = lines(text).map((l) => {
      const c = parseCommand(l);
      return `${c?.command} ${c?.properties.file}:${c?.properties.line}`;
    });
    expect(seen).toEqual(['error a.rst:2', 'error b.rst:5', 'error c.rst:1', 'warning a.rst:9', 'warning b.rst:1']);
  });

  it('leaves columns out of multi-line ranges (the runner would drop them)', () => {
    const [single, multi] = lines(
      formatGithub([diag({ file: 'a.rst', line: 3, endLine: 3 }), diag({ file: 'b.rst', line: 3, endLine: 6, endColumn: 1 })]),
    ).map((l) => parseCommand(l)?.properties);
    expect(single).toMatchObject({ line: '3', col: '3', endLine: '3', endColumn: '9' });
    expect(multi).toEqual({ file: 'b.rst', line: '3', endLine: '6', title: 'include-file-missing' });
  });

  it('writes a zero-width range with endColumn equal to col (never below it)', () => {
    const c = parseCommand(lines(formatGithub([diag({ file: 'a.rst', line: 1, column: 1, endColumn: 1 })]))[0]!);
    expect(c?.properties).toMatchObject({ col: '1', endColumn: '1' });
  });

  it('appends related locations and the note to the message, escaped', () => {
    const text = formatGithub([
      diag({
        file: 'docs/frag.rst',
        line: 3,
        message: 'File not found: x.py',
        related: [{ file: 'docs/index.rst', line: 7, column: 1, message: 'included here by docs/index.rst, so paths resolve from docs/' }],
        note: 'Sphinx resolves paths: from the page, 100%.',
      }),
    ]);
    const c = parseCommand(lines(text)[0]!);
    expect(c?.data).toBe(
      'File not found: x.py\ndocs/index.rst:7:1: included here by docs/index.rst, so paths resolve from docs/\nSphinx resolves paths: from the page, 100%.',
    );
  });

  it('writes nothing for no diagnostics', () => {
    expect(formatGithub([])).toBe('');
  });
});
