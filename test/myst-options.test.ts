// MyST-Parser 3+ option parsing (the default): the restricted YAML-like
// tokenizer in which every value is a string, and what check() makes of the
// result (a refused option is dropped with a warning; the directive runs).

import { describe, expect, it } from 'vitest';
import { parseOptionBlock } from '../src/readers/myst/options.js';
import { check } from '../src/check.js';
import { MemoryFileSystem } from '../src/core/fs-memory.js';

function values(text: string) {
  const r = parseOptionBlock(text);
  if (!r.ok) throw new Error(r.problem);
  return { values: r.tokens.map((t) => [t.key, t.value, t.style]), comments: r.hasComments };
}

describe('parseOptionBlock (MyST-Parser 3+)', () => {
  it('plain values are strings, whatever YAML 1.1 would make of them', () => {
    expect(values('lines: 010\nlinenos: yes\nstart-after: [docs:pack]\nend-before: {a}\nlanguage: null').values).toEqual([
      ['lines', '010', ''],
      ['linenos', 'yes', ''],
      ['start-after', '[docs:pack]', ''],
      ['end-before', '{a}', ''],
      ['language', 'null', ''],
    ]);
  });

  it('a plain value starting with # is a comment: no value', () => {
    expect(values('start-after: # [docs:pack]')).toEqual({ values: [['start-after', null, '']], comments: true });
  });

  it('a # after a space ends a plain value; a # inside a word is kept', () => {
    expect(values('start-at: juju # deploy\nend-at: a#b')).toEqual({
      values: [
        ['start-at', 'juju', ''],
        ['end-at', 'a#b', ''],
      ],
      comments: true,
    });
  });

  it("single quotes: '' is a quote, nothing else is special", () => {
    expect(values("start-after: 'it''s # [x] \\n'").values).toEqual([['start-after', "it's # [x] \\n", "'"]]);
  });

  it('double quotes: backslash escapes', () => {
    expect(values('prepend: "a\\tb\\n\\"c\\" \\\\ \\x41"').values).toEqual([['prepend', 'a\tb\n"c" \\ A', '"']]);
  });

  it('an empty value is no value', () => {
    expect(values('linenos:\nlines: ""').values).toEqual([
      ['linenos', null, ''],
      ['lines', '', '"'],
    ]);
  });

  it('block scalars keep their lines', () => {
    expect(values('prepend: |\n  one\n  two\n').values).toEqual([['prepend', 'one\ntwo\n', '|']]);
    expect(values('prepend: >\n  one\n  two\n').values).toEqual([['prepend', 'one two\n', '>']]);
  });

  it('a plain value folds over indented continuation lines', () => {
    expect(values('caption: a long\n  caption').values).toEqual([['caption', 'a long caption', '']]);
  });

  it('refuses what is no key: value', () => {
    expect(parseOptionBlock('just text').ok).toBe(false);
    expect(parseOptionBlock('caption: "unterminated').ok).toBe(false);
  });
});

describe('MyST-Parser 3+ directives in check()', () => {
  const task = 'execute: |\n  # [docs:pack]\n  rockcraft pack\n  # [docs:pack-end]\n';
  const run = (options: string) => {
    const fs = new MemoryFileSystem({
      '/d/conf.py': "extensions = ['myst_parser']\n",
      '/d/task.yaml': task,
      '/d/index.md': `# T\n\n\`\`\`{literalinclude} task.yaml\n${options}\n\`\`\`\n`,
    });
    const result = check({ fs, root: '/d', cwd: '/d', gitignore: false });
    const d = result.project.pages[0]!.directives[0]!;
    return {
      text: d.kind === 'literalinclude' ? d.resolution?.text ?? null : null,
      findings: result.diagnostics.filter((x) => x.file === 'index.md').map((x) => `${x.line}:${x.column} ${x.ruleId}: ${x.message}`),
    };
  };

  it('quoted markers work', () => {
    expect(run(':start-after: "# [docs:pack]"\n:end-before: "# [docs:pack-end]"\n:dedent: 2')).toEqual({ text: 'rockcraft pack\n', findings: [] });
  });

  it('an unknown option only warns, and the directive runs without it', () => {
    const r = run(':start-after: "[docs:pack]"\n:end-before: "[docs:pack-end]"\n:dedent: 2\n:colour: red');
    expect(r.text).toBe('rockcraft pack\n');
    expect(r.findings).toEqual(['7:1 invalid-option: literalinclude: unknown option: "colour"; MyST ignores the option']);
  });

  it('an unquoted # marker loses its value: the option is dropped and the block shows the whole file', () => {
    const r = run(':start-after: # [docs:pack]');
    expect(r.text).toBe(task);
    // The whole file shows the markers too.
    expect(r.findings.map((f) => f.split(':')[0] + ' ' + f.split(' ')[1])).toEqual(['3 marker-in-output:', '4 myst-unquoted-marker:']);
  });

  it('flags take any value', () => {
    expect(run(':lines: 3\n:linenos: no').text).toBe('  rockcraft pack\n');
  });

  it('in a --- block a key keeps its leading colon, and its position is the colon (found by the fuzz run)', () => {
    const r = run('---\n  :force: x\n  :lines: 3\n---');
    expect(r.findings.filter((f) => f.includes('invalid-option'))).toEqual([
      '5:3 invalid-option: literalinclude: unknown option: ":force"; MyST ignores the option; did you mean `:force:`?',
      '6:3 invalid-option: literalinclude: unknown option: ":lines"; MyST ignores the option; did you mean `:lines:`?',
    ]);
  });

  it('a value its converter refuses is dropped with a warning', () => {
    const r = run(':lines: 3\n:dedent: -1');
    expect(r.text).toBe('  rockcraft pack\n');
    expect(r.findings).toEqual([
      '5:1 invalid-option: literalinclude: invalid option value: (option: "dedent"; value: \'-1\') negative value; must be positive or zero; MyST ignores the option',
    ]);
  });
});
