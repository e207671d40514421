/**
 * The reviewdog reporter: rdjsonl, JSON Lines of reviewdog's `Diagnostic`
 * message (reviewdog/reviewdog, proto/rdf/reviewdog.proto), one object per
 * line, in report order, for `reviewdog -f=rdjsonl`. Pure: it returns the
 * text.
 *
 * Field names are the proto field names (snake_case: `related_locations`),
 * which reviewdog's parser (protojson.Unmarshal, one call per line) accepts;
 * severity is the enum name (`ERROR`, `WARNING`). protojson rejects unknown
 * fields and an empty line, so nothing else is written, and no diagnostics
 * give an empty string rather than an empty line. Strings are made
 * well-formed (unpaired surrogates become U+FFFD) so every line is valid
 * UTF-8 JSON.
 *
 * Positions: lines are 1-based as in docsnip; the range end is exclusive in
 * both. reviewdog counts columns in UTF-8 bytes while docsnip counts UTF-16
 * code units, so with `source` (the lines of a file) each column is
 * converted; without it, or past the end of a known line, columns are
 * written as they are (the same for ASCII text).
 *
 * A diagnostic's `note` is appended to `message` on a new line.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { ruleHelpUri } from '../rules/rule.js';
import { compareForReport, DOCSNIP_URL, wellFormed } from './sarif.js';

export interface RdjsonlOptions {
  /** Lines (without terminators) of a file, by displayed path, or null; used to convert columns to UTF-8 bytes. */
  source?: (file: string) => readonly string[] | null;
}

/** UTF-8 length of a string (an unpaired surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A 1-based UTF-16 column of `line` as a 1-based UTF-8 byte column. Columns
 * past the end of the line keep their distance from it.
 */
export function utf8Column(line: string, column: number): number {
  const units = Math.max(0, column - 1);
  if (units <= line.length) return utf8Length(line.slice(0, units)) + 1;
  return utf8Length(line) + (units - line.length) + 1;
}

interface Position {
  line: number;
  column: number;
}

export function formatRdjsonl(diagnostics: readonly Diagnostic[], options: RdjsonlOptions = {}): string {
  const cache = new Map<string, readonly string[] | null>();
  const position = (file: string, line: number, column: number): Position => {
    const source = options.source;
    if (!source) return { line, column };
    if (!cache.has(file)) cache.set(file, source(file));
    const text = cache.get(file)?.[line - 1];
    return { line, column: text === undefined ? column : utf8Column(text, column) };
  };

  const sorted = [...diagnostics].sort(compareForReport);
  return sorted
    .map((d) => {
      const object = {
        message: wellFormed(d.note ? `${d.message}\n${d.note}` : d.message),
        location: {
          path: wellFormed(d.file),
          range: {
            start: position(d.file, d.line, d.column),
            end: position(d.file, d.endLine, d.endColumn),
          },
        },
        severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
        source: { name: 'docsnip', url: DOCSNIP_URL },
        code: { value: d.ruleId, url: ruleHelpUri(d.ruleId) },
        ...(d.related.length > 0
          ? {
              related_locations: d.related.map((r) => ({
                message: wellFormed(r.message),
                location: { path: wellFormed(r.file), range: { start: position(r.file, r.line, r.column) } },
              })),
            }
          : {}),
      };
      return JSON.stringify(object) + '\n';
    })
    .join('');
}
