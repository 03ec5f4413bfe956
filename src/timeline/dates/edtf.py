"""The strict parser: canonical EDTF text -> `Point` / `EventDate`, with each part's range checked.

Canonical text only, no surrounding whitespace, so that the text round-trips. A text that does not match is
handed to diagnosis.py, which says what is wrong and how to write it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..errors import DateError
from .clock import TIME_RE
from .day import Day
from .eventdate import EventDate, Point, Precision, year_text

# calendar.month_name follows the process locale; messages stay English whatever the CLI sets.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip
# First and last month of each season; winter runs from December into February of the next year.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}

# The fast path: canonical text only. Anything else goes to diagnosis.diagnose for a helpful message.
POINT_RE = re.compile(r"(-?[0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)", re.ASCII)
DAY_RE = re.compile(r"-?[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)  # the day a time of day is written after
# EDTF level 1's year of more than four digits: `Y` and at least five digits, the first not 0 (`Y170000002`).
MAX_YEAR_DIGITS = 12  # EDTF sets no limit; the age of the universe has 11 digits, and a longer one is a typing slip
LONG_YEAR_RE = re.compile(rf"Y(-?[1-9][0-9]{{4,{MAX_YEAR_DIGITS - 1}}})", re.ASCII)
# Level 1's unspecified digits: the last one to three of the year, the month, the day, or month and day.
UNSPECIFIED_RE = re.compile(r"-?(?:[0-9](?:[0-9]{2}X|[0-9]XX|XXX)|[0-9]{4}-(?:XX|XX-XX|[0-9]{2}-XX))[?~%]?", re.ASCII)


@lru_cache(maxsize=1 << 16)
def parse_point(text: str) -> Point:
    """Parse one EDTF date (no interval), e.g. a source's `published`. Raises DateError."""
    if not isinstance(text, str):
        raise TypeError(f"expected the date as text, got {type(text).__name__}")
    if text == "":
        raise DateError("the date is empty", hint="write a date such as 2025-01-20, 2025-01 or 2025")
    return _parse_point_at(text, 0)


@lru_cache(maxsize=1 << 16)
def parse_edtf(text: str) -> EventDate:
    """Parse an event date: one EDTF date or an interval `A/B`. Strict: callers strip whitespace."""
    if not isinstance(text, str):
        raise TypeError(f"expected the date as text, got {type(text).__name__}")
    slash = text.find("/")
    if slash < 0:
        if text == "":
            raise DateError("the date is empty", hint="write a date such as 2025-01-20, 2025-01 or 2025")
        return EventDate.from_point(_parse_point_at(text, 0))
    return _parse_interval(text, slash)


def _parse_interval(text: str, slash: int) -> EventDate:
    second = text.find("/", slash + 1)
    if second >= 0:
        raise _too_many_slashes(text, second)
    left, right = text[:slash], text[slash + 1 :]
    if left in ("", "..") and right in ("", ".."):
        raise DateError(
            f"{text!r}: an interval needs a date on at least one side",
            hint="write 2025-07/.. (from July 2025) or ../2025-07 (until July 2025)",
        )
    start = None if left in ("", "..") else _parse_point_at(left, 0)
    if start is not None and re.fullmatch(r"\d{2}(?:-\d{2})?[?~%]?", right):
        raise _shortened_end(text, left, right, slash)
    end = None if right in ("", "..") else _parse_point_at(right, slash + 1)
    for point, at in ((start, 0), (end, slash + 1)):
        if point is not None:
            _check_interval_end(text, point, at)
    if start is not None and end is not None and end.latest < start.earliest:
        raise DateError(
            f"{text!r}: the interval ends ({end}) before it starts ({start})",
            column=slash + 1,
            hint=f"write the earlier date first: {end}/{start}",
        )
    canonical = f"{'..' if left == '..' else start or ''}/{'..' if right == '..' else end or ''}"
    return EventDate(
        canonical, start, end, True,
        open_start=left == "..", open_end=right == "..",
        unknown_start=left == "", unknown_end=right == "",
    )  # fmt: skip


