import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PythonDecodeError,
  lookupCodec,
  lookupTextEncoding,
  normalizeEncodingName,
  nonTextEncodingMessage,
  unknownEncodingMessage,
} from '../../src/python/codecs.js';
import type { PythonCodec } from '../../src/python/codecs.js';

/** See scripts/golden/codecs_cases.py for how these are produced. */
interface LookupCase {
  input: string;
  name?: string;
  text?: boolean;
  module?: string;
  error?: 'LookupError' | 'ValueError' | 'UnicodeEncodeError';
  message?: string;
  openError?: string;
}

interface DecodeOutcome {
  text?: string;
  error?: 'UnicodeDecodeError' | 'UnicodeError';
  message?: string;
  encoding?: string;
  reason?: string;
  start?: number;
  end?: number;
}

interface DecodeCase extends DecodeOutcome {
  tag: string;
  /** the codec name decoded with (`encoding` is the one named by the error) */
  codec: string;
  hex: string;
  bytesDecode?: DecodeOutcome;
}

interface GoldenFile {
  python: string;
  localeEncoding: string;
  lookups: LookupCase[];
  decodes: DecodeCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/codecs.json', import.meta.url), 'utf8'),
) as GoldenFile;

/** Runs a decoder and reports the outcome in the golden file's shape. */
function outcome(decode: (bytes: Uint8Array) => string, bytes: Uint8Array): DecodeOutcome {
  try {
    return { text: decode(bytes) };
  } catch (err) {
    if (!(err instanceof PythonDecodeError)) throw err;
    const out: DecodeOutcome = { error: err.pythonType, message: err.message };
    if (err.pythonType === 'UnicodeDecodeError') {
      Object.assign(out, { encoding: err.encoding, reason: err.reason, start: err.start, end: err.end });
    }
    return out;
  }
}

function expected(c: DecodeOutcome): DecodeOutcome {
  const { text, error, message, encoding, reason, start, end } = c;
  if (text !== undefined) return { text };
  if (error === 'UnicodeError') return { error, message };
  return { error, message, encoding, reason, start, end };
}

