"""How a name a person typed is matched to a registry id, and the "did you mean" for one that matches nothing.

Written once and used everywhere a person names something: validate (a name listed where an id belongs, a key
or id misspelt), query (`--topic Markets`, `--topic 市場動向`, `--actor Trump`, `--source GIGXIT`,
`--topic ai-polcy`), completion, `timeline show`, and editorial (two actors answering to one name). Matching is
case- and width-insensitive: full-width `Ｔｒｕｍｐ` and half-width `ｿﾌﾄﾊﾞﾝｸ` are the names they look like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

__all__ = ["CLOSE_ENOUGH", "Names", "did_you_mean", "fold", "name_index", "names_of", "suggest"]

CLOSE_ENOUGH = 0.6  # difflib's ratio from which a near miss is offered as "did you mean"


class _Named(Protocol):
    """A topic or actor (an id and a name in both languages; an actor also has aliases), or a source (an id and
    its publisher)."""

    id: str


def fold(text: str) -> str:
    """Case- and width-insensitive form: full-width ＡＩ and half-width ｶﾀｶﾅ match their usual forms."""
    return unicodedata.normalize("NFKC", text).casefold()


def names_of(entry: _Named) -> tuple[str, ...]:
    """The names an entry goes by besides its id: Japanese, English, then its aliases (actors have them); a
    source goes by its publisher."""
    if hasattr(entry, "publisher"):
        return (entry.publisher,)  # type: ignore[attr-defined]
    return (entry.name.ja, entry.name.en, *getattr(entry, "aliases", ()))  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Names:
    """Every way the entries of one registry can be named, folded: ids, names in both languages, aliases, a
    source's publisher. An id names its own entry only, whatever names other entries have; a name several
    entries share (a publisher's articles, an alias two actors give) names all of them, first defined first."""

    table: dict[str, tuple[str, ...]]  # folded id or name -> the ids it names
    spelled: dict[str, str]  # folded id or name -> as first written, for a "did you mean"

    @classmethod
    def of(cls, entries: Iterable[_Named]) -> Names:
        """The names of `entries` (topics, actors or sources), in their order."""
        entries = list(entries)
        table = {fold(entry.id): (entry.id,) for entry in entries}
        spelled = {key: ids[0] for key, ids in table.items()}
        taken = set(table)  # ids: no name of another entry may add to them
        for entry in entries:
            for name in names_of(entry):
                key = fold(name)
                if key not in taken and entry.id not in table.setdefault(key, ()):
                    table[key] += (entry.id,)
                spelled.setdefault(key, name)
        return cls(table, spelled)

    def ids(self, typed: str) -> tuple[str, ...]:
        """The ids `typed` names (none when it names nothing): case, width and surrounding spaces do not count."""
        return self.table.get(fold(typed.strip()), ())

    def near(self, typed: str, limit: int = 1) -> list[tuple[str, str]]:
        """The ids and names closest to `typed`, best first, each as (spelling, the first id it names)."""
        return [(self.spelled[key], self.table[key][0]) for key in suggest(typed, self.table, limit)]


def did_you_mean(typed: str, names: Names, kind: str) -> str:
    """`did you mean 'X'? ` for the id or name closest to `typed` (with the id of the entry, when it is a name), or ""
    when nothing is close: the one wording of validate's hints and of the command line's errors."""
    close = names.near(typed)
    if not close:
        return ""
    spelling, entry = close[0]
    return f"did you mean '{spelling}'" + ("" if spelling == entry else f" ({kind} {entry})") + "? "


def name_index(entries: Iterable[_Named]) -> dict[str, str]:
    """Every folded id, name and alias of the entries -> the id of its entry (Names: an id its own entry, a name
    two entries share the first; editorial's ambiguous-alias warns about it)."""
    return {key: ids[0] for key, ids in Names.of(entries).table.items()}


class Budget:
    """How many more "did you mean" searches one validation may make. Each is a fuzzy search over every
    candidate, so a file with thousands of unknown references (one file of a split chronology validated alone)
    would cost thousands times thousands; past the budget the errors keep their message and hint, without a guess.
    """

    def __init__(self, searches: int = 50) -> None:
        self.left = searches

    def take(self) -> bool:
        """Whether one more search may be made (and count it)."""
        self.left -= 1
        return self.left >= 0


WORD_CLOSE = 0.8  # a typed word this close to one word of a longer name ('crpto' in 'crypto-policy') is offered
_WORD_WEIGHT = 0.9  # ... ranked below a whole name as close


def suggest(value: str, candidates: Iterable[str], limit: int = 1) -> list[str]:
    """The candidates closest to what was typed (folded, without surrounding spaces), best first, at most `limit`;
    none when nothing is close enough. A candidate is close as a whole (difflib's ratio), or by one of its words
    when what was typed is one word of it misspelt (a letter left out or two swapped: `crpto` for crypto-policy)."""
    from difflib import SequenceMatcher  # only for a value that matched nothing

    typed = fold(value.strip())
    matcher = SequenceMatcher(b=typed)  # difflib caches the second sequence: what was typed, compared with each
    scored = []
    for order, candidate in enumerate(candidates):
        score = _ratio(matcher, candidate, CLOSE_ENOUGH)
        if score < CLOSE_ENOUGH and len(typed) >= 4 and not _SPLIT.search(typed):
            words = [word for word in _SPLIT.split(candidate) if len(word) >= 4]
            best = max((_ratio(matcher, word, WORD_CLOSE) for word in words if len(words) > 1), default=0.0)
            score = best * _WORD_WEIGHT if best >= WORD_CLOSE else 0.0
        if score > 0:
            scored.append((-score, order, candidate))
    return [candidate for _, _, candidate in sorted(scored)[:limit]]


_SPLIT = re.compile(r"[-_\s・]+")


def _ratio(matcher, candidate: str, cutoff: float) -> float:
    """difflib's ratio of `candidate` to what was typed, or 0 when below `cutoff` (the quick bounds first, as
    get_close_matches does)."""
    matcher.set_seq1(candidate)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= cutoff else 0.0
