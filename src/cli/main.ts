/**
 * The command line. `main` takes its whole world as arguments (argv, cwd,
 * environment, output functions, file system), so tests run it in-process;
 * `bin/docsnip.js` wires it to the real process.
 */
import { setFlagsFromString } from 'node:v8';
import { createRequire } from 'node:module';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { posix, resolve as resolvePath } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { displayPath, type CheckOptions } from '../check.js';
import { canRequireEsm, preloadMarkdown } from '../readers/myst/markdown.js';
import { preloadLazyModules } from '../core/lazy.js';
import { expandGlobs, NodeFileSystem } from '../core/fs-node.js';
import type { FileSystem } from '../core/fs.js';
import { RecordingFileSystem } from '../core/fs-recording.js';
import { COLORS, NO_COLORS } from '../reporters/color.js';
import { decodeText } from '../project/page.js';
import { splitLines } from '../python/str.js';
import { VERSION } from '../version.js';
import { CONFIG_NAMES, isMystParserVersion, mystParserIsLegacy, parseConfig, type LoadedConfig } from '../config/config.js';
import { RULES } from '../rules/index.js';
import { findSphinxRoot } from '../project/root.js';
import { pushAll } from '../core/arrays.js';
import { RecentMap } from '../core/recent.js';

export interface CliIO {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Is stdout a terminal? (Colour is used only then.) */
  isTTY: boolean;
  fs?: FileSystem;
  /** Expand command-line globs (default: globby on the disk). */
  glob?: (patterns: readonly string[], cwd: string) => Promise<string[]>;
}

/** Write a report's pieces to stdout as they are made, gathered into writes of about 64 KB. */
function writeInPieces(io: CliIO, chunks: Iterable<string>): void {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= 1 << 16) {
      io.stdout(pending);
      pending = '';
    }
  }
  if (pending !== '') io.stdout(pending);
}

/** A problem with how docsnip was called: exit code 2. */
class UsageError extends Error {}

