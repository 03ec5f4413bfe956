"""Dates as imports find them, read into EDTF at the precision given (`timeline docs import`).

Three sources: TimelineJS's Year/Month/Day parts (timelinejs.parts_edtf), a whole date in one cell (a legacy
`Start Date`, a generic CSV's date column: EDTF, `1/20/2025` read day- or month-first as the caller says, or
any form `timeline date` reads), and TimelineJS's `Display Date`, whose qualifiers (c., circa, ?, 頃, a
season) become EDTF's markers on the date the parts give. Nothing here guesses a part that was not given.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..dates import DateError, EventDate, parse_edtf
from ..dates.eventdate import Precision, qualifier_text
from ..dates.human import read_date
from .timelinejs import parts_edtf

__all__ = ["CellError", "Qualified", "cell_date", "interval", "parts_date", "qualified_by_display", "time_cell",
           "timed_date", "whole_number", "written_by_export"]

_SLASH_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(-?\d{1,6})\Z")  # TimelineJS: m/d/yyyy
_SLASH_MONTH = re.compile(r"(\d{1,2})/(-?\d{1,6})\Z")  # TimelineJS: m/yyyy
_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\Z")
_MARKS = re.compile(r"[~?%]")
_TIME_CELL = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?\s?m\.?)?", re.IGNORECASE)
# What `timeline export timelinejs --tz` writes before the time as written (render/times.py).
_AS_WRITTEN = re.compile(r"\(as written: (.*)\)$|原文は(.*)）$")
# A qualifier in a display date too loose to read as a date ('c. 1850s', 'early 2025?'): the marker alone.
# Not the C. of "B.C." (a "Winter 2 B.C." is no circa): c. follows a start, a space or a bracket.
_APPROXIMATE_WORDS = re.compile(r"(?:^|[^\w.])(?:c\.|ca\.|circa|approx)|頃|ごろ|前後", re.IGNORECASE)
_UNCERTAIN_WORDS = re.compile(r"\?|？|推定")


@dataclass(frozen=True, slots=True)
class CellError(Exception):
    """A cell that cannot be read: the problem code, the message and a hint (the reader adds the position)."""

    code: str
    message: str
    hint: str = ""
    part: int = 0  # of a Year/Month/Day date: the index of the part that is wrong (1 month, 2 day), for its column


@dataclass(frozen=True, slots=True)
class Qualified:
    """A date after its display text was read: the EDTF, and what the display text did to it (empty: nothing),
    in words for the report."""

    edtf: str
    change: str = ""


# How each part of a date or time is written, for the hint when a cell holds something else.
_PART_WRITTEN = {"year": "the year in digits, as 2025", "month": "the month as 1-12, not a name",
                 "day": "the day as 1-31", "hour": "the hour as 0-23", "minute": "the minute as 0-59",
                 "second": "the second as 0-59"}


def whole_number(cell: str, column: str, part: str) -> int | None:
    """A Year/Month/Day (or hour, minute, second: `part`) cell as TimelineJS reads it (spaces and thousands commas
    dropped); None when empty."""
    cleaned = re.sub(r"[\s,]+", "", cell)
    if not cleaned:
        return None
    if not re.fullmatch(r"-?\d+", cleaned):
        raise CellError("import-bad-date", f"{column} '{cell}' is not a whole number",
                        f"TimelineJS reads only numbers here: write {_PART_WRITTEN[part]}")
    return int(cleaned)


def parts_date(year: int | None, month: int | None, day: int | None, column: str,
               names: tuple[str, str, str] = ("year", "month", "day")) -> str:
    """EDTF for Year/Month/Day parts at the precision given. A month or day without its year, a day without its
    month, or an impossible date is a CellError; an impossible month or day names its cell (`names`) and says
    why (`Day '30': February 2025 has 28 days`)."""
    if year is None:
        raise CellError("import-bad-date", f"{column} is empty but the row has a month or day",
                        "TimelineJS needs a year for every date")
    if day is not None and month is None:
        raise CellError("import-bad-date", f"{column}: a day ({day}) without a month",
                        "give the month too, or leave the day empty for a year-precision date")
    text = parts_edtf(year, month, day)
    try:
        parse_edtf(text)
    except DateError as error:
        raise _wrong_part(month, day, names, error) from None
    return text


def _wrong_part(month: int | None, day: int | None, names: tuple[str, str, str], error: DateError) -> CellError:
    """The cell of an impossible date: the month when it is not 1-12, else the day (the year is any number)."""
    if month is not None and not 1 <= month <= 12:
        return CellError("import-bad-date", f"{names[1]} '{month}' is not a month", "a month is 1 to 12", 1)
    if day is not None:
        return CellError("import-bad-date", f"{names[2]} '{day}': {error.hint or error.message}",
                         "check the day against the sources", 2)
    return CellError("import-bad-date", f"{names[0]}: {error.message}", error.hint)


def cell_date(cell: str, column: str, *, day_first: bool | None) -> tuple[str, bool]:
    """A whole date written in one cell, as EDTF, and whether a time of day was dropped from it.

    Slash dates: `m/d/yyyy` or `d/m/yyyy` as `day_first` says (None: only an unambiguous one is read, as
    `13/5/2025`); `m/yyyy` is a month. Anything else as `timeline date` reads it (EDTF, `May 2025`, `c. 2025`,
    `2025年5月頃`), qualifiers included.
    """
    text = cell.strip()
    timed = _TIME.match(text)
    if timed:
        return _checked(timed.group(1), column), True
    slashed = _SLASH_DAY.match(text)
    if slashed:
        return _slash_date(text, *map(int, slashed.groups()), column, day_first), False
    month_year = _SLASH_MONTH.match(text)
    if month_year:
        return _checked(parts_edtf(int(month_year.group(2)), int(month_year.group(1))), column), False
    try:
        return read_date(text).edtf, False
    except DateError as error:
        raise CellError("import-bad-date", f"{column}: {error.message}", error.hint) from None


def _slash_date(text: str, first: int, second: int, year: int, column: str, day_first: bool | None) -> str:
    if day_first is None:
        if first <= 12 and second <= 12 and first != second:
            raise CellError("import-ambiguous-date", f"{column} '{text}' reads as {first}/{second} either way "
                            "round", "say how the sheet writes dates: --day-first (20/1/2025) or --month-first "
                            "(1/20/2025)")
        day_first = first > 12
    day, month = (first, second) if day_first else (second, first)
    return _checked(parts_edtf(year, month, day), column)


def time_cell(cell: str, column: str) -> datetime.time | None:
    """A TimelineJS Time cell (`15:05`, `15:05:00`, `3:05 PM`) as a wall clock; None when empty."""
    if not cell.strip():
        return None
    found = _TIME_CELL.fullmatch(cell.strip())
    hour = -1 if found is None else int(found[1])
    if found is not None and found[4]:
        hour = hour % 12 + (12 if found[4].lower() == "p" else 0) if 1 <= hour <= 12 else -1
    try:
        return datetime.time(hour, int(found[2]), int(found[3] or 0))  # type: ignore[index]
    except (ValueError, TypeError):
        raise CellError("import-bad-date", f"{column} {cell!r} is not a time of day",
                        "write the time as 15:05 or 15:05:00") from None


def timed_date(day: str, clock: datetime.time, display: str) -> str | None:
    """The EDTF date-time of a day (from TimelineJS's parts) and a wall clock (its Time cell, or a JSON date's
    hour/minute/second), in the zone the display date names, as `timeline export timelinejs` writes it ('3:05
    p.m. UTC-4, Oct. 10, 2025'; after --tz, the time as written that follows the reader's); None when the display
    names no zone (a time without one names no moment) or `day` is not one day."""
    from ..dates.zones import ZONE_LABEL_RE, LocalTime, offset_of, offset_text, zone_of_label

    written = _AS_WRITTEN.search(display)
    said = next(group for group in written.groups() if group) if written else display
    found = ZONE_LABEL_RE.search(said)
    zone = None if found is None else zone_of_label(found.group())
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        return None
    if zone is None:
        return None
    try:
        offset = offset_of(zone, date, clock)
    except LocalTime:  # a time the zone's clocks skipped or showed twice names no one moment
        return None
    edtf = f"{day}T{clock.isoformat(timespec='seconds')}{offset_text(offset)}"
    parse_edtf(edtf)
    return edtf


def interval(start: str, end: str | None, column: str) -> str:
    """`start/end` as EDTF, or `start` alone when there is no end or it is the same date; CellError when the end
    comes before the start."""
    if not end or end == start:
        return start
    try:
        return parse_edtf(f"{start}/{end}").text
    except DateError as error:
        raise CellError("import-bad-date", f"{column}: {error.message}", error.hint) from None


def _checked(text: str, column: str) -> str:
    try:
        parse_edtf(text)
    except DateError as error:
        raise CellError("import-bad-date", f"{column}: {error.message}", error.hint) from None
    return text


def qualified_by_display(edtf: str, display: str,
                         shown_as: Callable[[EventDate, str], str] | None = None) -> Qualified:
    """The date `edtf` (from the parts) with what its Display Date says about it.

    A display text that reads as the same date with qualifiers (`c. 2025`, `May 2025?`, `2025年5月頃`), as a
    season of the parts' year (`Summer 2025`), or as the same day with an open side (`until Jan. 19, 2025`, as
    `timeline export timelinejs` writes one) gives its EDTF. One that reads as another date only lends its
    qualifiers; a loose one (`c. 1850s`) lends the markers its words stand for. With `shown_as` (how the export
    words a date), a display our own export wrote is read back exactly (`written_by_export`).
    """
    if not display:
        return Qualified(edtf)
    date = parse_edtf(edtf)
    try:
        shown = read_date(display).date
    except DateError:
        shown = None
    if shown is None or (shown.text != edtf and not _same_points(shown, date)):
        ours = None if shown_as is None else written_by_export(edtf, display, shown_as)  # 'Winter 2 B.C.', 'The 1990s': what `timeline export` wrote
        if ours is not None:
            return Qualified(ours, "" if ours == edtf else f"read as {ours}")
    if shown is None:
        return _marked(date, _APPROXIMATE_WORDS.search(display) is not None,
                       _UNCERTAIN_WORDS.search(display) is not None, "its words")
    if shown.text == edtf:
        return Qualified(edtf)
    if _same_points(shown, date):
        return Qualified(shown.text, f"read as {shown.text}")
    return _marked(date, shown.approximate, shown.uncertain, f"a text that reads as another date, {shown.text}")


def _same_points(shown: EventDate, date: EventDate) -> bool:
    """Whether `shown` states the same known points as `date` once qualifiers are set aside, a season standing
    for its year."""
    def bare(point) -> str:
        if point.precision is Precision.SEASON:
            return f"{point.year:04d}"
        return _MARKS.sub("", str(point))
    known = {bare(point) for point in (date.start, date.end) if point is not None}
    return {bare(point) for point in (shown.start, shown.end) if point is not None} == known


def _marked(date: EventDate, approximate: bool, uncertain: bool, why: str) -> Qualified:
    """`date` with the markers added to each known side (the columns' date is kept)."""
    if not (approximate or uncertain):
        return Qualified(date.text, "" if why == "its words" else f"is {why}; the date from the parts is kept")
    sides = []
    for side in date.text.split("/"):
        if side in ("", ".."):
            sides.append(side)
            continue
        core = _MARKS.sub("", side)
        old = set(side) & set("~?%")
        sides.append(core + qualifier_text(uncertain or bool(old & {"?", "%"}), approximate or bool(old & {"~", "%"})))
    text = "/".join(sides)
    parse_edtf(text)
    return Qualified(text, f"read as {text} (from {why})")


def written_by_export(edtf: str, display: str, shown_as: Callable[[EventDate, str], str]) -> str | None:
    """The date `timeline export timelinejs` wrote as these parts and this display date, or None. TimelineJS's
    parts hold a year, month and day; the rest (a season, `199X`, `1999-XX`, qualifiers, an open side) is said only
    in the display date, in English or Japanese: each date those parts could stand for is shown as the export shows
    it, and the one whose words are the display's is the date (exact, not guessed: nothing else writes them)."""
    from html import unescape

    shown, year = unescape(display).strip(), parse_edtf(edtf).start
    for candidate in _stood_for(edtf):
        try:
            date = parse_edtf(candidate)
        except DateError:
            continue
        anchor = date.start or date.end
        if year is not None and anchor.earliest.year != year.earliest.year and date.start is not None:
            continue  # not what those parts export as
        if any(shown_as(date, lang) == shown for lang in ("en", "ja")):
            return candidate
    return None


def _stood_for(edtf: str):
    """Every EDTF whose TimelineJS parts are `edtf`'s: masked digits, unspecified parts, seasons, qualifiers, open or
    unknown sides (an interval: qualifiers on either side)."""
    qualifiers = ("", "~", "?", "%")
    if "/" in edtf:
        start, end = edtf.split("/")
        yield from (f"{start}{one}/{end}{two}" for one in qualifiers for two in qualifiers)
        return
    bases = [edtf]
    if re.fullmatch(r"-?\d{4}", edtf):
        bases += [edtf[: len(edtf) - k] + "X" * k for k in (1, 2, 3)]  # which one: the display says
        bases += [f"{edtf}-XX", f"{edtf}-XX-XX", *(f"{edtf}-{season}" for season in (21, 22, 23, 24))]
    elif re.fullmatch(r"-?\d{4}-\d{2}", edtf):
        bases.append(f"{edtf}-XX")
    for base in bases:
        yield from (base + mark for mark in qualifiers)
    for mark in qualifiers:
        yield from (f"../{edtf}{mark}", f"/{edtf}{mark}", f"{edtf}{mark}/..", f"{edtf}{mark}/")
