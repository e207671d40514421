#!/usr/bin/env python3
"""Golden data for src/python/{pytokenize,pysyntax,find-tags}.ts (`:pyobject:`).

Run from the repository root with the Sphinx 9 virtualenv (CPython 3.11):

    /tmp/sphinx9/bin/python scripts/golden/pyobject_cases.py

It writes test/python/golden/pyobject-cases.json. The output depends only on
the fixed seed below, the corpus in this file and the Python/Sphinx versions
(recorded in the file).

Groups: ``valid``/``invalid`` (construct by construct, plus regression inputs
found by fuzzing the TypeScript port against CPython), ``module`` (realistic
modules), ``text`` (non-Python files), ``bytes`` (encoding detection, line
endings), ``soup`` (random token sequences), ``defsoup`` (valid modules with
line separators and non-ASCII text before assignments) and ``mutant`` (valid
programs with tokens deleted, duplicated, swapped, replaced or inserted, lines
deleted, duplicated or re-indented).

Every case is a source text (``src``); byte-level cases also carry the file's
bytes (``hex``). Recorded per case:

- ``sphinx``: what ``ast.parse`` raises when Sphinx's ``ModuleAnalyzer`` parses
  the text (``ast.parse(code.replace('\\f', ' '), type_comments=True)``), or
  null when it parses;
- ``plain``: the same for a plain ``ast.parse(src)``;
- ``tags``: ``ModuleAnalyzer.for_string(src, '').find_tags()`` when the text
  parses, or ``tagsError``: the repr of the exception that made it fail;
- ``tokens`` (cases other than mutants): ``tokenize.generate_tokens`` over
  ``src.replace('\\f', ' ').splitlines(True)``, exactly as Sphinx's
  ``DefinitionFinder`` feeds it, as ``[type, string, sl, sc, el, ec]``
  (columns in code points), and ``tokensError`` if it raised;
- byte-level cases: ``detect`` (``tokenize.detect_encoding`` on a BytesIO, no
  file name), ``detectFile`` (the same on a real file ``mod.py``, as
  ``tokenize.open`` does it for Sphinx) and ``open``: what reading the file
  with ``tokenize.open`` gives (the text, or the exception).

Error records are ``{"repr", "type", "msg", "lineno", "offset"}`` (the last
three are null when the exception is no SyntaxError). ``plain`` is left out
when it equals ``sphinx``.
"""
import ast
import io
import json
import os
import random
import sys
import tempfile
import tokenize
import warnings
from pathlib import Path

import sphinx
from sphinx.pycode import ModuleAnalyzer

SEED = 8086
MUTANTS = 330

# --------------------------------------------------------------------------
# Corpus: valid Python, construct by construct

