"""How a selection of events uses each topic, actor or source (count, first and last date): what the registry
listings show as tables (grid.py, table.py) and as JSON and CSV (export.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import EventDate
from ..model import Event


@dataclass(frozen=True, slots=True)
class Usage:
    """How a topic, actor or source is used by a selection of events: count and first/last event dates."""

    events: int = 0
    first: EventDate | None = None  # date of the first event in chronological order
    last: EventDate | None = None  # date of the last one


def usage_by(events: Sequence[Event], registry: str) -> dict[str, Usage]:
    """Usage of every id of `registry` ('topics', 'actors' or 'sources') among `events` (in date order)."""
    ids_of = {"topics": lambda e: e.topics, "actors": lambda e: e.actors, "sources": lambda e: e.source_ids}[registry]
    found: dict[str, Usage] = {}
    for event in events:
        for entry_id in dict.fromkeys(ids_of(event)):
            before = found.get(entry_id)
            found[entry_id] = Usage(
                (before.events if before else 0) + 1, before.first if before else event.date, event.date
            )
    return found
