/**
 * How Sphinx's `ModuleAnalyzer` reads a file for `:pyobject:`: it opens it
 * with `tokenize.open` (PEP 263: a BOM or a coding cookie picks the
 * encoding, UTF-8 otherwise, universal newlines), then parses it with
 * `ast.parse`; only a file that parses gets its definitions tagged.
 */
import { lookupCodec, nonTextEncodingMessage, PythonDecodeError } from '../python/codecs.js';
import { detectSourceEncoding, findTagsOrError, type PyTag } from '../python/find-tags.js';
import { checkPythonSyntax } from '../python/pysyntax.js';
import { pyBytesRepr, pyRepr, universalNewlines } from '../python/str.js';

export type AnalysedSource =
  | { ok: true; source: string; tags: Map<string, PyTag> }
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
  if (codec && !codec.text) {
    return { ok: false, stage: 'open', detail: `LookupError(${pyRepr(nonTextEncodingMessage(detected.encoding))})` };
  }
  let source: string;
  try {
    if (!codec?.decodeFile) throw new PythonDecodeError(`docsnip cannot decode ${detected.encoding}`);
    source = codec.decodeFile(bytes.subarray(detected.bomLength));
  } catch (e) {
    if (!(e instanceof PythonDecodeError)) throw e;
    // TextIOWrapper decodes the whole file at once, so the exception holds every byte.
    const detail =
      e.pythonType === 'UnicodeDecodeError' && e.start !== undefined && e.end !== undefined
        ? `UnicodeDecodeError(${pyRepr(e.encoding)}, ${pyBytesRepr(bytes.subarray(detected.bomLength))}, ${e.start}, ${e.end}, ${pyRepr(e.reason)})`
        : `UnicodeError(${pyRepr(e.message)})`;
    return { ok: false, stage: 'open', detail };
  }
  source = universalNewlines(source);
  const error = checkPythonSyntax(source);
  if (error) return { ok: false, stage: 'parse', detail: error.message };
  // Sphinx's definition finder fails on some valid files; it reports that as a parse failure.
  const found = findTagsOrError(source);
  if ('error' in found) return { ok: false, stage: 'parse', detail: found.error.repr };
  return { ok: true, source, tags: found.tags };
}
