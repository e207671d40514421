/**
 * MyST-Parser before 3 (0.18 is Debian's) read a directive's option block
 * with PyYAML's `safe_load`: YAML 1.1, where `# x` is a comment, `[x]` a
 * list, `yes` a boolean and `010` an octal number. It then handed each value
 * to the option's converter: strings as they are, `true` and null as "no
 * value", numbers, booleans and dates as Python's `str()` of them, and
 * refused anything else.
 *
 * The `yaml` package parses the block (failsafe schema, so every scalar
 * stays text); the plain scalars are then typed with PyYAML's own implicit
 * resolvers, so that the values and the messages are Python's.
 */
import type * as Yaml from 'yaml';
import { yaml } from '../../core/yaml.js';
import { pyRepr } from '../../python/str.js';

/** A value as PyYAML constructs it. */
export type PyValue =
  | { type: 'str'; value: string }
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'none' }
  | { type: 'date'; value: string; repr: string }
  | { type: 'list'; value: PyValue[] }
  | { type: 'dict'; value: [PyValue, PyValue][] };

/** What MyST 0.18 makes of one option: the converter's input, or Python's `str()` of a value it refuses. */
export type LegacyOptionValue = { value: string | null } | { notString: string };

export type LegacyOptionBlock =
  | { ok: true; values: Map<string, LegacyOptionValue> }
  | { ok: false; problem: string };

// PyYAML's implicit resolvers (resolver.py), for plain scalars.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const TIMESTAMP_PARTS =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

function sexagesimal(digits: string): bigint {
  let base = 1n;
  let value = 0n;
  for (const part of digits.split(':').reverse()) {
    value += BigInt(part) * base;
    base *= 60n;
  }
  return value;
}

/** PyYAML `construct_yaml_int`. */
function constructInt(text: string): bigint {
  let v = text.replace(/_/g, '');
  const sign = v[0] === '-' ? -1n : 1n;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '0') return 0n;
  if (v.startsWith('0b')) return sign * BigInt('0b' + v.slice(2));
  if (v.startsWith('0x')) return sign * BigInt('0x' + v.slice(2));
  if (v[0] === '0') return sign * BigInt('0o' + v.slice(1));
  if (v.includes(':')) return sign * sexagesimal(v);
  return sign * BigInt(v);
}

/** PyYAML `construct_yaml_float`. */
function constructFloat(text: string): number {
  let v = text.replace(/_/g, '').toLowerCase();
  const sign = v[0] === '-' ? -1 : 1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '.inf') return sign * Infinity;
  if (v === '.nan') return NaN;
  if (v.includes(':')) {
    let base = 1;
    let value = 0;
    for (const part of v.split(':').reverse()) {
      value += Number(part) * base;
      base *= 60;
    }
    return sign * value;
  }
  return sign * Number(v);
}

const pad = (s: string | number, n = 2): string => String(s).padStart(n, '0');

/** PyYAML `construct_yaml_timestamp`, as Python prints the date or datetime. */
function constructTimestamp(text: string): PyValue {
  const m = TIMESTAMP_PARTS.exec(text)!;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (m[4] === undefined) return { type: 'date', value: date, repr: `datetime.date(${y}, ${mo}, ${d})` };
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const fraction = m[7] ? m[7].slice(0, 6).padEnd(6, '0') : '';
  let value = `${date} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  if (fraction && Number(fraction) !== 0) value += '.' + fraction;
  if (m[9]) value += `${m[9]}${pad(m[10]!)}:${pad(m[11] ?? '00')}`;
  else if (m[8] === 'Z') value += '+00:00';
  return { type: 'date', value, repr: `datetime.datetime(${value})` };
}

/** The type PyYAML gives a plain scalar. */
export function resolvePlain(text: string): PyValue {
  if (BOOL.test(text)) return { type: 'bool', value: /^(?:yes|true|on)$/i.test(text) };
  if (INT.test(text)) return { type: 'int', value: constructInt(text) };
  if (FLOAT.test(text)) return { type: 'float', value: constructFloat(text) };
  if (NULL.test(text)) return { type: 'none' };
  if (TIMESTAMP.test(text)) return constructTimestamp(text);
  return { type: 'str', value: text };
}

/** Python's `repr()` of a float. */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${pad(Math.abs(e))}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}.${frac || '0'}`;
}

