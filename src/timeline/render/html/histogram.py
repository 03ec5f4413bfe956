"""A long overview as a histogram: per topic lane, a bar per period of the axis.

A long chronology would draw thousands of marks on top of each other (10 000 events drew 15 000 in 700 pixels, a
smear in which most marks could be neither seen nor pointed at, and which took the browser a third of the page's
loading time). Above overview.LONG marks, or when a lane holds more than its rows can show apart, the overview is a
histogram: per lane, a bar per day, month, year, decade ... (per piece of the axis, the finest wide enough and
no finer than its most precise date, so bars line up with the year labels). An event known to fall within one bar is counted there, in
solid; any other (approximate or uncertain, coarser than the bar, or with an open end) is shared among the bars
its known days cover, in proportion to their days, in grey (the "aoristic" count of archaeology and crime
mapping): a year-only date never becomes a spike on January 1. Each bar says it in words in its <title> and links
to the first of its events in the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ...dates import Day, EventDate, Precision, parse_edtf
from ...dates.eventdate import year_text
from ..dates import format_date
from ..sections import year_span
from .view import LANGS, EntryView, date_words, plain, scheduled_words
from .words import WORDS

if TYPE_CHECKING:
    from .overview import Piece

MIN_BAR = 4  # a bar's least width in the viewBox's pixels
MIN_DAY = 1.5  # but a day, the finest a date is, is worth a thin bar (an axis of one year gives a day 1.9 px)


class Rows(NamedTuple):
    """Where the lanes go, from the overview: the first lane's top, a label's height, a lane's, the gap between."""

    top: float
    label: float
    height: float
    gap: float


class Bar(NamedTuple):
    """A long overview's bar: one lane's events in one period (a day, a month, a year, a decade ...)."""

    event_id: str  # the first of its events in the list (escaped, as EntryView.id), where the bar links
    x: float
    y: float  # the top of the bar
    width: float
    height: float
    grey: float  # the height of its grey part: the shares of events that may fall in the period
    count: int  # events known to fall in the period
    more: int  # events that may fall in it (approximate or uncertain, coarser, open-ended)
    titles: dict[str, str]  # what it is, in words, in each language (the script's toggle swaps them)


class _Unit(NamedTuple):
    """A histogram's period on one piece of the axis: a day, a month, or `years` years."""

    name: str  # "day", "month" or "years"
    years: int = 1

    def key(self, day: Day) -> int:
        if self.name == "day":
            return day.toordinal()
        if self.name == "month":
            return day.year * 12 + day.month - 1
        return day.year // self.years  # floor: B.C. decades are -500..-491, as year_span says them

    def days(self, key: int, piece: Piece) -> tuple[int, int]:
        """The period's first and last day (ordinals), within the piece."""
        if self.name == "day":
            return key, key
        if self.name == "month":
            year, month = divmod(key, 12)
            following = Day(year + 1, 1, 1) if month == 11 else Day(year, month + 2, 1)
            return Day(year, month + 1, 1).toordinal(), following.toordinal() - 1
        first, last = max(key * self.years, piece.first), min(key * self.years + self.years - 1, piece.last)
        return Day(first, 1, 1).toordinal(), Day(last, 12, 31).toordinal()

    def words(self, key: int, piece: Piece, lang: str) -> str:
        """The period as the text writes dates: 'March 5, 2021', 'March 2021', '2021', '2020–2029'."""
        if self.name == "years":
            first, last = max(key * self.years, piece.first), min(key * self.years + self.years - 1, piece.last)
            return year_span(first, last, lang)
        day = Day.fromordinal(self.days(key, piece)[0])
        text = year_text(day.year, False) + f"-{day.month:02d}" + (f"-{day.day:02d}" if self.name == "day" else "")
        return format_date(parse_edtf(text), lang)


