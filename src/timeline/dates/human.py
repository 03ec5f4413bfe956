"""Dates as people type them (--from/--to, `timeline date`): EDTF first, then the forms people write, read into
EDTF with what was assumed on the way (`Reading`).

Forms beyond EDTF: written dates (`May 13, 2025`, `summer 2025`), quarters (`Q3 2025`, which EDTF level 1 has
no form for: the interval of its months), Japanese dates (japanese.py: `2025年5月`, `2025年第3四半期`, era years
`令和7年5月`), and qualifier words: `c.`, `approx.`, `頃`, `ごろ` are EDTF's `~`, `?` and `推定` its `?`.

Never fills a missing part from today: `dateutil` (imported here alone, and lazily) is asked twice with
defaults that differ in every field, to see which fields the text itself gave.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from ..errors import DateError
from .edtf import parse_edtf, parse_point
from .eventdate import EventDate, Point, qualifier_text
from .diagnosis import SEASON_WORDS
from .ranges import Parts, complete, read_parts, split_range
from .japanese import check_era, era_years, from_japanese, japanese_months, kanji_numerals

HUMAN_FORMS = (
    "accepted forms: 2025-05-13, 2025-05, 2025, 2025-22 (summer), 2025-05/2025-07, May 13, 2025, 13 May 2025, "
    "May 2025, summer 2025, Q3 2025, 2025/05/13, 2025年5月13日, 2025年5月, 2025年夏, 2025年第3四半期, 令和7年5月; "
    "c. 2025 or 2025年頃 is 2025~ (approximate), 2025? or 推定2025年 is 2025? (uncertain); `timeline date TEXT` "
    "shows how a date is read"
)
_SEASON_PHRASE_RE = re.compile(r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{4})", re.IGNORECASE)
_NUMERIC_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_QUARTER_RES = (  # (pattern, group of the quarter, group of the year)
    (re.compile(r"(?:q([1-4])|([1-4])q)\s*[-/ ]?\s*(\d{4})", re.IGNORECASE), (1, 2), 3),
    (re.compile(r"(\d{4})\s*[-/ ]?\s*(?:q([1-4])|([1-4])q)", re.IGNORECASE), (2, 3), 1),
    (re.compile(r"(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?,?\s+(\d{4})", re.IGNORECASE),
     (1,), 2),
)
# Qualifier words before or after a date (after NFKC, so `（推定）` is `(推定)` and `？` is `?`).
_APPROXIMATE = r"c\.|ca\.?|circa|approx(?:\.|imately)?|about|around"
_QUALIFIERS = (
    ("approximate", re.compile(rf"(?:{_APPROXIMATE})\s*", re.IGNORECASE), True),
    ("approximate", re.compile(rf"\s*(?:\((?:{_APPROXIMATE}|頃|ごろ)\)|approx\.?|頃|ごろ|前後)", re.IGNORECASE), False),
    ("uncertain", re.compile(r"(?:推定|probably|possibly|perhaps)\s*", re.IGNORECASE), True),
    ("uncertain", re.compile(r"\s*(?:\((?:\?|uncertain|推定|unconfirmed)\)|\?|推定|uncertain)", re.IGNORECASE), False),
)


@dataclass(frozen=True, slots=True)
class Assumption:
    """Something read into what was typed: its `kind` (quarter, months, era, season, approximate, uncertain),
    the part `typed`, and what it stands for (EDTF, or the year of an era year)."""

    kind: str
    typed: str
    means: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What a typed date was read as, and what was assumed to read it."""

    typed: str
    date: EventDate
    assumed: tuple[Assumption, ...] = ()

    @property
    def edtf(self) -> str:
        return self.date.text


def parse_human(text: str) -> EventDate:
    """Read a date typed on the command line (--from/--to): EDTF first, then common written forms.

    Never fills a missing part from today: 'May 2025' is the whole month, at month precision.
    """
    return read_date(text).date


