/**
 * The SARIF reporter: a SARIF 2.1.0 log (OASIS Standard plus Errata 01) with
 * one run, for GitHub code scanning and other SARIF viewers. Pure: it returns
 * a string, always the same string for the same input (keys are written in a
 * fixed order and results are sorted).
 *
 * What goes where:
 * - `tool.driver.rules` lists every rule of the registry once, sorted by id,
 *   whether or not it has results, so viewers can show the help of any rule.
 * - Each result points at its rule with `ruleId` and `ruleIndex` (the index in
 *   that list; left out only for a rule id the list does not know).
 * - Paths are relative POSIX paths, written as relative URI references
 *   (percent-encoded) against `%SRCROOT%`; the run's `originalUriBaseIds`
 *   declares that base, with an absolute `uri` when `srcRoot` is given.
 * - Columns are UTF-16 code units, as docsnip counts them, declared with
 *   `columnKind: 'utf16CodeUnits'`; `endColumn` is exclusive in both.
 * - A diagnostic's `note` is appended to `message.text` on a new line; its
 *   related locations become `relatedLocations` with ids 0, 1, ...
 *
 * Fingerprints: see {@link fingerprints}.
 */
import { createHash } from 'node:crypto';
import { compareDiagnostics, compareStrings, type Diagnostic } from '../core/diagnostic.js';
import { RULES } from '../rules/index.js';
import { RULE_DOCS_BASE, ruleHelpUri, type RuleMeta } from '../rules/rule.js';
import { VERSION } from '../version.js';

/** The schema the log declares (the vendored copy in test/data is the same document). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** docsnip's home page (the repository the rule documentation lives in). */
export const DOCSNIP_URL = /^https:\/\/github\.com\/[^/]+\/[^/]+/.exec(RULE_DOCS_BASE)?.[0] ?? 'https://github.com/docsnip/docsnip';

/** The uriBaseId every relative path is resolved against. */
export const SRCROOT = '%SRCROOT%';

/** The key of docsnip's entry in `partialFingerprints` (SARIF wants `name/vN`). */
export const FINGERPRINT_KEY = 'docsnipLineHash/v1';

export interface SarifOptions {
  /**
   * Lines (without terminators) of a file, by the path shown in the
   * diagnostics, or null when unknown. Used only for fingerprints.
   */
  source?: (file: string) => readonly string[] | null;
  /** The rules to list; defaults to the registry ({@link RULES}). */
  rules?: readonly RuleMeta[];
  /**
   * Absolute URI of the directory the relative paths start from (for
   * example `file:///home/me/project/`). When given, it becomes the `uri`
   * of `%SRCROOT%` in `originalUriBaseIds` (a trailing slash is added).
   */
  srcRoot?: string;
}

/** Sort order of results: the shared diagnostic order, then the rest of the range and the severity. */
export function compareForReport(a: Diagnostic, b: Diagnostic): number {
  return (
    compareDiagnostics(a, b) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    compareStrings(a.severity, b.severity) ||
    compareStrings(a.note ?? '', b.note ?? '')
  );
}

/** `include-file-missing` → `IncludeFileMissing`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Replace unpaired surrogates (which neither UTF-8 nor URIs can carry) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * A POSIX path as a URI reference: each segment percent-encoded (so spaces,
 * `%`, `#`, `?`, `:` and non-ASCII characters cannot change its meaning),
 * slashes kept.
 */
