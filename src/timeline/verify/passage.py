"""The closest passage of an article to a quote that is not in it, found in near-linear time.

An index of the article's character trigrams, built once per article on its first miss, finds the few places
sharing most trigrams with the quote (each shared trigram votes for the start the quote would have there), and
only those few passages are aligned (difflib's ratio, ALIGN characters at a time). Aligning the quote against
the whole article, as before, took 37 s for a 2,000-character quote in a 600 KB article
(benchmarks/bench_verify.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .normal import Folded

CONTEXT = 20  # characters of the article shown before the closest passage
SHOWN = 200  # at most this many characters of a passage are shown, around the run it shares with the quote
GRAM = 3  # the index's n-grams: characters, so that one kanji or kana is enough to tell places apart
VOTE_BUDGET, VOTES_PER_CHARACTER = 150_000, 250  # index positions looked at per quote (fewer for a short one)
REGIONS = 8  # places aligned per quote, at most
ALIGN, ALIGN_PIECES = 100, 60  # difflib aligns 100 characters at a time (its worst case is cubic), 60 times a quote
PIECES, PIECE_PLACES = 32, 50  # whole pieces of a quote looked for, and how often one may occur to count
RESYNC, RESYNC_ANCHOR = 2_000, 16  # how far a sampled piece is looked for, by how many of its characters
FEW = 32  # characters of the quote looked for by pairs and one by one when it shares too few trigrams


@dataclass(frozen=True)
class Closest:
    """The passage of an article most like a quote: `text[start:end]`, how alike the two are (difflib's
    ratio, 0..1), `focus`, the middle of the longest run they share (an excerpt is centred there), and the
    work the search took: index positions looked at (`votes`), and pieces of ALIGN characters aligned."""

    start: int
    end: int
    likeness: float
    focus: int
    votes: int = 0
    aligned: int = 0


class Article:
    """One article's compared text (normal.py), what it was folded from (`source`, to show passages as the
    archive has them), and its trigram index once a quote has missed."""

    def __init__(self, name: str, text: str, source: Folded | None = None):
        self.name, self.text = name, text
        self.source = source if source is not None else Folded(text, text)
        self._index: dict[str, list[int]] | None = None

    def index(self) -> dict[str, list[int]]:
        """Where each trigram of the text occurs (built on first use: most archives never miss a quote)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            text, get = self.text, index.get
            for position in range(len(text) - GRAM + 1):
                gram = text[position:position + GRAM]
                found = get(gram)
                if found is None:
                    index[gram] = [position]
                else:
                    found.append(position)
            self._index = index
        return self._index

    def closest(self, quote: str) -> Closest:
        """The passage of the article most like the quote: of the same length, at one of the few starts that
        share the most trigrams with it, the one difflib finds most alike. At most ALIGN_PIECES alignments are
        made, the first start always; a start whose passage has too few characters in common with the quote
        to beat the best so far is skipped."""
        starts, votes = self.starts(quote)
        characters, best, aligned = Counter(quote), None, 0
        pieces = min(ALIGN_PIECES, -(-len(quote) // ALIGN))
        for start in starts:
            passage = self.text[start:start + len(quote)]
            if best is not None:
                if aligned + pieces > ALIGN_PIECES:
                    break
                common = 2 * sum((characters & Counter(passage)).values()) / (len(quote) + len(passage))
                if common <= best.likeness:
                    continue
            likeness, focus = _align(quote, self.text, start, pieces)
            aligned += pieces
            if best is None or likeness > best.likeness:
                best = Closest(start, start + len(passage), likeness, focus)
        assert best is not None  # starts() gives at least one start
        return replace(best, votes=votes, aligned=aligned)

    def starts(self, quote: str) -> tuple[list[int], int]:
        """Where in the article the quote might start, best first, and the positions looked at to find out:
        the best-voted start of each of the REGIONS places sharing the most trigrams and pieces with it, and
        where too few are shared (a short quote, or one unlike the article), the places sharing most pairs,
        then single characters, of its first FEW characters."""
        starts: list[int] = []
        looked = 0
        for size in (GRAM, 2, 1):
            lookup = self.index().get if size == GRAM else lambda gram: _occurrences(self.text, gram)
            votes = _Votes(quote if size == GRAM else quote[:FEW], size, lookup)
            if size == GRAM:
                votes.add_pieces(quote, self.text)
            places = votes.best_places(REGIONS)
            starts += [start for place, _ in places if (start := votes.best_start(place)) not in starts]
            looked += votes.spent
            if (places and places[0][1] >= 2) or len(starts) >= REGIONS:
                break
        return starts[:REGIONS] or [0], looked


def _align(quote: str, text: str, start: int, pieces: int) -> tuple[float, int]:
    """How alike the quote is to the text from `start` (difflib's ratio: twice the characters matched over
    both lengths), and where in the text the longest run they share is centred.

    difflib's worst case is cubic (a 2,000-character quote alternating three letters took 73 s against its
    anagram), so it aligns ALIGN characters at a time: a quote that long is aligned exactly; a longer one
    piece by piece, each against the text where the previous piece's last match says the quote goes on (a
    character added or dropped does not throw the rest off), and beyond `pieces` pieces on that many, spread
    over the quote."""
    count = -(-len(quote) // ALIGN)
    matched = lengths = drift = 0
    longest = (0, 0)
    for at in range(0, count * ALIGN, ALIGN * max(1, -(-count // pieces))):
        piece, low = quote[at:at + ALIGN], min(max(0, start + at + drift), len(text))
        blocks = SequenceMatcher(None, piece, text[low:low + len(piece)], autojunk=False).get_matching_blocks()
        if 2 * sum(block.size for block in blocks) < len(piece):  # lost: a passage added or left out since
            found = _resync(piece, text, low)
            if found is not None:
                low, drift = found, found - start - at
                blocks = SequenceMatcher(None, piece, text[low:low + len(piece)], autojunk=False).get_matching_blocks()
        matched, lengths = matched + sum(block.size for block in blocks), lengths + len(piece) + blocks[-1].b
        longest = max([longest] + [(block.size, -(low + block.b + block.size // 2)) for block in blocks])
        if len(blocks) > 1:
            drift += blocks[-2].b - blocks[-2].a
    return 2 * matched / lengths, -longest[1]


def _resync(piece: str, text: str, low: int) -> int | None:
    """Where `piece` of a quote stands in the text near `low` (within RESYNC characters), found by its middle
    characters, nearest first; None when they are not there. A quote longer than ALIGN_PIECES pieces is aligned on
    pieces spread over it, so a sentence added or left out between two of them is not seen happening: without
    this, every piece after it was compared a sentence away, and the true passage of a long quote looked no more
    alike than any other."""
    middle = len(piece) // 2
    anchor = piece[max(0, middle - RESYNC_ANCHOR // 2):middle + RESYNC_ANCHOR // 2]
    if len(anchor) < GRAM:
        return None
    after = text.find(anchor, low, low + RESYNC)
    before = text.rfind(anchor, max(0, low - RESYNC), low + len(anchor) - 1)
    found = [place for place in (before, after) if place >= 0]
    if not found:
        return None
    return max(0, min(found, key=lambda place: abs(place - low)) - max(0, middle - RESYNC_ANCHOR // 2))


class _Votes:
    """For each start the quote could have in the article, how many of its n-grams are found there: counted
    by place (`width` starts at a time), rarest n-gram first, within a budget of positions (an n-gram found
    everywhere says little about where the quote is). `lookup` gives an n-gram's positions, in order."""

    def __init__(self, quote: str, size: int, lookup: Callable[[str], list[int] | None]):
        offsets: dict[str, list[int]] = {}
        for at in range(len(quote) - size + 1):
            offsets.setdefault(quote[at:at + size], []).append(at)
        found = {gram: positions for gram in offsets if (positions := lookup(gram))}
        budget = min(VOTE_BUDGET, VOTES_PER_CHARACTER * len(quote))
        self.width = width = max(8, len(quote) // 4)
        self.places: Counter[int] = Counter()
        self.used: list[tuple[list[int], list[int]]] = []
        self.spent = 0  # positions looked at: the work done, which tests bound
        for cost, gram in sorted((len(found[gram]) * len(offsets[gram]), gram) for gram in found):
            if self.spent + cost > budget and self.places:
                break
            positions, ats = found[gram], offsets[gram]
            if cost > budget:  # the rarest one may still be everywhere: some of its places, spread out
                ats = ats[::-(-len(ats) * len(positions) // budget)] if len(positions) < budget else ats[:1]
                positions = positions[::-(-len(positions) * len(ats) // budget)]
            self.spent += len(positions) * len(ats)
            self.used.append((positions, ats))
            for at in ats:
                self.places.update([(position - at) // width for position in positions])

    def add_pieces(self, quote: str, text: str) -> None:
        """Votes for where whole pieces of the quote are in the article (up to PIECES of them, found with
        `str.find`, each worth the trigrams it holds): a quote of common words with a typo still has whole
        pieces where it is, wherever that is in the article, even when its trigrams are too common to count."""
        length = min(16, max(GRAM * 2, len(quote) // 8))
        pieces = range(0, len(quote) - length + 1, length)
        for at in pieces[::max(1, -(-len(pieces) // PIECES))]:
            found = _occurrences(text, quote[at:at + length], PIECE_PLACES + 1)
            if 0 < len(found) <= PIECE_PLACES:  # a piece found everywhere says nothing
                self.used.append((found, [at]))
                self.spent += len(found)
                for position in found:
                    self.places[(position - at) // self.width] += length - GRAM + 1

    def best_places(self, count: int) -> list[tuple[int, int]]:
        """The `count` places with the most votes, each taken with the next one (a quote whose votes straddle
        two places is not split), none next to another, best first, with their votes."""
        votes = self.places
        leading = [place for place, _ in votes.most_common(4 * count)]
        paired = {place: votes.get(place, 0) + votes.get(place + 1, 0)
                  for place in leading + [place - 1 for place in leading]}
        chosen: list[tuple[int, int]] = []
        for place in sorted(paired, key=lambda place: (-paired[place], place)):
            if len(chosen) == count:
                break
            if not any(abs(place - other) <= 1 for other, _ in chosen):
                chosen.append((place, paired[place]))
        return chosen

    def best_start(self, place: int) -> int:
        """The start with the most votes in `place` and the next one (found again in the sorted positions)."""
        low, high = place * self.width, (place + 2) * self.width
        starts: Counter[int] = Counter()
        for positions, offsets in self.used:
            for at in offsets:
                found = positions[bisect_left(positions, low + at):bisect_left(positions, high + at)]
                starts.update([position - at for position in found])
        return max(0, max(starts, key=lambda start: (starts[start], -start)))


def _occurrences(text: str, gram: str, limit: int = VOTE_BUDGET // FEW) -> list[int]:
    """Where `gram` occurs in `text`, the first `limit` places at most."""
    found: list[int] = []
    at = text.find(gram)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(gram, at + 1)
    return found


def excerpt_bounds(found: Closest, limit: int = SHOWN) -> tuple[int, int]:
    """Where the closest passage as shown starts and ends: CONTEXT characters before it, and at most `limit`
    characters around the run it shares with the quote."""
    start, end = max(0, found.start - CONTEXT), found.end
    if end - start > limit:
        start = max(start, min(found.focus - limit // 2, end - limit))
        end = start + limit
    return start, end


def excerpt(text: str, found: Closest, limit: int = SHOWN, source: Folded | None = None) -> str:
    """The closest passage as shown (`excerpt_bounds`), as `source` has it when given, with `…` wherever the
    article goes on."""
    start, end = excerpt_bounds(found, limit)
    shown = source.source_text(start, end) if source is not None else text[start:end]
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")