def read_date(text: str) -> Reading:
    """Read a typed date into EDTF (`parse_human`, with what was assumed). DateError when it cannot be read,
    with a hint that names the accepted forms."""
    if not isinstance(text, str):
        raise TypeError(f"expected the date as text, got {type(text).__name__}")
    cleaned = unicodedata.normalize("NFKC", text).strip()
    try:
        return Reading(text, parse_edtf(cleaned))
    except DateError as error:
        edtf_error = error
    whole, eras = era_years(kanji_numerals(cleaned))
    core, assumed = _qualifiers(whole)
    era_assumed = [Assumption("era", typed, str(year)) for _, typed, year in eras]
    assumed += era_assumed
    edtf = _core(core, assumed)
    if edtf is None:
        ranged = _from_range(whole)  # an interval's qualifiers may belong to one end: read from the whole text
        if ranged is not None:
            return _checked(text, ranged[0], eras, (*ranged[1], *era_assumed))
        edtf = _from_dateutil(core, text)
    if edtf is None:
        if re.fullmatch(r"[\d./?~%XY-]+", cleaned):
            raise edtf_error  # it was meant as EDTF, and that error is the precise one
        raise DateError(f"cannot read {text!r} as a date", hint=HUMAN_FORMS)
    edtf = _qualified(edtf, any(a.kind == "approximate" for a in assumed),
                      any(a.kind == "uncertain" for a in assumed))
    return _checked(text, edtf, eras, tuple(assumed))


def _checked(text: str, edtf: str, eras: list, assumed: tuple[Assumption, ...]) -> Reading:
    """The Reading of `text` as `edtf`, checked by the strict parser and against the eras it was written in."""
    try:
        date = parse_edtf(edtf)
    except DateError as error:
        raise DateError(f"{text!r} reads as {error.message}", hint=error.hint) from None
    for era, _, _ in eras:
        check_era(era, text, date.text, *date.known_bounds)
    return Reading(text, date, assumed)


def _qualifiers(text: str) -> tuple[str, list[Assumption]]:
    """The text without the qualifier words before and after it, and an Assumption for each word."""
    assumed: list[Assumption] = []
    found = True
    while found:
        found = False
        for kind, pattern, before in _QUALIFIERS:
            match = (pattern.match(text) if before else _at_end(pattern, text))
            if match and match.group().strip() and len(match.group()) < len(text):
                assumed.append(Assumption(kind, match.group().strip(), "~" if kind == "approximate" else "?"))
                text = (text[match.end():] if before else text[:match.start()]).strip()
                found = True
    return text, assumed


def _at_end(pattern: re.Pattern, text: str) -> re.Match | None:
    """The match of `pattern` that ends the text, if any (tried from each place a qualifier word may start)."""
    for start in range(max(0, len(text) - 16), len(text)):
        match = pattern.fullmatch(text, start)
        if match:
            return match
    return None


def _core(text: str, assumed: list[Assumption]) -> str | None:
    """EDTF text (unchecked) for a date without its qualifier words, adding to `assumed` what reading it took."""
    try:
        return parse_edtf(text).text
    except DateError:
        pass
    for read in (_from_quarter, japanese_months):
        months = read(text)
        if months is not None:
            assumed.append(Assumption(months[1], text, months[0]))
            return months[0]
    season = from_japanese(text) or _from_season_phrase(text)
    if season is not None:
        if season[5:7] in ("21", "22", "23", "24"):
            assumed.append(Assumption("season", text, season))
        return season
    return None


def _qualified(edtf: str, approximate: bool, uncertain: bool) -> str:
    """The EDTF with the qualifiers added to each date in it (an interval qualifies both ends)."""
    if not (approximate or uncertain):
        return edtf
    sides = []
    for side in edtf.split("/"):
        if side in ("", ".."):
            sides.append(side)
            continue
        base, mark = side.rstrip("?~%"), side[len(side.rstrip("?~%")):]
        sides.append(base + qualifier_text(uncertain or mark in ("?", "%"), approximate or mark in ("~", "%")))
    return "/".join(sides)


def _from_quarter(text: str) -> tuple[str, str] | None:
    """The interval of a quarter's months ('Q3 2025' -> '2025-07/2025-09'): EDTF level 1 has no quarters."""
    for pattern, quarter_groups, year_group in _QUARTER_RES:
        match = pattern.fullmatch(text)
        if match:
            typed = next(match[group] for group in quarter_groups if match[group])
            quarter, year = int(_ORDINALS.get(typed.lower(), typed)), int(match[year_group])
            first = 3 * quarter - 2
            return f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}", "quarter"
    return None


def _from_season_phrase(text: str) -> str | None:
    match = _SEASON_PHRASE_RE.fullmatch(text)
    return None if match is None else f"{match[2]}-{SEASON_WORDS[match[1].lower()]}"


