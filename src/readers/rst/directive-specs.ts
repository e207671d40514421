/**
 * How a directive's block is split into argument, options and content, and
 * whether its content is parsed as reStructuredText (so directives nested in
 * it are real directives).
 *
 * The numbers mirror the directive classes that docutils and Sphinx register
 * (`required_arguments`, `optional_arguments`, `final_argument_whitespace`,
 * whether `option_spec` is set, `has_content`). The docutils differential test
 * feeds this same table to docutils, so an entry that disagrees with the real
 * directive shows up there.
 */

/** What happens to a directive's content. */
export type ContentKind =
  /** parsed as reStructuredText body elements (admonitions, containers, lists) */
  | 'rst'
  /** kept as text: code, raw, math, toctree entries, terminal output */
  | 'literal'
  /** the directive accepts no content; content is an error */
  | 'none'
  /** Sphinx glossary: unindented lines are terms, indented blocks are parsed */
  | 'glossary';

export interface DirectiveSpec {
  readonly required: number;
  readonly optional: number;
  readonly finalWhitespace: boolean;
  readonly options: boolean;
  readonly content: ContentKind;
}

const spec = (
  required: number,
  optional: number,
  finalWhitespace: boolean,
  options: boolean,
  content: ContentKind,
): DirectiveSpec => Object.freeze({ required, optional, finalWhitespace, options, content });

/** An admonition-like directive: no argument, options, parsed content. */
const ADMONITION = spec(0, 0, true, true, 'rst');
/** A titled container: one argument (spaces allowed), options, parsed content. */
const TITLED = spec(1, 0, true, true, 'rst');
/** An object description (domain directive, autodoc): signature argument, parsed content. */
const OBJECT = spec(1, 0, true, true, 'rst');
/** A code block: optional language, options, literal content. */
const CODE = spec(0, 1, false, true, 'literal');

/**
 * Directive used for names this table does not know. Sphinx projects load
 * extensions we cannot see; the common shape is "optional title, options,
 * parsed body", and treating an unknown body as reStructuredText finds
 * literalincludes nested in custom containers.
 */
export const UNKNOWN_DIRECTIVE: DirectiveSpec = spec(0, 1, true, true, 'rst');

