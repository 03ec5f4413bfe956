"""The words of `timeline diff` in English and Japanese: pure functions from a TimelineDiff's records to plain
strings, escaped by the format that writes them (render/diff_formats.py), never here.

A date change is said the way an editor would check it: the EDTF text and the date in words (render/dates.py),
"date moved from 2025-01-22 (Jan. 22, 2025) to 2025-01-20 (Jan. 20, 2025)", and a change of precision named
("precision raised from month to day"). A citation or a dispute added or removed is said so ("dispute opened",
"dispute settled"); a list of ids as what it gained and lost.
"""

from __future__ import annotations

import dataclasses

from ..dates import EventDate, Point
from ..diff import Change, TimelineDiff
from ..model import Actor, Citation, Claim, Correction, Dispute, Event, Source, Text, Topic
from .corrections import heading, notice
from .counts import NOUNS as _REGISTRY_NAMES
from .dates import format_date, format_precision
from .times import time_words, zone_label

__all__ = ["change_words", "record_words", "summary_words", "value_words"]

_WORDS = {
    "en": {"none": "(none)", "open": "“", "close": "”", "paren": " ({})", "arrow": " → ",
           "moved": "date moved from {} to {}", "changed": "date changed from {} to {}",
           "raised": "precision raised from {} to {}", "lowered": "precision lowered from {} to {}",
           "time": "time of day changed from {} to {}",
           "added": "added: {}", "removed": "removed: {}", "gained": "added {}", "lost": "removed {}", "join": "; ",
           "untitled": "(untitled)"},
    "ja": {"none": "（なし）", "open": "「", "close": "」", "paren": "（{}）", "arrow": " → ",
           "moved": "日付を{}から{}に変更", "changed": "日付を{}から{}に変更",
           "raised": "精度を「{}」から「{}」に上げた", "lowered": "精度を「{}」から「{}」に下げた",
           "time": "時刻を{}から{}に変更",
           "added": "追加：{}", "removed": "削除：{}", "gained": "{}を追加", "lost": "{}を削除", "join": "、",
           "untitled": "（見出しなし）"},
}
# What a record added to or removed from a list is called: "citation added: ...", "dispute settled: ...".
_NOUNS = {
    "en": {Citation: ("citation added: {}", "citation removed: {}"), Claim: ("claim added: {}", "claim removed: {}"),
           Dispute: ("dispute opened: {}", "dispute settled: {}"),
           Correction: ("notice added: {}", "notice removed: {}")},
    "ja": {Citation: ("引用を追加：{}", "引用を削除：{}"), Claim: ("主張を追加：{}", "主張を削除：{}"),
           Dispute: ("食い違いが生じた：{}", "食い違いが解消した：{}"),
           Correction: (heading("ja") + "を追加：{}", heading("ja") + "を削除：{}")},
}


def value_words(value: object, lang: str) -> str:
    """One value as a reader sees it: a text in quotes, a date as EDTF and in words, a citation as its source and
    quote, a list of ids joined."""
    words = _WORDS[lang]
    if value is None or value == ():
        return words["none"]
    if isinstance(value, str):
        return words["open"] + value + words["close"]
    if isinstance(value, (EventDate, Point)):
        return str(value) + words["paren"].format(format_date(value, lang))
    if isinstance(value, Text):
        return value_words(value.get(lang), lang)
    if isinstance(value, Citation):
        return f"{value.source}: {value_words(value.quote, lang)}"
    if isinstance(value, Claim):
        return f"{value_words(value.says, lang)} ({value_words(value.citation, lang)})"
    if isinstance(value, Dispute):
        return value.about
    if isinstance(value, Correction):  # as readers read it: 'Correction (Feb. 3, 2025): ...'
        return notice(value, lang)
    if isinstance(value, tuple):
        return ", ".join(item if isinstance(item, str) else value_words(item, lang) for item in value)
    if dataclasses.is_dataclass(value):  # a record added to the model later: its fields, plainly
        return ", ".join(f"{f.name}={value_words(getattr(value, f.name), lang)}" for f in dataclasses.fields(value)
                         if f.compare and getattr(value, f.name) is not None)
    return str(value)


def change_words(change: Change, lang: str) -> str:
    """A change as one sentence, without its path: what it was and what it is now."""
    old, new = change.old, change.new
    words = _WORDS[lang]
    if isinstance(old, (EventDate, Point)) and isinstance(new, (EventDate, Point)):
        return _date_words(old, new, lang)
    if old is None or new is None:
        present = new if old is None else old
        added, removed = _NOUNS[lang].get(type(present), (words["added"], words["removed"]))
        return (added if old is None else removed).format(value_words(present, lang))
    if _ids(old) and _ids(new):
        return _ids_words(old, new, lang)
    return value_words(old, lang) + words["arrow"] + value_words(new, lang)