def _from_dateutil(text: str, original: str) -> str | None:
    """EDTF text at the precision `text` gives, or None when dateutil cannot read it.

    Parsing twice with defaults that differ in every field shows which fields the text supplied:
    a field that comes out equal both times was written, one that differs was filled in.
    """
    from dateutil import parser  # lazy: only the command line needs it

    numeric = _NUMERIC_DAY_FIRST_OR_MONTH_FIRST.fullmatch(text)
    if numeric and numeric[1] != numeric[2] and int(numeric[1]) <= 12 and int(numeric[2]) <= 12:
        raise DateError(f"{original!r} is ambiguous: day and month could be either way round", hint=HUMAN_FORMS)
    try:
        first = parser.parse(text, default=datetime.datetime(2000, 1, 1, 0, 0, 0, 0))
        second = parser.parse(text, default=datetime.datetime(2001, 2, 28, 1, 1, 1, 1))
    except (ValueError, OverflowError):
        return None
    given = {f for f in ("year", "month", "day", "hour", "minute", "second") if getattr(first, f) == getattr(second, f)}
    return _edtf_from_given(first, given, text, original)


def _edtf_from_given(parsed: datetime.datetime, given: set[str], text: str, original: str) -> str:
    if given & {"hour", "minute", "second"} or parsed.tzinfo is not None:
        if not re.search(r"\d:\d\d|\dT\d", text):
            return None  # dateutil read a number as a time ('20-21' as an offset): no date to suggest from that
        day = parsed.date().isoformat()
        written = re.search(rf"(?<!\d){parsed.year:04d}(?!\d)", text)  # never offer a year dateutil made up
        hint = "event dates have day precision at most" + (f": write {day}" if written else "")
        raise DateError(f"{original!r}: a time of day is not accepted", hint=hint)
    if "year" not in given:
        raise DateError(f"{original!r} has no year", hint=HUMAN_FORMS)
    if not re.search(rf"(?<!\d){parsed.year:04d}(?!\d)", text):  # dateutil guesses the century of '25
        raise DateError(f"{original!r}: write the year with four digits", hint=HUMAN_FORMS)
    if "day" in given and "month" not in given:
        raise DateError(f"{original!r}: a day needs a month", hint=HUMAN_FORMS)
    if "day" in given:
        return f"{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"
    return f"{parsed.year:04d}-{parsed.month:02d}" if "month" in given else f"{parsed.year:04d}"


def _from_range(text: str) -> tuple[str, tuple[Assumption, ...]] | None:
    """EDTF for an interval as written ('Jan. 20-21, 2025', 'July–Sept. 2025', 'until Jan. 19, 2025'), with what
    was assumed, or None when the text is not written as one. A range written as one ('c. Jan. 20–21, 2025')
    qualifies both ends; ends written in full ('c. Jan. 2025 – March 2025?') each their own."""
    ends = split_range(text)
    if ends is None:
        return None
    read = [_range_end(side) for side in (ends.start, ends.end)]
    if None in read:
        return None
    (start, start_marks, start_assumed), (end, end_marks, end_assumed) = read  # type: ignore[misc]
    if isinstance(start, str) or isinstance(end, str):  # an open or unknown end: the other is a whole date
        if any(isinstance(part, Parts) and part.year is None for part in (start, end)):
            return None
        sides, shared = [part if isinstance(part, str) else part.edtf for part in (start, end)], False
    else:
        completed = complete(start, end, text)
        if completed is None:
            return None
        sides, shared = list(completed[:2]), ends.shared or completed[2]
    if shared:
        start_marks = end_marks = tuple(a or b for a, b in zip(start_marks, end_marks))
    edtf = "/".join(side if side in ("", "..") else side + qualifier_text(*marks)
                    for side, marks in ((sides[0], start_marks), (sides[1], end_marks)))
    assumed = [*start_assumed, *end_assumed]
    if any(part.season for part in (start, end) if isinstance(part, Parts)):
        assumed.append(Assumption("season", text, edtf))
    return edtf, tuple(assumed)


def _range_end(side: str) -> tuple[Parts | str, tuple[bool, bool], list[Assumption]] | None:
    """One end of an interval: its parts ('' or '..' as they are), its (uncertain, approximate) marks, and the
    qualifier words read; None when it is not a date."""
    if side in ("", ".."):
        return side, (False, False), []
    core, assumed = _qualifiers(side)
    marks = (any(a.kind == "uncertain" for a in assumed), any(a.kind == "approximate" for a in assumed))
    try:
        point = parse_point(core)
    except DateError:
        parts = read_parts(core)
        return None if parts is None else (parts, marks, assumed)
    return _point_parts(point), (marks[0] or point.uncertain, marks[1] or point.approximate), assumed


def _point_parts(point: Point) -> Parts:
    return Parts(point.year, point.month, point.day, point.season)
