/**
 * How Sphinx's `ModuleAnalyzer` reads a file for `:pyobject:`: it opens it
 * with `tokenize.open` (PEP 263: a BOM or a coding cookie picks the
 * encoding, UTF-8 otherwise, universal newlines), then parses it with
 * `ast.parse`; only a file that parses gets its definitions tagged.
 */
import { lookupCodec, PythonDecodeError } from '../python/codecs.js';
import { detectSourceEncoding } from '../python/find-tags.js';
import { checkPythonSyntax } from '../python/pysyntax.js';
import { universalNewlines } from '../python/str.js';

export type AnalysedSource =
  | { ok: true; source: string }
  | {
      ok: false;
      /** `open`: the file could not be decoded; `parse`: it is not valid Python. */
      stage: 'open' | 'parse';
      /** Python's `repr()` of the exception, as Sphinx prints it. */
      detail: string;
    };

/** `path` is the absolute path, which CPython puts in its encoding errors. */
export function analysePythonSource(bytes: Uint8Array, path?: string): AnalysedSource {
  const detected = detectSourceEncoding(bytes, path);
  if ('error' in detected) return { ok: false, stage: 'open', detail: detected.error };
  const codec = lookupCodec(detected.encoding);
  let source: string;
  try {
    if (!codec?.decodeFile) throw new PythonDecodeError(`unknown encoding: ${detected.encoding}`);
    source = codec.decodeFile(bytes.subarray(detected.bomLength));
  } catch (e) {
    if (!(e instanceof PythonDecodeError)) throw e;
    return { ok: false, stage: 'open', detail: `SyntaxError(${JSON.stringify(e.message)})` };
  }
  source = universalNewlines(source);
  const error = checkPythonSyntax(source);
  if (error) return { ok: false, stage: 'parse', detail: error.message };
  return { ok: true, source };
}
