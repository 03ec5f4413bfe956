"""What `list` and the registries say on stderr about how much they listed, in the output language."""

from __future__ import annotations

# The registries' names in each language, shared with `timeline diff`'s summary (render/diff.py).
NOUNS = {"en": {"topics": ("topic", "topics"), "actors": ("actor", "actors"), "sources": ("source", "sources")},
         "ja": {"events": "出来事", "topics": "トピック", "actors": "関係者", "sources": "出典"}}


def no_match(lang: str) -> str:
    """No event matches the filters."""
    return "該当する出来事はありません" if lang == "ja" else "no events match"


def events_listed(shown: int, total: int, lang: str) -> str:
    """'6 of 55 events' / '出来事55件中6件を表示'."""
    if lang == "ja":
        return f"出来事{total}件中{shown}件を表示"
    return f"{shown} of {total} events"  # "1 of 1 events": what scripts have matched on since the first release


def entries_listed(count: int, registry: str, lang: str, matched: tuple[int, int] | None = None) -> str:
    """'13 topics', or with filters '13 topics in 6 of 55 events' / 'トピック13件（出来事55件中6件から）'."""
    if lang == "ja":
        where = f"（出来事{matched[1]}件中{matched[0]}件から）" if matched else ""
        return f"{NOUNS['ja'][registry]}{count}件{where}"
    where = f" in {events_listed(*matched, lang)}" if matched else ""
    return f"{count} {_en(registry, count)}{where}"


def _en(noun: str, count: int) -> str:
    singular, plural = NOUNS["en"][noun]
    return singular if count == 1 else plural
