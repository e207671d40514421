/** Positions and structure the docutils corpus test does not look at: columns, options, errors, nesting, includes. */
import { describe, expect, it } from 'vitest';
import { fieldMarkerLength, pointAt, rangeAt, scanRst } from '../src/readers/rst/scanner.js';

const one = (text: string) => {
  const s = scanRst(text);
  expect(s.directives).toHaveLength(1);
  return s.directives[0]!;
};

describe('scanRst', () => {
  it('gives the directive, name, argument and every option with exact positions', () => {
    const d = one('Intro\n\n.. literalinclude:: code/task.yaml\n    :language: bash\n    :start-after: [docs:pack]\n    :dedent:\n');
    expect(d).toMatchObject({ name: 'literalinclude', argument: 'code/task.yaml', error: null, ancestors: [] });
    expect(d.range).toEqual({ start: { line: 3, column: 1 }, end: { line: 6, column: 13 } });
    expect(d.nameRange).toEqual({ start: { line: 3, column: 4 }, end: { line: 3, column: 18 } });
    expect(d.argumentRange).toEqual({ start: { line: 3, column: 21 }, end: { line: 3, column: 35 } });
    expect(d.options.map((o) => [o.name, o.value, o.range.start, o.valueRange.start, o.valueRange.end])).toEqual([
      ['language', 'bash', { line: 4, column: 5 }, { line: 4, column: 16 }, { line: 4, column: 20 }],
      ['start-after', '[docs:pack]', { line: 5, column: 5 }, { line: 5, column: 19 }, { line: 5, column: 30 }],
      ['dedent', null, { line: 6, column: 5 }, { line: 6, column: 13 }, { line: 6, column: 13 }],
    ]);
  });

  it('maps columns back through tabs and keeps names as written', () => {
    const d = one('.. LiteralInclude :: a.txt\n\t:lines: 1\n');
    expect(d.name).toBe('literalinclude');
    expect(d.rawName).toBe('LiteralInclude');
    expect(d.options[0]!.range.start).toEqual({ line: 2, column: 2 });
    expect(d.options[0]!.valueRange.start).toEqual({ line: 2, column: 10 });
  });

  it('counts columns in UTF-16 units of the original line', () => {
    const d = one('- 😀 .. x\n\n  .. literalinclude:: ü.txt\n     :start-after: é\n');
    expect(d.argumentRange!.start).toEqual({ line: 3, column: 23 });
    expect(d.options[0]!.valueRange).toEqual({ start: { line: 4, column: 20 }, end: { line: 4, column: 21 } });
  });

  it('joins continuation lines of an option value with \\n, as docutils does', () => {
    const d = one('.. literalinclude:: a.txt\n   :start-after: first\n      second\n');
    expect(d.options[0]!.value).toBe('first\nsecond');
    expect(d.options[0]!.valueRange.end).toEqual({ line: 3, column: 13 });
  });

  it('reports docutils block errors instead of options', () => {
    expect(one('.. literalinclude::\n').error).toBe('1 argument(s) required, 0 supplied');
    expect(one('.. literalinclude:: a\n\n   content\n').error).toBe('no content permitted');
    expect(one('.. literalinclude:: a\n   :lines: 1\n   text\n').error).toBe('invalid option block');
    expect(one('.. literalinclude:: a\n   :start after: x\n').error).toBe(
      'invalid option data: extension option field name may not contain multiple words',
    );
  });

  it('knows which directives a literalinclude is nested in', () => {
    const s = scanRst('.. tab-set::\n\n   .. tab-item:: One\n\n      .. dropdown:: Code\n\n         .. literalinclude:: x.py\n');
    expect(s.directives.map((d) => [d.name, d.ancestors])).toEqual([
      ['tab-set', []],
      ['tab-item', ['tab-set']],
      ['dropdown', ['tab-set', 'tab-item']],
      ['literalinclude', ['tab-set', 'tab-item', 'dropdown']],
    ]);
  });

  it('does not see directives in comments, literal blocks and code blocks', () => {
    const s = scanRst(
      '.. comment\n   .. literalinclude:: a\n\nExample::\n\n   .. literalinclude:: b\n\n.. code-block:: rst\n\n   .. literalinclude:: c\n',
    );
    expect(s.directives.map((d) => d.name)).toEqual(['code-block']);
    expect(s.comments.map((c) => [c.text, c.range.start.line])).toEqual([['comment\n.. literalinclude:: a', 1]]);
  });

  it('records section titles and substitution definitions', () => {
    const s = scanRst('Title\n=====\n\n.. |name| replace:: FastAPI\n\nSub\n---\n');
    expect(s.titles.map((t) => [t.title, t.line])).toEqual([
      ['Title', 1],
      ['Sub', 6],
    ]);
    expect(s.directives.map((d) => [d.name, d.substitution, d.range.start])).toEqual([
      ['replace', 'name', { line: 4, column: 11 }],
    ]);
  });

  it('inserts included text in place, labelled with its own file and lines', () => {
    const seen: string[][] = [];
    const s = scanRst('Page\n\n.. include:: frag.rst\n\n.. note:: after\n', {
      file: 'page.rst',
      include: (d, chain) => {
        seen.push([...chain]);
        return { file: 'frag.rst', text: 'Fragment\n\n.. literalinclude:: x.txt\n', key: 'frag.rst' };
      },
    });
    expect(seen).toEqual([['page.rst']]);
    expect(s.directives.map((d) => [d.name, d.file, d.range.start.line])).toEqual([
      ['include', 'page.rst', 3],
      ['literalinclude', 'frag.rst', 3],
      ['note', 'page.rst', 5],
    ]);
  });

  it('stops at a line longer than docutils allows', () => {
    const s = scanRst('.. note:: x\n\n' + 'x'.repeat(10_001) + '\n');
    expect(s.directives).toEqual([]);
    expect(s.fatal).toBe('Line 3 exceeds the line-length-limit.');
  });

  it('shares one frozen object per position and range across documents', () => {
    const a = one('.. literalinclude:: a.txt\n   :lines: 1\n');
    const b = one('.. literalinclude:: b.txt\n   :lines: 2\n');
    expect(a.nameRange).toBe(b.nameRange);
    expect(a.options[0]!.range.start).toBe(b.options[0]!.range.start);
    expect(Object.isFrozen(a.range.start)).toBe(true);
    expect(() => {
      'use strict';
      (a.range.start as { line: number }).line = 9;
    }).toThrow(TypeError);
    // Positions past the shared table are plain objects, equal by value.
    expect(pointAt(70_000, 3)).not.toBe(pointAt(70_000, 3));
    expect(pointAt(70_000, 3)).toEqual({ line: 70_000, column: 3 });
    expect(rangeAt(pointAt(1, 1), pointAt(70_000, 1))).toEqual({ start: { line: 1, column: 1 }, end: { line: 70_000, column: 1 } });
  });
});

