#!/usr/bin/env node
// Deterministic generator for fixtures/myst-corpus/gen-NNN.md.
//
//   node scripts/gen-myst-corpus.mjs [--count 45] [--seed 20240917] [--out DIR]
//
// Plain Node ESM, no dependencies. Every file is built from its own PRNG
// (mulberry32 seeded with seed + file number), so the output depends only on
// the seed and the count. It composes random MyST Markdown documents from the
// shapes real Sphinx/MyST projects use: headings, paragraphs, `(label)=`
// targets, `%` comments, bullet and ordered lists, block quotes, HTML blocks,
// indented code blocks, plain code fences, and directives written as backtick,
// tilde and colon fences (indented up to three spaces, `:key:` or `---` YAML
// option blocks, text on the fence line, closing fences longer than the
// opening one, the last one of a document sometimes left open), nested at
// random depths inside each other, in list items and in block quotes;
// `{code-block}` and plain fences whose bodies show directive syntax;
// `{eval-rst}` blocks holding reStructuredText directives (nested, commented
// out, in substitution definitions); with per-file variations: front matter,
// CRLF line endings, a UTF-8 BOM, tabs, trailing whitespace.
//
// Every generated directive block parses with MyST-Parser 0.18 (the golden
// script refuses a gen file where MyST rejects a block): arguments follow
// src/readers/rst/directive-specs.ts, option values are YAML scalars (quoted
// where brackets or colons would make them something else), a directive that
// takes no content gets none, a body never starts with a `:` line that MyST
// would read as options, and an outer fence is always longer than any fence of
// the same character inside it.
//
// After changing this script: regenerate, then run
// `npm run build && node scripts/update-myst-corpus-golden.mjs` and commit both.

import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const COUNT = Number(arg('count', '45'));
const SEED = Number(arg('seed', '20240917'));
const OUT = arg('out', fileURLToPath(new URL('../fixtures/myst-corpus/', import.meta.url)));

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
const INLINE = ['`code`', '*emphasis*', '**strong**', '{ref}`label`', '{func}`run`', '[a link](https://example.org)', '`{literalinclude}`', '`` ```{note} ``'];

function words(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(pick(WORDS));
  return out.join(' ');
}
const title = () => `${pick(CAP_WORDS)} ${words(int(1, 4))}`;
const slug = () => `${pick(WORDS)}-${pick(WORDS)}`.replace(/[^a-z-]/g, 'x');
const path = () => {
  const dir = pick(['../examples', '../src', 'snippets', '../../code', '_static']);
  const base = chance(0.15) ? `${pick(WORDS)} ${pick(WORDS)}` : slug();
  return `${dir}/${base}.${pick(['py', 'js', 'toml', 'yaml', 'rs', 'sh', 'txt'])}`;
};

function paragraph() {
  const lines = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    let line = `${pick(CAP_WORDS)} ${words(int(3, 9))}`;
    if (chance(0.3)) line += ` ${pick(INLINE)} ${words(int(1, 4))}`;
    lines.push(`${line}${i === n - 1 ? '.' : ''}`);
  }
  return lines;
}

// ---------------------------------------------------------------- options

/** A YAML-safe option value for MyST-Parser 0.18 (`key: value` must load as a scalar). */
function optionValue(key) {
  switch (key) {
    case 'language':
      return pick(['python', 'toml', 'yaml', 'bash', 'text', 'json', 'rust']);
    case 'lines':
      return pick(['1-3', '2-', '5', '1,3-4', '"10-20"']);
    case 'start-after':
    case 'end-before':
    case 'start-at':
    case 'end-at':
      return pick([`"[docs:${slug()}]"`, `"# [${slug()}]"`, `'# ${slug()}'`, `"<!-- ${slug()} -->"`, slug()]);
    case 'emphasize-lines':
      return pick(['2,3', '1', '"4-6"', '2, 4']);
    case 'caption':
      return pick([`"${title()}"`, title(), `"Step ${int(1, 9)}: ${words(2)}"`]);
    case 'dedent':
      return pick(['', '4', '2']);
    case 'class':
      return pick(['tip', 'highlighted', 'wide', 'sd-shadow-sm']);
    case 'name':
      return slug();
    case 'color':
      return pick(['info', 'primary', 'warning']);
    case 'sync':
      return pick(['py', 'js', 'key1']);
    case 'gutter':
      return pick(['1', '2', '3']);
    case 'pyobject':
      return pick(['Client.connect', 'main', 'retry']);
    default:
      return '';
  }
}

