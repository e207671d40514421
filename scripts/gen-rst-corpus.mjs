#!/usr/bin/env node
// Deterministic generator for fixtures/rst-corpus/gen-NNN.rst.
//
//   node scripts/gen-rst-corpus.mjs [--count 170] [--seed 20240611] [--out DIR]
//
// Plain Node ESM, no dependencies. Every file is built from its own PRNG
// (mulberry32 seeded with seed + file number), so the output depends only on
// the seed and the count. It composes random but valid-looking reStructuredText
// documents from the building blocks real Sphinx projects use (sections,
// paragraphs, bullet/enumerated/definition/field/option lists, block quotes,
// literal blocks in every form, comments, substitution definitions, targets,
// footnotes and citations, line blocks, doctest blocks, tables, transitions,
// and directives of every content kind nested at random depths and
// indentations), with per-file variations: CRLF line endings, a UTF-8 BOM, tabs
// for indentation, trailing whitespace.
//
// The directive shapes below follow src/readers/rst/directive-specs.ts so that
// every generated directive block parses: no missing argument, no option block
// docutils would reject, no content for a directive that takes none. (The
// golden script refuses a corpus where docutils rejects a block, so a drift
// between this list and the table shows up there.) Directives are never put in
// table cells, where docutils' line numbers are not meaningful.
//
// After changing this script: regenerate, then run
// `node scripts/update-rst-corpus-golden.mjs` and commit both.

import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const COUNT = Number(arg('count', '170'));
const SEED = Number(arg('seed', '20240611'));
const OUT = arg('out', fileURLToPath(new URL('../fixtures/rst-corpus/', import.meta.url)));

// ---------------------------------------------------------------- randomness

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rand = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
/** pick from [[weight, value], ...] */
const weighted = (pairs) => {
  const total = pairs.reduce((n, [w]) => n + w, 0);
  let r = rand() * total;
  for (const [w, v] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][1];
};

// ---------------------------------------------------------------- vocabulary

const WORDS = (
  'data pipeline stage cache value config option server client request response table index ' +
  'module function class method object file path record token buffer stream event handler ' +
  'plugin network socket thread process result error warning message output input schema ' +
  'field column widget layout render parse build deploy install update remove create delete ' +
  'quickly simply always never often rarely carefully the a an of to in for with on by from ' +
  'and or but not this that these those each every some many few more less first last next'
).split(' ');
const CAP_WORDS = 'Data Pipeline Stages Caching Values Config Servers Clients Requests Every Some Most The This Each Many Users Plugins Files'.split(' ');
const INLINE = ['``code``', '*emphasis*', '**strong**', '`link`_', ':ref:`label`', ':func:`run`', '|version|', '`text <https://example.org>`_'];

function words(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(chance(0.06) ? pick(INLINE) : pick(WORDS));
  return out.join(' ');
}
function sentence(n = int(4, 12)) {
  return `${pick(CAP_WORDS)} ${words(n)}.`;
}
const ident = () => `${pick(['frobz', 'spam', 'eggs', 'core', 'util', 'io'])}_${pick(WORDS.slice(0, 40))}`;
const path = () =>
  `${pick(['', '../', '/', '../../', 'examples/'])}${pick(['src', 'examples', 'snippets', 'code'])}/${ident()}.${pick(['py', 'js', 'toml', 'txt', 'c', 'rs'])}`;

// ---------------------------------------------------------------- directives
//
// shape: args: 'none' | 'opt' (0..1 token) | 'optws' (0..1, spaces allowed) |
//        'req' (1 token) | 'reqws' (1, spaces allowed) | 'req+opt' (1 token + optional words)
//        content: 'rst' | 'literal' | 'none' | 'glossary'
//        options: whether options may be given

