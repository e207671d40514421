/**
 * The steps of a tutorial page, as a reader meets them top to bottom: shell
 * commands (from resolved literalincludes with a shell language, from inline
 * `code-block`s, MyST code fences and `terminal` inputs) and files the reader
 * is told to create (a literalinclude whose caption is a path). Included
 * fragments are expanded in place. Pure: works on a page already analysed.
 */
import type { LiteralIncludeResult, PageResult } from '../project/page.js';
import type { CodeFence, RstDirective, RstTitle } from '../readers/rst/scanner.js';
import { minMax } from '../core/arrays.js';

/** Languages whose blocks are commands to run. */
const SHELL = new Set(['bash', 'sh', 'shell', 'console', 'shell-session', 'sh-session']);
/** Languages whose blocks are a terminal session: prompt lines are commands, the rest is output. */
const SESSION = new Set(['console', 'shell-session', 'sh-session']);
const CODE_BLOCKS = new Set(['code-block', 'code', 'sourcecode']);

export type StepOrigin = 'literalinclude' | 'code-block' | 'fence' | 'terminal' | 'prose';

export interface Step {
  /** `command`: text to run; `file`: text to write at `path`. */
  kind: 'command' | 'file';
  origin: StepOrigin;
  /** The file that holds the directive (absolute) and the directive's 1-based line there. */
  source: string;
  line: number;
  language: string | null;
  /** Commands to run, or the file's content; ends with a line break unless the block does not. */
  text: string;
  /** `file` steps: the path as the caption gives it (`~/project/app.py`). */
  path: string | null;
  /** `file` steps: add to the end of the file instead of replacing it. */
  append: boolean;
  /** literalinclude steps: the included file (absolute) and the 1-based lines shown (first, last). */
  target: string | null;
  targetLines: [number, number] | null;
  /** The section titles the step sits under, outermost first. */
  sections: string[];
  /** The literalinclude behind the step. */
  directive: LiteralIncludeResult | null;
}

export interface StepProblem {
  source: string;
  line: number;
  message: string;
  /** The literalinclude at fault, when there is one (its diagnostics say more). */
  directive: LiteralIncludeResult | null;
}

export interface StepOptions {
  /** Take `text` blocks as commands too. */
  includeText?: boolean;
  /** Only literalincludes: leave out inline blocks, fences and terminal inputs. */
  onlyIncluded?: boolean;
  /** The text lines of a file (to read the prose before a block), or null. */
  lines?: (file: string) => readonly string[] | null;
}

/** What a `docsnip-export: …` comment right above a block asks for. */
export type ExportHint = 'skip' | 'append' | 'write';

/**
 * Does a caption name a file (`~/app/app.py`, `charm/src/charm.py`, `app.py`)
 * rather than describe the block?
 */
export function captionPath(caption: string | undefined): string | null {
  if (caption === undefined) return null;
  const c = caption.trim();
  if (!/^(?:~\/|\/|\.{1,2}\/)?[\w.@+-]+(?:\/[\w.@+-]+)*$/.test(c)) return null;
  if (!c.includes('/') && !/\.[A-Za-z0-9]+$/.test(c)) return null;
  return c;
}

/** Commands of a terminal session: `$ ` and `# ` prompt lines, with `\` continuations. */
export function sessionCommands(lines: readonly string[]): string[] {
  const out: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (continued) {
      out.push(line);
      continued = line.trimEnd().endsWith('\\');
      continue;
    }
    const m = /^\s*[$#] (.*)$/.exec(line) ?? /^\s*[$#]$/.exec(line);
    if (!m) continue;
    const command = m[1] ?? '';
    if (command.trim() === '') continue;
    out.push(command);
    continued = command.trimEnd().endsWith('\\');
  }
  return out;
}

/** Inputs of a `terminal` directive: its `:input:` option and `:input:` content lines. */
function terminalCommands(d: RstDirective): string[] {
  const out: string[] = [];
  const input = d.options.find((o) => o.name === 'input');
  if (input?.value) out.push(input.value);
  for (const line of d.content) {
    const m = /^:input:\s*(.*)$/.exec(line.trim());
    if (m && m[1]) out.push(m[1]);
  }
  return out;
}

