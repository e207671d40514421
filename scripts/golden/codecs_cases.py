#!/usr/bin/env python3
"""Golden data for src/python/codecs.ts, produced by CPython's codecs.

Run from the repository root:  python3 scripts/golden/codecs_cases.py
It writes test/python/golden/codecs.json. The output depends only on the
fixed seed below and the Python installation (version recorded in the file).

- "lookups": encoding names (valid, aliased, odd spellings, unknown) with what
  codecs.lookup() returns (name, text flag) or raises, and what
  open(path, encoding=name) raises, if anything.
- "decodes": byte strings (hex) with what a text file of those bytes reads as
  (TextIOWrapper(..., errors='strict', newline='').read()) or the exception
  raised, and, where it differs, what bytes.decode() gives ("bytesDecode").
"""
import codecs
import encodings
import encodings.aliases
import importlib
import io
import json
import locale
import pkgutil
import random
import sys
from pathlib import Path

SEED = 31337
EMPTY_FILE = "/dev/null"


# --------------------------------------------------------------------------
# lookups

def codec_modules():
    mods = []
    for info in sorted(pkgutil.iter_modules(encodings.__path__), key=lambda m: m.name):
        mods.append(info.name)
    return mods


def lookup_result(name):
    result = {"input": name}
    try:
        info = codecs.lookup(name)
    except LookupError as exc:
        result["error"] = "LookupError"
        result["message"] = str(exc)
    except (ValueError, UnicodeError) as exc:
        result["error"] = type(exc).__name__
    else:
        result["name"] = info.name
        result["text"] = info._is_text_encoding
        # The module that provides it: its incremental decoder class lives there.
        result["module"] = info.incrementaldecoder.__module__.removeprefix("encodings.")
    try:
        with open(EMPTY_FILE, encoding=name, errors="strict"):
            pass
    except LookupError as exc:
        result["openError"] = str(exc)
    except (ValueError, UnicodeError) as exc:
        result["openError"] = type(exc).__name__
    return result


def spellings(rng, name):
    """Ways of writing a codec name that CPython may or may not accept."""
    variants = {
        name,
        name.upper(),
        name.replace("_", "-"),
        name.replace("_", " "),
        name.replace("_", "."),
        name.replace("_", ""),
        name.replace("-", "_"),
        " " + name + " ",
        "--" + name + "__",
        name.title(),
    }
    chars = list(name)
    if chars:
        pos = rng.randrange(len(chars) + 1)
        chars.insert(pos, rng.choice(["-", "_", " ", ".", "/", "\u00e9", "+", "\t", "--", "\u00a0"]))
        variants.add("".join(chars))
    mixed = "".join(c.upper() if rng.random() < 0.5 else c for c in name)
    variants.add(mixed)
    return sorted(variants)


def lookup_cases(rng):
    names = set()
    modules = codec_modules()
    for mod in modules:
        names.add(mod)
        try:
            names.add(codecs.lookup(mod).name)
        except LookupError:
            pass
    aliases = sorted(encodings.aliases.aliases)
    names.update(aliases)
    # Odd spellings of a sample of the known names.
    known = sorted(names)
    for name in rng.sample(known, 120):
        names.update(spellings(rng, name))
    for name in ["utf_8", "utf-8", "latin_1", "ascii", "cp1252", "utf_8_sig", "utf_16", "base64_codec"]:
        names.update(spellings(rng, name))
    names.update([
        "", " ", "-", "_", ".", "..", "utf.8", "utf..8", "UTF-8 ", " utf8", "utf_8_", "__utf8__",
        "UTF8", "utf_8", "U8", "u8", "UTF", "utf", "cp65001", "CP65001", "latin1", "Latin-1",
        "LATIN1", "latin", "l1", "iso8859_1", "iso-8859-1", "ISO_8859-1", "iso8859.1",
        "iso.8859.1", "iso_8859_1:1987", "8859", "latin.1", "latin_1.", "utf\u00e98",
        "\uff35\uff34\uff26\uff18", "utf\u06608", "utf\u00b28", "aliases", "encodings", "__init__",
        "init", "mbcs", "oem", "dbcs", "ansi", "locale", "tactis", "tis_620", "tis620",
        "base64", "base-64", "BASE64", "base_64", "rot13", "rot_13", "rot-13", "ROT13", "hex",
        "hex_codec", "zlib", "zip", "bz2", "bz2_codec", "quopri", "quotedprintable",
        "quoted-printable", "quoted_printable", "uu", "uu_codec", "undefined", "charmap",
        "unicode_escape", "unicode-escape", "raw_unicode_escape", "idna", "punycode",
        "utf-7", "utf7", "u7", "unicode-1-1-utf-7", "utf-16", "UTF16", "u16", "utf-16le",
        "utf_16le", "utf-16-le", "UTF-16BE", "utf_32", "utf32", "u32", "utf-32-be", "utf-32le",
        "utf-8-sig", "utf8-sig", "UTF_8_SIG", "utf8sig", "windows-1252", "windows1252",
        "cp-1252", "1252", "x-mac-roman", "macroman", "mac-roman", "mac_roman", "macintosh",
        "koi8-r", "KOI8_R", "koi8r", "koi8-u", "cp437", "IBM437", "437", "cp850", "850",
        "ibm-850", "shift_jis", "Shift-JIS", "sjis", "s_jis", "cp932", "ms932", "euc-jp",
        "eucjp", "gbk", "GB2312", "gb18030", "big5", "big5-tw", "euc-kr", "euckr", "ks_c-5601",
        "ascii", "us-ascii", "US_ASCII", "646", "iso646-us", "ansi_x3.4_1968",
        "ansi.x3.4.1968", "utf8_ucs2", "utf8_ucs4", "utf8-ucs4", "nonexistent", "x", "\t",
        "utf\n8", "utf\x008", "utf-8\x00", "utf\ud8008", "utf-8\udc80",
        "-" * 500 + "base64", "\ufeff" + "-" * 500 + "base64", "\u00e9" * 250 + "-hex", "z" * 300, "rot13" + " " * 300,
    ])
    cases = [lookup_result(n) for n in sorted(names)]
    # Random junk names: most are unknown, a few hit something.
    alphabet = "abcdefilmnorstuxz0123456789-_. "
    for _ in range(60):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        if name not in names:
            names.add(name)
            cases.append(lookup_result(name))
    return cases


