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
import { decodeText, ReadCache, type Confinement, type PageOptions, type PageResult } from './page.js';
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
  /**
   * Read nothing outside this directory (the repository): an include or
   * literalinclude that leads out of it, by `..` or by a symbolic link, is
   * reported and not read. Omitted: no limit.
   */
  confine?: Confinement;
  /** Do not read files larger than this many bytes (default 64 MiB). */
  maxFileSize?: number;
  /**
   * Check only the pages these files affect (absolute paths; files that no
   * longer exist count too): the pages themselves, and pages that include
   * them, directly or through fragments, or show them with literalinclude.
   * Ignores `paths`. A change to `conf.py` affects every page.
   */
  changed?: readonly string[];
  /**
   * With `paths` that name only files (64 or fewer): analyse every document
   * of the tree, not only the selected ones and those that may include them
   * (found by the names they write, as for `changed`). Slower; the same
   * findings unless a document includes a selected one under a name it does
   * not write (a path split across lines).
   */
  everyDocument?: boolean;
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
  /** The pages this run checks, sorted, each analysed. Empty when the run does not keep its pages. */
  pages: PageResult[];
  /**
   * Every document analysed in this run (the checked pages, the other pages,
   * fragments read as pages). Empty when the run does not keep its pages.
   */
  analysed: PageResult[];
  /** The directories the run covers: the selected ones, or the root when nothing was selected. */
  scope: string[];
  /** Is this path left out by exclude patterns or the configuration's ignore list? */
  isIgnored(path: string): boolean;
  /** Selected paths that do not exist. */
  missing: string[];
  /** The read cache of the run (every file read once). */
  cache: ReadCache;
  /** With `changed`: the changed files that are not documents (marker files to check), and how many documents were read to find the affected pages. */
  changed: { others: string[]; candidates: number } | null;
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : dir + '/');
}

/**
 * What a run reads, decided before any document is analysed: the documents
 * of the project, the ones selected, and the order to analyse them in.
 * Analysing them (`analysePage` with `pageOptions`) and then `finishPlan`
 * with what each one includes gives the pages to check. A run can drop each
 * analysed page once it has taken what it needs from it.
 */
export interface ProjectPlan {
  root: string;
  confPath: string | null;
  conf: SphinxConf | null;
  /** Every document found under the root (absolute, sorted), fragments included. */
  documents: string[];
  scope: string[];
  isIgnored(path: string): boolean;
  missing: string[];
  cache: ReadCache;
  pageOptions: PageOptions;
  /** The documents to analyse, in this order. */
  analyse: string[];
  /**
   * May this analysed document be a checked page? (Fragments are known only
   * once every document is analysed, so a fragment can answer yes here.)
   */
  mayCheck(page: PageResult): boolean;
  /** The documents selected to check (null with `changed`, where `mayCheck` decides). */
  selected: ReadonlySet<string> | null;
  changed: { others: string[]; candidates: number } | null;
}

/** What a plan needs to know of each analysed document. */
export interface AnalysedFacts {
  included: ReadonlySet<string>;
  /** `mayCheck`'s answer. */
  mayCheck: boolean;
}

