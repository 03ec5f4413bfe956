"""The EDTF subset used for event dates (`timeline docs dates`): level 0 plus level-1 seasons, qualifiers
and open/unknown interval ends.

A date keeps its precision: `2025-01` is a range from its *earliest* to its *latest* day, never a guessed
day. Parsing is strict (canonical text only, no surrounding whitespace) so that the text round-trips;
`parse_human` is the lenient entry point for command-line options. Stdlib only; `dateutil` is imported
lazily by `parse_human` alone.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

__all__ = [
    "DateError",
    "EventDate",
    "Point",
    "Precision",
    "parse_edtf",
    "parse_human",
    "parse_point",
]


class Precision(IntEnum):
    """How much of a date is known, coarse to fine (the order is used for sorting)."""

    YEAR = 0
    SEASON = 1
    MONTH = 2
    DAY = 3


class DateError(ValueError):
    """A date text that is not accepted; `column` is the 0-based offset where the problem starts."""

    def __init__(self, message: str, *, column: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
# calendar.month_name follows the process locale; messages stay English whatever the CLI sets.
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # fmt: skip
# First and last month of each season; winter runs from December into February of the next year.
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
_QUALIFIERS = {"": (False, False), "?": (True, False), "~": (False, True), "%": (True, True)}


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
    earliest: datetime.date  # first day covered
    latest: datetime.date  # last day covered

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.season is not None:
            text += f"-{self.season}"
        elif self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + _qualifier(self.uncertain, self.approximate)


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

    @property
    def earliest(self) -> datetime.date | None:
        """First day covered; None when the start is open or unknown (unbounded)."""
        return None if self.start is None else self.start.earliest

    @property
    def latest(self) -> datetime.date | None:
        """Last day covered; None when the end is open or unknown (unbounded)."""
        return None if self.end is None else self.end.latest

    @property
    def precision(self) -> Precision:
        """Precision of the start, or of the end when the start is open or unknown."""
        return (self.start or self.end).precision  # type: ignore[union-attr]  # one end always exists

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p is not None)

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p is not None)

    def sort_key(self) -> tuple[int, int, int]:
        """(earliest, precision with coarser first, latest) as ordinals; callers append file order."""
        earliest, latest = self.earliest, self.latest
        return (
            (earliest or datetime.date.min).toordinal(),
            int(self.precision),
            (latest or datetime.date.max).toordinal(),
        )

    def overlaps(self, lo: datetime.date | None, hi: datetime.date | None) -> bool:
        """Whether any day of this date may fall in the inclusive window [lo, hi] (None = unbounded).

        Qualifiers do not widen the bounds: `2025-06~` overlaps exactly what `2025-06` overlaps.
        """
        earliest, latest = self.earliest, self.latest
        starts_in_time = hi is None or earliest is None or earliest <= hi
        ends_in_time = lo is None or latest is None or latest >= lo
        return starts_in_time and ends_in_time

    def within(self, lo: datetime.date | None, hi: datetime.date | None) -> bool:
        """Whether every day of this date is certainly inside [lo, hi] (None = unbounded).

        An open or unknown end is unbounded, so it is within only a window unbounded on that side.
        """
        earliest, latest = self.earliest, self.latest
        after_lo = lo is None or (earliest is not None and earliest >= lo)
        before_hi = hi is None or (latest is not None and latest <= hi)
        return after_lo and before_hi


def _qualifier(uncertain: bool, approximate: bool) -> str:
    if uncertain and approximate:
        return "%"
    return "?" if uncertain else "~" if approximate else ""


# The fast path: canonical text only. Anything else goes to _diagnose for a helpful message.
_POINT_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([?~%]?)", re.ASCII)


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
    match = _POINT_RE.fullmatch(text)
    if match is None:
        raise _diagnose(text, offset)
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
        month_name = f"{_MONTH_NAMES[month - 1]} {year}"
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


# --- The slow path: the text did not match, so say what is wrong and how to write it. -------------------

_GENERIC_HINT = "write an EDTF date such as 2025-01-20, 2025-01, 2025 or 2025-22 (summer 2025)"
_SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_LOOSE_RE = re.compile(r"(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([?~%]?)", re.ASCII)
_UNSPECIFIED_RE = re.compile(r"([\dXx]{4})(?:-([\dXx]{2})(?:-([\dXx]{2}))?)?[?~%]?", re.ASCII)
_JA_RE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?|([春夏秋冬]))?")
_JA_SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}


def _diagnose(text: str, offset: int) -> DateError:
    """Explain why `text` (starting at `offset` in the whole date) is not an accepted date."""
    checks = (_check_ascii_digits, _check_whitespace, _check_time, _check_basic_format, _check_extended_year, _check_unspecified,
              _check_padding, _check_qualifiers, _check_open_marker, _check_free_text)  # fmt: skip
    for check in checks:
        error = check(text, offset)
        if error is not None:
            return error
    return DateError(f"{text!r} is not an EDTF date", column=offset, hint=_GENERIC_HINT)


def _check_ascii_digits(text: str, offset: int) -> DateError | None:
    # Full-width ２０２５ reads like a date to a person but sorts and compares as something else.
    wide = next((i for i, ch in enumerate(text) if ch.isdigit() and not ch.isascii()), None)
    if wide is None:
        return None
    import unicodedata

    return DateError(f"{text!r}: write the digits as ASCII", column=offset + wide,
                     hint=f"write {unicodedata.normalize('NFKC', text)}")


def _check_whitespace(text: str, offset: int) -> DateError | None:
    space = re.search(r"\s", text)
    if space is None or _POINT_RE.fullmatch(text.strip()) is None:
        return None
    return DateError(f"{text!r}: remove the spaces", column=offset + space.start(), hint=f"write {text.strip()}")


def _check_time(text: str, offset: int) -> DateError | None:
    time = re.search(r"(?<=\d)T\d|[ T]?\d{1,2}:\d{2}", text)
    if time is None:
        return None
    before = text[: time.start()]
    hint = "event dates have day precision at most"
    if _POINT_RE.fullmatch(before):
        hint += f": write {before}"
    return DateError(f"{text!r}: a time of day is not accepted", column=offset + time.start(), hint=hint)


def _check_basic_format(text: str, offset: int) -> DateError | None:
    basic = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if basic is None:
        return None
    canonical = "-".join(basic.groups())
    return DateError(f"{text!r}: dates need dashes", column=offset + 4, hint=f"write {canonical}")


def _check_extended_year(text: str, offset: int) -> DateError | None:
    if re.match(r"Y-?\d|[-+]\d|\d{5}", text) is None:
        return None
    return DateError(
        f"{text!r}: extended and negative years are not supported", column=offset, hint="years run from 0001 to 9999"
    )


def _check_unspecified(text: str, offset: int) -> DateError | None:
    match = _UNSPECIFIED_RE.fullmatch(text)
    if match is None or not re.search("[Xx]", text):
        return None
    year, month, _day = match.groups()
    if re.search("[Xx]", year):
        low, high = re.sub("[Xx]", "0", year), re.sub("[Xx]", "9", year)
        coarser = f"{max(low, '0001')}/{high}"
    elif re.search("[Xx]", month or ""):
        coarser = year
    else:
        coarser = f"{year}-{month}"
    column = offset + re.search("[Xx]", text).start()  # type: ignore[union-attr]
    return DateError(
        f"{text!r}: unspecified digits (X) are not supported",
        column=column,
        hint=f"use a coarser date such as {coarser}",
    )


def _check_padding(text: str, offset: int) -> DateError | None:
    loose = _LOOSE_RE.fullmatch(text)
    if loose is None:
        return None
    year, month, day, qualifier = loose.groups()
    parts = [(year, 4, 0), (month, 2, len(year) + 1), (day, 2, len(year) + len(month or "") + 2)]
    column = next(start for part, width, start in parts if part is not None and len(part) < width)
    canonical = "-".join(part.zfill(width) for part, width, _ in parts if part is not None) + qualifier
    return DateError(
        f"{text!r} is not canonical EDTF: years need four digits, months and days two",
        column=offset + column,
        hint=f"write {canonical}",
    )


def _check_qualifiers(text: str, offset: int) -> DateError | None:
    first = re.search(r"[?~%]", text)
    core = re.sub(r"[?~%]", "", text)
    if first is None or _POINT_RE.fullmatch(core) is None:
        return None
    marks = set(text) & set("?~%")
    qualifier = _qualifier("?" in marks or "%" in marks, "~" in marks or "%" in marks)
    if text.rstrip("?~%") == core:
        problem = "use one qualifier ('%' means uncertain and approximate)"
    else:
        problem = "the qualifier goes at the end of the date"
    return DateError(f"{text!r}: {problem}", column=offset + first.start(), hint=f"write {core}{qualifier}")


def _check_open_marker(text: str, offset: int) -> DateError | None:
    if ".." not in text:
        return None
    return DateError(
        f"{text!r}: '..' stands alone on one side of '/'",
        column=offset + text.index(".."),
        hint="write 2025-07/.. (from July 2025) or ../2025-07 (until July 2025)",
    )


def _check_free_text(text: str, offset: int) -> DateError | None:
    letter = re.search(r"[^\W\d_]", text)
    if letter is None:
        return None
    suggestion = _suggest(text)
    if suggestion is None:
        hint = _GENERIC_HINT
    else:
        hint = f"write {suggestion}"
        if suggestion[5:7] in ("21", "22", "23", "24"):
            hint += " (21 spring, 22 summer, 23 autumn, 24 winter)"
    return DateError(f"{text!r} is free text, not an EDTF date", column=offset + letter.start(), hint=hint)


def _suggest(text: str) -> str | None:
    """The EDTF a free-text date probably means ('summer 2025' -> '2025-22'), if valid, else None."""
    guess = _from_japanese(text)
    year = re.search(r"(?<!\d)\d{4}(?!\d)", text)
    if guess is None and year is not None:
        words = re.findall(r"[a-z]+", text.lower())
        season = next((_SEASON_WORDS[w] for w in words if w in _SEASON_WORDS), None)
        month = next((_month_number(w) for w in words if _month_number(w)), None)
        day = re.search(r"(?<!\d)\d{1,2}(?!\d)", text)
        if season is not None:
            guess = f"{year[0]}-{season}"
        elif month is not None:
            guess = f"{year[0]}-{month:02d}" + (f"-{int(day[0]):02d}" if day else "")
    try:
        return None if guess is None else str(parse_point(guess))
    except DateError:
        return None


def _month_number(word: str) -> int | None:
    """1-12 for an English month name or its abbreviation of three letters or more."""
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(_MONTH_NAMES, 1) if name.lower().startswith(word)), None)


def _from_japanese(text: str) -> str | None:
    """EDTF text for '2025年', '2025年5月', '2025年5月13日' or '2025年夏' (unchecked), else None."""
    match = _JA_RE.fullmatch(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    year, month, day, season = match.groups()
    if season is not None:
        return f"{year}-{_JA_SEASONS[season]}"
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


# --- Lenient parsing for the command line -------------------------------------------------------------

_HUMAN_FORMS = (
    "accepted forms: 2025-05-13, 2025-05, 2025, 2025-22 (summer), 2025-05/2025-07, May 13, 2025, "
    "13 May 2025, May 2025, summer 2025, 2025/05/13, 2025年5月13日, 2025年5月, 2025年夏"
)
_SEASON_PHRASE_RE = re.compile(r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{4})", re.IGNORECASE)
_NUMERIC_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")


def parse_human(text: str) -> EventDate:
    """Read a date typed on the command line (--from/--to): EDTF first, then common written forms.

    Never fills a missing part from today: 'May 2025' is the whole month, at month precision.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the date as text, got {type(text).__name__}")
    cleaned = unicodedata.normalize("NFKC", text).strip()
    try:
        return parse_edtf(cleaned)
    except DateError as error:
        edtf_error = error
    guess = _from_japanese(cleaned) or _from_season_phrase(cleaned) or _from_dateutil(cleaned, text)
    if guess is None:
        if re.fullmatch(r"[\d./?~%XY-]+", cleaned):
            raise edtf_error  # it was meant as EDTF, and that error is the precise one
        raise DateError(f"cannot read {text!r} as a date", hint=_HUMAN_FORMS)
    try:
        return parse_edtf(guess)
    except DateError as error:
        raise DateError(f"{text!r} reads as {error.message}", hint=error.hint) from None


