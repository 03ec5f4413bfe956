"""Years as readers see them, for render/dates.py: years before year 1, years beyond four digits, and the decades,
centuries and unknown months or days of EDTF's unspecified digits. Pure functions.

EDTF numbers years astronomically: 0000 is 1 B.C., -0001 is 2 B.C. English follows AP style as the rest of the
dates do: "B.C." after the year ("500 B.C."), "A.D." before it only where a range starts B.C. ("44 B.C. – A.D.
14"); a year of more than four digits takes commas ("170,000,002"). Japanese: 紀元前500年; 1億7000万2年.

Unspecified digits: `199X` is "the 1990s" (1990年代), `19XX` "the 1900s" (1900年代); a decade whose tens digit is
0 (`190X`) would read as its century, so it is written as its years, "1900–1909" (1900～1909年), as is `1XXX`.
`1999-XX` is "1999 (month unknown)", `1999-XX-XX` "1999 (month and day unknown)", `1999-01-XX` "Jan. 1999 (day
unknown)": the text says a month or a day was not given, not that the event took the whole year.
"""

from __future__ import annotations

from timeline.dates import Point, Precision

_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_UNKNOWN_EN = {"XX-XX": "month and day unknown", "XX": "month unknown", "DD": "day unknown"}
_UNKNOWN_JA = {"XX-XX": "月日不明", "XX": "月不明", "DD": "日不明"}


def year_en(year: int, *, after_bc: bool = False) -> str:
    """An astronomical year in AP style: 2025, 500 B.C. (for -0499), 1 B.C. (for 0000), 170,000,002; `after_bc`
    writes "A.D." before a year of our era that ends a range begun B.C."""
    if year < 1:
        return f"{_digits_en(1 - year)} B.C."
    return ("A.D. " if after_bc else "") + _digits_en(year)


def _digits_en(number: int) -> str:
    return f"{number:,}" if number > 9999 else str(number)


def year_ja(year: int) -> str:
    """An astronomical year in Japanese: 2025年, 紀元前500年 (for -0499), 紀元前1年 (for 0000), 1億7000万2年."""
    if year < 1:
        return f"紀元前{_digits_ja(1 - year)}年"
    return f"{_digits_ja(year)}年"


def _digits_ja(number: int) -> str:
    """A number in Japanese units beyond four digits: 170000002 -> 1億7000万2; up to 9999 as digits."""
    if number <= 9999:
        return str(number)
    parts, units = [], ("", "万", "億", "兆", "京")
    for unit in units:
        number, group = divmod(number, 10000)
        if group:
            parts.append(f"{group}{unit}")
        if not number:
            break
    return "".join(reversed(parts)) if not number else f"{number}{''.join(reversed(parts))}"


def unspecified_en(point: Point, *, capital: bool = False) -> str:
    """A date with unspecified digits, without qualifiers: the 1990s, the 1600s, 1900–1909, 1999 (month unknown)."""
    masked = point.unspecified or ""
    if point.precision < Precision.YEAR:
        first, last = point.earliest.year, point.latest.year
        if _named(point):
            return f"{'The' if capital else 'the'} {first}s"
        if first >= 1:
            return f"{first}–{last}"
        if last >= 1:  # 0XXX: from 1 B.C. into our era
            return f"{year_en(first)} – {year_en(last, after_bc=True)}"
        return f"{year_en(first).removesuffix(' B.C.')}–{year_en(last)}"
    year = year_en(point.year)
    if point.precision is Precision.MONTH:
        return f"{_AP_MONTHS[point.month - 1]} {year} ({_UNKNOWN_EN['DD']})"  # type: ignore[operator]
    return f"{year} ({_UNKNOWN_EN['XX-XX' if masked.endswith('XX-XX') else 'XX']})"


def unspecified_ja(point: Point) -> str:
    """The same in Japanese: 1990年代, 1600年代, 1900～1909年, 1999年（月不明）, 1999年1月（日不明）."""
    masked = point.unspecified or ""
    if point.precision < Precision.YEAR:
        first, last = point.earliest.year, point.latest.year
        if _named(point):
            return f"{first}年代"
        if first < 1:
            return f"紀元前{1 - first}～{1 - last}年" if last < 1 else f"{year_ja(first)}～{year_ja(last)}"
        return f"{first}～{last}年"
    year = year_ja(point.year)
    if point.precision is Precision.MONTH:
        return f"{year}{point.month}月（{_UNKNOWN_JA['DD']}）"
    return f"{year}（{_UNKNOWN_JA['XX-XX' if masked.endswith('XX-XX') else 'XX']}）"


def _named(point: Point) -> bool:
    """Whether a masked year reads as "the 1990s" / "the 1600s": a decade whose tens digit is not 0, or a century,
    of our era (a decade like 190X would read as the century 19XX; B.C. ranges count down, so they are written out)."""
    first = point.earliest.year
    if first < 1 or point.precision is Precision.MILLENNIUM:
        return False
    return point.precision is Precision.CENTURY or (first // 10) % 10 != 0
