"""How a source's headline is named to a reader: as published, or, for an article without one
(`untitled: true`), a phrase in the output language.

The phrase is our own words, not the article's: renderers write it where the headline would go but never in
the quotation marks (“…”, 「…」) that mark a headline as published.
"""

from __future__ import annotations

__all__ = ["UNTITLED", "untitled"]

UNTITLED = {"en": "untitled article", "ja": "見出しなし"}


def untitled(lang: str) -> str:
    """'untitled article' / '見出しなし': what stands for a missing headline in `lang` (English for any other)."""
    return UNTITLED["ja" if lang.split("-")[0].lower() == "ja" else "en"]
