"""A validation result (the timeline and every problem) as JSON and back, for the cache's entries.

JSON, not pickle: decoding can never run code. Each model object is a list of its fields in a fixed order (keys
repeated 100k times would double an entry), positions included, dates as their EDTF text; file names are stored
once and referred to by number. tests/test_cache_codec.py fills every field of every model class with a value of
its own and checks the round trip, so a field added to model.py but not here fails there.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import replace

from ..checked import Checked, Facts
from ..dates import EventDate, Point, parse_edtf, parse_point
from ..dates.eventdate import written_zone
from ..errors import Problem, Severity
from ..model import Actor, Citation, Claim, Correction, Dispute, Event, Source, Text, Timeline, Topic, Where
from ..reader.nodes import collector_paused

def encode(timeline: Timeline | None, problems: list[Problem], facts: Facts = Facts()) -> Iterator[str]:
    """The entry's text in pieces, two JSON documents on two lines: the timeline (`null` when there is none), its
    events one by one (the whole as one string would cost several times the file at 100k events); then what
    `Checked` holds without it: {"problems": [...], "facts": [...], "files": [...]}.

    File names are stored once and referred to by number; the list of them comes last, when all are known.
    """
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    files = _Files()
    if timeline is None:
        yield "null"
    else:
        event = _event_encoder(files)
        yield '{"events":['
        for number, item in enumerate(timeline.events):
            yield ("," if number else "") + dumps(event(item))
        yield "],"
        yield dumps(_registries(timeline, files))[1:]  # the rest of the timeline's object, its `}` included
    latest = facts.latest_correction
    yield '\n{"problems":' + dumps([[files.number(p.file), p.line, p.column, p.code, p.message, p.hint,
                                     p.severity.value] for p in problems])
    yield ',"facts":' + dumps([facts.internal, latest.isoformat() if latest else None])
    yield ',"files":' + dumps(list(files.names)) + "}"


def decode(data: bytes) -> Checked:
    """What `encode` wrote, read back: the problems and facts now, the timeline when it is asked for. Raises
    (ValueError, KeyError, TypeError, IndexError) on anything else; a timeline that cannot be rebuilt raises the
    same when asked for (the entry is signed, so only a bug can make it so)."""
    split = data.rindex(b"\n")
    summary = json.loads(data[split + 1:])
    names = summary["files"]
    problems = [Problem(names[f], line, column, code, message, hint, Severity(severity))
                for f, line, column, code, message, hint, severity in summary["problems"]]
    internal, latest = summary["facts"]
    facts = Facts(bool(internal), None if latest is None else datetime.date.fromisoformat(latest))
    valid = not data.startswith(b"null\n")
    built: list[Timeline | None] = []

    def build() -> Timeline | None:
        if not built:
            with collector_paused():  # JSON's lists and then the model: a large acyclic graph (see collector_paused)
                encoded = json.loads(data[:split])
                built.append(None if encoded is None else _decode_timeline(encoded, names))
        return built[0]

    return Checked(problems, valid, facts, build)


# -- encoding ---------------------------------------------------------------------------------------------------


class _Files:
    """File names stored once; positions refer to them by number."""

    def __init__(self) -> None:
        self.names: dict[str, int] = {}

    def where(self, where: Where) -> list:
        return [self.number(where.file), where.line, where.column]

    def number(self, name: str) -> int:
        number = self.names.get(name)
        if number is None:
            number = self.names[name] = len(self.names)
        return number


def _event_encoder(files: _Files):
    where = files.where

    def citation(c: Citation) -> list:
        return [c.source, c.quote, where(c.where)]

    def dispute(d: Dispute) -> list:
        claims = [[_pair(c.says), citation(c.citation), _dated(c.date) if c.date else None] for c in d.claims]
        return [d.about, claims, _pair(d.note), where(d.where)]

    def correction(c: Correction) -> list:
        return [_dated(c.date), c.kind, _pair(c.text), c.source, where(c.where)]

    def event(e: Event) -> list:
        return [e.id, _dated(e.date), _pair(e.title), _pair(e.summary), list(e.topics), list(e.actors),
                [citation(c) for c in e.citations], e.status, _pair(e.notes), [dispute(d) for d in e.disputes],
                where(e.where), e.order, list(e.after), [correction(c) for c in e.corrections], e.internal]

    return event


def _registries(timeline: Timeline, files: _Files) -> dict:
    where = files.where
    return {
        "title": _pair(timeline.title),
        "topics": [[t.id, _pair(t.name), where(t.where)] for t in timeline.topics.values()],
        "actors": [[a.id, _pair(a.name), a.kind, list(a.aliases), where(a.where)] for a in timeline.actors.values()],
        "sources": [[s.id, s.publisher, s.title, _dated(s.published), s.language, s.url, s.archive, s.author,
                     where(s.where), s.internal, s.private] for s in timeline.sources.values()],
        "timeline_files": [files.number(name) for name in timeline.files],
    }


def _pair(text: Text | None) -> list | None:
    return None if text is None else [text.ja, text.en]


# -- decoding ---------------------------------------------------------------------------------------------------


def _decode_timeline(encoded: dict, names: list[str]) -> Timeline:
    wheres: dict[tuple, Where] = {}

    def where(at: list) -> Where:
        key = (at[0], at[1], at[2])
        found = wheres.get(key)
        if found is None:
            found = wheres[key] = Where(names[at[0]], at[1], at[2])
        return found

    def citation(c: list) -> Citation:
        return Citation(c[0], c[1], where(c[2]))

    def dispute(d: list) -> Dispute:
        claims = tuple(Claim(Text(*says), citation(cited), None if date is None else _undated(date, parse_edtf))
                       for says, cited, date in d[1])
        return Dispute(d[0], claims, _text(d[2]), where(d[3]))

    def correction(c: list) -> Correction:
        return Correction(_undated(c[0], parse_point), c[1], Text(*c[2]), c[3], where(c[4]))

    events = tuple(
        Event(e[0], _undated(e[1], parse_edtf), Text(*e[2]), Text(*e[3]), tuple(e[4]), tuple(e[5]),
              tuple(citation(c) for c in e[6]), e[7], _text(e[8]), tuple(dispute(d) for d in e[9]), where(e[10]), e[11],
              tuple(e[12]), tuple(correction(c) for c in e[13]), e[14])
        for e in encoded["events"])
    return Timeline(
        Text(*encoded["title"]),
        {t[0]: Topic(t[0], Text(*t[1]), where(t[2])) for t in encoded["topics"]},
        {a[0]: Actor(a[0], Text(*a[1]), a[2], tuple(a[3]), where(a[4])) for a in encoded["actors"]},
        {s[0]: Source(s[0], s[1], s[2], _undated(s[3], parse_point), s[4], s[5], s[6], s[7], where(s[8]), s[9], s[10])
         for s in encoded["sources"]},
        events,
        tuple(names[f] for f in encoded["timeline_files"]),
    )


def _dated(date: EventDate | Point) -> str:
    """A date as its EDTF text; a time that took the file's `timezone` (an IANA name, not in the text) adds it after a
    space, which no EDTF text has."""
    point = date if isinstance(date, Point) else date.start
    if point is None or point.zone is None or written_zone(point.zone):
        return str(date)
    return f"{date} {point.zone}"


def _undated(text: str, parse):
    """The date `_dated` wrote, read with `parse` (parse_edtf or parse_point), its IANA zone put back."""
    edtf, _, zone = text.partition(" ")
    date = parse(edtf)
    if not zone:
        return date
    point = replace(date if isinstance(date, Point) else date.start, zone=zone)
    return point if isinstance(date, Point) else EventDate.from_point(point)


def _text(pair: list | None) -> Text | None:
    return None if pair is None else Text(*pair)
