"""Dates as readers see them, in English and Japanese. Pure functions: no I/O, no printing. A date with a time
of day is written by times.py ("3:05 p.m. ET, Oct. 10, 2025", 「2025年10月10日午後3時5分（米東部時間）」, `--tz`).

English follows AP style: months abbreviated as Jan. Feb. Aug. Sept. Oct. Nov. Dec. (March to July
spelled out), no leading zeros, seasons lowercase except at the start of the text ("Summer 2025" but
"from summer 2025"), "c. " before an approximate date and "?" after an uncertain one, and an en dash
between the ends of an interval. Month-and-year is written "Jan. 2025" as the project's format asks
(strict AP would spell out "January 2025" when no day is given).

An interval is written as an editor would: what both ends share is written once ("Jan. 20–21, 2025",
"Jan. 30 – Feb. 2, 2025", "July–Sept. 2025", "2025年1月20日～21日", "2025年7月～9月"), but only when
the ends have the same precision and the same qualifiers, which are then written once for the whole range
("c. Jan. 20–21, 2025", "2025年7月～9月（不確か）"). Otherwise both ends are written in full, each with its
own qualifiers. In a range written once, an en dash without spaces joins parts that are one word or number
each ("20–21", "July–Sept.", "2025–2026"), a spaced one parts that hold a space ("Jan. 30 – Feb. 2, 2025",
"Dec. 30, 2024 – Jan. 2, 2025"), as Chicago sets them; two ends in full take the spaced dash.

Japanese: 2025年1月23日, 2025年1月, 2025年夏, 2025年. An approximate date takes 頃
("2025年1月20日頃"; newspapers following the Kyodo handbook write ごろ, a one-line change here).
An uncertain date takes "（不確か）" in full-width parentheses: a bare "?" reads as careless in
Japanese copy, and 未確認 would claim something about verification that EDTF's "uncertain" does not
say. Both together: "2025年1月20日頃（不確か）". Intervals join their ends with a full-width tilde ～
(U+FF5E, what Japanese input on Windows types for the wave dash) and no spaces; an open end reads
以降 ("from"), an open start まで ("until"), and an unknown end or start 不明.
"""

from __future__ import annotations

import functools

from timeline.dates import EventDate, Point, Precision

from .eras import unspecified_en, unspecified_ja, year_en, year_ja

__all__ = ["format_date", "format_precision", "month_name"]

_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_EN_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_JA_SEASONS = {21: "春", 22: "夏", 23: "秋", 24: "冬"}
_PRECISION_NAMES = {
    "en": {Precision.MILLENNIUM: "millennium", Precision.CENTURY: "century", Precision.DECADE: "decade",
           Precision.YEAR: "year", Precision.SEASON: "season", Precision.MONTH: "month", Precision.DAY: "day"},
    "ja": {Precision.MILLENNIUM: "千年紀", Precision.CENTURY: "世紀", Precision.DECADE: "年代",
           Precision.YEAR: "年", Precision.SEASON: "季節", Precision.MONTH: "月", Precision.DAY: "日"},
}


def format_date(date: EventDate | Point, lang: str) -> str:
    """A date or interval for display in `lang` ('en' or 'ja'), e.g. 'Jan. 23, 2025' or '2025年1月23日'."""
    lang = _language(lang)
    if isinstance(date, Point):
        return _point(date, lang, initial=True)
    if not date.is_interval:
        return _point(date.start, lang, initial=True)  # type: ignore[arg-type]  # a single date has a start
    if date.start is not None and date.end is not None:
        return _range(date.start, date.end, lang)
    return _interval_en(date) if lang == "en" else _interval_ja(date)


def month_name(month: int, lang: str) -> str:
    """A month alone, as the dates write it: 'Sept.' (AP) or '9月'."""
    return _AP_MONTHS[month - 1] if _language(lang) == "en" else f"{month}月"


def format_precision(precision: Precision, lang: str) -> str:
    """The name of a precision for detail views: 'day' / '日'."""
    return _PRECISION_NAMES[_language(lang)][Precision(precision)]


@functools.lru_cache(maxsize=64)  # asked once per date shown, for a handful of tags
def _language(lang: str) -> str:
    """'en' or 'ja' from a language tag such as 'ja' or 'en-US'."""
    primary = lang.split("-")[0].lower()
    if primary not in _PRECISION_NAMES:
        raise ValueError(f"unsupported language {lang!r}: use 'en' or 'ja'")
    return primary


def _point(point: Point, lang: str, *, initial: bool) -> str:
    return _point_en(point, initial=initial) if lang == "en" else _point_ja(point)


def _point_en(point: Point, *, initial: bool) -> str:
    """One date in AP style; `initial` says whether it starts the text (capitalises a season)."""
    if point.time is not None:  # a moment: times.py writes it (AP: "3:05 p.m. ET, Oct. 10, 2025"), --tz too
        from .times import format_timed

        return format_timed(point, "en", initial=initial)
    # "c." would come first, so only a bare season starts the text
    return _qualified_en(_bare_en(point, capital=initial and not point.approximate), point)


