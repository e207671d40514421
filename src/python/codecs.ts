/**
 * Python codec lookup and strict decoding, as CPython 3.11 on Linux does them.
 *
 * Sphinx reads an included file with `open(path, encoding=X, errors='strict')`,
 * so which `:encoding:` values work, which fail and how, and the exact text a
 * file decodes to all follow CPython's codec machinery rather than the WHATWG
 * Encoding Standard behind `TextDecoder` (where `ascii` and `latin1` mean
 * windows-1252 and undefined cp1252 bytes decode to C1 controls).
 *
 * Lookup: `codecs.lookup(name)` normalises the name (ASCII letters lowercased,
 * every run of characters other than ASCII letters, digits and `.` becomes one
 * `_`, dropped at both ends), then the `encodings` search function tries the
 * `encodings.aliases` target and the normalised name itself as module names.
 *
 * Decoding (strict, with CPython's error messages and byte positions) is
 * implemented here for: ascii, latin-1 (and `charmap` without a mapping),
 * utf-8, utf-8-sig, utf-16/-le/-be, utf-32/-le/-be, `undefined`, and every
 * single-byte charmap codec of the standard library (cp037 … cp1258,
 * iso8859-2 … 16, koi8-r/-t/-u, mac-*, hp-roman8, ptcp154, tis-620, …), from
 * tables generated with CPython (codecs-data.ts). Other text codecs (the East
 * Asian multibyte codecs, utf-7, idna, punycode, unicode-escape,
 * raw-unicode-escape, iso2022-*, hz, …) are recognised but have no decoders:
 * Node's `TextDecoder` disagrees with CPython on all the East Asian ones.
 */

import { ALIASES_BY_MODULE, CHARMAP_TABLES, CODEC_MODULES } from './codecs-data.js';

/**
 * What `codecs.lookup(name)` returns, reduced to what docsnip needs.
 *
 * - `name`: `CodecInfo.name`, the canonical name (`'utf-8'`, `'iso8859-1'`, `'cp1252'`).
 * - `module`: the `encodings.<module>` that provides the codec (`'utf_8'`, `'latin_1'`).
 * - `text`: `CodecInfo._is_text_encoding`; `open()` refuses codecs where it is false.
 * - `decode`: `bytes.decode(name, 'strict')`.
 * - `decodeFile`: what `open(path, encoding=name, errors='strict').read()`
 *   returns for a file holding these bytes, before newline translation (that
 *   is, with `newline=''`). This is what Sphinx's literalinclude sees. It
 *   differs from `decode` in a few places, all taken from CPython's
 *   incremental decoders: `utf-16`/`utf-32` without a BOM raise
 *   `UnicodeError('UTF-16 stream does not start with BOM')`; `utf-8-sig`
 *   silently drops a file that is only a truncated BOM (`EF` or `EF BB`);
 *   `undefined` fails even on an empty file.
 *
 * Both throw {@link PythonDecodeError} and are absent when docsnip does not
 * emulate the codec (and for codecs that are not text encodings).
 */
export interface PythonCodec {
  readonly name: string;
  readonly module: string;
  readonly text: boolean;
  readonly decode?: (bytes: Uint8Array) => string;
  readonly decodeFile?: (bytes: Uint8Array) => string;
}

/** Details of a {@link PythonDecodeError}; all optional. */
export interface PythonDecodeErrorDetails {
  readonly pythonType?: 'UnicodeDecodeError' | 'UnicodeError';
  readonly encoding?: string;
  readonly reason?: string;
  readonly start?: number;
  readonly end?: number;
}

/**
 * A decoding failure: CPython's `UnicodeDecodeError`, or a plain
 * `UnicodeError` (the `undefined` codec; a UTF-16/32 file without BOM).
 * `message` is `str(exception)`.
 */
