"""How a source's headline is named to a reader: as published, or, for an article without one
(`untitled: true`), a phrase in the output language.

The phrase is our own words, not the article's: renderers write it where the headline would go but never in
the quotation marks (“…”, 「…」) that mark a headline as published.
"""

from __future__ import annotations

__all__ = ["UNTITLED", "untitled", "unnamed", "withheld"]

UNTITLED = {"en": "untitled article", "ja": "見出しなし"}


def withheld(source) -> bool:
    """Whether `source` is a private source's placeholder in the public view (internal.py): it has no headline to
    name, and is cited as "Unnamed source" alone, never "untitled article"."""
    return source.private and source.title is None


def unnamed(lang: str) -> str:
    """'Unnamed source' / '匿名の情報源' in `lang` (English for any other), for a bilingual output."""
    from ..internal import UNNAMED_SOURCE

    return UNNAMED_SOURCE["ja" if lang.split("-")[0].lower() == "ja" else "en"]


def untitled(lang: str) -> str:
    """'untitled article' / '見出しなし': what stands for a missing headline in `lang` (English for any other)."""
    return UNTITLED["ja" if lang.split("-")[0].lower() == "ja" else "en"]
