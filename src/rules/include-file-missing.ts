import { posix } from 'node:path';
import { defineRule, includedFrom, type RuleContext } from './rule.js';
import { argumentRange, code, optionValueRange } from './locate.js';
import { closest } from './suggest.js';

/** A hint for a path that does not exist: a near name, or the fragment-relative trap. */
function hint(ctx: RuleContext, target: string, argument: string, source: string, page: string): string {
  if (source !== page && !argument.startsWith('/')) {
    const fromFragment = posix.normalize(posix.join(posix.dirname(source), argument));
    if (ctx.project.cache.read(fromFragment).kind === 'file') {
      return `; it exists relative to the fragment (${code(ctx.display(fromFragment))}), but Sphinx resolves paths in included files from the page's directory`;
    }
  }
  const dir = posix.dirname(target);
  const names = ctx.list(dir);
  if (names) {
    const base = posix.basename(target);
    const near = closest(base, names) ?? renamed(base, names);
    if (near) return `; did you mean ${code(ctx.display(posix.join(dir, near)))}?`;
  }
  return '';
}

/**
 * A likely rename: a name with the same extension that shares a long prefix
 * or suffix with the missing one (`greeting_app.py` -> `greeting.py`).
 */
function renamed(base: string, names: readonly string[]): string | null {
  const ext = posix.extname(base);
  const stem = base.slice(0, base.length - ext.length).toLowerCase();
  const shared = (a: string, b: string): number => {
    let p = 0;
    while (p < a.length && p < b.length && a[p] === b[p]) p++;
    let q = 0;
    while (q < a.length && q < b.length && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
    return Math.max(p, q);
  };
  const scored = names
    .filter((n) => n !== base && posix.extname(n) === ext)
    .map((n) => ({ n, score: shared(stem, n.slice(0, n.length - ext.length).toLowerCase()) }))
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < 4 || scored[1]?.score === best.score) return null;
  return best.n;
}

function refused(ctx: RuleContext, path: string): boolean {
  const cache = ctx.project.cache;
  return cache.outside(path) !== null && !cache.confinement?.allow;
}

export default defineRule({
  id: 'include-file-missing',
  severity: 'error',
  origin: 'sphinx',
  description: 'A literalinclude, its `:diff:` file or an include names a file that does not exist or cannot be read.',
  check(ctx) {
    for (const r of ctx.literalincludes) {
      const problem = r.resolution?.problems.find((p) => p.code === 'file-missing');
      if (!problem || !problem.file) continue;
      // include-outside-root explains a file docsnip refused to read.
      if (refused(ctx, problem.file)) continue;
      const isDiff = problem.file === r.diffTarget && problem.file !== r.target;
      const read = ctx.project.cache.read(problem.file);
      const what = read.kind === 'directory' ? 'is a directory, not a file' : read.kind === 'error' ? `cannot be read (${read.message})` : 'not found';
      const argument = isDiff ? r.options?.diff ?? '' : r.argument ?? '';
      ctx.report({
        file: r.source,
        subject: r,
        range: isDiff ? optionValueRange(r.directive, 'diff') : argumentRange(r.directive),
        message: `${isDiff ? 'Diff file' : 'Included file'} ${code(ctx.display(problem.file))} ${what}${read.kind === 'missing' ? hint(ctx, problem.file, argument, r.source, r.page) : ''}`,
        related: includedFrom(ctx, r),
      });
    }
    for (const r of ctx.includes) {
      if (r.problem?.code !== 'file-missing' || !r.target || refused(ctx, r.target)) continue;
      ctx.report({
        file: r.source,
        subject: r,
        range: argumentRange(r.directive),
        message: `Included document ${code(ctx.display(r.target))} not found${hint(ctx, r.target, r.argument ?? '', r.source, r.page)}`,
        related: includedFrom(ctx, r),
      });
    }
  },
});
