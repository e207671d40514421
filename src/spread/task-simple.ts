/**
 * A fast reading of the plain shape almost every spread task has: top-level
 * `key: value` lines, `key: |` scripts, and one level of `KEY: value`
 * entries (such as `environment:`), with comments and blank lines between.
 * For such a file the answer is the one `parseTask` gets from the `yaml`
 * package (a test compares them on generated and real files), without
 * loading that package. Anything else, including anything that could be a
 * YAML error, returns null, and the caller parses the file with `yaml`.
 */
import type { SpreadTask, TaskSection } from './task.js';

const KEY = /^([A-Za-z][A-Za-z0-9_-]*):(.*)$/;
const NESTED = /^( +)([A-Za-z_][A-Za-z0-9_]*):(.*)$/;
/** A plain or simply quoted scalar that YAML reads on its own line, whatever it means. */
const VALUE = /^ +(?:[A-Za-z0-9][A-Za-z0-9_.,/()=+@%-]*(?: [A-Za-z0-9_.,/()=+@%-]+)*|"[A-Za-z0-9 _.,/()=+@%:#-]*"|'[A-Za-z0-9 _.,/()=+@%:#-]*') *$/;
const BLOCK = /^ +[|>]-? *$/; // keep chomping (`|+`) is left to yaml
/** Characters YAML refuses or that make positions ambiguous: controls, BOM, non-characters, CR. */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[\ud800-\udfff]/u;
const RESERVED_KEYS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);

const blank = (line: string): boolean => /^ *$/.test(line);
/** Indentation is spaces only: YAML never indents with tabs. */
const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/** The sections of a plain task file, or null when the file is not of that shape. */
export function parseSimpleTask(text: string): SpreadTask | null {
  if (UNSAFE.test(text)) return null;
  const lines = text.split('\n');
  const sections: TaskSection[] = [];
  const keys = new Set<string>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line) || line.startsWith('#')) {
      i++;
      continue;
    }
    const m = KEY.exec(line);
    if (!m) return null;
    const key = m[1]!;
    const rest = m[2]!;
    if (keys.has(key) || RESERVED_KEYS.has(key.toLowerCase())) return null;
    keys.add(key);
    const keyLine = i + 1;
    if (BLOCK.test(rest)) {
      // A block scalar: every following line that is blank or indented.
      let j = i + 1;
      let indent = -1;
      let last = -1;
      let longestLeadingBlank = 0;
      while (j < lines.length) {
        const l = lines[j]!;
        if (blank(l)) {
          if (indent < 0) longestLeadingBlank = Math.max(longestLeadingBlank, l.length);
          // Spaces beyond the indentation are content.
          else if (l.length > indent) last = j;
          j++;
          continue;
        }
        const n = indentOf(l);
        if (n === 0) break;
        if (l[n] === '\t' && indent < 0) return null;
        if (indent < 0) indent = n;
        else if (n < indent) return null;
        last = j;
        j++;
      }
      if (indent < 0 || longestLeadingBlank > indent) return null;
      sections.push({ key, keyLine, startLine: keyLine + 1, endLine: last + 1, block: true });
      i = last + 1;
      continue;
    }
    if (VALUE.test(rest)) {
      // A scalar on the key's line; an indented line after it would continue it.
      let next = i + 1;
      while (next < lines.length && blank(lines[next]!)) next++;
      if (next < lines.length && indentOf(lines[next]!) > 0) return null;
      sections.push({ key, keyLine, startLine: keyLine, endLine: keyLine, block: false });
      i++;
      continue;
    }
    if (!blank(rest)) return null;
    // A mapping one level down: `  NAME: value` lines, all at one indentation.
    let j = i + 1;
    let indent = -1;
    let first = -1;
    let last = -1;
    const nested = new Set<string>();
    while (j < lines.length) {
      const l = lines[j]!;
      if (blank(l)) {
        j++;
        continue;
      }
      if (indentOf(l) === 0) break;
      const e = NESTED.exec(l);
      if (!e || !VALUE.test(e[3]!)) return null;
      if (indent < 0) indent = e[1]!.length;
      else if (e[1]!.length !== indent) return null;
      if (nested.has(e[2]!) || RESERVED_KEYS.has(e[2]!.toLowerCase())) return null;
      nested.add(e[2]!);
      if (first < 0) first = j;
      last = j;
      j++;
    }
    if (last < 0) return null;
    sections.push({ key, keyLine, startLine: first + 1, endLine: last + 1, block: false });
    i = last + 1;
  }
  return sections.length > 0 ? { sections, errors: [] } : null;
}