/** The configuration part of a plan: `conf.py`, the exclude patterns, how pages are read. */
function planBase(opts: ProjectOptions) {
  const { fs, root } = opts;
  const cache = new ReadCache(fs, opts.confine, opts.maxFileSize);
  const confPath = posix.join(root, 'conf.py');
  let conf: SphinxConf | null = null;
  const confRead = cache.read(confPath);
  if (confRead.kind === 'file') {
    const decoded = decodeText(confRead.bytes, 'utf-8-sig');
    if ('text' in decoded) conf = parseSphinxConf(decoded.text);
  }
  const matcher = new Matcher([...(conf?.excludePatterns ?? []), ...(opts.exclude ?? [])]);
  const ignoreMatcher = opts.ignore ? new Matcher(opts.ignore.patterns) : null;
  const excluded = (p: string): boolean =>
    (isUnder(p, root) && matcher.excludes(posix.relative(root, p))) ||
    (ignoreMatcher !== null && isUnder(p, opts.ignore!.base) && ignoreMatcher.excludes(posix.relative(opts.ignore!.base, p)));
  // A Sphinx project reads Markdown only when it loads MyST.
  const suffixes: readonly string[] = conf !== null && !conf.usesMyst ? ['.rst'] : DOC_SUFFIXES;
  const pageOptions: PageOptions = {
    fs,
    root,
    flavor: opts.flavor,
    cache,
    sourceEncoding: conf?.sourceEncoding ?? undefined,
    mystLegacy: opts.mystLegacy,
  };
  return { root, confPath, confFound: confRead.kind === 'file', conf, isIgnored: excluded, cache, pageOptions, suffixes };
}

/** A share of another plan's documents (plain data): which to analyse, and what decides `mayCheck`. */
export interface PlanPart {
  analyse: string[];
  /** The plan's selected documents, or null with `changed`. */
  selected: readonly string[] | null;
  changed: readonly string[] | null;
}

/**
 * A plan for part of a run that another plan made (a worker's share): the
 * given documents, with the same selection, and no walk of the tree.
 */
export function planPart(opts: ProjectOptions, part: PlanPart): ProjectPlan {
  const { confPath, confFound, suffixes: _suffixes, ...base } = planBase(opts);
  const selected = part.selected ? new Set(part.selected) : null;
  const files = new Set(part.changed ?? []);
  return {
    ...base,
    confPath: confFound ? confPath : null,
    documents: [],
    scope: [],
    missing: [],
    analyse: part.analyse,
    mayCheck: selected ? (page) => selected.has(page.page) : (page) => pageDependsOn(page, files),
    selected,
    changed: null,
  };
}