def _unit(piece: Piece, finest: Precision) -> _Unit:
    """The finest period wide enough on the piece (a day MIN_DAY, a month by its shortest MIN_BAR), never finer
    than the most precise date on it (`finest`: a file of years gets a bar a year, not twelve grey shares of
    each), days and months only where EDTF writes them (years of four digits)."""
    days = Day(piece.last, 12, 31).toordinal() + 1 - Day(piece.first, 1, 1).toordinal()
    per_day = (piece.x1 - piece.x0) / days
    if max(abs(piece.first), abs(piece.last)) <= 9999:
        if finest >= Precision.DAY and per_day >= MIN_DAY:
            return _Unit("day")
        if finest >= Precision.MONTH and per_day * 28 >= MIN_BAR:
            return _Unit("month")
    years = 1
    while per_day * 365 * years < MIN_BAR:
        years *= 10
    return _Unit("years", years)


class _Tally:
    """One bar's events while they are counted: those known to fall in its period, the shares of those that may,
    and the one it links to (the first known to fall in it, else the first that may: the events come in the
    list's order)."""

    __slots__ = ("first", "exact", "count", "more", "weight", "grey")

    def __init__(self) -> None:
        self.first, self.exact, self.count, self.more, self.weight, self.grey = None, False, 0, 0, 0.0, 0.0

    def add(self, entry: EntryView, share: float, exact: bool) -> None:
        if exact:
            self.count += 1
        else:
            self.more += 1
            self.grey += share
        self.weight += share
        if self.first is None or (exact and not self.exact):
            self.first, self.exact = entry, exact


def histogram(entries: list[EntryView], bounds: list[tuple[Day, Day]], labels: dict[str, dict[str, str]], x_at,
              spans: list[tuple[int, int, Piece]], rows: Rows) -> tuple[list[Bar], dict[str, float], float]:
    """The bars of the lanes `labels` names (topic -> its label in each language, in the lanes' order), each
    lane's top and the y below the last: `spans` are the axis's pieces with their first and last day's ordinals,
    `x_at` places a day (its ordinal) on the axis; `bounds` are the entries' known bounds."""
    # An axis of one piece (most) puts every entry on it.
    pieces = [_piece_of(spans, low.toordinal()) for low, _ in bounds] if len(spans) > 1 else [0] * len(entries)
    finest = [Precision.MILLENNIUM] * len(spans)
    for entry, at in zip(entries, pieces):
        precision = entry.event.date.precision
        if precision > finest[at]:
            finest[at] = precision
    units = [_unit(piece, finest[at]) for at, (_, _, piece) in enumerate(spans)]
    tallies: dict[str, dict[tuple[int, int], _Tally]] = {topic: {} for topic in labels}
    periods: dict[tuple[int, int], tuple[int, int]] = {}
    counted: dict[EventDate, list[tuple[tuple[int, int], float, bool]]] = {}  # a date's periods, worked out once
    # In the list's order: a bar links to the first entry it meets.
    for entry, at, (low, high) in zip(entries, pieces, bounds):
        event = entry.event
        shares = counted.get(event.date)
        if shares is None:
            shares = counted[event.date] = _shares(event.date, low, high, at, units, spans, periods)
        for topic in event.topics or ("",):
            lane = tallies[topic]
            for where, share, exact in shares:
                tally = lane.get(where)
                if tally is None:
                    tally = lane[where] = _Tally()
                tally.add(entry, share, exact)
    most = max(tally.weight for lane in tallies.values() for tally in lane.values())
    height = rows.height
    bars, tops, top, words = [], {}, rows.top, {}
    for topic, label in labels.items():
        tops[topic] = top
        bottom = top + rows.label + height
        for (at, key), tally in sorted(tallies[topic].items()):
            unit, piece = units[at], spans[at][2]
            first, last = _period(periods, units, spans, at, key)
            x1, x2 = x_at(first), x_at(last + 1)  # from the first day's left edge to the last day's right
            tall, grey = _heights(tally, height * tally.weight / most)
            said = words.get((at, key))
            if said is None:  # every lane has the same periods
                said = words[(at, key)] = {lang: unit.words(key, piece, lang) for lang in LANGS}
            titles = {lang: _bar_title(tally, label[lang], said[lang], lang) for lang in LANGS}
            gap = min(1.0, (x2 - x1) / 4)  # a day of 1.9 px keeps 1.4 of them
            bars.append(Bar(tally.first.id, x1, round(bottom - tall, 1), round(x2 - x1 - gap, 1), tall,
                            grey, tally.count, tally.more, titles))
        top = bottom + rows.gap
    return bars, tops, top


