"""Saying what differs between a quote and its article: the passage with the differing characters marked, and a
named reason for the common cases (quotation marks, a sentence left out or added, a number).

Marks are plain text, as wdiff writes them, so that they survive a pipe, a log and a JSON report:
`[-…-]` is the article's text where the quote differs, `{+…+}` the quote's. The passage is the archive's own
text (its width forms and all), with white space shown as it is compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .alignment import QUOTATION_MARKS, Alignment, Change
from .normal import Folded

CONTEXT = 20  # characters of agreeing text shown before and after a difference
CLIP = 40  # at most this many characters of one side of a difference are shown
_SENTENCE = re.compile(r"\s?.*[^\s。．.!?！？][。．.!?！？]+[\"'”’」』)）]*\s?", re.S)
_SENTENCE_BEFORE = re.compile(r"(?:\A|[。．.!?！？][\"'”’」』)）]*\s?)\Z")
_NUMBER_PART = re.compile(r"[\d,.]*")


@dataclass(frozen=True, slots=True)
class Reason:
    """One kind of difference, said for people: `kind` names it (quotation-marks, number, sentence-left-out,
    sentence-added, letter-case, wording), `message` and `hint` say it."""

    kind: str
    message: str
    hint: str


def slide(alignment: Alignment, quote: str, text: str) -> tuple[Change, ...]:
    """The changes, each sentence left out or added moved to where it reads as a whole sentence: `です。Bです。`
    left out of `Aです。Bです。Cです。` can be aligned as `Bです。` or `です。B`, which say the same."""
    changes = list(alignment.changes)
    for index, change in enumerate(changes):
        if (change.q0 == change.q1) != (change.t0 == change.t1):
            low = changes[index - 1] if index else None
            high = changes[index + 1] if index + 1 < len(changes) else None
            changes[index] = _to_sentence(change, quote, text, low, high, alignment)
    return tuple(changes)


def _to_sentence(change: Change, quote: str, text: str, low: Change | None, high: Change | None,
                 alignment: Alignment) -> Change:
    """A change that only adds or only leaves out, slid within the agreeing text around it (between its
    neighbours `low` and `high`) to where it is whole sentences, if there is such a place."""
    added = change.t0 == change.t1
    side, start, end = (quote, change.q0, change.q1) if added else (text, change.t0, change.t1)
    floor = (low.q1 if added else low.t1) if low else (0 if added else alignment.start)
    ceiling = (high.q0 if added else high.t0) if high else (len(quote) if added else alignment.end)
    left = right = 0
    while start + left - 1 >= floor and side[start + left - 1] == side[end + left - 1]:
        left -= 1
    while end + right < ceiling and side[start + right] == side[end + right]:
        right += 1
    for moved in range(left, right + 1):
        if _is_sentence(side, start + moved, end + moved):
            return Change(change.q0 + moved, change.q1 + moved, change.t0 + moved, change.t1 + moved)
    return change


def _is_sentence(side: str, start: int, end: int) -> bool:
    """Whether side[start:end] is one or more whole sentences: it ends a sentence, and so does what is before it."""
    return (_SENTENCE.fullmatch(side, start, end) is not None
            and _SENTENCE_BEFORE.search(side, max(0, start - 8), start) is not None)


def reasons(changes: tuple[Change, ...], quote: str, text: str, complete: bool = True) -> list[Reason]:
    """What the changes amount to, one Reason for each kind found, in the order first found; counted with
    "at least" when the alignment stopped before the end of the quote."""
    found: dict[str, list[Change]] = {}
    for change in changes:
        found.setdefault(_kind(change, quote, text), []).append(change)
    named = [_REASONS[kind](found[kind], quote, text) for kind in found]
    if complete:
        return named
    return [Reason(reason.kind, re.sub(r"\b(\d+ (?:places|sentences))\b", r"at least \1", reason.message),
                   reason.hint) for reason in named]


def _kind(change: Change, quote: str, text: str) -> str:
    mine, theirs = quote[change.q0:change.q1], text[change.t0:change.t1]
    if set(mine + theirs) <= set(QUOTATION_MARKS):
        return "quotation-marks"
    if _numbers(change, quote, text) is not None:
        return "number"
    if mine and mine != theirs and mine.casefold() == theirs.casefold():
        return "letter-case"
    if not mine and _is_sentence(text, change.t0, change.t1):
        return "sentence-left-out"
    if not theirs and _is_sentence(quote, change.q0, change.q1):
        return "sentence-added"
    return "wording"


def _numbers(change: Change, quote: str, text: str) -> tuple[str, str] | None:
    """The whole numbers a change of digits falls in, the article's and the quote's (`27`, `28` for a `7`
    typed as `8`), or None when it is not a change of digits."""
    mine, theirs = quote[change.q0:change.q1], text[change.t0:change.t1]
    if not (_NUMBER_PART.fullmatch(mine) and _NUMBER_PART.fullmatch(theirs)):
        return None
    article, typed = _number_at(text, change.t0, change.t1), _number_at(quote, change.q0, change.q1)
    if not any(c.isdigit() for c in article) or not any(c.isdigit() for c in typed):
        return None
    return article, typed


def _number_at(side: str, start: int, end: int) -> str:
    while start and (side[start - 1].isdigit() or (side[start - 1] in ",." and start > 1
                                                    and side[start - 2].isdigit())):
        start -= 1
    while end < len(side) and (side[end].isdigit() or (side[end] in ",." and end + 1 < len(side)
                                                        and side[end + 1].isdigit())):
        end += 1
    return side[start:end]


def _quotation_marks(changes: list[Change], quote: str, text: str) -> Reason:
    theirs = "".join(dict.fromkeys("".join(text[c.t0:c.t1] for c in changes)))
    mine = "".join(dict.fromkeys("".join(quote[c.q0:c.q1] for c in changes)))
    hint = (f"type the quotation marks as the article has them: {theirs}" if theirs
            else "leave out the quotation marks the article does not have")
    return Reason("quotation-marks", f"the quotation marks differ: the article has {theirs or 'none'}, the quote "
                  f"{mine or 'none'}", hint)


def _number(changes: list[Change], quote: str, text: str) -> Reason:
    article, typed = _numbers(changes[0], quote, text)  # type: ignore[misc]  # a number change has them
    more = f" (and {len(changes) - 1} more)" if len(changes) > 1 else ""
    return Reason("number", f"a number differs: the article has {article}, the quote {typed}{more}",
                  "check the figure against the article")


def _left_out(changes: list[Change], quote: str, text: str) -> Reason:
    count = "a sentence" if len(changes) == 1 else f"{len(changes)} sentences"
    return Reason("sentence-left-out", f"the quote leaves out {count} the article has there",
                  "a quote is one unbroken passage of the article: quote the parts as separate citations, or "
                  "keep the sentence")


def _added(changes: list[Change], quote: str, text: str) -> Reason:
    count = "a sentence" if len(changes) == 1 else f"{len(changes)} sentences"
    return Reason("sentence-added", f"the quote has {count} the article does not have there",
                  "take the sentence out, or cite it from the article it is in")


def _letter_case(changes: list[Change], quote: str, text: str) -> Reason:
    return Reason("letter-case", "capital and small letters differ", "type the letters as the article has them")


def _wording(changes: list[Change], quote: str, text: str) -> Reason:
    places = "one place" if len(changes) == 1 else f"{len(changes)} places"
    return Reason("wording", f"the wording differs in {places}",
                  "copy the passage from the article again, character for character")


_REASONS = {"quotation-marks": _quotation_marks, "number": _number, "sentence-left-out": _left_out,
            "sentence-added": _added, "letter-case": _letter_case, "wording": _wording}


def marked(changes: tuple[Change, ...], quote: Folded, article: Folded, limit: int) -> tuple[str, int]:
    """The article around the differences, as the archive has it, each difference marked (`[-article-]`,
    `{+quote+}`), agreeing stretches longer than twice CONTEXT cut to their ends, at most about `limit`
    characters; and how many differences did not fit."""
    position = max(0, changes[0].t0 - CONTEXT)
    pieces = ["…"] if position else []
    size = 0
    for shown, change in enumerate(changes):
        piece = _agreeing(article, position, change.t0, first=not shown) + _difference(change, quote, article)
        if shown and size + len(piece) > limit:
            return _ending(pieces, article, position), len(changes) - shown
        pieces.append(piece)
        size += len(piece)
        position = change.t1
    return _ending(pieces, article, position), 0


def _agreeing(article: Folded, start: int, end: int, first: bool) -> str:
    """An agreeing stretch: whole when short (or when it is the context before the first difference), else
    its ends around `…`."""
    if first or end - start <= 2 * CONTEXT + 1:
        return article.source_text(start, end)
    return article.source_text(start, start + CONTEXT) + "…" + article.source_text(end - CONTEXT, end)


def _difference(change: Change, quote: Folded, article: Folded) -> str:
    theirs, mine = article.source_text(change.t0, change.t1), quote.source_text(change.q0, change.q1)
    return (f"[-{_clip(theirs)}-]" if theirs else "") + (f"{{+{_clip(mine)}+}}" if mine else "")


def _clip(side: str) -> str:
    return side if len(side) <= CLIP else side[:CLIP // 2] + "…" + side[-CLIP // 2:]


def _ending(pieces: list[str], article: Folded, position: int) -> str:
    end = min(len(article.text), position + CONTEXT)
    return "".join(pieces) + article.source_text(position, end) + ("…" if end < len(article.text) else "")
