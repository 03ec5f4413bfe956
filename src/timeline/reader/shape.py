"""The lines around the place libyaml stopped, as the rules of hints.py look at them: the line libyaml stopped at
and the few above it, the key of a line, the indentations a line may have where it stands, an open quote above."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .units import has_content, indentation, is_item, key_indentation

if TYPE_CHECKING:
    from .stops import Stop

_KEY = re.compile(r"""[ ]*(?:-[ ]+)?("[^"]*"|'[^']*'|[^\s:#'"\-][^:#]*?|-[^\s:#][^:#]*?)[ ]*:(?:[ \t]|\Z)""")
_OPENING = re.compile(r"""[ ]*(?:-[ ]+)?(?:[^\s:#'"][^:#]*?:[ \t]+)?(["'])""")  # a value (or an item) opening a quote
_LOOK_BACK = 500  # lines looked at above a stop for the indentations around it; an event is a few dozen
_QUOTE_BACK = 2000  # lines looked at above a stop for the quote that ran on to it


class Shape:
    """`lines` (1-based here; those cut out already are empty) around `stop`."""

    def __init__(self, stop: Stop, lines: list[str]):
        self.stop = stop
        self._lines = lines

    def line(self, number: int) -> str:
        """Line `number` without its line break ("" past either end)."""
        if not 0 < number <= len(self._lines):
            return ""
        return self._lines[number - 1].rstrip("\r")

    def previous(self, number: int) -> int:
        """The number of the nearest line above `number` that holds something (0 when there is none)."""
        for above in range(number - 1, max(0, number - _LOOK_BACK), -1):
            if has_content(self.line(above)):
                return above
        return 0

    def around(self) -> list[int]:
        """The lines a raw mistake behind the stop can be on, top first: the line a scan began at (a key, a value),
        the two lines above the stop that hold something, and the stop's own line."""
        stop = self.stop
        numbers = {stop.line}
        above = self.previous(stop.line)
        numbers.update(n for n in (above, self.previous(above) if above else 0) if n)
        if stop.context.startswith("while scanning") and 0 < stop.context_line <= stop.line:
            numbers.add(stop.context_line)
        return sorted(numbers)

    def culprit_line(self) -> int:
        """The line the structure rules judge: where a key being read began, else where libyaml stopped (or the
        last line holding something, when it stopped at the end of the file)."""
        stop = self.stop
        if stop.context == "while scanning a simple key" and stop.context_line:
            return stop.context_line
        if not has_content(self.line(stop.line)):
            return self.previous(stop.line) or stop.line
        return stop.line

    def key(self, number: int) -> str | None:
        """The key line `number` gives (`title` for `    title: ...` or `  - title:`), or None."""
        match = _KEY.match(self.line(number))
        return match.group(1).strip("'\"") if match else None

    def opens(self, number: int) -> bool:
        """Whether line `number` opens a block: a key with nothing after its colon (but a comment)."""
        line = self.line(number).split(" #")[0].rstrip()
        return line.endswith(":") and self.key(number) is not None

    def levels(self, number: int) -> tuple[set[int], set[int]]:
        """The indentations a key, and a list item, may have on line `number`: those of the lines it can be a
        sibling of (the line above, and each line above that is less indented than all below it), and the column
        of the keys inside each list item among them."""
        keys: set[int] = set()
        items: set[int] = set()
        floor = None
        for above in range(number - 1, max(0, number - _LOOK_BACK), -1):
            line = self.line(above)
            if not has_content(line):
                continue
            spaces = indentation(line)
            if floor is not None and spaces >= floor:
                continue
            floor = spaces
            if is_item(line):
                items.add(spaces)
                rest = line[spaces + 1:]
                if rest.strip():
                    keys.add(spaces + 1 + len(rest) - len(rest.lstrip(" ")))
            else:
                keys.add(spaces)
            if spaces == 0:
                break
        return keys, items

    def like(self, number: int) -> str:
        """How many spaces to indent line `number` with, as the line above says (", 4 of them as on the line above"),
        or "" when there is none."""
        above = self.previous(number)
        if not above:
            return ""
        line = self.line(above)
        spaces = indentation(line)
        if is_item(line):  # `  - id: one`: the keys of the item stand where `id` does
            return f", {key_indentation(line)} of them as the keys of the item above"
        if self.opens(above):
            return f", more than the {spaces} of the line above, which it belongs to (e.g. {spaces + 2})"
        return f", {spaces} of them as on the line above"

    def after_quote(self) -> bool:
        """Whether libyaml stopped just after the first quote on its line: the end of a quoted text that began
        further up, at a quote left open."""
        line, column = self.line(self.stop.line), self.stop.column
        before = line[:column - 1].rstrip()
        return bool(before) and before[-1] in "\"'" and sum(before.count(q) for q in "\"'") == 1

    def open_quote_above(self) -> tuple[int, int] | None:
        """(line, column) of the nearest quote above the stop opened and not closed on its line, or None."""
        quote = self.line(self.stop.line)[:self.stop.column - 1].rstrip()[-1:]
        for number in range(self.stop.line - 1, max(0, self.stop.line - _QUOTE_BACK), -1):
            column = unclosed_quote(self.line(number))
            if column and self.line(number)[column - 1] == quote:
                return number, column
        return None

    def open_bracket_above(self) -> tuple[int, int] | None:
        """(line, column) of the nearest `[` or `{` at or above the stop left open on its line, or None."""
        for number in range(self.stop.line, max(0, self.stop.line - _QUOTE_BACK), -1):
            column = unclosed_bracket(self.line(number))
            if column:
                return number, column
        return None


def unclosed_bracket(line: str) -> int | None:
    """The 1-based column of the first `[` or `{` on `line` (outside quotes and comments) not closed on it."""
    open_at: list[int] = []
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and (index == 0 or line[index - 1] in " [{,"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] == " "):
            break
        elif char in "[{":
            open_at.append(index + 1)
        elif char in "]}" and open_at:
            open_at.pop()
    return open_at[0] if open_at else None


def unclosed_quote(line: str) -> int | None:
    """The 1-based column of a quote that opens a value (or a list item) on `line` and is not closed on it."""
    match = _OPENING.match(line)
    if match is None:
        return None
    quote, start = match.group(1), match.end(1)
    rest = line[start:]
    if quote == "'":  # closed by a run of an odd number of quotes ('' is one quote inside the text)
        closed = any(len(run) % 2 for run in re.findall(r"'+", rest))
    else:
        closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    return None if closed else start
