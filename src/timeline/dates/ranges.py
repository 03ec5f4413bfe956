"""Intervals as people write them (read by human.py): `Jan. 20-21, 2025`, `Jan. 30 – Feb. 2, 2025`,
`July–Sept. 2025`, `Summer–autumn 2025`, `2025年1月20日～21日`, and open ends: `until Jan. 19, 2025`, `from July
2025`, `2025年7月以降`. What render/dates.py writes reads back here.

An end written short borrows what it leaves out from the other end (`Jan. 20-21, 2025`: the start takes 2025,
the end January), but only when both ends are written to the same unit (day and day, month and month): `May-2025`
is May 2025, not an interval. Both ends give EDTF text, unchecked (edtf.py checks it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .messages import Refusal
from .diagnosis import SEASON_WORDS
from .edtf import MONTH_NAMES

INTERVAL_HINT = "an interval is START/END, e.g. 2025-07/2025-09; an open end is 2025-07/.. (from) or ../2025-07 (until)"
# The words and marks that make an interval, each written once: the patterns below are built from them, and a test
# checks that `timeline docs dates` shows each in a row that reads as documented. After NFKC `～` is `~`; the wave
# dash `〜` stays itself.
SEPARATOR_MARKS = ("-", "–", "—", "~", "〜")
SEPARATOR_WORDS = ("to", "until", "till", "through", "thru")
CLOSED_PREFIXES = ("from", "between")
UNTIL_WORDS, UNTIL_SUFFIXES = ("until", "till", "through", "before", "up to"), ("まで",)
FROM_WORDS, FROM_SUFFIXES = ("from", "since", "starting", "beginning"), ("以降", "から")


def _any(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words)


_SEPARATOR_RE = re.compile(rf"\s*(?:{_any(SEPARATOR_MARKS)})\s*|\s+(?:{_any(SEPARATOR_WORDS)})\s+", re.IGNORECASE)
_CLOSED_PREFIX_RE = re.compile(rf"(?:{_any(CLOSED_PREFIXES)})\s+", re.IGNORECASE)
_OPEN_RES = (  # (pattern, which end the text is)
    (re.compile(rf"(?:{_any(UNTIL_WORDS)})\s+(.+)", re.IGNORECASE), "end"),
    (re.compile(rf"(.+?)\s*(?:{_any(UNTIL_SUFFIXES)})"), "end"),
    (re.compile(rf"(?:{_any(FROM_WORDS)})\s+(.+)", re.IGNORECASE), "start"),
    (re.compile(rf"(.+?)\s*(?:{_any(FROM_SUFFIXES)})"), "start"),
)
_TOKEN_RE = re.compile(r"(\d+)\s*([年月日])|(\d+)|([^\W\d_]+)")
_JA_SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}
_RANGE_WORDS = re.compile(r"\b(?:to|until|till|through|before|from|since|between)\b|[–—~〜]|(?<![\d-])\d{1,2}\s*-\s*\d{1,2}(?![\d-])|以降|まで|から",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Parts:
    """What one end of an interval gives: its year, month, day or season (None for what it leaves out)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | None = None

    @property
    def unit(self) -> str:
        """The finest unit written: 'day', 'season', 'month' or 'year'."""
        return next(u for u in ("day", "season", "month", "year") if getattr(self, u) is not None)

    @property
    def edtf(self) -> str:
        middle = self.season if self.season is not None else self.month
        return f"{self.year:04d}" + (f"-{middle:02d}" if middle is not None else "") + (
            f"-{self.day:02d}" if self.day is not None else "")


@dataclass(frozen=True, slots=True)
class Ends:
    """The text of each end of an interval ('' for an unknown end, '..' for an open one), and whether the range
    is written as one ('Jan. 20–21, 2025', 'July–Sept. 2025': its qualifiers belong to both ends)."""

    start: str
    end: str
    shared: bool


def split_range(text: str) -> Ends | None:
    """The ends of an interval as written, or None when the text is not written as one."""
    for pattern, which in _OPEN_RES:
        match = pattern.fullmatch(text)
        if match and _split(match[1]) is None:
            return Ends("..", match[1], False) if which == "end" else Ends(match[1], "..", False)
    prefix = _CLOSED_PREFIX_RE.match(text)
    return _split(text[prefix.end():] if prefix else text)


def _split(text: str) -> Ends | None:
    separators = list(_SEPARATOR_RE.finditer(text))
    spaced = [found for found in separators if found.group() != found.group().strip()]
    if len(separators) != 1 and len(spaced) != 1:  # '2025-05-13 to 2025-05-20': the spaced one joins the ends
        return None
    separator = separators[0] if len(separators) == 1 else spaced[0]
    start, end = text[: separator.start()].strip(), text[separator.end():].strip()
    if not start or not end:
        return None
    return Ends("" if start == "?" else start, "" if end == "?" else end, separator.group() == separator.group().strip())


def read_parts(text: str) -> Parts | None:
    """The parts one end gives ('Jan. 20', '21, 2025', 'Sept. 2025', 'Summer', '2025年1月20日', '21日'), or None
    when it holds anything else."""
    if re.sub(r"[\s,.]", "", _TOKEN_RE.sub("", text)):
        return None
    found: dict[str, int] = {}
    for number, suffix, bare, word in _TOKEN_RE.findall(text):
        if word.lower() == "of":  # 'summer of 2025'
            continue
        unit, value = _unit(number or bare, suffix, word)
        if unit is None or unit in found:
            return None
        found[unit] = value
    if not found or ("season" in found and ("month" in found or "day" in found)):
        return None
    return Parts(**found)


def _unit(number: str, suffix: str, word: str) -> tuple[str | None, int]:
    if word:
        lowered = word.lower()
        season = SEASON_WORDS.get(lowered) or _JA_SEASONS.get(word)
        if season:
            return "season", season
        month = next((n for n, name in enumerate(MONTH_NAMES, 1) if len(word) >= 3 and name.lower().startswith(lowered)),
                     None)
        return ("month", month) if month else (None, 0)
    if len(number) == 4 and suffix in ("", "年"):
        return "year", int(number)
    if len(number) <= 2 and suffix in ("月", "日", ""):
        return ("month" if suffix == "月" else "day"), int(number)
    return None, 0


def complete(start: Parts, end: Parts, typed: str) -> tuple[str, str, bool] | None:
    """The EDTF of both ends, each short end given what it leaves out from the other, and whether anything was
    borrowed; None when the ends do not make an interval."""
    if start.year is None and end.year is None:
        return None
    if (start.year is None or end.year is None) and start.unit != end.unit:
        return None  # 'May-2025' is a month, not an interval
    borrowed = start.year is None or end.year is None
    start = replace(start, year=start.year or end.year)
    end = replace(end, year=end.year or start.year)
    if start.day is not None and start.month is None:
        start, borrowed = replace(start, month=end.month), True
    if end.day is not None and end.month is None:
        end, borrowed = replace(end, month=start.month), True
    if (start.day is not None and start.month is None) or (end.day is not None and end.month is None):
        return None
    if borrowed and (end.year, end.month or 0, end.day or 0) < (start.year, start.month or 0, start.day or 0):
        # 'Dec. 30 – Jan. 2, 2025': the start's year is not the end's, and guessing it would state a fact
        raise Refusal("ends-years", typed=typed, interval=INTERVAL_HINT)
    return start.edtf, end.edtf, borrowed


def looks_like_range(text: str) -> bool:
    """Whether free text is written as an interval ('July 2025 to Sept. 2025', 'from July 2025'), so that no
    single date read out of it should be offered in its place."""
    return _RANGE_WORDS.search(text) is not None
