"""The one order of events (`timeline docs order`): every listing, export, chronology and `normalize` takes it
from here, so the same events come out in the same sequence everywhere.

A reader reads a chronology top to bottom, so an event sits where a reader can be sure it has begun:

1. its *position* is the latest possible start day of its date: a single date's last day (`2025-07` is July
   31, `2025` is December 31), an interval's start's last day, and for an open or unknown start the end's
   last day (`../2025-01-19` is January 19). A coarse date therefore follows the finer dates it contains.
   Qualifiers (~ ? %) do not move an event.
2. Ties on that day: the finer precision of the deciding point first (day, month, season, year); then, among
   the events of one day, the time: timed events by their instant (the moment, whatever zone each was written
   in), and an event with no time after every timed one of its day (its latest possible start is the day's
   end); then the earlier latest end (a single date before an interval that starts the same way, an open end
   last); then the order of the files (`Event.order`). The day is the day as written: a time never moves an
   event to another day, so a chronology's days and headings stay those its dates show.
3. Then the editor's `after:`: an event comes as early as step 2 allows once every event it is `after` has
   come (a stable topological sort). Ids that are not among the events being ordered are ignored; a cycle
   (which validate refuses) falls back to the order of step 2 instead of hanging.

Newest first is exactly the reverse. The vocabulary layer: imports dates and model only.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from .dates import EventDate, Point, Precision

__all__ = ["Orderable", "chronological", "date_key", "deciding_point", "position", "time_key"]

# Finer first: Precision's members are numbered coarse to fine, whichever members it has.
_FINER_FIRST = {precision: rank for rank, precision in enumerate(sorted(Precision, reverse=True))}
# The sort key is one integer, (position, precision, time, end, file order) in bit fields: sorting 100 000 integers
# is several times faster than sorting tuples that mostly tie on their first items. The position (the top field)
# may be any integer, of any sign; each field below it must fit its bits: a precision in 3, a time in 19 (seconds
# from two days before the day's 00:00 UTC, below), an end day's ordinal in 22 (up to 9999-12-31), a file order
# in 40. A date outside them (an end in a year <= 0 or past 9999, an extended year `Y170000002`) sorts the whole
# list by tuples instead: slower, never a wrong order.
_FINER_BITS, _TIME_BITS, _END_BITS, _ORDER_BITS = 3, 19, 22, 40
_NO_END = (1 << _END_BITS) - 1  # an open or unknown end sorts after every known one
_UNTIMED = (1 << _TIME_BITS) - 1  # no time: after every timed event of the day
_TIME_SHIFT = 2 * 86_400  # an instant lies within 14 h before and 38 h after the day's 00:00 UTC, written anywhere


class Orderable(Protocol):
    """What the order reads of an event: a model Event, or normalize's view of an event still in its file."""

    @property
    def id(self) -> str: ...
    @property
    def date(self) -> EventDate: ...
    @property
    def after(self) -> tuple[str, ...]: ...
    @property
    def order(self) -> int: ...


T = TypeVar("T", bound=Orderable)


def deciding_point(date: EventDate) -> Point:
    """The point that places a date: its start, or its end when the start is open or unknown."""
    return date.start or date.end  # type: ignore[return-value]  # a date always has one end


def position(date: EventDate):
    """The latest day on which the event can have begun (step 1), as written (a `Day`)."""
    return deciding_point(date).latest


def time_key(point: Point) -> int:
    """Where a point's time puts it among the events of its day (step 2): its instant in seconds from two days
    before the day's 00:00 UTC, so that times written in different zones compare as moments; `_UNTIMED` (after
    every time) for a point without one."""
    if point.time is None:
        return _UNTIMED
    instant = point.instant
    if instant is None:  # no datetime holds the moment (0001-01-01 early in a zone east of UTC): its wall clock
        return _TIME_SHIFT + point.time.hour * 3600 + point.time.minute * 60 + point.time.second
    midnight = datetime.datetime.combine(point.latest.to_date(), datetime.time(), datetime.timezone.utc)
    return _TIME_SHIFT + math.floor((instant - midnight).total_seconds())


