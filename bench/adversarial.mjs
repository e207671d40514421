/**
 * Inputs built to make a scanner or a regular expression slow: long runs of
 * spaces, colons, backticks, quotes and option markers, deep nesting, many
 * comments or content lines, in rST and MyST. Each shape is timed at three
 * sizes (1x, 2x, 4x the input); linear code takes about 4x as long at 4x the
 * size. Most shapes are 10, 20 and 40 lines of 5,000 characters.
 */
import { performance } from 'node:perf_hooks';

const LINE = 5000;
export const SHAPES = {
  'rst: spaces then text': (n) => 'T\n=\n\n' + `${' '.repeat(LINE)}x\n\n`.repeat(n),
  'rst: option of colons': (n) => 'T\n=\n\n' + `.. literalinclude:: a.txt\n   :${':'.repeat(LINE)}\n\n`.repeat(n),
  'rst: backticks': (n) => 'T\n=\n\n' + `${'`'.repeat(LINE)}\n\n`.repeat(n),
  'rst: option value " :x" runs': (n) => 'T\n=\n\n' + `.. literalinclude:: a.txt\n   :start-after: ${' :x'.repeat(LINE / 3)}\n\n`.repeat(n),
  'rst: trailing spaces in a caption': (n) => 'T\n=\n\n' + `.. literalinclude:: a.txt\n   :caption: x${' '.repeat(LINE)}y\n\n`.repeat(n),
  // Each line opens a fence inside the previous one (10 to 40 deep): every level is
  // parsed again, as MyST-Parser does, so this grows with depth x size until the
  // 100-level limit caps the depth.
  'md: nested fences of 5,000 colons': (n) => '# T\n\n' + `${':'.repeat(LINE)}{note}\n\n`.repeat(n),
  'md: backticks before a name': (n) => '# T\n\n' + `${'`'.repeat(LINE)}{literalinclude} a.txt\n\n`.repeat(n),
  // Every line opens a fence inside the previous one: 400 to 1,600 lines, read
  // to the 100-level limit, so the cost is about 101 x lines - 5,050 (4.4x).
  'md: colon fences nested 400-1,600 deep': (n) => '# T\n\n' + ':::::{note}\n'.repeat(n * 40),
  // remark's time grows with the square of block quote nesting; markers past MyST's limit are not parsed.
  'md: block quotes 10,000-40,000 deep': (n) => '# T\n\n' + '>'.repeat(n * 1000) + ' x\n',
  'md: % comments between code blocks': (n) => '# T\n\n' + '% c\n```\nx\n```\n'.repeat(n * 500),
  'md: a directive with 10,000s of lines': (n) => '# T\n\n```{note}\n' + 'x\n'.repeat(n * 1000) + '```\n',
  'rst: a directive with 10,000s of lines': (n) => 'T\n=\n\n.. note::\n\n' + '   x\n'.repeat(n * 1000),
  'md: escaped quotes in an option': (n) => '# T\n\n' + `\`\`\`{literalinclude} a.txt\n:start-after: "${'\\"'.repeat(LINE / 2)}"\n\`\`\`\n\n`.repeat(n),
};

/** Milliseconds to check each shape at 10, 20 and 40 lines, and the 4x/1x ratio. */
export function timeAdversarial(check, MemoryFileSystem) {
  const out = [];
  for (const [name, make] of Object.entries(SHAPES)) {
    const md = name.startsWith('md');
    const times = [10, 20, 40].map((n) => {
      const fs = new MemoryFileSystem({ '/d/conf.py': "extensions = ['myst_parser']\n", [md ? '/d/index.md' : '/d/index.rst']: make(n), '/d/a.txt': 'a\n' });
      check({ fs, root: '/d', cwd: '/d', gitignore: false }); // warm
      const t = performance.now();
      check({ fs, root: '/d', cwd: '/d', gitignore: false });
      return performance.now() - t;
    });
    out.push({ name, ms: times, ratio: times[2] / times[0] });
  }
  return out;
}