def _from_season_phrase(text: str) -> str | None:
    match = _SEASON_PHRASE_RE.fullmatch(text)
    return None if match is None else f"{match[2]}-{_SEASON_WORDS[match[1].lower()]}"


def _from_dateutil(text: str, original: str) -> str | None:
    """EDTF text at the precision `text` gives, or None when dateutil cannot read it.

    Parsing twice with defaults that differ in every field shows which fields the text supplied:
    a field that comes out equal both times was written, one that differs was filled in.
    """
    from dateutil import parser  # lazy: only the command line needs it

    numeric = _NUMERIC_DAY_FIRST_OR_MONTH_FIRST.fullmatch(text)
    if numeric and numeric[1] != numeric[2] and int(numeric[1]) <= 12 and int(numeric[2]) <= 12:
        raise DateError(f"{original!r} is ambiguous: day and month could be either way round", hint=_HUMAN_FORMS)
    try:
        first = parser.parse(text, default=datetime.datetime(2000, 1, 1, 0, 0, 0, 0))
        second = parser.parse(text, default=datetime.datetime(2001, 2, 28, 1, 1, 1, 1))
    except (ValueError, OverflowError):
        return None
    given = {f for f in ("year", "month", "day", "hour", "minute", "second") if getattr(first, f) == getattr(second, f)}
    return _edtf_from_given(first, given, text, original)


def _edtf_from_given(parsed: datetime.datetime, given: set[str], text: str, original: str) -> str:
    if given & {"hour", "minute", "second"} or parsed.tzinfo is not None:
        hint = f"event dates have day precision at most: write {parsed.date().isoformat()}"
        raise DateError(f"{original!r}: a time of day is not accepted", hint=hint)
    if "year" not in given:
        raise DateError(f"{original!r} has no year", hint=_HUMAN_FORMS)
    if not re.search(rf"(?<!\d){parsed.year:04d}(?!\d)", text):  # dateutil guesses the century of '25
        raise DateError(f"{original!r}: write the year with four digits", hint=_HUMAN_FORMS)
    if "day" in given and "month" not in given:
        raise DateError(f"{original!r}: a day needs a month", hint=_HUMAN_FORMS)
    if "day" in given:
        return f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"
    return f"{parsed.year:04d}-{parsed.month:02d}" if "month" in given else f"{parsed.year:04d}"