def date_key(date: EventDate) -> tuple[int, int, int, int | float]:
    """Steps 1 and 2 for one date: (position, precision finer first, time, latest end), as numbers; an open or
    unknown end is infinity, after every known one."""
    deciding, end = deciding_point(date), date.latest
    return (deciding.latest.toordinal(), _FINER_FIRST[deciding.precision], time_key(deciding),
            math.inf if end is None else end.toordinal())


def chronological(events: Iterable[T]) -> list[T]:
    """`events` in the one order (see the module docstring). O(n log n); each distinct date is keyed once."""
    events = list(events)
    keys: dict[str, int] = {}

    def key(event: T) -> int:
        found = keys.get(event.date.text)
        if found is None:
            found = keys[event.date.text] = _packed(date_key(event.date))
        if not 0 <= event.order < 1 << _ORDER_BITS:
            raise _OutOfRange
        return found + event.order

    try:
        by_date = sorted(events, key=key)
    except _OutOfRange:
        by_date = sorted(events, key=lambda event: (*date_key(event.date), event.order))
    return _after_honoured(by_date) if any(event.after for event in by_date) else by_date


class _OutOfRange(Exception):
    """A field of a date's key does not fit its bits in the packed integer: sort by tuples instead."""


def _packed(key: tuple[int, int, int, int | float]) -> int:
    """A date key as one integer (bit fields below the position, which may be any integer); _OutOfRange when a
    lower field does not fit, rather than a wrong order."""
    day, finer, time, end = key
    if end == math.inf:
        end = _NO_END
    elif not 0 <= end < _NO_END:  # a known end must sort before the open one
        raise _OutOfRange
    if not (finer < 1 << _FINER_BITS and 0 <= time <= _UNTIMED):
        raise _OutOfRange
    # Shifts and ors on a negative day are exact (two's complement of unbounded integers): day * 2**k + the rest.
    return (((day << _FINER_BITS | finer) << _TIME_BITS | time) << _END_BITS | end) << _ORDER_BITS


def _after_honoured(by_date: Sequence[T]) -> list[T]:
    """Step 3: Kahn's topological sort, always taking the waiting event that comes first in `by_date`."""
    successors, waiting = _constraints(by_date)
    ready = [index for index, count in enumerate(waiting) if not count]  # ascending, so already a heap
    done, ordered, unblock = [False] * len(by_date), [], 0
    while len(ordered) < len(by_date):
        if not ready:  # a cycle: the first event still waiting goes next, the rest of its constraints ignored
            while done[unblock] or not waiting[unblock]:
                unblock += 1
            waiting[unblock] = 0
            ready.append(unblock)
        index = heapq.heappop(ready)
        if done[index]:
            continue
        done[index] = True
        ordered.append(by_date[index])
        for successor in successors.get(index, ()):
            waiting[successor] -= 1
            if waiting[successor] == 0:
                heapq.heappush(ready, successor)
    return ordered


def _constraints(by_date: Sequence[Orderable]) -> tuple[dict[int, list[int]], list[int]]:
    """For each event (by index), the events that wait for it, and how many events each one waits for. An id
    missing from `by_date` is no constraint; one on several events (refused by validate) waits for them all."""
    places: dict[str, list[int]] = {}
    for index, event in enumerate(by_date):
        places.setdefault(event.id, []).append(index)
    successors: dict[int, list[int]] = {}
    waiting = [0] * len(by_date)
    for index, event in enumerate(by_date):
        for ref in dict.fromkeys(event.after):
            for before in places.get(ref, ()):
                if before != index:
                    successors.setdefault(before, []).append(index)
                    waiting[index] += 1
    return successors, waiting