export class PythonDecodeError extends Error {
  /** CPython exception class (default `UnicodeError`). */
  readonly pythonType: 'UnicodeDecodeError' | 'UnicodeError';
  /**
   * `exc.encoding`: the codec named in the message (`'utf-8'`, `'charmap'`,
   * `'utf-16-le'`); for a plain `UnicodeError`, the codec that raised it.
   */
  readonly encoding: string;
  /** `exc.reason`, e.g. `'invalid continuation byte'` (defaults to the message). */
  readonly reason: string;
  /** `exc.start` and `exc.end`: the offending byte range (undefined for `UnicodeError`). */
  readonly start: number | undefined;
  readonly end: number | undefined;

  constructor(message: string, details: PythonDecodeErrorDetails = {}) {
    super(message);
    this.name = 'PythonDecodeError';
    this.pythonType = details.pythonType ?? 'UnicodeError';
    this.encoding = details.encoding ?? '';
    this.reason = details.reason ?? message;
    this.start = details.start;
    this.end = details.end;
  }
}

/** Throws CPython's `UnicodeDecodeError(encoding, bytes, start, end, reason)`. */
function decodeError(encoding: string, bytes: Uint8Array, start: number, end: number, reason: string): never {
  const where =
    end === start + 1 && start < bytes.length
      ? `byte 0x${(bytes[start] as number).toString(16).padStart(2, '0')} in position ${start}`
      : `bytes in position ${start}-${end - 1}`;
  throw new PythonDecodeError(`'${encoding}' codec can't decode ${where}: ${reason}`, {
    pythonType: 'UnicodeDecodeError',
    encoding,
    reason,
    start,
    end,
  });
}

/** Collects UTF-16 code units and turns them into a string in bounded chunks. */
class StringBuilder {
  private readonly parts: string[] = [];
  private units: number[] = [];

  push(unit: number): void {
    this.units.push(unit);
    if (this.units.length >= 8192) this.flush();
  }

  pushCodePoint(cp: number): void {
    if (cp < 0x10000) {
      this.push(cp);
    } else {
      const v = cp - 0x10000;
      this.push(0xd800 | (v >> 10));
      this.push(0xdc00 | (v & 0x3ff));
    }
  }

  private flush(): void {
    this.parts.push(String.fromCharCode(...this.units));
    this.units = [];
  }

  toString(): string {
    this.flush();
    return this.parts.join('');
  }
}

// ---------------------------------------------------------------------------
// Decoders

function decodeAscii(bytes: Uint8Array): string {
  const out = new StringBuilder();
  bytes.forEach((byte, i) => {
    if (byte >= 0x80) decodeError('ascii', bytes, i, i + 1, 'ordinal not in range(128)');
    out.push(byte);
  });
  return out.toString();
}

function decodeLatin1(bytes: Uint8Array): string {
  const out = new StringBuilder();
  for (const byte of bytes) out.push(byte);
  return out.toString();
}

/** A single-byte charmap codec; U+FFFE in the table marks an undefined byte. */
function charmapDecoder(table: string): (bytes: Uint8Array) => string {
  const full = table.length === 128 ? String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)) + table : table;
  const units = Array.from(full, (ch) => ch.charCodeAt(0));
  return (bytes) => {
    const out = new StringBuilder();
    bytes.forEach((byte, i) => {
      const unit = units[byte] as number;
      if (unit === 0xfffe) decodeError('charmap', bytes, i, i + 1, 'character maps to <undefined>');
      out.push(unit);
    });
    return out.toString();
  };
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/**
 * Strict UTF-8 as CPython decodes it: no overlongs, surrogates or code points
 * above U+10FFFF. Error ranges follow CPython: an invalid start byte is one
 * byte; an invalid continuation covers the valid prefix before it; a
 * truncated sequence at the end covers the rest of the input.
 */
const FAST_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  // Well-formed UTF-8 is the same for the WHATWG decoder and CPython (no
  // overlongs, surrogates or code points past U+10FFFF): take the native
  // decoder, and decode again here only to say where and why it fails.
  try {
    return FAST_UTF8.decode(bytes);
  } catch {
    return decodeUtf8Exact(bytes);
  }
}

