"""What a date is: a `Point` (one EDTF date) or an `EventDate` (a point or an interval), each a range of days
from its *earliest* to its *latest*, with a precision and qualifiers. The order of events is order.py's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import IntEnum

from .day import Day


class Precision(IntEnum):
    """How much of a date is known, coarse to fine. The three coarsest come from unspecified year digits only:
    `1XXX` (a millennium), `19XX` (a century), `199X` (a decade)."""

    MILLENNIUM = -3
    CENTURY = -2
    DECADE = -1
    YEAR = 0
    SEASON = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, slots=True)
class Point:
    """One EDTF date such as `2025`, `2025-01`, `2025-21` or `2025-01-20~`."""

    year: int
    month: int | None  # 1-12; None for year and season precision
    day: int | None
    season: int | None  # 21-24 (spring, summer, autumn, winter)
    precision: Precision
    uncertain: bool  # '?' or '%'
    approximate: bool  # '~' or '%'
    earliest: Day  # first day covered
    latest: Day  # last day covered
    time: datetime.time | None = None  # wall-clock time as written (no tzinfo); only on a day
    zone: str | None = None  # 'Z' or '+05:00' as written, or the file's IANA `timezone` for a time written without one
    unspecified: str | None = None  # the masked text ('199X', '1999-XX', '1999-01-XX') when digits are unspecified

    def __str__(self) -> str:
        qualifier = qualifier_text(self.uncertain, self.approximate)
        if self.unspecified is not None:
            return self.unspecified + qualifier
        text = year_text(self.year, self.month is None and self.season is None)
        if self.season is not None:
            text += f"-{self.season}"
        elif self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        if self.time is not None:
            text += "T" + self.time.isoformat(timespec="seconds") + written_zone(self.zone)
        return text + qualifier

    @property
    def instant(self) -> datetime.datetime | None:
        """The aware UTC datetime of a point with a time and a zone; None without a time (or without a zone)."""
        if self.time is None or self.zone is None:
            return None
        from .clock import utc_instant  # not at the top: zoneinfo is loaded only for a date with a time

        return utc_instant(self.earliest.to_date(), self.time, self.zone)


@dataclass(frozen=True, slots=True)
class EventDate:
    """What an event's `date` is: one Point, or an interval whose ends may be open or unknown."""

    text: str  # canonical EDTF text
    start: Point | None  # None when the start is open ('..') or unknown ('')
    end: Point | None  # for a single date, the same object as start
    is_interval: bool
    open_start: bool = False  # '../X'
    open_end: bool = False  # 'X/..'
    unknown_start: bool = False  # '/X'
    unknown_end: bool = False  # 'X/'

    @classmethod
    def from_point(cls, point: Point) -> EventDate:
        """A single-date EventDate."""
        return cls(str(point), point, point, False)

    def __str__(self) -> str:
        return self.text

    def __hash__(self) -> int:
        # The canonical text's hash (a str caches its own): equal dates have equal texts, and the fields' hash
        # (two Points, each with two Days) cost more than a page's words for a date. Equality stays field by field.
        return hash(self.text)

    @property
    def earliest(self) -> Day | None:
        """First day covered; None when the start is open or unknown (unbounded)."""
        return None if self.start is None else self.start.earliest

    @property
    def latest(self) -> Day | None:
        """Last day covered; None when the end is open or unknown (unbounded)."""
        return None if self.end is None else self.end.latest

    @property
    def precision(self) -> Precision:
        """Precision of the start, or of the end when the start is open or unknown."""
        return (self.start or self.end).precision  # type: ignore[union-attr]  # one end always exists

    @property
    def uncertain(self) -> bool:
        start, end = self.start, self.end  # no generator: asked of every date by every renderer
        return (start is not None and start.uncertain) or (end is not None and end.uncertain)

    @property
    def approximate(self) -> bool:
        start, end = self.start, self.end
        return (start is not None and start.approximate) or (end is not None and end.approximate)

    @property
    def known_bounds(self) -> tuple[Day, Day]:
        """(earliest, latest) with an open or unknown side taking the value of the known one: `../2025-01-19`
        is 2025-01-19 to 2025-01-19, `2025-01/..` is January 2025. An unknown side is unknown, not infinite,
        so filters (`--from`/`--to`) and validate's check of `after:` against the dates read a date this way."""
        start, end = self.start or self.end, self.end or self.start
        return start.earliest, end.latest  # type: ignore[union-attr]  # one end always exists

    def overlaps(self, lo: Day | datetime.date | None, hi: Day | datetime.date | None) -> bool:
        """Whether any day of this date may fall in the inclusive window [lo, hi] (None = unbounded).

        Read on `known_bounds`, so `../2025-01-19` never reaches back into 2023. Qualifiers do not widen the
        bounds: `2025-06~` overlaps exactly what `2025-06` overlaps.
        """
        earliest, latest = self.known_bounds
        return (hi is None or earliest <= hi) and (lo is None or latest >= lo)

    def within(self, lo: Day | datetime.date | None, hi: Day | datetime.date | None) -> bool:
        """Whether every day of this date is certainly inside [lo, hi] (None = unbounded), on `known_bounds`."""
        earliest, latest = self.known_bounds
        return (lo is None or earliest >= lo) and (hi is None or latest <= hi)


def qualifier_text(uncertain: bool, approximate: bool) -> str:
    """The EDTF qualifier written after a date: `?` uncertain, `~` approximate, `%` both, or nothing."""
    if uncertain and approximate:
        return "%"
    return "?" if uncertain else "~" if approximate else ""


def year_text(year: int, alone: bool) -> str:
    """The EDTF of a year: four digits (`0000`, `-0999`); a year beyond four digits is a `Y` year (`Y170000002`),
    which EDTF level 1 writes alone, never with a month."""
    if abs(year) > 9999 and alone:
        return f"Y{year}"
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def written_zone(zone: str | None) -> str:
    """The zone as a date-time's text carries it: `Z` or `+05:00`; an IANA name (the file's default) is not written."""
    return zone if zone is not None and (zone == "Z" or zone[0] in "+-") else ""