function joinLines(lines: readonly string[]): string {
  const trimmed = lines.slice();
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.trim() === '') trimmed.pop();
  while (trimmed.length > 0 && trimmed[0]!.trim() === '') trimmed.shift();
  return trimmed.length === 0 ? '' : trimmed.join('\n') + '\n';
}

function optionValue(d: RstDirective, name: string): string | null {
  const o = d.options.find((x) => x.name === name);
  return o ? o.value : null;
}

function languageOf(r: LiteralIncludeResult): string | null {
  return r.resolution?.language ?? r.options?.language ?? optionValue(r.directive, 'language');
}

/** Section levels as docutils assigns them: each new adornment style is one level deeper. */
class Sections {
  private readonly styles: string[] = [];
  private stack: string[] = [];
  enter(t: RstTitle): void {
    const style = t.style ?? '';
    let level = this.styles.indexOf(style);
    if (level < 0) {
      this.styles.push(style);
      level = this.styles.length - 1;
    }
    this.stack = [...this.stack.slice(0, level), t.title];
  }
  get current(): string[] {
    return this.stack.slice();
  }
}

type Item = { seq: number; d: RstDirective } | { seq: number; t: RstTitle } | { seq: number; f: CodeFence };

/**
 * Comments right above a block: `docsnip-export: skip` leaves it out;
 * `docsnip-export: append` or `write` says how a file step writes its file.
 */
function exportHints(page: PageResult): Map<string, ExportHint> {
  const out = new Map<string, ExportHint>();
  for (const c of page.scan?.comments ?? []) {
    const m = /^docsnip-export:\s*(skip|append|write)\s*$/.exec(c.text.trim().split('\n')[0]!.trim());
    if (m) out.set(`${c.file}:${c.range.end.line + 1}`, m[1] as ExportHint);
  }
  return out;
}

/** Does the paragraph right before line `line` tell the reader to add to the end of a file? */
function saysAppend(lines: readonly string[] | null | undefined, line: number): boolean {
  if (!lines) return false;
  let k = line - 2;
  while (k >= 0 && lines[k]!.trim() === '') k--;
  const paragraph: string[] = [];
  while (k >= 0 && lines[k]!.trim() !== '') paragraph.unshift(lines[k--]!);
  return /\bappend\b|\b(?:to|at) the end\b|\badd (?:it|this|these|them|the following)\b[^.]*\bto\b/i.test(paragraph.join(' '));
}