const LITERALINCLUDE_KEYS = ['language', 'lines', 'start-after', 'end-before', 'emphasize-lines', 'caption', 'dedent', 'linenos', 'name', 'pyobject', 'start-at', 'end-at'];
const CONTAINER_KEYS = ['class', 'name'];

/** Option lines: [] or `:key: value` lines or a `---` YAML block. */
function optionLines(keys, style) {
  const n = int(1, Math.min(4, keys.length));
  const chosen = [];
  while (chosen.length < n) {
    const k = pick(keys);
    if (!chosen.includes(k)) chosen.push(k);
  }
  const pairs = chosen.map((k) => [k, optionValue(k)]);
  if (style === 'yaml') {
    const close = pick(['---', '---', '-----']);
    return ['---', ...pairs.map(([k, v]) => (v ? `${k}: ${v}` : `${k}:`)), close];
  }
  const indent = chance(0.1) ? pick([' ', '  ']) : '';
  return pairs.map(([k, v]) => `${indent}:${k}:${v ? ` ${v}` : ''}`);
}

// ---------------------------------------------------------------- fences

/** The longest run of `ch` starting a (whitespace-trimmed) line of `lines`. */
function longestRun(lines, ch) {
  let max = 0;
  for (const l of lines) {
    const t = l.trimStart();
    let n = 0;
    while (t[n] === ch) n++;
    max = Math.max(max, n);
  }
  return max;
}

/**
 * A fenced directive: `{name}` + argument, options, body lines.
 * `char`: '`', '~' or ':'; the fence is made longer than any same-character
 * fence in the body so that nothing inside closes it.
 */
function fence(char, info, options, body, { unclosed = false } = {}) {
  const inner = [...options, ...body];
  const len = Math.max(3, longestRun(inner, char) + 1) + (chance(0.1) ? 1 : 0);
  const open = char.repeat(len);
  const closeLen = chance(0.1) ? len + int(1, 3) : len;
  const out = [`${open}${info}`, ...inner];
  if (!unclosed) out.push(char.repeat(closeLen) + (chance(0.05) ? '  ' : ''));
  return out;
}

/** Body lines after options: MyST must not read the first line as options. */
function joinBody(options, body, hasOptionSpec, colonOuter) {
  if (body.length === 0) return { options, body };
  const first = body[0].trimStart();
  const needsBlank =
    (hasOptionSpec && first.startsWith(':') && !(colonOuter && options.length === 0 && body[0].startsWith(':::'))) ||
    (hasOptionSpec && options.length === 0 && first.startsWith('---'));
  if (needsBlank || (options.length > 0 && chance(0.6))) return { options, body: ['', ...body] };
  return { options, body };
}

const fenceChar = (allowColon = true) =>
  weighted([[6, '`'], [2, '~'], ...(allowColon ? [[3, ':']] : [])]);

// ---------------------------------------------------------------- directives

function nameCase(name) {
  if (chance(0.04)) return name.charAt(0).toUpperCase() + name.slice(1);
  return name;
}

function literalinclude() {
  const style = weighted([[3, 'none'], [6, 'colon'], [2, 'yaml']]);
  const opts = style === 'none' ? [] : optionLines(LITERALINCLUDE_KEYS, style);
  const spaces = chance(0.1) ? '   ' : ' ';
  const info = `${chance(0.08) ? ' ' : ''}{${nameCase('literalinclude')}}${spaces}${path()}`;
  return fence(fenceChar(), info, opts, []);
}

function leafNoContent() {
  const kind = pick(['include', 'image', 'contents', 'literalinclude', 'literalinclude']);
  if (kind === 'literalinclude') return literalinclude();
  if (kind === 'contents') return fence(fenceChar(), `{contents}${chance(0.5) ? ` ${title()}` : ''}`, chance(0.5) ? [':depth: 2'] : [], []);
  if (kind === 'image') return fence(fenceChar(), `{image} _static/${slug()}.png`, chance(0.5) ? [`:alt: "${title()}"`] : [], []);
  return fence(fenceChar(), `{include} ${pick(['../README.md', 'snippets/shared.md', '_includes/part.md'])}`, chance(0.4) ? [':relative-docs: docs/'] : [], []);
}

