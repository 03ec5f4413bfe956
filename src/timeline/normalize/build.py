"""An event file's loaded values laid out as output units, in the canonical order (`timeline docs normalize`).

A unit starts an output line: a mapping entry, or a list item (head None). Where no comment can go (an event without
one: most of a file), an entry or item is its text instead, a str: its first line without indentation, every further
line indented (the writer then only indents and joins; tests/reliability/test_normalize_fast.py checks that this
gives the text the units give). The walk is fixed by the shape
below and numbers, as it goes, every place a comment can belong to (a mark). comments.py walks the same way
to learn where each mark stands, and the units pick their comments up by number while they are built: the
two walks agree because they are this one code.

Events are built one at a time, in the one order (order.py), as the writer asks for them (`Events`): a file of
100 000 events never has all of its output units at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import EventDate, parse_edtf
from ..format import (ACTOR_KEYS, BILINGUAL, CITATION_KEYS, CLAIM_KEYS, CORRECTION_KEYS, DISPUTE_KEYS, EVENT_KEYS,
                      SOURCE_KEYS, TOP_KEYS)
from ..load import MAX_DEPTH, YMap, YSeq, unpack_position
from ..order import chronological
from .scalars import DATE, FLAG, POINT, SLUG, TEXT, VERSION, clean, format_scalar, format_value

__all__ = ["ROOT", "Builder", "Events", "Notes", "Unit"]


# -- the shape of an event file ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Map:
    order: tuple[str, ...]
    fields: dict
    flow: bool = False
    entries: tuple[tuple[str, object], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # each key with its value's shape, in the order: looked up once, not per mapping
        object.__setattr__(self, "entries", tuple((key, self.fields[key]) for key in self.order))


@dataclass(frozen=True)
class Registry:
    entry: Map


@dataclass(frozen=True)
class List:
    item: object
    flow: bool = False
    chronological: bool = False


@dataclass(frozen=True)
class OneOrMany:
    """One id written plain (`after: a`, also from `[a]`), several as a flow list (`after: [a, b]`)."""

    item: str


_BILINGUAL = Map(BILINGUAL, {"ja": TEXT, "en": TEXT})
_IDS = List(SLUG, flow=True)
_CITATION = Map(CITATION_KEYS, {"source": SLUG, "quote": TEXT})
# A claim's `says` is a short phrase pair, written on one line as in `timeline docs format`: `says: {ja: ..., en: ...}`.
_CLAIM = Map(CLAIM_KEYS, {"says": Map(BILINGUAL, _BILINGUAL.fields, flow=True), "source": SLUG, "quote": TEXT,
                          "date": DATE})
_DISPUTE = Map(DISPUTE_KEYS, {"about": SLUG, "note": _BILINGUAL, "claims": List(_CLAIM)})
_CORRECTION = Map(CORRECTION_KEYS, {"date": POINT, "kind": TEXT, "text": _BILINGUAL, "source": SLUG})
_EVENT = Map(EVENT_KEYS, {
    "id": SLUG, "date": DATE, "status": TEXT, "title": _BILINGUAL, "summary": _BILINGUAL, "topics": _IDS,
    "actors": _IDS, "after": OneOrMany(SLUG), "citations": List(_CITATION), "notes": _BILINGUAL, "disputes": List(_DISPUTE),
    "corrections": List(_CORRECTION), "internal": TEXT,
})
_ACTOR = Map(ACTOR_KEYS, {"ja": TEXT, "en": TEXT, "kind": TEXT, "aliases": List(TEXT, flow=True)})
_SOURCE_KINDS = {"published": POINT, "untitled": FLAG, "private": FLAG}  # every other source key is text
_SOURCE = Map(SOURCE_KEYS, {key: _SOURCE_KINDS.get(key, TEXT) for key in SOURCE_KEYS})
ROOT = Map(TOP_KEYS, {
    "version": VERSION, "title": _BILINGUAL, "timezone": TEXT, "topics": Registry(_BILINGUAL),
    "actors": Registry(_ACTOR), "sources": Registry(_SOURCE), "events": List(_EVENT, chronological=True),
})


# -- units ------------------------------------------------------------------------------------------------

Comment = tuple[int, str]  # (number in file order, text)


@dataclass(frozen=True, slots=True)
class Notes:
    """Where a file's comments go: by mark number, those written above the mark's unit and those after its
    first line; `rest` at the end of the file; `found` counts them all."""

    above: dict[int, list[Comment]] = field(default_factory=dict)
    after: dict[int, list[Comment]] = field(default_factory=dict)
    rest: tuple[Comment, ...] = ()
    found: int = 0


@dataclass(slots=True, eq=False)
class Unit:
    """What starts an output line (a mapping entry, or a list item when head is None) and its comments."""

    head: str | None  # an entry's first line, from its key on: `key: value`, or `key:` with units below it
    value: object = None  # what is written below the head: None, a list of units (or their lines), or Events
    # Comments, in file order: () until one is found (a large file has millions of units and few comments).
    before: list[Comment] | tuple = ()  # full-line comments printed above it
    trailing: list[Comment] | tuple = ()  # end-of-line comments printed after its first line


def _mark_number(item: int, count: int) -> int:
    """Marks are numbered within their event (item = 1 + the event's index in the file) or, for item 0, in
    the rest of the file: the numbers then agree however many events a walk skips or reorders."""
    return item << 32 | count


class Builder:
    """Turns one file's loaded values into units (one event at a time), giving each its comments.

    Marks and positions serve only to place comments: the walk takes them only in the items (see _mark_number)
    that have one, `marking` (most files have no comment at all, and a position costs a search of its mapping).
    """

    every_mark = False  # a walk that records every mark (comments.py) sets it

    def __init__(self, notes: Notes):
        self.notes = notes
        self.item, self.count = 0, 0  # the number of the next mark (see _mark_number)
        self.commented = {number >> 32 for number in (*notes.above, *notes.after)}
        self.marking = self.every_mark or 0 in self.commented

    def mark(self, at: int, depth: int, unit: Unit) -> None:
        """A place a comment can belong to: a key or item at packed position `at` (load.unpack_position)."""
        number = _mark_number(self.item, self.count)
        self.count += 1
        above, after = self.notes.above.get(number), self.notes.after.get(number)
        if above:
            unit.before = sorted((*unit.before, *above))
        if after:
            unit.trailing = sorted((*unit.trailing, *after))

    def scalar(self, at: int, owner: Unit, depth: int, indent: int) -> None:
        """A scalar value at `at`, written on its owner's line; `indent` is the column its parent starts at."""
        self.mark(at, depth + 1, owner)

    def mapping(self, node: YMap, spec: Map, depth: int) -> list[Unit | str]:
        return [self.entry(key, key, node, field, depth) for key, field in spec.entries if key in node]

    def entry(self, key: str, label: str, node: YMap, spec: object, depth: int) -> Unit | str:
        """The unit of `key`'s entry (written `label`), or only its line if it is one line without comments."""
        raw = node[key]
        if not self.marking:  # no comment can go here: the entry is its text (see the module's docstring)
            if spec.__class__ is str:
                return _head(label, None if raw is None else format_value(raw, spec))
            value = self.value(raw, spec, 0, None, depth, 0)
            if value.__class__ is list:  # the texts of its entries or items, one level deeper
                return f"{label}:" + _below(value, depth + 1)
            return _headed(Unit(None), label, value)
        unit = Unit(None)
        key_at, value_at = node.packed(key)
        self.mark(key_at, depth, unit)
        return _headed(unit, label, self.value(raw, spec, value_at, unit, depth, _column(key_at) - 1))

    def value(self, raw: object, spec: object, at: int, owner: Unit, depth: int, indent: int) -> object:
        if raw is None:
            return None
        shape = spec.__class__
        if shape is str:
            if self.marking:
                self.scalar(at, owner, depth, indent)
            return format_value(raw, spec)
        if shape is Map:
            return self.flow_mapping(raw, spec, owner, depth) if spec.flow else self.mapping(raw, spec, depth + 1) or "{}"
        if shape is OneOrMany:
            return self.one_or_many(raw, at, spec.item, owner, depth, indent)
        if shape is Registry:
            units = [self.entry(key, format_scalar(key), raw, spec.entry, depth + 1) for key in sorted(raw)]
            return units or "{}"
        if spec.flow:
            return self.flow(raw, spec.item, owner, depth)
        if spec.chronological:
            return Events(self, raw, spec, depth + 1) if raw else "[]"
        return self.sequence(raw, spec, depth + 1) or "[]"

    def flow(self, raw: YSeq, kind: str, owner: Unit, depth: int) -> str:
        """An id or alias list, written `[a, b]`; comments inside it belong to the entry that holds it."""
        if not self.marking:
            return "[" + ", ".join([format_value(item, kind, True) for item in raw]) + "]"
        items, indent = [], raw.column - 1  # a block scalar item ends where a line comes back to the dash
        for item, at in zip(raw, raw.packed):
            self.scalar(at, owner, depth, indent)
            items.append(format_value(item, kind, flow=True))
        return "[" + ", ".join(items) + "]"

    def one_or_many(self, raw: object, at: int, kind: str, owner: Unit, depth: int, indent: int) -> str:
        """`after`: an id, or a list of them, in its canonical form (see OneOrMany)."""
        if not isinstance(raw, YSeq):
            if self.marking:
                self.scalar(at, owner, depth, indent)
            return format_value(raw, kind)
        if len(raw) != 1:
            return self.flow(raw, kind, owner, depth)
        if self.marking:
            self.scalar(raw.packed[0], owner, depth, raw.column - 1)
        return format_value(raw[0], kind)

    def flow_mapping(self, raw: YMap, spec: Map, owner: Unit, depth: int) -> str:
        """A mapping of texts written `{ja: ..., en: ...}`; comments inside it belong to the entry holding it."""
        pairs = []
        for key in (key for key in spec.order if key in raw):
            value = raw[key]
            if self.marking:
                key_at, value_at = raw.packed(key)
                self.mark(key_at, depth + 1, owner)
                if value is not None:
                    self.scalar(value_at, owner, depth, _column(key_at) - 1)
            pairs.append(f"{key}: {format_value(value, spec.fields[key], flow=True)}" if value is not None
                         else f"{key}:")
        return "{" + ", ".join(pairs) + "}"

    def sequence(self, raw: YSeq, spec: List, depth: int) -> list[Unit | str]:
        return [self.sequence_item(item, at, spec, depth) for item, at in zip(raw, raw.packed)]

    def sequence_item(self, raw: YMap, at: int, spec: List, depth: int) -> Unit | str:
        if not self.marking:  # its text: the first entry on the dash's line, the others below it
            entries = self.mapping(raw, spec.item, depth + 1)
            return "- " + entries[0] + _below(entries[1:], depth + 1)
        unit = Unit(None)
        self.mark(at, depth, unit)
        unit.value = self.mapping(raw, spec.item, depth + 1)
        return unit

    def event(self, events: Events, index: int) -> Unit | str:
        """The unit of the events list's item `index` (in file order), its marks numbered within it."""
        self.item, self.count = index + 1, 0
        self.marking = self.every_mark or self.item in self.commented
        return self.sequence_item(events.raw[index], events.raw.packed[index], events.spec, events.depth)


def _below(texts: list[str], depth: int) -> str:
    """Entry or item texts written below a line, each on lines of its own at `depth` (two spaces a level)."""
    if not texts:
        return ""
    pad = _BREAKS[depth]
    return pad + pad.join(texts)


_BREAKS = ["\n" + "  " * depth for depth in range(MAX_DEPTH + 2)]  # a line break and the indentation of a depth


def _head(label: str, value: str | None) -> str:
    """An entry's first line, from its key on, when its value is written there (or is null)."""
    return f"{label}:" if value is None else f"{label}: {value}"


def _headed(unit: Unit, label: str, value: object) -> Unit | str:
    """`unit` with its head and what goes below it; only the head's text if that is all there is to write."""
    if value is None or value.__class__ is str:
        unit.head = _head(label, value)
        return unit if unit.before or unit.trailing else unit.head
    unit.head, unit.value = f"{label}:", value
    return unit


def _column(packed: int) -> int:
    return unpack_position(packed)[1]


@dataclass(frozen=True, slots=True, eq=False)
class Events:
    """The events list, each event built only when the writer comes to it, in the one order (order.py), the file's
    own `after` entries included (an id another file defines does not order this one)."""

    builder: Builder
    raw: YSeq
    spec: List
    depth: int

    def units(self) -> Iterator[Unit]:
        for event in chronological(placed(item, index) for index, item in enumerate(self.raw)):
            yield self.builder.event(self, event.order)


class Placed(NamedTuple):
    """What order.py reads of an event still in its file; `order` is its index in the file."""

    id: str
    date: EventDate
    after: tuple[str, ...]
    order: int


def placed(item: Mapping, order: int) -> Placed:
    """An event mapping (read from a file, or plain values) as the order reads it, `order` its index."""
    return Placed(clean(str(item["id"])), parse_edtf(clean(str(item["date"]))), after_ids(item.get("after")), order)


def after_ids(value: object) -> tuple[str, ...]:
    """The ids of a (valid) `after` value: one id, or a list of them (read from a file, or plain values)."""
    if value is None:
        return ()
    return tuple(clean(str(ref)) for ref in value) if isinstance(value, list) else (clean(str(value)),)
