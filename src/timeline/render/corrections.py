"""Corrections, clarifications and updates as readers see them: the one description of their wording, in English
and Japanese, used by every output (`timeline docs corrections`). Plain text: each output escapes it its own way.

A notice is labelled with its kind and date, then says what was wrong and what is right, as AP and the Washington
Post print theirs ("Correction (Dec. 3, 2025): An earlier version of this chronology misstated ... It was Jan. 20,
not Jan. 22."). In Japanese the labels are the newspapers' own: 訂正 (a correction, as in 「…とあるのは…の誤りでした」),
補足 (a clarification: the papers' 「補足します」, adding what was missing without calling it wrong) and 更新 (an
update: what web news writes beside the time a story changed, 「…更新」). おわび is left out: an apology is the
newsroom's choice for a given error, not a label of its kind, and would be wrong on a clarification or an update.
The chronology's header says when it was last corrected ("Updated Dec. 3, 2025" / 「2025年12月3日更新」).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..dates import Point
from ..model import Correction, Event
from .dates import format_date

__all__ = ["corrected", "corrected_mark", "heading", "kind_word", "label", "latest", "notice", "separator",
           "updated", "words"]

_KINDS = {
    "en": {"correction": "Correction", "clarification": "Clarification", "update": "Update"},
    "ja": {"correction": "訂正", "clarification": "補足", "update": "更新"},
}
# What a list says beside a corrected event's title: its latest notice's kind, as a past participle, and date; with
# more than one notice, how many (an earlier correction is not hidden behind a later clarification).
_MARKS = {
    "en": {"correction": "corrected {date}", "clarification": "clarified {date}", "update": "updated {date}",
           "mark": " ({newest})", "several": " ({newest}; {count} notices)"},
    "ja": {"correction": "{date}訂正", "clarification": "{date}補足", "update": "{date}更新",
           "mark": "（{newest}）", "several": "（{newest}、計{count}件）"},
}
_WORDS = {
    "en": {"label": "{kind} ({date})", "separator": ": ", "updated": "Updated {date}",
           "list": "Corrections and updates"},
    "ja": {"label": "{kind}（{date}）", "separator": "：", "updated": "{date}更新",
           "list": "訂正・補足・更新"},
}


def _lang(lang: str) -> str:
    return "ja" if lang == "ja" else "en"


def words(lang: str) -> dict[str, str]:
    """The phrase table: `list` (the header's list), `updated`, `separator`."""
    return _WORDS[_lang(lang)]


def heading(lang: str) -> str:
    """What every output calls the notices: 'Corrections and updates' / '訂正・補足・更新' (the header's list, the
    `show` row, diff's words)."""
    return _WORDS[_lang(lang)]["list"]


def kind_word(kind: str, lang: str) -> str:
    """'Correction', 'Clarification', 'Update' / 訂正, 補足, 更新 (an unknown kind as written)."""
    return _KINDS[_lang(lang)].get(kind, kind)


def label(correction: Correction, lang: str) -> str:
    """'Correction (Dec. 3, 2025)' / '訂正（2025年12月3日）'."""
    return _WORDS[_lang(lang)]["label"].format(kind=kind_word(correction.kind, lang),
                                               date=format_date(correction.date, lang))


def separator(lang: str) -> str:
    """What comes between a label and its text: ': ' / '：'."""
    return _WORDS[_lang(lang)]["separator"]


def notice(correction: Correction, lang: str) -> str:
    """The whole notice as plain text: 'Correction (Dec. 3, 2025): An earlier version ...'."""
    return label(correction, lang) + separator(lang) + correction.text.get(_lang(lang))


def _key(point: Point) -> tuple:
    return (point.earliest, point.precision, point.latest)


def corrected(events: Iterable[Event]) -> list[tuple[Correction, Event]]:
    """Every notice of the events with its event, newest first (ties in the events' order): the header's list."""
    found = [(correction, event) for event in events for correction in event.corrections]
    return sorted(found, key=lambda pair: _key(pair[0].date), reverse=True)


def latest(events: Iterable[Event]) -> Point | None:
    """The date of the newest notice in the events, or None when none has one."""
    return max((c.date for e in events for c in e.corrections), key=_key, default=None)


def updated(events: Iterable[Event], lang: str) -> str | None:
    """'Updated Dec. 3, 2025' / '2025年12月3日更新' for the newest notice, or None."""
    newest = latest(events)
    return None if newest is None else _WORDS[_lang(lang)]["updated"].format(date=format_date(newest, lang))


def corrected_mark(event: Event, lang: str) -> str:
    """' (corrected Dec. 3, 2025)' / '（2025年12月3日訂正）' for a list's title cell, from the newest notice, with
    how many there are when more than one (' (clarified Dec. 5, 2025; 2 notices)' / '（2025年12月5日補足、計2件）');
    '' for an event without one."""
    newest = latest([event])
    if newest is None:
        return ""
    kind = next(c.kind for c in reversed(event.corrections) if c.date == newest)
    marks = _MARKS[_lang(lang)]
    said = marks.get(kind, marks["correction"]).format(date=format_date(newest, lang))
    count = len(event.corrections)
    return marks["several" if count > 1 else "mark"].format(newest=said, count=count)
