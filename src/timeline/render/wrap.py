"""Where a line of a terminal table may break, for English and Japanese alike, and how wide columns get.

rich breaks only at spaces and chops a word longer than its column anywhere, so `crypto-futures-posit` /
`ions-top-200-billion` could not be copied into `timeline show`, and a Japanese line could start with `、` or a
lone `」`. Here a line breaks:

- after a run of spaces (which do not start the next line), and between two Japanese characters;
- never inside a word of letters, digits and ASCII punctuation (an id, `$TRUMP`, `2025年` stays whole: a digit
  keeps the character after it);
- never before closing punctuation, small kana, `ー`, `々` or an iteration mark, and never after opening
  punctuation (kinsoku shori, JIS X 4051's line-start and line-end rules): the character before comes down with
  it instead.

A word longer than the whole width is cut by cells (as rich does) unless it is whole (an id): then the line is
longer than the width, and a terminal wraps it softly, which copies as one line. Pure: only rich's cell widths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len

# Closing brackets and quotes, Japanese and ASCII sentence punctuation, small kana, the long-vowel mark,
# iteration marks: never the first character of a line.
NO_START = set("、。，．・：；？！‐゠–〜～ー々〻ゝゞヽヾ" "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
               "）〕］｝〉》」』】〙〗〟’”｠»,.:;!?)]}%％")
# Opening brackets and quotes: never the last character of a line.
NO_END = set("（〔［｛〈《「『【〘〖〝‘“｟«([{")
_SPACE = re.compile(r"\s")
_WORD = re.compile(r"[\w!-/:-@\[-`{-~]", re.ASCII)  # letters, digits and ASCII punctuation: inside a word
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def pieces(text: str) -> list[str]:
    """The text cut where a line may break: each piece is what must stay on one line, with the spaces after it."""
    found: list[str] = []
    start = 0
    for at in range(1, len(text)):
        if _may_break(text[at - 1], text[at]):
            found.append(text[start:at])
            start = at
    if text:
        found.append(text[start:])
    return found


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between two characters."""
    if _SPACE.match(after):
        return False  # spaces stay at the end of the line before
    if _SPACE.match(before):  # a word starts: `:fire:` may start a line, a lone `」` may not
        return after.isascii() or after not in NO_START
    if after in NO_START or before in NO_END:
        return False
    if _JAPANESE.match(before) or _JAPANESE.match(after):
        return not (before.isdigit() and before.isascii())  # 2025年, 27日, 100億 stay whole
    return not (_WORD.match(before) and _WORD.match(after))


def wrap(text: str, width: int, *, whole: bool = False) -> list[str]:
    """The lines `text` takes at `width` cells: a word (up to a space) goes whole onto the next line when it does
    not fit on this one; only a word longer than a line (a Japanese sentence) is broken inside, at the breaks
    `pieces` allows, or, for a piece longer than a line, by cells unless `whole` (an id). Trailing spaces are
    dropped and the text's own line breaks kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _fill(_words(paragraph), max(1, width), whole) or [""]
    return lines


def _words(text: str) -> list[list[str]]:
    """The text's pieces, grouped into words: a word ends where a piece ends with a space."""
    words: list[list[str]] = [[]]
    for piece in pieces(text):
        words[-1].append(piece)
        if piece[-1:].isspace():
            words.append([])
    return [word for word in words if word]


def _fill(words: Sequence[list[str]], width: int, whole: bool) -> list[str]:
    lines: list[str] = []
    line = ""
    flowing = False  # the line holds the end of a broken word: what follows flows on, as Japanese text does
    for parts in words:
        word = "".join(parts)
        if cell_len((line + word).rstrip()) <= width:
            line += word
            continue
        if (cell_len(word.strip()) <= width and not flowing) or whole:
            if line.strip():
                lines.append(line.rstrip())
            line = word.lstrip()
            continue
        flowing = True
        for part in parts:  # a word longer than a line: broken where Japanese may break
            if cell_len((line + part).rstrip()) > width and line.strip():
                lines.append(line.rstrip())
                line = ""
            line += part.lstrip() if not line else part
            while cell_len(line.rstrip()) > width:  # a piece longer than a line: cut by cells
                head = _cells(line, width)
                lines.append(head)
                line = line[len(head):]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _cells(text: str, width: int) -> str:
    """The longest start of `text` at most `width` cells wide (at least one character)."""
    total = 0
    for at, character in enumerate(text):
        total += cell_len(character)
        if total > width:
            return text[:max(1, at)]
    return text


def narrowest(text: str, *, whole: bool = False) -> int:
    """The narrowest width `text` wraps to without cutting a piece: its widest piece (the whole text if `whole`)."""
    if whole:
        return max((cell_len(line) for line in text.split("\n")), default=0)
    return max((cell_len(part.rstrip()) for line in text.split("\n") for part in pieces(line)), default=0)


def widest(text: str) -> int:
    """The width `text` takes unwrapped: its longest line."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


def column_widths(least: Sequence[int], most: Sequence[int], grows: Sequence[bool], room: int) -> list[int] | None:
    """Widths for columns that need at least `least` and at most `most` cells, in `room` cells: each gets what it
    needs, then the growing ones (the title) share what is left, or, short of room, give back down to what they
    need, then the widest of the others. None when even that does not fit."""
    if sum(least) > room:
        return None
    widths = [max(low, high) for low, high in zip(least, most)]
    spare = room - sum(widths)
    growing = [index for index, grow in enumerate(grows) if grow]
    if spare >= 0:
        for turn, index in enumerate(growing):
            widths[index] += spare // len(growing) + (turn < spare % len(growing))
        return widths
    for index in growing:  # the title wraps before a date or a name does
        give = min(-spare, widths[index] - least[index])
        widths[index] -= give
        spare += give
    while spare < 0:  # then the widest of the others, a cell at a time
        index = max((i for i in range(len(widths)) if widths[i] > least[i]), key=lambda i: (widths[i], -i))
        widths[index] -= 1
        spare += 1
    return widths