export function planProject(opts: ProjectOptions): ProjectPlan {
  const { fs, root } = opts;
  const { confPath, confFound, suffixes, ...rest } = planBase(opts);
  const { cache, conf, isIgnored: excluded } = rest;
  const base = { ...rest, confPath: confFound ? confPath : null };
  const gitignore = opts.gitignore ?? true;
  const hasSuffix = (p: string): boolean => suffixes.some((s) => p.endsWith(s));

  if (opts.changed && !opts.changed.includes(confPath)) {
    const changed = opts.changed;
    const all = cache.walk(root, suffixes, { gitignore }).filter((f) => !excluded(f));
    const candidates = candidateDocuments(all, changed, cache);
    const files = new Set(changed);
    return {
      ...base,
      documents: all,
      scope: [],
      missing: [],
      analyse: [...candidates].sort(),
      mayCheck: (page) => pageDependsOn(page, files),
      selected: null,
      changed: { others: changed.filter((f) => !hasSuffix(f) && !excluded(f)), candidates: candidates.size },
    };
  }

  const missing: string[] = [];
  const selected = new Set<string>();
  const scope: string[] = [];
  if (opts.paths) {
    for (const p of opts.paths) {
      const kind = fs.stat(p);
      if (kind === 'directory') {
        scope.push(p);
        for (const f of cache.walk(p, suffixes, { gitignore })) if (!excluded(f)) selected.add(f);
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
    for (const f of cache.walk(root, suffixes, { gitignore })) if (!excluded(f)) documents.add(f);
  }
  for (const f of selected) if (hasSuffix(f) || documents.size === 0) documents.add(f);
  if (!opts.paths) {
    for (const f of documents) selected.add(f);
    scope.push(root);
  }
  const sorted = [...documents].sort();
  // Only files named: whether each is a page or a fragment (and which pages include it) needs only the
  // documents that may include it, and no marker file is in scope (its uses would need every page).
  // The search looks for every name in every document, so it pays for a few names, not for a glob's worth.
  const some = opts.paths !== undefined && scope.length === 0 && selected.size <= MAX_SEARCHED_NAMES && !opts.everyDocument;
  const analysed = some ? [...candidateDocuments(sorted, [...selected], cache)].sort() : sorted;
  return {
    ...base,
    documents: sorted,
    scope,
    missing,
    analyse: [...analysed, ...[...selected].filter((d) => !documents.has(d))],
    mayCheck: (page) => selected.has(page.page),
    selected,
    // A changed conf.py checks everything; the other changed files still get the marker checks.
    changed: opts.changed ? { others: opts.changed.filter((f) => !hasSuffix(f)), candidates: documents.size } : null,
  };
}

/**
 * The fragments (documents another one includes) and the pages to check
 * (sorted), from what each analysed document includes. `extra` are checked
 * pages `mayCheck` said no to: pages that include a selected fragment.
 */
export function finishPlan(plan: ProjectPlan, facts: ReadonlyMap<string, AnalysedFacts>): { fragments: Set<string>; pages: string[]; extra: string[] } {
  const fragments = new Set<string>();
  const selected = plan.selected;
  if (!selected) {
    // --changed: every document that includes a candidate names it, so it is a candidate too: the fragments are all known.
    for (const [doc, f] of facts) for (const x of f.included) if (x !== doc && !facts.get(x)?.included.has(doc)) fragments.add(x);
    const pages = [...facts].filter(([doc, f]) => !fragments.has(doc) && f.mayCheck).map(([doc]) => doc);
    return { fragments, pages: pages.sort(), extra: [] };
  }
  const documents = new Set(plan.documents);
  // A document another one includes is a fragment; one that includes itself,
  // or the documents of an include cycle, stay pages (Sphinx builds them).
  // A document not analysed includes none that was: it would have named it.
  const isFragment = (f: string, by: string): boolean => f !== by && !(documents.has(f) && facts.get(f)?.included.has(by));
  for (const doc of plan.analyse) for (const f of facts.get(doc)!.included) if (isFragment(f, doc)) fragments.add(f);
  const checked = new Set<string>();
  for (const doc of selected) if (!fragments.has(doc)) checked.add(doc);
  const selectedFragments = [...selected].filter((d) => fragments.has(d));
  const extra: string[] = [];
  if (selectedFragments.length > 0) {
    for (const doc of plan.documents) {
      if (fragments.has(doc) || checked.has(doc)) continue;
      const included = facts.get(doc)?.included;
      if (included && selectedFragments.some((f) => included.has(f))) {
        checked.add(doc);
        extra.push(doc);
      }
    }
  }
  return { fragments, pages: [...checked].sort(), extra };
}

/** Named files up to this many are searched for (see `planProject`); more, and every document is read. */
const MAX_SEARCHED_NAMES = 64;

const SLASH = 0x2f;
const DOT = 0x2e;
/**
 * The bytes that may come before a path in a document: white space (with
 * the no-break space byte 0xA0), a slash, a quote, `<` or `(`.
 */
const BOUNDARY = new Uint8Array(256);
for (const b of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, SLASH, 0x27, 0x22, 0x60, 0x3c, 0x28]) BOUNDARY[b] = 1;
const isBoundary = (b: number | undefined): boolean => b !== undefined && BOUNDARY[b] === 1;

/** The last path component. */
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Does `text` hold a path that could name one of the group's files: a name
 * preceded by the name of a directory that holds a file of that name
 * (`code/task7/task.yaml`), or by nothing, `./` or `../` (`task.yaml`,
 * `../task.yaml`)? Another directory's name before it (`task3/task.yaml`)
 * names another file. Texts and names are compared as bytes, so names match
 * in any ASCII-compatible encoding.
 */
function mayName(text: Buffer, g: NameGroup): boolean {
  for (let a = text.indexOf(g.anchor); a >= 0; a = text.indexOf(g.anchor, a + 1)) {
    const end = a + g.anchor.length;
    for (const length of g.lengths) {
      const at = end - length;
      if (at < 0) continue;
      const parents = g.parents.get(text.toString('latin1', at, end));
      if (parents && namedAt(text, at, parents)) return true;
    }
  }
  return false;
}

/** Does the name at `at` in `text` name a file in one of these directories (see `mayName`)? */
function namedAt(text: Buffer, at: number, parents: ReadonlySet<string>): boolean {
  if (at === 0 || text[at - 1] !== SLASH) return true;
  // `parent/name`, the parent at the start or after a boundary (a slash is one).
  let p = at - 1;
  while (p > 0 && !isBoundary(text[p - 1])) p--;
  if (parents.has(text.toString('latin1', p, at - 1))) return true;
  // `./name` or `../name`, the dots at the start or after a boundary.
  if (text[at - 2] === DOT) {
    if (at === 2 || isBoundary(text[at - 3])) return true;
    if (text[at - 3] === DOT && (at === 3 || isBoundary(text[at - 4]))) return true;
  }
  return false;
}

/**
 * Documents that may depend on the changed files. A document can only name
 * a file in an include or literalinclude by writing (part of) its path, so:
 * the documents whose text may name a changed file, then those whose text
 * may name one of them, and so on. Only these are analysed; the others are
 * not kept in the read cache.
 */
function candidateDocuments(documents: readonly string[], changed: readonly string[], cache: ReadCache): Set<string> {
  const none = Buffer.alloc(0);
  const text = (doc: string): Buffer => {
    const r = cache.read(doc);
    // The file's own bytes, searched in place (`Buffer.indexOf`).
    return r.kind === 'file' ? Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength) : none;
  };
  const isDocument = new Set(documents);
  const found = new Set<string>(changed.filter((f) => isDocument.has(f)));
  const seen = new Set<string>(changed);
  let fresh = nameGroups(changed);
  while (fresh.length > 0) {
    const next: string[] = [];
    for (const doc of documents) {
      if (found.has(doc)) continue;
      const t = text(doc);
      if (!fresh.some((g) => mayName(t, g))) continue;
      found.add(doc);
      if (!seen.has(doc)) {
        seen.add(doc);
        next.push(doc);
      }
    }
    fresh = nameGroups(next);
  }
  for (const doc of documents) if (!found.has(doc)) cache.forget(doc);
  return found;
}