VALID = {
    "brief-tags": (
        "import x\n\n@dec\ndef one(): return 1\n\ndef outer():\n    def inner():\n        pass\n"
        "    class InDef:\n        pass\n    return inner\n\nclass K:\n    x = 1\n\n    # trailing comment\n\n\n"
        "class L(\n    object):\n    \"\"\"doc\"\"\"\n    def m(self): pass\n"
    ),
    "brief-async": (
        "import x\n\n@d1\n# c\n@d2(\n  1)\nasync def af(x: int = 1,\n       y: dict = {}) -> dict[str, int]:\n"
        "    return {}\n\ndef g(): return (1,\n   2)\n"
    ),
    "empty": "",
    "only-newline": "\n",
    "only-comment": "# just a comment\n",
    "no-trailing-newline": "def f():\n    return 1",
    "comment-no-newline": "x = 1\n# end",
    "blank-lines-only": "\n\n   \n\t\n",
    "decorators": (
        "import functools\n\n@functools.lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n"
        "@property\n@staticmethod\n@a.b.c\n@x[0]\n@(lambda f: f)\n@d if cond else e\ndef g(): pass\n\n"
        "class C:\n    @classmethod\n    def make(cls):\n        return cls()\n\n    @overload\n    def f(self, x: int) -> int: ...\n"
        "    @overload\n    def f(self, x: str) -> str: ...\n    def f(self, x):\n        return x\n"
    ),
    "async-await": (
        "import asyncio\n\nasync def main():\n    async with lock:\n        pass\n    async for x in aiter():\n        print(x)\n"
        "    await asyncio.sleep(1)\n    r = [y async for y in agen() if await pred(y)]\n    g = (await z for z in zs)\n"
        "    return await asyncio.gather(*tasks)\n\nasync def gen():\n    yield 1\n\nasyncio.run(main())\n"
    ),
    "match-case": (
        "def http_error(status):\n    match status:\n        case 400:\n            return 'Bad request'\n"
        "        case 401 | 403 | 404:\n            return 'Not allowed'\n        case [x, y, *rest]:\n            return x\n"
        "        case {'a': 1, **kw}:\n            return kw\n        case Point(x=0, y=0):\n            return 'origin'\n"
        "        case Point(1, 2, z=3) as p if p.z > 0:\n            return p\n        case (1, 2) | [3, 4]:\n            pass\n"
        "        case -1 | 1.5 | 2+3j | -4-5j | 'abc' b'x' | None | True | False:\n            pass\n"
        "        case a.b.c:\n            pass\n        case {}:\n            pass\n        case []:\n            pass\n"
        "        case ():\n            pass\n        case _:\n            return 'Something else'\n"
        "match = 1\ncase = 2\nmatch(x)\nmatch[0]\nmatch.x = 3\nmatch, case = 1, 2\nmatch -x:\n    case _: pass\n"
    ),
    "match-subjects": (
        "match x,:\n    case _: pass\nmatch *a, b:\n    case [*_]: pass\nmatch (yield_):\n    case {**rest}: pass\n"
        "match a := b:\n    case str() | bytes(): pass\n"
    ),
    "walrus": (
        "if (n := len(a)) > 10:\n    print(n)\nwhile chunk := f.read(10):\n    pass\n[y for x in d if (y := f(x))]\n"
        "print(x := 1)\nf(a, b := 2)\nx[y := 1]\nz = {(k := 1): 2}\n"
    ),
    "lambda": (
        "f = lambda: 0\ng = lambda x, /, y=1, *a, z, **k: x\nh = lambda *, k=1: k\ni = lambda *a, **k: (a, k)\n"
        "j = lambda x: lambda y: x + y\nk = lambda a, b=2, /: a\nsorted(d, key=lambda kv: kv[1])\n"
    ),
    "comprehensions": (
        "a = [x * 2 for x in range(10) if x % 2 if x > 2]\nb = {x: y for x, y in zip(p, q)}\nc = {x for x in s}\n"
        "d = (x for x in s)\ne = [[y for y in row] for row in m]\nf = [x for x in a for y in b]\n"
        "g = sum(x for x in y)\nh = [*a, *b]\ni = {**a, 'k': 1, **b}\nj = {*a, *b}\nk = [(yield_ for yield_ in z)]\n"
        "l = [x if x else y for x in z]\nm = [lambda: x for x in y]\n"
    ),
    "star-exprs": (
        "a, *b = c\n*a, b = c\n[a, *b] = c\n(a, *b), c = d\nfor *x, y in z: pass\nprint(*a, *b, **c, **d)\n"
        "x = *a, *b\nreturn_ = (*a,)\ndef f(*args, **kwargs): return (*args, *kwargs)\nx = a, *b\ndel a, (b, c), [d]\n"
        "f(*a, b, *c, d=1, **e)\nf(a=1, *b)\nf(**a, b=1)\n"
    ),
    "fstrings": (
        "name = 'x'\na = f'{name}'\nb = f\"{name!r:>10}\"\nc = f'{name=}'\nd = f'{name = !s:^{width}}'\n"
        "e = f'{{literal}} {x:{fmt}} {y!a}'\nf = f'''{\n  a +\n  b\n}'''\ng = F'{a[\"k\"]}' rf'\\d{x}' fR'{x}'\n"
        "h = f'{x:%Y-%m-%d}'\ni = f'{3.14:.2f}' f'{x!r}' 'plain' f''\nj = f'{(lambda: 1)()}'\nk = f'{a if b else c}'\n"
        "l = f'{x:{\"\"}>10}'\nm = f'{ x }'\nn = f'{x,}'\no = f'{*a,}'\np = f'{x!r}' f'{y:}'\nq = f'{\"a\" \"b\"}'\n"
        "r = f'{f\"{x}\"}'\ns = f'{x:=10}'\nt = f'{(x:=10)}'\nu = f'\\N{DIGIT ONE}{x}'\nv = f'{x:\\n}'\n"
        "w = f'{a!r=}' if False else 0\n"
    ),
    "type-hints": (
        "from typing import Optional, Union\n\nx: int\ny: int = 1\nz: list[int] = []\nself_attr: 'Foo'\n"
        "def f(a: int, b: str = '', *args: int, c: bool, d: float = 1.0, **kw: Any) -> Optional[int]:\n    pass\n"
        "def g(a, /, b, *, c): ...\ndef h(a=1, /, b=2, *, c=3, **d): ...\ndef i(*, a): pass\ndef j(a, /): pass\n"
        "def k(*args: *Ts): pass\nclass P(Generic[T], metaclass=M, **kw):\n    a: ClassVar[int] = 0\n    (b): int = 1\n"
        "    c.d: int\n    e[0]: int = 1\nT = TypeVar('T', bound='Base')\nAlias = Union[int, str]\nu: int | None = None\n"
    ),
    "global-nonlocal": (
        "counter = 0\ndef inc():\n    global counter\n    counter += 1\ndef outer():\n    x = 1\n    def inner():\n"
        "        nonlocal x\n        x = 2\n    inner()\n    return x\nglobal a, b\nnonlocal_ = 1\n"
    ),
    "try-except": (
        "try:\n    pass\nexcept ValueError:\n    pass\nexcept (TypeError, KeyError) as e:\n    raise RuntimeError('x') from e\n"
        "except:\n    raise\nelse:\n    pass\nfinally:\n    pass\ntry:\n    pass\nfinally:\n    pass\n"
        "try:\n    pass\nexcept* ValueError as eg:\n    pass\nexcept* (TypeError, OSError):\n    pass\nelse:\n    pass\n"
        "finally:\n    pass\ntry: x = 1\nexcept Exception: pass\n"
    ),
    "with-items": (
        "with open('a') as f, open('b') as g:\n    pass\nwith (open('a') as f, open('b') as g,):\n    pass\n"
        "with (a, b):\n    pass\nwith (a):\n    pass\nwith a as (b, c):\n    pass\nwith a as [b, c], d as e.f, g as h[0]:\n    pass\n"
        "with (yield):\n    pass\nwith (\n    open('x') as x,\n    open('y'),\n):\n    pass\nwith a: pass\n"
    ),
    "simple-statements": (
        "del a\ndel a.b, c[0]\ndel (a), [b]\nassert x\nassert x, 'message'\nraise\nraise E\nraise E from None\n"
        "pass; pass; x = 1;\nimport a.b.c as d, e\nfrom . import x\nfrom .. import (y, z,)\nfrom ...a import *\n"
        "from .... import q\nfrom a.b import c as d, e as f\nbreak_ = continue_ = 1\nx = y = z = 0\nx += 1; x -= 1; x *= 2\n"
        "x /= 2; x //= 2; x %= 3; x **= 2; x >>= 1; x <<= 1; x &= 1; x |= 1; x ^= 1; x @= m\n"
        "for i in range(3):\n    if i: continue\n    else: break\nelse:\n    pass\nwhile x:\n    break\nelse:\n    pass\n"
    ),
    "yield": (
        "def g():\n    yield\n    yield 1\n    yield 1, 2\n    x = yield\n    y = yield from other()\n    z = (yield)\n"
        "    await_ = yield 1, *rest\n    return (yield from x)\n"
    ),
    "return-module-level": "return 1\nreturn\nyield 2\nawait x\nbreak\ncontinue\n",
    "expressions": (
        "a = 1 < b <= c > d >= e == f != g\nb = x not in y\nc = x is not None\nd = not x\ne = -x + +y - ~z\n"
        "f = a ** -b ** c\ng = a // b % c @ d / e * f\nh = a << b >> c & d | e ^ f\ni = a and b or not c\n"
        "j = a if b else c if d else e\nk = x[1:2], x[::2], x[:], x[1:], x[:-1], x[a, b:c, ...], x[()]\n"
        "l = x[1:2, *y]\nm = ...\nn = 0xFF + 0o17 + 0b1010 + 1_000_000 + 1.5e-3 + 3j + .5 + 5. + 1E10 + 0_0\n"
        "o = 'a' 'b' \"c\" '''d''' \"\"\"e\"\"\" r'\\n' b'x' rb'y' BR'z' u'w'\np = a.b.c(d)[e].f\nq = (1,)\nr = ()\n"
        "s = {}\nt = {1: 2, **u}\nv = [1, 2, 3,]\nw = (yield_ for _ in x)\nx = 1 if True else 2\ny = await_ = None\n"
        "z = 1 in [1] not in [[1]]\nzz = a < (b := 1)\nnum = 1if x else 2\n"
    ),
    "keyword-args": (
        "f(a, b, c=1, *d, e=2, **f)\nf(x for x in y)\nf(a)(b)(c)\nf(a,)\nf(*a,)\nf(**a,)\nf(a=1, b=2,)\n"
        "dict(a=1)\nf(a := 1)\nprint('x', end='')\nclass A(B, C, metaclass=M): pass\nclass D(): pass\nclass E: pass\n"
    ),
    "semicolons-continuations": (
        "x = 1; y = 2\nz = 1 + \\\n    2\nif a and \\\n   b:\n    pass\nw = [1,\n     2]\ns = '''a\nb'''\n"
        "t = ('a'\n     'b')\nu = \\\n  3\n"
    ),
    "soft-keywords-as-names": (
        "match = 1\ntype = 2\ncase = 3\n_ = 4\nprint(match, type, case, _)\ndef match(): pass\nclass case: pass\n"
        "type(x)\nmatch.group(1)\nx = match\nmatch[1:2]\nmatch(1)\nmatch = [case for case in match]\n"
    ),
    "chained-and-misc": (
        "x = a < b < c\nif not a in b: pass\nif a is not b is c: pass\nx = [] or {} and ()\nprint(*[1], sep='')\n"
        "x = a[b][c](d)(e).f.g\n(a) = 1\n(a.b) = 2\n[a] = [1]\n(a, b) = 1, 2\na[b], c.d = e\n"
    ),
    "nested-defs": (
        "def outer():\n    x = 1\n    def inner():\n        def innermost():\n            pass\n        return innermost\n"
        "    class Local:\n        def method(self):\n            def helper():\n                pass\n            class Deep:\n"
        "                def m2(self): pass\n            return helper\n    return inner\n\n"
        "class Outer:\n    class Inner:\n        class Innermost:\n            def m(self): pass\n    def f(self):\n        pass\n"
    ),
    "if-elif": (
        "if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\nif x: pass\nelif y: pass\nelse: pass\n"
        "if (a and\n    b):\n    pass\n"
    ),
    "type-comments": (
        "x = []  # type: List[int]\ndef f(a,  # type: int\n      b,  # type: str\n      ):\n    # type: (...) -> None\n"
        "    pass\ndef g(a, b):  # type: (int, str) -> None\n    pass\nfor i in x:  # type: int\n    pass\n"
        "with a as b:  # type: int\n    pass\nimport os  # type: ignore\nx = 1  # type: ignore[attr-defined]\n"
        "#type:ignore\ny = 2 #type: int\n"
    ),
    "type-comment-misplaced": "def f():\n    # type: () -> None\n    # type: () -> int\n    pass\n",
    "type-comment-standalone": "x = 1\n# type: int\ny = 2\n",
    "type-comment-in-brackets": "x = [1,  # type: int\n     2]\n",
    "type-comment-after-colon": "if x:  # type: int\n    pass\n",
    "type-ignore-everywhere": "x = [1,  # type: ignore\n  2]\nif x:  # type: ignore\n    pass\n# type: ignore\n",
    "tabs": (
        "class Tabbed:\n\tdef method(self):\n\t\tif self:\n\t\t\treturn 1\n\t\treturn 2\n\n\tdef other(self):\n\t\tpass\n"
        "\n\ndef after():\n\tpass\n"
    ),
    "tabs-and-spaces-consistent": "if x:\n\tif y:\n\t\tpass\n\telse:\n\t\tpass\n",
    "form-feeds": (
        "import os\n\x0c\ndef first():\n    pass\n\x0c\n\x0cclass Second:\n    \x0cdef m(self):\n        pass\n"
        "\x0c# comment\ndef third(): pass\n"
    ),
    "form-feed-indent": "if x:\n    a = 1\n\x0c    b = 2\n",
    "form-feed-reset": "if x:\n  \x0c  pass\n",
    "unicode-separators-in-strings": (
        "x = 'a\x85b'\ndef f():\n    s = 'c\u2028d'\n    return s\n\ndef g(): pass\n"
    ),
    "unicode-separators-in-comments": (
        "# comment \x85 with NEL\ndef f():\n    # line sep \u2028 here\n    pass\n# para \u2029 sep\n\ndef g():\n    pass\n"
    ),
    "vt-in-comment-in-class": "class A:\n    # a\x0bb\n    def m(self): pass\n\ndef after(): pass\n",
    "separator-indent-error": "if x:\n    y = 'a\u2028  b'\n    z = 1\n\ndef f(): pass\n",
    "separators-in-triple-string": "s = '''a\x1cb\x1dc\x1ed\x85e\u2028f'''\ndef f():\n    return s\n",
    "unicode-identifiers": "def grüße(名前):\n    return 名前\n\nclass Ωmega:\n    π = 3.14\n    def métode(self): pass\n",
    "non-bmp": "s = '😀'\ndef f():\n    '''𝒳 docs'''\n    return '𝔘𝔫𝔦'\n# 🎉\n",
    "crlf-str": "def f():\r\n    pass\r\n\r\nclass A:\r\n    x = 1\r\n",
    "cr-str": "def f():\r    pass\r\rclass A:\r    x = 1\r",
    "decorator-odd": (
        "x = (a\n@ b)\ndef f(): pass\n\n@dec\n\n\n# gap\n@dec2\nclass C: pass\n"
    ),
    "decorator-matmul-line": "y = [\n1\n@ 2]\nclass After:\n    pass\n",
    "one-liners": (
        "def a(): pass\nclass B: x = 1\ndef c(): return (1,\n  2)\nclass D: pass; y = 2\ndef e(x): return x  # comment\n"
        "async def f(): await g()\n"
    ),
    "def-comment-after-colon": "def f():  # comment\n    pass\n\nclass C:  # c\n    def m(self):  # m\n        return 1\n",
    "lambda-return-annotation": "def f() -> lambda: 1: pass\ndef g(x=lambda: 2): pass\n",
    "class-in-def-in-class": (
        "class A:\n    def m(self):\n        class B:\n            def n(self): pass\n        def helper(): pass\n"
        "        return B\n    def o(self): pass\n"
    ),
    "redefinitions": "def f(): pass\ndef f():\n    return 2\nclass f: pass\n",
    "trailing-blank-and-comments": "def f():\n    x = 1\n\n    # trailing\n    \n\n# outside\n\ndef g():\n    pass\n    # end\n",
    "deep-nesting": "def a():\n" + "".join("    " * i + "if x:\n" for i in range(1, 30)) + "    " * 30 + "pass\n",
    "many-parens": "x = " + "(" * 180 + "1" + ")" * 180 + "\n",
    "huge-int-ok": "x = " + "9" * 4300 + "\n",
    "huge-int-hex": "x = 0x" + "f" * 5000 + "\n",
    "string-escapes": (
        "a = '\\x41\\u0042\\U00000043\\N{LATIN SMALL LETTER D}\\n\\t\\\\\\'\\\"\\a\\b\\f\\v\\0\\777'\n"
        "b = b'\\x00\\xff\\n'\nc = '\\d\\w'\nd = r'\\x'\ne = rb'\\x'\nf = '\\N{EM DASH}'\ng = 'line\\\ncontinued'\n"
    ),
    "bytes-concat": "a = b'x' b'y' rb'z' Rb'w' bR'v' BR'u'\nb = 'x' u'y' r'z' R'w' f'v' F'u' rf'{1}' FR'{2}' Rf'{3}' fr'{4}'\n",
    "class-keywords": "class A(object, **{'metaclass': M}): pass\nclass B(*bases): pass\nclass C(x for x in y): pass\n",
    "global-stmts-in-class": "class A:\n    global g\n    nonlocal_ = 1\n    del g\n",
    "ellipsis-bodies": "class P(Protocol):\n    def f(self) -> int: ...\n    def g(self) -> str:\n        ...\n",
    "docstrings": (
        '"""Module docstring."""\n\nclass A:\n    """Class docstring\n\n    more.\n    """\n\n    def m(self):\n'
        "        '''Method docstring.'''\n\n\ndef f():\n    r'''Raw docstring \\d.'''\n"
    ),
    "backslash-indent": "if x:\n  \\\n  pass\n",
    "await-as-expr": "async def f():\n    x = await y\n    return [await z for z in w]\n",
    "posonly": "def f(a, b, /, c, d, *, e, f):\n    pass\ndef g(a=1, /): pass\ndef h(a, /, *, b): pass\n",
    "star-annotations": "def f(*args: *tuple[int, ...]): pass\n",
    "subscript-star": "x[*a]\nx[*a, b]\nx[a, *b] = 1\n",
    "dict-set-edge": "a = {1, 2,}\nb = {**x}\nc = {x: y for x in z if x}\nd = {1: 2, 3: 4,}\n",
    "numbers-edge": "a = 1if 1else 2\nb = 0 or 1\nc = 1j.real\nd = 1 .real\ne = 1_0.0_1e1_0j\nf = 0b1_0 + 0o1_7 + 0x_f\n",
    "if-expr-in-call": "f(a if b else c, d)\ng(x for x in y if x)\n",
    "empty-class-body-docstring": "class A:\n    'doc'\n",
    "comment-between-decorator": "@a\n\n# c\n\n@b\ndef f():\n    pass\n",
    "class-body-only-comment-then-dedent": "class A:\n    def f(self):\n        pass\n        # comment in body\n# comment at col 0\n    # comment at col 4\n\nx = 1\n",
    # Found by fuzzing against CPython 3.11.7, kept as regression inputs.
    "backslash-in-indent-blank": "\\\n     \npass\n",
    "backslash-in-indent-nested": "  \\\n  \\\n  \n",
    "backslash-in-indent-block": "if x:\n\\\n\\\n  pass\n",
    "backslash-in-indent-tab": "\t \\\n\n",
    "fstring-comparisons": "a = f'{x!=y}' f'{x==y}' f'{x<=y}' f'{x>=y}' f'{x<y}' f'{x>y}'\nb = f'{x!r:{w}.{p}}'\n",
    "fstring-nested-spec": "a = f'{x:{y}}' f'{x:{y}>{z}}' f'{x:=^10}'\n",
    "fstring-dict-inside": "a = f'{ {1: 2}[1] }' f'{[1, 2][0]}' f'{(1, 2)}'\n",
    "fstring-triple-nested": "a = f'''{\"x\"} {'y'}'''\nb = f\"\"\"{'''z'''}\"\"\"\n",
    "subscript-comprehension-like": "x[a for a in b]\n",
    "self-attributes-nonascii": (
        "class A:\n    def __init__(self):\n        self.name = 'é'; self.x = (1,\n            2)\n\n"
        "    def other(this, /):\n        this.y = 'ü'\n\ndef after(): pass\n"
    ),
    "posonly-self": "class A:\n    def m(a, /, b):\n        a.x = 1\n        b.y = 'é'; b.z = 2\n",
    "nonascii-before-assignment-safe": "x = 'é'; y = 1\ndef f(): pass\n",
    "try-star-bodies": (
        "try:\n    a = 1\nexcept* E:\n    b = 'é'; c = 2\nelse:\n    d = 3\nfinally:\n    e = 4\ndef f(): pass\n"
    ),
    "class-in-function-assign": "def f():\n    class C:\n        x = 'é'; y = 1\n    return C\ndef g(): pass\n",
    "type-comment-on-call": "foo()  # type: int\n",
    "type-comment-on-return": "def f():\n    return 1  # type: int\n",
    "type-comment-for-with-parens": "with (a as b):  # type: int\n    pass\n",
    "type-comment-two-on-def": "def f():\n    # type: () -> None\n    # type: () -> None\n    pass\n",
    "type-comment-param-last": "def f(a  # type: int\n      ):\n    pass\n",
    "type-ignore-with-tag": "import x  # type: ignore[import]\nfrom y import z  #type:ignore\n",
}

