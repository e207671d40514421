# conf.py used when real Sphinx serves as docsnip's test oracle.
#
# docsnip's tests copy a source tree to a temporary directory and write this
# file there as conf.py (after a first line that sets EXCLUDE_PATTERNS). The
# `doctree-read` hook runs after every directive and before post-transforms,
# so each literal block is dumped exactly as the literalinclude built it.
import json
import os

project = 'docsnip-oracle'
language = 'en'
extensions = []
exclude_patterns = ['_build', *EXCLUDE_PATTERNS]  # noqa: F821 (set by the harness)
if MYST:  # noqa: F821 (set by the harness)
    extensions.append('myst_parser')
    myst_enable_extensions = ['colon_fence']
    source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}

# Directives of extensions the fixtures use but plain Sphinx lacks: a
# container whose body is parsed, and a terminal whose body is output text.
_STUBS = {'dropdown': 'rst', 'tab-set': 'rst', 'tab-item': 'rst', 'grid': 'rst',
          'grid-item': 'rst', 'card': 'rst', 'terminal': 'literal'}


def _stub(kind):
    from docutils import nodes
    from docutils.parsers.rst import Directive, directives

    class Stub(Directive):
        optional_arguments = 1
        final_argument_whitespace = True
        has_content = True
        option_spec = {'open': directives.flag, 'input': directives.unchanged,
                       'user': directives.unchanged, 'host': directives.unchanged,
                       'dir': directives.unchanged, 'scroll': directives.flag,
                       'sync': directives.unchanged, 'class-container': directives.unchanged}

        def run(self):
            node = nodes.container()
            if kind == 'rst':
                self.state.nested_parse(self.content, self.content_offset, node)
            return [node]
    return Stub


def _dump(app, doctree):
    from docutils import nodes
    rows = []
    for n in doctree.findall(nodes.literal_block):
        if n.get('source') is None:
            continue  # not a literalinclude
        parent = n.parent
        caption = None
        if isinstance(parent, nodes.container) and 'literal-block-wrapper' in parent.get('classes', []):
            caption = parent[0].astext() if isinstance(parent[0], nodes.caption) else None
        rows.append({'doc_source': n.source, 'line': n.line, 'file': n.get('source'),
                     'text': n.astext(), 'language': n.get('language'),
                     'linenos': n.get('linenos'), 'highlight_args': n.get('highlight_args'),
                     'classes': n.get('classes'), 'names': n.get('names'), 'caption': caption})
    out = os.path.join(app.outdir, 'blocks', app.env.docname + '.json')
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(rows, f, ensure_ascii=True, indent=1)


def _meta(app, exception):
    meta = {}
    try:
        import myst_parser
        meta['myst_parser'] = myst_parser.__version__
    except ImportError:
        meta['myst_parser'] = None
    with open(os.path.join(app.outdir, 'meta.json'), 'w', encoding='utf-8') as f:
        json.dump(meta, f)


def setup(app):
    app.connect('build-finished', _meta)
    from docutils.parsers.rst import directives
    for name, kind in _STUBS.items():
        if name not in directives._directives:
            app.add_directive(name, _stub(kind))
    app.connect('doctree-read', _dump)
