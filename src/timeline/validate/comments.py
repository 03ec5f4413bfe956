"""A ` #` that silently cuts a text short, found in the file's raw text (the parsed values no longer show it).

`key: plain text #more`: YAML ends a plain value at ` #`, so the rest of what the editor typed becomes a
comment. Legitimate in most places, but in a title, summary or quote it silently cuts the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import PROBLEM_CODES, Problem, shown
from ..format import TEXT_KEYS
from ..load import LoadedFile

__all__ = ["comments_cutting_text"]

_CUT_BY_COMMENT = re.compile(r"^\s*(?:-\s+)?(?:%s):[ \t]+[^\s'\"|>\[{&*!%%@`#][^\n]*?([ \t]+#)" % "|".join(TEXT_KEYS))
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")
_BLOCK_SCALAR_ANYWHERE = re.compile(_BLOCK_SCALAR.pattern, re.MULTILINE)  # finds every line _BLOCK_SCALAR finds
_HASH_AFTER_SPACE = re.compile(r"[ \t]#")


def comments_cutting_text(loaded: LoadedFile) -> list[Problem]:
    """A warning for each text value that a ` #` on its line cut short."""
    text = loaded.text
    if " #" not in text and "\t#" not in text:  # nearly every file: one scan
        return []
    # Without a block scalar no line is inside one, and only a line holding ` #` can be cut: look at those
    # lines alone rather than at every line of a large file (the same lines, numbers and problems).
    lines = _lines_with_a_hash(text) if not _BLOCK_SCALAR_ANYWHERE.search(text) else _lines_outside_blocks(text)
    found = []
    for number, line in lines:
        match = _CUT_BY_COMMENT.match(line)
        if match:
            column = match.end(1)  # the `#`, 1-based
            found.append(Problem(loaded.file, number, column, "comment-in-text",
                                 f"' #' ends this value: the text after it, '{shown(line[column:].strip())}', is read "
                                 "as a comment", "put the whole value in double quotes to keep it",
                                 PROBLEM_CODES["comment-in-text"][0]))
    return found


def _lines_outside_blocks(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of every line not inside a literal or folded block, where `#` is text."""
    block_indent = None
    for number, line in enumerate(text.split("\n"), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent > block_indent):
            continue
        block_indent = indent if _BLOCK_SCALAR.search(line) else None
        yield number, line


def _lines_with_a_hash(text: str) -> Iterator[tuple[int, str]]:
    """(number, line) of every line holding ` #` or a tab and `#`, in order."""
    number, counted, line_end = 1, 0, -1
    for hit in _HASH_AFTER_SPACE.finditer(text):
        position = hit.start()
        if position < line_end:
            continue  # a second ` #` on a line already given
        number += text.count("\n", counted, position)
        counted = position
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end < 0:
            line_end = len(text)
        yield number, text[line_start:line_end]
