"""Footnote numbering for the chronology: one footnote per article, however often it is cited, numbered in
order of first use in the text. One description, used by the Markdown chronology and the web page.

The text cites, for each event in order: the event's own sources (each once, where its summary ends), then
each dispute's sides in order (where the dispute is described), then each correction's `source` in order (where
the notice ends: the article that prompted it). `cited_by_event`, `Footnotes.cite` and `correction_source` are
that walk; a renderer that follows it numbers exactly as every other one does.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Correction, Event

__all__ = ["FootnoteRef", "Footnotes", "cited_by_event", "correction_source"]


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    """One mark in the text: footnote `number`, its `occurrence`-th use (1-based, for back-links)."""

    number: int
    occurrence: int
    source: str


class Footnotes:
    """Numbers sources in order of first use and counts each footnote's uses."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.uses: dict[int, int] = {}

    def cite(self, source_id: str) -> FootnoteRef:
        """The mark for one citation of `source_id`, numbering the source on its first use."""
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        self.uses[number] = self.uses.get(number, 0) + 1
        return FootnoteRef(number, self.uses[number], source_id)

    def cite_all(self, source_ids) -> list[FootnoteRef]:
        """One mark per distinct source, numbered in citing order, listed in ascending number: a reader sees
        "1 3", never "3 1", where one place cites several sources."""
        refs = [self.cite(source_id) for source_id in dict.fromkeys(source_ids)]
        return sorted(refs, key=lambda ref: ref.number)


def correction_source(correction: Correction, sources) -> str | None:
    """The source a correction's notice cites (its `source`, when the registry has it), else None."""
    return correction.source if correction.source is not None and correction.source in sources else None


def cited_by_event(event: Event) -> list[str]:
    """The event's own sources, each once, in the order it cites them (its disputes' sides come after)."""
    return list(dict.fromkeys(citation.source for citation in event.citations))