export const DIRECTIVE_SPECS: Readonly<Record<string, DirectiveSpec>> = Object.freeze({
  // docutils
  admonition: TITLED,
  attention: ADMONITION,
  caution: ADMONITION,
  danger: ADMONITION,
  error: ADMONITION,
  hint: ADMONITION,
  important: ADMONITION,
  note: ADMONITION,
  tip: ADMONITION,
  warning: ADMONITION,
  class: spec(1, 0, true, false, 'rst'),
  code: spec(0, 1, false, true, 'literal'),
  compound: spec(0, 0, false, true, 'rst'),
  container: spec(0, 1, true, true, 'rst'),
  contents: spec(0, 1, true, true, 'none'),
  'csv-table': spec(0, 1, true, true, 'literal'),
  date: spec(0, 0, false, false, 'literal'),
  'default-role': spec(0, 1, false, false, 'none'),
  epigraph: spec(0, 0, false, false, 'rst'),
  figure: spec(1, 0, true, true, 'rst'),
  footer: spec(0, 0, false, false, 'rst'),
  header: spec(0, 0, false, false, 'rst'),
  highlights: spec(0, 0, false, false, 'rst'),
  image: spec(1, 0, true, true, 'none'),
  include: spec(1, 0, true, true, 'none'),
  'line-block': spec(0, 0, false, true, 'literal'),
  'list-table': spec(0, 1, true, true, 'rst'),
  math: spec(0, 1, true, true, 'literal'),
  meta: spec(0, 0, false, false, 'literal'),
  'parsed-literal': spec(0, 0, false, true, 'literal'),
  'pull-quote': spec(0, 0, false, false, 'rst'),
  raw: spec(1, 0, true, true, 'literal'),
  replace: spec(0, 0, false, false, 'literal'),
  role: spec(0, 0, false, false, 'literal'),
  rubric: spec(1, 0, true, true, 'none'),
  sectnum: spec(0, 0, false, true, 'none'),
  sidebar: spec(0, 1, true, true, 'rst'),
  table: spec(0, 1, true, true, 'rst'),
  'target-notes': spec(0, 0, false, true, 'none'),
  title: spec(1, 0, true, false, 'none'),
  topic: TITLED,
  unicode: spec(1, 0, true, true, 'none'),

  // Sphinx
  acks: spec(0, 0, false, false, 'rst'),
  centered: spec(1, 0, true, false, 'none'),
  codeauthor: spec(1, 0, true, false, 'none'),
  'code-block': CODE,
  cssclass: spec(1, 0, true, false, 'rst'),
  'default-domain': spec(1, 0, false, false, 'none'),
  deprecated: spec(1, 1, true, false, 'rst'),
  describe: OBJECT,
  glossary: spec(0, 0, false, true, 'glossary'),
  highlight: spec(1, 0, false, true, 'none'),
  hlist: spec(0, 0, false, true, 'rst'),
  index: spec(1, 0, true, true, 'none'),
  literalinclude: spec(1, 0, true, true, 'none'),
  moduleauthor: spec(1, 0, true, false, 'none'),
  object: OBJECT,
  only: spec(1, 0, true, false, 'rst'),
  productionlist: spec(1, 0, true, false, 'none'),
  'rst-class': spec(1, 0, true, false, 'rst'),
  sectionauthor: spec(1, 0, true, false, 'none'),
  seealso: ADMONITION,
  sourcecode: CODE,
  tabularcolumns: spec(1, 0, true, false, 'none'),
  toctree: spec(0, 0, false, true, 'literal'),
  'version-added': spec(1, 1, true, false, 'rst'),
  'version-changed': spec(1, 1, true, false, 'rst'),
  'version-deprecated': spec(1, 1, true, false, 'rst'),
  'version-removed': spec(1, 1, true, false, 'rst'),
  versionadded: spec(1, 1, true, false, 'rst'),
  versionchanged: spec(1, 1, true, false, 'rst'),
  versionremoved: spec(1, 1, true, false, 'rst'),
  // Sphinx domains (the common ones; `py:`, `c:`, `cpp:`, `js:`, `rst:`, `std:`)
  'py:module': spec(1, 0, false, true, 'rst'),
  'py:currentmodule': spec(1, 0, false, false, 'none'),
  module: spec(1, 0, false, true, 'rst'),
  currentmodule: spec(1, 0, false, false, 'none'),
  'std:glossary': spec(0, 0, false, true, 'glossary'),
  'std:productionlist': spec(1, 0, true, false, 'none'),
  'c:namespace-push': spec(1, 0, true, false, 'none'),
  'c:namespace-pop': spec(0, 0, true, false, 'none'),
  'cpp:namespace-push': spec(1, 0, true, false, 'none'),
  'cpp:namespace-pop': spec(0, 0, true, false, 'none'),
  'js:module': spec(1, 0, false, true, 'rst'),
  'c:namespace': spec(1, 0, true, false, 'none'),
  'cpp:namespace': spec(1, 0, true, false, 'none'),
  program: spec(1, 0, true, false, 'none'),
  'std:program': spec(1, 0, true, false, 'none'),
  // sphinx.ext.*
  todo: ADMONITION,
  todolist: spec(0, 0, false, false, 'none'),
  ifconfig: spec(1, 0, true, false, 'rst'),
  graphviz: spec(0, 1, false, true, 'literal'),
  graph: spec(1, 0, false, true, 'literal'),
  digraph: spec(1, 0, false, true, 'literal'),
  'inheritance-diagram': spec(1, 0, true, true, 'none'),
  doctest: spec(0, 1, true, true, 'literal'),
  testcode: spec(0, 1, true, true, 'literal'),
  testoutput: spec(0, 1, true, true, 'literal'),
  testsetup: spec(0, 1, true, true, 'literal'),
  testcleanup: spec(0, 1, true, true, 'literal'),
  autosummary: spec(0, 0, false, true, 'literal'),
  // sphinx-design
  dropdown: spec(0, 1, true, true, 'rst'),
  'tab-set': spec(0, 0, false, true, 'rst'),
  'tab-item': spec(1, 0, true, true, 'rst'),
  'tab-set-code': spec(0, 0, false, true, 'rst'),
  grid: spec(0, 1, true, true, 'rst'),
  'grid-item': spec(0, 0, false, true, 'rst'),
  'grid-item-card': spec(0, 1, true, true, 'rst'),
  card: spec(0, 1, true, true, 'rst'),
  'card-carousel': spec(1, 0, false, true, 'rst'),
  'button-link': spec(1, 0, true, true, 'rst'),
  'button-ref': spec(1, 0, true, true, 'rst'),
  'article-info': spec(0, 0, false, true, 'none'),
  div: spec(0, 1, true, true, 'rst'),
  // sphinx-tabs
  tabs: spec(0, 0, false, true, 'rst'),
  tab: spec(1, 0, true, true, 'rst'),
  'group-tab': spec(1, 0, true, true, 'rst'),
  'code-tab': spec(1, 1, true, true, 'literal'),
  // other extensions common in Sphinx projects
  terminal: spec(0, 0, false, true, 'literal'),
  mermaid: spec(0, 1, true, true, 'literal'),
  plantuml: spec(0, 1, true, true, 'literal'),
  uml: spec(0, 1, true, true, 'literal'),
  plot: spec(0, 2, false, true, 'literal'),
  'jupyter-execute': spec(0, 0, false, true, 'literal'),
  ipython: spec(0, 0, true, true, 'literal'),
  youtube: spec(1, 0, true, true, 'none'),
  vimeo: spec(1, 0, true, true, 'none'),
  'spelling:word-list': spec(0, 0, false, false, 'literal'),
  'program-output': spec(1, 0, true, true, 'none'),
  'command-output': spec(1, 0, true, true, 'none'),
  'automodule': OBJECT,
  'autoclass': OBJECT,
  'autofunction': OBJECT,
  'automethod': OBJECT,
  'autoattribute': OBJECT,
  'autodata': OBJECT,
  'autoexception': OBJECT,
  'autoproperty': OBJECT,
  'autodecorator': OBJECT,
  'autonewtypedata': OBJECT,
  'autonewvarattribute': OBJECT,
});

/** Object-description directives of Sphinx's domains: `py:function`, `std:option`, … */
const DOMAIN_PREFIXES = ['py:', 'c:', 'cpp:', 'js:', 'rst:', 'std:', 'http:'];
const BARE_OBJECT_NAMES = new Set([
  'function', 'data', 'exception', 'method', 'classmethod', 'staticmethod', 'attribute',
  'property', 'type', 'decorator', 'decoratormethod', 'option', 'cmdoption', 'envvar', 'confval',
  'directive', 'directive:option',
]);

const SPECS = new Map(Object.entries(DIRECTIVE_SPECS));

/** The spec for a directive name (already lower-cased). */
export function directiveSpec(name: string): DirectiveSpec {
  // A Map: no lookup may reach the object's prototype (`constructor`, `__proto__`).
  const known = SPECS.get(name);
  if (known) return known;
  if (BARE_OBJECT_NAMES.has(name)) return OBJECT;
  if (DOMAIN_PREFIXES.some((p) => name.startsWith(p))) return OBJECT;
  return UNKNOWN_DIRECTIVE;
}