# --------------------------------------------------------------------------
# decodes

def read_as_text(data, encoding):
    """What a file with these bytes reads as, or the exception."""
    try:
        return {"text": io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="strict", newline="").read()}
    except UnicodeError as exc:
        out = {"error": type(exc).__name__, "message": str(exc)}
        if isinstance(exc, UnicodeDecodeError):
            out.update(encoding=exc.encoding, reason=exc.reason, start=exc.start, end=exc.end)
        return out


def bytes_decode(data, encoding):
    """What bytes.decode(encoding, 'strict') returns, or the exception."""
    try:
        return {"text": data.decode(encoding, "strict")}
    except UnicodeError as exc:
        out = {"error": type(exc).__name__, "message": str(exc)}
        if isinstance(exc, UnicodeDecodeError):
            out.update(encoding=exc.encoding, reason=exc.reason, start=exc.start, end=exc.end)
        return out


def decode_case(tag, encoding, data):
    """File semantics at the top level; "bytesDecode" only where bytes.decode differs."""
    result = read_as_text(data, encoding)
    case = {"tag": tag, "codec": encoding, "hex": data.hex(), **result}
    direct = bytes_decode(data, encoding)
    if direct != result:
        case["bytesDecode"] = direct
    return case


SAMPLE_TEXTS = [
    "", "hello\n", "line one\r\nline two\r\n", "caf\u00e9 na\u00efve \u00fcber\n", "\u00a0\u00ff\u00d7",
    "\u20ac 5 \u2014 \u201cquoted\u201d \u2026", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440\n",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8", "\U0001F600 \U0001F4A9 \U00010348", "\u2500\u2502\u250c\u2510",
    "\u0141\u00f3d\u017a \u017b\u00f3\u0142w", "\ufeffstarts with BOM", "x\u0000y\u007f\u0080\u009f",
    "\ud7ff\ue000\ufffd\uffff\U0010ffff", "tab\tand\x0bvt\x0cff\x1c\x1d\x1e\x85\u2028\u2029",
]

UTF8_INVALID = [
    "80", "bf", "c0 80", "c1 bf", "c2", "c2 41", "c2 c2 80", "e0 80 80", "e0 9f bf", "e0 a0", "e0 a0 41",
    "e2 82", "e2 82 41", "e2 41 ac", "ed a0 80", "ed bf bf", "ed 9f bf", "ee 80", "f0 80 80 80",
    "f0 8f bf bf", "f0 90", "f0 90 80", "f0 90 80 41", "f0 9f 98", "f4 90 80 80", "f4 8f bf bf",
    "f5 80 80 80", "f8 88 80 80 80", "fc 84 80 80 80 80", "fe", "ff", "41 42 e9 43", "61 62 63 e9",
    "ef bb bf ef bb bf", "ef bb bf ff", "ef bb", "ef bb bf", "e9 74 e9", "c3 a9 c3",
]


def hexbytes(spec):
    return bytes.fromhex(spec.replace(" ", ""))