def _shares(date: EventDate, low: Day, high: Day, at: int, units: list[_Unit], spans: list,
            periods: dict) -> list[tuple[tuple[int, int], float, bool]]:
    """Where a date is counted: each period (piece, key) its known days `low`..`high` cover, with its share of the
    date and whether it is known to fall there (the one period of a date that is neither approximate, uncertain nor
    open-ended)."""
    unit = units[at]
    keys = range(unit.key(low), unit.key(high) + 1)
    if len(keys) == 1:  # the most common case by far: within one period, all of it there
        exact = not (date.approximate or date.uncertain or date.open_start or date.open_end or
                     date.unknown_start or date.unknown_end)
        return [((at, keys[0]), 1.0, exact)]
    earliest, latest = low.toordinal(), high.toordinal()
    shares = []
    for key in keys:  # shared among the periods by their days
        first, last = _period(periods, units, spans, at, key)
        shares.append(((at, key), (min(latest, last) - max(earliest, first) + 1) / (latest - earliest + 1), False))
    return shares


def _piece_of(spans: list[tuple[int, int, Piece]], ordinal: int) -> int:
    """The piece of the axis a day (ordinal) is on (an event never spans a break: a break has no event)."""
    return next((i for i, (lo, hi, _) in enumerate(spans) if lo <= ordinal <= hi), len(spans) - 1)


def _heights(tally: _Tally, tall: float) -> tuple[float, float]:
    """The bar's height and its grey part's, each part that holds an event at least 1.5 px: one uncertain event
    among 2,500 was a grey top of 0.02 px, which no one could see."""
    if not tally.more:
        return max(2.0, round(tall, 1)), 0.0
    if not tally.count:
        tall = max(2.0, round(tall, 1))
        return tall, tall
    tall = max(3.0, round(tall, 1))
    return tall, min(max(1.5, round(tall * tally.grey / tally.weight, 1)), tall - 1.5)


def _period(periods: dict, units: list[_Unit], spans: list, at: int, key: int) -> tuple[int, int]:
    """The first and last day (ordinals) of the period `key` on the piece `at`, worked out once."""
    found = periods.get((at, key))
    if found is None:
        found = periods[(at, key)] = units[at].days(key, spans[at][2])
    return found


def _bar_title(tally: _Tally, lane: str, period: str, lang: str) -> str:
    """'Markets, March 2021: 12 events (and 3 more whose date is approximate, coarser or open-ended and may fall
    in it)'; one event alone is named: 'Markets, March 5, 2021: Stargate announced', or with its own date when it
    only may fall in the period: 'Markets, March 2021: Stargate announced (c. 2021), which may fall in it'."""
    own = WORDS[lang]
    if tally.count + tally.more == 1:
        event = tally.first.event
        title = plain(event.title.get(lang)) + scheduled_words(event, lang)
        if tally.count:
            return own["bar_one"].format(lane=lane, period=period, title=title)
        return own["bar_one_maybe"].format(lane=lane, period=period, title=title, date=date_words(event.date, lang))
    if not tally.count:
        return own["bar_maybe"].format(lane=lane, period=period, count=tally.more)
    text = own["bar" if tally.count > 1 else "bar_1"].format(lane=lane, period=period, count=tally.count)
    return text + (own["bar_more"].format(count=tally.more) if tally.more else "")
