"""Dates as people type them (--from/--to, `timeline date`): EDTF first, then the forms people write, read into
EDTF with what was assumed on the way (`Reading`).

Forms beyond EDTF: times of day (typed_times.py: `2025-10-10T15:00-04:00`, `Oct. 10, 2025 3pm ET`), written
dates (`May 13, 2025`, `summer 2025`), quarters (`Q3 2025`, which EDTF level 1 has
no form for: the interval of its months), Japanese dates (japanese.py: `2025年5月`, `2025年第3四半期`, era years
`令和7年5月`), and qualifier words: `c.`, `approx.`, `頃`, `ごろ` are EDTF's `~`, `?` and `推定` its `?`.

A wrong date is worse than a refusal. Text in EDTF's characters that is not EDTF gets EDTF's diagnosis, a signed
year is refused in plain words, a qualifier said twice is refused; only what is left goes to dateutil
(written.py), whose reading is kept only when the text says all of it. Why a date is refused is said in English
or Japanese (messages.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import DateError
from .edtf import parse_edtf, parse_point
from .eventdate import EventDate, Point, Precision, qualifier_text, year_text
from .diagnosis import SEASON_WORDS
from .ranges import Parts, complete, read_parts, split_range
from .japanese import check_era, era_years, from_japanese, japanese_months, kanji_numerals
from .messages import FORMS, Refusal
from .typed_eras import typed_era
from .typed_times import TypedTime, split_time
from .written import read_written

HUMAN_FORMS = FORMS["en"]
_SEASON_PHRASE_RE = re.compile(r"(spring|summer|autumn|fall|winter)(?:\s+of)?\s+(\d{4})", re.IGNORECASE)
# Text made of EDTF's characters that is not valid EDTF gets EDTF's diagnosis, never a guess: dateutil reads
# '-2025' as 2025 and '2025-05-13-' as May 13.
_EDTF_CHARACTERS = re.compile(r"[\d\-+/.?~%XY]+")
_EDTF_SHAPES = re.compile(r"[?~%XY]|\.\.|\d{5}|^\d{4}-|^(?:\d{4}|\.\.)?/[^/]*$")
_TYPO_NEGATIVE = re.compile(r"(?:^|(?<=/))(-)([1-9]\d{3})")  # EDTF '-2025', '2024/-2025'; not '-0499'
_SIGNED_YEAR = re.compile(r"(?:^|(?<=[\s/(]))([-+])(\d{3,})")  # '-2025', 'May -2025'; not '20 -21' (days)
# The year first, as EDTF and Japanese writing have it, with unpadded numbers: '2025-1-5', '2025/05' (May 2025).
_YEAR_FIRST = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?|/(\d{1,2}))")
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


# The longest date read, in characters: the longest form written out ("10:30 a.m. ET, Wednesday, Oct. 10, 2025",
# 令和7年5月13日午前10時30分（日本時間）) is a third of it. Reading is not linear in the length (a time in the text
# is taken out and the rest read again): a page of text was minutes of work, or Python's recursion limit.
LONGEST = 120


def read_date(text: str) -> Reading:
    """Read a typed date into EDTF (`parse_human`, with what was assumed). DateError when it cannot be read,
    with a hint that names the accepted forms: a wrong date is worse than a refusal."""
    if not isinstance(text, str):
        raise TypeError(f"expected the date as text, got {type(text).__name__}")
    # NFKC leaves the minus sign (U+2212) of pasted text as it is: an offset typed with it is an offset all the same
    cleaned = unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()
    if len(cleaned) > LONGEST:
        raise Refusal("too-long", typed=cleaned[:40] + "…", longest=LONGEST)
    try:
        date = parse_edtf(cleaned)
    except DateError:
        pass
    else:
        if date.start is not None and date.start.time is not None and date.start.zone is None:
            raise Refusal("time-no-zone", typed=text, write=f"\nor the day alone: {cleaned[:10]}")
        _refuse_signed_year(cleaned, text, edtf=True)
        return Reading(text, date)
    timed = split_time(cleaned, text)
    if timed is not None:
        return _timed(text, timed)
    whole, eras = era_years(kanji_numerals(cleaned))
    core, assumed = _qualifiers(whole)
    era = typed_era(core)  # '500 B.C.', 紀元前500年, 'the 1990s', 1990年代: what the tool writes reads back
    if era is not None:
        approximate, uncertain = _said_once(text, era, assumed)
        return _checked(text, _qualified(era, approximate, uncertain), eras, tuple(assumed))
    _refuse_signed_year(core, text)
    era_assumed = [Assumption("era", typed, str(year)) for _, typed, year in eras]
    assumed += era_assumed
    edtf = _core(core, assumed)
    if edtf is None:
        ranged = _from_range(whole)  # an interval's qualifiers may belong to one end: read from the whole text
        if ranged is not None:
            return _checked(text, ranged[0], eras, (*ranged[1], *era_assumed))
        edtf = _year_first(core)
        if edtf is None and _edtf_shaped(core):
            parse_edtf(core)  # it was meant as EDTF, and EDTF's diagnosis is the precise one: raises
    if edtf is None:
        edtf = read_written(core, text)
    if edtf is None:
        if _EDTF_CHARACTERS.fullmatch(core):
            parse_edtf(core)  # numbers and EDTF's marks only ('5.2025'): EDTF's diagnosis
        raise Refusal("unreadable", typed=text)
    approximate, uncertain = _said_once(text, edtf, assumed)
    return _checked(text, _qualified(edtf, approximate, uncertain), eras, tuple(assumed))


def _not_a_day(day: Reading | None, point: Point | None) -> str | None:
    """Why the day typed with a time of day is not one whole day (messages._NOT_A_DAY), or None when it is."""
    if day is None:
        return "none"
    if point is None:
        return "range"
    if point.precision is not Precision.DAY:
        return point.precision.name.lower()
    if point.time is not None:
        return "timed"
    return "approximate" if point.approximate else "uncertain" if point.uncertain else None


def _timed(text: str, timed: TypedTime) -> Reading:
    """The Reading of a date-time typed (typed_times.py): its day read as any typed date, which must be one
    whole day, then the time and zone; what the zone's name and AP's midnight stand for said as assumptions."""
    day = read_date(timed.day_text) if timed.day_text else None
    point = None if day is None or day.date.is_interval else day.date.start
    why = _not_a_day(day, point)
    if why is not None:
        raise Refusal("time-not-day", typed=text, why=why, day=timed.day_text.strip())
    if timed.zone is None:
        raise Refusal("time-no-zone", typed=text, write=f"\nor the day alone: {point}")
    edtf = timed.edtf(str(point))
    assumed = list(day.assumed)  # type: ignore[union-attr]
    if "/" in timed.zone:  # a region's name: the offset it had that day
        assumed.append(Assumption("zone", timed.zone_typed, f"{edtf[19:]} ({timed.zone})"))
    if timed.day_ending:
        assumed.append(Assumption("midnight", "midnight", edtf[:10]))
    return _checked(text, edtf, [], tuple(assumed))


def _year_first(text: str) -> str | None:
    """EDTF text (unchecked) for a year followed by a month and day as unpadded numbers ('2025-1-5', '2025/5'),
    which say the date as surely as EDTF does, else None."""
    match = _YEAR_FIRST.fullmatch(text)
    if match is None:
        return None
    year, month, day, slashed = match.groups()
    padded = "-".join(f"{int(part):02d}" if len(part) < 4 else part for part in (year, month or slashed, day) if part)
    return None if padded == text else padded  # as it is, it is EDTF's to diagnose ('2025-13')


def _edtf_shaped(text: str) -> bool:
    """Whether `text` is written in EDTF's characters and shapes (`2025-5`, `2025/05`, `2025-05?x`), so that
    only EDTF's reading of it is right."""
    return _EDTF_CHARACTERS.fullmatch(text) is not None and _EDTF_SHAPES.search(text) is not None


