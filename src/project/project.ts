/**
 * A Sphinx project as docsnip sees it: the source directory, its pages and
 * fragments, and which pages a run checks.
 *
 * Pages and fragments are told apart the way they are used: a file that
 * another document pulls in with `.. include::` is a fragment and is checked
 * through every page that includes it (its literalincludes resolve relative
 * to that page), never on its own. `exclude_patterns` from `conf.py` (when it
 * is a plain list) and extra exclude patterns apply as in Sphinx.
 */
import { posix } from 'node:path';
import type { FileSystem } from '../core/fs.js';
import { Matcher } from './matcher.js';
import { analysePage, decodeText, ReadCache, type PageResult } from './page.js';
import { parseSphinxConf, type SphinxConf } from './sphinx-conf.js';
import type { SphinxFlavor } from '../resolver/literalinclude.js';

/** Suffixes of documents: reStructuredText, and MyST Markdown. */
export const DOC_SUFFIXES = ['.rst', '.md'] as const;

export interface ProjectOptions {
  fs: FileSystem;
  /** Sphinx source directory (absolute). */
  root: string;
  /**
   * What to check: absolute paths of files and directories. Directories
   * expand to their documents. Omitted: the whole source directory.
   */
  paths?: readonly string[];
  /** More exclude patterns, Sphinx syntax, relative to the root. */
  exclude?: readonly string[];
  /** Patterns from the configuration file, relative to its directory. */
  ignore?: { base: string; patterns: readonly string[] };
  /** Leave out files git ignores when expanding directories (default true). */
  gitignore?: boolean;
  flavor?: SphinxFlavor;
  /** Read MyST options as MyST-Parser 0.18 did. */
  mystLegacy?: boolean;
}

export interface Project {
  root: string;
  /** `conf.py` (absolute) when the root has one. */
  confPath: string | null;
  conf: SphinxConf | null;
  /** Every document found under the root (absolute, sorted), fragments included. */
  documents: string[];
  /** Fragments: files some document includes (absolute). */
  fragments: Set<string>;
  /** The pages this run checks, sorted, each analysed. */
  pages: PageResult[];
  /** Every document analysed in this run (the checked pages, the other pages, fragments read as pages). */
  analysed: PageResult[];
  /** The directories the run covers: the selected ones, or the root when nothing was selected. */
  scope: string[];
  /** Is this path left out by exclude patterns or the configuration's ignore list? */
  isIgnored(path: string): boolean;
  /** Selected paths that do not exist. */
  missing: string[];
  /** The read cache of the run (every file read once). */
  cache: ReadCache;
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

export function loadProject(opts: ProjectOptions): Project {
  const { fs, root } = opts;
  const cache = new ReadCache(fs);
  const confPath = posix.join(root, 'conf.py');
  let conf: SphinxConf | null = null;
  const confRead = cache.read(confPath);
  if (confRead.kind === 'file') {
    const decoded = decodeText(confRead.bytes, 'utf-8-sig');
    if ('text' in decoded) conf = parseSphinxConf(decoded.text);
  }
  const matcher = new Matcher([...(conf?.excludePatterns ?? []), ...(opts.exclude ?? [])]);
  const gitignore = opts.gitignore ?? true;
  const ignoreMatcher = opts.ignore ? new Matcher(opts.ignore.patterns) : null;
  const excluded = (p: string): boolean =>
    (isUnder(p, root) && matcher.excludes(posix.relative(root, p))) ||
    (ignoreMatcher !== null && isUnder(p, opts.ignore!.base) && ignoreMatcher.excludes(posix.relative(opts.ignore!.base, p)));
  // A Sphinx project reads Markdown only when it loads MyST.
  const suffixes: readonly string[] = conf !== null && !conf.usesMyst ? ['.rst'] : DOC_SUFFIXES;
  const hasSuffix = (p: string): boolean => suffixes.some((s) => p.endsWith(s));

  const missing: string[] = [];
  const selected = new Set<string>();
  const scope: string[] = [];
  if (opts.paths) {
    for (const p of opts.paths) {
      const kind = fs.stat(p);
      if (kind === 'directory') {
        scope.push(p);
        for (const f of fs.walk(p, suffixes, { gitignore })) if (!excluded(f)) selected.add(f);
      } else if (kind === 'file') {
        selected.add(p);
      } else {
        missing.push(p);
      }
    }
  }
  // Documents of the project: the whole source tree when it is a Sphinx
  // project (conf.py found), otherwise only what was selected.
  const documents = new Set<string>();
  if (conf !== null || !opts.paths) {
    for (const f of fs.walk(root, suffixes, { gitignore })) if (!excluded(f)) documents.add(f);
  }
  for (const f of selected) if (hasSuffix(f) || documents.size === 0) documents.add(f);
  if (!opts.paths) {
    for (const f of documents) selected.add(f);
    scope.push(root);
  }

  const pageOptions = {
    fs,
    root,
    flavor: opts.flavor,
    cache,
    sourceEncoding: conf?.sourceEncoding ?? undefined,
    mystLegacy: opts.mystLegacy,
  };
  const analysed = new Map<string, PageResult>();
  const analyse = (doc: string): PageResult => {
    let r = analysed.get(doc);
    if (!r) {
      r = analysePage(doc, pageOptions);
      analysed.set(doc, r);
    }
    return r;
  };
  const fragments = new Set<string>();
  for (const doc of [...documents].sort()) for (const f of analyse(doc).included) fragments.add(f);
  for (const doc of selected) if (!documents.has(doc)) for (const f of analyse(doc).included) fragments.add(f);

  const checked = new Set<string>();
  for (const doc of selected) if (!fragments.has(doc)) checked.add(doc);
  const selectedFragments = [...selected].filter((d) => fragments.has(d));
  if (selectedFragments.length > 0) {
    for (const doc of documents) {
      if (fragments.has(doc)) continue;
      const page = analyse(doc);
      if (selectedFragments.some((f) => page.included.has(f))) checked.add(doc);
    }
  }
  const pages = [...checked].sort().map(analyse);
  return {
    root,
    confPath: confRead.kind === 'file' ? confPath : null,
    conf,
    documents: [...documents].sort(),
    fragments,
    pages,
    analysed: [...analysed.values()],
    scope,
    isIgnored: excluded,
    missing,
    cache,
  };
}