def _check_interval_end(text: str, point: Point, at: int) -> None:
    """EDTF level 1 writes an interval's ends as dates of four-digit years with every digit given and no time: a time
    of day, unspecified digits or a `Y` year stand alone (the interval `1990/1999` says what `199X/1999` would)."""
    if point.time is not None:
        day = str(replace(point, time=None, zone=None))
        raise DateError(f"{text!r}: an interval's ends are days, without a time of day", column=at + len(day),
                        hint=f"write {day} for that end (EDTF has no interval between two times)")
    if point.unspecified is not None:
        coarser = f"{point.earliest.year:04d}/{point.latest.year:04d}" if point.precision < Precision.YEAR else (
            str(replace(point, unspecified=None)))
        raise DateError(f"{text!r}: an interval's ends give every digit (EDTF level 1)",
                        column=at + point.unspecified.index("X"), hint=f"write {coarser} for that end")
    if abs(point.year) > 9999:
        raise DateError(f"{text!r}: a year of more than four digits stands alone, not in an interval",
                        column=at, hint="write the year alone, e.g. Y170000002")


def _shortened_end(text: str, left: str, right: str, slash: int) -> DateError:
    """'2025-09-01/02' as editors write a range: EDTF needs the whole date on both sides. The hint writes the end
    in full only when that makes a valid interval; otherwise it says the form without inventing a date."""
    base, short = left.rstrip("?~%"), right.rstrip("?~%")
    kept = base[: len(base) - len(short)]
    hint = "write the whole date on both sides of '/': YYYY-MM-DD/YYYY-MM-DD, YYYY-MM/YYYY-MM or YYYY/YYYY"
    if kept.endswith("-"):  # '02' replaces the day, '10-02' the month and day ('2025/26' stays in doubt)
        try:
            hint = f"write {parse_edtf(f'{left}/{kept}{right}')}"
        except DateError:
            pass  # the end written in full is no date, or comes first: say the form, not a date
    return DateError(f"{text!r}: EDTF writes the end of an interval in full", column=slash + 1, hint=hint)


def _too_many_slashes(text: str, second: int) -> DateError:
    day = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})", text)
    example = "-".join(day.groups()) if day else "2025-05-13"
    return DateError(
        f"{text!r}: an interval has exactly one '/'",
        column=second,
        hint=f"write a day as {example} and an interval as 2025-01/2025-03",
    )


def _parse_point_at(text: str, offset: int) -> Point:
    """Parse one date that starts at `offset` in the whole text (columns in errors are absolute)."""
    match = POINT_RE.fullmatch(text)
    if match is None:
        return _parse_other(text, offset)
    year, middle, day, qualifier = match.groups()
    uncertain, approximate = _QUALIFIERS[qualifier]
    return _build_point(text, offset, _year(text, offset, year), middle, day, uncertain, approximate)


def _parse_other(text: str, offset: int) -> Point:
    """The forms off the fast path: a date-time, a `Y` year, unspecified digits; else the diagnosis."""
    at = text.find("T")
    if at > 0 and TIME_RE.fullmatch(text, at) and DAY_RE.fullmatch(text, 0, at):
        return _date_time(text, offset, at)
    long_year = LONG_YEAR_RE.fullmatch(text)
    if long_year is not None:
        year = int(long_year[1])
        return Point(year, None, None, None, Precision.YEAR, False, False, Day(year, 1, 1), Day(year, 12, 31))
    if UNSPECIFIED_RE.fullmatch(text):
        from .unspecified import parse_unspecified  # not at the top: it builds its points with this module's checks

        return parse_unspecified(text, offset)
    from .diagnosis import diagnose  # not at the top: diagnosis checks its guesses with parse_point, from here

    raise diagnose(text, offset)


