#!/usr/bin/env python3
"""Golden data for src/python/difflib.ts, produced by CPython's difflib.

Run from the repository root:  python3 scripts/golden/difflib_cases.py
It writes test/python/golden/difflib.json. The output depends only on the
fixed seed below and the Python version (recorded in the file).

Each case stores its lines as an alphabet of distinct strings plus the two
sequences as strings of one character per line (the character with code
point 0x30 + i stands for alphabet[i]). Expected results: the matching blocks and grouped opcodes
(flattened), the SHA-256 and line count of the unified diff, and the diff
itself when it is short.
"""
import difflib
import hashlib
import json
import random
import sys
from pathlib import Path

SEED = 20240611
CODE_BASE = 0x30
FULL_DIFF_LIMIT = 700  # store the diff text itself when it is this short

# Lines a source file might contain; several blank-ish lines so that some of
# them become "popular" (autojunk) in long sequences.
CODE_LINES = [
    "\n", "\n", "    pass\n", "}\n", "    return x\n", "def f():\n", "import os\n",
    "# comment\n", "    }\n", "\tindent\n", "x = 1\r\n", "\r\n", "caf\u00e9\n",
    "emoji \U0001F600\n", "    \n", "end", "", "a\n", "b\n", "c\n",
    "  trailing  \n", "no newline", "\u00e9\u0301\n", "last\n",
]


def encode(seq, alphabet):
    index = {line: i for i, line in enumerate(alphabet)}
    return "".join(chr(CODE_BASE + index[line]) for line in seq)


def make_case(name, a, b, n=3):
    alphabet = sorted(set(a) | set(b))
    assert CODE_BASE + len(alphabet) < 0xD800, name
    sm = difflib.SequenceMatcher(None, a, b)
    blocks = [x for m in sm.get_matching_blocks() for x in m]
    groups = [
        [[tag, i1, i2, j1, j2] for tag, i1, i2, j1, j2 in group]
        for group in difflib.SequenceMatcher(None, a, b).get_grouped_opcodes(n)
    ]
    diff = list(difflib.unified_diff(a, b, f"old/{name}.txt", f"new/{name}.txt", n=n))
    text = "".join(diff)
    case = {
        "name": name,
        "n": n,
        "alphabet": alphabet,
        "a": encode(a, alphabet),
        "b": encode(b, alphabet),
        "popular": sorted(sm.bpopular),
        "blocks": blocks,
        "groups": groups,
        "diffLines": len(diff),
        "diffSha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
    }
    if len(text) <= FULL_DIFF_LIMIT:
        case["diff"] = diff
    return case


def mutate(rng, seq, alphabet, edits):
    """Apply random edits: deletions, insertions, replacements, block moves."""
    out = list(seq)
    for _ in range(edits):
        op = rng.random()
        pos = rng.randint(0, len(out))
        run = rng.choice([1, 1, 1, 2, 3, 5, 8, 20])
        if op < 0.3 and out:
            del out[pos:pos + run]
        elif op < 0.6:
            out[pos:pos] = [rng.choice(alphabet) for _ in range(run)]
        elif op < 0.85 and out:
            out[pos:pos + run] = [rng.choice(alphabet) for _ in range(run)]
        elif out:
            chunk = out[pos:pos + run]
            del out[pos:pos + run]
            dest = rng.randint(0, len(out))
            out[dest:dest] = chunk
    return out


def random_alphabet(rng):
    kind = rng.random()
    if kind < 0.4:
        k = rng.randint(1, 6)  # tiny alphabet: huge number of matches
        return [f"l{i}\n" for i in range(k)]
    if kind < 0.7:
        k = rng.randint(2, 40)
        return [f"line {i}\n" for i in range(k)]
    return rng.sample(CODE_LINES, rng.randint(2, len(CODE_LINES)))


def random_seq(rng, alphabet, length):
    # Skewed weights so that some lines are far more frequent than others.
    weights = [rng.choice([1, 1, 2, 5, 30]) for _ in alphabet]
    return rng.choices(alphabet, weights=weights, k=length)