const S = (args, content, options) => ({ args, content, options });
const DIRECTIVES = {
  // admonitions: no argument, options, rST content
  note: S('none', 'rst', true), warning: S('none', 'rst', true), tip: S('none', 'rst', true),
  important: S('none', 'rst', true), hint: S('none', 'rst', true), caution: S('none', 'rst', true),
  danger: S('none', 'rst', true), attention: S('none', 'rst', true), error: S('none', 'rst', true),
  seealso: S('none', 'rst', true), todo: S('none', 'rst', true),
  admonition: S('reqws', 'rst', true), topic: S('reqws', 'rst', true),
  sidebar: S('optws', 'rst', true), container: S('optws', 'rst', true), compound: S('none', 'rst', true),
  epigraph: S('none', 'rst', false), 'pull-quote': S('none', 'rst', false), highlights: S('none', 'rst', false),
  figure: S('req', 'rst', true), table: S('optws', 'rst', true), 'list-table': S('optws', 'rst', true),
  only: S('reqws', 'rst', false), ifconfig: S('reqws', 'rst', false), 'rst-class': S('reqws', 'rst', false),
  class: S('reqws', 'rst', false),
  versionadded: S('req+opt', 'rst', false), versionchanged: S('req+opt', 'rst', false), deprecated: S('req+opt', 'rst', false),
  hlist: S('none', 'rst', true),
  // sphinx-design, sphinx-tabs
  'tab-set': S('none', 'rst', true), 'tab-item': S('reqws', 'rst', true), dropdown: S('optws', 'rst', true),
  grid: S('optws', 'rst', true), 'grid-item': S('none', 'rst', true), 'grid-item-card': S('optws', 'rst', true),
  card: S('optws', 'rst', true), div: S('optws', 'rst', true), tabs: S('none', 'rst', true), tab: S('reqws', 'rst', true),
  'group-tab': S('reqws', 'rst', true),
  // object descriptions
  'py:function': S('reqws', 'rst', true), 'py:class': S('reqws', 'rst', true), 'py:method': S('reqws', 'rst', true),
  function: S('reqws', 'rst', true), autoclass: S('reqws', 'rst', true), automodule: S('reqws', 'rst', true),
  'c:function': S('reqws', 'rst', true), 'std:option': S('reqws', 'rst', true), describe: S('reqws', 'rst', true),
  confval: S('reqws', 'rst', true), envvar: S('reqws', 'rst', true), 'py:module': S('req', 'rst', true),
  // literal content
  'code-block': S('opt', 'literal', true), sourcecode: S('opt', 'literal', true), code: S('opt', 'literal', true),
  'parsed-literal': S('none', 'literal', true), toctree: S('none', 'literal', true), terminal: S('none', 'literal', true),
  raw: S('reqws', 'literal', true), math: S('optws', 'literal', true), 'csv-table': S('optws', 'literal', true),
  graphviz: S('opt', 'literal', true), mermaid: S('optws', 'literal', true), testcode: S('optws', 'literal', true),
  doctest: S('optws', 'literal', true), autosummary: S('none', 'literal', true), 'code-tab': S('req+opt', 'literal', true),
  'jupyter-execute': S('none', 'literal', true), 'line-block': S('none', 'literal', true),
  // no content
  literalinclude: S('reqws', 'none', true), image: S('reqws', 'none', true), include: S('reqws', 'none', true),
  rubric: S('reqws', 'none', true), index: S('reqws', 'none', true), contents: S('optws', 'none', true),
  sectnum: S('none', 'none', true), 'target-notes': S('none', 'none', true), centered: S('reqws', 'none', false),
  'py:currentmodule': S('req', 'none', false), program: S('reqws', 'none', false), highlight: S('req', 'none', true),
  todolist: S('none', 'none', false), youtube: S('reqws', 'none', true), 'program-output': S('reqws', 'none', true),
  // Sphinx glossary
  glossary: S('none', 'glossary', true),
};
// Unknown to the table: docsnip treats them as "optional title, options, rST body".
const UNKNOWN = ['callout', 'my-ext:panel', 'Custom-Box', 'widget', 'exercise', 'solution', 'margin', 'ext.thing'];
for (const n of UNKNOWN) DIRECTIVES[n] = S('optws', 'rst', true);

const NAMES = Object.keys(DIRECTIVES);
const RST_NAMES = NAMES.filter((n) => DIRECTIVES[n].content === 'rst');
/** weights: literalinclude and the common containers show up most */
function directiveName() {
  return weighted([
    [12, 'literalinclude'],
    [10, pick(['note', 'warning', 'tip', 'important', 'seealso'])],
    [8, pick(['code-block', 'code', 'sourcecode'])],
    [6, pick(['tab-set', 'tab-item', 'dropdown', 'grid', 'grid-item-card', 'card', 'tabs', 'tab'])],
    [5, pick(['container', 'admonition', 'topic', 'sidebar', 'only', 'figure', 'versionadded', 'deprecated'])],
    [4, pick(UNKNOWN)],
    [4, pick(NAMES)],
    [3, pick(['py:function', 'py:class', 'autoclass', 'function', 'describe', 'confval', 'c:function'])],
    [2, 'glossary'],
    [3, pick(['image', 'include', 'rubric', 'index', 'contents', 'toctree', 'raw', 'math', 'terminal'])],
  ]);
}

