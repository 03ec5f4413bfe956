"""Written dates read with dateutil (`May 13, 2025`, `13 May 2025`, `05/13/2025`), and the guards that keep a
wrong date out: a date dateutil reads is accepted only when the text says all of it and nothing else.

- Never fills a missing part from today: dateutil (imported here alone, and lazily) is asked twice with defaults
  that differ in every field, to see which fields the text itself gave.
- Day and month written as numbers are ambiguous unless one is over 12 or the year comes first, whatever
  separates them (`11/12/2025`, `11.12.2025`, `11-12-2025`, `11 12 2025`).
- Every group of digits in the text is a part of the date read (`2025,05` is not 2025).
- An ordinal (`3rd`) is a day only next to a month name (`3rd 2025` is not March 2025).
- A month written as a number is read only in the numeric shapes (`05/2025`, `13.05.2025`): `5, 2025` is refused.

A wrong date is worse than a refusal: each guard refuses with the unambiguous forms.
"""

from __future__ import annotations

import datetime
import re

from .edtf import MONTH_NAMES
from .messages import Refusal

_ORDINAL_RE = re.compile(r"\d+\s*(?:st|nd|rd|th)\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+")
_FIELDS = ("year", "month", "day", "hour", "minute", "second")
# Where a month written as a number is certainly the month: next to the year alone, or with a day in one of the
# numeric orders (day and month either way round are checked apart), with one separator throughout.
_NUMERIC_MONTH = re.compile(r"\d{1,2}([/.\- ])\d{4}|\d{4}([/.\- ])\d{1,2}|\d{1,2}([/.\- ])\d{1,2}\3\d{4}"
                            r"|\d{4}([/.\- ])\d{1,2}\4\d{1,2}")


def read_written(text: str, typed: str) -> str | None:
    """EDTF text at the precision `text` gives, None when dateutil cannot read it, or a Refusal when what it
    reads is not certainly what was typed (`typed`, as the user wrote it, is what the messages quote)."""
    from dateutil import parser  # lazy: only the command line needs it

    named = _names_a_month(text)
    ordinal = _ORDINAL_RE.search(text)
    if ordinal and not named:
        raise Refusal("ordinal", typed=typed, ordinal=ordinal.group())
    try:
        first = parser.parse(text, default=datetime.datetime(2000, 1, 1, 0, 0, 0, 0))
        second = parser.parse(text, default=datetime.datetime(2001, 2, 28, 1, 1, 1, 1))
    except (ValueError, OverflowError):
        return _named_impossible_day(text) if named else None
    given = {field for field in _FIELDS if getattr(first, field) == getattr(second, field)}
    edtf = _edtf_from_given(first, given, text, typed)
    if edtf is not None:
        if "month" in given and not named and not _NUMERIC_MONTH.fullmatch(text):
            raise Refusal("numeric-month", typed=typed)  # '5, 2025' is May to dateutil, and the 5th to a reader
        _check_day_and_month(text, typed, first, given, named)
        _check_every_digit_used(text, typed, first, given, named, edtf)
    return edtf


def _named_impossible_day(text: str) -> str | None:
    """The unchecked EDTF of a month name, a day and a four-digit year whose day the month lacks (`Feb 30 2025`
    -> `2025-02-30`), which dateutil refuses without saying why: the strict parser then says it ("day 30 is out
    of range for February 2025"), as it does for `2025-02-30`. None for any other text."""
    months = {number for word in _WORD_RE.findall(text) for number, name in enumerate(MONTH_NAMES, 1)
              if len(word) >= 3 and name.lower().startswith(word.lower())}
    groups = re.findall(r"\d+", text)
    years = [group for group in groups if len(group) == 4]
    days = [int(group) for group in groups if len(group) <= 2]
    if len(months) != 1 or len(groups) != 2 or len(years) != 1 or len(days) != 1 or not 29 <= days[0] <= 31:
        return None
    return f"{years[0]}-{months.pop():02d}-{days[0]:02d}"


def _names_a_month(text: str) -> bool:
    """Whether a word of the text is a month's name or its abbreviation of three letters or more."""
    return any(len(word) >= 3 and any(name.lower().startswith(word.lower()) for name in MONTH_NAMES)
               for word in _WORD_RE.findall(text))


def _edtf_from_given(parsed: datetime.datetime, given: set[str], text: str, typed: str) -> str | None:
    if given & {"hour", "minute", "second"} or parsed.tzinfo is not None:
        if not re.search(r"\d:\d\d|\dT\d", text):
            return None  # dateutil read a number as a time ('20-21' as an offset): no date to suggest from that
        day = parsed.date().isoformat()
        written = re.search(rf"(?<!\d){parsed.year:04d}(?!\d)", text)  # never offer a year dateutil made up
        raise Refusal("time", typed=typed, write=f": write {day}" if written else "")
    if "year" not in given:
        raise Refusal("no-year", typed=typed)
    if not re.search(rf"(?<!\d){parsed.year:04d}(?!\d)", text):  # dateutil guesses the century of '25
        raise Refusal("short-year", typed=typed)
    if "day" in given and "month" not in given:
        raise Refusal("day-without-month", typed=typed)
    if "day" in given:
        return f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"
    return f"{parsed.year:04d}-{parsed.month:02d}" if "month" in given else f"{parsed.year:04d}"


def _check_day_and_month(text: str, typed: str, parsed: datetime.datetime, given: set[str], named: bool) -> None:
    """Refuse a day and a month both written as numbers up to 12 (`11 12 2025`), whatever separates them,
    unless the year comes first (`2025/11/12` is year, month, day) or they are the same number."""
    if named or not {"day", "month"} <= given or parsed.day > 12 or parsed.day == parsed.month:
        return
    if re.match(r"\D*\d{4}(?!\d)", text):
        return
    one, other = (datetime.date(parsed.year, month, day) for month, day in ((parsed.month, parsed.day),
                                                                             (parsed.day, parsed.month)))
    one_words, other_words = (f"{MONTH_NAMES[day.month - 1][:3]} {day.day} {day.year}" for day in (one, other))
    raise Refusal("ambiguous", typed=typed, one=one.isoformat(), other=other.isoformat(), one_words=one_words,
                  other_words=other_words)


def _check_every_digit_used(text: str, typed: str, parsed: datetime.datetime, given: set[str], named: bool,
                            edtf: str) -> None:
    """Refuse when a group of digits in the text is no part of the date read (`2025,05` read as 2025): dateutil
    skips what it does not understand, and the date would say less, or something else, than was typed."""
    unused = {"year": parsed.year, **{field: getattr(parsed, field) for field in ("month", "day")
                                      if field in given and not (field == "month" and named)}}
    for group in re.findall(r"\d+", text):
        field = next((field for field, value in unused.items()
                      if int(group) == value and (field != "year" or len(group) == 4)), None)
        if field is None:
            raise Refusal("unused-digits", typed=typed, part=group, edtf=edtf)
        del unused[field]