def decode_cases(rng):
    cases = []
    unicode_codecs = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                      "utf-32", "utf-32-le", "utf-32-be"]
    # Valid text, encoded by CPython itself (with and without BOMs).
    for enc in unicode_codecs + ["ascii", "latin-1", "cp1252", "iso8859-15", "koi8-r", "mac-roman",
                                 "cp437", "cp850", "cp1251", "iso8859-2", "charmap"]:
        for text in SAMPLE_TEXTS:
            try:
                data = text.encode(enc)
            except UnicodeEncodeError:
                continue
            cases.append(decode_case("valid", enc, data))
    # Each kind of invalid UTF-8, also behind a BOM for utf-8-sig.
    for spec in UTF8_INVALID:
        data = hexbytes(spec)
        cases.append(decode_case("utf8-invalid", "utf-8", data))
        cases.append(decode_case("utf8-invalid", "utf-8", b"ok " + data + b" ok"))
        cases.append(decode_case("utf8-invalid", "utf-8-sig", b"\xef\xbb\xbf" + data))
    # BOM handling and UTF-16/32 errors.
    u16 = [
        "", "ff fe", "fe ff", "ff fe ff fe", "fe ff fe ff", "ff fe 41 00", "fe ff 00 41", "41 00",
        "00 41", "41", "ff", "ff fe 41", "41 00 42", "00 d8", "00 d8 00 dc", "00 dc", "00 d8 41 00",
        "00 d8 41", "3d d8 00 de", "ff fe 3d d8 00 de", "fe ff d8 3d de 00", "d8 3d de 00",
        "ff fe 00 dc", "fe ff dc 00", "fe ff d8 00", "fe ff d8 00 00", "41 00 00 d8 00 d8 00 dc",
        "ff fe 00 d8", "41 00 00 dc",
    ]
    for spec in u16:
        for enc in ("utf-16", "utf-16-le", "utf-16-be"):
            cases.append(decode_case("utf16", enc, hexbytes(spec)))
    u32 = [
        "", "ff fe 00 00", "00 00 fe ff", "ff fe 00 00 41 00 00 00", "00 00 fe ff 00 00 00 41",
        "41 00 00 00", "00 00 00 41", "41 00 00", "41", "ff fe", "ff fe 00", "00 d8 00 00",
        "00 00 d8 00", "ff ff 10 00", "00 00 11 00", "00 11 00 00", "ff ff ff ff", "00 00 00 80",
        "ff fe 00 00 00 00 11 00", "00 00 fe ff 00 00 d8 00", "41 00 00 00 42 00 00",
        "00 f6 01 00", "00 01 f6 00", "ff fe 00 00 ff fe 00 00",
    ]
    for spec in u32:
        for enc in ("utf-32", "utf-32-le", "utf-32-be"):
            cases.append(decode_case("utf32", enc, hexbytes(spec)))
    # ascii / latin-1 / cp1252 specifics.
    for spec in ["", "41 7f", "41 80", "ff", "00 7f 80 ff"]:
        for enc in ("ascii", "latin-1", "cp1252", "charmap"):
            cases.append(decode_case("8bit", enc, hexbytes(spec)))
    for spec in ["", "41", "ef bb bf 41"]:
        cases.append(decode_case("undefined", "undefined", hexbytes(spec)))
    for spec in ["", "ef", "ef bb", "ef bb bf", "ef 41", "ef bb 41", "ef bf", "bb bf", "ef bb bf ef bb"]:
        cases.append(decode_case("utf8sig", "utf-8-sig", hexbytes(spec)))
    # Every charmap codec: all 256 bytes, and all of its defined bytes.
    for mod in codec_modules():
        try:
            table = getattr(importlib.import_module("encodings." + mod), "decoding_table", None)
        except ImportError:
            continue
        if not isinstance(table, str):
            continue
        everything = bytes(range(256))
        cases.append(decode_case("charmap-all", mod, everything))
        defined = bytes(b for b in range(256) if table[b] != "\ufffe")
        if defined != everything:
            cases.append(decode_case("charmap-defined", mod, defined))
    # Random bytes, biased towards non-ASCII and towards valid UTF-8 structure.
    random_codecs = unicode_codecs + ["ascii", "latin-1", "cp1252", "cp1250", "cp1253", "cp1255",
                                      "iso8859-3", "iso8859-7", "koi8-u", "mac-roman", "cp437",
                                      "cp850", "cp037", "cp874", "mac-arabic"]
    pieces = [b"a", b"\n", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xef\xbb\xbf",
              b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x00\x00", b"\xd8", b"\xdc", b"\xed\xa0\x80",
              b"\x80", b"\xc0", b"\xf4\x90"]
    for idx in range(260):
        enc = random_codecs[idx % len(random_codecs)]
        if rng.random() < 0.5:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 12)))
        else:
            data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        cases.append(decode_case("random", enc, data))
    return cases


def main():
    rng = random.Random(SEED)
    data = {
        "generator": "scripts/golden/codecs_cases.py",
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "localeEncoding": locale.getencoding(),
        "lookups": lookup_cases(rng),
        "decodes": decode_cases(rng),
    }
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("test/python/golden/codecs.json")
    # ensure_ascii: some names hold lone surrogates, which UTF-8 cannot carry.
    target.write_text(json.dumps(data, ensure_ascii=True, indent=None, separators=(",", ":")) + "\n",
                      encoding="ascii")
    print(f"wrote {len(data['lookups'])} lookups and {len(data['decodes'])} decodes to {target}")


if __name__ == "__main__":
    main()