const OPTION_NAMES = [
  'lines', 'language', 'caption', 'class', 'name', 'linenos', 'emphasize-lines', 'width', 'alt', 'maxdepth',
  'sync', 'open', 'start-after', 'end-before', 'dedent', 'pyobject', 'members', 'noindex', 'color', 'icon',
  'link', 'columns', 'align', 'header-rows', 'force', 'diff', 'encoding', 'prepend', 'append', 'local',
];
function optionLines() {
  const n = int(1, 4);
  const used = new Set();
  const out = [];
  for (let i = 0; i < n; i++) {
    const name = pick(OPTION_NAMES);
    if (used.has(name)) continue;
    used.add(name);
    const value = weighted([
      [3, `${int(1, 40)}-${int(41, 90)}`],
      [2, ''],
      [3, words(int(1, 3))],
      [1, pick(['python', 'rst', 'bash', 'toml'])],
      [1, '.. note:: an option value'],
    ]);
    out.push(value === '' ? `:${name}:` : `:${name}: ${value}`);
    if (chance(0.05) && value !== '') out.push(`   ${words(2)}`); // value continued on an indented line
  }
  return out;
}

function argument(kind, name) {
  switch (kind) {
    case 'none':
      return '';
    case 'opt':
      return chance(0.7) ? pick(['python', 'rst', 'bash', 'console', 'text', 'json', 'c++']) : '';
    case 'optws':
      return chance(0.6) ? words(int(1, 4)) : '';
    case 'req':
      return name === 'figure' ? `images/${ident()}.png` : ident();
    case 'req+opt':
      return chance(0.5) ? `${int(1, 9)}.${int(0, 20)}` : `${int(1, 9)}.${int(0, 20)} ${words(int(1, 5))}`;
    case 'reqws':
      if (name === 'literalinclude' || name === 'include' || name === 'image') return path();
      if (name === 'raw') return pick(['html', 'latex', 'html latex']);
      if (/function|class|method|module|describe|confval|envvar|option/.test(name))
        return `${ident()}(${pick(['', 'a', 'a, b', 'x, *, y=None'])})`;
      return words(int(1, 4));
    default:
      throw new Error(kind);
  }
}

// ---------------------------------------------------------------- blocks
//
// A block is { lines: string[], kind } with lines already indented. The body
// generator joins blocks with blank lines.

const sp = (n) => ' '.repeat(n);
const indentWidth = () => weighted([[12, 3], [4, 2], [4, 4], [1, 1], [1, 5], [1, 6], [1, 8]]);

let budget = 0; // blocks left in the current file
let subst = 0; // substitution / footnote counters
let maxDepth = 6;
let deepMode = false; // files that favour nesting blocks, to reach 8-12 levels
// Files in "chaos" mode sometimes drop the blank line between sibling blocks,
// or indent a block a little more than its predecessor: paragraphs that swallow
// a directive line, definition lists and block quotes born from unexpected
// indentation, quoted literal blocks, lists that end without a blank line.
// Shifts only follow blocks that cannot end inside a directive (a shifted line
// that joins a directive's block changes its indentation, so its options
// would turn into argument text), and the blank line after a literal block is
// always kept (an unindented line right after a quoted literal block is an
// inconsistent quoting error that swallows what follows).
let chaos = false;

function paragraph(ind, nLines = int(1, 3)) {
  const lines = [sp(ind) + sentence()];
  for (let i = 1; i < nLines; i++) {
    // a continuation line that looks like a directive is paragraph text
    lines.push(sp(ind) + (chance(0.08) ? `.. ${pick(['note', 'literalinclude'])}:: ${words(2)}` : words(int(3, 10))));
  }
  return { kind: 'para', lines };
}

/** Literal text: code lines, some of which look like directives. */
function literalLines(ind, n = int(1, 6)) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const extra = chance(0.3) ? sp(int(1, 6)) : '';
    const line = weighted([
      [5, `${ident()} = ${int(0, 99)}`],
      [2, `def ${ident()}():`],
      [3, `.. ${pick(['note', 'literalinclude', 'tip', 'code-block'])}:: ${words(1)}`],
      [1, `   :lines: ${int(1, 9)}`],
      [1, ''],
    ]);
    out.push(line === '' ? '' : sp(ind) + extra + line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  if (out.length === 0 || out[0] === '') out.unshift(`${sp(ind)}print(${int(0, 9)})`);
  return out;
}