def _year(text: str, offset: int, digits: str) -> int:
    """The year of four digits, `-` for years before year 0; `-0000` is not a year (0000 is)."""
    if digits == "-0000":
        raise DateError(f"{text!r}: year 0 has no sign", column=offset, hint=f"write 0000{text[5:]}")
    return int(digits)


def _date_time(text: str, offset: int, at: int) -> Point:
    """A whole day, then a time of day and its zone: `2025-10-10T15:05:00-04:00`."""
    from .clock import check_time_year, parse_time  # not at the top: most files have no times

    day = _parse_point_at(text[:at], offset)
    if day.precision is not Precision.DAY or day.uncertain or day.approximate:
        raise DateError(f"{text!r}: a time of day goes after a whole day, with no qualifier",
                        column=offset + at, hint="write the day in full, e.g. 2025-10-10T15:05:00-04:00")
    check_time_year(text, day.year, offset + at, text[:at])
    clock, zone = parse_time(text, at, offset)
    return replace(day, time=clock, zone=zone)


def _build_point(
    text: str, offset: int, year: int, middle: str | None, day: str | None, uncertain: bool, approximate: bool
) -> Point:
    """Check the ranges of well-formed parts and compute the bounds."""
    if middle is None:
        bounds = (Day(year, 1, 1), Day(year, 12, 31))
        return Point(year, None, None, None, Precision.YEAR, uncertain, approximate, *bounds)
    sign = 1 if year < 0 or text.startswith("-") else 0  # the columns of a negative year's parts are one further on
    number = int(middle)
    if 21 <= number <= 24:
        if day is not None:
            raise DateError(f"{text!r}: a season has no day", column=offset + sign + 7, hint=f"write {text[:7 + sign]}")
        bounds = season_bounds(year, number)
        return Point(year, None, None, number, Precision.SEASON, uncertain, approximate, *bounds)
    if not 1 <= number <= 12:
        raise _month_error(text, offset + sign, number)
    return _month_or_day(text, offset, year, number, day, uncertain, approximate)


def days_in(year: int, month: int) -> int:
    """Days in the month (the Gregorian calendar, as datetime has it; `calendar` costs a locale import)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_or_day(
    text: str, offset: int, year: int, month: int, day: str | None, uncertain: bool, approximate: bool
) -> Point:
    last_day = days_in(year, month)
    if day is None:
        bounds = (Day(year, month, 1), Day(year, month, last_day))
        return Point(year, month, None, None, Precision.MONTH, uncertain, approximate, *bounds)
    if not 1 <= int(day) <= last_day:
        month_name = f"{MONTH_NAMES[month - 1]} {year_text(year, False)}"
        raise DateError(
            f"{text!r}: day {int(day)} is out of range for {month_name}",
            column=offset + 8 + (year < 0 or text.startswith("-")),
            hint=f"{month_name} has {last_day} days",
        )
    the_day = Day(year, month, int(day))
    return Point(year, month, int(day), None, Precision.DAY, uncertain, approximate, the_day, the_day)


def season_bounds(year: int, season: int) -> tuple[Day, Day]:
    """The first and last day of a season; winter runs from December into February of the next year."""
    first, last = _SEASON_MONTHS[season]
    if season != 24:
        return Day(year, first, 1), Day(year, last, days_in(year, last))
    return Day(year, 12, 1), Day(year + 1, 2, days_in(year + 1, 2))


def _month_error(text: str, offset: int, number: int) -> DateError:
    if number > 24:
        return DateError(
            f"{text!r}: season {number} is out of range",
            column=offset + 5,
            hint="seasons are 21 (spring), 22 (summer), 23 (autumn) and 24 (winter)",
        )
    return DateError(
        f"{text!r}: month {number:02d} is out of range",
        column=offset + 5,
        hint="months are 01 to 12; seasons are 21 (spring) to 24 (winter)",
    )


def day_point(day: Day) -> Point:
    """The Point of one day of any year (a bound shown as a date): no qualifier, no time."""
    return Point(day.year, day.month, day.day, None, Precision.DAY, False, False, day, day)
