/**
 * Option conversion for `literalinclude` and `include`, as docutils does it
 * before a directive runs.
 *
 * Each option value goes through the converter its directive declares
 * (`flag`, `int`, `unchanged_required`, `encoding`, …). The first failure is
 * a docutils ERROR ("Error in "literalinclude" directive: …") and the
 * directive never runs. The messages here are docutils' own, so they read
 * exactly as in a Sphinx build log.
 */
import { lookupCodec } from '../python/codecs.js';
import { pyInt, pyReprValue, pySplit, pyStrip, PyValueError, trimEndWhere } from '../python/str.js';

/** Converted option values. A key is present when the option was given. */
export interface LiteralIncludeOptions {
  dedent?: number | null;
  linenos?: null;
  'lineno-start'?: bigint;
  'lineno-match'?: null;
  'tab-width'?: bigint;
  language?: string;
  force?: null;
  encoding?: string;
  pyobject?: string;
  lines?: string;
  'start-after'?: string;
  'end-before'?: string;
  'start-at'?: string;
  'end-at'?: string;
  prepend?: string;
  append?: string;
  'emphasize-lines'?: string;
  caption?: string;
  class?: string[];
  name?: string;
  diff?: string;
}

export interface IncludeOptions {
  literal?: null;
  code?: string;
  encoding?: string;
  parser?: string;
  'tab-width'?: bigint;
  'start-line'?: bigint;
  'end-line'?: bigint;
  'start-after'?: string;
  'end-before'?: string;
  'number-lines'?: bigint | null;
  class?: string[];
  name?: string;
}

type Converter = (value: string | null) => unknown;

class ConversionError extends Error {}

const flag: Converter = (value) => {
  if (value !== null && pyStrip(value) !== '') {
    throw new ConversionError(`no argument is allowed; "${value}" supplied`);
  }
  return null;
};

const unchanged: Converter = (value) => value ?? '';

const unchangedRequired: Converter = (value) => {
  if (value === null) throw new ConversionError('argument required but none supplied');
  return value;
};

const integer: Converter = (value) => {
  if (value === null) {
    throw new ConversionError(
      "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
    );
  }
  try {
    return pyInt(value);
  } catch (e) {
    if (e instanceof PyValueError) throw new ConversionError(e.message);
    throw e;
  }
};

/** Sphinx's `optional_int`: empty means "automatic", negative is refused. */
const optionalInt: Converter = (value) => {
  if (value === null) return null;
  const n = integer(value) as bigint;
  if (n < 0n) throw new ConversionError('negative value; must be positive or zero');
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
};

const encoding: Converter = (value) => {
  if (value === null) throw new ConversionError('lookup() argument must be str, not None');
  if (!lookupCodec(value)) throw new ConversionError(`unknown encoding: "${value}"`);
  return value;
};

/** docutils `value_or((None,), int)`. */
const noneOrInt: Converter = (value) => (value === null ? null : integer(value));

const DIGRAPHS: Record<string, string> = { '\u00df': 'sz', '\u00e6': 'ae', '\u0153': 'oe', '\u0238': 'db', '\u0239': 'qp' };
const NON_ID: Record<number, string> = {
  248: 'o', 273: 'd', 295: 'h', 305: 'i', 322: 'l', 359: 't', 384: 'b', 387: 'b', 392: 'c', 396: 'd',
  402: 'f', 409: 'k', 410: 'l', 414: 'n', 421: 'p', 427: 't', 429: 't', 436: 'y', 438: 'z', 485: 'g',
  549: 'z', 564: 'l', 565: 'n', 566: 't', 567: 'j', 572: 'c', 575: 's', 576: 'z', 583: 'e', 585: 'j',
  587: 'q', 589: 'r', 591: 'y',
};

/** docutils `nodes.make_id`. */
export function makeId(s: string): string {
  let id = '';
  for (const ch of s.toLowerCase()) {
    id += DIGRAPHS[ch] ?? NON_ID[ch.codePointAt(0)!] ?? ch;
  }
  // Drop what NFKD cannot turn into ASCII.
  id = id.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  id = pySplit(id).join(' ').replace(/[^a-z0-9]+/g, '-');
  return trimEndWhere(id.replace(/^[-0-9]+/, ''), (ch) => ch === '-');
}

const classOption: Converter = (value) => {
  if (value === null) throw new ConversionError('argument required but none supplied');
  return pySplit(value).map((name) => {
    const id = makeId(name);
    if (!id) throw new ConversionError(`cannot make "${name}" into a class name`);
    return id;
  });
};

/** docutils `parser_name`: only names of parsers we can tell apart. */
const parserName: Converter = (value) => {
  if (value === null) throw new ConversionError('argument required but none supplied');
  return value;
};

export const LITERALINCLUDE_OPTION_SPEC: Readonly<Record<string, Converter>> = {
  dedent: optionalInt,
  linenos: flag,
  'lineno-start': integer,
  'lineno-match': flag,
  'tab-width': integer,
  language: unchangedRequired,
  force: flag,
  encoding,
  pyobject: unchangedRequired,
  lines: unchangedRequired,
  'start-after': unchangedRequired,
  'end-before': unchangedRequired,
  'start-at': unchangedRequired,
  'end-at': unchangedRequired,
  prepend: unchangedRequired,
  append: unchangedRequired,
  'emphasize-lines': unchangedRequired,
  caption: unchanged,
  class: classOption,
  name: unchanged,
  diff: unchangedRequired,
};

export const INCLUDE_OPTION_SPEC: Readonly<Record<string, Converter>> = {
  literal: flag,
  code: unchanged,
  encoding,
  parser: parserName,
  'tab-width': integer,
  'start-line': integer,
  'end-line': integer,
  'start-after': unchangedRequired,
  'end-before': unchangedRequired,
  'number-lines': noneOrInt,
  class: classOption,
  name: unchanged,
};

export interface RawOption {
  name: string;
  value: string | null;
}

export type ConversionResult<T> =
  | { ok: true; options: T }
  | {
      ok: false;
      /** docutils' detail, e.g. `unknown option: "foo"`. */
      detail: string;
      /** The converter's own message, for a refused value. */
      reason?: string;
      /** Index in the input of the option at fault. */
      index: number;
      kind: 'unknown' | 'duplicate' | 'value';
    };

/** docutils `assemble_option_dict`: convert options in order, stop at the first error. */
export function convertOptions<T>(
  spec: Readonly<Record<string, Converter>>,
  raw: readonly RawOption[],
): ConversionResult<T> {
  const out: Record<string, unknown> = {};
  for (let index = 0; index < raw.length; index++) {
    const { name, value } = raw[index]!;
    const convert = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
    if (!convert) return { ok: false, detail: `unknown option: "${name}"`, index, kind: 'unknown' };
    if (Object.prototype.hasOwnProperty.call(out, name)) {
      return { ok: false, detail: `invalid option data: duplicate option "${name}"`, index, kind: 'duplicate' };
    }
    try {
      out[name] = convert(value);
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
      return {
        ok: false,
        detail: `invalid option value: (option: "${name}"; value: ${pyReprValue(value)})\n${e.message}`,
        reason: e.message,
        index,
        kind: 'value',
      };
    }
  }
  return { ok: true, options: out as T };
}

