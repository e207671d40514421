"""Pieces both directive oracles (docutils_directives.py, myst_directives.py) use."""

from docutils.parsers.rst import directives
from docutils.statemachine import StringList


class AnyOption(dict):
    """An option_spec that accepts every option name, value kept as text."""

    def __missing__(self, key):
        return directives.unchanged

    def __bool__(self):
        return True



def glossary_entries(content):
    """Sphinx's Glossary.run (sphinx/domains/std.py) entry splitting, verbatim
    in behaviour: returns the definition StringLists in document order."""
    entries = []  # list of [terms, definition StringList]
    in_definition = True
    in_comment = False
    was_empty = True
    indent_len = 0
    for line, (source, lineno) in zip(content, content.items):
        if not line:
            if in_definition and entries:
                entries[-1][1].append('', source, lineno)
            was_empty = True
            continue
        if line and not line[0].isspace():
            if line.startswith('.. '):
                in_comment = True
                continue
            else:
                in_comment = False
            if in_definition:
                entries.append([[line], StringList()])
                in_definition = False
            else:
                if entries:
                    entries[-1][0].append(line)
        elif in_comment:
            pass
        else:
            if not in_definition:
                in_definition = True
                indent_len = len(line) - len(line.lstrip())
            if entries:
                entries[-1][1].append(line[indent_len:], source, lineno)
        was_empty = False
    return [definition for _terms, definition in entries]
