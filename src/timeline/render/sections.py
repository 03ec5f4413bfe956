"""The chronology's sections: which heading each entry sits under, and the headings' words. One description,
used by the Markdown chronology and the web page, so the two can never file an entry differently.

A section is (year, slot): month m is slot 2m, a season the slot after its last month's (spring after May,
summer after August, autumn after November, winter after February of the next year, headed with its own
year there), a year-only date the slot after December's ("During 2025"). A date that spans more than one year
from a year-or-coarser anchor (a decade `199X`, a century, a millennium, an interval `-0500/0500`) gets a section
of its own after "During <its last-anchor year>", headed with its span ("The 1990s", "501 B.C. – A.D. 500"), so
no heading claims a single year for it; grouped by year, it keeps that heading too. An entry is filed by its *anchor*
(order.deciding_point: its start, or its end when the start is open or unknown). The entries are walked in
the order given: a heading starts when an entry's own section comes after the current one, so an entry that
`after:` moved below later entries stays in the current section and no heading repeats. Newest first
(`--reverse`), the same runs come in reverse. `timeline docs chronology` states the same rule for editors.
"""

from __future__ import annotations

from ..dates import EventDate, Precision
from ..model import Event, Timeline
from ..order import deciding_point, position
from .eras import year_en, year_ja

__all__ = ["HEADING_WORDS", "Section", "is_span", "section_heading", "section_key", "sections", "year_heading",
           "year_span"]

# ((year, slot), the events under that heading, in order); a span section's key is (year, _SPAN_SLOT, -first, last)
Section = tuple[tuple[int, ...], list[Event]]

