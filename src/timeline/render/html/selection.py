"""What a filtered page shows, said in its header: 'Topic: AI policy · 15 events' / 'トピック：AI政策 · 15件'.

A page made with --topic, --actor, --source, --from, --to, --search or --limit is a selection, and a reader must
not take it for the whole chronology; the filter is the resolved one (registry ids), as `query` applied it.
"""

from __future__ import annotations

from ...dates import EventDate
from ...model import Timeline
from ...query import Filter
from ..dates import format_date
from .view import plain

__all__ = ["describe_selection", "is_selection"]

_WORDS = {
    "en": {"topic": "Topic: {}", "topics": "Topics: {}", "any": " or ", "every": " and ", "actor": "Actor: {}",
           "actors": "Actors: {}", "source": "Source: {}", "sources": "Sources: {}", "list": ", ",
           "between": "From {} to {}", "from": "From {}", "to": "Until {}", "search": "Search: “{}”",
           "limit": "First {:,}", "events": "{:,} events", "event": "1 event", "sep": " · "},
    "ja": {"topic": "トピック：{}", "topics": "トピック：{}", "any": "または", "every": "かつ", "actor": "関係者：{}",
           "actors": "関係者：{}", "source": "出典：{}", "sources": "出典：{}", "list": "、",
           "between": "{}から{}まで", "from": "{}以降", "to": "{}まで", "search": "検索：「{}」",
           "limit": "最初の{:,}件", "events": "{:,}件", "event": "1件", "sep": " · "},
}  # fmt: skip


def is_selection(selection: Filter | None) -> bool:
    """Whether the filter leaves anything out (ordering alone, --reverse, does not)."""
    return selection is not None and bool(selection.topics or selection.actors or selection.sources or
                                          selection.date_from or selection.date_to or selection.search or
                                          selection.limit is not None)


def describe_selection(timeline: Timeline, selection: Filter, count: int, lang: str) -> str:
    """The filter in words, then how many events it shows."""
    words = _WORDS[lang]
    parts = []
    joiner = words["every"] if selection.all_topics else words["any"]
    _names(parts, words, "topic", [timeline.topics[t].name.get(lang) for t in selection.topics], joiner)
    _names(parts, words, "actor", [timeline.actors[a].name.get(lang) for a in selection.actors], words["list"])
    _names(parts, words, "source", [_source_name(timeline, s) for s in selection.sources], words["list"])
    window = _window(selection.date_from, selection.date_to, lang, words)
    if window:
        parts.append(window)
    if selection.search:
        parts.append(words["search"].format(plain(selection.search)))
    if selection.limit is not None:
        parts.append(words["limit"].format(selection.limit))
    parts.append(words["event"] if count == 1 else words["events"].format(count))
    return words["sep"].join(parts)


def _names(parts: list[str], words: dict[str, str], key: str, names: list[str], joiner: str) -> None:
    if names:
        parts.append(words[key if len(names) == 1 else key + "s"].format(joiner.join(plain(n) for n in names)))


def _source_name(timeline: Timeline, source_id: str) -> str:
    source = timeline.sources[source_id]
    return source.publisher if source.title is None else f"{source.publisher}: {source.title}"


def _window(first: EventDate | None, last: EventDate | None, lang: str, words: dict[str, str]) -> str:
    if first is not None and last is not None:
        return words["between"].format(format_date(first, lang), format_date(last, lang))
    if first is not None:
        return words["from"].format(format_date(first, lang))
    if last is not None:
        return words["to"].format(format_date(last, lang))
    return ""