# Realistic modules
MODULES = {
    "fastapi-app": '''"""A small FastAPI service."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel, Field

app = FastAPI(title="Items", version="1.0.0")


class Item(BaseModel):
    """An item."""

    id: int
    name: str = Field(..., min_length=1, max_length=50)
    price: float = 0.0
    tags: list[str] = []


class ItemStore:
    def __init__(self) -> None:
        self._items: dict[int, Item] = {}

    def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    def put(self, item: Item) -> None:
        self._items[item.id] = item


def get_store() -> ItemStore:
    return STORE


STORE = ItemStore()


@app.get("/items/{item_id}", response_model=Item)
async def read_item(item_id: int, store: Annotated[ItemStore, Depends(get_store)]) -> Item:
    item = store.get(item_id)
    if item is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Item not found")
    return item


@app.post("/items/", status_code=201)
async def create_item(item: Item, store: ItemStore = Depends(get_store)):
    store.put(item)
    return {"ok": True, **item.model_dump()}


@app.middleware("http")
async def add_header(request, call_next):
    response = await call_next(request)
    response.headers["X-Total"] = f"{len(STORE._items)}"
    return response
''',
    "flask-app": '''import os
from flask import Flask, jsonify, request, render_template

app = Flask(__name__)
app.config.from_mapping(SECRET_KEY=os.environ.get("SECRET_KEY", "dev"))


@app.route("/")
def index():
    return render_template("index.html", title="Home")


@app.route("/api/echo", methods=["POST"])
def echo():
    data = request.get_json(silent=True) or {}
    return jsonify(data), 200


@app.errorhandler(404)
def not_found(error):
    return jsonify(error=str(error)), 404


def create_app(test_config=None):
    if test_config is not None:
        app.config.update(test_config)
    return app


if __name__ == "__main__":
    app.run(debug=True)
''',
    "dataclasses": '''from dataclasses import dataclass, field, asdict
from enum import Enum, auto
from typing import ClassVar


class Color(Enum):
    RED = auto()
    GREEN = auto()


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float = 0.0

    def distance(self, other: "Point") -> float:
        return ((self.x - other.x) ** 2 + (self.y - other.y) ** 2) ** 0.5


@dataclass
class Inventory:
    items: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    MAX: ClassVar[int] = 100

    def add(self, name: str, n: int = 1) -> None:
        if name not in self.counts:
            self.items.append(name)
        self.counts[name] = self.counts.get(name, 0) + n

    def __post_init__(self):
        assert len(self.items) <= self.MAX, "too many"


def summary(inv: Inventory) -> dict:
    return asdict(inv)
''',
    "cli-script": '''#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Command line tool."""
import argparse
import logging
import sys

log = logging.getLogger(__name__)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", help="files to process")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    parser.add_argument("--dry-run", action="store_true")
    return parser.parse_args(argv)


def process(path: str, *, dry_run: bool = False) -> int:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.readlines()
    except OSError as exc:
        log.error("cannot read %s: %s", path, exc)
        return 1
    else:
        for lineno, line in enumerate(lines, 1):
            if line.rstrip().endswith("\\\\"):
                print(f"{path}:{lineno}: trailing backslash")
        return 0
    finally:
        log.debug("done with %s", path)


def main(argv=None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING - 10 * args.verbose)
    status = 0
    for path in args.paths:
        status |= process(path, dry_run=args.dry_run)
    return status


if __name__ == "__main__":
    sys.exit(main())
''',
    "tabs-module": "import sys\n\n\nclass Reader(object):\n\t\"\"\"Reads.\"\"\"\n\n\tdef __init__(self, path):\n\t\tself.path = path\n\n\tdef read(self):\n\t\twith open(self.path) as f:\n\t\t\tfor line in f:\n\t\t\t\tyield line\n\n\ndef main():\n\tfor line in Reader(sys.argv[1]).read():\n\t\tprint(line, end='')\n",
    "generics-protocols": '''from __future__ import annotations
import abc
from typing import Generic, Protocol, TypeVar, overload

T = TypeVar("T")


class SupportsClose(Protocol):
    def close(self) -> None: ...


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    @overload
    def get(self, default: None = None) -> T | None: ...
    @overload
    def get(self, default: T) -> T: ...
    def get(self, default=None):
        return self.item if self.item is not None else default


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self) -> int:
        raise NotImplementedError

    @property
    def name(self) -> str:
        return type(self).__name__

    @name.setter
    def name(self, value: str) -> None:
        raise AttributeError(value)
''',
    "old-style-python2": "import sys\n\nclass Old:\n    def f(self):\n        print 'hello'\n        return 1\n",
    "pytest-tests": '''import pytest


@pytest.fixture
def client():
    yield object()


@pytest.mark.parametrize(
    "a,b,expected",
    [
        (1, 2, 3),
        (2, 3, 5),
    ],
)
def test_add(a, b, expected):
    assert a + b == expected


class TestGroup:
    def test_one(self, client):
        with pytest.raises(ValueError, match=r"bad \\d+"):
            raise ValueError("bad 1")

    @pytest.mark.skip(reason="later")
    def test_two(self):
        pass
''',
    "sphinx-conf": '''# Configuration file for the Sphinx documentation builder.
project = 'demo'
copyright = '2024, me'
extensions = [
    'sphinx.ext.autodoc',
    'sphinx.ext.napoleon',
]
templates_path = ['_templates']
exclude_patterns = ['_build', 'Thumbs.db', '.DS_Store']
html_theme = 'alabaster'


def setup(app):
    app.add_css_file('custom.css')
''',
}

