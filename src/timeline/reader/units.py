"""A file's lines as the units a syntax error is cut out with: top-level blocks, and the entries of the registries
and of the events list (recover.py cuts, then reads on).

Found from the raw lines alone, since the file does not parse: a top-level block starts at a line that begins in
column 1 (`sources:`, or a garbled `title：`), and runs to the next one; in a block whose value is a list or a
registry (`events`, `topics`, `actors`, `sources`), each item or entry is a unit of its own. Every other block
(`version`, `title`, a key the format does not know) is cut whole: half of a title would only be reported as
missing its other half.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ..format import TOP

# The top-level keys whose value is a list of events or a registry of entries: each item or entry stands alone.
ENTRY_BLOCKS = frozenset(key.name for key in TOP.keys if key.value in ("list", "registry"))
_LEVEL_LINES = 20_000  # lines of a list looked at for the indentation most of its items have
REGISTRIES = frozenset(key.name for key in TOP.keys if key.value == "registry")  # their entries have ids
_KEY_NAME = re.compile(r"""["']?([A-Za-z0-9_][A-Za-z0-9_-]*)""")
# The key of the lines that stand, in a read from the middle of a file, for the text above it (Unit.context): no
# key of the format, so no diagnosis names it (hints._continued).
STAND_IN_KEY = "_"
STAND_IN = f"{STAND_IN_KEY}: {STAND_IN_KEY}"
_KEY_SHAPE = re.compile(r"[^:#]*:(?:[ \t]|$)")  # `key:` or `key: value`, as a line that starts a key looks
_ITEM_KEY = re.compile(r"[ ]*-[ ]*([^\s:#]+)")  # the first word of an item: `id` in `  - id: one`
_ENTRY_ID = re.compile(r"[ ]+([a-z0-9]+(?:-[a-z0-9]+)*)[ ]*:(?:[ \t]|\r?\Z)")  # `  ai-policy:`, an id the format reads
_NO_START = "#]},\ufeff"  # a comment, what closes a flow value, a BOM: in column 1, none starts a block


def indentation(line: str) -> int:
    """The spaces before a line's first character (only the space indents in YAML)."""
    return len(line) - len(line.lstrip(" "))


def key_indentation(line: str) -> int:
    """Where the keys of `line` stand: its indentation, or for an item (`  - id: one`) where `id` does."""
    spaces = indentation(line)
    if not is_item(line):
        return spaces
    rest = line[spaces + 1:]
    return spaces + 1 + len(rest) - len(rest.lstrip(" "))


def has_content(line: str) -> bool:
    """Whether a line holds more than white space or a comment."""
    stripped = line.strip(" \r")
    return bool(stripped) and not stripped.startswith("#")


def is_item(line: str) -> bool:
    """Whether a line (after its indentation) is a list item: `- ...` or a lone `-`."""
    stripped = line.lstrip(" ")
    return stripped[:1] == "-" and stripped[1:2] in ("", " ", "\r", "\t")



@dataclass(frozen=True, slots=True)
class Unit:
    """Lines start..end-1 (1-based), in the top-level block of `key` (None when the block's key is unreadable).

    `context` is the text that puts a parser where the line `end` stands (in the root mapping, or inside the block
    after an entry), so that the file can be read on from `end` without reading again what came before it.
    """

    start: int
    end: int
    key: str | None
    context: tuple[str, ...]
    entry: str | None = None  # the id of the registry entry the unit is, when it is one and its id can be read


