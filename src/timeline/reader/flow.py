"""A `{...}` or `[...]` value on one line that a comma or a `: ` cut where the reporter meant one value.

In a flow collection a comma separates entries and `: ` separates a key from its value, so an unquoted
`title: {ja: 約3万件, en: about 30,000}` holds a second key `000` (no value), and `{en: a: b}` cannot be read. The
YAML is well formed in the first case, so what reports it (an unknown key, an id that is no id) says nothing of
commas; these functions look at the raw line where such a problem stands and say what the comma did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Split", "comma_split", "split_hint", "colon_in_flow_value"]

_CLOSE = {"[": "]", "{": "}"}
_QUOTE_AFTER = ("", ":", "[", "{", ",", "-")  # a quote opens a scalar only where one can start
_NUMBER_GROUP = re.compile(r"\d{3}(?:\D|\Z)")  # 30,000: the comma of a thousands separator
_NAME_SUFFIX = re.compile(r"(?i)(?:jr|sr|inc|ltd|llc|corp|co|plc|ag|sa|ii|iii|iv)\.?\Z")  # Trump, Jr.; Acme, Inc.


@dataclass(frozen=True, slots=True)
class Split:
    """One value a comma cut in two inside a `bracket` ("{" or "["): `whole` as typed, and the two pieces."""

    bracket: str
    whole: str
    first: str
    second: str


def _open_piece(text: str) -> tuple[str, int, bool] | None:
    """The innermost flow collection still open at the end of `text`, where its current entry's value began, and
    whether that value is quoted; None outside any `[` or `{` (or inside a quote or a comment)."""
    stack: list[list] = []  # [bracket, index where the current value began]
    quote = ""
    i = 0
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote and not (quote == "'" and text[i + 1:i + 2] == "'"):
                quote = ""
            elif char == quote:
                i += 1  # '' inside single quotes is one apostrophe
        elif char in "\"'" and text[:i].rstrip()[-1:] in _QUOTE_AFTER:
            quote = char
        elif char in "[{":
            stack.append([char, i + 1])
        elif char in "]}" and stack:
            stack.pop()
        elif char == "," and stack or char == ":" and stack and stack[-1][0] == "{" and text[i + 1:i + 2] in " ":
            stack[-1][1] = i + 1
        elif char == "#" and text[i - 1:i] in ("", " "):
            return None
        i += 1
    if quote or not stack:
        return None
    bracket, start = stack[-1]
    return bracket, start, text[start:].lstrip()[:1] in "\"'" and text[start:].strip() != ""


def _piece_end(line: str, start: int) -> int:
    """Where the entry beginning at `start` ends: at a `,`, a closing bracket, a `: `, a comment or the line's end."""
    for i in range(start, len(line)):
        char = line[i]
        if char in ",]}" or char == ":" and line[i + 1:i + 2] in ("", " ") or char == "#" and line[i - 1] == " ":
            return i
    return len(line)


def comma_split(line: str, column: int) -> Split | None:
    """The value a comma cut when the entry at 1-based `column` of `line` is what came after that comma, in an
    unquoted value inside `{...}` or `[...]`; None when no comma stands just before it."""
    start = column - 1
    before = line[:start].rstrip()
    if not before.endswith(",") or start > len(line):
        return None
    piece = _open_piece(before[:-1])
    if piece is None or piece[2]:
        return None
    bracket, begin, _ = piece
    end = _piece_end(line, start)
    first, second = line[begin:len(before) - 1].strip(), line[start:end].strip()
    if not first or not second:
        return None
    if bracket == "{" and line[end:end + 1] == ":":
        return None  # `{ja: x, eng: y}`: a key with a value of its own, a misspelt key rather than a cut value
    if bracket == "[" and not (first[-1:].isdigit() and _NUMBER_GROUP.match(second) or _NAME_SUFFIX.match(second)):
        return None  # commas separate a list's items: only a number or a name that cannot stand alone was cut
    return Split(bracket, line[begin:end].strip(), first, second)


def split_hint(split: Split) -> str:
    """What the comma did, and the fix."""
    if split.bracket == "{":
        return (f"the comma in `{split.whole}` splits the value in two, and YAML reads `{split.second}` as a key of "
                f'its own: put the value in quotes ("{split.whole}"), or write the mapping in block form, one '
                "`key: value` a line")
    # The lists a problem can stand in hold ids (a list of texts, like `aliases`, takes any piece as an item).
    return (f"the comma in `{split.whole}` splits it into two items of the `[...]` list, `{split.first}` and "
            f"`{split.second}`: an id has no comma, so list the one id meant")


def colon_in_flow_value(line: str, column: int) -> tuple[str, str] | None:
    """(key, value) when the `:` at 1-based `column` of `line` is a second `: ` inside one unquoted entry of a
    `{...}` (`{en: a: b}`): the value holds a colon and a space."""
    piece = _open_piece(line[:column - 1])
    if piece is None or piece[2] or piece[0] != "{":
        return None
    begin = piece[1]
    key_end = line.rfind(":", 0, begin)
    key = line[max(line.rfind(",", 0, key_end), line.rfind("{", 0, key_end)) + 1:key_end].strip()
    rest = line[begin:]
    value = rest[:next((i for i, char in enumerate(rest) if char in ",}"), len(rest))].strip()
    return (key, value) if key and value else None
