/**
 * Marker lines: the comment lines that delimit regions of a file for
 * literalincludes, such as `# [docs:pack]` and `# [docs:pack-end]` in a spread
 * task, `// [docs:x]` in code or `<!-- [docs:x] -->` in markup.
 *
 * Sphinx knows nothing of markers (it matches any text); this model is what
 * lets docsnip report markers no page uses, starts without ends, and
 * duplicates. The pattern is configurable: a regular expression with a named
 * group `name` and an optional named group `end` that is set on end markers.
 */

export const DEFAULT_MARKER_PATTERN = String.raw`^\s*(?:#|//|--|;|%|<!--|\.\.)\s*\[docs:(?<name>[^\]\s]+?)(?<end>-end)?\]\s*(?:-->)?\s*$`;

export interface MarkerLine {
  name: string;
  end: boolean;
  /** 1-based line. */
  line: number;
  /** 1-based column of the first non-blank character, and just after the last one. */
  column: number;
  endColumn: number;
  /** The line's text. */
  text: string;
}

export type MarkerPattern = { ok: true; re: RegExp } | { ok: false; message: string };

/** Compile a marker pattern, checking it has a `name` group. */
export function compileMarkerPattern(source: string): MarkerPattern {
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch (e) {
    return { ok: false, message: `not a valid regular expression: ${(e as Error).message}` };
  }
  if (!/\(\?<name>/.test(source)) return { ok: false, message: 'the pattern needs a named group `(?<name>...)`' };
  return { ok: true, re };
}

/** Marker lines of a file (its lines without terminators). */
export function findMarkers(lines: readonly string[], re: RegExp): MarkerLine[] {
  const out: MarkerLine[] = [];
  lines.forEach((text, i) => {
    if (text.length > 2000) return;
    const m = re.exec(text);
    const name = m?.groups?.name;
    if (!m || !name) return;
    const lead = text.length - text.trimStart().length;
    out.push({
      name,
      end: m.groups?.end !== undefined,
      line: i + 1,
      column: lead + 1,
      endColumn: text.trimEnd().length + 1,
      text,
    });
  });
  return out;
}

export interface MarkerGroup {
  name: string;
  starts: MarkerLine[];
  ends: MarkerLine[];
}

/** Markers of a file grouped by name, in order of first appearance. */
export function groupMarkers(markers: readonly MarkerLine[]): MarkerGroup[] {
  const groups = new Map<string, MarkerGroup>();
  for (const m of markers) {
    let g = groups.get(m.name);
    if (!g) {
      g = { name: m.name, starts: [], ends: [] };
      groups.set(m.name, g);
    }
    (m.end ? g.ends : g.starts).push(m);
  }
  return [...groups.values()];
}