function decodeUtf8Exact(bytes: Uint8Array): string {
  const out = new StringBuilder();
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      out.push(b0);
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      if (b0 === 0xe0) lo = 0xa0; // no overlongs
      if (b0 === 0xed) hi = 0x9f; // no surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      if (b0 === 0xf0) lo = 0x90; // no overlongs
      if (b0 === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else {
      decodeError('utf-8', bytes, i, i + 1, 'invalid start byte');
    }
    let cp = b0 & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) decodeError('utf-8', bytes, i, n, 'unexpected end of data');
      const ok = k === 1 ? byte >= lo && byte <= hi : isContinuation(byte);
      if (!ok) decodeError('utf-8', bytes, i, i + k, 'invalid continuation byte');
      cp = (cp << 6) | (byte & 0x3f);
    }
    out.pushCodePoint(cp);
    i += need + 1;
  }
  return out.toString();
}

/** utf-8-sig: one leading BOM is dropped; error positions count from after it. */
function decodeUtf8Sig(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return decodeUtf8(bom ? bytes.subarray(3) : bytes);
}

/**
 * UTF-16. `order` 0 means "detect": a leading FF FE or FE FF is consumed as a
 * BOM, and without one the data is little-endian (CPython's native order on
 * the platforms Sphinx runs on).
 */
function decodeUtf16(bytes: Uint8Array, order: -1 | 0 | 1): string {
  const n = bytes.length;
  let q = 0;
  let bigEndian = order === 1;
  if (order === 0 && n >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) q = 2;
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      q = 2;
      bigEndian = true;
    }
  }
  const encoding = bigEndian ? 'utf-16-be' : 'utf-16-le';
  const unitAt = (p: number): number =>
    bigEndian
      ? ((bytes[p] as number) << 8) | (bytes[p + 1] as number)
      : ((bytes[p + 1] as number) << 8) | (bytes[p] as number);
  const out = new StringBuilder();
  while (q < n) {
    if (n - q < 2) decodeError(encoding, bytes, q, n, 'truncated data');
    const ch = unitAt(q);
    if (ch < 0xd800 || ch > 0xdfff) {
      out.push(ch);
      q += 2;
      continue;
    }
    if (ch >= 0xdc00) decodeError(encoding, bytes, q, q + 2, 'illegal encoding');
    if (n - q < 4) decodeError(encoding, bytes, q, n, 'unexpected end of data');
    const ch2 = unitAt(q + 2);
    if (ch2 < 0xdc00 || ch2 > 0xdfff) decodeError(encoding, bytes, q, q + 2, 'illegal UTF-16 surrogate');
    out.push(ch);
    out.push(ch2);
    q += 4;
  }
  return out.toString();
}

/** UTF-32, with the same BOM rule as UTF-16 (00 00 FE FF / FF FE 00 00). */
function decodeUtf32(bytes: Uint8Array, order: -1 | 0 | 1): string {
  const n = bytes.length;
  let q = 0;
  let bigEndian = order === 1;
  const word = (p: number): number =>
    bigEndian
      ? (((bytes[p] as number) << 24) | ((bytes[p + 1] as number) << 16) | ((bytes[p + 2] as number) << 8) | (bytes[p + 3] as number)) >>> 0
      : (((bytes[p + 3] as number) << 24) | ((bytes[p + 2] as number) << 16) | ((bytes[p + 1] as number) << 8) | (bytes[p] as number)) >>> 0;
  if (order === 0 && n >= 4) {
    const le = word(0);
    if (le === 0xfeff) q = 4;
    else if (le === 0xfffe0000) {
      q = 4;
      bigEndian = true;
    }
  }
  const encoding = bigEndian ? 'utf-32-be' : 'utf-32-le';
  const out = new StringBuilder();
  while (q < n) {
    if (n - q < 4) decodeError(encoding, bytes, q, n, 'truncated data');
    const cp = word(q);
    if (cp > 0x10ffff) decodeError(encoding, bytes, q, q + 4, 'code point not in range(0x110000)');
    if (cp >= 0xd800 && cp < 0xe000) {
      decodeError(encoding, bytes, q, q + 4, 'code point in surrogate code point range(0xd800, 0xe000)');
    }
    out.pushCodePoint(cp);
    q += 4;
  }
  return out.toString();
}

