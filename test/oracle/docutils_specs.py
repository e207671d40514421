"""Print the real parsing shape of every directive docutils (and Sphinx) registers.

Usage: python3 test/oracle/docutils_specs.py  (no input)

Output (JSON on stdout):

    {
      "docutils": {"version": "0.19",
                   "directives": {name: shape}},
      "sphinx": null  |  {"version": "5.3.0",
                          "extensions": [...],
                          "directives": {name: shape},
                          "domains": {"py:function": shape, ...},
                          "bare": {name: shape}}
    }

where shape = {"required": int, "optional": int, "finalWhitespace": bool,
               "options": bool, "hasContent": bool, "module": str}, read straight from the
directive class (`required_arguments`, `optional_arguments`,
`final_argument_whitespace`, `bool(option_spec)`, `has_content`): exactly the
attributes `docutils.parsers.rst.states.Body.parse_directive_block` uses to split
a directive block. `module` is the Python module defining the class (it tells a
Sphinx override from docutils' own class).

* docutils.directives: every canonical (English) name in docutils'
  `_directive_registry`, with docutils' own class (read before Sphinx is
  imported, so Sphinx's overrides do not leak in).
* sphinx (only if `import sphinx` works in this Python): a minimal Sphinx app
  is built in a temporary directory with the bundled extensions that register
  directives; then
  - directives: every name in docutils' directive table after Sphinx set up
    (`directives._directives`, i.e. what Sphinx registered or overrode, plus the
    docutils names resolved through that table);
  - domains: every `domain:name` directive of every domain;
  - bare: the unqualified names that Sphinx resolves through its default domain
    (`py`, the default `primary_domain`) and then the `std` domain, before
    falling back to the docutils table (`sphinx.util.docutils.sphinx_domains`).
    Only the `std` step is independent of the project's configuration; the
    `py` step changes with `primary_domain` / `.. default-domain::`.
"""

import importlib
import io
import json
import os
import sys
import tempfile


def shape(cls):
    return {
        'required': int(cls.required_arguments),
        'optional': int(cls.optional_arguments),
        'finalWhitespace': bool(cls.final_argument_whitespace),
        'options': bool(cls.option_spec),
        'hasContent': bool(cls.has_content),
        'module': cls.__module__,
    }


def docutils_part():
    import docutils
    from docutils.parsers.rst import directives

    out = {}
    for name, (modname, clsname) in sorted(directives._directive_registry.items()):
        module = importlib.import_module('docutils.parsers.rst.directives.' + modname)
        out[name] = shape(getattr(module, clsname))
    return {'version': docutils.__version__, 'directives': out}


SPHINX_EXTENSIONS = [
    'sphinx.ext.autodoc',
    'sphinx.ext.autosummary',
    'sphinx.ext.doctest',
    'sphinx.ext.graphviz',
    'sphinx.ext.ifconfig',
    'sphinx.ext.inheritance_diagram',
    'sphinx.ext.todo',
]


def sphinx_part():
    try:
        import sphinx
        from sphinx.application import Sphinx
    except ImportError:
        return None
    from docutils.parsers.rst import directives

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'src')
        os.mkdir(src)
        with open(os.path.join(src, 'conf.py'), 'w', encoding='utf-8') as f:
            f.write('extensions = %r\n' % (SPHINX_EXTENSIONS,))
        with open(os.path.join(src, 'index.rst'), 'w', encoding='utf-8') as f:
            f.write('Index\n=====\n')
        app = Sphinx(src, src, os.path.join(tmp, 'out'), os.path.join(tmp, 'doctrees'),
                     'html', status=io.StringIO(), warning=io.StringIO(), freshenv=True)

        registered = {}
        for name in sorted(set(directives._directives) | set(directives._directive_registry)):
            if name in directives._directives:
                cls = directives._directives[name]
            else:
                modname, clsname = directives._directive_registry[name]
                module = importlib.import_module('docutils.parsers.rst.directives.' + modname)
                cls = getattr(module, clsname)
            registered[name] = shape(cls)

        env = app.env
        domains = {}
        for dname in sorted(env.domains):
            domain = env.get_domain(dname)
            for name in sorted(domain.directives):
                cls = domain.directive(name)
                if cls is not None:
                    domains[dname + ':' + name] = shape(cls)

        bare = {}
        py = env.get_domain('py')
        std = env.get_domain('std')
        for name in sorted(set(py.directives) | set(std.directives)):
            cls = py.directive(name) or std.directive(name)
            if cls is not None:
                bare[name] = shape(cls)

    return {
        'version': sphinx.__version__,
        'extensions': SPHINX_EXTENSIONS,
        'directives': registered,
        'domains': domains,
        'bare': bare,
    }


def main():
    result = {'docutils': docutils_part()}
    result['sphinx'] = sphinx_part()
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
