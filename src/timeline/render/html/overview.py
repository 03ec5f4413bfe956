"""The overview: an SVG time axis with one lane per topic, a point per day-precision date, a bar per interval or
coarser date. Approximate and uncertain dates are drawn dashed and faded, and their <title> says so in words;
an open or unknown end is a short dotted stub beyond the known end (never a bar to the axis's edge, which
would read as a known duration). Pure geometry: numbers and texts for the template to lay out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from ...dates import Precision
from ...model import Timeline
from .view import LANGS, EntryView, plain

WIDTH = 720  # the viewBox's width; CSS scales it to the column (and scrolls it sideways below 640 px)
_LEFT, _RIGHT = 12, 12
_TOP = 8
_LABEL = 20  # a lane's label, above its rows of marks
_ROW = 14  # one row of marks; overlapping marks take the next row, up to _ROWS
_ROWS = 3
_GAP = 8
_AXIS = 24  # the year labels under the lanes
_STUB = 28  # an open or unknown end: how far its dotted stub reaches past the known end


class Mark(NamedTuple):  # a NamedTuple: thousands are made, then moved to their lane's row
    event_id: str
    shape: str  # "circle" (a day) or "rect" (an interval, a month, a season, a year)
    x: float
    y: float
    width: float
    uncertain: bool  # approximate or uncertain: drawn dashed, and said in the title
    open: bool  # an open or unknown end: drawn as a dotted stub past the known end
    stubs: tuple[tuple[float, float], ...]  # each stub's (x1, x2)
    title: str  # what the mark is, in words, in the page's language


@dataclass(frozen=True, slots=True)
class Lane:
    topic: str
    y: float
    label: dict[str, str]


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    major: bool
    year: int = 0  # a labelled tick's year, for the script to relabel it in the other language


@dataclass(frozen=True, slots=True)
class Overview:
    width: int
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[Tick]
    first: int
    last: int


def overview(timeline: Timeline, entries: list[EntryView], lang: str) -> Overview | None:
    """The axis for `entries`, or None without any."""
    if not entries:
        return None
    bounds = [entry.event.date.known_bounds for entry in entries]
    first, last = min(b[0] for b in bounds).year, max(b[1] for b in bounds).year
    lo, hi = datetime.date(first, 1, 1).toordinal(), datetime.date(last, 12, 31).toordinal() + 1
    scale = (WIDTH - _LEFT - _RIGHT) / (hi - lo)

    def x_of(day: datetime.date, *, end_of_day: bool = False) -> float:
        # end_of_day: the day's right edge, by ordinal: 9999-12-31 has no next day to add (OverflowError)
        return round(_LEFT + (day.toordinal() + end_of_day - lo) * scale, 1)

    lanes = _lanes(timeline, entries)
    placed: dict[str, list[tuple[int, Mark]]] = {topic: [] for topic in lanes}
    row_ends: dict[str, list[float]] = {topic: [] for topic in lanes}
    for entry in entries:
        mark = _mark(entry, x_of, lang)
        for topic in entry.event.topics or ("",):
            placed[topic].append((_row(row_ends[topic], mark), mark))
    marks, lane_views, top = [], [], _TOP
    for topic in lanes:
        lane_views.append(Lane(topic, top, _lane_label(timeline, topic)))
        for row, mark in placed[topic]:
            marks.append(mark._replace(y=top + _LABEL + _ROW // 2 + row * _ROW))
        top += _LABEL + len(row_ends[topic]) * _ROW + _GAP
    return Overview(WIDTH, top + _AXIS, lane_views, marks, _ticks(first, last, x_of, lang), first, last)


def _mark(entry: EntryView, x_of, lang: str) -> Mark:
    """One event's mark, placed in time; its lane and row set its height later."""
    date = entry.event.date
    earliest, latest = date.known_bounds
    open_start = date.open_start or date.unknown_start
    open_end = date.open_end or date.unknown_end
    start, end = x_of(earliest), x_of(latest, end_of_day=True)
    day = not date.is_interval and date.precision is Precision.DAY
    stubs = ([(max(_LEFT, start - _STUB), start)] if open_start else []) + \
        ([(end, min(WIDTH - _RIGHT, end + _STUB))] if open_end else [])
    title = f"{entry.date_text[lang]} — {plain(entry.event.title.get(lang))}"
    return Mark(entry.id, "circle" if day else "rect", x_of(earliest) if day else start, 0.0,
                0.0 if day else max(round(end - start, 1), 4.0), date.approximate or date.uncertain,
                bool(stubs), tuple(stubs), title)


def _row(ends: list[float], mark: Mark) -> int:
    """The first row of the lane where the mark does not overlap the one before it (up to _ROWS rows)."""
    left = min([mark.x - (5 if mark.shape == "circle" else 0)] + [x1 for x1, _ in mark.stubs])
    right = max([mark.x + (5 if mark.shape == "circle" else mark.width)] + [x2 for _, x2 in mark.stubs])
    for row, end in enumerate(ends):
        if left > end + 2:
            ends[row] = right
            return row
    if len(ends) < _ROWS:
        ends.append(right)
        return len(ends) - 1
    row = min(range(len(ends)), key=ends.__getitem__)  # crowded: share the row that frees up first
    ends[row] = max(ends[row], right)
    return row


def _lanes(timeline: Timeline, entries: list[EntryView]) -> list[str]:
    """The topics the entries use, in the registry's order ("" for events without one, last)."""
    used = {topic for entry in entries for topic in (entry.event.topics or ("",))}
    return [topic for topic in timeline.topics if topic in used] + ([""] if "" in used else [])


def _lane_label(timeline: Timeline, topic: str) -> dict[str, str]:
    from .words import WORDS

    if topic not in timeline.topics:
        return {lang: WORDS[lang]["untitled_lane"] for lang in LANGS}
    return {lang: plain(timeline.topics[topic].name.get(lang)) for lang in LANGS}


def _ticks(first: int, last: int, x_of, lang: str) -> list[Tick]:
    """A labelled tick per year (every 2, 5, 10 ... years on a long axis), and quarters on a short one; the
    Japanese page labels them 2025年."""
    suffix = "年" if lang == "ja" else ""
    years = last - first + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if years / s <= 12)
    ticks = [Tick(x_of(datetime.date(year, 1, 1)), f"{year}{suffix}", True, year) for year in range(first, last + 1) if
             (year - first) % step == 0]
    if years <= 3:
        ticks += [Tick(x_of(datetime.date(year, month, 1)), "", False) for year in range(first, last + 1)
                  for month in (4, 7, 10)]
    return ticks
