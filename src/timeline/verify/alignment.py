"""What differs between a quote and the closest passage of its article: the quote aligned character by character
against the article from where the closest-passage search put it, as a list of changes.

Bounded work whatever the texts: equal stretches are skipped by comparing slices (C speed); at each difference
the alignment picks up again at the nearest place where the quote and the article agree for a while, looked
for in a small difflib window (a changed word) or with `str.find` of the next few characters further on (a
sentence left out or added); after MAX_CHANGES differences it stops and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .passage import Closest

QUOTATION_MARKS = "\"'“”‘’「」『』«»〝〟‹›"

ANCHOR = 6  # characters looked for with str.find to pick the alignment up again
ANCHOR_TRIES = 64  # places a quote's first anchors are looked for before the first one found is taken
WINDOW = 48  # characters of each side difflib aligns around a difference
JUMP = 2_000  # how far ahead a left-out or added passage is looked for
AHEAD, GOES_ON = 32, 0.6  # after a difference, the next AHEAD characters must be this alike to go on from there
MERGE_BELOW = 3  # an equal stretch shorter than this between two differences is part of one difference
MAX_CHANGES = 16


@dataclass(frozen=True, slots=True)
class Change:
    """`quote[q0:q1]` stands where the article has `text[t0:t1]`; either side may be empty (added, left out)."""

    q0: int
    q1: int
    t0: int
    t1: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """The quote against `text[start:end]`: its changes in order (equal stretches between them), how many of
    the quote's characters are equal to the article out of how many it `reached` before it stopped, and whether
    it got to the end of the quote."""

    start: int
    end: int
    changes: tuple[Change, ...]
    equal: int
    reached: int
    complete: bool


def align(quote: str, text: str, near: Closest) -> Alignment:
    """The quote aligned against the article, starting from the closest passage `near`: from the first place
    they agree, forwards to the end of the quote and backwards (on the reversed texts) to its start."""
    i, j = _first_agreement(quote, text, near)
    before = max(0, j - JUMP)
    back, _, back_j, back_equal, back_done = _walk(quote[:i][::-1], text[before:j][::-1], 0, 0)
    lead = [Change(i - c.q1, i - c.q0, j - c.t1, j - c.t0) for c in reversed(back)]
    changes, reached, end, equal, done = _walk(quote, text, i, j, MAX_CHANGES - len(lead))
    return Alignment(j - back_j, end, _merged(lead + changes), back_equal + equal, reached, back_done and done)


def _walk(quote: str, text: str, i: int, j: int, most: int = MAX_CHANGES) -> tuple[list[Change], int, int, int, bool]:
    """The changes from (i, j) to the end of the quote, at most `most` of them; where that left the quote and the
    article; how many characters agreed; whether it got to the end of the quote."""
    changes: list[Change] = []
    equal = 0
    while i < len(quote) and len(changes) < most:
        same = _common(quote, i, text, j)
        i, j, equal = i + same, j + same, equal + same
        if i == len(quote):
            break
        step = _pick_up(quote, i, text, j)
        if step is None:  # nothing further on agrees: the rest of the quote is one difference
            changes.append(_tail(quote, text, i, j))
            i, j = len(quote), changes[-1].t1
            break
        changes.append(Change(i, i + step[0], j, j + step[1]))
        i, j = i + step[0], j + step[1]
    return changes, i, j, equal, i >= len(quote)


def _first_agreement(quote: str, text: str, near: Closest) -> tuple[int, int]:
    """The first place, near the closest passage, where ANCHOR characters of the quote are in the article,
    moved back over the characters before it that agree too: (position in the quote, in the article)."""
    low, high = max(0, near.start - len(quote) - JUMP // 10), min(len(text), near.end + len(quote) + JUMP // 10)
    first = None  # the first place found, taken when none is followed by text alike
    for size in dict.fromkeys((min(ANCHOR, len(quote)), min(3, len(quote)))):
        tries = 0
        for at in [*range(0, len(quote) - size, max(1, size // 2)), len(quote) - size]:
            found = _nearest(text, quote[at:at + size], low, high, near.start + at)
            if found is None:
                continue
            while at and found and quote[at - 1] == text[found - 1]:
                at, found = at - 1, found - 1
            # A long quote is looked for in a window its length on either side, and its closest passage may start
            # a sentence away from it: there a few common characters (`the th`, `した。`) occur nearer than the
            # true place, which goes on alike. (A short one's first place found is kept even when a difference
            # follows at once: `と語った。{+市長は…+}`.)
            if len(quote) <= JUMP or _alike_after(quote, at, text, found) >= GOES_ON:
                return at, found
            first, tries = first or (at, found), tries + 1
            if tries == ANCHOR_TRIES:
                break
        if first is not None:
            return first
    return 0, near.start


def _nearest(text: str, piece: str, low: int, high: int, target: int) -> int | None:
    """Where `piece` occurs in `text[low:high]` nearest to `target`: the last occurrence before it or the first
    from it on. (Looking at the first few occurrences from `low` instead missed the place for a long quote, whose
    window starts a quote's length before it: in English a common piece occurs there hundreds of times.)"""
    target = min(max(target, low), high)
    before = text.rfind(piece, low, min(high, target + len(piece) - 1))
    after = text.find(piece, target, high)
    found = [at for at in (before, after) if at >= 0]
    return min(found, key=lambda at: abs(at - target)) if found else None


def _common(quote: str, i: int, text: str, j: int) -> int:
    """How many characters agree from quote[i] and text[j] on (slices compared in halving steps)."""
    same, step = 0, 256
    limit = min(len(quote) - i, len(text) - j)
    while step:
        while same + step <= limit and quote[i + same:i + same + step] == text[j + same:j + same + step]:
            same += step
        step //= 2
    return same


def _pick_up(quote: str, i: int, text: str, j: int) -> tuple[int, int] | None:
    """How many characters of the quote and of the article a difference at (i, j) takes before they agree
    again: the smallest difference after which the two go on alike (`_alike_after`)."""
    candidates = list(_window_candidates(quote, i, text, j))
    ahead = quote[i:i + ANCHOR]
    left_out = text.find(ahead, j + 1, j + JUMP + len(ahead))
    if left_out >= 0:
        candidates.append((0, left_out - j))
    added = quote.find(text[j:j + ANCHOR], i + 1, i + JUMP + ANCHOR)
    if added >= 0:
        candidates.append((added - i, 0))
    for at in range(i + ANCHOR, min(len(quote) - ANCHOR, i + JUMP) + 1, ANCHOR):
        found = text.find(quote[at:at + ANCHOR], j + 1, j + JUMP + ANCHOR)
        if found >= 0:
            candidates.append((at - i, found - j))
            break
    scored = sorted((max(a, b), a + b, a, b) for a, b in set(candidates) if i + a < len(quote))
    for *_, a, b in scored:  # the smallest difference after which the texts go on alike
        if _alike_after(quote, i + a, text, j + b) >= GOES_ON:
            return a, b
    return None


def _alike_after(quote: str, i: int, text: str, j: int) -> float:
    """How alike the next AHEAD characters of the quote and of the article are from (i, j): a coincidence of a
    few characters (`した。`) is followed by text that is not alike, the true place by text that is."""
    if quote[i:i + 1] != text[j:j + 1]:
        return 0.0
    mine = quote[i:i + AHEAD]
    return SequenceMatcher(None, mine, text[j:j + len(mine)], autojunk=False).ratio()


def _window_candidates(quote: str, i: int, text: str, j: int):
    """Where difflib, on WINDOW characters of each side, finds them agreeing again after the difference."""
    blocks = SequenceMatcher(None, quote[i:i + WINDOW], text[j:j + WINDOW], autojunk=False).get_matching_blocks()
    for block in blocks:
        if block.size and (block.a or block.b):
            yield block.a, block.b


def _tail(quote: str, text: str, i: int, j: int) -> Change:
    """The rest of the quote from `i`, which agrees with nothing further on: against as many characters of the
    article when they are alike (a changed closing quotation mark), else added."""
    end = min(len(text), j + len(quote) - i)
    return _like_or_added(quote[i:], text, j, end, Change(i, len(quote), j, end), Change(i, len(quote), j, j))


def _like_or_added(piece: str, text: str, low: int, high: int, changed: Change, added: Change) -> Change:
    """`changed` (less the characters that agree at either end) when the piece is like the article's
    text[low:high], else `added`."""
    theirs = text[max(0, low):high]
    if low < 0 or len(piece) > WINDOW:
        return added
    if len(piece) > 2 and SequenceMatcher(None, piece, theirs, autojunk=False).ratio() < 0.5:
        return added
    if len(piece) <= 2 and (theirs.isspace() or _is_marks(piece) != _is_marks(theirs)):
        return added  # a closing quotation mark the article does not have is added, not in place of a space
    head = _common(piece, 0, theirs, 0)
    tail = _common(piece[::-1], 0, theirs[::-1], 0) if head < min(len(piece), len(theirs)) else 0
    return Change(changed.q0 + head, changed.q1 - tail, changed.t0 + head, changed.t1 - tail)


def _merged(changes: list[Change]) -> tuple[Change, ...]:
    """Differences separated by fewer than MERGE_BELOW equal characters, as one (`の` left between two changed
    words is not worth reading as agreement)."""
    merged: list[Change] = []
    for change in changes:
        if merged and change.q0 - merged[-1].q1 < MERGE_BELOW and change.t0 - merged[-1].t1 < MERGE_BELOW:
            merged[-1] = Change(merged[-1].q0, change.q1, merged[-1].t0, change.t1)
        else:
            merged.append(change)
    return tuple(merged)


def _is_marks(piece: str) -> bool:
    return bool(piece) and set(piece) <= set(QUOTATION_MARKS)