function directive(ind, depth, name = deepMode && chance(0.6) ? pick(RST_NAMES) : directiveName()) {
  const spec = DIRECTIVES[name];
  const head = weighted([
    [30, `.. ${name}::`],
    [1, `.. ${name.toUpperCase()}::`],
    [1, `..  ${name}::`],
    [1, `.. ${name} ::`],
  ]);
  const cw = indentWidth();
  const lines = [];
  const arg = argument(spec.args, name);
  const needsArgLine = spec.args === 'req' || spec.args === 'reqws' || spec.args === 'req+opt';
  let header = 0; // lines after the first that belong to arguments/options
  if (arg && needsArgLine && chance(0.12)) {
    lines.push(sp(ind) + head, sp(ind + cw) + arg); // argument on the next line
    header++;
  } else if (arg) {
    lines.push(`${sp(ind)}${head} ${arg}`);
  } else {
    lines.push(sp(ind) + head);
  }
  let firstLineText = false;
  if (!arg && spec.args === 'none' && spec.content === 'rst' && chance(0.3)) {
    // content that starts on the directive line: `.. note:: Text`
    lines[0] += ` ${sentence(int(3, 8))}`;
    firstLineText = true;
    if (chance(0.4)) lines.push(sp(ind + cw) + words(int(3, 8)));
  }
  if (spec.options && !firstLineText && chance(0.45)) {
    for (const o of optionLines()) lines.push(sp(ind + cw) + o);
    header++;
  }
  // With an argument slot, lines right below the head are argument text.
  const mustBlank = header > 0 || spec.args !== 'none' || firstLineText;
  if (spec.content === 'none' || budget <= 0) return { kind: 'directive', lines, contentKind: spec.content };

  let body = [];
  if (name === 'csv-table') {
    // docutils parses CSV cells as rST; keep directive-like text out of them
    body = Array.from({ length: int(1, 3) }, () => `${sp(ind + cw)}"${words(1)}", ${int(0, 99)}`);
  } else if (spec.content === 'literal') {
    if (chance(0.85)) body = literalLines(ind + cw);
  } else if (spec.content === 'glossary') {
    body = glossaryBody(ind + cw, depth + 1);
  } else if (depth < maxDepth && chance(0.9)) {
    body = bodyLines(ind + cw, depth + 1, int(1, 3));
  }
  if (body.length) {
    if (mustBlank || chance(0.85) || body[0].trim().startsWith(':')) lines.push('');
    lines.push(...body);
  }
  return { kind: 'directive', lines, contentKind: spec.content };
}

function glossaryBody(ind, depth) {
  const out = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    if (i) out.push('');
    if (chance(0.15)) {
      out.push(`${sp(ind)}.. a comment in the glossary`, `${sp(ind + 3)}.. literalinclude:: ${path()}`, '');
    }
    out.push(sp(ind) + words(int(1, 3)));
    if (chance(0.3)) out.push(sp(ind) + words(int(1, 2)));
    const dw = indentWidth();
    out.push(sp(ind + dw) + sentence());
    if (depth < maxDepth && chance(0.6)) {
      out.push('');
      out.push(...bodyLines(ind + dw, depth + 1, int(1, 2)));
    }
  }
  return out;
}

/**
 * A list item: the first block sits on the marker line. Bullet and enumerated
 * items have a fixed body indentation (the marker's width); field-list,
 * option-list and footnote bodies take the smallest indentation of their later
 * lines (`firstKnown`), so a directive on their marker line is only kept when
 * later blocks set that indentation to the marker's width.
 */
function item(ind, marker, depth, firstKnown = false) {
  const w = marker.length;
  const directiveFirst = depth < maxDepth && chance(0.3);
  const first = directiveFirst ? directive(ind + w, depth + 1) : paragraph(ind + w);
  const lines = [...first.lines];
  lines[0] = sp(ind) + marker + lines[0].slice(ind + w);
  if (depth < maxDepth && (chance(0.45) || (firstKnown && directiveFirst && lines.length > 1))) {
    lines.push('');
    lines.push(...bodyLines(ind + w, depth + 1, int(1, 2)));
  }
  return lines;
}

