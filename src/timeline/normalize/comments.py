"""Finding a file's comments and the key or item each one belongs to (`timeline docs normalize`, "Comments").

YAML parsers do not report comments, so they are found in the text: a `#` at the start of a line or after
whitespace, outside quoted and block scalars. A comment alone on its line belongs to the next mark below it
(the item, when an item and its first key start at one place); a comment after something belongs to the
last mark before it on its line; positions inside what is written on one line (an id list, a claim's `says`)
belong to the entry holding it.

Only what can hold a `#` is walked for marks: the file outside its events list, and the events whose text
holds one. An event's marks all lie between its start and the next event's, so the marks nearest any
comment are among those walked, plus the start of the next event, which is always recorded.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right

from ..load import YMap, unpack_position
from .build import ROOT, Builder, Events, Notes, Unit
from .scalars import forget_formatted

__all__ = ["notes_for"]

_COMMENT = re.compile("#[^\n\r\x85\u2028\u2029]*")  # from its '#' to the end of its line
_AFTER_SPACE = frozenset(" \t\n\x85\u2028\u2029")  # libyaml also ends lines at NEL, U+2028 and U+2029
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]+|\\.)*"', re.S)
_SINGLE_QUOTED = re.compile(r"'(?:[^']+|'')*'")
_INDENT = re.compile(r"[ ]*")
_BLOCK_HEADER = re.compile(r"[|>]([1-9]?)[-+]?([1-9]?)")
_NO_COMMENTS = Notes()


def notes_for(text: str, root: YMap) -> Notes:
    """Where each comment of a valid file (`text` with \\n line breaks, `root` its loaded values) goes."""
    if "#" not in text:  # most files: no walk at all
        return _NO_COMMENTS
    hashes = [match.start() for match in re.finditer("#", text)]
    survey = _Survey(text)
    try:
        events = next((unit.value for unit in survey.mapping(root, ROOT, 0)
                       if isinstance(unit, Unit) and isinstance(unit.value, Events)), None)
        if events is not None:
            survey.events(events, hashes)
    finally:
        forget_formatted()  # the walk formats values as the writer does; nothing of them is kept
    comments = _comments(text, hashes, survey)
    return _attach(survey, comments) if comments else _NO_COMMENTS


class _Survey(Builder):
    """The builder's walk, recording where each mark stands and where quoted and block scalars start.

    Marks are kept in three compact columns (text offset, depth, number): a large file has millions, and a
    tuple for each cost more memory than all the units.
    """

    every_mark = True

    def __init__(self, text: str):
        super().__init__(_NO_COMMENTS)
        self.text = text
        self.line_starts = array("q", [0])
        self.line_starts.extend(match.end() for match in re.finditer("\n", text))
        self.offsets, self.depths, self.numbers = array("q"), bytearray(), array("q")  # depth <= 32 (loader)
        self.quoted: list[tuple[int, int]] = []  # (offset, parent indent) of quoted and block scalars

    def offset(self, packed: int) -> int:
        line, column = unpack_position(packed)
        return self.line_starts[line - 1] + column - 1

    def mark(self, at: int, depth: int, unit: Unit | None) -> None:
        self.offsets.append(self.offset(at))
        self.depths.append(depth)
        self.numbers.append(self.item << 32 | self.count)
        self.count += 1

    def scalar(self, at: int, owner: Unit, depth: int, indent: int) -> None:
        self.mark(at, depth + 1, owner)
        offset = self.offsets[-1]
        if self.text[offset] in "\"'|>":
            self.quoted.append((offset, indent))

    def events(self, events: Events, hashes: list[int]) -> None:
        """Walk the events whose text holds a '#'; of the others, record where each starts."""
        packed = events.raw.packed
        holding = _holding([self.offset(at) for at in packed], hashes)
        for index, at in enumerate(packed):
            if index in holding:
                self.event(events, index)
            else:
                self.item, self.count = index + 1, 0
                self.mark(at, events.depth, None)


def _holding(starts: list[int], hashes: list[int]) -> set[int]:
    """The indexes of the events whose text (from `starts[i]` to the next start) holds one of the `hashes`."""
    return {bisect_right(starts, offset) - 1 for offset in hashes} - {-1}


def _comments(text: str, hashes: list[int], survey: _Survey) -> list[tuple[int, str]]:
    """(offset, text) of each comment, trailing blanks cut: every '#' that starts one."""
    starts, ends = _quoted_extents(survey)
    found, resume = [], 0
    for offset in hashes:
        if offset < resume:  # inside the comment or the quoted scalar just passed
            continue
        inside = bisect_right(starts, offset) - 1
        if inside >= 0 and offset < ends[inside]:
            resume = ends[inside]
            continue
        if offset == 0 or text[offset - 1] in _AFTER_SPACE:
            comment = _COMMENT.match(text, offset)
            found.append((offset, comment.group().rstrip(" \t")))
            resume = comment.end()
    return found


def _quoted_extents(survey: _Survey) -> tuple[list[int], list[int]]:
    """Where the quoted and block scalars walked lie (starts and ends, in order): a '#' inside them is text."""
    text, extents = survey.text, []
    for offset, indent in survey.quoted:
        first = text[offset]
        if first == '"' or first == "'":
            pattern = _DOUBLE_QUOTED if first == '"' else _SINGLE_QUOTED
            extents.append((offset, pattern.match(text, offset).end()))
        else:
            extents.append(_block_extent(text, offset, indent))
    extents.sort()
    return [start for start, _ in extents], [end for _, end in extents]


def _block_extent(text: str, offset: int, parent: int) -> tuple[int, int]:
    """A block scalar's content: the lines after its header that are blank or indented at least as deep as its
    content (given by an indentation indicator, else by its first non-blank line), deeper than its parent."""
    indicator = _BLOCK_HEADER.match(text, offset)
    explicit = int(indicator[1] or indicator[2] or 0)
    content = parent + explicit if explicit else None
    start = end = text.find("\n", offset) + 1 or len(text)
    while end < len(text):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end + 1
        line = text[end:line_end]
        if line.strip():
            indent = _INDENT.match(line).end()
            if content is None and indent > parent:
                content = indent
            if content is None or indent < content:
                break
        end = line_end
    return start, end


def _attach(survey: _Survey, comments: list[tuple[int, str]]) -> Notes:
    """Give every comment to the mark it belongs to; those with none stay for the end of the file."""
    text, notes = survey.text, Notes(found=len(comments))
    before, below = nearest_marks(survey, [start for start, _ in comments])
    rest = []
    for number, (start, comment) in enumerate(comments):
        line_start = text.rfind("\n", 0, start) + 1
        last = before[number]
        if text[line_start:start].strip(" \t\x85\u2028\u2029") and last >= 0 and survey.offsets[last] >= line_start:
            notes.after.setdefault(survey.numbers[last], []).append((number, comment))
        elif below[number] >= 0:
            notes.above.setdefault(survey.numbers[below[number]], []).append((number, comment))
        else:
            rest.append((number, comment))
    return Notes(notes.above, notes.after, tuple(rest), notes.found)


def nearest_marks(marks: _Survey, starts: list[int]) -> tuple[list[int], list[int]]:
    """For each comment start (in order), the index of the last mark before it and of the first mark after it
    (-1 if none), marks ordered by (offset, depth): at one offset the outermost comes first.

    One pass over the marks, none sorted: each falls in a gap between two comments, and each gap keeps only its
    first and last mark. The marks nearest a comment are then in the nearest non-empty gaps.
    """
    gaps = len(starts) + 1
    first_key, first_index = [-1] * gaps, [-1] * gaps
    last_key, last_index = [-1] * gaps, [-1] * gaps
    depths = marks.depths
    for index, offset in enumerate(marks.offsets):
        gap = bisect_left(starts, offset)
        key = offset << 8 | depths[index]
        if first_index[gap] < 0 or key < first_key[gap]:  # the earliest of equal marks stays first
            first_key[gap], first_index[gap] = key, index
        if key >= last_key[gap]:  # the latest of equal marks is last
            last_key[gap], last_index[gap] = key, index
    before, below = [], [-1] * len(starts)
    last = -1
    for gap in range(len(starts)):  # marks before comment n: in gaps 0..n, the last non-empty one holds the last
        if last_index[gap] >= 0:
            last = last_index[gap]
        before.append(last)
    following = -1
    for gap in range(len(starts), 0, -1):  # marks after comment n: in gaps n+1.., the first non-empty one
        if first_index[gap] >= 0:
            following = first_index[gap]
        below[gap - 1] = following
    return before, below