def _ids(value: object) -> bool:
    return isinstance(value, tuple) and all(isinstance(item, str) for item in value)


def _ids_words(old: tuple, new: tuple, lang: str) -> str:
    """What a list of ids gained and lost; its order alone, when that is all that changed."""
    words = _WORDS[lang]
    gained = [item for item in new if item not in old]
    lost = [item for item in old if item not in new]
    parts = ([words["gained"].format(", ".join(gained))] if gained else []) + (
        [words["lost"].format(", ".join(lost))] if lost else [])
    if not parts:  # the same ids in another order
        return value_words(old, lang) + words["arrow"] + value_words(new, lang)
    return words["join"].join(parts)


def _date_words(old: EventDate | Point, new: EventDate | Point, lang: str) -> str:
    """'date moved from A to B', or 'date changed from A to B; precision raised from month to day'."""
    words = _WORDS[lang]
    same = old.precision == new.precision
    sentence = words["moved" if same else "changed"].format(value_words(old, lang), value_words(new, lang))
    clock = _time_words(old, new, lang)
    if clock:
        sentence += words["join"] + clock
    if same:
        return sentence
    how = "raised" if new.precision > old.precision else "lowered"
    precision = words[how].format(format_precision(old.precision, lang), format_precision(new.precision, lang))
    return sentence + words["join"] + precision


def _time_words(old: EventDate | Point, new: EventDate | Point, lang: str) -> str:
    """'time of day changed from 3:05 p.m. UTC-4 to 3:35 p.m. UTC-4' when only the time of one day changed (or was added or
    removed), else ''."""
    one, other = (date if isinstance(date, Point) else None if date.is_interval else date.start for date in (old, new))
    if one is None or other is None or (one.year, one.month, one.day) != (other.year, other.month, other.day) or \
            (one.time, one.zone) == (other.time, other.zone):
        return ""
    zone = " {}" if lang == "en" else "（{}）"
    said = [_WORDS[lang]["none"] if point.time is None else time_words(point.time, lang)
            + zone.format(zone_label(point.zone, lang)) for point in (one, other)]
    return _WORDS[lang]["time"].format(*said)


def record_words(record: object, lang: str) -> str:
    """A record named for a reader: an event's date and title, a topic's or actor's name, a source's publisher
    and headline."""
    if isinstance(record, Event):
        return f"{value_words(record.date, lang)} {record.title.get(lang)}"
    if isinstance(record, (Topic, Actor)):
        return record.name.get(lang)
    if isinstance(record, Source):
        return f"{record.publisher}: {record.title if record.title is not None else _WORDS[lang]['untitled']}"
    return value_words(record, lang)


# The counts on stderr; a registry is named by its key in the file (`sources:`) in English, as `list` names it in
# Japanese (counts.py).
_SUMMARY = {
    "en": {"equal": "no differences", "events": "{} added, {} removed, {} renamed, {} changed event(s)",
           "title": "title changed", "added": "{} added", "removed": "{} removed", "changed": "{} changed",
           "registry": "{}: {}", "list": ", ", "join": "; "},
    "ja": {"equal": "違いはありません", "events": "出来事：追加 {}件、削除 {}件、ID変更 {}件、変更 {}件",
           "title": "タイトルを変更", "added": "追加 {}件", "removed": "削除 {}件", "changed": "変更 {}件",
           "registry": "{}：{}", "list": "、", "join": "。"},
}


def summary_words(diff: TimelineDiff, lang: str = "en") -> str:
    """The counts for stderr: `2 added, 1 removed, 1 renamed, 3 changed; sources: 1 changed`."""
    words = _SUMMARY[lang]
    if diff.equal:
        return words["equal"]
    parts = [words["events"].format(len(diff.added), len(diff.removed), len(diff.renamed), len(diff.changed))]
    if diff.title:
        parts.append(words["title"])
    for registry in diff.registries:
        counts = [words[kind].format(len(getattr(registry, kind))) for kind in ("added", "removed", "changed")
                  if getattr(registry, kind)]
        if counts:
            name = _REGISTRY_NAMES["ja"].get(registry.name, registry.name) if lang == "ja" else registry.name
            parts.append(words["registry"].format(name, words["list"].join(counts)))
    return words["join"].join(parts)