function bulletList(ind, depth) {
  const b = pick(['-', '*', '+']);
  const marker = `${b}${chance(0.85) ? ' ' : '   '}`;
  const out = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    if (i && (out.length > 1 || chance(0.7))) out.push('');
    out.push(...item(ind, marker, depth));
  }
  return { kind: 'list', lines: out };
}

const toRoman = (n) => ['i', 'ii', 'iii', 'iv', 'v', 'vi'][n - 1];
function enumList(ind, depth) {
  const fmt = pick(['1.', '(1)', '1)', '#.', '(#)', 'a.', '(a)', 'A.', 'i)', 'I.']);
  const label = (k) => {
    if (fmt.includes('#')) return fmt;
    if (fmt.includes('1')) return fmt.replace('1', String(k));
    if (fmt.includes('a')) return fmt.replace('a', 'abcdef'[k - 1]);
    if (fmt.includes('A')) return fmt.replace('A', 'ABCDEF'[k - 1]);
    if (fmt.includes('i')) return fmt.replace('i', toRoman(k));
    return fmt.replace('I', toRoman(k).toUpperCase());
  };
  const n = int(1, 3);
  const width = Math.max(...Array.from({ length: n }, (_, k) => label(k + 1).length)) + 1;
  const out = [];
  for (let k = 1; k <= n; k++) {
    if (k > 1) out.push('');
    const l = label(k);
    out.push(...item(ind, l + sp(width - l.length), depth));
  }
  return { kind: 'list', lines: out };
}

function definitionList(ind, depth) {
  const out = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    if (i) out.push('');
    out.push(sp(ind) + words(int(1, 3)) + (chance(0.2) ? ` : ${words(1)}` : ''));
    const dw = indentWidth();
    if (depth < maxDepth && chance(0.35)) {
      out.push(...directive(ind + dw, depth + 1).lines);
    } else {
      out.push(...paragraph(ind + dw).lines);
    }
    if (depth < maxDepth && chance(0.4)) {
      out.push('');
      out.push(...bodyLines(ind + dw, depth + 1, int(1, 2)));
    }
  }
  return { kind: 'list', lines: out };
}

function fieldList(ind, depth) {
  const out = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    const name = pick(['param x', 'returns', 'type x', 'Author', 'Version', 'Example', 'Note', 'raises ValueError']);
    const marker = `:${name}: `;
    if (depth < maxDepth && chance(0.2)) {
      out.push(...item(ind, marker, depth, true));
    } else {
      out.push(`${sp(ind)}:${name}: ${words(int(2, 6))}`);
      if (depth < maxDepth && chance(0.4)) {
        out.push('');
        out.push(...bodyLines(ind + int(2, 4), depth + 1, int(1, 2)));
      }
    }
  }
  return { kind: 'list', lines: out };
}

function optionList(ind, depth) {
  const out = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    const opt = pick(['-a', '-b FILE', '--all', '--input=FILE', '-f FILE, --file=FILE', '/V', '--verbose']);
    out.push(`${sp(ind)}${opt}  ${words(int(2, 6))}`);
    if (depth < maxDepth && chance(0.35)) {
      out.push('');
      out.push(...bodyLines(ind + int(2, 6), depth + 1, 1));
    }
  }
  return { kind: 'list', lines: out };
}

function quote(ind, depth) {
  const lines = [...paragraph(ind).lines, ''];
  const qi = ind + int(2, 6);
  lines.push(...bodyLines(qi, depth + 1, int(1, 2)));
  if (chance(0.15)) lines.push('', `${sp(qi)}-- ${pick(CAP_WORDS)} ${words(1)}`);
  return { kind: 'quote', lines };
}

function literalBlock(ind) {
  const intro = pick([`${sentence().slice(0, -1)}::`, `${sentence().slice(0, -1)} ::`, '::', `${sentence().slice(0, -1)}: ::`]);
  const lines = [sp(ind) + intro, ''];
  if (chance(0.2)) {
    const q = pick(['>', '|', '%', '$']);
    for (let i = int(1, 3); i > 0; i--) lines.push(`${sp(ind)}${q} ${chance(0.4) ? '.. note:: quoted' : words(3)}`);
  } else {
    lines.push(...literalLines(ind + indentWidth()));
  }
  return { kind: 'literal', lines };
}

