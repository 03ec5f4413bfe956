"""Selecting events: one Filter shared by every listing, the Markdown chronology and the library API; one event
by its id or the words of its title; the registry entries a listing shows. Names are matched to ids as names.py
says."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from . import _callable
from .dates import Day, EventDate
from .errors import UsageError
from .model import Event, Timeline
from .names import Names, did_you_mean, fold, name_index, suggest

__all__ = ["REGISTRIES", "Filter", "actor_names", "find_event", "fold", "query", "registry_entries", "resolve_filter",
           "resolve_ids"]

REGISTRIES = ("topics", "actors", "sources")


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
        earliest, latest = self.window
        start, end = self.moments  # two moments of one day can be swapped too
        if earliest is not None and latest is not None and earliest > latest or start and end and start > end:
            # Nothing could match: two dates swapped by mistake, not a question with the answer "none".
            raise UsageError(f"the date window ends before it starts: from {self.date_from} (--from) to "
                             f"{self.date_to} (--to); swap the two dates")

    @property
    def window(self) -> tuple:
        """(first day, last day) of the date window, None where it is unbounded: from the first day of --from to
        the last of --to. Each event's date is read against it on its known bounds (EventDate.known_bounds: an
        open or unknown side reads as the known one, never as the beginning or the end of time); --strict-dates
        keeps only dates inside it, else any that overlap it."""
        lo = self.date_from.known_bounds[0] if self.date_from else None
        hi = self.date_to.known_bounds[1] if self.date_to else None
        return lo, hi

    @property
    def moments(self) -> tuple:
        """(instant of --from, instant of --to) for a side given with a time of day, None for a side given as
        a day or not at all (`timeline docs order`: filters)."""
        return tuple(None if side is None else _moment(side) for side in (self.date_from, self.date_to))

    @property
    def filters(self) -> bool:
        """False only for `Filter()`, which keeps every event in date order."""
        return self != Filter()


def query(timeline: Timeline, selection: Filter = Filter()) -> list[Event]:
    """The events that match, in the timeline's order (the one order, order.py; reversed on request), cut to the
    limit."""
    lo, hi = selection.window
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
        if not _in_window(event.date, selection, lo, hi):
            return False
    return not needle or needle in _haystack(event)


def _in_window(date: EventDate, selection: Filter, lo, hi) -> bool:
    """Whether a date is in the window. A side given with a time of day (`--from 2025-10-10T15:00-04:00`) is a
    moment: an event with a time is compared with it as a moment; one without a time is compared by days, and
    with --strict-dates is certainly after (before) the moment only from the next (the previous) day."""
    start, end = selection.moments if selection.date_from or selection.date_to else (None, None)
    if start is None and end is None:
        return date.within(lo, hi) if selection.strict_dates else date.overlaps(lo, hi)
    instant = _moment(date)
    if instant is not None:
        after = start <= instant if start is not None else lo is None or date.known_bounds[1] >= lo
        before = instant <= end if end is not None else hi is None or date.known_bounds[0] <= hi
        return after and before
    if not selection.strict_dates:
        return date.overlaps(lo, hi)
    lo = _next_day(lo, 1) if start is not None else lo
    hi = _next_day(hi, -1) if end is not None else hi
    return date.within(lo, hi)


def _moment(date: EventDate):
    """The UTC instant of a single date with a time of day, else None."""
    return None if date.is_interval or date.start is None else date.start.instant


def _next_day(day, step: int):
    return Day.fromordinal(day.toordinal() + step)


def _haystack(event: Event) -> str:
    """Every text of the event a search looks in, folded: title, summary, notes, quotes (also the disputes'),
    and what each dispute is about and each side says, in both languages. The date, ids and sources' names are
    left out: filters choose those."""
    texts = [event.title.ja, event.title.en, event.summary.ja, event.summary.en]
    if event.notes is not None:
        texts += (event.notes.ja, event.notes.en)
    texts += (citation.quote for citation in event.all_citations())
    for dispute in event.disputes:
        texts.append(dispute.about)
        texts += (text for claim in dispute.claims for text in (claim.says.ja, claim.says.en))
        if dispute.note is not None:
            texts += (dispute.note.ja, dispute.note.en)
    return fold("\n".join(texts))


# How many known ids an "unknown" message lists; past that, the registry's own command lists them.
LISTED = 15


def resolve_ids(wanted: Iterable[str], entries: Iterable, kind: str) -> tuple[str, ...]:
    """The registry ids that names typed on the command line stand for: ids, names in either language, aliases, a
    source's publisher (names.Names). A name several entries answer to stands for all of them (`--source
    GIGXIT`: every article of that publisher). One that names nothing is a UsageError with a "did you mean"."""
    names = Names.of(entries)
    resolved: list[str] = []
    for typed in wanted:
        found = names.ids(typed)
        if not found:
            raise UsageError(f"unknown {kind} '{typed}'", hint=_unknown_hint(typed, names, kind))
        resolved += found
    return tuple(dict.fromkeys(resolved))


def _unknown_hint(typed: str, names: Names, kind: str) -> str:
    """The closest id or name (by the names shared with validate's hints), then the ids there are."""
    guess = did_you_mean(typed, names, kind)
    known = sorted({ids[0] for ids in names.table.values()})
    if not known:
        return guess + f"there are no {kind}s"
    if len(known) > LISTED:
        return guess + f"`timeline {kind}s` lists the {len(known)} {kind}s"
    return guess + f"known {kind}s: {', '.join(known)}"


def actor_names(timeline: Timeline) -> dict[str, str]:
    """Every folded id, name and alias of every actor -> actor id (`--actor Trump`, `--actor トランプ`)."""
    return name_index(timeline.actors.values())


def resolve_filter(timeline: Timeline, selection: Filter) -> Filter:
    """Check a Filter's names against the timeline and return it with registry ids (`resolve_ids`)."""
    from dataclasses import replace

    return replace(
        selection,
        topics=resolve_ids(selection.topics, timeline.topics.values(), "topic"),
        actors=resolve_ids(selection.actors, timeline.actors.values(), "actor"),
        sources=resolve_ids(selection.sources, timeline.sources.values(), "source"),
    )


# How many events a `show` that matches several lists before saying how many more there are.
SHOWN_MATCHES = 10


def find_event(timeline: Timeline, typed: str, lang: str = "en") -> Event:
    """The event `typed` names: its id (case and width do not count), else the one event whose title, in
    either language, holds it. Several such events, or none, are a UsageError: the first lists them (titles in
    `lang`), the second names the closest ids and titles."""
    event = timeline.event(typed)
    if event is not None:
        return event
    needle = fold(typed.strip())
    matches = [e for e in timeline.events if fold(e.id) == needle]
    if not matches and needle:
        matches = [e for e in timeline.events if needle in fold(f"{e.title.ja}\n{e.title.en}")]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(f"'{typed}' is in the titles of {len(matches)} events: name one by its id",
                         hint=_listed(matches, lang))
    raise UsageError(f"unknown event '{typed}'", hint=_closest_events(timeline, typed, lang))


def _listed(events: list[Event], lang: str) -> str:
    lines = [f"{event.id}: {event.title.get(lang)}" for event in events[:SHOWN_MATCHES]]
    if len(events) > SHOWN_MATCHES:
        lines.append(f"... and {len(events) - SHOWN_MATCHES} more (`timeline list -s TEXT` lists them all)")
    return "\n".join(lines)


def _closest_events(timeline: Timeline, typed: str, lang: str) -> str:
    """"did you mean" with up to three ids or titles (the whole list would be too long)."""
    by_key: dict[str, str] = {}
    for event in timeline.events:
        by_key.setdefault(fold(event.id), event.id)
        for title in (event.title.ja, event.title.en):
            by_key.setdefault(fold(title), event.id)
    close = dict.fromkeys(by_key[key] for key in suggest(typed, by_key, limit=3))
    if not close:
        return "`timeline list` shows the ids, `timeline list -s TEXT` the events whose text holds TEXT"
    shown = (f"'{event_id}' ({timeline.event(event_id).title.get(lang)})" for event_id in close)
    return f"did you mean {', '.join(shown)}?"


def registry_entries(timeline: Timeline, registry: str, selection: Filter, used: Collection[str]) -> list:
    """The entries of `registry` ("topics", "actors" or "sources") a listing shows: every one, or, when
    `selection` filters, only those the matching events use (`used`: their ids, as render.usage.usage_by gives)."""
    if registry not in REGISTRIES:
        raise ValueError(f"unknown registry {registry!r}; choose from {', '.join(REGISTRIES)}")
    entries = getattr(timeline, registry).values()
    if not selection.filters:
        return list(entries)
    return [entry for entry in entries if entry.id in used]


_callable(__name__)  # `timeline.query(...)` calls query() even once this module is bound to that name
