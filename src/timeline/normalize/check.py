"""What "means the same" is for normalize: the validated timeline, positions aside, texts in Unicode NFC.

The check compares a fingerprint (a digest of everything the model's equality looks at) rather than two
models: the one of the input is taken and let go before the output is read back, so the two are never in
memory together (on 100 000 events each model is about a quarter of a gigabyte).
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from functools import lru_cache

from ..dates import EventDate, Point
from ..model import Timeline, Where

__all__ = ["canonical_timeline", "fingerprint"]


def fingerprint(timeline: Timeline, *, nfc: bool) -> bytes:
    """A digest of `timeline` as its equality sees it (with every text in NFC when `nfc`): two timelines have
    the same fingerprint exactly when they compare equal, barring a collision of BLAKE2b-256."""
    digest = hashlib.blake2b(digest_size=32)
    for name in _compared_fields(Timeline):
        value = getattr(timeline, name)
        digest.update(name.encode() + b"\0")
        for part in value if name == "events" else (value,):  # one event at a time (peak memory)
            # repr of nested tuples of text and numbers is unambiguous (texts quoted and escaped) and C-fast
            digest.update(repr(_plain(part, nfc)).encode("utf-8", "backslashreplace") + b"\n")
    return digest.digest()


def _plain(value: object, nfc: bool) -> object:
    """`value` as nested tuples of what its equality compares."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value) if nfc and not unicodedata.is_normalized("NFC", value) else value
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, (Point, EventDate)):  # spelled in canonical EDTF, which determines every field
        return type(value).__name__, str(value)
    if isinstance(value, tuple):
        return tuple(_plain(item, nfc) for item in value)
    if isinstance(value, dict):  # equal dictionaries may differ in order
        return tuple((key, _plain(item, nfc)) for key, item in sorted(value.items()))
    return (type(value).__name__, *(_plain(getattr(value, name), nfc) for name in _compared_fields(type(value))))


def canonical_timeline(timeline: Timeline) -> Timeline:
    """The timeline as its normalized file reads: every text in Unicode NFC (values are already trimmed)."""
    return _nfc(timeline)  # type: ignore[return-value]


def _nfc(value: object) -> object:
    """`value` with every text in NFC; the very same object when nothing changes (the common case: cheap)."""
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if isinstance(value, tuple):
        items = tuple(_nfc(item) for item in value)
        return value if all(new is old for new, old in zip(items, value)) else items
    if isinstance(value, dict):
        items = {key: _nfc(item) for key, item in value.items()}
        return value if all(items[key] is item for key, item in value.items()) else items
    if value is None or isinstance(value, (int, Point, EventDate, Where)):  # dates and positions hold no text
        return value
    changes = {}
    for name in _compared_fields(type(value)):
        old = getattr(value, name)
        new = _nfc(old)
        if new is not old:
            changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


@lru_cache(maxsize=None)
def _compared_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.compare)
