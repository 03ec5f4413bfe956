"""Dates as readers see them, in English and Japanese. Pure functions: no I/O, no printing.

English follows AP style: months abbreviated as Jan. Feb. Aug. Sept. Oct. Nov. Dec. (March to July
spelled out), no leading zeros, seasons lowercase except at the start of the text ("Summer 2025" but
"from summer 2025"), "c. " before an approximate date and "?" after an uncertain one, and an en dash with
spaces between the ends of an interval. Month-and-year is written "Jan. 2025" as the project's format
asks (strict AP would spell out "January 2025" when no day is given).

Japanese: 2025年1月23日, 2025年1月, 2025年夏, 2025年. An approximate date takes 頃
("2025年1月20日頃"; newspapers following the Kyodo handbook write ごろ, a one-line change here).
An uncertain date takes "（不確か）" in full-width parentheses: a bare "?" reads as careless in
Japanese copy, and 未確認 would claim something about verification that EDTF's "uncertain" does not
say. Both together: "2025年1月20日頃（不確か）". Intervals join their ends with a full-width tilde ～
(U+FF5E, what Japanese input on Windows types for the wave dash) and no spaces; an open end reads
以降 ("from"), an open start まで ("until"), and an unknown end or start 不明.
"""

from __future__ import annotations

from timeline.dates import EventDate, Point, Precision

__all__ = ["format_date", "format_precision"]

_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_EN_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_JA_SEASONS = {21: "春", 22: "夏", 23: "秋", 24: "冬"}
_PRECISION_NAMES = {
    "en": {Precision.YEAR: "year", Precision.SEASON: "season", Precision.MONTH: "month", Precision.DAY: "day"},
    "ja": {Precision.YEAR: "年", Precision.SEASON: "季節", Precision.MONTH: "月", Precision.DAY: "日"},
}


def format_date(date: EventDate | Point, lang: str) -> str:
    """A date or interval for display in `lang` ('en' or 'ja'), e.g. 'Jan. 23, 2025' or '2025年1月23日'."""
    lang = _language(lang)
    if isinstance(date, Point):
        return _point(date, lang, initial=True)
    if not date.is_interval:
        return _point(date.start, lang, initial=True)  # type: ignore[arg-type]  # a single date has a start
    return _interval_en(date) if lang == "en" else _interval_ja(date)


def format_precision(precision: Precision, lang: str) -> str:
    """The name of a precision for detail views: 'day' / '日'."""
    return _PRECISION_NAMES[_language(lang)][Precision(precision)]


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
    if point.precision is Precision.DAY:
        text = f"{_AP_MONTHS[point.month - 1]} {point.day}, {point.year}"  # type: ignore[operator]
    elif point.precision is Precision.MONTH:
        text = f"{_AP_MONTHS[point.month - 1]} {point.year}"  # type: ignore[operator]
    elif point.precision is Precision.SEASON:
        season = _EN_SEASONS[point.season]  # type: ignore[index]
        # "c." would come first, so only a bare season starts the text
        text = f"{season.capitalize() if initial and not point.approximate else season} {point.year}"
    else:
        text = str(point.year)
    return ("c. " if point.approximate else "") + text + ("?" if point.uncertain else "")


def _point_ja(point: Point) -> str:
    text = f"{point.year}年"
    if point.precision is Precision.SEASON:
        text += _JA_SEASONS[point.season]  # type: ignore[index]
    elif point.month is not None:
        text += f"{point.month}月" + (f"{point.day}日" if point.day is not None else "")
    return text + ("頃" if point.approximate else "") + ("（不確か）" if point.uncertain else "")


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
