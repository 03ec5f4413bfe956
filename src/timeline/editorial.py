"""Editorial checks on a built timeline: what an editor would query before publication.

These are warnings and notices, not errors: the data is well-formed, but something looks wrong or thin.
`timeline validate --strict` fails on warnings; notices (single-source events) never fail.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .errors import PROBLEM_CODES, Problem
from .model import Event, Timeline, Where
from .names import fold, names_of

NEAR_DUPLICATE = 0.85  # title similarity (difflib ratio) above which two same-day events look like one


# Every code these checks report. None is an error (tests/test_fastpath.py checks it), so a caller that needs
# only errors, as `load_timeline` does, may skip them all.
CODES = frozenset(("unused-topic", "unused-actor", "unused-source", "ambiguous-alias", "single-source",
                   "after-publication", "near-duplicate"))


def problem(where: Where, code: str, message: str, hint: str = "") -> Problem:
    if code not in CODES:
        raise ValueError(f"{code!r} is not an editorial check's code (editorial.CODES)")
    return Problem(where.file, where.line, where.column, code, message, hint, PROBLEM_CODES[code][0])


def editorial_problems(timeline: Timeline, references: Iterable[tuple[str, str]]) -> list[Problem]:
    """Every editorial warning and notice for the timeline; `references` are the (kind, id) the files name."""
    found = _unused(timeline, references) + _ambiguous_aliases(timeline) + _near_duplicates(timeline.events)
    for event in timeline.events:
        found += _event_problems(timeline, event)
    return found


def _unused(timeline: Timeline, references: Iterable[tuple[str, str]]) -> list[Problem]:
    used = set(references)
    found = []
    for kind, registry in (("topic", timeline.topics), ("actor", timeline.actors), ("source", timeline.sources)):
        for entry_id, entry in registry.items():
            if (kind, entry_id) not in used:
                found.append(problem(entry.where, f"unused-{kind}", f"{kind} '{entry_id}' is not used by any event",
                                     "remove it, or add it to the events it belongs to"))
    return found


def _ambiguous_aliases(timeline: Timeline) -> list[Problem]:
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)  # folded name -> (actor id, name as typed)
    for actor in timeline.actors.values():
        for name in dict.fromkeys(names_of(actor)):
            owners[fold(name)].append((actor.id, name))
    found = []
    for entries in owners.values():
        ids = sorted({actor_id for actor_id, _ in entries})
        if len(ids) > 1:
            actor = timeline.actors[entries[-1][0]]
            found.append(problem(actor.where, "ambiguous-alias", f"the name '{entries[-1][1]}' belongs to actors {', '.join(ids)}",
                                 "--actor with that name cannot tell them apart: make the alias more specific"))
    return found


def _event_problems(timeline: Timeline, event: Event) -> list[Problem]:
    found = []
    sources = event.source_ids
    if len(sources) == 1:
        found.append(problem(event.where, "single-source", f"event '{event.id}' rests on one source ('{sources[0]}')",
                             "fine for many true events; add a second source when one exists"))
    found += _after_publication(timeline, event, sources)
    return found


def _after_publication(timeline: Timeline, event: Event, sources: tuple[str, ...]) -> list[Problem]:
    """An event dated after every article that cites it was published must be marked as scheduled."""
    published = [timeline.sources[s].published.latest for s in sources if s in timeline.sources]
    earliest = event.date.earliest
    if event.status == "scheduled" or not published or earliest is None or earliest <= max(published):
        return []
    return [problem(event.where, "after-publication",
                    f"event '{event.id}' is dated {event.date.text}, after its latest source was published ({max(published)})",
                    "mark it `status: scheduled` if the article announced it, or check the date")]


NEIGHBOURS = 4  # titles compared with each, in sorted order; keeps the check linear on days with many events


def _near_duplicates(events: tuple[Event, ...]) -> list[Problem]:
    by_date: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_date[event.date.text].append(event)
    pairs: dict[tuple[str, str], tuple[Event, Event]] = {}
    for same_day in by_date.values():
        if len(same_day) < 2:  # most dates: nothing to compare
            continue
        for lang in ("en", "ja"):
            # Near-identical titles sort next to each other, so comparing sorted neighbours finds them without
            # comparing every pair (a day with thousands of events would otherwise take minutes).
            ranked = sorted(((e.title.get(lang).casefold(), e.order, e) for e in same_day), key=_title_order)
            titles = [title for title, _, _ in ranked]
            for i, j in candidates(titles, NEIGHBOURS):
                if near_duplicate(titles[i], titles[j]):
                    one, two = sorted((ranked[i][2], ranked[j][2]), key=lambda e: e.order)
                    pairs[(one.id, two.id)] = (one, two)
    return [problem(two.where, "near-duplicate", f"events '{one.id}' and '{two.id}' share the date {one.date.text} "
                    "and nearly the same title", "merge them if they report one event")
            for one, two in pairs.values()]


def _title_order(entry: tuple) -> tuple[str, int]:
    return entry[0], entry[1]


# difflib's ratio() >= NEAR_DUPLICATE for two casefolded titles, deciding most pairs without difflib, in two steps,
# each exact (tests/oracles/test_near_duplicates.py keeps the plain difflib version and checks they agree):
# `candidates` keeps the pairs that upper bounds of difflib's matches cannot rule out, `near_duplicate` decides each.


def candidates(titles: list[str], neighbours: int, compiled: bool = True) -> list[tuple[int, int]]:
    """The pairs (i, j) of each title and the `neighbours` after it that might be near-duplicates: those no upper
    bound of difflib's ratio puts below the threshold. Compiled (_similar.c, built at install when there is a C
    compiler) or, without it or with compiled=False, `_Bounds`: the same pairs."""
    if compiled and _compiled_candidates is not None:
        return _compiled_candidates(titles, neighbours, NEAR_DUPLICATE)
    bounds = _Bounds()
    return [(i, j) for i, one in enumerate(titles) for j in range(i + 1, min(i + 1 + neighbours, len(titles)))
            if bounds.possible(one, titles[j])]


def near_duplicate(one: str, other: str, compiled: bool = True) -> bool:
    """difflib's ratio of the two reaches NEAR_DUPLICATE (what `candidates` left open, decided)."""
    length = len(one) + len(other)
    if not length:
        return True  # two empty titles: difflib's ratio is 1.0
    shorter = min(len(one), len(other))
    # Below 200 characters difflib treats no character as junk, so when one title holds the other whole, its
    # longest block is that title and nothing is left to match on either side: the ratio is this.
    if len(other) < 200 and (one in other if len(one) == shorter else other in one):
        return 2.0 * shorter / length >= NEAR_DUPLICATE
    if compiled and _compiled_matches is not None and len(other) < 200:  # difflib's own algorithm, compiled
        return 2.0 * _compiled_matches(one, other) / length >= NEAR_DUPLICATE
    from difflib import SequenceMatcher  # imported here: only `validate` compares titles, and rarely

    return SequenceMatcher(None, one, other).ratio() >= NEAR_DUPLICATE