class Layout:
    """The top-level blocks of a file's lines, found once; `unit_of` finds the unit of a line, `cut` empties it."""

    def __init__(self, lines: list[str]):
        # The units are those of the lines as written: `cut` empties lines of `cutting`, the list being read.
        self.cutting, self.lines = lines, list(lines)
        # 0-based numbers of the lines that begin in column 1 with what can begin a top-level key (white space YAML
        # does not count, as a tab or U+3000, does not), and of those that are no list item (an item is judged by
        # the block it is in)
        self._starts = [number for number, line in enumerate(lines)
                        if line and line[0] not in _NO_START and not line[0].isspace()]
        self._keys = [number for number in self._starts if not is_item(lines[number])]
        self._levels: dict[int, int] = {}  # a list's first line -> the indentation of most of its items

    def goes_on(self, number: int) -> None:
        """1-based line `number`, in column 1, goes on with the value above it (hints._continued): it starts no
        block, so its unit is the entry above, not everything from it to the next top-level key."""
        first = index = number - 1
        lines = self.lines
        index += 1
        while index < len(lines) and index in self._starts and not is_item(lines[index]) and \
                not _KEY_SHAPE.match(lines[index]):
            index += 1  # the lines after it in column 1 with no `key:` go on with the value as well
        self._starts = [start for start in self._starts if not first <= start < index]
        self._keys = [key for key in self._keys if not first <= key < index]

    def cut(self, unit: Unit) -> bool:
        """Empty the unit's lines in the list being read (the numbers of the others stay); False when none of them
        held anything still."""
        lines = self.cutting
        span = range(unit.start - 1, min(unit.end - 1, len(lines)))
        if not any(has_content(lines[index]) for index in span):
            return False
        for index in span:
            lines[index] = ""
        return True

    def unit_of(self, number: int) -> Unit:
        """The unit holding 1-based line `number`."""
        start, end, key = self._block(number - 1)
        if key in ENTRY_BLOCKS and not is_item(self.lines[start]):
            entry = self._entry(start, end, number - 1, key)
            if entry is not None:
                return entry
        return Unit(start + 1, end + 1, key, (STAND_IN,))

    def boundary_after(self, number: int) -> tuple[int, tuple[str, ...]]:
        """The first line at or after 1-based `number` where a unit starts (an item or entry of the block it is in,
        else the next top-level block; one past the last line at the end), and the context a read from there needs."""
        start, end, key = self._block(number - 1)
        if key in ENTRY_BLOCKS and not is_item(self.lines[start]):
            first = self._first_content(start)
            if first is not None and first < number - 1:
                level, listed = self._level(first, end), is_item(self.lines[first])
                opens = _opener(level, listed, self.lines[first])
                after = next((i for i in range(number - 1, end) if opens(self.lines[i])), end)
                if after < end:
                    return after + 1, self._entry_context(first, end, level, listed)
        return end + 1, (STAND_IN,)

    def _block(self, index: int) -> tuple[int, int, str | None]:
        """0-based first and after-last line of the top-level block holding line `index`, and the key of the block
        it is in or follows (a list item in column 1 outside a list is a block of its own, after that key's)."""
        keys, starts, lines = self._keys, self._starts, self.lines
        at = bisect_right(keys, index) - 1
        key_line = keys[at] if at >= 0 else None
        key = self._key(key_line) if key_line is not None else None
        if key_line is not None and self._items_in_column_one(key_line):  # `events:` then `- id:` in column 1
            return key_line, keys[at + 1] if at + 1 < len(keys) else len(lines), key
        at = bisect_right(starts, index) - 1
        after = at + 1
        return (starts[at] if at >= 0 else 0), (starts[after] if after < len(starts) else len(lines)), key

    def _items_in_column_one(self, key_line: int) -> bool:
        """Whether the block of the key on `key_line` is a list whose items start in column 1."""
        first = self._first_content(key_line)
        return first is not None and is_item(self.lines[first]) and indentation(self.lines[first]) == 0

    def _first_content(self, start: int) -> int | None:
        """The first line after line `start` that holds something, or None."""
        for index in range(start + 1, min(start + 1000, len(self.lines))):
            if has_content(self.lines[index]):
                return index
        return None

    def _key(self, start: int) -> str | None:
        match = _KEY_NAME.match(self.lines[start])
        return match.group(1) if match else None

    def _entry(self, start: int, end: int, index: int, key: str) -> Unit | None:
        """The item or entry of block `key` (lines start..end-1) holding line `index`; None to cut the block whole."""
        lines = self.lines
        first = self._first_content(start)
        if first is None or first >= end or index < first:
            return None
        level = self._level(first, end)
        listed = is_item(lines[first])
        if not listed and is_item(lines[index]) and indentation(lines[index]) <= level:
            return None  # a list where the registry's entries are: everything to the next block is one mistake

        opens = _opener(level, listed, lines[first])
        first_line = next((i for i in range(index, first - 1, -1) if opens(lines[i])), first)
        after = next((i for i in range(index + 1, end) if opens(lines[i])), end)
        entry = _ENTRY_ID.match(lines[first_line]) if key in REGISTRIES and not listed else None
        # its id, unless the unit holds another line as little indented as an entry's (an entry indented off)
        single = not any(has_content(line) and indentation(line) <= level and not line[indentation(line)].isspace()
                         for line in lines[first_line + 1:after])
        entry = entry.group(1) if entry and single else None
        if after == end:
            return Unit(first_line + 1, end + 1, key, (STAND_IN,), entry)
        return Unit(first_line + 1, after + 1, key, self._entry_context(first, end, level, listed), entry)

    def _level(self, first: int, end: int) -> int:
        """The indentation of a block's items or entries, from its first (line `first`) to line `end`: the one most
        of them have (among the first few thousand lines), so that a first item indented one space off is the one
        out of line, not all the others."""
        line = self.lines[first]
        if not is_item(line):
            return indentation(line)
        if first not in self._levels:
            near = indentation(line) + 2  # items indented further are inside the first one
            counts: Counter[int] = Counter()
            for other in self.lines[first:min(end, first + _LEVEL_LINES)]:
                head = other[:near]
                dash = head.lstrip(" ")
                if dash[:1] == "-":
                    counts[len(head) - len(dash)] += 1
            self._levels[first] = max(counts, key=lambda spaces: (counts[spaces], -spaces))
        return self._levels[first]

    def level_at(self, number: int) -> int:
        """The indentation most items or entries of the block holding 1-based line `number` have."""
        start, end, _ = self._block(number - 1)
        first = self._first_content(start)
        return self._level(first, end) if first is not None else 0

    def misplaced_item(self, number: int) -> int | None:
        """The line of the list item to blame for a mistake libyaml found on 1-based line `number`, when it is not
        indented as most items of its list are: the item holding the line, or, when the line is an item indented as
        most are, the list's first item, if it is off and not cut out yet (libyaml takes the list's indentation from
        its first item, so it blames the items after a first one indented off). None when no item is off."""
        start, end, _ = self._block(number - 1)
        first = self._first_content(start)
        lines = self.lines
        if first is None or first > number - 1 or not is_item(lines[first]):
            return None
        level = self._level(first, end)
        opens = _opener(max(level, indentation(lines[first])), True, lines[first])  # the first item, however far in
        own = next((i for i in range(number - 1, first - 1, -1) if opens(lines[i])), None)
        if own is not None and indentation(lines[own]) != level:
            return own + 1
        if is_item(lines[number - 1]) and indentation(lines[number - 1]) == level and \
                indentation(lines[first]) != level and has_content(self.cutting[first]):
            return first + 1
        return None

    def _entry_context(self, first: int, end: int, level: int, listed: bool) -> tuple[str, ...]:
        """A block key and one dummy entry shaped like the block's: its items' or entries' keys indented as theirs."""
        own = indentation(self.lines[first])  # the first one's, which may be off `level`
        inner = next((indentation(line) for line in self.lines[first + 1:min(end, first + 50)]
                      if has_content(line) and indentation(line) > own), own + 2) - own + level
        if listed:
            return (f"{STAND_IN_KEY}:", " " * level + "-".ljust(max(inner - level, 2)) + STAND_IN)
        return (f"{STAND_IN_KEY}:", " " * level + f"{STAND_IN_KEY}:", " " * max(inner, level + 1) + STAND_IN)


def _opener(level: int, listed: bool, first: str):
    """Whether a line starts an item (`listed`) or an entry of a block whose items or entries are indented `level`
    and whose first one is line `first`: at that indentation; or, for an item one space off, when it starts with
    the key the first one does (`- id:` for an event), so that a mistake in its indentation is cut out alone, while
    a line of an item that is off (`   - source:`) is cut out with its item."""
    if not listed:
        return lambda line: indentation(line) == level and line[level:level + 1] not in ("", "-", "#") \
            and not line[level].isspace()
    key = _item_key(first)

    def opens(line: str) -> bool:
        spaces = indentation(line)
        if line[spaces:spaces + 1] != "-" or spaces > level + 1 or not has_content(line):
            return False
        return spaces == level or _item_key(line) == key  # `-id: x` too: a dash without its space

    return opens


def _item_key(line: str) -> str | None:
    match = _ITEM_KEY.match(line)
    return match.group(1) if match else None
