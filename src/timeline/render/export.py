"""Events and registries for programs and spreadsheets: JSON, JSON Lines and CSV (`timeline docs json`).

Pure functions returning strings. JSON keeps ids and both languages (a program picks what it needs); CSV is
flat and in one language, for a spreadsheet. JSON and JSON Lines share one event -> dict conversion, so the
two can never drift apart.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from json.encoder import encode_basestring as _quote  # json's own (C) escaper for ensure_ascii=False

from ..dates import EventDate, Point
from ..model import Actor, Citation, Correction, Dispute, Event, Source, Text, Timeline, Topic
from .corrections import notice
from .dates import format_date
from .times import moment
from .headline import untitled
from .usage import Usage

LISTING_VERSION = 1  # bump when a key changes meaning or goes away; adding a key is not a new version

EVENT_CSV_HEADER = ("id", "date", "precision", "earliest", "latest", "title", "summary", "topics", "actors", "sources",
                    "after", "corrections")  # new columns go at the end: a spreadsheet or script may read them by position
REGISTRY_CSV_HEADERS = {
    "topics": ("id", "name", "events", "first", "last"),
    "actors": ("id", "name", "kind", "aliases", "events", "first", "last"),
    "sources": ("id", "publisher", "title", "published", "language", "url", "archive", "author", "events", "first",
                "last"),
}  # fmt: skip
LIST_SEPARATOR = ";"  # joins lists inside one CSV cell


# --- one conversion to plain data, shared by JSON and JSON Lines -------------------------------------------


def date_dict(date: EventDate | Point, lang: str) -> dict:
    """A date as data: EDTF text, precision, day bounds (ISO, null when open), qualifiers, display text."""
    return {
        "text": str(date),
        "precision": date.precision.name.lower(),
        "earliest": date.earliest.isoformat() if date.earliest else None,
        "latest": date.latest.isoformat() if date.latest else None,
        "uncertain": date.uncertain,
        "approximate": date.approximate,
        "display": format_date(date, lang),
        **_times(date),
    }


def _times(date: EventDate | Point) -> dict:
    """A moment's keys for a date with a time of day: `instant` (ISO 8601, UTC) and `zone` as written (`-04:00`,
    `Z`, or the file's IANA `timezone`). None for a date without one, so a listing without times is as it was."""
    instant, zone = moment(date)
    return {} if zone is None else {"instant": instant, "zone": zone}


def _text(text: Text | None) -> dict | None:
    return None if text is None else {"ja": text.ja, "en": text.en}


def _citation(citation: Citation) -> dict:
    return {"source": citation.source, "quote": citation.quote}


def _dispute(dispute: Dispute, lang: str) -> dict:
    claims = [
        {"says": _text(claim.says), "date": date_dict(claim.date, lang) if claim.date else None,
         **_citation(claim.citation)}
        for claim in dispute.claims
    ]  # fmt: skip
    return {"about": dispute.about, "note": _text(dispute.note), "claims": claims}


def event_dict(event: Event, lang: str) -> dict:
    """One event as JSON-ready data (the `events[]` item in `timeline docs json`)."""
    return {
        "id": event.id,
        "date": date_dict(event.date, lang),
        "status": event.status,
        "title": _text(event.title),
        "summary": _text(event.summary),
        "topics": list(event.topics),
        "actors": list(event.actors),
        "after": list(event.after),
        "citations": [_citation(c) for c in event.citations],
        "notes": _text(event.notes),
        "disputes": [_dispute(d, lang) for d in event.disputes],
        "corrections": [_correction(c, lang) for c in event.corrections],
        **({"internal_note": event.internal} if event.internal is not None else {}),  # only with --internal
    }


def _correction(correction: Correction, lang: str) -> dict:
    """A correction, clarification or update: its date, kind, text in both languages and the article that
    prompted it (a source id or null); `notice` is the labelled text in `lang`, as the chronology shows it."""
    return {"date": date_dict(correction.date, lang), "kind": correction.kind, "text": _text(correction.text),
            "source": correction.source, "notice": notice(correction, lang)}


def topic_dict(topic: Topic) -> dict:
    """A topic as data."""
    return {"id": topic.id, "name": _text(topic.name)}