/** Every step of a page in reading order, and the problems that stop an export. */
export function collectSteps(page: PageResult, options: StepOptions = {}): { steps: Step[]; problems: StepProblem[] } {
  const steps: Step[] = [];
  const problems: StepProblem[] = [];
  const scan = page.scan;
  if (!scan) {
    problems.push({ source: page.page, line: 1, message: page.readError ?? 'the page could not be read', directive: null });
    return { steps, problems };
  }
  const results = new Map<RstDirective, LiteralIncludeResult>();
  for (const r of page.directives) if (r.kind === 'literalinclude') results.set(r.directive, r);
  const items: Item[] = [
    ...scan.directives.map((d) => ({ seq: d.seq ?? 0, d })),
    ...scan.titles.map((t) => ({ seq: t.seq ?? 0, t })),
    ...(scan.fences ?? []).map((f) => ({ seq: f.seq ?? 0, f })),
  ].sort((a, b) => a.seq - b.seq);
  const hints = exportHints(page);
  const skipped = { has: (key: string): boolean => hints.get(key) === 'skip' };
  const sections = new Sections();
  const shell = (language: string | null): boolean =>
    language !== null && (SHELL.has(language.toLowerCase()) || (options.includeText === true && language.toLowerCase() === 'text'));
  const add = (step: Omit<Step, 'sections'>): void => {
    if (step.text !== '') steps.push({ ...step, sections: sections.current });
  };
  const inline = (source: string, line: number, origin: StepOrigin, language: string, lines: readonly string[]): void => {
    if (options.onlyIncluded || !shell(language) || skipped.has(`${source}:${line}`)) return;
    const commands = SESSION.has(language.toLowerCase()) ? sessionCommands(lines) : lines;
    add({ kind: 'command', origin, source, line, language, text: joinLines(commands), path: null, append: false, target: null, targetLines: null, directive: null });
  };
  // `cd` commands the prose asks for (``cd charm``), placed among the blocks by line.
  const prose = proseDirectoryChanges(page, options.lines);
  const flush = (file: string, before: number): void => {
    const pending = prose.get(file);
    while (pending && pending.length > 0 && pending[0]!.line < before) {
      const p = pending.shift()!;
      add({ kind: 'command', origin: 'prose', source: file, line: p.line, language: null, text: p.command + '\n', path: null, append: false, target: null, targetLines: null, directive: null });
    }
  };
  const seen: RstDirective[] = [];
  const enclosing = (d: RstDirective): RstDirective | undefined =>
    seen.findLast(
      (x) => (x.name === 'dropdown' || x.name === 'details') && x.file === d.file && x.range.start.line < d.range.start.line && x.range.end.line >= d.range.end.line,
    );
  for (const item of items) {
    if ('d' in item) seen.push(item.d);
    const at = 't' in item ? item.t : 'f' in item ? item.f : { file: item.d.file, line: item.d.range.start.line };
    flush(at.file, at.line);
    if ('t' in item) {
      sections.enter(item.t);
      continue;
    }
    if ('f' in item) {
      inline(item.f.file, item.f.line, 'fence', item.f.language, item.f.content);
      continue;
    }
    const d = item.d;
    const line = d.range.start.line;
    if (d.error !== null || skipped.has(`${d.file}:${line}`)) continue;
    if (d.name === 'literalinclude') {
      const r = results.get(d);
      if (!r) continue;
      const caption = r.options?.caption ?? optionValue(d, 'caption') ?? undefined;
      // Without a caption, a dropdown around the block may name the file (`.. dropdown:: ~/app/app.py`).
      const box = caption === undefined ? enclosing(d) : null;
      const path = captionPath(caption) ?? captionPath(box?.argument ?? undefined);
      const language = languageOf(r);
      if (path === null && !shell(language)) continue;
      const res = r.resolution;
      if (!res?.ok || res.text === null) {
        const why = r.error ?? res?.problems.find((p) => p.fatal)?.message ?? 'it does not resolve';
        problems.push({ source: d.file, line, message: `a step of the tutorial, but Sphinx renders no block for it: ${why.split('\n')[0]}`, directive: r });
        continue;
      }
      const shown = res.origins.filter((o): o is number => o !== null);
      const targetLines = minMax(shown);
      const base = { origin: 'literalinclude' as const, source: d.file, line, language, path, append: false, target: r.target, targetLines, directive: r };
      if (path !== null) {
        const hint = hints.get(`${d.file}:${line}`);
        const append = hint === 'append' || (hint !== 'write' && saysAppend(options.lines?.(d.file), line));
        add({ ...base, kind: 'file', text: res.text, append });
      }
      else {
        const lines = res.text.replace(/\n$/, '').split('\n');
        const session = language !== null && SESSION.has(language.toLowerCase()) && lines.some((l) => /^\s*[$#] /.test(l));
        add({ ...base, kind: 'command', text: session ? joinLines(sessionCommands(lines)) : res.text.endsWith('\n') ? res.text : res.text + '\n' });
      }
    } else if (CODE_BLOCKS.has(d.name)) {
      const language = d.argument?.split(/\s+/)[0] ?? '';
      inline(d.file, line, 'code-block', language, d.content);
    } else if (d.name === 'terminal') {
      if (options.onlyIncluded || skipped.has(`${d.file}:${line}`)) continue;
      add({ kind: 'command', origin: 'terminal', source: d.file, line, language: 'console', text: joinLines(terminalCommands(d)), path: null, append: false, target: null, targetLines: null, directive: null });
    }
  }
  for (const file of prose.keys()) flush(file, Infinity);
  return { steps, problems };
}

/**
 * Inline literals in the prose that are a `cd` command (rST ``cd charm``,
 * MyST `cd charm`), outside directives and comments: the reader runs them
 * ("go back with ``cd ..``"), so a script that skipped them would run the
 * next steps in the wrong directory.
 */
function proseDirectoryChanges(page: PageResult, lines: StepOptions['lines']): Map<string, { line: number; command: string }[]> {
  const out = new Map<string, { line: number; command: string }[]>();
  const scan = page.scan;
  if (!scan || !lines) return out;
  const files = new Set([page.page, ...page.included]);
  const blocked = new Map<string, [number, number][]>();
  const block = (file: string, from: number, to: number): void => {
    blocked.set(file, [...(blocked.get(file) ?? []), [from, to]]);
  };
  for (const d of scan.directives) block(d.file, d.range.start.line, d.range.end.line);
  for (const c of scan.comments) block(c.file, c.range.start.line, c.range.end.line);
  for (const f of scan.fences ?? []) block(f.file, f.line, f.line + f.content.length + 1);
  for (const file of files) {
    const text = lines(file);
    if (!text) continue;
    const re = file.endsWith('.md') ? /(?<!`)`(cd(?:[ \t]+[^`\s]+)?)`(?!`)/g : /``(cd(?:[ \t]+[^`\s]+)?)``/g;
    const ranges = blocked.get(file) ?? [];
    const found: { line: number; command: string }[] = [];
    text.forEach((t, k) => {
      const line = k + 1;
      if (ranges.some(([a, b]) => line >= a && line <= b)) return;
      for (const m of t.matchAll(re)) found.push({ line, command: m[1]! });
    });
    if (found.length > 0) out.set(file, found);
  }
  return out;
}

export interface StepSelection {
  /** Only steps under a section with this title (subsections included). */
  section?: string;
  /** From the first step whose literalinclude uses this marker (`pack`, `docs:pack`, `[docs:pack]`)… */
  from?: string;
  /** …to the step that uses this one, included. */
  to?: string;
}

/** Does a literalinclude step start or end at this marker? */
function usesMarker(step: Step, marker: string): boolean {
  const opts = step.directive?.options;
  if (!opts) return false;
  const name = marker.replace(/^\[|\]$/g, '').replace(/^docs:/, '');
  const wanted = [marker, `[docs:${name}]`, `# [docs:${name}]`, `[docs:${name}-end]`, `# [docs:${name}-end]`];
  return [opts['start-after'], opts['start-at'], opts['end-before'], opts['end-at']].some((v) => v !== undefined && wanted.includes(v));
}

/** The steps a selection keeps; a problem when a title or marker is found nowhere. */
export function selectSteps(steps: readonly Step[], sel: StepSelection): { steps: Step[]; problem: string | null } {
  let out = steps.slice();
  if (sel.section !== undefined) {
    const want = sel.section.trim().toLowerCase();
    out = out.filter((s) => s.sections.some((t) => t.trim().toLowerCase() === want));
    if (out.length === 0) return { steps: [], problem: `no step sits under a section titled "${sel.section}"` };
  }
  if (sel.from !== undefined) {
    const at = out.findIndex((s) => usesMarker(s, sel.from!));
    if (at < 0) return { steps: [], problem: `no literalinclude step uses the marker "${sel.from}"` };
    out = out.slice(at);
  }
  if (sel.to !== undefined) {
    const at = out.findIndex((s) => usesMarker(s, sel.to!));
    if (at < 0) return { steps: [], problem: `no literalinclude step${sel.from !== undefined ? ' after the --from one' : ''} uses the marker "${sel.to}"` };
    out = out.slice(0, at + 1);
  }
  return { steps: out, problem: null };
}