def _refuse_signed_year(core: str, typed: str, *, edtf: bool = False) -> None:
    """A year with a sign (`-2025`, `+2025`) is refused in plain words: dateutil would read `-2025` as 2025, and a
    minus typed before a year is more often a slip than a year B.C. EDTF text (`edtf`) is refused only for a
    negative year without EDTF's leading zeros (`-2025`, not `-0499`, which is deliberate)."""
    signed = (_TYPO_NEGATIVE if edtf else _SIGNED_YEAR).search(core)
    if signed is None or (signed.start() == 0 and signed[1] == "-" and re.fullmatch(r"0\d{3}", signed[2])):
        return  # EDTF's own '-0499' (c. -0499): deliberate
    if signed[1] == "-":
        digits = int(signed[2])
        raise Refusal("negative-year", typed=typed, digits=digits, bc=digits + 1, edtf=year_text(-digits, True))
    raise Refusal("signed-year", typed=typed, unsigned=core.replace(signed.group(), signed[2]))


def _said_once(typed: str, edtf: str, assumed: list[Assumption]) -> tuple[bool, bool]:
    """(approximate, uncertain) as the qualifier words say them, each said at most once with the marks of the date:
    `c. c. 2025` and `c. 2025~` are refused as EDTF refuses `2025~~`; `c. 2025?` is 2025%, EDTF's mark for both."""
    said = {}
    for kind, signs in (("approximate", "~%"), ("uncertain", "?%")):
        words = [a.typed for a in assumed if a.kind == kind] + [sign for sign in signs if sign in edtf]
        if len(words) > 1 and not edtf:  # one end of an interval in words: the text with the word once
            raise Refusal("twice", typed=typed, kind=kind, first=words[0], second=words[1],
                          once=" ".join(typed.replace(words[1], "", 1).split()))
        if len(words) > 1:
            bare = "/".join(side.rstrip("?~%") for side in edtf.split("/"))
            once = _qualified(bare, any(sign in edtf for sign in "~%") or any(a.kind == "approximate" for a in assumed),
                              any(sign in edtf for sign in "?%") or any(a.kind == "uncertain" for a in assumed))
            raise Refusal("twice", typed=typed, kind=kind, first=words[0], second=words[1], once=once)
        said[kind] = any(a.kind == kind for a in assumed)
    return said["approximate"], said["uncertain"]


def _checked(text: str, edtf: str, eras: list, assumed: tuple[Assumption, ...]) -> Reading:
    """The Reading of `text` as `edtf`, checked by the strict parser and against the eras it was written in."""
    try:
        date = parse_edtf(edtf)
    except DateError as error:
        raise Refusal("reads-as", typed=text, edtf=edtf, detail=error.message, detail_hint=error.hint) from None
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
        if any(isinstance(part, Parts) and (part.year is None or (part.day and part.month is None))
               for part in (start, end)):
            return None  # 'until 1, 2025': a day of no month
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
        if parts is not None:
            _said_once(side, "", assumed)
        return None if parts is None else (parts, marks, assumed)
    _said_once(side, core, assumed)
    return _point_parts(point), (marks[0] or point.uncertain, marks[1] or point.approximate), assumed


def _point_parts(point: Point) -> Parts:
    return Parts(point.year, point.month, point.day, point.season)