def actor_dict(actor: Actor) -> dict:
    """An actor as data."""
    return {"id": actor.id, "name": _text(actor.name), "kind": actor.kind, "aliases": list(actor.aliases)}


def source_dict(source: Source, lang: str) -> dict:
    """A source article as data; `title` is the headline as published, null when `untitled` (no headline)."""
    return {
        "id": source.id, "publisher": source.publisher, "title": source.title, "untitled": source.untitled,
        "published": date_dict(source.published, lang), "language": source.language,
        "url": source.url, "archive": source.archive, "author": source.author,
        **({"private": True} if source.private else {}),  # withheld, or with --internal named
        **({"internal_note": source.internal} if source.internal is not None else {}),  # only with --internal
    }  # fmt: skip


def _dumps(document: object) -> str:
    """`json.dumps(document, ensure_ascii=False, indent=2)`, byte for byte, several times faster.

    With `indent`, Python's json module drops its C encoder for a pure-Python one (~9 s for 100k events);
    this writes the same text for the plain data these documents hold (dicts with text keys, lists, text,
    integers, booleans, null) with json's own C string escaper, and hands anything else to json.dumps.
    tests/test_render_json_speed.py checks the two agree.
    """
    parts: list[str] = []
    try:
        _indented(document, parts, "\n")
    except _Unusual:
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    parts.append("\n")
    return "".join(parts)


class _Unusual(Exception):
    """A value _indented does not write (a float, a non-text key): json.dumps writes the document instead."""


_LITERALS = {None: "null", True: "true", False: "false"}


def _indented(value: object, out: list[str], newline: str) -> None:
    """Append the JSON of `value` to `out`, nested lines starting with `newline` (json's indent=2 layout)."""
    kind = value.__class__
    if kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator, between = "{" + inner, "," + inner
        for key, item in value.items():  # type: ignore[attr-defined]
            label = _LABELS.get(key)
            if label is None:
                if key.__class__ is not str:
                    raise _Unusual
                label = _quote(key) + ": "
            out.append(separator + label)
            if item.__class__ in _NESTED:
                _indented(item, out, inner)
            else:
                out.append(_scalar(item))
            separator = between
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator, between = "[" + inner, "," + inner
        for item in value:  # type: ignore[attr-defined]
            if item.__class__ in _NESTED:
                out.append(separator)
                _indented(item, out, inner)
            else:
                out.append(separator + _scalar(item))
            separator = between
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


# The keys of our documents, written once ('"id": '); any other text key is quoted as it comes.
_LABELS = {key: _quote(key) + ": " for key in (
    "version", "lang", "count", "events", "id", "date", "status", "title", "summary", "topics", "actors",
    "citations", "notes", "disputes", "text", "precision", "earliest", "latest", "uncertain", "approximate",
    "display", "ja", "en", "source", "quote", "about", "note", "claims", "says", "name", "kind", "aliases",
    "publisher", "published", "language", "url", "archive", "author", "event", "sources", "untitled",
    "corrections", "notice", "instant", "zone")}
_NESTED = frozenset((dict, list, tuple))


def _scalar(value: object) -> str:
    kind = value.__class__
    if kind is str:
        return _quote(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool or value is None:
        return _LITERALS[value]
    raise _Unusual
# --- event listings --------------------------------------------------------------------------------------


def render_events_json(events: Sequence[Event], lang: str) -> str:
    """The `timeline list --format json` document: version, lang, count and the events."""
    return "".join(iter_events_json(events, lang))


def iter_events_json(events: Sequence[Event], lang: str) -> Iterator[str]:
    """`render_events_json` in pieces, one event at a time, so that a large listing is written without
    holding every event's data and the whole text at once (100k events: ~1 GB less)."""
    head = {"version": LISTING_VERSION, "lang": lang, "count": len(events), "events": []}
    if not events:
        yield _dumps(head)
        return
    yield _dumps(head)[: -len("[]\n}\n")] + "["
    separator = "\n    "
    for event in events:
        yield separator + _nested(event_dict(event, lang), "\n    ")
        separator = ",\n    "
    yield "\n  ]\n}\n"


def _nested(value: object, newline: str) -> str:
    """The indented JSON of `value` placed where lines start with `newline` (json.dumps' layout)."""
    parts: list[str] = []
    try:
        _indented(value, parts, newline)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)
    return "".join(parts)