# --------------------------------------------------------------------------
# Corpus: invalid Python

INVALID = {
    "brief-start-end": "START here\nmiddle START\nEND\nafter END\nEND\n",
    "print-statement": 'print "x"\n',
    "print-statement-2": "print 'hello', name\n",
    "exec-statement": "exec 'code'\n",
    "type-alias-312": "type X = int\n",
    "type-params-312": "def f[T](x: T) -> T: return x\n",
    "class-type-params-312": "class A[T]: pass\n",
    "missing-colon-def": "def f()\n    pass\n",
    "missing-colon-if": "if x\n    pass\n",
    "missing-colon-class": "class A\n    pass\n",
    "missing-colon-for": "for x in y\n    pass\n",
    "missing-colon-while": "while x\n    pass\n",
    "missing-colon-else": "if x:\n    pass\nelse\n    pass\n",
    "missing-colon-try": "try\n    pass\nexcept:\n    pass\n",
    "missing-colon-with": "with a as b\n    pass\n",
    "missing-paren-def": "def f:\n    pass\n",
    "no-indent-def": "def f():\nreturn 1\n",
    "no-indent-class": "class A:\nx = 1\n",
    "no-indent-eof": "def f():\n",
    "no-indent-for": "for x in y:\npass\n",
    "no-indent-try": "try:\nx = 1\nexcept:\n    pass\n",
    "no-indent-except": "try:\n    x = 1\nexcept ValueError:\npass\n",
    "no-indent-else": "if x:\n    pass\nelse:\npass\n",
    "no-indent-with": "with x:\npass\n",
    "no-indent-while": "while x:\npass\n",
    "no-indent-elif": "if x:\n    pass\nelif y:\npass\n",
    "no-indent-finally": "try:\n    pass\nfinally:\npass\n",
    "no-indent-match": "match x:\ncase 1: pass\n",
    "no-indent-case": "match x:\n    case 1:\n    pass\n",
    "unexpected-indent": "x = 1\n    y = 2\n",
    "unexpected-indent-first": "  x = 1\n",
    "unindent-mismatch": "if x:\n    a = 1\n  b = 2\n",
    "tab-error": "if x:\n\ta = 1\n        b = 2\n",
    "unterminated-string": "x = 'abc\n",
    "unterminated-string-2": 'x = 1\ny = "abc\nz = 2\n',
    "unterminated-triple": 'x = """abc\n\ny = 1\n',
    "unclosed-paren": "x = (1,\n     2\n",
    "unclosed-bracket-later-error": "x = [1,\n\ny = 2\n",
    "unclosed-brace": "d = {'a': 1,\n",
    "unmatched-close": "x = 1)\n",
    "mismatched-close": "x = (1]\n",
    "mismatched-close-multiline": "x = (1,\n2]\n",
    "invalid-char": "x = 1 $ 2\n",
    "invalid-char-question": "x = a ? b : c\n",
    "invalid-unicode-char": "x = 1 € 2\n",
    "invalid-nonprintable": "x = 1\x01\n",
    "nbsp": "x =\xa01\n",
    "zero-width-space": "x = 1\u200b\n",
    "bad-number": "x = 1_000_\n",
    "leading-zeros": "x = 0777\n",
    "bad-hex": "x = 0xg\n",
    "bad-octal": "x = 0o8\n",
    "bad-binary": "x = 0b2\n",
    "number-then-name": "x = 1abc\n",
    "backslash-garbage": "x = 1 \\ 2\n",
    "backslash-eof": "x = 1 + \\",
    "assign-to-literal": "1 = x\n",
    "assign-to-call": "f() = 1\n",
    "assign-to-keyword": "None = 1\n",
    "assign-to-expr": "a + b = c\n",
    "augassign-to-tuple": "a, b += 1\n",
    "del-literal": "del 1\n",
    "del-call": "del f()\n",
    "walrus-bad": "(a.b := 1)\n",
    "walrus-statement": "x := 1\n",
    "keyword-as-name": "class = 1\n",
    "def-keyword-name": "def if(): pass\n",
    "return-outside-parens": "return x y\n",
    "missing-comma-list": "x = [1 2 3]\n",
    "missing-comma-call": "f(a b)\n",
    "missing-comma-dict": "d = {'a': 1 'b': 2}\n",
    "dict-missing-value": "d = {'a': }\n",
    "dict-missing-colon": "d = {'a' 1}\n",
    "dict-star-value": "d = {'a': *b}\n",
    "lambda-parens": "f = lambda (x): x\n",
    "def-parens": "def f((a, b)): pass\n",
    "default-before-nondefault": "def f(a=1, b): pass\n",
    "star-after-kwargs": "def f(**k, *a): pass\n",
    "bare-star": "def f(*): pass\n",
    "double-slash": "def f(a, /, b, /): pass\n",
    "slash-first": "def f(/, a): pass\n",
    "star-default": "def f(*a=1): pass\n",
    "kwargs-default": "def f(**k=1): pass\n",
    "args-after-kwargs": "def f(**k, a): pass\n",
    "positional-after-keyword": "f(a=1, b)\n",
    "positional-after-unpack": "f(**a, b)\n",
    "star-after-double-star-call": "f(**a, *b)\n",
    "genexp-unparenthesized": "f(x for x in y, 1)\n",
    "genexp-unparenthesized-2": "f(1, x for x in y)\n",
    "kwarg-expression": "f(a.b=1)\n",
    "kwarg-true": "f(True=1)\n",
    "comprehension-star": "[*a for a in b]\n",
    "comprehension-tuple": "[a, b for a, b in c]\n",
    "dict-comp-unpack": "{**a for a in b}\n",
    "starred-alone": "*a\n",
    "starred-group": "(*a)\n",
    "double-starred-group": "(**a)\n",
    "if-without-else": "x = a if b\n",
    "eq-in-if": "if x = 1:\n    pass\n",
    "eq-in-call-compare": "f(x.y = 1)\n",
    "try-without-except": "try:\n    pass\nx = 1\n",
    "except-and-except-star": "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "except-star-bare": "try:\n    pass\nexcept*:\n    pass\n",
    "except-comma": "try:\n    pass\nexcept A, B:\n    pass\n",
    "else-without-if": "else:\n    pass\n",
    "elif-after-else": "if x:\n    pass\nelse:\n    pass\nelif y:\n    pass\n",
    "import-trailing-comma": "from a import b,\n",
    "import-star-parens": "from a import (*)\n",
    "with-bad-target": "with a as 1:\n    pass\n",
    "for-bad-target": "for 1 in x:\n    pass\n",
    "for-call-target": "for f() in x:\n    pass\n",
    "class-pattern-order": "match x:\n    case C(a=1, b):\n        pass\n",
    "pattern-as-underscore": "match x:\n    case a as _:\n        pass\n",
    "pattern-as-expr": "match x:\n    case a as b.c:\n        pass\n",
    "pattern-complex-bad": "match x:\n    case 1+2:\n        pass\n",
    "pattern-complex-bad-2": "match x:\n    case 1j+2j:\n        pass\n",
    "match-no-colon": "match x\n    case 1: pass\n",
    "case-no-colon": "match x:\n    case 1\n        pass\n",
    "mixed-bytes": "x = 'a' b'b'\n",
    "bytes-non-ascii": "x = b'é'\n",
    "bad-escape-x": "x = '\\x4'\n",
    "bad-escape-u": "x = '\\u12'\n",
    "bad-escape-U": "x = '\\U0011ffff'\n",
    "bad-escape-N": "x = '\\N{NOT A REAL NAME}'\n",
    "bad-escape-N-malformed": "x = '\\N'\n",
    "bad-bytes-escape": "x = b'\\x'\n",
    "non-ascii-then-bad-escape": "x = 'é\\x4'\n",
    "fstring-empty": "x = f'{}'\n",
    "fstring-single-brace": "x = f'}'\n",
    "fstring-unclosed": "x = f'{a'\n",
    "fstring-bad-conversion": "x = f'{a!x}'\n",
    "fstring-backslash": "x = f'{\\'a\\'}'\n",
    "fstring-comment": "x = f'{a#}'\n",
    "fstring-nested-too-deep": "x = f'{a:{b:{c}}}'\n",
    "fstring-syntax": "x = f'{a b}'\n",
    "fstring-syntax-multiline": "x = f'''{\na\n+\nb c}'''\n",
    "fstring-star": "x = f'{*a}'\n",
    "fstring-nested-quotes-312": 'x = f"{d["k"]}"\n',
    "fstring-unmatched-paren": "x = f'{a)}'\n",
    "fstring-mismatched-paren": "x = f'{a(]}'\n",
    "fstring-expr-before-bang": "x = f'{!r}'\n",
    "fstring-conversion-space": "x = f'{a!r }'\n",
    "fstring-assign": "x = f'{a = b}'\n",
    "fstring-lambda": "x = f'{lambda x: 1}'\n",
    "fstring-yield-bad": "x = f'{yield from}'\n",
    "ne-barry": "x = 1 <> 2\n",
    "huge-int": "x = " + "9" * 4301 + "\n",
    "null-byte": "x = 1\x00\n",
    "null-byte-in-string": "x = '\x00'\n",
    "unexpected-eof-paren-fn": "def f(a,\n      b\n",
    "bad-decorator": "@\ndef f(): pass\n",
    "decorator-no-def": "@dec\nx = 1\n",
    "stray-dedent-block": "class A:\n    def f(self):\n        pass\n   def g(self):\n        pass\n",
    "assign-yield": "x = yield = 1\n",
    "ann-tuple": "a, b: int\n",
    "ann-list": "[a]: int\n",
    "ann-bad": "a + 1: int\n",
    "nonlocal-syntax": "nonlocal\n",
    "global-syntax": "global x,\n",
    "raise-from-nothing": "raise from e\n",
    "async-bad": "async x = 1\n",
    "await-bad": "await\n",
    "lambda-bad-default": "f = lambda x=: x\n",
    "lambda-star-bad": "f = lambda *: 1\n",
    "default-missing": "def f(a=): pass\n",
    "semicolon-only": ";\n",
    "double-semicolon": "x = 1;;\n",
    "unclosed-call-then-def": "foo(1,\ndef g():\n    pass\n",
    "indent-after-comment": "# c\n    x = 1\n",
    "dedent-to-nowhere": "if a:\n        b = 1\n    c = 2\n",
    "continue-bad": "x = continue\n",
    "with-parens-no-colon": "with (a as b)\n    pass\n",
    "deeply-nested-parens": "x = " + "(" * 201 + "1" + ")" * 201 + "\n",
    "too-deep-indent": "".join("    " * i + "if x:\n" for i in range(101)) + "    " * 101 + "pass\n",
    "huge-unary": "x = " + "-" * 3000 + "1\n",
    "assign-to-fstring": "f'{x}' = 1\n",
    "for-in-missing": "for x y:\n    pass\n",
    "class-no-name": "class (A): pass\n",
    "string-prefix-bad": "x = kf'abc'\n",
    "trailing-garbage": "def f():\n    pass\n}\n",
    "slice-bad": "x[1:2:3:4]\n",
    "subscript-empty": "x[]\n",
    "call-unclosed-eof": "print('hello'",
    "comment-only-unclosed": "x = (  # comment\n",
    "bad-indent-continuation": "x = 1 +\n    2\n",
    "line-continuation-in-comment": "x = 1 # \\\n  + 2\n",
    "dots-in-import": "import .a\n",
    "from-import-nothing": "from a import\n",
    "assert-parens-comma": "assert(x, 'msg') = 1\n",
    "star-target-double": "**a = b\n",
    "walrus-in-comprehension-iter-ok": "[i for i in (j := range(3))]\n",
    "lambda-in-default-colon": "def f(x=lambda: 1:\n    pass\n",
    # Found by fuzzing against CPython 3.11.7, kept as regression inputs.
    "backslash-in-indent-indent": "\\\n  1\n",
    "backslash-in-indent-pass": "\\\n  pass\n",
    "star-name-brace": "*a{\n",
    "star-name-brace-closed": "*a{}\n",
    "star-name-dot-brace": "*a.{\n",
    "name-dict-missing-value": "d {'a': ,}\n",
    "name-dict-missing-comma": "d  {'a' 1 'b': 2\n",
    "dict-star-value-closed": "d = {'a': *}\n",
    "dict-missing-value-then-eof": "d  {'a': ,\n",
    "star-args-bare-star": "f(*a, b, *, d=1, **e)\n",
    "star-after-kwargs-positional": "f(x, **a, *b)\n",
    "crlf-trailing-class": "def f():\r\n         pass\r\n\r\nclass A:\r\n",
    "crlf-trailing-paren": "x = (\r\n",
    "mismatch-after-unclosed": "x = (1 +\n  [2\n}\n",
    "unterminated-after-unclosed": "x = (1 \ny = \"abc\n",
    "error-text-continuation": "z = 1 + \\\n    \n",
    "error-text-after-triple": "x = \"\"\"abc\nx = \"\"\"abc\n",
    "del-parenthesised-list": "del (a), [b\n]assert x\n",
    "number-then-nonascii-letter": "x = 1é\n",
    "number-then-superscript": "x = 1\u00b2\n",
    "fstring-backslash-brace": "x = f'\\{6}'\n",
    "fstring-unterminated-inner": "x = f'{\"a}'\n",
    "fstring-conversion-end": "x = f'{a!'\n",
    "fstring-format-unclosed": "x = f'{a:{b}'\n",
    "fstring-nonascii-escape": "x = f'é\\x4{a}'\n",
    "print-star": "print *a{\n",
}

