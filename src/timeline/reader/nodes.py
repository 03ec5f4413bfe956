"""The values every reader builds: YMap and YSeq with packed positions, and the limits every reader keeps.

A reader gives plain strings and None for scalars, and YMap/YSeq for collections; each collection knows where it,
its keys and its values stand. The compiled block reader (_block.c) takes the classes and SHIFT from here when it
is imported, so that a position is packed the same way whichever reader read the file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

MAX_DEPTH = 32  # an event file needs 6 levels; deeper is an accident or an attack
MAX_SCALAR = 100_000  # characters in one value; a summary is a few hundred
NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # plain scalars that mean "no value"

# A position is stored packed in one int, 0-based line << SHIFT | column, while a file is loaded: a large file holds
# millions of them, and a (line, column) tuple in a dict costs about three times the memory (issue #8).
SHIFT = 32
_COLUMN = (1 << SHIFT) - 1


def pack_position(line: int, column: int) -> int:
    """The packed form of a 1-based (line, column) (see unpack_position)."""
    return (line - 1) << SHIFT | (column - 1)


def unpack_position(packed: int) -> tuple[int, int]:
    """(line, column), 1-based, of a packed position (stored 0-based: one operation less while loading)."""
    return (packed >> SHIFT) + 1, (packed & _COLUMN) + 1


class YMap(dict):
    """A mapping that remembers where it, each key and each value stand (1-based line, column).

    `keys_at` and `values_at` map each key to its position and its value's. They are built on first use
    from a compact record the reader keeps (`_at`: each key, its packed position, then its value's), so a
    file's millions of positions cost little until someone asks; `value_at` reads one without building them.
    """

    __slots__ = ("line", "column", "_at", "_keys_at", "_values_at")

    @property
    def keys_at(self) -> dict[str, tuple[int, int]]:
        if self._keys_at is None:
            self._positions()
        return self._keys_at  # type: ignore[return-value]

    @property
    def values_at(self) -> dict[str, tuple[int, int]]:
        if self._values_at is None:
            self._positions()
        return self._values_at  # type: ignore[return-value]

    def value_at(self, key: str) -> tuple[int, int] | None:
        """The position of the value of `key` (None if it has none), without building `values_at`."""
        packed = self.packed(key)
        return None if packed is None else unpack_position(packed[1])

    def packed(self, key: str) -> tuple[int, int] | None:
        """The packed positions of `key` and of its value (see unpack_position), read from the record in place:
        for code that walks a whole file and would otherwise build two dictionaries for every mapping."""
        at = self._at
        try:
            index = at.index(key)
        except ValueError:
            return None
        if index + 2 < len(at) and at[index + 2].__class__ is int:
            return at[index + 1], at[index + 2]
        return None

    def _positions(self) -> None:
        keys_at, values_at = {}, {}
        key = None
        for item in self._at:
            if item.__class__ is str:
                key = item
            elif key not in keys_at:
                keys_at[key] = unpack_position(item)
            else:
                values_at[key] = unpack_position(item)
        self._keys_at, self._values_at = keys_at, values_at


class YSeq(list):
    """A sequence that remembers where it and each item stand (`items_at`, built on first use like YMap's)."""

    __slots__ = ("line", "column", "_at", "_items_at")

    @property
    def items_at(self) -> list[tuple[int, int]]:
        if self._items_at is None:
            self._items_at = [unpack_position(packed) for packed in self._at]
        return self._items_at

    @property
    def packed(self) -> list[int]:
        """The packed position of each item (see unpack_position), as the reader keeps them."""
        return self._at


# How a reader makes an empty collection at a 1-based (line, column); _block.c's new_node sets the same slots.
def new_map(line: int, column: int) -> YMap:
    """An empty YMap standing at (line, column), its positions to be recorded in `_at`."""
    node = YMap()
    node.line, node.column, node._at, node._keys_at, node._values_at = line, column, [], None, None
    return node


def new_seq(line: int, column: int) -> YSeq:
    """An empty YSeq standing at (line, column), its positions to be recorded in `_at`."""
    node = YSeq()
    node.line, node.column, node._at, node._items_at = line, column, [], None
    return node


def empty_sequence(at: tuple[int, int]) -> YSeq:
    """An empty list standing where a missing one would be, so callers need no special case."""
    return new_seq(*at)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large acyclic graph is built.

    Building a file's values (and later the model) allocates hundreds of thousands of containers and frees
    none, which makes the collector run again and again over objects that can never be garbage; pausing it
    roughly halves the time. The collector is restored as it was, so a caller that turned it off keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