try:
    from ._similar import candidates as _compiled_candidates, matches as _compiled_matches
except ImportError:  # pragma: no cover - depends on the install (no C compiler): _Bounds and difflib, same answers
    _compiled_candidates = _compiled_matches = None


class _Bounds:
    """The bounds `candidates` applies, in Python, cheapest first: the shorter length (real_quick_ratio); the
    characters in common with multiplicity (quick_ratio, with counts made once per title); the longest common
    subsequence (difflib's matching blocks are one common subsequence), computed a character at a time with integers
    as bit sets (Hyyrö's bit-parallel LCS) in a tenth of a SequenceMatcher's time. _similar.c does the first and the
    last: compiled, the LCS costs less than the count does here."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}
        self.masks: dict[str, dict[str, int]] = {}

    def possible(self, one: str, other: str) -> bool:
        """False when a bound shows difflib's ratio of the two stays below NEAR_DUPLICATE."""
        length = len(one) + len(other)
        if not length:
            return True
        return (2.0 * min(len(one), len(other)) / length >= NEAR_DUPLICATE
                and 2.0 * self.common(one, other) / length >= NEAR_DUPLICATE
                and 2.0 * self.subsequence(one, other) / length >= NEAR_DUPLICATE)

    def common(self, one: str, other: str) -> int:
        """How many characters the two have in common, counted with multiplicity (quick_ratio's matches)."""
        mine, theirs = self.count(one), self.count(other)
        if len(mine) > len(theirs):
            mine, theirs = theirs, mine
        matches = 0
        for char, number in mine.items():
            available = theirs.get(char)
            if available:
                matches += number if number < available else available
        return matches

    def count(self, title: str) -> dict[str, int]:
        counts = self.counts.get(title)
        if counts is None:
            counts = self.counts[title] = Counter(title)
        return counts

    def subsequence(self, one: str, other: str) -> int:
        """The length of the longest common subsequence of the two (Hyyrö 2004, one row of bits per character)."""
        masks = self.masks.get(other)
        if masks is None:
            masks = self.masks[other] = {}
            for position, char in enumerate(other):
                masks[char] = masks.get(char, 0) | 1 << position
        full = (1 << len(other)) - 1
        row = full
        for char in one:
            matched = row & masks.get(char, 0)
            row = ((row + matched) | (row - matched)) & full
        return len(other) - row.bit_count()
