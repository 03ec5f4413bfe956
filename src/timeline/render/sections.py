"""The chronology's sections: which heading each entry sits under, and the headings' words. One description,
used by the Markdown chronology and the web page, so the two can never file an entry differently.

A section is (year, slot): month m is slot 2m, a season the slot after its last month's (spring after May,
summer after August, autumn after November, winter after February of the next year, headed with its own
year there), a year-only date the slot after December's ("During 2025"). An entry is filed by its *anchor*
(order.deciding_point: its start, or its end when the start is open or unknown). The entries are walked in
the order given: a heading starts when an entry's own section comes after the current one, so an entry that
`after:` moved below later entries stays in the current section and no heading repeats. Newest first
(`--reverse`), the same runs come in reverse. `timeline docs chronology` states the same rule for editors.
"""

from __future__ import annotations

from ..dates import EventDate, Precision
from ..model import Event, Timeline
from ..order import deciding_point, position

__all__ = ["HEADING_WORDS", "Section", "section_heading", "section_key", "sections", "year_heading"]

Section = tuple[tuple[int, int], list[Event]]  # ((year, slot), the events under that heading, in order)

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


def section_key(date: EventDate, group_by: str) -> tuple[int, int]:
    """(year, slot) of the section a date belongs to; sections compare in the one order."""
    day, precision = position(date), deciding_point(date).precision
    if group_by == "year":
        return (day.year, 0)
    if precision is Precision.YEAR:
        return (day.year, _YEAR_SLOT)
    return (day.year, 2 * day.month + (precision is Precision.SEASON))


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
    return HEADING_WORDS[lang]["year"].format(year=year)


def section_heading(key: tuple[int, int], lang: str) -> str:
    """The words of a section's heading under its year: 'January', 'Summer', 'Winter 2025', 'During 2025'."""
    year, slot = key
    words = HEADING_WORDS[lang]
    if slot == _YEAR_SLOT:
        return words["during"].format(year=year)
    if slot % 2:
        season = _SEASON_OF_SLOT[slot]
        if season == 24:  # winter is headed in the year after its own: name its own year
            return words["winter"].format(year=year - 1)
        return words["seasons"][season]
    return words["months"][slot // 2 - 1]
