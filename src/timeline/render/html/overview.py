"""The overview: an SVG time axis with one lane per topic, a point per day-precision date, a bar per interval or
coarser date. Approximate and uncertain dates are drawn dashed and faded, and their <title> says so in words;
an open or unknown end is a short dotted stub beyond the known end (never a bar to the axis's edge, which
would read as a known duration). Pure geometry: numbers and texts for the template to lay out.

A few events far from the rest (one in 500 B.C. among sixty in 2023-2025) would squeeze the rest into a few
pixels on one linear axis, so the axis is broken: a stretch of years with no event that is far longer than all
the rest of the axis together is cut out, drawn as a break mark whose <title> names the years left out, and each
piece keeps its own linear scale and its own year labels (B.C. as the text writes it). Every mark stays a link.

No mark is drawn over another: one that would overlap a mark of its lane (the same day, or days too close for
the axis to part them) goes to the lane's next row, so a day with five events of a topic is a stack of five,
each a link one can see and point at. Above LONG marks, or when the lanes would need more than MAX_ROWS rows
in all, the marks are too many to read: the overview is then a histogram (histogram.py).
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ...dates import Day, EventDate, Precision
from ...model import Timeline
from ..dates import month_name
from ..eras import year_en, year_ja
from ..sections import year_span
from .histogram import Bar, Rows, histogram
from .view import LANGS, EntryView, date_words, plain, scheduled_words
from .words import WORDS

WIDTH = 720  # the viewBox's width; CSS scales it to the column (and scrolls it sideways below 640 px)
_LEFT, _RIGHT = 12, 12
_YEARS_ABOVE = 18  # the year labels above the lanes, as below them: a tall overview shows its years at once
_TOP = _YEARS_ABOVE + 8
_LABEL = 20  # a lane's label, above its rows of marks
_ROW = 12  # one row of marks: a mark that would overlap one in a row takes the next row (10 px a mark, 2 apart)
# Marks that need more rows than this in all (every lane's together) to be drawn apart are too many to read as
# marks (see below): the bundled story's 58 events take 60, and a busy day in one lane adds a row an event.
MAX_ROWS = 100
_BARS = 42  # the height of a histogram's lane
_GAP = 8
_AXIS = 24  # the year labels under the lanes
_STUB = 28  # an open or unknown end: how far its dotted stub reaches past the known end
_BREAK = 20  # the width of a break in the axis
_BREAK_RATIO = 4  # a gap with no event longer than this many times the rest of the axis is cut out
_MAX_BREAKS = 3
_LABEL_PX = 7  # about one character of a tick label: a piece is at least as wide as its first label
# More marks than this (a mark per topic of each event), or a lane whose marks need more than MAX_ROWS rows, and
# the overview is a histogram of Bars (see above). Its bars are hidden from assistive technology (a screen reader would meet a
# thousand links, each to an entry of the list that follows, which it reads anyway) and not faded by the page's
# filters (they count every event).
LONG = 2000


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


class Lane(NamedTuple):  # NamedTuples: as immutable as a frozen dataclass, and a tenth of the cost to define
    topic: str
    y: float
    label: dict[str, str]


class Tick(NamedTuple):
    x: float
    label: str
    major: bool
    year: int = 0  # a labelled tick's year
    words: tuple[str, str] = ("", "")  # its label in English and Japanese, for the script's language toggle


class Piece(NamedTuple):
    """A stretch of the axis drawn to one linear scale: its years and their x."""

    first: int
    last: int
    x0: float
    x1: float


class Break(NamedTuple):
    """Where the axis skips years with no event: its x, and the years skipped in words per language."""

    x: float
    title: dict[str, str]


class Overview(NamedTuple):
    width: int
    height: int
    lanes: list[Lane]
    marks: list[Mark]
    ticks: list[Tick]
    first: int
    last: int
    breaks: tuple[Break, ...] = ()
    bars: list[Bar] | None = None  # a long overview (LONG, MAX_ROWS): the histogram drawn instead of the marks

    @property
    def long(self) -> bool:
        return self.bars is not None


def overview(timeline: Timeline, entries: list[EntryView], lang: str) -> Overview | None:
    """The axis for `entries`, or None without any: a mark per topic of each event, or above LONG of them bars."""
    if not entries:
        return None
    bounds = [entry.event.date.known_bounds for entry in entries]
    years = [(low.year, high.year) for low, high in bounds]
    first, last = min(start for start, _ in years), max(end for _, end in years)
    # An open or unknown end draws its stub past the known end: room for it beyond the axis's first or last day,
    # where it would otherwise be cut to nothing (an ongoing story's latest event, `2025-12/..`, looked closed).
    dates = [entry.event.date for entry in entries]
    margins = (_LEFT + (_STUB if any(d.open_start or d.unknown_start for d in dates) else 0),
               _RIGHT + (_STUB if any(d.open_end or d.unknown_end for d in dates) else 0))
    pieces = _pieces(_covered(years), years, margins)
    spans = [(Day(p.first, 1, 1).toordinal(), Day(p.last, 12, 31).toordinal() + 1, p) for p in pieces]

    def x_of(day: Day, *, end_of_day: bool = False) -> float:
        # end_of_day: the day's right edge, by ordinal: 9999-12-31 has no next day to add (OverflowError)
        return x_at(day.toordinal() + end_of_day)

    def x_at(ordinal: int) -> float:  # a day's left edge by its ordinal (the histogram counts in ordinals)
        for lo, hi, piece in spans:
            if lo <= ordinal <= hi:
                break
        else:
            lo, hi, piece = spans[-1]
        return round(piece.x0 + (ordinal - lo) * (piece.x1 - piece.x0) / (hi - lo), 1)

    marks = Counter(topic for entry in entries for topic in (entry.event.topics or ("",)))  # per lane
    lanes = _lanes(timeline, marks)
    ticks = [tick for piece in pieces for tick in _ticks(piece, x_of, lang)]
    placed = None if sum(marks.values()) > LONG else _placed(entries, lanes, x_of, lang)
    if placed is None:
        labels = {topic: _lane_label(timeline, topic) for topic in lanes}
        bars, tops, bottom = histogram(entries, bounds, labels, x_at, spans, Rows(_TOP, _LABEL, _BARS, _GAP))
        lane_views = [Lane(topic, tops[topic], labels[topic]) for topic in lanes]
        return Overview(WIDTH, bottom + _AXIS, lane_views, [], ticks, first, last, _breaks(pieces), bars)
    marks, lane_views, top = [], [], _TOP
    for topic in lanes:
        lane_views.append(Lane(topic, top, _lane_label(timeline, topic)))
        rows = 0
        for row, mark in placed[topic]:
            marks.append(mark._replace(y=top + _LABEL + _ROW // 2 + row * _ROW))
            rows = max(rows, row + 1)
        top += _LABEL + rows * _ROW + _GAP
    return Overview(WIDTH, top + _AXIS, lane_views, marks, ticks, first, last, _breaks(pieces))


def _placed(entries: list[EntryView], lanes: list[str], x_of, lang: str
            ) -> dict[str, list[tuple[int, Mark]]] | None:
    """Each lane's marks with their rows, none over another; None when they would need more than MAX_ROWS rows."""
    placed: dict[str, list[tuple[int, Mark]]] = {topic: [] for topic in lanes}
    row_ends: dict[str, list[float]] = {topic: [] for topic in lanes}
    said: dict[EventDate, str] = {}  # each date in words once (a long chronology has thousands of events a date)
    rows = 0  # every lane's rows together
    for entry in entries:
        mark = _mark(entry, x_of, lang, said)
        left, right = _extent(mark)
        for topic in entry.event.topics or ("",):
            ends = row_ends[topic]
            before = len(ends)
            placed[topic].append((_row(ends, left, right), mark))
            rows += len(ends) - before
            if rows > MAX_ROWS:
                return None
    return placed