# --------------------------------------------------------------------------
# Corpus: text that is not Python

TEXTS = {
    "plain-text": "This is a plain text file.\nIt has two sentences. And a third one.\n",
    "markdown": "# Title\n\nSome *emphasis* and `code`.\n\n- item 1\n- item 2\n\n```python\nprint('hi')\n```\n",
    "yaml": "name: demo\nversion: 1.0\ndependencies:\n  - sphinx>=7\n  - docutils\nconfig:\n  debug: true\n",
    "shell": "#!/bin/sh\nset -eu\nfor f in *.py; do\n  echo \"$f\"\ndone\nexport PATH=$HOME/bin:$PATH\n",
    "json": '{\n  "name": "docsnip",\n  "version": "0.1.0",\n  "private": true,\n  "list": [1, 2, 3]\n}\n',
    "json-one-line": '{"a": [1, 2, {"b": null}], "c": true}\n',
    "json-false-null": '{"a": false, "b": null}\n',
    "rst": "Title\n=====\n\n.. literalinclude:: example.py\n   :pyobject: main\n\nSome text.\n",
    "ini": "[section]\nkey = value\nother=1\n",
    "toml": '[project]\nname = "demo"\nversion = "1.0"\ndependencies = ["a", "b"]\n',
    "csv": "a,b,c\n1,2,3\n4,5,6\n",
    "html": "<html>\n<body><p>Hello</p></body>\n</html>\n",
    "c-code": "#include <stdio.h>\nint main(void) {\n    printf(\"hi\\n\");\n    return 0;\n}\n",
    "javascript": "const x = 1;\nfunction f(a) {\n  return a + x;\n}\n",
    "makefile": "all:\n\tgcc -o main main.c\n\nclean:\n\trm -f main\n",
    "sql": "SELECT * FROM users WHERE id = 1;\n",
    "dockerfile": "FROM python:3.11\nCOPY . /app\nRUN pip install -r requirements.txt\n",
    "text-looks-python": "x = 1\ny = 2\n",
    "single-word": "hello\n",
    "number-only": "42\n",
    "json-valid-python": '["a", 1, 2.5, {"b": [true]}]\n',
    "diff": "--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n",
    "yaml-list": "- a\n- b\n",
    "python-repl": ">>> x = 1\n>>> print(x)\n1\n",
    "traceback": "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: bad\n",
}

