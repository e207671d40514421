// The fast reading of plain task files must agree with the `yaml` package
// wherever it answers: on every task file in the fixtures and on generated
// files built from the lines real tasks have (and lines that break them).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTaskWithYaml } from '../src/spread/task.js';
import { parseSimpleTask } from '../src/spread/task-simple.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

function taskFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return taskFiles(p);
    return /^task\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe('parseSimpleTask', () => {
  it('agrees with yaml on every task file of the fixtures, and reads most of them', () => {
    const files = taskFiles(fixtures);
    expect(files.length).toBeGreaterThan(20);
    let read = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const fast = parseSimpleTask(text);
      if (fast === null) continue;
      read++;
      expect(fast, f).toEqual(parseTaskWithYaml(text));
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it('reads the tutorial task', () => {
    const text = readFileSync(join(fixtures, 'tutorial/tutorial/code/fastapi/task.yaml'), 'utf8');
    expect(parseSimpleTask(text)).toEqual(parseTaskWithYaml(text));
    expect(parseSimpleTask(text)).not.toBeNull();
  });

  it('agrees with yaml on generated files', () => {
    // Files shaped like real tasks, then (often) one odd line put somewhere.
    const key = fc.constantFrom('summary', 'kill-timeout', 'priority', 'details', 'systems', 'manual', 'a_b', 'x-y', 'true', 'Yes', 'execute', 'prepare');
    const value = fc.constantFrom(' Build it', ' 90m', ' 10', ' a: b', ' x # c', ' "quoted"', " 'q'", ' [ubuntu-22.04-64]', ' C.UTF-8', '', '  ', ' "1"', ' x:y');
    const body = fc.constantFrom('  # [docs:pack]', '  rockcraft pack', '    indented more', '  # [docs:pack-end]', '', '  ', '      ', '  a\tb', '  é ü', ' one', '   three');
    const nested = fc.constantFrom('  LANG: C.UTF-8', '  PIP: "1"', "  Q: 'x'", '  A_B: 1', '    DEEP: 1', '', '  - a', '  # c', '  LANG: dup');
    const entry = fc.oneof(
      fc.tuple(key, value).map(([k, v]) => [`${k}:${v}`]),
      fc.tuple(key, fc.constantFrom(' |', ' |-', ' >', ' >-', ' |+', ' | # c', ' |2'), fc.array(body, { minLength: 1, maxLength: 6 })).map(([k, h, b]) => [`${k}:${h}`, ...b]),
      fc.tuple(key, fc.array(nested, { minLength: 1, maxLength: 4 })).map(([k, n]) => [`${k}:`, ...n]),
      fc.constant(['# comment']),
      fc.constant(['']),
    );
    const odd = fc.constantFrom('\t tab', '- item', 'key: [a', '---', '...', '  stray', '#', '1: x', 'x', ' ', '\r', '%YAML 1.2');
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { minLength: 1, maxLength: 8, selector: (e) => (/^[^ #]/.test(e[0]!) ? e[0]!.split(':')[0] : e.join('\n')) }),
        fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(odd, fc.nat()) }),
        fc.boolean(),
         (entries, mutation, finalNewline) => {
        runs++;
        const lines = entries.flat();
        if (mutation) lines.splice(mutation[1] % (lines.length + 1), 0, mutation[0]);
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        const fast = parseSimpleTask(text);
        if (fast === null) return;
        accepted++;
        expect(fast, JSON.stringify(text)).toEqual(parseTaskWithYaml(text));
      }),
      { numRuns: 5000, seed: 20261124 },
    );
    // The generator must reach the fast path often enough for the comparison to mean something.
    expect(runs).toBe(5000);
    expect(accepted).toBeGreaterThan(300);
  });
});