/** A directive (or plain fence) whose body is literal, often showing directive syntax. */
function literalBlock() {
  const shown = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    shown.push(
      ...pick([
        () => ['```{literalinclude} shown/' + slug() + '.py', ':language: python', '```'],
        () => [':::{note}', words(4), ':::'],
        () => ['.. literalinclude:: shown.py', '   :lines: 1-2'],
        () => ['~~~{tip}', words(3), '~~~'],
        () => [`def ${pick(WORDS)}():`, '    return 1'],
        () => ['    ```{literalinclude} indented.py', '    ```'],
      ])(),
    );
  }
  const kind = pick(['code-block', 'sourcecode', 'code', 'plain', 'plain', 'math', 'mermaid', 'toctree']);
  const char = fenceChar(kind !== 'plain');
  if (kind === 'plain') return fence(char === ':' ? '`' : char, pick(['', 'markdown', 'md', 'rst', 'text', 'python']), [], shown);
  if (kind === 'toctree') {
    const opts = chance(0.5) ? [':maxdepth: 2'] : [];
    const { options, body } = joinBody(opts, [slug(), slug(), '```{literalinclude} not-a-directive.py'], true, char === ':');
    return fence(char, '{toctree}', options, body);
  }
  if (kind === 'math') return fence(char, '{math}', chance(0.4) ? [':label: eq-' + slug()] : [], ['e^{i\\pi} + 1 = 0']);
  const arg = kind === 'mermaid' ? '' : pick(['', ' python', ' markdown', ' rst']);
  const opts = chance(0.4) ? optionLines(['caption', 'name', 'class', 'emphasize-lines'], 'colon') : [];
  const { options, body } = joinBody(opts, kind === 'mermaid' ? ['graph TD', '  A --> B'] : shown, true, char === ':');
  return fence(char, `{${nameCase(kind)}}${arg}`, options, body);
}

/** An `{eval-rst}` block with reStructuredText directives. */
function evalRst() {
  const rst = [];
  const n = int(1, 3);
  for (let i = 0; i < n; i++) {
    if (i > 0) rst.push('');
    rst.push(
      ...pick([
        () => [`.. literalinclude:: ${path()}`, ...(chance(0.6) ? ['   :language: python', `   :start-after: [docs:${slug()}]`] : [])],
        () => ['.. note::', '', `   ${words(5)}`, '', `   .. literalinclude:: ${path()}`, '      :lines: 1-4'],
        () => ['.. code-block:: rst', '', '   .. literalinclude:: shown-only.rst'],
        () => ['..', '   .. literalinclude:: commented-out.py'],
        () => [`.. |${pick(WORDS)}| image:: _static/${slug()}.png`],
        () => [`${pick(CAP_WORDS)} ${words(6)}.`],
        () => ['.. tip::', `   ${words(4)}`, '', '   .. code-block:: python', '', '      print(1)'],
      ])(),
    );
  }
  const char = fenceChar();
  const info = `{eval-rst}${chance(0.1) ? ' ignored' : ''}`;
  return fence(char, info, [], rst);
}

const ADMONITIONS = ['note', 'tip', 'warning', 'important', 'hint', 'caution', 'attention', 'danger', 'error', 'seealso', 'todo'];