# --------------------------------------------------------------------------
# Byte-level cases (coding cookies, BOMs, line endings)

BOM = b"\xef\xbb\xbf"
BYTES = {
    "utf8-plain": b"def f():\n    return '\xc3\xa9'\n",
    "bom": BOM + b"def f():\n    pass\n",
    "bom-only": BOM,
    "bom-partial": b"\xef\xbb",
    "empty-file": b"",
    "bom-utf8-cookie": BOM + b"# -*- coding: utf-8 -*-\ndef f(): pass\n",
    "bom-latin1-cookie": BOM + b"# coding: latin-1\ndef f(): pass\n",
    "bom-cookie-line2": BOM + b"#!/usr/bin/env python\n# coding: latin-1\ndef f(): pass\n",
    "cookie-latin1": b"# -*- coding: latin-1 -*-\ndef f():\n    return '\xe9'\n",
    "cookie-line2": b"#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\ndef f():\n    return '\xa4'\n",
    "cookie-line3-ignored": b"#!/usr/bin/env python\n\n# coding: latin-1\nx = 1\n",
    "cookie-after-code": b"x = 1\n# coding: latin-1\n",
    "cookie-unknown": b"# coding: klingon\nx = 1\n",
    "cookie-unknown-line2": b"#!python\n# coding: klingon\nx = 1\n",
    "cookie-utf8-variants": b"# coding=utf_8_sig\nx = 1\n",
    "cookie-utf-8-unix": b"# coding: utf-8-unix\nx = 1\n",
    "cookie-latin-1-suffix": b"# coding: latin-1-foo\nx = 1\n",
    "cookie-iso-latin": b"# coding: iso-latin-1\nx = '\xff'\n",
    "cookie-uppercase": b"# CODING: latin-1\nx = 1\n",
    "cookie-emacs": b"# -*- mode: python; coding: cp1252 -*-\nx = '\x80'\n",
    "cookie-no-space": b"#coding:ascii\nx = 1\n",
    "cookie-ascii-nonascii": b"# coding: ascii\nx = '\xc3\xa9'\n",
    "cookie-not-comment": b"x = 1  # coding: latin-1\ny = '\xe9'\n",
    "cookie-indented": b"   # coding: latin-1\nx = '\xe9'\n",
    "cookie-formfeed": b"\x0c# coding: latin-1\nx = '\xe9'\n",
    "cookie-line1-code-line2": b"import os\n# coding: latin-1\nx = '\xe9'\n",
    "cookie-blank-then": b"\n# coding: latin-1\nx = '\xe9'\n",
    "cookie-crlf": b"# coding: latin-1\r\nx = '\xe9'\r\n",
    "cookie-cr-only": b"# hello\r# coding: latin-1\rx = '\xe9'\r",
    "cookie-cr-only-far": b"#!/usr/bin/env python\rx = 1\r# coding: latin-1\r",
    "cookie-rot13": b"# coding: rot13\nx = 1\n",
    "cookie-utf16": b"# coding: utf-16\nx = 1\n",
    "cookie-non-utf8-line1": b"# \xff coding: latin-1\nx = 1\n",
    "invalid-utf8-line1": b"x = '\xff'\n",
    "invalid-utf8-line2": b"x = 1\ny = '\xff'\n",
    "invalid-utf8-line3": b"x = 1\ny = 2\nz = '\xff'\n",
    "invalid-utf8-blank-line1": b"\ny = '\xff'\n",
    "invalid-utf8-comment-line1": b"# comment\ny = '\xff'\n",
    "surrogate-bytes": b"# ok\nx = '\xed\xa0\x80'\n",
    "crlf-module": b"import os\r\n\r\n@dec\r\ndef f():\r\n    return 1\r\n\r\nclass A:\r\n    def m(self):\r\n        pass\r\n",
    "cr-module": b"import os\r\r@dec\rdef f():\r    return 1\r\rclass A:\r    def m(self):\r        pass\r",
    "mixed-endings": b"def f():\r\n    pass\r\rdef g():\n    pass\r\n",
    "crlf-string": b"s = '''a\r\nb'''\r\ndef f(): pass\r\n",
    "form-feed-bytes": b"def f():\n    pass\n\x0c\ndef g():\n    pass\n",
    "nel-in-string-bytes": "x = 'a\x85b'\ndef f():\n    pass\n".encode("utf-8"),
    "latin1-nel": b"# coding: latin-1\nx = 'a\x85b'\ndef f():\n    pass\n",
    "null-byte-file": b"x = 1\x00\ndef f(): pass\n",
    "cookie-vt-line1": b"#\x0b coding: latin-1\nx = 1\n",
    "cookie-tab": b"#\tcoding:\tlatin-1\nx = 1\n",
    "cookie-dash-name": b"# coding: iso-8859-1\nx = '\xe9'\n",
    "cookie-dots": b"# coding: x.y\nx = 1\n",
    "cookie-both-lines": b"# coding: latin-1\n# coding: klingon\nx = 1\n",
    "cookie-double": b"# coding: coding: latin-1\nx = 1\n",
    "bom-invalid-utf8": BOM + b"x = '\xff'\n",
    "bom-crlf": BOM + b"def f():\r\n    pass\r\n",
    "shebang-only": b"#!/usr/bin/env python",
    "cookie-euc-jp": b"# coding: euc-jp\nx = 1\n",
}

