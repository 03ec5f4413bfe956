"""The slow path of the strict parser: a text that is not canonical EDTF, so say what is wrong and how to
write it (a padded month, a time of day, free text such as 'summer 2025' or '2025年5月', ...).
"""

from __future__ import annotations

import re
import unicodedata
from contextvars import ContextVar

from ..errors import DateError, shown
from .edtf import DAY_RE, MAX_YEAR_DIGITS, MONTH_NAMES, POINT_RE, parse_point
from .eventdate import qualifier_text
from .japanese import from_japanese

_READING: ContextVar[bool] = ContextVar("reading_a_typed_date", default=False)
_GENERIC_HINT = "write an EDTF date such as 2025-01-20, 2025-01, 2025 or 2025-22 (summer 2025)"
SEASON_WORDS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_LOOSE_RE = re.compile(r"(\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([?~%]?)", re.ASCII)
_UNSPECIFIED_RE = re.compile(r"-?([\dXx]{4})(?:-([\dXx]{2})(?:-([\dXx]{2}))?)?[?~%]?", re.ASCII)


def diagnose(text: str, offset: int) -> DateError:
    """Explain why `text` (starting at `offset` in the whole date) is not an accepted date."""
    checks = (_check_ascii_digits, _check_whitespace, _check_time, _check_basic_format, _check_extended_year, _check_unspecified,
              _check_padding, _check_qualifiers, _check_level_2, _check_open_marker, _check_free_text)  # fmt: skip
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
    return DateError(f"{text!r}: write the digits as ASCII", column=offset + wide,
                     hint=f"write {_as_typed(text) or unicodedata.normalize('NFKC', text)}")


def _check_whitespace(text: str, offset: int) -> DateError | None:
    space = re.search(r"\s", text)
    if space is None or POINT_RE.fullmatch(text.strip()) is None:
        return None
    return DateError(f"{text!r}: remove the spaces", column=offset + space.start(), hint=f"write {text.strip()}")


def _check_time(text: str, offset: int) -> DateError | None:
    time = re.search(r"(?<=\d)[Tt]\d|[ Tt]?\d{1,2}:\d{2}", text)
    if time is None:
        return None
    before, after = text[: time.start()], text[time.start():].lstrip(" Tt")
    shape = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|z|[+-]\d{2}:\d{2})?([?~%]*)", after)
    if DAY_RE.fullmatch(before.rstrip("?~%")) and shape is not None:
        hour, minute, second, zone, qualifier = shape.groups()
        written = f"{before.rstrip('?~%')}T{int(hour):02d}:{minute}:{second or '00'}{(zone or '').upper()}"
        problem = ("a date with a time of day takes no qualifier" if qualifier or before[-1] in "?~%" else
                   "write a time of day after a 'T', as hh:mm:ss")
        return DateError(f"{text!r}: {problem}", column=offset + time.start(),
                         hint=f"write {written}" + ("" if zone else " and its zone (Z or an offset such as -04:00)"))
    if POINT_RE.fullmatch(before):
        return DateError(f"{text!r}: a time of day goes after a whole day", column=offset + time.start(),
                         hint="write the day in full, e.g. 2025-10-10T15:05:00-04:00, or leave the time out")
    return DateError(f"{text!r}: a time of day goes after a whole day, as hh:mm:ss", column=offset + time.start(),
                     hint="write e.g. 2025-10-10T15:05:00-04:00")


def _check_basic_format(text: str, offset: int) -> DateError | None:
    basic = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if basic is None:
        return None
    canonical = "-".join(basic.groups())
    return DateError(f"{text!r}: dates need dashes", column=offset + 4, hint=f"write {canonical}")


def _check_extended_year(text: str, offset: int) -> DateError | None:
    long_year = re.fullmatch(r"(Y?)([-+]?)(\d+)([?~%]*)", text)
    dated = re.match(r"(-?)(\d{5,})-", text)
    digits = re.match(r"Y?[-+]?(\d+)", text)
    if digits is not None and len(digits[1]) > MAX_YEAR_DIGITS:
        return DateError(f"{shown(text)!r}: a year has at most {MAX_YEAR_DIGITS} digits (the universe is 11 digits old)",
                         column=offset + digits.start(1), hint="check the year")
    if long_year is None and dated is not None:
        return DateError(f"{text!r}: a year of more than four digits is written with a 'Y', and stands alone",
                         column=offset, hint=f"write Y{dated[1]}{int(dated[2])}")
    if long_year is None:
        return None
    letter, sign, digits, qualifier = long_year.groups()
    year = int(digits) * (-1 if sign == "-" else 1)
    if qualifier and (letter or len(digits) > 4):
        return DateError(f"{text!r}: a year of more than four digits takes no qualifier (EDTF level 1)",
                         column=offset + len(text) - len(qualifier), hint=f"write Y{year}")
    if abs(year) > 9999:
        return DateError(f"{text!r}: a year of more than four digits is written with a 'Y'", column=offset,
                         hint=f"write Y{year}")
    if letter or sign == "+" or len(digits) != 4:
        if not (letter or sign == "+"):
            return None  # short digits: _check_padding says how to pad them
        return DateError(f"{text!r}: a year of four digits or fewer is written without a 'Y' or a '+'",
                         column=offset, hint=f"write {'-' if year < 0 else ''}{abs(year):04d}")
    return None