def render_events_jsonl(events: Iterable[Event], lang: str) -> str:
    """One compact event object per line, the same shape as in the JSON document."""
    return "".join(json.dumps(event_dict(e, lang), ensure_ascii=False) + "\n" for e in events)


def render_event_json(event: Event, timeline: Timeline, lang: str) -> str:
    """The `timeline show --format json` document: the event and the registry entries it refers to."""
    sources = [timeline.sources[s] for s in event.source_ids if s in timeline.sources]
    document = {
        "version": LISTING_VERSION,
        "lang": lang,
        "event": event_dict(event, lang),
        "topics": [topic_dict(timeline.topics[t]) for t in event.topics if t in timeline.topics],
        "actors": [actor_dict(timeline.actors[a]) for a in event.actors if a in timeline.actors],
        "sources": [source_dict(s, lang) for s in sources],
    }
    return _dumps(document)


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _names(ids: Iterable[str], registry: dict, lang: str) -> str:
    """Registry names in `lang`, joined for one CSV cell; an id missing from the registry stays an id."""
    return LIST_SEPARATOR.join(registry[i].name.get(lang) if i in registry else i for i in ids)


def render_events_csv(events: Iterable[Event], timeline: Timeline, lang: str) -> str:
    """A flat CSV in one language: dates as displayed plus their precision and day bounds."""
    rows = (
        (e.id, format_date(e.date, lang), e.date.precision.name.lower(), _iso(e.date.earliest), _iso(e.date.latest),
         e.title.get(lang), e.summary.get(lang), _names(e.topics, timeline.topics, lang),
         _names(e.actors, timeline.actors, lang), LIST_SEPARATOR.join(e.source_ids), LIST_SEPARATOR.join(e.after),
         "\n".join(notice(c, lang) for c in e.corrections))
        for e in events
    )  # fmt: skip
    return _csv(EVENT_CSV_HEADER, rows)


def _iso(day) -> str:
    return day.isoformat() if day else ""


# --- registries ------------------------------------------------------------------------------------------


def _usage_dict(usage: Usage, lang: str) -> dict:
    return {"events": usage.events, "first": date_dict(usage.first, lang) if usage.first else None,
            "last": date_dict(usage.last, lang) if usage.last else None}  # fmt: skip


def _entry_dict(registry: str, entry: Topic | Actor | Source, lang: str) -> dict:
    if registry == "topics":
        return topic_dict(entry)  # type: ignore[arg-type]
    if registry == "actors":
        return actor_dict(entry)  # type: ignore[arg-type]
    return source_dict(entry, lang)  # type: ignore[arg-type]


def render_registry_json(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str) -> str:
    """`timeline topics|actors|sources --format json`: the entries with their usage in the selection."""
    items = [{**_entry_dict(registry, e, lang), **_usage_dict(usage.get(e.id, Usage()), lang)} for e in entries]
    return _dumps({"version": LISTING_VERSION, "lang": lang, "count": len(items), registry: items})


def _display(date: EventDate | None, lang: str) -> str:
    return format_date(date, lang) if date else ""


def registry_csv_row(registry: str, entry, usage: Usage, lang: str) -> tuple:
    """One CSV row for a registry entry (columns as REGISTRY_CSV_HEADERS)."""
    tail = (usage.events, _display(usage.first, lang), _display(usage.last, lang))
    if registry == "topics":
        return (entry.id, entry.name.get(lang), *tail)
    if registry == "actors":
        return (entry.id, entry.name.get(lang), entry.kind or "", LIST_SEPARATOR.join(entry.aliases), *tail)
    title = untitled(lang) if entry.title is None else entry.title
    return (entry.id, entry.publisher, title, format_date(entry.published, lang), entry.language,
            entry.url or "", entry.archive or "", entry.author or "", *tail)  # fmt: skip


def render_registry_csv(registry: str, entries: Sequence, usage: dict[str, Usage], lang: str) -> str:
    """A registry as CSV in one language."""
    rows = (registry_csv_row(registry, e, usage.get(e.id, Usage()), lang) for e in entries)
    return _csv(REGISTRY_CSV_HEADERS[registry], rows)