export function pathToUri(path: string): string {
  return wellFormed(path).split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(path: string): Record<string, string> {
  // An absolute path (outside the directory docsnip reports from) becomes a file: URI of its own.
  if (path.startsWith('/')) return { uri: `file://${pathToUri(path)}` };
  return { uri: pathToUri(path), uriBaseId: SRCROOT };
}

/**
 * SARIF reads `[text](target)` in a plain-text message as an embedded link
 * (§3.11.6); brackets that would form one are escaped with a backslash so
 * a message that happens to contain that shape stays text.
 */
function messageText(text: string): string {
  return wellFormed(text).replace(/\[([^\[\]]*)\](?=\()/g, '\\[$1\\]');
}

function fullMessage(d: Diagnostic): string {
  return d.note ? `${d.message}\n${d.note}` : d.message;
}

function hash(text: string): string {
  return createHash('sha256').update(wellFormed(text), 'utf8').digest('hex').slice(0, 32);
}

/**
 * Partial fingerprints, one per diagnostic of `sorted` (which must be in
 * report order), under {@link FINGERPRINT_KEY}.
 *
 * Code scanning matches a result across runs by its fingerprint, so it must
 * not depend on anything an unrelated edit changes. The line number is the
 * obvious thing not to use: adding a paragraph above a directive moves it.
 * What identifies a finding is the rule, the file, and the text the finding
 * is on, so the fingerprint is a hash of
 *
 *   rule id + file + the flagged lines' text (each trimmed, so re-indenting
 *   a block does not count as a change)
 *
 * followed by `:N`, an occurrence counter that tells apart findings of the
 * same rule on identical lines of one file (the same literalinclude written
 * twice): the first in file order is `:1`, the next `:2`, and so on. That
 * keeps every fingerprint in a run distinct, and a counter changes only when
 * an identical flagged line is added or removed above.
 *
 * When the text is not available (no `source`, an unreadable file, or a line
 * past its end), the hash is of rule id + file + the message with digits
 * masked (messages such as "Line 12 is longer ..." carry line numbers), with
 * the same counter. The two kinds are tagged so they never collide. Neither
 * uses the run's time, machine paths or the order diagnostics arrive in.
 */
export function fingerprints(sorted: readonly Diagnostic[], source?: SarifOptions['source']): string[] {
  const cache = new Map<string, readonly string[] | null>();
  const linesOf = (file: string): readonly string[] | null => {
    if (!source) return null;
    if (!cache.has(file)) cache.set(file, source(file));
    return cache.get(file) ?? null;
  };
  const seen = new Map<string, number>();
  return sorted.map((d) => {
    const lines = linesOf(d.file);
    // A range that ends at column 1 of a later line does not cover any of that line.
    const last = d.endLine > d.line && d.endColumn <= 1 ? d.endLine - 1 : Math.max(d.line, d.endLine);
    let basis: string;
    if (lines && d.line >= 1 && last <= lines.length) {
      basis = `text\u0000${lines.slice(d.line - 1, last).map((l) => l.trim()).join('\n')}`;
    } else {
      basis = `message\u0000${d.message.replace(/\d+/g, '#')}`;
    }
    const key = hash(`${d.ruleId}\u0000${d.file}\u0000${basis}`);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${key}:${n}`;
  });
}

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const helpUri = ruleHelpUri(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: rule.severity },
    helpUri,
    help: {
      text: `${rule.description}\nSee ${helpUri}`,
      markdown: `${rule.description}\n\nSee [the \`${rule.id}\` documentation](${helpUri}).`,
    },
  };
}

/** The SARIF log as an object (what {@link formatSarif} serialises). */
export function sarifLog(diagnostics: readonly Diagnostic[], options: SarifOptions = {}): Record<string, unknown> {
  const rules = [...(options.rules ?? RULES)].sort((a, b) => compareStrings(a.id, b.id));
  const ruleIndex = new Map<string, number>();
  rules.forEach((r, i) => {
    if (!ruleIndex.has(r.id)) ruleIndex.set(r.id, i);
  });
  const listed = rules.filter((r, i) => ruleIndex.get(r.id) === i);

  const sorted = [...diagnostics].sort(compareForReport);
  const prints = fingerprints(sorted, options.source);
  const results = sorted.map((d, i) => {
    const index = ruleIndex.get(d.ruleId);
    return {
      ruleId: d.ruleId,
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: d.severity,
      message: { text: messageText(fullMessage(d)) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.file),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      ...(d.related.length > 0
        ? {
            relatedLocations: d.related.map((r, id) => ({
              id,
              physicalLocation: {
                artifactLocation: artifactLocation(r.file),
                region: { startLine: r.line, startColumn: r.column },
              },
              message: { text: messageText(r.message) },
            })),
          }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] ?? '' },
    };
  });

  let root: Record<string, unknown> = {
    description: { text: 'The directory docsnip reported paths from; every relative uri is resolved against it.' },
  };
  if (options.srcRoot) {
    const uri = options.srcRoot.endsWith('/') ? options.srcRoot : `${options.srcRoot}/`;
    root = { uri: wellFormed(uri), ...root };
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'docsnip',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: DOCSNIP_URL,
            rules: listed.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: root },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** SARIF 2.1.0 text (two-space indented JSON and a final newline). */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions = {}): string {
  return JSON.stringify(sarifLog(diagnostics, options), null, 2) + '\n';
}