def _check_unspecified(text: str, offset: int) -> DateError | None:
    match = _UNSPECIFIED_RE.fullmatch(text)
    if match is None or not re.search("[Xx]", text):
        return None
    year, month, day = match.groups()
    column = offset + re.search("[Xx]", text).start()  # type: ignore[union-attr]
    if "x" in text:
        return DateError(f"{text!r}: an unspecified digit is a capital X", column=column, hint=f"write {text.upper()}")
    if year == "XXXX" or re.search(r"X\d", year):
        return DateError(f"{text!r}: only the last digits of a year can be unspecified", column=column,
                         hint="write 199X (a decade), 19XX (a century) or 1XXX; an unknown date is an unknown end: 2025/")
    if "X" in year:
        sign = "-" if text.startswith("-") else ""
        return DateError(f"{text!r}: a year with unspecified digits stands alone (EDTF level 1)",
                         column=offset + len(sign) + 4, hint=f"write {sign}{year}")
    if month and "X" in month and month != "XX" or day and "X" in day and day != "XX":
        return DateError(f"{text!r}: a month or day is unspecified as a whole, XX", column=column,
                         hint=f"write {year}-XX" + ("" if day is None else "-XX"))
    return DateError(f"{text!r}: a month with unspecified digits has no day", column=column,
                     hint=f"write {year}-XX-XX or {year}-XX")


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
    if first is None or POINT_RE.fullmatch(core) is None:
        return None
    marks = set(text) & set("?~%")
    qualifier = qualifier_text("?" in marks or "%" in marks, "~" in marks or "%" in marks)
    if text.rstrip("?~%") == core:
        problem = "use one qualifier ('%' means uncertain and approximate)"
    else:
        problem = "the qualifier goes at the end of the date"
    return DateError(f"{text!r}: {problem}", column=offset + first.start(), hint=f"write {core}{qualifier}")


def _check_level_2(text: str, offset: int) -> DateError | None:
    """EDTF level 2 (and its old drafts' parentheses), which the format does not take: say so and the nearest form."""
    with_month = re.match(r"Y-?\d+(?:E\d+)?(?=-)", text)
    if with_month is not None:
        return DateError(f"{text!r}: a year written with a 'Y' stands alone, with no month or day",
                         column=offset + with_month.end(), hint=f"write {with_month[0]}")
    exponent = re.fullmatch(r"Y(-?)(\d+)E(\d+)", text)
    if exponent is not None:
        year = int(exponent[2]) * 10 ** int(exponent[3])
        return DateError(f"{text!r}: an exponent year is EDTF level 2", column=offset + text.index("E"),
                         hint=f"write Y{exponent[1]}{year}")
    if text[:1] in "[{":
        return DateError(f"{text!r}: a set of dates is EDTF level 2, which the format does not take", column=offset,
                         hint="write an interval (1667/1672) or one event per date")
    grouped = text.find("(")
    core = re.sub(r"[()?~%]", "", text)
    if grouped < 0 or POINT_RE.fullmatch(core) is None:
        return None
    marks = set(text) & set("?~%")
    qualifier = qualifier_text("?" in marks or "%" in marks, "~" in marks or "%" in marks)
    inside = len(text.rstrip("?~%)"))  # a mark before there is out of place, as the first parenthesis is
    column = next(i for i, ch in enumerate(text) if ch == "(" or (ch in "?~%" and i < inside))
    return DateError(f"{text!r}: parentheses are not EDTF; a qualifier applies to the whole date",
                     column=offset + column, hint=f"write {core}{qualifier}")


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
    from .ranges import INTERVAL_HINT, looks_like_range  # not at the top: ranges.py reads seasons from here

    # A date read out of part of an interval ('July' of 'July to Sept. 2025') would state another fact.
    typed, refused = _read_typed(text)
    suggestion = typed or (None if looks_like_range(text) else _suggest(text))
    if suggestion is None:
        # A typed date refused with an EDTF spelling to offer ('c. c. 2025': 2025~; '2025年12月～2月': 2025-12/2026-02
        # if it runs into 2026) says more than the generic hint.
        offered = refused is not None and getattr(refused, "key", "") in ("twice", "year-end")
        hint = refused.hint if offered else INTERVAL_HINT if looks_like_range(text) else _GENERIC_HINT
    else:
        hint = f"write {suggestion}"
        if suggestion[5:7] in ("21", "22", "23", "24"):
            hint += " (21 spring, 22 summer, 23 autumn, 24 winter)"
    return DateError(f"{text!r} is free text, not an EDTF date", column=offset + letter.start(), hint=hint)


def _as_typed(text: str) -> str | None:
    """The EDTF of a date as people type it (`2025-03-28 (approx)` is 2025-03-28~, `Q3 2025` 2025-07/2025-09), as
    --from/--to read it, or None."""
    return _read_typed(text)[0]


def _read_typed(text: str) -> tuple[str | None, DateError | None]:
    """(the EDTF of `text` as --from/--to read it, None) or (None, why it is refused there); (None, None) while
    already reading one."""
    from .human import read_date  # not at the top: human.py reads its forms with what is defined here

    if _READING.get():  # read_date parses with the strict parser, which comes back here on a miss
        return None, None
    token = _READING.set(True)
    try:
        return read_date(text).edtf, None
    except DateError as error:
        return None, error
    finally:
        _READING.reset(token)


def _suggest(text: str) -> str | None:
    """The EDTF a free-text date probably means ('summer 2025' -> '2025-22'), if valid, else None."""
    guess = from_japanese(text)
    year = re.search(r"(?<!\d)\d{4}(?!\d)", text)
    if guess is None and year is not None:
        words = re.findall(r"[a-z]+", text.lower())
        season = next((SEASON_WORDS[w] for w in words if w in SEASON_WORDS), None)
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
    return next((n for n, name in enumerate(MONTH_NAMES, 1) if name.lower().startswith(word)), None)
