"""What an export could not hold, event by event, and how it is said on stderr."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

NAMED_AT_MOST = 10  # ids named per kind of loss; the rest are counted, so 100k events give one readable line


@dataclass(frozen=True, slots=True)
class Loss:
    """One event lost `what` in the export: e.g. ("trump-inauguration", "topics after the first")."""

    event_id: str
    what: str


@dataclass(frozen=True, slots=True)
class Exported:
    """An export's bytes, everything the target format could not hold, and how many events it holds (`written`;
    None: every event it was given)."""

    data: bytes
    losses: tuple[Loss, ...] = ()
    written: int | None = None


def moment_outside(event) -> bool:
    """Whether an event is a time of day whose moment in UTC leaves the years 0001-9999 (`0001-01-01T00:00:00+14:00`
    is 31 December of year 0 in UTC): no datetime holds it, so no export can write it as a UTC time."""
    date = event.date
    point = None if date.is_interval else date.start
    return point is not None and point.time is not None and point.zone is not None and point.instant is None


def moment_loss(event_id: str, kept: str) -> Loss:
    """The one wording of that loss; `kept` says what the export did instead."""
    return Loss(event_id, f"a time whose UTC moment falls outside the years 0001-9999: {kept}")


def count_events(count: int) -> str:
    """'1 event', '58 events': the count as a reader writes it."""
    return f"{count} event" if count == 1 else f"{count} events"


def describe_losses(losses: Iterable[Loss], named: int = NAMED_AT_MOST) -> list[str]:
    """One line per kind of loss, naming the events: 'season (only in display_date): 2 events: a, b'."""
    by_what: dict[str, dict[str, None]] = {}  # what -> ids, first loss first (a dict: 100k events stay linear)
    for loss in losses:
        by_what.setdefault(loss.what, {})[loss.event_id] = None
    lines = []
    for what, found in by_what.items():
        ids = list(found)
        shown = ", ".join(ids[:named])
        more = f" and {len(ids) - named} more" if len(ids) > named else ""
        lines.append(f"{what}: {count_events(len(ids))}: {shown}{more}")
    return lines
