"""Two timelines -> a TimelineDiff: a semantic comparison keyed by id, not by line.

Values are compared as the model holds them, so comments, quoting, key order, indentation and flow or block
style never count; positions (`where`) and file order are excluded from the model's equality already.

Records are walked field by field from their dataclass fields, so a field added to the model later (corrections,
internal notes) is compared without a change here; `hidden` names fields to leave out (notes for the newsroom
only, when an output must not show them). Dates and other atomic values are one change each; texts in two
languages one change per language; a list of records (citations, claims) is matched element by element, equal
ones first, so a quote edited in place is one change at `citations[0].quote`, not a removal and an addition.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from ..dates import EventDate, Point
from ..model import Dispute, Event, Timeline
from .result import Change, Changed, RegistryDiff, Renamed, TimelineDiff

__all__ = ["REGISTRIES", "compare", "compare_records"]

REGISTRIES = ("topics", "actors", "sources")
_ATOMIC = (EventDate, Point)  # dataclasses that are one value: a date changes as a whole
# Records in a list that are known by a key of theirs rather than by position: a dispute by what it is `about`.
_KEYS: dict[type, str] = {Dispute: "about"}


def compare(old: Timeline, new: Timeline, *, hidden: Collection[str] = ()) -> TimelineDiff:
    """What differs from `old` to `new`. Fields named in `hidden` are not compared anywhere."""
    hidden = frozenset(hidden)
    added, removed, changed = _keyed({e.id: e for e in old.events}, {e.id: e for e in new.events}, hidden)
    renamed, added, removed = _renames(added, removed, hidden)
    return TimelineDiff(
        title=tuple(compare_records(old.title, new.title, "title", hidden)),
        added=added, removed=removed, renamed=renamed, changed=changed,
        registries=tuple(_registry(name, getattr(old, name), getattr(new, name), hidden) for name in REGISTRIES),
    )


def compare_records(old: object, new: object, path: str = "", hidden: Collection[str] = ()) -> list[Change]:
    """The changes from one value to another, each at its path below `path` (`id` fields are the records' keys and
    are not compared)."""
    if old == new:
        return []
    if _walkable(old) and type(old) is type(new):
        return [change for field in dataclasses.fields(old) if field.compare and field.name not in hidden
                and field.name != "id"
                for change in compare_records(getattr(old, field.name), getattr(new, field.name),
                                              _join(path, field.name), hidden)]
    if _records(old) and _records(new):
        return _sequence(old, new, path, hidden)
    return [Change(path, old, new)]


def _walkable(value: object) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, _ATOMIC)


def _records(value: object) -> bool:
    """A tuple of records (citations, claims, disputes), as opposed to one of ids, which changes as a whole. An
    empty tuple is one too: its other side decides."""
    return isinstance(value, tuple) and all(_walkable(item) for item in value)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _keyed(old: Mapping, new: Mapping, hidden: frozenset[str], path: str = "") -> tuple[tuple, tuple, tuple]:
    """(added, removed, changed) between two dicts of records by id, in each side's order."""
    added = tuple(record for key, record in new.items() if key not in old)
    removed = tuple(record for key, record in old.items() if key not in new)
    changed = []
    for key, record in new.items():
        if key in old and (changes := compare_records(old[key], record, path, hidden)):
            changed.append(Changed(key, old[key], record, tuple(changes)))
    return added, removed, tuple(changed)


def _renames(added: tuple[Event, ...], removed: tuple[Event, ...], hidden: frozenset[str]):
    """Pairs of a removed and an added event that differ only in their id: (renamed, added, removed) left.
    Matched through a dict of their contents, so a file whose ids were all renamed is not compared pairwise."""
    waiting: dict[tuple, list[Event]] = {}
    for event in removed:
        waiting.setdefault(_content(event, hidden), []).append(event)
    renamed, still_added = [], []
    for event in added:
        twins = waiting.get(_content(event, hidden))
        if twins:
            renamed.append(Renamed(twins.pop(0).id, event.id, event))
        else:
            still_added.append(event)
    paired = {item.old_id for item in renamed}
    return tuple(renamed), tuple(still_added), tuple(event for event in removed if event.id not in paired)


def _content(record: object, hidden: frozenset[str]) -> tuple:
    """What `compare_records` compares of a record, as a key: every compared field but its id and `hidden`."""
    return tuple(getattr(record, field.name) for field in dataclasses.fields(record)
                 if field.compare and field.name != "id" and field.name not in hidden)


def _registry(name: str, old: Mapping, new: Mapping, hidden: frozenset[str]) -> RegistryDiff:
    added, removed, changed = _keyed(old, new, hidden)
    return RegistryDiff(name, added, removed, changed)


def _sequence(old: Sequence, new: Sequence, path: str, hidden: frozenset[str]) -> list[Change]:
    """Changes between two lists of records: by key when each has a distinct one (a dispute's `about`), else by
    position once equal records are set aside."""
    key = _KEYS.get(type((old or new)[0]))
    if key is not None and _distinct(old, key) and _distinct(new, key):
        return _by_key(old, new, path, key, hidden)
    unmatched_old = [index for index, item in enumerate(old) if item not in new]
    unmatched_new = [index for index, item in enumerate(new) if item not in old]
    changes = []
    for old_index, new_index in zip(unmatched_old, unmatched_new):  # in order: an edit in place is paired
        changes += compare_records(old[old_index], new[new_index], f"{path}[{new_index}]", hidden)
    paired = min(len(unmatched_old), len(unmatched_new))
    changes += [Change(f"{path}[{index}]", old[index], None) for index in unmatched_old[paired:]]
    changes += [Change(f"{path}[{index}]", None, new[index]) for index in unmatched_new[paired:]]
    return changes


def _distinct(items: Sequence, key: str) -> bool:
    values = [getattr(item, key) for item in items]
    return len(set(values)) == len(values)


def _by_key(old: Sequence, new: Sequence, path: str, key: str, hidden: frozenset[str]) -> list[Change]:
    before = {getattr(item, key): item for item in old}
    after = {getattr(item, key): item for item in new}
    changes = [Change(f"{path}[{name}]", item, None) for name, item in before.items() if name not in after]
    for name, item in after.items():
        if name not in before:
            changes.append(Change(f"{path}[{name}]", None, item))
        else:
            changes += compare_records(before[name], item, f"{path}[{name}]", hidden)
    return changes