def random_cases(rng, count):
    cases = []
    for idx in range(count):
        alphabet = random_alphabet(rng)
        size_kind = rng.random()
        if size_kind < 0.25:
            length = rng.randint(0, 12)
        elif size_kind < 0.6:
            length = rng.randint(0, 120)
        elif size_kind < 0.85:
            length = rng.randint(150, 320)  # around the autojunk threshold of 200
        else:
            length = rng.randint(320, 600)
        a = random_seq(rng, alphabet, length)
        mode = rng.random()
        if mode < 0.65:
            b = mutate(rng, a, alphabet, rng.randint(0, 15))
        elif mode < 0.8:
            b = random_seq(rng, alphabet, rng.randint(0, 600 if length > 150 else 120))
        elif mode < 0.9:
            b = list(a)
        else:
            b = mutate(rng, a, alphabet, rng.randint(1, 4))
            a, b = b, a
        # Drop the final newline of either side now and then.
        for seq in (a, b):
            if seq and rng.random() < 0.25 and seq[-1].endswith("\n"):
                seq[-1] = seq[-1][:-1]
        n = rng.choice([0, 1, 2, 3, 3, 3, 3, 5, 10])
        cases.append(make_case(f"random-{idx:03d}", a, b, n))
    return cases


def lines(text):
    return text.splitlines(True)


def hand_cases():
    code_a = lines("def f():\n    x = 1\n\n    return x\n\n\ndef g():\n    pass\n")
    code_b = lines("def f():\n    x = 2\n\n    return x\n\n\ndef g():\n    pass\n    # done")
    many_blank_a = ["\n" if i % 3 == 0 else f"stmt {i}\n" for i in range(300)]
    many_blank_b = list(many_blank_a)
    many_blank_b[150:152] = ["changed\n"]
    many_blank_b.insert(10, "\n")
    cases = [
        ("both-empty", [], []),
        ("a-empty", [], lines("one\ntwo\nthree\n")),
        ("b-empty", lines("one\ntwo\nthree\n"), []),
        ("identical", lines("one\ntwo\nthree\n"), lines("one\ntwo\nthree\n")),
        ("identical-no-eol", lines("one\ntwo"), lines("one\ntwo")),
        ("single-change", lines("one\ntwo\nthree\n"), lines("one\n2\nthree\n")),
        ("eol-added", lines("one\ntwo"), lines("one\ntwo\n")),
        ("eol-removed", lines("one\ntwo\n"), lines("one\ntwo")),
        ("crlf-vs-lf", lines("one\r\ntwo\r\n"), lines("one\ntwo\n")),
        ("docstring-example", lines("one\ntwo\nthree\nfour\n"), lines("zero\none\ntree\nfour\n")),
        ("code", code_a, code_b),
        ("separate-hunks", [f"{i}\n" for i in range(40)],
         [("X\n" if i in (3, 30) else f"{i}\n") for i in range(40)]),
        ("adjacent-hunks", [f"{i}\n" for i in range(40)],
         [("X\n" if i in (10, 17) else f"{i}\n") for i in range(40)]),
        ("popular-blank-lines", many_blank_a, many_blank_b),
        ("all-same-line", ["x\n"] * 250, ["x\n"] * 240 + ["y\n"] + ["x\n"] * 20),
        ("unicode", lines("caf\u00e9\n\U0001F600\n\u00e9\n"), lines("cafe\u0301\n\U0001F600\n\u00e9\n")),
        ("empty-string-lines", ["", "", "a"], ["", "a", ""]),
    ]
    out = []
    for name, a, b in cases:
        for n in (0, 1, 3, 5):
            out.append(make_case(f"{name}-n{n}", a, b, n))
    return out


def main():
    rng = random.Random(SEED)
    cases = hand_cases() + random_cases(rng, 360)
    data = {
        "generator": "scripts/golden/difflib_cases.py",
        "python": sys.version.split()[0],
        "codeBase": CODE_BASE,
        "cases": cases,
    }
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("test/python/golden/difflib.json")
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {target}")


if __name__ == "__main__":
    main()
