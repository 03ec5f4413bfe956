"""Dates as they are written in Japanese: `2025年5月13日`, `2025年夏`, `2025年第3四半期`, `2025年7～9月期`, era years
(`令和7年5月`, `令和元年`, `R7.5.13`) and kanji numerals (`令和七年五月`). Each gives EDTF text, unchecked (edtf.py
checks it), after NFKC (so full-width digits are ASCII and `～` is `~`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from .messages import Refusal

_JA_RE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?|([春夏秋冬]))?")
_JA_SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}
_QUARTER_RE = re.compile(r"(\d{4})\s*年\s*(度\s*)?第\s*([1-4])\s*四半期")
_MONTHS_RE = re.compile(r"(\d{4})\s*年\s*(度\s*)?(\d{1,2})\s*月?\s*[~〜\-–]\s*(\d{1,2})\s*月\s*期?")
_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", "0123456789"))
_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十]+(?=\s*[年月日])|(?<=第)[一二三四](?=\s*四半期)")


@dataclass(frozen=True, slots=True)
class Era:
    """A Japanese era: its name, its Latin initial (`R7.5.13`), and its first and last day."""

    name: str
    initial: str
    first: datetime.date
    last: datetime.date

    def year(self, number: int) -> int:
        """The Gregorian year of the era's year `number` (1 is 元年, the year the era began)."""
        return self.first.year + number - 1


ERAS = (
    Era("令和", "R", datetime.date(2019, 5, 1), datetime.date(9999, 12, 31)),
    Era("平成", "H", datetime.date(1989, 1, 8), datetime.date(2019, 4, 30)),
    Era("昭和", "S", datetime.date(1926, 12, 25), datetime.date(1989, 1, 7)),
)
_ERA_RE = re.compile(rf"({'|'.join(era.name for era in ERAS)})\s*(元|\d{{1,2}})\s*年")
_INITIAL_RE = re.compile(rf"([{''.join(era.initial for era in ERAS)}])\s*(\d{{1,2}})[./](\d{{1,2}})(?:[./](\d{{1,2}}))?",
                         re.IGNORECASE)


def kanji_numerals(text: str) -> str:
    """Kanji numerals before 年, 月 or 日 (and in 第三四半期) as digits: `七年五月` is `7年5月`, `二〇二五年` `2025年`."""
    return _KANJI_NUMBER.sub(lambda match: str(_kanji_value(match.group())), text)


def _kanji_value(numeral: str) -> int:
    if "十" not in numeral:  # written digit by digit: 二〇二五
        return int("".join(_KANJI_DIGITS[c] for c in numeral))
    tens, _, ones = numeral.partition("十")
    return int(_KANJI_DIGITS.get(tens, "1") if tens else "1") * 10 + (int(_KANJI_DIGITS[ones]) if ones else 0)


def era_years(text: str) -> tuple[str, list[tuple[Era, str, int]]]:
    """The text with each era year (`令和7年`, `R7.5.13`) as its Gregorian year, and the eras found with what was
    typed and the year it is, so that the date can be checked to fall in its era."""
    found: list[tuple[Era, str, int]] = []

    def by_name(match: re.Match) -> str:
        era = next(era for era in ERAS if era.name == match[1])
        year = era.year(1 if match[2] == "元" else int(match[2]))
        found.append((era, match.group(), year))
        return f"{year}年"

    def by_initial(match: re.Match) -> str:
        era = next(era for era in ERAS if era.initial == match[1].upper())
        year = era.year(int(match[2]))
        found.append((era, match.group(), year))
        return f"{year}年{int(match[3])}月" + (f"{int(match[4])}日" if match[4] else "")

    text = _ERA_RE.sub(by_name, text)
    if _INITIAL_RE.fullmatch(text):  # only a whole date: an R or an H inside words is no era
        text = _INITIAL_RE.sub(by_initial, text)
    return text, found


def check_era(era: Era, typed: str, edtf: str, earliest: datetime.date, latest: datetime.date) -> None:
    """A DateError when `typed`, written in `era` and read as `edtf`, falls wholly outside the era (平成31年5月:
    平成 ended in April 2019)."""
    if latest < era.first or earliest > era.last:
        began = latest < era.first
        day = (era.first if began else era.last).isoformat()
        raise Refusal("era-outside", typed=typed, era=era.name, edtf=edtf,
                      bound=f"{'began' if began else 'ended'} on {day}", bound_ja=f"{day}に{'始まった' if began else '終わった'}")


def from_japanese(text: str) -> str | None:
    """EDTF text for '2025年', '2025年5月', '2025年5月13日' or '2025年夏' (unchecked), else None."""
    match = _JA_RE.fullmatch(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    year, month, day, season = match.groups()
    if season is not None:
        return f"{year}-{_JA_SEASONS[season]}"
    return year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")


def japanese_months(text: str) -> tuple[str, str] | None:
    """(EDTF interval, what kind) for a quarter (`2025年第3四半期`) or a range of months (`2025年7～9月期`), else
    None. A fiscal year (年度) is refused: where it starts depends on who counts it."""
    quarter, months = _QUARTER_RE.fullmatch(text), _MONTHS_RE.fullmatch(text)
    match = quarter or months
    if match is None:
        return None
    if match[2]:
        raise Refusal("fiscal-year", typed=text)
    year = int(match[1])
    if quarter:
        first = 3 * int(match[3]) - 2
        return f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}", "quarter"
    start, end = int(match[3]), int(match[4])
    if end < start:  # 2025年12月～2月: the year of the end is not written, and 2025-02 would state another fact
        raise Refusal("year-end", typed=text, year=year, next_year=year + 1, start=f"{year:04d}-{start:02d}",
                      guess=f"{year:04d}-{start:02d}/{year + 1:04d}-{end:02d}")
    return f"{year:04d}-{start:02d}/{year:04d}-{end:02d}", "months"
