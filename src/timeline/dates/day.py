"""`Day`: one calendar day in the proleptic Gregorian calendar with astronomical year numbering (year 0 is 1 BCE,
-1 is 2 BCE), for any year EDTF level 1 can write (`-0999`, `Y170000002`).

`datetime.date` holds years 1 to 9999 only. A Day answers where callers used a date (`.year`, `.month`, `.day`,
`.isoformat()`, `.toordinal()`, comparisons with a Day or a date, hashing); `.to_date()` gives the date where there
is one and raises ValueError where there is none, so an export that needs a real date can report the loss.
"""

from __future__ import annotations

import datetime

# The Gregorian calendar repeats every 400 years, which are 146097 days: a day outside 1..9999 is a day inside it
# shifted by whole cycles, so `datetime` does the calendar arithmetic for every year.
_CYCLE_YEARS, _CYCLE_DAYS = 400, 146097


class Day:
    """A calendar day of any year (astronomical numbering); ordered, hashable, immutable."""

    __slots__ = ("year", "month", "day", "_ordinal")

    def __init__(self, year: int, month: int, day: int) -> None:
        shift = (year - 1) // _CYCLE_YEARS  # whole cycles between `year` and a year in 1..400
        inside = datetime.date(year - shift * _CYCLE_YEARS, month, day)  # raises ValueError for a day not in the month
        object.__setattr__(self, "year", year)
        object.__setattr__(self, "month", month)
        object.__setattr__(self, "day", day)
        object.__setattr__(self, "_ordinal", inside.toordinal() + shift * _CYCLE_DAYS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Day is immutable")

    def __reduce__(self):
        return Day, (self.year, self.month, self.day)

    @classmethod
    def from_date(cls, date: datetime.date) -> Day:
        """The Day of a datetime.date (a datetime counts as its date)."""
        return cls(date.year, date.month, date.day)

    @classmethod
    def fromordinal(cls, ordinal: int) -> Day:
        """The Day of a proleptic Gregorian ordinal (1 is 0001-01-01; 0 and below are days before it)."""
        shift = (ordinal - 1) // _CYCLE_DAYS
        inside = datetime.date.fromordinal(ordinal - shift * _CYCLE_DAYS)
        return cls(inside.year + shift * _CYCLE_YEARS, inside.month, inside.day)

    def toordinal(self) -> int:
        """Days since 0000-12-31, continuous across year 0: 0001-01-01 is 1, 0000-12-31 is 0."""
        return self._ordinal

    def to_date(self) -> datetime.date:
        """The datetime.date of this day; ValueError for a year outside 1..9999 (the caller reports the loss)."""
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is outside 1..9999, which datetime.date cannot hold")
        return datetime.date(self.year, self.month, self.day)

    @property
    def in_date_range(self) -> bool:
        """Whether datetime.date can hold this day (years 1 to 9999)."""
        return 1 <= self.year <= 9999

    def isoformat(self) -> str:
        """ISO 8601: `2025-01-20`; the expanded form with a sign outside 0000..9999: `-0999-01-01`, `+10000-01-01`."""
        if 0 <= self.year <= 9999:
            year = f"{self.year:04d}"
        else:
            year = f"{'-' if self.year < 0 else '+'}{abs(self.year):04d}"
        return f"{year}-{self.month:02d}-{self.day:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Day({self.year}, {self.month}, {self.day})"

    def __add__(self, other: object) -> Day:
        if isinstance(other, datetime.timedelta):
            return Day.fromordinal(self._ordinal + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other: object):
        if isinstance(other, datetime.timedelta):
            return Day.fromordinal(self._ordinal - other.days)
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else datetime.timedelta(days=self._ordinal - ordinal)

    def __rsub__(self, other: object):
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else datetime.timedelta(days=ordinal - self._ordinal)

    def __eq__(self, other: object) -> bool:
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else self._ordinal == ordinal

    # All four comparisons written out (not functools.total_ordering's, which calls __lt__ and then __eq__): a long
    # chronology compares days some 50 000 times (its bounds, its overview, the date it is current to).
    def __lt__(self, other: object) -> bool:
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else self._ordinal < ordinal

    def __le__(self, other: object) -> bool:
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else self._ordinal <= ordinal

    def __gt__(self, other: object) -> bool:
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else self._ordinal > ordinal

    def __ge__(self, other: object) -> bool:
        ordinal = _ordinal_of(other)
        return NotImplemented if ordinal is None else self._ordinal >= ordinal

    def __hash__(self) -> int:
        # Equal to the hash of the datetime.date it equals, so a Day and a date find each other in a dict or set.
        return hash(self.to_date()) if self.in_date_range else hash(("Day", self._ordinal))


def _ordinal_of(other: object) -> int | None:
    """The ordinal of a Day or a datetime.date (not a datetime: a moment is not a day), else None."""
    if isinstance(other, Day):
        return other._ordinal
    if isinstance(other, datetime.date) and not isinstance(other, datetime.datetime):
        return other.toordinal()
    return None