function comment(ind) {
  return {
    kind: 'comment',
    lines: weighted([
      [3, [`${sp(ind)}.. ${words(int(2, 6))}`]],
      [2, [`${sp(ind)}.. .. ${pick(['note', 'literalinclude', 'code-block'])}:: ${words(1)}`]],
      [2, [`${sp(ind)}..`, `${sp(ind + 3)}${words(3)}`, `${sp(ind + 3)}.. literalinclude:: ${path()}`, `${sp(ind + 6)}:lines: 1-2`]],
      [1, [`${sp(ind)}.. ${words(2)}`, '', `${sp(ind + 3)}.. note:: still in the comment`]],
      [1, [`${sp(ind)}.. note: ${words(2)}`]],
      [1, [`${sp(ind)}.. note  :: ${words(2)}`]],
    ]),
  };
}

function substitution(ind) {
  subst++;
  const name = `${pick(['logo', 'ver', 'sym', 'badge', 'pic'])}${subst}`;
  return {
    kind: 'subst',
    lines: weighted([
      [3, [`${sp(ind)}.. |${name}| image:: ${path().replace(/\.\w+$/, '.png')}`, ...(chance(0.5) ? [`${sp(ind + 3)}:alt: ${words(2)}`] : [])]],
      [3, [`${sp(ind)}.. |${name}| replace:: ${words(int(1, 4))}`]],
      [1, [`${sp(ind)}.. |${name}| unicode:: U+00A9`]],
      [1, [`${sp(ind)}.. |${name}| date:: %Y`]],
    ]),
  };
}

function target(ind) {
  return {
    kind: 'target',
    lines: [
      pick([
        `${sp(ind)}.. _${ident()}:`,
        `${sp(ind)}.. _${ident()}: https://example.org/${ident()}`,
        `${sp(ind)}__ https://example.org/${ident()}`,
        `${sp(ind)}.. __: https://example.org/${ident()}`,
      ]),
    ],
  };
}

function footnote(ind, depth) {
  subst++;
  const label = pick(['#', `${subst}`, `#fn${subst}`, '*', `CIT${subst}`]);
  const lines = item(ind, `.. [${label}] `, depth, true);
  return { kind: 'footnote', lines };
}

function lineBlock(ind) {
  const out = [];
  for (let i = int(1, 3); i > 0; i--) out.push(`${sp(ind)}| ${chance(0.3) ? '.. note:: in a line block' : words(4)}`);
  return { kind: 'lineblock', lines: out };
}

function doctest(ind) {
  return {
    kind: 'doctest',
    lines: [`${sp(ind)}>>> print(${int(0, 9)})`, `${sp(ind)}${int(0, 9)}`, ...(chance(0.4) ? [`${sp(ind)}.. note:: doctest output`] : [])],
  };
}

function table(ind) {
  if (chance(0.5)) {
    return {
      kind: 'table',
      lines: ['=====  ======', 'col    other', '=====  ======', 'abc    def', 'ghi    jkl', '=====  ======'].map((l) => sp(ind) + l),
    };
  }
  return {
    kind: 'table',
    lines: ['+------+-------+', '| a    | b     |', '+======+=======+', '| text | more  |', '+------+-------+'].map((l) => sp(ind) + l),
  };
}

function block(ind, depth) {
  budget--;
  const deep = depth < maxDepth;
  const gen = weighted([
    [deepMode && deep ? 4 : 14, 'para'],
    [deep ? (deepMode ? 40 : 22) : 6, 'directive'],
    [deep ? (deepMode ? 8 : 5) : 0, 'bullet'],
    [deep ? 3 : 0, 'enum'],
    [deep ? 3 : 0, 'deflist'],
    [deep ? 2 : 0, 'fields'],
    [deep ? 1 : 0, 'options'],
    [deep ? 3 : 0, 'quote'],
    [4, 'literal'],
    [3, 'comment'],
    [2, 'subst'],
    [2, 'target'],
    [deep ? 2 : 0, 'footnote'],
    [1, 'lineblock'],
    [1, 'doctest'],
    [1, 'table'],
  ]);
  switch (gen) {
    case 'para': return paragraph(ind);
    case 'directive': return directive(ind, depth);
    case 'bullet': return bulletList(ind, depth);
    case 'enum': return enumList(ind, depth);
    case 'deflist': return definitionList(ind, depth);
    case 'fields': return fieldList(ind, depth);
    case 'options': return optionList(ind, depth);
    case 'quote': return quote(ind, depth);
    case 'literal': return literalBlock(ind);
    case 'comment': return comment(ind);
    case 'subst': return substitution(ind);
    case 'target': return target(ind);
    case 'footnote': return footnote(ind, depth);
    case 'lineblock': return lineBlock(ind);
    case 'doctest': return doctest(ind);
    case 'table': return table(ind);
    default: throw new Error(gen);
  }
}