function codecOf(name: string): PythonCodec {
  const codec = lookupCodec(name);
  if (!codec) throw new Error(`no codec ${name}`);
  return codec;
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('golden data', () => {
  it('covers valid, aliased, odd and unknown names and every kind of decode', () => {
    expect(golden.lookups.length).toBeGreaterThan(500);
    expect(golden.lookups.filter((c) => c.name === undefined).length).toBeGreaterThan(100);
    expect(golden.lookups.filter((c) => c.text === false).length).toBeGreaterThan(20);
    expect(golden.decodes.length).toBeGreaterThan(500);
    expect(golden.decodes.filter((c) => c.error === 'UnicodeDecodeError').length).toBeGreaterThan(150);
    expect(golden.decodes.filter((c) => c.bytesDecode !== undefined).length).toBeGreaterThan(5);
  });
});

describe(`codecs.lookup, CPython ${golden.python}`, () => {
  it.each(golden.lookups)('lookup($input)', (c) => {
    const codec = lookupCodec(c.input);
    if (c.name !== undefined) {
      expect(codec && { name: codec.name, text: codec.text, module: codec.module }).toEqual({
        name: c.name,
        text: c.text,
        module: c.module,
      });
    } else {
      expect(codec).toBeUndefined();
      if (c.error === 'LookupError') expect(unknownEncodingMessage(c.input)).toBe(c.message);
    }
  });

  it.each(golden.lookups)('open(encoding=$input)', (c) => {
    const result = lookupTextEncoding(c.input, golden.localeEncoding);
    if (c.openError === undefined) {
      expect(result.ok).toBe(true);
    } else if (c.openError === 'ValueError' || c.openError === 'UnicodeEncodeError') {
      expect(result).toMatchObject({ ok: false, pythonType: c.openError });
    } else {
      expect(result).toEqual({ ok: false, pythonType: 'LookupError', message: c.openError });
    }
  });
});

describe(`decoding, CPython ${golden.python}`, () => {
  it.each(golden.decodes)('$tag: $codec $hex', (c) => {
    const codec = codecOf(c.codec);
    const bytes = hexBytes(c.hex);
    expect(codec.decodeFile, 'decodeFile').toBeDefined();
    expect(codec.decode, 'decode').toBeDefined();
    expect(outcome(codec.decodeFile as (b: Uint8Array) => string, bytes)).toEqual(expected(c));
    expect(outcome(codec.decode as (b: Uint8Array) => string, bytes)).toEqual(expected(c.bytesDecode ?? c));
  });
});

describe('lookupCodec', () => {
  it('resolves the spellings from the brief to one canonical name', () => {
    for (const name of ['UTF8', 'utf_8', 'U8', 'utf-8', ' utf-8 ', 'cp65001', 'UTF', 'utf8_ucs4']) {
      expect(lookupCodec(name)?.name).toBe('utf-8');
    }
    for (const name of ['latin1', 'Latin-1', 'L1', 'iso-8859-1', 'ISO8859-1', 'iso_8859_1']) {
      expect(lookupCodec(name)?.name).toBe('iso8859-1');
    }
    // The alias wins over the module of the same name.
    expect(lookupCodec('iso8859_1')).toMatchObject({ name: 'iso8859-1', module: 'latin_1' });
    expect(lookupCodec('iso8859-15')).toMatchObject({ name: 'iso8859-15', module: 'iso8859_15' });
    expect(lookupCodec('latin1')).toMatchObject({ name: 'iso8859-1', module: 'latin_1' });
  });

  it('rejects what CPython rejects', () => {
    for (const name of ['', ' ', '.', 'latin.1', 'utf.8', 'aliases', 'mbcs', 'oem', 'tactis', 'locale', 'utf-8\0']) {
      expect(lookupCodec(name), JSON.stringify(name)).toBeUndefined();
    }
  });

  it('marks bytes-to-bytes codecs as non-text, without decoders', () => {
    for (const [input, name] of [
      ['base64', 'base64'],
      ['hex', 'hex'],
      ['zip', 'zlib'],
      ['bz2', 'bz2'],
      ['rot13', 'rot-13'],
      ['quopri', 'quopri'],
      ['uu', 'uu'],
    ] as const) {
      const codec = lookupCodec(input);
      expect(codec).toEqual({ name, module: expect.any(String), text: false });
    }
  });

  it('knows the East Asian codecs but does not decode them', () => {
    for (const name of ['shift_jis', 'cp932', 'euc-jp', 'gbk', 'gb2312', 'gb18030', 'big5', 'euc-kr', 'utf-7', 'idna']) {
      const codec = codecOf(name);
      expect(codec.text).toBe(true);
      expect(codec.decode).toBeUndefined();
      expect(codec.decodeFile).toBeUndefined();
    }
  });

  it('normalises names like codecs.lookup', () => {
    expect(normalizeEncodingName('  UTF--8 ')).toBe('utf_8');
    expect(normalizeEncodingName('ISO.8859/1')).toBe('iso.8859_1');
    expect(normalizeEncodingName('utf\u00e98')).toBe('utf_8');
    expect(normalizeEncodingName('')).toBe('');
    expect(normalizeEncodingName('a\0b')).toBeUndefined();
    expect(normalizeEncodingName('a\ud800')).toBeUndefined();
  });
});

describe('open() errors', () => {
  it('quotes a non-text codec as the user spelled it', () => {
    expect(lookupTextEncoding('BASE-64')).toEqual({
      ok: false,
      pythonType: 'LookupError',
      message: "'BASE-64' is not a text encoding; use codecs.open() to handle arbitrary codecs",
    });
    expect(lookupTextEncoding('nope')).toEqual({ ok: false, pythonType: 'LookupError', message: 'unknown encoding: nope' });
  });

  it('cuts the quoted name to 400 UTF-8 bytes', () => {
    const message = nonTextEncodingMessage('\u00e9'.repeat(250) + 'hex');
    expect(message).toBe(`'${'\u00e9'.repeat(200)}' is not a text encoding; use codecs.open() to handle arbitrary codecs`);
  });

  it("uses the locale encoding for 'locale'", () => {
    expect(lookupTextEncoding('locale', 'cp1252')).toMatchObject({ ok: true, codec: { name: 'cp1252' } });
  });
});

describe('decoding differs from TextDecoder where CPython does', () => {
  it('ascii is strict 7-bit and latin-1 is the identity', () => {
    expect(() => codecOf('ascii').decode?.(Uint8Array.of(0x41, 0x80))).toThrow(
      "'ascii' codec can't decode byte 0x80 in position 1: ordinal not in range(128)",
    );
    expect(codecOf('latin-1').decode?.(Uint8Array.of(0x80, 0x9f, 0xff))).toBe('\u0080\u009f\u00ff');
  });

  it('cp1252 rejects its undefined bytes', () => {
    expect(() => codecOf('windows-1252').decodeFile?.(Uint8Array.of(0x61, 0x81))).toThrow(
      "'charmap' codec can't decode byte 0x81 in position 1: character maps to <undefined>",
    );
    expect(codecOf('cp1252').decode?.(Uint8Array.of(0x80, 0x9f))).toBe('\u20ac\u0178');
  });

  it('utf-8 rejects overlongs, surrogates, code points above U+10FFFF and truncation', () => {
    const utf8 = codecOf('utf-8');
    for (const bytes of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      expect(() => utf8.decode?.(Uint8Array.from(bytes))).toThrow(PythonDecodeError);
    }
    expect(utf8.decode?.(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
    expect(codecOf('utf-8-sig').decode?.(Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf))).toBe('\ufeff');
  });

  it('utf-16 files need a BOM; bytes.decode assumes little-endian', () => {
    const utf16 = codecOf('utf-16');
    expect(utf16.decode?.(Uint8Array.of(0x41, 0))).toBe('A');
    expect(() => utf16.decodeFile?.(Uint8Array.of(0x41, 0))).toThrow('UTF-16 stream does not start with BOM');
    expect(utf16.decodeFile?.(Uint8Array.of(0xfe, 0xff, 0, 0x41))).toBe('A');
  });

  it('builds errors from a bare message too', () => {
    const err = new PythonDecodeError('boom');
    expect([err.message, err.pythonType, err.reason, err.start]).toEqual(['boom', 'UnicodeError', 'boom', undefined]);
    expect(err).toBeInstanceOf(Error);
  });

  it('decodes long inputs', () => {
    const text = 'h\u00e9llo \u{1f600} '.repeat(20000);
    const bytes = new TextEncoder().encode(text);
    expect(codecOf('utf-8').decode?.(bytes)).toBe(text);
  });
});