describe('fieldMarkerLength', () => {
  const pattern = /^:(?![: ])([^:\\]|\\.|:(?!([ `]|$)))*(?<! ):( +|$)/;
  it('matches what docutils’ field-marker pattern matches, on generated lines', () => {
    // Lines built from the characters the pattern cares about, seeded so a failure repeats.
    const alphabet = [':', ':', ':', ' ', ' ', '\\', '`', 'a', 'b', '-', '\u2028', '\t'];
    let seed = 20261124;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let matched = 0;
    for (let k = 0; k < 50_000; k++) {
      let line = random(4) === 0 ? '' : ':';
      const length = random(10);
      for (let j = 0; j < length; j++) line += alphabet[random(alphabet.length)];
      const m = pattern.exec(line);
      if (m) matched++;
      expect([line, fieldMarkerLength(line)]).toEqual([line, m ? m[0].length : -1]);
    }
    // The generated lines exercise both outcomes.
    expect(matched).toBeGreaterThan(1_000);
    expect(matched).toBeLessThan(40_000);
  });

  it('measures the marker and the spaces after it', () => {
    expect(fieldMarkerLength(':start-after: [docs:pack]')).toBe(14);
    expect(fieldMarkerLength(':dedent:')).toBe(8);
    expect(fieldMarkerLength(':a\\: b:  x')).toBe(9);
    expect(fieldMarkerLength(':a :')).toBe(-1);
    expect(fieldMarkerLength(':a:`b`')).toBe(-1);
    expect(fieldMarkerLength('::')).toBe(-1);
  });
});

describe('directive names', () => {
  it('treats names of object properties (`constructor`, `toString`) as unknown directives, whose body is read', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const s = scanRst(`.. ${name}:: x\n\n   .. literalinclude:: code/task.yaml\n      :start-after: [docs:a]\n`);
      expect(s.directives.map((d) => [d.name, d.error])).toEqual([
        [name.toLowerCase(), null],
        ['literalinclude', null],
      ]);
    }
  });
});