/** Throws a plain CPython `UnicodeError` (no byte range). */
function unicodeError(encoding: string, reason: string, message = reason): never {
  throw new PythonDecodeError(message, { pythonType: 'UnicodeError', encoding, reason });
}

/**
 * The `undefined` codec: `bytes.decode` fails on any non-empty input (the
 * error is wrapped, naming the codec as given; we name it `undefined`).
 */
function decodeUndefined(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  return unicodeError('undefined', 'undefined encoding', "decoding with 'undefined' codec failed (UnicodeError: undefined encoding)");
}

/** Reading a file with the `undefined` codec fails, even an empty one. */
function readUndefined(): never {
  return unicodeError('undefined', 'undefined encoding');
}

/** The utf-8-sig incremental decoder: a file that is only part of a BOM reads as ''. */
function readUtf8Sig(bytes: Uint8Array): string {
  if (bytes.length < 3 && bytes.every((byte, i) => byte === [0xef, 0xbb][i])) return '';
  return decodeUtf8Sig(bytes);
}

/**
 * The utf-16 and utf-32 incremental decoders: decode as `bytes.decode` does,
 * then refuse a stream of at least one code unit that had no BOM.
 */
function readWithBom(bytes: Uint8Array, unit: 2 | 4): string {
  const text = unit === 2 ? decodeUtf16(bytes, 0) : decodeUtf32(bytes, 0);
  const hasBom =
    unit === 2
      ? bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
      : bytes.length >= 4 &&
        ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
          (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff));
  if (!hasBom && bytes.length >= unit) {
    const name = unit === 2 ? 'utf-16' : 'utf-32';
    unicodeError(name, `${name.toUpperCase()} stream does not start with BOM`);
  }
  return text;
}

type Decoder = (bytes: Uint8Array) => string;

/** `[decode, decodeFile]` by `encodings` module name; one entry when both agree. */
const DECODERS: Readonly<Record<string, readonly [Decoder] | readonly [Decoder, Decoder]>> = {
  ascii: [decodeAscii],
  latin_1: [decodeLatin1],
  charmap: [decodeLatin1], // codecs.charmap_decode with no mapping is latin-1
  utf_8: [decodeUtf8],
  utf_8_sig: [decodeUtf8Sig, readUtf8Sig],
  utf_16: [(b) => decodeUtf16(b, 0), (b) => readWithBom(b, 2)],
  utf_16_le: [(b) => decodeUtf16(b, -1)],
  utf_16_be: [(b) => decodeUtf16(b, 1)],
  utf_32: [(b) => decodeUtf32(b, 0), (b) => readWithBom(b, 4)],
  utf_32_le: [(b) => decodeUtf32(b, -1)],
  utf_32_be: [(b) => decodeUtf32(b, 1)],
  undefined: [decodeUndefined, readUndefined],
};

// ---------------------------------------------------------------------------
// Lookup

const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries(ALIASES_BY_MODULE).flatMap(([module, names]) =>
    names.split(' ').map((alias): [string, string] => [alias, module]),
  ),
);

const codecCache = new Map<string, PythonCodec>();

/** A lone surrogate: such a string cannot be encoded to UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The codec provided by `encodings.<module>`, or undefined if no such codec module. */
function codecForModule(module: string): PythonCodec | undefined {
  const cached = codecCache.get(module);
  if (cached) return cached;
  if (!Object.hasOwn(CODEC_MODULES, module)) return undefined;
  const [name, text] = CODEC_MODULES[module] as readonly [string, boolean];
  const table = Object.hasOwn(CHARMAP_TABLES, module) ? CHARMAP_TABLES[module] : undefined;
  const decoders = Object.hasOwn(DECODERS, module)
    ? DECODERS[module]
    : table !== undefined
      ? ([charmapDecoder(table)] as const)
      : undefined;
  const codec: PythonCodec =
    decoders && text
      ? { name, module, text, decode: decoders[0], decodeFile: decoders[1] ?? decoders[0] }
      : { name, module, text };
  codecCache.set(module, codec);
  return codec;
}

