"""What `compare` finds between two timelines: frozen records of model values, no words and no I/O.

A change holds the model's own values (an `EventDate`, a `Text`, a `Citation`, a tuple of ids), not text, so
each renderer words or encodes them its own way (render/diff.py, render/diff_formats.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Event

__all__ = ["Change", "Changed", "RegistryDiff", "Renamed", "TimelineDiff"]


@dataclass(frozen=True, slots=True)
class Change:
    """One value that differs, at a dyff-style `path` inside its record: `date`, `title.en`,
    `citations[0].quote`, `disputes[duration].claims[1].says.ja`. `old` is None for something added, `new` is
    None for something removed (a citation, a dispute, `notes`)."""

    path: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class Changed:
    """A record (event, topic, actor, source) present on both sides under one id, with what differs."""

    id: str
    old: object
    new: object
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Renamed:
    """An event whose id changed and nothing else."""

    old_id: str
    new_id: str
    event: Event  # as it is on the new side


@dataclass(frozen=True, slots=True)
class RegistryDiff:
    """Records of one registry (`topics`, `actors` or `sources`) added, removed or changed, by id."""

    name: str
    added: tuple = ()
    removed: tuple = ()
    changed: tuple[Changed, ...] = ()

    @property
    def equal(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class TimelineDiff:
    """Everything that differs between an old and a new timeline. `title` holds the changes of the dataset's own
    title (`title.en`); events are in the order of the side they are on (the new side's for changes)."""

    title: tuple[Change, ...] = ()
    added: tuple[Event, ...] = ()
    removed: tuple[Event, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    changed: tuple[Changed, ...] = ()
    registries: tuple[RegistryDiff, ...] = ()

    @property
    def equal(self) -> bool:
        """Whether the two timelines say the same thing (comments and layout never count)."""
        return not (self.title or self.added or self.removed or self.renamed or self.changed) and all(
            registry.equal for registry in self.registries)