/** Python's `str()` of a value. */
export function pyStr(v: PyValue): string {
  switch (v.type) {
    case 'str':
    case 'date':
      return v.value;
    case 'int':
      return v.value.toString();
    case 'float':
      return pyFloatRepr(v.value);
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return `[${v.value.map(pyReprOf).join(', ')}]`;
    case 'dict':
      return `{${v.value.map(([k, x]) => `${pyReprOf(k)}: ${pyReprOf(x)}`).join(', ')}}`;
  }
}

/** Python's `repr()` of a value. */
function pyReprOf(v: PyValue): string {
  if (v.type === 'str') return pyRepr(v.value);
  if (v.type === 'date') return v.repr;
  return pyStr(v);
}

function construct(node: unknown, source: string): PyValue {
  const Y = yaml();
  if (node === null || node === undefined) return { type: 'none' };
  if (Y.isScalar(node)) {
    let text = String(node.value ?? '');
    // A block scalar that ends the text without a line break: PyYAML keeps no final break.
    const atEnd = (node.range?.[1] ?? 0) >= source.length && !source.endsWith('\n');
    if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && atEnd && text.endsWith('\n')) text = text.slice(0, -1);
    if (node.tag === 'tag:yaml.org,2002:str' || (node.type !== undefined && node.type !== 'PLAIN')) return { type: 'str', value: text };
    return resolvePlain(text);
  }
  if (Y.isSeq(node)) return { type: 'list', value: node.items.map((n) => construct(n, source)) };
  if (Y.isMap(node)) {
    // A Python dict: a repeated key keeps its first place and takes the last value.
    const entries = new Map<string, [PyValue, PyValue]>();
    for (const pair of node.items) {
      const key = construct(pair.key, source);
      const id = `${key.type}:${pyStr(key)}`;
      entries.set(id, [entries.get(id)?.[0] ?? key, construct(pair.value, source)]);
    }
    return { type: 'dict', value: [...entries.values()] };
  }
  if (Y.isAlias(node)) return { type: 'none' };
  return { type: 'none' };
}

/**
 * An option block as MyST-Parser 0.18 reads it (`parse_directive_options`):
 * YAML that must be a mapping; each value as its converter gets it.
 */
export function parseLegacyOptionBlock(text: string): LegacyOptionBlock {
  // PyYAML refuses a tab where a value should start and a trailing tab; the `yaml` package does not.
  for (const line of text.split('\n')) {
    if (/^[^#]*?:\t/.test(line) || /\t$/.test(line)) {
      return { ok: false, problem: "Invalid options YAML: found character '\\t' that cannot start any token" };
    }
  }
  const doc: Yaml.Document = yaml().parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) return { ok: false, problem: `Invalid options YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  const data = construct(doc.contents, text);
  const values = new Map<string, LegacyOptionValue>();
  if (data.type === 'none') return { ok: true, values };
  if (data.type !== 'dict') return { ok: false, problem: `Invalid options (not dict): ${pyStr(data)}` };
  for (const [k, v] of data.value) {
    const name = pyStr(k);
    if (v.type === 'str') values.set(name, { value: v.value });
    else if (v.type === 'none' || (v.type === 'bool' && v.value)) values.set(name, { value: null });
    else if (v.type === 'int' || v.type === 'float' || v.type === 'bool' || v.type === 'date') values.set(name, { value: pyStr(v) });
    else values.set(name, { notString: pyStr(v) });
  }
  return { ok: true, values };
}
