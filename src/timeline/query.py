"""Selecting events: one Filter shared by every listing, the Markdown chronology and the library API."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import EventDate
from .errors import UsageError
from .model import Event, Timeline


@dataclass(frozen=True, slots=True)
class Filter:
    """What to keep. Empty fields keep everything; ids must already be resolved (see `resolve_filter`)."""

    topics: tuple[str, ...] = ()
    all_topics: bool = False  # require every topic instead of any
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date_from: EventDate | None = None
    date_to: EventDate | None = None
    strict_dates: bool = False  # only events certainly inside the window, not merely overlapping it
    search: str = ""
    limit: int | None = None
    reverse: bool = False

    def __post_init__(self) -> None:
        earliest = self.date_from.earliest if self.date_from else None
        latest = self.date_to.latest if self.date_to else None
        if earliest is not None and latest is not None and earliest > latest:
            # Nothing could match: two dates swapped by mistake, not a question with the answer "none".
            raise UsageError(f"the date window ends before it starts: from {self.date_from} (--from) to "
                             f"{self.date_to} (--to); swap the two dates")


def fold(text: str) -> str:
    """Case- and width-insensitive form: full-width ＡＩ and half-width ｶﾀｶﾅ match their usual forms."""
    return unicodedata.normalize("NFKC", text).casefold()


def query(timeline: Timeline, selection: Filter = Filter()) -> list[Event]:
    """The events that match, in chronological order (reversed on request), cut to the limit."""
    lo = selection.date_from.earliest if selection.date_from else None
    hi = selection.date_to.latest if selection.date_to else None
    needle = fold(selection.search.strip())
    matches = [event for event in timeline.events if _matches(event, selection, lo, hi, needle)]
    if selection.reverse:
        matches.reverse()
    return matches if selection.limit is None else matches[: selection.limit]


def _matches(event: Event, selection: Filter, lo, hi, needle: str) -> bool:
    if selection.topics:
        wanted = (all if selection.all_topics else any)(t in event.topics for t in selection.topics)
        if not wanted:
            return False
    if selection.actors and not any(a in event.actors for a in selection.actors):
        return False
    if selection.sources and not any(s in event.source_ids for s in selection.sources):
        return False
    if lo is not None or hi is not None:
        inside = event.date.within(lo, hi) if selection.strict_dates else event.date.overlaps(lo, hi)
        if not inside:
            return False
    return not needle or needle in _haystack(event)


def _haystack(event: Event) -> str:
    return fold("\n".join((event.title.ja, event.title.en, event.summary.ja, event.summary.en)))


def resolve_ids(wanted: Iterable[str], known: dict, kind: str, aliases: dict[str, str] | None = None) -> tuple[str, ...]:
    """Map names given on the command line to registry ids, or raise UsageError with a suggestion."""
    resolved = []
    for name in wanted:
        key = name if name in known else (aliases or {}).get(fold(name))
        if key is None:
            from difflib import get_close_matches  # only for a name that is wrong

            close = get_close_matches(name, list(known) + list(aliases or {}), n=1, cutoff=0.6)
            hint = f" Did you mean '{(aliases or {}).get(close[0], close[0])}'?" if close else ""
            raise UsageError(f"unknown {kind} '{name}'.{hint} Known {kind}s: {', '.join(sorted(known)) or 'none'}")
        resolved.append(key)
    return tuple(dict.fromkeys(resolved))


def actor_names(timeline: Timeline) -> dict[str, str]:
    """Every folded name and alias of every actor -> actor id (`--actor Trump`, `--actor トランプ`)."""
    names: dict[str, str] = {}
    for actor in timeline.actors.values():
        for name in (actor.id, actor.name.ja, actor.name.en, *actor.aliases):
            names.setdefault(fold(name), actor.id)
    return names


def resolve_filter(timeline: Timeline, selection: Filter) -> Filter:
    """Check a Filter's names against the timeline and return it with registry ids."""
    from dataclasses import replace

    return replace(
        selection,
        topics=resolve_ids(selection.topics, timeline.topics, "topic"),
        actors=resolve_ids(selection.actors, timeline.actors, "actor", actor_names(timeline)),
        sources=resolve_ids(selection.sources, timeline.sources, "source"),
    )