/** A directive with a MyST body holding nested blocks. */
function container(depth) {
  const kind = weighted([
    [6, 'admonition-like'],
    [2, 'admonition'],
    [3, 'dropdown'],
    [2, 'tab-set'],
    [1, 'grid'],
    [2, 'unknown'],
    [1, 'topic'],
    [1, 'only'],
    [1, 'versionadded'],
  ]);
  const char = fenceChar();
  let info;
  let keys = CONTAINER_KEYS;
  let hasOptionSpec = true;
  let body;
  switch (kind) {
    case 'admonition-like':
      info = `{${nameCase(pick(ADMONITIONS))}}${chance(0.15) ? ` ${title()}` : ''}`;
      break;
    case 'admonition':
      info = `{admonition} ${title()}`;
      break;
    case 'dropdown':
      info = `{dropdown}${chance(0.8) ? ` ${title()}` : ''}`;
      keys = ['open', 'color', 'class', 'name'];
      break;
    case 'tab-set': {
      info = '{tab-set}';
      keys = ['class'];
      body = [];
      const n = int(1, 3);
      for (let i = 0; i < n; i++) {
        if (i > 0 && chance(0.6)) body.push('');
        const inner = blocks(depth + 1, int(1, 2));
        const itemChar = fenceChar();
        const opts = chance(0.4) ? [`:sync: ${optionValue('sync')}`] : [];
        const j = joinBody(opts, inner, true, itemChar === ':');
        body.push(...fence(itemChar, `{tab-item} ${pick(['Python', 'JavaScript', 'Rust 1.70', 'From source', 'pip', 'conda'])}`, j.options, j.body));
      }
      break;
    }
    case 'grid': {
      info = `{grid}${chance(0.7) ? ` ${pick(['2', '1 2 2 2', '3'])}` : ''}`;
      keys = ['gutter', 'class'];
      body = [];
      const n = int(1, 2);
      for (let i = 0; i < n; i++) {
        if (i > 0) body.push('');
        const inner = blocks(depth + 1, int(1, 2));
        const cardChar = fenceChar();
        const j = joinBody([], inner, true, cardChar === ':');
        body.push(...fence(cardChar, `{grid-item-card}${chance(0.7) ? ` ${title()}` : ''}`, j.options, j.body));
      }
      break;
    }
    case 'unknown':
      info = `{${pick(['my-box', 'custom-panel', 'ext:widget', 'exercise', 'solution'])}}${chance(0.5) ? ` ${title()}` : ''}`;
      break;
    case 'topic':
      info = `{${pick(['topic', 'sidebar'])}} ${title()}`;
      break;
    case 'only':
      info = `{only} ${pick(['html', 'latex', 'not latex'])}`;
      hasOptionSpec = false;
      break;
    case 'versionadded':
      info = `{${pick(['versionadded', 'versionchanged', 'deprecated'])}} ${int(1, 3)}.${int(0, 9)}${chance(0.5) ? ` ${words(3)}` : ''}`;
      hasOptionSpec = false;
      break;
  }
  body ??= blocks(depth + 1, int(1, 3));
  const style = hasOptionSpec ? weighted([[5, 'none'], [4, 'colon'], [1, 'yaml']]) : 'none';
  const opts = style === 'none' ? [] : optionLines(keys, style);
  const j = joinBody(opts, body, hasOptionSpec, char === ':');
  return fence(char, info, j.options, j.body);
}

// ---------------------------------------------------------------- containers

function listBlock(depth) {
  const ordered = chance(0.4);
  const bullet = pick(['-', '*', '+']);
  const delim = pick(['.', ')']);
  const out = [];
  const n = int(1, 3);
  const start = int(1, 3);
  for (let i = 0; i < n; i++) {
    if (i > 0 && chance(0.7)) out.push('');
    const marker = ordered ? `${start + i}${delim}` : bullet;
    // a tab for a four-column continuation indent, in top-level lists only
    const tabbed = tabs && depth === 0 && marker.length < 4;
    const pad = tabbed ? ' '.repeat(4 - marker.length) : chance(0.15) ? '   ' : ' ';
    const head = marker + pad;
    const cont = tabbed ? '\t' : ' '.repeat(head.length);
    const content = [];
    if (chance(0.7)) content.push(...paragraph(), '');
    content.push(...blocks(depth + 1, int(1, 2), { inContainer: true }));
    while (content.length && content[content.length - 1] === '') content.pop();
    content.forEach((line, k) => out.push(k === 0 ? head + line : line === '' ? '' : cont + line));
  }
  return out;
}

function quoteBlock(depth) {
  const content = [];
  if (chance(0.6)) content.push(...paragraph(), '');
  content.push(...blocks(depth + 1, int(1, 2), { inContainer: true }));
  while (content.length && content[content.length - 1] === '') content.pop();
  const marker = pick(['> ', '> ', '>']);
  return content.map((l) => (l === '' ? '>' : marker === '>' && /^[ \t]/.test(l) ? `> ${l}` : marker + l));
}

function htmlBlock() {
  const tag = pick(['div', 'section', 'details']);
  return [`<${tag} class="${slug()}">`, '```{literalinclude} inside-html.py', '```', `</${tag}>`];
}