def _covered(years: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of years that some event covers, merged, oldest first."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted(years):
        if runs and start <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def _pieces(runs: list[tuple[int, int]], events: list[tuple[int, int]], margins: tuple[int, int]) -> list[Piece]:
    """The axis's pieces: the runs joined across every gap except those cut out (a gap longer than _BREAK_RATIO
    times the rest of the axis, the longest first, at most _MAX_BREAKS), each as wide as its share of the events
    (the dense part gets the room) and never narrower than its first label."""
    gaps = sorted(((runs[i + 1][0] - runs[i][1] - 1, i) for i in range(len(runs) - 1)), reverse=True)
    total, cut = runs[-1][1] - runs[0][0] + 1, set()
    for length, index in gaps[:_MAX_BREAKS]:
        rest = total - length - sum(gaps_length for gaps_length, i in gaps if i in cut)
        if length <= _BREAK_RATIO * max(rest, 1):
            break
        cut.add(index)
    spans, start = [], runs[0][0]
    for index, (_, end) in enumerate(runs):
        if index in cut or index == len(runs) - 1:
            spans.append((start, end))
            if index + 1 < len(runs):
                start = runs[index + 1][0]
    counts = [sum(1 for first, _ in events if a <= first <= b) for a, b in spans]
    return _widths(spans, counts, margins)


def _widths(spans: list[tuple[int, int]], counts: list[int], margins: tuple[int, int]) -> list[Piece]:
    """Share the width between the margins among the pieces by their events, each at least as wide as its first
    year's label."""
    room = WIDTH - margins[0] - margins[1] - _BREAK * (len(spans) - 1)
    least = [max(48, _LABEL_PX * max(len(year_en(a)), len(year_ja(a)) * 2) + 8) for a, _ in spans]
    years = counts if len(spans) > 1 else [1]
    widths = [room * n / sum(years) for n in years]
    narrow: set[int] = set()
    for _ in spans:  # a piece below its least width takes it (for good), the others share what is left
        narrow |= {i for i, w in enumerate(widths) if w < least[i]} if len(spans) > 1 else set()
        left = room - sum(least[i] for i in narrow)
        wide = sum(years[i] for i in range(len(spans)) if i not in narrow) or 1
        widths = [least[i] if i in narrow else left * years[i] / wide for i in range(len(spans))]
    pieces, x = [], float(margins[0])
    for (a, b), width in zip(spans, widths, strict=True):
        pieces.append(Piece(a, b, x, x + width))
        x += width + _BREAK
    return pieces


def _breaks(pieces: list[Piece]) -> tuple[Break, ...]:
    """A break between each two pieces, titled with the years it leaves out (none of them has an event)."""
    found = []
    for before, after in zip(pieces, pieces[1:]):
        gone = (before.last + 1, after.first - 1)
        words = {"en": f"{year_span(*gone, 'en')}: no events, left out of the axis",
                 "ja": f"{year_span(*gone, 'ja')}：出来事なし（軸から省略）"}
        found.append(Break(round(before.x1 + _BREAK / 2, 1), words))
    return tuple(found)


def _mark(entry: EntryView, x_of, lang: str, said: dict[EventDate, str]) -> Mark:
    """One event's mark, placed in time; its lane and row set its height later. Its title says the date as the
    entry's date line does, qualifiers in words (`said` keeps each date's words)."""
    date = entry.event.date
    earliest, latest = date.known_bounds
    open_start = date.open_start or date.unknown_start
    open_end = date.open_end or date.unknown_end
    start, end = x_of(earliest), x_of(latest, end_of_day=True)
    day = not date.is_interval and date.precision is Precision.DAY
    stubs = ([(max(_LEFT, start - _STUB), start)] if open_start else []) + \
        ([(end, min(WIDTH - _RIGHT, end + _STUB))] if open_end else [])
    words = said.get(date)
    if words is None:
        words = said[date] = date_words(date, lang)
    title = f"{words} — {plain(entry.event.title.get(lang))}{scheduled_words(entry.event, lang)}"
    return Mark(entry.id, "circle" if day else "rect", start, 0.0,
                0.0 if day else max(round(end - start, 1), 4.0), date.approximate or date.uncertain,
                bool(stubs), tuple(stubs), title)


def _extent(mark: Mark) -> tuple[float, float]:
    """The leftmost and rightmost x the mark draws, its stubs included."""
    left = min([mark.x - (5 if mark.shape == "circle" else 0)] + [x1 for x1, _ in mark.stubs])
    right = max([mark.x + (5 if mark.shape == "circle" else mark.width)] + [x2 for _, x2 in mark.stubs])
    return left, right


def _row(ends: list[float], left: float, right: float) -> int:
    """The first row of the lane (`ends`: where each row's last mark ends) where a mark from `left` to `right` is
    clear of the mark before it, a new row below the others when none is."""
    for row, end in enumerate(ends):
        if left > end + 2:
            ends[row] = right
            return row
    ends.append(right)
    return len(ends) - 1


def _lanes(timeline: Timeline, used: Counter[str]) -> list[str]:
    """The topics the entries use (`used`), in the registry's order ("" for events without one, last)."""
    return [topic for topic in timeline.topics if topic in used] + ([""] if "" in used else [])


def _lane_label(timeline: Timeline, topic: str) -> dict[str, str]:
    if topic not in timeline.topics:
        return {lang: WORDS[lang]["untitled_lane"] for lang in LANGS}
    return {lang: plain(timeline.topics[topic].name.get(lang)) for lang in LANGS}


def _ticks(piece: Piece, x_of, lang: str) -> list[Tick]:
    """A labelled tick per year of a piece (every 2, 5, 10 ... years on a long one, as many as its labels fit),
    and quarters on a short one, named where their names fit (April, July, Oct. / 4月, 7月, 10月: a year alone
    was one label and three unnamed lines); labels as the text writes years (500 B.C., 紀元前500年)."""
    label = year_ja if lang == "ja" else year_en
    first, last = piece.first, piece.last
    years = last - first + 1
    fit = max(1, min(12, int((piece.x1 - piece.x0) // (_LABEL_PX * max(len(label(first)), len(label(last))) + 12))))
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**4, 10**6, 10**9, 10**12) if years / s <= fit)
    ticks = [Tick(x_of(Day(year, 1, 1)), label(year), True, year, (year_en(year), year_ja(year)))
             for year in range(first, last + 1, step)]
    if years <= 3:
        named = (piece.x1 - piece.x0) / (years * 4) >= _LABEL_PX * 5 + 12  # the longest name, 5 characters
        ticks += [Tick(x_of(Day(year, month, 1)), month_name(month, lang) if named else "", False, year,
                       (month_name(month, "en"), month_name(month, "ja")) if named else ("", ""))
                  for year in range(first, last + 1) for month in (4, 7, 10)]
    return ticks
