"""The cache's codec (cache/codec.py) keeps every field of every model class.

The fixture is built from the model itself: each field of each dataclass reachable from Timeline (and Problem)
gets a value of its own, never its default, so a field added to model.py that the codec does not encode comes
back as its default, or not at all, and the round trip differs. Positions, order and file names are compared
too, although the model's equality leaves them out.
"""

from __future__ import annotations

import dataclasses
import enum
import itertools
import types
import typing

import pytest

from timeline import model
from timeline.cache import codec
from timeline.dates import EventDate, Point, parse_edtf, parse_point
from timeline.errors import Problem

# Values the codec writes as text rather than field by field: one example each, with qualifiers, so that
# nothing about them is a default. A new kind of leaf (a field whose type is none of these and no dataclass)
# makes `example` fail and say what to add here.
LEAVES = {
    EventDate: lambda n: parse_edtf(f"{2000 + n % 50}-21~/{2051 + n % 40}-06-13?"),
    Point: lambda n: parse_point(f"{2000 + n % 50}-0{1 + n % 9}-2{n % 9}"),
}


class Examples:
    """Values for a type hint, each one distinct from every other (so that two fields swapped are noticed)."""

    def __init__(self) -> None:
        self.counter = itertools.count(1)
        self.seen: set[type] = set()

    def example(self, hint, where: str):
        number = next(self.counter)
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (typing.Union, types.UnionType):  # X | None: an X, never None
            (inner,) = [arg for arg in args if arg is not type(None)]
            return self.example(inner, where)
        if origin is tuple:
            return tuple(self.example(args[0], f"{where}[]") for _ in range(2))
        if origin is dict:
            entries = [self.example(args[1], f"{where}{{}}") for _ in range(2)]
            return {entry.id: entry for entry in entries}  # registries are keyed by their entries' ids
        if hint is str:
            return f"{where} #{number} ユニコード"
        if hint is bool:
            return True
        if hint is int:
            return 1000 + number
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return list(hint)[-1]  # the last member: no default of ours is the last (checked below)
        if hint in LEAVES:
            return LEAVES[hint](number)
        if dataclasses.is_dataclass(hint):
            return self.instance(hint)
        pytest.fail(f"no example for {where} of type {hint!r}: add one to LEAVES in tests/unit/test_cache_codec.py")

    def instance(self, cls: type):
        """An instance of `cls` with every field set, each to something other than its default."""
        self.seen.add(cls)
        hints = typing.get_type_hints(cls)
        values = {}
        for field in dataclasses.fields(cls):
            value = self.example(hints[field.name], f"{cls.__name__}.{field.name}")
            default = field.default if field.default is not dataclasses.MISSING else dataclasses.MISSING
            assert value != default, f"the example for {cls.__name__}.{field.name} is its default: choose another"
            values[field.name] = value
        return cls(**values)


def everything(value):
    """`value` as plain data with every field, those left out of equality (positions, order, files) included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, everything(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, (tuple, list)):
        return tuple(everything(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, everything(item)) for key, item in value.items())
    return value


def round_trip(timeline, problems):
    return codec.decode("".join(codec.encode(timeline, problems)).encode("utf-8")).result()


def test_a_fully_populated_timeline_and_its_problems_come_back_whole():
    examples = Examples()
    timeline = examples.instance(model.Timeline)
    problems = [examples.instance(Problem) for _ in range(3)]
    decoded, decoded_problems = round_trip(timeline, problems)
    assert everything(decoded) == everything(timeline)
    assert everything(decoded_problems) == everything(problems)
    assert decoded == timeline and decoded_problems == problems


def test_every_model_class_is_reached():
    """The walk covers every dataclass in model.py: one that Timeline cannot reach would not be in the cache
    either, and should be added to the codec and to the model's tree, or to this list of exceptions."""
    examples = Examples()
    examples.instance(model.Timeline)
    defined = {value for value in vars(model).values()
               if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__}
    assert defined <= examples.seen, f"not reachable from Timeline: {sorted(c.__name__ for c in defined - examples.seen)}"


def test_no_timeline_and_no_problems():
    assert round_trip(None, []) == (None, [])


def test_the_problems_and_facts_come_back_without_building_the_timeline(monkeypatch):
    """What `timeline validate` reads from a cached entry: the problems and the facts it needs (something to
    withhold, the latest correction), the events rebuilt only when the timeline is asked for, and then once."""
    import datetime

    from timeline.checked import Facts

    examples = Examples()
    timeline = examples.instance(model.Timeline)
    problems = [examples.instance(Problem) for _ in range(2)]
    built = []
    real = codec._decode_timeline
    monkeypatch.setattr(codec, "_decode_timeline", lambda *args: built.append(1) or real(*args))
    for facts in (Facts(True, datetime.date(2025, 12, 3)), Facts(False, None), Facts(True, None)):
        checked = codec.decode("".join(codec.encode(timeline, problems, facts)).encode("utf-8"))
        assert checked.facts == facts
    assert not built
    assert checked.problems == problems and checked.valid and not built
    assert checked.timeline() == timeline and checked.timeline() is checked.timeline() and built == [1]
    empty = codec.decode("".join(codec.encode(None, problems)).encode("utf-8"))
    assert not empty.valid and empty.facts == Facts() and empty.timeline() is None


def test_a_field_the_codec_does_not_encode_is_caught(monkeypatch):
    """The check itself: an encoder that drops one field (here an actor's aliases) fails the round trip."""
    real = codec._registries

    def forgetful(timeline, files):
        encoded = real(timeline, files)
        encoded["actors"] = [[*actor[:3], [], actor[4]] for actor in encoded["actors"]]
        return encoded

    monkeypatch.setattr(codec, "_registries", forgetful)
    timeline = Examples().instance(model.Timeline)
    decoded, _ = round_trip(timeline, [])
    assert everything(decoded) != everything(timeline)