function indentedCode() {
  return ['    ```{literalinclude} in-indented-code.py', '    ```', `    ${words(3)}`];
}

function heading() {
  return [`${'#'.repeat(int(1, 3))} ${title()}`];
}

// ---------------------------------------------------------------- documents

let maxDepth = 3;
let tabs = false;

/** `count` blocks separated by blank lines. */
function blocks(depth, count, { inContainer = false } = {}) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const deep = depth < maxDepth;
    const b = weighted([
      [4, 'paragraph'],
      [6, 'literalinclude'],
      [2, 'leaf'],
      [3, 'literal'],
      [deep ? 6 : 0, 'container'],
      [deep ? 2 : 0, 'list'],
      [deep ? 1.5 : 0, 'quote'],
      [2, 'eval-rst'],
      [inContainer ? 0 : 1, 'indented'],
      [inContainer ? 0 : 0.7, 'html'],
    ]);
    let lines;
    switch (b) {
      case 'paragraph': lines = paragraph(); break;
      case 'literalinclude': lines = literalinclude(); break;
      case 'leaf': lines = leafNoContent(); break;
      case 'literal': lines = literalBlock(); break;
      case 'container': lines = container(depth); break;
      case 'list': lines = listBlock(depth); break;
      case 'quote': lines = quoteBlock(depth); break;
      case 'eval-rst': lines = evalRst(); break;
      case 'indented': lines = indentedCode(); break;
      case 'html': lines = htmlBlock(); break;
    }
    // fences may be indented by up to three spaces (all their lines with them)
    if (!inContainer && /^[`~:]{3}/.test(lines[0]) && chance(0.1)) {
      const ind = ' '.repeat(int(1, 3));
      lines = lines.map((l) => (l === '' ? '' : ind + l));
    }
    // a fence may interrupt a paragraph: no blank line after it
    const glue = i > 0 && !['paragraph', 'indented', 'list', 'quote'].includes(b) && out.length && /^[A-Z]/.test(out[out.length - 1]) && chance(0.15);
    if (i > 0 && !glue) out.push('');
    out.push(...lines);
  }
  return out;
}

function documentLines() {
  const out = [];
  if (chance(0.12)) out.push('---', `title: ${title()}`, `tags: [${pick(WORDS)}, ${pick(WORDS)}]`, '---', '');
  out.push(`# ${title()}`, '');
  if (chance(0.3)) out.push(`(${slug()})=`);
  const sections = int(1, 4);
  for (let s = 0; s < sections; s++) {
    if (s > 0) out.push('', ...heading(), '');
    if (chance(0.15)) out.push(`% ${words(3)} \`\`\`{literalinclude} commented.py`, '');
    out.push(...blocks(0, int(2, 5)));
  }
  // sometimes the document ends inside an open container
  if (chance(0.12)) {
    const char = fenceChar();
    out.push('', ...fence(char, `{${pick(ADMONITIONS)}}`, [], [...paragraph(), '', ...literalinclude()], { unclosed: true }));
  }
  return out;
}

function render(lines) {
  let text = lines;
  if (chance(0.1)) text = text.map((l) => (l && /[a-z.]$/.test(l) && chance(0.2) ? l + pick([' ', '  ']) : l));
  const nl = chance(0.1) ? '\r\n' : '\n';
  let s = text.join(nl) + (chance(0.9) ? nl : '');
  if (chance(0.06)) s = `\uFEFF${s}`;
  return s;
}

function generate(n) {
  rand = mulberry32(SEED + n * 7919);
  maxDepth = weighted([[3, int(1, 2)], [4, int(3, 4)], [2, int(5, 6)]]);
  tabs = chance(0.15);
  return render(documentLines());
}

mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) if (/^gen-\d+\.md$/.test(f)) unlinkSync(join(OUT, f));
let bytes = 0;
for (let n = 1; n <= COUNT; n++) {
  const text = generate(n);
  bytes += Buffer.byteLength(text);
  writeFileSync(join(OUT, `gen-${String(n).padStart(3, '0')}.md`), text);
}
console.log(`wrote ${COUNT} files (${(bytes / 1024).toFixed(0)} KiB) to ${OUT}`);