def _bare_en(point: Point, *, capital: bool) -> str:
    """One date in AP style without its qualifiers; `capital` capitalises a season."""
    if point.unspecified is not None:
        return unspecified_en(point, capital=capital)
    year = year_en(point.year)
    if point.precision is Precision.DAY:
        return f"{_AP_MONTHS[point.month - 1]} {point.day}, {year}"  # type: ignore[operator]
    if point.precision is Precision.MONTH:
        return f"{_AP_MONTHS[point.month - 1]} {year}"  # type: ignore[operator]
    if point.precision is Precision.SEASON:
        return f"{_season_en(point, capital)} {year}"
    return year


def _season_en(point: Point, capital: bool) -> str:
    season = _EN_SEASONS[point.season]  # type: ignore[index]
    return season.capitalize() if capital else season


def _qualified_en(text: str, point: Point) -> str:
    """`text` with the qualifiers of `point`: "c. " before an approximate date, "?" after an uncertain one."""
    return ("c. " if point.approximate else "") + text + ("?" if point.uncertain else "")


def _point_ja(point: Point) -> str:
    if point.time is not None:  # 2025年10月10日午後3時5分（米東部時間）: times.py
        from .times import format_timed

        return format_timed(point, "ja", initial=True)
    return _qualified_ja("".join(_parts_ja(point)), point)


def _parts_ja(point: Point) -> tuple[str, ...]:
    """A date's parts in Japanese, largest first: ('2025年', '1月', '20日'), ('2025年', '夏'), ('2025年',)."""
    if point.unspecified is not None:
        return (unspecified_ja(point),)
    year = year_ja(point.year)
    if point.precision is Precision.SEASON:
        return year, _JA_SEASONS[point.season]  # type: ignore[index]
    if point.month is None:
        return (year,)
    return year, f"{point.month}月", *((f"{point.day}日",) if point.day is not None else ())


def _qualified_ja(text: str, point: Point) -> str:
    return text + ("頃" if point.approximate else "") + ("（不確か）" if point.uncertain else "")


# -- intervals --------------------------------------------------------------------------------------------


def _range(start: Point, end: Point, lang: str) -> str:
    """An interval with both ends known, what the ends share written once when they are alike."""
    if start == end:  # a one-day (or one-month ...) interval is that date
        return _point(start, lang, initial=True)
    alike = start.precision is end.precision and (start.approximate, start.uncertain) == (end.approximate,
                                                                                           end.uncertain)
    if lang == "en":
        if not alike:
            return f"{_point_en(start, initial=True)} – {_point_en(end, initial=False)}"
        return _qualified_en(_shared_en(start, end, capital=not start.approximate), start)
    if not alike:
        return f"{_point_ja(start)}～{_point_ja(end)}"
    return _qualified_ja(_shared_ja(start, end), start)


def _shared_en(start: Point, end: Point, *, capital: bool) -> str:
    """Two alike ends without qualifiers, the year (and a day's month) written once when they share it."""
    if start.precision is Precision.YEAR:
        if end.year < 1:  # 500–401 B.C.: the era once, after both
            return f"{year_en(start.year).removesuffix(' B.C.')}–{year_en(end.year)}"
        if start.year < 1 or end.year > 9999:  # 44 B.C. – A.D. 14: each end says its era
            return f"{year_en(start.year)} – {year_en(end.year, after_bc=start.year < 1)}"
        return f"{start.year}–{end.year}"
    if start.year != end.year or start.year < 1:
        return f"{_bare_en(start, capital=capital)} – {_bare_en(end, capital=False)}"
    if start.precision is Precision.SEASON:
        return f"{_season_en(start, capital)}–{_season_en(end, False)} {start.year}"
    first, last = _AP_MONTHS[start.month - 1], _AP_MONTHS[end.month - 1]  # type: ignore[operator]
    if start.precision is Precision.MONTH:
        return f"{first}–{last} {start.year}"
    if start.month == end.month:
        return f"{first} {start.day}–{end.day}, {start.year}"
    return f"{first} {start.day} – {last} {end.day}, {start.year}"


def _shared_ja(start: Point, end: Point) -> str:
    """Two alike ends without qualifiers, the end's leading parts that repeat the start's left out:
    2025年1月20日～21日, 2025年1月30日～2月2日, 2025年7月～9月, 2025年夏～秋."""
    first, last = _parts_ja(start), _parts_ja(end)
    shared = 0
    while shared < len(last) - 1 and first[shared] == last[shared]:
        shared += 1
    return "".join(first) + "～" + "".join(last[shared:])


def _interval_en(date: EventDate) -> str:
    if date.start is None:
        end = _point_en(date.end, initial=False)  # type: ignore[arg-type]
        return f"until {end}" if date.open_start else f"? – {end}"
    start = _point_en(date.start, initial=not date.open_end)
    if date.end is None:
        return f"from {start}" if date.open_end else f"{start} – ?"
    return f"{start} – {_point_en(date.end, initial=False)}"


def _interval_ja(date: EventDate) -> str:
    if date.start is None:
        end = _point_ja(date.end)  # type: ignore[arg-type]
        return f"{end}まで" if date.open_start else f"不明～{end}"
    start = _point_ja(date.start)
    if date.end is None:
        return f"{start}以降" if date.open_end else f"{start}～不明"
    return f"{start}～{_point_ja(date.end)}"
