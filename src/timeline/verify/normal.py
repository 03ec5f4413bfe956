"""The form in which a quote and its article are compared, and the way back from it to the article's own text.

What is not a difference in wording (`timeline docs verify`, "What counts as the same"):

1. Unicode NFC: a letter typed as one code point or as a letter and its accent is the same letter.
2. Width forms, folded as NFKC folds them: full-width ASCII (`ＡＩ`, `２０２５`, `（`) is `AI`, `2025`, `(`, and
   half-width katakana (`ｶﾀｶﾅ`) is `カタカナ`. Only the Halfwidth and Fullwidth Forms block: `①`, `㈱` or `…`
   stay as they are.
3. White space (spaces, tabs, line and paragraph breaks, the ideographic space `\u3000`): a run of it next to a
   Japanese character (kana, kanji, Japanese punctuation, a full-width form) is not compared at all, because
   Japanese is written without spaces and a break there is layout, between two sentences or inside one;
   anywhere else a run is one space, and at the start or end nothing.
4. Format characters that carry no wording: the soft hyphen, zero-width spaces and joiners, the word joiner, a
   byte-order mark inside the text, and the bidi controls (U+200E/U+200F marks, U+202A-U+202E embeddings and
   overrides, U+2066-U+2069 isolates, U+061C), in the article and in the quote alike.

Anything else differs: quotation marks (`「」` is not `“”`), case, punctuation, digits.

Each change is recorded as an edit, so that any stretch of the compared form maps back to the characters of
the text it came from (`Folded.source_text`): a passage is shown as the archive has it, not as compared.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from ..format import BIDI_CONTROLS, INVISIBLE_CHARACTERS, JAPANESE, character_class, is_japanese

# Format characters that carry no wording, as format.py lists them for the validator: the invisible ones (soft
# hyphen, zero-width spaces and joiners, word joiner, byte-order mark, tags) and the bidi controls (direction marks,
# embeddings, overrides, isolates) that a page with right-to-left text or a CMS leaves in a copied article.
_INVISIBLE = character_class(INVISIBLE_CHARACTERS | BIDI_CONTROLS)
# A run of white space that is not already a single space between two characters that are not Japanese. The
# lookahead lets the engine skip every other character at once: most of an article never reaches a group.
_SPACE = rf"[^\S ]\s*| \s+|(?<=[{JAPANESE}]) | (?=[{JAPANESE}])"
_INVISIBLES = re.compile(f"(?P<invisible>[{_INVISIBLE}]+)")
_CHANGES = re.compile(
    rf"(?=[\s\uff01-\uffee])(?:(?P<space>{_SPACE}|\A | \Z)"
    r"|(?P<narrow>[\uff61-\uff9d\uffa0-\uffdc][\uff9e\uff9f]?|[\uff9e\uff9f\uffe8-\uffee])"
    r"|(?P<wide>[\uff01-\uff60\uffe0-\uffe6]+))"
)
_SPACES_ONLY = re.compile(rf"(?=\s)(?P<space>{_SPACE})")
# Characters that compose with the one before them although they are not combining marks (Hangul vowels and
# final consonants): kept in the same cluster when NFC is applied piece by piece.
_JOINS = re.compile(r"[\u1160-\u11ff]")


@dataclass(frozen=True, slots=True)
class _Edits:
    """What one pass changed: in its input, `[starts[k], ends[k])` became output `[outs[k], out_ends[k])`."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    outs: tuple[int, ...]
    out_ends: tuple[int, ...]

    def back(self, position: int, *, end: bool) -> int:
        """The input position of an output position: the start (or, with `end`, the end) of a stretch; a position
        inside an edit that changed the length goes to the edit's start (end), so that no character is cut."""
        k = bisect_right(self.outs, position - 1 if end else position) - 1
        if k < 0:
            return position
        out, out_end, start, stop = self.outs[k], self.out_ends[k], self.starts[k], self.ends[k]
        if position >= out_end:
            return stop + position - out_end  # past the edit: the offset after it
        if out_end - out == stop - start:  # one character for one: exact
            return start + position - out
        return stop if end else start