# --------------------------------------------------------------------------
# Token soup: random token sequences (the parser's error paths)

SOUP = ["x", "y", "f", "a.b", "1", "2j", "'s'", "b'b'", "f'{x}'", "f'{x!r:>{w}}'", "(", ")", "[", "]", "{", "}", ",",
        ":", "=", "==", "!=", ":=", "+", "-", "*", "**", "/", "//", "@", "|", "&", "^", "~", "<", ">", "<=", ">=",
        "<<", ">>", "+=", "->", ".", "...", ";", "if", "else", "elif", "for", "in", "not", "is", "and", "or", "lambda",
        "def", "class", "return", "yield", "from", "import", "as", "with", "async", "await", "try", "except",
        "finally", "while", "break", "continue", "pass", "del", "global", "nonlocal", "assert", "raise", "match",
        "case", "_", "None", "True", "False", "print", "type", "\n", "\n", "\n    ", "\n  ", "\\\n", "# type: int",
        "# c", "'''a\nb'''", "\t"]


def soup(rng):
    return " ".join(rng.choice(SOUP) for _ in range(rng.randint(1, 14))) + rng.choice(["\n", "", "\n\n"])


# --------------------------------------------------------------------------
# Definition soup: valid modules with line separators and non-ASCII text
# before assignments, which is what trips Sphinx's VariableCommentPicker

SEPARATORS = ["", "", "\x85", "\u2028", "\x0b", "\x1c", "\u2029"]


def defsoup(rng, depth=0, pad=""):
    def text():
        return "'" + rng.choice(["é", "ééééééé", "a", "😀😀", "ab"]) + rng.choice(SEPARATORS) + "'"

    out = []
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.5:
            out.append(pad + rng.choice([
                f"x = {text()}; y = (1,\n{pad}  2)",
                f"x = {text()}; y = '''a\n{pad}b'''",
                f"x = {text()}; self.z = [1,\n{pad} 2]",
                f"a, b = {text()}, 2; c: int = 3",
                f"self.v = {text()}",
                f"# {rng.choice(SEPARATORS)} comment\n{pad}w = 1",
                f"q = {text()}  # c",
                "t: str",
                f"u = v = {text()}; k[0] = 1",
            ]))
        elif depth < 2:
            head = rng.choice(["def f(self):", "def g(a, /, b):", "class C:", "if x:", "for i in y:", "with a:"])
            out.append(pad + head + "\n" + defsoup(rng, depth + 1, pad + "    "))
        else:
            out.append(pad + "pass")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Mutants: near-miss programs made from the valid ones