/**
 * The files' names, grouped by their last four bytes (the anchor searched
 * for): a document is scanned once per group, not once per name, however
 * many pages or tasks change. Each name keeps the names of the directories
 * that hold a file of that name. Names and directory names are the UTF-8
 * bytes read as Latin-1, one character a byte, as the documents' bytes are.
 */
interface NameGroup {
  anchor: Buffer;
  /** The lengths of the group's names. */
  lengths: number[];
  /** Each name's directory names. */
  parents: Map<string, Set<string>>;
}

function nameGroups(files: readonly string[]): NameGroup[] {
  const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
  const groups = new Map<string, NameGroup>();
  for (const f of files) {
    const name = latin1(basename(f));
    const anchor = name.slice(-4);
    let g = groups.get(anchor);
    if (!g) groups.set(anchor, (g = { anchor: Buffer.from(anchor, 'latin1'), lengths: [], parents: new Map() }));
    let parents = g.parents.get(name);
    if (!parents) {
      g.parents.set(name, (parents = new Set()));
      if (!g.lengths.includes(name.length)) g.lengths.push(name.length);
    }
    parents.add(latin1(basename(posix.dirname(f))));
  }
  return [...groups.values()];
}

/** Does this page read the file: the page itself, a fragment, a literalinclude's file or diff, an include? */
export function pageDependsOn(page: PageResult, files: ReadonlySet<string>): boolean {
  if (files.has(page.page)) return true;
  for (const f of page.included) if (files.has(f)) return true;
  for (const d of page.directives) {
    if (d.target !== null && files.has(d.target)) return true;
    if (d.kind === 'literalinclude' && d.diffTarget !== null && files.has(d.diffTarget)) return true;
  }
  return false;
}
