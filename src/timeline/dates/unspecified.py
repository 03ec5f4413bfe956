"""EDTF level 1's unspecified digits: `199X` (some year of the 1990s), `19XX` (of the 1900s), `1XXX`, `1999-XX`
(some month of 1999), `1999-01-XX` (some day of January 1999), `1999-XX-XX`; each may be qualified (`16XX~`) and
negative (`-19XX`: the years -1999 to -1900). The Point keeps the masked text; its bounds are the whole range.
"""

from __future__ import annotations

import re

from ..errors import DateError
from .day import Day
from .eventdate import Point, Precision

_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}
_YEAR_PRECISION = {1: Precision.DECADE, 2: Precision.CENTURY, 3: Precision.MILLENNIUM}
_MASKED_RE = re.compile(r"(-?)([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?([?~%]?)", re.ASCII)


def parse_unspecified(text: str, offset: int) -> Point:
    """The Point of a text that edtf.UNSPECIFIED_RE matches whole. Raises DateError for a month out of range."""
    match = _MASKED_RE.fullmatch(text)
    assert match is not None
    sign, year, month, day, qualifier = match.groups()
    uncertain, approximate = _QUALIFIERS[qualifier]
    masked = text[: len(text) - len(qualifier)]
    if "X" in year:
        first, last = _year_range(sign, year)
        precision = _YEAR_PRECISION[year.count("X")]
        return Point(first, None, None, None, precision, uncertain, approximate,
                     Day(first, 1, 1), Day(last, 12, 31), unspecified=masked)  # fmt: skip
    number = int(sign + year)
    if sign and number == 0:
        raise DateError(f"{text!r}: year 0 has no sign", column=offset, hint=f"write {text[1:]}")
    if month == "XX":  # '1999-XX' and '1999-XX-XX': some month (and day) of the year
        return Point(number, None, None, None, Precision.YEAR, uncertain, approximate,
                     Day(number, 1, 1), Day(number, 12, 31), unspecified=masked)  # fmt: skip
    return _day_unspecified(text, offset + len(sign), number, int(month), masked, uncertain, approximate)


def _year_range(sign: str, year: str) -> tuple[int, int]:
    """First and last year of a masked year: `199X` is 1990..1999, `-19XX` is -1999..-1900."""
    low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
    return (-high, -low) if sign else (low, high)


def _day_unspecified(text: str, offset: int, year: int, month: int, masked: str, uncertain: bool,
                     approximate: bool) -> Point:
    """'1999-01-XX': some day of the month; the month is checked as a date's is (no season has an unknown day)."""
    from .edtf import days_in  # not at the top: edtf.py imports this module lazily

    if not 1 <= month <= 12:
        hint = "a season has no day" if 21 <= month <= 24 else "months are 01 to 12"
        raise DateError(f"{text!r}: month {month:02d} is out of range", column=offset + 5, hint=hint)
    return Point(year, month, None, None, Precision.MONTH, uncertain, approximate,
                 Day(year, month, 1), Day(year, month, days_in(year, month)), unspecified=masked)  # fmt: skip