MUTATION_BASES = [
    "brief-tags", "brief-async", "decorators", "async-await", "match-case", "walrus", "lambda", "comprehensions",
    "star-exprs", "fstrings", "type-hints", "try-except", "with-items", "simple-statements", "expressions",
    "keyword-args", "type-comments", "tabs", "one-liners", "posonly", "nested-defs", "yield",
    "fastapi-app", "flask-app", "dataclasses", "cli-script", "generics-protocols",
]
POOL = [":", "(", ")", "[", "]", "{", "}", ",", "=", "==", ".", "*", "**", "def", "class", "if", "else", "for",
        "in", "not", "is", "lambda", "return", "yield", "async", "await", "@", ";", "->", ":=", "|", "'s'", "1",
        "x", "match", "case", "_", "\\\n", "\n", "    ", "\t", "#", '"""', "f'{", "}'", "pass", "import", "from", "as"]


def token_spans(src):
    """Character spans of the tokens of src (from the pure-Python tokenizer)."""
    lines = src.splitlines(True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT) or tok.start == tok.end:
                continue
            (sl, sc), (el, ec) = tok.start, tok.end
            if sl - 1 >= len(offsets) or el - 1 >= len(offsets):
                continue
            spans.append((offsets[sl - 1] + sc, offsets[el - 1] + ec))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return spans


def mutate(rng, src):
    spans = token_spans(src)
    if not spans:
        return src
    kind = rng.choice(["delete", "delete", "duplicate", "swap", "replace", "insert", "line-delete", "line-dup",
                       "indent", "dedent", "delete2"])
    a, b = spans[rng.randrange(len(spans))]
    if kind == "delete":
        return src[:a] + src[b:]
    if kind == "delete2":
        i = rng.randrange(len(spans))
        j = min(len(spans) - 1, i + rng.randint(1, 3))
        return src[:spans[i][0]] + src[spans[j][1]:]
    if kind == "duplicate":
        return src[:b] + " " + src[a:b] + src[b:]
    if kind == "swap":
        i = rng.randrange(len(spans) - 1) if len(spans) > 1 else 0
        (a1, b1) = spans[i]
        (a2, b2) = spans[min(i + 1, len(spans) - 1)]
        if a2 < b1:
            return src[:a1] + src[b1:]
        return src[:a1] + src[a2:b2] + src[b1:a2] + src[a1:b1] + src[b2:]
    if kind == "replace":
        return src[:a] + rng.choice(POOL) + src[b:]
    if kind == "insert":
        return src[:a] + rng.choice(POOL) + " " + src[a:]
    lines = src.splitlines(True)
    i = rng.randrange(len(lines))
    if kind == "line-delete":
        del lines[i]
    elif kind == "line-dup":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = rng.choice(["  ", "    ", "\t", " "]) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][min(len(lines[i]) - len(lines[i].lstrip(" \t")), rng.choice([1, 2, 4])):]
    return "".join(lines)


# --------------------------------------------------------------------------
# Recording

def error_record(exc):
    rec = {"repr": repr(exc), "type": type(exc).__name__, "msg": None, "lineno": None, "offset": None}
    if isinstance(exc, SyntaxError):
        rec.update(msg=exc.msg, lineno=exc.lineno, offset=exc.offset)
    return rec


def parse_result(code, **kwargs):
    try:
        ast.parse(code, **kwargs)
    except BaseException as exc:  # SyntaxError, ValueError, RecursionError, MemoryError
        return error_record(exc)
    return None


def tokens_result(src):
    lines = src.replace("\f", " ").splitlines(True)
    it = iter(lines)
    toks = []
    try:
        for tok in tokenize.generate_tokens(lambda: next(it)):
            toks.append([tokenize.tok_name[tok.type], tok.string, tok.start[0], tok.start[1], tok.end[0], tok.end[1]])
    except Exception as exc:
        return toks, repr(exc)
    return toks, None


def analyse(src, with_tokens):
    rec = {"sphinx": parse_result(src.replace("\f", " "), type_comments=True)}
    plain = parse_result(src)
    if plain != rec["sphinx"]:
        rec["plain"] = plain
    if rec["sphinx"] is None:
        analyzer = ModuleAnalyzer.for_string(src, "")
        try:
            tags = analyzer.find_tags()
        except Exception as exc:
            rec["tagsError"] = repr(exc.__cause__ if exc.__cause__ is not None else exc)
        else:
            rec["tags"] = {name: list(value) for name, value in tags.items()}
    if with_tokens:
        toks, err = tokens_result(src)
        rec["tokens"] = toks
        if err is not None:
            rec["tokensError"] = err
    return rec


def detect(data, filename=None):
    try:
        if filename is None:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        else:
            with open(filename, "rb") as fh:
                encoding, _ = tokenize.detect_encoding(fh.readline)
    except Exception as exc:
        return {"error": repr(exc)}
    return {"encoding": encoding, "bomLength": 3 if data.startswith(BOM) else 0}


def bytes_case(name, data, workdir):
    path = os.path.join(workdir, "mod.py")
    with open(path, "wb") as fh:
        fh.write(data)
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        rec = {"id": "bytes/" + name, "group": "bytes", "hex": data.hex(),
               "detect": detect(data), "detectFile": detect(data, "mod.py")}
        try:
            with tokenize.open("mod.py") as fh:
                text = fh.read()
        except Exception as exc:
            rec["open"] = {"error": repr(exc)}
            rec["src"] = None
            return rec
    finally:
        os.chdir(cwd)
    rec["open"] = {"ok": True}
    rec["src"] = text
    rec.update(analyse(text, True))
    return rec


def main():
    warnings.simplefilter("ignore")
    rng = random.Random(SEED)
    cases = []
    for group, table in (("valid", VALID), ("module", MODULES), ("invalid", INVALID), ("text", TEXTS)):
        for name, src in table.items():
            rec = {"id": f"{group}/{name}", "group": group, "src": src}
            rec.update(analyse(src, len(src) < (6000 if group != "invalid" else 300)))
            cases.append(rec)
    with tempfile.TemporaryDirectory() as workdir:
        for name, data in BYTES.items():
            cases.append(bytes_case(name, data, workdir))
    for n in range(160):
        src = soup(rng)
        rec = {"id": f"soup/{n:03d}", "group": "soup", "src": src}
        rec.update(analyse(src, False))
        cases.append(rec)
    for n in range(60):
        src = defsoup(rng) + "\n\n\ndef last():\n    pass\n"
        rec = {"id": f"defsoup/{n:03d}", "group": "defsoup", "src": src}
        rec.update(analyse(src, True))
        cases.append(rec)
    seen = set()
    sources = {**VALID, **MODULES}
    n = 0
    attempts = 0
    while n < MUTANTS and attempts < MUTANTS * 20:
        attempts += 1
        base = rng.choice(MUTATION_BASES)
        src = sources[base]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            src = mutate(rng, src)
        if src in seen or src == sources[base]:
            continue
        seen.add(src)
        n += 1
        rec = {"id": f"mutant/{n:03d}-{base}", "group": "mutant", "src": src}
        rec.update(analyse(src, False))
        cases.append(rec)
    data = {
        "generator": "scripts/golden/pyobject_cases.py",
        "python": sys.version.split()[0],
        "sphinx": sphinx.__version__,
        "seed": SEED,
        "cases": cases,
    }
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("test/python/golden/pyobject-cases.json")
    target.write_text(json.dumps(data, ensure_ascii=True, separators=(",", ":")) + "\n", encoding="ascii")
    valid = sum(1 for c in cases if c.get("src") is not None and c.get("sphinx") is None)
    print(f"wrote {len(cases)} cases ({valid} valid for Sphinx) to {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