@dataclass(frozen=True, slots=True)
class Folded:
    """A text (`original`) and its compared form (`text`), with the edits between them."""

    original: str
    text: str
    passes: tuple[_Edits, ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of `original` that `text[start:end]` came from."""
        for edits in reversed(self.passes):
            start, end = edits.back(start, end=False), edits.back(end, end=True)
        return start, max(start, end)

    def source_text(self, start: int, end: int) -> str:
        """`text[start:end]` as the original has it, white space shown as compared (one space, or none next to
        Japanese), so that it reads on one line and can be copied as a quote."""
        low, high = self.source_span(start, end)
        pieces, at = [], low
        # A stretch never starts or ends inside white space that was changed (source_span keeps edits whole), so
        # the runs inside it are found within it, and _space reads their neighbours in the whole text.
        for match in _SPACES_ONLY.finditer(self.original, low, high):
            pieces += [self.original[at:match.start()], _space(match, self.original)]
            at = match.end()
        return "".join(pieces) + self.original[at:high]


def fold(text: str) -> Folded:
    """`text` and its compared form."""
    passes = []
    folded = text
    if _INVISIBLES.search(folded):  # first, so that the white space around one is a single run
        folded, edits = _substitute(_INVISIBLES, folded)
        passes.append(edits)
    if not unicodedata.is_normalized("NFC", folded):
        folded, edits = _nfc(folded)
        passes.append(edits)
    folded, edits = _substitute(_CHANGES, folded)
    if edits.starts:
        passes.append(edits)
    return Folded(text, folded, tuple(passes))


def normalize_quote_text(text: str) -> str:
    """The form in which quotes and articles are compared (`fold(text).text`)."""
    return fold(text).text


def _space(match: re.Match, text: str) -> str:
    """What a run of white space is compared as: nothing at either end or beside Japanese, else one space."""
    start, end = match.span()
    if start == 0 or end == len(text) or is_japanese(text[start - 1]) or is_japanese(text[end]):
        return ""
    return " "


def _replacement(match: re.Match, text: str) -> str:
    kind = match.lastgroup
    if kind == "space":
        return _space(match, text)
    if kind == "invisible":
        return ""
    if match.group() in _LONE_MARKS:  # NFKC makes a combining mark of it, which would join whatever is before
        return _LONE_MARKS[match.group()]
    return unicodedata.normalize("NFKC", match.group())


_LONE_MARKS = {"\uff9e": "\u309b", "\uff9f": "\u309c"}  # half-width (han)dakuten after no kana: ゛ and ゜


def _substitute(pattern: re.Pattern, text: str) -> tuple[str, _Edits]:
    """`text` with every match of `pattern` replaced, and the edits that made (a replacement that changes
    nothing is not an edit). Only the matches cost Python time: text without any passes through untouched."""
    starts: list[int] = []
    ends: list[int] = []
    outs: list[int] = []
    out_ends: list[int] = []
    shift = 0

    def replace(match: re.Match) -> str:
        nonlocal shift
        replacement = _replacement(match, text)
        start, end = match.span()
        if replacement != match.group():
            starts.append(start)
            ends.append(end)
            outs.append(start + shift)
            shift += len(replacement) - (end - start)
            out_ends.append(end + shift)
        return replacement

    result = pattern.sub(replace, text)
    return result, _Edits(tuple(starts), tuple(ends), tuple(outs), tuple(out_ends))


def _nfc(text: str) -> tuple[str, _Edits]:
    """NFC, cluster by cluster (a character and the marks that follow it), on the lines that need it."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    outs: list[int] = []
    out_ends: list[int] = []
    offset = shift = 0
    for line in text.splitlines(keepends=True):
        if unicodedata.is_normalized("NFC", line):
            pieces.append(line)
            offset += len(line)
            continue
        for start, end in _clusters(line):
            cluster = line[start:end]
            composed = unicodedata.normalize("NFC", cluster)
            pieces.append(composed)
            if composed != cluster:
                starts.append(offset + start)
                ends.append(offset + end)
                outs.append(offset + start + shift)
                shift += len(composed) - len(cluster)
                out_ends.append(offset + end + shift)
        offset += len(line)
    return "".join(pieces), _Edits(tuple(starts), tuple(ends), tuple(outs), tuple(out_ends))


def _clusters(line: str) -> list[tuple[int, int]]:
    """(start, end) of each character with the combining marks after it."""
    spans: list[tuple[int, int]] = []
    for at, character in enumerate(line):
        if spans and (unicodedata.combining(character) or _JOINS.match(character)):
            spans[-1] = (spans[-1][0], at + 1)
        else:
            spans.append((at, at + 1))
    return spans