/**
 * The name `codecs.lookup()` passes to the codec search functions: ASCII
 * letters lowercased, each run of characters other than ASCII letters, digits
 * and `.` replaced by one `_`, leading and trailing runs dropped.
 *
 * Returns undefined for names CPython rejects before any lookup: those with a
 * NUL character (`ValueError: embedded null character`) or a lone surrogate
 * (`UnicodeEncodeError`).
 */
export function normalizeEncodingName(name: string): string | undefined {
  if (name.includes('\0') || LONE_SURROGATE.test(name)) return undefined;
  let out = '';
  let punct = false;
  for (const ch of name) {
    if (/^[A-Za-z0-9.]$/.test(ch)) {
      if (punct && out !== '') out += '_';
      punct = false;
      out += ch.toLowerCase();
    } else {
      punct = true;
    }
  }
  return out;
}

/**
 * `codecs.lookup(name)`: the codec CPython 3.11 (Linux) finds for `name`, or
 * undefined where it raises (`LookupError: unknown encoding`, and the
 * `ValueError`/`UnicodeEncodeError` cases of {@link normalizeEncodingName}).
 */
export function lookupCodec(name: string): PythonCodec | undefined {
  const norm = normalizeEncodingName(name);
  if (norm === undefined) return undefined;
  // encodings.search_function: alias target first, then the name itself; the
  // first that names an importable module wins. (The one importable module
  // that is no codec, `encodings.aliases`, is no alias target, so it can only
  // be reached as the last candidate and "not a codec" equals "not found".)
  const aliased = ALIASES.get(norm) ?? ALIASES.get(norm.replaceAll('.', '_'));
  const candidates = aliased !== undefined ? [aliased, norm] : [norm];
  for (const module of candidates) {
    if (module === '' || module.includes('.')) continue;
    const codec = codecForModule(module);
    if (codec) return codec;
  }
  return undefined;
}

/** `str(LookupError)` for a name `codecs.lookup()` does not know. */
export function unknownEncodingMessage(name: string): string {
  return `unknown encoding: ${name}`;
}

/**
 * `str(LookupError)` raised by `open(path, encoding=name)` when `name` is a
 * codec but not a text encoding (base64, hex, zlib, bz2, rot13, quopri, uu):
 * the name is quoted as given, cut to its first 400 UTF-8 bytes.
 */
export function nonTextEncodingMessage(name: string): string {
  const utf8 = new TextEncoder().encode(name);
  const shown = utf8.length > 400 ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(utf8.subarray(0, 400)) : name;
  return `'${shown}' is not a text encoding; use codecs.open() to handle arbitrary codecs`;
}

/** Outcome of {@link lookupTextEncoding}. */
export type TextEncodingLookup =
  | { readonly ok: true; readonly codec: PythonCodec }
  | {
      readonly ok: false;
      /** CPython exception class raised by `open()`. */
      readonly pythonType: 'LookupError' | 'ValueError' | 'UnicodeEncodeError';
      /** `str(exception)` (approximate for `UnicodeEncodeError`). */
      readonly message: string;
    };

/**
 * The codec `open(path, encoding=name)` (a text-mode `TextIOWrapper`) uses,
 * or the exception it raises before reading. The exact name `'locale'` means
 * the locale encoding (PEP 597), given here as `localeEncoding`.
 */
export function lookupTextEncoding(name: string, localeEncoding = 'utf-8'): TextEncodingLookup {
  if (name.includes('\0')) return { ok: false, pythonType: 'ValueError', message: 'embedded null character' };
  if (LONE_SURROGATE.test(name)) {
    return { ok: false, pythonType: 'UnicodeEncodeError', message: "'utf-8' codec can't encode characters: surrogates not allowed" };
  }
  const effective = name === 'locale' ? localeEncoding : name;
  const codec = lookupCodec(effective);
  if (!codec) return { ok: false, pythonType: 'LookupError', message: unknownEncodingMessage(effective) };
  if (!codec.text) return { ok: false, pythonType: 'LookupError', message: nonTextEncodingMessage(effective) };
  return { ok: true, codec };
}