const GLOB_MAGIC = /[*?[\]{}]/;

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function parsePositive(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number, 1 or more.');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

function parseMystVersion(value: string): string {
  if (!isMystParserVersion(value)) throw new InvalidArgumentError('expected a version number, such as 4 or 0.18.');
  return value;
}

function parseSize(value: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError('expected a size in MiB, such as 64.');
  return Number(value) * 2 ** 20;
}

function parsePercent(value: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(value) || Number(value) > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100.');
  return Number(value);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface CommonFlags {
  root?: string;
  exclude: string[];
  gitignore: boolean;
  /** `--config FILE`, or false with `--no-config`. */
  config?: string | false;
  /** `--myst-parser VERSION`. */
  mystParser?: string;
  /** `--allow-outside-root`. */
  allowOutsideRoot?: boolean;
  /** `--max-file-size MB`. */
  maxFileSize?: number;
}

/**
 * What docsnip may read: the git work tree around the Sphinx root, else the
 * current directory when the root is inside it, else the root itself.
 */
function confinement(fs: FileSystem, cwd: string, root: string, flags: CommonFlags): { dir: string; allow: boolean } {
  const top = fs instanceof NodeFileSystem ? fs.workTree(root) : null;
  const inside = root === cwd || root.startsWith(cwd.endsWith('/') ? cwd : cwd + '/');
  return { dir: top ?? (inside ? cwd : root), allow: flags.allowOutsideRoot === true };
}

/** The configuration file: `--config`, else the nearest `.docsnip.yaml` upward from `start`. */
function loadConfig(fs: FileSystem, cwd: string, start: string, flag: string | false | undefined): LoadedConfig | null {
  if (flag === false) return null;
  let path: string | null = null;
  if (typeof flag === 'string') {
    path = toPosix(resolvePath(cwd, flag));
    if (fs.stat(path) !== 'file') throw new UsageError(`--config: no such file: ${flag}`);
  } else {
    for (let dir = start; ; dir = posix.dirname(dir)) {
      const found = CONFIG_NAMES.map((n) => posix.join(dir, n)).find((p) => fs.stat(p) === 'file');
      if (found) {
        path = found;
        break;
      }
      if (posix.dirname(dir) === dir) break;
    }
  }
  if (path === null) return null;
  const read = fs.read(path);
  if (read.kind !== 'file') throw new UsageError(`cannot read ${path}`);
  return parseConfig(path, new TextDecoder().decode(read.bytes), RULES.map((r) => r.id));
}

/**
 * The Sphinx project a `--changed` run is about: `--root`, the configuration's
 * root, the nearest conf.py upward from a changed file or the current
 * directory, or else the shallowest conf.py below the current directory.
 */
function changedRoot(fs: NonNullable<CliIO['fs']>, cwd: string, changed: readonly string[], flags: CommonFlags, config: LoadedConfig | null): string {
  if (flags.root !== undefined) return configuredRoot(fs, cwd, flags, config)!;
  const configured = configuredRoot(fs, cwd, flags, config);
  if (configured !== null) return configured;
  for (const f of [...changed, cwd]) {
    const found = findSphinxRoot(fs, posix.dirname(f === cwd ? posix.join(cwd, 'x') : f));
    if (found !== null) return found;
  }
  const below = fs
    .walk(cwd, ['conf.py'], { gitignore: flags.gitignore })
    .filter((f) => posix.basename(f) === 'conf.py' && !/\/(node_modules|_build|\.git)\//.test(f))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (below.length > 0) return posix.dirname(below[0]!);
  throw new UsageError('--changed: no Sphinx project (conf.py) found here or below; pass --root DIR');
}

/** `--root`, else the configuration's `root`, checked; null when neither is given. */
function configuredRoot(fs: NonNullable<CliIO['fs']>, cwd: string, flags: CommonFlags, config: LoadedConfig | null): string | null {
  if (flags.root !== undefined) {
    const root = toPosix(resolvePath(cwd, flags.root));
    if (fs.stat(root) !== 'directory') throw new UsageError(`--root is not a directory: ${flags.root}`);
    return root;
  }
  if (config?.config.root !== undefined) {
    const root = posix.normalize(posix.join(posix.dirname(config.path), config.config.root));
    if (fs.stat(root) !== 'directory') throw new UsageError(`root in ${config.path} is not a directory: ${config.config.root}`);
    return root;
  }
  return null;
}

async function projectOptions(io: CliIO, fs: NonNullable<CliIO['fs']>, args: string[], flags: CommonFlags & { changed?: string[] }): Promise<CheckOptions> {
  const cwd = toPosix(io.cwd);
  if (flags.changed) {
    if (args.length > 0) throw new UsageError('--changed takes the changed files; give no other paths');
    const changed = flags.changed.map((f) => toPosix(resolvePath(io.cwd, f)));
    const config = loadConfig(fs, cwd, cwd, flags.config);
    const root = changedRoot(fs, cwd, changed, flags, config);
    return {
      fs,
      root,
      confine: confinement(fs, cwd, root, flags),
      maxFileSize: flags.maxFileSize,
      cwd,
      config,
      changed,
      exclude: flags.exclude,
      gitignore: flags.gitignore,
      mystLegacy: mystParserIsLegacy(flags.mystParser ?? config?.config.mystParser),
    };
  }
  const paths: string[] = [];
  for (const arg of args) {
    if (GLOB_MAGIC.test(arg) && fs.stat(toPosix(resolvePath(io.cwd, arg))) === null) {
      const matched = await (io.glob ?? expandGlobs)([toPosix(arg)], cwd);
      if (matched.length === 0) throw new UsageError(`no files match ${JSON.stringify(arg)}`);
      pushAll(paths, matched);
      continue;
    }
    const abs = toPosix(resolvePath(io.cwd, arg));
    if (fs.stat(abs) === null) throw new UsageError(`no such file or directory: ${arg}`);
    paths.push(abs);
  }
  const first = paths[0] ?? cwd;
  const start = fs.stat(first) === 'directory' ? first : posix.dirname(first);
  const config = loadConfig(fs, cwd, start, flags.config);
  const root = configuredRoot(fs, cwd, flags, config) ?? findSphinxRoot(fs, start) ?? cwd;
  return {
    fs,
    root,
    confine: confinement(fs, cwd, root, flags),
    maxFileSize: flags.maxFileSize,
    cwd,
    config,
    paths: args.length > 0 ? paths : root === cwd ? undefined : [cwd],
    exclude: flags.exclude,
    gitignore: flags.gitignore,
    mystLegacy: mystParserIsLegacy(flags.mystParser ?? config?.config.mystParser),
  };
}

function useColor(io: CliIO, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

/** Write a report file atomically: a temporary file beside it, then a rename. */
function writeReport(io: CliIO, file: string, text: string): void {
  const target = resolvePath(io.cwd, file);
  // An unpredictable name, created exclusively: never through a planted symbolic link.
  const { randomBytes } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    renameSync(temp, target);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/**
 * V8 lets the heap grow to about three times what a large run keeps live; capping each step at 1.5x halves
 * the peak of a run that drops its pages (20,000 pages on two threads: 1.17 GiB to 0.75 GiB) at no measured
 * cost in time.
 */
function capHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

export async function main(io: CliIO): Promise<number> {
  // Node.js before 20.19 cannot load remark-parse on demand: load it now.
  if (!canRequireEsm()) await Promise.all([preloadMarkdown(), preloadLazyModules()]);
  const fs = io.fs ?? new NodeFileSystem();
  let exitCode = 0;
  const program = new Command();
  program
    .name('docsnip')
    .description('Check Sphinx literalinclude directives exactly as Sphinx resolves them.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces of internal errors (check: and how the documents were shared between threads)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run docsnip --help for usage)');

  const common = (cmd: Command): Command =>
    cmd
      .option('--root <dir>', 'Sphinx source directory, for paths starting with / (default: nearest folder upward with conf.py)')
      .option('--exclude <glob>', 'leave out documents matching this Sphinx-style pattern, relative to the root (repeatable)', collect, [])
      .option('--no-gitignore', 'also read documents that git ignores')
      .option('--config <file>', 'configuration file (default: the nearest .docsnip.yaml upward)')
      .option('--no-config', 'ignore configuration files')
      .option('--myst-parser <version>', 'MyST-Parser version the docs build with (default: 3 or later; below 3, option blocks are YAML)', parseMystVersion)
      .option('--allow-outside-root', 'read included files outside the repository (by default they are reported and not read)')
      .option('--max-file-size <MiB>', 'do not read files larger than this (default 64)', parseSize);

  common(
    program
      .command('check')
      .description('report missing files, missing markers and bad options in literalinclude and include directives')
      .argument('[paths...]', 'documents, directories or globs (default: the Sphinx project around the current directory)'),
  )
    .addOption(
      new Option('--format <format>', 'output format').choices(['human', 'json', 'sarif', 'github', 'rdjsonl']).default('human'),
    )
    .option('--output <file>', 'write the report to this file instead of stdout')
    .option('--changed <files...>', 'check only the pages these changed files affect (for pre-commit): the pages themselves and every page that includes or shows them')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--quiet', 'report errors only')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--cache', 'reuse the report of an identical earlier run when no file it read has changed (content hashes)')
    .option('--cache-location <dir>', 'where --cache keeps its entries (default: node_modules/.cache/docsnip)')
    .option('--jobs <n>', 'threads to check with (default: the cores, at most 4, from 10,000 documents; below that one)', parsePositive)
    .action(
      async (
        args: string[],
        flags: CommonFlags & {
          format: string;
          output?: string;
          maxWarnings?: number;
          quiet?: boolean;
          color?: boolean;
          changed?: string[];
          cache?: boolean;
          cacheLocation?: string;
          jobs?: number;
        },
      ) => {
        const opts = await projectOptions(io, fs, args, flags);
        const emit = (run: { report: string | null; stderr: string; exitCode: number }): void => {
          // A null report was already written, piece by piece.
          if (run.report !== null) {
            if (flags.output !== undefined) writeReport(io, flags.output, run.report);
            else io.stdout(run.report);
          }
          if (run.stderr) io.stderr(run.stderr);
          exitCode = run.exitCode;
        };
        let cache: { dir: string; key: string; recording: RecordingFileSystem; module: typeof import('./cache.js') } | null = null;
        if (flags.cache || flags.cacheLocation !== undefined) {
          const module = await import('./cache.js');
          const dir = flags.cacheLocation !== undefined ? resolvePath(io.cwd, flags.cacheLocation) : module.defaultCacheDir(io.cwd);
          const { fs: _fs, ...settings } = opts;
          const key = module.cacheKey({
            version: VERSION,
            argv: io.argv,
            settings,
            color: useColor(io, flags.color),
          });
          const hit = module.readCache(dir, key, fs);
          if (hit) return emit(hit);
          cache = { dir, key, recording: new RecordingFileSystem(fs), module };
          opts.fs = cache.recording;
        }
        // Reporters need only the findings: each page is dropped once checked.
        const parallel = await import('./parallel.js');
        capHeapGrowth();
        const { result, analysed } = await parallel.checkParallel(opts, parallel.threadCount(flags.jobs), flags.jobs !== undefined);
        if (io.argv.includes('--debug')) io.stderr(`docsnip: ${analysed.reduce((a, b) => a + b, 0)} documents analysed on ${analysed.length} thread(s): ${analysed.join(', ')}\n`);
        const shown = flags.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
        // Findings come sorted by file: the lines of the last few files shown are enough, and a file read
        // again only for a code frame is not kept in the run's read cache (a large tree's pages were dropped).
        const sources = new RecentMap<string, string[] | null>(64);
        const source = (file: string): string[] | null => {
          let lines = sources.get(file);
          if (lines === undefined) {
            const path = toPosix(resolvePath(io.cwd, file));
            const read = result.project.cache.readTransient(path);
            const decoded = read.kind === 'file' ? decodeText(read.bytes, 'utf-8-sig') : null;
            lines = decoded && 'text' in decoded ? splitLines(decoded.text, false) : null;
            sources.set(file, lines);
          }
          return lines;
        };
        // Straight to stdout, the report is written as it is made (a large tree's report is large); a report
        // for a file or for the cache is made whole.
        const streaming = flags.output === undefined && cache === null;
        const write = (chunks: Iterable<string>): string | null => {
          if (!streaming) return [...chunks].join('');
          writeInPieces(io, chunks);
          return null;
        };
        // Each command and format loads only its own modules: start-up time is most of a pre-commit run.
        let report: string | null;
        switch (flags.format) {
          case 'json':
            report = write((await import('../reporters/json.js')).checkJsonChunks(shown, result.summary));
            break;
          case 'sarif':
            report = (await import('../reporters/sarif.js')).formatSarif(shown, { source });
            break;
          case 'github':
            report = (await import('../reporters/github.js')).formatGithub(shown);
            break;
          case 'rdjsonl':
            report = (await import('../reporters/rdjsonl.js')).formatRdjsonl(shown, { source });
            break;
          default:
            report = write(
              (await import('../reporters/human.js')).humanChunks(shown, {
                palette: flags.output === undefined && useColor(io, flags.color) ? COLORS : NO_COLORS,
                summary: result.summary,
                source,
              }),
            );
        }
        const tooManyWarnings = flags.maxWarnings !== undefined && result.summary.warnings > flags.maxWarnings;
        const run = {
          report,
          stderr: tooManyWarnings ? `docsnip: ${result.summary.warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n` : '',
          exitCode: result.summary.errors > 0 || tooManyWarnings ? 1 : 0,
        };
        emit(run);
        if (cache) {
          try {
            cache.module.writeCache(cache.dir, cache.key, cache.recording.calls, { ...run, report: run.report ?? '' });
          } catch (e) {
            io.stderr(`docsnip: cannot write the cache in ${cache.dir}: ${(e as Error).message}\n`);
          }
        }
      },
    );

  common(
    program
      .command('resolve')
      .description('print the text Sphinx renders for every literalinclude, in reading order')
      .argument('[paths...]', 'documents, directories or globs'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (args: string[], flags: CommonFlags & { format: string }) => {
      const { resolveJsonChunks, resolveTextChunks, resolveProject } = await import('../resolve.js');
      const result = resolveProject(await projectOptions(io, fs, args, flags));
      // Written as it is made, in pieces of about 64 KB: a large tree's report is large.
      writeInPieces(io, flags.format === 'json' ? resolveJsonChunks(result) : resolveTextChunks(result));
      exitCode = result.summary.errors > 0 ? 1 : 0;
    });

  common(
    program
      .command('export')
      .description('write the shell steps of a tutorial page, in reading order, as a bash script (or a spread task)')
      .argument('<doc>', 'the page to export'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['bash', 'spread']).default('bash'))
    .option('--output <file>', 'write the script to this file instead of stdout')
    .option('--only-included', 'only literalincludes: leave out inline code blocks and terminal inputs')
    .option('--include-text', 'take literalincludes and blocks in the text language as commands too')
    .option('--pipefail', 'add set -o pipefail (spread does not)')
    .option('--trace', 'add set -x')
    .option('--section <title>', 'only the steps under this section (subsections included)')
    .option('--from <marker>', 'start at the literalinclude that uses this marker (pack, docs:pack or [docs:pack])')
    .option('--to <marker>', 'end at the literalinclude that uses this marker')
    .action(
      async (
        doc: string,
        flags: CommonFlags & {
          format: 'bash' | 'spread';
          output?: string;
          onlyIncluded?: boolean;
          includeText?: boolean;
          pipefail?: boolean;
          trace?: boolean;
          section?: string;
          from?: string;
          to?: string;
        },
      ) => {
        const opts = await projectOptions(io, fs, [doc], flags);
        const display = (p: string): string => displayPath(opts.cwd, p);
        const page = toPosix(resolvePath(io.cwd, doc));
        const scriptPath = (p: string): string => displayPath(opts.root, p);
        const { exportProject } = await import('../export/run.js');
        capHeapGrowth();
        const r = exportProject(opts, { ...flags, page, display, scriptPath });
        if (!r.ok) {
          if (r.usage) throw new UsageError(r.message);
          io.stderr(`docsnip: ${r.message}\n`);
          if (r.diagnostics.length > 0) io.stderr((await import('../reporters/human.js')).formatHuman(r.diagnostics, { palette: NO_COLORS, source: () => null }));
          exitCode = 1;
          return;
        }
        if (flags.output !== undefined) writeReport(io, flags.output, r.text);
        else io.stdout(r.text);
        exitCode = 0;
      },
    );

  common(
    program
      .command('coverage')
      .description('which shell steps of each tutorial a spread task runs, and which task lines no page shows')
      .argument('[paths...]', 'documents, directories or globs'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--include-text', 'count blocks in the text language as shell steps too')
    .option('--min <percent>', 'exit 1 when fewer than this percentage of shell steps are tested', parsePercent)
    .action(async (args: string[], flags: CommonFlags & { format: 'human' | 'json'; includeText?: boolean; min?: number }) => {
      const opts = await projectOptions(io, fs, args, flags);
      const display = (p: string): string => displayPath(opts.cwd, p);
      const { coverageProject, formatCoverageReport } = await import('../export/run.js');
      capHeapGrowth();
      const report = coverageProject(opts, { includeText: flags.includeText });
      io.stdout(formatCoverageReport(report, { format: flags.format, display }));
      exitCode = 0;
      if (flags.min !== undefined && report.summary.percent !== null && report.summary.percent < flags.min) {
        io.stderr(`docsnip: ${report.summary.percent}% of shell steps are tested, below --min ${flags.min}\n`);
        exitCode = 1;
      }
    });

  common(
    program
      .command('review')
      .description('what a change does to the rendered docs: new and fixed problems, and every snippet whose text changes')
      .requiredOption('--base <rev>', 'the revision the change starts from (a branch, tag or commit), read from git objects')
      .option('--head <rev>', 'the revision with the change (default: the working tree)')
      .option('--all-pages', 'check every page of both revisions, not only those that name a changed file (slower)'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json', 'github', 'sarif']).default('markdown'))
    .option('--output <file>', 'write the report to this file instead of stdout')
    .action(async (flags: CommonFlags & { base: string; head?: string; allPages?: boolean; format: string; output?: string }) => {
      const cwd = toPosix(io.cwd);
      const { GitError, GitFileSystem, gitChanges, gitCommit, gitTopLevel } = await import('../core/fs-git.js');
      const { checkForReview, review, reviewScope } = await import('../review/review.js');
      const { formatReviewJson, formatReviewMarkdown, reviewDiagnostics } = await import('../review/format.js');
      let top: string;
      let baseCommit: string;
      let headCommit: string | null = null;
      try {
        top = gitTopLevel(io.cwd);
        baseCommit = gitCommit(top, flags.base);
        if (flags.head !== undefined) headCommit = gitCommit(top, flags.head);
      } catch (e) {
        if (e instanceof GitError) throw new UsageError(`review needs a git repository and known revisions: ${e.message || 'unknown revision'}`);
        throw e;
      }
      const headFs = headCommit ? new GitFileSystem(top, headCommit) : fs;
      const opts = { ...(await projectOptions(io, headFs, [], flags)), paths: undefined, confine: { dir: top, allow: flags.allowOutsideRoot === true } };
      const baseFs = new GitFileSystem(top, baseCommit, opts.root);
      if (headFs instanceof GitFileSystem) headFs.preloadDirectory(opts.root);
      const changes = gitChanges(top, baseCommit, headCommit);
      capHeapGrowth();
      // Only the pages the change can affect differ between the revisions (see `reviewScope`).
      // Links are read only for the scope: --all-pages needs none.
      const scope = flags.allPages
        ? null
        : reviewScope(opts, [baseFs, headFs], changes, [...baseFs.links(), ...(headFs instanceof GitFileSystem ? headFs.links() : [])]);
      const scoped = scope ? { ...opts, changed: scope } : opts;
      const baseSide = checkForReview({ ...scoped, fs: baseFs });
      // The base's files were read up front for its check; the report reads a few of them again.
      baseFs.forget();
      const headSide = checkForReview({ ...scoped, fs: headFs }, { side: baseSide, changes });
      const linesOf = (f: FileSystem) => (p: string): string[] | null => {
        const r = f.read(p);
        if (r.kind !== 'file') return null;
        const decoded = decodeText(r.bytes, 'utf-8-sig');
        return 'text' in decoded ? splitLines(decoded.text, true) : null;
      };
      const report = review({
        base: baseSide,
        head: headSide,
        changes,
        display: (p) => displayPath(cwd, p),
        baseLines: linesOf(baseFs),
        headLines: linesOf(headFs),
      });
      let text: string;
      if (flags.format === 'json') text = formatReviewJson(report);
      else if (flags.format === 'github') text = (await import('../reporters/github.js')).formatGithub(reviewDiagnostics(report));
      else if (flags.format === 'sarif') text = (await import('../reporters/sarif.js')).formatSarif(reviewDiagnostics(report), { source: (file) => linesOf(headFs)(toPosix(resolvePath(io.cwd, file)))?.map((l) => l.replace(/\r?\n$/, '')) ?? null });
      else text = formatReviewMarkdown(report);
      if (flags.output !== undefined) writeReport(io, flags.output, text);
      else io.stdout(text);
      exitCode = report.summary.newErrors > 0 ? 1 : 0;
    });

  try {
    await program.parseAsync([...io.argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`docsnip: ${e.message}\n`);
      return 2;
    }
    const debug = io.argv.includes('--debug');
    io.stderr(`docsnip: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (debug && e instanceof Error && e.stack) io.stderr(e.stack + '\n');
    else io.stderr('(run again with --debug for details, and please report it)\n');
    return 2;
  }
}