/** How far to indent the next sibling block beyond ind (chaos mode only). */
function shiftAfter(prev) {
  if (!chaos || !prev || !chance(0.07)) return 0;
  return ['para', 'lineblock', 'doctest', 'target', 'table'].includes(prev.kind) ? int(1, 3) : 0;
}
const dropBlank = (prev) => chaos && prev && prev.kind !== 'literal' && chance(0.12);

/** n body blocks at indentation ind, separated by blank lines. */
function bodyLines(ind, depth, n) {
  const out = [];
  let prev = null;
  for (let i = 0; i < n; i++) {
    const b = block(ind + shiftAfter(prev), depth);
    if (out.length && !dropBlank(prev)) {
      out.push('');
      if (chance(0.05)) out.push('');
    }
    out.push(...b.lines);
    prev = b;
  }
  return out;
}

// ---------------------------------------------------------------- documents

const ADORN = ['=', '-', '~', '^'];
function title(level, overline) {
  const text = `${pick(CAP_WORDS)} ${words(int(1, 4))}`.replace(/[`*|:_]/g, '');
  const bar = ADORN[level].repeat(text.length + (overline ? 2 : int(0, 3)));
  return overline ? [bar, ` ${text}`, bar] : [text, bar];
}

function sectionBody(level, depth) {
  const out = [];
  const n = int(1, 4);
  let prev = null;
  for (let i = 0; i < n && budget > 0; i++) {
    const b = block(shiftAfter(prev), depth);
    if (out.length && !dropBlank(prev)) out.push('');
    out.push(...b.lines);
    prev = b;
    if (level === 0 && i < n - 1 && b.kind === 'para' && chance(0.1)) out.push('', '-'.repeat(int(4, 12)));
  }
  return out;
}

function documentLines() {
  const out = [];
  if (chance(0.3)) out.push(...bodyLines(0, 0, 1), '');
  if (chance(0.6)) out.push(...title(0, true), '');
  // an intro before the first section
  out.push(...sectionBody(0, 0));
  const sections = int(1, 4);
  for (let s = 0; s < sections && budget > 0; s++) {
    const level = int(1, Math.min(2, s + 1));
    out.push('', ...title(level, false));
    if (chance(0.15)) out.push(...directive(0, 0).lines); // directive right after the underline
    else out.push('');
    out.push(...sectionBody(level, 0));
    if (chance(0.15)) {
      // a list item followed by a directive without a blank line
      out.push('', `- ${words(3)}`, ...directive(0, 0, pick(['note', 'literalinclude', 'tip'])).lines);
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

function render(lines) {
  let text = lines;
  if (chance(0.12)) {
    // tabs for indentation: a tab at column 0 expands to eight spaces
    text = text.map((l) => (l.startsWith('        ') && chance(0.7) ? `\t${l.slice(8)}` : l));
  }
  if (chance(0.1)) text = text.map((l) => (l && chance(0.2) ? l + pick([' ', '  ', '\t', '   ']) : l));
  const nl = chance(0.06) ? '\r\n' : '\n';
  let s = text.join(nl) + (chance(0.95) ? nl : '');
  if (chance(0.05)) s = `\uFEFF${s}`;
  return s;
}

function generate(n) {
  rand = mulberry32(SEED + n * 7919);
  maxDepth = weighted([[3, int(2, 4)], [4, int(5, 7)], [2, int(8, 12)]]);
  deepMode = maxDepth >= 8;
  chaos = chance(0.3);
  budget = deepMode ? int(40, 80) : int(12, 55);
  subst = 0;
  return render(documentLines());
}

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (/^gen-\d+\.rst$/.test(f)) unlinkSync(join(OUT, f));
let bytes = 0;
for (let n = 1; n <= COUNT; n++) {
  const text = generate(n);
  bytes += Buffer.byteLength(text);
  writeFileSync(join(OUT, `gen-${String(n).padStart(3, '0')}.rst`), text);
}
console.log(`wrote ${COUNT} files (${(bytes / 1024).toFixed(0)} KiB) to ${OUT}`);
