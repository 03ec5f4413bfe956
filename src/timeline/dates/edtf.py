"""The strict parser: canonical EDTF text -> `Point` / `EventDate`, with each part's range checked.

Canonical text only, no surrounding whitespace, so that the text round-trips. A text that does not match is
handed to diagnosis.py, which says what is wrong and how to write it.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from ..errors import DateError
from .eventdate import EventDate, Point, Precision

# calendar.month_name follows the process locale; messages stay English whatever the CLI sets.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip
# First and last month of each season; winter runs from December into February of the next year.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}

# The fast path: canonical text only. Anything else goes to diagnosis.diagnose for a helpful message.
POINT_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)", re.ASCII)


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
        from .diagnosis import diagnose  # not at the top: diagnosis checks its guesses with parse_point, from here

        raise diagnose(text, offset)
    year, middle, day, qualifier = match.groups()
    uncertain, approximate = _QUALIFIERS[qualifier]
    return _build_point(text, offset, int(year), middle, day, uncertain, approximate)


def _build_point(
    text: str, offset: int, year: int, middle: str | None, day: str | None, uncertain: bool, approximate: bool
) -> Point:
    """Check the ranges of well-formed parts and compute the bounds."""
    if year == 0:
        raise DateError(f"{text!r}: year 0000 is not supported", column=offset, hint="years run from 0001 to 9999")
    if middle is None:
        bounds = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        return Point(year, None, None, None, Precision.YEAR, uncertain, approximate, *bounds)
    number = int(middle)
    if 21 <= number <= 24:
        if day is not None:
            raise DateError(f"{text!r}: a season has no day", column=offset + 7, hint=f"write {text[:7]}")
        bounds = _season_bounds(text, offset, year, number)
        return Point(year, None, None, number, Precision.SEASON, uncertain, approximate, *bounds)
    if not 1 <= number <= 12:
        raise _month_error(text, offset, number)
    return _month_or_day(text, offset, year, number, day, uncertain, approximate)


def _days_in(year: int, month: int) -> int:
    """Days in the month (the Gregorian calendar, as datetime has it; `calendar` costs a locale import)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_or_day(
    text: str, offset: int, year: int, month: int, day: str | None, uncertain: bool, approximate: bool
) -> Point:
    last_day = _days_in(year, month)
    if day is None:
        bounds = (datetime.date(year, month, 1), datetime.date(year, month, last_day))
        return Point(year, month, None, None, Precision.MONTH, uncertain, approximate, *bounds)
    if not 1 <= int(day) <= last_day:
        month_name = f"{MONTH_NAMES[month - 1]} {year}"
        raise DateError(
            f"{text!r}: day {int(day)} is out of range for {month_name}",
            column=offset + 8,
            hint=f"{month_name} has {last_day} days",
        )
    the_day = datetime.date(year, month, int(day))
    return Point(year, month, int(day), None, Precision.DAY, uncertain, approximate, the_day, the_day)


def _season_bounds(text: str, offset: int, year: int, season: int) -> tuple[datetime.date, datetime.date]:
    first, last = _SEASON_MONTHS[season]
    if season != 24:
        return datetime.date(year, first, 1), datetime.date(year, last, _days_in(year, last))
    if year == 9999:
        # Winter ends in February of the next year, which datetime.date cannot hold.
        raise DateError(
            f"{text!r}: winter 9999 ends in year 10000, which is not supported",
            column=offset,
            hint="years run from 0001 to 9999",
        )
    return datetime.date(year, 12, 1), datetime.date(year + 1, 2, _days_in(year + 1, 2))


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