HEADING_WORDS = {
    "en": {
        "year": "{year}",
        "during": "During {year}",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"),  # fmt: skip
        "seasons": {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"},
        "winter": "Winter {year}",
    },
    "ja": {
        "year": "{year}年",
        "during": "{year}年中",
        "months": tuple(f"{month}月" for month in range(1, 13)),
        "seasons": {21: "春", 22: "夏", 23: "秋", 24: "冬"},
        "winter": "{year}年冬",
    },
}
# The season of each odd slot (winter ends in February of the year after its own):
_SEASON_OF_SLOT = {11: 21, 17: 22, 23: 23, 5: 24}
_YEAR_SLOT = 100
_SPAN_SLOT = 200  # after "During <year>": a span sorts after the year-only dates of its anchor year


def section_key(date: EventDate, group_by: str) -> tuple[int, ...]:
    """(year, slot) of the section a date belongs to, or (year, span slot, -first year, last year) for a date
    spanning several years from a year-or-coarser anchor; sections compare in the one order."""
    day, precision = position(date), deciding_point(date).precision
    span = _span(date)
    if span is not None:
        first, last = span  # a wider span on the same last day sorts later (coarser after finer), as order.py puts it
        return (day.year, _SPAN_SLOT, -first, last)
    if group_by == "year":
        return (day.year, 0)
    if precision <= Precision.YEAR:  # a year, or a decade or century (199X) headed at its last year
        return (day.year, _YEAR_SLOT)
    return (day.year, 2 * day.month + (precision is Precision.SEASON))


def _span(date: EventDate) -> tuple[int, int] | None:
    """(first year, last year) of a date whose anchor is a year or coarser and which covers more than one year;
    None for any other date (a finer anchor heads the entry by its month; an open or unknown end spans nothing)."""
    deciding = deciding_point(date)
    if deciding.precision > Precision.YEAR:
        return None
    first = (date.start or deciding).earliest.year
    last_day = date.latest if date.end is not None else deciding.latest
    if last_day is None:  # an open or unknown end: the entry's own text says so
        last_day = deciding.latest
    last = max(last_day.year, deciding.latest.year)
    return (first, last) if last > first else None


def is_span(key: tuple[int, ...]) -> bool:
    """Whether a section key is a span's (its heading is shown even when grouping by year)."""
    return len(key) == 4


def sections(timeline: Timeline, events: list[Event], group_by: str) -> list[Section]:
    """The events in runs under one heading each (`group_by` is `month` or `year`). Walked oldest first, a
    heading starts where an event's own section comes after the current one; newest first, the same runs come
    in reverse. The runs, joined, are `events` in their order."""
    newest_first = _newest_first(timeline, events)
    runs: list[Section] = []
    for event in reversed(events) if newest_first else events:
        own = section_key(event.date, group_by)
        if not runs or own > runs[-1][0]:
            runs.append((own, []))
        runs[-1][1].append(event)
    return [(key, members[::-1]) for key, members in reversed(runs)] if newest_first else runs


def _newest_first(timeline: Timeline, events: list[Event]) -> bool:
    """Whether `events` run against the timeline's order (`--reverse`)."""
    if len(events) < 2:
        return False
    place = {event.id: index for index, event in enumerate(timeline.events)}
    first, last = place.get(events[0].id), place.get(events[-1].id)
    return first is not None and last is not None and first > last


def year_heading(year: int, lang: str) -> str:
    """The words of a year's heading: '2025' / '2025年'."""
    return HEADING_WORDS[lang]["year"].format(year=_year(year, lang))


def _year(year: int, lang: str) -> str:
    """A year as headings write it: 2025; 500 B.C. (紀元前500, before the template's 年)."""
    return year_en(year) if lang != "ja" else year_ja(year).removesuffix("年")


def section_heading(key: tuple[int, ...], lang: str) -> str:
    """The words of a section's heading under its year: 'January', 'Summer', 'Winter 2025', 'During 2025', or a
    span's: 'The 1990s', '1900–1909', '501 B.C. – A.D. 500' (1990年代, 紀元前501年～500年)."""
    if is_span(key):
        return _span_words(-key[2], key[3], lang)
    year, slot = key
    words = HEADING_WORDS[lang]
    if slot == _YEAR_SLOT:
        return words["during"].format(year=_year(year, lang))
    if slot % 2:
        season = _SEASON_OF_SLOT[slot]
        if season == 24:  # winter is headed in the year after its own: name its own year
            return words["winter"].format(year=_year(year - 1, lang))
        return words["seasons"][season]
    return words["months"][slot // 2 - 1]


def _span_words(first: int, last: int, lang: str) -> str:
    """A span of years: a decade or century of our era by its name (as render/eras.py names `199X`), else its
    first and last year, B.C. as the text writes it."""
    width = last - first + 1
    decade = width == 10 and first % 10 == 0 and first // 10 % 10 != 0  # 190X reads as its years, not "the 1900s"
    named = first >= 1 and ((width == 100 and first % 100 == 0) or decade)
    if named:
        return f"{first}年代" if lang == "ja" else f"The {first}s"
    return _range_words(first, last, lang)


def _range_words(first: int, last: int, lang: str) -> str:
    """First to last year: '1900–1909', '2000–1901 B.C.', '501 B.C. – A.D. 500'; 紀元前501年～500年."""
    if lang == "ja":
        if first < 1 and last < 1:
            return f"紀元前{1 - first}～{1 - last}年"
        return f"{year_ja(first)}～{year_ja(last)}" if first < 1 else f"{first}～{year_ja(last)}"
    if first < 1 and last < 1:
        return f"{year_en(first).removesuffix(' B.C.')}–{year_en(last)}"
    if first < 1:
        return f"{year_en(first)} – {year_en(last, after_bc=True)}"
    return f"{year_en(first)}–{year_en(last)}"


def year_span(first: int, last: int, lang: str) -> str:
    """First to last year in words (one year alone), not naming decades: '2024–2029', '500 B.C. – A.D. 2025'."""
    if first == last:
        return year_en(first) if lang != "ja" else year_ja(first)
    return _range_words(first, last, lang)
