"""Golden data for src/python/str.ts: what CPython's str methods, int(),
repr() and textwrap.dedent return for a seeded set of inputs.

    python3 scripts/golden/pystr_cases.py > test/python/golden/pystr.json
"""
import json
import random
import textwrap

rng = random.Random(20261124)
ALPHABET = ['a', 'b', ' ', '\t', '\n', '\r', '\r\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x1f',
            '\x85', '\u2028', '\u2029', '\xa0', '\u3000', '\ufeff', 'é', '😀', '_', '-', '+', '1', '٣', '0', "'", '"', '\\', '\x00', '\x7f']


def rand_text(n):
    return ''.join(rng.choice(ALPHABET) for _ in range(n))


texts = ['', 'a', 'a\n', '\n', 'a\r\nb', 'a\rb\n', 'x\x0by\x0cz\x1cw\x1dv\x1eu\x85t\u2028s\u2029r\rq\r\np\n',
         '\t\tx\n\t  y\n', '  a\n\n  b\n', 'a\n  \n    b\n\tc\n', '    one\n      two\n', '  x\n\t y\n',
         ' \t \n  a\n', 'no newline', '\x0c\n', '  a\x0c  b\n']
texts += [rand_text(rng.randint(0, 24)) for _ in range(400)]

ints = ['1', ' 1 ', '+1', '-1', '1_0', '1__0', '_1', '1_', '0', '00', '010', '٣', '١٢', ' ٣ ', '𝟙𝟚', '1.0', '', ' ',
        '\t7\n', '\xa08\u3000', '+', '-', '+-1', '1 2', 'x', '0x10', '１２', '\u0e51', '1' * 5000, '9' * 4300]
ints += [rand_text(rng.randint(0, 6)) for _ in range(300)]

cases = {
    'splitlines': [[t, t.splitlines(True), t.splitlines()] for t in texts],
    'expandtabs': [[t, n, t.expandtabs(n)] for t in texts[:150] for n in (8, 4, 3, 1, 0, -1)],
    'strip': [[t, t.strip(), t.lstrip(), t.rstrip(), t.split()] for t in texts],
    'dedent': [[t, textwrap.dedent(t)] for t in texts],
    'repr': [[t, repr(t)] for t in texts],
    'int': [],
}
for s in ints:
    try:
        cases['int'].append([s, str(int(s)), None])
    except ValueError as e:
        cases['int'].append([s, None, str(e)])

print(json.dumps(cases, ensure_ascii=True, indent=0))
