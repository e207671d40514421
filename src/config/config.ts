/**
 * `.docsnip.yaml`: the one configuration file, found upward from the checked
 * paths. Everything in it is optional:
 *
 * ```yaml
 * root: docs                  # the Sphinx source directory (relative to this file)
 * rules:                      # severity per rule: off, warning or error
 *   marker-unused: off
 * markers:
 *   pattern: '...'            # regular expression with a (?<name>...) group
 * ignore:                     # Sphinx-style globs, relative to this file
 *   - reuse/**
 * ```
 *
 * Unknown keys, unknown rule ids and bad values are reported as problems with
 * their position in the file, never silently ignored.
 */
import { yaml } from '../core/yaml.js';
import type * as Yaml from 'yaml';
import type { Severity } from '../core/diagnostic.js';
import { compileMarkerPattern } from '../markers/markers.js';
import { closest } from '../rules/suggest.js';

export const CONFIG_NAMES = ['.docsnip.yaml', '.docsnip.yml'] as const;

export interface ConfigProblem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface DocsnipConfig {
  /** `root`, as written (relative to the config file's directory). */
  root?: string;
  rules: Record<string, Severity | 'off'>;
  markerPattern?: string;
  ignore: string[];
  /** `myst-parser`: the MyST-Parser version the docs are built with. */
  mystParser?: string;
}

export interface LoadedConfig {
  /** Absolute path of the configuration file. */
  path: string;
  config: DocsnipConfig;
  problems: ConfigProblem[];
}


const TOP_KEYS = ['root', 'rules', 'markers', 'ignore', 'myst-parser'];
const SEVERITIES = ['off', 'warning', 'error'];

/** Parse the text of a configuration file; `ruleIds` are the ids it may name. */
export function parseConfig(path: string, text: string, ruleIds: readonly string[]): LoadedConfig {
  const y = yaml();
  const lc = new y.LineCounter();
  const doc = y.parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const config: DocsnipConfig = { rules: {}, ignore: [] };
  const problems: ConfigProblem[] = [];
  const at = (node: { range?: [number, number, number] | null } | null | undefined, message: string): void => {
    const range = node?.range ?? [0, 0, 0];
    const start = lc.linePos(range[0]);
    const end = lc.linePos(range[1]);
    problems.push({ line: start.line, column: start.col, endLine: end.line, endColumn: end.col, message });
  };
  for (const e of doc.errors) {
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    problems.push({
      line: pos.line,
      column: pos.col,
      endLine: pos.line,
      endColumn: pos.col,
      message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
    });
  }
  if (doc.errors.length > 0) return { path, config, problems };
  const contents = doc.contents;
  if (contents === null || (y.isScalar(contents) && contents.value === null)) return { path, config, problems };
  if (!y.isMap(contents)) {
    at(contents, 'the configuration must be a mapping of keys (root, rules, markers, ignore)');
    return { path, config, problems };
  }
  for (const pair of contents.items) {
    const key = y.isScalar(pair.key) ? String(pair.key.value) : '';
    const keyNode = pair.key as Yaml.Node;
    const value = pair.value as Yaml.Node | null;
    switch (key) {
      case 'root':
        if (y.isScalar(value) && typeof value.value === 'string' && value.value !== '') config.root = value.value;
        else at(value ?? keyNode, '`root` must be a directory path (a string)');
        break;
      case 'rules':
        if (!y.isMap(value)) {
          at(value ?? keyNode, '`rules` must map rule ids to off, warning or error');
          break;
        }
        for (const rule of value.items) {
          const id = y.isScalar(rule.key) ? String(rule.key.value) : '';
          const sev = y.isScalar(rule.value) ? String(rule.value.value) : '';
          if (!ruleIds.includes(id)) {
            at(rule.key as Yaml.Node, `unknown rule \`${id}\`${suggestRule(id, ruleIds)}`);
          } else if (!SEVERITIES.includes(sev)) {
            at((rule.value as Yaml.Node | null) ?? (rule.key as Yaml.Node), `rule \`${id}\`: severity must be off, warning or error, not \`${sev}\``);
          } else {
            config.rules[id] = sev as Severity | 'off';
          }
        }
        break;
      case 'markers':
        if (!y.isMap(value)) {
          at(value ?? keyNode, '`markers` must be a mapping with a `pattern`');
          break;
        }
        for (const item of value.items) {
          const k = y.isScalar(item.key) ? String(item.key.value) : '';
          if (k !== 'pattern') {
            at(item.key as Yaml.Node, `unknown key \`markers.${k}\` (expected: pattern)`);
            continue;
          }
          const v = item.value as Yaml.Node | null;
          if (!y.isScalar(v) || typeof v.value !== 'string') {
            at(v ?? (item.key as Yaml.Node), '`markers.pattern` must be a string (a regular expression)');
            continue;
          }
          const compiled = compileMarkerPattern(v.value);
          if (!compiled.ok) at(v, `\`markers.pattern\`: ${compiled.message}`);
          else config.markerPattern = v.value;
        }
        break;
      case 'ignore':
        if (!y.isSeq(value)) {
          at(value ?? keyNode, '`ignore` must be a list of glob patterns');
          break;
        }
        for (const item of value.items) {
          if (y.isScalar(item) && typeof item.value === 'string') config.ignore.push(item.value);
          else at(item as Yaml.Node, '`ignore` entries must be strings');
        }
        break;
      case 'myst-parser': {
        // `0.18` is a YAML number: take the text as written.
        const text = y.isScalar(value) ? (value.source ?? String(value.value)) : '';
        if (!isMystParserVersion(text)) at(value ?? keyNode, '`myst-parser` must be a version number, such as 4 or 0.18');
        else config.mystParser = text;
        break;
      }
      default:
        at(keyNode, `unknown key \`${key}\` (expected: ${TOP_KEYS.join(', ')})`);
    }
  }
  return { path, config, problems };
}

/** A MyST-Parser version as `myst-parser` and `--myst-parser` take it. */
export function isMystParserVersion(text: string): boolean {
  return /^\d+(?:\.\d+){0,2}$/.test(text);
}

/**
 * MyST-Parser before 3 read a directive's option block as YAML (0.18 is the
 * reference); 3 and later read every value as a string.
 */
export function mystParserIsLegacy(version: string | undefined): boolean {
  return version !== undefined && Number(version.split('.')[0]) < 3;
}

function suggestRule(id: string, ids: readonly string[]): string {
  const near = closest(id, ids);
  return near ? `; did you mean \`${near}\`?` : '';
}
