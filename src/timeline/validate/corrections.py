"""Checks of corrections that need every file read (`timeline docs corrections`): a correction is published after
the article it corrects, so one dated before it is a typo in its date or in the article's.

The article is the correction's own `source`, or, when it names none, the earliest-published article the event
cites (the first the chronology could have got wrong). A correction's date is one plain day of the years 0001-9999
(`publication_day`, checked per file by checker.py with its position), since readers are told the day it
appeared; one after today is a warning (`future_corrections`, run by `timeline validate` outside the cached
validation, since the day changes). Whether a change since a git revision has its correction is `timeline
validate --since REV`, in diff/corrections.py (it needs git and diff, which sit above this layer).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from ..dates import EventDate, Precision
from ..errors import PROBLEM_CODES, Problem
from ..model import Correction, Event, Source, Timeline

__all__ = ["correction_problems", "future_corrections", "publication_day"]

_DAY_HINT = "a correction is published on a day: write the day it appeared, e.g. 2025-02-03"


def publication_day(date: EventDate) -> tuple[str, str] | None:
    """(why, hint) when a correction's date is not one plain day of the years 0001-9999, else None: a reader is
    told the day a notice appeared ("Updated Dec. 3, 2025"), never a season, a month, a guess, an interval or year
    170000002."""
    point = date.start
    if date.is_interval or point is None:
        return "it is an interval", "a correction is published on one day: write that day, e.g. 2025-02-03"
    if not 1 <= point.year <= 9999:
        return f"year {point.year} is outside 0001-9999", _DAY_HINT
    if point.uncertain or point.approximate:
        return "it is marked uncertain or approximate", "drop the `?`, `~` or `%`: " + _DAY_HINT
    if point.precision is not Precision.DAY or point.unspecified is not None:
        return "it is not a whole day", _DAY_HINT
    return None


def correction_day(correction: Correction) -> datetime.date | None:
    """The calendar day a correction appeared (its date's first day), None outside the years 0001-9999: the day
    `future_corrections` compares with today (pipeline.py keeps the latest for a cached `validate`)."""
    first = correction.date.earliest
    return first.to_date() if first is not None and first.in_date_range else None


def future_corrections(events: Iterable[Event], today: datetime.date) -> Iterator[Problem]:
    """`correction-in-future` (a warning) for each correction dated after `today`, the day the check runs (the
    caller reads the clock, or takes `--as-of`): a typo in its year, or a notice written before it is due."""
    for event in events:
        for correction in event.corrections:
            day = correction_day(correction)
            if day is not None and day > today:
                where = correction.where
                yield Problem(where.file, where.line, where.column, "correction-in-future",
                              f"event '{event.id}': a correction is dated {correction.date}, after today "
                              f"({today.isoformat()})", "check its year: a correction is dated the day it appeared",
                              PROBLEM_CODES["correction-in-future"][0])


def correction_problems(timeline: Timeline) -> Iterator[Problem]:
    """`correction-too-early` for every correction dated certainly before the article it corrects."""
    for event in timeline.events:
        for correction in event.corrections:
            source = _corrected_source(timeline, event, correction)
            if source is not None and _before(correction, source):
                yield _too_early(event, correction, source)


def _corrected_source(timeline: Timeline, event: Event, correction: Correction) -> Source | None:
    """The correction's own source, else the earliest-published one the event cites (None if it cites none the
    registry has: merge reported that already)."""
    if correction.source is not None:
        return timeline.sources.get(correction.source)
    cited = [timeline.sources[s] for s in event.source_ids if s in timeline.sources]
    dated = [s for s in cited if s.published.earliest is not None]
    return min(dated, key=lambda s: s.published.earliest, default=None)


def _before(correction: Correction, source: Source) -> bool:
    last, first = correction.date.latest, source.published.earliest
    return last is not None and first is not None and last < first


def _too_early(event: Event, correction: Correction, source: Source) -> Problem:
    named = "its source" if correction.source is not None else "the earliest article the event cites"
    message = (f"event '{event.id}': a correction dated {correction.date} comes before {named}, "
               f"'{source.id}', published {source.published}")
    hint = ("a correction is published after the article it corrects: check both dates"
            + ("" if correction.source is not None else ", or name the article it corrects with `source:`"))
    where = correction.where
    return Problem(where.file, where.line, where.column, "correction-too-early", message, hint,
                   PROBLEM_CODES["correction-too-early"][0])
