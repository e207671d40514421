/**
 * Spread task files (`task.yaml`): which part of the file each line belongs
 * to. Spread runs `prepare`, `execute`, `restore` and `debug` as separate bash
 * scripts, so a region shown in a tutorial must sit in `execute` to run in
 * the same shell as the other steps the reader types.
 *
 * The `yaml` package is loaded only when a task file is read.
 */
import { yaml } from '../core/yaml.js';
import type * as Yaml from 'yaml';
import { parseSimpleTask } from './task-simple.js';

/** The script sections of a spread task. */
export const SCRIPT_KEYS = ['prepare', 'execute', 'restore', 'debug', 'prepare-each', 'restore-each', 'debug-each'];

export interface TaskSection {
  key: string;
  /** 1-based line of the key. */
  keyLine: number;
  /** First and last 1-based lines of the value (the block scalar's body for scripts). */
  startLine: number;
  endLine: number;
  /** Is the value a block scalar (`|` or `>`)? */
  block: boolean;
}

export interface TaskError {
  line: number;
  column: number;
  message: string;
}

export interface SpreadTask {
  sections: TaskSection[];
  errors: TaskError[];
}


/** Is this file a spread task? */
export function isSpreadTask(path: string): boolean {
  return /(^|\/)task\.ya?ml$/.test(path);
}

/**
 * The sections of a task file. Plain files (nearly all) are read without
 * the `yaml` package; anything else goes through it.
 */
export function parseTask(text: string): SpreadTask {
  return parseSimpleTask(text) ?? parseTaskWithYaml(text);
}

/** The sections of a task file and its YAML errors, as the `yaml` package reads it. */
export function parseTaskWithYaml(text: string): SpreadTask {
  const y = yaml();
  const lc = new y.LineCounter();
  const doc = y.parseDocument(text, { lineCounter: lc, keepSourceTokens: true, prettyErrors: false });
  const errors: TaskError[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // The yaml package turns its own stack overflow on deep nesting into an error.
    return { line: pos.line, column: pos.col, message: /Maximum call stack/.test(message) ? 'Nested too deeply to read' : message };
  });
  const sections: TaskSection[] = [];
  const contents = doc.contents;
  if (y.isMap(contents)) {
    for (const pair of contents.items) {
      if (!y.isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      const keyLine = lc.linePos(pair.key.range[0]).line;
      const value = pair.value;
      if (!value || !(y.isNode(value)) || !value.range) {
        sections.push({ key, keyLine, startLine: keyLine, endLine: keyLine, block: false });
        continue;
      }
      const block = y.isScalar(value) && (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED');
      const start = lc.linePos(value.range[0]).line;
      const endPos = lc.linePos(value.range[1]);
      const end = endPos.col === 1 ? endPos.line - 1 : endPos.line;
      sections.push({ key, keyLine, startLine: block ? keyLine + 1 : start, endLine: Math.max(end, keyLine), block });
    }
  }
  return { sections, errors };
}

/** The section a 1-based line belongs to, or null (a top-level comment or blank line). */
export function sectionAt(task: SpreadTask, line: number): TaskSection | null {
  for (const s of task.sections) if (line >= s.startLine && line <= s.endLine) return s;
  for (const s of task.sections) if (line === s.keyLine) return s;
  return null;
}
